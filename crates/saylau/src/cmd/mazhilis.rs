//! `saylau mazhilis`: the Mazhilis party-list election under the law in force on a day (with a
//! what-if if asked), or beside a reform with `--compare`. The result is the core's
//! [`ListElection`], the same value the API and the pages show.

use saylau_core::data::VoteUnit;
use saylau_core::elections::results::ListElection;
use saylau_core::explain::Table;
use saylau_core::law::Law;

use crate::cmd::Done;
use crate::cmd::common::{done_for, list_error, list_input, render_list, what_if};
use crate::flags::{Format, KurultaiArgs, MazhilisArgs};
use crate::input::{InputError, Result};
use crate::output;

/// `saylau mazhilis`: lots required under either law (with `--compare`) is lots required.
pub fn run(args: &MazhilisArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let input = list_input(&args.votes, args.participating)?;
    let asked = what_if(&args.what_if, None)?;
    let run = |law: Law<'_>| -> Result<ListElection> {
        ListElection::run(law, args.date, &input, &asked).map_err(|e| list_error(&args.votes, e))
    };
    if !args.compare {
        let result = run(law)?;
        render_list(
            &result,
            args.output.format,
            args.output.explain,
            "Mazhilis party-list seats",
            out,
        )?;
        return Ok(done_for(&result));
    }
    if law.reforms.is_empty() && asked.is_empty() {
        return Err(InputError(
            "--compare needs a --reform FILE or a what-if (--threshold, --method, --seats)".into(),
        ));
    }
    // Compared: the law as enacted on the day beside the reforms and the what-if.
    let enacted = ListElection::run(law.enacted(), args.date, &input, &Default::default())
        .map_err(|e| list_error(&args.votes, e))?;
    let reformed = run(law)?;
    let done = done_for(&enacted).max(done_for(&reformed));
    if args.output.format == Format::Json {
        output::json(
            out,
            &serde_json::json!({ "enacted": enacted, "reformed": reformed }),
        )?;
        return Ok(done);
    }
    let what: Vec<String> = law
        .reforms
        .iter()
        .map(|r| format!("reform `{}`", r.name))
        .chain(asked.caption())
        .collect();
    out.push_str(&format!(
        "Mazhilis party-list seats, election of {}: the law as enacted beside {}\n\n",
        args.date,
        what.join(", ")
    ));
    if input.unit != VoteUnit::Votes {
        out.push_str(&format!("Counted in {}.\n", input.unit.describe()));
    }
    let counted = match input.unit {
        VoteUnit::Votes => "votes",
        VoteUnit::HundredthsOfPercent => "hundredths of %",
    };
    let mut t = Table::new(vec![
        "party",
        counted,
        "seats (enacted)",
        "seats (reform)",
        "change",
    ]);
    for (a, b) in enacted.rows.iter().zip(&reformed.rows) {
        let change = i128::from(b.seats) - i128::from(a.seats);
        t.row(vec![
            a.party.clone().into(),
            a.votes.into(),
            a.seats.into(),
            b.seats.into(),
            (if change == 0 {
                String::new()
            } else {
                format!("{change:+}")
            })
            .into(),
        ]);
    }
    output::table(out, &t);
    out.push_str(&format!(
        "\nenacted: {}; reform: {}\n",
        enacted.result.outcome.says(enacted.result.total_seats),
        reformed.result.outcome.says(reformed.result.total_seats)
    ));
    if args.output.explain {
        out.push_str("\nExplanation under the law as enacted\n");
        out.push_str(&saylau_core::explain::render_text(&enacted.result.steps));
        out.push_str("\nExplanation under the reform\n");
        out.push_str(&saylau_core::explain::render_text(&reformed.result.steps));
    }
    Ok(done)
}

/// `saylau kurultai`: the Kurultai's list election, by the same result builder and table.
pub fn run_kurultai(args: &KurultaiArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let input = list_input(&args.votes, args.participating)?;
    let result =
        ListElection::kurultai(law, args.date, &input).map_err(|e| list_error(&args.votes, e))?;
    render_list(
        &result,
        args.output.format,
        args.output.explain,
        "Kurultai party-list seats",
        out,
    )?;
    Ok(done_for(&result))
}

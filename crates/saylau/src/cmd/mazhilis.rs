//! `saylau mazhilis`: the Mazhilis party-list election under the law in force on the election
//! day, or beside a reform with `--compare`.

use saylau_core::elections::mazhilis::{self, ListResult};
use saylau_core::explain::Table;
use saylau_core::law::{Law, Reform};

use crate::cmd::Done;
use crate::cmd::common::{
    done_for, law_error, list_error, read_lists, render_list_result, status_line,
};
use crate::flags::{Format, MazhilisArgs};
use crate::input::{InputError, Result};
use crate::output;

/// `saylau mazhilis`: lots required under either law (with `--compare`) is lots required.
pub fn run(args: &MazhilisArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let lists = read_lists(&args.votes)?;
    let reforms = law.reforms;
    let run = |reforms: &[Reform]| -> Result<ListResult> {
        let law = law.with_reforms(reforms).at(args.date);
        mazhilis::mazhilis(law, &lists, args.participating).map_err(|e| match e {
            mazhilis::ListError::Law(l) => law_error(l),
            other => list_error(&args.votes, other),
        })
    };
    if args.compare {
        if reforms.is_empty() {
            return Err(InputError(
                "--compare needs at least one --reform FILE".into(),
            ));
        }
        let enacted = run(&[])?;
        let reformed = run(reforms)?;
        match args.output.format {
            Format::Json => output::json(
                out,
                &serde_json::json!({ "enacted": enacted, "reformed": reformed }),
            )?,
            Format::Table => {
                out.push_str(&format!(
                    "Mazhilis party-list seats, election of {}: the law as enacted beside reform {}\n\n",
                    args.date,
                    reforms.iter().map(|r| format!("`{}`", r.name)).collect::<Vec<_>>().join(", ")
                ));
                let mut t = Table::new(vec![
                    "party",
                    "votes",
                    "seats (enacted)",
                    "seats (reform)",
                    "change",
                ]);
                for ((party, a), (_, b)) in enacted.seats.iter().zip(&reformed.seats) {
                    let votes = lists
                        .iter()
                        .find(|l| &l.party == party)
                        .map(|l| l.votes)
                        .unwrap_or(0);
                    let change = i128::from(*b) - i128::from(*a);
                    t.row(vec![
                        party.clone().into(),
                        votes.into(),
                        (*a).into(),
                        (*b).into(),
                        (if change == 0 {
                            "".to_string()
                        } else {
                            format!("{change:+}")
                        })
                        .into(),
                    ]);
                }
                output::table(out, &t);
                out.push_str(&format!(
                    "\nenacted: {}; reform: {}\n",
                    status_line(&enacted),
                    status_line(&reformed)
                ));
                if args.output.explain {
                    out.push_str("\nExplanation under the law as enacted\n");
                    out.push_str(&saylau_core::explain::render_text(&enacted.steps));
                    out.push_str("\nExplanation under the reform\n");
                    out.push_str(&saylau_core::explain::render_text(&reformed.steps));
                }
            }
        }
        return Ok(done_for(&enacted).max(done_for(&reformed)));
    }
    let result = run(reforms)?;
    render_list_result(
        &result,
        &lists,
        args.output.format,
        args.output.explain,
        "Mazhilis party-list seats",
        out,
    )?;
    Ok(done_for(&result))
}

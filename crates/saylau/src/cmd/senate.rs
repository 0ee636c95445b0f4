//! `saylau senate`: Senate elections by maslikhat electors in each unit, and the seats the
//! president appoints.

use saylau_core::ask::{Question, SenateQuestion};
use saylau_core::law::Law;

use crate::cmd::Done;
use crate::cmd::common::{contest_specs, contests_done, render_contests};
use crate::flags::{Format, SenateArgs};
use crate::input::{InputError, Result, read_file};
use crate::output;

/// `saylau senate`.
pub fn run(args: &SenateArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let contests = saylau_formats::contests::read_senate(&args.votes, &read_file(&args.votes)?)?;
    let appointed: Vec<String> = match &args.appointed {
        Some(spec) => saylau_formats::contests::read_appointed(spec, &read_file(spec)?)?,
        None => Vec::new(),
    };
    let question = SenateQuestion {
        date: args.date,
        contests: contest_specs(contests),
        seats_per_unit: args.seats_per_unit,
        appointed,
    };
    let result = question
        .answer(law)
        .map_err(|e| InputError(format!("{}: {e}", args.votes)))?;
    let extra = format!(
        "\nAppointed by the president: {} seat(s){}\n",
        result.appointed.seats,
        if result.appointed.names.is_empty() {
            String::new()
        } else {
            format!(
                " ({} named: {})",
                result.appointed.names.len(),
                result.appointed.names.join(", ")
            )
        }
    );
    if args.output.format == Format::Json {
        output::json(out, &result)?;
        return Ok(contests_done(&result.contests));
    }
    if args.output.explain {
        out.push_str(&saylau_core::explain::render_text(&result.steps));
        out.push('\n');
    }
    render_contests(
        &format!("Senate elections of {} by maslikhat electors", args.date),
        &result.contests,
        Some(extra),
        args.output.explain,
        out,
    );
    Ok(contests_done(&result.contests))
}

//! `saylau senate`: Senate elections by maslikhat electors in each unit, and the seats the
//! president appoints.

use saylau_core::elections::majority;
use saylau_core::law::Law;

use crate::cmd::Done;
use crate::cmd::common::render_contests;
use crate::flags::{Format, SenateArgs};
use crate::input::{InputError, Result, read_file};

/// `saylau senate`.
pub fn run(args: &SenateArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let contests = saylau_formats::contests::read_senate(&args.votes, &read_file(&args.votes)?)?;
    let appointed: Vec<String> = match &args.appointed {
        Some(spec) => saylau_formats::contests::read_appointed(spec, &read_file(spec)?)?,
        None => Vec::new(),
    };
    let result = majority::senate(
        law.at(args.date),
        &contests,
        args.seats_per_unit,
        &appointed,
    )
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
    let json_extra = serde_json::json!({
        "date": args.date.to_string(),
        "appointed": result.appointed,
        "steps": result.steps,
    });
    if args.output.explain && args.output.format == Format::Table {
        out.push_str(&saylau_core::explain::render_text(&result.steps));
        out.push('\n');
    }
    render_contests(
        &format!("Senate elections of {} by maslikhat electors", args.date),
        &result.units,
        Some(extra),
        args.output.format,
        args.output.explain,
        json_extra,
        out,
    )
}

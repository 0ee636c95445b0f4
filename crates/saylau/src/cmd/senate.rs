//! `saylau senate`: Senate elections by maslikhat electors in each unit, and the seats the
//! president appoints.

use saylau_core::elections::majority;
use saylau_core::law::Law;

use crate::cmd::Done;
use crate::cmd::common::{read_contests, render_contests};
use crate::flags::{Format, SenateArgs};
use crate::input::{Csv, InputError, Result, read_source};

/// `saylau senate`.
pub fn run(args: &SenateArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let contests = read_contests(&args.votes, "unit", Some("electors"), false)?;
    let appointed: Vec<String> = match &args.appointed {
        Some(spec) => {
            let source = read_source(spec, |_| None)?;
            let csv = Csv::parse(&source.name, &source.text, &["name"])?;
            let col = csv.column("name").unwrap_or(0);
            csv.rows
                .iter()
                .map(|r| csv.text(r, col, "name"))
                .collect::<Result<_>>()?
        }
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

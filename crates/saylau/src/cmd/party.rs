//! `saylau party charter`: whether a party charter has every content the law requires.

use jiff::civil::Date;
use saylau_core::explain::Table;
use saylau_core::law::Law;
use saylau_core::parties::charter::{self, CharterError, Decision};

use crate::cmd::Done;
use crate::flags::{Format, PartyCommand};
use crate::input::{InputError, Result, read_file};
use crate::output;

/// Runs a `saylau party` command.
pub fn run(cmd: &PartyCommand, law: Law<'_>, out: &mut String) -> Result<Done> {
    match cmd {
        PartyCommand::Charter {
            file,
            date,
            format,
            explain,
        } => charter_check(file, *date, law, *format, *explain, out),
    }
}

/// `saylau party charter`: the decision is printed whether complete or incomplete; an
/// incomplete charter exits 1.
fn charter_check(
    spec: &str,
    date: Date,
    law: Law<'_>,
    format: Format,
    explain: bool,
    out: &mut String,
) -> Result<Done> {
    let text = saylau_formats::text::read_text(spec, &read_file(spec)?)?;
    let result = charter::check_charter(law.at(date), &text).map_err(|e| match e {
        CharterError::UnknownMarker { line, id, known } => InputError(format!(
            "{spec}:{line}: heading marker `{{#{}}}` names no charter content (known: {known})",
            saylau_core::text::quote(&id)
        )),
        other => InputError(format!("{spec}: {other}")),
    })?;
    match format {
        Format::Json => output::json(out, &result)?,
        Format::Table => {
            let mut t = Table::new(vec!["content", "title", "found", "line", "heading"]);
            for c in &result.contents {
                let (line, heading) = match &c.heading {
                    Some(h) => (h.line.into(), h.text.clone().into()),
                    None => (serde_json::Value::Null, serde_json::Value::Null),
                };
                t.row(vec![
                    c.id.clone().into(),
                    c.title.into(),
                    (if c.found { "yes" } else { "MISSING" }).into(),
                    line,
                    heading,
                ]);
            }
            output::table(out, &t);
            let decision = match result.decision {
                Decision::Complete => "complete",
                Decision::Incomplete => "incomplete",
            };
            out.push_str(&format!("\nDecision: {decision}: {}\n", result.reason));
            if explain {
                output::cited(out, "\nExplanation", &result.law);
            } else {
                for l in &result.law {
                    out.push_str(&format!("Law: {l}\n"));
                }
            }
        }
    }
    Ok(Done::refused_if(result.decision == Decision::Incomplete))
}

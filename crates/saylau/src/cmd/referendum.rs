//! `saylau referendum [ID]`: the national referendums of the built-in data, each under the law
//! of its day by the core's one referendum rule (`saylau_core::elections::referendum`).

use saylau_core::elections::referendum::{self, Outcome, ReferendumResult, Standing};
use saylau_core::explain::Table;
use saylau_core::law::Law;

use crate::cmd::Done;
use crate::cmd::common::dataset;
use crate::flags::{Format, ReferendumArgs};
use crate::input::{InputError, Result};
use crate::output;

/// `saylau referendum [ID]`.
pub fn run(args: &ReferendumArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let data = dataset()?;
    let chosen: Vec<_> = match &args.id {
        None => data.referendums.iter().collect(),
        Some(id) => vec![data.referendum(id).ok_or_else(|| {
            InputError(format!(
                "no referendum `{}` in the built-in data (`saylau referendum` lists them)",
                saylau_core::text::quote(id)
            ))
        })?],
    };
    let results: Vec<(&saylau_core::data::Referendum, ReferendumResult)> = chosen
        .into_iter()
        .map(|r| (r, referendum::referendum(law.at(r.date.earliest), r)))
        .collect();
    if args.output.format == Format::Json {
        let json: Vec<_> = results
            .iter()
            .map(|(r, result)| serde_json::json!({ "referendum": r, "result": result }))
            .collect();
        return match (&args.id, json.as_slice()) {
            (Some(_), [one]) => output::json(out, one).map(|()| Done::Ok),
            _ => output::json(out, &json).map(|()| Done::Ok),
        };
    }
    let mut t = Table::new(vec![
        "referendum",
        "date",
        "took part",
        "yes",
        "computed",
        "published",
    ]);
    for (r, result) in &results {
        t.row(vec![
            r.id.clone().into(),
            result.date.clone().into(),
            result
                .participation
                .as_ref()
                .map_or("?".into(), |s| s.percent_text())
                .into(),
            result
                .yes
                .as_ref()
                .map_or("?".into(), |s| s.percent_text())
                .into(),
            outcome_words(result.outcome).into(),
            result
                .published
                .clone()
                .unwrap_or_else(|| "?".into())
                .into(),
        ]);
    }
    output::table(out, &t);
    for (r, result) in &results {
        if args.id.is_some() {
            out.push_str(&format!("\n{} ({}): {}\n", r.title, r.date, r.question));
            for c in &result.conditions {
                out.push_str(&format!(
                    "  {}: {}\n",
                    c.condition,
                    match c.standing {
                        Standing::Met => "met",
                        Standing::NotMet => "not met",
                        Standing::NotKnown => "not known",
                    }
                ));
            }
        }
        if args.output.explain {
            out.push_str(&format!("\n{}", r.id));
            output::explanation(out, &result.steps);
        }
    }
    Ok(Done::Ok)
}

fn outcome_words(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Adopted => "adopted",
        Outcome::Rejected => "rejected",
        Outcome::NotDetermined => "not determined",
    }
}

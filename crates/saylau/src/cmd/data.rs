//! `saylau data`: the built-in data from the seed, each figure with its source.

use saylau_core::builtin;
use saylau_core::data::Figure;
use saylau_core::explain::Table;
use serde::Serialize;

use crate::cmd::Done;
use crate::cmd::common::dataset;
use crate::flags::{DataCommand, Format};
use crate::input::{InputError, Result};
use crate::output;

fn fig<T: Serialize>(f: &Figure<T>) -> String {
    match f.value() {
        Some(v) => match serde_json::to_value(v) {
            Ok(serde_json::Value::String(s)) => s,
            Ok(other) => other.to_string(),
            Err(_) => "?".into(),
        },
        None => "unknown".into(),
    }
}

/// An election's votes as CSV text, to edit and give back with `--votes FILE` (the commands
/// take `--votes builtin:ID` themselves, as typed values that keep what the numbers count).
fn votes_csv(name: &str) -> Option<String> {
    let data = builtin::data().ok()?;
    let votes = data.votes(name).ok()?;
    let body = match data.election(name)?.body {
        saylau_core::data::Body::Mazhilis => "party",
        _ => "candidate",
    };
    let mut out = format!("{body},votes\n");
    for (n, v) in &votes.rows {
        let quoted = if n.contains([',', '"']) {
            format!("\"{}\"", n.replace('"', "\"\""))
        } else {
            n.clone()
        };
        out.push_str(&format!("{quoted},{v}\n"));
    }
    Some(out)
}

/// Runs a `saylau data` command; none needs the rulebook.
pub fn run(cmd: &DataCommand, out: &mut String) -> Result<Done> {
    let data = dataset()?;
    match cmd {
        DataCommand::Units { format } => match format {
            Format::Json => output::json(out, &data.units)?,
            Format::Table => {
                let mut t = Table::new(vec!["id", "name", "kind"]);
                for u in &data.units {
                    t.row(vec![
                        u.id.clone().into(),
                        u.name.clone().into(),
                        serde_json::to_value(u.kind).unwrap_or_default(),
                    ]);
                }
                output::table(out, &t);
            }
        },
        DataCommand::Parties { party, format } => match party {
            Some(key) => {
                let Some(p) = data.party(key) else {
                    return Err(InputError(format!(
                        "no party `{key}` in the built-in data (`saylau data parties` lists them)"
                    )));
                };
                match format {
                    Format::Json => output::json(out, p)?,
                    Format::Table => {
                        out.push_str(&format!("{} ({})\n", p.name, p.short_name));
                        out.push_str(&format!(
                            "founded: {}; family: {}; camp: {}\n",
                            fig(&p.founded),
                            fig(&p.family),
                            fig(&p.camp)
                        ));
                        if let Some(st) = &p.status {
                            out.push_str(&format!(
                                "status: {}\n",
                                serde_json::to_string(st).unwrap_or_default()
                            ));
                        }
                        out.push_str("\nhistory:\n");
                        for e in &p.history {
                            out.push_str(&format!(
                                "  {}  {}: {}\n      source: {}\n",
                                e.date,
                                serde_json::to_value(e.kind)
                                    .unwrap_or_default()
                                    .as_str()
                                    .unwrap_or(""),
                                e.text,
                                e.source
                            ));
                        }
                    }
                }
            }
            None => match format {
                Format::Json => output::json(out, &data.parties)?,
                Format::Table => {
                    let mut t =
                        Table::new(vec!["id", "name", "founded", "family", "registered 2009"]);
                    for p in &data.parties {
                        t.row(vec![
                            p.id.clone().into(),
                            p.name.clone().into(),
                            fig(&p.founded).into(),
                            fig(&p.family).into(),
                            (if p.registered_2009 { "yes" } else { "no" }).into(),
                        ]);
                    }
                    output::table(out, &t);
                }
            },
        },
        DataCommand::Elections { election, format } => match election {
            Some(id) => {
                let Some(e) = data.election(id) else {
                    return Err(InputError(format!(
                        "no election `{id}` in the built-in data (`saylau data elections` lists them)"
                    )));
                };
                match format {
                    Format::Json => output::json(out, e)?,
                    Format::Table => {
                        out.push_str(&format!(
                            "{} ({})\nsource: {}\n\n",
                            e.title, e.date, e.source
                        ));
                        let mut t = Table::new(vec!["name", "share %", "votes", "seats / note"]);
                        for r in &e.rows {
                            let share = r.share.as_ref().map(fig).unwrap_or_else(|| "-".into());
                            let votes = r.votes.as_ref().map(fig).unwrap_or_else(|| "-".into());
                            let note = match (&r.text, r.contested) {
                                (Some(text), false) => text.clone(),
                                _ => serde_json::to_value(&r.seats)
                                    .ok()
                                    .filter(|v| !v.is_null())
                                    .map(|v| v.to_string())
                                    .unwrap_or_default(),
                            };
                            t.row(vec![
                                r.name.clone().into(),
                                share.into(),
                                votes.into(),
                                note.into(),
                            ]);
                        }
                        output::table(out, &t);
                    }
                }
            }
            None => match format {
                Format::Json => output::json(out, &data.elections)?,
                Format::Table => {
                    let mut t = Table::new(vec!["id", "date", "title"]);
                    for e in &data.elections {
                        t.row(vec![
                            e.id.clone().into(),
                            e.date.to_string().into(),
                            e.title.clone().into(),
                        ]);
                    }
                    output::table(out, &t);
                }
            },
        },
        DataCommand::Membership { format } => {
            let checks = data.densities();
            match format {
                Format::Json => output::json(
                    out,
                    &serde_json::json!({ "registered_voters_2007": data.registered_voters_2007, "membership": data.membership, "densities": checks }),
                )?,
                Format::Table => {
                    out.push_str(&format!("Density = members / registered voters × 100, registered voters (2007) = {}\n\n", fig(&data.registered_voters_2007)));
                    let mut t = Table::new(vec![
                        "party",
                        "2000 (or first figure)",
                        "2009",
                        "density (computed)",
                        "density (seed)",
                    ]);
                    for (row, check) in data.membership.iter().zip(&checks) {
                        let first = match (row.first.members, &row.first.text) {
                            (Some(m), _) => format!(
                                "{m}{}",
                                row.first
                                    .year
                                    .map(|y| format!(" ({y})"))
                                    .unwrap_or_default()
                            ),
                            (None, Some(text)) => text.clone(),
                            _ => "-".into(),
                        };
                        t.row(vec![
                            row.name.clone().into(),
                            first.into(),
                            fig(&row.members_2009).into(),
                            check
                                .computed_display
                                .clone()
                                .unwrap_or_else(|| "-".into())
                                .into(),
                            fig(&row.published_density).into(),
                        ]);
                    }
                    output::table(out, &t);
                    let differ: Vec<String> = checks
                        .iter()
                        .filter(|c| match (&c.computed_display, &c.published) {
                            (Some(a), Some(b)) => a != b.as_str(),
                            _ => false,
                        })
                        .map(|c| c.name.clone())
                        .collect();
                    if !differ.is_empty() {
                        out.push_str(&format!("\nThe seed's printed density differs from the computed one (rounded half up) for: {}\n", differ.join(", ")));
                    }
                }
            }
        }
        DataCommand::Votes { election } => match votes_csv(election) {
            Some(csv) => {
                // A CSV file has no place to say what its numbers count: say it beside it.
                if let Ok(v) = data.votes(election)
                    && v.unit != saylau_core::data::VoteUnit::Votes
                {
                    eprintln!(
                        "saylau: note: the numbers of `{election}` are {}, not vote counts",
                        v.unit_text
                    );
                }
                out.push_str(&csv);
            }
            None => {
                let why = match data.votes(election) {
                    Err(e) => e.to_string(),
                    Ok(_) => "unknown".into(),
                };
                return Err(InputError(format!("`{election}`: {why}")));
            }
        },
    }
    Ok(Done::Ok)
}

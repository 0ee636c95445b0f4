//! `saylau law`: the rulebook's parameters on a date, one parameter's timeline, the
//! parameters and acts, and a check of the law files.

use saylau_core::explain::Table;
use saylau_core::law::{Law, Param, Reform};
use serde::Serialize;

use crate::cmd::Done;
use crate::flags::{Format, LawCommand};
use crate::input::{InputError, Result};
use crate::output;

/// Runs a `saylau law` command.
pub fn run(cmd: &LawCommand, law: Law<'_>, out: &mut String) -> Result<Done> {
    let (book, reforms) = (law.book, law.reforms);
    match cmd {
        LawCommand::At { date, format } => {
            let rows: Vec<saylau_core::law::ParamAt> =
                Param::ALL.iter().map(|p| law.param_at(*p, *date)).collect();
            match format {
                Format::Json => output::json(
                    out,
                    &serde_json::json!({ "date": date.to_string(), "reforms": reform_names(reforms), "parameters": rows }),
                )?,
                Format::Table => {
                    out.push_str(&format!("The law on {date}"));
                    push_reforms(out, reforms);
                    out.push('\n');
                    let mut t = Table::new(vec!["parameter", "value", "from", "source"]);
                    for r in &rows {
                        let value = match (r.status.has_value(), &r.value) {
                            (true, Some(v)) => v.clone(),
                            _ => r.status.words().to_string(),
                        };
                        let source = match (&r.source, &r.why) {
                            (Some(s), _) => match &r.reform {
                                Some(name) => format!("[reform {name}] {s}"),
                                None => s.clone(),
                            },
                            (None, Some(w)) => w.clone(),
                            _ => String::new(),
                        };
                        t.row(vec![
                            r.parameter.into(),
                            value.into(),
                            r.from.clone().unwrap_or_else(|| "-".into()).into(),
                            source.into(),
                        ]);
                    }
                    output::table(out, &t);
                }
            }
            Ok(Done::Ok)
        }
        LawCommand::Show { name, format } => {
            let Some(param) = Param::from_name(name) else {
                return Err(InputError(format!(
                    "unknown parameter `{name}` (`saylau law params` lists them)"
                )));
            };
            #[derive(Serialize)]
            struct Period {
                from: String,
                #[serde(skip_serializing_if = "Option::is_none")]
                until: Option<String>,
                value: String,
                source: String,
                #[serde(skip_serializing_if = "Option::is_none")]
                act: Option<String>,
                #[serde(skip_serializing_if = "Option::is_none")]
                note: Option<String>,
                #[serde(skip_serializing_if = "Option::is_none")]
                reform: Option<String>,
                origin: String,
            }
            let mut periods: Vec<Period> = Vec::new();
            let mut push = |e: &saylau_core::law::Entry, reform: Option<&str>| {
                periods.push(Period {
                    from: e.from.to_string(),
                    until: e.until.map(|d| d.to_string()),
                    value: e.value.to_string(),
                    source: e.source.clone(),
                    act: e.act.clone(),
                    note: e.note.clone(),
                    reform: reform.map(str::to_string),
                    origin: e.origin.clone(),
                });
            };
            for e in book.timeline(param) {
                push(e, None);
            }
            for r in reforms {
                for e in r.timeline(param) {
                    push(e, Some(&r.name));
                }
            }
            match format {
                Format::Json => output::json(
                    out,
                    &serde_json::json!({
                        "parameter": param.name(),
                        "meaning": param.doc(),
                        "kind": param.kind().describe(),
                        "timeline": periods,
                    }),
                )?,
                Format::Table => {
                    out.push_str(&format!("{}: {}\n", param.name(), param.doc()));
                    out.push_str(&format!("kind: {}\n\n", param.kind().describe()));
                    for p in &periods {
                        let until = p
                            .until
                            .as_ref()
                            .map(|u| format!(" until {u}"))
                            .unwrap_or_default();
                        let reform = p
                            .reform
                            .as_ref()
                            .map(|r| format!(" [reform {r}]"))
                            .unwrap_or_default();
                        out.push_str(&format!("from {}{until}: {}{reform}\n", p.from, p.value));
                        out.push_str(&format!("    source: {}\n", p.source));
                        if let Some(act) = &p.act {
                            let title = book.act(act).map(|a| a.title.as_str()).unwrap_or("");
                            out.push_str(&format!("    act: {act} ({title})\n"));
                        }
                        if let Some(note) = &p.note {
                            out.push_str(&format!("    note: {note}\n"));
                        }
                        out.push_str(&format!("    written at: {}\n", p.origin));
                    }
                }
            }
            Ok(Done::Ok)
        }
        LawCommand::Params { format } => {
            let rows: Vec<serde_json::Value> = Param::ALL
                .iter()
                .map(|p| serde_json::json!({"parameter": p.name(), "kind": p.kind().describe(), "meaning": p.doc()}))
                .collect();
            match format {
                Format::Json => output::json(out, &rows)?,
                Format::Table => {
                    let mut t = Table::new(vec!["parameter", "kind", "meaning"]);
                    for p in Param::ALL {
                        t.row(vec![
                            p.name().into(),
                            p.kind().describe().into(),
                            p.doc().into(),
                        ]);
                    }
                    output::table(out, &t);
                }
            }
            Ok(Done::Ok)
        }
        LawCommand::Acts { format } => {
            match format {
                Format::Json => output::json(out, &book.acts())?,
                Format::Table => {
                    let mut t = Table::new(vec!["act", "date", "title", "source"]);
                    for a in book.acts() {
                        t.row(vec![
                            a.id.clone().into(),
                            a.date.to_string().into(),
                            a.title.clone().into(),
                            a.source.clone().into(),
                        ]);
                    }
                    output::table(out, &t);
                }
            }
            Ok(Done::Ok)
        }
        LawCommand::Check => {
            let entries: usize = Param::ALL.iter().map(|p| book.timeline(*p).len()).sum();
            out.push_str(&format!(
                "ok: {} parameters, {entries} dated values, {} acts",
                Param::ALL.len(),
                book.acts().len()
            ));
            for r in reforms {
                out.push_str(&format!(
                    "; reform `{}` changes {}",
                    r.name,
                    r.params().map(|p| p.name()).collect::<Vec<_>>().join(", ")
                ));
            }
            out.push('\n');
            Ok(Done::Ok)
        }
    }
}

fn reform_names(reforms: &[Reform]) -> Vec<String> {
    reforms.iter().map(|r| r.name.clone()).collect()
}

fn push_reforms(out: &mut String, reforms: &[Reform]) {
    if !reforms.is_empty() {
        out.push_str(&format!(
            ", with reform {} applied",
            reforms
                .iter()
                .map(|r| format!("`{}`", r.name))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
}

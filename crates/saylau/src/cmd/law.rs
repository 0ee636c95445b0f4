//! `saylau law`: the rulebook's parameters on a date, one parameter's timeline, the
//! parameters and acts, and a check of the law files.

use saylau_core::explain::Table;
use saylau_core::law::{Law, Param, ParamAt, Reform, Standing};
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
            let on = law.on(*date);
            match format {
                Format::Json => output::json(out, &on)?,
                Format::Table => {
                    out.push_str(&format!("The law on {date}"));
                    push_reforms(out, reforms);
                    out.push('\n');
                    horizon_note(out, &[*date], law);
                    let mut t = Table::new(vec!["parameter", "value", "from", "source"]);
                    for r in &on.parameters {
                        t.row(vec![
                            r.parameter.into(),
                            value_of(r).into(),
                            r.from.clone().unwrap_or_else(|| "-".into()).into(),
                            source_of(r).into(),
                        ]);
                    }
                    output::table(out, &t);
                }
            }
            Ok(Done::Ok)
        }
        LawCommand::Diff { from, to, format } => {
            let diff = law.compare(*from, *to);
            match format {
                Format::Json => output::json(out, &diff)?,
                Format::Table => {
                    out.push_str(&format!(
                        "The law on {from} and on {to}: {} of {} parameters differ",
                        diff.differences.len(),
                        Param::ALL.len()
                    ));
                    push_reforms(out, reforms);
                    out.push('\n');
                    horizon_note(out, &[*from, *to], law);
                    let mut t = Table::new(vec![
                        "parameter",
                        "on the first day",
                        "on the second day",
                        "source (second day)",
                    ]);
                    for d in &diff.differences {
                        t.row(vec![
                            d.parameter.into(),
                            value_of(&d.before).into(),
                            value_of(&d.after).into(),
                            source_of(&d.after).into(),
                        ]);
                    }
                    if !diff.differences.is_empty() {
                        output::table(out, &t);
                    }
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
                    let mut t = Table::new(vec!["act", "date", "title", "source", "text"]);
                    for a in book.acts() {
                        t.row(vec![
                            a.id.clone().into(),
                            a.date.to_string().into(),
                            a.title.clone().into(),
                            a.source.clone().into(),
                            a.url.clone().unwrap_or_default().into(),
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

/// A parameter's value on a day, or its standing when it has none.
fn value_of(r: &ParamAt) -> String {
    match (r.status.has_value(), &r.value) {
        (true, Some(v)) if r.status == Standing::Projected => format!("{v} (projected)"),
        (true, Some(v)) => v.clone(),
        _ => r.status.words().to_string(),
    }
}

/// Where a value comes from, or why there is none.
fn source_of(r: &ParamAt) -> String {
    match (&r.source, &r.why) {
        (Some(s), _) => match &r.reform {
            Some(name) => format!("[reform {name}] {s}"),
            None => s.clone(),
        },
        // The line above the table says why once; the JSON keeps the whole reason per row.
        (None, Some(_)) if r.status == Standing::NotKnownAfter => {
            "past the day the rulebook is checked through".to_string()
        }
        (None, Some(w)) => w.clone(),
        _ => String::new(),
    }
}

/// One line saying how far the rulebook is checked, when a day asked is past it.
fn horizon_note(out: &mut String, days: &[jiff::civil::Date], law: Law<'_>) {
    let horizon = &law.book.horizon().checked_through;
    if days.iter().any(|d| d > horizon) {
        out.push_str(&format!(
            "The rulebook is checked against the law through {horizon}; {}.\n",
            if law.project {
                "later days get the law of that day, projected as asked (--project)"
            } else {
                "on later days its values are not known (--project carries that day's law forward)"
            }
        ));
    }
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

//! `saylau journal`: every entry of the journal with its verdict under the law of its date
//! (`journal list`), and a store's hash chain recomputed (`journal verify`).

use saylau_core::ask::{JournalQuestion, Question};
use saylau_core::explain::Table;
use saylau_core::law::Law;
use saylau_core::polity::journal::{self, Verdict};

use crate::cmd::Done;
use crate::cmd::common::{dataset, entries, runtime};
use crate::flags::{Format, JournalCommand};
use crate::input::{InputError, Result};
use crate::output;

/// Runs a `saylau journal` command: `list` here, `verify` against the store.
pub fn run(cmd: &JournalCommand, law: Law<'_>, out: &mut String) -> Result<Done> {
    let (journal, kind, format, explain) = match cmd {
        JournalCommand::List {
            journal,
            kind,
            format,
            explain,
        } => (journal, kind, format, *explain),
        JournalCommand::Verify { db } => return verify(db, out),
        JournalCommand::Check {
            journal,
            format,
            explain,
        } => return check(journal, *format, *explain, law, out),
    };
    let entries = entries(journal.as_deref())?;
    let history = journal::replay(law, &dataset()?, &entries);
    let rows: Vec<_> = history
        .entries
        .iter()
        .filter(|(e, _, _)| kind.as_deref().is_none_or(|k| e.event.kind() == k))
        .collect();
    match format {
        Format::Json => {
            let json: Vec<serde_json::Value> = rows
                .iter()
                .map(|(e, v, _)| serde_json::json!({ "entry": e, "verdict": v }))
                .collect();
            output::json(out, &json)?;
        }
        Format::Table => {
            let mut t = Table::new(vec!["date", "event", "verdict", "what it did"]);
            for (e, v, s) in &rows {
                let verdict = match v {
                    Verdict::Applied { .. } => "applied",
                    Verdict::Recorded { .. } => "recorded",
                    Verdict::Refused { .. } => "REFUSED",
                };
                let what = match v {
                    Verdict::Refused { .. } => journal::summary(e, v, s),
                    _ => v
                        .steps()
                        .last()
                        .map_or_else(|| journal::summary(e, v, s), |st| st.says.clone()),
                };
                t.row(vec![
                    e.date.to_string().into(),
                    e.event.kind().into(),
                    verdict.into(),
                    what.into(),
                ]);
            }
            output::table(out, &t);
            if explain {
                for (e, v, _) in &rows {
                    out.push_str(&format!("\n{} {}\n", e.date, e.event.kind()));
                    out.push_str(&saylau_core::explain::render_text(v.steps()));
                }
            }
        }
    }
    Ok(Done::Ok)
}

/// `saylau journal check --journal FILE`: the core's journal answer, each entry's verdict and
/// the state after the last.
fn check(
    spec: &str,
    format: Format,
    explain: bool,
    law: Law<'_>,
    out: &mut String,
) -> Result<Done> {
    let question = JournalQuestion {
        entries: entries(Some(spec))?,
    };
    let answer = question
        .answer(law)
        .map_err(|e| InputError(format!("{spec}: {e}")))?;
    match format {
        Format::Json => output::json(out, &answer)?,
        Format::Table => {
            let mut t = Table::new(vec!["date", "event", "verdict", "why"]);
            for v in &answer.verdicts {
                let verdict = match v.verdict {
                    Verdict::Applied { .. } => "applied",
                    Verdict::Recorded { .. } => "recorded",
                    Verdict::Refused { .. } => "REFUSED",
                };
                let why: Vec<&str> = v.verdict.steps().iter().map(|s| s.says.as_str()).collect();
                t.row(vec![
                    v.entry.date.to_string().into(),
                    v.entry.event.kind().into(),
                    verdict.into(),
                    why.join("; ").into(),
                ]);
            }
            output::table(out, &t);
            if explain {
                for v in &answer.verdicts {
                    out.push_str(&format!("\n{} {}\n", v.entry.date, v.entry.event.kind()));
                    out.push_str(&saylau_core::explain::render_text(v.verdict.steps()));
                }
            }
        }
    }
    Ok(match JournalQuestion::decided(&answer) {
        saylau_core::ask::Decided::Refused => Done::Refused,
        _ => Done::Ok,
    })
}

/// `saylau journal verify`.
fn verify(db: &str, out: &mut String) -> Result<Done> {
    let v = runtime()?
        .block_on(async {
            let store = saylau_store::Store::open(db).await?;
            store.verify().await
        })
        .map_err(|e| InputError(e.to_string()))?;
    if v.ok {
        out.push_str(&format!(
            "ok: {} entries, the hash chain verifies\n",
            v.entries
        ));
        Ok(Done::Ok)
    } else {
        let (seq, why) = v.first_bad.unwrap_or((0, "unknown".into()));
        Err(InputError(format!(
            "{db}: the journal does not verify: entry {seq}: {why}"
        )))
    }
}

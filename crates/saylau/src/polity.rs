//! `saylau state`, `saylau journal` and `saylau replay`: the polity over time, from the
//! built-in journal of the seed's history or a journal file (`--journal FILE`).

use clap::{Args, Subcommand};
use jiff::civil::Date;
use saylau_core::builtin;
use saylau_core::data::Dataset;
use saylau_core::explain::Table;
use saylau_core::law::{Law, Reform, Rulebook};
use saylau_core::polity::journal::{self, Entry, History, State, Verdict};

use crate::input::{InputError, Result, date_arg, read_source};
use crate::{Done, Format, output};

#[derive(Args)]
pub struct StateArgs {
    /// The day to describe.
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub date: Date,
    /// A journal file (TOML, `[[entry]]` tables oldest first) instead of the built-in history.
    #[arg(long, value_name = "FILE")]
    pub journal: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Subcommand)]
pub enum JournalCommand {
    /// Every entry of the journal with its verdict under the law of its date.
    List {
        #[arg(long, value_name = "FILE")]
        journal: Option<String>,
        /// Show only the entries of this kind (`party_registered`, `mazhilis_elected`, ...).
        #[arg(long, value_name = "KIND")]
        kind: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Recompute a store's hash chain and say whether any entry was changed.
    Verify {
        /// The store: `sqlite://PATH`, a file path, or `postgres://…`.
        #[arg(long, value_name = "URL", default_value = crate::service::DEFAULT_DB)]
        db: String,
    },
}

#[derive(Args)]
pub struct ReplayArgs {
    /// A journal file instead of the built-in history.
    #[arg(long, value_name = "FILE")]
    pub journal: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// The journal: a file, or the built-in history.
fn entries(spec: Option<&str>) -> Result<Vec<Entry>> {
    match spec {
        None => builtin::journal().map_err(|e| InputError(e.to_string())),
        Some(spec) => {
            let source = read_source(spec, |name| {
                (name == "journal").then(|| builtin::JOURNAL.1.to_string())
            })?;
            journal::load_journal(&source.name, &source.text, false)
                .map_err(|e| InputError(e.to_string()))
        }
    }
}

fn dataset() -> Result<Dataset> {
    builtin::data().map_err(|e| InputError(format!("built-in data: {e}")))
}

/// `saylau state --date D`.
pub fn state(args: &StateArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let entries = entries(args.journal.as_deref())?;
    let history = journal::replay(law, &dataset()?, &entries);
    let on = history.state_on_with_uncertain(args.date);
    match args.format {
        Format::Json => output::json(out, &on)?,
        Format::Table => render_state(out, args.date, &on.state, &on.uncertain),
    }
    Ok(Done::Ok)
}

fn render_state(out: &mut String, date: Date, s: &State, uncertain: &[Entry]) {
    out.push_str(&format!("The polity on {date}\n\n"));
    out.push_str(&format!(
        "Constitution: {}\n",
        if s.constitution.is_empty() {
            "none in force".to_string()
        } else {
            s.constitution.join(", then ")
        }
    ));
    match &s.president {
        Some(p) => out.push_str(&format!(
            "President: {} (since {}{})\n",
            p.person,
            p.since,
            p.term_ends
                .map_or(String::new(), |e| format!("; term ends {e}"))
        )),
        None => out.push_str("President: none\n"),
    }
    for (office, seats) in &s.offices {
        for (seat, h) in seats {
            let seat = if seat.is_empty() || *seat == h.person {
                String::new()
            } else {
                format!(" ({seat})")
            };
            out.push_str(&format!(
                "{office}{seat}: {} (since {})\n",
                h.person, h.since
            ));
        }
    }
    match &s.mazhilis {
        Some(m) => {
            out.push_str(&format!(
                "\nMazhilis: elected {} (`{}`){}{}\n",
                m.elected,
                m.election,
                m.next_election_due
                    .map_or(String::new(), |d| format!("; next election due by {d}")),
                s.dissolved
                    .map_or(String::new(), |d| format!("; dissolved {d}"))
            ));
            let mut t = Table::new(vec!["party list", "seats"]);
            for (party, seats) in m.seats.iter().filter(|(_, n)| *n > 0) {
                t.row(vec![party.clone().into(), (*seats).into()]);
            }
            t.row(vec![
                "elected by the Assembly of People".into(),
                m.other_seats.into(),
            ]);
            output::table(out, &t);
        }
        None => out.push_str("\nMazhilis: no election in the journal yet\n"),
    }
    let registered: Vec<_> = s.parties.parties().filter(|p| p.is_registered()).collect();
    out.push_str(&format!("\nRegistered parties ({}):\n", registered.len()));
    for p in registered {
        out.push_str(&format!("  {} (`{}`)\n", p.name, p.id));
    }
    let ceased: Vec<_> = s.parties.parties().filter(|p| !p.is_registered()).collect();
    if !ceased.is_empty() {
        out.push_str(&format!("Ceased parties ({}):\n", ceased.len()));
        for p in ceased {
            out.push_str(&format!("  {} (`{}`)\n", p.name, p.id));
        }
    }
    if !s.bills.is_empty() {
        out.push_str("\nBills:\n");
        for (id, b) in &s.bills {
            out.push_str(&format!(
                "  `{id}` {}: passed {}{}\n",
                b.title,
                if b.passed.is_empty() {
                    "no chamber".to_string()
                } else {
                    b.passed.join(", ")
                },
                b.decision
                    .map_or(String::new(), |d| format!("; president: {d:?}")
                        .to_lowercase())
            ));
        }
    }
    if !uncertain.is_empty() {
        out.push_str(&format!(
            "\nNot folded in: {} entr{} dated only to a month or year that spans {date}:\n",
            uncertain.len(),
            if uncertain.len() == 1 { "y" } else { "ies" }
        ));
        for e in uncertain {
            out.push_str(&format!("  {} {}\n", e.date, e.event.kind()));
        }
    }
}

/// `saylau journal list`.
pub fn journal(cmd: &JournalCommand, law: Law<'_>, out: &mut String) -> Result<Done> {
    let (journal, kind, format) = match cmd {
        JournalCommand::List {
            journal,
            kind,
            format,
        } => (journal, kind, format),
        JournalCommand::Verify { db } => return crate::service::verify(db, out),
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
        }
    }
    Ok(Done::Ok)
}

/// `saylau replay --reform FILE`: the journal under the law as enacted and under the reforms,
/// and the entries whose outcome differs.
pub fn replay(
    args: &ReplayArgs,
    book: &Rulebook,
    reforms: &[Reform],
    out: &mut String,
) -> Result<Done> {
    if reforms.is_empty() {
        return Err(InputError(
            "replay compares the history with a reform: give at least one --reform FILE".into(),
        ));
    }
    let entries = entries(args.journal.as_deref())?;
    let data = dataset()?;
    let enacted: History = journal::replay(Law::new(book, &[]), &data, &entries);
    let reformed: History = journal::replay(Law::new(book, reforms), &data, &entries);
    let diff = journal::diff(&enacted, &reformed);
    let names: Vec<&str> = reforms.iter().map(|r| r.name.as_str()).collect();
    match args.format {
        Format::Json => output::json(
            out,
            &serde_json::json!({ "reforms": names, "differences": diff }),
        )?,
        Format::Table => {
            out.push_str(&format!(
                "The journal ({} entries) under the law as enacted and under {}: {} {} differently\n\n",
                entries.len(),
                names.join(" + "),
                diff.len(),
                if diff.len() == 1 { "entry ends" } else { "entries end" }
            ));
            for d in &diff {
                out.push_str(&format!(
                    "{} {}\n  enacted:  {}\n  reformed: {}\n",
                    d.date, d.kind, d.enacted, d.reformed
                ));
            }
        }
    }
    Ok(Done::Ok)
}

//! The polity over time: an append-only journal of events, each checked against the law in
//! force on its date and the state built up to then; the state on any date is the journal
//! folded up to that date.
//!
//! An event the law or the state does not allow is *refused* with cited reasons and leaves the
//! state unchanged; the fold goes on. Events dated before the rulebook begins (independence,
//! the 1991 election) are recorded as historical facts with no law to check them against, and
//! say so. Dates may be known only to the month or year: a lookup over such a date must give
//! the same rule on its first and last day, or the event is refused as uncertain.
//!
//! Every procedural rule comes from the rulebook: who fills which office
//! (`powers.appointments`), whom the president consults before dissolving parliament, which
//! chambers pass a bill, term lengths and limits, the Senate's appointed seats. Party events
//! are the lifecycle rules of [`crate::parties::lifecycle`]; elections run the engines of
//! [`crate::elections::mazhilis`] and [`crate::elections::president`] on the votes, so a reform overlay replays the
//! history under other rules ([`replay`] twice and [`diff`]).
//!
//! This module holds what a journal *is*: [`Entry`], [`Event`] and reading a journal file.
//! The state an entry builds is in [`super::state`], the fold and its comparison in
//! [`super::replay`], and the check of each kind of event in [`super::apply`]; their names are
//! re-exported here, so `polity::journal::…` reaches everything a front end needs.
//!
//! ```
//! use saylau_core::{builtin, law::Law, polity::journal};
//! use jiff::civil::date;
//!
//! let book = builtin::rulebook().expect("the rulebook loads");
//! let data = builtin::data().expect("the data loads");
//! let entries = builtin::journal().expect("the built-in journal loads");
//! let history = journal::replay(Law::new(&book, &[]), &data, &entries);
//! let state = history.state_on(date(2008, 3, 1));
//! let mazhilis = state.mazhilis.expect("elected in August 2007");
//! let with_seats: Vec<_> = mazhilis.seats.iter().filter(|(_, n)| *n > 0).collect();
//! assert_eq!(with_seats.len(), 1); // NUR OTAN alone, with all 98 list seats
//! ```

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::exact::date::FuzzyDate;

pub use super::apply::{Applied, apply};
pub use super::replay::{Difference, History, Verdict, diff, replay, summary};
pub use super::state::{Bill, Holder, Mazhilis, Notice, State, StateOn, notices};

/// One journal entry: an event, its date, and where the fact comes from.
// Its JSON Schema is derived from these types (`super::schema`); the doc comments become its
// descriptions. A key that is neither the entry's nor its kind's is refused (the event denies
// unknown fields), which `unevaluatedProperties` says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("unevaluatedProperties" = false))]
pub struct Entry {
    pub date: FuzzyDate,
    #[serde(flatten)]
    pub event: Event,
    /// Where the fact comes from (required for the built-in history).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// What a reader should know about the entry or its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Something that happened to the polity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Event {
    /// Independence: the start of the journal. (A variant with no fields is written with
    /// braces so that serde refuses unknown keys on it, as on every other kind.)
    Independence {},
    /// A constitution adopted; `act` is an act of the rulebook, dated as the entry or coming
    /// into force on its date. A new constitution names the one it `replaces` (its first
    /// act); the chambers the law no longer has on that day end with it.
    ConstitutionAdopted {
        act: String,
        #[serde(default)]
        replaces: Option<String>,
    },
    /// The constitution amended at an office's initiative.
    ConstitutionAmended { act: String, initiated_by: String },
    /// A law (not the constitution) enacted or amended; `act` is an act of the rulebook, whose
    /// values take effect from their own dates.
    LawAmended { act: String },
    /// A party registered on this date.
    PartyRegistered {
        party: String,
        name: String,
        #[serde(default)]
        members: Option<u64>,
    },
    /// A party known to be on the register by this date, whose registration date the sources
    /// do not give.
    PartyOnRegister {
        party: String,
        name: String,
        #[serde(default)]
        members: Option<u64>,
    },
    /// A registered party takes a name no other registered party bears.
    PartyRenamed { party: String, name: String },
    /// Parties merge; they cease and their members move to the successor (one of them, or a
    /// new party when `successor_name` is given).
    PartiesMerged {
        merging: Vec<String>,
        successor: String,
        #[serde(default)]
        successor_name: Option<String>,
    },
    /// A party liquidated by the court decision named.
    PartyLiquidated { party: String, decision: String },
    /// Parties form an electoral bloc, where the party law allows it.
    BlocFormed { name: String, parties: Vec<String> },
    /// A Mazhilis election: the party-list seats distributed from the votes of a built-in
    /// election (`election`, whose rows name their party) or given here (`lists`: each a party
    /// by its id or by the name it bears on the election day, with its votes). Every list must
    /// be a party on the register on the election day, and the chamber is elected once a day.
    MazhilisElected {
        election: String,
        #[serde(default)]
        lists: Vec<(String, u64)>,
        #[serde(default)]
        participating: Option<u64>,
        /// Seats won in single-member constituencies, by the party that nominated the winner
        /// (its id) or `self_nominated`, where the sources give them only as totals.
        #[serde(default)]
        districts: BTreeMap<String, u64>,
    },
    /// A presidential election won by `person` in the first round, checked against the votes
    /// of the built-in election `election` when it has them; one a day.
    PresidentElected { person: String, election: String },
    /// The Mazhilis deputies elected by the Assembly of People.
    AssemblyElected { deputies: Vec<String> },
    /// The president-elect takes office.
    PresidentInaugurated { person: String },
    /// Senators elected by the maslikhats, per unit (empty when the sources name none).
    SenatorsElected {
        election: String,
        seats: BTreeMap<String, Vec<String>>,
    },
    /// Someone put in an office: `proposed_by` (when the office has a proposer) proposes and
    /// `decided_by` decides. `approved = false` records a refusal by the deciding body.
    Appointed {
        office: String,
        person: String,
        /// The seat within the office: a unit for akims, a ministry, a court.
        #[serde(default)]
        seat: Option<String>,
        #[serde(default)]
        proposed_by: Option<String>,
        decided_by: String,
        #[serde(default = "yes")]
        approved: bool,
    },
    /// A bill introduced in parliament.
    BillIntroduced { bill: String, title: String },
    /// A chamber passes a bill (the next stage in `legislation.stages`).
    BillPassed { bill: String, by: String },
    /// The president signs, returns with objections, or vetoes a bill.
    BillDecided {
        bill: String,
        decision: BillDecision,
    },
    /// A vote of no confidence in the government; passed, the government leaves office.
    NoConfidence { by: String, passed: bool },
    /// The president dissolves parliament, or only `chamber` (the Mazhilis), after consulting
    /// the offices the law names.
    ParliamentDissolved {
        consulted: Vec<String>,
        #[serde(default)]
        chamber: Option<String>,
    },
    /// The president leaves office before the term ends; `successor`, who holds the office the
    /// law names (`president.successor`), is president for the rest of the term.
    PresidentResigned { person: String, successor: String },
}

fn yes() -> bool {
    true
}

/// What the president does with a bill every chamber has passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BillDecision {
    Signed,
    Returned,
    Vetoed,
}

impl Event {
    /// The event's kind as the journal writes it.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Independence {} => "independence",
            Event::ConstitutionAdopted { .. } => "constitution_adopted",
            Event::ConstitutionAmended { .. } => "constitution_amended",
            Event::LawAmended { .. } => "law_amended",
            Event::AssemblyElected { .. } => "assembly_elected",
            Event::PartyRegistered { .. } => "party_registered",
            Event::PartyOnRegister { .. } => "party_on_register",
            Event::PartyRenamed { .. } => "party_renamed",
            Event::PartiesMerged { .. } => "parties_merged",
            Event::PartyLiquidated { .. } => "party_liquidated",
            Event::BlocFormed { .. } => "bloc_formed",
            Event::MazhilisElected { .. } => "mazhilis_elected",
            Event::PresidentElected { .. } => "president_elected",
            Event::SenatorsElected { .. } => "senators_elected",
            Event::PresidentInaugurated { .. } => "president_inaugurated",
            Event::Appointed { .. } => "appointed",
            Event::BillIntroduced { .. } => "bill_introduced",
            Event::BillPassed { .. } => "bill_passed",
            Event::BillDecided { .. } => "bill_decided",
            Event::NoConfidence { .. } => "no_confidence",
            Event::ParliamentDissolved { .. } => "parliament_dissolved",
            Event::PresidentResigned { .. } => "president_resigned",
        }
    }
}

/// Why a journal file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JournalError {
    #[error("{file}: {message}")]
    Toml { file: String, message: String },
    #[error("{file}: entry {index} ({kind}, {date}) has no `source`")]
    NoSource {
        file: String,
        index: usize,
        kind: &'static str,
        date: FuzzyDate,
    },
    #[error("{file}: entry {index} ({date}) is dated before the entry above it ({previous})")]
    OutOfOrder {
        file: String,
        index: usize,
        date: FuzzyDate,
        previous: FuzzyDate,
    },
}

#[derive(Deserialize)]
struct JournalFile {
    #[serde(default)]
    entry: Vec<Entry>,
}

/// Reads a journal written as TOML (`[[entry]]` tables, oldest first). With `require_sources`
/// every entry must say where its fact comes from.
pub fn load_journal(
    file: &str,
    text: &str,
    require_sources: bool,
) -> Result<Vec<Entry>, JournalError> {
    let parsed: JournalFile = toml::from_str(text).map_err(|e| JournalError::Toml {
        file: file.to_string(),
        message: e.to_string().trim().replace('\n', " "),
    })?;
    if require_sources {
        for (i, entry) in parsed.entry.iter().enumerate() {
            if entry.source.as_deref().is_none_or(|s| s.trim().is_empty()) {
                return Err(JournalError::NoSource {
                    file: file.to_string(),
                    index: i + 1,
                    kind: entry.event.kind(),
                    date: entry.date,
                });
            }
        }
    }
    check_order(file, &parsed.entry)?;
    Ok(parsed.entry)
}

/// Entries must be oldest first: none may be certainly earlier than the one above it.
pub fn check_order(file: &str, entries: &[Entry]) -> Result<(), JournalError> {
    let mut previous: Option<FuzzyDate> = None;
    for (i, entry) in entries.iter().enumerate() {
        if let Some(p) = previous
            && entry.date.latest < p.earliest
        {
            return Err(JournalError::OutOfOrder {
                file: file.to_string(),
                index: i + 1,
                date: entry.date,
                previous: p,
            });
        }
        previous = Some(entry.date);
    }
    Ok(())
}

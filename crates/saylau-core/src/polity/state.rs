//! The polity at one point of the journal: who holds which office, the Mazhilis as elected,
//! the party register, the bills; and the state on a date, with the entries that may fall on
//! either side of it.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::journal::{BillDecision, Entry};
use crate::exact::date::FuzzyDate;
use crate::parties::lifecycle::Parties;

/// Someone in an office since a date, until a date when the law sets a term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holder {
    pub person: String,
    pub since: FuzzyDate,
    /// When they took office, where an inauguration is recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inaugurated: Option<FuzzyDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_ends: Option<Date>,
}

/// The Mazhilis as elected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mazhilis {
    pub election: String,
    pub elected: FuzzyDate,
    /// Party-list seats by list, in the order of the results.
    pub seats: Vec<(String, u64)>,
    /// Single-member seats by the winner's party (or `self_nominated`), as the sources
    /// total them; empty where they give none or there are no such seats.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub districts: Vec<(String, u64)>,
    /// The single-member seats the law of the election gives the chamber.
    pub single_member_seats: u64,
    /// Seats outside the party lists (the Assembly's deputies), per the law of the election.
    pub other_seats: u64,
    /// When the term ends and the next election is due.
    pub next_election_due: Option<Date>,
}

/// How a group of Mazhilis seats was filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeatKind {
    /// Won by a party list.
    PartyList,
    /// Won in single-member constituencies by one nominator's candidates.
    SingleMember,
    /// Single-member seats whose winners the sources do not total.
    SingleMemberNotGiven,
    /// Elected by the Assembly of People.
    Assembly,
}

/// Seats of one kind held by one list, nominator or body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeatGroup {
    /// The list's name, the nominating party's name on the register, or what the seats are.
    pub label: String,
    /// The party, by id, where the seats are a party's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    pub kind: SeatKind,
    pub seats: u64,
}

impl Mazhilis {
    /// The chamber as elected, group by group: the list seats by list, the single-member
    /// seats by nominator (named as `parties` names them) and those the sources do not give,
    /// then the Assembly's deputies. Groups without seats are left out. The one owner of how
    /// the chamber is told, for the command line and the pages alike.
    pub fn composition(&self, parties: &Parties) -> Vec<SeatGroup> {
        let mut out: Vec<SeatGroup> = self
            .seats
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(list, n)| SeatGroup {
                label: list.clone(),
                party: None,
                kind: SeatKind::PartyList,
                seats: *n,
            })
            .collect();
        for (nominator, n) in self.districts.iter().filter(|(_, n)| *n > 0) {
            let party = parties.get(nominator);
            out.push(SeatGroup {
                label: party.map_or_else(|| nominator.replace('_', "-"), |p| p.name.clone()),
                party: party.map(|p| p.id.clone()),
                kind: SeatKind::SingleMember,
                seats: *n,
            });
        }
        let given: u64 = self.districts.iter().map(|(_, n)| n).sum();
        if self.single_member_seats > given {
            out.push(SeatGroup {
                label: "single-member seats, winners not given".into(),
                party: None,
                kind: SeatKind::SingleMemberNotGiven,
                seats: self.single_member_seats - given,
            });
        }
        if self.other_seats > 0 {
            out.push(SeatGroup {
                label: "deputies of the Assembly of People".into(),
                party: None,
                kind: SeatKind::Assembly,
                seats: self.other_seats,
            });
        }
        out
    }
}

/// A bill and how far it has gone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bill {
    pub title: String,
    /// Chambers that have passed it, in order.
    pub passed: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<BillDecision>,
}

/// The polity at a point of the journal.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct State {
    /// The acts of the constitution in force: the constitution and its amendments.
    pub constitution: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub president: Option<Holder>,
    /// The first person to hold the presidency (the first-president exemption names them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_president: Option<String>,
    /// Each president's terms, oldest first: (start, end).
    pub presidential_terms: BTreeMap<String, Vec<(Date, Date)>>,
    /// Office → seat (`""` for a single seat) → holder.
    pub offices: BTreeMap<String, BTreeMap<String, Holder>>,
    pub parties: Parties,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mazhilis: Option<Mazhilis>,
    /// Laws (other than the constitution) enacted or amended, by act.
    pub laws: Vec<String>,
    /// Mazhilis deputies elected by the Assembly of People.
    pub assembly_deputies: Vec<String>,
    /// Elected senators per unit.
    pub senate_elected: BTreeMap<String, Vec<String>>,
    /// A persistent map: every entry's state shares the bills it did not change, so the
    /// fold does not copy them per entry.
    pub bills: imbl::OrdMap<String, Bill>,
    /// The last dissolution of parliament, if any since the last Mazhilis election.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dissolved: Option<FuzzyDate>,
}

/// The chambers whose members the state records, by the id the rulebook's
/// `parliament.chambers` gives them: the one place that ties the journal's records to them.
const MAZHILIS: &str = "mazhilis";
const SENATE: &str = "senate";

impl State {
    /// The chambers the state holds members of that are not among `ids`.
    fn chambers_not_in(&self, ids: &[String]) -> Vec<&'static str> {
        let has = |id: &str| ids.iter().any(|i| i == id);
        let mut out = Vec::new();
        if !has(MAZHILIS) && (self.mazhilis.is_some() || !self.assembly_deputies.is_empty()) {
            out.push(MAZHILIS);
        }
        if !has(SENATE)
            && (!self.senate_elected.is_empty() || self.offices.contains_key("appointed_senator"))
        {
            out.push(SENATE);
        }
        out
    }

    /// Ends the chambers not among `ids`: their members leave the state.
    pub fn end_chambers_not_in(&mut self, ids: &[String]) {
        for chamber in self.chambers_not_in(ids) {
            match chamber {
                MAZHILIS => {
                    self.mazhilis = None;
                    self.assembly_deputies.clear();
                    self.dissolved = None;
                }
                _ => {
                    self.senate_elected.clear();
                    self.offices.remove("appointed_senator");
                }
            }
        }
    }

    /// How many seats of `kind` in `chamber` the journal names holders for: the senators
    /// elected per unit and the appointed senators.
    pub fn named_seats(&self, chamber: &str, kind: &str) -> u64 {
        match (chamber, kind) {
            (SENATE, "per_unit") => self.senate_elected.values().map(|v| v.len() as u64).sum(),
            (SENATE, "appointed") => self
                .offices
                .get("appointed_senator")
                .map_or(0, |m| m.len() as u64),
            _ => 0,
        }
    }

    /// The chambers the journal records an election of, by id.
    pub fn elected_chambers(&self) -> Vec<&'static str> {
        if self.mazhilis.is_some() {
            vec![MAZHILIS]
        } else {
            Vec::new()
        }
    }

    /// The seats of `chamber` whose holders the journal records, as groups: the Mazhilis as
    /// elected. Other chambers' members are recorded by name elsewhere in the state.
    pub fn elected(&self, chamber: &str) -> Option<Vec<SeatGroup>> {
        match chamber {
            MAZHILIS => self.mazhilis.as_ref().map(|m| m.composition(&self.parties)),
            _ => None,
        }
    }
}

impl PartialEq for Parties {
    fn eq(&self, other: &Parties) -> bool {
        serde_json::to_value(self).ok() == serde_json::to_value(other).ok()
    }
}

/// Entries on or before a date, and those that may or may not be.
#[derive(Debug, Clone, Serialize)]
pub struct StateOn {
    pub date: Date,
    pub state: State,
    /// Entries whose date spans `date` (known only to the month or year): perhaps before it,
    /// perhaps after; not folded in.
    pub uncertain: Vec<Entry>,
    /// What the state does not say by itself on `date` ([`notices`]).
    pub notices: Vec<Notice>,
}

/// Something a reader of the state on a date must know that the state does not say: the
/// state is the journal's last word, which on a later day may describe a term that has run
/// out, an election that is overdue, or a day past what the journal or the rulebook covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "notice", rename_all = "snake_case")]
pub enum Notice {
    /// The day is after the last day the rulebook is checked against the law: the terms and
    /// due dates of the state are those the law gave when they began.
    AfterTheHorizon { checked_through: Date },
    /// The day is after the journal's last entry: nothing since is recorded.
    AfterTheJournal { last_entry: FuzzyDate },
    /// The president's term ended before the day, and the journal records no election since.
    PresidentTermEnded { person: String, ended: Date },
    /// The Mazhilis's next election was due before the day, and the journal records none.
    MazhilisElectionOverdue { election: String, due: Date },
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::AfterTheHorizon { checked_through } => write!(
                f,
                "the rulebook is checked against the law only through {checked_through}: what \
                 the law says later is not known"
            ),
            Notice::AfterTheJournal { last_entry } => write!(
                f,
                "the journal's last entry is dated {last_entry}: nothing after it is recorded"
            ),
            Notice::PresidentTermEnded { person, ended } => write!(
                f,
                "the presidential term of {person} ended on {ended}; the journal records no \
                 presidential election since"
            ),
            Notice::MazhilisElectionOverdue { election, due } => write!(
                f,
                "the Mazhilis elected in `{election}` was due for election by {due}; the \
                 journal records none since"
            ),
        }
    }
}

/// The notices for the state on `date`: `last_entry` is the date of the journal's last entry
/// (none for an empty journal) and `checked_through` the rulebook's horizon. A term ends on its
/// last day and an election is due by its day, so each is noticed from the day after. While
/// parliament is dissolved no election is called overdue: the state records the dissolution,
/// and the rulebook has no period within which early elections must follow.
pub fn notices(
    state: &State,
    date: Date,
    last_entry: Option<FuzzyDate>,
    checked_through: Date,
) -> Vec<Notice> {
    let mut out = Vec::new();
    if date > checked_through {
        out.push(Notice::AfterTheHorizon { checked_through });
    }
    if let Some(last) = last_entry
        && last.latest < date
    {
        out.push(Notice::AfterTheJournal { last_entry: last });
    }
    if let Some(p) = &state.president
        && let Some(ended) = p.term_ends
        && ended < date
    {
        out.push(Notice::PresidentTermEnded {
            person: p.person.clone(),
            ended,
        });
    }
    if let Some(m) = &state.mazhilis
        && state.dissolved.is_none()
        && let Some(due) = m.next_election_due
        && due < date
    {
        out.push(Notice::MazhilisElectionOverdue {
            election: m.election.clone(),
            due,
        });
    }
    out
}

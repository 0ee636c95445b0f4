//! The journal folded: each entry's verdict and the state after it, the state on a date, and
//! the entries whose outcome differs between two folds of one journal (a reform's
//! counterfactual history).

use jiff::civil::Date;
use serde::Serialize;

use super::apply::apply;
use super::journal::{Entry, Event};
use super::state::{State, StateOn, notices};
use crate::data::Dataset;
use crate::exact::date::FuzzyDate;
use crate::explain::Step;
use crate::law::Law;

/// What became of one entry.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Verdict {
    /// Checked against the law and applied.
    Applied { steps: Vec<Step> },
    /// Dated before the rulebook begins: recorded as a fact, with no law to check it against.
    Recorded { steps: Vec<Step> },
    /// Not allowed: the state is unchanged.
    Refused { reasons: Vec<Step> },
}

impl Verdict {
    pub fn is_refused(&self) -> bool {
        matches!(self, Verdict::Refused { .. })
    }

    pub fn steps(&self) -> &[Step] {
        match self {
            Verdict::Applied { steps } | Verdict::Recorded { steps } => steps,
            Verdict::Refused { reasons } => reasons,
        }
    }
}

/// The journal folded: every entry's verdict and the state after it.
#[derive(Debug, Clone)]
pub struct History {
    pub entries: Vec<(Entry, Verdict, State)>,
    /// The last day the rulebook the journal was folded under is checked for.
    pub checked_through: Date,
}

impl History {
    /// The state after every entry certainly on or before `date`.
    pub fn state_on(&self, date: Date) -> State {
        self.state_on_with_uncertain(date).state
    }

    /// The state on `date`, the entries that may fall on either side of it, and what the
    /// state does not say by itself on that day.
    pub fn state_on_with_uncertain(&self, date: Date) -> StateOn {
        let mut state = State::default();
        let mut uncertain = Vec::new();
        for (entry, _, after) in &self.entries {
            if entry.date.latest <= date {
                state = after.clone();
            } else if entry.date.earliest <= date {
                uncertain.push(entry.clone());
            } else {
                break;
            }
        }
        let last_entry = self.entries.last().map(|(e, _, _)| e.date);
        StateOn {
            date,
            notices: notices(&state, date, last_entry, self.checked_through),
            state,
            uncertain,
        }
    }
}

/// Folds the journal under `law`: each entry checked against the law on its date and the state
/// so far. A refused entry leaves the state as it was.
pub fn replay(law: Law<'_>, data: &Dataset, entries: &[Entry]) -> History {
    let mut state = State::default();
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        let verdict = match apply(law, data, &state, entry) {
            Ok((next, verdict)) => {
                state = next;
                verdict
            }
            Err(reasons) => Verdict::Refused { reasons },
        };
        out.push((entry.clone(), verdict, state.clone()));
    }
    History {
        entries: out,
        checked_through: law.book.horizon().checked_through,
    }
}

/// One entry whose outcome differs between two histories of the same journal.
#[derive(Debug, Clone, Serialize)]
pub struct Difference {
    pub index: usize,
    pub date: FuzzyDate,
    pub kind: &'static str,
    pub enacted: String,
    pub reformed: String,
}

/// The entries whose verdict or resulting state differ between two replays of one journal.
pub fn diff(enacted: &History, reformed: &History) -> Vec<Difference> {
    enacted
        .entries
        .iter()
        .zip(&reformed.entries)
        .enumerate()
        .filter_map(|(index, ((entry, va, sa), (_, vb, sb)))| {
            let a = summary(entry, va, sa);
            let b = summary(entry, vb, sb);
            (a != b).then(|| Difference {
                index,
                date: entry.date,
                kind: entry.event.kind(),
                enacted: a,
                reformed: b,
            })
        })
        .collect()
}

/// A one-line account of what an entry did: its verdict and what it changed.
pub fn summary(entry: &Entry, verdict: &Verdict, after: &State) -> String {
    match verdict {
        Verdict::Refused { reasons } => format!(
            "refused: {}",
            reasons
                .iter()
                .map(|r| r.says.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ),
        Verdict::Applied { .. } | Verdict::Recorded { .. } => match &entry.event {
            Event::MazhilisElected { .. } => after.mazhilis.as_ref().map_or_else(
                || "applied".to_string(),
                |m| {
                    let seats: Vec<String> = m
                        .seats
                        .iter()
                        .filter(|(_, s)| *s > 0)
                        .map(|(p, s)| format!("{p} {s}"))
                        .collect();
                    format!("list seats: {}", seats.join(", "))
                },
            ),
            _ => "applied".to_string(),
        },
    }
}

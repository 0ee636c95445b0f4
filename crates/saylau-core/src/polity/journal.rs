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

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::data::Dataset;
use crate::elections::mazhilis::{self, ListVotes};
use crate::elections::president::{self, PresidentOutcome};
use crate::exact::date::FuzzyDate;
use crate::explain::Step;
use crate::law::{Cited, Law, LawAt, LawError, Param, Rulebook};
use crate::parties::lifecycle::{self, Parties, Successor};

/// One journal entry: an event, its date, and where the fact comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub date: FuzzyDate,
    #[serde(flatten)]
    pub event: Event,
    /// Where the fact comes from (required for the built-in history).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Something that happened to the polity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Event {
    /// Independence: the start of the journal.
    Independence,
    /// A constitution adopted; `act` is an act of the rulebook.
    ConstitutionAdopted {
        act: String,
    },
    /// The constitution amended at an office's initiative.
    ConstitutionAmended {
        act: String,
        initiated_by: String,
    },
    /// A law (not the constitution) enacted or amended; `act` is an act of the rulebook, whose
    /// values take effect from their own dates.
    LawAmended {
        act: String,
    },
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
    PartyRenamed {
        party: String,
        name: String,
    },
    /// Parties merge; they cease and their members move to the successor (one of them, or a
    /// new party when `successor_name` is given).
    PartiesMerged {
        merging: Vec<String>,
        successor: String,
        #[serde(default)]
        successor_name: Option<String>,
    },
    PartyLiquidated {
        party: String,
        decision: String,
    },
    BlocFormed {
        name: String,
        parties: Vec<String>,
    },
    /// A Mazhilis election: the party-list seats distributed from the votes of a built-in
    /// election (`votes`) or given here (`lists`).
    MazhilisElected {
        election: String,
        #[serde(default)]
        lists: Vec<(String, u64)>,
        #[serde(default)]
        participating: Option<u64>,
    },
    /// A presidential election won by `person` in the first round, checked against the votes
    /// of the built-in election `election` when it has them.
    PresidentElected {
        person: String,
        election: String,
    },
    /// The Mazhilis deputies elected by the Assembly of People.
    AssemblyElected {
        deputies: Vec<String>,
    },
    /// The president-elect takes office.
    PresidentInaugurated {
        person: String,
    },
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
    BillIntroduced {
        bill: String,
        title: String,
    },
    /// A chamber passes a bill (the next stage in `legislation.stages`).
    BillPassed {
        bill: String,
        by: String,
    },
    /// The president signs, returns with objections, or vetoes a bill.
    BillDecided {
        bill: String,
        decision: BillDecision,
    },
    NoConfidence {
        by: String,
        passed: bool,
    },
    ParliamentDissolved {
        consulted: Vec<String>,
    },
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
            Event::Independence => "independence",
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
        }
    }
}

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
    /// Seats outside the party lists (the Assembly's deputies), per the law of the election.
    pub other_seats: u64,
    /// When the term ends and the next election is due.
    pub next_election_due: Option<Date>,
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

impl PartialEq for Parties {
    fn eq(&self, other: &Parties) -> bool {
        serde_json::to_value(self).ok() == serde_json::to_value(other).ok()
    }
}

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
}

/// Entries on or before a date, and those that may or may not be.
#[derive(Debug, Clone, Serialize)]
pub struct StateOn {
    pub date: Date,
    pub state: State,
    /// Entries whose date spans `date` (known only to the month or year): perhaps before it,
    /// perhaps after; not folded in.
    pub uncertain: Vec<Entry>,
}

impl History {
    /// The state after every entry certainly on or before `date`.
    pub fn state_on(&self, date: Date) -> State {
        self.state_on_with_uncertain(date).state
    }

    /// The state on `date`, and the entries that may fall on either side of it.
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
        StateOn {
            date,
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
    History { entries: out }
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

/// An entry applied (the new state and how), or refused (why).
pub type Applied = Result<(State, Verdict), Vec<Step>>;

fn refuse<T>(rule: &'static str, says: impl Into<String>) -> Result<T, Vec<Step>> {
    Err(vec![Step::new(rule, says)])
}

/// The law's error as a refusal reason.
fn law_error(e: LawError) -> Vec<Step> {
    vec![Step::new("law", e.to_string())]
}

/// A lookup over a fuzzy date: the same rule on its first and last day, or uncertain.
fn over<'a, T>(
    law: Law<'a>,
    date: FuzzyDate,
    param: Param,
    get: impl Fn(LawAt<'a>) -> Result<Cited<T>, LawError>,
) -> Result<Cited<T>, Vec<Step>> {
    let first = get(law.at(date.earliest)).map_err(law_error)?;
    if date.latest != date.earliest {
        let last = get(law.at(date.latest)).map_err(law_error)?;
        if last.law.from != first.law.from || last.law.reform != first.law.reform {
            return Err(law_error(LawError::Uncertain {
                param,
                date: date.earliest,
                change: last.law.from,
            }));
        }
    }
    Ok(first)
}

fn list<'a>(law: Law<'a>, date: FuzzyDate, param: Param) -> Result<Cited<Vec<String>>, Vec<Step>> {
    over(law, date, param, |at| {
        at.list(param).map(|c| Cited {
            value: c.value.to_vec(),
            law: c.law,
        })
    })
}

fn count(law: Law<'_>, date: FuzzyDate, param: Param) -> Result<Cited<u64>, Vec<Step>> {
    over(law, date, param, |at| at.count(param))
}

/// The first day the rulebook has any law for: entries before it are historical facts.
fn rulebook_start(book: &Rulebook) -> Option<Date> {
    book.acts().iter().map(|a| a.date.earliest).min()
}

/// Checks one entry against the law on its date and `state`: the new state and the verdict,
/// or the reasons it is refused.
pub fn apply(law: Law<'_>, data: &Dataset, state: &State, entry: &Entry) -> Applied {
    let date = entry.date;
    let mut next = state.clone();
    let applied = |next: State, steps: Vec<Step>| Ok((next, Verdict::Applied { steps }));
    let book = law.book;
    if rulebook_start(book).is_none_or(|start| date.latest < start) {
        let says = format!(
            "dated {date}, before the first act the rulebook knows: recorded as a historical \
             fact, with no law to check it against"
        );
        return match &entry.event {
            Event::Independence => Ok((
                next,
                Verdict::Recorded {
                    steps: vec![Step::new("historical", says)],
                },
            )),
            Event::PresidentElected { person, election } => {
                next.first_president.get_or_insert_with(|| person.clone());
                next.president = Some(Holder {
                    person: person.clone(),
                    since: date,
                    inaugurated: None,
                    term_ends: None,
                });
                Ok((
                    next,
                    Verdict::Recorded {
                        steps: vec![Step::new(
                            "historical",
                            format!("{says}; {person} won the election `{election}`"),
                        )],
                    },
                ))
            }
            other => refuse(
                "historical",
                format!(
                    "only independence and a presidential election are recorded before the \
                     rulebook begins; `{}` needs law to check it",
                    other.kind()
                ),
            ),
        };
    }

    match &entry.event {
        Event::Independence => refuse("independence", "independence is the journal's first event"),
        Event::ConstitutionAdopted { act } => {
            let found = known_act(book, act, date)?;
            if !state.constitution.is_empty() {
                return refuse(
                    "constitution",
                    format!(
                        "a constitution ({}) is already in force; a new text needs a \
                         constitution_amended event or the old one's repeal",
                        state.constitution.join(", ")
                    ),
                );
            }
            next.constitution.push(act.clone());
            applied(
                next,
                vec![Step::new(
                    "constitution",
                    format!("{found} adopted on {date}"),
                )],
            )
        }
        Event::ConstitutionAmended { act, initiated_by } => {
            let found = known_act(book, act, date)?;
            if state.constitution.is_empty() {
                return refuse("constitution", "there is no constitution in force to amend");
            }
            // The rulebook does not know the 1995 and 1998 procedures: such an amendment is
            // recorded from its act, without checking who initiated it.
            let initiators = list(law, date, Param::ConstitutionAmendmentInitiators).ok();
            let mut steps = Vec::new();
            if let Some(initiators) = initiators {
                if !initiators.value.contains(initiated_by) {
                    return Err(vec![
                        Step::new(
                            "amendment_initiative",
                            format!(
                                "parliament amends the constitution at the initiative of {}, not \
                                 of `{initiated_by}`",
                                initiators.value.join(", ")
                            ),
                        )
                        .law(initiators.law),
                    ]);
                }
                steps.push(
                    Step::new(
                        "amendment_initiative",
                        format!("initiated by `{initiated_by}`, as the constitution allows"),
                    )
                    .law(initiators.law),
                );
            } else {
                steps.push(Step::new(
                    "amendment_initiative",
                    format!(
                        "who may initiate an amendment on {date} is not known to the rulebook; \
                         the amendment is recorded from its act"
                    ),
                ));
            }
            next.constitution.push(act.clone());
            steps.push(Step::new(
                "constitution",
                format!("{found} in force from {date}"),
            ));
            applied(next, steps)
        }
        Event::LawAmended { act } => {
            let found = known_act(book, act, date)?;
            next.laws.push(act.clone());
            applied(
                next,
                vec![Step::new(
                    "law",
                    format!("{found}: its rules apply from the dates the rulebook gives them"),
                )],
            )
        }
        Event::AssemblyElected { deputies } => {
            let seats = over(law, date, Param::MazhilisAssemblySeats, |at| {
                at.count(Param::MazhilisAssemblySeats)
            })?;
            if deputies.len() as u64 != seats.value {
                return Err(vec![
                    Step::new(
                        "assembly_seats",
                        format!(
                            "the Assembly of People elects {} Mazhilis deputies, not {}",
                            seats.value,
                            deputies.len()
                        ),
                    )
                    .law(seats.law),
                ]);
            }
            next.assembly_deputies = deputies.clone();
            applied(
                next,
                vec![
                    Step::new(
                        "assembly_seats",
                        format!(
                            "the Assembly of People elected its {} deputies",
                            seats.value
                        ),
                    )
                    .law(seats.law),
                ],
            )
        }
        Event::PartyRegistered {
            party,
            name,
            members,
        } => lifecycle_step(state, state.parties.register(party, name, date, *members)),
        Event::PartyOnRegister {
            party,
            name,
            members,
        } => {
            let (next, verdict) =
                lifecycle_step(state, state.parties.register(party, name, date, *members))?;
            let mut steps = verdict.steps().to_vec();
            steps.push(Step::new(
                "registration_date",
                format!(
                    "`{party}` is known to be on the register by {date}; its registration date is \
                     not given by the sources"
                ),
            ));
            Ok((next, Verdict::Applied { steps }))
        }
        Event::PartyRenamed { party, name } => {
            lifecycle_step(state, state.parties.rename(party, name, date))
        }
        Event::PartiesMerged {
            merging,
            successor,
            successor_name,
        } => {
            let successor = match successor_name {
                Some(name) => Successor::New {
                    id: successor.clone(),
                    name: name.clone(),
                },
                None => Successor::Existing(successor.clone()),
            };
            lifecycle_step(state, state.parties.merge(merging, &successor, date))
        }
        Event::PartyLiquidated { party, decision } => lifecycle_step(
            state,
            state.parties.liquidate_by_court(party, date, decision),
        ),
        Event::BlocFormed { name, parties } => {
            lifecycle_step(state, state.parties.form_bloc(law, name, parties, date))
        }
        Event::MazhilisElected {
            election,
            lists,
            participating,
        } => mazhilis_elected(law, data, state, date, election, lists, *participating),
        Event::PresidentElected { person, election } => {
            president_elected(law, data, state, date, person, election)
        }
        Event::PresidentInaugurated { person } => match &state.president {
            Some(p) if &p.person == person && p.inaugurated.is_none() => {
                if let Some(h) = next.president.as_mut() {
                    h.inaugurated = Some(date);
                }
                applied(
                    next,
                    vec![Step::new(
                        "inauguration",
                        format!("{person}, elected {}, took office on {date}", p.since),
                    )],
                )
            }
            Some(p) if &p.person == person => refuse(
                "inauguration",
                format!(
                    "{person} took office already, on {}",
                    p.inaugurated.map_or("?".into(), |d| d.to_string())
                ),
            ),
            Some(p) => refuse(
                "inauguration",
                format!("the president elected last is {}, not {person}", p.person),
            ),
            None => refuse("inauguration", "no president has been elected"),
        },
        Event::SenatorsElected { election, seats } if seats.is_empty() => applied(
            next,
            vec![Step::new(
                "senate_seats",
                format!(
                    "the election `{election}` was held; the sources name no senators elected, \
                     so the record of the Senate's elected seats is unchanged"
                ),
            )],
        ),
        Event::SenatorsElected { election, seats } => {
            let per_unit = count(law, date, Param::SenateElectedPerUnit)?;
            let units = list(law, date, Param::StateUnits)?;
            let mut reasons = Vec::new();
            for (unit, people) in seats {
                if !units.value.contains(unit) {
                    reasons.push(
                        Step::new("units", format!("`{unit}` is not a unit on {date}"))
                            .law(units.law.clone()),
                    );
                } else if people.len() as u64 > per_unit.value {
                    reasons.push(
                        Step::new(
                            "senate_seats",
                            format!(
                                "{unit} elects {} senators, not {}",
                                per_unit.value,
                                people.len()
                            ),
                        )
                        .law(per_unit.law.clone()),
                    );
                }
            }
            if !reasons.is_empty() {
                return Err(reasons);
            }
            for (unit, people) in seats {
                next.senate_elected.insert(unit.clone(), people.clone());
            }
            applied(
                next,
                vec![
                    Step::new(
                        "senate_seats",
                        format!(
                            "election `{election}`: senators elected in {} unit(s), at most {} each",
                            seats.len(),
                            per_unit.value
                        ),
                    )
                    .law(per_unit.law),
                ],
            )
        }
        Event::Appointed {
            office,
            person,
            seat,
            proposed_by,
            decided_by,
            approved,
        } => appointed(
            law,
            state,
            date,
            office,
            person,
            seat.as_deref(),
            proposed_by.as_deref(),
            decided_by,
            *approved,
        ),
        Event::BillIntroduced { bill, title } => {
            if state.bills.contains_key(bill) {
                return refuse("bill", format!("bill `{bill}` was already introduced"));
            }
            next.bills.insert(
                bill.clone(),
                Bill {
                    title: title.clone(),
                    passed: Vec::new(),
                    decision: None,
                },
            );
            applied(
                next,
                vec![Step::new(
                    "bill",
                    format!("bill `{bill}` introduced: {title}"),
                )],
            )
        }
        Event::BillPassed { bill, by } => {
            let stages = list(law, date, Param::LegislationStages)?;
            let Some(current) = state.bills.get(bill) else {
                return refuse("bill", format!("no bill `{bill}` has been introduced"));
            };
            if current
                .decision
                .is_some_and(|d| d != BillDecision::Returned)
            {
                return refuse("bill", format!("bill `{bill}` has already been decided"));
            }
            let expected = stages.value.get(current.passed.len());
            if expected != Some(by) {
                let says = match expected {
                    Some(e) => format!("bill `{bill}` goes next to the {e}, not the {by}"),
                    None => format!(
                        "bill `{bill}` has passed every chamber ({}); it awaits the president",
                        stages.value.join(", then ")
                    ),
                };
                return Err(vec![Step::new("legislation", says).law(stages.law)]);
            }
            if let Some(b) = next.bills.get_mut(bill) {
                b.passed.push(by.clone());
                b.decision = None;
            }
            applied(
                next,
                vec![
                    Step::new("legislation", format!("the {by} passed bill `{bill}`"))
                        .law(stages.law),
                ],
            )
        }
        Event::BillDecided { bill, decision } => {
            let stages = list(law, date, Param::LegislationStages)?;
            let Some(current) = state.bills.get(bill) else {
                return refuse("bill", format!("no bill `{bill}` has been introduced"));
            };
            if current.passed != stages.value {
                return Err(vec![
                    Step::new(
                        "legislation",
                        format!(
                            "the president decides on bill `{bill}` only after {}; it has passed {}",
                            stages.value.join(" and "),
                            if current.passed.is_empty() {
                                "none".to_string()
                            } else {
                                current.passed.join(" and ")
                            }
                        ),
                    )
                    .law(stages.law),
                ]);
            }
            if let Some(b) = next.bills.get_mut(bill) {
                b.decision = Some(*decision);
                if *decision == BillDecision::Returned {
                    // Returned with objections: back to parliament from the first chamber.
                    b.passed.clear();
                }
            }
            let what = match decision {
                BillDecision::Signed => "signed",
                BillDecision::Returned => "returned with objections",
                BillDecision::Vetoed => "vetoed",
            };
            applied(
                next,
                vec![
                    Step::new("legislation", format!("the president {what} bill `{bill}`"))
                        .law(stages.law),
                ],
            )
        }
        Event::NoConfidence { by, passed } => {
            let chambers = list(law, date, Param::GovernmentNoConfidenceBy)?;
            if !chambers.value.contains(by) {
                return Err(vec![
                    Step::new(
                        "no_confidence",
                        format!(
                            "a vote of no confidence belongs to the {}, not the {by}",
                            chambers.value.join(", ")
                        ),
                    )
                    .law(chambers.law),
                ]);
            }
            let says = if *passed {
                next.offices.remove("prime_minister");
                next.offices.remove("minister");
                format!(
                    "the {by} passed no confidence: the government (prime minister and ministers) leaves office"
                )
            } else {
                format!("the {by} did not pass no confidence; the government stays")
            };
            applied(
                next,
                vec![Step::new("no_confidence", says).law(chambers.law)],
            )
        }
        Event::ParliamentDissolved { consulted } => {
            let required = list(law, date, Param::ParliamentDissolutionConsultees)?;
            let missing: Vec<&String> = required
                .value
                .iter()
                .filter(|r| !consulted.contains(r))
                .collect();
            if !missing.is_empty() {
                return Err(vec![
                    Step::new(
                        "dissolution",
                        format!(
                            "the president dissolves parliament only after consulting {}; not \
                             consulted: {}",
                            required.value.join(", "),
                            missing
                                .iter()
                                .map(|s| s.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                    .law(required.law),
                ]);
            }
            next.dissolved = Some(date);
            if let Some(m) = next.mazhilis.as_mut() {
                // Early elections are due: the term no longer runs to its end.
                m.next_election_due = Some(date.latest);
            }
            applied(
                next,
                vec![
                    Step::new(
                        "dissolution",
                        format!(
                            "parliament dissolved after consulting {} (their agreement is not needed)",
                            required.value.join(", ")
                        ),
                    )
                    .law(required.law),
                ],
            )
        }
    }
}

fn known_act(book: &Rulebook, act: &str, date: FuzzyDate) -> Result<String, Vec<Step>> {
    let Some(found) = book.act(act) else {
        return refuse("act", format!("`{act}` is not an act the rulebook knows"));
    };
    if found.date.latest < date.earliest || found.date.earliest > date.latest {
        return refuse(
            "act",
            format!("`{act}` is dated {}, not {date}", found.date),
        );
    }
    Ok(format!("{} (`{act}`)", found.title))
}

fn lifecycle_step(
    state: &State,
    outcome: Result<lifecycle::Outcome, lifecycle::LifecycleError>,
) -> Applied {
    match outcome {
        Ok(lifecycle::Outcome::Done {
            state: parties,
            steps,
        }) => {
            let mut next = state.clone();
            next.parties = parties;
            Ok((next, Verdict::Applied { steps }))
        }
        Ok(lifecycle::Outcome::Refused { reasons }) => Err(reasons),
        Err(e) => refuse("party", e.to_string()),
    }
}

/// The day a term that starts on `start` ends.
fn term_end(start: Date, years: u64) -> Option<Date> {
    let years = i64::try_from(years).ok()?;
    start.checked_add(years.years()).ok()
}

fn mazhilis_elected(
    law: Law<'_>,
    data: &Dataset,
    state: &State,
    date: FuzzyDate,
    election: &str,
    lists: &[(String, u64)],
    participating: Option<u64>,
) -> Applied {
    if date.earliest != date.latest {
        return refuse(
            "mazhilis",
            format!(
                "a Mazhilis election needs its day; {date} is known only to the {}",
                precision(date)
            ),
        );
    }
    let rows: Vec<(String, u64)> = if lists.is_empty() {
        match data.votes(election) {
            Ok(v) => v.rows,
            Err(e) => return refuse("votes", e.to_string()),
        }
    } else {
        lists.to_vec()
    };
    let lists: Vec<ListVotes> = rows
        .iter()
        .zip(1u32..)
        .map(|((party, votes), registration)| ListVotes {
            party: party.clone(),
            votes: *votes,
            registration,
        })
        .collect();
    let at = law.at(date.earliest);
    let result =
        mazhilis::mazhilis(at, &lists, participating).map_err(|e| law_error_text(e.to_string()))?;
    if !result.outcome.is_complete() {
        return Err(vec![Step::new(
            "mazhilis",
            format!(
                "the seats cannot all be distributed: {}",
                result.outcome.says(result.total_seats)
            ),
        )]);
    }
    let term = at.count(Param::MazhilisTermYears).map_err(law_error)?;
    let other = at.count(Param::MazhilisAssemblySeats).map_err(law_error)?;
    let mut next = state.clone();
    next.dissolved = None;
    next.mazhilis = Some(Mazhilis {
        election: election.to_string(),
        elected: date,
        seats: result.seats.clone(),
        other_seats: other.value,
        next_election_due: term_end(date.earliest, term.value),
    });
    let mut steps = result.steps;
    steps.push(
        Step::new(
            "term",
            format!(
                "the Mazhilis sits for {} years: the next election is due by {}",
                term.value,
                term_end(date.earliest, term.value).map_or("?".into(), |d| d.to_string())
            ),
        )
        .law(term.law),
    );
    Ok((next, Verdict::Applied { steps }))
}

fn law_error_text(says: String) -> Vec<Step> {
    vec![Step::new("law", says)]
}

fn precision(date: FuzzyDate) -> &'static str {
    match date.precision {
        crate::exact::date::Precision::Day => "day",
        crate::exact::date::Precision::Month => "month",
        crate::exact::date::Precision::Year => "year",
    }
}

fn president_elected(
    law: Law<'_>,
    data: &Dataset,
    state: &State,
    date: FuzzyDate,
    person: &str,
    election: &str,
) -> Applied {
    let mut steps = Vec::new();
    // The votes, when the data has them, must say this person won in the first round.
    if let Ok(votes) = data.votes(election) {
        let participating = votes.rows.iter().map(|(_, v)| *v).sum();
        let at = law.at(date.latest);
        let result = president::first_round(at, &votes.rows, participating)
            .map_err(|e| law_error_text(e.to_string()))?;
        match &result.outcome {
            PresidentOutcome::Elected { winner } if winner == person => {
                steps.extend(result.steps);
            }
            other => {
                return refuse(
                    "president",
                    format!("the votes of `{election}` do not elect {person}: {other:?}"),
                );
            }
        }
    }
    let term_years = over(law, date, Param::PresidentTermYears, |at| {
        at.count(Param::PresidentTermYears)
    })?;
    // Term limit: consecutive terms so far, against the limit and the first-president rule.
    let limit = over(law, date, Param::PresidentMaxConsecutiveTerms, |at| {
        at.optional_count(Param::PresidentMaxConsecutiveTerms)
    });
    let terms = state
        .presidential_terms
        .get(person)
        .cloned()
        .unwrap_or_default();
    // Terms are consecutive when each ends no earlier than the next begins; the chain counts
    // only if the latest term is still running on the election day.
    let mut consecutive = 0u64;
    let mut next_start = date.earliest;
    for (start, end) in terms.iter().rev() {
        if *end < next_start {
            break;
        }
        consecutive += 1;
        next_start = *start;
    }
    let running = consecutive > 0;
    if let Ok(limit) = &limit
        && let Some(max) = limit.value
        && running
        && consecutive >= max
    {
        let exempt = over(law, date, Param::PresidentFirstPresidentExempt, |at| {
            at.flag(Param::PresidentFirstPresidentExempt)
        })?;
        let is_first = state.first_president.as_deref() == Some(person);
        if !(exempt.value && is_first) {
            return Err(vec![
                Step::new(
                    "term_limit",
                    format!(
                        "{person} has served {consecutive} consecutive term(s); the limit is {max}"
                    ),
                )
                .law(limit.law.clone())
                .law(exempt.law),
            ]);
        }
        steps.push(
            Step::new(
                "term_limit",
                format!(
                    "{person} has served {consecutive} consecutive term(s), the limit is {max}, \
                     but the first president is exempt"
                ),
            )
            .law(limit.law.clone())
            .law(exempt.law),
        );
    }
    let start = date.latest;
    let end = term_end(start, term_years.value);
    let mut next = state.clone();
    next.first_president
        .get_or_insert_with(|| person.to_string());
    if let Some(end) = end {
        next.presidential_terms
            .entry(person.to_string())
            .or_default()
            .push((start, end));
    }
    next.president = Some(Holder {
        person: person.to_string(),
        since: date,
        inaugurated: None,
        term_ends: end,
    });
    let counted = if date.earliest == date.latest {
        String::new()
    } else {
        format!(
            " (the election day is known only to the {}: the term is counted from its last day, {start})",
            precision(date)
        )
    };
    steps.push(
        Step::new(
            "term",
            format!(
                "{person} is president for {} years{}{counted}",
                term_years.value,
                end.map_or(String::new(), |e| format!(", to {e}"))
            ),
        )
        .law(term_years.law),
    );
    Ok((next, Verdict::Applied { steps }))
}

/// `office:decider` or `office:proposer>decider`.
fn appointment_rule<'a>(rules: &'a [String], office: &str) -> Option<(Option<&'a str>, &'a str)> {
    rules.iter().find_map(|r| {
        let (o, who) = r.split_once(':')?;
        (o.trim() == office).then(|| match who.split_once('>') {
            Some((p, d)) => (Some(p.trim()), d.trim()),
            None => (None, who.trim()),
        })
    })
}

#[allow(clippy::too_many_arguments)]
fn appointed(
    law: Law<'_>,
    state: &State,
    date: FuzzyDate,
    office: &str,
    person: &str,
    seat: Option<&str>,
    proposed_by: Option<&str>,
    decided_by: &str,
    approved: bool,
) -> Applied {
    let rules = list(law, date, Param::PowersAppointments)?;
    let Some((proposer, decider)) = appointment_rule(&rules.value, office) else {
        return Err(vec![
            Step::new(
                "appointment",
                format!("the law names no procedure for the office `{office}`"),
            )
            .law(rules.law),
        ]);
    };
    let mut reasons = Vec::new();
    if decider != decided_by {
        reasons.push(format!(
            "the {decider} decides on a {office}, not the {decided_by}"
        ));
    }
    if proposer != proposed_by {
        reasons.push(match proposer {
            Some(p) => format!(
                "a {office} is proposed by the {p}{}",
                proposed_by.map_or(String::new(), |x| format!(", not the {x}"))
            ),
            None => format!("a {office} has no proposer; the {decider} decides alone"),
        });
    }
    if office == "akim"
        && let Some(unit) = seat
    {
        let units = list(law, date, Param::StateUnits)?;
        if !units.value.iter().any(|u| u == unit) {
            return Err(vec![
                Step::new("units", format!("`{unit}` is not a unit on {date}")).law(units.law),
            ]);
        }
    }
    if office == "appointed_senator" && approved {
        let cap = over(law, date, Param::SenateAppointedSeats, |at| {
            at.count(Param::SenateAppointedSeats)
        })?;
        let held = state.offices.get(office).map_or(0, |m| m.len()) as u64;
        if held >= cap.value {
            return Err(vec![
                Step::new(
                    "senate_seats",
                    format!(
                        "the president appoints {} senators and {held} seats are filled",
                        cap.value
                    ),
                )
                .law(cap.law),
            ]);
        }
    }
    if !reasons.is_empty() {
        return Err(reasons
            .into_iter()
            .map(|r| Step::new("appointment", r).law(rules.law.clone()))
            .collect());
    }
    let mut next = state.clone();
    let how = match proposer {
        Some(p) => format!("proposed by the {p}, decided by the {decider}"),
        None => format!("by the {decider}"),
    };
    let says = if approved {
        let seat_key = seat.map(str::to_string).unwrap_or_else(|| {
            if office == "appointed_senator" {
                person.to_string()
            } else {
                String::new()
            }
        });
        next.offices.entry(office.to_string()).or_default().insert(
            seat_key,
            Holder {
                person: person.to_string(),
                since: date,
                inaugurated: None,
                term_ends: None,
            },
        );
        format!(
            "{person} appointed {office}{} ({how})",
            seat.map_or(String::new(), |s| format!(" for {s}"))
        )
    } else {
        format!("the {decider} refused {person} as {office}; the office is unchanged ({how})")
    };
    Ok((
        next,
        Verdict::Applied {
            steps: vec![Step::new("appointment", says).law(rules.law)],
        },
    ))
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
    let mut previous: Option<FuzzyDate> = None;
    for (i, entry) in parsed.entry.iter().enumerate() {
        if require_sources && entry.source.as_deref().is_none_or(|s| s.trim().is_empty()) {
            return Err(JournalError::NoSource {
                file: file.to_string(),
                index: i + 1,
                kind: entry.event.kind(),
                date: entry.date,
            });
        }
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
    Ok(parsed.entry)
}

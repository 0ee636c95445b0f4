//! Party lifecycle: registration, renaming, merger, liquidation by court and electoral blocs, as
//! pure operations on a set of parties, for an event journal to replay.
//!
//! [`Parties`] is a value: every operation takes it by reference and returns an [`Outcome`],
//! either the new state with the steps that produced it, or a refusal with the reasons. A
//! refusal is the law's (or the party register's) answer to a well-formed request; an
//! [`LifecycleError`] is a request that cannot be judged: an unknown party, a date earlier
//! than the party's last change, or a rule the rulebook does not know on the date.
//!
//! Dates are [`FuzzyDate`]s because the sources often give only a month ("January 2005"). A
//! status keeps the precision it was given. A date goes backwards when it is certainly earlier
//! than the party's last change (its latest day before the change's earliest); two dates in the
//! same month, one of them known only to the month, cannot be ordered and are accepted. A rule
//! looked up for a month or year must hold on its first and last day, else it is uncertain.
//!
//! Only electoral blocs have a rule in the rulebook (`party.electoral_blocs_allowed`); the other
//! checks (a party must be registered to act, a registered party's name is its own) are the
//! register's consistency, and their steps say so rather than cite a parameter.
//!
//! ```
//! use saylau_core::exact::date::FuzzyDate;
//! use saylau_core::parties::lifecycle::{Outcome, Parties};
//!
//! let day = |s: &str| FuzzyDate::parse(s).expect("a date");
//! let Outcome::Done { state, .. } = Parties::new()
//!     .register("azat", "Naguyz Ak zhol", day("2006"), None)
//!     .expect("a new party")
//! else { panic!("registered") };
//! let Outcome::Done { state, .. } = state.rename("azat", "Democratic Party Azat", day("2008")).expect("known")
//! else { panic!("renamed") };
//! assert_eq!(state.get("azat").map(|p| p.name.as_str()), Some("Democratic Party Azat"));
//! ```

use std::collections::BTreeMap;

use serde::Serialize;

use crate::exact::date::FuzzyDate;
use crate::explain::Step;
use crate::law::{Cited, Law, LawError, LawRef, Param};

/// Why a party ceased.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "cause")]
pub enum Cause {
    /// Merged into `successor`.
    Merger { successor: String },
    /// Liquidated by the court decision named.
    LiquidatedByCourt { decision: String },
}

/// A party's standing in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Status {
    /// Registered; `since` is `None` where the source does not date the registration.
    Registered {
        since: Option<FuzzyDate>,
    },
    Ceased {
        date: FuzzyDate,
        cause: Cause,
    },
}

/// What happened to a party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Registered,
    Renamed,
    MergedInto,
    Absorbed,
    Liquidated,
    JoinedBloc,
}

/// One entry of a party's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub date: FuzzyDate,
    pub kind: ChangeKind,
    pub says: String,
}

/// A party in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartyRecord {
    pub id: String,
    pub name: String,
    pub status: Status,
    /// Members, where known.
    pub members: Option<u64>,
    pub history: Vec<Change>,
}

impl PartyRecord {
    /// A registered party known to the register with no dated history (for an initial state).
    pub fn registered(id: &str, name: &str, members: Option<u64>) -> PartyRecord {
        PartyRecord {
            id: id.to_string(),
            name: name.to_string(),
            status: Status::Registered { since: None },
            members,
            history: Vec::new(),
        }
    }

    pub fn is_registered(&self) -> bool {
        matches!(self.status, Status::Registered { .. })
    }

    /// Why the party is no longer on the register, in words (`ceased on 2005-01 (liquidated
    /// by court (…))`), or `None` while it is registered.
    pub fn ceased(&self) -> Option<String> {
        match &self.status {
            Status::Registered { .. } => None,
            Status::Ceased { date, cause } => {
                let why = match cause {
                    Cause::Merger { successor } => format!("merged into `{successor}`"),
                    Cause::LiquidatedByCourt { decision } => {
                        format!("liquidated by court ({decision})")
                    }
                };
                Some(format!("ceased on {date} ({why})"))
            }
        }
    }

    /// The date of the party's last change, if any.
    pub fn last_change(&self) -> Option<FuzzyDate> {
        self.history.last().map(|c| c.date)
    }
}

/// An electoral bloc or coalition the register records.
#[derive(Debug, Clone, Serialize)]
pub struct Bloc {
    pub name: String,
    pub parties: Vec<String>,
    pub date: FuzzyDate,
    pub law: Vec<LawRef>,
}

/// The register: every party by id, and the blocs formed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Parties {
    parties: BTreeMap<String, PartyRecord>,
    blocs: Vec<Bloc>,
}

/// The successor of a merger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Successor {
    /// One of the merging parties, which absorbs the others.
    Existing(String),
    /// A new party formed by the merger.
    New { id: String, name: String },
}

/// What an operation did, or why it was refused.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Outcome {
    Done { state: Parties, steps: Vec<Step> },
    Refused { reasons: Vec<Step> },
}

impl Outcome {
    pub fn is_done(&self) -> bool {
        matches!(self, Outcome::Done { .. })
    }
}

/// Why an operation cannot be judged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LifecycleError {
    #[error("no party `{0}` in the register")]
    UnknownParty(String),
    #[error("a party `{0}` is already in the register")]
    DuplicateParty(String),
    #[error("party `{0}` is named twice in the request")]
    Repeated(String),
    #[error("{what} is empty")]
    Empty { what: &'static str },
    #[error("the merger's successor `{0}` is not one of the merging parties")]
    SuccessorNotMerging(String),
    #[error("{what} needs at least two parties")]
    TooFew { what: &'static str },
    #[error(
        "party `{party}`: the date {date} is before its last change on {last}; dates must not go backwards"
    )]
    Backwards {
        party: String,
        date: FuzzyDate,
        last: FuzzyDate,
    },
    /// The rule the operation needs is unknown, uncertain or not in force on its date.
    #[error("{0}")]
    Law(LawError),
    #[error("the members of `{0}` overflow")]
    Overflow(String),
}

fn refused(reasons: Vec<Step>) -> Result<Outcome, LifecycleError> {
    Ok(Outcome::Refused { reasons })
}

impl Parties {
    pub fn new() -> Parties {
        Parties::default()
    }

    /// An initial register from records; ids must be unique.
    pub fn from_records(records: Vec<PartyRecord>) -> Result<Parties, LifecycleError> {
        let mut parties = BTreeMap::new();
        for r in records {
            if r.id.trim().is_empty() {
                return Err(LifecycleError::Empty { what: "a party id" });
            }
            if parties.contains_key(&r.id) {
                return Err(LifecycleError::DuplicateParty(r.id));
            }
            parties.insert(r.id.clone(), r);
        }
        Ok(Parties {
            parties,
            blocs: Vec::new(),
        })
    }

    pub fn get(&self, id: &str) -> Option<&PartyRecord> {
        self.parties.get(id)
    }

    /// Every party, by id.
    pub fn parties(&self) -> impl Iterator<Item = &PartyRecord> {
        self.parties.values()
    }

    /// The party a list or an account names: by its id, or else the registered party that
    /// bears the name now (ignoring case and spacing). A ceased party is found by its id only,
    /// so the caller can say why it no longer acts.
    pub fn named(&self, id_or_name: &str) -> Option<&PartyRecord> {
        self.parties
            .get(id_or_name)
            .or_else(|| self.name_holder(id_or_name, &[]))
    }

    pub fn blocs(&self) -> &[Bloc] {
        &self.blocs
    }

    fn party(&self, id: &str) -> Result<&PartyRecord, LifecycleError> {
        self.parties
            .get(id)
            .ok_or_else(|| LifecycleError::UnknownParty(id.to_string()))
    }

    /// Refuses a date certainly earlier than the party's last change.
    fn in_order(party: &PartyRecord, date: FuzzyDate) -> Result<(), LifecycleError> {
        let last = party.last_change();
        let since = match party.status {
            Status::Registered { since } => since,
            Status::Ceased { date, .. } => Some(date),
        };
        for last in [last, since].into_iter().flatten() {
            if date.latest < last.earliest {
                return Err(LifecycleError::Backwards {
                    party: party.id.clone(),
                    date,
                    last,
                });
            }
        }
        Ok(())
    }

    /// The step refusing an act of a party that is no longer registered.
    fn not_registered(party: &PartyRecord, act: &str) -> Option<Step> {
        party.ceased().map(|ceased| {
            Step::new(
                "registered",
                format!(
                    "`{}` cannot {act}: it {ceased}; only a registered party acts in the register",
                    party.id
                ),
            )
        })
    }

    /// The registered party other than `except` that bears `name` (ignoring case and spacing).
    fn name_holder(&self, name: &str, except: &[&str]) -> Option<&PartyRecord> {
        let key = name_key(name);
        self.parties.values().find(|p| {
            p.is_registered() && !except.contains(&p.id.as_str()) && name_key(&p.name) == key
        })
    }

    fn name_taken(&self, name: &str, except: &[&str]) -> Option<Step> {
        self.name_holder(name, except).map(|holder| {
            Step::new(
                "name_unique",
                format!(
                    "the name `{name}` is borne by `{}`, another registered party",
                    holder.id
                ),
            )
        })
    }

    /// Registers a new party.
    pub fn register(
        &self,
        id: &str,
        name: &str,
        date: FuzzyDate,
        members: Option<u64>,
    ) -> Result<Outcome, LifecycleError> {
        if id.trim().is_empty() {
            return Err(LifecycleError::Empty { what: "a party id" });
        }
        if name.trim().is_empty() {
            return Err(LifecycleError::Empty { what: "the name" });
        }
        if self.parties.contains_key(id) {
            return Err(LifecycleError::DuplicateParty(id.to_string()));
        }
        if let Some(step) = self.name_taken(name, &[]) {
            return refused(vec![step]);
        }
        let says = format!("`{id}` registered as `{name}` on {date}");
        let mut state = self.clone();
        state.parties.insert(
            id.to_string(),
            PartyRecord {
                id: id.to_string(),
                name: name.to_string(),
                status: Status::Registered { since: Some(date) },
                members,
                history: vec![Change {
                    date,
                    kind: ChangeKind::Registered,
                    says: says.clone(),
                }],
            },
        );
        Ok(Outcome::Done {
            state,
            steps: vec![Step::new("register", says)],
        })
    }

    /// Renames a registered party; the new name must not be another registered party's.
    pub fn rename(
        &self,
        id: &str,
        new_name: &str,
        date: FuzzyDate,
    ) -> Result<Outcome, LifecycleError> {
        if new_name.trim().is_empty() {
            return Err(LifecycleError::Empty {
                what: "the new name",
            });
        }
        let party = self.party(id)?;
        Self::in_order(party, date)?;
        let reasons: Vec<Step> = [
            Self::not_registered(party, "be renamed"),
            self.name_taken(new_name, &[id]),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !reasons.is_empty() {
            return refused(reasons);
        }
        let says = format!(
            "`{id}` renamed from `{}` to `{new_name}` on {date}",
            party.name
        );
        let mut state = self.clone();
        if let Some(p) = state.parties.get_mut(id) {
            p.name = new_name.to_string();
            p.history.push(Change {
                date,
                kind: ChangeKind::Renamed,
                says: says.clone(),
            });
        }
        Ok(Outcome::Done {
            state,
            steps: vec![
                Step::new(
                    "registered",
                    format!("`{id}` is a registered party on {date}"),
                ),
                Step::new(
                    "name_unique",
                    format!("no other registered party is named `{new_name}`"),
                ),
                Step::new("rename", says),
            ],
        })
    }

    /// Merges registered parties: all but the successor cease on `date` with cause merger, and
    /// the successor (one of them, or a new party) takes their members. Members are unknown
    /// after the merger if any merging party's are.
    pub fn merge(
        &self,
        merging: &[String],
        successor: &Successor,
        date: FuzzyDate,
    ) -> Result<Outcome, LifecycleError> {
        let mut seen: Vec<&str> = Vec::new();
        for id in merging {
            if seen.contains(&id.as_str()) {
                return Err(LifecycleError::Repeated(id.clone()));
            }
            seen.push(id);
        }
        if merging.len() < 2 {
            return Err(LifecycleError::TooFew { what: "a merger" });
        }
        let parties: Vec<&PartyRecord> = merging
            .iter()
            .map(|id| self.party(id))
            .collect::<Result<_, _>>()?;
        for p in &parties {
            Self::in_order(p, date)?;
        }
        let (successor_id, successor_name) = match successor {
            Successor::Existing(id) => {
                if !merging.contains(id) {
                    return Err(LifecycleError::SuccessorNotMerging(id.clone()));
                }
                (id.clone(), self.party(id)?.name.clone())
            }
            Successor::New { id, name } => {
                if id.trim().is_empty() {
                    return Err(LifecycleError::Empty { what: "a party id" });
                }
                if name.trim().is_empty() {
                    return Err(LifecycleError::Empty {
                        what: "the successor's name",
                    });
                }
                if self.parties.contains_key(id) {
                    return Err(LifecycleError::DuplicateParty(id.clone()));
                }
                (id.clone(), name.clone())
            }
        };

        let mut reasons: Vec<Step> = parties
            .iter()
            .filter_map(|p| Self::not_registered(p, "merge"))
            .collect();
        if let Successor::New { name, .. } = successor {
            let ceasing: Vec<&str> = merging.iter().map(String::as_str).collect();
            reasons.extend(self.name_taken(name, &ceasing));
        }
        if !reasons.is_empty() {
            return refused(reasons);
        }

        let mut members: Option<u64> = Some(0);
        for p in &parties {
            members = match (members, p.members) {
                (Some(sum), Some(m)) => Some(
                    sum.checked_add(m)
                        .ok_or_else(|| LifecycleError::Overflow(successor_id.clone()))?,
                ),
                _ => None,
            };
        }
        let names: Vec<String> = parties.iter().map(|p| format!("`{}`", p.id)).collect();
        let mut steps = vec![Step::new(
            "registered",
            format!("{} are registered parties on {date}", names.join(", ")),
        )];
        let mut state = self.clone();
        for p in &parties {
            if p.id == successor_id {
                continue;
            }
            let says = format!("`{}` ceased on {date}, merged into `{successor_id}`", p.id);
            if let Some(rec) = state.parties.get_mut(&p.id) {
                rec.status = Status::Ceased {
                    date,
                    cause: Cause::Merger {
                        successor: successor_id.clone(),
                    },
                };
                rec.history.push(Change {
                    date,
                    kind: ChangeKind::MergedInto,
                    says: says.clone(),
                });
            }
            steps.push(Step::new("merger", says));
        }
        let members_says = match members {
            Some(n) => format!("{n} members, the sum of the merging parties'"),
            None => "members unknown, since not every merging party's count is known".to_string(),
        };
        let says = format!(
            "`{successor_id}` (`{successor_name}`) succeeds {} on {date}, with {members_says}",
            names.join(", ")
        );
        let change = Change {
            date,
            kind: ChangeKind::Absorbed,
            says: says.clone(),
        };
        match successor {
            Successor::Existing(id) => {
                if let Some(rec) = state.parties.get_mut(id) {
                    rec.members = members;
                    rec.history.push(change);
                }
            }
            Successor::New { id, name } => {
                state.parties.insert(
                    id.clone(),
                    PartyRecord {
                        id: id.clone(),
                        name: name.clone(),
                        status: Status::Registered { since: Some(date) },
                        members,
                        history: vec![change],
                    },
                );
            }
        }
        steps.push(Step::new("successor", says));
        Ok(Outcome::Done { state, steps })
    }

    /// Liquidates a registered party by the court decision named in `decision`.
    pub fn liquidate_by_court(
        &self,
        id: &str,
        date: FuzzyDate,
        decision: &str,
    ) -> Result<Outcome, LifecycleError> {
        if decision.trim().is_empty() {
            return Err(LifecycleError::Empty {
                what: "the court decision reference",
            });
        }
        let party = self.party(id)?;
        Self::in_order(party, date)?;
        if let Some(step) = Self::not_registered(party, "be liquidated") {
            return refused(vec![step]);
        }
        let says = format!("`{id}` liquidated by court on {date}: {decision}");
        let mut state = self.clone();
        if let Some(p) = state.parties.get_mut(id) {
            p.status = Status::Ceased {
                date,
                cause: Cause::LiquidatedByCourt {
                    decision: decision.to_string(),
                },
            };
            p.history.push(Change {
                date,
                kind: ChangeKind::Liquidated,
                says: says.clone(),
            });
        }
        Ok(Outcome::Done {
            state,
            steps: vec![
                Step::new(
                    "registered",
                    format!("`{id}` is a registered party on {date}"),
                ),
                Step::new("liquidation", says),
            ],
        })
    }

    /// Forms an electoral bloc (coalition) of registered parties, if the law in force on `date`
    /// allows blocs (`party.electoral_blocs_allowed`).
    pub fn form_bloc(
        &self,
        law: Law<'_>,
        name: &str,
        members: &[String],
        date: FuzzyDate,
    ) -> Result<Outcome, LifecycleError> {
        if name.trim().is_empty() {
            return Err(LifecycleError::Empty {
                what: "the bloc's name",
            });
        }
        let mut seen: Vec<&str> = Vec::new();
        for id in members {
            if seen.contains(&id.as_str()) {
                return Err(LifecycleError::Repeated(id.clone()));
            }
            seen.push(id);
        }
        if members.len() < 2 {
            return Err(LifecycleError::TooFew {
                what: "an electoral bloc",
            });
        }
        let parties: Vec<&PartyRecord> = members
            .iter()
            .map(|id| self.party(id))
            .collect::<Result<_, _>>()?;
        for p in &parties {
            Self::in_order(p, date)?;
        }
        let allowed =
            flag_over(law, Param::PartyElectoralBlocsAllowed, date).map_err(LifecycleError::Law)?;
        let rule = format!(
            "{} = {} in force from {}",
            allowed.law.parameter, allowed.law.value, allowed.law.from
        );
        let mut reasons: Vec<Step> = Vec::new();
        if !allowed.value {
            reasons.push(
                Step::new(
                    "electoral_blocs_allowed",
                    format!(
                        "parties may not form electoral coalitions or blocs on {date} ({rule})"
                    ),
                )
                .law(allowed.law.clone()),
            );
        }
        reasons.extend(
            parties
                .iter()
                .filter_map(|p| Self::not_registered(p, "join a bloc")),
        );
        if !reasons.is_empty() {
            return refused(reasons);
        }
        let ids: Vec<String> = parties.iter().map(|p| format!("`{}`", p.id)).collect();
        let says = format!("{} formed the bloc `{name}` on {date}", ids.join(", "));
        let mut state = self.clone();
        for p in &parties {
            if let Some(rec) = state.parties.get_mut(&p.id) {
                rec.history.push(Change {
                    date,
                    kind: ChangeKind::JoinedBloc,
                    says: says.clone(),
                });
            }
        }
        state.blocs.push(Bloc {
            name: name.to_string(),
            parties: members.to_vec(),
            date,
            law: vec![allowed.law.clone()],
        });
        Ok(Outcome::Done {
            state,
            steps: vec![
                Step::new(
                    "electoral_blocs_allowed",
                    format!("parties may form electoral blocs on {date} ({rule})"),
                )
                .law(allowed.law),
                Step::new("bloc", says),
            ],
        })
    }
}

/// A name compared ignoring case and runs of spaces.
fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A flag in force over the whole of a fuzzy date: on its first and its last day, from the
/// same entry. A change inside the span makes the value uncertain.
fn flag_over(law: Law<'_>, param: Param, date: FuzzyDate) -> Result<Cited<bool>, LawError> {
    let first = law.at(date.earliest).flag(param)?;
    if date.latest == date.earliest {
        return Ok(first);
    }
    let last = law.at(date.latest).flag(param)?;
    if last.law.from != first.law.from || last.law.reform != first.law.reform {
        return Err(LawError::Uncertain {
            param,
            date: date.earliest,
            change: last.law.from,
        });
    }
    Ok(first)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;
    use crate::builtin;
    use crate::law::load_reform;

    fn day(s: &str) -> FuzzyDate {
        FuzzyDate::parse(s).unwrap()
    }

    fn done(o: Result<Outcome, LifecycleError>) -> (Parties, Vec<Step>) {
        match o.unwrap() {
            Outcome::Done { state, steps } => (state, steps),
            Outcome::Refused { reasons } => panic!("refused: {reasons:?}"),
        }
    }

    fn refusal(o: Result<Outcome, LifecycleError>) -> Vec<Step> {
        match o.unwrap() {
            Outcome::Refused { reasons } => reasons,
            Outcome::Done { .. } => panic!("expected a refusal"),
        }
    }

    fn four() -> Parties {
        Parties::from_records(vec![
            PartyRecord::registered("otan", "Otan", Some(100)),
            PartyRecord::registered("asar", "Asar", Some(20)),
            PartyRecord::registered("agrarian", "Agrarian Party", Some(3)),
            PartyRecord::registered("civil", "Civil Party", Some(4)),
        ])
        .unwrap()
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn merger_into_a_new_party_sums_members() {
        let (state, steps) = done(four().merge(
            &ids(&["otan", "asar", "agrarian", "civil"]),
            &Successor::New {
                id: "nur_otan".into(),
                name: "NUR OTAN".into(),
            },
            day("2006-07"),
        ));
        let nur = state.get("nur_otan").unwrap();
        assert_eq!(nur.members, Some(127));
        assert!(nur.is_registered());
        for id in ["otan", "asar", "agrarian", "civil"] {
            assert_eq!(
                state.get(id).unwrap().status,
                Status::Ceased {
                    date: day("2006-07"),
                    cause: Cause::Merger {
                        successor: "nur_otan".into()
                    }
                }
            );
        }
        assert_eq!(steps.last().unwrap().rule, "successor");
    }

    #[test]
    fn merger_into_an_existing_party_and_unknown_members() {
        let mut start = four();
        start.parties.get_mut("civil").unwrap().members = None;
        let (state, _) = done(start.merge(
            &ids(&["otan", "civil"]),
            &Successor::Existing("otan".into()),
            day("2006-07-04"),
        ));
        assert!(state.get("otan").unwrap().is_registered());
        assert_eq!(state.get("otan").unwrap().members, None);
        assert!(!state.get("civil").unwrap().is_registered());
        assert!(state.get("asar").unwrap().is_registered());
    }

    #[test]
    fn merger_of_a_ceased_party_is_refused() {
        let (state, _) = done(four().liquidate_by_court("asar", day("2005-01"), "court X"));
        let reasons = refusal(state.merge(
            &ids(&["otan", "asar"]),
            &Successor::Existing("otan".into()),
            day("2006-07"),
        ));
        assert_eq!(reasons.len(), 1);
        assert!(reasons[0].says.contains("liquidated by court (court X)"));
        // The successor must be one of the merging parties.
        let e = four()
            .merge(
                &ids(&["otan", "asar"]),
                &Successor::Existing("civil".into()),
                day("2006"),
            )
            .unwrap_err();
        assert_eq!(e, LifecycleError::SuccessorNotMerging("civil".into()));
    }

    #[test]
    fn rename_checks_registration_and_names() {
        let reasons = refusal(four().rename("otan", "asar", day("2007")));
        assert_eq!(reasons[0].rule, "name_unique");
        // Its own name in another case is not "another party's".
        let (state, _) = done(four().rename("otan", "OTAN", day("2007")));
        assert_eq!(state.get("otan").unwrap().name, "OTAN");
        let e = four().rename("nobody", "X", day("2007")).unwrap_err();
        assert_eq!(e, LifecycleError::UnknownParty("nobody".into()));
    }

    #[test]
    fn dates_must_not_go_backwards() {
        let (state, _) = done(four().rename("otan", "Otan 2", day("2006-07-10")));
        let e = state.rename("otan", "Otan 3", day("2006-06")).unwrap_err();
        assert!(matches!(e, LifecycleError::Backwards { .. }), "{e}");
        // The same month cannot be ordered against a day in it: accepted.
        assert!(
            state
                .rename("otan", "Otan 3", day("2006-07"))
                .unwrap()
                .is_done()
        );
    }

    #[test]
    fn liquidation_keeps_the_month_and_the_decision() {
        let (state, steps) = done(four().liquidate_by_court(
            "civil",
            day("2005-01"),
            "special economic court of Almaty",
        ));
        let Status::Ceased { date, cause } = &state.get("civil").unwrap().status else {
            panic!("ceased")
        };
        assert_eq!(date.to_string(), "2005-01");
        assert_eq!(
            cause,
            &Cause::LiquidatedByCourt {
                decision: "special economic court of Almaty".into()
            }
        );
        assert_eq!(steps.len(), 2);
        let reasons = refusal(state.liquidate_by_court("civil", day("2005-02"), "again"));
        assert_eq!(reasons[0].rule, "registered");
    }

    #[test]
    fn blocs_follow_the_rulebook() {
        let book = builtin::rulebook().unwrap();
        let law = Law::new(&book, &[]);
        let reasons =
            refusal(four().form_bloc(law, "B", &ids(&["otan", "asar"]), day("2009-05-01")));
        assert_eq!(reasons[0].law[0].parameter, "party.electoral_blocs_allowed");
        // The ban dates from the amendments of 19 June 2007: August 2007 is refused, and a
        // bloc dated only by the year 2007 straddles the change.
        let reasons =
            refusal(four().form_bloc(law, "B", &ids(&["otan", "asar"]), day("2007-08-17")));
        assert_eq!(reasons[0].law[0].parameter, "party.electoral_blocs_allowed");
        let e = four()
            .form_bloc(law, "B", &ids(&["otan", "asar"]), day("2007"))
            .unwrap_err();
        assert!(e.to_string().contains("uncertain"), "{e}");

        let reform = load_reform(
            "blocs.toml",
            "[reform]\nname = \"blocs\"\ndescription = \"blocs allowed\"\n\n[[party.electoral_blocs_allowed]]\nfrom = 2009-08-15\nvalue = true\nsource = \"counterfactual\"\n",
        )
        .unwrap();
        let reforms = [reform];
        let law = Law::new(&book, &reforms);
        let (state, steps) =
            done(four().form_bloc(law, "B", &ids(&["otan", "asar"]), day("2009-09-01")));
        assert_eq!(state.blocs().len(), 1);
        assert_eq!(steps[0].law[0].reform.as_deref(), Some("blocs"));
        // Across the reform's first day the value is uncertain.
        let e = four()
            .form_bloc(law, "B", &ids(&["otan", "asar"]), day("2009-08"))
            .unwrap_err();
        assert!(e.to_string().contains("uncertain"), "{e}");
    }
}

//! Party registration: a member list verified against the citizen register, counted per unit
//! and weighed against the minimums in force.
//!
//! The registering authority checks every signature in a fixed order and rejects it for the
//! first check it fails ([`Reason`], in [`REASONS`] order): a valid IIN, present in the
//! register, a citizen, alive, of age on the signing date, not in a barred occupation, signed
//! inside the collection window, not a second signature of the same person, not a member of
//! another party. The valid signatures are then counted in total and per unit (the unit the
//! register gives, not the member's own claim), and the application is registrable when the
//! founders, the total and every unit reach the minimums of the law in force.
//!
//! Every number and list comes from the rulebook (`party.*`, `state.units`); nothing here is
//! statutory. The module does no I/O: callers stream the register and the member list however
//! they like and feed each row to [`Tally::add`], so a 16-million-person register never has to
//! be held in memory.
//!
//! ```
//! use jiff::civil::date;
//! use saylau_core::{builtin, law::Law};
//! use saylau_core::parties::registration::{Application, Decision, Person, Rules, Signature, Tally};
//! use saylau_core::parties::iin::{Iin, Sex};
//!
//! let book = builtin::rulebook().expect("the built-in rulebook loads");
//! let application = Application {
//!     filed: date(2009, 7, 15),
//!     committee_registered: date(2009, 3, 2),
//!     founders: 1200,
//! };
//! let rules = Rules::new(Law::new(&book, &[]), application.filed, &application)
//!     .expect("the party law is known in 2009");
//! let mut tally = Tally::new();
//! let iin = Iin::from_parts(date(1970, 5, 1), Sex::Female, 17).expect("a valid IIN");
//! let person = Person {
//!     birth_date: date(1970, 5, 1),
//!     unit: rules.unit_index("astana").expect("astana is a unit"),
//!     citizen: true,
//!     deceased: false,
//!     occupation: None,
//! };
//! let row = Signature { iin: Ok(iin), signed_on: date(2009, 4, 1), person: Some(person), other_party: false };
//! assert_eq!(tally.add(&rules, &row), Ok(()));
//! let outcome = rules.decide(&tally).expect("every unit is in force");
//! assert_eq!(outcome.decision, Decision::Refused); // one member is far from 40,000
//! ```

use std::collections::HashSet;
use std::fmt;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::exact::date::age_on;
use crate::law::{Cited, Law, LawAt, LawError, LawRef, OCCUPATIONS, Param};
use crate::parties::iin::{Iin, IinError};

/// Why a signature does not count, in the order the checks are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    InvalidIin,
    NotInRegister,
    NotCitizen,
    Deceased,
    UnderAge,
    BarredOccupation,
    OutsideWindow,
    Duplicate,
    OtherParty,
}

/// Every reason, in the order the checks are made. A signature failing several checks is
/// rejected for the first of them.
pub const REASONS: [Reason; 9] = [
    Reason::InvalidIin,
    Reason::NotInRegister,
    Reason::NotCitizen,
    Reason::Deceased,
    Reason::UnderAge,
    Reason::BarredOccupation,
    Reason::OutsideWindow,
    Reason::Duplicate,
    Reason::OtherParty,
];

impl Reason {
    /// The reason as the files and JSON write it: `invalid_iin`, `not_in_register`, …
    pub fn name(self) -> &'static str {
        match self {
            Reason::InvalidIin => "invalid_iin",
            Reason::NotInRegister => "not_in_register",
            Reason::NotCitizen => "not_citizen",
            Reason::Deceased => "deceased",
            Reason::UnderAge => "under_age",
            Reason::BarredOccupation => "barred_occupation",
            Reason::OutsideWindow => "outside_window",
            Reason::Duplicate => "duplicate",
            Reason::OtherParty => "other_party",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What the citizen register says of one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person {
    pub birth_date: Date,
    /// Index into the units in force on the law date, `state.units` in the rulebook's
    /// order; see [`Rules::unit_index`].
    pub unit: u8,
    pub citizen: bool,
    pub deceased: bool,
    /// Index into [`OCCUPATIONS`] when the register names one of them; `None` for any other
    /// occupation.
    pub occupation: Option<u8>,
}

/// The index of an occupation in [`OCCUPATIONS`], for those the law may bar; `None` for any
/// other occupation.
pub fn occupation_index(occupation: &str) -> Option<u8> {
    OCCUPATIONS
        .iter()
        .position(|&o| o == occupation)
        .and_then(|i| u8::try_from(i).ok())
}

/// One row of a member list, with what the register and the other parties' lists say of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The IIN as written, parsed.
    pub iin: Result<Iin, IinError>,
    pub signed_on: Date,
    /// The register's entry for the IIN; `None` when the register has no such person.
    pub person: Option<Person>,
    /// Whether the IIN is on another party's member list.
    pub other_party: bool,
}

/// An application for registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Application {
    /// The day the application is decided on; signatures dated later do not count.
    pub filed: Date,
    /// The day the organizing committee was registered; the collection window opens then.
    pub committee_registered: Date,
    /// Citizens who backed the constituent congress's decision.
    pub founders: u64,
}

/// Why an application cannot be decided.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistrationError {
    #[error(transparent)]
    Law(#[from] LawError),
    #[error("the committee was registered on {committee}, after the application date {filed}")]
    CommitteeAfterFiling { committee: Date, filed: Date },
    #[error("the collection window of {months} months from {from} runs past the calendar")]
    WindowOverflow { from: Date, months: u64 },
    #[error(
        "a member is counted in unit number {index}, but {date} has only {units} units in force ({law})"
    )]
    UnitNotInForce {
        index: usize,
        units: usize,
        date: Date,
        law: Box<LawRef>,
    },
    #[error("{date} has {units} units in force, more than a register row can index ({law})")]
    TooManyUnits {
        units: usize,
        date: Date,
        law: Box<LawRef>,
    },
}

/// The rules in force for one application, looked up once.
#[derive(Debug, Clone)]
pub struct Rules {
    law_date: Date,
    application: Application,
    /// First and last day on which a signature counts.
    window: (Date, Date),
    founders_min: Cited<u64>,
    min_members: Cited<u64>,
    min_per_unit: Cited<u64>,
    min_age: Cited<u64>,
    window_months: Cited<u64>,
    citizens_only: Cited<bool>,
    one_party: Cited<bool>,
    barred: Cited<Vec<String>>,
    /// Whether each of [`OCCUPATIONS`] is barred.
    barred_mask: Vec<bool>,
    /// The units in force on the law date, in the rulebook's order: [`Person::unit`] indexes
    /// this list.
    units: Cited<Vec<String>>,
}

impl Rules {
    /// Looks up the rules in force on `law_date` (usually the application date; another date
    /// asks "what if the law of that day applied") for an application.
    pub fn new(
        law: Law<'_>,
        law_date: Date,
        application: &Application,
    ) -> Result<Rules, RegistrationError> {
        let at: LawAt<'_> = law.at(law_date);
        let owned = |c: Cited<&[String]>| Cited {
            value: c.value.to_vec(),
            law: c.law,
        };
        let window_months = at.count(Param::PartyCollectionWindowMonths)?;
        let from = application.committee_registered;
        if from > application.filed {
            return Err(RegistrationError::CommitteeAfterFiling {
                committee: from,
                filed: application.filed,
            });
        }
        let overflow = || RegistrationError::WindowOverflow {
            from,
            months: window_months.value,
        };
        let months = i64::try_from(window_months.value).map_err(|_| overflow())?;
        // jiff clamps to the month's last day: 31 October + 4 months is 28 (or 29) February.
        let end = from
            .checked_add(months.months())
            .map_err(|_| overflow())?
            .min(application.filed);
        let barred = owned(at.list(Param::PartyBarredOccupations)?);
        let units = owned(at.list(Param::StateUnits)?);
        let barred_mask = OCCUPATIONS
            .iter()
            .map(|o| barred.value.iter().any(|b| b == o))
            .collect();
        if u8::try_from(units.value.len()).is_err() {
            return Err(RegistrationError::TooManyUnits {
                units: units.value.len(),
                date: law_date,
                law: Box::new(units.law),
            });
        }
        Ok(Rules {
            law_date,
            application: *application,
            window: (from, end),
            founders_min: at.count(Param::PartyFoundersMin)?,
            min_members: at.count(Param::PartyMinMembers)?,
            min_per_unit: at.count(Param::PartyMinMembersPerUnit)?,
            min_age: at.count(Param::PartyMemberMinAge)?,
            window_months,
            citizens_only: at.flag(Param::PartyCitizensOnly)?,
            one_party: at.flag(Param::PartyOneMembership)?,
            barred,
            barred_mask,
            units,
        })
    }

    /// The index of a unit id among the units in force on the law date, for building
    /// [`Person`]s; `None` for an id that is not a unit in force then.
    pub fn unit_index(&self, unit: &str) -> Option<u8> {
        self.units
            .value
            .iter()
            .position(|u| u == unit)
            .and_then(|i| u8::try_from(i).ok())
    }

    /// The units in force on the law date, in the rulebook's order, with their citation:
    /// what a register's `unit` column is read against.
    pub fn units(&self) -> &Cited<Vec<String>> {
        &self.units
    }

    /// First and last day on which a signature counts.
    pub fn window(&self) -> (Date, Date) {
        self.window
    }

    /// The first check a signature fails, or `None` when it passes every check before
    /// `duplicate` (which needs the rows before it and is made by [`Tally::add`]).
    fn screen(&self, row: &Signature) -> Result<(Iin, Person), Reason> {
        let Ok(iin) = row.iin else {
            return Err(Reason::InvalidIin);
        };
        let Some(person) = row.person else {
            return Err(Reason::NotInRegister);
        };
        if self.citizens_only.value && !person.citizen {
            return Err(Reason::NotCitizen);
        }
        if person.deceased {
            return Err(Reason::Deceased);
        }
        let age = age_on(person.birth_date, row.signed_on);
        if u64::try_from(age).map_or(true, |age| age < self.min_age.value) {
            return Err(Reason::UnderAge);
        }
        if let Some(o) = person.occupation
            && self
                .barred_mask
                .get(usize::from(o))
                .copied()
                .unwrap_or(false)
        {
            return Err(Reason::BarredOccupation);
        }
        if row.signed_on < self.window.0 || row.signed_on > self.window.1 {
            return Err(Reason::OutsideWindow);
        }
        Ok((iin, person))
    }

    /// The law each rejection reason rests on, and what it says, in [`REASONS`] order.
    pub fn reason_law(&self, reason: Reason) -> (String, Vec<LawRef>) {
        let citizens = &self.citizens_only.law;
        match reason {
            Reason::InvalidIin => (
                "a member is identified by a valid IIN (12 digits, existing birth date, right \
                 check digit); a signature without one cannot be verified"
                    .into(),
                vec![citizens.clone()],
            ),
            Reason::NotInRegister => (
                "a member must be a person the citizen register knows".into(),
                vec![citizens.clone()],
            ),
            Reason::NotCitizen => (
                if self.citizens_only.value {
                    "only citizens may be party members".into()
                } else {
                    "the law in force does not restrict membership to citizens".into()
                },
                vec![citizens.clone()],
            ),
            Reason::Deceased => (
                "a person the register records as deceased cannot be a member".into(),
                vec![citizens.clone()],
            ),
            Reason::UnderAge => (
                format!(
                    "a member must be at least {} years old on the signing date",
                    self.min_age.value
                ),
                vec![self.min_age.law.clone()],
            ),
            Reason::BarredOccupation => (
                if self.barred.value.is_empty() {
                    "no occupation is barred from membership".into()
                } else {
                    format!(
                        "holders of these occupations may not be members: {}",
                        self.barred.value.join(", ")
                    )
                },
                vec![self.barred.law.clone()],
            ),
            Reason::OutsideWindow => (
                format!(
                    "signatures count from the organizing committee's registration on {} for {} \
                     months, and not after the application date: {} to {}",
                    self.window.0, self.window_months.value, self.window.0, self.window.1
                ),
                vec![self.window_months.law.clone()],
            ),
            Reason::Duplicate => (
                "each person counts once; a later signature of someone already counted is a \
                 duplicate"
                    .into(),
                vec![self.min_members.law.clone()],
            ),
            Reason::OtherParty => (
                if self.one_party.value {
                    "a citizen may be a member of only one party".into()
                } else {
                    "the law in force lets a citizen be a member of several parties".into()
                },
                vec![self.one_party.law.clone()],
            ),
        }
    }

    /// Weighs the counted signatures against the minimums in force.
    ///
    /// An error when the register put a valid member in a unit that is not in force on the
    /// law date: the counts per unit would then not mean what the law means.
    /// The members a party needs in each unit, with its citation.
    pub fn min_per_unit(&self) -> &Cited<u64> {
        &self.min_per_unit
    }

    pub fn decide(&self, tally: &Tally) -> Result<Outcome, RegistrationError> {
        tally.check_units(self)?;
        let mut findings = Vec::new();

        let founders = self.application.founders;
        let min = &self.founders_min;
        findings.push(Finding {
            rule: "founders".into(),
            met: founders >= min.value,
            says: format!(
                "the constituent congress's decision must be backed by at least {} citizens; \
                 the application names {founders}",
                min.value
            ),
            law: vec![min.law.clone()],
        });

        let min = &self.min_members;
        findings.push(Finding {
            rule: "members".into(),
            met: tally.valid >= min.value,
            says: format!(
                "a party needs at least {} members; {} signatures are valid",
                min.value, tally.valid
            ),
            law: vec![min.law.clone()],
        });

        let min = &self.min_per_unit;
        let short: Vec<String> = self
            .units_in_force_of(tally)
            .filter(|&(_, count)| count < min.value)
            .map(|(unit, count)| format!("{unit} ({count})"))
            .collect();
        let n_units = self.units.value.len();
        findings.push(Finding {
            rule: "members_per_unit".into(),
            met: short.is_empty(),
            says: if short.is_empty() {
                format!(
                    "a party needs at least {} members in each of the {n_units} units; every unit \
                     has them",
                    min.value
                )
            } else {
                format!(
                    "a party needs at least {} members in each of the {n_units} units; {} fall \
                     short: {}",
                    min.value,
                    short.len(),
                    short.join(", ")
                )
            },
            law: vec![min.law.clone(), self.units.law.clone()],
        });

        let decision = if findings.iter().all(|f| f.met) {
            Decision::Registrable
        } else {
            Decision::Refused
        };
        Ok(Outcome {
            decision,
            law_date: self.law_date,
            application: self.application,
            window: Window {
                from: self.window.0,
                to: self.window.1,
            },
            valid_members: tally.valid,
            by_unit: Counts(
                self.units_in_force_of(tally)
                    .map(|(unit, count)| (unit.to_string(), count))
                    .collect(),
            ),
            rejected: Counts(
                REASONS
                    .iter()
                    .map(|&r| (r.name().to_string(), tally.rejected[r.index()]))
                    .collect(),
            ),
            reasons: findings,
            rejection_law: REASONS
                .iter()
                .map(|&reason| {
                    let (says, law) = self.reason_law(reason);
                    RejectionLaw { reason, says, law }
                })
                .collect(),
        })
    }

    fn units_in_force_of<'a>(
        &'a self,
        tally: &'a Tally,
    ) -> impl Iterator<Item = (&'a str, u64)> + 'a {
        self.units.value.iter().enumerate().map(|(index, unit)| {
            (
                unit.as_str(),
                tally.by_unit.get(index).copied().unwrap_or(0),
            )
        })
    }
}

/// A member list checked: the decision, and each refused signature with its reason.
#[derive(Debug, Clone, Serialize)]
pub struct Checked {
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The signatures refused, in list order: their place in the list (from 0) and why.
    pub rejected_signatures: Vec<RejectedSignature>,
}

/// A signature that does not count, and the first check it fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RejectedSignature {
    /// The signature's place in the member list, from 0.
    pub index: usize,
    pub reason: Reason,
}

impl Rules {
    /// Checks every signature of a member list, in order, and decides: the one loop every
    /// front end runs (the command line's streamed register, the upload form, the API), each
    /// having resolved its signatures' register entries its own way.
    pub fn check(
        &self,
        signatures: impl IntoIterator<Item = Signature>,
    ) -> Result<Checked, RegistrationError> {
        let mut tally = Tally::new();
        let mut rejected_signatures = Vec::new();
        for (index, row) in signatures.into_iter().enumerate() {
            if let Err(reason) = tally.add(self, &row) {
                rejected_signatures.push(RejectedSignature { index, reason });
            }
        }
        Ok(Checked {
            outcome: self.decide(&tally)?,
            rejected_signatures,
        })
    }
}

/// The running count of a member list: valid signatures per unit and rejections per reason.
#[derive(Debug, Clone)]
pub struct Tally {
    valid: u64,
    by_unit: Vec<u64>,
    rejected: [u64; REASONS.len()],
    /// IINs that passed every check before `duplicate`.
    seen: HashSet<u64>,
}

impl Default for Tally {
    fn default() -> Tally {
        Tally::new()
    }
}

impl Tally {
    pub fn new() -> Tally {
        Tally {
            valid: 0,
            by_unit: Vec::new(),
            rejected: [0; REASONS.len()],
            seen: HashSet::new(),
        }
    }

    /// Checks one signature, in list order, and counts it.
    ///
    /// `Ok` when it is valid; otherwise the first reason it fails. A unit the register gives
    /// that is not in force on the law date is an error of the register, not of the member.
    pub fn add(&mut self, rules: &Rules, row: &Signature) -> Result<(), Reason> {
        let verdict = self.verdict(rules, row);
        match verdict {
            Ok(unit) => {
                self.valid += 1;
                let unit = usize::from(unit);
                if self.by_unit.len() <= unit {
                    self.by_unit.resize(unit + 1, 0);
                }
                self.by_unit[unit] += 1;
                Ok(())
            }
            Err(reason) => {
                self.rejected[reason.index()] += 1;
                Err(reason)
            }
        }
    }

    fn verdict(&mut self, rules: &Rules, row: &Signature) -> Result<u8, Reason> {
        let (iin, person) = rules.screen(row)?;
        if !self.seen.insert(iin.to_u64()) {
            return Err(Reason::Duplicate);
        }
        if rules.one_party.value && row.other_party {
            return Err(Reason::OtherParty);
        }
        Ok(person.unit)
    }

    /// Valid signatures so far.
    pub fn valid(&self) -> u64 {
        self.valid
    }

    /// Rejections so far for one reason.
    pub fn rejected(&self, reason: Reason) -> u64 {
        self.rejected[reason.index()]
    }

    /// Checks that every valid member's unit indexes a unit in force on the law date: a
    /// [`Person`] built with another list's index would count members where the law does not.
    fn check_units(&self, rules: &Rules) -> Result<(), RegistrationError> {
        let units = rules.units.value.len();
        for (index, &count) in self.by_unit.iter().enumerate() {
            if count > 0 && index >= units {
                return Err(RegistrationError::UnitNotInForce {
                    index,
                    units,
                    date: rules.law_date,
                    law: Box::new(rules.units.law.clone()),
                });
            }
        }
        Ok(())
    }
}

/// Registrable or refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Registrable,
    Refused,
}

/// One requirement of registration, whether it is met, and the law it rests on.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: String,
    pub met: bool,
    pub says: String,
    pub law: Vec<LawRef>,
}

/// What a rejection reason rests on.
#[derive(Debug, Clone, Serialize)]
pub struct RejectionLaw {
    pub reason: Reason,
    pub says: String,
    pub law: Vec<LawRef>,
}

/// The days on which signatures count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    pub from: Date,
    pub to: Date,
}

/// Named counts that serialize as a JSON object in a fixed order (the rulebook's unit order,
/// the order of the checks), not sorted by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts(pub Vec<(String, u64)>);

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, count) in &self.0 {
            map.serialize_entry(name, count)?;
        }
        map.end()
    }
}

/// The decision, the counts behind it, and every reason cited.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub decision: Decision,
    /// The date whose law was applied.
    pub law_date: Date,
    pub application: Application,
    pub window: Window,
    pub valid_members: u64,
    /// Valid members per unit in force, every unit present.
    pub by_unit: Counts,
    /// Rejected signatures per reason, every reason present, in the order of the checks.
    pub rejected: Counts,
    /// The requirements of registration, each met or not, each cited.
    pub reasons: Vec<Finding>,
    /// What each rejection reason rests on.
    pub rejection_law: Vec<RejectionLaw>,
}

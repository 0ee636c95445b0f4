//! One journal entry checked against the law on its date and the state built up to then.
//!
//! [`apply`] only dispatches: each kind of event has one function, grouped by the part of the
//! polity it touches — the constitution and laws (`constitution`), the party register
//! (`parties`), elections (`elections`), offices and appointments (`offices`) and
//! parliament's procedures: bills, no confidence, dissolution (`parliament`). Each returns
//! the new state with its cited steps, or the cited reasons it is refused; a refused entry
//! leaves the state as it was. The helpers here look the law up over a date that may be known
//! only to the month or year.

mod constitution;
mod elections;
mod offices;
mod parliament;
mod parties;

use jiff::civil::Date;

use super::journal::{Entry, Event};
use super::replay::Verdict;
use super::state::State;
use crate::data::Dataset;
use crate::exact::date::{FuzzyDate, Precision};
use crate::explain::Step;
use crate::law::{Cited, Law, LawAt, LawError, Param, Rulebook};

/// An entry applied (the new state and how), or refused (why).
pub type Applied = Result<(State, Verdict), Vec<Step>>;

/// What every event is checked with: the law, the built-in data, the state so far and the
/// entry's date.
#[derive(Clone, Copy)]
struct Cx<'a> {
    law: Law<'a>,
    data: &'a Dataset,
    state: &'a State,
    date: FuzzyDate,
}

impl Cx<'_> {
    /// The state with `change` made, applied with `steps`.
    fn applied(&self, change: impl FnOnce(&mut State), steps: Vec<Step>) -> Applied {
        let mut next = self.state.clone();
        change(&mut next);
        Ok((next, Verdict::Applied { steps }))
    }
}

/// Checks one entry against the law on its date and `state`: the new state and the verdict,
/// or the reasons it is refused.
pub fn apply(law: Law<'_>, data: &Dataset, state: &State, entry: &Entry) -> Applied {
    let cx = Cx {
        law,
        data,
        state,
        date: entry.date,
    };
    if rulebook_start(law.book).is_none_or(|start| cx.date.latest < start) {
        return elections::historical(cx, &entry.event);
    }
    match &entry.event {
        Event::Independence {} => {
            refuse("independence", "independence is the journal's first event")
        }
        Event::ConstitutionAdopted { act, replaces } => {
            constitution::adopted(cx, act, replaces.as_deref())
        }
        Event::ConstitutionAmended { act, initiated_by } => {
            constitution::amended(cx, act, initiated_by)
        }
        Event::LawAmended { act } => constitution::law_amended(cx, act),
        Event::PartyRegistered {
            party,
            name,
            members,
        } => parties::registered(cx, party, name, *members),
        Event::PartyOnRegister {
            party,
            name,
            members,
        } => parties::on_register(cx, party, name, *members),
        Event::PartyRenamed { party, name } => parties::renamed(cx, party, name),
        Event::PartiesMerged {
            merging,
            successor,
            successor_name,
        } => parties::merged(cx, merging, successor, successor_name.as_deref()),
        Event::PartyLiquidated { party, decision } => parties::liquidated(cx, party, decision),
        Event::BlocFormed { name, parties } => parties::bloc_formed(cx, name, parties),
        Event::MazhilisElected {
            election,
            lists,
            participating,
            districts,
        } => elections::mazhilis(cx, election, lists, *participating, districts),
        Event::AssemblyElected { deputies } => elections::assembly(cx, deputies),
        Event::PresidentElected { person, election } => elections::president(cx, person, election),
        Event::SenatorsElected { election, seats } => elections::senators(cx, election, seats),
        Event::PresidentInaugurated { person } => offices::inaugurated(cx, person),
        Event::Appointed {
            office,
            person,
            seat,
            proposed_by,
            decided_by,
            approved,
        } => offices::appointed(
            cx,
            offices::Appointment {
                office,
                person,
                seat: seat.as_deref(),
                proposed_by: proposed_by.as_deref(),
                decided_by,
                approved: *approved,
            },
        ),
        Event::BillIntroduced { bill, title } => parliament::bill_introduced(cx, bill, title),
        Event::BillPassed { bill, by } => parliament::bill_passed(cx, bill, by),
        Event::BillDecided { bill, decision } => parliament::bill_decided(cx, bill, *decision),
        Event::NoConfidence { by, passed } => parliament::no_confidence(cx, by, *passed),
        Event::ParliamentDissolved { consulted, chamber } => {
            parliament::dissolved(cx, consulted, chamber.as_deref())
        }
        Event::PresidentResigned { person, successor } => offices::resigned(cx, person, successor),
    }
}

/// The first day the rulebook has any law for: entries before it are historical facts.
fn rulebook_start(book: &Rulebook) -> Option<Date> {
    book.acts().iter().map(|a| a.date.earliest).min()
}

fn refuse<T>(rule: &'static str, says: impl Into<String>) -> Result<T, Vec<Step>> {
    Err(vec![Step::new(rule, says)])
}

/// The law's error as a refusal reason.
fn law_error(e: LawError) -> Vec<Step> {
    vec![Step::new("law", e.to_string())]
}

/// An engine's error, which already says which rule it could not use, as a refusal reason.
fn law_error_text(says: String) -> Vec<Step> {
    vec![Step::new("law", says)]
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

/// How precisely a date is known, in words.
fn precision(date: FuzzyDate) -> &'static str {
    match date.precision {
        Precision::Day => "day",
        Precision::Month => "month",
        Precision::Year => "year",
    }
}

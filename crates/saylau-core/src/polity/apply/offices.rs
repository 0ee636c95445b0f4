//! Offices: the president-elect taking office, and appointments by the procedure the
//! rulebook gives each office (`powers.appointments`: who proposes, who decides), to units in
//! force and within the Senate's appointed seats.

use super::{Applied, Cx, count, list, over, refuse};
use crate::explain::Step;
use crate::law::Param;
use crate::polity::state::Holder;

/// The president elected last takes office, once.
pub(super) fn inaugurated(cx: Cx<'_>, person: &str) -> Applied {
    let date = cx.date;
    match &cx.state.president {
        Some(p) if p.person == person && p.inaugurated.is_none() => cx.applied(
            |next| {
                if let Some(h) = next.president.as_mut() {
                    h.inaugurated = Some(date);
                }
            },
            vec![Step::new(
                "inauguration",
                format!("{person}, elected {}, took office on {date}", p.since),
            )],
        ),
        Some(p) if p.person == person => refuse(
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
    }
}

/// An `appointed` event's fields.
pub(super) struct Appointment<'a> {
    pub office: &'a str,
    pub person: &'a str,
    /// The seat within the office: a unit for akims, a ministry, a court.
    pub seat: Option<&'a str>,
    pub proposed_by: Option<&'a str>,
    pub decided_by: &'a str,
    /// False when the deciding body refused the person.
    pub approved: bool,
}

/// Someone put in an office by the procedure the law gives it, or refused by the deciding
/// body (the office unchanged).
pub(super) fn appointed(cx: Cx<'_>, a: Appointment<'_>) -> Applied {
    let (law, date) = (cx.law, cx.date);
    let Appointment {
        office,
        person,
        seat,
        proposed_by,
        decided_by,
        approved,
    } = a;
    let rules = over(law, date, Param::PowersAppointments, |at| {
        at.appointments(Param::PowersAppointments)
    })?;
    let Some(rule) = rules.value.iter().find(|r| r.office == office) else {
        return Err(vec![
            Step::new(
                "appointment",
                format!("the law names no procedure for the office `{office}`"),
            )
            .law(rules.law),
        ]);
    };
    let (proposer, decider) = (rule.proposer.as_deref(), rule.decider.as_str());
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
        let cap = count(law, date, Param::SenateAppointedSeats)?;
        let held = cx.state.offices.get(office).map_or(0, |m| m.len()) as u64;
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
    let how = match proposer {
        Some(p) => format!("proposed by the {p}, decided by the {decider}"),
        None => format!("by the {decider}"),
    };
    if !approved {
        return cx.applied(
            |_| {},
            vec![
                Step::new(
                    "appointment",
                    format!(
                        "the {decider} refused {person} as {office}; the office is unchanged ({how})"
                    ),
                )
                .law(rules.law),
            ],
        );
    }
    let seat_key = seat.map(str::to_string).unwrap_or_else(|| {
        if office == "appointed_senator" {
            person.to_string()
        } else {
            String::new()
        }
    });
    let says = format!(
        "{person} appointed {office}{} ({how})",
        seat.map_or(String::new(), |s| format!(" for {s}"))
    );
    cx.applied(
        |next| {
            next.offices.entry(office.to_string()).or_default().insert(
                seat_key,
                Holder {
                    person: person.to_string(),
                    since: date,
                    inaugurated: None,
                    term_ends: None,
                },
            );
        },
        vec![Step::new("appointment", says).law(rules.law)],
    )
}

/// The president leaves office early: the holder of the office the law names
/// (`president.successor`) is president for the rest of the term, which ends when the
/// predecessor's would have.
pub(super) fn resigned(cx: Cx<'_>, person: &str, successor: &str) -> Applied {
    let date = cx.date;
    let Some(sitting) = &cx.state.president else {
        return refuse("resignation", "no president is in office");
    };
    if sitting.person != person {
        return refuse(
            "resignation",
            format!(
                "the president in office is {}, not {person}",
                sitting.person
            ),
        );
    }
    if successor == person {
        return refuse("resignation", "a president cannot succeed themselves");
    }
    let office = over(cx.law, date, Param::PresidentSuccessor, |at| {
        at.choice(Param::PresidentSuccessor)
    })?;
    let held_by = cx
        .state
        .offices
        .get(office.value)
        .and_then(|seats| seats.get(""))
        .map(|h| h.person.as_str());
    let holder = match held_by {
        Some(h) if h != successor => {
            return Err(vec![
                Step::new(
                    "succession",
                    format!(
                        "the presidency passes to the {} for the rest of the term, who on {date} \
                         is {h}, not {successor}",
                        office.value
                    ),
                )
                .law(office.law),
            ]);
        }
        Some(_) => format!("{successor}, the {}", office.value),
        None => format!(
            "{successor}, named by the entry as the {} (the journal records no holder of that \
             office)",
            office.value
        ),
    };
    let ends = sitting.term_ends;
    let says = format!(
        "{person} leaves office on {date}; the presidency passes to {holder} for the rest of the \
         term{}",
        ends.map_or(String::new(), |e| format!(", to {e}"))
    );
    let day = date.latest;
    cx.applied(
        |next| {
            if let Some(terms) = next.presidential_terms.get_mut(person)
                && let Some(last) = terms.last_mut()
                && last.1 > day
            {
                last.1 = day;
            }
            if let Some(end) = ends {
                next.presidential_terms
                    .entry(successor.to_string())
                    .or_default()
                    .push((day, end));
            }
            next.president = Some(Holder {
                person: successor.to_string(),
                since: date,
                inaugurated: Some(date),
                term_ends: ends,
            });
        },
        vec![Step::new("succession", says).law(office.law)],
    )
}

//! Elections: the Mazhilis from party-list votes under the law of the election day, the
//! Assembly of People's deputies, the president (the votes must elect the person named, within
//! the term limit) and senators per unit. Before the rulebook begins, independence and a
//! presidential election are recorded as historical facts.

use std::collections::BTreeMap;

use jiff::ToSpan;
use jiff::civil::Date;

use super::{Applied, Cx, count, law_error, law_error_text, list, over, precision, refuse};
use crate::elections::mazhilis::{self as engine, ListVotes};
use crate::elections::president::{self as presidency, PresidentOutcome};
use crate::explain::Step;
use crate::law::Param;
use crate::polity::journal::Event;
use crate::polity::replay::Verdict;
use crate::polity::state::{Holder, Mazhilis};

/// An entry dated before the first act the rulebook knows: independence and a presidential
/// election are recorded as facts with no law to check them against; anything else needs law.
pub(super) fn historical(cx: Cx<'_>, event: &Event) -> Applied {
    let date = cx.date;
    let says = format!(
        "dated {date}, before the first act the rulebook knows: recorded as a historical \
         fact, with no law to check it against"
    );
    let recorded = |change: &dyn Fn(&mut crate::polity::state::State), says: String| {
        let mut next = cx.state.clone();
        change(&mut next);
        Ok((
            next,
            Verdict::Recorded {
                steps: vec![Step::new("historical", says)],
            },
        ))
    };
    match event {
        Event::Independence => recorded(&|_| {}, says),
        Event::PresidentElected { person, election } => recorded(
            &|next| {
                next.first_president.get_or_insert_with(|| person.clone());
                next.president = Some(Holder {
                    person: person.clone(),
                    since: date,
                    inaugurated: None,
                    term_ends: None,
                });
            },
            format!("{says}; {person} won the election `{election}`"),
        ),
        other => refuse(
            "historical",
            format!(
                "only independence and a presidential election are recorded before the \
                 rulebook begins; `{}` needs law to check it",
                other.kind()
            ),
        ),
    }
}

/// The day a term that starts on `start` ends.
fn term_end(start: Date, years: u64) -> Option<Date> {
    let years = i64::try_from(years).ok()?;
    start.checked_add(years.years()).ok()
}

/// A Mazhilis election: the list seats distributed from the votes of the built-in election
/// (`lists` empty) or of the lists given, under the law of the election day.
pub(super) fn mazhilis(
    cx: Cx<'_>,
    election: &str,
    lists: &[(String, u64)],
    participating: Option<u64>,
) -> Applied {
    let date = cx.date;
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
        match cx.data.votes(election) {
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
    let at = cx.law.at(date.earliest);
    let result =
        engine::mazhilis(at, &lists, participating).map_err(|e| law_error_text(e.to_string()))?;
    if result.status != "complete" {
        return Err(vec![Step::new(
            "mazhilis",
            format!("the seats cannot all be distributed: {}", result.status),
        )]);
    }
    let term = at.count(Param::MazhilisTermYears).map_err(law_error)?;
    let other = at.count(Param::MazhilisAssemblySeats).map_err(law_error)?;
    let due = term_end(date.earliest, term.value);
    let mut steps = result.steps;
    steps.push(
        Step::new(
            "term",
            format!(
                "the Mazhilis sits for {} years: the next election is due by {}",
                term.value,
                due.map_or("?".into(), |d| d.to_string())
            ),
        )
        .law(term.law),
    );
    let seats = result.seats;
    cx.applied(
        |next| {
            next.dissolved = None;
            next.mazhilis = Some(Mazhilis {
                election: election.to_string(),
                elected: date,
                seats,
                other_seats: other.value,
                next_election_due: due,
            });
        },
        steps,
    )
}

/// The Assembly of People elects exactly its Mazhilis seats.
pub(super) fn assembly(cx: Cx<'_>, deputies: &[String]) -> Applied {
    let seats = count(cx.law, cx.date, Param::MazhilisAssemblySeats)?;
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
    cx.applied(
        |next| next.assembly_deputies = deputies.to_vec(),
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

/// A presidential election won in the first round: the votes, when the data has them, must
/// elect the person named, and a further consecutive term must be within the limit.
pub(super) fn president(cx: Cx<'_>, person: &str, election: &str) -> Applied {
    let (law, state, date) = (cx.law, cx.state, cx.date);
    let mut steps = Vec::new();
    // The votes, when the data has them, must say this person won in the first round.
    if let Ok(votes) = cx.data.votes(election) {
        let participating = votes.rows.iter().map(|(_, v)| *v).sum();
        let at = law.at(date.latest);
        let result = presidency::first_round(at, &votes.rows, participating)
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
    let term_years = count(law, date, Param::PresidentTermYears)?;
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
    cx.applied(
        |next| {
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
        },
        steps,
    )
}

/// Senators elected by the maslikhats: units in force, at most the seats each unit elects.
/// An election whose senators the sources do not name changes nothing and says so.
pub(super) fn senators(
    cx: Cx<'_>,
    election: &str,
    seats: &BTreeMap<String, Vec<String>>,
) -> Applied {
    let date = cx.date;
    if seats.is_empty() {
        return cx.applied(
            |_| {},
            vec![Step::new(
                "senate_seats",
                format!(
                    "the election `{election}` was held; the sources name no senators elected, \
                     so the record of the Senate's elected seats is unchanged"
                ),
            )],
        );
    }
    let per_unit = count(cx.law, date, Param::SenateElectedPerUnit)?;
    let units = list(cx.law, date, Param::StateUnits)?;
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
    cx.applied(
        |next| {
            for (unit, people) in seats {
                next.senate_elected.insert(unit.clone(), people.clone());
            }
        },
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

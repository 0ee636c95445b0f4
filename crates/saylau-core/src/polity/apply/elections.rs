//! Elections: the Mazhilis from party-list votes under the law of the election day, the
//! Assembly of People's deputies, the president (the votes must elect the person named, within
//! the term limit) and senators per unit. Before the rulebook begins, independence and a
//! presidential election are recorded as historical facts.

use std::collections::BTreeMap;

use jiff::ToSpan;
use jiff::civil::Date;

use super::{Applied, Cx, count, law_error, law_error_text, list, precision, refuse};
use crate::data::{Election, SELF_NOMINATED_NAME};
use crate::elections::mazhilis as engine;
use crate::elections::president::{self, PresidentOutcome, Term};
use crate::elections::results::{ListInput, PresidentElection, PresidentInput, list_votes};
use crate::exact::date::FuzzyDate;
use crate::explain::Step;
use crate::law::Param;
use crate::parties::lifecycle::{PartyRecord, Status};
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
        Event::Independence {} => recorded(&|_| {}, says),
        Event::PresidentElected { person, election } => match elected_that_day(cx) {
            Some(reason) => Err(vec![reason]),
            None => recorded(
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
        },
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

/// Why a presidential election dated `cx.date` would be the second on one day: the president
/// in the state was elected on a date that may be the same day. A second election would
/// silently replace the first.
fn elected_that_day(cx: Cx<'_>) -> Option<Step> {
    let sitting = cx.state.president.as_ref()?;
    let (a, b) = (sitting.since, cx.date);
    (a.earliest <= b.latest && b.earliest <= a.latest).then(|| {
        let same = if a == b && a.earliest == a.latest {
            "the same day".to_string()
        } else {
            format!("{a}, which may be the same day as {b}")
        };
        Step::new(
            "president",
            format!(
                "{} was already elected president on {same}; a second presidential election \
                 on one day is refused",
                sitting.person
            ),
        )
    })
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
    districts: &BTreeMap<String, u64>,
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
    let at = cx.law.at(date.earliest);
    if let Some(sitting) = &cx.state.mazhilis
        && sitting.elected == date
    {
        // A second election of the chamber on one day would silently replace the first.
        let term = at.count(Param::MazhilisTermYears).map_err(law_error)?;
        return Err(vec![
            Step::new(
                "mazhilis",
                format!(
                    "the Mazhilis was already elected on {date} (`{}`) and sits for {} years \
                     from that day; a second Mazhilis election on the same day is refused",
                    sitting.election, term.value
                ),
            )
            .law(term.law),
        ]);
    }
    // The votes: the built-in election's, with what the data says of them, or the lists given;
    // results::ListInput is the one owner of how an election's votes become lists.
    let from_data = lists.is_empty();
    let mut districts = districts.clone();
    let input = if from_data {
        let found = cx.data.election(election).ok_or_else(|| {
            vec![Step::new(
                "votes",
                format!("the data holds no election `{election}` and the entry gives no lists"),
            )]
        })?;
        let mut input = match ListInput::from_election(found) {
            Ok(i) => i,
            Err(e) => return refuse("votes", e.to_string()),
        };
        if participating.is_some() {
            input.participating = participating;
        }
        if districts.is_empty() {
            districts = match districts_from_data(found) {
                Ok(d) => d,
                Err(says) => return refuse("single_member", says),
            };
        }
        input
    } else {
        ListInput::given("the journal entry", list_votes(lists), participating)
    };
    let rows: Vec<(String, u64)> = input
        .lists
        .iter()
        .map(|l| (l.party.clone(), l.votes))
        .collect();
    // Checked before the seats are distributed: a list that may not stand would change the
    // quota of those that may.
    let list_seats = at.count(Param::MazhilisListSeats).map_err(law_error)?;
    let standing = match lists_on_register(cx, election, &rows, from_data) {
        Ok(parties) => parties,
        Err(reasons) => {
            return Err(reasons
                .into_iter()
                .map(|says| Step::new("party_lists", says).law(list_seats.law.clone()))
                .collect());
        }
    };
    let result = engine::mazhilis(at, &input.lists, input.participating)
        .map_err(|e| law_error_text(e.to_string()))?;
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
    let single_member_seats = at
        .count(Param::MazhilisSingleMemberSeats)
        .map_err(law_error)?
        .value;
    let district_steps = single_member(cx, &districts)?;
    let due = term_end(date.earliest, term.value);
    let mut steps = vec![
        Step::new(
            "party_lists",
            format!(
                "the {} list seats go to party lists; every list is a party on the register on \
                 {date}: {}",
                list_seats.value,
                standing.join(", ")
            ),
        )
        .law(list_seats.law),
    ];
    steps.extend(result.steps);
    steps.extend(district_steps);
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
                districts: districts.iter().map(|(p, n)| (p.clone(), *n)).collect(),
                single_member_seats,
                other_seats: other.value,
                next_election_due: due,
            });
        },
        steps,
    )
}

/// The seats won in single-member constituencies, as the sources total them by party: no more
/// than the law's single-member seats, each won by a party on the register or by a
/// self-nominated candidate.
fn single_member(cx: Cx<'_>, districts: &BTreeMap<String, u64>) -> Result<Vec<Step>, Vec<Step>> {
    let at = cx.law.at(cx.date.earliest);
    let seats = at
        .count(Param::MazhilisSingleMemberSeats)
        .map_err(law_error)?;
    if districts.is_empty() {
        return Ok(if seats.value == 0 {
            Vec::new()
        } else {
            vec![
                Step::new(
                    "single_member",
                    format!(
                        "the {} single-member seats are elected in their constituencies; the \
                         entry gives no totals, so the record shows them as not known",
                        seats.value
                    ),
                )
                .law(seats.law),
            ]
        });
    }
    let won: u64 = districts.values().sum();
    if won > seats.value {
        return Err(vec![
            Step::new(
                "single_member",
                format!(
                    "the entry gives {won} single-member seats; the law of {} has {}",
                    cx.date, seats.value
                ),
            )
            .law(seats.law),
        ]);
    }
    let mut unknown = Vec::new();
    for party in districts.keys() {
        if party != SELF_NOMINATED && cx.state.parties.get(party).is_none() {
            unknown.push(format!(
                "`{party}` won single-member seats but is not a party of the register (nor \
                 `{SELF_NOMINATED}`)"
            ));
        }
    }
    if !unknown.is_empty() {
        return Err(unknown
            .into_iter()
            .map(|says| Step::new("single_member", says))
            .collect());
    }
    let list: Vec<String> = districts.iter().map(|(p, n)| format!("{p} {n}")).collect();
    Ok(vec![
        Step::new(
            "single_member",
            format!(
                "{won} of the {} single-member seats, as the sources total them: {}{}",
                seats.value,
                list.join(", "),
                if won < seats.value {
                    format!("; {} not given", seats.value - won)
                } else {
                    String::new()
                }
            ),
        )
        .law(seats.law),
    ])
}

/// How a single-member winner with no party is recorded.
pub const SELF_NOMINATED: &str = "self_nominated";

/// The single-member seats of a built-in election by nominator, as the data totals them: the
/// one owner of those totals, so a journal entry for a built-in election need not repeat them.
/// A nominator with no party id counts as self-nominated only where the data says so.
fn districts_from_data(election: &Election) -> Result<BTreeMap<String, u64>, String> {
    let mut out = BTreeMap::new();
    for row in &election.single_member {
        let Some(seats) = row.seats.value() else {
            return Err(format!(
                "the single-member seats of `{}` in `{}` are not known: {}",
                row.name,
                election.id,
                row.seats.why_unknown().unwrap_or("no reason given")
            ));
        };
        let nominator = match &row.party {
            Some(party) => party.clone(),
            None if row.name == SELF_NOMINATED_NAME => SELF_NOMINATED.to_string(),
            None => {
                return Err(format!(
                    "`{}` won single-member seats in `{}` but the data names no party for it",
                    row.name, election.id
                ));
            }
        };
        if *seats > 0 {
            *out.entry(nominator).or_insert(0) += seats;
        }
    }
    Ok(out)
}

/// The party of each list, by id, or why a list may not stand: its party is not on the
/// register on the election day. The built-in election's rows name their party's id; a list
/// given inline names a party by its id or by the name it bears on the register that day.
fn lists_on_register(
    cx: Cx<'_>,
    election: &str,
    rows: &[(String, u64)],
    from_data: bool,
) -> Result<Vec<String>, Vec<String>> {
    let date = cx.date;
    let register = &cx.state.parties;
    let mut parties = Vec::with_capacity(rows.len());
    let mut reasons = Vec::new();
    for (list, _) in rows {
        let found = if from_data {
            let id = cx.data.election(election).and_then(|e| {
                e.contesting()
                    .find(|r| r.name == *list)
                    .and_then(|r| r.party.as_deref())
            });
            match id {
                Some(id) => register.get(id).ok_or_else(|| {
                    format!(
                        "the list `{list}` of `{election}` is the party `{id}`, which is not on \
                         the register on {date}"
                    )
                }),
                None => Err(format!(
                    "the list `{list}` of `{election}` names no party, so it cannot be checked \
                     against the register"
                )),
            }
        } else {
            register.named(list).ok_or_else(|| {
                format!(
                    "the list `{list}` is not a party on the register on {date}: no party has \
                     that id or name"
                )
            })
        };
        match found.and_then(|party| standing_on(party, list, date)) {
            Ok(id) => parties.push(id),
            Err(reason) => reasons.push(reason),
        }
    }
    if reasons.is_empty() {
        Ok(parties)
    } else {
        Err(reasons)
    }
}

/// The party's id if it is certainly registered on `date`, or why it is not.
fn standing_on(party: &PartyRecord, list: &str, date: FuzzyDate) -> Result<String, String> {
    let id = &party.id;
    if let Some(ceased) = party.ceased() {
        return Err(format!(
            "the list `{list}` is the party `{id}`, which {ceased} and is not on the register \
             on {date}"
        ));
    }
    match &party.status {
        Status::Registered { since: Some(since) } if since.latest > date.latest => Err(format!(
            "the list `{list}` is the party `{id}`, registered on {since}, which may be after \
             the election day {date}"
        )),
        _ => Ok(id.clone()),
    }
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
    if let Some(reason) = elected_that_day(cx) {
        let term_years = count(law, date, Param::PresidentTermYears)?;
        return Err(vec![reason.law(term_years.law)]);
    }
    let mut steps = Vec::new();
    // The votes, when the data has them, must say this person won in the first round, counted
    // against the base the sources allow (results::PresidentInput owns it, as for the pages).
    if let Some(input) = cx
        .data
        .election(election)
        .and_then(|e| PresidentInput::from_election(e).ok())
    {
        let result = PresidentElection::run(law, date.latest, &input)
            .map_err(|e| law_error_text(e.to_string()))?
            .result;
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
    // The term limits, as the eligibility engine checks them (president::term_limit and
    // president::times_elected), on the first and the last day the date may be: they must agree.
    let terms: Vec<Term> = state
        .presidential_terms
        .get(person)
        .map(|ts| {
            ts.iter()
                .map(|(start, end)| Term {
                    start: *start,
                    end: *end,
                })
                .collect()
        })
        .unwrap_or_default();
    if !terms.is_empty() {
        let is_first = state.first_president.as_deref() == Some(person);
        let check = |day: Date| {
            let at = law.at(day);
            [
                president::term_limit(at, person, is_first, &terms),
                president::times_elected(at, person, &terms),
            ]
        };
        let (first, last) = (check(date.earliest), check(date.latest));
        for (criterion, other) in first.into_iter().zip(last) {
            let criterion = criterion.map_err(law_error)?;
            if other.as_ref().map_or(true, |o| o.met != criterion.met) {
                return refuse(
                    criterion.criterion,
                    format!(
                        "the election day is known only as {date}, and the term limits give \
                         different answers on its first and last day"
                    ),
                );
            }
            let mut step = Step::new(criterion.criterion, criterion.says);
            for l in criterion.law {
                step = step.law(l);
            }
            if !criterion.met {
                return Err(vec![step]);
            }
            steps.push(step);
        }
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

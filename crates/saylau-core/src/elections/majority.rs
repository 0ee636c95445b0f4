//! Seats filled by a vote on candidates: the Senate, the Assembly's Mazhilis deputies and the
//! maslikhats.
//!
//! Senators are elected by the deputies of all maslikhats of a region, the capital or Almaty
//! in joint session, and (from the amendments of 19 June 2007) the Assembly of People elects
//! its Mazhilis deputies, both by an absolute majority of those voting with a repeat vote
//! between the leading candidates for any seat left unfilled (Constitutional Law on Elections
//! art. 9(1)).
//! Maslikhat deputies are elected by plurality (art. 9(2) as amended 14 April 2004). Which rule
//! applies, the majority, the number of repeat-vote candidates and the seats are read from the
//! rulebook on the election day; the president's appointed senators are checked against the
//! number the Constitution allows (art. 50(2)).

use serde::Serialize;

use crate::elections::president::{
    Pick, duplicate, exceeds, majority_line, percent, pick, rank, votes_text,
};
use crate::exact::fraction::Fraction;
use crate::explain::{Step, Table};
use crate::law::{Cited, LawAt, LawRef, Param};

pub use crate::elections::president::ElectionError;

/// One contest: a unit's Senate seats, a maslikhat district, or the Assembly's vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contest {
    /// The unit id (`akmola`, `astana`, ...), the district, or `assembly`.
    pub name: String,
    /// Seats to fill.
    pub seats: u64,
    /// Electors or members who took part in the vote (0 where not known, for plurality).
    pub voting: u64,
    pub candidates: Vec<(String, u64)>,
}

/// The result of one contest, with its explanation.
#[derive(Debug, Clone, Serialize)]
pub struct ContestResult {
    pub name: String,
    pub seats: u64,
    /// Candidates elected, most votes first.
    pub elected: Vec<String>,
    #[serde(flatten)]
    pub outcome: ContestOutcome,
    pub steps: Vec<Step>,
}

/// How a contest ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ContestOutcome {
    /// Every seat is filled.
    Filled,
    /// `unfilled` seats go to a repeat vote between `candidates`, most votes first.
    RepeatVote {
        unfilled: u64,
        candidates: Vec<String>,
    },
    /// Equal votes at a boundary (who is elected, or who goes to the repeat vote) and the
    /// sources name no tie rule: `tied` compete for `places` places.
    Tie { tied: Vec<String>, places: u64 },
}

/// A Senate election: the elected seats unit by unit, and the appointed seats.
#[derive(Debug, Clone, Serialize)]
pub struct SenateResult {
    pub units: Vec<ContestResult>,
    pub appointed: AppointedSeats,
    pub steps: Vec<Step>,
}

/// Senators appointed by the president (Constitution art. 50(2)).
#[derive(Debug, Clone, Serialize)]
pub struct AppointedSeats {
    /// Seats the president fills, by law.
    pub seats: u64,
    /// Appointees named by the caller (at most `seats`).
    pub names: Vec<String>,
    pub law: LawRef,
}

/// Election by absolute majority with a repeat vote (Constitutional Law on Elections art. 9(1)).
///
/// A candidate with more than `majority`% of those voting is elected; the seats go to such
/// candidates in order of votes. Seats left unfilled go to a repeat vote among the
/// `per_seat` × unfilled leading remaining candidates. A tie at either boundary is reported as
/// [`ContestOutcome::Tie`], never broken.
pub fn absolute_majority(
    contest: &Contest,
    majority: &Cited<Fraction>,
    per_seat: &Cited<u64>,
) -> Result<ContestResult, ElectionError> {
    check(contest, true)?;
    let seats = places(contest.seats)?;
    let line = majority_line(majority.value, contest.voting)?;
    let pct = majority.value.to_exact_string();
    let mut steps = vec![
        Step::new(
            "majority",
            format!(
                "A candidate is elected with more than {pct}% of the {} who voted, that is more \
                 than {} votes; {} seat(s) to fill.",
                contest.voting,
                votes_text(line),
                contest.seats
            ),
        )
        .law(majority.law.clone())
        .quantity("majority line (votes)", line),
    ];

    let ranked = rank(&contest.candidates);
    let mut table = Table::new(vec!["candidate", "votes", "share %", "over the majority"]);
    let mut passing = Vec::new();
    for (name, votes) in &ranked {
        let passes = exceeds(*votes, majority.value, contest.voting)?;
        if passes {
            passing.push((name.clone(), *votes));
        }
        table.row(vec![
            name.clone().into(),
            (*votes).into(),
            percent(*votes, contest.voting).into(),
            (if passes { "yes" } else { "no" }).into(),
        ]);
    }
    steps.push(
        Step::new(
            "votes",
            format!(
                "{} of {} candidate(s) have more than {pct}% of those voting.",
                passing.len(),
                ranked.len()
            ),
        )
        .table(table),
    );

    let elected = match pick(&passing, seats) {
        Pick::Chosen(elected) => elected,
        Pick::Tie {
            chosen,
            tied,
            places,
        } => {
            steps.push(tie_step(&chosen, &tied, places, "to be elected"));
            return Ok(result(
                contest,
                chosen,
                ContestOutcome::Tie { tied, places },
                steps,
            ));
        }
    };
    let filled = u64::try_from(elected.len()).map_err(|_| ElectionError::TooLarge)?;
    let unfilled = contest.seats.saturating_sub(filled);
    if unfilled == 0 {
        steps.push(Step::new(
            "result",
            format!("Elected: {}. Every seat is filled.", elected.join(", ")),
        ));
        return Ok(result(contest, elected, ContestOutcome::Filled, steps));
    }

    // The repeat vote (art. 9(1)): the leading candidates not elected, `per_seat` for each
    // seat still open.
    let remaining: Vec<(String, u64)> = ranked
        .iter()
        .filter(|(name, _)| !elected.contains(name))
        .cloned()
        .collect();
    let wanted = per_seat
        .value
        .checked_mul(unfilled)
        .and_then(|n| usize::try_from(n).ok())
        .ok_or(ElectionError::TooLarge)?;
    let intro = if elected.is_empty() {
        "Nobody is elected".to_string()
    } else {
        format!("Elected: {}", elected.join(", "))
    };
    match pick(&remaining, wanted) {
        Pick::Chosen(candidates) => {
            steps.push(
                Step::new(
                    "repeat_vote",
                    format!(
                        "{intro}; {unfilled} seat(s) remain unfilled and go to a repeat vote \
                         between the {} leading remaining candidate(s) per seat: {}.",
                        per_seat.value,
                        if candidates.is_empty() {
                            "none remain".to_string()
                        } else {
                            candidates.join(", ")
                        }
                    ),
                )
                .law(per_seat.law.clone()),
            );
            Ok(result(
                contest,
                elected,
                ContestOutcome::RepeatVote {
                    unfilled,
                    candidates,
                },
                steps,
            ))
        }
        Pick::Tie {
            chosen,
            tied,
            places,
        } => {
            steps.push(
                Step::new(
                    "repeat_vote",
                    format!(
                        "{intro}; {unfilled} seat(s) remain unfilled and go to a repeat vote \
                         between {wanted} leading remaining candidate(s) ({} per seat).",
                        per_seat.value
                    ),
                )
                .law(per_seat.law.clone()),
            );
            steps.push(tie_step(&chosen, &tied, places, "in the repeat vote"));
            Ok(result(
                contest,
                elected,
                ContestOutcome::Tie { tied, places },
                steps,
            ))
        }
    }
}

/// Election by plurality: the `seats` candidates with the most votes (Constitutional Law on
/// Elections art. 9(2) as amended 14 April 2004, for maslikhat deputies). `rule` is the law
/// that names the rule. A tie at the boundary is reported, never broken.
pub fn plurality(contest: &Contest, rule: &LawRef) -> Result<ContestResult, ElectionError> {
    check(contest, false)?;
    let seats = places(contest.seats)?;
    let ranked = rank(&contest.candidates);
    let mut columns = vec!["candidate", "votes"];
    if contest.voting > 0 {
        columns.push("share %");
    }
    let mut table = Table::new(columns);
    for (name, votes) in &ranked {
        let mut row = vec![name.clone().into(), (*votes).into()];
        if contest.voting > 0 {
            row.push(percent(*votes, contest.voting).into());
        }
        table.row(row);
    }
    let mut steps = vec![
        Step::new(
            "plurality",
            format!(
                "The {} candidate(s) with the most votes are elected; no share of the vote is \
                 required.",
                contest.seats
            ),
        )
        .law(rule.clone())
        .table(table),
    ];
    match pick(&ranked, seats) {
        Pick::Chosen(elected) => {
            steps.push(Step::new(
                "result",
                format!("Elected: {}. Every seat is filled.", elected.join(", ")),
            ));
            Ok(result(contest, elected, ContestOutcome::Filled, steps))
        }
        Pick::Tie {
            chosen,
            tied,
            places,
        } => {
            steps.push(tie_step(&chosen, &tied, places, "to be elected"));
            Ok(result(
                contest,
                chosen,
                ContestOutcome::Tie { tied, places },
                steps,
            ))
        }
    }
}

/// A Senate election on `law.date` (Constitution art. 51(2); Constitutional Law on Elections
/// art. 9(1)).
///
/// Each contest is one unit, named by its id in `state.units`. At a regular election each unit
/// fills `senate.elected_per_unit` × `senate.renewal_share` seats; `seats_per_unit` overrides
/// that (a first election of all seats, or a by-election). The contests' own `seats` are not
/// read: every unit fills the same number. `appointed` names the president's appointees, at
/// most `senate.appointed_seats`.
pub fn senate(
    law: LawAt<'_>,
    contests: &[Contest],
    seats_per_unit: Option<u64>,
    appointed: &[String],
) -> Result<SenateResult, ElectionError> {
    check_contests(contests)?;
    let units = law.list(Param::StateUnits)?;
    if let Some(unknown) = contests.iter().find(|c| !units.value.contains(&c.name)) {
        return Err(ElectionError::UnknownUnit {
            unit: unknown.name.clone(),
            date: law.date,
            units: units.value.join(", "),
        });
    }
    let mut steps = vec![
        Step::new(
            "units",
            format!(
                "{} of the {} units elect senators here; in each, the electors are the deputies \
                 of all its maslikhats in joint session.",
                contests.len(),
                units.value.len()
            ),
        )
        .law(units.law),
    ];

    let seats = match seats_per_unit {
        Some(n) => {
            steps.push(Step::new(
                "seats",
                format!(
                    "Each unit fills {n} seat(s), as given for this election rather than the \
                     regular renewal."
                ),
            ));
            n
        }
        None => {
            let elected = law.count(Param::SenateElectedPerUnit)?;
            let share = law.ratio(Param::SenateRenewalShare)?;
            let product = share
                .value
                .checked_mul(&Fraction::integer(u128::from(elected.value)))
                .ok_or(ElectionError::TooLarge)?;
            if !product.is_integer() {
                return Err(ElectionError::SeatsNotWhole {
                    elected: elected.value,
                    share: share.value.to_exact_string(),
                    seats: product.to_exact_string(),
                });
            }
            let n = u64::try_from(product.floor()).map_err(|_| ElectionError::TooLarge)?;
            steps.push(
                Step::new(
                    "seats",
                    format!(
                        "Each unit elects {} senators, and a regular election renews {} of the \
                         elected seats: {n} seat(s) per unit.",
                        elected.value, share.value
                    ),
                )
                .law(elected.law)
                .law(share.law)
                .quantity("seats per unit", product),
            );
            n
        }
    };

    let appointed_seats = law.count(Param::SenateAppointedSeats)?;
    let given = appointed.len();
    if u64::try_from(given).is_ok_and(|g| g > appointed_seats.value) {
        return Err(ElectionError::TooManyAppointed {
            given,
            seats: appointed_seats.value,
            date: law.date,
        });
    }
    if let Some(name) = duplicate(appointed.iter().map(String::as_str)) {
        return Err(ElectionError::DuplicateCandidate(name));
    }
    steps.push(
        Step::new(
            "appointed",
            format!(
                "The president appoints {} senators; {given} named here.",
                appointed_seats.value
            ),
        )
        .law(appointed_seats.law.clone()),
    );

    let rule = Rule::read(
        law,
        Param::SenateSeatRule,
        Param::SenateMajority,
        Param::SenateRepeatVoteCandidatesPerSeat,
        "the Senate",
    )?;
    let units = contests
        .iter()
        .map(|c| {
            let contest = Contest { seats, ..c.clone() };
            rule.apply(&contest)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(SenateResult {
        units,
        appointed: AppointedSeats {
            seats: appointed_seats.value,
            names: appointed.to_vec(),
            law: appointed_seats.law,
        },
        steps,
    })
}

/// The Assembly of People's election of its Mazhilis deputies (Constitution art. 51(1);
/// Constitutional Law on Elections art. 9(1)). `contest.seats` of 0 means the number the
/// law gives, `mazhilis.assembly_seats`.
pub fn assembly(law: LawAt<'_>, contest: &Contest) -> Result<ContestResult, ElectionError> {
    let (seats, seats_step) = if contest.seats == 0 {
        let seats = law.count(Param::MazhilisAssemblySeats)?;
        let step = Step::new(
            "seats",
            format!(
                "The Assembly of People elects {} deputies of the Mazhilis.",
                seats.value
            ),
        )
        .law(seats.law);
        (seats.value, step)
    } else {
        let step = Step::new(
            "seats",
            format!(
                "{} seat(s) to fill, as given for this vote rather than taken from the law.",
                contest.seats
            ),
        );
        (contest.seats, step)
    };
    let rule = Rule::read(
        law,
        Param::AssemblySeatRule,
        Param::AssemblyMajority,
        Param::AssemblyRepeatVoteCandidatesPerSeat,
        "the Assembly of People",
    )?;
    let contest = Contest {
        seats,
        ..contest.clone()
    };
    let mut result = rule.apply(&contest)?;
    result.steps.insert(0, seats_step);
    Ok(result)
}

/// Maslikhat elections on `law.date`, one contest per district (Constitutional Law on
/// Elections art. 9(2)).
pub fn maslikhat(
    law: LawAt<'_>,
    contests: &[Contest],
) -> Result<Vec<ContestResult>, ElectionError> {
    check_contests(contests)?;
    let rule = law.choice(Param::MaslikhatSeatRule)?;
    match rule.value {
        "plurality" => contests.iter().map(|c| plurality(c, &rule.law)).collect(),
        other => Err(ElectionError::UnsupportedSeatRule {
            rule: other.to_string(),
            body: "maslikhats",
            why: if other == "absolute_majority_with_repeat_vote" {
                "the rulebook has no majority or repeat-vote parameter for maslikhats"
            } else {
                "saylau implements only `absolute_majority_with_repeat_vote` and `plurality`"
            },
        }),
    }
}

/// At least one contest, each named once.
fn check_contests(contests: &[Contest]) -> Result<(), ElectionError> {
    if contests.is_empty() {
        return Err(ElectionError::NoContests);
    }
    if let Some(name) = duplicate(contests.iter().map(|c| c.name.as_str())) {
        return Err(ElectionError::DuplicateContest(name));
    }
    Ok(())
}

/// The name a row of candidates' votes carries for the ballots marked "against all" (any
/// case): no candidate, so it elects no one.
pub const AGAINST_ALL: &str = "against all";

/// The Mazhilis's single-member districts on `law.date`, one contest per district, each by
/// the rule in force (`mazhilis.single_member_seat_rule`; plurality from November 2022: the
/// candidate with more votes than the other candidates, Election Law art. 9(2) as amended
/// by No. 156-VII). A row named [`AGAINST_ALL`] is the "against all" line, allowed only where
/// `ballot.against_all` holds: it counts among those who voted but is no candidate, and the
/// step says that what a win "against all" would do is not in the rulebook.
pub fn mazhilis_districts(
    law: LawAt<'_>,
    contests: &[Contest],
) -> Result<Vec<ContestResult>, ElectionError> {
    check_contests(contests)?;
    let seats = law.count(Param::MazhilisSingleMemberSeats)?;
    if contests.len() as u64 > seats.value {
        return Err(ElectionError::TooManyDistricts {
            districts: contests.len(),
            seats: seats.value,
            date: law.date,
        });
    }
    let rule = law.choice(Param::MazhilisSingleMemberSeatRule)?;
    if rule.value != "plurality" {
        return Err(ElectionError::UnsupportedSeatRule {
            rule: rule.value.to_string(),
            body: "Mazhilis single-member districts",
            why: "the rulebook has no majority or repeat-vote parameter for them",
        });
    }
    let mut out = Vec::with_capacity(contests.len());
    for contest in contests {
        let (against, candidates): (Vec<_>, Vec<_>) = contest
            .candidates
            .iter()
            .cloned()
            .partition(|(name, _)| name.trim().eq_ignore_ascii_case(AGAINST_ALL));
        let mut note = None;
        if let Some((_, votes)) = against.first() {
            let ballot = law.flag(Param::BallotAgainstAll)?;
            if !ballot.value {
                return Err(ElectionError::AgainstAllNotOnBallot {
                    contest: contest.name.clone(),
                    date: law.date,
                });
            }
            let top = candidates.iter().map(|(_, v)| *v).max().unwrap_or(0);
            note = Some(
                Step::new(
                    "against_all",
                    format!(
                        "{votes} ballots were marked against all: they count among those who \
                         voted and elect no one; the rule compares the candidates' votes{}",
                        if *votes > top {
                            ". More were cast against all than for any candidate, and what the \
                             law then does is not in the rulebook: the result below is the \
                             plurality among the candidates only"
                        } else {
                            ""
                        }
                    ),
                )
                .law(ballot.law),
            );
        }
        let mut result = plurality(
            &Contest {
                name: contest.name.clone(),
                seats: contest.seats,
                voting: contest.voting,
                candidates,
            },
            &rule.law,
        )?;
        if let Some(step) = note {
            result.steps.insert(0, step);
        }
        out.push(result);
    }
    Ok(out)
}

/// The seat rule of a body, with the parameters it needs, read from the law.
struct Rule {
    /// The law naming the rule.
    law: LawRef,
    /// The majority and the repeat-vote candidates per seat, for an absolute-majority rule;
    /// `None` for plurality.
    majority: Option<(Cited<Fraction>, Cited<u64>)>,
}

impl Rule {
    /// Reads the body's seat rule, and the majority and repeat-vote parameters only when the
    /// rule uses them.
    fn read(
        law: LawAt<'_>,
        rule: Param,
        majority: Param,
        per_seat: Param,
        body: &'static str,
    ) -> Result<Rule, ElectionError> {
        let cited = law.choice(rule)?;
        match cited.value {
            "absolute_majority_with_repeat_vote" => Ok(Rule {
                law: cited.law,
                majority: Some((law.percent(majority)?, law.count(per_seat)?)),
            }),
            "plurality" => Ok(Rule {
                law: cited.law,
                majority: None,
            }),
            other => Err(ElectionError::UnsupportedSeatRule {
                rule: other.to_string(),
                body,
                why: "saylau implements only `absolute_majority_with_repeat_vote` and `plurality`",
            }),
        }
    }

    fn apply(&self, contest: &Contest) -> Result<ContestResult, ElectionError> {
        let Some((majority, per_seat)) = &self.majority else {
            return plurality(contest, &self.law);
        };
        let mut result = absolute_majority(contest, majority, per_seat)?;
        result.steps.insert(
            0,
            Step::new(
                "seat_rule",
                "Seats go by absolute majority of those voting, with a repeat vote for any seat \
                 left unfilled.",
            )
            .law(self.law.clone()),
        );
        Ok(result)
    }
}

fn result(
    contest: &Contest,
    elected: Vec<String>,
    outcome: ContestOutcome,
    steps: Vec<Step>,
) -> ContestResult {
    ContestResult {
        name: contest.name.clone(),
        seats: contest.seats,
        elected,
        outcome,
        steps,
    }
}

fn tie_step(chosen: &[String], tied: &[String], places: u64, what: &str) -> Step {
    let sure = if chosen.is_empty() {
        String::new()
    } else {
        format!("{} are through; ", chosen.join(", "))
    };
    Step::new(
        "tie",
        format!(
            "Undecided: {sure}{} have equal votes for {places} place(s) {what}, and the sources \
             name no rule for the tie.",
            tied.join(", ")
        ),
    )
}

fn places(seats: u64) -> Result<usize, ElectionError> {
    usize::try_from(seats).map_err(|_| ElectionError::TooLarge)
}

/// Checks a contest's figures. With `need_voting`, the number who voted must be given, since
/// the majority is a share of it; otherwise 0 means it is not known.
fn check(contest: &Contest, need_voting: bool) -> Result<(), ElectionError> {
    let name = &contest.name;
    if contest.seats == 0 {
        return Err(ElectionError::NoSeats(name.clone()));
    }
    if contest.candidates.is_empty() {
        return Err(ElectionError::NoContestCandidates(name.clone()));
    }
    if let Some(candidate) = duplicate(contest.candidates.iter().map(|(n, _)| n.as_str())) {
        return Err(ElectionError::DuplicateContestCandidate {
            contest: name.clone(),
            candidate,
        });
    }
    if u64::try_from(contest.candidates.len()).is_ok_and(|n| n < contest.seats) {
        return Err(ElectionError::TooFewCandidates {
            contest: name.clone(),
            candidates: contest.candidates.len(),
            seats: contest.seats,
        });
    }
    if contest.voting == 0 {
        if need_voting {
            return Err(ElectionError::NoVoting(name.clone()));
        }
        return Ok(());
    }
    // Each voter may vote for as many candidates as there are seats, so only each candidate's
    // votes, not their sum, are bounded by the number who voted.
    if let Some((candidate, votes)) = contest.candidates.iter().find(|(_, v)| *v > contest.voting) {
        return Err(ElectionError::VotesExceedVoting {
            contest: name.clone(),
            candidate: candidate.clone(),
            votes: *votes,
            voting: contest.voting,
        });
    }
    Ok(())
}

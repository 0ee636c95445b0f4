//! The presidency: who may stand, and who wins the first round of a direct election.
//!
//! [`eligibility`] checks a candidate against the requirements in force on the election day:
//! citizenship, age, the state language and residence (Constitution art. 41(2); the 1998
//! amendments raised the minimum age to 40 and removed the upper limit), and the limit on
//! consecutive terms (art. 42(5); the first president exempt from the amendments of
//! 21 May 2007). [`first_round`] applies art. 41(5): more than half of the voters who took part
//! elects; otherwise the leading candidates go to a second round. Every number (ages, years,
//! the majority, how many go to the second round) comes from the rulebook with its citation.

use std::cmp::Ordering;

use jiff::civil::Date;
use serde::Serialize;

use crate::exact::date::age_on;
use crate::exact::fraction::Fraction;
use crate::explain::{Step, Table};
use crate::law::{LawAt, LawError, LawRef, Param};

/// One term of office: the day it began and the day it ended (or will end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Term {
    pub start: Date,
    pub end: Date,
}

/// A person proposed for the presidency, as far as the requirements look at them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub name: String,
    pub birth_date: Date,
    pub citizen: bool,
    /// Whether the candidate speaks the state language (Kazakh).
    pub state_language: bool,
    /// Years lived in Kazakhstan immediately before the election.
    pub residence_years: u32,
    /// Whether the candidate is the first president of Kazakhstan.
    pub first_president: bool,
    /// Terms as president already served or being served.
    pub terms: Vec<Term>,
}

/// One requirement and whether the candidate meets it.
#[derive(Debug, Clone, Serialize)]
pub struct Criterion {
    /// `citizenship`, `age`, `state_language`, `residence`, `term_limit` or `times_elected`.
    pub criterion: &'static str,
    pub met: bool,
    pub says: String,
    /// The law the finding rests on.
    pub law: Vec<LawRef>,
}

/// Whether a candidate may stand, with every requirement checked and cited.
#[derive(Debug, Clone, Serialize)]
pub struct Eligibility {
    pub eligible: bool,
    /// Every criterion, met or not, in a fixed order.
    pub reasons: Vec<Criterion>,
    pub steps: Vec<Step>,
}

/// The result of the first round, with its explanation.
#[derive(Debug, Clone, Serialize)]
pub struct PresidentResult {
    #[serde(flatten)]
    pub outcome: PresidentOutcome,
    /// Voters who took part: the base of the majority.
    pub participating: u64,
    pub steps: Vec<Step>,
}

/// How the first round ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum PresidentOutcome {
    Elected {
        winner: String,
    },
    /// Nobody has the majority: these candidates go to a second round, most votes first.
    SecondRound {
        candidates: Vec<String>,
    },
    /// A tie decides who goes to the second round (or, under a majority below one half, who is
    /// elected) and the sources name no tie rule: `tied` compete for `places` places.
    Tie {
        tied: Vec<String>,
        places: u64,
    },
}

/// Why an election cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ElectionError {
    #[error(transparent)]
    Law(#[from] LawError),
    #[error("no candidates were given")]
    NoCandidates,
    #[error("`{0}` has no candidates")]
    NoContestCandidates(String),
    #[error("candidate `{0}` is listed twice")]
    DuplicateCandidate(String),
    #[error("candidate `{candidate}` is listed twice in `{contest}`")]
    DuplicateContestCandidate { contest: String, candidate: String },
    #[error("no voters took part (participating voters is 0)")]
    NoParticipants,
    #[error(
        "participating voters ({participating}) are fewer than the votes cast for candidates ({votes})"
    )]
    ParticipationTooLow { participating: u64, votes: u64 },
    #[error("nobody voted in `{0}` (the number of those voting is 0)")]
    NoVoting(String),
    #[error(
        "candidate `{candidate}` in `{contest}` has {votes} votes, more than the {voting} who voted"
    )]
    VotesExceedVoting {
        contest: String,
        candidate: String,
        votes: u64,
        voting: u64,
    },
    #[error("no contests were given")]
    NoContests,
    #[error("`{0}` is given twice")]
    DuplicateContest(String),
    #[error("`{unit}` is not a unit on {date} (the units are: {units})")]
    UnknownUnit {
        unit: String,
        date: Date,
        units: String,
    },
    #[error("`{0}` has no seats to fill")]
    NoSeats(String),
    #[error("`{contest}` has {candidates} candidate(s) for {seats} seat(s)")]
    TooFewCandidates {
        contest: String,
        candidates: usize,
        seats: u64,
    },
    #[error(
        "seats per unit are not a whole number: {elected} elected per unit times a renewal \
         share of {share} is {seats}"
    )]
    SeatsNotWhole {
        elected: u64,
        share: String,
        seats: String,
    },
    #[error("{given} appointed senators were named, but the president appoints {seats} on {date}")]
    TooManyAppointed {
        given: usize,
        seats: u64,
        date: Date,
    },
    #[error("the rulebook names seat rule `{rule}` for {body}, which saylau cannot apply: {why}")]
    UnsupportedSeatRule {
        rule: String,
        body: &'static str,
        why: &'static str,
    },
    #[error(
        "{districts} single-member districts were given, but the Mazhilis has {seats} on {date}"
    )]
    TooManyDistricts {
        districts: usize,
        seats: u64,
        date: Date,
    },
    #[error(
        "`{contest}` has votes \"against all\", but on {date} the ballot has no such line \
         (ballot.against_all is false)"
    )]
    AgainstAllNotOnBallot { contest: String, date: Date },
    #[error("the numbers are too large to compute exactly")]
    TooLarge,
}

/// Checks `candidate` against every requirement in force on `law.date`, the election day.
///
/// Every criterion is always reported, so a refusal lists every reason. A parameter that
/// is not in force or unknown on the day is an error: the requirement cannot be checked.
pub fn eligibility(law: LawAt<'_>, candidate: &Candidate) -> Result<Eligibility, LawError> {
    let reasons = vec![
        citizenship(law, candidate)?,
        age(law, candidate)?,
        state_language(law, candidate)?,
        residence(law, candidate)?,
        term_limit(
            law,
            &candidate.name,
            candidate.first_president,
            &candidate.terms,
        )?,
        times_elected(law, &candidate.name, &candidate.terms)?,
    ];
    let eligible = reasons.iter().all(|r| r.met);
    let mut steps: Vec<Step> = reasons
        .iter()
        .map(|r| {
            let mut step = Step::new(r.criterion, r.says.clone());
            for law in &r.law {
                step = step.law(law.clone());
            }
            step
        })
        .collect();
    let failed: Vec<&str> = reasons
        .iter()
        .filter(|r| !r.met)
        .map(|r| r.criterion)
        .collect();
    let says = if eligible {
        format!(
            "{} meets every requirement on {} and is eligible.",
            candidate.name, law.date
        )
    } else {
        format!(
            "{} is not eligible on {}: not met: {}.",
            candidate.name,
            law.date,
            failed.join(", ")
        )
    };
    steps.push(Step::new("eligibility", says));
    Ok(Eligibility {
        eligible,
        reasons,
        steps,
    })
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// Citizenship (Constitution art. 41(2)).
fn citizenship(law: LawAt<'_>, c: &Candidate) -> Result<Criterion, LawError> {
    let required = law.flag(Param::PresidentCitizenshipRequired)?;
    let (met, says) = if required.value {
        (
            c.citizen,
            format!(
                "A candidate must be a citizen of Kazakhstan; {} is {}.",
                c.name,
                if c.citizen {
                    "a citizen"
                } else {
                    "not a citizen"
                }
            ),
        )
    } else {
        (
            true,
            "The law in force does not require citizenship.".to_string(),
        )
    };
    Ok(Criterion {
        criterion: "citizenship",
        met,
        says,
        law: vec![required.law],
    })
}

/// Age on the election day against the minimum and, where one is set, the maximum
/// (Constitution art. 41(2); the 1995 text's upper limit was removed on 7 October 1998).
fn age(law: LawAt<'_>, c: &Candidate) -> Result<Criterion, LawError> {
    let min = law.count(Param::PresidentMinAge)?;
    let max = law.optional_count(Param::PresidentMaxAge)?;
    let age = age_on(c.birth_date, law.date);
    let old_enough = u64::try_from(age).is_ok_and(|a| a >= min.value);
    let young_enough = match max.value {
        Some(max) => u64::try_from(age).is_ok_and(|a| a <= max),
        None => true,
    };
    let limits = match max.value {
        Some(max) => format!("from {} to {max} years old", min.value),
        None => format!("at least {} years old (no upper limit)", min.value),
    };
    let finding = if !old_enough {
        "too young"
    } else if !young_enough {
        "too old"
    } else {
        "within the limits"
    };
    Ok(Criterion {
        criterion: "age",
        met: old_enough && young_enough,
        says: format!(
            "A candidate must be {limits} on the election day; born {}, {} is {age} on {}: {finding}.",
            c.birth_date, c.name, law.date
        ),
        law: vec![min.law, max.law],
    })
}

/// Command of the state language (Constitution art. 41(2)).
fn state_language(law: LawAt<'_>, c: &Candidate) -> Result<Criterion, LawError> {
    let required = law.flag(Param::PresidentStateLanguageRequired)?;
    let (met, says) = if required.value {
        (
            c.state_language,
            format!(
                "A candidate must speak the state language (Kazakh); {} {}.",
                c.name,
                if c.state_language { "does" } else { "does not" }
            ),
        )
    } else {
        (
            true,
            "The law in force does not require the state language.".to_string(),
        )
    };
    Ok(Criterion {
        criterion: "state_language",
        met,
        says,
        law: vec![required.law],
    })
}

/// Residence in Kazakhstan immediately before the election (Constitution art. 41(2)).
fn residence(law: LawAt<'_>, c: &Candidate) -> Result<Criterion, LawError> {
    let years = law.count(Param::PresidentResidenceYears)?;
    let met = u64::from(c.residence_years) >= years.value;
    Ok(Criterion {
        criterion: "residence",
        met,
        says: format!(
            "A candidate must have lived in Kazakhstan for the last {} years; {} has lived there \
             for the last {}.",
            years.value, c.name, c.residence_years
        ),
        law: vec![years.law],
    })
}

/// The limit on consecutive terms (Constitution art. 42(5)) and the first president's
/// exemption (amendments of 21 May 2007).
///
/// Recorded interpretation, not the statute's words: terms are consecutive when each begins
/// no later than the day the one before it ends; the chain ending in the candidate's latest
/// term counts only if that term is still running on the election day (it ends on or after
/// it). Terms beginning after the election day are not counted.
///
/// A candidate with no running term cannot be barred by any limit, so for them a limit the
/// sources do not give (before May 2007) is reported, not an error; for an incumbent it is.
pub fn term_limit(
    law: LawAt<'_>,
    name: &str,
    first_president: bool,
    terms: &[Term],
) -> Result<Criterion, LawError> {
    const INTERPRETATION: &str = "Recorded interpretation: terms are consecutive when each \
        begins no later than the one before it ends, and they count only if the latest is \
        still running on the election day.";
    let limit = law.optional_count(Param::PresidentMaxConsecutiveTerms);
    let mut terms: Vec<Term> = terms
        .iter()
        .copied()
        .filter(|t| t.start <= law.date)
        .collect();
    terms.sort_by_key(|t| (t.start, t.end));
    let chain = consecutive_chain(&terms, law.date);
    let latest = terms.last();
    let served = match latest {
        None => format!("{} has served no term.", name),
        Some(t) if t.end < law.date => format!(
            "{}'s latest term ended on {}, before the election day, so no consecutive terms \
             are running.",
            name, t.end
        ),
        Some(t) => format!(
            "{}'s latest term ({} to {}) is still running; with it, {chain} consecutive term(s).",
            name, t.start, t.end
        ),
    };
    let limit = match limit {
        Ok(limit) => limit,
        Err(e) if chain == 0 && !matches!(e, LawError::WrongKind { .. }) => {
            return Ok(Criterion {
                criterion: "term_limit",
                met: true,
                says: format!(
                    "{served} No limit on consecutive terms can bar a candidate with no running \
                     term, so the limit is not needed (and not available: {e}). {INTERPRETATION}"
                ),
                law: Vec::new(),
            });
        }
        Err(e) => return Err(e),
    };
    let mut laws = vec![limit.law];
    let (met, finding) = match limit.value {
        None => (
            true,
            "The law in force sets no limit on consecutive terms.".to_string(),
        ),
        Some(max) if chain < max => (
            true,
            format!("At most {max} consecutive terms; {chain} is below the limit."),
        ),
        Some(max) if first_president => {
            // The exemption is read only when it matters, so that a date before it existed
            // does not fail for candidates it could not concern.
            let exempt = law.flag(Param::PresidentFirstPresidentExempt)?;
            laws.push(exempt.law);
            if exempt.value {
                (
                    true,
                    format!(
                        "At most {max} consecutive terms; {chain} reach the limit, but the first \
                         president is exempt."
                    ),
                )
            } else {
                (
                    false,
                    format!(
                        "At most {max} consecutive terms; {chain} reach the limit, and the law in \
                         force gives the first president no exemption."
                    ),
                )
            }
        }
        Some(max) => (
            false,
            format!("At most {max} consecutive terms; {chain} reach the limit."),
        ),
    };
    Ok(Criterion {
        criterion: "term_limit",
        met,
        says: format!("{served} {finding} {INTERPRETATION}"),
        law: laws,
    })
}

/// The number of consecutive terms ending in the latest one, or 0 if the latest has ended
/// before `date`. `terms` are sorted by start.
/// How many times one person may be elected (Constitution art. 42(5) as amended in September
/// 2022: once). The rule counts only the terms begun on or after the day it took effect: the
/// amendment applies to presidents elected after it came into force.
pub fn times_elected(law: LawAt<'_>, name: &str, terms: &[Term]) -> Result<Criterion, LawError> {
    let served: Vec<&Term> = terms.iter().filter(|t| t.start <= law.date).collect();
    let limit = match law.optional_count(Param::PresidentMaxTerms) {
        Ok(limit) => limit,
        Err(e) if served.is_empty() && !matches!(e, LawError::WrongKind { .. }) => {
            return Ok(Criterion {
                criterion: "times_elected",
                met: true,
                says: format!(
                    "{name} has served no term, so no limit on the times one person may be \
                     elected can bar them (and none is needed: {e})."
                ),
                law: Vec::new(),
            });
        }
        Err(e) => return Err(e),
    };
    let (met, says) = match limit.value {
        None => (
            true,
            "The law in force sets no limit on the times one person may be elected, only on \
             consecutive terms."
                .to_string(),
        ),
        Some(max) => {
            let since = limit.law.from.earliest;
            let counted = served.iter().filter(|t| t.start >= since).count() as u64;
            let met = counted < max;
            (
                met,
                format!(
                    "No one may be elected president more than {max} time(s) under the rule in \
                     force since {since}; terms begun before it do not count. {name} has {counted} \
                     term(s) begun since: {}.",
                    if met { "not barred" } else { "barred" }
                ),
            )
        }
    };
    Ok(Criterion {
        criterion: "times_elected",
        met,
        says,
        law: vec![limit.law],
    })
}

fn consecutive_chain(terms: &[Term], date: Date) -> u64 {
    let Some(latest) = terms.last() else {
        return 0;
    };
    if latest.end < date {
        return 0;
    }
    let mut chain = 1;
    let mut current = latest;
    for previous in terms.iter().rev().skip(1) {
        if current.start <= previous.end {
            chain += 1;
            current = previous;
        } else {
            break;
        }
    }
    chain
}

/// The first round of a presidential election (Constitution art. 41(5)).
///
/// `votes` are the candidates' votes; `participating` the voters who took part, the base of
/// the majority (not the valid votes).
pub fn first_round(
    law: LawAt<'_>,
    votes: &[(String, u64)],
    participating: u64,
) -> Result<PresidentResult, ElectionError> {
    if votes.is_empty() {
        return Err(ElectionError::NoCandidates);
    }
    if let Some(name) = duplicate(votes.iter().map(|(n, _)| n.as_str())) {
        return Err(ElectionError::DuplicateCandidate(name));
    }
    let cast = votes
        .iter()
        .try_fold(0u64, |acc, (_, v)| acc.checked_add(*v))
        .ok_or(ElectionError::TooLarge)?;
    if participating == 0 {
        return Err(ElectionError::NoParticipants);
    }
    if participating < cast {
        return Err(ElectionError::ParticipationTooLow {
            participating,
            votes: cast,
        });
    }

    let majority = law.percent(Param::PresidentMajority)?;
    let line = majority_line(majority.value, participating)?;
    let mut steps = vec![
        Step::new(
            "majority",
            format!(
                "A candidate is elected in the first round with more than {}% of the {participating} \
                 voters who took part, that is more than {} votes.",
                majority.value.to_exact_string(),
                votes_text(line)
            ),
        )
        .law(majority.law.clone())
        .quantity("majority line (votes)", line),
    ];

    let ranked = rank(votes);
    let mut table = Table::new(vec![
        "candidate",
        "votes",
        "share",
        "share %",
        "over the majority",
    ]);
    let mut over = Vec::new();
    for (name, v) in &ranked {
        let share = Fraction::new(u128::from(*v), u128::from(participating))
            .ok_or(ElectionError::NoParticipants)?;
        let passes = exceeds(*v, majority.value, participating)?;
        if passes {
            over.push((name.clone(), *v));
        }
        table.row(vec![
            name.clone().into(),
            (*v).into(),
            share.to_string().into(),
            percent(*v, participating).into(),
            yes_no(passes).into(),
        ]);
    }
    steps.push(
        Step::new(
            "votes",
            format!(
                "Each candidate's votes as a share of the {participating} voters who took part \
                 ({cast} votes were cast for candidates)."
            ),
        )
        .table(table),
    );

    // With a majority of one half at most one candidate can pass; a lower majority (a reform)
    // could let several pass, and then the most votes win.
    let outcome = if let Some((first, _)) = over.first() {
        match pick(&over, 1) {
            Pick::Tie { tied, places, .. } => tie_step(&mut steps, tied, places, "to be elected"),
            Pick::Chosen(_) => {
                let winner = first.clone();
                steps.push(Step::new(
                    "result",
                    format!(
                        "{winner} has more than {}% of the voters who took part and is elected \
                         in the first round.",
                        majority.value.to_exact_string()
                    ),
                ));
                PresidentOutcome::Elected { winner }
            }
        }
    } else {
        let runoff = law.count(Param::PresidentRunoffCandidates)?;
        let places = usize::try_from(runoff.value).map_err(|_| ElectionError::TooLarge)?;
        match pick(&ranked, places) {
            Pick::Chosen(candidates) => {
                steps.push(
                    Step::new(
                        "second_round",
                        format!(
                            "Nobody has more than {}% of the voters who took part, so the {} \
                             candidate(s) with the most votes go to a second round: {}.",
                            majority.value.to_exact_string(),
                            runoff.value,
                            candidates.join(", ")
                        ),
                    )
                    .law(runoff.law),
                );
                PresidentOutcome::SecondRound { candidates }
            }
            Pick::Tie {
                chosen,
                tied,
                places,
            } => {
                steps.push(
                    Step::new(
                        "second_round",
                        format!(
                            "Nobody has more than {}% of the voters who took part; {} candidate(s) \
                         go to a second round.{}",
                            majority.value.to_exact_string(),
                            runoff.value,
                            if chosen.is_empty() {
                                String::new()
                            } else {
                                let verb = if chosen.len() == 1 { "goes" } else { "go" };
                                format!(" {} {verb} through.", chosen.join(", "))
                            }
                        ),
                    )
                    .law(runoff.law),
                );
                tie_step(&mut steps, tied, places, "in the second round")
            }
        }
    };
    Ok(PresidentResult {
        outcome,
        participating,
        steps,
    })
}

fn tie_step(steps: &mut Vec<Step>, tied: Vec<String>, places: u64, what: &str) -> PresidentOutcome {
    steps.push(Step::new(
        "tie",
        format!(
            "Undecided: {} have equal votes for {places} place(s) {what}, and the sources name no \
             rule for the tie.",
            tied.join(", ")
        ),
    ));
    PresidentOutcome::Tie { tied, places }
}

/// `majority`% of `base`: the number of votes a candidate must exceed.
pub(crate) fn majority_line(majority: Fraction, base: u64) -> Result<Fraction, ElectionError> {
    majority
        .checked_mul(&Fraction::integer(u128::from(base)))
        .and_then(|f| f.checked_div(&Fraction::integer(100)))
        .ok_or(ElectionError::TooLarge)
}

/// Whether `votes` are strictly more than `majority`% of `base`: `votes * 100 > majority * base`,
/// in exact integers.
pub(crate) fn exceeds(votes: u64, majority: Fraction, base: u64) -> Result<bool, ElectionError> {
    let left = u128::from(votes)
        .checked_mul(100)
        .and_then(|x| x.checked_mul(majority.den()))
        .ok_or(ElectionError::TooLarge)?;
    let right = majority
        .num()
        .checked_mul(u128::from(base))
        .ok_or(ElectionError::TooLarge)?;
    Ok(left.cmp(&right) == Ordering::Greater)
}

/// A number of votes for reading: exact when it is whole or a short decimal, otherwise to two
/// decimals.
pub(crate) fn votes_text(votes: Fraction) -> String {
    let exact = votes.to_exact_string();
    if exact.contains('/') {
        votes.to_decimal(2)
    } else {
        exact
    }
}

/// `votes` as a percentage of `base`, to two decimals, for reading.
pub(crate) fn percent(votes: u64, base: u64) -> String {
    match Fraction::new(u128::from(votes) * 100, u128::from(base)) {
        Some(f) => format!("{}%", f.to_decimal(2)),
        None => "-".into(),
    }
}

/// The first name that occurs twice, if any.
pub(crate) fn duplicate<'a>(names: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut sorted: Vec<&str> = names.collect();
    sorted.sort_unstable();
    sorted
        .windows(2)
        .find(|w| w[0] == w[1])
        .map(|w| w[0].to_string())
}

/// Candidates by votes, most first; equal votes keep their input order.
pub(crate) fn rank(votes: &[(String, u64)]) -> Vec<(String, u64)> {
    let mut ranked = votes.to_vec();
    ranked.sort_by_key(|(_, votes)| std::cmp::Reverse(*votes));
    ranked
}

/// Choosing the `places` leading candidates from a ranked list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Pick {
    /// These are chosen (all of them, when there are no more than `places`).
    Chosen(Vec<String>),
    /// `chosen` are sure; `tied` have equal votes at the boundary and compete for `places`.
    Tie {
        chosen: Vec<String>,
        tied: Vec<String>,
        places: u64,
    },
}

/// Chooses the `places` candidates with the most votes from `ranked` (sorted, most first).
/// A tie across the boundary is reported, never broken.
pub(crate) fn pick(ranked: &[(String, u64)], places: usize) -> Pick {
    if ranked.len() <= places {
        return Pick::Chosen(ranked.iter().map(|(n, _)| n.clone()).collect());
    }
    let (Some(last_in), Some(first_out)) = (
        places.checked_sub(1).and_then(|i| ranked.get(i)),
        ranked.get(places),
    ) else {
        // No places to fill.
        return Pick::Chosen(Vec::new());
    };
    if last_in.1 != first_out.1 {
        return Pick::Chosen(ranked.iter().take(places).map(|(n, _)| n.clone()).collect());
    }
    let boundary = last_in.1;
    let chosen: Vec<String> = ranked
        .iter()
        .filter(|(_, v)| *v > boundary)
        .map(|(n, _)| n.clone())
        .collect();
    let tied: Vec<String> = ranked
        .iter()
        .filter(|(_, v)| *v == boundary)
        .map(|(n, _)| n.clone())
        .collect();
    let places = u64::try_from(places.saturating_sub(chosen.len())).unwrap_or(u64::MAX);
    Pick::Tie {
        chosen,
        tied,
        places,
    }
}

//! Party-list elections: the Mazhilis under the law in force, and generic allocations.
//!
//! [`mazhilis`] reads every rule from the rulebook on the election day: the number of list
//! seats (Constitution art. 50(3)), the threshold and its base (art. 51(5): voters who took
//! part), the allocation method and tie rule (Election Law art. 97), and from February 2009
//! the runner-up rule (art. 97(2)–(3)). [`allocate`] runs the same machinery on parameters
//! given by the caller, for counterfactuals and other countries' methods.

use jiff::civil::Date;
use serde::Serialize;
use serde::ser::SerializeMap;

use crate::elections::apportion::{
    self, ApportionError, Apportionment, Method, Request, Status, Threshold, TieRule, Trace,
};
use crate::exact::fraction::Fraction;
use crate::explain::{Quantity, Step, Table};
use crate::law::{Cited, LawAt, LawError, LawRef, Param};

/// One party list and its votes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListVotes {
    pub party: String,
    pub votes: u64,
    /// Registration order: lower means registered earlier.
    pub registration: u32,
}

/// A rule value with the law it comes from, or `None` when the caller supplied it.
#[derive(Debug, Clone)]
pub struct Ruled<T> {
    pub value: T,
    pub law: Option<LawRef>,
}

impl<T> Ruled<T> {
    fn given(value: T) -> Ruled<T> {
        Ruled { value, law: None }
    }
}

/// What the threshold is a percentage of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ThresholdBase {
    /// Voters who took part in the election (Constitution art. 51(5)).
    ParticipatingVoters,
    /// Votes cast for the lists.
    ValidVotes,
    /// A number given by the caller.
    Given(u64),
}

/// The runner-up rule's parameters (Election Law art. 97(2)–(3) as amended February 2009).
#[derive(Debug, Clone)]
pub struct RunnerUp {
    pub correction_index: Ruled<Fraction>,
    pub min_seats: Ruled<u64>,
    pub law: Option<LawRef>,
}

/// Every rule a list election applies.
#[derive(Debug, Clone)]
pub struct Rules {
    pub seats: Ruled<u64>,
    pub method: Ruled<Method>,
    pub tie_rule: Ruled<TieRule>,
    pub threshold: Option<(Ruled<Fraction>, Ruled<ThresholdBase>)>,
    pub runner_up: Option<RunnerUp>,
    /// Why the runner-up rule cannot be read, where the law does not say whether it holds: an
    /// error only if exactly one list passes, the one case it would decide.
    pub runner_up_unknown: Option<LawError>,
}

/// How a list election ended; serialized as `"status"` beside the result's other fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    /// Every seat is distributed.
    Complete,
    /// A tie decides seats and the law settles it by lot: these lists are tied for
    /// `seats_at_stake` seats, which are not distributed.
    LotsRequired {
        tied: Vec<String>,
        seats_at_stake: u64,
    },
    /// No list reached the threshold, so no seat could be distributed.
    NoListAdmitted,
    /// The law available to saylau does not say who gets these seats (the text of the
    /// provision is not at hand), so they are not distributed.
    LawSilent { seats_undistributed: u64 },
}

/// The result of a list election, with its explanation.
#[derive(Debug, Clone, Serialize)]
pub struct ListResult {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Names of the reforms laid over the law, empty for the law as enacted.
    pub reforms: Vec<String>,
    /// `status`: `complete`, `lots_required` (with `tied` and `seats_at_stake`) or
    /// `no_list_admitted`.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// Every input list and its seats, in input order (0 included).
    #[serde(serialize_with = "as_map")]
    pub seats: Vec<(String, u64)>,
    pub total_seats: u64,
    pub method: &'static str,
    /// Lists admitted to the distribution (by the threshold or the runner-up rule).
    pub admitted: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runner_up: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quota: Option<Quantity>,
    /// Seats outside this distribution (the Assembly's Mazhilis seats), with their law.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_seats: Option<OtherSeats>,
    pub steps: Vec<Step>,
}

impl Outcome {
    /// Whether every seat was distributed.
    pub fn is_complete(&self) -> bool {
        *self == Outcome::Complete
    }

    /// The outcome in words, for one line of a table.
    pub fn says(&self, total_seats: u64) -> String {
        match self {
            Outcome::Complete => format!("complete, all {total_seats} seats distributed"),
            Outcome::LotsRequired {
                tied,
                seats_at_stake,
            } => format!(
                "drawing of lots required between {} for {seats_at_stake} seat(s)",
                tied.join(", ")
            ),
            Outcome::NoListAdmitted => {
                "no list reached the threshold; no seat distributed".to_string()
            }
            Outcome::LawSilent {
                seats_undistributed,
            } => format!(
                "{seats_undistributed} seat(s) not distributed: the law available does not say \
                 who gets them"
            ),
        }
    }
}

/// Seats of the chamber filled by other elections.
#[derive(Debug, Clone, Serialize)]
pub struct OtherSeats {
    pub assembly: u64,
    pub single_member: u64,
    pub law: Vec<LawRef>,
}

fn as_map<S: serde::Serializer>(pairs: &[(String, u64)], serializer: S) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

/// Why a list election cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListError {
    #[error(transparent)]
    Law(#[from] LawError),
    #[error("no party lists were given")]
    NoLists,
    #[error("party `{0}` is listed twice")]
    DuplicateParty(String),
    #[error("list number {0} is given to two parties")]
    DuplicateRegistration(u32),
    #[error(
        "participating voters ({participating}) are fewer than the votes cast for lists ({votes})"
    )]
    ParticipationTooLow { participating: u64, votes: u64 },
    #[error("the rulebook names allocation method `{0}`, which saylau does not implement")]
    UnknownMethod(String),
    #[error("the rulebook names tie rule `{0}`, which saylau does not implement")]
    UnknownTieRule(String),
    #[error("the rulebook names threshold base `{0}`, which saylau does not implement")]
    UnknownThresholdBase(String),
    #[error("the chamber has no list seats on {0}")]
    NoListSeats(Date),
    #[error("{0}")]
    NoSuchChamber(String),
    #[error("{0}")]
    Apportion(#[from] ApportionError),
    #[error("the numbers are too large to compute exactly")]
    TooLarge,
    #[error("what-if: {0}")]
    WhatIf(String),
}

/// The Mazhilis party-list election under the law in force on `law.date`.
///
/// `participating` is the number of voters who took part; `None` means the sum of the
/// list votes (the command-line default).
pub fn mazhilis(
    law: LawAt<'_>,
    lists: &[ListVotes],
    participating: Option<u64>,
) -> Result<ListResult, ListError> {
    // A day whose parliament the rulebook gives without a Mazhilis (the Kurultai from 1 July
    // 2026) has no Mazhilis election: say so before any of its rules is looked up.
    if let Ok(Err(says)) = crate::polity::chambers::sits(&law, "mazhilis", law.date) {
        return Err(ListError::NoSuchChamber(says));
    }
    let (mut rules, seats) = read_rules(&law, &MAZHILIS_LISTS)?;
    let assembly = law.count(Param::MazhilisAssemblySeats)?;
    let single = law.count(Param::MazhilisSingleMemberSeats)?;
    // The runner-up rule is read only as far as it matters: where the law of the day does not
    // say whether it holds, the election can still be decided unless exactly one list passes.
    let (runner_rule, runner_up_unknown) = match law.flag(Param::MazhilisRunnerUpRule) {
        Ok(rule) => (Some(rule), None),
        Err(e @ LawError::Unknown { .. }) => (None, Some(e)),
        Err(e) => return Err(e.into()),
    };
    let runner_up = if let Some(runner_rule) = runner_rule.as_ref().filter(|r| r.value) {
        let index = law.ratio(Param::MazhilisRunnerUpCorrectionIndex)?;
        let min = law.count(Param::MazhilisRunnerUpMinSeats)?;
        Some(RunnerUp {
            correction_index: Ruled {
                value: index.value,
                law: Some(index.law),
            },
            min_seats: Ruled {
                value: min.value,
                law: Some(min.law),
            },
            law: Some(runner_rule.law.clone()),
        })
    } else {
        None
    };
    rules.runner_up = runner_up;
    rules.runner_up_unknown = runner_up_unknown;

    let mut composition = Step::new(
        "composition",
        format!(
            "On {} the Mazhilis has {} party-list seats, distributed here; {} more are elected \
             by the Assembly of People and {} in single-member constituencies, in their own elections.",
            law.date, seats.value, assembly.value, single.value
        ),
    )
    .law(seats.law)
    .law(assembly.law.clone())
    .law(single.law.clone());
    if let Some(rule) = runner_rule.filter(|r| !r.value) {
        composition = composition.law(rule.law);
    }
    let mut result = distribute(lists, participating, &rules, vec![composition])?;
    result.date = Some(law.date);
    result.reforms = law.law.reforms.iter().map(|r| r.name.clone()).collect();
    result.other_seats = Some(OtherSeats {
        assembly: assembly.value,
        single_member: single.value,
        law: vec![assembly.law, single.law],
    });
    Ok(result)
}

/// The parameters of the rulebook a chamber's party-list election reads.
pub struct ListParams {
    pub chamber: &'static str,
    pub seats: Param,
    pub threshold: Param,
    pub threshold_base: Param,
    pub method: Param,
    pub tie_rule: Param,
}

/// The Mazhilis's party lists.
pub const MAZHILIS_LISTS: ListParams = ListParams {
    chamber: "mazhilis",
    seats: Param::MazhilisListSeats,
    threshold: Param::MazhilisThreshold,
    threshold_base: Param::MazhilisThresholdBase,
    method: Param::MazhilisAllocationMethod,
    tie_rule: Param::MazhilisTieRule,
};

/// The Kurultai's party lists (the Constitution of 2026).
pub const KURULTAI_LISTS: ListParams = ListParams {
    chamber: "kurultai",
    seats: Param::KurultaiListSeats,
    threshold: Param::KurultaiThreshold,
    threshold_base: Param::KurultaiThresholdBase,
    method: Param::KurultaiAllocationMethod,
    tie_rule: Param::KurultaiTieRule,
};

/// A chamber's list rules on `law`'s day, each cited, without a runner-up rule; and the
/// cited number of list seats. The one reader of a threshold base, a method and a tie rule
/// from the rulebook's words.
fn read_rules(law: &LawAt<'_>, p: &ListParams) -> Result<(Rules, Cited<u64>), ListError> {
    let seats = law.count(p.seats)?;
    if seats.value == 0 {
        return Err(ListError::NoListSeats(law.date));
    }
    let threshold = law.percent(p.threshold)?;
    let base = law.choice(p.threshold_base)?;
    let base_value = match base.value {
        "participating_voters" => ThresholdBase::ParticipatingVoters,
        "valid_votes" => ThresholdBase::ValidVotes,
        other => return Err(ListError::UnknownThresholdBase(other.to_string())),
    };
    let method = law.choice(p.method)?;
    let method_value = Method::from_name(method.value)
        .ok_or_else(|| ListError::UnknownMethod(method.value.into()))?;
    let tie = law.choice(p.tie_rule)?;
    let tie_value = match tie.value {
        "earlier_registration" => TieRule::EarlierRegistration,
        "lots" => TieRule::Lots,
        other => return Err(ListError::UnknownTieRule(other.to_string())),
    };
    let rules = Rules {
        seats: Ruled {
            value: seats.value,
            law: Some(seats.law.clone()),
        },
        method: Ruled {
            value: method_value,
            law: Some(method.law),
        },
        tie_rule: Ruled {
            value: tie_value,
            law: Some(tie.law),
        },
        threshold: Some((
            Ruled {
                value: threshold.value,
                law: Some(threshold.law),
            },
            Ruled {
                value: base_value,
                law: Some(base.law),
            },
        )),
        runner_up: None,
        runner_up_unknown: None,
    };
    Ok((rules, seats))
}

/// The Kurultai's party-list election under the law in force on `law.date`, as far as the
/// rulebook gives its rules: where one is not known the answer says which.
pub fn kurultai(
    law: LawAt<'_>,
    lists: &[ListVotes],
    participating: Option<u64>,
) -> Result<ListResult, ListError> {
    if let Ok(Err(says)) = crate::polity::chambers::sits(&law, KURULTAI_LISTS.chamber, law.date) {
        return Err(ListError::NoSuchChamber(says));
    }
    let (rules, seats) = read_rules(&law, &KURULTAI_LISTS)?;
    let composition = Step::new(
        "composition",
        format!(
            "On {} the Kurultai has {} seats, all elected by party lists in one national \
             constituency, distributed here.",
            law.date, seats.value
        ),
    )
    .law(seats.law);
    let mut result = distribute(lists, participating, &rules, vec![composition])?;
    result.date = Some(law.date);
    result.reforms = law.law.reforms.iter().map(|r| r.name.clone()).collect();
    Ok(result)
}

/// A list election under rules given by the caller (no rulebook).
pub fn allocate(
    lists: &[ListVotes],
    seats: u64,
    method: Method,
    tie_rule: TieRule,
    threshold: Option<(Fraction, Option<u64>)>,
) -> Result<ListResult, ListError> {
    let rules = Rules {
        seats: Ruled::given(seats),
        method: Ruled::given(method),
        tie_rule: Ruled::given(tie_rule),
        threshold: threshold.map(|(percent, base)| {
            (
                Ruled::given(percent),
                Ruled::given(match base {
                    Some(n) => ThresholdBase::Given(n),
                    None => ThresholdBase::ValidVotes,
                }),
            )
        }),
        runner_up: None,
        runner_up_unknown: None,
    };
    let intro = Step::new(
        "rules",
        format!(
            "{seats} seats by {} ({}); ties: {}; rules given on the command line, not taken from the rulebook.",
            method.name(),
            method.describe(),
            match tie_rule {
                TieRule::EarlierRegistration => "the list registered earlier wins",
                TieRule::Lots => "drawing of lots",
            }
        ),
    );
    distribute(lists, None, &rules, vec![intro])
}

fn check_lists(lists: &[ListVotes]) -> Result<u64, ListError> {
    if lists.is_empty() {
        return Err(ListError::NoLists);
    }
    let mut names: Vec<&str> = lists.iter().map(|l| l.party.as_str()).collect();
    names.sort_unstable();
    if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
        return Err(ListError::DuplicateParty(w[0].to_string()));
    }
    let mut regs: Vec<u32> = lists.iter().map(|l| l.registration).collect();
    regs.sort_unstable();
    if let Some(w) = regs.windows(2).find(|w| w[0] == w[1]) {
        return Err(ListError::DuplicateRegistration(w[0]));
    }
    lists
        .iter()
        .try_fold(0u64, |acc, l| acc.checked_add(l.votes))
        .ok_or(ListError::TooLarge)
}

fn percent_of(votes: u64, base: u64) -> String {
    match Fraction::new(u128::from(votes) * 100, u128::from(base)) {
        Some(f) => format!("{}%", f.to_decimal(2)),
        None => "-".into(),
    }
}

fn law_of<T>(ruled: &Ruled<T>) -> Vec<LawRef> {
    ruled.law.iter().cloned().collect()
}

fn with_law(mut step: Step, laws: Vec<LawRef>) -> Step {
    for law in laws {
        step = step.law(law);
    }
    step
}

/// Applies `rules` to `lists`: the threshold, the runner-up rule, the method and its ties.
pub fn distribute(
    lists: &[ListVotes],
    participating: Option<u64>,
    rules: &Rules,
    mut steps: Vec<Step>,
) -> Result<ListResult, ListError> {
    let total_votes = check_lists(lists)?;
    let participating = participating.unwrap_or(total_votes);
    if participating < total_votes {
        return Err(ListError::ParticipationTooLow {
            participating,
            votes: total_votes,
        });
    }
    let seats = rules.seats.value;
    let method = rules.method.value;
    let votes: Vec<u64> = lists.iter().map(|l| l.votes).collect();
    let registration: Vec<u32> = lists.iter().map(|l| l.registration).collect();

    // Threshold (Constitution art. 51(5)): a list takes part only with at least the given
    // share of the base.
    let mut admitted = vec![true; lists.len()];
    let mut threshold_for_engine = None;
    if let Some((percent, base)) = &rules.threshold {
        let (base_value, base_label) = match base.value {
            ThresholdBase::ParticipatingVoters => (participating, "voters who took part"),
            ThresholdBase::ValidVotes => (total_votes, "votes cast for lists"),
            ThresholdBase::Given(n) => (n, "the given base"),
        };
        let t = Threshold {
            percent: percent.value,
            base: base_value,
        };
        let minimum = apportion::minimum_votes(&t);
        let mut table = Table::new(vec!["party", "votes", "share of base", "admitted"]);
        for (i, list) in lists.iter().enumerate() {
            let passes = apportion::passes_threshold(list.votes, &t);
            admitted[i] = passes;
            table.row(vec![
                list.party.clone().into(),
                list.votes.into(),
                percent_of(list.votes, base_value).into(),
                (if passes { "yes" } else { "no" }).into(),
            ]);
        }
        let passed = admitted.iter().filter(|a| **a).count();
        let mut laws = law_of(percent);
        laws.extend(law_of(base));
        steps.push(with_law(
            Step::new(
                "threshold",
                format!(
                    "A list needs at least {}% of the {base_label} ({base_value}), that is at \
                     least {} votes; {passed} of {} lists pass.",
                    percent.value.to_exact_string(),
                    minimum.to_decimal(2),
                    lists.len()
                ),
            )
            .quantity("minimum votes", minimum)
            .table(table),
            laws,
        ));
        threshold_for_engine = Some(t);
    }

    let passed: Vec<usize> = (0..lists.len()).filter(|i| admitted[*i]).collect();

    // Runner-up rule (Election Law art. 97(2)-(3), February 2009): when only one list passes,
    // the list with the next largest vote is admitted too and gets a corrected share.
    if passed.len() == 1
        && let Some(e) = &rules.runner_up_unknown
    {
        return Err(ListError::Law(e.clone()));
    }
    if let Some(rule) = &rules.runner_up {
        if passed.len() == 1 {
            return runner_up(lists, rules, rule, passed[0], total_votes, steps);
        }
        steps.push(with_law(
            Step::new(
                "runner_up",
                format!(
                    "The runner-up rule applies only when exactly one list passes the threshold; \
                     here {} pass, so it does not apply.",
                    passed.len()
                ),
            ),
            rule.law.iter().cloned().collect(),
        ));
    }

    if passed.is_empty() {
        steps.push(Step::new(
            "no_list_admitted",
            "No list reached the threshold, so no seat can be distributed.",
        ));
        return Ok(ListResult {
            date: None,
            reforms: Vec::new(),
            outcome: Outcome::NoListAdmitted,
            seats: lists.iter().map(|l| (l.party.clone(), 0)).collect(),
            total_seats: seats,
            method: method.name(),
            admitted: Vec::new(),
            runner_up: None,
            quota: None,
            other_seats: None,
            steps,
        });
    }

    let request = Request {
        votes: &votes,
        registration: &registration,
        seats,
        method,
        tie_rule: rules.tie_rule.value,
        threshold: threshold_for_engine,
    };
    let result = apportion::apportion(&request)?;
    let quota = explain_allocation(lists, rules, &result, &mut steps);
    Ok(finish(
        lists,
        seats,
        method,
        &result.seats,
        &result.admitted,
        result.status,
        quota,
        None,
        steps,
    ))
}

#[allow(clippy::too_many_arguments)]
fn finish(
    lists: &[ListVotes],
    total_seats: u64,
    method: Method,
    seats: &[u64],
    admitted: &[bool],
    status: Status,
    quota: Option<Quantity>,
    runner_up: Option<String>,
    mut steps: Vec<Step>,
) -> ListResult {
    let undistributed = total_seats.saturating_sub(seats.iter().sum());
    let outcome = match status {
        Status::Complete if undistributed > 0 => Outcome::LawSilent {
            seats_undistributed: undistributed,
        },
        Status::Complete => Outcome::Complete,
        Status::LotsRequired {
            tied,
            seats_at_stake,
        } => Outcome::LotsRequired {
            tied: tied
                .iter()
                .filter_map(|i| lists.get(*i).map(|l| l.party.clone()))
                .collect(),
            seats_at_stake,
        },
    };
    let pairs: Vec<(String, u64)> = lists
        .iter()
        .zip(seats)
        .map(|(l, s)| (l.party.clone(), *s))
        .collect();
    let mut table = Table::new(vec!["party", "seats"]);
    for (party, s) in &pairs {
        table.row(vec![party.clone().into(), (*s).into()]);
    }
    let says = match &outcome {
        Outcome::Complete => format!("All {total_seats} seats are distributed."),
        Outcome::LotsRequired {
            tied,
            seats_at_stake,
        } => format!(
            "Drawing of lots required: {} are tied for {seats_at_stake} seat(s), which remain \
             undistributed.",
            tied.join(", ")
        ),
        Outcome::NoListAdmitted => "No seat is distributed.".into(),
        Outcome::LawSilent {
            seats_undistributed,
        } => format!(
            "{} of {total_seats} seats are distributed; {seats_undistributed} remain \
             undistributed because the law available does not say who gets them.",
            total_seats.saturating_sub(*seats_undistributed)
        ),
    };
    steps.push(Step::new("result", says).table(table));
    ListResult {
        date: None,
        reforms: Vec::new(),
        outcome,
        seats: pairs,
        total_seats,
        method: method.name(),
        admitted: lists
            .iter()
            .zip(admitted)
            .filter(|(_, a)| **a)
            .map(|(l, _)| l.party.clone())
            .collect(),
        runner_up,
        quota,
        other_seats: None,
        steps,
    }
}

/// Adds the method's steps; returns the quota for largest-remainder methods.
fn explain_allocation(
    lists: &[ListVotes],
    rules: &Rules,
    result: &Apportionment,
    steps: &mut Vec<Step>,
) -> Option<Quantity> {
    let method = rules.method.value;
    let seats = rules.seats.value;
    match &result.trace {
        Trace::LargestRemainder {
            quota,
            rows,
            remainder_order,
            ties,
        } => {
            let admitted_votes: u64 = lists
                .iter()
                .zip(&result.admitted)
                .filter(|(_, a)| **a)
                .map(|(l, _)| l.votes)
                .sum();
            let quota_says = match method {
                Method::Droop => format!(
                    "Droop quota: the integer part of {admitted_votes} / ({seats} + 1), plus one."
                ),
                _ => format!(
                    "Quota: the votes of the admitted lists divided by the seats, \
                     {admitted_votes} / {seats}."
                ),
            };
            let quota_q = match method {
                Method::Droop => Quantity::new("quota", *quota),
                _ => Quantity::ratio("quota", u128::from(admitted_votes), u128::from(seats))
                    .unwrap_or_else(|| Quantity::new("quota", *quota)),
            };
            let mut quota_step = Step::new("quota", quota_says);
            quota_step.quantity = Some(quota_q.clone());
            for law in law_of(&rules.method)
                .into_iter()
                .chain(law_of(&rules.seats))
            {
                quota_step = quota_step.law(law);
            }
            steps.push(quota_step);

            let mut table = Table::new(vec![
                "party",
                "votes",
                "votes / quota",
                "≈",
                "whole seats",
                "remainder",
            ]);
            let mut whole_total = 0u64;
            for ((list, row), admitted) in lists.iter().zip(rows).zip(&result.admitted) {
                if !admitted {
                    continue;
                }
                whole_total += row.whole;
                table.row(vec![
                    list.party.clone().into(),
                    list.votes.into(),
                    row.quotient.to_string().into(),
                    row.quotient.to_decimal(4).into(),
                    row.whole.into(),
                    row.remainder.to_decimal(4).into(),
                ]);
            }
            steps.push(
                Step::new(
                    "whole_seats",
                    format!(
                        "Each admitted list gets the integer part of its votes divided by the \
                         quota: {whole_total} seats in all, {} left for the remainders.",
                        seats.saturating_sub(whole_total)
                    ),
                )
                .table(table),
            );

            let names = |idx: &[usize]| -> String {
                idx.iter()
                    .filter_map(|i| lists.get(*i).map(|l| l.party.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let mut says = if remainder_order.is_empty() {
                "No seat is left for the remainders.".to_string()
            } else {
                format!(
                    "The remaining seats go one each to the largest remainders: {}.",
                    names(remainder_order)
                )
            };
            for tie in ties {
                says.push_str(&format!(
                    " Equal remainders: {} for {} seat(s); the tie rule gives them to {}.",
                    names(&tie.tied),
                    tie.seats_at_stake,
                    names(&tie.winners)
                ));
            }
            let mut step = Step::new("remainders", says);
            for law in law_of(&rules.tie_rule) {
                step = step.law(law);
            }
            steps.push(step);
            Some(quota_q)
        }
        Trace::Divisor { rows, ties } => {
            let mut table = Table::new(vec![
                "party",
                "votes",
                "seats",
                "last quotient",
                "next quotient",
            ]);
            for ((list, row), (admitted, seats_won)) in lists
                .iter()
                .zip(rows)
                .zip(result.admitted.iter().zip(&result.seats))
            {
                if !admitted {
                    continue;
                }
                table.row(vec![
                    list.party.clone().into(),
                    list.votes.into(),
                    (*seats_won).into(),
                    row.last_awarded
                        .map(|q| q.to_decimal(4))
                        .unwrap_or_else(|| "-".into())
                        .into(),
                    row.next.to_decimal(4).into(),
                ]);
            }
            let mut says = format!(
                "{}: seats go one at a time to the largest quotient votes / divisor.",
                method.describe()
            );
            for tie in ties {
                let tied: Vec<&str> = tie
                    .tied
                    .iter()
                    .filter_map(|i| lists.get(*i).map(|l| l.party.as_str()))
                    .collect();
                let won: Vec<&str> = tie
                    .winners
                    .iter()
                    .filter_map(|i| lists.get(*i).map(|l| l.party.as_str()))
                    .collect();
                says.push_str(&format!(
                    " Equal quotients: {} for {} seat(s); the tie rule gives them to {}.",
                    tied.join(", "),
                    tie.seats_at_stake,
                    won.join(", ")
                ));
            }
            let mut step = Step::new("divisors", says).table(table);
            for law in law_of(&rules.method)
                .into_iter()
                .chain(law_of(&rules.tie_rule))
            {
                step = step.law(law);
            }
            steps.push(step);
            None
        }
    }
}

/// The February 2009 runner-up rule: exactly one list passed the threshold.
fn runner_up(
    lists: &[ListVotes],
    rules: &Rules,
    rule: &RunnerUp,
    first: usize,
    _total_votes: u64,
    mut steps: Vec<Step>,
) -> Result<ListResult, ListError> {
    let seats = rules.seats.value;
    let method = rules.method.value;
    let Some(first_list) = lists.get(first) else {
        return Err(ListError::NoLists);
    };
    // The list with the next largest vote, among those that did not pass.
    let best = lists
        .iter()
        .enumerate()
        .filter(|(i, l)| *i != first && l.votes > 0)
        .map(|(_, l)| l.votes)
        .max();
    let mut admitted = vec![false; lists.len()];
    admitted[first] = true;
    let Some(best) = best else {
        steps.push(with_law(
            Step::new(
                "runner_up",
                "Only one list passed the threshold, but no other list has votes, so no \
                 runner-up is admitted and the passing list takes every seat.",
            ),
            rule.law.iter().cloned().collect(),
        ));
        let mut seat_vec = vec![0; lists.len()];
        seat_vec[first] = seats;
        return Ok(finish(
            lists,
            seats,
            method,
            &seat_vec,
            &admitted,
            Status::Complete,
            None,
            None,
            steps,
        ));
    };
    let tied: Vec<usize> = lists
        .iter()
        .enumerate()
        .filter(|(i, l)| *i != first && l.votes == best)
        .map(|(i, _)| i)
        .collect();

    // Art. 97(2): the sum of the votes of the two admitted lists divided by the seats is the
    // first quota. Art. 97(3): each admitted list's votes divided by it, the runner-up's
    // multiplied by the correction index; the integer parts are their seats.
    let v1 = u128::from(first_list.votes);
    let v2 = u128::from(best);
    let both = v1.checked_add(v2).ok_or(ListError::TooLarge)?;
    let s128 = u128::from(seats);
    let quota = Fraction::new(both, s128).ok_or(ListError::TooLarge)?;
    let passer_quotient = Fraction::new(v1.checked_mul(s128).ok_or(ListError::TooLarge)?, both)
        .ok_or(ListError::TooLarge)?;
    let index = rule.correction_index.value;
    let num = v2
        .checked_mul(s128)
        .and_then(|x| x.checked_mul(index.num()))
        .ok_or(ListError::TooLarge)?;
    let den = both.checked_mul(index.den()).ok_or(ListError::TooLarge)?;
    let corrected = Fraction::new(num, den).ok_or(ListError::TooLarge)?;
    let computed = u64::try_from(corrected.floor()).map_err(|_| ListError::TooLarge)?;
    let passer_seats = u64::try_from(passer_quotient.floor()).map_err(|_| ListError::TooLarge)?;
    let runner_seats = computed
        .max(rule.min_seats.value)
        .min(seats.saturating_sub(passer_seats));
    let left = seats.saturating_sub(passer_seats + runner_seats);

    let mut laws: Vec<LawRef> = rule.law.iter().cloned().collect();
    laws.extend(law_of(&rule.correction_index));
    laws.extend(law_of(&rule.min_seats));
    let names: Vec<&str> = tied
        .iter()
        .filter_map(|i| lists.get(*i).map(|l| l.party.as_str()))
        .collect();
    let leftover = if left == 0 {
        "No seat is left over.".to_string()
    } else {
        format!(
            "{left} seat(s) are left over. The text of art. 97 after its third clause, which says \
             who gets them, is not available to saylau, so they are not distributed."
        )
    };
    let says = format!(
        "Only {} passed the threshold, so the list with the next largest vote is admitted too \
         (art. 97(2)). First quota = the two lists' votes / seats = ({} + {best}) / {seats}. \
         {} gets the integer part of its votes / first quota = {passer_seats}; the runner-up \
         the integer part of its votes / first quota × {} = {computed}, at least {}: \
         {runner_seats} (art. 97(3)). {leftover}",
        first_list.party,
        first_list.votes,
        first_list.party,
        index.to_exact_string(),
        rule.min_seats.value,
    );
    let mut table = Table::new(vec!["party", "votes", "votes / first quota", "≈", "seats"]);
    table.row(vec![
        first_list.party.clone().into(),
        first_list.votes.into(),
        passer_quotient.to_string().into(),
        passer_quotient.to_decimal(4).into(),
        passer_seats.into(),
    ]);
    for i in &tied {
        if let Some(l) = lists.get(*i) {
            table.row(vec![
                l.party.clone().into(),
                l.votes.into(),
                format!("{corrected} (× {})", index.to_exact_string()).into(),
                corrected.to_decimal(4).into(),
                runner_seats.into(),
            ]);
        }
    }
    let quota_q = Some(
        Quantity::ratio("first quota", both, s128)
            .unwrap_or_else(|| Quantity::new("first quota", quota)),
    );
    steps.push(with_law(
        {
            let mut step = Step::new("runner_up", says).table(table);
            step.quantity.clone_from(&quota_q);
            step
        },
        laws,
    ));
    let mut seat_vec = vec![0; lists.len()];
    seat_vec[first] = passer_seats;
    if tied.len() > 1 {
        // The sources give no rule for two lists tied for second place.
        steps.push(Step::new(
            "runner_up_tie",
            format!(
                "{} have the same vote; the law available to saylau names no rule for a tie for \
                 second place, so drawing of lots is required for the runner-up's {runner_seats} seat(s).",
                names.join(", ")
            ),
        ));
        return Ok(finish(
            lists,
            seats,
            method,
            &seat_vec,
            &admitted,
            Status::LotsRequired {
                tied,
                seats_at_stake: runner_seats,
            },
            quota_q,
            None,
            steps,
        ));
    }
    let second = tied[0];
    admitted[second] = true;
    seat_vec[second] = runner_seats;
    let runner_name = lists.get(second).map(|l| l.party.clone());
    Ok(finish(
        lists,
        seats,
        method,
        &seat_vec,
        &admitted,
        Status::Complete,
        quota_q,
        runner_name,
        steps,
    ))
}

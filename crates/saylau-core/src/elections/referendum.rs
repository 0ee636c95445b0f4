//! A national referendum: whether its decision is adopted under the law of its day, from its
//! count. Each condition the rulebook gives (`referendum.*`) is checked exactly and cited; a
//! condition the rulebook does not know, or one the data cannot check (the vote by unit), is
//! said to be so, and the outcome is then not determined rather than assumed.

use serde::Serialize;

use crate::data::{Figure, Referendum};
use crate::exact::{Fraction, Share};
use crate::explain::Step;
use crate::law::{LawAt, LawError, Param};

/// Where a condition of adoption stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Met,
    NotMet,
    /// The rulebook does not give the condition for this day, or the count it needs is
    /// unknown.
    NotKnown,
}

/// The decision, as far as the law and the count determine it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Every condition is known and met.
    Adopted,
    /// A known condition is not met.
    Rejected,
    /// No known condition fails, but one is not known.
    NotDetermined,
}

/// One condition and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Condition {
    /// `participation`, `approval` or `units`.
    pub condition: &'static str,
    pub standing: Standing,
}

/// A referendum computed under the law of its day.
#[derive(Debug, Clone, Serialize)]
pub struct ReferendumResult {
    pub id: String,
    pub date: String,
    /// Those who took part, of the registered voters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participation: Option<Share>,
    /// The yes votes, of those who took part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub yes: Option<Share>,
    /// The no votes, of those who took part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no: Option<Share>,
    pub conditions: Vec<Condition>,
    pub outcome: Outcome,
    /// The outcome as declared, where the data gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    pub steps: Vec<Step>,
}

/// Whether `part` is more than `min` percent of `whole`, exactly.
fn exceeds(part: u64, whole: u64, min: Fraction) -> Option<bool> {
    let share = Fraction::new(u128::from(part) * 100, u128::from(whole))?;
    Some(share.checked_cmp(&min)? == std::cmp::Ordering::Greater)
}

fn known(f: &Figure<u64>) -> Option<u64> {
    f.value().copied()
}

/// The referendum `r` under `at`, the law of its day.
pub fn referendum(at: LawAt<'_>, r: &Referendum) -> ReferendumResult {
    let registered = known(&r.registered_voters);
    let took_part = known(&r.participating_voters);
    let yes = known(&r.yes);
    let participation = registered
        .zip(took_part)
        .and_then(|(w, p)| Share::new(p, w));
    let yes_share = took_part.zip(yes).and_then(|(w, y)| Share::new(y, w));
    let no_share = took_part
        .zip(known(&r.no))
        .and_then(|(w, n)| Share::new(n, w));
    let mut steps = Vec::new();
    let mut conditions = Vec::new();
    let unknown = |condition: &'static str, e: &LawError| {
        Step::new(condition, format!("{e}; this condition is not checked"))
    };

    // Validity: more than the minimum share of the registered voters took part.
    let standing = share_condition(
        &at,
        Param::ReferendumParticipationMin,
        ShareCondition {
            name: "participation",
            share: participation.as_ref(),
            of: "registered voters took part",
            missing: "the registered voters or those who took part are not known",
        },
        &mut steps,
    );
    conditions.push(Condition {
        condition: "participation",
        standing,
    });

    // Adoption: more than the minimum share of those who took part said yes.
    let standing = share_condition(
        &at,
        Param::ReferendumApprovalMin,
        ShareCondition {
            name: "approval",
            share: yes_share.as_ref(),
            of: "who took part voted yes",
            missing: "the yes votes or those who took part are not known",
        },
        &mut steps,
    );
    conditions.push(Condition {
        condition: "approval",
        standing,
    });

    // The units: the yes vote must carry the required share of the units of the state.
    let standing = match (
        at.ratio(Param::ReferendumUnitsShare),
        at.list(Param::StateUnits),
        r.units_approving.as_ref().and_then(|f| f.value()),
    ) {
        (Err(e), _, _) => {
            steps.push(unknown("units", &e));
            Standing::NotKnown
        }
        (Ok(share), Ok(units), Some(approving)) => {
            let total = units.value.len() as u64;
            let needed = share
                .value
                .checked_mul(&Fraction::integer(u128::from(total)));
            let met = needed.and_then(|n| {
                Fraction::integer(u128::from(*approving))
                    .checked_cmp(&n)
                    .map(|o| o != std::cmp::Ordering::Less)
            });
            steps.push(
                Step::new(
                    "units",
                    format!(
                        "more than half of those who took part voted yes in {approving} of the \
                         {total} units; {} is {}",
                        share.value.to_exact_string(),
                        if met == Some(true) { "met" } else { "not met" }
                    ),
                )
                .law(share.law)
                .law(units.law),
            );
            standing_of(met)
        }
        (Ok(share), _, _) => {
            steps.push(
                Step::new(
                    "units",
                    format!(
                        "the yes vote must carry {} of the units of the state; the data gives no \
                         count by unit, so this condition is not checked",
                        share.value.to_exact_string()
                    ),
                )
                .law(share.law),
            );
            Standing::NotKnown
        }
    };
    conditions.push(Condition {
        condition: "units",
        standing,
    });

    let outcome = if conditions.iter().any(|c| c.standing == Standing::NotMet) {
        Outcome::Rejected
    } else if conditions.iter().all(|c| c.standing == Standing::Met) {
        Outcome::Adopted
    } else {
        Outcome::NotDetermined
    };
    let not_known: Vec<&str> = conditions
        .iter()
        .filter(|c| c.standing == Standing::NotKnown)
        .map(|c| c.condition)
        .collect();
    steps.push(Step::new(
        "result",
        match outcome {
            Outcome::Adopted => "every condition is met: the decision is adopted".to_string(),
            Outcome::Rejected => "a condition is not met: the decision is not adopted".to_string(),
            Outcome::NotDetermined => format!(
                "no condition known fails, but {} cannot be checked: the outcome is not \
                 determined here",
                not_known.join(" and ")
            ),
        },
    ));
    ReferendumResult {
        id: r.id.clone(),
        date: r.date.to_string(),
        participation,
        yes: yes_share,
        no: no_share,
        conditions,
        outcome,
        published: r.published.value().cloned(),
        steps,
    }
}

/// A condition that a share exceed the minimum `param` gives.
struct ShareCondition<'s> {
    name: &'static str,
    share: Option<&'s Share>,
    /// What the share's part did, after "N of the M": `who took part voted yes`.
    of: &'static str,
    /// Why the share is not known, where it is not.
    missing: &'static str,
}

/// Checks `c` against the minimum `param` gives on `at`'s day, with its step.
fn share_condition(
    at: &LawAt<'_>,
    param: Param,
    c: ShareCondition<'_>,
    steps: &mut Vec<Step>,
) -> Standing {
    match (at.percent(param), c.share) {
        (Ok(min), Some(share)) => {
            let met = exceeds(share.part, share.whole, min.value);
            steps.push(
                Step::new(
                    c.name,
                    format!(
                        "{} of the {} {}, {}: {}more than {}%",
                        share.part,
                        share.whole,
                        c.of,
                        share.percent_text(),
                        if met == Some(true) { "" } else { "not " },
                        min.value.to_exact_string()
                    ),
                )
                .law(min.law),
            );
            standing_of(met)
        }
        (Ok(_), None) => {
            steps.push(Step::new(
                c.name,
                format!("{}; this condition is not checked", c.missing),
            ));
            Standing::NotKnown
        }
        (Err(e), _) => {
            steps.push(Step::new(
                c.name,
                format!("{e}; this condition is not checked"),
            ));
            Standing::NotKnown
        }
    }
}

fn standing_of(met: Option<bool>) -> Standing {
    match met {
        Some(true) => Standing::Met,
        Some(false) => Standing::NotMet,
        None => Standing::NotKnown,
    }
}

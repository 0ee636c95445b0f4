//! Parliament's procedures: a bill through the chambers in the order of `legislation.stages`
//! to the president's decision, no confidence in the government by the chambers that may pass
//! it, and dissolution after the consultations the constitution requires.

use super::{Applied, Cx, list, over, refuse};
use crate::explain::Step;
use crate::law::Param;
use crate::polity::journal::BillDecision;
use crate::polity::state::Bill;

pub(super) fn bill_introduced(cx: Cx<'_>, bill: &str, title: &str) -> Applied {
    if cx.state.bills.contains_key(bill) {
        return refuse("bill", format!("bill `{bill}` was already introduced"));
    }
    cx.applied(
        |next| {
            next.bills.insert(
                bill.to_string(),
                Bill {
                    title: title.to_string(),
                    passed: Vec::new(),
                    decision: None,
                },
            );
        },
        vec![Step::new(
            "bill",
            format!("bill `{bill}` introduced: {title}"),
        )],
    )
}

/// A chamber passes a bill: it must be the next stage, and the bill not decided (a returned
/// bill starts again).
pub(super) fn bill_passed(cx: Cx<'_>, bill: &str, by: &str) -> Applied {
    let stages = list(cx.law, cx.date, Param::LegislationStages)?;
    let Some(current) = cx.state.bills.get(bill) else {
        return refuse("bill", format!("no bill `{bill}` has been introduced"));
    };
    if current
        .decision
        .is_some_and(|d| d != BillDecision::Returned)
    {
        return refuse("bill", format!("bill `{bill}` has already been decided"));
    }
    let expected = stages.value.get(current.passed.len());
    if expected.map(String::as_str) != Some(by) {
        let says = match expected {
            Some(e) => format!("bill `{bill}` goes next to the {e}, not the {by}"),
            None => format!(
                "bill `{bill}` has passed every chamber ({}); it awaits the president",
                stages.value.join(", then ")
            ),
        };
        return Err(vec![Step::new("legislation", says).law(stages.law)]);
    }
    cx.applied(
        |next| {
            if let Some(b) = next.bills.get_mut(bill) {
                b.passed.push(by.to_string());
                b.decision = None;
            }
        },
        vec![Step::new("legislation", format!("the {by} passed bill `{bill}`")).law(stages.law)],
    )
}

/// The president signs, returns with objections (back to the first chamber) or vetoes a bill
/// every chamber has passed.
pub(super) fn bill_decided(cx: Cx<'_>, bill: &str, decision: BillDecision) -> Applied {
    let stages = list(cx.law, cx.date, Param::LegislationStages)?;
    let Some(current) = cx.state.bills.get(bill) else {
        return refuse("bill", format!("no bill `{bill}` has been introduced"));
    };
    if current.passed != stages.value {
        return Err(vec![
            Step::new(
                "legislation",
                format!(
                    "the president decides on bill `{bill}` only after {}; it has passed {}",
                    stages.value.join(" and "),
                    if current.passed.is_empty() {
                        "none".to_string()
                    } else {
                        current.passed.join(" and ")
                    }
                ),
            )
            .law(stages.law),
        ]);
    }
    let what = match decision {
        BillDecision::Signed => "signed",
        BillDecision::Returned => "returned with objections",
        BillDecision::Vetoed => "vetoed",
    };
    cx.applied(
        |next| {
            if let Some(b) = next.bills.get_mut(bill) {
                b.decision = Some(decision);
                if decision == BillDecision::Returned {
                    // Returned with objections: back to parliament from the first chamber.
                    b.passed.clear();
                }
            }
        },
        vec![
            Step::new("legislation", format!("the president {what} bill `{bill}`")).law(stages.law),
        ],
    )
}

/// A vote of no confidence by a chamber that may hold one; passed, the government leaves.
pub(super) fn no_confidence(cx: Cx<'_>, by: &str, passed: bool) -> Applied {
    let chambers = list(cx.law, cx.date, Param::GovernmentNoConfidenceBy)?;
    if !chambers.value.iter().any(|c| c == by) {
        return Err(vec![
            Step::new(
                "no_confidence",
                format!(
                    "a vote of no confidence belongs to the {}, not the {by}",
                    chambers.value.join(", ")
                ),
            )
            .law(chambers.law),
        ]);
    }
    let says = if passed {
        format!(
            "the {by} passed no confidence: the government (prime minister and ministers) leaves office"
        )
    } else {
        format!("the {by} did not pass no confidence; the government stays")
    };
    cx.applied(
        |next| {
            if passed {
                next.offices.remove("prime_minister");
                next.offices.remove("minister");
            }
        },
        vec![Step::new("no_confidence", says).law(chambers.law)],
    )
}

/// The president dissolves parliament after consulting every office the law names (their
/// agreement is not needed); early elections are then due.
pub(super) fn dissolved(cx: Cx<'_>, consulted: &[String], chamber: Option<&str>) -> Applied {
    let date = cx.date;
    let required = list(cx.law, date, Param::ParliamentDissolutionConsultees)?;
    // Only a chamber of the day may be dissolved alone: one of `parliament.chambers`.
    let what = match chamber {
        None => "parliament".to_string(),
        Some(c) => {
            let chambers = over(cx.law, date, Param::ParliamentChambers, |at| {
                at.chambers(Param::ParliamentChambers)
            })?;
            if !chambers.value.iter().any(|x| x.id == c) {
                let ids: Vec<&str> = chambers.value.iter().map(|x| x.id.as_str()).collect();
                return Err(vec![
                    Step::new(
                        "dissolution",
                        format!(
                            "`{c}` is not a chamber of parliament on {date} (the chambers are {})",
                            ids.join(", ")
                        ),
                    )
                    .law(chambers.law),
                ]);
            }
            format!("the {c} alone")
        }
    };
    let missing: Vec<&str> = required
        .value
        .iter()
        .filter(|r| !consulted.contains(r))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        return Err(vec![
            Step::new(
                "dissolution",
                format!(
                    "the president dissolves {what} only after consulting {}; not \
                     consulted: {}",
                    required.value.join(", "),
                    missing.join(", ")
                ),
            )
            .law(required.law),
        ]);
    }
    let says = format!(
        "{what} dissolved after consulting {} (their agreement is not needed)",
        required.value.join(", ")
    );
    cx.applied(
        |next| {
            next.dissolved = Some(date);
            if let Some(m) = next.mazhilis.as_mut() {
                // Early elections are due: the term no longer runs to its end.
                m.next_election_due = Some(date.latest);
            }
        },
        vec![Step::new("dissolution", says).law(required.law)],
    )
}

//! The party register: each event is an operation of [`crate::parties::lifecycle`] on the
//! register the state holds, whose outcome becomes the verdict.

use super::{Applied, Cx, refuse};
use crate::explain::Step;
use crate::parties::lifecycle::{LifecycleError, Outcome, Successor};
use crate::polity::replay::Verdict;

pub(super) fn registered(cx: Cx<'_>, party: &str, name: &str, members: Option<u64>) -> Applied {
    lifecycle_step(cx, cx.state.parties.register(party, name, cx.date, members))
}

/// A party known to be on the register by the entry's date, registered on a day the sources
/// do not give.
pub(super) fn on_register(cx: Cx<'_>, party: &str, name: &str, members: Option<u64>) -> Applied {
    let (next, verdict) = registered(cx, party, name, members)?;
    let mut steps = verdict.steps().to_vec();
    steps.push(Step::new(
        "registration_date",
        format!(
            "`{party}` is known to be on the register by {}; its registration date is not \
             given by the sources",
            cx.date
        ),
    ));
    Ok((next, Verdict::Applied { steps }))
}

pub(super) fn renamed(cx: Cx<'_>, party: &str, name: &str) -> Applied {
    lifecycle_step(cx, cx.state.parties.rename(party, name, cx.date))
}

/// Parties merge into one of them, or into a new party when `successor_name` is given.
pub(super) fn merged(
    cx: Cx<'_>,
    merging: &[String],
    successor: &str,
    successor_name: Option<&str>,
) -> Applied {
    let successor = match successor_name {
        Some(name) => Successor::New {
            id: successor.to_string(),
            name: name.to_string(),
        },
        None => Successor::Existing(successor.to_string()),
    };
    lifecycle_step(cx, cx.state.parties.merge(merging, &successor, cx.date))
}

pub(super) fn liquidated(cx: Cx<'_>, party: &str, decision: &str) -> Applied {
    lifecycle_step(
        cx,
        cx.state
            .parties
            .liquidate_by_court(party, cx.date, decision),
    )
}

pub(super) fn bloc_formed(cx: Cx<'_>, name: &str, parties: &[String]) -> Applied {
    lifecycle_step(
        cx,
        cx.state.parties.form_bloc(cx.law, name, parties, cx.date),
    )
}

/// The register's outcome as the entry's: the new register, or the refusal's reasons.
fn lifecycle_step(cx: Cx<'_>, outcome: Result<Outcome, LifecycleError>) -> Applied {
    match outcome {
        Ok(Outcome::Done {
            state: parties,
            steps,
        }) => cx.applied(|next| next.parties = parties, steps),
        Ok(Outcome::Refused { reasons }) => Err(reasons),
        Err(e) => refuse("party", e.to_string()),
    }
}

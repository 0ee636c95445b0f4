//! The constitution and the laws: a constitution adopted, amended at an office's initiative,
//! and other acts enacted or amended. Each names an act the rulebook knows, dated as the entry.

use super::{Applied, Cx, list, refuse};
use crate::exact::date::FuzzyDate;
use crate::explain::Step;
use crate::law::{Param, Rulebook};

/// A constitution adopted, where none is in force.
pub(super) fn adopted(cx: Cx<'_>, act: &str) -> Applied {
    let date = cx.date;
    let found = known_act(cx.law.book, act, date)?;
    if !cx.state.constitution.is_empty() {
        return refuse(
            "constitution",
            format!(
                "a constitution ({}) is already in force; a new text needs a \
                 constitution_amended event or the old one's repeal",
                cx.state.constitution.join(", ")
            ),
        );
    }
    cx.applied(
        |next| next.constitution.push(act.to_string()),
        vec![Step::new(
            "constitution",
            format!("{found} adopted on {date}"),
        )],
    )
}

/// The constitution amended, at the initiative of an office the constitution allows.
pub(super) fn amended(cx: Cx<'_>, act: &str, initiated_by: &str) -> Applied {
    let date = cx.date;
    let found = known_act(cx.law.book, act, date)?;
    once(cx, act)?;
    if cx.state.constitution.is_empty() {
        return refuse("constitution", "there is no constitution in force to amend");
    }
    // The rulebook does not know the 1995 and 1998 procedures: such an amendment is
    // recorded from its act, without checking who initiated it.
    let initiators = list(cx.law, date, Param::ConstitutionAmendmentInitiators).ok();
    let mut steps = Vec::new();
    if let Some(initiators) = initiators {
        if !initiators.value.iter().any(|i| i == initiated_by) {
            return Err(vec![
                Step::new(
                    "amendment_initiative",
                    format!(
                        "parliament amends the constitution at the initiative of {}, not \
                         of `{initiated_by}`",
                        initiators.value.join(", ")
                    ),
                )
                .law(initiators.law),
            ]);
        }
        steps.push(
            Step::new(
                "amendment_initiative",
                format!("initiated by `{initiated_by}`, as the constitution allows"),
            )
            .law(initiators.law),
        );
    } else {
        steps.push(Step::new(
            "amendment_initiative",
            format!(
                "who may initiate an amendment on {date} is not known to the rulebook; \
                 the amendment is recorded from its act"
            ),
        ));
    }
    steps.push(Step::new(
        "constitution",
        format!("{found} in force from {date}"),
    ));
    cx.applied(|next| next.constitution.push(act.to_string()), steps)
}

/// A law other than the constitution enacted or amended: its values take effect from the
/// dates the rulebook gives them.
pub(super) fn law_amended(cx: Cx<'_>, act: &str) -> Applied {
    let found = known_act(cx.law.book, act, cx.date)?;
    once(cx, act)?;
    cx.applied(
        |next| next.laws.push(act.to_string()),
        vec![Step::new(
            "law",
            format!("{found}: its rules apply from the dates the rulebook gives them"),
        )],
    )
}

/// Refuses an act the journal has already recorded: recorded again, the state would list it
/// twice and the journal would say it was enacted twice.
fn once(cx: Cx<'_>, act: &str) -> Result<(), Vec<Step>> {
    let state = cx.state;
    if state
        .constitution
        .iter()
        .chain(&state.laws)
        .any(|a| a == act)
    {
        return refuse(
            "act",
            format!("`{act}` is already recorded in the journal; an act is enacted once"),
        );
    }
    Ok(())
}

/// The title of `act`, which the rulebook must know and date as the entry is dated.
fn known_act(book: &Rulebook, act: &str, date: FuzzyDate) -> Result<String, Vec<Step>> {
    let Some(found) = book.act(act) else {
        return refuse("act", format!("`{act}` is not an act the rulebook knows"));
    };
    if found.date.latest < date.earliest || found.date.earliest > date.latest {
        return refuse(
            "act",
            format!("`{act}` is dated {}, not {date}", found.date),
        );
    }
    Ok(format!("{} (`{act}`)", found.title))
}

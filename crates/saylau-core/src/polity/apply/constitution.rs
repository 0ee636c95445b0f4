//! The constitution and the laws: a constitution adopted, amended at an office's initiative,
//! and other acts enacted or amended. Each names an act the rulebook knows, dated as the entry.

use super::{Applied, Cx, list, refuse};
use crate::exact::date::FuzzyDate;
use crate::explain::Step;
use crate::law::{Param, Rulebook};

/// A constitution adopted, where none is in force, or in place of the one it `replaces`; the
/// chambers the law of that day no longer has end with the old text.
pub(super) fn adopted(cx: Cx<'_>, act: &str, replaces: Option<&str>) -> Applied {
    let date = cx.date;
    let found = known_act(cx.law.book, act, date)?;
    let current = cx.state.constitution.first().map(String::as_str);
    match (current, replaces) {
        (None, None) => {}
        (None, Some(old)) => {
            return refuse(
                "constitution",
                format!("no constitution is in force, so `{act}` cannot replace `{old}`"),
            );
        }
        (Some(_), None) => {
            return refuse(
                "constitution",
                format!(
                    "a constitution ({}) is already in force; a new text names the one it \
                     `replaces`, or is a constitution_amended event",
                    cx.state.constitution.join(", ")
                ),
            );
        }
        (Some(current), Some(old)) if current != old => {
            return refuse(
                "constitution",
                format!("the constitution in force is `{current}`, not `{old}`"),
            );
        }
        (Some(_), Some(_)) => {}
    }
    let mut steps = vec![Step::new(
        "constitution",
        match replaces {
            Some(old) => format!("{found} in force on {date}, in place of `{old}`"),
            None => format!("{found} adopted on {date}"),
        },
    )];
    // The chambers of the new order: those the state held that the law no longer has end.
    let chambers = if replaces.is_some() {
        let cited = cx
            .law
            .at(date.earliest)
            .chambers(Param::ParliamentChambers)
            .map_err(super::law_error)?;
        let ids: Vec<String> = cited.value.iter().map(|c| c.id.clone()).collect();
        let names: Vec<&str> = cited.value.iter().map(|c| c.name.as_str()).collect();
        // The chambers of the day before that the new text does not have end.
        let before: Vec<String> = date
            .earliest
            .yesterday()
            .ok()
            .and_then(|d| cx.law.at(d).chambers(Param::ParliamentChambers).ok())
            .map(|c| {
                c.value
                    .iter()
                    .filter(|c| !ids.contains(&c.id))
                    .map(|c| c.name.clone())
                    .collect()
            })
            .unwrap_or_default();
        let says = if before.is_empty() {
            format!("parliament on {date} is the {}", names.join(" and the "))
        } else {
            format!(
                "parliament on {date} is the {}: the {} end{}, and the members the journal \
                 records in them leave office",
                names.join(" and the "),
                before.join(" and the "),
                if before.len() == 1 { "s" } else { "" }
            )
        };
        steps.push(Step::new("chambers", says).law(cited.law));
        Some(ids)
    } else {
        None
    };
    cx.applied(
        |next| {
            if replaces.is_some() {
                next.constitution.clear();
            }
            next.constitution.push(act.to_string());
            if let Some(ids) = &chambers {
                next.end_chambers_not_in(ids);
            }
        },
        steps,
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
    // An act that comes into force after its date takes effect on that day, not before.
    let on = |d: FuzzyDate| d.latest >= date.earliest && d.earliest <= date.latest;
    if !on(found.in_force.unwrap_or(found.date)) {
        return refuse(
            "act",
            match found.in_force {
                Some(in_force) => format!(
                    "`{act}` is dated {} and comes into force on {in_force}, not {date}",
                    found.date
                ),
                None => format!("`{act}` is dated {}, not {date}", found.date),
            },
        );
    }
    Ok(format!("{} (`{act}`)", found.title))
}

//! The chambers of parliament on a day, as the rulebook's `parliament.chambers` gives them:
//! each chamber's seats by kind, counted by the parameters it names, each count cited. The
//! command line, the API and the pages draw parliament from this, never from a chamber
//! written into the code.

use jiff::civil::Date;
use serde::Serialize;

use crate::law::{LawAt, LawError, LawRef, Param};

/// A chamber on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChamberOn {
    pub id: String,
    pub name: String,
    /// Its seats by kind, in the order the rulebook lists them.
    pub seats: Vec<SeatsOn>,
}

/// Seats of one kind in a chamber on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeatsOn {
    /// One of [`crate::law::CHAMBER_SEAT_KINDS`].
    pub kind: String,
    /// How many, where the law gives the count; for `per_unit`, the count per unit times the
    /// units of the day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seats: Option<u64>,
    /// Why the count is not known, where it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown: Option<String>,
    /// The values the count rests on.
    pub law: Vec<LawRef>,
}

impl ChamberOn {
    /// The seats the law gives the chamber, where every count is known.
    pub fn total(&self) -> Option<u64> {
        self.seats.iter().map(|s| s.seats).sum()
    }
}

/// The chambers on `at`'s day with their seats, and the citation of the chambers themselves.
/// A count the law does not give is reported as unknown, with its reason, not left out.
pub fn chambers_on(at: &LawAt<'_>) -> Result<(Vec<ChamberOn>, LawRef), LawError> {
    let cited = at.chambers(Param::ParliamentChambers)?;
    let mut out = Vec::with_capacity(cited.value.len());
    for chamber in cited.value {
        let seats = chamber
            .seats
            .iter()
            .map(|group| {
                let counted = at.count(group.count).and_then(|n| {
                    if group.kind == "per_unit" {
                        let units = at.list(Param::StateUnits)?;
                        Ok((n.value * units.value.len() as u64, vec![n.law, units.law]))
                    } else {
                        Ok((n.value, vec![n.law]))
                    }
                });
                match counted {
                    Ok((seats, law)) => SeatsOn {
                        kind: group.kind.clone(),
                        seats: Some(seats),
                        unknown: None,
                        law,
                    },
                    Err(e) => SeatsOn {
                        kind: group.kind.clone(),
                        seats: None,
                        unknown: Some(e.to_string()),
                        law: Vec::new(),
                    },
                }
            })
            .collect();
        out.push(ChamberOn {
            id: chamber.id.clone(),
            name: chamber.name.clone(),
            seats,
        });
    }
    Ok((out, cited.law))
}

/// Whether `chamber` sits on `date` under the law `at` gives: `Ok(false)` names the chambers
/// that do, for a refusal that says what the law has instead.
pub fn sits(at: &LawAt<'_>, chamber: &str, date: Date) -> Result<Result<(), String>, LawError> {
    let cited = at.chambers(Param::ParliamentChambers)?;
    if cited.value.iter().any(|c| c.id == chamber) {
        return Ok(Ok(()));
    }
    let names: Vec<&str> = cited.value.iter().map(|c| c.name.as_str()).collect();
    Ok(Err(format!(
        "there is no chamber `{chamber}` on {date}: parliament is the {} (parliament.chambers, \
         in force from {}{})",
        names.join(" and the "),
        cited.law.from,
        cited
            .law
            .act
            .as_deref()
            .map_or(String::new(), |a| format!(", act {a}"))
    )))
}

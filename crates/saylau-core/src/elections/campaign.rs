//! Campaign advertising spending: each spender's total against the cap in force for the election.
//!
//! The cap comes only from the rulebook (`campaign.mazhilis_advertising_cap` for a party in a
//! Mazhilis election, `campaign.president_advertising_cap` for a presidential candidate), looked
//! up on the election day. The sources give each cap for one election only, so on any other day
//! the cap is unknown (or uncertain, where the source gives only a month) and the check is an
//! error saying so, never a guess. Amounts are whole units of the cap's currency; a row in
//! another currency is refused, since saylau knows no exchange rates.
//!
//! ```
//! use saylau_core::{builtin, elections::campaign::{self, Election, Spending, Verdict}, law::Law};
//! use jiff::civil::date;
//!
//! let book = builtin::rulebook().expect("the built-in rulebook loads");
//! let rows = [Spending {
//!     spender: "Party A".into(),
//!     date: date(2007, 8, 1),
//!     amount: 1_500_000,
//!     currency: "USD".into(),
//! }];
//! let result = campaign::check_spending(Law::new(&book, &[]), Election::Mazhilis, date(2007, 8, 18), &rows)
//!     .expect("the 2007 cap is known");
//! assert_eq!(result.spenders[0].verdict, Verdict::OverCap);
//! assert_eq!(result.spenders[0].over_by, 300_000);
//! ```

use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

use crate::law::{Law, LawError, LawRef, Param};

/// The kind of election whose advertising cap applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Election {
    /// A Mazhilis party-list election: the cap is per party.
    Mazhilis,
    /// A presidential election: the cap is per candidate.
    President,
}

impl Election {
    /// The rulebook parameter holding this election's cap.
    pub fn cap_param(self) -> Param {
        match self {
            Election::Mazhilis => Param::CampaignMazhilisAdvertisingCap,
            Election::President => Param::CampaignPresidentAdvertisingCap,
        }
    }

    /// Who the cap applies to: `party` or `candidate`.
    pub fn spender_kind(self) -> &'static str {
        match self {
            Election::Mazhilis => "party",
            Election::President => "candidate",
        }
    }

    pub fn from_name(name: &str) -> Option<Election> {
        match name {
            "mazhilis" => Some(Election::Mazhilis),
            "president" => Some(Election::President),
            _ => None,
        }
    }
}

impl fmt::Display for Election {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Election::Mazhilis => "mazhilis",
            Election::President => "president",
        })
    }
}

/// One row of advertising spending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Spending {
    /// The party (Mazhilis) or candidate (president).
    pub spender: String,
    pub date: Date,
    /// Whole units of `currency`.
    pub amount: u64,
    /// An ISO 4217 code such as `USD`; compared with the cap's currency ignoring case.
    pub currency: String,
}

/// A spender's total against the cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The total is at most the cap.
    WithinCap,
    /// The total exceeds the cap.
    OverCap,
}

/// One spender's rows added up, the verdict, the reason in one sentence and the law cited.
#[derive(Debug, Clone, Serialize)]
pub struct SpenderTotal {
    pub spender: String,
    pub rows: u64,
    pub total: u64,
    pub currency: String,
    pub verdict: Verdict,
    /// How much the total exceeds the cap (0 when within it).
    pub over_by: u64,
    /// How much of the cap is left (0 when over it).
    pub remaining: u64,
    pub reason: String,
    pub law: Vec<LawRef>,
}

/// Every spender's total, sorted by spender, against the cap of the election.
#[derive(Debug, Clone, Serialize)]
pub struct SpendingResult {
    pub election: Election,
    pub date: Date,
    pub cap: u64,
    pub currency: String,
    pub spenders: Vec<SpenderTotal>,
    pub law: Vec<LawRef>,
}

/// Why spending cannot be checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CampaignError {
    /// The cap is unknown, uncertain or not in force on the election day.
    #[error("the advertising cap for the {election} election of {date} cannot be applied: {error}")]
    Law {
        election: Election,
        date: Date,
        error: LawError,
    },
    /// A row is in another currency than the cap (`row` counts from 0).
    #[error(
        "row {}: `{spender}` spent {amount} {currency}, but the cap is in {cap_currency} ({cap}); saylau does not convert currencies",
        row + 1
    )]
    Currency {
        row: usize,
        spender: String,
        amount: u64,
        currency: String,
        cap_currency: String,
        /// The cap as `parameter = value`.
        cap: String,
    },
    #[error("row {}: the spender is empty", row + 1)]
    NoSpender { row: usize },
    #[error("the total of `{spender}` overflows")]
    Overflow { spender: String },
}

/// Adds up each spender's rows and compares the total with the cap in force on `date`, the
/// election day.
pub fn check_spending(
    law: Law<'_>,
    election: Election,
    date: Date,
    rows: &[Spending],
) -> Result<SpendingResult, CampaignError> {
    let cap = law
        .at(date)
        .money(election.cap_param())
        .map_err(|error| CampaignError::Law {
            election,
            date,
            error,
        })?;
    let (cap_amount, cap_currency) = cap.value;

    let mut totals: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for (row, s) in rows.iter().enumerate() {
        if s.spender.trim().is_empty() {
            return Err(CampaignError::NoSpender { row });
        }
        if !s.currency.trim().eq_ignore_ascii_case(cap_currency) {
            return Err(CampaignError::Currency {
                row,
                spender: s.spender.clone(),
                amount: s.amount,
                currency: s.currency.clone(),
                cap_currency: cap_currency.to_string(),
                cap: format!("{} = {}", cap.law.parameter, cap.law.value),
            });
        }
        let overflow = || CampaignError::Overflow {
            spender: s.spender.clone(),
        };
        let entry = totals.entry(s.spender.as_str()).or_insert((0, 0));
        entry.0 = entry.0.checked_add(1).ok_or_else(overflow)?;
        entry.1 = entry.1.checked_add(s.amount).ok_or_else(overflow)?;
    }

    let rule = format!(
        "{} = {cap_amount} {cap_currency} for the election of {date}, in force from {}",
        cap.law.parameter, cap.law.from
    );
    let kind = election.spender_kind();
    let spenders = totals
        .into_iter()
        .map(|(spender, (count, total))| {
            let (verdict, over_by, remaining, reason) = if total > cap_amount {
                let over = total - cap_amount;
                (
                    Verdict::OverCap,
                    over,
                    0,
                    format!(
                        "the {kind} spent {total} {cap_currency} on advertising, {over} {cap_currency} over the cap ({rule})"
                    ),
                )
            } else {
                let left = cap_amount - total;
                (
                    Verdict::WithinCap,
                    0,
                    left,
                    format!(
                        "the {kind} spent {total} {cap_currency} on advertising, within the cap with {left} {cap_currency} to spare ({rule})"
                    ),
                )
            };
            SpenderTotal {
                spender: spender.to_string(),
                rows: count,
                total,
                currency: cap_currency.to_string(),
                verdict,
                over_by,
                remaining,
                reason,
                law: vec![cap.law.clone()],
            }
        })
        .collect();
    Ok(SpendingResult {
        election,
        date,
        cap: cap_amount,
        currency: cap_currency.to_string(),
        spenders,
        law: vec![cap.law],
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;
    use crate::builtin;
    use jiff::civil::date;

    fn row(spender: &str, amount: u64, currency: &str) -> Spending {
        Spending {
            spender: spender.into(),
            date: date(2007, 8, 1),
            amount,
            currency: currency.into(),
        }
    }

    fn run(
        election: Election,
        day: Date,
        rows: &[Spending],
    ) -> Result<SpendingResult, CampaignError> {
        let book = builtin::rulebook().unwrap();
        check_spending(Law::new(&book, &[]), election, day, rows)
    }

    #[test]
    fn totals_per_spender_against_the_2007_cap() {
        let r = run(
            Election::Mazhilis,
            date(2007, 8, 18),
            &[
                row("B", 700_000, "USD"),
                row("A", 1_000_000, "usd"),
                row("B", 600_000, "USD"),
                row("A", 200_000, "USD"),
            ],
        )
        .unwrap();
        assert_eq!(r.cap, 1_200_000);
        let got: Vec<(&str, u64, u64, Verdict, u64, u64)> = r
            .spenders
            .iter()
            .map(|s| {
                (
                    s.spender.as_str(),
                    s.rows,
                    s.total,
                    s.verdict,
                    s.over_by,
                    s.remaining,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("A", 2, 1_200_000, Verdict::WithinCap, 0, 0),
                ("B", 2, 1_300_000, Verdict::OverCap, 100_000, 0),
            ]
        );
        assert!(r.spenders[1].reason.contains("100000 USD over the cap"));
        assert_eq!(
            r.spenders[1].law[0].parameter,
            "campaign.mazhilis_advertising_cap"
        );
    }

    #[test]
    fn another_currency_is_refused() {
        let e = run(
            Election::Mazhilis,
            date(2007, 8, 18),
            &[row("A", 5, "USD"), row("A", 100, "KZT")],
        )
        .unwrap_err();
        assert!(matches!(&e, CampaignError::Currency { row: 1, .. }), "{e}");
        assert!(e.to_string().contains("does not convert"));
    }

    #[test]
    fn cap_unknown_on_other_days() {
        let e = run(Election::Mazhilis, date(2009, 6, 1), &[row("A", 5, "USD")]).unwrap_err();
        assert!(e.to_string().contains("unknown"), "{e}");
        let e = run(Election::Mazhilis, date(2012, 1, 15), &[row("A", 5, "USD")]).unwrap_err();
        assert!(e.to_string().contains("unknown"), "{e}");
        // The 2005 presidential cap is given for December 2005 without a day.
        let e = run(
            Election::President,
            date(2005, 12, 4),
            &[row("A", 5, "USD")],
        )
        .unwrap_err();
        assert!(e.to_string().contains("uncertain"), "{e}");
    }

    #[test]
    fn overflow_is_an_error() {
        let e = run(
            Election::Mazhilis,
            date(2007, 8, 18),
            &[row("A", u64::MAX, "USD"), row("A", 1, "USD")],
        )
        .unwrap_err();
        assert_eq!(
            e,
            CampaignError::Overflow {
                spender: "A".into()
            }
        );
    }
}

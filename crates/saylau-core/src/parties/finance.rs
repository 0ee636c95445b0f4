//! Party finance: each donation in a ledger checked against the law in force on its date.
//!
//! Which donors are forbidden, which sources are permitted and which need written confirmation
//! and a stated source come only from the rulebook (`finance.forbidden_donors`,
//! `finance.permitted_sources`, `finance.confirmation_required`); this module holds no
//! statutory list. A date on which the rulebook does not know the rule is an error naming the
//! donation, never a guess: before the 2002 party law only the constitutional ban is known, so
//! a foreign donor is impermissible but a citizen's donation cannot be judged.
//!
//! ```
//! use saylau_core::{builtin, law::Law, parties::finance::{Donation, Verdict, check_ledger}};
//! use jiff::civil::date;
//!
//! let book = builtin::rulebook().expect("the built-in rulebook loads");
//! let donation = Donation {
//!     id: "d1".into(),
//!     date: date(2008, 3, 1),
//!     party: "Nur Otan".into(),
//!     donor_kind: "foreign_state".into(),
//!     donor: "a foreign embassy".into(),
//!     amount_kzt: 1_000_000,
//!     written_confirmation: true,
//!     source_stated: true,
//! };
//! let result = check_ledger(Law::new(&book, &[]), &[donation]).expect("the law is known in 2008");
//! assert_eq!(result.donations[0].verdict, Verdict::Impermissible);
//! println!("{}", result.donations[0].reason);
//! ```

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::law::{Cited, DONOR_KINDS, Law, LawAt, LawError, LawRef, Param};

/// One row of a party's donations ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Donation {
    pub id: String,
    #[schemars(with = "String", regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub date: Date,
    pub party: String,
    /// One of [`DONOR_KINDS`].
    pub donor_kind: String,
    pub donor: String,
    pub amount_kzt: u64,
    /// Whether the donation is vouched for in writing.
    pub written_confirmation: bool,
    /// Whether the source of the money is specified.
    pub source_stated: bool,
}

/// What the law in force on its date says of a donation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// From a permitted source, with whatever confirmation that source needs.
    Permissible,
    /// From a forbidden donor, or from a source the law does not permit.
    Impermissible,
    /// From a permitted source that needs written confirmation and a stated source, and one of
    /// them is missing.
    Incomplete,
}

/// A donation's verdict, the reason in one sentence, and the law it rests on.
#[derive(Debug, Clone, Serialize)]
pub struct Checked {
    pub id: String,
    pub verdict: Verdict,
    pub reason: String,
    pub law: Vec<LawRef>,
}

/// A number of donations and their amount.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Sum {
    pub count: u64,
    pub amount_kzt: u64,
}

impl Sum {
    fn add(&mut self, amount: u64) -> Option<()> {
        self.count = self.count.checked_add(1)?;
        self.amount_kzt = self.amount_kzt.checked_add(amount)?;
        Some(())
    }
}

/// Donations by verdict, and all of them together.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub permissible: Sum,
    pub impermissible: Sum,
    pub incomplete: Sum,
    pub total: Sum,
}

impl Tally {
    fn add(&mut self, verdict: Verdict, amount: u64) -> Option<()> {
        let by_verdict = match verdict {
            Verdict::Permissible => &mut self.permissible,
            Verdict::Impermissible => &mut self.impermissible,
            Verdict::Incomplete => &mut self.incomplete,
        };
        by_verdict.add(amount)?;
        self.total.add(amount)
    }
}

/// The ledger's totals: overall, per party and per donor kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub overall: Tally,
    pub by_party: BTreeMap<String, Tally>,
    pub by_donor_kind: BTreeMap<String, Tally>,
}

/// Every donation checked, in ledger order, and the totals.
#[derive(Debug, Clone, Serialize)]
pub struct LedgerResult {
    pub donations: Vec<Checked>,
    pub totals: Totals,
}

/// Why a ledger cannot be checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FinanceError {
    /// The rule the donation needs is unknown, uncertain or not in force on its date.
    #[error("donation `{id}`: {error}")]
    Law { id: String, error: LawError },
    #[error("donation `{id}`: unknown donor kind `{kind}`")]
    UnknownDonorKind { id: String, kind: String },
    #[error("donation `{id}`: {what} overflows")]
    Overflow { id: String, what: String },
}

/// Checks every donation against the law in force on its date and totals the ledger.
pub fn check_ledger(law: Law<'_>, donations: &[Donation]) -> Result<LedgerResult, FinanceError> {
    let mut checked = Vec::with_capacity(donations.len());
    let mut totals = Totals::default();
    for donation in donations {
        let row = check_donation(law, donation)?;
        let overflow = |what: String| FinanceError::Overflow {
            id: donation.id.clone(),
            what,
        };
        let amount = donation.amount_kzt;
        totals
            .overall
            .add(row.verdict, amount)
            .ok_or_else(|| overflow("the ledger total".to_string()))?;
        totals
            .by_party
            .entry(donation.party.clone())
            .or_default()
            .add(row.verdict, amount)
            .ok_or_else(|| overflow(format!("the total of party `{}`", donation.party)))?;
        totals
            .by_donor_kind
            .entry(donation.donor_kind.clone())
            .or_default()
            .add(row.verdict, amount)
            .ok_or_else(|| {
                overflow(format!("the total of donor kind `{}`", donation.donor_kind))
            })?;
        checked.push(row);
    }
    Ok(LedgerResult {
        donations: checked,
        totals,
    })
}

/// Checks one donation against the law in force on its date.
pub fn check_donation(law: Law<'_>, donation: &Donation) -> Result<Checked, FinanceError> {
    let kind = donation.donor_kind.as_str();
    if !DONOR_KINDS.contains(&kind) {
        return Err(FinanceError::UnknownDonorKind {
            id: donation.id.clone(),
            kind: kind.to_string(),
        });
    }
    let at = law.at(donation.date);
    let list = |param: Param| lookup(at, param, &donation.id);
    let verdict = |verdict: Verdict, reason: String, law: Vec<LawRef>| Checked {
        id: donation.id.clone(),
        verdict,
        reason,
        law,
    };

    // The ban is checked first: before 2002 it is the only rule the rulebook knows, and a
    // forbidden donor needs no other rule to be refused.
    let forbidden = list(Param::FinanceForbiddenDonors)?;
    if forbidden.value.iter().any(|k| k == kind) {
        return Ok(verdict(
            Verdict::Impermissible,
            format!(
                "a `{kind}` donor is among the forbidden donors ({} in force from {})",
                forbidden.law.parameter, forbidden.law.from
            ),
            vec![forbidden.law],
        ));
    }

    let permitted = list(Param::FinancePermittedSources)?;
    if !permitted.value.iter().any(|k| k == kind) {
        return Ok(verdict(
            Verdict::Impermissible,
            format!(
                "a `{kind}` donor is not a permitted source ({} in force from {})",
                permitted.law.parameter, permitted.law.from
            ),
            vec![permitted.law, forbidden.law],
        ));
    }

    let confirmation = list(Param::FinanceConfirmationRequired)?;
    if !confirmation.value.iter().any(|k| k == kind) {
        return Ok(verdict(
            Verdict::Permissible,
            format!(
                "a `{kind}` donation is a permitted source that needs no written confirmation \
                 ({} in force from {})",
                permitted.law.parameter, permitted.law.from
            ),
            vec![permitted.law],
        ));
    }

    let missing = match (donation.written_confirmation, donation.source_stated) {
        (true, true) => None,
        (false, true) => Some("written confirmation"),
        (true, false) => Some("a stated source"),
        (false, false) => Some("both written confirmation and a stated source"),
    };
    Ok(match missing {
        None => verdict(
            Verdict::Permissible,
            format!(
                "a `{kind}` donation is a permitted source and has the written confirmation and \
                 stated source it needs ({} in force from {})",
                confirmation.law.parameter, confirmation.law.from
            ),
            vec![permitted.law, confirmation.law],
        ),
        Some(missing) => verdict(
            Verdict::Incomplete,
            format!(
                "a `{kind}` donation needs written confirmation and a stated source \
                 ({} in force from {}), and this one lacks {missing}",
                confirmation.law.parameter, confirmation.law.from
            ),
            vec![permitted.law, confirmation.law],
        ),
    })
}

fn lookup<'a>(at: LawAt<'a>, param: Param, id: &str) -> Result<Cited<&'a [String]>, FinanceError> {
    at.list(param).map_err(|error| FinanceError::Law {
        id: id.to_string(),
        error,
    })
}

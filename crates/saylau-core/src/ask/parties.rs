//! The parties' questions: a donations ledger, campaign spending against the cap, a charter.

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{AskError, DaySchema, Decided, Question};
use crate::elections::campaign::{self, Spending, SpendingResult};
use crate::law::Law;
use crate::parties::charter::{self, CharterResult};
use crate::parties::finance::{self, Donation, LedgerResult};

// ---------------------------------------------------------------------------------------------
// party finance and rules

/// A party's donations ledger, each donation checked under the law of its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LedgerQuestion {
    pub donations: Vec<Donation>,
}

impl Question for LedgerQuestion {
    const KIND: &'static str = "ledger";
    type Answer = LedgerResult;

    fn answer(&self, law: Law<'_>) -> Result<LedgerResult, AskError> {
        finance::check_ledger(law, &self.donations).map_err(|e| match e {
            finance::FinanceError::Law { .. } => super::law(e),
            other => AskError::Input(other.to_string()),
        })
    }

    fn decided(answer: &LedgerResult) -> Decided {
        if answer
            .donations
            .iter()
            .all(|d| d.verdict == finance::Verdict::Permissible)
        {
            Decided::Allowed
        } else {
            Decided::Refused
        }
    }
}

/// One row of advertising spending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpendingRow {
    pub spender: String,
    #[schemars(with = "DaySchema")]
    pub date: Date,
    pub amount: u64,
    pub currency: String,
}

/// Campaign advertising in an election against the cap in force on its day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpendingQuestion {
    /// `mazhilis` or `president`.
    pub election: String,
    #[schemars(with = "DaySchema")]
    pub date: Date,
    pub spending: Vec<SpendingRow>,
}

impl Question for SpendingQuestion {
    const KIND: &'static str = "spending";
    type Answer = SpendingResult;

    fn answer(&self, law: Law<'_>) -> Result<SpendingResult, AskError> {
        let election = campaign::Election::from_name(&self.election).ok_or_else(|| {
            AskError::Input(format!(
                "`election`: `{}` is not mazhilis or president",
                crate::text::quote(&self.election)
            ))
        })?;
        let rows: Vec<Spending> = self
            .spending
            .iter()
            .map(|r| Spending {
                spender: r.spender.clone(),
                date: r.date,
                amount: r.amount,
                currency: r.currency.clone(),
            })
            .collect();
        campaign::check_spending(law, election, self.date, &rows).map_err(|e| match e {
            campaign::CampaignError::Law { .. } => super::law(e),
            other => AskError::Input(other.to_string()),
        })
    }

    fn decided(answer: &SpendingResult) -> Decided {
        if answer
            .spenders
            .iter()
            .all(|s| s.verdict == campaign::Verdict::WithinCap)
        {
            Decided::Allowed
        } else {
            Decided::Refused
        }
    }
}

/// A party charter (Markdown) checked for every content the law requires on `date`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CharterQuestion {
    #[schemars(with = "DaySchema")]
    pub date: Date,
    pub text: String,
}

impl Question for CharterQuestion {
    const KIND: &'static str = "charter";
    type Answer = CharterResult;

    fn answer(&self, law: Law<'_>) -> Result<CharterResult, AskError> {
        charter::check_charter(law.at(self.date), &self.text).map_err(|e| match e {
            charter::CharterError::Law(l) => super::law(l),
            other => AskError::Input(other.to_string()),
        })
    }

    fn decided(answer: &CharterResult) -> Decided {
        match answer.decision {
            charter::Decision::Complete => Decided::Allowed,
            charter::Decision::Incomplete => Decided::Refused,
        }
    }
}

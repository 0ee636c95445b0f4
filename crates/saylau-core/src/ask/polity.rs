//! The law's and the journal's questions: one parameter on a day, and journal entries checked
//! without recording them.

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{AskError, DaySchema, Decided, Question};
use crate::law::{Law, Param, ParamAt, Standing};
use crate::polity::journal::{self, Entry, State, Verdict};

// ---------------------------------------------------------------------------------------------
// the law and the journal

/// One parameter on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LawQuestion {
    #[schemars(with = "DaySchema")]
    pub date: Date,
    pub parameter: String,
}

impl Question for LawQuestion {
    const KIND: &'static str = "law";
    type Answer = ParamAt;

    fn answer(&self, law: Law<'_>) -> Result<ParamAt, AskError> {
        let param = Param::from_name(&self.parameter).ok_or_else(|| {
            AskError::Input(format!(
                "`parameter`: `{}` is not a parameter of the rulebook",
                crate::text::quote(&self.parameter)
            ))
        })?;
        Ok(law.param_at(param, self.date))
    }

    fn decided(answer: &ParamAt) -> Decided {
        match answer.status {
            Standing::InForce | Standing::Projected => Decided::Allowed,
            _ => Decided::Refused,
        }
    }
}

/// Journal entries checked in order against the law and the state they build, from an empty
/// polity: what the journal would say of them, recording nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JournalQuestion {
    pub entries: Vec<Entry>,
}

/// Each entry with its verdict, and the state after the last.
#[derive(Debug, Clone, Serialize)]
pub struct JournalAnswer {
    pub verdicts: Vec<EntryVerdict>,
    pub state: State,
}

/// One entry and what the law said of it.
#[derive(Debug, Clone, Serialize)]
pub struct EntryVerdict {
    pub entry: Entry,
    pub verdict: Verdict,
}

impl Question for JournalQuestion {
    const KIND: &'static str = "journal";
    type Answer = JournalAnswer;

    fn answer(&self, law: Law<'_>) -> Result<JournalAnswer, AskError> {
        if self.entries.is_empty() {
            return Err(AskError::Input("`entries`: no entry to check".into()));
        }
        journal::check_order("entries", &self.entries)
            .map_err(|e| AskError::Input(e.to_string()))?;
        let data = crate::builtin::data().map_err(|e| AskError::Input(e.to_string()))?;
        let history = journal::replay(law, &data, &self.entries);
        let state = history
            .entries
            .last()
            .map(|(_, _, s)| s.clone())
            .unwrap_or_default();
        Ok(JournalAnswer {
            verdicts: history
                .entries
                .into_iter()
                .map(|(entry, verdict, _)| EntryVerdict { entry, verdict })
                .collect(),
            state,
        })
    }

    fn decided(answer: &JournalAnswer) -> Decided {
        if answer.verdicts.iter().any(|v| v.verdict.is_refused()) {
            Decided::Refused
        } else {
            Decided::Allowed
        }
    }
}

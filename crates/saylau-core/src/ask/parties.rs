//! The parties' questions: registration of a member list against a register extract, a
//! donations ledger, campaign spending against the cap, a charter.

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{AskError, DaySchema, Decided, Question};
use crate::elections::campaign::{self, Spending, SpendingResult};
use crate::law::Law;
use crate::parties::charter::{self, CharterResult};
use crate::parties::finance::{self, Donation, LedgerResult};
use crate::parties::iin::Iin;
use crate::parties::registration::{
    self, Application, Checked, Decision, Person, RegistrationError, Rules, Signature,
};

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

/// One row of a member list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberSpec {
    /// As written: an invalid IIN is a finding about the member, not a malformed question.
    pub iin: String,
    #[schemars(with = "DaySchema")]
    pub signed_on: Date,
}

/// What the citizen register says of one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterSpec {
    pub iin: String,
    pub full_name: String,
    #[schemars(with = "DaySchema")]
    pub birth_date: Date,
    /// A unit id of `state.units` in force on the law date.
    pub unit: String,
    pub citizen: bool,
    pub deceased: bool,
    /// An occupation; those the law may bar are named in `party.barred_occupations`.
    pub occupation: String,
}

/// A member of another party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherMemberSpec {
    pub iin: String,
    pub party: String,
}

/// A party's member list checked against the register for registration on `date` (under the
/// law of `law_date` when given: "what if the pre-2009 rules applied").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationQuestion {
    #[schemars(with = "DaySchema")]
    pub date: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DaySchema>")]
    pub law_date: Option<Date>,
    #[schemars(with = "DaySchema")]
    pub committee_registered: Date,
    pub founders: u64,
    pub members: Vec<MemberSpec>,
    /// The register's entries for the people on the list (an extract of the citizen register).
    pub register: Vec<RegisterSpec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_members: Vec<OtherMemberSpec>,
    /// The applying party as the other members' list names it: its own rows there are not
    /// another party's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
}

impl Question for RegistrationQuestion {
    const KIND: &'static str = "registration";
    type Answer = Checked;

    fn answer(&self, law: Law<'_>) -> Result<Checked, AskError> {
        let application = Application {
            filed: self.date,
            committee_registered: self.committee_registered,
            founders: self.founders,
        };
        let law_date = self.law_date.unwrap_or(self.date);
        let rules = Rules::new(law, law_date, &application).map_err(registration_error)?;
        let bad = |what: String| AskError::Input(what);
        let wanted: std::collections::HashSet<u64> = self
            .members
            .iter()
            .filter_map(|m| Iin::parse(&m.iin).ok().map(|i| i.to_u64()))
            .collect();
        let mut people: std::collections::HashMap<u64, (Person, usize)> =
            std::collections::HashMap::new();
        for (i, r) in self.register.iter().enumerate() {
            let iin = Iin::parse(&r.iin).map_err(|e| {
                bad(format!(
                    "`register[{i}].iin`: `{}`: {e}",
                    crate::text::quote(&r.iin)
                ))
            })?;
            let unit = rules.unit_index(&r.unit).ok_or_else(|| {
                bad(format!(
                    "`register[{i}].unit`: `{}` is not a unit on {law_date}",
                    crate::text::quote(&r.unit)
                ))
            })?;
            let person = Person {
                birth_date: r.birth_date,
                unit,
                citizen: r.citizen,
                deceased: r.deceased,
                occupation: registration::occupation_index(r.occupation.trim()),
            };
            match people.get(&iin.to_u64()) {
                // A person twice in the register is refused when the list names them.
                Some((_, first)) if wanted.contains(&iin.to_u64()) => {
                    return Err(bad(format!(
                        "`register[{i}].iin`: this person is already in the register at register[{first}]"
                    )));
                }
                Some(_) => {}
                None => {
                    people.insert(iin.to_u64(), (person, i));
                }
            }
        }
        let mut others = std::collections::HashSet::new();
        for (i, o) in self.other_members.iter().enumerate() {
            // The applying party's own rows are not another party's.
            if self.party.as_deref() == Some(o.party.as_str()) {
                continue;
            }
            let iin = Iin::parse(&o.iin).map_err(|e| {
                bad(format!(
                    "`other_members[{i}].iin`: `{}`: {e}",
                    crate::text::quote(&o.iin)
                ))
            })?;
            others.insert(iin.to_u64());
        }
        let signatures = self.members.iter().map(|m| {
            let iin = Iin::parse(&m.iin);
            let key = iin.as_ref().ok().map(Iin::to_u64);
            Signature {
                person: key.and_then(|k| people.get(&k).map(|(p, _)| *p)),
                other_party: key.is_some_and(|k| others.contains(&k)),
                iin,
                signed_on: m.signed_on,
            }
        });
        rules.check(signatures).map_err(registration_error)
    }

    fn decided(answer: &Checked) -> Decided {
        match answer.outcome.decision {
            Decision::Registrable => Decided::Allowed,
            Decision::Refused => Decided::Refused,
        }
    }
}

fn registration_error(e: RegistrationError) -> AskError {
    match e {
        RegistrationError::Law(l) => super::law(l),
        other => AskError::Input(other.to_string()),
    }
}

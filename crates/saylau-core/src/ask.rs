//! Questions and answers: each engine's question as plain data, and its one answer.
//!
//! A question is what a user brings: the command line reads it from files, the API from a JSON
//! body (`POST /api/ask/{kind}`), a legal case from its file. [`ask`] answers any of them by
//! kind, and every front end prints the answer's own serialization, so the CLI's JSON, the
//! API's body and a case's expectations are one value. Questions deserialize from JSON (dates as
//! ISO strings) and refuse unknown fields; a front end's reader adds its own strictness.
//!
//! ```
//! use saylau_core::{ask, builtin, law::Law};
//!
//! let book = builtin::rulebook().expect("the rulebook loads");
//! let question = serde_json::json!({
//!     "date": "2007-08-18",
//!     "votes": [{ "party": "A", "votes": 95 }, { "party": "B", "votes": 5 }]
//! });
//! let answer = ask::ask("mazhilis", &question, Law::new(&book, &[])).expect("an answer");
//! assert_eq!(answer.json["seats"]["A"], 98);
//! assert_eq!(answer.decided, ask::Decided::Allowed);
//! ```

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::elections::apportion::{Method, TieRule};
use crate::elections::campaign::{self, Spending, SpendingResult};
use crate::elections::majority::{self, Contest, ContestOutcome, ContestResult};
use crate::elections::mazhilis::{ListVotes, Outcome};
use crate::elections::president::{self, Candidate, Eligibility, PresidentOutcome, Term};
use crate::elections::results::{
    ListElection, ListInput, PresidentElection, PresidentInput, WhatIf,
};
use crate::exact::parse_percent;
use crate::explain::Step;
use crate::law::{Law, Param, ParamAt, Standing};
use crate::parties::charter::{self, CharterResult};
use crate::parties::finance::{self, Donation, LedgerResult};
use crate::polity::journal::{self, Entry, State, Verdict};

/// How the law decided, for exit codes and for front ends that say it in a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decided {
    /// Decided and allowed, or simply answered.
    Allowed,
    /// Decided and refused by the law.
    Refused,
    /// A tie the law leaves to lot.
    LotsRequired,
}

/// Why a question has no answer: the question is malformed, or the law cannot answer it (a
/// value unknown, not in force, or past the rulebook's horizon).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AskError {
    #[error("{0}")]
    Input(String),
    #[error("{0}")]
    Law(String),
}

/// A question of one kind and its answer.
pub trait Question: DeserializeOwned + Serialize + JsonSchema {
    /// The kind's name, as in `POST /api/ask/{kind}` and a case's `kind`.
    const KIND: &'static str;
    type Answer: Serialize;
    fn answer(&self, law: Law<'_>) -> Result<Self::Answer, AskError>;
    fn decided(answer: &Self::Answer) -> Decided;
}

/// An answer as JSON, with how the law decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    pub json: serde_json::Value,
    pub decided: Decided,
}

/// The kinds of question [`ask`] answers.
pub const KINDS: &[&str] = &[
    MazhilisQuestion::KIND,
    AllocateQuestion::KIND,
    PresidentQuestion::KIND,
    EligibilityQuestion::KIND,
    SenateQuestion::KIND,
    AssemblyQuestion::KIND,
    MaslikhatQuestion::KIND,
    LedgerQuestion::KIND,
    SpendingQuestion::KIND,
    CharterQuestion::KIND,
    LawQuestion::KIND,
    JournalQuestion::KIND,
];

/// Answers a question of `kind` given as JSON.
pub fn ask(kind: &str, question: &serde_json::Value, law: Law<'_>) -> Result<Answered, AskError> {
    match kind {
        MazhilisQuestion::KIND => answered::<MazhilisQuestion>(question, law),
        AllocateQuestion::KIND => answered::<AllocateQuestion>(question, law),
        PresidentQuestion::KIND => answered::<PresidentQuestion>(question, law),
        EligibilityQuestion::KIND => answered::<EligibilityQuestion>(question, law),
        SenateQuestion::KIND => answered::<SenateQuestion>(question, law),
        AssemblyQuestion::KIND => answered::<AssemblyQuestion>(question, law),
        MaslikhatQuestion::KIND => answered::<MaslikhatQuestion>(question, law),
        LedgerQuestion::KIND => answered::<LedgerQuestion>(question, law),
        SpendingQuestion::KIND => answered::<SpendingQuestion>(question, law),
        CharterQuestion::KIND => answered::<CharterQuestion>(question, law),
        LawQuestion::KIND => answered::<LawQuestion>(question, law),
        JournalQuestion::KIND => answered::<JournalQuestion>(question, law),
        other => Err(AskError::Input(format!(
            "no kind of question `{}` (the kinds are {})",
            crate::text::quote(other),
            KINDS.join(", ")
        ))),
    }
}

fn answered<Q: Question>(question: &serde_json::Value, law: Law<'_>) -> Result<Answered, AskError> {
    let q: Q = serde_json::from_value(question.clone())
        .map_err(|e| AskError::Input(format!("{} question: {e}", Q::KIND)))?;
    let answer = q.answer(law)?;
    Ok(Answered {
        json: serde_json::to_value(&answer).map_err(|e| AskError::Input(e.to_string()))?,
        decided: Q::decided(&answer),
    })
}

/// The law's error as an [`AskError`].
fn law(e: impl std::fmt::Display) -> AskError {
    AskError::Law(e.to_string())
}

/// A day as a question gives it: an ISO date string (a schema only; never built).
#[derive(JsonSchema)]
#[schemars(transparent)]
#[allow(dead_code)]
struct DaySchema(#[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))] String);

/// The JSON Schema of every kind's question, for a document that keeps its schemas under
/// `definitions` (`/components/schemas` in OpenAPI): `(kind, a $ref to its schema)` and every
/// schema they need, by name.
pub fn schemas(
    definitions: &str,
) -> (
    Vec<(&'static str, serde_json::Value)>,
    serde_json::Map<String, serde_json::Value>,
) {
    let mut generator = schemars::generate::SchemaSettings::draft2020_12()
        .with(|s| {
            s.definitions_path = definitions.to_string().into();
            s.meta_schema = None;
        })
        .into_generator();
    let refs = vec![
        (
            MazhilisQuestion::KIND,
            generator.subschema_for::<MazhilisQuestion>().to_value(),
        ),
        (
            AllocateQuestion::KIND,
            generator.subschema_for::<AllocateQuestion>().to_value(),
        ),
        (
            PresidentQuestion::KIND,
            generator.subschema_for::<PresidentQuestion>().to_value(),
        ),
        (
            EligibilityQuestion::KIND,
            generator.subschema_for::<EligibilityQuestion>().to_value(),
        ),
        (
            SenateQuestion::KIND,
            generator.subschema_for::<SenateQuestion>().to_value(),
        ),
        (
            AssemblyQuestion::KIND,
            generator.subschema_for::<AssemblyQuestion>().to_value(),
        ),
        (
            MaslikhatQuestion::KIND,
            generator.subschema_for::<MaslikhatQuestion>().to_value(),
        ),
        (
            LedgerQuestion::KIND,
            generator.subschema_for::<LedgerQuestion>().to_value(),
        ),
        (
            SpendingQuestion::KIND,
            generator.subschema_for::<SpendingQuestion>().to_value(),
        ),
        (
            CharterQuestion::KIND,
            generator.subschema_for::<CharterQuestion>().to_value(),
        ),
        (
            LawQuestion::KIND,
            generator.subschema_for::<LawQuestion>().to_value(),
        ),
        (
            JournalQuestion::KIND,
            generator.subschema_for::<JournalQuestion>().to_value(),
        ),
    ];
    (refs, generator.take_definitions(true))
}

// ---------------------------------------------------------------------------------------------
// party lists

/// One list and its votes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VoteRow {
    pub party: String,
    pub votes: u64,
    /// The order of registration (lower is earlier), for the tie rule; the order given when
    /// absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_number: Option<u32>,
}

fn lists(rows: &[VoteRow]) -> Vec<ListVotes> {
    rows.iter()
        .zip(1u32..)
        .map(|(r, i)| ListVotes {
            party: r.party.clone(),
            votes: r.votes,
            registration: r.list_number.unwrap_or(i),
        })
        .collect()
}

/// The Mazhilis party-list election under the law of `date`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MazhilisQuestion {
    #[schemars(with = "DaySchema")]
    pub date: Date,
    pub votes: Vec<VoteRow>,
    /// Voters who took part (the sum of the votes when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participating: Option<u64>,
}

impl Question for MazhilisQuestion {
    const KIND: &'static str = "mazhilis";
    type Answer = ListElection;

    fn answer(&self, law: Law<'_>) -> Result<ListElection, AskError> {
        let input = ListInput::given("given", lists(&self.votes), self.participating);
        ListElection::run(law, self.date, &input, &WhatIf::default()).map_err(list_error)
    }

    fn decided(answer: &ListElection) -> Decided {
        list_decided(answer)
    }
}

fn list_error(e: crate::elections::mazhilis::ListError) -> AskError {
    match e {
        crate::elections::mazhilis::ListError::Law(l) => law(l),
        other => AskError::Input(other.to_string()),
    }
}

fn list_decided(answer: &ListElection) -> Decided {
    match answer.result.outcome {
        Outcome::LotsRequired { .. } => Decided::LotsRequired,
        _ => Decided::Allowed,
    }
}

/// A list election under rules given here, not by the law.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AllocateQuestion {
    pub seats: u64,
    /// One of `hare`, `droop`, `dhondt`, `sainte_lague`, `modified_sainte_lague`, `imperiali`.
    pub method: String,
    /// `lots` (the default) or `earlier_registration`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tie_rule: Option<String>,
    /// A threshold in percent: `7`, `3.5`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<String>,
    /// What the threshold is taken of (the sum of the votes when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold_base: Option<u64>,
    pub votes: Vec<VoteRow>,
}

impl Question for AllocateQuestion {
    const KIND: &'static str = "allocate";
    type Answer = ListElection;

    fn answer(&self, _law: Law<'_>) -> Result<ListElection, AskError> {
        if self.seats == 0 {
            return Err(AskError::Input("`seats`: must be at least 1".into()));
        }
        let method = Method::from_name(&self.method).ok_or_else(|| {
            AskError::Input(format!(
                "`method`: `{}` is not a method saylau implements",
                crate::text::quote(&self.method)
            ))
        })?;
        let tie_rule = match self.tie_rule.as_deref() {
            None | Some("lots") => TieRule::Lots,
            Some("earlier_registration") => TieRule::EarlierRegistration,
            Some(other) => {
                return Err(AskError::Input(format!(
                    "`tie_rule`: `{}` is not lots or earlier_registration",
                    crate::text::quote(other)
                )));
            }
        };
        let threshold = match &self.threshold {
            Some(t) => Some((
                parse_percent(t).map_err(|e| AskError::Input(format!("`threshold`: {e}")))?,
                self.threshold_base,
            )),
            None => None,
        };
        let input = ListInput::given("given", lists(&self.votes), None);
        ListElection::allocate(&input, self.seats, method, tie_rule, threshold).map_err(list_error)
    }

    fn decided(answer: &ListElection) -> Decided {
        list_decided(answer)
    }
}

// ---------------------------------------------------------------------------------------------
// the presidency

/// One candidate and their votes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CandidateVotes {
    pub candidate: String,
    pub votes: u64,
}

fn tally(rows: &[CandidateVotes]) -> Vec<(String, u64)> {
    rows.iter()
        .map(|r| (r.candidate.clone(), r.votes))
        .collect()
}

/// The first round of a presidential election under the law of `date`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PresidentQuestion {
    #[schemars(with = "DaySchema")]
    pub date: Date,
    pub votes: Vec<CandidateVotes>,
    /// Voters who took part; without it the votes cast stand in, and the answer says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participating: Option<u64>,
}

impl Question for PresidentQuestion {
    const KIND: &'static str = "president";
    type Answer = PresidentElection;

    fn answer(&self, law: Law<'_>) -> Result<PresidentElection, AskError> {
        let input = PresidentInput::given("given", tally(&self.votes), self.participating);
        PresidentElection::run(law, self.date, &input).map_err(election_error)
    }

    fn decided(answer: &PresidentElection) -> Decided {
        match answer.result.outcome {
            PresidentOutcome::Tie { .. } => Decided::LotsRequired,
            _ => Decided::Allowed,
        }
    }
}

fn election_error(e: president::ElectionError) -> AskError {
    match e {
        president::ElectionError::Law(l) => law(l),
        other => AskError::Input(other.to_string()),
    }
}

/// A term of office already served.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TermSpec {
    #[schemars(with = "DaySchema")]
    pub start: Date,
    #[schemars(with = "DaySchema")]
    pub end: Date,
}

/// A candidate as the eligibility rules look at them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CandidateSpec {
    pub name: String,
    #[schemars(with = "DaySchema")]
    pub birth_date: Date,
    pub citizen: bool,
    pub state_language: bool,
    pub residence_years: u32,
    #[serde(default)]
    pub first_president: bool,
    #[serde(default)]
    pub terms: Vec<TermSpec>,
}

impl CandidateSpec {
    /// The candidate, checked: a name and terms that end after they start.
    pub fn candidate(&self) -> Result<Candidate, AskError> {
        if self.name.trim().is_empty() {
            return Err(AskError::Input("`candidate.name`: empty".into()));
        }
        let mut terms = Vec::with_capacity(self.terms.len());
        for (i, t) in self.terms.iter().enumerate() {
            if t.end < t.start {
                return Err(AskError::Input(format!(
                    "`terms[{i}]`: ends before it starts"
                )));
            }
            terms.push(Term {
                start: t.start,
                end: t.end,
            });
        }
        Ok(Candidate {
            name: self.name.trim().to_string(),
            birth_date: self.birth_date,
            citizen: self.citizen,
            state_language: self.state_language,
            residence_years: self.residence_years,
            first_president: self.first_president,
            terms,
        })
    }
}

/// Whether a candidate may stand on `date`, each criterion cited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EligibilityQuestion {
    #[schemars(with = "DaySchema")]
    pub date: Date,
    pub candidate: CandidateSpec,
}

impl Question for EligibilityQuestion {
    const KIND: &'static str = "eligibility";
    type Answer = Eligibility;

    fn answer(&self, law: Law<'_>) -> Result<Eligibility, AskError> {
        president::eligibility(law.at(self.date), &self.candidate.candidate()?).map_err(self::law)
    }

    fn decided(answer: &Eligibility) -> Decided {
        if answer.eligible {
            Decided::Allowed
        } else {
            Decided::Refused
        }
    }
}

// ---------------------------------------------------------------------------------------------
// majority elections

/// One contest: a unit's Senate seats, the Assembly's vote, a maslikhat district.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContestSpec {
    pub name: String,
    /// Electors or members who took part (Senate and Assembly).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voting: Option<u64>,
    /// Seats to fill (a maslikhat district; 1 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<u64>,
    pub candidates: Vec<CandidateVotes>,
}

fn contests(specs: &[ContestSpec], default_seats: u64) -> Vec<Contest> {
    specs
        .iter()
        .map(|c| Contest {
            name: c.name.clone(),
            seats: c.seats.unwrap_or(default_seats),
            voting: c.voting.unwrap_or(0),
            candidates: tally(&c.candidates),
        })
        .collect()
}

fn contests_decided(results: &[ContestResult]) -> Decided {
    if results
        .iter()
        .any(|r| matches!(r.outcome, ContestOutcome::Tie { .. }))
    {
        Decided::LotsRequired
    } else {
        Decided::Allowed
    }
}

/// Contests decided on a day.
#[derive(Debug, Clone, Serialize)]
pub struct ContestsAnswer {
    pub date: Date,
    pub contests: Vec<ContestResult>,
}

/// The Senate's elected seats by maslikhat electors in each unit, and the appointed seats.
#[derive(Debug, Clone, Serialize)]
pub struct SenateAnswer {
    pub date: Date,
    pub contests: Vec<ContestResult>,
    pub appointed: majority::AppointedSeats,
    pub steps: Vec<Step>,
}

/// Senate elections in units on `date`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SenateQuestion {
    #[schemars(with = "DaySchema")]
    pub date: Date,
    pub contests: Vec<ContestSpec>,
    /// Seats at stake in each unit (the law's seats per unit × renewal share when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats_per_unit: Option<u64>,
    /// Senators appointed by the president.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appointed: Vec<String>,
}

impl Question for SenateQuestion {
    const KIND: &'static str = "senate";
    type Answer = SenateAnswer;

    fn answer(&self, law: Law<'_>) -> Result<SenateAnswer, AskError> {
        let result = majority::senate(
            law.at(self.date),
            &contests(&self.contests, 0),
            self.seats_per_unit,
            &self.appointed,
        )
        .map_err(election_error)?;
        Ok(SenateAnswer {
            date: self.date,
            contests: result.units,
            appointed: result.appointed,
            steps: result.steps,
        })
    }

    fn decided(answer: &SenateAnswer) -> Decided {
        contests_decided(&answer.contests)
    }
}

/// The Mazhilis deputies elected by the Assembly of People on `date`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssemblyQuestion {
    #[schemars(with = "DaySchema")]
    pub date: Date,
    /// One contest: the Assembly's vote.
    pub contests: Vec<ContestSpec>,
}

impl Question for AssemblyQuestion {
    const KIND: &'static str = "assembly";
    type Answer = ContestsAnswer;

    fn answer(&self, law: Law<'_>) -> Result<ContestsAnswer, AskError> {
        let [contest] = contests(&self.contests, 0)
            .try_into()
            .map_err(|_| AskError::Input("`contests`: the Assembly votes in one contest".into()))?;
        let result = majority::assembly(law.at(self.date), &contest).map_err(election_error)?;
        Ok(ContestsAnswer {
            date: self.date,
            contests: vec![result],
        })
    }

    fn decided(answer: &ContestsAnswer) -> Decided {
        contests_decided(&answer.contests)
    }
}

/// Maslikhat elections in districts on `date`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaslikhatQuestion {
    #[schemars(with = "DaySchema")]
    pub date: Date,
    pub contests: Vec<ContestSpec>,
}

impl Question for MaslikhatQuestion {
    const KIND: &'static str = "maslikhat";
    type Answer = ContestsAnswer;

    fn answer(&self, law: Law<'_>) -> Result<ContestsAnswer, AskError> {
        let results = majority::maslikhat(law.at(self.date), &contests(&self.contests, 1))
            .map_err(election_error)?;
        Ok(ContestsAnswer {
            date: self.date,
            contests: results,
        })
    }

    fn decided(answer: &ContestsAnswer) -> Decided {
        contests_decided(&answer.contests)
    }
}

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
            finance::FinanceError::Law { .. } => self::law(e),
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
            campaign::CampaignError::Law { .. } => self::law(e),
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
            charter::CharterError::Law(l) => self::law(l),
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::builtin;

    #[test]
    fn every_kind_is_answered_by_name_and_an_unknown_one_is_refused() {
        let book = builtin::rulebook().unwrap();
        let law = Law::new(&book, &[]);
        let e = ask("coup", &serde_json::json!({}), law).unwrap_err();
        assert!(e.to_string().contains("no kind of question `coup`"), "{e}");
        for kind in KINDS {
            // An empty object is missing every required field: refused as input, naming the
            // kind, never answered with a default.
            let e = ask(kind, &serde_json::json!({ "unexpected": 1 }), law).unwrap_err();
            assert!(matches!(e, AskError::Input(_)), "{kind}: {e}");
            assert!(
                e.to_string().starts_with(&format!("{kind} question: ")),
                "{e}"
            );
        }
    }

    #[test]
    fn a_refusal_and_a_law_error_are_told_apart() {
        let book = builtin::rulebook().unwrap();
        let law = Law::new(&book, &[]);
        let q = serde_json::json!({
            "date": "2009-04-02",
            "candidate": { "name": "A", "birth_date": "1969-04-03", "citizen": true,
                           "state_language": true, "residence_years": 20 }
        });
        let a = ask("eligibility", &q, law).unwrap();
        assert_eq!(a.decided, Decided::Refused);
        assert_eq!(a.json["eligible"], false);
        let q = serde_json::json!({ "date": "2026-11-29", "votes": [{ "candidate": "A", "votes": 1 }] });
        let e = ask("president", &q, law).unwrap_err();
        assert!(
            matches!(&e, AskError::Law(m) if m.contains("not known after 2009-12-31")),
            "{e}"
        );
    }
}

//! The elections' questions: party lists (the Mazhilis, an allocation by given rules), the
//! presidency (the first round, a candidate's eligibility), and the majority elections of the
//! Senate, the Assembly and the maslikhats.

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{AskError, DaySchema, Decided, Question, law};
use crate::elections::apportion::{Method, TieRule};
use crate::elections::majority::{self, Contest, ContestOutcome, ContestResult};
use crate::elections::mazhilis::{ListVotes, Outcome};
use crate::elections::president::{self, Candidate, Eligibility, PresidentOutcome, Term};
use crate::elections::results::{
    ListElection, ListInput, PresidentElection, PresidentInput, WhatIf,
};
use crate::exact::parse_percent;
use crate::explain::Step;
use crate::law::{Law, LawAt};

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

/// The Kurultai's party-list election under the law of `date` (from 1 July 2026).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KurultaiQuestion {
    #[schemars(with = "DaySchema")]
    pub date: Date,
    pub votes: Vec<VoteRow>,
    /// Voters who took part (the sum of the votes when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participating: Option<u64>,
}

impl Question for KurultaiQuestion {
    const KIND: &'static str = "kurultai";
    type Answer = ListElection;

    fn answer(&self, law: Law<'_>) -> Result<ListElection, AskError> {
        let input = ListInput::given("given", lists(&self.votes), self.participating);
        ListElection::kurultai(law, self.date, &input).map_err(list_error)
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

/// One seat per district unless a contest says otherwise, each decided by `engine` under the
/// law of `date`.
fn districts(
    law: Law<'_>,
    date: Date,
    specs: &[ContestSpec],
    engine: fn(LawAt<'_>, &[Contest]) -> Result<Vec<ContestResult>, president::ElectionError>,
) -> Result<ContestsAnswer, AskError> {
    let results = engine(law.at(date), &contests(specs, 1)).map_err(election_error)?;
    Ok(ContestsAnswer {
        date,
        contests: results,
    })
}

/// The Mazhilis's single-member districts on `date`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MazhilisDistrictsQuestion {
    #[schemars(with = "DaySchema")]
    pub date: Date,
    /// One contest per single-member district; a candidate named `against all` is that line
    /// of the ballot.
    pub contests: Vec<ContestSpec>,
}

impl Question for MazhilisDistrictsQuestion {
    const KIND: &'static str = "mazhilis_districts";
    type Answer = ContestsAnswer;

    fn answer(&self, law: Law<'_>) -> Result<ContestsAnswer, AskError> {
        districts(law, self.date, &self.contests, majority::mazhilis_districts)
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
        districts(law, self.date, &self.contests, majority::maslikhat)
    }

    fn decided(answer: &ContestsAnswer) -> Decided {
        contests_decided(&answer.contests)
    }
}

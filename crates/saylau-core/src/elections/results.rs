//! An election's result as every front end shows it: each list or candidate with its votes,
//! its exact share and its seats or election, the indices, the outcome and the cited steps.
//!
//! This module owns the rules that the command line, the API and the pages used to work out
//! each on its own: which votes an election runs on and what they count ([`ListInput`],
//! [`PresidentInput`]), the base of a majority ([`VoteBase`]), shares ([`Share`], one display
//! rule), the indices, and what-ifs ([`WhatIf`]). The front ends render these values; none of
//! them recomputes a number.
//!
//! ```
//! use saylau_core::{builtin, exact::Fraction, law::Law};
//! use saylau_core::elections::results::{ListElection, ListInput, WhatIf};
//!
//! let book = builtin::rulebook().expect("the rulebook loads");
//! let data = builtin::data().expect("the data loads");
//! let election = data.election("mazhilis-2007").expect("in the data");
//! let input = ListInput::from_election(election).expect("the seed's shares");
//! let real = ListElection::run(Law::new(&book, &[]), election.date.earliest, &input, &WhatIf::default())
//!     .expect("the law of 2007 decides it");
//! assert_eq!(real.rows[0].seats, 98);
//! assert_eq!(real.rows[0].share.percent, "88.42"); // of the 99.99 the shares add up to
//!
//! let what_if = WhatIf { threshold: Fraction::parse("3"), ..WhatIf::default() };
//! let three = ListElection::run(Law::new(&book, &[]), election.date.earliest, &input, &what_if)
//!     .expect("a 3% threshold decides it too");
//! let seats: Vec<u64> = three.rows.iter().map(|r| r.seats).collect();
//! assert_eq!(seats, [90, 5, 3, 0, 0, 0, 0]);
//! ```

use jiff::civil::Date;
use serde::Serialize;

use crate::data::{Body, DataError, Decimal, Election, VoteUnit};
use crate::elections::apportion::{Method, TieRule};
use crate::elections::indices::{self, Indices};
use crate::elections::mazhilis::{self, ListError, ListResult, ListVotes};
use crate::elections::president::{self, ElectionError, PresidentOutcome, PresidentResult};
use crate::exact::{DISPLAY_RULE, Fraction, Share};
use crate::explain::Step;
use crate::law::{Law, METHODS, Param, Reform, Value};

// ---------------------------------------------------------------------------------------------
// party lists

/// The votes a list election runs on, what they count and where they come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListInput {
    /// The election's id, for a built-in or recorded election.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub election: Option<String>,
    pub unit: VoteUnit,
    /// Where the numbers come from.
    pub source: String,
    #[serde(skip)]
    pub lists: Vec<ListVotes>,
    /// The voters who took part, where known: the base of the threshold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participating: Option<u64>,
    /// The share each list was published with, where the data has it, by list.
    #[serde(skip)]
    pub published: Vec<Option<Decimal>>,
}

impl ListInput {
    /// Votes given by a user (a file, a request): counted votes, in the order given.
    pub fn given(source: &str, lists: Vec<ListVotes>, participating: Option<u64>) -> ListInput {
        ListInput {
            election: None,
            unit: VoteUnit::Votes,
            source: source.to_string(),
            published: vec![None; lists.len()],
            lists,
            participating,
        }
    }

    /// An election of the data: its contesting lists in the order of the results, with the
    /// vote counts where every list has one and otherwise the published shares in hundredths
    /// of a percent ([`Election::votes`]); the voters who took part where the sources give
    /// them and the votes are counts.
    pub fn from_election(election: &Election) -> Result<ListInput, DataError> {
        let votes = election.votes()?;
        let participating = match votes.unit {
            VoteUnit::Votes => election
                .participating_voters
                .as_ref()
                .and_then(|f| f.value().copied()),
            VoteUnit::HundredthsOfPercent => None,
        };
        let published = votes
            .rows
            .iter()
            .map(|(name, _)| {
                let row = election.row(name)?;
                row.votes_share
                    .as_ref()
                    .or(row.share.as_ref())
                    .and_then(|f| f.value().cloned())
            })
            .collect();
        Ok(ListInput {
            election: Some(election.id.clone()),
            unit: votes.unit,
            source: votes.source,
            lists: list_votes(&votes.rows),
            participating,
            published,
        })
    }
}

/// `(name, votes)` rows as party lists, registered in the order given.
pub fn list_votes(rows: &[(String, u64)]) -> Vec<ListVotes> {
    rows.iter()
        .zip(1u32..)
        .map(|((party, votes), registration)| ListVotes {
            party: party.clone(),
            votes: *votes,
            registration,
        })
        .collect()
}

/// One list of a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListRow {
    pub party: String,
    /// In the input's unit.
    pub votes: u64,
    /// Of all the votes counted for lists.
    pub share: Share,
    /// The share the sources publish, where the data has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_share: Option<Decimal>,
    pub admitted: bool,
    pub seats: u64,
}

/// A list election's result as shown: rows, indices, the outcome and the steps.
#[derive(Debug, Clone, Serialize)]
pub struct ListElection {
    #[serde(flatten)]
    pub input: ListInput,
    /// [`VoteUnit::describe`] of the input's unit.
    pub unit_text: &'static str,
    /// The what-if asked, where one was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub what_if: Option<String>,
    pub rows: Vec<ListRow>,
    /// Disproportionality and the party system; `None` when no seat was distributed.
    pub indices: Option<Indices>,
    #[serde(flatten)]
    pub result: ListResult,
}

impl ListElection {
    /// The election under the law in force on `date` (or on `what_if.law_date`), with the
    /// what-if's values laid over it.
    pub fn run(
        law: Law<'_>,
        date: Date,
        input: &ListInput,
        what_if: &WhatIf,
    ) -> Result<ListElection, ListError> {
        let law_date = what_if.law_date.unwrap_or(date);
        let reform = what_if.reform(law_date).map_err(ListError::WhatIf)?;
        let mut reforms: Vec<Reform> = law.reforms.to_vec();
        reforms.extend(reform);
        let law = law.with_reforms(&reforms).at(law_date);
        let result = mazhilis::mazhilis(law, &input.lists, input.participating)?;
        Ok(ListElection::new(input, result, what_if.caption()))
    }

    /// The election under rules given by the caller, not the rulebook's.
    pub fn allocate(
        input: &ListInput,
        seats: u64,
        method: Method,
        tie_rule: TieRule,
        threshold: Option<(Fraction, Option<u64>)>,
    ) -> Result<ListElection, ListError> {
        let result = mazhilis::allocate(&input.lists, seats, method, tie_rule, threshold)?;
        Ok(ListElection::new(input, result, None))
    }

    fn new(input: &ListInput, mut result: ListResult, what_if: Option<String>) -> ListElection {
        let total: u64 = input.lists.iter().map(|l| l.votes).sum();
        let rows: Vec<ListRow> = input
            .lists
            .iter()
            .zip(&input.published)
            .map(|(list, published)| ListRow {
                party: list.party.clone(),
                votes: list.votes,
                share: Share::new(list.votes, total).unwrap_or_else(|| zero_share(total)),
                published_share: published.clone(),
                admitted: result.admitted.contains(&list.party),
                seats: result
                    .seats
                    .iter()
                    .find(|(p, _)| *p == list.party)
                    .map_or(0, |(_, s)| *s),
            })
            .collect();
        let indices =
            indices::indices(&rows.iter().map(|r| (r.votes, r.seats)).collect::<Vec<_>>());
        result.steps.push(shares_step(input.unit, total));
        if let Some(i) = &indices {
            result.steps.push(indices_step(i));
        }
        ListElection {
            unit_text: input.unit.describe(),
            input: input.clone(),
            what_if,
            rows,
            indices,
            result,
        }
    }
}

/// A share of nothing: every list had no votes.
fn zero_share(total: u64) -> Share {
    Share {
        part: 0,
        whole: total,
        exact: Fraction::integer(0),
        percent: "0.00".into(),
    }
}

fn shares_step(unit: VoteUnit, total: u64) -> Step {
    let of = match unit {
        VoteUnit::Votes => format!("the {total} votes cast for lists"),
        VoteUnit::HundredthsOfPercent => format!(
            "the sum of the published shares ({total} hundredths of a percent), so a share can \
             differ in its last digit from the one published"
        ),
    };
    Step::new(
        "shares",
        format!("Each list's share is of {of}; {DISPLAY_RULE}."),
    )
}

fn indices_step(i: &Indices) -> Step {
    Step::new(
        "indices",
        format!(
            "Gallagher index {} percentage points; effective number of parties {} by votes and \
             {} by seats; {}% of the votes went to lists that won no seat ({}).",
            i.gallagher.shown,
            i.enp_votes.shown,
            i.enp_seats.shown,
            i.wasted_votes.percent,
            indices::ABOUT
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// what-ifs

/// Values to try instead of the law's: the questions "what if the threshold had been 3%?",
/// "what if D'Hondt?", "what if 120 list seats?", "what if the law of another day?".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WhatIf {
    /// A threshold in percent.
    pub threshold: Option<Fraction>,
    pub method: Option<Method>,
    pub list_seats: Option<u64>,
    /// Apply the law in force on this day instead of the election day's.
    pub law_date: Option<Date>,
}

impl WhatIf {
    pub fn is_empty(&self) -> bool {
        *self == WhatIf::default()
    }

    /// The reform laying the asked values over the law from `from`; `None` when only another
    /// day's law is asked, or nothing.
    pub fn reform(&self, from: Date) -> Result<Option<Reform>, String> {
        let mut values = Vec::new();
        if let Some(t) = self.threshold {
            values.push((Param::MazhilisThreshold, Value::Percent(t)));
        }
        if let Some(m) = self.method {
            values.push((
                Param::MazhilisAllocationMethod,
                Value::Choice(m.name().to_string()),
            ));
        }
        if let Some(n) = self.list_seats {
            values.push((Param::MazhilisListSeats, Value::Count(n)));
        }
        if values.is_empty() {
            return Ok(None);
        }
        let source = match self.caption() {
            Some(c) => format!("what-if: {c}"),
            None => "what-if".to_string(),
        };
        Reform::given("what-if", &source, from, values).map(Some)
    }

    /// The what-if in words, `None` when nothing is asked.
    pub fn caption(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(d) = self.law_date {
            parts.push(format!("under the law of {d}"));
        }
        if let Some(t) = self.threshold {
            parts.push(format!("with a {}% threshold", t.to_exact_string()));
        }
        if let Some(m) = self.method {
            parts.push(format!("by {}", m.name().replace('_', " ")));
        }
        if let Some(n) = self.list_seats {
            parts.push(format!("for {n} list seats"));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// A value asked for: trimmed, and `None` when blank.
fn given(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// The most list seats a what-if may ask for: a bound on the work, not a rule of any law.
pub const MAX_WHAT_IF_SEATS: u64 = 1000;

/// A what-if value that cannot be used, and which one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{field}`: {message}")]
pub struct WhatIfError {
    pub field: &'static str,
    pub message: String,
}

impl WhatIf {
    /// The what-if from text, as a query string or command-line flags give it: a threshold in
    /// percent (`3`, `3.5` or `3.5%`), a method name from `mazhilis.allocation_method`'s
    /// choices, a number of list seats, a day. Blank values count as not asked.
    pub fn parse(
        threshold: Option<&str>,
        method: Option<&str>,
        list_seats: Option<&str>,
        law_date: Option<&str>,
    ) -> Result<WhatIf, WhatIfError> {
        let bad = |field: &'static str, message: String| WhatIfError { field, message };
        let threshold = match given(threshold) {
            None => None,
            Some(t) => Some(crate::exact::parse_percent(t).map_err(|m| bad("threshold", m))?),
        };
        let method = match given(method) {
            None => None,
            Some(m) => Some(Method::from_name(m).ok_or_else(|| {
                bad(
                    "method",
                    format!(
                        "`{}` is not one of {}",
                        crate::exact::quote_prefix(m),
                        METHODS.join(", ")
                    ),
                )
            })?),
        };
        let list_seats = match given(list_seats) {
            None => None,
            Some(n) => match n.parse::<u64>() {
                Ok(n) if (1..=MAX_WHAT_IF_SEATS).contains(&n) => Some(n),
                _ => {
                    return Err(bad(
                        "seats",
                        format!(
                            "`{}` is not a whole number from 1 to {MAX_WHAT_IF_SEATS}",
                            crate::exact::quote_prefix(n)
                        ),
                    ));
                }
            },
        };
        let law_date = match given(law_date) {
            None => None,
            Some(d) => Some(crate::exact::parse_day(d).map_err(|m| bad("law_date", m))?),
        };
        Ok(WhatIf {
            threshold,
            method,
            list_seats,
            law_date,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// an election of the data, computed

/// An election of the data computed under the law of its day (and a what-if): a party-list
/// result, a presidential first round, or the reason there is nothing to compute.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Computed {
    List(Box<ListElection>),
    President(Box<PresidentElection>),
    /// The sources give no figures to compute from, or the law of the day cannot decide.
    NotComputed {
        why: String,
    },
}

/// Why an election cannot be computed as asked (as opposed to the law not deciding it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ComputeError {
    #[error("a what-if applies to a party-list election; `{0}` is not one")]
    WhatIfNotList(String),
    #[error(transparent)]
    WhatIf(#[from] WhatIfError),
}

/// `election` computed under `law` on its day, with `what_if` laid over it for a party-list
/// election. What the law or the data cannot decide is [`Computed::NotComputed`] with the
/// reason; a question that does not fit the election is an error.
pub fn compute(
    law: Law<'_>,
    election: &Election,
    what_if: &WhatIf,
) -> Result<Computed, ComputeError> {
    let not = |why: String| Ok(Computed::NotComputed { why });
    match election.body {
        Body::Mazhilis => {
            if election.date.earliest != election.date.latest {
                return not(format!(
                    "the sources date this election only to {}, and a list election needs its day",
                    election.date
                ));
            }
            let input = match ListInput::from_election(election) {
                Ok(i) => i,
                Err(e) => return not(e.to_string()),
            };
            match ListElection::run(law, election.date.earliest, &input, what_if) {
                Ok(r) => Ok(Computed::List(Box::new(r))),
                Err(ListError::WhatIf(m)) => Err(WhatIfError {
                    field: "what-if",
                    message: m,
                }
                .into()),
                Err(e) => not(e.to_string()),
            }
        }
        Body::President | Body::Senate => {
            if !what_if.is_empty() {
                return Err(ComputeError::WhatIfNotList(election.id.clone()));
            }
            if election.body == Body::Senate {
                return not(election.note.clone().unwrap_or_else(|| {
                    "the sources give no votes of the maslikhat electors".to_string()
                }));
            }
            let input = match PresidentInput::from_election(election) {
                Ok(i) => i,
                Err(e) => return not(e.to_string()),
            };
            // A month- or year-dated election is judged under the law of its last possible day.
            match PresidentElection::run(law, election.date.latest, &input) {
                Ok(r) => Ok(Computed::President(Box::new(r))),
                Err(e) => not(format!(
                    "the law of {} cannot decide it: {e}",
                    election.date.latest
                )),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// the presidency

/// What the share of a presidential candidate is counted against, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VoteBase {
    /// The voters who took part, as the sources give them or the user gave them: the base the
    /// constitution names.
    Participating { voters: u64, source: String },
    /// The sources do not give the number of voters who took part: the votes for candidates
    /// stand in for it, which can only make a share larger.
    VotesCast { votes: u64 },
    /// The sources give shares only: they are counted in hundredths of a percent, which add up
    /// to `total`.
    Shares { total: u64 },
}

impl VoteBase {
    pub fn value(&self) -> u64 {
        match self {
            VoteBase::Participating { voters, .. } => *voters,
            VoteBase::VotesCast { votes } => *votes,
            VoteBase::Shares { total } => *total,
        }
    }

    /// The base in words, for the explanation.
    pub fn says(&self) -> String {
        match self {
            VoteBase::Participating { voters, source } => {
                format!(
                    "The majority is counted against the {voters} voters who took part ({source})."
                )
            }
            VoteBase::VotesCast { votes } => format!(
                "The sources do not give the number of voters who took part, the base of the \
                 majority; the {votes} votes for candidates stand in for it, so every share is \
                 as large as it can be."
            ),
            VoteBase::Shares { total } => format!(
                "The sources give shares, not vote counts: the first round is computed on the \
                 shares in hundredths of a percent, which add up to {total}."
            ),
        }
    }
}

/// The votes a presidential first round runs on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PresidentInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub election: Option<String>,
    pub unit: VoteUnit,
    pub source: String,
    #[serde(skip)]
    pub votes: Vec<(String, u64)>,
    pub base: VoteBase,
    /// Each candidate's affiliation and published share, where the data has them.
    #[serde(skip)]
    pub details: Vec<(Option<String>, Option<Decimal>)>,
}

impl PresidentInput {
    /// Votes given by a user, with the voters who took part when the user gives them.
    pub fn given(source: &str, votes: Vec<(String, u64)>, participating: Option<u64>) -> Self {
        let cast = votes.iter().map(|(_, v)| *v).sum();
        PresidentInput {
            election: None,
            unit: VoteUnit::Votes,
            source: source.to_string(),
            details: vec![(None, None); votes.len()],
            votes,
            base: match participating {
                Some(voters) => VoteBase::Participating {
                    voters,
                    source: "given".into(),
                },
                None => VoteBase::VotesCast { votes: cast },
            },
        }
    }

    /// An election of the data, with the base its sources allow.
    pub fn from_election(election: &Election) -> Result<PresidentInput, DataError> {
        let votes = election.votes()?;
        let cast = votes.rows.iter().map(|(_, v)| *v).sum();
        let base = match votes.unit {
            VoteUnit::HundredthsOfPercent => VoteBase::Shares { total: cast },
            VoteUnit::Votes => match election.participating_voters.as_ref() {
                Some(crate::data::Figure::Known { value, source, .. }) => VoteBase::Participating {
                    voters: *value,
                    source: source.clone(),
                },
                _ => VoteBase::VotesCast { votes: cast },
            },
        };
        let details = votes
            .rows
            .iter()
            .map(|(name, _)| match election.row(name) {
                Some(row) => (
                    row.affiliation.clone(),
                    row.votes_share
                        .as_ref()
                        .or(row.share.as_ref())
                        .and_then(|f| f.value().cloned()),
                ),
                None => (None, None),
            })
            .collect();
        Ok(PresidentInput {
            election: Some(election.id.clone()),
            unit: votes.unit,
            source: votes.source,
            votes: votes.rows,
            base,
            details,
        })
    }
}

/// One candidate of a first round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CandidateRow {
    pub candidate: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    pub votes: u64,
    /// Of the vote base.
    pub share: Share,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_share: Option<Decimal>,
    pub elected: bool,
}

/// A presidential first round as shown.
#[derive(Debug, Clone, Serialize)]
pub struct PresidentElection {
    #[serde(flatten)]
    pub input: PresidentInput,
    pub unit_text: &'static str,
    /// The day whose law is applied.
    pub law_date: Date,
    pub rows: Vec<CandidateRow>,
    #[serde(flatten)]
    pub result: PresidentResult,
}

impl PresidentElection {
    /// The first round under the law in force on `date`.
    pub fn run(
        law: Law<'_>,
        date: Date,
        input: &PresidentInput,
    ) -> Result<PresidentElection, ElectionError> {
        let base = input.base.value();
        let mut result = president::first_round(law.at(date), &input.votes, base)?;
        result
            .steps
            .insert(0, Step::new("vote_base", input.base.says()));
        let winner = match &result.outcome {
            PresidentOutcome::Elected { winner } => Some(winner.as_str()),
            _ => None,
        };
        let rows = input
            .votes
            .iter()
            .zip(&input.details)
            .map(|((name, votes), (affiliation, published))| CandidateRow {
                candidate: name.clone(),
                affiliation: affiliation.clone(),
                votes: *votes,
                share: Share::new(*votes, base).unwrap_or_else(|| zero_share(base)),
                published_share: published.clone(),
                elected: winner == Some(name.as_str()),
            })
            .collect();
        result.steps.push(Step::new(
            "shares",
            format!("Each candidate's share is of the vote base; {DISPLAY_RULE}."),
        ));
        Ok(PresidentElection {
            unit_text: input.unit.describe(),
            input: input.clone(),
            law_date: date,
            rows,
            result,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::builtin;

    #[test]
    fn the_1999_president_is_counted_against_the_votes_cast_and_says_so() {
        let book = builtin::rulebook().unwrap();
        let data = builtin::data().unwrap();
        let e = data.election("president-1999").unwrap();
        let input = PresidentInput::from_election(e).unwrap();
        assert_eq!(input.base, VoteBase::VotesCast { votes: 7_097_705 });
        let r = PresidentElection::run(Law::new(&book, &[]), e.date.latest, &input).unwrap();
        assert_eq!(r.rows[0].share.percent, "82.38");
        assert!(r.rows[0].elected);
        // Published with the counts, of all who took part: the invalid ballots make it lower.
        assert_eq!(
            r.rows[0].published_share.as_ref().map(Decimal::as_str),
            Some("79.78")
        );
        assert_eq!(r.result.steps[0].rule, "vote_base");
    }

    #[test]
    fn a_what_if_says_what_it_asks_and_leaves_the_rest_to_the_law() {
        let w = WhatIf {
            threshold: Fraction::parse("3.5"),
            method: Some(Method::DHondt),
            list_seats: Some(120),
            law_date: Some(jiff::civil::date(2009, 6, 1)),
        };
        assert_eq!(
            w.caption().as_deref(),
            Some(
                "under the law of 2009-06-01, with a 3.5% threshold, by dhondt, for 120 list seats"
            )
        );
        let reform = w.reform(jiff::civil::date(2009, 6, 1)).unwrap().unwrap();
        let params: Vec<Param> = reform.params().collect();
        assert_eq!(params.len(), 3);
        assert!(
            WhatIf::default()
                .reform(jiff::civil::date(2009, 6, 1))
                .unwrap()
                .is_none()
        );
        assert!(WhatIf::default().is_empty());
    }

    #[test]
    fn what_ifs_are_parsed_strictly_and_name_the_field() {
        let w = WhatIf::parse(
            Some(" 3.5% "),
            Some("dhondt"),
            Some("120"),
            Some("2009-06-01"),
        )
        .unwrap();
        assert_eq!(w.threshold, Fraction::parse("3.5"));
        assert_eq!(w.method, Some(Method::DHondt));
        assert_eq!(w.list_seats, Some(120));
        assert!(
            WhatIf::parse(Some(""), None, Some(" "), None)
                .unwrap()
                .is_empty()
        );
        let e = WhatIf::parse(Some("101"), None, None, None).unwrap_err();
        assert_eq!(
            (e.field, e.message.as_str()),
            ("threshold", "`101` is more than 100%")
        );
        let e = WhatIf::parse(None, Some("\u{1b}]0;x\u{7}"), None, None).unwrap_err();
        assert_eq!(e.field, "method");
        assert!(
            e.message
                .starts_with("`\\u{1b}]0;x\\u{7}` is not one of hare"),
            "{e}"
        );
        let e = WhatIf::parse(None, None, Some("0"), None).unwrap_err();
        assert_eq!(e.field, "seats");
        let e = WhatIf::parse(None, None, None, Some("2009-13-01")).unwrap_err();
        assert_eq!(e.field, "law_date");
    }

    #[test]
    fn every_election_of_the_data_is_computed_or_says_why_not() {
        let book = builtin::rulebook().unwrap();
        let data = builtin::data().unwrap();
        let law = Law::new(&book, &[]);
        for e in &data.elections {
            let computed = compute(law, e, &WhatIf::default()).unwrap();
            match (&computed, e.id.as_str()) {
                (Computed::List(r), "mazhilis-2007") => {
                    assert_eq!(r.rows[0].seats, 98);
                    assert_eq!(r.indices.as_ref().unwrap().gallagher.shown, "9.19");
                }
                (Computed::President(r), "president-1999" | "president-2005") => {
                    assert!(r.rows[0].elected, "{}", e.id);
                }
                (Computed::NotComputed { why }, "president-1991" | "senate-2008") => {
                    assert!(!why.is_empty());
                }
                (other, id) => panic!("{id}: {other:?}"),
            }
        }
        let e = data.election("president-1999").unwrap();
        let asked = WhatIf {
            list_seats: Some(10),
            ..WhatIf::default()
        };
        assert!(matches!(
            compute(law, e, &asked),
            Err(ComputeError::WhatIfNotList(_))
        ));
    }
}

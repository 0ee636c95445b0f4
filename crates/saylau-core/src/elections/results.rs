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
//! let input = ListInput::from_election(election).expect("the final counts");
//! let real = ListElection::run(Law::new(&book, &[]), election.date.earliest, &input, &WhatIf::default())
//!     .expect("the law of 2007 decides it");
//! assert_eq!(real.rows[0].seats, 98);
//! assert_eq!(real.rows[0].share.percent, "88.41"); // 5,247,720 of the 5,935,625 list votes
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
    /// The votes "against all", where the ballot had the line and a source counts them: never
    /// a list. The result shows them as [`ListElection::against_all`].
    #[serde(skip)]
    pub against_all: Option<AgainstAll>,
}

/// The votes "against all" of an election of the data: not a list or a candidate, so never a
/// seat or a win, but cast by voters who took part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgainstAll {
    pub votes: u64,
    pub source: String,
    /// The share they were published with, where the data has it.
    pub published: Option<Decimal>,
    /// Whether the sources give no count of the voters who took part, so that the votes for
    /// the lists (or candidates) and against all stand in for it.
    pub stands_in_for_participating: bool,
}

impl AgainstAll {
    /// The election's "against all" figure, where a source gives it and the lists or
    /// candidates are counted in votes too; `None` otherwise (a count does not mix with
    /// shares).
    fn of(election: &Election, unit: VoteUnit) -> Option<AgainstAll> {
        let (votes, source) = election.against_all_votes()?;
        if unit != VoteUnit::Votes {
            return None;
        }
        Some(AgainstAll {
            votes,
            source: source.to_string(),
            published: election
                .against_all_share
                .as_ref()
                .and_then(|f| f.value().cloned()),
            stands_in_for_participating: known_participating(election).is_none(),
        })
    }

    /// The line as shown: its votes, its share of `whole` and the share published.
    fn row(&self, whole: u64) -> AgainstAllRow {
        AgainstAllRow {
            votes: self.votes,
            share: Share::new(self.votes, whole).unwrap_or_else(|| zero_share(whole)),
            published_share: self.published.clone(),
            source: self.source.clone(),
        }
    }

    /// What the line is and how it is counted, in words, for the explanation; `of` names what
    /// the others are ("lists", "candidates"), `cast` their votes and `participating` the
    /// voters who took part as counted (the data's, or a number a caller put in their place).
    fn says(&self, of: &str, cast: u64, participating: u64) -> String {
        let stands_in =
            self.stands_in_for_participating && cast.checked_add(self.votes) == Some(participating);
        let counted = if stands_in {
            format!(
                "The sources give no count of the voters who took part, so the {cast} votes for \
                 {of} and the {} against all stand in for it: {participating}.",
                self.votes
            )
        } else {
            format!("They are among the {participating} voters who took part.")
        };
        format!(
            "{} voters marked \"against all\" ({}): the line is not one of the {of} and wins \
             nothing. {counted}",
            self.votes, self.source
        )
    }
}

/// The line "against all" of a result as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgainstAllRow {
    pub votes: u64,
    /// Of the same whole as the shares of the lists or candidates.
    pub share: Share,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_share: Option<Decimal>,
    pub source: String,
}

/// The voters who took part, where a source gives them.
fn known_participating(election: &Election) -> Option<(u64, &str)> {
    let figure = election.participating_voters.as_ref()?;
    Some((*figure.value()?, figure.source()?))
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
            against_all: None,
        }
    }

    /// An election of the data: its contesting lists in the order of the results, with the
    /// vote counts where every list has one and otherwise the published shares in hundredths
    /// of a percent ([`Election::votes`]); the votes "against all", never a list; the voters
    /// who took part where the sources give them and the votes are counts, and where they do
    /// not but count the votes against all, the votes for lists and against all.
    pub fn from_election(election: &Election) -> Result<ListInput, DataError> {
        let votes = election.votes()?;
        let against_all = AgainstAll::of(election, votes.unit);
        let participating = match votes.unit {
            VoteUnit::Votes => {
                let counted = counted_votes(election, &votes.rows, against_all.as_ref(), "lists")?;
                match (known_participating(election), &against_all) {
                    (Some((voters, _)), _) => Some(voters),
                    (None, Some(_)) => Some(counted),
                    (None, None) => None,
                }
            }
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
            against_all,
        })
    }
}

/// The votes of `rows` and `against_all` together, checked against the voters who took part
/// where the sources give them: the data cannot count more votes than voters.
fn counted_votes(
    election: &Election,
    rows: &[(String, u64)],
    against_all: Option<&AgainstAll>,
    of: &str,
) -> Result<u64, DataError> {
    let bad = |why: String| DataError::NoVotes {
        id: election.id.clone(),
        why,
    };
    let counted = rows
        .iter()
        .try_fold(against_all.map_or(0, |a| a.votes), |sum, (_, v)| {
            sum.checked_add(*v)
        })
        .ok_or_else(|| bad("the votes are too many to add up".into()))?;
    if let Some((voters, _)) = known_participating(election)
        && voters < counted
    {
        let and = if against_all.is_some() {
            " and against all"
        } else {
            ""
        };
        return Err(bad(format!(
            "the sources count {voters} voters who took part, fewer than the {counted} votes for \
             {of}{and}"
        )));
    }
    Ok(counted)
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
    /// Of all the votes counted for lists, and against all where the election counts them.
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
    /// The votes "against all", where the election counts them: not a list, never a seat.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub against_all: Option<AgainstAllRow>,
    /// Disproportionality and the party system, over the lists; `None` when no seat was
    /// distributed.
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

    /// The Kurultai's party-list election under the law in force on `date`, as far as the
    /// rulebook gives its rules.
    pub fn kurultai(
        law: Law<'_>,
        date: Date,
        input: &ListInput,
    ) -> Result<ListElection, ListError> {
        let result = mazhilis::kurultai(law.at(date), &input.lists, input.participating)?;
        Ok(ListElection::new(input, result, None))
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
        // The engine has summed the lists' votes without overflow; with the votes against all
        // the sum saturates rather than fail a result already computed.
        let lists: u64 = input.lists.iter().map(|l| l.votes).sum();
        let against = input.against_all.as_ref();
        let total = lists.saturating_add(against.map_or(0, |a| a.votes));
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
        if let Some(a) = against {
            let participating = input.participating.unwrap_or(total);
            result.steps.insert(
                0,
                Step::new("against_all", a.says("lists", lists, participating)),
            );
        }
        result
            .steps
            .push(shares_step(input.unit, total, against.map(|a| a.votes)));
        if let Some(i) = &indices {
            result.steps.push(indices_step(i));
        }
        ListElection {
            unit_text: input.unit.describe(),
            input: input.clone(),
            what_if,
            rows,
            against_all: against.map(|a| a.row(total)),
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

fn shares_step(unit: VoteUnit, total: u64, against_all: Option<u64>) -> Step {
    let of = match (unit, against_all) {
        (VoteUnit::Votes, Some(against)) => format!(
            "the {total} votes cast for lists and against all ({against} against all), as the \
             sources count them"
        ),
        (VoteUnit::Votes, None) => format!("the {total} votes cast for lists"),
        (VoteUnit::HundredthsOfPercent, _) => format!(
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
    /// The sources do not give the number of voters who took part: the votes for candidates,
    /// and against all where the ballot had the line, stand in for it, which can only make a
    /// share larger. `votes` counts both; `against_all` those against all.
    VotesCast {
        votes: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        against_all: Option<u64>,
    },
    /// The sources give shares only: they are counted in hundredths of a percent, which add up
    /// to `total`.
    Shares { total: u64 },
}

impl VoteBase {
    pub fn value(&self) -> u64 {
        match self {
            VoteBase::Participating { voters, .. } => *voters,
            VoteBase::VotesCast { votes, .. } => *votes,
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
            VoteBase::VotesCast {
                votes,
                against_all: None,
            } => format!(
                "The sources do not give the number of voters who took part, the base of the \
                 majority; the {votes} votes for candidates stand in for it, so every share is \
                 as large as it can be."
            ),
            VoteBase::VotesCast {
                votes,
                against_all: Some(against),
            } => format!(
                "The sources do not give the number of voters who took part, the base of the \
                 majority; the {votes} votes for candidates and against all ({against} against \
                 all) stand in for it, so every share is as large as it can be."
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
    /// The votes "against all", where the ballot had the line and a source counts them: never
    /// a candidate. The result shows them as [`PresidentElection::against_all`].
    #[serde(skip)]
    pub against_all: Option<AgainstAll>,
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
                None => VoteBase::VotesCast {
                    votes: cast,
                    against_all: None,
                },
            },
            against_all: None,
        }
    }

    /// An election of the data, with the base its sources allow: the voters who took part
    /// where the sources give them, otherwise the votes for candidates and against all.
    pub fn from_election(election: &Election) -> Result<PresidentInput, DataError> {
        let votes = election.votes()?;
        let against_all = AgainstAll::of(election, votes.unit);
        let base = match votes.unit {
            VoteUnit::HundredthsOfPercent => VoteBase::Shares {
                total: votes.rows.iter().map(|(_, v)| *v).sum(),
            },
            VoteUnit::Votes => {
                let counted =
                    counted_votes(election, &votes.rows, against_all.as_ref(), "candidates")?;
                match known_participating(election) {
                    Some((voters, source)) => VoteBase::Participating {
                        voters,
                        source: source.to_string(),
                    },
                    None => VoteBase::VotesCast {
                        votes: counted,
                        against_all: against_all.as_ref().map(|a| a.votes),
                    },
                }
            }
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
            against_all,
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
    /// The votes "against all", where the election counts them: no candidate, never elected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub against_all: Option<AgainstAllRow>,
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
        if let Some(a) = &input.against_all {
            let cast = input.votes.iter().map(|(_, v)| *v).sum();
            result.steps.insert(
                1,
                Step::new("against_all", a.says("candidates", cast, base)),
            );
        }
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
            against_all: input.against_all.as_ref().map(|a| a.row(base)),
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
        assert_eq!(
            input.base,
            VoteBase::VotesCast {
                votes: 7_097_705,
                against_all: None
            }
        );
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
    fn against_all_is_no_list_but_counts_among_the_voters_and_in_the_shares() {
        let book = builtin::rulebook().unwrap();
        let data = builtin::data().unwrap();
        let e = data.election("mazhilis-2023").unwrap();
        let input = ListInput::from_election(e).unwrap();
        // The sources give no count of the voters who took part: the lists and against all.
        assert_eq!(input.participating, Some(6_366_441));
        assert_eq!(input.lists.len(), 7);
        assert!(input.lists.iter().all(|l| !l.party.contains("against")));
        let r = ListElection::run(
            Law::new(&book, &[]),
            e.date.earliest,
            &input,
            &WhatIf::default(),
        )
        .unwrap();
        let against = r.against_all.as_ref().unwrap();
        assert_eq!(against.votes, 248_291);
        assert_eq!(against.share.percent, "3.90");
        assert_eq!(
            against.published_share.as_ref().map(Decimal::as_str),
            Some("3.90")
        );
        // Amanat's share is of the lists and against all, as published.
        assert_eq!(r.rows[0].share.whole, 6_366_441);
        assert_eq!(r.rows[0].share.percent, "53.90");
        assert_eq!(r.result.total_seats, 69);
        assert_eq!(r.rows.iter().map(|l| l.seats).sum::<u64>(), 69);
        assert_eq!(r.result.steps[0].rule, "against_all");
        assert!(
            r.result.steps[0].says.contains("stand in for it: 6366441"),
            "{}",
            r.result.steps[0].says
        );
        // A count of voters put in by a caller (a journal entry) is not said to stand in.
        let mut put = input.clone();
        put.participating = Some(6_521_860);
        let r2 = ListElection::run(
            Law::new(&book, &[]),
            e.date.earliest,
            &put,
            &WhatIf::default(),
        )
        .unwrap();
        assert!(
            r2.result.steps[0]
                .says
                .ends_with("They are among the 6521860 voters who took part.")
        );
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["against_all"]["votes"], 248_291);
        assert!(json["seats"].get("against all").is_none());
        // Where the sources give the voters who took part, they are the base.
        let mut given = e.clone();
        given.participating_voters = Some(crate::data::Figure::Known {
            value: 6_521_860,
            source: "test".into(),
            note: None,
        });
        let input = ListInput::from_election(&given).unwrap();
        assert_eq!(input.participating, Some(6_521_860));
        // Fewer voters than votes is refused, naming both.
        given.participating_voters = Some(crate::data::Figure::Known {
            value: 6_200_000,
            source: "test".into(),
            note: None,
        });
        let err = ListInput::from_election(&given).unwrap_err().to_string();
        assert!(err.contains("6200000") && err.contains("6366441"), "{err}");
    }

    #[test]
    fn against_all_never_wins_the_presidency_and_joins_a_missing_base() {
        let book = builtin::rulebook().unwrap();
        let data = builtin::data().unwrap();
        let e = data.election("president-2022").unwrap();
        let input = PresidentInput::from_election(e).unwrap();
        assert_eq!(input.base.value(), 8_300_046);
        let r = PresidentElection::run(Law::new(&book, &[]), e.date.latest, &input).unwrap();
        assert_eq!(r.rows.len(), 6);
        assert!(r.rows[0].elected);
        assert_eq!(r.against_all.as_ref().unwrap().votes, 460_484);
        assert_eq!(r.against_all.as_ref().unwrap().share.whole, 8_300_046);
        assert_eq!(r.result.steps[1].rule, "against_all");
        // Without the voters who took part, the votes for candidates and against all stand in.
        let mut unknown = e.clone();
        unknown.participating_voters = None;
        let input = PresidentInput::from_election(&unknown).unwrap();
        assert_eq!(
            input.base,
            VoteBase::VotesCast {
                votes: 7_940_477,
                against_all: Some(460_484)
            }
        );
        assert!(
            input
                .base
                .says()
                .contains("against all (460484 against all)")
        );
        let r = PresidentElection::run(Law::new(&book, &[]), e.date.latest, &input).unwrap();
        assert_eq!(r.rows[0].share.percent, "81.31");
        assert_eq!(r.against_all.as_ref().unwrap().share.percent, "5.80");
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
                    assert_eq!(r.indices.as_ref().unwrap().gallagher.shown, "9.20");
                }
                (Computed::List(r), _) => {
                    // Every list's seats are the published ones (the full check is the
                    // command-line test `history`).
                    for row in &r.rows {
                        let published = e.row(&row.party).and_then(|d| d.seats.as_ref());
                        assert_eq!(Some(&row.seats), published.and_then(|f| f.value()));
                    }
                }
                (Computed::President(r), _) => {
                    let winner = e.winner.as_ref().and_then(|w| w.value());
                    let elected: Vec<&String> = r
                        .rows
                        .iter()
                        .filter(|c| c.elected)
                        .map(|c| &c.candidate)
                        .collect();
                    assert_eq!(elected, [winner.unwrap()], "{}", e.id);
                }
                (Computed::NotComputed { why }, _) => {
                    assert!(!why.is_empty());
                }
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

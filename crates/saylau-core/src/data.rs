//! The seed's data: units, parties and their histories, election results and membership.
//!
//! The data is TOML text (built in from `data/kz/`, see [`crate::builtin::data`]); this module
//! parses it into typed values and checks that its cross-references hold. It does no I/O.
//!
//! Every figure carries its source. A figure no source gives is a [`Figure::Unknown`] with the
//! reason, never a guess: Kusainov's votes in the presidential election of 2015, for one, are
//! not found, so that election runs on the published shares. Where sources conflict, the figure
//! followed is the value and the other is in its note (the 2007 Mazhilis counts are the final
//! ones, which give the seed's shares; the Commission's preliminary counts are in the notes).
//! Shares are exact decimals ([`Decimal`]); membership density is computed as an exact
//! [`Fraction`] and only formatted for display.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::exact::date::FuzzyDate;
use crate::exact::fraction::Fraction;
use crate::law::{Param, Rulebook};

// ---------------------------------------------------------------------------------------------
// errors

/// Data that cannot be used, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DataError {
    /// The text is not valid TOML or does not have the expected shape.
    #[error("{file}{}: {message}", line_suffix(.line))]
    Parse {
        file: String,
        line: Option<usize>,
        message: String,
    },
    /// The text parses, but a check across entries fails (a duplicate id, a dangling reference).
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    #[error("no data file is named `{0}`")]
    MissingFile(String),
    #[error("unknown election `{0}`")]
    UnknownElection(String),
    #[error("election `{id}` has no vote figures to run: {why}")]
    NoVotes { id: String, why: String },
    /// The rulebook the data is checked against does not load.
    #[error("{0}")]
    Rulebook(String),
}

fn line_suffix(line: &Option<usize>) -> String {
    line.map(|l| format!(":{l}")).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// figures with their source

/// A figure and its source, or the reason no source gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    untagged,
    try_from = "RawFigure<T>",
    bound(deserialize = "T: Deserialize<'de>")
)]
pub enum Figure<T> {
    Known {
        value: T,
        source: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    Unknown {
        /// Why the figure is unknown.
        #[serde(rename = "unknown")]
        why: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
}

impl<T> Figure<T> {
    /// The value, if a source gives it.
    pub fn value(&self) -> Option<&T> {
        match self {
            Figure::Known { value, .. } => Some(value),
            Figure::Unknown { .. } => None,
        }
    }

    /// The source of a known value.
    pub fn source(&self) -> Option<&str> {
        match self {
            Figure::Known { source, .. } => Some(source),
            Figure::Unknown { .. } => None,
        }
    }

    /// Why the value is unknown, if it is.
    pub fn why_unknown(&self) -> Option<&str> {
        match self {
            Figure::Known { .. } => None,
            Figure::Unknown { why, .. } => Some(why),
        }
    }

    pub fn note(&self) -> Option<&str> {
        match self {
            Figure::Known { note, .. } | Figure::Unknown { note, .. } => note.as_deref(),
        }
    }
}

/// A figure as written: `{ value = ..., source = "..." }` or `{ unknown = "why" }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure<T> {
    value: Option<T>,
    unknown: Option<String>,
    source: Option<String>,
    note: Option<String>,
}

impl<T> TryFrom<RawFigure<T>> for Figure<T> {
    type Error = String;

    fn try_from(raw: RawFigure<T>) -> Result<Figure<T>, String> {
        let note = non_empty(raw.note);
        match (raw.value, non_empty(raw.unknown), non_empty(raw.source)) {
            (Some(_), Some(_), _) => Err("give either `value` or `unknown`, not both".into()),
            (Some(value), None, Some(source)) => Ok(Figure::Known {
                value,
                source,
                note,
            }),
            (Some(_), None, None) => Err("a `value` needs its `source`".into()),
            (None, Some(why), None) => Ok(Figure::Unknown { why, note }),
            (None, Some(_), Some(_)) => {
                Err("an unknown figure gives its reason in `unknown` and has no `source`".into())
            }
            (None, None, _) => {
                Err("missing `value` (or `unknown` with the reason no source gives it)".into())
            }
        }
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// An exact decimal as published, such as `"88.41"`: its text and its exact value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decimal {
    text: String,
    value: Fraction,
}

impl Decimal {
    pub fn parse(text: &str) -> Option<Decimal> {
        let text = text.trim();
        if text.contains('/') {
            return None;
        }
        Fraction::parse(text).map(|value| Decimal {
            text: text.to_string(),
            value,
        })
    }

    /// The decimal as written in the source, trailing zeros included (`"1.10"`).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn value(&self) -> Fraction {
        self.value
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Decimal {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        let text = String::deserialize(deserializer)?;
        Decimal::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a decimal string such as \"88.41\""
            ))
        })
    }
}

fn fuzzy_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<FuzzyDate, D::Error> {
    let text = String::deserialize(deserializer)?;
    FuzzyDate::parse(&text).map_err(serde::de::Error::custom)
}

fn yes() -> bool {
    true
}

// ---------------------------------------------------------------------------------------------
// units

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Region,
    /// The capital, or a city of republican status.
    City,
}

/// A region or a city of republican status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// The spelling the rulebook uses in `state.units`.
    pub id: String,
    pub name: String,
    pub kind: UnitKind,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// parties

/// Party families as the seed's Table 2 groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Party of rural workers, landless.
    Rural,
    /// Communist, post-communist, social democratic.
    Labour,
    Conservative,
    Liberal,
}

/// Where a party stands toward the president ('General significance of parties').
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Camp {
    ProPresidential,
    /// The moderate or "friendly" opposition.
    ModerateOpposition,
    /// "Not making concessions"; the seed stresses it does not mean calling for violence.
    RadicalOpposition,
}

/// The status codes of Tables 1 and 2, kept as the seed writes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyStatus {
    /// Table 1, "present status".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table1: Option<String>,
    /// Table 2, "present situation".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub present: Option<String>,
    /// Table 2, "situation prior to the present".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior: Option<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Founded,
    Registered,
    Renamed,
    MergedInto,
    Liquidated,
    BlocFormed,
    BlocDissolved,
    SplitFrom,
}

/// An event in a party's life, dated as precisely as the source gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    #[serde(deserialize_with = "fuzzy_date")]
    pub date: FuzzyDate,
    pub kind: EventKind,
    /// The other party involved (merged into, split from, bloc partner), by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    pub text: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// A short ascii slug: `nur_otan`, `ak_zhol`.
    pub id: String,
    pub name: String,
    pub short_name: String,
    /// Other names the seed uses, so that any of its spellings finds the party.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Whether the party is among the ten registered in 2009 (seed, 'Relevant parties').
    pub registered_2009: bool,
    pub founded: Figure<u16>,
    pub family: Figure<Family>,
    pub camp: Figure<Camp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<PartyStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default)]
    pub history: Vec<Event>,
}

impl Party {
    /// Every name the party answers to: id, name, short name and aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        [
            self.id.as_str(),
            self.name.as_str(),
            self.short_name.as_str(),
        ]
        .into_iter()
        .chain(self.aliases.iter().map(String::as_str))
    }

    /// Whether `key` is one of the party's names, ignoring case, spacing and curly quotes.
    pub fn answers_to(&self, key: &str) -> bool {
        let key = normalize(key);
        self.names().any(|n| normalize(n) == key)
    }
}

/// A name folded for matching: lowercase, single spaces, straight apostrophes.
fn normalize(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['\u{2019}', '\u{2018}'], "'")
        .to_lowercase()
}

// ---------------------------------------------------------------------------------------------
// elections

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    Mazhilis,
    President,
    Senate,
}

/// One party or candidate in an election's results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultRow {
    pub name: String,
    /// How the seed spells the name, where that differs from `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed_name: Option<String>,
    /// The party, by id, if the row is a party or a party's candidate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    /// False for a party that did not stand on its own (boycotted, or inside another's list).
    #[serde(default = "yes")]
    pub contested: bool,
    /// The seed's words for a row without figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The share in percent as published: the seed's, for the elections the seed reports; for
    /// later ones the share the Central Election Commission announced, as a source quotes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<Figure<Decimal>>,
    /// The vote count, where a public source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub votes: Option<Figure<u64>>,
    /// The share in percent published together with the vote counts, where that source's share
    /// differs from `share`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub votes_share: Option<Figure<Decimal>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<Figure<u64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Election {
    /// `mazhilis-2007`, `president-1999`.
    pub id: String,
    pub body: Body,
    pub title: String,
    #[serde(deserialize_with = "fuzzy_date")]
    pub date: FuzzyDate,
    pub date_source: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub winner: Option<Figure<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_voters: Option<Figure<u64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participating_voters: Option<Figure<u64>>,
    /// The votes "against all", where the ballot had that line. They are no list and no
    /// candidate: they never win a seat or the office, but the voters who cast them took part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub against_all: Option<Figure<u64>>,
    /// The share in percent "against all" was published with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub against_all_share: Option<Figure<Decimal>>,
    /// The order in which party lists were registered (for the tie rule), by row name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_order: Option<Figure<Vec<String>>>,
    #[serde(default, rename = "row")]
    pub rows: Vec<ResultRow>,
    /// The seats of the election's single-member constituencies, by who nominated the winners;
    /// the rows' `seats` are the list seats. Empty where the election had none or the sources
    /// give no split.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub single_member: Vec<SingleMemberSeats>,
}

/// The `name` of the [`SingleMemberSeats`] row for the candidates no party nominated.
pub const SELF_NOMINATED_NAME: &str = "self-nominated";

/// Seats won in the single-member constituencies of a Mazhilis election by the candidates of
/// one nominator: a party, or the self-nominated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SingleMemberSeats {
    /// The nominating party's name at the time, or the words for candidates no party nominated.
    pub name: String,
    /// The party, by id, where a party nominated them and the data knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    pub seats: Figure<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A national referendum and its published count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Referendum {
    /// `referendum-2022`.
    pub id: String,
    pub title: String,
    #[serde(deserialize_with = "fuzzy_date")]
    pub date: FuzzyDate,
    /// What was put to the vote.
    pub question: String,
    pub source: String,
    pub registered_voters: Figure<u64>,
    pub participating_voters: Figure<u64>,
    pub yes: Figure<u64>,
    pub no: Figure<u64>,
    /// Spoiled ballots.
    pub invalid: Figure<u64>,
    /// Ballots recognised but counted for neither answer, where the Commission reports them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_counted: Option<Figure<u64>>,
    /// The units of the state in which more than half of those who took part said yes, where
    /// a source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units_approving: Option<Figure<u64>>,
    /// The outcome as declared: `adopted` or `rejected`.
    pub published: Figure<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What the numbers of [`ElectionVotes`] count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteUnit {
    /// Votes cast, as counted.
    Votes,
    /// Shares in hundredths of a percent (88.41% is 8841), where only shares are known.
    HundredthsOfPercent,
}

impl VoteUnit {
    pub fn describe(self) -> &'static str {
        match self {
            VoteUnit::Votes => "votes",
            VoteUnit::HundredthsOfPercent => {
                "hundredths of a percent of votes (the sources give shares only)"
            }
        }
    }
}

/// An election's contesting rows as `(name, votes)`, ready for an engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ElectionVotes {
    pub election: String,
    pub unit: VoteUnit,
    /// [`VoteUnit::describe`], for labels.
    pub unit_text: &'static str,
    /// The sources of the figures used.
    pub source: String,
    pub rows: Vec<(String, u64)>,
}

impl Election {
    /// The row for a name or the seed's spelling of it, ignoring case and spacing.
    pub fn row(&self, name: &str) -> Option<&ResultRow> {
        let key = normalize(name);
        self.rows.iter().find(|r| {
            normalize(&r.name) == key || r.seed_name.as_deref().map(normalize) == Some(key.clone())
        })
    }

    /// The rows that stood in the election.
    pub fn contesting(&self) -> impl Iterator<Item = &ResultRow> {
        self.rows.iter().filter(|r| r.contested)
    }

    /// The votes "against all" and their source, where a source gives them.
    pub fn against_all_votes(&self) -> Option<(u64, &str)> {
        let figure = self.against_all.as_ref()?;
        Some((*figure.value()?, figure.source()?))
    }

    /// The sum of the published shares (`share`) over the contesting rows, if every one is
    /// known.
    pub fn share_total(&self) -> Option<Fraction> {
        self.contesting()
            .try_fold(Fraction::integer(0), |sum, row| {
                let share = row.share.as_ref()?.value()?;
                add(&sum, &share.value())
            })
    }

    /// The rows as `(name, votes)` for running an engine: the vote counts when every
    /// contesting row has one, otherwise the published shares (`share`) in hundredths of a
    /// percent. The votes "against all" are not a row: see [`Election::against_all_votes`].
    pub fn votes(&self) -> Result<ElectionVotes, DataError> {
        let rows: Vec<&ResultRow> = self.contesting().collect();
        let no_votes = |why: String| DataError::NoVotes {
            id: self.id.clone(),
            why,
        };
        if rows.is_empty() {
            let why = self
                .note
                .clone()
                .unwrap_or_else(|| "the data has no result rows".into());
            return Err(no_votes(why));
        }
        let counts: Option<Vec<(&ResultRow, u64, &str)>> = rows
            .iter()
            .map(|r| {
                let figure = r.votes.as_ref()?;
                Some((*r, *figure.value()?, figure.source()?))
            })
            .collect();
        if let Some(counts) = counts {
            return Ok(ElectionVotes {
                election: self.id.clone(),
                unit: VoteUnit::Votes,
                unit_text: VoteUnit::Votes.describe(),
                source: join_sources(counts.iter().map(|(_, _, s)| *s)),
                rows: counts
                    .iter()
                    .map(|(r, v, _)| (r.name.clone(), *v))
                    .collect(),
            });
        }
        let mut out = Vec::with_capacity(rows.len());
        let mut sources = Vec::with_capacity(rows.len());
        for row in &rows {
            let figure = row.share.as_ref();
            let (Some(share), Some(source)) = (
                figure.and_then(Figure::value),
                figure.and_then(Figure::source),
            ) else {
                let why = figure
                    .and_then(Figure::why_unknown)
                    .or_else(|| row.votes.as_ref().and_then(Figure::why_unknown))
                    .unwrap_or("no figure is recorded");
                return Err(no_votes(format!(
                    "neither a count nor a share for `{}`: {why}",
                    row.name
                )));
            };
            let hundredths = share
                .value()
                .checked_mul(&Fraction::integer(100))
                .filter(Fraction::is_integer)
                .and_then(|h| u64::try_from(h.floor()).ok())
                .ok_or_else(|| {
                    no_votes(format!(
                        "the share `{share}` of `{}` has more than two decimals",
                        row.name
                    ))
                })?;
            out.push((row.name.clone(), hundredths));
            sources.push(source);
        }
        Ok(ElectionVotes {
            election: self.id.clone(),
            unit: VoteUnit::HundredthsOfPercent,
            unit_text: VoteUnit::HundredthsOfPercent.describe(),
            source: join_sources(sources.into_iter()),
            rows: out,
        })
    }
}

fn join_sources<'a>(sources: impl Iterator<Item = &'a str>) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for s in sources {
        if !seen.contains(&s) {
            seen.push(s);
        }
    }
    seen.join("; ")
}

/// `a + b`, or `None` if the arithmetic overflows.
fn add(a: &Fraction, b: &Fraction) -> Option<Fraction> {
    let num = a
        .num()
        .checked_mul(b.den())?
        .checked_add(b.num().checked_mul(a.den())?)?;
    Fraction::new(num, a.den().checked_mul(b.den())?)
}

// ---------------------------------------------------------------------------------------------
// membership

/// Table 3's first column, headed 2000: a figure for 2000, or the seed's words where the party
/// did not exist then, sometimes with a figure for a later year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawFirstColumn")]
pub struct FirstColumn {
    /// The year the figure refers to (2000, or the later year the seed gives instead).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<u64>,
    /// The seed's words in the cell, where it gives more than a number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    pub source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFirstColumn {
    year: Option<u16>,
    members: Option<u64>,
    text: Option<String>,
    source: Option<String>,
}

impl TryFrom<RawFirstColumn> for FirstColumn {
    type Error = String;

    fn try_from(raw: RawFirstColumn) -> Result<FirstColumn, String> {
        let Some(source) = non_empty(raw.source) else {
            return Err("missing `source`".into());
        };
        let text = non_empty(raw.text);
        match (raw.year, raw.members, &text) {
            (Some(_), Some(_), _) | (None, None, Some(_)) => Ok(FirstColumn {
                year: raw.year,
                members: raw.members,
                text,
                source,
            }),
            (None, Some(_), _) => Err("`members` needs the `year` it refers to".into()),
            (Some(_), None, _) => Err("a `year` without `members`".into()),
            (None, None, None) => Err("give `year` and `members`, or the seed's `text`".into()),
        }
    }
}

/// One party's row of Table 3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MembershipRow {
    /// The party, by id.
    pub party: String,
    /// The name as Table 3 writes it.
    pub name: String,
    pub first: FirstColumn,
    /// The second column (data of the Central Election Commission).
    pub members_2009: Figure<u64>,
    /// The third column, members / voters × 100, as printed.
    pub published_density: Figure<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Membership density, exactly: `members × 100 / registered_voters`, or `None` when there are
/// no registered voters.
pub fn membership_density(members: u64, registered_voters: u64) -> Option<Fraction> {
    let num = u128::from(members).checked_mul(100)?;
    Fraction::new(num, u128::from(registered_voters))
}

/// A party's density computed from the data, next to the density the seed prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DensityCheck {
    pub party: String,
    pub name: String,
    pub members_2009: Option<u64>,
    pub registered_voters: Option<u64>,
    /// Exact.
    pub computed: Option<Fraction>,
    /// `computed` rounded half up to two decimals, for display and comparison with the seed.
    pub computed_display: Option<String>,
    pub published: Option<Decimal>,
}

// ---------------------------------------------------------------------------------------------
// the dataset

/// All the built-in data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dataset {
    pub units: Vec<Unit>,
    pub parties: Vec<Party>,
    pub elections: Vec<Election>,
    pub referendums: Vec<Referendum>,
    pub membership: Vec<MembershipRow>,
    /// The voters Table 3's density is computed against.
    pub registered_voters_2007: Figure<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsFile {
    #[serde(default)]
    unit: Vec<Unit>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartiesFile {
    #[serde(default)]
    party: Vec<Party>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ElectionsFile {
    #[serde(default)]
    election: Vec<Election>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReferendumsFile {
    #[serde(default)]
    referendum: Vec<Referendum>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MembershipFile {
    registered_voters_2007: Figure<u64>,
    #[serde(default)]
    row: Vec<MembershipRow>,
}

/// The file names [`Dataset::parse`] expects, each the last part of a file's path.
pub const FILE_NAMES: [&str; 5] = [
    "units.toml",
    "parties.toml",
    "elections.toml",
    "referendums.toml",
    "membership.toml",
];

fn parse_file<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<T, DataError> {
    toml::from_str(text).map_err(|e| DataError::Parse {
        file: name.to_string(),
        line: e
            .span()
            .map(|span| text[..span.start.min(text.len())].lines().count().max(1)),
        message: e.message().trim().to_string(),
    })
}

fn find_file<'a>(
    files: &[(&'a str, &'a str)],
    wanted: &str,
) -> Result<(&'a str, &'a str), DataError> {
    files
        .iter()
        .find(|(name, _)| name.rsplit('/').next() == Some(wanted))
        .copied()
        .ok_or_else(|| DataError::MissingFile(wanted.to_string()))
}

impl Dataset {
    /// Parses the data from `(path, text)` pairs, one per name in [`FILE_NAMES`], and checks
    /// its units against the ids the rulebook's `state.units` lists in any period: the
    /// rulebook is the one owner of the units, and the data only names and describes them.
    pub fn parse(files: &[(&str, &str)], book: &Rulebook) -> Result<Dataset, DataError> {
        let (units_name, text) = find_file(files, "units.toml")?;
        let units = parse_file::<UnitsFile>(units_name, text)?.unit;
        let (parties_name, text) = find_file(files, "parties.toml")?;
        let parties = parse_file::<PartiesFile>(parties_name, text)?.party;
        let (elections_name, text) = find_file(files, "elections.toml")?;
        let elections = parse_file::<ElectionsFile>(elections_name, text)?.election;
        let (referendums_name, text) = find_file(files, "referendums.toml")?;
        let referendums = parse_file::<ReferendumsFile>(referendums_name, text)?.referendum;
        let (membership_name, text) = find_file(files, "membership.toml")?;
        let membership = parse_file::<MembershipFile>(membership_name, text)?;
        let data = Dataset {
            units,
            parties,
            elections,
            referendums,
            membership: membership.row,
            registered_voters_2007: membership.registered_voters_2007,
        };
        data.check_units(units_name, &book.ever_listed(Param::StateUnits))?;
        data.check_parties(parties_name)?;
        data.check_elections(elections_name)?;
        data.check_referendums(referendums_name)?;
        data.check_membership(membership_name)?;
        Ok(data)
    }

    /// Each referendum once, its outcome one of the two words, and its ballots adding up to
    /// the voters who took part where every count is known (none more than took part).
    fn check_referendums(&self, file: &str) -> Result<(), DataError> {
        let invalid = |message: String| DataError::Invalid {
            file: file.to_string(),
            message,
        };
        let mut seen = BTreeSet::new();
        for r in &self.referendums {
            let at = || format!("referendum `{}`", crate::text::quote(&r.id));
            if !seen.insert(r.id.as_str()) {
                return Err(invalid(format!("{} is listed twice", at())));
            }
            if let Some(p) = r.published.value()
                && p != "adopted"
                && p != "rejected"
            {
                return Err(invalid(format!(
                    "{}: `published` must be \"adopted\" or \"rejected\", not `{}`",
                    at(),
                    crate::text::quote(p)
                )));
            }
            let parts = [
                Some(&r.yes),
                Some(&r.no),
                Some(&r.invalid),
                r.not_counted.as_ref(),
            ];
            let known: Option<u64> = parts.iter().flatten().map(|f| f.value().copied()).sum();
            if let (Some(sum), Some(took_part)) = (known, r.participating_voters.value())
                && sum != *took_part
            {
                return Err(invalid(format!(
                    "{}: yes, no, invalid and not counted add up to {sum}, not the {took_part} \
                     voters who took part",
                    at()
                )));
            }
            if let (Some(took_part), Some(registered)) =
                (r.participating_voters.value(), r.registered_voters.value())
                && took_part > registered
            {
                return Err(invalid(format!(
                    "{}: {took_part} took part, more than the {registered} registered",
                    at()
                )));
            }
        }
        Ok(())
    }

    /// The referendum with this id.
    pub fn referendum(&self, id: &str) -> Option<&Referendum> {
        self.referendums.iter().find(|r| r.id == id)
    }

    fn check_units(&self, file: &str, rulebook_units: &[&str]) -> Result<(), DataError> {
        let invalid = |message: String| DataError::Invalid {
            file: file.to_string(),
            message,
        };
        let mut seen = BTreeSet::new();
        for unit in &self.units {
            if !rulebook_units.contains(&unit.id.as_str()) {
                return Err(invalid(format!(
                    "unit `{}` is not a unit the rulebook's `state.units` ever lists ({})",
                    crate::text::quote(&unit.id),
                    rulebook_units.join(", ")
                )));
            }
            if !seen.insert(unit.id.as_str()) {
                return Err(invalid(format!("unit `{}` is listed twice", unit.id)));
            }
        }
        Ok(())
    }

    fn check_parties(&self, file: &str) -> Result<(), DataError> {
        let invalid = |message: String| DataError::Invalid {
            file: file.to_string(),
            message,
        };
        let mut ids = BTreeSet::new();
        for party in &self.parties {
            let id = party.id.as_str();
            if id.is_empty()
                || !id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                return Err(invalid(format!(
                    "party id `{id}` is not a lowercase ascii slug such as `nur_otan`"
                )));
            }
            if !ids.insert(id) {
                return Err(invalid(format!("party `{id}` is listed twice")));
            }
        }
        // A name may belong to one party only, or lookups by name would be ambiguous.
        let mut owners: Vec<(String, &str)> = Vec::new();
        for party in &self.parties {
            for name in party.names() {
                let key = normalize(name);
                if let Some((_, other)) = owners.iter().find(|(k, o)| *k == key && *o != party.id) {
                    return Err(invalid(format!(
                        "the name `{name}` belongs to both `{other}` and `{}`",
                        party.id
                    )));
                }
                owners.push((key, party.id.as_str()));
            }
            for event in &party.history {
                if let Some(other) = &event.party
                    && !ids.contains(other.as_str())
                {
                    return Err(invalid(format!(
                        "party `{}`: an event of {} names unknown party `{other}`",
                        party.id, event.date
                    )));
                }
            }
        }
        Ok(())
    }

    fn check_elections(&self, file: &str) -> Result<(), DataError> {
        let invalid = |message: String| DataError::Invalid {
            file: file.to_string(),
            message,
        };
        let mut ids = BTreeSet::new();
        for election in &self.elections {
            let id = election.id.as_str();
            if !ids.insert(id) {
                return Err(invalid(format!("election `{id}` is listed twice")));
            }
            let mut names = BTreeSet::new();
            for row in &election.rows {
                let at = || format!("election `{id}`, row `{}`", row.name);
                if !names.insert(normalize(&row.name)) {
                    return Err(invalid(format!("{} is listed twice", at())));
                }
                if let Some(party) = &row.party
                    && self.party_by_id(party).is_none()
                {
                    return Err(invalid(format!("{}: unknown party `{party}`", at())));
                }
                if row.contested {
                    if row.share.is_none() || row.votes.is_none() {
                        return Err(invalid(format!(
                            "{}: a contesting row records `share` and `votes` (known or unknown)",
                            at()
                        )));
                    }
                } else if row.text.is_none()
                    || row.share.is_some()
                    || row.votes.is_some()
                    || row.seats.is_some()
                {
                    return Err(invalid(format!(
                        "{}: a row with `contested = false` has the seed's `text` and no figures",
                        at()
                    )));
                }
            }
            if election.against_all_share.is_some() && election.against_all.is_none() {
                return Err(invalid(format!(
                    "election `{id}`: `against_all_share` without `against_all`"
                )));
            }
            let mut nominators = BTreeSet::new();
            for seats in &election.single_member {
                let at = || format!("election `{id}`, single-member seats of `{}`", seats.name);
                if !nominators.insert(normalize(&seats.name)) {
                    return Err(invalid(format!("{} are listed twice", at())));
                }
                if let Some(party) = &seats.party
                    && self.party_by_id(party).is_none()
                {
                    return Err(invalid(format!("{}: unknown party `{party}`", at())));
                }
            }
        }
        Ok(())
    }

    fn check_membership(&self, file: &str) -> Result<(), DataError> {
        let invalid = |message: String| DataError::Invalid {
            file: file.to_string(),
            message,
        };
        let mut seen = BTreeSet::new();
        for row in &self.membership {
            if self.party_by_id(&row.party).is_none() {
                return Err(invalid(format!(
                    "row `{}`: unknown party `{}`",
                    row.name, row.party
                )));
            }
            if !seen.insert(row.party.as_str()) {
                return Err(invalid(format!("party `{}` has two rows", row.party)));
            }
        }
        Ok(())
    }

    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id.trim())
    }

    fn party_by_id(&self, id: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.id == id)
    }

    /// The party with this id, name, short name or alias, ignoring case and spacing.
    pub fn party(&self, key: &str) -> Option<&Party> {
        self.party_by_id(key.trim())
            .or_else(|| self.parties.iter().find(|p| p.answers_to(key)))
    }

    /// The parties registered in 2009, in the seed's order.
    pub fn registered_parties_2009(&self) -> impl Iterator<Item = &Party> {
        self.parties.iter().filter(|p| p.registered_2009)
    }

    /// The election with this id, such as `mazhilis-2007`.
    pub fn election(&self, id: &str) -> Option<&Election> {
        let id = id.trim();
        self.elections
            .iter()
            .find(|e| e.id.eq_ignore_ascii_case(id))
    }

    /// An election's rows as `(name, votes)` for running an engine; see [`Election::votes`].
    pub fn votes(&self, election: &str) -> Result<ElectionVotes, DataError> {
        self.election(election)
            .ok_or_else(|| DataError::UnknownElection(election.to_string()))?
            .votes()
    }

    /// A party's row of Table 3.
    pub fn membership_of(&self, party: &str) -> Option<&MembershipRow> {
        let id = self.party(party)?.id.as_str();
        self.membership.iter().find(|r| r.party == id)
    }

    /// Every Table 3 row's density computed from its 2009 members and
    /// [`Dataset::registered_voters_2007`], next to the density the seed prints.
    pub fn densities(&self) -> Vec<DensityCheck> {
        let voters = self.registered_voters_2007.value().copied();
        self.membership
            .iter()
            .map(|row| {
                let members = row.members_2009.value().copied();
                let computed = members
                    .zip(voters)
                    .and_then(|(m, v)| membership_density(m, v));
                DensityCheck {
                    party: row.party.clone(),
                    name: row.name.clone(),
                    members_2009: members,
                    registered_voters: voters,
                    computed,
                    computed_display: computed.map(|c| c.to_decimal(2)),
                    published: row.published_density.value().cloned(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;

    fn data() -> Dataset {
        builtin::data().unwrap_or_else(|e| panic!("the built-in data loads: {e}"))
    }

    /// The built-in files with `from` replaced by `to` in the file whose name ends in `file`.
    fn parse_altered(file: &str, from: &str, to: &str) -> Result<Dataset, DataError> {
        let files: Vec<(&str, String)> = builtin::DATA_FILES
            .iter()
            .map(|(name, text)| {
                if name.ends_with(file) {
                    assert!(text.contains(from), "{file} does not contain {from:?}");
                    (*name, text.replacen(from, to, 1))
                } else {
                    (*name, (*text).to_string())
                }
            })
            .collect();
        let pairs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
        Dataset::parse(&pairs, &builtin::rulebook().unwrap())
    }

    #[test]
    fn builtin_data_loads() {
        let data = data();
        let book = builtin::rulebook().unwrap();
        assert_eq!(data.units.len(), book.ever_listed(Param::StateUnits).len());
        // The seed's fifteen parties come first, the parties formed after 2009 after them.
        let seed: Vec<&str> = data.parties[..15].iter().map(|p| p.id.as_str()).collect();
        assert_eq!(seed[..3], ["nur_otan", "nsdp", "ak_zhol"]);
        assert_eq!(seed[14], "dck");
        assert_eq!(data.membership.len(), 10);
    }

    #[test]
    fn units_are_the_rulebooks_in_its_order() {
        let data = data();
        let ids: Vec<&str> = data.units.iter().map(|u| u.id.as_str()).collect();
        let book = builtin::rulebook().unwrap();
        assert_eq!(ids, book.ever_listed(Param::StateUnits));
        let cities: Vec<&str> = data
            .units
            .iter()
            .filter(|u| u.kind == UnitKind::City)
            .map(|u| u.id.as_str())
            .collect();
        assert_eq!(cities[..2], ["astana", "almaty"]);
    }

    #[test]
    fn ten_parties_registered_in_2009() {
        let data = data();
        let ids: Vec<&str> = data
            .registered_parties_2009()
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "nur_otan",
                "nsdp",
                "ak_zhol",
                "azat",
                "cpk",
                "cppk",
                "adilet",
                "ppk",
                "auyl",
                "rukhaniyat"
            ]
        );
    }

    #[test]
    fn parties_are_found_by_any_name() {
        let data = data();
        let find = |key: &str| data.party(key).map(|p| p.id.as_str());
        assert_eq!(find("People's Democratic Party NUR OTAN"), Some("nur_otan"));
        assert_eq!(find("Nur Otan"), Some("nur_otan"));
        assert_eq!(
            find("  people\u{2019}s   democratic party nur otan "),
            Some("nur_otan")
        );
        assert_eq!(find("Naguyz Ak zhol"), Some("azat"));
        assert_eq!(find("Nagyz Ak zhol"), Some("azat"));
        assert_eq!(
            find("Democratic Party of Kazakhstan Ak zhol"),
            Some("ak_zhol")
        );
        assert_eq!(
            find("The Communist People's Party of Kazakhstan"),
            Some("cppk")
        );
        assert_eq!(find("Communistic People Party of Kazakhstan"), Some("cppk"));
        assert_eq!(find("dck"), Some("dck"));
        assert_eq!(find("Green Party"), None);
    }

    #[test]
    fn every_election_row_and_membership_row_finds_its_party() {
        let data = data();
        for election in &data.elections {
            for row in &election.rows {
                if let Some(party) = &row.party {
                    assert!(data.party(party).is_some(), "{}: {party}", election.id);
                }
            }
        }
        for row in &data.membership {
            assert_eq!(
                data.party(&row.name).map(|p| p.id.as_str()),
                Some(row.party.as_str())
            );
        }
        let mazhilis = data.election("mazhilis-2007").unwrap();
        for row in &mazhilis.rows {
            assert_eq!(
                data.party(&row.name).map(|p| p.id.as_str()),
                row.party.as_deref(),
                "{}",
                row.name
            );
        }
    }

    #[test]
    fn histories_record_the_seeds_events_and_discrepancies() {
        let data = data();
        let otan = data.party("otan").unwrap();
        let merger = &otan.history[0];
        assert_eq!(merger.kind, EventKind::MergedInto);
        assert_eq!(merger.party.as_deref(), Some("nur_otan"));
        assert_eq!(merger.date.to_string(), "2006-07");
        assert!(merger.note.as_deref().unwrap().contains("July 2005"));
        let dck = data.party("Democratic Choice of Kazakhstan").unwrap();
        assert_eq!(dck.history[0].kind, EventKind::Liquidated);
        assert_eq!(dck.history[0].date.to_string(), "2005-01");
        let azat = data.party("azat").unwrap();
        assert_eq!(azat.founded.value(), Some(&2006));
        assert!(azat.founded.note().unwrap().contains("2005"));
        let ppk = data.party("ppk").unwrap();
        assert!(ppk.founded.why_unknown().is_some());
        let ak_zhol = data.party("ak_zhol").unwrap();
        assert_eq!(ak_zhol.status.as_ref().unwrap().prior.as_deref(), Some("0"));
    }

    #[test]
    fn table3_densities_are_computed_exactly() {
        let data = data();
        assert_eq!(data.registered_voters_2007.value(), Some(&8_891_561));
        let checks = data.densities();
        assert_eq!(checks.len(), 10);
        let nur_otan = &checks[0];
        assert_eq!(nur_otan.party, "nur_otan");
        assert_eq!(nur_otan.computed, Fraction::new(60_800_000, 8_891_561));
        // The seed prints 6.83; 608,000 × 100 / 8,891,561 rounds to 6.84.
        assert_eq!(nur_otan.computed_display.as_deref(), Some("6.84"));
        assert_eq!(
            nur_otan.published.as_ref().map(Decimal::as_str),
            Some("6.83")
        );
        for check in &checks {
            assert!(check.computed.is_some(), "{}", check.party);
            assert!(check.published.is_some(), "{}", check.party);
        }
        let azat = checks.iter().find(|c| c.party == "azat").unwrap();
        assert_eq!(azat.computed_display.as_deref(), Some("1.10"));
        assert_eq!(membership_density(1, 0), None);
    }

    #[test]
    fn table3_first_column_keeps_the_seeds_words() {
        let data = data();
        let nsdp = data.membership_of("nsdp").unwrap();
        assert_eq!(nsdp.first.members, None);
        assert_eq!(
            nsdp.first.text.as_deref(),
            Some("party was only founded in 2006")
        );
        let ak_zhol = data.membership_of("Ak zhol").unwrap();
        assert_eq!(
            (ak_zhol.first.year, ak_zhol.first.members),
            (Some(2002), Some(90_000))
        );
    }

    #[test]
    fn mazhilis_2007_shares_sum_to_99_99() {
        let data = data();
        let election = data.election("mazhilis-2007").unwrap();
        assert_eq!(election.date.to_string(), "2007-08-18");
        assert_eq!(election.share_total(), Fraction::parse("99.99"));
        assert_eq!(election.contesting().count(), 7);
        let seats: u64 = election
            .contesting()
            .filter_map(|r| r.seats.as_ref()?.value().copied())
            .sum();
        assert_eq!(seats, 98);
        assert_eq!(
            election.participating_voters.as_ref().unwrap().value(),
            Some(&6_082_430)
        );
        assert!(
            election
                .registration_order
                .as_ref()
                .unwrap()
                .why_unknown()
                .is_some()
        );
    }

    #[test]
    fn mazhilis_2007_votes_are_the_final_counts_and_give_the_seeds_shares() {
        let data = data();
        let votes = data.votes("mazhilis-2007").unwrap();
        assert_eq!(votes.unit, VoteUnit::Votes);
        let numbers: Vec<u64> = votes.rows.iter().map(|(_, v)| *v).collect();
        assert_eq!(
            numbers,
            [5_247_720, 269_310, 183_346, 89_855, 76_799, 46_436, 22_159]
        );
        assert!(votes.source.contains("franco.wiki"), "{}", votes.source);
        // Each count over the valid list votes, rounded half up, is the seed's share.
        let total: u64 = numbers.iter().sum();
        assert_eq!(total, 5_935_625);
        let election = data.election("mazhilis-2007").unwrap();
        for (name, v) in &votes.rows {
            let row = election.row(name).unwrap();
            let seed = row.share.as_ref().unwrap().value().unwrap();
            let shown = Fraction::new(u128::from(*v) * 100, u128::from(total))
                .unwrap()
                .to_decimal(2);
            assert_eq!(shown, seed.as_str(), "{name}");
            // The Commission's preliminary count is kept beside the final one.
            let note = row.votes.as_ref().unwrap().note().unwrap();
            assert!(note.contains("preliminary"), "{name}: {note}");
        }
    }

    #[test]
    fn president_1999_votes_are_the_published_counts() {
        let data = data();
        let votes = data.votes("president-1999").unwrap();
        assert_eq!(votes.unit, VoteUnit::Votes);
        let numbers: Vec<u64> = votes.rows.iter().map(|(_, v)| *v).collect();
        assert_eq!(numbers, [5_846_817, 857_386, 337_794, 55_708]);
        let election = data.election("president-1999").unwrap();
        let nazarbaev = election.row("Nursultan Nazarbaev").unwrap();
        assert!(
            nazarbaev
                .share
                .as_ref()
                .unwrap()
                .why_unknown()
                .unwrap()
                .contains("almost 80")
        );
        let gabbasov = election.row("Enguels Gabbasov").unwrap();
        assert_eq!(
            gabbasov
                .share
                .as_ref()
                .unwrap()
                .value()
                .map(Decimal::as_str),
            Some("0.79")
        );
        assert_eq!(
            gabbasov
                .votes_share
                .as_ref()
                .unwrap()
                .value()
                .map(Decimal::as_str),
            Some("0.76")
        );
    }

    #[test]
    fn president_2005_votes_are_shares_and_the_date_is_a_month() {
        let data = data();
        let election = data.election("president-2005").unwrap();
        assert_eq!(election.date.to_string(), "2005-12");
        assert_eq!(election.share_total(), Fraction::parse("99.99"));
        assert_eq!(
            election.row("Alikhan Buymenov").map(|r| r.name.as_str()),
            Some("Alikhan Baimenov")
        );
        let votes = data.votes("president-2005").unwrap();
        assert_eq!(votes.unit, VoteUnit::HundredthsOfPercent);
        assert!(votes.unit_text.contains("the sources give shares only"));
        assert_eq!(votes.rows[0].1, 9115);
    }

    #[test]
    fn against_all_is_a_figure_of_the_election_not_a_row() {
        let data = data();
        let e = data.election("mazhilis-2023").unwrap();
        assert_eq!(e.against_all_votes().map(|(v, _)| v), Some(248_291));
        assert_eq!(
            e.against_all_share
                .as_ref()
                .and_then(Figure::value)
                .map(Decimal::as_str),
            Some("3.90")
        );
        assert!(
            e.rows
                .iter()
                .all(|r| !r.name.to_lowercase().contains("against"))
        );
        let votes = e.votes().unwrap();
        assert_eq!(votes.rows.len(), 7);
        assert_eq!(
            votes.rows.iter().map(|(_, v)| v).sum::<u64>() + 248_291,
            6_366_441
        );
        // Where no count is found the figure says why; where the ballot had no line there is
        // no figure at all.
        let e2004 = data.election("mazhilis-2004").unwrap();
        assert!(e2004.against_all.as_ref().unwrap().why_unknown().is_some());
        assert_eq!(e2004.against_all_votes(), None);
        assert!(
            data.election("mazhilis-2021")
                .unwrap()
                .against_all
                .is_none()
        );
        assert_eq!(
            data.election("president-2022")
                .unwrap()
                .against_all_votes()
                .map(|(v, _)| v),
            Some(460_484)
        );
    }

    #[test]
    fn a_referendum_count_must_add_up_and_its_outcome_be_a_word_the_data_knows() {
        let e = parse_altered("referendums.toml", "value = 7954667", "value = 7954666")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("data/kz/referendums.toml"), "{e}");
        assert!(
            e.contains(
                "referendum `referendum-2026`: yes, no, invalid and not counted add up to \
                 9127191, not the 9127192 voters who took part"
            ),
            "{e}"
        );
        let e = parse_altered(
            "referendums.toml",
            "published = { value = \"adopted\", source = \"Central Election Commission, 17 March",
            "published = { value = \"approved\", source = \"Central Election Commission, 17 March",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("must be \"adopted\" or \"rejected\", not `approved`"),
            "{e}"
        );
        let e = parse_altered(
            "referendums.toml",
            "id = \"referendum-2022\"",
            "id = \"referendum-2026\"",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("`referendum-2026` is listed twice"), "{e}");
        let e = parse_altered(
            "referendums.toml",
            "units_approving = { value = 17,",
            "units_approving = { count = 17,",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("data/kz/referendums.toml:"), "{e}");
    }

    #[test]
    fn the_2023_single_member_seats_follow_the_commission_and_keep_electionguide() {
        let data = data();
        let e = data.election("mazhilis-2023").unwrap();
        let seats: Vec<(&str, u64)> = e
            .single_member
            .iter()
            .map(|s| (s.name.as_str(), *s.seats.value().unwrap()))
            .collect();
        assert_eq!(
            seats,
            [
                ("Amanat", 22),
                ("self-nominated", 7),
                ("Nationwide Social Democratic Party", 0)
            ]
        );
        assert!(
            e.single_member[1]
                .seats
                .note()
                .unwrap()
                .contains("6 independents")
        );
        assert!(
            e.single_member[2]
                .seats
                .note()
                .unwrap()
                .contains("ElectionGuide")
        );
    }

    #[test]
    fn against_all_share_needs_its_count_and_single_member_parties_must_exist() {
        let e = parse_altered(
            "elections.toml",
            "against_all = { value = 248291,",
            "against_all_count = { value = 248291,",
        )
        .unwrap_err();
        assert!(e.to_string().contains("against_all_count"), "{e}");
        let e = parse_altered(
            "elections.toml",
            "name = \"self-nominated\"",
            "name = \"self-nominated\"\nparty = \"independents\"",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "data/kz/elections.toml: election `mazhilis-2023`, single-member seats of \
             `self-nominated`: unknown party `independents`"
        );
    }

    #[test]
    fn a_share_only_election_after_the_seed_runs_on_the_commissions_shares() {
        let votes = data().votes("president-2015").unwrap();
        assert_eq!(votes.unit, VoteUnit::HundredthsOfPercent);
        let numbers: Vec<u64> = votes.rows.iter().map(|(_, v)| *v).collect();
        assert_eq!(numbers, [9775, 161, 64]);
    }

    #[test]
    fn elections_without_figures_say_so() {
        let data = data();
        for id in ["president-1991", "senate-2008"] {
            let e = data.votes(id).unwrap_err();
            assert!(matches!(e, DataError::NoVotes { .. }), "{e}");
        }
        let e = data.votes("mazhilis-2099").unwrap_err();
        assert_eq!(e.to_string(), "unknown election `mazhilis-2099`");
    }

    #[test]
    fn a_figure_without_source_is_refused_with_its_line() {
        let e = parse_altered(
            "parties.toml",
            "founded = { value = 1998, source = \"seed, Table 2\" }",
            "founded = { value = 1998 }",
        )
        .unwrap_err();
        match &e {
            DataError::Parse {
                file,
                line,
                message,
            } => {
                assert_eq!(file, "data/kz/parties.toml");
                assert!(line.is_some());
                assert!(message.contains("needs its `source`"), "{e}");
            }
            other => panic!("expected a parse error, got {other}"),
        }
    }

    #[test]
    fn unknown_fields_and_bad_decimals_are_refused() {
        let e = parse_altered(
            "units.toml",
            "kind = \"region\"",
            "kind = \"region\"\ncapital = false",
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("data/kz/units.toml:"), "{e}");
        assert!(e.to_string().contains("capital"), "{e}");
        let e = parse_altered("elections.toml", "value = \"88.41\"", "value = 88.41").unwrap_err();
        assert!(e.to_string().starts_with("data/kz/elections.toml:"), "{e}");
        let e =
            parse_altered("elections.toml", "value = \"88.41\"", "value = \"88,41\"").unwrap_err();
        assert!(e.to_string().contains("`88,41` is not a decimal"), "{e}");
    }

    #[test]
    fn dangling_references_are_refused() {
        let e =
            parse_altered("membership.toml", "party = \"nsdp\"", "party = \"nsdp2\"").unwrap_err();
        assert_eq!(
            e.to_string(),
            "data/kz/membership.toml: row `National Social Democratic Party`: unknown party `nsdp2`"
        );
        // A unit id the rulebook's `state.units` never lists is refused: the rulebook owns
        // the units, the data only describes them.
        let e = parse_altered("units.toml", "id = \"akmola\"", "id = \"baikonur\"").unwrap_err();
        assert!(
            e.to_string().starts_with(
                "data/kz/units.toml: unit `baikonur` is not a unit the rulebook's `state.units` ever lists (akmola, aktobe,"
            ),
            "{e}"
        );
        let e = parse_altered(
            "parties.toml",
            "aliases = [\"Adilet\"]",
            "aliases = [\"Azat\"]",
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("belongs to both `azat` and `adilet`"),
            "{e}"
        );
    }

    #[test]
    fn dataset_serializes_to_json() {
        let json = serde_json::to_value(data()).unwrap();
        let row = &json["elections"][0]["row"][0];
        assert_eq!(row["share"]["value"], "88.41");
        assert_eq!(row["votes"]["value"], 5_247_720);
        assert!(
            row["votes"]["note"]
                .as_str()
                .is_some_and(|s| s.contains("5,174,169"))
        );
        // Fields an election does not have are left out, not written as null.
        assert!(json["elections"][0].get("against_all").is_none());
        assert!(json["elections"][0].get("single_member").is_none());
        assert_eq!(json["parties"][0]["history"][1]["date"], "2006-07");
    }
}

//! The rulebook: every parameter a legislature can change, as a dated and cited timeline.
//!
//! A [`Rulebook`] is loaded from TOML text (see [`load`]); reforms are overlays loaded the same
//! way. [`Law::at`] answers "what was the value on this day, and why": a [`Cited`] value that
//! carries the date it took effect and its source. A day before the first value is an error,
//! never a default; a value the sources do not give is recorded as unknown and reported so.

mod load;
mod params;

use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

use crate::exact::date::FuzzyDate;
use crate::exact::fraction::Fraction;

pub use load::{LoadError, load_reform, load_rulebook};
pub use params::{
    APPOINTMENT_ACTS, CHAMBER_SEAT_KINDS, CHARTER_CONTENTS, DONOR_KINDS, Kind, METHODS,
    OCCUPATIONS, Param, SEAT_RULES, THRESHOLD_BASES, TIE_RULES, is_slug,
};

/// A parameter's value in one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Count(u64),
    /// No limit (for [`Kind::OptionalCount`]).
    NoLimit,
    /// A percentage: `7` means 7%.
    Percent(Fraction),
    Ratio(Fraction),
    Flag(bool),
    Choice(String),
    List(Vec<String>),
    Money {
        amount: u64,
        currency: String,
    },
    Appointments(Vec<Appointment>),
    Dismissals(Vec<Dismissal>),
    Chambers(Vec<Chamber>),
    /// The parameter is no longer in force: the institution or rule it describes ended.
    Repealed,
    /// The sources do not give the value for this period.
    Unknown,
}

/// How one office is filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Appointment {
    pub office: String,
    /// The office that proposes (nominates, submits), where one does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposer: Option<String>,
    /// The office that decides.
    pub decider: String,
    /// What the decider does: one of [`APPOINTMENT_ACTS`].
    pub act: String,
}

/// Who may remove the holder of one office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dismissal {
    pub office: String,
    pub by: String,
}

/// A chamber of parliament and how it fills its seats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chamber {
    pub id: String,
    pub name: String,
    pub seats: Vec<ChamberSeats>,
}

/// Seats of one kind in a chamber, counted by a parameter of the rulebook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChamberSeats {
    /// One of [`CHAMBER_SEAT_KINDS`].
    pub kind: String,
    /// The parameter that counts them (for `per_unit`, the seats of each unit).
    #[serde(serialize_with = "param_name")]
    pub count: Param,
}

fn param_name<S: serde::Serializer>(param: &Param, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(param.name())
}

impl fmt::Display for Chamber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seats: Vec<String> = self
            .seats
            .iter()
            .map(|s| format!("{} ({})", s.kind, s.count))
            .collect();
        write!(f, "{}: {}", self.id, seats.join(", "))
    }
}

impl fmt::Display for Appointment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.proposer {
            Some(p) => write!(
                f,
                "{}: the {p} proposes, the {} {}",
                self.office, self.decider, self.act
            ),
            None => write!(f, "{}: the {} {}", self.office, self.decider, self.act),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Count(n) => write!(f, "{n}"),
            Value::NoLimit => f.write_str("none"),
            Value::Percent(p) => write!(f, "{}%", p.to_exact_string()),
            Value::Ratio(r) => f.write_str(&r.to_exact_string()),
            Value::Flag(b) => write!(f, "{b}"),
            Value::Choice(c) => f.write_str(c),
            Value::List(items) => write!(f, "[{}]", items.join(", ")),
            Value::Money { amount, currency } => write!(f, "{amount} {currency}"),
            Value::Appointments(items) => {
                let items: Vec<String> = items.iter().map(ToString::to_string).collect();
                write!(f, "[{}]", items.join("; "))
            }
            Value::Dismissals(items) => {
                let items: Vec<String> = items
                    .iter()
                    .map(|d| format!("{}: the {}", d.office, d.by))
                    .collect();
                write!(f, "[{}]", items.join("; "))
            }
            Value::Chambers(items) => {
                let items: Vec<String> = items.iter().map(ToString::to_string).collect();
                write!(f, "[{}]", items.join("; "))
            }
            Value::Repealed => f.write_str("repealed"),
            Value::Unknown => f.write_str("unknown"),
        }
    }
}

impl Value {
    /// Whether the value is of `kind` (an unknown value fits every kind).
    pub fn fits(&self, kind: Kind) -> bool {
        match (self, kind) {
            (Value::Unknown | Value::Repealed, _)
            | (Value::Count(_), Kind::Count | Kind::OptionalCount)
            | (Value::NoLimit, Kind::OptionalCount)
            | (Value::Percent(_), Kind::Percent)
            | (Value::Ratio(_), Kind::Ratio)
            | (Value::Flag(_), Kind::Flag)
            | (Value::Money { .. }, Kind::Money)
            | (Value::Appointments(_), Kind::Appointments)
            | (Value::Dismissals(_), Kind::Dismissals)
            | (Value::Chambers(_), Kind::Chambers) => true,
            (Value::Choice(c), Kind::Choice(options)) => options.contains(&c.as_str()),
            (Value::List(items), Kind::List(options)) => {
                options.is_none_or(|o| items.iter().all(|i| o.contains(&i.as_str())))
            }
            (Value::List(items), Kind::Ids) => {
                items.iter().all(|i| is_slug(i))
                    && items
                        .iter()
                        .enumerate()
                        .all(|(n, i)| !items[..n].contains(i))
            }
            _ => false,
        }
    }
}

/// An act (constitution, amendment, law) that rulebook entries may point to.
#[derive(Debug, Clone, Serialize)]
pub struct Act {
    pub id: String,
    pub title: String,
    pub date: FuzzyDate,
    /// When the act comes into force, where that is later than its date and the sources say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_force: Option<FuzzyDate>,
    pub source: String,
    /// Where the act's own text can be read (the official legal database), where it can.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One period of a parameter's timeline.
#[derive(Debug, Clone)]
pub struct Entry {
    /// When the value took effect.
    pub from: FuzzyDate,
    /// The last day the value is known to hold, if the source covers only a period.
    pub until: Option<Date>,
    pub value: Value,
    /// The citation: article and act, the seed's section, or a named public source.
    pub source: String,
    /// The act this value comes from, if listed in the acts file.
    pub act: Option<String>,
    /// A recorded interpretation or a discrepancy between sources.
    pub note: Option<String>,
    /// Where the entry was written: `law/kz/mazhilis.toml:12`.
    pub origin: String,
}

/// A reform overlay: parameters changed from a date, for counterfactuals.
#[derive(Debug, Clone)]
pub struct Reform {
    pub name: String,
    pub description: String,
    pub file: String,
    timelines: BTreeMap<Param, Vec<Entry>>,
}

impl Reform {
    /// A reform of values given directly rather than read from a file (a what-if asked on a
    /// page or the command line), each in force from `from` and cited as `source`. A value of
    /// the wrong kind for its parameter is refused.
    pub fn given(
        name: &str,
        source: &str,
        from: Date,
        values: Vec<(Param, Value)>,
    ) -> Result<Reform, String> {
        let mut timelines = BTreeMap::new();
        for (param, value) in values {
            if !value.fits(param.kind()) {
                return Err(format!(
                    "`{param}` takes {}, not `{value}`",
                    param.kind().describe()
                ));
            }
            timelines.insert(
                param,
                vec![Entry {
                    from: FuzzyDate::day(from),
                    until: None,
                    value,
                    source: source.to_string(),
                    act: None,
                    note: None,
                    origin: name.to_string(),
                }],
            );
        }
        if timelines.is_empty() {
            return Err("the reform changes no parameter".into());
        }
        Ok(Reform {
            name: name.to_string(),
            description: source.to_string(),
            file: name.to_string(),
            timelines,
        })
    }

    pub fn params(&self) -> impl Iterator<Item = Param> + '_ {
        self.timelines.keys().copied()
    }

    pub fn timeline(&self, param: Param) -> &[Entry] {
        self.timelines.get(&param).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// The whole rulebook of a country.
#[derive(Debug, Clone)]
pub struct Rulebook {
    acts: Vec<Act>,
    timelines: BTreeMap<Param, Vec<Entry>>,
    horizon: Horizon,
}

/// How far the rulebook has been checked against the law's text: past this day it does not
/// know whether any value still holds, and says so instead of answering with the last one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Horizon {
    pub checked_through: Date,
    /// Why that day: what the values were checked against.
    pub source: String,
}

impl Rulebook {
    /// The last day the rulebook has been checked for.
    pub fn horizon(&self) -> &Horizon {
        &self.horizon
    }

    pub fn acts(&self) -> &[Act] {
        &self.acts
    }

    pub fn act(&self, id: &str) -> Option<&Act> {
        self.acts.iter().find(|a| a.id == id)
    }

    pub fn timeline(&self, param: Param) -> &[Entry] {
        self.timelines.get(&param).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every item a list parameter lists in any period, in the order of first mention: the
    /// units of `state.units` ever, for checking data that names units of any year.
    pub fn ever_listed(&self, param: Param) -> Vec<&str> {
        let mut all: Vec<&str> = Vec::new();
        for entry in self.timeline(param) {
            if let Value::List(items) = &entry.value {
                for item in items {
                    if !all.contains(&item.as_str()) {
                        all.push(item);
                    }
                }
            }
        }
        all
    }

    /// The first day the rulebook covers: the earliest day of its earliest act. Nothing
    /// before it can be checked against the law.
    pub fn first_day(&self) -> Option<Date> {
        self.acts.iter().map(|a| a.date.earliest).min()
    }
}

/// Why a parameter has no usable value on a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LawError {
    #[error("`{param}` is not in force on {date}: its first value takes effect on {first}")]
    NotInForce {
        param: Param,
        date: Date,
        first: FuzzyDate,
    },
    #[error("`{param}` is not in force on {date}: the rulebook has no value for it")]
    Missing { param: Param, date: Date },
    #[error("`{param}` is not in force on {date}: it ended on {since} ({why})")]
    Repealed {
        param: Param,
        date: Date,
        since: FuzzyDate,
        why: String,
    },
    #[error(
        "`{param}` is not known after {checked_through}: the rulebook is checked against the law \
         only through that day, and {date} is later (ask to project the law of \
         {checked_through} forward to see its values on {date})"
    )]
    NotKnownAfter {
        param: Param,
        date: Date,
        checked_through: Date,
    },
    #[error("`{param}` on {date} is unknown: {why}")]
    Unknown {
        param: Param,
        date: Date,
        why: String,
    },
    #[error(
        "`{param}` on {date} is uncertain: it changed on {change}, and the source gives no exact day"
    )]
    Uncertain {
        param: Param,
        date: Date,
        change: FuzzyDate,
    },
    #[error("`{param}` is {found}, where {expected} was expected")]
    WrongKind {
        param: Param,
        found: String,
        expected: &'static str,
    },
}

/// A value together with the rule it comes from: what an explanation cites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LawRef {
    pub parameter: &'static str,
    pub value: String,
    /// The date the value took effect.
    pub from: FuzzyDate,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub act: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The reform that set this value, when it is not the law as enacted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reform: Option<String>,
    /// Set when the value is the law of this day projected forward, as asked: the rulebook
    /// does not know whether it still held on the day looked up.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projected_from: Option<Date>,
}

impl LawRef {
    fn new(param: Param, found: &Found<'_>) -> LawRef {
        LawRef {
            parameter: param.name(),
            value: found.entry.value.to_string(),
            from: found.entry.from,
            source: found.entry.source.clone(),
            act: found.entry.act.clone(),
            note: found.entry.note.clone(),
            reform: found.reform.map(|r| r.name.clone()),
            projected_from: found.projected_from,
        }
    }
}

impl fmt::Display for LawRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} = {} (from {}; {})",
            self.parameter, self.value, self.from, self.source
        )?;
        if let Some(reform) = &self.reform {
            write!(f, " [reform: {reform}]")?;
        }
        if let Some(day) = &self.projected_from {
            write!(
                f,
                " [projected: the law of {day}, not checked for later days]"
            )?;
        }
        Ok(())
    }
}

/// A typed value with its citation.
#[derive(Debug, Clone)]
pub struct Cited<T> {
    pub value: T,
    pub law: LawRef,
}

/// Whether a parameter has a value on a day, and of what standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    InForce,
    /// The law of the rulebook's last checked day, projected forward as asked.
    Projected,
    /// The sources do not give the value.
    Unknown,
    /// The value changed in a month or year the sources give without the day.
    Uncertain,
    /// No value yet on that day.
    NotInForce,
    /// After the day the rulebook is checked through.
    NotKnownAfter,
}

impl Standing {
    /// The standing in words, for tables.
    pub fn words(self) -> &'static str {
        match self {
            Standing::InForce => "in force",
            Standing::Projected => "projected",
            Standing::Unknown => "unknown",
            Standing::Uncertain => "uncertain",
            Standing::NotInForce => "not in force",
            Standing::NotKnownAfter => "not known",
        }
    }

    /// Whether the parameter has a value (in force, or projected as asked).
    pub fn has_value(self) -> bool {
        matches!(self, Standing::InForce | Standing::Projected)
    }
}

/// One parameter on a date, as a table row or a JSON object: its value and citation, or why
/// there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParamAt {
    pub parameter: &'static str,
    pub status: Standing,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reform: Option<String>,
    /// For a projected value: the day whose law is projected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projected_from: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// Every parameter on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LawOn {
    pub date: Date,
    /// The last day the rulebook is checked for.
    pub checked_through: Date,
    /// Whether days after `checked_through` were answered with its law, as asked.
    pub projecting: bool,
    pub reforms: Vec<String>,
    pub parameters: Vec<ParamAt>,
}

/// What differs between two days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LawDiff {
    pub from: Date,
    pub to: Date,
    pub checked_through: Date,
    pub projecting: bool,
    pub reforms: Vec<String>,
    pub differences: Vec<ParamDiff>,
}

/// A parameter that differs between two days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParamDiff {
    pub parameter: &'static str,
    pub before: ParamAt,
    pub after: ParamAt,
}

/// The enacted rulebook with any reforms laid over it.
#[derive(Debug, Clone, Copy)]
pub struct Law<'a> {
    pub book: &'a Rulebook,
    pub reforms: &'a [Reform],
    /// Whether a day after the rulebook's horizon gets the law of the horizon, marked as
    /// projected, instead of "not known". Only when asked for.
    pub project: bool,
}

/// An entry found for a day, with where it comes from.
#[derive(Debug, Clone, Copy)]
pub struct Found<'a> {
    pub entry: &'a Entry,
    pub reform: Option<&'a Reform>,
    pub projected_from: Option<Date>,
}

impl<'a> Law<'a> {
    pub fn new(book: &'a Rulebook, reforms: &'a [Reform]) -> Law<'a> {
        Law {
            book,
            reforms,
            project: false,
        }
    }

    /// The law as enacted: the same rulebook and projection, without the reforms.
    pub fn enacted(self) -> Law<'a> {
        Law {
            reforms: &[],
            ..self
        }
    }

    /// The same rulebook and projection with other reforms laid over it.
    pub fn with_reforms<'b>(self, reforms: &'b [Reform]) -> Law<'b>
    where
        'a: 'b,
    {
        Law {
            book: self.book,
            reforms,
            project: self.project,
        }
    }

    /// The same law, answering days after the horizon with the law of the horizon, each value
    /// marked as projected.
    pub fn projecting(self) -> Law<'a> {
        Law {
            project: true,
            ..self
        }
    }

    pub fn at(self, date: Date) -> LawAt<'a> {
        LawAt { law: self, date }
    }

    /// One parameter on a date, whatever its kind: the value and citation, or why there is
    /// none.
    pub fn param_at(self, param: Param, date: Date) -> ParamAt {
        let mut row = ParamAt {
            parameter: param.name(),
            status: Standing::InForce,
            value: None,
            from: None,
            source: None,
            reform: None,
            projected_from: None,
            why: None,
        };
        match self.entry(param, date) {
            Ok(found) => {
                row.value = Some(found.entry.value.to_string());
                row.from = Some(found.entry.from.to_string());
                row.source = Some(found.entry.source.clone());
                row.reform = found.reform.map(|r| r.name.clone());
                if let Some(day) = found.projected_from {
                    row.status = Standing::Projected;
                    row.projected_from = Some(day);
                    row.why = Some(format!(
                        "the law of {day}, the last day the rulebook is checked for, projected \
                         forward as asked"
                    ));
                }
            }
            Err(e) => {
                row.status = match e {
                    LawError::Unknown { .. } => Standing::Unknown,
                    LawError::Uncertain { .. } => Standing::Uncertain,
                    LawError::NotKnownAfter { .. } => Standing::NotKnownAfter,
                    _ => Standing::NotInForce,
                };
                row.why = Some(e.to_string());
            }
        }
        row
    }

    /// Every parameter on a date.
    pub fn all_at(self, date: Date) -> Vec<ParamAt> {
        Param::ALL.iter().map(|p| self.param_at(*p, date)).collect()
    }

    /// Every parameter on a day, with what the answer rests on: the one value the CLI's
    /// `law at`, `GET /api/law` and the law page show.
    pub fn on(self, date: Date) -> LawOn {
        LawOn {
            date,
            checked_through: self.book.horizon.checked_through,
            projecting: self.project,
            reforms: self.reforms.iter().map(|r| r.name.clone()).collect(),
            parameters: self.all_at(date),
        }
    }

    /// What changed between two days: `law diff`, `GET /api/law?compare=` and the page.
    pub fn compare(self, from: Date, to: Date) -> LawDiff {
        LawDiff {
            from,
            to,
            checked_through: self.book.horizon.checked_through,
            projecting: self.project,
            reforms: self.reforms.iter().map(|r| r.name.clone()).collect(),
            differences: self.diff(from, to),
        }
    }

    /// The parameters whose value or standing differs between two days, in rulebook order. A
    /// value in force on one day and the same value projected to the other is no difference:
    /// projecting means assuming the law unchanged, and the answer says it projects.
    pub fn diff(self, a: Date, b: Date) -> Vec<ParamDiff> {
        Param::ALL
            .iter()
            .map(|p| (self.param_at(*p, a), self.param_at(*p, b)))
            .filter(|(x, y)| {
                x.value != y.value
                    || (x.status != y.status && !(x.status.has_value() && y.status.has_value()))
            })
            .map(|(before, after)| ParamDiff {
                parameter: before.parameter,
                before,
                after,
            })
            .collect()
    }

    pub fn is_reformed(&self) -> bool {
        !self.reforms.is_empty()
    }

    /// The entry in force for `param` on `date`, and the reform it comes from if any.
    /// Later reforms take precedence over earlier ones; all take precedence over the enacted
    /// law from their first date on. A reform's own values hold on any day, the rulebook's only
    /// up to its horizon (or, projecting, the horizon's value).
    pub fn entry(&self, param: Param, date: Date) -> Result<Found<'a>, LawError> {
        for reform in self.reforms.iter().rev() {
            let timeline = reform.timeline(param);
            if let Some(entry) = find(timeline, param, date)? {
                return Ok(Found {
                    entry,
                    reform: Some(reform),
                    projected_from: None,
                });
            }
        }
        let horizon = self.book.horizon.checked_through;
        let (date, projected_from) = if date > horizon {
            if !self.project {
                return Err(LawError::NotKnownAfter {
                    param,
                    date,
                    checked_through: horizon,
                });
            }
            (horizon, Some(horizon))
        } else {
            (date, None)
        };
        let timeline = self.book.timeline(param);
        match find(timeline, param, date)? {
            Some(entry) => Ok(Found {
                entry,
                reform: None,
                projected_from,
            }),
            None => match timeline.first() {
                Some(first) => Err(LawError::NotInForce {
                    param,
                    date,
                    first: first.from,
                }),
                None => Err(LawError::Missing { param, date }),
            },
        }
    }
}

/// Finds the entry in force on `date`, `None` if the timeline has not started yet.
fn find(timeline: &[Entry], param: Param, date: Date) -> Result<Option<&Entry>, LawError> {
    let Some(entry) = timeline.iter().rev().find(|e| e.from.earliest <= date) else {
        return Ok(None);
    };
    if date < entry.from.latest {
        return Err(LawError::Uncertain {
            param,
            date,
            change: entry.from,
        });
    }
    if let Some(until) = entry.until
        && date > until
    {
        return Err(LawError::Unknown {
            param,
            date,
            why: format!(
                "the source gives {} only up to {until} ({})",
                entry.value, entry.source
            ),
        });
    }
    if entry.value == Value::Repealed {
        return Err(LawError::Repealed {
            param,
            date,
            since: entry.from,
            why: entry.source.clone(),
        });
    }
    if entry.value == Value::Unknown {
        return Err(LawError::Unknown {
            param,
            date,
            why: entry.source.clone(),
        });
    }
    Ok(Some(entry))
}

/// The law on one day.
#[derive(Debug, Clone, Copy)]
pub struct LawAt<'a> {
    pub law: Law<'a>,
    pub date: Date,
}

impl<'a> LawAt<'a> {
    pub fn value(&self, param: Param) -> Result<Cited<&'a Value>, LawError> {
        let found = self.law.entry(param, self.date)?;
        Ok(Cited {
            value: &found.entry.value,
            law: LawRef::new(param, &found),
        })
    }

    fn wrong(param: Param, value: &Value, expected: &'static str) -> LawError {
        LawError::WrongKind {
            param,
            found: value.to_string(),
            expected,
        }
    }

    pub fn count(&self, param: Param) -> Result<Cited<u64>, LawError> {
        let cited = self.value(param)?;
        match cited.value {
            Value::Count(n) => Ok(Cited {
                value: *n,
                law: cited.law,
            }),
            other => Err(Self::wrong(param, other, "a whole number")),
        }
    }

    /// A count that may be "none" (no limit).
    pub fn optional_count(&self, param: Param) -> Result<Cited<Option<u64>>, LawError> {
        let cited = self.value(param)?;
        match cited.value {
            Value::Count(n) => Ok(Cited {
                value: Some(*n),
                law: cited.law,
            }),
            Value::NoLimit => Ok(Cited {
                value: None,
                law: cited.law,
            }),
            other => Err(Self::wrong(param, other, "a whole number or none")),
        }
    }

    /// A percentage, as the number of percent (7% is `7`).
    pub fn percent(&self, param: Param) -> Result<Cited<Fraction>, LawError> {
        let cited = self.value(param)?;
        match cited.value {
            Value::Percent(p) => Ok(Cited {
                value: *p,
                law: cited.law,
            }),
            other => Err(Self::wrong(param, other, "a percentage")),
        }
    }

    pub fn ratio(&self, param: Param) -> Result<Cited<Fraction>, LawError> {
        let cited = self.value(param)?;
        match cited.value {
            Value::Ratio(r) => Ok(Cited {
                value: *r,
                law: cited.law,
            }),
            other => Err(Self::wrong(param, other, "a ratio")),
        }
    }

    pub fn flag(&self, param: Param) -> Result<Cited<bool>, LawError> {
        let cited = self.value(param)?;
        match cited.value {
            Value::Flag(b) => Ok(Cited {
                value: *b,
                law: cited.law,
            }),
            other => Err(Self::wrong(param, other, "true or false")),
        }
    }

    pub fn choice(&self, param: Param) -> Result<Cited<&'a str>, LawError> {
        let cited = self.value(param)?;
        match cited.value {
            Value::Choice(c) => Ok(Cited {
                value: c.as_str(),
                law: cited.law,
            }),
            other => Err(Self::wrong(param, other, "a choice")),
        }
    }

    pub fn list(&self, param: Param) -> Result<Cited<&'a [String]>, LawError> {
        let cited = self.value(param)?;
        match cited.value {
            Value::List(items) => Ok(Cited {
                value: items.as_slice(),
                law: cited.law,
            }),
            other => Err(Self::wrong(param, other, "a list")),
        }
    }

    pub fn appointments(&self, param: Param) -> Result<Cited<&'a [Appointment]>, LawError> {
        let cited = self.value(param)?;
        match cited.value {
            Value::Appointments(items) => Ok(Cited {
                value: items.as_slice(),
                law: cited.law,
            }),
            other => Err(Self::wrong(param, other, "a list of appointments")),
        }
    }

    pub fn dismissals(&self, param: Param) -> Result<Cited<&'a [Dismissal]>, LawError> {
        let cited = self.value(param)?;
        match cited.value {
            Value::Dismissals(items) => Ok(Cited {
                value: items.as_slice(),
                law: cited.law,
            }),
            other => Err(Self::wrong(param, other, "a list of dismissals")),
        }
    }

    pub fn chambers(&self, param: Param) -> Result<Cited<&'a [Chamber]>, LawError> {
        let cited = self.value(param)?;
        match cited.value {
            Value::Chambers(items) => Ok(Cited {
                value: items.as_slice(),
                law: cited.law,
            }),
            other => Err(Self::wrong(param, other, "a list of chambers")),
        }
    }

    pub fn money(&self, param: Param) -> Result<Cited<(u64, &'a str)>, LawError> {
        let cited = self.value(param)?;
        match cited.value {
            Value::Money { amount, currency } => Ok(Cited {
                value: (*amount, currency.as_str()),
                law: cited.law,
            }),
            other => Err(Self::wrong(param, other, "an amount of money")),
        }
    }
}

#[cfg(test)]
mod tests;

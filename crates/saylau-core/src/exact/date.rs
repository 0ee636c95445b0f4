//! Dates as the sources give them: to the day, or only to the month or year.
//!
//! The seed often says "February 2009" or "in 2004". saylau keeps that precision instead of
//! inventing a day, so a lookup inside such a month can answer "uncertain" rather than guess.

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

/// How precisely a source gives a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Day,
    Month,
    Year,
}

/// A date known to the day, month or year: the span `earliest..=latest` of days it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FuzzyDate {
    pub earliest: Date,
    pub latest: Date,
    pub precision: Precision,
}

impl FuzzyDate {
    pub fn day(date: Date) -> FuzzyDate {
        FuzzyDate {
            earliest: date,
            latest: date,
            precision: Precision::Day,
        }
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn parse(text: &str) -> Result<FuzzyDate, String> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let bad = || {
            format!(
                "`{}` is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)",
                crate::text::quote(text)
            )
        };
        let year = |s: &str| -> Result<i16, String> {
            if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            s.parse::<i16>().map_err(|_| bad())
        };
        let small = |s: &str| -> Result<i8, String> {
            if s.len() != 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            s.parse::<i8>().map_err(|_| bad())
        };
        match parts.as_slice() {
            [y, m, d] => {
                let date = Date::new(year(y)?, small(m)?, small(d)?).map_err(|_| bad())?;
                Ok(FuzzyDate::day(date))
            }
            [y, m] => {
                let first = Date::new(year(y)?, small(m)?, 1).map_err(|_| bad())?;
                Ok(FuzzyDate {
                    earliest: first,
                    latest: first.last_of_month(),
                    precision: Precision::Month,
                })
            }
            [y] => {
                let y = year(y)?;
                let first = Date::new(y, 1, 1).map_err(|_| bad())?;
                let last = Date::new(y, 12, 31).map_err(|_| bad())?;
                Ok(FuzzyDate {
                    earliest: first,
                    latest: last,
                    precision: Precision::Year,
                })
            }
            _ => Err(bad()),
        }
    }

    pub fn contains(&self, date: Date) -> bool {
        self.earliest <= date && date <= self.latest
    }
}

impl fmt::Display for FuzzyDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Day => write!(f, "{}", self.earliest),
            Precision::Month => write!(f, "{}", self.earliest.strftime("%Y-%m")),
            Precision::Year => write!(f, "{}", self.earliest.year()),
        }
    }
}

impl<'de> serde::Deserialize<'de> for FuzzyDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // TOML writes a full date as a date value, and a month or a year as a string.
        let text = match toml::Value::deserialize(deserializer)? {
            toml::Value::String(s) => s,
            toml::Value::Datetime(d) => d.to_string(),
            toml::Value::Integer(y) => y.to_string(),
            other => {
                return Err(serde::de::Error::custom(format!(
                    "`{other}` is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)"
                )));
            }
        };
        FuzzyDate::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// As JSON a date is the text `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (a year may also be a number),
/// which is what [`FuzzyDate`]'s `Deserialize` reads.
impl schemars::JsonSchema for FuzzyDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FuzzyDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "a day (YYYY-MM-DD), or a month (YYYY-MM) or year (YYYY) where the source gives no more",
            "type": ["string", "integer"],
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
            "examples": ["2009-06-10", "2005-12", "2008"]
        })
    }
}

impl Serialize for FuzzyDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Parses a strict `YYYY-MM-DD` date.
pub fn parse_day(text: &str) -> Result<Date, String> {
    let fuzzy = FuzzyDate::parse(text)?;
    if fuzzy.precision != Precision::Day {
        return Err(format!(
            "`{}` is not a full date (expected YYYY-MM-DD)",
            crate::text::quote(text.trim())
        ));
    }
    Ok(fuzzy.earliest)
}

/// Whole years from `birth` to `on`: the age a person has on that day.
pub fn age_on(birth: Date, on: Date) -> i32 {
    let mut years = i32::from(on.year()) - i32::from(birth.year());
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn parses_each_precision() {
        let d = FuzzyDate::parse("2009-02-09").ok();
        assert_eq!(d.map(|d| d.precision), Some(Precision::Day));
        let m = FuzzyDate::parse("2009-02").ok();
        assert_eq!(
            m.map(|m| (m.earliest, m.latest)),
            Some((date(2009, 2, 1), date(2009, 2, 28)))
        );
        let y = FuzzyDate::parse("2002").ok();
        assert_eq!(y.map(|y| y.latest), Some(date(2002, 12, 31)));
        assert!(FuzzyDate::parse("2009-02-30").is_err());
        assert!(FuzzyDate::parse("09-02-01").is_err());
        assert!(FuzzyDate::parse("2009/02/01").is_err());
    }

    #[test]
    fn age_counts_birthdays() {
        assert_eq!(age_on(date(1965, 12, 4), date(2005, 12, 3)), 39);
        assert_eq!(age_on(date(1965, 12, 4), date(2005, 12, 4)), 40);
        assert_eq!(age_on(date(1964, 2, 29), date(2004, 2, 28)), 39);
        assert_eq!(age_on(date(1964, 2, 29), date(2004, 2, 29)), 40);
    }
}

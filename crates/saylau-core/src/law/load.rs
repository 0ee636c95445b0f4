//! Reading rulebook and reform files from TOML text.
//!
//! A rulebook file holds one table per area of law, and in it one array of tables per
//! parameter, oldest period first:
//!
//! ```toml
//! [[mazhilis.list_seats]]
//! from = 2007-05-21
//! value = 98
//! act = "constitution-amendments-2007"
//! source = "Constitution art. 50(2) as amended 21 May 2007; seed, 'Separation of powers'"
//! ```
//!
//! The loader is strict on purpose: unknown parameters or keys, dates out of order, values of
//! the wrong kind and values without a citation are all refused, naming the file, line and key.

use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::Date;

use super::{
    APPOINTMENT_ACTS, Act, Appointment, CHAMBER_SEAT_KINDS, Chamber, ChamberSeats, Dismissal,
    Entry, Horizon, Kind, Param, Reform, Rulebook, Value,
};
use crate::exact::date::FuzzyDate;
use crate::exact::fraction::Fraction;

/// A rulebook or reform file that cannot be used, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub line: Option<usize>,
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(key) = &self.key {
            write!(f, ": `{key}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for LoadError {}

const ENTRY_KEYS: &[&str] = &["from", "until", "value", "source", "act", "note"];
const ACT_KEYS: &[&str] = &["id", "title", "date", "in_force", "source", "url"];
const REFORM_KEYS: &[&str] = &["name", "description"];
const RULEBOOK_KEYS: &[&str] = &["checked_through", "source"];

/// One file being read: its name and text, for error messages.
struct File<'a> {
    name: &'a str,
    text: &'a str,
}

impl File<'_> {
    fn error(
        &self,
        line: Option<usize>,
        key: Option<&str>,
        message: impl Into<String>,
    ) -> LoadError {
        LoadError {
            file: self.name.to_string(),
            line,
            key: key.map(str::to_string),
            message: message.into(),
        }
    }

    /// The line of the `index`-th `[[header]]` in the file, if written that way.
    fn header_line(&self, header: &str, index: usize) -> Option<usize> {
        let wanted = format!("[[{header}]]");
        self.text
            .lines()
            .enumerate()
            .filter(|(_, line)| {
                let compact: String = line
                    .split('#')
                    .next()
                    .unwrap_or("")
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                compact == wanted
            })
            .nth(index)
            .map(|(n, _)| n + 1)
    }

    fn table_line(&self, header: &str) -> Option<usize> {
        let wanted = format!("[{header}]");
        self.text
            .lines()
            .position(|line| {
                let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
                compact == wanted
            })
            .map(|n| n + 1)
    }

    fn parse(&self) -> Result<toml::Table, LoadError> {
        self.text.parse::<toml::Table>().map_err(|e| {
            let line = e.span().map(|span| {
                self.text[..span.start.min(self.text.len())]
                    .lines()
                    .count()
                    .max(1)
            });
            let message = e.message().trim().to_string();
            self.error(line, None, format!("not valid TOML: {message}"))
        })
    }
}

/// Loads a rulebook from `(file name, text)` pairs. The first file that fails stops the load.
pub fn load_rulebook(files: &[(&str, &str)]) -> Result<Rulebook, LoadError> {
    let mut acts: Vec<Act> = Vec::new();
    let mut timelines: BTreeMap<Param, Vec<Entry>> = BTreeMap::new();
    let mut defined_in: BTreeMap<Param, String> = BTreeMap::new();
    let mut pending_acts: Vec<(String, Param, String)> = Vec::new();
    let mut horizon: Option<(Horizon, String)> = None;

    for (name, text) in files {
        let file = File { name, text };
        let table = file.parse()?;
        for (section, value) in &table {
            if section == "act" {
                read_acts(&file, value, &mut acts)?;
                continue;
            }
            if section == "rulebook" {
                if let Some((_, other)) = &horizon {
                    return Err(file.error(
                        file.table_line("rulebook"),
                        Some("rulebook"),
                        format!("defined twice: also in {other}"),
                    ));
                }
                horizon = Some((read_horizon(&file, value)?, name.to_string()));
                continue;
            }
            if section == "reform" {
                return Err(file.error(
                    file.table_line("reform"),
                    Some("reform"),
                    "a `[reform]` table belongs in a reform file, not in the rulebook",
                ));
            }
            for (param, entries) in read_section(&file, section, value, false)? {
                if let Some(other) = defined_in.get(&param) {
                    return Err(file.error(
                        file.header_line(param.name(), 0),
                        Some(param.name()),
                        format!("defined twice: also in {other}"),
                    ));
                }
                for entry in &entries {
                    if let Some(act) = &entry.act {
                        pending_acts.push((act.clone(), param, entry.origin.clone()));
                    }
                }
                defined_in.insert(param, name.to_string());
                timelines.insert(param, entries);
            }
        }
    }

    for (act, param, origin) in pending_acts {
        if !acts.iter().any(|a| a.id == act) {
            let (file, line) = split_origin(&origin);
            return Err(LoadError {
                file,
                line,
                key: Some(param.name().to_string()),
                message: format!("names act `{act}`, which no `[[act]]` table defines"),
            });
        }
    }

    let file_list = files.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
    for param in Param::ALL {
        if !timelines.contains_key(param) {
            return Err(LoadError {
                file: file_list.clone(),
                line: None,
                key: Some(param.name().to_string()),
                message: "no file gives this parameter a timeline (write `value = \"unknown\"` \
                          with a source if the law is not known)"
                    .into(),
            });
        }
    }

    let Some((horizon, _)) = horizon else {
        return Err(LoadError {
            file: file_list,
            line: None,
            key: Some("rulebook.checked_through".into()),
            message: "no file says how far the rulebook is checked: write a `[rulebook]` table \
                      with `checked_through = YYYY-MM-DD` and the `source` it was checked against"
                .into(),
        });
    };
    Ok(Rulebook {
        acts,
        timelines,
        horizon,
    })
}

/// The `[rulebook]` table: the day the values are checked through, and against what.
fn read_horizon(file: &File<'_>, value: &toml::Value) -> Result<Horizon, LoadError> {
    let line = file.table_line("rulebook");
    let Some(table) = value.as_table() else {
        return Err(file.error(line, Some("rulebook"), "must be a table: `[rulebook]`"));
    };
    for key in table.keys() {
        if !RULEBOOK_KEYS.contains(&key.as_str()) {
            return Err(file.error(
                line,
                Some(&format!("rulebook.{key}")),
                format!(
                    "unknown key (expected one of: {})",
                    RULEBOOK_KEYS.join(", ")
                ),
            ));
        }
    }
    let checked_through = match table.get("checked_through") {
        Some(v) => {
            let d =
                read_date(v).map_err(|m| file.error(line, Some("rulebook.checked_through"), m))?;
            if d.precision != crate::exact::date::Precision::Day {
                return Err(file.error(
                    line,
                    Some("rulebook.checked_through"),
                    "must be a full date",
                ));
            }
            d.earliest
        }
        None => {
            return Err(file.error(
                line,
                Some("rulebook.checked_through"),
                "missing: the last day the values are checked for",
            ));
        }
    };
    let source = match table
        .get("source")
        .and_then(toml::Value::as_str)
        .map(str::trim)
    {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => {
            return Err(file.error(
                line,
                Some("rulebook.source"),
                "missing: what the values were checked against",
            ));
        }
    };
    Ok(Horizon {
        checked_through,
        source,
    })
}

/// Loads a reform overlay. Its entries need no `source`: the reform itself is the source.
pub fn load_reform(name: &str, text: &str) -> Result<Reform, LoadError> {
    let file = File { name, text };
    let table = file.parse()?;
    let mut reform_name = None;
    let mut description = String::new();
    let mut timelines = BTreeMap::new();
    for (section, value) in &table {
        if section == "reform" {
            let line = file.table_line("reform");
            let Some(meta) = value.as_table() else {
                return Err(file.error(line, Some("reform"), "must be a table"));
            };
            for (key, v) in meta {
                if !REFORM_KEYS.contains(&key.as_str()) {
                    return Err(file.error(
                        line,
                        Some(&format!("reform.{key}")),
                        format!("unknown key (expected one of: {})", REFORM_KEYS.join(", ")),
                    ));
                }
                let Some(s) = v.as_str() else {
                    return Err(file.error(
                        line,
                        Some(&format!("reform.{key}")),
                        "must be a string",
                    ));
                };
                if key == "name" {
                    reform_name = Some(s.trim().to_string());
                } else {
                    description = s.trim().to_string();
                }
            }
            continue;
        }
        if section == "act" || section == "rulebook" {
            return Err(file.error(
                file.header_line(section, 0).or(file.table_line(section)),
                Some(section),
                format!("`{section}` belongs in the rulebook, not in a reform"),
            ));
        }
        for (param, entries) in read_section(&file, section, value, true)? {
            timelines.insert(param, entries);
        }
    }
    let Some(reform_name) = reform_name.filter(|n| !n.is_empty()) else {
        return Err(file.error(
            None,
            Some("reform.name"),
            "missing: a reform file starts with `[reform]` and `name = \"...\"`",
        ));
    };
    if timelines.is_empty() {
        return Err(file.error(None, None, "the reform changes no parameter"));
    }
    let fallback = if description.is_empty() {
        format!("reform `{reform_name}` ({name})")
    } else {
        format!("reform `{reform_name}`: {description} ({name})")
    };
    for entries in timelines.values_mut() {
        for entry in entries.iter_mut() {
            if entry.source.is_empty() {
                entry.source = fallback.clone();
            }
        }
    }
    Ok(Reform {
        name: reform_name,
        description,
        file: name.to_string(),
        timelines,
    })
}

fn split_origin(origin: &str) -> (String, Option<usize>) {
    match origin.rsplit_once(':') {
        Some((file, line)) => match line.parse() {
            Ok(n) => (file.to_string(), Some(n)),
            Err(_) => (origin.to_string(), None),
        },
        None => (origin.to_string(), None),
    }
}

fn read_acts(file: &File<'_>, value: &toml::Value, acts: &mut Vec<Act>) -> Result<(), LoadError> {
    let Some(array) = value.as_array() else {
        return Err(file.error(None, Some("act"), "must be an array of tables: `[[act]]`"));
    };
    for (i, item) in array.iter().enumerate() {
        let line = file.header_line("act", i);
        let Some(table) = item.as_table() else {
            return Err(file.error(line, Some("act"), "must be a table"));
        };
        for key in table.keys() {
            if !ACT_KEYS.contains(&key.as_str()) {
                return Err(file.error(
                    line,
                    Some(&format!("act.{key}")),
                    format!("unknown key (expected one of: {})", ACT_KEYS.join(", ")),
                ));
            }
        }
        let text = |key: &str| -> Result<String, LoadError> {
            match table.get(key).and_then(toml::Value::as_str).map(str::trim) {
                Some(s) if !s.is_empty() => Ok(s.to_string()),
                _ => Err(file.error(
                    line,
                    Some(&format!("act.{key}")),
                    "missing or empty (a string is required)",
                )),
            }
        };
        let id = text("id")?;
        if acts.iter().any(|a| a.id == id) {
            return Err(file.error(line, Some("act.id"), format!("act `{id}` is defined twice")));
        }
        let date = match table.get("date") {
            Some(v) => read_date(v).map_err(|m| file.error(line, Some("act.date"), m))?,
            None => return Err(file.error(line, Some("act.date"), "missing")),
        };
        let in_force = match table.get("in_force") {
            None => None,
            Some(v) => {
                let d = read_date(v).map_err(|m| file.error(line, Some("act.in_force"), m))?;
                if d.earliest < date.earliest {
                    return Err(file.error(
                        line,
                        Some("act.in_force"),
                        format!("{d} is before the act's date, {date}"),
                    ));
                }
                Some(d)
            }
        };
        let url = match table.get("url") {
            None => None,
            Some(v) => match v.as_str() {
                Some(u) if u.starts_with("https://") && !u.contains(char::is_whitespace) => {
                    Some(u.to_string())
                }
                _ => {
                    return Err(file.error(
                        line,
                        Some("act.url"),
                        "must be an https:// address without spaces",
                    ));
                }
            },
        };
        acts.push(Act {
            id,
            title: text("title")?,
            date,
            in_force,
            source: text("source")?,
            url,
        });
    }
    Ok(())
}

fn read_section(
    file: &File<'_>,
    section: &str,
    value: &toml::Value,
    is_reform: bool,
) -> Result<Vec<(Param, Vec<Entry>)>, LoadError> {
    let Some(table) = value.as_table() else {
        return Err(file.error(
            None,
            Some(section),
            "expected a table of parameters, such as `[[mazhilis.list_seats]]`",
        ));
    };
    let mut out = Vec::new();
    for (key, value) in table {
        let full = format!("{section}.{key}");
        let line0 = file.header_line(&full, 0);
        let Some(param) = Param::from_name(&full) else {
            return Err(file.error(
                line0,
                Some(&full),
                "unknown parameter (`saylau law params` lists the known ones)",
            ));
        };
        let Some(array) = value.as_array() else {
            return Err(file.error(
                line0,
                Some(&full),
                format!("expected an array of tables: `[[{full}]]`"),
            ));
        };
        let mut entries: Vec<Entry> = Vec::with_capacity(array.len());
        for (i, item) in array.iter().enumerate() {
            let line = file.header_line(&full, i);
            let entry = read_entry(file, param, item, line, is_reform)?;
            if let Some(prev) = entries.last() {
                if prev.from.earliest == entry.from.earliest {
                    return Err(file.error(
                        line,
                        Some(&full),
                        format!(
                            "duplicate date {}: two values take effect on it",
                            entry.from
                        ),
                    ));
                }
                if entry.from.earliest < prev.from.earliest {
                    return Err(file.error(
                        line,
                        Some(&full),
                        format!(
                            "dates out of order: {} comes after {} (list the oldest first)",
                            entry.from, prev.from
                        ),
                    ));
                }
                if entry.from.earliest <= prev.from.latest {
                    return Err(file.error(
                        line,
                        Some(&full),
                        format!("{} overlaps the period {} before it", entry.from, prev.from),
                    ));
                }
                if let Some(until) = prev.until
                    && until >= entry.from.earliest
                {
                    return Err(file.error(
                        line,
                        Some(&full),
                        format!(
                            "the value before it is said to hold until {until}, past {}",
                            entry.from
                        ),
                    ));
                }
            }
            entries.push(entry);
        }
        if entries.is_empty() {
            return Err(file.error(line0, Some(&full), "has no entries"));
        }
        out.push((param, entries));
    }
    Ok(out)
}

fn read_entry(
    file: &File<'_>,
    param: Param,
    item: &toml::Value,
    line: Option<usize>,
    is_reform: bool,
) -> Result<Entry, LoadError> {
    let name = param.name();
    let Some(table) = item.as_table() else {
        return Err(file.error(line, Some(name), "each entry must be a table"));
    };
    for key in table.keys() {
        if !ENTRY_KEYS.contains(&key.as_str()) {
            return Err(file.error(
                line,
                Some(&format!("{name}.{key}")),
                format!("unknown key (expected one of: {})", ENTRY_KEYS.join(", ")),
            ));
        }
    }
    let key = |k: &str| format!("{name}.{k}");
    let from = match table.get("from") {
        Some(v) => read_date(v).map_err(|m| file.error(line, Some(&key("from")), m))?,
        None => {
            return Err(file.error(
                line,
                Some(&key("from")),
                "missing: when the value took effect",
            ));
        }
    };
    let until = match table.get("until") {
        Some(v) => {
            let d = read_date(v).map_err(|m| file.error(line, Some(&key("until")), m))?;
            if d.precision != crate::exact::date::Precision::Day {
                return Err(file.error(line, Some(&key("until")), "must be a full date"));
            }
            if d.earliest < from.latest {
                return Err(file.error(line, Some(&key("until")), "comes before `from`"));
            }
            Some(d.earliest)
        }
        None => None,
    };
    let value = match table.get("value") {
        Some(v) => {
            read_value(param.kind(), v).map_err(|m| file.error(line, Some(&key("value")), m))?
        }
        None => return Err(file.error(line, Some(&key("value")), "missing")),
    };
    let text = |k: &str| -> Result<Option<String>, LoadError> {
        match table.get(k) {
            None => Ok(None),
            Some(v) => match v.as_str() {
                Some(s) => Ok(Some(s.trim().to_string())),
                None => Err(file.error(line, Some(&key(k)), "must be a string")),
            },
        }
    };
    let source = text("source")?.unwrap_or_default();
    if source.is_empty() && !is_reform {
        return Err(file.error(
            line,
            Some(&key("source")),
            "missing citation: every value names its source (article and act, the seed's \
             section, or a public source)",
        ));
    }
    Ok(Entry {
        from,
        until,
        value,
        source,
        act: text("act")?,
        note: text("note")?,
        origin: match line {
            Some(l) => format!("{}:{l}", file.name),
            None => file.name.to_string(),
        },
    })
}

fn read_date(value: &toml::Value) -> Result<FuzzyDate, String> {
    match value {
        toml::Value::Datetime(dt) => {
            if dt.time.is_some() || dt.offset.is_some() {
                return Err(format!("`{dt}` has a time; give a date such as 2007-05-21"));
            }
            let Some(d) = dt.date else {
                return Err(format!("`{dt}` is not a date"));
            };
            let date = Date::new(
                i16::try_from(d.year).map_err(|_| format!("`{dt}` is out of range"))?,
                i8::try_from(d.month).map_err(|_| format!("`{dt}` is out of range"))?,
                i8::try_from(d.day).map_err(|_| format!("`{dt}` is out of range"))?,
            )
            .map_err(|_| format!("`{dt}` is not a valid date"))?;
            Ok(FuzzyDate::day(date))
        }
        toml::Value::String(s) => FuzzyDate::parse(s),
        other => Err(format!(
            "expected a date (2007-05-21) or a string \"2009-02\" or \"2002\", found {}",
            other.type_str()
        )),
    }
}

/// The tables of an array value, each with only the given keys.
fn tables(
    value: &toml::Value,
    keys: &[&str],
    expected: impl Fn() -> String,
) -> Result<Vec<toml::Table>, String> {
    let array = value.as_array().ok_or_else(&expected)?;
    let mut out = Vec::with_capacity(array.len());
    for item in array {
        let table = item.as_table().ok_or_else(&expected)?;
        if let Some(key) = table.keys().find(|k| !keys.contains(&k.as_str())) {
            return Err(format!(
                "unknown key `{key}` (expected {})",
                keys.join(", ")
            ));
        }
        out.push(table.clone());
    }
    Ok(out)
}

/// A lowercase ascii name such as `prime_minister` under `key`; required or optional.
fn slug(table: &toml::Table, key: &str, required: bool) -> Result<Option<String>, String> {
    match table.get(key) {
        None if required => Err(format!("`{key}` is missing")),
        None => Ok(None),
        Some(v) => {
            let s = v.as_str().unwrap_or("");
            if s.is_empty()
                || !s
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                return Err(format!(
                    "`{key}` must be a lowercase name such as `prime_minister`, not `{v}`"
                ));
            }
            Ok(Some(s.to_string()))
        }
    }
}

fn read_value(kind: Kind, value: &toml::Value) -> Result<Value, String> {
    if value.as_str() == Some("unknown") {
        return Ok(Value::Unknown);
    }
    if value.as_str() == Some("repealed") {
        return Ok(Value::Repealed);
    }
    let expected = || format!("expected {}, found `{value}`", kind.describe());
    match kind {
        Kind::Count => match value.as_integer() {
            Some(n) => u64::try_from(n).map(Value::Count).map_err(|_| expected()),
            None => Err(expected()),
        },
        Kind::OptionalCount => match value {
            toml::Value::String(s) if s == "none" => Ok(Value::NoLimit),
            toml::Value::Integer(n) => u64::try_from(*n).map(Value::Count).map_err(|_| expected()),
            _ => Err(expected()),
        },
        Kind::Percent => {
            let s = value.as_str().ok_or_else(expected)?;
            let number = s.trim().strip_suffix('%').ok_or_else(expected)?;
            let p = Fraction::parse(number).ok_or_else(expected)?;
            if p.checked_cmp(&Fraction::integer(100)) == Some(std::cmp::Ordering::Greater) {
                return Err(format!("`{s}` is more than 100%"));
            }
            Ok(Value::Percent(p))
        }
        Kind::Ratio => {
            let s = value.as_str().ok_or_else(expected)?;
            Fraction::parse(s).map(Value::Ratio).ok_or_else(expected)
        }
        Kind::Flag => value.as_bool().map(Value::Flag).ok_or_else(expected),
        Kind::Choice(options) => {
            let s = value.as_str().ok_or_else(expected)?;
            if options.contains(&s) {
                Ok(Value::Choice(s.to_string()))
            } else {
                Err(expected())
            }
        }
        Kind::List(options) => {
            let array = value.as_array().ok_or_else(expected)?;
            let mut items = Vec::with_capacity(array.len());
            for item in array {
                let s = item.as_str().ok_or_else(expected)?;
                if let Some(options) = options
                    && !options.contains(&s)
                {
                    return Err(format!(
                        "`{s}` is not one of {}",
                        options
                            .iter()
                            .map(|o| format!("\"{o}\""))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                if items.iter().any(|i: &String| i == s) {
                    return Err(format!("`{s}` is listed twice"));
                }
                items.push(s.to_string());
            }
            Ok(Value::List(items))
        }
        Kind::Appointments => {
            let rows = tables(value, &["office", "proposer", "decider", "act"], expected)?;
            let mut out: Vec<Appointment> = Vec::with_capacity(rows.len());
            for row in rows {
                let office = slug(&row, "office", true)?.unwrap_or_default();
                if out.iter().any(|a| a.office == office) {
                    return Err(format!("the office `{office}` is listed twice"));
                }
                let proposer = slug(&row, "proposer", false)?;
                let decider = slug(&row, "decider", true)?.unwrap_or_default();
                if proposer.as_deref() == Some(decider.as_str()) {
                    return Err(format!(
                        "`{office}`: the {decider} cannot propose to itself"
                    ));
                }
                let act = slug(&row, "act", true)?.unwrap_or_default();
                if !APPOINTMENT_ACTS.contains(&act.as_str()) {
                    return Err(format!(
                        "`{office}`: act `{act}` is not one of {}",
                        APPOINTMENT_ACTS.join(", ")
                    ));
                }
                out.push(Appointment {
                    office,
                    proposer,
                    decider,
                    act,
                });
            }
            Ok(Value::Appointments(out))
        }
        Kind::Dismissals => {
            let rows = tables(value, &["office", "by"], expected)?;
            let mut out: Vec<Dismissal> = Vec::with_capacity(rows.len());
            for row in rows {
                let office = slug(&row, "office", true)?.unwrap_or_default();
                if out.iter().any(|d| d.office == office) {
                    return Err(format!("the office `{office}` is listed twice"));
                }
                let by = slug(&row, "by", true)?.unwrap_or_default();
                out.push(Dismissal { office, by });
            }
            Ok(Value::Dismissals(out))
        }
        Kind::Chambers => {
            let rows = tables(value, &["id", "name", "seats"], expected)?;
            let mut out: Vec<Chamber> = Vec::with_capacity(rows.len());
            for row in rows {
                let id = slug(&row, "id", true)?.unwrap_or_default();
                if out.iter().any(|c| c.id == id) {
                    return Err(format!("the chamber `{id}` is listed twice"));
                }
                let name = row
                    .get("name")
                    .and_then(toml::Value::as_str)
                    .filter(|n| !n.trim().is_empty())
                    .ok_or_else(|| format!("chamber `{id}`: `name` is missing"))?
                    .to_string();
                let seats_value = row
                    .get("seats")
                    .ok_or_else(|| format!("chamber `{id}`: `seats` is missing"))?;
                let mut seats: Vec<ChamberSeats> = Vec::new();
                for group in tables(seats_value, &["kind", "count"], expected)? {
                    let kind = slug(&group, "kind", true)?.unwrap_or_default();
                    if !CHAMBER_SEAT_KINDS.contains(&kind.as_str()) {
                        return Err(format!(
                            "chamber `{id}`: seat kind `{kind}` is not one of {}",
                            CHAMBER_SEAT_KINDS.join(", ")
                        ));
                    }
                    if seats.iter().any(|s| s.kind == kind) {
                        return Err(format!(
                            "chamber `{id}`: seat kind `{kind}` is listed twice"
                        ));
                    }
                    let name = group
                        .get("count")
                        .and_then(toml::Value::as_str)
                        .unwrap_or("");
                    let count = Param::from_name(name)
                        .filter(|p| p.kind() == Kind::Count)
                        .ok_or_else(|| {
                            format!(
                                "chamber `{id}`, `{kind}` seats: `count` must name a \
                                 whole-number parameter of the rulebook, not `{name}`"
                            )
                        })?;
                    seats.push(ChamberSeats { kind, count });
                }
                if seats.is_empty() {
                    return Err(format!("chamber `{id}` has no seats"));
                }
                out.push(Chamber { id, name, seats });
            }
            Ok(Value::Chambers(out))
        }
        Kind::Ids => {
            let array = value.as_array().ok_or_else(expected)?;
            let mut items: Vec<String> = Vec::with_capacity(array.len());
            for item in array {
                let s = item.as_str().ok_or_else(expected)?;
                if !super::is_slug(s) {
                    return Err(format!(
                        "`{}` is not an id (lowercase letters, digits and _, starting with a letter)",
                        crate::text::quote(s)
                    ));
                }
                if items.iter().any(|i| i == s) {
                    return Err(format!("`{s}` is listed twice"));
                }
                items.push(s.to_string());
            }
            Ok(Value::List(items))
        }
        Kind::Money => {
            let s = value.as_str().ok_or_else(expected)?;
            let (amount, currency) = s.trim().split_once(' ').ok_or_else(expected)?;
            let amount: u64 = amount.replace('_', "").parse().map_err(|_| expected())?;
            let currency = currency.trim();
            if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(format!(
                    "`{currency}` is not a currency code such as USD or KZT"
                ));
            }
            Ok(Value::Money {
                amount,
                currency: currency.to_string(),
            })
        }
    }
}

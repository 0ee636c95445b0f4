//! Text files: a party charter (Markdown), and the TOML files saylau reads (rulebook and
//! reform files, journals, the candidate of `president eligible`).
//!
//! Every text file is UTF-8, without control or invisible characters (tab, and the line ends
//! LF and CRLF, excepted); a byte-order mark is accepted and dropped. In a TOML file every
//! string value and key, escapes decoded, holds no control or invisible character, a value is
//! at most [`TEXT_CHARS`] characters and a key at most [`NAME_CHARS`]; only then does the
//! file's own reader (the core's loaders, [`read_candidate`]) see it. Booleans and dates are
//! TOML's own (`true`, `1971-04-03`).
//!
//! ```
//! let e = saylau_formats::text::read_text("charter.md", b"# Name\n\x1b]0;owned\x07\n").unwrap_err();
//! assert_eq!(
//!     e.to_string(),
//!     "charter.md:2: column 1: the control or invisible character \\u{1b}, which saylau does not accept in text"
//! );
//! ```

use jiff::civil::Date;
use saylau_core::elections::president::{Candidate, Term};
use saylau_core::law::{LoadError, Reform, Rulebook, load_reform, load_rulebook};
use saylau_core::polity::journal::{self, Entry};
use saylau_core::text::{control_char, quote};
use serde::Deserialize;

use crate::cell::text_problem;
use crate::problem::{FormatError, Problems};
use crate::{NAME_CHARS, TEXT_CHARS};

/// The 1-based line of byte `offset` of `text`.
pub fn line_at(text: &[u8], offset: usize) -> u64 {
    let end = offset.min(text.len());
    text[..end].iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

/// Reads a text file: UTF-8, no control or invisible character but tab and line ends, a
/// byte-order mark dropped. Every bad line is counted; the first few are quoted.
pub fn read_text(file: &str, bytes: &[u8]) -> Result<String, FormatError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        FormatError::at(
            file,
            Some(line_at(bytes, e.valid_up_to())),
            None,
            "not UTF-8 text",
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut problems = Problems::new(file);
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some(c) = control_char(line) {
            let column = line.chars().take_while(|x| *x != c).count() + 1;
            problems.push(
                Some(i as u64 + 1),
                None,
                format!(
                    "column {column}: the control or invisible character {}, which saylau does not accept in text",
                    quote(&c.to_string())
                ),
            );
        }
    }
    problems.check()?;
    Ok(text.to_string())
}

/// Reads a TOML file's text: [`read_text`], then every string value and key of the TOML
/// checked (escapes decoded) as the module doc says.
pub fn read_toml_text(file: &str, bytes: &[u8]) -> Result<String, FormatError> {
    let text = read_text(file, bytes)?;
    let parsed = toml::de::DeTable::parse(&text).map_err(|e| toml_error(file, &text, &e))?;
    let mut problems = Problems::new(file);
    let mut path = Vec::new();
    walk_table(&text, parsed.get_ref(), &mut path, &mut problems);
    problems.check()?;
    Ok(text)
}

fn toml_error(file: &str, text: &str, e: &toml::de::Error) -> FormatError {
    let line = e.span().map(|s| line_at(text.as_bytes(), s.start));
    FormatError::at(file, line, None, crate::json::clean(e.message().trim()))
}

fn walk_table(
    text: &str,
    table: &toml::de::DeTable<'_>,
    path: &mut Vec<String>,
    problems: &mut Problems,
) {
    for (key, value) in table.iter() {
        let k: &str = key.get_ref();
        if let Some(why) = text_problem(k, NAME_CHARS) {
            let line = line_at(text.as_bytes(), key.span().start);
            problems.push(Some(line), Some(&field_path(path)), format!("key {why}"));
            continue;
        }
        path.push(k.to_string());
        walk_value(text, value, path, problems);
        path.pop();
    }
}

fn walk_value(
    text: &str,
    value: &toml::Spanned<toml::de::DeValue<'_>>,
    path: &mut Vec<String>,
    problems: &mut Problems,
) {
    match value.get_ref() {
        toml::de::DeValue::String(s) => {
            if let Some(why) = text_problem(s, TEXT_CHARS) {
                let line = line_at(text.as_bytes(), value.span().start);
                problems.push(Some(line), Some(&field_path(path)), why);
            }
        }
        toml::de::DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(format!("[{i}]"));
                walk_value(text, item, path, problems);
                path.pop();
            }
        }
        toml::de::DeValue::Table(t) => walk_table(text, t, path, problems),
        _ => {}
    }
}

/// `a.b[2].c` from path segments.
fn field_path(path: &[String]) -> String {
    let mut s = String::new();
    for p in path {
        if !s.is_empty() && !p.starts_with('[') {
            s.push('.');
        }
        s.push_str(&quote(p));
    }
    s
}

fn load_error(e: LoadError) -> FormatError {
    FormatError::at(
        &e.file,
        e.line.map(|l| l as u64),
        e.key.as_deref(),
        e.message,
    )
}

/// Reads the files of a rulebook, `(name, bytes)`, the acts file first: each checked as TOML
/// text, then loaded by the core.
pub fn read_rulebook(files: &[(String, Vec<u8>)]) -> Result<Rulebook, FormatError> {
    let mut texts = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        texts.push((name.as_str(), read_toml_text(name, bytes)?));
    }
    let refs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
    load_rulebook(&refs).map_err(load_error)
}

/// Reads a reform overlay: checked as TOML text, then loaded by the core.
pub fn read_reform(file: &str, bytes: &[u8]) -> Result<Reform, FormatError> {
    let text = read_toml_text(file, bytes)?;
    load_reform(file, &text).map_err(load_error)
}

/// A journal file's shape: `[[entry]]` tables and nothing else.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JournalShape {
    #[serde(default)]
    #[allow(dead_code)]
    entry: Vec<Entry>,
}

/// Reads a journal file: checked as TOML text; each entry's `kind` a string naming a kind
/// (serde would take a number as the kind's position) and its `date` a TOML date or a
/// string; read into entries with the line of any bad one; then loaded by the core, which
/// checks the order and the sources.
pub fn read_journal(
    file: &str,
    bytes: &[u8],
    require_sources: bool,
) -> Result<Vec<Entry>, FormatError> {
    let text = read_toml_text(file, bytes)?;
    let parsed = toml::de::DeTable::parse(&text).map_err(|e| toml_error(file, &text, &e))?;
    let mut problems = Problems::new(file);
    let entries = parsed
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref() == "entry")
        .map(|(_, v)| v);
    if let Some(entries) = entries
        && let toml::de::DeValue::Array(items) = entries.get_ref()
    {
        for (i, item) in items.iter().enumerate() {
            let toml::de::DeValue::Table(entry) = item.get_ref() else {
                continue;
            };
            for (key, want) in [
                (
                    "kind",
                    "a kind's name, a string such as \"bill_introduced\"",
                ),
                (
                    "date",
                    "a date such as 2009-06-10, or a string \"2009-06\" or \"2009\"",
                ),
            ] {
                let Some((_, value)) = entry.iter().find(|(k, _)| k.get_ref() == key) else {
                    continue;
                };
                let ok = match value.get_ref() {
                    toml::de::DeValue::String(_) => true,
                    toml::de::DeValue::Datetime(_) => key == "date",
                    _ => false,
                };
                if !ok {
                    let shown = &text[value.span()];
                    problems.push(
                        Some(line_at(text.as_bytes(), value.span().start)),
                        Some(&format!("entry[{i}].{key}")),
                        format!("`{}` is not {want}", quote(shown)),
                    );
                }
            }
        }
    }
    problems.check()?;
    toml::from_str::<JournalShape>(&text).map_err(|e| toml_error(file, &text, &e))?;
    journal::load_journal(file, &text, require_sources).map_err(|e| {
        let why = e.to_string();
        let why = why
            .strip_prefix(&format!("{file}: "))
            .map_or(why.clone(), str::to_string);
        FormatError::at(file, None, None, why)
    })
}

/// The candidate of `president eligible`, as written:
///
/// ```toml
/// name = "A. Candidate"
/// birth_date = 1960-01-01
/// citizen = true
/// state_language = true
/// residence_years = 20
/// first_president = false   # optional
/// terms = [{ start = 1999-01-20, end = 2006-01-11 }]   # optional
/// ```
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CandidateFile {
    name: toml::Spanned<String>,
    birth_date: toml::Spanned<toml::value::Datetime>,
    citizen: bool,
    state_language: bool,
    residence_years: u32,
    #[serde(default)]
    first_president: bool,
    #[serde(default)]
    terms: Vec<toml::Spanned<TermFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermFile {
    start: toml::Spanned<toml::value::Datetime>,
    end: toml::Spanned<toml::value::Datetime>,
}

/// Reads the candidate file of `president eligible`. Its dates are a person's (a birth, terms
/// served), so they need only be days of the calendar, written as TOML dates.
pub fn read_candidate(file: &str, bytes: &[u8]) -> Result<Candidate, FormatError> {
    let text = read_toml_text(file, bytes)?;
    let parsed: CandidateFile = toml::from_str(&text).map_err(|e| toml_error(file, &text, &e))?;
    let at = |span: std::ops::Range<usize>| Some(line_at(text.as_bytes(), span.start));
    let name = parsed.name.get_ref().trim();
    if name.is_empty() {
        return Err(FormatError::at(
            file,
            at(parsed.name.span()),
            Some("name"),
            "empty",
        ));
    }
    if let Some(why) = text_problem(name, NAME_CHARS) {
        return Err(FormatError::at(
            file,
            at(parsed.name.span()),
            Some("name"),
            why,
        ));
    }
    let date = |field: &str, dt: &toml::Spanned<toml::value::Datetime>| {
        toml_date(dt.get_ref())
            .map_err(|why| FormatError::at(file, at(dt.span()), Some(field), why))
    };
    let mut terms = Vec::new();
    for (i, t) in parsed.terms.iter().enumerate() {
        let t_ref = t.get_ref();
        let start = date(&format!("terms[{i}].start"), &t_ref.start)?;
        let end = date(&format!("terms[{i}].end"), &t_ref.end)?;
        if end < start {
            return Err(FormatError::at(
                file,
                at(t.span()),
                Some(&format!("terms[{i}]")),
                format!("ends on {end}, before it starts on {start}"),
            ));
        }
        terms.push(Term { start, end });
    }
    Ok(Candidate {
        name: name.to_string(),
        birth_date: date("birth_date", &parsed.birth_date)?,
        citizen: parsed.citizen,
        state_language: parsed.state_language,
        residence_years: parsed.residence_years,
        first_president: parsed.first_president,
        terms,
    })
}

/// A TOML date that is a day: no time, no offset.
fn toml_date(dt: &toml::value::Datetime) -> Result<Date, String> {
    let bad = || {
        format!(
            "`{}` is not a date such as 1971-04-03",
            quote(&dt.to_string())
        )
    };
    if dt.time.is_some() || dt.offset.is_some() {
        return Err(bad());
    }
    let d = dt.date.ok_or_else(bad)?;
    Date::new(
        i16::try_from(d.year).map_err(|_| bad())?,
        i8::try_from(d.month).map_err(|_| bad())?,
        i8::try_from(d.day).map_err(|_| bad())?,
    )
    .map_err(|_| bad())
}

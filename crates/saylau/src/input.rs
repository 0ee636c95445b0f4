//! Reading the user's input files: votes as CSV, candidates as TOML, reforms and rulebooks.
//!
//! Every error names the file, the line and the field, in one line, and nothing is computed
//! from a file that has a bad row.

use std::fs;
use std::path::Path;

use saylau_core::builtin;
use saylau_core::law::{LoadError, Reform, Rulebook, load_reform, load_rulebook};

/// A user-facing input error: always one line, naming where.
#[derive(Debug)]
pub struct InputError(pub String);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

pub type Result<T> = std::result::Result<T, InputError>;

fn err<T>(message: impl Into<String>) -> Result<T> {
    Err(InputError(message.into()))
}

impl From<LoadError> for InputError {
    fn from(e: LoadError) -> InputError {
        InputError(e.to_string())
    }
}

/// A named text: a file read from disk, or a built-in one (`builtin:NAME`).
pub struct Source {
    pub name: String,
    pub text: String,
}

/// Reads `spec`, which is a path or `builtin:NAME` for data embedded in saylau.
pub fn read_source(spec: &str, builtin_lookup: impl Fn(&str) -> Option<String>) -> Result<Source> {
    if let Some(name) = spec.strip_prefix("builtin:") {
        return match builtin_lookup(name) {
            Some(text) => Ok(Source {
                name: spec.to_string(),
                text,
            }),
            None => err(format!("{spec}: no built-in data of that name")),
        };
    }
    let path = Path::new(spec);
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(Source {
                name: spec.to_string(),
                text: text.strip_prefix('\u{feff}').unwrap_or(&text).to_string(),
            }),
            Err(_) => err(format!("{spec}: not UTF-8 text")),
        },
        Err(e) => err(format!("{spec}: cannot read: {}", io_reason(&e))),
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string().to_lowercase(),
    }
}

/// Loads the rulebook: the built-in one, or every `*.toml` file of `dir`.
pub fn rulebook(dir: Option<&str>) -> Result<Rulebook> {
    let Some(dir) = dir else {
        return Ok(builtin::rulebook()?);
    };
    let entries = fs::read_dir(dir)
        .map_err(|e| InputError(format!("{dir}: cannot read: {}", io_reason(&e))))?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return err(format!("{dir}: no .toml rulebook files"));
    }
    // The acts file goes first so that entries can name acts in any file.
    paths.sort_by_key(|p| p.file_name().is_none_or(|n| n != "acts.toml"));
    let mut files = Vec::new();
    for p in &paths {
        let name = p.display().to_string();
        let source = read_source(&name, |_| None)?;
        files.push((source.name, source.text));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Ok(load_rulebook(&refs)?)
}

/// Loads the reform overlays given with `--reform`.
pub fn reforms(specs: &[String]) -> Result<Vec<Reform>> {
    specs
        .iter()
        .map(|spec| {
            let source = read_source(spec, |name| {
                builtin::REFORMS
                    .iter()
                    .find(|(n, _, _)| *n == name)
                    .map(|(_, _, text)| text.to_string())
            })?;
            Ok(load_reform(&source.name, &source.text)?)
        })
        .collect()
}

/// One data row of a CSV file, with its line number.
pub struct Row {
    pub line: u64,
    pub fields: Vec<String>,
}

/// A CSV file with named columns.
pub struct Csv {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

impl Csv {
    /// Parses CSV text; requires the `required` columns in the header.
    pub fn parse(name: &str, text: &str, required: &[&str]) -> Result<Csv> {
        if text.trim().is_empty() {
            return err(format!(
                "{name}: the file is empty (expected a header: {})",
                required.join(",")
            ));
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .trim(csv::Trim::All)
            .flexible(false)
            .from_reader(text.as_bytes());
        let header: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(|s| s.to_lowercase()).collect(),
            Err(e) => {
                return err(format!(
                    "{name}:1: cannot read the header: {}",
                    csv_reason(&e)
                ));
            }
        };
        for col in required {
            if !header.iter().any(|h| h == col) {
                return err(format!(
                    "{name}:1: the header has no `{col}` column (expected {}; found {})",
                    required.join(","),
                    header.join(",")
                ));
            }
        }
        let mut seen = Vec::new();
        for h in &header {
            if !h.is_empty() && seen.contains(h) {
                return err(format!("{name}:1: the header names `{h}` twice"));
            }
            seen.push(h.clone());
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map(|p| p.line()).unwrap_or(0);
                    return err(format!("{name}:{line}: {}", csv_reason(&e)));
                }
            };
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            if record.iter().all(str::is_empty) {
                continue;
            }
            rows.push(Row {
                line,
                fields: record.iter().map(str::to_string).collect(),
            });
        }
        if rows.is_empty() {
            return err(format!("{name}: no data rows after the header"));
        }
        Ok(Csv {
            name: name.to_string(),
            header,
            rows,
        })
    }

    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    fn field<'a>(&self, row: &'a Row, column: usize, field: &str) -> Result<&'a str> {
        match row.fields.get(column) {
            Some(v) => Ok(v.as_str()),
            None => err(format!(
                "{}:{}: field `{field}`: missing",
                self.name, row.line
            )),
        }
    }

    /// A non-empty text field.
    pub fn text(&self, row: &Row, column: usize, field: &str) -> Result<String> {
        let v = self.field(row, column, field)?;
        if v.is_empty() {
            return err(format!(
                "{}:{}: field `{field}`: empty",
                self.name, row.line
            ));
        }
        Ok(v.to_string())
    }

    /// A whole number that is not negative.
    pub fn count(&self, row: &Row, column: usize, field: &str) -> Result<u64> {
        let v = self.field(row, column, field)?;
        parse_count(v).map_err(|why| {
            InputError(format!(
                "{}:{}: field `{field}`: {why}",
                self.name, row.line
            ))
        })
    }
}

/// Parses a non-negative whole number, saying why it is not one.
pub fn parse_count(v: &str) -> std::result::Result<u64, String> {
    if v.is_empty() {
        return Err("empty (expected a whole number)".into());
    }
    if v.starts_with('-') {
        return Err(format!("`{v}` is negative"));
    }
    if !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{v}` is not a whole number"));
    }
    v.parse::<u64>().map_err(|_| format!("`{v}` is too large"))
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("wrong number of fields: {len} where the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".into(),
        _ => e.to_string().to_lowercase(),
    }
}

//! Reading the user's input files: the bytes of a file (or of built-in data), handed to
//! `saylau_formats`, whose readers own every format's columns, values and messages.
//!
//! Every error names the file, the line and the field, in one line, and nothing is computed
//! from a file that has a bad row.

use std::fs;
use std::path::Path;

use saylau_core::builtin;
use saylau_core::law::{LoadError, Reform, Rulebook};
use saylau_formats::FormatError;

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

impl From<FormatError> for InputError {
    fn from(e: FormatError) -> InputError {
        InputError(e.to_string())
    }
}

/// The bytes of a file, with the error naming it.
pub fn read_file(path: &str) -> Result<Vec<u8>> {
    fs::read(Path::new(path))
        .map_err(|e| InputError(format!("{path}: cannot read: {}", io_reason(&e))))
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
        let bytes = read_file(&name)?;
        files.push((name, bytes));
    }
    Ok(saylau_formats::text::read_rulebook(&files)?)
}

/// Loads the reform overlays given with `--reform`: a file, or `builtin:NAME` for a shipped
/// one.
pub fn reforms(specs: &[String]) -> Result<Vec<Reform>> {
    specs
        .iter()
        .map(|spec| {
            let bytes = match spec.strip_prefix("builtin:") {
                Some(name) => builtin::REFORMS
                    .iter()
                    .find(|(n, _, _)| *n == name)
                    .map(|(_, _, text)| text.as_bytes().to_vec())
                    .ok_or_else(|| InputError(format!("{spec}: no built-in data of that name")))?,
                None => read_file(spec)?,
            };
            Ok(saylau_formats::text::read_reform(spec, &bytes)?)
        })
        .collect()
}

/// Parses a non-negative whole number (a flag's value), saying why it is not one.
pub fn parse_count(v: &str) -> std::result::Result<u64, String> {
    saylau_formats::cell::count(v)
}

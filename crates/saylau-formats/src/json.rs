//! JSON bodies, read strictly into a typed value.
//!
//! serde is lenient in ways an API must not be: it reads a struct from an array (a login sent
//! as `["name", "password"]`), an enum variant from its position (`"kind": 16` as the
//! seventeenth kind), a date from a number (`"date": 2010` as the year), and it keeps the last
//! of two equal keys. [`read`] closes each door:
//!
//! 1. the bytes must be one JSON value, UTF-8; a key given twice in an object is refused;
//! 2. every string and key, escapes decoded, holds no control or invisible character; a key
//!    is at most [`NAME_CHARS`] characters, and so is a value, except under the keys of
//!    [`LONG_TEXT_KEYS`] (titles, sources, notes), which take [`TEXT_CHARS`], and of
//!    [`DOCUMENT_KEYS`] (a charter's or a reform's text), which take [`DOCUMENT_CHARS`] and
//!    may hold line ends;
//! 3. the value is read into its type, whose structs refuse unknown fields;
//! 4. the typed value, written back as JSON, must have the same kind of JSON value (string,
//!    number, boolean, array, object) wherever the body gave one: what serde accepted from
//!    another kind is refused, naming the field.
//!
//! Every problem names the body, the line and the field's path (`members[3].signed_on`).

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::cell::{document_problem, text_problem};
use crate::problem::{FormatError, Problems};
use crate::{DOCUMENT_CHARS, NAME_CHARS, TEXT_CHARS};

/// Keys whose string values are free text of up to [`TEXT_CHARS`] characters; every other
/// string is a name, id or code of up to [`NAME_CHARS`].
pub const LONG_TEXT_KEYS: &[&str] = &["title", "source", "note", "decision", "description"];

/// Keys whose string values (or list of strings) are documents (a charter, a reform file) of
/// up to [`DOCUMENT_CHARS`] characters, which may hold line ends.
pub const DOCUMENT_KEYS: &[&str] = &["text", "reforms"];

/// One step of a path into a JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A path as messages write it: `members[3].iin`.
pub fn show_path(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(&saylau_core::text::quote(k));
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Reads `bytes` as a `T`, strictly; see the module doc.
pub fn read<T: DeserializeOwned + Serialize>(file: &str, bytes: &[u8]) -> Result<T, FormatError> {
    let value = read_value(file, bytes)?;
    typed(file, bytes, &value)
}

/// Steps 1 and 2 of [`read`]: `bytes` as one JSON value with no key given twice and every
/// string clean and within its cap, for a caller that reads parts of it into types ([`typed`]).
pub fn read_value(file: &str, bytes: &[u8]) -> Result<Value, FormatError> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        let line = (e.line() > 0).then_some(e.line() as u64);
        let why = match e.classify() {
            serde_json::error::Category::Eof => "the body ends before the JSON value does".into(),
            _ => strip_position(&e.to_string()),
        };
        FormatError::at(file, line, None, why)
    })?;
    let mut scanner = Scanner::new(bytes, None);
    scanner.value();
    if let Some((line, path, key)) = scanner.duplicate {
        return Err(FormatError::at(
            file,
            Some(line),
            Some(&show_path(&path))
                .filter(|p| !p.is_empty())
                .map(String::as_str),
            format!(
                "the key `{}` is given twice; saylau does not guess which one is meant",
                saylau_core::text::quote(&key)
            ),
        ));
    }
    let mut problems = Problems::new(file);
    let mut path = Vec::new();
    walk(bytes, &value, &mut path, &mut problems);
    problems.check()?;
    Ok(value)
}

/// Steps 3 and 4 of [`read`]: `value` (read from `bytes` by [`read_value`], perhaps with keys
/// taken out) as a `T` whose structs refuse unknown fields, and no value of another JSON kind
/// than the body gave.
pub fn typed<T: DeserializeOwned + Serialize>(
    file: &str,
    bytes: &[u8],
    value: &Value,
) -> Result<T, FormatError> {
    let typed: T = serde_path_to_error::deserialize(value).map_err(|e| {
        let mut path = from_serde_path(e.path());
        let message = e.inner().to_string();
        // An unknown field: name it in the path (a flattened struct's path stops short of
        // it) and say what is expected.
        let why = match message
            .strip_prefix("unknown field `")
            .and_then(|m| m.split_once("`, "))
        {
            Some((field, expected)) => {
                if path.last() != Some(&Seg::Key(field.to_string())) {
                    path.push(Seg::Key(field.to_string()));
                }
                clean(&format!("not a field here ({expected})"))
            }
            None => clean(&in_json_words(&message)),
        };
        problem(file, bytes, &path, why)
    })?;
    let back = serde_json::to_value(&typed)
        .map_err(|e| FormatError::at(file, None, None, clean(&e.to_string())))?;
    let mut problems = Problems::new(file);
    let mut path = Vec::new();
    same_kinds(bytes, value, &back, &mut path, &mut problems);
    problems.check()?;
    Ok(typed)
}

/// A problem at a path of the body, with the line where the value is.
pub fn problem(file: &str, bytes: &[u8], path: &[Seg], why: impl Into<String>) -> FormatError {
    let shown = show_path(path);
    FormatError::at(
        file,
        line_of(bytes, path),
        (!shown.is_empty()).then_some(shown.as_str()),
        why,
    )
}

/// Records a problem at a path of the body. Only the problems that will be quoted look for
/// their line: each look is a walk over the body.
pub fn push(problems: &mut Problems, bytes: &[u8], path: &[Seg], why: impl Into<String>) {
    if problems.count() >= crate::QUOTED_PROBLEMS as u64 {
        problems.push(None, None, why);
        return;
    }
    let shown = show_path(path);
    problems.push(
        line_of(bytes, path),
        (!shown.is_empty()).then_some(shown.as_str()),
        why,
    );
}

/// serde_json ends its messages with "at line 3 column 7"; saylau gives the line itself.
fn strip_position(message: &str) -> String {
    let cut = message.find(" at line ").unwrap_or(message.len());
    clean(&message[..cut])
}

/// A serde message in the words of JSON rather than of the Rust types behind it: "expected
/// struct Entry" is "expected a JSON object", a "sequence" an array, a "map" an object.
fn in_json_words(message: &str) -> String {
    // As the same-kinds check says it of a body read into a struct from an array.
    if message.starts_with("invalid type: sequence, expected struct ") {
        return "an array where an object is expected".into();
    }
    let mut out = message
        .replace("invalid type: sequence", "invalid type: an array")
        .replace("invalid type: map", "invalid type: an object");
    while let Some(at) = out.find("expected struct ") {
        let rest = &out[at + "expected struct ".len()..];
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .unwrap_or(rest.len());
        out = format!("{}expected a JSON object{}", &out[..at], &rest[name_len..]);
    }
    out
}

/// A serde message with every value it quotes re-quoted short and escaped, and the whole
/// kept to one short line.
pub(crate) fn clean(message: &str) -> String {
    let mut out = String::new();
    for (i, part) in message.split('`').enumerate() {
        if i % 2 == 1 {
            out.push('`');
            out.push_str(&saylau_core::text::quote(part));
            out.push('`');
        } else {
            out.push_str(part);
        }
    }
    if out.chars().count() > 400 {
        out = out.chars().take(400).collect::<String>() + "…";
    }
    out.replace('\n', " ")
}

fn from_serde_path(path: &serde_path_to_error::Path) -> Vec<Seg> {
    path.iter()
        .filter_map(|s| match s {
            serde_path_to_error::Segment::Seq { index } => Some(Seg::Index(*index)),
            serde_path_to_error::Segment::Map { key } => Some(Seg::Key(key.clone())),
            serde_path_to_error::Segment::Enum { variant } => Some(Seg::Key(variant.clone())),
            serde_path_to_error::Segment::Unknown => None,
        })
        .collect()
}

/// Checks every key and string of `value`.
fn walk(bytes: &[u8], value: &Value, path: &mut Vec<Seg>, problems: &mut Problems) {
    match value {
        Value::String(s) => {
            // The nearest key names the string, in a list too (`reforms[1]`).
            let key = path
                .iter()
                .rev()
                .find_map(|seg| match seg {
                    Seg::Key(k) => Some(k.as_str()),
                    Seg::Index(_) => None,
                })
                .unwrap_or("");
            let problem = if DOCUMENT_KEYS.contains(&key) {
                document_problem(s, DOCUMENT_CHARS)
            } else if LONG_TEXT_KEYS.contains(&key) {
                text_problem(s, TEXT_CHARS)
            } else {
                text_problem(s, NAME_CHARS)
            };
            if let Some(why) = problem {
                push(problems, bytes, path, why);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                walk(bytes, item, path, problems);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                path.push(Seg::Key(k.clone()));
                if let Some(why) = text_problem(k, NAME_CHARS) {
                    push(problems, bytes, path, format!("the key {why}"));
                } else {
                    walk(bytes, v, path, problems);
                }
                path.pop();
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Checks that `given` has the same kind of JSON value as `read` (the typed value written
/// back) wherever both have one.
fn same_kinds(
    bytes: &[u8],
    given: &Value,
    read: &Value,
    path: &mut Vec<Seg>,
    problems: &mut Problems,
) {
    match (given, read) {
        (Value::Null, _) => {}
        (Value::Object(g), Value::Object(r)) => {
            for (k, v) in g {
                if let Some(rv) = r.get(k) {
                    path.push(Seg::Key(k.clone()));
                    same_kinds(bytes, v, rv, path, problems);
                    path.pop();
                }
            }
        }
        (Value::Array(g), Value::Array(r)) => {
            for (i, (v, rv)) in g.iter().zip(r).enumerate() {
                path.push(Seg::Index(i));
                same_kinds(bytes, v, rv, path, problems);
                path.pop();
            }
        }
        (g, r) if kind_of(g) == kind_of(r) => {}
        (g, r) => {
            let shown = match g {
                Value::Array(_) | Value::Object(_) => kind_of(g).to_string(),
                scalar => format!(
                    "`{}` is {}",
                    saylau_core::text::quote(&scalar.to_string()),
                    kind_of(g)
                ),
            };
            let hint = match r {
                Value::String(_) => {
                    " (names, kinds and dates are written as strings, such as \"2009-07-15\")"
                }
                _ => "",
            };
            push(
                problems,
                bytes,
                path,
                format!("{shown} where {} is expected{hint}", kind_of(r)),
            );
        }
    }
}

/// The line where the value at `path` begins.
pub fn line_of(bytes: &[u8], path: &[Seg]) -> Option<u64> {
    let mut scanner = Scanner::new(bytes, Some(path));
    scanner.value();
    scanner.found
}

/// A walk over the bytes of a JSON value already known to be valid, tracking paths and lines:
/// to find the line of a path and keys given twice, which a parsed value no longer shows.
struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    /// The line of byte `i`: counted as the walk passes newlines, which in valid JSON are
    /// only ever whitespace between tokens.
    line: u64,
    path: Vec<Seg>,
    target: Option<&'a [Seg]>,
    found: Option<u64>,
    duplicate: Option<(u64, Vec<Seg>, String)>,
}

impl<'a> Scanner<'a> {
    fn new(b: &'a [u8], target: Option<&'a [Seg]>) -> Scanner<'a> {
        Scanner {
            b,
            i: 0,
            line: 1,
            path: Vec::new(),
            target,
            found: None,
            duplicate: None,
        }
    }

    fn done(&self) -> bool {
        self.i >= self.b.len()
            || (self.target.is_some() && self.found.is_some())
            || (self.target.is_none() && self.duplicate.is_some())
    }

    fn ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\r' | b'\n') {
            if self.b[self.i] == b'\n' {
                self.line += 1;
            }
            self.i += 1;
        }
    }

    fn value(&mut self) {
        self.ws();
        if self.done() {
            return;
        }
        if self.target == Some(self.path.as_slice()) {
            self.found = Some(self.line);
            return;
        }
        match self.b[self.i] {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => {
                self.string();
            }
            _ => {
                while self.i < self.b.len()
                    && !matches!(
                        self.b[self.i],
                        b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n'
                    )
                {
                    self.i += 1;
                }
            }
        }
    }

    /// Skips a string and returns its raw bytes between the quotes.
    fn string(&mut self) -> &'a [u8] {
        let start = self.i + 1;
        self.i += 1;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    return &self.b[start..self.i - 1];
                }
                _ => self.i += 1,
            }
        }
        &self.b[start.min(self.b.len())..]
    }

    fn object(&mut self) {
        self.i += 1;
        // A set, not a list: a body may hold an object of a million keys.
        let mut keys: std::collections::HashSet<String> = std::collections::HashSet::new();
        loop {
            self.ws();
            if self.done() {
                return;
            }
            match self.b[self.i] {
                b'}' => {
                    self.i += 1;
                    return;
                }
                b',' => {
                    self.i += 1;
                    continue;
                }
                _ => {}
            }
            let line = self.line;
            let raw = self.string();
            let key = if raw.contains(&b'\\') {
                let mut quoted = Vec::with_capacity(raw.len() + 2);
                quoted.push(b'"');
                quoted.extend_from_slice(raw);
                quoted.push(b'"');
                serde_json::from_slice::<String>(&quoted).unwrap_or_default()
            } else {
                String::from_utf8_lossy(raw).into_owned()
            };
            self.ws();
            // The colon.
            self.i += 1;
            if !keys.insert(key.clone()) && self.duplicate.is_none() {
                self.duplicate = Some((line, self.path.clone(), key.clone()));
            }
            self.path.push(Seg::Key(key));
            self.value();
            self.path.pop();
        }
    }

    fn array(&mut self) {
        self.i += 1;
        let mut index = 0;
        loop {
            self.ws();
            if self.done() {
                return;
            }
            match self.b[self.i] {
                b']' => {
                    self.i += 1;
                    return;
                }
                b',' => {
                    self.i += 1;
                    continue;
                }
                _ => {}
            }
            self.path.push(Seg::Index(index));
            self.value();
            self.path.pop();
            index += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_duplicates_are_found() {
        let body =
            b"{\n \"a\": 1,\n \"b\": [\n  {\"c\": \"x\"},\n  {\"c\": \"y\", \"c\": \"z\"}\n ]\n}";
        assert_eq!(
            line_of(
                body,
                &[Seg::Key("b".into()), Seg::Index(1), Seg::Key("c".into())]
            ),
            Some(5)
        );
        assert_eq!(line_of(body, &[Seg::Key("a".into())]), Some(2));
        let mut s = Scanner::new(body, None);
        s.value();
        let (line, path, key) = s.duplicate.unwrap();
        assert_eq!(
            (line, show_path(&path), key.as_str()),
            (5, "b[1]".into(), "c")
        );
    }

    #[test]
    fn escaped_keys_are_compared_decoded() {
        let body = br#"{"name": "a", "na\u006de": "b"}"#;
        let mut s = Scanner::new(body, None);
        s.value();
        assert_eq!(s.duplicate.map(|d| d.2), Some("name".to_string()));
    }
}

//! What a reader says about bad input: one [`Problem`] per bad row or value, each naming the
//! file, the line and the field, and a [`FormatError`] that refuses the whole input with the
//! count of problems and the first [`QUOTED_PROBLEMS`] of them.

use std::fmt;

/// How many problems a [`FormatError`] quotes; the rest are counted.
pub const QUOTED_PROBLEMS: usize = 5;

/// One bad row, cell or value: `file:line: field `name`: why`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// The 1-based line, where the input has lines and the reader knows it.
    pub line: Option<u64>,
    /// The column or JSON path, where the problem is in one.
    pub field: Option<String>,
    /// Why, in a few words; a bad value is quoted as [`saylau_core::text::quote`] quotes it.
    pub why: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.why)
    }
}

/// Why a field of a row is bad: the reader adds the file and the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bad {
    pub field: String,
    pub why: String,
}

impl Bad {
    pub fn new(field: impl Into<String>, why: impl Into<String>) -> Bad {
        Bad {
            field: field.into(),
            why: why.into(),
        }
    }
}

/// An input refused whole: how many problems it has and the first few. Nothing may be decided
/// from an input that has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    pub file: String,
    /// Every problem found; at least one.
    pub count: u64,
    /// The first [`QUOTED_PROBLEMS`] problems, in the order of the input.
    pub first: Vec<Problem>,
}

impl FormatError {
    /// An input refused for one problem.
    pub fn one(problem: Problem) -> FormatError {
        FormatError {
            file: problem.file.clone(),
            count: 1,
            first: vec![problem],
        }
    }

    /// An input refused for one problem of the file as a whole or of one line.
    pub fn at(file: &str, line: Option<u64>, field: Option<&str>, why: impl Into<String>) -> Self {
        FormatError::one(Problem {
            file: file.to_string(),
            line,
            field: field.map(str::to_string),
            why: why.into(),
        })
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.first.as_slice() {
            [only] if self.count == 1 => write!(f, "{only}"),
            first => {
                write!(
                    f,
                    "{}: {} bad rows or values, nothing was decided: ",
                    self.file, self.count
                )?;
                for (i, p) in first.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{p}")?;
                }
                let more = self.count.saturating_sub(first.len() as u64);
                if more > 0 {
                    write!(f, "; and {more} more")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for FormatError {}

/// The problems of one input as a reader finds them: every one counted, the first few kept.
#[derive(Debug, Clone)]
pub struct Problems {
    file: String,
    count: u64,
    first: Vec<Problem>,
}

impl Problems {
    pub fn new(file: &str) -> Problems {
        Problems {
            file: file.to_string(),
            count: 0,
            first: Vec::new(),
        }
    }

    pub fn file(&self) -> &str {
        &self.file
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    /// Records a problem at a line and field.
    pub fn push(&mut self, line: Option<u64>, field: Option<&str>, why: impl Into<String>) {
        self.count += 1;
        if self.first.len() < QUOTED_PROBLEMS {
            self.first.push(Problem {
                file: self.file.clone(),
                line,
                field: field.map(str::to_string),
                why: why.into(),
            });
        }
    }

    /// Records a bad field of a row.
    pub fn bad(&mut self, line: u64, bad: Bad) {
        self.push(Some(line), Some(&bad.field), bad.why);
    }

    /// Adds the problems of another part of the same input (a chunk read by another worker):
    /// the count, and the quoted ones kept in line order.
    pub fn merge(&mut self, other: Problems) {
        self.count += other.count;
        self.first.extend(other.first);
        self.first.sort_by_key(|p| p.line);
        self.first.truncate(QUOTED_PROBLEMS);
    }

    /// Whether any problem was found.
    pub fn any(&self) -> bool {
        self.count > 0
    }

    /// `Ok` when there were none; otherwise the input is refused.
    pub fn check(self) -> Result<(), FormatError> {
        if self.count == 0 {
            Ok(())
        } else {
            Err(FormatError {
                file: self.file,
                count: self.count,
                first: self.first,
            })
        }
    }
}

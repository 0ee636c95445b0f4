//! CSV files with named columns, read the same way for every format.
//!
//! The header names the columns, in any order and any case, each once: a name given twice
//! (`signed_on,signed_on` or `IIN,iin`) is refused, as is a column the format does not know,
//! unless the format's [`Layout`] lists it as ignored; a missing required column is named.
//! Every cell of every row, ignored columns too, must be UTF-8 text without control or
//! invisible characters and at most [`TEXT_CHARS`] characters; cells are trimmed of spaces.
//! A byte-order mark and CRLF line ends are accepted; blank lines are skipped. A row with
//! another number of cells than the header is bad. Every bad row is counted and the input
//! refused whole ([`FormatError`]).

use std::io::Read;

use csv::ByteRecord;
use jiff::civil::Date;
use saylau_core::text::quote;

use crate::cell::{self, LawDays};
use crate::problem::{Bad, FormatError, Problems};
use crate::{NAME_CHARS, TEXT_CHARS};

/// The columns of a CSV format.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// What a file of this format is, for messages: "a member list".
    pub what: &'static str,
    /// Columns every file has.
    pub required: &'static [&'static str],
    /// Columns a file may have.
    pub optional: &'static [&'static str],
    /// Columns a file may have that the format does not read (their cells are still checked
    /// as text).
    pub ignored: &'static [&'static str],
}

impl Layout {
    /// The header this format expects, as the messages show it: `party,votes[,list_number]`.
    pub fn expected(&self) -> String {
        let mut s = self.required.join(",");
        for o in self.optional {
            s.push_str(&format!("[,{o}]"));
        }
        s
    }

    fn ignored_note(&self) -> String {
        match self.ignored {
            [] => String::new(),
            cols => format!("; {} ignored", cols.join(", ")),
        }
    }
}

/// The columns a file's header gives, by name.
#[derive(Debug, Clone)]
pub struct Header {
    /// Every column's name as a field name, lowercase and trimmed, in file order.
    names: Vec<String>,
    /// The position of each required and optional column of the layout, by name.
    known: Vec<(&'static str, usize)>,
}

impl Header {
    /// Reads a header record under `layout`'s rules.
    pub fn read(file: &str, record: &ByteRecord, layout: &Layout) -> Result<Header, FormatError> {
        if record.is_empty() || (record.len() == 1 && record[0].trim_ascii().is_empty()) {
            return Err(FormatError::at(
                file,
                None,
                None,
                format!(
                    "the file is empty (expected a header: {})",
                    layout.expected()
                ),
            ));
        }
        let mut problems = Problems::new(file);
        let mut names = Vec::with_capacity(record.len());
        for (i, raw) in record.iter().enumerate() {
            let raw = if i == 0 {
                raw.strip_prefix("\u{feff}".as_bytes()).unwrap_or(raw)
            } else {
                raw
            };
            match cell::check_bytes(raw, NAME_CHARS) {
                Ok(text) => names.push(text.trim().to_lowercase()),
                Err(why) => {
                    problems.push(Some(1), Some(&format!("column {}", i + 1)), why);
                    names.push(String::new());
                }
            }
        }
        problems.check()?;
        let mut problems = Problems::new(file);
        for (i, name) in names.iter().enumerate() {
            if let Some(j) = names[..i].iter().position(|n| n == name) {
                problems.push(
                    Some(1),
                    Some(name),
                    format!(
                        "the header names this column twice (columns {} and {}), in any case; \
                         saylau does not guess which one is meant",
                        j + 1,
                        i + 1
                    ),
                );
            }
        }
        let mut known = Vec::new();
        for (i, name) in names.iter().enumerate() {
            if let Some(col) = layout
                .required
                .iter()
                .chain(layout.optional)
                .find(|c| **c == name.as_str())
            {
                known.push((*col, i));
            } else if !layout.ignored.contains(&name.as_str()) {
                problems.push(
                    Some(1),
                    Some(if name.is_empty() { "(unnamed)" } else { name }),
                    format!(
                        "not a column of {} (expected {}{})",
                        layout.what,
                        layout.expected(),
                        layout.ignored_note()
                    ),
                );
            }
        }
        let missing: Vec<&str> = layout
            .required
            .iter()
            .copied()
            .filter(|col| !names.iter().any(|n| n == col))
            .collect();
        if let Some((first, rest)) = missing.split_first() {
            let also = match rest {
                [] => String::new(),
                more => format!(
                    ", and so {} {}",
                    if more.len() == 1 { "is" } else { "are" },
                    more.iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            problems.push(
                Some(1),
                Some(first),
                format!(
                    "missing from the header{also} (expected {}; found {})",
                    layout.expected(),
                    quote(&names.join(","))
                ),
            );
        }
        problems.check()?;
        Ok(Header { names, known })
    }

    /// How many cells a row has.
    pub fn width(&self) -> usize {
        self.names.len()
    }

    /// The position of a required or optional column; `None` for an optional one the file
    /// does not have.
    pub fn index(&self, column: &str) -> Option<usize> {
        self.known
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, i)| *i)
    }

    /// The name of the column at `index`, as a field name.
    pub fn name(&self, index: usize) -> &str {
        self.names.get(index).map_or("", String::as_str)
    }
}

/// A CSV reader with the strict rules of every format; see the module doc.
pub struct Table<R> {
    reader: csv::Reader<R>,
    header: Header,
    problems: Problems,
}

/// The csv crate's reader as every format uses it: the header read by [`Header::read`], rows
/// of any width counted as bad by the table rather than failing the reader.
pub fn reader<R: Read>(input: R, has_headers: bool) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(has_headers)
        .flexible(true)
        .buffer_capacity(1 << 20)
        .from_reader(input)
}

impl<R: Read> Table<R> {
    /// Reads the header of `input`, named `file` in messages, under `layout`.
    pub fn new(file: &str, input: R, layout: &Layout) -> Result<Table<R>, FormatError> {
        let mut reader = reader(input, true);
        let header = match reader.byte_headers() {
            Ok(h) => Header::read(file, h, layout)?,
            Err(e) => {
                return Err(FormatError::at(
                    file,
                    Some(1),
                    None,
                    format!("cannot read the header: {}", csv_reason(&e)),
                ));
            }
        };
        Ok(Table {
            reader,
            header,
            problems: Problems::new(file),
        })
    }

    pub fn header(&self) -> &Header {
        &self.header
    }

    /// Calls `f` with every data row whose cells are text (UTF-8, no control or invisible
    /// character, at most [`TEXT_CHARS`] characters) of the header's number; a row that is
    /// not, or for which `f` says why it is bad, is counted and quoted. Returns the number of
    /// data rows; an input with a bad row, or with none, is refused.
    pub fn each(
        self,
        mut f: impl FnMut(&Cells<'_>) -> Result<(), Bad>,
    ) -> Result<u64, FormatError> {
        self.each_record(|line, record, header| {
            for (i, raw) in record.iter().enumerate() {
                if let Err(why) = cell::check_cell(raw, TEXT_CHARS) {
                    return Err(Bad::new(header.name(i), why));
                }
            }
            f(&Cells {
                line,
                record,
                header,
            })
        })
    }

    /// As [`Table::each`], but `f` gets the raw record, only its width checked: for readers
    /// that check their cells themselves, byte by byte (the register).
    pub fn each_record(
        mut self,
        mut f: impl FnMut(u64, &ByteRecord, &Header) -> Result<(), Bad>,
    ) -> Result<u64, FormatError> {
        let mut record = ByteRecord::new();
        let mut rows = 0u64;
        while let Some(line) = next_row(
            &mut self.reader,
            &mut record,
            self.header.width(),
            &mut self.problems,
        ) {
            rows += 1;
            if let Err(bad) = f(line, &record, &self.header) {
                self.problems.bad(line, bad);
            }
        }
        let file = self.problems.file().to_string();
        self.problems.check()?;
        if rows == 0 {
            return Err(FormatError::at(
                &file,
                None,
                None,
                "no data rows after the header",
            ));
        }
        Ok(rows)
    }
}

/// Reads the next data row into `record` and returns its line, or `None` at the end. Blank
/// lines are skipped; a row that cannot be read or has another number of cells than the
/// header is counted in `problems` and skipped.
pub fn next_row<R: Read>(
    reader: &mut csv::Reader<R>,
    record: &mut ByteRecord,
    width: usize,
    problems: &mut Problems,
) -> Option<u64> {
    loop {
        let line = reader.position().line();
        match reader.read_byte_record(record) {
            Ok(false) => return None,
            Ok(true) => {}
            Err(e) => {
                problems.push(Some(line), None, csv_reason(&e));
                continue;
            }
        }
        if is_blank(record) {
            continue;
        }
        let line = record.position().map_or(line, csv::Position::line);
        if record.len() != width {
            problems.push(Some(line), None, wrong_width(record.len(), width));
            continue;
        }
        return Some(line);
    }
}

/// Whether a record is a blank line.
pub fn is_blank(record: &ByteRecord) -> bool {
    record.len() == 1 && record[0].trim_ascii().is_empty()
}

/// The message for a row of another width than the header's.
pub fn wrong_width(len: usize, width: usize) -> String {
    format!("{len} cells where the header has {width}")
}

/// The csv crate's error in saylau's words.
pub fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => wrong_width(*len as usize, *expected_len as usize),
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".into(),
        _ => quote(&e.to_string().to_lowercase()),
    }
}

/// One data row whose cells are checked text, read by column name.
pub struct Cells<'a> {
    pub line: u64,
    record: &'a ByteRecord,
    header: &'a Header,
}

impl Cells<'_> {
    /// The bytes of a column, or `None` for an optional column the file does not have.
    pub fn raw(&self, column: &str) -> Option<&[u8]> {
        self.header.index(column).and_then(|i| self.record.get(i))
    }

    /// The trimmed text of a column (checked by [`Table::each`]); empty when the file does
    /// not have the column.
    pub fn str(&self, column: &str) -> &str {
        self.raw(column)
            .and_then(|b| std::str::from_utf8(b).ok())
            .map_or("", str::trim)
    }

    /// Whether the file has the (optional) column.
    pub fn has(&self, column: &str) -> bool {
        self.header.index(column).is_some()
    }

    fn wrap<T>(&self, column: &str, r: Result<T, String>) -> Result<T, Bad> {
        r.map_err(|why| Bad::new(column, why))
    }

    /// A non-empty name or id of at most [`NAME_CHARS`] characters.
    pub fn name(&self, column: &str) -> Result<String, Bad> {
        let text = self.short_text(column)?;
        if text.is_empty() {
            return Err(Bad::new(column, "empty"));
        }
        Ok(text)
    }

    /// Text of at most [`NAME_CHARS`] characters that may be empty. [`Table::each`] has
    /// checked the cell's characters; only its length is left.
    pub fn short_text(&self, column: &str) -> Result<String, Bad> {
        let text = self.str(column);
        if text.len() > NAME_CHARS
            && let Some(why) = cell::text_problem(text, NAME_CHARS)
        {
            return Err(Bad::new(column, why));
        }
        Ok(text.to_string())
    }

    /// A whole number that is not negative.
    pub fn count(&self, column: &str) -> Result<u64, Bad> {
        self.wrap(column, cell::count(self.str(column)))
    }

    /// `true` or `false`, in any case.
    pub fn flag(&self, column: &str) -> Result<bool, Bad> {
        self.wrap(column, cell::flag(self.str(column).as_bytes()))
    }

    /// A day of the calendar, `YYYY-MM-DD`.
    pub fn day(&self, column: &str) -> Result<Date, Bad> {
        self.wrap(column, cell::day(self.str(column).as_bytes()))
    }

    /// A day the law covers, `YYYY-MM-DD`.
    pub fn law_day(&self, column: &str, days: &LawDays) -> Result<Date, Bad> {
        self.wrap(column, days.day(self.str(column).as_bytes()))
    }
}

//! The files of a party registration: the citizen register
//! (`iin,full_name,birth_date,unit,citizen,deceased,occupation`), the party's member list
//! (`iin,signed_on`; a `full_name` column is allowed and ignored) and the other parties'
//! members (`iin,party`; `signed_on` and `full_name` columns are allowed and ignored, so a
//! member list drawn with `saylau synth members --party` serves as one).
//!
//! The register is the largest input saylau reads (16 million rows), so its row reader works
//! on a [`csv::ByteRecord`] and allocates nothing for a good row: [`parse_register_row`] is
//! what `saylau registration check` calls from its two workers, and what [`read_register`]
//! calls for an upload held in memory. One function owns the register's columns and rules:
//!
//! - `iin`: a valid IIN (12 digits, a real birth date, the right check digit);
//! - `full_name`: text of at most [`NAME_CHARS`] characters (it may be empty);
//! - `birth_date`: a day of the calendar, `YYYY-MM-DD` (a person's, not the law's: any year);
//! - `unit`: one of the units in force on the law date, as the rulebook lists them
//!   (`state.units`), given to the reader as [`Units`];
//! - `citizen`, `deceased`: `true` or `false` in any case;
//! - `occupation`: text of at most [`NAME_CHARS`] characters; one of the occupations the law
//!   may bar ([`OCCUPATIONS`]) or anything else (or empty).
//!
//! A person twice in the register is a bad row when the member list names them: which entry
//! would count is not for saylau to guess (the callers check this; the register is not held
//! whole by the command line).
//!
//! In the member list an IIN that is not valid is not a bad row: it is a signature rejected
//! as `invalid_iin`, a finding about the member. `signed_on` must be a day the law covers.
//! In the other parties' list every IIN must be valid and `party` named.
//!
//! ```
//! use saylau_formats::register::{Units, read_register};
//!
//! let units = ["akmola".to_string(), "astana".to_string()];
//! let text = "iin,full_name,birth_date,unit,citizen,deceased,occupation\n\
//!             700501400175,Aigerim Sadykova,1970-05-01,astana,TRUE,false,teacher\n";
//! let rows = read_register("register.csv", text.as_bytes(), &Units::new(&units)).expect("a good file");
//! assert_eq!(rows[0].1.person.unit, 1); // `astana`, the second unit in force
//! assert!(rows[0].1.person.citizen);
//!
//! let bad = "iin,full_name,birth_date,unit,citizen,deceased,occupation\n\
//!            700501400175,Aigerim Sadykova,1970-05-01,atlantis,true,false,teacher\n";
//! let e = read_register("register.csv", bad.as_bytes(), &Units::new(&units)).unwrap_err();
//! assert_eq!(
//!     e.to_string(),
//!     "register.csv:2: field `unit`: `atlantis` is not a unit in force (akmola, astana)"
//! );
//! ```

use std::io::Read;

use csv::ByteRecord;
use jiff::civil::Date;
use saylau_core::law::OCCUPATIONS;
use saylau_core::parties::iin::{Iin, IinError};
use saylau_core::parties::registration::Person;
use saylau_core::text::quote;

use crate::NAME_CHARS;
use crate::cell::{self, LawDays};
use crate::problem::{Bad, FormatError};
use crate::table::{Header, Layout, Table};

/// The register's columns.
pub const REGISTER: Layout = Layout {
    what: "a citizen register",
    required: &[
        "iin",
        "full_name",
        "birth_date",
        "unit",
        "citizen",
        "deceased",
        "occupation",
    ],
    optional: &[],
    ignored: &[],
};

/// The member list's columns.
pub const MEMBERS: Layout = Layout {
    what: "a member list",
    required: &["iin", "signed_on"],
    optional: &[],
    ignored: &["full_name"],
};

/// The other parties' members' columns.
pub const OTHER_MEMBERS: Layout = Layout {
    what: "a list of other parties' members",
    required: &["iin", "party"],
    optional: &[],
    ignored: &["signed_on", "full_name"],
};

/// The units a register row may name, in the rulebook's order: [`Person::unit`] is the index
/// in this list, as [`saylau_core::parties::registration::Rules::unit_index`] gives it.
#[derive(Debug, Clone)]
pub struct Units<'a> {
    ids: &'a [String],
    /// Each id's length and first eight bytes (zero-padded), side by side: the lookup of 16
    /// million rows compares these before touching an id's text.
    keys: Vec<(usize, u64)>,
}

/// The first eight bytes of `bytes`, zero-padded, as one number.
#[inline]
fn prefix(bytes: &[u8]) -> u64 {
    // Byte by byte: a copy of a variable length would be a call to memcpy, per row.
    bytes
        .iter()
        .take(8)
        .enumerate()
        .fold(0, |w, (i, &b)| w | (u64::from(b) << (8 * i)))
}

impl<'a> Units<'a> {
    pub fn new(ids: &'a [String]) -> Units<'a> {
        Units {
            ids,
            keys: ids
                .iter()
                .map(|u| (u.len(), prefix(u.as_bytes())))
                .collect(),
        }
    }

    /// The index of a unit id given as bytes: the register has 16 million of them.
    #[inline]
    pub fn index(&self, bytes: &[u8]) -> Option<u8> {
        let (len, head) = (bytes.len(), prefix(bytes));
        self.keys
            .iter()
            .zip(self.ids)
            .position(|(&(l, h), id)| l == len && h == head && (len <= 8 || id.as_bytes() == bytes))
            .and_then(|i| u8::try_from(i).ok())
    }

    fn not_one(&self, bytes: &[u8]) -> String {
        format!(
            "`{}` is not a unit in force ({})",
            quote(&String::from_utf8_lossy(bytes)),
            self.ids.join(", ")
        )
    }
}

/// Where a register file has each column.
#[derive(Debug, Clone, Copy)]
pub struct RegisterColumns {
    iin: usize,
    full_name: usize,
    birth_date: usize,
    unit: usize,
    citizen: usize,
    deceased: usize,
    occupation: usize,
    width: usize,
}

impl RegisterColumns {
    /// The columns of a register file from its header record.
    pub fn from_header(file: &str, header: &ByteRecord) -> Result<RegisterColumns, FormatError> {
        Ok(Self::of(&Header::read(file, header, &REGISTER)?))
    }

    /// The columns of a header already read under [`REGISTER`].
    pub fn of(header: &Header) -> RegisterColumns {
        // Header::read has checked every required column is there.
        let at = |c: &str| header.index(c).unwrap_or(usize::MAX);
        RegisterColumns {
            iin: at("iin"),
            full_name: at("full_name"),
            birth_date: at("birth_date"),
            unit: at("unit"),
            citizen: at("citizen"),
            deceased: at("deceased"),
            occupation: at("occupation"),
            width: header.width(),
        }
    }

    /// How many cells a row has.
    pub fn width(&self) -> usize {
        self.width
    }
}

/// What the register says of one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegisterEntry {
    pub iin: Iin,
    pub person: Person,
}

/// Reads one register row (of the header's width): the entry, or its first bad field and
/// why. Allocates nothing for a good row.
#[inline]
pub fn parse_register_row(
    record: &ByteRecord,
    cols: &RegisterColumns,
    units: &Units<'_>,
) -> Result<RegisterEntry, Bad> {
    let get = |i: usize| record.get(i).unwrap_or_default();
    let (full_name, occupation) = (get(cols.full_name), get(cols.occupation));
    // Only the two text columns can hold a control character: every other cell must be
    // digits, a date, a unit id or a flag, which their parsers check byte by byte (quoting a
    // bad value escaped). Printable ASCII, the common case, is checked eight bytes at a time.
    for (cell, name) in [(full_name, "full_name"), (occupation, "occupation")] {
        if cell.len() > NAME_CHARS || !crate::cell::printable_ascii(cell) {
            check_name(cell.trim_ascii()).map_err(|why| Bad::new(name, why))?;
        }
    }
    entry_of(
        get(cols.iin),
        get(cols.birth_date),
        get(cols.unit),
        cell::flag(get(cols.citizen)),
        cell::flag(get(cols.deceased)),
        occupation,
        units,
    )
}

/// A register entry from its fields, checked in the columns' order: the one place the
/// register's rules live, for CSV rows and JSON entries alike (a JSON body gives the flags as
/// booleans, a CSV row as text read by [`cell::flag`]). The text of `full_name` and
/// `occupation` is checked before: by [`parse_register_row`] for a row, by the JSON reader
/// for a body.
#[allow(clippy::too_many_arguments)]
#[inline]
pub fn entry_of(
    iin: &[u8],
    birth_date: &[u8],
    unit: &[u8],
    citizen: Result<bool, String>,
    deceased: Result<bool, String>,
    occupation: &[u8],
    units: &Units<'_>,
) -> Result<RegisterEntry, Bad> {
    let iin = parse_iin(iin).map_err(|why| Bad::new("iin", why))?;
    let birth_date = cell::day(birth_date).map_err(|why| Bad::new("birth_date", why))?;
    let unit_bytes = unit.trim_ascii();
    let unit = units
        .index(unit_bytes)
        .ok_or_else(|| Bad::new("unit", units.not_one(unit_bytes)))?;
    let citizen = citizen.map_err(|why| Bad::new("citizen", why))?;
    let deceased = deceased.map_err(|why| Bad::new("deceased", why))?;
    let occupation = occupation.trim_ascii();
    Ok(RegisterEntry {
        iin,
        person: Person {
            birth_date,
            unit,
            citizen,
            deceased,
            occupation: OCCUPATIONS
                .iter()
                .position(|o| o.as_bytes() == occupation)
                .and_then(|i| u8::try_from(i).ok()),
        },
    })
}

fn check_name(bytes: &[u8]) -> Result<(), String> {
    cell::check_bytes(bytes, NAME_CHARS).map(|_| ())
}

/// Parses an IIN from bytes, saying why it is not one.
#[inline]
pub fn parse_iin(bytes: &[u8]) -> Result<Iin, String> {
    let bytes = bytes.trim_ascii();
    Iin::parse_ascii(bytes).map_err(|e| {
        format!(
            "`{}` is not a valid IIN: {e}",
            quote(&String::from_utf8_lossy(bytes))
        )
    })
}

/// Reads a whole register held in memory (an upload): each entry with its line.
pub fn read_register(
    file: &str,
    bytes: &[u8],
    units: &Units<'_>,
) -> Result<Vec<(u64, RegisterEntry)>, FormatError> {
    let table = Table::new(file, bytes, &REGISTER)?;
    let cols = RegisterColumns::of(table.header());
    let mut rows = Vec::new();
    table.each_record(|line, record, _| {
        rows.push((line, parse_register_row(record, &cols, units)?));
        Ok(())
    })?;
    Ok(rows)
}

/// One row of a member list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    pub line: u64,
    /// The IIN as written, trimmed.
    pub text: Box<str>,
    /// The IIN parsed; an invalid one is a finding (`invalid_iin`), not a bad row.
    pub iin: Result<Iin, IinError>,
    pub signed_on: Date,
}

/// Reads a member list.
pub fn read_members<R: Read>(
    file: &str,
    input: R,
    days: &LawDays,
) -> Result<Vec<MemberRow>, FormatError> {
    let mut rows = Vec::new();
    Table::new(file, input, &MEMBERS)?.each(|row| {
        let text = row.short_text("iin")?;
        let signed_on = row.law_day("signed_on", days)?;
        rows.push(MemberRow {
            line: row.line,
            iin: Iin::parse(&text),
            text: text.into_boxed_str(),
            signed_on,
        });
        Ok(())
    })?;
    Ok(rows)
}

/// Reads the other parties' members, handing `keep` the IIN of every row whose party is not
/// `own_party` (the applying party's own earlier list is not another party's). Returns the
/// number of rows.
pub fn read_other_members<R: Read>(
    file: &str,
    input: R,
    own_party: Option<&str>,
    mut keep: impl FnMut(Iin),
) -> Result<u64, FormatError> {
    Table::new(file, input, &OTHER_MEMBERS)?.each(|row| {
        let iin = parse_iin(row.str("iin").as_bytes()).map_err(|why| Bad::new("iin", why))?;
        // A million rows at national scale: the party is checked where it lies, not copied.
        let party = row.str("party");
        if party.is_empty() {
            return Err(Bad::new("party", "empty"));
        }
        if party.len() > NAME_CHARS
            && let Some(why) = cell::text_problem(party, NAME_CHARS)
        {
            return Err(Bad::new("party", why));
        }
        if own_party != Some(party) {
            keep(iin);
        }
        Ok(())
    })
}

/// The message for a person found twice in the register.
pub fn twice_in_register(first_line: u64) -> Bad {
    Bad::new(
        "iin",
        format!("this person is already in the register at line {first_line}"),
    )
}

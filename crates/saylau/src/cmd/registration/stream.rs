//! The streaming readers of `registration check`: the member list, the register cut into
//! chunks at row boundaries and parsed by two workers, and the other parties' lists, each row
//! checked and only the entries of IINs on the member list kept.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;

use jiff::civil::Date;
use saylau_core::law::{OCCUPATIONS, UNIT_IDS};
use saylau_core::parties::iin::{Iin, IinError};
use saylau_core::parties::registration::Person;

use super::progress::Progress;
use crate::input::{InputError, Result};

/// How many malformed rows are quoted in the error message; the rest are counted.
const QUOTED_ERRORS: usize = 5;

/// One row of the member list.
pub struct MemberRow {
    pub line: u64,
    pub text: Box<str>,
    pub iin: std::result::Result<Iin, IinError>,
    pub signed_on: Date,
}

/// Malformed rows of one file: the first few messages and how many there were.
struct Malformed {
    name: String,
    count: u64,
    first: Vec<String>,
}

impl Malformed {
    fn new(name: &str) -> Malformed {
        Malformed {
            name: name.to_string(),
            count: 0,
            first: Vec::new(),
        }
    }

    fn push(&mut self, line: u64, field: &str, why: impl std::fmt::Display) {
        self.count += 1;
        if self.first.len() < QUOTED_ERRORS {
            self.first
                .push(format!("{}:{line}: field `{field}`: {why}", self.name));
        }
    }

    fn row(&mut self, line: u64, why: impl std::fmt::Display) {
        self.count += 1;
        if self.first.len() < QUOTED_ERRORS {
            self.first.push(format!("{}:{line}: {why}", self.name));
        }
    }

    fn into_result(self) -> Result<()> {
        if self.count == 0 {
            return Ok(());
        }
        let more = if self.count > self.first.len() as u64 {
            format!("; and {} more", self.count - self.first.len() as u64)
        } else {
            String::new()
        };
        Err(InputError(format!(
            "{}: {} malformed row(s), no decision made: {}{more}",
            self.name,
            self.count,
            self.first.join("; ")
        )))
    }
}

/// Opens a file for streaming, with the error naming it.
fn open(path: &str) -> Result<(File, u64)> {
    let file = File::open(path).map_err(|e| InputError(format!("{path}: cannot read: {e}")))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    Ok((file, len))
}

fn csv_reader<R: Read>(reader: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .buffer_capacity(1 << 20)
        .from_reader(reader)
}

/// The columns a file must have, by name, in the order asked.
fn columns<R: Read>(
    name: &str,
    reader: &mut csv::Reader<R>,
    required: &[&str],
) -> Result<(Vec<usize>, usize)> {
    let header = reader
        .byte_headers()
        .map_err(|e| InputError(format!("{name}:1: cannot read the header: {e}")))?
        .clone();
    if header.is_empty() || (header.len() == 1 && header[0].is_empty()) {
        return Err(InputError(format!(
            "{name}: the file is empty (expected a header: {})",
            required.join(",")
        )));
    }
    let names: Vec<String> = header
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim()
                .trim_start_matches('\u{feff}')
                .to_ascii_lowercase()
        })
        .collect();
    let mut idx = Vec::new();
    for col in required {
        match names.iter().position(|h| h == col) {
            Some(i) => idx.push(i),
            None => {
                return Err(InputError(format!(
                    "{name}:1: the header has no `{col}` column (expected {}; found {})",
                    required.join(","),
                    names.join(",")
                )));
            }
        }
    }
    Ok((idx, names.len()))
}

/// Reads the next data row into `record` and returns its line, or `None` at the end of the
/// file. Blank lines are skipped; rows that cannot be read or have another number of fields
/// than the header are counted in `malformed` and skipped.
fn next_row<R: Read>(
    reader: &mut csv::Reader<R>,
    record: &mut csv::ByteRecord,
    width: usize,
    malformed: &mut Malformed,
) -> Option<u64> {
    loop {
        let line = reader.position().line();
        match reader.read_byte_record(record) {
            Ok(false) => return None,
            Ok(true) => {}
            Err(e) => {
                malformed.row(line, e);
                continue;
            }
        }
        if record.len() == 1 && record[0].is_empty() {
            continue;
        }
        let line = record.position().map_or(line, |p| p.line());
        if record.len() != width {
            malformed.row(
                line,
                format!(
                    "wrong number of fields: {} where the header has {width}",
                    record.len()
                ),
            );
            continue;
        }
        return Some(line);
    }
}

pub fn read_members(path: &str) -> Result<Vec<MemberRow>> {
    let (file, _) = open(path)?;
    let mut reader = csv_reader(std::io::BufReader::with_capacity(1 << 20, file));
    let (cols, width) = columns(path, &mut reader, &["iin", "signed_on"])?;
    let (c_iin, c_signed) = (cols[0], cols[1]);
    let mut malformed = Malformed::new(path);
    let mut rows = Vec::new();
    let mut record = csv::ByteRecord::new();
    while let Some(line) = next_row(&mut reader, &mut record, width, &mut malformed) {
        let text = String::from_utf8_lossy(&record[c_iin]).trim().to_string();
        let signed_on = match parse_date(&record[c_signed]) {
            Ok(d) => d,
            Err(why) => {
                malformed.push(line, "signed_on", why);
                continue;
            }
        };
        rows.push(MemberRow {
            line,
            iin: Iin::parse(&text),
            text: text.into_boxed_str(),
            signed_on,
        });
    }
    malformed.into_result()?;
    if rows.is_empty() {
        return Err(InputError(format!("{path}: no data rows after the header")));
    }
    Ok(rows)
}

/// The register's columns, in the order the code uses them.
const REGISTER_COLUMNS: [&str; 7] = [
    "iin",
    "full_name",
    "birth_date",
    "unit",
    "citizen",
    "deceased",
    "occupation",
];

/// Bytes of the register handed to a worker at a time.
const CHUNK: usize = 4 << 20;

/// A run of whole register rows and the line number of its first row.
struct Chunk {
    data: Vec<u8>,
    first_line: u64,
}

/// What one worker found in its chunks.
#[derive(Default)]
struct Found {
    /// (member slot, register entry, line).
    people: Vec<(u32, Person, u64)>,
    rows: u64,
    malformed: Vec<(u64, String)>,
    malformed_count: u64,
}

impl Found {
    fn bad(&mut self, line: u64, message: String, quoted_in_chunk: &mut usize) {
        self.malformed_count += 1;
        // The first few of each chunk are kept: the first few of the file are among them.
        if *quoted_in_chunk < QUOTED_ERRORS {
            *quoted_in_chunk += 1;
            self.malformed.push((line, message));
        }
    }
}

/// Streams the register, checking every row and keeping the entries of wanted IINs.
///
/// One thread reads the file and cuts it into chunks at row boundaries (a newline outside
/// quotes), counting lines; two workers parse the chunks. The result is the register entry
/// (and its line) for each wanted IIN, by slot. Progress counts a chunk when a worker has
/// parsed it, never when it is read: the reader runs ahead of the workers.
pub fn read_register(
    path: &str,
    wanted: &Wanted,
    progress: &Progress,
) -> Result<Vec<Option<(Person, u64)>>> {
    let (mut file, _) = open(path)?;
    let read_err = |e: std::io::Error| InputError(format!("{path}: cannot read: {e}"));

    // The header: everything up to the first newline.
    let mut buf: Vec<u8> = Vec::with_capacity(CHUNK * 2);
    let header_end = loop {
        if let Some(i) = memchr::memchr(b'\n', &buf) {
            break i + 1;
        }
        let n = read_more(&mut file, &mut buf).map_err(read_err)?;
        if n == 0 {
            break buf.len();
        }
    };
    let mut header = csv_reader(&buf[..header_end]);
    let (cols, width) = columns(path, &mut header, &REGISTER_COLUMNS)?;
    buf.drain(..header_end);
    progress.inc(header_end as u64);

    let workers = 2;
    let (send, receive) = std::sync::mpsc::sync_channel::<Chunk>(workers * 2);
    let receive = std::sync::Mutex::new(receive);
    let found: Vec<std::result::Result<Found, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let receive = &receive;
                let cols = &cols;
                scope.spawn(move || {
                    let mut found = Found::default();
                    loop {
                        let chunk = match receive.lock() {
                            Ok(r) => r.recv(),
                            Err(_) => return found,
                        };
                        let Ok(chunk) = chunk else {
                            return found;
                        };
                        parse_register_chunk(&chunk, cols, width, wanted, &mut found);
                        progress.inc(chunk.data.len() as u64);
                    }
                })
            })
            .collect();

        // The reader: cut at the last newline outside quotes; keep the rest for the next
        // chunk. A line count and a quote parity are all it needs.
        let mut next_line = 2u64;
        let mut at_eof = false;
        let mut outcome = Ok(());
        while !at_eof || !buf.is_empty() {
            if !at_eof && buf.len() < CHUNK {
                match read_more(&mut file, &mut buf) {
                    Ok(0) => at_eof = true,
                    Ok(_) => {}
                    Err(e) => {
                        outcome = Err(e.to_string());
                        break;
                    }
                }
                continue;
            }
            let (cut, lines) = match row_boundary(&buf) {
                Some(b) => b,
                // No whole row yet (a quoted field longer than a chunk): read on, or at the
                // end of the file take what is left, which the parser will judge.
                None if !at_eof => {
                    match read_more(&mut file, &mut buf) {
                        Ok(0) => at_eof = true,
                        Ok(_) => {}
                        Err(e) => {
                            outcome = Err(e.to_string());
                            break;
                        }
                    }
                    continue;
                }
                None => (buf.len(), 0),
            };
            let cut = if at_eof && buf.len() < CHUNK {
                buf.len()
            } else {
                cut
            };
            let lines = if cut == buf.len() {
                memchr::memchr_iter(b'\n', &buf).count() as u64
            } else {
                lines
            };
            let rest = buf.split_off(cut);
            let data = std::mem::replace(&mut buf, rest);
            if send
                .send(Chunk {
                    data,
                    first_line: next_line,
                })
                .is_err()
            {
                break;
            }
            next_line += lines;
            if buf.capacity() < CHUNK {
                buf.reserve(CHUNK * 2 - buf.len());
            }
        }
        drop(send);
        let mut results: Vec<std::result::Result<Found, String>> = handles
            .into_iter()
            .map(|h| h.join().map_err(|_| "a worker failed".to_string()))
            .collect();
        if let Err(e) = outcome {
            results.push(Err(e));
        }
        results
    });

    let mut malformed = Malformed::new(path);
    let mut people = Vec::new();
    let mut quoted = Vec::new();
    let mut rows = 0;
    for f in found {
        let f = f.map_err(|e| InputError(format!("{path}: cannot read: {e}")))?;
        rows += f.rows;
        malformed.count += f.malformed_count;
        quoted.extend(f.malformed);
        people.extend(f.people);
    }
    // A person twice in the register: the later line is the bad one.
    people.sort_unstable_by_key(|&(_, _, line)| line);
    let mut slots: Vec<Option<(Person, u64)>> = vec![None; wanted.len()];
    for (slot, person, line) in people {
        let Some(entry) = slots.get_mut(slot as usize) else {
            continue;
        };
        match entry {
            Some((_, first)) => {
                malformed.count += 1;
                quoted.push((
                    line,
                    format!("field `iin`: this person is already in the register at line {first}"),
                ));
            }
            None => *entry = Some((person, line)),
        }
    }
    quoted.sort_by_key(|(line, _)| *line);
    malformed.first = quoted
        .into_iter()
        .take(QUOTED_ERRORS)
        .map(|(line, m)| format!("{path}:{line}: {m}"))
        .collect();
    malformed.into_result()?;
    if rows == 0 {
        return Err(InputError(format!("{path}: no data rows after the header")));
    }
    Ok(slots)
}

/// Appends up to a chunk's worth of bytes from `file`; 0 at the end of the file.
fn read_more(file: &mut File, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    let start = buf.len();
    buf.resize(start + CHUNK, 0);
    let result = loop {
        match file.read(&mut buf[start..]) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => break other,
        }
    };
    let n = *result.as_ref().unwrap_or(&0);
    buf.truncate(start + n);
    result
}

/// The end of the last whole row in `buf` (just after a newline outside quotes) and the number
/// of newlines before it; `None` when there is no such newline.
fn row_boundary(buf: &[u8]) -> Option<(usize, u64)> {
    let mut in_quotes = false;
    let mut lines = 0u64;
    let mut last = None;
    for i in memchr::memchr2_iter(b'\n', b'"', buf) {
        if buf[i] == b'"' {
            in_quotes = !in_quotes;
        } else {
            lines += 1;
            if !in_quotes {
                last = Some((i + 1, lines));
            }
        }
    }
    last
}

/// Checks every row of a chunk; keeps the wanted people.
fn parse_register_chunk(
    chunk: &Chunk,
    cols: &[usize],
    width: usize,
    wanted: &Wanted,
    found: &mut Found,
) {
    let (c_iin, c_birth, c_unit, c_citizen, c_deceased, c_occupation) =
        (cols[0], cols[2], cols[3], cols[4], cols[5], cols[6]);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&chunk.data[..]);
    let mut record = csv::ByteRecord::new();
    let mut quoted = 0usize;
    let mut rows: Vec<(u64, Person, u64)> = Vec::with_capacity(chunk.data.len() / 64);
    let at = |rel: u64| chunk.first_line + rel.saturating_sub(1);
    loop {
        let rel = reader.position().line();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                found.bad(at(rel), format!("{e}"), &mut quoted);
                continue;
            }
        }
        if record.len() == 1 && record[0].is_empty() {
            continue;
        }
        let line = at(record.position().map_or(rel, |p| p.line()));
        found.rows += 1;
        if record.len() != width {
            found.bad(
                line,
                format!(
                    "wrong number of fields: {} where the header has {width}",
                    record.len()
                ),
                &mut quoted,
            );
            continue;
        }
        match register_row(&record, c_iin, c_birth, c_unit, c_citizen, c_deceased) {
            Ok((iin, birth_date, unit, citizen, deceased)) => {
                let occupation = occupation_of(&record[c_occupation]);
                rows.push((
                    iin.to_u64(),
                    Person {
                        birth_date,
                        unit,
                        citizen,
                        deceased,
                        occupation,
                    },
                    line,
                ));
            }
            Err((field, why)) => found.bad(line, format!("field `{field}`: {why}"), &mut quoted),
        }
    }
    // The bitset probes of a whole chunk in one tight loop: they do not depend on each other,
    // so the processor keeps many cache misses in flight instead of waiting for each.
    let maybe: Vec<bool> = rows.iter().map(|&(key, _, _)| wanted.maybe(key)).collect();
    for ((key, person, line), maybe) in rows.into_iter().zip(maybe) {
        if maybe && let Some(slot) = wanted.get(key) {
            found.people.push((slot, person, line));
        }
    }
}

type RegisterRow = (Iin, Date, u8, bool, bool);

/// `unit_index` on bytes: the register has 16 million of them.
fn unit_of(bytes: &[u8]) -> Option<u8> {
    UNIT_IDS
        .iter()
        .position(|u| u.as_bytes() == bytes)
        .and_then(|i| u8::try_from(i).ok())
}

/// `occupation_index` on bytes.
fn occupation_of(bytes: &[u8]) -> Option<u8> {
    let bytes = bytes.trim_ascii();
    OCCUPATIONS
        .iter()
        .position(|o| o.as_bytes() == bytes)
        .and_then(|i| u8::try_from(i).ok())
}

/// The checked fields of one register row, or the first bad field and why.
fn register_row(
    record: &csv::ByteRecord,
    c_iin: usize,
    c_birth: usize,
    c_unit: usize,
    c_citizen: usize,
    c_deceased: usize,
) -> std::result::Result<RegisterRow, (&'static str, String)> {
    let iin = parse_iin(&record[c_iin]).map_err(|why| ("iin", why))?;
    let birth = parse_date(&record[c_birth]).map_err(|why| ("birth_date", why))?;
    let unit_text = record[c_unit].trim_ascii();
    let unit = unit_of(unit_text).ok_or_else(|| {
        (
            "unit",
            format!(
                "`{}` is not a unit id (expected one of {})",
                String::from_utf8_lossy(unit_text),
                UNIT_IDS.join(", ")
            ),
        )
    })?;
    let citizen = parse_flag(&record[c_citizen]).map_err(|why| ("citizen", why))?;
    let deceased = parse_flag(&record[c_deceased]).map_err(|why| ("deceased", why))?;
    Ok((iin, birth, unit, citizen, deceased))
}

/// The IINs on the member list, each with its slot: a bitset of a few megabytes that rules
/// out most register rows in one probe, and the exact map behind it.
pub struct Wanted {
    bits: Vec<u64>,
    slots: HashMap<u64, u32, foldhash::fast::FixedState>,
}

/// log2 of the bitset's size in bits: 2^25 bits is 4 MiB.
const WANTED_BITS: u32 = 25;

impl Wanted {
    /// The set of `keys`, and the slot of each key (`None` for `None`), in order.
    pub fn new(keys: impl Iterator<Item = Option<u64>>) -> (Wanted, Vec<Option<u32>>) {
        let mut w = Wanted {
            bits: vec![0; 1 << (WANTED_BITS - 6)],
            slots: HashMap::default(),
        };
        let slots = keys
            .map(|key| {
                let key = key?;
                let next = w.slots.len() as u32;
                let slot = *w.slots.entry(key).or_insert(next);
                let b = Wanted::bit(key);
                w.bits[b >> 6] |= 1 << (b & 63);
                Some(slot)
            })
            .collect();
        (w, slots)
    }

    fn bit(key: u64) -> usize {
        // Fibonacci hashing: the top bits of the product spread decimal keys evenly.
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - WANTED_BITS)) as usize
    }

    /// Whether `key` may be wanted: `false` means certainly not.
    fn maybe(&self, key: u64) -> bool {
        let b = Wanted::bit(key);
        self.bits[b >> 6] & (1 << (b & 63)) != 0
    }

    fn get(&self, key: u64) -> Option<u32> {
        if !self.maybe(key) {
            return None;
        }
        self.slots.get(&key).copied()
    }

    fn len(&self) -> usize {
        self.slots.len()
    }
}

/// Streams the other parties' member lists; returns, by slot, whether each wanted IIN is on
/// them.
pub fn read_other_members(
    path: &str,
    party: Option<&str>,
    wanted: &Wanted,
    progress: &Progress,
) -> Result<Vec<bool>> {
    let (file, _) = open(path)?;
    let mut reader = csv_reader(progress.wrap(file));
    let (cols, width) = columns(path, &mut reader, &["iin", "party"])?;
    let (c_iin, c_party) = (cols[0], cols[1]);
    let mut malformed = Malformed::new(path);
    let mut found = vec![false; wanted.len()];
    let mut keys = Vec::new();
    let mut record = csv::ByteRecord::new();
    while let Some(line) = next_row(&mut reader, &mut record, width, &mut malformed) {
        let iin = match parse_iin(&record[c_iin]) {
            Ok(iin) => iin,
            Err(why) => {
                malformed.push(line, "iin", why);
                continue;
            }
        };
        let their_party = String::from_utf8_lossy(&record[c_party]);
        let their_party = their_party.trim();
        if their_party.is_empty() {
            malformed.push(line, "party", "empty");
            continue;
        }
        // The applying party's own earlier list is not another party's.
        if party.is_some_and(|p| p == their_party) {
            continue;
        }
        keys.push(iin.to_u64());
    }
    // As for the register: the bitset probes in one tight loop, then the few exact lookups.
    let maybe: Vec<bool> = keys.iter().map(|&k| wanted.maybe(k)).collect();
    for (key, maybe) in keys.into_iter().zip(maybe) {
        if maybe
            && let Some(slot) = wanted.get(key)
            && let Some(f) = found.get_mut(slot as usize)
        {
            *f = true;
        }
    }
    malformed.into_result()?;
    Ok(found)
}

fn parse_iin(bytes: &[u8]) -> std::result::Result<Iin, String> {
    let bytes = bytes.trim_ascii();
    Iin::parse_ascii(bytes).map_err(|e| {
        format!(
            "`{}` is not a valid IIN: {e}",
            String::from_utf8_lossy(bytes)
        )
    })
}

fn parse_flag(bytes: &[u8]) -> std::result::Result<bool, String> {
    match bytes.trim_ascii() {
        b"true" => Ok(true),
        b"false" => Ok(false),
        other => Err(format!(
            "`{}` is not true or false",
            String::from_utf8_lossy(other)
        )),
    }
}

/// Parses `YYYY-MM-DD` without going through a string: the register has 16 million of them.
fn parse_date(bytes: &[u8]) -> std::result::Result<Date, String> {
    let b = bytes.trim_ascii();
    let bad = || {
        format!(
            "`{}` is not a date (expected YYYY-MM-DD)",
            String::from_utf8_lossy(b)
        )
    };
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *b else {
        return Err(bad());
    };
    let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
    if !digits.iter().all(u8::is_ascii_digit) {
        return Err(bad());
    }
    let n = |ds: &[u8]| ds.iter().fold(0i16, |n, &d| n * 10 + i16::from(d - b'0'));
    let year = n(&[y0, y1, y2, y3]);
    let month = n(&[m0, m1]) as i8;
    let day = n(&[d0, d1]) as i8;
    Date::new(year, month, day).map_err(|_| {
        format!(
            "`{}` is not a day of the calendar",
            String::from_utf8_lossy(b)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_cut_at_newlines_outside_quotes() {
        // The last newline is inside an open quoted field: the cut is the one before it.
        let buf = b"a,\"x\ny\"\nb,\"p\nq";
        assert_eq!(row_boundary(buf), Some((8, 2)));
        // Escaped quotes ("") toggle twice and leave the state as it was.
        let buf = b"a,\"say \"\"hi\"\"\"\nb,c\n";
        assert_eq!(row_boundary(buf), Some((buf.len(), 2)));
        assert_eq!(row_boundary(b"a,\"open\nstill open"), None);
        assert_eq!(row_boundary(b"no newline"), None);
    }

    #[test]
    fn dates_are_parsed_from_bytes_strictly() {
        assert_eq!(
            parse_date(b"2009-02-28"),
            Ok(jiff::civil::date(2009, 2, 28))
        );
        assert_eq!(
            parse_date(b" 2009-02-28 "),
            Ok(jiff::civil::date(2009, 2, 28))
        );
        assert!(parse_date(b"2009-02-29").unwrap_err().contains("not a day"));
        assert!(parse_date(b"2009-2-28").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_date(b"20O9-02-28").is_err());
        assert!(parse_date(b"").is_err());
    }

    #[test]
    fn the_bitset_never_misses_a_wanted_key() {
        let keys: Vec<Option<u64>> = (0..50_000u64)
            .map(|i| Some(i * 7919 + 100_000_000_000))
            .chain([None])
            .collect();
        let (wanted, slots) = Wanted::new(keys.iter().copied());
        assert_eq!(slots.last(), Some(&None));
        for (key, slot) in keys.iter().zip(&slots) {
            if let Some(key) = key {
                assert!(wanted.maybe(*key));
                assert_eq!(wanted.get(*key), *slot);
            }
        }
        let false_hits = (0..100_000u64).filter(|i| wanted.maybe(i * 13 + 7)).count();
        assert!(false_hits < 1_000, "{false_hits} false hits of 100,000");
    }
}

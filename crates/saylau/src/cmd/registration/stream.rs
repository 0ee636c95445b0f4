//! The streaming readers of `registration check`: the member list, the register cut into
//! chunks at row boundaries and parsed by two workers, and the other parties' lists, each row
//! checked and only the entries of IINs on the member list kept.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;

use saylau_core::parties::registration::Person;
use saylau_formats::problem::Problems;
use saylau_formats::register::{
    self, MemberRow, RegisterColumns, Units, parse_register_row, twice_in_register,
};
use saylau_formats::table::{csv_reason, is_blank, wrong_width};
use saylau_formats::{FormatError, LawDays};

use super::progress::Progress;
use crate::input::{InputError, Result};

/// Opens a file for streaming, with the error naming it.
fn open(path: &str) -> Result<(File, u64)> {
    let file = File::open(path).map_err(|e| InputError(format!("{path}: cannot read: {e}")))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    Ok((file, len))
}

/// Reads the member list: the IINs as written (an invalid one is a finding, not a bad row)
/// and the signing days.
pub fn read_members(path: &str, days: &LawDays) -> Result<Vec<MemberRow>> {
    let (file, _) = open(path)?;
    let input = std::io::BufReader::with_capacity(1 << 20, file);
    Ok(register::read_members(path, input, days)?)
}

/// Bytes of the register handed to a worker at a time.
const CHUNK: usize = 4 << 20;

/// A run of whole register rows and the line number of its first row.
struct Chunk {
    data: Vec<u8>,
    first_line: u64,
}

/// What one worker found in its chunks.
struct Found {
    /// (member slot, register entry, line).
    people: Vec<(u32, Person, u64)>,
    rows: u64,
    /// The bad rows of this worker's chunks, which it takes in the file's order: its first
    /// few are among the first few of the file.
    bad: Problems,
}

/// Streams the register, checking every row and keeping the entries of wanted IINs.
///
/// One thread reads the file and cuts it into chunks at row boundaries (a newline outside
/// quotes), counting lines; two workers parse the chunks. The result is the register entry
/// (and its line) for each wanted IIN, by slot. Progress counts a chunk when a worker has
/// parsed it, never when it is read: the reader runs ahead of the workers.
pub fn read_register(
    path: &str,
    units: &Units<'_>,
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
    let mut header = saylau_formats::table::reader(&buf[..header_end], false);
    let mut record = csv::ByteRecord::new();
    if let Err(e) = header.read_byte_record(&mut record) {
        return Err(FormatError::at(path, Some(1), None, csv_reason(&e)).into());
    }
    let cols = RegisterColumns::from_header(path, &record)?;
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
                    let mut found = Found {
                        people: Vec::new(),
                        rows: 0,
                        bad: Problems::new(path),
                    };
                    loop {
                        let chunk = match receive.lock() {
                            Ok(r) => r.recv(),
                            Err(_) => return found,
                        };
                        let Ok(chunk) = chunk else {
                            return found;
                        };
                        parse_register_chunk(&chunk, cols, units, wanted, &mut found);
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

    let mut bad = Problems::new(path);
    let mut people = Vec::new();
    let mut rows = 0;
    for f in found {
        let f = f.map_err(|e| InputError(format!("{path}: cannot read: {e}")))?;
        rows += f.rows;
        bad.merge(f.bad);
        people.extend(f.people);
    }
    // A person twice in the register: the later line is the bad one.
    people.sort_unstable_by_key(|&(_, _, line)| line);
    let mut slots: Vec<Option<(Person, u64)>> = vec![None; wanted.len()];
    let mut twice = Problems::new(path);
    for (slot, person, line) in people {
        let Some(entry) = slots.get_mut(slot as usize) else {
            continue;
        };
        match entry {
            Some((_, first)) => twice.bad(line, twice_in_register(*first)),
            None => *entry = Some((person, line)),
        }
    }
    bad.merge(twice);
    bad.check()?;
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
    cols: &RegisterColumns,
    units: &Units<'_>,
    wanted: &Wanted,
    found: &mut Found,
) {
    let width = cols.width();
    // The chunk is in memory already: csv's default buffer (8 KiB, in cache) suits it better
    // than the large one of a file reader.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&chunk.data[..]);
    let mut record = csv::ByteRecord::new();
    let mut rows: Vec<(u64, Person, u64)> = Vec::with_capacity(chunk.data.len() / 64);
    let at = |rel: u64| chunk.first_line + rel.saturating_sub(1);
    loop {
        let rel = reader.position().line();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                found.bad.push(Some(at(rel)), None, csv_reason(&e));
                continue;
            }
        }
        if is_blank(&record) {
            continue;
        }
        let line = at(record.position().map_or(rel, csv::Position::line));
        found.rows += 1;
        if record.len() != width {
            found
                .bad
                .push(Some(line), None, wrong_width(record.len(), width));
            continue;
        }
        match parse_register_row(&record, cols, units) {
            Ok(entry) => rows.push((entry.iin.to_u64(), entry.person, line)),
            Err(bad) => found.bad.bad(line, bad),
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
    let mut found = vec![false; wanted.len()];
    let mut keys = Vec::new();
    register::read_other_members(path, progress.wrap(file), party, |iin| {
        keys.push(iin.to_u64());
    })?;
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
    Ok(found)
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

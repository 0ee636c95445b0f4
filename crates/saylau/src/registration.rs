//! `saylau registration check`: a party's member list verified against the citizen register.
//!
//! The files are streamed, not loaded: the member list is read first (it decides which IINs
//! matter), then the register (16 million rows in the benchmark) and the other parties' lists
//! are read side by side on two threads, keeping only the entries of IINs on the member list.
//! Every row of every file is still checked, and any malformed row anywhere means no decision.
//! The rules themselves are applied by `saylau_core::registration`.

use std::fs::File;
use std::io::{IsTerminal, Read};
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};
use jiff::civil::Date;
use rustc_hash::{FxHashMap, FxHashSet};
use saylau_core::explain::Table;
use saylau_core::iin::{Iin, IinError};
use saylau_core::law::Law;
use saylau_core::registration::{
    Application, Decision, Outcome, Person, Reason, Rules, Signature, Tally, occupation_index,
    unit_index,
};

use crate::input::{InputError, Result};
use crate::{Done, Format, output};

/// How many malformed rows are quoted in the error message; the rest are counted.
const QUOTED_ERRORS: usize = 5;

/// The arguments of `saylau registration check`.
pub struct CheckArgs<'a> {
    pub date: Date,
    pub law_date: Option<Date>,
    pub members: &'a str,
    pub register: &'a str,
    pub other_members: Option<&'a str>,
    pub party: Option<&'a str>,
    pub founders: u64,
    pub committee_registered: Date,
    pub rejected_out: Option<&'a str>,
    pub format: Format,
}

/// One row of the member list.
struct MemberRow {
    line: u64,
    text: Box<str>,
    iin: std::result::Result<Iin, IinError>,
    signed_on: Date,
}

/// What the register and the other lists say of one IIN on the member list.
#[derive(Clone, Copy, Default)]
struct Slot {
    person: Option<Person>,
    /// The register line that gave `person`, to name both lines of a repeated entry.
    line: u64,
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

/// `saylau registration check`.
pub fn check(args: &CheckArgs<'_>, law: Law<'_>, out: &mut String) -> Result<Done> {
    let application = Application {
        filed: args.date,
        committee_registered: args.committee_registered,
        founders: args.founders,
    };
    let law_date = args.law_date.unwrap_or(args.date);
    let rules = Rules::new(law, law_date, &application)
        .map_err(|e| InputError(format!("registration on {law_date}: {e}")))?;

    let members = read_members(args.members)?;
    let mut slots: FxHashMap<u64, Slot> = FxHashMap::default();
    slots.reserve(members.len());
    for m in &members {
        if let Ok(iin) = m.iin {
            slots.entry(iin.to_u64()).or_default();
        }
    }
    let wanted: FxHashSet<u64> = slots.keys().copied().collect();

    let progress = Progress::new(&[Some(args.register), args.other_members]);
    let (register, others) = std::thread::scope(|scope| {
        let others = args.other_members.map(|path| {
            let wanted = &wanted;
            let progress = &progress;
            scope.spawn(move || read_other_members(path, args.party, wanted, progress))
        });
        let register = read_register(args.register, &mut slots, &progress);
        let others = match others {
            None => Ok(FxHashSet::default()),
            Some(handle) => handle
                .join()
                .unwrap_or_else(|_| Err(InputError("reading the other members failed".into()))),
        };
        (register, others)
    });
    progress.finish();
    register?;
    let others = others?;

    let mut tally = Tally::new();
    let mut rejected = Vec::new();
    for m in &members {
        let key = m.iin.as_ref().ok().map(Iin::to_u64);
        let slot = key.and_then(|k| slots.get(&k)).copied().unwrap_or_default();
        let row = Signature {
            iin: m.iin.clone(),
            signed_on: m.signed_on,
            person: slot.person,
            other_party: key.is_some_and(|k| others.contains(&k)),
        };
        if let Err(reason) = tally.add(&rules, &row) {
            rejected.push((m, reason));
        }
    }
    let outcome = rules
        .decide(&tally)
        .map_err(|e| InputError(format!("{}: {e}", args.register)))?;

    if let Some(path) = args.rejected_out {
        write_rejected(path, &rejected)?;
    }
    match args.format {
        Format::Json => output::json(out, &outcome)?,
        Format::Table => render(out, &outcome),
    }
    Ok(Done::Ok)
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

fn read_members(path: &str) -> Result<Vec<MemberRow>> {
    let (file, _) = open(path)?;
    let mut reader = csv_reader(std::io::BufReader::with_capacity(1 << 20, file));
    let (cols, width) = columns(path, &mut reader, &["iin", "signed_on"])?;
    let (c_iin, c_signed) = (cols[0], cols[1]);
    let mut malformed = Malformed::new(path);
    let mut rows = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                malformed.row(line, e);
                continue;
            }
        }
        let line = record.position().map_or(line, |p| p.line());
        if record.len() == 1 && record[0].is_empty() {
            continue;
        }
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

/// Streams the register, checking every row and keeping the entries of wanted IINs.
fn read_register(path: &str, slots: &mut FxHashMap<u64, Slot>, progress: &Progress) -> Result<()> {
    let (file, _) = open(path)?;
    let file = progress.wrap(file);
    let mut reader = csv_reader(file);
    let (cols, width) = columns(
        path,
        &mut reader,
        &[
            "iin",
            "full_name",
            "birth_date",
            "unit",
            "citizen",
            "deceased",
            "occupation",
        ],
    )?;
    let (c_iin, c_birth, c_unit, c_citizen, c_deceased, c_occupation) =
        (cols[0], cols[2], cols[3], cols[4], cols[5], cols[6]);
    let mut malformed = Malformed::new(path);
    let mut record = csv::ByteRecord::new();
    let mut rows = 0u64;
    loop {
        let line = reader.position().line();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
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
        rows += 1;
        let iin = match parse_iin(&record[c_iin]) {
            Ok(iin) => iin,
            Err(why) => {
                malformed.push(line, "iin", why);
                continue;
            }
        };
        let birth_date = match parse_date(&record[c_birth]) {
            Ok(d) => d,
            Err(why) => {
                malformed.push(line, "birth_date", why);
                continue;
            }
        };
        let unit_text = &record[c_unit];
        let Some(unit) = std::str::from_utf8(unit_text).ok().and_then(unit_index) else {
            malformed.push(
                line,
                "unit",
                format!(
                    "`{}` is not a unit id (expected one of {})",
                    String::from_utf8_lossy(unit_text),
                    saylau_core::law::UNIT_IDS.join(", ")
                ),
            );
            continue;
        };
        let citizen = match parse_flag(&record[c_citizen]) {
            Ok(b) => b,
            Err(why) => {
                malformed.push(line, "citizen", why);
                continue;
            }
        };
        let deceased = match parse_flag(&record[c_deceased]) {
            Ok(b) => b,
            Err(why) => {
                malformed.push(line, "deceased", why);
                continue;
            }
        };
        let Some(slot) = slots.get_mut(&iin.to_u64()) else {
            continue;
        };
        if slot.person.is_some() {
            malformed.push(
                line,
                "iin",
                format!("{iin} is already in the register at line {}", slot.line),
            );
            continue;
        }
        let occupation = std::str::from_utf8(&record[c_occupation])
            .ok()
            .and_then(|o| occupation_index(o.trim()));
        *slot = Slot {
            person: Some(Person {
                birth_date,
                unit,
                citizen,
                deceased,
                occupation,
            }),
            line,
        };
    }
    malformed.into_result()?;
    if rows == 0 {
        return Err(InputError(format!("{path}: no data rows after the header")));
    }
    Ok(())
}

/// Streams the other parties' member lists; returns the wanted IINs found on them.
fn read_other_members(
    path: &str,
    party: Option<&str>,
    wanted: &FxHashSet<u64>,
    progress: &Progress,
) -> Result<FxHashSet<u64>> {
    let (file, _) = open(path)?;
    let mut reader = csv_reader(progress.wrap(file));
    let (cols, width) = columns(path, &mut reader, &["iin", "party"])?;
    let (c_iin, c_party) = (cols[0], cols[1]);
    let mut malformed = Malformed::new(path);
    let mut found = FxHashSet::default();
    let mut record = csv::ByteRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
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
        let key = iin.to_u64();
        if wanted.contains(&key) {
            found.insert(key);
        }
    }
    malformed.into_result()?;
    Ok(found)
}

fn parse_iin(bytes: &[u8]) -> std::result::Result<Iin, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())?;
    Iin::parse(text).map_err(|e| format!("`{}` is not a valid IIN: {e}", text.trim()))
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

/// Writes the rejected rows with their reasons, whole or not at all: a temporary file in the
/// same directory, renamed over the target once complete.
fn write_rejected(path: &str, rejected: &[(&MemberRow, Reason)]) -> Result<()> {
    let target = Path::new(path);
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "rejected.csv".into());
    let temp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let fail = |e: &dyn std::fmt::Display| InputError(format!("{path}: cannot write: {e}"));
    let result = (|| -> std::result::Result<(), Box<dyn std::error::Error>> {
        let mut w = csv::Writer::from_path(&temp)?;
        w.write_record(["line", "iin", "signed_on", "reason"])?;
        for (m, reason) in rejected {
            w.write_record([
                m.line.to_string().as_str(),
                &m.text,
                m.signed_on.to_string().as_str(),
                reason.name(),
            ])?;
        }
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&temp, target)?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(fail(&e));
    }
    Ok(())
}

/// A byte-count progress bar on stderr, drawn only when stderr is a terminal.
struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    fn new(paths: &[Option<&str>]) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let total: u64 = paths
            .iter()
            .flatten()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum();
        let bar = ProgressBar::new(total);
        if let Ok(style) = ProgressStyle::with_template(
            "verifying {bar:40} {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left)",
        ) {
            bar.set_style(style);
        }
        Progress { bar: Some(bar) }
    }

    fn wrap<R: Read + Send + 'static>(&self, reader: R) -> Box<dyn Read + Send + '_> {
        match &self.bar {
            Some(bar) => Box::new(bar.wrap_read(reader)),
            None => Box::new(reader),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn render(out: &mut String, outcome: &Outcome) {
    let decision = match outcome.decision {
        Decision::Registrable => "REGISTRABLE",
        Decision::Refused => "REFUSED",
    };
    out.push_str(&format!(
        "Decision: {decision} (law in force on {}; signatures counted from {} to {})\n\n",
        outcome.law_date, outcome.window.from, outcome.window.to
    ));
    for f in &outcome.reasons {
        out.push_str(&format!(
            "[{}] {}: {}\n",
            if f.met { "met" } else { "NOT MET" },
            f.rule,
            f.says
        ));
        for l in &f.law {
            out.push_str(&format!("      {l}\n"));
        }
    }
    out.push_str(&format!("\nValid members: {}\n\n", outcome.valid_members));
    let min_per_unit = outcome
        .reasons
        .iter()
        .find(|f| f.rule == "members_per_unit")
        .and_then(|f| f.law.first())
        .and_then(|l| l.value.parse::<u64>().ok());
    let mut t = Table::new(vec!["unit", "valid members", "minimum", "met"]);
    for (unit, count) in &outcome.by_unit.0 {
        t.row(vec![
            (*unit).into(),
            (*count).into(),
            min_per_unit.map_or(serde_json::Value::Null, Into::into),
            (if min_per_unit.is_none_or(|m| *count >= m) {
                "yes"
            } else {
                "no"
            })
            .into(),
        ]);
    }
    output::table(out, &t);
    out.push('\n');
    let mut t = Table::new(vec!["rejected for", "rows", "rule"]);
    for ((reason, count), law) in outcome.rejected.0.iter().zip(&outcome.rejection_law) {
        t.row(vec![
            (*reason).into(),
            (*count).into(),
            law.says.clone().into(),
        ]);
    }
    output::table(out, &t);
}

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `saylau synth`, tested on the built binary: the register and member lists are
//! deterministic, well formed, and have exactly the defects asked for. Every property is
//! recomputed here from the files, not taken from the generator.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use jiff::civil::Date;
use saylau_core::exact::date::age_on;
use saylau_core::law::OCCUPATIONS;
use saylau_core::parties::iin::Iin;

mod support;
use support::{UNIT_IDS, saylau};

fn ok(args: &[&str]) -> Vec<u8> {
    let o = saylau(args);
    assert!(
        o.status.success(),
        "saylau {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}

/// A file in a per-test temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, content: &[u8]) -> TempFile {
        let dir = std::env::temp_dir().join(format!("saylau-synth-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn rows(csv_bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(csv_bytes);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

fn flag(text: &str) -> bool {
    match text {
        "true" => true,
        "false" => false,
        other => panic!("`{other}` is not true or false"),
    }
}

struct Person {
    birth: Date,
    citizen: bool,
    deceased: bool,
    occupation: String,
}

fn register_people(bytes: &[u8]) -> HashMap<String, Person> {
    let (_, rows) = rows(bytes);
    rows.into_iter()
        .map(|r| {
            let person = Person {
                birth: day(&r[2]),
                citizen: flag(&r[4]),
                deceased: flag(&r[5]),
                occupation: r[6].clone(),
            };
            (r[0].clone(), person)
        })
        .collect()
}

#[test]
fn register_is_deterministic_and_depends_on_the_seed() {
    let a = ok(&["synth", "register", "--people", "3000", "--seed", "7"]);
    let b = ok(&["synth", "register", "--people", "3000", "--seed", "7"]);
    let c = ok(&["synth", "register", "--people", "3000", "--seed", "8"]);
    assert_eq!(a, b, "same arguments, same bytes");
    assert_ne!(a, c, "another seed, another register");
    assert_eq!(rows(&a).1.len(), 3000);
}

#[test]
fn register_rows_are_valid_and_realistic() {
    let bytes = ok(&["synth", "register", "--people", "20000", "--seed", "11"]);
    let (header, rows) = rows(&bytes);
    assert_eq!(
        header,
        [
            "iin",
            "full_name",
            "birth_date",
            "unit",
            "citizen",
            "deceased",
            "occupation"
        ]
    );
    assert_eq!(rows.len(), 20_000);
    let as_of = day("2009-06-01");
    let mut iins = HashSet::new();
    let mut units = HashSet::new();
    let (mut minors, mut barred, mut non_citizens, mut deceased, mut quoted) = (0, 0, 0, 0, 0);
    for r in &rows {
        let iin = Iin::parse(&r[0]).unwrap_or_else(|e| panic!("{}: {e}", r[0]));
        assert_eq!(iin.to_string(), r[0]);
        assert_eq!(
            iin.birth_date(),
            day(&r[2]),
            "IIN {} encodes the birth date",
            r[0]
        );
        assert!(iins.insert(r[0].clone()), "IIN {} appears twice", r[0]);
        let age = age_on(day(&r[2]), as_of);
        assert!((0..=95).contains(&age), "age {age}");
        minors += usize::from(age < 18);
        assert!(UNIT_IDS.contains(&r[3]), "unit {}", r[3]);
        units.insert(r[3].clone());
        non_citizens += usize::from(!flag(&r[4]));
        deceased += usize::from(flag(&r[5]));
        if OCCUPATIONS.contains(&r[6].as_str()) {
            barred += 1;
            assert!(age >= 18, "a minor in a barred occupation: {r:?}");
        }
        let name = &r[1];
        assert!(name.split_whitespace().count() >= 2, "a full name: {name}");
        quoted += usize::from(name.contains(',') || name.contains('"'));
    }
    assert_eq!(units.len(), 16, "every unit is present");
    let share = |n: usize| n as f64 / rows.len() as f64;
    assert!(
        (0.15..0.45).contains(&share(minors)),
        "minors {}",
        share(minors)
    );
    assert!(
        (0.01..0.02).contains(&share(barred)),
        "barred {}",
        share(barred)
    );
    assert!((0.015..0.025).contains(&share(non_citizens)));
    assert!((0.006..0.014).contains(&share(deceased)));
    assert!(quoted > 0, "some names need CSV quoting");
    // The bytes for quoted names really are quoted.
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains(",\"") && text.contains("\","));
}

/// The first defect of a member row, checked in the order a registration checker uses.
fn defect(
    people: &HashMap<String, Person>,
    passed: &HashSet<String>,
    iin: &str,
    signed_on: Date,
    window: (Date, Date),
) -> &'static str {
    if Iin::parse(iin).is_err() || iin.len() != 12 {
        return "invalid_iin";
    }
    let Some(p) = people.get(iin) else {
        return "not_in_register";
    };
    if !p.citizen {
        return "not_citizen";
    }
    if p.deceased {
        return "deceased";
    }
    if age_on(p.birth, signed_on) < 18 {
        return "under_age";
    }
    if OCCUPATIONS.contains(&p.occupation.as_str()) {
        return "barred_occupation";
    }
    if signed_on < window.0 || signed_on > window.1 {
        return "outside_window";
    }
    if passed.contains(iin) {
        return "duplicate";
    }
    "clean"
}

fn classify(people: &HashMap<String, Person>, members: &[u8]) -> HashMap<&'static str, usize> {
    let (header, rows) = rows(members);
    assert_eq!(header, ["iin", "signed_on"]);
    let window = (day("2009-03-02"), day("2009-07-01"));
    let mut passed = HashSet::new();
    let mut counts = HashMap::new();
    for r in &rows {
        let kind = defect(people, &passed, &r[0], day(&r[1]), window);
        if kind == "clean" {
            passed.insert(r[0].clone());
        }
        // Each defect is meant to be the row's only one: a row that fails a later check too
        // would be counted under the wrong kind by a checker stopping at the first.
        if matches!(
            kind,
            "not_citizen" | "deceased" | "under_age" | "barred_occupation"
        ) {
            let p = &people[&r[0]];
            let faults = usize::from(!p.citizen)
                + usize::from(p.deceased)
                + usize::from(age_on(p.birth, day(&r[1])) < 18)
                + usize::from(OCCUPATIONS.contains(&p.occupation.as_str()))
                + usize::from(day(&r[1]) < window.0 || day(&r[1]) > window.1)
                + usize::from(passed.contains(&r[0]));
            assert_eq!(faults, 1, "row {r:?} has {faults} defects");
        }
        *counts.entry(kind).or_insert(0) += 1;
    }
    counts
}

#[test]
fn members_are_clean_without_defects_and_have_each_defect_as_asked() {
    let register = ok(&["synth", "register", "--people", "20000", "--seed", "3"]);
    let people = register_people(&register);
    let file = TempFile::new("register.csv", &register);

    let clean = ok(&[
        "synth",
        "members",
        "--register",
        file.path(),
        "--members",
        "3000",
        "--seed",
        "5",
    ]);
    let counts = classify(&people, &clean);
    assert_eq!(counts.get("clean"), Some(&3000), "{counts:?}");

    let args = [
        "synth",
        "members",
        "--register",
        file.path(),
        "--members",
        "5000",
        "--seed",
        "5",
        "--defects",
        "0.08",
    ];
    let defective = ok(&args);
    assert_eq!(defective, ok(&args), "same arguments, same bytes");
    let counts = classify(&people, &defective);
    // 8% of 5000 is 400 defective rows, 50 of each of the eight kinds.
    for kind in [
        "invalid_iin",
        "not_in_register",
        "not_citizen",
        "deceased",
        "under_age",
        "barred_occupation",
        "outside_window",
        "duplicate",
    ] {
        assert_eq!(counts.get(kind), Some(&50), "{kind}: {counts:?}");
    }
    assert_eq!(counts.get("clean"), Some(&4600), "{counts:?}");

    // Apart from the deliberate duplicates, no IIN is used twice.
    let (_, rows) = rows(&defective);
    let distinct: HashSet<&String> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(distinct.len(), 5000 - 50);
}

#[test]
fn other_party_members_name_the_party() {
    let register = ok(&["synth", "register", "--people", "2000", "--seed", "3"]);
    let people = register_people(&register);
    let file = TempFile::new("register-party.csv", &register);
    let bytes = ok(&[
        "synth",
        "members",
        "--register",
        file.path(),
        "--members",
        "500",
        "--seed",
        "9",
        "--party",
        "Other party, \"Ak\"",
    ]);
    let (header, rows) = rows(&bytes);
    assert_eq!(header, ["iin", "party", "signed_on"]);
    assert_eq!(rows.len(), 500);
    for r in &rows {
        assert!(people.contains_key(&r[0]));
        assert_eq!(r[1], "Other party, \"Ak\"");
    }
}

#[test]
fn a_bad_register_row_is_named_by_file_line_and_field() {
    let file = TempFile::new(
        "bad-register.csv",
        b"iin,full_name,birth_date,unit,citizen,deceased,occupation\n\
          870215301235,Marat Omarov,1987-02-15,astana,true,false,driver\n\
          870215301236,Aliya Omarova,1987-02-15,astana,true,false,\n",
    );
    let o = saylau(&[
        "synth",
        "members",
        "--register",
        file.path(),
        "--members",
        "1",
        "--seed",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains(&format!(
            "{}:3: field `iin`: `870215301236` is not a valid IIN: check digit",
            file.path()
        )),
        "{err}"
    );

    let file = TempFile::new(
        "bad-flag.csv",
        b"iin,full_name,birth_date,unit,citizen,deceased,occupation\n\
          870215301235,Marat Omarov,1987-02-15,astana,yes,false,driver\n",
    );
    let o = saylau(&[
        "synth",
        "members",
        "--register",
        file.path(),
        "--members",
        "1",
        "--seed",
        "1",
    ]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains(":2: field `citizen`: `yes`"), "{err}");
}

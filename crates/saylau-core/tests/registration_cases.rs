//! Registration cases as data: every file under `tests/cases/registration/`.
//!
//! A case gives an application (date, committee date, founders, optionally the date whose law
//! applies and reform overlays), a number of plainly valid members per unit that the harness
//! generates (adults, citizens, alive, signed inside the window, each person once), and
//! explicit rows with their register entries for the edge cases. `expect` gives the decision,
//! the counts, the requirements not met and the parameters that must be cited.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use jiff::ToSpan;
use jiff::civil::{Date, date};
use saylau_core::builtin;
use saylau_core::law::{Law, Reform, load_reform};
use saylau_core::parties::iin::{Iin, Sex};
use saylau_core::parties::registration::{
    Application, Decision, Person, REASONS, Rules, Signature, Tally, occupation_index,
};
use toml::{Table, Value};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn date_of(v: &Value) -> Date {
    let s = match v {
        Value::Datetime(dt) => dt.to_string(),
        Value::String(s) => s.clone(),
        other => panic!("not a date: {other}"),
    };
    saylau_core::exact::date::parse_day(&s).unwrap()
}

fn u64_of(v: &Value) -> u64 {
    u64::try_from(v.as_integer().unwrap()).unwrap()
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

fn reforms_of(case: &Table) -> Vec<Reform> {
    let Some(list) = case.get("reforms").and_then(Value::as_array) else {
        return Vec::new();
    };
    list.iter()
        .map(|r| {
            let name = str_of(r);
            let text = std::fs::read_to_string(repo_root().join(name))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            load_reform(name, &text).unwrap()
        })
        .collect()
}

/// Distinct valid people born 1960 to 1984 (adults on any date a case uses), each
/// (birth date, block of 100 serials) used once, so no generated IIN repeats. The explicit rows
/// of the case files use birth dates outside those years.
struct People {
    next: u64,
}

impl People {
    fn next(&mut self, rules: &Rules, unit: &str) -> (Iin, Person) {
        let days = i64::try_from(self.next % 9000).unwrap();
        let block = u16::try_from(self.next / 9000).unwrap() * 100;
        self.next += 1;
        let born = date(1960, 1, 1).checked_add(days.days()).unwrap();
        let iin = (0..100)
            .find_map(|k| Iin::from_parts(born, Sex::Male, block + k))
            .unwrap();
        let person = Person {
            birth_date: born,
            unit: rules.unit_index(unit).unwrap(),
            citizen: true,
            deceased: false,
            occupation: None,
        };
        (iin, person)
    }
}

fn run(path: &Path) {
    let name = path
        .strip_prefix(repo_root())
        .unwrap_or(path)
        .display()
        .to_string();
    let case: Table = std::fs::read_to_string(path)
        .unwrap()
        .parse()
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(case["kind"].as_str(), Some("registration"), "{name}: kind");
    assert!(
        case.get("source")
            .and_then(Value::as_str)
            .is_some_and(|s| !s.trim().is_empty()),
        "{name}: every case names the source of its facts"
    );
    let expect = case["expect"].as_table().unwrap();
    let book = builtin::rulebook().unwrap();
    let reforms = reforms_of(&case);
    let application = Application {
        filed: date_of(&case["date"]),
        committee_registered: date_of(&case["committee_registered"]),
        founders: u64_of(&case["founders"]),
    };
    let law_date = case.get("law_date").map_or(application.filed, date_of);
    let rules = Rules::new(Law::new(&book, &reforms), law_date, &application);
    let rules = match (rules, expect.get("error")) {
        (Err(e), Some(want)) => {
            let want = str_of(want);
            assert!(
                e.to_string().contains(want),
                "{name}: error `{e}` does not contain `{want}`"
            );
            return;
        }
        (Err(e), None) => panic!("{name}: unexpected error: {e}"),
        (Ok(_), Some(want)) => panic!("{name}: expected an error containing {want}"),
        (Ok(rules), None) => rules,
    };
    let (window_from, window_to) = rules.window();
    let signed_mid = window_from
        .checked_add(((window_to - window_from).get_days() / 2).days())
        .unwrap();

    let mut rows: Vec<Signature> = Vec::new();
    let mut people = People { next: 0 };
    if let Some(per_unit) = case.get("valid_per_unit").and_then(Value::as_table) {
        let default = per_unit.get("default").map_or(0, u64_of);
        // The units in force on the law date, from the rulebook.
        for unit in &rules.units().value {
            let n = per_unit.get(unit.as_str()).map_or(default, u64_of);
            for _ in 0..n {
                let (iin, person) = people.next(&rules, unit);
                rows.push(Signature {
                    iin: Ok(iin),
                    signed_on: signed_mid,
                    person: Some(person),
                    other_party: false,
                });
            }
        }
    }
    for row in case
        .get("member")
        .and_then(Value::as_array)
        .map_or(&[][..], |a| a.as_slice())
    {
        let row = row.as_table().unwrap();
        let person = row.get("register").map(|r| {
            let r = r.as_table().unwrap();
            Person {
                birth_date: date_of(&r["birth_date"]),
                unit: rules.unit_index(str_of(&r["unit"])).unwrap(),
                citizen: r.get("citizen").is_none_or(|v| v.as_bool().unwrap()),
                deceased: r.get("deceased").is_some_and(|v| v.as_bool().unwrap()),
                occupation: r
                    .get("occupation")
                    .and_then(|o| occupation_index(str_of(o))),
            }
        });
        rows.push(Signature {
            iin: Iin::parse(str_of(&row["iin"])),
            signed_on: date_of(&row["signed_on"]),
            person,
            other_party: row.get("other_party").is_some_and(|v| v.as_bool().unwrap()),
        });
    }

    let mut tally = Tally::new();
    let verdicts: Vec<_> = rows.iter().map(|r| tally.add(&rules, r)).collect();
    let outcome = rules.decide(&tally).unwrap();

    if let Some(want) = expect.get("decision") {
        let got = match outcome.decision {
            Decision::Registrable => "registrable",
            Decision::Refused => "refused",
        };
        assert_eq!(
            got,
            str_of(want),
            "{name}: decision ({:#?})",
            outcome.reasons
        );
    }
    if let Some(want) = expect.get("valid_members") {
        assert_eq!(outcome.valid_members, u64_of(want), "{name}: valid members");
    }
    assert_eq!(
        outcome.by_unit.0.iter().map(|(_, n)| n).sum::<u64>(),
        outcome.valid_members,
        "{name}: the units add up to the valid members"
    );
    assert_eq!(
        outcome.valid_members + outcome.rejected.0.iter().map(|(_, n)| n).sum::<u64>(),
        rows.len() as u64,
        "{name}: every row is counted once"
    );
    if let Some(want) = expect.get("by_unit").and_then(Value::as_table) {
        for (unit, n) in want {
            let got = outcome
                .by_unit
                .0
                .iter()
                .find(|(u, _)| u == unit)
                .map(|p| p.1);
            assert_eq!(got, Some(u64_of(n)), "{name}: valid members in {unit}");
        }
    }
    // Every reason not named in `expect.rejected` must have no rows.
    let want_rejected = expect.get("rejected").and_then(Value::as_table);
    for reason in REASONS {
        let want = want_rejected
            .and_then(|t| t.get(reason.name()))
            .map_or(0, u64_of);
        assert_eq!(
            tally.rejected(reason),
            want,
            "{name}: rows rejected as {reason}"
        );
    }
    if let Some(want) = expect.get("row_reasons").and_then(Value::as_array) {
        // The explicit rows' verdicts, in order ("valid" or a reason), after the generated ones.
        let explicit = &verdicts[verdicts.len() - want.len()..];
        for (i, (got, want)) in explicit.iter().zip(want).enumerate() {
            let got = match got {
                Ok(()) => "valid",
                Err(r) => r.name(),
            };
            assert_eq!(got, str_of(want), "{name}: explicit row {}", i + 1);
        }
    }
    let unmet: Vec<&str> = outcome
        .reasons
        .iter()
        .filter(|f| !f.met)
        .map(|f| f.rule.as_str())
        .collect();
    if let Some(want) = expect.get("unmet").and_then(Value::as_array) {
        let want: Vec<&str> = want.iter().map(str_of).collect();
        assert_eq!(unmet, want, "{name}: requirements not met");
    }
    assert_eq!(
        unmet.is_empty(),
        outcome.decision == Decision::Registrable,
        "{name}: registrable exactly when every requirement is met"
    );
    if let Some(cites) = expect.get("cites").and_then(Value::as_array) {
        let cited: Vec<&str> = outcome
            .reasons
            .iter()
            .flat_map(|f| &f.law)
            .chain(outcome.rejection_law.iter().flat_map(|r| &r.law))
            .map(|l| l.parameter)
            .collect();
        for p in cites {
            assert!(cited.contains(&str_of(p)), "{name}: cites {p}");
        }
    }
    if let Some(values) = expect.get("law_values").and_then(Value::as_table) {
        for (param, want) in values {
            let got = outcome
                .reasons
                .iter()
                .flat_map(|f| &f.law)
                .chain(outcome.rejection_law.iter().flat_map(|r| &r.law))
                .find(|l| l.parameter == param)
                .map(|l| l.value.clone());
            assert_eq!(got.as_deref(), Some(str_of(want)), "{name}: {param}");
        }
    }
    if !reforms.is_empty() {
        assert!(
            outcome
                .reasons
                .iter()
                .flat_map(|f| &f.law)
                .any(|l| l.reform.is_some()),
            "{name}: a reformed value is cited as such"
        );
    }
}

#[test]
fn registration_cases() {
    let dir = repo_root().join("tests/cases/registration");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "the registration cases are there");
    for f in &files {
        run(f);
    }
}

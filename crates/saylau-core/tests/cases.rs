//! Legal cases as data: every file under `tests/cases/` is run through the engines.
//!
//! A case file names its kind, its inputs, where its facts come from, and what the law says
//! must come out: seats, outcome, eligibility, and the parameters the explanation must cite.
//! One `check` per kind keeps the cases independent of the engines' Rust API.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use saylau_core::builtin;
use saylau_core::elections::apportion::{Method, TieRule};
use saylau_core::elections::campaign::{self, Election, Spending};
use saylau_core::elections::majority::{self, Contest, ContestOutcome};
use saylau_core::elections::mazhilis::{self, ListVotes};
use saylau_core::elections::president::{self, Candidate, PresidentOutcome, Term};
use saylau_core::exact::date::FuzzyDate;
use saylau_core::exact::fraction::Fraction;
use saylau_core::explain::Step;
use saylau_core::law::{Law, LawRef, Reform, load_reform};
use saylau_core::parties::charter;
use saylau_core::parties::finance::{self, Donation};
use saylau_core::parties::lifecycle::{Cause, Outcome, Parties, PartyRecord, Status, Successor};
use toml::{Table, Value};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn case_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            case_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

fn date_of(v: &Value) -> Date {
    let s = match v {
        Value::Datetime(dt) => dt.to_string(),
        Value::String(s) => s.clone(),
        other => panic!("not a date: {other}"),
    };
    saylau_core::exact::date::parse_day(&s).unwrap()
}

/// A date as the sources give it: `"2005-01"`, `"2008"` or a full day.
fn fuzzy_of(v: &Value) -> FuzzyDate {
    let s = match v {
        Value::Datetime(dt) => dt.to_string(),
        Value::String(s) => s.clone(),
        other => panic!("not a date: {other}"),
    };
    FuzzyDate::parse(&s).unwrap()
}

fn strings_of(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(str_of)
        .collect()
}

/// Law references as one step, for [`check_citations`].
fn law_step(law: &[LawRef]) -> Vec<Step> {
    let mut step = Step::new("law", "");
    for l in law {
        step = step.law(l.clone());
    }
    vec![step]
}

fn str_of(v: &Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("not a string: {v}"))
        .to_string()
}

fn u64_of(v: &Value) -> u64 {
    u64::try_from(
        v.as_integer()
            .unwrap_or_else(|| panic!("not an integer: {v}")),
    )
    .unwrap()
}

fn reforms_of(case: &Table) -> Vec<Reform> {
    let Some(list) = case.get("reforms").and_then(Value::as_array) else {
        return Vec::new();
    };
    list.iter()
        .map(|r| {
            let name = str_of(r);
            let path = repo_root().join(&name);
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
            load_reform(&name, &text).unwrap()
        })
        .collect()
}

fn lists_of(case: &Table) -> Vec<ListVotes> {
    case["votes"]
        .as_array()
        .expect("`votes` is an array")
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let row = row.as_table().expect("each vote row is a table");
            ListVotes {
                party: str_of(&row["party"]),
                votes: u64_of(&row["votes"]),
                registration: row
                    .get("list_number")
                    .map(|n| u32::try_from(u64_of(n)).unwrap())
                    .unwrap_or(u32::try_from(i + 1).unwrap()),
            }
        })
        .collect()
}

fn tally_of(case: &Table, key: &str) -> Vec<(String, u64)> {
    case[key]
        .as_array()
        .expect("tally is an array")
        .iter()
        .map(|row| {
            let row = row.as_table().expect("each row is a table");
            (str_of(&row["candidate"]), u64_of(&row["votes"]))
        })
        .collect()
}

/// The parameters an explanation cites, in order, without repeats.
fn cited(steps: &[Step]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in steps {
        for l in &s.law {
            if !out.iter().any(|p| p == l.parameter) {
                out.push(l.parameter.to_string());
            }
        }
    }
    out
}

/// Checks `expect.cites` (parameters that must be cited) and `expect.sources` (substrings
/// that must appear among the citations).
fn check_citations(name: &str, expect: &Table, steps: &[Step]) {
    let params = cited(steps);
    if let Some(list) = expect.get("cites").and_then(Value::as_array) {
        for p in list {
            let p = str_of(p);
            assert!(
                params.contains(&p),
                "{name}: explanation does not cite `{p}`; it cites {params:?}"
            );
        }
    }
    if let Some(list) = expect.get("sources").and_then(Value::as_array) {
        let all: Vec<&str> = steps
            .iter()
            .flat_map(|s| s.law.iter().map(|l| l.source.as_str()))
            .collect();
        for s in list {
            let s = str_of(s);
            assert!(
                all.iter().any(|src| src.contains(&s)),
                "{name}: no citation mentions `{s}`"
            );
        }
    }
}

fn expect_error(name: &str, expect: &Table, result: Result<String, String>) -> bool {
    let Some(want) = expect.get("error").map(str_of) else {
        if let Err(e) = &result {
            panic!("{name}: unexpected error: {e}");
        }
        return false;
    };
    match result {
        Ok(_) => panic!("{name}: expected an error containing `{want}`, got a result"),
        Err(e) => assert!(
            e.contains(&want),
            "{name}: error `{e}` does not contain `{want}`"
        ),
    }
    true
}

fn check_list_result(name: &str, expect: &Table, result: &mazhilis::ListResult) {
    if let Some(status) = expect.get("status") {
        let got = serde_json::to_value(&result.outcome).unwrap();
        assert_eq!(got["status"], str_of(status), "{name}: status");
    }
    if let Some(seats) = expect.get("seats").and_then(Value::as_table) {
        let got: BTreeMap<&str, u64> = result.seats.iter().map(|(p, s)| (p.as_str(), *s)).collect();
        for (party, want) in seats {
            assert_eq!(
                got.get(party.as_str()).copied(),
                Some(u64_of(want)),
                "{name}: seats of `{party}` (all: {got:?})"
            );
        }
        assert_eq!(
            got.len(),
            result.seats.len(),
            "{name}: party names are unique"
        );
    }
    if let Some(admitted) = expect.get("admitted").and_then(Value::as_array) {
        let want: Vec<String> = admitted.iter().map(str_of).collect();
        assert_eq!(result.admitted, want, "{name}: admitted lists");
    }
    if let Some(r) = expect.get("runner_up") {
        assert_eq!(
            result.runner_up.as_deref(),
            Some(str_of(r).as_str()),
            "{name}: runner-up"
        );
    }
    if let Some(q) = expect.get("quota") {
        let quota = result.quota.as_ref().expect("a quota");
        assert_eq!(quota.exact, str_of(q), "{name}: quota");
    }
    if let Some(lots) = expect.get("lots_required").and_then(Value::as_table) {
        let mazhilis::Outcome::LotsRequired {
            tied: got_tied,
            seats_at_stake,
        } = &result.outcome
        else {
            panic!("{name}: expected drawing of lots");
        };
        let mut want: Vec<String> = lots["tied"]
            .as_array()
            .unwrap()
            .iter()
            .map(str_of)
            .collect();
        let mut tied = got_tied.clone();
        want.sort();
        tied.sort();
        assert_eq!(tied, want, "{name}: tied lists");
        assert_eq!(
            *seats_at_stake,
            u64_of(&lots["seats_at_stake"]),
            "{name}: seats at stake"
        );
    }
    if result.outcome.is_complete() {
        let total: u64 = result.seats.iter().map(|(_, s)| *s).sum();
        assert_eq!(
            total, result.total_seats,
            "{name}: seats add up to the house"
        );
    }
    check_citations(name, expect, &result.steps);
}

fn run_case(path: &Path) {
    let name = path
        .strip_prefix(repo_root())
        .unwrap_or(path)
        .display()
        .to_string();
    let text = std::fs::read_to_string(path).unwrap();
    let case: Table = text.parse().unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        case.get("source")
            .and_then(Value::as_str)
            .is_some_and(|s| !s.trim().is_empty()),
        "{name}: every case names the source of its facts"
    );
    let expect = case
        .get("expect")
        .and_then(Value::as_table)
        .cloned()
        .unwrap_or_default();
    let book = builtin::rulebook().unwrap();
    let reforms = reforms_of(&case);
    let mut law = Law::new(&book, &reforms);
    if case.get("project").and_then(Value::as_bool) == Some(true) {
        law = law.projecting();
    }
    match case["kind"].as_str().unwrap() {
        // Registration cases build member lists; registration_cases.rs runs them.
        "registration" => {}
        "mazhilis" => {
            let date = date_of(&case["date"]);
            let lists = lists_of(&case);
            let participating = case.get("participating").map(u64_of);
            let result = mazhilis::mazhilis(law.at(date), &lists, participating);
            if expect_error(
                &name,
                &expect,
                result
                    .as_ref()
                    .map(|_| String::new())
                    .map_err(|e| e.to_string()),
            ) {
                return;
            }
            let result = result.unwrap();
            if !reforms.is_empty() {
                assert!(
                    !result.reforms.is_empty(),
                    "{name}: the outcome says a reform was applied"
                );
            }
            check_list_result(&name, &expect, &result);
        }
        "allocate" => {
            let lists = lists_of(&case);
            let method = Method::from_name(case["method"].as_str().unwrap()).unwrap();
            let tie = match case
                .get("tie_rule")
                .and_then(Value::as_str)
                .unwrap_or("lots")
            {
                "earlier_registration" => TieRule::EarlierRegistration,
                _ => TieRule::Lots,
            };
            let threshold = case.get("threshold").map(|t| {
                (
                    Fraction::parse(&str_of(t)).unwrap(),
                    case.get("threshold_base").map(u64_of),
                )
            });
            let result = mazhilis::allocate(&lists, u64_of(&case["seats"]), method, tie, threshold);
            if expect_error(
                &name,
                &expect,
                result
                    .as_ref()
                    .map(|_| String::new())
                    .map_err(|e| e.to_string()),
            ) {
                return;
            }
            check_list_result(&name, &expect, &result.unwrap());
        }
        "president" => {
            let date = date_of(&case["date"]);
            let tally = tally_of(&case, "votes");
            let participating = case
                .get("participating")
                .map(u64_of)
                .unwrap_or_else(|| tally.iter().map(|(_, v)| v).sum());
            let result = president::first_round(law.at(date), &tally, participating);
            if expect_error(
                &name,
                &expect,
                result
                    .as_ref()
                    .map(|_| String::new())
                    .map_err(|e| e.to_string()),
            ) {
                return;
            }
            let result = result.unwrap();
            match (&result.outcome, str_of(&expect["outcome"]).as_str()) {
                (PresidentOutcome::Elected { winner }, "elected") => {
                    assert_eq!(winner, &str_of(&expect["winner"]), "{name}: winner")
                }
                (PresidentOutcome::SecondRound { candidates }, "second_round") => {
                    let want: Vec<String> = expect["second_round"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(str_of)
                        .collect();
                    assert_eq!(candidates, &want, "{name}: second round")
                }
                (PresidentOutcome::Tie { tied, .. }, "tie") => {
                    let want: Vec<String> = expect["tied"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(str_of)
                        .collect();
                    assert_eq!(tied, &want, "{name}: tied")
                }
                (got, want) => panic!("{name}: expected {want}, got {got:?}"),
            }
            check_citations(&name, &expect, &result.steps);
        }
        "eligibility" => {
            let date = date_of(&case["date"]);
            let c = case["candidate"].as_table().unwrap();
            let candidate = Candidate {
                name: str_of(&c["name"]),
                birth_date: date_of(&c["birth_date"]),
                citizen: c["citizen"].as_bool().unwrap(),
                state_language: c["state_language"].as_bool().unwrap(),
                residence_years: u32::try_from(u64_of(&c["residence_years"])).unwrap(),
                first_president: c
                    .get("first_president")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                terms: c
                    .get("terms")
                    .and_then(Value::as_array)
                    .map(|ts| {
                        ts.iter()
                            .map(|t| Term {
                                start: date_of(&t["start"]),
                                end: date_of(&t["end"]),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            };
            let result = president::eligibility(law.at(date), &candidate);
            if expect_error(
                &name,
                &expect,
                result
                    .as_ref()
                    .map(|_| String::new())
                    .map_err(|e| e.to_string()),
            ) {
                return;
            }
            let result = result.unwrap();
            assert_eq!(
                result.eligible,
                expect["eligible"].as_bool().unwrap(),
                "{name}: eligible"
            );
            if let Some(failed) = expect.get("failed").and_then(Value::as_array) {
                let want: Vec<String> = failed.iter().map(str_of).collect();
                let got: Vec<String> = result
                    .reasons
                    .iter()
                    .filter(|r| !r.met)
                    .map(|r| r.criterion.to_string())
                    .collect();
                assert_eq!(got, want, "{name}: failed criteria");
            }
            let steps: Vec<Step> = result.steps.clone();
            check_citations(&name, &expect, &steps);
        }
        kind @ ("senate" | "assembly" | "maslikhat") => {
            let date = date_of(&case["date"]);
            let contests: Vec<Contest> = case["contests"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    let c = c.as_table().unwrap();
                    Contest {
                        name: str_of(&c["name"]),
                        seats: c
                            .get("seats")
                            .map(u64_of)
                            .unwrap_or(if kind == "maslikhat" { 1 } else { 0 }),
                        voting: c.get("voting").map(u64_of).unwrap_or(0),
                        candidates: tally_of(c, "candidates"),
                    }
                })
                .collect();
            let result = match kind {
                "senate" => {
                    let per_unit = case.get("seats_per_unit").map(u64_of);
                    let appointed: Vec<String> = case
                        .get("appointed")
                        .and_then(Value::as_array)
                        .map(|a| a.iter().map(str_of).collect())
                        .unwrap_or_default();
                    majority::senate(law.at(date), &contests, per_unit, &appointed).map(|r| r.units)
                }
                "assembly" => majority::assembly(law.at(date), &contests[0]).map(|r| vec![r]),
                _ => majority::maslikhat(law.at(date), &contests),
            };
            if expect_error(
                &name,
                &expect,
                result
                    .as_ref()
                    .map(|_| String::new())
                    .map_err(|e| e.to_string()),
            ) {
                return;
            }
            let results = result.unwrap();
            let wants = expect["contests"].as_array().unwrap();
            assert_eq!(results.len(), wants.len(), "{name}: number of contests");
            for (got, want) in results.iter().zip(wants) {
                let want = want.as_table().unwrap();
                let elected: Vec<String> = want["elected"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(str_of)
                    .collect();
                assert_eq!(got.elected, elected, "{name}: elected in `{}`", got.name);
                match (&got.outcome, str_of(&want["outcome"]).as_str()) {
                    (ContestOutcome::Filled, "filled") => {}
                    (ContestOutcome::RepeatVote { candidates, .. }, "repeat_vote") => {
                        let w: Vec<String> = want["repeat_vote"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(str_of)
                            .collect();
                        assert_eq!(candidates, &w, "{name}: repeat vote in `{}`", got.name);
                    }
                    (ContestOutcome::Tie { tied, .. }, "tie") => {
                        let w: Vec<String> = want["tied"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(str_of)
                            .collect();
                        assert_eq!(tied, &w, "{name}: tie in `{}`", got.name);
                    }
                    (o, w) => panic!("{name}: `{}`: expected {w}, got {o:?}", got.name),
                }
                check_citations(&name, &expect, &got.steps);
            }
        }
        "law" => {
            let date = date_of(&case["date"]);
            let param =
                saylau_core::law::Param::from_name(case["parameter"].as_str().unwrap()).unwrap();
            let result = law
                .at(date)
                .value(param)
                .map(|c| c.value.to_string())
                .map_err(|e| e.to_string());
            if expect_error(&name, &expect, result.clone()) {
                return;
            }
            assert_eq!(result.unwrap(), str_of(&expect["value"]), "{name}: value");
        }
        "charter" => {
            let date = date_of(&case["date"]);
            let file = str_of(&case["file"]);
            let text = std::fs::read_to_string(repo_root().join(&file))
                .unwrap_or_else(|e| panic!("{name}: {file}: {e}"));
            let result = charter::check_charter(law.at(date), &text);
            if expect_error(
                &name,
                &expect,
                result
                    .as_ref()
                    .map(|_| String::new())
                    .map_err(|e| e.to_string()),
            ) {
                return;
            }
            let result = result.unwrap();
            let decision = serde_json::to_value(result.decision).unwrap();
            assert_eq!(
                decision.as_str(),
                Some(str_of(&expect["decision"]).as_str()),
                "{name}: decision"
            );
            assert_eq!(
                result.missing,
                strings_of(&expect["missing"]),
                "{name}: missing contents"
            );
            assert_eq!(
                result.contents.iter().filter(|c| c.found).count() + result.missing.len(),
                result.contents.len(),
                "{name}: every content is found or missing"
            );
            if let Some(lines) = expect.get("lines").and_then(Value::as_table) {
                for (id, line) in lines {
                    let got = result
                        .contents
                        .iter()
                        .find(|c| c.id == *id)
                        .and_then(|c| c.heading.as_ref())
                        .map(|h| h.line as u64);
                    assert_eq!(got, Some(u64_of(line)), "{name}: heading of `{id}`");
                }
            }
            for id in &result.missing {
                assert!(
                    result.reason.contains(id.as_str()),
                    "{name}: the reason names `{id}`: {}",
                    result.reason
                );
            }
            check_citations(&name, &expect, &law_step(&result.law));
        }
        "finance" => {
            let donations: Vec<Donation> = case["donation"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| Donation {
                    id: str_of(&r["id"]),
                    date: date_of(&r["date"]),
                    party: str_of(&r["party"]),
                    donor_kind: str_of(&r["donor_kind"]),
                    donor: str_of(&r["donor"]),
                    amount_kzt: u64_of(&r["amount_kzt"]),
                    written_confirmation: r["written_confirmation"].as_bool().unwrap(),
                    source_stated: r["source_stated"].as_bool().unwrap(),
                })
                .collect();
            let result = finance::check_ledger(law, &donations);
            if expect_error(
                &name,
                &expect,
                result
                    .as_ref()
                    .map(|_| String::new())
                    .map_err(|e| e.to_string()),
            ) {
                return;
            }
            let result = result.unwrap();
            let wants = expect["verdicts"].as_table().unwrap();
            assert_eq!(
                result.donations.len(),
                wants.len(),
                "{name}: one verdict per row"
            );
            for checked in &result.donations {
                let want = str_of(&wants[&checked.id]);
                let got = serde_json::to_value(checked.verdict).unwrap();
                assert_eq!(
                    got.as_str(),
                    Some(want.as_str()),
                    "{name}: `{}`",
                    checked.id
                );
                assert!(!checked.law.is_empty(), "{name}: `{}` is cited", checked.id);
            }
            if let Some(cites) = expect.get("cites").and_then(Value::as_table) {
                for (id, param) in cites {
                    let checked = result.donations.iter().find(|c| &c.id == id).unwrap();
                    let param = str_of(param);
                    assert!(
                        checked.law.iter().any(|l| l.parameter == param),
                        "{name}: `{id}` cites {param}"
                    );
                }
            }
            if let Some(totals) = expect.get("totals").and_then(Value::as_table) {
                let o = &result.totals.overall;
                for (key, sum) in [
                    ("permissible", o.permissible),
                    ("impermissible", o.impermissible),
                    ("incomplete", o.incomplete),
                ] {
                    if let Some(want) = totals.get(key) {
                        assert_eq!(sum.amount_kzt, u64_of(want), "{name}: {key} total");
                    }
                }
            }
        }
        "spending" => {
            let date = date_of(&case["date"]);
            let election = Election::from_name(case["election"].as_str().unwrap()).unwrap();
            let rows: Vec<Spending> = case["spending"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| Spending {
                    spender: str_of(&r["spender"]),
                    date: date_of(&r["date"]),
                    amount: u64_of(&r["amount"]),
                    currency: str_of(&r["currency"]),
                })
                .collect();
            let result = campaign::check_spending(law, election, date, &rows);
            if expect_error(
                &name,
                &expect,
                result
                    .as_ref()
                    .map(|_| String::new())
                    .map_err(|e| e.to_string()),
            ) {
                return;
            }
            let result = result.unwrap();
            let wants = expect["spenders"].as_table().unwrap();
            assert_eq!(result.spenders.len(), wants.len(), "{name}: spenders");
            for s in &result.spenders {
                let want = wants[&s.spender].as_table().unwrap();
                let verdict = serde_json::to_value(s.verdict).unwrap();
                assert_eq!(
                    verdict.as_str(),
                    Some(str_of(&want["verdict"]).as_str()),
                    "{name}: verdict of `{}`",
                    s.spender
                );
                assert_eq!(
                    s.total,
                    u64_of(&want["total"]),
                    "{name}: total of `{}`",
                    s.spender
                );
                assert_eq!(
                    s.over_by,
                    want.get("over_by").map(u64_of).unwrap_or(0),
                    "{name}: over by, `{}`",
                    s.spender
                );
                check_citations(&name, &expect, &law_step(&s.law));
            }
        }
        "lifecycle" => {
            let records: Vec<PartyRecord> = case
                .get("party")
                .and_then(Value::as_array)
                .map(|ps| {
                    ps.iter()
                        .map(|p| {
                            PartyRecord::registered(
                                &str_of(&p["id"]),
                                &str_of(&p["name"]),
                                p.get("members").map(u64_of),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let mut state = Parties::from_records(records).unwrap();
            let events = case["event"].as_array().unwrap();
            let mut last = None;
            for (i, e) in events.iter().enumerate() {
                let date = fuzzy_of(&e["date"]);
                let outcome = match e["op"].as_str().unwrap() {
                    "register" => state.register(
                        &str_of(&e["id"]),
                        &str_of(&e["name"]),
                        date,
                        e.get("members").map(u64_of),
                    ),
                    "rename" => state.rename(&str_of(&e["id"]), &str_of(&e["name"]), date),
                    "merge" => {
                        let successor = match &e["successor"] {
                            Value::String(id) => Successor::Existing(id.clone()),
                            Value::Table(t) => Successor::New {
                                id: str_of(&t["id"]),
                                name: str_of(&t["name"]),
                            },
                            other => panic!("{name}: successor {other}"),
                        };
                        state.merge(&strings_of(&e["parties"]), &successor, date)
                    }
                    "liquidate" => {
                        state.liquidate_by_court(&str_of(&e["id"]), date, &str_of(&e["decision"]))
                    }
                    "bloc" => {
                        state.form_bloc(law, &str_of(&e["name"]), &strings_of(&e["parties"]), date)
                    }
                    other => panic!("{name}: unknown op `{other}`"),
                };
                if i + 1 < events.len() {
                    match outcome {
                        Ok(Outcome::Done { state: next, .. }) => state = next,
                        other => panic!("{name}: event {} did not go through: {other:?}", i + 1),
                    }
                } else {
                    last = Some(outcome);
                }
            }
            let outcome = last.expect("at least one event");
            if expect_error(
                &name,
                &expect,
                outcome
                    .as_ref()
                    .map(|_| String::new())
                    .map_err(|e| e.to_string()),
            ) {
                return;
            }
            match (outcome.unwrap(), str_of(&expect["outcome"]).as_str()) {
                (Outcome::Done { state, steps }, "done") => {
                    for id in expect.get("registered").map(strings_of).unwrap_or_default() {
                        let p = state
                            .get(&id)
                            .unwrap_or_else(|| panic!("{name}: no `{id}`"));
                        assert!(p.is_registered(), "{name}: `{id}` is registered");
                    }
                    if let Some(ceased) = expect.get("ceased").and_then(Value::as_table) {
                        for (id, want) in ceased {
                            let want = want.as_table().unwrap();
                            let p = state.get(id).unwrap_or_else(|| panic!("{name}: no `{id}`"));
                            let Status::Ceased { date, cause } = &p.status else {
                                panic!("{name}: `{id}` has not ceased: {:?}", p.status)
                            };
                            assert_eq!(
                                date.to_string(),
                                str_of(&want["date"]),
                                "{name}: `{id}` ceased on"
                            );
                            let (kind, detail) = match cause {
                                Cause::Merger { successor } => ("merger", successor),
                                Cause::LiquidatedByCourt { decision } => {
                                    ("liquidated_by_court", decision)
                                }
                            };
                            assert_eq!(kind, str_of(&want["cause"]), "{name}: cause for `{id}`");
                            if let Some(d) = want.get("detail") {
                                assert!(
                                    detail.contains(&str_of(d)),
                                    "{name}: `{detail}` for `{id}`"
                                );
                            }
                        }
                    }
                    if let Some(names) = expect.get("names").and_then(Value::as_table) {
                        for (id, want) in names {
                            assert_eq!(
                                state.get(id).map(|p| p.name.clone()),
                                Some(str_of(want)),
                                "{name}: name of `{id}`"
                            );
                        }
                    }
                    if let Some(members) = expect.get("members").and_then(Value::as_table) {
                        for (id, want) in members {
                            let got = state.get(id).and_then(|p| p.members);
                            let want = match want {
                                Value::String(s) if s == "unknown" => None,
                                v => Some(u64_of(v)),
                            };
                            assert_eq!(got, want, "{name}: members of `{id}`");
                        }
                    }
                    check_citations(&name, &expect, &steps);
                }
                (Outcome::Refused { reasons }, "refused") => {
                    let rules: Vec<&str> = reasons.iter().map(|r| r.rule).collect();
                    let want = strings_of(&expect["refused_rules"]);
                    assert_eq!(rules, want, "{name}: refusal rules");
                    check_citations(&name, &expect, &reasons);
                }
                (got, want) => panic!("{name}: expected {want}, got {got:?}"),
            }
        }
        other => panic!("{name}: unknown case kind `{other}`"),
    }
}

#[test]
fn legal_cases() {
    let mut files = Vec::new();
    case_files(&repo_root().join("tests/cases"), &mut files);
    assert!(
        files.len() >= 20,
        "expected the legal cases under tests/cases, found {}",
        files.len()
    );
    for f in &files {
        run_case(f);
    }
}

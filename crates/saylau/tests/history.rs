//! Every national vote of the built-in data, through the built binary: `saylau election ID
//! --format json` must give each list the seats the sources publish, or elect the candidate
//! they name, from the votes under the law of the election's day. Where that law is not known
//! the answer must say it cannot compute and name the parameter no source gives. Every figure
//! of the data must name its source.
//!
//! The published result is the specification: if the rulebook lacks a value an election needs,
//! the test fails rather than accept another answer.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use serde_json::Value;

mod support;
use support::{saylau, stderr};

/// Party-list elections whose seats the law of their day decides.
const LIST_ELECTIONS: [&str; 5] = [
    "mazhilis-2007",
    "mazhilis-2012",
    "mazhilis-2016",
    "mazhilis-2021",
    "mazhilis-2023",
];

/// Party-list elections whose law of the day the sources do not give in full.
const LAW_UNKNOWN: [&str; 2] = ["mazhilis-1999", "mazhilis-2004"];

/// Presidential elections with figures: the first round elects the published winner.
const PRESIDENTIAL: [&str; 6] = [
    "president-1999",
    "president-2005",
    "president-2011",
    "president-2015",
    "president-2019",
    "president-2022",
];

/// Elections the sources give no votes for.
const NO_FIGURES: [&str; 2] = ["president-1991", "senate-2008"];

/// The elections the seed (2009) reports; the others' figures must each name an address.
const SEED: [&str; 5] = [
    "mazhilis-2007",
    "president-1999",
    "president-2005",
    "president-1991",
    "senate-2008",
];

fn run_json(args: &[&str]) -> Value {
    let o = saylau(args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e})"))
}

/// `saylau election ID --format json`: the election's data and its computed result.
fn election(id: &str) -> (Value, Value) {
    let mut v = run_json(&["election", id, "--format", "json"]);
    (v["election"].take(), v["result"].take())
}

/// The value of a figure, which must be known.
fn known<'a>(figure: &'a Value, what: &str) -> &'a Value {
    assert!(figure.get("value").is_some(), "{what}: no value ({figure})");
    &figure["value"]
}

/// The contesting rows of an election's data.
fn contesting(data: &Value) -> Vec<&Value> {
    data["row"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["contested"] != false)
        .collect()
}

/// Each list's computed seats are its published seats, every seat is distributed, and where
/// the votes are counts the shares shown are those published.
fn published_seats(id: &str) {
    let (data, result) = election(id);
    assert_eq!(result["kind"], "list", "{id}: {result}");
    assert_eq!(result["status"], "complete", "{id}");
    let rows = result["rows"].as_array().unwrap();
    let published = contesting(&data);
    assert_eq!(rows.len(), published.len(), "{id}: one result row per list");
    let mut total = 0;
    for (row, want) in rows.iter().zip(&published) {
        let name = want["name"].as_str().unwrap();
        assert_eq!(row["party"], name, "{id}");
        let seats = known(&want["seats"], &format!("{id}, {name}, seats"));
        assert_eq!(
            &row["seats"], seats,
            "{id}: {name} wins {} seats, the sources publish {seats}",
            row["seats"]
        );
        assert_eq!(&result["seats"][name], seats, "{id}: {name}");
        total += seats.as_u64().unwrap();
        if result["unit"] == "votes"
            && let Some(share) = row.get("published_share")
        {
            assert_eq!(
                &row["share"]["percent"], share,
                "{id}: {name}'s share as shown is the one published"
            );
        }
    }
    assert_eq!(
        result["total_seats"], total,
        "{id}: every seat is published"
    );
}

/// The first round elects exactly the published winner, and nobody else.
fn published_winner(id: &str) {
    let (data, result) = election(id);
    assert_eq!(result["kind"], "president", "{id}: {result}");
    let winner = known(&data["winner"], &format!("{id}, winner"));
    assert_eq!(result["outcome"], "elected", "{id}");
    assert_eq!(&result["winner"], winner, "{id}");
    let elected: Vec<&Value> = result["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["elected"] == true)
        .map(|r| &r["candidate"])
        .collect();
    assert_eq!(elected, [winner], "{id}");
}

/// The answer is "nothing to compute", naming a parameter of the rulebook that is indeed
/// unknown on the election day.
fn law_unknown(id: &str) -> String {
    let (data, result) = election(id);
    assert_eq!(result["kind"], "not_computed", "{id}: {result}");
    let why = result["why"].as_str().unwrap();
    let date = data["date"].as_str().unwrap();
    let param = why
        .split('`')
        .nth(1)
        .unwrap_or_else(|| panic!("{id}: the answer names no parameter: {why}"));
    assert!(
        why.contains(&format!("`{param}` on {date} is unknown")),
        "{id}: {why}"
    );
    assert!(param.starts_with("mazhilis."), "{id}: {param}");
    let law = run_json(&["law", "at", date, "--format", "json"]);
    let entry = law["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["parameter"] == param)
        .unwrap_or_else(|| panic!("{id}: `{param}` is not in the rulebook"));
    assert_eq!(entry["status"], "unknown", "{id}: {entry}");
    // The published seats are still data, with their sources.
    for row in contesting(&data) {
        known(&row["seats"], &format!("{id}, {}", row["name"]));
    }
    param.to_string()
}

#[test]
fn every_election_of_the_data_is_checked_here() {
    let all = run_json(&["data", "elections", "--format", "json"]);
    let ids: BTreeSet<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let checked: BTreeSet<&str> = LIST_ELECTIONS
        .iter()
        .chain(&LAW_UNKNOWN)
        .chain(&PRESIDENTIAL)
        .chain(&NO_FIGURES)
        .copied()
        .collect();
    assert_eq!(ids, checked);
}

#[test]
fn mazhilis_2007_gives_nur_otan_all_98_list_seats() {
    published_seats("mazhilis-2007");
}

#[test]
fn mazhilis_2012_gives_the_published_83_8_7() {
    published_seats("mazhilis-2012");
}

#[test]
fn mazhilis_2016_gives_the_published_84_7_7() {
    published_seats("mazhilis-2016");
}

#[test]
fn mazhilis_2021_gives_the_published_76_12_10() {
    published_seats("mazhilis-2021");
}

#[test]
fn mazhilis_2023_gives_the_published_69_list_seats() {
    published_seats("mazhilis-2023");
}

#[test]
fn mazhilis_1999_cannot_be_computed_and_names_the_law_it_lacks() {
    law_unknown("mazhilis-1999");
}

#[test]
fn mazhilis_2004_cannot_be_computed_and_names_the_law_it_lacks() {
    law_unknown("mazhilis-2004");
}

#[test]
fn every_presidential_first_round_elects_the_published_winner() {
    for id in PRESIDENTIAL {
        published_winner(id);
    }
}

#[test]
fn elections_without_votes_say_so() {
    for id in NO_FIGURES {
        let (_, result) = election(id);
        assert_eq!(result["kind"], "not_computed", "{id}");
        assert!(!result["why"].as_str().unwrap().is_empty(), "{id}");
    }
}

#[test]
fn against_all_is_counted_but_never_a_list_or_a_candidate() {
    // 2023: the threshold and the shares are of the votes for lists and against all.
    let (data, result) = election("mazhilis-2023");
    assert_eq!(known(&data["against_all"], "2023"), 248_291);
    assert_eq!(result["against_all"]["votes"], 248_291);
    assert_eq!(result["against_all"]["share"]["percent"], "3.90");
    assert_eq!(result["against_all"]["published_share"], "3.90");
    assert_eq!(result["participating"], 6_366_441);
    assert_eq!(result["rows"][0]["share"]["percent"], "53.90");
    assert_eq!(result["rows"][0]["share"]["whole"], 6_366_441);
    let names: Vec<&str> = result["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["party"].as_str().unwrap())
        .collect();
    assert!(names.iter().all(|n| !n.contains("against")), "{names:?}");
    assert_eq!(result["seats"].as_object().unwrap().len(), names.len());
    let steps = result["steps"].as_array().unwrap();
    let threshold = steps.iter().find(|s| s["rule"] == "threshold").unwrap();
    assert!(
        threshold["says"].as_str().unwrap().contains("(6366441)"),
        "{threshold}"
    );
    assert!(steps.iter().any(|s| s["rule"] == "against_all"));

    // 2022: decided against the voters who took part; against all elects nobody.
    let (data, result) = election("president-2022");
    assert_eq!(known(&data["against_all"], "2022"), 460_484);
    assert_eq!(result["against_all"]["votes"], 460_484);
    assert_eq!(result["base"]["kind"], "participating");
    assert_eq!(result["base"]["voters"], 8_300_046);
    assert_eq!(result["rows"].as_array().unwrap().len(), 6);

    // Elections before the line have no such figure.
    for id in ["mazhilis-2021", "president-2019"] {
        let (data, result) = election(id);
        assert!(data.get("against_all").is_none(), "{id}");
        assert!(result.get("against_all").is_none(), "{id}");
    }
}

#[test]
fn single_member_seats_fill_the_laws_constituencies() {
    for (id, list_seats) in [
        ("mazhilis-1999", 10),
        ("mazhilis-2004", 10),
        ("mazhilis-2023", 69),
    ] {
        let (data, _) = election(id);
        let date = data["date"].as_str().unwrap();
        let single: u64 = data["single_member"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| known(&s["seats"], id).as_u64().unwrap())
            .sum();
        let list: u64 = contesting(&data)
            .iter()
            .map(|r| known(&r["seats"], id).as_u64().unwrap())
            .sum();
        assert_eq!(list, list_seats, "{id}");
        let law = run_json(&["law", "at", date, "--format", "json"]);
        let value = |param: &str| -> u64 {
            let p = law["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["parameter"] == param)
                .unwrap();
            p["value"].as_str().unwrap().parse().unwrap()
        };
        assert_eq!(single, value("mazhilis.single_member_seats"), "{id}");
        assert_eq!(list, value("mazhilis.list_seats"), "{id}");
    }
    // 2023: the Commission's split, with ElectionGuide's beside it.
    let (data, _) = election("mazhilis-2023");
    let single = data["single_member"].as_array().unwrap();
    assert_eq!(single[0]["name"], "Amanat");
    assert_eq!(single[0]["seats"]["value"], 22);
    assert_eq!(single[1]["name"], "self-nominated");
    assert_eq!(single[1]["seats"]["value"], 7);
    assert!(
        single[1]["seats"]["note"]
            .as_str()
            .unwrap()
            .contains("ElectionGuide")
    );
}

/// Every `{ value, source }` under `v` has a source (with an address when `address`), and
/// every `{ unknown }` a reason; returns how many figures it saw.
fn check_figures(v: &Value, at: &str, address: bool) -> usize {
    match v {
        Value::Object(map) => {
            if map.contains_key("value") {
                let source = map.get("source").and_then(Value::as_str).unwrap_or("");
                assert!(!source.trim().is_empty(), "{at}: a value without a source");
                assert!(
                    !address || source.contains("http"),
                    "{at}: the source names no address: {source}"
                );
                1
            } else if let Some(why) = map.get("unknown") {
                assert!(
                    !why.as_str().unwrap_or("").trim().is_empty(),
                    "{at}: an unknown figure says why"
                );
                1
            } else {
                map.iter()
                    .map(|(k, v)| check_figures(v, &format!("{at}.{k}"), address))
                    .sum()
            }
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| check_figures(v, &format!("{at}[{i}]"), address))
            .sum(),
        _ => 0,
    }
}

#[test]
fn every_figure_names_its_source() {
    let all = run_json(&["data", "elections", "--format", "json"]);
    for e in all.as_array().unwrap() {
        let id = e["id"].as_str().unwrap();
        for key in ["source", "date_source"] {
            assert!(
                !e[key].as_str().unwrap_or("").trim().is_empty(),
                "{id}: {key}"
            );
        }
        let address = !SEED.contains(&id);
        let figures = check_figures(e, id, address);
        if address {
            assert!(figures > 0, "{id} has figures");
            assert!(e["source"].as_str().unwrap().contains("http"), "{id}");
        }
    }
}

/// Every referendum: the conditions of adoption the rulebook knows for its day are checked
/// from its count, and none may contradict the published outcome. Where a condition is not
/// known the outcome is "not determined", and the test pins which, so that a condition found
/// later (and the outcome it settles) shows here.
#[test]
fn every_referendum_is_checked_against_its_published_outcome() {
    let all = run_json(&["referendum", "--format", "json"]);
    let ids: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["referendum"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "referendum-1995-04",
            "referendum-1995-08",
            "referendum-2022",
            "referendum-2026"
        ]
    );
    // (id, participation, approval, units, outcome)
    let expected = [
        (
            "referendum-1995-04",
            "not_known",
            "not_known",
            "not_known",
            "not_determined",
        ),
        (
            "referendum-1995-08",
            "not_known",
            "not_known",
            "not_known",
            "not_determined",
        ),
        // 17 of the 17 units of 5 June 2022 said yes; the turnout rule is not known then.
        (
            "referendum-2022",
            "not_known",
            "met",
            "met",
            "not_determined",
        ),
        // The count by unit is not in the sources reached.
        (
            "referendum-2026",
            "met",
            "met",
            "not_known",
            "not_determined",
        ),
    ];
    for (id, participation, approval, units, outcome) in expected {
        let v = run_json(&["referendum", id, "--format", "json"]);
        let r = &v["referendum"];
        // Every figure names its source.
        for field in [
            "registered_voters",
            "participating_voters",
            "yes",
            "no",
            "invalid",
        ] {
            assert!(r[field]["source"].is_string(), "{id}: {field}");
        }
        let result = &v["result"];
        let standing: Vec<&str> = result["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["standing"].as_str().unwrap())
            .collect();
        assert_eq!(standing, [participation, approval, units], "{id}");
        assert_eq!(result["outcome"], outcome, "{id}");
        // Nothing computed contradicts what was declared.
        assert_eq!(r["published"]["value"], "adopted", "{id}");
        assert!(!standing.contains(&"not_met"), "{id}");
    }
    // The shares are exact and shown by the one rule.
    let v = run_json(&["referendum", "referendum-2026", "--format", "json"]);
    assert_eq!(v["result"]["participation"]["percent"], "73.12");
    assert_eq!(v["result"]["yes"]["percent"], "87.15");
    assert_eq!(v["result"]["yes"]["exact"], "7954667/9127192");
    // An unknown id is bad input naming it.
    let o = saylau(&["referendum", "referendum-1991"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no referendum `referendum-1991`"),
        "{}",
        stderr(&o)
    );
}

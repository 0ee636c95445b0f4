//! The journal entry's JSON Schema and its examples: every kind of event has a schema and an
//! example; the schema says what serde reads; each example gets from the law the outcome it
//! claims where it stands in the built-in history.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use saylau_core::builtin;
use saylau_core::law::Law;
use saylau_core::polity::journal::{self, Entry, State};
use saylau_core::polity::schema::{Example, entry_schema, examples};
use serde_json::Value;

/// The schema of each kind: the `oneOf` of the entry's schema, by its `kind` constant.
fn kinds() -> Vec<(String, Value)> {
    let (root, defs) = entry_schema("/$defs");
    assert_eq!(root["$ref"], "#/$defs/Entry");
    defs["Entry"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            let name = k["properties"]["kind"]["const"].as_str().unwrap();
            (name.to_string(), k.clone())
        })
        .collect()
}

fn kind_schema(kind: &str) -> Value {
    kinds()
        .into_iter()
        .find(|(k, _)| k == kind)
        .unwrap_or_else(|| panic!("no schema for `{kind}`"))
        .1
}

fn parse(value: &Value) -> Result<Entry, serde_json::Error> {
    serde_json::from_value(value.clone())
}

#[test]
fn every_kind_has_a_schema_and_an_example() {
    // The schema's kinds come from the type, so a new kind of event appears here by itself
    // and fails this test until it has an example.
    let schema: BTreeSet<String> = kinds().into_iter().map(|(k, _)| k).collect();
    let examples: BTreeSet<String> = examples()
        .iter()
        .map(|e| e.value["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(schema, examples);
    // Each is the kind `Event::kind` names, and the schema has no kind twice.
    for e in examples_parsed() {
        assert_eq!(e.1.event.kind(), e.0.value["kind"], "{}", e.0.name);
    }
    assert_eq!(kinds().len(), schema.len(), "no kind twice");
    let names: BTreeSet<&str> = self::examples().iter().map(|e| e.name).collect();
    assert_eq!(
        names.len(),
        self::examples().len(),
        "example names are unique"
    );
}

fn examples_parsed() -> Vec<(Example, Entry)> {
    examples()
        .into_iter()
        .map(|e| {
            let entry = parse(&e.value).unwrap_or_else(|err| panic!("{}: {err}", e.name));
            (e, entry)
        })
        .collect()
}

#[test]
fn the_schema_says_what_serde_reads() {
    let (_, defs) = entry_schema("/$defs");
    let entry = &defs["Entry"];
    assert_eq!(entry["required"], serde_json::json!(["date"]));
    assert_eq!(entry["unevaluatedProperties"], false);
    for (example, parsed) in examples_parsed() {
        let kind = kind_schema(parsed.event.kind());
        let declared: BTreeSet<String> = kind["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        // Serde writes every field of an event: each is declared, and nothing else is.
        let written: BTreeSet<String> = serde_json::to_value(&parsed.event)
            .unwrap()
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(written, declared, "{}", example.name);
        // Required is exactly what serde cannot do without.
        let required: BTreeSet<String> = kind["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_string())
            .collect();
        for field in example.value.as_object().unwrap().keys() {
            let mut without = example.value.clone();
            without.as_object_mut().unwrap().remove(field);
            let must = required.contains(field) || field == "date";
            assert_eq!(
                parse(&without).is_err(),
                must,
                "{}: without `{field}`",
                example.name
            );
        }
        for field in &required {
            assert!(
                example.value.get(field).is_some(),
                "{}: `{field}` is required",
                example.name
            );
        }
        // Each value has the type its field declares.
        for (field, value) in example.value.as_object().unwrap() {
            let field_schema = if ["date", "source", "note"].contains(&field.as_str()) {
                &entry["properties"][field]
            } else {
                &kind["properties"][field]
            };
            assert!(
                has_type(field_schema, value, &defs),
                "{}: `{field}` = {value} against {field_schema}",
                example.name
            );
        }
        // A key neither the entry's nor its kind's is refused, as `unevaluatedProperties` says.
        let mut extra = example.value.clone();
        extra["colour"] = Value::from("red");
        assert!(parse(&extra).is_err(), "{}", example.name);
    }
}

/// Whether `value` has the JSON type `schema` declares (following `$ref`s into `defs`).
fn has_type(schema: &Value, value: &Value, defs: &serde_json::Map<String, Value>) -> bool {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.trim_start_matches("#/$defs/");
        return has_type(&defs[name], value, defs);
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return true,
    };
    let fits = types.iter().any(|t| match *t {
        "string" => value.is_string(),
        "integer" => value.is_u64() || value.is_i64(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        _ => false,
    });
    let members_fit = match value {
        Value::Array(items) => match (&schema["prefixItems"], &schema["items"]) {
            (Value::Array(prefix), _) => {
                items.iter().zip(prefix).all(|(v, s)| has_type(s, v, defs))
            }
            (_, items_schema @ Value::Object(_)) => {
                items.iter().all(|v| has_type(items_schema, v, defs))
            }
            _ => true,
        },
        Value::Object(map) => match &schema["additionalProperties"] {
            s @ Value::Object(_) => map.values().all(|v| has_type(s, v, defs)),
            _ => true,
        },
        Value::String(text) => match (schema["enum"].as_array(), schema["const"].as_str()) {
            (Some(options), _) => options.iter().any(|o| o == text),
            (_, Some(c)) => c == text,
            _ => true,
        },
        _ => true,
    };
    fits && members_fit
}

#[test]
fn each_example_gets_the_outcome_it_claims_where_it_stands() {
    let book = builtin::rulebook().unwrap();
    let data = builtin::data().unwrap();
    let law = Law::new(&book, &[]);
    // The examples continue the built-in history before the Constitution of 2026, after
    // which the rulebook is checked for one day only.
    let before: Vec<Entry> = builtin::journal()
        .unwrap()
        .into_iter()
        .filter(|e| e.date.latest < jiff::civil::date(2026, 7, 1))
        .collect();
    let history = journal::replay(law, &data, &before);
    let last_day = history.entries.last().unwrap().0.date.latest;
    // The examples after the built-in history continue it, in order.
    let mut continued: State = history.entries.last().unwrap().2.clone();
    for (example, entry) in examples_parsed() {
        let state = if entry.date.earliest <= last_day {
            // A kind only history has: the example is the built-in journal's own entry, and
            // stands where that entry stands.
            let at = history
                .entries
                .iter()
                .position(|(e, _, _)| *e == entry)
                .unwrap_or_else(|| {
                    panic!("{}: not an entry of the built-in history", example.name)
                });
            if at == 0 {
                State::default()
            } else {
                history.entries[at - 1].2.clone()
            }
        } else {
            continued.clone()
        };
        let verdict = match journal::apply(law, &data, &state, &entry) {
            Ok((next, verdict)) => {
                if entry.date.earliest > last_day {
                    continued = next;
                }
                verdict
            }
            Err(reasons) => journal::Verdict::Refused { reasons },
        };
        let outcome = serde_json::to_value(&verdict).unwrap()["outcome"].clone();
        assert_eq!(outcome, example.outcome, "{}: {verdict:?}", example.name);
    }
    // The made-up examples leave their mark: the example party stood, was merged and ended.
    assert_eq!(
        continued.mazhilis.as_ref().unwrap().election,
        "mazhilis-example"
    );
    assert!(
        !continued
            .parties
            .get("example_party")
            .unwrap()
            .is_registered()
    );
    assert_eq!(
        continued.bills["example-bill"].passed,
        ["mazhilis", "senate"]
    );
}

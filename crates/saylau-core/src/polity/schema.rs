//! A journal entry as JSON Schema, and one example of every kind of event.
//!
//! The schema is derived from the serde types by `schemars` (JSON Schema 2020-12, the dialect
//! of OpenAPI 3.1), so it lists every kind and its fields as [`Entry`] reads them: a `oneOf`
//! keyed by `kind`, each with its required fields and their types, the doc comments as
//! descriptions. The examples are written here, each with the outcome the law gives it where
//! it stands: the kinds only history has (independence, the constitution, laws) are the
//! built-in journal's own entries; the others are made up, dated in June 2025, after the 2023
//! Mazhilis election and before the Constitution of 2026, and continue the built-in history of
//! those years in order: a service holding that history records them as they are. (A service
//! holding the whole built-in history, which ends on 1 July 2026, refuses them as out of order,
//! as it refuses any event dated before its last entry.)

use serde_json::{Map, Value, json};

use super::journal::Entry;

/// The schema of [`Entry`] for a document that keeps its schemas under `definitions` (a JSON
/// pointer: `/components/schemas` in OpenAPI, `/$defs` in a standalone schema): a `$ref` to
/// the entry's schema, and every schema it needs, by name.
pub fn entry_schema(definitions: &str) -> (Value, Map<String, Value>) {
    let mut generator = schemars::generate::SchemaSettings::draft2020_12()
        .with(|s| {
            s.definitions_path = definitions.to_string().into();
            s.meta_schema = None;
        })
        .into_generator();
    let schema = generator.subschema_for::<Entry>().to_value();
    (schema, generator.take_definitions(true))
}

/// One example entry and what the law says of it.
#[derive(Debug, Clone)]
pub struct Example {
    /// A name for the example: its kind, or the kind and what distinguishes it.
    pub name: &'static str,
    pub summary: &'static str,
    /// The verdict's `outcome` where the example stands: `applied`, `recorded` or `refused`.
    pub outcome: &'static str,
    /// The entry as JSON.
    pub value: Value,
}

/// One example of every kind of event, in journal order (see the module's doc).
pub fn examples() -> Vec<Example> {
    let ex = |name, summary, outcome, value| Example {
        name,
        summary,
        outcome,
        value,
    };
    vec![
        ex(
            "independence",
            "the journal's first event (the built-in history's entry; before the rulebook begins it is recorded as a fact)",
            "recorded",
            json!({ "date": "1991-12-16", "kind": "independence", "source": "seed, 'General information' (independence, 16 December 1991)" }),
        ),
        ex(
            "constitution_adopted",
            "a constitution in place of the one it replaces, an act of the rulebook dated as the entry; the chambers the new text lacks end (the built-in history's entry)",
            "applied",
            json!({ "date": "1995-08-30", "kind": "constitution_adopted", "act": "constitution-1995", "replaces": "constitution-1993", "source": "seed, 'Constitution'; DOMAIN.md §1 (30 August 1995)" }),
        ),
        ex(
            "constitution_amended",
            "an amendment at the initiative of an office the constitution allows (the built-in history's entry)",
            "applied",
            json!({ "date": "2007-05-21", "kind": "constitution_amended", "act": "constitution-amendments-2007", "initiated_by": "president", "source": "seed, 'Constitution' (amendments of 21 May 2007, at the president's suggestion)" }),
        ),
        ex(
            "law_amended",
            "a law amended; its values apply from the dates the rulebook gives them (the built-in history's entry)",
            "applied",
            json!({ "date": "2009-02-09", "kind": "law_amended", "act": "election-law-amendments-2009", "source": "seed, 'Legal regulation' (February 2009); IPU PARLINE gives 9 February 2009 (the runner-up rule)" }),
        ),
        ex(
            "party_registered",
            "a party registered (made up)",
            "applied",
            json!({ "date": "2025-06-10", "kind": "party_registered", "party": "example_party", "name": "Example Party", "members": 40000 }),
        ),
        ex(
            "party_on_register",
            "a party known to be on the register by this date, its registration day not given (made up)",
            "applied",
            json!({ "date": "2025-06-10", "kind": "party_on_register", "party": "example_union", "name": "Example Union" }),
        ),
        ex(
            "party_renamed",
            "a registered party renamed (made up)",
            "applied",
            json!({ "date": "2025-06-11", "kind": "party_renamed", "party": "example_party", "name": "Example People's Party" }),
        ),
        ex(
            "parties_merged",
            "parties merged into one of them (made up); `successor_name` would make a new party instead",
            "applied",
            json!({ "date": "2025-06-12", "kind": "parties_merged", "merging": ["example_party", "example_union"], "successor": "example_party" }),
        ),
        ex(
            "bloc_formed",
            "an electoral bloc: refused, because the election law as amended in June 2007 forbids them (made up)",
            "refused",
            json!({ "date": "2025-06-12", "kind": "bloc_formed", "name": "Example Bloc", "parties": ["ak_zhol", "nsdp"] }),
        ),
        ex(
            "mazhilis_elected",
            "a Mazhilis election with its lists given: each a party on the register that day, by id or by its name (made up)",
            "applied",
            json!({ "date": "2025-06-14", "kind": "mazhilis_elected", "election": "mazhilis-example", "lists": [["nur_otan", 900], ["Example People's Party", 100]], "participating": 1000 }),
        ),
        ex(
            "assembly_elected",
            "the Assembly of People's Mazhilis deputies: refused, because since the referendum of 5 June 2022 the Assembly elects none (made up)",
            "refused",
            json!({ "date": "2025-06-15", "kind": "assembly_elected", "deputies": ["Deputy 1", "Deputy 2", "Deputy 3", "Deputy 4", "Deputy 5", "Deputy 6", "Deputy 7", "Deputy 8", "Deputy 9"] }),
        ),
        ex(
            "president_elected",
            "a president elected in the first round; checked against the votes when `election` is a built-in election (made up)",
            "applied",
            json!({ "date": "2025-06-16", "kind": "president_elected", "person": "Person A", "election": "president-example" }),
        ),
        ex(
            "president_inaugurated",
            "the president elected last takes office (made up)",
            "applied",
            json!({ "date": "2025-06-17", "kind": "president_inaugurated", "person": "Person A" }),
        ),
        ex(
            "senators_elected",
            "senators elected by the maslikhats, per unit (made up)",
            "applied",
            json!({ "date": "2025-06-18", "kind": "senators_elected", "election": "senate-example", "seats": { "astana": ["Senator A"] } }),
        ),
        ex(
            "appointed",
            "the prime minister, proposed by the president and confirmed by the Mazhilis (made up)",
            "applied",
            json!({ "date": "2025-06-19", "kind": "appointed", "office": "prime_minister", "person": "Person B", "proposed_by": "president", "decided_by": "mazhilis" }),
        ),
        ex(
            "bill_introduced",
            "a bill introduced (made up)",
            "applied",
            json!({ "date": "2025-06-20", "kind": "bill_introduced", "bill": "example-bill", "title": "On an Example" }),
        ),
        ex(
            "bill_passed",
            "the Mazhilis passes the bill, its first stage (made up)",
            "applied",
            json!({ "date": "2025-06-21", "kind": "bill_passed", "bill": "example-bill", "by": "mazhilis" }),
        ),
        ex(
            "bill_passed_senate",
            "then the Senate (made up)",
            "applied",
            json!({ "date": "2025-06-22", "kind": "bill_passed", "bill": "example-bill", "by": "senate" }),
        ),
        ex(
            "bill_decided",
            "the president signs it (made up); `returned` sends it back to the Mazhilis, `vetoed` ends it",
            "applied",
            json!({ "date": "2025-06-23", "kind": "bill_decided", "bill": "example-bill", "decision": "signed" }),
        ),
        ex(
            "no_confidence",
            "a vote of no confidence in the government that does not pass (made up)",
            "applied",
            json!({ "date": "2025-06-24", "kind": "no_confidence", "by": "mazhilis", "passed": false }),
        ),
        ex(
            "parliament_dissolved",
            "the president dissolves parliament after the consultations the constitution requires (made up)",
            "applied",
            json!({ "date": "2025-06-25", "kind": "parliament_dissolved", "consulted": ["senate_chair", "mazhilis_chair", "prime_minister"] }),
        ),
        ex(
            "party_liquidated",
            "a party liquidated by a court's decision (made up)",
            "applied",
            json!({ "date": "2025-06-26", "kind": "party_liquidated", "party": "example_party", "decision": "a court's decision (example)" }),
        ),
        ex(
            "president_resigned",
            "the president leaves office early and the Senate's chair serves out the term (made up)",
            "applied",
            json!({ "date": "2025-06-27", "kind": "president_resigned", "person": "Person A", "successor": "Example Successor" }),
        ),
    ]
}

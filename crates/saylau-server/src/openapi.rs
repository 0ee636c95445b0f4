//! The OpenAPI 3.1 document served at `/api/openapi.json`. A test checks that every route of
//! the router is described here and that nothing else is. A journal entry's schema (every
//! kind of event, its fields and their types) is derived from the core's types, and its
//! examples are the core's, checked there against the law.

use axum::Json;
use saylau_core::polity::schema;
use serde_json::{Value, json};

/// Every path the router serves, with its methods: the test compares this with the document.
pub const PATHS: &[(&str, &str)] = &[
    ("/api/health", "get"),
    ("/api/openapi.json", "get"),
    ("/api/law", "get"),
    ("/api/state", "get"),
    ("/api/parties", "get"),
    ("/api/elections", "get"),
    ("/api/elections/{id}", "get"),
    ("/api/referendums", "get"),
    ("/api/referendums/{id}", "get"),
    ("/api/journal", "get"),
    ("/api/ask/{kind}", "post"),
    ("/api/login", "post"),
    ("/api/events", "post"),
    ("/api/member-lists", "post"),
    ("/api/ledgers", "post"),
];

fn error_responses(extra: &[(&str, &str)]) -> Value {
    let mut r = serde_json::Map::new();
    for (code, what) in [
        ("400", "malformed request"),
        ("503", "the store failed; nothing was recorded"),
    ]
    .iter()
    .chain(extra)
    {
        r.insert(
            (*code).to_string(),
            json!({ "description": what, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }),
        );
    }
    Value::Object(r)
}

fn date_query() -> Value {
    json!([{ "name": "date", "in": "query", "required": true, "schema": { "type": "string", "format": "date" }, "description": "YYYY-MM-DD" }])
}

fn ok(description: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": { "type": "object" } } } })
}

/// The request body of `POST /api/events`: the journal entry's schema, derived from the core's
/// types, with one example of every kind of event and what the law says of it.
/// `POST /api/ask/{kind}`: each kind's question, from the core's types.
fn ask_op() -> Value {
    let (refs, _) = saylau_core::ask::schemas("/components/schemas");
    let one_of: Vec<Value> = refs.into_iter().map(|(_, r)| r).collect();
    json!({
        "summary": "ask an engine: the body is the question of `kind` (its fields, plus optionally `reforms`, a list of reform files' texts, and `project`, true to carry the law of the rulebook's last checked day forward); the answer is the value `saylau` prints with --format json. Public; nothing is recorded",
        "parameters": [{ "name": "kind", "in": "path", "required": true, "schema": { "type": "string", "enum": saylau_core::ask::KINDS } }],
        "requestBody": { "required": true, "content": { "application/json": { "schema": { "oneOf": one_of } } } },
        "responses": {
            "200": ok("the answer"),
            "400": { "description": "a malformed question", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
            "422": { "description": "the law cannot answer it on that day (unknown, not in force, or past the rulebook's horizon)", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
        }
    })
}

fn events_op() -> Value {
    let mut op = write_op(
        "submit a journal event: checked against the law and the state, then recorded or refused. The body is one entry: `date` and `kind`, the fields of that kind (see the schema's `oneOf`), and optionally `source` and `note`",
        "Entry",
    );
    let mut examples = serde_json::Map::new();
    for e in schema::examples() {
        examples.insert(
            e.name.to_string(),
            json!({ "summary": format!("{} — {}", e.summary, e.outcome), "value": e.value }),
        );
    }
    op["requestBody"]["content"]["application/json"]["examples"] = Value::Object(examples);
    op
}

fn write_op(summary: &str, body: &str) -> Value {
    let mut responses = error_responses(&[
        ("401", "no valid bearer token"),
        ("403", "the role may not make this write"),
        ("422", "refused by the law or the state, with reasons"),
    ]);
    responses["201"] = ok("recorded");
    responses["200"] = ok("already recorded under this Idempotency-Key");
    json!({
        "summary": summary,
        "security": [{ "bearer": [] }],
        "parameters": [{ "name": "Idempotency-Key", "in": "header", "required": false, "schema": { "type": "string", "maxLength": 200 } }],
        "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": format!("#/components/schemas/{body}") } } } },
        "responses": responses
    })
}

fn read_op(summary: &str, parameters: Value) -> Value {
    let mut responses = error_responses(&[]);
    responses["200"] = ok(summary);
    json!({ "summary": summary, "parameters": parameters, "responses": responses })
}

/// The election's id and the what-if a query may ask.
fn what_if_query() -> Value {
    json!([
        { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } },
        { "name": "threshold", "in": "query", "required": false, "description": "a threshold in percent instead of the law's (`3`, `3.5`, `3.5%`)", "schema": { "type": "string" } },
        { "name": "method", "in": "query", "required": false, "description": "an allocation method instead of the law's", "schema": { "type": "string", "enum": saylau_core::law::METHODS } },
        { "name": "seats", "in": "query", "required": false, "description": "a number of list seats instead of the law's", "schema": { "type": "integer", "minimum": 1, "maximum": saylau_core::elections::results::MAX_WHAT_IF_SEATS } },
        { "name": "law_date", "in": "query", "required": false, "description": "apply the law in force on this day instead of the election day's", "schema": { "type": "string", "format": "date" } }
    ])
}

/// A name, id or code: at most `saylau_formats::NAME_CHARS` characters, as the readers
/// enforce (every string of a body that is not free text).
fn name() -> Value {
    json!({ "type": "string", "maxLength": saylau_formats::NAME_CHARS })
}

/// States the readers' caps on every string property the derived schemas leave open: a
/// document (`text`) at most `saylau_formats::DOCUMENT_CHARS` characters, free text (titles,
/// sources, notes) at most `saylau_formats::TEXT_CHARS` characters, any other
/// string at most `saylau_formats::NAME_CHARS`, as `saylau_formats::json` enforces them.
fn caps(schema: &mut Value) {
    match schema {
        Value::Object(o) => {
            if let Some(Value::Object(props)) = o.get_mut("properties") {
                for (key, prop) in props.iter_mut() {
                    let is_string = match prop.get("type") {
                        Some(Value::String(t)) => t == "string",
                        Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
                        _ => false,
                    };
                    if is_string && prop.get("maxLength").is_none() {
                        let cap = if saylau_formats::json::DOCUMENT_KEYS.contains(&key.as_str()) {
                            saylau_formats::DOCUMENT_CHARS
                        } else if saylau_formats::json::LONG_TEXT_KEYS.contains(&key.as_str()) {
                            saylau_formats::TEXT_CHARS
                        } else {
                            saylau_formats::NAME_CHARS
                        };
                        prop["maxLength"] = json!(cap);
                    }
                }
            }
            o.values_mut().for_each(caps);
        }
        Value::Array(a) => a.iter_mut().for_each(caps),
        _ => {}
    }
}

/// A day of an act: `YYYY-MM-DD`, from the rulebook's earliest act on.
fn day() -> Value {
    json!({ "type": "string", "format": "date", "description": "YYYY-MM-DD, from the rulebook's earliest act on" })
}

pub fn build() -> Value {
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": {
            "title": "saylau",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Kazakhstan's political system, executable: the law on any date with its sources, the polity's journal of events, elections with explanations, and the registration and finance engines. Reads are public; writes need a bearer token from /api/login. Every error is {\"error\": {\"code\", \"message\", \"details\"?}}."
        },
        "paths": {
            "/api/health": { "get": read_op("the service is up", json!([])) },
            "/api/openapi.json": { "get": read_op("this document", json!([])) },
            "/api/law": { "get": read_op("every parameter of the rulebook on a date, with its value and citation, or why it has none", date_query()) },
            "/api/state": { "get": read_op("the polity on a date: the journal folded up to that day (`state`), the entries whose month or year spans it (`uncertain`), and `notices` of what the state does not say by itself on that day: `president_term_ended` {person, ended}, `mazhilis_election_overdue` {election, due}, `after_the_journal` {last_entry}, `after_the_horizon` {checked_through}", date_query()) },
            "/api/parties": { "get": read_op("the parties of the built-in data with their histories", json!([])) },
            "/api/elections": { "get": read_op("the elections of the built-in data (`elections`) and those the journal records (`recorded`)", json!([])) },
            "/api/elections/{id}": { "get": read_op("one election computed under the law of its day (or a what-if): `result.kind` is `list` (rows with votes, exact shares and seats, indices, outcome, steps), `president` (rows, the vote base and why, outcome, steps) or `not_computed` (why); an unknown query parameter is a 400", what_if_query()) },
            "/api/referendums": { "get": read_op("the national referendums of the built-in data, each with its result under the law of its day: the conditions of adoption (`participation`, `approval`, `units`: met, not met or not known) and the outcome (`adopted`, `rejected`, `not_determined`), every step cited", json!([])) },
            "/api/referendums/{id}": { "get": read_op("one referendum and its result under the law of its day, as `saylau referendum ID --format json` prints it", json!([
                { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } }
            ])) },
            "/api/journal": { "get": read_op("the journal's entries in order, with their hash chain", json!([
                { "name": "after", "in": "query", "required": false, "schema": { "type": "integer", "minimum": 0 } },
                { "name": "limit", "in": "query", "required": false, "schema": { "type": "integer", "minimum": 1, "maximum": 1000 } }
            ])) },
            "/api/login": { "post": {
                "summary": "a bearer token for an account",
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Login" } } } },
                "responses": {
                    "200": ok("the token and its expiry"),
                    "401": { "description": "wrong name or password" },
                    "429": { "description": "too many failed logins for this account" }
                }
            } },
            "/api/ask/{kind}": { "post": ask_op() },
            "/api/events": { "post": events_op() },
            "/api/member-lists": { "post": write_op("submit a party's member list: verified and recorded with the decision", "MemberList") },
            "/api/ledgers": { "post": write_op("submit a party's donations ledger: checked and recorded with the verdicts", "Ledger") }
        },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": {
                "Error": { "type": "object", "required": ["error"], "properties": { "error": { "type": "object", "required": ["code", "message"], "properties": { "code": { "type": "string" }, "message": { "type": "string" }, "details": {} } } } },
                "Login": { "type": "object", "required": ["name", "password"], "additionalProperties": false, "properties": { "name": name(), "password": name() } },
                "MemberList": { "type": "object", "required": ["party", "date", "committee_registered", "founders", "members", "register"], "additionalProperties": false, "properties": {
                    "party": name(), "date": day(), "committee_registered": day(), "founders": { "type": "integer", "minimum": 0 },
                    "members": { "type": "array", "items": { "type": "object", "required": ["iin", "signed_on"], "additionalProperties": false, "properties": { "iin": name(), "signed_on": day(), "full_name": name() } } },
                    "register": { "type": "array", "items": { "type": "object", "required": ["iin", "full_name", "birth_date", "unit", "citizen", "deceased", "occupation"], "additionalProperties": false, "properties": {
                        "iin": name(), "full_name": name(), "birth_date": { "type": "string", "format": "date" }, "unit": name(), "citizen": { "type": "boolean" }, "deceased": { "type": "boolean" }, "occupation": name() } } },
                    "other_party_members": { "type": "array", "items": name() }
                } },
                "Ledger": { "type": "object", "required": ["party", "donations"], "additionalProperties": false, "properties": {
                    "party": name(),
                    "donations": { "type": "array", "items": { "type": "object", "required": ["id", "date", "party", "donor_kind", "donor", "amount_kzt", "written_confirmation", "source_stated"], "additionalProperties": false, "properties": {
                        "id": name(), "date": day(), "party": name(), "donor_kind": { "type": "string", "enum": saylau_core::law::DONOR_KINDS }, "donor": name(), "amount_kzt": { "type": "integer", "minimum": 0 }, "written_confirmation": { "type": "boolean" }, "source_stated": { "type": "boolean" } } } }
                } }
            }
        }
    });
    // The entry's schema and those it refers to (`Entry`, `FuzzyDate`, `BillDecision`).
    let (_, definitions) = schema::entry_schema("/components/schemas");
    let (_, questions) = saylau_core::ask::schemas("/components/schemas");
    if let Some(schemas) = doc["components"]["schemas"].as_object_mut() {
        schemas.extend(definitions);
        schemas.extend(questions);
    }
    caps(&mut doc["components"]["schemas"]);
    doc
}

pub async fn document() -> Json<Value> {
    Json(build())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `$ref` of the document points at a schema it has.
    #[test]
    fn every_reference_resolves() {
        fn refs(v: &Value, out: &mut Vec<String>) {
            match v {
                Value::Object(m) => {
                    if let Some(Value::String(r)) = m.get("$ref") {
                        out.push(r.clone());
                    }
                    m.values().for_each(|x| refs(x, out));
                }
                Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
                _ => {}
            }
        }
        let doc = build();
        let mut found = Vec::new();
        refs(&doc, &mut found);
        assert!(found.contains(&"#/components/schemas/FuzzyDate".to_string()));
        for r in found {
            let name = r.strip_prefix("#/components/schemas/").unwrap_or(&r);
            assert!(
                doc["components"]["schemas"].get(name).is_some(),
                "{r} resolves"
            );
        }
    }

    /// The events endpoint shows the schema of every kind and an example of each.
    #[test]
    fn every_kind_of_event_has_its_schema_and_an_example() {
        let doc = build();
        let kinds: Vec<&str> = doc["components"]["schemas"]["Entry"]["oneOf"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|k| k["properties"]["kind"]["const"].as_str())
                    .collect()
            })
            .unwrap_or_default();
        let distinct: std::collections::BTreeSet<&str> = kinds.iter().copied().collect();
        assert!(
            kinds.len() > 1 && distinct.len() == kinds.len(),
            "{kinds:?}"
        );
        let body =
            &doc["paths"]["/api/events"]["post"]["requestBody"]["content"]["application/json"];
        assert_eq!(body["schema"]["$ref"], "#/components/schemas/Entry");
        let examples = body["examples"].as_object().cloned().unwrap_or_default();
        for kind in kinds {
            assert!(
                examples.values().any(|e| e["value"]["kind"] == kind),
                "an example of `{kind}`"
            );
        }
    }

    #[test]
    fn the_caps_the_readers_enforce_are_documented() {
        let doc = build();
        let schemas = &doc["components"]["schemas"];
        assert_eq!(
            schemas["Login"]["properties"]["name"]["maxLength"],
            saylau_formats::NAME_CHARS
        );
        assert_eq!(
            schemas["Entry"]["properties"]["source"]["maxLength"],
            saylau_formats::TEXT_CHARS
        );
        assert_eq!(
            schemas["MemberList"]["properties"]["register"]["items"]["properties"]["unit"]["maxLength"],
            saylau_formats::NAME_CHARS
        );
    }

    #[test]
    fn the_document_describes_exactly_the_routes() {
        let doc = build();
        let paths = doc["paths"].as_object().cloned().unwrap_or_default();
        assert_eq!(paths.len(), PATHS.len());
        for (path, method) in PATHS {
            assert!(
                paths.get(*path).is_some_and(|p| p.get(*method).is_some()),
                "{method} {path}"
            );
        }
    }
}

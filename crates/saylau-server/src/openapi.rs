//! The OpenAPI 3.1 document served at `/api/openapi.json`. A test checks that every route of
//! the router is described here and that nothing else is.

use axum::Json;
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
    ("/api/journal", "get"),
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

/// Free text (titles, sources, notes): at most `saylau_formats::TEXT_CHARS` characters.
fn text() -> Value {
    json!({ "type": "string", "maxLength": saylau_formats::TEXT_CHARS })
}

/// A day of an act: `YYYY-MM-DD`, from the rulebook's earliest act on.
fn day() -> Value {
    json!({ "type": "string", "format": "date", "description": "YYYY-MM-DD, from the rulebook's earliest act on" })
}

pub fn build() -> Value {
    json!({
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
            "/api/state": { "get": read_op("the polity on a date: the journal folded up to that day", date_query()) },
            "/api/parties": { "get": read_op("the parties of the built-in data with their histories", json!([])) },
            "/api/elections": { "get": read_op("the elections of the built-in data (`elections`) and those the journal records (`recorded`)", json!([])) },
            "/api/elections/{id}": { "get": read_op("one election computed under the law of its day (or a what-if): `result.kind` is `list` (rows with votes, exact shares and seats, indices, outcome, steps), `president` (rows, the vote base and why, outcome, steps) or `not_computed` (why); an unknown query parameter is a 400", what_if_query()) },
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
            "/api/events": { "post": write_op("submit a journal event: checked against the law and the state, then recorded or refused", "Entry") },
            "/api/member-lists": { "post": write_op("submit a party's member list: verified and recorded with the decision", "MemberList") },
            "/api/ledgers": { "post": write_op("submit a party's donations ledger: checked and recorded with the verdicts", "Ledger") }
        },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": {
                "Error": { "type": "object", "required": ["error"], "properties": { "error": { "type": "object", "required": ["code", "message"], "properties": { "code": { "type": "string" }, "message": { "type": "string" }, "details": {} } } } },
                "Login": { "type": "object", "required": ["name", "password"], "additionalProperties": false, "properties": { "name": name(), "password": name() } },
                "Entry": { "type": "object", "required": ["date", "kind"], "properties": { "date": { "type": "string", "description": "YYYY-MM-DD, YYYY-MM or YYYY, from the rulebook's earliest act on" }, "kind": { "type": "string", "description": "the kind's name, never its position" }, "source": text(), "note": text() }, "additionalProperties": true },
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
    })
}

pub async fn document() -> Json<Value> {
    Json(build())
}

#[cfg(test)]
mod tests {
    use super::*;

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

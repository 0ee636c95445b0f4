//! Submissions that are not polity events: `POST /api/member-lists` (a party's member list run
//! through the registration engine) and `POST /api/ledgers` (its donations through the finance
//! rules), each recorded with its result.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use saylau_core::law::Law;
use saylau_core::parties::finance::{self, Donation};
use saylau_core::parties::iin::Iin;
use saylau_core::parties::registration::{self, Application, Person, Rules, Signature, Tally};
use saylau_store::{Appended, NewEvent};
use serde::Deserialize;
use serde_json::{Value, json};

use super::idempotency_key;
use super::login::caller;
use crate::app::{App, LEDGER_KIND, MEMBER_LIST_KIND, Shared};
use crate::auth::{Caller, Role};
use crate::error::ApiError;

fn may_submit_for(caller: &Caller, party: &str, what: &str) -> Result<(), ApiError> {
    match &caller.role {
        Role::Admin | Role::Registrar => Ok(()),
        Role::PartyOfficial { party: own } if own == party => Ok(()),
        Role::PartyOfficial { party: own } => Err(ApiError::forbidden(format!(
            "a party official of `{own}` submits {what} only for `{own}`, not `{party}`"
        ))),
        Role::Observer => Err(ApiError::forbidden("an observer account is read-only")),
    }
}

/// Records a submission (one event, whole or not at all) under an idempotency key.
async fn record_submission(
    app: &App,
    kind: &str,
    date: Date,
    payload: Value,
    caller: &Caller,
    key: Option<&str>,
) -> Result<(StatusCode, Vec<i64>), ApiError> {
    let new = NewEvent {
        kind: kind.to_string(),
        date: date.to_string(),
        payload,
        actor: Some(caller.name.clone()),
    };
    let _writer = app.entries.lock().await;
    Ok(match app.store.append(&[new], key).await? {
        Appended::Recorded(seqs) => (StatusCode::CREATED, seqs),
        Appended::AlreadyRecorded(seqs) => (StatusCode::OK, seqs),
    })
}

#[derive(Deserialize)]
struct MemberRow {
    iin: String,
    signed_on: Date,
}

#[derive(Deserialize)]
struct RegisterRow {
    iin: String,
    birth_date: Date,
    unit: String,
    citizen: bool,
    deceased: bool,
    #[serde(default)]
    occupation: String,
}

#[derive(Deserialize)]
pub(crate) struct MemberList {
    party: String,
    date: Date,
    committee_registered: Date,
    founders: u64,
    members: Vec<MemberRow>,
    /// The register's entries for the people on the list (an extract of the citizen register).
    register: Vec<RegisterRow>,
    #[serde(default)]
    other_party_members: Vec<String>,
}

/// `POST /api/member-lists`: a party's member list verified and recorded with the decision.
pub(crate) async fn submit_member_list(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: Result<Json<MemberList>, JsonRejection>,
) -> Result<Response, ApiError> {
    let caller = caller(&app, &headers).await?;
    let key = idempotency_key(&headers)?;
    let Json(list) = body?;
    may_submit_for(&caller, &list.party, "member lists")?;
    let application = Application {
        filed: list.date,
        committee_registered: list.committee_registered,
        founders: list.founders,
    };
    let rules = Rules::new(Law::new(&app.book, &[]), list.date, &application)
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "law", e.to_string()))?;
    let mut register = std::collections::HashMap::new();
    for (i, r) in list.register.iter().enumerate() {
        let iin = Iin::parse(&r.iin)
            .map_err(|e| ApiError::bad_request(format!("register[{i}].iin: `{}`: {e}", r.iin)))?;
        let unit = registration::unit_index(&r.unit).ok_or_else(|| {
            ApiError::bad_request(format!("register[{i}].unit: `{}` is not a unit id", r.unit))
        })?;
        register.insert(
            iin.to_u64(),
            Person {
                birth_date: r.birth_date,
                unit,
                citizen: r.citizen,
                deceased: r.deceased,
                occupation: registration::occupation_index(r.occupation.trim()),
            },
        );
    }
    let others: std::collections::HashSet<u64> = list
        .other_party_members
        .iter()
        .filter_map(|s| Iin::parse(s).ok().map(|i| i.to_u64()))
        .collect();
    let mut tally = Tally::new();
    for m in &list.members {
        let iin = Iin::parse(&m.iin);
        let key = iin.as_ref().ok().map(Iin::to_u64);
        let row = Signature {
            person: key.and_then(|k| register.get(&k).copied()),
            other_party: key.is_some_and(|k| others.contains(&k)),
            iin,
            signed_on: m.signed_on,
        };
        let _ = tally.add(&rules, &row);
    }
    let outcome = rules
        .decide(&tally)
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "register", e.to_string()))?;
    let result = serde_json::to_value(&outcome).map_err(|e| ApiError::internal(e.to_string()))?;
    let payload = json!({
        "party": list.party,
        "members": list.members.len(),
        "result": result,
    });
    let (status, seqs) = record_submission(
        &app,
        MEMBER_LIST_KIND,
        list.date,
        payload,
        &caller,
        key.as_deref(),
    )
    .await?;
    Ok((status, Json(json!({ "seqs": seqs, "result": result }))).into_response())
}

#[derive(Deserialize)]
pub(crate) struct Ledger {
    party: String,
    donations: Vec<Donation>,
}

/// `POST /api/ledgers`: a party's donations checked and recorded with the verdicts.
pub(crate) async fn submit_ledger(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: Result<Json<Ledger>, JsonRejection>,
) -> Result<Response, ApiError> {
    let caller = caller(&app, &headers).await?;
    let key = idempotency_key(&headers)?;
    let Json(ledger) = body?;
    may_submit_for(&caller, &ledger.party, "ledgers")?;
    if let Some(d) = ledger.donations.iter().find(|d| d.party != ledger.party) {
        return Err(ApiError::bad_request(format!(
            "donation `{}` is for `{}`, not `{}`",
            d.id, d.party, ledger.party
        )));
    }
    let Some(last) = ledger.donations.iter().map(|d| d.date).max() else {
        return Err(ApiError::bad_request("the ledger has no donations"));
    };
    let result = finance::check_ledger(Law::new(&app.book, &[]), &ledger.donations)
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "law", e.to_string()))?;
    let result = serde_json::to_value(&result).map_err(|e| ApiError::internal(e.to_string()))?;
    let payload = json!({ "party": ledger.party, "donations": ledger.donations, "result": result });
    let (status, seqs) =
        record_submission(&app, LEDGER_KIND, last, payload, &caller, key.as_deref()).await?;
    Ok((status, Json(json!({ "seqs": seqs, "result": result }))).into_response())
}

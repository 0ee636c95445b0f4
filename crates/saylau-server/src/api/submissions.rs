//! Submissions that are not polity events: `POST /api/member-lists` (a party's member list run
//! through the registration engine) and `POST /api/ledgers` (its donations through the finance
//! rules), each recorded with its result.

use std::collections::{HashMap, HashSet};

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use saylau_core::law::Law;
use saylau_core::parties::finance;
use saylau_core::parties::iin::Iin;
use saylau_core::parties::registration::{Application, Person, Rules, Signature};
use saylau_core::text::quote;
use saylau_formats::LawDays;
use saylau_formats::bodies;
use saylau_formats::json::{self, Seg};
use saylau_formats::problem::Problems;
use saylau_formats::register::Units;
use saylau_store::{Appended, NewEvent};
use serde_json::{Value, json};

use super::login::caller;
use super::{BODY, JsonBody, idempotency_key, malformed};
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

/// `POST /api/member-lists`: a party's member list verified and recorded with the decision.
///
/// The body is read by `saylau_formats::bodies::read_member_list`, the register extract with
/// the units in force on the list's date. The answer gives the decision and every rejected
/// signature with its reason, in the order of the list.
pub(crate) async fn submit_member_list(
    State(app): State<Shared>,
    request: axum::extract::Request,
) -> Result<Response, ApiError> {
    // Who is asking is known before a byte of the body is read: a caller who may not write
    // costs the service nothing however large the body.
    let (parts, body) = request.into_parts();
    let caller = caller(&app, &parts.headers).await?;
    let key = idempotency_key(&parts.headers, &caller.name)?;
    let JsonBody(body) = JsonBody::read(axum::extract::Request::from_parts(parts, body)).await?;
    let days = LawDays::of(&app.book);
    let list = bodies::read_member_list(BODY, &body, &days).map_err(malformed)?;
    may_submit_for(&caller, &list.party, "member lists")?;
    let application = Application {
        filed: list.date,
        committee_registered: list.committee_registered,
        founders: list.founders,
    };
    let rules = Rules::new(Law::new(&app.book, &[]), list.date, &application)
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "law", e.to_string()))?;
    let entries = list
        .register(BODY, &body, &Units::new(&rules.units().value))
        .map_err(malformed)?;
    let wanted: HashSet<u64> = list
        .members
        .iter()
        .filter_map(|m| m.iin.as_ref().ok().map(Iin::to_u64))
        .collect();
    let mut register: HashMap<u64, (Person, usize)> = HashMap::new();
    let mut twice = Problems::new(BODY);
    for (i, e) in entries.iter().enumerate() {
        let key = e.iin.to_u64();
        match register.get(&key) {
            // As for a register file: a person twice is refused when the list names them.
            Some((_, first)) if wanted.contains(&key) => json::push(
                &mut twice,
                &body,
                &[
                    Seg::Key("register".into()),
                    Seg::Index(i),
                    Seg::Key("iin".into()),
                ],
                format!("this person is already in the register at register[{first}]"),
            ),
            Some(_) => {}
            None => {
                register.insert(key, (e.person, i));
            }
        }
    }
    twice.check().map_err(malformed)?;
    let others: HashSet<u64> = list.other_party_members.iter().map(Iin::to_u64).collect();
    let signatures = list.members.iter().map(|m| {
        let key = m.iin.as_ref().ok().map(Iin::to_u64);
        Signature {
            person: key.and_then(|k| register.get(&k).map(|(p, _)| *p)),
            other_party: key.is_some_and(|k| others.contains(&k)),
            iin: m.iin.clone(),
            signed_on: m.signed_on,
        }
    });
    let checked = rules
        .check(signatures)
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "register", e.to_string()))?;
    let outcome = checked.outcome;
    let rejected: Vec<Value> = checked
        .rejected_signatures
        .iter()
        .filter_map(|r| {
            let m = list.members.get(r.index)?;
            Some(json!({
                "index": r.index,
                "iin": m.text,
                "signed_on": m.signed_on.to_string(),
                "reason": r.reason.name(),
            }))
        })
        .collect();
    let result = serde_json::to_value(&outcome).map_err(|e| ApiError::internal(e.to_string()))?;
    let payload = json!({
        "party": list.party,
        "members": list.members.len(),
        "result": result,
        "rejected": rejected,
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
    Ok((
        status,
        Json(json!({ "seqs": seqs, "result": result, "rejected": rejected })),
    )
        .into_response())
}

/// `POST /api/ledgers`: a party's donations checked and recorded with the verdicts.
pub(crate) async fn submit_ledger(
    State(app): State<Shared>,
    request: axum::extract::Request,
) -> Result<Response, ApiError> {
    // Who is asking is known before a byte of the body is read: a caller who may not write
    // costs the service nothing however large the body.
    let (parts, body) = request.into_parts();
    let caller = caller(&app, &parts.headers).await?;
    let key = idempotency_key(&parts.headers, &caller.name)?;
    let JsonBody(body) = JsonBody::read(axum::extract::Request::from_parts(parts, body)).await?;
    let days = LawDays::of(&app.book);
    let ledger = bodies::read_ledger(BODY, &body, &days).map_err(malformed)?;
    may_submit_for(&caller, &ledger.party, "ledgers")?;
    if let Some(d) = ledger.donations.iter().find(|d| d.party != ledger.party) {
        return Err(ApiError::bad_request(format!(
            "donation `{}` is for `{}`, not `{}`",
            quote(&d.id),
            quote(&d.party),
            quote(&ledger.party)
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

//! Elections and parties: `GET /api/parties`, `GET /api/elections` and
//! `GET /api/elections/{id}` (with a what-if in the query), the built-in data's answers
//! computed when the service opened, the rest on demand by the same builder.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::{WHAT_IF_QUERY, json_text, strict_query, what_if};
use crate::app::Shared;
use crate::elections::Known;
use crate::error::ApiError;

pub(crate) async fn parties(
    State(app): State<Shared>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    strict_query(&query, &[])?;
    Ok(json_text(&*app.precomputed.parties))
}

/// The elections of the data, and those the journal records.
pub(crate) async fn elections(
    State(app): State<Shared>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    strict_query(&query, &[])?;
    let recorded = app.recorded_elections()?;
    let data: serde_json::Value = serde_json::from_str(&app.precomputed.elections)
        .map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(Json(json!({ "elections": data, "recorded": recorded })).into_response())
}

/// One election computed under the law of its day, or under a what-if asked in the query
/// (`threshold`, `method`, `seats`, `law_date`).
pub(crate) async fn election(
    State(app): State<Shared>,
    Path(id): Path<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    let q = strict_query(&query, &WHAT_IF_QUERY)?;
    let asked = what_if(&q)?;
    let known = app.known_election(&id)?;
    if let Known::Data(e) = &known
        && asked.is_empty()
        && let Some(body) = app.precomputed.election.get(&e.id)
    {
        return Ok(json_text(&**body));
    }
    let result = app.compute(&known, &asked)?;
    let election = match &known {
        Known::Data(e) => json!(e),
        Known::Recorded(r) => json!(r),
    };
    Ok(Json(json!({ "election": election, "result": result })).into_response())
}

/// Each referendum of the data with its result under the law of its day: what `saylau
/// referendum --format json` prints, by the same core function.
fn referendum_json(app: &crate::app::App, r: &saylau_core::data::Referendum) -> serde_json::Value {
    let law = saylau_core::law::Law::new(&app.book, &[]).at(r.date.earliest);
    json!({
        "referendum": r,
        "result": saylau_core::elections::referendum::referendum(law, r),
    })
}

/// `GET /api/referendums`.
pub(crate) async fn referendums(
    State(app): State<Shared>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    strict_query(&query, &[])?;
    let all: Vec<serde_json::Value> = app
        .data
        .referendums
        .iter()
        .map(|r| referendum_json(&app, r))
        .collect();
    Ok(Json(all).into_response())
}

/// `GET /api/referendums/{id}`.
pub(crate) async fn referendum(
    State(app): State<Shared>,
    Path(id): Path<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    strict_query(&query, &[])?;
    let r = app.data.referendum(&id).ok_or_else(|| {
        ApiError::not_found(format!(
            "no referendum `{}` in the data",
            saylau_core::text::quote(&id)
        ))
    })?;
    Ok(Json(referendum_json(&app, r)).into_response())
}

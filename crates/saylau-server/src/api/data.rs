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

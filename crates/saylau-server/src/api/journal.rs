//! The journal: `GET /api/state` (the state it folds to on a date, from the snapshots) and
//! `GET /api/journal` (its entries as stored, page by page).

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{DateQuery, json_text, parse_date, strict_query};
use crate::app::Shared;
use crate::error::ApiError;

pub(crate) async fn state_on(
    State(app): State<Shared>,
    query: Result<Query<DateQuery>, QueryRejection>,
    pairs: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(pairs) = pairs?;
    strict_query(&pairs, &["date"])?;
    let Query(q) = query?;
    let date = parse_date(&q.date)?;
    let body = match app.snapshots.read() {
        Ok(s) => s.on(date),
        Err(_) => return Err(ApiError::internal("the snapshots lock is poisoned")),
    };
    Ok(json_text(body))
}

#[derive(Deserialize)]
pub(crate) struct JournalQuery {
    #[serde(default)]
    after: i64,
    #[serde(default = "default_limit")]
    limit: i64,
}

fn default_limit() -> i64 {
    100
}

pub(crate) async fn journal_entries(
    State(app): State<Shared>,
    query: Result<Query<JournalQuery>, QueryRejection>,
    pairs: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(pairs) = pairs?;
    strict_query(&pairs, &["after", "limit"])?;
    let Query(q) = query?;
    if !(1..=1000).contains(&q.limit) || q.after < 0 {
        return Err(ApiError::bad_request(
            "`limit` is 1 to 1000 and `after` is not negative",
        ));
    }
    let events = app.store.events(q.after, q.limit).await?;
    Ok(Json(json!({ "events": events })))
}

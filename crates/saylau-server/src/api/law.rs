//! `GET /api/law`: every parameter of the rulebook in force on a date, with its citation.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use saylau_core::law::Law;
use serde_json::{Value, json};

use super::{DateQuery, parse_date};
use crate::app::Shared;
use crate::error::ApiError;

pub(crate) async fn law_on(
    State(app): State<Shared>,
    query: Result<Query<DateQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(q) = query?;
    let date = parse_date(&q.date)?;
    let rows = Law::new(&app.book, &[]).all_at(date);
    Ok(Json(
        json!({ "date": date.to_string(), "parameters": rows }),
    ))
}

//! `GET /api/law?date=D[&compare=E][&project=true]`: every parameter of the rulebook on a day
//! with its citation (or why it has none), or the parameters that differ between two days —
//! the same values as `saylau law at` and `saylau law diff`.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use serde_json::Value;

use super::{parse_date, strict_query};
use crate::app::Shared;
use crate::error::ApiError;

pub(crate) async fn law_on(
    State(app): State<Shared>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(query) = query?;
    let q = strict_query(&query, &["date", "compare", "project"])?;
    let Some(date) = q.get("date") else {
        return Err(ApiError::bad_request("query `date`: missing (YYYY-MM-DD)"));
    };
    let date = parse_date(date)?;
    let mut law = saylau_core::law::Law::new(&app.book, &[]);
    if project(q.get("project").map(String::as_str))? {
        law = law.projecting();
    }
    let body = match q.get("compare") {
        Some(other) => {
            let other = saylau_core::exact::parse_day(other)
                .map_err(|e| ApiError::bad_request(format!("query `compare`: {e}")))?;
            serde_json::to_value(law.compare(date, other))
        }
        None => serde_json::to_value(law.on(date)),
    };
    body.map(Json)
        .map_err(|e| ApiError::internal(e.to_string()))
}

/// `project=true` asks for the law of the rulebook's last checked day carried forward.
pub(crate) fn project(value: Option<&str>) -> Result<bool, ApiError> {
    match value {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(other) => Err(ApiError::bad_request(format!(
            "query `project`: `{}` is not true or false",
            saylau_core::text::quote(other)
        ))),
    }
}

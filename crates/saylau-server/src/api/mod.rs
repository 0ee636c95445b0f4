//! The JSON API's handlers, one module per resource, and what they share: dates in queries,
//! JSON computed beforehand, the Idempotency-Key header.

use axum::Json;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::ApiError;

pub(crate) mod data;
pub(crate) mod events;
pub(crate) mod journal;
pub(crate) mod law;
pub(crate) mod login;
pub(crate) mod submissions;

pub(crate) async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

#[derive(Deserialize)]
pub(crate) struct DateQuery {
    date: String,
}

fn parse_date(text: &str) -> Result<Date, ApiError> {
    saylau_core::exact::date::parse_day(text)
        .map_err(|e| ApiError::bad_request(format!("query `date`: {e}")))
}

/// A JSON body computed beforehand.
fn json_text(body: impl Into<String>) -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body.into(),
    )
        .into_response()
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    match headers.get("idempotency-key") {
        None => Ok(None),
        Some(v) => {
            let key = v
                .to_str()
                .map_err(|_| ApiError::bad_request("the Idempotency-Key header is not text"))?
                .trim();
            if key.is_empty() || key.len() > 200 {
                return Err(ApiError::bad_request(
                    "the Idempotency-Key header is 1 to 200 characters",
                ));
            }
            Ok(Some(key.to_string()))
        }
    }
}

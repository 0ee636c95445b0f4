//! The JSON API's handlers, one module per resource, and what they share: dates in queries,
//! JSON computed beforehand, the Idempotency-Key header.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::ApiError;

pub(crate) mod ask;
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

/// The query's parameters by name, refusing a parameter not in `allowed` or given twice: a
/// misspelt `thresold=3` is an error, never silently ignored.
pub(crate) fn strict_query(
    pairs: &[(String, String)],
    allowed: &[&str],
) -> Result<std::collections::BTreeMap<String, String>, ApiError> {
    let mut out = std::collections::BTreeMap::new();
    for (key, value) in pairs {
        if !allowed.contains(&key.as_str()) {
            return Err(ApiError::bad_request(format!(
                "query `{}`: not a parameter of this address (it takes {})",
                saylau_core::text::quote(key),
                if allowed.is_empty() {
                    "none".to_string()
                } else {
                    allowed.join(", ")
                }
            )));
        }
        if out.insert(key.clone(), value.clone()).is_some() {
            return Err(ApiError::bad_request(format!("query `{key}`: given twice")));
        }
    }
    Ok(out)
}

/// A what-if from a query, each bad value naming its parameter.
pub(crate) fn what_if(
    q: &std::collections::BTreeMap<String, String>,
) -> Result<saylau_core::elections::results::WhatIf, ApiError> {
    saylau_core::elections::results::WhatIf::parse(
        q.get("threshold").map(String::as_str),
        q.get("method").map(String::as_str),
        q.get("seats").map(String::as_str),
        q.get("law_date").map(String::as_str),
    )
    .map_err(|e| ApiError::bad_request(format!("query {e}")))
}

/// The parameters of a what-if, as queries name them.
pub(crate) const WHAT_IF_QUERY: [&str; 4] = ["threshold", "method", "seats", "law_date"];

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

/// The request's Idempotency-Key, scoped to the account that sends it: two accounts using
/// the same key do not answer for each other's writes. Stored as a JSON pair of the account
/// and the key, so no account name and key can be mistaken for another pair.
fn idempotency_key(headers: &HeaderMap, account: &str) -> Result<Option<String>, ApiError> {
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
            Ok(Some(serde_json::json!([account, key]).to_string()))
        }
    }
}

/// The bytes of a JSON request body, for the readers of `saylau_formats::bodies`, which read
/// JSON strictly. Like axum's `Json`, it wants `Content-Type: application/json` (415
/// otherwise) and a body within the limit (413).
pub(crate) struct JsonBody(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, _state: &S) -> Result<JsonBody, ApiError> {
        JsonBody::read(req).await
    }
}

impl JsonBody {
    /// The request's body, which must be declared JSON, read whole within the body limit.
    pub(crate) async fn read(req: Request) -> Result<JsonBody, ApiError> {
        let json = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(str::trim)
            .is_some_and(|mime| {
                mime.eq_ignore_ascii_case("application/json")
                    || (mime.starts_with("application/") && mime.ends_with("+json"))
            });
        if !json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "the body must be JSON, sent with `Content-Type: application/json`",
            ));
        }
        let bytes = Bytes::from_request(req, &()).await.map_err(|e| {
            let status = e.status();
            let code = if status == StatusCode::PAYLOAD_TOO_LARGE {
                "payload_too_large"
            } else {
                "malformed_body"
            };
            let status = if status.is_client_error() {
                status
            } else {
                StatusCode::BAD_REQUEST
            };
            ApiError::new(status, code, e.body_text())
        })?;
        Ok(JsonBody(bytes))
    }
}

/// A body the format's reader refused: 400 in the envelope, with every problem counted and
/// the first few listed, each `body:line: field `path`: why`.
pub(crate) fn malformed(e: saylau_formats::FormatError) -> ApiError {
    let problems: Vec<String> = e.first.iter().map(ToString::to_string).collect();
    ApiError::new(StatusCode::BAD_REQUEST, "malformed_body", e.to_string())
        .details(json!({ "count": e.count, "problems": problems }))
}

/// What the readers call a request body in their messages.
pub(crate) const BODY: &str = "body";

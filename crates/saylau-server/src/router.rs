//! The routes: every page and endpoint, the fallbacks for an unknown path or method, and the
//! layers every route gets (body limit, time limit, panics answered with the error envelope).

use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tower_http::catch_panic::CatchPanicLayer;

use crate::api::{ask, data, events, journal, law, login, submissions};
use crate::app::Shared;
use crate::error::ApiError;
use crate::{api, openapi, pages};

/// Largest request body: a national member list as JSON fits.
pub const BODY_LIMIT: usize = 256 << 20;
/// Largest login body: a name and a password.
pub const LOGIN_BODY_LIMIT: usize = 16 << 10;
/// Largest event body: one journal entry, its texts capped at 2,000 characters each.
pub const EVENT_BODY_LIMIT: usize = 1 << 20;
/// Longest a request may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// The API's routes, with body limit, timeout and panic handling.
pub fn router(app: Shared) -> Router {
    let routes = Router::new()
        .route("/", get(pages::index))
        .route("/parliament", get(pages::parliament))
        .route("/system", get(pages::system))
        .route("/law", get(pages::law))
        .route("/law/{name}", get(pages::law_param))
        .route("/journal", get(pages::journal_page))
        .route("/parties", get(pages::parties))
        .route(
            "/parties/check-registration",
            post(pages::check_registration),
        )
        .route("/parties/check-ledger", post(pages::check_ledger))
        .route("/parties/{id}", get(pages::party))
        .route("/elections", get(pages::elections))
        .route("/elections/{id}", get(pages::election))
        .route("/elections/{id}/{file}", get(pages::election_download))
        .route("/api/health", get(api::health))
        .route("/api/openapi.json", get(openapi::document))
        .route("/api/law", get(law::law_on))
        .route("/api/state", get(journal::state_on))
        .route("/api/parties", get(data::parties))
        .route("/api/elections", get(data::elections))
        .route("/api/elections/{id}", get(data::election))
        .route("/api/referendums", get(data::referendums))
        .route("/api/referendums/{id}", get(data::referendum))
        .route("/api/journal", get(journal::journal_entries))
        .route("/api/ask/{kind}", post(ask::ask_question))
        .route(
            "/api/login",
            post(login::login).layer(axum::extract::DefaultBodyLimit::max(LOGIN_BODY_LIMIT)),
        )
        .route(
            "/api/events",
            post(events::submit_event)
                .layer(axum::extract::DefaultBodyLimit::max(EVENT_BODY_LIMIT)),
        )
        .route("/api/member-lists", post(submissions::submit_member_list))
        .route("/api/ledgers", post(submissions::submit_ledger))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed);
    with_layers(routes).with_state(app)
}

/// The layers every route gets: body limit, time limit, and panics turned into the envelope.
fn with_layers(routes: Router<Shared>) -> Router<Shared> {
    routes
        // Bodies are limited where they are read (the JSON extractor), so that a body too
        // large is refused in the error envelope like any other malformed body.
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn(time_limit))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(axum::middleware::map_response(security_headers))
}

/// The headers every answer carries: the pages run no script and load nothing from elsewhere
/// (their one style sheet is inline), may not be framed, and send no referrer; no answer is
/// to be sniffed as another type than it says.
pub const SECURITY_HEADERS: [(&str, &str); 4] = [
    (
        "content-security-policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; \
         form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
];

async fn security_headers(mut res: Response) -> Response {
    let headers = res.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(
            axum::http::HeaderName::from_static(name),
            axum::http::HeaderValue::from_static(value),
        );
    }
    res
}

/// Ends a request that takes longer than [`REQUEST_TIMEOUT`] with the error envelope.
async fn time_limit(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    match tokio::time::timeout(REQUEST_TIMEOUT, next.run(req)).await {
        Ok(res) => res,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            "the request took too long and was stopped; a write it carried may or may not be \
             recorded: send it again with the same Idempotency-Key",
        )
        .into_response(),
    }
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this endpoint does not take that method; see /api/openapi.json",
    )
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::internal("the request failed inside the server; nothing was recorded").into_response()
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such endpoint; see /api/openapi.json")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_panic_in_a_handler_is_a_generic_500_and_the_server_goes_on() {
        async fn boom() -> &'static str {
            panic!("secret detail /etc/passwd SELECT * FROM users")
        }
        let routes: Router<()> = Router::new()
            .route("/boom", get(boom))
            .route("/ok", get(|| async { "fine" }));
        let app = routes
            .layer(axum::middleware::from_fn(time_limit))
            .layer(CatchPanicLayer::custom(panic_response));
        let res = app
            .clone()
            .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let bytes = http_body_util::BodyExt::collect(res.into_body())
            .await
            .unwrap()
            .to_bytes();
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("\"code\":\"internal\""), "{text}");
        for secret in ["passwd", "SELECT", "secret", "panicked", ".rs"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        let res = app
            .oneshot(Request::get("/ok").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
    }
}

//! Sessions: `POST /api/login` gives a bearer token, and [`caller`] finds who a write comes
//! from.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use serde_json::{Value, json};

use super::{BODY, JsonBody, malformed};
use crate::app::{App, Shared};
use crate::auth::{self, Caller, Role};
use crate::error::ApiError;

/// How long a login token lasts.
pub const SESSION_SECONDS: i64 = 8 * 3600;

pub(crate) async fn login(
    State(app): State<Shared>,
    JsonBody(body): JsonBody,
) -> Result<Json<Value>, ApiError> {
    let login = saylau_formats::bodies::read_login(BODY, &body).map_err(malformed)?;
    app.limiter.attempt(&login.name)?;
    let user = app.store.user(&login.name).await?;
    let ok = auth::check_password(
        &login.password,
        user.as_ref().map(|u| u.password_hash.as_str()),
    );
    if !ok {
        return Err(ApiError::unauthorized("wrong name or password"));
    }
    app.limiter.succeeded(&login.name);
    let (token, hash) = auth::new_token()?;
    let now = now_unix();
    // Housekeeping with each login: sessions that have run out go.
    app.store.remove_expired_sessions(now).await?;
    let expires = now + SESSION_SECONDS;
    app.store
        .create_session(&hash, &login.name, expires)
        .await?;
    Ok(Json(json!({ "token": token, "expires_at_unix": expires })))
}

fn now_unix() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// The caller of a write: a valid, unexpired bearer token.
pub(crate) async fn caller(app: &App, headers: &HeaderMap) -> Result<Caller, ApiError> {
    let Some(token) = auth::bearer(headers) else {
        return Err(ApiError::unauthorized(
            "writes need `Authorization: Bearer TOKEN` from POST /api/login",
        ));
    };
    let Some(user) = app
        .store
        .session_user(&auth::token_hash(token), now_unix())
        .await?
    else {
        return Err(ApiError::unauthorized(
            "the token is unknown or has expired",
        ));
    };
    let role = Role::from_parts(&user.role, user.party.as_deref())
        .map_err(|e| ApiError::internal(format!("account `{}`: {e}", user.name)))?;
    Ok(Caller {
        name: user.name,
        role,
    })
}

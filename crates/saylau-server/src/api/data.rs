//! The built-in data: `GET /api/parties`, `GET /api/elections` and `GET /api/elections/{id}`,
//! answered with the JSON computed when the service opened.

use axum::extract::{Path, State};
use axum::response::Response;

use super::json_text;
use crate::app::Shared;
use crate::error::ApiError;

pub(crate) async fn parties(State(app): State<Shared>) -> Response {
    json_text(&*app.precomputed.parties)
}

pub(crate) async fn elections(State(app): State<Shared>) -> Response {
    json_text(&*app.precomputed.elections)
}

pub(crate) async fn election(
    State(app): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    match app.precomputed.election.get(&id) {
        Some(body) => Ok(json_text(&**body)),
        None => Err(ApiError::not_found(format!("no election `{id}`"))),
    }
}

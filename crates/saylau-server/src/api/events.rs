//! `POST /api/events`: a journal entry from a caller whose role may record it, handed to the
//! writer, which checks it against the law and the state and records it or refuses it.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use saylau_core::polity::journal::{Entry, Event};

use super::login::caller;
use super::{BODY, JsonBody, idempotency_key, malformed};
use crate::app::{Job, Shared, to_new_event};
use crate::auth::{Caller, Role};
use crate::error::ApiError;

/// Whether `caller` may submit `event`.
fn may_submit(caller: &Caller, event: &Event) -> Result<(), ApiError> {
    let kind = event.kind();
    let refuse = |why: String| Err(ApiError::forbidden(why));
    match &caller.role {
        Role::Admin => Ok(()),
        Role::Observer => refuse("an observer account is read-only".into()),
        Role::Registrar => match event {
            Event::PartyRegistered { .. }
            | Event::PartyOnRegister { .. }
            | Event::PartyRenamed { .. }
            | Event::PartiesMerged { .. }
            | Event::PartyLiquidated { .. } => Ok(()),
            _ => refuse(format!(
                "the registering authority does not record `{kind}` events"
            )),
        },
        Role::PartyOfficial { party } => match event {
            Event::PartyRenamed { party: p, .. } if p == party => Ok(()),
            Event::BlocFormed { parties, .. } if parties.contains(party) => Ok(()),
            Event::PartyRenamed { .. } | Event::BlocFormed { .. } => refuse(format!(
                "a party official of `{party}` acts only for `{party}`"
            )),
            _ => refuse(format!("a party official does not record `{kind}` events")),
        },
    }
}

/// `POST /api/events`: one journal entry, checked and recorded, or refused with reasons.
///
/// The handler hands the entry to the writer task and waits for its answer; see [`writer`](crate::writer()).
pub(crate) async fn submit_event(
    State(app): State<Shared>,
    request: axum::extract::Request,
) -> Result<Response, ApiError> {
    // Who is asking is known before a byte of the body is read: a caller who may not write
    // costs the service nothing however large the body.
    let (parts, body) = request.into_parts();
    let caller = caller(&app, &parts.headers).await?;
    let key = idempotency_key(&parts.headers, &caller.name)?;
    let JsonBody(body) = JsonBody::read(axum::extract::Request::from_parts(parts, body)).await?;
    let days = saylau_formats::LawDays::of(&app.book);
    let entry: Entry = saylau_formats::bodies::read_event(BODY, &body, &days).map_err(malformed)?;
    may_submit(&caller, &entry.event)?;
    let new = to_new_event(&entry, Some(&caller.name)).map_err(ApiError::internal)?;
    let (reply, answer) = tokio::sync::oneshot::channel();
    let job = Job {
        entry,
        new,
        key,
        reply,
    };
    let gone = || ApiError::unavailable("the journal writer is not running; nothing was recorded");
    app.jobs.send(job).await.map_err(|_| gone())?;
    let (status, body) = answer.await.map_err(|_| gone())??;
    Ok((status, Json(body)).into_response())
}

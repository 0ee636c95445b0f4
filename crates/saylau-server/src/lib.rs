//! `saylau serve`: the JSON API over the journal store and the engines.
//!
//! Reads are public: the law on a date, the state on a date, parties, elections with their
//! explanations, the journal. Writes need a bearer token from `POST /api/login` and a role
//! that may make them: events are checked against the law and the state exactly as
//! `saylau journal` checks them, and refused with the reasons (422) or recorded; member lists
//! and ledgers run the registration and finance engines and are recorded with their result.
//!
//! Nothing is acknowledged that is not stored: a write answers 201 only after the store's
//! transaction committed; any store error answers 503 and the in-memory copy of the journal is
//! reloaded from the store before the next write. Writes go one at a time (a mutex around
//! validate-and-append), so two events never validate against the same old state.
//!
//! The files follow the design: `app` holds the service's state and loads it from the store;
//! `writer` is the one task that appends journal events; `api/` has the JSON handlers, one
//! module per resource; `pages/` the server-rendered pages and `render/` their drawings;
//! `router` puts the routes and their layers together; `auth`, `error` and `openapi` are the
//! accounts, the error envelope and the API's description.

pub mod auth;
pub mod error;
pub mod openapi;
pub mod pages;
pub mod render;

mod api;
mod app;
mod elections;
mod router;
mod writer;

use std::sync::Arc;

use saylau_core::law::{Law, Rulebook};
use saylau_core::polity::journal;
use saylau_store::Store;

use crate::auth::Role;

pub use crate::api::login::SESSION_SECONDS;
pub use crate::app::{
    App, Job, Journal, Judged, LEDGER_KIND, MEMBER_LIST_KIND, Precomputed, Shared, Snapshot,
    Snapshots,
};
pub use crate::router::{
    BODY_LIMIT, EVENT_BODY_LIMIT, LOGIN_BODY_LIMIT, REQUEST_TIMEOUT, SECURITY_HEADERS, router,
};
pub use crate::writer::writer;

// `App::open` lives here, not in `app`, because it joins the state to the writer task, and
// `writer` already uses `app`: defined there, the two would import each other.
impl App {
    /// Opens the service's state under the built-in rulebook; see [`App::open_with`].
    pub async fn open(url: &str) -> Result<Shared, String> {
        let book = saylau_core::builtin::rulebook().map_err(|e| e.to_string())?;
        App::open_with(url, book).await
    }

    /// Opens the store (loading the built-in history into an empty one), reads the journal
    /// under `book`, and starts the writer task (so it needs a tokio runtime).
    pub async fn open_with(url: &str, book: Rulebook) -> Result<Shared, String> {
        App::start(url, book, None).await
    }

    /// As [`App::open_with`], loading `history` instead of the built-in history into an empty
    /// store (a store that holds events keeps them).
    pub async fn open_from(
        url: &str,
        book: Rulebook,
        history: Vec<saylau_core::polity::journal::Entry>,
    ) -> Result<Shared, String> {
        App::start(url, book, Some(history)).await
    }

    async fn start(
        url: &str,
        book: Rulebook,
        history: Option<Vec<saylau_core::polity::journal::Entry>>,
    ) -> Result<Shared, String> {
        let (send, receive) = tokio::sync::mpsc::channel(4 * writer::GROUP_COMMIT);
        let app = Arc::new(App::load(url, book, history, send).await?);
        tokio::spawn(writer(app.clone(), receive));
        Ok(app)
    }
}

/// Serves the API and the pages on `addr` under `book` until Ctrl-C or SIGTERM.
pub async fn serve(url: &str, addr: &str, book: Rulebook) -> Result<(), String> {
    let app = App::open_with(url, book).await?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener
        .local_addr()
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    eprintln!("saylau: serving http://{local}/api (store: {url})");
    axum::serve(listener, router(app))
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| e.to_string())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// Adds an account (for `saylau user add`).
pub async fn add_user(
    url: &str,
    name: &str,
    role: &str,
    party: Option<&str>,
    password: &str,
) -> Result<(), String> {
    Role::from_parts(role, party)?;
    if name.trim().is_empty() {
        return Err("the account needs a name".into());
    }
    if password.chars().count() < 8 {
        return Err("the password needs at least 8 characters".into());
    }
    let store = Store::open(url).await.map_err(|e| e.to_string())?;
    if let Some(party) = party {
        on_the_register(&store, party.trim()).await?;
    }
    let hash = auth::hash_password(password)?;
    store
        .add_user(name.trim(), role, party, &hash)
        .await
        .map_err(|e| e.to_string())
}

/// Refuses an account for a party that is not on the register the journal folds to, as the
/// service folds it when it opens the store: a party official acts for a party that exists.
async fn on_the_register(store: &Store, party: &str) -> Result<(), String> {
    let book = saylau_core::builtin::rulebook().map_err(|e| e.to_string())?;
    let data = saylau_core::builtin::data().map_err(|e| e.to_string())?;
    let entries = app::journal_on_open(store).await?;
    let history = journal::replay(Law::new(&book, &[]), &data, &entries);
    let register = history
        .entries
        .last()
        .map(|(_, _, state)| state.parties.clone())
        .unwrap_or_default();
    match register.get(party) {
        Some(p) => match p.ceased() {
            None => Ok(()),
            Some(ceased) => Err(format!(
                "party `{party}` {ceased}: an account acts only for a party on the register"
            )),
        },
        None => Err(match register.named(party) {
            Some(p) => format!(
                "`{party}` is not a party id on the journal's register: the party of that name is `{}`",
                p.id
            ),
            None => format!("no party `{party}` on the journal's register"),
        }),
    }
}

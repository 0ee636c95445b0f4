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

pub mod auth;
pub mod error;
pub mod openapi;
pub mod pages;
pub mod render;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use jiff::civil::Date;
use saylau_core::data::Dataset;
use saylau_core::elections::mazhilis::{self, ListVotes};
use saylau_core::law::{Law, Rulebook};
use saylau_core::parties::finance::{self, Donation};
use saylau_core::parties::iin::Iin;
use saylau_core::parties::registration::{self, Application, Person, Rules, Signature, Tally};
use saylau_core::polity::journal::{self, Entry, Event};
use saylau_store::{Appended, NewEvent, Store};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::sync::Mutex;
use tower_http::catch_panic::CatchPanicLayer;

use crate::auth::{Caller, LoginLimiter, Role};
use crate::error::ApiError;

/// The kind the store gives submissions that are not polity events.
pub const MEMBER_LIST_KIND: &str = "member_list_submitted";
pub const LEDGER_KIND: &str = "ledger_submitted";

/// Largest request body: a national member list as JSON fits.
pub const BODY_LIMIT: usize = 256 << 20;
/// Longest a request may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);
/// How long a login token lasts.
pub const SESSION_SECONDS: i64 = 8 * 3600;

/// What the handlers share.
pub struct App {
    pub store: Store,
    pub book: Rulebook,
    pub data: Dataset,
    /// The polity events of the journal, in order (the store's, parsed), and the state after
    /// the last. Guarded by the writer lock; reloaded from the store after a failed write.
    pub entries: Mutex<Journal>,
    /// What the public reads serve; replaced entry by entry as writes are recorded.
    pub snapshots: std::sync::RwLock<Snapshots>,
    pub precomputed: Precomputed,
    pub limiter: LoginLimiter,
    /// Where `POST /api/events` hands events to the [`writer`].
    pub jobs: tokio::sync::mpsc::Sender<Job>,
}

/// The service's state, shared by the handlers and the writer.
pub type Shared = Arc<App>;

/// The state after one journal entry, kept when the entry is recorded and serialized the
/// first time it is asked for, so that `GET /api/state` answers from memory without folding
/// anything, and a write does not pay for serializing a state nobody reads.
pub struct Snapshot {
    pub date: saylau_core::exact::date::FuzzyDate,
    pub entry: Arc<Entry>,
    /// What the law said of the entry when it was applied.
    pub verdict: Arc<journal::Verdict>,
    pub entry_json: Arc<str>,
    pub state: Arc<journal::State>,
    state_json: std::sync::OnceLock<Arc<str>>,
}

impl Snapshot {
    fn state_json(&self) -> Arc<str> {
        self.state_json
            .get_or_init(|| {
                serde_json::to_string(&*self.state)
                    .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
                    .into()
            })
            .clone()
    }
}

/// Every entry's snapshot, in journal order, and the empty state before the first.
pub struct Snapshots {
    pub before_first: Arc<str>,
    pub after: Vec<Snapshot>,
}

impl Snapshots {
    fn build(history: &journal::History) -> Result<Snapshots, String> {
        let mut after = Vec::with_capacity(history.entries.len());
        for (entry, verdict, state) in &history.entries {
            after.push(snapshot(entry, verdict.clone(), Arc::new(state.clone()))?);
        }
        Ok(Snapshots {
            before_first: serde_json::to_string(&journal::State::default())
                .map_err(|e| e.to_string())?
                .into(),
            after,
        })
    }

    /// The state after every entry certainly on or before `date`.
    pub fn state_at(&self, date: Date) -> Arc<journal::State> {
        self.after
            .iter()
            .take_while(|snap| snap.date.earliest <= date)
            .filter(|snap| snap.date.latest <= date)
            .last()
            .map_or_else(
                || Arc::new(journal::State::default()),
                |snap| snap.state.clone(),
            )
    }

    /// The response to `GET /api/state?date=D`: the state after every entry certainly on or
    /// before D, and the entries whose month or year spans D.
    fn on(&self, date: Date) -> String {
        let mut last: Option<&Snapshot> = None;
        let mut uncertain: Vec<&str> = Vec::new();
        for snap in &self.after {
            if snap.date.latest <= date {
                last = Some(snap);
            } else if snap.date.earliest <= date {
                uncertain.push(&snap.entry_json);
            } else {
                break;
            }
        }
        let state = last.map_or_else(|| self.before_first.clone(), Snapshot::state_json);
        format!(
            "{{\"date\":\"{date}\",\"state\":{state},\"uncertain\":[{}]}}",
            uncertain.join(",")
        )
    }
}

fn snapshot(
    entry: &Entry,
    verdict: journal::Verdict,
    state: Arc<journal::State>,
) -> Result<Snapshot, String> {
    Ok(Snapshot {
        date: entry.date,
        entry: Arc::new(entry.clone()),
        verdict: Arc::new(verdict),
        entry_json: serde_json::to_string(entry)
            .map_err(|e| e.to_string())?
            .into(),
        state,
        state_json: std::sync::OnceLock::new(),
    })
}

/// JSON computed once at start: the built-in data does not change while serving.
pub struct Precomputed {
    pub parties: Arc<str>,
    pub elections: Arc<str>,
    pub election: std::collections::HashMap<String, Arc<str>>,
}

/// The journal in memory: its entries and the state they fold to.
#[derive(Clone)]
pub struct Journal {
    pub entries: Vec<Entry>,
    pub state: Arc<journal::State>,
}

impl Journal {
    fn load(
        entries: Vec<Entry>,
        book: &Rulebook,
        data: &Dataset,
    ) -> Result<(Journal, Snapshots), String> {
        let history = journal::replay(Law::new(book, &[]), data, &entries);
        let snapshots = Snapshots::build(&history)?;
        let state = history
            .entries
            .last()
            .map(|(_, _, s)| s.clone())
            .unwrap_or_default();
        Ok((
            Journal {
                entries,
                state: Arc::new(state),
            },
            snapshots,
        ))
    }
}

fn precompute(book: &Rulebook, data: &Dataset) -> Result<Precomputed, String> {
    let mut election = std::collections::HashMap::new();
    for e in &data.elections {
        election.insert(e.id.clone(), election_json(book, data, e)?.into());
    }
    Ok(Precomputed {
        parties: to_json(&data.parties)?.into(),
        elections: to_json(&data.elections)?.into(),
        election,
    })
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| e.to_string())
}

/// One election, and for a Mazhilis election the seats under the law of its day with every
/// step of the explanation.
fn election_json(
    book: &Rulebook,
    data: &Dataset,
    e: &saylau_core::data::Election,
) -> Result<String, String> {
    let mut out = json!({ "election": e });
    if let (saylau_core::data::Body::Mazhilis, Ok(votes)) = (e.body, data.votes(&e.id))
        && e.date.earliest == e.date.latest
    {
        let lists: Vec<ListVotes> = votes
            .rows
            .iter()
            .zip(1u32..)
            .map(|((party, v), registration)| ListVotes {
                party: party.clone(),
                votes: *v,
                registration,
            })
            .collect();
        match mazhilis::mazhilis(Law::new(book, &[]).at(e.date.earliest), &lists, None) {
            Ok(result) => out["result"] = json!(result),
            Err(err) => out["result_error"] = json!(err.to_string()),
        }
    }
    serde_json::to_string(&out).map_err(|e| e.to_string())
}

/// A journal entry and what the law said of it.
pub type Judged = (Arc<Entry>, Arc<journal::Verdict>);

impl App {
    /// `f` over every entry of the journal with its verdict and the state after it, in order.
    pub fn with_journal<R>(&self, f: impl FnOnce(&[Snapshot]) -> R) -> Result<R, ApiError> {
        match self.snapshots.read() {
            Ok(s) => Ok(f(&s.after)),
            Err(_) => Err(ApiError::internal("the snapshots lock is poisoned")),
        }
    }

    /// Every entry of the journal with its verdict, in order, read from the snapshots.
    pub fn verdicts(&self) -> Result<Vec<Judged>, ApiError> {
        match self.snapshots.read() {
            Ok(s) => Ok(s
                .after
                .iter()
                .map(|snap| (snap.entry.clone(), snap.verdict.clone()))
                .collect()),
            Err(_) => Err(ApiError::internal("the snapshots lock is poisoned")),
        }
    }

    /// The state on `date`, read from the snapshots rather than replayed.
    pub fn state_on(&self, date: Date) -> Result<Arc<journal::State>, ApiError> {
        match self.snapshots.read() {
            Ok(s) => Ok(s.state_at(date)),
            Err(_) => Err(ApiError::internal("the snapshots lock is poisoned")),
        }
    }

    /// Opens the store, loads the built-in history into an empty one, and reads the journal.
    /// Opens the service's state and starts its writer task (so it needs a tokio runtime).
    pub async fn open(url: &str) -> Result<Shared, String> {
        let store = Store::open(url).await.map_err(|e| e.to_string())?;
        let book = saylau_core::builtin::rulebook().map_err(|e| e.to_string())?;
        let data = saylau_core::builtin::data().map_err(|e| e.to_string())?;
        if store.is_empty().await.map_err(|e| e.to_string())? {
            let history = saylau_core::builtin::journal().map_err(|e| e.to_string())?;
            let events: Vec<NewEvent> = history
                .iter()
                .map(|e| to_new_event(e, Some("builtin")))
                .collect::<Result<_, _>>()?;
            store
                .append(&events, Some("builtin-history"))
                .await
                .map_err(|e| e.to_string())?;
        }
        let entries = load_entries(&store).await.map_err(|e| e.message)?;
        let (journal, snapshots) = Journal::load(entries, &book, &data)?;
        let precomputed = precompute(&book, &data)?;
        let (send, receive) = tokio::sync::mpsc::channel(4 * GROUP_COMMIT);
        let app = Arc::new(App {
            store,
            book,
            data,
            entries: Mutex::new(journal),
            snapshots: std::sync::RwLock::new(snapshots),
            precomputed,
            limiter: LoginLimiter::new(auth::MAX_FAILURES, auth::WINDOW),
            jobs: send,
        });
        tokio::spawn(writer(app.clone(), receive));
        Ok(app)
    }
}

fn to_new_event(entry: &Entry, actor: Option<&str>) -> Result<NewEvent, String> {
    Ok(NewEvent {
        kind: entry.event.kind().to_string(),
        date: entry.date.to_string(),
        payload: serde_json::to_value(entry).map_err(|e| e.to_string())?,
        actor: actor.map(str::to_string),
    })
}

/// The polity events in the store, parsed (submissions are skipped).
async fn load_entries(store: &Store) -> Result<Vec<Entry>, ApiError> {
    let events = store.all().await?;
    let mut out = Vec::new();
    for e in events {
        if e.kind == MEMBER_LIST_KIND || e.kind == LEDGER_KIND {
            continue;
        }
        let entry: Entry = serde_json::from_value(e.payload).map_err(|err| {
            ApiError::internal(format!("journal entry {} cannot be read: {err}", e.seq))
        })?;
        out.push(entry);
    }
    Ok(out)
}

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
        .route("/api/health", get(health))
        .route("/api/openapi.json", get(openapi::document))
        .route("/api/law", get(law_on))
        .route("/api/state", get(state_on))
        .route("/api/parties", get(parties))
        .route("/api/elections", get(elections))
        .route("/api/elections/{id}", get(election))
        .route("/api/journal", get(journal_entries))
        .route("/api/login", post(login))
        .route("/api/events", post(submit_event))
        .route("/api/member-lists", post(submit_member_list))
        .route("/api/ledgers", post(submit_ledger))
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

async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

#[derive(Deserialize)]
struct DateQuery {
    date: String,
}

fn parse_date(text: &str) -> Result<Date, ApiError> {
    saylau_core::exact::date::parse_day(text)
        .map_err(|e| ApiError::bad_request(format!("query `date`: {e}")))
}

async fn law_on(
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

/// A JSON body computed beforehand.
fn json_text(body: impl Into<String>) -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body.into(),
    )
        .into_response()
}

async fn state_on(
    State(app): State<Shared>,
    query: Result<Query<DateQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = query?;
    let date = parse_date(&q.date)?;
    let body = match app.snapshots.read() {
        Ok(s) => s.on(date),
        Err(_) => return Err(ApiError::internal("the snapshots lock is poisoned")),
    };
    Ok(json_text(body))
}

async fn parties(State(app): State<Shared>) -> Response {
    json_text(&*app.precomputed.parties)
}

async fn elections(State(app): State<Shared>) -> Response {
    json_text(&*app.precomputed.elections)
}

async fn election(State(app): State<Shared>, Path(id): Path<String>) -> Result<Response, ApiError> {
    match app.precomputed.election.get(&id) {
        Some(body) => Ok(json_text(&**body)),
        None => Err(ApiError::not_found(format!("no election `{id}`"))),
    }
}

#[derive(Deserialize)]
struct JournalQuery {
    #[serde(default)]
    after: i64,
    #[serde(default = "default_limit")]
    limit: i64,
}

fn default_limit() -> i64 {
    100
}

async fn journal_entries(
    State(app): State<Shared>,
    query: Result<Query<JournalQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(q) = query?;
    if !(1..=1000).contains(&q.limit) || q.after < 0 {
        return Err(ApiError::bad_request(
            "`limit` is 1 to 1000 and `after` is not negative",
        ));
    }
    let events = app.store.events(q.after, q.limit).await?;
    Ok(Json(json!({ "events": events })))
}

#[derive(Deserialize)]
struct Login {
    name: String,
    password: String,
}

async fn login(
    State(app): State<Shared>,
    body: Result<Json<Login>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let Json(login) = body?;
    app.limiter.check(&login.name)?;
    let user = app.store.user(&login.name).await?;
    let ok = user
        .as_ref()
        .is_some_and(|u| auth::verify_password(&login.password, &u.password_hash));
    if !ok {
        app.limiter.failed(&login.name);
        return Err(ApiError::unauthorized("wrong name or password"));
    }
    app.limiter.succeeded(&login.name);
    let (token, hash) = auth::new_token()?;
    let expires = now_unix() + SESSION_SECONDS;
    app.store
        .create_session(&hash, &login.name, expires)
        .await?;
    Ok(Json(json!({ "token": token, "expires_at_unix": expires })))
}

fn now_unix() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// The caller of a write: a valid, unexpired bearer token.
async fn caller(app: &App, headers: &HeaderMap) -> Result<Caller, ApiError> {
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
/// The handler hands the entry to the writer task and waits for its answer; see [`writer`].
async fn submit_event(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: Result<Json<Entry>, JsonRejection>,
) -> Result<Response, ApiError> {
    let caller = caller(&app, &headers).await?;
    let key = idempotency_key(&headers)?;
    let Json(entry) = body?;
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

/// An event waiting for the writer, and where to send its answer.
pub struct Job {
    entry: Entry,
    new: NewEvent,
    key: Option<String>,
    reply: tokio::sync::oneshot::Sender<Result<(StatusCode, Value), ApiError>>,
}

/// Most events committed together.
const GROUP_COMMIT: usize = 128;

/// The writer: takes the events waiting, checks each in order against the state the ones
/// before it leave, and records all the accepted ones in one transaction (one commit, one
/// fsync: "group commit"). Each is answered only after that commit: 201 with its seq, or, if
/// the commit fails, 503 for all of them with nothing acknowledged and the in-memory journal
/// reloaded from the store.
pub async fn writer(app: Shared, mut jobs: tokio::sync::mpsc::Receiver<Job>) {
    while let Some(first) = jobs.recv().await {
        let mut batch = vec![first];
        while batch.len() < GROUP_COMMIT {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let mut journal = app.entries.lock().await;
        let mut state = journal.state.clone();
        let mut last_date = journal.entries.last().map(|e| e.date);
        let mut keys: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut accepted: Vec<(Job, Arc<journal::State>, journal::Verdict)> = Vec::new();
        for job in batch {
            let answer = |job: Job, result: Result<(StatusCode, Value), ApiError>| {
                let _ = job.reply.send(result);
            };
            if let Some(key) = &job.key {
                // A retried submission already recorded: answer as before without checking
                // again.
                match app
                    .store
                    .idempotent(key, std::slice::from_ref(&job.new))
                    .await
                {
                    Ok(Some(seqs)) => {
                        answer(
                            job,
                            Ok((StatusCode::OK, json!({ "seqs": seqs, "replayed": true }))),
                        );
                        continue;
                    }
                    Ok(None) => {}
                    Err(e) => {
                        answer(job, Err(e.into()));
                        continue;
                    }
                }
                if !keys.insert(key.clone()) {
                    let message = format!(
                        "another request with the Idempotency-Key `{key}` is being recorded; \
                         send this one again"
                    );
                    answer(
                        job,
                        Err(ApiError::new(
                            StatusCode::CONFLICT,
                            "idempotency_in_flight",
                            message,
                        )),
                    );
                    continue;
                }
            }
            if let Some(last) = last_date
                && job.entry.date.latest < last.earliest
            {
                let message = format!(
                    "the journal's last entry is dated {last}; an entry dated {} comes before it",
                    job.entry.date
                );
                answer(
                    job,
                    Err(ApiError::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "out_of_order",
                        message,
                    )),
                );
                continue;
            }
            match journal::apply(Law::new(&app.book, &[]), &app.data, &state, &job.entry) {
                Ok((next, verdict)) => {
                    state = Arc::new(next);
                    last_date = Some(job.entry.date);
                    accepted.push((job, state.clone(), verdict));
                }
                Err(reasons) => answer(
                    job,
                    Err(ApiError::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "refused",
                        "the law or the state refuses this event; nothing was recorded",
                    )
                    .details(json!({ "reasons": reasons }))),
                ),
            }
        }
        if accepted.is_empty() {
            continue;
        }
        let batches: Vec<(Vec<NewEvent>, Option<String>)> = accepted
            .iter()
            .map(|(job, _, _)| (vec![job.new.clone()], job.key.clone()))
            .collect();
        match app.store.append_batches(&batches).await {
            Ok(results) => {
                for ((job, state, verdict), result) in accepted.into_iter().zip(results) {
                    let seqs = match result {
                        Appended::Recorded(seqs) | Appended::AlreadyRecorded(seqs) => seqs,
                    };
                    let verdict_json = serde_json::to_value(&verdict).unwrap_or(Value::Null);
                    if let Ok(snap) = snapshot(&job.entry, verdict, state.clone())
                        && let Ok(mut s) = app.snapshots.write()
                    {
                        s.after.push(snap);
                    }
                    journal.entries.push(job.entry);
                    journal.state = state;
                    let _ = job.reply.send(Ok((
                        StatusCode::CREATED,
                        json!({ "seqs": seqs, "verdict": verdict_json }),
                    )));
                }
            }
            Err(e) => {
                // Whatever happened, the in-memory journal must match the store again.
                if let Ok(fresh) = load_entries(&app.store).await
                    && let Ok((reloaded, snapshots)) = Journal::load(fresh, &app.book, &app.data)
                {
                    *journal = reloaded;
                    if let Ok(mut s) = app.snapshots.write() {
                        *s = snapshots;
                    }
                }
                eprintln!("saylau: store error: {e}");
                for (job, _, _) in accepted {
                    let _ = job.reply.send(Err(ApiError::unavailable(
                        "the journal store could not complete the request; nothing was recorded",
                    )));
                }
            }
        }
    }
}

fn may_submit_for(caller: &Caller, party: &str, what: &str) -> Result<(), ApiError> {
    match &caller.role {
        Role::Admin | Role::Registrar => Ok(()),
        Role::PartyOfficial { party: own } if own == party => Ok(()),
        Role::PartyOfficial { party: own } => Err(ApiError::forbidden(format!(
            "a party official of `{own}` submits {what} only for `{own}`, not `{party}`"
        ))),
        Role::Observer => Err(ApiError::forbidden("an observer account is read-only")),
    }
}

/// Records a submission (one event, whole or not at all) under an idempotency key.
async fn record_submission(
    app: &App,
    kind: &str,
    date: Date,
    payload: Value,
    caller: &Caller,
    key: Option<&str>,
) -> Result<(StatusCode, Vec<i64>), ApiError> {
    let new = NewEvent {
        kind: kind.to_string(),
        date: date.to_string(),
        payload,
        actor: Some(caller.name.clone()),
    };
    let _writer = app.entries.lock().await;
    Ok(match app.store.append(&[new], key).await? {
        Appended::Recorded(seqs) => (StatusCode::CREATED, seqs),
        Appended::AlreadyRecorded(seqs) => (StatusCode::OK, seqs),
    })
}

#[derive(Deserialize)]
struct MemberRow {
    iin: String,
    signed_on: Date,
}

#[derive(Deserialize)]
struct RegisterRow {
    iin: String,
    birth_date: Date,
    unit: String,
    citizen: bool,
    deceased: bool,
    #[serde(default)]
    occupation: String,
}

#[derive(Deserialize)]
struct MemberList {
    party: String,
    date: Date,
    committee_registered: Date,
    founders: u64,
    members: Vec<MemberRow>,
    /// The register's entries for the people on the list (an extract of the citizen register).
    register: Vec<RegisterRow>,
    #[serde(default)]
    other_party_members: Vec<String>,
}

/// `POST /api/member-lists`: a party's member list verified and recorded with the decision.
async fn submit_member_list(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: Result<Json<MemberList>, JsonRejection>,
) -> Result<Response, ApiError> {
    let caller = caller(&app, &headers).await?;
    let key = idempotency_key(&headers)?;
    let Json(list) = body?;
    may_submit_for(&caller, &list.party, "member lists")?;
    let application = Application {
        filed: list.date,
        committee_registered: list.committee_registered,
        founders: list.founders,
    };
    let rules = Rules::new(Law::new(&app.book, &[]), list.date, &application)
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "law", e.to_string()))?;
    let mut register = std::collections::HashMap::new();
    for (i, r) in list.register.iter().enumerate() {
        let iin = Iin::parse(&r.iin)
            .map_err(|e| ApiError::bad_request(format!("register[{i}].iin: `{}`: {e}", r.iin)))?;
        let unit = registration::unit_index(&r.unit).ok_or_else(|| {
            ApiError::bad_request(format!("register[{i}].unit: `{}` is not a unit id", r.unit))
        })?;
        register.insert(
            iin.to_u64(),
            Person {
                birth_date: r.birth_date,
                unit,
                citizen: r.citizen,
                deceased: r.deceased,
                occupation: registration::occupation_index(r.occupation.trim()),
            },
        );
    }
    let others: std::collections::HashSet<u64> = list
        .other_party_members
        .iter()
        .filter_map(|s| Iin::parse(s).ok().map(|i| i.to_u64()))
        .collect();
    let mut tally = Tally::new();
    for m in &list.members {
        let iin = Iin::parse(&m.iin);
        let key = iin.as_ref().ok().map(Iin::to_u64);
        let row = Signature {
            person: key.and_then(|k| register.get(&k).copied()),
            other_party: key.is_some_and(|k| others.contains(&k)),
            iin,
            signed_on: m.signed_on,
        };
        let _ = tally.add(&rules, &row);
    }
    let outcome = rules
        .decide(&tally)
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "register", e.to_string()))?;
    let result = serde_json::to_value(&outcome).map_err(|e| ApiError::internal(e.to_string()))?;
    let payload = json!({
        "party": list.party,
        "members": list.members.len(),
        "result": result,
    });
    let (status, seqs) = record_submission(
        &app,
        MEMBER_LIST_KIND,
        list.date,
        payload,
        &caller,
        key.as_deref(),
    )
    .await?;
    Ok((status, Json(json!({ "seqs": seqs, "result": result }))).into_response())
}

#[derive(Deserialize)]
struct Ledger {
    party: String,
    donations: Vec<Donation>,
}

/// `POST /api/ledgers`: a party's donations checked and recorded with the verdicts.
async fn submit_ledger(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: Result<Json<Ledger>, JsonRejection>,
) -> Result<Response, ApiError> {
    let caller = caller(&app, &headers).await?;
    let key = idempotency_key(&headers)?;
    let Json(ledger) = body?;
    may_submit_for(&caller, &ledger.party, "ledgers")?;
    if let Some(d) = ledger.donations.iter().find(|d| d.party != ledger.party) {
        return Err(ApiError::bad_request(format!(
            "donation `{}` is for `{}`, not `{}`",
            d.id, d.party, ledger.party
        )));
    }
    let Some(last) = ledger.donations.iter().map(|d| d.date).max() else {
        return Err(ApiError::bad_request("the ledger has no donations"));
    };
    let result = finance::check_ledger(Law::new(&app.book, &[]), &ledger.donations)
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "law", e.to_string()))?;
    let result = serde_json::to_value(&result).map_err(|e| ApiError::internal(e.to_string()))?;
    let payload = json!({ "party": ledger.party, "donations": ledger.donations, "result": result });
    let (status, seqs) =
        record_submission(&app, LEDGER_KIND, last, payload, &caller, key.as_deref()).await?;
    Ok((status, Json(json!({ "seqs": seqs, "result": result }))).into_response())
}

/// Serves the API on `addr` until Ctrl-C or SIGTERM.
pub async fn serve(url: &str, addr: &str) -> Result<(), String> {
    let app = App::open(url).await?;
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
    let hash = auth::hash_password(password)?;
    store
        .add_user(name.trim(), role, party, &hash)
        .await
        .map_err(|e| e.to_string())
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

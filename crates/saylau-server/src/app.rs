//! The service's state: the store, the rulebook and data, the journal in memory with a
//! snapshot of the state after each entry, the JSON computed at start, and the queue of events
//! waiting for the writer; loaded from the store when the service opens.

use std::sync::Arc;

use axum::http::StatusCode;
use jiff::civil::Date;
use saylau_core::data::Dataset;
use saylau_core::elections::results::{self, WhatIf};
use saylau_core::law::{Law, Rulebook};
use saylau_core::polity::journal::{self, Entry};
use saylau_store::{NewEvent, Store};
use serde_json::{Value, json};
use tokio::sync::Mutex;

use crate::auth::{self, LoginLimiter};
use crate::error::ApiError;

/// The kind the store gives submissions that are not polity events.
pub const MEMBER_LIST_KIND: &str = "member_list_submitted";
pub const LEDGER_KIND: &str = "ledger_submitted";

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
    /// Where `POST /api/events` hands events to the [`writer`](crate::writer()).
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
    /// The rulebook's horizon, for the state's notices.
    pub checked_through: Date,
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
            checked_through: history.checked_through,
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
    /// before D, the entries whose month or year spans D, and the core's notices of what that
    /// state does not say by itself on D (a term run out, an election overdue, a day past the
    /// journal or the rulebook's horizon).
    pub(crate) fn on(&self, date: Date) -> String {
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
        let notices = journal::notices(
            last.map_or(&journal::State::default(), |snap| &snap.state),
            date,
            self.after.last().map(|snap| snap.date),
            self.checked_through,
        );
        let notices = serde_json::to_string(&notices).unwrap_or_else(|_| "[]".into());
        let state = last.map_or_else(|| self.before_first.clone(), Snapshot::state_json);
        format!(
            "{{\"date\":\"{date}\",\"state\":{state},\"uncertain\":[{}],\"notices\":{notices}}}",
            uncertain.join(",")
        )
    }
}

pub(crate) fn snapshot(
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
    pub(crate) fn load(
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
        election.insert(e.id.clone(), election_json(book, e)?.into());
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

/// One election and its result under the law of its day, as `GET /api/elections/{id}` gives
/// it without a what-if.
fn election_json(book: &Rulebook, e: &saylau_core::data::Election) -> Result<String, String> {
    let result = results::compute(Law::new(book, &[]), e, &WhatIf::default())
        .map_err(|err| err.to_string())?;
    serde_json::to_string(&json!({ "election": e, "result": result })).map_err(|e| e.to_string())
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

    /// Opens the store, loads `history` (the built-in history when `None`) into an empty one,
    /// reads the journal under
    /// `book` (the built-in rulebook, or the one `--law DIR` names) and computes what the reads
    /// serve. `jobs` is where `POST /api/events` will hand events to
    /// the writer, which [`App::open`] starts.
    pub(crate) async fn load(
        url: &str,
        book: Rulebook,
        history: Option<Vec<Entry>>,
        jobs: tokio::sync::mpsc::Sender<Job>,
    ) -> Result<App, String> {
        let store = Store::open(url).await.map_err(|e| e.to_string())?;
        let data = saylau_core::builtin::data().map_err(|e| e.to_string())?;
        if store.is_empty().await.map_err(|e| e.to_string())? {
            let history = match history {
                Some(h) => h,
                None => saylau_core::builtin::journal().map_err(|e| e.to_string())?,
            };
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
        Ok(App {
            store,
            book,
            data,
            entries: Mutex::new(journal),
            snapshots: std::sync::RwLock::new(snapshots),
            precomputed,
            limiter: LoginLimiter::new(auth::MAX_FAILURES, auth::WINDOW),
            jobs,
        })
    }
}

/// An event waiting for the writer, and where to send its answer.
pub struct Job {
    pub(crate) entry: Entry,
    pub(crate) new: NewEvent,
    pub(crate) key: Option<String>,
    pub(crate) reply: tokio::sync::oneshot::Sender<Result<(StatusCode, Value), ApiError>>,
}

pub(crate) fn to_new_event(entry: &Entry, actor: Option<&str>) -> Result<NewEvent, String> {
    Ok(NewEvent {
        kind: entry.event.kind().to_string(),
        date: entry.date.to_string(),
        payload: serde_json::to_value(entry).map_err(|e| e.to_string())?,
        actor: actor.map(str::to_string),
    })
}

/// The journal the service folds when it opens `store`: the store's events, or for an empty
/// store the built-in history, which [`App::load`] writes into it first. Reads only.
pub(crate) async fn journal_on_open(store: &Store) -> Result<Vec<Entry>, String> {
    if store.is_empty().await.map_err(|e| e.to_string())? {
        return saylau_core::builtin::journal().map_err(|e| e.to_string());
    }
    load_entries(store).await.map_err(|e| e.message)
}

/// The polity events in the store, parsed (submissions are skipped).
pub(crate) async fn load_entries(store: &Store) -> Result<Vec<Entry>, ApiError> {
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

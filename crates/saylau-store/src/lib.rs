//! The journal store: append-only, hash-chained events in SQLite (a file, by default) or
//! PostgreSQL (`postgres://…`), with the same schema and the same tests against both. An event
//! is an opaque envelope here (kind, date, JSON payload, actor); what it means is the core's.
//!
//! Invariants:
//! - **Append-only.** The journal table refuses UPDATE and DELETE (triggers in both
//!   databases, and TRUNCATE in PostgreSQL); a correction is a new event.
//! - **Hash chain.** Each event's `hash` is the hex SHA-256 of the previous hash, a newline and
//!   the canonical JSON of `{actor, date, kind, payload, seq}`; the first event's previous hash
//!   is 64 zeros. Canonical JSON is [`canonical`]: keys sorted at every level (serde_json's
//!   default map is a `BTreeMap`, and [`canonical`] re-sorts in case a dependency switches on
//!   `preserve_order`), no spaces, strings in UTF-8 as they are. The payload is stored as that
//!   text (TEXT in both databases, never JSONB), so the hashed bytes can be reproduced from the
//!   row. [`Store::verify`] recomputes the chain, so an edit made behind the triggers' back is
//!   found and its entry named.
//! - **Whole or nothing, gapless.** [`Store::append`] writes all its events, and the
//!   idempotency key if given, in one transaction. Sequence numbers are 1, 2, 3, … with no
//!   gaps, assigned with the previous hash read inside that transaction while writers are
//!   serialised (`BEGIN IMMEDIATE` in SQLite, `LOCK TABLE … IN EXCLUSIVE MODE` in PostgreSQL,
//!   which leaves reads free). A batch sent again under the same key is not recorded twice
//!   ([`Appended::AlreadyRecorded`]); the same key with other content is refused.
//! - **No acknowledged write is lost.** On SQLite the writer takes a connection explicitly,
//!   runs `BEGIN IMMEDIATE … COMMIT` itself (sqlx's `begin()` would issue a deferred BEGIN), and
//!   on any error closes that connection instead of returning it to the pool. SQLite keeps a
//!   transaction open after some failed COMMITs (a deferred constraint, a full disk, a failed
//!   fsync); a pooled connection left in that state holds the write lock and turns every later
//!   "commit" on it into a no-op that reports success. Closing it rolls back. The caller sees
//!   the error and acknowledges nothing.
//! - **The schema is applied at every open**: `sql/sqlite.sql` and `sql/postgres.sql`, each
//!   statement safe to run again (PostgreSQL's under an advisory lock, so two servers starting
//!   at once take turns).

use std::str::FromStr;
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Connection, Row};

/// An event to record: the store adds its sequence number and hashes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewEvent {
    pub kind: String,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: String,
    pub payload: Value,
    pub actor: Option<String>,
}

/// A recorded event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub seq: i64,
    pub kind: String,
    pub date: String,
    pub payload: Value,
    pub actor: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// What an append did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Appended {
    /// Recorded now, with these sequence numbers.
    Recorded(Vec<i64>),
    /// Already recorded under the same idempotency key: nothing written.
    AlreadyRecorded(Vec<i64>),
}

/// The hash chain checked end to end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    pub entries: u64,
    pub ok: bool,
    /// The first entry that does not verify, and why.
    pub first_bad: Option<(i64, String)>,
}

/// An account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub name: String,
    pub role: String,
    pub party: Option<String>,
    pub password_hash: String,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the store `{url}`: {message}")]
    Open { url: String, message: String },
    #[error("the database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("idempotency key `{0}` was used before for different content")]
    IdempotencyConflict(String),
    #[error("an account named `{0}` exists already")]
    DuplicateUser(String),
    #[error("journal entry {seq}: {message}")]
    Corrupt { seq: i64, message: String },
    #[error("nothing to append")]
    Empty,
    #[error("a page of events cannot hold {0} entries")]
    BadLimit(i64),
}

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

enum Backend {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

pub struct Store {
    backend: Backend,
}

/// JSON with keys sorted at every level and no spaces: the bytes that are hashed.
pub fn canonical(value: &Value) -> String {
    fn sorted(v: &Value) -> Value {
        match v {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                let mut out = serde_json::Map::new();
                for k in keys {
                    out.insert(k.clone(), sorted(&map[k]));
                }
                Value::Object(out)
            }
            Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    // With serde_json's default map (a BTreeMap) the order is sorted already; with the
    // `preserve_order` feature (which another crate may switch on) insertion order is kept,
    // and the rebuild above inserts in sorted order.
    sorted(value).to_string()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The hash of an event given the previous one.
pub fn event_hash(
    prev_hash: &str,
    seq: i64,
    kind: &str,
    date: &str,
    payload: &Value,
    actor: Option<&str>,
) -> String {
    let body = serde_json::json!({
        "actor": actor,
        "date": date,
        "kind": kind,
        "payload": payload,
        "seq": seq,
    });
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    h.update(b"\n");
    h.update(canonical(&body).as_bytes());
    hex(&h.finalize())
}

/// The hash of a batch, for idempotency: the SHA-256 of the canonical JSON array of its events,
/// each `{actor, date, kind, payload}`.
fn content_hash(events: &[NewEvent]) -> String {
    let batch = Value::Array(
        events
            .iter()
            .map(|e| {
                let mut m = serde_json::Map::new();
                m.insert(
                    "actor".into(),
                    e.actor.clone().map_or(Value::Null, Value::String),
                );
                m.insert("date".into(), Value::String(e.date.clone()));
                m.insert("kind".into(), Value::String(e.kind.clone()));
                m.insert("payload".into(), e.payload.clone());
                Value::Object(m)
            })
            .collect(),
    );
    hex(&Sha256::digest(canonical(&batch).as_bytes()))
}

/// Creates `path` empty with owner-only permissions if it does not exist; an existing file is
/// left as it is.
fn create_private(path: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

fn seqs(first: i64, last: i64) -> Vec<i64> {
    (first..=last).collect()
}

impl Store {
    /// Opens (creating if needed) the store at `url` and brings its schema up to date:
    /// `sqlite://PATH` or a bare path for SQLite, `postgres://…` for PostgreSQL.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        let open_err = |e: &dyn std::fmt::Display| StoreError::Open {
            url: url.to_string(),
            message: e.to_string(),
        };
        let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url).map_err(|e| open_err(&e))?;
            let pool = PgPoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await
                .map_err(|e| open_err(&e))?;
            sqlx::raw_sql(include_str!("../sql/postgres.sql"))
                .execute(&pool)
                .await
                .map_err(|e| open_err(&e))?;
            Backend::Postgres(pool)
        } else {
            let path = url
                .strip_prefix("sqlite://")
                .or_else(|| url.strip_prefix("sqlite:"))
                .unwrap_or(url);
            if path.is_empty() || path.contains("://") {
                return Err(open_err(
                    &"expected sqlite://PATH, a file path or postgres://…",
                ));
            }
            if path == ":memory:" || path.contains("mode=memory") {
                return Err(open_err(
                    &"an in-memory database forgets the journal when it closes; give a file path",
                ));
            }
            // A new journal file is readable by its owner only (it holds the accounts'
            // password hashes); SQLite gives its -wal and -shm files the same permissions.
            create_private(path).map_err(|e| open_err(&e))?;
            let options = SqliteConnectOptions::new()
                .filename(path)
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let pool = SqlitePoolOptions::new()
                .max_connections(4)
                .connect_with(options)
                .await
                .map_err(|e| open_err(&e))?;
            sqlx::raw_sql(include_str!("../sql/sqlite.sql"))
                .execute(&pool)
                .await
                .map_err(|e| open_err(&e))?;
            Backend::Sqlite(pool)
        };
        Ok(Store { backend })
    }

    /// Whether the journal has no entry yet.
    pub async fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.len().await? == 0)
    }

    /// The sequence numbers recorded under `key` for this content, `None` when the key is
    /// unused, or an error when it was used for other content. Reads only.
    pub async fn idempotent(
        &self,
        key: &str,
        events: &[NewEvent],
    ) -> Result<Option<Vec<i64>>, StoreError> {
        let q = "SELECT content_hash, first_seq, last_seq FROM idempotency WHERE key = $1";
        let row = match &self.backend {
            Backend::Sqlite(p) => sqlx::query(q).bind(key).fetch_optional(p).await?.map(|r| {
                (
                    r.try_get::<String, _>(0),
                    r.try_get::<i64, _>(1),
                    r.try_get::<i64, _>(2),
                )
            }),
            Backend::Postgres(p) => sqlx::query(q).bind(key).fetch_optional(p).await?.map(|r| {
                (
                    r.try_get::<String, _>(0),
                    r.try_get::<i64, _>(1),
                    r.try_get::<i64, _>(2),
                )
            }),
        };
        let Some((hash, first, last)) = row else {
            return Ok(None);
        };
        if hash? != content_hash(events) {
            return Err(StoreError::IdempotencyConflict(key.to_string()));
        }
        Ok(Some(seqs(first?, last?)))
    }

    /// Appends `events` in one transaction, whole or not at all.
    pub async fn append(
        &self,
        events: &[NewEvent],
        idempotency_key: Option<&str>,
    ) -> Result<Appended, StoreError> {
        let batch = [(events.to_vec(), idempotency_key.map(str::to_string))];
        let mut out = self.append_batches(&batch).await?;
        out.pop().ok_or(StoreError::Empty)
    }

    /// Appends several batches, each under its own idempotency key, in ONE transaction (one
    /// commit, one fsync): all of them or none. A batch whose key was used before for the same
    /// content is not written again and answers `AlreadyRecorded`; a key used before for
    /// other content fails the whole transaction.
    pub async fn append_batches(
        &self,
        batches: &[(Vec<NewEvent>, Option<String>)],
    ) -> Result<Vec<Appended>, StoreError> {
        if batches.is_empty() || batches.iter().any(|(e, _)| e.is_empty()) {
            return Err(StoreError::Empty);
        }
        match &self.backend {
            Backend::Sqlite(pool) => {
                let mut conn = pool.acquire().await?;
                let result = sqlite_append(&mut conn, batches).await;
                if result.is_err() {
                    // Never hand this connection back: it may still be inside a transaction
                    // that a failed COMMIT left open. Closing it rolls back whatever is open.
                    let raw = conn.detach();
                    let _ = raw.close().await;
                }
                result
            }
            Backend::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                // One writer at a time keeps seq gapless and the chain linear.
                sqlx::query("LOCK TABLE journal IN EXCLUSIVE MODE")
                    .execute(&mut *tx)
                    .await?;
                let mut out = Vec::with_capacity(batches.len());
                for (events, key) in batches {
                    out.push(pg_append(&mut tx, events, key.as_deref()).await?);
                }
                if out.iter().any(|a| matches!(a, Appended::Recorded(_))) {
                    tx.commit().await?;
                }
                Ok(out)
            }
        }
    }

    /// Up to `limit` events after `after_seq`, in order.
    pub async fn events(&self, after_seq: i64, limit: i64) -> Result<Vec<Event>, StoreError> {
        self.stored(after_seq, limit)
            .await?
            .into_iter()
            .map(Stored::into_event)
            .collect()
    }

    /// Up to `limit` rows after `after_seq`, in order, the payload as the text stored.
    async fn stored(&self, after_seq: i64, limit: i64) -> Result<Vec<Stored>, StoreError> {
        if limit < 0 {
            return Err(StoreError::BadLimit(limit));
        }
        let q = "SELECT seq, kind, date, payload, actor, prev_hash, hash FROM journal \
                 WHERE seq > $1 ORDER BY seq LIMIT $2";
        let rows = match &self.backend {
            Backend::Sqlite(p) => sqlx::query(q)
                .bind(after_seq)
                .bind(limit)
                .fetch_all(p)
                .await?
                .iter()
                .map(sqlite_stored)
                .collect::<Result<Vec<_>, _>>()?,
            Backend::Postgres(p) => sqlx::query(q)
                .bind(after_seq)
                .bind(limit)
                .fetch_all(p)
                .await?
                .iter()
                .map(pg_stored)
                .collect::<Result<Vec<_>, _>>()?,
        };
        Ok(rows)
    }

    /// Every event, in order.
    pub async fn all(&self) -> Result<Vec<Event>, StoreError> {
        self.events(0, i64::MAX).await
    }

    /// The number of journal entries.
    pub async fn len(&self) -> Result<u64, StoreError> {
        let q = "SELECT COUNT(*) AS n FROM journal";
        let n: i64 = match &self.backend {
            Backend::Sqlite(p) => sqlx::query(q).fetch_one(p).await?.try_get("n")?,
            Backend::Postgres(p) => sqlx::query(q).fetch_one(p).await?.try_get("n")?,
        };
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Recomputes the hash chain from the first entry, a page at a time, and names the first
    /// entry that does not verify: a sequence number out of order or missing, a previous hash
    /// that is not the hash before it, content that no longer matches its hash, or a payload
    /// that is no longer JSON.
    pub async fn verify(&self) -> Result<Verification, StoreError> {
        const PAGE: i64 = 1000;
        let mut prev = GENESIS.to_string();
        let mut want_seq: i64 = 1;
        let mut after = 0;
        loop {
            let page = self.stored(after, PAGE).await?;
            let Some(last) = page.last() else { break };
            after = last.seq;
            for e in page {
                let why = if e.seq != want_seq {
                    Some(format!(
                        "sequence number {} where {want_seq} was due",
                        e.seq
                    ))
                } else if e.prev_hash != prev {
                    Some("its previous hash is not the hash of the entry before it".to_string())
                } else {
                    match serde_json::from_str::<Value>(&e.payload) {
                        Err(err) => Some(format!("its payload is not JSON ({err}): it was changed after recording")),
                        Ok(payload) if e.hash
                            != event_hash(
                                &prev,
                                e.seq,
                                &e.kind,
                                &e.date,
                                &payload,
                                e.actor.as_deref(),
                            ) => Some("its content does not match its hash: it was changed after recording".into()),
                        Ok(_) => None,
                    }
                };
                if let Some(why) = why {
                    return Ok(Verification {
                        entries: self.len().await?,
                        ok: false,
                        first_bad: Some((e.seq, why)),
                    });
                }
                prev = e.hash;
                want_seq += 1;
            }
        }
        Ok(Verification {
            entries: u64::try_from(want_seq - 1).unwrap_or(0),
            ok: true,
            first_bad: None,
        })
    }

    pub async fn add_user(
        &self,
        name: &str,
        role: &str,
        party: Option<&str>,
        password_hash: &str,
    ) -> Result<(), StoreError> {
        let q = "INSERT INTO users (name, role, party, password_hash) VALUES ($1, $2, $3, $4)";
        let result = match &self.backend {
            Backend::Sqlite(p) => sqlx::query(q)
                .bind(name)
                .bind(role)
                .bind(party)
                .bind(password_hash)
                .execute(p)
                .await
                .map(|_| ()),
            Backend::Postgres(p) => sqlx::query(q)
                .bind(name)
                .bind(role)
                .bind(party)
                .bind(password_hash)
                .execute(p)
                .await
                .map(|_| ()),
        };
        match result {
            Ok(_) => Ok(()),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                Err(StoreError::DuplicateUser(name.to_string()))
            }
            Err(e) => Err(e.into()),
        }
    }

    pub async fn user(&self, name: &str) -> Result<Option<User>, StoreError> {
        let q = "SELECT name, role, party, password_hash FROM users WHERE name = $1";
        let user = match &self.backend {
            Backend::Sqlite(p) => match sqlx::query(q).bind(name).fetch_optional(p).await? {
                Some(r) => Some(User {
                    name: r.try_get(0)?,
                    role: r.try_get(1)?,
                    party: r.try_get(2)?,
                    password_hash: r.try_get(3)?,
                }),
                None => None,
            },
            Backend::Postgres(p) => match sqlx::query(q).bind(name).fetch_optional(p).await? {
                Some(r) => Some(User {
                    name: r.try_get(0)?,
                    role: r.try_get(1)?,
                    party: r.try_get(2)?,
                    password_hash: r.try_get(3)?,
                }),
                None => None,
            },
        };
        Ok(user)
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        user: &str,
        expires_at_unix: i64,
    ) -> Result<(), StoreError> {
        let q = "INSERT INTO sessions (token_hash, user_name, expires_at) VALUES ($1, $2, $3)";
        match &self.backend {
            Backend::Sqlite(p) => sqlx::query(q)
                .bind(token_hash)
                .bind(user)
                .bind(expires_at_unix)
                .execute(p)
                .await
                .map(|_| ())?,
            Backend::Postgres(p) => sqlx::query(q)
                .bind(token_hash)
                .bind(user)
                .bind(expires_at_unix)
                .execute(p)
                .await
                .map(|_| ())?,
        };
        Ok(())
    }

    /// Deletes the sessions that expired by `now_unix`, and says how many: an expired
    /// session is refused anyway, and the table would otherwise grow with every login.
    pub async fn remove_expired_sessions(&self, now_unix: i64) -> Result<u64, StoreError> {
        let q = "DELETE FROM sessions WHERE expires_at <= $1";
        let removed = match &self.backend {
            Backend::Sqlite(p) => sqlx::query(q)
                .bind(now_unix)
                .execute(p)
                .await?
                .rows_affected(),
            Backend::Postgres(p) => sqlx::query(q)
                .bind(now_unix)
                .execute(p)
                .await?
                .rows_affected(),
        };
        Ok(removed)
    }

    /// The account of an unexpired session.
    pub async fn session_user(
        &self,
        token_hash: &str,
        now_unix: i64,
    ) -> Result<Option<User>, StoreError> {
        let q = "SELECT user_name FROM sessions WHERE token_hash = $1 AND expires_at > $2";
        let name: Option<String> = match &self.backend {
            Backend::Sqlite(p) => sqlx::query(q)
                .bind(token_hash)
                .bind(now_unix)
                .fetch_optional(p)
                .await?
                .map(|r| r.try_get(0))
                .transpose()?,
            Backend::Postgres(p) => sqlx::query(q)
                .bind(token_hash)
                .bind(now_unix)
                .fetch_optional(p)
                .await?
                .map(|r| r.try_get(0))
                .transpose()?,
        };
        match name {
            Some(n) => self.user(&n).await,
            None => Ok(None),
        }
    }
}

async fn sqlite_append(
    conn: &mut sqlx::SqliteConnection,
    batches: &[(Vec<NewEvent>, Option<String>)],
) -> Result<Vec<Appended>, StoreError> {
    // IMMEDIATE takes the write lock now, so the last hash read below is still the last
    // when the new entries are inserted.
    sqlx::query("BEGIN IMMEDIATE").execute(&mut *conn).await?;
    let mut out = Vec::with_capacity(batches.len());
    for (events, key) in batches {
        // On an error the caller closes the connection, which rolls back.
        out.push(sqlite_body(&mut *conn, events, key.as_deref()).await?);
    }
    if out.iter().any(|a| matches!(a, Appended::Recorded(_))) {
        sqlx::query("COMMIT").execute(&mut *conn).await?;
    } else {
        sqlx::query("ROLLBACK").execute(&mut *conn).await?;
    }
    Ok(out)
}

/// The body of an append, inside an open transaction on `$conn` (a `&mut` connection or
/// transaction of either database): the idempotency check, the last hash, the inserts.
macro_rules! append_body {
    ($conn:expr, $events:expr, $key:expr) => {{
        let events: &[NewEvent] = $events;
        let key: Option<&str> = $key;
        let content = content_hash(events);
        let mut known: Option<Appended> = None;
        if let Some(key) = key {
            let row = sqlx::query(
                "SELECT content_hash, first_seq, last_seq FROM idempotency WHERE key = $1",
            )
            .bind(key)
            .fetch_optional(&mut *$conn)
            .await?;
            if let Some(row) = row {
                let hash: String = row.try_get(0)?;
                if hash != content {
                    return Err(StoreError::IdempotencyConflict(key.to_string()));
                }
                known = Some(Appended::AlreadyRecorded(seqs(
                    row.try_get(1)?,
                    row.try_get(2)?,
                )));
            }
        }
        if let Some(known) = known {
            Ok(known)
        } else {
            let last = sqlx::query("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")
                .fetch_optional(&mut *$conn)
                .await?;
            let (mut seq, mut prev): (i64, String) = match last {
                Some(r) => (r.try_get(0)?, r.try_get(1)?),
                None => (0, GENESIS.to_string()),
            };
            let first = seq + 1;
            for e in events {
                seq += 1;
                let hash = event_hash(&prev, seq, &e.kind, &e.date, &e.payload, e.actor.as_deref());
                sqlx::query(
                    "INSERT INTO journal (seq, kind, date, payload, actor, prev_hash, hash) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(seq)
                .bind(&e.kind)
                .bind(&e.date)
                .bind(canonical(&e.payload))
                .bind(e.actor.as_deref())
                .bind(&prev)
                .bind(&hash)
                .execute(&mut *$conn)
                .await?;
                prev = hash;
            }
            if let Some(key) = key {
                sqlx::query(
                    "INSERT INTO idempotency (key, content_hash, first_seq, last_seq) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(key)
                .bind(&content)
                .bind(first)
                .bind(seq)
                .execute(&mut *$conn)
                .await?;
            }
            Ok(Appended::Recorded(seqs(first, seq)))
        }
    }};
}

async fn pg_append(
    conn: &mut sqlx::PgConnection,
    events: &[NewEvent],
    key: Option<&str>,
) -> Result<Appended, StoreError> {
    append_body!(conn, events, key)
}

async fn sqlite_body(
    conn: &mut sqlx::SqliteConnection,
    events: &[NewEvent],
    key: Option<&str>,
) -> Result<Appended, StoreError> {
    append_body!(conn, events, key)
}

/// A journal row as stored: the payload is the canonical JSON text that was hashed.
struct Stored {
    seq: i64,
    kind: String,
    date: String,
    payload: String,
    actor: Option<String>,
    prev_hash: String,
    hash: String,
}

impl Stored {
    fn into_event(self) -> Result<Event, StoreError> {
        let payload = serde_json::from_str(&self.payload).map_err(|e| StoreError::Corrupt {
            seq: self.seq,
            message: format!("payload is not JSON: {e}"),
        })?;
        Ok(Event {
            seq: self.seq,
            kind: self.kind,
            date: self.date,
            payload,
            actor: self.actor,
            prev_hash: self.prev_hash,
            hash: self.hash,
        })
    }
}

fn sqlite_stored(r: &sqlx::sqlite::SqliteRow) -> Result<Stored, StoreError> {
    Ok(Stored {
        seq: r.try_get(0)?,
        kind: r.try_get(1)?,
        date: r.try_get(2)?,
        payload: r.try_get(3)?,
        actor: r.try_get(4)?,
        prev_hash: r.try_get(5)?,
        hash: r.try_get(6)?,
    })
}

fn pg_stored(r: &sqlx::postgres::PgRow) -> Result<Stored, StoreError> {
    Ok(Stored {
        seq: r.try_get(0)?,
        kind: r.try_get(1)?,
        date: r.try_get(2)?,
        payload: r.try_get(3)?,
        actor: r.try_get(4)?,
        prev_hash: r.try_get(5)?,
        hash: r.try_get(6)?,
    })
}

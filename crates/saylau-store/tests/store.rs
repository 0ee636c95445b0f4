//! The journal store against SQLite always, and against PostgreSQL when
//! `SAYLAU_TEST_POSTGRES_URL` is set (`.ci/run` sets it): each test runs on a fresh SQLite file
//! and a fresh PostgreSQL database. Whatever goes behind the store's back (refused edits,
//! tampering, a COMMIT made to fail) does so on a connection of its own, as an intruder would.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use saylau_store::{Appended, NewEvent, Store, StoreError};
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::Connection;

static NEXT: AtomicU32 = AtomicU32::new(0);

/// A store under test: which database, its URL and the store opened on it.
struct Db {
    name: &'static str,
    url: String,
    store: Store,
}

impl Db {
    fn is_sqlite(&self) -> bool {
        self.name == "sqlite"
    }

    /// Runs `sql` on a new connection of its own, not one of the store's.
    async fn raw(&self, sql: &str) -> Result<(), sqlx::Error> {
        raw(&self.url, sql).await
    }
}

async fn raw(url: &str, sql: &str) -> Result<(), sqlx::Error> {
    if url.starts_with("postgres") {
        let mut conn = sqlx::PgConnection::connect(url).await?;
        let result = sqlx::raw_sql(sql).execute(&mut conn).await;
        conn.close().await?;
        result.map(|_| ())
    } else {
        let mut conn = sqlx::SqliteConnection::connect(url).await?;
        let result = sqlx::raw_sql(sql).execute(&mut conn).await;
        conn.close().await?;
        result.map(|_| ())
    }
}

/// Fresh stores to run a test against: a new SQLite file, and a new PostgreSQL database when
/// one is configured.
async fn stores(test: &str) -> Vec<Db> {
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("saylau-store-{}-{test}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("journal.db").display());
    let mut out = vec![Db {
        name: "sqlite",
        store: Store::open(&url).await.unwrap(),
        url,
    }];
    if let Ok(admin) = std::env::var("SAYLAU_TEST_POSTGRES_URL") {
        let db = format!(
            "saylau_test_{}_{n}_{}",
            std::process::id(),
            test.replace('-', "_")
        );
        raw(&admin, &format!("DROP DATABASE IF EXISTS {db}"))
            .await
            .unwrap();
        raw(&admin, &format!("CREATE DATABASE {db}")).await.unwrap();
        let (base, _) = admin.rsplit_once('/').unwrap();
        let url = format!("{base}/{db}");
        out.push(Db {
            name: "postgres",
            store: Store::open(&url).await.unwrap(),
            url,
        });
    }
    out
}

fn event(i: u32) -> NewEvent {
    NewEvent {
        kind: "bill_introduced".into(),
        date: "2010-01-10".into(),
        payload: json!({ "bill": format!("b{i}"), "title": "Т", "nested": { "z": 1, "a": [2, 1] } }),
        actor: Some("admin".into()),
    }
}

#[tokio::test]
async fn events_round_trip_with_gapless_seqs_and_a_verified_chain() {
    for Db {
        name: db,
        url,
        store,
    } in stores("round-trip").await
    {
        assert!(store.is_empty().await.unwrap(), "{db}");
        let a = store.append(&[event(1), event(2)], None).await.unwrap();
        assert_eq!(a, Appended::Recorded(vec![1, 2]), "{db}");
        let mut third = event(3);
        third.date = "2010-02".into();
        third.actor = None;
        let b = store.append(&[third.clone()], None).await.unwrap();
        assert_eq!(b, Appended::Recorded(vec![3]), "{db}");
        assert!(!store.is_empty().await.unwrap(), "{db}");
        let all = store.all().await.unwrap();
        assert_eq!(
            all.iter().map(|e| e.seq).collect::<Vec<_>>(),
            [1, 2, 3],
            "{db}"
        );
        assert_eq!(all[0].payload, event(1).payload, "{db}");
        assert_eq!(all[0].kind, "bill_introduced", "{db}");
        assert_eq!(all[0].actor.as_deref(), Some("admin"), "{db}");
        assert_eq!((all[2].date.as_str(), &all[2].actor), ("2010-02", &None));
        assert_eq!(all[0].prev_hash, "0".repeat(64), "{db}");
        assert_eq!(all[1].prev_hash, all[0].hash, "{db}");
        assert_eq!(all[2].prev_hash, all[1].hash, "{db}");
        let page = store.events(1, 1).await.unwrap();
        assert_eq!(page.iter().map(|e| e.seq).collect::<Vec<_>>(), [2], "{db}");
        assert!(store.events(3, 10).await.unwrap().is_empty(), "{db}");
        let v = store.verify().await.unwrap();
        assert!(v.ok, "{db}: {v:?}");
        assert_eq!(v.entries, 3, "{db}");
        // Opened again (as after a restart), the store has the same events and goes on from 4.
        drop(store);
        let store = Store::open(&url).await.unwrap();
        assert_eq!(store.all().await.unwrap(), all, "{db}");
        let c = store.append(&[event(4)], None).await.unwrap();
        assert_eq!(c, Appended::Recorded(vec![4]), "{db}");
        assert!(store.verify().await.unwrap().ok, "{db}");
    }
}

#[tokio::test]
async fn the_hash_is_sha256_of_the_previous_hash_and_the_canonical_json() {
    // The documented format, spelled out: keys sorted at every level, no spaces, UTF-8 as is.
    let body = r#"{"actor":"admin","date":"2010-01-10","kind":"bill_introduced","payload":{"bill":"b1","nested":{"a":[2,1],"z":1},"title":"Т"},"seq":1}"#;
    let want: String = Sha256::digest(format!("{}\n{body}", "0".repeat(64)).as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        want,
        "3d44047885abf19eb6210b99e901177d66407bf19621f2fa09609718844a73af"
    );
    let stores = stores("same-hash").await;
    let mut seconds = Vec::new();
    for Db {
        name: db, store, ..
    } in &stores
    {
        store.append(&[event(1), event(2)], None).await.unwrap();
        let all = store.all().await.unwrap();
        assert_eq!(all[0].hash, want, "{db}");
        seconds.push(all[1].hash.clone());
    }
    assert!(seconds.windows(2).all(|w| w[0] == w[1]), "{seconds:?}");
}

#[tokio::test]
async fn updates_and_deletes_are_refused_and_tampering_is_found() {
    for db in stores("tamper").await {
        let store = &db.store;
        let name = db.name;
        store
            .append(&[event(1), event(2), event(3), event(4)], None)
            .await
            .unwrap();
        let e = db
            .raw("UPDATE journal SET payload = '{}' WHERE seq = 2")
            .await
            .unwrap_err();
        assert!(e.to_string().contains("never changed"), "{name}: {e}");
        let e = db
            .raw("DELETE FROM journal WHERE seq = 4")
            .await
            .unwrap_err();
        assert!(e.to_string().contains("never"), "{name}: {e}");
        if !db.is_sqlite() {
            let e = db.raw("TRUNCATE journal").await.unwrap_err();
            assert!(e.to_string().contains("never"), "{name}: {e}");
        }
        let v = store.verify().await.unwrap();
        assert!(v.ok && v.entries == 4, "{name}: {v:?}");

        // Behind the triggers' back: the chain finds the edit, and names its entry.
        let drop = if db.is_sqlite() {
            "DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete"
        } else {
            "DROP TRIGGER journal_no_change ON journal"
        };
        db.raw(drop).await.unwrap();
        db.raw("UPDATE journal SET payload = '{\"bill\":\"forged\"}' WHERE seq = 3")
            .await
            .unwrap();
        let v = store.verify().await.unwrap();
        assert!(!v.ok, "{name}");
        assert_eq!(v.entries, 4, "{name}");
        let (seq, why) = v.first_bad.unwrap();
        assert_eq!(seq, 3, "{name}");
        assert!(why.contains("changed after recording"), "{name}: {why}");

        // A payload that is no longer JSON is a finding too, not a failure to verify.
        db.raw("UPDATE journal SET payload = 'not json' WHERE seq = 2")
            .await
            .unwrap();
        let (seq, why) = store.verify().await.unwrap().first_bad.unwrap();
        assert_eq!(seq, 2, "{name}");
        assert!(why.contains("not JSON"), "{name}: {why}");

        // A deleted entry leaves a gap in the sequence.
        db.raw("DELETE FROM journal WHERE seq = 1").await.unwrap();
        let (seq, why) = store.verify().await.unwrap().first_bad.unwrap();
        assert_eq!(seq, 2, "{name}");
        assert!(why.contains("where 1 was due"), "{name}: {why}");
    }
}

#[tokio::test]
async fn a_batch_sent_again_is_recorded_once_and_a_reused_key_is_refused() {
    for Db {
        name: db, store, ..
    } in stores("idempotent").await
    {
        let batch = [event(1), event(2)];
        let first = store.append(&batch, Some("upload-1")).await.unwrap();
        assert_eq!(first, Appended::Recorded(vec![1, 2]), "{db}");
        let again = store.append(&batch, Some("upload-1")).await.unwrap();
        assert_eq!(again, Appended::AlreadyRecorded(vec![1, 2]), "{db}");
        assert_eq!(
            store.idempotent("upload-1", &batch).await.unwrap(),
            Some(vec![1, 2])
        );
        assert_eq!(store.idempotent("upload-2", &batch).await.unwrap(), None);
        // The same key for other content, even one field of one event, is refused.
        let e = store
            .append(&[event(9)], Some("upload-1"))
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::IdempotencyConflict(_)), "{db}: {e}");
        assert!(e.to_string().contains("upload-1"), "{db}: {e}");
        let mut changed = batch.clone();
        changed[1].actor = None;
        let e = store.append(&changed, Some("upload-1")).await.unwrap_err();
        assert!(matches!(e, StoreError::IdempotencyConflict(_)), "{db}: {e}");
        // Another key records the same content again: keys, not content, make a resend.
        let other = store.append(&batch, Some("upload-2")).await.unwrap();
        assert_eq!(other, Appended::Recorded(vec![3, 4]), "{db}");
        assert_eq!(store.all().await.unwrap().len(), 4, "{db}");
        assert!(store.verify().await.unwrap().ok, "{db}");
    }
}

#[tokio::test]
async fn a_failed_batch_writes_nothing_and_the_store_stays_usable() {
    for Db {
        name: db, store, ..
    } in stores("failed-batch").await
    {
        store.append(&[event(1)], None).await.unwrap();
        let mut bad = event(3);
        bad.date = "no date".into(); // refused by the table's CHECK
        let e = store.append(&[event(2), bad], Some("k")).await.unwrap_err();
        assert!(matches!(e, StoreError::Database(_)), "{db}: {e}");
        let all = store.all().await.unwrap();
        assert_eq!(
            all.len(),
            1,
            "{db}: the first event of the failed batch is not there"
        );
        assert_eq!(
            store.idempotent("k", &[event(2)]).await.unwrap(),
            None,
            "{db}: nor its idempotency key"
        );
        // Every pooled connection still works and commits for real.
        for i in 0..8 {
            store.append(&[event(10 + i)], None).await.unwrap();
        }
        let seqs: Vec<i64> = store.all().await.unwrap().iter().map(|e| e.seq).collect();
        assert_eq!(seqs, (1..=9).collect::<Vec<_>>(), "{db}");
        assert!(store.verify().await.unwrap().ok, "{db}");
    }
}

#[tokio::test]
async fn a_failed_commit_leaves_no_connection_inside_a_transaction() {
    // A deferred foreign key fails at COMMIT, not at INSERT: the case where SQLite keeps the
    // transaction open after the failed COMMIT. A connection that went back to the pool in
    // that state would hold the write lock and turn later appends into errors or into
    // "commits" of a transaction that never ends.
    for db in stores("failed-commit").await {
        let name = db.name;
        let poison = if db.is_sqlite() {
            "CREATE TABLE poison_parent (id INTEGER PRIMARY KEY);
             CREATE TABLE poison (parent INTEGER REFERENCES poison_parent(id)
                 DEFERRABLE INITIALLY DEFERRED);
             CREATE TRIGGER poison_on_insert AFTER INSERT ON journal WHEN NEW.kind = 'poison'
             BEGIN INSERT INTO poison VALUES (1); END;"
        } else {
            "CREATE TABLE poison_parent (id INTEGER PRIMARY KEY);
             CREATE TABLE poison (parent INTEGER REFERENCES poison_parent(id)
                 DEFERRABLE INITIALLY DEFERRED);
             CREATE FUNCTION poison_fn() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN
                 IF NEW.kind = 'poison' THEN INSERT INTO poison VALUES (1); END IF;
                 RETURN NEW;
             END $$;
             CREATE TRIGGER poison_on_insert AFTER INSERT ON journal
                 FOR EACH ROW EXECUTE FUNCTION poison_fn();"
        };
        db.raw(poison).await.unwrap();
        let store = &db.store;
        store.append(&[event(1)], None).await.unwrap();
        let mut bad = event(3);
        bad.kind = "poison".into();
        for attempt in 0..3 {
            let e = store
                .append(&[event(2), bad.clone()], Some("k"))
                .await
                .unwrap_err();
            assert!(
                e.to_string().to_lowercase().contains("foreign key"),
                "{name}, attempt {attempt}: {e}"
            );
        }
        // Many more appends than the pool has connections, each acknowledged...
        for i in 0..12 {
            let a = store.append(&[event(10 + i)], None).await.unwrap();
            assert_eq!(a, Appended::Recorded(vec![2 + i64::from(i)]), "{name}");
        }
        // ...and really committed: a store opened afresh sees them, and nothing of the poison.
        let fresh = Store::open(&db.url).await.unwrap();
        let all = fresh.all().await.unwrap();
        assert_eq!(all.len(), 13, "{name}");
        assert!(all.iter().all(|e| e.kind != "poison"), "{name}");
        assert_eq!(fresh.idempotent("k", &[event(2)]).await.unwrap(), None);
        assert!(fresh.verify().await.unwrap().ok, "{name}");
    }
}

#[tokio::test]
async fn concurrent_writers_get_distinct_gapless_seqs() {
    for Db {
        name: db,
        store,
        url,
    } in stores("concurrent").await
    {
        // Two stores on one database, as two server processes would be, four writers each.
        let store = Arc::new(store);
        let other = Arc::new(Store::open(&url).await.unwrap());
        let mut tasks = Vec::new();
        for t in 0..8u32 {
            let store = if t % 2 == 0 {
                store.clone()
            } else {
                other.clone()
            };
            tasks.push(tokio::spawn(async move {
                let mut mine = Vec::new();
                for i in 0..50u32 {
                    match store.append(&[event(t * 100 + i)], None).await.unwrap() {
                        Appended::Recorded(seqs) => mine.extend(seqs),
                        other => panic!("{other:?}"),
                    }
                }
                mine
            }));
        }
        let mut acknowledged = Vec::new();
        for t in tasks {
            acknowledged.extend(t.await.unwrap());
        }
        acknowledged.sort_unstable();
        assert_eq!(acknowledged, (1..=400).collect::<Vec<_>>(), "{db}");
        let seqs: Vec<i64> = store.all().await.unwrap().iter().map(|e| e.seq).collect();
        assert_eq!(seqs, (1..=400).collect::<Vec<_>>(), "{db}");
        let v = store.verify().await.unwrap();
        assert!(v.ok && v.entries == 400, "{db}: {v:?}");
    }
}

#[tokio::test]
async fn accounts_and_sessions() {
    for Db {
        name: db, store, ..
    } in stores("accounts").await
    {
        store
            .add_user("ana", "admin", None, "$argon2…")
            .await
            .unwrap();
        store
            .add_user("bek", "party", Some("Amanat"), "$argon2…b")
            .await
            .unwrap();
        let e = store
            .add_user("ana", "observer", None, "x")
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::DuplicateUser(_)), "{db}: {e}");
        let u = store.user("ana").await.unwrap().unwrap();
        assert_eq!(
            (u.role.as_str(), u.party, u.password_hash.as_str()),
            ("admin", None, "$argon2…"),
            "{db}: the first account is kept"
        );
        let b = store.user("bek").await.unwrap().unwrap();
        assert_eq!(b.party.as_deref(), Some("Amanat"), "{db}");
        assert!(store.user("bob").await.unwrap().is_none());
        store.create_session("h1", "ana", 1000).await.unwrap();
        store.create_session("h2", "bek", 2000).await.unwrap();
        assert_eq!(
            store.session_user("h1", 999).await.unwrap().map(|u| u.name),
            Some("ana".into()),
            "{db}"
        );
        assert_eq!(
            store
                .session_user("h2", 1500)
                .await
                .unwrap()
                .map(|u| u.name),
            Some("bek".into()),
            "{db}"
        );
        assert!(
            store.session_user("h1", 1000).await.unwrap().is_none(),
            "{db}: expired at its expiry time"
        );
        assert!(
            store.session_user("h3", 0).await.unwrap().is_none(),
            "{db}: unknown"
        );
        assert!(
            store.create_session("h4", "nobody", 5000).await.is_err(),
            "{db}: a session for no account"
        );
        // Sessions that ran out are removed; the others stay.
        assert_eq!(
            store.remove_expired_sessions(1500).await.unwrap(),
            1,
            "{db}"
        );
        assert_eq!(
            store.remove_expired_sessions(1500).await.unwrap(),
            0,
            "{db}"
        );
        assert_eq!(
            store
                .session_user("h2", 1500)
                .await
                .unwrap()
                .map(|u| u.name),
            Some("bek".into()),
            "{db}: the live session stays"
        );
    }
}

#[tokio::test]
async fn bad_input_is_a_clear_error() {
    let e = Store::open("mysql://x").await.err().unwrap();
    assert!(
        e.to_string().contains("cannot open the store `mysql://x`"),
        "{e}"
    );
    let e = Store::open("sqlite:///nonexistent-dir/x/journal.db")
        .await
        .err()
        .unwrap();
    assert!(e.to_string().contains("cannot open the store"), "{e}");
    let e = Store::open("sqlite::memory:").await.err().unwrap();
    assert!(e.to_string().contains("in-memory"), "{e}");
    let e = Store::open("").await.err().unwrap();
    assert!(e.to_string().contains("expected sqlite://PATH"), "{e}");
    for Db {
        name: db, store, ..
    } in stores("bad-input").await
    {
        assert!(matches!(
            store.append(&[], None).await.unwrap_err(),
            StoreError::Empty
        ));
        let e = store.events(0, -1).await.unwrap_err();
        assert!(matches!(e, StoreError::BadLimit(-1)), "{db}: {e}");
        assert!(store.is_empty().await.unwrap(), "{db}");
    }
}

#[tokio::test]
async fn several_batches_commit_together_or_not_at_all() {
    for db in stores("batches").await {
        let (store, db) = (&db.store, db.name);
        store.append(&[event(1)], Some("a")).await.unwrap();
        let batches = vec![
            (vec![event(2)], Some("b".to_string())),
            (vec![event(1)], Some("a".to_string())),
            (vec![event(3), event(4)], None),
        ];
        let out = store.append_batches(&batches).await.unwrap();
        assert_eq!(
            out,
            [
                Appended::Recorded(vec![2]),
                Appended::AlreadyRecorded(vec![1]),
                Appended::Recorded(vec![3, 4]),
            ],
            "{db}"
        );
        let mut bad = event(6);
        bad.date = "no date".into();
        let e = store
            .append_batches(&[(vec![event(5)], Some("c".into())), (vec![bad], None)])
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::Database(_)), "{db}: {e}");
        assert_eq!(
            store.all().await.unwrap().len(),
            4,
            "{db}: neither batch written"
        );
        assert_eq!(
            store.idempotent("c", &[event(5)]).await.unwrap(),
            None,
            "{db}"
        );
        assert!(store.verify().await.unwrap().ok, "{db}");
    }
}

/// A new SQLite journal, and the files SQLite makes beside it, are readable by their owner
/// only: the store holds the accounts' password hashes. An existing file keeps its mode.
#[cfg(unix)]
#[tokio::test]
async fn a_new_sqlite_journal_is_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("saylau-private-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("j.db");
    let store = Store::open(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    store
        .append(
            &[NewEvent {
                kind: "bill_introduced".into(),
                date: "2025-06-10".into(),
                payload: json!({ "bill": "b1" }),
                actor: None,
            }],
            None,
        )
        .await
        .unwrap();
    for file in std::fs::read_dir(&dir).unwrap() {
        let file = file.unwrap();
        let mode = file.metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", file.path().display());
    }
    let shared = dir.join("shared.db");
    std::fs::write(&shared, b"").unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o644)).unwrap();
    Store::open(&format!("sqlite://{}", shared.display()))
        .await
        .unwrap();
    let mode = std::fs::metadata(&shared).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "an existing file keeps its mode");
    let _ = std::fs::remove_dir_all(&dir);
}

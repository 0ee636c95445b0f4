//! The journal store against SQLite always, and against PostgreSQL when
//! `SAYLAU_TEST_POSTGRES_URL` is set (`.ci/run` sets it): each test runs on a fresh database.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::atomic::{AtomicU32, Ordering};

use saylau_store::{Appended, NewEvent, Store, StoreError};
use serde_json::json;

static NEXT: AtomicU32 = AtomicU32::new(0);

/// Fresh stores to run a test against: a new SQLite file, and a new PostgreSQL database when
/// one is configured.
async fn stores(test: &str) -> Vec<(String, Store)> {
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("saylau-store-{}-{test}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("journal.db");
    let mut out = vec![(
        "sqlite".to_string(),
        Store::open(&format!("sqlite://{}", path.display()))
            .await
            .unwrap(),
    )];
    if let Ok(admin) = std::env::var("SAYLAU_TEST_POSTGRES_URL") {
        let db = format!(
            "saylau_test_{}_{n}_{}",
            std::process::id(),
            test.replace('-', "_")
        );
        let admin_store = Store::open(&admin).await.unwrap();
        admin_store
            .raw(&format!("DROP DATABASE IF EXISTS {db}"))
            .await
            .unwrap();
        admin_store
            .raw(&format!("CREATE DATABASE {db}"))
            .await
            .unwrap();
        let (base, _) = admin.rsplit_once('/').unwrap();
        out.push((
            "postgres".to_string(),
            Store::open(&format!("{base}/{db}")).await.unwrap(),
        ));
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
    for (db, store) in stores("round-trip").await {
        assert!(store.is_empty().await.unwrap(), "{db}");
        let a = store.append(&[event(1), event(2)], None).await.unwrap();
        assert_eq!(a, Appended::Recorded(vec![1, 2]), "{db}");
        let b = store.append(&[event(3)], None).await.unwrap();
        assert_eq!(b, Appended::Recorded(vec![3]), "{db}");
        let all = store.all().await.unwrap();
        assert_eq!(
            all.iter().map(|e| e.seq).collect::<Vec<_>>(),
            [1, 2, 3],
            "{db}"
        );
        assert_eq!(all[0].payload, event(1).payload, "{db}");
        assert_eq!(all[1].prev_hash, all[0].hash, "{db}");
        assert_eq!(store.events(1, 1).await.unwrap()[0].seq, 2, "{db}");
        let v = store.verify().await.unwrap();
        assert!(v.ok, "{db}: {v:?}");
        assert_eq!(v.entries, 3);
    }
}

#[tokio::test]
async fn the_same_events_hash_the_same_in_both_databases() {
    let stores = stores("same-hash").await;
    let mut hashes = Vec::new();
    for (_, store) in &stores {
        store.append(&[event(1), event(2)], None).await.unwrap();
        hashes.push(store.all().await.unwrap()[1].hash.clone());
    }
    assert!(hashes.windows(2).all(|w| w[0] == w[1]), "{hashes:?}");
}

#[tokio::test]
async fn updates_and_deletes_are_refused_and_tampering_is_found() {
    for (db, store) in stores("tamper").await {
        store
            .append(&[event(1), event(2), event(3)], None)
            .await
            .unwrap();
        let e = store
            .raw("UPDATE journal SET payload = '{}' WHERE seq = 2")
            .await
            .unwrap_err();
        assert!(e.to_string().contains("never changed"), "{db}: {e}");
        let e = store
            .raw("DELETE FROM journal WHERE seq = 3")
            .await
            .unwrap_err();
        assert!(e.to_string().contains("never"), "{db}: {e}");
        assert!(store.verify().await.unwrap().ok, "{db}");
        // Behind the triggers' back: the chain finds the edit.
        let drop = if db == "sqlite" {
            "DROP TRIGGER journal_no_update"
        } else {
            "DROP TRIGGER journal_no_change ON journal"
        };
        store.raw(drop).await.unwrap();
        store
            .raw("UPDATE journal SET payload = '{\"bill\":\"forged\"}' WHERE seq = 2")
            .await
            .unwrap();
        let v = store.verify().await.unwrap();
        assert!(!v.ok, "{db}");
        let (seq, why) = v.first_bad.unwrap();
        assert_eq!(seq, 2, "{db}");
        assert!(why.contains("changed after recording"), "{db}: {why}");
    }
}

#[tokio::test]
async fn a_batch_sent_again_is_recorded_once_and_a_reused_key_is_refused() {
    for (db, store) in stores("idempotent").await {
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
        let e = store
            .append(&[event(9)], Some("upload-1"))
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::IdempotencyConflict(_)), "{db}: {e}");
        assert_eq!(store.all().await.unwrap().len(), 2, "{db}");
    }
}

#[tokio::test]
async fn a_failed_batch_writes_nothing_and_the_store_stays_usable() {
    for (db, store) in stores("failed-batch").await {
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
            "{db}"
        );
        // Every pooled connection still works and commits for real.
        for i in 0..8 {
            store.append(&[event(10 + i)], None).await.unwrap();
        }
        assert_eq!(store.all().await.unwrap().len(), 9, "{db}");
        assert!(store.verify().await.unwrap().ok, "{db}");
    }
}

#[tokio::test]
async fn concurrent_writers_get_distinct_gapless_seqs() {
    for (db, store) in stores("concurrent").await {
        let store = std::sync::Arc::new(store);
        let mut tasks = Vec::new();
        for t in 0..8u32 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                for i in 0..25u32 {
                    store.append(&[event(t * 100 + i)], None).await.unwrap();
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let seqs: Vec<i64> = store.all().await.unwrap().iter().map(|e| e.seq).collect();
        assert_eq!(seqs, (1..=200).collect::<Vec<_>>(), "{db}");
        assert!(store.verify().await.unwrap().ok, "{db}");
    }
}

#[tokio::test]
async fn accounts_and_sessions() {
    for (db, store) in stores("accounts").await {
        store
            .add_user("ana", "admin", None, "$argon2…")
            .await
            .unwrap();
        let e = store
            .add_user("ana", "observer", None, "x")
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::DuplicateUser(_)), "{db}: {e}");
        let u = store.user("ana").await.unwrap().unwrap();
        assert_eq!(u.role, "admin");
        assert!(store.user("bob").await.unwrap().is_none());
        store.create_session("h1", "ana", 1000).await.unwrap();
        assert_eq!(
            store.session_user("h1", 999).await.unwrap().map(|u| u.name),
            Some("ana".into()),
            "{db}"
        );
        assert!(
            store.session_user("h1", 1000).await.unwrap().is_none(),
            "expired"
        );
        assert!(
            store.session_user("h2", 0).await.unwrap().is_none(),
            "unknown"
        );
    }
}

#[tokio::test]
async fn bad_urls_are_clear_errors() {
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
}

#[tokio::test]
async fn several_batches_commit_together_or_not_at_all() {
    for (db, store) in stores("batches").await {
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

//! The group-commit writer: the one task that checks journal events against the law and the
//! state and appends them to the store, many to a transaction.

use std::sync::Arc;

use axum::http::StatusCode;
use saylau_core::law::Law;
use saylau_core::polity::journal;
use saylau_store::{Appended, NewEvent};
use serde_json::{Value, json};

use crate::app::{Job, Journal, Shared, load_entries, snapshot};
use crate::error::ApiError;

/// Most events committed together.
pub(crate) const GROUP_COMMIT: usize = 128;

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

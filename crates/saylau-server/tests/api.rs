//! The API on a fresh SQLite store: every write endpoint for every role (nothing written when
//! refused), the error envelope for malformed requests (always 4xx), login limits and expiry.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use saylau_server::{App, auth, router};
use serde_json::{Value, json};
use tower::ServiceExt;

static NEXT: AtomicU32 = AtomicU32::new(0);

struct Fixture {
    app: Arc<App>,
    router: Router,
    url: String,
}

/// The URL of a new, empty SQLite store.
fn fresh_store() -> String {
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("saylau-api-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    format!("sqlite://{}", dir.join("j.db").display())
}

/// The built-in history before the Constitution of 2026: after its entry into force the
/// rulebook is checked for one day only, so the fixtures record their made-up events in 2025,
/// after the 2023 Mazhilis election, as the documented examples do.
fn before_the_transition() -> Vec<saylau_core::polity::journal::Entry> {
    saylau_core::builtin::journal()
        .unwrap()
        .into_iter()
        .filter(|e| e.date.latest < jiff::civil::date(2026, 7, 1))
        .collect()
}

async fn fixture() -> Fixture {
    let url = fresh_store();
    for (name, role, party) in [
        ("admin", "admin", None),
        ("registrar", "registrar", None),
        ("observer", "observer", None),
        ("nsdp-official", "party_official", Some("nsdp")),
        ("akzhol-official", "party_official", Some("ak_zhol")),
    ] {
        saylau_server::add_user(&url, name, role, party, "password-123")
            .await
            .unwrap();
    }
    let book = saylau_core::builtin::rulebook().unwrap();
    let app = App::open_from(&url, book, before_the_transition())
        .await
        .unwrap();
    Fixture {
        router: router(app.clone()),
        app,
        url,
    }
}

impl Fixture {
    async fn call(&self, req: Request<Body>) -> (StatusCode, Value) {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let body = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| panic!("{status}: not JSON: {}", String::from_utf8_lossy(&bytes)));
        (status, body)
    }

    async fn get(&self, uri: &str) -> (StatusCode, Value) {
        self.call(Request::get(uri).body(Body::empty()).unwrap())
            .await
    }

    async fn token(&self, name: &str) -> String {
        let (status, body) = self
            .post(
                "/api/login",
                None,
                json!({ "name": name, "password": "password-123" }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["token"].as_str().unwrap().to_string()
    }

    async fn post(&self, uri: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
        let mut req = Request::post(uri).header("content-type", "application/json");
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        self.call(req.body(Body::from(body.to_string())).unwrap())
            .await
    }

    async fn entries(&self) -> usize {
        self.app.store.all().await.unwrap().len()
    }
}

fn member_list(party: &str) -> Value {
    json!({
        "party": party,
        "date": "2009-07-15",
        "committee_registered": "2009-03-02",
        "founders": 1000,
        "members": [{ "iin": "500314300011", "signed_on": "2009-04-01" }, { "iin": "123", "signed_on": "2009-04-01" }],
        "register": [{ "iin": "500314300011", "full_name": "Arman Bekov", "birth_date": "1950-03-14", "unit": "astana", "citizen": true, "deceased": false, "occupation": "teacher" }]
    })
}

fn ledger(party: &str) -> Value {
    json!({ "party": party, "donations": [{
        "id": "d1", "date": "2009-06-10", "party": party, "donor_kind": "citizen", "donor": "A",
        "amount_kzt": 1000, "written_confirmation": true, "source_stated": true
    }]})
}

/// Each write endpoint × each caller: the status, and whether the store grew by exactly one
/// entry on success and not at all otherwise.
#[tokio::test]
async fn every_write_for_every_role() {
    let f = fixture().await;
    let mut tokens = vec![("nobody", None)];
    for name in [
        "admin",
        "registrar",
        "observer",
        "nsdp-official",
        "akzhol-official",
    ] {
        tokens.push((name, Some(f.token(name).await)));
    }
    let mut day = 10;
    for (endpoint, body_for, allowed) in [
        ("rename", 0, &["admin", "registrar", "nsdp-official"][..]),
        ("bill", 1, &["admin"][..]),
        (
            "member-list",
            2,
            &["admin", "registrar", "nsdp-official"][..],
        ),
        ("ledger", 3, &["admin", "registrar", "nsdp-official"][..]),
    ] {
        for (name, token) in &tokens {
            day += 1;
            let (uri, body) = match body_for {
                0 => (
                    "/api/events",
                    json!({ "date": format!("2025-06-{day}"), "kind": "party_renamed", "party": "nsdp", "name": format!("NSDP as renamed by {name}") }),
                ),
                1 => (
                    "/api/events",
                    json!({ "date": format!("2025-06-{day}"), "kind": "bill_introduced", "bill": format!("b-{name}"), "title": "On X" }),
                ),
                2 => ("/api/member-lists", member_list("nsdp")),
                _ => ("/api/ledgers", ledger("nsdp")),
            };
            let before = f.entries().await;
            let (status, response) = f.post(uri, token.as_deref(), body).await;
            let after = f.entries().await;
            let want = if token.is_none() {
                StatusCode::UNAUTHORIZED
            } else if allowed.contains(name) {
                StatusCode::CREATED
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(status, want, "{endpoint} by {name}: {response}");
            let grew = if status == StatusCode::CREATED { 1 } else { 0 };
            assert_eq!(after, before + grew, "{endpoint} by {name}: entries");
            if status.is_client_error() {
                assert!(response["error"]["code"].is_string(), "{response}");
            }
        }
    }
}

#[tokio::test]
async fn a_party_official_cannot_act_for_another_party() {
    let f = fixture().await;
    let t = f.token("akzhol-official").await;
    let before = f.entries().await;
    for (uri, body) in [
        ("/api/member-lists", member_list("nsdp")),
        ("/api/ledgers", ledger("nsdp")),
        (
            "/api/events",
            json!({ "date": "2025-06-10", "kind": "party_renamed", "party": "nsdp", "name": "Mine" }),
        ),
    ] {
        let (status, body) = f.post(uri, Some(&t), body).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{uri}: {body}");
        assert_eq!(body["error"]["code"], "forbidden");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("ak_zhol"),
            "{body}"
        );
    }
    assert_eq!(f.entries().await, before, "nothing written");
}

/// `saylau user add --party P`: P must be a party on the register the store's journal folds to,
/// and a refused account is not written.
#[tokio::test]
async fn an_account_acts_only_for_a_party_on_the_register() {
    let f = fixture().await;
    let add = |name: &'static str, party: &'static str| {
        let url = f.url.clone();
        async move {
            saylau_server::add_user(&url, name, "party_official", Some(party), "password-123").await
        }
    };
    for (name, party, says) in [
        (
            "ghost-official",
            "ghost_party",
            "no party `ghost_party` on the journal's register",
        ),
        (
            "dck-official",
            "dck",
            "party `dck` ceased on 2005-01 (liquidated by court",
        ),
        (
            "otan-official",
            "otan",
            "party `otan` ceased on 2006-07 (merged into `nur_otan`)",
        ),
        (
            "named-official",
            "Democratic Party Ak zhol",
            "the party of that name is `ak_zhol`",
        ),
    ] {
        let e = add(name, party).await.unwrap_err();
        assert!(e.contains(says), "{party}: {e}");
        assert!(
            f.app.store.user(name).await.unwrap().is_none(),
            "{name}: no account written"
        );
    }
    // A party registered through the API is on the register from then on.
    assert!(add("new-official", "new_party").await.is_err());
    let t = f.token("admin").await;
    let (status, body) = f
        .post(
            "/api/events",
            Some(&t),
            json!({ "date": "2025-06-10", "kind": "party_registered", "party": "new_party", "name": "New Party" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    add("new-official", "new_party").await.unwrap();
    let user = f.app.store.user("new-official").await.unwrap().unwrap();
    assert_eq!(user.party.as_deref(), Some("new_party"));
    // An empty store is checked against the built-in history the service would load, and
    // nothing is written to it.
    let url = fresh_store();
    let e = saylau_server::add_user(
        &url,
        "g",
        "party_official",
        Some("ghost_party"),
        "password-123",
    )
    .await
    .unwrap_err();
    assert!(e.contains("no party `ghost_party`"), "{e}");
    saylau_server::add_user(&url, "a", "party_official", Some("nsdp"), "password-123")
        .await
        .unwrap();
    let store = saylau_store::Store::open(&url).await.unwrap();
    assert!(store.is_empty().await.unwrap(), "no journal entry written");
    assert!(store.user("g").await.unwrap().is_none());
}

/// The examples of the OpenAPI document, posted in order to a service holding the built-in
/// history: the made-up ones are recorded or refused as they claim; those the built-in history
/// already holds are refused (dated before its last entry, or an act already recorded).
#[tokio::test]
async fn the_documented_examples_are_what_the_service_does() {
    let f = fixture().await;
    let t = f.token("admin").await;
    let (_, doc) = f.get("/api/openapi.json").await;
    let examples = doc["paths"]["/api/events"]["post"]["requestBody"]["content"]
        ["application/json"]["examples"]
        .as_object()
        .unwrap()
        .clone();
    let mut recorded = 0;
    for example in saylau_core::polity::schema::examples() {
        assert_eq!(examples[example.name]["value"], example.value);
        let before = f.entries().await;
        let (status, body) = f.post("/api/events", Some(&t), example.value.clone()).await;
        let date = example.value["date"].as_str().unwrap();
        // Before the rulebook's first act a body's date is not one the law covers: malformed.
        let before_the_law = date < "1993-01-28";
        // The built-in history runs to 2023-03-19: what is dated by then is history.
        let historical = date < "2023-03-20";
        let (want, codes) = match (historical, example.outcome) {
            (true, _) if before_the_law => (StatusCode::BAD_REQUEST, &["malformed_body"][..]),
            (true, _) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                &["out_of_order", "refused"][..],
            ),
            (false, "refused") => (StatusCode::UNPROCESSABLE_ENTITY, &["refused"][..]),
            (false, _) => (StatusCode::CREATED, &[][..]),
        };
        assert_eq!(status, want, "{}: {body}", example.name);
        if !codes.is_empty() {
            assert!(
                codes.iter().any(|c| body["error"]["code"] == *c),
                "{}: {body}",
                example.name
            );
            assert_eq!(f.entries().await, before, "{}", example.name);
        } else {
            recorded += 1;
            assert_eq!(f.entries().await, before + 1, "{}", example.name);
        }
    }
    assert_eq!(recorded, 17);
}

/// `GET /api/state` says what the state does not say by itself on a later day: a term that
/// ran out, an election overdue, a day past the journal and the rulebook's horizon.
#[tokio::test]
async fn the_state_served_notices_what_has_run_out() {
    let f = fixture().await;
    let (status, body) = f.get("/api/state?date=2026-11-29").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["state"]["president"]["term_ends"], "2029-11-20");
    assert_eq!(body["state"]["mazhilis"]["next_election_due"], "2028-03-19");
    assert_eq!(
        body["notices"],
        json!([
            { "notice": "after_the_horizon", "checked_through": "2026-07-01" },
            { "notice": "after_the_journal", "last_entry": "2024-02-06" }
        ])
    );
    // Where the journal has caught up, nothing needs saying.
    let (_, body) = f.get("/api/state?date=2008-03-01").await;
    assert_eq!(body["notices"], json!([]));
    let (_, body) = f.get("/api/state?date=2024-02-06").await;
    assert_eq!(body["notices"], json!([]));
    // A recorded entry moves the journal's end.
    let t = f.token("admin").await;
    let (status, _) = f
        .post(
            "/api/events",
            Some(&t),
            json!({ "date": "2025-06-10", "kind": "bill_introduced", "bill": "b1", "title": "On X" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, body) = f.get("/api/state?date=2025-07-01").await;
    assert_eq!(
        body["notices"],
        json!([{ "notice": "after_the_journal", "last_entry": "2025-06-10" }])
    );
    let (_, body) = f.get("/api/state?date=2025-06-10").await;
    assert_eq!(body["notices"], json!([]));
}

#[tokio::test]
async fn refused_events_say_why_and_write_nothing() {
    let f = fixture().await;
    let t = f.token("admin").await;
    let before = f.entries().await;
    let (status, body) = f
        .post(
            "/api/events",
            Some(&t),
            json!({ "date": "2025-06-10", "kind": "bloc_formed", "name": "B", "parties": ["ak_zhol", "nsdp"] }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "refused");
    let reasons = body["error"]["details"]["reasons"].to_string();
    assert!(
        reasons.contains("party.electoral_blocs_allowed"),
        "{reasons}"
    );
    // Dated before the journal's last entry.
    let (status, body) = f
        .post(
            "/api/events",
            Some(&t),
            json!({ "date": "2001-01-01", "kind": "bill_introduced", "bill": "x", "title": "x" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "out_of_order");
    assert_eq!(f.entries().await, before);
}

#[tokio::test]
async fn a_resent_write_with_the_same_key_is_recorded_once() {
    let f = fixture().await;
    let t = f.token("admin").await;
    let event =
        json!({ "date": "2025-06-10", "kind": "bill_introduced", "bill": "b1", "title": "On X" });
    let send = |body: Value| {
        let f = &f;
        let t = t.clone();
        async move {
            f.call(
                Request::post("/api/events")
                    .header("content-type", "application/json")
                    .header("authorization", format!("Bearer {t}"))
                    .header("idempotency-key", "upload-7")
                    .body(Body::from(body.to_string()))
                    .unwrap(),
            )
            .await
        }
    };
    let before = f.entries().await;
    let (s1, b1) = send(event.clone()).await;
    let (s2, b2) = send(event.clone()).await;
    assert_eq!(s1, StatusCode::CREATED, "{b1}");
    assert_eq!(s2, StatusCode::OK, "{b2}");
    assert_eq!(b1["seqs"], b2["seqs"]);
    assert_eq!(f.entries().await, before + 1);
    let (s3, b3) = send(
        json!({ "date": "2025-06-10", "kind": "bill_introduced", "bill": "b2", "title": "Other" }),
    )
    .await;
    assert_eq!(s3, StatusCode::CONFLICT, "{b3}");
    assert_eq!(b3["error"]["code"], "idempotency_conflict");
    assert!(
        b3["error"]["message"]
            .as_str()
            .unwrap()
            .contains("upload-7"),
        "{b3}"
    );
    assert_eq!(f.entries().await, before + 1);
    // Another account's key of the same name is its own: its write is recorded, and the
    // first account's answer is not given to it.
    let r = f.token("registrar").await;
    let (s4, b4) = f
        .call(
            Request::post("/api/events")
                .header("content-type", "application/json")
                .header("authorization", format!("Bearer {r}"))
                .header("idempotency-key", "upload-7")
                .body(Body::from(
                    json!({ "date": "2025-06-11", "kind": "party_renamed", "party": "nsdp", "name": "NSDP Renamed" })
                        .to_string(),
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(s4, StatusCode::CREATED, "{b4}");
    assert_ne!(b4["seqs"], b1["seqs"]);
    assert_eq!(f.entries().await, before + 2);
}

#[tokio::test]
async fn malformed_requests_are_client_errors_in_the_envelope() {
    let f = fixture().await;
    let t = f.token("admin").await;
    let cases: Vec<Request<Body>> = vec![
        Request::post("/api/events")
            .header("content-type", "application/json")
            .header("authorization", format!("Bearer {t}"))
            .body(Body::from("{\"date\": "))
            .unwrap(),
        Request::post("/api/events")
            .header("authorization", format!("Bearer {t}"))
            .body(Body::from("{}"))
            .unwrap(),
        Request::post("/api/events")
            .header("content-type", "application/json")
            .header("authorization", format!("Bearer {t}"))
            .body(Body::from("{\"date\":\"2025-06-10\",\"kind\":\"coup\"}"))
            .unwrap(),
        Request::post("/api/events")
            .header("content-type", "application/json")
            .header("authorization", format!("Bearer {t}"))
            .body(Body::from(
                "{\"date\":\"2010-13-10\",\"kind\":\"independence\"}",
            ))
            .unwrap(),
        Request::post("/api/login")
            .header("content-type", "application/json")
            .body(Body::from("[1,2]"))
            .unwrap(),
        Request::post("/api/ledgers")
            .header("content-type", "application/json")
            .header("authorization", format!("Bearer {t}"))
            .body(Body::from(
                "{\"party\":\"nsdp\",\"donations\":[{\"id\":1}]}",
            ))
            .unwrap(),
        Request::get("/api/state?date=yesterday")
            .body(Body::empty())
            .unwrap(),
        Request::get("/api/state").body(Body::empty()).unwrap(),
        Request::get("/api/journal?limit=0")
            .body(Body::empty())
            .unwrap(),
        Request::get("/api/nowhere").body(Body::empty()).unwrap(),
        Request::get("/api/elections/none")
            .body(Body::empty())
            .unwrap(),
    ];
    for req in cases {
        let what = format!("{} {}", req.method(), req.uri());
        let (status, body) = f.call(req).await;
        assert!(status.is_client_error(), "{what}: {status} {body}");
        assert!(body["error"]["code"].is_string(), "{what}: {body}");
        assert!(body["error"]["message"].is_string(), "{what}: {body}");
    }
}

#[tokio::test]
async fn logins_are_limited_and_tokens_expire() {
    let f = fixture().await;
    for _ in 0..auth::MAX_FAILURES {
        let (status, _) = f
            .post(
                "/api/login",
                None,
                json!({ "name": "admin", "password": "wrong" }),
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, body) = f
        .post(
            "/api/login",
            None,
            json!({ "name": "admin", "password": "password-123" }),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password: {body}"
    );
    // Another account is not affected.
    f.token("observer").await;
    // An expired session is refused.
    f.app
        .store
        .create_session(&auth::token_hash("old-token"), "registrar", 1)
        .await
        .unwrap();
    let (status, body) = f
        .post("/api/ledgers", Some("old-token"), ledger("nsdp"))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("expired")
    );
}

#[tokio::test]
async fn public_reads_need_no_login() {
    let f = fixture().await;
    let (status, body) = f.get("/api/law?date=2009-06-01").await;
    assert_eq!(status, StatusCode::OK);
    let min = body["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["parameter"] == "party.min_members")
        .unwrap();
    assert_eq!(min["value"], "40000");
    let (_, body) = f.get("/api/state?date=2008-03-01").await;
    assert_eq!(
        body["state"]["mazhilis"]["seats"][0],
        json!(["People's Democratic Party NUR OTAN", 98])
    );
    let (status, body) = f.get("/api/elections/mazhilis-2007").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body["result"]["steps"].as_array().unwrap().is_empty());
    let (_, body) = f.get("/api/journal?limit=3").await;
    assert_eq!(body["events"].as_array().unwrap().len(), 3);
    assert_eq!(body["events"][0]["seq"], 1);
    let (_, doc) = f.get("/api/openapi.json").await;
    for (path, method) in saylau_server::openapi::PATHS {
        assert!(doc["paths"][path][method].is_object(), "{method} {path}");
    }
}

#[tokio::test]
async fn the_state_served_follows_each_recorded_write() {
    let f = fixture().await;
    let t = f.token("admin").await;
    let (_, before) = f.get("/api/state?date=2025-07-01").await;
    assert!(before["state"]["bills"]["b9"].is_null());
    let (status, _) = f
        .post(
            "/api/events",
            Some(&t),
            json!({ "date": "2025-06-10", "kind": "bill_introduced", "bill": "b9", "title": "On Y" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, after) = f.get("/api/state?date=2025-07-01").await;
    assert_eq!(after["state"]["bills"]["b9"]["title"], "On Y");
    let (_, earlier) = f.get("/api/state?date=2025-06-09").await;
    assert!(
        earlier["state"]["bills"]["b9"].is_null(),
        "not before its date"
    );
    // A refused event changes nothing that is served.
    let (status, _) = f
        .post(
            "/api/events",
            Some(&t),
            json!({ "date": "2025-06-11", "kind": "bill_passed", "bill": "b9", "by": "senate" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, again) = f.get("/api/state?date=2025-07-01").await;
    assert_eq!(again, after);
}

#[tokio::test]
async fn the_parliament_page_draws_one_shape_per_seat() {
    let f = fixture().await;
    let res = f
        .router
        .clone()
        .oneshot(
            Request::get("/parliament?date=2008-03-01")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let html =
        String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    let svgs: Vec<&str> = html.split("<svg").skip(1).collect();
    assert_eq!(svgs.len(), 2, "Mazhilis and Senate");
    let seats = |svg: &str| svg.matches("class=\"seat ").count();
    // 98 list seats and 9 Assembly seats; 32 elected and 15 appointed senators.
    assert_eq!(seats(svgs[0]), 107);
    assert_eq!(svgs[0].matches("seat-assembly").count(), 9);
    assert_eq!(seats(svgs[1]), 47);
    assert_eq!(svgs[1].matches("seat-appointed").count(), 15);
    assert!(html.contains("People&#39;s Democratic Party NUR OTAN"));
    assert!(html.contains("<td class=\"n\">98</td>"));
    assert!(html.contains("<label for=\"date\">Date</label>"));
    // Under the 1998 text: no Mazhilis election in the journal yet, a Senate of 39.
    let res = f
        .router
        .clone()
        .oneshot(
            Request::get("/parliament?date=2000-01-01")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let html =
        String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    // No Mazhilis election is in the journal yet: its 77 seats by law are drawn without
    // holders.
    let svgs: Vec<&str> = html.split("<svg").skip(1).collect();
    assert_eq!(seats(svgs[0]), 77);
    assert_eq!(svgs[0].matches("seat-unknown").count(), 77);
    assert!(
        html.contains("Elected by party lists (holders not in the data)"),
        "{html}"
    );
    assert_eq!(seats(svgs[1]), 39);
    // Under the Constitution of 2026 one chamber, the Kurultai, whose 145 seats the journal
    // has no election for; after the rulebook's last checked day it is drawn as projected.
    let (_, html) = page_text(&f, "/parliament?date=2026-09-01").await;
    let svgs: Vec<&str> = html.split("<svg").skip(1).collect();
    assert_eq!(svgs.len(), 1, "one chamber");
    assert_eq!(seats(svgs[0]), 145);
    assert!(html.contains("<h2>Kurultai</h2>"), "{html}");
    assert!(html.contains("projected to 2026-09-01"), "{html}");
    assert!(!html.contains("Mazhilis"), "{html}");
    // Between the Supreme Council's dissolution and the 1995 Constitution, no parliament.
    let (_, html) = page_text(&f, "/parliament?date=1995-05-01").await;
    assert!(
        html.contains("No parliament sits on 1995-05-01 under the law"),
        "{html}"
    );
    assert!(!html.contains("<svg"), "{html}");
    // The mixed Mazhilis of 2023: 69 list seats and 29 won in constituencies, no Assembly
    // seats; a Senate of two senators for each of 20 units and 10 appointed.
    let (_, html) = page_text(&f, "/parliament?date=2024-01-01").await;
    let svgs: Vec<&str> = html.split("<svg").skip(1).collect();
    assert_eq!(seats(svgs[0]), 98);
    assert_eq!(svgs[0].matches("seat-party-list").count(), 69);
    assert_eq!(svgs[0].matches("seat-single-member").count(), 29);
    assert_eq!(svgs[0].matches("seat-assembly").count(), 0);
    assert!(html.contains("Self-nominated"), "{html}");
    assert_eq!(seats(svgs[1]), 50);
    assert_eq!(svgs[1].matches("seat-appointed").count(), 10);
}

async fn page_text(f: &Fixture, uri: &str) -> (StatusCode, String) {
    let res = f
        .router
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

#[tokio::test]
async fn the_election_page_explains_and_compares_and_downloads_what_it_shows() {
    let f = fixture().await;
    let (status, html) = page_text(&f, "/elections/mazhilis-2007").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<td class=\"n\">98</td>"),
        "NUR OTAN's 98 seats"
    );
    assert!(
        html.contains("mazhilis.threshold"),
        "the threshold step is cited"
    );
    assert!(html.contains("Gallagher index"));
    assert_eq!(html.matches("class=\"seat ").count(), 98);
    // What if: a 3% threshold gives 90, 5 and 3, drawn beside the real result.
    let (status, html) = page_text(&f, "/elections/mazhilis-2007?threshold=3").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("With a 3% threshold"));
    assert_eq!(html.matches("class=\"seat ").count(), 98 * 2);
    for seats in ["90", "5", "3"] {
        assert!(
            html.contains(&format!("<td class=\"n\">{seats}</td>")),
            "{seats}"
        );
    }
    // The law of 2009 (the runner-up rule) on the 2007 votes: 95 and 3.
    let (_, html) = page_text(&f, "/elections/mazhilis-2007?law_date=2009-06-01").await;
    assert!(html.contains("Under the law of 2009-06-01"));
    assert!(html.contains("<td class=\"n\">93</td>"));
    // The downloads are exactly the table's rows.
    let (status, csv) = page_text(&f, "/elections/mazhilis-2007/results.csv").await;
    assert_eq!(status, StatusCode::OK);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("party,votes,share_percent,published_share_percent,passed_threshold,seats")
    );
    // The share is of the votes for the lists, rounded half up, beside the share as published.
    assert_eq!(
        lines.next(),
        Some("People's Democratic Party NUR OTAN,5247720,88.41,88.41,true,98")
    );
    assert_eq!(lines.count(), 6);
    let (_, json) = page_text(&f, "/elections/mazhilis-2007/results.json").await;
    let rows: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 7);
    assert_eq!(rows[0]["seats"], 98);
    // The what-if's own tables download as shown, with the what-if's query kept.
    let (status, json) = page_text(
        &f,
        "/elections/mazhilis-2007?threshold=3&download=what-if-results.json",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let seats: Vec<u64> = serde_json::from_str::<Vec<Value>>(&json)
        .unwrap()
        .iter()
        .map(|r| r["seats"].as_u64().unwrap())
        .collect();
    assert_eq!(seats, [90, 5, 3, 0, 0, 0, 0]);
    // Method and seats combine with the threshold and the law of another date.
    let (status, html) = page_text(
        &f,
        "/elections/mazhilis-2007?threshold=3&method=dhondt&seats=120&law_date=2009-06-01",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(
        "Under the law of 2009-06-01, with a 3% threshold, by dhondt, for 120 list seats"
    ));
    for bad in ["method=lottery", "seats=0", "seats=many", "law_date=soon"] {
        let (status, body) = page_text(&f, &format!("/elections/mazhilis-2007?{bad}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
    }
    // Bad what-ifs are client errors in the envelope.
    let (status, body) = page_text(&f, "/elections/mazhilis-2007?threshold=lots").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _) = page_text(&f, "/elections/nowhere").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_law_and_journal_pages() {
    let f = fixture().await;
    let (status, html) = page_text(&f, "/law?date=2009-06-01").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<a href=\"/law/party.min_members\">"));
    assert!(html.contains("40000"));
    // Between 2008 and 2009: the membership minimums differ, the threshold does not.
    let (_, html) = page_text(&f, "/law?date=2008-06-01&compare=2009-06-01").await;
    assert!(
        html.contains("party.min_members_per_unit"),
        "changed in 2009"
    );
    assert!(
        !html.contains(">mazhilis.threshold<"),
        "unchanged: not listed"
    );
    assert!(html.contains("parameters differ between 2008-06-01 and 2009-06-01"));
    let (status, html) = page_text(&f, "/law/party.min_members").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("download=timeline.csv"));
    let (status, json) = page_text(&f, "/law/party.min_members?download=timeline.json").await;
    assert_eq!(status, StatusCode::OK);
    let values: Vec<Value> = serde_json::from_str::<Vec<Value>>(&json)
        .unwrap()
        .into_iter()
        .map(|row| row["value"].clone())
        .collect();
    assert_eq!(values, ["unknown", "50000", "40000", "20000", "5000"]);
    let (status, _) = page_text(&f, "/law/no.such").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = page_text(&f, "/law?date=someday").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, html) = page_text(&f, "/journal?kind=president_elected").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("1–7 of the 7 matching entries (70 in the journal)"),
        "{html}"
    );
    let (_, json) = page_text(&f, "/journal?kind=president_elected&download=journal.json").await;
    let rows: Vec<Value> = serde_json::from_str(&json).unwrap();
    let dates: Vec<&str> = rows.iter().map(|r| r["date"].as_str().unwrap()).collect();
    assert_eq!(
        dates,
        [
            "1991-12-01",
            "1999-01-10",
            "2005-12",
            "2011-04-03",
            "2015-04-26",
            "2019-06-09",
            "2022-11-20"
        ]
    );
    // A span of dates and a verdict filter too; month-dated entries count when they overlap.
    let (_, json) = page_text(
        &f,
        "/journal?from=2007-01-01&to=2007-12-31&download=journal.json",
    )
    .await;
    let rows: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert!(rows.len() >= 3, "{rows:?}");
    assert!(
        rows.iter()
            .all(|r| r["date"].as_str().unwrap().starts_with("2007"))
    );
    let (_, json) = page_text(&f, "/journal?verdict=recorded&download=journal.json").await;
    let rows: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert!(!rows.is_empty() && rows.iter().all(|r| r["verdict"] == "recorded as fact"));
    let (status, _) = page_text(&f, "/journal?verdict=maybe").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        html.contains("recorded as fact"),
        "1991 predates the rulebook"
    );
    assert!(html.contains("<a href=\"/law/president.term_years\">"));
}

#[tokio::test]
async fn the_system_page_draws_the_rulebooks_powers_with_citations() {
    let f = fixture().await;
    let (status, html) = page_text(&f, "/system?date=2009-06-01").await;
    assert_eq!(status, StatusCode::OK);
    // Every arrow is a link to the parameter that says so, and the table repeats them.
    let arrows = html.matches("<path class=\"relation\"").count();
    let (_, json) = page_text(&f, "/system?date=2009-06-01&download=relations.json").await;
    let rows = serde_json::from_str::<Vec<Value>>(&json).unwrap().len();
    assert!(arrows >= 20, "{arrows}");
    assert_eq!(arrows, rows);
    assert!(html.contains("<tr><td>mazhilis</td><td>confirms</td><td>prime minister</td>"));
    assert!(html.contains("<tr><td>mazhilis</td><td>no confidence</td><td>government</td>"));
    assert!(html.contains("<a href=\"/law/powers.appointments\">"));
    assert!(html.contains("<tr><td>senate</td><td>dismisses</td><td>supreme court judge</td>"));
    assert!(html.contains("<a href=\"/law/powers.dismissals\">"));
    // Under the 1998 text the procedures are not in the rulebook: said, not guessed.
    let (_, html) = page_text(&f, "/system?date=2000-01-01").await;
    assert!(html.contains("Not known on this date"), "{html}");
    assert!(html.contains("`powers.dismissals` on 2000-01-01 is unknown"));
    assert!(!html.contains("confirms</td><td>prime minister"));
}

#[tokio::test]
async fn pages_refuse_bad_dates_in_the_envelope() {
    let f = fixture().await;
    for uri in [
        "/parliament?date=2008-02-30",
        "/system?date=yesterday",
        "/law?date=2009-06-01&compare=soon",
        "/elections/mazhilis-2007?law_date=2009-13-01",
        "/parties?date=2009-02-29",
        "/journal?from=last-year",
        "/journal?to=2009-06-31",
    ] {
        let (status, body) = page_text(&f, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["error"]["code"], "bad_request", "{uri}");
    }
}

/// A `multipart/form-data` body: (field, file name for a file, content).
fn multipart(parts: &[(&str, Option<&str>, &str)]) -> (String, Vec<u8>) {
    let boundary = "saylau-test-boundary-7d1f".to_string();
    let mut body = Vec::new();
    for (name, file, content) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(content.as_bytes());
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (boundary, body)
}

async fn post_form(
    f: &Fixture,
    uri: &str,
    parts: &[(&str, Option<&str>, &str)],
) -> (StatusCode, String) {
    let (boundary, body) = multipart(parts);
    let req = Request::post(uri)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    let res = f.router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

/// The JSON a posted page's download link for `table` carries.
fn posted_table(html: &str, table: &str) -> Vec<Value> {
    let marker = format!("\" download=\"{table}.json\"");
    let end = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {table}.json link"));
    let start = html[..end].rfind(",").unwrap() + 1;
    let encoded = &html[start..end];
    let mut bytes = Vec::new();
    let mut i = 0;
    let raw = encoded.as_bytes();
    while i < raw.len() {
        if raw[i] == b'%' {
            bytes.push(u8::from_str_radix(&encoded[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            bytes.push(raw[i]);
            i += 1;
        }
    }
    serde_json::from_slice(&bytes).unwrap()
}

/// The units the built-in rulebook has in force in 2009: the only list of units there is.
fn units_in_2009() -> Vec<String> {
    let book = saylau_core::builtin::rulebook().unwrap();
    saylau_core::law::Law::new(&book, &[])
        .at(jiff::civil::date(2009, 7, 15))
        .list(saylau_core::law::Param::StateUnits)
        .unwrap()
        .value
        .to_vec()
}

/// A register of `per_unit` adults in each unit and the member list of all of them.
fn register_and_members(per_unit: u16) -> (String, String) {
    use saylau_core::parties::iin::{Iin, Sex};
    let mut register = String::from("iin,full_name,birth_date,unit,citizen,deceased,occupation\n");
    let mut members = String::from("iin,signed_on\n");
    // Serials run out within a day: move on to the next birth date.
    let mut born = jiff::civil::date(1970, 5, 17);
    let mut serial = 0u16;
    for unit in &units_in_2009() {
        for _ in 0..per_unit {
            let iin = loop {
                serial += 1;
                if serial > 9000 {
                    serial = 1;
                    born = born.tomorrow().unwrap();
                }
                if let Some(iin) = Iin::from_parts(born, Sex::Male, serial) {
                    break iin;
                }
            };
            register.push_str(&format!(
                "{iin},Member {serial},{born},{unit},true,false,engineer\n"
            ));
            members.push_str(&format!("{iin},2009-04-01\n"));
        }
    }
    (register, members)
}

#[tokio::test]
async fn the_parties_pages_show_history_membership_and_download_what_they_show() {
    let f = fixture().await;
    let (status, html) = page_text(&f, "/parties?date=2009-06-01").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<a href=\"/parties/nur_otan\">"));
    assert!(
        html.contains("merged into nur_otan, 2006-07"),
        "Otan ceased by merger"
    );
    assert!(html.contains("<form method=\"post\" action=\"/parties/check-registration\" enctype=\"multipart/form-data\">"));
    // The download is the table: one row per party the data names, NUR OTAN's density exact.
    let (status, json) = page_text(&f, "/parties?date=2009-06-01&download=parties.json").await;
    assert_eq!(status, StatusCode::OK);
    let rows: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.len(), html.matches("<a href=\"/parties/").count());
    let nur = rows.iter().find(|r| r["short_name"] == "NUR OTAN").unwrap();
    assert_eq!(nur["members_2009"], 608000);
    assert_eq!(nur["density_computed"], "6.84");
    assert_eq!(nur["density_published"], "6.83");
    let (_, csv) = page_text(&f, "/parties?download=parties.csv").await;
    assert!(csv.starts_with("party,short_name,register,founded,family,camp,status,members_2009,density_computed,density_published\n"));
    assert_eq!(csv.lines().count(), rows.len() + 1);
    // Before 2006-07 Otan was still on the register.
    let (_, json) = page_text(&f, "/parties?date=2005-01-01&download=parties.json").await;
    let rows: Vec<Value> = serde_json::from_str(&json).unwrap();
    let otan = rows.iter().find(|r| r["short_name"] == "Otan").unwrap();
    assert!(
        otan["register"].as_str().unwrap().starts_with("registered"),
        "{otan}"
    );

    let (status, html) = page_text(&f, "/parties/nur_otan").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("parties_merged"),
        "the journal's merger names the party"
    );
    let (_, json) = page_text(&f, "/parties/nur_otan?download=history.json").await;
    let history: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(history[1]["kind"], "renamed");
    assert_eq!(history[1]["date"], "2006-07");
    let (_, json) = page_text(&f, "/parties/nur_otan?download=membership.json").await;
    let membership: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(membership[0]["members"], 35000);
    assert_eq!(membership[1]["members"], 608000);

    let (status, body) = page_text(&f, "/parties/nobody").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, body) = page_text(&f, "/parties/nur_otan?download=nothing.csv").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        body.contains("facts, history, journal, membership"),
        "{body}"
    );
    let (status, _) = page_text(&f, "/parties/nur_otan?download=history.xlsx").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_registration_checker_decides_on_uploaded_files_and_records_nothing() {
    let f = fixture().await;
    let before = f.entries().await;
    let form = |register: &str, members: &str| -> Vec<(String, Option<String>, String)> {
        vec![
            ("members".into(), Some("members.csv".into()), members.into()),
            (
                "register".into(),
                Some("register.csv".into()),
                register.into(),
            ),
            ("filed".into(), None, "2009-07-01".into()),
            ("committee_registered".into(), None, "2009-03-02".into()),
            ("founders".into(), None, "1000".into()),
        ]
    };
    let post = |parts: Vec<(String, Option<String>, String)>| {
        let f = &f;
        async move {
            let borrowed: Vec<(&str, Option<&str>, &str)> = parts
                .iter()
                .map(|(a, b, c)| (a.as_str(), b.as_deref(), c.as_str()))
                .collect();
            post_form(f, "/parties/check-registration", &borrowed).await
        }
    };

    // 16 units × 2,500 = 40,000 valid members: exactly the 2009 minimum.
    let (register, members) = register_and_members(2500);
    let (status, html) = post(form(&register, &members)).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("<strong>Registrable</strong>"),
        "{}",
        &html[..2000]
    );
    let units = posted_table(&html, "units");
    assert_eq!(units.len(), 16);
    assert!(
        units
            .iter()
            .all(|u| u["valid_members"] == 2500 && u["minimum"] == 600)
    );

    // One member fewer, one not in the register, one bad IIN, one signed too late.
    let mut members: Vec<&str> = members.lines().collect();
    members.pop();
    let short = format!(
        "{}\n000000000000,2009-04-01\n123,2009-04-01\n{},2009-07-02\n",
        members.join("\n"),
        members[1].split(',').next().unwrap()
    );
    let (status, html) = post(form(&register, &short)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<strong>Refused</strong>"));
    let rejected = posted_table(&html, "rejected");
    let count = |reason: &str| {
        rejected
            .iter()
            .find(|r| r["reason"] == reason)
            .map(|r| r["signatures"].clone())
    };
    assert_eq!(count("invalid iin"), Some(json!(2)), "{rejected:?}");
    assert_eq!(count("outside window"), Some(json!(1)));
    assert_eq!(count("Valid"), Some(json!(39_999)));
    let rows = posted_table(&html, "rejected-rows");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[2]["line"], 40_003);
    assert_eq!(rows[2]["reason"], "outside window");
    let findings = posted_table(&html, "findings");
    assert_eq!(findings[1]["rule"], "members");
    assert_eq!(findings[1]["met"], false);
    // The same list under the law of 2008 (50,000 members) is refused for that reason too.
    let mut parts = form(&register, &members.join("\n"));
    parts.push(("law_date".into(), None, "2008-06-01".into()));
    let (_, html) = post(parts).await;
    assert!(html.contains("under the law of 2008-06-01"));
    assert!(
        posted_table(&html, "findings")[1]["says"]
            .as_str()
            .unwrap()
            .contains("50000")
    );

    // A malformed register: an error page naming file, line and field; nothing decided.
    let bad = register.replacen(",1970-05-17,akmola", ",1970-13-17,akmola", 1);
    let (status, html) = post(form(&bad, &short)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        html.contains("register.csv:2: field `birth_date`"),
        "{html}"
    );
    assert!(!html.contains("Registrable") && !html.contains("<strong>Refused"));
    let (status, html) = post(form("iin,unit\n1,astana\n", &short)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        html.contains(
            "register.csv:1: field `full_name`: missing from the header, and so are `birth_date`, `citizen`, `deceased`, `occupation`"
        ),
        "{html}"
    );
    let mut parts = form(&register, &short);
    parts.retain(|(name, _, _)| name != "founders");
    let (status, html) = post(parts).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("field `founders` is required"));

    assert_eq!(f.entries().await, before, "checking records nothing");
}

#[tokio::test]
async fn the_ledger_checker_gives_each_donation_its_verdict() {
    let f = fixture().await;
    let ledger = "id,date,party,donor_kind,donor,amount_kzt,written_confirmation,source_stated\n\
                  d1,2008-03-01,Party A,citizen,A,2000,true,true\n\
                  d2,2008-03-01,Party A,foreign_state,B,5000,true,true\n\
                  d3,2008-03-01,Party A,citizen,C,700,false,true\n";
    let (status, html) = post_form(
        &f,
        "/parties/check-ledger",
        &[("ledger", Some("ledger.csv"), ledger)],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let rows = posted_table(&html, "donations");
    let verdicts: Vec<&str> = rows
        .iter()
        .map(|r| r["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["permissible", "impermissible", "incomplete"]);
    let totals = posted_table(&html, "totals");
    assert_eq!(totals[3]["verdict"], "All");
    assert_eq!(totals[3]["amount_kzt"], 7700);
    assert_eq!(totals[1]["amount_kzt"], 700, "incomplete");

    let bad = ledger.replace(
        "d2,2008-03-01,Party A,foreign_state,B,5000",
        "d2,2008-03-01,Party A,foreign_state,B,lots",
    );
    let (status, html) = post_form(
        &f,
        "/parties/check-ledger",
        &[("ledger", Some("ledger.csv"), &bad)],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("ledger.csv:3: field `amount_kzt`"), "{html}");
    // Not a file upload at all: the same kind of page, not a bare rejection.
    for uri in ["/parties/check-ledger", "/parties/check-registration"] {
        let req = Request::post(uri)
            .header("content-type", "application/json")
            .body(Body::from("{}"))
            .unwrap();
        let res = f.router.clone().oneshot(req).await.unwrap();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{uri}");
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let html = String::from_utf8(bytes.to_vec()).unwrap();
        assert!(html.contains("is not a file upload"), "{uri}: {html}");
    }
}

#[tokio::test]
async fn the_journal_page_pages_and_follows_recorded_events() {
    let f = fixture().await;
    let t = f.token("admin").await;
    for i in 0..210 {
        let (status, body) = f
            .post(
                "/api/events",
                Some(&t),
                json!({ "date": "2025-07-01", "kind": "bill_introduced", "bill": format!("b{i}"), "title": "On X" }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let (status, html) = page_text(&f, "/journal?kind=bill_introduced").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("1–200 of the 210 matching entries (280 in the journal)"),
        "{html}"
    );
    assert!(html.contains("<a href=\"/journal?kind=bill_introduced&amp;page=2\">Next page</a>"));
    let (_, json) = page_text(
        &f,
        "/journal?kind=bill_introduced&page=2&download=journal.json",
    )
    .await;
    let rows: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.len(), 10, "the download is the page shown");
    assert_eq!(rows[0]["date"], "2025-07-01");
    assert_eq!(rows[0]["verdict"], "applied");
    let (_, html) = page_text(&f, "/journal?kind=bill_introduced&page=2").await;
    assert!(html.contains("201–210 of the 210"));
    assert!(html.contains("Previous page") && !html.contains("Next page"));
    let (status, _) = page_text(&f, "/journal?page=0").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // A page number whose first entry would overflow is bad input, not a 500.
    for page in ["92233720368547759", "18446744073709551615"] {
        let (status, html) = page_text(&f, &format!("/journal?page={page}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{page}: {html}");
        assert!(html.contains("is not a page number (1 to"), "{html}");
    }
}

#[tokio::test]
async fn every_election_has_a_page() {
    let f = fixture().await;
    let (status, json) = page_text(&f, "/elections?download=elections.json").await;
    assert_eq!(status, StatusCode::OK);
    let rows: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.len(), f.app.data.elections.len());
    for row in &rows {
        let id = row["election"].as_str().unwrap();
        let (status, body) = page_text(&f, &format!("/elections/{id}")).await;
        assert_eq!(status, StatusCode::OK, "{id}: {body}");
    }
    // 1999: the first round under the law of its day, the majority checked exactly.
    let (_, html) = page_text(&f, "/elections/president-1999").await;
    assert!(
        html.contains("the 7097705 votes for candidates stand in"),
        "{html}"
    );
    let (_, json) = page_text(&f, "/elections/president-1999?download=results.json").await;
    let rows: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(rows[0]["candidate"], "Nursultan Nazarbaev");
    assert_eq!(rows[0]["elected"], true);
    assert_eq!(
        rows[0]["share_percent"], "82.38",
        "5846817 / 7097705 = 82.376…%, rounded half up like every share"
    );
    assert_eq!(rows[0]["published_share_percent"], "79.78");
    assert!(rows[1..].iter().all(|r| r["elected"] == false));
    assert!(html.contains("<a href=\"/law/president.majority\">"));
    // 2005 is dated to the month only; 1991 and the 2008 Senate have no counts.
    let (_, html) = page_text(&f, "/elections/president-2005").await;
    assert!(
        html.contains("only to 2005-12; the law of 2005-12-31 is applied"),
        "{html}"
    );
    let (_, html) = page_text(&f, "/elections/president-1991").await;
    assert!(html.contains("Nothing to compute"), "{html}");
    assert!(html.contains("has no vote figures to run"), "{html}");
    let (_, html) = page_text(&f, "/elections/senate-2008").await;
    assert!(html.contains("Nothing to compute"), "{html}");
}

/// The rows of a page's table download as JSON.
async fn download_rows(f: &Fixture, uri: &str) -> Vec<Value> {
    let (status, json) = page_text(f, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {json}");
    serde_json::from_str(&json).unwrap()
}

#[tokio::test]
async fn an_election_reads_the_same_in_the_api_and_the_page_with_or_without_a_what_if() {
    let f = fixture().await;
    for query in [
        "",
        "?threshold=3",
        "?threshold=3.5%25&method=sainte_lague&seats=120",
    ] {
        let (status, api) = f.get(&format!("/api/elections/mazhilis-2007{query}")).await;
        assert_eq!(status, StatusCode::OK, "{query}: {api}");
        let result = &api["result"];
        assert_eq!(result["kind"], "list");
        let sep = if query.is_empty() { "?" } else { "&" };
        let table = if query.is_empty() {
            "results"
        } else {
            "what-if-results"
        };
        let rows = download_rows(
            &f,
            &format!("/elections/mazhilis-2007{query}{sep}download={table}.json"),
        )
        .await;
        let api_rows = result["rows"].as_array().unwrap();
        assert_eq!(rows.len(), api_rows.len(), "{query}");
        for (page, api) in rows.iter().zip(api_rows) {
            assert_eq!(page["party"], api["party"], "{query}");
            assert_eq!(page["votes"], api["votes"], "{query}");
            assert_eq!(page["share_percent"], api["share"]["percent"], "{query}");
            assert_eq!(page["seats"], api["seats"], "{query}");
            assert_eq!(page["passed_threshold"], api["admitted"], "{query}");
        }
        let indices = download_rows(
            &f,
            &format!(
                "/elections/mazhilis-2007{query}{sep}download={}.json",
                if query.is_empty() {
                    "indices"
                } else {
                    "what-if-indices"
                }
            ),
        )
        .await;
        assert_eq!(
            indices[1]["value"], result["indices"]["gallagher"]["shown"],
            "{query}"
        );
        assert_eq!(
            indices[3]["value"], result["indices"]["enp_seats"]["shown"],
            "{query}"
        );
    }
    let (_, api) = f.get("/api/elections/mazhilis-2007?threshold=3").await;
    let seats: Vec<u64> = api["result"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["seats"].as_u64().unwrap())
        .collect();
    assert_eq!(seats, [90, 5, 3, 0, 0, 0, 0]);
    assert_eq!(api["result"]["what_if"], "with a 3% threshold");
    // The API computes what the page would not draw.
    let (status, _) = f.get("/api/elections/mazhilis-2007?seats=900").await;
    assert_eq!(status, StatusCode::OK);
    let (status, html) = page_text(&f, "/elections/mazhilis-2007?seats=900").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{html}");
    // What is not understood is said, never dropped.
    for (uri, says) in [
        (
            "/api/elections/mazhilis-2007?thresold=3",
            "query `thresold`: not a parameter",
        ),
        (
            "/api/elections/mazhilis-2007?threshold=3&threshold=4",
            "query `threshold`: given twice",
        ),
        (
            "/api/elections/mazhilis-2007?method=borda",
            "query `method`: `borda` is not one of",
        ),
        (
            "/api/elections/mazhilis-2007?threshold=abc",
            "query `threshold`: `abc` is not a percentage",
        ),
        (
            "/api/elections/president-1999?threshold=3",
            "a what-if applies to a party-list election",
        ),
        (
            "/elections/mazhilis-2007?thresold=3",
            "query `thresold`: not a parameter",
        ),
    ] {
        let (status, body) = page_text(&f, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        assert!(body.contains(says), "{uri}: {body}");
    }
}

#[tokio::test]
async fn an_election_recorded_through_the_api_is_listed_and_computed_everywhere() {
    let f = fixture().await;
    let admin = f.token("admin").await;
    let (status, body) = f
        .post(
            "/api/events",
            Some(&admin),
            json!({ "date": "2025-06-20", "kind": "mazhilis_elected", "election": "mazhilis-2009-test",
                    "lists": [["nur_otan", 900000], ["nsdp", 80000], ["ak_zhol", 20000]] }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (_, list) = f.get("/api/elections").await;
    let recorded = list["recorded"].as_array().unwrap();
    assert_eq!(recorded.len(), 1, "{list}");
    assert_eq!(recorded[0]["id"], "mazhilis-2009-test");
    let (_, html) = page_text(&f, "/elections").await;
    assert!(
        html.contains("href=\"/elections/mazhilis-2009-test\""),
        "{html}"
    );
    // Two lists pass the 7% threshold, so the runner-up rule of 2009 does not apply.
    let (status, api) = f.get("/api/elections/mazhilis-2009-test").await;
    assert_eq!(status, StatusCode::OK, "{api}");
    assert_eq!(api["result"]["runner_up"], serde_json::Value::Null);
    assert_eq!(api["result"]["admitted"], json!(["nur_otan", "nsdp"]));
    let rows = download_rows(&f, "/elections/mazhilis-2009-test?download=results.json").await;
    for (page, api) in rows.iter().zip(api["result"]["rows"].as_array().unwrap()) {
        assert_eq!(page["seats"], api["seats"]);
        assert_eq!(page["votes"], api["votes"]);
        assert_eq!(page["share_percent"], api["share"]["percent"]);
    }
    assert_eq!(rows[0]["share_percent"], "90.00");
    let (status, _) = f.get("/api/elections/mazhilis-2099").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_law_after_the_horizon_is_not_known_unless_projected_and_diffs_come_from_the_core() {
    let f = fixture().await;
    let (status, body) = f.get("/api/law?date=2026-11-29").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["checked_through"], "2026-07-01");
    for p in body["parameters"].as_array().unwrap() {
        assert_eq!(p["status"], "not_known_after", "{p}");
    }
    let (_, body) = f.get("/api/law?date=2026-11-29&project=true").await;
    assert_eq!(body["projecting"], true);
    let threshold = body["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["parameter"] == "kurultai.threshold")
        .unwrap()
        .clone();
    assert_eq!(
        (threshold["status"].as_str(), threshold["value"].as_str()),
        (Some("projected"), Some("5%"))
    );
    let (_, body) = f.get("/api/law?date=2007-08-18&compare=2009-06-01").await;
    let min = body["differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["parameter"] == "party.min_members")
        .unwrap()
        .clone();
    assert_eq!(min["after"]["value"], "40000");
    for (uri, says) in [
        (
            "/api/law?date=2009-06-01&project=yes",
            "query `project`: `yes` is not true or false",
        ),
        (
            "/api/law?date=2009-06-01&compare=2009-13-01",
            "query `compare`",
        ),
        ("/api/law?day=2009-06-01", "query `day`: not a parameter"),
        ("/api/law", "query `date`: missing"),
    ] {
        let (status, body) = f.get(uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(
            body["error"]["message"].as_str().unwrap().contains(says),
            "{uri}: {body}"
        );
    }
    // The page says how far the rulebook is checked and offers the projection.
    let (_, html) = page_text(&f, "/law?date=2026-11-29").await;
    assert!(html.contains("checked against the law through 2026-07-01"));
    assert!(
        !html.contains("<td>7%</td>"),
        "no 2009 value shown as in force"
    );
    let (_, html) = page_text(&f, "/law?date=2026-11-29&project=true").await;
    assert!(html.contains("(projected)"), "{html}");
}

#[tokio::test]
async fn a_query_parameter_no_address_takes_is_an_error_not_ignored() {
    let f = fixture().await;
    for (uri, says) in [
        (
            "/parliament?dat=2008-03-01",
            "query `dat`: not a parameter of this address (it takes date, download)",
        ),
        (
            "/parties?date=2008-03-01&date=2009-01-01",
            "query `date`: given twice",
        ),
        ("/system?when=2009", "query `when`"),
        ("/law?date=2009-06-01&compar=2008-01-01", "query `compar`"),
        ("/journal?kinds=bill_introduced", "query `kinds`"),
        ("/elections?sort=date", "query `sort`"),
        ("/parties/azat?x=1", "query `x`"),
        ("/api/state?date=2008-03-01&verbose=1", "query `verbose`"),
        ("/api/journal?limit=5&offset=3", "query `offset`"),
        ("/api/parties?all=1", "(it takes none)"),
    ] {
        let (status, body) = page_text(&f, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        assert!(body.contains(says), "{uri}: {body}");
    }
    // What each address does take still works.
    for uri in [
        "/parliament?date=2008-03-01",
        "/journal?kind=bill_introduced&page=1",
        "/api/journal?limit=5&after=1",
    ] {
        let (status, _) = page_text(&f, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
    }
}

/// Issue 10's inputs through the upload form: a 400 page naming file, line and field; a
/// control character shown escaped; nothing decided or recorded.
#[tokio::test]
async fn the_upload_form_refuses_what_every_reader_refuses() {
    let f = fixture().await;
    let before = f.entries().await;
    let (register, members) = register_and_members(2);
    let post = |register: String, members: String| {
        let f = &f;
        async move {
            post_form(
                f,
                "/parties/check-registration",
                &[
                    ("members", Some("members.csv"), members.as_str()),
                    ("register", Some("register.csv"), register.as_str()),
                    ("filed", None, "2009-07-01"),
                    ("committee_registered", None, "2009-03-02"),
                    ("founders", None, "1000"),
                ],
            )
            .await
        }
    };
    // `iin,signed_on,signed_on`: the web took the last column, the command line the first.
    let twice = members
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                "iin,signed_on,signed_on\n".to_string()
            } else {
                format!("{l},2001-01-01\n")
            }
        })
        .collect::<String>();
    let (status, html) = post(register.clone(), twice).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        html.contains(
            "members.csv:1: field `signed_on`: the header names this column twice (columns 2 and 3)"
        ),
        "{html}"
    );
    assert!(!html.contains("Registrable") && !html.contains("<strong>Refused"));
    // A case-different header the same.
    let upper =
        register
            .replacen("iin,", "iin,IIN_x,", 0)
            .replacen("full_name", "FULL_NAME,full_name", 1);
    let (status, html) = post(upper, members.clone()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        html.contains("register.csv:1: field `full_name`: the header names this column twice"),
        "{html}"
    );
    // An escape sequence in a name is refused and shown escaped, never raw.
    let evil = register.replacen(",Member 1,", ",Member\u{1b}]0;owned\u{7},", 1);
    let (status, html) = post(evil, members.clone()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        html.contains("register.csv:2: field `full_name`: `Member\\u{1b}]0;owned\\u{7}` holds the control or invisible character \\u{1b}"),
        "{html}"
    );
    assert!(!html.contains('\u{1b}'));
    // An unknown column.
    let extra = members
        .replacen("iin,signed_on\n", "iin,signed_on,claimed_unit\n", 1)
        .replace(",2009-04-01\n", ",2009-04-01,astana\n");
    let (status, html) = post(register.clone(), extra).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        html.contains("members.csv:1: field `claimed_unit`: not a column of a member list"),
        "{html}"
    );
    // The form's own fields: a long value is quoted short, a control character refused, a
    // committee registered in 1800 refused with the range named.
    let form = |founders: &str, committee: &str, party: &str| {
        vec![
            ("members".to_string(), Some("members.csv"), members.clone()),
            (
                "register".to_string(),
                Some("register.csv"),
                register.clone(),
            ),
            ("filed".to_string(), None, "2009-07-01".to_string()),
            (
                "committee_registered".to_string(),
                None,
                committee.to_string(),
            ),
            ("founders".to_string(), None, founders.to_string()),
            ("party".to_string(), None, party.to_string()),
        ]
    };
    for (parts, want) in [
        (
            form(&"9x".repeat(50), "2009-03-02", "azat"),
            "field `founders`: `9x9x9x9x9x9x9x9x9x9x9x9x9x9x9x9x9x9x9x9x… (60 more characters)` is not a whole number",
        ),
        (
            form("1000", "1800-01-01", "azat"),
            "field `committee_registered`: 1800-01-01 is before the days the law covers (from 1993-01-28",
        ),
        (
            form("1000", "2009-03-02", "azat\u{1b}[2J"),
            "field `party`: `azat\\u{1b}[2J` holds the control or invisible character \\u{1b}",
        ),
    ] {
        let borrowed: Vec<(&str, Option<&str>, &str)> = parts
            .iter()
            .map(|(a, b, c)| (a.as_str(), *b, c.as_str()))
            .collect();
        let (status, html) = post_form(&f, "/parties/check-registration", &borrowed).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(html.contains(want), "{want}: {html}");
        assert!(!html.contains('\u{1b}'));
    }
    assert_eq!(f.entries().await, before, "checking records nothing");
}

/// Issue 10's bodies through the API: 400 in the envelope naming line and field, and the
/// store's count unchanged.
#[tokio::test]
async fn the_api_refuses_lenient_json_and_records_nothing() {
    let f = fixture().await;
    let t = f.token("admin").await;
    let before = f.entries().await;
    let raw = |uri: &'static str, body: String, token: Option<String>| {
        let f = &f;
        async move {
            let mut req = Request::post(uri).header("content-type", "application/json");
            if let Some(t) = token {
                req = req.header("authorization", format!("Bearer {t}"));
            }
            f.call(req.body(Body::from(body)).unwrap()).await
        }
    };
    let mut list = member_list("nsdp");
    list["committee_registered"] = json!("1800-01-01");
    let mut others = member_list("nsdp");
    others["other_party_members"] = json!(["500314300011", "12345"]);
    let mut unknown = member_list("nsdp");
    unknown["members"][0]["claimed_unit"] = json!("astana");
    let mut ledger_extra = ledger("nsdp");
    ledger_extra["donations"][0]["memo"] = json!("x");
    let cases: Vec<(&str, String, bool, &str)> = vec![
        ("/api/login", r#"["admin", "password-123"]"#.into(), false, "body:1: an array where an object is expected"),
        (
            "/api/events",
            r#"{"date": "2025-06-10", "kind": 16, "bill": "b16", "title": "On X"}"#.into(),
            true,
            "body:1: field `kind`: `16` is a number where a string is expected",
        ),
        (
            "/api/events",
            r#"{"date": 2010, "kind": "bill_introduced", "bill": "b17", "title": "On X"}"#.into(),
            true,
            "body:1: field `date`: `2010` is a number where a string is expected",
        ),
        (
            "/api/events",
            "{\"date\": \"2025-06-10\", \"kind\": \"bill_introduced\", \"bill\": \"b18\", \"title\": \"On\\u0000X\"}".into(),
            true,
            "body:1: field `title`: `On\\u{0}X` holds the control or invisible character \\u{0}",
        ),
        ("/api/member-lists", list.to_string(), true, "body:1: field `committee_registered`: 1800-01-01 is before the days the law covers (from 1993-01-28"),
        ("/api/member-lists", others.to_string(), true, "body:1: field `other_party_members[1]`: `12345` is not a valid IIN"),
        ("/api/member-lists", unknown.to_string(), true, "body:1: field `members[0].claimed_unit`: not a field here"),
        ("/api/ledgers", ledger_extra.to_string(), true, "body:1: field `donations[0].memo`: not a field here"),
    ];
    for (uri, body, auth, want) in cases {
        let (status, answer) = raw(uri, body.clone(), auth.then(|| t.clone())).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri} {body}: {answer}");
        assert_eq!(answer["error"]["code"], "malformed_body", "{answer}");
        let message = answer["error"]["message"].as_str().unwrap();
        assert!(message.starts_with(want), "{uri}: {message}");
        assert_eq!(f.entries().await, before, "{uri}: nothing recorded");
    }
}

/// `POST /api/ask/{kind}` reads its body as strictly as every other body, while a charter or
/// a reform file sent as a JSON string keeps its lines.
#[tokio::test]
async fn questions_are_read_as_strictly_as_every_body() {
    let f = fixture().await;
    let ask = |kind: &'static str, body: String| {
        let f = &f;
        async move {
            let req = Request::post(format!("/api/ask/{kind}"))
                .header("content-type", "application/json")
                .body(Body::from(body))
                .unwrap();
            f.call(req).await
        }
    };
    let votes = r#"[{"party": "A", "votes": 900}, {"party": "B", "votes": 100}]"#;
    let refused: Vec<(&str, String, &str)> = vec![
        (
            "mazhilis",
            format!("{{\"date\": \"2007-08-18\",\n \"date\": \"2004-09-19\", \"votes\": {votes}}}"),
            "body:2: the key `date` is given twice",
        ),
        (
            "mazhilis",
            format!(r#"{{"date": 2007, "votes": {votes}}}"#),
            "body:1: field `date`: invalid type: integer `2007`, expected a date string",
        ),
        (
            "mazhilis",
            r#"{"date": "2007-08-18", "votes": [{"party": "A\u202e", "votes": 1}]}"#.into(),
            "body:1: field `votes[0].party`: `A\\u{202e}` holds the control or invisible character",
        ),
        (
            "mazhilis",
            format!(r#"{{"date": "2007-08-18", "votes": {votes}, "seats": 98}}"#),
            "body:1: field `seats`: not a field here",
        ),
        (
            "charter",
            "{\"date\": \"2008-03-01\", \"text\": \"# Name\\n\\u0000\"}".into(),
            "body:1: field `text`: line 2 of the document holds the control or invisible character",
        ),
    ];
    for (kind, body, want) in refused {
        let (status, answer) = ask(kind, body.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {answer}");
        assert_eq!(
            answer["error"]["code"], "malformed_body",
            "{body}: {answer}"
        );
        let message = answer["error"]["message"].as_str().unwrap();
        assert!(message.starts_with(want), "{body}: {message}");
    }
    // A reform file's text, bare, with its lines: a 3% threshold admits B in 2007.
    let reform = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../reforms/kz/threshold-3pct.toml"
    ))
    .unwrap();
    assert!(reform.contains('\n'));
    let votes3 = r#"[{"party": "A", "votes": 960}, {"party": "B", "votes": 40}]"#;
    let body = |reforms: Value| {
        json!({ "date": "2007-08-18", "votes": serde_json::from_str::<Value>(votes3).unwrap(), "reforms": reforms })
            .to_string()
    };
    let (status, plain) = ask("mazhilis", body(json!([]))).await;
    assert_eq!(status, StatusCode::OK, "{plain}");
    let (status, reformed) = ask("mazhilis", body(json!([reform]))).await;
    assert_eq!(status, StatusCode::OK, "{reformed}");
    assert_ne!(
        plain["admitted"], reformed["admitted"],
        "{plain}\n{reformed}"
    );
}

/// The member-list API answers with each rejected signature and its reason, in list order.
#[tokio::test]
async fn the_member_list_api_returns_the_rejected_signatures() {
    let f = fixture().await;
    let t = f.token("admin").await;
    let (status, body) = f
        .post("/api/member-lists", Some(&t), member_list("nsdp"))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(
        body["rejected"],
        json!([{ "index": 1, "iin": "123", "signed_on": "2009-04-01", "reason": "invalid_iin" }])
    );
    assert_eq!(body["result"]["valid_members"], 1);
}

/// The referendums answer in the API as on the command line: the same core value.
#[tokio::test]
async fn referendums_read_the_same_as_the_command_line() {
    let f = fixture().await;
    let (status, all) = f.get("/api/referendums").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(all.as_array().unwrap().len(), 4);
    let (status, one) = f.get("/api/referendums/referendum-2022").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one, all[2]);
    let data = saylau_core::builtin::data().unwrap();
    let book = saylau_core::builtin::rulebook().unwrap();
    let r = data.referendum("referendum-2022").unwrap();
    let core = saylau_core::elections::referendum::referendum(
        saylau_core::law::Law::new(&book, &[]).at(r.date.earliest),
        r,
    );
    assert_eq!(one["result"], serde_json::to_value(&core).unwrap());
    assert_eq!(one["result"]["conditions"][1]["standing"], "met");
    let (status, body) = f.get("/api/referendums/referendum-1991").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, _) = f.get("/api/referendums?x=1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // The page's table is the same values, and downloads as it shows.
    let (status, json) = page_text(&f, "/elections?download=referendums.json").await;
    assert_eq!(status, StatusCode::OK);
    let rows: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[3]["referendum"], "referendum-2026");
    assert_eq!(rows[3]["took_part_percent"], "73.12%");
    assert_eq!(rows[3]["yes_percent"], "87.15%");
    assert_eq!(rows[3]["units"], "not known");
    assert_eq!(rows[3]["computed"], "not determined");
    assert_eq!(rows[2]["units"], "met");
}

/// Every answer, page or JSON, found or not, carries the security headers: no script, no
/// framing, no sniffing, no referrer.
#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let f = fixture().await;
    for uri in [
        "/parliament?date=2008-03-01",
        "/elections?download=elections.csv",
        "/api/state?date=2008-03-01",
        "/api/no-such-thing",
        "/journal?page=0",
    ] {
        let res = f
            .router
            .clone()
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let headers = res.headers();
        for (name, value) in saylau_server::SECURITY_HEADERS {
            assert_eq!(
                headers.get(name).and_then(|v| v.to_str().ok()),
                Some(value),
                "{uri}: {name}"
            );
        }
        assert!(
            headers["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'")
        );
    }
}

/// A name with no account costs the same password check as a wrong password for a real one,
/// so the time of the answer does not tell which names exist (it was 0.4 ms against 25 ms).
/// The bound is loose, the fastest of three tries each, so a loaded machine does not fail it.
#[tokio::test]
async fn a_login_for_an_unknown_name_takes_as_long_as_a_wrong_password() {
    let f = fixture().await;
    let fastest = |name: &'static str| {
        let f = &f;
        async move {
            let mut best = std::time::Duration::MAX;
            for i in 0..3 {
                let name = if name == "unknown" {
                    format!("nobody-{i}")
                } else {
                    name.to_string()
                };
                let started = std::time::Instant::now();
                let (status, _) = f
                    .post(
                        "/api/login",
                        None,
                        json!({ "name": name, "password": "not the password" }),
                    )
                    .await;
                best = best.min(started.elapsed());
                assert_eq!(status, StatusCode::UNAUTHORIZED);
            }
            best
        }
    };
    let known = fastest("observer").await;
    let unknown = fastest("unknown").await;
    assert!(
        unknown * 4 >= known,
        "an unknown name answered in {unknown:?}, a known one in {known:?}"
    );
}

/// Text a spreadsheet would run as a formula opens as text in every CSV download: a source
/// beginning `=HYPERLINK(` is given a leading `'`; numbers stay numbers.
#[tokio::test]
async fn csv_downloads_do_not_carry_formulas() {
    let f = fixture().await;
    let t = f.token("admin").await;
    let (status, body) = f
        .post(
            "/api/events",
            Some(&t),
            json!({ "date": "2025-06-10", "kind": "bill_introduced", "bill": "=b1", "title": "@On X",
                    "source": "=HYPERLINK(\"http://example.com\",\"click\")" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, csv) = page_text(&f, "/journal?kind=bill_introduced&download=journal.csv").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"),
        "{csv}"
    );
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    // The same cells as JSON are the text as written.
    let (_, json) = page_text(&f, "/journal?kind=bill_introduced&download=journal.json").await;
    assert!(json.contains("=HYPERLINK"), "{json}");
    assert!(!json.contains("'=HYPERLINK"), "{json}");
    // Negative numbers are numbers, not formulas.
    let (_, csv) = page_text(&f, "/elections/mazhilis-2007/results.csv").await;
    assert!(
        !csv.contains(",'") && !csv.lines().any(|l| l.starts_with('\'')),
        "{csv}"
    );
}

/// A body the service is not asked to read: it counts the times it is polled.
struct Untouched(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl http_body::Body for Untouched {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        std::task::Poll::Ready(Some(Ok(http_body::Frame::data(axum::body::Bytes::from(
            vec![b' '; 1 << 20],
        )))))
    }
}

/// A write without a valid token is refused before its body is read, so a huge body from
/// anyone costs the service nothing (four 250 MB bodies took it to 2 GB before each 401).
#[tokio::test]
async fn a_write_is_refused_before_its_body_is_read() {
    let f = fixture().await;
    for (uri, token) in [
        ("/api/events", None),
        ("/api/member-lists", None),
        ("/api/ledgers", Some("not-a-token")),
    ] {
        let polls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut req = Request::post(uri).header("content-type", "application/json");
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        let req = req.body(Body::new(Untouched(polls.clone()))).unwrap();
        let res = f.router.clone().oneshot(req).await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{uri}");
        assert_eq!(
            polls.load(std::sync::atomic::Ordering::SeqCst),
            0,
            "{uri}: the body was read"
        );
    }
}

/// A login or an event larger than any valid one is refused with 413 before it is read
/// whole: a 40 MB name grew the server by 39 MB a login, never freed.
#[tokio::test]
async fn logins_and_events_have_their_own_body_limits() {
    let f = fixture().await;
    let t = f.token("admin").await;
    let name = "n".repeat(saylau_server::LOGIN_BODY_LIMIT);
    let (status, body) = f
        .post(
            "/api/login",
            None,
            json!({ "name": name, "password": "password-123" }),
        )
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_eq!(body["error"]["code"], "payload_too_large");
    let title = "t".repeat(saylau_server::EVENT_BODY_LIMIT);
    let before = f.entries().await;
    let (status, body) = f
        .post(
            "/api/events",
            Some(&t),
            json!({ "date": "2025-06-10", "kind": "bill_introduced", "bill": "b", "title": title }),
        )
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_eq!(f.entries().await, before, "nothing recorded");
    // Within the limits the same endpoints answer as before.
    let (status, _) = f
        .post(
            "/api/login",
            None,
            json!({ "name": "admin", "password": "password-123" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}

/// Parallel wrong passwords for one name are counted as they arrive, not after each is
/// checked: of 40 sent at once at most the limit are evaluated (26 were), the rest get 429.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_logins_do_not_pass_the_limit() {
    let f = fixture().await;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..40 {
        let router = f.router.clone();
        tasks.spawn(async move {
            let req = Request::post("/api/login")
                .header("content-type", "application/json")
                .body(Body::from(
                    json!({ "name": "observer", "password": "wrong guess" }).to_string(),
                ))
                .unwrap();
            router.oneshot(req).await.unwrap().status()
        });
    }
    let mut statuses = Vec::new();
    while let Some(s) = tasks.join_next().await {
        statuses.push(s.unwrap());
    }
    let evaluated = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(evaluated as u32, auth::MAX_FAILURES, "{statuses:?}");
    assert_eq!(evaluated + refused, 40, "{statuses:?}");
    // The right password now waits for the window like the wrong ones.
    let (status, _) = f
        .post(
            "/api/login",
            None,
            json!({ "name": "observer", "password": "password-123" }),
        )
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}

//! Legal cases as data, each its own test, each run three ways: through the core, through the
//! `saylau` binary on files, and through the API (`POST /api/ask/{kind}`), and the three must
//! give the same answer. Then every built-in election, through `saylau election`, the API and
//! the page's downloads.
//!
//! A case file (`tests/cases/KIND/NAME.toml`) names its `kind`, a `title` and the `source` of
//! its facts, the question (the kind's fields, as `POST /api/ask/{kind}` takes them), optionally
//! `reforms` (files) and `project`, and `[expect]`: the decision and the citations the answer
//! must carry (or the `error` it must end in). An unknown key anywhere is an error that names
//! the file. Run one case with `cargo test -p saylau --test cases -- mazhilis/2007`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use libtest_mimic::{Arguments, Failed, Trial};
use saylau_core::ask::{self, Decided};
use saylau_core::builtin;
use saylau_core::law::{Law, Reform, load_reform};
use serde_json::{Map, Value as Json, json};
use toml::{Table, Value};
use tower::ServiceExt;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

type Outcome = Result<(), Failed>;

/// A failed check, with the case's name.
macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+).into());
        }
    };
}

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    let mut files = Vec::new();
    case_files(&repo().join("tests/cases"), &mut files);
    assert!(
        files.len() >= 60,
        "the legal cases are there: {}",
        files.len()
    );
    for path in files {
        let name = path
            .strip_prefix(repo().join("tests/cases"))
            .unwrap()
            .with_extension("")
            .display()
            .to_string();
        trials.push(Trial::test(format!("case/{name}"), move || run_case(&path)));
    }
    trials.push(Trial::test(
        "harness/an-unknown-key-is-an-error",
        unknown_keys,
    ));
    for e in &builtin::data().unwrap().elections {
        let id = e.id.clone();
        trials.push(Trial::test(format!("election/{id}"), move || {
            run_election(&id)
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}

fn case_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            case_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// the three ways

/// An answer, or the message of the error that ended the question.
#[derive(Debug, Clone)]
enum Got {
    Answer { json: Json, decided: Decided },
    Error(String),
}

/// The service, opened once on a store of its own, and a runtime to call it from any thread.
fn service() -> &'static (tokio::runtime::Runtime, axum::Router) {
    static SERVICE: OnceLock<(tokio::runtime::Runtime, axum::Router)> = OnceLock::new();
    SERVICE.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let dir = std::env::temp_dir().join(format!("saylau-cases-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}", dir.join("j.db").display());
        let app = rt.block_on(saylau_server::App::open(&url)).unwrap();
        let router = saylau_server::router(Arc::clone(&app));
        (rt, router)
    })
}

/// A request to the service: the status and the body's text.
fn call(req: Request<Body>) -> (StatusCode, String) {
    let (rt, router) = service();
    rt.block_on(async {
        let res = router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    })
}

fn get(uri: &str) -> (StatusCode, String) {
    call(Request::get(uri).body(Body::empty()).unwrap())
}

/// The case's question asked of the API.
fn through_api(kind: &str, question: &Json, reforms: &[Json], project: bool) -> Got {
    let mut body = question.as_object().cloned().unwrap_or_default();
    if !reforms.is_empty() {
        body.insert("reforms".into(), json!(reforms));
    }
    if project {
        body.insert("project".into(), json!(true));
    }
    let req = Request::post(format!("/api/ask/{kind}"))
        .header("content-type", "application/json")
        .body(Body::from(Json::Object(body).to_string()))
        .unwrap();
    let (status, text) = call(req);
    let json: Json = serde_json::from_str(&text).unwrap_or(Json::Null);
    if status == StatusCode::OK {
        // The API's answer says how the law decided in the answer itself; the decision of a
        // kind is read from it the same way for every channel.
        let decided = decided_of(kind, &json);
        Got::Answer { json, decided }
    } else {
        Got::Error(format!(
            "{status}: {}",
            json["error"]["message"].as_str().unwrap_or(&text)
        ))
    }
}

/// The decision a kind's answer carries, for the API (whose status is 200 for every answer):
/// the same reading of the JSON for every channel, checked against the core's own.
fn decided_of(kind: &str, a: &Json) -> Decided {
    let lots = |a: &Json| a["status"] == "lots_required" || a["outcome"] == "tie";
    match kind {
        "mazhilis" | "kurultai" | "allocate" | "president" if lots(a) => Decided::LotsRequired,
        "senate" | "assembly" | "maslikhat" | "mazhilis_districts"
            if a["contests"]
                .as_array()
                .is_some_and(|c| c.iter().any(|c| c["outcome"] == "tie")) =>
        {
            Decided::LotsRequired
        }
        "eligibility" if a["eligible"] == false => Decided::Refused,
        "ledger"
            if a["donations"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["verdict"] != "permissible")) =>
        {
            Decided::Refused
        }
        "spending"
            if a["spenders"]
                .as_array()
                .is_some_and(|s| s.iter().any(|s| s["verdict"] != "within_cap")) =>
        {
            Decided::Refused
        }
        "charter" if a["decision"] == "incomplete" => Decided::Refused,
        "registration" if a["decision"] == "refused" => Decided::Refused,
        "law" if a["status"] != "in_force" && a["status"] != "projected" => Decided::Refused,
        "journal"
            if a["verdicts"]
                .as_array()
                .is_some_and(|v| v.iter().any(|v| v["verdict"]["outcome"] == "refused")) =>
        {
            Decided::Refused
        }
        _ => Decided::Allowed,
    }
}

/// The `saylau` binary run in the repository with `args`: its exit code, stdout and stderr.
fn saylau(args: &[String]) -> (Option<i32>, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_saylau"))
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

/// A directory of this case's files, removed when dropped.
struct Files(PathBuf);

impl Files {
    fn new(case: &str) -> Files {
        let dir = std::env::temp_dir().join(format!(
            "saylau-case-{}-{}",
            std::process::id(),
            case.replace('/', "-")
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Files(dir)
    }

    /// Writes `text` to `name` and returns its path as an argument.
    fn write(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }

    /// Writes rows as CSV with a header.
    fn csv(&self, name: &str, header: &[&str], rows: &[Vec<String>]) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(header).unwrap();
        for r in rows {
            w.write_record(r).unwrap();
        }
        self.write(name, &String::from_utf8(w.into_inner().unwrap()).unwrap())
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn s(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        Json::Null => String::new(),
        other => other.to_string(),
    }
}

/// The case's question asked of the `saylau` binary, through the files its command reads.
fn through_cli(case: &str, kind: &str, q: &Json, reforms: &[String], project: bool) -> Got {
    let files = Files::new(case);
    let mut args: Vec<String> = Vec::new();
    for r in reforms {
        args.push("--reform".into());
        args.push(r.clone());
    }
    if project {
        args.push("--project".into());
    }
    let arg = |args: &mut Vec<String>, a: &str, v: String| {
        args.push(a.into());
        args.push(v);
    };
    let list = |v: &Json| v.as_array().cloned().unwrap_or_default();
    match kind {
        "mazhilis" | "kurultai" | "allocate" => {
            let with_numbers = list(&q["votes"])
                .iter()
                .any(|r| r.get("list_number").is_some());
            let mut header = vec!["party", "votes"];
            if with_numbers {
                header.push("list_number");
            }
            let rows: Vec<Vec<String>> = list(&q["votes"])
                .iter()
                .map(|r| {
                    let mut row = vec![s(&r["party"]), s(&r["votes"])];
                    if with_numbers {
                        row.push(s(&r["list_number"]));
                    }
                    row
                })
                .collect();
            let votes = files.csv("votes.csv", &header, &rows);
            args.push(kind.into());
            if kind == "mazhilis" || kind == "kurultai" {
                arg(&mut args, "--date", s(&q["date"]));
                if !q["participating"].is_null() {
                    arg(&mut args, "--participating", s(&q["participating"]));
                }
            } else {
                arg(&mut args, "--seats", s(&q["seats"]));
                arg(&mut args, "--method", s(&q["method"]).replace('_', "-"));
                if !q["tie_rule"].is_null() {
                    arg(&mut args, "--tie-rule", s(&q["tie_rule"]).replace('_', "-"));
                }
                if !q["threshold"].is_null() {
                    arg(&mut args, "--threshold", s(&q["threshold"]));
                }
                if !q["threshold_base"].is_null() {
                    arg(&mut args, "--threshold-base", s(&q["threshold_base"]));
                }
            }
            arg(&mut args, "--votes", votes);
        }
        "president" => {
            let rows: Vec<Vec<String>> = list(&q["votes"])
                .iter()
                .map(|r| vec![s(&r["candidate"]), s(&r["votes"])])
                .collect();
            let votes = files.csv("votes.csv", &["candidate", "votes"], &rows);
            args.push("president".into());
            arg(&mut args, "--date", s(&q["date"]));
            if !q["participating"].is_null() {
                arg(&mut args, "--participating", s(&q["participating"]));
            }
            arg(&mut args, "--votes", votes);
        }
        "eligibility" => {
            let c = &q["candidate"];
            let mut text = format!(
                "name = {}\nbirth_date = {}\ncitizen = {}\nstate_language = {}\nresidence_years = {}\n",
                c["name"],
                s(&c["birth_date"]),
                c["citizen"],
                c["state_language"],
                c["residence_years"]
            );
            if c["first_president"] == true {
                text.push_str("first_president = true\n");
            }
            let terms: Vec<String> = list(&c["terms"])
                .iter()
                .map(|t| format!("{{ start = {}, end = {} }}", s(&t["start"]), s(&t["end"])))
                .collect();
            if !terms.is_empty() {
                text.push_str(&format!("terms = [{}]\n", terms.join(", ")));
            }
            let candidate = files.write("candidate.toml", &text);
            args.extend(["president".into(), "eligible".into()]);
            arg(&mut args, "--date", s(&q["date"]));
            arg(&mut args, "--candidate", candidate);
        }
        "senate" => {
            let mut rows = Vec::new();
            for c in list(&q["contests"]) {
                for cand in list(&c["candidates"]) {
                    rows.push(vec![
                        s(&c["name"]),
                        s(&cand["candidate"]),
                        s(&cand["votes"]),
                        s(&c["voting"]),
                    ]);
                }
            }
            let votes = files.csv(
                "votes.csv",
                &["unit", "candidate", "votes", "electors"],
                &rows,
            );
            args.push("senate".into());
            arg(&mut args, "--date", s(&q["date"]));
            arg(&mut args, "--votes", votes);
            if !q["seats_per_unit"].is_null() {
                arg(&mut args, "--seats-per-unit", s(&q["seats_per_unit"]));
            }
            let appointed = list(&q["appointed"]);
            if !appointed.is_empty() {
                let rows: Vec<Vec<String>> = appointed.iter().map(|n| vec![s(n)]).collect();
                let path = files.csv("appointed.csv", &["name"], &rows);
                arg(&mut args, "--appointed", path);
            }
        }
        "assembly" => {
            let c = list(&q["contests"]).first().cloned().unwrap_or_default();
            let rows: Vec<Vec<String>> = list(&c["candidates"])
                .iter()
                .map(|r| vec![s(&r["candidate"]), s(&r["votes"])])
                .collect();
            let votes = files.csv("votes.csv", &["candidate", "votes"], &rows);
            args.push("assembly".into());
            arg(&mut args, "--date", s(&q["date"]));
            arg(&mut args, "--votes", votes);
            arg(&mut args, "--voting", s(&c["voting"]));
            if !c["seats"].is_null() {
                arg(&mut args, "--seats", s(&c["seats"]));
            }
        }
        "maslikhat" | "mazhilis_districts" => {
            let with_seats = list(&q["contests"]).iter().any(|c| !c["seats"].is_null());
            let mut header = vec!["district", "candidate", "votes"];
            if with_seats {
                header.push("seats");
            }
            let mut rows = Vec::new();
            for c in list(&q["contests"]) {
                for cand in list(&c["candidates"]) {
                    let mut row = vec![s(&c["name"]), s(&cand["candidate"]), s(&cand["votes"])];
                    if with_seats {
                        row.push(if c["seats"].is_null() {
                            "1".into()
                        } else {
                            s(&c["seats"])
                        });
                    }
                    rows.push(row);
                }
            }
            let votes = files.csv("votes.csv", &header, &rows);
            args.push(if kind == "maslikhat" {
                "maslikhat".into()
            } else {
                "mazhilis-districts".into()
            });
            arg(&mut args, "--date", s(&q["date"]));
            arg(&mut args, "--votes", votes);
        }
        "ledger" => {
            let header = [
                "id",
                "date",
                "party",
                "donor_kind",
                "donor",
                "amount_kzt",
                "written_confirmation",
                "source_stated",
            ];
            let rows: Vec<Vec<String>> = list(&q["donations"])
                .iter()
                .map(|d| header.iter().map(|h| s(&d[*h])).collect())
                .collect();
            let ledger = files.csv("ledger.csv", &header, &rows);
            args.extend(["finance".into(), "check".into()]);
            arg(&mut args, "--donations", ledger);
        }
        "spending" => {
            let header = ["spender", "date", "amount", "currency"];
            let rows: Vec<Vec<String>> = list(&q["spending"])
                .iter()
                .map(|d| header.iter().map(|h| s(&d[*h])).collect())
                .collect();
            let path = files.csv("spending.csv", &header, &rows);
            args.extend(["finance".into(), "spending".into()]);
            arg(&mut args, "--election", s(&q["election"]));
            arg(&mut args, "--date", s(&q["date"]));
            arg(&mut args, "--spending", path);
        }
        "charter" => {
            let path = files.write("charter.md", q["text"].as_str().unwrap_or_default());
            args.extend(["party".into(), "charter".into()]);
            arg(&mut args, "--file", path);
            arg(&mut args, "--date", s(&q["date"]));
        }
        "law" => {
            args.extend(["law".into(), "at".into(), s(&q["date"])]);
        }
        "registration" => {
            let member_rows: Vec<Vec<String>> = list(&q["members"])
                .iter()
                .map(|m| vec![s(&m["iin"]), s(&m["signed_on"])])
                .collect();
            let members = files.csv("members.csv", &["iin", "signed_on"], &member_rows);
            let header = [
                "iin",
                "full_name",
                "birth_date",
                "unit",
                "citizen",
                "deceased",
                "occupation",
            ];
            let register_rows: Vec<Vec<String>> = list(&q["register"])
                .iter()
                .map(|r| header.iter().map(|h| s(&r[*h])).collect())
                .collect();
            let register = files.csv("register.csv", &header, &register_rows);
            args.extend(["registration".into(), "check".into()]);
            arg(&mut args, "--date", s(&q["date"]));
            if !q["law_date"].is_null() {
                arg(&mut args, "--law-date", s(&q["law_date"]));
            }
            arg(
                &mut args,
                "--committee-registered",
                s(&q["committee_registered"]),
            );
            arg(&mut args, "--founders", s(&q["founders"]));
            arg(&mut args, "--members", members);
            arg(&mut args, "--register", register);
            let others = list(&q["other_members"]);
            if !others.is_empty() {
                let rows: Vec<Vec<String>> = others
                    .iter()
                    .map(|o| vec![s(&o["iin"]), s(&o["party"])])
                    .collect();
                let path = files.csv("others.csv", &["iin", "party"], &rows);
                arg(&mut args, "--other-members", path);
            }
            if !q["party"].is_null() {
                arg(&mut args, "--party", s(&q["party"]));
            }
        }
        "journal" => {
            let text = journal_toml(&list(&q["entries"]));
            let path = files.write("journal.toml", &text);
            args.extend(["journal".into(), "check".into()]);
            arg(&mut args, "--journal", path);
        }
        other => return Got::Error(format!("the harness has no command for `{other}`")),
    }
    args.extend(["--format".into(), "json".into()]);
    let (code, stdout, stderr) = saylau(&args);
    match code {
        Some(2) => {
            if !stdout.is_empty() || stderr.trim_end().lines().count() != 1 {
                return Got::Error(format!(
                    "exit 2 must print one line on stderr and nothing on stdout; got {stderr:?} and {stdout:?}"
                ));
            }
            Got::Error(stderr)
        }
        Some(code @ (0 | 1 | 3)) => {
            let mut json: Json = match serde_json::from_str(&stdout) {
                Ok(j) => j,
                Err(e) => return Got::Error(format!("stdout is not JSON ({e}): {stdout}")),
            };
            if kind == "law" {
                let parameter = q["parameter"].as_str().unwrap_or_default();
                json = json["parameters"]
                    .as_array()
                    .and_then(|ps| ps.iter().find(|p| p["parameter"] == parameter))
                    .cloned()
                    .unwrap_or(Json::Null);
            }
            let decided = match code {
                0 => Decided::Allowed,
                1 => Decided::Refused,
                _ => Decided::LotsRequired,
            };
            Got::Answer { json, decided }
        }
        other => Got::Error(format!("exit code {other:?}: {stderr}")),
    }
}

/// Journal entries as the TOML file `saylau journal` reads.
fn journal_toml(entries: &[Json]) -> String {
    let mut out = String::new();
    for e in entries {
        let table: toml::Table = serde_json::from_value(e.clone()).unwrap();
        out.push_str("[[entry]]\n");
        out.push_str(&toml::to_string(&table).unwrap());
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------------------------
// a case

/// The keys every case may have besides its question's fields.
const CASE_KEYS: &[&str] = &["kind", "title", "source", "reforms", "project", "expect"];

/// TOML as JSON, dates as ISO strings, for the question a case asks.
fn to_json(v: &Value) -> Json {
    match v {
        Value::String(s) => Json::String(s.clone()),
        Value::Integer(i) => json!(i),
        Value::Float(f) => json!(f),
        Value::Boolean(b) => json!(b),
        Value::Datetime(d) => Json::String(d.to_string()),
        Value::Array(a) => Json::Array(a.iter().map(to_json).collect()),
        Value::Table(t) => Json::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect()),
    }
}

/// The kind a case's file asks, and its question as the API takes it: the file's own fields,
/// with a charter's `file` read into its `text` and a lifecycle case's register and events
/// written as journal entries.
fn question_of(kind: &str, case: &Table, law: Law<'_>) -> Result<(String, Json), String> {
    let mut q: Map<String, Json> = case
        .iter()
        .filter(|(k, _)| !CASE_KEYS.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), to_json(v)))
        .collect();
    match kind {
        "charter" => {
            let file = q
                .remove("file")
                .and_then(|f| f.as_str().map(str::to_string))
                .ok_or("a charter case names its `file`")?;
            let text =
                std::fs::read_to_string(repo().join(&file)).map_err(|e| format!("{file}: {e}"))?;
            q.insert("text".into(), Json::String(text));
            Ok(("charter".into(), Json::Object(q)))
        }
        "finance" => Ok(("ledger".into(), Json::Object(q))),
        "lifecycle" => Ok(("journal".into(), lifecycle_entries(q)?)),
        "registration" => Ok(("registration".into(), registration_question(q, law)?)),
        _ => Ok((kind.to_string(), Json::Object(q))),
    }
}

/// A lifecycle case (a register of parties and operations on it) as journal entries: each
/// party `party_on_register` on the first operation's date, then each operation's event.
fn lifecycle_entries(mut q: Map<String, Json>) -> Result<Json, String> {
    let parties = q.remove("party").unwrap_or(Json::Array(Vec::new()));
    let events = q
        .remove("event")
        .ok_or("a lifecycle case has `[[event]]`s")?;
    if let Some(key) = q.keys().next() {
        return Err(format!("unknown key `{key}` in a lifecycle case"));
    }
    let events = events.as_array().cloned().unwrap_or_default();
    let first = events.first().ok_or("no event")?["date"].clone();
    let mut entries = Vec::new();
    for p in parties.as_array().cloned().unwrap_or_default() {
        let mut e = json!({ "date": first, "kind": "party_on_register", "party": p["id"], "name": p["name"] });
        if let Some(m) = p.get("members") {
            e["members"] = m.clone();
        }
        entries.push(e);
    }
    for e in events {
        let entry = match e["op"].as_str() {
            Some("register") => {
                json!({ "kind": "party_registered", "party": e["id"], "name": e["name"], "members": e.get("members") })
            }
            Some("rename") => {
                json!({ "kind": "party_renamed", "party": e["id"], "name": e["name"] })
            }
            Some("merge") => match &e["successor"] {
                Json::String(id) => {
                    json!({ "kind": "parties_merged", "merging": e["parties"], "successor": id })
                }
                t => {
                    json!({ "kind": "parties_merged", "merging": e["parties"], "successor": t["id"], "successor_name": t["name"] })
                }
            },
            Some("liquidate") => {
                json!({ "kind": "party_liquidated", "party": e["id"], "decision": e["decision"] })
            }
            Some("bloc") => {
                json!({ "kind": "bloc_formed", "name": e["name"], "parties": e["parties"] })
            }
            other => return Err(format!("unknown op {other:?}")),
        };
        let mut entry = entry;
        entry["date"] = e["date"].clone();
        if entry.get("members").is_some_and(Json::is_null) {
            entry.as_object_mut().map(|o| o.remove("members"));
        }
        entries.push(entry);
    }
    Ok(json!({ "entries": entries }))
}

/// A registration case as the question: its explicit members (each with the register's entry
/// for them, and on another party's list when `other_party`), after as many plainly valid
/// members per unit as `valid_per_unit` asks (adults, citizens, alive, each once, signed in the
/// middle of the collection window).
fn registration_question(mut q: Map<String, Json>, law: Law<'_>) -> Result<Json, String> {
    use saylau_core::parties::iin::{Iin, Sex};
    use saylau_core::parties::registration::{Application, Rules};
    let per_unit = q.remove("valid_per_unit").unwrap_or(json!({}));
    let explicit = q.remove("member").unwrap_or(json!([]));
    let day = |v: &Json| saylau_core::exact::parse_day(v.as_str().unwrap_or_default());
    let date = day(&q["date"])?;
    let application = Application {
        filed: date,
        committee_registered: day(&q["committee_registered"])?,
        founders: q["founders"].as_u64().unwrap_or(0),
    };
    let law_date = match q.get("law_date") {
        Some(d) => day(d)?,
        None => date,
    };
    let mut members = Vec::new();
    let mut register = Vec::new();
    let mut others = Vec::new();
    // When the law cannot decide, the case expects that error and has no window to sign in.
    if let Ok(rules) = Rules::new(law, law_date, &application) {
        let (from, to) = rules.window();
        let mid = from
            .checked_add(jiff::Span::new().days((to - from).get_days() / 2))
            .map_err(|e| e.to_string())?;
        let default = per_unit.get("default").and_then(Json::as_u64).unwrap_or(0);
        let mut next: u64 = 0;
        for unit in &rules.units().value {
            let n = per_unit.get(unit).and_then(Json::as_u64).unwrap_or(default);
            for _ in 0..n {
                // Distinct valid people born 1960 to 1984, each (birth date, block of 100
                // serials) used once; the explicit rows use other birth years.
                let days = i64::try_from(next % 9000).map_err(|e| e.to_string())?;
                let block = u16::try_from(next / 9000).map_err(|e| e.to_string())? * 100;
                next += 1;
                let born = jiff::civil::date(1960, 1, 1)
                    .checked_add(jiff::Span::new().days(days))
                    .map_err(|e| e.to_string())?;
                let iin = (0..100)
                    .find_map(|k| Iin::from_parts(born, Sex::Male, block + k))
                    .ok_or("no IIN")?;
                members.push(json!({ "iin": iin.to_string(), "signed_on": mid.to_string() }));
                register.push(json!({ "iin": iin.to_string(), "full_name": format!("Person {next}"),
                    "birth_date": born.to_string(), "unit": unit, "citizen": true, "deceased": false, "occupation": "" }));
            }
        }
    }
    for (i, m) in explicit
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        members.push(json!({ "iin": m["iin"], "signed_on": m["signed_on"] }));
        // A person listed twice is in the register once.
        let known = register.iter().any(|r| r["iin"] == m["iin"]);
        if let Some(r) = m.get("register").filter(|_| !known) {
            register.push(json!({
                "iin": m["iin"], "full_name": format!("Explicit {i}"), "birth_date": r["birth_date"],
                "unit": r["unit"], "citizen": r.get("citizen").cloned().unwrap_or(json!(true)),
                "deceased": r.get("deceased").cloned().unwrap_or(json!(false)),
                "occupation": r.get("occupation").cloned().unwrap_or(json!("")),
            }));
        }
        if m.get("other_party") == Some(&json!(true)) {
            others.push(json!({ "iin": m["iin"], "party": "another party" }));
        }
        for key in m
            .as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
        {
            if !["iin", "signed_on", "register", "other_party"].contains(&key.as_str()) {
                return Err(format!("unknown key `{key}` in a `[[member]]`"));
            }
        }
    }
    q.insert("members".into(), Json::Array(members));
    q.insert("register".into(), Json::Array(register));
    if !others.is_empty() {
        q.insert("other_members".into(), Json::Array(others));
    }
    Ok(Json::Object(q))
}

fn run_case(path: &Path) -> Outcome {
    let name = path
        .strip_prefix(repo().join("tests/cases"))
        .unwrap_or(path)
        .with_extension("")
        .display()
        .to_string();
    let text = std::fs::read_to_string(path)?;
    let case: Table = text.parse().map_err(|e| format!("{name}: {e}"))?;
    let kind = case
        .get("kind")
        .and_then(Value::as_str)
        .ok_or("a case names its `kind`")?
        .to_string();
    for key in ["title", "source"] {
        ensure!(
            case.get(key)
                .and_then(Value::as_str)
                .is_some_and(|s| !s.trim().is_empty()),
            "every case has a `{key}`"
        );
    }
    let expect = case
        .get("expect")
        .and_then(Value::as_table)
        .cloned()
        .ok_or("a case states what it expects in `[expect]`")?;
    let reform_files: Vec<String> = case
        .get("reforms")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let reform_texts: Vec<String> = reform_files
        .iter()
        .map(|f| std::fs::read_to_string(repo().join(f)).map_err(|e| format!("{f}: {e}")))
        .collect::<Result<_, _>>()?;
    let project = case
        .get("project")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let book = builtin::rulebook()?;
    let reforms: Vec<Reform> = reform_files
        .iter()
        .zip(&reform_texts)
        .map(|(f, t)| load_reform(f, t))
        .collect::<Result<_, _>>()?;
    let mut law = Law::new(&book, &reforms);
    if project {
        law = law.projecting();
    }
    let (ask_kind, question) = question_of(&kind, &case, law)?;

    // The core.
    let core = match ask::ask(&ask_kind, &question, law) {
        Ok(a) => Got::Answer {
            json: a.json,
            decided: a.decided,
        },
        Err(ask::AskError::Input(m)) if m.contains("unknown field") => {
            return Err(format!("{name}: {m}").into());
        }
        Err(e) => Got::Error(e.to_string()),
    };
    check_expectations(&kind, &expect, &core).map_err(|e| format!("core: {e}"))?;
    if let (false, Got::Answer { json, .. }) = (reform_files.is_empty(), &core) {
        // A reformed value is cited as such.
        let text = json.to_string();
        ensure!(
            text.contains("\"reform\":"),
            "the answer cites the reform it applied"
        );
    }

    // The API and the command line give the same answer.
    let named: Vec<Json> = reform_files
        .iter()
        .zip(&reform_texts)
        .map(|(f, t)| json!({ "name": f, "text": t }))
        .collect();
    let api = through_api(&ask_kind, &question, &named, project);
    let cli = through_cli(&name, &ask_kind, &question, &reform_files, project);
    for (channel, got) in [("api", &api), ("cli", &cli)] {
        check_expectations(&kind, &expect, got).map_err(|e| format!("{channel}: {e}"))?;
        same(&ask_kind, &core, got).map_err(|e| format!("{channel} differs from the core: {e}"))?;
    }
    Ok(())
}

/// Whether a channel's answer is the core's: the same JSON (but for where the votes came from,
/// a file's name on the command line), and the same decision.
fn same(kind: &str, core: &Got, got: &Got) -> Result<(), String> {
    match (core, got) {
        (Got::Error(_), Got::Error(_)) => Ok(()),
        (
            Got::Answer {
                json: a,
                decided: da,
            },
            Got::Answer {
                json: b,
                decided: db,
            },
        ) => {
            let strip = |j: &Json| {
                let mut j = j.clone();
                if let Some(o) = j.as_object_mut() {
                    o.remove("source");
                }
                j
            };
            if strip(a) != strip(b) {
                return Err(first_difference(&strip(a), &strip(b), String::new()));
            }
            // `law at` lists every parameter and always ends 0; the rest end by the decision.
            if kind != "law" && da != db {
                return Err(format!("decided {da:?}, not {db:?}"));
            }
            Ok(())
        }
        (Got::Error(e), Got::Answer { .. }) => Err(format!("answered where the core said: {e}")),
        (Got::Answer { .. }, Got::Error(e)) => Err(format!("failed where the core answered: {e}")),
    }
}

/// Where two JSON values first differ, as a path.
fn first_difference(a: &Json, b: &Json, at: String) -> String {
    match (a, b) {
        (Json::Object(x), Json::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) if v == w => {}
                    Some(w) => return first_difference(v, w, format!("{at}/{k}")),
                    None => return format!("{at}/{k}: missing"),
                }
            }
            y.keys()
                .find(|k| !x.contains_key(*k))
                .map_or_else(|| format!("{at}: ?"), |k| format!("{at}/{k}: extra"))
        }
        (Json::Array(x), Json::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find(|(_, (v, w))| v != w)
            .map_or_else(
                || format!("{at}: ?"),
                |(i, (v, w))| first_difference(v, w, format!("{at}/{i}")),
            ),
        _ => format!("{at}: {a} ≠ {b}"),
    }
}

// ---------------------------------------------------------------------------------------------
// what a case expects

/// The keys `[expect]` may have for a kind: the decision first.
fn expect_keys(kind: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        "mazhilis" | "kurultai" | "allocate" => (
            &["status", "error"],
            &[
                "seats",
                "admitted",
                "runner_up",
                "seats_undistributed",
                "quota",
                "lots_required",
                "cites",
                "sources",
            ],
        ),
        "president" => (
            &["outcome", "error"],
            &["winner", "second_round", "tied", "cites", "sources"],
        ),
        "eligibility" => (&["eligible", "error"], &["failed", "cites", "sources"]),
        "senate" | "assembly" | "maslikhat" | "mazhilis_districts" => {
            (&["contests", "error"], &["cites", "sources"])
        }
        "law" => (&["value", "error"], &["cites", "sources"]),
        "charter" => (
            &["decision", "error"],
            &["missing", "lines", "cites", "sources"],
        ),
        "finance" => (&["verdicts", "error"], &["cites", "totals"]),
        "spending" => (&["spenders", "error"], &["cites", "sources"]),
        "registration" => (
            &["decision", "error"],
            &[
                "valid_members",
                "by_unit",
                "rejected",
                "row_reasons",
                "unmet",
                "cites",
                "law_values",
            ],
        ),
        "lifecycle" => (
            &["outcome", "error"],
            &[
                "refused_rules",
                "registered",
                "ceased",
                "names",
                "members",
                "cites",
                "sources",
            ],
        ),
        _ => (&[], &[]),
    }
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Every law reference in an answer (an object with `parameter`, `value` and `source`): the
/// parameters it cites and their sources.
fn citations(j: &Json, out: &mut Vec<(String, String)>) {
    match j {
        Json::Object(o) => {
            if let (Some(Json::String(p)), Some(Json::String(src)), Some(_)) =
                (o.get("parameter"), o.get("source"), o.get("value"))
            {
                out.push((p.clone(), src.clone()));
            }
            o.values().for_each(|v| citations(v, out));
        }
        Json::Array(a) => a.iter().for_each(|v| citations(v, out)),
        _ => {}
    }
}

fn check_expectations(kind: &str, expect: &Table, got: &Got) -> Result<(), String> {
    let (decisions, others) = expect_keys(kind);
    ensure_keys(kind, expect, decisions, others)?;
    if let Some(want) = expect.get("error") {
        let want = want.as_str().unwrap_or_default();
        return match got {
            Got::Error(e) if e.contains(want) => Ok(()),
            Got::Error(e) => Err(format!("error `{e}` does not contain `{want}`")),
            // The journal refuses rather than fails: a lifecycle's error is a refusal's reason.
            Got::Answer { json, .. } if kind == "lifecycle" => {
                let last = json["verdicts"]
                    .as_array()
                    .and_then(|v| v.last())
                    .cloned()
                    .unwrap_or_default();
                let says: Vec<String> = last["verdict"]["reasons"]
                    .as_array()
                    .map(|r| {
                        r.iter()
                            .map(|s| s["says"].as_str().unwrap_or_default().to_string())
                            .collect()
                    })
                    .unwrap_or_default();
                if last["verdict"]["outcome"] == "refused" && says.iter().any(|s| s.contains(want))
                {
                    Ok(())
                } else {
                    Err(format!(
                        "expected a refusal saying `{want}`: {}",
                        last["verdict"]
                    ))
                }
            }
            // A parameter with no value on a day answers why.
            Got::Answer { json, .. } if kind == "law" => {
                let why = json["why"].as_str().unwrap_or_default();
                if why.contains(want) {
                    Ok(())
                } else {
                    Err(format!("`{why}` does not contain `{want}`"))
                }
            }
            Got::Answer { json, .. } => {
                Err(format!("expected an error containing `{want}`, got {json}"))
            }
        };
    }
    let Got::Answer { json: a, .. } = got else {
        let Got::Error(e) = got else { unreachable!() };
        return Err(format!("unexpected error: {e}"));
    };
    let mut cited = Vec::new();
    citations(a, &mut cited);
    if let Some(cites) = expect.get("cites") {
        if kind == "finance" {
            let table = cites
                .as_table()
                .ok_or("`cites`: a table of donation id to parameter")?;
            for (id, param) in table {
                let d = a["donations"]
                    .as_array()
                    .and_then(|ds| ds.iter().find(|d| d["id"] == id.as_str()))
                    .ok_or(format!("no donation `{id}`"))?;
                let mut c = Vec::new();
                citations(d, &mut c);
                ensure_str(
                    c.iter().any(|(p, _)| Some(p.as_str()) == param.as_str()),
                    || format!("donation `{id}` cites {param}"),
                )?;
            }
        } else {
            let want = strs(cites);
            // `cites = []` states that no parameter of the rulebook governs the answer.
            ensure_str(!want.is_empty() || cited.is_empty(), || {
                format!("cites nothing, but the answer cites {cited:?}")
            })?;
            for p in want {
                ensure_str(cited.iter().any(|(c, _)| *c == p), || {
                    format!("cites `{p}` (cited: {cited:?})")
                })?;
            }
        }
    }
    for want in expect.get("sources").map(strs).unwrap_or_default() {
        ensure_str(cited.iter().any(|(_, src)| src.contains(&want)), || {
            format!("a cited source contains `{want}`")
        })?;
    }
    match kind {
        "mazhilis" | "kurultai" | "allocate" => check_list(expect, a),
        "president" => check_president(expect, a),
        "eligibility" => {
            eq(&a["eligible"], &to_json(&expect["eligible"]), "eligible")?;
            if let Some(failed) = expect.get("failed") {
                let got: Vec<Json> = a["reasons"]
                    .as_array()
                    .map(|r| {
                        r.iter()
                            .filter(|c| c["met"] == false)
                            .map(|c| c["criterion"].clone())
                            .collect()
                    })
                    .unwrap_or_default();
                eq(&Json::Array(got), &to_json(failed), "failed criteria")?;
            }
            Ok(())
        }
        "senate" | "assembly" | "maslikhat" | "mazhilis_districts" => check_contests(expect, a),
        "law" => eq(&a["value"], &to_json(&expect["value"]), "value"),
        "charter" => {
            eq(&a["decision"], &to_json(&expect["decision"]), "decision")?;
            if let Some(m) = expect.get("missing") {
                eq(&a["missing"], &to_json(m), "missing contents")?;
            }
            if let Some(lines) = expect.get("lines").and_then(Value::as_table) {
                for (id, line) in lines {
                    let got = a["contents"]
                        .as_array()
                        .and_then(|cs| cs.iter().find(|c| c["id"] == id.as_str()))
                        .map(|c| c["heading"]["line"].clone())
                        .unwrap_or_default();
                    eq(&got, &to_json(line), &format!("the heading of `{id}`"))?;
                }
            }
            Ok(())
        }
        "finance" => {
            let want = expect["verdicts"].as_table().ok_or("`verdicts`: a table")?;
            let got = a["donations"].as_array().cloned().unwrap_or_default();
            ensure_str(got.len() == want.len(), || {
                format!("{} verdicts, not {}", got.len(), want.len())
            })?;
            for d in &got {
                let id = d["id"].as_str().unwrap_or_default();
                eq(
                    &d["verdict"],
                    &to_json(&want[id]),
                    &format!("donation `{id}`"),
                )?;
            }
            if let Some(totals) = expect.get("totals").and_then(Value::as_table) {
                for (key, sum) in totals {
                    eq(
                        &a["totals"]["overall"][key]["amount_kzt"],
                        &to_json(sum),
                        &format!("{key} total"),
                    )?;
                }
            }
            Ok(())
        }
        "spending" => {
            let want = expect["spenders"].as_table().ok_or("`spenders`: a table")?;
            let got = a["spenders"].as_array().cloned().unwrap_or_default();
            ensure_str(got.len() == want.len(), || {
                "one row per spender".to_string()
            })?;
            for sp in &got {
                let name = sp["spender"].as_str().unwrap_or_default();
                let w = want
                    .get(name)
                    .and_then(Value::as_table)
                    .ok_or(format!("no `{name}` expected"))?;
                eq(
                    &sp["verdict"],
                    &to_json(&w["verdict"]),
                    &format!("`{name}` verdict"),
                )?;
                eq(
                    &sp["total"],
                    &to_json(&w["total"]),
                    &format!("`{name}` total"),
                )?;
                let over = w.get("over_by").map_or(json!(0), to_json);
                eq(&sp["over_by"], &over, &format!("`{name}` over by"))?;
            }
            Ok(())
        }
        "lifecycle" => check_lifecycle(expect, a),
        "registration" => check_registration(expect, a, &cited),
        other => Err(format!("no expectations for kind `{other}`")),
    }
}

fn ensure_keys(
    kind: &str,
    expect: &Table,
    decisions: &[&str],
    others: &[&str],
) -> Result<(), String> {
    if decisions.is_empty() {
        return Err(format!("unknown kind `{kind}`"));
    }
    for key in expect.keys() {
        ensure_str(
            decisions.contains(&key.as_str()) || others.contains(&key.as_str()),
            || {
                format!(
                    "unknown key `{key}` in [expect] (a {kind} case expects {} and may check {})",
                    decisions.join(" or "),
                    others.join(", ")
                )
            },
        )?;
    }
    ensure_str(decisions.iter().any(|d| expect.contains_key(*d)), || {
        format!(
            "[expect] states no decision: one of {}",
            decisions.join(", ")
        )
    })?;
    // Every case but an error names the parameters its answer must cite (`cites = []` where
    // none governs it).
    ensure_str(
        expect.contains_key("error") || expect.contains_key("cites"),
        || "[expect] names the parameters the answer must cite (`cites`)".to_string(),
    )
}

fn ensure_str(cond: bool, msg: impl FnOnce() -> String) -> Result<(), String> {
    if cond { Ok(()) } else { Err(msg()) }
}

fn eq(got: &Json, want: &Json, what: &str) -> Result<(), String> {
    ensure_str(got == want, || {
        format!("{what}: got {got}, expected {want}")
    })
}

fn check_list(expect: &Table, a: &Json) -> Result<(), String> {
    eq(&a["status"], &to_json(&expect["status"]), "status")?;
    if let Some(seats) = expect.get("seats").and_then(Value::as_table) {
        for (party, n) in seats {
            eq(
                &a["seats"][party],
                &to_json(n),
                &format!("seats of `{party}`"),
            )?;
        }
    }
    for key in ["admitted", "runner_up", "seats_undistributed"] {
        if let Some(w) = expect.get(key) {
            eq(&a[key], &to_json(w), key)?;
        }
    }
    if let Some(q) = expect.get("quota") {
        eq(&a["quota"]["exact"], &to_json(q), "quota")?;
    }
    if let Some(lots) = expect.get("lots_required").and_then(Value::as_table) {
        let mut tied = strs(&toml::Value::Array(
            a["tied"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .map(|t| Value::String(s(t)))
                .collect(),
        ));
        let mut want = strs(&lots["tied"]);
        tied.sort();
        want.sort();
        ensure_str(tied == want, || {
            format!("tied lists {tied:?}, expected {want:?}")
        })?;
        eq(
            &a["seats_at_stake"],
            &to_json(&lots["seats_at_stake"]),
            "seats at stake",
        )?;
    }
    if a["status"] == "complete" {
        let total: u64 = a["seats"]
            .as_object()
            .map_or(0, |o| o.values().filter_map(Json::as_u64).sum());
        eq(
            &json!(total),
            &a["total_seats"],
            "seats add up to the house",
        )?;
    }
    Ok(())
}

fn check_president(expect: &Table, a: &Json) -> Result<(), String> {
    eq(&a["outcome"], &to_json(&expect["outcome"]), "outcome")?;
    if let Some(w) = expect.get("winner") {
        eq(&a["winner"], &to_json(w), "winner")?;
    }
    if let Some(w) = expect.get("second_round") {
        eq(&a["candidates"], &to_json(w), "second round")?;
    }
    if let Some(w) = expect.get("tied") {
        eq(&a["tied"], &to_json(w), "tied")?;
    }
    Ok(())
}

fn check_contests(expect: &Table, a: &Json) -> Result<(), String> {
    let wants = expect["contests"].as_array().ok_or("`contests`: a list")?;
    let got = a["contests"].as_array().cloned().unwrap_or_default();
    ensure_str(got.len() == wants.len(), || {
        format!("{} contests, not {}", got.len(), wants.len())
    })?;
    for (g, w) in got.iter().zip(wants) {
        let name = g["name"].as_str().unwrap_or_default();
        let w = w.as_table().ok_or("each contest is a table")?;
        for key in w.keys() {
            ensure_str(
                ["elected", "outcome", "repeat_vote", "tied"].contains(&key.as_str()),
                || format!("unknown key `{key}` in an expected contest"),
            )?;
        }
        eq(
            &g["elected"],
            &to_json(&w["elected"]),
            &format!("elected in `{name}`"),
        )?;
        eq(
            &g["outcome"],
            &to_json(&w["outcome"]),
            &format!("outcome in `{name}`"),
        )?;
        if let Some(r) = w.get("repeat_vote") {
            eq(
                &g["candidates"],
                &to_json(r),
                &format!("repeat vote in `{name}`"),
            )?;
        }
        if let Some(t) = w.get("tied") {
            eq(&g["tied"], &to_json(t), &format!("tie in `{name}`"))?;
        }
    }
    Ok(())
}

fn check_registration(expect: &Table, a: &Json, cited: &[(String, String)]) -> Result<(), String> {
    eq(&a["decision"], &to_json(&expect["decision"]), "decision")?;
    if let Some(n) = expect.get("valid_members") {
        eq(&a["valid_members"], &to_json(n), "valid members")?;
    }
    let sum = |o: &Json| {
        o.as_object()
            .map_or(0, |o| o.values().filter_map(Json::as_u64).sum::<u64>())
    };
    eq(
        &json!(sum(&a["by_unit"])),
        &a["valid_members"],
        "the units add up to the valid members",
    )?;
    let rows = a["rejected_signatures"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    eq(
        &json!(sum(&a["rejected"])),
        &json!(rows.len()),
        "one rejected row per rejection",
    )?;
    if let Some(by_unit) = expect.get("by_unit").and_then(Value::as_table) {
        for (unit, n) in by_unit {
            eq(
                &a["by_unit"][unit],
                &to_json(n),
                &format!("valid members in {unit}"),
            )?;
        }
    }
    // Every reason not named in `rejected` must have no rows.
    let want = expect
        .get("rejected")
        .and_then(Value::as_table)
        .cloned()
        .unwrap_or_default();
    for (reason, n) in a["rejected"].as_object().cloned().unwrap_or_default() {
        let w = want.get(&reason).map_or(json!(0), to_json);
        eq(&n, &w, &format!("rows rejected as {reason}"))?;
    }
    for reason in want.keys() {
        ensure_str(a["rejected"].get(reason).is_some(), || {
            format!("no reason `{reason}`")
        })?;
    }
    if let Some(want) = expect.get("row_reasons").and_then(Value::as_array) {
        // The explicit rows' verdicts, in order ("valid" or a reason), after the generated ones.
        let total = a["valid_members"].as_u64().unwrap_or(0) + rows.len() as u64;
        let first = total as usize - want.len();
        for (i, w) in want.iter().enumerate() {
            let got = rows
                .iter()
                .find(|r| r["index"] == json!(first + i))
                .map_or(json!("valid"), |r| r["reason"].clone());
            eq(&got, &to_json(w), &format!("explicit row {}", i + 1))?;
        }
    }
    let unmet: Vec<Json> = a["reasons"]
        .as_array()
        .map(|r| {
            r.iter()
                .filter(|f| f["met"] == false)
                .map(|f| f["rule"].clone())
                .collect()
        })
        .unwrap_or_default();
    if let Some(w) = expect.get("unmet") {
        eq(
            &Json::Array(unmet.clone()),
            &to_json(w),
            "requirements not met",
        )?;
    }
    eq(
        &json!(unmet.is_empty()),
        &json!(a["decision"] == "registrable"),
        "registrable exactly when every requirement is met",
    )?;
    if let Some(values) = expect.get("law_values").and_then(Value::as_table) {
        let mut refs = Vec::new();
        citations(a, &mut refs);
        let _ = cited;
        for (param, want) in values {
            let mut found = Vec::new();
            collect_values(a, param, &mut found);
            ensure_str(
                found.iter().any(|v| Some(v.as_str()) == want.as_str()),
                || format!("{param} = {want}, cited as {found:?}"),
            )?;
        }
    }
    Ok(())
}

/// The values an answer cites for a parameter.
fn collect_values(j: &Json, param: &str, out: &mut Vec<String>) {
    match j {
        Json::Object(o) => {
            if o.get("parameter").and_then(Json::as_str) == Some(param)
                && let Some(v) = o.get("value").and_then(Json::as_str)
            {
                out.push(v.to_string());
            }
            o.values().for_each(|v| collect_values(v, param, out));
        }
        Json::Array(a) => a.iter().for_each(|v| collect_values(v, param, out)),
        _ => {}
    }
}

fn check_lifecycle(expect: &Table, a: &Json) -> Result<(), String> {
    let verdicts = a["verdicts"].as_array().cloned().unwrap_or_default();
    // Every entry before the last is the case's setting, and must go through.
    for v in &verdicts[..verdicts.len().saturating_sub(1)] {
        ensure_str(v["verdict"]["outcome"] != "refused", || {
            format!("a setting entry was refused: {v}")
        })?;
    }
    let last = verdicts.last().cloned().unwrap_or_default();
    let want = expect["outcome"].as_str().unwrap_or_default();
    let outcome = match last["verdict"]["outcome"].as_str() {
        Some("refused") => "refused",
        _ => "done",
    };
    ensure_str(outcome == want, || {
        format!("outcome {outcome}, expected {want}: {}", last["verdict"])
    })?;
    if let Some(rules) = expect.get("refused_rules") {
        let got: Vec<Json> = last["verdict"]["reasons"]
            .as_array()
            .map(|r| r.iter().map(|s| s["rule"].clone()).collect())
            .unwrap_or_default();
        eq(&Json::Array(got), &to_json(rules), "refusal rules")?;
    }
    let party = |id: &str| -> Json { a["state"]["parties"]["parties"][id].clone() };
    for id in expect.get("registered").map(strs).unwrap_or_default() {
        eq(
            &party(&id)["status"]["status"],
            &json!("registered"),
            &format!("`{id}` registered"),
        )?;
    }
    if let Some(ceased) = expect.get("ceased").and_then(Value::as_table) {
        for (id, w) in ceased {
            let p = party(id);
            eq(
                &p["status"]["status"],
                &json!("ceased"),
                &format!("`{id}` ceased"),
            )?;
            eq(
                &p["status"]["date"],
                &to_json(&w["date"]),
                &format!("`{id}` ceased on"),
            )?;
            eq(
                &p["status"]["cause"]["cause"],
                &to_json(&w["cause"]),
                &format!("cause for `{id}`"),
            )?;
            if let Some(d) = w.get("detail").and_then(Value::as_str) {
                let detail =
                    s(&p["status"]["cause"]["successor"]) + &s(&p["status"]["cause"]["decision"]);
                ensure_str(detail.contains(d), || {
                    format!("`{detail}` for `{id}` contains `{d}`")
                })?;
            }
        }
    }
    if let Some(names) = expect.get("names").and_then(Value::as_table) {
        for (id, n) in names {
            eq(&party(id)["name"], &to_json(n), &format!("name of `{id}`"))?;
        }
    }
    if let Some(members) = expect.get("members").and_then(Value::as_table) {
        for (id, m) in members {
            let want = if m.as_str() == Some("unknown") {
                Json::Null
            } else {
                to_json(m)
            };
            eq(&party(id)["members"], &want, &format!("members of `{id}`"))?;
        }
    }
    Ok(())
}

/// A case file with a key no case has fails, naming the file and the key.
fn unknown_keys() -> Outcome {
    let dir = std::env::temp_dir().join(format!("saylau-case-keys-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let base = std::fs::read_to_string(repo().join("tests/cases/mazhilis/2007-seed-shares.toml"))?;
    for (what, text, says) in [
        (
            "question",
            base.replace("date = 2007-08-18", "date = 2007-08-18\nthreshold = 3"),
            "unknown field `threshold`",
        ),
        (
            "expect",
            base.replace("[expect]\n", "[expect]\nwinner = \"x\"\n"),
            "unknown key `winner` in [expect]",
        ),
        (
            "decision",
            base.replace("status = \"complete\"\n", ""),
            "states no decision",
        ),
    ] {
        assert_ne!(text, base, "{what}: the case was altered");
        let path = dir.join(format!("{what}.toml"));
        std::fs::write(&path, text)?;
        match run_case(&path) {
            Ok(()) => return Err(format!("{what}: the altered case passed").into()),
            Err(e) => {
                let e = e.message().map(str::to_string).unwrap_or_default();
                ensure!(e.contains(says), "{what}: `{e}` does not say `{says}`");
                ensure!(
                    e.contains(what) || what != "question",
                    "{what}: `{e}` names the file"
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// the built-in elections

/// An election of the data through `saylau election`, `GET /api/elections/{id}` and the
/// page's downloads: the same rows, shares, seats and indices.
fn run_election(id: &str) -> Outcome {
    let (code, stdout, stderr) = saylau(&[
        "election".into(),
        id.into(),
        "--format".into(),
        "json".into(),
    ]);
    ensure!(
        code == Some(0) || code == Some(3),
        "{id}: exit {code:?}: {stderr}"
    );
    let cli: Json = serde_json::from_str(&stdout)?;
    let (status, body) = get(&format!("/api/elections/{id}"));
    ensure!(status == StatusCode::OK, "{id}: {status}: {body}");
    let api: Json = serde_json::from_str(&body)?;
    ensure!(
        cli == api,
        "{id}: the CLI and the API differ at {}",
        first_difference(&cli, &api, String::new())
    );
    let result = &api["result"];
    match result["kind"].as_str() {
        Some("list") | Some("president") => {
            let (status, download) = get(&format!("/elections/{id}?download=results.json"));
            ensure!(status == StatusCode::OK, "{id}: {status}: {download}");
            let rows: Vec<Json> = serde_json::from_str(&download)?;
            let api_rows = result["rows"].as_array().cloned().unwrap_or_default();
            ensure!(
                rows.len() == api_rows.len(),
                "{id}: the page has {} rows, the API {}",
                rows.len(),
                api_rows.len()
            );
            for (page, api) in rows.iter().zip(&api_rows) {
                let name = if result["kind"] == "list" {
                    "party"
                } else {
                    "candidate"
                };
                ensure!(
                    page[name] == api[name],
                    "{id}: {} ≠ {}",
                    page[name],
                    api[name]
                );
                let counted = if page.get("votes").is_some() {
                    &page["votes"]
                } else {
                    &page["hundredths_of_percent"]
                };
                ensure!(
                    *counted == api["votes"],
                    "{id}: votes {counted} ≠ {}",
                    api["votes"]
                );
                ensure!(
                    page["share_percent"] == api["share"]["percent"],
                    "{id}: share {} ≠ {}",
                    page["share_percent"],
                    api["share"]["percent"]
                );
                if result["kind"] == "list" {
                    ensure!(
                        page["seats"] == api["seats"],
                        "{id}: seats {} ≠ {}",
                        page["seats"],
                        api["seats"]
                    );
                } else {
                    ensure!(
                        page["elected"] == api["elected"],
                        "{id}: elected {} ≠ {}",
                        page["elected"],
                        api["elected"]
                    );
                }
            }
            if result["kind"] == "list" {
                let (_, indices) = get(&format!("/elections/{id}?download=indices.json"));
                let indices: Vec<Json> = serde_json::from_str(&indices)?;
                let i = &result["indices"];
                let want = [
                    &i["wasted_votes"]["percent"],
                    &i["gallagher"]["shown"],
                    &i["enp_votes"]["shown"],
                    &i["enp_seats"]["shown"],
                ];
                for (row, want) in indices.iter().zip(want) {
                    ensure!(
                        row["value"] == *want,
                        "{id}: {} is {} on the page and {want} in the API",
                        row["index"],
                        row["value"]
                    );
                }
            }
        }
        Some("not_computed") => {
            let (status, html) = get(&format!("/elections/{id}"));
            ensure!(status == StatusCode::OK, "{id}: {status}");
            ensure!(
                html.contains("Nothing to compute"),
                "{id}: the page says why nothing is computed"
            );
        }
        other => return Err(format!("{id}: result kind {other:?}").into()),
    }
    Ok(())
}

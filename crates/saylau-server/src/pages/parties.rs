//! `/parties`: every party with its status, family and membership; one party's history; and
//! two checkers that take uploaded files: a member list against a register (the registration
//! decision with per-unit bars) and a donations ledger.
//!
//! The checkers only check. Nothing is recorded: filing goes through `POST /api/member-lists`
//! and `POST /api/ledgers` with an account.

use std::collections::{HashMap, HashSet};

use crate::render::escape;
use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use jiff::civil::Date;
use saylau_core::data::Party;
use saylau_core::law::{DONOR_KINDS, Law, LawRef, Param};
use saylau_core::parties::finance;
use saylau_core::parties::iin::Iin;
use saylau_core::parties::lifecycle::{Cause, Status};
use saylau_core::parties::registration::{Application, Decision, Person, Rules, Signature};
use saylau_core::polity::journal;
use saylau_formats::LawDays;
use saylau_formats::finance as finance_format;
use saylau_formats::problem::Problems;
use saylau_formats::register::{self, MEMBERS, OTHER_MEMBERS, REGISTER, Units};

use super::{Cell, DateQuery, Doc, Download, Table, date_form, date_of, figure_cell, page};
use crate::app::Shared;
use crate::error::ApiError;

/// Rejected member-list rows listed on the result page; the counts cover them all.
const REJECTED_SHOWN: usize = 1000;

fn snake(s: impl serde::Serialize) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_default()
}

/// Where the journal has the party on a date.
fn register_status(state: &journal::State, id: &str) -> Cell {
    match state.parties.get(id).map(|p| &p.status) {
        Some(Status::Registered { since: Some(d) }) => Cell::text(format!("registered, since {d}")),
        Some(Status::Registered { since: None }) => {
            Cell::text("registered (registration date not in the sources)")
        }
        Some(Status::Ceased { date, cause }) => Cell::text(match cause {
            Cause::Merger { successor } => format!("merged into {successor}, {date}"),
            Cause::LiquidatedByCourt { decision } => {
                format!("liquidated by court ({decision}), {date}")
            }
        }),
        None => Cell::text("not on the register in the journal"),
    }
}

/// `GET /parties?date=D`: every party the data names, where the journal has it on the date,
/// its family, camp, status and membership; then the two checkers.
pub async fn parties(
    State(app): State<Shared>,
    q: Result<Query<DateQuery>, QueryRejection>,
    download: Result<Query<Download>, QueryRejection>,
    uri: Uri,
) -> Result<Response, ApiError> {
    super::only(&uri, &["date", "download"])?;
    let Query(download) = download?;
    let Query(q) = q?;
    let date = date_of(&app.book, &q)?;
    let state = app.state_on(date)?;
    let mut doc = Doc::new(format!("Parties on {date}"), &uri);
    doc.push(&format!(
        "<h1>Parties on {date}</h1>{}<p class=\"note\">Family, camp and status codes are the seed's \
         (Tables 1 and 2, 'General significance of parties'); membership is Table 3, which the seed \
         says to treat with caution. Density is members per 100 registered voters of 2007, computed \
         exactly and shown to two decimals beside the density the seed prints.</p>",
        date_form("/parties", date)
    ));
    let densities = app.data.densities();
    let mut t = Table::new(
        "parties",
        format!("Parties, with the register on {date}"),
        &[
            ("party", "Party"),
            ("short_name", "Short name"),
            ("register", "On the register"),
            ("founded", "Founded"),
            ("family", "Family"),
            ("camp", "Camp"),
            ("status", "Status (Table 1)"),
            ("members_2009", "Members, 2009"),
            ("density_computed", "Density"),
            ("density_published", "Density as printed"),
        ],
    )
    .stacked()
    .row_headers();
    for p in &app.data.parties {
        let density = densities.iter().find(|d| d.party == p.id);
        t.push(vec![
            Cell::text(p.name.clone()).with_html(format!(
                "<a href=\"/parties/{}\">{}</a>",
                escape(&p.id),
                escape(&p.name)
            )),
            Cell::text(p.short_name.clone()),
            register_status(&state, &p.id),
            figure_cell(&p.founded),
            figure_cell(&p.family),
            figure_cell(&p.camp),
            p.status
                .as_ref()
                .and_then(|s| s.table1.clone())
                .map_or(Cell::empty(), Cell::text),
            density
                .and_then(|d| d.members_2009)
                .map_or(Cell::empty(), Cell::count),
            density
                .and_then(|d| d.computed_display.clone())
                .map_or(Cell::empty(), Cell::decimal),
            density
                .and_then(|d| d.published.as_ref())
                .map_or(Cell::empty(), |d| Cell::decimal(d.as_str())),
        ]);
    }
    doc.table(t);
    // The units the rulebook lists on the page's date: the register's `unit` column names them.
    let units = Law::new(&app.book, &[])
        .at(date)
        .list(Param::StateUnits)
        .map(|u| u.value.join(", "))
        .unwrap_or_else(|e| format!("those the rulebook lists on the filing day ({e})"));
    doc.push(&checker_forms(date, &units));
    doc.finish(&download)
}

fn checker_forms(date: Date, units: &str) -> String {
    let cols = |cols: &[&str]| cols.join(",");
    format!(
        "<h2 id=\"check-registration\">Check a member list for registration</h2>\
         <p>Upload the party's member list and an extract of the citizen register; saylau applies \
         the law in force on the filing day (or on another day you name) and shows the decision, \
         every finding with its citation, and the valid members in each unit. Nothing is recorded.</p>\
         <p class=\"note\">The same files as <code>saylau registration check</code> reads, read the same way. \
         Member list: CSV with columns <code>{members}</code> (a <code>full_name</code> column is ignored). \
         Register: CSV with <code>{register}</code> (<code>unit</code> one of {units}; \
         flags <code>true</code> or <code>false</code> in any case; <code>full_name</code> and <code>occupation</code> may be empty). \
         Other parties' members (optional): <code>{others}</code> (<code>signed_on</code> and <code>full_name</code> columns are ignored). \
         A column named twice or not of the format is refused, as is a control character in any cell. \
         <code>saylau synth register</code> and \
         <code>saylau synth members</code> make examples. Uploads are read whole, up to 256 MB; \
         <code>saylau registration check</code> streams a national register of any size.</p>\
         <form method=\"post\" action=\"/parties/check-registration\" enctype=\"multipart/form-data\">\
         <p><label for=\"members\">Member list</label><input id=\"members\" name=\"members\" type=\"file\" accept=\".csv,text/csv\" required></p>\
         <p><label for=\"register\">Register</label><input id=\"register\" name=\"register\" type=\"file\" accept=\".csv,text/csv\" required></p>\
         <p><label for=\"other_members\">Other parties' members</label><input id=\"other_members\" name=\"other_members\" type=\"file\" accept=\".csv,text/csv\"></p>\
         <p><label for=\"party\">Party (its own rows on the other list are ignored)</label><input id=\"party\" name=\"party\"></p>\
         <p><label for=\"filed\">Filed on</label><input id=\"filed\" name=\"filed\" type=\"date\" value=\"{date}\" required> \
         <label for=\"committee_registered\">Committee registered on</label><input id=\"committee_registered\" name=\"committee_registered\" type=\"date\" required> \
         <label for=\"founders\">Founders</label><input id=\"founders\" name=\"founders\" type=\"number\" min=\"0\" required></p>\
         <p><label for=\"law_date\">Apply the law of (optional)</label><input id=\"law_date\" name=\"law_date\" type=\"date\"></p>\
         <button type=\"submit\">Check</button></form>\
         <h2 id=\"check-ledger\">Check a donations ledger</h2>\
         <p>Upload a party's ledger; each donation is checked against the donor rules in force on its \
         date. Nothing is recorded.</p>\
         <p class=\"note\">CSV with columns <code>{ledger}</code>; \
         <code>donor_kind</code> one of {kinds}.</p>\
         <form method=\"post\" action=\"/parties/check-ledger\" enctype=\"multipart/form-data\">\
         <p><label for=\"ledger\">Ledger</label><input id=\"ledger\" name=\"ledger\" type=\"file\" accept=\".csv,text/csv\" required></p>\
         <button type=\"submit\">Check</button></form>",
        units = escape(units),
        kinds = DONOR_KINDS.join(", "),
        members = cols(MEMBERS.required),
        register = cols(REGISTER.required),
        others = cols(OTHER_MEMBERS.required),
        ledger = cols(finance_format::LEDGER.required),
    )
}

/// Whether an event names the party anywhere (as the party, the other party, a bloc member).
fn mentions(event: &journal::Event, id: &str) -> bool {
    fn any(v: &serde_json::Value, id: &str) -> bool {
        match v {
            serde_json::Value::String(s) => s == id,
            serde_json::Value::Array(a) => a.iter().any(|v| any(v, id)),
            serde_json::Value::Object(o) => o.values().any(|v| any(v, id)),
            _ => false,
        }
    }
    serde_json::to_value(event).is_ok_and(|v| any(&v, id))
}

/// `GET /parties/{id}`: one party's facts, history, journal entries and membership.
pub async fn party(
    State(app): State<Shared>,
    Path(id): Path<String>,
    download: Result<Query<Download>, QueryRejection>,
    uri: Uri,
) -> Result<Response, ApiError> {
    super::only(&uri, &["download"])?;
    let Query(download) = download?;
    let Some(p) = app.data.party(&id) else {
        return Err(ApiError::not_found(format!("no party `{id}`")));
    };
    let p: &Party = p;
    let mut doc = Doc::new(p.name.clone(), &uri);
    doc.push(&format!(
        "<h1>{}</h1><p class=\"note\"><code>{}</code>{}</p>",
        escape(&p.name),
        escape(&p.id),
        p.note
            .as_deref()
            .map_or(String::new(), |n| format!(" — {}", escape(n)))
    ));

    let mut facts = Table::new(
        "facts",
        "Facts, each with its source",
        &[("fact", "Fact"), ("value", "Value"), ("source", "Source")],
    )
    .stacked()
    .row_headers();
    facts.push(vec![
        Cell::text("Short name"),
        Cell::text(p.short_name.clone()),
        Cell::text("seed"),
    ]);
    if !p.aliases.is_empty() {
        facts.push(vec![
            Cell::text("Also written"),
            Cell::text(p.aliases.join("; ")),
            Cell::text("seed"),
        ]);
    }
    let source_of = |s: Option<&str>, note: Option<&str>| {
        let mut text = s.unwrap_or("").to_string();
        if let Some(n) = note {
            text.push_str(&format!(" (note: {n})"));
        }
        Cell::text(text)
    };
    facts.push(vec![
        Cell::text("Founded"),
        figure_cell(&p.founded),
        source_of(p.founded.source(), p.founded.note()),
    ]);
    facts.push(vec![
        Cell::text("Family"),
        figure_cell(&p.family),
        source_of(p.family.source(), p.family.note()),
    ]);
    facts.push(vec![
        Cell::text("Camp"),
        figure_cell(&p.camp),
        source_of(p.camp.source(), p.camp.note()),
    ]);
    if let Some(s) = &p.status {
        for (what, v) in [
            ("Status, Table 1", &s.table1),
            ("Present situation, Table 2", &s.present),
            ("Situation before, Table 2", &s.prior),
        ] {
            if let Some(v) = v {
                facts.push(vec![
                    Cell::text(what),
                    Cell::text(v.clone()),
                    Cell::text(s.source.clone()),
                ]);
            }
        }
    }
    facts.push(vec![
        Cell::text("Registered in 2009"),
        Cell::yes_no(p.registered_2009),
        Cell::text("seed, 'Relevant parties'"),
    ]);
    doc.table(facts);

    let mut history = Table::new(
        "history",
        "History, as the sources date it",
        &[
            ("date", "Date"),
            ("kind", "What"),
            ("other_party", "Other party"),
            ("text", "Account"),
            ("source", "Source"),
        ],
    )
    .stacked();
    for e in &p.history {
        history.push(vec![
            Cell::text(e.date.to_string()),
            Cell::text(snake(e.kind)),
            e.party.as_deref().map_or(Cell::empty(), |o| {
                let name = app.data.party(o).map_or(o, |p| p.name.as_str());
                Cell::text(o).with_html(format!(
                    "<a href=\"/parties/{}\">{}</a>",
                    escape(o),
                    escape(name)
                ))
            }),
            Cell::text(match &e.note {
                Some(n) => format!("{} (note: {n})", e.text),
                None => e.text.clone(),
            }),
            Cell::text(e.source.clone()),
        ]);
    }
    doc.table(history);

    let entries = app.verdicts()?;
    let mut events = Table::new(
        "journal",
        "Journal entries that name the party, each checked under the law of its date",
        &[
            ("date", "Date"),
            ("event", "Event"),
            ("verdict", "Verdict"),
            ("explanation", "Explanation"),
        ],
    )
    .stacked();
    for (entry, verdict) in &entries {
        if !mentions(&entry.event, &p.id) {
            continue;
        }
        let (_, v) = super::journal::verdict_of(verdict);
        let says: Vec<String> = verdict.steps().iter().map(|s| s.says.clone()).collect();
        events.push(vec![
            Cell::text(entry.date.to_string()),
            Cell::text(entry.event.kind()),
            Cell::text(v),
            Cell::text(says.join("\n")).with_html(
                says.iter()
                    .map(|s| escape(s))
                    .collect::<Vec<_>>()
                    .join("<br>"),
            ),
        ]);
    }
    doc.push(&format!(
        "<p class=\"note\">The <a href=\"/journal\">journal</a> holds {} entries; {} name this party.</p>",
        entries.len(),
        events.rows()
    ));
    doc.table(events);

    let mut members = Table::new(
        "membership",
        "Membership (seed, Table 3)",
        &[
            ("column", "Figure"),
            ("year", "Year"),
            ("members", "Members"),
            ("says", "The seed's words"),
            ("source", "Source"),
        ],
    )
    .stacked()
    .row_headers();
    match app.data.membership_of(&p.id) {
        Some(m) => {
            members.push(vec![
                Cell::text("Given by the party"),
                m.first
                    .year
                    .map_or(Cell::empty(), |y| Cell::count(u64::from(y))),
                m.first.members.map_or(Cell::empty(), Cell::count),
                m.first.text.clone().map_or(Cell::empty(), Cell::text),
                Cell::text(m.first.source.clone()),
            ]);
            members.push(vec![
                Cell::text("Central Election Commission"),
                Cell::count(2009),
                m.members_2009
                    .value()
                    .map_or(Cell::empty(), |n| Cell::count(*n)),
                m.members_2009
                    .why_unknown()
                    .map_or(Cell::empty(), Cell::text),
                Cell::text(m.members_2009.source().unwrap_or("")),
            ]);
            doc.table(members);
            if let Some(d) = app.data.densities().into_iter().find(|d| d.party == p.id) {
                doc.push(&format!(
                    "<p>Density (members per 100 registered voters): {} computed from {} members and {} voters; the seed prints {}.</p>",
                    escape(d.computed_display.as_deref().unwrap_or("unknown")),
                    d.members_2009.map_or("unknown".into(), |n| n.to_string()),
                    d.registered_voters.map_or("unknown".into(), |n| n.to_string()),
                    d.published.as_ref().map_or("nothing", |x| x.as_str()),
                ));
            }
        }
        None => doc.push("<p>Table 3 gives no membership figures for this party.</p>"),
    }
    doc.finish(&download)
}

/// An uploaded form: each field's file name (or `None` for a plain field) and bytes.
struct Upload {
    fields: HashMap<String, (Option<String>, Vec<u8>)>,
}

impl Upload {
    async fn read(mut form: Multipart) -> Result<Upload, String> {
        let mut fields = HashMap::new();
        loop {
            let field = match form.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) => return Err(format!("the upload could not be read: {e}")),
            };
            let name = field.name().unwrap_or("").to_string();
            let file = field.file_name().map(str::to_string);
            let bytes = field
                .bytes()
                .await
                .map_err(|e| format!("field `{name}`: the upload could not be read: {e}"))?;
            fields.insert(name, (file, bytes.to_vec()));
        }
        Ok(Upload { fields })
    }

    /// A plain field's text, trimmed; `None` when empty. Text as every reader wants it:
    /// UTF-8, no control or invisible character, a name's length at most.
    fn text(&self, name: &str) -> Result<Option<String>, String> {
        let Some((_, bytes)) = self.fields.get(name) else {
            return Ok(None);
        };
        let text = saylau_formats::cell::check_bytes(bytes, saylau_formats::NAME_CHARS)
            .map_err(|why| format!("field `{name}`: {why}"))?
            .trim();
        Ok((!text.is_empty()).then(|| text.to_string()))
    }

    fn required(&self, name: &str) -> Result<String, String> {
        self.text(name)?
            .ok_or_else(|| format!("field `{name}` is required"))
    }

    fn date(&self, name: &str) -> Result<Option<Date>, String> {
        self.text(name)?
            .map(|s| {
                saylau_core::exact::date::parse_day(&s).map_err(|e| format!("field `{name}`: {e}"))
            })
            .transpose()
    }

    /// A file field: its name for messages (the file's name, or the field's) and its bytes.
    /// `None` when no file was chosen.
    fn file(&self, name: &str) -> Option<(String, &[u8])> {
        match self.fields.get(name) {
            None => None,
            Some((file, bytes)) if bytes.is_empty() && file.as_deref().unwrap_or("").is_empty() => {
                None
            }
            Some((file, bytes)) => {
                let label = match file.as_deref() {
                    Some(f) if !f.is_empty() => f.to_string(),
                    _ => name.to_string(),
                };
                Some((label, bytes.as_slice()))
            }
        }
    }
}

fn not_a_form(e: &MultipartRejection) -> String {
    format!("the request is not a file upload (multipart/form-data): {e}")
}

/// A page for input the checker cannot use, saying what to fix.
fn refusal(title: &str, why: &str, back: &str) -> Response {
    let mut r = page(
        title,
        &format!(
            "<h1>{}</h1><p class=\"refused\" role=\"alert\">{}</p><p><a href=\"{back}\">Back to the form</a></p>",
            escape(title),
            escape(why)
        ),
    );
    *r.status_mut() = StatusCode::BAD_REQUEST;
    r
}

fn law_links(law: &[LawRef]) -> (String, String) {
    let plain = law
        .iter()
        .map(|l| {
            format!(
                "{} = {} from {}: {}",
                l.parameter, l.value, l.from, l.source
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let html = law
        .iter()
        .map(|l| {
            format!(
                "<a href=\"/law/{p}\"><code>{p}</code></a> = {} from {}<br><span class=\"note\">{}</span>",
                escape(&l.value),
                l.from,
                escape(&l.source),
                p = escape(l.parameter)
            )
        })
        .collect::<Vec<_>>()
        .join("<br>");
    (plain, html)
}

/// `POST /parties/check-registration`: a member list checked against a register extract under
/// the law of the filing day (or another), with the decision, findings and per-unit bars.
pub async fn check_registration(
    State(app): State<Shared>,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    const TITLE: &str = "Registration check";
    const BACK: &str = "/parties#check-registration";
    let form = match form {
        Ok(f) => f,
        Err(e) => return refusal(TITLE, &not_a_form(&e), BACK),
    };
    match registration_page(&app, form).await {
        Ok(r) => r,
        Err(why) => refusal(TITLE, &why, BACK),
    }
}

async fn registration_page(app: &crate::app::App, form: Multipart) -> Result<Response, String> {
    let up = Upload::read(form).await?;
    let filed = up.date("filed")?.ok_or("field `filed` is required")?;
    let committee = up
        .date("committee_registered")?
        .ok_or("field `committee_registered` is required")?;
    let founders_text = up.required("founders")?;
    let founders = saylau_formats::cell::count(&founders_text)
        .map_err(|why| format!("field `founders`: {why}"))?;
    let law_date = up.date("law_date")?;
    let own_party = up.text("party")?;
    let days = LawDays::of(&app.book);
    let filed = days
        .check(filed)
        .map_err(|why| format!("field `filed`: {why}"))?;
    let committee = days
        .check(committee)
        .map_err(|why| format!("field `committee_registered`: {why}"))?;
    let application = Application {
        filed,
        committee_registered: committee,
        founders,
    };
    let rules = Rules::new(
        Law::new(&app.book, &[]),
        law_date.unwrap_or(filed),
        &application,
    )
    .map_err(|e| e.to_string())?;

    // The same readers as `saylau registration check` and the API: one verdict per file.
    let (members_label, members_bytes) = up
        .file("members")
        .ok_or("field `members`: choose the member list to upload")?;
    let (register_label, register_bytes) = up
        .file("register")
        .ok_or("field `register`: choose the register extract to upload")?;
    let members =
        register::read_members(&members_label, members_bytes, &days).map_err(|e| e.to_string())?;
    let units = Units::new(&rules.units().value);
    let entries = register::read_register(&register_label, register_bytes, &units)
        .map_err(|e| e.to_string())?;
    let wanted: HashSet<u64> = members
        .iter()
        .filter_map(|m| m.iin.as_ref().ok().map(Iin::to_u64))
        .collect();
    let mut people: HashMap<u64, (Person, u64)> = HashMap::new();
    let mut twice = Problems::new(&register_label);
    for (line, e) in &entries {
        let key = e.iin.to_u64();
        match people.get(&key) {
            // A person twice in the register is refused when the list names them, as
            // `saylau registration check` refuses them.
            Some((_, first)) if wanted.contains(&key) => {
                twice.bad(*line, register::twice_in_register(*first));
            }
            Some(_) => {}
            None => {
                people.insert(key, (e.person, *line));
            }
        }
    }
    twice.check().map_err(|e| e.to_string())?;
    let mut other: HashSet<u64> = HashSet::new();
    let others = match up.file("other_members") {
        Some((label, bytes)) => {
            let rows = register::read_other_members(&label, bytes, own_party.as_deref(), |iin| {
                other.insert(iin.to_u64());
            })
            .map_err(|e| e.to_string())?;
            Some((label, rows))
        }
        None => None,
    };

    let signatures = members.iter().map(|m| {
        let key = m.iin.as_ref().ok().map(Iin::to_u64);
        Signature {
            person: key.and_then(|k| people.get(&k).map(|(p, _)| *p)),
            other_party: key.is_some_and(|k| other.contains(&k)),
            iin: m.iin.clone(),
            signed_on: m.signed_on,
        }
    });
    // The same check and the same answer as the command line and `POST /api/ask/registration`.
    let checked = rules.check(signatures).map_err(|e| e.to_string())?;
    let rejected: Vec<_> = checked
        .rejected_signatures
        .iter()
        .filter_map(|r| {
            let m = members.get(r.index)?;
            Some((m.line, m.text.to_string(), m.signed_on, r.reason))
        })
        .collect();
    let outcome = checked.outcome;

    let mut doc = Doc::posted("Registration check");
    let registrable = outcome.decision == Decision::Registrable;
    doc.push(&format!(
        "<h1>Registration check</h1><p class=\"{}\" role=\"status\"><strong>{}</strong> under the law of {}{}.</p>\
         <p class=\"note\">{} rows of <code>{}</code> checked against {} rows of <code>{}</code>{}; signatures count from {} to {}. \
         Nothing was recorded. <a href=\"/parties#check-registration\">Check another</a>.</p>",
        if registrable { "ok" } else { "refused" },
        if registrable { "Registrable" } else { "Refused" },
        outcome.law_date,
        if law_date.is_some() { " (asked instead of the filing day's)" } else { "" },
        members.len(),
        escape(&members_label),
        entries.len(),
        escape(&register_label),
        others.as_ref().map_or(String::new(), |(label, rows)| format!(
            " and {rows} rows of <code>{}</code>",
            escape(label)
        )),
        outcome.window.from,
        outcome.window.to,
    ));

    let mut findings = Table::new(
        "findings",
        "What registration requires, and whether it is met",
        &[
            ("rule", "Requirement"),
            ("met", "Met"),
            ("says", "Finding"),
            ("law", "Law"),
        ],
    )
    .stacked()
    .row_headers();
    for f in &outcome.reasons {
        let (plain, html) = law_links(&f.law);
        findings.push(vec![
            Cell::text(f.rule.replace('_', " ")),
            Cell::yes_no(f.met).with_html(format!(
                "<span class=\"{}\">{}</span>",
                if f.met { "ok" } else { "refused" },
                if f.met { "yes" } else { "no" }
            )),
            Cell::text(f.says.clone()),
            Cell::text(plain).with_html(html),
        ]);
    }
    doc.table(findings);

    let min = rules.min_per_unit().value;
    let most = outcome
        .by_unit
        .0
        .iter()
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0)
        .max(min)
        .max(1);
    let mut units = Table::new(
        "units",
        format!("Valid members in each unit; the black line marks the minimum of {min}"),
        &[
            ("unit", "Unit"),
            ("valid_members", "Valid members"),
            ("minimum", "Minimum"),
            ("meets_minimum", "Meets it"),
        ],
    )
    .row_headers();
    for (unit, n) in &outcome.by_unit.0 {
        let name = app
            .data
            .unit(unit)
            .map_or(unit.as_str(), |u| u.name.as_str());
        // The bar's length is presentation only; the counts beside it are exact.
        let width = (n * 100).div_ceil(most);
        units.push(vec![
            Cell::text(unit.clone()).with_html(escape(name)),
            Cell::count(*n)
                .with_html(format!(
                    "<span class=\"track\" aria-hidden=\"true\"><span class=\"bar{}\" style=\"width:{width}%\"></span><span class=\"min\" style=\"left:{}%\"></span></span> {n}",
                    if *n < min { " short" } else { "" },
                    (min * 100) / most,
                ))
                .left(),
            Cell::count(min),
            Cell::yes_no(*n >= min),
        ]);
    }
    doc.table(units);

    let mut reasons = Table::new(
        "rejected",
        "Signatures that do not count, by the first reason found",
        &[
            ("reason", "Reason"),
            ("signatures", "Signatures"),
            ("law", "Law"),
        ],
    )
    .stacked()
    .row_headers();
    for (name, n) in &outcome.rejected.0 {
        let law = outcome
            .rejection_law
            .iter()
            .find(|r| r.reason.name() == *name);
        let (plain, html) = law.map_or((String::new(), String::new()), |r| {
            let (p, h) = law_links(&r.law);
            (
                format!("{}\n{p}", r.says),
                format!("{}<br>{h}", escape(&r.says)),
            )
        });
        reasons.push(vec![
            Cell::text(name.replace('_', " ")),
            Cell::count(*n),
            Cell::text(plain).with_html(html),
        ]);
    }
    reasons.push_foot(vec![
        Cell::text("Valid"),
        Cell::count(outcome.valid_members),
        Cell::empty(),
    ]);
    doc.table(reasons);

    let mut rows = Table::new(
        "rejected-rows",
        if rejected.len() > REJECTED_SHOWN {
            format!(
                "The first {REJECTED_SHOWN} of {} rejected rows of {}",
                rejected.len(),
                members_label
            )
        } else {
            format!("The rejected rows of {members_label}")
        },
        &[
            ("line", "Line"),
            ("iin", "IIN"),
            ("signed_on", "Signed on"),
            ("reason", "Reason"),
        ],
    );
    for (line, iin, signed_on, reason) in rejected.iter().take(REJECTED_SHOWN) {
        rows.push(vec![
            Cell::count(*line),
            Cell::text(iin.clone()),
            Cell::text(signed_on.to_string()),
            Cell::text(reason.name().replace('_', " ")),
        ]);
    }
    doc.table(rows);
    Ok(doc.into_page())
}

/// `POST /parties/check-ledger`: each donation of an uploaded ledger checked against the donor
/// rules in force on its date.
pub async fn check_ledger(
    State(app): State<Shared>,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let form = match form {
        Ok(f) => f,
        Err(e) => return refusal("Ledger check", &not_a_form(&e), "/parties#check-ledger"),
    };
    match ledger_page(&app, form).await {
        Ok(r) => r,
        Err(why) => refusal("Ledger check", &why, "/parties#check-ledger"),
    }
}

async fn ledger_page(app: &crate::app::App, form: Multipart) -> Result<Response, String> {
    let up = Upload::read(form).await?;
    let (label, bytes) = up
        .file("ledger")
        .ok_or("field `ledger`: choose the ledger to upload")?;
    let donations = finance_format::read_ledger(&label, bytes, &LawDays::of(&app.book))
        .map_err(|e| e.to_string())?;
    let result =
        finance::check_ledger(Law::new(&app.book, &[]), &donations).map_err(|e| e.to_string())?;
    let mut doc = Doc::posted("Ledger check");
    doc.push(&format!(
        "<h1>Ledger check</h1><p class=\"note\">{} donations of <code>{}</code>, each checked under the law of its date. \
         Nothing was recorded. <a href=\"/parties#check-ledger\">Check another</a>.</p>",
        donations.len(),
        escape(&label)
    ));
    let mut t = Table::new(
        "donations",
        "Each donation and what the law of its date says of it",
        &[
            ("id", "Donation"),
            ("date", "Date"),
            ("party", "Party"),
            ("donor_kind", "Donor kind"),
            ("amount_kzt", "Amount (KZT)"),
            ("verdict", "Verdict"),
            ("reason", "Why"),
            ("law", "Law"),
        ],
    )
    .stacked()
    .row_headers();
    for (d, c) in donations.iter().zip(&result.donations) {
        let (plain, html) = law_links(&c.law);
        let verdict = snake(c.verdict);
        t.push(vec![
            Cell::text(d.id.clone()),
            Cell::text(d.date.to_string()),
            Cell::text(d.party.clone()),
            Cell::text(d.donor_kind.replace('_', " ")),
            Cell::count(d.amount_kzt),
            Cell::text(verdict.clone()).with_html(format!(
                "<span class=\"{}\">{}</span>",
                if c.verdict == finance::Verdict::Permissible {
                    "ok"
                } else {
                    "refused"
                },
                escape(&verdict)
            )),
            Cell::text(c.reason.clone()),
            Cell::text(plain).with_html(html),
        ]);
    }
    doc.table(t);
    let mut totals = Table::new(
        "totals",
        "Totals by verdict",
        &[
            ("verdict", "Verdict"),
            ("donations", "Donations"),
            ("amount_kzt", "Amount (KZT)"),
        ],
    )
    .row_headers();
    let o = &result.totals.overall;
    for (v, sum) in [
        ("permissible", o.permissible),
        ("incomplete", o.incomplete),
        ("impermissible", o.impermissible),
    ] {
        totals.push(vec![
            Cell::text(v),
            Cell::count(sum.count),
            Cell::count(sum.amount_kzt),
        ]);
    }
    totals.push_foot(vec![
        Cell::text("All"),
        Cell::count(o.total.count),
        Cell::count(o.total.amount_kzt),
    ]);
    doc.table(totals);
    Ok(doc.into_page())
}

//! `/journal`: the journal's entries, filterable, each with its verdict and explanation.

use crate::render::escape;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::Uri;
use axum::response::Response;
use saylau_core::polity::journal;
use serde::Deserialize;

use super::{Cell, Doc, Download, Table, optional_day};
use crate::app::{Shared, Snapshot};
use crate::error::ApiError;

#[derive(Deserialize)]
pub struct JournalPageQuery {
    kind: Option<String>,
    /// Entries on or after this day.
    from: Option<String>,
    /// Entries on or before this day.
    to: Option<String>,
    /// `applied`, `recorded` or `refused`.
    verdict: Option<String>,
    /// Which page of the matching entries, from 1.
    page: Option<String>,
}

/// Entries on one page (and in its downloads); `/api/journal` pages through them all as JSON.
const PAGE_SIZE: usize = 200;

/// The last page number whose entries can be counted without overflow.
const MAX_PAGE: usize = usize::MAX / PAGE_SIZE - 1;

/// A verdict's key (for `?verdict=`) and the words the pages show for it.
pub(super) fn verdict_of(v: &journal::Verdict) -> (&'static str, &'static str) {
    let key = match v {
        journal::Verdict::Applied { .. } => "applied",
        journal::Verdict::Recorded { .. } => "recorded",
        journal::Verdict::Refused { .. } => "refused",
    };
    VERDICTS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or((key, key), |(k, l)| (*k, *l))
}

const VERDICTS: [(&str, &str); 3] = [
    ("applied", "applied"),
    ("recorded", "recorded as fact"),
    ("refused", "refused"),
];

/// `GET /journal[?kind=K&from=D&to=D&verdict=V]`: the journal's entries with their verdicts
/// and explanations.
pub async fn journal_page(
    State(app): State<Shared>,
    q: Result<Query<JournalPageQuery>, QueryRejection>,
    download: Result<Query<Download>, QueryRejection>,
    uri: Uri,
) -> Result<Response, ApiError> {
    super::only(&uri, &["kind", "verdict", "from", "to", "page", "download"])?;
    let Query(q) = q?;
    let Query(download) = download?;
    let from = optional_day(q.from.as_deref(), "from")?;
    let to = optional_day(q.to.as_deref(), "to")?;
    let verdict = q
        .verdict
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty());
    if let Some(v) = verdict
        && !VERDICTS.iter().any(|(k, _)| *k == v)
    {
        return Err(ApiError::bad_request(format!(
            "query `verdict`: `{v}` is not one of applied, recorded, refused"
        )));
    }
    let page_no = match q.page.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        None => 1,
        Some(p) => match p.parse::<usize>() {
            // Beyond the last page a journal can have, the page's first entry would overflow.
            Ok(n) if (1..=MAX_PAGE).contains(&n) => n,
            _ => {
                return Err(ApiError::bad_request(format!(
                    "query `page`: `{}` is not a page number (1 to {MAX_PAGE})",
                    saylau_core::text::quote(p)
                )));
            }
        },
    };
    // Read under the snapshots' lock: nothing is copied out of a journal of any length.
    app.with_journal(|entries| {
        let kind = q.kind.as_deref().map(str::trim).filter(|k| !k.is_empty());
        let filter = Filter {
            kind,
            verdict,
            from,
            to,
            page: page_no,
        };
        render(entries, &filter, &uri, &download)
    })?
}

/// What the journal page was asked to show.
#[derive(Clone, Copy)]
struct Filter<'a> {
    kind: Option<&'a str>,
    verdict: Option<&'a str>,
    from: Option<jiff::civil::Date>,
    to: Option<jiff::civil::Date>,
    page: usize,
}

fn render(
    entries: &[Snapshot],
    filter: &Filter<'_>,
    uri: &Uri,
    download: &Download,
) -> Result<Response, ApiError> {
    let Filter {
        kind,
        verdict,
        from,
        to,
        page: page_no,
    } = *filter;
    let kinds: std::collections::BTreeSet<&str> =
        entries.iter().map(|s| s.entry.event.kind()).collect();
    let mut doc = Doc::new("Journal", uri);
    let mut form = String::from(
        "<h1>Journal</h1><form method=\"get\" action=\"/journal\"><label for=\"kind\">Kind of event</label><select id=\"kind\" name=\"kind\"><option value=\"\">all</option>",
    );
    for k in &kinds {
        form.push_str(&format!(
            "<option{} value=\"{k}\">{k}</option>",
            if Some(*k) == kind { " selected" } else { "" }
        ));
    }
    form.push_str("</select> <label for=\"verdict\">Verdict</label><select id=\"verdict\" name=\"verdict\"><option value=\"\">any</option>");
    for (k, label) in VERDICTS {
        form.push_str(&format!(
            "<option{} value=\"{k}\">{label}</option>",
            if Some(k) == verdict { " selected" } else { "" }
        ));
    }
    form.push_str(&format!(
        "</select> <label for=\"from\">From</label><input id=\"from\" name=\"from\" type=\"date\" value=\"{}\"> \
         <label for=\"to\">to</label><input id=\"to\" name=\"to\" type=\"date\" value=\"{}\"> \
         <button type=\"submit\">Filter</button></form>",
        from.map_or(String::new(), |d| d.to_string()),
        to.map_or(String::new(), |d| d.to_string()),
    ));
    doc.push(&form);
    let mut t = Table::new(
        "journal",
        "The journal's entries, each replayed under the law of its date",
        &[
            ("date", "Date"),
            ("event", "Event"),
            ("source", "Source"),
            ("verdict", "Verdict"),
            ("explanation", "Explanation"),
        ],
    )
    .stacked();
    let mut matching = 0;
    for snap in entries {
        let (entry, v): (&journal::Entry, &journal::Verdict) = (&snap.entry, &snap.verdict);
        let (v_key, label) = verdict_of(v);
        // An entry dated to a month or a year is kept when any day of it is in the span.
        if kind.is_some_and(|k| k != entry.event.kind())
            || verdict.is_some_and(|w| w != v_key)
            || from.is_some_and(|d| entry.date.latest < d)
            || to.is_some_and(|d| entry.date.earliest > d)
        {
            continue;
        }
        matching += 1;
        if matching <= (page_no - 1) * PAGE_SIZE || matching > page_no * PAGE_SIZE {
            continue;
        }
        let steps = v.steps();
        let plain: Vec<String> = steps
            .iter()
            .map(|s| {
                let cites: Vec<&str> = s.law.iter().map(|l| l.parameter).collect();
                if cites.is_empty() {
                    s.says.clone()
                } else {
                    format!("{} ({})", s.says, cites.join(", "))
                }
            })
            .collect();
        let shown: Vec<String> = steps
            .iter()
            .map(|s| {
                let cites: Vec<String> = s
                    .law
                    .iter()
                    .map(|l| format!("<a href=\"/law/{p}\"><code>{p}</code></a>", p = l.parameter))
                    .collect();
                format!(
                    "{}{}",
                    escape(&s.says),
                    if cites.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", cites.join(", "))
                    }
                )
            })
            .collect();
        t.push(vec![
            Cell::text(entry.date.to_string()),
            Cell::text(entry.event.kind()),
            Cell::text(entry.source.clone().unwrap_or_default()).with_html(format!(
                "<span class=\"note\">{}</span>",
                escape(entry.source.as_deref().unwrap_or(""))
            )),
            Cell::text(label).with_html(format!(
                "<span class=\"{}\">{label}</span>",
                if v_key == "refused" { "refused" } else { "ok" }
            )),
            Cell::text(plain.join("\n")).with_html(shown.join("<br>")),
        ]);
    }
    let first = (page_no - 1) * PAGE_SIZE + 1;
    doc.push(&if t.rows() == 0 {
        format!("<p>No entries of {} match.</p>", entries.len())
    } else {
        format!(
            "<p>{}–{} of the {matching} matching entries ({} in the journal).</p>",
            first,
            first + t.rows() - 1,
            entries.len()
        )
    });
    let link = |n: usize, text: &str| {
        let mut query: Vec<String> = uri
            .query()
            .unwrap_or("")
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("page=") && !p.starts_with("download="))
            .map(str::to_string)
            .collect();
        query.push(format!("page={n}"));
        format!(
            "<a href=\"/journal?{}\">{text}</a>",
            escape(&query.join("&"))
        )
    };
    let mut pager = Vec::new();
    if page_no > 1 {
        pager.push(link(page_no - 1, "Previous page"));
    }
    if matching > page_no * PAGE_SIZE {
        pager.push(link(page_no + 1, "Next page"));
    }
    let pager = if pager.is_empty() {
        String::new()
    } else {
        format!(
            "<nav aria-label=\"pages\"><p>{}</p></nav>",
            pager.join(" · ")
        )
    };
    doc.table(t);
    doc.push(&pager);
    doc.finish(download)
}

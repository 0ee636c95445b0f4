//! `/elections/{id}`: an election computed under the law of its day by the core's result
//! builder — for a party-list election the results with the threshold, seats, hemicycle,
//! indices and cited steps, and a what-if beside them; for a presidential first round the page
//! in `president.rs`. Every number on the page is a value of the core's result.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{Uri, header};
use axum::response::{IntoResponse, Response};
use saylau_core::data::VoteUnit;
use saylau_core::elections::results::{Computed, ListElection, WhatIf};
use saylau_core::law::METHODS;

use super::{Cell, Doc, Download, PALETTE, Table, steps_html};
use crate::api::{WHAT_IF_QUERY, strict_query, what_if};
use crate::app::Shared;
use crate::elections::Known;
use crate::error::ApiError;
use crate::render::escape;
use crate::render::hemicycle::{self, Group, SeatKind};

/// The largest house the page draws for a what-if: a limit of the drawing, not of any law.
const MAX_DRAWN_SEATS: u64 = 500;

/// The results table of a list election, as shown and as downloaded.
fn results_table(id: &'static str, r: &ListElection, caption: &str) -> Table {
    let counted = match r.input.unit {
        VoteUnit::Votes => ("votes", "Votes"),
        VoteUnit::HundredthsOfPercent => {
            ("hundredths_of_percent", "Share in hundredths of a percent")
        }
    };
    let published = r.rows.iter().any(|row| row.published_share.is_some());
    let mut columns = vec![("party", "List"), counted, ("share_percent", "Share")];
    if published {
        columns.push(("published_share_percent", "Share as published"));
    }
    columns.extend([
        ("passed_threshold", "Passed the threshold"),
        ("seats", "Seats"),
    ]);
    let mut t = Table::new(id, caption, &columns);
    for (i, row) in r.rows.iter().enumerate() {
        let mut cells = vec![
            Cell::text(row.party.clone()).with_html(format!(
                "<span class=\"swatch\" style=\"background:{}\" aria-hidden=\"true\"></span>{}",
                PALETTE[i % PALETTE.len()],
                escape(&row.party)
            )),
            Cell::count(row.votes),
            Cell::decimal(row.share.percent.clone()).with_html(row.share.percent_text()),
        ];
        if published {
            cells.push(
                row.published_share
                    .as_ref()
                    .map_or(Cell::empty(), |d| Cell::decimal(d.as_str())),
            );
        }
        cells.extend([Cell::yes_no(row.admitted), Cell::count(row.seats)]);
        t.push(cells);
    }
    t
}

fn list_groups(r: &ListElection) -> Vec<Group> {
    r.rows
        .iter()
        .enumerate()
        .filter(|(_, row)| row.seats > 0)
        .map(|(i, row)| Group {
            label: row.party.clone(),
            seats: row.seats,
            color: PALETTE[i % PALETTE.len()].to_string(),
            kind: SeatKind::PartyList,
        })
        .collect()
}

fn indices_table(id: &'static str, caption: &str, r: &ListElection) -> Table {
    let mut t = Table::new(id, caption, &[("index", "Index"), ("value", "Value")]).row_headers();
    match &r.indices {
        Some(i) => {
            for (name, value) in [
                (
                    "Votes for lists without seats (%)",
                    i.wasted_votes.percent.as_str(),
                ),
                ("Gallagher index", i.gallagher.shown.as_str()),
                (
                    "Effective number of parties, by votes",
                    i.enp_votes.shown.as_str(),
                ),
                (
                    "Effective number of parties, by seats",
                    i.enp_seats.shown.as_str(),
                ),
            ] {
                t.push(vec![Cell::text(name), Cell::decimal(value)]);
            }
        }
        None => t.push(vec![Cell::text("No seat was distributed"), Cell::empty()]),
    }
    t
}

fn what_if_form(id: &str, q: &std::collections::BTreeMap<String, String>) -> String {
    let v = |k: &str| escape(q.get(k).map_or("", String::as_str));
    let mut methods = String::from("<option value=\"\">as the law says</option>");
    for m in METHODS {
        methods.push_str(&format!(
            "<option value=\"{m}\"{}>{}</option>",
            if q.get("method").map(String::as_str) == Some(*m) {
                " selected"
            } else {
                ""
            },
            m.replace('_', " ")
        ));
    }
    format!(
        "<form method=\"get\" action=\"/elections/{id}\" class=\"what-if\">\
         <p class=\"note\">Leave a field empty to keep what the law says.</p>\
         <label for=\"threshold\">Threshold (%)</label><input id=\"threshold\" name=\"threshold\" inputmode=\"decimal\" size=\"5\" value=\"{t}\"> \
         <label for=\"method\">Method</label><select id=\"method\" name=\"method\">{methods}</select> \
         <label for=\"seats\">List seats</label><input id=\"seats\" name=\"seats\" type=\"number\" min=\"1\" max=\"{MAX_DRAWN_SEATS}\" value=\"{s}\"> \
         <label for=\"law_date\">Law of</label><input id=\"law_date\" name=\"law_date\" type=\"date\" value=\"{l}\"> \
         <button type=\"submit\">Compare</button></form>",
        id = escape(id),
        t = v("threshold"),
        s = v("seats"),
        l = v("law_date"),
    )
}

/// The what-if a page query asks, within what the page can draw.
fn asked(q: &std::collections::BTreeMap<String, String>) -> Result<WhatIf, ApiError> {
    let w = what_if(q)?;
    if w.list_seats.is_some_and(|n| n > MAX_DRAWN_SEATS) {
        return Err(ApiError::bad_request(format!(
            "query `seats`: the page draws at most {MAX_DRAWN_SEATS} list seats (the API computes more)"
        )));
    }
    Ok(w)
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// `GET /elections/{id}`: the election computed under the law of its day, with a what-if
/// beside it when one is asked.
pub async fn election(
    State(app): State<Shared>,
    axum::extract::Path(id): axum::extract::Path<String>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    uri: Uri,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    let mut allowed = WHAT_IF_QUERY.to_vec();
    allowed.push("download");
    let q = strict_query(&query, &allowed)?;
    let download = Download {
        download: q.get("download").cloned(),
    };
    let known = app.known_election(&id)?;
    let real = app.compute(&known, &WhatIf::default())?;
    let r = match real {
        Computed::List(r) => r,
        other => {
            if !asked(&q)?.is_empty() {
                return Err(ApiError::bad_request(
                    "a what-if applies to a party-list election with its votes",
                ));
            }
            return super::president::page(&known, &other, &uri, &download);
        }
    };
    let what_if = asked(&q)?;
    let alt = if what_if.is_empty() {
        None
    } else {
        match app.compute(&known, &what_if)? {
            Computed::List(a) => Some(a),
            Computed::NotComputed { why } => {
                return Err(ApiError::bad_request(format!(
                    "{}: {why}",
                    what_if.caption().unwrap_or_default()
                )));
            }
            Computed::President(_) => None,
        }
    };
    let (title, source, date) = match &known {
        Known::Data(e) => (e.title.clone(), e.source.clone(), e.date.to_string()),
        Known::Recorded(rec) => (
            rec.title(),
            rec.source.clone().unwrap_or_else(|| "the journal".into()),
            rec.date.to_string(),
        ),
    };
    let mut doc = Doc::new(title.clone(), &uri);
    doc.push(&format!(
        "<h1>{}</h1><p class=\"note\">{date} — {}</p><p class=\"note\">Counted in {}: {}.</p><h2>What if</h2>{}",
        escape(&title),
        escape(&source),
        escape(r.unit_text),
        escape(&r.input.source),
        what_if_form(&id, &q)
    ));
    doc.push(
        "<div class=\"compare\"><section aria-labelledby=\"real\"><h2 id=\"real\">The result</h2>",
    );
    doc.push(&hemicycle::svg(
        &format!("{title}: list seats"),
        &list_groups(&r),
    ));
    doc.table(results_table(
        "results",
        &r,
        "The result under the law of the election day",
    ));
    doc.push(&format!(
        "<p class=\"note\">Also at <a href=\"/elections/{id}/results.csv\">results.csv</a> and <a href=\"/elections/{id}/results.json\">results.json</a>, and with every step at <a href=\"/api/elections/{id}\">/api/elections/{id}</a>.</p>",
        id = escape(&id)
    ));
    doc.table(indices_table("indices", "Disproportionality", &r));
    doc.push("</section>");
    if let Some(a) = &alt {
        let caption = capitalized(a.what_if.as_deref().unwrap_or("What if"));
        doc.push("<section aria-labelledby=\"what-if\"><h2 id=\"what-if\">What if</h2>");
        doc.push(&hemicycle::svg(&caption, &list_groups(a)));
        doc.table(results_table("what-if-results", a, &caption));
        doc.table(indices_table(
            "what-if-indices",
            &format!(
                "Disproportionality, {}",
                a.what_if.as_deref().unwrap_or_default()
            ),
            a,
        ));
        doc.push("</section>");
    }
    doc.push("</div><h2>How the seats were distributed</h2>");
    doc.push(&steps_html(&r.result.steps));
    if let Some(a) = &alt {
        doc.push(&format!(
            "<h2>How the seats would be distributed {}</h2>",
            escape(a.what_if.as_deref().unwrap_or_default())
        ));
        doc.push(&steps_html(&a.result.steps));
    }
    doc.finish(&download)
}

/// `GET /elections/{id}/results.csv` and `.json`: exactly the rows of the results table.
pub async fn election_download(
    State(app): State<Shared>,
    axum::extract::Path((id, file)): axum::extract::Path<(String, String)>,
) -> Result<Response, ApiError> {
    let known = app.known_election(&id)?;
    let Computed::List(r) = app.compute(&known, &WhatIf::default())? else {
        return Err(ApiError::not_found(format!(
            "`{}` has no party-list result",
            saylau_core::text::quote(&id)
        )));
    };
    let table = results_table("results", &r, "");
    let (kind, text) = match file.as_str() {
        "results.json" => ("application/json", table.json()?),
        "results.csv" => ("text/csv; charset=utf-8", table.csv()?),
        other => {
            return Err(ApiError::not_found(format!(
                "no download `{}`",
                saylau_core::text::quote(other)
            )));
        }
    };
    Ok(([(header::CONTENT_TYPE, kind)], text).into_response())
}

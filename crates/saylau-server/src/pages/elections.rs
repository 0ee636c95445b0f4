//! `/elections`: every election the data holds, with its date and sources.

use crate::render::escape;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::Uri;
use axum::response::Response;
use saylau_core::data::Body;

use super::{Cell, Doc, Download, Table, figure_cell};
use crate::app::Shared;
use crate::error::ApiError;

fn body_name(body: Body) -> String {
    serde_json::to_value(body)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// `GET /elections`: every election in the data, with its date and sources.
pub async fn elections(
    State(app): State<Shared>,
    download: Result<Query<Download>, QueryRejection>,
    uri: Uri,
) -> Result<Response, ApiError> {
    super::only(&uri, &["download"])?;
    let Query(download) = download?;
    let mut doc = Doc::new("Elections", &uri);
    doc.push(
        "<h1>Elections</h1><p>The elections the built-in data holds. Party-list elections are \
         recomputed under the law of their day, with a what-if; presidential first rounds are \
         checked against the majority the law required.</p>",
    );
    let mut t = Table::new(
        "elections",
        "Elections in the data and the journal",
        &[
            ("election", "Election"),
            ("body", "Body"),
            ("date", "Date"),
            ("winner", "Winner"),
            ("source", "Source"),
        ],
    )
    .row_headers()
    .stacked();
    // Oldest first; elections on the same day keep the data's order.
    let mut by_date: Vec<_> = app.data.elections.iter().collect();
    by_date.sort_by_key(|e| e.date.earliest);
    for e in by_date {
        t.push(vec![
            Cell::text(e.id.clone()).with_html(format!(
                "<a href=\"/elections/{id}\">{}</a>",
                escape(&e.title),
                id = escape(&e.id)
            )),
            Cell::text(body_name(e.body)),
            Cell::text(e.date.to_string()),
            e.winner.as_ref().map_or(Cell::empty(), figure_cell),
            Cell::text(format!("{}; date: {}", e.source, e.date_source)),
        ]);
    }
    for r in app.recorded_elections()? {
        t.push(vec![
            Cell::text(r.id.clone()).with_html(format!(
                "<a href=\"/elections/{id}\">{}</a>",
                escape(&r.title()),
                id = escape(&r.id)
            )),
            Cell::text(body_name(r.body)),
            Cell::text(r.date.to_string()),
            r.person.clone().map_or(Cell::empty(), Cell::text),
            Cell::text(format!(
                "recorded in the journal{}",
                r.source.map_or(String::new(), |s| format!(": {s}"))
            )),
        ]);
    }
    doc.table(t);
    doc.push(
        "<h2>Referendums</h2><p>Each national referendum under the law of its day: whether more \
         than the required share took part and said yes, and carried the required share of the \
         units. A condition the rulebook does not give for the day, or that the data cannot \
         check, is <em>not known</em>, and the outcome is then not determined here. \
         <code>/api/referendums</code> gives every step with its citation.</p>",
    );
    let mut t = Table::new(
        "referendums",
        "Referendums in the data",
        &[
            ("referendum", "Referendum"),
            ("date", "Date"),
            ("took_part_percent", "Took part"),
            ("yes_percent", "Yes"),
            ("participation", "Turnout condition"),
            ("approval", "Yes condition"),
            ("units", "Units condition"),
            ("computed", "Computed"),
            ("published", "Published"),
        ],
    )
    .row_headers()
    .stacked();
    for r in &app.data.referendums {
        let law = saylau_core::law::Law::new(&app.book, &[]).at(r.date.earliest);
        let result = saylau_core::elections::referendum::referendum(law, r);
        let share = |s: &Option<saylau_core::exact::Share>| {
            s.as_ref()
                .map_or(Cell::empty(), |s| Cell::text(s.percent_text()))
        };
        let mut row = vec![
            Cell::text(r.id.clone()).with_html(escape(&r.title)),
            Cell::text(r.date.to_string()),
            share(&result.participation),
            share(&result.yes),
        ];
        for c in &result.conditions {
            row.push(Cell::text(
                serde_json::to_value(c.standing)
                    .ok()
                    .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
                    .unwrap_or_default(),
            ));
        }
        row.push(Cell::text(
            serde_json::to_value(result.outcome)
                .ok()
                .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
                .unwrap_or_default(),
        ));
        row.push(
            r.published
                .value()
                .map_or(Cell::empty(), |p| Cell::text(p.clone())),
        );
        t.push(row);
    }
    doc.table(t);
    doc.finish(&download)
}

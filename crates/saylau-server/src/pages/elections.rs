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
    for e in &app.data.elections {
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
    doc.finish(&download)
}

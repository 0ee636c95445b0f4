//! `/law`: every parameter on a date with its citation, the difference between two dates, and
//! one parameter's whole timeline.

use crate::render::escape;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::Uri;
use axum::response::Response;
use saylau_core::law::{Law, Param, ParamAt, Standing};
use serde::Deserialize;

use super::{Cell, DateQuery, Doc, Download, Table, date_of, optional_day};
use crate::app::Shared;
use crate::error::ApiError;

#[derive(Deserialize)]
pub struct LawQuery {
    date: Option<String>,
    /// A second date: show only the parameters whose value differs between the two.
    compare: Option<String>,
    /// `true`: days after the rulebook's last checked day get that day's law, marked projected.
    project: Option<String>,
}

/// The value (or why there is none), and the date and source of a parameter on a day.
fn cells(row: &ParamAt) -> [Cell; 3] {
    let value = match row.status {
        Standing::InForce => Cell::text(row.value.clone().unwrap_or_default()),
        Standing::Projected => {
            let v = row.value.clone().unwrap_or_default();
            Cell::text(v.clone()).with_html(format!("{} <em>(projected)</em>", escape(&v)))
        }
        other => {
            let s = other.words();
            Cell::text(s).with_html(format!("<em>{s}</em>"))
        }
    };
    let from = row.from.clone().map_or(Cell::empty(), Cell::text);
    let source = match row.status {
        Standing::InForce => row.source.clone().map_or(Cell::empty(), Cell::text),
        Standing::Projected => Cell::text(format!(
            "{} ({})",
            row.source.clone().unwrap_or_default(),
            row.why.clone().unwrap_or_default()
        )),
        // The note above the table says why once; the downloads keep the reason per row.
        Standing::NotKnownAfter => row.why.clone().map_or(Cell::empty(), |why| {
            Cell::text(why).with_html("past the day the rulebook is checked through".to_string())
        }),
        _ => row.why.clone().map_or(Cell::empty(), Cell::text),
    };
    [value, from, source]
}

/// `GET /law?date=D[&compare=E]`: every parameter in force on a date with its citation, or the
/// ones that differ between two dates; each links to its whole timeline.
pub async fn law(
    State(app): State<Shared>,
    q: Result<Query<LawQuery>, QueryRejection>,
    download: Result<Query<Download>, QueryRejection>,
    uri: Uri,
) -> Result<Response, ApiError> {
    super::only(&uri, &["date", "compare", "project", "download"])?;
    let Query(q) = q?;
    let Query(download) = download?;
    let date = date_of(
        &app.book,
        &DateQuery {
            date: q.date.clone(),
        },
    )?;
    let compare = optional_day(q.compare.as_deref(), "compare")?;
    let project = crate::api::law::project(q.project.as_deref().filter(|p| !p.is_empty()))?;
    let mut law = Law::new(&app.book, &[]);
    if project {
        law = law.projecting();
    }
    let horizon = app.book.horizon().clone();
    let mut doc = Doc::new(format!("The law on {date}"), &uri);
    doc.push(&format!(
        "<h1>The law on {date}</h1><form method=\"get\" action=\"/law\">\
         <label for=\"date\">Date</label><input id=\"date\" name=\"date\" type=\"date\" value=\"{date}\"> \
         <label for=\"compare\">compared with</label><input id=\"compare\" name=\"compare\" type=\"date\" value=\"{c}\"> \
         <input id=\"project\" name=\"project\" type=\"checkbox\" value=\"true\"{p}><label for=\"project\">carry the law of {h} forward past it</label> \
         <button type=\"submit\">Show</button></form>\
         <p class=\"note\">The rulebook is checked against the law through {h}: {why}</p>",
        c = compare.map_or(String::new(), |d| d.to_string()),
        p = if project { " checked" } else { "" },
        h = horizon.checked_through,
        why = escape(&horizon.source),
    ));
    let on = |d| format!("On {d}");
    let from = |d| format!("In force from (on {d})");
    let source = |d| format!("Source, or why unknown (on {d})");
    let (on_a, from_a, source_a) = (on(date), from(date), source(date));
    let mut columns: Vec<(&'static str, &str)> = vec![
        ("parameter", "Parameter"),
        ("value", &on_a),
        ("from", &from_a),
        ("source", &source_a),
    ];
    let (on_b, from_b, source_b);
    if let Some(c) = compare {
        (on_b, from_b, source_b) = (on(c), from(c), source(c));
        columns.extend([
            ("compare_value", on_b.as_str()),
            ("compare_from", from_b.as_str()),
            ("compare_source", source_b.as_str()),
        ]);
    }
    let caption = match compare {
        None => format!("Every parameter on {date}"),
        Some(c) => format!("The parameters that differ between {date} and {c}"),
    };
    let mut t = Table::new("law", caption, &columns).stacked().row_headers();
    // One row per parameter, or per parameter that differs: the core decides which differ.
    let rows: Vec<(ParamAt, Option<ParamAt>)> = match compare {
        None => law.all_at(date).into_iter().map(|a| (a, None)).collect(),
        Some(c) => law
            .diff(date, c)
            .into_iter()
            .map(|d| (d.before, Some(d.after)))
            .collect(),
    };
    for (a, b) in &rows {
        let doc_text = Param::from_name(a.parameter).map_or("", Param::doc);
        let mut row = vec![Cell::text(a.parameter).with_html(format!(
            "<a href=\"/law/{n}\"><code>{n}</code></a><br><span class=\"note\">{d}</span>",
            n = a.parameter,
            d = escape(doc_text)
        ))];
        row.extend(cells(a));
        if let Some(b) = b {
            row.extend(cells(b));
        }
        t.push(row);
    }
    if let Some(c) = compare {
        doc.push(&format!(
            "<p>{} of {} parameters differ between {date} and {c}.</p>",
            t.rows(),
            Param::ALL.len()
        ));
    }
    doc.table(t);
    doc.finish(&download)
}

/// An act cited by a value: its id, and its title linked to its text where the rulebook has
/// the address.
fn act_cell(book: &saylau_core::law::Rulebook, id: &str) -> Cell {
    let Some(act) = book.act(id) else {
        return Cell::text(id).with_html(format!("<code>{}</code>", escape(id)));
    };
    let title = match &act.url {
        Some(url) => format!("<a href=\"{}\">{}</a>", escape(url), escape(&act.title)),
        None => escape(&act.title),
    };
    Cell::text(id).with_html(format!("<code>{}</code><br>{title}", escape(id)))
}

/// `GET /law/{name}`: one parameter's whole timeline with its sources.
pub async fn law_param(
    State(app): State<Shared>,
    axum::extract::Path(name): axum::extract::Path<String>,
    download: Result<Query<Download>, QueryRejection>,
    uri: Uri,
) -> Result<Response, ApiError> {
    super::only(&uri, &["download"])?;
    let Query(download) = download?;
    let Some(p) = Param::from_name(&name) else {
        return Err(ApiError::not_found(format!("no parameter `{name}`")));
    };
    let mut doc = Doc::new(p.name(), &uri);
    doc.push(&format!(
        "<h1><code>{}</code></h1><p>{}</p><p class=\"note\">Kind: {}</p>",
        p.name(),
        escape(p.doc()),
        escape(&p.kind().describe())
    ));
    let mut t = Table::new(
        "timeline",
        format!("Every value of {} with its source", p.name()),
        &[
            ("from", "From"),
            ("until", "Until"),
            ("value", "Value"),
            ("act", "Act"),
            ("source", "Source"),
            ("note", "Note"),
        ],
    )
    .stacked();
    for e in app.book.timeline(p) {
        t.push(vec![
            Cell::text(e.from.to_string()),
            e.until.map_or(Cell::empty(), |u| Cell::text(u.to_string())),
            Cell::text(e.value.to_string()),
            e.act
                .as_deref()
                .map_or(Cell::empty(), |a| act_cell(&app.book, a)),
            Cell::text(e.source.clone()),
            e.note.as_deref().map_or(Cell::empty(), Cell::text),
        ]);
    }
    doc.table(t);
    doc.finish(&download)
}

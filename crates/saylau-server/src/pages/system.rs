//! `/system`: who elects, appoints, confirms and can dismiss whom, on a date.

use crate::render::diagram;
use crate::render::escape;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::Uri;
use axum::response::Response;
use jiff::civil::Date;
use saylau_core::law::{Law, Param};
use saylau_core::polity::chambers::chambers_on;

use super::{Cell, DateQuery, Doc, Download, Table, date_form, date_of};
use crate::app::Shared;
use crate::error::ApiError;

/// The kinds of arrow: elected, proposed, appointed, confirmed, dismissed. A presentation
/// choice only.
const STYLES: [(&str, &str, diagram::Stroke); 5] = [
    ("elects", "#27864a", diagram::Stroke::Solid),
    ("proposes", "#6b7280", diagram::Stroke::Dashed),
    ("appoints", "#1f5fa8", diagram::Stroke::Solid),
    (
        "confirms, elects or consents",
        "#7d4fa0",
        diagram::Stroke::Solid,
    ),
    (
        "dismisses, no confidence, dissolves",
        "#c0392b",
        diagram::Stroke::Dotted,
    ),
];

fn style(how: &str) -> (&'static str, diagram::Stroke) {
    // A body deciding on an office holder (the rulebook's appointment acts) is drawn apart from
    // voters and electors electing their representatives.
    let i = match how {
        "confirms" | "consents" | "elects" => 3,
        "proposes" => 1,
        h if h.starts_with("appoints") => 2,
        h if h.starts_with("elect") => 0,
        _ => 4,
    };
    (STYLES[i].1, STYLES[i].2)
}

fn legend() -> String {
    let mut out = String::from("<ul class=\"arrows\" aria-label=\"Kinds of arrow\">");
    for (what, color, stroke) in STYLES {
        let dash = match stroke {
            diagram::Stroke::Solid => "",
            diagram::Stroke::Dashed => " stroke-dasharray=\"6 4\"",
            diagram::Stroke::Dotted => " stroke-dasharray=\"2 3\"",
        };
        out.push_str(&format!(
            "<li><svg width=\"36\" height=\"10\" aria-hidden=\"true\"><line x1=\"0\" y1=\"5\" x2=\"36\" y2=\"5\" stroke=\"{color}\" stroke-width=\"2\"{dash}/></svg> {what}</li>"
        ));
    }
    out.push_str("</ul>");
    out
}

/// One relation of the system diagram: who does what to whom, and the parameter that says so.
struct Relation {
    from: String,
    to: String,
    how: String,
    param: &'static str,
}

/// The relations in force on a date, and why any part is missing.
fn relations(law: Law<'_>, date: Date) -> (Vec<Relation>, Vec<String>, Vec<String>) {
    let at = law.at(date);
    let mut out = Vec::new();
    let mut missing = Vec::new();
    let mut chamber_ids = Vec::new();
    let rel = |from: &str, to: &str, how: &str, param: Param| Relation {
        from: from.into(),
        to: to.into(),
        how: how.into(),
        param: param.name(),
    };
    match at.appointments(Param::PowersAppointments) {
        Ok(rules) => {
            for a in rules.value {
                if let Some(p) = &a.proposer {
                    out.push(rel(p, &a.office, "proposes", Param::PowersAppointments));
                }
                let how = match (a.act.as_str(), &a.proposer) {
                    ("appoints", Some(_)) => "appoints on submission",
                    ("consents", _) => "consents",
                    (act, _) => act,
                };
                out.push(rel(&a.decider, &a.office, how, Param::PowersAppointments));
            }
        }
        Err(e) => missing.push(e.to_string()),
    }
    match at.dismissals(Param::PowersDismissals) {
        Ok(rules) => {
            for d in rules.value {
                out.push(rel(&d.by, &d.office, "dismisses", Param::PowersDismissals));
            }
        }
        Err(e) => missing.push(e.to_string()),
    }
    if at.percent(Param::PresidentMajority).is_ok() {
        out.push(rel(
            "voters",
            "president",
            "elect",
            Param::PresidentMajority,
        ));
    }
    // Who fills each chamber's seats, from the chambers the rulebook has that day.
    match chambers_on(&at) {
        Ok((chambers, _)) => {
            for chamber in &chambers {
                chamber_ids.push(chamber.id.clone());
                for seats in chamber.seats.iter().filter(|s| s.seats.unwrap_or(0) > 0) {
                    let (from, how) = match seats.kind.as_str() {
                        "party_list" => ("voters", "elect party lists"),
                        "single_member" => ("voters", "elect in constituencies"),
                        "state_list" => ("voters", "elect from the state list"),
                        "assembly" => ("assembly", "elects deputies"),
                        "per_unit" => ("maslikhats", "elect members per unit"),
                        // Appointed seats are in `powers.appointments`.
                        _ => continue,
                    };
                    let param = seats
                        .law
                        .first()
                        .map_or(Param::ParliamentChambers.name(), |l| l.parameter);
                    out.push(Relation {
                        from: from.into(),
                        to: chamber.id.clone(),
                        how: how.into(),
                        param,
                    });
                }
            }
        }
        Err(e) => missing.push(e.to_string()),
    }
    match at.list(Param::GovernmentNoConfidenceBy) {
        Ok(c) => {
            for chamber in c.value {
                out.push(rel(
                    chamber,
                    "government",
                    "no confidence",
                    Param::GovernmentNoConfidenceBy,
                ));
            }
        }
        Err(e) => missing.push(e.to_string()),
    }
    match at.list(Param::ParliamentDissolutionConsultees) {
        Ok(_) => out.push(rel(
            "president",
            "parliament",
            "dissolves, after consultations",
            Param::ParliamentDissolutionConsultees,
        )),
        Err(e) => missing.push(e.to_string()),
    }
    (out, missing, chamber_ids)
}

/// `GET /system?date=D`: who elects, appoints, confirms and can dismiss whom, from the law in
/// force on the date; every arrow links to its citation.
pub async fn system(
    State(app): State<Shared>,
    q: Result<Query<DateQuery>, QueryRejection>,
    download: Result<Query<Download>, QueryRejection>,
    uri: Uri,
) -> Result<Response, ApiError> {
    super::only(&uri, &["date", "download"])?;
    let Query(download) = download?;
    let Query(q) = q?;
    let date = date_of(&app.book, &q)?;
    let checked_through = app.book.horizon().checked_through;
    let (relations, missing, chambers) = relations(Law::new(&app.book, &[]).projecting(), date);
    let mut ids: Vec<&str> = Vec::new();
    for r in &relations {
        for n in [r.from.as_str(), r.to.as_str()] {
            if !ids.contains(&n) {
                ids.push(n);
            }
        }
    }
    // Layers: those who elect, the bodies that decide, then the offices they fill.
    let sources = ["voters", "maslikhats", "assembly"];
    let deciders = ["president", "judicial_council", "maslikhat"];
    let nodes: Vec<diagram::Node> = ids
        .iter()
        .map(|id| diagram::Node {
            id: id.to_string(),
            label: id.replace('_', " "),
            layer: if sources.contains(id) {
                0
            } else if deciders.contains(id) || chambers.iter().any(|c| c == id) {
                1
            } else {
                2
            },
        })
        .collect();
    let edges: Vec<diagram::Edge> = relations
        .iter()
        .map(|r| {
            let (color, stroke) = style(&r.how);
            diagram::Edge {
                from: r.from.clone(),
                to: r.to.clone(),
                how: r.how.clone(),
                href: format!("/law/{}", r.param),
                color: color.to_string(),
                stroke,
            }
        })
        .collect();
    let svg = diagram::svg(&format!("Who fills which office on {date}"), &nodes, &edges);
    let mut doc = Doc::new(format!("The system on {date}"), &uri);
    doc.push(&format!(
        "<h1>Who fills which office on {date}</h1>{}",
        date_form("/system", date)
    ));
    if date > checked_through {
        doc.push(&format!(
            "<p class=\"note\">The rulebook is checked against the law only through \
             {checked_through}: this is the order of that day, projected to {date}, not a \
             statement that it still held.</p>"
        ));
    }
    if !missing.is_empty() {
        doc.push(&format!(
            "<p class=\"note\">Not known on this date: {}</p>",
            missing
                .iter()
                .map(|m| escape(m))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    doc.push(&svg);
    doc.push(&legend());
    let mut t = Table::new(
        "relations",
        "The same, as a table",
        &[
            ("who", "Who"),
            ("does", "Does"),
            ("whom", "To whom"),
            ("law", "Law"),
        ],
    );
    for r in &relations {
        t.push(vec![
            Cell::text(r.from.replace('_', " ")),
            Cell::text(r.how.clone()),
            Cell::text(r.to.replace('_', " ")),
            Cell::text(r.param).with_html(format!(
                "<a href=\"/law/{p}\"><code>{p}</code></a>",
                p = r.param
            )),
        ]);
    }
    doc.table(t);
    doc.finish(&download)
}

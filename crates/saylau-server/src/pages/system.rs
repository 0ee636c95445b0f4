//! `/system`: who elects, appoints, confirms and can dismiss whom, on a date.

use axum::extract::{Query, State};
use axum::http::Uri;
use axum::response::Response;
use jiff::civil::Date;
use saylau_core::hemicycle::escape;
use saylau_core::law::{Law, Param};

use super::{Cell, DateQuery, Doc, Download, Table, date_form, date_of};
use crate::Shared;
use crate::error::ApiError;

/// One relation of the system diagram: who does what to whom, and the parameter that says so.
struct Relation {
    from: String,
    to: String,
    how: String,
    param: &'static str,
}

/// The relations in force on a date, and why any part is missing.
fn relations(law: Law<'_>, date: Date) -> (Vec<Relation>, Vec<String>) {
    let at = law.at(date);
    let mut out = Vec::new();
    let mut missing = Vec::new();
    let rel = |from: &str, to: &str, how: &str, param: Param| Relation {
        from: from.into(),
        to: to.into(),
        how: how.into(),
        param: param.name(),
    };
    match at.list(Param::PowersAppointments) {
        Ok(rules) => {
            for r in rules.value {
                let Some((office, who)) = r.split_once(':') else {
                    continue;
                };
                let (proposer, decider) = match who.split_once('>') {
                    Some((p, d)) => (Some(p.trim()), d.trim()),
                    None => (None, who.trim()),
                };
                let office = office.trim();
                if let Some(p) = proposer {
                    out.push(rel(p, office, "proposes", Param::PowersAppointments));
                }
                let how = match (decider, proposer) {
                    ("mazhilis", _) => "confirms",
                    ("senate", _) => "elects or consents",
                    (_, Some(_)) => "appoints on submission",
                    _ => "appoints",
                };
                out.push(rel(decider, office, how, Param::PowersAppointments));
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
    if at.percent(Param::MazhilisThreshold).is_ok() {
        out.push(rel(
            "voters",
            "mazhilis",
            "elect party lists",
            Param::MazhilisThreshold,
        ));
    }
    if let Ok(n) = at.count(Param::MazhilisAssemblySeats)
        && n.value > 0
    {
        out.push(rel(
            "assembly",
            "mazhilis",
            "elects deputies",
            Param::MazhilisAssemblySeats,
        ));
    }
    if at.choice(Param::SenateSeatRule).is_ok() {
        out.push(rel(
            "maslikhats",
            "senate",
            "elect senators",
            Param::SenateSeatRule,
        ));
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
    (out, missing)
}

/// `GET /system?date=D`: who elects, appoints, confirms and can dismiss whom, from the law in
/// force on the date; every arrow links to its citation.
pub async fn system(
    State(app): State<Shared>,
    Query(q): Query<DateQuery>,
    Query(download): Query<Download>,
    uri: Uri,
) -> Result<Response, ApiError> {
    let date = date_of(&q)?;
    let (relations, missing) = relations(Law::new(&app.book, &[]), date);
    let mut nodes: Vec<&str> = Vec::new();
    for r in &relations {
        for n in [r.from.as_str(), r.to.as_str()] {
            if !nodes.contains(&n) {
                nodes.push(n);
            }
        }
    }
    // Layers: those who elect, the bodies that decide, then the offices they fill (on two
    // staggered rows). Arrows are straight lines, each a link to its parameter.
    let sources = ["voters", "maslikhats", "assembly"];
    let deciders = ["president", "mazhilis", "senate", "judicial_council"];
    let layer = |n: &str| {
        if sources.contains(&n) {
            0
        } else if deciders.contains(&n) {
            1
        } else {
            2
        }
    };
    let mut rows: [Vec<&str>; 4] = Default::default();
    let mut offices = 0;
    for n in &nodes {
        match layer(n) {
            2 => {
                rows[2 + offices % 2].push(n);
                offices += 1;
            }
            l => rows[l].push(n),
        }
    }
    let (w, h) = (1000.0_f64, 520.0_f64);
    let place = |n: &str| -> (f64, f64) {
        for (r, row) in rows.iter().enumerate() {
            if let Some(i) = row.iter().position(|m| *m == n) {
                let x = w * (i as f64 + 0.5) / row.len() as f64;
                let y = 40.0 + r as f64 * (h - 80.0) / 3.0;
                return (x, y);
            }
        }
        (w / 2.0, h / 2.0)
    };
    let pos = |i: usize| place(nodes[i]);
    let index = |n: &str| nodes.iter().position(|m| *m == n).unwrap_or(0);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" class=\"system\" role=\"img\" aria-label=\"Who fills which office on {date}\">\
         <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>"
    );
    for r in &relations {
        let (x1, y1) = pos(index(&r.from));
        let (x2, y2) = pos(index(&r.to));
        // Stop short of the label boxes.
        let (dx, dy) = (x2 - x1, y2 - y1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let cut = 16.0 / len;
        svg.push_str(&format!(
            "<a href=\"/law/{p}\"><line class=\"relation\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#555\" stroke-width=\"1.4\" marker-end=\"url(#arrow)\"><title>{} {} {}</title></line></a>",
            x1 + dx * cut,
            y1 + dy * cut,
            x2 - dx * cut,
            y2 - dy * cut,
            escape(&r.from),
            escape(&r.how),
            escape(&r.to),
            p = r.param
        ));
    }
    for (i, n) in nodes.iter().enumerate() {
        let (x, y) = pos(i);
        let label = n.replace('_', " ");
        let bw = 7.2 * label.len() as f64 + 12.0;
        svg.push_str(&format!(
            "<g class=\"node\"><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"26\" rx=\"6\" fill=\"#eef2f8\" stroke=\"#1f5fa8\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"12\" font-family=\"system-ui,sans-serif\">{}</text></g>",
            x - bw / 2.0,
            y - 13.0,
            y + 5.0,
            escape(&label)
        ));
    }
    svg.push_str("</svg>");
    let mut doc = Doc::new(format!("The system on {date}"), &uri);
    doc.push(&format!(
        "<h1>Who fills which office on {date}</h1>{}",
        date_form("/system", date)
    ));
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

//! `/elections/{id}`: a party-list result with its threshold, seats, hemicycle, explanation and
//! disproportionality, and a what-if beside it; any other election gets the page in
//! `president.rs`.

use crate::render::escape;
use crate::render::hemicycle::{self, Group, SeatKind};
use axum::extract::{Query, State};
use axum::http::{Uri, header};
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use saylau_core::data::VoteUnit;
use saylau_core::law::{Law, Param, Reform};
use serde::Deserialize;

use super::{Cell, Doc, Download, PALETTE, Table, optional_day, steps_html};
use crate::app::Shared;
use crate::error::ApiError;

/// The largest house a what-if may ask for: a limit of the drawing, not of any law.
const MAX_WHAT_IF_SEATS: u64 = 500;

#[derive(Deserialize)]
pub struct WhatIf {
    /// A threshold to try instead of the law's, in percent (`3` or `3.5`).
    threshold: Option<String>,
    /// An allocation method to try instead of the law's (one of `mazhilis.allocation_method`'s).
    method: Option<String>,
    /// A number of list seats to try instead of the law's.
    seats: Option<String>,
    /// Apply the law in force on this day instead of the election day's.
    law_date: Option<String>,
}

/// One row of a results table, as shown and as downloaded.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ResultRow {
    pub party: String,
    pub votes: u64,
    /// Share of all votes counted, in hundredths of a percent, rounded down.
    pub share_hundredths: u64,
    pub admitted: bool,
    pub seats: u64,
}

/// The Mazhilis result of a built-in election under a law (the enacted one, or a what-if).
fn mazhilis_result(
    app: &crate::app::App,
    id: &str,
    date: Date,
    reforms: &[saylau_core::law::Reform],
) -> Result<(Vec<ResultRow>, saylau_core::elections::mazhilis::ListResult), String> {
    let votes = app.data.votes(id).map_err(|e| e.to_string())?;
    let lists: Vec<saylau_core::elections::mazhilis::ListVotes> = votes
        .rows
        .iter()
        .zip(1u32..)
        .map(
            |((party, v), registration)| saylau_core::elections::mazhilis::ListVotes {
                party: party.clone(),
                votes: *v,
                registration,
            },
        )
        .collect();
    let result = saylau_core::elections::mazhilis::mazhilis(
        Law::new(&app.book, reforms).at(date),
        &lists,
        None,
    )
    .map_err(|e| e.to_string())?;
    let total: u64 = votes.rows.iter().map(|(_, v)| *v).sum();
    let rows = votes
        .rows
        .iter()
        .map(|(party, v)| ResultRow {
            party: party.clone(),
            votes: *v,
            share_hundredths: (v * 10_000).checked_div(total).unwrap_or(0),
            admitted: result.admitted.contains(party),
            seats: result
                .seats
                .iter()
                .find(|(p, _)| p == party)
                .map_or(0, |(_, s)| *s),
        })
        .collect();
    Ok((rows, result))
}

/// Disproportionality of a result, for display: shares of votes and seats as floats.
pub struct Indices {
    /// Votes for lists that won no seat, as a share of all votes.
    pub wasted: f64,
    /// Gallagher's least-squares index, in percentage points.
    pub gallagher: f64,
    pub enp_votes: f64,
    pub enp_seats: f64,
}

pub fn indices(rows: &[ResultRow]) -> Indices {
    let votes: u64 = rows.iter().map(|r| r.votes).sum();
    let seats: u64 = rows.iter().map(|r| r.seats).sum();
    let share = |n: u64, of: u64| if of == 0 { 0.0 } else { n as f64 / of as f64 };
    let wasted = share(
        rows.iter().filter(|r| r.seats == 0).map(|r| r.votes).sum(),
        votes,
    );
    let lsq: f64 = rows
        .iter()
        .map(|r| (100.0 * (share(r.votes, votes) - share(r.seats, seats))).powi(2))
        .sum();
    let enp = |shares: Vec<f64>| {
        let s: f64 = shares.iter().map(|x| x * x).sum();
        if s == 0.0 { 0.0 } else { 1.0 / s }
    };
    Indices {
        wasted,
        gallagher: (lsq / 2.0).sqrt(),
        enp_votes: enp(rows.iter().map(|r| share(r.votes, votes)).collect()),
        enp_seats: enp(rows.iter().map(|r| share(r.seats, seats)).collect()),
    }
}

fn results_table(id: &'static str, rows: &[ResultRow], caption: &str, unit: VoteUnit) -> Table {
    let counted = match unit {
        VoteUnit::Votes => ("votes", "Votes"),
        VoteUnit::HundredthsOfPercent => {
            ("hundredths_of_percent", "Share in hundredths of a percent")
        }
    };
    let mut t = Table::new(
        id,
        caption,
        &[
            ("party", "List"),
            counted,
            ("share_percent", "Share"),
            ("passed_threshold", "Passed the threshold"),
            ("seats", "Seats"),
        ],
    );
    for (i, r) in rows.iter().enumerate() {
        let share = format!(
            "{}.{:02}",
            r.share_hundredths / 100,
            r.share_hundredths % 100
        );
        t.push(vec![
            Cell::text(r.party.clone()).with_html(format!(
                "<span class=\"swatch\" style=\"background:{}\" aria-hidden=\"true\"></span>{}",
                PALETTE[i % PALETTE.len()],
                escape(&r.party)
            )),
            Cell::count(r.votes),
            Cell::decimal(share.clone()).with_html(format!("{share}%")),
            Cell::yes_no(r.admitted),
            Cell::count(r.seats),
        ]);
    }
    t
}

fn list_groups(rows: &[ResultRow]) -> Vec<Group> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| r.seats > 0)
        .map(|(i, r)| Group {
            label: r.party.clone(),
            seats: r.seats,
            color: PALETTE[i % PALETTE.len()].to_string(),
            kind: SeatKind::PartyList,
        })
        .collect()
}

fn indices_table(id: &'static str, caption: &str, rows: &[ResultRow]) -> Table {
    let i = indices(rows);
    let mut t = Table::new(id, caption, &[("index", "Index"), ("value", "Value")]).row_headers();
    for (name, value) in [
        (
            "Votes for lists without seats (%)",
            format!("{:.2}", 100.0 * i.wasted),
        ),
        ("Gallagher index", format!("{:.2}", i.gallagher)),
        (
            "Effective number of parties, by votes",
            format!("{:.2}", i.enp_votes),
        ),
        (
            "Effective number of parties, by seats",
            format!("{:.2}", i.enp_seats),
        ),
    ] {
        t.push(vec![Cell::text(name), Cell::decimal(value)]);
    }
    t
}

/// What the what-if form asks, checked.
struct Asked {
    threshold: Option<String>,
    method: Option<&'static str>,
    seats: Option<u64>,
    law_date: Option<Date>,
}

impl Asked {
    fn from_query(q: &WhatIf) -> Result<Asked, ApiError> {
        let given = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let threshold = match given(&q.threshold) {
            None => None,
            Some(t) => {
                let t = t.trim_end_matches('%').trim().to_string();
                let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
                let dots = t.chars().filter(|c| *c == '.').count();
                if digits == 0 || dots > 1 || digits + dots != t.len() {
                    return Err(ApiError::bad_request(format!(
                        "query `threshold`: `{t}` is not a percentage"
                    )));
                }
                Some(t)
            }
        };
        let methods = saylau_core::law::METHODS;
        let method = match given(&q.method) {
            None => None,
            Some(m) => Some(*methods.iter().find(|x| **x == m).ok_or_else(|| {
                ApiError::bad_request(format!(
                    "query `method`: `{m}` is not one of {}",
                    methods.join(", ")
                ))
            })?),
        };
        let seats = match given(&q.seats) {
            None => None,
            Some(s) => match s.parse::<u64>() {
                Ok(n) if (1..=MAX_WHAT_IF_SEATS).contains(&n) => Some(n),
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "query `seats`: `{s}` is not a whole number from 1 to {MAX_WHAT_IF_SEATS}"
                    )));
                }
            },
        };
        Ok(Asked {
            threshold,
            method,
            seats,
            law_date: optional_day(q.law_date.as_deref(), "law_date")?,
        })
    }

    fn any(&self) -> bool {
        self.threshold.is_some()
            || self.method.is_some()
            || self.seats.is_some()
            || self.law_date.is_some()
    }

    /// The reform laying the asked values over the law from `date` (none if nothing is asked
    /// but another date's law).
    fn reform(&self, date: Date) -> Result<Option<Reform>, ApiError> {
        let mut text = String::from(
            "[reform]\nname = \"what-if\"\ndescription = \"asked on the elections page\"\n",
        );
        let mut any = false;
        let mut set = |param: Param, value: String| {
            any = true;
            text.push_str(&format!(
                "\n[[{}]]\nfrom = {date}\nvalue = {value}\nsource = \"what-if asked on the elections page\"\n",
                param.name()
            ));
        };
        if let Some(t) = &self.threshold {
            set(Param::MazhilisThreshold, format!("\"{t}%\""));
        }
        if let Some(m) = self.method {
            set(Param::MazhilisAllocationMethod, format!("\"{m}\""));
        }
        if let Some(n) = self.seats {
            set(Param::MazhilisListSeats, n.to_string());
        }
        if !any {
            return Ok(None);
        }
        saylau_core::law::load_reform("what-if", &text)
            .map(Some)
            .map_err(|e| ApiError::bad_request(format!("what-if: {e}")))
    }

    fn caption(&self) -> String {
        let mut parts = Vec::new();
        if let Some(d) = self.law_date {
            parts.push(format!("under the law of {d}"));
        }
        if let Some(t) = &self.threshold {
            parts.push(format!("with a {t}% threshold"));
        }
        if let Some(m) = self.method {
            parts.push(format!("by {}", m.replace('_', " ")));
        }
        if let Some(n) = self.seats {
            parts.push(format!("for {n} list seats"));
        }
        let mut s = parts.join(", ");
        if let Some(first) = s.get(..1) {
            s = first.to_uppercase() + &s[1..];
        }
        s
    }
}

fn what_if_form(id: &str, q: &WhatIf) -> String {
    let v = |s: &Option<String>| escape(s.as_deref().unwrap_or(""));
    let mut methods = String::from("<option value=\"\">as the law says</option>");
    for m in saylau_core::law::METHODS {
        methods.push_str(&format!(
            "<option value=\"{m}\"{}>{}</option>",
            if q.method.as_deref() == Some(*m) {
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
         <label for=\"seats\">List seats</label><input id=\"seats\" name=\"seats\" type=\"number\" min=\"1\" max=\"{MAX_WHAT_IF_SEATS}\" value=\"{s}\"> \
         <label for=\"law_date\">Law of</label><input id=\"law_date\" name=\"law_date\" type=\"date\" value=\"{l}\"> \
         <button type=\"submit\">Compare</button></form>",
        id = escape(id),
        t = v(&q.threshold),
        s = v(&q.seats),
        l = v(&q.law_date),
    )
}

/// `GET /elections/{id}`: the results with the threshold, seats, hemicycle, the explanation
/// with its citations, disproportionality, and a what-if beside them.
pub async fn election(
    State(app): State<Shared>,
    axum::extract::Path(id): axum::extract::Path<String>,
    Query(q): Query<WhatIf>,
    Query(download): Query<Download>,
    uri: Uri,
) -> Result<Response, ApiError> {
    let Some(e) = app.data.election(&id) else {
        return Err(ApiError::not_found(format!("no election `{id}`")));
    };
    if e.body != saylau_core::data::Body::Mazhilis || e.date.earliest != e.date.latest {
        return super::president::page(&app, e, &uri, &download);
    }
    let date = e.date.earliest;
    let asked = Asked::from_query(&q)?;
    let votes = app
        .data
        .votes(&id)
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    let (rows, result) = mazhilis_result(&app, &id, date, &[]).map_err(ApiError::bad_request)?;
    let mut doc = Doc::new(e.title.clone(), &uri);
    doc.push(&format!(
        "<h1>{}</h1><p class=\"note\">{} — {}</p><p class=\"note\">Counted in {}: {}.</p><h2>What if</h2>{}",
        escape(&e.title),
        date,
        escape(&e.source),
        escape(votes.unit_text),
        escape(&votes.source),
        what_if_form(&id, &q)
    ));

    let what_if = if asked.any() {
        let law_date = asked.law_date.unwrap_or(date);
        let reform = asked.reform(law_date)?;
        let (rows, result) = mazhilis_result(&app, &id, law_date, reform.as_slice())
            .map_err(|e| ApiError::bad_request(format!("{}: {e}", asked.caption())))?;
        Some((asked.caption(), rows, result))
    } else {
        None
    };

    doc.push(
        "<div class=\"compare\"><section aria-labelledby=\"real\"><h2 id=\"real\">The result</h2>",
    );
    let caption = "The result under the law of the election day";
    doc.push(&hemicycle::svg(
        &format!("{}: list seats", e.title),
        &list_groups(&rows),
    ));
    doc.table(results_table("results", &rows, caption, votes.unit));
    doc.push(&format!(
        "<p class=\"note\">Also at <a href=\"/elections/{id}/results.csv\">results.csv</a> and <a href=\"/elections/{id}/results.json\">results.json</a>.</p>",
        id = escape(&id)
    ));
    doc.table(indices_table("indices", "Disproportionality", &rows));
    doc.push("</section>");
    if let Some((caption, rows, _)) = &what_if {
        doc.push("<section aria-labelledby=\"what-if\"><h2 id=\"what-if\">What if</h2>");
        doc.push(&hemicycle::svg(caption, &list_groups(rows)));
        doc.table(results_table("what-if-results", rows, caption, votes.unit));
        doc.table(indices_table(
            "what-if-indices",
            &format!("Disproportionality, {}", lower_first(caption)),
            rows,
        ));
        doc.push("</section>");
    }
    doc.push("</div><h2>How the seats were distributed</h2>");
    doc.push(&steps_html(&result.steps));
    if let Some((caption, _, result)) = &what_if {
        doc.push(&format!(
            "<h2>How the seats would be distributed {}</h2>",
            escape(&lower_first(caption))
        ));
        doc.push(&steps_html(&result.steps));
    }
    doc.finish(&download)
}

fn lower_first(s: &str) -> String {
    match s.get(..1) {
        Some(first) => first.to_lowercase() + &s[1..],
        None => String::new(),
    }
}

/// `GET /elections/{id}/results.csv` and `.json`: exactly the rows of the results table.
pub async fn election_download(
    State(app): State<Shared>,
    axum::extract::Path((id, file)): axum::extract::Path<(String, String)>,
) -> Result<Response, ApiError> {
    let Some(e) = app.data.election(&id) else {
        return Err(ApiError::not_found(format!("no election `{id}`")));
    };
    if e.date.earliest != e.date.latest || e.body != saylau_core::data::Body::Mazhilis {
        return Err(ApiError::not_found(format!(
            "`{id}` has no party-list result"
        )));
    }
    let (rows, _) =
        mazhilis_result(&app, &id, e.date.earliest, &[]).map_err(ApiError::bad_request)?;
    let unit = app
        .data
        .votes(&id)
        .map_err(|e| ApiError::bad_request(e.to_string()))?
        .unit;
    let table = results_table("results", &rows, "", unit);
    let (kind, text) = match file.as_str() {
        "results.json" => ("application/json", table.json()?),
        "results.csv" => ("text/csv; charset=utf-8", table.csv()?),
        other => return Err(ApiError::not_found(format!("no download `{other}`"))),
    };
    Ok(([(header::CONTENT_TYPE, kind)], text).into_response())
}

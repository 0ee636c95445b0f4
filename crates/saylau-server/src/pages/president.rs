//! The page of an election that is not a party-list vote on a known day: a presidential first
//! round checked against the majority the law required, or an election the sources give no
//! figures for.

use crate::render::escape;
use axum::http::Uri;
use axum::response::Response;
use saylau_core::data::{Body, Election, VoteUnit};
use saylau_core::elections::president::{self, PresidentOutcome};
use saylau_core::law::Law;

use super::{Cell, Doc, Download, Table, steps_html};
use crate::error::ApiError;

/// The page of an election that is not a party-list vote on a known day.
pub(super) fn page(
    app: &crate::app::App,
    e: &Election,
    uri: &Uri,
    download: &Download,
) -> Result<Response, ApiError> {
    let mut doc = Doc::new(e.title.clone(), uri);
    doc.push(&format!(
        "<h1>{}</h1><p class=\"note\">{} ({}) — {}</p>",
        escape(&e.title),
        e.date,
        escape(&e.date_source),
        escape(&e.source)
    ));
    if let Some(n) = &e.note {
        doc.push(&format!("<p>{}</p>", escape(n)));
    }
    let votes = match app.data.votes(&e.id) {
        Ok(v) => v,
        Err(_) => {
            doc.push(&format!(
                "<p>The sources give no vote counts for this election{}.</p>",
                match e.winner.as_ref().and_then(|w| w.value()) {
                    Some(w) => format!("; the winner was {}", escape(w)),
                    None => String::new(),
                }
            ));
            return doc.finish(download);
        }
    };
    if e.body != Body::President {
        return doc.finish(download);
    }
    // Who took part is the base of the majority; where the sources do not give it, the votes
    // for candidates stand in, which can only make a share larger, and the page says so.
    let participating = e
        .participating_voters
        .as_ref()
        .and_then(|f| f.value().copied());
    let cast: u64 = votes.rows.iter().map(|(_, v)| *v).sum();
    let base = participating.unwrap_or(cast);
    let shares_only = votes.unit == VoteUnit::HundredthsOfPercent;
    if shares_only {
        doc.push(&format!(
            "<p class=\"note\">The sources give shares, not vote counts: the first round is computed on the \
             shares in hundredths of a percent ({}), which add up to {cast}.</p>",
            escape(&votes.source)
        ));
    } else if participating.is_none() {
        doc.push(&format!(
            "<p class=\"note\">The sources do not give the number of voters who took part, the base of the \
             majority; the {cast} votes for candidates stand in for it, so every share below is as large \
             as it can be.</p>"
        ));
    }
    let base = if shares_only { cast } else { base };
    // A month- or year-dated election is judged under the law of its last possible day.
    let day = e.date.latest;
    if e.date.earliest != e.date.latest {
        doc.push(&format!(
            "<p class=\"note\">The sources date this election only to {}; the law of {day} is applied.</p>",
            e.date
        ));
    }
    let result = president::first_round(Law::new(&app.book, &[]).at(day), &votes.rows, base);
    let counted = if shares_only {
        ("hundredths_of_percent", "Share in hundredths of a percent")
    } else {
        ("votes", "Votes")
    };
    let mut t = Table::new(
        "results",
        if shares_only {
            "First round, on the shares the sources give".to_string()
        } else {
            format!("First round, counted against {base} voters")
        },
        &[
            ("candidate", "Candidate"),
            ("affiliation", "Affiliation"),
            counted,
            ("share_percent", "Share"),
            ("published_share_percent", "Share as published"),
            ("elected", "Elected"),
        ],
    )
    .row_headers();
    let winner = match &result {
        Ok(r) => match &r.outcome {
            PresidentOutcome::Elected { winner } => Some(winner.clone()),
            _ => None,
        },
        Err(_) => None,
    };
    for (name, v) in &votes.rows {
        let row = e.row(name);
        // Hundredths of a percent, rounded down: exact integers, no floating point.
        let h = (v * 10_000).checked_div(base).unwrap_or(0);
        let share = format!("{}.{:02}", h / 100, h % 100);
        t.push(vec![
            Cell::text(name.clone()),
            row.and_then(|r| r.affiliation.clone())
                .map_or(Cell::empty(), Cell::text),
            Cell::count(*v),
            Cell::decimal(share.clone()).with_html(format!("{share}%")),
            row.and_then(|r| r.votes_share.as_ref())
                .and_then(|f| f.value())
                .map_or(Cell::empty(), |d| Cell::decimal(d.as_str())),
            Cell::yes_no(winner.as_deref() == Some(name.as_str())),
        ]);
    }
    doc.table(t);
    match result {
        Ok(r) => {
            doc.push("<h2>How the result follows from the law</h2>");
            doc.push(&steps_html(&r.steps));
        }
        Err(err) => doc.push(&format!(
            "<p>The law of {day} cannot decide this election: {}</p>",
            escape(&err.to_string())
        )),
    }
    doc.finish(download)
}

//! The page of an election that is not a party-list vote on a known day: a presidential first
//! round as the core computed it (its vote base and why, each candidate's exact share beside
//! the published one, the cited steps), or an election the sources give no figures for.

use axum::http::Uri;
use axum::response::Response;
use saylau_core::data::VoteUnit;
use saylau_core::elections::results::{Computed, VoteBase};

use super::{Cell, Doc, Download, Table, steps_html};
use crate::elections::Known;
use crate::error::ApiError;
use crate::render::escape;

/// The page of `known`, computed as `computed`.
pub(super) fn page(
    known: &Known<'_>,
    computed: &Computed,
    uri: &Uri,
    download: &Download,
) -> Result<Response, ApiError> {
    let title = known.title();
    let mut doc = Doc::new(title.clone(), uri);
    match known {
        Known::Data(e) => {
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
        }
        Known::Recorded(r) => doc.push(&format!(
            "<h1>{}</h1><p class=\"note\">{} — recorded in the journal{}</p>",
            escape(&title),
            r.date,
            r.source
                .as_deref()
                .map_or(String::new(), |s| format!(": {}", escape(s)))
        )),
    }
    let r = match computed {
        Computed::President(r) => r,
        Computed::NotComputed { why } => {
            let winner = match known {
                Known::Data(e) => e.winner.as_ref().and_then(|w| w.value()).cloned(),
                Known::Recorded(r) => r.person.clone(),
            };
            doc.push(&format!(
                "<p>Nothing to compute: {}{}.</p>",
                escape(why),
                winner.map_or(String::new(), |w| format!(
                    "; the winner was {}",
                    escape(&w)
                ))
            ));
            return doc.finish(download);
        }
        Computed::List(_) => return doc.finish(download),
    };
    doc.push(&format!(
        "<p class=\"note\">{}</p>",
        escape(&r.input.base.says())
    ));
    if let Known::Data(e) = known
        && e.date.earliest != e.date.latest
    {
        doc.push(&format!(
            "<p class=\"note\">The sources date this election only to {}; the law of {} is applied.</p>",
            e.date, r.law_date
        ));
    }
    let shares_only = r.input.unit == VoteUnit::HundredthsOfPercent;
    let counted = if shares_only {
        ("hundredths_of_percent", "Share in hundredths of a percent")
    } else {
        ("votes", "Votes")
    };
    let caption = match &r.input.base {
        VoteBase::Shares { .. } => "First round, on the shares the sources give".to_string(),
        base => format!("First round, counted against {} voters", base.value()),
    };
    let mut t = Table::new(
        "results",
        caption,
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
    for row in &r.rows {
        t.push(vec![
            Cell::text(row.candidate.clone()),
            row.affiliation.clone().map_or(Cell::empty(), Cell::text),
            Cell::count(row.votes),
            Cell::decimal(row.share.percent.clone()).with_html(row.share.percent_text()),
            row.published_share
                .as_ref()
                .map_or(Cell::empty(), |d| Cell::decimal(d.as_str())),
            Cell::yes_no(row.elected),
        ]);
    }
    doc.table(t);
    doc.push("<h2>How the result follows from the law</h2>");
    doc.push(&steps_html(&r.result.steps));
    doc.finish(download)
}

//! `/parliament`: the Mazhilis and the Senate on a date, as hemicycles with legends.

use crate::render::escape;
use crate::render::hemicycle::{self, Group, SeatKind};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::Uri;
use axum::response::Response;
use saylau_core::law::{Law, Param};
use saylau_core::polity::journal;
use saylau_core::polity::state::SeatKind as CoreKind;

use super::{
    APPOINTED, ASSEMBLY, DateQuery, Doc, Download, PALETTE, UNKNOWN, date_form, date_of, legend,
};
use crate::app::Shared;
use crate::error::ApiError;

/// The Mazhilis groups on a date, as the core tells the chamber
/// ([`saylau_core::polity::state::Mazhilis::composition`]): list seats by list, single-member
/// seats by nominator in the colour of the party's list, then the Assembly's deputies.
pub fn mazhilis_groups(state: &journal::State) -> Option<Vec<Group>> {
    let m = state.mazhilis.as_ref()?;
    let mut colors: Vec<(String, String)> = Vec::new();
    let mut next = 0;
    let mut color_of = |label: &str| {
        if let Some((_, c)) = colors.iter().find(|(l, _)| l == label) {
            return c.clone();
        }
        let c = PALETTE[next % PALETTE.len()].to_string();
        next += 1;
        colors.push((label.to_string(), c.clone()));
        c
    };
    let groups = m
        .composition(&state.parties)
        .into_iter()
        .map(|g| {
            let (kind, color) = match g.kind {
                CoreKind::PartyList => (SeatKind::PartyList, color_of(&g.label)),
                CoreKind::SingleMember if g.party.is_some() => {
                    (SeatKind::SingleMember, color_of(&g.label))
                }
                CoreKind::SingleMember => (SeatKind::SingleMember, UNKNOWN.to_string()),
                CoreKind::SingleMemberNotGiven => (SeatKind::Unknown, UNKNOWN.to_string()),
                CoreKind::Assembly => (SeatKind::Assembly, ASSEMBLY.to_string()),
            };
            Group {
                label: capitalized(&g.label),
                seats: g.seats,
                color,
                kind,
            }
        })
        .collect();
    Some(groups)
}

fn capitalized(label: &str) -> String {
    let mut chars = label.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// `GET /parliament?date=D`: the Mazhilis and the Senate on a date, as hemicycles.
pub async fn parliament(
    State(app): State<Shared>,
    q: Result<Query<DateQuery>, QueryRejection>,
    download: Result<Query<Download>, QueryRejection>,
    uri: Uri,
) -> Result<Response, ApiError> {
    super::only(&uri, &["date", "download"])?;
    let Query(download) = download?;
    let Query(q) = q?;
    let date = date_of(&app.book, &q)?;
    let state = app.state_on(date)?;
    let mut body = Doc::new(format!("Parliament on {date}"), &uri);
    body.push(&format!(
        "<h1>Parliament on {date}</h1>{}",
        date_form("/parliament", date)
    ));

    body.push("<h2>Mazhilis</h2>");
    match mazhilis_groups(&state) {
        Some(groups) => {
            let m = state.mazhilis.as_ref();
            body.push(&hemicycle::svg(&format!("Mazhilis on {date}"), &groups));
            body.table(legend(
                "mazhilis",
                &format!("Mazhilis seats on {date}"),
                &groups,
            ));
            if let Some(m) = m {
                body.push(&format!(
                    "<p class=\"note\">Elected {} (<code>{}</code>); the next election is due by {}.</p>",
                    m.elected,
                    escape(&m.election),
                    m.next_election_due
                        .map_or("an unknown date".into(), |d| d.to_string())
                ));
            }
        }
        None => body.push("<p>No Mazhilis election on or before this date is in the journal.</p>"),
    }

    body.push("<h2>Senate</h2>");
    let at = Law::new(&app.book, &[]).at(date);
    match (
        at.count(Param::SenateElectedPerUnit),
        at.list(Param::StateUnits),
        at.count(Param::SenateAppointedSeats),
    ) {
        (Ok(per_unit), Ok(units), Ok(appointed)) => {
            let elected = per_unit.value * units.value.len() as u64;
            let named: u64 = state.senate_elected.values().map(|v| v.len() as u64).sum();
            let held = state
                .offices
                .get("appointed_senator")
                .map_or(0, |m| m.len() as u64);
            let mut groups = Vec::new();
            if named > 0 {
                groups.push(Group {
                    label: "Elected senators named in the journal".into(),
                    seats: named.min(elected),
                    color: PALETTE[0].into(),
                    kind: SeatKind::Elected,
                });
            }
            if elected > named {
                groups.push(Group {
                    label: "Elected by the maslikhats (holders not in the data)".into(),
                    seats: elected - named,
                    color: UNKNOWN.into(),
                    kind: SeatKind::Unknown,
                });
            }
            if held > 0 {
                groups.push(Group {
                    label: "Appointed by the president (named)".into(),
                    seats: held.min(appointed.value),
                    color: APPOINTED.into(),
                    kind: SeatKind::Appointed,
                });
            }
            if appointed.value > held {
                groups.push(Group {
                    label: "Appointed by the president (holders not in the data)".into(),
                    seats: appointed.value - held,
                    color: APPOINTED.into(),
                    kind: SeatKind::Appointed,
                });
            }
            body.push(&hemicycle::svg(&format!("Senate on {date}"), &groups));
            body.table(legend(
                "senate",
                &format!("Senate seats on {date}"),
                &groups,
            ));
            body.push(&format!(
                "<p class=\"note\">{} elected per unit × {} units (<code>{}</code>, <code>{}</code>); {} appointed (<code>{}</code>), in force on {date}.</p>",
                per_unit.value,
                units.value.len(),
                per_unit.law.parameter,
                units.law.parameter,
                appointed.value,
                appointed.law.parameter
            ));
        }
        (a, b, c) => {
            let why = [a.err(), b.err(), c.err()]
                .into_iter()
                .flatten()
                .map(|e| escape(&e.to_string()))
                .collect::<Vec<_>>()
                .join("; ");
            body.push(&format!(
                "<p>The Senate's composition on {date} is not known: {why}</p>"
            ));
        }
    }
    body.finish(&download)
}

//! `/parliament`: the Mazhilis and the Senate on a date, as hemicycles with legends.

use crate::render::escape;
use crate::render::hemicycle::{self, Group, SeatKind};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::Uri;
use axum::response::Response;
use saylau_core::law::Law;
use saylau_core::polity::chambers::{ChamberOn, chambers_on};
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

/// `GET /parliament?date=D`: the chambers of parliament on a date, as the rulebook's
/// `parliament.chambers` gives them, each a hemicycle: the seats whose holders the journal
/// records, then the others as the law counts them. After the rulebook's last checked day the
/// order of that day is drawn, marked as projected.
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
    let checked_through = app.book.horizon().checked_through;
    let law = Law::new(&app.book, &[]).projecting();
    if date > checked_through {
        body.push(&format!(
            "<p class=\"note\">The rulebook is checked against the law only through \
             {checked_through}: this is the order of that day, projected to {date}, not a \
             statement that it still held.</p>"
        ));
    }
    let at = law.at(date);
    let (chambers, cited) = match chambers_on(&at) {
        Ok(found) => found,
        Err(e) => {
            body.push(&format!(
                "<p>The chambers of parliament on {date} are not known: {}</p>",
                escape(&e.to_string())
            ));
            return body.finish(&download);
        }
    };
    if chambers.is_empty() {
        body.push(&format!(
            "<p>No parliament sits on {date} under the law (<code>{}</code>, from {}): {}</p>",
            cited.parameter,
            cited.from,
            escape(&cited.source)
        ));
        return body.finish(&download);
    }
    let names: Vec<&str> = chambers.iter().map(|c| c.name.as_str()).collect();
    body.push(&format!(
        "<p class=\"note\">Parliament on {date}: the {} (<code>{}</code>, in force from {}).</p>",
        escape(&names.join(" and the ")),
        cited.parameter,
        cited.from
    ));
    for chamber in &chambers {
        body.push(&format!("<h2>{}</h2>", escape(&chamber.name)));
        let groups = chamber_groups(&state, chamber);
        if groups.is_empty() {
            body.push("<p>No seats of this chamber are known on this date.</p>");
        } else {
            body.push(&hemicycle::svg(
                &format!("{} on {date}", chamber.name),
                &groups,
            ));
            body.table(legend(
                &chamber.id,
                &format!("{} seats on {date}", chamber.name),
                &groups,
            ));
        }
        let counts: Vec<String> = chamber
            .seats
            .iter()
            .map(|s| match (s.seats, &s.unknown) {
                (Some(n), _) => format!(
                    "{n} {} ({})",
                    kind_words(&s.kind),
                    s.law
                        .iter()
                        .map(|l| format!("<code>{}</code>", l.parameter))
                        .collect::<Vec<_>>()
                        .join(" × ")
                ),
                (None, Some(why)) => format!("{}: {}", kind_words(&s.kind), escape(why)),
                (None, None) => kind_words(&s.kind).to_string(),
            })
            .collect();
        body.push(&format!(
            "<p class=\"note\">Seats by law on {date}: {}.</p>",
            counts.join("; ")
        ));
        if let Some(m) = state
            .mazhilis
            .as_ref()
            .filter(|_| state.elected(&chamber.id).is_some())
        {
            body.push(&format!(
                "<p class=\"note\">Elected {} (<code>{}</code>); the next election is due by {}.</p>",
                m.elected,
                escape(&m.election),
                m.next_election_due
                    .map_or("an unknown date".into(), |d| d.to_string())
            ));
        }
    }
    body.finish(&download)
}

/// What seats of a kind are, in words.
fn kind_words(kind: &str) -> &'static str {
    match kind {
        "party_list" => "elected by party lists",
        "single_member" => "elected in single-member constituencies",
        "state_list" => "elected from the president's state list",
        "assembly" => "elected by the Assembly of People",
        "per_unit" => "elected by the maslikhats, per unit",
        "appointed" => "appointed by the president",
        _ => "seats",
    }
}

/// A chamber's groups: the seats the journal records holders for (the elected chamber's
/// groups, named senators, appointed holders), then, for each kind of seat the law counts,
/// the rest as seats whose holders are not in the data.
fn chamber_groups(state: &journal::State, chamber: &ChamberOn) -> Vec<Group> {
    let elected = mazhilis_groups_of(state, &chamber.id);
    let mut groups: Vec<Group> = Vec::new();
    for seats in &chamber.seats {
        let Some(total) = seats.seats else { continue };
        let from_election: Vec<&Group> = elected
            .iter()
            .flatten()
            .filter(|(kind, _)| kind == &seats.kind)
            .map(|(_, g)| g)
            .collect();
        if !from_election.is_empty() {
            groups.extend(from_election.into_iter().cloned());
            continue;
        }
        let named = state.named_seats(&chamber.id, &seats.kind).min(total);
        let (known_kind, color) = match seats.kind.as_str() {
            "appointed" => (SeatKind::Appointed, APPOINTED),
            "assembly" => (SeatKind::Assembly, ASSEMBLY),
            _ => (SeatKind::Elected, PALETTE[0]),
        };
        if named > 0 {
            groups.push(Group {
                label: format!(
                    "{} (named in the journal)",
                    capitalized(kind_words(&seats.kind))
                ),
                seats: named,
                color: color.into(),
                kind: known_kind,
            });
        }
        if total > named {
            let (kind, color) = match known_kind {
                SeatKind::Appointed | SeatKind::Assembly => (known_kind, color),
                _ => (SeatKind::Unknown, UNKNOWN),
            };
            groups.push(Group {
                label: format!(
                    "{} (holders not in the data)",
                    capitalized(kind_words(&seats.kind))
                ),
                seats: total - named,
                color: color.into(),
                kind,
            });
        }
    }
    groups
}

/// The elected chamber's groups by the kind of seat the rulebook calls them.
fn mazhilis_groups_of(state: &journal::State, chamber: &str) -> Option<Vec<(String, Group)>> {
    state.elected(chamber)?;
    let groups = mazhilis_groups(state)?;
    let kinds = state.elected(chamber)?.into_iter().map(|g| match g.kind {
        CoreKind::PartyList => "party_list",
        CoreKind::SingleMember | CoreKind::SingleMemberNotGiven => "single_member",
        CoreKind::Assembly => "assembly",
    });
    Some(kinds.map(str::to_string).zip(groups).collect())
}

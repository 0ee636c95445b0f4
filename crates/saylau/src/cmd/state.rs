//! `saylau state`: the polity on a date, from the journal of events folded up to that day.

use jiff::civil::Date;
use saylau_core::explain::Table;
use saylau_core::law::Law;
use saylau_core::polity::journal::{self, Entry, State};
use saylau_core::polity::state::SeatKind;

use crate::cmd::Done;
use crate::cmd::common::{dataset, entries};
use crate::flags::{Format, StateArgs};
use crate::input::Result;
use crate::output;

/// `saylau state --date D`.
pub fn run(args: &StateArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let entries = entries(args.journal.as_deref())?;
    let history = journal::replay(law, &dataset()?, &entries);
    let on = history.state_on_with_uncertain(args.date);
    match args.format {
        Format::Json => output::json(out, &on)?,
        Format::Table => {
            render_state(out, args.date, &on.state, &on.uncertain);
            if !on.notices.is_empty() {
                out.push_str("\nNotices:\n");
                for n in &on.notices {
                    out.push_str(&format!("  {n}\n"));
                }
            }
        }
    }
    Ok(Done::Ok)
}

fn render_state(out: &mut String, date: Date, s: &State, uncertain: &[Entry]) {
    out.push_str(&format!("The polity on {date}\n\n"));
    out.push_str(&format!(
        "Constitution: {}\n",
        if s.constitution.is_empty() {
            "none in force".to_string()
        } else {
            s.constitution.join(", then ")
        }
    ));
    match &s.president {
        Some(p) => out.push_str(&format!(
            "President: {} (since {}{})\n",
            p.person,
            p.since,
            p.term_ends.map_or(String::new(), |e| if e < date {
                format!("; term ended {e}")
            } else {
                format!("; term ends {e}")
            })
        )),
        None => out.push_str("President: none\n"),
    }
    for (office, seats) in &s.offices {
        for (seat, h) in seats {
            let seat = if seat.is_empty() || *seat == h.person {
                String::new()
            } else {
                format!(" ({seat})")
            };
            out.push_str(&format!(
                "{office}{seat}: {} (since {})\n",
                h.person, h.since
            ));
        }
    }
    match &s.mazhilis {
        Some(m) => {
            out.push_str(&format!(
                "\nMazhilis: elected {} (`{}`){}{}\n",
                m.elected,
                m.election,
                m.next_election_due.map_or(String::new(), |d| if d < date {
                    format!("; the next election was due by {d} (overdue)")
                } else {
                    format!("; next election due by {d}")
                }),
                s.dissolved
                    .map_or(String::new(), |d| format!("; dissolved {d}"))
            ));
            let mut t = Table::new(vec!["held by", "elected", "seats"]);
            for g in m.composition(&s.parties) {
                let how = match g.kind {
                    SeatKind::PartyList => "party list",
                    SeatKind::SingleMember | SeatKind::SingleMemberNotGiven => "single-member",
                    SeatKind::Assembly => "by the Assembly",
                };
                t.row(vec![g.label.into(), how.into(), g.seats.into()]);
            }
            output::table(out, &t);
        }
        None => out.push_str("\nMazhilis: no election in the journal yet\n"),
    }
    let registered: Vec<_> = s.parties.parties().filter(|p| p.is_registered()).collect();
    out.push_str(&format!("\nRegistered parties ({}):\n", registered.len()));
    for p in registered {
        out.push_str(&format!("  {} (`{}`)\n", p.name, p.id));
    }
    let ceased: Vec<_> = s.parties.parties().filter(|p| !p.is_registered()).collect();
    if !ceased.is_empty() {
        out.push_str(&format!("Ceased parties ({}):\n", ceased.len()));
        for p in ceased {
            out.push_str(&format!("  {} (`{}`)\n", p.name, p.id));
        }
    }
    if !s.bills.is_empty() {
        out.push_str("\nBills:\n");
        for (id, b) in &s.bills {
            out.push_str(&format!(
                "  `{id}` {}: passed {}{}\n",
                b.title,
                if b.passed.is_empty() {
                    "no chamber".to_string()
                } else {
                    b.passed.join(", ")
                },
                b.decision
                    .map_or(String::new(), |d| format!("; president: {d:?}")
                        .to_lowercase())
            ));
        }
    }
    if !uncertain.is_empty() {
        out.push_str(&format!(
            "\nNot folded in: {} entr{} dated only to a month or year that spans {date}:\n",
            uncertain.len(),
            if uncertain.len() == 1 { "y" } else { "ies" }
        ));
        for e in uncertain {
            out.push_str(&format!("  {} {}\n", e.date, e.event.kind()));
        }
    }
}

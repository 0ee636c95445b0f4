//! `saylau state`: the polity on a date, from the journal of events folded up to that day.

use jiff::civil::Date;
use saylau_core::explain::Table;
use saylau_core::law::Law;
use saylau_core::polity::chambers::chambers_on;
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
            render_state(out, law, args.date, &on.state, &on.uncertain);
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

fn render_state(out: &mut String, law: Law<'_>, date: Date, s: &State, uncertain: &[Entry]) {
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
    // The chambers of the day, from the rulebook (projected past its last checked day, which
    // the notices then say); the journal gives the members of those it records.
    let chambers = chambers_on(&law.projecting().at(date)).map(|(c, _)| c);
    let names = match &chambers {
        Ok(c) if c.is_empty() => "none under the law of this day".to_string(),
        Ok(c) => format!(
            "the {}",
            c.iter()
                .map(|c| c.name.clone())
                .collect::<Vec<_>>()
                .join(" and the ")
        ),
        Err(e) => format!("not known ({e})"),
    };
    out.push_str(&format!("\nParliament: {names}\n"));
    // The chambers of the law, then any the journal still holds that the law of the day has
    // not (a journal that stops before a new constitution): shown, and said to be so.
    let mut shown: Vec<(String, String, Option<u64>, bool)> = chambers
        .iter()
        .flatten()
        .map(|c| (c.id.clone(), c.name.clone(), c.total(), true))
        .collect();
    for id in s.elected_chambers() {
        if !shown.iter().any(|(i, ..)| i == id) {
            let mut name = id.to_string();
            if let Some(first) = name.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            shown.push((id.to_string(), name, None, false));
        }
    }
    for (id, name, total, in_law) in &shown {
        match (s.elected(id), &s.mazhilis) {
            (Some(groups), Some(m)) => {
                out.push_str(&format!(
                    "\n{}{}: elected {} (`{}`){}{}\n",
                    name,
                    if *in_law {
                        String::new()
                    } else {
                        format!(" (not a chamber of parliament on {date} under the rulebook)")
                    },
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
                for g in groups {
                    let how = match g.kind {
                        SeatKind::PartyList => "party list",
                        SeatKind::SingleMember | SeatKind::SingleMemberNotGiven => "single-member",
                        SeatKind::Assembly => "by the Assembly",
                    };
                    t.row(vec![g.label.into(), how.into(), g.seats.into()]);
                }
                output::table(out, &t);
            }
            _ => out.push_str(&format!(
                "\n{name}: {} seats by law; the journal records no election of it by this day\n",
                total.map_or_else(|| "an unknown number of".to_string(), |n| n.to_string())
            )),
        }
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

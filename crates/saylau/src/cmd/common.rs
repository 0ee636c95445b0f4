//! Helpers that several commands share: reading vote files and contests, rendering a list
//! election's result or a set of majority contests, the built-in data and journal, and the
//! async runtime of the commands that talk to the store.

use saylau_core::builtin;
use saylau_core::data::Dataset;
use saylau_core::elections::majority;
use saylau_core::elections::mazhilis::{self, ListResult, ListVotes};
use saylau_core::exact::fraction::Fraction;
use saylau_core::explain::Table;
use saylau_core::law::LawError;
use saylau_core::polity::journal::Entry;

use crate::cmd::Done;
use crate::flags::Format;
use crate::input::{InputError, Result, read_file, read_votes};
use crate::output;

pub fn law_error(e: LawError) -> InputError {
    InputError(e.to_string())
}

/// The seed's data built into saylau.
pub fn dataset() -> Result<Dataset> {
    builtin::data().map_err(|e| InputError(format!("built-in data: {e}")))
}

/// The journal: a file, or the built-in history.
pub fn entries(spec: Option<&str>) -> Result<Vec<Entry>> {
    match spec {
        None => builtin::journal().map_err(|e| InputError(e.to_string())),
        Some("builtin:journal") => builtin::journal().map_err(|e| InputError(e.to_string())),
        Some(spec) => Ok(saylau_formats::text::read_journal(
            spec,
            &read_file(spec)?,
            false,
        )?),
    }
}

/// The runtime of a command that talks to the journal store.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| InputError(format!("cannot start the async runtime: {e}")))
}

// ---------------------------------------------------------------------------------------------
// party lists

/// Reads a `party,votes[,list_number]` CSV.
pub fn read_lists(spec: &str) -> Result<Vec<ListVotes>> {
    Ok(saylau_formats::votes::read_lists(spec, &read_votes(spec)?)?)
}

pub fn list_error(spec: &str, e: mazhilis::ListError) -> InputError {
    InputError(format!("{spec}: {e}"))
}

pub fn done_for(result: &ListResult) -> Done {
    if result.lots_required.is_some() {
        Done::LotsRequired
    } else {
        Done::Ok
    }
}

pub fn status_line(result: &ListResult) -> String {
    match &result.lots_required {
        Some(l) => format!(
            "drawing of lots required between {} for {} seat(s)",
            l.tied.join(", "),
            l.seats_at_stake
        ),
        None if result.status == "no_list_admitted" => {
            "no list reached the threshold; no seat distributed".into()
        }
        None => format!("complete, all {} seats distributed", result.total_seats),
    }
}

pub fn render_list_result(
    result: &ListResult,
    lists: &[ListVotes],
    format: Format,
    explain: bool,
    title: &str,
    out: &mut String,
) -> Result<()> {
    match format {
        Format::Json => output::json(out, result),
        Format::Table => {
            out.push_str(title);
            if let Some(date) = result.date {
                out.push_str(&format!(
                    ", election of {date}, under the law in force that day"
                ));
            }
            if !result.reforms.is_empty() {
                out.push_str(&format!(
                    " with reform {}",
                    result
                        .reforms
                        .iter()
                        .map(|r| format!("`{r}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            out.push('\n');
            let total: u64 = lists.iter().map(|l| l.votes).sum();
            let mut t = Table::new(vec!["party", "votes", "share", "admitted", "seats"]);
            for ((party, seats), list) in result.seats.iter().zip(lists) {
                let share = Fraction::new(u128::from(list.votes) * 100, u128::from(total.max(1)))
                    .map(|f| format!("{}%", f.to_decimal(2)))
                    .unwrap_or_default();
                let admitted = if result.admitted.contains(party) {
                    "yes"
                } else {
                    "no"
                };
                t.row(vec![
                    party.clone().into(),
                    list.votes.into(),
                    share.into(),
                    admitted.into(),
                    (*seats).into(),
                ]);
            }
            output::table(out, &t);
            out.push_str(&format!("\nStatus: {}\n", status_line(result)));
            if let Some(q) = &result.quota {
                let computed = q
                    .computed_as
                    .as_ref()
                    .map(|c| format!("{c} = "))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "{}: {computed}{} ≈ {}\n",
                    capitalize(q.name),
                    q.exact,
                    q.decimal
                ));
            }
            if let Some(r) = &result.runner_up {
                out.push_str(&format!("Admitted by the runner-up rule: {r}\n"));
            }
            if let Some(other) = &result.other_seats
                && (other.assembly > 0 || other.single_member > 0)
            {
                out.push_str(&format!(
                    "Not distributed here: {} seats elected by the Assembly of People (`saylau assembly`), {} single-member seats.\n",
                    other.assembly, other.single_member
                ));
            }
            if explain {
                output::explanation(out, &result.steps);
            }
            Ok(())
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// candidates and majority contests

/// Reads a `candidate,votes` CSV.
pub fn read_tally(spec: &str) -> Result<Vec<(String, u64)>> {
    Ok(saylau_formats::votes::read_tally(spec, &read_votes(spec)?)?)
}

pub fn render_contests(
    title: &str,
    results: &[majority::ContestResult],
    extra: Option<String>,
    format: Format,
    explain: bool,
    json_extra: serde_json::Value,
    out: &mut String,
) -> Result<Done> {
    let done = if results
        .iter()
        .any(|r| matches!(r.outcome, majority::ContestOutcome::Tie { .. }))
    {
        Done::LotsRequired
    } else {
        Done::Ok
    };
    match format {
        Format::Json => {
            let mut value = serde_json::json!({ "contests": results });
            if let (Some(obj), serde_json::Value::Object(extra)) =
                (value.as_object_mut(), json_extra)
            {
                obj.extend(extra);
            }
            output::json(out, &value)?;
        }
        Format::Table => {
            out.push_str(title);
            out.push('\n');
            let mut t = Table::new(vec!["contest", "seats", "elected", "outcome"]);
            for r in results {
                let outcome = match &r.outcome {
                    majority::ContestOutcome::Filled => "filled".to_string(),
                    majority::ContestOutcome::RepeatVote {
                        unfilled,
                        candidates,
                    } => {
                        format!(
                            "repeat vote for {unfilled} seat(s) between {}",
                            candidates.join(", ")
                        )
                    }
                    majority::ContestOutcome::Tie { tied, places } => {
                        format!("undecided: {} tied for {places} place(s)", tied.join(", "))
                    }
                };
                t.row(vec![
                    r.name.clone().into(),
                    r.seats.into(),
                    r.elected.join(", ").into(),
                    outcome.into(),
                ]);
            }
            output::table(out, &t);
            if let Some(extra) = extra {
                out.push_str(&extra);
            }
            if explain {
                for r in results {
                    out.push_str(&format!("\nExplanation: {}\n", r.name));
                    out.push_str(&saylau_core::explain::render_text(&r.steps));
                }
            }
        }
    }
    Ok(done)
}

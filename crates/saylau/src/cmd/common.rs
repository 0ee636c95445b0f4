//! Helpers that several commands share: reading vote files and contests, rendering a list
//! election's result or a set of majority contests, the built-in data and journal, and the
//! async runtime of the commands that talk to the store.

use saylau_core::ask::{CandidateVotes, ContestSpec};
use saylau_core::builtin;
use saylau_core::data::Dataset;
use saylau_core::data::VoteUnit;
use saylau_core::elections::majority::{self, Contest};
use saylau_core::elections::mazhilis::{self, ListVotes, Outcome};
use saylau_core::elections::results::{ListElection, ListInput, WhatIf};
use saylau_core::explain::Table;
use saylau_core::law::LawError;
use saylau_core::polity::journal::Entry;

use crate::cmd::Done;
use crate::flags::{Format, WhatIfArgs};
use crate::input::{InputError, Result, read_file};
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
    Ok(saylau_formats::votes::read_lists(spec, &read_file(spec)?)?)
}

pub fn list_error(spec: &str, e: mazhilis::ListError) -> InputError {
    match e {
        mazhilis::ListError::Law(l) => law_error(l),
        other => InputError(format!("{spec}: {other}")),
    }
}

/// The exit of a list election: lots required is 3.
pub fn done_for(result: &ListElection) -> Done {
    match result.result.outcome {
        Outcome::LotsRequired { .. } => Done::LotsRequired,
        _ => Done::Ok,
    }
}

/// The votes of `spec` for a list election: a CSV file, or `builtin:ID` for an election of the
/// built-in data, taken as typed values with what they count (the seed's shares stay shares).
pub fn list_input(spec: &str, participating: Option<u64>) -> Result<ListInput> {
    if let Some(id) = spec.strip_prefix("builtin:") {
        let data = dataset()?;
        let election = data.election(id).ok_or_else(|| {
            InputError(format!(
                "{spec}: no built-in election of that name (`saylau data elections` lists them)"
            ))
        })?;
        let mut input =
            ListInput::from_election(election).map_err(|e| InputError(format!("{spec}: {e}")))?;
        if let Some(n) = participating {
            if input.unit != VoteUnit::Votes {
                return Err(InputError(format!(
                    "--participating: `{spec}` counts {}, not votes, so no number of voters applies",
                    input.unit.describe()
                )));
            }
            input.participating = Some(n);
        }
        return Ok(input);
    }
    Ok(ListInput::given(spec, read_lists(spec)?, participating))
}

/// The what-if flags as the core reads them; a bad value names its flag.
pub fn what_if(args: &WhatIfArgs, law_date: Option<&str>) -> Result<WhatIf> {
    WhatIf::parse(
        args.threshold.as_deref(),
        args.method.as_deref(),
        args.seats.as_deref(),
        law_date,
    )
    .map_err(|e| InputError(format!("--{}: {}", e.field.replace('_', "-"), e.message)))
}

/// A list election's result: a table of the lists with their votes (in the input's unit),
/// exact shares and seats, the outcome, quota, indices, and the explanation when asked.
pub fn render_list(
    r: &ListElection,
    format: Format,
    explain: bool,
    title: &str,
    out: &mut String,
) -> Result<()> {
    if format == Format::Json {
        return output::json(out, r);
    }
    let result = &r.result;
    out.push_str(title);
    if let Some(date) = result.date {
        out.push_str(&format!(
            ", election of {date}, under the law in force that day"
        ));
    }
    // The reforms laid over the law by name, and the what-if in words.
    let with: Vec<String> = result
        .reforms
        .iter()
        .filter(|name| r.what_if.is_none() || name.as_str() != "what-if")
        .map(|name| format!("reform `{name}`"))
        .chain(r.what_if.clone())
        .collect();
    if !with.is_empty() {
        out.push_str(&format!(" with {}", with.join(", ")));
    }
    out.push('\n');
    if r.input.unit != VoteUnit::Votes {
        out.push_str(&format!("Counted in {}.\n", r.unit_text));
    }
    let counted = counted_heading(r.input.unit);
    let published = r.rows.iter().any(|row| row.published_share.is_some());
    let mut columns = vec!["party", counted, "share"];
    if published {
        columns.push("published");
    }
    columns.extend(["admitted", "seats"]);
    let mut t = Table::new(columns);
    for row in &r.rows {
        let mut cells: Vec<serde_json::Value> = vec![
            row.party.clone().into(),
            row.votes.into(),
            row.share.percent_text().into(),
        ];
        if published {
            cells.push(published_cell(row.published_share.as_ref()));
        }
        cells.extend([
            (if row.admitted { "yes" } else { "no" }).into(),
            row.seats.into(),
        ]);
        t.row(cells);
    }
    output::table(out, &t);
    out.push_str(&format!(
        "\nStatus: {}\n",
        result.outcome.says(result.total_seats)
    ));
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
    if let Some(runner) = &result.runner_up {
        out.push_str(&format!("Admitted by the runner-up rule: {runner}\n"));
    }
    if let Some(other) = &result.other_seats
        && (other.assembly > 0 || other.single_member > 0)
    {
        out.push_str(&format!(
            "Not distributed here: {} seats elected by the Assembly of People (`saylau assembly`), {} single-member seats.\n",
            other.assembly, other.single_member
        ));
    }
    if let Some(i) = &r.indices {
        out.push_str(&format!(
            "Gallagher index {}; effective number of parties {} by votes, {} by seats; {}% of the votes for lists without seats.\n",
            i.gallagher.shown, i.enp_votes.shown, i.enp_seats.shown, i.wasted_votes.percent
        ));
    }
    if explain {
        output::explanation(out, &result.steps);
    }
    Ok(())
}

/// The heading of a results table's count column, in the input's unit.
pub fn counted_heading(unit: VoteUnit) -> &'static str {
    match unit {
        VoteUnit::Votes => "votes",
        VoteUnit::HundredthsOfPercent => "hundredths of %",
    }
}

/// A published share as a table cell (empty where the source gives none).
pub fn published_cell(share: Option<&impl std::fmt::Display>) -> serde_json::Value {
    share.map_or(serde_json::Value::Null, |d| format!("{d}%").into())
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
    Ok(saylau_formats::votes::read_tally(spec, &read_file(spec)?)?)
}

/// The exit of majority contests: a tie the law leaves to lot is 3.
pub fn contests_done(results: &[majority::ContestResult]) -> Done {
    if results
        .iter()
        .any(|r| matches!(r.outcome, majority::ContestOutcome::Tie { .. }))
    {
        Done::LotsRequired
    } else {
        Done::Ok
    }
}

/// Contests read from a file as the question the core answers.
pub fn contest_specs(contests: Vec<Contest>) -> Vec<ContestSpec> {
    contests
        .into_iter()
        .map(|c| ContestSpec {
            name: c.name,
            voting: Some(c.voting),
            seats: Some(c.seats),
            candidates: candidate_votes(c.candidates),
        })
        .collect()
}

/// `(candidate, votes)` rows as the question's.
pub fn candidate_votes(rows: Vec<(String, u64)>) -> Vec<CandidateVotes> {
    rows.into_iter()
        .map(|(candidate, votes)| CandidateVotes { candidate, votes })
        .collect()
}

/// Majority contests as a table, with the explanation of each when asked.
pub fn render_contests(
    title: &str,
    results: &[majority::ContestResult],
    extra: Option<String>,
    explain: bool,
    out: &mut String,
) {
    out.push_str(title);
    out.push('\n');
    let mut t = Table::new(vec!["contest", "seats", "elected", "outcome"]);
    for r in results {
        let outcome = match &r.outcome {
            majority::ContestOutcome::Filled => "filled".to_string(),
            majority::ContestOutcome::RepeatVote {
                unfilled,
                candidates,
            } => format!(
                "repeat vote for {unfilled} seat(s) between {}",
                candidates.join(", ")
            ),
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

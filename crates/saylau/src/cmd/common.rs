//! Helpers that several commands share: reading vote files and contests, rendering a list
//! election's result or a set of majority contests, the built-in data and journal, and the
//! async runtime of the commands that talk to the store.

use saylau_core::builtin;
use saylau_core::data::Dataset;
use saylau_core::elections::majority::{self, Contest};
use saylau_core::elections::mazhilis::{self, ListResult, ListVotes};
use saylau_core::exact::fraction::Fraction;
use saylau_core::explain::Table;
use saylau_core::law::LawError;
use saylau_core::polity::journal::{self, Entry};

use crate::cmd::Done;
use crate::flags::Format;
use crate::input::{Csv, InputError, Result, read_source};
use crate::output;

pub fn law_error(e: LawError) -> InputError {
    InputError(e.to_string())
}

/// The votes of a built-in election, for `--votes builtin:ID`.
pub fn builtin_votes(name: &str) -> Option<String> {
    crate::cmd::data::votes_csv(name)
}

/// The seed's data built into saylau.
pub fn dataset() -> Result<Dataset> {
    builtin::data().map_err(|e| InputError(format!("built-in data: {e}")))
}

/// The journal: a file, or the built-in history.
pub fn entries(spec: Option<&str>) -> Result<Vec<Entry>> {
    match spec {
        None => builtin::journal().map_err(|e| InputError(e.to_string())),
        Some(spec) => {
            let source = read_source(spec, |name| {
                (name == "journal").then(|| builtin::JOURNAL.1.to_string())
            })?;
            journal::load_journal(&source.name, &source.text, false)
                .map_err(|e| InputError(e.to_string()))
        }
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
    let source = read_source(spec, builtin_votes)?;
    let csv = Csv::parse(&source.name, &source.text, &["party", "votes"])?;
    let party = csv.column("party").unwrap_or(0);
    let votes = csv.column("votes").unwrap_or(1);
    let number = csv.column("list_number");
    let mut lists: Vec<ListVotes> = Vec::new();
    let mut lines: Vec<u64> = Vec::new();
    for (i, row) in csv.rows.iter().enumerate() {
        let name = csv.text(row, party, "party")?;
        if let Some(j) = lists
            .iter()
            .position(|l| l.party.eq_ignore_ascii_case(&name))
        {
            return Err(InputError(format!(
                "{}:{}: field `party`: `{name}` is listed twice (also on line {})",
                csv.name, row.line, lines[j]
            )));
        }
        let v = csv.count(row, votes, "votes")?;
        let registration = match number {
            Some(c) => {
                let n = csv.count(row, c, "list_number")?;
                let n = u32::try_from(n).map_err(|_| {
                    InputError(format!(
                        "{}:{}: field `list_number`: `{n}` is too large",
                        csv.name, row.line
                    ))
                })?;
                if let Some(j) = lists.iter().position(|l| l.registration == n) {
                    return Err(InputError(format!(
                        "{}:{}: field `list_number`: {n} is also given on line {}",
                        csv.name, row.line, lines[j]
                    )));
                }
                n
            }
            None => u32::try_from(i + 1).unwrap_or(u32::MAX),
        };
        lists.push(ListVotes {
            party: name,
            votes: v,
            registration,
        });
        lines.push(row.line);
    }
    Ok(lists)
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

/// Reads a `NAME,votes` CSV, where NAME is `name_column`.
pub fn read_tally(spec: &str, name_column: &str) -> Result<Vec<(String, u64)>> {
    let source = read_source(spec, builtin_votes)?;
    let csv = Csv::parse(&source.name, &source.text, &[name_column, "votes"])?;
    let name_col = csv.column(name_column).unwrap_or(0);
    let votes_col = csv.column("votes").unwrap_or(1);
    let mut rows: Vec<(String, u64)> = Vec::new();
    let mut lines = Vec::new();
    for row in &csv.rows {
        let name = csv.text(row, name_col, name_column)?;
        if let Some(j) = rows.iter().position(|(n, _)| n.eq_ignore_ascii_case(&name)) {
            return Err(InputError(format!(
                "{}:{}: field `{name_column}`: `{name}` is listed twice (also on line {})",
                csv.name, row.line, lines[j]
            )));
        }
        rows.push((name, csv.count(row, votes_col, "votes")?));
        lines.push(row.line);
    }
    Ok(rows)
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

/// Groups rows of `group,candidate,votes[,count]` into contests.
pub fn read_contests(
    spec: &str,
    group: &str,
    count: Option<&str>,
    seats_column: bool,
) -> Result<Vec<Contest>> {
    let source = read_source(spec, |_| None)?;
    let mut required = vec![group, "candidate", "votes"];
    if let Some(c) = count {
        required.push(c);
    }
    let csv = Csv::parse(&source.name, &source.text, &required)?;
    let g = csv.column(group).unwrap_or(0);
    let c = csv.column("candidate").unwrap_or(1);
    let v = csv.column("votes").unwrap_or(2);
    let n = count.and_then(|name| csv.column(name));
    let s = if seats_column {
        csv.column("seats")
    } else {
        None
    };
    let mut contests: Vec<(Contest, u64)> = Vec::new();
    for row in &csv.rows {
        let name = csv.text(row, g, group)?;
        let candidate = csv.text(row, c, "candidate")?;
        let votes = csv.count(row, v, "votes")?;
        let voting = match (n, count) {
            (Some(col), Some(field)) => csv.count(row, col, field)?,
            _ => 0,
        };
        let seats = match s {
            Some(col) => csv.count(row, col, "seats")?,
            None => 1,
        };
        match contests.iter_mut().find(|(k, _)| k.name == name) {
            Some((contest, first_line)) => {
                if let Some(field) = count
                    && contest.voting != voting
                {
                    return Err(InputError(format!(
                        "{}:{}: field `{field}`: {voting} differs from {} given for `{name}` on line {first_line}",
                        csv.name, row.line, contest.voting
                    )));
                }
                if s.is_some() && contest.seats != seats {
                    return Err(InputError(format!(
                        "{}:{}: field `seats`: {seats} differs from {} given for `{name}` on line {first_line}",
                        csv.name, row.line, contest.seats
                    )));
                }
                if contest
                    .candidates
                    .iter()
                    .any(|(n, _)| n.eq_ignore_ascii_case(&candidate))
                {
                    return Err(InputError(format!(
                        "{}:{}: field `candidate`: `{candidate}` is listed twice in `{name}`",
                        csv.name, row.line
                    )));
                }
                contest.candidates.push((candidate, votes));
            }
            None => contests.push((
                Contest {
                    name,
                    seats,
                    voting,
                    candidates: vec![(candidate, votes)],
                },
                row.line,
            )),
        }
    }
    Ok(contests.into_iter().map(|(c, _)| c).collect())
}

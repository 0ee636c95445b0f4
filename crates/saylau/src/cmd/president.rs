//! `saylau president`: the first round of a presidential election, and `president eligible`:
//! whether a candidate may stand, each criterion cited.

use saylau_core::data::VoteUnit;
use saylau_core::elections::president::{self, Candidate, PresidentOutcome};
use saylau_core::elections::results::{PresidentElection, PresidentInput, VoteBase};
use saylau_core::explain::Table;
use saylau_core::law::Law;

use crate::cmd::Done;
use crate::cmd::common::{self, dataset, law_error, read_tally};
use crate::flags::{Format, PresidentArgs, PresidentCommand};
use crate::input::{InputError, Result, read_file};
use crate::output;

/// `saylau president`, or `saylau president eligible`.
pub fn run(args: &PresidentArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    if let Some(PresidentCommand::Eligible {
        date,
        candidate,
        output: fmt,
    }) = &args.eligible
    {
        let candidate = read_candidate(candidate)?;
        let result = president::eligibility(law.at(*date), &candidate).map_err(law_error)?;
        match fmt.format {
            Format::Json => output::json(out, &result)?,
            Format::Table => {
                out.push_str(&format!(
                    "{} on {date}: {}\n\n",
                    candidate.name,
                    if result.eligible {
                        "eligible"
                    } else {
                        "not eligible"
                    }
                ));
                let mut t = Table::new(vec!["criterion", "met", "finding"]);
                for r in &result.reasons {
                    t.row(vec![
                        r.criterion.into(),
                        (if r.met { "yes" } else { "no" }).into(),
                        r.says.clone().into(),
                    ]);
                }
                output::table(out, &t);
                if fmt.explain {
                    output::explanation(out, &result.steps);
                }
            }
        }
        return Ok(Done::refused_if(!result.eligible));
    }
    let (Some(date), Some(votes)) = (args.date, args.votes.as_ref()) else {
        return Err(InputError(
            "president: --date and --votes are required".into(),
        ));
    };
    let input = president_input(votes, args.participating)?;
    let result = PresidentElection::run(law, date, &input)
        .map_err(|e| InputError(format!("{votes}: {e}")))?;
    let done = match &result.result.outcome {
        PresidentOutcome::Tie { .. } => Done::LotsRequired,
        _ => Done::Ok,
    };
    match args.output.format {
        Format::Json => output::json(out, &result)?,
        Format::Table => {
            out.push_str(&format!("Presidential election of {date}, first round\n"));
            render_first_round(&result, args.output.explain, out);
        }
    }
    Ok(done)
}

/// The votes of `spec` for a first round: a CSV file, or `builtin:ID` for an election of the
/// built-in data with the vote base its sources allow.
fn president_input(spec: &str, participating: Option<u64>) -> Result<PresidentInput> {
    if let Some(id) = spec.strip_prefix("builtin:") {
        let data = dataset()?;
        let election = data.election(id).ok_or_else(|| {
            InputError(format!(
                "{spec}: no built-in election of that name (`saylau data elections` lists them)"
            ))
        })?;
        let mut input = PresidentInput::from_election(election)
            .map_err(|e| InputError(format!("{spec}: {e}")))?;
        if let Some(voters) = participating {
            if input.unit != VoteUnit::Votes {
                return Err(InputError(format!(
                    "--participating: `{spec}` counts {}, not votes, so no number of voters applies",
                    input.unit.describe()
                )));
            }
            input.base = VoteBase::Participating {
                voters,
                source: "given with --participating".into(),
            };
        }
        return Ok(input);
    }
    Ok(PresidentInput::given(
        spec,
        read_tally(spec)?,
        participating,
    ))
}

/// A first round as a table of candidates with their exact shares of the vote base, the base
/// and why, the outcome, and the explanation when asked.
pub fn render_first_round(r: &PresidentElection, explain: bool, out: &mut String) {
    out.push_str(&format!("{}\n", r.input.base.says()));
    let counted = common::counted_heading(r.input.unit);
    let published = r.rows.iter().any(|row| row.published_share.is_some());
    let mut columns = vec!["candidate", counted, "share of the base"];
    if published {
        columns.push("published");
    }
    let mut t = Table::new(columns);
    for row in &r.rows {
        let mut cells: Vec<serde_json::Value> = vec![
            row.candidate.clone().into(),
            row.votes.into(),
            row.share.percent_text().into(),
        ];
        if published {
            cells.push(common::published_cell(row.published_share.as_ref()));
        }
        t.row(cells);
    }
    output::table(out, &t);
    out.push('\n');
    match &r.result.outcome {
        PresidentOutcome::Elected { winner } => {
            out.push_str(&format!("Outcome: {winner} is elected\n"));
        }
        PresidentOutcome::SecondRound { candidates } => out.push_str(&format!(
            "Outcome: nobody has the majority; second round between {}\n",
            candidates.join(" and ")
        )),
        PresidentOutcome::Tie { tied, places } => out.push_str(&format!(
            "Outcome: undecided: {} are tied for {places} place(s) in the second round, and the law names no tie rule\n",
            tied.join(", ")
        )),
    }
    if explain {
        output::explanation(out, &r.result.steps);
    }
}

fn read_candidate(spec: &str) -> Result<Candidate> {
    Ok(saylau_formats::text::read_candidate(
        spec,
        &read_file(spec)?,
    )?)
}

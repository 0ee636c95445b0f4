//! `saylau president`: the first round of a presidential election, and `president eligible`:
//! whether a candidate may stand, each criterion cited.

use saylau_core::elections::president::{self, Candidate, PresidentOutcome};
use saylau_core::exact::fraction::Fraction;
use saylau_core::explain::Table;
use saylau_core::law::Law;

use crate::cmd::Done;
use crate::cmd::common::{law_error, read_tally};
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
    let tally = read_tally(votes)?;
    let cast: u64 = tally.iter().map(|(_, v)| *v).sum();
    let participating = args.participating.unwrap_or(cast);
    let result = president::first_round(law.at(date), &tally, participating)
        .map_err(|e| InputError(format!("{votes}: {e}")))?;
    let done = match &result.outcome {
        PresidentOutcome::Tie { .. } => Done::LotsRequired,
        _ => Done::Ok,
    };
    match args.output.format {
        Format::Json => {
            let (outcome, winner, second, tie) = match &result.outcome {
                PresidentOutcome::Elected { winner } => {
                    ("elected", Some(winner.clone()), None, None)
                }
                PresidentOutcome::SecondRound { candidates } => {
                    ("second_round", None, Some(candidates.clone()), None)
                }
                PresidentOutcome::Tie { tied, places } => (
                    "tie",
                    None,
                    None,
                    Some(serde_json::json!({"tied": tied, "places": places})),
                ),
            };
            output::json(
                out,
                &serde_json::json!({
                    "date": date.to_string(),
                    "reforms": law.reforms.iter().map(|r| r.name.clone()).collect::<Vec<_>>(),
                    "outcome": outcome,
                    "winner": winner,
                    "second_round": second,
                    "tie": tie,
                    "participating": result.participating,
                    "steps": result.steps,
                }),
            )?;
        }
        Format::Table => {
            out.push_str(&format!("Presidential election of {date}, first round\n"));
            let mut t = Table::new(vec!["candidate", "votes", "share of participating voters"]);
            for (name, v) in &tally {
                let share = Fraction::new(u128::from(*v) * 100, u128::from(participating.max(1)))
                    .map(|f| format!("{}%", f.to_decimal(2)))
                    .unwrap_or_default();
                t.row(vec![name.clone().into(), (*v).into(), share.into()]);
            }
            output::table(out, &t);
            out.push('\n');
            match &result.outcome {
                PresidentOutcome::Elected { winner } => out.push_str(&format!("Outcome: {winner} is elected\n")),
                PresidentOutcome::SecondRound { candidates } => {
                    out.push_str(&format!("Outcome: nobody has the majority; second round between {}\n", candidates.join(" and ")))
                }
                PresidentOutcome::Tie { tied, places } => out.push_str(&format!(
                    "Outcome: undecided: {} are tied for {places} place(s) in the second round, and the law names no tie rule\n",
                    tied.join(", ")
                )),
            }
            if args.output.explain {
                output::explanation(out, &result.steps);
            }
        }
    }
    Ok(done)
}

fn read_candidate(spec: &str) -> Result<Candidate> {
    Ok(saylau_formats::text::read_candidate(
        spec,
        &read_file(spec)?,
    )?)
}

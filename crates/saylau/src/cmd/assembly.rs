//! `saylau assembly`: the Mazhilis deputies elected by the Assembly of People of Kazakhstan.

use saylau_core::ask::{AssemblyQuestion, ContestSpec, Question};
use saylau_core::law::Law;

use crate::cmd::Done;
use crate::cmd::common::{candidate_votes, contests_done, read_tally, render_contests};
use crate::flags::{AssemblyArgs, Format};
use crate::input::{InputError, Result};
use crate::output;

/// `saylau assembly`.
pub fn run(args: &AssemblyArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let tally = read_tally(&args.votes)?;
    let question = AssemblyQuestion {
        date: args.date,
        contests: vec![ContestSpec {
            name: "assembly".into(),
            voting: Some(args.voting),
            seats: args.seats,
            candidates: candidate_votes(tally),
        }],
    };
    let result = question
        .answer(law)
        .map_err(|e| InputError(format!("{}: {e}", args.votes)))?;
    if args.output.format == Format::Json {
        output::json(out, &result)?;
    } else {
        render_contests(
            &format!(
                "Mazhilis deputies elected by the Assembly of People, {}",
                args.date
            ),
            &result.contests,
            None,
            args.output.explain,
            out,
        );
    }
    Ok(contests_done(&result.contests))
}

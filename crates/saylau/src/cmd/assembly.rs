//! `saylau assembly`: the Mazhilis deputies elected by the Assembly of People of Kazakhstan.

use saylau_core::elections::majority::{self, Contest};
use saylau_core::law::Law;

use crate::cmd::Done;
use crate::cmd::common::{read_tally, render_contests};
use crate::flags::AssemblyArgs;
use crate::input::{InputError, Result};

/// `saylau assembly`.
pub fn run(args: &AssemblyArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let tally = read_tally(&args.votes)?;
    let contest = Contest {
        name: "assembly".into(),
        seats: args.seats.unwrap_or(0),
        voting: args.voting,
        candidates: tally,
    };
    let result = majority::assembly(law.at(args.date), &contest)
        .map_err(|e| InputError(format!("{}: {e}", args.votes)))?;
    render_contests(
        &format!(
            "Mazhilis deputies elected by the Assembly of People, {}",
            args.date
        ),
        std::slice::from_ref(&result),
        None,
        args.output.format,
        args.output.explain,
        serde_json::json!({ "date": args.date.to_string() }),
        out,
    )
}

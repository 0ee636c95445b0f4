//! `saylau election ID`: an election of the built-in data computed under the law of its day
//! (and a what-if) by the core's one result builder — the same answer, number for number, as
//! `GET /api/elections/ID` and the page `/elections/ID`.

use saylau_core::elections::president::PresidentOutcome;
use saylau_core::elections::results::{self, Computed};
use saylau_core::law::Law;

use crate::cmd::Done;
use crate::cmd::common::{dataset, done_for, render_list, what_if};
use crate::cmd::president::render_first_round;
use crate::flags::{ElectionArgs, Format};
use crate::input::{InputError, Result};
use crate::output;

/// `saylau election ID`.
pub fn run(args: &ElectionArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let data = dataset()?;
    let election = data.election(&args.id).ok_or_else(|| {
        InputError(format!(
            "no election `{}` in the built-in data (`saylau data elections` lists them)",
            saylau_core::text::quote(&args.id)
        ))
    })?;
    let asked = what_if(&args.what_if, args.law_date.as_deref())?;
    let computed =
        results::compute(law, election, &asked).map_err(|e| InputError(e.to_string()))?;
    if args.output.format == Format::Json {
        output::json(
            out,
            &serde_json::json!({ "election": election, "result": computed }),
        )?;
    }
    let table = args.output.format == Format::Table;
    match &computed {
        Computed::List(r) => {
            if table {
                render_list(r, Format::Table, args.output.explain, &election.title, out)?;
            }
            Ok(done_for(r))
        }
        Computed::President(r) => {
            if table {
                out.push_str(&format!("{}\n", election.title));
                render_first_round(r, args.output.explain, out);
            }
            Ok(match r.result.outcome {
                PresidentOutcome::Tie { .. } => Done::LotsRequired,
                _ => Done::Ok,
            })
        }
        Computed::NotComputed { why } => {
            if table {
                out.push_str(&format!("{}\nNothing to compute: {why}\n", election.title));
            }
            Ok(Done::Ok)
        }
    }
}

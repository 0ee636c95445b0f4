//! `saylau maslikhat`: maslikhat (local council) elections by simple majority in each
//! district; and `saylau mazhilis-districts`, the Mazhilis's single-member districts, read
//! from the same `district,candidate,votes` file.

use saylau_core::ask::{MaslikhatQuestion, MazhilisDistrictsQuestion, Question};
use saylau_core::law::Law;

use crate::cmd::Done;
use crate::cmd::common::{contest_specs, contests_done, render_contests};
use crate::flags::{Format, MaslikhatArgs, MazhilisDistrictsArgs};
use crate::input::{InputError, Result, read_file};
use crate::output;

/// `saylau maslikhat`.
pub fn run(args: &MaslikhatArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let question = MaslikhatQuestion {
        date: args.date,
        contests: contest_specs(saylau_formats::contests::read_maslikhat(
            &args.votes,
            &read_file(&args.votes)?,
        )?),
    };
    let result = question
        .answer(law)
        .map_err(|e| InputError(format!("{}: {e}", args.votes)))?;
    if args.output.format == Format::Json {
        output::json(out, &result)?;
    } else {
        render_contests(
            &format!("Maslikhat elections of {}", args.date),
            &result.contests,
            None,
            args.output.explain,
            out,
        );
    }
    Ok(contests_done(&result.contests))
}

/// `saylau mazhilis-districts`.
pub fn run_mazhilis_districts(
    args: &MazhilisDistrictsArgs,
    law: Law<'_>,
    out: &mut String,
) -> Result<Done> {
    let question = MazhilisDistrictsQuestion {
        date: args.date,
        contests: contest_specs(saylau_formats::contests::read_maslikhat(
            &args.votes,
            &read_file(&args.votes)?,
        )?),
    };
    let result = question
        .answer(law)
        .map_err(|e| InputError(format!("{}: {e}", args.votes)))?;
    if args.output.format == Format::Json {
        output::json(out, &result)?;
    } else {
        render_contests(
            &format!("Mazhilis single-member districts, {}", args.date),
            &result.contests,
            None,
            args.output.explain,
            out,
        );
    }
    Ok(contests_done(&result.contests))
}

//! `saylau maslikhat`: maslikhat (local council) elections by simple majority in each
//! district; and `saylau mazhilis-districts`, the Mazhilis's single-member districts, read
//! from the same `district,candidate,votes` file.

use jiff::civil::Date;
use saylau_core::ask::{
    ContestSpec, ContestsAnswer, MaslikhatQuestion, MazhilisDistrictsQuestion, Question,
};
use saylau_core::law::Law;

use crate::cmd::Done;
use crate::cmd::common::{contest_specs, contests_done, render_contests};
use crate::flags::{Format, MaslikhatArgs, MazhilisDistrictsArgs, Output};
use crate::input::{InputError, Result, read_file};
use crate::output;

/// `saylau maslikhat`.
pub fn run(args: &MaslikhatArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    districts(
        |contests| MaslikhatQuestion {
            date: args.date,
            contests,
        },
        (args.date, &args.votes, &args.output),
        "Maslikhat elections of",
        law,
        out,
    )
}

/// `saylau mazhilis-districts`.
pub fn run_mazhilis_districts(
    args: &MazhilisDistrictsArgs,
    law: Law<'_>,
    out: &mut String,
) -> Result<Done> {
    districts(
        |contests| MazhilisDistrictsQuestion {
            date: args.date,
            contests,
        },
        (args.date, &args.votes, &args.output),
        "Mazhilis single-member districts,",
        law,
        out,
    )
}

/// Reads the `district,candidate,votes` file, asks `question` of the contests it holds, and
/// prints the answer titled `title` and the date.
fn districts<Q: Question<Answer = ContestsAnswer>>(
    question: impl FnOnce(Vec<ContestSpec>) -> Q,
    (date, votes, output): (Date, &str, &Output),
    title: &str,
    law: Law<'_>,
    out: &mut String,
) -> Result<Done> {
    let contests = contest_specs(saylau_formats::contests::read_maslikhat(
        votes,
        &read_file(votes)?,
    )?);
    let result = question(contests)
        .answer(law)
        .map_err(|e| InputError(format!("{votes}: {e}")))?;
    if output.format == Format::Json {
        output::json(out, &result)?;
    } else {
        render_contests(
            &format!("{title} {date}"),
            &result.contests,
            None,
            output.explain,
            out,
        );
    }
    Ok(contests_done(&result.contests))
}

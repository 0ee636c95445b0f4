//! `saylau maslikhat`: maslikhat (local council) elections by simple majority in each
//! district.

use saylau_core::elections::majority;
use saylau_core::law::Law;

use crate::cmd::Done;
use crate::cmd::common::render_contests;
use crate::flags::MaslikhatArgs;
use crate::input::{InputError, Result, read_file};

/// `saylau maslikhat`.
pub fn run(args: &MaslikhatArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let contests = saylau_formats::contests::read_maslikhat(&args.votes, &read_file(&args.votes)?)?;
    let results = majority::maslikhat(law.at(args.date), &contests)
        .map_err(|e| InputError(format!("{}: {e}", args.votes)))?;
    render_contests(
        &format!("Maslikhat elections of {}", args.date),
        &results,
        None,
        args.output.format,
        args.output.explain,
        serde_json::json!({ "date": args.date.to_string() }),
        out,
    )
}

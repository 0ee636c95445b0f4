//! `saylau allocate`: a list election under a method, threshold and tie rule given on the
//! command line rather than by the law.

use saylau_core::elections::apportion::{Method, TieRule};
use saylau_core::elections::results::ListElection;
use saylau_core::exact::parse_percent;

use crate::cmd::Done;
use crate::cmd::common::{done_for, list_error, list_input, render_list};
use crate::flags::{AllocateArgs, MethodArg, TieArg};
use crate::input::{InputError, Result};

/// `saylau allocate`.
pub fn run(args: &AllocateArgs, out: &mut String) -> Result<Done> {
    let input = list_input(&args.votes, None)?;
    let method = match args.method {
        MethodArg::Hare => Method::Hare,
        MethodArg::Droop => Method::Droop,
        MethodArg::Dhondt => Method::DHondt,
        MethodArg::SainteLague => Method::SainteLague,
        MethodArg::ModifiedSainteLague => Method::ModifiedSainteLague,
        MethodArg::Imperiali => Method::Imperiali,
    };
    let tie = match args.tie_rule {
        TieArg::EarlierRegistration => TieRule::EarlierRegistration,
        TieArg::Lots => TieRule::Lots,
    };
    if args.seats == 0 {
        return Err(InputError("--seats: must be at least 1".into()));
    }
    let threshold = match &args.threshold {
        Some(text) => Some((
            parse_percent(text).map_err(|e| InputError(format!("--threshold: {e}")))?,
            args.threshold_base,
        )),
        None => None,
    };
    let result = ListElection::allocate(&input, args.seats, method, tie, threshold)
        .map_err(|e| list_error(&args.votes, e))?;
    render_list(
        &result,
        args.output.format,
        args.output.explain,
        "Seat allocation",
        out,
    )?;
    Ok(done_for(&result))
}

//! `saylau allocate`: a list election under a method, threshold and tie rule given on the
//! command line rather than by the law.

use saylau_core::elections::apportion::{Method, TieRule};
use saylau_core::elections::mazhilis;
use saylau_core::exact::fraction::Fraction;

use crate::cmd::Done;
use crate::cmd::common::{done_for, list_error, read_lists, render_list_result};
use crate::flags::{AllocateArgs, MethodArg, TieArg};
use crate::input::{InputError, Result};

/// `saylau allocate`.
pub fn run(args: &AllocateArgs, out: &mut String) -> Result<Done> {
    let lists = read_lists(&args.votes)?;
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
        Some(text) => {
            let t = text.trim().trim_end_matches('%');
            let Some(p) = Fraction::parse(t) else {
                return Err(InputError(format!(
                    "--threshold: `{text}` is not a percentage such as 7 or 3.5"
                )));
            };
            if p.checked_cmp(&Fraction::integer(100)) == Some(std::cmp::Ordering::Greater) {
                return Err(InputError(format!(
                    "--threshold: `{text}` is more than 100%"
                )));
            }
            Some((p, args.threshold_base))
        }
        None => None,
    };
    let result = mazhilis::allocate(&lists, args.seats, method, tie, threshold)
        .map_err(|e| list_error(&args.votes, e))?;
    render_list_result(
        &result,
        &lists,
        args.output.format,
        args.output.explain,
        "Seat allocation",
        out,
    )?;
    Ok(done_for(&result))
}

//! `saylau serve`: the JSON API and the pages over a journal store, on its own tokio runtime.

use saylau_core::law::Rulebook;

use crate::cmd::Done;
use crate::cmd::common::runtime;
use crate::flags::ServeArgs;
use crate::input::{InputError, Result};

/// `saylau serve`: serves under `book` (the built-in rulebook or `--law DIR`'s) until Ctrl-C
/// or SIGTERM.
pub fn run(args: &ServeArgs, book: Rulebook) -> Result<Done> {
    runtime()?
        .block_on(saylau_server::serve(&args.db, &args.addr, book))
        .map_err(InputError)?;
    Ok(Done::Ok)
}

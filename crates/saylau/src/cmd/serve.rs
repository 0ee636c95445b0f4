//! `saylau serve`: the JSON API and the pages over a journal store, on its own tokio runtime.

use crate::cmd::Done;
use crate::cmd::common::runtime;
use crate::flags::ServeArgs;
use crate::input::{InputError, Result};

/// `saylau serve`: runs until Ctrl-C or SIGTERM.
pub fn run(args: &ServeArgs) -> Result<Done> {
    runtime()?
        .block_on(saylau_server::serve(&args.db, &args.addr))
        .map_err(InputError)?;
    Ok(Done::Ok)
}

//! `saylau user add`: an account of the service, created in the journal store.

use std::io::BufRead;

use crate::cmd::Done;
use crate::cmd::common::runtime;
use crate::flags::UserCommand;
use crate::input::{InputError, Result};

/// `saylau user add NAME --role R [--party P]`.
pub fn run(cmd: &UserCommand, out: &mut String) -> Result<Done> {
    let UserCommand::Add {
        name,
        role,
        party,
        db,
    } = cmd;
    let mut password = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut password)
        .map_err(|e| InputError(format!("cannot read the password from standard input: {e}")))?;
    let password = password.trim_end_matches(['\r', '\n']);
    runtime()?
        .block_on(saylau_server::add_user(
            db,
            name,
            role,
            party.as_deref(),
            password,
        ))
        .map_err(|e| InputError(format!("user add: {e}")))?;
    out.push_str(&format!("added `{name}` ({role})\n"));
    Ok(Done::Ok)
}

//! `saylau serve`, `saylau user add` and `saylau journal verify`: the commands that talk to the
//! journal store, each on its own tokio runtime.

use std::io::BufRead;

use clap::{Args, Subcommand};

use crate::Done;
use crate::input::{InputError, Result};

/// The store used when `--db` is not given: a SQLite file in the working directory, created
/// and loaded with the built-in history on first start.
pub const DEFAULT_DB: &str = "sqlite://saylau.db";

#[derive(Args)]
pub struct ServeArgs {
    /// The store: `sqlite://PATH` (default `saylau.db` here), a file path, or `postgres://…`.
    #[arg(long, value_name = "URL", default_value = DEFAULT_DB)]
    pub db: String,
    /// Where to listen.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    pub addr: String,
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account; the password is read from the first line of standard input.
    Add {
        name: String,
        /// admin, party_official, registrar or observer.
        #[arg(long)]
        role: String,
        /// The party a party official acts for.
        #[arg(long)]
        party: Option<String>,
        #[arg(long, value_name = "URL", default_value = DEFAULT_DB)]
        db: String,
    },
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| InputError(format!("cannot start the async runtime: {e}")))
}

/// `saylau serve`: runs until Ctrl-C or SIGTERM.
pub fn serve(args: &ServeArgs) -> Result<Done> {
    runtime()?
        .block_on(saylau_server::serve(&args.db, &args.addr))
        .map_err(InputError)?;
    Ok(Done::Ok)
}

/// `saylau user add NAME --role R [--party P]`.
pub fn user(cmd: &UserCommand, out: &mut String) -> Result<Done> {
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

/// `saylau journal verify`.
pub fn verify(db: &str, out: &mut String) -> Result<Done> {
    let v = runtime()?
        .block_on(async {
            let store = saylau_store::Store::open(db).await?;
            store.verify().await
        })
        .map_err(|e| InputError(e.to_string()))?;
    if v.ok {
        out.push_str(&format!(
            "ok: {} entries, the hash chain verifies\n",
            v.entries
        ));
        Ok(Done::Ok)
    } else {
        let (seq, why) = v.first_bad.unwrap_or((0, "unknown".into()));
        Err(InputError(format!(
            "{db}: the journal does not verify: entry {seq}: {why}"
        )))
    }
}

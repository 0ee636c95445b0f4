//! `saylau`: Kazakhstan's political system, executable, from the command line.
//!
//! This binary is the only crate that knows argv, files and the terminal. It reads inputs,
//! hands them to `saylau-core`, and prints outcomes as tables or JSON. `flags` defines every
//! flag, `cmd` holds one module per command, and this file dispatches and turns each outcome
//! into the exit code, the same family for every command: 0 decided and allowed (or simply
//! done), 1 decided and refused by the law, 2 bad input or usage, 3 drawing of lots required.

mod cmd;
mod flags;
mod input;
mod output;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use saylau_core::law::Law;

use crate::cmd::Done;
use crate::flags::{Cli, Command};
use crate::input::Result;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = String::new();
    match run(&cli, &mut out) {
        Ok(done) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`saylau ... | head`) is not an error worth a panic.
            let _ = stdout.write_all(out.as_bytes());
            let _ = stdout.flush();
            ExitCode::from(done)
        }
        Err(e) => {
            let message = e.to_string().replace('\n', " ");
            eprintln!("saylau: error: {message}");
            ExitCode::from(2)
        }
    }
}

/// The exit codes, documented in `flags::EXIT_CODES`. 2 (bad input or usage) is not a `Done`:
/// it is every error, and clap's own for bad arguments.
impl From<Done> for ExitCode {
    fn from(done: Done) -> ExitCode {
        match done {
            Done::Ok => ExitCode::SUCCESS,
            Done::Refused => ExitCode::from(1),
            Done::LotsRequired => ExitCode::from(3),
        }
    }
}

/// What a command takes of the global flags: the rulebook (`--law`), reforms (`--reform`) and
/// the projection past the rulebook's horizon (`--project`). A flag a command does not use is
/// an error, never silently dropped.
struct Uses {
    law: bool,
    reforms: bool,
    project: bool,
}

fn uses(command: &Command) -> (&'static str, Uses) {
    let all = Uses {
        law: true,
        reforms: true,
        project: true,
    };
    let none = Uses {
        law: false,
        reforms: false,
        project: false,
    };
    match command {
        Command::Completions(_) => ("completions", none),
        Command::Data(_) => ("data", none),
        Command::Iin(_) => ("iin", none),
        Command::User(_) => ("user", none),
        Command::Journal(flags::JournalCommand::Verify { .. }) => ("journal verify", none),
        // The service serves the law as enacted, from the rulebook it is given.
        Command::Serve(_) => (
            "serve",
            Uses {
                law: true,
                reforms: false,
                project: false,
            },
        ),
        // Allocation takes its rules from the command line, not from any rulebook.
        Command::Allocate(_) => ("allocate", none),
        _ => ("", all),
    }
}

/// Loads the reforms and (for the commands that need it) the rulebook once, and runs the
/// command, appending what it prints to `out`.
fn run(cli: &Cli, out: &mut String) -> Result<Done> {
    let (name, used) = uses(&cli.command);
    for (given, takes, flag) in [
        (cli.law.is_some(), used.law, "--law"),
        (!cli.reform.is_empty(), used.reforms, "--reform"),
        (cli.project, used.project, "--project"),
    ] {
        if given && !takes {
            return Err(input::InputError(format!(
                "{flag}: `saylau {name}` does not use it; nothing was done"
            )));
        }
    }
    // Completions describe the flags, not the law.
    if let Command::Completions(args) = &cli.command {
        return cmd::completions::run(args, out);
    }
    match &cli.command {
        Command::Data(cmd) => return cmd::data::run(cmd, out),
        Command::Iin(cmd) => return cmd::iin::run(cmd, out),
        _ => {}
    }
    let reforms = input::reforms(&cli.reform)?;
    let book = input::rulebook(cli.law.as_deref())?;
    let mut law = Law::new(&book, &reforms);
    if cli.project {
        law = law.projecting();
    }
    match &cli.command {
        Command::Law(cmd) => cmd::law::run(cmd, law, out),
        Command::Election(args) => cmd::election::run(args, law, out),
        Command::Referendum(args) => cmd::referendum::run(args, law, out),
        Command::Mazhilis(args) => cmd::mazhilis::run(args, law, out),
        Command::Kurultai(args) => cmd::mazhilis::run_kurultai(args, law, out),
        Command::Allocate(args) => cmd::allocate::run(args, out),
        Command::President(args) => cmd::president::run(args, law, out),
        Command::Senate(args) => cmd::senate::run(args, law, out),
        Command::Assembly(args) => cmd::assembly::run(args, law, out),
        Command::Maslikhat(args) => cmd::maslikhat::run(args, law, out),
        Command::MazhilisDistricts(args) => cmd::maslikhat::run_mazhilis_districts(args, law, out),
        Command::Finance(cmd) => cmd::finance::run(cmd, law, out),
        Command::Registration(cmd) => cmd::registration::run(cmd, law, out),
        Command::Party(cmd) => cmd::party::run(cmd, law, out),
        Command::State(args) => cmd::state::run(args, law, out),
        Command::Journal(cmd) => cmd::journal::run(cmd, law, out),
        Command::Replay(args) => cmd::replay::run(args, law, out),
        Command::Serve(args) => cmd::serve::run(args, book.clone()),
        Command::User(cmd) => cmd::user::run(cmd, out),
        Command::Synth(cmd) => cmd::synth::run(cmd, law),
        // Answered above, without the rulebook.
        Command::Data(_) | Command::Iin(_) | Command::Completions(_) => Ok(Done::Ok),
    }
}

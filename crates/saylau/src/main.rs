//! `saylau`: Kazakhstan's political system, executable, from the command line.
//!
//! This binary is the only crate that knows argv, files and the terminal. It reads inputs,
//! hands them to `saylau-core`, and prints outcomes as tables or JSON. Exit codes: 0 success,
//! 2 bad input or usage, 3 drawing of lots required.

mod charter;
mod commands;
mod input;
mod output;
mod party;
mod polity;
mod registration;
mod service;
mod synth;

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::input::date_arg;

#[derive(Parser)]
#[command(
    name = "saylau",
    version,
    about = "Kazakhstan's political system, executable: the law as dated, cited data and exact election engines",
    after_help = "Exit codes: 0 success, 2 bad input or usage, 3 drawing of lots required."
)]
struct Cli {
    /// Read the rulebook from this directory of TOML files instead of the built-in one.
    #[arg(long, global = true, value_name = "DIR")]
    law: Option<String>,

    /// Lay a reform overlay (TOML) over the law; may be repeated. `builtin:threshold-3pct` names a
    /// reform shipped with saylau.
    #[arg(long, global = true, value_name = "FILE")]
    reform: Vec<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, Default, ValueEnum, PartialEq, Eq)]
pub enum Format {
    #[default]
    Table,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// The rulebook: parameters in force on a date, one parameter's timeline, checks.
    #[command(subcommand)]
    Law(LawCommand),
    /// The Mazhilis party-list election under the law in force on the election date.
    Mazhilis(MazhilisArgs),
    /// A list election under a method and threshold given on the command line.
    Allocate(AllocateArgs),
    /// The presidential election (first round), or `president eligible` for a candidate.
    President(PresidentArgs),
    /// Senate elections by maslikhat electors in each unit, and the appointed seats.
    Senate(SenateArgs),
    /// The Mazhilis deputies elected by the Assembly of People of Kazakhstan.
    Assembly(AssemblyArgs),
    /// Maslikhat (local council) elections by simple majority.
    Maslikhat(MaslikhatArgs),
    /// Built-in data from the seed: units, parties, elections, membership.
    #[command(subcommand)]
    Data(DataCommand),
    /// Citizen identity numbers (IIN): validity, birth date and sex.
    #[command(subcommand)]
    Iin(IinCommand),
    /// Party finance: check a donations ledger against the law on each donation's date.
    #[command(subcommand)]
    Finance(FinanceCommand),
    /// Party registration: verify a member list against the citizen register.
    #[command(subcommand)]
    Registration(RegistrationCommand),
    /// The polity on a date: constitution, office holders, parties, the Mazhilis, from the
    /// journal of events folded up to that day.
    State(polity::StateArgs),
    /// The journal of events, each with its verdict under the law of its date; `journal
    /// verify` checks a store's hash chain.
    #[command(subcommand)]
    Journal(polity::JournalCommand),
    /// Serve the JSON API (and later the pages) over a journal store.
    Serve(service::ServeArgs),
    /// Accounts of the service.
    #[command(subcommand)]
    User(service::UserCommand),
    /// The journal replayed under `--reform` overlays: the entries whose outcome differs.
    Replay(polity::ReplayArgs),
    /// Party rules: whether a charter has every content the law requires.
    #[command(subcommand)]
    Party(charter::PartyCommand),
    /// Deterministic synthetic data: a population register, party member lists.
    #[command(subcommand)]
    Synth(synth::SynthCommand),
}

#[derive(Subcommand)]
pub enum RegistrationCommand {
    /// Verify a party's member list against the citizen register and decide whether the party
    /// can be registered under the law in force (or under `--law-date`, `--reform`).
    Check(RegistrationCheckArgs),
}

#[derive(Args)]
pub struct RegistrationCheckArgs {
    /// The day the application is decided; signatures dated later do not count.
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub date: jiff::civil::Date,
    /// Apply the law in force on this day instead of `--date` ("what if the pre-2009 rules
    /// applied").
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub law_date: Option<jiff::civil::Date>,
    /// The member list: CSV with columns `iin,signed_on` (other columns are ignored).
    #[arg(long, value_name = "FILE")]
    pub members: String,
    /// The citizen register: CSV with columns
    /// `iin,full_name,birth_date,unit,citizen,deceased,occupation`.
    #[arg(long, value_name = "FILE")]
    pub register: String,
    /// Other parties' members: CSV with columns `iin,party`.
    #[arg(long, value_name = "FILE")]
    pub other_members: Option<String>,
    /// The applying party's name as the other-members file writes it; its own rows there are
    /// not another party's.
    #[arg(long, value_name = "NAME")]
    pub party: Option<String>,
    /// Citizens who backed the constituent congress's decision.
    #[arg(long, value_name = "N")]
    pub founders: u64,
    /// The day the organizing committee was registered.
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub committee_registered: jiff::civil::Date,
    /// Write the rejected rows (line, iin, signed_on, reason) to this CSV file.
    #[arg(long, value_name = "FILE")]
    pub rejected_out: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Subcommand)]
enum LawCommand {
    /// Every parameter in force on DATE, with its value, the date it took effect and its source.
    At {
        #[arg(value_parser = date_arg, value_name = "DATE")]
        date: jiff::civil::Date,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// One parameter's whole timeline.
    Show {
        /// A parameter name such as `mazhilis.threshold` (see `saylau law params`).
        name: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// The parameters the rulebook must define, their kinds and meaning.
    Params {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// The acts the rulebook cites.
    Acts {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Loads the rulebook (and reforms) and reports problems, for editors of law files.
    Check,
}

#[derive(Args)]
pub struct Output {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Print the explanation: every step with its rule, value, date in force and citation.
    #[arg(long)]
    pub explain: bool,
}

#[derive(Args)]
pub struct MazhilisArgs {
    /// Election date (YYYY-MM-DD): the law in force on this day applies.
    #[arg(long, value_parser = date_arg)]
    pub date: jiff::civil::Date,
    /// CSV with header `party,votes` (optional `list_number`); `builtin:mazhilis-2007` for the
    /// seed's 2007 result.
    #[arg(long, value_name = "FILE")]
    pub votes: String,
    /// Voters who took part (default: the sum of the votes).
    #[arg(long, value_name = "N", value_parser = count_arg)]
    pub participating: Option<u64>,
    /// With --reform: show the outcome under the law as enacted beside the reformed one.
    #[arg(long)]
    pub compare: bool,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum MethodArg {
    Hare,
    Droop,
    Dhondt,
    SainteLague,
    ModifiedSainteLague,
    Imperiali,
}

#[derive(Clone, Copy, Debug, Default, ValueEnum, PartialEq, Eq)]
pub enum TieArg {
    /// Equal remainders or quotients go to the list registered earlier.
    EarlierRegistration,
    /// A tie is reported as "drawing of lots required" (exit code 3).
    #[default]
    Lots,
}

#[derive(Args)]
pub struct AllocateArgs {
    #[arg(long, value_parser = count_arg)]
    pub seats: u64,
    #[arg(long, value_enum)]
    pub method: MethodArg,
    /// Legal threshold in percent, such as `7` or `3.5`.
    #[arg(long, value_name = "PERCENT")]
    pub threshold: Option<String>,
    /// What the threshold is taken of (default: the sum of the votes).
    #[arg(long, value_name = "N", value_parser = count_arg, requires = "threshold")]
    pub threshold_base: Option<u64>,
    #[arg(long, value_enum, default_value_t)]
    pub tie_rule: TieArg,
    /// CSV with header `party,votes` (optional `list_number`).
    #[arg(long, value_name = "FILE")]
    pub votes: String,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct PresidentArgs {
    #[command(subcommand)]
    pub eligible: Option<PresidentCommand>,
    /// Election date (YYYY-MM-DD).
    #[arg(long, value_parser = date_arg, required = true)]
    pub date: Option<jiff::civil::Date>,
    /// CSV with header `candidate,votes`; `builtin:president-1999` or `builtin:president-2005`.
    #[arg(long, value_name = "FILE", required = true)]
    pub votes: Option<String>,
    /// Voters who took part (default: the sum of the votes).
    #[arg(long, value_name = "N", value_parser = count_arg)]
    pub participating: Option<u64>,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Subcommand)]
pub enum PresidentCommand {
    /// Whether a candidate may stand on a date, each criterion cited.
    Eligible {
        #[arg(long, value_parser = date_arg)]
        date: jiff::civil::Date,
        /// TOML: name, birth_date, citizen, state_language, residence_years, first_president, terms.
        #[arg(long, value_name = "FILE")]
        candidate: String,
        #[command(flatten)]
        output: Output,
    },
}

#[derive(Args)]
pub struct SenateArgs {
    #[arg(long, value_parser = date_arg)]
    pub date: jiff::civil::Date,
    /// CSV with header `unit,candidate,votes,electors` (`electors`: maslikhat deputies who took
    /// part in the unit's joint session; the same on every row of a unit).
    #[arg(long, value_name = "FILE")]
    pub votes: String,
    /// Seats at stake in each unit (default: the rulebook's seats per unit × renewal share).
    #[arg(long, value_name = "N", value_parser = count_arg)]
    pub seats_per_unit: Option<u64>,
    /// CSV with header `name`: senators appointed by the president.
    #[arg(long, value_name = "FILE")]
    pub appointed: Option<String>,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Args)]
pub struct AssemblyArgs {
    #[arg(long, value_parser = date_arg)]
    pub date: jiff::civil::Date,
    /// CSV with header `candidate,votes`.
    #[arg(long, value_name = "FILE")]
    pub votes: String,
    /// Assembly members who took part in the vote.
    #[arg(long, value_name = "N", value_parser = count_arg)]
    pub voting: u64,
    /// Seats at stake (default: the rulebook's Assembly seats).
    #[arg(long, value_name = "N", value_parser = count_arg)]
    pub seats: Option<u64>,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Args)]
pub struct MaslikhatArgs {
    #[arg(long, value_parser = date_arg)]
    pub date: jiff::civil::Date,
    /// CSV with header `district,candidate,votes` (optional `seats`, default 1 per district).
    #[arg(long, value_name = "FILE")]
    pub votes: String,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Subcommand)]
pub enum IinCommand {
    /// Checks each IIN (12 digits, century/sex digit, check digit) and decodes it.
    Check {
        #[arg(required = true, value_name = "IIN")]
        numbers: Vec<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

#[derive(Subcommand)]
pub enum FinanceCommand {
    /// Each donation: permissible, impermissible (which forbidden donor kind) or incomplete.
    Check {
        /// CSV with header `id,date,party,donor_kind,donor,amount_kzt,written_confirmation,source_stated`.
        #[arg(long, value_name = "FILE")]
        donations: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Campaign advertising: each party's or candidate's total against the cap for the election.
    Spending(charter::SpendingArgs),
}

#[derive(Subcommand)]
pub enum DataCommand {
    /// The 16 regions and cities of republican status.
    Units {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// The parties, or one party's history with `--party ID`.
    Parties {
        #[arg(long, value_name = "ID")]
        party: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// The elections the seed reports, or one with `--election ID`.
    Elections {
        #[arg(long, value_name = "ID")]
        election: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Party membership 2000 and 2009 with density (members / registered voters × 100).
    Membership {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// An election's votes as CSV, ready for `saylau mazhilis --votes` or `saylau president --votes`.
    Votes {
        /// An election id such as `mazhilis-2007`.
        election: String,
    },
}

fn count_arg(text: &str) -> Result<u64, String> {
    input::parse_count(text.trim())
}

/// How a command ended, for the exit code.
pub enum Done {
    Ok,
    LotsRequired,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = String::new();
    match commands::run(&cli.command, cli.law.as_deref(), &cli.reform, &mut out) {
        Ok(done) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`saylau ... | head`) is not an error worth a panic.
            let _ = stdout.write_all(out.as_bytes());
            let _ = stdout.flush();
            match done {
                Done::Ok => ExitCode::SUCCESS,
                Done::LotsRequired => ExitCode::from(3),
            }
        }
        Err(e) => {
            let message = e.to_string().replace('\n', " ");
            eprintln!("saylau: error: {message}");
            ExitCode::from(2)
        }
    }
}

//! Every flag of `saylau`: the clap definitions of all commands, their shared output flags and
//! the value parsers, so that one file shows the whole command line.

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

/// The exit codes, one family for every command; `main` maps each outcome to its code.
pub const EXIT_CODES: &str = "\
Exit codes, the same for every command:
  0  decided and allowed by the law, or simply done
  1  decided and refused by the law (the answer is printed all the same)
  2  bad input or usage
  3  drawing of lots required (a tie the law leaves to lot)";

/// The line each election command adds to its help.
const LOTS_EXIT: &str = "Exit codes: 0 decided, 2 bad input or usage, 3 drawing of lots required.";

#[derive(Parser)]
#[command(
    name = "saylau",
    version,
    about = "Kazakhstan's political system, executable: the law as dated, cited data and exact election engines",
    after_help = EXIT_CODES
)]
pub struct Cli {
    /// Read the rulebook from this directory of TOML files instead of the built-in one.
    #[arg(long, global = true, value_name = "DIR")]
    pub law: Option<String>,

    /// Lay a reform overlay (TOML) over the law; may be repeated. `builtin:threshold-3pct` names a
    /// reform shipped with saylau.
    #[arg(long, global = true, value_name = "FILE")]
    pub reform: Vec<String>,

    /// Answer days after the last day the rulebook is checked for with the law of that day,
    /// every value marked as projected. Without it such days are "not known".
    #[arg(long, global = true)]
    pub project: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// The rulebook: parameters in force on a date, one parameter's timeline, checks.
    #[command(subcommand)]
    Law(LawCommand),
    /// An election of the built-in data computed under the law of its day (and a what-if),
    /// exactly as `GET /api/elections/ID` and the page `/elections/ID` give it.
    Election(ElectionArgs),
    /// The national referendums of the built-in data, or one of them, under the law of its day:
    /// whether each condition of adoption is met, each cited.
    Referendum(ReferendumArgs),
    /// The Mazhilis party-list election under the law in force on the election date.
    Mazhilis(MazhilisArgs),
    /// The Kurultai's party-list election (from 1 July 2026), as far as the rulebook gives its
    /// rules.
    Kurultai(KurultaiArgs),
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
    /// The Mazhilis's single-member districts under the rule in force (plurality from
    /// November 2022), "against all" as the ballot has it.
    MazhilisDistricts(MazhilisDistrictsArgs),
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
    State(StateArgs),
    /// The journal of events, each with its verdict under the law of its date; `journal
    /// verify` checks a store's hash chain.
    #[command(subcommand)]
    Journal(JournalCommand),
    /// Serve the JSON API (and later the pages) over a journal store.
    Serve(ServeArgs),
    /// Accounts of the service.
    #[command(subcommand)]
    User(UserCommand),
    /// The journal replayed under `--reform` overlays: the entries whose outcome differs.
    Replay(ReplayArgs),
    /// Party rules: whether a charter has every content the law requires.
    #[command(subcommand)]
    Party(PartyCommand),
    /// Deterministic synthetic data: a population register, party member lists.
    #[command(subcommand)]
    Synth(SynthCommand),
    /// A completion script for a shell, on stdout: `saylau completions bash >
    /// ~/.local/share/bash-completion/completions/saylau`.
    Completions(CompletionsArgs),
}

// ---------------------------------------------------------------------------------------------
// shared flags and value parsers

#[derive(Clone, Copy, Debug, Default, ValueEnum, PartialEq, Eq)]
pub enum Format {
    #[default]
    Table,
    Json,
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

/// Parses a `--date` argument.
pub fn date_arg(text: &str) -> Result<Date, String> {
    saylau_core::exact::date::parse_day(text)
}

/// Parses a count such as `--seats`: a whole number that is not negative.
pub fn count_arg(text: &str) -> Result<u64, String> {
    crate::input::parse_count(text.trim())
}

/// Parses a share from 0 to 1, such as `--defects`.
fn rate_arg(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(r) if (0.0..=1.0).contains(&r) => Ok(r),
        _ => Err(format!("`{text}` is not a share from 0 to 1")),
    }
}

// ---------------------------------------------------------------------------------------------
// law

#[derive(Subcommand)]
pub enum LawCommand {
    /// Every parameter in force on DATE, with its value, the date it took effect and its source.
    At {
        #[arg(value_parser = date_arg, value_name = "DATE")]
        date: Date,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// The parameters whose value (or standing) differs between two days, with both values.
    Diff {
        #[arg(value_parser = date_arg, value_name = "FROM")]
        from: Date,
        #[arg(value_parser = date_arg, value_name = "TO")]
        to: Date,
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

// ---------------------------------------------------------------------------------------------
// elections

#[derive(Args)]
#[command(
    after_help = "Exit codes: 0 decided, 2 bad input or usage, 3 drawing of lots required (under either law with --compare)."
)]
pub struct MazhilisArgs {
    /// Election date (YYYY-MM-DD): the law in force on this day applies.
    #[arg(long, value_parser = date_arg)]
    pub date: Date,
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
    pub what_if: WhatIfArgs,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Args)]
#[command(after_help = LOTS_EXIT)]
pub struct KurultaiArgs {
    /// Election date (YYYY-MM-DD): the law in force on this day applies.
    #[arg(long, value_parser = date_arg)]
    pub date: Date,
    /// CSV with header `party,votes` (optional `list_number`).
    #[arg(long, value_name = "FILE")]
    pub votes: String,
    /// Voters who took part (default: the sum of the votes).
    #[arg(long, value_name = "N", value_parser = count_arg)]
    pub participating: Option<u64>,
    #[command(flatten)]
    pub output: Output,
}

/// Values to try instead of the law's, as the elections page and the API take them.
#[derive(Args)]
pub struct WhatIfArgs {
    /// What if the threshold were this many percent (`3`, `3.5` or `3.5%`)?
    #[arg(long, value_name = "PERCENT")]
    pub threshold: Option<String>,
    /// What if the list seats were distributed by this method (`hare`, `droop`, `dhondt`,
    /// `sainte_lague`, `modified_sainte_lague`, `imperiali`)?
    #[arg(long, value_name = "METHOD")]
    pub method: Option<String>,
    /// What if there were this many list seats?
    #[arg(long, value_name = "N")]
    pub seats: Option<String>,
}

#[derive(Args)]
#[command(
    after_help = "Exit codes: 0 computed (or not determined, which is said), 2 bad input or usage."
)]
pub struct ReferendumArgs {
    /// The referendum's id, such as `referendum-2026`; without it, every referendum.
    pub id: Option<String>,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Args)]
#[command(
    after_help = "Exit codes: 0 computed (or nothing to compute, which is said), 2 bad input or usage, 3 drawing of lots required."
)]
pub struct ElectionArgs {
    /// The election's id, such as `mazhilis-2007` (`saylau data elections` lists them).
    pub id: String,
    #[command(flatten)]
    pub what_if: WhatIfArgs,
    /// What if the law in force on this day applied instead of the election day's?
    #[arg(long, value_name = "DATE")]
    pub law_date: Option<String>,
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
#[command(after_help = LOTS_EXIT)]
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
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    after_help = "Exit codes: 0 elected or a second round, 2 bad input or usage, 3 drawing of lots required; `president eligible`: 0 eligible, 1 not eligible."
)]
pub struct PresidentArgs {
    #[command(subcommand)]
    pub eligible: Option<PresidentCommand>,
    /// Election date (YYYY-MM-DD).
    #[arg(long, value_parser = date_arg, required = true)]
    pub date: Option<Date>,
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
    #[command(after_help = "Exit codes: 0 eligible, 1 not eligible, 2 bad input or usage.")]
    Eligible {
        #[arg(long, value_parser = date_arg)]
        date: Date,
        /// TOML: name, birth_date, citizen, state_language, residence_years, first_president, terms.
        #[arg(long, value_name = "FILE")]
        candidate: String,
        #[command(flatten)]
        output: Output,
    },
}

#[derive(Args)]
#[command(after_help = LOTS_EXIT)]
pub struct SenateArgs {
    #[arg(long, value_parser = date_arg)]
    pub date: Date,
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
#[command(after_help = LOTS_EXIT)]
pub struct AssemblyArgs {
    #[arg(long, value_parser = date_arg)]
    pub date: Date,
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
#[command(after_help = LOTS_EXIT)]
pub struct MazhilisDistrictsArgs {
    #[arg(long, value_parser = date_arg)]
    pub date: Date,
    /// CSV with header `district,candidate,votes`; a candidate `against all` is that line of
    /// the ballot.
    #[arg(long, value_name = "FILE")]
    pub votes: String,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Args)]
#[command(after_help = LOTS_EXIT)]
pub struct MaslikhatArgs {
    #[arg(long, value_parser = date_arg)]
    pub date: Date,
    /// CSV with header `district,candidate,votes` (optional `seats`, default 1 per district).
    #[arg(long, value_name = "FILE")]
    pub votes: String,
    #[command(flatten)]
    pub output: Output,
}

// ---------------------------------------------------------------------------------------------
// data and identity numbers

#[derive(Subcommand)]
pub enum DataCommand {
    /// Every region and city of republican status the state has had (the rulebook's `state.units`).
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

#[derive(Subcommand)]
pub enum IinCommand {
    /// Checks each IIN (12 digits, century/sex digit, check digit) and decodes it.
    #[command(
        after_help = "Exit codes: 0 every number valid, 1 any invalid (each with its reason), 2 bad usage."
    )]
    Check {
        #[arg(required = true, value_name = "IIN")]
        numbers: Vec<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

// ---------------------------------------------------------------------------------------------
// parties

#[derive(Subcommand)]
pub enum FinanceCommand {
    /// Each donation: permissible, impermissible (which forbidden donor kind) or incomplete.
    #[command(
        after_help = "Exit codes: 0 every donation permissible, 1 any impermissible or incomplete, 2 bad input or usage."
    )]
    Check {
        /// CSV with header `id,date,party,donor_kind,donor,amount_kzt,written_confirmation,source_stated`.
        #[arg(long, value_name = "FILE")]
        donations: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Print each donation's law: the rule, its value, the date in force and the citation.
        #[arg(long)]
        explain: bool,
    },
    /// Campaign advertising: each party's or candidate's total against the cap for the election.
    Spending(SpendingArgs),
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ElectionArg {
    /// A Mazhilis election: the cap per party.
    Mazhilis,
    /// A presidential election: the cap per candidate.
    President,
}

/// `saylau finance spending`.
#[derive(Args)]
#[command(
    after_help = "Exit codes: 0 every total within the cap, 1 any over it, 2 bad input or usage."
)]
pub struct SpendingArgs {
    /// Which election's advertising cap applies.
    #[arg(long, value_enum)]
    pub election: ElectionArg,
    /// The election day (YYYY-MM-DD): the cap in force on it applies.
    #[arg(long, value_parser = date_arg)]
    pub date: Date,
    /// CSV with header `spender,date,amount,currency` (amount in whole units of the currency).
    #[arg(long, value_name = "FILE")]
    pub spending: String,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Print the cap's law: its value, the date in force and the citation.
    #[arg(long)]
    pub explain: bool,
}

#[derive(Subcommand)]
pub enum RegistrationCommand {
    /// Verify a party's member list against the citizen register and decide whether the party
    /// can be registered under the law in force (or under `--law-date`, `--reform`).
    Check(RegistrationCheckArgs),
}

#[derive(Args)]
#[command(
    after_help = "Exit codes: 0 registrable, 1 refused, 2 bad input or usage (a malformed row anywhere: no decision)."
)]
pub struct RegistrationCheckArgs {
    /// The day the application is decided; signatures dated later do not count.
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub date: Date,
    /// Apply the law in force on this day instead of `--date` ("what if the pre-2009 rules
    /// applied").
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub law_date: Option<Date>,
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
    pub committee_registered: Date,
    /// Write the rejected rows (line, iin, signed_on, reason) to this CSV file.
    #[arg(long, value_name = "FILE")]
    pub rejected_out: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Subcommand)]
pub enum PartyCommand {
    /// Whether a party charter (Markdown, one heading per section) has every content the law
    /// in force on DATE requires; a heading may name contents with `{#central_office}`.
    #[command(
        after_help = "Exit codes: 0 complete, 1 a required content missing, 2 bad input or usage."
    )]
    Charter {
        /// The charter as a Markdown file.
        #[arg(long, value_name = "CHARTER.md")]
        file: String,
        /// The law in force on this day (YYYY-MM-DD) applies.
        #[arg(long, value_parser = date_arg)]
        date: Date,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Print the law the check applies: its value, the date in force and the citation.
        #[arg(long)]
        explain: bool,
    },
}

// ---------------------------------------------------------------------------------------------
// the polity over time

#[derive(Args)]
pub struct StateArgs {
    /// The day to describe.
    #[arg(long, value_parser = date_arg, value_name = "DATE")]
    pub date: Date,
    /// A journal file (TOML, `[[entry]]` tables oldest first) instead of the built-in history.
    #[arg(long, value_name = "FILE")]
    pub journal: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Subcommand)]
pub enum JournalCommand {
    /// Every entry of the journal with its verdict under the law of its date.
    List {
        #[arg(long, value_name = "FILE")]
        journal: Option<String>,
        /// Show only the entries of this kind (`party_registered`, `mazhilis_elected`, ...).
        #[arg(long, value_name = "KIND")]
        kind: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Print every entry's steps, each with its rule, value, date in force and citation.
        #[arg(long)]
        explain: bool,
    },
    /// Check a journal file's entries in order, from an empty polity, against the law and the
    /// state they build: each entry's verdict and the state after the last (recording nothing;
    /// the same answer as `POST /api/ask/journal`). Exit 1 if any entry is refused.
    Check {
        #[arg(long, value_name = "FILE")]
        journal: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Print every entry's steps, each with its rule, value, date in force and citation.
        #[arg(long)]
        explain: bool,
    },
    /// Recompute a store's hash chain and say whether any entry was changed.
    Verify {
        /// The store: `sqlite://PATH`, a file path, or `postgres://…`.
        #[arg(long, value_name = "URL", default_value = DEFAULT_DB)]
        db: String,
    },
}

#[derive(Args)]
pub struct ReplayArgs {
    /// A journal file instead of the built-in history.
    #[arg(long, value_name = "FILE")]
    pub journal: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

// ---------------------------------------------------------------------------------------------
// the service

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

// ---------------------------------------------------------------------------------------------
// shell completions

#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

// ---------------------------------------------------------------------------------------------
// synthetic data

#[derive(Subcommand)]
pub enum SynthCommand {
    /// A population register as CSV on stdout: `iin,full_name,birth_date,unit,citizen,deceased,occupation`.
    Register(SynthRegisterArgs),
    /// A party's member list drawn from a register, as CSV on stdout: `iin,signed_on`
    /// (`iin,party,signed_on` with --party).
    Members(SynthMembersArgs),
}

#[derive(Args)]
pub struct SynthRegisterArgs {
    /// People in the register.
    #[arg(long, value_name = "N", value_parser = count_arg)]
    pub people: u64,
    /// Seed of the random stream: the same seed and arguments give the same bytes.
    #[arg(long, value_name = "S")]
    pub seed: u64,
    /// The register's date: ages 0 to 95 are taken on this day.
    #[arg(long, value_name = "DATE", value_parser = date_arg, default_value = "2009-06-01")]
    pub as_of: Date,
}

#[derive(Args)]
pub struct SynthMembersArgs {
    /// The register to draw people from (as `synth register` writes it).
    #[arg(long, value_name = "FILE")]
    pub register: String,
    /// Rows in the member list.
    #[arg(long, value_name = "N", value_parser = count_arg)]
    pub members: u64,
    /// Seed of the random stream: the same seed and arguments give the same bytes.
    #[arg(long, value_name = "S")]
    pub seed: u64,
    /// Share of defective rows (0 to 1), spread evenly over the kinds: invalid_iin,
    /// not_in_register, not_citizen, deceased, under_age, barred_occupation, outside_window,
    /// duplicate. Each defective row has exactly one defect.
    #[arg(long, value_name = "RATE", value_parser = rate_arg, default_value = "0")]
    pub defects: f64,
    /// First day of the signing window.
    #[arg(long, value_name = "DATE", value_parser = date_arg, default_value = "2009-03-02")]
    pub signed_from: Date,
    /// Last day of the signing window.
    #[arg(long, value_name = "DATE", value_parser = date_arg, default_value = "2009-07-01")]
    pub signed_to: Date,
    /// Write `iin,party,signed_on` with this party name (a list of other parties' members).
    #[arg(long, value_name = "NAME")]
    pub party: Option<String>,
}

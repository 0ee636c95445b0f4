//! saylau-formats: one reader per input format of saylau, bytes in, typed values or
//! `file:line: field `name`: why` out.
//!
//! The command line reads files and streams, the server reads uploads and request bodies;
//! both hand the bytes to this crate, so a file means the same thing everywhere: the same
//! columns, the same values, the same verdict, the same messages. The crate does no I/O.
//!
//! # The rules, in every format
//!
//! - **Columns and fields.** A CSV header names each column once, in any order and any case;
//!   a name given twice, even in another case (`signed_on,SIGNED_ON`), is refused rather
//!   than one of them picked. A column the format does not know is refused, unless the
//!   format documents it as ignored (only two do: the member list ignores `full_name`, the
//!   other parties' members ignore `signed_on` and `full_name`). A missing required column
//!   is named. A JSON body's structs are objects (never arrays) with no unknown field and no
//!   key given twice.
//! - **Text.** Every cell and every JSON string (and key), ignored ones too, is UTF-8
//!   without NUL, other control characters (tab excepted) or invisible format characters
//!   (bidirectional overrides, zero-width characters, a byte-order mark inside text). A
//!   byte-order mark at the start of a file and CRLF line ends are accepted. CSV cells are
//!   trimmed of spaces.
//! - **Caps.** Names, ids, codes, IINs and keys are at most [`NAME_CHARS`] characters;
//!   free text (titles, sources, notes, decisions, and any CSV cell) at most
//!   [`TEXT_CHARS`]; a document sent inside a JSON body (a charter's or a reform's `text`)
//!   at most [`DOCUMENT_CHARS`], and only a document may hold line ends.
//! - **Booleans** are `true` or `false`, in any case in a CSV cell (`TRUE`, `False`), JSON's
//!   and TOML's own `true`/`false` in those formats. Nothing else: not `1`, `yes` or empty.
//! - **Numbers** are whole and not negative, in ASCII digits in CSV, JSON numbers in JSON.
//! - **Enums** are written by name: a JSON event's `kind` is a string naming a kind, never
//!   its position.
//! - **Dates** are `YYYY-MM-DD` strings (never JSON numbers); an event's date may be
//!   `YYYY-MM` or `YYYY`. The dates of legal acts (filing, signing, donating, spending,
//!   events) must be days the law covers: from the rulebook's earliest act on ([`LawDays`]);
//!   a birth date in a register need only be a day of the calendar.
//! - **Messages** are one line: `file:line: field `name`: why`, quoting at most a short,
//!   escaped prefix of a bad value ([`saylau_core::text::quote`]). An input with bad rows is
//!   refused whole ([`FormatError`]) with the count and the first [`QUOTED_PROBLEMS`];
//!   nothing may be decided from it.
//!
//! # Example
//!
//! ```
//! use saylau_formats::votes::read_lists;
//!
//! let lists = read_lists("votes.csv", b"\xEF\xBB\xBFParty,Votes\r\nNUR OTAN,100\r\nAk Zhol,40\r\n")
//!     .expect("a byte-order mark, capitals and CRLF are fine");
//! assert_eq!(lists.len(), 2);
//!
//! let e = read_lists("votes.csv", b"party,votes,votes\nNUR OTAN,100,0\n").unwrap_err();
//! assert_eq!(
//!     e.to_string(),
//!     "votes.csv:1: field `votes`: the header names this column twice (columns 2 and 3), \
//!      in any case; saylau does not guess which one is meant"
//! );
//!
//! let e = read_lists("votes.csv", b"party,votes\nNUR\x1b]0;owned\x07,100\nAk Zhol,-4\nA,1\nB,x\n")
//!     .unwrap_err();
//! assert_eq!(
//!     e.to_string(),
//!     "votes.csv: 3 bad rows or values, nothing was decided: \
//!      votes.csv:2: field `party`: `NUR\\u{1b}]0;owned\\u{7}` holds the control or invisible \
//!      character \\u{1b}, which saylau does not accept in text; \
//!      votes.csv:3: field `votes`: `-4` is negative; \
//!      votes.csv:5: field `votes`: `x` is not a whole number"
//! );
//! ```
//!
//! # Formats
//!
//! | format | reader |
//! | --- | --- |
//! | party-list votes `party,votes[,list_number]` | [`votes::read_lists`] |
//! | candidate votes `candidate,votes` | [`votes::read_tally`] |
//! | Senate `unit,candidate,votes,electors` | [`contests::read_senate`] |
//! | maslikhat `district,candidate,votes[,seats]` | [`contests::read_maslikhat`] |
//! | appointed senators `name` | [`contests::read_appointed`] |
//! | citizen register (7 columns) | [`register::parse_register_row`], [`register::read_register`] |
//! | member list `iin,signed_on` | [`register::read_members`] |
//! | other parties' members `iin,party` | [`register::read_other_members`] |
//! | donations ledger | [`finance::read_ledger`] |
//! | campaign spending `spender,date,amount,currency` | [`finance::read_spending`] |
//! | party charter (Markdown) | [`text::read_text`] |
//! | candidate (TOML) | [`text::read_candidate`] |
//! | rulebook, reform, journal (TOML) | [`text::read_rulebook`], [`text::read_reform`], [`text::read_journal`] |
//! | API bodies (JSON): login, event, member list, ledger | [`bodies`] |

pub mod bodies;
pub mod cell;
pub mod contests;
pub mod finance;
pub mod json;
pub mod problem;
pub mod register;
pub mod table;
pub mod text;
pub mod votes;

pub use cell::LawDays;
pub use problem::{Bad, FormatError, Problem, QUOTED_PROBLEMS};

/// The most characters of a name, id, code, IIN or key: party and candidate names, unit and
/// district ids, donors, login names and passwords.
pub const NAME_CHARS: usize = 200;

/// The most characters of free text: titles, sources, notes, decisions; and of any CSV cell.
pub const TEXT_CHARS: usize = 2_000;

/// The most characters of a document sent as a JSON string: a charter's or a reform file's
/// `text`. A file read from disk or uploaded is a document of its own and has no such cap.
pub const DOCUMENT_CHARS: usize = 1_000_000;

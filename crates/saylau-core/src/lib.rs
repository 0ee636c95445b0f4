//! saylau-core: Kazakhstan's political system as executable, dated, cited rules.
//!
//! This crate is pure: it reads no files, opens no sockets, consults no clock and knows no
//! SQL. Callers hand it text (rulebook TOML, parsed votes) and dates; it hands back outcomes
//! with the steps that produced them.
//!
//! ```
//! use saylau_core::{builtin, law::{Law, Param}};
//! use jiff::civil::date;
//!
//! let book = builtin::rulebook().expect("the built-in rulebook loads");
//! let law = Law::new(&book, &[]);
//! let threshold = law.at(date(2007, 8, 18)).percent(Param::MazhilisThreshold).expect("in force");
//! assert_eq!(threshold.value.to_string(), "7");
//! println!("{}", threshold.law); // the value, the date it took effect, and its citation
//! ```

pub mod ask;
pub mod builtin;
pub mod data;
pub mod elections;
pub mod exact;
pub mod explain;
pub mod law;
pub mod parties;
pub mod polity;
pub mod text;

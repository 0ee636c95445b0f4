//! Exact numbers and dates: fractions for every share, quota and threshold, and dates known
//! to the day, the month or the year. Nothing here rounds except for display.

pub mod date;
pub mod fraction;

pub use date::{FuzzyDate, Precision, parse_day};
pub use fraction::Fraction;

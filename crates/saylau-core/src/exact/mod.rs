//! Exact numbers and dates: fractions for every share, quota and threshold, and dates known
//! to the day, the month or the year. Nothing here rounds except for display.

pub mod date;
pub mod fraction;
pub mod shown;

pub use date::{FuzzyDate, Precision, parse_day};
pub use fraction::Fraction;
pub use shown::{DISPLAY_RULE, Share, Shown};

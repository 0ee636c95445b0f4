//! Exact numbers and dates: fractions for every share, quota and threshold, and dates known
//! to the day, the month or the year. Nothing here rounds except for display.

pub mod date;
pub mod fraction;
pub mod shown;

pub use crate::text::quote as quote_prefix;
pub use date::{FuzzyDate, Precision, parse_day};
pub use fraction::Fraction;
pub use shown::{DISPLAY_RULE, Share, Shown};

/// A percentage as people write it: `7`, `3.5` or `3.5%`, at most 100.
pub fn parse_percent(text: &str) -> Result<Fraction, String> {
    let t = text.trim();
    let number = t.strip_suffix('%').unwrap_or(t).trim();
    let bad = || {
        format!(
            "`{}` is not a percentage such as 7 or 3.5",
            crate::text::quote(t)
        )
    };
    if number.contains('/') {
        return Err(bad());
    }
    let p = Fraction::parse(number).ok_or_else(bad)?;
    if p.checked_cmp(&Fraction::integer(100)) == Some(std::cmp::Ordering::Greater) {
        return Err(format!("`{}` is more than 100%", crate::text::quote(t)));
    }
    Ok(p)
}

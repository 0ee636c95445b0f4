//! Exact values as people read them: one display rule for every share, index and quantity.
//!
//! A value is kept exact (a [`Fraction`]) and carries its display, rounded half up to two
//! decimals ([`DISPLAY_RULE`]). The command line, the API and the pages show the display and
//! never round again, so the same value reads the same everywhere.

use serde::Serialize;

use super::Fraction;

/// How every exact value is shown, for explanations and headers.
pub const DISPLAY_RULE: &str = "exact values are shown rounded half up to two decimals";

/// Decimals in a display.
const DIGITS: u32 = 2;

/// An exact value and its display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shown {
    /// Exact, `numerator/denominator` in lowest terms (or a whole number).
    pub exact: Fraction,
    /// [`DISPLAY_RULE`] applied to `exact`.
    pub shown: String,
}

impl Shown {
    pub fn new(exact: Fraction) -> Shown {
        Shown {
            shown: exact.to_decimal(DIGITS),
            exact,
        }
    }
}

/// A part of a whole: `part / whole` exactly, shown as a percentage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Share {
    pub part: u64,
    pub whole: u64,
    /// `part / whole`, exact.
    pub exact: Fraction,
    /// `part / whole × 100`, by [`DISPLAY_RULE`], without the `%` sign.
    pub percent: String,
}

impl Share {
    /// The share `part / whole`, `None` when `whole` is zero.
    pub fn new(part: u64, whole: u64) -> Option<Share> {
        let exact = Fraction::new(u128::from(part), u128::from(whole))?;
        let percent = Fraction::new(u128::from(part) * 100, u128::from(whole))?.to_decimal(DIGITS);
        Some(Share {
            part,
            whole,
            exact,
            percent,
        })
    }

    /// The share as text with its sign: `88.42%`.
    pub fn percent_text(&self) -> String {
        format!("{}%", self.percent)
    }
}

/// The square root of `num / den`, rounded half up to [`DISPLAY_RULE`]'s decimals, exactly:
/// integers only. `None` when `den` is zero or the arithmetic would overflow.
pub fn sqrt_shown(num: u128, den: u128) -> Option<String> {
    if den == 0 {
        return None;
    }
    let scale = 10u128.pow(DIGITS);
    // r = floor(sqrt(num × scale² / den)): the root in hundredths, rounded down.
    let scaled = num.checked_mul(scale * scale)?;
    let r = isqrt(scaled / den);
    // Round half up: take r + 1 when num × scale² / den ≥ (r + ½)², that is
    // 4 × scaled ≥ den × (2r + 1)².
    let twice = r.checked_mul(2)?.checked_add(1)?;
    let q = if scaled.checked_mul(4)? >= den.checked_mul(twice.checked_mul(twice)?)? {
        r + 1
    } else {
        r
    };
    Some(format!(
        "{}.{:0width$}",
        q / scale,
        q % scale,
        width = DIGITS as usize
    ))
}

/// The integer square root: the largest `r` with `r × r ≤ n`.
pub fn isqrt(n: u128) -> u128 {
    if n < 2 {
        return n;
    }
    // Newton's method from a power of two at or above the root converges to its floor, and
    // never overflows: x + n / x stays below 2^65 + 2^64.
    let bits = 128 - n.leading_zeros();
    let mut x = 1u128 << bits.div_ceil(2);
    let mut y = (x + n / x) / 2;
    while y < x {
        x = y;
        y = (x + n / x) / 2;
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_exact_and_shown_rounded_half_up() {
        let s = Share::new(8841, 9999).unwrap_or_else(|| unreachable!());
        assert_eq!(s.exact.to_string(), "2947/3333");
        // 88.4188…% rounds to 88.42.
        assert_eq!(s.percent, "88.42");
        assert_eq!(s.percent_text(), "88.42%");
        let half = Share::new(1, 800).unwrap_or_else(|| unreachable!());
        // 0.125% is exactly half way: half up gives 0.13.
        assert_eq!(half.percent, "0.13");
        assert_eq!(Share::new(1, 0), None);
    }

    #[test]
    fn integer_square_roots_are_floors() {
        for n in 0u128..2000 {
            let r = isqrt(n);
            assert!(r * r <= n && (r + 1) * (r + 1) > n, "{n}");
        }
        assert_eq!(
            isqrt(u128::from(u64::MAX) * u128::from(u64::MAX)),
            u128::from(u64::MAX)
        );
        assert_eq!(isqrt(u128::MAX), u128::from(u64::MAX));
    }

    #[test]
    fn square_roots_are_shown_rounded_half_up() {
        assert_eq!(sqrt_shown(2, 1).as_deref(), Some("1.41"));
        assert_eq!(sqrt_shown(4, 1).as_deref(), Some("2.00"));
        // sqrt(1.010025) = 1.005 exactly: half up gives 1.01.
        assert_eq!(sqrt_shown(1_010_025, 1_000_000).as_deref(), Some("1.01"));
        // sqrt(1.0100249) is just under 1.005.
        assert_eq!(sqrt_shown(10_100_249, 10_000_000).as_deref(), Some("1.00"));
        assert_eq!(sqrt_shown(0, 7).as_deref(), Some("0.00"));
        assert_eq!(sqrt_shown(1, 0), None);
    }
}

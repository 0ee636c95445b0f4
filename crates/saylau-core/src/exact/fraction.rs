//! Exact non-negative fractions for quotas, thresholds and remainders.
//!
//! Seat arithmetic never touches floating point: every decision compares integers, and a
//! fraction becomes a decimal only when it is shown to a person. Numerators and denominators
//! are `u128` so that products of vote counts and seat numbers cannot overflow in practice;
//! where they could, the operations are checked and return `None`.

use std::cmp::Ordering;
use std::fmt;

/// A non-negative fraction `num / den` with `den > 0`, kept in lowest terms.
#[derive(Debug, Clone, Copy)]
pub struct Fraction {
    num: u128,
    den: u128,
}

impl Fraction {
    /// The fraction `num / den`, or `None` when `den` is zero.
    pub fn new(num: u128, den: u128) -> Option<Fraction> {
        if den == 0 {
            return None;
        }
        let g = gcd(num, den);
        Some(Fraction {
            num: num / g,
            den: den / g,
        })
    }

    /// The whole number `n`.
    pub fn integer(n: u128) -> Fraction {
        Fraction { num: n, den: 1 }
    }

    pub fn num(&self) -> u128 {
        self.num
    }

    pub fn den(&self) -> u128 {
        self.den
    }

    /// The integer part (rounding toward zero).
    pub fn floor(&self) -> u128 {
        self.num / self.den
    }

    /// The part after the integer part, `self - floor(self)`.
    pub fn fract(&self) -> Fraction {
        Fraction {
            num: self.num % self.den,
            den: self.den,
        }
    }

    pub fn is_integer(&self) -> bool {
        self.num.is_multiple_of(self.den)
    }

    pub fn checked_mul(&self, other: &Fraction) -> Option<Fraction> {
        let num = self.num.checked_mul(other.num)?;
        let den = self.den.checked_mul(other.den)?;
        Fraction::new(num, den)
    }

    pub fn checked_div(&self, other: &Fraction) -> Option<Fraction> {
        let num = self.num.checked_mul(other.den)?;
        let den = self.den.checked_mul(other.num)?;
        Fraction::new(num, den)
    }

    /// Compares two fractions exactly, or `None` if the cross products overflow.
    pub fn checked_cmp(&self, other: &Fraction) -> Option<Ordering> {
        let left = self.num.checked_mul(other.den)?;
        let right = other.num.checked_mul(self.den)?;
        Some(left.cmp(&right))
    }

    /// Parses a decimal such as `7`, `0.7`, `3.25` or a ratio such as `1/2`.
    pub fn parse(text: &str) -> Option<Fraction> {
        let text = text.trim();
        if let Some((n, d)) = text.split_once('/') {
            let n = parse_digits(n.trim())?;
            let d = parse_digits(d.trim())?;
            return Fraction::new(n, d);
        }
        let (int, frac) = match text.split_once('.') {
            Some((i, f)) => (i, f),
            None => (text, ""),
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        let int = if int.is_empty() {
            0
        } else {
            parse_digits(int)?
        };
        if frac.is_empty() {
            if text.ends_with('.') {
                return None;
            }
            return Some(Fraction::integer(int));
        }
        let scale = 10u128.checked_pow(u32::try_from(frac.len()).ok()?)?;
        let frac_value = parse_digits(frac)?;
        let num = int.checked_mul(scale)?.checked_add(frac_value)?;
        Fraction::new(num, scale)
    }

    /// The value as a decimal with exactly `digits` digits after the point, rounded half up.
    /// For display only.
    pub fn to_decimal(&self, digits: u32) -> String {
        let scale = 10u128.saturating_pow(digits);
        let scaled_num = self.num.saturating_mul(scale);
        let mut q = scaled_num / self.den;
        let r = scaled_num % self.den;
        if r.saturating_mul(2) >= self.den {
            q += 1;
        }
        if digits == 0 {
            return q.to_string();
        }
        let int = q / scale;
        let frac = q % scale;
        format!("{int}.{frac:0width$}", width = digits as usize)
    }

    /// The shortest exact decimal if the denominator allows one (only factors 2 and 5),
    /// otherwise `num/den`.
    pub fn to_exact_string(&self) -> String {
        let mut d = self.den;
        let mut twos = 0u32;
        let mut fives = 0u32;
        while d.is_multiple_of(2) {
            d /= 2;
            twos += 1;
        }
        while d.is_multiple_of(5) {
            d /= 5;
            fives += 1;
        }
        if d != 1 {
            return format!("{}/{}", self.num, self.den);
        }
        let digits = twos.max(fives);
        let s = self.to_decimal(digits);
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    }
}

impl PartialEq for Fraction {
    fn eq(&self, other: &Fraction) -> bool {
        // Both sides are in lowest terms, so equality is structural.
        self.num == other.num && self.den == other.den
    }
}

impl Eq for Fraction {}

impl fmt::Display for Fraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            write!(f, "{}", self.num)
        } else {
            write!(f, "{}/{}", self.num, self.den)
        }
    }
}

impl serde::Serialize for Fraction {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

fn parse_digits(s: &str) -> Option<u128> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The greatest common divisor, taken as 1 when both are zero so it can always divide.
pub(crate) fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    if a == 0 { 1 } else { a }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(n: u128, d: u128) -> Fraction {
        Fraction::new(n, d).unwrap_or(Fraction::integer(0))
    }

    #[test]
    fn parses_decimals_and_ratios() {
        assert_eq!(Fraction::parse("7"), Some(f(7, 1)));
        assert_eq!(Fraction::parse("0.7"), Some(f(7, 10)));
        assert_eq!(Fraction::parse("3.25"), Some(f(13, 4)));
        assert_eq!(Fraction::parse("1/2"), Some(f(1, 2)));
        assert_eq!(Fraction::parse(".5"), Some(f(1, 2)));
        assert_eq!(Fraction::parse("1/0"), None);
        assert_eq!(Fraction::parse("-1"), None);
        assert_eq!(Fraction::parse("7."), None);
        assert_eq!(Fraction::parse("7.a"), None);
        assert_eq!(Fraction::parse(""), None);
    }

    #[test]
    fn decimals_round_half_up_for_display() {
        assert_eq!(f(2, 3).to_decimal(4), "0.6667");
        assert_eq!(f(1, 8).to_decimal(2), "0.13");
        assert_eq!(f(5_247_720, 98).to_decimal(3), "53548.163");
        assert_eq!(f(10, 1).to_decimal(0), "10");
    }

    #[test]
    fn exact_strings_prefer_terminating_decimals() {
        assert_eq!(f(7, 10).to_exact_string(), "0.7");
        assert_eq!(f(7, 1).to_exact_string(), "7");
        assert_eq!(f(1, 3).to_exact_string(), "1/3");
        assert_eq!(f(1, 40).to_exact_string(), "0.025");
    }

    #[test]
    fn compares_exactly() {
        assert_eq!(f(1, 3).checked_cmp(&f(333, 1000)), Some(Ordering::Greater));
        assert_eq!(f(2, 4), f(1, 2));
    }
}

//! Citizen identity numbers (IIN): parsing, validation and decoding of the 12-digit number.
//!
//! An IIN is the birth date as `YYMMDD`, one digit giving century and sex, four serial
//! digits and a check digit (DOMAIN.md §4, **[public]**). The check digit is the weighted sum
//! of the first 11 digits mod 11 with weights 1..11; when that gives 10 the weights
//! 3..11, 1, 2 are used instead, and when that also gives 10 no valid number has those first
//! 11 digits.
//!
//! The century-and-sex digit follows the public convention (not a statute text saylau
//! cites): 1 and 2 are a man and a woman born in the 1800s, 3 and 4 in the 1900s, 5 and 6 in
//! the 2000s; 0 and 7 to 9 do not describe a person with a birth date. The table lives in
//! [`CENTURY_SEX`] and nowhere else.
//!
//! Parsing does not allocate except to describe an impossible birth date in its error, since
//! it runs once per voter-roll row.
//!
//! ```
//! use saylau_core::parties::iin::{Iin, Sex};
//! use jiff::civil::date;
//!
//! let iin = Iin::parse(" 870215301235 ").expect("a valid IIN");
//! assert_eq!(iin.birth_date(), date(1987, 2, 15));
//! assert_eq!(iin.sex(), Sex::Male);
//! assert_eq!(iin.serial(), 123);
//! assert_eq!(iin.to_string(), "870215301235");
//! ```

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

/// The sex an IIN records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

/// The century-and-sex digit (the seventh digit) and what it means: the first year of the
/// century and the sex. This is the public convention; digits absent here are invalid.
pub const CENTURY_SEX: [(u8, i16, Sex); 6] = [
    (1, 1800, Sex::Male),
    (2, 1800, Sex::Female),
    (3, 1900, Sex::Male),
    (4, 1900, Sex::Female),
    (5, 2000, Sex::Male),
    (6, 2000, Sex::Female),
];

/// Weights for the check digit: the first set, and the second used when the first gives 10.
const WEIGHTS: [[u16; 11]; 2] = [
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2],
];

/// The number of digits in an IIN.
pub const LEN: usize = 12;

/// Why a text is not a valid IIN.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
pub enum IinError {
    /// The number of digits, when it is not 12.
    #[error("an IIN has 12 digits, this one has {0}")]
    Length(usize),
    #[error("an IIN is made of digits 0 to 9 only")]
    NotDigits,
    #[error("the seventh digit gives century and sex and must be 1 to 6, not `{0}`")]
    BadCenturyDigit(u8),
    /// The birth date as the number writes it, `YYYY-MM-DD`.
    #[error("birth date `{0}` does not exist")]
    BadDate(String),
    #[error("check digit is {expected}, the number ends in {found}")]
    CheckDigit { expected: u8, found: u8 },
    #[error("no check digit fits the first 11 digits: both weighted sums give 10")]
    NoValidCheck,
}

/// A valid IIN. Every value of this type has passed [`Iin::parse`] or was built by
/// [`Iin::from_parts`], so its birth date exists and its check digit is right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iin {
    digits: [u8; LEN],
}

/// The check digit for the first 11 digits of an IIN, or `None` when both weighted sums give
/// 10 and so no 12-digit number starting with them is valid.
pub fn check_digit(first11: &[u8; 11]) -> Option<u8> {
    WEIGHTS.iter().find_map(|weights| {
        let sum: u16 = first11
            .iter()
            .zip(weights)
            .map(|(&digit, &weight)| u16::from(digit) * weight)
            .sum();
        // The sum is at most 9 * 66, so the remainder fits a u8.
        let rest = (sum % 11) as u8;
        (rest != 10).then_some(rest)
    })
}

/// The century and sex the seventh digit stands for, per [`CENTURY_SEX`].
fn century_sex(digit: u8) -> Option<(i16, Sex)> {
    CENTURY_SEX
        .iter()
        .find(|&&(d, _, _)| d == digit)
        .map(|&(_, century, sex)| (century, sex))
}

/// The birth date the first seven digits write, whether or not it exists.
fn written_date(digits: &[u8; LEN], century: i16) -> (i16, i8, i8) {
    let pair = |high: u8, low: u8| (high * 10 + low) as i8;
    let year = century + i16::from(pair(digits[0], digits[1]));
    (year, pair(digits[2], digits[3]), pair(digits[4], digits[5]))
}

impl Iin {
    /// Parses an IIN, ignoring whitespace around it (not inside it).
    pub fn parse(text: &str) -> Result<Iin, IinError> {
        Iin::parse_ascii(text.trim().as_bytes())
    }

    /// Parses an IIN from bytes, as read from a file, without going through `str`: a register
    /// has millions of them. Surrounding whitespace is not trimmed.
    #[inline]
    pub fn parse_ascii(bytes: &[u8]) -> Result<Iin, IinError> {
        if !bytes.iter().all(u8::is_ascii_digit) {
            return Err(IinError::NotDigits);
        }
        let Ok(ascii) = <&[u8; LEN]>::try_from(bytes) else {
            return Err(IinError::Length(bytes.len()));
        };
        let digits = ascii.map(|b| b - b'0');

        let Some((century, _)) = century_sex(digits[6]) else {
            return Err(IinError::BadCenturyDigit(digits[6]));
        };
        let (year, month, day) = written_date(&digits, century);
        if Date::new(year, month, day).is_err() {
            return Err(IinError::BadDate(format!("{year:04}-{month:02}-{day:02}")));
        }

        let [first11 @ .., found] = digits;
        match check_digit(&first11) {
            None => Err(IinError::NoValidCheck),
            Some(expected) if expected != found => Err(IinError::CheckDigit { expected, found }),
            Some(_) => Ok(Iin { digits }),
        }
    }

    /// Builds the valid IIN for a birth date, sex and serial, choosing its check digit.
    ///
    /// `None` when the birth year is outside 1800..=2099, the serial above 9999, or both
    /// weighted sums of the first 11 digits give 10 (pick another serial then).
    pub fn from_parts(birth: Date, sex: Sex, serial: u16) -> Option<Iin> {
        if serial > 9999 {
            return None;
        }
        let year = birth.year();
        let century = year - year.rem_euclid(100);
        let &(code, _, _) = CENTURY_SEX
            .iter()
            .find(|&&(_, c, s)| c == century && s == sex)?;
        let two = |n: i64| [(n / 10 % 10) as u8, (n % 10) as u8];
        let [y1, y0] = two(i64::from(year));
        let [m1, m0] = two(i64::from(birth.month()));
        let [d1, d0] = two(i64::from(birth.day()));
        let [s3, s2] = two(i64::from(serial / 100));
        let [s1, s0] = two(i64::from(serial % 100));
        let first11 = [y1, y0, m1, m0, d1, d0, code, s3, s2, s1, s0];
        let check = check_digit(&first11)?;
        let [a, b, c, d, e, f, g, h, i, j, k] = first11;
        Some(Iin {
            digits: [a, b, c, d, e, f, g, h, i, j, k, check],
        })
    }

    /// The birth date the number encodes.
    pub fn birth_date(&self) -> Date {
        let century = century_sex(self.digits[6]).map_or(0, |(century, _)| century);
        let (year, month, day) = written_date(&self.digits, century);
        // Construction checked that this date exists, so the fallback is never taken; it is
        // there only because library code does not panic.
        Date::new(year, month, day).unwrap_or_default()
    }

    /// The sex the number records.
    pub fn sex(&self) -> Sex {
        // Construction checked the digit against the table, so the fallback is never taken.
        century_sex(self.digits[6]).map_or(Sex::Male, |(_, sex)| sex)
    }

    /// The four serial digits (8th to 11th) as a number, 0 to 9999.
    pub fn serial(&self) -> u16 {
        self.digits[7..11]
            .iter()
            .fold(0, |n, &digit| n * 10 + u16::from(digit))
    }

    /// The 12 digits, each 0 to 9.
    pub fn digits(&self) -> [u8; LEN] {
        self.digits
    }

    /// The number as an integer: a compact key for sets and maps of IINs. Leading zeros are
    /// lost, so this is a key, not a way back to the text ([`Iin`]'s `Display` is).
    #[inline]
    pub fn to_u64(&self) -> u64 {
        self.digits
            .iter()
            .fold(0, |n, &digit| n * 10 + u64::from(digit))
    }
}

impl fmt::Display for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for digit in self.digits {
            write!(f, "{digit}")?;
        }
        Ok(())
    }
}

impl std::str::FromStr for Iin {
    type Err = IinError;

    fn from_str(text: &str) -> Result<Iin, IinError> {
        Iin::parse(text)
    }
}

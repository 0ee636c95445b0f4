//! The values inside cells and JSON strings, read the same way by every format: text without
//! control characters and within its cap, whole numbers, booleans, days, and days the law
//! covers.

use jiff::civil::Date;
use saylau_core::law::Rulebook;
use saylau_core::text::{control_char, quote};

use crate::{NAME_CHARS, TEXT_CHARS};

/// Why `text` may not be used as text in saylau: a control character (tab excepted) or an
/// invisible format character, or more than `cap` characters.
pub fn text_problem(text: &str, cap: usize) -> Option<String> {
    if let Some(c) = control_char(text) {
        return Some(format!(
            "`{}` holds the control or invisible character {}, which saylau does not accept in text",
            quote(text),
            quote(&c.to_string())
        ));
    }
    // Bytes are at least as many as characters: count only when it may matter.
    if text.len() > cap && text.chars().count() > cap {
        return Some(format!("`{}` is longer than {cap} characters", quote(text)));
    }
    None
}

/// Why `text` may not be used as a document (the text of a charter or a reform file sent in
/// a JSON string): as [`text_problem`], except that lines may end in `\n` or `\r\n`.
pub fn document_problem(text: &str, cap: usize) -> Option<String> {
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some(c) = control_char(line) {
            return Some(format!(
                "line {} of the document holds the control or invisible character {}, which saylau does not accept in text",
                i + 1,
                quote(&c.to_string())
            ));
        }
    }
    if text.len() > cap && text.chars().count() > cap {
        return Some(format!("the document is longer than {cap} characters"));
    }
    None
}

/// Whether every byte is printable ASCII or a tab: text that is UTF-8 and holds no control
/// or format character. The register runs it on two cells of every row, so it looks at eight
/// bytes at a time, the last word overlapping the one before.
#[inline]
pub fn printable_ascii(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let by_byte = |bytes: &[u8]| {
        bytes
            .iter()
            .all(|&b| b.wrapping_sub(0x20) < 0x5f || b == b'\t')
    };
    let n = bytes.len();
    if n < 8 {
        return by_byte(bytes);
    }
    // Whether every byte of the word at `i` is from 0x20 to 0x7e: none below 0x20 ("has
    // less") and none above 0x7e ("has more": adding 1 sets the high bit), the classic bit
    // tricks, exact for these bounds.
    let word_ok = |i: usize| {
        let Some(Ok(word)) = bytes.get(i..i + 8).map(<[u8; 8]>::try_from) else {
            return false;
        };
        let w = u64::from_le_bytes(word);
        let below = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        let above = (w.wrapping_add(ONES) | w) & HIGH;
        below | above == 0
    };
    let mut i = 0;
    while i + 8 <= n {
        if !word_ok(i) {
            // A tab fails the word test; the byte test lets it through.
            return by_byte(bytes);
        }
        i += 8;
    }
    i == n || word_ok(n - 8) || by_byte(bytes)
}

/// [`check_bytes`] when only the verdict is wanted: printable ASCII passes without a look
/// at UTF-8.
#[inline]
pub fn check_cell(bytes: &[u8], cap: usize) -> Result<(), String> {
    if bytes.len() <= cap && printable_ascii(bytes) {
        return Ok(());
    }
    check_bytes(bytes, cap).map(|_| ())
}

/// Checks the bytes of a cell as text: UTF-8, no control or invisible character, at most
/// `cap` characters. Printable ASCII, the common case, is checked in one pass.
pub fn check_bytes(bytes: &[u8], cap: usize) -> Result<&str, String> {
    if bytes.len() <= cap
        && bytes
            .iter()
            .all(|&b| (0x20..0x7f).contains(&b) || b == b'\t')
    {
        // Printable ASCII is UTF-8 and holds no control or format character.
        return std::str::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string());
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let good = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
        format!("not UTF-8 text (a bad byte after `{}`)", quote(&good))
    })?;
    match text_problem(text, cap) {
        Some(why) => Err(why),
        None => Ok(text),
    }
}

/// A non-empty name or id: trimmed, at most [`NAME_CHARS`] characters.
pub fn name(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("empty".into());
    }
    if let Some(why) = text_problem(text, NAME_CHARS) {
        return Err(why);
    }
    Ok(text.to_string())
}

/// Free text that may be empty: trimmed, at most [`TEXT_CHARS`] characters.
pub fn long_text(text: &str) -> Result<String, String> {
    let text = text.trim();
    if let Some(why) = text_problem(text, TEXT_CHARS) {
        return Err(why);
    }
    Ok(text.to_string())
}

/// A whole number that is not negative, written in ASCII digits.
pub fn count(text: &str) -> Result<u64, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("empty (expected a whole number)".into());
    }
    if text.starts_with('-') && text.len() > 1 && text[1..].bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{}` is negative", quote(text)));
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{}` is not a whole number", quote(text)));
    }
    text.parse::<u64>()
        .map_err(|_| format!("`{}` is too large", quote(text)))
}

/// The booleans of every format: `true` or `false`, in any case (`TRUE`, `False`), as
/// spreadsheets write them. Nothing else: not `1`, `yes` or an empty cell.
#[inline]
pub fn flag(bytes: &[u8]) -> Result<bool, String> {
    // Lowercase and untrimmed, the common case, first; the rest out of line.
    match bytes {
        b"true" => Ok(true),
        b"false" => Ok(false),
        _ => flag_otherwise(bytes),
    }
}

#[cold]
fn flag_otherwise(bytes: &[u8]) -> Result<bool, String> {
    let b = bytes.trim_ascii();
    if b.eq_ignore_ascii_case(b"true") {
        Ok(true)
    } else if b.eq_ignore_ascii_case(b"false") {
        Ok(false)
    } else {
        Err(format!(
            "`{}` is not true or false",
            quote(&String::from_utf8_lossy(b))
        ))
    }
}

/// A day of the calendar written `YYYY-MM-DD`, read from bytes without an allocation: the
/// register has 16 million of them.
#[inline]
pub fn day(bytes: &[u8]) -> Result<Date, String> {
    let b = bytes.trim_ascii();
    let shown = || quote(&String::from_utf8_lossy(b));
    let bad = || format!("`{}` is not a date (expected YYYY-MM-DD)", shown());
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *b else {
        return Err(bad());
    };
    let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
    if !digits.iter().all(u8::is_ascii_digit) {
        return Err(bad());
    }
    let n = |ds: &[u8]| ds.iter().fold(0i16, |n, &d| n * 10 + i16::from(d - b'0'));
    let year = n(&[y0, y1, y2, y3]);
    let (Ok(month), Ok(d)) = (i8::try_from(n(&[m0, m1])), i8::try_from(n(&[d0, d1]))) else {
        return Err(bad());
    };
    Date::new(year, month, d).map_err(|_| format!("`{}` is not a day of the calendar", shown()))
}

/// The days the law saylau holds covers: from the earliest act of the rulebook on. Dates of
/// legal acts (filing, signing, donating, spending, events) must fall in it; a person's birth
/// date need only be a day of the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LawDays {
    pub first: Date,
}

impl LawDays {
    /// From the rulebook's earliest act on.
    pub fn of(book: &Rulebook) -> LawDays {
        LawDays {
            first: book.first_day().unwrap_or(Date::MIN),
        }
    }

    /// `Ok` when the law covers `date`; otherwise why not, naming the range.
    pub fn check(&self, date: Date) -> Result<Date, String> {
        if date < self.first {
            return Err(format!(
                "{date} is before the days the law covers (from {}, the rulebook's earliest act, on)",
                self.first
            ));
        }
        Ok(date)
    }

    /// A `YYYY-MM-DD` day the law covers.
    pub fn day(&self, bytes: &[u8]) -> Result<Date, String> {
        self.check(day(bytes)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn days_are_strict() {
        assert_eq!(day(b"2009-02-28"), Ok(date(2009, 2, 28)));
        assert_eq!(day(b" 2009-02-28 "), Ok(date(2009, 2, 28)));
        assert_eq!(
            day(b"2009-02-29"),
            Err("`2009-02-29` is not a day of the calendar".into())
        );
        assert!(day(b"2009-2-28").unwrap_err().contains("YYYY-MM-DD"));
        assert!(day(b"20O9-02-28").is_err());
        assert!(day(b"2009-99-99").is_err());
        assert!(day(b"").is_err());
    }

    #[test]
    fn printable_ascii_is_exact() {
        for b in 0u8..=255 {
            let want = (0x20..0x7f).contains(&b) || b == b'\t';
            for len in [1, 7, 8, 9, 17] {
                let mut v = vec![b'a'; len];
                v[len / 2] = b;
                assert_eq!(printable_ascii(&v), want, "byte {b:#x} in {len}");
            }
        }
        assert!(printable_ascii(b""));
    }

    #[test]
    fn counts_are_digits() {
        assert_eq!(count("007"), Ok(7));
        assert_eq!(count("-3"), Err("`-3` is negative".into()));
        assert_eq!(count("1e3"), Err("`1e3` is not a whole number".into()));
        assert_eq!(count("+3"), Err("`+3` is not a whole number".into()));
        assert!(
            count("99999999999999999999999")
                .unwrap_err()
                .contains("too large")
        );
    }
}

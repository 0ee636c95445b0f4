//! User text in messages: a bad value is quoted as a short, escaped prefix, so an error line
//! stays one short line whatever was sent, and no control character reaches a terminal.

/// Characters of a value quoted in a message; the rest is cut and counted.
pub const QUOTED_CHARS: usize = 40;

/// `value` as it may appear between backticks in a message: at most [`QUOTED_CHARS`]
/// characters, control characters and backticks escaped (`\u{1b}`, `\n`, `` \` ``), and a note
/// of how much was cut.
///
/// ```
/// use saylau_core::text::quote;
///
/// assert_eq!(quote("88,41"), "88,41");
/// assert_eq!(quote("\u{1b}]0;pwned\u{7}"), "\\u{1b}]0;pwned\\u{7}");
/// assert_eq!(quote(&"x".repeat(1_000_000)), format!("{}… (999960 more characters)", "x".repeat(40)));
/// ```
pub fn quote(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    for c in chars.by_ref().take(QUOTED_CHARS) {
        match c {
            '`' => out.push_str("\\`"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_invisible(c) => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    let rest = chars.count();
    if rest > 0 {
        out.push_str(&format!("… ({rest} more characters)"));
    }
    out
}

/// Format characters that change how a terminal or a page shows the text around them:
/// bidirectional overrides and isolates, zero-width joiners, the byte-order mark.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// The first control character in `value` (tab excepted), for refusing text that would carry
/// one into HTML, CSV or a terminal.
pub fn control_char(value: &str) -> Option<char> {
    value
        .chars()
        .find(|c| (c.is_control() && *c != '\t') || is_invisible(*c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_short_and_escaped() {
        assert_eq!(quote(""), "");
        assert_eq!(quote("a`b"), "a\\`b");
        assert_eq!(quote("a\0b"), "a\\u{0}b");
        assert_eq!(quote("line\nbreak"), "line\\nbreak");
        assert_eq!(quote("\u{202e}abc"), "\\u{202e}abc");
        let long = "я".repeat(50);
        assert_eq!(
            quote(&long),
            format!("{}… (10 more characters)", "я".repeat(40))
        );
    }

    #[test]
    fn control_characters_are_found() {
        assert_eq!(control_char("plain text, with tabs\t"), None);
        assert_eq!(control_char("nul\0"), Some('\0'));
        assert_eq!(control_char("esc\u{1b}[31m"), Some('\u{1b}'));
        assert_eq!(control_char("new\nline"), Some('\n'));
        assert_eq!(control_char("\u{feff}bom"), Some('\u{feff}'));
    }
}

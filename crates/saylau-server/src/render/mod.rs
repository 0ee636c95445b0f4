//! Drawings and markup for the pages: seat diagrams (hemicycles), relation diagrams (the
//! system page), and HTML escaping. Presentation only: every number drawn comes from the core.

pub mod diagram;
pub mod hemicycle;

/// Escapes text for XML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

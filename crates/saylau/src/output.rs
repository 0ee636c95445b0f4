//! Rendering outcomes for the terminal (aligned tables) and for scripts (JSON).
//!
//! JSON is pretty-printed from the core's own types, so the same inputs always give
//! byte-identical output: no maps with random order, no timestamps, no floats.

use saylau_core::explain::Step;
use saylau_core::explain::{Table, render_table, render_text};
use serde::Serialize;

use crate::input::InputError;

/// Appends `value` as pretty JSON and a final newline.
pub fn json<T: Serialize>(out: &mut String, value: &T) -> Result<(), InputError> {
    match serde_json::to_string_pretty(value) {
        Ok(s) => {
            out.push_str(&s);
            out.push('\n');
            Ok(())
        }
        Err(e) => Err(InputError(format!("cannot write JSON: {e}"))),
    }
}

pub fn table(out: &mut String, table: &Table) {
    out.push_str(&render_table(table));
}

/// The law an answer rests on, under a heading: one line per value with its citation.
pub fn cited(out: &mut String, heading: &str, law: &[saylau_core::law::LawRef]) {
    out.push_str(&format!("{heading}\n"));
    for l in law {
        out.push_str(&format!("      law: {l}\n"));
        if let Some(note) = &l.note {
            out.push_str(&format!("           note: {note}\n"));
        }
    }
}

pub fn explanation(out: &mut String, steps: &[Step]) {
    out.push_str("\nExplanation\n");
    out.push_str(&render_text(steps));
}

//! Explanations: the ordered steps behind every outcome.
//!
//! Each step names the rule it applies, the law it rests on (value, date in force, citation)
//! and the numbers it computed. The command line, the JSON output and later the web pages all
//! render these same values, so an explanation is never re-derived for display.

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::exact::fraction::Fraction;
use crate::law::LawRef;

/// One step of an explanation.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// A short, stable identifier of the rule: `threshold`, `quota`, `remainders`, ...
    pub rule: &'static str,
    /// What the step did, in one or two sentences.
    pub says: String,
    /// The law the step applied.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub law: Vec<LawRef>,
    /// An exact quantity the step computed, such as the quota.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Quantity>,
    /// Per-list or per-candidate figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<Table>,
}

impl Step {
    pub fn new(rule: &'static str, says: impl Into<String>) -> Step {
        Step {
            rule,
            says: says.into(),
            law: Vec::new(),
            quantity: None,
            table: None,
        }
    }

    pub fn law(mut self, law: LawRef) -> Step {
        self.law.push(law);
        self
    }

    pub fn quantity(mut self, name: &'static str, value: Fraction) -> Step {
        self.quantity = Some(Quantity::new(name, value));
        self
    }

    pub fn table(mut self, table: Table) -> Step {
        self.table = Some(table);
        self
    }
}

/// An exact quantity, shown as a fraction and as a decimal.
#[derive(Debug, Clone, Serialize)]
pub struct Quantity {
    pub name: &'static str,
    /// Exact value, `numerator/denominator` in lowest terms (or a whole number).
    pub exact: String,
    /// The value rounded half up to four decimals, for reading only.
    pub decimal: String,
    /// How it was computed, unreduced, such as `8841/98`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computed_as: Option<String>,
}

impl Quantity {
    pub fn new(name: &'static str, value: Fraction) -> Quantity {
        Quantity {
            name,
            exact: value.to_string(),
            decimal: value.to_decimal(4),
            computed_as: None,
        }
    }

    /// The quantity `num / den`, keeping the unreduced form for readers.
    pub fn ratio(name: &'static str, num: u128, den: u128) -> Option<Quantity> {
        let value = Fraction::new(num, den)?;
        let mut q = Quantity::new(name, value);
        if !value.is_integer() || value.den() != den {
            q.computed_as = Some(format!("{num}/{den}"));
        }
        Some(q)
    }
}

/// A small table of figures; rows serialize as objects keyed by column.
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<serde_json::Value>>,
}

impl Table {
    pub fn new(columns: Vec<&'static str>) -> Table {
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<serde_json::Value>) {
        self.rows.push(cells);
    }
}

impl Serialize for Table {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Row<'a>(&'a [&'static str], &'a [serde_json::Value]);
        impl Serialize for Row<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for (column, cell) in self.0.iter().zip(self.1) {
                    map.serialize_entry(column, cell)?;
                }
                map.end()
            }
        }
        let rows: Vec<Row<'_>> = self.rows.iter().map(|r| Row(&self.columns, r)).collect();
        rows.serialize(serializer)
    }
}

/// Renders steps as numbered, readable text.
pub fn render_text(steps: &[Step]) -> String {
    let mut out = String::new();
    for (i, step) in steps.iter().enumerate() {
        out.push_str(&format!("{:>2}. [{}] {}\n", i + 1, step.rule, step.says));
        for law in &step.law {
            out.push_str(&format!("      law: {law}\n"));
            if let Some(note) = &law.note {
                out.push_str(&format!("           note: {note}\n"));
            }
        }
        if let Some(q) = &step.quantity {
            match &q.computed_as {
                Some(c) => out.push_str(&format!(
                    "      {} = {c} = {} ≈ {}\n",
                    q.name, q.exact, q.decimal
                )),
                None => out.push_str(&format!("      {} = {} ≈ {}\n", q.name, q.exact, q.decimal)),
            }
        }
        if let Some(table) = &step.table {
            out.push_str(&indent(&render_table(table), "      "));
        }
    }
    out
}

fn indent(text: &str, prefix: &str) -> String {
    text.lines().map(|l| format!("{prefix}{l}\n")).collect()
}

fn cell_text(cell: &serde_json::Value) -> String {
    match cell {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "-".into(),
        other => other.to_string(),
    }
}

/// Renders a table with aligned columns: text left, numbers right.
pub fn render_table(table: &Table) -> String {
    let cells: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    let mut widths: Vec<usize> = table.columns.iter().map(|c| c.chars().count()).collect();
    for row in &cells {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let numeric: Vec<bool> = (0..table.columns.len())
        .map(|i| {
            table.rows.iter().all(|r| {
                r.get(i)
                    .is_some_and(|c| c.is_number() || c.as_str().is_some_and(looks_numeric))
            }) && !table.rows.is_empty()
        })
        .collect();
    let mut out = String::new();
    let line = |out: &mut String, row: &[String]| {
        let mut parts = Vec::new();
        for (i, cell) in row.iter().enumerate() {
            let w = widths.get(i).copied().unwrap_or(0);
            let pad = w.saturating_sub(cell.chars().count());
            if numeric.get(i).copied().unwrap_or(false) {
                parts.push(format!("{}{cell}", " ".repeat(pad)));
            } else {
                parts.push(format!("{cell}{}", " ".repeat(pad)));
            }
        }
        out.push_str(parts.join("  ").trim_end());
        out.push('\n');
    };
    let header: Vec<String> = table.columns.iter().map(|c| c.to_string()).collect();
    line(&mut out, &header);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&mut out, &rule);
    for row in &cells {
        line(&mut out, row);
    }
    out
}

fn looks_numeric(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | '%' | ',' | '-' | '+'))
}

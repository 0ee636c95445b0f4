//! `saylau iin check`: citizen identity numbers (IIN) checked and decoded.

use saylau_core::explain::Table;
use saylau_core::parties::iin::Iin;

use crate::cmd::Done;
use crate::flags::{Format, IinCommand};
use crate::input::Result;
use crate::output;

/// `saylau iin check`: decodes each number or says why it is invalid. An invalid number is
/// an answer with its reason, not a usage error: it exits 1, not 2.
pub fn run(cmd: &IinCommand, out: &mut String) -> Result<Done> {
    let IinCommand::Check { numbers, format } = cmd;
    let rows: Vec<serde_json::Value> = numbers
        .iter()
        .map(|n| match Iin::parse(n) {
            Ok(iin) => serde_json::json!({
                "iin": n.trim(),
                "valid": true,
                "birth_date": iin.birth_date().to_string(),
                "sex": iin.sex(),
            }),
            Err(e) => {
                serde_json::json!({ "iin": n.trim(), "valid": false, "reason": e.to_string() })
            }
        })
        .collect();
    match format {
        Format::Json => output::json(out, &rows)?,
        Format::Table => {
            let mut t = Table::new(vec!["iin", "valid", "birth date or reason", "sex"]);
            for r in &rows {
                let valid = r["valid"].as_bool().unwrap_or(false);
                let detail = if valid {
                    r["birth_date"].clone()
                } else {
                    r["reason"].clone()
                };
                t.row(vec![
                    r["iin"].clone(),
                    (if valid { "yes" } else { "no" }).into(),
                    detail,
                    r.get("sex").cloned().unwrap_or(serde_json::Value::Null),
                ]);
            }
            output::table(out, &t);
        }
    }
    Ok(Done::refused_if(rows.iter().any(|r| r["valid"] == false)))
}

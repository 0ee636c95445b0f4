//! Party commands: citizen identity numbers and the donations ledger.

use saylau_core::explain::Table;
use saylau_core::law::{DONOR_KINDS, Law};
use saylau_core::parties::finance::{self, Donation, Verdict};
use saylau_core::parties::iin::Iin;

use crate::input::{Csv, InputError, Result, read_source};
use crate::{Done, Format, output};

/// `saylau iin check`: decodes each number or says why it is invalid. An invalid number is
/// an answer with its reason, not a usage error.
pub fn iin_check(numbers: &[String], format: Format, out: &mut String) -> Result<Done> {
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
    Ok(Done::Ok)
}

fn flag(csv: &Csv, row: &crate::input::Row, col: usize, field: &str) -> Result<bool> {
    match csv.text(row, col, field)?.to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        other => Err(InputError(format!(
            "{}:{}: field `{field}`: `{other}` is not true or false",
            csv.name, row.line
        ))),
    }
}

const DONATION_COLUMNS: &[&str] = &[
    "id",
    "date",
    "party",
    "donor_kind",
    "donor",
    "amount_kzt",
    "written_confirmation",
    "source_stated",
];

/// Reads a donations ledger; every malformed row is found before anything is decided.
pub fn read_donations(spec: &str) -> Result<Vec<Donation>> {
    let source = read_source(spec, |_| None)?;
    let csv = Csv::parse(&source.name, &source.text, DONATION_COLUMNS)?;
    let col = |name: &str| csv.column(name).unwrap_or(0);
    let mut donations = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    let mut ids: Vec<(String, u64)> = Vec::new();
    for row in &csv.rows {
        let parsed = (|| -> Result<Donation> {
            let id = csv.text(row, col("id"), "id")?;
            if let Some((_, line)) = ids.iter().find(|(i, _)| *i == id) {
                return Err(InputError(format!(
                    "{}:{}: field `id`: `{id}` is also used on line {line}",
                    csv.name, row.line
                )));
            }
            let date_text = csv.text(row, col("date"), "date")?;
            let date = saylau_core::exact::date::parse_day(&date_text)
                .map_err(|e| InputError(format!("{}:{}: field `date`: {e}", csv.name, row.line)))?;
            let kind = csv.text(row, col("donor_kind"), "donor_kind")?;
            if !DONOR_KINDS.contains(&kind.as_str()) {
                return Err(InputError(format!(
                    "{}:{}: field `donor_kind`: `{kind}` is not a known donor kind",
                    csv.name, row.line
                )));
            }
            Ok(Donation {
                id: id.clone(),
                date,
                party: csv.text(row, col("party"), "party")?,
                donor_kind: kind,
                donor: csv
                    .column("donor")
                    .and_then(|c| row.fields.get(c).cloned())
                    .unwrap_or_default(),
                amount_kzt: csv.count(row, col("amount_kzt"), "amount_kzt")?,
                written_confirmation: flag(
                    &csv,
                    row,
                    col("written_confirmation"),
                    "written_confirmation",
                )?,
                source_stated: flag(&csv, row, col("source_stated"), "source_stated")?,
            })
        })();
        match parsed {
            Ok(d) => {
                ids.push((d.id.clone(), row.line));
                donations.push(d);
            }
            Err(e) => errors.push(e.0),
        }
    }
    if let Some(first) = errors.first() {
        return Err(InputError(format!(
            "{}: {} malformed row(s), no decision made; first: {first}",
            csv.name,
            errors.len()
        )));
    }
    Ok(donations)
}

/// `saylau finance check`.
pub fn finance_check(spec: &str, law: Law<'_>, format: Format, out: &mut String) -> Result<Done> {
    let donations = read_donations(spec)?;
    let result =
        finance::check_ledger(law, &donations).map_err(|e| InputError(format!("{spec}: {e}")))?;
    match format {
        Format::Json => output::json(out, &result)?,
        Format::Table => {
            let mut t = Table::new(vec![
                "id",
                "party",
                "donor kind",
                "amount (KZT)",
                "verdict",
                "reason",
            ]);
            for (d, c) in donations.iter().zip(&result.donations) {
                let verdict = match c.verdict {
                    Verdict::Permissible => "permissible",
                    Verdict::Impermissible => "impermissible",
                    Verdict::Incomplete => "incomplete",
                };
                t.row(vec![
                    c.id.clone().into(),
                    d.party.clone().into(),
                    d.donor_kind.clone().into(),
                    d.amount_kzt.into(),
                    verdict.into(),
                    c.reason.clone().into(),
                ]);
            }
            output::table(out, &t);
            let o = &result.totals.overall;
            out.push_str(&format!(
                "\nTotals: {} permissible ({} KZT), {} impermissible ({} KZT), {} incomplete ({} KZT); `--format json` has them per party and per donor kind\n",
                o.permissible.count,
                o.permissible.amount_kzt,
                o.impermissible.count,
                o.impermissible.amount_kzt,
                o.incomplete.count,
                o.incomplete.amount_kzt
            ));
        }
    }
    Ok(Done::Ok)
}

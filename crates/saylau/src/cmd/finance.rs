//! `saylau finance`: party donations checked against the law on each donation's date
//! (`finance check`), and campaign advertising against the cap (`finance spending`).

use saylau_core::elections::campaign::{self, CampaignError, Election, Spending};
use saylau_core::explain::Table;
use saylau_core::law::{DONOR_KINDS, Law};
use saylau_core::parties::finance::{self, Donation, Verdict};

use crate::cmd::Done;
use crate::flags::{ElectionArg, FinanceCommand, Format, SpendingArgs};
use crate::input::{Csv, InputError, Result, read_source};
use crate::output;

/// Runs a `saylau finance` command.
pub fn run(cmd: &FinanceCommand, law: Law<'_>, out: &mut String) -> Result<Done> {
    match cmd {
        FinanceCommand::Check { donations, format } => check(donations, law, *format, out),
        FinanceCommand::Spending(args) => spending(args, law, out),
    }
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
fn read_donations(spec: &str) -> Result<Vec<Donation>> {
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
fn check(spec: &str, law: Law<'_>, format: Format, out: &mut String) -> Result<Done> {
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
    // One impermissible or incomplete donation is enough for the ledger to be refused.
    Ok(Done::refused_if(
        result
            .donations
            .iter()
            .any(|c| c.verdict != Verdict::Permissible),
    ))
}

const SPENDING_COLUMNS: &[&str] = &["spender", "date", "amount", "currency"];

/// Reads a spending CSV; every malformed row is found before anything is decided. Each row
/// comes with its line number.
fn read_spending(spec: &str) -> Result<(String, Vec<(u64, Spending)>)> {
    let source = read_source(spec, |_| None)?;
    let csv = Csv::parse(&source.name, &source.text, SPENDING_COLUMNS)?;
    let col = |name: &str| csv.column(name).unwrap_or(0);
    let mut rows = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    for row in &csv.rows {
        let parsed = (|| -> Result<Spending> {
            let spender = csv.text(row, col("spender"), "spender")?;
            let date_text = csv.text(row, col("date"), "date")?;
            let date = saylau_core::exact::date::parse_day(&date_text)
                .map_err(|e| InputError(format!("{}:{}: field `date`: {e}", csv.name, row.line)))?;
            let amount = csv.count(row, col("amount"), "amount")?;
            let currency = csv.text(row, col("currency"), "currency")?;
            if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()) {
                return Err(InputError(format!(
                    "{}:{}: field `currency`: `{currency}` is not a three-letter currency code such as USD",
                    csv.name, row.line
                )));
            }
            Ok(Spending {
                spender,
                date,
                amount,
                currency: currency.to_ascii_uppercase(),
            })
        })();
        match parsed {
            Ok(s) => rows.push((row.line, s)),
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
    Ok((csv.name, rows))
}

/// `saylau finance spending`.
fn spending(args: &SpendingArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let (name, rows) = read_spending(&args.spending)?;
    let election = match args.election {
        ElectionArg::Mazhilis => Election::Mazhilis,
        ElectionArg::President => Election::President,
    };
    let spending: Vec<Spending> = rows.iter().map(|(_, s)| s.clone()).collect();
    let result =
        campaign::check_spending(law, election, args.date, &spending).map_err(|e| match &e {
            CampaignError::Currency {
                row,
                currency,
                cap_currency,
                cap,
                ..
            } => {
                let line = rows.get(*row).map(|(l, _)| *l).unwrap_or(0);
                InputError(format!(
                    "{name}:{line}: field `currency`: `{currency}` is not the cap's currency {cap_currency} ({cap}); saylau does not convert currencies"
                ))
            }
            _ => InputError(format!("{name}: {e}")),
        })?;
    match args.format {
        Format::Json => output::json(out, &result)?,
        Format::Table => {
            let mut t = Table::new(vec![
                election.spender_kind(),
                "rows",
                "total",
                "verdict",
                "over by",
                "reason",
            ]);
            for s in &result.spenders {
                let verdict = match s.verdict {
                    campaign::Verdict::WithinCap => "within_cap",
                    campaign::Verdict::OverCap => "over_cap",
                };
                t.row(vec![
                    s.spender.clone().into(),
                    s.rows.into(),
                    format!("{} {}", s.total, s.currency).into(),
                    verdict.into(),
                    s.over_by.into(),
                    s.reason.clone().into(),
                ]);
            }
            output::table(out, &t);
            out.push_str(&format!(
                "\nCap: {} {} per {} for the {} election of {}\n",
                result.cap,
                result.currency,
                election.spender_kind(),
                election,
                result.date
            ));
            for l in &result.law {
                out.push_str(&format!("Law: {l}\n"));
            }
        }
    }
    Ok(Done::refused_if(
        result
            .spenders
            .iter()
            .any(|s| s.verdict == campaign::Verdict::OverCap),
    ))
}

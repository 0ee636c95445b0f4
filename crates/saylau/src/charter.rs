//! Party rules commands: `saylau party charter` (a charter's required contents) and
//! `saylau finance spending` (campaign advertising against the cap).
//!
//! The argument types live here so that `main.rs` needs only one variant for each.

use clap::{Args, Subcommand, ValueEnum};
use jiff::civil::Date;
use saylau_core::elections::campaign::{self, CampaignError, Election, Spending, Verdict};
use saylau_core::explain::Table;
use saylau_core::law::Law;
use saylau_core::parties::charter::{self, CharterError, Decision};

use crate::input::{Csv, InputError, Result, date_arg, read_source};
use crate::{Done, Format, output};

#[derive(Subcommand)]
pub enum PartyCommand {
    /// Whether a party charter (Markdown, one heading per section) has every content the law
    /// in force on DATE requires; a heading may name contents with `{#central_office}`.
    Charter {
        /// The charter as a Markdown file.
        #[arg(long, value_name = "CHARTER.md")]
        file: String,
        /// The law in force on this day (YYYY-MM-DD) applies.
        #[arg(long, value_parser = date_arg)]
        date: Date,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ElectionArg {
    /// A Mazhilis election: the cap per party.
    Mazhilis,
    /// A presidential election: the cap per candidate.
    President,
}

/// `saylau finance spending`.
#[derive(Args)]
pub struct SpendingArgs {
    /// Which election's advertising cap applies.
    #[arg(long, value_enum)]
    pub election: ElectionArg,
    /// The election day (YYYY-MM-DD): the cap in force on it applies.
    #[arg(long, value_parser = date_arg)]
    pub date: Date,
    /// CSV with header `spender,date,amount,currency` (amount in whole units of the currency).
    #[arg(long, value_name = "FILE")]
    pub spending: String,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Runs a `saylau party` command.
pub fn party(cmd: &PartyCommand, law: Law<'_>, out: &mut String) -> Result<Done> {
    match cmd {
        PartyCommand::Charter { file, date, format } => {
            charter_check(file, *date, law, *format, out)
        }
    }
}

/// `saylau party charter`: the decision is printed (exit 0) whether complete or incomplete.
pub fn charter_check(
    spec: &str,
    date: Date,
    law: Law<'_>,
    format: Format,
    out: &mut String,
) -> Result<Done> {
    let source = read_source(spec, |_| None)?;
    let result = charter::check_charter(law.at(date), &source.text).map_err(|e| match e {
        CharterError::UnknownMarker { line, id, known } => InputError(format!(
            "{}:{line}: heading marker `{{#{id}}}` names no charter content (known: {known})",
            source.name
        )),
        other => InputError(format!("{}: {other}", source.name)),
    })?;
    match format {
        Format::Json => output::json(out, &result)?,
        Format::Table => {
            let mut t = Table::new(vec!["content", "title", "found", "line", "heading"]);
            for c in &result.contents {
                let (line, heading) = match &c.heading {
                    Some(h) => (h.line.into(), h.text.clone().into()),
                    None => (serde_json::Value::Null, serde_json::Value::Null),
                };
                t.row(vec![
                    c.id.clone().into(),
                    c.title.into(),
                    (if c.found { "yes" } else { "MISSING" }).into(),
                    line,
                    heading,
                ]);
            }
            output::table(out, &t);
            let decision = match result.decision {
                Decision::Complete => "complete",
                Decision::Incomplete => "incomplete",
            };
            out.push_str(&format!("\nDecision: {decision}: {}\n", result.reason));
            for l in &result.law {
                out.push_str(&format!("Law: {l}\n"));
            }
        }
    }
    Ok(Done::Ok)
}

const SPENDING_COLUMNS: &[&str] = &["spender", "date", "amount", "currency"];

/// Reads a spending CSV; every malformed row is found before anything is decided. Each row
/// comes with its line number.
pub fn read_spending(spec: &str) -> Result<(String, Vec<(u64, Spending)>)> {
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
pub fn finance_spending(args: &SpendingArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
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
                    Verdict::WithinCap => "within_cap",
                    Verdict::OverCap => "over_cap",
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
    Ok(Done::Ok)
}

//! `saylau finance`: party donations checked against the law on each donation's date
//! (`finance check`), and campaign advertising against the cap (`finance spending`).

use saylau_core::elections::campaign::{self, CampaignError, Election, Spending};
use saylau_core::explain::Table;
use saylau_core::law::Law;
use saylau_core::parties::finance::{self, Donation, Verdict};
use saylau_formats::LawDays;

use crate::cmd::Done;
use crate::flags::{ElectionArg, FinanceCommand, Format, SpendingArgs};
use crate::input::{InputError, Result, read_file};
use crate::output;

/// Runs a `saylau finance` command.
pub fn run(cmd: &FinanceCommand, law: Law<'_>, out: &mut String) -> Result<Done> {
    match cmd {
        FinanceCommand::Check {
            donations,
            format,
            explain,
        } => check(donations, law, *format, *explain, out),
        FinanceCommand::Spending(args) => spending(args, law, out),
    }
}

/// Reads a donations ledger; every malformed row is found before anything is decided.
fn read_donations(spec: &str, law: Law<'_>) -> Result<Vec<Donation>> {
    let days = LawDays::of(law.book);
    Ok(saylau_formats::finance::read_ledger(
        spec,
        &read_file(spec)?,
        &days,
    )?)
}

/// `saylau finance check`.
fn check(
    spec: &str,
    law: Law<'_>,
    format: Format,
    explain: bool,
    out: &mut String,
) -> Result<Done> {
    let donations = read_donations(spec, law)?;
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
            if explain {
                out.push_str("\nExplanation\n");
                for c in &result.donations {
                    output::cited(out, &format!("  `{}`: {}", c.id, c.reason), &c.law);
                }
            }
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

/// Reads a spending CSV; every malformed row is found before anything is decided. Each row
/// comes with its line number.
fn read_spending(spec: &str, law: Law<'_>) -> Result<(String, Vec<(u64, Spending)>)> {
    let days = LawDays::of(law.book);
    let rows = saylau_formats::finance::read_spending(spec, &read_file(spec)?, &days)?;
    Ok((spec.to_string(), rows))
}

/// `saylau finance spending`.
fn spending(args: &SpendingArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let (name, rows) = read_spending(&args.spending, law)?;
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
            if args.explain {
                out.push_str("\nExplanation\n");
                for s in &result.spenders {
                    output::cited(out, &format!("  {}: {}", s.spender, s.reason), &s.law);
                }
            } else {
                for l in &result.law {
                    out.push_str(&format!("Law: {l}\n"));
                }
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

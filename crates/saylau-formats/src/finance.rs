//! Money: a party's donations ledger
//! (`id,date,party,donor_kind,donor,amount_kzt,written_confirmation,source_stated`) and
//! campaign advertising spending (`spender,date,amount,currency`).
//!
//! In the ledger `id` is named once in the file, `date` is a day the law covers,
//! `donor_kind` one of [`DONOR_KINDS`], `donor` text that may be empty, `amount_kzt` a whole
//! number of tenge and the two flags `true` or `false` in any case. In the spending file
//! `date` is a day the law covers, `amount` a whole number and `currency` a three-letter code
//! (written in capitals on the way in).
//!
//! ```
//! use saylau_formats::{LawDays, finance::read_spending};
//!
//! let days = LawDays { first: jiff::civil::date(1995, 8, 30) };
//! let rows = read_spending("spending.csv", b"spender,date,amount,currency\nA,2007-08-01,10,usd\n", &days)
//!     .expect("a good file");
//! assert_eq!(rows[0].1.currency, "USD");
//! ```

use std::collections::HashMap;

use saylau_core::elections::campaign::Spending;
use saylau_core::law::DONOR_KINDS;
use saylau_core::parties::finance::Donation;
use saylau_core::text::quote;

use crate::cell::LawDays;
use crate::problem::{Bad, FormatError};
use crate::table::{Layout, Table};

/// The ledger's columns.
pub const LEDGER: Layout = Layout {
    what: "a donations ledger",
    required: &[
        "id",
        "date",
        "party",
        "donor_kind",
        "donor",
        "amount_kzt",
        "written_confirmation",
        "source_stated",
    ],
    optional: &[],
    ignored: &[],
};

/// The spending file's columns.
pub const SPENDING: Layout = Layout {
    what: "a campaign spending file",
    required: &["spender", "date", "amount", "currency"],
    optional: &[],
    ignored: &[],
};

/// Why `kind` is not a donor kind, if it is not.
pub fn donor_kind_problem(kind: &str) -> Option<String> {
    (!DONOR_KINDS.contains(&kind)).then(|| {
        format!(
            "`{}` is not a donor kind ({})",
            quote(kind),
            DONOR_KINDS.join(", ")
        )
    })
}

/// Why `currency` is not a currency code, if it is not.
pub fn currency_problem(currency: &str) -> Option<String> {
    (currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic())).then(|| {
        format!(
            "`{}` is not a three-letter currency code such as USD",
            quote(currency)
        )
    })
}

/// Reads a donations ledger.
pub fn read_ledger(file: &str, bytes: &[u8], days: &LawDays) -> Result<Vec<Donation>, FormatError> {
    let mut donations: Vec<(u64, Donation)> = Vec::new();
    // Each id's first line; a ledger may hold hundreds of thousands of donations.
    let mut ids: HashMap<String, u64> = HashMap::new();
    Table::new(file, bytes, &LEDGER)?.each(|row| {
        let id = row.name("id")?;
        if let Some(line) = ids.get(&id) {
            return Err(Bad::new(
                "id",
                format!("`{}` is also used on line {line}", quote(&id)),
            ));
        }
        ids.insert(id.clone(), row.line);
        let date = row.law_day("date", days)?;
        let party = row.name("party")?;
        let donor_kind = row.name("donor_kind")?;
        if let Some(why) = donor_kind_problem(&donor_kind) {
            return Err(Bad::new("donor_kind", why));
        }
        let donor = row.short_text("donor")?;
        let amount_kzt = row.count("amount_kzt")?;
        let written_confirmation = row.flag("written_confirmation")?;
        let source_stated = row.flag("source_stated")?;
        donations.push((
            row.line,
            Donation {
                id,
                date,
                party,
                donor_kind,
                donor,
                amount_kzt,
                written_confirmation,
                source_stated,
            },
        ));
        Ok(())
    })?;
    Ok(donations.into_iter().map(|(_, d)| d).collect())
}

/// Reads a spending file: each row with its line.
pub fn read_spending(
    file: &str,
    bytes: &[u8],
    days: &LawDays,
) -> Result<Vec<(u64, Spending)>, FormatError> {
    let mut rows = Vec::new();
    Table::new(file, bytes, &SPENDING)?.each(|row| {
        let spender = row.name("spender")?;
        let date = row.law_day("date", days)?;
        let amount = row.count("amount")?;
        let currency = row.name("currency")?;
        if let Some(why) = currency_problem(&currency) {
            return Err(Bad::new("currency", why));
        }
        rows.push((
            row.line,
            Spending {
                spender,
                date,
                amount,
                currency: currency.to_ascii_uppercase(),
            },
        ));
        Ok(())
    })?;
    Ok(rows)
}

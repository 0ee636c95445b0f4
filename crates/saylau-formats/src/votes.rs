//! Vote counts: party lists (`party,votes[,list_number]`) and candidate tallies
//! (`candidate,votes`).
//!
//! A party or candidate is named once (names compared in any case); `list_number`, when
//! given, is a whole number given once, the order of registration that breaks ties under
//! the law's tie rule; without it the rows' order is taken.
//!
//! ```
//! let lists = saylau_formats::votes::read_lists("votes.csv", b"party,votes\nNUR OTAN,100\nAk Zhol,40\n")
//!     .expect("a good file");
//! assert_eq!(lists[1].party, "Ak Zhol");
//! assert_eq!(lists[1].registration, 2);
//! ```

use std::collections::HashMap;

use saylau_core::elections::mazhilis::ListVotes;
use saylau_core::text::quote;

use crate::problem::{Bad, FormatError};
use crate::table::{Layout, Table};

/// `party,votes[,list_number]`.
pub const LISTS: Layout = Layout {
    what: "a party-list vote file",
    required: &["party", "votes"],
    optional: &["list_number"],
    ignored: &[],
};

/// `candidate,votes`.
pub const TALLY: Layout = Layout {
    what: "a candidate vote file",
    required: &["candidate", "votes"],
    optional: &[],
    ignored: &[],
};

/// Reads party-list votes.
pub fn read_lists(file: &str, bytes: &[u8]) -> Result<Vec<ListVotes>, FormatError> {
    let table = Table::new(file, bytes, &LISTS)?;
    let mut lists: Vec<ListVotes> = Vec::new();
    // The first line of each name (in lower case) and of each list number.
    let mut parties: HashMap<String, u64> = HashMap::new();
    let mut numbers: HashMap<u32, u64> = HashMap::new();
    table.each(|row| {
        let party = row.name("party")?;
        if let Some(line) = parties.get(&party.to_ascii_lowercase()) {
            return Err(Bad::new(
                "party",
                format!("`{}` is listed twice (also on line {line})", quote(&party)),
            ));
        }
        let votes = row.count("votes")?;
        let registration = if row.has("list_number") {
            let n = row.count("list_number")?;
            let n = u32::try_from(n)
                .map_err(|_| Bad::new("list_number", format!("`{n}` is too large")))?;
            if let Some(line) = numbers.get(&n) {
                return Err(Bad::new(
                    "list_number",
                    format!("{n} is also given on line {line}"),
                ));
            }
            numbers.insert(n, row.line);
            n
        } else {
            u32::try_from(lists.len() + 1).unwrap_or(u32::MAX)
        };
        parties.insert(party.to_ascii_lowercase(), row.line);
        lists.push(ListVotes {
            party,
            votes,
            registration,
        });
        Ok(())
    })?;
    Ok(lists)
}

/// Reads candidate votes: each candidate's name and votes, in the file's order.
pub fn read_tally(file: &str, bytes: &[u8]) -> Result<Vec<(String, u64)>, FormatError> {
    let table = Table::new(file, bytes, &TALLY)?;
    let mut rows: Vec<(String, u64)> = Vec::new();
    let mut names: HashMap<String, u64> = HashMap::new();
    table.each(|row| {
        let name = row.name("candidate")?;
        if let Some(line) = names.get(&name.to_ascii_lowercase()) {
            return Err(Bad::new(
                "candidate",
                format!("`{}` is listed twice (also on line {line})", quote(&name)),
            ));
        }
        let votes = row.count("votes")?;
        names.insert(name.to_ascii_lowercase(), row.line);
        rows.push((name, votes));
        Ok(())
    })?;
    Ok(rows)
}

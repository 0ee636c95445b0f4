//! Majority contests: Senate elections by maslikhat electors (`unit,candidate,votes,electors`),
//! maslikhat districts (`district,candidate,votes[,seats]`), and the senators the president
//! appoints (`name`).
//!
//! Rows of one contest (the same `unit` or `district`) may be anywhere in the file; each gives
//! the same `electors` (or `seats`), and names a candidate once (in any case).
//!
//! ```
//! let text = b"unit,candidate,votes,electors\nastana,A,40,60\nastana,B,20,60\n";
//! let contests = saylau_formats::contests::read_senate("senate.csv", text).expect("a good file");
//! assert_eq!(contests[0].voting, 60);
//! assert_eq!(contests[0].candidates.len(), 2);
//! ```

use saylau_core::elections::majority::Contest;
use saylau_core::text::quote;

use crate::problem::{Bad, FormatError};
use crate::table::{Cells, Layout, Table};

/// `unit,candidate,votes,electors`.
pub const SENATE: Layout = Layout {
    what: "a Senate vote file",
    required: &["unit", "candidate", "votes", "electors"],
    optional: &[],
    ignored: &[],
};

/// `district,candidate,votes[,seats]`.
pub const MASLIKHAT: Layout = Layout {
    what: "a maslikhat vote file",
    required: &["district", "candidate", "votes"],
    optional: &["seats"],
    ignored: &[],
};

/// `name`.
pub const APPOINTED: Layout = Layout {
    what: "a list of appointed senators",
    required: &["name"],
    optional: &[],
    ignored: &[],
};

/// Reads Senate contests: one per unit, with the electors who voted.
pub fn read_senate(file: &str, bytes: &[u8]) -> Result<Vec<Contest>, FormatError> {
    read_contests(file, bytes, &SENATE, "unit", Some("electors"), None)
}

/// Reads maslikhat contests: one per district, with its seats (one when not given).
pub fn read_maslikhat(file: &str, bytes: &[u8]) -> Result<Vec<Contest>, FormatError> {
    read_contests(file, bytes, &MASLIKHAT, "district", None, Some("seats"))
}

/// Reads the names of appointed senators.
pub fn read_appointed(file: &str, bytes: &[u8]) -> Result<Vec<String>, FormatError> {
    let mut names = Vec::new();
    Table::new(file, bytes, &APPOINTED)?.each(|row| {
        names.push(row.name("name")?);
        Ok(())
    })?;
    Ok(names)
}

fn read_contests(
    file: &str,
    bytes: &[u8],
    layout: &Layout,
    group: &'static str,
    voting: Option<&'static str>,
    seats: Option<&'static str>,
) -> Result<Vec<Contest>, FormatError> {
    let mut contests: Vec<(Contest, u64)> = Vec::new();
    Table::new(file, bytes, layout)?.each(|row: &Cells<'_>| {
        let name = row.name(group)?;
        let candidate = row.name("candidate")?;
        let votes = row.count("votes")?;
        let n_voting = match voting {
            Some(col) => row.count(col)?,
            None => 0,
        };
        let n_seats = match seats {
            Some(col) if row.has(col) => Some(row.count(col)?),
            _ => None,
        };
        match contests.iter_mut().find(|(k, _)| k.name == name) {
            Some((contest, first_line)) => {
                if let Some(col) = voting
                    && contest.voting != n_voting
                {
                    return Err(Bad::new(
                        col,
                        format!(
                            "{n_voting} differs from {} given for `{}` on line {first_line}",
                            contest.voting,
                            quote(&name)
                        ),
                    ));
                }
                if let (Some(col), Some(n)) = (seats, n_seats)
                    && contest.seats != n
                {
                    return Err(Bad::new(
                        col,
                        format!(
                            "{n} differs from {} given for `{}` on line {first_line}",
                            contest.seats,
                            quote(&name)
                        ),
                    ));
                }
                if contest
                    .candidates
                    .iter()
                    .any(|(c, _)| c.eq_ignore_ascii_case(&candidate))
                {
                    return Err(Bad::new(
                        "candidate",
                        format!(
                            "`{}` is listed twice in `{}`",
                            quote(&candidate),
                            quote(&name)
                        ),
                    ));
                }
                contest.candidates.push((candidate, votes));
            }
            None => contests.push((
                Contest {
                    name,
                    seats: n_seats.unwrap_or(1),
                    voting: n_voting,
                    candidates: vec![(candidate, votes)],
                },
                row.line,
            )),
        }
        Ok(())
    })?;
    Ok(contests.into_iter().map(|(c, _)| c).collect())
}

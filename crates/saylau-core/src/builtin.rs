//! The built-in rulebook and data for Kazakhstan, embedded at compile time.
//!
//! The files live under `law/kz/` and `data/kz/` at the top of the repository; embedding them
//! keeps this crate free of I/O while letting every tool run on a fresh machine.

use crate::data::{DataError, Dataset};
use crate::law::{LoadError, Rulebook, load_rulebook};

/// The rulebook files, in load order, as `(path, text)`.
pub const LAW_FILES: &[(&str, &str)] = &[
    (
        "law/kz/acts.toml",
        include_str!("../../../law/kz/acts.toml"),
    ),
    (
        "law/kz/rulebook.toml",
        include_str!("../../../law/kz/rulebook.toml"),
    ),
    (
        "law/kz/state.toml",
        include_str!("../../../law/kz/state.toml"),
    ),
    (
        "law/kz/powers.toml",
        include_str!("../../../law/kz/powers.toml"),
    ),
    (
        "law/kz/supreme_council.toml",
        include_str!("../../../law/kz/supreme_council.toml"),
    ),
    (
        "law/kz/parliament.toml",
        include_str!("../../../law/kz/parliament.toml"),
    ),
    (
        "law/kz/mazhilis.toml",
        include_str!("../../../law/kz/mazhilis.toml"),
    ),
    (
        "law/kz/kurultai.toml",
        include_str!("../../../law/kz/kurultai.toml"),
    ),
    (
        "law/kz/referendum.toml",
        include_str!("../../../law/kz/referendum.toml"),
    ),
    (
        "law/kz/ballot.toml",
        include_str!("../../../law/kz/ballot.toml"),
    ),
    (
        "law/kz/assembly.toml",
        include_str!("../../../law/kz/assembly.toml"),
    ),
    (
        "law/kz/president.toml",
        include_str!("../../../law/kz/president.toml"),
    ),
    (
        "law/kz/senate.toml",
        include_str!("../../../law/kz/senate.toml"),
    ),
    (
        "law/kz/maslikhat.toml",
        include_str!("../../../law/kz/maslikhat.toml"),
    ),
    (
        "law/kz/parties.toml",
        include_str!("../../../law/kz/parties.toml"),
    ),
    (
        "law/kz/finance.toml",
        include_str!("../../../law/kz/finance.toml"),
    ),
    (
        "law/kz/campaign.toml",
        include_str!("../../../law/kz/campaign.toml"),
    ),
];

/// Reform overlays shipped with saylau, as `(name, path, text)`.
pub const REFORMS: &[(&str, &str, &str)] = &[(
    "threshold-3pct",
    "reforms/kz/threshold-3pct.toml",
    include_str!("../../../reforms/kz/threshold-3pct.toml"),
)];

/// Loads the built-in rulebook.
pub fn rulebook() -> Result<Rulebook, LoadError> {
    load_rulebook(LAW_FILES)
}

/// The data files, as `(path, text)`.
pub const DATA_FILES: &[(&str, &str)] = &[
    (
        "data/kz/units.toml",
        include_str!("../../../data/kz/units.toml"),
    ),
    (
        "data/kz/parties.toml",
        include_str!("../../../data/kz/parties.toml"),
    ),
    (
        "data/kz/elections.toml",
        include_str!("../../../data/kz/elections.toml"),
    ),
    (
        "data/kz/referendums.toml",
        include_str!("../../../data/kz/referendums.toml"),
    ),
    (
        "data/kz/membership.toml",
        include_str!("../../../data/kz/membership.toml"),
    ),
];

/// Loads the built-in data: units, parties, elections and membership, its units checked
/// against the built-in rulebook's.
pub fn data() -> Result<Dataset, DataError> {
    let book = rulebook().map_err(|e| DataError::Rulebook(e.to_string()))?;
    Dataset::parse(DATA_FILES, &book)
}

/// The built-in journal: the seed's history as events, each with its source.
pub const JOURNAL: (&str, &str) = (
    "data/kz/journal.toml",
    include_str!("../../../data/kz/journal.toml"),
);

/// Loads the built-in journal.
pub fn journal() -> Result<Vec<crate::polity::journal::Entry>, crate::polity::journal::JournalError>
{
    crate::polity::journal::load_journal(JOURNAL.0, JOURNAL.1, true)
}

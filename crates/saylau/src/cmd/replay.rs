//! `saylau replay`: the journal replayed under the law as enacted and under `--reform`
//! overlays, and the entries whose outcome differs.

use saylau_core::law::Law;
use saylau_core::polity::journal::{self, History};

use crate::cmd::Done;
use crate::cmd::common::{dataset, entries};
use crate::flags::{Format, ReplayArgs};
use crate::input::{InputError, Result};
use crate::output;

/// `saylau replay --reform FILE`: the journal under the law as enacted and under the reforms,
/// and the entries whose outcome differs.
pub fn run(args: &ReplayArgs, law: Law<'_>, out: &mut String) -> Result<Done> {
    let reforms = law.reforms;
    if reforms.is_empty() {
        return Err(InputError(
            "replay compares the history with a reform: give at least one --reform FILE".into(),
        ));
    }
    let entries = entries(args.journal.as_deref())?;
    let data = dataset()?;
    let enacted: History = journal::replay(law.enacted(), &data, &entries);
    let reformed: History = journal::replay(law, &data, &entries);
    let diff = journal::diff(&enacted, &reformed);
    let names: Vec<&str> = reforms.iter().map(|r| r.name.as_str()).collect();
    match args.format {
        Format::Json => output::json(
            out,
            &serde_json::json!({ "reforms": names, "differences": diff }),
        )?,
        Format::Table => {
            out.push_str(&format!(
                "The journal ({} entries) under the law as enacted and under {}: {} {} differently\n\n",
                entries.len(),
                names.join(" + "),
                diff.len(),
                if diff.len() == 1 { "entry ends" } else { "entries end" }
            ));
            for d in &diff {
                out.push_str(&format!(
                    "{} {}\n  enacted:  {}\n  reformed: {}\n",
                    d.date, d.kind, d.enacted, d.reformed
                ));
            }
        }
    }
    Ok(Done::Ok)
}

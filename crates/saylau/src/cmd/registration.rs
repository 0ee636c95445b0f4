//! `saylau registration check`: a party's member list verified against the citizen register.
//!
//! The files are streamed, not loaded: the member list is read first (it decides which IINs
//! matter), then the register (16 million rows in the benchmark) and the other parties' lists
//! are read side by side on two threads, keeping only the entries of IINs on the member list
//! (`stream`). Every row of every file is still checked, and any malformed row anywhere means
//! no decision. The rules themselves are applied by `saylau_core::parties::registration`.

mod progress;
mod stream;

use std::path::Path;

use saylau_core::explain::Table;
use saylau_core::law::Law;
use saylau_core::parties::iin::Iin;
use saylau_core::parties::registration::{
    Application, Decision, Outcome, Reason, Rules, Signature,
};

use saylau_formats::LawDays;
use saylau_formats::register::{MemberRow, Units};

use self::progress::Progress;
use self::stream::{Wanted, read_members, read_other_members, read_register};
use crate::cmd::Done;
use crate::flags::{Format, RegistrationCommand};
use crate::input::{InputError, Result};
use crate::output;

/// `saylau registration check`.
pub fn run(cmd: &RegistrationCommand, law: Law<'_>, out: &mut String) -> Result<Done> {
    let RegistrationCommand::Check(args) = cmd;
    let application = Application {
        filed: args.date,
        committee_registered: args.committee_registered,
        founders: args.founders,
    };
    // The filing and the committee are legal acts: their days must be days the law covers,
    // as the upload form and the API require.
    let days = LawDays::of(law.book);
    for (flag, day) in [
        ("--date", args.date),
        ("--committee-registered", args.committee_registered),
    ] {
        days.check(day)
            .map_err(|why| InputError(format!("{flag}: {why}")))?;
    }
    let law_date = args.law_date.unwrap_or(args.date);
    let rules = Rules::new(law, law_date, &application)
        .map_err(|e| InputError(format!("registration on {law_date}: {e}")))?;

    let members = read_members(&args.members, &days)?;
    let units = Units::new(&rules.units().value);
    let (wanted, member_slots) =
        Wanted::new(members.iter().map(|m| m.iin.as_ref().ok().map(Iin::to_u64)));

    let progress = Progress::new(&[Some(args.register.as_str()), args.other_members.as_deref()]);
    let (register, others) = std::thread::scope(|scope| {
        let others = args.other_members.as_deref().map(|path| {
            let wanted = &wanted;
            let progress = &progress;
            scope.spawn(move || read_other_members(path, args.party.as_deref(), wanted, progress))
        });
        let register = read_register(&args.register, &units, &wanted, &progress);
        let others = match others {
            None => Ok(Vec::new()),
            Some(handle) => handle
                .join()
                .unwrap_or_else(|_| Err(InputError("reading the other members failed".into()))),
        };
        (register, others)
    });
    progress.finish();
    let register = register?;
    let others = others?;

    let signatures = members.iter().zip(member_slots).map(|(m, slot)| {
        let slot = slot.map(|s| s as usize);
        Signature {
            iin: m.iin.clone(),
            signed_on: m.signed_on,
            person: slot
                .and_then(|s| register.get(s).copied().flatten())
                .map(|(person, _)| person),
            other_party: slot.is_some_and(|s| others.get(s).copied().unwrap_or(false)),
        }
    });
    // The same check and the same answer as the upload form and `POST /api/ask/registration`.
    let checked = rules
        .check(signatures)
        .map_err(|e| InputError(format!("{}: {e}", args.register)))?;

    if let Some(path) = &args.rejected_out {
        let rejected: Vec<(&MemberRow, Reason)> = checked
            .rejected_signatures
            .iter()
            .filter_map(|r| members.get(r.index).map(|m| (m, r.reason)))
            .collect();
        write_rejected(path, &rejected)?;
    }
    match args.format {
        Format::Json => output::json(out, &checked)?,
        Format::Table => render(out, &checked.outcome),
    }
    Ok(Done::refused_if(
        checked.outcome.decision == Decision::Refused,
    ))
}

/// Writes the rejected rows with their reasons, whole or not at all: a temporary file in the
/// same directory, renamed over the target once complete.
fn write_rejected(path: &str, rejected: &[(&MemberRow, Reason)]) -> Result<()> {
    let target = Path::new(path);
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "rejected.csv".into());
    let temp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let fail = |e: &dyn std::fmt::Display| InputError(format!("{path}: cannot write: {e}"));
    let result = (|| -> std::result::Result<(), Box<dyn std::error::Error>> {
        let mut w = csv::Writer::from_path(&temp)?;
        w.write_record(["line", "iin", "signed_on", "reason"])?;
        for (m, reason) in rejected {
            w.write_record([
                m.line.to_string().as_str(),
                &m.text,
                m.signed_on.to_string().as_str(),
                reason.name(),
            ])?;
        }
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&temp, target)?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(fail(&e));
    }
    Ok(())
}

fn render(out: &mut String, outcome: &Outcome) {
    let decision = match outcome.decision {
        Decision::Registrable => "REGISTRABLE",
        Decision::Refused => "REFUSED",
    };
    out.push_str(&format!(
        "Decision: {decision} (law in force on {}; signatures counted from {} to {})\n\n",
        outcome.law_date, outcome.window.from, outcome.window.to
    ));
    for f in &outcome.reasons {
        out.push_str(&format!(
            "[{}] {}: {}\n",
            if f.met { "met" } else { "NOT MET" },
            f.rule,
            f.says
        ));
        for l in &f.law {
            out.push_str(&format!("      {l}\n"));
        }
    }
    out.push_str(&format!("\nValid members: {}\n\n", outcome.valid_members));
    let min_per_unit = outcome
        .reasons
        .iter()
        .find(|f| f.rule == "members_per_unit")
        .and_then(|f| f.law.first())
        .and_then(|l| l.value.parse::<u64>().ok());
    let mut t = Table::new(vec!["unit", "valid members", "minimum", "met"]);
    for (unit, count) in &outcome.by_unit.0 {
        t.row(vec![
            unit.clone().into(),
            (*count).into(),
            min_per_unit.map_or(serde_json::Value::Null, Into::into),
            (if min_per_unit.is_none_or(|m| *count >= m) {
                "yes"
            } else {
                "no"
            })
            .into(),
        ]);
    }
    output::table(out, &t);
    out.push('\n');
    let mut t = Table::new(vec!["rejected for", "rows", "rule"]);
    for ((reason, count), law) in outcome.rejected.0.iter().zip(&outcome.rejection_law) {
        t.row(vec![
            reason.clone().into(),
            (*count).into(),
            law.says.clone().into(),
        ]);
    }
    output::table(out, &t);
}

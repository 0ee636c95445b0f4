//! `saylau state`, `journal list` and `replay` on the built binary.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Output;

mod support;
use support::saylau;

fn text(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn state_on_a_date_names_the_president_the_mazhilis_and_the_parties() {
    let out = text(&saylau(&["state", "--date", "2008-03-01"]));
    assert!(out.contains("President: Nursultan Nazarbaev"), "{out}");
    assert!(
        out.contains("People's Democratic Party NUR OTAN  party list          98"),
        "{out}"
    );
    assert!(
        out.contains("deputies of the Assembly of People  by the Assembly      9"),
        "{out}"
    );
    assert!(out.contains("Registered parties (10)"), "{out}");
    // The mixed Mazhilis of 2023: list seats, then the single-member seats by nominator, the
    // party named as the register names it that day.
    let out = text(&saylau(&["state", "--date", "2024-01-01"]));
    assert!(
        out.contains("Amanat                              party list        40"),
        "{out}"
    );
    assert!(
        out.contains("Amanat                              single-member     22"),
        "{out}"
    );
    assert!(
        out.contains("self-nominated                      single-member      7"),
        "{out}"
    );
    assert!(!out.contains("Assembly"), "{out}");
    let json: serde_json::Value = serde_json::from_str(&text(&saylau(&[
        "state",
        "--date",
        "2008-03-01",
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(json["state"]["mazhilis"]["other_seats"], 9);
    assert_eq!(json["uncertain"][1]["kind"], "party_renamed");
}

#[test]
fn the_journal_lists_every_entry_with_its_verdict() {
    let out = text(&saylau(&["journal", "list", "--kind", "president_elected"]));
    // 1991, 1999, 2005, 2011, 2015, 2019 and 2022.
    assert_eq!(out.lines().count(), 2 + 7, "{out}");
    assert!(
        out.contains("recorded"),
        "1991 is before the rulebook: {out}"
    );
    assert!(!out.contains("REFUSED"), "{out}");
}

#[test]
fn replay_shows_what_a_reform_would_have_changed() {
    let out = text(&saylau(&["replay", "--reform", "builtin:threshold-3pct"]));
    // 2007 and 2021 had lists between 3% and the threshold of their day.
    assert!(out.contains("2 entries end differently"), "{out}");
    assert!(
        out.contains("NUR OTAN 90, National Social Democratic Party 5"),
        "{out}"
    );
    assert!(out.contains("Auyl 5, Adal 3"), "{out}");
    let o = saylau(&["replay"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("give at least one --reform"));
}

#[test]
fn a_bad_journal_file_is_one_line_naming_it() {
    let dir = std::env::temp_dir().join(format!("saylau-polity-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("j.toml");
    std::fs::write(
        &path,
        "[[entry]]\ndate = 2001-13-01\nkind = \"independence\"\n",
    )
    .unwrap();
    let o = saylau(&[
        "state",
        "--date",
        "2008-01-01",
        "--journal",
        path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("j.toml"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The built-in journal as far as the seed tells it (to February 2009), written to a file:
/// a history that stops long before the day asked about.
fn seed_era_journal(dir: &std::path::Path) -> std::path::PathBuf {
    #[derive(serde::Serialize)]
    struct File {
        entry: Vec<saylau_core::polity::journal::Entry>,
    }
    let entry = saylau_core::builtin::journal()
        .unwrap()
        .into_iter()
        .filter(|e| e.date.latest <= jiff::civil::date(2009, 2, 28))
        .collect();
    let path = dir.join("seed-era.toml");
    std::fs::write(&path, toml::to_string(&File { entry }).unwrap()).unwrap();
    path
}

#[test]
fn state_on_a_later_day_marks_what_has_run_out() {
    let dir = std::env::temp_dir().join(format!("saylau-later-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let journal = seed_era_journal(&dir);
    let journal = journal.to_str().unwrap();
    let o = saylau(&["state", "--date", "2026-11-29", "--journal", journal]);
    let out = text(&o);
    // The seed-era journal knows nothing of 2026: its Mazhilis is shown, and said not to be a
    // chamber of that day.
    assert!(
        out.contains("Mazhilis (not a chamber of parliament on 2026-11-29 under the rulebook)"),
        "{out}"
    );
    assert!(out.contains("term ended 2012-12-31"), "{out}");
    assert!(out.contains("was due by 2012-08-18 (overdue)"), "{out}");
    assert!(
        !out.contains("term ends 2012-12-31"),
        "not shown as current: {out}"
    );
    assert!(out.contains("Notices:"), "{out}");
    assert!(
        out.contains("the rulebook is checked against the law only through 2026-07-01"),
        "{out}"
    );
    assert!(out.contains("nothing after it is recorded"), "{out}");
    // Inside the period the journal covers, nothing has run out and nothing is noticed.
    let out = text(&saylau(&["state", "--date", "2008-03-01"]));
    assert!(out.contains("term ends 2012-12-31"), "{out}");
    assert!(!out.contains("Notices:"), "{out}");
    // The built-in history reaches the Constitution of 2026: on the same day it shows the
    // Kurultai the law has, with no election of it recorded, and says only that the law and
    // the journal stop.
    let out = text(&saylau(&["state", "--date", "2026-11-29"]));
    assert!(
        out.contains("Kassym-Jomart Tokayev (since 2022-11-20; term ends 2029-11-20)"),
        "{out}"
    );
    assert!(out.contains("Parliament: the Kurultai"), "{out}");
    assert!(
        out.contains("Kurultai: 145 seats by law; the journal records no election of it"),
        "{out}"
    );
    assert!(!out.contains("Mazhilis"), "{out}");
    assert!(!out.contains("overdue"), "{out}");
    assert!(
        out.contains("the journal's last entry is dated 2026-07-01"),
        "{out}"
    );
    // The day before, the Mazhilis of 2023 and the Senate.
    let out = text(&saylau(&["state", "--date", "2026-06-30"]));
    assert!(
        out.contains("Parliament: the Mazhilis and the Senate"),
        "{out}"
    );
    assert!(out.contains("next election due by 2028-03-19"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

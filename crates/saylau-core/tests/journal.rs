//! The journal: the built-in history folds without a refusal and gives the states the seed
//! describes; procedures refuse what the law refuses, citing it; a reform replays differently.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::date;
use saylau_core::builtin;
use saylau_core::law::{Law, load_reform};
use saylau_core::polity::journal::{self, Entry, History, Verdict, load_journal};

fn history(entries: &[Entry]) -> History {
    let book = builtin::rulebook().unwrap();
    journal::replay(Law::new(&book, &[]), &builtin::data().unwrap(), entries)
}

/// The built-in history as far as the seed tells it (to February 2009): the fixtures below
/// add made-up events to it, and later events would come before them.
fn seed_era() -> Vec<Entry> {
    builtin::journal()
        .unwrap()
        .into_iter()
        .filter(|e| e.date.latest <= date(2009, 2, 28))
        .collect()
}

/// The seed-era history followed by `extra` entries (TOML `[[entry]]` tables).
fn with(extra: &str) -> History {
    history(&seed_era_and(extra))
}

fn seed_era_and(extra: &str) -> Vec<Entry> {
    let mut entries = seed_era();
    entries.extend(load_journal("test", extra, false).unwrap());
    entries
}

/// As [`with`], with the law of the rulebook's last checked day projected forward.
fn with_projected(extra: &str) -> History {
    let book = builtin::rulebook().unwrap();
    journal::replay(
        Law::new(&book, &[]).projecting(),
        &builtin::data().unwrap(),
        &seed_era_and(extra),
    )
}

fn last(h: &History) -> &(Entry, Verdict, journal::State) {
    h.entries.last().unwrap()
}

fn refused_citing(h: &History, param: &str) -> String {
    let (_, verdict, _) = last(h);
    let Verdict::Refused { reasons } = verdict else {
        panic!("expected a refusal, got {verdict:?}");
    };
    assert!(
        reasons
            .iter()
            .flat_map(|r| &r.law)
            .any(|l| l.parameter == param),
        "cites {param}: {reasons:?}"
    );
    reasons
        .iter()
        .map(|r| r.says.clone())
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn the_builtin_history_folds_without_refusal() {
    let h = history(&builtin::journal().unwrap());
    for (entry, verdict, _) in &h.entries {
        assert!(
            !verdict.is_refused(),
            "{} {}: {verdict:?}",
            entry.date,
            entry.event.kind()
        );
    }
    assert!(h.entries.len() >= 25);
}

#[test]
fn states_on_dates_match_the_seed() {
    let h = history(&builtin::journal().unwrap());
    // March 2008: NUR OTAN holds all 98 list seats, 9 deputies from the Assembly, ten parties.
    let s = h.state_on(date(2008, 3, 1));
    let m = s.mazhilis.as_ref().unwrap();
    assert_eq!(m.seats.iter().filter(|(_, n)| *n > 0).count(), 1);
    assert_eq!(m.seats[0].1, 98);
    assert_eq!(m.other_seats, 9);
    assert_eq!(m.next_election_due, Some(date(2012, 8, 18)));
    assert_eq!(
        s.parties.parties().filter(|p| p.is_registered()).count(),
        10
    );
    assert_eq!(s.president.as_ref().unwrap().person, "Nursultan Nazarbaev");
    assert_eq!(s.constitution.len(), 3);
    // February 2005: DCK liquidated by court; NUR OTAN does not exist yet.
    let s = h.state_on(date(2005, 2, 1));
    assert!(!s.parties.get("dck").unwrap().is_registered());
    assert!(s.parties.get("nur_otan").is_none());
    assert!(s.mazhilis.is_none());
    // 1996: one constitution, no amendment yet.
    assert_eq!(
        h.state_on(date(1996, 1, 1)).constitution,
        ["constitution-1995"]
    );
    // Inside 2008, the Senate election and the rename of Naguyz Ak zhol (dated to the year)
    // are uncertain.
    let on = h.state_on_with_uncertain(date(2008, 6, 1));
    let kinds: Vec<&str> = on.uncertain.iter().map(|e| e.event.kind()).collect();
    assert_eq!(kinds, ["senators_elected", "party_renamed"]);
    assert_eq!(on.state.parties.get("azat").unwrap().name, "Naguyz Ak zhol");
    let s = h.state_on(date(2009, 1, 1));
    assert_eq!(s.parties.get("azat").unwrap().name, "Democratic Party Azat");
}

#[test]
fn a_three_percent_threshold_changes_the_2007_and_2021_elections() {
    let book = builtin::rulebook().unwrap();
    let data = builtin::data().unwrap();
    let entries = builtin::journal().unwrap();
    let text = builtin::REFORMS
        .iter()
        .find(|(n, _, _)| *n == "threshold-3pct")
        .unwrap()
        .2;
    let reforms = vec![load_reform("threshold-3pct", text).unwrap()];
    let enacted = journal::replay(Law::new(&book, &[]), &data, &entries);
    let reformed = journal::replay(Law::new(&book, &reforms), &data, &entries);
    let d = journal::diff(&enacted, &reformed);
    // 2012, 2016 and 2023 have no list between 3% and the threshold of their day.
    let changed: Vec<String> = d.iter().map(|x| x.date.to_string()).collect();
    assert_eq!(changed, ["2007-08-18", "2021-01-10"], "{d:?}");
    assert!(d.iter().all(|x| x.kind == "mazhilis_elected"));
    assert!(d[0].reformed.contains("NUR OTAN 90"), "{}", d[0].reformed);
    assert!(d[0].reformed.contains("Ak zhol 3"), "{}", d[0].reformed);
    // Auyl (5.29%) and Adal (3.57%) would have sat in 2021.
    assert!(
        d[1].reformed.contains("Auyl 5, Adal 3"),
        "{}",
        d[1].reformed
    );
}

#[test]
fn the_builtin_history_reaches_the_2023_mazhilis_and_the_single_term() {
    use saylau_core::exact::date::FuzzyDate;
    use saylau_core::polity::journal::Notice;
    let h = history(&builtin::journal().unwrap());
    let on = h.state_on_with_uncertain(date(2026, 6, 30));
    let president = on.state.president.as_ref().unwrap();
    assert_eq!(president.person, "Kassym-Jomart Tokayev");
    assert_eq!(president.term_ends, Some(date(2029, 11, 20)));
    let mazhilis = on.state.mazhilis.as_ref().unwrap();
    assert_eq!(mazhilis.election, "mazhilis-2023");
    assert_eq!(mazhilis.seats.iter().map(|(_, n)| n).sum::<u64>(), 69);
    // The single-member seats come from the election's data, which owns them.
    assert_eq!(
        mazhilis.districts,
        [
            ("nur_otan".to_string(), 22),
            ("self_nominated".to_string(), 7)
        ]
    );
    assert_eq!(mazhilis.other_seats, 0);
    // The journal goes on past that day: nothing needs saying.
    assert_eq!(on.notices, []);
    // The Constitution of 2026 ends the Mazhilis on 1 July 2026; the president stays.
    let on = h.state_on_with_uncertain(date(2026, 11, 29));
    assert_eq!(on.state.constitution, ["constitution-2026"]);
    assert!(on.state.mazhilis.is_none());
    assert_eq!(
        on.state.president.as_ref().map(|p| p.person.as_str()),
        Some("Kassym-Jomart Tokayev")
    );
    assert_eq!(
        on.notices,
        [
            Notice::AfterTheHorizon {
                checked_through: date(2026, 7, 1)
            },
            Notice::AfterTheJournal {
                last_entry: FuzzyDate::parse("2026-07-01").unwrap()
            }
        ]
    );
    // Between the 2019 resignation and the election the successor serves the rest of the term.
    let on = h.state_on_with_uncertain(date(2019, 5, 1)).state;
    let president = on.president.unwrap();
    assert_eq!(president.person, "Kassym-Jomart Tokayev");
    assert_eq!(president.term_ends, Some(date(2020, 4, 26)));
}

#[test]
fn dissolution_needs_every_consultation() {
    let h = with(
        r#"[[entry]]
date = 2009-06-10
kind = "parliament_dissolved"
consulted = ["senate_chair", "mazhilis_chair"]"#,
    );
    let says = refused_citing(&h, "parliament.dissolution_consultees");
    assert!(says.contains("not consulted: prime_minister"), "{says}");
}

#[test]
fn the_prime_minister_is_proposed_by_the_president_and_confirmed_by_the_mazhilis() {
    let h = with(
        r#"[[entry]]
date = 2009-06-10
kind = "appointed"
office = "prime_minister"
person = "A"
proposed_by = "president"
decided_by = "senate""#,
    );
    let says = refused_citing(&h, "powers.appointments");
    assert!(says.contains("the mazhilis decides"), "{says}");
    let h = with(
        r#"[[entry]]
date = 2009-06-10
kind = "appointed"
office = "prime_minister"
person = "A"
proposed_by = "president"
decided_by = "mazhilis"

[[entry]]
date = 2009-07-01
kind = "no_confidence"
by = "senate"
passed = true"#,
    );
    refused_citing(&h, "government.no_confidence_by");
    let s = &last(&h).2;
    assert_eq!(
        s.offices["prime_minister"][""].person, "A",
        "refusal changes nothing"
    );
    let h = with(
        r#"[[entry]]
date = 2009-06-10
kind = "appointed"
office = "prime_minister"
person = "A"
proposed_by = "president"
decided_by = "mazhilis"

[[entry]]
date = 2009-07-01
kind = "no_confidence"
by = "mazhilis"
passed = true"#,
    );
    assert!(!last(&h).1.is_refused());
    assert!(!last(&h).2.offices.contains_key("prime_minister"));
}

#[test]
fn akims_are_appointed_to_units_in_force_and_senate_seats_are_capped() {
    let h = with(
        r#"[[entry]]
date = 2009-06-10
kind = "appointed"
office = "akim"
seat = "atlantis"
person = "B"
decided_by = "president""#,
    );
    refused_citing(&h, "state.units");
    let mut extra = String::new();
    for i in 0..16 {
        extra.push_str(&format!(
            "[[entry]]\ndate = 2009-06-10\nkind = \"appointed\"\noffice = \"appointed_senator\"\nperson = \"S{i}\"\ndecided_by = \"president\"\n\n"
        ));
    }
    let h = with(&extra);
    let says = refused_citing(&h, "senate.appointed_seats");
    assert!(says.contains("appoints 15 senators"), "{says}");
    assert_eq!(last(&h).2.offices["appointed_senator"].len(), 15);
}

#[test]
fn a_bill_passes_the_mazhilis_then_the_senate_then_the_president() {
    let intro = r#"[[entry]]
date = 2009-06-10
kind = "bill_introduced"
bill = "b1"
title = "On Something"
"#;
    let h = with(&format!(
        "{intro}\n[[entry]]\ndate = 2009-06-11\nkind = \"bill_passed\"\nbill = \"b1\"\nby = \"senate\""
    ));
    let says = refused_citing(&h, "legislation.stages");
    assert!(says.contains("goes next to the mazhilis"), "{says}");
    let h = with(&format!(
        "{intro}\n[[entry]]\ndate = 2009-06-11\nkind = \"bill_decided\"\nbill = \"b1\"\ndecision = \"signed\""
    ));
    refused_citing(&h, "legislation.stages");
    let h = with(&format!(
        "{intro}
[[entry]]
date = 2009-06-11
kind = \"bill_passed\"
bill = \"b1\"
by = \"mazhilis\"

[[entry]]
date = 2009-06-12
kind = \"bill_passed\"
bill = \"b1\"
by = \"senate\"

[[entry]]
date = 2009-06-13
kind = \"bill_decided\"
bill = \"b1\"
decision = \"returned\""
    ));
    assert!(!last(&h).1.is_refused());
    let bill = &last(&h).2.bills["b1"];
    assert!(
        bill.passed.is_empty(),
        "returned with objections: back to the Mazhilis"
    );
}

#[test]
fn a_third_consecutive_term_is_refused_except_for_the_first_president() {
    let terms = |person: &str| {
        ["2027-01-01", "2032-01-01", "2037-01-01"]
            .iter()
            .map(|d| {
                format!(
                    "[[entry]]\ndate = {d}\nkind = \"president_elected\"\nperson = \"{person}\"\nelection = \"x-{d}\"\n\n"
                )
            })
            .collect::<String>()
    };
    // Past the rulebook's last checked day the law is not known, so nothing is decided...
    let h = with(&terms("Somebody Else"));
    let Verdict::Refused { reasons } = &last(&h).1 else {
        panic!("an election after the horizon is refused: {:?}", last(&h).1);
    };
    assert!(
        reasons[0].says.contains("not known after 2026-07-01"),
        "{reasons:?}"
    );
    // ...unless the law of that day is projected forward, as asked, and then it says so: the
    // single term of the Constitution of 2026 bars a second election, the first president
    // included.
    let h = with_projected(&terms("Somebody Else"));
    let says = refused_citing(&h, "president.max_terms");
    assert!(says.contains("more than 1 time(s)"), "{says}");
    let Verdict::Refused { reasons } = &last(&h).1 else {
        unreachable!()
    };
    assert!(
        reasons
            .iter()
            .flat_map(|r| &r.law)
            .all(|l| l.projected_from == Some(date(2026, 7, 1))),
        "{reasons:?}"
    );
    let h = with_projected(&terms("Nursultan Nazarbaev"));
    refused_citing(&h, "president.max_terms");
}

#[test]
fn the_votes_must_elect_the_person_named() {
    let text = builtin::JOURNAL.1.replace(
        "person = \"Nursultan Nazarbaev\"\nelection = \"president-1999\"",
        "person = \"Serikbolsyn Abdildin\"\nelection = \"president-1999\"",
    );
    let h = history(&load_journal("test", &text, false).unwrap());
    let (_, verdict, _) = h
        .entries
        .iter()
        .find(|(e, _, _)| e.date.earliest == date(1999, 1, 10))
        .unwrap();
    assert!(verdict.is_refused(), "{verdict:?}");
}

#[test]
fn journal_files_are_checked() {
    let e = load_journal(
        "j.toml",
        "[[entry]]\ndate = 2001-01-01\nkind = \"independence\"\n",
        true,
    )
    .unwrap_err();
    assert!(e.to_string().contains("has no `source`"), "{e}");
    let e = load_journal(
        "j.toml",
        "[[entry]]\ndate = 2001-01-01\nkind = \"independence\"\n[[entry]]\ndate = 2000-01-01\nkind = \"independence\"\n",
        false,
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("entry 2 (2000-01-01) is dated before"),
        "{e}"
    );
    let e = load_journal(
        "j.toml",
        "[[entry]]\ndate = 2001-01-01\nkind = \"coup\"\n",
        false,
    )
    .unwrap_err();
    assert!(e.to_string().starts_with("j.toml:"), "{e}");
    assert!(e.to_string().contains("coup"), "{e}");
}

#[test]
fn the_assembly_elects_exactly_its_seats() {
    let deputies = |n: usize| {
        let names: Vec<String> = (0..n).map(|i| format!("\"D{i}\"")).collect();
        format!(
            "[[entry]]\ndate = 2009-06-10\nkind = \"assembly_elected\"\ndeputies = [{}]\n",
            names.join(", ")
        )
    };
    let h = with(&deputies(8));
    let says = refused_citing(&h, "mazhilis.assembly_seats");
    assert!(says.contains("elects 9 Mazhilis deputies, not 8"), "{says}");
    let h = with(&deputies(9));
    assert!(!last(&h).1.is_refused());
    assert_eq!(last(&h).2.assembly_deputies.len(), 9);
    assert_eq!(last(&h).2.laws.len(), 2, "the two February 2009 amendments");
}

#[test]
fn only_the_president_elect_is_inaugurated_once() {
    let ev = |p: &str| {
        format!(
            "[[entry]]\ndate = 2009-06-10\nkind = \"president_inaugurated\"\nperson = \"{p}\"\n\n"
        )
    };
    let h = with(&ev("Somebody Else"));
    assert!(last(&h).1.is_refused());
    let h = with(&(ev("Nursultan Nazarbaev") + &ev("Nursultan Nazarbaev")));
    let n = h.entries.len();
    assert!(!h.entries[n - 2].1.is_refused());
    assert!(h.entries[n - 1].1.is_refused(), "not twice");
    assert!(last(&h).2.president.as_ref().unwrap().inaugurated.is_some());
}

/// A Mazhilis election on 2009-06-10 with the lists given (a TOML array of `[name, votes]`).
fn mazhilis_election(id: &str, lists: &str) -> String {
    format!(
        "[[entry]]\ndate = 2009-06-10\nkind = \"mazhilis_elected\"\nelection = \"{id}\"\nlists = {lists}\nparticipating = 1000\n\n"
    )
}

#[test]
fn a_mazhilis_list_must_be_a_party_on_the_register_on_the_election_day() {
    let kept = |h: &History| {
        let m = last(h).2.mazhilis.clone().unwrap();
        assert_eq!(m.election, "mazhilis-2007", "a refusal keeps the Mazhilis");
    };
    // A list no register holds.
    let h = with(&mazhilis_election(
        "test-2009",
        r#"[["nur_otan", 900], ["ghost_party", 100]]"#,
    ));
    let says = refused_citing(&h, "mazhilis.list_seats");
    assert!(
        says.contains("`ghost_party` is not a party on the register on 2009-06-10"),
        "{says}"
    );
    kept(&h);
    // A party that ceased: liquidated by court in 2005.
    let h = with(&mazhilis_election(
        "test-2009",
        r#"[["nur_otan", 900], ["dck", 100]]"#,
    ));
    let says = refused_citing(&h, "mazhilis.list_seats");
    assert!(says.contains("`dck`, which ceased on 2005-01"), "{says}");
    kept(&h);
    // A name the party no longer bears: Azat was Naguyz Ak zhol until 2008.
    let h = with(&mazhilis_election(
        "test-2009",
        r#"[["nur_otan", 900], ["Naguyz Ak zhol", 100]]"#,
    ));
    let says = refused_citing(&h, "mazhilis.list_seats");
    assert!(says.contains("`Naguyz Ak zhol` is not a party"), "{says}");
    // A party registered in the election's month, perhaps after its day.
    let h = with(&format!(
        "[[entry]]\ndate = \"2009-06\"\nkind = \"party_registered\"\nparty = \"new\"\nname = \"New Party\"\n\n{}",
        mazhilis_election("test-2009", r#"[["nur_otan", 900], ["new", 100]]"#)
    ));
    let says = refused_citing(&h, "mazhilis.list_seats");
    assert!(
        says.contains("registered on 2009-06, which may be after the election day 2009-06-10"),
        "{says}"
    );
    kept(&h);
    // By id, and by the name the party bears that day: both stand.
    let h = with(&mazhilis_election(
        "test-2009",
        r#"[["nur_otan", 900], ["Democratic Party Azat", 100]]"#,
    ));
    let (_, verdict, state) = last(&h);
    assert!(!verdict.is_refused(), "{verdict:?}");
    assert_eq!(state.mazhilis.as_ref().unwrap().election, "test-2009");
    let lists = verdict
        .steps()
        .iter()
        .find(|s| s.rule == "party_lists")
        .unwrap();
    assert!(
        lists.says.ends_with("2009-06-10: nur_otan, azat"),
        "{}",
        lists.says
    );
    assert_eq!(lists.law[0].parameter, "mazhilis.list_seats");
}

#[test]
fn the_2007_lists_are_checked_against_the_register_the_journal_built() {
    // Without the entry registering the Communist People's Party in September 2004, its 2007
    // list has no party on the register and the election is refused.
    let entry = "[[entry]]\ndate = \"2004-09\"\nkind = \"party_registered\"\nparty = \"cppk\"";
    assert!(builtin::JOURNAL.1.contains(entry));
    let text = builtin::JOURNAL.1.replacen(
        entry,
        "[[entry]]\ndate = \"2004-09\"\nkind = \"party_registered\"\nparty = \"cppk-elsewhere\"",
        1,
    );
    let h = history(&load_journal("test", &text, false).unwrap());
    let (_, verdict, state) = h
        .entries
        .iter()
        .find(|(e, _, _)| e.event.kind() == "mazhilis_elected")
        .unwrap();
    let Verdict::Refused { reasons } = verdict else {
        panic!("expected a refusal, got {verdict:?}");
    };
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(
        reasons[0].says.contains(
            "the list `Communist People's Party of Kazakhstan` of `mazhilis-2007` is the party \
             `cppk`, which is not on the register on 2007-08-18"
        ),
        "{reasons:?}"
    );
    assert_eq!(reasons[0].law[0].parameter, "mazhilis.list_seats");
    assert!(state.mazhilis.is_none());
    // A row of the built-in election that names no party cannot be checked, so it cannot stand.
    let mut data = builtin::data().unwrap();
    let election = data
        .elections
        .iter_mut()
        .find(|e| e.id == "mazhilis-2007")
        .unwrap();
    election
        .rows
        .iter_mut()
        .find(|r| r.party.as_deref() == Some("rukhaniyat"))
        .unwrap()
        .party = None;
    let book = builtin::rulebook().unwrap();
    let h = journal::replay(Law::new(&book, &[]), &data, &builtin::journal().unwrap());
    let (_, verdict, _) = h
        .entries
        .iter()
        .find(|(e, _, _)| e.event.kind() == "mazhilis_elected")
        .unwrap();
    assert!(
        verdict.steps()[0]
            .says
            .contains("the list `Rukhaniyat Party` of `mazhilis-2007` names no party"),
        "{verdict:?}"
    );
}

#[test]
fn the_mazhilis_is_elected_once_on_one_day() {
    let first = mazhilis_election("test-a", r#"[["nur_otan", 900], ["azat", 100]]"#);
    let second = mazhilis_election("test-b", r#"[["nur_otan", 500], ["azat", 500]]"#);
    let h = with(&(first.clone() + &second));
    let says = refused_citing(&h, "mazhilis.term_years");
    assert!(
        says.contains("the Mazhilis was already elected on 2009-06-10 (`test-a`)"),
        "{says}"
    );
    let n = h.entries.len();
    assert!(!h.entries[n - 2].1.is_refused());
    assert_eq!(
        last(&h).2.mazhilis,
        h.entries[n - 2].2.mazhilis,
        "the first election stands"
    );
}

#[test]
fn the_president_is_elected_once_on_one_day() {
    let president = |date: &str, person: &str| {
        format!(
            "[[entry]]\ndate = {date}\nkind = \"president_elected\"\nperson = \"{person}\"\nelection = \"test-{person}\"\n\n"
        )
    };
    let h = with(&(president("2009-06-10", "A") + &president("2009-06-10", "B")));
    let says = refused_citing(&h, "president.term_years");
    assert!(
        says.contains("A was already elected president on the same day"),
        "{says}"
    );
    assert_eq!(last(&h).2.president.as_ref().unwrap().person, "A");
    // A date known only to the month may be that day.
    let h = with(&(president("2009-06-10", "A") + &president("\"2009-06\"", "B")));
    let says = refused_citing(&h, "president.term_years");
    assert!(
        says.contains("on 2009-06-10, which may be the same day as 2009-06"),
        "{says}"
    );
    // Another day is another election.
    let h = with(&(president("2009-06-10", "A") + &president("2009-06-11", "B")));
    assert!(!last(&h).1.is_refused(), "{:?}", last(&h).1);
    assert_eq!(last(&h).2.president.as_ref().unwrap().person, "B");
}

#[test]
fn an_act_is_recorded_once() {
    for (kind, extra) in [
        ("law_amended", ""),
        ("constitution_amended", "initiated_by = \"president\"\n"),
    ] {
        let act = if kind == "law_amended" {
            "election-law-amendments-2009"
        } else {
            "constitution-amendments-2007"
        };
        let date = if kind == "law_amended" {
            "2009-02-09"
        } else {
            "2007-05-21"
        };
        // Appended after the seed-era history, whose last entry is dated 2009-02-09: the 2007
        // amendment is out of order there, so it is folded in before the entry of 2007-06-20.
        let entry =
            format!("[[entry]]\ndate = {date}\nkind = \"{kind}\"\nact = \"{act}\"\n{extra}");
        let entry = load_journal("test", &entry, false).unwrap();
        let mut entries = seed_era();
        let at = if kind == "law_amended" {
            entries.len()
        } else {
            entries
                .iter()
                .position(|e| e.date.earliest >= jiff::civil::date(2007, 6, 20))
                .unwrap()
        };
        entries.splice(at..at, entry);
        let h = history(&entries);
        let at = h
            .entries
            .iter()
            .rposition(|(e, _, _)| e.event.kind() == kind)
            .unwrap();
        let (_, verdict, after) = &h.entries[at];
        let Verdict::Refused { reasons } = verdict else {
            panic!("{kind}: expected a refusal, got {verdict:?}");
        };
        assert_eq!(
            reasons[0].says,
            format!("`{act}` is already recorded in the journal; an act is enacted once")
        );
        assert_eq!(
            after
                .constitution
                .iter()
                .chain(&after.laws)
                .filter(|a| *a == act)
                .count(),
            1,
            "{kind}: the state keeps one"
        );
    }
}

#[test]
fn the_state_on_a_later_day_says_what_has_run_out() {
    use saylau_core::exact::date::FuzzyDate;
    use saylau_core::polity::journal::Notice;
    // The seed-era history, which stops in February 2009, shows what a later day says when
    // the journal has not caught up.
    let h = history(&seed_era());
    let notices = |y, m, d| h.state_on_with_uncertain(date(y, m, d)).notices;
    let last_entry = FuzzyDate::parse("2009-02-09").unwrap();
    // Inside the journal nothing needs saying.
    assert_eq!(notices(2008, 3, 1), []);
    // After its last entry, the journal says so.
    assert_eq!(
        notices(2009, 6, 1),
        [Notice::AfterTheJournal { last_entry }]
    );
    // A term ends on its last day and an election is due by its day: noticed the day after.
    let horizon = Notice::AfterTheHorizon {
        checked_through: date(2026, 7, 1),
    };
    let overdue = Notice::MazhilisElectionOverdue {
        election: "mazhilis-2007".into(),
        due: date(2012, 8, 18),
    };
    let ended = Notice::PresidentTermEnded {
        person: "Nursultan Nazarbaev".into(),
        ended: date(2012, 12, 31),
    };
    let journal = Notice::AfterTheJournal { last_entry };
    assert_eq!(
        notices(2012, 8, 18),
        std::slice::from_ref(&journal),
        "due by that day"
    );
    assert_eq!(notices(2012, 12, 31), [journal.clone(), overdue.clone()]);
    // In 2026 that history still shows the president elected in 2005 and the 2007 Mazhilis.
    let on = h.state_on_with_uncertain(date(2026, 11, 29));
    assert_eq!(
        on.state.president.as_ref().unwrap().term_ends,
        Some(date(2012, 12, 31))
    );
    assert_eq!(on.notices, [horizon, journal, ended.clone(), overdue]);
    assert_eq!(
        ended.to_string(),
        "the presidential term of Nursultan Nazarbaev ended on 2012-12-31; the journal records \
         no presidential election since"
    );
    let json = serde_json::to_value(&on).unwrap();
    assert_eq!(
        json["notices"][2],
        serde_json::json!({ "notice": "president_term_ended", "person": "Nursultan Nazarbaev", "ended": "2012-12-31" })
    );
    // While parliament is dissolved no election is called overdue: the law's period for early
    // elections is not in the rulebook.
    let h = with(
        r#"[[entry]]
date = 2009-06-10
kind = "parliament_dissolved"
consulted = ["senate_chair", "mazhilis_chair", "prime_minister"]"#,
    );
    let on = h.state_on_with_uncertain(date(2009, 7, 1));
    assert_eq!(
        on.state.dissolved.map(|d| d.earliest),
        Some(date(2009, 6, 10))
    );
    assert_eq!(
        on.notices,
        [Notice::AfterTheJournal {
            last_entry: FuzzyDate::parse("2009-06-10").unwrap()
        }]
    );
}

#[test]
fn a_new_constitution_names_the_one_it_replaces_and_ends_the_chambers_it_drops() {
    let entry = |replaces: &str| {
        format!(
            "[[entry]]\ndate = 2026-07-01\nkind = \"constitution_adopted\"\nact = \"constitution-2026\"\n{replaces}"
        )
    };
    // Without `replaces`, a second constitution is refused.
    let h = with(&entry(""));
    let (_, verdict, _) = last(&h);
    assert!(verdict.is_refused(), "{verdict:?}");
    // Naming the wrong one is refused too.
    let h = with(&entry("replaces = \"constitution-amendments-2007\""));
    let Verdict::Refused { reasons } = &last(&h).1 else {
        panic!("expected a refusal");
    };
    assert!(
        reasons[0]
            .says
            .contains("the constitution in force is `constitution-1995`"),
        "{reasons:?}"
    );
    // The act, approved on 15 March 2026, takes effect on 1 July: dated any other day, and
    // the referendum's day among them, it is refused.
    for day in ["2026-03-15", "2026-05-01"] {
        let h = with(&format!(
            "[[entry]]\ndate = {day}\nkind = \"constitution_adopted\"\nact = \"constitution-2026\"\nreplaces = \"constitution-1995\""
        ));
        let Verdict::Refused { reasons } = &last(&h).1 else {
            panic!("{day}: expected a refusal");
        };
        assert!(
            reasons[0]
                .says
                .contains("is dated 2026-03-15 and comes into force on 2026-07-01"),
            "{reasons:?}"
        );
    }
    // Replacing the 1995 text on 1 July 2026 ends the Mazhilis the seed-era journal holds.
    let h = with(&entry("replaces = \"constitution-1995\""));
    let (_, verdict, state) = last(&h);
    assert!(!verdict.is_refused(), "{verdict:?}");
    assert_eq!(state.constitution, ["constitution-2026"]);
    assert!(state.mazhilis.is_none());
    assert!(state.assembly_deputies.is_empty());
    let Verdict::Applied { steps } = verdict else {
        panic!("applied");
    };
    assert!(
        steps
            .iter()
            .any(|s| s.says.contains("the Mazhilis and the Senate end")),
        "{steps:?}"
    );
}

#[test]
fn the_later_events_refuse_what_the_law_and_the_state_refuse() {
    let refused = |extra: &str| -> String {
        let h = with(extra);
        let Verdict::Refused { reasons } = &last(&h).1 else {
            panic!("expected a refusal of {extra}: {:?}", last(&h).1);
        };
        reasons
            .iter()
            .map(|r| r.says.clone())
            .collect::<Vec<_>>()
            .join("; ")
    };
    // A chamber dissolved alone must be a chamber of the day.
    let says = refused(
        "[[entry]]\ndate = 2009-06-10\nkind = \"parliament_dissolved\"\nchamber = \"upper\"\nconsulted = [\"senate_chair\", \"mazhilis_chair\", \"prime_minister\"]",
    );
    assert!(
        says.contains("`upper` is not a chamber of parliament on 2009-06-10 (the chambers are mazhilis, senate)"),
        "{says}"
    );
    // Single-member seats: no more than the law has, each won by a party of the register.
    let says = refused(
        "[[entry]]\ndate = 2009-06-20\nkind = \"mazhilis_elected\"\nelection = \"m\"\nlists = [[\"nur_otan\", 900], [\"nsdp\", 100]]\nparticipating = 1000\ndistricts = { nur_otan = 3 }",
    );
    assert!(
        says.contains("the entry gives 3 single-member seats; the law of 2009-06-20 has 0"),
        "{says}"
    );
    // A resignation is the sitting president's, to someone else.
    let says = refused(
        "[[entry]]\ndate = 2009-06-20\nkind = \"president_resigned\"\nperson = \"Somebody\"\nsuccessor = \"Other\"",
    );
    assert!(
        says.contains("the president in office is Nursultan Nazarbaev, not Somebody"),
        "{says}"
    );
    let says = refused(
        "[[entry]]\ndate = 2009-06-20\nkind = \"president_resigned\"\nperson = \"Nursultan Nazarbaev\"\nsuccessor = \"Nursultan Nazarbaev\"",
    );
    assert!(says.contains("cannot succeed themselves"), "{says}");
    // Malformed fields are errors of the file, naming it and the line.
    for bad in [
        "[[entry]]\ndate = 2009-06-20\nkind = \"mazhilis_elected\"\nelection = \"m\"\ndistricts = \"nur_otan\"\n",
        "[[entry]]\ndate = 2009-06-20\nkind = \"parliament_dissolved\"\nchamber = 3\nconsulted = []\n",
        "[[entry]]\ndate = 2009-06-20\nkind = \"president_resigned\"\nperson = \"A\"\n",
        "[[entry]]\ndate = 2026-07-01\nkind = \"constitution_adopted\"\nact = \"constitution-2026\"\nreplaces = [\"constitution-1995\"]\n",
    ] {
        let e = load_journal("j.toml", bad, false).unwrap_err().to_string();
        assert!(e.starts_with("j.toml:"), "{e}");
    }
}

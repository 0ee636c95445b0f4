//! Tests of the built-in rulebook (its answers on the dates the sources speak of) and of the
//! loader's refusals, each of which must name the file, the line and the key.

use super::*;
use crate::builtin::{self, LAW_FILES};
use jiff::civil::date;

fn book() -> Rulebook {
    builtin::rulebook().unwrap_or_else(|e| panic!("the built-in rulebook loads: {e}"))
}

fn at(book: &Rulebook, y: i16, m: i8, d: i8) -> LawAt<'_> {
    Law::new(book, &[]).at(date(y, m, d))
}

/// The built-in files with `from` replaced by `to` in the file named `file`; the replacement
/// must change something, so a test cannot pass by editing nothing.
fn altered(file: &str, from: &str, to: &str) -> Vec<(&'static str, String)> {
    let mut found = false;
    let files: Vec<(&'static str, String)> = LAW_FILES
        .iter()
        .map(|(name, text)| {
            if *name == file {
                assert!(text.contains(from), "{file} does not contain {from:?}");
                found = true;
                (*name, text.replacen(from, to, 1))
            } else {
                (*name, (*text).to_string())
            }
        })
        .collect();
    assert!(found, "no built-in file is named {file}");
    files
}

/// Loads altered files and returns the error, which the test expects.
fn load_error(files: &[(&'static str, String)]) -> LoadError {
    let pairs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    match load_rulebook(&pairs) {
        Ok(_) => panic!("the altered rulebook loaded, but an error was expected"),
        Err(e) => e,
    }
}

fn text_of(file: &str) -> &'static str {
    LAW_FILES
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, text)| *text)
        .unwrap_or_else(|| panic!("no built-in file is named {file}"))
}

/// The 1-based line of the first line in `file` that contains `needle`.
fn line_of(file: &str, needle: &str) -> usize {
    text_of(file)
        .lines()
        .position(|l| l.contains(needle))
        .map(|n| n + 1)
        .unwrap_or_else(|| panic!("{needle:?} not found in {file}"))
}

/// The 1-based line of the `[[...]]` header of the entry holding the first line with `needle`.
fn entry_line(file: &str, needle: &str) -> usize {
    let lines: Vec<&str> = text_of(file).lines().collect();
    let at = line_of(file, needle) - 1;
    (0..=at)
        .rev()
        .find(|&i| lines[i].starts_with("[["))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("no entry header above {needle:?} in {file}"))
}

fn check_error(e: &LoadError, file: &str, line: usize, key: &str, message: &str) {
    assert_eq!(e.file, file, "{e}");
    assert_eq!(e.line, Some(line), "{e}");
    assert_eq!(e.key.as_deref(), Some(key), "{e}");
    assert!(e.message.contains(message), "{e}");
    let shown = e.to_string();
    assert!(
        shown.starts_with(&format!("{file}:{line}: `{key}`: ")),
        "{shown}"
    );
}

// ---------------------------------------------------------------------------------------------
// the built-in rulebook

#[test]
fn builtin_rulebook_loads_and_covers_every_parameter() {
    let book = book();
    for param in Param::ALL {
        assert!(!book.timeline(*param).is_empty(), "{param} has no timeline");
    }
    for param in Param::ALL {
        for entry in book.timeline(*param) {
            assert!(
                !entry.source.is_empty(),
                "{param} at {} has no source",
                entry.from
            );
            if let Some(act) = &entry.act {
                assert!(book.act(act).is_some(), "{param} names unknown act {act}");
            }
        }
    }
}

#[test]
fn builtin_threshold_is_7_percent_on_the_2007_election_day() {
    let book = book();
    let threshold = at(&book, 2007, 8, 18)
        .percent(Param::MazhilisThreshold)
        .unwrap();
    assert_eq!(
        threshold.value,
        crate::exact::fraction::Fraction::integer(7)
    );
    assert!(threshold.law.source.contains("art. 51(5)"));
    assert_eq!(threshold.law.reform, None);
}

#[test]
fn builtin_membership_minimum_follows_the_2009_amendments() {
    let book = book();
    let before = at(&book, 2008, 1, 1).count(Param::PartyMinMembers).unwrap();
    assert_eq!(before.value, 50_000);
    assert_eq!(before.law.act.as_deref(), Some("party-law-2002"));
    let after = at(&book, 2009, 6, 1).count(Param::PartyMinMembers).unwrap();
    assert_eq!(after.value, 40_000);
    assert_eq!(after.law.from.to_string(), "2009-02");
    let per_unit = at(&book, 2009, 6, 1)
        .count(Param::PartyMinMembersPerUnit)
        .unwrap();
    assert_eq!(per_unit.value, 600);
}

#[test]
fn builtin_membership_minimum_is_uncertain_inside_february_2009() {
    let book = book();
    let e = at(&book, 2009, 2, 5)
        .count(Param::PartyMinMembers)
        .unwrap_err();
    assert!(matches!(e, LawError::Uncertain { .. }), "{e}");
}

#[test]
fn builtin_president_age_follows_the_1998_amendments() {
    let book = book();
    let law = at(&book, 1996, 1, 1);
    assert_eq!(law.count(Param::PresidentMinAge).unwrap().value, 35);
    assert_eq!(
        law.optional_count(Param::PresidentMaxAge).unwrap().value,
        Some(65)
    );
    let law = at(&book, 2005, 12, 4);
    assert_eq!(law.count(Param::PresidentMinAge).unwrap().value, 40);
    assert_eq!(
        law.optional_count(Param::PresidentMaxAge).unwrap().value,
        None
    );
    assert_eq!(law.count(Param::PresidentTermYears).unwrap().value, 7);
    assert_eq!(law.count(Param::PresidentResidenceYears).unwrap().value, 15);
}

#[test]
fn builtin_president_term_and_limit_after_2007() {
    let book = book();
    let law = at(&book, 2009, 12, 31);
    assert_eq!(law.count(Param::PresidentTermYears).unwrap().value, 5);
    assert_eq!(
        law.optional_count(Param::PresidentMaxConsecutiveTerms)
            .unwrap()
            .value,
        Some(2)
    );
    assert!(
        law.flag(Param::PresidentFirstPresidentExempt)
            .unwrap()
            .value
    );
    let majority = law.percent(Param::PresidentMajority).unwrap();
    assert!(majority.law.source.contains("art. 41(5)"));
}

#[test]
fn after_the_horizon_nothing_is_known_unless_projected() {
    let book = book();
    assert_eq!(book.horizon().checked_through, date(2026, 7, 1));
    let law = Law::new(&book, &[]);
    for row in law.all_at(date(2026, 11, 29)) {
        assert_eq!(row.status, Standing::NotKnownAfter, "{}", row.parameter);
        assert_eq!(row.value, None, "{}", row.parameter);
        assert!(
            row.why
                .as_deref()
                .is_some_and(|w| w.contains("not known after 2026-07-01")),
            "{row:?}"
        );
    }
    // The last checked day still answers: the Kurultai's threshold is in force, and what the
    // rulebook has not checked under the Constitution of 2026 is unknown, not carried over.
    assert_eq!(
        law.param_at(Param::KurultaiThreshold, date(2026, 7, 1))
            .status,
        Standing::InForce
    );
    assert_eq!(
        law.param_at(Param::MazhilisThreshold, date(2026, 6, 30))
            .status,
        Standing::InForce
    );
    assert_eq!(
        law.param_at(Param::PartyMinMembers, date(2026, 7, 1))
            .status,
        Standing::Unknown
    );
    // Projected, the values of the horizon come back, each marked.
    let projected = law.projecting();
    let t = projected
        .at(date(2026, 11, 29))
        .percent(Param::KurultaiThreshold)
        .unwrap();
    assert_eq!(t.value.to_string(), "5");
    assert_eq!(t.law.projected_from, Some(date(2026, 7, 1)));
    assert!(
        t.law
            .to_string()
            .contains("[projected: the law of 2026-07-01")
    );
    let row = projected.param_at(Param::KurultaiListSeats, date(2026, 11, 29));
    assert_eq!(row.status, Standing::Projected);
    assert_eq!(row.value.as_deref(), Some("145"));
    let row = projected.param_at(Param::PartyMinMembers, date(2026, 11, 29));
    assert_eq!(row.status, Standing::Unknown);
    // A reform's own values hold on any day: it is the user's question, not the law.
    let reform = load_reform(
        "r.toml",
        "[reform]\nname = \"r\"\n\n[[mazhilis.threshold]]\nfrom = 2026-01-01\nvalue = \"5%\"\n",
    )
    .unwrap();
    let reforms = [reform];
    let with = Law::new(&book, &reforms).at(date(2026, 11, 29));
    assert_eq!(
        with.percent(Param::MazhilisThreshold)
            .unwrap()
            .value
            .to_string(),
        "5"
    );
    assert!(matches!(
        with.count(Param::MazhilisListSeats),
        Err(LawError::NotKnownAfter { .. })
    ));
}

#[test]
fn the_rulebook_must_say_how_far_it_is_checked() {
    let files = altered("law/kz/rulebook.toml", "checked_through = 2026-07-01\n", "");
    let e = load_error(&files);
    assert!(e.to_string().contains("`rulebook.checked_through`"), "{e}");
    let without: Vec<(&str, &str)> = LAW_FILES
        .iter()
        .filter(|(n, _)| *n != "law/kz/rulebook.toml")
        .copied()
        .collect();
    let e = load_rulebook(&without).unwrap_err();
    assert!(
        e.to_string()
            .contains("no file says how far the rulebook is checked"),
        "{e}"
    );
    let files = altered(
        "law/kz/rulebook.toml",
        "[rulebook]\n",
        "[rulebook]\nuntil = 2010-01-01\n",
    );
    let e = load_error(&files);
    assert!(
        e.to_string().contains("`rulebook.until`: unknown key"),
        "{e}"
    );
}

#[test]
fn builtin_nothing_is_in_force_before_the_1995_constitution() {
    let book = book();
    let law = at(&book, 1991, 12, 1);
    for param in Param::ALL {
        match law.value(*param) {
            Err(LawError::NotInForce { .. }) => {}
            other => panic!("{param} on 1991-12-01: expected not in force, got {other:?}"),
        }
    }
    let e = at(&book, 1995, 8, 29)
        .count(Param::PresidentMinAge)
        .unwrap_err();
    assert!(e.to_string().contains("not in force on 1995-08-29"), "{e}");
}

#[test]
fn builtin_unknown_values_are_reported_with_their_reason() {
    let book = book();
    let cases = [
        (Param::MazhilisTermYears, date(1996, 1, 1)),
        (Param::PresidentFirstPresidentExempt, date(2005, 12, 4)),
        (Param::SenateAppointedSeats, date(1996, 1, 1)),
        (Param::StateUnits, date(1996, 1, 1)),
        (Param::PartyMinMembers, date(2000, 1, 1)),
        (Param::PartyElectoralBlocsAllowed, date(2003, 8, 18)),
        (Param::MaslikhatSeatRule, date(1999, 10, 10)),
        (Param::AssemblySeatRule, date(2004, 9, 19)),
        (Param::FinancePermittedSources, date(2000, 1, 1)),
    ];
    for (param, day) in cases {
        match Law::new(&book, &[]).at(day).value(param) {
            Err(LawError::Unknown { why, .. }) => assert!(!why.is_empty(), "{param}"),
            other => panic!("{param} on {day}: expected unknown, got {other:?}"),
        }
    }
}

#[test]
fn builtin_campaign_caps_hold_only_for_their_election() {
    let book = book();
    let cap = at(&book, 2007, 8, 18)
        .money(Param::CampaignMazhilisAdvertisingCap)
        .unwrap();
    assert_eq!(cap.value, (1_200_000, "USD"));
    let e = at(&book, 2008, 1, 1)
        .money(Param::CampaignMazhilisAdvertisingCap)
        .unwrap_err();
    assert!(matches!(e, LawError::Unknown { .. }), "{e}");
    let cap = at(&book, 2005, 12, 31)
        .money(Param::CampaignPresidentAdvertisingCap)
        .unwrap();
    assert_eq!(cap.value, (2_300_000, "USD"));
}

#[test]
fn builtin_senate_and_units() {
    let book = book();
    let law = at(&book, 2008, 10, 4);
    assert_eq!(law.count(Param::SenateElectedPerUnit).unwrap().value, 2);
    assert_eq!(law.count(Param::SenateAppointedSeats).unwrap().value, 15);
    let units = law.list(Param::StateUnits).unwrap().value;
    assert_eq!(units.len(), 16);
    assert_eq!(units.first().map(String::as_str), Some("akmola"));
    assert_eq!(units.last().map(String::as_str), Some("almaty"));
    // Shymkent (2018) and Abai, Jetisu and Ulytau (2022) come later; the list of every unit
    // the rulebook has known keeps the 2008 order and adds them after it.
    let later = at(&book, 2022, 6, 8).list(Param::StateUnits).unwrap().value;
    assert_eq!(later.len(), 20);
    assert!(!later.contains(&"south_kazakhstan".to_string()));
    let ever = book.ever_listed(Param::StateUnits);
    assert_eq!(
        ever[..16],
        units.iter().map(String::as_str).collect::<Vec<_>>()[..]
    );
    assert_eq!(
        ever[16..],
        ["turkestan", "shymkent", "abai", "zhetisu", "ulytau"]
    );
    assert_eq!(
        law.choice(Param::MaslikhatSeatRule).unwrap().value,
        "plurality"
    );
    let law = at(&book, 2000, 1, 1);
    assert_eq!(law.count(Param::SenateAppointedSeats).unwrap().value, 7);
}

// ---------------------------------------------------------------------------------------------
// the loader's refusals

const PARTIES: &str = "law/kz/parties.toml";
const PRESIDENT: &str = "law/kz/president.toml";

#[test]
fn loader_refuses_unsorted_dates() {
    let files = altered(
        PARTIES,
        "from = 2002-07-15\nvalue = 50000",
        "from = 1990-01-01\nvalue = 50000",
    );
    let e = load_error(&files);
    let line = entry_line(PARTIES, "value = 50000");
    check_error(&e, PARTIES, line, "party.min_members", "dates out of order");
}

#[test]
fn loader_refuses_duplicate_dates() {
    let files = altered(
        PARTIES,
        "from = 2002-07-15\nvalue = 50000",
        "from = 1995-08-30\nvalue = 50000",
    );
    let e = load_error(&files);
    let line = entry_line(PARTIES, "value = 50000");
    check_error(
        &e,
        PARTIES,
        line,
        "party.min_members",
        "duplicate date 1995-08-30",
    );
}

#[test]
fn loader_refuses_a_value_without_citation() {
    let old = "source = \"Law 'On Political Parties' as amended February 2009; seed, 'Legal \
               regulation' (no fewer than 40,000 members)\"\n";
    let files = altered(PARTIES, old, "");
    let e = load_error(&files);
    let line = entry_line(PARTIES, "value = 40000");
    check_error(
        &e,
        PARTIES,
        line,
        "party.min_members.source",
        "missing citation",
    );
}

#[test]
fn loader_refuses_an_unknown_parameter() {
    let files = altered(PARTIES, "[[party.min_members]]", "[[party.min_memberz]]");
    let e = load_error(&files);
    let line = line_of(PARTIES, "[[party.min_members]]");
    check_error(&e, PARTIES, line, "party.min_memberz", "unknown parameter");
}

#[test]
fn loader_refuses_an_unknown_key_in_an_entry() {
    let files = altered(
        PRESIDENT,
        "value = 35\n",
        "value = 35\nvalid_until = 1998-10-06\n",
    );
    let e = load_error(&files);
    let line = entry_line(PRESIDENT, "value = 35");
    check_error(
        &e,
        PRESIDENT,
        line,
        "president.min_age.valid_until",
        "unknown key",
    );
}

#[test]
fn loader_refuses_a_value_of_the_wrong_kind() {
    let files = altered(PRESIDENT, "value = 35\n", "value = \"35 years\"\n");
    let e = load_error(&files);
    let line = entry_line(PRESIDENT, "value = 35");
    check_error(
        &e,
        PRESIDENT,
        line,
        "president.min_age.value",
        "expected a whole number",
    );
}

#[test]
fn loader_refuses_an_unknown_act() {
    let files = altered(
        PRESIDENT,
        "value = 35\nact = \"constitution-1995\"",
        "value = 35\nact = \"constitution-1937\"",
    );
    let e = load_error(&files);
    let line = entry_line(PRESIDENT, "value = 35");
    check_error(
        &e,
        PRESIDENT,
        line,
        "president.min_age",
        "act `constitution-1937`",
    );
}

#[test]
fn loader_refuses_a_toml_syntax_error() {
    let files = altered(PRESIDENT, "value = 35\n", "value = = 35\n");
    let e = load_error(&files);
    assert_eq!(e.file, PRESIDENT, "{e}");
    assert_eq!(e.line, Some(line_of(PRESIDENT, "value = 35")), "{e}");
    assert!(e.message.starts_with("not valid TOML"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// reforms

const REFORM: &str = "\
[reform]
name = \"threshold-3pct\"
description = \"a 3% threshold\"

[[mazhilis.threshold]]
from = 2007-05-21
value = \"3%\"
";

#[test]
fn reform_without_a_name_is_refused() {
    let text = REFORM.replace("name = \"threshold-3pct\"\n", "");
    let e = load_reform("reforms/test.toml", &text).unwrap_err();
    assert_eq!(e.file, "reforms/test.toml");
    assert_eq!(e.key.as_deref(), Some("reform.name"));
    assert!(e.message.starts_with("missing"), "{e}");
}

#[test]
fn reform_entry_without_source_cites_the_reform() {
    let reform = load_reform("reforms/test.toml", REFORM).unwrap();
    let entries = reform.timeline(Param::MazhilisThreshold);
    assert_eq!(entries.len(), 1);
    assert!(
        entries[0].source.contains("threshold-3pct"),
        "{}",
        entries[0].source
    );
    assert!(
        entries[0].source.contains("a 3% threshold"),
        "{}",
        entries[0].source
    );
}

#[test]
fn reform_overrides_the_threshold_from_its_date_only() {
    let book = book();
    let reforms = [load_reform("reforms/test.toml", REFORM).unwrap()];
    let law = Law::new(&book, &reforms);
    let reformed = law
        .at(date(2007, 8, 18))
        .percent(Param::MazhilisThreshold)
        .unwrap();
    assert_eq!(reformed.value, crate::exact::fraction::Fraction::integer(3));
    assert_eq!(reformed.law.reform.as_deref(), Some("threshold-3pct"));
    let earlier = law
        .at(date(1999, 10, 10))
        .percent(Param::MazhilisThreshold)
        .unwrap();
    assert_eq!(earlier.value, crate::exact::fraction::Fraction::integer(7));
    assert_eq!(earlier.law.reform, None);
    // Parameters the reform does not touch come from the enacted law.
    let seats = law
        .at(date(2007, 8, 18))
        .count(Param::MazhilisListSeats)
        .unwrap();
    assert_eq!(seats.law.reform, None);
}

#[test]
fn shipped_reforms_load() {
    for (name, path, text) in builtin::REFORMS {
        let reform = load_reform(path, text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(reform.name, *name);
    }
}

#[test]
fn appointments_are_typed_and_checked_by_the_loader() {
    let book = book();
    let at = at(&book, 2008, 3, 1);
    let rules = at.appointments(Param::PowersAppointments).unwrap();
    let pm = rules
        .value
        .iter()
        .find(|a| a.office == "prime_minister")
        .unwrap();
    assert_eq!(
        (pm.proposer.as_deref(), pm.decider.as_str(), pm.act.as_str()),
        (Some("president"), "mazhilis", "confirms")
    );
    let dismissals = at.dismissals(Param::PowersDismissals).unwrap();
    assert_eq!(dismissals.value[0].by, "senate");
    let file = "law/kz/powers.toml";
    let line = line_of(file, "{ office = \"minister\"");
    for (from, to, says) in [
        (
            "{ office = \"minister\", decider = \"president\", act = \"appoints\" }",
            "{ office = \"minister\", decider = \"president\", act = \"crowns\" }",
            "act `crowns` is not one of appoints, confirms, elects, consents",
        ),
        (
            "{ office = \"minister\", decider = \"president\", act = \"appoints\" }",
            "{ office = \"minister\", decider = \"president\", act = \"appoints\", term = 4 }",
            "unknown key `term`",
        ),
        (
            "{ office = \"minister\", decider = \"president\", act = \"appoints\" }",
            "{ office = \"akim\", decider = \"president\", act = \"appoints\" }",
            "the office `akim` is listed twice",
        ),
        (
            "{ office = \"minister\", decider = \"president\", act = \"appoints\" }",
            "{ office = \"minister\", proposer = \"president\", decider = \"president\", act = \"appoints\" }",
            "cannot propose to itself",
        ),
        (
            "{ office = \"minister\", decider = \"president\", act = \"appoints\" }",
            "\"minister:president\"",
            "expected a list of tables",
        ),
    ] {
        let e = load_error(&altered(file, from, to));
        assert_eq!(e.file, file, "{e}");
        assert_eq!(e.key.as_deref(), Some("powers.appointments.value"), "{e}");
        assert!(e.message.contains(says), "{says}: {e}");
        assert!(e.line.is_some_and(|l| l < line), "{e}");
    }
}

#[test]
fn unit_ids_are_slugs_listed_once() {
    let e = load_error(&altered(
        "law/kz/state.toml",
        "\"north_kazakhstan\",",
        "\"North Kazakhstan\",",
    ));
    assert!(
        e.to_string().contains("`North Kazakhstan` is not an id"),
        "{e}"
    );
    let e = load_error(&altered(
        "law/kz/state.toml",
        "\"north_kazakhstan\",",
        "\"akmola\",",
    ));
    assert!(e.to_string().contains("`akmola` is listed twice"), "{e}");
    // A new unit needs no Rust change: the rulebook is the only list of units.
    let files = altered(
        "law/kz/state.toml",
        "\"shymkent\",\n]\nact = \"decree-2022-05-three-regions\"",
        "\"shymkent\",\n  \"new_region_2\",\n]\nact = \"decree-2022-05-three-regions\"",
    );
    let pairs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let book = load_rulebook(&pairs).unwrap();
    assert_eq!(
        book.ever_listed(Param::StateUnits).last(),
        Some(&"new_region_2")
    );
}

#[test]
fn chambers_are_checked_when_the_rulebook_loads() {
    let cases = [
        (
            "{ kind = \"party_list\", count = \"kurultai.list_seats\" },",
            "{ kind = \"lottery\", count = \"kurultai.list_seats\" },",
            "chamber `kurultai`: seat kind `lottery` is not one of party_list",
        ),
        (
            "{ kind = \"party_list\", count = \"kurultai.list_seats\" },",
            "{ kind = \"party_list\", count = \"kurultai.threshold\" },",
            "`count` must name a whole-number parameter of the rulebook, not `kurultai.threshold`",
        ),
        (
            "{ kind = \"party_list\", count = \"kurultai.list_seats\" },",
            "{ kind = \"party_list\", count = \"kurultai.seats\" },",
            "not `kurultai.seats`",
        ),
        (
            "{ id = \"kurultai\", name = \"Kurultai\", seats = [",
            "{ id = \"Kurultai\", name = \"Kurultai\", seats = [",
            "`id` must be a lowercase name",
        ),
        (
            "{ id = \"kurultai\", name = \"Kurultai\", seats = [",
            "{ id = \"kurultai\", seats = [",
            "chamber `kurultai`: `name` is missing",
        ),
    ];
    for (from, to, says) in cases {
        let e = load_error(&altered("law/kz/parliament.toml", from, to));
        let text = e.to_string();
        assert!(text.contains("law/kz/parliament.toml"), "{text}");
        assert!(text.contains("parliament.chambers"), "{text}");
        assert!(text.contains(says), "{says}: {text}");
    }
}

#[test]
fn parliament_is_the_two_chambers_then_the_kurultai() {
    use crate::polity::chambers::{chambers_on, sits};
    let book = book();
    let law = Law::new(&book, &[]);
    let (chambers, _) = chambers_on(&law.at(date(2024, 1, 1))).unwrap();
    let seats: Vec<(&str, Option<u64>)> = chambers
        .iter()
        .map(|c| (c.id.as_str(), c.total()))
        .collect();
    // 69 list + 29 single-member + 0 Assembly; 2 × 20 units + 10 appointed.
    assert_eq!(seats, [("mazhilis", Some(98)), ("senate", Some(50))]);
    let (chambers, cited) = chambers_on(&law.at(date(2026, 7, 1))).unwrap();
    assert_eq!(chambers.len(), 1);
    assert_eq!(
        (chambers[0].id.as_str(), chambers[0].total()),
        ("kurultai", Some(145))
    );
    assert_eq!(cited.act.as_deref(), Some("constitution-2026"));
    let says = sits(&law.at(date(2026, 7, 1)), "mazhilis", date(2026, 7, 1))
        .unwrap()
        .unwrap_err();
    assert!(says.contains("parliament is the Kurultai"), "{says}");
    assert!(
        sits(&law.at(date(2026, 6, 30)), "mazhilis", date(2026, 6, 30))
            .unwrap()
            .is_ok()
    );
    // The Supreme Council of the 1993 Constitution: 135 + 42 seats from the 1994 election;
    // between its dissolution on 11 March 1995 and the 1995 Constitution, no parliament.
    let (chambers, _) = chambers_on(&law.at(date(1994, 6, 1))).unwrap();
    assert_eq!(
        (chambers[0].id.as_str(), chambers[0].total()),
        ("supreme_council", Some(177))
    );
    let (chambers, cited) = chambers_on(&law.at(date(1995, 5, 1))).unwrap();
    assert!(chambers.is_empty());
    assert_eq!(cited.act.as_deref(), Some("decree-1995-03-11"));
    // Before the 1998 amendments the Senate's seats are not known: said, not dropped.
    let (chambers, _) = chambers_on(&law.at(date(1996, 1, 1))).unwrap();
    let senate = chambers.iter().find(|c| c.id == "senate").unwrap();
    assert_eq!(senate.total(), None);
    assert!(
        senate.seats[0]
            .unknown
            .as_deref()
            .is_some_and(|w| w.contains("unknown"))
    );
}

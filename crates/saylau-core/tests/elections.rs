//! The presidential and seat-election engines against the seed's results, the built-in
//! rulebook, and small rulebooks built here to reach rules the built-in one never uses.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::LazyLock;

use jiff::civil::{Date, date};
use proptest::prelude::*;
use saylau_core::builtin;
use saylau_core::elections::majority::{self, Contest, ContestOutcome, ElectionError};
use saylau_core::elections::president::{self, Candidate, PresidentOutcome, Term};
use saylau_core::exact::date::FuzzyDate;
use saylau_core::exact::fraction::Fraction;
use saylau_core::explain::Step;
use saylau_core::law::{Cited, Law, LawRef, Param, Rulebook, load_rulebook};

// ---------------------------------------------------------------------------------------------
// helpers

fn builtin_book() -> Rulebook {
    builtin::rulebook().unwrap_or_else(|e| panic!("the built-in rulebook loads: {e}"))
}

/// A rulebook in force from 1990 where every parameter is unknown except those given as
/// `(name, TOML value)`.
fn small_book(values: &[(&str, &str)]) -> Rulebook {
    let mut text =
        String::from("[rulebook]\nchecked_through = 2099-12-31\nsource = \"a test rulebook\"\n\n");
    for param in Param::ALL {
        let value = values
            .iter()
            .find(|(name, _)| *name == param.name())
            .map_or("\"unknown\"", |(_, v)| *v);
        text.push_str(&format!(
            "[[{}]]\nfrom = 1990-01-01\nvalue = {value}\nsource = \"test rule for {}\"\n\n",
            param.name(),
            param.name()
        ));
    }
    for (name, _) in values {
        assert!(
            Param::from_name(name).is_some(),
            "unknown parameter `{name}`"
        );
    }
    load_rulebook(&[("test.toml", &text)]).unwrap_or_else(|e| panic!("test rulebook: {e}"))
}

const PRESIDENT_RULES: &[(&str, &str)] = &[
    ("president.majority", "\"50%\""),
    ("president.runoff_candidates", "2"),
    ("president.min_age", "40"),
    ("president.max_age", "\"none\""),
    ("president.residence_years", "15"),
    ("president.citizenship_required", "true"),
    ("president.state_language_required", "true"),
    ("president.max_consecutive_terms", "2"),
    ("president.max_terms", "\"none\""),
];

/// A small rulebook with the presidential rules, shared by the property tests.
static PRESIDENT_BOOK: LazyLock<Rulebook> = LazyLock::new(|| small_book(PRESIDENT_RULES));

/// The parameter names cited anywhere in `steps`.
fn cited(steps: &[Step]) -> Vec<&'static str> {
    steps
        .iter()
        .flat_map(|s| s.law.iter().map(|l| l.parameter))
        .collect()
}

/// The citation of `param` in `steps`; fails if it is not cited.
fn citation<'a>(steps: &'a [Step], param: &str) -> &'a LawRef {
    steps
        .iter()
        .flat_map(|s| &s.law)
        .find(|l| l.parameter == param)
        .unwrap_or_else(|| panic!("`{param}` is not cited; cited: {:?}", cited(steps)))
}

fn tally(pairs: &[(&str, u64)]) -> Vec<(String, u64)> {
    pairs.iter().map(|(n, v)| ((*n).to_string(), *v)).collect()
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|n| (*n).to_string()).collect()
}

fn first_round(
    book: &Rulebook,
    on: Date,
    votes: &[(&str, u64)],
    participating: u64,
) -> president::PresidentResult {
    president::first_round(Law::new(book, &[]).at(on), &tally(votes), participating)
        .unwrap_or_else(|e| panic!("first round on {on}: {e}"))
}

fn contest(name: &str, seats: u64, voting: u64, votes: &[(&str, u64)]) -> Contest {
    Contest {
        name: name.to_string(),
        seats,
        voting,
        candidates: tally(votes),
    }
}

fn test_ref(parameter: &'static str, value: &str) -> LawRef {
    LawRef {
        parameter,
        value: value.to_string(),
        from: FuzzyDate::day(date(1990, 1, 1)),
        source: "test".to_string(),
        act: None,
        note: None,
        reform: None,
        projected_from: None,
    }
}

fn half() -> Cited<Fraction> {
    Cited {
        value: Fraction::integer(50),
        law: test_ref("senate.majority", "50%"),
    }
}

fn per_seat(n: u64) -> Cited<u64> {
    Cited {
        value: n,
        law: test_ref("senate.repeat_vote_candidates_per_seat", &n.to_string()),
    }
}

/// A candidate who meets every requirement of the 1998–2007 texts on any date used here.
fn candidate() -> Candidate {
    Candidate {
        name: "Candidate".to_string(),
        birth_date: date(1950, 1, 1),
        citizen: true,
        state_language: true,
        residence_years: 30,
        first_president: false,
        terms: Vec::new(),
    }
}

fn eligibility(book: &Rulebook, on: Date, c: &Candidate) -> president::Eligibility {
    president::eligibility(Law::new(book, &[]).at(on), c)
        .unwrap_or_else(|e| panic!("eligibility on {on}: {e}"))
}

fn failed(e: &president::Eligibility) -> Vec<&'static str> {
    e.reasons
        .iter()
        .filter(|r| !r.met)
        .map(|r| r.criterion)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// presidential first round (Constitution art. 41(5))

#[test]
fn president_1999_elected_with_the_cec_counts() {
    let book = builtin_book();
    // Counts as given by e-history.kz; the number of voters who took part is not among them,
    // so the sum of the candidates' votes stands in for it (a lower bound: more voters would
    // only lower the shares, and 5846817 is more than half of any turnout below 11693634).
    let votes = [
        ("Nursultan Nazarbaev", 5_846_817),
        ("Serikbolsyn Abdildin", 857_386),
        ("Gani Kasymov", 337_794),
        ("Enguels Gabbasov", 55_708),
    ];
    let cast = votes.iter().map(|(_, v)| v).sum();
    let result = first_round(&book, date(1999, 1, 10), &votes, cast);
    assert_eq!(
        result.outcome,
        PresidentOutcome::Elected {
            winner: "Nursultan Nazarbaev".into()
        }
    );
    assert_eq!(result.participating, 7_097_705);
    let majority = citation(&result.steps, "president.majority");
    assert_eq!(majority.value, "50%");
    assert!(
        majority.source.contains("art. 41(5)"),
        "{}",
        majority.source
    );
    // The table gives the exact share and its decimal.
    let table = result.steps.iter().find_map(|s| s.table.as_ref()).unwrap();
    assert_eq!(table.rows[0][2], serde_json::json!("5846817/7097705"));
    assert_eq!(table.rows[0][3], serde_json::json!("82.38%"));
}

#[test]
fn president_2005_elected_with_the_seed_shares() {
    let book = builtin_book();
    // The seed's shares in hundredths of a percent of the voters who took part.
    let votes = [
        ("Nursultan Nazarbaev", 9115),
        ("Zharmakhan Tuyakbay", 661),
        ("Alikhan Baimenov", 161),
        ("Erasyl Abylkasymov", 34),
        ("Mels Eleusizov", 28),
    ];
    let result = first_round(&book, date(2005, 12, 4), &votes, 10_000);
    assert_eq!(
        result.outcome,
        PresidentOutcome::Elected {
            winner: "Nursultan Nazarbaev".into()
        }
    );
    assert!(cited(&result.steps).contains(&"president.majority"));
    // Nobody went to a second round, so its rule is not read or cited.
    assert!(!cited(&result.steps).contains(&"president.runoff_candidates"));
}

#[test]
fn president_without_a_majority_goes_to_a_second_round_between_the_top_two() {
    let book = builtin_book();
    let result = first_round(
        &book,
        date(2005, 12, 4),
        &[("C", 22), ("A", 48), ("B", 30)],
        100,
    );
    assert_eq!(
        result.outcome,
        PresidentOutcome::SecondRound {
            candidates: names(&["A", "B"])
        }
    );
    let runoff = citation(&result.steps, "president.runoff_candidates");
    assert_eq!(runoff.value, "2");
}

#[test]
fn president_majority_is_of_participating_voters_and_strict() {
    let book = small_book(PRESIDENT_RULES);
    let on = date(2005, 12, 4);
    // Exactly half of those who took part is not more than half.
    let result = first_round(&book, on, &[("A", 50), ("B", 50)], 100);
    assert_eq!(
        result.outcome,
        PresidentOutcome::SecondRound {
            candidates: names(&["A", "B"])
        }
    );
    // 51 of 100 valid votes, but of 103 who took part: not a majority.
    let result = first_round(&book, on, &[("A", 51), ("B", 49)], 103);
    assert!(matches!(
        result.outcome,
        PresidentOutcome::SecondRound { .. }
    ));
    let result = first_round(&book, on, &[("A", 51), ("B", 49)], 101);
    assert_eq!(
        result.outcome,
        PresidentOutcome::Elected { winner: "A".into() }
    );
}

#[test]
fn president_tie_for_second_place_is_reported() {
    let book = builtin_book();
    let result = first_round(
        &book,
        date(2005, 12, 4),
        &[("A", 48), ("B", 26), ("C", 26)],
        100,
    );
    assert_eq!(
        result.outcome,
        PresidentOutcome::Tie {
            tied: names(&["B", "C"]),
            places: 1
        }
    );
    assert!(result.steps.iter().any(|s| s.rule == "tie"));
}

#[test]
fn president_input_errors() {
    let book = builtin_book();
    let law = Law::new(&book, &[]).at(date(2005, 12, 4));
    let err = |votes: &[(&str, u64)], participating| {
        president::first_round(law, &tally(votes), participating).unwrap_err()
    };
    assert_eq!(err(&[], 10), ElectionError::NoCandidates);
    assert_eq!(
        err(&[("A", 1), ("A", 2)], 10),
        ElectionError::DuplicateCandidate("A".into())
    );
    assert_eq!(err(&[("A", 0)], 0), ElectionError::NoParticipants);
    let e = err(&[("A", 6), ("B", 5)], 10);
    assert_eq!(
        e.to_string(),
        "participating voters (10) are fewer than the votes cast for candidates (11)"
    );
}

#[test]
fn president_1991_is_before_the_rulebook() {
    let book = builtin_book();
    let law = Law::new(&book, &[]).at(date(1991, 12, 1));
    let e = president::first_round(law, &tally(&[("A", 10)]), 10).unwrap_err();
    assert!(e.to_string().contains("not in force on 1991-12-01"), "{e}");
    let e = president::eligibility(law, &candidate()).unwrap_err();
    assert!(e.to_string().contains("not in force on 1991-12-01"), "{e}");
}

#[test]
fn president_result_serializes_with_a_tagged_outcome() {
    let book = builtin_book();
    let result = first_round(
        &book,
        date(2005, 12, 4),
        &[("A", 48), ("B", 30), ("C", 22)],
        100,
    );
    let json = serde_json::to_value(&result).unwrap();
    assert_eq!(json["outcome"], "second_round");
    assert_eq!(json["candidates"], serde_json::json!(["A", "B"]));
    assert_eq!(json["participating"], 100);
    assert_eq!(
        json["steps"][0]["law"][0]["parameter"],
        "president.majority"
    );
}

// ---------------------------------------------------------------------------------------------
// eligibility (Constitution arts. 41(2), 42(5))

#[test]
fn eligibility_age_is_counted_on_the_election_day() {
    let book = builtin_book();
    let c = Candidate {
        birth_date: date(1965, 12, 4),
        ..candidate()
    };
    let on_birthday = eligibility(&book, date(2005, 12, 4), &c);
    assert!(on_birthday.eligible, "{:?}", on_birthday.reasons);
    let day_before = eligibility(&book, date(2005, 12, 3), &c);
    assert!(!day_before.eligible);
    assert_eq!(failed(&day_before), ["age"]);
    let age = &day_before.reasons[1];
    assert!(age.says.contains("is 39"), "{}", age.says);
    let params: Vec<&str> = age.law.iter().map(|l| l.parameter).collect();
    assert_eq!(params, ["president.min_age", "president.max_age"]);
    assert_eq!(age.law[0].value, "40");
}

#[test]
fn eligibility_reports_every_criterion_with_its_law() {
    let book = builtin_book();
    let result = eligibility(&book, date(2009, 12, 31), &candidate());
    assert!(result.eligible);
    let criteria: Vec<&str> = result.reasons.iter().map(|r| r.criterion).collect();
    assert_eq!(
        criteria,
        [
            "citizenship",
            "age",
            "state_language",
            "residence",
            "term_limit",
            "times_elected"
        ]
    );
    assert!(result.reasons.iter().all(|r| !r.law.is_empty()));
    for param in [
        "president.citizenship_required",
        "president.min_age",
        "president.max_age",
        "president.state_language_required",
        "president.residence_years",
        "president.max_consecutive_terms",
    ] {
        let law = citation(&result.steps, param);
        assert!(!law.source.is_empty(), "`{param}` has a source");
    }
    assert!(
        citation(&result.steps, "president.residence_years")
            .source
            .contains("41")
    );
    assert_eq!(result.steps.last().unwrap().rule, "eligibility");
}

#[test]
fn eligibility_term_limit_before_2007_is_two_in_a_row() {
    // From 1995 the Constitution allowed two terms in a row (art. 42(5)); an incumbent with one
    // running term may stand again, and the finding cites the limit.
    let book = builtin_book();
    let on = date(2005, 12, 4);
    let incumbent = Candidate {
        terms: vec![Term {
            start: date(1999, 1, 20),
            end: date(2006, 1, 11),
        }],
        ..candidate()
    };
    let result = eligibility(&book, on, &incumbent);
    let term = &result.reasons[4];
    assert!(term.met, "{}", term.says);
    assert_eq!(term.law[0].parameter, "president.max_consecutive_terms");
    assert!(
        term.says.contains("At most 2 consecutive terms"),
        "{}",
        term.says
    );
}

#[test]
fn eligibility_residence_14_is_short_of_15() {
    let book = builtin_book();
    let on = date(2005, 12, 4);
    let short = eligibility(
        &book,
        on,
        &Candidate {
            residence_years: 14,
            ..candidate()
        },
    );
    assert_eq!(failed(&short), ["residence"]);
    assert_eq!(
        citation(&short.steps, "president.residence_years").value,
        "15"
    );
    let enough = eligibility(
        &book,
        on,
        &Candidate {
            residence_years: 15,
            ..candidate()
        },
    );
    assert!(enough.eligible);
}

#[test]
fn eligibility_without_the_state_language_or_citizenship() {
    let book = builtin_book();
    let on = date(2005, 12, 4);
    let no_language = eligibility(
        &book,
        on,
        &Candidate {
            state_language: false,
            ..candidate()
        },
    );
    assert_eq!(failed(&no_language), ["state_language"]);
    let foreigner = eligibility(
        &book,
        on,
        &Candidate {
            citizen: false,
            ..candidate()
        },
    );
    assert_eq!(failed(&foreigner), ["citizenship"]);
    // Every reason is given, not only the first.
    let both = eligibility(
        &book,
        on,
        &Candidate {
            citizen: false,
            state_language: false,
            residence_years: 3,
            ..candidate()
        },
    );
    assert_eq!(
        failed(&both),
        ["citizenship", "state_language", "residence"]
    );
}

fn two_terms() -> Vec<Term> {
    vec![
        Term {
            start: date(1999, 1, 20),
            end: date(2006, 1, 11),
        },
        Term {
            start: date(2006, 1, 11),
            end: date(2013, 1, 11),
        },
    ]
}

#[test]
fn eligibility_term_limit_exempts_the_first_president_from_2007() {
    let book = builtin_book();
    let on = date(2009, 12, 31);
    let first = Candidate {
        first_president: true,
        terms: two_terms(),
        ..candidate()
    };
    let result = eligibility(&book, on, &first);
    assert!(result.eligible, "{:?}", result.reasons);
    let exempt = citation(&result.steps, "president.first_president_exempt");
    assert_eq!(exempt.value, "true");
    assert_eq!(
        citation(&result.steps, "president.max_consecutive_terms").value,
        "2"
    );
    let term = result
        .reasons
        .iter()
        .find(|r| r.criterion == "term_limit")
        .unwrap();
    assert!(term.says.contains("interpretation"), "{}", term.says);

    let other = Candidate {
        first_president: false,
        ..first
    };
    let result = eligibility(&book, on, &other);
    assert_eq!(failed(&result), ["term_limit"]);
    // The exemption does not concern this candidate, so it is not read.
    assert!(!cited(&result.steps).contains(&"president.first_president_exempt"));
}

#[test]
fn eligibility_term_limit_counts_only_running_consecutive_terms() {
    let book = small_book(PRESIDENT_RULES);
    let on = date(2011, 4, 3);
    let with = |terms: Vec<Term>| {
        let result = eligibility(
            &book,
            on,
            &Candidate {
                terms,
                ..candidate()
            },
        );
        failed(&result)
    };
    // Two consecutive terms, the latest running: barred.
    assert_eq!(with(two_terms()), ["term_limit"]);
    // A gap of a day breaks the chain.
    assert!(
        with(vec![
            Term {
                start: date(1999, 1, 20),
                end: date(2006, 1, 10),
            },
            Term {
                start: date(2006, 1, 11),
                end: date(2013, 1, 11),
            },
        ])
        .is_empty()
    );
    // Both terms over before the election day: nothing is running.
    assert!(
        with(vec![
            Term {
                start: date(2001, 1, 1),
                end: date(2006, 1, 1),
            },
            Term {
                start: date(2006, 1, 1),
                end: date(2011, 1, 1),
            },
        ])
        .is_empty()
    );
    // The order in which terms are given does not matter.
    let mut reversed = two_terms();
    reversed.reverse();
    assert_eq!(with(reversed), ["term_limit"]);
    // The exemption is unknown in this rulebook: needed for a first president, so an error.
    let first = Candidate {
        first_president: true,
        terms: two_terms(),
        ..candidate()
    };
    let e = president::eligibility(Law::new(&book, &[]).at(on), &first).unwrap_err();
    assert!(
        e.to_string().contains("president.first_president_exempt"),
        "{e}"
    );
}

#[test]
fn eligibility_applies_an_upper_age_limit_when_one_is_set() {
    let mut rules = PRESIDENT_RULES.to_vec();
    rules.retain(|(n, _)| *n != "president.max_age" && *n != "president.min_age");
    rules.push(("president.min_age", "35"));
    rules.push(("president.max_age", "65"));
    let book = small_book(&rules);
    let old = Candidate {
        birth_date: date(1930, 1, 1),
        ..candidate()
    };
    let result = eligibility(&book, date(1997, 1, 1), &old);
    assert_eq!(failed(&result), ["age"]);
    assert!(result.reasons[1].says.contains("too old"));
}

// ---------------------------------------------------------------------------------------------
// Senate (Constitution art. 51(2); Constitutional Law on Elections art. 9(1))

const SENATE_2008: Date = date(2008, 10, 4);

#[test]
fn senate_majority_elects_and_otherwise_a_repeat_vote_between_the_top_two() {
    let book = builtin_book();
    let contests = [
        contest("akmola", 0, 200, &[("A", 120), ("B", 80)]),
        contest("almaty", 0, 150, &[("C", 70), ("D", 50), ("E", 30)]),
    ];
    let result =
        majority::senate(Law::new(&book, &[]).at(SENATE_2008), &contests, None, &[]).unwrap();
    let [akmola, almaty] = result.units.as_slice() else {
        panic!("two units");
    };
    assert_eq!(akmola.seats, 1, "2 elected per unit, half renewed");
    assert_eq!(akmola.elected, names(&["A"]));
    assert_eq!(akmola.outcome, ContestOutcome::Filled);
    assert!(almaty.elected.is_empty());
    assert_eq!(
        almaty.outcome,
        ContestOutcome::RepeatVote {
            unfilled: 1,
            candidates: names(&["C", "D"])
        }
    );
    for unit in &result.units {
        let params = cited(&unit.steps);
        for p in ["senate.seat_rule", "senate.majority"] {
            assert!(params.contains(&p), "`{}` cites {p}: {params:?}", unit.name);
        }
    }
    assert!(cited(&almaty.steps).contains(&"senate.repeat_vote_candidates_per_seat"));
    let senate_majority = citation(&akmola.steps, "senate.majority");
    assert!(
        senate_majority.source.contains("art. 9"),
        "{}",
        senate_majority.source
    );
    assert!(
        citation(&akmola.steps, "senate.majority")
            .source
            .contains("art. 9")
    );
    let params = cited(&result.steps);
    for p in [
        "state.units",
        "senate.elected_per_unit",
        "senate.renewal_share",
        "senate.appointed_seats",
    ] {
        assert!(params.contains(&p), "senate steps cite {p}: {params:?}");
    }
    assert_eq!(result.appointed.seats, 15);
    assert_eq!(result.appointed.law.parameter, "senate.appointed_seats");
}

#[test]
fn senate_seats_per_unit_can_be_given() {
    let book = builtin_book();
    let contests = [contest(
        "astana",
        0,
        100,
        &[("A", 80), ("B", 60), ("C", 30), ("D", 20)],
    )];
    let result = majority::senate(
        Law::new(&book, &[]).at(SENATE_2008),
        &contests,
        Some(2),
        &[],
    )
    .unwrap();
    let unit = &result.units[0];
    assert_eq!(unit.seats, 2);
    assert_eq!(unit.elected, names(&["A", "B"]));
    assert_eq!(unit.outcome, ContestOutcome::Filled);
    assert!(!cited(&result.steps).contains(&"senate.renewal_share"));
}

#[test]
fn senate_errors() {
    let book = builtin_book();
    let law = Law::new(&book, &[]).at(SENATE_2008);
    let ok = contest("akmola", 0, 200, &[("A", 120), ("B", 80)]);

    let e =
        majority::senate(law, &[contest("atlantis", 0, 10, &[("A", 6)])], None, &[]).unwrap_err();
    assert!(matches!(&e, ElectionError::UnknownUnit { unit, .. } if unit == "atlantis"));
    assert!(
        e.to_string()
            .starts_with("`atlantis` is not a unit on 2008-10-04"),
        "{e}"
    );

    let e = majority::senate(law, &[ok.clone(), ok.clone()], None, &[]).unwrap_err();
    assert_eq!(e, ElectionError::DuplicateContest("akmola".into()));

    let sixteen: Vec<String> = (1..=16).map(|i| format!("Appointee {i}")).collect();
    let e = majority::senate(law, std::slice::from_ref(&ok), None, &sixteen).unwrap_err();
    assert_eq!(
        e.to_string(),
        "16 appointed senators were named, but the president appoints 15 on 2008-10-04"
    );
    let fifteen = &sixteen[..15];
    let result = majority::senate(law, std::slice::from_ref(&ok), None, fifteen).unwrap();
    assert_eq!(result.appointed.names.len(), 15);

    let e =
        majority::senate(law, &[contest("akmola", 0, 100, &[("A", 101)])], None, &[]).unwrap_err();
    assert!(matches!(
        e,
        ElectionError::VotesExceedVoting {
            votes: 101,
            voting: 100,
            ..
        }
    ));
    let e = majority::senate(
        law,
        &[contest("akmola", 0, 0, &[("A", 0), ("B", 0)])],
        None,
        &[],
    )
    .unwrap_err();
    assert_eq!(e, ElectionError::NoVoting("akmola".into()));
}

#[test]
fn senate_appointed_seats_were_seven_before_2007() {
    let book = builtin_book();
    let law = Law::new(&book, &[]).at(date(2005, 8, 19));
    let eight: Vec<String> = (1..=8).map(|i| format!("Appointee {i}")).collect();
    let contests = [contest("akmola", 1, 200, &[("A", 120), ("B", 80)])];
    let e = majority::senate(law, &contests, Some(1), &eight).unwrap_err();
    assert!(
        matches!(
            e,
            ElectionError::TooManyAppointed {
                given: 8,
                seats: 7,
                ..
            }
        ),
        "{e}"
    );
    let result = majority::senate(law, &contests, Some(1), &eight[..7]).unwrap();
    assert_eq!(result.appointed.seats, 7);
    assert_eq!(result.units[0].elected, names(&["A"]));
}

#[test]
fn senate_renewal_share_must_give_whole_seats() {
    let units = "[\"akmola\", \"astana\"]";
    let rules = [
        ("state.units", units),
        ("senate.elected_per_unit", "2"),
        ("senate.renewal_share", "\"1/3\""),
        ("senate.appointed_seats", "15"),
        ("senate.seat_rule", "\"absolute_majority_with_repeat_vote\""),
        ("senate.majority", "\"50%\""),
        ("senate.repeat_vote_candidates_per_seat", "2"),
    ];
    let book = small_book(&rules);
    let law = Law::new(&book, &[]).at(SENATE_2008);
    let e = majority::senate(law, &[contest("akmola", 0, 10, &[("A", 6)])], None, &[]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "seats per unit are not a whole number: 2 elected per unit times a renewal share of 1/3 is 2/3"
    );
}

#[test]
fn senate_dispatches_on_the_seat_rule() {
    let rules = [
        ("state.units", "[\"akmola\"]"),
        ("senate.elected_per_unit", "2"),
        ("senate.renewal_share", "\"1/2\""),
        ("senate.appointed_seats", "15"),
        ("senate.seat_rule", "\"plurality\""),
    ];
    let book = small_book(&rules);
    let law = Law::new(&book, &[]).at(SENATE_2008);
    // Under plurality 70 of 150 is enough; no majority parameter is read.
    let result = majority::senate(
        law,
        &[contest("akmola", 0, 150, &[("C", 70), ("D", 50)])],
        None,
        &[],
    )
    .unwrap();
    assert_eq!(result.units[0].elected, names(&["C"]));
    assert_eq!(result.units[0].outcome, ContestOutcome::Filled);
    assert_eq!(
        citation(&result.units[0].steps, "senate.seat_rule").value,
        "plurality"
    );
}

// ---------------------------------------------------------------------------------------------
// the Assembly of People's Mazhilis deputies (Constitution art. 51(1))

const ASSEMBLY_2007: Date = date(2007, 8, 20);

fn assembly_candidates(votes: &[u64]) -> Vec<(String, u64)> {
    votes
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("A{}", i + 1), *v))
        .collect()
}

#[test]
fn assembly_fills_nine_seats() {
    let book = builtin_book();
    let c = Contest {
        name: "assembly".into(),
        seats: 0,
        voting: 351,
        candidates: assembly_candidates(&[300, 298, 290, 285, 282, 277, 274, 270, 260, 100]),
    };
    let result = majority::assembly(Law::new(&book, &[]).at(ASSEMBLY_2007), &c).unwrap();
    assert_eq!(result.seats, 9);
    assert_eq!(result.elected.len(), 9);
    assert!(!result.elected.contains(&"A10".to_string()));
    assert_eq!(result.outcome, ContestOutcome::Filled);
    let params = cited(&result.steps);
    for p in [
        "mazhilis.assembly_seats",
        "assembly.seat_rule",
        "assembly.majority",
    ] {
        assert!(params.contains(&p), "cites {p}: {params:?}");
    }
    assert_eq!(
        citation(&result.steps, "mazhilis.assembly_seats").value,
        "9"
    );
    let rule = citation(&result.steps, "assembly.seat_rule");
    assert!(rule.source.contains("art. 9(1)"), "{}", rule.source);
}

#[test]
fn assembly_rule_is_unknown_before_the_june_2007_amendments() {
    let book = builtin_book();
    let c = Contest {
        name: "assembly".into(),
        seats: 0,
        voting: 351,
        candidates: assembly_candidates(&[300, 298, 290, 285, 282, 277, 274, 270, 260]),
    };
    let e = majority::assembly(Law::new(&book, &[]).at(date(2007, 6, 1)), &c).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("`assembly.seat_rule` on 2007-06-01 is unknown"),
        "{e}"
    );
}

#[test]
fn assembly_repeat_vote_for_the_seats_left() {
    let book = builtin_book();
    let c = Contest {
        name: "assembly".into(),
        seats: 0,
        voting: 351,
        candidates: assembly_candidates(&[
            300, 298, 290, 285, 282, 277, 274, 170, 160, 150, 140, 100,
        ]),
    };
    let result = majority::assembly(Law::new(&book, &[]).at(ASSEMBLY_2007), &c).unwrap();
    assert_eq!(
        result.elected,
        names(&["A1", "A2", "A3", "A4", "A5", "A6", "A7"])
    );
    assert_eq!(
        result.outcome,
        ContestOutcome::RepeatVote {
            unfilled: 2,
            candidates: names(&["A8", "A9", "A10", "A11"])
        }
    );
    assert!(cited(&result.steps).contains(&"assembly.repeat_vote_candidates_per_seat"));
    let json = serde_json::to_value(&result).unwrap();
    assert_eq!(json["outcome"], "repeat_vote");
    assert_eq!(json["unfilled"], 2);
}

// ---------------------------------------------------------------------------------------------
// the absolute-majority rule itself

#[test]
fn absolute_majority_ties_at_either_boundary_are_reported() {
    // Two seats, three over half: the second seat is tied.
    let c = contest("x", 2, 100, &[("A", 70), ("B", 60), ("C", 60)]);
    let r = majority::absolute_majority(&c, &half(), &per_seat(2)).unwrap();
    assert_eq!(r.elected, names(&["A"]));
    assert_eq!(
        r.outcome,
        ContestOutcome::Tie {
            tied: names(&["B", "C"]),
            places: 1
        }
    );
    // Nobody over half; the second place in the repeat vote is tied.
    let c = contest("x", 1, 100, &[("A", 40), ("B", 30), ("C", 30)]);
    let r = majority::absolute_majority(&c, &half(), &per_seat(2)).unwrap();
    assert!(r.elected.is_empty());
    assert_eq!(
        r.outcome,
        ContestOutcome::Tie {
            tied: names(&["B", "C"]),
            places: 1
        }
    );
    // A tie wholly inside the repeat vote decides nothing yet.
    let c = contest("x", 1, 100, &[("A", 30), ("B", 30), ("C", 20)]);
    let r = majority::absolute_majority(&c, &half(), &per_seat(2)).unwrap();
    assert_eq!(
        r.outcome,
        ContestOutcome::RepeatVote {
            unfilled: 1,
            candidates: names(&["A", "B"])
        }
    );
}

#[test]
fn contest_errors() {
    let e = majority::absolute_majority(&contest("x", 0, 10, &[("A", 6)]), &half(), &per_seat(2))
        .unwrap_err();
    assert_eq!(e.to_string(), "`x` has no seats to fill");
    let e = majority::absolute_majority(&contest("x", 2, 10, &[("A", 6)]), &half(), &per_seat(2))
        .unwrap_err();
    assert_eq!(e.to_string(), "`x` has 1 candidate(s) for 2 seat(s)");
    let e =
        majority::absolute_majority(&contest("x", 1, 10, &[]), &half(), &per_seat(2)).unwrap_err();
    assert_eq!(e.to_string(), "`x` has no candidates");
    let e = majority::absolute_majority(
        &contest("x", 1, 10, &[("A", 1), ("A", 2)]),
        &half(),
        &per_seat(2),
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "candidate `A` is listed twice in `x`");
}

// ---------------------------------------------------------------------------------------------
// maslikhats (Constitutional Law on Elections art. 9(2) as amended 14 April 2004)

#[test]
fn maslikhat_plurality_and_a_tie() {
    let book = builtin_book();
    let contests = [
        contest("district 1", 1, 0, &[("A", 400), ("B", 350), ("C", 300)]),
        contest("district 2", 1, 0, &[("D", 200), ("E", 200)]),
        contest("district 3", 2, 1000, &[("F", 300), ("G", 290), ("H", 280)]),
    ];
    let results =
        majority::maslikhat(Law::new(&book, &[]).at(date(2007, 8, 18)), &contests).unwrap();
    assert_eq!(results[0].elected, names(&["A"]));
    assert_eq!(results[0].outcome, ContestOutcome::Filled);
    assert!(results[1].elected.is_empty());
    assert_eq!(
        results[1].outcome,
        ContestOutcome::Tie {
            tied: names(&["D", "E"]),
            places: 1
        }
    );
    // Plurality needs no share of the vote: 30% is enough.
    assert_eq!(results[2].elected, names(&["F", "G"]));
    for r in &results {
        let rule = citation(&r.steps, "maslikhat.seat_rule");
        assert_eq!(rule.value, "plurality");
        assert!(rule.source.contains("art. 9(2)"), "{}", rule.source);
    }
}

#[test]
fn maslikhat_without_a_majority_parameter_refuses_the_absolute_rule() {
    let book = small_book(&[(
        "maslikhat.seat_rule",
        "\"absolute_majority_with_repeat_vote\"",
    )]);
    let e = majority::maslikhat(
        Law::new(&book, &[]).at(date(2000, 1, 1)),
        &[contest("d", 1, 10, &[("A", 6)])],
    )
    .unwrap_err();
    assert!(
        matches!(e, ElectionError::UnsupportedSeatRule { .. }),
        "{e}"
    );
}

// ---------------------------------------------------------------------------------------------
// invariants

fn arb_votes() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(0u64..60, 1..7)
}

proptest! {
    /// The first round's outcome does not depend on the order candidates are listed in.
    #[test]
    fn first_round_ignores_the_order_of_candidates(votes in arb_votes(), extra in 0u64..50, rotate in 0usize..7) {
        let law = Law::new(&PRESIDENT_BOOK, &[]).at(date(2005, 12, 4));
        let named: Vec<(String, u64)> = votes.iter().enumerate().map(|(i, v)| (format!("C{i}"), *v)).collect();
        let participating = votes.iter().sum::<u64>() + extra + 1;
        let mut rotated = named.clone();
        let k = rotate % rotated.len();
        rotated.rotate_left(k);
        let a = president::first_round(law, &named, participating).unwrap().outcome;
        let b = president::first_round(law, &rotated, participating).unwrap().outcome;
        // Candidates with equal votes keep their input order, so compare as sets.
        let normal = |o: PresidentOutcome| match o {
            PresidentOutcome::Tie { mut tied, places } => {
                tied.sort();
                PresidentOutcome::Tie { tied, places }
            }
            PresidentOutcome::SecondRound { mut candidates } => {
                candidates.sort();
                PresidentOutcome::SecondRound { candidates }
            }
            other => other,
        };
        prop_assert_eq!(normal(a.clone()), normal(b));
        if let PresidentOutcome::Elected { winner } = a {
            let v = named.iter().find(|(n, _)| *n == winner).unwrap().1;
            prop_assert!(v * 2 > participating);
        }
    }

    /// Everyone elected has more than half; nobody elected is in the repeat vote; no more are
    /// elected than there are seats.
    #[test]
    fn absolute_majority_invariants(votes in arb_votes(), seats in 1u64..4, per in 1u64..3) {
        prop_assume!(votes.len() as u64 >= seats);
        let voting = votes.iter().copied().max().unwrap_or(0) + 40;
        let candidates: Vec<(String, u64)> = votes.iter().enumerate().map(|(i, v)| (format!("C{i}"), *v)).collect();
        let c = Contest { name: "x".into(), seats, voting, candidates: candidates.clone() };
        let r = majority::absolute_majority(&c, &half(), &per_seat(per)).unwrap();
        prop_assert!(r.elected.len() as u64 <= seats);
        for name in &r.elected {
            let v = candidates.iter().find(|(n, _)| n == name).unwrap().1;
            prop_assert!(v * 2 > voting);
        }
        match &r.outcome {
            ContestOutcome::Filled => prop_assert_eq!(r.elected.len() as u64, seats),
            ContestOutcome::RepeatVote { unfilled, candidates: repeat } => {
                prop_assert_eq!(*unfilled, seats - r.elected.len() as u64);
                prop_assert!(repeat.len() as u64 <= per * unfilled);
                prop_assert!(repeat.iter().all(|n| !r.elected.contains(n)));
            }
            ContestOutcome::Tie { tied, places } => {
                prop_assert!(tied.len() as u64 > *places);
                let first = candidates.iter().find(|(n, _)| *n == tied[0]).unwrap().1;
                prop_assert!(tied.iter().all(|t| candidates.iter().any(|(n, v)| n == t && *v == first)));
            }
        }
    }
}

#[test]
fn a_president_elected_under_the_single_term_may_not_stand_again() {
    // Constitution art. 42(5) as amended 17 September 2022: once only, for those elected after
    // it came into force (19 September 2022).
    let book = builtin_book();
    let on = date(2026, 6, 1);
    let elected_2022 = Candidate {
        terms: vec![Term {
            start: date(2022, 11, 26),
            end: date(2029, 11, 26),
        }],
        ..candidate()
    };
    let result = eligibility(&book, on, &elected_2022);
    assert_eq!(failed(&result), ["times_elected"]);
    let times = result
        .reasons
        .iter()
        .find(|r| r.criterion == "times_elected")
        .unwrap();
    assert_eq!(times.law[0].parameter, "president.max_terms");
    assert!(times.says.contains("more than 1 time(s)"), "{}", times.says);
    // A term begun before the rule came into force does not count.
    let elected_2019 = Candidate {
        terms: vec![Term {
            start: date(2019, 6, 12),
            end: date(2024, 6, 12),
        }],
        ..candidate()
    };
    assert!(failed(&eligibility(&book, on, &elected_2019)).is_empty());
}

/// The Kurultai's list election needs only data to compute: given the rules its sources do
/// not yet give (as a reform, the user's question), it distributes the 145 seats the
/// rulebook gives, citing the reform for what the law lacks.
#[test]
fn the_kurultai_computes_once_its_missing_rules_are_given() {
    use saylau_core::elections::mazhilis::{ListVotes, kurultai};
    use saylau_core::law::load_reform;
    let book = builtin_book();
    let reform = load_reform(
        "kurultai-rules.toml",
        "[reform]\nname = \"kurultai-rules\"\n\n\
         [[kurultai.threshold_base]]\nfrom = 2026-07-01\nvalue = \"participating_voters\"\n\n\
         [[kurultai.allocation_method]]\nfrom = 2026-07-01\nvalue = \"hare\"\n\n\
         [[kurultai.tie_rule]]\nfrom = 2026-07-01\nvalue = \"earlier_registration\"\n",
    )
    .unwrap();
    let reforms = [reform];
    let lists: Vec<ListVotes> = [("A", 600u64), ("B", 300), ("C", 60), ("D", 40)]
        .iter()
        .enumerate()
        .map(|(i, (p, v))| ListVotes {
            party: (*p).to_string(),
            votes: *v,
            registration: u32::try_from(i).unwrap() + 1,
        })
        .collect();
    let result = kurultai(Law::new(&book, &reforms).at(date(2026, 7, 1)), &lists, None).unwrap();
    let seats: Vec<u64> = result.seats.iter().map(|(_, n)| *n).collect();
    // 5% of 1000 is 50: D (4%) is out; 145 seats by Hare among 960 votes.
    assert_eq!(seats.iter().sum::<u64>(), 145);
    assert_eq!(seats, [91, 45, 9, 0]);
    let steps = cited(&result.steps);
    assert!(steps.contains(&"kurultai.list_seats"), "{steps:?}");
    assert!(steps.contains(&"kurultai.threshold"), "{steps:?}");
}

//! Properties of the registration engine on random member lists.
//!
//! The lists mix valid signatures with every kind of defect, drawn from a small pool of people
//! so that duplicates happen. A reform lowers the minimums (to 20 members, 1 per unit) so that
//! random lists are registrable often enough to test what adding a member does.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;
use std::sync::LazyLock;

use jiff::ToSpan;
use jiff::civil::{Date, date};
use proptest::prelude::*;
use saylau_core::builtin;
use saylau_core::law::{Law, Reform, load_reform};
use saylau_core::parties::iin::{Iin, Sex};
use saylau_core::parties::registration::{
    Application, Decision, Person, REASONS, Reason, Rules, Signature, Tally,
};

const REFORM: &str = r#"
[reform]
name = "small-party"
description = "20 members and 1 per unit (test)"

[[party.min_members]]
from = 2009-03-01
value = 20

[[party.min_members_per_unit]]
from = 2009-03-01
value = 1
"#;

fn application() -> Application {
    Application {
        filed: date(2009, 7, 15),
        committee_registered: date(2009, 3, 2),
        founders: 1000,
    }
}

/// The rules, looked up once for all cases.
static RULES: LazyLock<Rules> = LazyLock::new(|| {
    let book = builtin::rulebook().unwrap();
    let reforms: Vec<Reform> = vec![load_reform("small-party", REFORM).unwrap()];
    let app = application();
    Rules::new(Law::new(&book, &reforms), app.filed, &app).unwrap()
});

fn with_rules<T>(f: impl FnOnce(&Rules) -> T) -> T {
    f(&RULES)
}

/// How many units the built-in rulebook has in force in 2009: persons are spread over them.
static UNITS: std::sync::LazyLock<usize> = std::sync::LazyLock::new(|| {
    let book = saylau_core::builtin::rulebook().unwrap();
    Law::new(&book, &[])
        .at(date(2009, 7, 15))
        .list(saylau_core::law::Param::StateUnits)
        .unwrap()
        .value
        .len()
});

/// A person of the pool: index → a valid IIN, and register facts drawn from `traits`.
fn person(index: u16, traits: u8) -> (Iin, Person) {
    let born = if traits & 4 != 0 {
        date(1995, 1, 1) // a minor in 2009
    } else {
        date(1950, 1, 1)
            .checked_add(i64::from(index).days())
            .unwrap()
    };
    let iin = (0..10)
        .find_map(|k| Iin::from_parts(born, Sex::Female, index * 10 + k))
        .unwrap();
    let person = Person {
        birth_date: born,
        unit: u8::try_from(usize::from(index) % *UNITS).unwrap(),
        citizen: traits & 1 == 0,
        deceased: traits & 2 != 0,
        occupation: (traits & 8 != 0).then_some(3), // `judge`
    };
    (iin, person)
}

/// One row: who signs (from a pool of 60), defects, and the day.
#[derive(Debug, Clone)]
struct Row {
    who: u16,
    traits: u8,
    invalid_iin: bool,
    unregistered: bool,
    other_party: bool,
    day: i64,
}

fn row() -> impl Strategy<Value = Row> {
    (
        0u16..60,
        prop_oneof![4 => Just(0u8), 1 => 0u8..16],
        prop::bool::weighted(0.05),
        prop::bool::weighted(0.05),
        prop::bool::weighted(0.05),
        prop_oneof![8 => 0i64..122, 1 => -10i64..140],
    )
        .prop_map(
            |(who, traits, invalid_iin, unregistered, other_party, day)| Row {
                who,
                traits,
                invalid_iin,
                unregistered,
                other_party,
                day,
            },
        )
}

fn signature(r: &Row) -> Signature {
    // A person's register facts depend on who they are, not on the row.
    let traits = if r.who < 45 { 0 } else { r.traits };
    let (iin, person) = person(r.who, traits);
    Signature {
        iin: if r.invalid_iin {
            Iin::parse("123")
        } else {
            Ok(iin)
        },
        signed_on: date(2009, 3, 2).checked_add(r.day.days()).unwrap(),
        person: (!r.unregistered).then_some(person),
        other_party: r.other_party,
    }
}

/// The reference: every check spelled out, the first failing one wins; a duplicate is an IIN
/// already seen among rows that passed the checks before it.
fn reference(rules: &Rules, rows: &[Signature]) -> Vec<Result<(), Reason>> {
    let (from, to) = rules.window();
    let mut seen = HashSet::new();
    rows.iter()
        .map(|s| {
            let mut fails = Vec::new();
            let Ok(iin) = s.iin else {
                return Err(Reason::InvalidIin);
            };
            let Some(p) = s.person else {
                return Err(Reason::NotInRegister);
            };
            if !p.citizen {
                fails.push(Reason::NotCitizen);
            }
            if p.deceased {
                fails.push(Reason::Deceased);
            }
            if saylau_core::exact::date::age_on(p.birth_date, s.signed_on) < 18 {
                fails.push(Reason::UnderAge);
            }
            if p.occupation == Some(3) {
                fails.push(Reason::BarredOccupation);
            }
            if s.signed_on < from || s.signed_on > to {
                fails.push(Reason::OutsideWindow);
            }
            if let Some(first) = fails.first() {
                return Err(*first);
            }
            if !seen.insert(iin) {
                return Err(Reason::Duplicate);
            }
            if s.other_party {
                return Err(Reason::OtherParty);
            }
            Ok(())
        })
        .collect()
}

fn decide(rules: &Rules, rows: &[Signature]) -> (Decision, u64) {
    let mut tally = Tally::new();
    for r in rows {
        let _ = tally.add(rules, r);
    }
    let outcome = rules.decide(&tally).unwrap();
    (outcome.decision, outcome.valid_members)
}

fn window_end() -> Date {
    date(2009, 7, 2)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn each_row_gets_the_first_reason_it_fails(rows in prop::collection::vec(row(), 0..120)) {
        with_rules(|rules| {
            assert_eq!(rules.window(), (date(2009, 3, 2), window_end()));
            let rows: Vec<Signature> = rows.iter().map(signature).collect();
            let mut tally = Tally::new();
            let got: Vec<_> = rows.iter().map(|r| tally.add(rules, r)).collect();
            let want = reference(rules, &rows);
            prop_assert_eq!(&got, &want);
            for reason in REASONS {
                let n = want.iter().filter(|v| **v == Err(reason)).count() as u64;
                prop_assert_eq!(tally.rejected(reason), n);
            }
            prop_assert_eq!(tally.valid(), want.iter().filter(|v| v.is_ok()).count() as u64);
            Ok(())
        })?;
    }

    #[test]
    fn adding_a_valid_member_never_turns_registrable_into_refused(
        rows in prop::collection::vec(row(), 0..120),
        at in any::<prop::sample::Index>(),
        unit in 0u16..16,
    ) {
        with_rules(|rules| {
            let mut list: Vec<Signature> = rows.iter().map(signature).collect();
            let (before, valid_before) = decide(rules, &list);
            // Someone outside the pool: adult, citizen, alive, not barred, in the window.
            let (iin, person) = person(100 + unit, 0);
            let new = Signature {
                iin: Ok(iin),
                signed_on: date(2009, 5, 1),
                person: Some(person),
                other_party: false,
            };
            let at = at.index(list.len() + 1);
            list.insert(at, new);
            let (after, valid_after) = decide(rules, &list);
            prop_assert_eq!(valid_after, valid_before + 1);
            if before == Decision::Registrable {
                prop_assert_eq!(after, Decision::Registrable);
            }
            Ok(())
        })?;
    }
}

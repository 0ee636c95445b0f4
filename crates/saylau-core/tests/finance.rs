//! The party-finance engine against the built-in rulebook: every donor kind in 2008, the
//! ledger totals, the partly known law of 1996, and bad input.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::{Date, date};
use saylau_core::builtin;
use saylau_core::law::{DONOR_KINDS, Law, LawError, Rulebook};
use saylau_core::parties::finance::{Checked, Donation, FinanceError, Verdict, check_ledger};

fn book() -> Rulebook {
    builtin::rulebook().expect("the built-in rulebook loads")
}

fn donation(id: &str, on: Date, party: &str, kind: &str, amount: u64) -> Donation {
    Donation {
        id: id.to_string(),
        date: on,
        party: party.to_string(),
        donor_kind: kind.to_string(),
        donor: format!("a {kind} donor"),
        amount_kzt: amount,
        written_confirmation: true,
        source_stated: true,
    }
}

fn check_one(d: Donation) -> Checked {
    let book = book();
    let mut result = check_ledger(Law::new(&book, &[]), &[d]).expect("the ledger checks");
    result.donations.remove(0)
}

/// The verdicts the 2002 party law gives (seed, 'Party financing'), with confirmation and
/// source present.
fn expected_2008(kind: &str) -> Verdict {
    match kind {
        "member_fee" | "business_income" | "citizen" | "domestic_ngo" => Verdict::Permissible,
        _ => Verdict::Impermissible,
    }
}

#[test]
fn every_donor_kind_in_2008_gets_the_party_law_verdict() {
    assert_eq!(DONOR_KINDS.len(), 16);
    let mut forbidden = 0;
    for kind in DONOR_KINDS {
        let checked = check_one(donation("d", date(2008, 6, 1), "p", kind, 100));
        assert_eq!(
            checked.verdict,
            expected_2008(kind),
            "{kind}: {}",
            checked.reason
        );
        assert!(
            checked.reason.contains(&format!("`{kind}`")),
            "{}",
            checked.reason
        );
        let first = &checked.law[0];
        if checked.verdict == Verdict::Impermissible {
            forbidden += 1;
            assert_eq!(first.parameter, "finance.forbidden_donors");
            assert!(first.source.contains("Law 'On Political Parties'"));
            assert!(checked.reason.contains("forbidden donors"));
        } else {
            assert_eq!(first.parameter, "finance.permitted_sources");
        }
    }
    assert_eq!(forbidden, 12);
}

#[test]
fn citizens_and_domestic_ngos_need_confirmation_and_a_stated_source() {
    for kind in ["citizen", "domestic_ngo"] {
        for (written, stated, lacks) in [
            (false, true, "lacks written confirmation"),
            (true, false, "lacks a stated source"),
            (
                false,
                false,
                "lacks both written confirmation and a stated source",
            ),
        ] {
            let mut d = donation("d", date(2008, 6, 1), "p", kind, 100);
            d.written_confirmation = written;
            d.source_stated = stated;
            let checked = check_one(d);
            assert_eq!(checked.verdict, Verdict::Incomplete, "{kind}");
            assert!(checked.reason.contains(lacks), "{}", checked.reason);
            assert!(
                checked
                    .law
                    .iter()
                    .any(|l| l.parameter == "finance.confirmation_required")
            );
        }
    }
    // Sources that need no confirmation stay permissible without it.
    for kind in ["member_fee", "business_income"] {
        let mut d = donation("d", date(2008, 6, 1), "p", kind, 100);
        d.written_confirmation = false;
        d.source_stated = false;
        assert_eq!(check_one(d).verdict, Verdict::Permissible, "{kind}");
    }
}

#[test]
fn totals_add_up_per_party_and_per_kind() {
    let on = date(2008, 6, 1);
    let mut unconfirmed = donation("d4", on, "B", "citizen", 7);
    unconfirmed.written_confirmation = false;
    let ledger = [
        donation("d1", on, "A", "member_fee", 100),
        donation("d2", on, "A", "foreign_state", 1_000),
        donation("d3", on, "A", "citizen", 50),
        unconfirmed,
        donation("d5", on, "B", "member_fee", 20),
    ];
    let book = book();
    let result = check_ledger(Law::new(&book, &[]), &ledger).unwrap();
    let ids: Vec<_> = result.donations.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["d1", "d2", "d3", "d4", "d5"]);

    let t = &result.totals;
    assert_eq!(t.overall.total.count, 5);
    assert_eq!(t.overall.total.amount_kzt, 1_177);
    assert_eq!(t.overall.permissible.amount_kzt, 170);
    assert_eq!(t.overall.impermissible.amount_kzt, 1_000);
    assert_eq!(t.overall.incomplete.amount_kzt, 7);

    let a = &t.by_party["A"];
    assert_eq!((a.total.count, a.total.amount_kzt), (3, 1_150));
    assert_eq!((a.permissible.count, a.permissible.amount_kzt), (2, 150));
    assert_eq!(
        (a.impermissible.count, a.impermissible.amount_kzt),
        (1, 1_000)
    );
    assert_eq!(a.incomplete.count, 0);
    let b = &t.by_party["B"];
    assert_eq!((b.total.count, b.total.amount_kzt), (2, 27));
    assert_eq!((b.incomplete.count, b.incomplete.amount_kzt), (1, 7));

    let citizen = &t.by_donor_kind["citizen"];
    assert_eq!(
        (citizen.permissible.count, citizen.incomplete.count),
        (1, 1)
    );
    assert_eq!(citizen.total.amount_kzt, 57);
    assert_eq!(t.by_donor_kind["member_fee"].permissible.amount_kzt, 120);
    assert_eq!(t.by_donor_kind.len(), 3);

    // Parties and kinds each partition the ledger.
    for map in [&t.by_party, &t.by_donor_kind] {
        let amount: u64 = map.values().map(|t| t.total.amount_kzt).sum();
        let count: u64 = map.values().map(|t| t.total.count).sum();
        assert_eq!((count, amount), (5, 1_177));
    }

    let json = serde_json::to_value(&result).unwrap();
    assert_eq!(json["donations"][1]["verdict"], "impermissible");
    assert_eq!(json["donations"][3]["verdict"], "incomplete");
    assert_eq!(
        json["totals"]["by_party"]["B"]["incomplete"]["amount_kzt"],
        7
    );
}

#[test]
fn amounts_that_overflow_are_an_error() {
    let on = date(2008, 6, 1);
    let ledger = [
        donation("d1", on, "A", "member_fee", u64::MAX),
        donation("d2", on, "A", "member_fee", 1),
    ];
    let book = book();
    let err = check_ledger(Law::new(&book, &[]), &ledger).unwrap_err();
    assert!(matches!(&err, FinanceError::Overflow { id, .. } if id == "d2"));
    assert!(err.to_string().starts_with("donation `d2`: "), "{err}");
}

#[test]
fn in_1996_only_the_constitutional_ban_is_known() {
    let on = date(1996, 5, 1);
    // Constitution art. 5(4) bans foreign states, foreign legal entities and citizens, and
    // international organizations.
    for kind in [
        "foreign_state",
        "foreign_legal_entity",
        "international_org",
        "foreign_citizen",
    ] {
        let checked = check_one(donation("d", on, "p", kind, 100));
        assert_eq!(checked.verdict, Verdict::Impermissible, "{kind}");
        assert_eq!(checked.law[0].parameter, "finance.forbidden_donors");
        assert!(
            checked.law[0].source.contains("Constitution art. 5(4)"),
            "{}",
            checked.law[0].source
        );
    }
    // The party law of that time is not described by the sources, so any other donor cannot
    // be judged: not permitted, not forbidden, but unknown.
    for kind in ["citizen", "member_fee", "stateless", "charity"] {
        let book = book();
        let err =
            check_ledger(Law::new(&book, &[]), &[donation("d7", on, "p", kind, 100)]).unwrap_err();
        match &err {
            FinanceError::Law {
                id,
                error: LawError::Unknown { .. },
            } => assert_eq!(id, "d7"),
            other => panic!("{kind}: expected an unknown-law error, got {other:?}"),
        }
        assert!(err.to_string().starts_with("donation `d7`: "), "{err}");
        assert!(
            err.to_string().contains("finance.permitted_sources"),
            "{err}"
        );
    }
}

#[test]
fn before_the_constitution_no_rule_is_in_force() {
    let book = book();
    let err = check_ledger(
        Law::new(&book, &[]),
        &[donation("d0", date(1994, 1, 1), "p", "foreign_state", 1)],
    )
    .unwrap_err();
    assert!(matches!(
        &err,
        FinanceError::Law {
            error: LawError::NotInForce { .. },
            ..
        }
    ));
    assert!(err.to_string().starts_with("donation `d0`: "), "{err}");
}

#[test]
fn an_unknown_donor_kind_is_an_error() {
    let book = book();
    let err = check_ledger(
        Law::new(&book, &[]),
        &[donation("d9", date(2008, 6, 1), "p", "oligarch", 1)],
    )
    .unwrap_err();
    assert_eq!(
        err,
        FinanceError::UnknownDonorKind {
            id: "d9".into(),
            kind: "oligarch".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "donation `d9`: unknown donor kind `oligarch`"
    );
}

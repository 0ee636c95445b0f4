//! Seat apportionment: worked examples, invariants, and a naive reference implementation.
//!
//! The reference in [`naive`] is written from the definitions with no shortcuts (every
//! divisor quotient up to the house size, sorted; remainders ranked pairwise) so that it
//! shares no code or cleverness with the engine it checks.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use proptest::prelude::*;
use saylau_core::elections::apportion::{
    self, ApportionError, Apportionment, Method, Request, Status, Threshold, TieResolution,
    TieRule, Trace,
};
use saylau_core::exact::fraction::Fraction;

fn run(
    votes: &[u64],
    registration: &[u32],
    seats: u64,
    method: Method,
    tie_rule: TieRule,
    threshold: Option<Threshold>,
) -> Result<Apportionment, ApportionError> {
    apportion::apportion(&Request {
        votes,
        registration,
        seats,
        method,
        tie_rule,
        threshold,
    })
}

/// Registration 1, 2, 3, ... in row order, earlier registration wins, no threshold.
fn plain(votes: &[u64], seats: u64, method: Method) -> Apportionment {
    let registration: Vec<u32> = (1..).take(votes.len()).collect();
    run(
        votes,
        &registration,
        seats,
        method,
        TieRule::EarlierRegistration,
        None,
    )
    .unwrap()
}

fn check(votes: &[u64], seats: u64, method: Method, expected: &[u64]) {
    let result = plain(votes, seats, method);
    assert_eq!(
        result.seats, expected,
        "{method:?} with {seats} seats for {votes:?}"
    );
    assert_eq!(result.status, Status::Complete);
}

fn frac(num: u128, den: u128) -> Fraction {
    Fraction::new(num, den).unwrap()
}

fn percent(p: u128) -> Fraction {
    Fraction::integer(p)
}

// The 2007 Mazhilis election, as shares of 9,999 (the seed's per-mille figures): only the
// first list clears 7% of the voters who took part (Constitution art. 51(5)).
const KZ_2007: [u64; 7] = [8841, 454, 309, 151, 129, 78, 37];

#[test]
fn hare_2007_seven_percent_gives_every_seat_to_the_only_admitted_list() {
    let threshold = Threshold {
        percent: percent(7),
        base: 9999,
    };
    let result = run(
        &KZ_2007,
        &[1, 2, 3, 4, 5, 6, 7],
        98,
        Method::Hare,
        TieRule::EarlierRegistration,
        Some(threshold),
    )
    .unwrap();
    assert_eq!(result.seats, [98, 0, 0, 0, 0, 0, 0]);
    assert_eq!(
        result.admitted,
        [true, false, false, false, false, false, false]
    );
    assert_eq!(result.status, Status::Complete);
    let Trace::LargestRemainder {
        quota,
        rows,
        remainder_order,
        ties,
    } = &result.trace
    else {
        panic!("Hare gives a largest-remainder trace");
    };
    assert_eq!(*quota, frac(8841, 98));
    assert_eq!(rows[0].whole, 98);
    assert_eq!(rows[1].quotient, Fraction::integer(0));
    assert!(remainder_order.is_empty());
    assert!(ties.is_empty());
}

#[test]
fn hare_2007_shares_with_three_percent_admit_three_lists() {
    let threshold = Threshold {
        percent: percent(3),
        base: 9999,
    };
    let result = run(
        &KZ_2007,
        &[1, 2, 3, 4, 5, 6, 7],
        98,
        Method::Hare,
        TieRule::EarlierRegistration,
        Some(threshold),
    )
    .unwrap();
    assert_eq!(result.seats, [90, 5, 3, 0, 0, 0, 0]);
    assert_eq!(
        result.admitted,
        [true, true, true, false, false, false, false]
    );
    let Trace::LargestRemainder {
        quota,
        remainder_order,
        ..
    } = &result.trace
    else {
        panic!("Hare gives a largest-remainder trace");
    };
    // Quota = (8841 + 454 + 309) / 98; the one remainder seat goes to 454 · 98 / 9604.
    assert_eq!(*quota, frac(9604, 98));
    assert_eq!(*remainder_order, [1]);
}

#[test]
fn hare_2012_cec_shares() {
    let result = plain(&[8099, 747, 719], 98, Method::Hare);
    assert_eq!(result.seats, [83, 8, 7]);
    let Trace::LargestRemainder {
        quota,
        rows,
        remainder_order,
        ties,
    } = &result.trace
    else {
        panic!("Hare gives a largest-remainder trace");
    };
    assert_eq!(*quota, frac(9565, 98));
    assert_eq!(rows[0].quotient, frac(8099 * 98, 9565));
    assert_eq!(rows[0].whole, 82);
    assert_eq!(rows[0].remainder, frac(8099 * 98 - 82 * 9565, 9565));
    assert!(rows[0].extra && rows[1].extra && !rows[2].extra);
    assert_eq!(*remainder_order, [0, 1]);
    assert!(ties.is_empty());
}

const TEXTBOOK: [u64; 4] = [100_000, 80_000, 30_000, 20_000];

#[test]
fn textbook_example_under_every_method() {
    check(&TEXTBOOK, 8, Method::DHondt, &[4, 3, 1, 0]);
    // Sainte-Laguë: 100000/5 and 20000/1 are equal, but both fit in the eight seats.
    check(&TEXTBOOK, 8, Method::SainteLague, &[3, 3, 1, 1]);
    check(&TEXTBOOK, 8, Method::Imperiali, &[5, 3, 0, 0]);
    // Hare quota 28750: whole 3, 2, 1, 0; remainders .478, .783, .043, .696.
    check(&TEXTBOOK, 8, Method::Hare, &[3, 3, 1, 1]);
    // Droop quota floor(230000 / 9) + 1 = 25556: whole 3, 3, 1, 0; largest remainder A.
    check(&TEXTBOOK, 8, Method::Droop, &[4, 3, 1, 0]);
    let droop = plain(&TEXTBOOK, 8, Method::Droop);
    let Trace::LargestRemainder { quota, .. } = droop.trace else {
        panic!("Droop gives a largest-remainder trace");
    };
    assert_eq!(quota, Fraction::integer(25_556));
}

#[test]
fn dhondt_trace_shows_last_and_next_quotients() {
    let result = plain(&TEXTBOOK, 8, Method::DHondt);
    let Trace::Divisor { rows, ties } = &result.trace else {
        panic!("D'Hondt gives a divisor trace");
    };
    assert_eq!(rows[0].last_awarded, Some(Fraction::integer(25_000)));
    assert_eq!(rows[0].next, Fraction::integer(20_000));
    assert_eq!(rows[1].last_awarded, Some(frac(80_000, 3)));
    assert_eq!(rows[3].last_awarded, None);
    assert_eq!(rows[3].next, Fraction::integer(20_000));
    assert!(ties.is_empty());
}

#[test]
fn modified_sainte_lague_exact_tie_is_found() {
    // 100000 / 7 and 20000 / 1.4 are the same number, 14285 5/7, and both claim the 8th
    // seat. Floating point would be at the mercy of rounding here.
    let registration = [1, 2, 3, 4];
    let settled = run(
        &TEXTBOOK,
        &registration,
        8,
        Method::ModifiedSainteLague,
        TieRule::EarlierRegistration,
        None,
    )
    .unwrap();
    assert_eq!(settled.seats, [4, 3, 1, 0]);
    let Trace::Divisor { ties, .. } = &settled.trace else {
        panic!("divisor trace");
    };
    assert_eq!(
        *ties,
        [TieResolution {
            tied: vec![0, 3],
            seats_at_stake: 1,
            winners: vec![0],
        }]
    );
    let lots = run(
        &TEXTBOOK,
        &registration,
        8,
        Method::ModifiedSainteLague,
        TieRule::Lots,
        None,
    )
    .unwrap();
    assert_eq!(
        lots.status,
        Status::LotsRequired {
            tied: vec![0, 3],
            seats_at_stake: 1
        }
    );
    assert_eq!(lots.seats, [3, 3, 1, 0]);
}

#[test]
fn equal_remainders_go_to_the_list_registered_earlier() {
    let result = run(
        &[10, 10],
        &[2, 1],
        1,
        Method::Hare,
        TieRule::EarlierRegistration,
        None,
    )
    .unwrap();
    assert_eq!(result.seats, [0, 1]);
    assert_eq!(result.status, Status::Complete);
    let Trace::LargestRemainder {
        remainder_order,
        ties,
        rows,
        ..
    } = &result.trace
    else {
        panic!("largest-remainder trace");
    };
    assert_eq!(*remainder_order, [1]);
    assert!(rows[1].extra && !rows[0].extra);
    assert_eq!(
        *ties,
        [TieResolution {
            tied: vec![0, 1],
            seats_at_stake: 1,
            winners: vec![1],
        }]
    );
}

#[test]
fn equal_remainders_under_lots_leave_the_seat_open() {
    let result = run(&[10, 10], &[2, 1], 1, Method::Hare, TieRule::Lots, None).unwrap();
    assert_eq!(
        result.status,
        Status::LotsRequired {
            tied: vec![0, 1],
            seats_at_stake: 1
        }
    );
    assert_eq!(result.seats, [0, 0]);
    let Trace::LargestRemainder {
        remainder_order,
        ties,
        ..
    } = &result.trace
    else {
        panic!("largest-remainder trace");
    };
    assert!(remainder_order.is_empty());
    assert!(ties.is_empty());
    // The lots outcome is data: it serialises with the tied lists and the seats at stake.
    let json = serde_json::to_value(&result.status).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"status": "lots_required", "tied": [0, 1], "seats_at_stake": 1})
    );
}

#[test]
fn equal_remainders_that_all_fit_are_not_a_tie() {
    // Quota 20/3: quotients 3/4, 3/4, 3/2; two seats are left and the two equal remainders
    // take both, so nothing is left to lot.
    let result = run(
        &[5, 5, 10],
        &[3, 2, 1],
        3,
        Method::Hare,
        TieRule::Lots,
        None,
    )
    .unwrap();
    assert_eq!(result.seats, [1, 1, 1]);
    assert_eq!(result.status, Status::Complete);
}

#[test]
fn equal_quotients_under_divisor_methods() {
    for method in [
        Method::DHondt,
        Method::SainteLague,
        Method::ModifiedSainteLague,
        Method::Imperiali,
    ] {
        let settled = run(
            &[10, 10],
            &[2, 1],
            1,
            method,
            TieRule::EarlierRegistration,
            None,
        )
        .unwrap();
        assert_eq!(settled.seats, [0, 1], "{method:?}");
        let Trace::Divisor { ties, rows } = &settled.trace else {
            panic!("divisor trace");
        };
        assert_eq!(
            *ties,
            [TieResolution {
                tied: vec![0, 1],
                seats_at_stake: 1,
                winners: vec![1],
            }]
        );
        assert_eq!(rows[0].last_awarded, None);
        assert!(rows[1].last_awarded.is_some());

        let lots = run(&[10, 10], &[2, 1], 1, method, TieRule::Lots, None).unwrap();
        assert_eq!(lots.seats, [0, 0], "{method:?}");
        assert_eq!(
            lots.status,
            Status::LotsRequired {
                tied: vec![0, 1],
                seats_at_stake: 1
            }
        );

        // Three seats: the first two fit, the third is a tie between the second quotients.
        let lots = run(&[10, 10, 1], &[1, 2, 3], 3, method, TieRule::Lots, None).unwrap();
        assert_eq!(lots.seats, [1, 1, 0], "{method:?}");
        assert_eq!(
            lots.status,
            Status::LotsRequired {
                tied: vec![0, 1],
                seats_at_stake: 1
            }
        );
    }
}

#[test]
fn lists_without_votes_get_nothing() {
    for method in Method::ALL {
        let result = plain(&[0, 700, 0], 5, method);
        assert_eq!(result.seats, [0, 5, 0], "{method:?}");
    }
}

#[test]
fn errors() {
    let hare = Method::Hare;
    let er = TieRule::EarlierRegistration;
    assert_eq!(
        run(&[0, 0], &[1, 2], 5, hare, er, None),
        Err(ApportionError::NoVotes)
    );
    assert_eq!(
        run(&[], &[], 5, hare, er, None),
        Err(ApportionError::NoVotes)
    );
    assert_eq!(
        run(&[1, 2], &[1, 2], 0, hare, er, None),
        Err(ApportionError::NoSeats)
    );
    assert_eq!(
        run(&[1, 2], &[1], 5, hare, er, None),
        Err(ApportionError::LengthMismatch)
    );
    assert_eq!(
        run(&[1, 2, 3, 4], &[9, 4, 9, 4], 5, hare, er, None),
        Err(ApportionError::DuplicateRegistration(4))
    );
    let half = Threshold {
        percent: percent(50),
        base: 100,
    };
    assert_eq!(
        run(&[10, 20], &[1, 2], 5, hare, er, Some(half)),
        Err(ApportionError::NoListAdmitted)
    );
    // Droop with tiny totals: quota floor(2 / 6) + 1 = 1 leaves 3 seats and no remainders.
    assert_eq!(
        run(&[1, 1], &[1, 2], 5, Method::Droop, er, None),
        Err(ApportionError::QuotaLeavesTooManySeats {
            remaining: 3,
            lists: 0
        })
    );
    // Sainte-Laguë's divisor for the last of u64::MAX seats is 2·u64::MAX + 1, past the
    // u64 divisors whose products with u64 votes always fit in u128.
    assert_eq!(
        run(
            &[u64::MAX, 1],
            &[1, 2],
            u64::MAX,
            Method::SainteLague,
            er,
            None
        ),
        Err(ApportionError::TooLarge)
    );
    // Messages: lowercase, no final period, no type names.
    let messages: Vec<String> = [
        ApportionError::NoVotes,
        ApportionError::NoListAdmitted,
        ApportionError::LengthMismatch,
        ApportionError::DuplicateRegistration(3),
        ApportionError::NoSeats,
        ApportionError::TooLarge,
        ApportionError::QuotaLeavesTooManySeats {
            remaining: 3,
            lists: 0,
        },
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    assert_eq!(
        messages,
        [
            "the admitted lists have no votes, so no seat can be distributed",
            "no list reached the threshold, so no seat can be distributed",
            "the number of vote counts differs from the number of registration numbers",
            "registration number 3 is given to more than one list",
            "there are no seats to distribute",
            "the numbers are too large to compute exactly",
            "the quota leaves 3 seats for the remainders but only 0 lists have a remainder",
        ]
    );
}

#[test]
fn extreme_numbers_stay_exact() {
    // Hare with the largest votes and house: v·S fits in u128, and the two remainders of
    // exactly one half tie for the last seat.
    let result = run(
        &[u64::MAX, u64::MAX],
        &[2, 1],
        u64::MAX,
        Method::Hare,
        TieRule::EarlierRegistration,
        None,
    )
    .unwrap();
    assert_eq!(result.seats, [u64::MAX / 2, u64::MAX / 2 + 1]);
    // A house of a trillion seats under divisor methods finishes at once: sure seats are
    // handed out before the heap runs. Votes in proportion 5 : 3 : 2 give exactly that under
    // D'Hondt and both Sainte-Laguës; Imperiali's divisors 2, 3, 4, ... favour the largest
    // list by a seat.
    let votes = [5_000_000, 3_000_000, 2_000_000];
    let house = 1_000_000_000_000;
    for (method, expected) in [
        (
            Method::DHondt,
            [500_000_000_000, 300_000_000_000, 200_000_000_000],
        ),
        (
            Method::SainteLague,
            [500_000_000_000, 300_000_000_000, 200_000_000_000],
        ),
        (
            Method::ModifiedSainteLague,
            [500_000_000_000, 300_000_000_000, 200_000_000_000],
        ),
        (
            Method::Imperiali,
            [500_000_000_001, 300_000_000_000, 199_999_999_999],
        ),
    ] {
        let result = plain(&votes, house, method);
        assert_eq!(result.seats, expected, "{method:?}");
        assert_divisor_result_is_consistent(&result);
    }
    // One large list among tiny ones, the shape where a careless head start overshoots.
    let mut skewed = vec![1u64; 30];
    skewed[0] = 1_000_000;
    for method in [
        Method::DHondt,
        Method::SainteLague,
        Method::ModifiedSainteLague,
        Method::Imperiali,
    ] {
        let result = plain(&skewed, house, method);
        assert_eq!(result.seats.iter().sum::<u64>(), house, "{method:?}");
        assert_eq!(result.status, Status::Complete);
        assert_divisor_result_is_consistent(&result);
    }
}

/// The defining property of a divisor apportionment: no list's next quotient beats any
/// list's last awarded quotient.
fn assert_divisor_result_is_consistent(result: &Apportionment) {
    let Trace::Divisor { rows, .. } = &result.trace else {
        panic!("divisor trace");
    };
    for a in rows {
        for b in rows {
            if let Some(last) = a.last_awarded {
                assert_ne!(
                    b.next.checked_cmp(&last),
                    Some(std::cmp::Ordering::Greater),
                    "{rows:?}"
                );
            }
        }
    }
}

#[test]
fn threshold_is_not_less_than() {
    let seven = Threshold {
        percent: percent(7),
        base: 10_000,
    };
    assert!(apportion::passes_threshold(700, &seven));
    assert!(!apportion::passes_threshold(699, &seven));
    assert_eq!(apportion::minimum_votes(&seven), Fraction::integer(700));
    let odd = Threshold {
        percent: percent(7),
        base: 9999,
    };
    // 7% of 9999 is 699.93: 699 fails, 700 passes.
    assert_eq!(apportion::minimum_votes(&odd), frac(69_993, 100));
    assert!(!apportion::passes_threshold(699, &odd));
    assert!(apportion::passes_threshold(700, &odd));
    let fractional = Threshold {
        percent: frac(5, 2),
        base: 1000,
    };
    assert!(apportion::passes_threshold(25, &fractional));
    assert!(!apportion::passes_threshold(24, &fractional));
    // Exact even where the products pass u128.
    let huge = Threshold {
        percent: Fraction::integer(u128::MAX),
        base: u64::MAX,
    };
    assert!(!apportion::passes_threshold(u64::MAX, &huge));
    assert!(apportion::passes_threshold(
        0,
        &Threshold {
            percent: percent(0),
            base: 5
        }
    ));
}

#[test]
fn method_names() {
    assert_eq!(Method::from_name("hare"), Some(Method::Hare));
    assert_eq!(Method::from_name("dhondt"), Some(Method::DHondt));
    assert_eq!(
        Method::from_name("modified-sainte-lague"),
        Some(Method::ModifiedSainteLague)
    );
    assert_eq!(
        Method::from_name("modified_sainte_lague"),
        Some(Method::ModifiedSainteLague)
    );
    assert_eq!(Method::from_name("Hare"), None);
    assert_eq!(Method::from_name("saint_lague"), None);
    assert_eq!(Method::SainteLague.name(), "sainte_lague");
    let divisor: Vec<bool> = Method::ALL.iter().map(|m| m.is_divisor()).collect();
    assert_eq!(divisor, [false, false, true, true, true, true]);
    for m in Method::ALL {
        assert!(!m.describe().is_empty() && !m.describe().ends_with('.'));
    }
}

/// The reference: written from the definitions, quadratic where that is simplest.
mod naive {
    use super::*;
    use std::cmp::Ordering;

    /// A non-negative rational as (numerator, denominator), never reduced.
    #[derive(Clone, Copy, Debug)]
    pub struct Q(pub u128, pub u128);

    impl Q {
        pub fn cmp(self, other: Q) -> Ordering {
            (self.0 * other.1).cmp(&(other.0 * self.1))
        }
    }

    #[derive(Debug)]
    pub struct Outcome {
        pub seats: Vec<u64>,
        pub admitted: Vec<bool>,
        pub status: Status,
        pub settled: Vec<TieResolution>,
        /// Largest remainder only: each admitted list's votes / quota.
        pub quotients: Vec<Option<Q>>,
    }

    pub fn passes(votes: u64, percent: Q, base: u64) -> bool {
        // votes / base >= percent / 100
        u128::from(votes) * 100 * percent.1 >= percent.0 * u128::from(base)
    }

    fn divisor(method: Method, k: u64) -> Q {
        let k = u128::from(k);
        match method {
            Method::DHondt => Q(k + 1, 1),
            Method::SainteLague => Q(2 * k + 1, 1),
            Method::ModifiedSainteLague if k == 0 => Q(14, 10),
            Method::ModifiedSainteLague => Q(2 * k + 1, 1),
            Method::Imperiali => Q(k + 2, 1),
            _ => unreachable!("not a divisor method"),
        }
    }

    /// Picks `stake` winners among `tied` by registration and records the tie, or leaves
    /// them for lots.
    fn settle(
        tied: &[usize],
        stake: u64,
        registration: &[u32],
        tie_rule: TieRule,
    ) -> (Vec<usize>, Status, Vec<TieResolution>) {
        let mut tied = tied.to_vec();
        tied.sort();
        match tie_rule {
            TieRule::Lots => (
                Vec::new(),
                Status::LotsRequired {
                    tied,
                    seats_at_stake: stake,
                },
                Vec::new(),
            ),
            TieRule::EarlierRegistration => {
                // A tied list wins if fewer than `stake` tied lists registered before it.
                let winners: Vec<usize> = tied
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let before = tied
                            .iter()
                            .filter(|&&j| registration[j] < registration[i])
                            .count() as u64;
                        before < stake
                    })
                    .collect();
                let record = TieResolution {
                    tied,
                    seats_at_stake: stake,
                    winners: winners.clone(),
                };
                (winners, Status::Complete, vec![record])
            }
        }
    }

    pub fn apportion(
        votes: &[u64],
        registration: &[u32],
        seats: u64,
        method: Method,
        tie_rule: TieRule,
        threshold: Option<(Q, u64)>,
    ) -> Result<Outcome, ApportionError> {
        let n = votes.len();
        let admitted: Vec<bool> = match threshold {
            Some((p, base)) => votes.iter().map(|&v| passes(v, p, base)).collect(),
            None => vec![true; n],
        };
        if threshold.is_some() && admitted.iter().all(|a| !a) {
            return Err(ApportionError::NoListAdmitted);
        }
        let total: u128 = (0..n)
            .filter(|&i| admitted[i])
            .map(|i| u128::from(votes[i]))
            .sum();
        if total == 0 {
            return Err(ApportionError::NoVotes);
        }
        let s = u128::from(seats);
        let mut result = vec![0u64; n];
        let mut quotients = vec![None; n];

        if !method.is_divisor() {
            let quota = match method {
                Method::Hare => Q(total, s),
                _ => Q(total / (s + 1) + 1, 1),
            };
            // votes / quota, its integer part, and what is left.
            let mut remainders = vec![Q(0, 1); n];
            for i in (0..n).filter(|&i| admitted[i]) {
                let q = Q(u128::from(votes[i]) * quota.1, quota.0);
                let whole = q.0 / q.1;
                result[i] = whole as u64;
                remainders[i] = Q(q.0 - whole * q.1, q.1);
                quotients[i] = Some(q);
            }
            let left = seats - result.iter().sum::<u64>();
            let with_remainder: Vec<usize> = (0..n)
                .filter(|&i| admitted[i] && remainders[i].0 > 0)
                .collect();
            if left as usize > with_remainder.len() {
                return Err(ApportionError::QuotaLeavesTooManySeats {
                    remaining: left,
                    lists: with_remainder.len(),
                });
            }
            let mut status = Status::Complete;
            let mut settled = Vec::new();
            let mut tied = Vec::new();
            let mut stake = 0;
            for &i in &with_remainder {
                let larger = with_remainder
                    .iter()
                    .filter(|&&j| remainders[j].cmp(remainders[i]) == Ordering::Greater)
                    .count() as u64;
                let equal = with_remainder
                    .iter()
                    .filter(|&&j| remainders[j].cmp(remainders[i]) == Ordering::Equal)
                    .count() as u64;
                if larger + equal <= left {
                    result[i] += 1;
                } else if larger < left {
                    tied.push(i);
                    stake = left - larger;
                }
            }
            if !tied.is_empty() {
                let (winners, st, rec) = settle(&tied, stake, registration, tie_rule);
                for w in winners {
                    result[w] += 1;
                }
                status = st;
                settled = rec;
            }
            return Ok(Outcome {
                seats: result,
                admitted,
                status,
                settled,
                quotients,
            });
        }

        // Every quotient votes / d(k) for k below the house size, largest first.
        let mut all: Vec<(Q, usize)> = Vec::new();
        for i in (0..n).filter(|&i| admitted[i] && votes[i] > 0) {
            for k in 0..seats {
                let d = divisor(method, k);
                all.push((Q(u128::from(votes[i]) * d.1, d.0), i));
            }
        }
        all.sort_by(|a, b| b.0.cmp(a.0));
        let boundary = all[seats as usize - 1].0;
        let mut tied = Vec::new();
        let mut larger = 0u64;
        for (q, i) in &all {
            match q.cmp(boundary) {
                Ordering::Greater => {
                    result[*i] += 1;
                    larger += 1;
                }
                Ordering::Equal => tied.push(*i),
                Ordering::Less => {}
            }
        }
        let mut status = Status::Complete;
        let mut settled = Vec::new();
        if larger + tied.len() as u64 == seats {
            for i in tied {
                result[i] += 1;
            }
        } else {
            let (winners, st, rec) = settle(&tied, seats - larger, registration, tie_rule);
            for w in winners {
                result[w] += 1;
            }
            status = st;
            settled = rec;
        }
        Ok(Outcome {
            seats: result,
            admitted,
            status,
            settled,
            quotients,
        })
    }
}

#[derive(Debug, Clone)]
struct Case {
    votes: Vec<u64>,
    registration: Vec<u32>,
    seats: u64,
    method: Method,
    tie_rule: TieRule,
    /// Percent as a fraction (numerator, denominator) and the base.
    threshold: Option<(u128, u128, u64)>,
}

impl Case {
    fn threshold(&self) -> Option<Threshold> {
        self.threshold.map(|(num, den, base)| Threshold {
            percent: Fraction::new(num, den).unwrap(),
            base,
        })
    }

    fn run(&self) -> Result<Apportionment, ApportionError> {
        run(
            &self.votes,
            &self.registration,
            self.seats,
            self.method,
            self.tie_rule,
            self.threshold(),
        )
    }
}

fn any_method() -> impl Strategy<Value = Method> {
    prop::sample::select(Method::ALL.to_vec())
}

fn any_tie_rule() -> impl Strategy<Value = TieRule> {
    prop_oneof![Just(TieRule::EarlierRegistration), Just(TieRule::Lots)]
}

/// Random lists: sometimes votes spread over 0..=10^7, sometimes few distinct values (scaled
/// up or not) so that equal remainders and equal quotients are common.
fn votes(n: usize) -> impl Strategy<Value = Vec<u64>> {
    prop_oneof![
        prop::collection::vec(0..=10_000_000u64, n),
        (
            prop::collection::vec(0..=12u64, n),
            prop::sample::select(vec![1u64, 1000, 833_333])
        )
            .prop_map(|(v, scale)| v.into_iter().map(|x| x * scale).collect()),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    (
        1usize..=30,
        1u64..=200,
        any_method(),
        any_tie_rule(),
        prop::option::of((0u128..=300, any::<bool>(), 0u64..=1000)),
    )
        .prop_flat_map(|(n, seats, method, tie_rule, threshold)| {
            let registration: Vec<u32> = (0..n as u32).map(|i| i * 3 + 1).collect();
            (votes(n), Just(registration).prop_shuffle()).prop_map(move |(votes, registration)| {
                // Percent in twentieths, 0 to 15%; the base is the vote total or a little
                // more (voters who took part but spoiled their ballots).
                let threshold = threshold.map(|(num, exact, extra)| {
                    let total: u64 = votes.iter().sum();
                    let base = if exact {
                        total
                    } else {
                        total + total * extra / 1000
                    };
                    (num, 20, base)
                });
                Case {
                    votes,
                    registration,
                    seats,
                    method,
                    tie_rule,
                    threshold,
                }
            })
        })
}

fn case_with_permutation() -> impl Strategy<Value = (Case, Vec<usize>)> {
    case().prop_flat_map(|c| {
        let n = c.votes.len();
        (Just(c), Just((0..n).collect::<Vec<_>>()).prop_shuffle())
    })
}

fn ties_of(result: &Apportionment) -> &[TieResolution] {
    match &result.trace {
        Trace::LargestRemainder { ties, .. } | Trace::Divisor { ties, .. } => ties,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn engine_matches_naive_reference(c in case()) {
        let engine = c.run();
        let reference = naive::apportion(
            &c.votes,
            &c.registration,
            c.seats,
            c.method,
            c.tie_rule,
            c.threshold.map(|(num, den, base)| (naive::Q(num, den), base)),
        );
        match (engine, reference) {
            (Err(e), Err(r)) => prop_assert_eq!(e, r),
            (Ok(e), Ok(r)) => {
                prop_assert_eq!(&e.seats, &r.seats);
                prop_assert_eq!(&e.admitted, &r.admitted);
                prop_assert_eq!(&e.status, &r.status);
                prop_assert_eq!(ties_of(&e), r.settled.as_slice());
                if let Trace::LargestRemainder { rows, .. } = &e.trace {
                    for (row, q) in rows.iter().zip(&r.quotients) {
                        let expected = match q {
                            Some(q) => Fraction::new(q.0, q.1).unwrap(),
                            None => Fraction::integer(0),
                        };
                        prop_assert_eq!(row.quotient, expected);
                        prop_assert_eq!(u128::from(row.whole), expected.floor());
                        prop_assert_eq!(row.remainder, expected.fract());
                    }
                }
            }
            (e, r) => prop_assert!(false, "engine {:?} but reference {:?}", e, r),
        }
    }

    #[test]
    fn complete_results_fill_the_house_and_lots_leave_exactly_the_stake(c in case()) {
        let Ok(result) = c.run() else { return Ok(()) };
        let given: u64 = result.seats.iter().sum();
        match &result.status {
            Status::Complete => prop_assert_eq!(given, c.seats),
            Status::LotsRequired { tied, seats_at_stake } => {
                prop_assert!(c.tie_rule == TieRule::Lots);
                prop_assert!(*seats_at_stake >= 1);
                prop_assert!((*seats_at_stake as usize) < tied.len());
                prop_assert_eq!(given + seats_at_stake, c.seats);
            }
        }
        if c.tie_rule == TieRule::Lots {
            prop_assert!(ties_of(&result).is_empty());
        }
    }

    #[test]
    fn threshold_and_zero_votes_get_nothing(c in case()) {
        let Ok(result) = c.run() else { return Ok(()) };
        for (i, &v) in c.votes.iter().enumerate() {
            let passes = match c.threshold() {
                Some(t) => apportion::passes_threshold(v, &t),
                None => true,
            };
            prop_assert_eq!(result.admitted[i], passes);
            if !passes || v == 0 {
                prop_assert_eq!(result.seats[i], 0);
            }
        }
    }

    #[test]
    fn row_order_does_not_matter((c, perm) in case_with_permutation()) {
        let permuted = Case {
            votes: perm.iter().map(|&i| c.votes[i]).collect(),
            registration: perm.iter().map(|&i| c.registration[i]).collect(),
            ..c.clone()
        };
        let original = c.run();
        let shuffled = permuted.run();
        let (original, shuffled) = match (original, shuffled) {
            (Err(a), Err(b)) => { prop_assert_eq!(a, b); return Ok(()); }
            (Ok(a), Ok(b)) => (a, b),
            (a, b) => { prop_assert!(false, "{:?} vs {:?}", a, b); unreachable!() }
        };
        // Row j of the shuffled input is row perm[j] of the original.
        let back = |js: &[usize]| -> BTreeSet<usize> { js.iter().map(|&j| perm[j]).collect() };
        for (j, &i) in perm.iter().enumerate() {
            prop_assert_eq!(shuffled.seats[j], original.seats[i]);
            prop_assert_eq!(shuffled.admitted[j], original.admitted[i]);
        }
        match (&original.status, &shuffled.status) {
            (Status::Complete, Status::Complete) => {}
            (
                Status::LotsRequired { tied: a, seats_at_stake: x },
                Status::LotsRequired { tied: b, seats_at_stake: y },
            ) => {
                prop_assert_eq!(x, y);
                prop_assert_eq!(a.iter().copied().collect::<BTreeSet<_>>(), back(b));
            }
            (a, b) => prop_assert!(false, "{:?} vs {:?}", a, b),
        }
        let (ta, tb) = (ties_of(&original), ties_of(&shuffled));
        prop_assert_eq!(ta.len(), tb.len());
        for (a, b) in ta.iter().zip(tb) {
            prop_assert_eq!(a.seats_at_stake, b.seats_at_stake);
            prop_assert_eq!(a.tied.iter().copied().collect::<BTreeSet<_>>(), back(&b.tied));
            prop_assert_eq!(a.winners.iter().copied().collect::<BTreeSet<_>>(), back(&b.winners));
        }
        match (&original.trace, &shuffled.trace) {
            (
                Trace::LargestRemainder { quota: qa, rows: ra, remainder_order: oa, .. },
                Trace::LargestRemainder { quota: qb, rows: rb, remainder_order: ob, .. },
            ) => {
                prop_assert_eq!(qa, qb);
                for (j, &i) in perm.iter().enumerate() {
                    prop_assert_eq!(&rb[j], &ra[i]);
                }
                let mapped: Vec<usize> = ob.iter().map(|&j| perm[j]).collect();
                prop_assert_eq!(oa, &mapped);
            }
            (Trace::Divisor { rows: ra, .. }, Trace::Divisor { rows: rb, .. }) => {
                for (j, &i) in perm.iter().enumerate() {
                    prop_assert_eq!(&rb[j], &ra[i]);
                }
            }
            (a, b) => prop_assert!(false, "{:?} vs {:?}", a, b),
        }
    }

    #[test]
    fn hare_gives_floor_or_ceiling_of_the_exact_quota(c in case()) {
        let c = Case { method: Method::Hare, ..c };
        let Ok(result) = c.run() else { return Ok(()) };
        let total: u128 = c.votes.iter().zip(&result.admitted)
            .filter(|(_, a)| **a).map(|(v, _)| u128::from(*v)).sum();
        for (i, &v) in c.votes.iter().enumerate() {
            if !result.admitted[i] { continue; }
            let exact = u128::from(v) * u128::from(c.seats);
            let floor = exact / total;
            let ceil = exact.div_ceil(total);
            let got = u128::from(result.seats[i]);
            prop_assert!(floor <= got && got <= ceil, "list {} got {} of {}/{}", i, got, exact, total);
        }
    }

    #[test]
    fn divisor_methods_are_house_monotone(c in case()) {
        for method in [Method::DHondt, Method::SainteLague, Method::ModifiedSainteLague, Method::Imperiali] {
            let smaller = Case { method, tie_rule: TieRule::EarlierRegistration, ..c.clone() };
            let larger = Case { seats: c.seats + 1, ..smaller.clone() };
            let (Ok(a), Ok(b)) = (smaller.run(), larger.run()) else {
                prop_assert_eq!(smaller.run().err(), larger.run().err());
                continue;
            };
            for (i, (x, y)) in a.seats.iter().zip(&b.seats).enumerate() {
                prop_assert!(x <= y, "{:?}: list {} loses a seat going to {} seats", method, i, larger.seats);
            }
            prop_assert_eq!(b.seats.iter().sum::<u64>(), a.seats.iter().sum::<u64>() + 1);
        }
    }
}

/// The random cases must reach the interesting paths, or the properties above prove little:
/// ties settled by registration, ties left to lot, thresholds that exclude lists, and each
/// error the reference can produce.
#[test]
fn random_cases_reach_ties_thresholds_and_errors() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let strategy = case();
    let (mut settled, mut lots, mut excluded, mut complete) = (0, 0, 0, 0);
    let mut errors = Vec::new();
    for _ in 0..300 {
        let c = strategy.new_tree(&mut runner).unwrap().current();
        match c.run() {
            Ok(result) => {
                if !ties_of(&result).is_empty() {
                    settled += 1;
                }
                match result.status {
                    Status::LotsRequired { .. } => lots += 1,
                    Status::Complete => complete += 1,
                }
                if result.admitted.iter().any(|a| !a) {
                    excluded += 1;
                }
            }
            Err(e) => {
                let kind = std::mem::discriminant(&e);
                if !errors.contains(&kind) {
                    errors.push(kind);
                }
            }
        }
    }
    assert!(settled >= 10, "only {settled} settled ties");
    assert!(lots >= 10, "only {lots} lots outcomes");
    assert!(
        excluded >= 30,
        "only {excluded} results with excluded lists"
    );
    assert!(complete >= 100, "only {complete} complete results");
    assert_eq!(
        errors.len(),
        3,
        "NoVotes, NoListAdmitted and QuotaLeavesTooManySeats"
    );
}

//! Benchmarks of the apportionment engine: the Mazhilis case and large houses per method.
//!
//! Run with `cargo bench -p saylau-core --bench apportion`. The vote counts are made up
//! (realistic magnitudes, or a fixed linear congruential sequence), not election data.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use divan::{Bencher, black_box};
use saylau_core::elections::apportion::{Method, Request, Threshold, TieRule, apportion};
use saylau_core::exact::fraction::Fraction;

fn main() {
    divan::main();
}

/// Ten lists with vote counts of a Mazhilis election's magnitude, a 7% threshold on the
/// voters who took part, and 98 seats (the parameters come from here, not the rulebook,
/// because a benchmark must not move when the law does).
#[divan::bench]
fn hare_98_seats_10_lists(bencher: Bencher) {
    let votes: [u64; 10] = [
        3_431_510, 597_043, 570_051, 453_547, 426_303, 328_010, 153_617, 133_482, 117_289, 91_003,
    ];
    let registration: [u32; 10] = [4, 1, 7, 2, 9, 3, 10, 5, 8, 6];
    let request = Request {
        votes: &votes,
        registration: &registration,
        seats: 98,
        method: Method::Hare,
        tie_rule: TieRule::EarlierRegistration,
        threshold: Some(Threshold {
            percent: Fraction::integer(7),
            base: 6_420_000,
        }),
    };
    bencher.bench(|| apportion(black_box(&request)).unwrap());
}

/// 1,000 lists with votes from a fixed linear congruential sequence (Knuth's MMIX
/// constants), between 1,000 and about 1,000,000.
fn lcg_votes(lists: usize) -> Vec<u64> {
    let mut state: u64 = 0x5eed_5a71_a000_0001;
    (0..lists)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            1_000 + (state >> 33) % 1_000_000
        })
        .collect()
}

fn large(bencher: Bencher, method: Method) {
    let votes = lcg_votes(1_000);
    let registration: Vec<u32> = (1..=1_000).collect();
    let request = Request {
        votes: &votes,
        registration: &registration,
        seats: 10_000,
        method,
        tie_rule: TieRule::EarlierRegistration,
        threshold: None,
    };
    bencher.bench(|| apportion(black_box(&request)).unwrap());
}

#[divan::bench]
fn hare_10000_seats_1000_lists(bencher: Bencher) {
    large(bencher, Method::Hare);
}

#[divan::bench]
fn droop_10000_seats_1000_lists(bencher: Bencher) {
    large(bencher, Method::Droop);
}

#[divan::bench]
fn dhondt_10000_seats_1000_lists(bencher: Bencher) {
    large(bencher, Method::DHondt);
}

#[divan::bench]
fn sainte_lague_10000_seats_1000_lists(bencher: Bencher) {
    large(bencher, Method::SainteLague);
}

#[divan::bench]
fn modified_sainte_lague_10000_seats_1000_lists(bencher: Bencher) {
    large(bencher, Method::ModifiedSainteLague);
}

#[divan::bench]
fn imperiali_10000_seats_1000_lists(bencher: Bencher) {
    large(bencher, Method::Imperiali);
}

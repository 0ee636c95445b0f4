//! Seat apportionment: largest-remainder and highest-averages methods, exact, with traces.
//!
//! Kazakhstan's Mazhilis list seats follow art. 97 of the Election Law (Constitutional Law
//! "On Elections in the Republic of Kazakhstan" of 28 September 1995 No. 2464; the rulebook
//! dates the rule from the amending law of 19 June 2007 No. 268-III): the quota is the sum of
//! the votes of the lists admitted past the threshold divided by the number of seats; each
//! list gets the integer part of its votes divided by the quota; the seats left over go one
//! each to the largest remainders; and equal remainders go to the list registered earlier
//! (IPU PARLINE). That is [`Method::Hare`] with [`TieRule::EarlierRegistration`]. The
//! runner-up rule of art. 97(2)–(3) (February 2009) is not a method and lives in
//! `mazhilis`. The other methods serve counterfactuals and other countries' rules. Every
//! number (seats, threshold, method, tie rule) comes from the caller, never from here.
//!
//! Every decision compares integers: remainders share a common denominator, and quotients
//! `votes / divisor` are compared by cross-multiplication in `u128`. [`Fraction`]s are built
//! only for the trace. A tie that the tie rule leaves to lot is returned as
//! [`Status::LotsRequired`] with the seats at stake left undistributed; nothing is picked
//! silently.
//!
//! ```
//! use saylau_core::elections::apportion::{apportion, Method, Request, Status, TieRule};
//!
//! let request = Request {
//!     votes: &[8099, 747, 719],
//!     registration: &[1, 2, 3],
//!     seats: 98,
//!     method: Method::Hare,
//!     tie_rule: TieRule::EarlierRegistration,
//!     threshold: None,
//! };
//! let result = apportion(&request).expect("valid request");
//! assert_eq!(result.seats, vec![83, 8, 7]);
//! assert_eq!(result.status, Status::Complete);
//! ```

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use serde::Serialize;

use crate::exact::fraction::{Fraction, gcd};

/// A seat-allocation method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Hare quota (votes / seats) and largest remainders: Election Law art. 97.
    Hare,
    /// Droop quota (integer part of votes / (seats + 1), plus one) and largest remainders.
    Droop,
    /// Highest averages with divisors 1, 2, 3, ...
    DHondt,
    /// Highest averages with divisors 1, 3, 5, ...
    SainteLague,
    /// Highest averages with divisors 1.4, 3, 5, 7, ... (Scandinavian variant).
    ModifiedSainteLague,
    /// Highest averages with divisors 2, 3, 4, ... This is the Imperiali *divisor* method
    /// (as in Belgian municipal elections), not the Imperiali quota `votes / (seats + 2)`.
    Imperiali,
}

impl Method {
    pub const ALL: [Method; 6] = [
        Method::Hare,
        Method::Droop,
        Method::DHondt,
        Method::SainteLague,
        Method::ModifiedSainteLague,
        Method::Imperiali,
    ];

    /// The method with the rulebook name (`sainte_lague`) or the command-line spelling
    /// (`sainte-lague`).
    pub fn from_name(name: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| {
            let own = m.name();
            own.len() == name.len()
                && own
                    .bytes()
                    .zip(name.bytes())
                    .all(|(a, b)| a == b || (a == b'_' && b == b'-'))
        })
    }

    /// The rulebook spelling.
    pub fn name(self) -> &'static str {
        match self {
            Method::Hare => "hare",
            Method::Droop => "droop",
            Method::DHondt => "dhondt",
            Method::SainteLague => "sainte_lague",
            Method::ModifiedSainteLague => "modified_sainte_lague",
            Method::Imperiali => "imperiali",
        }
    }

    /// Whether the method awards seats one at a time to the largest quotient.
    pub fn is_divisor(self) -> bool {
        !matches!(self, Method::Hare | Method::Droop)
    }

    /// One sentence for explanations.
    pub fn describe(self) -> &'static str {
        match self {
            Method::Hare => "Hare quota (votes / seats), largest remainders",
            Method::Droop => {
                "Droop quota (integer part of votes / (seats + 1), plus one), largest remainders"
            }
            Method::DHondt => "D'Hondt highest averages (divisors 1, 2, 3, ...)",
            Method::SainteLague => "Sainte-Laguë highest averages (divisors 1, 3, 5, ...)",
            Method::ModifiedSainteLague => {
                "modified Sainte-Laguë highest averages (divisors 1.4, 3, 5, 7, ...)"
            }
            Method::Imperiali => {
                "Imperiali highest averages (divisors 2, 3, 4, ...; the divisor method, not the \
                 Imperiali quota)"
            }
        }
    }
}

impl Serialize for Method {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// How a tie for the last seats is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TieRule {
    /// The list registered earlier wins (IPU PARLINE on Election Law art. 97).
    EarlierRegistration,
    /// The law settles the tie by lot: the outcome says so and leaves the seats open.
    Lots,
}

/// An entry threshold: a list takes part only with at least `percent`% of `base` votes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Threshold {
    /// `7` means 7%.
    pub percent: Fraction,
    /// What the percentage is taken of (for the Mazhilis: the voters who took part).
    pub base: u64,
}

/// What to apportion.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub votes: &'a [u64],
    /// Registration order: lower = registered earlier; values must be distinct.
    pub registration: &'a [u32],
    pub seats: u64,
    pub method: Method,
    pub tie_rule: TieRule,
    pub threshold: Option<Threshold>,
}

/// The seats, the threshold outcome and the steps that produced them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Apportionment {
    /// Index-aligned with the request's votes; lists not admitted get 0.
    pub seats: Vec<u64>,
    /// The threshold outcome per list (all true when there is no threshold).
    pub admitted: Vec<bool>,
    pub status: Status,
    pub trace: Trace,
}

/// Whether every seat was distributed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    Complete,
    /// The tie rule is [`TieRule::Lots`] and a tie decides seats: these lists (indices) are
    /// tied for `seats_at_stake` seats; `seats` holds only the seats awarded without the tie
    /// (the tied seats are not given to anyone).
    LotsRequired {
        tied: Vec<usize>,
        seats_at_stake: u64,
    },
}

/// The steps of the allocation, for explanations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Trace {
    LargestRemainder {
        /// The quota as an exact fraction (Hare: admitted votes / seats; Droop:
        /// floor(V / (S + 1)) + 1).
        quota: Fraction,
        /// Index-aligned with the request's votes (rows of lists not admitted are zeros).
        rows: Vec<LrRow>,
        /// List indices in the order they received remainder seats.
        remainder_order: Vec<usize>,
        /// Ties the tie rule settled.
        ties: Vec<TieResolution>,
    },
    Divisor {
        /// Index-aligned with the request's votes.
        rows: Vec<DivRow>,
        /// Ties the tie rule settled.
        ties: Vec<TieResolution>,
    },
}

/// One list under a largest-remainder method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LrRow {
    /// Votes / quota, exact.
    pub quotient: Fraction,
    /// The integer part of the quotient: the list's whole seats.
    pub whole: u64,
    /// `quotient - whole`.
    pub remainder: Fraction,
    /// Whether the list got a remainder seat.
    pub extra: bool,
}

/// One list under a divisor method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DivRow {
    /// The quotient of the last seat the list won.
    pub last_awarded: Option<Fraction>,
    /// The quotient the list would compete with for one more seat.
    pub next: Fraction,
}

/// A tie the tie rule settled: `winners` out of `tied` took the `seats_at_stake` seats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TieResolution {
    pub tied: Vec<usize>,
    pub seats_at_stake: u64,
    pub winners: Vec<usize>,
}

/// Why seats cannot be apportioned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApportionError {
    #[error("the admitted lists have no votes, so no seat can be distributed")]
    NoVotes,
    #[error("no list reached the threshold, so no seat can be distributed")]
    NoListAdmitted,
    #[error("the number of vote counts differs from the number of registration numbers")]
    LengthMismatch,
    #[error("registration number {0} is given to more than one list")]
    DuplicateRegistration(u32),
    #[error("there are no seats to distribute")]
    NoSeats,
    #[error("the numbers are too large to compute exactly")]
    TooLarge,
    #[error(
        "the quota leaves {remaining} seats for the remainders but only {lists} lists have a \
         remainder"
    )]
    QuotaLeavesTooManySeats { remaining: u64, lists: usize },
}

/// Whether `votes` reach the threshold: votes × 100 ≥ percent × base.
///
/// The Mazhilis threshold (Constitution art. 51(5), Election Law art. 97) admits lists with
/// "not less than" the share, so reaching it exactly passes. Exact for every input: both
/// sides are compared as 256-bit products.
pub fn passes_threshold(votes: u64, threshold: &Threshold) -> bool {
    let p = threshold.percent;
    // votes·100 / 1 >= (num / den)·base  <=>  votes·100·den >= num·base.
    let left = mul_wide(u128::from(votes) * 100, p.den());
    let right = mul_wide(p.num(), u128::from(threshold.base));
    left >= right
}

/// The least number of votes that passes, as an exact fraction: percent × base / 100.
///
/// The result saturates at `u128::MAX` only if the exact numerator does not fit in `u128`,
/// which needs a percentage with a numerator beyond 2^64; [`passes_threshold`] stays exact.
pub fn minimum_votes(threshold: &Threshold) -> Fraction {
    let p = threshold.percent;
    let base = u128::from(threshold.base);
    // Cancel across before multiplying so that realistic inputs never come near overflow.
    let g = gcd(base, p.den());
    let h = gcd(p.num(), 100);
    let num = (p.num() / h).checked_mul(base / g);
    let den = (p.den() / g).checked_mul(100 / h);
    match (num, den) {
        (Some(num), Some(den)) => {
            Fraction::new(num, den).unwrap_or_else(|| Fraction::integer(u128::MAX))
        }
        _ => Fraction::integer(u128::MAX),
    }
}

/// Apportions `req.seats` among the lists of `req`.
///
/// Checks, in order: lengths, seats, distinct registration numbers, the threshold (only
/// admitted lists take part, and their votes alone make the quota), then the votes.
pub fn apportion(req: &Request<'_>) -> Result<Apportionment, ApportionError> {
    if req.votes.len() != req.registration.len() {
        return Err(ApportionError::LengthMismatch);
    }
    if req.seats == 0 {
        return Err(ApportionError::NoSeats);
    }
    check_registration(req.registration)?;

    let admitted: Vec<bool> = match &req.threshold {
        Some(t) => req.votes.iter().map(|v| passes_threshold(*v, t)).collect(),
        None => vec![true; req.votes.len()],
    };
    if req.threshold.is_some() && !admitted.iter().any(|a| *a) {
        return Err(ApportionError::NoListAdmitted);
    }
    // A sum of u64 values cannot overflow u128 for any slice that fits in memory.
    let total: u128 = req
        .votes
        .iter()
        .zip(&admitted)
        .filter(|(_, a)| **a)
        .map(|(v, _)| u128::from(*v))
        .sum();
    if total == 0 {
        return Err(ApportionError::NoVotes);
    }

    match req.method {
        Method::Hare | Method::Droop => largest_remainder(req, admitted, total),
        Method::DHondt | Method::SainteLague | Method::ModifiedSainteLague | Method::Imperiali => {
            highest_averages(req, admitted, total)
        }
    }
}

/// Rejects a registration number used twice; reports the smallest such number so that the
/// error does not depend on the order of the rows.
fn check_registration(registration: &[u32]) -> Result<(), ApportionError> {
    let mut sorted = registration.to_vec();
    sorted.sort_unstable();
    match sorted.windows(2).find(|w| w[0] == w[1]) {
        Some(w) => Err(ApportionError::DuplicateRegistration(w[0])),
        None => Ok(()),
    }
}

/// A list competing for a remainder seat.
struct Candidate {
    /// The remainder's numerator over the common denominator of all remainders.
    remainder: u128,
    registration: u32,
    index: usize,
}

/// Hare or Droop quota, whole seats, then the largest remainders (Election Law art. 97).
fn largest_remainder(
    req: &Request<'_>,
    admitted: Vec<bool>,
    total: u128,
) -> Result<Apportionment, ApportionError> {
    let seats = u128::from(req.seats);
    // Each list's quotient is `votes · scale / denominator`. All remainders then share the
    // denominator, so ranking them compares plain integers.
    let (scale, denominator, quota) = match req.method {
        // Art. 97: quota = V / S, so votes / quota = votes · S / V.
        Method::Hare => (seats, total, Fraction::new(total, seats)),
        // Droop: the integer quota floor(V / (S + 1)) + 1.
        _ => {
            let q = total / (seats + 1) + 1;
            (1, q, Some(Fraction::integer(q)))
        }
    };
    let quota = quota.ok_or(ApportionError::TooLarge)?;

    let n = req.votes.len();
    let mut seat_vec = vec![0u64; n];
    let mut rows = Vec::with_capacity(n);
    let mut candidates = Vec::new();
    let mut whole_total: u128 = 0;
    for (index, ((votes, registration), is_admitted)) in req
        .votes
        .iter()
        .zip(req.registration)
        .zip(&admitted)
        .enumerate()
    {
        if !is_admitted {
            rows.push(LrRow {
                quotient: Fraction::integer(0),
                whole: 0,
                remainder: Fraction::integer(0),
                extra: false,
            });
            continue;
        }
        // votes ≤ V and S < 2^64, so the product fits and the whole part is at most S.
        let num = u128::from(*votes)
            .checked_mul(scale)
            .ok_or(ApportionError::TooLarge)?;
        let whole = num / denominator;
        let remainder = num % denominator;
        let whole_u64 = u64::try_from(whole).map_err(|_| ApportionError::TooLarge)?;
        whole_total = whole_total
            .checked_add(whole)
            .ok_or(ApportionError::TooLarge)?;
        seat_vec[index] = whole_u64;
        // One gcd per row: the remainder shares the quotient's reduced denominator.
        let quotient = Fraction::new(num, denominator).ok_or(ApportionError::TooLarge)?;
        rows.push(LrRow {
            quotient,
            whole: whole_u64,
            remainder: quotient.fract(),
            extra: false,
        });
        // A list with no remainder has no claim to a remainder seat; this also keeps lists
        // with no votes out.
        if remainder > 0 {
            candidates.push(Candidate {
                remainder,
                registration: *registration,
                index,
            });
        }
    }

    // The whole parts never exceed the seats: Σ floor(vS/V) ≤ S, and for Droop
    // Σ floor(v/q) ≤ floor(V/q) ≤ S because q > V/(S+1).
    let left = seats
        .checked_sub(whole_total)
        .ok_or(ApportionError::TooLarge)?;
    let left_usize = usize::try_from(left).unwrap_or(usize::MAX);
    if left_usize > candidates.len() {
        // Only Droop gets here (under Hare the remainders sum to `left` quotas, so more than
        // `left` lists have one). Handing seats to lists without a remainder has no basis in
        // the method, so say so instead of inventing a rule.
        return Err(ApportionError::QuotaLeavesTooManySeats {
            remaining: u64::try_from(left).unwrap_or(u64::MAX),
            lists: candidates.len(),
        });
    }

    // Largest remainder first; among equal remainders the earlier registration first, which
    // is exactly the order in which the tie rule EarlierRegistration would award them.
    // Registration numbers are distinct, so the order does not depend on the input order.
    candidates.sort_unstable_by(|a, b| {
        b.remainder
            .cmp(&a.remainder)
            .then(a.registration.cmp(&b.registration))
    });

    let mut status = Status::Complete;
    let mut ties = Vec::new();
    let mut awarded = left_usize;
    // The remainder of the last list inside the seats left, if the first list outside shares
    // it: then more lists share the boundary remainder than seats are left for them.
    let boundary = match (
        left_usize.checked_sub(1).and_then(|i| candidates.get(i)),
        candidates.get(left_usize),
    ) {
        (Some(last_in), Some(first_out)) if last_in.remainder == first_out.remainder => {
            Some(last_in.remainder)
        }
        _ => None,
    };
    if let Some(boundary) = boundary {
        let above = candidates.partition_point(|c| c.remainder > boundary);
        let end = candidates.partition_point(|c| c.remainder >= boundary);
        let mut tied: Vec<usize> = candidates[above..end].iter().map(|c| c.index).collect();
        tied.sort_unstable();
        let seats_at_stake =
            u64::try_from(left_usize - above).map_err(|_| ApportionError::TooLarge)?;
        match req.tie_rule {
            TieRule::EarlierRegistration => {
                let mut winners: Vec<usize> = candidates[above..left_usize]
                    .iter()
                    .map(|c| c.index)
                    .collect();
                winners.sort_unstable();
                ties.push(TieResolution {
                    tied,
                    seats_at_stake,
                    winners,
                });
            }
            TieRule::Lots => {
                awarded = above;
                status = Status::LotsRequired {
                    tied,
                    seats_at_stake,
                };
            }
        }
    }

    let mut remainder_order = Vec::with_capacity(awarded);
    for c in &candidates[..awarded] {
        seat_vec[c.index] += 1;
        rows[c.index].extra = true;
        remainder_order.push(c.index);
    }

    Ok(Apportionment {
        seats: seat_vec,
        admitted,
        status,
        trace: Trace::LargestRemainder {
            quota,
            rows,
            remainder_order,
            ties,
        },
    })
}

/// The divisors of a highest-averages method, as `numerator(k) / denominator()` for the seat
/// a list would win when it already holds `k` seats.
#[derive(Clone, Copy)]
struct Divisors {
    method: Method,
}

impl Divisors {
    /// The common denominator of the divisors: 5 for modified Sainte-Laguë (1.4 = 7/5).
    fn denominator(self) -> u128 {
        match self.method {
            Method::ModifiedSainteLague => 5,
            _ => 1,
        }
    }

    /// The divisor's numerator for the seat after `k` seats, if it fits in `u64`. Keeping
    /// votes and divisors within `u64` makes every cross product a single widening multiply
    /// that cannot overflow `u128`. It grows with `k`, so if it fits for the house size it
    /// fits for every seat.
    fn numerator(self, k: u64) -> Option<u64> {
        match self.method {
            Method::SainteLague => k.checked_mul(2)?.checked_add(1),
            Method::ModifiedSainteLague if k == 0 => Some(7),
            Method::ModifiedSainteLague => k.checked_mul(2)?.checked_add(1)?.checked_mul(5),
            Method::Imperiali => k.checked_add(2),
            _ => k.checked_add(1),
        }
    }

    /// Seats a list is sure to win before any tie can matter: the number of its quotients
    /// strictly above `V / t`, for a `t` chosen so that these counts add up to fewer than the
    /// seats (checked in [`Divisors::head_start`]). Starting from them leaves at most two
    /// seats per list to the heap, so the running time does not grow with the house size.
    ///
    /// Divisor numerators are `p·k + r` (modified Sainte-Laguë: except at `k = 0`), so the
    /// count is the number of `k ≥ 0` with `(p·k + r)·V < votes·t·denominator`.
    fn sure_seats(self, votes: u128, total: u128, t: u128) -> Option<u128> {
        let (p, r) = match self.method {
            Method::SainteLague => (2, 1),
            Method::ModifiedSainteLague => (10, 5),
            Method::Imperiali => (1, 2),
            _ => (1, 1),
        };
        let x = votes.checked_mul(t)?.checked_mul(self.denominator())?;
        let y = total.checked_mul(r)?;
        if x <= y {
            return Some(0);
        }
        let step = total.checked_mul(p)?;
        let count = (x - y).div_ceil(step);
        // Modified Sainte-Laguë's first divisor is 7/5, not 5/5: the first seat counts only
        // if 7·V < x. From the second seat on, x > 15·V already.
        if self.method == Method::ModifiedSainteLague && count == 1 && x <= total.checked_mul(7)? {
            return Some(0);
        }
        Some(count)
    }

    /// The `t`s to try for [`Divisors::sure_seats`], tightest first.
    ///
    /// With `x = votes·t/V` (so that the `x` of the `lists` competing lists add up to `t`),
    /// a list's count is below `x` under D'Hondt and, with larger divisors, Imperiali; and
    /// below `(x + 1)/2` under Sainte-Laguë and, with a larger first divisor, modified
    /// Sainte-Laguë. The last `t` offered therefore always keeps the sum below `seats`. The
    /// counts are also at least `x - 2` and `(x - 1)/2 - 1` respectively, so at most two
    /// seats per list are left to the heap. Imperiali's counts are below `x - 1` for every
    /// list with `x > 2`, so `seats + lists` usually works too and leaves at most one.
    fn jump_targets(self, seats: u128, lists: u128) -> [Option<u128>; 2] {
        match self.method {
            Method::SainteLague | Method::ModifiedSainteLague => [
                None,
                seats
                    .checked_mul(2)
                    .and_then(|s| s.checked_sub(lists))
                    .filter(|t| *t > 0),
            ],
            Method::Imperiali => [seats.checked_add(lists), Some(seats)],
            _ => [None, Some(seats)],
        }
    }

    /// Gives each competing list its sure seats in `held` and returns how many were given,
    /// always fewer than `seats`.
    fn head_start(
        self,
        votes: &[u64],
        competing: &[usize],
        total: u128,
        seats: u128,
        held: &mut [u64],
    ) -> Result<u128, ApportionError> {
        let lists = u128::try_from(competing.len()).map_err(|_| ApportionError::TooLarge)?;
        for t in self.jump_targets(seats, lists).into_iter().flatten() {
            let mut given: u128 = 0;
            for &i in competing {
                let sure = self
                    .sure_seats(u128::from(votes[i]), total, t)
                    .ok_or(ApportionError::TooLarge)?;
                held[i] = u64::try_from(sure).map_err(|_| ApportionError::TooLarge)?;
                given = given.checked_add(sure).ok_or(ApportionError::TooLarge)?;
            }
            // Only a count below the house proves that every one of these seats would be
            // won before the boundary (see `sure_seats`).
            if given < seats {
                return Ok(given);
            }
        }
        // Tiny houses (Sainte-Laguë with 2·seats ≤ lists): start from nothing.
        for &i in competing {
            held[i] = 0;
        }
        Ok(0)
    }
}

/// A list's claim to its next seat: the quotient `votes / divisor`, compared exactly.
struct Claim {
    votes: u64,
    /// The divisor's numerator (the common denominator cancels in comparisons).
    divisor: u64,
    registration: u32,
    index: usize,
}

impl Claim {
    /// Compares quotients by cross-multiplication: two `u64` factors cannot overflow `u128`.
    fn cmp_quotient(&self, other: &Claim) -> Ordering {
        (u128::from(self.votes) * u128::from(other.divisor))
            .cmp(&(u128::from(other.votes) * u128::from(self.divisor)))
    }
}

impl Ord for Claim {
    fn cmp(&self, other: &Claim) -> Ordering {
        // A total order for the heap; equal quotients are popped together and then settled
        // by the tie rule, so this second key only fixes the heap's internal order.
        self.cmp_quotient(other)
            .then(other.registration.cmp(&self.registration))
    }
}

impl PartialOrd for Claim {
    fn partial_cmp(&self, other: &Claim) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Claim {
    fn eq(&self, other: &Claim) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Claim {}

/// Highest averages: seats go one at a time to the largest quotient votes / divisor.
fn highest_averages(
    req: &Request<'_>,
    admitted: Vec<bool>,
    total: u128,
) -> Result<Apportionment, ApportionError> {
    let divisors = Divisors { method: req.method };
    let n = req.votes.len();
    let seats = u128::from(req.seats);

    // Only lists with votes compete: a list with no votes never gets a seat.
    let competing: Vec<usize> = (0..n)
        .filter(|i| admitted[*i] && req.votes[*i] > 0)
        .collect();
    // No list can hold more than all seats, so no claim's divisor exceeds this one.
    divisors
        .numerator(req.seats)
        .ok_or(ApportionError::TooLarge)?;

    let mut seat_vec = vec![0u64; n];
    let given = divisors.head_start(req.votes, &competing, total, seats, &mut seat_vec)?;

    let mut heap = BinaryHeap::with_capacity(competing.len());
    for &i in &competing {
        heap.push(Claim {
            votes: req.votes[i],
            divisor: divisors
                .numerator(seat_vec[i])
                .ok_or(ApportionError::TooLarge)?,
            registration: req.registration[i],
            index: i,
        });
    }

    let mut left = seats - given;
    let mut status = Status::Complete;
    let mut ties = Vec::new();
    let mut group: Vec<Claim> = Vec::new();
    while left > 0 {
        // All lists whose next quotient equals the greatest one compete together.
        let Some(top) = heap.pop() else {
            // Unreachable: a list with votes always has a claim in the heap. Should it ever
            // happen, say that no list can take the seats rather than loop or guess.
            return Err(ApportionError::NoVotes);
        };
        group.clear();
        while heap
            .peek()
            .is_some_and(|c| c.cmp_quotient(&top) == Ordering::Equal)
        {
            if let Some(c) = heap.pop() {
                group.push(c);
            }
        }
        group.push(top);
        let size = u128::try_from(group.len()).map_err(|_| ApportionError::TooLarge)?;
        let winners = if size <= left {
            group.len()
        } else {
            // More equal quotients than seats left: the tie rule decides.
            let stake = usize::try_from(left).map_err(|_| ApportionError::TooLarge)?;
            let seats_at_stake = u64::try_from(left).map_err(|_| ApportionError::TooLarge)?;
            group.sort_unstable_by_key(|c| c.registration);
            let mut tied: Vec<usize> = group.iter().map(|c| c.index).collect();
            tied.sort_unstable();
            match req.tie_rule {
                TieRule::EarlierRegistration => {
                    let mut won: Vec<usize> = group[..stake].iter().map(|c| c.index).collect();
                    won.sort_unstable();
                    ties.push(TieResolution {
                        tied,
                        seats_at_stake,
                        winners: won,
                    });
                    stake
                }
                TieRule::Lots => {
                    status = Status::LotsRequired {
                        tied,
                        seats_at_stake,
                    };
                    break;
                }
            }
        };
        for claim in group.drain(..).take(winners) {
            let held = &mut seat_vec[claim.index];
            *held += 1;
            heap.push(Claim {
                divisor: divisors.numerator(*held).ok_or(ApportionError::TooLarge)?,
                ..claim
            });
        }
        left -= u128::try_from(winners).map_err(|_| ApportionError::TooLarge)?;
    }

    let scale = divisors.denominator();
    let mut rows = Vec::with_capacity(n);
    for (i, (votes, is_admitted)) in req.votes.iter().zip(&admitted).enumerate() {
        if !is_admitted {
            rows.push(DivRow {
                last_awarded: None,
                next: Fraction::integer(0),
            });
            continue;
        }
        let held = seat_vec[i];
        // votes / (numerator / scale), built once per row for the explanation.
        let quotient = |k: u64| {
            let divisor = divisors.numerator(k).ok_or(ApportionError::TooLarge)?;
            Fraction::new(u128::from(*votes) * scale, u128::from(divisor))
                .ok_or(ApportionError::TooLarge)
        };
        let last_awarded = match held.checked_sub(1) {
            Some(k) => Some(quotient(k)?),
            None => None,
        };
        rows.push(DivRow {
            last_awarded,
            next: quotient(held)?,
        });
    }

    Ok(Apportionment {
        seats: seat_vec,
        admitted,
        status,
        trace: Trace::Divisor { rows, ties },
    })
}

/// The full 256-bit product `a · b` as `(high, low)` halves, so that comparisons of products
/// are exact whatever the inputs.
fn mul_wide(a: u128, b: u128) -> (u128, u128) {
    const MASK: u128 = u64::MAX as u128;
    let (a1, a0) = (a >> 64, a & MASK);
    let (b1, b0) = (b >> 64, b & MASK);
    // Each partial product of two 64-bit halves fits in u128.
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let p11 = a1 * b1;
    // Three values below 2^64 each: the sum fits.
    let mid = (p00 >> 64) + (p01 & MASK) + (p10 & MASK);
    let low = (p00 & MASK) | ((mid & MASK) << 64);
    // The whole product is below 2^256, so the high half cannot overflow.
    let high = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    (high, low)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_products_are_exact() {
        assert_eq!(mul_wide(3, 5), (0, 15));
        assert_eq!(mul_wide(u128::MAX, 2), (1, u128::MAX - 1));
        assert_eq!(mul_wide(u128::MAX, u128::MAX), (u128::MAX - 1, 1));
        assert_eq!(mul_wide(1 << 64, 1 << 64), (1, 0));
    }

    /// The last head-start target must never reach the house (or large houses would run
    /// seat by seat), and the head start must leave at most two seats per list to the heap.
    #[test]
    fn head_start_stays_below_the_house_and_close_to_it() {
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |bound: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % bound
        };
        for round in 0..2000 {
            let n = 1 + next(40) as usize;
            // Skewed shapes too: one large list among tiny ones is the hard case.
            let votes: Vec<u64> = (0..n)
                .map(|i| match round % 3 {
                    0 => 1 + next(10_000_000),
                    1 if i == 0 => 1 + next(10_000_000),
                    1 => 1 + next(3),
                    _ => 1 + next(20),
                })
                .collect();
            let seats = 1 + u128::from(match round % 4 {
                0 => next(5),
                1 => next(100),
                2 => next(10_000),
                _ => next(1_000_000_000_000),
            });
            let total: u128 = votes.iter().map(|v| u128::from(*v)).sum();
            let lists = n as u128;
            let competing: Vec<usize> = (0..n).collect();
            for method in Method::ALL.into_iter().filter(|m| m.is_divisor()) {
                let d = Divisors { method };
                let [.., Some(t)] = d.jump_targets(seats, lists) else {
                    assert!(2 * seats <= lists, "{method:?}");
                    continue;
                };
                let sure: u128 = votes
                    .iter()
                    .map(|v| d.sure_seats(u128::from(*v), total, t).unwrap_or(u128::MAX))
                    .sum();
                assert!(sure < seats, "{method:?} {votes:?} {seats}");
                let mut held = vec![0; n];
                let given = d
                    .head_start(&votes, &competing, total, seats, &mut held)
                    .unwrap();
                assert_eq!(given, held.iter().map(|h| u128::from(*h)).sum::<u128>());
                assert!(given < seats, "{method:?} {votes:?} {seats}");
                assert!(seats - given <= 2 * lists, "{method:?} {votes:?} {seats}");
            }
        }
    }

    #[test]
    fn method_names_round_trip() {
        for m in Method::ALL {
            assert_eq!(Method::from_name(m.name()), Some(m));
            assert_eq!(Method::from_name(&m.name().replace('_', "-")), Some(m));
        }
        assert_eq!(Method::from_name("sainte lague"), None);
        assert_eq!(Method::from_name("d'hondt"), None);
    }
}

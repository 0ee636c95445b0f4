//! Disproportionality and the party system, exactly: Gallagher's least-squares index, the
//! effective number of parties by votes and by seats (Laakso and Taagepera), and the votes
//! cast for lists that won no seat.
//!
//! Every index is computed in integers and fractions and shown by the one display rule of
//! [`crate::exact::DISPLAY_RULE`]; Gallagher's index, a square root, is rounded exactly from
//! its square.
//!
//! ```
//! use saylau_core::elections::indices::indices;
//!
//! // 88% of the votes and every seat.
//! let i = indices(&[(88, 98), (12, 0)]).expect("votes and seats");
//! assert_eq!(i.gallagher.shown, "12.00");
//! assert_eq!(i.wasted_votes.percent, "12.00");
//! assert_eq!(i.enp_seats.shown, "1.00");
//! ```

use serde::Serialize;

use crate::exact::{Fraction, Share, Shown, shown::sqrt_shown};

/// Gallagher's least-squares index, in percentage points:
/// `sqrt(½ × Σ (vote share % − seat share %)²)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gallagher {
    /// The index squared, exact.
    pub squared: Fraction,
    /// The index, rounded half up to two decimals from `squared`.
    pub shown: String,
}

/// The indices of one result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Indices {
    /// Votes for lists that won no seat, as a share of all votes counted.
    pub wasted_votes: Share,
    pub gallagher: Gallagher,
    /// `1 / Σ vᵢ²` over the vote shares.
    pub enp_votes: Shown,
    /// `1 / Σ sᵢ²` over the seat shares.
    pub enp_seats: Shown,
}

/// What each index says, for explanations and headers.
pub const ABOUT: &str = "Gallagher's least-squares index sqrt(½ Σ (vote % − seat %)²) in \
                         percentage points; the effective number of parties 1 / Σ share² by \
                         votes and by seats (Laakso and Taagepera); the share of the votes cast \
                         for lists that won no seat";

/// The indices of `(votes, seats)` per list, or `None` when there are no votes or no seats,
/// or the numbers are too large to compute exactly.
pub fn indices(rows: &[(u64, u64)]) -> Option<Indices> {
    let votes: u128 = rows.iter().map(|(v, _)| u128::from(*v)).sum();
    let seats: u128 = rows.iter().map(|(_, s)| u128::from(*s)).sum();
    if votes == 0 || seats == 0 {
        return None;
    }
    let wasted: u64 = rows.iter().filter(|(_, s)| *s == 0).map(|(v, _)| *v).sum();
    let wasted_votes = Share::new(wasted, u64::try_from(votes).ok()?)?;

    // Over the common denominator V × S every difference of shares is an integer:
    // vᵢ/V − sᵢ/S = (vᵢ S − sᵢ V) / (V S).
    let mut squares: u128 = 0;
    for (v, s) in rows {
        let a = u128::from(*v).checked_mul(seats)?;
        let b = u128::from(*s).checked_mul(votes)?;
        let d = a.abs_diff(b);
        squares = squares.checked_add(d.checked_mul(d)?)?;
    }
    // In percentage points squared: 100² × squares / (2 (V S)²).
    let vs = votes.checked_mul(seats)?;
    let num = squares.checked_mul(10_000)?;
    let den = vs.checked_mul(vs)?.checked_mul(2)?;
    let gallagher = Gallagher {
        squared: Fraction::new(num, den)?,
        shown: sqrt_shown(num, den)?,
    };

    Some(Indices {
        wasted_votes,
        gallagher,
        enp_votes: effective_number(votes, rows.iter().map(|(v, _)| *v))?,
        enp_seats: effective_number(seats, rows.iter().map(|(_, s)| *s))?,
    })
}

/// `1 / Σ (partᵢ / total)²`, that is `total² / Σ partᵢ²`.
fn effective_number(total: u128, parts: impl Iterator<Item = u64>) -> Option<Shown> {
    let sum = parts
        .map(u128::from)
        .try_fold(0u128, |acc, p| acc.checked_add(p.checked_mul(p)?))?;
    Some(Shown::new(Fraction::new(total.checked_mul(total)?, sum)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proportional_result_has_no_disproportionality() {
        let i = indices(&[(50, 5), (30, 3), (20, 2)]).unwrap_or_else(|| unreachable!());
        assert_eq!(i.gallagher.squared, Fraction::integer(0));
        assert_eq!(i.gallagher.shown, "0.00");
        assert_eq!(i.wasted_votes.percent, "0.00");
        // 1 / (0.25 + 0.09 + 0.04) = 100/38.
        assert_eq!(
            i.enp_votes.exact,
            Fraction::new(100, 38).unwrap_or_else(|| unreachable!())
        );
        assert_eq!(i.enp_votes.shown, "2.63");
        assert_eq!(i.enp_seats.shown, "2.63");
    }

    #[test]
    fn the_seeds_2007_result_by_hand() {
        // The seed's shares in hundredths of a percent, and the 98 list seats.
        let rows = [
            (8841, 98),
            (454, 0),
            (309, 0),
            (151, 0),
            (129, 0),
            (78, 0),
            (37, 0),
        ];
        let i = indices(&rows).unwrap_or_else(|| unreachable!());
        // Votes 9999; wasted 1158.
        assert_eq!(i.wasted_votes.part, 1158);
        assert_eq!(i.wasted_votes.whole, 9999);
        assert_eq!(i.wasted_votes.percent, "11.58");
        // Σ (vote% − seat%)²: (88.4188 − 100)² + the small lists' squares; the root of half
        // of it is 9.1918… percentage points.
        assert_eq!(i.gallagher.shown, "9.19");
        assert_eq!(i.enp_seats.shown, "1.00");
        assert_eq!(i.enp_votes.shown, "1.27");
    }

    #[test]
    fn nothing_to_measure_is_none() {
        assert_eq!(indices(&[]), None);
        assert_eq!(indices(&[(0, 0)]), None);
        assert_eq!(indices(&[(10, 0)]), None);
    }
}

//! Hemicycle seat diagrams as SVG: one shape per seat, in concentric half rings, groups filled
//! from left to right.
//!
//! How many rows and how many seats per row are whole-number choices: the rows are the fewest
//! whose capacity holds every seat, and the seats are shared among the rows in proportion to
//! their capacity by largest remainder. Floating point only places the shapes on the page;
//! coordinates are written with two decimals, so the same groups always give the same bytes.
//!
//! ```
//! use saylau_server::render::hemicycle::{Group, SeatKind, svg};
//!
//! let groups = [
//!     Group { label: "NUR OTAN".into(), seats: 98, color: "#1f77b4".into(), kind: SeatKind::PartyList },
//!     Group { label: "Assembly of People".into(), seats: 9, color: "#999999".into(), kind: SeatKind::Assembly },
//! ];
//! let diagram = svg("Mazhilis", &groups);
//! assert_eq!(diagram.matches("<circle").count(), 98);
//! assert_eq!(diagram.matches("<rect class=\"seat").count(), 9);
//! ```

use std::f64::consts::PI;
use std::fmt::Write;

use super::escape;

/// What kind of seat a group holds; list and elected seats are drawn as circles, Assembly and
/// appointed seats as squares, seats whose holder is unknown as hollow circles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatKind {
    PartyList,
    SingleMember,
    Assembly,
    Elected,
    Appointed,
    Unknown,
}

impl SeatKind {
    pub fn name(self) -> &'static str {
        match self {
            SeatKind::PartyList => "party-list",
            SeatKind::SingleMember => "single-member",
            SeatKind::Assembly => "assembly",
            SeatKind::Elected => "elected",
            SeatKind::Appointed => "appointed",
            SeatKind::Unknown => "unknown",
        }
    }
}

/// Seats drawn together: a party's list seats, the Assembly's deputies, appointed senators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub label: String,
    pub seats: u64,
    /// A CSS colour.
    pub color: String,
    pub kind: SeatKind,
}

/// Inner radius of the half ring, as a share of the outer.
const INNER: f64 = 0.4;
/// Canvas units per unit of radius.
const SCALE: f64 = 200.0;

/// Capacity of each row when the diagram has `rows` rows: seats that fit on the row's half
/// circle at the spacing between rows.
fn capacities(rows: u64) -> Vec<u64> {
    let spacing = row_spacing(rows);
    (0..rows)
        .map(|i| {
            let radius = radius(i, rows);
            // Whole seats that fit on the half circle; at least one.
            ((PI * radius / spacing).floor() as u64).max(1)
        })
        .collect()
}

fn row_spacing(rows: u64) -> f64 {
    if rows <= 1 {
        1.0 - INNER
    } else {
        (1.0 - INNER) / (rows - 1) as f64
    }
}

fn radius(row: u64, rows: u64) -> f64 {
    if rows <= 1 {
        (1.0 + INNER) / 2.0
    } else {
        INNER + (1.0 - INNER) * row as f64 / (rows - 1) as f64
    }
}

/// Seats per row: the fewest rows that hold `total`, shared by largest remainder in
/// proportion to capacity (ties to the outer row).
pub fn rows_for(total: u64) -> Vec<u64> {
    if total == 0 {
        return Vec::new();
    }
    let mut rows = 1;
    let caps = loop {
        let caps = capacities(rows);
        if caps.iter().sum::<u64>() >= total {
            break caps;
        }
        rows += 1;
    };
    let cap_total: u64 = caps.iter().sum();
    let mut seats: Vec<u64> = caps.iter().map(|c| total * c / cap_total).collect();
    let mut order: Vec<usize> = (0..caps.len()).collect();
    // Largest remainder first; on equal remainders the outer (longer) row.
    order.sort_by(|&a, &b| {
        let ra = total * caps[a] % cap_total;
        let rb = total * caps[b] % cap_total;
        rb.cmp(&ra).then(b.cmp(&a))
    });
    let mut left = total - seats.iter().sum::<u64>();
    for i in order {
        if left == 0 {
            break;
        }
        seats[i] += 1;
        left -= 1;
    }
    seats
}

/// A seat's place: its angle (π at the left end, 0 at the right) and its row.
struct Place {
    angle: f64,
    row: u64,
    radius: f64,
}

fn places(total: u64) -> (Vec<Place>, f64) {
    let per_row = rows_for(total);
    let rows = per_row.len() as u64;
    let mut out = Vec::new();
    for (row, &n) in per_row.iter().enumerate() {
        let row = row as u64;
        let r = radius(row, rows);
        for j in 0..n {
            let angle = if n == 1 {
                PI / 2.0
            } else {
                PI - PI * j as f64 / (n - 1) as f64
            };
            out.push(Place {
                angle,
                row,
                radius: r,
            });
        }
    }
    // Left to right, and from the inner row out where angles are equal, so that each group
    // takes a wedge.
    out.sort_by(|a, b| {
        b.angle
            .partial_cmp(&a.angle)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.row.cmp(&b.row))
    });
    (out, row_spacing(rows))
}

/// The diagram: an SVG with one `class="seat …"` shape per seat, grouped per group with its
/// label as a tooltip, and a title for screen readers.
pub fn svg(title: &str, groups: &[Group]) -> String {
    let total: u64 = groups.iter().map(|g| g.seats).sum();
    let (places, spacing) = places(total);
    let size = (spacing * SCALE * 0.42).min(12.0);
    let width = 2.0 * SCALE + 4.0 * size;
    let height = SCALE + 3.0 * size;
    let cx = width / 2.0;
    let cy = SCALE + size * 1.5;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.2} {height:.2}\" \
         role=\"img\" aria-label=\"{t}: {total} seat{s}\" class=\"hemicycle\"><title>{t}: {total} seat{s}</title>",
        t = escape(title),
        s = if total == 1 { "" } else { "s" }
    );
    let mut next = places.iter();
    for (i, g) in groups.iter().enumerate() {
        let _ = write!(
            out,
            "<g class=\"group\" data-group=\"{i}\" data-kind=\"{}\"><title>{}: {} seat{}</title>",
            g.kind.name(),
            escape(&g.label),
            g.seats,
            if g.seats == 1 { "" } else { "s" }
        );
        let color = escape(&g.color);
        for _ in 0..g.seats {
            let Some(p) = next.next() else {
                break;
            };
            let x = cx + SCALE * p.radius * p.angle.cos();
            let y = cy - SCALE * p.radius * p.angle.sin();
            let class = format!("seat seat-{}", g.kind.name());
            match g.kind {
                SeatKind::PartyList | SeatKind::Elected => {
                    let _ = write!(
                        out,
                        "<circle class=\"{class}\" cx=\"{x:.2}\" cy=\"{y:.2}\" r=\"{size:.2}\" fill=\"{color}\"/>"
                    );
                }
                SeatKind::SingleMember => {
                    // A diamond: a seat won in a constituency, in its party's colour.
                    let r = size * 1.15;
                    let _ = write!(
                        out,
                        "<polygon class=\"{class}\" points=\"{:.2},{y:.2} {x:.2},{:.2} {:.2},{y:.2} {x:.2},{:.2}\" fill=\"{color}\"/>",
                        x - r,
                        y - r,
                        x + r,
                        y + r
                    );
                }
                SeatKind::Unknown => {
                    let _ = write!(
                        out,
                        "<circle class=\"{class}\" cx=\"{x:.2}\" cy=\"{y:.2}\" r=\"{:.2}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{:.2}\"/>",
                        size * 0.8,
                        size * 0.35
                    );
                }
                SeatKind::Assembly | SeatKind::Appointed => {
                    let side = size * 1.7;
                    let _ = write!(
                        out,
                        "<rect class=\"{class}\" x=\"{:.2}\" y=\"{:.2}\" width=\"{side:.2}\" height=\"{side:.2}\" fill=\"{color}\"/>",
                        x - side / 2.0,
                        y - side / 2.0
                    );
                }
            }
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(seats: u64, kind: SeatKind) -> Group {
        Group {
            label: "A & <B>".into(),
            seats,
            color: "#123456".into(),
            kind,
        }
    }

    #[test]
    fn one_shape_per_seat_for_every_size() {
        for total in 0..=320u64 {
            let rows = rows_for(total);
            assert_eq!(rows.iter().sum::<u64>(), total, "{total}");
            let d = svg(
                "T",
                &[
                    group(total / 3, SeatKind::Assembly),
                    group(total / 4, SeatKind::SingleMember),
                    group(total - total / 3 - total / 4, SeatKind::PartyList),
                ],
            );
            assert_eq!(d.matches("class=\"seat ").count() as u64, total, "{total}");
        }
    }

    #[test]
    fn rows_grow_with_the_house_and_inner_rows_hold_fewer() {
        let mazhilis = rows_for(107);
        assert!(mazhilis.len() >= 4, "{mazhilis:?}");
        assert!(mazhilis.windows(2).all(|w| w[0] <= w[1]), "{mazhilis:?}");
        assert!(rows_for(47).len() < mazhilis.len());
        assert_eq!(rows_for(1), [1]);
    }

    #[test]
    fn seats_do_not_overlap() {
        for total in [9u64, 47, 77, 107, 300] {
            let (places, spacing) = places(total);
            let pts: Vec<(f64, f64)> = places
                .iter()
                .map(|p| (p.radius * p.angle.cos(), p.radius * p.angle.sin()))
                .collect();
            for (i, a) in pts.iter().enumerate() {
                for b in &pts[i + 1..] {
                    let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
                    assert!(
                        d > spacing * 0.84,
                        "{total}: seats {d} apart, spacing {spacing}"
                    );
                }
            }
        }
    }

    #[test]
    fn labels_are_escaped_and_output_is_stable() {
        let d = svg("M & S", &[group(3, SeatKind::Unknown)]);
        assert!(d.contains("M &amp; S: 3 seats"));
        assert!(d.contains("A &amp; &lt;B&gt;: 3 seats"));
        assert!(!d.contains("<B>"));
        assert_eq!(d, svg("M & S", &[group(3, SeatKind::Unknown)]));
    }
}

//! Layered relation diagrams as SVG: who elects, appoints, confirms and dismisses whom.
//!
//! Layers are columns, left to right (those who elect, the bodies that decide, the offices
//! they fill), each a stack of label boxes that never overlap. Arrows are curves from the right
//! edge of one box to the left edge of a box in a later column, so they run in the gaps between
//! columns and never through a box; an arrow between two boxes of one column bows out to its
//! right. Boxes are ordered and placed by where their neighbours stand (fewer crossings).
//! Every arrow is a link. Floats only place shapes; the same input gives the same bytes.

use std::fmt::Write as _;

use super::escape;

const MARGIN: f64 = 8.0;
const FONT: f64 = 13.0;
/// A conservative width of one character at `FONT` (system sans-serif averages ~0.55 em).
const CHAR: f64 = 0.62 * FONT;
const LINE: f64 = 16.0;
const PAD_X: f64 = 8.0;
const PAD_Y: f64 = 6.0;
/// Room between columns, where the arrows run, and between boxes of a column.
const GAP_X: f64 = 64.0;
const GAP_Y: f64 = 10.0;
/// How far apart arrows between the same two boxes run.
const PARALLEL: f64 = 5.0;
/// How far an arrow within one column bows out to the right.
const BOW: f64 = 28.0;
/// Labels longer than this go on two lines.
const WRAP_AT: usize = 14;
/// Rounds of ordering and placing by neighbours.
const SWEEPS: usize = 4;

/// A box on the diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub id: String,
    pub label: String,
    /// 0 is drawn at the top; a layer with many nodes takes several rows.
    pub layer: usize,
}

/// How an arrow is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stroke {
    Solid,
    Dashed,
    Dotted,
}

/// An arrow from one node to another, linking to `href`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: String,
    pub to: String,
    /// What `from` does to `to`, for the tooltip.
    pub how: String,
    pub href: String,
    pub color: String,
    pub stroke: Stroke,
}

/// A node placed: its box (top left corner, size) and its label's lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub id: String,
    pub column: usize,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub lines: Vec<String>,
}

impl Placed {
    fn middle(&self) -> f64 {
        self.y + self.h / 2.0
    }

    fn right(&self) -> f64 {
        self.x + self.w
    }
}

/// Where every node goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    /// In the order of the input nodes.
    pub nodes: Vec<Placed>,
}

impl Layout {
    pub fn get(&self, id: &str) -> Option<&Placed> {
        self.nodes.iter().find(|n| n.id == id)
    }
}

/// A label on one line, or on two split at the space nearest its middle.
fn wrap(label: &str) -> Vec<String> {
    if label.chars().count() <= WRAP_AT {
        return vec![label.to_string()];
    }
    let middle = label.len() / 2;
    let split = label
        .char_indices()
        .filter(|(_, c)| *c == ' ')
        .map(|(i, _)| i)
        .min_by_key(|i| i.abs_diff(middle));
    match split {
        Some(i) => vec![label[..i].to_string(), label[i + 1..].to_string()],
        None => vec![label.to_string()],
    }
}

fn size(lines: &[String]) -> (f64, f64) {
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    (
        longest as f64 * CHAR + 2.0 * PAD_X,
        lines.len() as f64 * LINE + 2.0 * PAD_Y,
    )
}

/// Places the nodes. Each column is ordered by the mean height of the boxes it is joined to in
/// the column before it, then every column is placed as near its neighbours as its order and
/// the gaps allow; a few rounds of both settle the drawing.
pub fn layout(nodes: &[Node], edges: &[Edge]) -> Layout {
    let mut layers: Vec<usize> = nodes.iter().map(|n| n.layer).collect();
    layers.sort_unstable();
    layers.dedup();
    let column_of = |n: &Node| layers.iter().position(|l| *l == n.layer).unwrap_or(0);
    let mut placed: Vec<Placed> = nodes
        .iter()
        .map(|n| {
            let lines = wrap(&n.label);
            let (w, h) = size(&lines);
            Placed {
                id: n.id.clone(),
                column: column_of(n),
                x: 0.0,
                y: 0.0,
                w,
                h,
                lines,
            }
        })
        .collect();
    let index = |id: &str| nodes.iter().position(|n| n.id == id);
    // Neighbours of each node, by index, either direction, without duplicates.
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for e in edges {
        if let (Some(a), Some(b)) = (index(&e.from), index(&e.to))
            && a != b
        {
            if !neighbours[a].contains(&b) {
                neighbours[a].push(b);
            }
            if !neighbours[b].contains(&a) {
                neighbours[b].push(a);
            }
        }
    }
    // Each column's nodes in order, from input order.
    let mut columns: Vec<Vec<usize>> = vec![Vec::new(); layers.len()];
    for (i, p) in placed.iter().enumerate() {
        columns[p.column].push(i);
    }
    let stack = |column: &[usize], placed: &[Placed]| -> f64 {
        column.iter().map(|&i| placed[i].h).sum::<f64>()
            + GAP_Y * column.len().saturating_sub(1) as f64
    };
    let height = columns
        .iter()
        .map(|c| stack(c, &placed))
        .fold(0.0, f64::max);
    // Start with every column stacked from the top.
    for column in &columns {
        let mut y = MARGIN;
        for &i in column {
            placed[i].y = y;
            y += placed[i].h + GAP_Y;
        }
    }
    let mean_of = |i: usize, placed: &[Placed], only: Option<usize>| -> Option<f64> {
        let ys: Vec<f64> = neighbours[i]
            .iter()
            .filter(|&&j| only.is_none_or(|c| placed[j].column == c))
            .map(|&j| placed[j].middle())
            .collect();
        (!ys.is_empty()).then(|| ys.iter().sum::<f64>() / ys.len() as f64)
    };
    for _ in 0..SWEEPS {
        // Order each column by its neighbours in the column before (stable: ties and nodes
        // without such neighbours keep their place).
        for (c, column) in columns.iter_mut().enumerate().skip(1) {
            let mut keys: Vec<(usize, f64)> = column
                .iter()
                .map(|&i| {
                    let key = mean_of(i, &placed, Some(c - 1)).unwrap_or(placed[i].middle());
                    (i, key)
                })
                .collect();
            keys.sort_by(|a, b| a.1.total_cmp(&b.1));
            *column = keys.into_iter().map(|(i, _)| i).collect();
        }
        // Place each column near its neighbours, in order, without overlaps, inside the
        // drawing.
        for column in &columns {
            let want: Vec<f64> = column
                .iter()
                .map(|&i| {
                    mean_of(i, &placed, None).unwrap_or(placed[i].middle()) - placed[i].h / 2.0
                })
                .collect();
            let mut y = MARGIN;
            let mut ys = Vec::with_capacity(column.len());
            for (k, &i) in column.iter().enumerate() {
                let top = want[k].max(y);
                ys.push(top);
                y = top + placed[i].h + GAP_Y;
            }
            // Pushed past the bottom: move back up, keeping the gaps.
            let mut bottom = MARGIN + height;
            for (k, &i) in column.iter().enumerate().rev() {
                if ys[k] + placed[i].h > bottom {
                    ys[k] = bottom - placed[i].h;
                }
                bottom = ys[k] - GAP_Y;
            }
            for (k, &i) in column.iter().enumerate() {
                placed[i].y = ys[k];
            }
        }
    }
    // Columns side by side, each as wide as its widest box, boxes centred in it.
    let mut x = MARGIN;
    for column in &columns {
        let w = column.iter().map(|&i| placed[i].w).fold(0.0, f64::max);
        for &i in column {
            placed[i].x = x + (w - placed[i].w) / 2.0;
        }
        x += w + GAP_X;
    }
    Layout {
        width: x - GAP_X + MARGIN + BOW,
        height: height + 2.0 * MARGIN,
        nodes: placed,
    }
}

/// The path of an arrow from `a` to `b`: a curve leaving `a`'s right edge and entering `b`'s
/// left edge, or, within one column, a bow out to the right.
///
/// `shift` moves both ends up or down, so that arrows between the same two boxes run side by
/// side instead of on top of each other.
fn path(a: &Placed, b: &Placed, shift: f64) -> String {
    let (y1, y2) = (a.middle() + shift, b.middle() + shift);
    if a.column == b.column {
        let x = a.right().max(b.right());
        return format!(
            "M{:.1},{y1:.1} C{:.1},{y1:.1} {:.1},{y2:.1} {:.1},{y2:.1}",
            a.right(),
            x + BOW,
            x + BOW,
            b.right()
        );
    }
    let (x1, x2) = if a.column < b.column {
        (a.right(), b.x)
    } else {
        (a.x, b.right())
    };
    let mid = (x1 + x2) / 2.0;
    format!("M{x1:.1},{y1:.1} C{mid:.1},{y1:.1} {mid:.1},{y2:.1} {x2:.1},{y2:.1}")
}

/// The diagram as SVG: `class="system"`, a `<title>`, one `<a href>` around each arrow (a
/// `path class="relation"` with its own `<title>`, "from how to", and a wider transparent
/// `path class="hit"` so that a finger can follow the link), one `class="node"` group per node.
pub fn svg(title: &str, nodes: &[Node], edges: &[Edge]) -> String {
    let l = layout(nodes, edges);
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w:.0} {h:.0}\" class=\"system\" role=\"img\" aria-label=\"{t}\"><title>{t}</title><defs>",
        w = l.width.ceil(),
        h = l.height.ceil(),
        t = escape(title)
    );
    // One arrowhead per colour: arrowheads take the colour of their line.
    let mut colors: Vec<&str> = Vec::new();
    for e in edges {
        if !colors.contains(&e.color.as_str()) {
            colors.push(&e.color);
        }
    }
    for (i, c) in colors.iter().enumerate() {
        let _ = write!(
            out,
            "<marker id=\"arrow-{i}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{}\"/></marker>",
            escape(c)
        );
    }
    out.push_str("</defs>");
    let label = |id: &str| {
        nodes
            .iter()
            .find(|n| n.id == id)
            .map_or(id.to_string(), |n| n.label.clone())
    };
    for (k, e) in edges.iter().enumerate() {
        let (Some(a), Some(b)) = (l.get(&e.from), l.get(&e.to)) else {
            continue;
        };
        let same =
            |f: &Edge| (f.from == e.from && f.to == e.to) || (f.from == e.to && f.to == e.from);
        let parallel = edges.iter().filter(|f| same(f)).count();
        let nth = edges[..k].iter().filter(|f| same(f)).count();
        let shift = (nth as f64 - (parallel - 1) as f64 / 2.0) * PARALLEL;
        let dash = match e.stroke {
            Stroke::Solid => "",
            Stroke::Dashed => " stroke-dasharray=\"6 4\"",
            Stroke::Dotted => " stroke-dasharray=\"2 3\"",
        };
        let _ = write!(
            out,
            "<a href=\"{href}\"><path class=\"relation\" d=\"{d}\" fill=\"none\" stroke=\"{c}\" stroke-width=\"1.5\"{dash} marker-end=\"url(#arrow-{m})\"><title>{} {} {}</title></path><path class=\"hit\" d=\"{d}\" fill=\"none\" stroke=\"transparent\" stroke-width=\"10\"/></a>",
            escape(&label(&e.from)),
            escape(&e.how),
            escape(&label(&e.to)),
            href = escape(&e.href),
            d = path(a, b, shift),
            c = escape(&e.color),
            m = colors.iter().position(|c| *c == e.color).unwrap_or(0),
        );
    }
    for p in &l.nodes {
        let cx = p.x + p.w / 2.0;
        let _ = write!(
            out,
            "<g class=\"node\" data-id=\"{id}\"><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" rx=\"6\" fill=\"#eef2f8\" stroke=\"#1f5fa8\"/><text text-anchor=\"middle\" font-size=\"{FONT}\" font-family=\"system-ui,sans-serif\">",
            id = escape(&p.id),
            x = p.x,
            y = p.y,
            w = p.w,
            h = p.h,
        );
        for (i, line) in p.lines.iter().enumerate() {
            let ty = p.y + PAD_Y + LINE * (i as f64 + 1.0) - 4.0;
            let _ = write!(
                out,
                "<tspan x=\"{cx:.1}\" y=\"{ty:.1}\">{}</tspan>",
                escape(line)
            );
        }
        out.push_str("</text></g>");
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_wrap_at_the_middle_space() {
        assert_eq!(wrap("president"), ["president"]);
        assert_eq!(
            wrap("national security chair"),
            ["national", "security chair"]
        );
        assert_eq!(
            wrap("higher judicial council"),
            ["higher judicial", "council"]
        );
        assert_eq!(wrap("abcdefghijklmnopqrst"), ["abcdefghijklmnopqrst"]);
    }

    #[test]
    fn arrows_within_a_column_bow_out_to_the_right() {
        let at = |column: usize, y: f64| Placed {
            id: String::new(),
            column,
            x: 10.0,
            y,
            w: 40.0,
            h: 20.0,
            lines: vec![],
        };
        assert_eq!(
            path(&at(0, 0.0), &at(0, 50.0), 0.0),
            format!(
                "M50.0,10.0 C{b:.1},10.0 {b:.1},60.0 50.0,60.0",
                b = 50.0 + BOW
            )
        );
        let mut b = at(1, 50.0);
        b.x = 200.0;
        assert_eq!(
            path(&at(0, 0.0), &b, 0.0),
            "M50.0,10.0 C125.0,10.0 125.0,60.0 200.0,60.0"
        );
    }
}

//! The SVG diagrams: snapshots of the drawings the pages show, and the properties every
//! drawing keeps (one shape per seat; boxes that never overlap; one link per arrow).

use proptest::prelude::*;
use saylau_server::render::diagram::{self, Edge, Node, Stroke};
use saylau_server::render::hemicycle::{self, Group, SeatKind};

fn group(label: &str, seats: u64, color: &str, kind: SeatKind) -> Group {
    Group {
        label: label.into(),
        seats,
        color: color.into(),
        kind,
    }
}

/// Shapes per group, read back from the SVG.
fn shapes_per_group(svg: &str) -> Vec<usize> {
    svg.split("<g class=\"group\"")
        .skip(1)
        .map(|g| g.matches("class=\"seat ").count())
        .collect()
}

#[test]
fn the_2007_mazhilis() {
    let groups = [
        group(
            "People's Democratic Party NUR OTAN",
            98,
            "#1f5fa8",
            SeatKind::PartyList,
        ),
        group(
            "Elected by the Assembly of People",
            9,
            "#6b7280",
            SeatKind::Assembly,
        ),
    ];
    let svg = hemicycle::svg("Mazhilis on 2008-03-01", &groups);
    assert_eq!(shapes_per_group(&svg), [98, 9]);
    assert_eq!(svg.matches("<circle").count(), 98);
    assert_eq!(
        svg.matches("<rect").count(),
        9,
        "the Assembly's seats are squares"
    );
    insta::assert_snapshot!(svg);
}

#[test]
fn the_2008_senate() {
    let groups = [
        group(
            "Elected by the maslikhats (holders not in the data)",
            32,
            "#6b7280",
            SeatKind::Unknown,
        ),
        group(
            "Appointed by the president (holders not in the data)",
            15,
            "#a16207",
            SeatKind::Appointed,
        ),
    ];
    let svg = hemicycle::svg("Senate on 2008-03-01", &groups);
    assert_eq!(shapes_per_group(&svg), [32, 15]);
    assert_eq!(
        svg.matches("fill=\"none\"").count(),
        32,
        "hollow: holders unknown"
    );
    insta::assert_snapshot!(svg);
}

#[test]
fn tiny_houses() {
    for seats in [1u64, 3] {
        let svg = hemicycle::svg(
            "A tiny house",
            &[group("Only list", seats, "#c0392b", SeatKind::PartyList)],
        );
        assert_eq!(shapes_per_group(&svg), [seats as usize]);
        insta::assert_snapshot!(format!("tiny_house_{seats}"), svg);
    }
}

proptest! {
    /// Any split of any house up to 400 seats: one shape per seat, in its group.
    #[test]
    fn one_shape_per_seat_in_its_group(seats in prop::collection::vec(0u64..120, 1..6)) {
        let kinds = [SeatKind::PartyList, SeatKind::Assembly, SeatKind::Elected, SeatKind::Appointed, SeatKind::Unknown];
        let groups: Vec<Group> = seats
            .iter()
            .enumerate()
            .map(|(i, n)| group(&format!("g{i}"), *n, "#123456", kinds[i % kinds.len()]))
            .collect();
        let svg = hemicycle::svg("T", &groups);
        let want: Vec<usize> = seats.iter().map(|n| *n as usize).collect();
        prop_assert_eq!(shapes_per_group(&svg), want);
    }
}

/// The system page's drawing on 2009-06-01: its nodes and arrows, as the page builds them.
fn system_2009() -> (Vec<Node>, Vec<Edge>) {
    let node = |id: &str, layer: usize| Node {
        id: id.into(),
        label: id.replace('_', " "),
        layer,
    };
    let nodes = vec![
        node("president", 1),
        node("prime_minister", 2),
        node("mazhilis", 1),
        node("minister", 2),
        node("akim", 2),
        node("appointed_senator", 2),
        node("supreme_court_chair", 2),
        node("senate", 1),
        node("supreme_court_judge", 2),
        node("prosecutor_general", 2),
        node("national_bank_chair", 2),
        node("national_security_chair", 2),
        node("judicial_council_member", 2),
        node("judicial_council", 1),
        node("local_court_chair", 2),
        node("voters", 0),
        node("assembly", 0),
        node("maslikhats", 0),
        node("government", 2),
        node("parliament", 2),
    ];
    let edge = |from: &str, how: &str, to: &str, stroke: Stroke| Edge {
        from: from.into(),
        to: to.into(),
        how: how.into(),
        href: "/law/powers.appointments".into(),
        color: match stroke {
            Stroke::Solid => "#1f5fa8".into(),
            Stroke::Dashed => "#6b7280".into(),
            Stroke::Dotted => "#c0392b".into(),
        },
        stroke,
    };
    let mut edges = Vec::new();
    for (from, how, to, stroke) in [
        ("president", "proposes", "prime_minister", Stroke::Dashed),
        ("mazhilis", "confirms", "prime_minister", Stroke::Solid),
        ("president", "appoints", "minister", Stroke::Solid),
        ("president", "appoints", "akim", Stroke::Solid),
        ("president", "appoints", "appointed_senator", Stroke::Solid),
        (
            "president",
            "proposes",
            "supreme_court_chair",
            Stroke::Dashed,
        ),
        (
            "senate",
            "elects or consents",
            "supreme_court_chair",
            Stroke::Solid,
        ),
        (
            "president",
            "proposes",
            "supreme_court_judge",
            Stroke::Dashed,
        ),
        (
            "senate",
            "elects or consents",
            "supreme_court_judge",
            Stroke::Solid,
        ),
        (
            "president",
            "proposes",
            "prosecutor_general",
            Stroke::Dashed,
        ),
        (
            "senate",
            "elects or consents",
            "prosecutor_general",
            Stroke::Solid,
        ),
        (
            "president",
            "proposes",
            "national_bank_chair",
            Stroke::Dashed,
        ),
        (
            "senate",
            "elects or consents",
            "national_bank_chair",
            Stroke::Solid,
        ),
        (
            "president",
            "proposes",
            "national_security_chair",
            Stroke::Dashed,
        ),
        (
            "senate",
            "elects or consents",
            "national_security_chair",
            Stroke::Solid,
        ),
        (
            "president",
            "appoints",
            "judicial_council_member",
            Stroke::Solid,
        ),
        (
            "judicial_council",
            "proposes",
            "local_court_chair",
            Stroke::Dashed,
        ),
        (
            "president",
            "appoints on submission",
            "local_court_chair",
            Stroke::Solid,
        ),
        ("voters", "elect", "president", Stroke::Solid),
        ("voters", "elect party lists", "mazhilis", Stroke::Solid),
        ("assembly", "elects deputies", "mazhilis", Stroke::Solid),
        ("maslikhats", "elect senators", "senate", Stroke::Solid),
        ("mazhilis", "no confidence", "government", Stroke::Dotted),
        (
            "president",
            "dissolves, after consultations",
            "parliament",
            Stroke::Dotted,
        ),
        ("prime_minister", "proposes", "minister", Stroke::Dashed),
    ] {
        edges.push(edge(from, how, to, stroke));
    }
    (nodes, edges)
}

/// No two boxes overlap, every box is inside the drawing, and each column's boxes share a
/// column.
fn check_layout(nodes: &[Node], edges: &[Edge]) -> Result<(), String> {
    let l = diagram::layout(nodes, edges);
    if l.nodes.len() != nodes.len() {
        return Err(format!("{} boxes for {} nodes", l.nodes.len(), nodes.len()));
    }
    for (i, a) in l.nodes.iter().enumerate() {
        if a.x < 0.0 || a.y < 0.0 || a.x + a.w > l.width || a.y + a.h > l.height {
            return Err(format!(
                "`{}` leaves the {}×{} drawing: {a:?}",
                a.id, l.width, l.height
            ));
        }
        for b in &l.nodes[i + 1..] {
            let apart =
                a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
            if !apart {
                return Err(format!("`{}` and `{}` overlap: {a:?} {b:?}", a.id, b.id));
            }
        }
    }
    Ok(())
}

#[test]
fn the_system_on_2009_06_01() {
    let (nodes, edges) = system_2009();
    check_layout(&nodes, &edges).unwrap();
    let svg = diagram::svg("Who fills which office on 2009-06-01", &nodes, &edges);
    assert_eq!(
        svg.matches("<a href=").count(),
        edges.len(),
        "one link per arrow"
    );
    assert_eq!(svg.matches("class=\"relation\"").count(), edges.len());
    for n in &nodes {
        assert_eq!(
            svg.matches(&format!("data-id=\"{}\"", n.id)).count(),
            1,
            "{}",
            n.id
        );
    }
    assert_eq!(
        svg,
        diagram::svg("Who fills which office on 2009-06-01", &nodes, &edges)
    );
    // Sources on the left of the bodies they fill, bodies on the left of the offices.
    let l = diagram::layout(&nodes, &edges);
    let x = |id: &str| l.get(id).unwrap().x;
    assert!(x("voters") < x("president") && x("president") < x("prime_minister"));
    insta::assert_snapshot!(svg);
}

#[test]
fn labels_are_escaped() {
    let nodes = [Node {
        id: "a&b".into(),
        label: "<script> & co".into(),
        layer: 0,
    }];
    let svg = diagram::svg("T & <U>", &nodes, &[]);
    assert!(!svg.contains("<script>"));
    assert!(svg.contains("&lt;script&gt; &amp; co"));
    assert!(svg.contains("T &amp; &lt;U&gt;"));
}

proptest! {
    /// Any set of up to 40 nodes in up to 4 layers, with any arrows: no box overlaps another
    /// or leaves the drawing, and every arrow between two known nodes is drawn as a link.
    #[test]
    fn boxes_never_overlap(
        labels in prop::collection::vec(("[a-z]{1,12}( [a-z]{1,12}){0,2}", 0usize..4), 1..40),
        pairs in prop::collection::vec((0usize..40, 0usize..40), 0..60),
    ) {
        let nodes: Vec<Node> = labels
            .iter()
            .enumerate()
            .map(|(i, (label, layer))| Node { id: format!("n{i}"), label: label.clone(), layer: *layer })
            .collect();
        let edges: Vec<Edge> = pairs
            .iter()
            .filter(|(a, b)| *a < nodes.len() && *b < nodes.len())
            .map(|(a, b)| Edge {
                from: format!("n{a}"),
                to: format!("n{b}"),
                how: "does".into(),
                href: "/law/x".into(),
                color: "#000".into(),
                stroke: Stroke::Solid,
            })
            .collect();
        prop_assert_eq!(check_layout(&nodes, &edges), Ok(()));
        let svg = diagram::svg("T", &nodes, &edges);
        prop_assert_eq!(svg.matches("<a href=").count(), edges.len());
    }
}

#[test]
fn arrows_between_the_same_boxes_run_side_by_side() {
    let nodes = [
        Node {
            id: "senate".into(),
            label: "senate".into(),
            layer: 0,
        },
        Node {
            id: "judge".into(),
            label: "judge".into(),
            layer: 1,
        },
    ];
    let edge = |how: &str| Edge {
        from: "senate".into(),
        to: "judge".into(),
        how: how.into(),
        href: "/law/x".into(),
        color: "#000".into(),
        stroke: Stroke::Solid,
    };
    let svg = diagram::svg("T", &nodes, &[edge("elects"), edge("dismisses")]);
    let paths: Vec<&str> = svg
        .split("class=\"relation\" d=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert_eq!(paths.len(), 2);
    assert_ne!(paths[0], paths[1], "{paths:?}");
}

//! Connections of the diagram: arrows from border to border (side by side when several join the
//! same two components, a loop for one from a component to itself) and where their labels go:
//! at the middle of the line, or as near to it as keeps them off the nodes and other labels.

use super::{
    Anchor, EDGE_ENCRYPTED, EDGE_LABEL_MAX_W, EDGE_UNENCRYPTED, EdgeShape, INK, Label, NodeShape, Pt, darken,
    intersects, rect, text,
};
use crate::project::{ComponentId, Project, Rect};
use std::collections::HashMap;

/// Where the ray from `p` (inside `r`) along `d` leaves `r`.
fn exit_point(r: &Rect, p: Pt, d: Pt) -> Pt {
    let tx = if d.x > 0.0 {
        (r.x + r.w - p.x) / d.x
    } else if d.x < 0.0 {
        (r.x - p.x) / d.x
    } else {
        f32::INFINITY
    };
    let ty = if d.y > 0.0 {
        (r.y + r.h - p.y) / d.y
    } else if d.y < 0.0 {
        (r.y - p.y) / d.y
    } else {
        f32::INFINITY
    };
    let t = tx.min(ty).max(0.0);
    Pt::new(p.x + d.x * t, p.y + d.y * t)
}

/// A coarse grid of rectangles, to find what a candidate label would cover.
struct Obstacles {
    cell: f32,
    rects: Vec<Rect>,
    grid: HashMap<(i32, i32), Vec<usize>>,
}

impl Obstacles {
    fn new() -> Self {
        Obstacles { cell: 256.0, rects: Vec::new(), grid: HashMap::new() }
    }

    fn cells(&self, r: &Rect) -> impl Iterator<Item = (i32, i32)> {
        let c = self.cell;
        let clamp = |v: f32| (v / c).floor().clamp(-1e6, 1e6) as i32;
        let (x0, x1, y0, y1) = (clamp(r.x), clamp(r.x + r.w), clamp(r.y), clamp(r.y + r.h));
        // A rectangle spans few cells; a huge one (never a node or label) is capped.
        let x1 = x1.min(x0 + 64);
        let y1 = y1.min(y0 + 64);
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn add(&mut self, r: Rect) {
        let i = self.rects.len();
        self.rects.push(r);
        let cells: Vec<_> = self.cells(&r).collect();
        for k in cells {
            self.grid.entry(k).or_default().push(i);
        }
    }

    fn hits(&self, r: &Rect) -> bool {
        self.cells(r)
            .any(|k| self.grid.get(&k).is_some_and(|v| v.iter().any(|&i| intersects(&self.rects[i], r))))
    }
}

/// The label text of a connection: its label, with "(unencrypted)" when it is not encrypted
/// (so the style reads without colour too), or "unencrypted" alone.
pub fn edge_text(label: &str, encrypted: bool) -> String {
    let label = text::clean(label);
    match (encrypted, label.is_empty()) {
        (true, _) => label,
        (false, true) => "unencrypted".to_string(),
        (false, false) => format!("{label} (unencrypted)"),
    }
}

/// The connections, in project order; those naming a component that is not drawn are left out.
/// Several connections between the same two components are drawn side by side.
pub(super) fn edges(project: &Project, nodes: &[NodeShape]) -> Vec<EdgeShape> {
    let index: HashMap<ComponentId, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    let mut obstacles = Obstacles::new();
    for n in nodes {
        obstacles.add(n.rect);
    }
    // How many connections join each pair (either direction), and which of them each one is.
    let key = |a: ComponentId, b: ComponentId| if a <= b { (a, b) } else { (b, a) };
    let mut per_pair: HashMap<(ComponentId, ComponentId), usize> = HashMap::new();
    for k in &project.connections {
        if index.contains_key(&k.from) && index.contains_key(&k.to) {
            *per_pair.entry(key(k.from, k.to)).or_default() += 1;
        }
    }
    let mut taken: HashMap<(ComponentId, ComponentId), usize> = HashMap::new();
    let mut out = Vec::new();
    for k in &project.connections {
        let (Some(&ia), Some(&ib)) = (index.get(&k.from), index.get(&k.to)) else { continue };
        let (ra, rb) = (nodes[ia].rect, nodes[ib].rect);
        let rgb = if k.encrypted { EDGE_ENCRYPTED } else { EDGE_UNENCRYPTED };
        let text = edge_text(&k.label, k.encrypted);
        let shown = text::fit(&text, 11.0, false, EDGE_LABEL_MAX_W);
        let lw = text::width(&shown, 11.0, false) + 10.0;
        let lh = 16.0;
        let mut e = EdgeShape {
            from: k.from,
            to: k.to,
            encrypted: k.encrypted,
            points: Vec::new(),
            head: None,
            rgb,
            text,
            label: None,
        };
        let place_label = |mid: Pt, obstacles: &mut Obstacles| {
            let r = rect(mid.x - lw / 2.0, mid.y - lh / 2.0, lw, lh);
            obstacles.add(r);
            let label = Label {
                text: shown.clone(),
                at: Pt::new(mid.x, mid.y + 4.0),
                size: 11.0,
                bold: false,
                rgb: if k.encrypted { INK } else { darken(EDGE_UNENCRYPTED) },
                anchor: Anchor::Middle,
            };
            (r, label)
        };
        if ia == ib {
            // A connection from a component to itself: a loop over its top-right corner.
            let (x1, y0) = (ra.x + ra.w, ra.y);
            let p = vec![
                Pt::new(x1 - 36.0, y0),
                Pt::new(x1 - 36.0, y0 - 22.0),
                Pt::new(x1 + 22.0, y0 - 22.0),
                Pt::new(x1 + 22.0, y0 + ra.h / 2.0),
                Pt::new(x1 + 10.0, y0 + ra.h / 2.0),
            ];
            e.head = Some([
                Pt::new(x1, y0 + ra.h / 2.0),
                Pt::new(x1 + 10.0, y0 + ra.h / 2.0 - 4.5),
                Pt::new(x1 + 10.0, y0 + ra.h / 2.0 + 4.5),
            ]);
            if !e.text.is_empty() {
                e.label = Some(place_label(Pt::new(x1 - 7.0, y0 - 22.0), &mut obstacles));
            }
            e.points = p;
            out.push(e);
            continue;
        }
        let ca = Pt::new(ra.x + ra.w / 2.0, ra.y + ra.h / 2.0);
        let cb = Pt::new(rb.x + rb.w / 2.0, rb.y + rb.h / 2.0);
        let (dx, dy) = (cb.x - ca.x, cb.y - ca.y);
        let len = (dx * dx + dy * dy).sqrt();
        if len < 1e-3 {
            out.push(e);
            continue;
        }
        let d = Pt::new(dx / len, dy / len);
        // Side-by-side offset for parallel connections, perpendicular to the line (the same
        // side whichever way each one points).
        let pair = key(k.from, k.to);
        let count = per_pair[&pair];
        let nth = taken.entry(pair).or_default();
        let shift = (*nth as f32 - (count as f32 - 1.0) / 2.0) * 14.0;
        *nth += 1;
        let sign = if k.from <= k.to { 1.0 } else { -1.0 };
        let n = Pt::new(-d.y * sign, d.x * sign);
        let (oa, ob) = (
            Pt::new(ca.x + n.x * shift, ca.y + n.y * shift),
            Pt::new(cb.x + n.x * shift, cb.y + n.y * shift),
        );
        let start = exit_point(&ra, oa, d);
        let end = exit_point(&rb, ob, Pt::new(-d.x, -d.y));
        let span = (end.x - start.x) * d.x + (end.y - start.y) * d.y;
        if span > 12.0 {
            let head = 10.0;
            let base = Pt::new(end.x - d.x * head, end.y - d.y * head);
            e.points = vec![start, base];
            e.head = Some([
                end,
                Pt::new(base.x - d.y * 4.5, base.y + d.x * 4.5),
                Pt::new(base.x + d.y * 4.5, base.y - d.x * 4.5),
            ]);
        }
        if !e.text.is_empty() {
            let (a, b) = if span > 0.0 { (start, end) } else { (ca, cb) };
            let at = |t: f32| Pt::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
            let mid = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.13, 0.87]
                .into_iter()
                .map(at)
                .find(|m| !obstacles.hits(&rect(m.x - lw / 2.0, m.y - lh / 2.0, lw, lh)))
                .unwrap_or_else(|| at(0.5));
            e.label = Some(place_label(mid, &mut obstacles));
        }
        out.push(e);
    }
    out
}

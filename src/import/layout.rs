//! A deterministic layered layout for an imported project: components get a rank along the
//! traffic (internet-facing entry points first, longest path after cycles are broken), every
//! boundary is laid out inside out as columns of its members and inner boxes ordered by rank,
//! and boxes are packed side by side, so no two nodes and no two sibling boxes overlap.
//!
//! The layout crates on crates.io (layout-rs, rust-sugiyama) place nodes but know nothing of
//! nested clusters, which are the point here; this is a small Sugiyama-style layering of our
//! own with cluster packing on top.

use crate::project::{Boundary, BoundaryId, Component, ComponentId, Connection, Pos, Rect};
use std::collections::HashMap;

/// Node width (the canvas's node size).
pub const NODE_W: f32 = 184.0;
/// Node height.
pub const NODE_H: f32 = 72.0;
const GAP_X: f32 = 90.0;
const GAP_Y: f32 = 36.0;
const PAD: f32 = 28.0;
const TITLE: f32 = 40.0;
const EMPTY_W: f32 = 240.0;
const EMPTY_H: f32 = 110.0;

/// Each component's rank along the traffic, and an order to break ties.
pub fn ranks(components: &[Component], connections: &[Connection]) -> HashMap<ComponentId, (usize, usize)> {
    let idx: HashMap<ComponentId, usize> = components.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let n = components.len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indeg = vec![0usize; n];
    for k in connections {
        if let (Some(&f), Some(&t)) = (idx.get(&k.from), idx.get(&k.to))
            && f != t
        {
            out[f].push(t);
            indeg[t] += 1;
        }
    }
    for o in &mut out {
        o.sort_unstable();
        o.dedup();
    }
    // DFS from entry points (internet-facing first, then sources, then the rest) marks back
    // edges; what is left is a DAG.
    let mut roots: Vec<usize> = (0..n).collect();
    roots.sort_by_key(|&i| (!components[i].internet_facing, indeg[i] > 0, i));
    let mut state = vec![0u8; n];
    let mut order = vec![usize::MAX; n];
    let mut next_order = 0;
    let mut dag: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &r in &roots {
        if state[r] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(r, 0)];
        state[r] = 1;
        order[r] = next_order;
        next_order += 1;
        while let Some(&mut (v, ref mut k)) = stack.last_mut() {
            if *k < out[v].len() {
                let w = out[v][*k];
                *k += 1;
                match state[w] {
                    0 => {
                        dag[v].push(w);
                        state[w] = 1;
                        order[w] = next_order;
                        next_order += 1;
                        stack.push((w, 0));
                    }
                    1 => {} // back edge: a cycle, left out of the layering
                    _ => dag[v].push(w),
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    // Longest path over the DAG, in topological order (reverse post-order by Kahn).
    let mut indag = vec![0usize; n];
    for out_v in &dag {
        for &w in out_v {
            indag[w] += 1;
        }
    }
    let mut rank = vec![0usize; n];
    let mut ready: Vec<usize> = (0..n).filter(|&v| indag[v] == 0).collect();
    ready.sort_by_key(|&v| std::cmp::Reverse(order[v]));
    while let Some(v) = ready.pop() {
        for &w in &dag[v] {
            rank[w] = rank[w].max(rank[v] + 1);
            indag[w] -= 1;
            if indag[w] == 0 {
                ready.push(w);
            }
        }
    }
    components.iter().enumerate().map(|(i, c)| (c.id, (rank[i], order[i]))).collect()
}

#[derive(Clone, Copy)]
enum Item {
    Node(usize),
    Box(usize),
}

struct Laid {
    w: f32,
    h: f32,
    /// Offsets of items from the container's top-left.
    at: Vec<(Item, f32, f32)>,
}

/// Lays out components (positions are node centres) and boundaries (rects), in place.
pub fn layout(components: &mut [Component], boundaries: &mut [Boundary], connections: &[Connection]) {
    let rk = ranks(components, connections);
    let bidx: HashMap<BoundaryId, usize> = boundaries.iter().enumerate().map(|(i, b)| (b.id, i)).collect();
    // Children of each container (None: the canvas).
    let mut kids: HashMap<Option<usize>, Vec<Item>> = HashMap::new();
    for (i, b) in boundaries.iter().enumerate() {
        let parent = b.parent.and_then(|p| bidx.get(&p).copied()).filter(|&p| p != i);
        kids.entry(parent).or_default().push(Item::Box(i));
    }
    for (i, c) in components.iter().enumerate() {
        let parent = c.boundary.and_then(|b| bidx.get(&b).copied());
        kids.entry(parent).or_default().push(Item::Node(i));
    }
    // Rank and order of a box: the smallest of what it holds (empty boxes go last).
    let mut key_memo: HashMap<usize, (usize, usize)> = HashMap::new();
    fn key_of(
        item: Item,
        components: &[Component],
        kids: &HashMap<Option<usize>, Vec<Item>>,
        rk: &HashMap<ComponentId, (usize, usize)>,
        memo: &mut HashMap<usize, (usize, usize)>,
        depth: usize,
    ) -> (usize, usize) {
        match item {
            Item::Node(i) => rk.get(&components[i].id).copied().unwrap_or((0, i)),
            Item::Box(b) => {
                if let Some(k) = memo.get(&b) {
                    return *k;
                }
                let k = if depth > 32 {
                    (usize::MAX, b)
                } else {
                    kids.get(&Some(b))
                        .into_iter()
                        .flatten()
                        .map(|&x| key_of(x, components, kids, rk, memo, depth + 1))
                        .min()
                        .unwrap_or((usize::MAX, usize::MAX - 1_000_000 + b))
                };
                memo.insert(b, k);
                k
            }
        }
    }
    let mut laid: HashMap<Option<usize>, Laid> = HashMap::new();
    // Inside out: deepest boxes first.
    let depth_of = |mut b: usize| {
        let mut d = 0;
        while let Some(p) = boundaries[b].parent.and_then(|p| bidx.get(&p).copied()) {
            d += 1;
            if d > 32 || p == b {
                break;
            }
            b = p;
        }
        d
    };
    let mut order: Vec<Option<usize>> = (0..boundaries.len()).map(Some).collect();
    order.sort_by_key(|b| std::cmp::Reverse(b.map_or(0, depth_of)));
    order.push(None);
    for container in order {
        let mut items = kids.get(&container).cloned().unwrap_or_default();
        let keys: Vec<(usize, usize)> =
            items.iter().map(|&it| key_of(it, components, &kids, &rk, &mut key_memo, 0)).collect();
        let mut with_keys: Vec<(usize, usize, Item)> =
            items.drain(..).zip(keys).map(|(it, (r, o))| (r, o, it)).collect();
        with_keys.sort_by_key(|&(r, o, _)| (r, o));
        // Columns: one per distinct rank; empty boxes share the last.
        let mut columns: Vec<Vec<Item>> = Vec::new();
        let mut last_rank: Option<usize> = None;
        for (r, _, it) in with_keys {
            if last_rank != Some(r) {
                columns.push(Vec::new());
                last_rank = Some(r);
            }
            columns.last_mut().expect("a column").push(it);
        }
        // A tall column (many unconnected resources of one rank) wraps into several.
        let mut wrapped: Vec<Vec<Item>> = Vec::new();
        for col in columns {
            let per = ((col.len() as f32 * 2.0).sqrt().ceil() as usize).max(6);
            for chunk in col.chunks(per) {
                wrapped.push(chunk.to_vec());
            }
        }
        let columns = wrapped;
        let size = |it: Item, laid: &HashMap<Option<usize>, Laid>| match it {
            Item::Node(_) => (NODE_W, NODE_H),
            Item::Box(b) => laid.get(&Some(b)).map_or((EMPTY_W, EMPTY_H), |l| (l.w, l.h)),
        };
        let (pad, top) = if container.is_some() { (PAD, TITLE) } else { (0.0, 0.0) };
        let mut x = pad;
        let mut h_max: f32 = 0.0;
        let mut at = Vec::new();
        for col in &columns {
            let w = col.iter().map(|&it| size(it, &laid).0).fold(0.0, f32::max);
            let mut y = top;
            for &it in col {
                let (iw, ih) = size(it, &laid);
                // Nodes are centred in their column; boxes start at its left.
                let ox = if matches!(it, Item::Node(_)) { x + (w - iw) / 2.0 } else { x };
                at.push((it, ox, y));
                y += ih + GAP_Y;
            }
            h_max = h_max.max(y - GAP_Y);
            x += w + GAP_X;
        }
        let w = if columns.is_empty() { EMPTY_W } else { (x - GAP_X + pad).max(EMPTY_W) };
        let h = if columns.is_empty() { EMPTY_H } else { (h_max + pad).max(EMPTY_H) };
        laid.insert(container, Laid { w, h, at });
    }
    // Absolute positions, from the canvas down.
    let mut stack: Vec<(Option<usize>, f32, f32)> = vec![(None, 0.0, 0.0)];
    while let Some((container, ox, oy)) = stack.pop() {
        let Some(l) = laid.get(&container) else { continue };
        for &(it, x, y) in &l.at {
            match it {
                Item::Node(i) => {
                    components[i].position = Pos { x: ox + x + NODE_W / 2.0, y: oy + y + NODE_H / 2.0 }
                }
                Item::Box(b) => {
                    let (w, h) = laid.get(&Some(b)).map_or((EMPTY_W, EMPTY_H), |l| (l.w, l.h));
                    boundaries[b].rect = Rect { x: ox + x, y: oy + y, w, h };
                    stack.push((Some(b), ox + x, oy + y));
                }
            }
        }
    }
}

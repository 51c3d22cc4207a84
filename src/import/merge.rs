//! Re-import: the fresh import of the code folded into the project made from it before.
//! Components and boundaries are matched by `source`; a matched one keeps its id, position,
//! label, notes and membership (the user's drawing), and takes the service, variant and
//! internet exposure the code now says (and the data classification when a tag gives it).
//! New resources are placed beside the components they connect to, else in their box, else to
//! the right of the drawing; components whose resource is gone stay and are listed.

use super::Imported;
use super::layout::{NODE_H, NODE_W};
use super::summary::Gone;
use crate::project::{BoundaryId, ComponentId, Pos, Project, Rect};
use std::collections::{HashMap, HashSet};

fn overlaps(p: Pos, taken: &[Pos]) -> bool {
    taken.iter().any(|q| (p.x - q.x).abs() < NODE_W + 20.0 && (p.y - q.y).abs() < NODE_H + 20.0)
}

/// A free spot at or below `p`, stepping down a node at a time.
fn free_spot(mut p: Pos, taken: &[Pos]) -> Pos {
    for _ in 0..10_000 {
        if !overlaps(p, taken) {
            return p;
        }
        p.y += NODE_H + 24.0;
    }
    p
}

/// Folds `fresh` (an import of the same code) into `existing`.
pub fn merge(existing: &Project, fresh: Imported) -> Imported {
    let Imported { project: new, mut summary, classified_by_tag } = fresh;
    let mut out = existing.clone();
    // Boundaries first: matched by source, new ones shifted right of the drawing.
    let right = existing
        .components
        .iter()
        .map(|c| c.position.x + NODE_W)
        .chain(existing.boundaries.iter().map(|b| b.rect.x + b.rect.w))
        .fold(f32::MIN, f32::max);
    let dx = if right == f32::MIN { 0.0 } else { right + 200.0 };
    let by_source_b: HashMap<&str, BoundaryId> =
        existing.boundaries.iter().filter_map(|b| b.source.as_deref().map(|s| (s, b.id))).collect();
    let mut bmap: HashMap<BoundaryId, BoundaryId> = HashMap::new();
    let mut next_b = existing.next_boundary_id().0;
    let mut added_boxes = Vec::new();
    for b in &new.boundaries {
        match b.source.as_deref().and_then(|s| by_source_b.get(s)) {
            Some(&old) => {
                bmap.insert(b.id, old);
            }
            None => {
                bmap.insert(b.id, BoundaryId(next_b));
                added_boxes.push(b.id);
                next_b += 1;
            }
        }
    }
    for b in &new.boundaries {
        if !added_boxes.contains(&b.id) {
            continue;
        }
        let mut nb = b.clone();
        nb.id = bmap[&b.id];
        nb.parent = b.parent.and_then(|p| bmap.get(&p).copied());
        nb.rect = Rect { x: b.rect.x + dx, ..b.rect };
        out.boundaries.push(nb);
    }
    // Components.
    let by_source: HashMap<&str, ComponentId> =
        existing.components.iter().filter_map(|c| c.source.as_deref().map(|s| (s, c.id))).collect();
    let fresh_ids = existing.fresh_ids(new.components.len());
    let mut cmap: HashMap<ComponentId, ComponentId> = HashMap::new();
    let mut added: Vec<usize> = Vec::new();
    for (k, c) in new.components.iter().enumerate() {
        match c.source.as_deref().and_then(|s| by_source.get(s)) {
            Some(&old) => {
                cmap.insert(c.id, old);
                let target = out.component_mut(old).expect("matched component exists");
                target.service = c.service.clone();
                target.variant = c.variant.clone();
                target.internet_facing = c.internet_facing;
                if classified_by_tag.get(k).copied().unwrap_or(false) {
                    target.data = c.data;
                }
            }
            None => {
                cmap.insert(c.id, fresh_ids[k]);
                added.push(k);
            }
        }
    }
    let mut taken: Vec<Pos> = out.components.iter().map(|c| c.position).collect();
    for &k in &added {
        let c = &new.components[k];
        let mut nc = c.clone();
        nc.id = cmap[&c.id];
        nc.boundary = c.boundary.and_then(|b| bmap.get(&b).copied());
        // Beside a matched neighbour, else inside its (existing) box, else where the fresh
        // layout put it, shifted right of the drawing.
        let neighbour = new
            .connections
            .iter()
            .filter_map(|k| {
                if k.to == c.id {
                    Some(k.from)
                } else if k.from == c.id {
                    Some(k.to)
                } else {
                    None
                }
            })
            .filter_map(|other| cmap.get(&other))
            .filter(|id| existing.component(**id).is_some())
            .min()
            .and_then(|id| out.component(*id).map(|x| (x.position, x.boundary)));
        let in_old_box = nc.boundary.filter(|b| !added_boxes.iter().any(|nb| bmap.get(nb) == Some(b)));
        nc.position = match (neighbour, in_old_box) {
            (Some((p, nb)), _) => {
                if nc.boundary.is_none() || nc.boundary == nb {
                    nc.boundary = nc.boundary.or(nb);
                }
                free_spot(Pos { x: p.x + NODE_W + 90.0, y: p.y }, &taken)
            }
            (None, Some(b)) => {
                let r = out.boundaries.iter().find(|x| x.id == b).map(|x| x.rect).unwrap_or(Rect {
                    x: 0.0,
                    y: 0.0,
                    w: 0.0,
                    h: 0.0,
                });
                free_spot(Pos { x: r.x + 28.0 + NODE_W / 2.0, y: r.y + 40.0 + NODE_H / 2.0 }, &taken)
            }
            (None, None) => Pos { x: c.position.x + dx, y: c.position.y },
        };
        taken.push(nc.position);
        out.components.push(nc);
    }
    // Connections: the existing ones stay; the code's are added where missing.
    let have: HashSet<(ComponentId, ComponentId)> = out.connections.iter().map(|k| (k.from, k.to)).collect();
    for k in &new.connections {
        let (Some(&f), Some(&t)) = (cmap.get(&k.from), cmap.get(&k.to)) else { continue };
        if !have.contains(&(f, t)) {
            let mut nk = k.clone();
            nk.from = f;
            nk.to = t;
            out.connections.push(nk);
        }
    }
    // Boxes may have grown: a box that now holds a component outside it is widened.
    for b in &mut out.boundaries {
        if !added_boxes.iter().any(|nb| bmap.get(nb) == Some(&b.id)) {
            for c in out.components.iter().filter(|c| c.boundary == Some(b.id)) {
                let (l, t, r, btm) = (
                    c.position.x - NODE_W / 2.0 - 20.0,
                    c.position.y - NODE_H / 2.0 - 20.0,
                    c.position.x + NODE_W / 2.0 + 20.0,
                    c.position.y + NODE_H / 2.0 + 20.0,
                );
                let (x0, y0) = (b.rect.x.min(l), b.rect.y.min(t - 20.0));
                let (x1, y1) = ((b.rect.x + b.rect.w).max(r), (b.rect.y + b.rect.h).max(btm));
                b.rect = Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
            }
        }
    }
    // The summary speaks of the merged ids.
    for line in &mut summary.resources {
        if let Some(id) = line.into {
            line.into = if line.into_boundary {
                bmap.get(&BoundaryId(id)).map(|b| b.0)
            } else {
                cmap.get(&ComponentId(id)).map(|c| c.0)
            };
        }
    }
    let sources: HashSet<&str> = new.components.iter().filter_map(|c| c.source.as_deref()).collect();
    summary.gone = existing
        .components
        .iter()
        .filter_map(|c| {
            let s = c.source.as_deref()?;
            (!sources.contains(s)).then(|| Gone { id: c.id.0, label: c.label.clone(), source: s.to_string() })
        })
        .collect();
    summary.components = out.components.len();
    summary.boundaries = out.boundaries.len();
    summary.connections = out.connections.len();
    let tags = out.components.iter().map(|_| false).collect();
    Imported { project: out, summary, classified_by_tag: tags }
}

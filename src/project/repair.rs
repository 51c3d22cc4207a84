//! Repairs of inconsistencies a loaded file may have (written by hand, by a buggy tool, or on
//! purpose to break us), so that the rest of the program only ever meets a consistent project.
//!
//! Each repair is reported as a [`Problem`] of severity `Error` (the file was wrong), with the
//! component concerned, so that `validate` can still list it after the load repaired it.
//!
//! | what | decision |
//! | --- | --- |
//! | two components with the same id | repaired: the later ones get fresh ids (connections keep pointing at the first) |
//! | a connection to a missing component | repaired: the connection is removed (it cannot be drawn or reasoned about); the report says which |
//! | a position that is NaN or infinite | repaired: the coordinate becomes 0 |
//! | two boundaries with the same id | repaired: the later ones get fresh ids (members and children keep pointing at the first) |
//! | a boundary rect that is NaN or infinite, inverted (negative size), empty or larger than [`MAX_BOUNDARY_SIZE`] | repaired: made finite, turned the right way round and clamped |
//! | a boundary whose parent is missing | repaired: it becomes top-level |
//! | a cycle of parents, or a chain deeper than [`MAX_BOUNDARY_DEPTH`] | repaired: the link that closes the cycle (or goes too deep) is cut |
//! | a component naming a missing boundary | repaired: it sits in no boundary |
//! | an unknown service id | kept as is, flagged by [`check`](super::check) (not a repair) |
//! | an unknown boundary kind | kept as is, flagged by [`check`](super::check) (not a repair) |
//! | a newer `format` | refused by the loader |

use super::{
    BoundaryId, ComponentId, MAX_BOUNDARY_DEPTH, MAX_BOUNDARY_SIZE, MIN_BOUNDARY_SIZE, Problem, Project,
    Rect, Severity,
};
use std::collections::{BTreeSet, HashMap};

/// Where in the file a repaired problem sits: an element of one of the project's lists (its
/// index in the file) and the field of it concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Locus {
    /// `components[i]`, at the field named.
    Component(usize, &'static str),
    /// `connections[i]`.
    Connection(usize),
    /// `boundaries[i]`, at the field named.
    Boundary(usize, &'static str),
}

/// Repairs `project` in place and returns what was repaired, in file order. Never reorders
/// components; never removes one.
pub fn repair(project: &mut Project) -> Vec<Problem> {
    repair_located(project).into_iter().map(|(p, _)| p).collect()
}

/// [`repair`], with where each problem sits in the file (list indices as read, before the
/// repair removed any connection).
pub(crate) fn repair_located(project: &mut Project) -> Vec<(Problem, Locus)> {
    let mut out = Vec::new();
    let who = |c: &super::Component| {
        if c.label.is_empty() { format!("the {} component", c.service) } else { format!("`{}`", c.label) }
    };
    // Most files have no repeated id, and then nothing needs renumbering.
    let (mut ids, duplicates) = project.sorted_ids();
    let mut used: BTreeSet<u64> =
        if duplicates { ids.iter().map(|id| id.0).collect() } else { BTreeSet::new() };
    let mut seen = BTreeSet::new();
    let mut next_free = 1u64;
    for (i, c) in project.components.iter_mut().enumerate() {
        if duplicates && !seen.insert(c.id) {
            while used.contains(&next_free) {
                next_free += 1;
            }
            let new = ComponentId(next_free);
            used.insert(next_free);
            out.push((
                Problem {
                    severity: Severity::Error,
                    component: Some(new),
                    message: format!(
                        "component id {} is used by more than one component; {} now has id {new}",
                        c.id,
                        who(c)
                    ),
                    position: None,
                },
                Locus::Component(i, "id"),
            ));
            c.id = new;
            seen.insert(new);
        }
        let (x, y) = (c.position.x, c.position.y);
        if !x.is_finite() || !y.is_finite() {
            if !x.is_finite() {
                c.position.x = 0.0;
            }
            if !y.is_finite() {
                c.position.y = 0.0;
            }
            out.push((
                Problem {
                    severity: Severity::Error,
                    component: Some(c.id),
                    message: format!(
                        "{} ({}) had a position that is not a finite number ({x}, {y}); it was moved to ({}, {})",
                        who(c),
                        c.id,
                        c.position.x,
                        c.position.y
                    ),
                    position: None,
                },
                Locus::Component(i, "position"),
            ));
        }
    }
    if duplicates {
        ids = used.into_iter().map(ComponentId).collect();
    }
    let exists = |id: &ComponentId| ids.binary_search(id).is_ok();
    let mut index = 0;
    project.connections.retain(|k| {
        index += 1;
        let missing: Vec<String> =
            [k.from, k.to].iter().filter(|e| !exists(e)).map(|e| e.to_string()).collect();
        if missing.is_empty() {
            return true;
        }
        let label = if k.label.is_empty() { String::new() } else { format!(" (`{}`)", k.label) };
        out.push((
            Problem {
                severity: Severity::Error,
                component: None,
                message: format!(
                    "connection #{index} from {} to {}{label} refers to missing component {}; it was removed",
                    k.from,
                    k.to,
                    missing.join(" and ")
                ),
                position: None,
            },
            Locus::Connection(index - 1),
        ));
        false
    });
    repair_boundaries(project, &mut out);
    out
}

fn error(message: String, at: Locus) -> (Problem, Locus) {
    (Problem { severity: Severity::Error, component: None, message, position: None }, at)
}

/// The boundary repairs of the table above, in file order.
fn repair_boundaries(project: &mut Project, out: &mut Vec<(Problem, Locus)>) {
    let mut used: BTreeSet<u64> = project.boundaries.iter().map(|b| b.id.0).collect();
    let mut seen = BTreeSet::new();
    let mut next_free = 1u64;
    for (i, b) in project.boundaries.iter_mut().enumerate() {
        let who = format!("boundary `{}`", b.display_name());
        if !seen.insert(b.id) {
            while used.contains(&next_free) {
                next_free += 1;
            }
            let new = BoundaryId(next_free);
            used.insert(next_free);
            out.push(error(
                format!("boundary id {} is used by more than one boundary; {who} now has id {new}", b.id),
                Locus::Boundary(i, "id"),
            ));
            b.id = new;
            seen.insert(new);
        }
        let fixed = fix_rect(b.rect);
        if fixed != b.rect {
            let r = b.rect;
            out.push(error(
                format!(
                    "{who} ({}) had a rectangle that cannot be drawn (x {}, y {}, width {}, height {}); \
                     it is now at ({}, {}), {} × {}",
                    b.id, r.x, r.y, r.w, r.h, fixed.x, fixed.y, fixed.w, fixed.h
                ),
                Locus::Boundary(i, "rect"),
            ));
            b.rect = fixed;
        }
    }
    let ids: BTreeSet<BoundaryId> = project.boundaries.iter().map(|b| b.id).collect();
    for (i, b) in project.boundaries.iter_mut().enumerate() {
        if let Some(p) = b.parent
            && !ids.contains(&p)
        {
            out.push(error(
                format!(
                    "boundary `{}` ({}) names parent {p}, which does not exist; it is now top-level",
                    b.display_name(),
                    b.id
                ),
                Locus::Boundary(i, "parent"),
            ));
            b.parent = None;
        }
    }
    // Cycles and over-deep chains: walk up from each boundary; cut the link that closes a loop
    // or passes the depth limit.
    let index: HashMap<BoundaryId, usize> =
        project.boundaries.iter().enumerate().map(|(i, b)| (b.id, i)).collect();
    for start in 0..project.boundaries.len() {
        let mut path = vec![start];
        let mut at = start;
        while let Some(p) = project.boundaries[at].parent {
            let pi = index[&p];
            let looped = path.contains(&pi);
            if looped || path.len() > MAX_BOUNDARY_DEPTH {
                let b = &mut project.boundaries[at];
                let why = if looped {
                    "its parents form a cycle".to_string()
                } else {
                    format!("boundaries nest more than {MAX_BOUNDARY_DEPTH} deep")
                };
                out.push(error(
                    format!(
                        "boundary `{}` ({}) had parent {p}, but {why}; it is now top-level",
                        b.display_name(),
                        b.id
                    ),
                    Locus::Boundary(at, "parent"),
                ));
                b.parent = None;
                break;
            }
            path.push(pi);
            at = pi;
        }
    }
    for (i, c) in project.components.iter_mut().enumerate() {
        if let Some(b) = c.boundary
            && !ids.contains(&b)
        {
            let who = if c.label.is_empty() {
                format!("the {} component", c.service)
            } else {
                format!("`{}`", c.label)
            };
            out.push((
                Problem {
                    severity: Severity::Error,
                    component: Some(c.id),
                    message: format!(
                        "{who} ({}) sits in boundary {b}, which does not exist; it now sits in none",
                        c.id
                    ),
                    position: None,
                },
                Locus::Component(i, "boundary"),
            ));
            c.boundary = None;
        }
    }
}

/// A rectangle that can be drawn: finite, positive size between the limits.
fn fix_rect(r: Rect) -> Rect {
    let finite = |v: f32, or: f32| if v.is_finite() { v } else { or };
    let (mut x, mut y) = (finite(r.x, 0.0), finite(r.y, 0.0));
    let (mut w, mut h) = (finite(r.w, MIN_BOUNDARY_SIZE * 4.0), finite(r.h, MIN_BOUNDARY_SIZE * 3.0));
    if w < 0.0 {
        x += w;
        w = -w;
    }
    if h < 0.0 {
        y += h;
        h = -h;
    }
    let clamp = |v: f32| if v < 1.0 { MIN_BOUNDARY_SIZE } else { v.min(MAX_BOUNDARY_SIZE) };
    let limit = |v: f32| v.clamp(-MAX_BOUNDARY_SIZE * 10.0, MAX_BOUNDARY_SIZE * 10.0);
    Rect { x: limit(x), y: limit(y), w: clamp(w), h: clamp(h) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{Component, Connection, Pos};

    fn comp(id: u64) -> Component {
        Component {
            id: ComponentId(id),
            service: "s3".into(),
            variant: None,
            label: String::new(),
            position: Pos::default(),
            internet_facing: false,
            data: Default::default(),
            notes: String::new(),
            boundary: None,
            source: None,
        }
    }

    #[test]
    fn duplicate_ids_get_fresh_ones_and_are_reported() {
        let mut p = Project { components: vec![comp(1), comp(1), comp(2), comp(1)], ..Project::default() };
        let r = repair(&mut p);
        let ids: Vec<u64> = p.components.iter().map(|c| c.id.0).collect();
        assert_eq!(ids, vec![1, 3, 2, 4]);
        assert_eq!(r.len(), 2, "{r:?}");
        assert!(r[0].message.contains("now has id c3"), "{}", r[0].message);
    }

    fn bnd(id: u64, parent: Option<u64>) -> crate::project::Boundary {
        crate::project::Boundary {
            id: BoundaryId(id),
            kind: "vpc".into(),
            label: format!("B{id}"),
            parent: parent.map(BoundaryId),
            rect: Rect { x: 0.0, y: 0.0, w: 100.0, h: 100.0 },
            source: None,
        }
    }

    #[test]
    fn boundary_repairs_cover_parents_cycles_members_and_rects() {
        let mut p = Project {
            boundaries: vec![
                bnd(1, Some(2)),
                bnd(2, Some(1)),
                bnd(3, Some(9)),
                bnd(3, None),
                bnd(4, Some(4)),
            ],
            components: vec![comp(1), comp(2)],
            ..Project::default()
        };
        p.components[0].boundary = Some(BoundaryId(3));
        p.components[1].boundary = Some(BoundaryId(77));
        p.boundaries[3].rect = Rect { x: 10.0, y: 10.0, w: -50.0, h: f32::NAN };
        p.boundaries[4].rect.w = 1e12;
        let r = repair(&mut p);
        let msgs: Vec<&str> = r.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(p.boundaries[3].id, BoundaryId(5), "{msgs:?}");
        assert_eq!(p.boundaries[3].rect, Rect { x: -40.0, y: 10.0, w: 50.0, h: 180.0 });
        assert_eq!(p.boundaries[4].rect.w, MAX_BOUNDARY_SIZE);
        assert_eq!(p.boundaries[2].parent, None, "missing parent");
        assert_eq!(p.boundaries[4].parent, None, "its own parent");
        assert!(p.boundaries[0].parent.is_none() || p.boundaries[1].parent.is_none(), "cycle cut");
        assert_eq!(p.components[0].boundary, Some(BoundaryId(3)), "members keep the first of a duplicate id");
        assert_eq!(p.components[1].boundary, None);
        assert!(msgs.iter().any(|m| m.contains("form a cycle")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("boundary b77, which does not exist")), "{msgs:?}");
        assert!(repair(&mut p).is_empty(), "a repaired project needs no more repair");
    }

    #[test]
    fn boundary_chains_deeper_than_the_limit_are_cut() {
        let n = MAX_BOUNDARY_DEPTH as u64 + 5;
        let mut p = Project {
            boundaries: (1..=n).map(|i| bnd(i, (i > 1).then(|| i - 1))).collect(),
            ..Project::default()
        };
        let r = repair(&mut p);
        assert!(!r.is_empty());
        for b in &p.boundaries {
            assert!(p.boundary_chain(Some(b.id)).len() <= MAX_BOUNDARY_DEPTH + 1);
        }
    }

    #[test]
    fn the_largest_id_does_not_overflow() {
        let mut p = Project { components: vec![comp(u64::MAX), comp(u64::MAX)], ..Project::default() };
        repair(&mut p);
        assert_eq!(p.components[1].id, ComponentId(1));
    }

    #[test]
    fn dangling_connections_are_removed_and_non_finite_positions_zeroed() {
        let mut p = Project { components: vec![comp(1), comp(2)], ..Project::default() };
        p.components[1].position = Pos { x: f32::NAN, y: f32::NEG_INFINITY };
        p.components[0].position = Pos { x: 5.0, y: f32::INFINITY };
        let k = |a, b| Connection {
            from: ComponentId(a),
            to: ComponentId(b),
            label: "x".into(),
            encrypted: true,
        };
        p.connections = vec![k(1, 2), k(1, 9), k(7, 8)];
        let r = repair(&mut p);
        assert_eq!(p.connections, vec![k(1, 2)]);
        assert_eq!(p.components[0].position, Pos { x: 5.0, y: 0.0 });
        assert_eq!(p.components[1].position, Pos { x: 0.0, y: 0.0 });
        assert_eq!(r.len(), 4, "{r:?}");
        assert!(r[3].message.contains("c7 and c8"), "{}", r[3].message);
        assert!(repair(&mut p).is_empty(), "a repaired project needs no more repair");
    }
}

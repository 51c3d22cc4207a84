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
//! | an unknown service id | kept as is, flagged by [`check`](super::check) (not a repair) |
//! | a newer `format` | refused by the loader |

use super::{ComponentId, Problem, Project, Severity};
use std::collections::BTreeSet;

/// Repairs `project` in place and returns what was repaired, in file order. Never reorders
/// components; never removes one.
pub fn repair(project: &mut Project) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut used: BTreeSet<u64> = project.components.iter().map(|c| c.id.0).collect();
    let mut seen = BTreeSet::new();
    let mut next_free = 1u64;
    for c in &mut project.components {
        let who = if c.label.is_empty() {
            format!("the {} component", c.service)
        } else {
            format!("`{}`", c.label)
        };
        if !seen.insert(c.id) {
            while used.contains(&next_free) {
                next_free += 1;
            }
            let new = ComponentId(next_free);
            used.insert(next_free);
            out.push(Problem {
                severity: Severity::Error,
                component: Some(new),
                message: format!(
                    "component id {} is used by more than one component; {who} now has id {new}",
                    c.id
                ),
            });
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
            out.push(Problem {
                severity: Severity::Error,
                component: Some(c.id),
                message: format!(
                    "{who} ({}) had a position that is not a finite number ({x}, {y}); it was moved to ({}, {})",
                    c.id, c.position.x, c.position.y
                ),
            });
        }
    }
    let ids: BTreeSet<ComponentId> = project.components.iter().map(|c| c.id).collect();
    let mut index = 0;
    project.connections.retain(|k| {
        index += 1;
        let missing: Vec<String> =
            [k.from, k.to].iter().filter(|e| !ids.contains(e)).map(|e| e.to_string()).collect();
        if missing.is_empty() {
            return true;
        }
        let label = if k.label.is_empty() { String::new() } else { format!(" (`{}`)", k.label) };
        out.push(Problem {
            severity: Severity::Error,
            component: None,
            message: format!(
                "connection #{index} from {} to {}{label} refers to missing component {}; it was removed",
                k.from,
                k.to,
                missing.join(" and ")
            ),
        });
        false
    });
    out
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

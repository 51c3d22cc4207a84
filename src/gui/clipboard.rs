//! Copy, paste and duplicate within the app: the copied components and the connections among
//! them, pasted with fresh ids and a small offset.

use crate::project::{Component, ComponentId, Connection, Project};
use std::collections::{BTreeSet, HashMap};

/// What was copied.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clip {
    /// Copied components.
    pub components: Vec<Component>,
    /// Connections whose both ends were copied.
    pub connections: Vec<Connection>,
}

impl Clip {
    /// Copies the given components of `project`.
    pub fn copy(project: &Project, ids: &BTreeSet<ComponentId>) -> Option<Clip> {
        Clip::copy_indexed(project, ids, &foldhash::HashMap::default())
    }

    /// [`Clip::copy`], finding the components through `index` (id to position in
    /// `project.components`) instead of reading them all, where it is right about them.
    pub fn copy_indexed(
        project: &Project,
        ids: &BTreeSet<ComponentId>,
        index: &foldhash::HashMap<ComponentId, usize>,
    ) -> Option<Clip> {
        let mut at: Vec<usize> = ids.iter().filter_map(|id| index.get(id).copied()).collect();
        at.sort_unstable();
        // Right when the positions are distinct, one per id, each holding one of the ids.
        let right = at.len() == ids.len()
            && at.windows(2).all(|w| w[0] < w[1])
            && at.iter().all(|&i| project.components.get(i).is_some_and(|c| ids.contains(&c.id)));
        let components: Vec<Component> = if right {
            at.iter().map(|&i| project.components[i].clone()).collect()
        } else {
            project.components.iter().filter(|c| ids.contains(&c.id)).cloned().collect()
        };
        if components.is_empty() {
            return None;
        }
        // One component has no connection inside the clip worth keeping: a connection from a
        // component to itself is never added back (see `Edit::AddConnection`).
        let connections = if components.len() < 2 {
            Vec::new()
        } else {
            project
                .connections
                .iter()
                .filter(|k| ids.contains(&k.from) && ids.contains(&k.to))
                .cloned()
                .collect()
        };
        Some(Clip { components, connections })
    }

    /// Fresh copies for pasting into `project`, moved by `offset`: new ids, connections remapped,
    /// each in the boundary under its new position.
    pub fn instantiate(&self, project: &Project, offset: [f32; 2]) -> (Vec<Component>, Vec<Connection>) {
        let mut fresh = project.fresh_ids(self.components.len()).into_iter();
        let mut map = HashMap::new();
        let components: Vec<Component> = self
            .components
            .iter()
            .map(|c| {
                let mut n = c.clone();
                n.id = fresh.next().expect("one fresh id per component");
                map.insert(c.id, n.id);
                n.position.x += offset[0];
                n.position.y += offset[1];
                // A copy sits in the box under it (the original's may be gone) and is not the
                // imported resource the original came from.
                n.boundary = project.boundary_at(n.position.x, n.position.y, None);
                n.source = None;
                n
            })
            .collect();
        let connections = self
            .connections
            .iter()
            .filter_map(|k| Some(Connection { from: *map.get(&k.from)?, to: *map.get(&k.to)?, ..k.clone() }))
            .collect();
        (components, connections)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Pos;
    use crate::vocab::DataClass;

    /// Component `i` of `service`, labelled `n{i}`, at (x, 0).
    fn comp(i: u64, service: &str, x: f32) -> Component {
        Component {
            id: ComponentId(i),
            service: service.into(),
            variant: None,
            label: format!("n{i}"),
            position: Pos { x, y: 0.0 },
            internet_facing: false,
            data: DataClass::Internal,
            notes: String::new(),
            boundary: None,
            source: None,
        }
    }

    #[test]
    fn pasted_copies_get_fresh_ids_and_keep_inner_connections() {
        let mut p = Project::default();
        p.components.extend((1..=3).map(|i| comp(i, "s3", 0.0)));
        p.connections.push(Connection {
            from: ComponentId(1),
            to: ComponentId(2),
            label: "a".into(),
            encrypted: true,
        });
        p.connections.push(Connection {
            from: ComponentId(2),
            to: ComponentId(3),
            label: "b".into(),
            encrypted: true,
        });
        let ids = [ComponentId(1), ComponentId(2)].into_iter().collect();
        let clip = Clip::copy(&p, &ids).unwrap();
        let (cs, ks) = clip.instantiate(&p, [10.0, 20.0]);
        assert_eq!(cs.iter().map(|c| c.id.0).collect::<Vec<_>>(), vec![4, 5]);
        assert_eq!(cs[0].position, Pos { x: 10.0, y: 20.0 });
        assert_eq!(ks.len(), 1);
        assert_eq!((ks[0].from, ks[0].to), (ComponentId(4), ComponentId(5)));
        // Pasted into a box, the copies are its members; the copy of an imported one has no source.
        p.boundaries.push(crate::project::Boundary {
            id: crate::project::BoundaryId(7),
            kind: "vpc".into(),
            label: String::new(),
            parent: None,
            rect: crate::project::Rect { x: 0.0, y: 0.0, w: 100.0, h: 100.0 },
            source: None,
        });
        p.components[0].source = Some("WebServer".into());
        let clip = Clip::copy(&p, &ids).unwrap();
        let (cs, _) = clip.instantiate(&p, [10.0, 20.0]);
        assert_eq!(cs[0].boundary, Some(crate::project::BoundaryId(7)));
        assert_eq!(cs[0].source, None);
        let (cs, _) = clip.instantiate(&p, [500.0, 20.0]);
        assert_eq!(cs[0].boundary, None);
    }

    /// Copying through an index gives what the plain copy gives, and a stale index (one made
    /// before components were removed) is caught rather than trusted.
    #[test]
    fn a_copy_through_an_index_is_the_plain_copy_even_when_the_index_is_stale() {
        let mut p = Project::default();
        p.components.extend((1..=6).map(|i| comp(i, "ec2", i as f32)));
        p.connections.push(Connection {
            from: ComponentId(2),
            to: ComponentId(5),
            label: "k".into(),
            encrypted: true,
        });
        let index: foldhash::HashMap<ComponentId, usize> =
            p.components.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        for ids in [vec![5], vec![5, 2], vec![1, 6, 3], vec![9]] {
            let ids: BTreeSet<ComponentId> = ids.into_iter().map(ComponentId).collect();
            assert_eq!(Clip::copy_indexed(&p, &ids, &index), Clip::copy(&p, &ids), "{ids:?}");
        }
        // Remove two components: the old index now points past or at the wrong ones.
        p.components.retain(|c| c.id != ComponentId(1) && c.id != ComponentId(3));
        for ids in [vec![5], vec![2, 5], vec![6], vec![4, 6]] {
            let ids: BTreeSet<ComponentId> = ids.into_iter().map(ComponentId).collect();
            let clip = Clip::copy_indexed(&p, &ids, &index).expect("all present");
            assert_eq!(Some(&clip), Clip::copy(&p, &ids).as_ref(), "{ids:?}");
            assert_eq!(clip.components.iter().map(|c| c.id).collect::<BTreeSet<_>>(), ids);
        }
    }
}

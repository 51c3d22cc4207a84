//! Boundaries: the accounts, Regions, VPCs, Availability Zones, subnets, on-premises sites and
//! trust zones an architecture is drawn inside (project format 2, design.md "Project format 2").
//!
//! A boundary is a labelled rectangle on the canvas with an optional parent. A component names
//! its innermost boundary in [`Component::boundary`](super::Component::boundary); membership is
//! stored, not inferred from geometry, so a file says exactly what its author meant. The canvas
//! keeps geometry and membership in step when nodes and boxes are dragged.
//!
//! The kind is kept as written: a kind this version does not know (written by a newer one) loads
//! with a warning, is drawn as a generic box and is saved back unchanged.

use super::{Component, Project};
use crate::vocab::BoundaryKind;
use serde::{Deserialize, Serialize};

/// Stable id of a boundary within its project (a number space of its own, apart from
/// component ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BoundaryId(pub u64);

impl std::fmt::Display for BoundaryId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "b{}", self.0)
    }
}

/// An axis-aligned rectangle in canvas units: top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl Rect {
    /// Does the rectangle contain the point?
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x && x <= self.x + self.w && y >= self.y && y <= self.y + self.h
    }

    /// Does it wholly contain `other`?
    pub fn contains_rect(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.x + other.w <= self.x + self.w
            && other.y + other.h <= self.y + self.h
    }

    /// Area (for picking the innermost of several boxes).
    pub fn area(&self) -> f32 {
        self.w * self.h
    }
}

/// One boundary on the canvas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Boundary {
    /// Stable id.
    pub id: BoundaryId,
    /// Kind id (`account`, `vpc`, ...), kept as written even when unknown.
    pub kind: String,
    /// What the user calls it ("Prod 1111-2222-3333", "Public a").
    #[serde(default)]
    pub label: String,
    /// The boundary it sits in.
    #[serde(default)]
    pub parent: Option<BoundaryId>,
    /// Where it is on the canvas.
    pub rect: Rect,
    /// The infrastructure-as-code resource it was imported from (a VPC or subnet's logical id
    /// or address), so a re-import finds it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Boundary {
    /// The kind, when this version knows it.
    pub fn kind(&self) -> Option<BoundaryKind> {
        self.kind.parse().ok()
    }

    /// What to call it: its label, else the kind's title, else the raw kind.
    pub fn display_name(&self) -> String {
        if !self.label.trim().is_empty() {
            self.label.clone()
        } else {
            self.kind().map_or_else(|| self.kind.clone(), |k| k.title().to_string())
        }
    }
}

/// Smallest width or height of a boundary, in canvas units.
pub const MIN_BOUNDARY_SIZE: f32 = 60.0;

/// Largest width or height of a boundary, in canvas units (a box a hundred screens wide is a
/// mistake, and larger numbers lose the precision positions need).
pub const MAX_BOUNDARY_SIZE: f32 = 100_000.0;

/// Deepest chain of parents a project may have; deeper chains are cut by the repair.
pub const MAX_BOUNDARY_DEPTH: usize = 16;

impl Project {
    /// The boundary with this id.
    pub fn boundary(&self, id: BoundaryId) -> Option<&Boundary> {
        self.boundaries.iter().find(|b| b.id == id)
    }

    /// The boundary with this id, mutable.
    pub fn boundary_mut(&mut self, id: BoundaryId) -> Option<&mut Boundary> {
        self.boundaries.iter_mut().find(|b| b.id == id)
    }

    /// A fresh boundary id, one above the largest in use (or the smallest free one).
    pub fn next_boundary_id(&self) -> BoundaryId {
        BoundaryId(super::fresh(self.boundaries.iter().map(|b| b.id.0), 1)[0])
    }

    /// The boundary and its ancestors, innermost first. Stops at a missing parent, at a cycle
    /// and after [`MAX_BOUNDARY_DEPTH`] steps, so it is safe on an unrepaired project.
    pub fn boundary_chain(&self, id: Option<BoundaryId>) -> Vec<&Boundary> {
        self.chain_by(id, |id| self.boundary(id))
    }

    /// [`Project::boundary_chain`] through an index from [`Project::boundary_index`], for code
    /// that walks many chains (each step a hash lookup instead of a scan).
    pub fn boundary_chain_indexed(
        &self,
        index: &std::collections::HashMap<BoundaryId, usize>,
        id: Option<BoundaryId>,
    ) -> Vec<&Boundary> {
        self.chain_by(id, |id| index.get(&id).map(|&i| &self.boundaries[i]))
    }

    fn chain_by<'a>(
        &'a self,
        id: Option<BoundaryId>,
        get: impl Fn(BoundaryId) -> Option<&'a Boundary>,
    ) -> Vec<&'a Boundary> {
        let mut out: Vec<&Boundary> = Vec::new();
        let mut next = id;
        while let Some(id) = next {
            if out.len() > MAX_BOUNDARY_DEPTH || out.iter().any(|b| b.id == id) {
                break;
            }
            let Some(b) = get(id) else { break };
            out.push(b);
            next = b.parent;
        }
        out
    }

    /// Boundary id → index into `boundaries` (the first, should ids repeat).
    pub fn boundary_index(&self) -> std::collections::HashMap<BoundaryId, usize> {
        let mut index = std::collections::HashMap::with_capacity(self.boundaries.len());
        for (i, b) in self.boundaries.iter().enumerate() {
            index.entry(b.id).or_insert(i);
        }
        index
    }

    /// The boundaries around a component, innermost first.
    pub fn boundaries_of(&self, component: &Component) -> Vec<&Boundary> {
        self.boundary_chain(component.boundary)
    }

    /// Is `inner` the boundary `outer` or inside it?
    pub fn boundary_within(&self, inner: Option<BoundaryId>, outer: BoundaryId) -> bool {
        self.boundary_chain(inner).iter().any(|b| b.id == outer)
    }

    /// The direct children of a boundary (`None`: the top-level boundaries).
    pub fn child_boundaries(&self, parent: Option<BoundaryId>) -> impl Iterator<Item = &Boundary> {
        self.boundaries.iter().filter(move |b| b.parent == parent)
    }

    /// The components whose innermost boundary is this one.
    pub fn members(&self, id: BoundaryId) -> impl Iterator<Item = &Component> {
        self.components.iter().filter(move |c| c.boundary == Some(id))
    }

    /// Removes boundaries; their members and child boundaries move to the removed box's parent
    /// (nothing the user placed is lost).
    pub fn remove_boundaries(&mut self, ids: &[BoundaryId]) {
        // Where each removed box's contents go: its nearest ancestor that stays.
        let mut heir = std::collections::HashMap::new();
        for &id in ids {
            let target = self.boundary_chain(Some(id)).iter().map(|b| b.id).find(|b| !ids.contains(b));
            heir.insert(id, target);
        }
        for c in &mut self.components {
            if let Some(b) = c.boundary
                && let Some(to) = heir.get(&b)
            {
                c.boundary = *to;
            }
        }
        for b in &mut self.boundaries {
            if let Some(p) = b.parent
                && let Some(to) = heir.get(&p)
            {
                b.parent = *to;
            }
        }
        self.boundaries.retain(|b| !ids.contains(&b.id));
    }

    /// The innermost boundary whose rectangle contains the point (the smallest, when several
    /// overlap), skipping `exclude` and anything inside it.
    pub fn boundary_at(&self, x: f32, y: f32, exclude: Option<BoundaryId>) -> Option<BoundaryId> {
        self.boundaries
            .iter()
            .filter(|b| b.rect.contains(x, y))
            .filter(|b| exclude.is_none_or(|e| !self.boundary_within(Some(b.id), e)))
            .min_by(|a, b| a.rect.area().total_cmp(&b.rect.area()))
            .map(|b| b.id)
    }
}

/// Membership changes that bring stored membership in line with the drawing: components by
/// their centre, boundaries by the box that wholly holds them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Membership {
    /// `(component, its new innermost boundary)`.
    pub components: Vec<(super::ComponentId, Option<BoundaryId>)>,
    /// `(boundary, its new parent)`.
    pub boundaries: Vec<(BoundaryId, Option<BoundaryId>)>,
}

impl Membership {
    /// Nothing to change?
    pub fn is_empty(&self) -> bool {
        self.components.is_empty() && self.boundaries.is_empty()
    }
}

impl Project {
    /// The box that holds boundary `id` in the drawing: the smallest other boundary that wholly
    /// contains its rectangle and is strictly larger (so the relation can never loop).
    pub fn geometric_parent(&self, id: BoundaryId) -> Option<BoundaryId> {
        self.box_holding(&self.boundary(id)?.rect)
    }

    /// The smallest boundary strictly larger than `rect` that wholly contains it (the parent a
    /// box drawn at `rect` gets).
    pub fn box_holding(&self, rect: &Rect) -> Option<BoundaryId> {
        let area = rect.area();
        self.boundaries
            .iter()
            .filter(|b| b.rect.area() > area && b.rect.contains_rect(rect))
            .min_by(|a, b| a.rect.area().total_cmp(&b.rect.area()))
            .map(|b| b.id)
    }

    /// The membership changes after a gesture: `components` (moved nodes) are put in the box
    /// under their centre; `boundaries` (moved, resized or new boxes) get the box that holds
    /// them, and every component and boundary lying within `areas` (the boxes' old and new
    /// rectangles) is refitted too, so a box dropped over nodes takes them in and a box moved
    /// away lets go of what it no longer covers. Only differences are returned.
    pub fn refit(
        &self,
        components: &[super::ComponentId],
        boundaries: &[BoundaryId],
        areas: &[Rect],
    ) -> Membership {
        let mut out = Membership::default();
        let touched = |x: f32, y: f32| areas.iter().any(|r| r.contains(x, y));
        for b in &self.boundaries {
            let centre = (b.rect.x + b.rect.w / 2.0, b.rect.y + b.rect.h / 2.0);
            if boundaries.contains(&b.id) || touched(centre.0, centre.1) {
                let parent = self.geometric_parent(b.id);
                if parent != b.parent {
                    out.boundaries.push((b.id, parent));
                }
            }
        }
        for c in &self.components {
            let (x, y) = (c.position.x, c.position.y);
            if components.contains(&c.id) || touched(x, y) {
                let inner = self.boundary_at(x, y, None);
                if inner != c.boundary {
                    out.components.push((c.id, inner));
                }
            }
        }
        out
    }

    /// Applies membership changes; returns whether anything changed. A parent that would make
    /// a cycle is refused.
    pub fn apply_membership(&mut self, m: &Membership) -> bool {
        let mut changed = false;
        for (id, to) in &m.components {
            if to.is_some_and(|b| self.boundary(b).is_none()) {
                continue;
            }
            if let Some(c) = self.component_mut(*id)
                && c.boundary != *to
            {
                c.boundary = *to;
                changed = true;
            }
        }
        for (id, to) in &m.boundaries {
            let loops = to.is_some_and(|p| self.boundary_within(Some(p), *id));
            if loops || to.is_some_and(|b| self.boundary(b).is_none()) {
                continue;
            }
            if let Some(b) = self.boundary_mut(*id)
                && b.parent != *to
            {
                b.parent = *to;
                changed = true;
            }
        }
        changed
    }

    /// Everything that moves with boundary `id`: the boundaries inside it (itself included)
    /// and the components in any of them.
    pub fn boundary_contents(&self, id: BoundaryId) -> (Vec<BoundaryId>, Vec<super::ComponentId>) {
        let boxes: Vec<BoundaryId> =
            self.boundaries.iter().filter(|b| self.boundary_within(Some(b.id), id)).map(|b| b.id).collect();
        let comps = self
            .components
            .iter()
            .filter(|c| c.boundary.is_some_and(|b| boxes.contains(&b)))
            .map(|c| c.id)
            .collect();
        (boxes, comps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(id: u64, kind: &str, parent: Option<u64>, rect: (f32, f32, f32, f32)) -> Boundary {
        Boundary {
            id: BoundaryId(id),
            kind: kind.into(),
            label: String::new(),
            parent: parent.map(BoundaryId),
            rect: Rect { x: rect.0, y: rect.1, w: rect.2, h: rect.3 },
            source: None,
        }
    }

    #[test]
    fn innermost_box_wins_and_removal_hands_members_to_the_parent() {
        let mut p = Project {
            boundaries: vec![
                b(1, "account", None, (0.0, 0.0, 1000.0, 1000.0)),
                b(2, "vpc", Some(1), (100.0, 100.0, 600.0, 600.0)),
                b(3, "public-subnet", Some(2), (150.0, 150.0, 200.0, 200.0)),
            ],
            ..Project::default()
        };
        assert_eq!(p.boundary_at(200.0, 200.0, None), Some(BoundaryId(3)));
        assert_eq!(p.boundary_at(500.0, 500.0, None), Some(BoundaryId(2)));
        assert_eq!(p.boundary_at(200.0, 200.0, Some(BoundaryId(2))), Some(BoundaryId(1)));
        assert_eq!(p.boundary_at(5000.0, 5.0, None), None);
        let chain: Vec<u64> = p.boundary_chain(Some(BoundaryId(3))).iter().map(|b| b.id.0).collect();
        assert_eq!(chain, [3, 2, 1]);
        p.remove_boundaries(&[BoundaryId(2)]);
        assert_eq!(p.boundary(BoundaryId(3)).unwrap().parent, Some(BoundaryId(1)));
        assert_eq!(p.next_boundary_id(), BoundaryId(4));
    }

    #[test]
    fn refit_follows_the_drawing() {
        use crate::project::{Component, ComponentId, Pos};
        let node = |id: u64, x: f32, y: f32, boundary: Option<u64>| Component {
            id: ComponentId(id),
            service: "rds".into(),
            variant: None,
            label: String::new(),
            position: Pos { x, y },
            internet_facing: false,
            data: Default::default(),
            notes: String::new(),
            boundary: boundary.map(BoundaryId),
            source: None,
        };
        let mut p = Project {
            boundaries: vec![
                b(1, "vpc", None, (0.0, 0.0, 1000.0, 1000.0)),
                b(2, "private-subnet", Some(1), (100.0, 100.0, 300.0, 300.0)),
                b(3, "public-subnet", None, (500.0, 100.0, 300.0, 300.0)),
            ],
            components: vec![node(1, 200.0, 200.0, Some(2)), node(2, 650.0, 250.0, None)],
            ..Project::default()
        };
        // Box 3 is drawn inside the VPC and over node 2: it takes both in.
        let m = p.refit(&[], &[BoundaryId(3)], &[p.boundary(BoundaryId(3)).unwrap().rect]);
        assert_eq!(m.boundaries, vec![(BoundaryId(3), Some(BoundaryId(1)))]);
        assert_eq!(m.components, vec![(ComponentId(2), Some(BoundaryId(3)))]);
        assert!(p.apply_membership(&m));
        // Node 1 dragged out of its subnet into open VPC space.
        p.components[0].position = Pos { x: 450.0, y: 800.0 };
        let m = p.refit(&[ComponentId(1)], &[], &[]);
        assert_eq!(m.components, vec![(ComponentId(1), Some(BoundaryId(1)))]);
        // A parent that would loop is refused.
        let bad = Membership { components: vec![], boundaries: vec![(BoundaryId(1), Some(BoundaryId(3)))] };
        assert!(!p.apply_membership(&bad));
        let (boxes, comps) = p.boundary_contents(BoundaryId(1));
        assert_eq!(boxes.len(), 3);
        assert_eq!(comps, vec![ComponentId(1), ComponentId(2)]);
    }

    #[test]
    fn chains_stop_at_cycles() {
        let p = Project {
            boundaries: vec![
                b(1, "vpc", Some(2), (0.0, 0.0, 1.0, 1.0)),
                b(2, "vpc", Some(1), (0.0, 0.0, 1.0, 1.0)),
            ],
            ..Project::default()
        };
        assert_eq!(p.boundary_chain(Some(BoundaryId(1))).len(), 2);
    }
}

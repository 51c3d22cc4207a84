//! Edits: every change the panels make to the project, as data. Panels return `Edit`s; the
//! document applies them in one place ([`super::document::Document::apply`]), which marks the
//! project dirty and records undo.

use crate::project::{
    Boundary, BoundaryId, Component, ComponentId, Connection, Membership, Pos, Project, Rect, TodoState,
};
use crate::vocab::{DataClass, Framework};

impl Edit {
    /// Changes only where components sit: nothing derived from the project (stacks, checklist,
    /// problems) depends on it.
    pub fn is_layout_only(&self) -> bool {
        matches!(self, Edit::SetPositions(_) | Edit::SetBoundaryRects(_))
    }

    /// Leaves every component and connection where it is in the project's lists, with the
    /// same id and the same ends: at most it adds new ones at the end.
    pub fn keeps_places(&self) -> bool {
        !matches!(self, Edit::RemoveComponents(_) | Edit::RemoveConnection(_) | Edit::ReplaceProject(_))
    }
}

/// One change to the project.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Place a new component (its id must be fresh).
    AddComponent(Component),
    /// Remove components and their connections.
    RemoveComponents(Vec<ComponentId>),
    /// Put components at exact positions (snapping).
    SetPositions(Vec<(ComponentId, Pos)>),
    /// Rename a component.
    SetLabel(ComponentId, String),
    /// Change the variant (`None`: the service's default).
    SetVariant(ComponentId, Option<String>),
    /// Mark internet-facing or not.
    SetInternetFacing(ComponentId, bool),
    /// Data classification.
    SetDataClass(ComponentId, DataClass),
    /// Free notes.
    SetNotes(ComponentId, String),
    /// Add a connection (ignored when the same one exists or it loops to itself).
    AddConnection(Connection),
    /// Remove the connection at this index.
    RemoveConnection(usize),
    /// Label of a connection.
    SetConnectionLabel(usize, String),
    /// Encrypted in transit or not.
    SetConnectionEncrypted(usize, bool),
    /// Progress on a checklist item.
    SetTodoState(String, TodoState),
    /// The project's name.
    SetName(String),
    /// The project's description.
    SetDescription(String),
    /// Turn a compliance programme on or off.
    SetFramework(Framework, bool),
    /// Add several components and connections at once (paste, duplicate).
    Insert(Vec<Component>, Vec<Connection>),
    /// Draw a new boundary (its id must be fresh).
    AddBoundary(Boundary),
    /// Remove boundaries; what they hold moves to their parent.
    RemoveBoundaries(Vec<BoundaryId>),
    /// Put boundaries at exact rectangles (move, resize).
    SetBoundaryRects(Vec<(BoundaryId, Rect)>),
    /// Rename a boundary.
    SetBoundaryLabel(BoundaryId, String),
    /// Change what a boundary stands for.
    SetBoundaryKind(BoundaryId, String),
    /// Change which boundary components and boundaries sit in.
    SetMembership(Membership),
    /// Put a whole new project in place (an import): one undo step.
    ReplaceProject(Box<Project>),
    /// Swap a component's service and variant (Compare… → Apply).
    SetService(ComponentId, String, Option<String>),
    /// Remember the findings files the checklist was checked against, and when.
    SetFindings(Vec<String>, Option<String>),
}

/// Applies one edit; returns whether the project changed.
pub fn apply(project: &mut Project, edit: Edit) -> bool {
    let before_len = (project.components.len(), project.connections.len());
    match edit {
        Edit::SetService(id, service, variant) => match project.component_mut(id) {
            Some(c) if c.service != service || c.variant != variant => {
                c.service = service;
                c.variant = variant;
                true
            }
            _ => false,
        },

        Edit::SetFindings(files, when) => {
            let changed = project.findings != files || project.findings_checked != when;
            project.findings = files;
            project.findings_checked = when;
            changed
        }

        Edit::ReplaceProject(p) => {
            let changed = *p != *project;
            *project = *p;
            changed
        }

        Edit::AddComponent(mut c) => {
            if project.component(c.id).is_some() {
                return false;
            }
            if c.boundary.is_some_and(|b| project.boundary(b).is_none()) {
                c.boundary = None;
            }
            project.components.push(c);
            true
        }
        Edit::RemoveComponents(ids) => {
            project.remove_components(&ids);
            before_len != (project.components.len(), project.connections.len())
        }
        Edit::SetPositions(list) => {
            let new: std::collections::HashMap<ComponentId, Pos> = list.into_iter().collect();
            let mut changed = false;
            for c in &mut project.components {
                if let Some(&pos) = new.get(&c.id)
                    && c.position != pos
                {
                    c.position = pos;
                    changed = true;
                }
            }
            changed
        }
        Edit::SetLabel(id, v) => set(project.component_mut(id).map(|c| &mut c.label), v),
        Edit::SetVariant(id, v) => set(project.component_mut(id).map(|c| &mut c.variant), v),
        Edit::SetInternetFacing(id, v) => set(project.component_mut(id).map(|c| &mut c.internet_facing), v),
        Edit::SetDataClass(id, v) => set(project.component_mut(id).map(|c| &mut c.data), v),
        Edit::SetNotes(id, v) => set(project.component_mut(id).map(|c| &mut c.notes), v),
        Edit::AddConnection(k) => {
            let exists = project.connections.iter().any(|e| e.from == k.from && e.to == k.to);
            let ends_exist = project.component(k.from).is_some() && project.component(k.to).is_some();
            if exists || k.from == k.to || !ends_exist {
                return false;
            }
            project.connections.push(k);
            true
        }
        Edit::RemoveConnection(i) => {
            if i < project.connections.len() {
                project.connections.remove(i);
                true
            } else {
                false
            }
        }
        Edit::SetConnectionLabel(i, v) => set(project.connections.get_mut(i).map(|k| &mut k.label), v),
        Edit::SetConnectionEncrypted(i, v) => {
            set(project.connections.get_mut(i).map(|k| &mut k.encrypted), v)
        }
        Edit::SetTodoState(id, state) => {
            if project.todo_state(&id) == state {
                return false;
            }
            project.set_todo_state(&id, state);
            true
        }
        Edit::SetName(v) => set(Some(&mut project.name), v),
        Edit::SetDescription(v) => set(Some(&mut project.description), v),
        Edit::SetFramework(f, on) => {
            let has = project.compliance.contains(&f);
            if has == on {
                return false;
            }
            if on {
                project.compliance.push(f);
                project.compliance.sort();
            } else {
                project.compliance.retain(|x| *x != f);
            }
            true
        }
        Edit::Insert(components, connections) => {
            let mut changed = false;
            for mut c in components {
                if project.component(c.id).is_none() {
                    if c.boundary.is_some_and(|b| project.boundary(b).is_none()) {
                        c.boundary = None;
                    }
                    project.components.push(c);
                    changed = true;
                }
            }
            for k in connections {
                changed |= apply(project, Edit::AddConnection(k));
            }
            changed
        }
        Edit::AddBoundary(b) => {
            if project.boundary(b.id).is_some() || b.parent.is_some_and(|p| project.boundary(p).is_none()) {
                return false;
            }
            project.boundaries.push(b);
            true
        }
        Edit::RemoveBoundaries(ids) => {
            let before = project.boundaries.len();
            project.remove_boundaries(&ids);
            before != project.boundaries.len()
        }
        Edit::SetBoundaryRects(list) => {
            let mut changed = false;
            for (id, r) in list {
                let ok = [r.x, r.y, r.w, r.h].iter().all(|v| v.is_finite()) && r.w > 0.0 && r.h > 0.0;
                if let Some(b) = project.boundary_mut(id)
                    && ok
                    && b.rect != r
                {
                    b.rect = r;
                    changed = true;
                }
            }
            changed
        }
        Edit::SetBoundaryLabel(id, v) => set(project.boundary_mut(id).map(|b| &mut b.label), v),
        Edit::SetBoundaryKind(id, v) => set(project.boundary_mut(id).map(|b| &mut b.kind), v),
        Edit::SetMembership(m) => project.apply_membership(&m),
    }
}

fn set<T: PartialEq>(slot: Option<&mut T>, value: T) -> bool {
    match slot {
        Some(s) if *s != value => {
            *s = value;
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comp(id: u64) -> Component {
        Component {
            id: ComponentId(id),
            service: "ec2".into(),
            variant: None,
            label: String::new(),
            position: Pos::default(),
            internet_facing: false,
            data: DataClass::Internal,
            notes: String::new(),
            boundary: None,
            source: None,
        }
    }

    #[test]
    fn connections_are_not_duplicated_nor_looped() {
        let mut p = Project::default();
        assert!(apply(&mut p, Edit::Insert(vec![comp(1), comp(2)], vec![])));
        let k =
            Connection { from: ComponentId(1), to: ComponentId(2), label: String::new(), encrypted: true };
        assert!(apply(&mut p, Edit::AddConnection(k.clone())));
        assert!(!apply(&mut p, Edit::AddConnection(k)));
        let looped =
            Connection { from: ComponentId(1), to: ComponentId(1), label: String::new(), encrypted: true };
        assert!(!apply(&mut p, Edit::AddConnection(looped)));
        assert_eq!(p.connections.len(), 1);
        assert!(apply(&mut p, Edit::RemoveComponents(vec![ComponentId(2)])));
        assert!(p.connections.is_empty());
    }

    #[test]
    fn unchanged_values_report_no_change() {
        let mut p = Project::default();
        apply(&mut p, Edit::AddComponent(comp(1)));
        assert!(!apply(&mut p, Edit::SetLabel(ComponentId(1), String::new())));
        assert!(apply(&mut p, Edit::SetLabel(ComponentId(1), "Web".into())));
        assert!(!apply(&mut p, Edit::SetLabel(ComponentId(9), "x".into())));
        assert!(!apply(&mut p, Edit::SetPositions(vec![(ComponentId(1), Pos { x: 0.0, y: 0.0 })])));
    }
}

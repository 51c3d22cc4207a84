//! The project: what the user made. Plain data, saved as RON; everything derived from it (stacks,
//! checklist) is computed, never stored.

mod boundary;
mod fast;
mod io;
pub mod migrate;
mod problems;
mod repair;
pub mod unknown;

pub use boundary::{
    Boundary, BoundaryId, MAX_BOUNDARY_DEPTH, MAX_BOUNDARY_SIZE, MIN_BOUNDARY_SIZE, Membership, Rect,
};
pub use io::{
    FORMAT_VERSION, Loaded, MAX_FILE_BYTES, MAX_NESTING, from_ron_str, load_file, load_str, load_str_general,
    save_file, to_ron_string,
};
pub(crate) use io::{read_text, write_atomic};
pub use problems::{Problem, Severity, check};
pub use repair::repair;
pub use unknown::{Anchor, UnknownFields};

use crate::vocab::{DataClass, Framework, Status};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Stable id of a component within its project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ComponentId(pub u64);

impl std::fmt::Display for ComponentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "c{}", self.0)
    }
}

/// A position on the canvas, in canvas units.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Pos {
    /// Horizontal.
    pub x: f32,
    /// Vertical (down).
    pub y: f32,
}

/// One placed AWS service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// Stable id.
    pub id: ComponentId,
    /// Catalog service id (kept even when the catalog does not know it).
    pub service: String,
    /// Variant id; `None` for the service's default.
    #[serde(default)]
    pub variant: Option<String>,
    /// What the user calls it ("Orders DB").
    #[serde(default)]
    pub label: String,
    /// Where it sits on the canvas.
    #[serde(default)]
    pub position: Pos,
    /// Reachable from the internet.
    #[serde(default)]
    pub internet_facing: bool,
    /// How sensitive its data is.
    #[serde(default)]
    pub data: DataClass,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// Its innermost boundary (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary: Option<BoundaryId>,
    /// The infrastructure-as-code resource it was imported from (a CloudFormation logical id or
    /// a Terraform address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Component {
    /// What to call it: its label, else the name of its service (`service_name`, when the
    /// catalog knows it), else the raw service id.
    pub fn display_name(&self, service_name: Option<&str>) -> String {
        if !self.label.trim().is_empty() {
            self.label.clone()
        } else {
            service_name.map_or_else(|| self.service.clone(), str::to_string)
        }
    }
}

/// A data flow between two components.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    /// Where traffic starts.
    pub from: ComponentId,
    /// Where it arrives.
    pub to: ComponentId,
    /// What flows ("HTTPS", "SQL").
    #[serde(default)]
    pub label: String,
    /// Encrypted in transit (TLS or equivalent).
    #[serde(default)]
    pub encrypted: bool,
}

/// The team's progress on one checklist item.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TodoState {
    /// Status.
    #[serde(default)]
    pub status: Status,
    /// Who is on it.
    #[serde(default)]
    pub assignee: String,
    /// Free note.
    #[serde(default)]
    pub note: String,
}

impl TodoState {
    /// True when nothing differs from a fresh, open item (such states need not be saved).
    pub fn is_blank(&self) -> bool {
        *self == TodoState::default()
    }
}

/// A whole architecture and its checklist progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// File format version ([`FORMAT_VERSION`]).
    pub format: u32,
    /// Project name.
    #[serde(default)]
    pub name: String,
    /// What it is.
    #[serde(default)]
    pub description: String,
    /// Compliance programmes in scope.
    #[serde(default)]
    pub compliance: Vec<Framework>,
    /// Accounts, VPCs, subnets and other boxes the components sit in (format 2).
    #[serde(default)]
    pub boundaries: Vec<Boundary>,
    /// Placed services.
    #[serde(default)]
    pub components: Vec<Component>,
    /// Data flows.
    #[serde(default)]
    pub connections: Vec<Connection>,
    /// Checklist progress by to-do id.
    #[serde(default)]
    pub todos: BTreeMap<String, TodoState>,
    /// The scanner findings files the checklist was last checked against, relative to the
    /// project file (the findings themselves are never copied in).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<String>,
    /// When that was (UTC, RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub findings_checked: Option<String>,
    /// Fields of the file that this version does not know, written back as they were read
    /// (see [`unknown`]). Empty for a project made by this version.
    #[serde(skip)]
    pub unknown: UnknownFields,
}

impl Default for Project {
    fn default() -> Self {
        Project {
            format: FORMAT_VERSION,
            name: "Untitled architecture".into(),
            description: String::new(),
            compliance: Vec::new(),
            boundaries: Vec::new(),
            components: Vec::new(),
            connections: Vec::new(),
            todos: BTreeMap::new(),
            findings: Vec::new(),
            findings_checked: None,
            unknown: UnknownFields::default(),
        }
    }
}

impl Project {
    /// The component with this id.
    pub fn component(&self, id: ComponentId) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id)
    }

    /// The component with this id, mutable.
    pub fn component_mut(&mut self, id: ComponentId) -> Option<&mut Component> {
        self.components.iter_mut().find(|c| c.id == id)
    }

    /// A fresh id, one above the largest in use (or the smallest free one when the largest is
    /// `u64::MAX`, which a hand-edited file may hold). One pass over the components.
    pub fn next_id(&self) -> ComponentId {
        self.fresh_ids(1)[0]
    }

    /// `count` distinct fresh ids (for a paste), in one pass over the components (plus a sort
    /// when ids near `u64::MAX` are in use).
    pub fn fresh_ids(&self, count: usize) -> Vec<ComponentId> {
        fresh(self.components.iter().map(|c| c.id.0), count).into_iter().map(ComponentId).collect()
    }

    /// The component ids, sorted, and whether any is used twice: what the repair and the check
    /// look ids up in (most projects have no repeat, and then need no set of seen ids).
    pub(crate) fn sorted_ids(&self) -> (Vec<ComponentId>, bool) {
        let mut ids: Vec<ComponentId> = self.components.iter().map(|c| c.id).collect();
        ids.sort_unstable();
        let repeats = ids.windows(2).any(|w| w[0] == w[1]);
        (ids, repeats)
    }

    /// The saved state of a to-do (blank when never touched).
    pub fn todo_state(&self, id: &str) -> TodoState {
        self.todos.get(id).cloned().unwrap_or_default()
    }

    /// Sets a to-do's state, dropping it from the map when blank so files stay small.
    pub fn set_todo_state(&mut self, id: &str, state: TodoState) {
        if state.is_blank() {
            self.todos.remove(id);
        } else {
            self.todos.insert(id.to_string(), state);
        }
    }

    /// Removes components and every connection touching them.
    pub fn remove_components(&mut self, ids: &[ComponentId]) {
        self.components.retain(|c| !ids.contains(&c.id));
        self.connections.retain(|k| !ids.contains(&k.from) && !ids.contains(&k.to));
    }
}

/// `count` distinct numbers from 1 up that `used` does not hold: those above the largest in use
/// when they fit, else the smallest free ones. Either way one pass over `used` (at most two),
/// never a search per id: with `n` ids in use, `count` of `1..=n + count` are free, so a bitmap
/// of that range finds them.
pub(crate) fn fresh(used: impl Iterator<Item = u64> + Clone, count: usize) -> Vec<u64> {
    let (mut n, mut max) = (0usize, 0u64);
    for u in used.clone() {
        n += 1;
        max = max.max(u);
    }
    if let Some(end) = max.checked_add(count as u64) {
        return (max + 1..=end).collect();
    }
    let limit = n + count;
    let mut taken = vec![false; limit + 1];
    for u in used {
        if let Ok(i) = usize::try_from(u)
            && i <= limit
        {
            taken[i] = true;
        }
    }
    (1..=limit).filter(|i| !taken[*i]).take(count).map(|i| i as u64).collect()
}

#[cfg(test)]
mod fresh_tests {
    use super::fresh;

    #[test]
    fn fresh_ids_fill_holes_only_when_the_top_is_full() {
        assert_eq!(fresh([3u64, 1].into_iter(), 2), vec![4, 5]);
        assert_eq!(fresh(std::iter::empty(), 1), vec![1]);
        assert_eq!(fresh([u64::MAX, 1, 2, 4].into_iter(), 3), vec![3, 5, 6]);
        assert_eq!(fresh([u64::MAX - 1].into_iter(), 2), vec![1, 2], "both must fit above, else holes");
    }
}

//! The open document: the project, where it lives on disk, whether it has unsaved changes, and
//! its undo history (egui's [`Undoer`] over the plain-data [`Project`]).
//!
//! Every change goes through [`Document::apply`]. A discrete change (add, delete, a checkbox)
//! becomes one undo step at once; a continuous one (typing in a field, dragging nodes) is
//! committed as one step when the user lets go ([`Document::settle`]).

use super::edit::{Edit, apply};
use crate::project::Project;
use egui::util::undoer::{Settings, Undoer};
use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Revisions are unique across documents, so data derived from one project is never mistaken
/// for another's after New or Open.
fn next_rev() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// `((rev, pending_undo), (can_undo, can_redo))`.
type HistoryCache = ((u64, bool), (bool, bool));

/// The project being edited and its history.
pub struct Document {
    project: Project,
    /// The project as last saved or opened, for the unsaved-changes marker.
    saved: Project,
    path: Option<PathBuf>,
    undoer: Undoer<Project>,
    pending_undo: bool,
    rev: u64,
    /// Like `rev`, but unchanged by edits that only move components.
    content_rev: u64,
    dirty: bool,
    /// `(rev, pending_undo)` → `(can_undo, can_redo)`: asking the undoer compares whole
    /// projects, too slow to do every frame for a large one.
    history: Cell<Option<HistoryCache>>,
}

impl Document {
    /// A document for a project read from `path` (or not yet saved, when `None`).
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        let mut undoer = Undoer::with_settings(Settings { max_undos: 200, ..Settings::default() });
        undoer.add_undo(&project);
        Document {
            saved: project.clone(),
            project,
            path,
            undoer,
            pending_undo: false,
            rev: next_rev(),
            content_rev: next_rev(),
            dirty: false,
            history: Cell::new(None),
        }
    }

    /// A document restored from a recovery copy: `project` holds changes that were never saved;
    /// `saved` is the file's version on disk, if it still loads.
    pub fn restored(project: Project, path: Option<PathBuf>, saved: Option<Project>) -> Self {
        let mut doc = Document::new(project, path);
        doc.saved = saved.unwrap_or_default();
        doc.dirty = doc.project != doc.saved;
        doc
    }

    /// The project as last saved or opened.
    pub fn saved(&self) -> &Project {
        &self.saved
    }

    /// The project.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Where it is saved, if anywhere.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// A counter that changes whenever the project does (for recomputing derived data).
    pub fn rev(&self) -> u64 {
        self.rev
    }

    /// A counter that changes whenever anything but positions does (for data derived from the
    /// project's content, which does not depend on where components sit).
    pub fn content_rev(&self) -> u64 {
        self.content_rev
    }

    /// No change waiting to become an undo step (the user has let go).
    pub fn is_settled(&self) -> bool {
        !self.pending_undo
    }

    /// True when the project differs from the last saved (or opened) version.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Applies edits. `settled` says whether the user has let go (no text field focused, no
    /// pointer button held): then the change becomes an undo step at once.
    pub fn apply(&mut self, edits: Vec<Edit>, settled: bool) -> bool {
        let mut changed = false;
        let mut layout_only = true;
        for e in edits {
            let layout = e.is_layout_only();
            if apply(&mut self.project, e) {
                changed = true;
                layout_only &= layout;
            }
        }
        if changed {
            self.touch();
            if !layout_only {
                self.content_rev = self.rev;
            }
            self.pending_undo = true;
            self.settle(settled);
        }
        changed
    }

    /// Records the pending change as an undo step once the user has let go.
    pub fn settle(&mut self, settled: bool) {
        if self.pending_undo && settled {
            self.undoer.add_undo(&self.project);
            self.pending_undo = false;
            self.history.set(None);
        }
    }

    /// Can we undo?
    pub fn can_undo(&self) -> bool {
        self.history().0
    }

    /// Can we redo?
    pub fn can_redo(&self) -> bool {
        self.history().1
    }

    fn history(&self) -> (bool, bool) {
        let key = (self.rev, self.pending_undo);
        if let Some((k, v)) = self.history.get()
            && k == key
        {
            return v;
        }
        let v = (
            self.pending_undo || self.undoer.has_undo(&self.project),
            !self.pending_undo && self.undoer.has_redo(&self.project),
        );
        self.history.set(Some((key, v)));
        v
    }

    /// Goes back one step.
    pub fn undo(&mut self) -> bool {
        self.settle(true);
        if let Some(prev) = self.undoer.undo(&self.project) {
            self.project = prev.clone();
            self.touch();
            self.content_rev = self.rev;
            true
        } else {
            false
        }
    }

    /// Goes forward one step.
    pub fn redo(&mut self) -> bool {
        self.settle(true);
        if let Some(next) = self.undoer.redo(&self.project) {
            self.project = next.clone();
            self.touch();
            self.content_rev = self.rev;
            true
        } else {
            false
        }
    }

    /// Records that the project was saved to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.settle(true);
        self.saved = self.project.clone();
        self.path = Some(path);
        self.dirty = false;
        self.rev = next_rev();
    }

    fn touch(&mut self) {
        self.rev = next_rev();
        self.dirty = self.project != self.saved;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_is_one_undo_step_and_undo_back_to_saved_is_clean() {
        let mut d = Document::new(Project::default(), None);
        assert!(!d.can_undo());
        d.apply(vec![Edit::SetName("A".into())], false);
        d.apply(vec![Edit::SetName("AB".into())], false);
        assert!(d.is_dirty());
        d.settle(true);
        d.apply(vec![Edit::SetDescription("x".into())], true);
        assert!(d.undo());
        assert_eq!(d.project().name, "AB");
        assert!(d.undo());
        assert_eq!(d.project().name, Project::default().name);
        assert!(!d.is_dirty());
        assert!(d.redo());
        assert_eq!(d.project().name, "AB");
        assert!(d.is_dirty());
    }

    #[test]
    fn moving_components_leaves_the_content_revision_alone() {
        use crate::project::{Component, ComponentId, Pos};
        use crate::vocab::DataClass;
        let c = Component {
            id: ComponentId(1),
            service: "ec2".into(),
            variant: None,
            label: String::new(),
            position: Pos::default(),
            internet_facing: false,
            data: DataClass::Internal,
            notes: String::new(),
            boundary: None,
            source: None,
        };
        let mut d = Document::new(Project { components: vec![c], ..Project::default() }, None);
        let (rev, content) = (d.rev(), d.content_rev());
        d.apply(vec![Edit::SetPositions(vec![(ComponentId(1), Pos { x: 40.0, y: 0.0 })])], false);
        assert_ne!(d.rev(), rev);
        assert_eq!(d.content_rev(), content, "a move changes nothing derived");
        assert!(!d.is_settled());
        d.settle(true);
        d.apply(vec![Edit::SetLabel(ComponentId(1), "Web".into())], true);
        assert_ne!(d.content_rev(), content);
        let content = d.content_rev();
        d.undo();
        assert_ne!(d.content_rev(), content, "undo may change anything");
    }
}

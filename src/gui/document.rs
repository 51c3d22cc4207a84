//! The open document: the project, where it lives on disk, whether it has unsaved changes, and
//! its undo history.
//!
//! Every change goes through [`Document::apply`]. A discrete change (add, delete, a checkbox)
//! becomes one undo step at once; a continuous one (typing in a field, dragging nodes) is
//! committed as one step when the user lets go ([`Document::settle`]).
//!
//! The project, the saved version and every undo step are shared (`Arc`): an undo step costs a
//! pointer, not a copy of the project, and undo is a pointer swap. The project is copied only
//! when an edit finds it shared (copy on write), and for a large project that copy is made ahead
//! of time on a worker thread ([`Document::share`], [`Document::adopt_copy`]), so that no edit
//! waits for it.

use super::edit::{Edit, apply};
use crate::project::Project;
use std::cell::Cell;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// How many undo steps are kept.
const MAX_UNDOS: usize = 200;

/// Revisions are unique across documents, so data derived from one project is never mistaken
/// for another's after New or Open.
fn next_rev() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The same project: the same allocation (at once), or equal contents.
fn same(a: &Arc<Project>, b: &Arc<Project>) -> bool {
    Arc::ptr_eq(a, b) || **a == **b
}

/// `((rev, pending_undo), (can_undo, can_redo))`.
type HistoryCache = ((u64, bool), (bool, bool));

/// The project being edited and its history.
pub struct Document {
    project: Arc<Project>,
    /// The project as last saved or opened, for the unsaved-changes marker.
    saved: Arc<Project>,
    path: Option<PathBuf>,
    /// Settled states, oldest first; the last is the latest undo point.
    undos: VecDeque<Arc<Project>>,
    /// States undone, the next to redo last.
    redos: Vec<Arc<Project>>,
    pending_undo: bool,
    rev: u64,
    /// Like `rev`, but unchanged by edits that only move components.
    content_rev: u64,
    dirty: bool,
    /// `(rev, pending_undo)` → `(can_undo, can_redo)`: comparing states can mean comparing
    /// whole projects, too slow to do every frame for a large one.
    history: Cell<Option<HistoryCache>>,
}

impl Document {
    /// A document for a project read from `path` (or not yet saved, when `None`).
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        let project = Arc::new(project);
        Document {
            saved: Arc::clone(&project),
            undos: VecDeque::from([Arc::clone(&project)]),
            redos: Vec::new(),
            project,
            path,
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
        doc.saved = Arc::new(saved.unwrap_or_default());
        doc.dirty = *doc.project != *doc.saved;
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

    /// The project, shared: for reading on another thread. An edit made while it is shared
    /// copies the project first, unless [`Document::adopt_copy`] has taken the other holders
    /// off it.
    pub fn share(&self) -> Arc<Project> {
        Arc::clone(&self.project)
    }

    /// Takes a copy of `of` (made elsewhere, equal to it) in place of `of` wherever the history
    /// or the saved version holds it, so that the project is no longer shared with them and the
    /// next edit changes it in place. Whatever no longer holds `of` is left alone.
    pub fn adopt_copy(&mut self, of: &Arc<Project>, copy: Arc<Project>) {
        let slots =
            std::iter::once(&mut self.saved).chain(self.undos.iter_mut()).chain(self.redos.iter_mut());
        for slot in slots.filter(|s| Arc::ptr_eq(s, of)) {
            *slot = Arc::clone(&copy);
        }
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
            if apply(Arc::make_mut(&mut self.project), e) {
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
            if !self.undos.back().is_some_and(|last| same(last, &self.project)) {
                self.undos.push_back(Arc::clone(&self.project));
            }
            while self.undos.len() > MAX_UNDOS {
                self.undos.pop_front();
            }
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
        let v = (self.pending_undo || self.has_undo(), !self.pending_undo && self.has_redo());
        self.history.set(Some((key, v)));
        v
    }

    /// An earlier state to go back to: two undo points, or one that differs from the project.
    fn has_undo(&self) -> bool {
        match self.undos.len() {
            0 => false,
            1 => !same(&self.undos[0], &self.project),
            _ => true,
        }
    }

    /// Something undone to go forward to, and nothing changed since.
    fn has_redo(&self) -> bool {
        !self.redos.is_empty() && self.undos.back().is_some_and(|last| same(last, &self.project))
    }

    /// Goes back one step.
    pub fn undo(&mut self) -> bool {
        self.settle(true);
        if !self.has_undo() {
            return false;
        }
        match self.undos.back() {
            // The project is the latest undo point: step back past it.
            Some(last) if same(last, &self.project) => {
                if self.undos.len() > 1 {
                    self.redos.push(self.undos.pop_back().expect("two or more"));
                }
            }
            _ => self.redos.push(Arc::clone(&self.project)),
        }
        let Some(prev) = self.undos.back() else { return false };
        self.project = Arc::clone(prev);
        self.touch();
        self.content_rev = self.rev;
        true
    }

    /// Goes forward one step.
    pub fn redo(&mut self) -> bool {
        self.settle(true);
        if !self.undos.back().is_none_or(|last| same(last, &self.project)) {
            // Changed since the last undo: what was undone cannot come back.
            self.redos.clear();
            return false;
        }
        let Some(next) = self.redos.pop() else { return false };
        self.project = Arc::clone(&next);
        self.undos.push_back(next);
        self.touch();
        self.content_rev = self.rev;
        true
    }

    /// Records that the project was saved to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.settle(true);
        self.saved = Arc::clone(&self.project);
        self.path = Some(path);
        self.dirty = false;
        self.rev = next_rev();
    }

    fn touch(&mut self) {
        self.rev = next_rev();
        self.dirty = !same(&self.project, &self.saved);
        self.history.set(None);
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

    /// An undo step shares the project, so the next edit would copy it; a copy made elsewhere
    /// and adopted takes the history off it, and undo still brings back each state.
    #[test]
    fn an_adopted_copy_unshares_the_project_and_keeps_the_history() {
        let mut d = Document::new(Project::default(), None);
        d.apply(vec![Edit::SetName("A".into())], true);
        let shared = d.share();
        // The project, its undo step, and `shared`.
        assert_eq!(Arc::strong_count(&shared), 3);
        let copy = Arc::new(Project::clone(&shared));
        d.adopt_copy(&shared, copy);
        assert_eq!(Arc::strong_count(&shared), 2, "only the project and `shared` hold it now");
        drop(shared);
        assert_eq!(Arc::strong_count(&d.project), 1, "so the next edit changes it in place");
        let at = Arc::as_ptr(&d.project);
        d.apply(vec![Edit::SetName("AB".into())], true);
        assert_eq!(Arc::as_ptr(&d.project), at, "not copied");
        assert!(d.undo());
        assert_eq!(d.project().name, "A");
        assert!(d.undo());
        assert_eq!(d.project().name, Project::default().name);
        assert!(!d.is_dirty());
        assert!(!d.can_undo());
        assert!(d.redo());
        assert!(d.redo());
        assert_eq!(d.project().name, "AB");
        assert!(!d.can_redo());
    }

    /// Adopting a copy of a state nothing holds any more changes nothing.
    #[test]
    fn a_copy_of_a_state_no_longer_held_is_ignored() {
        let mut d = Document::new(Project::default(), None);
        let old = Arc::new(Project { name: "elsewhere".into(), ..Project::default() });
        d.adopt_copy(&old, Arc::new(Project::clone(&old)));
        assert_eq!(d.saved().name, Project::default().name);
        assert!(!d.can_undo());
    }
}

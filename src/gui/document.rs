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
//! waits for it. States the document lets go of are handed out ([`Document::take_garbage`]) to
//! be freed there too.

use super::edit::{Edit, apply};
use crate::project::Project;
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

/// A state of the project in the history, and the [`Document`]'s state number it had.
type Step = (u64, Arc<Project>);

/// The project being edited and its history.
pub struct Document {
    project: Arc<Project>,
    /// Which state the project is in: a new number for every change, and a state's number
    /// again when undo or redo brings it back. Two equal numbers are the same contents, so the
    /// history can tell where it stands without comparing whole projects.
    state: u64,
    /// The project as last saved or opened, for the unsaved-changes marker.
    saved: Arc<Project>,
    /// The state the project was in when saved or opened.
    saved_state: u64,
    path: Option<PathBuf>,
    /// Settled states, oldest first; the last is the latest undo point.
    undos: VecDeque<Step>,
    /// States undone, the next to redo last.
    redos: Vec<Step>,
    pending_undo: bool,
    rev: u64,
    /// Like `rev`, but unchanged by edits that only move components.
    content_rev: u64,
    /// Changes when a component or connection may have left its place in the project's lists
    /// (a removal, undo, redo); unchanged by edits that only add at the end or change fields.
    places_rev: u64,
    /// Changes when a component may have moved (a layout edit, undo, redo).
    moves_rev: u64,
    dirty: bool,
    /// States let go of, not yet handed out to be freed.
    garbage: Vec<Arc<Project>>,
}

impl Document {
    /// A document for a project read from `path` (or not yet saved, when `None`).
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        let project = Arc::new(project);
        let state = next_rev();
        Document {
            saved: Arc::clone(&project),
            undos: VecDeque::from([(state, Arc::clone(&project))]),
            redos: Vec::new(),
            project,
            saved_state: state,
            state,
            path,
            pending_undo: false,
            rev: next_rev(),
            content_rev: next_rev(),
            places_rev: next_rev(),
            moves_rev: next_rev(),
            dirty: false,
            garbage: Vec::new(),
        }
    }

    /// A document restored from a recovery copy: `project` holds changes that were never saved;
    /// `saved` is the file's version on disk, if it still loads.
    pub fn restored(project: Project, path: Option<PathBuf>, saved: Option<Project>) -> Self {
        let mut doc = Document::new(project, path);
        doc.saved = Arc::new(saved.unwrap_or_default());
        doc.saved_state = next_rev();
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

    /// Takes `copy` (made elsewhere from `of`, equal to it, held by nothing else) as the
    /// project when the project is still `of`: the history and the saved version keep `of`,
    /// and the next edit changes the copy in place. When the project has changed since, the
    /// copy is not needed and goes to the garbage.
    pub fn adopt_copy(&mut self, of: &Arc<Project>, copy: Arc<Project>) {
        if Arc::ptr_eq(&self.project, of) {
            self.project = copy;
        } else {
            self.garbage.push(copy);
        }
    }

    /// The states the document has let go of since last asked, to be freed (a large project
    /// takes a while to free).
    pub fn take_garbage(&mut self) -> Vec<Arc<Project>> {
        std::mem::take(&mut self.garbage)
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

    /// A counter that changes whenever a component or connection may have moved in, or left,
    /// the project's lists; one that stays means each is where it was, and any new ones came
    /// at the end (for indices kept up to date by extending them).
    pub fn places_rev(&self) -> u64 {
        self.places_rev
    }

    /// A counter that changes whenever a component may have moved; with
    /// [`Document::places_rev`] unchanged too, positions kept from before still hold.
    pub fn moves_rev(&self) -> u64 {
        self.moves_rev
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
        let mut keeps_places = true;
        let mut keeps_positions = true;
        for e in edits {
            let (layout, keeps) = (e.is_layout_only(), e.keeps_places());
            if apply(Arc::make_mut(&mut self.project), e) {
                changed = true;
                keeps_positions &= !layout;
                layout_only &= layout;
                keeps_places &= keeps;
            }
        }
        if changed {
            self.touch();
            if !layout_only {
                self.content_rev = self.rev;
            }
            if !keeps_places {
                self.places_rev = self.rev;
            }
            if !keeps_positions {
                self.moves_rev = self.rev;
            }
            self.pending_undo = true;
            self.settle(settled);
        }
        changed
    }

    /// Records the pending change as an undo step once the user has let go.
    pub fn settle(&mut self, settled: bool) {
        if self.pending_undo && settled {
            // A change that ends where it began (typed, then deleted) is no new step.
            match self.undos.back_mut() {
                Some(last) if same(&last.1, &self.project) => last.0 = self.state,
                _ => self.undos.push_back((self.state, Arc::clone(&self.project))),
            }
            while self.undos.len() > MAX_UNDOS {
                self.garbage.extend(self.undos.pop_front().map(|(_, p)| p));
            }
            self.pending_undo = false;
        }
    }

    /// Can we undo?
    pub fn can_undo(&self) -> bool {
        self.pending_undo || self.has_undo()
    }

    /// Can we redo?
    pub fn can_redo(&self) -> bool {
        !self.pending_undo && self.has_redo()
    }

    /// An earlier state to go back to: two undo points, or one the project has left.
    fn has_undo(&self) -> bool {
        match self.undos.len() {
            0 => false,
            1 => !self.at_latest_step(),
            _ => true,
        }
    }

    /// Something undone to go forward to, and nothing changed since.
    fn has_redo(&self) -> bool {
        !self.redos.is_empty() && self.at_latest_step()
    }

    /// Whether the project is in the state of the latest undo point.
    fn at_latest_step(&self) -> bool {
        self.undos.back().is_some_and(|(state, _)| *state == self.state)
    }

    /// Goes back one step.
    pub fn undo(&mut self) -> bool {
        self.settle(true);
        if !self.has_undo() {
            return false;
        }
        if self.at_latest_step() {
            // Step back past the latest undo point (there are two or more).
            if self.undos.len() > 1 {
                self.redos.push(self.undos.pop_back().expect("two or more"));
            }
        } else {
            self.redos.push((self.state, Arc::clone(&self.project)));
        }
        let Some((state, prev)) = self.undos.back() else { return false };
        self.state = *state;
        let old = std::mem::replace(&mut self.project, Arc::clone(prev));
        self.garbage.push(old);
        self.moved();
        true
    }

    /// Goes forward one step.
    pub fn redo(&mut self) -> bool {
        self.settle(true);
        if !self.undos.is_empty() && !self.at_latest_step() {
            // Changed since the last undo: what was undone cannot come back.
            self.garbage.extend(self.redos.drain(..).map(|(_, p)| p));
            return false;
        }
        let Some((state, next)) = self.redos.pop() else { return false };
        self.state = state;
        let old = std::mem::replace(&mut self.project, Arc::clone(&next));
        self.garbage.push(old);
        self.undos.push_back((state, next));
        self.moved();
        true
    }

    /// Records that the project was saved to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.settle(true);
        self.saved = Arc::clone(&self.project);
        self.saved_state = self.state;
        self.path = Some(path);
        self.dirty = false;
        self.rev = next_rev();
    }

    /// After an edit: a new state.
    fn touch(&mut self) {
        self.rev = next_rev();
        self.state = next_rev();
        self.dirty = !same(&self.project, &self.saved);
    }

    /// After undo or redo: back in a state the history knows.
    fn moved(&mut self) {
        self.rev = next_rev();
        self.content_rev = self.rev;
        self.places_rev = self.rev;
        self.moves_rev = self.rev;
        self.dirty = self.state != self.saved_state && !same(&self.project, &self.saved);
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
        assert_eq!(Arc::strong_count(&shared), 2, "only the undo step and `shared` hold it now");
        drop(shared);
        assert_eq!(Arc::strong_count(&d.project), 1, "so the next edit changes the copy in place");
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
        assert_eq!(d.take_garbage().len(), 1, "the copy is not needed");
        assert!(d.take_garbage().is_empty());
    }

    /// Typing and then deleting what was typed leaves nothing to undo and nothing unsaved.
    #[test]
    fn a_change_that_ends_where_it_began_is_no_undo_step() {
        let mut d = Document::new(Project::default(), None);
        let name = d.project().name.clone();
        d.apply(vec![Edit::SetName(format!("{name}x"))], false);
        assert!(d.is_dirty() && d.can_undo());
        d.apply(vec![Edit::SetName(name)], false);
        d.settle(true);
        assert!(!d.is_dirty());
        assert!(!d.can_undo(), "no step back to the same project");
        assert!(!d.undo());
    }
}

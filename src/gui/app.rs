//! The app: owns the document, derived data, view state and settings; lays out the panels;
//! applies the edits they return in one place; runs commands (files, clipboard, undo).

use super::canvas::{Canvas, geom, new_component};
use super::clipboard::Clip;
use super::commands::{self, Command};
use super::derived::Derived;
use super::dialogs::{FileDialogs, FileKind, PROJECT};
use super::document::Document;
use super::edit::Edit;
use super::example::example_project;
use super::modals::{self, Answer, Dialog};
use super::palette::{self, PaletteAction};
use super::screenshot::{Outcome, ScreenshotJob};
use super::settings::{STORAGE_KEY, Settings};
use super::view::ViewState;
use super::{checklist_panel, inspector, matrix, menu};
use crate::catalog::Catalog;
use crate::error::LoadError;
use crate::export::Format;
use crate::export::diagram::{self, DiagramFormat};
use crate::project::{Project, load_file, save_file};
use crate::recovery::{AUTOSAVE_INTERVAL, Autosave, Autosaver, Recovery, RecoveryStore, Snapshot, Unsaved};
use egui::{Panel, Ui, ViewportCommand};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// How the app starts.
pub struct AppOptions {
    /// The merged catalog.
    pub catalog: Catalog,
    /// Catalog files that failed to load (shown in the app).
    pub catalog_errors: Vec<LoadError>,
    /// File dialogs (native, or scripted in tests).
    pub dialogs: Box<dyn FileDialogs>,
    /// Settings from the last run.
    pub settings: Settings,
    /// Open this file (else the last project, else the example).
    pub file: Option<PathBuf>,
    /// `--screenshot`: write the first frames to this PNG and close.
    pub screenshot: Option<(PathBuf, Outcome)>,
    /// Where recovery copies of unsaved changes go (`None`: no autosave, no recovery offer).
    pub recovery: Option<RecoveryStore>,
    /// How long changes may stay unsaved before a recovery copy is written.
    pub autosave_interval: Duration,
    /// `--findings`: scanner findings to load once the project is open.
    pub findings: Vec<PathBuf>,
}

impl AppOptions {
    /// Options for a headless test: no settings, scripted dialogs.
    pub fn new(catalog: Catalog, dialogs: Box<dyn FileDialogs>) -> Self {
        AppOptions {
            catalog,
            catalog_errors: Vec::new(),
            dialogs,
            settings: Settings::default(),
            file: None,
            screenshot: None,
            recovery: None,
            autosave_interval: AUTOSAVE_INTERVAL,
            findings: Vec::new(),
        }
    }
}

/// The srm-planner desktop app.
pub struct SrmApp {
    catalog: std::sync::Arc<Catalog>,
    doc: Document,
    derived: Derived,
    /// The worker that works out a large project's derived data.
    background: super::background::Background,
    /// From how many components on derived data is worked out in the background.
    background_from: usize,
    /// View state (selection, lens, filters): public so tests can look at it.
    pub view: ViewState,
    /// The canvas (view rectangle, gestures).
    pub canvas: Canvas,
    /// Persisted settings.
    pub settings: Settings,
    dialogs: Box<dyn FileDialogs>,
    dialog: Option<Dialog>,
    queued_dialogs: Vec<Dialog>,
    clip: Option<Clip>,
    pastes: u32,
    allow_close: bool,
    quit_requested: bool,
    sent_title: String,
    applied_theme: Option<super::settings::ThemeChoice>,
    screenshot: Option<ScreenshotJob>,
    status: String,
    recovery: Option<RecoveryStore>,
    autosaver: Autosaver,
    /// The unsaved state as of the last change, for the panic hook.
    snapshot: Snapshot,
    snapshot_rev: u64,
    /// The recovery copy being offered in the Recover dialog.
    offered: Option<Recovery>,
    /// Scanner findings loaded in this session.
    findings: super::findings::Findings,
    /// The open Compare… window.
    compare: Option<super::compare::Compare>,
    /// The comparison with another version of the project.
    compare_file: Option<super::compare_file::FileCompare>,
}

impl SrmApp {
    /// Creates the app and opens the first project.
    pub fn new(options: AppOptions) -> Self {
        let AppOptions {
            catalog,
            catalog_errors,
            dialogs,
            settings,
            file,
            screenshot,
            recovery,
            autosave_interval,
            findings,
        } = options;
        let mut app = SrmApp {
            catalog: std::sync::Arc::new(catalog),
            doc: Document::new(example_project(), None),
            derived: Derived::default(),
            background: Default::default(),
            background_from: super::background::LARGE_PROJECT,
            view: ViewState::default(),
            canvas: Canvas::default(),
            settings,
            dialogs,
            dialog: None,
            queued_dialogs: Vec::new(),
            clip: None,
            pastes: 0,
            allow_close: false,
            quit_requested: false,
            sent_title: String::new(),
            applied_theme: None,
            screenshot: screenshot.map(|(p, o)| ScreenshotJob::new(p, o)),
            status: String::new(),
            recovery,
            autosaver: Autosaver::new(autosave_interval),
            snapshot: Snapshot::default(),
            snapshot_rev: 0,
            offered: None,
            findings: Default::default(),
            compare: None,
            compare_file: None,
        };
        if !catalog_errors.is_empty() {
            let lines = catalog_errors.iter().map(ToString::to_string).collect();
            app.show_dialog(Dialog::Notice { title: "Some catalog files were not loaded".into(), lines });
        }
        let start = file.or_else(|| app.settings.last_project.clone().filter(|p| p.is_file()));
        if let Some(path) = start {
            app.open_path(&path);
        }
        if !findings.is_empty() {
            app.load_findings(&findings);
        }
        app.offer_recovery();
        app
    }

    // ----- recovery -----

    /// The shared unsaved state, for [`crate::recovery::install_panic_hook`].
    pub fn snapshot(&self) -> Snapshot {
        self.snapshot.clone()
    }

    /// If an earlier run left a recovery copy, asks whether to restore it.
    fn offer_recovery(&mut self) {
        let Some(found) = self.recovery.as_ref().and_then(RecoveryStore::latest) else { return };
        let file =
            found.original_path.as_ref().map_or_else(|| "never saved".into(), |p| p.display().to_string());
        self.show_dialog(Dialog::Recover {
            name: found.project.name.clone(),
            file,
            made: describe_time(found.made_at, SystemTime::now()),
            components: found.project.components.len(),
        });
        self.offered = Some(found);
    }

    fn answer_recovery(&mut self, answer: Answer) {
        let (Some(store), Some(found)) = (self.recovery.clone(), self.offered.take()) else { return };
        match answer {
            Answer::Restore => match store.restore(found) {
                Ok((project, path)) => {
                    let on_disk = path.as_deref().and_then(|p| load_file(p).ok()).map(|l| l.project);
                    self.replace_document(Document::restored(project, path, on_disk));
                    self.status = "Restored unsaved changes from the recovery copy".into();
                }
                Err(e) => self.show_dialog(Dialog::Error {
                    title: "Could not restore the recovery copy".into(),
                    message: e.to_string(),
                }),
            },
            Answer::Discard => {
                if let Err(e) = store.decline(&found) {
                    self.show_dialog(Dialog::Error {
                        title: "Could not delete the recovery copy".into(),
                        message: e.to_string(),
                    });
                }
            }
            // Dismissed: the copy stays on disk and is offered again next time.
            _ => {}
        }
    }

    /// Keeps the panic hook's snapshot current and writes (or deletes) the recovery copy when due.
    fn autosave(&mut self, ctx: &egui::Context) {
        let Some(store) = &self.recovery else { return };
        // Copied once the user lets go, not on every frame of a drag.
        if self.snapshot_rev != self.doc.rev() && self.doc.is_settled() {
            self.snapshot_rev = self.doc.rev();
            let unsaved = self.doc.is_dirty().then(|| Unsaved {
                project: self.doc.project().clone(),
                original_path: self.doc.path().map(Path::to_path_buf),
            });
            // A poisoned lock only means a panic elsewhere; the data in it is still whole.
            *self.snapshot.lock().unwrap_or_else(|p| p.into_inner()) = unsaved;
        }
        let now = Instant::now();
        let unsaved = self.doc.is_dirty().then(|| (self.doc.rev(), self.doc.project(), self.doc.path()));
        match self.autosaver.run(now, unsaved, store) {
            Ok(Autosave::Write) => self.status = "Recovery copy of unsaved changes written".into(),
            Ok(_) => {}
            Err(e) => self.status = format!("Could not write the recovery copy: {e}"),
        }
        if let Some(due) = self.autosaver.next_due(now) {
            ctx.request_repaint_after(due);
        }
    }

    // ----- queries (also used by tests) -----

    /// The project being edited.
    pub fn project(&self) -> &Project {
        self.doc.project()
    }

    /// The catalog.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Derived data (stacks, checklist), as of the last frame.
    pub fn derived(&self) -> &Derived {
        &self.derived
    }

    /// The open file, if saved.
    pub fn path(&self) -> Option<&Path> {
        self.doc.path()
    }

    /// Unsaved changes?
    pub fn is_dirty(&self) -> bool {
        self.doc.is_dirty()
    }

    /// The dialog on screen, if any.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// Has the app decided to quit (after any unsaved-changes prompt)?
    pub fn quit_requested(&self) -> bool {
        self.quit_requested
    }

    /// The window title: project name, file name and an unsaved-changes marker.
    pub fn title(&self) -> String {
        let file = self
            .doc
            .path()
            .and_then(|p| p.file_name())
            .map_or_else(|| "not saved".to_string(), |n| n.to_string_lossy().into_owned());
        let marker = if self.doc.is_dirty() { "● " } else { "" };
        format!("{marker}{} — {file} — SRM Planner", self.doc.project().name)
    }

    // ----- documents -----

    /// Replaces the document (after New / Open), resetting view state.
    pub fn set_project(&mut self, project: Project, path: Option<PathBuf>) {
        self.replace_document(Document::new(project, path));
    }

    /// Puts `doc` in place of the open document, resetting view state.
    fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.view.selection.clear();
        self.view.hover_item = None;
        self.view.filter = Default::default();
        self.canvas = Canvas::default();
    }

    /// Opens a file; on error the current project stays and an error dialog explains why.
    pub fn open_path(&mut self, path: &Path) -> bool {
        match load_file(path) {
            Ok(loaded) => {
                self.set_project(loaded.project, Some(path.to_path_buf()));
                self.settings.remember(path);
                let mut notes: Vec<String> = loaded.repairs.iter().map(ToString::to_string).collect();
                if let Some(v) = loaded.migrated_from {
                    notes.insert(
                        0,
                        format!("The file used project format {v}; it will be saved in the current format."),
                    );
                }
                if !notes.is_empty() {
                    self.show_dialog(Dialog::Notice {
                        title: format!("Opened {} with changes", display_name(path)),
                        lines: notes,
                    });
                }
                self.status = format!("Opened {}", path.display());
                true
            }
            Err(e) => {
                self.show_dialog(Dialog::Error {
                    title: "Could not open the file".into(),
                    message: load_error_text(&e),
                });
                false
            }
        }
    }

    fn save_to(&mut self, path: PathBuf) -> bool {
        self.doc.settle(true);
        match save_file(&path, self.doc.project()) {
            Ok(()) => {
                self.settings.remember(&path);
                self.status = format!("Saved {}", path.display());
                self.doc.mark_saved(path);
                true
            }
            Err(e) => {
                self.show_dialog(Dialog::Error {
                    title: "Could not save".into(),
                    message: format!("{}: {e}", path.display()),
                });
                false
            }
        }
    }

    fn save(&mut self) -> bool {
        match self.doc.path().map(Path::to_path_buf) {
            Some(p) => self.save_to(p),
            None => self.save_as(),
        }
    }

    fn save_as(&mut self) -> bool {
        let name = format!("{}.ron", slug(&self.doc.project().name));
        let dir = self.dialog_dir();
        match self.dialogs.save_file(dir.as_deref(), &name, PROJECT) {
            Some(p) => self.save_to(p),
            None => false,
        }
    }

    fn dialog_dir(&self) -> Option<PathBuf> {
        self.doc
            .path()
            .and_then(|p| p.parent())
            .filter(|d| d.is_dir())
            .map(Path::to_path_buf)
            .or_else(|| self.settings.dialog_dir())
    }

    fn export(&mut self, format: Format) {
        let kind = FileKind { name: format.name(), ext: format.ext() };
        let name = format!("{}-checklist.{}", slug(&self.doc.project().name), kind.ext);
        let dir = self.dialog_dir();
        let Some(path) = self.dialogs.save_file(dir.as_deref(), &name, kind) else { return };
        let text = format.render(&self.catalog, self.doc.project());
        self.exported(&path, Ok(text.into_bytes()));
    }

    /// The diagram in `format`, drawn with the lens in force.
    fn export_diagram(&mut self, format: DiagramFormat) {
        let kind = FileKind { name: format.name(), ext: format.ext() };
        let name = format!("{}-diagram.{}", slug(&self.doc.project().name), kind.ext);
        let dir = self.dialog_dir();
        let Some(path) = self.dialogs.save_file(dir.as_deref(), &name, kind) else { return };
        let options = diagram::Options { lens: self.view.lens, title: true };
        let bytes = format.render(&self.catalog, self.doc.project(), &options);
        self.exported(&path, bytes);
    }

    /// Writes an export and says how it went.
    fn exported(&mut self, path: &Path, bytes: Result<Vec<u8>, String>) {
        match bytes.and_then(|b| std::fs::write(path, b).map_err(|e| e.to_string())) {
            Ok(()) => {
                if let Some(d) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    self.settings.last_dir = Some(d.to_path_buf());
                }
                self.status = format!("Exported {}", path.display());
            }
            Err(e) => self.show_dialog(Dialog::Error {
                title: "Could not export".into(),
                message: format!("{}: {e}", path.display()),
            }),
        }
    }

    /// From how many components on the stacks and checklist are worked out on a worker
    /// thread ([`super::background::LARGE_PROJECT`] unless changed; tests set it).
    pub fn set_background_from(&mut self, components: usize) {
        self.background_from = components;
    }

    /// Whether the stacks and checklist shown are those of the project as it is now (false for
    /// a moment after an edit to a large project, while the worker works them out).
    pub fn is_up_to_date(&self) -> bool {
        self.derived.is_current(self.doc.content_rev())
    }

    /// Waits until the stacks and checklist are those of the project as it is now.
    pub fn wait_until_up_to_date(&mut self) {
        self.refresh_derived(None);
        while !self.is_up_to_date() {
            self.background.block();
            self.refresh_derived(None);
        }
    }

    /// Takes in what the worker sends back.
    fn take(&mut self, done: super::background::Done) -> bool {
        match done {
            super::background::Done::Copy { of, copy } => {
                self.doc.adopt_copy(&of, copy);
                self.background.free(of);
                false
            }
            super::background::Done::Derived(fresh) => {
                let old = self.derived.install(*fresh);
                self.background.free(old);
                true
            }
        }
    }

    /// Brings the derived data (stacks, checklist, evidence, comparison marks) up to the
    /// project's revision: here and now for a small project, on the worker for a large one
    /// (showing the last result meanwhile).
    fn refresh_derived(&mut self, ctx: Option<&egui::Context>) {
        let rev = self.doc.content_rev();
        for old in self.doc.take_garbage() {
            self.background.free(old);
        }
        self.derived.refresh_index(self.doc.project(), rev, self.doc.places_rev());
        self.derived.refresh_centers(self.doc.project(), self.doc.moves_rev(), self.doc.places_rev());
        let mut refreshed = false;
        while let Some(done) = self.background.poll() {
            refreshed |= self.take(done);
        }
        if !self.derived.is_current(rev) && !self.background.is_busy() {
            let large = self.doc.project().components.len() >= self.background_from;
            let sent = large
                && self.background.derive(
                    std::sync::Arc::clone(&self.catalog),
                    self.doc.share(),
                    rev,
                    ctx.cloned(),
                );
            if !sent {
                refreshed |= self.derived.refresh(&self.catalog, self.doc.project(), rev);
            }
        }
        if refreshed || self.findings.changed {
            let files = (!self.findings.files.is_empty()).then_some(&self.findings.files[..]);
            self.derived.set_findings(self.doc.project(), files);
            self.findings.changed = false;
        }
        // A comparison follows the edits: its diff is worked out again when the project changes.
        if let Some(cmp) = &mut self.compare_file {
            if refreshed || cmp.rev != self.doc.content_rev() {
                cmp.diff = crate::diff::diff(&self.catalog, &cmp.old, self.doc.project());
                cmp.rev = self.doc.content_rev();
                self.derived.set_marks(Some(&cmp.diff));
            } else if refreshed {
                self.derived.set_marks(Some(&cmp.diff));
            }
        }
    }

    /// Compares the open project with `old` (another file or the saved version).
    fn start_comparing(&mut self, name: String, old: Project) {
        let diff = crate::diff::diff(&self.catalog, &old, self.doc.project());
        self.derived.set_marks(Some(&diff));
        self.status = format!("Compared with {name}: {}", diff.headline());
        self.compare_file =
            Some(super::compare_file::FileCompare { name, old, diff, rev: self.doc.content_rev() });
    }

    /// Reads findings files and matches them to the checklist; the project records which files
    /// and when (one undo step). A bad file keeps what was loaded and says why.
    pub fn load_findings(&mut self, paths: &[PathBuf]) {
        match self.findings.load(paths) {
            Ok(()) => {
                let record = super::findings::Findings::record(paths, self.doc.path());
                let when = Some(super::findings::Findings::now());
                self.doc.apply(vec![Edit::SetFindings(record, when)], true);
                let n: usize = self.findings.files.iter().map(|f| f.findings.len()).sum();
                self.status = format!("Loaded {n} finding(s) from {} file(s)", paths.len());
            }
            Err(e) => self.show_dialog(Dialog::Error {
                title: "Could not read the findings".into(),
                message: e.to_string(),
            }),
        }
    }

    /// Asks for infrastructure code files and imports them: as a new project, or into this one.
    fn import_dialog(&mut self, ctx: &egui::Context, into: bool) {
        let dir = self.dialog_dir();
        let paths = self.dialogs.open_code_files(dir.as_deref());
        if paths.is_empty() {
            return;
        }
        if let Some(d) = paths[0].parent().filter(|d| !d.as_os_str().is_empty()) {
            self.settings.last_dir = Some(d.to_path_buf());
        }
        self.import_paths(ctx, &paths, into);
    }

    /// Imports files: a new untitled project whose one undo step is the import, or (with
    /// `into`) merged into the open project as one undo step. The summary is shown after.
    pub fn import_paths(&mut self, ctx: &egui::Context, paths: &[PathBuf], into: bool) {
        let result = paths
            .iter()
            .map(|p| crate::import::InputFile::read(p))
            .collect::<Result<Vec<_>, _>>()
            .and_then(|inputs| crate::import::import(&self.catalog, &inputs));
        let fresh = match result {
            Ok(f) => f,
            Err(e) => {
                self.show_dialog(Dialog::Error { title: "Could not import".into(), message: e.to_string() });
                return;
            }
        };
        let imported = if into {
            crate::import::merge::merge(self.doc.project(), fresh)
        } else {
            self.set_project(Project::default(), None);
            fresh
        };
        let gone = imported.summary.gone.iter().map(|g| crate::project::ComponentId(g.id)).collect();
        let n = imported.summary.resources.len();
        self.doc.apply(vec![Edit::ReplaceProject(Box::new(imported.project))], true);
        self.canvas.zoom_to_fit();
        ctx.request_repaint();
        self.status = format!("Imported {n} resource(s) from {} file(s)", paths.len());
        self.show_dialog(Dialog::ImportSummary { summary: Box::new(imported.summary), gone });
    }

    fn show_dialog(&mut self, d: Dialog) {
        if self.dialog.is_none() {
            self.dialog = Some(d);
        } else {
            self.queued_dialogs.push(d);
        }
    }

    // ----- commands -----

    /// Runs a command as if chosen from the menu.
    pub fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        let guarded = matches!(
            command,
            Command::New
                | Command::Open
                | Command::OpenPath(_)
                | Command::OpenExample
                | Command::Quit
                | Command::ImportInfrastructure
        );
        if guarded && self.doc.is_dirty() {
            self.show_dialog(Dialog::Unsaved(command));
            return;
        }
        self.run_unguarded(ctx, command);
    }

    fn run_unguarded(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::New => self.set_project(Project::default(), None),
            Command::Open => {
                let dir = self.dialog_dir();
                if let Some(p) = self.dialogs.open_file(dir.as_deref()) {
                    if let Some(d) = p.parent().filter(|d| !d.as_os_str().is_empty()) {
                        self.settings.last_dir = Some(d.to_path_buf());
                    }
                    self.open_path(&p);
                }
            }
            Command::OpenPath(p) => {
                self.open_path(&p);
            }
            Command::OpenExample => self.set_project(example_project(), None),
            Command::Save => {
                self.save();
            }
            Command::SaveAs => {
                self.save_as();
            }
            Command::Export(f) => self.export(f),
            Command::ExportDiagram(f) => self.export_diagram(f),
            Command::ImportInfrastructure => self.import_dialog(ctx, false),
            Command::LoadFindings => {
                let dir = self.dialog_dir();
                let paths = self.dialogs.open_findings_files(dir.as_deref());
                if !paths.is_empty() {
                    self.load_findings(&paths);
                }
            }
            Command::ReloadFindings => {
                let p = self.doc.project();
                let paths = super::findings::Findings::recorded(&p.findings, self.doc.path());
                self.load_findings(&paths);
            }
            Command::ClearFindings => {
                self.findings.clear();
                self.status = "Findings cleared".into();
            }
            Command::CompareComponent(id) => self.compare = Some(super::compare::Compare::new(id)),
            Command::CompareWithFile => {
                let dir = self.dialog_dir();
                if let Some(p) = self.dialogs.open_file(dir.as_deref()) {
                    match load_file(&p) {
                        Ok(l) => self.start_comparing(display_name(&p), l.project),
                        Err(e) => self.show_dialog(Dialog::Error {
                            title: "Could not compare".into(),
                            message: e.to_string(),
                        }),
                    }
                }
            }
            Command::CompareWithSaved => {
                let saved = self.doc.saved().clone();
                self.start_comparing("the saved version".into(), saved);
            }
            Command::StopComparing => {
                self.compare_file = None;
                self.derived.set_marks(None);
            }
            Command::ImportInto => self.import_dialog(ctx, true),
            Command::Quit => {
                // Quitting after "Don't save" (or with nothing unsaved): no copy to offer later.
                if let Some(store) = &self.recovery
                    && let Err(e) = store.discard()
                {
                    eprintln!("srm-planner: {e}");
                }
                self.quit_requested = true;
                self.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            // The selection is pruned once the frame sees the new revision.
            Command::Undo => {
                self.doc.undo();
            }
            Command::Redo => {
                self.doc.redo();
            }
            Command::SelectAll => {
                self.view.selection.connection = None;
                self.view.selection.components = self.doc.project().components.iter().map(|c| c.id).collect();
            }
            Command::ClearSelection => self.view.selection.clear(),
            Command::Delete => {
                if let Some(k) = self.view.selection.connection {
                    self.doc.apply(vec![Edit::RemoveConnection(k)], true);
                } else {
                    let mut edits = Vec::new();
                    if !self.view.selection.components.is_empty() {
                        edits.push(Edit::RemoveComponents(self.view.selection.ids()));
                    }
                    if !self.view.selection.boundaries.is_empty() {
                        edits.push(Edit::RemoveBoundaries(
                            self.view.selection.boundaries.iter().copied().collect(),
                        ));
                    }
                    if !edits.is_empty() {
                        self.doc.apply(edits, true);
                    }
                }
                self.view.selection.clear();
            }
            Command::Copy => {
                if let Some(c) = Clip::copy(self.doc.project(), &self.view.selection.components) {
                    self.clip = Some(c);
                    self.pastes = 0;
                }
            }
            Command::Cut => {
                self.run_unguarded(ctx, Command::Copy);
                self.run_unguarded(ctx, Command::Delete);
            }
            Command::Paste => {
                if let Some(clip) = &self.clip {
                    self.pastes += 1;
                    let d = geom::GRID * 2.0 * self.pastes as f32;
                    let (cs, ks) = clip.instantiate(self.doc.project(), [d, d]);
                    self.insert(cs, ks);
                }
            }
            Command::Duplicate => {
                let selected = &self.view.selection.components;
                if let Some(clip) = Clip::copy_indexed(self.doc.project(), selected, &self.derived.index) {
                    let d = geom::GRID * 2.0;
                    let (cs, ks) = clip.instantiate(self.doc.project(), [d, d]);
                    self.insert(cs, ks);
                }
            }
            Command::ZoomToFit => self.canvas.zoom_to_fit(),
        }
    }

    fn insert(&mut self, cs: Vec<crate::project::Component>, ks: Vec<crate::project::Connection>) {
        let ids: Vec<_> = cs.iter().map(|c| c.id).collect();
        self.doc.apply(vec![Edit::Insert(cs, ks)], true);
        self.view.selection.clear();
        self.view.selection.components.extend(ids);
    }

    /// Drops selected components and connections that no longer exist. Call after refreshing
    /// `derived`, whose index it uses.
    fn prune_selection(&mut self) {
        let index = &self.derived.index;
        self.view.selection.components.retain(|id| index.contains_key(id));
        let project = self.doc.project();
        self.view.selection.boundaries.retain(|id| project.boundary(*id).is_some());
        if self.view.selection.connection.is_some_and(|k| k >= self.doc.project().connections.len()) {
            self.view.selection.connection = None;
        }
    }

    fn answer(&mut self, ctx: &egui::Context, answer: Answer) {
        let Some(dialog) = self.dialog.take() else { return };
        if let Dialog::Recover { .. } = dialog {
            self.answer_recovery(answer);
        }
        if let Dialog::ImportSummary { gone, .. } = &dialog
            && answer == Answer::RemoveGone
        {
            self.doc.apply(vec![Edit::RemoveComponents(gone.clone())], true);
            self.status = format!("Removed {} component(s) gone from the code", gone.len());
        }
        if let Dialog::Unsaved(cmd) = dialog {
            match answer {
                Answer::Save => {
                    if self.save() {
                        self.run_unguarded(ctx, cmd);
                    }
                }
                Answer::Discard => self.run_unguarded(ctx, cmd),
                Answer::Cancel | Answer::Close | Answer::Restore | Answer::RemoveGone => {}
            }
        }
        if self.dialog.is_none() && !self.queued_dialogs.is_empty() {
            self.dialog = Some(self.queued_dialogs.remove(0));
        }
    }

    // ----- the frame -----

    /// Lays out one frame. `eframe::App::ui` calls this; tests call it through kittest.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if self.applied_theme != Some(self.settings.theme) {
            ctx.set_theme(self.settings.theme.preference());
            self.applied_theme = Some(self.settings.theme);
        }
        self.refresh_derived(Some(&ctx));
        if self.screenshot.is_some() {
            // A screenshot shows the project's checklist as it is, not one being worked out.
            self.wait_until_up_to_date();
        }
        self.view.hover_item = None;
        let rev_before = self.doc.rev();

        let mut commands = if self.dialog.is_none() { commands::from_keyboard(&ctx) } else { Vec::new() };
        let mut edits: Vec<Edit> = Vec::new();

        let mut show_about = false;
        let title = self.title();
        Panel::top("srm-menu").show(ui, |ui| {
            let state = menu::MenuState {
                can_undo: self.doc.can_undo(),
                can_redo: self.doc.can_redo(),
                has_selection: !self.view.selection.is_empty(),
                can_paste: self.clip.is_some(),
                settings: &mut self.settings,
                lens: &mut self.view.lens,
                show_about: &mut show_about,
                title,
                has_findings_record: !self.doc.project().findings.is_empty(),
                findings_loaded: !self.findings.files.is_empty(),
            };
            commands.extend(menu::show(ui, state));
        });
        if show_about {
            self.show_dialog(Dialog::About);
        }
        self.status_bar(ui);

        if self.settings.show_bottom && (self.settings.show_matrix || self.settings.show_checklist) {
            let mut open = true;
            Panel::bottom("srm-bottom")
                .resizable(true)
                .default_size(300.0)
                .size_range(120.0..=900.0)
                .show_collapsible(ui, &mut open, |ui| {
                    self.bottom(ui, &mut edits);
                });
            self.settings.show_bottom = open;
        }
        if self.settings.show_palette {
            let mut open = true;
            Panel::left("srm-palette")
                .resizable(true)
                .default_size(230.0)
                .size_range(160.0..=420.0)
                .show_collapsible(ui, &mut open, |ui| {
                    ui.heading("Services");
                    match palette::show(ui, &self.catalog, &mut self.view.palette_query) {
                        Some(PaletteAction::AddAtCenter(id)) => {
                            let at =
                                geom::free_spot(self.doc.project(), geom::snap(self.canvas.view_center()));
                            let c = new_component(self.doc.project(), &id, at);
                            let cid = c.id;
                            edits.push(Edit::AddComponent(c));
                            self.view.selection.only(cid);
                        }
                        Some(PaletteAction::AddBoundaryAtCenter(kind)) => {
                            let size = crate::gui::canvas::boundaries::default_size(kind);
                            let at = self.canvas.view_center() - size * 0.5 + egui::Vec2::new(24.0, 14.0);
                            let r = crate::gui::canvas::new_boundary_rect(kind, at, self.settings.snap);
                            let b = crate::gui::canvas::new_boundary(self.doc.project(), kind, r);
                            self.view.selection.only_boundary(b.id);
                            let add = Edit::AddBoundary(b.clone());
                            let refit = crate::gui::canvas::refit_after(
                                self.doc.project(),
                                std::slice::from_ref(&add),
                                &[],
                                &[b.id],
                                &[b.rect],
                            );
                            edits.push(add);
                            edits.extend(refit);
                        }
                        None => {}
                    }
                });
            self.settings.show_palette = open;
        }
        if self.settings.show_inspector {
            let mut open = true;
            Panel::right("srm-inspector")
                .resizable(true)
                .default_size(340.0)
                .size_range(240.0..=600.0)
                .show_collapsible(ui, &mut open, |ui| {
                    ui.heading("Inspector");
                    let out =
                        inspector::show(ui, &self.catalog, self.doc.project(), &self.derived, &mut self.view);
                    edits.extend(out.edits);
                    commands.extend(out.commands);
                });
            self.settings.show_inspector = open;
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let out = self.canvas.show(
                ui,
                &self.catalog,
                self.doc.project(),
                &self.derived,
                &mut self.view,
                &self.settings,
            );
            edits.extend(out.edits);
            commands.extend(out.commands);
            if let Some(sel) = out.select {
                self.view.selection.clear();
                self.view.selection.components.extend(sel);
            }
        });

        // Apply every edit in one place: dirty flag and undo are handled by the document.
        let settled = !ctx.text_edit_focused() && !ctx.input(|i| i.pointer.any_down());
        if !edits.is_empty() {
            self.doc.apply(edits, settled);
        }
        self.doc.settle(settled);
        for c in commands {
            self.run_command(&ctx, c);
        }
        if let Some(state) = &mut self.compare {
            let (more, open) = super::compare::window(
                &ctx,
                &self.catalog,
                self.doc.project(),
                self.doc.content_rev(),
                state,
            );
            if !open {
                self.compare = None;
            }
            if !more.is_empty() {
                self.doc.apply(more, true);
            }
        }
        if let Some(cmp) = &self.compare_file
            && !super::compare_file::window(&ctx, cmp)
        {
            self.compare_file = None;
            self.derived.set_marks(None);
        }
        if self.doc.rev() != rev_before {
            self.refresh_derived(Some(&ctx));
            self.prune_selection();
            ctx.request_repaint();
        }

        if let Some(d) = &self.dialog
            && let Some(a) = modals::show(&ctx, d)
        {
            self.answer(&ctx, a);
        }
        self.window_title_and_close(&ctx);
        self.autosave(&ctx);
        if let Some(job) = &mut self.screenshot {
            job.tick(&ctx);
        }
    }

    fn bottom(&mut self, ui: &mut Ui, edits: &mut Vec<Edit>) {
        let both = self.settings.show_matrix && self.settings.show_checklist;
        if both {
            let matrix_w = (matrix::width() + 16.0).min(ui.available_width() * 0.55);
            ui.horizontal_top(|ui| {
                let h = ui.available_height();
                ui.allocate_ui_with_layout(
                    egui::vec2(matrix_w, h),
                    egui::Layout::top_down(egui::Align::Min),
                    |ui| {
                        ui.set_min_size(egui::vec2(matrix_w, h));
                        ui.strong("Responsibility matrix");
                        matrix::show(ui, &self.catalog, self.doc.project(), &self.derived, &mut self.view);
                    },
                );
                ui.separator();
                ui.vertical(|ui| {
                    ui.strong("Checklist");
                    edits.extend(checklist_panel::show(
                        ui,
                        &self.catalog,
                        self.doc.project(),
                        &self.derived,
                        &mut self.view,
                    ));
                });
            });
        } else if self.settings.show_matrix {
            ui.strong("Responsibility matrix");
            matrix::show(ui, &self.catalog, self.doc.project(), &self.derived, &mut self.view);
        } else {
            ui.strong("Checklist");
            edits.extend(checklist_panel::show(
                ui,
                &self.catalog,
                self.doc.project(),
                &self.derived,
                &mut self.view,
            ));
        }
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        Panel::bottom("srm-status").resizable(false).show(ui, |ui| {
            ui.horizontal(|ui| {
                let sel = &self.view.selection;
                let p = self.doc.project();
                ui.label(format!("{} components · {} connections", p.components.len(), p.connections.len()));
                ui.separator();
                if let Some(k) = sel.connection {
                    ui.label(format!("Connection {} selected", k + 1));
                } else if !sel.components.is_empty() {
                    ui.label(format!("{} selected", sel.components.len()));
                } else {
                    ui.weak("Nothing selected");
                }
                ui.separator();
                ui.label(format!("Zoom {:.0}%", self.canvas.zoom() * 100.0));
                ui.separator();
                if !self.derived.is_current(self.doc.content_rev()) {
                    ui.spinner();
                    ui.label("Updating the checklist…").on_hover_text(
                        "The stacks and checklist are being worked out for the latest change; \
                         what shows is from the one before.",
                    );
                    ui.separator();
                }
                match self.view.lens {
                    Some(l) => {
                        ui.label(format!("Lens: {} — highlighted where you own it", l.title()));
                        if ui.small_button("Clear lens").clicked() {
                            self.view.lens = None;
                        }
                    }
                    None => {
                        ui.weak("Lens off (click a matrix column or a stack band)");
                    }
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.add(egui::Label::new(egui::RichText::new(&self.status).weak()).truncate());
                });
            });
        });
    }

    fn window_title_and_close(&mut self, ctx: &egui::Context) {
        let title = self.title();
        if title != self.sent_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.sent_title = title;
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.screenshot.is_none() {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                if !matches!(self.dialog, Some(Dialog::Unsaved(Command::Quit))) {
                    self.show_dialog(Dialog::Unsaved(Command::Quit));
                }
            } else {
                self.quit_requested = true;
            }
        }
    }
}

impl eframe::App for SrmApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        SrmApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_none() {
            self.settings.last_project = self.doc.path().map(Path::to_path_buf);
            eframe::set_value(storage, STORAGE_KEY, &self.settings);
        }
    }

    fn persist_egui_memory(&self) -> bool {
        self.screenshot.is_none()
    }
}

/// When a recovery copy was made, in local time (UTC if the offset is unknown) and how long ago.
fn describe_time(made: SystemTime, now: SystemTime) -> String {
    let at = time::OffsetDateTime::from(made);
    let at = time::UtcOffset::current_local_offset().map_or(at, |o| at.to_offset(o));
    let format = time::macros::format_description!(
        "[year]-[month]-[day] [hour]:[minute] (UTC[offset_hour sign:mandatory]:[offset_minute])"
    );
    let when = at.format(&format).unwrap_or_else(|_| at.to_string());
    let ago = now.duration_since(made).unwrap_or_default().as_secs();
    let ago = match ago {
        0..60 => "just now".to_string(),
        60..3600 => format!("{} min ago", ago / 60),
        3600..86_400 => format!("{} h ago", ago / 3600),
        _ => format!("{} days ago", ago / 86_400),
    };
    format!("{when}, {ago}")
}

/// A load error as the user sees it: the message and where (line:column).
pub fn load_error_text(e: &LoadError) -> String {
    match (e.line, e.column) {
        (Some(l), Some(c)) => format!("{}\n\nLine {l}, column {c}: {}", e.file, e.message),
        (Some(l), None) => format!("{}\n\nLine {l}: {}", e.file, e.message),
        _ => format!("{}\n\n{}", e.file, e.message),
    }
}

fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// A file-name-friendly version of a project name.
pub fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() { "project".into() } else { s }
}

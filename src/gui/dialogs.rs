//! The file-dialog seam: the app asks a [`FileDialogs`] for paths, so tests can answer without
//! ever opening a native dialog. [`NativeDialogs`] uses rfd.

use std::path::{Path, PathBuf};

/// A file type offered by a save dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileKind {
    /// Human name ("Project").
    pub name: &'static str,
    /// Extension without the dot ("ron").
    pub ext: &'static str,
}

/// Project files.
pub const PROJECT: FileKind = FileKind { name: "SRM project", ext: "ron" };

/// Asks the user for file paths.
pub trait FileDialogs {
    /// A file to open, starting in `dir`; `None` when cancelled.
    fn open_file(&mut self, dir: Option<&Path>) -> Option<PathBuf>;
    /// A path to save to, starting in `dir` with `file_name` proposed; `None` when cancelled.
    fn save_file(&mut self, dir: Option<&Path>, file_name: &str, kind: FileKind) -> Option<PathBuf>;
    /// Infrastructure code files to import (several at once); empty when cancelled.
    fn open_code_files(&mut self, dir: Option<&Path>) -> Vec<PathBuf>;
    /// Scanner findings files (several at once); empty when cancelled.
    fn open_findings_files(&mut self, dir: Option<&Path>) -> Vec<PathBuf>;
}

/// Extensions offered for infrastructure code.
pub const CODE_EXTENSIONS: &[&str] = &["json", "yaml", "yml", "template", "tfplan.json"];

/// Native dialogs (rfd).
#[derive(Debug, Default)]
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn open_file(&mut self, dir: Option<&Path>) -> Option<PathBuf> {
        let mut d = rfd::FileDialog::new().set_title("Open project").add_filter(PROJECT.name, &[PROJECT.ext]);
        if let Some(dir) = dir {
            d = d.set_directory(dir);
        }
        d.pick_file()
    }

    fn save_file(&mut self, dir: Option<&Path>, file_name: &str, kind: FileKind) -> Option<PathBuf> {
        let mut d = rfd::FileDialog::new()
            .set_title(format!("Save {}", kind.name))
            .set_file_name(file_name)
            .add_filter(kind.name, &[kind.ext]);
        if let Some(dir) = dir {
            d = d.set_directory(dir);
        }
        d.save_file().map(|p| with_extension(p, kind.ext))
    }

    fn open_code_files(&mut self, dir: Option<&Path>) -> Vec<PathBuf> {
        let mut d = rfd::FileDialog::new()
            .set_title("Import infrastructure code")
            .add_filter("CloudFormation, SAM or terraform show -json", CODE_EXTENSIONS)
            .add_filter("All files", &["*"]);
        if let Some(dir) = dir {
            d = d.set_directory(dir);
        }
        d.pick_files().unwrap_or_default()
    }

    fn open_findings_files(&mut self, dir: Option<&Path>) -> Vec<PathBuf> {
        let mut d = rfd::FileDialog::new()
            .set_title("Load scanner findings")
            .add_filter("Checkov, Prowler OCSF or Security Hub JSON", &["json"])
            .add_filter("All files", &["*"]);
        if let Some(dir) = dir {
            d = d.set_directory(dir);
        }
        d.pick_files().unwrap_or_default()
    }
}

/// Adds `.ext` when the user typed a name without it.
pub fn with_extension(path: PathBuf, ext: &str) -> PathBuf {
    if path.extension().is_some() { path } else { path.with_extension(ext) }
}

/// Dialogs that answer from a script: for tests and for `--screenshot` (never opens a window).
#[derive(Debug, Default)]
pub struct ScriptedDialogs {
    /// Answers to the next open dialogs, in order (`None`: the user cancels).
    pub open_answers: std::collections::VecDeque<Option<PathBuf>>,
    /// Answers to the next save dialogs, in order.
    pub save_answers: std::collections::VecDeque<Option<PathBuf>>,
    /// The folder each dialog was asked to start in, in order.
    pub asked_dirs: Vec<Option<PathBuf>>,
    /// Answers to the next import dialogs (empty: cancelled).
    pub import_answers: std::collections::VecDeque<Vec<PathBuf>>,
    /// Answers to the next findings dialogs (empty: cancelled).
    pub findings_answers: std::collections::VecDeque<Vec<PathBuf>>,
}

impl FileDialogs for ScriptedDialogs {
    fn open_file(&mut self, dir: Option<&Path>) -> Option<PathBuf> {
        self.asked_dirs.push(dir.map(Path::to_path_buf));
        self.open_answers.pop_front().flatten()
    }

    fn save_file(&mut self, dir: Option<&Path>, _file_name: &str, kind: FileKind) -> Option<PathBuf> {
        self.asked_dirs.push(dir.map(Path::to_path_buf));
        self.save_answers.pop_front().flatten().map(|p| with_extension(p, kind.ext))
    }

    fn open_code_files(&mut self, dir: Option<&Path>) -> Vec<PathBuf> {
        self.asked_dirs.push(dir.map(Path::to_path_buf));
        self.import_answers.pop_front().unwrap_or_default()
    }

    fn open_findings_files(&mut self, dir: Option<&Path>) -> Vec<PathBuf> {
        self.asked_dirs.push(dir.map(Path::to_path_buf));
        self.findings_answers.pop_front().unwrap_or_default()
    }
}

/// Shares a [`ScriptedDialogs`] between a test and the app it drives.
impl FileDialogs for std::sync::Arc<std::sync::Mutex<ScriptedDialogs>> {
    fn open_file(&mut self, dir: Option<&Path>) -> Option<PathBuf> {
        self.lock().expect("dialog script lock").open_file(dir)
    }

    fn save_file(&mut self, dir: Option<&Path>, file_name: &str, kind: FileKind) -> Option<PathBuf> {
        self.lock().expect("dialog script lock").save_file(dir, file_name, kind)
    }

    fn open_code_files(&mut self, dir: Option<&Path>) -> Vec<PathBuf> {
        self.lock().expect("dialog script lock").open_code_files(dir)
    }

    fn open_findings_files(&mut self, dir: Option<&Path>) -> Vec<PathBuf> {
        self.lock().expect("dialog script lock").open_findings_files(dir)
    }
}

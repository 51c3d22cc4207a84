//! Settings kept between runs through eframe persistence: recent files, the last folder and
//! project, theme, grid and which panels are open. (Panel sizes persist in egui's memory.)

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The key under which settings are stored.
pub const STORAGE_KEY: &str = "srm-planner-settings";

/// How many recent files are remembered.
pub const MAX_RECENT: usize = 10;

/// Light, dark or follow the system.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    /// Dark.
    Dark,
    /// Light.
    Light,
}

impl ThemeChoice {
    /// The egui preference.
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
            ThemeChoice::Light => egui::ThemePreference::Light,
        }
    }
}

/// Persisted settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
    /// The folder of the last file dialog.
    pub last_dir: Option<PathBuf>,
    /// The project open when the app was last closed.
    pub last_project: Option<PathBuf>,
    /// Theme.
    pub theme: ThemeChoice,
    /// Draw the canvas grid.
    pub show_grid: bool,
    /// Snap moved nodes to the grid.
    pub snap: bool,
    /// Palette panel open.
    pub show_palette: bool,
    /// Inspector panel open.
    pub show_inspector: bool,
    /// Bottom panel open.
    pub show_bottom: bool,
    /// Matrix shown in the bottom panel.
    pub show_matrix: bool,
    /// Checklist shown in the bottom panel.
    pub show_checklist: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            recent: Vec::new(),
            last_dir: None,
            last_project: None,
            theme: ThemeChoice::System,
            show_grid: true,
            snap: true,
            show_palette: true,
            show_inspector: true,
            show_bottom: true,
            show_matrix: true,
            show_checklist: true,
        }
    }
}

impl Settings {
    /// Puts `path` first in the recent list and remembers its folder.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            self.last_dir = Some(dir.to_path_buf());
        }
        self.last_project = Some(path.to_path_buf());
    }

    /// Where the next file dialog starts: the last folder used, else `saved/` when run from the
    /// repository, else nowhere in particular.
    pub fn dialog_dir(&self) -> Option<PathBuf> {
        if let Some(d) = self.last_dir.as_ref().filter(|d| d.is_dir()) {
            return Some(d.clone());
        }
        repo_saved_dir()
    }
}

/// The repository's `saved/` folder, when the app runs from a checkout.
pub fn repo_saved_dir() -> Option<PathBuf> {
    let here = Path::new("saved");
    if here.is_dir() && Path::new("Cargo.toml").is_file() {
        return std::fs::canonicalize(here).ok();
    }
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("saved");
    built.is_dir().then_some(built)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_unique_newest_first_and_bounded() {
        let mut s = Settings::default();
        for i in 0..12 {
            s.remember(Path::new(&format!("/tmp/p{i}.ron")));
        }
        s.remember(Path::new("/tmp/p5.ron"));
        assert_eq!(s.recent.len(), MAX_RECENT);
        assert_eq!(s.recent[0], Path::new("/tmp/p5.ron"));
        assert_eq!(s.recent.iter().filter(|p| p.ends_with("p5.ron")).count(), 1);
        assert_eq!(s.last_dir.as_deref(), Some(Path::new("/tmp")));
    }
}

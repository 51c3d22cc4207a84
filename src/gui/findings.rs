//! Scanner findings in the app: the files loaded (held in memory, never in the project), what
//! the project records of them (their paths relative to the project file and when they were
//! read), and reading them again.

use crate::evidence::{self, EvidenceError, FindingsFile};
use std::path::{Path, PathBuf};

/// The findings loaded in this session.
#[derive(Debug, Default)]
pub struct Findings {
    /// The files read, in order.
    pub files: Vec<FindingsFile>,
    /// Set when the files change, so the evidence is matched again.
    pub changed: bool,
}

impl Findings {
    /// Reads `paths` (all or none: the first bad file is the error).
    pub fn load(&mut self, paths: &[PathBuf]) -> Result<(), EvidenceError> {
        let files = paths.iter().map(|p| evidence::read_path(p)).collect::<Result<Vec<_>, _>>()?;
        self.files = files;
        self.changed = true;
        Ok(())
    }

    /// Forgets them.
    pub fn clear(&mut self) {
        self.files.clear();
        self.changed = true;
    }

    /// The files as the project records them: relative to the project's folder when it has one
    /// and they are inside it, else as given.
    pub fn record(paths: &[PathBuf], project_file: Option<&Path>) -> Vec<String> {
        let base = project_file.and_then(Path::parent).filter(|d| !d.as_os_str().is_empty());
        paths
            .iter()
            .map(|p| {
                let rel = base.and_then(|b| p.strip_prefix(b).ok()).unwrap_or(p);
                rel.to_string_lossy().replace('\\', "/")
            })
            .collect()
    }

    /// The recorded files as paths to read, relative to the project's folder.
    pub fn recorded(files: &[String], project_file: Option<&Path>) -> Vec<PathBuf> {
        let base = project_file.and_then(Path::parent).map(Path::to_path_buf).unwrap_or_default();
        files.iter().map(|f| base.join(f)).collect()
    }

    /// Now, in UTC, as RFC 3339 (`2026-12-01T12:40:00Z`).
    pub fn now() -> String {
        let now = time::OffsetDateTime::now_utc();
        let now = now.replace_nanosecond(0).unwrap_or(now);
        now.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_paths_are_relative_to_the_project() {
        let rec = Findings::record(
            &[PathBuf::from("/a/b/scan/checkov.json"), PathBuf::from("/x/y.json")],
            Some(Path::new("/a/b/shop.ron")),
        );
        assert_eq!(rec, vec!["scan/checkov.json".to_string(), "/x/y.json".to_string()]);
        assert_eq!(
            Findings::recorded(&rec[..1], Some(Path::new("/a/b/shop.ron"))),
            vec![PathBuf::from("/a/b/scan/checkov.json")]
        );
    }
}

//! Parsing catalog files: the embedded ones once per process, and user files on request.

use super::{Catalog, CatalogFile, Origin, builtin};
use crate::error::LoadError;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Largest user catalog file we read (bytes).
const MAX_USER_FILE: u64 = 16 * 1024 * 1024;

/// Where the app looks for user catalog files, in words for the README and `--help`.
pub const USER_CATALOG_DIR_NOTE: &str = "every *.ron file in the `catalog` folder of the app's \
config directory (Linux: ~/.config/srm-planner/catalog, macOS: ~/Library/Application Support/\
srm-planner/catalog, Windows: %APPDATA%\\srm-planner\\config\\catalog)";

/// The folder of user catalog files, when the platform has a config directory.
pub fn user_catalog_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "srm-planner").map(|d| d.config_dir().join("catalog"))
}

fn ron_options() -> ron::Options {
    // `implicit_some` lets catalog authors write `aws_part: "opt-in"` rather than `Some("opt-in")`.
    ron::Options::default()
        .with_recursion_limit(64)
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

impl CatalogFile {
    /// Parses one catalog file; `name` is used in error messages.
    pub fn parse(name: &str, text: &str) -> Result<CatalogFile, LoadError> {
        ron_options().from_str(text).map_err(|e| LoadError::from_ron(name, &e))
    }
}

impl Catalog {
    /// The built-in catalog, parsed on first use and shared afterwards.
    ///
    /// The embedded files are checked by `cargo test`; a broken one is a build defect, so this
    /// panics with the file and position rather than running with half a catalog.
    pub fn builtin() -> &'static Catalog {
        static BUILTIN: OnceLock<Catalog> = OnceLock::new();
        BUILTIN.get_or_init(|| match Catalog::load_builtin() {
            Ok(c) => c,
            Err(e) => panic!("built-in catalog is broken: {e}"),
        })
    }

    /// Parses the embedded files afresh.
    pub fn load_builtin() -> Result<Catalog, LoadError> {
        let mut cat = Catalog::default();
        for (name, text) in builtin::FILES {
            let file = CatalogFile::parse(&format!("assets/catalog/{name}"), text)?;
            cat.merge(file, Origin::BuiltIn(name));
        }
        Ok(cat)
    }

    /// Adds one user catalog from text; on error the catalog is unchanged.
    pub fn add_user_text(&mut self, name: &str, text: &str) -> Result<(), LoadError> {
        let file = CatalogFile::parse(name, text)?;
        self.merge(file, Origin::User(name.to_string()));
        Ok(())
    }

    /// Adds one user catalog file; on error the catalog is unchanged.
    pub fn add_user_file(&mut self, path: &Path) -> Result<(), LoadError> {
        let name = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(|e| LoadError::whole_file(&name, e.to_string()))?;
        if meta.len() > MAX_USER_FILE {
            return Err(LoadError::whole_file(
                &name,
                format!("file is {} bytes; catalogs are limited to {MAX_USER_FILE}", meta.len()),
            ));
        }
        let text = std::fs::read_to_string(path).map_err(|e| LoadError::whole_file(&name, e.to_string()))?;
        self.add_user_text(&name, &text)
    }

    /// The built-in catalog plus the given user files (each error is returned; a bad file is
    /// skipped and never blocks the others or the built-in catalog).
    pub fn with_user_files(paths: &[PathBuf]) -> (Catalog, Vec<LoadError>) {
        let mut cat = Catalog::builtin().clone();
        let mut errors = Vec::new();
        for p in paths {
            if let Err(e) = cat.add_user_file(p) {
                errors.push(e);
            }
        }
        (cat, errors)
    }

    /// The user catalog files in [`user_catalog_dir`], sorted by name (none if it is absent).
    pub fn user_dir_files() -> Vec<PathBuf> {
        let Some(dir) = user_catalog_dir() else { return Vec::new() };
        let Ok(read) = std::fs::read_dir(&dir) else { return Vec::new() };
        let mut files: Vec<PathBuf> = read
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
        files.sort();
        files
    }
}

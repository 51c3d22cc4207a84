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

    /// Adds one user catalog from text, held to the catalog's rules (see
    /// [`add_user_text_checked`](Self::add_user_text_checked)); the first problem is returned.
    /// A file that does not parse leaves the catalog unchanged; otherwise the services that
    /// follow the rules are added even when another is refused.
    pub fn add_user_text(&mut self, name: &str, text: &str) -> Result<(), LoadError> {
        match self.add_user_text_checked(name, text).into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Adds one user catalog from text and returns every problem, each with file, line and
    /// column. A file that does not parse is refused whole. Otherwise each service is checked
    /// by the lint's own rules ([`lint`](super::lint) on that service), and against the rest:
    /// its id must not repeat an earlier service of the same file, and its to-do ids must not
    /// repeat one in the file or belong to another service or list of the catalog (progress is
    /// saved by to-do id, so a clash would merge two items). A service that breaks a rule is
    /// refused, and the catalog's service of that id (the built-in one, say) is kept. Account
    /// and architecture to-dos are checked the same way, one by one.
    pub fn add_user_text_checked(&mut self, name: &str, text: &str) -> Vec<LoadError> {
        let text = crate::position::strip_bom(text);
        let mut file = match CatalogFile::parse(name, text) {
            Ok(f) => f,
            Err(mut e) => {
                e.message = format!("catalog file skipped: {}", e.message);
                return vec![e];
            }
        };
        let mut errors = Vec::new();
        // Where each service and to-do sits; only looked for when something is wrong.
        let mut spans: Option<Vec<Vec<crate::position::Span>>> = None;
        let mut at = |list: usize, index: usize, todo: Option<&str>| -> usize {
            let spans = spans.get_or_insert_with(|| {
                crate::position::list_spans(text, &ron_options(), &["services", "account", "architecture"])
                    .unwrap_or_default()
            });
            match spans.get(list).and_then(|l| l.get(index)) {
                Some(span) => todo.map_or(span.start, |id| span.find(text, &format!("\"{id}\""))),
                None => 0,
            }
        };
        // The compliance rules look across the catalog (a to-do's controls must be described,
        // in this file or the catalog, and fit its variants): check the file's services as
        // they would sit in the catalog, with the file's controls and framework versions.
        let mut compliance: std::collections::HashMap<String, Vec<super::LintIssue>> = Default::default();
        if file.services.iter().any(|s| !s.todos.is_empty()) {
            let mut trial = self.clone();
            trial.merge(file.clone(), Origin::User(name.to_string()));
            let ids: std::collections::BTreeSet<&str> = file.services.iter().map(|s| s.id.as_str()).collect();
            let file_services = ids.into_iter().filter_map(|id| trial.service(id));
            for issue in super::lint_compliance::service_issues(&trial, file_services) {
                if let Some(id) = issue.place.strip_prefix("service `").and_then(|r| r.split('`').next()) {
                    compliance.entry(id.to_string()).or_default().push(issue);
                }
            }
        }
        let mut service_ids: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut todo_ids: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut accepted = Vec::new();
        for (i, svc) in std::mem::take(&mut file.services).into_iter().enumerate() {
            let mut problems: Vec<(Option<String>, String)> = super::lint::service_issues(&svc)
                .into_iter()
                .chain(compliance.remove(&svc.id).unwrap_or_default())
                .map(|issue| (issue.todo.clone(), issue.to_string()))
                .collect();
            let duplicate = service_ids.get(&svc.id).copied();
            if let Some(first) = duplicate {
                let (line, _) = crate::position::line_col(text, at(0, first, None));
                problems.push((
                    None,
                    format!("service id `{}` is defined twice in this file (first on line {line})", svc.id),
                ));
            }
            let mut own = std::collections::HashSet::new();
            // A second definition is refused as such; its to-dos clash with the first's by design.
            for t in svc.todos.iter().filter(|_| duplicate.is_none()) {
                let clash = if !own.insert(t.id.as_str()) {
                    Some("is used twice in this service".to_string())
                } else if todo_ids.contains(&t.id) {
                    Some("is used by another service of this file".to_string())
                } else {
                    self.todo_owner(&t.id)
                        .filter(|owner| *owner != format!("service `{}`", svc.id))
                        .map(|owner| format!("is already used by {owner}"))
                };
                if let Some(why) = clash {
                    problems.push((
                        Some(t.id.clone()),
                        format!(
                            "to-do id `{}` {why}; progress is saved by to-do id, so the two would share it",
                            t.id
                        ),
                    ));
                }
            }
            if problems.is_empty() {
                service_ids.insert(svc.id.clone(), i);
                todo_ids.extend(svc.todos.iter().map(|t| t.id.clone()));
                accepted.push(svc);
                continue;
            }
            let kept = match self.origin(&svc.id) {
                Some(Origin::BuiltIn(_)) => "; the built-in one is kept".to_string(),
                Some(Origin::User(f)) => format!("; the one from {f} is kept"),
                None => String::new(),
            };
            for (todo, message) in problems {
                let offset = at(0, i, todo.as_deref());
                errors.push(LoadError::at(
                    name,
                    text,
                    offset,
                    format!("service `{}` refused{kept}: {message}", svc.id),
                ));
            }
        }
        file.services = accepted;
        for (list, prefix) in [(1, "account"), (2, "architecture")] {
            let todos = match list {
                1 => std::mem::take(&mut file.account),
                _ => file.architecture.as_mut().map(|a| std::mem::take(&mut a.todos)).unwrap_or_default(),
            };
            let mut keep = Vec::new();
            for (i, t) in todos.into_iter().enumerate() {
                let mut problems: Vec<String> =
                    super::lint::todo_issues(prefix, &t, prefix).into_iter().map(|x| x.to_string()).collect();
                if !todo_ids.insert(t.id.clone()) {
                    problems.push(format!("to-do id `{}` is used twice in this file", t.id));
                }
                let id = t.id.clone();
                if problems.is_empty() {
                    keep.push(t);
                }
                for message in problems {
                    // Account and architecture lists hold to-dos directly: the span is the to-do.
                    let offset = at(list, i, None);
                    errors.push(LoadError::at(
                        name,
                        text,
                        offset,
                        format!("{prefix} to-do `{id}` refused: {message}"),
                    ));
                }
            }
            match list {
                1 => file.account = keep,
                _ => {
                    if let Some(a) = file.architecture.as_mut() {
                        a.todos = keep;
                    }
                }
            }
        }
        self.merge(file, Origin::User(name.to_string()));
        errors
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
        let bytes = std::fs::read(path).map_err(|e| LoadError::whole_file(&name, e.to_string()))?;
        let text = crate::error::utf8_text(&name, bytes)?;
        self.add_user_text(&name, &text)
    }

    /// [`add_user_file`](Self::add_user_file), returning every problem.
    pub fn add_user_file_checked(&mut self, path: &Path) -> Vec<LoadError> {
        let name = path.display().to_string();
        let read = || -> Result<String, LoadError> {
            let meta = std::fs::metadata(path).map_err(|e| LoadError::whole_file(&name, e.to_string()))?;
            if meta.len() > MAX_USER_FILE {
                return Err(LoadError::whole_file(
                    &name,
                    format!("file is {} bytes; catalogs are limited to {MAX_USER_FILE}", meta.len()),
                ));
            }
            let bytes = std::fs::read(path).map_err(|e| LoadError::whole_file(&name, e.to_string()))?;
            crate::error::utf8_text(&name, bytes)
        };
        match read() {
            Ok(text) => self.add_user_text_checked(&name, &text),
            Err(mut e) => {
                e.message = format!("catalog file skipped: {}", e.message);
                vec![e]
            }
        }
    }

    /// The built-in catalog plus the given user files (each error is returned; a bad file is
    /// skipped and never blocks the others or the built-in catalog).
    pub fn with_user_files(paths: &[PathBuf]) -> (Catalog, Vec<LoadError>) {
        let mut cat = Catalog::builtin().clone();
        let mut errors = Vec::new();
        for p in paths {
            errors.extend(cat.add_user_file_checked(p));
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

//! Reading and writing project files (RON, pretty-printed in a stable order so files diff well).

use super::Project;
use crate::error::LoadError;
use std::io::Write;
use std::path::Path;

/// The project file format this build writes.
pub const FORMAT_VERSION: u32 = 1;

/// Largest project file we read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How deep RON values may nest before a file is refused.
const MAX_NESTING: usize = 64;

/// A project read from disk.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The project.
    pub project: Project,
}

/// Parses a project from RON text; `file` names it in errors.
pub fn from_ron_str(text: &str, file: &str) -> Result<Project, LoadError> {
    let opts = ron::Options::default().with_recursion_limit(MAX_NESTING);
    let project: Project = opts.from_str(text).map_err(|e| LoadError::from_ron(file, &e))?;
    if project.format > FORMAT_VERSION {
        return Err(LoadError::whole_file(
            file,
            format!(
                "this file uses project format {} but this version of srm-planner reads up to \
                 format {FORMAT_VERSION}; open it with a newer srm-planner",
                project.format
            ),
        ));
    }
    if project.format == 0 {
        return Err(LoadError::whole_file(file, "project format 0 does not exist; expected `format: 1`"));
    }
    Ok(project)
}

/// The project as pretty RON text: fields in declaration order, to-dos sorted by id.
pub fn to_ron_string(project: &Project) -> String {
    let cfg = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    let mut text = ron::ser::to_string_pretty(project, cfg).expect("a project always serialises");
    text.push('\n');
    text
}

/// Reads a project file, refusing files over [`MAX_FILE_BYTES`].
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| LoadError::whole_file(&name, e.to_string()))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::whole_file(
            &name,
            format!(
                "file is {} MiB; project files are limited to {} MiB",
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| LoadError::whole_file(&name, e.to_string()))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| LoadError::whole_file(&name, format!("file is not UTF-8 text ({e})")))?;
    Ok(Loaded { project: from_ron_str(&text, &name)? })
}

/// Saves atomically: writes a temporary file beside the target, syncs it, keeps the previous
/// version as `NAME.bak`, then renames the new file over the target. On any error the old file
/// is left as it was.
pub fn save_file(path: &Path, project: &Project) -> std::io::Result<()> {
    let text = to_ron_string(project);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "no file name"))?
        .to_string_lossy()
        .into_owned();
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        drop(f);
        if path.exists() {
            let bak = dir.join(format!("{file_name}.bak"));
            // A hard link keeps the old file in place until the rename; fall back to a copy.
            let _ = std::fs::remove_file(&bak);
            if std::fs::hard_link(path, &bak).is_err() {
                std::fs::copy(path, &bak)?;
            }
        }
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

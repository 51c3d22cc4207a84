//! Reading and writing project files (RON, pretty-printed in a stable order so files diff well).
//!
//! Reading treats every file as untrusted: at most [`MAX_FILE_BYTES`], nesting at most
//! [`MAX_NESTING`] deep, every error with file and line:column, newer formats refused, older
//! ones migrated ([`super::migrate`]), unknown fields kept ([`super::unknown`]) and
//! inconsistencies repaired and reported ([`super::repair`]).
//!
//! Writing is atomic: a temporary file beside the target, flushed and synced, then renamed over
//! it, with the previous version kept as `NAME.bak` (for `shop.ron`: `shop.ron.bak`).

use super::migrate::{self, READ_DIRECTLY_FROM, STEPS, Step};
use super::repair::{Locus, repair_located};
use super::unknown::{self, WithUnknown};
use super::{Problem, Project};
use crate::error::LoadError;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The project file format this build writes.
pub const FORMAT_VERSION: u32 = 2;

/// Largest project file we read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How deep RON values may nest before a file is refused.
pub const MAX_NESTING: usize = 64;

/// A project read from disk.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The project, repaired.
    pub project: Project,
    /// What the load repaired (duplicate ids, dangling connections, non-finite positions), in
    /// file order; each is an error in the file. Empty for a clean file.
    pub repairs: Vec<Problem>,
    /// The format the file had, when it was older and was migrated.
    pub migrated_from: Option<u32>,
}

/// Parses a project from RON text; `file` names it in errors. Repairs are applied (see
/// [`load_str`] for the list of them).
pub fn from_ron_str(text: &str, file: &str) -> Result<Project, LoadError> {
    load_str(text, file).map(|l| l.project)
}

/// Parses, migrates and repairs a project from RON text; `file` names it in errors.
pub fn load_str(text: &str, file: &str) -> Result<Loaded, LoadError> {
    load_str_with(text, file, STEPS)
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_recursion_limit(MAX_NESTING)
}

fn ron_error(file: &str, e: &ron::error::SpannedError) -> LoadError {
    let mut err = LoadError::from_ron(file, e);
    if matches!(e.code, ron::Error::ExceededRecursionLimit) {
        err.message =
            format!("values nest more than {MAX_NESTING} levels deep; project files never need that");
    }
    err
}

fn newer_format(file: &str, text: &str, offset: usize, format: u64) -> LoadError {
    LoadError::at(
        file,
        text,
        offset,
        format!(
            "this file uses project format {format}, which is newer than this version of srm-planner \
             (it reads up to format {FORMAT_VERSION}); open it with a newer srm-planner"
        ),
    )
}

/// [`load_str`] through the general parser only, never the fast reader of the subset this
/// version writes: the tests and the fuzz target check that both give the same project.
#[doc(hidden)]
pub fn load_str_general(text: &str, file: &str) -> Result<Loaded, LoadError> {
    load_str_impl(text, file, STEPS, false)
}

/// [`load_str`] with the migration steps given (tests use invented steps).
pub(crate) fn load_str_with(text: &str, file: &str, steps: &[Step]) -> Result<Loaded, LoadError> {
    load_str_impl(text, file, steps, true)
}

fn load_str_impl(text: &str, file: &str, steps: &[Step], fast: bool) -> Result<Loaded, LoadError> {
    // A byte-order mark some editors write is not part of the RON text; positions are counted
    // after it, as editors show them.
    let text = crate::position::strip_bom(text);
    let opts = ron_options();
    // The format decides the schema, so it is read first, by a schema-free pass that stops at
    // the `format` field (the first field of every file we write): a newer format whose fields
    // changed shape is refused as newer, not with a parse error of the fields.
    match crate::position::sniff_format(text, &opts) {
        Some((f, at)) if f > u64::from(FORMAT_VERSION) => return Err(newer_format(file, text, at, f)),
        Some((f, _)) if f < u64::from(READ_DIRECTLY_FROM) => return load_older(text, file, f as u32, steps),
        _ => {}
    }
    // The RON this version writes is read by a fast reader of exactly that subset; anything
    // else goes through ron below (same project, or the precise error).
    if let Some(mut project) =
        fast.then(|| super::fast::parse(text, READ_DIRECTLY_FROM, FORMAT_VERSION)).flatten()
    {
        let migrated_from = (project.format < FORMAT_VERSION).then_some(project.format);
        project.format = FORMAT_VERSION;
        return Ok(finish(project, Vec::new(), migrated_from, text));
    }
    // The typed parse notes any field it skips (serde_ignored). In the common case (current
    // format, every field known) it is the only full pass over the text.
    let (project, ignored) = parse_noting_ignored(text, &opts).map_err(|e| ron_error(file, &e))?;
    if project.format > FORMAT_VERSION {
        return Err(newer_format(file, text, 0, project.format.into()));
    }
    if project.format < READ_DIRECTLY_FROM {
        return load_older(text, file, project.format, steps);
    }
    // Formats from READ_DIRECTLY_FROM on only ever added defaulted fields: the typed parse read
    // it whole, and saving writes the current format.
    let mut project = project;
    let migrated_from = (project.format < FORMAT_VERSION).then_some(project.format);
    project.format = FORMAT_VERSION;
    // Fields this version does not know: a second pass keeps their text.
    let fields = if ignored {
        unknown::capture(text, &opts).map(|c| c.fields).unwrap_or_default()
    } else {
        Vec::new()
    };
    Ok(finish(project, fields, migrated_from, text))
}

/// The typed parse, and whether it skipped any field it does not know.
fn parse_noting_ignored(text: &str, opts: &ron::Options) -> ron::error::SpannedResult<(Project, bool)> {
    struct Noting;
    impl<'de> serde::de::DeserializeSeed<'de> for Noting {
        type Value = (Project, bool);
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            let mut ignored = false;
            let project = serde_ignored::deserialize(d, |_| ignored = true)?;
            Ok((project, ignored))
        }
    }
    opts.from_str_seed(text, Noting)
}

/// Repairs a parsed project and attaches its unknown fields (found by file position) to it.
fn finish(
    mut project: Project,
    fields: unknown::FoundFields,
    migrated_from: Option<u32>,
    text: &str,
) -> Loaded {
    if fields.is_empty() {
        let repairs = locate(repair_located(&mut project), text);
        return Loaded { project, repairs, migrated_from };
    }
    // Connection anchors come from the file's list: the repair may remove connections.
    let connection_anchors = unknown::connection_anchors(&project.connections);
    let repairs = locate(repair_located(&mut project), text);
    let mut fields = unknown::anchor_fields(fields, &project, &connection_anchors);
    // Fields of connections the repair removed go with them.
    fields.prune(&project);
    project.unknown = fields;
    Loaded { project, repairs, migrated_from }
}

/// Gives each repaired problem its line and column in the file. The positions are looked for
/// only when there is something to report (one more schema-free pass over the text).
fn locate(repairs: Vec<(Problem, Locus)>, text: &str) -> Vec<Problem> {
    if repairs.is_empty() {
        return Vec::new();
    }
    let spans =
        crate::position::list_spans(text, &ron_options(), &["components", "connections", "boundaries"])
            .unwrap_or_default();
    let span = |list: usize, i: usize| spans.get(list).and_then(|l| l.get(i));
    repairs
        .into_iter()
        .map(|(mut p, at)| {
            let found = match at {
                Locus::Component(i, field) => span(0, i).map(|s| s.field(text, field)),
                Locus::Connection(i) => span(1, i).map(|s| s.start),
                Locus::Boundary(i, field) => span(2, i).map(|s| s.field(text, field)),
            };
            p.position = found.map(|o| crate::position::line_col(text, o));
            p
        })
        .collect()
}

/// Loads a file of an older format through the migration steps.
fn load_older(text: &str, file: &str, from: u32, steps: &[Step]) -> Result<Loaded, LoadError> {
    let mut doc: ron::Value = ron_options().from_str(text).map_err(|e| ron_error(file, &e))?;
    migrate::run(&mut doc, from, steps).map_err(|e| LoadError {
        file: file.to_string(),
        line: Some(1),
        column: Some(1),
        message: e.to_string(),
    })?;
    // Positions are lost once the document has been rewritten; say where the error comes from.
    let fields = unknown::capture_value(&doc).fields;
    let mut project: Project = doc.into_rust().map_err(|e| {
        LoadError::whole_file(file, format!("after converting from project format {from}: {e}"))
    })?;
    project.format = FORMAT_VERSION;
    Ok(finish(project, fields, Some(from), text))
}

/// The project as pretty RON text: fields in declaration order, to-dos sorted by id, then any
/// fields this version does not know, as they were read.
pub fn to_ron_string(project: &Project) -> String {
    let cfg = || {
        ron::ser::PrettyConfig::new()
            .indentor("    ")
            .struct_names(false)
            .separate_tuple_members(false)
            .enumerate_arrays(false)
            // One line per component, connection and to-do state: a change to one of them is
            // a one-line diff, and large files stay compact.
            .depth_limit(2)
    };
    let text = if project.unknown.is_empty() {
        ron::ser::to_string_pretty(project, cfg())
    } else {
        // Unknown fields are validated when stored; should one still fail, save the rest.
        ron::ser::to_string_pretty(&WithUnknown(project), cfg())
            .or_else(|_| ron::ser::to_string_pretty(project, cfg()))
    };
    let mut text = text.expect("a project always serialises");
    text.push('\n');
    text
}

/// Reads a project file, refusing files over [`MAX_FILE_BYTES`]; see [`load_str`].
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    load_str(&read_text(path)?, &path.display().to_string())
}

/// Reads a project file's text with the loader's checks: not a folder, at most
/// [`MAX_FILE_BYTES`], UTF-8 (an error says where it is not).
pub(crate) fn read_text(path: &Path) -> Result<String, LoadError> {
    let name = path.display().to_string();
    let fail = |what: &str, e: std::io::Error| LoadError::whole_file(&name, format!("{what}: {e}"));
    let meta = std::fs::metadata(path).map_err(|e| fail("cannot read the file", e))?;
    if meta.is_dir() {
        return Err(LoadError::whole_file(&name, "this is a folder, not a project file"));
    }
    let too_big = |len: u64| {
        LoadError::whole_file(
            &name,
            format!(
                "file is {} MiB; project files are limited to {} MiB",
                len.div_ceil(1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    // Read at most one byte past the limit: the file may grow, or be a pipe or a device.
    let file = std::fs::File::open(path).map_err(|e| fail("cannot open the file", e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| fail("cannot read the file", e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    crate::error::utf8_text(&name, bytes)
}

/// Saves atomically (see the module docs). On any error the old file and its backup are left
/// as they were, and the error names the file and what failed.
pub fn save_file(path: &Path, project: &Project) -> std::io::Result<()> {
    write_atomic(path, to_ron_string(project).as_bytes(), true)
}

/// An I/O error that says which file and what we were doing.
fn context(path: &Path, what: &str, e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("could not save {}: {what}: {e}", path.display()))
}

/// Removes the temporary files an earlier save of `file_name` left in `dir` when its process
/// died mid-save (`.NAME.PID-N.tmp`, `.NAME.bak.PID-N.tmp`). A file is stale when its process
/// is gone (on Linux: no `/proc/PID`) or, wherever that cannot be told, when it is over an hour
/// old; this process's own files are never touched (another thread may be saving). Best effort:
/// nothing here stops the save.
fn remove_stale_temporaries(dir: &Path, file_name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let prefix = format!(".{file_name}.");
    let me = std::process::id();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(middle) = name.strip_prefix(&prefix).and_then(|m| m.strip_suffix(".tmp")) else { continue };
        let middle = middle.strip_prefix("bak.").unwrap_or(middle);
        let Some((pid, n)) = middle.split_once('-') else { continue };
        let (Ok(pid), true) = (pid.parse::<u32>(), !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        if pid == me {
            continue;
        }
        let gone = if cfg!(target_os = "linux") && Path::new("/proc/self").exists() {
            !Path::new(&format!("/proc/{pid}")).exists()
        } else {
            false
        };
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(3600));
        if gone || old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to `path` atomically: a new temporary file beside it, synced, then renamed
/// over it. With `keep_backup`, the previous file is kept as `NAME.bak`. Follows a symbolic
/// link to the file it names, keeps the old file's permissions, and refuses a read-only file.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let target: PathBuf = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(path).map_err(|e| context(path, "cannot follow the link", e))?
        }
        _ => path.to_path_buf(),
    };
    let old = match std::fs::metadata(&target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(context(path, "cannot read the existing file", e)),
    };
    if let Some(m) = &old {
        if m.is_dir() {
            return Err(context(path, "it is a folder", std::io::ErrorKind::IsADirectory.into()));
        }
        if m.permissions().readonly() {
            return Err(context(
                path,
                "the file is read-only",
                std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    "make it writable or save elsewhere",
                ),
            ));
        }
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = target
        .file_name()
        .ok_or_else(|| context(path, "no file name", std::io::ErrorKind::InvalidInput.into()))?
        .to_string_lossy()
        .into_owned();
    remove_stale_temporaries(&dir, &file_name);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{file_name}.{}-{n}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(|e| context(path, "cannot create a temporary file in its folder", e))?;
        f.write_all(bytes).map_err(|e| context(path, "cannot write", e))?;
        f.flush().map_err(|e| context(path, "cannot write", e))?;
        if let Some(m) = &old {
            // Best effort: a file system without permissions still gets the save.
            let _ = f.set_permissions(m.permissions());
        }
        f.sync_all().map_err(|e| context(path, "cannot flush to disk", e))?;
        drop(f);
        if keep_backup && old.is_some() {
            // The old file goes to a temporary name first (a hard link, else a copy), which is
            // then renamed over the backup: the previous backup stays until the new one takes
            // its place, so there is always a `.bak`. A backup that cannot be made does not stop
            // the save.
            let bak = dir.join(format!("{file_name}.bak"));
            let bak_tmp = dir.join(format!(".{file_name}.bak.{}-{n}.tmp", std::process::id()));
            let staged =
                std::fs::hard_link(&target, &bak_tmp).is_ok() || std::fs::copy(&target, &bak_tmp).is_ok();
            if staged {
                let _ = std::fs::rename(&bak_tmp, &bak);
                // A rename between two links to the same file does nothing: drop the extra name.
                let _ = std::fs::remove_file(&bak_tmp);
            }
        }
        std::fs::rename(&tmp, &target).map_err(|e| context(path, "cannot replace the file", e))?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

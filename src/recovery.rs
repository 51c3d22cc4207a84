//! Autosave and crash recovery, free of any UI.
//!
//! While a project has unsaved changes, the app writes a recovery copy every
//! [`AUTOSAVE_INTERVAL`] (the [`Autosaver`] decides when, from a clock the caller passes in) and
//! from a panic hook ([`install_panic_hook`]). On the next start it asks [`RecoveryStore::latest`]
//! for a copy left behind, offers to restore it (showing [`Recovery::made_at`]), and then either
//! [`RecoveryStore::restore`]s or [`RecoveryStore::decline`]s it. Once the project is saved, the
//! session's copy is [`RecoveryStore::discard`]ed.
//!
//! Copies live in `<data dir>/recovery/`, one file per app session (so two windows never
//! overwrite each other's copy), named `session-<pid>-<start time>.ron`. Each is an ordinary
//! project file (so it is read with every check of [`crate::project::load_file`]) with a header of
//! RON comments:
//! ```text
//! // srm-planner recovery copy
//! // made_at_ms: 1732540000000
//! // original_path: Some("/home/ana/shop.ron")
//! (
//!     format: 1,
//!     ...
//! ```
//! The data dir is `$SRM_PLANNER_DATA_DIR` when set (tests and portable installs), else the
//! platform's (`ProjectDirs::from("", "", "srm-planner").data_dir()`, e.g.
//! `~/.local/share/srm-planner` on Linux).

use crate::project::{Project, load_str, read_text, to_ron_string, write_atomic};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, TryLockError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How long a project may have unsaved changes before a recovery copy is written.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(30);

/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "SRM_PLANNER_DATA_DIR";

const HEADER: &str = "// srm-planner recovery copy";

/// A recovery copy found on disk.
#[derive(Debug, Clone)]
pub struct Recovery {
    /// The project as it was.
    pub project: Project,
    /// The file it was opened from or last saved to (`None` for a project never saved).
    pub original_path: Option<PathBuf>,
    /// When the copy was written.
    pub made_at: SystemTime,
    /// The recovery file itself.
    pub path: PathBuf,
}

/// Where recovery copies are kept, and which one is this session's.
#[derive(Debug, Clone)]
pub struct RecoveryStore {
    dir: PathBuf,
    session: String,
}

impl RecoveryStore {
    /// A store whose copies live in `data_dir/recovery/`, with a fresh session name.
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        let started = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        Self::with_session(data_dir, format!("{}-{}", std::process::id(), started.as_nanos()))
    }

    /// A store with a given session name (tests use this to play two app runs).
    pub fn with_session(data_dir: impl Into<PathBuf>, session: impl Into<String>) -> Self {
        let session: String = session
            .into()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
            .collect();
        RecoveryStore { dir: data_dir.into().join("recovery"), session }
    }

    /// The store in `$SRM_PLANNER_DATA_DIR`, else in the platform's data directory; `None` when
    /// neither is known (no home directory).
    pub fn from_env() -> Option<Self> {
        Some(Self::new(data_dir()?))
    }

    /// The folder holding the copies.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// This session's copy.
    pub fn session_path(&self) -> PathBuf {
        self.dir.join(format!("session-{}.ron", self.session))
    }

    /// Writes this session's copy of `project` now.
    pub fn write(&self, project: &Project, original_path: Option<&Path>) -> std::io::Result<PathBuf> {
        self.write_at(project, original_path, SystemTime::now())
    }

    /// Writes this session's copy of `project`, recording `made_at` as its time.
    pub fn write_at(
        &self,
        project: &Project,
        original_path: Option<&Path>,
        made_at: SystemTime,
    ) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(&self.dir).map_err(|e| {
            std::io::Error::new(e.kind(), format!("could not create {}: {e}", self.dir.display()))
        })?;
        let ms = made_at.duration_since(UNIX_EPOCH).unwrap_or_default().as_millis();
        let original = original_path.map(|p| p.to_string_lossy().into_owned());
        let original = ron::to_string(&original).unwrap_or_else(|_| "None".into());
        let text = format!(
            "{HEADER}\n// made_at_ms: {ms}\n// original_path: {original}\n{}",
            to_ron_string(project)
        );
        let path = self.session_path();
        write_atomic(&path, text.as_bytes(), false)?;
        Ok(path)
    }

    /// The newest readable copy left by another session, if any. Copies that cannot be read
    /// are skipped (and left alone). Only copies up to the first readable one are parsed.
    pub fn latest(&self) -> Option<Recovery> {
        self.copies().into_iter().find_map(OnDisk::load)
    }

    /// Every readable copy left by other sessions, newest first.
    pub fn all(&self) -> Vec<Recovery> {
        self.copies().into_iter().filter_map(OnDisk::load).collect()
    }

    /// Other sessions' copies, read but not yet parsed, newest first.
    fn copies(&self) -> Vec<OnDisk> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return Vec::new() };
        let own = self.session_path();
        let mut found: Vec<OnDisk> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                *p != own
                    && p.extension().is_some_and(|x| x == "ron")
                    && p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("session-"))
            })
            .filter_map(|p| OnDisk::read(&p))
            .collect();
        found.sort_by(|a, b| b.made_at.cmp(&a.made_at).then_with(|| a.path.cmp(&b.path)));
        found
    }

    /// Deletes this session's copy (after a save, or when the user discards the changes).
    pub fn discard(&self) -> std::io::Result<()> {
        remove_if_present(&self.session_path())
    }

    /// Deletes a copy the user chose not to restore.
    pub fn decline(&self, recovery: &Recovery) -> std::io::Result<()> {
        remove_if_present(&recovery.path)
    }

    /// Takes over a copy the user chose to restore: it becomes this session's copy (so it is
    /// not lost if the app dies again before a save), moved in one rename.
    pub fn restore(&self, recovery: Recovery) -> std::io::Result<(Project, Option<PathBuf>)> {
        if recovery.path != self.session_path() {
            std::fs::rename(&recovery.path, self.session_path()).map_err(|e| {
                std::io::Error::new(e.kind(), format!("could not take over {}: {e}", recovery.path.display()))
            })?;
        }
        Ok((recovery.project, recovery.original_path))
    }
}

/// The data directory: `$SRM_PLANNER_DATA_DIR`, else the platform's.
pub fn data_dir() -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => directories::ProjectDirs::from("", "", "srm-planner").map(|d| d.data_dir().to_path_buf()),
    }
}

fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(std::io::Error::new(e.kind(), format!("could not delete {}: {e}", path.display())))
        }
        _ => Ok(()),
    }
}

/// A copy read from disk, its header parsed, its project not yet.
struct OnDisk {
    path: PathBuf,
    made_at: SystemTime,
    original_path: Option<PathBuf>,
    text: String,
}

impl OnDisk {
    /// Reads one copy (with the loader's size and UTF-8 checks) and its header.
    fn read(path: &Path) -> Option<OnDisk> {
        let text = read_text(path).ok()?;
        let mut lines = text.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let mut made_at = None;
        let mut original_path = None;
        for line in lines.take_while(|l| l.starts_with("// ")) {
            if let Some(ms) = line.strip_prefix("// made_at_ms: ") {
                made_at = ms.trim().parse::<u64>().ok().map(|ms| UNIX_EPOCH + Duration::from_millis(ms));
            } else if let Some(p) = line.strip_prefix("// original_path: ") {
                original_path = ron::from_str::<Option<String>>(p).ok().flatten().map(PathBuf::from);
            }
        }
        let made_at = made_at.or_else(|| std::fs::metadata(path).and_then(|m| m.modified()).ok())?;
        Some(OnDisk { path: path.to_path_buf(), made_at, original_path, text })
    }

    /// The project, with every check of the loader.
    fn load(self) -> Option<Recovery> {
        let project = load_str(&self.text, &self.path.display().to_string()).ok()?.project;
        Some(Recovery { project, original_path: self.original_path, made_at: self.made_at, path: self.path })
    }
}

/// What the app has not saved yet, shared with the panic hook.
#[derive(Debug, Clone)]
pub struct Unsaved {
    /// The project with its unsaved changes.
    pub project: Project,
    /// Where it was opened from or last saved to.
    pub original_path: Option<PathBuf>,
}

/// The app's latest unsaved state (`None` when everything is saved), shared with the panic hook.
pub type Snapshot = Arc<Mutex<Option<Unsaved>>>;

/// Installs a panic hook that writes `snapshot` (when it holds unsaved changes) to `store`
/// before running the previous hook. It never blocks: if the panicking thread holds the lock,
/// the copy from the last autosave is what remains.
pub fn install_panic_hook(store: RecoveryStore, snapshot: Snapshot) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let guard = match snapshot.try_lock() {
            Ok(g) => Some(g),
            Err(TryLockError::Poisoned(p)) => Some(p.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        };
        if let Some(guard) = guard
            && let Some(u) = guard.as_ref()
        {
            match store.write(&u.project, u.original_path.as_deref()) {
                Ok(p) => eprintln!("srm-planner: unsaved changes were kept in {}", p.display()),
                Err(e) => eprintln!("srm-planner: could not keep the unsaved changes: {e}"),
            }
        }
        previous(info);
    }));
}

/// What the autosaver wants done now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Autosave {
    /// Nothing.
    Idle,
    /// Write a recovery copy of the current project.
    Write,
    /// The project was saved (or its changes dropped): delete the recovery copy.
    Discard,
}

/// Decides when to write a recovery copy: once a project has had unsaved changes for
/// [`AUTOSAVE_INTERVAL`], and again after each further interval with new changes. The caller
/// passes the time, so tests drive it with a fake clock.
#[derive(Debug, Clone)]
pub struct Autosaver {
    interval: Duration,
    dirty_since: Option<Instant>,
    written: Option<u64>,
}

impl Default for Autosaver {
    fn default() -> Self {
        Self::new(AUTOSAVE_INTERVAL)
    }
}

impl Autosaver {
    /// An autosaver with this interval.
    pub fn new(interval: Duration) -> Self {
        Autosaver { interval, dirty_since: None, written: None }
    }

    /// What to do at `now`. `unsaved` is `Some(revision)` while there are unsaved changes (the
    /// revision changes with every edit) and `None` once saved. Returning [`Autosave::Write`]
    /// counts the copy as written; call [`Autosaver::write_failed`] if it was not. The first
    /// `None` after a `Some` returns [`Autosave::Discard`].
    pub fn poll(&mut self, now: Instant, unsaved: Option<u64>) -> Autosave {
        let Some(revision) = unsaved else {
            // Every poll with unsaved changes leaves one of these set.
            let was_unsaved = self.dirty_since.take().is_some() | self.written.take().is_some();
            // Saved (or dropped) since the last poll: whatever copy exists, from this autosaver,
            // the panic hook or a restore, is now stale.
            return if was_unsaved { Autosave::Discard } else { Autosave::Idle };
        };
        if self.written == Some(revision) {
            return Autosave::Idle;
        }
        let since = *self.dirty_since.get_or_insert(now);
        if now.saturating_duration_since(since) >= self.interval {
            self.dirty_since = None;
            self.written = Some(revision);
            Autosave::Write
        } else {
            Autosave::Idle
        }
    }

    /// The last [`Autosave::Write`] did not happen: try again after another interval.
    pub fn write_failed(&mut self, now: Instant) {
        self.written = None;
        self.dirty_since = Some(now);
    }

    /// How long until a copy may be due (for `request_repaint_after`); `None` when nothing is
    /// pending.
    pub fn next_due(&self, now: Instant) -> Option<Duration> {
        self.dirty_since.map(|since| (since + self.interval).saturating_duration_since(now))
    }

    /// [`Autosaver::poll`] and then does it: writes or discards `store`'s session copy.
    pub fn run(
        &mut self,
        now: Instant,
        unsaved: Option<(u64, &Project, Option<&Path>)>,
        store: &RecoveryStore,
    ) -> std::io::Result<Autosave> {
        let action = self.poll(now, unsaved.map(|u| u.0));
        match (action, unsaved) {
            (Autosave::Write, Some((_, project, original))) => {
                if let Err(e) = store.write(project, original) {
                    self.write_failed(now);
                    return Err(e);
                }
            }
            (Autosave::Discard, _) => store.discard()?,
            _ => {}
        }
        Ok(action)
    }
}

//! Autosave and crash recovery (src/recovery.rs): the store, the autosave clock and the panic
//! hook. Every test uses its own temporary data directory, never the real one.

mod common;
use common::*;
use srm_planner::project::{Project, load_str, save_file};
use srm_planner::recovery::{
    AUTOSAVE_INTERVAL, Autosave, Autosaver, DATA_DIR_ENV, RecoveryStore, Snapshot, Unsaved, data_dir,
    install_panic_hook,
};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, UNIX_EPOCH};

fn edited(label: &str) -> Project {
    let mut p = project(vec![comp(1, "s3", label), comp(2, "ec2", "web")], vec![link(2, 1, true)]);
    p.name = format!("Edited: {label}");
    p
}

#[test]
fn a_copy_written_by_one_run_is_offered_to_the_next_with_its_time_and_file() {
    let dir = tempfile::tempdir().unwrap();
    let first = RecoveryStore::with_session(dir.path(), "run-1");
    let made_at = UNIX_EPOCH + Duration::from_millis(1_732_540_000_123);
    let original = dir.path().join("shop\nwith newline.ron");
    first.write_at(&edited("orders"), Some(&original), made_at).unwrap();
    // The run that wrote it does not offer its own copy.
    assert!(first.latest().is_none());

    let second = RecoveryStore::with_session(dir.path(), "run-2");
    let r = second.latest().expect("a copy to restore");
    assert_eq!(r.project, edited("orders"));
    assert_eq!(r.original_path.as_deref(), Some(original.as_path()));
    assert_eq!(r.made_at, made_at);
    assert_eq!(r.path, first.session_path());
}

#[test]
fn restoring_makes_the_copy_this_runs_own_and_saving_discards_it() {
    let dir = tempfile::tempdir().unwrap();
    RecoveryStore::with_session(dir.path(), "crashed").write(&edited("a"), None).unwrap();
    let next = RecoveryStore::with_session(dir.path(), "next");
    let r = next.latest().unwrap();
    let old_path = r.path.clone();
    let (project, original) = next.restore(r).unwrap();
    assert_eq!(project, edited("a"));
    assert_eq!(original, None);
    assert!(!old_path.exists(), "the restored copy is taken over");
    assert!(next.session_path().exists(), "until saved, the restored project stays recoverable");
    // A third run would still be offered it if this one died before saving.
    assert!(RecoveryStore::with_session(dir.path(), "third").latest().is_some());
    next.discard().unwrap();
    assert!(!next.session_path().exists());
    assert!(RecoveryStore::with_session(dir.path(), "third").latest().is_none());
    next.discard().unwrap(); // discarding twice is fine
}

#[test]
fn declining_deletes_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    RecoveryStore::with_session(dir.path(), "old").write(&edited("a"), None).unwrap();
    let store = RecoveryStore::with_session(dir.path(), "new");
    let r = store.latest().unwrap();
    store.decline(&r).unwrap();
    assert!(store.latest().is_none());
    assert!(!r.path.exists());
}

#[test]
fn the_newest_of_several_copies_comes_first_and_broken_ones_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let t = |s| UNIX_EPOCH + Duration::from_secs(s);
    RecoveryStore::with_session(dir.path(), "a").write_at(&edited("older"), None, t(100)).unwrap();
    RecoveryStore::with_session(dir.path(), "b").write_at(&edited("newer"), None, t(200)).unwrap();
    let store = RecoveryStore::with_session(dir.path(), "c");
    std::fs::write(store.dir().join("session-garbage.ron"), "// srm-planner recovery copy\n(((").unwrap();
    std::fs::write(store.dir().join("session-foreign.ron"), "(format: 1)").unwrap();
    std::fs::write(store.dir().join("notes.txt"), "not a copy").unwrap();
    let all = store.all();
    let names: Vec<&str> = all.iter().map(|r| r.project.name.as_str()).collect();
    assert_eq!(names, ["Edited: newer", "Edited: older"]);
    assert_eq!(store.latest().unwrap().project.name, "Edited: newer");
}

#[test]
fn unknown_fields_survive_a_trip_through_recovery() {
    let p = load_str(
        "(format: 1, name: \"f\", hologram: (x: 1), components: [(id: 1, service: \"s3\", hue: 7)])",
        "f",
    )
    .unwrap()
    .project;
    let dir = tempfile::tempdir().unwrap();
    RecoveryStore::with_session(dir.path(), "a").write(&p, None).unwrap();
    let r = RecoveryStore::with_session(dir.path(), "b").latest().unwrap();
    assert_eq!(r.project, p);
}

#[test]
fn the_data_dir_can_be_overridden_by_the_environment() {
    // Only this test touches the variable.
    let dir = tempfile::tempdir().unwrap();
    unsafe { std::env::set_var(DATA_DIR_ENV, dir.path()) };
    assert_eq!(data_dir().as_deref(), Some(dir.path()));
    let store = RecoveryStore::from_env().unwrap();
    assert!(store.dir().starts_with(dir.path()));
    store.write(&edited("env"), None).unwrap();
    assert!(store.session_path().starts_with(dir.path()));
    unsafe { std::env::remove_var(DATA_DIR_ENV) };
}

#[test]
fn a_write_that_fails_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file-not-folder");
    std::fs::write(&blocker, "x").unwrap();
    let store = RecoveryStore::with_session(&blocker, "a");
    let e = store.write(&edited("a"), None).unwrap_err();
    assert!(e.to_string().contains("file-not-folder"), "{e}");
}

// ------------------------------------------------------------------------------------------
// The autosave clock.

#[test]
fn the_autosaver_writes_after_thirty_seconds_of_unsaved_changes() {
    assert_eq!(AUTOSAVE_INTERVAL, Duration::from_secs(30));
    let t0 = Instant::now();
    let at = |s: u64| t0 + Duration::from_secs(s);
    let mut a = Autosaver::default();
    assert_eq!(a.poll(at(0), None), Autosave::Idle);
    assert_eq!(a.next_due(at(0)), None);
    assert_eq!(a.poll(at(1), Some(1)), Autosave::Idle, "first edit starts the clock");
    assert_eq!(a.next_due(at(1)), Some(Duration::from_secs(30)));
    assert_eq!(a.poll(at(20), Some(2)), Autosave::Idle, "more edits do not restart it");
    assert_eq!(a.next_due(at(20)), Some(Duration::from_secs(11)));
    assert_eq!(a.poll(at(30), Some(2)), Autosave::Idle);
    assert_eq!(a.poll(at(31), Some(2)), Autosave::Write);
    assert_eq!(a.poll(at(200), Some(2)), Autosave::Idle, "nothing new since the copy");
    assert_eq!(a.next_due(at(200)), None);
    assert_eq!(a.poll(at(201), Some(3)), Autosave::Idle, "a new edit starts a new interval");
    assert_eq!(a.poll(at(231), Some(4)), Autosave::Write);
    assert_eq!(a.poll(at(232), None), Autosave::Discard, "saved: the copy goes");
    assert_eq!(a.poll(at(300), None), Autosave::Idle);
}

#[test]
fn saving_before_the_interval_discards_any_copy_and_writes_none() {
    let t0 = Instant::now();
    let mut a = Autosaver::new(Duration::from_secs(30));
    assert_eq!(a.poll(t0, Some(1)), Autosave::Idle);
    // A restored project starts dirty with a copy on disk; saving it must discard that copy.
    assert_eq!(a.poll(t0 + Duration::from_secs(5), None), Autosave::Discard);
    assert_eq!(a.poll(t0 + Duration::from_secs(60), None), Autosave::Idle);
}

#[test]
fn a_failed_write_is_retried_after_another_interval() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let bad = RecoveryStore::with_session(&blocker, "s");
    let t0 = Instant::now();
    let mut a = Autosaver::default();
    let p = edited("x");
    assert_eq!(a.run(t0, Some((1, &p, None)), &bad).unwrap(), Autosave::Idle);
    assert!(a.run(t0 + Duration::from_secs(30), Some((1, &p, None)), &bad).is_err());
    assert_eq!(a.next_due(t0 + Duration::from_secs(30)), Some(Duration::from_secs(30)));
    let good = RecoveryStore::with_session(dir.path(), "s");
    assert_eq!(a.run(t0 + Duration::from_secs(59), Some((1, &p, None)), &good).unwrap(), Autosave::Idle);
    assert_eq!(a.run(t0 + Duration::from_secs(60), Some((1, &p, None)), &good).unwrap(), Autosave::Write);
    assert!(good.session_path().exists());
    assert_eq!(a.run(t0 + Duration::from_secs(61), None, &good).unwrap(), Autosave::Discard);
    assert!(!good.session_path().exists());
}

#[test]
fn a_whole_session_edit_autosave_crash_restore_save() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("shop.ron");
    save_file(&file, &edited("saved")).unwrap();
    let t0 = Instant::now();
    // Run 1: edits, autosaves, dies.
    {
        let store = RecoveryStore::with_session(dir.path(), "run-1");
        let mut a = Autosaver::default();
        let p = edited("unsaved work");
        a.run(t0, Some((1, &p, Some(&file))), &store).unwrap();
        assert_eq!(
            a.run(t0 + AUTOSAVE_INTERVAL, Some((1, &p, Some(&file))), &store).unwrap(),
            Autosave::Write
        );
    }
    // Run 2: offered the copy, restores, saves to the original file.
    let store = RecoveryStore::with_session(dir.path(), "run-2");
    let r = store.latest().expect("offered");
    assert_eq!(r.original_path.as_deref(), Some(file.as_path()));
    let (p, original) = store.restore(r).unwrap();
    let mut a = Autosaver::default();
    a.run(t0, Some((1, &p, original.as_deref())), &store).unwrap();
    save_file(original.as_deref().unwrap(), &p).unwrap();
    assert_eq!(a.run(t0 + Duration::from_secs(1), None, &store).unwrap(), Autosave::Discard);
    assert!(store.all().is_empty() && !store.session_path().exists());
    assert_eq!(srm_planner::project::load_file(&file).unwrap().project, edited("unsaved work"));
}

// ------------------------------------------------------------------------------------------
// The panic hook.

fn copies(dir: &Path) -> usize {
    std::fs::read_dir(dir.join("recovery")).map_or(0, |d| d.count())
}

#[test]
fn a_panic_writes_the_unsaved_snapshot_and_runs_the_previous_hook() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::with_session(dir.path(), "panicking");
    let snapshot: Snapshot = Arc::new(Mutex::new(None));
    install_panic_hook(store.clone(), snapshot.clone());

    // Nothing unsaved: a panic writes nothing.
    let _ = std::thread::spawn(|| panic!("test panic with nothing unsaved")).join();
    assert_eq!(copies(dir.path()), 0);

    let file = dir.path().join("shop.ron");
    *snapshot.lock().unwrap() =
        Some(Unsaved { project: edited("at panic"), original_path: Some(file.clone()) });
    let _ = std::thread::spawn(|| panic!("test panic with unsaved work")).join();
    let r = RecoveryStore::with_session(dir.path(), "after").latest().expect("the hook wrote a copy");
    assert_eq!(r.project, edited("at panic"));
    assert_eq!(r.original_path, Some(file));

    // A panic while the snapshot is locked (the app was updating it) must not deadlock: the
    // hook skips the write and the last copy stays.
    let snap = snapshot.clone();
    let _ = std::thread::spawn(move || {
        let mut guard = snap.lock().unwrap();
        *guard = Some(Unsaved { project: edited("half-updated"), original_path: None });
        panic!("test panic while holding the snapshot");
    })
    .join();
    let r = RecoveryStore::with_session(dir.path(), "after").latest().unwrap();
    assert_eq!(r.project, edited("at panic"));
    // The mutex is now poisoned; the hook still reads it.
    let _ = std::thread::spawn(|| panic!("test panic after poisoning")).join();
    let r = RecoveryStore::with_session(dir.path(), "after").latest().unwrap();
    assert_eq!(r.project, edited("half-updated"));
}

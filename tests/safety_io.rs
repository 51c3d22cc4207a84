//! Data safety of project files: atomic saves that survive SIGKILL and full disks, limits and
//! positions on hostile input, unknown fields and services kept, inconsistencies repaired.

mod common;
use common::*;
use srm_planner::catalog::Catalog;
use srm_planner::project::{
    Anchor, ComponentId, MAX_FILE_BYTES, Project, Severity, TodoState, check, load_file, load_str, save_file,
    to_ron_string,
};
use srm_planner::vocab::Status;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Environment variable that turns [`child_entry`] into a helper process: `loop:N:PATH` saves
/// generations N+1, N+2, ... to PATH until killed; `once:PATH` saves one big project to PATH and
/// prints the result (for the full-disk test).
const CHILD_ENV: &str = "SRM_SAFETY_IO_CHILD";

/// A deterministic project of about 320 KB whose every field depends on `generation`.
fn big_project(generation: u64) -> Project {
    let mut comps = Vec::new();
    for i in 1..=400u64 {
        let mut c =
            comp(i, if i % 3 == 0 { "s3" } else { "ec2" }, &format!("node {i} of generation {generation}"));
        c.notes = format!("{generation}:{i} ").repeat(60);
        c.position.x = (i * generation % 997) as f32 * 1.5;
        comps.push(c);
    }
    let links = (1..400u64).map(|i| link(i, i + 1, (i + generation).is_multiple_of(2))).collect();
    let mut p = project(comps, links);
    p.name = format!("generation {generation}");
    p
}

fn generation_of(p: &Project) -> Option<u64> {
    p.name.strip_prefix("generation ")?.parse().ok()
}

/// The helper process of the kill and full-disk tests; run alone, it checks a few saves of a big
/// project load back whole.
#[test]
fn child_entry() {
    match std::env::var(CHILD_ENV) {
        Ok(role) if role.starts_with("loop:") => {
            let (generation, path) = role["loop:".len()..].split_once(':').expect("loop:N:PATH");
            let (mut generation, path): (u64, PathBuf) = (generation.parse().unwrap(), path.into());
            println!("SAVE-LOOP-READY");
            loop {
                generation += 1;
                save_file(&path, &big_project(generation)).expect("save in the loop");
            }
        }
        Ok(role) if role.starts_with("once:") => {
            let path = PathBuf::from(&role["once:".len()..]);
            match save_file(&path, &big_project(2)) {
                Ok(()) => println!("SAVE-RESULT: ok"),
                Err(e) => println!("SAVE-RESULT: error: {e}"),
            }
        }
        _ => {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("big.ron");
            for g in 1..=2 {
                save_file(&path, &big_project(g)).unwrap();
                assert_eq!(load_file(&path).unwrap().project, big_project(g));
            }
        }
    }
}

/// A small xorshift generator: the kill moments vary from run to run, and the seed is printed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "tmp"))
        .collect()
}

#[test]
fn sigkill_during_saves_leaves_the_old_or_the_new_version_whole() {
    const KILLS: usize = 100;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let bak = dir.path().join("big.ron.bak");
    // Kill moments range over about three saves; one save's duration is measured here, so the
    // test adapts to the machine's speed (nothing is asserted about time).
    let started = std::time::Instant::now();
    save_file(&path, &big_project(0)).unwrap();
    let save_micros = started.elapsed().as_micros().max(1000) as u64;
    let seed = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    println!("kill-test seed {seed}");
    let mut rng = Rng(seed);
    let exe = std::env::current_exe().unwrap();
    let (mut advanced, mut mid_write) = (0, 0);
    let mut last = 0;
    for kill in 0..KILLS {
        let mut child = Command::new(&exe)
            .args(["--exact", "child_entry", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, format!("loop:{last}:{}", path.display()))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        while out.read_line(&mut line).unwrap() > 0 && !line.contains("SAVE-LOOP-READY") {
            line.clear();
        }
        assert!(line.contains("SAVE-LOOP-READY"), "the child did not start its save loop");
        std::thread::sleep(Duration::from_micros(rng.next() % (3 * save_micros)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();

        let loaded = load_file(&path).unwrap_or_else(|e| panic!("kill {kill}: the file does not load: {e}"));
        let generation = generation_of(&loaded.project).expect("a generation name");
        assert!(generation >= last, "kill {kill}: went back from generation {last} to {generation}");
        assert_eq!(
            loaded.project,
            big_project(generation),
            "kill {kill}: generation {generation} is not whole"
        );
        if bak.exists() {
            let b = load_file(&bak).unwrap_or_else(|e| panic!("kill {kill}: the backup does not load: {e}"));
            let bg = generation_of(&b.project).expect("a generation name");
            assert_eq!(b.project, big_project(bg), "kill {kill}: the backup is not whole");
        }
        if generation > last {
            advanced += 1;
        }
        last = generation;
        let tmp = temp_files(dir.path());
        if !tmp.is_empty() {
            mid_write += 1;
            // A kill leaves its temporary file behind (it is never the project file): clear it.
            for t in tmp {
                std::fs::remove_file(t).unwrap();
            }
        }
    }
    println!(
        "{KILLS} kills: the file was whole every time; {advanced} kills came after at least one \
         completed save, {mid_write} interrupted a save mid-write; last generation {last}"
    );
}

#[test]
fn a_save_that_runs_out_of_space_leaves_the_old_file_and_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("full.ron");
    save_file(&path, &big_project(1)).unwrap();
    let before = std::fs::read(&path).unwrap();
    // `ulimit -f` makes writes past 32-64 KB fail (EFBIG) as a full disk would; the trap makes
    // the child ignore SIGXFSZ so that it sees the error instead of dying.
    let exe = std::env::current_exe().unwrap();
    let out = Command::new("sh")
        .args([
            "-c",
            "trap '' XFSZ; ulimit -f 64; exec \"$0\" --exact child_entry --nocapture --test-threads=1",
        ])
        .arg(&exe)
        .env(CHILD_ENV, format!("once:{}", path.display()))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let result = stdout
        .split("SAVE-RESULT")
        .nth(1)
        .and_then(|r| r.lines().next())
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(result.contains("error"), "the save should have failed: {result}");
    assert!(result.contains(&path.display().to_string()), "the error must name the file: {result}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the old file must be intact");
    assert!(temp_files(dir.path()).is_empty(), "no temporary file may be left behind");
    assert!(!dir.path().join("full.ron.bak").exists(), "a failed save does not touch the backup");
}

#[test]
fn saving_into_a_missing_folder_fails_with_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("p.ron");
    let e = save_file(&path, &big_project(1)).unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(msg.contains("could not save"), "{msg}");
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_not_overwritten_and_permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    save_file(&path, &project(vec![comp(1, "s3", "one")], vec![])).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    save_file(&path, &project(vec![comp(1, "s3", "two")], vec![])).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);

    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let e = save_file(&path, &project(vec![comp(1, "s3", "three")], vec![])).unwrap_err();
    assert!(e.to_string().contains("read-only") && e.to_string().contains("p.ron"), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(temp_files(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn saving_through_a_symbolic_link_updates_the_real_file() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.ron");
    let link_path = dir.path().join("link.ron");
    save_file(&real, &project(vec![comp(1, "s3", "one")], vec![])).unwrap();
    std::os::unix::fs::symlink(&real, &link_path).unwrap();
    save_file(&link_path, &project(vec![comp(1, "s3", "two")], vec![])).unwrap();
    assert!(std::fs::symlink_metadata(&link_path).unwrap().file_type().is_symlink());
    assert_eq!(load_file(&real).unwrap().project.components[0].label, "two");
    assert!(dir.path().join("real.ron.bak").exists());
}

// ------------------------------------------------------------------------------------------
// Hostile input.

#[test]
fn a_file_over_the_size_limit_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(MAX_FILE_BYTES + 1).unwrap(); // sparse: costs no disk
    let e = load_file(&path).unwrap_err();
    assert!(e.to_string().contains("64 MiB"), "{e}");
    assert!(e.to_string().starts_with(&path.display().to_string()), "{e}");
}

#[test]
fn deep_nesting_is_refused_with_a_position_and_never_overflows_the_stack() {
    for depth in [100, 100_000] {
        let text = format!("(format: 1, name: \"x\",\n extra: {}{})", "[".repeat(depth), "]".repeat(depth));
        let e = load_str(&text, "deep.ron").unwrap_err();
        assert!(e.message.contains("nest more than 64"), "{e}");
        assert_eq!(e.line, Some(2), "{e}");
        assert!(e.column.is_some(), "{e}");
    }
    // Deep nesting where a known field is expected, too.
    let text = format!("(format: 1, todos: {}{})", "{\"a\": ".repeat(5000), "}".repeat(5000));
    let e = load_str(&text, "deep.ron").unwrap_err();
    assert!(e.line.is_some(), "{e}");
}

#[test]
fn every_parse_error_names_file_line_and_column() {
    let cases = [
        "",
        "(",
        "(format: 1,",
        "(format: 1, name: \"unterminated)",
        "(format: 1, components: [(id: \"one\", service: \"s3\")])",
        "(format: 1, components: [(id: -1, service: \"s3\")])",
        "(format: 1, components: [(service: \"s3\")])",
        "(format: 1, components: [(id: 1, service: \"s3\", data: \"top-secret\")])",
        "(format: 1, components: [(id: 1, service: \"s3\", position: (x: \"left\", y: 0))])",
        "(format: 1, connections: [(from: 1)])",
        "(format: 1, todos: {\"a\": (status: \"finished\")})",
        "(format: 1, compliance: [\"fedramp\"])",
        "(format: 1) trailing",
        "(name: \"no format\")",
        "(format: -3)",
        "(format: \"1\")",
        "(format: 1, name: \"bad escape \\q\")",
        "[1, 2, 3]",
        // (A byte-order mark is skipped, not an error: project_file.rs.)
        "\u{feff}(format: 1) trailing",
        "(format: 1, name: b\"bytes\")",
    ];
    for text in cases {
        let e = load_str(text, "case.ron").unwrap_err();
        assert!(e.line.is_some() && e.column.is_some(), "{text:?}: {e}");
        assert!(e.to_string().starts_with("case.ron:"), "{text:?}: {e}");
    }
}

#[test]
fn non_utf8_bytes_are_refused_at_their_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.ron");
    std::fs::write(&path, b"(format: 1,\n name: \"caf\xe9\")").unwrap();
    let e = load_file(&path).unwrap_err();
    assert_eq!((e.line, e.column), (Some(2), Some(12)), "{e}");
    assert!(e.message.contains("UTF-8"), "{e}");
}

#[test]
fn newer_formats_are_refused_and_say_so_older_unknown_ones_too() {
    let e = load_str("(format: 3, name: \"from the future\", hologram: (x: 1))", "new.ron").unwrap_err();
    assert!(e.message.contains("format 3") && e.message.contains("newer"), "{e}");
    assert!(e.line.is_some());
    let e = load_str("(format: 0, name: \"x\")", "old.ron").unwrap_err();
    assert!(e.message.contains("format 0"), "{e}");
}

const FUTURE: &str = r##"(
    format: 1,
    name: "Future",
    theme: (accent: "#ff0000", dark: true),
    components: [
        (
            id: 1,
            service: "s3",
            colour: Some("teal"),
            position: (x: 1.0, y: 2.0, z: 3.5),
            tags: ["a", "b"],
        ),
        (id: 2, service: "quantum-ledger", variant: Some("qbit"), label: "Q", owner_team: "core"),
    ],
    connections: [(from: 1, to: 2, protocol: "grpc", latency_ms: 12), (from: 1, to: 2, label: "second")],
    todos: {"s3.block-public-access": (status: "done", reviewed_by: "Ana")},
    layout_version: 3,
)
"##;

#[test]
fn unknown_fields_survive_load_and_save_inside_their_structs() {
    let loaded = load_str(FUTURE, "future.ron").unwrap();
    assert!(loaded.repairs.is_empty());
    let p = loaded.project;
    assert_eq!(p.unknown.get(&Anchor::Project).len(), 2);
    assert_eq!(p.unknown.get(&Anchor::Component(ComponentId(1))).len(), 2);
    assert_eq!(p.unknown.get(&Anchor::Position(ComponentId(1))), &[("z".to_string(), "3.5".to_string())]);
    let first = Anchor::Connection { from: ComponentId(1), to: ComponentId(2), nth: 0 };
    assert_eq!(p.unknown.get(&first).len(), 2);
    assert!(
        p.unknown.get(&Anchor::Connection { from: ComponentId(1), to: ComponentId(2), nth: 1 }).is_empty()
    );
    assert_eq!(p.unknown.get(&Anchor::Todo("s3.block-public-access".into())).len(), 1);

    let saved = to_ron_string(&p);
    for kept in [
        "theme: (accent: \"#ff0000\", dark: true)",
        "layout_version: 3",
        "colour: Some(\"teal\")",
        "tags: [\"a\", \"b\"]",
        "z: 3.5",
        "owner_team: \"core\"",
        "protocol: \"grpc\"",
        "latency_ms: 12",
        "reviewed_by: \"Ana\"",
    ] {
        assert!(saved.contains(kept), "`{kept}` was lost:\n{saved}");
    }
    // Each is written back inside its own struct.
    let doc: ron::Value = ron::from_str(&saved).unwrap();
    let field = |v: &ron::Value, k: &str| match v {
        ron::Value::Map(m) => m.get(&ron::Value::String(k.into())).cloned(),
        _ => None,
    };
    let comps = match field(&doc, "components") {
        Some(ron::Value::Seq(s)) => s,
        other => panic!("{other:?}"),
    };
    assert!(field(&comps[0], "colour").is_some() && field(&comps[1], "colour").is_none());
    assert!(field(&field(&comps[0], "position").unwrap(), "z").is_some());
    assert!(field(&comps[1], "owner_team").is_some());

    // Loading the saved text gives the same project, and saving again the same bytes.
    let again = load_str(&saved, "again.ron").unwrap().project;
    assert_eq!(again, p);
    assert_eq!(to_ron_string(&again), saved);
}

#[test]
fn the_unknown_service_stays_flagged_and_is_written_back_as_it_was() {
    let p = load_str(FUTURE, "future.ron").unwrap().project;
    let q = p.component(ComponentId(2)).unwrap();
    assert_eq!((q.service.as_str(), q.variant.as_deref()), ("quantum-ledger", Some("qbit")));
    let problems = check(&p, Catalog::builtin());
    assert!(
        problems.iter().any(|x| x.severity == Severity::Warning
            && x.component == Some(ComponentId(2))
            && x.message.contains("quantum-ledger")),
        "{problems:?}"
    );
    let saved = to_ron_string(&p);
    assert!(saved.contains("service: \"quantum-ledger\"") && saved.contains("variant: Some(\"qbit\")"));
}

#[test]
fn unknown_fields_follow_their_component_through_edits() {
    let mut p = load_str(FUTURE, "future.ron").unwrap().project;
    // Moving components around keeps each one's fields with it.
    p.components.reverse();
    let saved = to_ron_string(&p);
    let again = load_str(&saved, "again.ron").unwrap().project;
    assert_eq!(again.unknown, p.unknown);
    // A deleted component takes its unknown fields (and its connections') with it.
    p.remove_components(&[ComponentId(1)]);
    let saved = to_ron_string(&p);
    assert!(!saved.contains("colour") && !saved.contains("protocol"), "{saved}");
    assert!(saved.contains("owner_team") && saved.contains("layout_version"), "{saved}");
    load_str(&saved, "after-delete.ron").unwrap();
}

#[test]
fn a_to_do_state_with_unknown_fields_keeps_them_when_edited() {
    let mut p = load_str(FUTURE, "future.ron").unwrap().project;
    p.set_todo_state(
        "s3.block-public-access",
        TodoState { status: Status::InProgress, assignee: "Bo".into(), note: String::new() },
    );
    let saved = to_ron_string(&p);
    assert!(saved.contains("reviewed_by: \"Ana\"") && saved.contains("\"Bo\""), "{saved}");
}

#[test]
fn inconsistent_files_are_repaired_on_load_and_the_repairs_reported() {
    let text = "(format: 1, name: \"broken\",\n\
                components: [\n\
                  (id: 1, service: \"ec2\", label: \"a\", position: (x: NaN, y: 1.0), colour: 1),\n\
                  (id: 1, service: \"s3\", label: \"b\", position: (x: 2.0, y: inf), colour: 2),\n\
                  (id: 2, service: \"s3\", label: \"c\", position: (x: -inf, y: 3.0)),\n\
                ],\n\
                connections: [(from: 1, to: 2), (from: 1, to: 8, label: \"lost\"), (from: 9, to: 1)])";
    let loaded = load_str(text, "broken.ron").unwrap();
    let p = &loaded.project;
    let msgs: Vec<&str> = loaded.repairs.iter().map(|r| r.message.as_str()).collect();
    assert_eq!(loaded.repairs.len(), 6, "{msgs:#?}");
    assert!(loaded.repairs.iter().all(|r| r.severity == Severity::Error));
    assert!(
        msgs.iter().any(|m| m.contains("used by more than one") && m.contains("now has id c3")),
        "{msgs:#?}"
    );
    assert!(msgs.iter().any(|m| m.contains("missing component c8") && m.contains("lost")), "{msgs:#?}");
    assert!(msgs.iter().any(|m| m.contains("missing component c9")), "{msgs:#?}");
    assert_eq!(msgs.iter().filter(|m| m.contains("not a finite number")).count(), 3, "{msgs:#?}");

    let ids: Vec<u64> = p.components.iter().map(|c| c.id.0).collect();
    assert_eq!(ids, vec![1, 3, 2]);
    assert!(p.components.iter().all(|c| c.position.x.is_finite() && c.position.y.is_finite()));
    assert_eq!(p.connections.len(), 1);
    // The renumbered component keeps its own unknown field.
    assert_eq!(p.unknown.get(&Anchor::Component(ComponentId(3))), &[("colour".to_string(), "2".to_string())]);
    // After repair the project is consistent: check finds no error, and it round-trips.
    assert!(check(p, Catalog::builtin()).iter().all(|x| x.severity != Severity::Error));
    let again = load_str(&to_ron_string(p), "again.ron").unwrap();
    assert!(again.repairs.is_empty());
    assert_eq!(&again.project, p);
}

#[test]
fn hostile_ids_never_panic_when_adding_a_component() {
    let p = load_str(&format!("(format: 1, components: [(id: {}, service: \"s3\")])", u64::MAX), "max.ron")
        .unwrap()
        .project;
    let id = p.next_id();
    assert!(p.component(id).is_none());
}

#[test]
fn temporary_files_left_by_a_dead_save_are_removed_at_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    save_file(&path, &project(vec![comp(1, "s3", "b")], vec![])).unwrap();
    // pid_max is at most 2^22 on Linux: no process has this id.
    let dead = [".p.ron.99999999-0.tmp", ".p.ron.bak.99999999-7.tmp"];
    // A save in progress in a live process (pid 1 always exists), a file of another project,
    // and a name that only looks similar.
    let kept = [".p.ron.1-0.tmp", ".q.ron.99999999-0.tmp", ".p.ron.notes.tmp", "p.ron.99999999-0.tmp"];
    for name in dead.iter().chain(&kept) {
        std::fs::write(dir.path().join(name), "half a save").unwrap();
    }
    save_file(&path, &project(vec![comp(1, "s3", "c")], vec![])).unwrap();
    for name in dead {
        assert!(!dir.path().join(name).exists(), "{name} was left behind");
    }
    for name in kept {
        assert!(dir.path().join(name).exists(), "{name} was removed");
    }
    assert_eq!(load_file(&path).unwrap().project.components[0].label, "c");
    assert!(
        temp_files(dir.path()).iter().all(|p| kept.iter().any(|k| p.ends_with(k))),
        "{:?}",
        temp_files(dir.path())
    );
}

#[test]
fn the_backup_is_never_absent_while_it_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let bak = dir.path().join("p.ron.bak");
    let p = project(vec![comp(1, "s3", "b")], vec![]);
    save_file(&path, &p).unwrap();
    save_file(&path, &p).unwrap();
    assert!(bak.exists());
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let (bak, stop) = (bak.clone(), stop.clone());
        std::thread::spawn(move || {
            let (mut looks, mut absent) = (0u64, 0u64);
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                looks += 1;
                if std::fs::symlink_metadata(&bak).is_err() {
                    absent += 1;
                }
            }
            (looks, absent)
        })
    };
    for i in 0..400 {
        let mut q = p.clone();
        q.name = format!("save {i}");
        save_file(&path, &q).unwrap();
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (looks, absent) = watcher.join().unwrap();
    assert_eq!(absent, 0, "the backup was missing {absent} times out of {looks} looks");
    assert_eq!(load_file(&bak).unwrap().project.name, "save 398");
    assert!(temp_files(dir.path()).is_empty(), "{:?}", temp_files(dir.path()));
}

#[test]
fn adding_to_a_huge_project_whose_top_id_is_taken_finds_free_ids_in_one_pass() {
    // 100,000 components numbered 1..=100,000 and one at u64::MAX: "one above the largest" does
    // not fit, so free ids must be looked for. Searching id by id (each a scan of the list) took
    // 5·10⁹ comparisons here (minutes); one pass takes 10⁵.
    let mut comps: Vec<_> = (1..=100_000u64).map(|i| comp(i, "s3", "")).collect();
    comps.push(comp(u64::MAX, "s3", "top"));
    let mut p = project(comps, vec![]);
    let ids = p.fresh_ids(3);
    assert_eq!(ids, vec![ComponentId(100_001), ComponentId(100_002), ComponentId(100_003)]);
    for _ in 0..100 {
        let id = p.next_id();
        assert!(p.component(id).is_none());
        p.components.push(comp(id.0, "s3", "added"));
    }
    assert_eq!(p.next_id(), ComponentId(100_101));
}

/// Found by the `load` fuzz target: with the struct name written out (`Project(...)`), the
/// positions of repairs were lost.
#[test]
fn repairs_have_positions_when_the_file_names_its_structs() {
    let text = "#![enable(implicit_some)]\nProject(format: 2, components: [\n    Component(id: 1, service: \"s3\", label: \"x\", position: Pos(x: 1e78, y: 0.0)),\n])\n";
    let loaded = srm_planner::project::load_str(text, "named.ron").expect("loads with a repair");
    assert_eq!(loaded.repairs.len(), 1, "{:?}", loaded.repairs);
    assert_eq!(loaded.repairs[0].position.map(|(l, _)| l), Some(3), "{:?}", loaded.repairs[0]);
}

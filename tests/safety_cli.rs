//! The command line on hostile or broken files: `validate` reports every problem (with
//! line:column when the file does not parse), `report` never writes over its input.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_srm-planner"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally, not by a signal")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn validate_reports_every_problem_not_just_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("many.ron");
    std::fs::write(
        &f,
        "(format: 1, name: \"many problems\",\n\
         components: [\n\
           (id: 1, service: \"ec2\", label: \"web\"),\n\
           (id: 1, service: \"s3\", label: \"bucket\"),\n\
           (id: 2, service: \"rds\", label: \"db\", position: (x: NaN, y: inf)),\n\
           (id: 3, service: \"acme-mainframe\", label: \"legacy\"),\n\
           (id: 4, service: \"ecs\", variant: Some(\"mainframe\"), label: \"tasks\"),\n\
         ],\n\
         connections: [(from: 1, to: 8), (from: 9, to: 2), (from: 1, to: 2)])",
    )
    .unwrap();
    let o = run(&["validate", s(&f)]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    for expected in [
        "used by more than one",
        "not a finite number",
        "missing component c8",
        "missing component c9",
        "acme-mainframe",
        "mainframe",
    ] {
        assert!(err.contains(expected), "`{expected}` missing from:\n{err}");
    }
    // Every problem line names the file.
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("error:") || l.contains("warning:")).collect();
    assert!(lines.len() >= 6, "{err}");
    assert!(lines.iter().all(|l| l.contains("many.ron")), "{err}");
}

#[test]
fn validate_gives_line_and_column_for_a_file_that_does_not_parse() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str); 4] = [
        ("syntax.ron", "(format: 1,\n  components: [(id: 1 service: \"s3\")])"),
        ("type.ron", "(format: 1,\n  components: [(id: 1, service: \"s3\", internet_facing: \"yes\")])"),
        ("nest.ron", &format!("(format: 1,\n  x: {}{})", "[".repeat(500), "]".repeat(500))),
        ("future.ron", "(format: 7, name: \"later\")"),
    ];
    for (name, text) in cases {
        let f = dir.path().join(name);
        std::fs::write(&f, text).unwrap();
        let o = run(&["validate", s(&f)]);
        assert_eq!(code(&o), 1, "{name}");
        let err = stderr(&o);
        let prefix = format!("{}:", f.display());
        let located = err.lines().any(|l| {
            l.split(&prefix).nth(1).is_some_and(|rest| {
                let mut parts = rest.splitn(3, ':');
                parts.next().is_some_and(|n| n.parse::<usize>().is_ok())
                    && parts.next().is_some_and(|n| n.parse::<usize>().is_ok())
            })
        });
        assert!(located, "{name}: no file:line:column in\n{err}");
        assert!(o.stdout.is_empty(), "{name}");
    }
    let o = run(&["validate", s(&dir.path().join("future.ron"))]);
    assert!(stderr(&o).contains("newer"), "{}", stderr(&o));
}

#[test]
fn validate_refuses_a_file_over_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("huge.ron");
    std::fs::File::create(&f).unwrap().set_len(64 * 1024 * 1024 + 1).unwrap();
    let o = run(&["validate", s(&f)]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("64 MiB"), "{}", stderr(&o));
}

#[test]
fn validate_accepts_a_file_from_a_newer_minor_version_with_unknown_fields() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("extra.ron");
    std::fs::write(
        &f,
        "(format: 1, name: \"x\", hologram: (z: 1), components: [(id: 1, service: \"s3\", hue: 3)])",
    )
    .unwrap();
    let o = run(&["validate", s(&f)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

fn assert_refused(input: &Path, out: &Path) {
    let before = std::fs::read(input).unwrap();
    let o = run(&["report", s(input), "--format", "html", "-o", s(out)]);
    assert_eq!(code(&o), 1, "{} -> {}: {}", input.display(), out.display(), stderr(&o));
    assert!(stderr(&o).contains("refusing"), "{}", stderr(&o));
    assert_eq!(std::fs::read(input).unwrap(), before, "the input file was changed");
}

#[test]
fn report_refuses_to_write_over_its_input_by_any_name() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("p.ron");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/saved/serverless-api.ron"), &input).unwrap();
    assert_refused(&input, &input);
    // Another spelling of the same path.
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    assert_refused(&input, &dir.path().join("sub").join("..").join("p.ron"));
    #[cfg(unix)]
    {
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&input, &link).unwrap();
        assert_refused(&input, &link);
        let hard = dir.path().join("hard.md");
        std::fs::hard_link(&input, &hard).unwrap();
        assert_refused(&input, &hard);
    }
    // A different file is fine.
    let out = dir.path().join("report.html");
    let o = run(&["report", s(&input), "--format", "html", "-o", s(&out)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(std::fs::read_to_string(&out).unwrap().contains("<html"));
}

#[test]
fn report_to_an_unwritable_place_fails_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("missing-folder").join("r.md");
    let o = run(&["report", "saved/static-site.ron", "-o", s(&out)]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("r.md"), "{}", stderr(&o));
}

/// Runs with standard output going to `stdout` and returns (exit code, stderr).
fn run_to(args: &[&str], stdout: std::process::Stdio) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_srm-planner"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(stdout)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs")
        .wait_with_output()
        .unwrap();
    (
        o.status.code().expect("exited normally, not by a signal"),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

const WRITERS: &[&[&str]] = &[
    &["stack", "ec2"],
    &["stack", "ec2", "--format", "json"],
    &["catalog"],
    &["catalog", "--format", "json"],
    &["catalog", "--lint"],
    &["validate", "saved/static-site.ron"],
    &["report", "saved/three-tier-web-app.ron"],
    &["report", "saved/three-tier-web-app.ron", "--format", "json"],
];

#[cfg(target_os = "linux")]
#[test]
fn a_full_standard_output_is_an_error_not_a_panic() {
    for args in WRITERS {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let (code, err) = run_to(args, full.into());
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(err.contains("cannot write to standard output"), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: reported once: {err}");
    }
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_is_an_error_not_a_panic() {
    for args in WRITERS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_srm-planner"))
            .args(*args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before the first write (as `| head -c 0` would).
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
    }
}

#[test]
fn validate_gives_line_and_column_for_what_the_load_repaired() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("repairs.ron");
    std::fs::write(
        &f,
        "(format: 2, name: \"repairs\",\n\
         boundaries: [\n\
           (id: 1, kind: \"vpc\", label: \"a parent: here\", parent: Some(9), rect: (x: 0.0, y: 0.0, w: 100.0, h: 100.0)),\n\
           (id: 1, kind: \"vpc\", rect: (x: 0.0, y: 0.0, w: -5.0, h: 100.0)),\n\
         ],\n\
         components: [\n\
           (id: 1, service: \"ec2\", label: \"web\"),\n\
           (id: 1, service: \"s3\", label: \"bucket\"),\n\
           (id: 2, service: \"rds\", label: \"db position: x\", position: (x: NaN, y: 0.0), boundary: Some(7)),\n\
         ],\n\
         connections: [(from: 1, to: 2),\n  (from: 1, to: 8)])",
    )
    .unwrap();
    let o = run(&["validate", s(&f)]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    let at = |needle: &str| -> String {
        let line =
            err.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("`{needle}` missing:\n{err}"));
        line.strip_prefix(&format!("{}:", f.display())).unwrap().split(": ").next().unwrap().to_string()
    };
    // Where `needle` is in the file, as line:column.
    let text = std::fs::read_to_string(&f).unwrap();
    let pos = |line: usize, needle: &str| -> String {
        let l = text.lines().nth(line - 1).unwrap();
        format!("{line}:{}", l.find(needle).unwrap_or_else(|| panic!("{needle} not on line {line}")) + 1)
    };
    assert_eq!(at("component id c1 is used by more than one"), pos(8, "id: 1"), "{err}");
    assert_eq!(at("not a finite number"), pos(9, "position: ("), "{err}");
    assert_eq!(at("sits in boundary b7"), pos(9, "boundary: Some"), "{err}");
    assert_eq!(at("missing component c8"), pos(12, "(from: 1, to: 8)"), "{err}");
    assert_eq!(at("boundary id b1 is used by more than one"), pos(4, "id: 1"), "{err}");
    assert_eq!(at("cannot be drawn"), pos(4, "rect:"), "{err}");
    assert_eq!(at("names parent b9"), pos(3, "parent: Some"), "{err}");
}

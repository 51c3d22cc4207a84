//! Project files: RON round trip, errors with line:column, unknown services kept.

mod common;
use common::*;
use srm_planner::catalog::Catalog;
use srm_planner::project::{Severity, TodoState, check, from_ron_str, load_file, save_file, to_ron_string};
use srm_planner::vocab::{DataClass, Framework, Status};

#[test]
fn a_project_survives_save_and_load_unchanged() {
    let mut a = comp(1, "ec2", "Web \"quoted\" ünïcode");
    a.internet_facing = true;
    a.data = DataClass::Regulated;
    a.variant = Some("x".into());
    a.notes = "line one\nline two".into();
    let mut p = project(vec![a, comp(7, "s3", "Bucket")], vec![link(1, 7, false)]);
    p.description = "desc".into();
    p.compliance = vec![Framework::Hipaa];
    p.set_todo_state(
        "s3.block-public-access",
        TodoState { status: Status::InProgress, assignee: "Ana".into(), note: "n".into() },
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    save_file(&path, &p).unwrap();
    let back = load_file(&path).unwrap().project;
    assert_eq!(back, p);
    // Saving again gives the same bytes: files diff cleanly.
    assert_eq!(to_ron_string(&back), std::fs::read_to_string(&path).unwrap());
}

#[test]
fn every_example_round_trips_byte_for_byte() {
    for path in examples() {
        let p = load_file(&path).unwrap_or_else(|e| panic!("{e}")).project;
        let text = to_ron_string(&p);
        let again = from_ron_str(&text, "again").unwrap();
        assert_eq!(again, p, "{}", path.display());
        // The examples are stored as the app writes them: one line per component, connection
        // and to-do state, so opening and saving one changes nothing in git.
        let on_disk = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, on_disk, "{} is not in the saved layout", path.display());
    }
}

#[test]
fn a_broken_file_names_file_line_and_column() {
    let text = "(\n    format: 1,\n    name: \"x\",\n    components: [\n        (id: 1, service: \"ec2\" label: \"a\"),\n    ],\n)\n";
    let err = from_ron_str(text, "broken.ron").unwrap_err();
    assert_eq!(err.file, "broken.ron");
    assert_eq!(err.line, Some(5), "{err}");
    assert!(err.column.is_some_and(|c| c > 20), "{err}");
    assert!(err.to_string().starts_with("broken.ron:5:"), "{err}");
}

#[test]
fn a_newer_format_is_refused_with_a_message_that_says_so() {
    let err = from_ron_str("(format: 99, name: \"future\")", "new.ron").unwrap_err();
    assert!(err.to_string().contains("format 99"), "{err}");
    assert!(err.to_string().contains("newer"), "{err}");
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    let err = load_file(std::path::Path::new("/nonexistent/dir/p.ron")).unwrap_err();
    assert!(err.to_string().starts_with("/nonexistent/dir/p.ron"), "{err}");
}

#[test]
fn an_unknown_service_loads_with_a_warning_and_survives_a_save() {
    let text = "(format: 1, name: \"x\", components: [(id: 1, service: \"acme-mainframe\", variant: Some(\"zos\"), label: \"Legacy\", position: (x: 1.5, y: 2.0))])";
    let p = from_ron_str(text, "x.ron").unwrap();
    let problems = check(&p, Catalog::builtin());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].severity, Severity::Warning);
    assert!(problems[0].message.contains("acme-mainframe"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.ron");
    save_file(&path, &p).unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("\"acme-mainframe\"") && saved.contains("\"zos\""), "{saved}");
    assert_eq!(load_file(&path).unwrap().project, p);
}

#[test]
fn saving_keeps_the_previous_version_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let mut p = project(vec![comp(1, "ec2", "old")], vec![]);
    save_file(&path, &p).unwrap();
    p.components[0].label = "new".into();
    save_file(&path, &p).unwrap();
    let bak = std::fs::read_to_string(dir.path().join("p.ron.bak")).unwrap();
    assert!(bak.contains("\"old\""));
    assert!(std::fs::read_to_string(&path).unwrap().contains("\"new\""));
}

#[test]
fn a_newer_format_whose_fields_changed_shape_is_refused_as_newer() {
    for text in [
        // `components` became a map, `name` a struct, and a field is not even valid today.
        "(format: 3, name: (en: \"x\"), components: {\"web\": (kind: \"ec2\")}, boundaries: 5)",
        // The format is not the first field.
        "(name: \"x\", components: {1: 2}, format: 4)",
        // A newer file that this version cannot even read to the end.
        "(\n  format: 7,\n  components: [(id: \"one\", service: 3, position: [1, 2, 3])],\n  broken",
    ] {
        let err = from_ron_str(text, "new.ron").unwrap_err();
        assert!(err.message.contains("newer"), "{text}: {err}");
        assert!(err.line.is_some() && err.column.is_some(), "{err}");
    }
    let err = from_ron_str("(\n  format: 7,\n  components: {})", "new.ron").unwrap_err();
    assert_eq!((err.line, err.column), (Some(2), Some(11)), "the position of the format: {err}");
}

#[test]
fn a_byte_order_mark_is_skipped_and_positions_stay_right() {
    let p = from_ron_str("\u{FEFF}(format: 2, name: \"bom\")", "bom.ron").unwrap();
    assert_eq!(p.name, "bom");
    let err = from_ron_str("\u{FEFF}(format: 2, name: 5)", "bom.ron").unwrap_err();
    assert_eq!(err.line, Some(1), "{err}");
    let plain = from_ron_str("(format: 2, name: 5)", "bom.ron").unwrap_err();
    assert_eq!(err, plain, "counted as an editor shows it, after the mark");
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bom.ron");
    std::fs::write(
        &f,
        "\u{FEFF}(format: 1, name: \"from an editor\", components: [(id: 1, service: \"s3\")])",
    )
    .unwrap();
    assert_eq!(load_file(&f).unwrap().project.components.len(), 1);
}

//! Importing infrastructure code through the app: File → Import infrastructure… (several files
//! at once) opens the summary and makes a new untitled project whose import is one undo step;
//! File → Import into this project… keeps what the user did and offers to remove what the code
//! no longer has. File dialogs are scripted.

mod gui_support;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use gui_support::*;
use srm_planner::gui::modals::Dialog;

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(format!("{}/tests/fixtures/iac/{name}", env!("CARGO_MANIFEST_DIR")))
}

#[test]
fn import_from_the_menu_shows_the_summary_and_undoes_in_one_step() {
    let (mut h, script) = harness_with(small_project());
    h.run();
    script.lock().unwrap().import_answers.push_back(vec![fixture("shop.yaml"), fixture("orders-sam.yaml")]);
    file_menu(&mut h, "Import infrastructure…");
    let app = h.state();
    let Some(Dialog::ImportSummary { summary, gone }) = app.dialog() else {
        panic!("expected the summary, got {:?}", app.dialog())
    };
    assert_eq!(summary.inputs.len(), 2);
    assert!(gone.is_empty());
    assert_eq!(app.path(), None, "a new, untitled project");
    assert!(app.project().components.iter().any(|c| c.source.as_deref() == Some("Front")));
    assert!(app.project().components.iter().any(|c| c.source.as_deref() == Some("Intake")));
    assert!(!app.project().boundaries.is_empty());
    // The summary names what was left out and why (that section is open).
    assert!(h.query_by_label_contains("custom resource").is_some());
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().dialog().is_none());
    key(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().project().components.is_empty(), "one undo step takes the whole import back");
    key(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert!(!h.state().project().components.is_empty());
}

#[test]
fn a_file_that_does_not_import_shows_where_and_keeps_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "Resources:\n  A: [1\n").unwrap();
    let (mut h, script) = harness_with(small_project());
    h.run();
    script.lock().unwrap().import_answers.push_back(vec![bad]);
    file_menu(&mut h, "Import infrastructure…");
    match h.state().dialog() {
        Some(Dialog::Error { message, .. }) => assert!(message.contains("bad.yaml:"), "{message}"),
        other => panic!("expected an error, got {other:?}"),
    }
    assert_eq!(h.state().project(), &small_project());
}

#[test]
fn reimport_keeps_edits_and_offers_to_remove_what_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let code = dir.path().join("shop.yaml");
    let text = std::fs::read_to_string(fixture("shop.yaml")).unwrap();
    std::fs::write(&code, &text).unwrap();
    let first = srm_planner::import::import(
        srm_planner::catalog::Catalog::builtin(),
        &[srm_planner::import::InputFile::read(&code).unwrap()],
    )
    .unwrap()
    .project;
    let mut project = first.clone();
    let front = project.components.iter().position(|c| c.source.as_deref() == Some("Front")).unwrap();
    project.components[front].label = "Edge".into();
    let (mut h, script) = harness_with(project);
    h.run();
    // The bucket is gone from the code.
    std::fs::write(&code, text.replace("  Assets:\n    Type: AWS::S3::Bucket\n    Condition: IsProd\n", ""))
        .unwrap();
    script.lock().unwrap().import_answers.push_back(vec![code.clone()]);
    file_menu(&mut h, "Import into this project…");
    let Some(Dialog::ImportSummary { gone, .. }) = h.state().dialog() else { panic!("expected the summary") };
    assert_eq!(gone.len(), 1);
    assert_eq!(h.state().project().components.len(), first.components.len(), "kept until the user says");
    h.get_by_label_contains("Remove 1 component").click();
    h.run();
    let p = h.state().project();
    assert!(!p.components.iter().any(|c| c.source.as_deref() == Some("Assets")));
    assert!(p.components.iter().any(|c| c.label == "Edge"), "the user's label stays");
    key(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(
        h.state().project().components.iter().any(|c| c.source.as_deref() == Some("Assets")),
        "undo brings it back"
    );
}

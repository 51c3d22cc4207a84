//! Scanner findings in the app: File → Load findings… matches them to the checklist, the item
//! shows a badge and offers "mark done?" without setting anything itself, failing components are
//! marked, the project records the files (relative to itself) and Reload reads them again.

mod gui_support;

use egui_kittest::kittest::Queryable;
use gui_support::*;
use srm_planner::gui::view::{ChecklistFilter, ComponentFilter};
use srm_planner::project::{Component, ComponentId, Pos, Project};
use srm_planner::vocab::{Domain, Status};

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(format!("{}/tests/fixtures/findings/{name}", env!("CARGO_MANIFEST_DIR")))
}

fn comp(id: u64, service: &str, label: &str, source: &str) -> Component {
    Component {
        id: ComponentId(id),
        service: service.into(),
        variant: None,
        label: label.into(),
        position: Pos { x: id as f32 * 260.0, y: 0.0 },
        internet_facing: false,
        data: Default::default(),
        notes: String::new(),
        boundary: None,
        source: Some(source.into()),
    }
}

fn project() -> Project {
    Project {
        name: "Scanned".into(),
        components: vec![
            comp(1, "rds", "Orders", "module.data.aws_db_instance.orders"),
            comp(2, "ec2", "Web 1", "aws_instance.web[1]"),
            comp(3, "ec2", "Web 0", "aws_instance.web[0]"),
        ],
        ..Project::default()
    }
}

#[test]
fn loaded_findings_badge_items_mark_nodes_and_only_suggest() {
    let dir = tempfile::tempdir().unwrap();
    let scans = dir.path().join("scans");
    std::fs::create_dir(&scans).unwrap();
    std::fs::copy(fixture("checkov-list.json"), scans.join("checkov.json")).unwrap();
    // A second scan, one report: the database's encryption passes.
    std::fs::write(
        scans.join("db.json"),
        r#"{"check_type": "terraform", "results": {"passed_checks": [{"check_id": "CKV_AWS_16", "check_result": {"result": "PASSED"},
            "resource": "aws_db_instance.orders", "resource_address": "module.data.aws_db_instance.orders"}], "failed_checks": []}}"#,
    )
    .unwrap();
    let saved = dir.path().join("scanned.ron");
    srm_planner::project::save_file(&saved, &project()).unwrap();
    let (mut h, script) = harness_with(project());
    h.run();
    assert!(h.state_mut().open_path(&saved));
    h.run();
    script.lock().unwrap().findings_answers.push_back(vec![scans.join("checkov.json")]);
    script.lock().unwrap().findings_answers.push_back(vec![scans.join("db.json")]);
    file_menu(&mut h, "Load findings…");
    let app = h.state();
    let ev = app.derived().evidence.as_ref().expect("evidence");
    assert_eq!(ev.todo("ec2.require-imdsv2").map(|e| (e.passed, e.failed)), Some((1, 1)));
    assert_eq!(app.derived().node(ComponentId(2)).unwrap().failing, 1, "the failing instance is marked");
    assert_eq!(app.derived().node(ComponentId(3)).unwrap().failing, 0);
    assert_eq!(
        app.project().findings,
        vec!["scans/checkov.json".to_string()],
        "recorded relative to the project"
    );
    assert!(app.project().findings_checked.is_some());
    // Show the failing instance's hardening items, then the database's data-protection items.
    h.state_mut().view.filter = ChecklistFilter {
        domain: Some(Domain::ComputeHardening),
        component: ComponentFilter::One(ComponentId(2)),
        ..Default::default()
    };
    h.run();
    assert!(h.query_by_label_contains("1 failing").is_some(), "a badge on the failing item");
    // Another scan replaces the first: the database's encryption now only passes.
    file_menu(&mut h, "Load findings…");
    assert_eq!(h.state().project().findings, vec!["scans/db.json".to_string()]);
    h.state_mut().view.filter = ChecklistFilter {
        domain: Some(Domain::DataProtection),
        component: ComponentFilter::One(ComponentId(1)),
        ..Default::default()
    };
    h.run();
    // RDS encryption: the only result passes, so the app offers to mark it done.
    let offer = "All 1 pass — mark done?";
    assert!(h.query_by_label(offer).is_some());
    assert_eq!(
        h.state().project().todo_state("rds.encrypt-at-rest").status,
        Status::Open,
        "nothing is set by itself"
    );
    h.get_by_label(offer).click();
    h.run();
    assert_eq!(h.state().project().todo_state("rds.encrypt-at-rest").status, Status::Done);
    // Clear, then reload from what the project recorded.
    file_menu(&mut h, "Clear findings");
    assert!(h.state().derived().evidence.is_none());
    file_menu(&mut h, "Reload findings");
    assert!(h.state().derived().evidence.is_some());
}

#[test]
fn a_broken_findings_file_is_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "[{\"check_type\": ").unwrap();
    let (mut h, script) = harness_with(project());
    h.run();
    script.lock().unwrap().findings_answers.push_back(vec![bad]);
    file_menu(&mut h, "Load findings…");
    match h.state().dialog() {
        Some(srm_planner::gui::modals::Dialog::Error { message, .. }) => {
            assert!(message.contains("bad.json:1:"), "{message}")
        }
        other => panic!("expected an error, got {other:?}"),
    }
    assert!(h.state().derived().evidence.is_none());
    assert!(h.state().project().findings.is_empty());
}

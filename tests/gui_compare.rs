//! What-if and compare in the app: inspector → Compare… puts the component's stack beside an
//! alternative's (EC2 beside ECS on Fargate), lists the duties gained and lost, and Apply makes
//! the change as one undo step; File → Compare with… marks added and changed nodes and lists the
//! diff; Compare with saved version follows the edits.

mod gui_support;

use egui::Modifiers;
use egui_kittest::kittest::Queryable;
use gui_support::*;
use srm_planner::project::ComponentId;

#[test]
fn compare_a_component_with_an_alternative_and_apply_it() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    click_node(&mut h, 2, Modifiers::NONE);
    h.get_by_label("Compare…").click();
    h.run();
    assert!(h.query_by_label("Compare Web servers").is_some(), "the window opens");
    // Pick ECS on Fargate among the alternatives of EC2.
    h.get_by_label("Instead:").click();
    h.run();
    h.get_by_label("ECS · AWS Fargate").click();
    h.run();
    assert!(h.query_by_label_contains("move to AWS").is_some(), "the headline says what moves");
    assert!(h.query_by_label_contains("Duties gained").is_some());
    assert!(h.query_by_label_contains("Duties lost").is_some());
    assert_eq!(
        h.state().project().component(ComponentId(2)).unwrap().service,
        "ec2",
        "nothing changes before Apply"
    );
    h.get_by_label("Apply").click();
    h.run();
    let c = h.state().project().component(ComponentId(2)).unwrap().clone();
    assert_eq!((c.service.as_str(), c.variant.as_deref()), ("ecs", Some("fargate")));
    assert!(h.query_by_label("Compare Web servers").is_none(), "Apply closes the window");
    key(&mut h, Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(h.state().project().component(ComponentId(2)).unwrap().service, "ec2", "one undo step");
}

#[test]
fn compare_with_a_file_marks_nodes_and_lists_the_diff() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("before.ron");
    let mut before = small_project();
    before.components.retain(|c| c.id != ComponentId(3));
    before.components[1].service = "lambda".into();
    srm_planner::project::save_file(&other, &before).unwrap();
    let (mut h, script) = harness_with(small_project());
    h.run();
    script.lock().unwrap().open_answers.push_back(Some(other));
    file_menu(&mut h, "Compare with…");
    use srm_planner::gui::compare_file::Mark;
    let d = h.state().derived();
    assert_eq!(d.node(ComponentId(3)).unwrap().mark, Some(Mark::Added), "the bucket is new");
    assert_eq!(d.node(ComponentId(2)).unwrap().mark, Some(Mark::Changed), "Lambda became EC2");
    assert_eq!(d.node(ComponentId(1)).unwrap().mark, None);
    assert!(h.query_by_label("Compared with before.ron").is_some());
    assert!(h.query_by_label_contains("Assets (s3)").is_some());
    h.get_by_label("Stop comparing").click();
    h.run();
    assert_eq!(h.state().derived().node(ComponentId(3)).unwrap().mark, None);
}

#[test]
fn compare_with_the_saved_version_follows_edits() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    file_menu(&mut h, "Compare with saved version");
    assert!(h.query_by_label("No change in who secures what").is_some());
    click_node(&mut h, 3, Modifiers::NONE);
    key(&mut h, Modifiers::NONE, egui::Key::Delete);
    h.run();
    assert!(h.query_by_label_contains("Assets (s3) removed").is_some(), "the removal is listed");
}

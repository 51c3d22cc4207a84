//! The canvas and palette, driven as a user would: search and add services, connect them,
//! select, move, delete, duplicate, copy and paste, rename, undo and redo.

mod gui_support;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use gui_support::*;
use srm_planner::project::{ComponentId, Project};

#[test]
fn palette_search_finds_databases_and_queues() {
    let (mut h, _) = harness_with(Project::default());
    h.get_by_label("Search").click();
    h.run();
    h.get_by_label("Search").type_text("db");
    h.run();
    h.get_by_label(&name("rds"));
    h.get_by_label(&name("dynamodb"));
    assert!(h.query_by_label(&name("sqs")).is_none(), "SQS is not a database");
    h.get_by_label("Search").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Search").type_text("queue");
    h.run();
    h.get_by_label(&name("sqs"));
    assert!(h.query_by_label(&name("rds")).is_none());
}

#[test]
fn double_click_in_palette_adds_the_service_at_the_view_centre() {
    let (mut h, _) = harness_with(Project::default());
    search(&mut h, "dynamodb");
    let dynamodb = name("dynamodb");
    pause(&mut h);
    let entry = h.get_by_label(&dynamodb);
    entry.click();
    entry.click();
    h.run();
    let app = h.state();
    assert_eq!(app.project().components.len(), 1);
    let c = &app.project().components[0];
    assert_eq!(c.service, "dynamodb");
    assert!(app.view.selection.components.contains(&c.id), "the new component is selected");
    let centre = app.canvas.view_center();
    assert!((c.position.x - centre.x).abs() < 60.0 && (c.position.y - centre.y).abs() < 60.0);
    assert!(app.is_dirty());
}

#[test]
fn dragging_from_the_palette_drops_the_service_where_released() {
    let (mut h, _) = harness_with(Project::default());
    search(&mut h, "sqs");
    let from = h.get_by_label(&name("sqs")).rect().center();
    let target = h.state().canvas.screen_rect().center() + egui::vec2(-100.0, 50.0);
    drag(&mut h, from, target, Modifiers::NONE);
    let app = h.state();
    assert_eq!(app.project().components.len(), 1, "dropped once");
    let c = &app.project().components[0];
    assert_eq!(c.service, "sqs");
    let on_screen = app.canvas.to_screen(egui::pos2(c.position.x, c.position.y));
    assert!(on_screen.distance(target) < 30.0, "dropped at {on_screen:?}, released at {target:?}");
}

#[test]
fn dragging_from_a_handle_to_another_node_connects_them() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    let from = {
        let app = h.state();
        app.canvas.handle_screen_pos(app.project().component(ComponentId(2)).unwrap())
    };
    let to = node_center(&h, 3);
    drag(&mut h, from, to, Modifiers::NONE);
    let p = h.state().project();
    assert_eq!(p.connections.len(), 2);
    let k = &p.connections[1];
    assert_eq!((k.from, k.to), (ComponentId(2), ComponentId(3)));
    assert!(!k.encrypted, "new connections start unencrypted until the user says otherwise");
    // Nodes did not move while connecting.
    assert_eq!(p.component(ComponentId(2)).unwrap().position.x, 300.0);
}

#[test]
fn click_shift_click_drag_moves_the_selection_together() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    click_node(&mut h, 2, Modifiers::NONE);
    click_node(&mut h, 3, Modifiers::SHIFT);
    assert_eq!(h.state().view.selection.ids(), vec![ComponentId(2), ComponentId(3)]);
    let zoom = h.state().canvas.zoom();
    let start = node_center(&h, 2);
    drag(&mut h, start, start + egui::vec2(96.0 * zoom, 48.0 * zoom), Modifiers::NONE);
    let p = h.state().project();
    let (a, b) =
        (p.component(ComponentId(2)).unwrap().position, p.component(ComponentId(3)).unwrap().position);
    assert!((a.x - 396.0).abs() < 13.0 && (a.y - 48.0).abs() < 13.0, "{a:?}");
    assert_eq!((b.x - a.x, b.y - a.y), (0.0, 200.0), "moved together");
    assert_eq!(p.component(ComponentId(1)).unwrap().position.x, 0.0, "unselected node stays");
    // One drag is one undo step.
    key(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project().component(ComponentId(2)).unwrap().position.x, 300.0);
}

#[test]
fn shift_drag_on_the_background_selects_a_band() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    // From above-left of the EC2 node to below-right of the S3 node.
    let (a, b) = (node_center(&h, 2), node_center(&h, 3));
    let zoom = h.state().canvas.zoom();
    let from = a + egui::vec2(-120.0, -60.0) * zoom;
    let to = b + egui::vec2(120.0, 60.0) * zoom;
    let scene_before = h.state().canvas.scene_rect;
    drag(&mut h, from, to, Modifiers::SHIFT);
    let app = h.state();
    assert_eq!(app.view.selection.ids(), vec![ComponentId(2), ComponentId(3)]);
    assert_eq!(app.canvas.scene_rect, scene_before, "a band does not pan");
}

#[test]
fn dragging_the_background_pans_the_view() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    let r = h.state().canvas.screen_rect();
    let before = h.state().canvas.scene_rect;
    let from = r.left_bottom() + egui::vec2(30.0, -30.0);
    drag(&mut h, from, from + egui::vec2(80.0, -40.0), Modifiers::NONE);
    let after = h.state().canvas.scene_rect;
    assert!(after.min.x < before.min.x && after.min.y > before.min.y, "{before:?} -> {after:?}");
    assert_eq!(h.state().project(), &small_project(), "panning changes nothing in the project");
}

#[test]
fn delete_duplicate_select_all_escape_undo_redo() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    click_node(&mut h, 2, Modifiers::NONE);
    key(&mut h, Modifiers::NONE, Key::Delete);
    let p = h.state().project();
    assert_eq!(p.components.len(), 2);
    assert!(p.connections.is_empty(), "its connection went with it");
    key(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project(), &small_project());
    key(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(h.state().project().components.len(), 2);
    key(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(h.state().project().components.len(), 2, "nothing more to redo");
    key(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project(), &small_project());

    key(&mut h, Modifiers::COMMAND, Key::A);
    assert_eq!(h.state().view.selection.components.len(), 3);
    key(&mut h, Modifiers::COMMAND, Key::D);
    let p = h.state().project();
    assert_eq!(p.components.len(), 6);
    assert_eq!(p.connections.len(), 2, "the copy keeps its inner connection");
    assert_eq!(h.state().view.selection.ids(), vec![ComponentId(4), ComponentId(5), ComponentId(6)]);
    key(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().view.selection.is_empty());
    key(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project(), &small_project());
    assert!(!h.state().is_dirty(), "undo back to the opened state is clean");
}

#[test]
fn copy_and_paste_within_the_app() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    click_node(&mut h, 3, Modifiers::NONE);
    h.event(egui::Event::Copy);
    h.run();
    h.event(egui::Event::Paste(String::new()));
    h.run();
    h.event(egui::Event::Paste(String::new()));
    h.run();
    let p = h.state().project();
    assert_eq!(p.components.len(), 5);
    let pasted: Vec<_> = p.components[3..].iter().map(|c| (c.service.as_str(), c.label.as_str())).collect();
    assert_eq!(pasted, vec![("s3", "Assets"), ("s3", "Assets")]);
    assert_ne!(p.components[3].position, p.components[4].position, "each paste lands further along");
}

#[test]
fn double_click_renames_in_place() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    double_click_node(&mut h, 3);
    assert!(h.state().canvas.is_renaming());
    // The field opens focused, with the current label.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("Static files".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().project().component(ComponentId(3)).unwrap().label, "Static files");
    key(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project().component(ComponentId(3)).unwrap().label, "Assets");
}

#[test]
fn zoom_to_fit_shows_every_node() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    h.state_mut().canvas.scene_rect =
        egui::Rect::from_min_size(egui::pos2(5000.0, 5000.0), egui::vec2(400.0, 300.0));
    h.run();
    key(&mut h, Modifiers::NONE, Key::F);
    let app = h.state();
    let screen = app.canvas.screen_rect();
    for c in &app.project().components {
        assert!(screen.contains_rect(app.canvas.node_screen_rect(c)), "{} is in view", c.label);
    }
}

/// A large project's stacks and checklist are worked out on a worker thread. An added component
/// is on the canvas, with its own service and stack, in the frame that adds it; once the worker
/// is done the checklist covers it; and however many edits came while the worker was busy, the
/// checklist in the end is the one of the project as it is.
#[test]
fn a_large_project_shows_an_edit_at_once_and_its_checklist_when_worked_out() {
    use srm_planner::gui::{SrmApp, derived::Derived};
    type Harness = egui_kittest::Harness<'static, SrmApp>;
    let (mut h, _) = harness_with(small_project());
    h.state_mut().set_background_from(1);
    h.run();
    h.state_mut().wait_until_up_to_date();
    h.run();
    let fresh = |h: &Harness| Derived::compute(h.state().catalog(), h.state().project(), 0);
    assert_eq!(h.state().derived().checklist, fresh(&h).checklist);

    click_node(&mut h, 3, Modifiers::NONE);
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.step();
    assert_eq!(h.state().project().components.len(), 4, "added in that frame");
    let label = "Assets (S3)";
    assert_eq!(h.query_all_by_label(label).count(), 2, "and drawn with its service in that frame");
    h.state_mut().wait_until_up_to_date();
    h.run();
    let d = h.state().derived();
    assert!(!d.items_of(ComponentId(4)).is_empty(), "the checklist covers the copy");
    assert_eq!(d.items_of(ComponentId(4)), d.items_of(ComponentId(3)), "as it covers the original");
    assert_eq!(d.checklist, fresh(&h).checklist);

    // A burst of edits, one frame each, without waiting for the worker in between.
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::D);
        h.step();
    }
    click_node(&mut h, 1, Modifiers::NONE);
    h.key_press(Key::Delete);
    h.step();
    h.state_mut().wait_until_up_to_date();
    h.run();
    assert_eq!(h.state().project().components.len(), 6);
    assert_eq!(h.state().derived().checklist, fresh(&h).checklist, "the checklist of the last edit");
    assert!(h.state().derived().node(ComponentId(1)).is_none(), "the deleted one is gone");

    // Undo all the way back: the opened project, its checklist, and a clean document.
    for _ in 0..5 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.step();
    }
    h.state_mut().wait_until_up_to_date();
    h.run();
    assert_eq!(h.state().project(), &small_project());
    assert_eq!(h.state().derived().checklist, fresh(&h).checklist);
    assert!(!h.state().is_dirty());
}

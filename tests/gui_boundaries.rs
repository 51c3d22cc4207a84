//! Boundaries on the canvas, driven as a user would: draw one from the palette, drop a node
//! into it and drag it out, move the box with its members, resize it, delete it, undo.

mod gui_support;

use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gui_support::*;
use srm_planner::gui::SrmApp;
use srm_planner::project::{Boundary, BoundaryId, ComponentId, Project, Rect};

/// A project with one VPC box holding one node, a second node outside it and a third one well
/// to the right (outside, reachable by a resize).
fn boxed_project() -> Project {
    let mut p = Project { name: "Boxes".into(), ..Project::default() };
    p.boundaries.push(Boundary {
        id: BoundaryId(1),
        kind: "vpc".into(),
        label: "Shop VPC".into(),
        parent: None,
        rect: Rect { x: -100.0, y: -100.0, w: 500.0, h: 320.0 },
        source: None,
    });
    let mut inside = comp(1, "ec2", "Web servers", 100.0, 60.0);
    inside.boundary = Some(BoundaryId(1));
    p.components.push(inside);
    p.components.push(comp(2, "rds", "Orders DB", 100.0, 420.0));
    p.components.push(comp(3, "s3", "Assets", 560.0, 60.0));
    p
}

fn screen(h: &Harness<'static, SrmApp>, x: f32, y: f32) -> Pos2 {
    h.state().canvas.to_screen(Pos2::new(x, y))
}

fn title_point(h: &Harness<'static, SrmApp>, id: u64) -> Pos2 {
    let b = h.state().project().boundary(BoundaryId(id)).unwrap().rect;
    screen(h, b.x + b.w * 0.6, b.y + 12.0)
}

/// A plain left click at a screen point.
fn click_at(h: &mut Harness<'static, SrmApp>, p: Pos2) {
    let press = |pressed| egui::Event::PointerButton {
        pos: p,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    h.event(egui::Event::PointerMoved(p));
    h.event(press(true));
    h.event(press(false));
    h.run();
}

fn member_of(h: &Harness<'static, SrmApp>, id: u64) -> Option<BoundaryId> {
    h.state().project().component(ComponentId(id)).unwrap().boundary
}

#[test]
fn a_boundary_dragged_from_the_palette_is_drawn_where_dropped_and_takes_in_the_nodes_under_it() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    search(&mut h, "private subnet");
    let from = h.get_by_label("Private subnet").rect().center();
    // Drop so that the box covers the web servers (canvas (300, 0)).
    let target = screen(&h, 260.0, -60.0);
    drag(&mut h, from, target, Modifiers::NONE);
    let app = h.state();
    assert_eq!(app.project().boundaries.len(), 1, "dropped once");
    let b = &app.project().boundaries[0];
    assert_eq!(b.kind, "private-subnet");
    assert!(app.view.selection.boundaries.contains(&b.id), "the new boundary is selected");
    assert_eq!(
        member_of(&h, 2),
        Some(b.id),
        "the node under the new box is in it: {:?} {:?}",
        b.rect,
        app.project().components
    );
    assert_eq!(member_of(&h, 1), None);
    // Leave the search box, then undo.
    let empty = h.state().canvas.screen_rect().min + Vec2::new(12.0, 12.0);
    click_at(&mut h, empty);
    key(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().project().boundaries.is_empty(), "one undo removes the box and its membership");
    assert_eq!(member_of(&h, 2), None);
}

#[test]
fn dragging_a_node_into_a_box_makes_it_a_member_and_out_again_removes_it() {
    let (mut h, _) = harness_with(boxed_project());
    h.run();
    let (from, to) = (node_center(&h, 2), screen(&h, 200.0, 120.0));
    drag(&mut h, from, to, Modifiers::NONE);
    assert_eq!(member_of(&h, 2), Some(BoundaryId(1)));
    let (from, to) = (node_center(&h, 1), screen(&h, 100.0, 600.0));
    drag(&mut h, from, to, Modifiers::NONE);
    assert_eq!(member_of(&h, 1), None, "dragged out of the VPC");
    key(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(member_of(&h, 1), Some(BoundaryId(1)), "undo puts it back in");
}

#[test]
fn moving_a_boundary_by_its_title_moves_its_members_with_it() {
    let (mut h, _) = harness_with(boxed_project());
    h.run();
    let before = h.state().project().clone();
    let from = title_point(&h, 1);
    let zoom = h.state().canvas.zoom();
    drag(&mut h, from, from + Vec2::new(0.0, 120.0) * zoom, Modifiers::NONE);
    let p = h.state().project();
    let dy = p.boundary(BoundaryId(1)).unwrap().rect.y - before.boundary(BoundaryId(1)).unwrap().rect.y;
    assert!((dy - 120.0).abs() < 30.0, "the box moved down about 120 units (moved {dy})");
    let member_dy = p.component(ComponentId(1)).unwrap().position.y - 60.0;
    assert!((member_dy - dy).abs() < 0.01, "the member moved with it");
    assert_eq!(
        p.component(ComponentId(3)).unwrap().position,
        before.component(ComponentId(3)).unwrap().position
    );
    assert!(h.state().view.selection.boundaries.contains(&BoundaryId(1)));
    key(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project().boundaries, before.boundaries, "undo puts the box back");
    assert_eq!(h.state().project().components, before.components);
}

#[test]
fn resizing_by_a_corner_grows_the_box_and_takes_in_what_it_now_covers() {
    let (mut h, _) = harness_with(boxed_project());
    h.run();
    // Select the box, then drag its bottom-right corner to the right.
    let t = title_point(&h, 1);
    click_at(&mut h, t);
    assert!(h.state().view.selection.boundaries.contains(&BoundaryId(1)));
    let corner = screen(&h, 400.0, 220.0);
    let to = screen(&h, 720.0, 220.0);
    drag(&mut h, corner, to, Modifiers::NONE);
    let r = h.state().project().boundary(BoundaryId(1)).unwrap().rect;
    assert!((r.w - 820.0).abs() < 30.0, "width {}", r.w);
    assert_eq!((r.x, r.y), (-100.0, -100.0), "the opposite corner stays");
    assert_eq!(member_of(&h, 3), Some(BoundaryId(1)), "the bucket is now inside");
    // The inspector shows the boundary with its kind and members.
    h.get_by_label("Kind");
    h.get_by_label("Assets");
}

#[test]
fn deleting_a_boundary_keeps_its_members_and_undo_brings_it_back() {
    let (mut h, _) = harness_with(boxed_project());
    h.run();
    let t = title_point(&h, 1);
    click_at(&mut h, t);
    key(&mut h, Modifiers::NONE, Key::Delete);
    let p = h.state().project();
    assert!(p.boundaries.is_empty());
    assert_eq!(p.components.len(), 3, "members stay");
    assert_eq!(member_of(&h, 1), None, "moved to the parent (none)");
    key(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project().boundaries.len(), 1);
    assert_eq!(member_of(&h, 1), Some(BoundaryId(1)));
}

#[test]
fn renaming_a_boundary_in_the_inspector_is_one_undo_step() {
    let (mut h, _) = harness_with(boxed_project());
    h.run();
    h.state_mut().view.selection.only_boundary(BoundaryId(1));
    h.run();
    h.get_by_label("Label").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Label").type_text("Payments VPC");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().project().boundary(BoundaryId(1)).unwrap().label, "Payments VPC");
}

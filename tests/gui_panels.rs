//! The inspector, the layer lens, the matrix and the checklist, driven as a user would.

mod gui_support;

use egui::Modifiers;
use egui_kittest::kittest::Queryable;
use gui_support::*;
use srm_planner::gui::highlight::{self, Emphasis, Source};
use srm_planner::project::{ComponentId, Project, TodoState};
use srm_planner::vocab::{Layer, Owner, Status};

fn ecs_project() -> Project {
    let mut p = small_project();
    p.components.push(comp(4, "ecs", "Workers", 0.0, 200.0));
    p
}

#[test]
fn changing_the_variant_recomputes_the_stack_at_once() {
    let (mut h, _) = harness_with(ecs_project());
    h.run();
    click_node(&mut h, 4, Modifiers::NONE);
    let ecs = ComponentId(4);
    assert_eq!(
        h.state().derived().owner(ecs, Layer::GuestOs),
        Some(Owner::Customer),
        "ECS on EC2: you patch the guest OS"
    );
    h.get_by_label("Guest OS: Customer");
    h.get_by_label("Variant").click();
    h.run();
    h.get_by_label("AWS Fargate").click();
    h.run();
    let app = h.state();
    assert_eq!(app.project().component(ecs).unwrap().variant.as_deref(), Some("fargate"));
    assert_eq!(
        app.derived().owner(ecs, Layer::GuestOs),
        Some(Owner::Aws),
        "on Fargate AWS patches the guest OS"
    );
    h.get_by_label("Guest OS: AWS");
    assert!(
        h.query_by_label("Guest OS: Customer").is_none(),
        "the stack view changed in the same interaction"
    );
}

#[test]
fn the_layer_lens_highlights_components_where_the_customer_owns_the_layer() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    h.get_by_label("Guest OS layer lens").click();
    h.run();
    let app = h.state();
    assert_eq!(app.view.lens, Some(Layer::GuestOs));
    let (source, emphasis) =
        highlight::compute(&app.view, app.project(), app.derived()).expect("something is emphasised");
    assert_eq!(source, Source::Lens(Layer::GuestOs));
    // Components in project order: ALB, EC2, S3. Only on EC2 do you run the guest OS.
    assert_eq!(emphasis[1], Emphasis::Strong, "EC2");
    assert_eq!(emphasis[2], Emphasis::Dim, "S3");
    // Clicking the same header again turns the lens off.
    h.get_by_label("Guest OS layer lens").click();
    h.run();
    assert_eq!(h.state().view.lens, None);
    assert!(highlight::compute(&h.state().view, h.state().project(), h.state().derived()).is_none());
}

#[test]
fn clicking_a_stack_band_sets_the_lens_too() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    click_node(&mut h, 3, Modifiers::NONE);
    h.get_by_label("Identity: Customer").click();
    h.run();
    assert_eq!(h.state().view.lens, Some(Layer::Identity));
}

#[test]
fn clicking_a_matrix_row_selects_the_component() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    h.get_by_label("Assets row").click();
    h.run();
    assert_eq!(h.state().view.selection.ids(), vec![ComponentId(3)]);
}

#[test]
fn hovering_a_checklist_item_highlights_the_components_it_covers() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    // Select the EC2 node and show only its items.
    click_node(&mut h, 2, Modifiers::NONE);
    h.get_by_label("Filter by component").click();
    h.run();
    h.get_by_label("Selected components").click();
    h.run();
    let app = h.state();
    let ec2_items: Vec<String> = app
        .derived()
        .checklist
        .items
        .iter()
        .filter(|i| i.covers_component(ComponentId(2)))
        .map(|i| i.todo.title.clone())
        .collect();
    assert!(!ec2_items.is_empty(), "EC2 has to-dos");
    let title = &ec2_items[0];
    // The title appears in the inspector's to-do list and in the checklist; hover the checklist one.
    let bottom = h.get_all_by_label(title).max_by(|a, b| a.rect().min.y.total_cmp(&b.rect().min.y)).unwrap();
    bottom.hover();
    h.run();
    let app = h.state();
    let (source, emphasis) =
        highlight::compute(&app.view, app.project(), app.derived()).expect("hovering highlights");
    assert!(matches!(source, Source::Item(_)));
    assert_eq!(emphasis[1], Emphasis::Strong, "EC2 is covered");
    assert_eq!(emphasis[2], Emphasis::Dim, "S3 is not");
    // Only items covering the selection are listed: none of S3's own to-dos.
    let s3_only: Vec<&str> = app
        .derived()
        .checklist
        .items
        .iter()
        .filter(|i| i.covers_component(ComponentId(3)) && !i.covers_component(ComponentId(2)))
        .map(|i| i.todo.title.as_str())
        .collect();
    for t in s3_only {
        assert!(h.query_all_by_label(t).all(|n| n.rect().min.y < 400.0), "{t} is not in the checklist");
    }
}

#[test]
fn checklist_status_is_edited_in_place_and_filters_by_status() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    let first = h.state().derived().checklist.items[0].todo.clone();
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, &first.title).click();
    h.run();
    h.get_by_label("● Done").click();
    h.run();
    let app = h.state();
    assert_eq!(app.project().todo_state(&first.id).status, Status::Done);
    assert_eq!(app.derived().checklist.progress().0, 1);
    h.get_by_label("Filter by status").click();
    h.run();
    h.get_by_label("Done").click();
    h.run();
    assert!(h.query_by_role_and_label(egui::accesskit::Role::ComboBox, &first.title).is_some());
    let second = h.state().derived().checklist.items[1].todo.title.clone();
    assert!(
        h.query_by_role_and_label(egui::accesskit::Role::ComboBox, &second).is_none(),
        "open items are filtered out"
    );
}

#[test]
fn the_inspector_edits_label_exposure_and_data_class() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    click_node(&mut h, 3, Modifiers::NONE);
    h.get_by_label("Internet-facing").click();
    h.run();
    h.get_by_label("Data").click();
    h.run();
    h.get_by_label("Regulated").click();
    h.run();
    let c = h.state().project().component(ComponentId(3)).unwrap().clone();
    assert!(c.internet_facing);
    assert_eq!(c.data, srm_planner::vocab::DataClass::Regulated);
    // Two separate edits are two undo steps.
    key(&mut h, Modifiers::COMMAND, egui::Key::Z);
    assert!(h.state().project().component(ComponentId(3)).unwrap().internet_facing);
    key(&mut h, Modifiers::COMMAND, egui::Key::Z);
    assert!(!h.state().project().component(ComponentId(3)).unwrap().internet_facing);
}

#[test]
fn a_component_with_a_problem_is_flagged_on_the_canvas_and_in_the_inspector() {
    let mut p = small_project();
    p.components.push(comp(4, "acme-platform", "Internal PaaS", 0.0, 200.0));
    let (mut h, _) = harness_with(p);
    h.run();
    let info = h.state().derived().node(ComponentId(4)).unwrap().clone();
    assert_eq!(info.problems.len(), 1, "{:?}", info.problems);
    assert!(info.problems[0].contains("acme-platform"), "{:?}", info.problems);
    assert!(h.state().derived().node(ComponentId(2)).unwrap().problems.is_empty());
    click_node(&mut h, 4, Modifiers::NONE);
    let shown = format!("Problem: {}", info.problems[0]);
    h.get_by_label(&shown);
}

#[test]
fn a_huge_label_is_elided_and_does_not_widen_the_inspector() {
    // 4 MB without a space: laid out whole it took gigabytes and pushed the panel to its widest.
    let huge = "W".repeat(4 << 20);
    let mut p = small_project();
    p.components[1].label = huge.clone();
    p.components[2].notes = huge.clone();
    p.connections[0].label = huge.clone();
    let (mut h, _) = harness_with(p);
    h.run();
    // The inspector is the right-hand panel: its heading's left edge moves left when it widens.
    let width = |h: &egui_kittest::Harness<'static, srm_planner::gui::SrmApp>| {
        1280.0 - h.get_by_label("Inspector").rect().min.x
    };
    let before = width(&h);
    click_node(&mut h, 2, Modifiers::NONE);
    h.run();
    click_node(&mut h, 3, Modifiers::NONE);
    h.run();
    assert_eq!(width(&h), before, "the inspector was widened by the label");
    let shown = &h.state().derived().node(ComponentId(2)).unwrap().display;
    assert!(shown.chars().count() <= srm_planner::gui::elide::SHOWN + 1, "{} characters shown", shown.len());
    // The label field offers to shorten it; doing so keeps the start of it.
    click_node(&mut h, 2, Modifiers::NONE);
    h.run();
    h.get_by_label_contains("Shorten to").click();
    h.run();
    let label = &h.state().project().component(ComponentId(2)).unwrap().label;
    assert_eq!(label.len(), srm_planner::gui::elide::EDITABLE);
    assert!(huge.starts_with(label.as_str()));
}

#[test]
fn the_framework_picker_keeps_the_items_that_address_it_and_counts_its_requirements() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    let d = h.state().derived();
    let pci = |k: usize| d.requirements[k].contains_key("pci-dss-4.0.1");
    let kept = (0..d.checklist.items.len()).find(|&k| pci(k)).expect("an item addresses PCI DSS");
    let dropped = (0..d.checklist.items.len()).find(|&k| !pci(k)).expect("an item does not");
    let (kept, dropped) =
        (d.checklist.items[kept].todo.title.clone(), d.checklist.items[dropped].todo.title.clone());
    h.get_by_label("Show only the items that address a framework's requirements, and list its requirements")
        .click();
    h.run();
    h.get_by_label("PCI DSS v4.0.1").click();
    h.run();
    assert!(h.query_by_role_and_label(egui::accesskit::Role::ComboBox, &kept).is_some());
    assert!(
        h.query_by_role_and_label(egui::accesskit::Role::ComboBox, &dropped).is_none(),
        "{dropped} shown"
    );
    // The summary says how many requirements the design addresses and how many it does not.
    let header = h
        .query_all_by(|n| {
            n.label().is_some_and(|l| l.starts_with("PCI DSS v4.0.1: ") && l.contains("not addressed"))
        })
        .count();
    assert_eq!(header, 1);
}

#[test]
fn the_framework_requirement_list_follows_the_project_and_the_framework() {
    use egui::accesskit::Role;
    let (mut h, _) = harness_with(small_project());
    h.run();
    pick_framework(&mut h, "PCI DSS v4.0.1");
    h.get_by_label_contains("PCI DSS v4.0.1: ").click();
    h.run();
    let done = |h: &egui_kittest::Harness<'_, srm_planner::gui::SrmApp>| {
        h.query_all_by(|n| n.role() == Role::Label && n.value().is_some_and(|l| l.starts_with("· ● Done")))
            .count()
    };
    let open = |h: &egui_kittest::Harness<'_, srm_planner::gui::SrmApp>| {
        h.query_all_by(|n| n.role() == Role::Label && n.value().is_some_and(|l| l.starts_with("· ○ Open")))
            .count()
    };
    // One row per requirement the header counts.
    let rows = open(&h);
    assert_eq!((rows, done(&h)), (18, 0));
    assert!(h.query_by_label_contains("PCI DSS v4.0.1: 18 requirement(s) addressed").is_some());
    // Every item done: the list made before the change must not stay on screen.
    let mut p = h.state().project().clone();
    for item in &h.state().derived().checklist.items {
        p.todos.insert(item.todo.id.clone(), TodoState { status: Status::Done, ..Default::default() });
    }
    h.state_mut().set_project(p, None);
    h.run();
    pick_framework(&mut h, "PCI DSS v4.0.1");
    // The list stays open (egui remembers it) and now says done.
    assert_eq!((open(&h), done(&h)), (0, rows));
    // Another framework version: its own list, not the one kept for PCI DSS.
    pick_framework(&mut h, "NIST SP 800-53 Revision 5 (release 5.2.0)");
    assert!(h.query_by_label_contains("PCI DSS v4.0.1: ").is_none());
    let header = std::cell::RefCell::new(String::new());
    let _ = h
        .query_all_by(|n| {
            let l = n.label().unwrap_or_default();
            if l.starts_with("NIST SP 800-53 Revision 5 (release 5.2.0): ") {
                *header.borrow_mut() = l;
            }
            false
        })
        .count();
    let addressed: usize =
        header.borrow().split(": ").nth(1).and_then(|t| t.split(' ').next()?.parse().ok()).unwrap();
    // The list stays open under the same header.
    assert_eq!(done(&h), addressed);
}

/// Chooses a framework version in the checklist panel's picker.
fn pick_framework(h: &mut egui_kittest::Harness<'_, srm_planner::gui::SrmApp>, name: &str) {
    h.get_by_label("Show only the items that address a framework's requirements, and list its requirements")
        .click();
    h.run();
    h.get_by_label(name).click();
    h.run();
}

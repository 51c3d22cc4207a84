//! Shared helpers for the GUI tests: the real app in a kittest harness (no display, no GPU),
//! with scripted file dialogs, and small user gestures.
#![allow(dead_code)]

use egui::{Event, Modifiers, PointerButton, Pos2, Vec2};
use egui_kittest::Harness;
use srm_planner::catalog::Catalog;
use srm_planner::gui::{AppOptions, ScriptedDialogs, SrmApp};
use srm_planner::project::{Component, ComponentId, Connection, Pos, Project};
use srm_planner::vocab::DataClass;
use std::sync::{Arc, Mutex};

/// The app at 1280×800, with dialogs answered from `script`.
pub fn harness_with(project: Project) -> (Harness<'static, SrmApp>, Arc<Mutex<ScriptedDialogs>>) {
    let (mut harness, script) = harness_with_options(|_| {});
    harness.state_mut().set_project(project, None);
    (harness, script)
}

/// The app at 1280×800 as it starts with the options `setup` adjusts, with dialogs answered from
/// the returned script.
pub fn harness_with_options(
    setup: impl FnOnce(&mut AppOptions),
) -> (Harness<'static, SrmApp>, Arc<Mutex<ScriptedDialogs>>) {
    let script = Arc::new(Mutex::new(ScriptedDialogs::default()));
    let mut options = AppOptions::new(Catalog::builtin().clone(), Box::new(script.clone()));
    setup(&mut options);
    let harness = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_max_steps(60)
        .with_step_dt(1.0 / 60.0)
        .with_context_setup(srm_planner::gui::fonts::install)
        .build_ui_state(|ui, app: &mut SrmApp| app.ui(ui), SrmApp::new(options));
    (harness, script)
}

/// A component of `service` at (x, y).
pub fn comp(id: u64, service: &str, label: &str, x: f32, y: f32) -> Component {
    Component {
        id: ComponentId(id),
        service: service.into(),
        variant: None,
        label: label.into(),
        position: Pos { x, y },
        internet_facing: false,
        data: DataClass::Internal,
        notes: String::new(),
        boundary: None,
        source: None,
    }
}

/// A small project: a load balancer, web servers on EC2, an S3 bucket.
pub fn small_project() -> Project {
    let mut p = Project { name: "Test shop".into(), ..Project::default() };
    p.components.push(Component { internet_facing: true, ..comp(1, "elb", "Public ALB", 0.0, 0.0) });
    p.components.push(comp(2, "ec2", "Web servers", 300.0, 0.0));
    p.components.push(comp(3, "s3", "Assets", 300.0, 200.0));
    p.connections.push(Connection {
        from: ComponentId(1),
        to: ComponentId(2),
        label: "HTTPS".into(),
        encrypted: true,
    });
    p
}

/// Presses, moves in steps and releases the primary button, as a user dragging.
pub fn drag(h: &mut Harness<'static, SrmApp>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    h.event(Event::ModifiersChanged(modifiers));
    h.event(Event::PointerMoved(from));
    h.event(Event::PointerButton { pos: from, button: PointerButton::Primary, pressed: true, modifiers });
    h.run();
    for i in 1..=6 {
        let p = from + (to - from) * (i as f32 / 6.0);
        h.event(Event::PointerMoved(p));
        h.run();
    }
    h.event(Event::PointerButton { pos: to, button: PointerButton::Primary, pressed: false, modifiers });
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}

/// The screen centre of a component's node.
pub fn node_center(h: &Harness<'static, SrmApp>, id: u64) -> Pos2 {
    let app = h.state();
    let c = app.project().component(ComponentId(id)).expect("component");
    app.canvas.node_screen_rect(c).center()
}

/// Presses a key with modifiers.
pub fn key(h: &mut Harness<'static, SrmApp>, modifiers: Modifiers, key: egui::Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

/// Clicks a component's node on the canvas (with modifiers, e.g. shift to add).
pub fn click_node(h: &mut Harness<'static, SrmApp>, id: u64, modifiers: Modifiers) {
    let p = node_center(h, id);
    h.event(Event::PointerMoved(p));
    h.event(Event::ModifiersChanged(modifiers));
    h.event(Event::PointerButton { pos: p, button: PointerButton::Primary, pressed: true, modifiers });
    h.event(Event::PointerButton { pos: p, button: PointerButton::Primary, pressed: false, modifiers });
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}

/// Double-clicks a component's node.
pub fn double_click_node(h: &mut Harness<'static, SrmApp>, id: u64) {
    pause(h);
    click_node(h, id, Modifiers::NONE);
    click_node(h, id, Modifiers::NONE);
}

/// The catalog name of a service ("Amazon RDS").
pub fn name(service: &str) -> String {
    Catalog::builtin().service(service).expect("service in the catalog").name.clone()
}

/// Types `text` into the palette's search box (replacing what was there).
pub fn search(h: &mut Harness<'static, SrmApp>, text: &str) {
    use egui_kittest::kittest::Queryable;
    h.get_by_label("Search").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Search").type_text(text);
    h.run();
    assert_eq!(h.state().view.palette_query, text);
}

/// Lets half a second pass, so the next two clicks are not taken for part of a triple-click.
pub fn pause(h: &mut Harness<'static, SrmApp>) {
    h.run_steps(30);
}

/// Clicks File, then an item of the File menu.
pub fn file_menu(h: &mut Harness<'static, SrmApp>, item: &str) {
    use egui_kittest::kittest::Queryable;
    h.get_by_label("File").click();
    h.run();
    h.get_by_label(item).click();
    h.run();
}

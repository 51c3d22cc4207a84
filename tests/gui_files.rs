//! Files through the app: save (and the checklist state in the RON), open, a broken file,
//! unsaved-changes prompts, exports, recent files, the window title and where dialogs start.
//! File dialogs are scripted: no native dialog ever opens.

mod gui_support;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use gui_support::*;
use srm_planner::gui::modals::Dialog;
use srm_planner::project::{ComponentId, Project, load_file, save_file};
use srm_planner::vocab::Status;

#[test]
fn marking_a_todo_done_is_saved_in_the_ron() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shop.ron");
    let (mut h, script) = harness_with(small_project());
    h.run();
    let item = h.state().derived().checklist.items[0].todo.clone();
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, &item.title).click();
    h.run();
    h.get_by_label("● Done").click();
    h.run();
    assert!(h.state().is_dirty());
    assert!(h.state().title().starts_with("● Test shop — not saved"), "{}", h.state().title());
    script.lock().unwrap().save_answers.push_back(Some(out.clone()));
    key(&mut h, Modifiers::COMMAND, Key::S);
    let text = std::fs::read_to_string(&out).expect("saved");
    assert!(text.contains(&format!("\"{}\": (", item.id)), "{text}");
    assert!(text.contains("status: \"done\""), "{text}");
    assert_eq!(load_file(&out).unwrap().project.todo_state(&item.id).status, Status::Done);
    let app = h.state();
    assert!(!app.is_dirty());
    assert_eq!(app.title(), "Test shop — shop.ron — SRM Planner");
    assert_eq!(app.settings.recent.first(), Some(&out));
    // A second Ctrl+S saves in place without asking.
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, &item.title).click();
    h.run();
    h.get_by_label("◐ In progress").click();
    h.run();
    key(&mut h, Modifiers::COMMAND, Key::S);
    assert!(std::fs::read_to_string(&out).unwrap().contains("status: \"in-progress\""));
    assert!(script.lock().unwrap().save_answers.is_empty());
}

#[test]
fn opening_a_broken_file_shows_line_and_column_and_keeps_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.ron");
    std::fs::write(&bad, "(\n    format: 1,\n    name: \"x\" oops,\n)\n").unwrap();
    let (mut h, script) = harness_with(small_project());
    h.run();
    script.lock().unwrap().open_answers.push_back(Some(bad.clone()));
    key(&mut h, Modifiers::COMMAND, Key::O);
    let app = h.state();
    match app.dialog() {
        Some(Dialog::Error { message, .. }) => {
            assert!(message.contains("broken.ron"), "{message}");
            assert!(message.contains("Line 3, column"), "{message}");
        }
        other => panic!("expected an error dialog, got {other:?}"),
    }
    assert_eq!(app.project(), &small_project(), "the current project stays open");
    assert_eq!(app.path(), None);
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().dialog().is_none());
}

#[test]
fn new_asks_about_unsaved_changes() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    click_node(&mut h, 3, Modifiers::NONE);
    key(&mut h, Modifiers::NONE, Key::Delete);
    assert!(h.state().is_dirty());
    key(&mut h, Modifiers::COMMAND, Key::N);
    assert!(matches!(h.state().dialog(), Some(Dialog::Unsaved(_))));
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().project().components.len(), 2, "cancel keeps the edited project");
    key(&mut h, Modifiers::COMMAND, Key::N);
    h.get_by_label("Don't save").click();
    h.run();
    assert_eq!(h.state().project(), &Project::default());
    assert!(!h.state().is_dirty());
}

#[test]
fn quitting_with_unsaved_changes_can_save_first() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("quit.ron");
    let (mut h, script) = harness_with(small_project());
    h.run();
    key(&mut h, Modifiers::COMMAND, Key::A);
    key(&mut h, Modifiers::NONE, Key::Delete);
    key(&mut h, Modifiers::COMMAND, Key::Q);
    assert!(!h.state().quit_requested());
    script.lock().unwrap().save_answers.push_back(Some(out.clone()));
    h.get_by_label("Save").click();
    h.run();
    assert!(h.state().quit_requested());
    assert!(load_file(&out).unwrap().project.components.is_empty());
}

#[test]
fn opening_a_file_through_the_dialog_and_recent_files() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.ron");
    let mut p = small_project();
    p.name = "From disk".into();
    save_file(&a, &p).unwrap();
    let (mut h, script) = harness_with(Project::default());
    h.run();
    script.lock().unwrap().open_answers.push_back(Some(a.clone()));
    key(&mut h, Modifiers::COMMAND, Key::O);
    let app = h.state();
    assert_eq!(app.project().name, "From disk");
    assert_eq!(app.path(), Some(a.as_path()));
    assert_eq!(app.settings.recent, vec![a.clone()]);
    // The first dialog starts in the repository's saved/ folder (the tests run from the
    // repository); later ones where the last file was.
    let asked = script.lock().unwrap().asked_dirs.clone();
    let saved = std::fs::canonicalize("saved").unwrap();
    assert_eq!(asked[0].as_deref(), Some(saved.as_path()));
    key(&mut h, Modifiers::COMMAND, Key::N);
    script.lock().unwrap().open_answers.push_back(None);
    key(&mut h, Modifiers::COMMAND, Key::O);
    let asked = script.lock().unwrap().asked_dirs.clone();
    assert_eq!(asked[1].as_deref(), Some(dir.path()));
    // Open Recent in the File menu.
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open Recent").hover();
    h.run();
    h.get_by_label("a.ron").click();
    h.run();
    assert_eq!(h.state().project().name, "From disk");
}

#[test]
fn export_the_checklist_in_every_format_from_the_menu() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, script) = harness_with(small_project());
    h.run();
    for (menu_item, ext, needle) in [
        ("Markdown…", "md", "Test shop"),
        ("CSV…", "csv", ","),
        ("HTML…", "html", "<html"),
        ("JSON…", "json", "\"components\""),
    ] {
        let out = dir.path().join(format!("export.{ext}"));
        script.lock().unwrap().save_answers.push_back(Some(out.clone()));
        h.get_by_label("File").click();
        h.run();
        h.get_by_label("Export checklist").hover();
        h.run();
        h.get_by_label(menu_item).click();
        h.run();
        let text = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{menu_item}: {e}"));
        assert!(text.contains(needle), "{menu_item}: {text:.200}");
    }
    assert!(!h.state().is_dirty(), "exporting does not touch the project");
}

#[test]
fn export_the_diagram_in_every_format_from_the_menu() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, script) = harness_with(small_project());
    h.run();
    for (menu_item, ext, needle) in [
        ("SVG…", "svg", &b"<svg "[..]),
        ("PNG…", "png", &b"\x89PNG"[..]),
        ("draw.io…", "drawio", &b"<mxfile"[..]),
    ] {
        let out = dir.path().join(format!("diagram.{ext}"));
        script.lock().unwrap().save_answers.push_back(Some(out.clone()));
        h.get_by_label("File").click();
        h.run();
        h.get_by_label("Export diagram").hover();
        h.run();
        h.get_by_label(menu_item).click();
        h.run();
        let bytes = std::fs::read(&out).unwrap_or_else(|e| panic!("{menu_item}: {e}"));
        assert!(bytes.windows(needle.len()).any(|w| w == needle), "{menu_item}");
    }
    assert!(!h.state().is_dirty(), "exporting does not touch the project");
}

#[test]
fn undo_and_redo_from_the_edit_menu() {
    let (mut h, _) = harness_with(small_project());
    h.run();
    click_node(&mut h, 2, Modifiers::NONE);
    key(&mut h, Modifiers::NONE, Key::Delete);
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("Undo").click();
    h.run();
    assert!(h.state().project().component(ComponentId(2)).is_some());
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("Redo").click();
    h.run();
    assert!(h.state().project().component(ComponentId(2)).is_none());
}

/// The app with recovery copies kept in `data` under the session name `session`, autosaving as
/// soon as there are unsaved changes.
fn app_with_recovery(
    data: &std::path::Path,
    session: &str,
) -> (
    egui_kittest::Harness<'static, srm_planner::gui::SrmApp>,
    std::sync::Arc<std::sync::Mutex<srm_planner::gui::ScriptedDialogs>>,
) {
    harness_with_options(|options| {
        options.recovery = Some(srm_planner::recovery::RecoveryStore::with_session(data, session));
        options.autosave_interval = std::time::Duration::ZERO;
    })
}

fn recovery_files(data: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(data.join("recovery")).map_or(Vec::new(), |d| d.map(|e| e.unwrap().path()).collect())
}

#[test]
fn unsaved_changes_are_autosaved_and_restored_after_a_crash() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("shop.ron");
    save_file(&file, &small_project()).unwrap();

    // First run: open a file, delete a component, and let the autosave run.
    let (mut h, _) = app_with_recovery(data.path(), "run-1");
    h.state_mut().open_path(&file);
    h.run();
    assert!(h.state().dialog().is_none(), "nothing to recover on a first run");
    click_node(&mut h, 3, Modifiers::NONE);
    key(&mut h, Modifiers::NONE, Key::Delete);
    h.run();
    let edited = h.state().project().clone();
    assert_eq!(edited.components.len(), 2);
    assert!(h.state().is_dirty());
    let copies = recovery_files(data.path());
    assert_eq!(copies.len(), 1, "one recovery copy after the autosave: {copies:?}");
    // The app dies without saving: no quit, no prompt.
    drop(h);
    assert_eq!(load_file(&file).unwrap().project, small_project(), "the file itself is untouched");

    // Second run: the copy is offered with its file and time, and restored.
    let (mut h, script) = app_with_recovery(data.path(), "run-2");
    h.run();
    match h.state().dialog() {
        Some(Dialog::Recover { name, file: f, made, components }) => {
            assert_eq!(name, "Test shop");
            assert_eq!(f, &file.display().to_string());
            assert!(made.contains("just now") || made.contains("min ago"), "{made}");
            assert_eq!(*components, 2);
        }
        other => panic!("expected the recovery offer, got {other:?}"),
    }
    h.get_by_label("Restore").click();
    h.run();
    assert!(h.state().dialog().is_none());
    assert_eq!(h.state().project(), &edited, "the restored project is the edited one");
    assert_eq!(h.state().path(), Some(file.as_path()));
    assert!(h.state().is_dirty(), "restored changes are still unsaved");
    assert!(h.state().title().starts_with("● "), "{}", h.state().title());
    // The copy now belongs to this run (kept until saved), the first run's is gone.
    let copies = recovery_files(data.path());
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(copies[0].to_string_lossy().contains("run-2"), "{copies:?}");

    // Saving writes the file and deletes the copy.
    key(&mut h, Modifiers::COMMAND, Key::S);
    h.run();
    assert!(script.lock().unwrap().save_answers.is_empty());
    assert_eq!(load_file(&file).unwrap().project, edited);
    assert!(!h.state().is_dirty());
    assert!(recovery_files(data.path()).is_empty(), "saved: no copy left");
}

#[test]
fn a_declined_recovery_copy_is_deleted_and_the_usual_project_opens() {
    let data = tempfile::tempdir().unwrap();
    let (mut h, _) = app_with_recovery(data.path(), "run-1");
    h.state_mut().set_project(small_project(), None);
    h.run();
    click_node(&mut h, 1, Modifiers::NONE);
    key(&mut h, Modifiers::NONE, Key::Delete);
    h.run();
    assert_eq!(recovery_files(data.path()).len(), 1);
    drop(h);

    let (mut h, _) = app_with_recovery(data.path(), "run-2");
    h.run();
    assert!(matches!(h.state().dialog(), Some(Dialog::Recover { .. })));
    h.get_by_label("Discard copy").click();
    h.run();
    assert!(h.state().dialog().is_none());
    assert!(recovery_files(data.path()).is_empty(), "declined: the copy is deleted");
    assert!(!h.state().is_dirty());
    assert_ne!(h.state().project().name, "Test shop", "the usual start project, not the copy");
}

#[test]
fn a_failed_save_says_why_keeps_the_old_file_and_the_project_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("project");
    std::fs::create_dir(&folder).unwrap();
    let file = folder.join("shop.ron");
    save_file(&file, &small_project()).unwrap();
    let before = std::fs::read(&file).unwrap();
    let (mut h, _) = harness_with(small_project());
    h.state_mut().open_path(&file);
    h.run();
    click_node(&mut h, 3, Modifiers::NONE);
    key(&mut h, Modifiers::NONE, Key::Delete);
    assert!(h.state().is_dirty());
    // The folder disappears (an unplugged drive, say; tests run as root, so a read-only folder
    // would not stop them): a file of the same name stands in its place.
    let away = dir.path().join("away");
    std::fs::rename(&folder, &away).unwrap();
    std::fs::write(&folder, "not a folder").unwrap();
    key(&mut h, Modifiers::COMMAND, Key::S);
    match h.state().dialog() {
        Some(Dialog::Error { title, message }) => {
            assert_eq!(title, "Could not save");
            assert!(message.contains("shop.ron"), "{message}");
        }
        other => panic!("expected an error dialog, got {other:?}"),
    }
    assert!(h.state().is_dirty(), "the project stays unsaved");
    assert!(h.state().title().starts_with("● "), "{}", h.state().title());
    assert_eq!(h.state().project().components.len(), 2, "the edit is still there");
    std::fs::remove_file(&folder).unwrap();
    std::fs::rename(&away, &folder).unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), before, "the old file is untouched");
}

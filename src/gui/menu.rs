//! The menu bar: File, Edit, View, Help, each item with the shortcut that triggers it.

use super::commands::{self as cmd, Command};
use super::settings::{Settings, ThemeChoice};
use crate::export::Format;
use crate::export::diagram::DiagramFormat;
use crate::vocab::Layer;
use egui::{Button, KeyboardShortcut, Ui};

/// What the menu needs to know to enable its items.
pub struct MenuState<'a> {
    /// Persisted settings (toggles are edited in place).
    pub settings: &'a mut Settings,
    /// Undo possible.
    pub can_undo: bool,
    /// Redo possible.
    pub can_redo: bool,
    /// Something selected.
    pub has_selection: bool,
    /// Something copied.
    pub can_paste: bool,
    /// The layer lens (edited in place).
    pub lens: &'a mut Option<Layer>,
    /// Show the About window.
    pub show_about: &'a mut bool,
    /// Shown at the right end of the bar (project, file, unsaved marker).
    pub title: String,
    /// The project records findings files it was checked against.
    pub has_findings_record: bool,
    /// Findings are loaded.
    pub findings_loaded: bool,
}

fn item(ui: &mut Ui, text: &str, shortcut: Option<&KeyboardShortcut>, enabled: bool) -> bool {
    let mut b = Button::new(text);
    if let Some(sc) = shortcut {
        b = b.shortcut_text(ui.ctx().format_shortcut(sc));
    }
    ui.add_enabled(enabled, b).clicked()
}

/// Shows the menu bar; returns the commands chosen.
pub fn show(ui: &mut Ui, s: MenuState<'_>) -> Vec<Command> {
    let mut out = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if item(ui, "New", Some(&cmd::NEW), true) {
                out.push(Command::New);
            }
            if item(ui, "Open…", Some(&cmd::OPEN), true) {
                out.push(Command::Open);
            }
            ui.menu_button("Open Recent", |ui| {
                if s.settings.recent.is_empty() {
                    ui.weak("No recent files");
                }
                for p in s.settings.recent.clone() {
                    let name = p
                        .file_name()
                        .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned());
                    if ui.button(name).on_hover_text(p.display().to_string()).clicked() {
                        out.push(Command::OpenPath(p));
                    }
                }
                if !s.settings.recent.is_empty() {
                    ui.separator();
                    if ui.button("Clear recent files").clicked() {
                        s.settings.recent.clear();
                    }
                }
            });
            if item(ui, "Open example", None, true) {
                out.push(Command::OpenExample);
            }
            ui.separator();
            if item(ui, "Save", Some(&cmd::SAVE), true) {
                out.push(Command::Save);
            }
            if item(ui, "Save As…", Some(&cmd::SAVE_AS), true) {
                out.push(Command::SaveAs);
            }
            if ui
                .button("Import infrastructure…")
                .on_hover_text("CloudFormation, SAM or Terraform (terraform show -json) as a new project")
                .clicked()
            {
                out.push(Command::ImportInfrastructure);
            }
            if ui
                .button("Import into this project…")
                .on_hover_text(
                    "Re-import the code: matched components keep their place, label, notes and to-dos",
                )
                .clicked()
            {
                out.push(Command::ImportInto);
            }
            if ui
                .button("Load findings…")
                .on_hover_text(
                    "Checkov JSON, Prowler JSON-OCSF or Security Hub ASFF: which to-dos pass or fail",
                )
                .clicked()
            {
                out.push(Command::LoadFindings);
            }
            if s.has_findings_record
                && ui
                    .button("Reload findings")
                    .on_hover_text("Read the findings files this project was last checked against again")
                    .clicked()
            {
                out.push(Command::ReloadFindings);
            }
            if s.findings_loaded && ui.button("Clear findings").clicked() {
                out.push(Command::ClearFindings);
            }
            if ui
                .button("Compare with…")
                .on_hover_text(
                    "Another version of this project: what changes hands, which duties come and go",
                )
                .clicked()
            {
                out.push(Command::CompareWithFile);
            }
            if ui.button("Compare with saved version").clicked() {
                out.push(Command::CompareWithSaved);
            }
            ui.separator();
            ui.menu_button("Export checklist", |ui| {
                for f in Format::ALL {
                    if ui.button(format!("{}…", f.name())).clicked() {
                        out.push(Command::Export(f));
                    }
                }
            });
            ui.menu_button("Export diagram", |ui| {
                for f in DiagramFormat::ALL {
                    if ui.button(format!("{}…", f.name())).clicked() {
                        out.push(Command::ExportDiagram(f));
                    }
                }
            });
            ui.separator();
            if item(ui, "Quit", Some(&cmd::QUIT), true) {
                out.push(Command::Quit);
            }
        });
        ui.menu_button("Edit", |ui| {
            if item(ui, "Undo", Some(&cmd::UNDO), s.can_undo) {
                out.push(Command::Undo);
            }
            if item(ui, "Redo", Some(&cmd::REDO), s.can_redo) {
                out.push(Command::Redo);
            }
            ui.separator();
            if item(ui, "Cut", Some(&cmd::CUT), s.has_selection) {
                out.push(Command::Cut);
            }
            if item(ui, "Copy", Some(&cmd::COPY), s.has_selection) {
                out.push(Command::Copy);
            }
            if item(ui, "Paste", Some(&cmd::PASTE), s.can_paste) {
                out.push(Command::Paste);
            }
            if item(ui, "Duplicate", Some(&cmd::DUPLICATE), s.has_selection) {
                out.push(Command::Duplicate);
            }
            if item(ui, "Delete", Some(&cmd::DELETE), s.has_selection) {
                out.push(Command::Delete);
            }
            ui.separator();
            if item(ui, "Select all", Some(&cmd::SELECT_ALL), true) {
                out.push(Command::SelectAll);
            }
            if item(ui, "Clear selection", Some(&cmd::ESCAPE), s.has_selection) {
                out.push(Command::ClearSelection);
            }
        });
        ui.menu_button("View", |ui| {
            if item(ui, "Zoom to fit", Some(&cmd::FIT), true) {
                out.push(Command::ZoomToFit);
            }
            ui.checkbox(&mut s.settings.show_grid, "Show grid");
            ui.checkbox(&mut s.settings.snap, "Snap to grid");
            ui.separator();
            ui.checkbox(&mut s.settings.show_palette, "Service palette");
            ui.checkbox(&mut s.settings.show_inspector, "Inspector");
            ui.checkbox(&mut s.settings.show_bottom, "Bottom panel");
            ui.checkbox(&mut s.settings.show_matrix, "Responsibility matrix");
            ui.checkbox(&mut s.settings.show_checklist, "Checklist");
            ui.separator();
            ui.menu_button("Layer lens", |ui| {
                ui.radio_value(s.lens, None, "Off");
                for l in Layer::ALL {
                    ui.radio_value(s.lens, Some(*l), l.title());
                }
            });
            ui.menu_button("Theme", |ui| {
                ui.radio_value(&mut s.settings.theme, ThemeChoice::System, "Follow system");
                ui.radio_value(&mut s.settings.theme, ThemeChoice::Dark, "Dark");
                ui.radio_value(&mut s.settings.theme, ThemeChoice::Light, "Light");
            });
        });
        ui.menu_button("Help", |ui| {
            if ui.button("Keyboard shortcuts and about").clicked() {
                *s.show_about = true;
            }
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.add(egui::Label::new(egui::RichText::new(&s.title).strong()).truncate());
        });
    });
    out
}

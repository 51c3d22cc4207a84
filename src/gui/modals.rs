//! Modal dialogs: unsaved changes (Save / Don't save / Cancel), errors (a file that would not
//! open, with line and column), notices, and About with the keyboard shortcuts.

use super::commands as cmd;
use egui::{Id, Modal, RichText};

/// A dialog waiting for the user.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    /// The project has unsaved changes; `action` runs once they are saved or dropped.
    Unsaved(super::commands::Command),
    /// Something failed.
    Error {
        /// Title.
        title: String,
        /// What happened, in words a user can act on.
        message: String,
    },
    /// Information (catalog problems, repairs made while opening).
    Notice {
        /// Title.
        title: String,
        /// One line each.
        lines: Vec<String>,
    },
    /// About and keyboard shortcuts.
    About,
    /// What an import made of every resource; `gone` are components whose resource the code
    /// no longer has (a re-import), offered for removal.
    ImportSummary {
        /// The summary.
        summary: Box<crate::import::summary::Summary>,
        /// Components gone from the code.
        gone: Vec<crate::project::ComponentId>,
    },
    /// A recovery copy of unsaved changes was left by an earlier run.
    Recover {
        /// The project's name.
        name: String,
        /// The file it belongs to, or "never saved".
        file: String,
        /// When the copy was made, in local time, and how long ago.
        made: String,
        /// How many components it holds.
        components: usize,
    },
}

/// The user's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Save, then continue.
    Save,
    /// Continue without saving.
    Discard,
    /// Do nothing.
    Cancel,
    /// Dismissed (errors, notices).
    Close,
    /// Restore the recovery copy.
    Restore,
    /// Remove the components an import found gone from the code.
    RemoveGone,
}

/// Shows the dialog; returns the answer once given.
pub fn show(ctx: &egui::Context, dialog: &Dialog) -> Option<Answer> {
    let mut answer = None;
    let resp = Modal::new(Id::unique("srm-modal")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        match dialog {
            Dialog::Unsaved(_) => {
                ui.heading("Unsaved changes");
                ui.label("This project has changes that are not saved. Save them first?");
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        answer = Some(Answer::Save);
                    }
                    if ui.button("Don't save").clicked() {
                        answer = Some(Answer::Discard);
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(Answer::Cancel);
                    }
                });
            }
            Dialog::Error { title, message } => {
                ui.heading(title);
                ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
                ui.add_space(8.0);
                if ui.button("OK").clicked() {
                    answer = Some(Answer::Close);
                }
            }
            Dialog::Notice { title, lines } => {
                ui.heading(title);
                egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                    for l in lines {
                        ui.label(l);
                    }
                });
                ui.add_space(8.0);
                if ui.button("OK").clicked() {
                    answer = Some(Answer::Close);
                }
            }
            Dialog::Recover { name, file, made, components } => {
                ui.heading("Recover unsaved changes?");
                ui.label("SRM Planner closed without saving these changes. A recovery copy was kept:");
                ui.add_space(4.0);
                egui::Grid::new("recovery").num_columns(2).show(ui, |ui| {
                    ui.label("Project");
                    ui.strong(name);
                    ui.end_row();
                    ui.label("File");
                    ui.label(file);
                    ui.end_row();
                    ui.label("Copy made");
                    ui.label(made);
                    ui.end_row();
                    ui.label("Components");
                    ui.label(components.to_string());
                    ui.end_row();
                });
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        answer = Some(Answer::Restore);
                    }
                    if ui.button("Discard copy").clicked() {
                        answer = Some(Answer::Discard);
                    }
                });
                ui.weak("Restored changes stay unsaved until you save them.");
            }
            Dialog::ImportSummary { summary, gone } => {
                answer = super::import_view::summary(ui, summary, gone);
            }
            Dialog::About => {
                ui.heading("SRM Planner");
                ui.label("See who secures what in an AWS architecture: the Shared Responsibility Model, layer by layer, for every service you place.");
                ui.add_space(6.0);
                ui.strong("Keyboard");
                egui::Grid::new("shortcuts").num_columns(2).striped(true).show(ui, |ui| {
                    let rows: [(&str, String); 14] = [
                        ("New / Open", format!("{} / {}", ctx.format_shortcut(&cmd::NEW), ctx.format_shortcut(&cmd::OPEN))),
                        ("Save / Save As", format!("{} / {}", ctx.format_shortcut(&cmd::SAVE), ctx.format_shortcut(&cmd::SAVE_AS))),
                        ("Undo", ctx.format_shortcut(&cmd::UNDO)),
                        ("Redo", format!("{} or {}", ctx.format_shortcut(&cmd::REDO), ctx.format_shortcut(&cmd::REDO_SHIFT_Z))),
                        ("Select all", ctx.format_shortcut(&cmd::SELECT_ALL)),
                        ("Duplicate", ctx.format_shortcut(&cmd::DUPLICATE)),
                        ("Copy / Cut / Paste", format!("{} / {} / {}", ctx.format_shortcut(&cmd::COPY), ctx.format_shortcut(&cmd::CUT), ctx.format_shortcut(&cmd::PASTE))),
                        ("Delete selection", "Delete or Backspace".into()),
                        ("Clear selection", "Escape".into()),
                        ("Zoom to fit", "F".into()),
                        ("Pan", "Drag the background, or middle/right mouse".into()),
                        ("Zoom", "Mouse wheel or pinch".into()),
                        ("Select several", "Shift-click, or Shift-drag a band".into()),
                        ("Connect", "Drag from a node's + handle to another node".into()),
                    ];
                    for (what, keys) in rows {
                        ui.label(what);
                        ui.label(keys);
                        ui.end_row();
                    }
                });
                ui.add_space(8.0);
                if ui.button("Close").clicked() {
                    answer = Some(Answer::Close);
                }
            }
        }
    });
    if answer.is_none() && resp.should_close() {
        answer = Some(match dialog {
            Dialog::Unsaved(_) => Answer::Cancel,
            // Escape or a click outside keeps the copy for the next start: nothing is deleted
            // without an explicit choice.
            Dialog::Recover { .. } => Answer::Cancel,
            _ => Answer::Close,
        });
    }
    answer
}

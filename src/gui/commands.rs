//! App commands (menu items and keyboard shortcuts) and their shortcuts, in one table so the
//! menus show exactly the keys that work.

use crate::export::Format;
use crate::export::diagram::DiagramFormat;
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

/// Something the user asked the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// A new, empty project.
    New,
    /// Open a project through the dialog.
    Open,
    /// Open this project.
    OpenPath(PathBuf),
    /// Open the bundled example.
    OpenExample,
    /// Save (Save As when never saved).
    Save,
    /// Save under a new name.
    SaveAs,
    /// Export the checklist.
    Export(Format),
    /// Export the diagram.
    ExportDiagram(DiagramFormat),
    /// Import infrastructure code as a new project.
    ImportInfrastructure,
    /// Import infrastructure code into the open project (re-import).
    ImportInto,
    /// Load scanner findings (Checkov, Prowler, Security Hub) to check the checklist against.
    LoadFindings,
    /// Read the findings files the project records again.
    ReloadFindings,
    /// Drop the loaded findings.
    ClearFindings,
    /// Open Compare… for a component.
    CompareComponent(crate::project::ComponentId),
    /// Compare the open project with another file.
    CompareWithFile,
    /// Compare the open project with its last saved version.
    CompareWithSaved,
    /// Stop comparing with a file.
    StopComparing,
    /// Quit the app.
    Quit,
    /// Undo.
    Undo,
    /// Redo.
    Redo,
    /// Select every component.
    SelectAll,
    /// Clear the selection.
    ClearSelection,
    /// Duplicate the selection.
    Duplicate,
    /// Delete the selection.
    Delete,
    /// Copy the selection.
    Copy,
    /// Cut the selection.
    Cut,
    /// Paste what was copied.
    Paste,
    /// Zoom the canvas to fit all components.
    ZoomToFit,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers { shift: true, ..Modifiers::COMMAND };

/// Ctrl+N.
pub const NEW: KeyboardShortcut = KeyboardShortcut::new(CMD, Key::N);
/// Ctrl+O.
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(CMD, Key::O);
/// Ctrl+S.
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(CMD, Key::S);
/// Ctrl+Shift+S.
pub const SAVE_AS: KeyboardShortcut = KeyboardShortcut::new(CMD_SHIFT, Key::S);
/// Ctrl+Q.
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(CMD, Key::Q);
/// Ctrl+Z.
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(CMD, Key::Z);
/// Ctrl+Shift+Z.
pub const REDO_SHIFT_Z: KeyboardShortcut = KeyboardShortcut::new(CMD_SHIFT, Key::Z);
/// Ctrl+Y.
pub const REDO: KeyboardShortcut = KeyboardShortcut::new(CMD, Key::Y);
/// Ctrl+A.
pub const SELECT_ALL: KeyboardShortcut = KeyboardShortcut::new(CMD, Key::A);
/// Ctrl+D.
pub const DUPLICATE: KeyboardShortcut = KeyboardShortcut::new(CMD, Key::D);
/// Ctrl+C (egui also reports it as a copy event).
pub const COPY: KeyboardShortcut = KeyboardShortcut::new(CMD, Key::C);
/// Ctrl+X.
pub const CUT: KeyboardShortcut = KeyboardShortcut::new(CMD, Key::X);
/// Ctrl+V.
pub const PASTE: KeyboardShortcut = KeyboardShortcut::new(CMD, Key::V);
/// Delete.
pub const DELETE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::Delete);
/// Escape.
pub const ESCAPE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::Escape);
/// F.
pub const FIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F);

/// Shortcuts that work even while typing in a text field.
const GLOBAL: &[(KeyboardShortcut, Command)] = &[
    (NEW, Command::New),
    (OPEN, Command::Open),
    (SAVE_AS, Command::SaveAs),
    (SAVE, Command::Save),
    (QUIT, Command::Quit),
];

/// Shortcuts for the canvas, ignored while a text field has the keyboard (it has its own undo,
/// select-all, copy and delete).
const CANVAS: &[(KeyboardShortcut, Command)] = &[
    (REDO_SHIFT_Z, Command::Redo),
    (UNDO, Command::Undo),
    (REDO, Command::Redo),
    (SELECT_ALL, Command::SelectAll),
    (DUPLICATE, Command::Duplicate),
    (DELETE, Command::Delete),
    (ESCAPE, Command::ClearSelection),
    (FIT, Command::ZoomToFit),
];

/// Reads the keyboard: the commands pressed this frame.
pub fn from_keyboard(ctx: &egui::Context) -> Vec<Command> {
    let typing = ctx.text_edit_focused();
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        for (sc, cmd) in GLOBAL {
            if i.consume_shortcut(sc) {
                out.push(cmd.clone());
            }
        }
        if typing {
            return;
        }
        for (sc, cmd) in CANVAS {
            if i.consume_shortcut(sc) {
                out.push(cmd.clone());
            }
        }
        // Backspace deletes too (macOS keyboards have no Delete key).
        if i.consume_key(Modifiers::NONE, Key::Backspace) {
            out.push(Command::Delete);
        }
        // egui turns Ctrl+C / Ctrl+X / Ctrl+V into events rather than key presses.
        for e in &i.events {
            match e {
                egui::Event::Copy => out.push(Command::Copy),
                egui::Event::Cut => out.push(Command::Cut),
                egui::Event::Paste(_) => out.push(Command::Paste),
                _ => {}
            }
        }
        if !out.contains(&Command::Paste) && i.consume_shortcut(&PASTE) {
            out.push(Command::Paste);
        }
        if !out.contains(&Command::Copy) && i.consume_shortcut(&COPY) {
            out.push(Command::Copy);
        }
        if !out.contains(&Command::Cut) && i.consume_shortcut(&CUT) {
            out.push(Command::Cut);
        }
    });
    out
}

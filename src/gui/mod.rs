//! The desktop app (eframe/egui): a service palette, the architecture canvas, an inspector, the
//! responsibility matrix and the consolidated checklist.
//!
//! Structure (one job per module):
//! - [`app`]: owns the state, lays out the panels, applies edits in one place, runs commands;
//! - [`document`]: the project, its file, unsaved-changes flag and undo history;
//! - [`edit`]: every change to the project as data;
//! - [`derived`]: stacks and checklist, recomputed when the document's revision changes;
//! - [`view`], [`highlight`]: view state (never saved) and what the canvas emphasises;
//! - [`canvas`], [`palette`], [`inspector`], [`matrix`], [`checklist_panel`], [`menu`],
//!   [`modals`]: the panels, each returning edits or commands;
//! - [`dialogs`]: the file-dialog seam (native rfd dialogs, scripted ones for tests);
//! - [`settings`]: what persists between runs; [`screenshot`], [`png`]: `--screenshot`.

pub mod app;
pub mod background;
pub mod canvas;
pub mod checklist_panel;
pub mod clipboard;
pub mod commands;
pub mod compare;
pub mod compare_file;
pub mod derived;
pub mod dialogs;
pub mod document;
pub mod edit;
pub mod elide;
pub mod example;
pub mod findings;
pub mod fonts;
pub mod highlight;
pub mod import_view;
pub mod inspector;
mod inspector_boundary;
pub mod matrix;
pub mod menu;
pub mod modals;
pub mod palette;
pub mod pen;
pub mod png;
pub mod screenshot;
pub mod settings;
pub mod stack_view;
pub mod theme;
pub mod view;

pub use app::{AppOptions, SrmApp};
pub use dialogs::{FileDialogs, NativeDialogs, ScriptedDialogs};

use crate::catalog::Catalog;
use crate::error::LoadError;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

/// Window size for `--screenshot`, unless `SRM_SCREENSHOT_SIZE=WxH` says otherwise.
const SCREENSHOT_SIZE: [f32; 2] = [1280.0, 800.0];

fn screenshot_size() -> [f32; 2] {
    std::env::var("SRM_SCREENSHOT_SIZE")
        .ok()
        .and_then(|s| {
            let (w, h) = s.split_once('x')?;
            Some([w.trim().parse().ok()?, h.trim().parse().ok()?])
        })
        .unwrap_or(SCREENSHOT_SIZE)
}

/// Opens the app window: `file` (else the last project, else the bundled example). With
/// `screenshot`, renders a few frames, writes the PNG there and exits. Returns the exit code.
pub fn run(
    file: Option<PathBuf>,
    screenshot: Option<PathBuf>,
    findings: Vec<PathBuf>,
    catalog: Catalog,
    catalog_errors: Vec<LoadError>,
) -> ExitCode {
    let outcome: screenshot::Outcome = Arc::new(Mutex::new(None));
    let shooting = screenshot.is_some();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("SRM Planner")
        .with_app_id("srm-planner")
        .with_min_inner_size([900.0, 600.0]);
    viewport = if shooting {
        viewport.with_inner_size(screenshot_size()).with_resizable(false)
    } else {
        viewport.with_inner_size([1440.0, 900.0])
    };
    let mut options = eframe::NativeOptions { viewport, persist_window: !shooting, ..Default::default() };
    if shooting {
        // Neither read nor write the user's settings and layout when taking a screenshot.
        options.persistence_path =
            Some(std::env::temp_dir().join(format!("srm-planner-screenshot-{}", std::process::id())));
    }
    if shooting && !catalog_errors.is_empty() {
        for e in &catalog_errors {
            eprintln!("catalog: {e}");
        }
    }
    let job = screenshot.map(|p| (p, outcome.clone()));
    let result = eframe::run_native(
        "srm-planner",
        options,
        Box::new(move |cc| {
            fonts::install(&cc.egui_ctx);
            let settings = if job.is_some() {
                settings::Settings::default()
            } else {
                cc.storage.and_then(|s| eframe::get_value(s, settings::STORAGE_KEY)).unwrap_or_default()
            };
            let errors = if job.is_some() { Vec::new() } else { catalog_errors };
            // No autosave or recovery offer for a screenshot run.
            let recovery = if job.is_some() { None } else { crate::recovery::RecoveryStore::from_env() };
            let app = SrmApp::new(AppOptions {
                catalog,
                catalog_errors: errors,
                dialogs: Box::new(NativeDialogs),
                settings,
                file,
                screenshot: job,
                recovery: recovery.clone(),
                autosave_interval: crate::recovery::AUTOSAVE_INTERVAL,
                findings,
            });
            if let Some(store) = recovery {
                crate::recovery::install_panic_hook(store, app.snapshot());
            }
            Ok(Box::new(app))
        }),
    );
    if let Err(e) = result {
        eprintln!("srm-planner: could not open the window: {e}");
        return ExitCode::from(1);
    }
    if shooting {
        return match outcome.lock().expect("outcome").take() {
            Some(Ok(p)) => {
                eprintln!("wrote {}", p.display());
                ExitCode::SUCCESS
            }
            Some(Err(e)) => {
                eprintln!("srm-planner: screenshot failed: {e}");
                ExitCode::from(1)
            }
            None => {
                eprintln!("srm-planner: the window closed before the screenshot was taken");
                ExitCode::from(1)
            }
        };
    }
    ExitCode::SUCCESS
}

//! Compare with a file (File → Compare with…, or with the last saved version): the diff of
//! that version to the open project, shown as marks on the canvas (added and changed nodes) and
//! listed in a window: what was removed, what changed hands, the duties gained and lost.

use crate::diff::Diff;
use egui::{RichText, Ui};

/// An active comparison.
#[derive(Debug, Clone)]
pub struct FileCompare {
    /// What the open project is compared with ("shop.ron", "the saved version").
    pub name: String,
    /// The old version (the other file).
    pub old: crate::project::Project,
    /// The diff from it to the open project, for the revision it was computed at.
    pub diff: Diff,
    /// The content revision of the open project the diff is for (moving nodes changes no
    /// diff, so a drag never recomputes it).
    pub rev: u64,
}

/// How a node is marked while comparing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Not in the other version.
    Added,
    /// In both, different.
    Changed,
}

/// Shows the diff window; returns whether it stays open.
pub fn window(ctx: &egui::Context, cmp: &FileCompare) -> bool {
    let mut open = true;
    let mut close = false;
    egui::Window::new(format!("Compared with {}", cmp.name))
        .id(egui::Id::unique("compare-file-window"))
        .open(&mut open)
        .default_width(460.0)
        .show(ctx, |ui| {
            body(ui, &cmp.diff);
            if ui.button("Stop comparing").clicked() {
                close = true;
            }
        });
    open && !close
}

fn body(ui: &mut Ui, d: &Diff) {
    ui.label(RichText::new(d.headline()).strong());
    let s = &d.summary;
    ui.label(format!(
        "Layers you own: {} → {} · checklist items: {} → {} · critical open: {} → {}",
        s.customer_layers[0],
        s.customer_layers[1],
        s.todos[0],
        s.todos[1],
        s.critical_open[0],
        s.critical_open[1]
    ));
    ui.weak("On the canvas: added components are outlined green, changed ones orange.");
    egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
        let c = &d.components;
        for a in &c.added {
            ui.label(format!("+ {} ({})", a.label, a.service));
        }
        for r in &c.removed {
            ui.label(
                RichText::new(format!("− {} ({}) removed", r.label, r.service))
                    .color(ui.visuals().warn_fg_color),
            );
        }
        for ch in &c.changed {
            ui.label(format!("~ {}", ch.label));
            if ch.service[0] != ch.service[1] || ch.variant[0] != ch.variant[1] {
                ui.label(format!(
                    "    {}{} → {}{}",
                    ch.service[0],
                    ch.variant[0].as_deref().map(|v| format!("/{v}")).unwrap_or_default(),
                    ch.service[1],
                    ch.variant[1].as_deref().map(|v| format!("/{v}")).unwrap_or_default()
                ));
            }
            for m in &ch.layers {
                ui.label(RichText::new(format!("    {}: {} → {}", m.layer, m.from, m.to)).small());
            }
            for a in &ch.attributes {
                ui.label(RichText::new(format!("    {}: {} → {}", a.name, a.from, a.to)).small());
            }
        }
        for k in &d.connections.added {
            ui.label(format!("+ connection {} → {}", k.from, k.to));
        }
        for k in &d.connections.removed {
            ui.label(format!("− connection {} → {}", k.from, k.to));
        }
        duties(ui, d);
    });
}

/// The duties a change brings and takes away.
pub fn duties(ui: &mut Ui, d: &Diff) {
    for (list, title, sign) in
        [(&d.todos.added, "Duties gained", "+"), (&d.todos.removed, "Duties lost", "−")]
    {
        if !list.is_empty() {
            ui.strong(format!("{title} ({})", list.len()));
            for t in list {
                ui.label(format!("{sign} {} ({})", t.title, t.priority));
            }
        }
    }
}

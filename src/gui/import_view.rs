//! The import summary window: what became of every resource (components, boundaries, what was
//! folded into what and why, what was left out and why), the warnings, and, after a re-import,
//! the components whose resource is gone from the code, offered for removal.

use super::modals::Answer;
use crate::import::summary::{Outcome, Summary};
use crate::project::ComponentId;
use egui::{RichText, Ui};

/// Shows the summary; returns the answer once given.
pub fn summary(ui: &mut Ui, s: &Summary, gone: &[ComponentId]) -> Option<Answer> {
    let mut answer = None;
    let [c, b, f, ig] = s.counts();
    ui.heading("Infrastructure imported");
    for i in &s.inputs {
        ui.label(format!("{} ({})", i.file, i.kind));
    }
    ui.label(format!(
        "{} resources: {c} became components, {b} boundaries, {f} were folded into what they serve, {ig} were left out. {} connections.",
        s.resources.len(),
        s.connections
    ));
    ui.add_space(4.0);
    egui::ScrollArea::vertical().max_height(360.0).auto_shrink([false, true]).show(ui, |ui| {
        for (outcome, title) in [
            (Outcome::Component, "Components"),
            (Outcome::Boundary, "Boundaries"),
            (Outcome::Folded, "Folded"),
            (Outcome::Ignored, "Left out"),
        ] {
            let rows: Vec<_> = s.resources.iter().filter(|r| r.outcome == outcome).collect();
            if rows.is_empty() {
                continue;
            }
            egui::CollapsingHeader::new(format!("{title} ({})", rows.len()))
                .default_open(outcome == Outcome::Ignored)
                .show(ui, |ui| {
                    for r in rows {
                        let mut line = format!("{}  ·  {}", r.address, r.rtype);
                        match (r.into, r.into_boundary) {
                            (Some(i), true) => line += &format!("  → box {i}"),
                            (Some(i), false) => line += &format!("  → component {i}"),
                            (None, _) => {}
                        }
                        ui.label(line);
                        if let Some(why) = &r.reason {
                            ui.label(RichText::new(format!("    {why}")).weak());
                        }
                    }
                });
        }
        if !s.warnings.is_empty() {
            egui::CollapsingHeader::new(format!("Warnings ({})", s.warnings.len())).default_open(true).show(
                ui,
                |ui| {
                    for w in &s.warnings {
                        ui.label(RichText::new(w).color(ui.visuals().warn_fg_color));
                    }
                },
            );
        }
        if !s.gone.is_empty() {
            egui::CollapsingHeader::new(format!("Gone from the code ({})", s.gone.len()))
                .default_open(true)
                .show(ui, |ui| {
                    for g in &s.gone {
                        ui.label(format!("{} ({})", g.label, g.source));
                    }
                });
        }
    });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if !gone.is_empty()
            && ui
                .button(format!("Remove {} component(s) gone from the code", gone.len()))
                .on_hover_text("One undo step; Undo brings them back")
                .clicked()
        {
            answer = Some(Answer::RemoveGone);
        }
        if ui.button(if gone.is_empty() { "OK" } else { "Keep them" }).clicked() {
            answer = Some(Answer::Close);
        }
    });
    ui.weak("Undo reverts the whole import in one step.");
    answer
}

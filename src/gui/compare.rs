//! What-if for one component (inspector → Compare…): the alternatives that do the same job
//! (its other variants, and the services of its roles in the catalog), the two stacks side by
//! side with the layers that change hands marked, and the duties gained and lost; Apply makes
//! the change as one undo step.

use super::edit::Edit;
use super::theme;
use crate::catalog::Catalog;
use crate::diff::{Diff, diff};
use crate::project::{ComponentId, Project};
use crate::responsibility::resolve;
use crate::vocab::{Layer, Owner};
use egui::{RichText, Ui};

/// An open Compare… window.
#[derive(Debug, Clone)]
pub struct Compare {
    /// The component compared.
    pub component: ComponentId,
    /// The alternative picked (index into the alternatives).
    pub pick: usize,
    /// The diff for (pick, project revision), kept while neither changes.
    cache: Option<(usize, u64, Diff)>,
}

impl Compare {
    /// Compare `component` with its first alternative.
    pub fn new(component: ComponentId) -> Self {
        Compare { component, pick: 0, cache: None }
    }
}

fn owner_chip(ui: &mut Ui, owner: Owner, strong: bool) {
    let letter = match owner {
        Owner::Aws => "AWS",
        Owner::Customer => "You",
        Owner::Shared => "Shared",
        Owner::NotApplicable => "n/a",
    };
    let fill = theme::owner_color(owner);
    let text =
        RichText::new(format!(" {letter} ")).color(egui::Color32::BLACK).background_color(fill).small();
    ui.label(if strong { text.strong() } else { text });
}

/// Shows the window; returns the edits (Apply) and whether it stays open.
pub fn window(
    ctx: &egui::Context,
    catalog: &Catalog,
    project: &Project,
    rev: u64,
    state: &mut Compare,
) -> (Vec<Edit>, bool) {
    let mut edits = Vec::new();
    let mut open = true;
    let Some(c) = project.component(state.component) else { return (edits, false) };
    let current = resolve(catalog, c);
    let effective = current.as_ref().and_then(|r| r.variant_id()).or(c.variant.as_deref());
    let alts = catalog.alternatives(&c.service, effective);
    let name = |s: &str, v: &Option<String>| -> String {
        match catalog.service(s) {
            Some(svc) => match v.as_deref().and_then(|v| svc.variant(Some(v))).filter(|_| svc.has_variants())
            {
                Some(var) => format!("{} · {}", svc.short, var.name),
                None => svc.name.clone(),
            },
            None => s.to_string(),
        }
    };
    let mut close = false;
    egui::Window::new(format!(
        "Compare {}",
        c.display_name(current.as_ref().map(|r| r.service.name.as_str()))
    ))
    .id(egui::Id::unique("compare-window"))
    .open(&mut open)
    .collapsible(false)
    .resizable(true)
    .default_width(560.0)
    .show(ctx, |ui| {
        if alts.is_empty() {
            ui.label("The catalog knows no alternative for this service.");
            return;
        }
        state.pick = state.pick.min(alts.len() - 1);
        let label = ui.label("Instead:");
        egui::ComboBox::from_id_salt("compare-pick")
            .selected_text(name(&alts[state.pick].0, &alts[state.pick].1))
            .width(320.0)
            .show_ui(ui, |ui| {
                for (i, (s, v)) in alts.iter().enumerate() {
                    ui.selectable_value(&mut state.pick, i, name(s, v));
                }
            })
            .response
            .labelled_by(label.id);
        let (alt_service, alt_variant) = alts[state.pick].clone();
        let mut alt = c.clone();
        alt.service = alt_service.clone();
        alt.variant = alt_variant.clone();
        let fresh = !matches!(&state.cache, Some((p, r, _)) if *p == state.pick && *r == rev);
        if fresh {
            let mut what_if = project.clone();
            if let Some(x) = what_if.component_mut(c.id) {
                *x = alt.clone();
            }
            state.cache = Some((state.pick, rev, diff(catalog, project, &what_if)));
        }
        let d = &state.cache.as_ref().expect("computed above").2;
        ui.label(RichText::new(d.headline()).strong());
        let after = resolve(catalog, &alt);
        egui::Grid::new("compare-stacks").num_columns(3).striped(true).spacing([12.0, 3.0]).show(ui, |ui| {
            ui.strong("Layer");
            ui.strong(
                current
                    .as_ref()
                    .map_or(c.service.clone(), |r| name(&r.service.id, &r.variant_id().map(str::to_string))),
            );
            ui.strong(name(&alt_service, &alt_variant));
            ui.end_row();
            for &l in Layer::ALL.iter().rev() {
                let (a, b) = (current.as_ref().map(|r| r.owner(l)), after.as_ref().map(|r| r.owner(l)));
                let moved = a != b;
                let text = RichText::new(l.title());
                ui.label(if moved { text.strong() } else { text });
                match a {
                    Some(o) => owner_chip(ui, o, moved),
                    None => {
                        ui.weak("?");
                    }
                }
                ui.horizontal(|ui| {
                    match b {
                        Some(o) => owner_chip(ui, o, moved),
                        None => {
                            ui.weak("?");
                        }
                    }
                    if moved {
                        ui.label(RichText::new("moves").small().color(ui.visuals().warn_fg_color));
                    }
                });
                ui.end_row();
            }
        });
        ui.add_space(6.0);
        let s = &d.summary;
        ui.label(format!(
            "Layers you own in the project: {} → {} · checklist items: {} → {}",
            s.customer_layers[0], s.customer_layers[1], s.todos[0], s.todos[1]
        ));
        egui::ScrollArea::vertical().max_height(180.0).show(ui, |ui| super::compare_file::duties(ui, d));
        ui.horizontal(|ui| {
            if ui.button("Apply").on_hover_text("Make the change (one undo step)").clicked() {
                edits.push(Edit::SetService(c.id, alt_service.clone(), alt_variant.clone()));
                close = true;
            }
            if ui.button("Close").clicked() {
                close = true;
            }
        });
    });
    (edits, open && !close)
}

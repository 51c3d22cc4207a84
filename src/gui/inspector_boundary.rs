//! The inspector for a selected boundary: its kind, label, where it sits, what it holds, and for
//! a VPC box the `vpc` stack and to-dos it stands for (for an account, the baseline it scopes).

use super::commands::Command;
use super::derived::Derived;
use super::edit::Edit;
use super::elide::{SHOWN, elide};
use super::inspector::{InspectorOutput, heading, todo_row};
use super::stack_view;
use super::view::ViewState;
use crate::catalog::Catalog;
use crate::project::{Boundary, Project};
use crate::responsibility::resolve_boundary;
use crate::vocab::BoundaryKind;
use egui::{RichText, Ui};

/// Longest list of members shown before "and N more".
const MAX_LISTED: usize = 40;

/// Shows one boundary.
pub fn show(
    ui: &mut Ui,
    catalog: &Catalog,
    project: &Project,
    derived: &Derived,
    view: &mut ViewState,
    b: &Boundary,
    out: &mut InspectorOutput,
) {
    ui.horizontal(|ui| {
        let (r, _) = ui.allocate_exact_size(egui::vec2(6.0, 20.0), egui::Sense::hover());
        ui.painter().rect_filled(r, 2.0, super::canvas::boundaries::color(b.kind()));
        ui.add(
            egui::Label::new(RichText::new(elide(&b.display_name(), SHOWN)).strong().size(17.0)).truncate(),
        );
    });
    ui.label(super::canvas::boundaries::tag(b));
    if b.kind().is_none() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("Kind `{}` is not one this version knows; it is kept as written.", b.kind),
        );
    }
    ui.add_space(4.0);
    egui::Grid::new("inspector-boundary").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        if let Some(s) = super::inspector::text_field(ui, "Label", &b.label, false) {
            out.edits.push(Edit::SetBoundaryLabel(b.id, s));
        }
        let l = ui.label("Kind");
        let mut kind = b.kind.clone();
        egui::ComboBox::from_id_salt("inspector-boundary-kind")
            .selected_text(super::canvas::boundaries::tag(b))
            .width(ui.available_width())
            .show_ui(ui, |ui| {
                for k in BoundaryKind::ALL {
                    ui.selectable_value(&mut kind, k.id().to_string(), k.title());
                }
            })
            .response
            .labelled_by(l.id)
            .on_hover_text("What the box stands for: a VPC box is an Amazon VPC with its own stack");
        if kind != b.kind {
            out.edits.push(Edit::SetBoundaryKind(b.id, kind));
        }
        ui.end_row();
    });
    let chain = project.boundary_chain(b.parent);
    if !chain.is_empty() {
        let path: Vec<String> = chain.iter().map(|p| elide(&p.display_name(), SHOWN).into_owned()).collect();
        ui.label(format!("Inside: {}", path.join(" › ")));
    }

    let members: Vec<_> = project.members(b.id).collect();
    heading(ui, &format!("Components ({})", members.len()));
    if members.is_empty() {
        ui.weak("None: drag components into the box to place them in it.");
    }
    for c in members.iter().take(MAX_LISTED) {
        let name = derived.node(c.id).map_or_else(|| c.service.clone(), |n| n.display.clone());
        if ui.selectable_label(false, name).clicked() {
            view.selection.only(c.id);
        }
    }
    if members.len() > MAX_LISTED {
        ui.weak(format!("and {} more", members.len() - MAX_LISTED));
    }
    let children: Vec<_> = project.child_boundaries(Some(b.id)).collect();
    if !children.is_empty() {
        heading(ui, &format!("Boundaries inside ({})", children.len()));
        for child in children.iter().take(MAX_LISTED) {
            let text = format!(
                "{} ({})",
                elide(&child.display_name(), SHOWN),
                super::canvas::boundaries::tag(child)
            );
            if ui.selectable_label(false, text).clicked() {
                view.selection.only_boundary(child.id);
            }
        }
    }

    if b.kind() == Some(BoundaryKind::Vpc)
        && let Some((service, variant)) = resolve_boundary(catalog)
    {
        heading(ui, "Responsibility stack");
        ui.weak(format!("A VPC box is {}: it has that service's stack and to-dos.", service.name));
        stack_view::legend(ui);
        if let Some(layer) = stack_view::stack_bands(ui, &variant.layers, view.lens) {
            view.lens = if view.lens == Some(layer) { None } else { Some(layer) };
        }
    }
    let items: Vec<usize> = derived
        .checklist
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.boundaries().any(|x| x == b.id))
        .map(|(k, _)| k)
        .collect();
    if !items.is_empty() {
        let what = if b.kind() == Some(BoundaryKind::Account) { "Account baseline" } else { "To-dos" };
        heading(ui, &format!("{what} ({})", items.len()));
        for k in items {
            todo_row(ui, derived, k, view, out);
        }
    }
    ui.add_space(8.0);
    if ui
        .button("Delete boundary")
        .on_hover_text("What is inside stays, moved to the boundary around it")
        .clicked()
    {
        out.commands.push(Command::Delete);
    }
}

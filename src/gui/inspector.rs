//! The inspector: the selected component (label, service, variant, internet-facing, data
//! classification, notes, its responsibility stack and its to-dos), the selected connection
//! (label, encrypted), several selected components, or the project itself.

use super::commands::Command;
use super::derived::Derived;
use super::edit::Edit;
use super::elide::{EDITABLE, SHOWN, elide, truncate_bytes};
use super::stack_view;
use super::theme;
use super::view::ViewState;
use crate::catalog::Catalog;
use crate::project::{Component, Connection, Project};
use crate::responsibility::resolve;
use crate::vocab::{DataClass, Status};
use egui::{RichText, Ui};

/// What the inspector asks of the app.
#[derive(Debug, Default)]
pub struct InspectorOutput {
    /// Changes to the project.
    pub edits: Vec<Edit>,
    /// Commands (delete, zoom).
    pub commands: Vec<Command>,
}

/// Shows the inspector for the current selection.
pub fn show(
    ui: &mut Ui,
    catalog: &Catalog,
    project: &Project,
    derived: &Derived,
    view: &mut ViewState,
) -> InspectorOutput {
    let mut out = InspectorOutput::default();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        if let Some(k) = view.selection.connection
            && let Some(conn) = project.connections.get(k)
        {
            connection(ui, derived, k, conn, &mut out);
        } else if let Some(id) = view.selection.single()
            && let Some(c) = project.component(id)
        {
            component(ui, catalog, project, derived, view, c, &mut out);
        } else if let Some(id) = view.selection.single_boundary()
            && let Some(b) = project.boundary(id)
        {
            super::inspector_boundary::show(ui, catalog, project, derived, view, b, &mut out);
        } else if view.selection.components.len() > 1 {
            several(ui, derived, view, &mut out);
        } else {
            project_overview(ui, catalog, project, derived, view, &mut out);
        }
    });
    out
}

/// One checklist item in the inspector: a done box, its priority and its title (hover to
/// highlight what it covers, click to show it in the checklist).
pub(super) fn todo_row(
    ui: &mut Ui,
    derived: &Derived,
    k: usize,
    view: &mut ViewState,
    out: &mut InspectorOutput,
) {
    let item = &derived.checklist.items[k];
    ui.horizontal(|ui| {
        let mut done = item.state.status == Status::Done;
        let resp = ui.checkbox(&mut done, "").on_hover_text(format!("Done: {}", item.todo.title));
        if resp.changed() {
            let mut state = item.state.clone();
            state.status = if done { Status::Done } else { Status::Open };
            out.edits.push(Edit::SetTodoState(item.todo.id.clone(), state));
        }
        ui.label(
            RichText::new(theme::priority_title(item.todo.priority))
                .color(theme::priority_color(item.todo.priority))
                .small(),
        );
        let title = ui.add(egui::Label::new(&item.todo.title).sense(egui::Sense::click()).wrap());
        if title.hovered() {
            view.hover_item = Some(k);
        }
        if title.clicked() {
            view.scroll_to_item = Some(k);
        }
    });
}

pub(super) fn heading(ui: &mut Ui, text: &str) {
    ui.add_space(6.0);
    ui.label(RichText::new(text).strong().size(15.0));
    ui.add_space(2.0);
}

pub(super) fn text_field(ui: &mut Ui, label: &str, value: &str, multiline: bool) -> Option<String> {
    let l = ui.label(label);
    if value.len() > EDITABLE {
        // Too long to lay out in a text field: its start, its size, and a way to shorten it.
        let mut shorten = false;
        ui.vertical(|ui| {
            ui.add(egui::Label::new(elide(value, SHOWN).as_ref()).truncate()).labelled_by(l.id);
            ui.weak(format!("{} bytes: too long to edit here", value.len()));
            shorten = ui.button(format!("Shorten to {} KiB", EDITABLE / 1024)).clicked();
        });
        ui.end_row();
        return shorten.then(|| truncate_bytes(value, EDITABLE).to_owned());
    }
    let mut s = value.to_owned();
    let te = if multiline {
        egui::TextEdit::multiline(&mut s).desired_rows(3).desired_width(f32::INFINITY)
    } else {
        egui::TextEdit::singleline(&mut s).desired_width(f32::INFINITY)
    };
    let resp = ui.add(te).labelled_by(l.id);
    ui.end_row();
    resp.changed().then_some(s)
}

fn component(
    ui: &mut Ui,
    catalog: &Catalog,
    project: &Project,
    derived: &Derived,
    view: &mut ViewState,
    c: &Component,
    out: &mut InspectorOutput,
) {
    let Some(at) = derived.index.get(&c.id).copied() else { return };
    let info = derived.info(catalog, at, c);
    let resolved = resolve(catalog, c);
    ui.horizontal(|ui| {
        let (r, _) = ui.allocate_exact_size(egui::vec2(6.0, 20.0), egui::Sense::hover());
        ui.painter().rect_filled(r, 2.0, theme::category_color(info.category));
        ui.add(egui::Label::new(RichText::new(&info.display).strong().size(17.0)).truncate());
    });
    ui.horizontal(|ui| {
        ui.label(&info.service_name);
        if ui
            .small_button("Compare…")
            .on_hover_text("What if another service or launch mode did this job: who would own what, which duties come and go")
            .clicked()
        {
            out.commands.push(Command::CompareComponent(c.id));
        }
    });
    if let Some(r) = resolved {
        ui.weak(&r.service.description);
        ui.weak(format!("Category: {}", theme::category_title(r.category())));
    } else {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("Service `{}` is not in the catalog; it has no stack.", c.service),
        );
    }
    for p in &info.problems {
        ui.colored_label(ui.visuals().warn_fg_color, format!("Problem: {}", elide(p, 2 * SHOWN)));
    }
    let around = project.boundaries_of(c);
    if let Some(inner) = around.first() {
        let path: Vec<String> = around.iter().map(|b| elide(&b.display_name(), SHOWN).into_owned()).collect();
        if ui.link(format!("Sits in: {}", path.join(" › "))).on_hover_text("Select the boundary").clicked()
        {
            view.selection.only_boundary(inner.id);
        }
    }
    ui.add_space(4.0);
    egui::Grid::new("inspector-component").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        if let Some(s) = text_field(ui, "Label", &c.label, false) {
            out.edits.push(Edit::SetLabel(c.id, s));
        }
        if let Some(r) = resolved
            && r.service.has_variants()
        {
            let label = ui.label("Variant");
            let mut chosen = r.variant.id.clone();
            egui::ComboBox::from_id_salt("inspector-variant")
                .selected_text(&r.variant.name)
                .width(ui.available_width())
                .show_ui(ui, |ui| {
                    for v in &r.service.variants {
                        ui.selectable_value(&mut chosen, v.id.clone(), &v.name);
                    }
                })
                .response
                .labelled_by(label.id)
                .on_hover_text("The launch mode moves the line between AWS and you");
            if chosen != r.variant.id {
                out.edits.push(Edit::SetVariant(c.id, Some(chosen)));
            }
            ui.end_row();
        }
        ui.label("Exposure");
        let mut facing = c.internet_facing;
        if ui.checkbox(&mut facing, "Internet-facing").changed() {
            out.edits.push(Edit::SetInternetFacing(c.id, facing));
        }
        ui.end_row();
        let label = ui.label("Data");
        let mut data = c.data;
        egui::ComboBox::from_id_salt("inspector-data")
            .selected_text(data_title(data))
            .show_ui(ui, |ui| {
                for d in DataClass::ALL {
                    ui.selectable_value(&mut data, *d, data_title(*d));
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("How sensitive the data it holds is");
        if data != c.data {
            out.edits.push(Edit::SetDataClass(c.id, data));
        }
        ui.end_row();
        if let Some(s) = text_field(ui, "Notes", &c.notes, true) {
            out.edits.push(Edit::SetNotes(c.id, s));
        }
    });

    if let Some(r) = resolved {
        heading(ui, "Responsibility stack");
        stack_view::legend(ui);
        ui.add_space(2.0);
        if let Some(layer) = stack_view::stack_bands(ui, r.stack(), view.lens) {
            view.lens = if view.lens == Some(layer) { None } else { Some(layer) };
        }
        ui.weak("Top: your data · bottom: AWS facilities. Hover a band for who does what; click it to use it as the lens.");
    }

    let items = derived.items_of(c.id);
    heading(ui, &format!("To-dos ({})", items.len()));
    if items.is_empty() {
        ui.weak("No customer to-dos from this component.");
    }
    for &k in items {
        todo_row(ui, derived, k, view, out);
    }

    heading(ui, "Connections");
    let mut any = false;
    for (k, conn) in project.connections.iter().enumerate() {
        if conn.from != c.id && conn.to != c.id {
            continue;
        }
        any = true;
        let (arrow, other) = if conn.from == c.id { ("→", conn.to) } else { ("←", conn.from) };
        let name = derived.node(other).map_or("?", |n| n.display.as_str());
        let lock = if conn.encrypted { "encrypted" } else { "unencrypted" };
        let text = if conn.label.is_empty() {
            format!("{arrow} {name} ({lock})")
        } else {
            format!("{arrow} {name}: {} ({lock})", elide(&conn.label, SHOWN))
        };
        if ui.add(egui::Button::selectable(false, text).truncate()).clicked() {
            view.selection.clear();
            view.selection.connection = Some(k);
        }
    }
    if !any {
        ui.weak("None yet: drag from the node's + handle to another node.");
    }
    let mut target = None;
    egui::ComboBox::from_id_salt("inspector-connect")
        .selected_text("Connect to…")
        .show_ui(ui, |ui| {
            for (i, other) in project.components.iter().enumerate() {
                if other.id != c.id
                    && ui.selectable_label(false, &derived.info(catalog, i, other).display).clicked()
                {
                    target = Some(other.id);
                }
            }
        })
        .response
        .on_hover_text("Connect to another component");
    if let Some(to) = target {
        out.edits.push(Edit::AddConnection(Connection {
            from: c.id,
            to,
            label: String::new(),
            encrypted: false,
        }));
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Delete component").clicked() {
            out.commands.push(Command::Delete);
        }
    });
}

fn data_title(d: DataClass) -> &'static str {
    match d {
        DataClass::Public => "Public",
        DataClass::Internal => "Internal",
        DataClass::Confidential => "Confidential",
        DataClass::Regulated => "Regulated",
    }
}

fn connection(ui: &mut Ui, derived: &Derived, k: usize, conn: &Connection, out: &mut InspectorOutput) {
    let name = |id| derived.node(id).map_or("?".to_string(), |n| n.display.clone());
    ui.label(RichText::new("Connection").strong().size(17.0));
    ui.add(egui::Label::new(format!("{} → {}", name(conn.from), name(conn.to))).truncate());
    ui.add_space(4.0);
    egui::Grid::new("inspector-connection").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        if let Some(s) = text_field(ui, "Label", &conn.label, false) {
            out.edits.push(Edit::SetConnectionLabel(k, s));
        }
        ui.label("Transit");
        let mut enc = conn.encrypted;
        if ui.checkbox(&mut enc, "Encrypted (TLS or equivalent)").changed() {
            out.edits.push(Edit::SetConnectionEncrypted(k, enc));
        }
        ui.end_row();
    });
    if !conn.encrypted {
        ui.colored_label(ui.visuals().warn_fg_color, "Unencrypted traffic adds to-dos to both ends.");
    }
    ui.add_space(8.0);
    if ui.button("Delete connection").clicked() {
        out.commands.push(Command::Delete);
    }
}

fn several(ui: &mut Ui, derived: &Derived, view: &mut ViewState, out: &mut InspectorOutput) {
    ui.label(
        RichText::new(format!("{} components selected", view.selection.components.len())).strong().size(17.0),
    );
    let ids = view.selection.ids();
    for id in ids.iter().take(30) {
        if let Some(n) = derived.node(*id) {
            ui.add(egui::Label::new(format!("• {} ({})", n.display, n.short)).truncate());
        }
    }
    if ids.len() > 30 {
        ui.weak(format!("… and {} more", ids.len() - 30));
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Duplicate").clicked() {
            out.commands.push(Command::Duplicate);
        }
        if ui.button("Delete").clicked() {
            out.commands.push(Command::Delete);
        }
    });
}

fn project_overview(
    ui: &mut Ui,
    catalog: &Catalog,
    project: &Project,
    derived: &Derived,
    view: &mut ViewState,
    out: &mut InspectorOutput,
) {
    ui.label(RichText::new("Project").strong().size(17.0));
    egui::Grid::new("inspector-project").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        if let Some(s) = text_field(ui, "Name", &project.name, false) {
            out.edits.push(Edit::SetName(s));
        }
        if let Some(s) = text_field(ui, "Description", &project.description, true) {
            out.edits.push(Edit::SetDescription(s));
        }
    });
    if !catalog.frameworks().is_empty() {
        heading(ui, "Compliance scope");
        for fw in catalog.frameworks() {
            let mut on = project.compliance.contains(&fw.id);
            if ui.checkbox(&mut on, &fw.name).on_hover_text(&fw.description).changed() {
                out.edits.push(Edit::SetFramework(fw.id, on));
            }
        }
    }
    heading(ui, "Summary");
    let (done, total) = derived.checklist.progress();
    ui.label(format!("{} components, {} connections", project.components.len(), project.connections.len()));
    ui.label(format!("Checklist: {done} of {total} done"));
    let mut totals = [0usize; 4];
    for n in &derived.nodes {
        for (t, c) in totals.iter_mut().zip(n.counts) {
            *t += c;
        }
    }
    ui.label(format!(
        "Layers — AWS: {}, customer: {}, shared: {}, n/a: {}",
        totals[0], totals[1], totals[2], totals[3]
    ));
    if !derived.problems.is_empty() {
        heading(ui, &format!("Problems ({})", derived.problems.len()));
        for p in derived.problems.iter().take(50) {
            let resp = ui.add(
                egui::Label::new(RichText::new(p.to_string()).color(ui.visuals().warn_fg_color))
                    .wrap()
                    .sense(egui::Sense::click()),
            );
            if resp.clicked()
                && let Some(id) = p.component
            {
                view.selection.only(id);
            }
        }
    }
    ui.add_space(8.0);
    ui.weak("Select a component on the canvas to see its stack and to-dos.");
}

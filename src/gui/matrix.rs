//! The responsibility matrix: components (and VPC boundaries, which are Amazon VPCs) × 13
//! layers, each cell coloured (and lettered) by owner, with per-owner counts. Click a row to
//! select the component, a column header to set the layer lens.

use super::derived::{Derived, NodeInfo};
use super::pen::Pen;
use super::stack_view::{legend, swatch};
use super::theme;
use super::view::ViewState;
use crate::catalog::Catalog;
use crate::checklist::Subject;
use crate::project::Project;
use crate::vocab::{Layer, Owner};
use egui::{Align2, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, Vec2};

const NAME_W: f32 = 140.0;
const CELL_W: f32 = 30.0;
const COUNT_W: f32 = 26.0;
const ROW_H: f32 = 20.0;
const HEADER_H: f32 = 22.0;

/// Total width of the matrix.
pub fn width() -> f32 {
    NAME_W + CELL_W * 13.0 + 8.0 + COUNT_W * 4.0
}

/// Shows the matrix.
pub fn show(ui: &mut Ui, catalog: &Catalog, project: &Project, derived: &Derived, view: &mut ViewState) {
    ui.horizontal(|ui| {
        legend(ui);
    });
    ui.weak("Click a row to select the component; click a layer to set the lens.");
    egui::ScrollArea::horizontal().id_salt("matrix-h").auto_shrink([false, false]).show(ui, |ui| {
        ui.vertical(|ui| {
            header(ui, view);
            let n = project.components.len();
            if n == 0 && derived.boundary_rows.is_empty() {
                ui.weak("No components yet.");
            }
            egui::ScrollArea::vertical().id_salt("matrix-v").auto_shrink([false, false]).show_rows(
                ui,
                ROW_H,
                n + derived.boundary_rows.len(),
                |ui, range| {
                    for i in range {
                        if i < n {
                            row(ui, catalog, project, derived, view, i);
                        } else {
                            let (id, info) = &derived.boundary_rows[i - n];
                            let subject = Subject::Boundary(*id);
                            row_for(ui, info, subject, view, i);
                        }
                    }
                },
            );
        });
    });
}

fn header(ui: &mut Ui, view: &mut ViewState) {
    let (rect, _) = ui.allocate_exact_size(Vec2::new(width(), HEADER_H), Sense::hover());
    let painter = ui.painter();
    let text = ui.visuals().strong_text_color();
    painter.text(
        Pos2::new(rect.min.x + 4.0, rect.center().y),
        Align2::LEFT_CENTER,
        "Component",
        FontId::proportional(12.0),
        text,
    );
    for layer in Layer::ALL {
        let r = Rect::from_min_size(
            Pos2::new(rect.min.x + NAME_W + CELL_W * layer.index() as f32, rect.min.y),
            Vec2::new(CELL_W, HEADER_H),
        );
        let resp = ui.interact(r, ui.scope_id().with(("matrix-col", layer.index())), Sense::click());
        let on = view.lens == Some(*layer);
        let painter = ui.painter();
        if on {
            painter.rect_filled(r, 3.0, theme::SELECT.gamma_multiply(0.35));
        } else if resp.hovered() {
            painter.rect_filled(r, 3.0, ui.visuals().widgets.hovered.weak_bg_fill);
        }
        painter.text(
            r.center(),
            Align2::CENTER_CENTER,
            theme::layer_abbrev(*layer),
            FontId::proportional(11.0),
            text,
        );
        let label = format!("{} layer lens", layer.title());
        resp.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, on, &label));
        let resp = resp.on_hover_text(format!(
            "{} — click to highlight components where you own this layer",
            layer.title()
        ));
        if resp.clicked() {
            view.lens = if on { None } else { Some(*layer) };
        }
    }
    let counts_x = rect.min.x + NAME_W + CELL_W * 13.0 + 8.0;
    for (j, owner) in Owner::ALL.iter().enumerate() {
        let r = Rect::from_min_size(
            Pos2::new(counts_x + COUNT_W * j as f32, rect.min.y + 2.0),
            Vec2::new(COUNT_W - 4.0, HEADER_H - 4.0),
        );
        let mut pen = Pen::new(ui.painter());
        swatch(&mut pen, r, *owner);
        pen.finish();
        ui.interact(r, ui.scope_id().with(("matrix-count", j)), Sense::hover())
            .on_hover_text(format!("Layers owned by {}", owner.title()));
    }
}

fn row(ui: &mut Ui, catalog: &Catalog, project: &Project, derived: &Derived, view: &mut ViewState, i: usize) {
    let c = &project.components[i];
    row_for(ui, &derived.info(catalog, i, c), Subject::Component(c.id), view, i);
}

/// One row: a component, or a VPC boundary.
fn row_for(ui: &mut Ui, info: &NodeInfo, subject: Subject, view: &mut ViewState, i: usize) {
    let (rect, resp) = ui.allocate_exact_size(Vec2::new(width(), ROW_H), Sense::click());
    let selected = match subject {
        Subject::Component(id) => view.selection.components.contains(&id),
        Subject::Boundary(id) => view.selection.boundaries.contains(&id),
    };
    let label = format!("{} row", info.display);
    resp.widget_info(|| egui::WidgetInfo::selected(egui::Role::Row, true, selected, &label));
    let painter = ui.painter();
    if selected {
        painter.rect_filled(rect, 0.0, theme::SELECT.gamma_multiply(0.3));
    } else if resp.hovered() {
        painter.rect_filled(rect, 0.0, ui.visuals().widgets.hovered.weak_bg_fill);
    } else if i % 2 == 1 {
        painter.rect_filled(rect, 0.0, ui.visuals().faint_bg_color);
    }
    let name_rect = Rect::from_min_size(rect.min, Vec2::new(NAME_W - 4.0, ROW_H));
    let mut job = egui::text::LayoutJob::simple_singleline(
        format!("{}  ", info.display),
        FontId::proportional(12.5),
        ui.visuals().text_color(),
    );
    job.append(
        &info.short,
        0.0,
        egui::TextFormat::simple(FontId::proportional(11.0), ui.visuals().weak_text_color()),
    );
    job.wrap = egui::text::TextWrapping {
        max_width: NAME_W - 8.0,
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    let g = painter.layout_job(job);
    painter.galley(
        Pos2::new(name_rect.min.x + 4.0, rect.center().y - g.size().y / 2.0),
        g,
        ui.visuals().text_color(),
    );
    if let Some(owners) = &info.owners {
        let mut pen = Pen::new(painter);
        for layer in Layer::ALL {
            let r = Rect::from_min_size(
                Pos2::new(rect.min.x + NAME_W + CELL_W * layer.index() as f32, rect.min.y),
                Vec2::new(CELL_W, ROW_H),
            )
            .shrink(1.5);
            swatch(&mut pen, r, owners[layer.index()]);
            if view.lens == Some(*layer) {
                pen.rect_stroke(r.expand(1.0), 0.0, Stroke::new(1.5, theme::SELECT), StrokeKind::Outside);
            }
        }
        pen.finish();
    } else {
        painter.text(
            Pos2::new(rect.min.x + NAME_W + 4.0, rect.center().y),
            Align2::LEFT_CENTER,
            "unknown service: no stack",
            FontId::proportional(11.0),
            ui.visuals().warn_fg_color,
        );
    }
    let counts_x = rect.min.x + NAME_W + CELL_W * 13.0 + 8.0;
    for (j, n) in info.counts.iter().enumerate() {
        painter.text(
            Pos2::new(counts_x + COUNT_W * j as f32 + (COUNT_W - 4.0) / 2.0, rect.center().y),
            Align2::CENTER_CENTER,
            n.to_string(),
            FontId::monospace(12.0),
            ui.visuals().text_color(),
        );
    }
    if resp.clicked() {
        let add = ui.input(|i| i.modifiers.shift || i.modifiers.command);
        match subject {
            Subject::Component(id) if add => view.selection.toggle(id),
            Subject::Component(id) => view.selection.only(id),
            Subject::Boundary(id) => view.selection.only_boundary(id),
        }
    }
}

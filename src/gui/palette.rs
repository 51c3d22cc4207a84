//! The palette: the boundary kinds (account, Region, VPC, subnets, ...) and every catalog
//! service grouped by AWS service group, with a search box (Catalog::search). Drag an entry
//! onto the canvas, or double-click it to drop it at the view centre.

use super::canvas::{BoundaryDrag, PaletteDrag, boundaries};
use super::theme;
use crate::catalog::{Catalog, Service};
use crate::vocab::{BoundaryKind, Group};
use egui::{Align2, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, Vec2};

/// What the user did in the palette.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaletteAction {
    /// Add this service at the centre of the view.
    AddAtCenter(String),
    /// Draw a boundary of this kind at the centre of the view.
    AddBoundaryAtCenter(BoundaryKind),
}

/// Shows the palette; `query` is the search text (view state).
pub fn show(ui: &mut Ui, catalog: &Catalog, query: &mut String) -> Option<PaletteAction> {
    let mut action = None;
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let label = ui.label("Search");
        let te = ui.add(
            egui::TextEdit::singleline(query)
                .hint_text("Search services (db, queue, cdn…)")
                .desired_width(f32::INFINITY),
        );
        let te = te.labelled_by(label.id).on_hover_text("Search services");
        if te.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            query.clear();
        }
    });
    ui.add_space(2.0);
    let hits = catalog.search(query);
    if catalog.services().is_empty() {
        ui.weak("The catalog has no services.");
        return None;
    }
    if hits.is_empty() && !query.trim().is_empty() {
        ui.weak("No service matches.");
    }
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let q = query.trim().to_lowercase();
        let kinds: Vec<BoundaryKind> = BoundaryKind::ALL
            .iter()
            .copied()
            .filter(|k| q.is_empty() || k.title().to_lowercase().contains(&q) || k.id().contains(&q))
            .collect();
        if !kinds.is_empty() {
            egui::CollapsingHeader::new(egui::RichText::new("Boundaries").strong())
                .id_salt("palette-boundaries")
                .default_open(true)
                .show(ui, |ui| {
                    for k in kinds {
                        if let Some(a) = boundary_entry(ui, k) {
                            action = Some(a);
                        }
                    }
                });
        }
        if query.trim().is_empty() {
            for group in Group::ALL {
                let services: Vec<&Service> = hits.iter().copied().filter(|s| s.group == *group).collect();
                if services.is_empty() {
                    continue;
                }
                egui::CollapsingHeader::new(egui::RichText::new(group.title()).strong())
                    .id_salt(("palette-group", group.id()))
                    .default_open(true)
                    .show(ui, |ui| {
                        for s in services {
                            if let Some(a) = entry(ui, s) {
                                action = Some(a);
                            }
                        }
                    });
            }
        } else {
            // Search results in relevance order, each with its group.
            for s in hits {
                if let Some(a) = entry(ui, s) {
                    action = Some(a);
                }
            }
        }
    });
    action
}

/// One palette entry: category colour strip, short name, full name.
fn entry(ui: &mut Ui, s: &Service) -> Option<PaletteAction> {
    let width = ui.available_width();
    let (rect, resp) = ui.allocate_exact_size(Vec2::new(width, 34.0), Sense::click_and_drag());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &s.name));
    resp.dnd_set_drag_payload(PaletteDrag(s.id.clone()));
    let visuals = ui.style().interact(&resp);
    let painter = ui.painter();
    if resp.hovered() || resp.has_focus() {
        painter.rect(rect, 4.0, visuals.weak_bg_fill, Stroke::NONE, StrokeKind::Inside);
    }
    let category = s.variants.first().map(|v| s.category_of(v)).unwrap_or(s.category);
    let strip = Rect::from_min_size(rect.min + Vec2::new(2.0, 4.0), Vec2::new(6.0, rect.height() - 8.0));
    painter.rect_filled(strip, 2.0, theme::category_color(Some(category)));
    let text = ui.visuals().strong_text_color();
    painter.text(
        Pos2::new(strip.max.x + 8.0, rect.min.y + 3.0),
        Align2::LEFT_TOP,
        &s.short,
        FontId::proportional(14.0),
        text,
    );
    let mut sub = s.name.clone();
    if s.has_variants() {
        sub.push_str(&format!("  ·  {} variants", s.variants.len()));
    }
    let mut job = egui::text::LayoutJob::simple_singleline(
        sub,
        FontId::proportional(11.0),
        ui.visuals().weak_text_color(),
    );
    job.wrap = egui::text::TextWrapping {
        max_width: rect.width() - 20.0,
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    let g = painter.layout_job(job);
    painter.galley(Pos2::new(strip.max.x + 8.0, rect.min.y + 19.0), g, text);
    let resp = resp.on_hover_ui(|ui| {
        ui.set_max_width(320.0);
        ui.strong(&s.name);
        ui.label(&s.description);
        ui.label(format!("Category: {}", theme::category_title(category)));
        ui.weak("Drag onto the canvas, or double-click to add at the centre.");
    });
    let mut action = None;
    if resp.double_clicked() {
        action = Some(PaletteAction::AddAtCenter(s.id.clone()));
    }
    resp.context_menu(|ui| {
        if ui.button("Add to canvas").clicked() {
            action = Some(PaletteAction::AddAtCenter(s.id.clone()));
        }
    });
    action
}

/// One boundary kind: a swatch in its outline style, its name.
fn boundary_entry(ui: &mut Ui, kind: BoundaryKind) -> Option<PaletteAction> {
    let width = ui.available_width();
    let (rect, resp) = ui.allocate_exact_size(Vec2::new(width, 26.0), Sense::click_and_drag());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, kind.title()));
    resp.dnd_set_drag_payload(BoundaryDrag(kind));
    let visuals = ui.style().interact(&resp);
    let painter = ui.painter();
    if resp.hovered() || resp.has_focus() {
        painter.rect(rect, 4.0, visuals.weak_bg_fill, Stroke::NONE, StrokeKind::Inside);
    }
    let sw = Rect::from_min_size(rect.min + Vec2::new(4.0, 5.0), Vec2::new(26.0, 16.0));
    let col = boundaries::color(Some(kind));
    if let Some([r, g, b]) = kind.tint() {
        painter.rect_filled(sw, 0.0, egui::Color32::from_rgb(r, g, b));
    }
    if kind.dashed() {
        let pts = [sw.left_top(), sw.right_top(), sw.right_bottom(), sw.left_bottom(), sw.left_top()];
        painter.extend(egui::Shape::dashed_line(&pts, Stroke::new(1.5, col), 4.0, 3.0));
    } else {
        painter.rect_stroke(sw, 0.0, Stroke::new(2.0, col), StrokeKind::Inside);
    }
    painter.text(
        Pos2::new(sw.max.x + 8.0, rect.center().y),
        Align2::LEFT_CENTER,
        kind.title(),
        FontId::proportional(14.0),
        ui.visuals().strong_text_color(),
    );
    let resp = resp.on_hover_text(format!(
        "{}: drag onto the canvas and drop components into it, or double-click to add at the centre.",
        kind.title()
    ));
    let mut action = None;
    if resp.double_clicked() {
        action = Some(PaletteAction::AddBoundaryAtCenter(kind));
    }
    resp.context_menu(|ui| {
        if ui.button("Add to canvas").clicked() {
            action = Some(PaletteAction::AddBoundaryAtCenter(kind));
        }
    });
    action
}

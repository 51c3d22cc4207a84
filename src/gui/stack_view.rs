//! Drawing a responsibility stack: the tall 13-band view of the inspector, the small bar on
//! canvas nodes, and the owner legend.

use super::pen::Pen;
use super::theme::{self, paint_owner};
use crate::catalog::Stack;
use crate::vocab::{AwsPart, Layer, Owner};
use egui::{Align2, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, Vec2};

/// The small horizontal bar: 13 segments, bottom layer (facilities) on the left. With
/// `detail` off (a node seen from far away) neighbouring segments of one owner merge and shared
/// segments are drawn plain, which keeps thousands of nodes cheap.
pub fn mini_bar(pen: &mut Pen, rect: Rect, owners: &[Owner; 13], lens: Option<Layer>, detail: bool) {
    let w = rect.width() / 13.0;
    let seg = |from: usize, to: usize| {
        Rect::from_min_max(
            Pos2::new(rect.min.x + w * from as f32, rect.min.y),
            Pos2::new(rect.min.x + w * to as f32, rect.max.y),
        )
    };
    if detail {
        for (i, owner) in owners.iter().enumerate() {
            paint_owner(pen, seg(i, i + 1), *owner);
        }
    } else {
        let mut start = 0;
        for i in 1..=13 {
            if i == 13 || owners[i] != owners[start] {
                pen.rect_filled(seg(start, i), 0.0, theme::owner_color(owners[start]));
                start = i;
            }
        }
    }
    if let Some(l) = lens {
        pen.rect_stroke(
            seg(l.index(), l.index() + 1).expand(1.5),
            1.0,
            Stroke::new(2.0, theme::SELECT),
            StrokeKind::Outside,
        );
    }
}

/// The owner's swatch with its letter on it.
pub fn swatch(pen: &mut Pen, rect: Rect, owner: Owner) {
    paint_owner(pen, rect, owner);
    let font = FontId::proportional((rect.height() * 0.7).clamp(8.0, 14.0));
    let c = rect.center();
    // A halo keeps the letter legible on stripes.
    if owner == Owner::Shared {
        pen.circle_filled(c, rect.height() * 0.36, egui::Color32::from_white_alpha(210));
    }
    pen.text(c, Align2::CENTER_CENTER, owner.letter(), font, theme::owner_text_color(owner));
}

/// The legend of the four owners, in one row.
pub fn legend(ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        for owner in Owner::ALL {
            let (rect, _) = ui.allocate_exact_size(Vec2::new(18.0, 16.0), Sense::hover());
            let mut pen = Pen::new(ui.painter());
            swatch(&mut pen, rect, *owner);
            pen.finish();
            ui.label(owner.title()).on_hover_text(owner_explanation(*owner));
            ui.add_space(6.0);
        }
    });
}

/// What an owner means, for tooltips.
pub fn owner_explanation(owner: Owner) -> &'static str {
    match owner {
        Owner::Aws => "AWS secures this layer (security OF the cloud).",
        Owner::Customer => "You secure this layer (security IN the cloud).",
        Owner::Shared => "AWS and you each have a part; the note says who does what.",
        Owner::NotApplicable => "Nothing to secure in this layer for this service.",
    }
}

/// The tall stack: 13 bands, data on top and facilities at the bottom, each coloured by owner
/// with its note on hover. Returns the layer whose band was clicked.
pub fn stack_bands(ui: &mut Ui, stack: &Stack, lens: Option<Layer>) -> Option<Layer> {
    let mut clicked = None;
    let width = ui.available_width().max(160.0);
    let band_h = 22.0;
    for entry in stack.entries().iter().rev() {
        let (rect, resp) = ui.allocate_exact_size(Vec2::new(width, band_h), Sense::click());
        let mut painter = Pen::new(ui.painter());
        let sw = Rect::from_min_size(rect.min, Vec2::new(30.0, band_h - 2.0));
        swatch(&mut painter, sw, entry.owner);
        let text_rect = Rect::from_min_max(
            Pos2::new(sw.max.x + 2.0, rect.min.y),
            Pos2::new(rect.max.x, rect.max.y - 2.0),
        );
        let tint =
            theme::owner_color(entry.owner).gamma_multiply(if ui.visuals().dark_mode { 0.28 } else { 0.2 });
        painter.rect_filled(text_rect, 2.0, tint);
        if resp.hovered() || lens == Some(entry.layer) {
            painter.rect_stroke(rect.shrink(0.5), 2.0, Stroke::new(1.5, theme::SELECT), StrokeKind::Inside);
        }
        let text_color = ui.visuals().strong_text_color();
        painter.text(
            Pos2::new(text_rect.min.x + 6.0, text_rect.center().y),
            Align2::LEFT_CENTER,
            entry.layer.title(),
            FontId::proportional(13.0),
            text_color,
        );
        let owner_text = match (entry.owner, entry.aws_part) {
            (Owner::Shared, Some(AwsPart::OptIn)) => "Shared · opt-in".to_string(),
            (Owner::Shared, Some(AwsPart::OnByDefault)) => "Shared · on by default".to_string(),
            (o, _) => o.title().to_string(),
        };
        painter.text(
            Pos2::new(text_rect.max.x - 6.0, text_rect.center().y),
            Align2::RIGHT_CENTER,
            owner_text,
            FontId::proportional(12.0),
            ui.visuals().text_color(),
        );
        painter.finish();
        let label = format!("{}: {}", entry.layer.title(), entry.owner.title());
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        let resp = resp.on_hover_ui(|ui| {
            ui.set_max_width(360.0);
            ui.strong(format!("{} — {}", entry.layer.title(), entry.owner.title()));
            ui.label(&entry.note);
            ui.weak("Click to use this layer as the lens.");
        });
        if resp.clicked() {
            clicked = Some(entry.layer);
        }
    }
    clicked
}

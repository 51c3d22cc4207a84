//! Painting nodes and edges into a [`Pen`] (no widgets): cheap enough for thousands per frame.
//! Detail drops as the view zooms out (level of detail), since tiny text is unreadable anyway.

use super::geom::{HANDLE_RADIUS, handle_center};
use super::icons;
use crate::gui::derived::NodeInfo;
use crate::gui::highlight::Emphasis;
use crate::gui::pen::Pen;
use crate::gui::stack_view::{mini_bar, swatch};
use crate::gui::theme;
use crate::project::{Component, Connection};
use crate::vocab::{DataClass, Layer};
use egui::text::{LayoutJob, TextWrapping};
use egui::{Align2, Color32, CornerRadius, FontId, Pos2, Rect, Stroke, StrokeKind, Vec2, Visuals};

/// How much detail to draw, from the zoom level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lod {
    /// Boxes and bars only.
    Minimal,
    /// Plus the service name.
    Medium,
    /// Everything.
    Full,
}

impl Lod {
    /// The level for a zoom factor (screen points per canvas unit).
    pub fn for_scale(scale: f32) -> Lod {
        if scale < 0.3 {
            Lod::Minimal
        } else if scale < 0.55 {
            Lod::Medium
        } else {
            Lod::Full
        }
    }
}

/// How one node is to be drawn.
pub struct NodeLook {
    /// Selected.
    pub selected: bool,
    /// Hovered (shows the connection handle).
    pub hovered: bool,
    /// Highlight or dim.
    pub emphasis: Emphasis,
    /// The layer lens, if any.
    pub lens: Option<Layer>,
    /// Detail level.
    pub lod: Lod,
}

/// One line of text cut to `max_width` with an ellipsis.
fn one_line(
    pen: &Pen,
    text: &str,
    font: FontId,
    color: Color32,
    max_width: f32,
) -> std::sync::Arc<egui::Galley> {
    let mut job = LayoutJob::simple_singleline(text.to_owned(), font, color);
    job.wrap = TextWrapping { max_width, max_rows: 1, break_anywhere: true, overflow_character: Some('…') };
    pen.layout_job(job)
}

/// Paints a node.
pub fn paint_node(
    pen: &mut Pen,
    rect: Rect,
    c: &Component,
    info: &NodeInfo,
    look: &NodeLook,
    visuals: &Visuals,
) {
    pen.set_alpha(if look.emphasis == Emphasis::Dim { 0.28 } else { 1.0 });
    let radius = 6.0;
    // While comparing with another version: added green, changed orange, around the node.
    if let Some(mark) = info.mark {
        let color = match mark {
            super::super::compare_file::Mark::Added => Color32::from_rgb(0x2E, 0xA0, 0x43),
            super::super::compare_file::Mark::Changed => Color32::from_rgb(0xF0, 0x8C, 0x00),
        };
        pen.rect_stroke(rect.expand(6.0), radius + 4.0, Stroke::new(3.0, color), StrokeKind::Outside);
    }
    if look.emphasis == Emphasis::Strong {
        pen.rect_filled(rect.expand(7.0), radius + 5.0, Color32::from_rgba_unmultiplied(255, 200, 40, 70));
        pen.rect_stroke(
            rect.expand(4.0),
            radius + 3.0,
            Stroke::new(3.0, Color32::from_rgb(255, 190, 0)),
            StrokeKind::Outside,
        );
    }
    pen.rect_filled(rect, radius, theme::node_fill(visuals));
    let accent = theme::category_color(info.category);
    let strip = Rect::from_min_max(rect.min, Pos2::new(rect.min.x + 7.0, rect.max.y));
    pen.rect_filled(strip, CornerRadius { nw: radius as u8, sw: radius as u8, ne: 0, se: 0 }, accent);
    let border = if look.selected {
        Stroke::new(3.0, theme::SELECT)
    } else {
        Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color)
    };
    pen.rect_stroke(rect, radius, border, StrokeKind::Inside);

    let inner_left = strip.max.x + 6.0;
    let bar = Rect::from_min_max(
        Pos2::new(inner_left, rect.max.y - 17.0),
        Pos2::new(rect.max.x - 8.0, rect.max.y - 7.0),
    );
    match &info.owners {
        Some(owners) => mini_bar(pen, bar, owners, look.lens, look.lod != Lod::Minimal),
        None => pen.rect_stroke(bar, 0.0, Stroke::new(1.0, theme::NOT_APPLICABLE), StrokeKind::Inside),
    }
    if look.lod == Lod::Minimal {
        pen.set_alpha(1.0);
        return;
    }
    let strong = visuals.strong_text_color();
    let weak = visuals.weak_text_color();
    let text_w = rect.max.x - inner_left - 8.0;
    // Line 1: service short name and variant; badges and the lens swatch on the right.
    let lens_room = if look.lens.is_some() { 24.0 } else { 0.0 };
    let mut right = rect.max.x - 8.0 - lens_room;
    let badge_y = rect.min.y + 14.0;
    if !info.problems.is_empty() {
        right -= icons::pill(pen, right, badge_y, "!", theme::WARNING, Color32::BLACK) + 4.0;
    }
    if info.failing > 0 {
        let text = format!("FAIL {}", info.failing);
        right -= icons::pill(pen, right, badge_y, &text, Color32::from_rgb(0xC6, 0x28, 0x28), Color32::WHITE)
            + 4.0;
    }
    match c.data {
        DataClass::Confidential => {
            right -=
                icons::pill(pen, right, badge_y, "CONF", Color32::from_rgb(0x8E, 0x44, 0xAD), Color32::WHITE)
                    + 4.0;
        }
        DataClass::Regulated => {
            right -=
                icons::pill(pen, right, badge_y, "REG", Color32::from_rgb(0xC0, 0x39, 0x2B), Color32::WHITE)
                    + 4.0;
        }
        _ => {}
    }
    if c.internet_facing {
        icons::globe(pen, Pos2::new(right - 7.0, badge_y), 6.5, strong);
        right -= 18.0;
    }
    let badge_w = rect.max.x - 8.0 - lens_room - right;
    let title = match &info.variant {
        Some(v) if look.lod == Lod::Full => format!("{} · {v}", info.short),
        _ => info.short.clone(),
    };
    let g = one_line(pen, &title, FontId::proportional(14.0), strong, text_w - badge_w - lens_room);
    pen.galley(Pos2::new(inner_left, rect.min.y + 6.0), g, strong);
    if let Some(layer) = look.lens
        && let Some(owners) = &info.owners
    {
        let r =
            Rect::from_center_size(Pos2::new(rect.max.x - 17.0, rect.min.y + 14.0), Vec2::new(20.0, 16.0));
        swatch(pen, r, owners[layer.index()]);
    }
    if look.lod == Lod::Full {
        let unlabelled = c.label.trim().is_empty();
        let (label, color) =
            if unlabelled { ("(no label)", weak) } else { (c.label.as_str(), visuals.text_color()) };
        let g = one_line(pen, label, FontId::proportional(13.0), color, text_w);
        pen.galley(Pos2::new(inner_left, rect.min.y + 27.0), g, color);
    }
    if look.hovered || look.selected {
        let h = handle_center(rect);
        pen.circle_filled(h, HANDLE_RADIUS, theme::SELECT);
        pen.circle_stroke(h, HANDLE_RADIUS, Stroke::new(1.5, visuals.panel_fill));
        pen.text(h, Align2::CENTER_CENTER, "+", FontId::proportional(12.0), Color32::WHITE);
    }
    pen.set_alpha(1.0);
}

/// Colours of an edge.
pub fn edge_stroke(visuals: &Visuals, selected: bool, dim: bool) -> Stroke {
    let base = if selected { theme::SELECT } else { visuals.text_color().gamma_multiply(0.75) };
    let base = if dim { base.gamma_multiply(0.25) } else { base };
    Stroke::new(if selected { 3.0 } else { 1.6 }, base)
}

/// Paints an edge from `a` to `b` with an arrowhead at `b`. Unencrypted connections are dashed
/// (from close enough to see dashes).
pub fn paint_edge(pen: &mut Pen, a: Pos2, b: Pos2, k: &Connection, stroke: Stroke, lod: Lod) {
    let dir = (b - a).normalized();
    if !dir.x.is_finite() {
        return;
    }
    let head = 11.0;
    let tip_base = b - dir * head;
    if k.encrypted || lod == Lod::Minimal {
        pen.line_segment([a, tip_base], stroke);
    } else {
        pen.dashed_line(&[a, tip_base], stroke, 8.0, 5.0);
    }
    let normal = Vec2::new(-dir.y, dir.x) * head * 0.5;
    pen.convex_polygon(vec![b, tip_base + normal, tip_base - normal], stroke.color);
}

/// Paints an edge's label at `mid` (drawn above the nodes so it is never hidden): its text,
/// a padlock when encrypted, "unencrypted" when not.
pub fn paint_edge_label(pen: &mut Pen, mid: Pos2, k: &Connection, stroke: Stroke, visuals: &Visuals) {
    let text = match (k.encrypted, k.label.is_empty()) {
        (true, true) => String::new(),
        (true, false) => k.label.clone(),
        (false, true) => "unencrypted".to_owned(),
        (false, false) => format!("{} (unencrypted)", k.label),
    };
    let g = pen.layout_no_wrap(text, FontId::proportional(12.0), visuals.text_color());
    let lock_w = if k.encrypted { 14.0 } else { 0.0 };
    let r = Rect::from_center_size(mid, g.size() + Vec2::new(8.0 + lock_w, 2.0));
    pen.rect_filled(r, 3.0, visuals.extreme_bg_color.gamma_multiply(0.92));
    if stroke.color == theme::SELECT {
        pen.rect_stroke(r, 3.0, Stroke::new(1.0, theme::SELECT), StrokeKind::Outside);
    }
    if k.encrypted {
        icons::lock(pen, Pos2::new(r.min.x + 9.0, r.center().y), 11.0, visuals.text_color());
    }
    pen.galley(r.min + Vec2::new(4.0 + lock_w, 1.0), g, visuals.text_color());
}

//! Small icons drawn with the pen (the app ships no emoji font): a globe for internet-facing
//! components, a padlock for encryption, text pills for data classes.

use crate::gui::pen::Pen;
use egui::{Color32, FontId, Pos2, Rect, Stroke, Vec2};

/// A globe of radius `r` at `c`.
pub fn globe(pen: &mut Pen, c: Pos2, r: f32, color: Color32) {
    let stroke = Stroke::new((r * 0.16).max(1.0), color);
    pen.circle_stroke(c, r, stroke);
    pen.line_segment([c - Vec2::new(r, 0.0), c + Vec2::new(r, 0.0)], stroke);
    // A meridian as an ellipse.
    let pts: Vec<Pos2> = (0..=24)
        .map(|i| {
            let t = i as f32 / 24.0 * std::f32::consts::TAU;
            c + Vec2::new(r * 0.45 * t.cos(), r * t.sin())
        })
        .collect();
    pen.line(pts, stroke);
}

/// A padlock about `h` tall centred at `c`.
pub fn lock(pen: &mut Pen, c: Pos2, h: f32, color: Color32) {
    let body = Rect::from_center_size(c + Vec2::new(0.0, h * 0.18), Vec2::new(h * 0.75, h * 0.55));
    pen.rect_filled(body, h * 0.08, color);
    let r = h * 0.24;
    let top = body.min.y;
    let pts: Vec<Pos2> = (0..=12)
        .map(|i| {
            let t = std::f32::consts::PI * (1.0 + i as f32 / 12.0);
            Pos2::new(c.x + r * t.cos(), top + r * t.sin())
        })
        .collect();
    pen.line(pts, Stroke::new((h * 0.12).max(1.0), color));
}

/// A small text pill ending at `right` (x) centred on `y`; returns its width.
pub fn pill(pen: &mut Pen, right: f32, y: f32, text: &str, fill: Color32, text_color: Color32) -> f32 {
    let g = pen.layout_no_wrap(text.to_owned(), FontId::proportional(10.0), text_color);
    let size = g.size() + Vec2::new(8.0, 2.0);
    let r = Rect::from_min_size(Pos2::new(right - size.x, y - size.y / 2.0), size);
    pen.rect_filled(r, size.y / 2.0, fill);
    pen.galley(r.min + Vec2::new(4.0, 1.0), g, text_color);
    size.x
}

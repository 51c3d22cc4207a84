//! A batching painter: shapes are collected in a vector and handed to egui in one call, and an
//! opacity applies to everything drawn (dimmed nodes). Drawing thousands of nodes shape by shape
//! through `egui::Painter` locks the context for every shape; this keeps a frame cheap.

use egui::epaint::TextShape;
use egui::text::LayoutJob;
use egui::{Align2, Color32, CornerRadius, FontId, Galley, Painter, Pos2, Rect, Shape, Stroke, StrokeKind};
use std::sync::Arc;

/// Collects shapes for one painter.
pub struct Pen {
    painter: Painter,
    shapes: Vec<Shape>,
    alpha: f32,
}

impl Pen {
    /// A pen drawing (on [`Pen::finish`]) into `painter`'s layer and clip rectangle.
    pub fn new(painter: &Painter) -> Self {
        Pen { painter: painter.clone(), shapes: Vec::new(), alpha: 1.0 }
    }

    /// Opacity of what follows (1 = opaque).
    pub fn set_alpha(&mut self, alpha: f32) {
        self.alpha = alpha;
    }

    /// Hands everything drawn to egui.
    pub fn finish(self) {
        self.painter.extend(self.shapes);
    }

    fn c(&self, c: Color32) -> Color32 {
        if self.alpha >= 1.0 { c } else { c.gamma_multiply(self.alpha) }
    }

    fn s(&self, s: Stroke) -> Stroke {
        Stroke::new(s.width, self.c(s.color))
    }

    /// A filled rectangle.
    pub fn rect_filled(&mut self, rect: Rect, radius: impl Into<CornerRadius>, fill: Color32) {
        self.shapes.push(Shape::rect_filled(rect, radius, self.c(fill)));
    }

    /// A rectangle outline.
    pub fn rect_stroke(
        &mut self,
        rect: Rect,
        radius: impl Into<CornerRadius>,
        stroke: Stroke,
        kind: StrokeKind,
    ) {
        self.shapes.push(Shape::rect_stroke(rect, radius, self.s(stroke), kind));
    }

    /// A line.
    pub fn line_segment(&mut self, points: [Pos2; 2], stroke: Stroke) {
        self.shapes.push(Shape::line_segment(points, self.s(stroke)));
    }

    /// A filled circle.
    pub fn circle_filled(&mut self, center: Pos2, radius: f32, fill: Color32) {
        self.shapes.push(Shape::circle_filled(center, radius, self.c(fill)));
    }

    /// A circle outline.
    pub fn circle_stroke(&mut self, center: Pos2, radius: f32, stroke: Stroke) {
        self.shapes.push(Shape::circle_stroke(center, radius, self.s(stroke)));
    }

    /// A polyline.
    pub fn line(&mut self, points: Vec<Pos2>, stroke: Stroke) {
        self.shapes.push(Shape::line(points, self.s(stroke)));
    }

    /// A filled convex polygon.
    pub fn convex_polygon(&mut self, points: Vec<Pos2>, fill: Color32) {
        self.shapes.push(Shape::convex_polygon(points, self.c(fill), Stroke::NONE));
    }

    /// A dashed line.
    pub fn dashed_line(&mut self, points: &[Pos2], stroke: Stroke, dash: f32, gap: f32) {
        let s = self.s(stroke);
        self.shapes.extend(Shape::dashed_line(points, s, dash, gap));
    }

    /// Lays out text on one line, elided to [`SHOWN`](super::elide::SHOWN) characters.
    pub fn layout_no_wrap(&self, text: String, font: FontId, color: Color32) -> Arc<Galley> {
        let text = match super::elide::elide(&text, super::elide::SHOWN) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(short) => short,
        };
        self.painter.layout_no_wrap(text, font, color)
    }

    /// Lays out a job, its text elided to [`SHOWN`](super::elide::SHOWN) characters (sections
    /// past the cut are dropped, the last one shortened).
    pub fn layout_job(&self, mut job: LayoutJob) -> Arc<Galley> {
        if let std::borrow::Cow::Owned(short) = super::elide::elide(&job.text, super::elide::SHOWN) {
            let len = short.len();
            job.sections.retain(|s| s.byte_range.start.0 < len);
            if let Some(last) = job.sections.last_mut() {
                last.byte_range.end.0 = len;
            }
            job.text = short;
        }
        self.painter.layout_job(job)
    }

    /// Draws a laid-out text with its top-left at `pos`.
    pub fn galley(&mut self, pos: Pos2, galley: Arc<Galley>, color: Color32) {
        self.shapes.push(TextShape::new(pos, galley, color).with_opacity_factor(self.alpha).into());
    }

    /// Draws text anchored at `pos`.
    pub fn text(&mut self, pos: Pos2, anchor: Align2, text: impl ToString, font: FontId, color: Color32) {
        let g = self.layout_no_wrap(text.to_string(), font, color);
        let rect = anchor.anchor_size(pos, g.size());
        self.galley(rect.min, g, color);
    }
}

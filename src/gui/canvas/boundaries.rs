//! Boundaries on the canvas: accounts, Regions, VPCs, Availability Zones, subnets, on-premises
//! sites and trust zones drawn as labelled containers behind the nodes, in the colours and line
//! styles of AWS architecture diagrams (account and VPC solid, subnets tinted green or blue,
//! Availability Zones, Regions and trust zones dashed). Unknown kinds are plain grey boxes.
//!
//! A boundary is grabbed by its title bar (move, with everything inside it) or, when selected,
//! by a corner handle (resize). Its interior is background: it pans the view and a click there
//! selects the innermost boundary under the pointer.

use crate::gui::pen::Pen;
use crate::gui::theme;
use crate::project::{Boundary, BoundaryId, MIN_BOUNDARY_SIZE, Project};
use crate::vocab::BoundaryKind;
use egui::{Color32, FontId, Pos2, Rect, Stroke, StrokeKind, Vec2, Visuals};

/// Height of the title bar, in canvas units.
pub const TITLE_H: f32 = 28.0;
/// Side of a corner handle, in canvas units at 1:1 (scaled so it stays grabbable).
pub const HANDLE: f32 = 12.0;

/// A boundary's rectangle as an egui rect.
pub fn rect(b: &Boundary) -> Rect {
    Rect::from_min_size(Pos2::new(b.rect.x, b.rect.y), Vec2::new(b.rect.w, b.rect.h))
}

/// The title bar, where a boundary is grabbed.
pub fn title_bar(b: &Boundary) -> Rect {
    let r = rect(b);
    Rect::from_min_max(r.min, Pos2::new(r.max.x, (r.min.y + TITLE_H).min(r.max.y)))
}

/// The four corners: top-left, top-right, bottom-left, bottom-right.
pub fn corners(r: Rect) -> [Pos2; 4] {
    [r.left_top(), r.right_top(), r.left_bottom(), r.right_bottom()]
}

/// The rectangle after dragging corner `corner` (index into [`corners`]) by `delta`, never
/// smaller than [`MIN_BOUNDARY_SIZE`] and never turned inside out.
pub fn resized(orig: Rect, corner: usize, delta: Vec2) -> Rect {
    let (mut min, mut max) = (orig.min, orig.max);
    let m = MIN_BOUNDARY_SIZE;
    match corner {
        0 => min = Pos2::new((min.x + delta.x).min(max.x - m), (min.y + delta.y).min(max.y - m)),
        1 => {
            max.x = (max.x + delta.x).max(min.x + m);
            min.y = (min.y + delta.y).min(max.y - m);
        }
        2 => {
            min.x = (min.x + delta.x).min(max.x - m);
            max.y = (max.y + delta.y).max(min.y + m);
        }
        _ => max = Pos2::new((max.x + delta.x).max(min.x + m), (max.y + delta.y).max(min.y + m)),
    }
    Rect::from_min_max(min, max)
}

/// Boundaries in drawing order: outer ones first, then larger before smaller.
pub fn draw_order(project: &Project) -> Vec<usize> {
    let depth: Vec<usize> =
        project.boundaries.iter().map(|b| project.boundary_chain(Some(b.id)).len()).collect();
    let mut order: Vec<usize> = (0..project.boundaries.len()).collect();
    order.sort_by(|&a, &b| {
        depth[a]
            .cmp(&depth[b])
            .then(project.boundaries[b].rect.area().total_cmp(&project.boundaries[a].rect.area()))
    });
    order
}

/// Outline colour of a boundary (grey for a kind this version does not know).
pub fn color(kind: Option<BoundaryKind>) -> Color32 {
    let [r, g, b] = kind.map_or([0x7D, 0x89, 0x98], BoundaryKind::rgb);
    Color32::from_rgb(r, g, b)
}

/// Short tag written in the title bar ("VPC", "Public subnet").
pub fn tag(b: &Boundary) -> String {
    b.kind().map_or_else(|| format!("{} (unknown kind)", b.kind), |k| k.title().to_string())
}

/// How one boundary is to be drawn.
pub struct BoxLook {
    /// Selected.
    pub selected: bool,
    /// Hovered, or a node being dragged would drop into it.
    pub target: bool,
    /// Draw the text (off when zoomed far out).
    pub text: bool,
    /// Zoom factor, for line widths that stay visible.
    pub scale: f32,
    /// The visible part of the canvas (dashes outside it are not drawn).
    pub view: Rect,
}

/// The part of a horizontal or vertical segment inside `view`, if any.
fn clip_axis_segment(a: Pos2, b: Pos2, view: Rect) -> Option<(Pos2, Pos2)> {
    if a.y == b.y {
        let (x0, x1) = (a.x.max(view.min.x), b.x.min(view.max.x));
        (view.y_range().contains(a.y) && x0 < x1).then(|| (Pos2::new(x0, a.y), Pos2::new(x1, a.y)))
    } else {
        let (y0, y1) = (a.y.max(view.min.y), b.y.min(view.max.y));
        (view.x_range().contains(a.x) && y0 < y1).then(|| (Pos2::new(a.x, y0), Pos2::new(a.x, y1)))
    }
}

/// Paints one boundary.
pub fn paint(pen: &mut Pen, b: &Boundary, look: &BoxLook, visuals: &Visuals) {
    let r = rect(b);
    let kind = b.kind();
    let col = color(kind);
    let px = 1.0 / look.scale.max(0.05);
    if let Some([tr, tg, tb]) = kind.and_then(BoundaryKind::tint) {
        let fill = if visuals.dark_mode {
            Color32::from_rgba_unmultiplied(col.r(), col.g(), col.b(), 34)
        } else {
            Color32::from_rgb(tr, tg, tb)
        };
        pen.rect_filled(r, 0.0, fill);
    }
    if look.target {
        pen.rect_filled(r, 0.0, theme::SELECT.gamma_multiply(0.08));
    }
    let width: f32 = if look.selected { 3.0 } else { 2.0 };
    let width = width.max(1.5 * px);
    let stroke = Stroke::new(width, if look.selected { theme::SELECT } else { col });
    if kind.is_none_or(BoundaryKind::dashed) {
        // Dashes of a fixed size on screen; each side is clipped to the view first, so a huge
        // box zoomed in or many boxes zoomed out stay cheap.
        let (dash, gap) = (10.0 * px, 6.0 * px);
        let view = look.view.expand(dash + gap);
        for [a, b] in [
            [r.left_top(), r.right_top()],
            [r.right_top(), r.right_bottom()],
            [r.left_bottom(), r.right_bottom()],
            [r.left_top(), r.left_bottom()],
        ] {
            if let Some((a, b)) = clip_axis_segment(a, b, view) {
                pen.dashed_line(&[a, b], stroke, dash, gap);
            }
        }
    } else {
        pen.rect_stroke(r, 0.0, stroke, StrokeKind::Inside);
    }
    if look.selected || look.target {
        pen.rect_stroke(r.expand(2.0 * px), 0.0, Stroke::new(px, theme::SELECT), StrokeKind::Outside);
    }
    if !look.text {
        return;
    }
    // The tag: a filled chip in the kind's colour, then the label. Zoomed out, the text grows
    // in canvas units so that it stays readable on screen (at most a fifth of the box).
    let grow = (1.0 / look.scale.max(0.05)).clamp(1.0, 3.0).min((r.height() / 5.0 / 14.0).max(1.0));
    let (tag_size, label_size) = (12.0 * grow, 14.0 * grow);
    let tag_g = pen.layout_no_wrap(tag(b), FontId::proportional(tag_size), Color32::WHITE);
    let chip = Rect::from_min_size(r.min + Vec2::splat(2.0), tag_g.size() + Vec2::new(10.0, 6.0) * grow);
    if chip.max.x < r.max.x && chip.max.y < r.max.y {
        pen.rect_filled(chip, 2.0, col);
        pen.galley(chip.min + Vec2::new(5.0, 3.0) * grow, tag_g, Color32::WHITE);
        let label = b.label.trim();
        if !label.is_empty() {
            let mut job = egui::text::LayoutJob::simple_singleline(
                label.to_owned(),
                FontId::proportional(label_size),
                visuals.strong_text_color(),
            );
            job.wrap = egui::text::TextWrapping {
                max_width: (r.max.x - chip.max.x - 12.0).max(0.0),
                max_rows: 1,
                break_anywhere: true,
                overflow_character: Some('…'),
            };
            let g = pen.layout_job(job);
            pen.galley(Pos2::new(chip.max.x + 6.0 * grow, chip.min.y + grow), g, visuals.strong_text_color());
        }
    }
    if look.selected {
        let h = HANDLE * px.max(1.0);
        for c in corners(r) {
            let hr = Rect::from_center_size(c, Vec2::splat(h));
            pen.rect_filled(hr, 1.0, theme::SELECT);
            pen.rect_stroke(hr, 1.0, Stroke::new(px, visuals.panel_fill), StrokeKind::Inside);
        }
    }
}

/// The id of the boundary whose title bar is under `p`, innermost (drawn last) first.
pub fn title_at(project: &Project, order: &[usize], p: Pos2) -> Option<BoundaryId> {
    order.iter().rev().map(|&i| &project.boundaries[i]).find(|b| title_bar(b).contains(p)).map(|b| b.id)
}

/// Default size of a new boundary of this kind, in canvas units.
pub fn default_size(kind: BoundaryKind) -> Vec2 {
    match kind {
        BoundaryKind::Account | BoundaryKind::Region => Vec2::new(960.0, 640.0),
        BoundaryKind::Vpc | BoundaryKind::OnPremises => Vec2::new(720.0, 480.0),
        BoundaryKind::AvailabilityZone => Vec2::new(480.0, 400.0),
        BoundaryKind::PublicSubnet | BoundaryKind::PrivateSubnet | BoundaryKind::TrustZone => {
            Vec2::new(400.0, 240.0)
        }
    }
}

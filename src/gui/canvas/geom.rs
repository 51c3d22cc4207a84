//! Canvas geometry: node rectangles, where edges meet node borders, hit tests, bounds, grid.

use crate::project::{Pos, Project};
use egui::{Pos2, Rect, Vec2};

/// Size of a node in canvas units.
pub const NODE_SIZE: Vec2 = Vec2::new(184.0, 72.0);
/// Grid spacing in canvas units.
pub const GRID: f32 = 24.0;
/// Radius of the connection handle on a node's right edge.
pub const HANDLE_RADIUS: f32 = 7.0;

/// A node's rectangle (positions are node centres).
pub fn node_rect(pos: Pos) -> Rect {
    Rect::from_center_size(Pos2::new(pos.x, pos.y), NODE_SIZE)
}

/// The connection handle's centre.
pub fn handle_center(rect: Rect) -> Pos2 {
    Pos2::new(rect.max.x, rect.center().y)
}

/// Is `p` on the node's connection handle (with some slack)?
pub fn on_handle(rect: Rect, p: Pos2) -> bool {
    p.distance(handle_center(rect)) <= HANDLE_RADIUS * 2.0
}

/// Where the segment from the centre of `rect` towards `toward` leaves the rectangle.
pub fn border_point(rect: Rect, toward: Pos2) -> Pos2 {
    let c = rect.center();
    let d = toward - c;
    if d.x == 0.0 && d.y == 0.0 {
        return c;
    }
    let half = rect.size() * 0.5;
    let tx = if d.x != 0.0 { half.x / d.x.abs() } else { f32::INFINITY };
    let ty = if d.y != 0.0 { half.y / d.y.abs() } else { f32::INFINITY };
    c + d * tx.min(ty).min(1.0)
}

/// Distance from `p` to the segment `a`–`b`.
pub fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len2 = ab.length_sq();
    if len2 == 0.0 {
        return p.distance(a);
    }
    let t = ((p - a).dot(ab) / len2).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}

/// The endpoints of the edge between two nodes, on their borders.
pub fn edge_points(from: Rect, to: Rect) -> (Pos2, Pos2) {
    (border_point(from, to.center()), border_point(to, from.center()))
}

/// The topmost component under `p` (index into `project.components`).
pub fn node_at(project: &Project, p: Pos2) -> Option<usize> {
    project.components.iter().rposition(|c| node_rect(c.position).contains(p))
}

/// The connection whose line passes within `tolerance` of `p` (index), the nearest one.
pub fn edge_at(
    project: &Project,
    index: &foldhash::HashMap<crate::project::ComponentId, usize>,
    p: Pos2,
    tolerance: f32,
) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, k) in project.connections.iter().enumerate() {
        let (Some(&a), Some(&b)) = (index.get(&k.from), index.get(&k.to)) else { continue };
        let (pa, pb) =
            edge_points(node_rect(project.components[a].position), node_rect(project.components[b].position));
        let d = distance_to_segment(p, pa, pb);
        if d <= tolerance && best.is_none_or(|(_, bd)| d < bd) {
            best = Some((i, d));
        }
    }
    best.map(|(i, _)| i)
}

/// The rectangle around every node and boundary, with a margin; `None` for an empty project.
pub fn content_bounds(project: &Project) -> Option<Rect> {
    let boxes = project
        .boundaries
        .iter()
        .map(|b| Rect::from_min_size(Pos2::new(b.rect.x, b.rect.y), Vec2::new(b.rect.w, b.rect.h)));
    let mut it = project.components.iter().map(|c| node_rect(c.position)).chain(boxes);
    let first = it.next()?;
    Some(it.fold(first, |a, b| a.union(b)).expand(48.0))
}

/// Snaps a position to the grid.
pub fn snap(p: Pos2) -> Pos2 {
    Pos2::new((p.x / GRID).round() * GRID, (p.y / GRID).round() * GRID)
}

/// A free spot near `p`: moves down-right until no node centre sits within half a node.
pub fn free_spot(project: &Project, p: Pos2) -> Pos2 {
    let mut q = p;
    for _ in 0..50 {
        let taken = project.components.iter().any(|c| {
            (c.position.x - q.x).abs() < NODE_SIZE.x * 0.5 && (c.position.y - q.y).abs() < NODE_SIZE.y * 0.5
        });
        if !taken {
            break;
        }
        q += Vec2::splat(GRID * 2.0);
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn border_point_lies_on_the_border() {
        let r = Rect::from_center_size(Pos2::ZERO, Vec2::new(100.0, 50.0));
        assert_eq!(border_point(r, Pos2::new(500.0, 0.0)), Pos2::new(50.0, 0.0));
        assert_eq!(border_point(r, Pos2::new(0.0, -500.0)), Pos2::new(0.0, -25.0));
        let p = border_point(r, Pos2::new(100.0, 100.0));
        assert!((p.y - 25.0).abs() < 1e-4 && (p.x - 25.0).abs() < 1e-4, "{p:?}");
    }

    #[test]
    fn segment_distance() {
        let d = distance_to_segment(Pos2::new(5.0, 3.0), Pos2::ZERO, Pos2::new(10.0, 0.0));
        assert!((d - 3.0).abs() < 1e-5);
        let d = distance_to_segment(Pos2::new(-4.0, 3.0), Pos2::ZERO, Pos2::new(10.0, 0.0));
        assert!((d - 5.0).abs() < 1e-5);
    }

    #[test]
    fn snapping_rounds_to_the_grid() {
        assert_eq!(snap(Pos2::new(13.0, -13.0)), Pos2::new(GRID, -GRID));
    }
}

//! The architecture canvas, on [`egui::Scene`]: pan (drag the background, middle or right
//! mouse), zoom (wheel, pinch), zoom to fit, optional grid with snapping. Nodes and edges are
//! painted with the painter; each visible node is one interactive widget (click, shift-click,
//! drag to move, drag its handle to connect, double-click to rename). Shift-drag on the
//! background draws a selection band. The canvas changes the project only through [`Edit`]s.

pub mod boundaries;
pub mod geom;
mod icons;
mod paint;

use super::commands::Command;
use super::derived::Derived;
use super::edit::Edit;
use super::highlight::{self, Emphasis};
use super::pen::Pen;
use super::settings::Settings;
use super::theme;
use super::view::ViewState;
use crate::catalog::Catalog;
use crate::project::{Boundary, BoundaryId, Component, ComponentId, Connection, Pos, Project};
use crate::vocab::{BoundaryKind, DataClass};
use egui::DragPanButtons;
use egui::emath::TSTransform;
use egui::{Color32, Id, Key, Pos2, Rect, Scene, Sense, Stroke, StrokeKind, Ui, Vec2};
use geom::{NODE_SIZE, content_bounds, edge_at, edge_points, node_at, node_rect, on_handle};
use paint::{Lod, NodeLook, edge_stroke, paint_edge, paint_edge_label, paint_node};

/// Drag-and-drop payload: a service dragged from the palette.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaletteDrag(pub String);

/// Drag-and-drop payload: a boundary kind dragged from the palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoundaryDrag(pub BoundaryKind);

/// A gesture in progress.
#[derive(Debug, Clone)]
enum Gesture {
    /// Moving nodes: their positions when the drag started, the grabbed node and where.
    Move { origins: Vec<(ComponentId, Pos)>, anchor: Pos2, press: Pos2 },
    /// Moving a boundary with everything in it: the rectangles and positions at the start.
    MoveBox { id: BoundaryId, boxes: Vec<(BoundaryId, Rect)>, nodes: Vec<(ComponentId, Pos)>, press: Pos2 },
    /// Resizing a boundary by one corner (index into [`boundaries::corners`]).
    Resize { id: BoundaryId, corner: usize, orig: Rect, press: Pos2 },
    /// Drawing a connection from a node's handle.
    Connect { from: ComponentId, to: Pos2 },
    /// A selection band.
    Band { start: Pos2, now: Pos2 },
}

/// What is being renamed in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RenameTarget {
    Component(ComponentId),
    Boundary(BoundaryId),
}

#[derive(Debug, Clone)]
struct Renaming {
    id: RenameTarget,
    text: String,
    focus: bool,
}

/// What the canvas asks the app to do after a frame.
#[derive(Debug, Default)]
pub struct CanvasOutput {
    /// Changes to the project.
    pub edits: Vec<Edit>,
    /// Commands (from the context menu).
    pub commands: Vec<Command>,
    /// Select exactly these components once the edits are applied.
    pub select: Option<Vec<ComponentId>>,
}

/// Canvas view state: the visible part of the scene and any gesture in progress.
#[derive(Debug)]
pub struct Canvas {
    /// The part of the scene in view (canvas units).
    pub scene_rect: Rect,
    fit_pending: bool,
    to_global: TSTransform,
    outer: Rect,
    gesture: Option<Gesture>,
    renaming: Option<Renaming>,
}

impl Default for Canvas {
    fn default() -> Self {
        Canvas {
            scene_rect: Rect::NOTHING,
            fit_pending: true,
            to_global: TSTransform::IDENTITY,
            outer: Rect::NOTHING,
            gesture: None,
            renaming: None,
        }
    }
}

impl Canvas {
    /// Zooms to fit every component on the next frame.
    pub fn zoom_to_fit(&mut self) {
        self.fit_pending = true;
    }

    /// The centre of the view, in canvas units.
    pub fn view_center(&self) -> Pos2 {
        if self.scene_rect.is_positive() && self.scene_rect.is_finite() {
            self.scene_rect.center()
        } else {
            Pos2::ZERO
        }
    }

    /// Starts renaming a component in place.
    pub fn start_rename(&mut self, id: ComponentId, current: &str) {
        self.renaming =
            Some(Renaming { id: RenameTarget::Component(id), text: current.to_owned(), focus: true });
    }

    /// Starts renaming a boundary in place.
    pub fn start_rename_boundary(&mut self, id: BoundaryId, current: &str) {
        self.renaming =
            Some(Renaming { id: RenameTarget::Boundary(id), text: current.to_owned(), focus: true });
    }

    /// Is a component being renamed in place?
    pub fn is_renaming(&self) -> bool {
        self.renaming.is_some()
    }

    /// Converts a canvas position to screen points (as of the last frame).
    pub fn to_screen(&self, p: Pos2) -> Pos2 {
        self.to_global * p
    }

    /// The screen rectangle of a component's node (as of the last frame).
    pub fn node_screen_rect(&self, c: &Component) -> Rect {
        self.to_global * node_rect(c.position)
    }

    /// The screen position of a component's connection handle (as of the last frame).
    pub fn handle_screen_pos(&self, c: &Component) -> Pos2 {
        self.to_global * geom::handle_center(node_rect(c.position))
    }

    /// The screen area of the canvas (as of the last frame).
    pub fn screen_rect(&self) -> Rect {
        self.outer
    }

    /// Zoom factor: screen points per canvas unit.
    pub fn zoom(&self) -> f32 {
        self.to_global.scaling
    }

    fn fit_rect(project: &Project, outer: Rect) -> Rect {
        let min = outer.size().max(Vec2::new(200.0, 150.0));
        match content_bounds(project) {
            // Never zoom in past 1:1 when fitting a small project.
            Some(b) => Rect::from_center_size(b.center(), b.size().max(min)),
            None => Rect::from_center_size(Pos2::ZERO, min),
        }
    }

    /// Shows the canvas in the remaining space of `ui`.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        catalog: &Catalog,
        project: &Project,
        derived: &Derived,
        view: &mut ViewState,
        settings: &Settings,
    ) -> CanvasOutput {
        let mut out = CanvasOutput::default();
        let outer = ui.available_rect_before_wrap();
        self.outer = outer;
        ui.painter().rect_filled(outer, 0.0, theme::canvas_bg(ui.visuals()));
        if self.fit_pending || !self.scene_rect.is_positive() || !self.scene_rect.is_finite() {
            self.scene_rect = Self::fit_rect(project, outer);
            self.fit_pending = false;
        }
        let shift = ui.input(|i| i.modifiers.shift);
        let palette_drag = egui::DragAndDrop::has_payload_of_type::<PaletteDrag>(ui.ctx())
            || egui::DragAndDrop::has_payload_of_type::<BoundaryDrag>(ui.ctx());
        let pan = if shift || self.gesture.is_some() || palette_drag {
            DragPanButtons::MIDDLE | DragPanButtons::SECONDARY
        } else {
            DragPanButtons::all()
        };
        let emphasis = highlight::compute(view, project, derived).map(|(_, e)| e);
        let scene = Scene::new().zoom_range(0.05..=2.5).scroll_zooms(true).drag_pan_buttons(pan);
        let mut scene_rect = self.scene_rect;
        let resp = scene
            .show(ui, &mut scene_rect, |ui| {
                self.contents(ui, catalog, project, derived, view, settings, emphasis.as_deref(), &mut out);
            })
            .response;
        self.scene_rect = scene_rect;
        self.background(ui, &resp, project, derived, view, shift);
        self.finish_gestures(ui, project, view, settings, &mut out);
        if project.components.is_empty() && project.boundaries.is_empty() {
            ui.painter().text(
                outer.center(),
                egui::Align2::CENTER_CENTER,
                "Drag a service from the palette, or double-click one, to start.",
                egui::FontId::proportional(16.0),
                ui.visuals().weak_text_color(),
            );
        }
        out
    }

    /// Scene contents: grid, edges, nodes, gesture feedback.
    #[allow(clippy::too_many_arguments)]
    fn contents(
        &mut self,
        ui: &mut Ui,
        catalog: &Catalog,
        project: &Project,
        derived: &Derived,
        view: &mut ViewState,
        settings: &Settings,
        emphasis: Option<&[Emphasis]>,
        out: &mut CanvasOutput,
    ) {
        self.to_global = ui.ctx().layer_transform_to_global(ui.layer_id()).unwrap_or_default();
        let scale = self.to_global.scaling;
        let lod = Lod::for_scale(scale);
        let visible = ui.clip_rect();
        let cull = visible.expand2(NODE_SIZE * 0.6);
        let visuals = ui.visuals().clone();
        let painter = ui.painter().clone();
        if settings.show_grid {
            paint_grid(&painter, visible, scale, &visuals);
        }
        let mut pen = Pen::new(&painter);
        let pointer = ui.ctx().pointer_latest_pos().map(|p| self.to_global.inverse() * p);
        let press = ui.input(|i| i.pointer.press_origin()).map(|p| self.to_global.inverse() * p);
        let command = ui.input(|i| i.modifiers.shift || i.modifiers.command);

        // Boundaries, behind everything else; grabbed by their title bars.
        let order = boundaries::draw_order(project);
        let drop_target = self.drop_target(ui, project, pointer);
        for &bi in &order {
            let b = &project.boundaries[bi];
            let r = boundaries::rect(b);
            if !visible.intersects(r) {
                continue;
            }
            let bar = boundaries::title_bar(b);
            let resp = ui.interact(bar, Id::unique(("srm-boundary", b.id.0)), Sense::click_and_drag());
            resp.widget_info(|| {
                egui::WidgetInfo::selected(
                    egui::Role::Button,
                    true,
                    view.selection.boundaries.contains(&b.id),
                    format!("{} ({})", b.display_name(), boundaries::tag(b)),
                )
            });
            if resp.clicked() || (resp.secondary_clicked() && !view.selection.boundaries.contains(&b.id)) {
                if command {
                    if !view.selection.boundaries.remove(&b.id) {
                        view.selection.boundaries.insert(b.id);
                    }
                    view.selection.connection = None;
                } else {
                    view.selection.only_boundary(b.id);
                }
            }
            if resp.double_clicked() {
                self.start_rename_boundary(b.id, &b.label);
            }
            if resp.drag_started_by(egui::PointerButton::Primary) && self.gesture.is_none() {
                view.selection.only_boundary(b.id);
                let (ids, comps) = project.boundary_contents(b.id);
                let boxes = project
                    .boundaries
                    .iter()
                    .filter(|x| ids.contains(&x.id))
                    .map(|x| (x.id, boundaries::rect(x)))
                    .collect();
                let nodes = project
                    .components
                    .iter()
                    .filter(|c| comps.contains(&c.id))
                    .map(|c| (c.id, c.position))
                    .collect();
                self.gesture =
                    Some(Gesture::MoveBox { id: b.id, boxes, nodes, press: press.unwrap_or(bar.center()) });
            }
            resp.on_hover_text(format!(
                "{}: {}. Drag the title to move it with everything inside; select it to resize by a corner.",
                boundaries::tag(b),
                b.display_name()
            ))
            .context_menu(|ui| {
                if ui.button("Rename").clicked() {
                    self.start_rename_boundary(b.id, &b.label);
                }
                if ui.button("Delete boundary (keep what is inside)").clicked() {
                    view.selection.only_boundary(b.id);
                    out.commands.push(Command::Delete);
                }
            });
            let look = boundaries::BoxLook {
                selected: view.selection.boundaries.contains(&b.id),
                target: drop_target == Some(b.id),
                text: lod != Lod::Minimal || scale > 0.12,
                scale,
                view: visible,
            };
            boundaries::paint(&mut pen, b, &look, &visuals);
        }

        // Edges, below the nodes; their labels go above.
        let mut labels = Vec::new();
        let emph = |i: usize| emphasis.map_or(Emphasis::Normal, |e| e[i]);
        // Culled with the compact list of positions: the components themselves are large, and
        // reading every one of them each frame misses the cache on a large project.
        let centers = &derived.centers;
        let center = |i: usize| {
            centers.get(i).copied().unwrap_or_else(|| {
                let p = project.components[i].position;
                Pos2::new(p.x, p.y)
            })
        };
        for (k_idx, (k, ends)) in project.connections.iter().zip(&derived.ends).enumerate() {
            let Some((a, b)) = *ends else { continue };
            let (a, b) = (a as usize, b as usize);
            if !cull.intersects(Rect::from_two_pos(center(a), center(b))) {
                continue;
            }
            let (ra, rb) =
                (node_rect(project.components[a].position), node_rect(project.components[b].position));
            let (pa, pb) = edge_points(ra, rb);
            let dim = emph(a) == Emphasis::Dim && emph(b) == Emphasis::Dim
                || (emphasis.is_some()
                    && (emph(a) == Emphasis::Dim || emph(b) == Emphasis::Dim)
                    && view.hover_item.is_some());
            let selected = view.selection.connection == Some(k_idx);
            let stroke = edge_stroke(&visuals, selected, dim);
            paint_edge(&mut pen, pa, pb, k, stroke, lod);
            if lod == Lod::Full {
                labels.push((pa + (pb - pa) * 0.5, k_idx, stroke));
            }
        }

        // Nodes.
        let on_screen = (0..project.components.len()).filter(|&i| {
            let p = center(i);
            cull.intersects(Rect::from_center_size(p, geom::NODE_SIZE))
        });
        for i in on_screen {
            let c = &project.components[i];
            let rect = node_rect(c.position);
            let info = derived.info(catalog, i, c);
            let info = &*info;
            let id = Id::unique(("srm-node", c.id.0));
            let resp =
                ui.interact(rect.expand2(Vec2::new(geom::HANDLE_RADIUS, 0.0)), id, Sense::click_and_drag());
            resp.widget_info(|| {
                egui::WidgetInfo::selected(
                    egui::Role::Button,
                    true,
                    view.selection.components.contains(&c.id),
                    format!("{} ({})", info.display, info.short),
                )
            });
            if resp.clicked() {
                if command {
                    view.selection.toggle(c.id);
                } else {
                    view.selection.only(c.id);
                }
            }
            if resp.secondary_clicked() && !view.selection.components.contains(&c.id) {
                view.selection.only(c.id);
            }
            if resp.double_clicked() {
                self.start_rename(c.id, &c.label);
            }
            if resp.drag_started_by(egui::PointerButton::Primary) && self.gesture.is_none() {
                let at = press.unwrap_or(rect.center());
                if on_handle(rect, at) {
                    self.gesture = Some(Gesture::Connect { from: c.id, to: at });
                } else {
                    if !view.selection.components.contains(&c.id) {
                        if command {
                            view.selection.toggle(c.id);
                        } else {
                            view.selection.only(c.id);
                        }
                    }
                    let origins = project
                        .components
                        .iter()
                        .filter(|o| view.selection.components.contains(&o.id))
                        .map(|o| (o.id, o.position))
                        .collect();
                    self.gesture = Some(Gesture::Move { origins, anchor: rect.center(), press: at });
                }
            }
            let hovered = resp.hovered();
            let look = NodeLook {
                selected: view.selection.components.contains(&c.id),
                hovered,
                emphasis: emph(i),
                lens: view.lens,
                lod,
            };
            paint_node(&mut pen, rect, c, info, &look, &visuals);
            let resp = resp.on_hover_ui(|ui| node_tooltip(ui, catalog, c, info));
            resp.context_menu(|ui| {
                if ui.button("Rename").clicked() {
                    self.start_rename(c.id, &c.label);
                }
                if ui.button("Duplicate").clicked() {
                    out.commands.push(Command::Duplicate);
                }
                if ui.button("Copy").clicked() {
                    out.commands.push(Command::Copy);
                }
                if ui.button("Delete").clicked() {
                    out.commands.push(Command::Delete);
                }
            });
        }

        for (mid, k_idx, stroke) in labels {
            paint_edge_label(&mut pen, mid, &project.connections[k_idx], stroke, &visuals);
        }
        pen.finish();

        // Corner handles of selected boundaries, above the nodes.
        for b in project.boundaries.iter().filter(|b| view.selection.boundaries.contains(&b.id)) {
            let r = boundaries::rect(b);
            let size = boundaries::HANDLE * (1.0 / scale.max(0.05)).max(1.0) * 1.5;
            for (corner, at) in boundaries::corners(r).into_iter().enumerate() {
                let hr = Rect::from_center_size(at, Vec2::splat(size));
                let resp =
                    ui.interact(hr, Id::unique(("srm-boundary-corner", b.id.0, corner)), Sense::drag());
                let icon = if corner == 0 || corner == 3 {
                    egui::CursorIcon::ResizeNwSe
                } else {
                    egui::CursorIcon::ResizeNeSw
                };
                let resp = resp.on_hover_cursor(icon);
                if resp.drag_started_by(egui::PointerButton::Primary) && self.gesture.is_none() {
                    self.gesture =
                        Some(Gesture::Resize { id: b.id, corner, orig: r, press: press.unwrap_or(at) });
                }
            }
        }

        // Gesture feedback.
        match &self.gesture {
            Some(Gesture::Connect { from, to }) => {
                if let Some(&a) = derived.index.get(from) {
                    let start = geom::handle_center(node_rect(project.components[a].position));
                    let target = node_at(project, *to).filter(|&t| t != a);
                    let end = target.map_or(*to, |t| node_rect(project.components[t].position).center());
                    painter.line_segment([start, end], Stroke::new(2.5, theme::SELECT));
                    painter.circle_filled(end, 5.0, theme::SELECT);
                    if let Some(t) = target {
                        painter.rect_stroke(
                            node_rect(project.components[t].position).expand(3.0),
                            8.0,
                            Stroke::new(2.5, theme::SELECT),
                            StrokeKind::Outside,
                        );
                    }
                }
            }
            Some(Gesture::Band { start, now }) => {
                let r = Rect::from_two_pos(*start, *now);
                painter.rect(
                    r,
                    0.0,
                    theme::SELECT.gamma_multiply(0.12),
                    Stroke::new(1.0 / scale.max(0.05), theme::SELECT),
                    StrokeKind::Inside,
                );
            }
            _ => {}
        }
        if let Some(p) = pointer
            && let Some(payload) = egui::DragAndDrop::payload::<PaletteDrag>(ui.ctx())
            && visible.contains(p)
        {
            let at = if settings.snap { geom::snap(p) } else { p };
            let r = Rect::from_center_size(at, NODE_SIZE);
            painter.rect(
                r,
                6.0,
                theme::SELECT.gamma_multiply(0.15),
                Stroke::new(2.0, theme::SELECT),
                StrokeKind::Inside,
            );
            let name = catalog.service(&payload.0).map_or(payload.0.as_str(), |s| s.short.as_str());
            painter.text(
                r.center(),
                egui::Align2::CENTER_CENTER,
                format!("+ {name}"),
                egui::FontId::proportional(15.0),
                visuals.strong_text_color(),
            );
        }
        if let Some(p) = pointer
            && let Some(payload) = egui::DragAndDrop::payload::<BoundaryDrag>(ui.ctx())
            && visible.contains(p)
        {
            let r = new_boundary_rect(payload.0, p, settings.snap);
            painter.rect(
                r,
                0.0,
                theme::SELECT.gamma_multiply(0.08),
                Stroke::new(2.0 / scale.max(0.05), boundaries::color(Some(payload.0))),
                StrokeKind::Inside,
            );
            painter.text(
                r.min + Vec2::new(8.0, 8.0),
                egui::Align2::LEFT_TOP,
                format!("+ {}", payload.0.title()),
                egui::FontId::proportional(15.0),
                visuals.strong_text_color(),
            );
        }
        self.rename_field(ui, project, out);
    }

    /// The boundary a node (or a boundary) being dragged would land in, for highlighting.
    fn drop_target(&self, ui: &Ui, project: &Project, pointer: Option<Pos2>) -> Option<BoundaryId> {
        let p = pointer?;
        match &self.gesture {
            Some(Gesture::Move { .. }) => project.boundary_at(p.x, p.y, None),
            Some(Gesture::MoveBox { id, .. }) => project.boundary_at(p.x, p.y, Some(*id)),
            _ if egui::DragAndDrop::has_payload_of_type::<PaletteDrag>(ui.ctx()) => {
                project.boundary_at(p.x, p.y, None)
            }
            _ => None,
        }
    }

    fn rename_field(&mut self, ui: &mut Ui, project: &Project, out: &mut CanvasOutput) {
        let Some(r) = &mut self.renaming else { return };
        let (field, hint) = match r.id {
            RenameTarget::Component(id) => {
                let Some(c) = project.component(id) else {
                    self.renaming = None;
                    return;
                };
                let rect = node_rect(c.position);
                let field = Rect::from_min_size(
                    rect.min + Vec2::new(12.0, 24.0),
                    Vec2::new(rect.width() - 20.0, 24.0),
                );
                (field, "Component label")
            }
            RenameTarget::Boundary(id) => {
                let Some(b) = project.boundary(id) else {
                    self.renaming = None;
                    return;
                };
                let bar = boundaries::title_bar(b);
                let w = (bar.width() - 16.0).clamp(40.0, 320.0);
                (Rect::from_min_size(bar.min + Vec2::new(8.0, 2.0), Vec2::new(w, 24.0)), "Boundary label")
            }
        };
        let te = ui
            .put(field, egui::TextEdit::singleline(&mut r.text).id(Id::unique("srm-rename")).hint_text(hint));
        if r.focus {
            te.request_focus();
            r.focus = false;
        } else if te.lost_focus() {
            if !ui.input(|i| i.key_pressed(Key::Escape)) {
                let text = r.text.trim().to_owned();
                out.edits.push(match r.id {
                    RenameTarget::Component(id) => Edit::SetLabel(id, text),
                    RenameTarget::Boundary(id) => Edit::SetBoundaryLabel(id, text),
                });
            }
            self.renaming = None;
        }
    }

    /// Clicks and shift-drags on the background.
    fn background(
        &mut self,
        ui: &Ui,
        resp: &egui::Response,
        project: &Project,
        derived: &Derived,
        view: &mut ViewState,
        shift: bool,
    ) {
        let from_global = self.to_global.inverse();
        if resp.drag_started_by(egui::PointerButton::Primary) && shift && self.gesture.is_none() {
            let start = ui.input(|i| i.pointer.press_origin()).map(|p| from_global * p);
            if let Some(start) = start {
                self.gesture = Some(Gesture::Band { start, now: start });
            }
        }
        if resp.clicked()
            && let Some(p) = resp.interact_pointer_pos()
        {
            let p = from_global * p;
            let tolerance = 8.0 / self.to_global.scaling.max(0.05);
            match (edge_at(project, &derived.index, p, tolerance), project.boundary_at(p.x, p.y, None)) {
                (Some(k), _) => {
                    view.selection.clear();
                    view.selection.connection = Some(k);
                }
                (None, Some(b)) if !shift => view.selection.only_boundary(b),
                (None, Some(b)) => {
                    view.selection.boundaries.insert(b);
                }
                (None, None) if !shift => view.selection.clear(),
                (None, None) => {}
            }
        }
    }

    /// Updates and ends gestures (move, connect, band, palette drop).
    fn finish_gestures(
        &mut self,
        ui: &Ui,
        project: &Project,
        view: &mut ViewState,
        settings: &Settings,
        out: &mut CanvasOutput,
    ) {
        let from_global = self.to_global.inverse();
        let pointer = ui.ctx().pointer_latest_pos().map(|p| from_global * p);
        let (down, released) = ui.input(|i| (i.pointer.primary_down(), i.pointer.primary_released()));

        // Palette drop.
        if released
            && let Some(p) = ui.ctx().pointer_latest_pos()
            && self.outer.contains(p)
            // `take_payload` drops a payload of another type: ask first.
            && egui::DragAndDrop::has_payload_of_type::<PaletteDrag>(ui.ctx())
            && let Some(payload) = egui::DragAndDrop::take_payload::<PaletteDrag>(ui.ctx())
        {
            let at = from_global * p;
            let at = if settings.snap { geom::snap(at) } else { at };
            let c = new_component(project, &payload.0, at);
            out.select = Some(vec![c.id]);
            out.edits.push(Edit::AddComponent(c));
        }
        if released
            && let Some(p) = ui.ctx().pointer_latest_pos()
            && self.outer.contains(p)
            && egui::DragAndDrop::has_payload_of_type::<BoundaryDrag>(ui.ctx())
            && let Some(payload) = egui::DragAndDrop::take_payload::<BoundaryDrag>(ui.ctx())
        {
            let r = new_boundary_rect(payload.0, from_global * p, settings.snap);
            let b = new_boundary(project, payload.0, r);
            view.selection.only_boundary(b.id);
            let add = Edit::AddBoundary(b.clone());
            let refit = refit_after(project, std::slice::from_ref(&add), &[], &[b.id], &[b.rect]);
            out.edits.push(add);
            out.edits.extend(refit);
        }

        let Some(g) = &mut self.gesture else { return };
        let Some(p) = pointer else { return };
        match g {
            Gesture::Move { origins, anchor, press } => {
                let mut delta = p - *press;
                if settings.snap {
                    delta = geom::snap(*anchor + delta) - *anchor;
                }
                let list: Vec<(ComponentId, Pos)> =
                    origins.iter().map(|(id, o)| (*id, Pos { x: o.x + delta.x, y: o.y + delta.y })).collect();
                let moved: Vec<ComponentId> = list.iter().map(|(id, _)| *id).collect();
                let edit = Edit::SetPositions(list);
                let refit = if released && delta != Vec2::ZERO {
                    refit_after(project, std::slice::from_ref(&edit), &moved, &[], &[])
                } else {
                    None
                };
                out.edits.push(edit);
                out.edits.extend(refit);
            }
            Gesture::MoveBox { id, boxes, nodes, press } => {
                let mut delta = p - *press;
                if settings.snap
                    && let Some((_, r)) = boxes.iter().find(|(b, _)| b == id)
                {
                    delta = geom::snap(r.min + delta) - r.min;
                }
                let rects: Vec<_> =
                    boxes.iter().map(|(b, r)| (*b, to_model_rect(r.translate(delta)))).collect();
                let positions: Vec<_> =
                    nodes.iter().map(|(c, o)| (*c, Pos { x: o.x + delta.x, y: o.y + delta.y })).collect();
                let edits = [Edit::SetBoundaryRects(rects), Edit::SetPositions(positions)];
                let refit = if released && delta != Vec2::ZERO {
                    let orig = boxes.iter().find(|(b, _)| b == id).map(|(_, r)| *r).unwrap_or(Rect::NOTHING);
                    refit_after(
                        project,
                        &edits,
                        &[],
                        &[*id],
                        &[to_model_rect(orig), to_model_rect(orig.translate(delta))],
                    )
                } else {
                    None
                };
                out.edits.extend(edits);
                out.edits.extend(refit);
            }
            Gesture::Resize { id, corner, orig, press } => {
                let mut delta = p - *press;
                if settings.snap {
                    delta = geom::snap(boundaries::corners(*orig)[*corner] + delta)
                        - boundaries::corners(*orig)[*corner];
                }
                let r = boundaries::resized(*orig, *corner, delta);
                let edit = Edit::SetBoundaryRects(vec![(*id, to_model_rect(r))]);
                let refit = if released {
                    refit_after(
                        project,
                        std::slice::from_ref(&edit),
                        &[],
                        &[*id],
                        &[to_model_rect(*orig), to_model_rect(r)],
                    )
                } else {
                    None
                };
                out.edits.push(edit);
                out.edits.extend(refit);
            }
            Gesture::Connect { from, to } => {
                *to = p;
                if released && let Some(t) = node_at(project, p) {
                    let target = project.components[t].id;
                    if target != *from {
                        out.edits.push(Edit::AddConnection(Connection {
                            from: *from,
                            to: target,
                            label: String::new(),
                            encrypted: false,
                        }));
                    }
                }
            }
            Gesture::Band { start, now } => {
                *now = p;
                if released {
                    let band = Rect::from_two_pos(*start, *now);
                    for c in &project.components {
                        if band.intersects(node_rect(c.position)) {
                            view.selection.components.insert(c.id);
                        }
                    }
                    view.selection.connection = None;
                }
            }
        }
        if released || !down {
            self.gesture = None;
        }
    }
}

/// The membership changes after `edits` (the gesture's last), as one edit, or `None` when
/// membership already matches the drawing. See [`Project::refit`].
pub fn refit_after(
    project: &Project,
    edits: &[Edit],
    components: &[ComponentId],
    boxes: &[BoundaryId],
    areas: &[crate::project::Rect],
) -> Option<Edit> {
    let mut after = project.clone();
    for e in edits {
        super::edit::apply(&mut after, e.clone());
    }
    let m = after.refit(components, boxes, areas);
    (!m.is_empty()).then_some(Edit::SetMembership(m))
}

/// An egui rectangle as the project's.
pub fn to_model_rect(r: Rect) -> crate::project::Rect {
    crate::project::Rect { x: r.min.x, y: r.min.y, w: r.width(), h: r.height() }
}

/// Where a boundary of `kind` dropped at `at` goes: its default size, top-left corner near the
/// pointer.
pub fn new_boundary_rect(kind: BoundaryKind, at: Pos2, snap: bool) -> Rect {
    let size = boundaries::default_size(kind);
    let min = at - Vec2::new(24.0, 14.0);
    let min = if snap { geom::snap(min) } else { min };
    Rect::from_min_size(min, size)
}

/// A new boundary of `kind` at `r`, with a fresh id and the parent that holds it.
pub fn new_boundary(project: &Project, kind: BoundaryKind, r: Rect) -> Boundary {
    let rect = to_model_rect(r);
    let parent = project.box_holding(&rect);
    Boundary {
        id: project.next_boundary_id(),
        kind: kind.id().to_string(),
        label: String::new(),
        parent,
        rect,
        source: None,
    }
}

/// A new component of `service` at `at`, with a fresh id, in the boundary under `at`.
pub fn new_component(project: &Project, service: &str, at: Pos2) -> Component {
    Component {
        id: project.next_id(),
        service: service.to_owned(),
        variant: None,
        label: String::new(),
        position: Pos { x: at.x, y: at.y },
        internet_facing: false,
        data: DataClass::Internal,
        notes: String::new(),
        boundary: project.boundary_at(at.x, at.y, None),
        source: None,
    }
}

fn paint_grid(painter: &egui::Painter, visible: Rect, scale: f32, visuals: &egui::Visuals) {
    let mut spacing = geom::GRID;
    while spacing * scale < 12.0 {
        spacing *= 4.0;
    }
    let color = if visuals.dark_mode { Color32::from_gray(40) } else { Color32::from_gray(218) };
    let stroke = Stroke::new(1.0 / scale.max(0.05), color);
    let x0 = (visible.min.x / spacing).floor() as i64;
    let x1 = (visible.max.x / spacing).ceil() as i64;
    let y0 = (visible.min.y / spacing).floor() as i64;
    let y1 = (visible.max.y / spacing).ceil() as i64;
    if (x1 - x0) > 400 || (y1 - y0) > 400 {
        return;
    }
    for x in x0..=x1 {
        painter.vline(x as f32 * spacing, visible.y_range(), stroke);
    }
    for y in y0..=y1 {
        painter.hline(visible.x_range(), y as f32 * spacing, stroke);
    }
}

fn node_tooltip(ui: &mut Ui, catalog: &Catalog, c: &Component, info: &super::derived::NodeInfo) {
    ui.set_max_width(340.0);
    ui.strong(&info.display);
    ui.label(&info.service_name);
    if let Some(v) = &info.variant {
        ui.label(format!("Variant: {v}"));
    }
    if let Some(cat) = info.category {
        ui.label(format!("Category: {}", theme::category_title(cat)));
    }
    if info.owners.is_some() {
        let [a, cu, s, n] = info.counts;
        ui.label(format!("Layers — AWS: {a}, customer: {cu}, shared: {s}, n/a: {n}"));
    } else if catalog.service(&c.service).is_none() {
        ui.colored_label(ui.visuals().warn_fg_color, "This service is not in the catalog: no stack.");
    }
    if c.internet_facing {
        ui.label("Internet-facing");
    }
    ui.label(format!("Data: {}", c.data));
    for p in &info.problems {
        ui.colored_label(ui.visuals().warn_fg_color, format!("Problem: {p}"));
    }
    if info.failing > 0 {
        ui.colored_label(ui.visuals().error_fg_color, format!("{} failing scanner finding(s)", info.failing));
    }
    ui.weak("Drag to move · drag the + handle to connect · double-click to rename");
}

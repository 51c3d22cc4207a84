//! The diagram export (design.md, "Diagram"): the canvas as a picture, written as SVG, PNG or a
//! diagrams.net (`.drawio`) file, and embedded as SVG in the HTML report.
//!
//! One layout serves all three writers: [`Scene::build`] turns a project and its resolved stacks
//! into boxes, nodes, edges and a legend, with every position and colour decided, in drawing
//! units (one canvas unit each; the top-left corner of the drawing is 0,0). The writers only
//! translate it: [`svg`] into SVG elements, [`png`] by rasterising that SVG, [`drawio`] into
//! mxGraph cells. The scene is a pure function of its input, with no clock and no randomness, so
//! every output is byte-identical for the same project.
//!
//! What the drawing shows:
//! - boundaries in the AWS group styles ([`BoundaryKind::rgb`], [`BoundaryKind::dashed`],
//!   [`BoundaryKind::tint`]), outer ones first so inner ones and the nodes sit on top, the label
//!   at the top-left; a kind this version does not know is a plain grey box;
//! - nodes (the app's 184 × 72 units, centred on the component's position) with their label,
//!   the service's short name and a strip of 13 cells, facilities on the left to data on the
//!   right, each coloured by its owner and carrying the owner's letter so the strip reads
//!   without colour; a component whose service the catalog lacks is grey and names the id;
//! - connections as arrows from border to border, solid when encrypted, dashed red when not,
//!   with "(unencrypted)" in the label text too;
//! - a legend of the owners, the connection styles and the boundary kinds used;
//! - with a layer lens, that layer's cell outlined, the others faded, the node's border in the
//!   colour of that layer's owner with the owner named on the node, and the nodes where AWS
//!   owns it (or nobody needs to) dimmed, as the app's lens does.

pub mod drawio;
mod edges;
mod legend;
pub mod png;
pub mod svg;
pub mod text;

pub use edges::edge_text;

use crate::catalog::Catalog;
use crate::project::{BoundaryId, Component, ComponentId, Project, Rect};
use crate::responsibility::{ComponentStack, resolve};
use crate::vocab::{BoundaryKind, Layer, Owner};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Width of a node in canvas units (the app's `NODE_SIZE`).
pub const NODE_W: f32 = 184.0;
/// Height of a node in canvas units.
pub const NODE_H: f32 = 72.0;

/// Room around the drawing.
const MARGIN: f32 = 24.0;
/// The legend is never narrower than this, so its rows stay readable for a tiny project.
const LEGEND_MIN_W: f32 = 760.0;
/// Longest edge label drawn (the full text is in the writers' tooltips and the draw.io file).
const EDGE_LABEL_MAX_W: f32 = 240.0;

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// Text colour of labels.
pub const INK: Rgb = [0x16, 0x19, 0x1F];
/// Secondary text colour.
pub const INK_SOFT: Rgb = [0x54, 0x5B, 0x64];
/// Outline of a node.
pub const NODE_STROKE: Rgb = [0x6B, 0x77, 0x85];
/// Fill of a node.
pub const NODE_FILL: Rgb = [0xFF, 0xFF, 0xFF];
/// Grey of a component whose service the catalog lacks, and of a boundary of unknown kind.
pub const UNKNOWN: Rgb = Owner::NotApplicable.rgb();
/// Fill of a component whose service the catalog lacks.
pub const UNKNOWN_FILL: Rgb = [0xEE, 0xEE, 0xEE];
/// An encrypted connection.
pub const EDGE_ENCRYPTED: Rgb = [0x3B, 0x47, 0x54];
/// An unencrypted connection (red-ish, and dashed, and said in the label).
pub const EDGE_UNENCRYPTED: Rgb = [0xC0, 0x39, 0x2B];
/// Dash pattern of unencrypted connections.
pub const EDGE_DASH: [f32; 2] = [7.0, 4.0];
/// Dash pattern of dashed boundaries.
pub const BOX_DASH: [f32; 2] = [6.0, 4.0];

/// The diagram file formats, chosen by the output's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagramFormat {
    /// Scalable vector graphics, self-contained.
    Svg,
    /// A PNG picture of the same drawing.
    Png,
    /// An uncompressed diagrams.net file.
    Drawio,
}

impl DiagramFormat {
    /// Every format, in menu order.
    pub const ALL: [DiagramFormat; 3] = [DiagramFormat::Svg, DiagramFormat::Png, DiagramFormat::Drawio];

    /// What people call it.
    pub fn name(self) -> &'static str {
        match self {
            DiagramFormat::Svg => "SVG",
            DiagramFormat::Png => "PNG",
            DiagramFormat::Drawio => "draw.io",
        }
    }

    /// The file extension, without the dot.
    pub fn ext(self) -> &'static str {
        match self {
            DiagramFormat::Svg => "svg",
            DiagramFormat::Png => "png",
            DiagramFormat::Drawio => "drawio",
        }
    }

    /// The format a path's extension names (any case); `None` for any other extension.
    pub fn from_path(path: &Path) -> Option<DiagramFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        DiagramFormat::ALL.into_iter().find(|f| f.ext() == ext)
    }

    /// The project's diagram in this format.
    pub fn render(self, catalog: &Catalog, project: &Project, options: &Options) -> Result<Vec<u8>, String> {
        let stacks: Vec<_> = project.components.iter().map(|c| (c, resolve(catalog, c))).collect();
        let scene = Scene::build(project, &stacks, options);
        match self {
            DiagramFormat::Svg => Ok(svg::render(&scene).into_bytes()),
            DiagramFormat::Png => png::render(&scene),
            DiagramFormat::Drawio => Ok(drawio::render(&scene).into_bytes()),
        }
    }
}

/// What to draw besides the architecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The layer lens.
    pub lens: Option<Layer>,
    /// The project's name as a heading (the HTML report has its own).
    pub title: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { lens: None, title: true }
    }
}

/// A point of the drawing.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Pt {
    /// Right.
    pub x: f32,
    /// Down.
    pub y: f32,
}

impl Pt {
    fn new(x: f32, y: f32) -> Pt {
        Pt { x, y }
    }
}

/// Where a label's position sits on its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The start of the text.
    Start,
    /// Its middle.
    Middle,
}

/// One line of text, already cut to the room it has.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// The text, [`text::clean`] (escape it for the output format).
    pub text: String,
    /// Its baseline position.
    pub at: Pt,
    /// Font size in drawing units.
    pub size: f32,
    /// Bold.
    pub bold: bool,
    /// Colour.
    pub rgb: Rgb,
    /// Which part of the text `at` is.
    pub anchor: Anchor,
}

impl Label {
    fn new(text: String, at: Pt, size: f32, bold: bool, rgb: Rgb) -> Label {
        Label { text, at, size, bold, rgb, anchor: Anchor::Start }
    }
}

/// How a boundary box (or its legend sample) is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoxStyle {
    /// Outline colour.
    pub stroke: Rgb,
    /// Outline width.
    pub width: f32,
    /// Fill; `None` for an outline only.
    pub fill: Option<Rgb>,
    /// Dashed outline.
    pub dashed: bool,
    /// Colour of the label (the outline's, darkened where that is too light to read).
    pub text: Rgb,
}

impl BoxStyle {
    /// The style of a kind (`None`: a kind this version does not know, a plain grey box).
    pub fn of(kind: Option<BoundaryKind>) -> BoxStyle {
        match kind {
            Some(k) => {
                let strong = matches!(k, BoundaryKind::Account | BoundaryKind::Vpc);
                BoxStyle {
                    stroke: k.rgb(),
                    width: if strong { 2.0 } else { 1.5 },
                    fill: k.tint(),
                    dashed: k.dashed(),
                    text: darken(k.rgb()),
                }
            }
            None => BoxStyle { stroke: UNKNOWN, width: 1.5, fill: None, dashed: false, text: INK_SOFT },
        }
    }
}

/// A colour darkened by a quarter, for text in that colour on white.
pub(super) fn darken([r, g, b]: Rgb) -> Rgb {
    let d = |c: u8| (f32::from(c) * 0.72).round() as u8;
    [d(r), d(g), d(b)]
}

/// A boundary as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxShape {
    /// The boundary.
    pub id: BoundaryId,
    /// Its parent, when that is drawn (before it) too.
    pub parent: Option<BoundaryId>,
    /// Its kind, when known.
    pub kind: Option<BoundaryKind>,
    /// The kind as written in the file.
    pub kind_id: String,
    /// Where it is.
    pub rect: Rect,
    /// How it looks.
    pub style: BoxStyle,
    /// Its name in full ([`text::clean`]).
    pub name: String,
    /// The label drawn at its top-left: name and kind, cut to the box's width.
    pub caption: Label,
}

/// How strongly a node is drawn (the lens emphasises some and dims others).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emphasis {
    /// As usual.
    Normal,
    /// Highlighted: the customer owns the lens layer.
    Strong,
    /// Faded: AWS owns the lens layer, or nobody needs to, or the stack is unknown.
    Dim,
}

/// One cell of a node's layer strip.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The layer.
    pub layer: Layer,
    /// Who owns it.
    pub owner: Owner,
    /// Where it is.
    pub rect: Rect,
    /// The owner's letter on it.
    pub letter: Label,
    /// The lens layer (outlined).
    pub focus: bool,
    /// Faded, because a lens is on and this is not its layer.
    pub faded: bool,
}

/// A component as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeShape {
    /// The component.
    pub id: ComponentId,
    /// Its innermost boundary, when that is drawn.
    pub parent: Option<BoundaryId>,
    /// Where it is.
    pub rect: Rect,
    /// Known to the catalog (else drawn grey).
    pub known: bool,
    /// Its name in full ([`text::clean`]).
    pub name: String,
    /// Its service in full: short name and variant, or the unknown id.
    pub service: String,
    /// The name as drawn (first line).
    pub name_label: Label,
    /// The service as drawn (second line).
    pub service_label: Label,
    /// The 13 cells, facilities first; empty when the stack is unknown.
    pub cells: Vec<Cell>,
    /// Where the strip is (the cells', or the empty box of an unknown stack).
    pub strip: Rect,
    /// The owner of the lens layer, in a pill at the top-right.
    pub pill: Option<(Rect, Owner, Label)>,
    /// Emphasis.
    pub emphasis: Emphasis,
    /// Outline colour and width.
    pub stroke: (Rgb, f32),
    /// Fill colour.
    pub fill: Rgb,
    /// Name, service and the owner of every layer, one per line.
    pub tooltip: String,
}

/// A connection as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeShape {
    /// Where it starts.
    pub from: ComponentId,
    /// Where it arrives.
    pub to: ComponentId,
    /// Encrypted in transit.
    pub encrypted: bool,
    /// The line, from the border of the first node to the base of the arrowhead; empty when the
    /// nodes overlap so much there is nothing to draw.
    pub points: Vec<Pt>,
    /// The arrowhead: tip, then the two base corners.
    pub head: Option<[Pt; 3]>,
    /// Colour.
    pub rgb: Rgb,
    /// The label's text in full: the user's label and "(unencrypted)" when it is not.
    pub text: String,
    /// The label as drawn, on its background box.
    pub label: Option<(Rect, Label)>,
}

/// What a legend entry shows before its text.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// Nothing (a heading or plain text).
    None,
    /// An owner's cell with its letter.
    Owner(Owner, Rect, Label),
    /// A connection sample line.
    Edge {
        /// Encrypted (solid) or not (dashed red).
        encrypted: bool,
        /// From.
        a: Pt,
        /// To.
        b: Pt,
    },
    /// A boundary sample box.
    Box(BoxStyle, Rect),
    /// A grey node sample (a service the catalog lacks).
    UnknownNode(Rect),
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendItem {
    /// Its sample.
    pub mark: Mark,
    /// Its text.
    pub label: Label,
}

/// The legend under the drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct Legend {
    /// Its frame.
    pub rect: Rect,
    /// Its entries.
    pub items: Vec<LegendItem>,
}

/// The whole drawing, every position in drawing units (0,0 at the top-left).
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
    /// The project's name ([`text::clean`]).
    pub name: String,
    /// The lens in force.
    pub lens: Option<Layer>,
    /// The heading.
    pub title: Option<Label>,
    /// Shown in place of the architecture when the project is empty.
    pub empty_note: Option<Label>,
    /// Boundaries, outer first (draw in this order).
    pub boxes: Vec<BoxShape>,
    /// Connections (drawn under the nodes; their labels over them).
    pub edges: Vec<EdgeShape>,
    /// Components.
    pub nodes: Vec<NodeShape>,
    /// The legend.
    pub legend: Legend,
}

// ----- geometry helpers -----

fn rect(x: f32, y: f32, w: f32, h: f32) -> Rect {
    Rect { x, y, w, h }
}

fn intersects(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

fn union(a: Option<Rect>, b: &Rect) -> Option<Rect> {
    Some(match a {
        None => *b,
        Some(a) => {
            let (x0, y0) = (a.x.min(b.x), a.y.min(b.y));
            let (x1, y1) = ((a.x + a.w).max(b.x + b.w), (a.y + a.h).max(b.y + b.h));
            rect(x0, y0, x1 - x0, y1 - y0)
        }
    })
}

fn finite(v: f32) -> f32 {
    if v.is_finite() { v } else { 0.0 }
}

/// The caption of a boundary: its name and, when the name does not say it, its kind.
fn box_caption_text(name: &str, kind: Option<BoundaryKind>, kind_id: &str) -> String {
    let kind_name = match kind {
        Some(k) => k.title().to_string(),
        None => text::clean(kind_id),
    };
    if name.is_empty() || name == kind_name {
        kind_name
    } else if name.to_lowercase().contains(&kind_name.to_lowercase()) {
        name.to_string()
    } else {
        format!("{name} · {kind_name}")
    }
}

impl Scene {
    /// Lays out the project. `stacks` holds each component with its resolved stack (`None` for
    /// a service the catalog lacks), in project order, as [`crate::export::Report`] has them.
    pub fn build(
        project: &Project,
        stacks: &[(&Component, Option<ComponentStack<'_>>)],
        options: &Options,
    ) -> Scene {
        let lens = options.lens;
        let boxes = boxes(project);
        let drawn_boxes: HashSet<BoundaryId> = boxes.iter().map(|b| b.id).collect();
        let nodes: Vec<NodeShape> = {
            let mut seen = HashSet::new();
            stacks
                .iter()
                .filter(|(c, _)| seen.insert(c.id))
                .map(|(c, s)| node(c, s.as_ref(), lens, c.boundary.filter(|b| drawn_boxes.contains(b))))
                .collect()
        };
        let edges = edges::edges(project, &nodes);

        // The architecture's extent, then everything moved so it starts at the margin.
        let mut bounds: Option<Rect> = None;
        for b in &boxes {
            bounds = union(bounds, &b.rect);
        }
        for n in &nodes {
            bounds = union(bounds, &n.rect);
        }
        for e in &edges {
            if let Some((r, _)) = &e.label {
                bounds = union(bounds, r);
            }
        }
        let empty = bounds.is_none();
        let content = bounds.unwrap_or(rect(0.0, 0.0, LEGEND_MIN_W, 80.0));
        let title_h = if options.title { 40.0 } else { 0.0 };
        let d = Pt::new(MARGIN - content.x, MARGIN + title_h - content.y);

        let mut scene = Scene {
            width: 0.0,
            height: 0.0,
            name: text::clean(&project.name),
            lens,
            title: None,
            empty_note: None,
            boxes,
            edges,
            nodes,
            legend: Legend { rect: Rect::default(), items: Vec::new() },
        };
        scene.translate(d);

        let legend_w = content.w.max(LEGEND_MIN_W);
        let width = legend_w + 2.0 * MARGIN;
        let legend_top = MARGIN + title_h + content.h + 28.0;
        scene.legend = legend::legend(&scene, Pt::new(MARGIN, legend_top), legend_w);
        scene.width = width.ceil();
        scene.height = (scene.legend.rect.y + scene.legend.rect.h + MARGIN).ceil();
        if options.title {
            let mut t =
                if scene.name.is_empty() { "Untitled architecture".to_string() } else { scene.name.clone() };
            if let Some(l) = lens {
                t.push_str(&format!(" · layer lens: {}", l.title()));
            }
            let t = text::fit(&t, 18.0, true, width - 2.0 * MARGIN);
            scene.title = Some(Label::new(t, Pt::new(MARGIN, MARGIN + 18.0), 18.0, true, INK));
        }
        if empty {
            scene.empty_note = Some(Label::new(
                "No components yet.".into(),
                Pt::new(MARGIN, MARGIN + title_h + 44.0),
                14.0,
                false,
                INK_SOFT,
            ));
        }
        scene
    }

    fn translate(&mut self, d: Pt) {
        let mv = |r: &mut Rect| {
            r.x += d.x;
            r.y += d.y;
        };
        let mp = |p: &mut Pt| {
            p.x += d.x;
            p.y += d.y;
        };
        for b in &mut self.boxes {
            mv(&mut b.rect);
            mp(&mut b.caption.at);
        }
        for n in &mut self.nodes {
            mv(&mut n.rect);
            mv(&mut n.strip);
            mp(&mut n.name_label.at);
            mp(&mut n.service_label.at);
            for c in &mut n.cells {
                mv(&mut c.rect);
                mp(&mut c.letter.at);
            }
            if let Some((r, _, l)) = &mut n.pill {
                mv(r);
                mp(&mut l.at);
            }
        }
        for e in &mut self.edges {
            e.points.iter_mut().for_each(mp);
            if let Some(h) = &mut e.head {
                h.iter_mut().for_each(mp);
            }
            if let Some((r, l)) = &mut e.label {
                mv(r);
                mp(&mut l.at);
            }
        }
    }
}

/// The boundaries in drawing order: outer first (by depth), project order among equals. A
/// boundary whose id repeats an earlier one is left out; a parent that is missing or part of a
/// cycle is not a parent.
fn boxes(project: &Project) -> Vec<BoxShape> {
    let mut seen = HashSet::new();
    let mut list: Vec<(usize, usize, &crate::project::Boundary)> = project
        .boundaries
        .iter()
        .enumerate()
        .filter(|(_, b)| seen.insert(b.id))
        .filter(|(_, b)| [b.rect.x, b.rect.y, b.rect.w, b.rect.h].iter().all(|v| v.is_finite()))
        .map(|(i, b)| (project.boundary_chain(Some(b.id)).len(), i, b))
        .collect();
    list.sort_by_key(|(depth, i, _)| (*depth, *i));
    let depth_of: HashMap<BoundaryId, usize> = list.iter().map(|(d, _, b)| (b.id, *d)).collect();
    list.into_iter()
        .map(|(depth, _, b)| {
            let r = b.rect;
            let (x, w) = if r.w < 0.0 { (r.x + r.w, -r.w) } else { (r.x, r.w) };
            let (y, h) = if r.h < 0.0 { (r.y + r.h, -r.h) } else { (r.y, r.h) };
            let kind = b.kind();
            let style = BoxStyle::of(kind);
            let name = text::clean(&b.display_name());
            let caption = box_caption_text(&name, kind, &b.kind);
            let caption = text::fit(&caption, 12.0, true, (w - 16.0).max(0.0));
            BoxShape {
                id: b.id,
                parent: b.parent.filter(|p| depth_of.get(p).is_some_and(|pd| *pd < depth)),
                kind,
                kind_id: b.kind.clone(),
                rect: rect(x, y, w, h),
                style,
                name,
                caption: Label::new(caption, Pt::new(x + 8.0, y + 17.0), 12.0, true, style.text),
            }
        })
        .collect()
}

/// One node, in canvas coordinates.
fn node(
    c: &Component,
    s: Option<&ComponentStack<'_>>,
    lens: Option<Layer>,
    parent: Option<BoundaryId>,
) -> NodeShape {
    let (cx, cy) = (finite(c.position.x), finite(c.position.y));
    let r = rect(cx - NODE_W / 2.0, cy - NODE_H / 2.0, NODE_W, NODE_H);
    let name = text::clean(&c.display_name(s.map(|s| s.service.name.as_str())));
    let service = match s {
        Some(s) if s.variant_id().is_some() => {
            text::clean(&format!("{} · {}", s.service.short, s.variant.name))
        }
        Some(s) => text::clean(&s.service.short),
        None => text::clean(&c.service),
    };
    let lens_owner = lens.zip(s).map(|(l, s)| s.owner(l));
    let emphasis = match (lens, lens_owner) {
        (None, _) => Emphasis::Normal,
        (Some(_), Some(Owner::Customer)) => Emphasis::Strong,
        (Some(_), Some(Owner::Shared)) => Emphasis::Normal,
        (Some(_), _) => Emphasis::Dim,
    };
    let pill = lens_owner.map(|o| {
        let t = o.title();
        let w = text::width(t, 10.0, true) + 10.0;
        // On the service's line, at the right: the component's name keeps the whole first line.
        let pr = rect(r.x + r.w - 8.0 - w, r.y + 26.0, w, 14.0);
        let label = Label {
            text: t.to_string(),
            at: Pt::new(pr.x + w / 2.0, pr.y + 10.5),
            size: 10.0,
            bold: true,
            rgb: if o.light_text() { [0xFF; 3] } else { [0; 3] },
            anchor: Anchor::Middle,
        };
        (pr, o, label)
    });
    let service_room = match &pill {
        Some((pr, _, _)) => pr.x - 6.0 - (r.x + 8.0),
        None => NODE_W - 16.0,
    };
    let strip = rect(r.x + 8.0, r.y + 46.0, NODE_W - 16.0, 18.0);
    let cells = match s {
        Some(s) => Layer::ALL
            .iter()
            .map(|&layer| {
                let owner = s.owner(layer);
                let cr = rect(strip.x + layer.index() as f32 * 13.0, strip.y, 12.0, strip.h);
                Cell {
                    layer,
                    owner,
                    rect: cr,
                    letter: Label {
                        text: owner.letter().to_string(),
                        at: Pt::new(cr.x + cr.w / 2.0, cr.y + 13.0),
                        size: 10.0,
                        bold: true,
                        rgb: if owner.light_text() { [0xFF; 3] } else { [0; 3] },
                        anchor: Anchor::Middle,
                    },
                    focus: lens == Some(layer),
                    faded: lens.is_some_and(|l| l != layer),
                }
            })
            .collect(),
        None => Vec::new(),
    };
    let stroke = match lens_owner {
        Some(o) => (o.rgb(), 3.0),
        None if s.is_none() => (UNKNOWN, 1.5),
        None => (NODE_STROKE, 1.0),
    };
    let mut tooltip = format!("{name}\n");
    match s {
        Some(s) => {
            let full = if s.variant_id().is_some() {
                format!("{} ({})", s.service.name, s.variant.name)
            } else {
                s.service.name.clone()
            };
            tooltip.push_str(&text::clean(&full));
            tooltip.push_str("\nLayers, bottom to top:");
            for e in s.stack().entries() {
                tooltip.push_str(&format!("\n{}: {}", e.layer.title(), e.owner.title()));
            }
        }
        None => tooltip
            .push_str(&format!("Service `{}` is not in the catalog: no stack", text::clean(&c.service))),
    }
    NodeShape {
        id: c.id,
        parent,
        rect: r,
        known: s.is_some(),
        name_label: Label::new(
            text::fit(&name, 13.0, true, NODE_W - 16.0),
            Pt::new(r.x + 8.0, r.y + 19.0),
            13.0,
            true,
            INK,
        ),
        service_label: Label::new(
            text::fit(&service, 11.0, false, service_room),
            Pt::new(r.x + 8.0, r.y + 36.0),
            11.0,
            false,
            INK_SOFT,
        ),
        name,
        service,
        cells,
        strip,
        pill,
        emphasis,
        stroke,
        fill: if s.is_some() { NODE_FILL } else { UNKNOWN_FILL },
        tooltip,
    }
}

/// The diagram as SVG (see [`svg::render`]), for a report that has resolved the stacks already.
pub fn svg_for_report(project: &Project, stacks: &[(&Component, Option<ComponentStack<'_>>)]) -> String {
    let scene = Scene::build(project, stacks, &Options { lens: None, title: false });
    svg::render_inline(&scene)
}

#[cfg(all(test, feature = "gui"))]
mod gui_agrees {
    #[test]
    fn node_size_is_the_apps() {
        let s = crate::gui::canvas::geom::NODE_SIZE;
        assert_eq!((s.x, s.y), (super::NODE_W, super::NODE_H));
    }
}

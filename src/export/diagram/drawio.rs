//! The diagram as a diagrams.net file: an uncompressed `.drawio` (`<mxfile>` with one
//! `<diagram>` holding an `<mxGraphModel>`), so a team can carry on with the picture there.
//!
//! Cells: `0` and its layer `1`; each boundary a container (`container=1`) in the diagrams.net
//! AWS 4 group style of its kind (`shape=mxgraph.aws4.group` with the kind's `grIcon`, the
//! styles of the "AWS / Groups" palette, `Sidebar-AWS4.js` in jgraph/drawio), a kind this version
//! does not know a plain grey box; each component a vertex whose `tooltip` lists its 13 layers
//! and their owners (an `<object>` carrying `label` and `tooltip`); each connection an edge from
//! `source` to `target`, dashed and red when unencrypted. A cell inside a boundary has that
//! boundary as `parent` and, as mxGraph wants, its geometry relative to the parent's corner.
//!
//! Labels are plain text (no `html=1`), so a user's `<b>` stays text. Tooltips are shown by
//! diagrams.net as sanitised HTML, so their text is HTML-escaped before it is XML-escaped.

use super::svg::num;
use super::text::xml;
use super::{BoxShape, Emphasis, NodeShape, Rgb, Scene};
use crate::project::{BoundaryId, Rect};
use crate::vocab::BoundaryKind;
use std::collections::HashMap;
use std::fmt::Write;

/// The part every group style shares (as the AWS 4 palette's groups have it).
const GROUP: &str = "points=[[0,0],[0.25,0],[0.5,0],[0.75,0],[1,0],[1,0.25],[1,0.5],[1,0.75],[1,1],[0.75,1],\
[0.5,1],[0.25,1],[0,1],[0,0.75],[0,0.5],[0,0.25]];outlineConnect=0;gradientColor=none;fontSize=12;fontStyle=0;\
container=1;pointerEvents=0;collapsible=0;recursiveResize=0;verticalAlign=top;align=left;";

/// `#RRGGBB`, as diagrams.net writes colours.
fn hex([r, g, b]: Rgb) -> String {
    format!("#{r:02X}{g:02X}{b:02X}")
}

/// The diagrams.net style of a boundary. Colours come from [`BoundaryKind`] (the same AWS
/// group colours the palette uses); the icon and label colour are the palette's.
fn group_style(b: &BoxShape) -> String {
    let s = &b.style;
    let fill = s.fill.map_or_else(|| "none".to_string(), hex);
    let dashed = if s.dashed { "1" } else { "0" };
    let aws = |icon: &str, font: &str, extra: &str| {
        format!(
            "{GROUP}shape=mxgraph.aws4.group;grIcon=mxgraph.aws4.{icon};{extra}strokeColor={};fillColor={fill};\
             spacingLeft=30;fontColor={font};dashed={dashed};",
            hex(s.stroke)
        )
    };
    let plain = |font: &str| {
        format!(
            "{GROUP}strokeColor={};fillColor={fill};spacingLeft=10;fontColor={font};dashed={dashed};",
            hex(s.stroke)
        )
    };
    match b.kind {
        Some(BoundaryKind::Account) => aws("group_account", "#CD2264", ""),
        Some(BoundaryKind::Region) => aws("group_region", "#147EBA", ""),
        Some(BoundaryKind::Vpc) => aws("group_vpc2", "#AAB7B8", ""),
        Some(BoundaryKind::PublicSubnet) => aws("group_security_group", "#248814", "grStroke=0;"),
        Some(BoundaryKind::PrivateSubnet) => aws("group_security_group", "#147EBA", "grStroke=0;"),
        Some(BoundaryKind::OnPremises) => aws("group_corporate_data_center", "#5A6C86", ""),
        // The palette's Availability Zone and security group are plain outlined boxes.
        Some(BoundaryKind::AvailabilityZone) => plain("#147EBA"),
        Some(BoundaryKind::TrustZone) => plain("#DD3522"),
        None => plain("#5A6C86"),
    }
}

fn node_style(n: &NodeShape) -> String {
    let mut s = format!(
        "rounded=1;arcSize=8;fillColor={};strokeColor={};strokeWidth={};fontColor=#16191F;fontSize=12;\
         align=left;verticalAlign=top;spacingLeft=8;spacingTop=4;",
        hex(n.fill),
        hex(n.stroke.0),
        num(n.stroke.1)
    );
    if !n.known {
        s.push_str("dashed=1;");
    }
    if n.emphasis == Emphasis::Dim {
        s.push_str("opacity=42;");
    }
    s
}

/// Text for a diagrams.net tooltip: HTML-escaped (it is shown as sanitised HTML; line breaks
/// become `<br>` there).
fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn geometry(out: &mut String, r: &Rect, parent: Option<&Rect>) {
    let (x, y) = match parent {
        Some(p) => (r.x - p.x, r.y - p.y),
        None => (r.x, r.y),
    };
    let _ = writeln!(
        out,
        "<mxGeometry x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" as=\"geometry\"/>",
        num(x),
        num(y),
        num(r.w),
        num(r.h)
    );
}

/// The `.drawio` file.
pub fn render(scene: &Scene) -> String {
    let mut out = String::new();
    let name = if scene.name.is_empty() { "Untitled architecture" } else { &scene.name };
    let (w, h) = (num(scene.width), num(scene.height));
    let _ = writeln!(out, "<mxfile host=\"srm-planner\" type=\"device\">");
    let _ = writeln!(out, "<diagram id=\"srm-planner\" name=\"{}\">", xml(name));
    let _ = writeln!(
        out,
        "<mxGraphModel dx=\"{w}\" dy=\"{h}\" grid=\"1\" gridSize=\"10\" guides=\"1\" tooltips=\"1\" connect=\"1\" \
         arrows=\"1\" fold=\"1\" page=\"0\" pageScale=\"1\" pageWidth=\"{w}\" pageHeight=\"{h}\" math=\"0\" shadow=\"0\">"
    );
    out.push_str("<root>\n<mxCell id=\"0\"/>\n<mxCell id=\"1\" parent=\"0\"/>\n");
    let rects: HashMap<BoundaryId, Rect> = scene.boxes.iter().map(|b| (b.id, b.rect)).collect();
    let parent_id = |p: Option<BoundaryId>| p.map_or_else(|| "1".to_string(), |p| format!("b{}", p.0));
    for b in &scene.boxes {
        let _ = writeln!(
            out,
            "<mxCell id=\"b{}\" value=\"{}\" style=\"{}\" vertex=\"1\" parent=\"{}\">",
            b.id.0,
            xml(&b.name),
            xml(&group_style(b)),
            parent_id(b.parent)
        );
        geometry(&mut out, &b.rect, b.parent.and_then(|p| rects.get(&p)));
        out.push_str("</mxCell>\n");
    }
    for n in &scene.nodes {
        let mut label = format!("{}\n{}", n.name, n.service);
        if let (Some(l), Some((_, o, _))) = (scene.lens, &n.pill) {
            label.push_str(&format!("\n{}: {}", l.title(), o.title()));
        }
        let _ = writeln!(
            out,
            "<object id=\"c{}\" label=\"{}\" tooltip=\"{}\">",
            n.id.0,
            xml(&label),
            xml(&html_text(&n.tooltip))
        );
        let _ = writeln!(
            out,
            "<mxCell style=\"{}\" vertex=\"1\" parent=\"{}\">",
            xml(&node_style(n)),
            parent_id(n.parent)
        );
        geometry(&mut out, &n.rect, n.parent.and_then(|p| rects.get(&p)));
        out.push_str("</mxCell>\n</object>\n");
    }
    for (i, e) in scene.edges.iter().enumerate() {
        let style = if e.encrypted {
            format!(
                "endArrow=block;endFill=1;rounded=0;strokeColor={};strokeWidth=1.6;fontColor=#16191F;",
                hex(e.rgb)
            )
        } else {
            format!(
                "endArrow=block;endFill=1;rounded=0;strokeColor={};strokeWidth=1.8;dashed=1;dashPattern=7 4;fontColor={};",
                hex(e.rgb),
                hex(super::darken(e.rgb))
            )
        };
        let _ = writeln!(
            out,
            "<mxCell id=\"e{}\" value=\"{}\" style=\"{style}fontSize=11;labelBackgroundColor=#FFFFFF;\" edge=\"1\" \
             parent=\"1\" source=\"c{}\" target=\"c{}\">",
            i + 1,
            xml(&e.text),
            e.from.0,
            e.to.0
        );
        out.push_str("<mxGeometry relative=\"1\" as=\"geometry\"/>\n</mxCell>\n");
    }
    out.push_str("</root>\n</mxGraphModel>\n</diagram>\n</mxfile>\n");
    out
}

//! The diagram as SVG: one self-contained file (no script, no external resource, no CSS class
//! that could reach a page it is embedded in), every style a presentation attribute, every user
//! string escaped. Each boundary, node and connection is a group with a `<title>` (the node's
//! holds its 13 layers and owners), which browsers show on hover.
//!
//! Numbers are written with at most two decimals, so the same scene always gives the same bytes.

use super::text::xml;
use super::{
    Anchor, BOX_DASH, BoxStyle, Cell, EDGE_DASH, EDGE_ENCRYPTED, EDGE_UNENCRYPTED, Emphasis, Label, Mark, Pt,
    Rgb, Scene, UNKNOWN,
};
use crate::project::Rect;
use std::fmt::Write;

/// The font list the drawing asks for: DejaVu Sans first (its widths are the layout's, and the
/// PNG writer embeds it), then fonts most systems have.
pub const FONT_FAMILY: &str = "'DejaVu Sans', Verdana, 'Liberation Sans', Arial, Helvetica, sans-serif";

/// A standalone SVG file (with its XML declaration).
pub fn render(scene: &Scene) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    write(scene, &mut out, false);
    out
}

/// The same drawing as an `<svg>` element to put inside an HTML page: no XML declaration, and it
/// shrinks to the page's width.
pub fn render_inline(scene: &Scene) -> String {
    let mut out = String::new();
    write(scene, &mut out, true);
    out
}

/// A number with at most two decimals and no `-0`.
pub(super) fn num(v: f32) -> String {
    let r = (f64::from(v) * 100.0).round() / 100.0;
    if r == 0.0 { "0".to_string() } else { format!("{r}") }
}

/// `#rrggbb`.
pub(super) fn hex([r, g, b]: Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn rect_attrs(r: &Rect) -> String {
    format!("x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"", num(r.x), num(r.y), num(r.w), num(r.h))
}

fn points(p: &[Pt]) -> String {
    p.iter().map(|p| format!("{},{}", num(p.x), num(p.y))).collect::<Vec<_>>().join(" ")
}

fn dash(d: [f32; 2]) -> String {
    format!(" stroke-dasharray=\"{} {}\"", num(d[0]), num(d[1]))
}

fn label(out: &mut String, l: &Label) {
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{}{} fill=\"{}\">{}</text>",
        num(l.at.x),
        num(l.at.y),
        num(l.size),
        if l.bold { " font-weight=\"bold\"" } else { "" },
        if l.anchor == Anchor::Middle { " text-anchor=\"middle\"" } else { "" },
        hex(l.rgb),
        xml(&l.text)
    );
}

fn box_rect(out: &mut String, r: &Rect, s: &BoxStyle) {
    let _ = writeln!(
        out,
        "<rect {} fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{}/>",
        rect_attrs(r),
        s.fill.map_or_else(|| "none".to_string(), hex),
        hex(s.stroke),
        num(s.width),
        if s.dashed { dash(BOX_DASH) } else { String::new() }
    );
}

/// Cells of a layer strip: a rectangle each, then their letters as one `<text>` (one x per
/// letter, runs of one colour in one `<tspan>`), which renders much faster than a text each.
fn strip(out: &mut String, cells: &[&Cell]) {
    let Some(first) = cells.first() else { return };
    for c in cells {
        let _ = writeln!(out, "<rect {} fill=\"{}\"/>", rect_attrs(&c.rect), hex(c.owner.rgb()));
    }
    let xs: Vec<String> = cells.iter().map(|c| num(c.letter.at.x)).collect();
    let l = &first.letter;
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\" text-anchor=\"middle\">",
        xs.join(" "),
        num(l.at.y),
        num(l.size)
    );
    let mut i = 0;
    while i < cells.len() {
        let rgb = cells[i].letter.rgb;
        let mut run = String::new();
        while i < cells.len() && cells[i].letter.rgb == rgb {
            run.push_str(&xml(&cells[i].letter.text));
            i += 1;
        }
        let _ = write!(out, "<tspan fill=\"{}\">{run}</tspan>", hex(rgb));
    }
    out.push_str("</text>\n");
}

fn write(scene: &Scene, out: &mut String, inline: bool) {
    let (w, h) = (num(scene.width), num(scene.height));
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" font-family=\"{FONT_FAMILY}\" role=\"img\"{}>",
        if inline { " style=\"max-width:100%;height:auto\"" } else { "" }
    );
    let name = if scene.name.is_empty() { "Untitled architecture" } else { &scene.name };
    let _ = writeln!(out, "<title>{}: shared responsibility diagram</title>", xml(name));
    let _ = writeln!(out, "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>");
    if let Some(t) = &scene.title {
        label(out, t);
    }
    if let Some(t) = &scene.empty_note {
        label(out, t);
    }

    for b in &scene.boxes {
        let _ = writeln!(out, "<g data-boundary=\"{}\">", b.id.0);
        let kind = b.kind.map_or_else(|| b.kind_id.clone(), |k| k.title().to_string());
        let _ = writeln!(out, "<title>{} ({})</title>", xml(&b.name), xml(&super::text::clean(&kind)));
        box_rect(out, &b.rect, &b.style);
        label(out, &b.caption);
        out.push_str("</g>\n");
    }

    for e in &scene.edges {
        if e.points.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<g data-from=\"{}\" data-to=\"{}\">", e.from.0, e.to.0);
        if !e.text.is_empty() {
            let _ = writeln!(out, "<title>{}</title>", xml(&e.text));
        }
        let _ = writeln!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{}/>",
            points(&e.points),
            hex(e.rgb),
            if e.encrypted { "1.6" } else { "1.8" },
            if e.encrypted { String::new() } else { dash(EDGE_DASH) }
        );
        if let Some(head) = &e.head {
            let _ = writeln!(out, "<polygon points=\"{}\" fill=\"{}\"/>", points(head), hex(e.rgb));
        }
        out.push_str("</g>\n");
    }

    for n in &scene.nodes {
        let _ = writeln!(
            out,
            "<g data-component=\"{}\"{}>",
            n.id.0,
            if n.emphasis == Emphasis::Dim { " opacity=\"0.42\"" } else { "" }
        );
        let _ = writeln!(out, "<title>{}</title>", xml(&n.tooltip));
        let _ = writeln!(
            out,
            "<rect {} rx=\"6\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{}/>",
            rect_attrs(&n.rect),
            hex(n.fill),
            hex(n.stroke.0),
            num(n.stroke.1),
            if n.known { String::new() } else { dash([4.0, 3.0]) }
        );
        label(out, &n.name_label);
        label(out, &n.service_label);
        if n.cells.is_empty() {
            let _ = writeln!(
                out,
                "<rect {} fill=\"none\" stroke=\"{}\"{}/>",
                rect_attrs(&n.strip),
                hex(UNKNOWN),
                dash([3.0, 2.0])
            );
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"{}\">not in the catalog: no stack</text>",
                num(n.strip.x + n.strip.w / 2.0),
                num(n.strip.y + 13.0),
                hex(super::INK_SOFT)
            );
        }
        // The lens fades every cell but its own: those go in a translucent group.
        let (faded, clear): (Vec<&Cell>, Vec<&Cell>) = n.cells.iter().partition(|c| c.faded);
        if !faded.is_empty() {
            out.push_str("<g opacity=\"0.3\">\n");
            strip(out, &faded);
            out.push_str("</g>\n");
        }
        strip(out, &clear);
        for c in n.cells.iter().filter(|c| c.focus) {
            let r = Rect { x: c.rect.x - 1.5, y: c.rect.y - 1.5, w: c.rect.w + 3.0, h: c.rect.h + 3.0 };
            let _ = writeln!(
                out,
                "<rect {} fill=\"none\" stroke=\"#000000\" stroke-width=\"2\"/>",
                rect_attrs(&r)
            );
        }
        if let Some((r, o, l)) = &n.pill {
            let _ = writeln!(
                out,
                "<rect {} rx=\"7\" fill=\"{}\" stroke=\"#000000\" stroke-width=\"0.6\"/>",
                rect_attrs(r),
                hex(o.rgb())
            );
            label(out, l);
        }
        out.push_str("</g>\n");
    }

    // Labels last, so that no node hides them.
    for e in &scene.edges {
        let Some((r, l)) = &e.label else { continue };
        let _ = writeln!(
            out,
            "<g><rect {} rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.92\" stroke=\"{}\" stroke-width=\"0.8\"/>",
            rect_attrs(r),
            hex(e.rgb)
        );
        label(out, l);
        out.push_str("</g>\n");
    }

    let lg = &scene.legend;
    out.push_str("<g data-legend=\"\">\n");
    let _ = writeln!(out, "<rect {} rx=\"4\" fill=\"#fafbfb\" stroke=\"#d5dbdb\"/>", rect_attrs(&lg.rect));
    for it in &lg.items {
        match &it.mark {
            Mark::None => {}
            Mark::Owner(o, r, l) => {
                let _ = writeln!(out, "<rect {} fill=\"{}\"/>", rect_attrs(r), hex(o.rgb()));
                label(out, l);
            }
            Mark::Edge { encrypted, a, b } => {
                let rgb = if *encrypted { EDGE_ENCRYPTED } else { EDGE_UNENCRYPTED };
                let _ = writeln!(
                    out,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{}/>",
                    num(a.x),
                    num(a.y),
                    num(b.x - 6.0),
                    num(b.y),
                    hex(rgb),
                    if *encrypted { "1.6" } else { "1.8" },
                    if *encrypted { String::new() } else { dash(EDGE_DASH) }
                );
                let head = [
                    Pt { x: b.x, y: b.y },
                    Pt { x: b.x - 8.0, y: b.y - 4.0 },
                    Pt { x: b.x - 8.0, y: b.y + 4.0 },
                ];
                let _ = writeln!(out, "<polygon points=\"{}\" fill=\"{}\"/>", points(&head), hex(rgb));
            }
            Mark::Box(s, r) => box_rect(out, r, s),
            Mark::UnknownNode(r) => {
                let _ = writeln!(
                    out,
                    "<rect {} rx=\"3\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"{}/>",
                    rect_attrs(r),
                    hex(super::UNKNOWN_FILL),
                    hex(UNKNOWN),
                    dash([4.0, 3.0])
                );
            }
        }
        label(out, &it.label);
    }
    out.push_str("</g>\n</svg>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345_678), "12.35");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(-3.5), "-3.5");
        assert_eq!(hex([0, 0x72, 0xB2]), "#0072b2");
    }
}

//! The legend under the diagram: rows of entries (a sample and its text) that wrap at its width.

use super::{Anchor, BoxStyle, INK, Label, Legend, LegendItem, Mark, Pt, Scene, rect, text};
use crate::vocab::{BoundaryKind, Layer, Owner};
use std::collections::BTreeSet;

/// A flow of legend entries in rows, wrapping at the legend's width.
struct Flow {
    left: f32,
    right: f32,
    x: f32,
    y: f32,
    indent: f32,
    items: Vec<LegendItem>,
}

const ROW: f32 = 22.0;
const LEGEND_TEXT: f32 = 11.0;

impl Flow {
    /// Starts a new row with a bold heading; entries that wrap line up after it.
    fn heading(&mut self, text: &str) {
        if self.x > self.left {
            self.y += ROW;
        }
        self.x = self.left;
        let w = text::width(text, LEGEND_TEXT, true);
        self.items.push(LegendItem {
            mark: Mark::None,
            label: Label::new(text.to_string(), Pt::new(self.x, self.y + 15.0), LEGEND_TEXT, true, INK),
        });
        self.indent = self.left + w + 12.0;
        self.x = self.indent;
    }

    /// One entry: a mark `mark_w` wide (made from its top-left corner) and its text.
    fn item(&mut self, mark_w: f32, mark: impl FnOnce(Pt) -> Mark, text: &str) {
        let text = text::fit(text, LEGEND_TEXT, false, self.right - self.indent - mark_w - 6.0);
        let w = mark_w + if mark_w > 0.0 { 6.0 } else { 0.0 } + text::width(&text, LEGEND_TEXT, false);
        if self.x + w > self.right && self.x > self.indent {
            self.y += ROW;
            self.x = self.indent;
        }
        let m = mark(Pt::new(self.x, self.y + 4.0));
        let tx = self.x + mark_w + if mark_w > 0.0 { 6.0 } else { 0.0 };
        self.items.push(LegendItem {
            mark: m,
            label: Label::new(text, Pt::new(tx, self.y + 15.0), LEGEND_TEXT, false, INK),
        });
        self.x += w + 18.0;
    }
}

/// The legend: owners, connection styles, the boundary kinds the project uses, the strip's
/// layer order, the lens and (when there are any) unknown services.
pub(super) fn legend(scene: &Scene, at: Pt, w: f32) -> Legend {
    let pad = 10.0;
    let mut f = Flow {
        left: at.x + pad,
        right: at.x + w - pad,
        x: at.x + pad,
        y: at.y + 6.0,
        indent: at.x + pad,
        items: Vec::new(),
    };
    f.heading("Owners");
    for &o in Owner::ALL {
        let text = match o {
            Owner::Aws => "AWS secures it",
            Owner::Customer => "Customer secures it",
            Owner::Shared => "Shared (both have a part)",
            Owner::NotApplicable => "Not applicable",
        };
        f.item(
            12.0,
            |p| {
                let r = rect(p.x, p.y - 1.0, 12.0, 16.0);
                let letter = Label {
                    text: o.letter().into(),
                    at: Pt::new(r.x + 6.0, r.y + 12.0),
                    size: 10.0,
                    bold: true,
                    rgb: if o.light_text() { [0xFF; 3] } else { [0; 3] },
                    anchor: Anchor::Middle,
                };
                Mark::Owner(o, r, letter)
            },
            text,
        );
    }
    f.heading("Connections");
    for enc in [true, false] {
        f.item(
            34.0,
            |p| Mark::Edge { encrypted: enc, a: Pt::new(p.x, p.y + 7.0), b: Pt::new(p.x + 34.0, p.y + 7.0) },
            if enc { "encrypted in transit" } else { "unencrypted (also said in its label)" },
        );
    }
    let kinds: BTreeSet<Option<BoundaryKind>> = scene.boxes.iter().map(|b| b.kind).collect();
    if !kinds.is_empty() {
        f.heading("Boundaries");
        let unknown: BTreeSet<&str> =
            scene.boxes.iter().filter(|b| b.kind.is_none()).map(|b| b.kind_id.as_str()).collect();
        for k in BoundaryKind::ALL.iter().filter(|k| kinds.contains(&Some(**k))) {
            f.item(26.0, |p| Mark::Box(BoxStyle::of(Some(*k)), rect(p.x, p.y, 26.0, 14.0)), k.title());
        }
        for k in unknown {
            f.item(
                26.0,
                |p| Mark::Box(BoxStyle::of(None), rect(p.x, p.y, 26.0, 14.0)),
                &format!("{} (a kind this version does not know)", text::clean(k)),
            );
        }
    }
    f.heading("Layer strip, left to right");
    for l in Layer::ALL {
        f.item(0.0, |_| Mark::None, &format!("{} {}", l.index() + 1, l.title()));
    }
    if let Some(l) = scene.lens {
        f.heading("Lens");
        f.item(
            0.0,
            |_| Mark::None,
            &format!(
                "{}: its cell outlined; border and pill in its owner's colour; faded where AWS owns it or nothing needs securing",
                l.title()
            ),
        );
    }
    if scene.nodes.iter().any(|n| !n.known) {
        f.heading("Unknown");
        f.item(
            26.0,
            |p| Mark::UnknownNode(rect(p.x, p.y, 26.0, 14.0)),
            "a service the catalog does not know (grey, with its id)",
        );
    }
    let bottom = f.y + ROW + 4.0;
    Legend { rect: rect(at.x, at.y, w, bottom - at.y), items: f.items }
}

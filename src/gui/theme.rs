//! Colours and patterns: owners (colour-blind safe, never colour alone), categories, priorities.
//!
//! Owner colours come from the Okabe–Ito palette: AWS is a dark blue, the customer a light
//! orange, so the two differ in lightness as well as hue. Shared layers are striped in both
//! colours and not-applicable layers are hollow grey, so every owner also reads by pattern;
//! wherever there is room the owner's letter ([`Owner::letter`]) is drawn too.

use super::pen::Pen;
use crate::vocab::{Category, Owner, Priority};
use egui::{Color32, Pos2, Rect, Stroke, StrokeKind, Visuals};

/// AWS blue (Okabe–Ito "blue").
pub const AWS: Color32 = owner_rgb(Owner::Aws);
/// Customer orange (Okabe–Ito "orange").
pub const CUSTOMER: Color32 = owner_rgb(Owner::Customer);
/// Grey for not-applicable layers.
pub const NOT_APPLICABLE: Color32 = owner_rgb(Owner::NotApplicable);
/// Problem marker on a node (Okabe-Ito yellow, with a black "!").
pub const WARNING: Color32 = Color32::from_rgb(0xF0, 0xE4, 0x42);
/// Highlight colour for selection and lens emphasis.
pub const SELECT: Color32 = Color32::from_rgb(0x3D, 0xA5, 0xFF);

/// [`Owner::rgb`] as an egui colour.
const fn owner_rgb(owner: Owner) -> Color32 {
    let [r, g, b] = owner.rgb();
    Color32::from_rgb(r, g, b)
}

/// The main colour of an owner (shared layers use both AWS and customer colours in stripes).
pub fn owner_color(owner: Owner) -> Color32 {
    match owner {
        Owner::Aws => AWS,
        Owner::Customer => CUSTOMER,
        Owner::Shared => owner_rgb(Owner::Shared),
        Owner::NotApplicable => NOT_APPLICABLE,
    }
}

/// A text colour that reads on top of [`paint_owner`]'s fill.
pub fn owner_text_color(owner: Owner) -> Color32 {
    match owner {
        Owner::NotApplicable => Color32::from_gray(40),
        o if o.light_text() => Color32::WHITE,
        _ => Color32::BLACK,
    }
}

/// Paints `rect` in the owner's pattern: solid blue, solid orange, orange striped with blue
/// (shared), or hollow grey (not applicable).
pub fn paint_owner(painter: &mut Pen, rect: Rect, owner: Owner) {
    match owner {
        Owner::Aws => {
            painter.rect_filled(rect, 0.0, AWS);
        }
        Owner::Customer => {
            painter.rect_filled(rect, 0.0, CUSTOMER);
        }
        Owner::Shared => {
            painter.rect_filled(rect, 0.0, CUSTOMER);
            let spacing = (rect.height().min(rect.width()) * 0.5).clamp(3.0, 8.0);
            hatch(painter, rect, spacing, Stroke::new(spacing * 0.45, AWS));
        }
        Owner::NotApplicable => {
            painter.rect_filled(rect, 0.0, NOT_APPLICABLE.gamma_multiply(0.25));
            let w = (rect.height().min(rect.width()) * 0.12).clamp(0.5, 1.5);
            painter.rect_stroke(
                rect.shrink(w * 0.5),
                0.0,
                Stroke::new(w, NOT_APPLICABLE),
                StrokeKind::Inside,
            );
        }
    }
}

/// Diagonal lines ("/") across `rect`, clipped to it.
pub fn hatch(painter: &mut Pen, rect: Rect, spacing: f32, stroke: Stroke) {
    // Lines x + y = c, for c from the top-left corner to the bottom-right one.
    let c0 = rect.min.x + rect.min.y;
    let c1 = rect.max.x + rect.max.y;
    let mut c = c0 + spacing * 0.5;
    while c < c1 {
        let x_start = rect.min.x.max(c - rect.max.y);
        let x_end = rect.max.x.min(c - rect.min.y);
        if x_end > x_start {
            painter.line_segment([Pos2::new(x_start, c - x_start), Pos2::new(x_end, c - x_end)], stroke);
        }
        c += spacing;
    }
}

/// The colour of a service category (the accent strip on nodes and palette entries).
pub fn category_color(category: Option<Category>) -> Color32 {
    match category {
        Some(Category::Infrastructure) => Color32::from_rgb(0x1F, 0x9E, 0x89),
        Some(Category::Container) => Color32::from_rgb(0x8E, 0x6C, 0xEF),
        Some(Category::Abstracted) => Color32::from_rgb(0x5B, 0xB0, 0x4A),
        None => Color32::from_gray(120),
    }
}

/// A short title of a category ("Infrastructure", "Container", "Abstracted").
pub fn category_title(category: Category) -> &'static str {
    match category {
        Category::Infrastructure => "Infrastructure",
        Category::Container => "Container",
        Category::Abstracted => "Abstracted",
    }
}

/// The colour of a priority badge (always drawn with its word, never alone).
pub fn priority_color(priority: Priority) -> Color32 {
    match priority {
        Priority::Critical => Color32::from_rgb(0xD6, 0x27, 0x28),
        Priority::High => Color32::from_rgb(0xD5, 0x5E, 0x00),
        Priority::Medium => Color32::from_rgb(0x9A, 0x7D, 0x0A),
        Priority::Low => Color32::from_gray(120),
    }
}

/// A short title of a priority.
pub fn priority_title(priority: Priority) -> &'static str {
    match priority {
        Priority::Critical => "Critical",
        Priority::High => "High",
        Priority::Medium => "Medium",
        Priority::Low => "Low",
    }
}

/// The node fill for the current theme.
pub fn node_fill(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_gray(48) } else { Color32::from_gray(250) }
}

/// The canvas background for the current theme.
pub fn canvas_bg(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_gray(24) } else { Color32::from_gray(236) }
}

/// A short abbreviation of a layer for matrix headers.
pub fn layer_abbrev(layer: crate::vocab::Layer) -> &'static str {
    use crate::vocab::Layer::*;
    match layer {
        Facilities => "Fac",
        Hardware => "HW",
        Virtualization => "Virt",
        HostOs => "Host",
        GuestOs => "Guest",
        Platform => "Plat",
        Application => "App",
        NetworkConfig => "Net",
        Identity => "IAM",
        EncryptionInTransit => "TLS",
        EncryptionAtRest => "Rest",
        ClientSideEncryption => "CSE",
        Data => "Data",
    }
}

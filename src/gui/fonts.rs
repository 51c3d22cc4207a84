//! Fonts: egui's defaults, with the bundled monospace font (Hack) as a fallback for the
//! proportional family so arrows and shapes (→ ▸ ● ◐ ⊘) render without an emoji font.

/// Installs the app's fonts. Call before the first frame (eframe's creation context, or a test
/// harness's context setup).
pub fn install(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    if fonts.font_data.contains_key("Hack")
        && let Some(family) = fonts.families.get_mut(&egui::FontFamily::Proportional)
        && !family.iter().any(|f| f == "Hack")
    {
        family.push("Hack".to_owned());
    }
    ctx.set_fonts(fonts);
}

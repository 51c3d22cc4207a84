//! The diagram as PNG: the SVG of [`super::svg`] rasterised by resvg (a pure-Rust renderer on
//! the CPU: no GPU, no window, no display), so the picture is the same drawing.
//!
//! Scale: two pixels per canvas unit, which keeps the 10-unit letters of the layer strips
//! crisp. A drawing that would exceed [`MAX_SIDE`] pixels on a side or [`MAX_PIXELS`] in all is
//! scaled down to fit, so a huge project gives a smaller picture rather than gigabytes of memory.
//!
//! Fonts: the embedded DejaVu Sans (regular and bold, a subset of Latin, Greek, Cyrillic and
//! common symbols; `assets/fonts/`) is loaded first, so text renders the same on a machine with
//! no fonts at all, as in CI; the system's fonts are loaded after it, as fallbacks for scripts the
//! subset lacks (CJK, for one).

use super::Scene;
use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// Pixels per canvas unit.
pub const SCALE: f32 = 2.0;
/// Largest width or height of the picture, in pixels.
pub const MAX_SIDE: u32 = 8192;
/// Largest number of pixels (4 bytes each while drawing: 160 MB).
pub const MAX_PIXELS: u64 = 40_000_000;

/// DejaVu Sans, subset (see `assets/fonts/README.md`).
const DEJAVU_SANS: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold, subset.
const DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// The font database, loaded once per process.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(DEJAVU_SANS.to_vec());
            db.load_font_data(DEJAVU_SANS_BOLD.to_vec());
            db.load_system_fonts();
            db.set_sans_serif_family("DejaVu Sans");
            Arc::new(db)
        })
        .clone()
}

/// The picture's size in pixels and the pixels per drawing unit, for a drawing `w` × `h` units.
pub fn size_for(w: f32, h: f32) -> (u32, u32, f32) {
    let (w, h) = (w.max(1.0), h.max(1.0));
    let mut scale = SCALE;
    scale = scale.min(MAX_SIDE as f32 / w).min(MAX_SIDE as f32 / h);
    let area = f64::from(w) * f64::from(h) * f64::from(scale) * f64::from(scale);
    if area > MAX_PIXELS as f64 {
        scale *= (MAX_PIXELS as f64 / area).sqrt() as f32;
    }
    let px = |v: f32| ((v * scale).floor() as u32).clamp(1, MAX_SIDE);
    (px(w), px(h), scale)
}

/// The scene as PNG bytes.
pub fn render(scene: &Scene) -> Result<Vec<u8>, String> {
    rasterise(&super::svg::render(scene), scene.width, scene.height)
}

/// An SVG drawing `w` × `h` units as PNG bytes.
pub fn rasterise(svg: &str, w: f32, h: f32) -> Result<Vec<u8>, String> {
    let options =
        usvg::Options { font_family: "DejaVu Sans".into(), fontdb: fonts(), ..usvg::Options::default() };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| format!("drawing the diagram: {e}"))?;
    let (pw, ph, scale) = size_for(w, h);
    let mut pixmap =
        tiny_skia::Pixmap::new(pw, ph).ok_or_else(|| format!("cannot make a {pw} × {ph} picture"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    encode(&pixmap)
}

/// The picture as an RGB PNG (the drawing is opaque: its background is white), compressed
/// with the PNG crate's fast setting: several times quicker than the default on big pictures,
/// for files a little larger.
fn encode(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, String> {
    let rgb: Vec<u8> = pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(|e| format!("encoding the PNG: {e}"))?;
    writer.write_image_data(&rgb).map_err(|e| format!("encoding the PNG: {e}"))?;
    writer.finish().map_err(|e| format!("encoding the PNG: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_drawings_are_scaled_to_fit() {
        assert_eq!(size_for(800.0, 600.0), (1600, 1200, 2.0));
        let (w, h, s) = size_for(40_000.0, 1_000.0);
        assert_eq!(w, MAX_SIDE);
        assert!(h <= MAX_SIDE && s < SCALE);
        let (w, h, _) = size_for(20_000.0, 20_000.0);
        assert!(u64::from(w) * u64::from(h) <= MAX_PIXELS, "{w} × {h}");
    }
}

//! `--screenshot OUT.png`: once the window has rendered a few frames, ask the integration for
//! the pixels, write them as PNG and close. The outcome becomes the process exit code.

use egui::{ColorImage, Context, ViewportCommand};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Frames to render before capturing, so layout and fonts have settled.
const SETTLE_FRAMES: u32 = 6;
/// Give up after this long.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The outcome, read by `gui::run` after the window closes.
pub type Outcome = Arc<Mutex<Option<Result<PathBuf, String>>>>;

/// A screenshot in progress.
pub struct ScreenshotJob {
    out: PathBuf,
    frames: u32,
    requested: bool,
    image: Arc<Mutex<Option<Arc<ColorImage>>>>,
    started: Instant,
    outcome: Outcome,
    done: bool,
}

impl ScreenshotJob {
    /// A job writing to `out` and reporting into `outcome`.
    pub fn new(out: PathBuf, outcome: Outcome) -> Self {
        ScreenshotJob {
            out,
            frames: 0,
            requested: false,
            image: Arc::new(Mutex::new(None)),
            started: Instant::now(),
            outcome,
            done: false,
        }
    }

    /// Call once per frame.
    pub fn tick(&mut self, ctx: &Context) {
        if self.done {
            return;
        }
        self.frames += 1;
        ctx.request_repaint();
        if self.frames >= SETTLE_FRAMES && !self.requested {
            self.requested = true;
            let slot = self.image.clone();
            let waker = ctx.clone();
            ctx.request_screenshot(move |img| {
                *slot.lock().expect("screenshot slot") = Some(img);
                waker.request_repaint();
            });
        }
        let image = self.image.lock().expect("screenshot slot").take();
        let result = match image {
            Some(img) => Some(self.write(&img)),
            None if self.started.elapsed() > TIMEOUT => {
                Some(Err("no screenshot arrived from the renderer".into()))
            }
            None => None,
        };
        if let Some(r) = result {
            *self.outcome.lock().expect("outcome") = Some(r);
            self.done = true;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    fn write(&self, img: &ColorImage) -> Result<PathBuf, String> {
        let [w, h] = img.size;
        let mut rgba = Vec::with_capacity(w * h * 4);
        for p in &img.pixels {
            // Screenshots are opaque; drop any alpha from the clear colour.
            rgba.extend_from_slice(&[p.r(), p.g(), p.b(), 255]);
        }
        let png = super::png::encode_rgba(w as u32, h as u32, &rgba)?;
        std::fs::write(&self.out, png).map_err(|e| format!("cannot write {}: {e}", self.out.display()))?;
        Ok(self.out.clone())
    }
}

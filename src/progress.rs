//! Progress on a terminal for build steps that take longer than a second
//! (DESIGN.md, "Commands"). Nothing is drawn when stderr is not a terminal
//! or the step ends within the second, so logs and quick builds stay
//! clean.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::render::Output;

/// How long a step runs before its progress is shown.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// Whether progress may be drawn at all: asked for, and stderr is a
/// terminal.
pub fn wanted(asked: bool) -> bool {
    asked && std::io::stderr().is_terminal()
}

/// A bar counting the files of one step, drawn once the step has taken
/// longer than `SHOW_AFTER`.
pub struct FileProgress {
    bar: ProgressBar,
    started: Instant,
    enabled: bool,
    shown: AtomicBool,
}

impl FileProgress {
    pub fn new(enabled: bool, files: usize, message: &'static str) -> FileProgress {
        let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:32}] {pos}/{len} files") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(message);
        FileProgress {
            bar,
            started: Instant::now(),
            enabled,
            shown: AtomicBool::new(false),
        }
    }

    pub fn tick(&self) {
        self.bar.inc(1);
        if self.enabled
            && !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() >= SHOW_AFTER
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Removes the bar, leaving the terminal as it was.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// An output that counts what goes through it.
pub struct Counted<'a> {
    pub inner: &'a dyn Output,
    pub progress: &'a FileProgress,
}

impl Output for Counted<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let result = self.inner.put(path, bytes);
        self.progress.tick();
        result
    }
}

/// Runs `step`, showing a spinner with `message` if it takes longer than
/// `SHOW_AFTER`.
pub fn spinner_while<T>(enabled: bool, message: &'static str, step: impl FnOnce() -> T) -> T {
    if !enabled {
        return step();
    }
    let (done_tx, done_rx) = mpsc::channel::<()>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            if done_rx.recv_timeout(SHOW_AFTER).is_ok() {
                return;
            }
            let spinner = ProgressBar::new_spinner();
            spinner.set_draw_target(ProgressDrawTarget::stderr());
            spinner.set_message(message);
            spinner.enable_steady_tick(Duration::from_millis(120));
            let _ = done_rx.recv();
            spinner.finish_and_clear();
        });
        let result = step();
        let _ = done_tx.send(());
        result
    })
}

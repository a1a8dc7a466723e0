//! Progress on standard error while a run reads and lints many files: a
//! folder of 300 Word documents took 6 s with nothing on the screen. Shown
//! only when standard error is a terminal and the run is not in CI (`CI`
//! set), so logs and pipes never hold it; cleared before the report.

use std::io::IsTerminal;

use planlint::i18n::t;

/// A progress bar over a run's files, or nothing.
pub(crate) struct Progress(Option<indicatif::ProgressBar>);

/// Fewer files than this finish before a bar would be worth drawing.
const MIN_FILES: usize = 2;

impl Progress {
    /// A bar over `files` files, when it is to be shown at all.
    pub(crate) fn new(files: usize) -> Progress {
        let shown = files >= MIN_FILES
            && std::io::stderr().is_terminal()
            && std::env::var_os("CI").is_none();
        if !shown {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new(files as u64);
        let style = indicatif::ProgressStyle::with_template("{msg} {pos}/{len} {wide_bar}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_message(t("progress.reading", &[]));
        bar.tick();
        Progress(Some(bar))
    }

    /// One more file read.
    pub(crate) fn inc(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// Reading is done; the files are being linted.
    pub(crate) fn linting(&self) {
        if let Some(bar) = &self.0 {
            bar.set_message(t("progress.linting", &[]));
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
        }
    }

    /// Runs `f`, which writes to standard error, with the bar out of the way.
    pub(crate) fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// The run is about to print: the bar goes.
    pub(crate) fn done(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.done();
    }
}

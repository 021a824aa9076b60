//! Progress for people and logs: an indicatif bar on a terminal (vectors, rate, ETA, failures,
//! budget burn), a plain line every few seconds otherwise, nothing with `--quiet`.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::run::report::{group, rate};

/// Seconds between plain progress lines when stderr is not a terminal.
const LINE_EVERY: Duration = Duration::from_secs(5);

pub struct Progress {
    bar: Option<ProgressBar>,
    plain: bool,
    total: u64,
    last_line: Instant,
}

impl Progress {
    pub fn new(total: u64, quiet: bool) -> Progress {
        if quiet {
            return Progress { bar: None, plain: false, total, last_line: Instant::now() };
        }
        // A bar only on a terminal, and never in JSON mode (its redraws are not JSON lines).
        if std::io::stderr().is_terminal() && !super::out::json_stderr() {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            let style =
                ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {human_pos}/{human_len} {per_sec} ETA {eta} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> ");
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            Progress { bar: Some(bar), plain: false, total, last_line: Instant::now() }
        } else {
            Progress { bar: None, plain: true, total, last_line: Instant::now() }
        }
    }

    pub fn update(&mut self, done: u64, failures: u64, elapsed: f64, burn: f64, throttled: bool) {
        let burn_text =
            if burn > 0.0 { format!(" budget {:.0}%{}", burn * 100.0, if throttled { " (throttled)" } else { "" }) } else { String::new() };
        if let Some(bar) = &self.bar {
            bar.set_position(done);
            bar.set_message(format!("failures {}{burn_text}", group(failures)));
        } else if self.plain && (self.last_line.elapsed() >= LINE_EVERY || done == self.total) {
            self.last_line = Instant::now();
            let pct = if self.total > 0 { 100.0 * done as f64 / self.total as f64 } else { 100.0 };
            errln!(
                "vecrun: {} of {} vectors ({pct:.1}%), {}, failures {}{burn_text}",
                group(done),
                group(self.total),
                rate(done as f64 / elapsed.max(1e-9)),
                group(failures)
            );
        }
    }

    /// A warning, printed once (on the bar's line, or as a stderr line that `--log-format json`
    /// makes a JSON object).
    pub fn warn(&mut self, message: &str) {
        match &self.bar {
            Some(bar) => bar.println(format!("warning: {message}")),
            None => errln!("warning: {message}"),
        }
    }

    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// A [`Progress`] that appears only once a task has run for [`Delayed::AFTER`] seconds and is not
/// done (`vecrun equiv`: one task per function, most of which finish at once).
pub struct Delayed {
    progress: Option<Progress>,
    quiet: bool,
}

impl Delayed {
    pub const AFTER: f64 = 1.0;

    pub fn new(quiet: bool) -> Delayed {
        Delayed { progress: None, quiet }
    }

    pub fn update(&mut self, done: u64, total: u64, elapsed: f64) {
        if self.progress.is_none() && elapsed >= Self::AFTER && done < total {
            self.progress = Some(Progress::new(total, self.quiet));
        }
        if let Some(p) = &mut self.progress {
            p.update(done, 0, elapsed, 0.0, false);
        }
    }

    /// The task ended: the bar goes; the next task starts without one.
    pub fn finish(&mut self) {
        if let Some(mut p) = self.progress.take() {
            p.finish();
        }
    }
}

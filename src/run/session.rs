//! An unattended run: the batch loop with budgets (warn and throttle at 80%, stop at 100%),
//! checkpoints (periodic, at 80%, on stop and on SIGINT/SIGTERM) and resume, over a shard's index
//! ranges. Deterministic: the counts and counterexamples do not depend on batch sizes, thread
//! counts, interruptions or resumes.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::{Backend, BackendError, Divergence, Failure, PropertyStats};
use crate::ir::Program;
use crate::output::model::PhaseRange;

/// Version of the checkpoint format.
pub const CHECKPOINT_VERSION: u32 = 1;

/// Fraction of a budget at which the run warns, checkpoints and throttles.
pub const WARN_FRACTION: f64 = 0.8;

/// Time and money limits (the vector limit is the size of the plan itself).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BudgetLimits {
    pub seconds: Option<f64>,
    pub usd: Option<f64>,
    pub usd_per_hour: Option<f64>,
}

impl BudgetLimits {
    /// Money spent after `elapsed` seconds, when a price is known.
    pub fn burn_usd(&self, elapsed: f64) -> Option<f64> {
        self.usd_per_hour.map(|p| p * elapsed / 3600.0)
    }
    /// The largest fraction of any limit used after `elapsed` seconds (0 when there is none).
    pub fn fraction(&self, elapsed: f64) -> f64 {
        let mut f: f64 = 0.0;
        if let Some(s) = self.seconds {
            f = f.max(if s > 0.0 { elapsed / s } else { f64::INFINITY });
        }
        if let (Some(usd), Some(burn)) = (self.usd, self.burn_usd(elapsed)) {
            f = f.max(if usd > 0.0 { burn / usd } else { f64::INFINITY });
        }
        f
    }
}

/// Where a run stands: the first index not yet evaluated in the current range.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Index into the run's ranges.
    pub range: usize,
    /// Next vector index within that range.
    pub next: u64,
}

/// Everything needed to continue a run exactly where it stopped (`checkpoint.json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub version: u32,
    pub run_id: String,
    pub spec_hash: String,
    pub seed: u64,
    pub generator_version: u32,
    pub shard: Option<(u64, u64)>,
    pub ranges: Vec<PhaseRange>,
    pub exhaustive: bool,
    pub properties: Vec<String>,
    pub position: Position,
    pub stats: Vec<PropertyStats>,
    pub divergences: Vec<Divergence>,
    pub vectors_done: u64,
    pub elapsed_seconds: f64,
    pub throttled: bool,
    pub started_at: String,
    pub written_at: String,
    /// `running`, `interrupted`, `budget-exhausted` or `finished`.
    pub state: String,
}

impl Checkpoint {
    pub fn read(path: &std::path::Path) -> Result<Checkpoint, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read checkpoint `{}`: {e}", path.display()))?;
        let cp: Checkpoint = serde_json::from_str(&text).map_err(|e| format!("`{}` is not a vecrun checkpoint: {e}", path.display()))?;
        if cp.version != CHECKPOINT_VERSION {
            return Err(format!("`{}` is checkpoint format {}; this vecrun reads format {CHECKPOINT_VERSION}", path.display(), cp.version));
        }
        Ok(cp)
    }
    pub fn write(&self, path: &std::path::Path) -> std::io::Result<()> {
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        crate::output::write_atomic(path, &json)
    }
}

/// Why a run stopped before the end of its plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    Budget,
    Interrupted,
}

/// What the loop tells its caller as it goes.
pub enum Event<'a> {
    /// After each batch.
    Progress { done: u64, total: u64, failures: u64, elapsed: f64, burn_fraction: f64, throttled: bool },
    /// New counterexamples of property `property` (in index order, never repeated).
    Failures { property: usize, failures: &'a [Failure] },
    /// A budget reached 80%.
    Warning(String),
    /// A checkpoint was written.
    Checkpointed(&'a std::path::Path),
}

/// Settings of a session.
pub struct SessionConfig {
    pub capacity: usize,
    pub budget: BudgetLimits,
    pub checkpoint_path: Option<PathBuf>,
    pub checkpoint_every: Duration,
    /// Set (e.g. by a signal handler) to stop after the current batch with a checkpoint.
    pub stop: Arc<AtomicBool>,
}

/// A run in progress (fresh or resumed).
pub struct Session {
    pub checkpoint: Checkpoint,
    config: SessionConfig,
    /// Failures already reported through [`Event::Failures`], per property.
    reported: Vec<usize>,
}

/// The result of a session.
pub struct SessionEnd {
    pub stopped: Option<Stop>,
    pub checkpoint: Checkpoint,
}

impl Session {
    /// `checkpoint` is a fresh one (position 0, empty stats) or one read back for `--resume`.
    pub fn new(checkpoint: Checkpoint, config: SessionConfig) -> Session {
        // On resume, the failures in the checkpoint have already been handed out once; they are
        // handed out again so a resumed run writes complete outputs.
        let reported = vec![0; checkpoint.stats.len()];
        Session { checkpoint, config, reported }
    }

    fn total(&self) -> u64 {
        self.checkpoint.ranges.iter().map(|r| r.end - r.start).sum()
    }

    fn save(&mut self, state: &str, elapsed: f64, on_event: &mut dyn FnMut(Event)) -> Result<(), BackendError> {
        self.checkpoint.elapsed_seconds = elapsed;
        self.checkpoint.state = state.to_string();
        self.checkpoint.written_at = crate::output::now_rfc3339();
        if let Some(path) = self.config.checkpoint_path.clone() {
            self.checkpoint.write(&path).map_err(|e| BackendError::Device(format!("cannot write checkpoint `{}`: {e}", path.display())))?;
            on_event(Event::Checkpointed(&path));
        }
        Ok(())
    }

    fn hand_out(&mut self, on_event: &mut dyn FnMut(Event)) {
        for (p, st) in self.checkpoint.stats.iter().enumerate() {
            let from = self.reported[p];
            if st.failures.len() > from {
                on_event(Event::Failures { property: p, failures: &st.failures[from..] });
                self.reported[p] = st.failures.len();
            }
        }
    }

    /// Runs to the end of the plan, a budget, or a stop request.
    pub fn run(
        mut self,
        program: &Program,
        backend: &mut dyn Backend,
        on_event: &mut dyn FnMut(Event),
    ) -> Result<SessionEnd, BackendError> {
        let _span = tracing::info_span!("run", backend = backend.name()).entered();
        let base_elapsed = self.checkpoint.elapsed_seconds;
        let start = Instant::now();
        let elapsed = |s: &Instant| base_elapsed + s.elapsed().as_secs_f64();
        let mut last_checkpoint = Instant::now();
        let full_batch = backend.batch_size().max(1);
        let total = self.total();
        let cap = self.config.capacity;
        if self.checkpoint.stats.len() != program.properties.len() {
            self.checkpoint.stats = program.properties.iter().map(PropertyStats::new).collect();
        }
        self.hand_out(on_event);
        let mut stopped = None;
        'ranges: while self.checkpoint.position.range < self.checkpoint.ranges.len() {
            let range = self.checkpoint.ranges[self.checkpoint.position.range].clone();
            let mut at = self.checkpoint.position.next.max(range.start);
            while at < range.end {
                if self.config.stop.load(Ordering::SeqCst) {
                    stopped = Some(Stop::Interrupted);
                    break 'ranges;
                }
                let now = elapsed(&start);
                let fraction = self.config.budget.fraction(now);
                if fraction >= 1.0 {
                    stopped = Some(Stop::Budget);
                    break 'ranges;
                }
                if fraction >= WARN_FRACTION && !self.checkpoint.throttled {
                    self.checkpoint.throttled = true;
                    on_event(Event::Warning(format!(
                        "{:.0}% of the budget used after {:.1} s: throttling (batches 4x smaller) and writing a checkpoint",
                        fraction * 100.0,
                        now
                    )));
                    self.save("running", now, on_event)?;
                    last_checkpoint = Instant::now();
                }
                let batch = if self.checkpoint.throttled { (full_batch / 4).max(1) } else { full_batch };
                // Near a time or money limit, keep batches short enough to stop close to it.
                let end = range.end.min(at.saturating_add(batch));
                let part = {
                    let _s = tracing::debug_span!("batch", phase = range.phase.name(), start = at, end).entered();
                    backend.run_range(range.phase, at, end, cap)?
                };
                for (s, x) in self.checkpoint.stats.iter_mut().zip(&part) {
                    s.merge(x, cap);
                }
                self.checkpoint.divergences.extend(backend.take_divergences());
                self.checkpoint.vectors_done += end - at;
                at = end;
                self.checkpoint.position.next = at;
                self.hand_out(on_event);
                let failures = self.checkpoint.stats.iter().map(|s| s.failed).sum();
                on_event(Event::Progress {
                    done: self.checkpoint.vectors_done,
                    total,
                    failures,
                    elapsed: elapsed(&start),
                    burn_fraction: self.config.budget.fraction(elapsed(&start)),
                    throttled: self.checkpoint.throttled,
                });
                if last_checkpoint.elapsed() >= self.config.checkpoint_every {
                    self.save("running", elapsed(&start), on_event)?;
                    last_checkpoint = Instant::now();
                }
            }
            self.checkpoint.position = Position { range: self.checkpoint.position.range + 1, next: 0 };
        }
        let state = match stopped {
            None => "finished",
            Some(Stop::Budget) => "budget-exhausted",
            Some(Stop::Interrupted) => "interrupted",
        };
        self.save(state, elapsed(&start), on_event)?;
        Ok(SessionEnd { stopped, checkpoint: self.checkpoint })
    }
}

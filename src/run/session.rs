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
pub const CHECKPOINT_VERSION: u32 = 2;

/// Fraction of a budget at which the run warns, checkpoints and throttles.
pub const WARN_FRACTION: f64 = 0.8;

/// Seconds one batch should take. Batches are sized by measured time, not by a vector count, so a
/// stop request, a budget and a checkpoint interval are honoured within about a second whatever a
/// property costs per vector.
pub const BATCH_SECONDS: f64 = 0.25;

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
    /// The whole plan, before sharding: every shard of one run has the same.
    pub plan: Vec<PhaseRange>,
    /// This process's part of the plan (the whole plan when not sharded).
    pub ranges: Vec<PhaseRange>,
    pub exhaustive: bool,
    pub properties: Vec<String>,
    pub position: Position,
    pub stats: Vec<PropertyStats>,
    pub divergences: Vec<Divergence>,
    pub vectors_done: u64,
    pub elapsed_seconds: f64,
    pub throttled: bool,
    /// The run's time and money limits, applied again on resume unless a flag replaces them.
    #[serde(default)]
    pub budget: BudgetLimits,
    /// Failing vectors kept per property (`--capacity`), applied again on resume.
    #[serde(default)]
    pub capacity: Option<usize>,
    pub started_at: String,
    pub written_at: String,
    /// `running`, `interrupted`, `budget-exhausted` or `finished`.
    pub state: String,
}

impl Checkpoint {
    pub fn read(path: &std::path::Path) -> Result<Checkpoint, String> {
        let text = crate::fsio::read_text_limited(path, crate::fsio::MAX_JSON_BYTES).map_err(|e| format!("cannot read checkpoint: {e}"))?;
        #[derive(Deserialize)]
        struct VersionOnly {
            version: u32,
        }
        let version: VersionOnly =
            serde_json::from_str(&text).map_err(|e| format!("`{}` is not a vecrun checkpoint: {e}", path.display()))?;
        if version.version != CHECKPOINT_VERSION {
            return Err(format!(
                "`{}` is checkpoint format {}; this vecrun reads format {CHECKPOINT_VERSION}",
                path.display(),
                version.version
            ));
        }
        let cp: Checkpoint = serde_json::from_str(&text).map_err(|e| format!("`{}` is not a vecrun checkpoint: {e}", path.display()))?;
        cp.validate().map_err(|e| format!("`{}` is not a valid vecrun checkpoint: {e}", path.display()))?;
        Ok(cp)
    }

    /// Checks what the JSON types cannot: a well-formed spec hash, a shard inside its count, one
    /// stats entry per property, counts that add up, failures with known outcome tags, a position
    /// inside the ranges and ranges inside the plan.
    pub fn validate(&self) -> Result<(), String> {
        if self.spec_hash.len() != 64 || !self.spec_hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("its spec hash is not 64 hexadecimal digits".into());
        }
        if let Some((k, n)) = self.shard
            && (n == 0 || k >= n)
        {
            return Err(format!("its shard {k} of {n} is out of range"));
        }
        if self.stats.len() != self.properties.len() {
            return Err(format!("it has {} stats entries for {} properties", self.stats.len(), self.properties.len()));
        }
        for (name, st) in self.properties.iter().zip(&self.stats) {
            let sum = st.passed.checked_add(st.failed).and_then(|x| x.checked_add(st.discarded));
            if sum != Some(st.evaluated) {
                return Err(format!("property `{}`: passed + failed + discarded is not the evaluated count", crate::fsio::printable(name)));
            }
            for f in &st.failures {
                match crate::ir::Outcome::try_decode(f.outcome) {
                    Some(o) if o.is_failure() => {}
                    _ => {
                        return Err(format!(
                            "property `{}`: a failure has the unknown outcome code {:#x}",
                            crate::fsio::printable(name),
                            f.outcome
                        ));
                    }
                }
            }
            if st.failures.len() as u64 > st.failed {
                return Err(format!("property `{}` lists more failures than it counts", crate::fsio::printable(name)));
            }
        }
        for r in self.ranges.iter().chain(&self.plan) {
            if r.start > r.end {
                return Err(format!("a {} range starts after its end", r.phase.name()));
            }
        }
        if self.position.range > self.ranges.len() {
            return Err("its position is past its ranges".into());
        }
        if !matches!(self.state.as_str(), "running" | "interrupted" | "budget-exhausted" | "finished" | "incomplete") {
            return Err(format!("unknown state `{}`", crate::fsio::printable(&self.state)));
        }
        Ok(())
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

/// The next batch size after a batch of `size` vectors took `took` seconds: aiming at
/// [`BATCH_SECONDS`], at most doubling, never below `granule` or above `max`.
pub fn next_batch_size(size: u64, took: f64, granule: u64, max: u64) -> u64 {
    let target = if took <= 0.0 { 2.0 } else { (BATCH_SECONDS / took).clamp(0.05, 2.0) };
    let next = (size as f64 * target) as u64;
    let next = next / granule * granule;
    next.clamp(granule, max.max(granule))
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
        let full_batch = backend.batch_size().max(1);
        let granule = backend.granule().clamp(1, full_batch);
        // Start small and grow while batches are quick: the first batch of a property with a long
        // loop must not take minutes.
        let mut batch_size = granule;
        let total = self.total();
        let cap = self.config.capacity;
        if self.checkpoint.stats.len() != program.properties.len() {
            self.checkpoint.stats = program.properties.iter().map(PropertyStats::new).collect();
        }
        self.hand_out(on_event);
        // A checkpoint from the start: a kill before the first interval still leaves one to resume.
        self.save("running", elapsed(&start), on_event)?;
        let mut last_checkpoint = Instant::now();
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
                let batch = if self.checkpoint.throttled { (batch_size / 4).max(granule) } else { batch_size };
                let end = range.end.min(at.saturating_add(batch));
                let batch_start = Instant::now();
                let part = {
                    let _s = tracing::debug_span!("batch", phase = range.phase.name(), start = at, end).entered();
                    backend.run_range(range.phase, at, end, cap)?
                };
                // Size the next batch from this one's measured time (results do not depend on it).
                let took = batch_start.elapsed().as_secs_f64();
                if end - at == batch {
                    // The backend's own limit may grow as it learns the device (GPU dispatches).
                    batch_size = next_batch_size(batch_size, took, granule, backend.batch_size().max(full_batch));
                }
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

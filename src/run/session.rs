//! An unattended run: the batch loop with budgets (warn and throttle at 80%, stop at 100%),
//! checkpoints (periodic, at 80%, on stop and on SIGINT/SIGTERM) and resume, over a shard's index
//! ranges. Deterministic: the counts and counterexamples do not depend on batch sizes, thread
//! counts, interruptions or resumes.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::drive;
use super::{Backend, BackendError, Divergence, Failure, PropertyStats, RangeStats};
use crate::ir::Program;
use crate::output::model::{PhaseRange, RunHeader, RunState};

/// Version of the checkpoint format.
pub const CHECKPOINT_VERSION: u32 = 2;

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

/// Why a checkpoint cannot be read back.
#[derive(Debug, thiserror::Error)]
pub enum CheckpointError {
    #[error("cannot read checkpoint: {0}")]
    Read(crate::fsio::ReadError),
    #[error("`{}` is not a vecrun checkpoint: {source}", path.display())]
    NotJson { path: PathBuf, source: serde_json::Error },
    #[error("`{}` is checkpoint format {found}; this vecrun reads format {CHECKPOINT_VERSION}", path.display())]
    Version { path: PathBuf, found: u32 },
    #[error("`{}` is not a valid vecrun checkpoint: {defect}", path.display())]
    Invalid { path: PathBuf, defect: CheckpointDefect },
}

/// What is wrong with a checkpoint that parses: counts that do not add up, a shard out of range...
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CheckpointDefect(pub String);

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
    /// With per-property inputs, each input space's own plan (`PhasePlan::groups`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<crate::run::GroupPlan>,
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
    pub state: RunState,
}

impl Checkpoint {
    /// The checkpoint of a run starting now: nothing evaluated, at the start of its first range.
    pub fn start(
        header: &RunHeader,
        plan: Vec<PhaseRange>,
        ranges: Vec<PhaseRange>,
        program: &Program,
        budget: BudgetLimits,
        capacity: usize,
    ) -> Checkpoint {
        Checkpoint {
            version: CHECKPOINT_VERSION,
            run_id: header.run_id.clone(),
            spec_hash: header.spec_hash.clone(),
            seed: header.seed,
            generator_version: header.generator_version,
            shard: header.shard,
            plan,
            ranges,
            exhaustive: header.exhaustive,
            groups: Vec::new(),
            properties: header.properties.clone(),
            position: Position::default(),
            stats: program.properties.iter().map(PropertyStats::new).collect(),
            divergences: Vec::new(),
            vectors_done: 0,
            elapsed_seconds: 0.0,
            throttled: false,
            budget,
            capacity: Some(capacity),
            started_at: header.started_at.clone(),
            written_at: String::new(),
            state: RunState::Running,
        }
    }

    /// The header of the run this checkpoint continues (the spec's name, version and path are
    /// not in a checkpoint: they come from the spec being resumed).
    pub fn header(&self, spec: &crate::check::TypedSpec, spec_path: &std::path::Path) -> RunHeader {
        RunHeader {
            run_id: self.run_id.clone(),
            spec_name: spec.header.name.clone(),
            spec_version: spec.header.version.clone(),
            spec_hash: self.spec_hash.clone(),
            spec_path: spec_path.display().to_string(),
            generator_version: self.generator_version,
            seed: self.seed,
            shard: self.shard,
            exhaustive: self.exhaustive,
            properties: self.properties.clone(),
            started_at: self.started_at.clone(),
        }
    }

    pub fn read(path: &std::path::Path) -> Result<Checkpoint, CheckpointError> {
        let text = crate::fsio::read_text_limited(path, crate::fsio::MAX_JSON_BYTES).map_err(CheckpointError::Read)?;
        #[derive(Deserialize)]
        struct VersionOnly {
            version: u32,
        }
        let not_json = |source| CheckpointError::NotJson { path: path.to_path_buf(), source };
        let version: VersionOnly = serde_json::from_str(&text).map_err(not_json)?;
        if version.version != CHECKPOINT_VERSION {
            return Err(CheckpointError::Version { path: path.to_path_buf(), found: version.version });
        }
        let cp: Checkpoint = serde_json::from_str(&text).map_err(not_json)?;
        cp.validate().map_err(|defect| CheckpointError::Invalid { path: path.to_path_buf(), defect })?;
        Ok(cp)
    }

    /// Checks what the JSON types cannot: a well-formed spec hash, a shard inside its count, one
    /// stats entry per property, counts that add up, failures with known outcome tags, a position
    /// inside the ranges and ranges inside the plan.
    pub fn validate(&self) -> Result<(), CheckpointDefect> {
        if self.spec_hash.len() != 64 || !self.spec_hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(CheckpointDefect("its spec hash is not 64 hexadecimal digits".into()));
        }
        if let Some((k, n)) = self.shard
            && (n == 0 || k >= n)
        {
            return Err(CheckpointDefect(format!("its shard {k} of {n} is out of range")));
        }
        if self.stats.len() != self.properties.len() {
            return Err(CheckpointDefect(format!("it has {} stats entries for {} properties", self.stats.len(), self.properties.len())));
        }
        for (name, st) in self.properties.iter().zip(&self.stats) {
            let sum = st.passed.checked_add(st.failed).and_then(|x| x.checked_add(st.discarded));
            if sum != Some(st.evaluated) {
                return Err(CheckpointDefect(format!(
                    "property `{}`: passed + failed + discarded is not the evaluated count",
                    crate::fsio::printable(name)
                )));
            }
            for f in &st.failures {
                match crate::ir::Outcome::try_decode(f.outcome) {
                    Some(o) if o.is_failure() => {}
                    _ => {
                        return Err(CheckpointDefect(format!(
                            "property `{}`: a failure has the unknown outcome code {:#x}",
                            crate::fsio::printable(name),
                            f.outcome
                        )));
                    }
                }
            }
            if st.failures.len() as u64 > st.failed {
                return Err(CheckpointDefect(format!("property `{}` lists more failures than it counts", crate::fsio::printable(name))));
            }
        }
        for r in self.ranges.iter().chain(&self.plan) {
            if r.start > r.end {
                return Err(CheckpointDefect(format!("a {} range starts after its end", r.phase.name())));
            }
        }
        // Per-property input spaces: each phase of the plan is exactly its spaces' parts, and every
        // property is in one space.
        if !self.groups.is_empty() {
            for r in &self.plan {
                let mut parts = self.groups.iter().flat_map(|g| g.phases.iter().filter(|(p, _)| *p == r.phase).map(|(_, n)| *n));
                if parts.try_fold(0u64, |a, n| a.checked_add(n)) != Some(r.end - r.start) {
                    return Err(CheckpointDefect(format!("its {} phase is not the sum of its input spaces' parts", r.phase.name())));
                }
            }
            let listed = |name: &String| self.groups.iter().filter(|g| g.properties.contains(name)).count();
            if let Some(p) = self.properties.iter().find(|p| listed(p) != 1) {
                return Err(CheckpointDefect(format!("property `{}` is not in exactly one input space", crate::fsio::printable(p))));
            }
        }
        if self.position.range > self.ranges.len() {
            return Err(CheckpointDefect("its position is past its ranges".into()));
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

/// Why a session could not go on.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Backend(#[from] BackendError),
    #[error("cannot write checkpoint `{}`: {source}", path.display())]
    Checkpoint { path: PathBuf, source: std::io::Error },
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

    fn save(&mut self, state: RunState, elapsed: f64, on_event: &mut dyn FnMut(Event)) -> Result<(), SessionError> {
        self.checkpoint.elapsed_seconds = elapsed;
        self.checkpoint.state = state;
        self.checkpoint.written_at = crate::output::now_rfc3339();
        if let Some(path) = self.config.checkpoint_path.clone() {
            self.checkpoint.write(&path).map_err(|source| SessionError::Checkpoint { path: path.clone(), source })?;
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
    ) -> Result<SessionEnd, SessionError> {
        let _span = tracing::info_span!("run", backend = backend.name()).entered();
        if self.checkpoint.stats.len() != program.properties.len() {
            self.checkpoint.stats = program.properties.iter().map(PropertyStats::new).collect();
        }
        self.hand_out(on_event);
        let clock = Clock { base: self.checkpoint.elapsed_seconds, start: Instant::now() };
        // A checkpoint from the start: a kill before the first interval still leaves one to resume.
        self.save(RunState::Running, clock.elapsed(), on_event)?;
        let ranges = self.checkpoint.ranges.clone();
        let from = drive::From { range: self.checkpoint.position.range, next: self.checkpoint.position.next };
        let cap = self.config.capacity;
        let total = self.total();
        // A stop requested before the loop (during the solver phase, say) stops it even when no
        // batch is left to run.
        let stop_first = self.config.stop.load(Ordering::SeqCst);
        let mut hooks = SessionHooks { session: &mut self, on_event, clock, total, last_checkpoint: Instant::now(), error: None };
        let driven = if stop_first {
            Ok(Some(Stop::Interrupted))
        } else {
            drive::drive(backend, &ranges, from, cap, drive::Sizing::Timed, &mut hooks)
        };
        if let Some(e) = hooks.error.take() {
            return Err(e);
        }
        let stopped = match driven {
            Ok(s) => s,
            Err(e) => {
                // A backend that fails (a device lost, an implementation that breaks the protocol)
                // leaves a checkpoint at the last merged batch: `--resume` loses nothing.
                let _ = self.save(RunState::Interrupted, clock.elapsed(), on_event);
                return Err(e.into());
            }
        };
        let state = match stopped {
            None => RunState::Finished,
            Some(Stop::Budget) => RunState::BudgetExhausted,
            Some(Stop::Interrupted) => RunState::Interrupted,
        };
        self.save(state, clock.elapsed(), on_event)?;
        Ok(SessionEnd { stopped, checkpoint: self.checkpoint })
    }
}

/// Seconds of the run so far, the resumed part included.
#[derive(Clone, Copy)]
struct Clock {
    base: f64,
    start: Instant,
}

impl Clock {
    fn elapsed(&self) -> f64 {
        self.base + self.start.elapsed().as_secs_f64()
    }
}

/// The session's side of the batch loop: stop requests, budgets, merging, checkpoints, events.
struct SessionHooks<'s, 'e> {
    session: &'s mut Session,
    on_event: &'e mut dyn FnMut(Event),
    clock: Clock,
    total: u64,
    last_checkpoint: Instant,
    /// A checkpoint that could not be written (the loop's own error type is the backend's).
    error: Option<SessionError>,
}

impl SessionHooks<'_, '_> {
    fn save(&mut self, state: RunState) -> ControlFlow<Stop> {
        match self.session.save(state, self.clock.elapsed(), &mut *self.on_event) {
            Ok(()) => {
                self.last_checkpoint = Instant::now();
                ControlFlow::Continue(())
            }
            Err(e) => {
                self.error = Some(e);
                ControlFlow::Break(Stop::Interrupted)
            }
        }
    }
}

impl drive::Hooks<Stop> for SessionHooks<'_, '_> {
    fn before_batch(&mut self) -> ControlFlow<Stop> {
        if self.session.config.stop.load(Ordering::SeqCst) {
            return ControlFlow::Break(Stop::Interrupted);
        }
        let now = self.clock.elapsed();
        let fraction = self.session.config.budget.fraction(now);
        if fraction >= 1.0 {
            return ControlFlow::Break(Stop::Budget);
        }
        if fraction >= WARN_FRACTION && !self.session.checkpoint.throttled {
            self.session.checkpoint.throttled = true;
            (self.on_event)(Event::Warning(format!(
                "{:.0}% of the budget used after {:.1} s: throttling (batches 4x smaller) and writing a checkpoint",
                fraction * 100.0,
                now
            )));
            self.save(RunState::Running)?;
        }
        ControlFlow::Continue(())
    }

    fn throttle(&self) -> u64 {
        if self.session.checkpoint.throttled { 4 } else { 1 }
    }

    fn after_batch(
        &mut self,
        batch: drive::Batch,
        stats: RangeStats,
        divergences: Vec<Divergence>,
    ) -> Result<ControlFlow<Stop>, BackendError> {
        let cap = self.session.config.capacity;
        let cp = &mut self.session.checkpoint;
        for (s, x) in cp.stats.iter_mut().zip(&stats) {
            s.merge(x, cap);
        }
        cp.divergences.extend(divergences);
        cp.vectors_done += batch.end - batch.start;
        cp.position = Position { range: batch.range, next: batch.end };
        self.session.hand_out(&mut *self.on_event);
        let cp = &self.session.checkpoint;
        let elapsed = self.clock.elapsed();
        (self.on_event)(Event::Progress {
            done: cp.vectors_done,
            total: self.total,
            failures: cp.stats.iter().map(|s| s.failed).sum(),
            elapsed,
            burn_fraction: self.session.config.budget.fraction(elapsed),
            throttled: cp.throttled,
        });
        if self.last_checkpoint.elapsed() >= self.session.config.checkpoint_every {
            return Ok(self.save(RunState::Running));
        }
        Ok(ControlFlow::Continue(()))
    }

    fn range_done(&mut self, range: usize) {
        self.session.checkpoint.position = Position { range: range + 1, next: 0 };
    }
}

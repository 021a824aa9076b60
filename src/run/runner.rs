//! A whole `vecrun run` as one library value: [`Target`] (the program and generator of a spec,
//! with the checkpoint it resumes), [`Run`] (the plan, shard, budget, capacity and output directory)
//! and [`Run::execute`], which replays `SPEC.regressions`, evaluates a `--dataset`, drives the
//! session with budgets and checkpoints while counterexamples shrink on another thread, and returns
//! the [`RunOutcome`]. The CLI resolves flags into [`RunSettings`], calls these and prints; it
//! never decides anything a run does.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use super::backends::{self, BackendNote, BackendRequest, SelectError};
use super::session::{self, BudgetLimits, Checkpoint, Session, SessionConfig, SessionError, Stop};
use super::shard::Shard;
use super::{Backend, BackendError, Divergence, Failure, Phase, PhasePlan, RunResult, Space, Verdict};
use crate::check::TypedSpec;
use crate::cpu::CpuBackend;
use crate::fsio::printable;
use crate::ir::{self, Outcome, Program};
use crate::output::model::{Counterexample, Manifest, Reason, RunHeader, RunStatus, SolverRecord, Source};
use crate::output::parquet;

/// Failing vectors kept per property unless `--capacity` (or the resumed run) says otherwise.
pub const DEFAULT_CAPACITY: usize = 1000;

/// Everything a run is asked to do, resolved by the caller from flags, environment and defaults
/// (the spec's own header is applied here, after the flags).
#[derive(Clone, Debug)]
pub struct RunSettings {
    /// The spec's path: names the run in messages, locates `SPEC.regressions` and the history.
    pub spec_path: PathBuf,
    /// Properties to run (empty: all, or on resume the checkpoint's).
    pub properties: Vec<String>,
    pub seed: Option<u64>,
    pub vectors: Option<u64>,
    pub exhaustive: bool,
    /// `--shard K/N`.
    pub shard: Option<Shard>,
    /// The shard a job engine's environment gives, used when there is no `--shard` and no resume.
    pub env_shard: Option<Shard>,
    /// Continue the run whose output directory (and checkpoint) this is.
    pub resume: Option<PathBuf>,
    pub out: Option<PathBuf>,
    pub capacity: Option<usize>,
    /// Limits given on the command line (each one replaces the resumed run's and the spec's).
    pub budget: BudgetLimits,
    pub checkpoint_every: Duration,
    pub shrink_steps: u32,
    /// Seconds of shrinking in all (time spent shrinking only).
    pub shrink_seconds: f64,
    pub backend: BackendRequest,
    /// Recorded vectors to evaluate too (`--dataset`).
    pub dataset: Option<PathBuf>,
    /// Run the solver phase first, with this solver (`--solver`).
    pub solver: Option<crate::solver::SolverOptions>,
    /// Implementations of the spec's extern fns (`--impl`).
    pub impls: Vec<crate::impls::BindingSpec>,
    /// How long one call of an implementation may take (`--impl-timeout`).
    pub impl_timeout: Duration,
}

/// Why a resumed run cannot continue as asked.
#[derive(Debug, thiserror::Error)]
pub enum ResumeConflict {
    #[error("the spec changed since the checkpoint was written (checkpoint hash {checkpoint}, spec hash {spec}); start a new run")]
    SpecChanged { checkpoint: String, spec: String },
    #[error("the checkpoint used generator version {checkpoint}, this vecrun has {ours}")]
    GeneratorVersion { checkpoint: u32, ours: u32 },
    #[error("the checkpoint ran properties {checkpoint:?}, this command selects {selected:?}")]
    Properties { checkpoint: Vec<String>, selected: Vec<String> },
    #[error("the checkpoint's counts do not match the spec's asserts, assumes and covers (a damaged checkpoint)")]
    Damaged,
    #[error("cannot resume with --seed {asked}: the checkpoint's run uses seed {recorded}; drop --seed (a resumed run keeps its seed)")]
    Seed { asked: u64, recorded: u64 },
    #[error("cannot resume with --shard {}/{}: the checkpoint's run is {}; drop --shard (a resumed run keeps its shard)", asked.index, asked.count, recorded.map(|r| format!("shard {}/{}", r.index, r.count)).unwrap_or_else(|| "not sharded".into()))]
    Shard { asked: Shard, recorded: Option<Shard> },
    #[error("cannot resume with {flag}: the checkpoint's plan is {total} vectors ({phases}); drop the flag (a resumed run keeps its plan)")]
    Plan { flag: String, total: u64, phases: String },
    #[error("cannot resume with --capacity {asked}: the checkpoint's run keeps {recorded} failing vectors per property; drop --capacity")]
    Capacity { asked: usize, recorded: usize },
}

/// Why a run could not start or go on. Every message is complete: the CLI prints `error: {e}`.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("no property named `{name}` in {} (it has: {})", spec.display(), available.join(", "))]
    NoSuchProperty { name: String, spec: PathBuf, available: Vec<String> },
    #[error("{} has no properties to run", spec.display())]
    NoProperties { spec: PathBuf },
    #[error("{0}")]
    ReadCheckpoint(#[from] session::CheckpointError),
    /// Resume conflicts that name the flag already say "cannot resume with ..."; the others get
    /// the prefix here.
    #[error("{}", match .0 { ResumeConflict::Seed { .. } | ResumeConflict::Shard { .. } | ResumeConflict::Plan { .. } | ResumeConflict::Capacity { .. } => .0.to_string(), other => format!("cannot resume: {other}") })]
    Resume(#[from] ResumeConflict),
    #[error("--exhaustive: the input space of {} has more than 2^64 - 1 vectors and cannot be enumerated; drop --exhaustive to sample it", spec.display())]
    NotEnumerable { spec: PathBuf },
    #[error("--index {index} is out of range: {what}")]
    IndexOutOfRange { index: u64, what: String },
    #[error("--vectors 0 checks nothing: give a positive --vectors, or recorded vectors with --dataset FILE.parquet")]
    NothingToCheck,
    #[error("cannot create output directory `{}`: {source}", path.display())]
    CreateOutDir { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Lock(#[from] crate::output::LockError),
    #[error("cannot write checkpoint `{}`: {source}", path.display())]
    WriteCheckpoint { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Backend(#[from] BackendError),
    #[error(transparent)]
    Select(#[from] SelectError),
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error(transparent)]
    Regressions(#[from] crate::output::regressions::RegressionError),
    #[error(transparent)]
    Dataset(#[from] crate::dataset::DatasetError),
    #[error(transparent)]
    Parquet(#[from] parquet::ParquetOutputError),
    #[error(transparent)]
    Write(#[from] crate::output::WriteError),
    #[error(transparent)]
    Output(#[from] crate::output::results::OutputError),
    #[error("internal error: the shrinking thread stopped ({0})")]
    Shrinker(String),
    #[error("solver: {0}")]
    Solver(#[from] crate::solver::SolverError),
    #[error(transparent)]
    Bind(#[from] crate::impls::BindError),
}

/// What a run tells its caller as it goes (besides the session's own events).
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    Backend(BackendNote),
    Resuming {
        run_id: String,
        done: u64,
        total: u64,
    },
    RegressionStillFailing {
        property: String,
        phase: String,
        index: u64,
        location: String,
        message: String,
    },
    RegressionNotApplicable {
        property: String,
        phase: String,
        index: u64,
        why: String,
    },
    RegressionsReplayed {
        path: PathBuf,
        total: usize,
        still: usize,
        fixed: usize,
        not_applicable: usize,
    },
    DatasetProperty {
        path: PathBuf,
        rows: u64,
        property: String,
        failed: u64,
        discarded: u64,
    },
    /// A property with inputs of its own that the dataset has no columns for: not run on it.
    DatasetSkipped {
        path: PathBuf,
        property: String,
        columns: Vec<String>,
    },
    DatasetRow {
        row: u64,
        property: String,
        location: String,
        message: String,
    },
    /// One solver goal answered.
    Solver(SolverRecord),
    /// The symbolic edge cases: vectors built to reach each branch outcome and cover, and how
    /// many of them fail some property.
    SymbolicEdges {
        vectors: usize,
        failing: usize,
    },
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Note::Backend(b) => write!(f, "{b}"),
            Note::Resuming { run_id, done, total } => write!(f, "resuming run {run_id} at {done} of {total} vectors"),
            Note::RegressionStillFailing { property, phase, index, location, message } => {
                write!(f, "regression still failing: {property} ({phase} #{index}) at {location}: {message}")
            }
            Note::RegressionNotApplicable { property, phase, index, why } => {
                write!(f, "regression not applicable: {property} ({phase} #{index}): {why}")
            }
            Note::RegressionsReplayed { path, total, still, fixed, not_applicable } => write!(
                f,
                "replayed {total} regressions from {}: {still} still failing, {fixed} fixed, {not_applicable} not applicable",
                path.display()
            ),
            Note::DatasetProperty { path, rows, property, failed, discarded } => {
                write!(f, "dataset {}: {rows} rows, {property}: {failed} failed, {discarded} discarded", path.display())
            }
            Note::DatasetSkipped { path, property, columns } => write!(
                f,
                "dataset {}: {property} not evaluated (its inputs {} have no column)",
                path.display(),
                columns.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
            ),
            Note::DatasetRow { row, property, location, message } => {
                write!(f, "dataset row {row} fails {property} at {location}: {message}")
            }
            Note::SymbolicEdges { vectors, failing } => write!(
                f,
                "symbolic edge cases: {vectors} vector{} reaching branches and covers, {failing} failing",
                if *vectors == 1 { "" } else { "s" }
            ),
            Note::Solver(r) => {
                write!(f, "solver: {} {}: {} ({:.2} s)", r.property, r.site, r.result, r.seconds)?;
                match &r.reason {
                    Some(why) => write!(f, ": {why}"),
                    None => Ok(()),
                }
            }
        }
    }
}

/// Events of a run, in order.
pub enum RunEvent<'a> {
    Note(Note),
    Session(session::Event<'a>),
}

/// The program and generator a run evaluates, and the checkpoint it continues (if any): what
/// `--index` needs, and the first half of a [`Run`].
pub struct Target {
    pub spec: TypedSpec,
    /// The selected properties only.
    pub program: Program,
    /// The program's input spaces (one unless properties have inputs of their own), each with
    /// the generator that names its vectors.
    pub space: Space,
    pub seed: u64,
    /// The checkpoint of a resumed run, checked against this spec and these flags.
    pub resumed: Option<Checkpoint>,
    /// The compiled CPU backend (the engine, the fallback and the reference of every GPU), with
    /// the implementations of the extern fns bound.
    pub cpu: CpuBackend,
    /// The implementations bound to the program's extern fns (empty when it calls none).
    pub bindings: Arc<crate::impls::Bindings>,
    /// With several input spaces, the CPU backend of each group's program (empty otherwise).
    pub cpus: Vec<CpuBackend>,
}

impl Target {
    /// Lowers `spec`, reads and checks the checkpoint of `--resume`, selects the properties and
    /// builds the generator and the CPU program.
    pub fn new(spec: TypedSpec, settings: &RunSettings) -> Result<Target, RunError> {
        let mut program = {
            let _s = tracing::info_span!("compile").entered();
            ir::lower(&spec)
        };
        let resumed = match &settings.resume {
            Some(dir) => Some(Checkpoint::read(&dir.join("checkpoint.json"))?),
            None => None,
        };
        // A resumed run without --property continues with the properties its checkpoint ran.
        let selected: Vec<String> = match (&resumed, settings.properties.is_empty()) {
            (Some(cp), true) => cp.properties.clone(),
            _ => settings.properties.clone(),
        };
        if !selected.is_empty() {
            if let Some(name) = selected.iter().find(|n| !program.properties.iter().any(|p| &p.name == *n)) {
                return Err(RunError::NoSuchProperty {
                    name: name.clone(),
                    spec: settings.spec_path.clone(),
                    available: program.properties.iter().map(|p| p.name.clone()).collect(),
                });
            }
            program.properties.retain(|p| selected.contains(&p.name));
        }
        if program.properties.is_empty() {
            return Err(RunError::NoProperties { spec: settings.spec_path.clone() });
        }
        if let Some(cp) = &resumed {
            check_resume(cp, &spec, &program, settings)?;
        }
        let seed = resumed.as_ref().map(|c| c.seed).unwrap_or(settings.seed.unwrap_or(0));
        let space = Space::new(&program, seed, spec.input_hash);
        let bindings = Arc::new(crate::impls::Bindings::bind(&program, &settings.impls, settings.impl_timeout)?);
        let (threads, engine) = (settings.backend.threads, settings.backend.cpu_engine);
        let with_bindings = |c: CpuBackend| if bindings.is_empty() { c } else { c.with_bindings(bindings.clone()) };
        let cpu = with_bindings(backends::cpu(&program, &space.groups[0].generator, threads, engine)?);
        let mut cpus = Vec::new();
        if !space.is_single() {
            for g in &space.groups {
                cpus.push(with_bindings(backends::cpu(&g.program, &g.generator, threads, engine)?));
            }
        }
        if settings.exhaustive && !space.enumerable() {
            return Err(RunError::NotEnumerable { spec: settings.spec_path.clone() });
        }
        Ok(Target { spec, program, space, seed, resumed, cpu, bindings, cpus })
    }

    /// The slot values of vector `index` of `phase` of group `group`'s space, checked against the
    /// phase's size.
    pub fn vector(&self, group: usize, phase: Phase, index: u64) -> Result<Vec<u32>, RunError> {
        let generator = &self.space.groups[group].generator;
        let size = match phase {
            Phase::Edge => Some(generator.edge.len()),
            Phase::Exhaustive => Some(generator.space().unwrap_or(0)),
            Phase::Random => None,
        };
        if let Some(size) = size.filter(|n| index >= *n) {
            let what = match (phase, size) {
                (Phase::Exhaustive, 0) => "this spec has no exhaustive phase (its input space does not fit in 2^64 vectors)".to_string(),
                _ => format!("the {} phase of this spec has {size} vectors (indices 0 to {})", phase.name(), size.saturating_sub(1)),
            };
            return Err(RunError::IndexOutOfRange { index, what });
        }
        let mut slots = vec![0u32; generator.slots];
        generator.decode(phase, index, &mut slots);
        Ok(slots)
    }

    /// Evaluates one vector on the backend `request` selects (so a divergence can be reproduced):
    /// the outcome per property and the engine that ran, as `name [adapter]`.
    pub fn evaluate(
        &self,
        request: &BackendRequest,
        slots: &[u32],
        notes: &mut dyn FnMut(Note),
    ) -> Result<(Vec<Outcome>, String), RunError> {
        let mut backend = backends::select(request, &self.program, &self.cpu, &mut |n| notes(Note::Backend(n)))?;
        let engine = format!("{} [{}]", backend.name(), backend.adapter());
        let codes = backend.eval_vectors(&[slots.to_vec()])?;
        Ok((codes.iter().map(|c| Outcome::decode(c.first().copied().unwrap_or(0))).collect(), engine))
    }
}

/// The checks a resumed run makes before it continues: the same spec, generator, properties and
/// seed, and counts that fit the spec's sites.
fn check_resume(cp: &Checkpoint, spec: &TypedSpec, program: &Program, settings: &RunSettings) -> Result<(), ResumeConflict> {
    if cp.spec_hash != spec.hash.hex() {
        return Err(ResumeConflict::SpecChanged {
            checkpoint: cp.spec_hash[..8.min(cp.spec_hash.len())].to_string(),
            spec: spec.hash.short().to_string(),
        });
    }
    if cp.generator_version != crate::r#gen::GENERATOR_VERSION {
        return Err(ResumeConflict::GeneratorVersion { checkpoint: cp.generator_version, ours: crate::r#gen::GENERATOR_VERSION });
    }
    let names: Vec<String> = program.properties.iter().map(|p| p.name.clone()).collect();
    if cp.properties != names {
        return Err(ResumeConflict::Properties { checkpoint: cp.properties.clone(), selected: names });
    }
    let shapes_match = program.properties.iter().zip(&cp.stats).all(|(p, st)| {
        st.fails_by_assert.len() == p.asserts.len()
            && st.discards_by_assume.len() == p.assumes.len()
            && st.cover_hits.len() == p.covers.len()
            && st.failures.iter().all(|f| match Outcome::try_decode(f.outcome) {
                Some(Outcome::Fail(id)) => (id as usize) < p.asserts.len(),
                Some(Outcome::OutOfBounds(id)) => (id as usize) < p.bounds_sites.len(),
                Some(Outcome::ImplCrashed(id) | Outcome::ImplTimeout(id)) => (id as usize) < p.extern_sites.len(),
                Some(Outcome::LoopBound(id)) => (id as usize) < p.loop_sites.len(),
                _ => false,
            })
    });
    if !shapes_match {
        return Err(ResumeConflict::Damaged);
    }
    if let Some(asked) = settings.seed.filter(|s| *s != cp.seed) {
        return Err(ResumeConflict::Seed { asked, recorded: cp.seed });
    }
    Ok(())
}

/// A planned run: what it evaluates, where its results go, and its checkpoint.
pub struct Run {
    pub target: Target,
    pub settings: RunSettings,
    pub shard: Option<Shard>,
    /// The vector count of the plan (the flag, else the spec's budget, else the default).
    pub vectors: u64,
    pub plan: PhasePlan,
    pub capacity: usize,
    pub budget: BudgetLimits,
    pub run_id: String,
    pub out_dir: PathBuf,
    /// What names the run: written into its checkpoint and its manifest.
    pub header: RunHeader,
    /// The checkpoint the session starts from (fresh, or the resumed one).
    pub checkpoint: Checkpoint,
}

impl Run {
    /// Plans the run: shard (the flag, else the job engine's, and on resume the checkpoint's),
    /// phases, capacity, budget (flags, then the resumed run's, then the spec's), run id and
    /// output directory. Reads nothing and writes nothing.
    pub fn new(target: Target, settings: RunSettings) -> Result<Run, RunError> {
        let resumed = target.resumed.as_ref();
        let shard = match resumed {
            Some(cp) => {
                let recorded = cp.shard.map(|(index, count)| Shard { index, count });
                if let Some(asked) = settings.shard.filter(|s| Some(*s) != recorded) {
                    return Err(ResumeConflict::Shard { asked, recorded }.into());
                }
                recorded
            }
            None => settings.shard.or(settings.env_shard),
        };
        let spec = &target.spec;
        let vectors = settings.vectors.or(spec.header.budget.vectors).unwrap_or(crate::DEFAULT_VECTORS);
        let plan = match resumed {
            Some(cp) => PhasePlan {
                phases: cp.plan.iter().map(|r| (r.phase, r.end - r.start)).collect(),
                exhaustive: cp.exhaustive,
                groups: cp.groups.clone(),
            },
            None => PhasePlan::of_space(&target.space, vectors, settings.exhaustive),
        };
        if let Some(cp) = resumed {
            let asked = PhasePlan::of_space(&target.space, vectors, settings.exhaustive || cp.exhaustive);
            let same_spaces =
                asked.groups.len() == plan.groups.len() && asked.groups.iter().zip(&plan.groups).all(|(a, b)| a.properties == b.properties);
            if !same_spaces || ((settings.vectors.is_some() || settings.exhaustive) && asked != plan) {
                return Err(ResumeConflict::Plan {
                    flag: if settings.exhaustive && !cp.exhaustive { "--exhaustive".to_string() } else { format!("--vectors {vectors}") },
                    total: plan.total(),
                    phases: plan.phases.iter().map(|(p, n)| format!("{} {n}", p.name())).collect::<Vec<_>>().join(", "),
                }
                .into());
            }
        }
        if plan.total() == 0 && settings.dataset.is_none() && settings.solver.is_none() {
            return Err(RunError::NothingToCheck);
        }
        // Failing indices kept per property: the flag, else (on resume) the run's own, else the
        // default. A resume with another capacity would keep a different set of rows.
        let capacity = match (resumed, settings.capacity) {
            (Some(cp), Some(asked)) if cp.capacity.is_some_and(|r| r != asked) => {
                return Err(ResumeConflict::Capacity { asked, recorded: cp.capacity.unwrap_or(DEFAULT_CAPACITY) }.into());
            }
            (_, Some(c)) => c,
            (Some(cp), None) => cp.capacity.unwrap_or(DEFAULT_CAPACITY),
            (None, None) => DEFAULT_CAPACITY,
        };
        let recorded = resumed.map(|cp| cp.budget.clone()).unwrap_or_default();
        let budget = BudgetLimits {
            seconds: settings.budget.seconds.or(recorded.seconds).or(spec.header.budget.seconds),
            usd: settings.budget.usd.or(recorded.usd).or(spec.header.budget.usd),
            usd_per_hour: settings.budget.usd_per_hour.or(recorded.usd_per_hour).or(spec.header.budget.usd_per_hour),
        };
        let run_id = match resumed {
            Some(cp) => cp.run_id.clone(),
            None => crate::output::new_run_id(shard.map(|s| s.label()).as_deref()),
        };
        let out_dir = match (&settings.resume, &settings.out) {
            (Some(dir), _) => dir.clone(),
            (None, Some(dir)) => dir.clone(),
            (None, None) => {
                let leaf = shard.map(|s| s.label()).unwrap_or_else(|| run_id.clone());
                PathBuf::from("vecrun-out").join(format!("{}-{}", spec.header.name, spec.hash.short())).join(leaf)
            }
        };
        let header = match resumed {
            Some(cp) => cp.header(spec, &settings.spec_path),
            None => RunHeader {
                run_id: run_id.clone(),
                spec_name: spec.header.name.clone(),
                spec_version: spec.header.version.clone(),
                spec_hash: spec.hash.hex(),
                spec_path: settings.spec_path.display().to_string(),
                generator_version: crate::r#gen::GENERATOR_VERSION,
                seed: target.seed,
                shard: shard.map(|s| (s.index, s.count)),
                exhaustive: plan.exhaustive,
                properties: target.program.properties.iter().map(|p| p.name.clone()).collect(),
                started_at: crate::output::now_rfc3339(),
            },
        };
        let checkpoint = match resumed {
            Some(cp) => cp.clone(),
            None => {
                let full_ranges = super::drive::plan_ranges(&plan);
                let ranges = match shard {
                    Some(sh) => sh.ranges(&full_ranges),
                    None => full_ranges.clone(),
                };
                let mut cp = Checkpoint::start(&header, full_ranges, ranges, &target.program, budget.clone(), capacity);
                cp.groups = plan.groups.clone();
                cp
            }
        };
        Ok(Run { target, settings, header, shard, vectors, plan, capacity, budget, run_id, out_dir, checkpoint })
    }

    /// Vectors this process runs (its shard's part of the plan).
    pub fn total(&self) -> u64 {
        self.checkpoint.ranges.iter().map(|r| r.end - r.start).sum()
    }

    /// Whether a `usd` budget is set without the price that makes it enforceable.
    pub fn money_limit_unenforced(&self) -> bool {
        self.budget.usd.is_some() && self.budget.usd_per_hour.is_none()
    }

    /// Creates the output directory, takes its lock (one writer per directory) and writes the
    /// first checkpoint, before the (possibly slow) GPU set-up: from here on a kill leaves
    /// something to resume. The lock is held until the returned guard drops.
    pub fn start(&self) -> Result<crate::output::DirLock, RunError> {
        std::fs::create_dir_all(&self.out_dir).map_err(|source| RunError::CreateOutDir { path: self.out_dir.clone(), source })?;
        let lock = crate::output::lock_dir(&self.out_dir)?;
        if self.target.resumed.is_none() {
            let path = self.checkpoint_path();
            self.checkpoint.write(&path).map_err(|source| RunError::WriteCheckpoint { path, source })?;
        }
        Ok(lock)
    }

    pub fn checkpoint_path(&self) -> PathBuf {
        self.out_dir.join("checkpoint.json")
    }

    /// Carries out the run: selects the backend, replays `SPEC.regressions`, evaluates the
    /// dataset, drives the session (stopping when `stop` is set, at a budget or at the end of the
    /// plan) while counterexamples shrink on another thread, computes the verdicts and writes the
    /// counterexample table. Call [`Run::start`] first.
    pub fn execute(self, stop: Arc<AtomicBool>, on_event: &mut dyn FnMut(RunEvent)) -> Result<RunOutcome, RunError> {
        let Run { target, settings, header, shard, vectors, plan: _, capacity, budget, run_id, out_dir, mut checkpoint } = self;
        let Target { spec, program, space, seed, resumed, cpu, bindings, cpus } = target;
        let plan = PhasePlan {
            phases: checkpoint.plan.iter().map(|r| (r.phase, r.end - r.start)).collect(),
            exhaustive: checkpoint.exhaustive,
            groups: checkpoint.groups.clone(),
        };
        let mut backend = backends::select_space(&settings.backend, &program, &space, &plan, &cpu, &cpus, &mut |n| {
            on_event(RunEvent::Note(Note::Backend(n)))
        })?;
        let total: u64 = checkpoint.ranges.iter().map(|r| r.end - r.start).sum();
        if resumed.is_some() {
            on_event(RunEvent::Note(Note::Resuming { run_id: run_id.clone(), done: checkpoint.vectors_done, total }));
        }
        let mut reference = cpu.clone();
        let mut shrinker = Shrinker::new(&program, &space, cpu.clone(), settings.shrink_steps, settings.shrink_seconds);
        let mut solver_seconds = 0.0;
        let solved = match &settings.solver {
            Some(options) => {
                // The budget covers the solver phase: no query may outlast what is left of it, and
                // the phase's time counts towards it.
                let left = budget.seconds.map(|s| Duration::from_secs_f64((s - checkpoint.elapsed_seconds).max(0.1)));
                let timeout = left.map_or(options.timeout, |l| options.timeout.min(l));
                let options = crate::solver::SolverOptions { stop: Some(stop.clone()), timeout, ..options.clone() };
                let started = std::time::Instant::now();
                let phase = solver_phase(&program, &options, &mut reference, &mut shrinker, &mut |n| on_event(RunEvent::Note(n)))?;
                solver_seconds = started.elapsed().as_secs_f64();
                checkpoint.elapsed_seconds += solver_seconds;
                phase
            }
            None => SolverPhase::new(&program),
        };
        let mut extra = replay_regressions(&settings.spec_path, &program, &mut reference, &mut |n| on_event(RunEvent::Note(n)))?;
        if let Some(path) = &settings.dataset {
            extra.extend(evaluate_dataset(path, &program, &mut reference, capacity, &mut |n| on_event(RunEvent::Note(n)))?);
        }
        let mut manifest = Manifest::start(
            &header,
            checkpoint.ranges.clone(),
            backend.name(),
            backend.adapter(),
            crate::check::Budget { vectors: Some(vectors), seconds: budget.seconds, usd: budget.usd, usd_per_hour: budget.usd_per_hour },
        );
        let cx_path = parquet::prepare_table(&out_dir, parquet::Table::Counterexamples)?;
        let mut writer = parquet::CounterexampleWriter::create(&cx_path, &program, &manifest, &parquet::sources_of(&spec.sources))?;
        let config = SessionConfig {
            capacity,
            budget: budget.clone(),
            checkpoint_path: Some(out_dir.join("checkpoint.json")),
            checkpoint_every: settings.checkpoint_every,
            stop,
        };
        let (end, mut counterexamples) = run_session(Session::new(checkpoint, config), &program, backend.as_mut(), shrinker, on_event)?;
        let end = end?;
        let cp = &end.checkpoint;
        let stopped_early = end.stopped.is_some();
        // A shard enumerates only its part of the space: PROVEN needs every shard (`vecrun merge`).
        let exhaustive: Vec<bool> = plan.exhaustive_by_property(&program).into_iter().map(|e| e && shard.is_none()).collect();
        let mut verdicts = super::compute_verdicts(&program, &cp.stats, &cp.divergences, &exhaustive, stopped_early);
        for (p, v) in verdicts.iter_mut().enumerate() {
            if extra.iter().any(|c| c.property == program.properties[p].name) {
                *v = Verdict::Failed;
            }
        }
        solved.adjust(&mut verdicts, &cp.stats);
        let solver_records = solved.records;
        counterexamples.extend(solved.rows);
        counterexamples.extend(extra);
        // Every disagreement between the device and the CPU is a row (reason `backend-divergent`),
        // so it can be found and replayed; at most `capacity` per property.
        counterexamples.extend(divergence_rows(&program, &space, &cp.divergences, capacity));
        writer.write(&counterexamples)?;
        let status = match end.stopped {
            Some(Stop::Interrupted) => RunStatus::Interrupted,
            Some(Stop::Budget) => RunStatus::BudgetExhausted,
            None if verdicts.iter().any(|v| matches!(v, Verdict::Failed | Verdict::Divergent)) => RunStatus::Failed,
            None => RunStatus::Passed,
        };
        manifest.phases = cp.ranges.clone();
        manifest.burn_usd = budget.burn_usd(cp.elapsed_seconds);
        manifest.throttled = cp.throttled;
        manifest.finished_at = Some(crate::output::now_rfc3339());
        manifest.wall_seconds = cp.elapsed_seconds;
        manifest.vectors_done = cp.vectors_done;
        manifest.outcome = status;
        manifest.solver = solver_records;
        manifest.bindings = bindings.records();
        writer.finish(&manifest)?;
        let result = RunResult {
            plan: PhasePlan {
                phases: cp.ranges.iter().map(|r| (r.phase, r.end - r.start)).collect(),
                exhaustive: cp.exhaustive,
                groups: cp.groups.clone(),
            },
            stats: cp.stats.clone(),
            verdicts,
            seconds: cp.elapsed_seconds,
            vectors_done: cp.vectors_done,
            backend: backend.name(),
            adapter: backend.adapter(),
            divergences: cp.divergences.clone(),
            vectors_planned: total,
        };
        Ok(RunOutcome {
            spec,
            program,
            space,
            seed,
            manifest,
            result,
            counterexamples,
            status,
            stopped: end.stopped,
            budget,
            out_dir,
            checkpoint: end.checkpoint,
            solver_seconds,
        })
    }
}

/// Drives the session on this thread while a second thread shrinks each counterexample as it is
/// handed out: the backend never waits for shrinking. Rows come back grouped by property (in
/// program order), each property's in index order, whatever the batch boundaries were.
fn run_session(
    session: Session,
    program: &Program,
    backend: &mut dyn Backend,
    mut shrinker: Shrinker<'_>,
    on_event: &mut dyn FnMut(RunEvent),
) -> Result<(Result<session::SessionEnd, SessionError>, Vec<Counterexample>), RunError> {
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Vec<Failure>)>();
    std::thread::scope(|scope| {
        let shrinking = scope.spawn(move || {
            let mut rows: Vec<(usize, Counterexample)> = Vec::new();
            for (property, failures) in rx {
                let _s =
                    tracing::info_span!("shrink", property = shrinker.program.properties[property].name.as_str(), count = failures.len())
                        .entered();
                rows.extend(failures.iter().map(|f| (property, shrinker.counterexample(property, f))));
            }
            rows
        });
        let end = session.run(program, backend, &mut |event| {
            if let session::Event::Failures { property, failures } = &event {
                // The receiver lives until this scope ends; a send fails only if it panicked,
                // which the join below reports.
                let _ = tx.send((*property, failures.to_vec()));
            }
            on_event(RunEvent::Session(event));
        });
        drop(tx);
        let mut rows = shrinking.join().map_err(|e| RunError::Shrinker(panic_text(&e)))?;
        rows.sort_by_key(|(p, _)| *p);
        Ok((end, rows.into_iter().map(|(_, c)| c).collect()))
    })
}

fn panic_text(e: &Box<dyn std::any::Any + Send>) -> String {
    e.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| e.downcast_ref::<String>().cloned()).unwrap_or_else(|| "a panic".into())
}

/// Everything a finished (or stopped) run produced.
pub struct RunOutcome {
    pub spec: TypedSpec,
    pub program: Program,
    pub space: Space,
    pub seed: u64,
    pub manifest: Manifest,
    pub result: RunResult,
    /// Rows of the counterexample table, in the order written.
    pub counterexamples: Vec<Counterexample>,
    pub status: RunStatus,
    pub stopped: Option<Stop>,
    pub budget: BudgetLimits,
    pub out_dir: PathBuf,
    pub checkpoint: Checkpoint,
    /// Seconds the solver phase took in this process (part of the run's time and budget).
    pub solver_seconds: f64,
}

impl RunOutcome {
    /// Whether any property failed or diverged.
    pub fn any_failed(&self) -> bool {
        self.result.verdicts.iter().any(|v| matches!(v, Verdict::Failed | Verdict::Divergent))
    }

    /// Writes the manifest, the summary table and (when asked) JUnit, through the one writer of
    /// a run's results.
    pub fn write_results(&self, junit: Option<&Path>) -> Result<(), RunError> {
        let properties = crate::output::results::PropertyResult::of_program(&self.program, &self.result.stats, &self.result.verdicts);
        let results = crate::output::results::RunResults {
            manifest: &self.manifest,
            properties: &properties,
            counterexamples: &self.counterexamples,
            input_values: &|property, slots| super::report::input_values_of(&self.program, property, slots),
        };
        crate::output::write_run(&self.out_dir, &results, junit)?;
        Ok(())
    }

    /// Appends the first shrunk counterexample of each failed property to `SPEC.regressions`;
    /// returns how many were new.
    pub fn save_regressions(&self, spec_path: &Path) -> Result<usize, RunError> {
        use crate::output::regressions::{self, Regression};
        let picked: Vec<Regression> = self
            .program
            .properties
            .iter()
            .filter_map(|p| self.counterexamples.iter().find(|c| c.property == p.name && c.phase != Source::Replay))
            .map(|c| Regression::from_counterexample(c, &self.program, self.seed, &self.spec.hash.hex()))
            .collect();
        if picked.is_empty() {
            return Ok(0);
        }
        Ok(regressions::append(spec_path, &picked)?)
    }

    /// The run's line in the history.
    pub fn history_entry(&self) -> super::history::HistoryEntry {
        super::history::HistoryEntry {
            run_id: self.manifest.run_id.clone(),
            spec_name: self.spec.header.name.clone(),
            spec_hash: self.spec.hash.hex(),
            finished_at: self.manifest.finished_at.clone().unwrap_or_default(),
            outcome: self.manifest.outcome.name().to_string(),
            verdicts: self
                .program
                .properties
                .iter()
                .zip(&self.result.verdicts)
                .map(|(p, v)| (p.name.clone(), v.name().to_string()))
                .collect(),
            out_dir: self.out_dir.display().to_string(),
            vectors: self.result.vectors_done,
            shard: self.manifest.shard,
        }
    }

    /// A budget hint that works when pasted: the limit that ran out, doubled.
    pub fn raised_budget_flag(&self) -> String {
        match (self.budget.seconds, self.budget.usd) {
            (Some(secs), _) if self.checkpoint.elapsed_seconds >= secs => format!(" --seconds {}", (secs * 2.0).max(1.0).ceil()),
            (_, Some(usd)) => format!(" --usd {}", (usd * 2.0 * 100.0).ceil() / 100.0),
            _ => String::new(),
        }
    }
}

/// Replays `SPEC.regressions` (when it exists) before the run: still-failing entries become
/// counterexamples of phase `replay`; fixed and not-applicable ones are told through `notes`.
fn replay_regressions(
    spec_path: &Path,
    program: &Program,
    reference: &mut CpuBackend,
    notes: &mut dyn FnMut(Note),
) -> Result<Vec<Counterexample>, RunError> {
    use crate::output::regressions;
    let path = regressions::path_for(spec_path);
    if !path.exists() {
        return Ok(Vec::new());
    }
    let stored = regressions::load(spec_path)?;
    let cases: Vec<crate::replay::ReplayCase> = stored
        .iter()
        .map(|r| crate::replay::ReplayCase { property: r.property.clone(), vectors: regressions::to_slots(r, program).map(|v| vec![v]) })
        .collect();
    let verdicts = crate::replay::classify(program, reference, &cases)?;
    let (mut still, mut fixed, mut skipped) = (Vec::new(), 0, 0);
    for ((r, case), v) in stored.iter().zip(&cases).zip(&verdicts) {
        match v {
            crate::replay::ReplayVerdict::StillFailing { outcomes } => {
                let Some(p) = program.properties.iter().find(|p| p.name == r.property) else { continue };
                let slots = case.vectors.as_ref().ok().and_then(|v| v.first().cloned()).unwrap_or_default();
                let outcome = outcomes.iter().copied().find(|o| o.is_failure()).unwrap_or(Outcome::Pass);
                let c = Counterexample::failure(p, outcome.encode(), Source::Replay, r.vector_index, slots);
                notes(Note::RegressionStillFailing {
                    property: r.property.clone(),
                    phase: r.phase.clone(),
                    index: r.vector_index,
                    location: c.location.clone(),
                    message: c.assert_message.clone(),
                });
                still.push(c);
            }
            crate::replay::ReplayVerdict::Fixed { .. } => fixed += 1,
            crate::replay::ReplayVerdict::NotApplicable(why) => {
                skipped += 1;
                notes(Note::RegressionNotApplicable {
                    property: r.property.clone(),
                    phase: r.phase.clone(),
                    index: r.vector_index,
                    why: why.to_string(),
                });
            }
        }
    }
    notes(Note::RegressionsReplayed { path, total: stored.len(), still: still.len(), fixed, not_applicable: skipped });
    Ok(still)
}

/// `--dataset`: evaluates every recorded row on the CPU (every thread), streaming the file in
/// batches (memory flat in its size). Returns the failing rows (up to `capacity` per property).
fn evaluate_dataset(
    path: &Path,
    program: &Program,
    reference: &mut CpuBackend,
    capacity: usize,
    notes: &mut dyn FnMut(Note),
) -> Result<Vec<Counterexample>, RunError> {
    let _s = tracing::info_span!("dataset").entered();
    let mut data = crate::dataset::Dataset::open(path, program)?;
    // A property whose own inputs have no column does not run on the file.
    let runs: Vec<bool> = (0..program.properties.len()).map(|p| data.evaluates(program, p)).collect();
    let mut found: Vec<Counterexample> = Vec::new();
    let mut failed = vec![0u64; program.properties.len()];
    let mut discarded = vec![0u64; program.properties.len()];
    while let Some(batch) = data.next_batch(65_536)? {
        let outcomes = reference.eval_vectors(&batch.vectors)?;
        for (p, codes) in outcomes.iter().enumerate().filter(|(p, _)| runs[*p]) {
            for (k, &code) in codes.iter().enumerate() {
                let o = Outcome::decode(code);
                if matches!(o, Outcome::Discard(_)) {
                    discarded[p] += 1;
                }
                if !o.is_failure() {
                    continue;
                }
                failed[p] += 1;
                if failed[p] as usize <= capacity {
                    found.push(Counterexample::failure(
                        &program.properties[p],
                        code,
                        Source::Dataset,
                        batch.first_row + k as u64,
                        program.own_slots(p, &batch.vectors[k]),
                    ));
                }
            }
        }
    }
    for (p, prop) in program.properties.iter().enumerate() {
        if !runs[p] {
            let columns: Vec<String> =
                program.inputs.iter().filter(|i| i.owner.as_ref() == Some(&prop.name)).map(|i| i.name.clone()).collect();
            notes(Note::DatasetSkipped { path: path.to_path_buf(), property: prop.name.clone(), columns });
            continue;
        }
        notes(Note::DatasetProperty {
            path: path.to_path_buf(),
            rows: data.rows(),
            property: prop.name.clone(),
            failed: failed[p],
            discarded: discarded[p],
        });
    }
    for c in found.iter().take(3) {
        notes(Note::DatasetRow {
            row: c.vector_index,
            property: c.property.clone(),
            location: c.location.clone(),
            message: c.assert_message.clone(),
        });
    }
    Ok(found)
}

/// What the solver phase found.
struct SolverPhase {
    /// The property names, in program order.
    names: Vec<String>,
    records: Vec<SolverRecord>,
    /// Refuted goals whose model fails on the CPU (shrunk), and models that do not (divergent).
    rows: Vec<Counterexample>,
    /// Per property: whether the phase ran and proved every goal.
    proven: Vec<bool>,
    /// Per property: a model the CPU does not confirm.
    divergent: Vec<bool>,
}

impl SolverPhase {
    fn new(program: &Program) -> SolverPhase {
        let n = program.properties.len();
        SolverPhase {
            names: program.properties.iter().map(|p| p.name.clone()).collect(),
            records: Vec::new(),
            rows: Vec::new(),
            proven: vec![false; n],
            divergent: vec![false; n],
        }
    }

    /// The verdicts with the solver's findings: DIVERGENT when a model does not fail on the CPU
    /// or a vector fails that the solver proved cannot; FAILED when a model fails; PROVEN
    /// (solver) when every goal was proven and nothing failed (also when the sampling phases were
    /// cut short: the proof covers the whole input space).
    fn adjust(&self, verdicts: &mut [Verdict], stats: &[super::PropertyStats]) {
        for (p, v) in verdicts.iter_mut().enumerate() {
            let failed_here = stats.get(p).is_some_and(|s| s.failed > 0);
            let refuted = self.rows.iter().any(|c| c.reason != Reason::BackendDivergent && c.property == self.names[p]);
            // The solver proved that nothing fails, yet something did: one of the two is wrong.
            if self.divergent[p] || (self.proven[p] && (failed_here || refuted || *v == Verdict::Failed)) {
                *v = Verdict::Divergent;
            } else if refuted {
                *v = Verdict::Failed;
            } else if self.proven[p] && matches!(v, Verdict::Passed | Verdict::Proven | Verdict::Incomplete) {
                *v = Verdict::ProvenBySolver;
            } else if *v == Verdict::Passed
                && stats.get(p).is_some_and(|s| s.evaluated == 0)
                && self.records.iter().any(|r| r.property == self.names[p])
            {
                // `vecrun prove` with a goal left unknown: nothing was shown either way.
                *v = Verdict::Incomplete;
            }
        }
    }
}

/// Runs the solver over every assert and bounds check of every property; a model becomes a
/// counterexample once the CPU confirms it fails there (then it is shrunk), else a divergence.
fn solver_phase(
    program: &Program,
    options: &crate::solver::SolverOptions,
    reference: &mut CpuBackend,
    shrinker: &mut Shrinker<'_>,
    notes: &mut dyn FnMut(Note),
) -> Result<SolverPhase, RunError> {
    use crate::solver::{GoalResult, Site};
    let _s = tracing::info_span!("solver").entered();
    let mut phase = SolverPhase::new(program);
    let goals = crate::solver::prove_interruptible(program, options)?;
    let mut all_proven = vec![true; program.properties.len()];
    for (k, g) in goals.iter().enumerate() {
        let prop = &program.properties[g.property];
        let site = match g.site {
            Site::Assert(i) => format!("assert {i}"),
            Site::Bounds(i) => format!("bounds {i}"),
            Site::Loop(i) => format!("loop {i}"),
        };
        let expected = g.site.outcome();
        let (result, reason) = match &g.result {
            GoalResult::Proven => ("proven", None),
            GoalResult::Unknown { reason } => ("unknown", Some(reason.clone())),
            GoalResult::Refuted { slots, inexact } => {
                let slots = program.own_slots(g.property, slots);
                let code = reference.eval_vectors(std::slice::from_ref(&slots))?[g.property][0];
                let mut c = Counterexample::failure(prop, code, Source::Solver, k as u64, slots);
                if Outcome::decode(code) == expected {
                    shrinker.shrink(g.property, &mut c);
                    phase.rows.push(c);
                    ("refuted", None)
                } else if prop.calls_extern() {
                    // The solver knows nothing of an implementation: its model picked results the
                    // bound implementation does not return there.
                    (
                        "unknown",
                        Some(format!("the solver's model of {site} assumes extern fn results that the implementation does not return")),
                    )
                } else if *inexact {
                    // The model reads the bits of a NaN that arithmetic produced: those bits are
                    // unspecified (docs/semantics.md), so the CPU may legitimately differ.
                    ("unknown", Some(format!("the solver's model of {site} depends on the unspecified bits of a computed NaN")))
                } else {
                    let on_cpu = match Outcome::decode(code) {
                        Outcome::Pass => "a pass".to_string(),
                        Outcome::Discard(_) => "discarded".to_string(),
                        o => format!("a failure elsewhere ({})", super::report::failure_reason(prop, o).0),
                    };
                    let why = format!("the solver's model of {site} is {on_cpu} on the CPU");
                    c.reason = Reason::BackendDivergent;
                    c.assert_message = format!("solver-divergent: {why}");
                    phase.divergent[g.property] = true;
                    phase.rows.push(c);
                    ("divergent", Some(why))
                }
            }
        };
        // A proof about a property that calls an implementation holds whatever it returns, but not
        // when it crashes or hangs: only running it shows that, so the verdict stays the run's.
        if result != "proven" || prop.calls_extern() {
            all_proven[g.property] = false;
        }
        let record = SolverRecord { property: prop.name.clone(), site, result: result.to_string(), reason, seconds: g.seconds };
        notes(Note::Solver(record.clone()));
        phase.records.push(record);
    }
    phase.proven = all_proven;
    // The symbolic edge cases: a vector per branch outcome and cover, run against every property.
    let edge_options = crate::solver::SolverOptions { timeout: options.timeout.min(Duration::from_secs(2)), ..options.clone() };
    let edges = crate::solver::edge_vectors(program, &edge_options, MAX_EDGE_VECTORS_PER_PROPERTY)?;
    let vectors: Vec<Vec<u32>> = edges.iter().map(|e| e.slots.clone()).collect();
    let mut failing = 0usize;
    if !vectors.is_empty() {
        let outcomes = reference.eval_vectors(&vectors)?;
        for (k, slots) in vectors.iter().enumerate() {
            let mut fails = false;
            for (p, prop) in program.properties.iter().enumerate() {
                let code = outcomes[p][k];
                // One row per failing property and site: the first vector that fails there.
                let kept = phase.rows.iter().any(|c| c.property == prop.name && c.outcome == code);
                if Outcome::decode(code).is_failure() {
                    fails = true;
                    if !kept {
                        let mut c = Counterexample::failure(prop, code, Source::Symbolic, k as u64, program.own_slots(p, slots));
                        shrinker.shrink(p, &mut c);
                        phase.rows.push(c);
                    }
                }
            }
            failing += fails as usize;
        }
    }
    notes(Note::SymbolicEdges { vectors: vectors.len(), failing });
    Ok(phase)
}

/// Symbolic edge cases asked of the solver per property.
const MAX_EDGE_VECTORS_PER_PROPERTY: usize = 64;

/// Turns failures into counterexample records, shrinking each within the run's shrink budget.
struct Shrinker<'a> {
    program: &'a Program,
    space: &'a Space,
    /// Per group: the program over the group's slots (other properties' own inputs fixed), which
    /// the shrinker shrinks in.
    shrink_programs: Vec<Program>,
    reference: CpuBackend,
    limits: crate::shrink::ShrinkLimits,
    /// The shrink budget: time spent shrinking only (a failure found late in a long run is still
    /// shrunk), at most 5 s per counterexample.
    budget: Duration,
    spent: Duration,
}

impl<'a> Shrinker<'a> {
    fn new(program: &'a Program, space: &'a Space, reference: CpuBackend, steps: u32, seconds: f64) -> Shrinker<'a> {
        let limits = crate::shrink::ShrinkLimits { max_steps: steps, max_time: Duration::from_secs_f64(seconds.clamp(0.0, 5.0)) };
        let shrink_programs = if space.is_single() {
            Vec::new()
        } else {
            space.groups.iter().map(|g| Program { slots: g.slots.clone(), ..program.clone() }).collect()
        };
        Shrinker {
            program,
            space,
            shrink_programs,
            reference,
            limits,
            budget: Duration::from_secs_f64(seconds.max(0.0)),
            spent: Duration::ZERO,
        }
    }

    fn counterexample(&mut self, property: usize, f: &Failure) -> Counterexample {
        let generator = self.space.generator_of(property);
        let mut slots = vec![0u32; generator.slots];
        generator.decode(f.phase, f.index, &mut slots);
        let mut c = Counterexample::failure(&self.program.properties[property], f.outcome, Source::Phase(f.phase), f.index, slots);
        if self.program.properties[property].calls_extern() {
            if self.confirm(property, &mut c) {
                self.shrink(property, &mut c);
            }
            self.record_implementation(property, &mut c);
            return c;
        }
        self.shrink(property, &mut c);
        c
    }

    /// Stores what each extern fn returned on the row's stored (shrunk) vector: the last call of
    /// each, `None` for one not called (or that crashed).
    fn record_implementation(&mut self, property: usize, c: &mut Counterexample) {
        let vector = if c.shrunk.is_empty() { &c.original } else { &c.shrunk };
        let Ok((_, calls)) = self.reference.trace(property, vector) else { return };
        let prop = &self.program.properties[property];
        let mut out: Vec<Option<Vec<u32>>> = vec![None; self.program.externs.len()];
        for t in calls {
            if let Some(site) = prop.extern_sites.get(t.site as usize) {
                out[site.func as usize] = t.result.ok();
            }
        }
        c.implementation = out;
    }

    /// Re-runs a counterexample of a property that calls an implementation, twice, one vector at
    /// a time. A verdict or an implementation result that changes makes the row
    /// `implementation_nondeterministic` (kept, not shrunk: `false`); a crash or a timeout gets
    /// what happened in its message.
    fn confirm(&mut self, property: usize, c: &mut Counterexample) -> bool {
        let prop = &self.program.properties[property];
        let first = self.reference.trace(property, &c.original);
        let second = self.reference.trace(property, &c.original);
        let (first, second) = match (first, second) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => {
                c.assert_message = format!("{}; re-running it failed: {e}", c.assert_message);
                return false;
            }
        };
        let changed_verdict = first.0 != c.outcome || second.0 != c.outcome;
        // What a crash says (its stderr, say) may vary; that it crashed may not.
        let kind = |calls: &[crate::impls::TracedCall]| -> Vec<(u32, Result<Vec<u32>, bool>)> {
            calls.iter().map(|t| (t.site, t.result.clone().map_err(|f| f == crate::impls::CallFailure::Timeout))).collect()
        };
        let changed_result = kind(&first.1) != kind(&second.1);
        if changed_verdict || changed_result {
            let what = if changed_result {
                let at = first.1.iter().zip(&second.1).position(|(a, b)| a != b).unwrap_or(first.1.len().min(second.1.len()));
                let site = first.1.get(at).or(second.1.get(at)).map(|t| t.site);
                let name = site
                    .and_then(|s| prop.extern_sites.get(s as usize))
                    .map(|s| s.site.message.clone().unwrap_or_default())
                    .unwrap_or_default();
                let shown = |calls: &[crate::impls::TracedCall]| {
                    calls.get(at).map(|t| traced_text(prop, self.program, t)).unwrap_or_else(|| "no call".into())
                };
                format!("`{name}` returned {} and then {} for the same arguments", shown(&first.1), shown(&second.1))
            } else {
                format!(
                    "re-running the vector gave {} and {} instead of {}",
                    crate::replay::outcome_text(Outcome::decode(first.0)),
                    crate::replay::outcome_text(Outcome::decode(second.0)),
                    crate::replay::outcome_text(Outcome::decode(c.outcome))
                )
            };
            c.reason = crate::output::model::Reason::ImplementationNondeterministic;
            c.assert_message = format!("the implementation is not a function of its arguments: {what} (was: {})", c.assert_message);
            return false;
        }
        if let Some(crate::impls::TracedCall { result: Err(f), .. }) = first.1.iter().find(|t| t.result.is_err()) {
            if let crate::impls::CallFailure::Crashed(detail) = f {
                c.assert_message = format!("{}: {detail}", c.assert_message);
            } else {
                c.assert_message = format!("{} (past --impl-timeout)", c.assert_message);
            }
        }
        true
    }

    /// Shrinks `c` (a failure of `property`) to a simpler vector with the same outcome, within
    /// the shrink budget.
    fn shrink(&mut self, property: usize, c: &mut Counterexample) {
        if self.spent < self.budget && self.limits.max_steps > 0 {
            let started = std::time::Instant::now();
            let reference = &self.reference;
            let mut eval = |candidates: &[Vec<u32>]| reference.eval_vectors(candidates).swap_remove(property);
            let left = self.budget.saturating_sub(self.spent);
            let limits = crate::shrink::ShrinkLimits { max_steps: self.limits.max_steps, max_time: self.limits.max_time.min(left) };
            let program = self.shrink_programs.get(self.space.group_of(property)).unwrap_or(self.program);
            let r = crate::shrink::shrink(program, property, &c.original, c.outcome, &mut eval, &limits);
            self.spent += started.elapsed();
            c.shrunk = r.values;
            c.shrink_steps = r.steps;
        }
    }
}

/// Counterexample rows for the vectors on which a device and the CPU reference disagreed: the
/// vector as generated (not shrunk), the CPU's outcome as the reference.
pub fn divergence_rows(program: &Program, space: &Space, divergences: &[Divergence], capacity: usize) -> Vec<Counterexample> {
    let mut rows = Vec::new();
    for (k, p) in program.properties.iter().enumerate() {
        let generator = space.generator_of(k);
        for d in divergences.iter().filter(|d| d.property == p.name).take(capacity) {
            let mut slots = vec![0u32; generator.slots];
            generator.decode(d.phase, d.index, &mut slots);
            let failing = [d.cpu_outcome, d.gpu_outcome].into_iter().find(|c| Outcome::try_decode(*c).is_some_and(|o| o.is_failure()));
            let (_, _, location) = failing.map(|c| super::report::failure_reason(p, Outcome::decode(c))).unwrap_or_default();
            rows.push(Counterexample {
                property: p.name.clone(),
                assert_index: match Outcome::try_decode(d.cpu_outcome) {
                    Some(Outcome::Fail(id)) => Some(id),
                    _ => None,
                },
                assert_message: format!(
                    "backend-divergent: the device says {}, the CPU says {}",
                    describe_outcome(p, d.gpu_outcome),
                    describe_outcome(p, d.cpu_outcome)
                ),
                location,
                reason: Reason::BackendDivergent,
                phase: Source::Phase(d.phase),
                vector_index: d.index,
                outcome: d.cpu_outcome,
                original: slots.clone(),
                shrunk: slots,
                shrink_steps: 0,
                implementation: Vec::new(),
            });
        }
    }
    rows
}

fn describe_outcome(p: &ir::PropertyIr, code: u32) -> String {
    match Outcome::try_decode(code) {
        Some(Outcome::Pass) => "pass".into(),
        Some(Outcome::Discard(id)) => format!("discarded (assume #{id})"),
        Some(
            o @ (Outcome::Fail(_) | Outcome::OutOfBounds(_) | Outcome::ImplCrashed(_) | Outcome::ImplTimeout(_) | Outcome::LoopBound(_)),
        ) => super::report::failure_reason(p, o).0,
        Some(Outcome::Invalid(_)) | None => format!("unknown outcome {code:#x}"),
    }
}

/// Text of one outcome for the `--index` listing.
pub fn outcome_line(p: &ir::PropertyIr, o: Outcome) -> String {
    match o {
        Outcome::Pass => "passed".to_string(),
        Outcome::Discard(id) => match p.assumes.get(id as usize) {
            Some(a) => format!("discarded by `assume {}` at {}", printable(&a.text), a.location),
            None => format!("discarded by assume #{id}"),
        },
        _ => {
            let (msg, _, loc) = super::report::failure_reason(p, o);
            format!("FAILED at {loc}: {msg}")
        }
    }
}

/// One traced call as people read it: `21333`, `[3, 2]`, or `crashed`.
fn traced_text(prop: &ir::PropertyIr, program: &Program, t: &crate::impls::TracedCall) -> String {
    let ty = prop.extern_sites.get(t.site as usize).and_then(|s| program.externs.get(s.func as usize)).map(|f| f.ret);
    match (&t.result, ty) {
        (Ok(bits), Some(ty)) => crate::check::Value::from_bits(ty, bits).to_string(),
        (Ok(bits), None) => format!("{bits:?}"),
        (Err(crate::impls::CallFailure::Crashed(_)), _) => "a crash".into(),
        (Err(crate::impls::CallFailure::Timeout), _) => "a timeout".into(),
    }
}

//! `vecrun run`: generate vectors, evaluate the properties, report.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use clap::{Args, ValueEnum};

use super::{exit, report_compile_error, report_warnings};
use crate::cpu::CpuBackend;
use crate::gpu;
use crate::ir;
use crate::output::model::{Counterexample, Manifest, PhaseRange, Reason};
use crate::output::parquet;
use crate::run::session::{self, BudgetLimits, Checkpoint, Event as SessionEvent, Session, SessionConfig};
use crate::run::shard::Shard;
use crate::run::{self, Backend, Generator, Phase, PhasePlan, RunResult, Verdict};

use super::progress::Progress;
use super::signals;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BackendChoice {
    /// A GPU when one is usable, else the CPU.
    Auto,
    Cpu,
    Gpu,
}

#[derive(Args, Debug)]
pub struct RunArgs {
    /// The spec to run (.vspec).
    #[arg(value_name = "SPEC")]
    pub spec: PathBuf,
    /// Which engine evaluates the vectors.
    #[arg(long, value_enum, default_value_t = BackendChoice::Auto)]
    pub backend: BackendChoice,
    /// Total vectors to evaluate (edge + random), or the enumeration threshold. Defaults to the spec's
    /// `budget.vectors`, else 10_000_000.
    #[arg(long, value_name = "N", value_parser = parse_count)]
    pub vectors: Option<u64>,
    /// Seed of the random phase (vectors are a pure function of seed, input declarations and index).
    /// Default 0; a resumed run keeps its checkpoint's seed.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Run only these properties (repeatable).
    #[arg(long = "property", value_name = "NAME")]
    pub properties: Vec<String>,
    /// Enumerate the whole input space even when it is larger than --vectors.
    #[arg(long)]
    pub exhaustive: bool,
    /// CPU threads (default: one per core; at most 1024).
    #[arg(long, default_value_t = 0, value_name = "N", value_parser = parse_threads)]
    pub threads: usize,
    /// Evaluate exactly one vector: this index (of --phase, default random).
    #[arg(long, value_name = "I")]
    pub index: Option<u64>,
    /// The phase --index refers to.
    #[arg(long, value_name = "PHASE", default_value = "random", value_parser = ["edge", "exhaustive", "random"])]
    pub phase: String,
    /// Counterexamples shown per failed property.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub show: usize,
    /// Failing vector indices kept per property (the failure count is always exact). Default 1000; a
    /// resumed run keeps its own.
    #[arg(long, value_name = "N", value_parser = parse_capacity)]
    pub capacity: Option<usize>,
    /// Use the GPU adapter whose name contains this text (see `vecrun devices`); repeat it to run
    /// on several (each index range is split between them). Default: every hardware GPU.
    #[arg(long, value_name = "NAME")]
    pub adapter: Vec<String>,
    /// Output directory (default `vecrun-out/<spec>-<hash8>/<run-id or shard>/`).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Continue the run whose checkpoint is in DIR (its output directory).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["index", "out"])]
    pub resume: Option<PathBuf>,
    /// Seconds between checkpoints.
    #[arg(long, default_value_t = 60.0, value_name = "SECONDS", value_parser = parse_interval)]
    pub checkpoint_every: f64,
    /// Wall-clock budget in seconds (overrides the spec's `budget.seconds`).
    #[arg(long, value_name = "SECONDS", value_parser = parse_non_negative)]
    pub seconds: Option<f64>,
    /// Money budget in USD (overrides the spec's `budget.usd`).
    #[arg(long, value_name = "USD", value_parser = parse_non_negative)]
    pub usd: Option<f64>,
    /// Instance price per hour in USD (overrides the spec's `budget.usd_per_hour`; env VECRUN_USD_PER_HOUR).
    #[arg(long, value_name = "USD", env = "VECRUN_USD_PER_HOUR", value_parser = parse_non_negative)]
    pub usd_per_hour: Option<f64>,
    /// Run shard K of N (0-based), e.g. `--shard 3/8`. Without it, the shard comes from Kubernetes,
    /// AWS Batch or Slurm array-job variables when present.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// Shard count for Kubernetes Indexed Jobs (JOB_COMPLETION_INDEX gives only the index; env VECRUN_SHARD_COUNT).
    #[arg(long, value_name = "N")]
    pub shard_count: Option<u64>,
    /// Exit 0 once this run's part of the plan is complete, whatever it found: the findings are in
    /// the output files and `vecrun merge` carries the verdict in its exit code. For job engines that
    /// restart or fail a task on a non-zero exit (Kubernetes, AWS Batch, Slurm `afterok`).
    #[arg(long, env = "VECRUN_EXIT_ZERO_WHEN_COMPLETE", value_parser = clap::builder::BoolishValueParser::new())]
    pub exit_zero_when_complete: bool,
    /// No progress bar or progress lines.
    #[arg(long, short)]
    pub quiet: bool,
    /// GPU only: also re-evaluate this fraction (0..1) of the passing vectors on the CPU and report
    /// any failure the GPU missed as backend-divergent.
    #[arg(long, value_name = "RATE", default_value_t = 0.0, value_parser = parse_fraction)]
    pub cross_check: f64,
    /// Most simplification steps per counterexample.
    #[arg(long, default_value_t = 2000, value_name = "N")]
    pub shrink_steps: u32,
    /// Seconds of shrinking in all; counterexamples after that are kept unshrunk (shrink_steps 0).
    #[arg(long, default_value_t = 60.0, value_name = "SECONDS", value_parser = parse_interval)]
    pub shrink_time: f64,
    /// Also evaluate the recorded vectors of this Parquet file (columns named and typed like the
    /// inputs); with `--vectors 0`, only them. Counterexamples from it have phase `dataset` and
    /// their row number as index.
    #[arg(long, value_name = "FILE.parquet")]
    pub dataset: Option<PathBuf>,
    /// Append the shrunk counterexample of each failed property to `SPEC.regressions` (commit that
    /// file: every later run replays it first, so a once-found bug is checked forever).
    #[arg(long)]
    pub save_regressions: bool,
    /// Write JUnit XML (one test case per property) to FILE.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
}

/// Accepts `1000000`, `1_000_000` and `1e6`; refuses anything that is not a whole number below 2^64
/// (never clamps).
pub fn parse_count(s: &str) -> Result<u64, String> {
    let clean: String = s.trim().chars().filter(|c| *c != '_').collect();
    if let Ok(v) = clean.parse::<u64>() {
        return Ok(v);
    }
    if clean.chars().all(|c| c.is_ascii_digit()) && !clean.is_empty() {
        return Err(format!("`{s}` is larger than 18446744073709551615 (2^64 - 1), the most vectors a run can have"));
    }
    // 2^64 is exactly representable; every f64 below it that is whole converts exactly.
    const TWO_POW_64: f64 = 18_446_744_073_709_551_616.0;
    match clean.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v < TWO_POW_64 => Ok(v as u64),
        Ok(v) if v.is_finite() && v >= TWO_POW_64 => {
            Err(format!("`{s}` is larger than 18446744073709551615 (2^64 - 1), the most vectors a run can have"))
        }
        _ => Err(format!("`{s}` is not a whole number of vectors (e.g. 1000000, 1_000_000 or 1e6)")),
    }
}

/// A finite, non-negative number (seconds, dollars). NaN, infinities and negatives are refused.
pub fn parse_non_negative(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        Ok(_) => Err(format!("`{s}` must be a finite number of at least 0")),
        Err(_) => Err(format!("`{s}` is not a number")),
    }
}

/// Most seconds an interval flag (checkpoint interval, shrink time) accepts: about 31 years.
pub const MAX_INTERVAL_SECONDS: f64 = 1e9;

/// A finite interval in seconds, 0 to [`MAX_INTERVAL_SECONDS`].
pub fn parse_interval(s: &str) -> Result<f64, String> {
    let v = parse_non_negative(s)?;
    if v > MAX_INTERVAL_SECONDS {
        return Err(format!("`{s}` seconds is too long: at most {MAX_INTERVAL_SECONDS:e}"));
    }
    Ok(v)
}

/// A fraction between 0 and 1.
pub fn parse_fraction(s: &str) -> Result<f64, String> {
    let v = parse_non_negative(s)?;
    if v > 1.0 {
        return Err(format!("`{s}` must be between 0 and 1"));
    }
    Ok(v)
}

/// Most CPU threads `--threads` accepts.
pub const MAX_THREADS: usize = 1024;

/// A thread count, 0 (one per core) to [`MAX_THREADS`].
pub fn parse_threads(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if n <= MAX_THREADS => Ok(n),
        Ok(_) => Err(format!("`{s}` threads is too many: at most {MAX_THREADS} (0 means one per core)")),
        Err(_) => Err(format!("`{s}` is not a whole number of threads")),
    }
}

/// Most failing indices kept per property.
pub const MAX_CAPACITY: usize = 1_000_000;
/// Failing indices kept per property when neither `--capacity` nor a resumed checkpoint says.
pub const DEFAULT_CAPACITY: usize = 1000;

/// A number of kept counterexamples, 0 to [`MAX_CAPACITY`].
pub fn parse_capacity(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if n <= MAX_CAPACITY => Ok(n),
        Ok(_) => Err(format!("`{s}` is too many: at most {MAX_CAPACITY} counterexamples are kept per property")),
        Err(_) => Err(format!("`{s}` is not a whole number")),
    }
}

pub fn run(args: RunArgs) -> i32 {
    // Signals first: a SIGTERM at any point (compiling, opening the GPU) ends with a checkpoint and
    // exit 130, never with the default death by signal.
    let stop = Arc::new(AtomicBool::new(false));
    let signal_guard = signals::install(stop.clone());
    let checked = match super::compile(&args.spec) {
        Ok(c) => c,
        Err(e) => {
            report_compile_error(&e);
            // CI reads the JUnit file: a spec that does not compile is an error there, not a green run.
            if let Some(path) = &args.junit {
                let text = match &e {
                    crate::CompileError::Load(le) => le.to_string(),
                    crate::CompileError::Spec { sources, diagnostics } => {
                        crate::diag::render(sources, diagnostics, crate::diag::Color::Never)
                    }
                };
                if let Err(je) = crate::output::results::write_compile_error_junit(path, &args.spec, &text) {
                    errln!("error: {je}");
                }
            }
            return exit::ERROR;
        }
    };
    report_warnings(&checked.spec.sources, &checked.warnings);
    let spec = checked.spec;
    let mut program = {
        let _s = tracing::info_span!("compile").entered();
        ir::lower(&spec)
    };
    // A resumed run without --property continues with the properties its checkpoint ran.
    let resume_checkpoint = match &args.resume {
        Some(dir) => match Checkpoint::read(&dir.join("checkpoint.json")) {
            Ok(cp) => Some(cp),
            Err(e) => {
                errln!("error: {e}");
                return exit::ERROR;
            }
        },
        None => None,
    };
    let selected: Vec<String> = match (&resume_checkpoint, args.properties.is_empty()) {
        (Some(cp), true) => cp.properties.clone(),
        _ => args.properties.clone(),
    };
    if !selected.is_empty() {
        for name in &selected {
            if !program.properties.iter().any(|p| &p.name == name) {
                let names: Vec<&str> = program.properties.iter().map(|p| p.name.as_str()).collect();
                errln!("error: no property named `{name}` in {} (it has: {})", args.spec.display(), names.join(", "));
                return exit::ERROR;
            }
        }
        program.properties.retain(|p| selected.contains(&p.name));
    }
    if program.properties.is_empty() {
        errln!("error: {} has no properties to run", args.spec.display());
        return exit::ERROR;
    }
    // A resumed run takes its seed, shard and ranges from the checkpoint.
    let resumed = match resume_checkpoint {
        Some(cp) => {
            if cp.spec_hash != spec.hash.hex() {
                errln!(
                    "error: cannot resume: the spec changed since the checkpoint was written (checkpoint hash {}, spec hash {}); start a new run",
                    &cp.spec_hash[..8.min(cp.spec_hash.len())],
                    spec.hash.short()
                );
                return exit::ERROR;
            }
            if cp.generator_version != crate::r#gen::GENERATOR_VERSION {
                errln!(
                    "error: cannot resume: the checkpoint used generator version {}, this vecrun has {}",
                    cp.generator_version,
                    crate::r#gen::GENERATOR_VERSION
                );
                return exit::ERROR;
            }
            let names: Vec<String> = program.properties.iter().map(|p| p.name.clone()).collect();
            if cp.properties != names {
                errln!("error: cannot resume: the checkpoint ran properties {:?}, this command selects {:?}", cp.properties, names);
                return exit::ERROR;
            }
            let shapes_match = program.properties.iter().zip(&cp.stats).all(|(p, st)| {
                st.fails_by_assert.len() == p.asserts.len()
                    && st.discards_by_assume.len() == p.assumes.len()
                    && st.cover_hits.len() == p.covers.len()
                    && st.failures.iter().all(|f| match crate::ir::Outcome::try_decode(f.outcome) {
                        Some(crate::ir::Outcome::Fail(id)) => (id as usize) < p.asserts.len(),
                        Some(crate::ir::Outcome::OutOfBounds(id)) => (id as usize) < p.bounds_sites.len(),
                        _ => false,
                    })
            });
            if !shapes_match {
                errln!(
                    "error: cannot resume: the checkpoint's counts do not match the spec's asserts, assumes and covers (a damaged checkpoint)"
                );
                return exit::ERROR;
            }
            if let Some(seed) = args.seed.filter(|s| *s != cp.seed) {
                errln!(
                    "error: cannot resume with --seed {seed}: the checkpoint's run uses seed {}; drop --seed (a resumed run keeps its seed)",
                    cp.seed
                );
                return exit::ERROR;
            }
            Some(cp)
        }
        None => None,
    };
    let seed = resumed.as_ref().map(|c| c.seed).unwrap_or(args.seed.unwrap_or(0));
    let generator = Generator::new(&program.slots, seed, spec.input_hash);
    let cpu = match CpuBackend::new(&program, generator.clone(), effective_threads(args.threads)) {
        Ok(b) => b,
        Err(e) => {
            errln!("error: {e}");
            return exit::ERROR;
        }
    };
    if args.exhaustive && generator.space().is_none() {
        errln!(
            "error: --exhaustive: the input space of {} has more than 2^64 - 1 vectors and cannot be enumerated; drop --exhaustive to sample it",
            args.spec.display()
        );
        return exit::ERROR;
    }
    if let Some(index) = args.index {
        let phase = Phase::parse(&args.phase).unwrap_or(Phase::Random);
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
            errln!("error: --index {index} is out of range: {what}");
            return exit::ERROR;
        }
        return run_one(&args, &program, &generator, cpu, phase, index);
    }
    // Shard: the flag, else the job engine's environment.
    let flag_shard = match &args.shard {
        Some(s) => match Shard::parse(s) {
            Ok(s) => Some(s),
            Err(e) => {
                errln!("error: --shard: {e}");
                return exit::ERROR;
            }
        },
        None => None,
    };
    let shard = match &resumed {
        Some(cp) => {
            let recorded = cp.shard.map(|(index, count)| Shard { index, count });
            if let Some(s) = flag_shard.filter(|s| Some(*s) != recorded) {
                errln!(
                    "error: cannot resume with --shard {}/{}: the checkpoint's run is {}; drop --shard (a resumed run keeps its shard)",
                    s.index,
                    s.count,
                    recorded.map(|r| format!("shard {}/{}", r.index, r.count)).unwrap_or_else(|| "not sharded".into())
                );
                return exit::ERROR;
            }
            recorded
        }
        None => match flag_shard {
            Some(s) => Some(s),
            None => match Shard::from_env(&|k| std::env::var(k).ok(), args.shard_count) {
                Ok(Some((s, engine))) => {
                    errln!("vecrun: running shard {}/{} (from {engine})", s.index, s.count);
                    Some(s)
                }
                Ok(None) => None,
                Err(e) => {
                    errln!("error: {e}");
                    return exit::ERROR;
                }
            },
        },
    };
    let vectors = args.vectors.or(spec.header.budget.vectors).unwrap_or(crate::DEFAULT_VECTORS);
    let plan = match &resumed {
        Some(cp) => PhasePlan { phases: cp.plan.iter().map(|r| (r.phase, r.end - r.start)).collect(), exhaustive: cp.exhaustive },
        None => PhasePlan::new(&generator, vectors, args.exhaustive),
    };
    if let Some(cp) = &resumed {
        let asked = PhasePlan::new(&generator, vectors, args.exhaustive || cp.exhaustive);
        if (args.vectors.is_some() || args.exhaustive) && asked != plan {
            errln!(
                "error: cannot resume with {}: the checkpoint's plan is {} vectors ({}); drop the flag (a resumed run keeps its plan)",
                if args.exhaustive && !cp.exhaustive { "--exhaustive".to_string() } else { format!("--vectors {vectors}") },
                plan.total(),
                plan.phases.iter().map(|(p, n)| format!("{} {n}", p.name())).collect::<Vec<_>>().join(", ")
            );
            return exit::ERROR;
        }
    }
    if plan.total() == 0 && args.dataset.is_none() {
        errln!("error: --vectors 0 checks nothing: give a positive --vectors, or recorded vectors with --dataset FILE.parquet");
        return exit::ERROR;
    }
    let full_ranges: Vec<PhaseRange> = plan.phases.iter().map(|&(phase, n)| PhaseRange { phase, start: 0, end: n }).collect();
    let ranges = match (&resumed, shard) {
        (Some(cp), _) => cp.ranges.clone(),
        (None, Some(sh)) => sh.ranges(&full_ranges),
        (None, None) => full_ranges.clone(),
    };
    // Failing indices kept per property: the flag, else (on resume) the run's own, else 1000. A resume
    // with another capacity would keep a different set of rows than the run started with.
    let capacity = match (&resumed, args.capacity) {
        (Some(cp), Some(c)) if cp.capacity.is_some_and(|r| r != c) => {
            errln!(
                "error: cannot resume with --capacity {c}: the checkpoint's run keeps {} failing vectors per property; drop --capacity",
                cp.capacity.unwrap_or(DEFAULT_CAPACITY)
            );
            return exit::ERROR;
        }
        (_, Some(c)) => c,
        (Some(cp), None) => cp.capacity.unwrap_or(DEFAULT_CAPACITY),
        (None, None) => DEFAULT_CAPACITY,
    };
    // Flags first, then (on resume) the limits the run started with, then the spec's header.
    let recorded = resumed.as_ref().map(|cp| cp.budget.clone()).unwrap_or_default();
    let budget = BudgetLimits {
        seconds: args.seconds.or(recorded.seconds).or(spec.header.budget.seconds),
        usd: args.usd.or(recorded.usd).or(spec.header.budget.usd),
        usd_per_hour: args.usd_per_hour.or(recorded.usd_per_hour).or(spec.header.budget.usd_per_hour),
    };
    if budget.usd.is_some() && budget.usd_per_hour.is_none() {
        errln!(
            "warning: a `usd` budget needs the instance price: set `usd_per_hour` in the spec, --usd-per-hour, or VECRUN_USD_PER_HOUR; the money limit is not enforced"
        );
    }
    // Output directory and run id.
    let run_id = match &resumed {
        Some(cp) => cp.run_id.clone(),
        None => new_run_id(shard),
    };
    let out_dir = match (&args.resume, &args.out) {
        (Some(dir), _) => dir.clone(),
        (None, Some(dir)) => dir.clone(),
        (None, None) => {
            let leaf = shard.map(|s| s.label()).unwrap_or_else(|| run_id.clone());
            PathBuf::from("vecrun-out").join(format!("{}-{}", spec.header.name, spec.hash.short())).join(leaf)
        }
    };
    if let Err(e) = std::fs::create_dir_all(&out_dir) {
        errln!("error: cannot create output directory `{}`: {e}", out_dir.display());
        return exit::ERROR;
    }
    // One writer per output directory: two runs with the same --out would replace each other's files.
    let _out_lock = match crate::output::lock_dir(&out_dir) {
        Ok(l) => l,
        Err(e) => {
            errln!("error: {e}");
            return exit::ERROR;
        }
    };
    let started_at = resumed.as_ref().map(|c| c.started_at.clone()).unwrap_or_else(crate::output::now_rfc3339);
    let checkpoint = resumed.clone().unwrap_or_else(|| Checkpoint {
        version: session::CHECKPOINT_VERSION,
        run_id: run_id.clone(),
        spec_hash: spec.hash.hex(),
        seed,
        generator_version: crate::r#gen::GENERATOR_VERSION,
        shard: shard.map(|s| (s.index, s.count)),
        plan: full_ranges.clone(),
        ranges: ranges.clone(),
        exhaustive: plan.exhaustive,
        properties: program.properties.iter().map(|p| p.name.clone()).collect(),
        position: Default::default(),
        stats: program.properties.iter().map(run::PropertyStats::new).collect(),
        divergences: Vec::new(),
        vectors_done: 0,
        elapsed_seconds: 0.0,
        throttled: false,
        budget: budget.clone(),
        capacity: Some(capacity),
        started_at: started_at.clone(),
        written_at: String::new(),
        state: "running".into(),
    });
    // Written before the (possibly slow) GPU setup: from here on a kill leaves something to resume.
    if resumed.is_none()
        && let Err(e) = checkpoint.write(&out_dir.join("checkpoint.json"))
    {
        errln!("error: cannot write checkpoint `{}`: {e}", out_dir.join("checkpoint.json").display());
        return exit::ERROR;
    }
    signals::CHECKPOINT_ON_DISK.store(true, std::sync::atomic::Ordering::SeqCst);
    let mut backend: Box<dyn Backend> = match select_backend(&args, &program, &generator, cpu) {
        Ok(b) => b,
        Err(code) => return code,
    };
    if resumed.is_some() {
        errln!(
            "vecrun: resuming run {run_id} at {} of {} vectors",
            checkpoint.vectors_done,
            ranges.iter().map(|r| r.end - r.start).sum::<u64>()
        );
    }
    let mut regression_failures = match replay_regressions(&args.spec, &program, &generator, effective_threads(args.threads)) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if let Some(path) = &args.dataset {
        match run_dataset(path, &program, &generator, capacity, effective_threads(args.threads)) {
            Ok(found) => regression_failures.extend(found),
            Err(e) => {
                errln!("error: {e}");
                return exit::ERROR;
            }
        }
    }
    let config = SessionConfig {
        capacity,
        budget: budget.clone(),
        checkpoint_path: Some(out_dir.join("checkpoint.json")),
        checkpoint_every: Duration::from_secs_f64(args.checkpoint_every.max(0.01)),
        stop: stop.clone(),
    };
    let total: u64 = ranges.iter().map(|r| r.end - r.start).sum();
    let mut manifest = Manifest {
        schema_version: crate::output::model::SCHEMA_VERSION,
        vecrun_version: env!("CARGO_PKG_VERSION").to_string(),
        run_id: run_id.clone(),
        spec_name: spec.header.name.clone(),
        spec_version: spec.header.version.clone(),
        spec_hash: spec.hash.hex(),
        spec_path: args.spec.display().to_string(),
        generator_version: crate::r#gen::GENERATOR_VERSION,
        seed,
        shard: shard.map(|s| (s.index, s.count)),
        phases: ranges.clone(),
        exhaustive: plan.exhaustive,
        backend: backend.name().to_string(),
        adapter: backend.adapter(),
        properties: program.properties.iter().map(|p| p.name.clone()).collect(),
        budget: crate::check::Budget {
            vectors: Some(vectors),
            seconds: budget.seconds,
            usd: budget.usd,
            usd_per_hour: budget.usd_per_hour,
        },
        burn_usd: None,
        throttled: false,
        started_at: started_at.clone(),
        finished_at: None,
        wall_seconds: 0.0,
        vectors_done: 0,
        outcome: "running".into(),
    };
    let cx_path = match parquet::prepare_table(&out_dir, parquet::Table::Counterexamples) {
        Ok(p) => p,
        Err(e) => {
            errln!("error: {e}");
            return exit::ERROR;
        }
    };
    let mut writer = match parquet::CounterexampleWriter::create(&cx_path, &program, &manifest, &parquet::sources_of(&spec.sources)) {
        Ok(w) => w,
        Err(e) => {
            errln!("error: {e}");
            return exit::ERROR;
        }
    };
    let mut shrinker = Shrinker::new(&program, &generator, args.shrink_steps, args.shrink_time, effective_threads(args.threads));
    let mut counterexamples: Vec<Counterexample> = Vec::new();
    let mut write_error: Option<String> = None;
    let mut progress = Progress::new(total, args.quiet);
    let session = Session::new(checkpoint, config);
    let end = session.run(&program, backend.as_mut(), &mut |event| match event {
        SessionEvent::Progress { done, failures, elapsed, burn_fraction, throttled, .. } => {
            progress.update(done, failures, elapsed, burn_fraction, throttled)
        }
        SessionEvent::Warning(w) => progress.warn(&w),
        SessionEvent::Failures { property, failures } => {
            let _s = tracing::info_span!("shrink", property = program.properties[property].name.as_str(), count = failures.len()).entered();
            let batch: Vec<Counterexample> = failures.iter().map(|f| shrinker.counterexample(property, f)).collect();
            if let Err(e) = writer.write(&batch) {
                write_error.get_or_insert(e.to_string());
            }
            counterexamples.extend(batch);
        }
        SessionEvent::Checkpointed(_) => {}
    });
    drop(signal_guard);
    progress.finish();
    if let Some(e) = write_error {
        errln!("error: {e}");
        return exit::ERROR;
    }
    let end = match end {
        Ok(e) => e,
        Err(e) => {
            errln!("error: {e}");
            return exit::ERROR;
        }
    };
    let cp = &end.checkpoint;
    let stopped_early = end.stopped.is_some();
    // A shard enumerates only its part of the space: PROVEN needs every shard (`vecrun merge`).
    let mut verdicts = run::compute_verdicts(&program, &cp.stats, &cp.divergences, cp.exhaustive && shard.is_none(), stopped_early);
    for (p, v) in verdicts.iter_mut().enumerate() {
        if regression_failures.iter().any(|c| c.property == program.properties[p].name) {
            *v = Verdict::Failed;
        }
    }
    if !regression_failures.is_empty() {
        if let Err(e) = writer.write(&regression_failures) {
            errln!("error: {e}");
            return exit::ERROR;
        }
        counterexamples.extend(regression_failures.iter().cloned());
    }
    // Every disagreement between the device and the CPU is a row (reason `backend-divergent`), so
    // it can be found and replayed; at most `--capacity` per property.
    let divergent_rows = divergence_rows(&program, &generator, &cp.divergences, capacity);
    if !divergent_rows.is_empty() {
        if let Err(e) = writer.write(&divergent_rows) {
            errln!("error: {e}");
            return exit::ERROR;
        }
        counterexamples.extend(divergent_rows);
    }
    let result = RunResult {
        plan: PhasePlan { phases: cp.ranges.iter().map(|r| (r.phase, r.end - r.start)).collect(), exhaustive: cp.exhaustive },
        stats: cp.stats.clone(),
        verdicts: verdicts.clone(),
        seconds: cp.elapsed_seconds,
        vectors_done: cp.vectors_done,
        backend: backend.name(),
        adapter: backend.adapter(),
        divergences: cp.divergences.clone(),
        vectors_planned: total,
    };
    let outcome = match end.stopped {
        Some(session::Stop::Interrupted) => "interrupted",
        Some(session::Stop::Budget) => "budget-exhausted",
        None if verdicts.iter().any(|v| matches!(v, Verdict::Failed | Verdict::Divergent)) => "failed",
        None => "passed",
    };
    manifest.phases = cp.ranges.clone();
    manifest.backend = backend.name().to_string();
    manifest.adapter = backend.adapter();
    manifest.burn_usd = budget.burn_usd(cp.elapsed_seconds);
    manifest.throttled = cp.throttled;
    manifest.finished_at = Some(crate::output::now_rfc3339());
    manifest.wall_seconds = cp.elapsed_seconds;
    manifest.vectors_done = cp.vectors_done;
    manifest.outcome = outcome.to_string();
    if let Err(e) = writer.finish(&manifest) {
        errln!("error: {e}");
        return exit::ERROR;
    }
    let properties = crate::output::results::PropertyResult::of_program(&program, &result.stats, &result.verdicts);
    let results = crate::output::results::RunResults {
        manifest: &manifest,
        properties: &properties,
        counterexamples: &counterexamples,
        input_values: &|slots| run::report::input_values(&program, slots),
    };
    if let Err(e) = crate::output::write_run(&out_dir, &results, args.junit.as_deref()) {
        errln!("error: {e}");
        return exit::ERROR;
    }
    let mut regressions_error = None;
    if args.save_regressions
        && let Err(e) = save_regressions(&args.spec, &program, &counterexamples, seed, &spec.hash.hex())
    {
        regressions_error = Some(e);
    }
    let entry = crate::run::history::HistoryEntry {
        run_id: run_id.clone(),
        spec_name: spec.header.name.clone(),
        spec_hash: spec.hash.hex(),
        finished_at: manifest.finished_at.clone().unwrap_or_default(),
        outcome: outcome.to_string(),
        verdicts: program.properties.iter().zip(&verdicts).map(|(p, v)| (p.name.clone(), v.name().to_string())).collect(),
        out_dir: out_dir.display().to_string(),
        vectors: cp.vectors_done,
        shard: manifest.shard,
    };
    let history_path = crate::run::history::history_path(&args.spec);
    if let Err(e) = crate::run::history::append(&history_path, &entry) {
        let fallback = out_dir.join("history.jsonl");
        errln!("warning: cannot append to `{}` ({e}); recording the run in `{}`", history_path.display(), fallback.display());
        let _ = crate::run::history::append(&fallback, &entry);
    }
    // Every file is written before anything goes to stdout: a closed stdout never costs data.
    // The replay hint is a command that works when pasted: this spec, this seed.
    let replay = format!("vecrun run {} --seed {seed}", shell_word(&args.spec.display().to_string()));
    out!("{}", run::report::render(&spec, &program, &generator, &result, args.show, &counterexamples, &replay));
    if let Some((k, n)) = manifest.shard.filter(|_| cp.exhaustive) {
        outln!("note: shard {k}/{n} enumerated its part of the space only; `vecrun merge` of every shard gives PROVEN");
    }
    errln!("vecrun: outputs in {}", out_dir.display());
    if let Some(e) = regressions_error {
        errln!("error: cannot save regressions: {e}");
        return exit::ERROR;
    }
    match end.stopped {
        Some(session::Stop::Interrupted) => {
            errln!(
                "vecrun: interrupted; checkpoint written. Continue with: vecrun run {} --resume {}",
                args.spec.display(),
                out_dir.display()
            );
            return exit::INTERRUPTED;
        }
        Some(session::Stop::Budget) if outcome != "failed" => {
            // The limits are recorded in the checkpoint: the hint raises the one that ran out, so
            // it works when pasted.
            let raise = match (budget.seconds, budget.usd) {
                (Some(secs), _) if cp.elapsed_seconds >= secs => format!(" --seconds {}", (secs * 2.0).max(1.0).ceil()),
                (_, Some(usd)) => format!(" --usd {}", (usd * 2.0 * 100.0).ceil() / 100.0),
                _ => String::new(),
            };
            errln!(
                "vecrun: budget exhausted; checkpoint written. Continue with: vecrun run {} --resume {}{raise}",
                args.spec.display(),
                out_dir.display()
            );
        }
        _ => {}
    }
    if args.exit_zero_when_complete && end.stopped.is_none() {
        // Its part of the plan is done: the findings are in the files, `vecrun merge` carries the verdict.
        errln!("vecrun: complete; exiting 0 (--exit-zero-when-complete): the findings are in {}", out_dir.display());
        exit::OK
    } else if verdicts.iter().any(|v| matches!(v, Verdict::Failed | Verdict::Divergent)) {
        exit::FAILED
    } else if end.stopped == Some(session::Stop::Budget) {
        exit::BUDGET
    } else {
        exit::OK
    }
}

/// Replays `SPEC.regressions` (when it exists) before the run: still-failing entries become
/// counterexamples of phase `replay`; fixed and not-applicable ones are reported on stderr.
fn replay_regressions(
    spec_path: &std::path::Path,
    program: &ir::Program,
    generator: &Generator,
    threads: usize,
) -> Result<Vec<Counterexample>, i32> {
    use crate::output::regressions;
    let path = regressions::path_for(spec_path);
    if !path.exists() {
        return Ok(Vec::new());
    }
    let stored = match regressions::load(spec_path) {
        Ok(r) => r,
        Err(e) => {
            errln!("error: {e}");
            return Err(exit::ERROR);
        }
    };
    let mut cpu = match CpuBackend::new(program, generator.clone(), threads) {
        Ok(c) => c,
        Err(e) => {
            errln!("error: {e}");
            return Err(exit::ERROR);
        }
    };
    let cases: Vec<crate::replay::ReplayCase> = stored
        .iter()
        .map(|r| crate::replay::ReplayCase { property: r.property.clone(), vectors: regressions::to_slots(r, program).map(|v| vec![v]) })
        .collect();
    let verdicts = match crate::replay::classify(program, &mut cpu, &cases) {
        Ok(v) => v,
        Err(e) => {
            errln!("error: {e}");
            return Err(exit::ERROR);
        }
    };
    let (mut still, mut fixed, mut skipped) = (Vec::new(), 0, 0);
    for ((r, case), v) in stored.iter().zip(&cases).zip(&verdicts) {
        match v {
            crate::replay::ReplayVerdict::StillFailing { outcomes } => {
                let Some(p) = program.properties.iter().position(|p| p.name == r.property) else { continue };
                let slots = case.vectors.as_ref().ok().and_then(|v| v.first().cloned()).unwrap_or_default();
                let outcome = outcomes.iter().copied().find(|o| o.is_failure()).unwrap_or(ir::Outcome::Pass);
                let (message, _, location) = run::report::failure_reason(&program.properties[p], outcome);
                errln!("vecrun: regression still failing: {} ({} #{}) at {location}: {message}", r.property, r.phase, r.vector_index);
                still.push(Counterexample {
                    property: r.property.clone(),
                    assert_index: match outcome {
                        ir::Outcome::Fail(id) => Some(id),
                        _ => None,
                    },
                    assert_message: message,
                    location,
                    reason: if matches!(outcome, ir::Outcome::Fail(_)) { Reason::Assert } else { Reason::IndexOutOfBounds },
                    phase: "replay".into(),
                    vector_index: r.vector_index,
                    outcome: outcome.encode(),
                    original: slots.clone(),
                    shrunk: slots,
                    shrink_steps: 0,
                });
            }
            crate::replay::ReplayVerdict::Fixed { .. } => fixed += 1,
            crate::replay::ReplayVerdict::NotApplicable(why) => {
                skipped += 1;
                errln!("vecrun: regression not applicable: {} ({} #{}): {why}", r.property, r.phase, r.vector_index);
            }
        }
    }
    errln!(
        "vecrun: replayed {} regressions from {}: {} still failing, {fixed} fixed, {skipped} not applicable",
        stored.len(),
        path.display(),
        still.len()
    );
    Ok(still)
}

/// `--dataset`: evaluates every recorded row on the CPU, streaming the file in batches (memory
/// flat in its size). Returns the failing rows (up to `capacity` per property) as counterexamples.
fn run_dataset(
    path: &std::path::Path,
    program: &ir::Program,
    generator: &Generator,
    capacity: usize,
    threads: usize,
) -> Result<Vec<Counterexample>, String> {
    let _s = tracing::info_span!("dataset").entered();
    let mut data = crate::dataset::Dataset::open(path, program).map_err(|e| e.to_string())?;
    let cpu = CpuBackend::new(program, generator.clone(), threads).map_err(|e| e.to_string())?;
    let mut found: Vec<Counterexample> = Vec::new();
    let mut failed = vec![0u64; program.properties.len()];
    let mut discarded = vec![0u64; program.properties.len()];
    while let Some(batch) = data.next_batch(65_536).map_err(|e| e.to_string())? {
        let outcomes = cpu.eval_vectors(&batch.vectors);
        for (p, codes) in outcomes.iter().enumerate() {
            for (k, &code) in codes.iter().enumerate() {
                let o = ir::Outcome::decode(code);
                if matches!(o, ir::Outcome::Discard(_)) {
                    discarded[p] += 1;
                }
                if !o.is_failure() {
                    continue;
                }
                failed[p] += 1;
                if failed[p] as usize > capacity {
                    continue;
                }
                let prop = &program.properties[p];
                let (message, _, location) = run::report::failure_reason(prop, o);
                found.push(Counterexample {
                    property: prop.name.clone(),
                    assert_index: match o {
                        ir::Outcome::Fail(id) => Some(id),
                        _ => None,
                    },
                    assert_message: message,
                    location,
                    reason: if matches!(o, ir::Outcome::Fail(_)) { Reason::Assert } else { Reason::IndexOutOfBounds },
                    phase: "dataset".into(),
                    vector_index: batch.first_row + k as u64,
                    outcome: code,
                    original: batch.vectors[k].clone(),
                    shrunk: batch.vectors[k].clone(),
                    shrink_steps: 0,
                });
            }
        }
    }
    for (p, prop) in program.properties.iter().enumerate() {
        errln!("vecrun: dataset {}: {} rows, {}: {} failed, {} discarded", path.display(), data.rows(), prop.name, failed[p], discarded[p]);
    }
    for c in found.iter().take(3) {
        errln!("vecrun: dataset row {} fails {} at {}: {}", c.vector_index, c.property, c.location, c.assert_message);
    }
    Ok(found)
}

/// `--save-regressions`: the first shrunk counterexample of each failed property.
fn save_regressions(
    spec_path: &std::path::Path,
    program: &ir::Program,
    counterexamples: &[Counterexample],
    seed: u64,
    hash: &str,
) -> Result<(), String> {
    use crate::output::regressions::{self, Regression};
    let mut picked: Vec<Regression> = Vec::new();
    for p in &program.properties {
        if let Some(c) = counterexamples.iter().find(|c| c.property == p.name && c.phase != "replay") {
            picked.push(Regression::from_counterexample(c, program, seed, hash));
        }
    }
    if picked.is_empty() {
        return Ok(());
    }
    let n = regressions::append(spec_path, &picked).map_err(|e| e.to_string())?;
    errln!("vecrun: saved {n} new regression{} to {}", if n == 1 { "" } else { "s" }, regressions::path_for(spec_path).display());
    Ok(())
}

/// `20261125T104500Z-1a2b` (plus the shard, when sharded).
fn new_run_id(shard: Option<Shard>) -> String {
    let t = crate::output::now_rfc3339().replace(['-', ':'], "");
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let tag = (nanos ^ std::process::id().rotate_left(16)) & 0xFFFF;
    match shard {
        Some(s) => format!("{t}-{tag:04x}-{}", s.label()),
        None => format!("{t}-{tag:04x}"),
    }
}

/// Turns failures into counterexample records, shrinking each within the run's shrink budget.
struct Shrinker<'a> {
    program: &'a ir::Program,
    generator: &'a Generator,
    cpu: Option<CpuBackend>,
    limits: crate::shrink::ShrinkLimits,
    /// The shrink budget: time spent shrinking only (a failure found late in a long run is
    /// still shrunk), at most 5 s per counterexample.
    budget: Duration,
    spent: Duration,
}

impl<'a> Shrinker<'a> {
    fn new(program: &'a ir::Program, generator: &'a Generator, steps: u32, seconds: f64, threads: usize) -> Shrinker<'a> {
        let cpu = CpuBackend::new(program, generator.clone(), threads).ok();
        let limits = crate::shrink::ShrinkLimits { max_steps: steps, max_time: Duration::from_secs_f64(seconds.clamp(0.0, 5.0)) };
        Shrinker { program, generator, cpu, limits, budget: Duration::from_secs_f64(seconds.max(0.0)), spent: Duration::ZERO }
    }

    fn counterexample(&mut self, property: usize, f: &run::Failure) -> Counterexample {
        let p = &self.program.properties[property];
        let mut slots = vec![0u32; self.generator.slots];
        self.generator.decode(f.phase, f.index, &mut slots);
        let (message, _, location) = run::report::failure_reason(p, f.outcome());
        let (assert_index, reason) = match f.outcome() {
            ir::Outcome::Fail(id) => (Some(id), Reason::Assert),
            _ => (None, Reason::IndexOutOfBounds),
        };
        let (shrunk, steps) = match &self.cpu {
            Some(cpu) if self.spent < self.budget && self.limits.max_steps > 0 => {
                let started = std::time::Instant::now();
                let mut eval = |candidates: &[Vec<u32>]| cpu.eval_vectors(candidates).swap_remove(property);
                let left = self.budget.saturating_sub(self.spent);
                let limits = crate::shrink::ShrinkLimits { max_steps: self.limits.max_steps, max_time: self.limits.max_time.min(left) };
                let r = crate::shrink::shrink(self.program, property, &slots, f.outcome, &mut eval, &limits);
                self.spent += started.elapsed();
                (r.values, r.steps)
            }
            _ => (slots.clone(), 0),
        };
        Counterexample {
            property: p.name.clone(),
            assert_index,
            assert_message: message,
            location,
            reason,
            phase: f.phase.name().to_string(),
            vector_index: f.index,
            outcome: f.outcome,
            original: slots,
            shrunk,
            shrink_steps: steps,
        }
    }
}

/// Picks the backend: `gpu` must open an adapter; `auto` uses a hardware GPU when there is one.
fn select_backend(args: &RunArgs, program: &ir::Program, generator: &Generator, cpu: CpuBackend) -> Result<Box<dyn Backend>, i32> {
    let want_gpu = args.backend != BackendChoice::Cpu;
    if !want_gpu {
        return Ok(Box::new(cpu));
    }
    // `auto` takes only a hardware GPU unless an adapter is named; `gpu` refuses a software one
    // unless --allow-software-gpu. Every adapter chosen (every hardware GPU, or each --adapter)
    // gets a device; each index range is split between them.
    let hardware_only = match args.backend {
        BackendChoice::Auto => args.adapter.is_empty(),
        _ => !super::allow_software_gpu(),
    };
    let devices = match gpu::open_devices(&args.adapter, hardware_only) {
        Ok(d) => d,
        Err(e) if args.backend == BackendChoice::Auto => {
            errln!("vecrun: no usable GPU ({e}); using the CPU backend ({})", cpu.adapter());
            return Ok(Box::new(cpu));
        }
        Err(e) => {
            errln!("error: {}", super::software_gpu_hint(&e));
            return Err(exit::ERROR);
        }
    };
    let mut members = Vec::with_capacity(devices.len());
    for dev in devices {
        let reference = match CpuBackend::new(program, generator.clone(), effective_threads(args.threads)) {
            Ok(c) => c,
            Err(e) => {
                errln!("error: {e}");
                return Err(exit::ERROR);
            }
        };
        match gpu::GpuBackend::new(dev, program, generator.clone(), reference) {
            Ok(mut g) => {
                g.set_cross_check(args.cross_check);
                members.push(g);
            }
            Err(e) if args.backend == BackendChoice::Auto => {
                errln!("vecrun: the GPU backend cannot run this spec ({e}); using the CPU backend ({})", cpu.adapter());
                return Ok(Box::new(cpu));
            }
            Err(e) => {
                errln!("error: {e}");
                return Err(exit::ERROR);
            }
        }
    }
    let backend: Box<dyn Backend> = if members.len() == 1 {
        Box::new(members.remove(0))
    } else {
        match gpu::MultiGpuBackend::new(members) {
            Ok(m) => Box::new(m),
            Err(e) => {
                errln!("error: {e}");
                return Err(exit::ERROR);
            }
        }
    };
    errln!("vecrun: using the GPU backend ({})", backend.adapter());
    Ok(backend)
}

/// `--index`: regenerate one vector and evaluate every selected property on it.
fn run_one(args: &RunArgs, program: &ir::Program, generator: &Generator, cpu: CpuBackend, phase: Phase, index: u64) -> i32 {
    let mut slots = vec![0u32; generator.slots];
    generator.decode(phase, index, &mut slots);
    // Evaluated on the backend asked for, so a divergence can be reproduced; the output says which.
    let (outcomes, engine) = match eval_on_backend(args, program, generator, cpu, &slots) {
        Ok(x) => x,
        Err(code) => return code,
    };
    outln!("vector {} #{index} (evaluated on {engine})", phase.name());
    for (name, value) in run::report::input_values(program, &slots) {
        outln!("    {name} = {value}");
    }
    let mut failed = false;
    for (p, codes) in program.properties.iter().zip(&outcomes) {
        let o = ir::Outcome::decode(codes[0]);
        let text = match o {
            ir::Outcome::Pass => "passed".to_string(),
            ir::Outcome::Discard(id) => {
                format!("discarded by `assume {}` at {}", p.assumes[id as usize].text, p.assumes[id as usize].location)
            }
            _ => {
                failed = true;
                let (msg, _, loc) = run::report::failure_reason(p, o);
                format!("FAILED at {loc}: {msg}")
            }
        };
        outln!("  {}: {text}", p.name);
    }
    if failed { exit::FAILED } else { exit::OK }
}

/// Evaluates one vector on the backend the flags select; returns the outcomes and which engine ran.
fn eval_on_backend(
    args: &RunArgs,
    program: &ir::Program,
    generator: &Generator,
    cpu: CpuBackend,
    slots: &[u32],
) -> Result<(Vec<Vec<u32>>, String), i32> {
    let mut backend = select_backend(args, program, generator, cpu)?;
    let engine = format!("{} [{}]", backend.name(), backend.adapter());
    match backend.eval_vectors(&[slots.to_vec()]) {
        Ok(outcomes) => Ok((outcomes, engine)),
        Err(e) => {
            errln!("error: {e}");
            Err(exit::ERROR)
        }
    }
}

/// `--threads`, or when it is 0 (one per core) the CPUs a Slurm job step was given
/// (`SLURM_CPUS_PER_TASK`), so a job does not oversubscribe the node it shares.
fn effective_threads(flag: usize) -> usize {
    if flag != 0 {
        return flag;
    }
    std::env::var("SLURM_CPUS_PER_TASK")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| (1..=MAX_THREADS).contains(n))
        .unwrap_or(0)
}

/// Counterexample rows for the vectors on which a device and the CPU reference disagreed: the
/// vector as generated (not shrunk), the CPU's outcome as the reference.
fn divergence_rows(program: &ir::Program, generator: &Generator, divergences: &[run::Divergence], capacity: usize) -> Vec<Counterexample> {
    let mut rows = Vec::new();
    for p in &program.properties {
        for d in divergences.iter().filter(|d| d.property == p.name).take(capacity) {
            let mut slots = vec![0u32; generator.slots];
            generator.decode(d.phase, d.index, &mut slots);
            let failing = [d.cpu_outcome, d.gpu_outcome].into_iter().find(|c| ir::Outcome::try_decode(*c).is_some_and(|o| o.is_failure()));
            let (_, _, location) = failing.map(|c| run::report::failure_reason(p, ir::Outcome::decode(c))).unwrap_or_default();
            rows.push(Counterexample {
                property: p.name.clone(),
                assert_index: match ir::Outcome::try_decode(d.cpu_outcome) {
                    Some(ir::Outcome::Fail(id)) => Some(id),
                    _ => None,
                },
                assert_message: format!(
                    "backend-divergent: the device says {}, the CPU says {}",
                    describe_outcome(p, d.gpu_outcome),
                    describe_outcome(p, d.cpu_outcome)
                ),
                location,
                reason: Reason::BackendDivergent,
                phase: d.phase.name().to_string(),
                vector_index: d.index,
                outcome: d.cpu_outcome,
                original: slots.clone(),
                shrunk: slots,
                shrink_steps: 0,
            });
        }
    }
    rows
}

fn describe_outcome(p: &ir::PropertyIr, code: u32) -> String {
    match ir::Outcome::try_decode(code) {
        Some(ir::Outcome::Pass) => "pass".into(),
        Some(ir::Outcome::Discard(id)) => format!("discarded (assume #{id})"),
        Some(o @ (ir::Outcome::Fail(_) | ir::Outcome::OutOfBounds(_))) => run::report::failure_reason(p, o).0,
        None => format!("unknown outcome {code:#x}"),
    }
}

/// A word as a POSIX shell reads it back: as is when it is plain, else single-quoted.
fn shell_word(w: &str) -> String {
    if !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+=:,@".contains(c)) {
        w.to_string()
    } else {
        format!("'{}'", w.replace('\'', "'\\''"))
    }
}

//! `vecrun run`: generate vectors, evaluate the properties, report.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use clap::Args;

use super::progress::Progress;
use super::signals;
use super::{exit, report_compile_error, report_warnings};
use crate::cpu::CpuEngine;
use crate::output::model::RunStatus;
use crate::run::backends::BackendRequest;
use crate::run::runner::{self, Run, RunEvent, RunOutcome, RunSettings, Target};
use crate::run::session::{BudgetLimits, Event as SessionEvent};
use crate::run::shard::Shard;
use crate::run::{self, Phase};

pub use crate::run::backends::BackendChoice;

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
    /// How the CPU evaluates properties: `compiled` to native lane code (Cranelift; a property
    /// that calls an extern fn stays interpreted) or `interpreter`. Both give the same results.
    #[arg(long, value_enum, default_value_t = CpuEngine::Compiled, value_name = "ENGINE")]
    pub cpu_engine: CpuEngine,
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
    /// Run the solver phase first: every assert and index of every property proven or refuted
    /// over its whole input space by an SMT-LIB 2 solver: z3, or `--solver=PATH` (e.g. cvc5).
    #[arg(long, value_name = "PATH", num_args = 0..=1, require_equals = true, default_missing_value = "z3")]
    pub solver: Option<PathBuf>,
    /// Seconds per solver query (one per assert and index); a query that takes longer is unknown.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, value_parser = parse_interval)]
    pub solver_timeout: f64,
    #[command(flatten)]
    pub impls: ImplArgs,
}

/// The implementations of a spec's extern fns (`run`, `prove`, `replay`, `equiv`).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ImplArgs {
    /// Bind extern fn NAME to an implementation: `NAME=exec:COMMAND ARGS...` (a process speaking
    /// Arrow IPC streams on stdin/stdout, one per CPU worker) or `NAME=lib:PATH.so[:SYMBOL]` (a
    /// shared library with the batched C ABI). Repeat for each extern fn; see docs/implementations.md.
    #[arg(long = "impl", value_name = "NAME=KIND:TARGET", value_parser = parse_binding)]
    pub bindings: Vec<crate::impls::BindingSpec>,
    /// Seconds one call of an implementation may take; past it, the call's vectors are bisected and
    /// each one that hangs is a counterexample with reason `implementation_timeout`.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, value_parser = parse_interval)]
    pub impl_timeout: f64,
}

impl ImplArgs {
    pub fn timeout(&self) -> Duration {
        Duration::from_secs_f64(self.impl_timeout.clamp(0.001, 1e6))
    }
}

fn parse_binding(s: &str) -> Result<crate::impls::BindingSpec, String> {
    s.parse().map_err(|e: crate::impls::BindingParseError| e.to_string())
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
pub use crate::run::runner::DEFAULT_CAPACITY;

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
        Err(e) => return compile_failed(&args, &e),
    };
    report_warnings(&checked.spec.sources, &checked.warnings);
    let settings = match settings(&args) {
        Ok(s) => s,
        Err(message) => return fail(message),
    };
    let target = match Target::new(checked.spec, &settings) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    if let Some(index) = args.index {
        return run_one(&target, &settings, Phase::parse(&args.phase).unwrap_or(Phase::Random), index);
    }
    let run = match Run::new(target, settings) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    if run.money_limit_unenforced() {
        errln!(
            "warning: a `usd` budget needs the instance price: set `usd_per_hour` in the spec, --usd-per-hour, or VECRUN_USD_PER_HOUR; the money limit is not enforced"
        );
    }
    let _out_lock = match run.start() {
        Ok(lock) => lock,
        Err(e) => return fail(e),
    };
    signals::CHECKPOINT_ON_DISK.store(true, std::sync::atomic::Ordering::SeqCst);
    let mut progress = Progress::new(run.total(), args.quiet);
    let outcome = run.execute(stop, &mut |event| match event {
        RunEvent::Note(n) => errln!("vecrun: {n}"),
        RunEvent::Session(SessionEvent::Progress { done, failures, elapsed, burn_fraction, throttled, .. }) => {
            progress.update(done, failures, elapsed, burn_fraction, throttled)
        }
        RunEvent::Session(SessionEvent::Warning(w)) => progress.warn(&w),
        RunEvent::Session(_) => {}
    });
    drop(signal_guard);
    progress.finish();
    let outcome = match outcome.and_then(|o| o.write_results(args.junit.as_deref()).map(|()| o)) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    let saved = if args.save_regressions { Some(outcome.save_regressions(&args.spec)) } else { None };
    record_history(&args.spec, &outcome);
    // Every file is written before anything goes to stdout: a closed stdout never costs data.
    print_outcome(&args, &outcome);
    match saved {
        Some(Err(e)) => return fail(format!("cannot save regressions: {e}")),
        Some(Ok(n)) if n > 0 => errln!(
            "vecrun: saved {n} new regression{} to {}",
            if n == 1 { "" } else { "s" },
            crate::output::regressions::path_for(&args.spec).display()
        ),
        _ => {}
    }
    exit_code(&args, &outcome)
}

/// The run's settings from its flags and environment (the spec's header applies in the library).
fn settings(args: &RunArgs) -> Result<RunSettings, String> {
    let shard = args.shard.as_deref().map(Shard::parse).transpose().map_err(|e| format!("--shard: {e}"))?;
    // The job engine's shard, unless a flag or the resumed checkpoint names one.
    let env_shard = match (shard, &args.resume, args.index) {
        (None, None, None) => match Shard::from_env(&|k| std::env::var(k).ok(), args.shard_count).map_err(|e| e.to_string())? {
            Some((s, engine)) => {
                errln!("vecrun: running shard {}/{} (from {engine})", s.index, s.count);
                Some(s)
            }
            None => None,
        },
        _ => None,
    };
    Ok(RunSettings {
        spec_path: args.spec.clone(),
        properties: args.properties.clone(),
        seed: args.seed,
        vectors: args.vectors,
        exhaustive: args.exhaustive,
        shard,
        env_shard,
        resume: args.resume.clone(),
        out: args.out.clone(),
        capacity: args.capacity,
        budget: BudgetLimits { seconds: args.seconds, usd: args.usd, usd_per_hour: args.usd_per_hour },
        checkpoint_every: Duration::from_secs_f64(args.checkpoint_every.max(0.01)),
        shrink_steps: args.shrink_steps,
        shrink_seconds: args.shrink_time,
        backend: BackendRequest {
            choice: args.backend,
            adapters: args.adapter.clone(),
            allow_software: super::allow_software_gpu(),
            cross_check: args.cross_check,
            threads: effective_threads(args.threads),
            cpu_engine: args.cpu_engine,
        },
        dataset: args.dataset.clone(),
        solver: args.solver.as_deref().map(|path| solver_options(path, args.solver_timeout)),
        impls: args.impls.bindings.clone(),
        impl_timeout: args.impls.timeout(),
    })
}

/// `vecrun prove`: the solver phase alone (no sampled vectors), on the CPU reference.
pub fn prove(mut args: RunArgs) -> i32 {
    if args.solver.is_none() {
        args.solver = Some(PathBuf::from("z3"));
    }
    if args.vectors.is_none() && args.resume.is_none() {
        args.vectors = Some(0);
    }
    args.backend = BackendChoice::Cpu;
    run(args)
}

/// How to talk to the solver at `path`: z3's and cvc5's interactive SMT-LIB 2 modes by name,
/// else z3's arguments (most solvers take `-in`-style input; pass a wrapper script otherwise).
fn solver_options(path: &std::path::Path, timeout: f64) -> crate::solver::SolverOptions {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let args: &[&str] = if name.contains("cvc5") { &["--lang", "smt2", "--incremental", "--produce-models"] } else { &["-smt2", "-in"] };
    crate::solver::SolverOptions {
        command: path.to_path_buf(),
        args: args.iter().map(|a| a.to_string()).collect(),
        timeout: Duration::from_secs_f64(timeout),
        ..crate::solver::SolverOptions::z3()
    }
}

fn fail(e: impl std::fmt::Display) -> i32 {
    errln!("error: {e}");
    exit::ERROR
}

/// A spec that does not compile: the diagnostics, and (for CI, which reads the JUnit file) an
/// error there, not a green run.
fn compile_failed(args: &RunArgs, e: &crate::CompileError) -> i32 {
    report_compile_error(e);
    if let Some(path) = &args.junit {
        let text = match e {
            crate::CompileError::Load(le) => le.to_string(),
            crate::CompileError::Spec { sources, diagnostics } => crate::diag::render(sources, diagnostics, crate::diag::Color::Never),
        };
        if let Err(je) = crate::output::results::write_compile_error_junit(path, &args.spec, &text) {
            errln!("error: {je}");
        }
    }
    exit::ERROR
}

/// Appends the run to the spec's history, or (when that file cannot be written) to the output
/// directory's own.
fn record_history(spec: &std::path::Path, outcome: &RunOutcome) {
    let entry = outcome.history_entry();
    let history_path = crate::run::history::history_path(spec);
    if let Err(e) = crate::run::history::append(&history_path, &entry) {
        let fallback = outcome.out_dir.join("history.jsonl");
        errln!("warning: cannot append to `{}` ({e}); recording the run in `{}`", history_path.display(), fallback.display());
        let _ = crate::run::history::append(&fallback, &entry);
    }
}

/// The report on stdout and the hints on stderr.
fn print_outcome(args: &RunArgs, o: &RunOutcome) {
    // The replay hint is a command that works when pasted: this spec, this seed.
    let replay = format!("vecrun run {} --seed {}", shell_word(&args.spec.display().to_string()), o.seed);
    out!("{}", run::report::render(o, args.show, &replay));
    if let Some((k, n)) = o.manifest.shard.filter(|_| o.checkpoint.exhaustive) {
        outln!("note: shard {k}/{n} enumerated its part of the space only; `vecrun merge` of every shard gives PROVEN");
    }
    errln!("vecrun: outputs in {}", o.out_dir.display());
    let resume = format!("vecrun run {} --resume {}", args.spec.display(), o.out_dir.display());
    match o.status {
        RunStatus::Interrupted => errln!("vecrun: interrupted; checkpoint written. Continue with: {resume}"),
        // The limits are recorded in the checkpoint: the hint raises the one that ran out.
        RunStatus::BudgetExhausted => {
            errln!("vecrun: budget exhausted; checkpoint written. Continue with: {resume}{}", o.raised_budget_flag())
        }
        _ => {}
    }
}

fn exit_code(args: &RunArgs, o: &RunOutcome) -> i32 {
    if o.status == RunStatus::Interrupted {
        exit::INTERRUPTED
    } else if args.exit_zero_when_complete && o.stopped.is_none() {
        // Its part of the plan is done: the findings are in the files, `vecrun merge` carries the verdict.
        errln!("vecrun: complete; exiting 0 (--exit-zero-when-complete): the findings are in {}", o.out_dir.display());
        exit::OK
    } else if o.any_failed() {
        exit::FAILED
    } else if o.status == RunStatus::BudgetExhausted {
        exit::BUDGET
    } else {
        exit::OK
    }
}

/// `--index`: regenerate one vector and evaluate every selected property on it, on the backend
/// asked for (so a divergence can be reproduced); the output says which engine ran.
fn run_one(target: &Target, settings: &RunSettings, phase: Phase, index: u64) -> i32 {
    // With per-property inputs each group of properties names its own vectors: one vector each.
    let (mut failed, mut found) = (false, 0);
    let mut missing = None;
    for (g, group) in target.space.groups.iter().enumerate() {
        let slots = match target.vector(g, phase, index) {
            Ok(s) => s,
            // Each space has its own phase sizes: a vector missing from one is reported, not fatal.
            Err(e @ runner::RunError::IndexOutOfRange { .. }) if !target.space.is_single() => {
                outln!("vector {} #{index} of {}: none ({e})", phase.name(), group.names.join(", "));
                missing.get_or_insert(e);
                continue;
            }
            Err(e) => return fail(e),
        };
        found += 1;
        let (outcomes, engine) = match target.evaluate(&settings.backend, &slots, &mut |n| errln!("vecrun: {n}")) {
            Ok(x) => x,
            Err(e) => return fail(e),
        };
        if target.space.is_single() {
            outln!("vector {} #{index} (evaluated on {engine})", phase.name());
        } else {
            outln!("vector {} #{index} of {} (evaluated on {engine})", phase.name(), group.names.join(", "));
        }
        for (name, value) in run::report::input_values_of(&target.program, &group.names[0], &slots) {
            outln!("    {name} = {value}");
        }
        for &k in &group.properties {
            let (p, o) = (&target.program.properties[k], outcomes[k]);
            outln!("  {}: {}", p.name, runner::outcome_line(p, o));
            failed |= o.is_failure();
        }
    }
    match missing {
        Some(e) if found == 0 => fail(e),
        _ if failed => exit::FAILED,
        _ => exit::OK,
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

/// A word as a POSIX shell reads it back: as is when it is plain, else single-quoted.
fn shell_word(w: &str) -> String {
    if !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+=:,@".contains(c)) {
        w.to_string()
    } else {
        format!("'{}'", w.replace('\'', "'\\''"))
    }
}

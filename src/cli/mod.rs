//! The command line: flags (clap), resolved into settings, dispatched to one command each.
//! `main` maps the outcome to an exit code: 0 success, 1 a property failed, 2 error.

#[macro_use]
pub mod out;

pub mod batch_cmds;
pub mod check_cmd;
pub mod equiv_cmd;
pub mod fmt_cmd;
pub mod gpu_cmds;
pub mod lint_cmd;
pub mod progress;
pub mod replay_cmd;
pub mod report_cmd;
pub mod run_cmd;
pub mod signals;
pub mod trace;
pub mod vectors_cmd;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::CompileError;
use crate::diag::{self, Color};

/// Exit codes, documented in the README (they live in the library: [`crate::exit`]).
pub use crate::exit;

#[derive(Parser, Debug)]
#[command(
    name = "vecrun",
    version,
    about = "GPU-accelerated batch test-vector runner",
    long_about = "vecrun checks property specs (.vspec) over millions of generated test vectors, on a GPU through wgpu or on all CPU cores.\n\nExit codes: 0 success, 1 a property failed, 2 bad spec / bad usage / I/O error, 3 budget ran out."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Log format on stderr (log level from VECRUN_LOG, e.g. `info` or `vecrun=debug`; default warn).
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// Write a Chrome trace (open it in Perfetto or chrome://tracing) of the run's stages to FILE.
    #[arg(long, global = true, value_name = "FILE")]
    pub trace: Option<std::path::PathBuf>,
    /// Let imports reach files outside the spec's project directory (the nearest ancestor holding
    /// `.git` or `vecrun.toml`, else the spec's own folder).
    #[arg(long, global = true)]
    pub allow_imports_outside_project: bool,
    /// Let `--backend gpu` use a software adapter (Mesa's llvmpipe). Without it, a machine whose
    /// only adapter is a software one fails loudly instead of running "on the GPU" on its CPU.
    #[arg(long, global = true, env = "VECRUN_ALLOW_SOFTWARE_GPU", value_parser = clap::builder::BoolishValueParser::new())]
    pub allow_software_gpu: bool,
}

/// `--allow-software-gpu` of this command line.
static ALLOW_SOFTWARE_GPU: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether `--backend gpu` may use a software adapter.
pub fn allow_software_gpu() -> bool {
    ALLOW_SOFTWARE_GPU.load(std::sync::atomic::Ordering::SeqCst)
}

/// The error for `--backend gpu` when only a software adapter exists, with the way out.
pub fn software_gpu_hint(e: &crate::gpu::GpuError) -> String {
    if allow_software_gpu() || !e.to_string().contains("software adapter") {
        e.to_string()
    } else {
        format!("{e}; --backend gpu refuses a software adapter: pass --allow-software-gpu (or VECRUN_ALLOW_SOFTWARE_GPU=1) to use it")
    }
}

/// How this process resolves imports (set once from the global flag).
static LOAD_OPTIONS: std::sync::OnceLock<crate::load::LoadOptions> = std::sync::OnceLock::new();

/// The import rules of this command line.
pub fn load_options() -> crate::load::LoadOptions {
    LOAD_OPTIONS.get().cloned().unwrap_or_default()
}

/// Loads and checks a spec with this command line's import rules.
pub fn compile(path: &std::path::Path) -> Result<crate::check::Checked, CompileError> {
    crate::compile_spec_with(path, &load_options())
}

/// [`compile`], with the errors or the warnings printed: the spec, or `None` after its errors.
pub fn compile_reported(path: &std::path::Path) -> Option<crate::check::Checked> {
    match compile(path) {
        Ok(c) => {
            report_warnings(&c.spec.sources, &c.warnings);
            Some(c)
        }
        Err(e) => {
            report_compile_error(&e);
            None
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// Sets up `tracing`: logs on stderr (text or JSON) and, with `--trace`, a Chrome trace file.
/// The returned guard flushes the trace when dropped.
fn init_tracing(cli: &Cli) -> Result<Option<trace::TraceGuard>, String> {
    use tracing_subscriber::prelude::*;
    // wgpu's GL backend logs a harmless EGL error on machines without a display: kept out unless
    // VECRUN_LOG asks for it.
    let filter = tracing_subscriber::EnvFilter::try_from_env("VECRUN_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,wgpu_hal::gles=off,wgpu_hal::auxil=off"));
    let ansi = diag::Color::for_stderr() == diag::Color::Always;
    let (chrome, guard) = match &cli.trace {
        Some(path) => {
            let file = open_trace_file(path)?;
            // Only vecrun's own spans and events (wgpu's log records stay out), arguments typed.
            let (layer, guard) = trace::layer(file);
            (Some(layer), Some(guard))
        }
        None => (None, None),
    };
    let registry = tracing_subscriber::registry().with(chrome);
    let result = match cli.log_format {
        LogFormat::Text => {
            registry.with(tracing_subscriber::fmt::layer().with_ansi(ansi).with_writer(std::io::stderr).with_filter(filter)).try_init()
        }
        LogFormat::Json => registry
            .with(tracing_subscriber::fmt::layer().json().with_ansi(false).with_writer(std::io::stderr).with_filter(filter))
            .try_init(),
    };
    if result.is_err() {
        errln!("warning: tracing was already initialised");
    }
    Ok(guard)
}

/// Opens the `--trace` file: a new file in an existing directory, or an existing regular file
/// (never a device, FIFO or directory; missing parent directories are not created).
fn open_trace_file(path: &std::path::Path) -> Result<std::fs::File, String> {
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        return Err(format!("--trace `{}` is not a regular file", path.display()));
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    if !parent.is_dir() {
        return Err(format!("--trace `{}`: the directory `{}` does not exist", path.display(), parent.display()));
    }
    std::fs::File::create(path).map_err(|e| format!("--trace `{}`: {e}", path.display()))
}

#[derive(Subcommand, Debug)]
#[allow(clippy::large_enum_variant, reason = "one command line, parsed once per process")]
pub enum Command {
    /// Parse and type-check specs; print their inputs, domains, properties and hash.
    Check(check_cmd::CheckArgs),
    /// Generate vectors and evaluate the spec's properties; report counterexamples.
    Run(run_cmd::RunArgs),
    /// Only the solver phase: prove or refute every assert and index of every property over its
    /// whole input space with an SMT-LIB 2 solver (z3 unless `--solver=PATH`); `vecrun run --solver`
    /// runs it before the other phases.
    Prove(run_cmd::RunArgs),
    /// List the runs of a spec and the last green spec hash.
    History(batch_cmds::HistoryArgs),
    /// Merge the outputs of shards into one result (refuses mixed specs or seeds, reports missing shards).
    Merge(batch_cmds::MergeArgs),
    /// Re-evaluate the counterexamples stored in Parquet files: still failing, fixed, or not applicable.
    Replay(replay_cmd::ReplayArgs),
    /// Summarise a run's counterexample table (its directory or counterexamples/part-0.parquet): counts, smallest shrunk vectors, failing asserts, value distributions.
    Report(report_cmd::ReportArgs),
    /// List the GPU adapters wgpu can use.
    Devices(gpu_cmds::DevicesArgs),
    /// Print the WGSL compute shader generated for a spec.
    EmitWgsl(gpu_cmds::EmitWgslArgs),
    /// Print a spec in canonical formatting (or rewrite it with --write, verify with --check).
    Fmt(fmt_cmd::FmtArgs),
    /// Warn about what a spec checks less well than it seems to: over-narrow thresholds, constant conditions, unused declarations (exit 1 on errors).
    Lint(lint_cmd::LintArgs),
    /// Check that the functions of two specs (old and new) return equal results over their domains.
    Equiv(equiv_cmd::EquivArgs),
    /// Write the generated vectors of a spec (phase, index, inputs) and the results of named spec
    /// functions on them to Parquet, for test suites that consume test vectors offline.
    Vectors(vectors_cmd::VectorsArgs),
}

/// Runs a parsed command line and returns the exit code (the trace is flushed before it returns).
pub fn run(cli: Cli) -> i32 {
    out::set_json_stderr(cli.log_format == LogFormat::Json);
    ALLOW_SOFTWARE_GPU.store(cli.allow_software_gpu, std::sync::atomic::Ordering::SeqCst);
    let _ = LOAD_OPTIONS.set(crate::load::LoadOptions { allow_outside_project: cli.allow_imports_outside_project });
    let guard = match init_tracing(&cli) {
        Ok(g) => g,
        Err(e) => {
            errln!("error: {e}");
            return exit::ERROR;
        }
    };
    let code = dispatch(cli.command);
    drop(guard);
    out::finish(code)
}

fn dispatch(command: Command) -> i32 {
    match command {
        Command::Check(a) => check_cmd::run(a),
        Command::Fmt(a) => fmt_cmd::run(a),
        Command::Lint(a) => lint_cmd::run(a),
        Command::Run(a) => run_cmd::run(a),
        Command::Prove(a) => run_cmd::prove(a),
        Command::Replay(a) => replay_cmd::run(a),
        Command::Report(a) => report_cmd::run(a),
        Command::Devices(a) => gpu_cmds::devices(a),
        Command::History(a) => batch_cmds::history(a),
        Command::Merge(a) => batch_cmds::merge(a),
        Command::EmitWgsl(a) => gpu_cmds::emit_wgsl(a),
        Command::Equiv(a) => equiv_cmd::run(a),
        Command::Vectors(a) => vectors_cmd::run(a),
    }
}

/// Prints a front-end failure to stderr the way rustc would.
pub fn report_compile_error(e: &CompileError) {
    match e {
        CompileError::Load(le) => errln!("error: {le}"),
        CompileError::Spec { sources, diagnostics } => {
            errout!("{}", diag::render(sources, diagnostics, Color::for_stderr()));
            let n = diag::error_count(diagnostics);
            errln!("error: could not compile the spec due to {n} previous error{}", if n == 1 { "" } else { "s" });
        }
    }
}

/// Prints warnings collected while compiling.
pub fn report_warnings(sources: &diag::SourceMap, warnings: &[diag::Diagnostic]) {
    if !warnings.is_empty() {
        errout!("{}", diag::render(sources, warnings, Color::for_stderr()));
    }
}

/// A spec path given on the command line.
pub fn spec_path_help() -> &'static str {
    "Path to a .vspec file"
}

pub type SpecPath = PathBuf;

//! The command line: flags (clap), resolved into settings, dispatched to one command each.
//! `main` maps the outcome to an exit code: 0 success, 1 a property failed, 2 error.

pub mod check_cmd;
pub mod fmt_cmd;
pub mod gpu_cmds;
pub mod run_cmd;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::diag::{self, Color};
use crate::CompileError;

/// Exit codes, documented in the README.
pub mod exit {
    pub const OK: i32 = 0;
    pub const FAILED: i32 = 1;
    pub const ERROR: i32 = 2;
    pub const BUDGET: i32 = 3;
}

#[derive(Parser, Debug)]
#[command(name = "vecrun", version, about = "GPU-accelerated batch test-vector runner", long_about = "vecrun checks property specs (.vspec) over millions of generated test vectors, on a GPU through wgpu or on all CPU cores.\n\nExit codes: 0 success, 1 a property failed, 2 bad spec / bad usage / I/O error, 3 budget ran out.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Parse and type-check specs; print their inputs, domains, properties and hash.
    Check(check_cmd::CheckArgs),
    /// Generate vectors and evaluate the spec's properties; report counterexamples.
    Run(run_cmd::RunArgs),
    /// List the GPU adapters wgpu can use.
    Devices(gpu_cmds::DevicesArgs),
    /// Print the WGSL compute shader generated for a spec.
    EmitWgsl(gpu_cmds::EmitWgslArgs),
    /// Print a spec in canonical formatting (or rewrite it with --write, verify with --check).
    Fmt(fmt_cmd::FmtArgs),
}

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Check(a) => check_cmd::run(a),
        Command::Fmt(a) => fmt_cmd::run(a),
        Command::Run(a) => run_cmd::run(a),
        Command::Devices(a) => gpu_cmds::devices(a),
        Command::EmitWgsl(a) => gpu_cmds::emit_wgsl(a),
    }
}

/// Prints a front-end failure to stderr the way rustc would.
pub fn report_compile_error(e: &CompileError) {
    match e {
        CompileError::Load(le) => eprintln!("error: {le}"),
        CompileError::Spec { sources, diagnostics } => {
            eprint!("{}", diag::render(sources, diagnostics, Color::for_stderr()));
            let n = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("error: could not compile the spec due to {n} previous error{}", if n == 1 { "" } else { "s" });
        }
    }
}

/// Prints warnings collected while compiling.
pub fn report_warnings(sources: &diag::SourceMap, warnings: &[diag::Diagnostic]) {
    if !warnings.is_empty() {
        eprint!("{}", diag::render(sources, warnings, Color::for_stderr()));
    }
}

/// A spec path given on the command line.
pub fn spec_path_help() -> &'static str {
    "Path to a .vspec file"
}

pub type SpecPath = PathBuf;

//! `vecrun lint`: report what a spec checks less well than it seems to (rules in `docs/lint.md`).

use std::path::PathBuf;

use clap::Args;

use super::{exit, report_compile_error};
use crate::diag::{self, Color, Severity};
use crate::lint::{self, LintError, Options, RunData, codes};

#[derive(Args, Debug)]
pub struct LintArgs {
    /// Spec files (.vspec) to lint.
    #[arg(required = true, value_name = "SPEC")]
    pub specs: Vec<PathBuf>,
    /// Report these as errors (exit 1): `warnings` for every warning, or a lint code or name (`L001`, `float-equality`).
    #[arg(long, value_name = "warnings|CODE")]
    pub deny: Vec<String>,
    /// Do not report this lint code or name (repeatable).
    #[arg(long, value_name = "CODE")]
    pub allow: Vec<String>,
    /// Results of a run of the spec (the run directory, its checkpoint.json or summary/part-0.parquet): also report covers
    /// never hit and assumes that discarded more than 90% of the vectors.
    #[arg(long, value_name = "FILE")]
    pub run_summary: Option<PathBuf>,
}

fn code_of(name: &str) -> Result<&'static str, String> {
    codes::lookup(name).ok_or_else(|| format!("unknown lint `{name}` (the codes are L001 to L{:03}; see docs/lint.md)", codes::ALL.len()))
}

pub fn run(args: LintArgs) -> i32 {
    let mut options = Options { load: super::load_options(), ..Options::default() };
    for d in &args.deny {
        if d == "warnings" {
            options.deny_warnings = true;
            continue;
        }
        match code_of(d) {
            Ok(c) => options.deny.push(c),
            Err(e) => {
                errln!("error: --deny: {e}");
                return exit::ERROR;
            }
        }
    }
    for a in &args.allow {
        match code_of(a) {
            Ok(c) => options.allow.push(c),
            Err(e) => {
                errln!("error: --allow: {e}");
                return exit::ERROR;
            }
        }
    }
    if let Some(path) = &args.run_summary {
        if args.specs.len() > 1 {
            errln!("error: --run-summary belongs to one spec; lint that spec alone");
            return exit::ERROR;
        }
        match RunData::read(path) {
            Ok(r) => {
                if let Some(w) = r.warning() {
                    errln!("warning: {w}");
                }
                options.run = Some(r)
            }
            Err(e) => {
                errln!("error: --run-summary: {e}");
                return exit::ERROR;
            }
        }
    }
    let mut code = exit::OK;
    for path in &args.specs {
        match lint::lint_path(path, &options) {
            Ok(linted) => {
                errout!("{}", diag::render(&linted.sources, &linted.diagnostics, Color::for_stderr()));
                let (e, w, n) = (linted.count(Severity::Error), linted.count(Severity::Warning), linted.count(Severity::Note));
                let plural = |k: usize, word: &str| format!("{k} {word}{}", if k == 1 { "" } else { "s" });
                errln!("{}: {}, {}, {}", path.display(), plural(e, "error"), plural(w, "warning"), plural(n, "note"));
                if linted.has_errors() && code == exit::OK {
                    code = exit::FAILED;
                }
            }
            Err(LintError::Compile(e)) => {
                report_compile_error(&e);
                code = exit::ERROR;
            }
            Err(e) => {
                errln!("error: {e}");
                code = exit::ERROR;
            }
        }
    }
    code
}

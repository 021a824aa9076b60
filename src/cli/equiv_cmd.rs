//! `vecrun equiv OLD NEW`: functions of the same name and signature must return equal results
//! over their parameters' domains (modulo `--allow`); differences are written to Parquet. Flags
//! become an [`equiv::Job`]; the library writes, compiles and runs the comparisons.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{exit, report_compile_error, report_warnings};
use crate::diag;
use crate::equiv::{self, AllowRule, Job, JobEvent, RunSettings, Side, SideId, SynthOptions};
use crate::run::backends::{BackendChoice, BackendRequest};

#[derive(Args, Debug)]
pub struct EquivArgs {
    /// The spec with the old behaviour (.vspec).
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The spec with the new behaviour (.vspec).
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Compare only this function (repeatable; it must be in both specs). Default: every function
    /// OLD's root file defines.
    #[arg(long = "fn", value_name = "NAME")]
    pub functions: Vec<String>,
    /// An intended difference: a boolean expression over the parameters and `old` / `new` (the two
    /// results), e.g. `amount >= 9000 && new == old + 1`; `FN:PREDICATE` limits it to one function.
    /// Differences it matches are counted and reported, not failures (repeatable: any may match).
    #[arg(long, value_name = "[FN:]PREDICATE")]
    pub allow: Vec<String>,
    /// Which engine evaluates the vectors.
    #[arg(long, value_enum, default_value_t = BackendChoice::Auto)]
    pub backend: BackendChoice,
    /// Use the GPU adapter whose name contains this text (see `vecrun devices`).
    #[arg(long, value_name = "NAME")]
    pub adapter: Option<String>,
    /// Vectors per function (edge + random), or the enumeration threshold: a parameter space of at
    /// most N vectors is enumerated whole (the verdict is then PROVEN). Default 10_000_000.
    #[arg(long, value_name = "N", value_parser = super::run_cmd::parse_count)]
    pub vectors: Option<u64>,
    /// Seed of the random phase.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Enumerate every function's whole parameter space, however large.
    #[arg(long)]
    pub exhaustive: bool,
    /// Output directory (default `vecrun-out/equiv-<old>-<new>/`), one subdirectory per function.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Differences shown per function.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub show: usize,
    /// Differences (and intended differences) kept per function; the counts are always exact.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub capacity: usize,
    /// No progress bar or progress lines.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: EquivArgs) -> i32 {
    let Some(old) = load_side(SideId::Old, &args.old) else { return exit::ERROR };
    let Some(new) = load_side(SideId::New, &args.new) else { return exit::ERROR };
    let (allow, bad): (Vec<_>, Vec<_>) = args.allow.iter().map(|a| AllowRule::parse(a)).partition(Result::is_ok);
    if !bad.is_empty() {
        bad.into_iter().filter_map(Result::err).for_each(|e| errln!("error: {e}"));
        return exit::ERROR;
    }
    let options = SynthOptions { functions: args.functions.clone(), allow: allow.into_iter().flatten().collect() };
    let selection = match equiv::synthesize(&old, &new, &options) {
        Ok(s) => s,
        Err(errors) => {
            for e in &errors {
                errln!("error: {e}");
                if let Some(h) = e.help() {
                    errln!("  = help: {h}");
                }
            }
            let (n, s) = (errors.len(), if errors.len() == 1 { "" } else { "s" });
            errln!("error: cannot compare `{}` with `{}` ({n} error{s})", args.old.display(), args.new.display());
            return exit::ERROR;
        }
    };
    let job = Job {
        out_dir: args.out.clone().unwrap_or_else(|| equiv::job::default_out_dir(&args.old, &args.new)),
        settings: RunSettings {
            vectors: args.vectors.unwrap_or(crate::DEFAULT_VECTORS),
            seed: args.seed,
            exhaustive: args.exhaustive,
            capacity: args.capacity,
            shrink: args.show,
        },
        backend: BackendRequest {
            choice: args.backend,
            adapters: args.adapter.iter().cloned().collect(),
            allow_software: super::allow_software_gpu(),
            cross_check: 0.0,
            threads: 0,
        },
    };
    let prepared = match job.prepare(&old, &new, selection) {
        Ok(p) => p,
        Err(e) => return failed(&e),
    };
    out!("{}", equiv::report::header(&old, &new, prepared.only_new()));
    let mut progress = super::progress::Delayed::new(args.quiet);
    let outcome = match prepared.run(&mut |event| match event {
        JobEvent::Note(n) => errln!("vecrun: {n}"),
        JobEvent::Progress { done, total, seconds, .. } => progress.update(done, total, seconds),
        JobEvent::Finished { .. } => progress.finish(),
    }) {
        Ok(o) => o,
        Err(e) => return failed(&e),
    };
    out!("{}", equiv::report::render(&outcome, args.show));
    errln!("vecrun: outputs in {}", outcome.out_dir.display());
    if outcome.equivalent() { exit::OK } else { exit::FAILED }
}

fn failed(e: &equiv::JobError) -> i32 {
    errln!("error: {e}");
    if let Some(diagnostics) = e.compile_error() {
        report_compile_error(diagnostics);
    }
    exit::ERROR
}

fn load_side(which: SideId, path: &Path) -> Option<Side> {
    match Side::load_with(which, path, &super::load_options()) {
        Ok(s) => {
            // A spec used only for its functions has no properties: not worth a warning here.
            let warnings: Vec<diag::Diagnostic> = s.warnings.iter().filter(|w| w.code != "W0302").cloned().collect();
            report_warnings(&s.spec.sources, &warnings);
            Some(s)
        }
        Err(e) => {
            errln!("error: {} spec `{}` does not compile:", which.label(), path.display());
            report_compile_error(&e);
            None
        }
    }
}

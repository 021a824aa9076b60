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
    /// The spec with the new behaviour (.vspec); not with `--extern`.
    #[arg(value_name = "NEW", required_unless_present = "extern_fn", conflicts_with = "extern_fn")]
    pub new: Option<PathBuf>,
    /// Compare an implementation of this extern fn of OLD (then the only spec) with another build
    /// (`--new-impl`) or with a function of the spec (`--model`), over the extern fn's parameters
    /// (with the domains of OLD's inputs of the same names). See docs/implementations.md.
    #[arg(long = "extern", value_name = "NAME")]
    pub extern_fn: Option<String>,
    /// With `--extern`: the implementation to check, `exec:COMMAND ARGS...` or `lib:PATH.so[:SYMBOL]`.
    #[arg(long, value_name = "BINDING", requires = "extern_fn", value_parser = parse_target)]
    pub old_impl: Option<crate::impls::Target>,
    /// With `--extern`: the build to compare it with (`exec:...` or `lib:...`).
    #[arg(long, value_name = "BINDING", requires = "extern_fn", conflicts_with = "model", value_parser = parse_target)]
    pub new_impl: Option<crate::impls::Target>,
    /// With `--extern`: the spec function (the model) to compare the implementation with.
    #[arg(long, value_name = "FN", requires = "extern_fn")]
    pub model: Option<String>,
    /// With `--extern`: seconds one call of an implementation may take.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, value_parser = super::run_cmd::parse_interval)]
    pub impl_timeout: f64,
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

/// `exec:...` or `lib:...` (the `NAME=` of `--impl` is implied by `--extern`).
fn parse_target(s: &str) -> Result<crate::impls::Target, String> {
    let value = s.split_once('=').filter(|(n, _)| !n.contains(':')).map_or(s, |(_, v)| v);
    format!("x={value}").parse::<crate::impls::BindingSpec>().map(|b| b.target).map_err(|e| e.to_string())
}

pub fn run(args: EquivArgs) -> i32 {
    if let Some(name) = &args.extern_fn {
        return extern_equiv(&args, name);
    }
    let Some(new_path) = args.new.clone() else {
        errln!("error: give the NEW spec, or --extern NAME to compare implementations");
        return exit::ERROR;
    };
    let Some(old) = load_side(SideId::Old, &args.old) else { return exit::ERROR };
    let Some(new) = load_side(SideId::New, &new_path) else { return exit::ERROR };
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
            errln!("error: cannot compare `{}` with `{}` ({n} error{s})", args.old.display(), new_path.display());
            return exit::ERROR;
        }
    };
    let job = Job {
        out_dir: args.out.clone().unwrap_or_else(|| equiv::job::default_out_dir(&args.old, &new_path)),
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
            cpu_engine: Default::default(),
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

/// `--extern NAME`: the comparison spec of [`equiv::bindings`], run like `vecrun run` with both
/// implementations bound; its text is kept as `OUT/comparison.vspec`.
fn extern_equiv(args: &EquivArgs, name: &str) -> i32 {
    use crate::equiv::bindings::{Against, comparison};
    let Some(old_impl) = args.old_impl.clone() else {
        errln!("error: --extern {name} needs --old-impl BINDING (the implementation to check)");
        return exit::ERROR;
    };
    let against = match (&args.new_impl, &args.model) {
        (Some(b), None) => Against::Binding(b.clone()),
        (None, Some(m)) => Against::Model(m.clone()),
        _ => {
            errln!("error: --extern {name} needs --new-impl BINDING (another build) or --model FN (a spec function)");
            return exit::ERROR;
        }
    };
    let spec = match super::compile(&args.old) {
        Ok(c) => c.spec,
        Err(e) => {
            report_compile_error(&e);
            return exit::ERROR;
        }
    };
    let cmp = match comparison(&spec, &args.old, name, old_impl, &against) {
        Ok(c) => c,
        Err(e) => {
            errln!("error: {e}");
            return exit::ERROR;
        }
    };
    let checked = match equiv::bindings::compile(&cmp, &super::load_options()) {
        Ok(c) => c,
        Err(e) => {
            errln!("error: the comparison spec does not compile:");
            report_compile_error(&e);
            return exit::ERROR;
        }
    };
    let out = args.out.clone().unwrap_or_else(|| PathBuf::from("vecrun-out").join(format!("equiv-{name}")));
    let settings = crate::run::runner::RunSettings {
        spec_path: cmp.path.clone(),
        properties: vec![cmp.property.clone()],
        seed: Some(args.seed),
        vectors: args.vectors,
        exhaustive: args.exhaustive,
        shard: None,
        env_shard: None,
        resume: None,
        out: Some(out.clone()),
        capacity: Some(args.capacity),
        budget: Default::default(),
        checkpoint_every: std::time::Duration::from_secs(30),
        shrink_steps: 2000,
        shrink_seconds: 60.0,
        backend: BackendRequest {
            choice: BackendChoice::Cpu,
            adapters: Vec::new(),
            allow_software: false,
            cross_check: 0.0,
            threads: 0,
            cpu_engine: Default::default(),
        },
        dataset: None,
        solver: None,
        impls: cmp.bindings.clone(),
        impl_timeout: std::time::Duration::from_secs_f64(args.impl_timeout.clamp(0.001, 1e6)),
    };
    let outcome =
        crate::run::runner::Target::new(checked.spec, &settings).and_then(|t| crate::run::runner::Run::new(t, settings)).and_then(|run| {
            let _lock = run.start()?;
            let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            let o = run.execute(stop, &mut |event| {
                if let crate::run::runner::RunEvent::Note(n) = event {
                    errln!("vecrun: {n}");
                }
            })?;
            o.write_results(None)?;
            Ok(o)
        });
    let outcome = match outcome {
        Ok(o) => o,
        Err(e) => {
            errln!("error: {e}");
            return exit::ERROR;
        }
    };
    // The comparison is kept beside the results, importing SPEC from there, so the replay hint works.
    let kept = outcome.out_dir.join("comparison.vspec");
    let import = relative_to(&outcome.out_dir, &args.old);
    let file_name = args.old.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    let text = cmp.text.replacen(&format!("import \"{file_name}\";"), &format!("import \"{import}\";"), 1);
    if let Err(e) = crate::output::write_file(&kept, text.as_bytes()) {
        errln!("warning: cannot keep the comparison spec: {e}");
    }
    let quote = |s: String| if s.contains([' ', '"', '\'']) { format!("'{}'", s.replace('\'', "'\\''")) } else { s };
    let impls: Vec<String> = cmp.bindings.iter().map(|b| format!("--impl {}", quote(b.to_string()))).collect();
    // The kept spec imports SPEC from the output directory, which may lie outside SPEC's project.
    let outside = if import.starts_with("../") { " --allow-imports-outside-project" } else { "" };
    let replay = format!("vecrun run {}{outside} {} --seed {}", kept.display(), impls.join(" "), outcome.seed);
    out!("{}", crate::run::report::render(&outcome, args.show, &replay));
    errln!("vecrun: outputs in {} (the comparison spec is comparison.vspec there)", outcome.out_dir.display());
    if outcome.any_failed() { exit::FAILED } else { exit::OK }
}

/// `target` as a path relative to the directory `from` (both made absolute), with `/`.
fn relative_to(from: &Path, target: &Path) -> String {
    let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (from, target) = (abs(from), abs(target));
    let common = from.components().zip(target.components()).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = from.components().skip(common).map(|_| "..".to_string()).collect();
    parts.extend(target.components().skip(common).map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

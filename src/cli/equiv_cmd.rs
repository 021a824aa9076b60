//! `vecrun equiv OLD NEW`: functions of the same name and signature must return equal results
//! over their parameters' domains (modulo `--allow`); differences are written to Parquet.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{exit, report_compile_error, report_warnings};
use crate::cpu::CpuBackend;
use crate::diag;
use crate::equiv::{
    self, AllowRule, Comparison, ComparisonError, Compiled, Difference, FunctionRun, RunSettings, Side, SideId, SynthOptions,
};
use crate::gpu;
use crate::ir::{Outcome, Program};
use crate::output::model::{Counterexample, Manifest, PhaseRange, Reason, RunStatus};
use crate::output::parquet;
use crate::run::report::{group, input_values, rate};
use crate::run::{Backend, Generator, Verdict};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EquivBackend {
    /// A hardware GPU when one is usable, else the CPU.
    Auto,
    Cpu,
    Gpu,
}

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
    #[arg(long, value_enum, default_value_t = EquivBackend::Auto)]
    pub backend: EquivBackend,
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
    let old = match load_side(SideId::Old, &args.old) {
        Some(s) => s,
        None => return exit::ERROR,
    };
    let new = match load_side(SideId::New, &args.new) {
        Some(s) => s,
        None => return exit::ERROR,
    };
    let mut allow = Vec::new();
    let mut bad = false;
    for a in &args.allow {
        match AllowRule::parse(a) {
            Ok(r) => allow.push(r),
            Err(e) => {
                errln!("error: {e}");
                bad = true;
            }
        }
    }
    if bad {
        return exit::ERROR;
    }
    let selection = match equiv::synthesize(&old, &new, &SynthOptions { functions: args.functions.clone(), allow }) {
        Ok(s) => s,
        Err(errors) => {
            for e in &errors {
                errln!("error: {e}");
                if let Some(h) = e.help() {
                    errln!("  = help: {h}");
                }
            }
            errln!(
                "error: cannot compare `{}` with `{}` ({} error{})",
                args.old.display(),
                args.new.display(),
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            );
            return exit::ERROR;
        }
    };
    let out_dir =
        args.out.clone().unwrap_or_else(|| PathBuf::from("vecrun-out").join(format!("equiv-{}-{}", stem(&args.old), stem(&args.new))));
    if let Err(e) = std::fs::create_dir_all(&out_dir) {
        errln!("error: cannot create output directory `{}`: {e}", out_dir.display());
        return exit::ERROR;
    }
    // Write and compile every comparison spec before running anything: errors come first.
    let mut compiled: Vec<(Comparison, Compiled, PathBuf)> = Vec::new();
    for c in selection.comparisons {
        let dir = out_dir.join(&c.function);
        let spec_path = dir.join("equiv.vspec");
        if let Err(e) = std::fs::create_dir_all(&dir).and_then(|_| crate::output::write_atomic(&spec_path, c.text.as_bytes())) {
            errln!("error: cannot write `{}`: {e}", spec_path.display());
            return exit::ERROR;
        }
        match c.compile(&spec_path.display().to_string()) {
            Ok(k) => compiled.push((c, k, dir)),
            Err(e) => {
                if e.in_allow {
                    let params: Vec<String> =
                        c.params.iter().filter(|p| p.name != "old" && p.name != "new").map(|p| format!("`{}`", p.name)).collect();
                    let hidden: Vec<String> =
                        c.params.iter().filter(|p| p.name == "old" || p.name == "new").map(|p| format!("`{}`", p.name)).collect();
                    let sees = if params.is_empty() {
                        "`old` and `new` (the results)".to_string()
                    } else {
                        format!("the parameters {}, and `old` and `new` (the results)", params.join(", "))
                    };
                    let note = if hidden.is_empty() {
                        String::new()
                    } else {
                        format!("; the parameter {} is hidden by the result of the same name", hidden.join(" and "))
                    };
                    errln!("error: the --allow predicate does not compile for `{}` (it sees {sees}{note}):", c.function);
                } else {
                    errln!(
                        "error: internal error: the comparison spec of `{}` does not compile; please report it (the spec is `{}`):",
                        c.function,
                        spec_path.display()
                    );
                }
                report_compile_error(&e.error);
                return exit::ERROR;
            }
        }
    }
    let settings = RunSettings {
        vectors: args.vectors.unwrap_or(crate::DEFAULT_VECTORS),
        seed: args.seed,
        exhaustive: args.exhaustive,
        capacity: args.capacity,
        shrink: args.show,
    };
    let mut picker = BackendPicker { choice: args.backend, adapter: args.adapter.clone(), device: None, announced: false };
    outln!("equiv OLD {} (hash {})", args.old.display(), old.spec.hash.short());
    outln!("      NEW {} (hash {})", args.new.display(), new.spec.hash.short());
    if !selection.only_new.is_empty() {
        outln!("      not compared (only in NEW, no old behaviour): {}", selection.only_new.join(", "));
    }
    let mut runs: Vec<(Comparison, Compiled, PathBuf, FunctionRun)> = Vec::new();
    for (c, k, dir) in compiled {
        let started_at = crate::output::now_rfc3339();
        // Progress only for comparisons that take a while (not for the many that finish at once).
        let mut progress: Option<super::progress::Progress> = None;
        let (quiet, t0) = (args.quiet, std::time::Instant::now());
        let mut on_progress = |done: u64, total: u64| {
            let elapsed = t0.elapsed().as_secs_f64();
            if progress.is_none() && elapsed >= 1.0 && done < total {
                progress = Some(super::progress::Progress::new(total, quiet));
            }
            if let Some(p) = &mut progress {
                p.update(done, 0, elapsed, 0.0, false);
            }
        };
        let result = equiv::run_comparison(&c, &k, &mut |p, g| picker.make(p, g), &settings, &mut on_progress);
        if let Some(mut p) = progress {
            p.finish();
        }
        let r = match result {
            Ok(r) => r,
            Err(e) => {
                errln!("error: comparing `{}`: {e}", c.function);
                return exit::ERROR;
            }
        };
        if let Err(e) = write_function_outputs(&dir, &k, &r, &args, &started_at) {
            errln!("error: {e}");
            return exit::ERROR;
        }
        runs.push((c, k, dir, r));
    }
    out!("{}", render(&runs, &args));
    if let Err(e) = write_summary_json(&out_dir, &args, &old, &new, &selection.only_new, &runs) {
        errln!("error: {e}");
        return exit::ERROR;
    }
    errln!("vecrun: outputs in {}", out_dir.display());
    if runs.iter().all(|(_, _, _, r)| r.equivalent()) { exit::OK } else { exit::FAILED }
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

/// A file name's stem, for the default output directory.
fn stem(p: &Path) -> String {
    p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "spec".into())
}

/// Opens the GPU once (when wanted) and builds a backend per program; `auto` falls back to the CPU.
struct BackendPicker {
    choice: EquivBackend,
    adapter: Option<String>,
    device: Option<Result<gpu::GpuDevice, String>>,
    announced: bool,
}

impl BackendPicker {
    fn make(&mut self, program: &Program, generator: &Generator) -> Result<Box<dyn Backend>, ComparisonError> {
        let cpu = CpuBackend::new(program, generator.clone(), 0)?;
        if self.choice == EquivBackend::Cpu {
            return Ok(Box::new(cpu));
        }
        let hardware_only = match self.choice {
            EquivBackend::Auto => self.adapter.is_none(),
            _ => !super::allow_software_gpu(),
        };
        let adapter = self.adapter.clone();
        let device = self
            .device
            .get_or_insert_with(|| gpu::open_device(adapter.as_deref(), hardware_only).map_err(|e| super::software_gpu_hint(&e)))
            .clone();
        let dev = match device {
            Ok(d) => d,
            Err(e) if self.choice == EquivBackend::Auto => {
                if !self.announced {
                    errln!("vecrun: no usable GPU ({e}); using the CPU backend ({})", cpu.adapter());
                    self.announced = true;
                }
                return Ok(Box::new(cpu));
            }
            Err(e) => return Err(ComparisonError::NoDevice(e)),
        };
        let reference = CpuBackend::new(program, generator.clone(), 0)?;
        match gpu::GpuBackend::new(dev, program, generator.clone(), reference) {
            Ok(g) => Ok(Box::new(g)),
            Err(e) if self.choice == EquivBackend::Auto => {
                errln!("vecrun: the GPU backend cannot run this comparison ({e}); using the CPU backend ({})", cpu.adapter());
                Ok(Box::new(cpu))
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// `20261125T104500Z-1a2b`.
fn new_run_id() -> String {
    let t = crate::output::now_rfc3339().replace(['-', ':'], "");
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("{t}-{:04x}", (nanos ^ std::process::id().rotate_left(16)) & 0xFFFF)
}

fn manifest(
    k: &Compiled,
    r: &FunctionRun,
    program: &Program,
    spec_path: &Path,
    args: &EquivArgs,
    started_at: &str,
    run_id: &str,
) -> Manifest {
    Manifest {
        schema_version: crate::output::model::SCHEMA_VERSION,
        vecrun_version: env!("CARGO_PKG_VERSION").to_string(),
        run_id: run_id.to_string(),
        spec_name: k.spec.header.name.clone(),
        spec_version: k.spec.header.version.clone(),
        spec_hash: k.spec.hash.hex(),
        spec_path: spec_path.display().to_string(),
        generator_version: crate::r#gen::GENERATOR_VERSION,
        seed: args.seed,
        shard: None,
        phases: r.plan.phases.iter().map(|&(phase, n)| PhaseRange { phase, start: 0, end: n }).collect(),
        exhaustive: r.plan.exhaustive,
        backend: r.backend.to_string(),
        adapter: r.adapter.clone(),
        properties: program.properties.iter().map(|p| p.name.clone()).collect(),
        budget: crate::check::Budget { vectors: Some(args.vectors.unwrap_or(crate::DEFAULT_VECTORS)), ..Default::default() },
        burn_usd: None,
        throttled: false,
        started_at: started_at.to_string(),
        finished_at: Some(crate::output::now_rfc3339()),
        wall_seconds: r.seconds,
        vectors_done: r.vectors_done,
        outcome: if r.equivalent() { RunStatus::Passed } else { RunStatus::Failed },
    }
}

/// A difference as a counterexample record: the message says which outputs differ.
fn counterexample(program: &Program, d: &Difference, base: &str) -> Counterexample {
    let p = &program.properties[0];
    let outcome = Outcome::decode(d.outcome);
    let (message, _, location) = crate::run::report::failure_reason(p, outcome);
    let (assert_index, reason, message) = match outcome {
        Outcome::Fail(id) => (Some(id), Reason::Assert, format!("{base}: {}", d.class)),
        _ => (None, Reason::IndexOutOfBounds, format!("{message} ({})", d.class)),
    };
    let (shrunk, steps) = d.shrunk.clone().unwrap_or_else(|| (d.slots.clone(), 0));
    Counterexample {
        property: p.name.clone(),
        assert_index,
        assert_message: message,
        location,
        reason,
        phase: crate::output::model::Source::Phase(d.phase),
        vector_index: d.index,
        outcome: d.outcome,
        original: d.slots.clone(),
        shrunk,
        shrink_steps: steps,
    }
}

/// `DIR/<fn>/`: `counterexamples.parquet` (unintended differences), `intended.parquet` (with
/// `--allow`), `summary.parquet`, `manifest.json` (and `equiv.vspec`, written before the run).
fn write_function_outputs(dir: &Path, k: &Compiled, r: &FunctionRun, args: &EquivArgs, started_at: &str) -> Result<(), String> {
    let spec_path = dir.join("equiv.vspec");
    let run_id = new_run_id();
    let sources = parquet::sources_of(&k.spec.sources);
    let m = manifest(k, r, &r.program, &spec_path, args, started_at, &run_id);
    let write_rows = |path: &Path, program: &Program, m: &Manifest, rows: Vec<Counterexample>| -> Result<(), String> {
        let mut w = parquet::CounterexampleWriter::create(path, program, m, &sources).map_err(|e| e.to_string())?;
        w.write(&rows).map_err(|e| e.to_string())?;
        w.finish(m).map(|_| ()).map_err(|e| e.to_string())
    };
    let rows: Vec<Counterexample> = r.differences.iter().map(|d| counterexample(&r.program, d, equiv::DIFFER_MESSAGE)).collect();
    write_rows(&dir.join(parquet::COUNTEREXAMPLES_FILE), &r.program, &m, rows)?;
    let intended_path = dir.join("intended.parquet");
    match &r.intended_program {
        Some(ip) => {
            let im = manifest(k, r, ip, &spec_path, args, started_at, &run_id);
            let rows = r.intended_examples.iter().map(|d| counterexample(ip, d, equiv::INTENDED_MESSAGE)).collect();
            write_rows(&intended_path, ip, &im, rows)?;
        }
        None => {
            let _ = std::fs::remove_file(&intended_path);
        }
    }
    let p = &r.program.properties[0];
    let row = parquet::SummaryRow {
        property: p.name.clone(),
        evaluated: r.stats.evaluated,
        passed: r.stats.passed,
        failed: r.stats.failed,
        discarded: r.stats.discarded,
        cover_labels: p.covers.iter().map(|c| c.message.clone().unwrap_or_else(|| c.text.clone())).collect(),
        cover_hits: r.stats.cover_hits.clone(),
        verdict: r.verdict.name().to_string(),
        wall_seconds: r.seconds,
        vectors_per_second: r.vectors_done as f64 / r.seconds.max(1e-9),
    };
    parquet::write_summary(&dir.join(parquet::SUMMARY_FILE), &m, &[row]).map_err(|e| e.to_string())?;
    let json = serde_json::to_vec_pretty(&m).map_err(|e| e.to_string())?;
    crate::output::write_atomic(&dir.join("manifest.json"), &json).map_err(|e| format!("cannot write manifest: {e}"))
}

/// `DIR/equiv.json`: the two specs and, per function, the verdict and the counts.
fn write_summary_json(
    out: &Path,
    args: &EquivArgs,
    old: &Side,
    new: &Side,
    only_new: &[String],
    runs: &[(Comparison, Compiled, PathBuf, FunctionRun)],
) -> Result<(), String> {
    let functions: Vec<serde_json::Value> = runs
        .iter()
        .map(|(c, _, dir, r)| {
            serde_json::json!({
                "function": c.function,
                "signature": c.signature,
                "parameters": c.params.iter().map(|p| serde_json::json!({"name": p.name, "type": p.ty.to_string(), "domain": equiv::domain_text(&p.domain).trim_start_matches(" in ").to_string(), "origin": p.origin})).collect::<Vec<_>>(),
                "allow": c.allow,
                "verdict": r.verdict.name(),
                "equivalent": r.equivalent(),
                "exhaustive": r.plan.exhaustive,
                "evaluated": r.stats.evaluated,
                "differences": r.stats.failed,
                "intended": r.intended,
                "divergences": r.divergences.len(),
                "backend": r.backend,
                "adapter": r.adapter,
                "seconds": r.seconds,
                "dir": dir.display().to_string(),
            })
        })
        .collect();
    let doc = serde_json::json!({
        "old": {"path": args.old.display().to_string(), "spec": old.spec.header.name, "hash": old.spec.hash.hex()},
        "new": {"path": args.new.display().to_string(), "spec": new.spec.header.name, "hash": new.spec.hash.hex()},
        "seed": args.seed,
        "only_in_new": only_new,
        "equivalent": runs.iter().all(|(_, _, _, r)| r.equivalent()),
        "functions": functions,
    });
    let bytes = serde_json::to_vec_pretty(&doc).map_err(|e| e.to_string())?;
    crate::output::write_atomic(&out.join("equiv.json"), &bytes)
        .map_err(|e| format!("cannot write `{}`: {e}", out.join("equiv.json").display()))
}

/// The terminal report: a table, then each function's differences and intended differences.
fn render(runs: &[(Comparison, Compiled, PathBuf, FunctionRun)], args: &EquivArgs) -> String {
    let mut s = String::new();
    if let Some((_, _, _, r)) = runs.first() {
        let _ = writeln!(s, "backend {} [{}]  seed {}", r.backend, r.adapter, args.seed);
    }
    let _ = writeln!(s);
    let w = crate::run::report::column_width(runs.iter().map(|(c, ..)| c.signature.len()).max().unwrap_or(8).max(8));
    let _ = writeln!(
        s,
        "{:w$}  {:9}  {:>28}  {:>12}  {:>10}  {:>11}",
        "function", "verdict", "vectors", "differences", "intended", "vectors/s"
    );
    for (c, _, _, r) in runs {
        let phases: Vec<String> =
            r.plan.phases.iter().filter(|(_, n)| *n > 0).map(|(p, n)| format!("{} {}", p.name(), group(*n))).collect();
        let _ = writeln!(
            s,
            "{:w$}  {:9}  {:>28}  {:>12}  {:>10}  {:>11}",
            c.signature,
            r.verdict.name(),
            phases.join(" + "),
            group(r.stats.failed),
            if c.allow.is_some() { group(r.intended) } else { "-".into() },
            rate(r.vectors_done as f64 / r.seconds.max(1e-9))
        );
    }
    for (c, k, dir, r) in runs {
        let sources = &k.spec.sources;
        for d in &r.divergences {
            let _ = writeln!(
                s,
                "\nBACKEND-DIVERGENT {}: {} #{}: GPU says {:?}, CPU says {:?} (not counted as a difference; please report it)",
                c.function,
                d.phase.name(),
                d.index,
                Outcome::decode(d.gpu_outcome),
                Outcome::decode(d.cpu_outcome)
            );
        }
        if r.stats.failed > 0 {
            let _ = writeln!(s, "\nDIFFERENT {}: {} of {} vectors differ", c.function, group(r.stats.failed), group(r.stats.evaluated));
            let _ = writeln!(
                s,
                "  outputs that differ, in the {} kept difference{}:",
                group(r.differences.len() as u64),
                plural(r.differences.len())
            );
            for (class, n) in classes(&r.differences) {
                let _ = writeln!(s, "    {class}: {}", group(n as u64));
            }
            for d in r.differences.iter().take(args.show) {
                let _ = writeln!(s, "  difference {} #{}:", d.phase.name(), d.index);
                explain(&mut s, &r.program, sources, &d.slots, &d.old, &d.new, c.ret);
                if let Some((shrunk, steps)) = &d.shrunk {
                    let (o, n) = equiv::results(k, &r.program, shrunk);
                    let _ = writeln!(s, "    shrunk in {steps} steps to:");
                    explain(&mut s, &r.program, sources, shrunk, &o, &n, c.ret);
                }
            }
            let _ = writeln!(s, "  all kept differences: {}", dir.join(parquet::COUNTEREXAMPLES_FILE).display());
        }
        if let Some(allow) = &c.allow {
            let _ = writeln!(s, "\nintended differences of {} (--allow {allow}): {}", c.function, group(r.intended));
            for d in r.intended_examples.iter().take(args.show) {
                let _ = writeln!(s, "  intended {} #{}:", d.phase.name(), d.index);
                explain(&mut s, &r.program, sources, &d.slots, &d.old, &d.new, c.ret);
            }
            if r.intended > 0 {
                let _ = writeln!(s, "  examples: {}", dir.join("intended.parquet").display());
            }
        }
    }
    let different: Vec<&str> = runs.iter().filter(|(.., r)| !r.equivalent()).map(|(c, ..)| c.function.as_str()).collect();
    let _ = writeln!(s);
    if different.is_empty() {
        let proven = runs.iter().filter(|(.., r)| r.verdict == Verdict::Proven).count();
        let modulo = if runs.iter().any(|(c, ..)| c.allow.is_some()) { " (modulo --allow)" } else { "" };
        if proven == runs.len() {
            let _ = writeln!(
                s,
                "EQUIVALENT{modulo}: {} function{} PROVEN over {} whole domain{}",
                runs.len(),
                plural(runs.len()),
                if runs.len() == 1 { "its" } else { "their" },
                plural(runs.len())
            );
        } else {
            let _ = writeln!(
                s,
                "EQUIVALENT{modulo} on every vector tried: {} function{}, {proven} of them PROVEN over the whole domain (the others' parameter spaces are larger than --vectors; --exhaustive enumerates them)",
                runs.len(),
                plural(runs.len())
            );
        }
    } else {
        let _ = writeln!(
            s,
            "NOT EQUIVALENT: {} of {} function{} differ{}: {}",
            different.len(),
            runs.len(),
            plural(runs.len()),
            if different.len() == 1 { "s" } else { "" },
            different.join(", ")
        );
    }
    s
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// How many kept differences fall in each class, most common first.
fn classes(ds: &[Difference]) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for d in ds {
        match counts.iter_mut().find(|(c, _)| *c == d.class) {
            Some((_, n)) => *n += 1,
            None => counts.push((d.class.clone(), 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts
}

/// The inputs of a vector and both results (for arrays, only the elements that differ).
fn explain(
    s: &mut String,
    program: &Program,
    sources: &diag::SourceMap,
    slots: &[u32],
    old: &Result<crate::check::Value, equiv::eval::Trap>,
    new: &Result<crate::check::Value, equiv::eval::Trap>,
    ret: crate::check::Type,
) {
    for (name, value) in input_values(program, slots) {
        let _ = writeln!(s, "      {name} = {value}");
    }
    match (old, new, ret) {
        (Ok(crate::check::Value::Array(_, a)), Ok(crate::check::Value::Array(_, b)), crate::check::Type::Array(elem, _)) if a.len() > 8 => {
            for k in equiv::differing_elements(elem, a, b).into_iter().take(8) {
                let _ = writeln!(s, "      [{k}]: old {}, new {}", elem.display(a[k]), elem.display(b[k]));
            }
        }
        _ => {
            let _ = writeln!(s, "      old -> {}", equiv::value_text(old, sources));
            let _ = writeln!(s, "      new -> {}", equiv::value_text(new, sources));
        }
    }
}

//! `vecrun replay`: re-evaluates the counterexamples stored in Parquet files (shrunk and original
//! vectors) against the spec stored in the file, or against the current spec with `--spec` (the
//! regression oracle after a fix), and says per counterexample: still failing, fixed, or not
//! applicable (and why). Exit 0 only when nothing still fails.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;

use super::report_cmd::read_quietly;
use super::run_cmd::BackendChoice;
use super::{exit, report_compile_error, report_warnings};
use crate::CompileError;
use crate::fsio::printable;
use crate::ir;
use crate::output::junit::{self, JunitCase};
use crate::output::parquet;
use crate::replay::{ReplayVerdict, compile_sources, render_table, replay_backend, replay_stored, tally};
use crate::run::Backend;
use crate::run::report::format_inputs;

#[derive(Args, Debug)]
pub struct ReplayArgs {
    /// Counterexample files written by `vecrun run` or `vecrun merge` (`DIR/counterexamples/part-0.parquet`,
    /// or `DIR/counterexamples.parquet` before schema version 4), or their output directories.
    #[arg(required = true, value_name = "DIR|FILE.parquet")]
    pub files: Vec<PathBuf>,
    /// Replay against this spec instead of the one stored in each file (e.g. after a fix).
    #[arg(long, value_name = "SPEC")]
    pub spec: Option<PathBuf>,
    /// Which engine evaluates the vectors (stored vectors are few: they are evaluated on the CPU
    /// reference backend whatever is asked; the report says so).
    #[arg(long, value_enum, default_value_t = BackendChoice::Auto)]
    pub backend: BackendChoice,
    /// Also write the result as JUnit XML (one test case per property).
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Implementations of the spec's extern fns (a rebuilt implementation: the regression oracle).
    #[command(flatten)]
    pub impls: super::run_cmd::ImplArgs,
}

/// Per property, what JUnit should say about it.
#[derive(Default)]
struct PropertyVerdicts {
    still: Vec<String>,
    fixed: usize,
    not_applicable: Vec<String>,
}

pub fn run(args: ReplayArgs) -> i32 {
    let current = match &args.spec {
        Some(path) => match super::compile(path) {
            Ok(c) => {
                report_warnings(&c.spec.sources, &c.warnings);
                Some(c.spec)
            }
            Err(e) => {
                report_compile_error(&e);
                return exit::ERROR;
            }
        },
        None => None,
    };
    if args.backend == BackendChoice::Gpu {
        errln!("vecrun replay: stored vectors are evaluated on the CPU reference backend (too few to be worth a GPU)");
    }
    let mut errors = 0usize;
    let (mut still, mut fixed, mut na) = (0usize, 0usize, 0usize);
    let mut by_property: BTreeMap<(String, String), PropertyVerdicts> = BTreeMap::new();
    for given in &args.files {
        let Some(file) = parquet::resolve_table(given, parquet::Table::Counterexamples) else {
            errln!(
                "error: `{}` holds no counterexample table ({}/{} or {})",
                printable(&given.display().to_string()),
                parquet::Table::Counterexamples.folder(),
                parquet::PART_FILE,
                parquet::COUNTEREXAMPLES_FILE
            );
            errors += 1;
            continue;
        };
        let path = &file;
        let stored = match read_quietly(|| parquet::read_counterexamples(path)) {
            Ok(r) => r,
            Err(e) => {
                errln!("error: {}", printable(&e.to_string()));
                errors += 1;
                continue;
            }
        };
        if let Some(w) = stored.checksum.warning(path) {
            errln!("warning: {w}");
        }
        let (spec, spec_label) = match &current {
            Some(spec) => (spec.clone(), format!("`{}`", args.spec.as_deref().map(|p| p.display().to_string()).unwrap_or_default())),
            None => match compile_sources(&stored.sources) {
                Ok(c) => (c.spec, "the spec stored in the file".to_string()),
                Err(e) => {
                    errln!("error: the spec stored in `{}` does not compile with this vecrun:", path.display());
                    report_stored_compile_error(&e);
                    errors += 1;
                    continue;
                }
            },
        };
        let program = ir::lower(&spec);
        let backend = match replay_backend(&spec, &program, stored.manifest.seed) {
            Ok(b) => b,
            Err(e) => {
                errln!("error: {e}");
                errors += 1;
                continue;
            }
        };
        let mut backend = match crate::impls::Bindings::bind(&program, &args.impls.bindings, args.impls.timeout()) {
            Ok(b) if b.is_empty() => backend,
            Ok(b) => backend.with_bindings(std::sync::Arc::new(b)),
            Err(e) => {
                errln!("error: {e}");
                errors += 1;
                continue;
            }
        };
        let verdicts = match replay_stored(&stored, &program, &mut backend) {
            Ok(v) => v,
            Err(e) => {
                errln!("error: {e}");
                errors += 1;
                continue;
            }
        };
        outln!("replay {}: {} counterexample{}", path.display(), stored.rows.len(), plural(stored.rows.len()));
        outln!(
            "  recorded by run {}: spec {} {} (hash {}), seed {}",
            printable(&stored.manifest.run_id),
            printable(&stored.manifest.spec_name),
            printable(stored.manifest.spec_version.as_deref().unwrap_or("-")),
            printable(short(&stored.manifest.spec_hash)),
            stored.manifest.seed
        );
        outln!("  replayed against {spec_label} (hash {}) on {} [{}]", spec.hash.short(), backend.name(), backend.adapter());
        if current.is_none() && spec.hash.hex() != stored.manifest.spec_hash {
            outln!(
                "  note: the stored sources compile to hash {}, the run recorded {} (a different vecrun version?)",
                spec.hash.short(),
                printable(short(&stored.manifest.spec_hash))
            );
        }
        outln!();
        out!("{}", render_table(&stored, &program, &verdicts));
        let (s, f, n) = tally(&verdicts);
        outln!("\n  {s} still failing, {f} fixed, {n} not applicable\n");
        still += s;
        fixed += f;
        na += n;
        for (row, v) in stored.rows.iter().zip(&verdicts) {
            let entry = by_property.entry((stored.manifest.spec_name.clone(), row.property.clone())).or_default();
            match v {
                ReplayVerdict::StillFailing { .. } => {
                    let mut body = format!("{} #{} (seed {}) still fails\n", row.phase, row.vector_index, row.seed);
                    for (name, value) in format_inputs(&stored.inputs, &row.shrunk) {
                        let _ = writeln!(body, "  {name} = {value}");
                    }
                    entry.still.push(body);
                }
                ReplayVerdict::Fixed { .. } => entry.fixed += 1,
                ReplayVerdict::NotApplicable(reason) => entry.not_applicable.push(reason.to_string()),
            }
        }
    }
    if args.files.len() > 1 {
        outln!("total: {still} still failing, {fixed} fixed, {na} not applicable");
    }
    if let Some(path) = &args.junit {
        let cases: Vec<JunitCase> = by_property
            .iter()
            .map(|((spec, property), v)| {
                if !v.still.is_empty() {
                    JunitCase::failed(
                        property,
                        spec,
                        0.0,
                        format!("{} counterexample{} still failing", v.still.len(), plural(v.still.len())),
                        v.still.join("\n"),
                    )
                } else if v.fixed == 0 && !v.not_applicable.is_empty() {
                    JunitCase::skipped(property, spec, format!("not applicable: {}", v.not_applicable[0]))
                } else {
                    JunitCase::passed(property, spec, 0.0)
                }
            })
            .collect();
        if let Err(e) = junit::write_junit(path, "vecrun replay", &cases) {
            errln!("error: cannot write `{}`: {e}", path.display());
            return exit::ERROR;
        }
    }
    if errors > 0 {
        exit::ERROR
    } else if still > 0 {
        exit::FAILED
    } else {
        exit::OK
    }
}

/// A compile error of the spec stored in a file: its diagnostics quote the stored text, so they
/// are rendered without colour and printed escaped.
fn report_stored_compile_error(e: &CompileError) {
    match e {
        CompileError::Load(le) => errln!("error: {}", printable(&le.to_string())),
        CompileError::Spec { sources, diagnostics } => {
            errout!("{}", printable(&crate::diag::render(sources, diagnostics, crate::diag::Color::Never)));
        }
    }
}

fn short(hash: &str) -> &str {
    hash.get(..8).unwrap_or(hash)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

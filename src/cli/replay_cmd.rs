//! `vecrun replay`: re-evaluates the counterexamples stored in Parquet files (shrunk and original
//! vectors) against the spec stored in the file, or against the current spec with `--spec` (the
//! regression oracle after a fix), and says per counterexample: still failing, fixed, or not
//! applicable (and why). Exit 0 only when nothing still fails.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::Args;

use super::report_cmd::{format_inputs, read_quietly};
use super::run_cmd::BackendChoice;
use super::{exit, report_compile_error, report_warnings};
use crate::check::{Checked, TypedSpec};
use crate::cpu::CpuBackend;
use crate::fsio::printable;
use crate::ir::{self, Outcome, Program};
use crate::load::{self, MemoryFs};
use crate::output::junit::{self, JunitCase};
use crate::output::parquet::{self, StoredRun};
use crate::output::regressions::{self, NotApplicable};
use crate::run::{Backend, Generator};
use crate::{CompileError, run::report::failure_reason};

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
}

/// What replaying one counterexample found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplayVerdict {
    /// At least one of its vectors still fails the property. `outcomes`: one per vector replayed
    /// (shrunk first, then original).
    StillFailing { outcomes: Vec<Outcome> },
    /// Every vector passes (or is discarded by an `assume`).
    Fixed { outcomes: Vec<Outcome> },
    /// It cannot be replayed against this spec.
    NotApplicable(NotApplicable),
}

impl ReplayVerdict {
    pub fn name(&self) -> &'static str {
        match self {
            ReplayVerdict::StillFailing { .. } => "still failing",
            ReplayVerdict::Fixed { .. } => "fixed",
            ReplayVerdict::NotApplicable(_) => "not applicable",
        }
    }
    pub fn is_still_failing(&self) -> bool {
        matches!(self, ReplayVerdict::StillFailing { .. })
    }
    /// The outcome of each replayed vector (empty when not applicable).
    pub fn outcomes(&self) -> &[Outcome] {
        match self {
            ReplayVerdict::StillFailing { outcomes } | ReplayVerdict::Fixed { outcomes } => outcomes,
            ReplayVerdict::NotApplicable(_) => &[],
        }
    }
}

/// One counterexample to replay: its property and its vectors (slot values for the program being
/// replayed against), or why it has none.
#[derive(Clone, Debug)]
pub struct ReplayCase {
    pub property: String,
    pub vectors: Result<Vec<Vec<u32>>, NotApplicable>,
}

/// Evaluates every case's vectors (in one batch) and classifies each case.
pub fn classify(program: &Program, backend: &CpuBackend, cases: &[ReplayCase]) -> Vec<ReplayVerdict> {
    let mut batch: Vec<Vec<u32>> = Vec::new();
    for c in cases {
        if let Ok(vs) = &c.vectors {
            batch.extend(vs.iter().cloned());
        }
    }
    let codes = if batch.is_empty() { vec![Vec::new(); program.properties.len()] } else { backend.eval_vectors(&batch) };
    let mut at = 0usize;
    cases
        .iter()
        .map(|c| {
            let vs = match &c.vectors {
                Ok(vs) => vs,
                Err(na) => return ReplayVerdict::NotApplicable(na.clone()),
            };
            let start = at;
            at += vs.len();
            let Some(p) = program.properties.iter().position(|p| p.name == c.property) else {
                return ReplayVerdict::NotApplicable(NotApplicable::PropertyMissing { property: c.property.clone() });
            };
            let outcomes: Vec<Outcome> = (start..at).map(|i| Outcome::decode(codes[p].get(i).copied().unwrap_or(0))).collect();
            if outcomes.iter().any(|o| o.is_failure()) {
                ReplayVerdict::StillFailing { outcomes }
            } else {
                ReplayVerdict::Fixed { outcomes }
            }
        })
        .collect()
}

/// The replay cases of a stored run for `program`: per row, the shrunk vector then the original
/// one, mapped onto `program`'s inputs by name and type.
pub fn cases_for(run: &StoredRun, program: &Program) -> Vec<ReplayCase> {
    run.rows
        .iter()
        .map(|row| {
            let vectors = (|| {
                let shrunk = regressions::slots_for(program, &row.property, &run.split(&row.shrunk))?;
                let original = regressions::slots_for(program, &row.property, &run.split(&row.original))?;
                Ok(if shrunk == original { vec![shrunk] } else { vec![shrunk, original] })
            })();
            ReplayCase { property: row.property.clone(), vectors }
        })
        .collect()
}

/// Replays every row of a stored run against `program`.
pub fn replay_stored(run: &StoredRun, program: &Program, backend: &CpuBackend) -> Vec<ReplayVerdict> {
    classify(program, backend, &cases_for(run, program))
}

/// Compiles a spec from stored `(name, text)` sources (root first), resolving imports among them.
pub fn compile_sources(sources: &[(String, String)]) -> Result<Checked, CompileError> {
    let Some((root, text)) = sources.first() else {
        return Err(CompileError::Load(load::LoadError {
            path: PathBuf::from("<stored spec>"),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "the file stores no spec sources"),
        }));
    };
    let mut fs = MemoryFs::new();
    for (name, text) in sources {
        fs = fs.with(name, text);
    }
    let loaded = load::load_text(Path::new(root), text.clone(), &fs);
    let sources_map = loaded.sources.clone();
    crate::check::check(loaded).map_err(|diagnostics| CompileError::Spec { sources: sources_map, diagnostics })
}

/// A CPU backend to replay on (one thread: stored vectors are few).
pub fn replay_backend(spec: &TypedSpec, program: &Program, seed: u64) -> Result<CpuBackend, String> {
    CpuBackend::new(program, Generator::new(&program.slots, seed, spec.input_hash), 1).map_err(|e| e.to_string())
}

/// `pass`, `discarded`, `FAIL assert 0`, `FAIL index`.
pub fn outcome_text(o: Outcome) -> String {
    match o {
        Outcome::Pass => "pass".into(),
        Outcome::Discard(_) => "discarded".into(),
        Outcome::Fail(id) => format!("FAIL assert {id}"),
        Outcome::OutOfBounds(_) => "FAIL index".into(),
    }
}

/// The per-file table of `vecrun replay`.
pub fn render_table(run: &StoredRun, program: &Program, verdicts: &[ReplayVerdict]) -> String {
    let mut s = String::new();
    // Stored text is printed escaped (a stored `\x1b[2J` must not clear the terminal).
    let shown = |t: &str| printable(t).chars().count();
    let pw = crate::run::report::column_width(run.rows.iter().map(|r| shown(&r.property)).max().unwrap_or(8).max(8));
    let phw = crate::run::report::column_width(run.rows.iter().map(|r| shown(&r.phase)).max().unwrap_or(5).max(5));
    let _ = writeln!(s, "  {:>4}  {:pw$}  {:phw$}  {:>12}  {:14}  {:14}  result", "#", "property", "phase", "index", "shrunk", "original");
    for (i, (row, v)) in run.rows.iter().zip(verdicts).enumerate() {
        let o = v.outcomes();
        let (shrunk, original) = match o.len() {
            0 => ("-".to_string(), "-".to_string()),
            1 => (outcome_text(o[0]), format!("{} (same)", outcome_text(o[0]))),
            _ => (outcome_text(o[0]), outcome_text(o[1])),
        };
        let result = match v {
            ReplayVerdict::NotApplicable(na) => format!("not applicable: {na}"),
            other => other.name().to_string(),
        };
        let _ = writeln!(
            s,
            "  {:>4}  {:pw$}  {:phw$}  {:>12}  {:14}  {:14}  {}",
            i + 1,
            printable(&row.property),
            printable(&row.phase),
            row.vector_index,
            shrunk,
            original,
            printable(&result)
        );
    }
    // One explanation per still-failing property: what fails now, on which (shrunk) values.
    let mut explained: Vec<&str> = Vec::new();
    for (row, v) in run.rows.iter().zip(verdicts) {
        let ReplayVerdict::StillFailing { outcomes } = v else { continue };
        if explained.contains(&row.property.as_str()) {
            continue;
        }
        explained.push(&row.property);
        let Some(p) = program.properties.iter().find(|p| p.name == row.property) else { continue };
        let Some(&failing) = outcomes.iter().find(|o| o.is_failure()) else { continue };
        let (message, _, location) = failure_reason(p, failing);
        let _ = writeln!(s, "\n  {} still fails at {}: {}", printable(&row.property), printable(&location), printable(&message));
        let which = if outcomes[0].is_failure() { &row.shrunk } else { &row.original };
        let label = if outcomes[0].is_failure() { "shrunk" } else { "original" };
        let _ = writeln!(s, "    {label} vector ({} #{}):", printable(&row.phase), row.vector_index);
        for (name, value) in format_inputs(&run.inputs, which) {
            let _ = writeln!(s, "      {name} = {value}");
        }
    }
    s
}

/// Counts of each verdict: (still failing, fixed, not applicable).
pub fn tally(verdicts: &[ReplayVerdict]) -> (usize, usize, usize) {
    let still = verdicts.iter().filter(|v| v.is_still_failing()).count();
    let fixed = verdicts.iter().filter(|v| matches!(v, ReplayVerdict::Fixed { .. })).count();
    (still, fixed, verdicts.len() - still - fixed)
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
        let verdicts = replay_stored(&stored, &program, &backend);
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

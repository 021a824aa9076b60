//! Replaying stored counterexamples: the regression oracle. Each stored vector (shrunk first,
//! then original) is mapped onto the inputs of the spec replayed against, by name and type, and
//! evaluated through a [`Backend`]; each counterexample is then still failing, fixed, or not
//! applicable (and why). Used by `vecrun replay`, by `vecrun run` for `SPEC.regressions`, and by tests.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::CompileError;
use crate::check::{Checked, TypedSpec};
use crate::cpu::CpuBackend;
use crate::fsio::printable;
use crate::ir::{Outcome, Program};
use crate::load::{self, MemoryFs};
use crate::output::parquet::StoredRun;
use crate::output::regressions::{self, NotApplicable};
use crate::run::report::{failure_reason, format_inputs};
use crate::run::{Backend, BackendError, Generator};

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
pub fn classify(program: &Program, backend: &mut dyn Backend, cases: &[ReplayCase]) -> Result<Vec<ReplayVerdict>, BackendError> {
    let mut batch: Vec<Vec<u32>> = Vec::new();
    for c in cases {
        if let Ok(vs) = &c.vectors {
            batch.extend(vs.iter().cloned());
        }
    }
    let codes = if batch.is_empty() { vec![Vec::new(); program.properties.len()] } else { backend.eval_vectors(&batch)? };
    let mut at = 0usize;
    Ok(cases
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
        .collect())
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
pub fn replay_stored(run: &StoredRun, program: &Program, backend: &mut dyn Backend) -> Result<Vec<ReplayVerdict>, BackendError> {
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
pub fn replay_backend(spec: &TypedSpec, program: &Program, seed: u64) -> Result<CpuBackend, BackendError> {
    CpuBackend::new(program, Generator::new(&program.slots, seed, spec.input_hash), 1)
}

/// `pass`, `discarded`, `FAIL assert 0`, `FAIL index`.
pub fn outcome_text(o: Outcome) -> String {
    match o {
        Outcome::Pass => "pass".into(),
        Outcome::Discard(_) => "discarded".into(),
        Outcome::Fail(id) => format!("FAIL assert {id}"),
        Outcome::OutOfBounds(_) => "FAIL index".into(),
        Outcome::ImplCrashed(_) => "FAIL crashed".into(),
        Outcome::ImplTimeout(_) => "FAIL timeout".into(),
        Outcome::LoopBound(_) => "FAIL loop bound".into(),
        Outcome::Invalid(code) => format!("FAIL invalid {code:#x}"),
    }
}

/// The per-file table of `vecrun replay`.
pub fn render_table(run: &StoredRun, program: &Program, verdicts: &[ReplayVerdict]) -> String {
    let mut s = String::new();
    // Stored text is printed escaped (a stored `\x1b[2J` must not clear the terminal).
    let shown = |t: &str| printable(t).chars().count();
    let pw = crate::run::report::column_width(run.rows.iter().map(|r| shown(&r.property)).max().unwrap_or(8).max(8));
    let phw = crate::run::report::column_width(run.rows.iter().map(|r| r.phase.name().len()).max().unwrap_or(5).max(5));
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
            row.phase.name(),
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
        let _ = writeln!(s, "    {label} vector ({} #{}):", row.phase, row.vector_index);
        let inputs = run.inputs_of(&row.property);
        let values = run.own_values(&row.property, which);
        for (name, value) in format_inputs(&inputs, &values) {
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

//! `vecrun equiv` as one job: [`Job::prepare`] writes and compiles every comparison spec (so every
//! error comes before anything runs), [`Prepared::run`] runs each comparison on the backend asked
//! for and writes each function's output directory (the `vecrun run` layout, through
//! [`crate::output::write_run`]) and `DIR/equiv.json`.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use super::{
    Comparison, ComparisonError, Compiled, DIFFER_MESSAGE, Difference, FunctionRun, INTENDED_MESSAGE, RunSettings, Selection, Side,
    run_comparison,
};
use crate::CompileError;
use crate::ir::{Outcome, Program};
use crate::output::model::{Counterexample, Manifest, RunHeader, RunStatus, Source};
use crate::output::parquet::{self, ParquetOutputError};
use crate::output::results::{OutputError, PropertyResult, RunResults};
use crate::output::{DirLock, LockError, WriteError};
use crate::run::backends::{self, BackendNote, BackendRequest, OpenDevices};
use crate::run::{Backend, Generator};

/// The comparison spec of a function, in its directory.
pub const SPEC_FILE: &str = "equiv.vspec";
/// The job's summary, in the output directory.
pub const SUMMARY_FILE: &str = "equiv.json";
/// The folder of the intended-differences table in a function's directory (`DIR/FN/intended/part-0.parquet`),
/// beside the `counterexamples/` and `summary/` tables of the `vecrun run` layout.
pub const INTENDED_FOLDER: &str = "intended";

/// Where the intended differences of a function are written: `dir/intended/part-0.parquet`.
pub fn intended_path(dir: &Path) -> PathBuf {
    dir.join(INTENDED_FOLDER).join(parquet::PART_FILE)
}

/// The default output directory, `vecrun-out/equiv-<old>-<new>/` (from the file stems).
pub fn default_out_dir(old: &Path, new: &Path) -> PathBuf {
    let stem = |p: &Path| p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "spec".into());
    PathBuf::from("vecrun-out").join(format!("equiv-{}-{}", stem(old), stem(new)))
}

/// Everything an equivalence job needs besides the comparisons.
#[derive(Clone, Debug)]
pub struct Job {
    /// The output directory: one subdirectory per function, and `equiv.json`.
    pub out_dir: PathBuf,
    pub settings: RunSettings,
    /// The engine, as for `vecrun run` ([`backends::select`]).
    pub backend: BackendRequest,
}

/// What the job tells its caller while it runs.
#[derive(Debug)]
pub enum JobEvent<'a> {
    /// Something about the backend choice (a fallback, the device): each distinct note once per job.
    Note(BackendNote),
    /// `done` of the `total` vectors of `function` evaluated, `seconds` after its comparison started.
    Progress { function: &'a str, done: u64, total: u64, seconds: f64 },
    /// The comparison of `function` ended (with results or an error).
    Finished { function: &'a str },
}

/// Why an equivalence job stopped.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("cannot create output directory `{}`: {source}", dir.display())]
    CreateDir {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("cannot write `{}`: {source}", path.display())]
    WriteSpec {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An `--allow` predicate does not compile in the comparison spec of `function`; `sees` says
    /// what a predicate can name there. The diagnostics are in `error`.
    #[error("the --allow predicate does not compile for `{function}` (it sees {sees}):")]
    AllowDoesNotCompile { function: String, sees: String, error: CompileError },
    /// A comparison spec vecrun wrote does not compile: a bug. The diagnostics are in `error`.
    #[error("internal error: the comparison spec of `{function}` does not compile; please report it (the spec is `{}`):", spec.display())]
    SpecDoesNotCompile { function: String, spec: PathBuf, error: CompileError },
    #[error("comparing `{function}`: {source}")]
    Compare {
        function: String,
        #[source]
        source: ComparisonError,
    },
    #[error("{source}")]
    WriteTable {
        function: String,
        #[source]
        source: ParquetOutputError,
    },
    #[error("{source}")]
    WriteResults {
        function: String,
        #[source]
        source: OutputError,
    },
    #[error("cannot encode `{SUMMARY_FILE}`: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot write `{}`: {source}", path.display())]
    WriteSummary {
        path: PathBuf,
        #[source]
        source: WriteError,
    },
}

impl JobError {
    /// The diagnostics to show after the message, for a comparison spec that does not compile.
    pub fn compile_error(&self) -> Option<&CompileError> {
        match self {
            JobError::AllowDoesNotCompile { error, .. } | JobError::SpecDoesNotCompile { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// One of the two specs, as `equiv.json` names it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct SpecRecord {
    pub path: String,
    pub spec: String,
    pub hash: String,
}

impl SpecRecord {
    fn of(side: &Side) -> SpecRecord {
        SpecRecord { path: side.path.display().to_string(), spec: side.spec.header.name.clone(), hash: side.spec.hash.hex() }
    }
}

/// A job whose comparison specs are written and compiled, with its output directory locked.
pub struct Prepared {
    job: Job,
    old: SpecRecord,
    new: SpecRecord,
    only_new: Vec<String>,
    comparisons: Vec<(Comparison, Compiled, PathBuf)>,
    _lock: DirLock,
}

/// One compared function: what was compared, the compiled comparison spec, its output directory
/// and what the run found.
pub struct FunctionResult {
    pub comparison: Comparison,
    pub compiled: Compiled,
    pub dir: PathBuf,
    pub run: FunctionRun,
}

/// Everything a job found, in the order of the comparisons.
pub struct JobOutcome {
    pub functions: Vec<FunctionResult>,
    pub seed: u64,
    pub out_dir: PathBuf,
}

impl JobOutcome {
    /// Every function is equivalent (modulo `--allow`) on every vector tried.
    pub fn equivalent(&self) -> bool {
        self.functions.iter().all(|f| f.run.equivalent())
    }
}

impl Job {
    /// Creates and locks the output directory, then writes each comparison spec to
    /// `DIR/FN/equiv.vspec` and compiles it there.
    pub fn prepare(self, old: &Side, new: &Side, selection: Selection) -> Result<Prepared, JobError> {
        let out = &self.out_dir;
        std::fs::create_dir_all(out).map_err(|source| JobError::CreateDir { dir: out.clone(), source })?;
        let lock = crate::output::lock_dir(out)?;
        let mut comparisons = Vec::with_capacity(selection.comparisons.len());
        for c in selection.comparisons {
            let dir = out.join(&c.function);
            let spec_path = dir.join(SPEC_FILE);
            std::fs::create_dir_all(&dir)
                .and_then(|_| crate::output::write_atomic(&spec_path, c.text.as_bytes()))
                .map_err(|source| JobError::WriteSpec { path: spec_path.clone(), source })?;
            match c.compile(&spec_path.display().to_string()) {
                Ok(k) => comparisons.push((c, k, dir)),
                Err(e) if e.in_allow => {
                    return Err(JobError::AllowDoesNotCompile { sees: predicate_scope(&c), function: c.function, error: e.error });
                }
                Err(e) => return Err(JobError::SpecDoesNotCompile { function: c.function, spec: spec_path, error: e.error }),
            }
        }
        Ok(Prepared {
            job: self,
            old: SpecRecord::of(old),
            new: SpecRecord::of(new),
            only_new: selection.only_new,
            comparisons,
            _lock: lock,
        })
    }
}

/// What an `--allow` predicate of `c` can name: `the parameters `a`, `b`, and `old` and `new` (the results)`,
/// and which parameters the results hide.
fn predicate_scope(c: &Comparison) -> String {
    let is_result = |name: &str| name == "old" || name == "new";
    let params: Vec<String> = c.params.iter().filter(|p| !is_result(&p.name)).map(|p| format!("`{}`", p.name)).collect();
    let hidden: Vec<String> = c.params.iter().filter(|p| is_result(&p.name)).map(|p| format!("`{}`", p.name)).collect();
    let sees = if params.is_empty() {
        "`old` and `new` (the results)".to_string()
    } else {
        format!("the parameters {}, and `old` and `new` (the results)", params.join(", "))
    };
    if hidden.is_empty() {
        sees
    } else {
        format!("{sees}; the parameter {} is hidden by the result of the same name", hidden.join(" and "))
    }
}

impl Prepared {
    /// The functions only NEW defines: listed, not compared (there is no old behaviour).
    pub fn only_new(&self) -> &[String] {
        &self.only_new
    }

    /// Runs every comparison (on devices opened once for the whole job), writes each function's
    /// outputs as soon as it is done, then `DIR/equiv.json`.
    pub fn run(self, on_event: &mut dyn FnMut(JobEvent)) -> Result<JobOutcome, JobError> {
        let Prepared { job, old, new, only_new, comparisons, _lock } = self;
        let on_event = RefCell::new(on_event);
        let mut devices = OpenDevices::default();
        let mut told: Vec<BackendNote> = Vec::new();
        let mut functions = Vec::with_capacity(comparisons.len());
        for (c, k, dir) in comparisons {
            let started_at = crate::output::now_rfc3339();
            let t0 = std::time::Instant::now();
            let mut make = |program: &Program, generator: &Generator| -> Result<Box<dyn Backend>, ComparisonError> {
                let cpu = backends::cpu(program, generator, job.backend.threads, job.backend.cpu_engine)?;
                let mut notes = Vec::new();
                let backend = backends::select_on(&mut devices, &job.backend, program, &cpu, &mut |n| notes.push(n));
                for n in notes {
                    if !told.contains(&n) {
                        told.push(n.clone());
                        (on_event.borrow_mut())(JobEvent::Note(n));
                    }
                }
                Ok(backend?)
            };
            let mut progress = |done: u64, total: u64| {
                (on_event.borrow_mut())(JobEvent::Progress { function: &c.function, done, total, seconds: t0.elapsed().as_secs_f64() })
            };
            let result = run_comparison(&c, &k, &mut make, &job.settings, &mut progress);
            (on_event.borrow_mut())(JobEvent::Finished { function: &c.function });
            let run = result.map_err(|source| JobError::Compare { function: c.function.clone(), source })?;
            write_function(&dir, &k, &run, &job.settings, &started_at).map_err(|e| e.in_function(&c.function))?;
            functions.push(FunctionResult { comparison: c, compiled: k, dir, run });
        }
        let outcome = JobOutcome { functions, seed: job.settings.seed, out_dir: job.out_dir };
        write_summary(&outcome, &old, &new, &only_new)?;
        Ok(outcome)
    }
}

/// Why a function's outputs could not be written (before [`JobError`] names the function).
enum FunctionOutputError {
    Table(ParquetOutputError),
    Results(OutputError),
}

impl FunctionOutputError {
    fn in_function(self, function: &str) -> JobError {
        let function = function.to_string();
        match self {
            FunctionOutputError::Table(source) => JobError::WriteTable { function, source },
            FunctionOutputError::Results(source) => JobError::WriteResults { function, source },
        }
    }
}

impl From<ParquetOutputError> for FunctionOutputError {
    fn from(e: ParquetOutputError) -> Self {
        FunctionOutputError::Table(e)
    }
}

impl From<WriteError> for FunctionOutputError {
    fn from(e: WriteError) -> Self {
        FunctionOutputError::Table(ParquetOutputError::Create(e))
    }
}

/// `DIR/FN/`, laid out like a `vecrun run` output directory: `counterexamples/part-0.parquet`
/// (the unintended differences), `summary/part-0.parquet` and `manifest.json` (through
/// [`crate::output::write_run`]), and with `--allow` `intended/part-0.parquet` (beside `equiv.vspec`,
/// written before the run).
fn write_function(dir: &Path, k: &Compiled, r: &FunctionRun, settings: &RunSettings, started_at: &str) -> Result<(), FunctionOutputError> {
    let run_id = crate::output::new_run_id(None);
    let spec_path = dir.join(SPEC_FILE);
    let sources = parquet::sources_of(&k.spec.sources);
    let m = manifest(k, r, &r.program, &spec_path, settings, started_at, &run_id);
    let rows: Vec<Counterexample> = r.differences.iter().map(|d| counterexample(&r.program, d, DIFFER_MESSAGE)).collect();
    write_table(&parquet::prepare_table(dir, parquet::Table::Counterexamples)?, &r.program, &m, &sources, &rows)?;
    let intended = intended_path(dir);
    match &r.intended_program {
        Some(ip) => {
            let im = manifest(k, r, ip, &spec_path, settings, started_at, &run_id);
            let rows: Vec<Counterexample> = r.intended_examples.iter().map(|d| counterexample(ip, d, INTENDED_MESSAGE)).collect();
            write_table(&prepare_folder(dir, INTENDED_FOLDER, &intended)?, ip, &im, &sources, &rows)?;
        }
        None => {
            // A table left by an earlier job with `--allow` would describe another comparison.
            let _ = std::fs::remove_file(&intended);
        }
    }
    let properties = PropertyResult::of_program(&r.program, std::slice::from_ref(&r.stats), &[r.verdict]);
    let input_values = |_: &str, slots: &[u32]| crate::run::report::input_values(&r.program, slots);
    let results = RunResults { manifest: &m, properties: &properties, counterexamples: &rows, input_values: &input_values };
    crate::output::write_run(dir, &results, None).map_err(FunctionOutputError::Results)
}

/// Creates `dir/folder` (only that folder; an existing directory is kept) and returns `path`.
fn prepare_folder(dir: &Path, folder: &str, path: &Path) -> Result<PathBuf, WriteError> {
    let at = dir.join(folder);
    match std::fs::create_dir(&at) {
        Ok(()) => Ok(path.to_path_buf()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && at.is_dir() => Ok(path.to_path_buf()),
        Err(source) => Err(WriteError::Io { action: "create the table folder", path: at, source }),
    }
}

fn write_table(
    path: &Path,
    program: &Program,
    m: &Manifest,
    sources: &[(String, String)],
    rows: &[Counterexample],
) -> Result<(), ParquetOutputError> {
    let mut w = parquet::CounterexampleWriter::create(path, program, m, sources)?;
    w.write(rows)?;
    w.finish(m).map(|_| ())
}

/// The manifest of a function's comparison run (of `program`: the comparison property, or the
/// intended-differences one). The only place equiv builds a [`Manifest`].
fn manifest(
    k: &Compiled,
    r: &FunctionRun,
    program: &Program,
    spec_path: &Path,
    settings: &RunSettings,
    started_at: &str,
    run_id: &str,
) -> Manifest {
    let header = RunHeader {
        run_id: run_id.to_string(),
        spec_name: k.spec.header.name.clone(),
        spec_version: k.spec.header.version.clone(),
        spec_hash: k.spec.hash.hex(),
        spec_path: spec_path.display().to_string(),
        generator_version: crate::r#gen::GENERATOR_VERSION,
        seed: settings.seed,
        shard: None,
        exhaustive: r.plan.exhaustive,
        properties: program.properties.iter().map(|p| p.name.clone()).collect(),
        started_at: started_at.to_string(),
    };
    let budget = crate::check::Budget { vectors: Some(settings.vectors), ..Default::default() };
    let mut m = Manifest::start(&header, crate::run::drive::plan_ranges(&r.plan), r.backend, r.adapter.clone(), budget);
    m.finished_at = Some(crate::output::now_rfc3339());
    m.wall_seconds = r.seconds;
    m.vectors_done = r.vectors_done;
    m.outcome = if r.equivalent() { RunStatus::Passed } else { RunStatus::Failed };
    m
}

/// A difference as a counterexample row of `program`'s property: `base: CLASS` for the comparison
/// assert (`old and new differ: result`), the bounds message followed by `(CLASS)` for an index out
/// of bounds; shrunk values when it was shrunk.
fn counterexample(program: &Program, d: &Difference, base: &str) -> Counterexample {
    let mut c = Counterexample::failure(&program.properties[0], d.outcome, Source::Phase(d.phase), d.index, d.slots.clone());
    c.assert_message = match Outcome::decode(d.outcome) {
        Outcome::Fail(_) => format!("{base}: {}", d.class),
        _ => format!("{} ({})", c.assert_message, d.class),
    };
    if let Some((shrunk, steps)) = &d.shrunk {
        c.shrunk = shrunk.clone();
        c.shrink_steps = *steps;
    }
    c
}

/// `DIR/equiv.json`: the two specs and, per function, the verdict and the counts.
fn write_summary(outcome: &JobOutcome, old: &SpecRecord, new: &SpecRecord, only_new: &[String]) -> Result<(), JobError> {
    let functions: Vec<serde_json::Value> = outcome
        .functions
        .iter()
        .map(|FunctionResult { comparison: c, dir, run: r, .. }| {
            let parameters: Vec<serde_json::Value> = c
                .params
                .iter()
                .map(|p| {
                    let domain = super::domain_text(&p.domain).trim_start_matches(" in ").to_string();
                    serde_json::json!({"name": p.name, "type": p.ty.to_string(), "domain": domain, "origin": p.origin})
                })
                .collect();
            serde_json::json!({
                "function": c.function,
                "signature": c.signature,
                "parameters": parameters,
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
        "old": old,
        "new": new,
        "seed": outcome.seed,
        "only_in_new": only_new,
        "equivalent": outcome.equivalent(),
        "functions": functions,
    });
    let path = outcome.out_dir.join(SUMMARY_FILE);
    crate::output::write_file(&path, &serde_json::to_vec_pretty(&doc)?).map_err(|source| JobError::WriteSummary { path, source })
}

//! Equivalence checking (`vecrun equiv OLD NEW`): functions of the same name and signature in two
//! specs must return equal results over their parameters' domains, modulo `--allow` predicates that
//! name the intended differences. See `docs/equiv.md`.
//!
//! The check reuses the whole pipeline: [`synthesize`] writes one ordinary spec per compared
//! function (both specs' consts and fns copied under `old__` / `new__` names, one input per
//! parameter, a property that compares the results), [`Comparison::compile`] sends it through the
//! normal front end, and [`run_comparison`] runs it on any [`Backend`] (through [`drive`], the batch
//! loop of `vecrun run`), then explains each difference with the reference interpreter ([`eval`]).
//! [`job`] is the whole command (specs written and compiled, comparisons run, outputs written in the
//! run layout), [`report`] its terminal report.

pub mod bindings;
pub use crate::check::interp as eval;
pub mod job;
pub mod report;
mod synth;

pub use job::{FunctionResult, Job, JobError, JobEvent, JobOutcome, Prepared};
pub use synth::*;

use std::convert::Infallible;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use crate::check::{Type, Value};
use crate::cpu::CpuBackend;
use crate::ir::{self, Outcome, Program};
use crate::run::backends::SelectError;
use crate::run::{self, Backend, BackendError, Divergence, Generator, Phase, PhasePlan, PropertyStats, RangeStats, Verdict, drive};
use crate::sem::ScalarType;

/// How a comparison is run.
#[derive(Clone, Debug)]
pub struct RunSettings {
    /// The vector budget: the whole input space is enumerated when it has at most this many vectors.
    pub vectors: u64,
    pub seed: u64,
    /// Enumerate the whole input space whatever its size.
    pub exhaustive: bool,
    /// Differences (and intended differences) kept per function; the counts are always exact.
    pub capacity: usize,
    /// How many of the first differences to shrink to simpler inputs.
    pub shrink: usize,
}

impl Default for RunSettings {
    fn default() -> Self {
        RunSettings { vectors: crate::DEFAULT_VECTORS, seed: 0, exhaustive: false, capacity: 1000, shrink: 3 }
    }
}

/// Why a comparison could not be run (as opposed to [`EquivError`]: why two specs cannot be compared).
#[derive(Debug, thiserror::Error)]
pub enum ComparisonError {
    #[error("internal error: property `{0}` is missing from the comparison spec")]
    MissingProperty(String),
    /// A backend failed while running (or the CPU backend could not be made).
    #[error(transparent)]
    Backend(#[from] BackendError),
    /// No backend could be chosen ([`crate::run::backends::select`]).
    #[error(transparent)]
    Select(#[from] SelectError),
}

/// Makes the backend for a program ([`job`] selects CPU or GPU as asked; tests pass the CPU).
pub type BackendFactory<'a> = dyn FnMut(&Program, &Generator) -> Result<Box<dyn Backend>, ComparisonError> + 'a;

/// The CPU backend on every core: a [`BackendFactory`] for library users and tests.
pub fn cpu_factory(program: &Program, generator: &Generator) -> Result<Box<dyn Backend>, ComparisonError> {
    Ok(Box::new(CpuBackend::new(program, generator.clone(), 0)?))
}

/// One vector on which the two functions differ, explained.
#[derive(Clone, Debug)]
pub struct Difference {
    pub phase: Phase,
    pub index: u64,
    /// The packed outcome of the property on this vector.
    pub outcome: u32,
    /// Slot values (the parameters, in order).
    pub slots: Vec<u32>,
    /// What the old and the new function return (from the reference interpreter).
    pub old: Result<Value, eval::Trap>,
    pub new: Result<Value, eval::Trap>,
    /// Which outputs differ: `result`, `elements [0, 3] of 8`, `OLD: index out of bounds`, ...
    pub class: String,
    /// A simpler vector with the same outcome, and the steps it took, when it was shrunk.
    pub shrunk: Option<(Vec<u32>, u32)>,
}

/// Everything the comparison of one function found.
#[derive(Debug)]
pub struct FunctionRun {
    /// The lowered comparison spec with only the property that fails on unintended differences.
    pub program: Program,
    /// The same with only the property that fails on intended differences (with `--allow`).
    pub intended_program: Option<Program>,
    pub generator: Generator,
    pub plan: PhasePlan,
    /// Counts of the comparison property: `failed` is the number of unintended differences.
    pub stats: PropertyStats,
    /// PROVEN (equivalent over the whole space), PASSED (equivalent on every vector tried),
    /// FAILED (unintended differences), DIVERGENT (only GPU failures the CPU refuted).
    pub verdict: Verdict,
    /// Intended differences (those an `--allow` predicate matches): an exact count.
    pub intended: u64,
    /// The first unintended differences, in (phase, index) order, at most the capacity.
    pub differences: Vec<Difference>,
    /// The first intended differences, at most the capacity.
    pub intended_examples: Vec<Difference>,
    pub divergences: Vec<Divergence>,
    pub backend: &'static str,
    pub adapter: String,
    pub seconds: f64,
    pub vectors_done: u64,
}

impl FunctionRun {
    /// Equivalent (modulo `--allow`) on every vector tried.
    pub fn equivalent(&self) -> bool {
        matches!(self.verdict, Verdict::Proven | Verdict::Passed)
    }
}

/// Runs one compiled comparison: every vector of the plan through the comparison property, then,
/// when `--allow` matched something, a scan for the first intended differences (stopping as soon
/// as it has them), and the reference interpreter on every kept difference.
pub fn run_comparison(
    comparison: &Comparison,
    compiled: &Compiled,
    make_backend: &mut BackendFactory,
    settings: &RunSettings,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<FunctionRun, ComparisonError> {
    let start = Instant::now();
    let lowered = ir::lower(&compiled.spec);
    let only =
        |name: &str| Program { properties: lowered.properties.iter().filter(|p| p.name == name).cloned().collect(), ..lowered.clone() };
    let program = only(&comparison.property);
    if program.properties.len() != 1 {
        return Err(ComparisonError::MissingProperty(comparison.property.clone()));
    }
    let intended_program = comparison.intended_property.as_deref().map(only);
    let generator = Generator::new(&program.slots, settings.seed, compiled.spec.input_hash);
    let plan = PhasePlan::new(&generator, settings.vectors, settings.exhaustive);
    let cap = settings.capacity;
    let ranges = drive::plan_ranges(&plan);
    let mut backend = make_backend(&program, &generator)?;
    let mut hooks = Counting {
        merged: run::Merged { stats: vec![PropertyStats::new(&program.properties[0])], cap, done: 0, divergences: Vec::new() },
        total: plan.total(),
        progress,
    };
    drive::drive::<Infallible>(backend.as_mut(), &ranges, drive::From::default(), cap, drive::Sizing::Timed, &mut hooks)?;
    let run::Merged { stats, done, divergences, .. } = hooks.merged;
    let stats = stats.into_iter().next().unwrap_or_else(|| PropertyStats::new(&program.properties[0]));
    let verdict = run::compute_verdicts(&program, std::slice::from_ref(&stats), &divergences, &[plan.exhaustive], false)[0];
    let (backend_name, adapter) = (backend.name(), backend.adapter());
    drop(backend);
    let intended = if intended_program.is_some() { stats.cover_hits.first().copied().unwrap_or(0) } else { 0 };

    // The first intended differences: a second pass that stops once it has them.
    let mut intended_failures = Vec::new();
    if let (Some(ip), true) = (&intended_program, intended > 0 && cap > 0) {
        let mut scan = make_backend(ip, &generator)?;
        let mut hooks = FirstFailures { stats: PropertyStats::new(&ip.properties[0]), cap, want: intended.min(cap as u64) };
        drive::drive(scan.as_mut(), &ranges, drive::From::default(), cap, drive::Sizing::Timed, &mut hooks)?;
        intended_failures = hooks.stats.failures;
    }

    let explain = |f: &run::Failure| -> Difference {
        let mut slots = vec![0u32; generator.slots];
        generator.decode(f.phase, f.index, &mut slots);
        let (old, new) = results(compiled, &program, &slots);
        let class = classify(&old, &new);
        Difference { phase: f.phase, index: f.index, outcome: f.outcome, slots, old, new, class, shrunk: None }
    };
    let mut differences: Vec<Difference> = stats.failures.iter().map(explain).collect();
    let intended_examples: Vec<Difference> = intended_failures.iter().map(explain).collect();

    // Shrink the first few differences to simpler inputs with the same outcome.
    let shrinker = (settings.shrink > 0 && !differences.is_empty() && !program.slots.is_empty())
        .then(|| CpuBackend::new(&program, generator.clone(), 0).ok())
        .flatten();
    {
        if let Some(cpu) = shrinker {
            let limits = crate::shrink::ShrinkLimits { max_steps: 2000, max_time: Duration::from_secs(2) };
            for d in differences.iter_mut().take(settings.shrink) {
                if !Outcome::decode(d.outcome).is_failure() {
                    continue;
                }
                let mut eval = |candidates: &[Vec<u32>]| cpu.eval_vectors(candidates).swap_remove(0);
                let r = crate::shrink::shrink(&program, 0, &d.slots, d.outcome, &mut eval, &limits);
                if r.steps > 0 && r.values != d.slots {
                    d.shrunk = Some((r.values, r.steps));
                }
            }
        }
    }

    Ok(FunctionRun {
        program,
        intended_program,
        generator,
        plan,
        stats,
        verdict,
        intended,
        differences,
        intended_examples,
        divergences,
        backend: backend_name,
        adapter,
        seconds: start.elapsed().as_secs_f64(),
        vectors_done: done,
    })
}

/// The main pass: every batch merged in index order, progress after each.
struct Counting<'a> {
    merged: run::Merged,
    total: u64,
    progress: &'a mut dyn FnMut(u64, u64),
}

impl drive::Hooks<Infallible> for Counting<'_> {
    fn after_batch(
        &mut self,
        batch: drive::Batch,
        stats: RangeStats,
        divergences: Vec<Divergence>,
    ) -> Result<ControlFlow<Infallible>, BackendError> {
        let flow = drive::Hooks::<Infallible>::after_batch(&mut self.merged, batch, stats, divergences)?;
        (self.progress)(self.merged.done, self.total);
        Ok(flow)
    }
}

/// The intended-differences scan: stops after the batch that brings the first `want` failures.
struct FirstFailures {
    stats: PropertyStats,
    cap: usize,
    want: u64,
}

impl drive::Hooks<()> for FirstFailures {
    fn after_batch(&mut self, _: drive::Batch, stats: RangeStats, _: Vec<Divergence>) -> Result<ControlFlow<()>, BackendError> {
        if let Some(s) = stats.first() {
            self.stats.merge(s, self.cap);
        }
        Ok(if self.stats.failures.len() as u64 >= self.want { ControlFlow::Break(()) } else { ControlFlow::Continue(()) })
    }
}

/// The parameter values of a vector (the comparison spec's inputs are the parameters, in order).
pub fn arguments(program: &Program, slots: &[u32]) -> Vec<Value> {
    program
        .inputs
        .iter()
        .map(|i| {
            let first = i.first_slot as usize;
            match i.ty {
                Type::Scalar(s) => Value::from_bits(i.ty, &slots[first..first + s.words() as usize]),
                Type::Array(s, n) => Value::from_bits(i.ty, &slots[first..first + (n * s.words()) as usize]),
                Type::Record(_) | Type::RecordArray(..) => {
                    unreachable!("inputs, extern fns and IR variables are never records (docs/ARCHITECTURE invariant)")
                }
            }
        })
        .collect()
}

/// What the old and the new function return on a vector, by the reference interpreter.
pub fn results(compiled: &Compiled, program: &Program, slots: &[u32]) -> (Result<Value, eval::Trap>, Result<Value, eval::Trap>) {
    let args = arguments(program, slots);
    (eval::call(&compiled.spec, compiled.old_index, args.clone()), eval::call(&compiled.spec, compiled.new_index, args))
}

/// Equality as the comparison property means it: the same value; for a float, the same bit
/// pattern, and any two NaNs are equal.
pub fn same_scalar(s: ScalarType, a: u64, b: u64) -> bool {
    a == b
        || (s == ScalarType::F32 && crate::sem::f32_is_nan(a as u32) && crate::sem::f32_is_nan(b as u32))
        || (s == ScalarType::F64 && crate::sem::wide::f64_is_nan(a) && crate::sem::wide::f64_is_nan(b))
}

/// Which outputs differ: `result` for a scalar, `elements [0, 3] of 8` for an array, or which side
/// went out of bounds.
pub fn classify(old: &Result<Value, eval::Trap>, new: &Result<Value, eval::Trap>) -> String {
    match (old, new) {
        (Err(a), Err(b)) if trap_kind(a) == trap_kind(b) => format!("both: {}", trap_kind(a)),
        (Err(a), Err(b)) => format!("OLD: {}, NEW: {}", trap_kind(a), trap_kind(b)),
        (Err(a), Ok(_)) => format!("OLD: {}", trap_kind(a)),
        (Ok(_), Err(b)) => format!("NEW: {}", trap_kind(b)),
        (Ok(Value::Scalar(s, a)), Ok(Value::Scalar(_, b))) => {
            if same_scalar(*s, *a, *b) {
                "none (the reference interpreter finds the results equal)".into()
            } else {
                "result".into()
            }
        }
        (Ok(Value::Array(s, a)), Ok(Value::Array(_, b))) => {
            let diff = differing_elements(*s, a, b);
            if diff.is_empty() {
                return "none (the reference interpreter finds the results equal)".into();
            }
            const SHOWN: usize = 8;
            let mut list: Vec<String> = diff.iter().take(SHOWN).map(|k| k.to_string()).collect();
            if diff.len() > SHOWN {
                list.push(format!("... {} more", diff.len() - SHOWN));
            }
            format!("element{} [{}] of {}", if diff.len() == 1 { "" } else { "s" }, list.join(", "), a.len())
        }
        _ => "result (of different shapes)".into(),
    }
}

fn trap_kind(t: &eval::Trap) -> &'static str {
    match t {
        eval::Trap::OutOfBounds { .. } => "index out of bounds",
        eval::Trap::Extern { .. } => "calls an extern fn (not evaluated here)",
        eval::Trap::LoopBound { .. } => "loop bound exceeded",
        eval::Trap::Limit { .. } => "not computed (past the interpreter's limits)",
    }
}

/// Indices where two arrays differ.
pub fn differing_elements(s: ScalarType, a: &[u64], b: &[u64]) -> Vec<usize> {
    a.iter().zip(b).enumerate().filter(|(_, (x, y))| !same_scalar(s, **x, **y)).map(|(k, _)| k).collect()
}

/// A result as people read it: `224`, `[1, 2, 3]`, or `index out of bounds: `i` is 9, the length is 8 (at ...)`.
pub fn value_text(v: &Result<Value, eval::Trap>, sources: &crate::diag::SourceMap) -> String {
    match v {
        Ok(v) => v.to_string(),
        Err(eval::Trap::OutOfBounds { span, index, len }) => format!(
            "index out of bounds: `{}` is {}, the length is {} (at {})",
            sources.snippet(*span),
            index,
            len,
            sources.location(*span)
        ),
        Err(eval::Trap::Extern { span, name }) => {
            format!("calls extern fn `{name}`, which only its implementation computes (at {})", sources.location(*span))
        }
        Err(eval::Trap::Limit { why, .. }) => format!("not computed: {why}"),
        Err(eval::Trap::LoopBound { span, bound }) => {
            format!("loop bound exceeded: `{}` would run more than {bound} times (at {})", sources.snippet(*span), sources.location(*span))
        }
    }
}

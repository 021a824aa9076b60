//! Running a program: the phases, the backend-independent loop over index ranges, and the
//! per-property results. Backends implement [`Backend`]; this module never knows which one runs.

pub mod analysis;
pub mod backends;
pub mod drive;
pub mod grouped;
pub mod history;
pub mod merge;
pub mod report;
pub mod runner;
pub mod session;
pub mod shard;
pub mod vectors;

use std::time::Instant;

use crate::ir::{self, Outcome};
pub use vectors::{Generator, Group, GroupPlan, Phase, PhasePlan, Space};

/// One failing vector: enough to regenerate and replay it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Failure {
    pub phase: Phase,
    pub index: u64,
    /// The packed [`Outcome`].
    pub outcome: u32,
}

impl Failure {
    pub fn outcome(&self) -> Outcome {
        Outcome::decode(self.outcome)
    }
}

/// A GPU counterexample that the CPU did not reproduce: reported, never dropped.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Divergence {
    pub property: String,
    pub phase: Phase,
    pub index: u64,
    pub gpu_outcome: u32,
    pub cpu_outcome: u32,
}

/// Counts for one property over some vectors.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PropertyStats {
    pub evaluated: u64,
    pub passed: u64,
    pub failed: u64,
    pub discarded: u64,
    /// Failures per assert id.
    pub fails_by_assert: Vec<u64>,
    /// Out-of-bounds failures (all sites).
    pub out_of_bounds: u64,
    /// Failures of a `while`/`loop` past its bound (all loop sites).
    #[serde(default)]
    pub loop_bound: u64,
    /// Discards per assume id.
    pub discards_by_assume: Vec<u64>,
    /// Hits per cover id (among vectors not discarded).
    pub cover_hits: Vec<u64>,
    /// The first failing vectors in (phase, index) order, at most the run's capacity.
    pub failures: Vec<Failure>,
}

impl PropertyStats {
    pub fn new(p: &ir::PropertyIr) -> PropertyStats {
        PropertyStats {
            fails_by_assert: vec![0; p.asserts.len()],
            discards_by_assume: vec![0; p.assumes.len()],
            cover_hits: vec![0; p.covers.len()],
            ..Default::default()
        }
    }

    /// Adds `other` (a later range) to `self`, keeping the first `cap` failures.
    pub fn merge(&mut self, other: &PropertyStats, cap: usize) {
        self.evaluated += other.evaluated;
        self.passed += other.passed;
        self.failed += other.failed;
        self.discarded += other.discarded;
        self.out_of_bounds += other.out_of_bounds;
        self.loop_bound += other.loop_bound;
        add(&mut self.fails_by_assert, &other.fails_by_assert);
        add(&mut self.discards_by_assume, &other.discards_by_assume);
        add(&mut self.cover_hits, &other.cover_hits);
        self.failures.extend_from_slice(&other.failures);
        self.failures.sort();
        self.failures.dedup();
        self.failures.truncate(cap);
    }

    /// Like [`PropertyStats::merge`] for counts read from files: refuses counts that overflow and
    /// per-site lists of a different length (another property list) instead of wrapping or dropping.
    pub fn checked_merge(&mut self, other: &PropertyStats, cap: usize) -> Result<(), CountsError> {
        if self.fails_by_assert.len() != other.fails_by_assert.len()
            || self.discards_by_assume.len() != other.discards_by_assume.len()
            || self.cover_hits.len() != other.cover_hits.len()
        {
            return Err(CountsError::SitesDiffer);
        }
        let add = |a: u64, b: u64| a.checked_add(b).ok_or(CountsError::Overflow);
        let mut sum = self.clone();
        sum.evaluated = add(self.evaluated, other.evaluated)?;
        sum.passed = add(self.passed, other.passed)?;
        sum.failed = add(self.failed, other.failed)?;
        sum.discarded = add(self.discarded, other.discarded)?;
        sum.out_of_bounds = add(self.out_of_bounds, other.out_of_bounds)?;
        sum.loop_bound = add(self.loop_bound, other.loop_bound)?;
        for (lists, (mine, theirs)) in [
            (&mut sum.fails_by_assert, (&self.fails_by_assert, &other.fails_by_assert)),
            (&mut sum.discards_by_assume, (&self.discards_by_assume, &other.discards_by_assume)),
            (&mut sum.cover_hits, (&self.cover_hits, &other.cover_hits)),
        ] {
            for (k, (a, b)) in mine.iter().zip(theirs.iter()).enumerate() {
                lists[k] = add(*a, *b)?;
            }
        }
        sum.failures.extend_from_slice(&other.failures);
        sum.failures.sort();
        sum.failures.dedup();
        sum.failures.truncate(cap);
        *self = sum;
        Ok(())
    }

    /// Records one vector's outcome.
    #[inline]
    pub fn record(&mut self, phase: Phase, index: u64, code: u32, cap: usize) {
        if self.record_many(code, 1) && self.failures.len() < cap {
            self.failures.push(Failure { phase, index, outcome: code });
        }
    }

    /// Counts `count` vectors whose outcome is `code`, listing none of them; says whether `code` is a failure
    /// (which a caller whose failure list has room must list).
    #[inline]
    pub fn record_many(&mut self, code: u32, count: u64) -> bool {
        self.evaluated += count;
        match Outcome::decode(code) {
            Outcome::Pass => {
                self.passed += count;
                false
            }
            Outcome::Discard(id) => {
                self.discarded += count;
                if let Some(c) = self.discards_by_assume.get_mut(id as usize) {
                    *c += count;
                }
                false
            }
            o => {
                self.failed += count;
                match o {
                    Outcome::Fail(id) => {
                        if let Some(c) = self.fails_by_assert.get_mut(id as usize) {
                            *c += count;
                        }
                    }
                    Outcome::OutOfBounds(_) => self.out_of_bounds += count,
                    Outcome::LoopBound(_) => self.loop_bound += count,
                    // An unknown code counts as a failure of no site: never a pass.
                    _ => {}
                }
                true
            }
        }
    }
}

fn add(a: &mut Vec<u64>, b: &[u64]) {
    if a.len() < b.len() {
        a.resize(b.len(), 0);
    }
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

/// Why two properties' counts cannot be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CountsError {
    #[error("its per-assert, per-assume or per-cover counts do not match the property's")]
    SitesDiffer,
    #[error("the counts overflow 2^64")]
    Overflow,
}

/// What a backend returns for an index range: one entry per selected property.
pub type RangeStats = Vec<PropertyStats>;

/// Why a backend could not evaluate a range.
#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    #[error("{0}")]
    Device(String),
    /// An implementation bound to an extern fn broke the protocol (the run stops; a crash or a
    /// timeout is a counterexample instead).
    #[error(transparent)]
    Implementation(#[from] crate::impls::ImplError),
}

/// An engine that evaluates every selected property over a range of one phase's indices.
pub trait Backend {
    /// `"cpu"` or `"gpu"`.
    fn name(&self) -> &'static str;
    /// The device, e.g. `llvmpipe (LLVM 15.0.6, 256 bits)` or `cpu (2 threads)`.
    fn adapter(&self) -> String;
    /// Evaluates vectors `start..end` of `phase`; failures are kept up to `cap` per property.
    fn run_range(&mut self, phase: Phase, start: u64, end: u64, cap: usize) -> Result<RangeStats, BackendError>;
    /// The most vectors per call (the session sizes its batches by time up to this).
    fn batch_size(&self) -> u64;
    /// The smallest useful number of vectors per call (one chunk per worker).
    fn granule(&self) -> u64 {
        1
    }
    /// Evaluates explicit vectors (`vectors[i]` = slot values) on this backend: per property, the
    /// packed outcome code of each vector.
    fn eval_vectors(&mut self, vectors: &[Vec<u32>]) -> Result<Vec<Vec<u32>>, BackendError> {
        let _ = vectors;
        Err(BackendError::Device(format!("the {} backend cannot evaluate explicit vectors", self.name())))
    }
    /// Counterexamples found by this backend that the CPU reference did not reproduce.
    fn take_divergences(&mut self) -> Vec<Divergence> {
        Vec::new()
    }
}

/// The verdict of each property from its counts: DIVERGENT when a device and the CPU reference
/// disagreed on any vector, FAILED when a failure was confirmed, INCOMPLETE when the run stopped
/// early without a failure, PROVEN when the run enumerated the property's whole input space
/// (`exhaustive`, per property), else PASSED.
pub fn compute_verdicts(
    program: &ir::Program,
    stats: &[PropertyStats],
    divergences: &[Divergence],
    exhaustive: &[bool],
    stopped_early: bool,
) -> Vec<Verdict> {
    program
        .properties
        .iter()
        .zip(stats)
        .enumerate()
        .map(|(k, (p, s))| {
            let exhaustive = exhaustive.get(k).copied().unwrap_or(false);
            // Any disagreement between a device and the CPU reference, in either direction,
            // makes the verdict DIVERGENT: neither backend's counts can then be trusted alone.
            let divergent = divergences.iter().any(|d| d.property == p.name);
            if divergent {
                Verdict::Divergent
            } else if s.failed > 0 {
                Verdict::Failed
            } else if stopped_early {
                Verdict::Incomplete
            } else if exhaustive {
                Verdict::Proven
            } else {
                Verdict::Passed
            }
        })
        .collect()
}

/// Verdict of one property for a whole run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Verdict {
    /// Every vector passed (or was discarded) and the whole input space was enumerated.
    Proven,
    /// The SMT solver showed that no input in the domains fails any assert or index of the
    /// property (and no vector tried failed).
    #[serde(rename = "PROVEN (solver)")]
    ProvenBySolver,
    Passed,
    Failed,
    /// The run stopped (budget) before all planned vectors ran, with no failure found.
    Incomplete,
    /// A device and the CPU reference disagreed on at least one vector (in either direction).
    Divergent,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Proven => "PROVEN",
            Verdict::ProvenBySolver => "PROVEN (solver)",
            Verdict::Passed => "PASSED",
            Verdict::Failed => "FAILED",
            Verdict::Incomplete => "INCOMPLETE",
            Verdict::Divergent => "DIVERGENT",
        }
    }
}

/// Everything a run found.
#[derive(Clone, Debug)]
pub struct RunResult {
    pub plan: PhasePlan,
    /// Per selected property, in program order.
    pub stats: Vec<PropertyStats>,
    pub verdicts: Vec<Verdict>,
    pub seconds: f64,
    pub vectors_done: u64,
    pub backend: &'static str,
    pub adapter: String,
    /// GPU counterexamples the CPU did not reproduce.
    pub divergences: Vec<Divergence>,
    /// Vectors the plan had in all (more than `vectors_done` when the run stopped early).
    pub vectors_planned: u64,
}

/// Settings of the run loop.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// Failing indices kept per property.
    pub capacity: usize,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions { capacity: 1000 }
    }
}

/// Runs every phase of `plan` through `backend` in full batches, with no budget, checkpoint or
/// stop request (benches and tests; `vecrun run` drives a [`session::Session`]).
pub fn execute(
    program: &ir::Program,
    plan: &PhasePlan,
    backend: &mut dyn Backend,
    options: &RunOptions,
) -> Result<RunResult, BackendError> {
    let start = Instant::now();
    let mut merged = Merged {
        stats: program.properties.iter().map(PropertyStats::new).collect(),
        cap: options.capacity,
        done: 0,
        divergences: Vec::new(),
    };
    drive::drive::<std::convert::Infallible>(
        backend,
        &drive::plan_ranges(plan),
        drive::From::default(),
        options.capacity,
        drive::Sizing::Full,
        &mut merged,
    )?;
    let Merged { stats, done, divergences, .. } = merged;
    let verdicts = compute_verdicts(program, &stats, &divergences, &plan.exhaustive_by_property(program), false);
    Ok(RunResult {
        plan: plan.clone(),
        stats,
        verdicts,
        seconds: start.elapsed().as_secs_f64(),
        vectors_done: done,
        backend: backend.name(),
        adapter: backend.adapter(),
        divergences,
        vectors_planned: plan.total(),
    })
}

/// Hooks that merge every batch in index order and never stop the loop.
pub struct Merged {
    pub stats: Vec<PropertyStats>,
    pub cap: usize,
    pub done: u64,
    pub divergences: Vec<Divergence>,
}

impl<S> drive::Hooks<S> for Merged {
    fn after_batch(
        &mut self,
        batch: drive::Batch,
        stats: RangeStats,
        divergences: Vec<Divergence>,
    ) -> Result<std::ops::ControlFlow<S>, BackendError> {
        for (s, x) in self.stats.iter_mut().zip(&stats) {
            s.merge(x, self.cap);
        }
        self.done += batch.end - batch.start;
        self.divergences.extend(divergences);
        Ok(std::ops::ControlFlow::Continue(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A code with a tag no backend writes is a failure of no site, never a pass.
    #[test]
    fn an_unknown_outcome_code_is_counted_as_a_failure() {
        for code in [0x7000_0000u32, 0xF000_0001, 0x0000_0003] {
            assert_eq!(Outcome::decode(code), Outcome::Invalid(code));
            assert!(Outcome::decode(code).is_failure());
            assert_eq!(Outcome::try_decode(code), None);
            let mut st = PropertyStats {
                evaluated: 0,
                passed: 0,
                failed: 0,
                discarded: 0,
                out_of_bounds: 0,
                loop_bound: 0,
                fails_by_assert: vec![0],
                discards_by_assume: vec![],
                cover_hits: vec![],
                failures: vec![],
            };
            st.record(Phase::Random, 9, code, 10);
            assert_eq!((st.evaluated, st.passed, st.failed, st.fails_by_assert[0], st.out_of_bounds), (1, 0, 1, 0, 0));
            assert_eq!(st.failures.len(), 1);
        }
        assert_eq!(Outcome::decode(Outcome::Pass.encode()), Outcome::Pass);
    }
}

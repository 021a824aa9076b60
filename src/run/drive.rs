//! The one batch-driving loop over a [`Backend`]: walks index ranges batch by batch, sizes each
//! batch by the time the last one took, and asks its [`Hooks`] before and after every batch whether
//! to go on. `vecrun run` (the session, with budgets and checkpoints), `vecrun equiv`, the benches
//! and the tests all drive backends through it. Batch sizes never change a result: every backend
//! is deterministic per index, and hooks merge stats in index order.

use std::ops::ControlFlow;
use std::time::Instant;

use super::{Backend, BackendError, Divergence, Phase, RangeStats};
use crate::output::model::PhaseRange;

/// Seconds one batch should take. Batches are sized by measured time, not by a vector count, so a
/// stop request, a budget and a checkpoint interval are honoured within about a second whatever a
/// property costs per vector.
pub const BATCH_SECONDS: f64 = 0.25;

/// How batches are sized.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sizing {
    /// Start at one granule (one chunk per worker) and grow or shrink towards [`BATCH_SECONDS`]:
    /// the first batch of a property with a long loop must not take minutes.
    Timed,
    /// Always the backend's full batch (benchmarks and tests that want the largest dispatches).
    Full,
}

/// One batch: vectors `start..end` of `phase`, in range `range` of the ranges driven.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Batch {
    pub range: usize,
    pub phase: Phase,
    pub start: u64,
    pub end: u64,
}

/// What the loop asks its caller. `S` is why the caller stopped the loop early.
pub trait Hooks<S> {
    /// Before each batch: `Break` stops the loop before it runs.
    fn before_batch(&mut self) -> ControlFlow<S> {
        ControlFlow::Continue(())
    }
    /// Batches run this many times smaller than the sizing says (a throttled run).
    fn throttle(&self) -> u64 {
        1
    }
    /// After each batch, with its stats (one entry per property) and the divergences the backend
    /// found in it. `Break` stops the loop after this batch.
    fn after_batch(&mut self, batch: Batch, stats: RangeStats, divergences: Vec<Divergence>) -> Result<ControlFlow<S>, BackendError>;
    /// A range has been driven to its end.
    fn range_done(&mut self, range: usize) {
        let _ = range;
    }
}

/// Where to start: range `range`, index `next` within it (a resumed run's position).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct From {
    pub range: usize,
    pub next: u64,
}

/// Drives `backend` over `ranges` from `from`, keeping at most `cap` failures per property in each
/// batch's stats. Returns the hooks' reason when they stopped the loop, `None` when every range ran.
pub fn drive<S>(
    backend: &mut dyn Backend,
    ranges: &[PhaseRange],
    from: From,
    cap: usize,
    sizing: Sizing,
    hooks: &mut dyn Hooks<S>,
) -> Result<Option<S>, BackendError> {
    let full_batch = backend.batch_size().max(1);
    let granule = backend.granule().clamp(1, full_batch);
    let mut batch_size = match sizing {
        Sizing::Timed => granule,
        Sizing::Full => full_batch,
    };
    for (index, range) in ranges.iter().enumerate().skip(from.range) {
        let mut at = if index == from.range { from.next.max(range.start) } else { range.start };
        while at < range.end {
            if let ControlFlow::Break(s) = hooks.before_batch() {
                return Ok(Some(s));
            }
            let size = (batch_size / hooks.throttle().max(1)).max(granule);
            let end = range.end.min(at.saturating_add(size));
            let started = Instant::now();
            let stats = {
                let _s = tracing::debug_span!("batch", phase = range.phase.name(), start = at, end).entered();
                backend.run_range(range.phase, at, end, cap)?
            };
            if sizing == Sizing::Timed && end - at == size {
                // The backend's own limit may grow as it learns the device (GPU dispatches).
                batch_size = next_batch_size(batch_size, started.elapsed().as_secs_f64(), granule, backend.batch_size().max(full_batch));
            }
            let batch = Batch { range: index, phase: range.phase, start: at, end };
            at = end;
            if let ControlFlow::Break(s) = hooks.after_batch(batch, stats, backend.take_divergences())? {
                return Ok(Some(s));
            }
        }
        hooks.range_done(index);
    }
    Ok(None)
}

/// The next batch size after a batch of `size` vectors took `took` seconds: aiming at
/// [`BATCH_SECONDS`], at most doubling, never below `granule` or above `max`.
pub fn next_batch_size(size: u64, took: f64, granule: u64, max: u64) -> u64 {
    let target = if took <= 0.0 { 2.0 } else { (BATCH_SECONDS / took).clamp(0.05, 2.0) };
    let next = (size as f64 * target) as u64;
    let next = next / granule * granule;
    next.clamp(granule, max.max(granule))
}

/// The ranges of a whole phase plan, each from index 0.
pub fn plan_ranges(plan: &super::PhasePlan) -> Vec<PhaseRange> {
    plan.phases.iter().map(|&(phase, n)| PhaseRange { phase, start: 0, end: n }).collect()
}

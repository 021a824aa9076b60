//! Several GPUs as one backend: each index range is split into contiguous sub-ranges, one per
//! device (sized by each device's current dispatch, so a faster device gets more), evaluated
//! concurrently, and merged in index order, so counts and failing indices equal one device's.

use super::runtime::{GpuBackend, GpuError};
use crate::run::{Backend, BackendError, Divergence, Phase, PropertyStats, RangeStats};

/// The GPU backends of several devices (each with its own CPU reference) run as one.
pub struct MultiGpuBackend {
    members: Vec<GpuBackend>,
}

impl MultiGpuBackend {
    /// One backend over `members` (at least one), in the order they take sub-ranges.
    pub fn new(members: Vec<GpuBackend>) -> Result<MultiGpuBackend, GpuError> {
        if members.is_empty() {
            return Err(GpuError::NoAdapter(" (no device to run on)".into()));
        }
        Ok(MultiGpuBackend { members })
    }

    /// The devices' backends, in the order they take sub-ranges.
    pub fn members(&self) -> &[GpuBackend] {
        &self.members
    }

    /// The devices' backends (to set the cross-check rate or dispatch size of each).
    pub fn members_mut(&mut self) -> &mut [GpuBackend] {
        &mut self.members
    }

    /// `start..end` cut into one contiguous sub-range per member (possibly empty), in order, each
    /// in proportion to the member's current dispatch size (dispatches grow until one takes the same
    /// time on every device, so this follows each device's speed) and rounded to the largest granule.
    pub fn split(&self, start: u64, end: u64) -> Vec<(u64, u64)> {
        let weights: Vec<u128> = self.members.iter().map(|m| m.dispatch_size().max(1) as u128).collect();
        let total_weight: u128 = weights.iter().sum();
        let granule = self.members.iter().map(|m| m.granule()).max().unwrap_or(1).max(1);
        let len = end.saturating_sub(start);
        let mut out = Vec::with_capacity(self.members.len());
        let mut at = start;
        let mut acc: u128 = 0;
        for (k, w) in weights.iter().enumerate() {
            acc += w;
            let cut = if k + 1 == weights.len() {
                end
            } else {
                let ideal = (len as u128 * acc / total_weight) as u64;
                let rounded = ideal / granule * granule;
                (start + rounded).clamp(at, end)
            };
            out.push((at, cut));
            at = cut;
        }
        out
    }
}

impl Backend for MultiGpuBackend {
    fn name(&self) -> &'static str {
        if self.members.iter().any(|m| m.name() == "gpu") { "gpu" } else { "cpu" }
    }
    fn adapter(&self) -> String {
        self.members.iter().map(|m| m.adapter()).collect::<Vec<_>>().join(" + ")
    }
    fn run_range(&mut self, phase: Phase, start: u64, end: u64, cap: usize) -> Result<RangeStats, BackendError> {
        let parts = self.split(start, end);
        let results: Vec<Option<Result<RangeStats, BackendError>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = self
                .members
                .iter_mut()
                .zip(&parts)
                .map(|(m, &(a, b))| (a < b).then(|| scope.spawn(move || m.run_range(phase, a, b, cap))))
                .collect();
            handles
                .into_iter()
                .map(|h| h.map(|h| h.join().unwrap_or_else(|_| Err(BackendError::Device("a GPU worker thread panicked".into())))))
                .collect()
        });
        let mut stats: Option<Vec<PropertyStats>> = None;
        // Merged in index order: member k's sub-range precedes member k+1's.
        for part in results.into_iter().flatten() {
            let part = part?;
            match &mut stats {
                None => stats = Some(part),
                Some(acc) => {
                    for (s, p) in acc.iter_mut().zip(&part) {
                        s.merge(p, cap);
                    }
                }
            }
        }
        match stats {
            Some(s) => Ok(s),
            // An empty range: the first member gives the empty counts.
            None => self.members[0].run_range(phase, start, end, cap),
        }
    }
    fn batch_size(&self) -> u64 {
        self.members.iter().map(|m| m.batch_size()).sum()
    }
    fn granule(&self) -> u64 {
        self.members.iter().map(|m| m.granule()).max().unwrap_or(1) * self.members.len() as u64
    }
    fn eval_vectors(&mut self, vectors: &[Vec<u32>]) -> Result<Vec<Vec<u32>>, BackendError> {
        self.members[0].eval_vectors(vectors)
    }
    fn take_divergences(&mut self) -> Vec<Divergence> {
        self.members.iter_mut().flat_map(|m| m.take_divergences()).collect()
    }
}

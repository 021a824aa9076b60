//! A program of several input spaces (per-property inputs) behind one [`Backend`]: one backend
//! per [`super::Space`] group, each over its group's program and generator, and a phase's index
//! range split into the groups' sections (`PhasePlan::section`). Each group's backend sees its own
//! indices from 0, so a failure is named by `(property, phase, index in its group's phase)`, which
//! does not change when other properties are added to the spec or removed from it.

use super::{Backend, BackendError, Divergence, Phase, PhasePlan, PropertyStats, RangeStats};
use crate::ir::Program;

pub struct GroupedBackend {
    /// One backend per group, in group order.
    parts: Vec<Box<dyn Backend>>,
    /// Program indices of each group's properties (each part's stats, in order).
    members: Vec<Vec<usize>>,
    /// Empty stats of every program property.
    empty: Vec<PropertyStats>,
    plan: PhasePlan,
}

impl GroupedBackend {
    /// `parts[g]` evaluates group `g` of `plan.groups` (the properties `members[g]` of `program`).
    pub fn new(program: &Program, plan: PhasePlan, parts: Vec<Box<dyn Backend>>, members: Vec<Vec<usize>>) -> GroupedBackend {
        debug_assert_eq!(parts.len(), plan.groups.len());
        debug_assert_eq!(parts.len(), members.len());
        GroupedBackend { parts, members, empty: program.properties.iter().map(PropertyStats::new).collect(), plan }
    }
}

impl Backend for GroupedBackend {
    fn name(&self) -> &'static str {
        // A GPU run whose groups all fell back would name the CPU; a mix is still a GPU run.
        self.parts.iter().map(|p| p.name()).find(|n| *n == "gpu").unwrap_or("cpu")
    }
    fn adapter(&self) -> String {
        let mut seen: Vec<String> = Vec::new();
        for p in &self.parts {
            let a = p.adapter();
            if !seen.contains(&a) {
                seen.push(a);
            }
        }
        seen.join("; ")
    }
    fn run_range(&mut self, phase: Phase, start: u64, end: u64, cap: usize) -> Result<RangeStats, BackendError> {
        let mut out = self.empty.clone();
        for (g, part) in self.parts.iter_mut().enumerate() {
            let (offset, count) = self.plan.section(g, phase);
            let (s, e) = (start.max(offset), end.min(offset.saturating_add(count)));
            if s >= e {
                continue;
            }
            let stats = part.run_range(phase, s - offset, e - offset, cap)?;
            for (&k, st) in self.members[g].iter().zip(stats) {
                out[k] = st;
            }
        }
        Ok(out)
    }
    fn batch_size(&self) -> u64 {
        self.parts.iter().map(|p| p.batch_size()).min().unwrap_or(1)
    }
    fn granule(&self) -> u64 {
        self.parts.iter().map(|p| p.granule()).max().unwrap_or(1)
    }
    fn eval_vectors(&mut self, vectors: &[Vec<u32>]) -> Result<Vec<Vec<u32>>, BackendError> {
        let mut out = vec![Vec::new(); self.empty.len()];
        for (part, members) in self.parts.iter_mut().zip(&self.members) {
            for (&k, codes) in members.iter().zip(part.eval_vectors(vectors)?) {
                out[k] = codes;
            }
        }
        Ok(out)
    }
    fn take_divergences(&mut self) -> Vec<Divergence> {
        self.parts.iter_mut().flat_map(|p| p.take_divergences()).collect()
    }
}

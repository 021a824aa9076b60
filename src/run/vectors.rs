//! The vectors of a run: which phases exist, how many vectors each has, and how an index in a
//! phase becomes input values (identically for every backend and for replay).

use crate::r#gen::{self, Domain, EdgePlan, ExhaustiveLayout, RandomLayout};

/// The three phases of a run, in order. Each has its own index space starting at 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Edge,
    Exhaustive,
    Random,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Edge => "edge",
            Phase::Exhaustive => "exhaustive",
            Phase::Random => "random",
        }
    }
    pub fn parse(s: &str) -> Option<Phase> {
        match s {
            "edge" => Some(Phase::Edge),
            "exhaustive" => Some(Phase::Exhaustive),
            "random" => Some(Phase::Random),
            _ => None,
        }
    }
}

/// Most vectors the edge phase uses.
pub const EDGE_LIMIT: u64 = 4096;

/// Turns `(phase, index)` into slot values.
#[derive(Clone, Debug)]
pub struct Generator {
    pub key: [u32; 2],
    pub random: RandomLayout,
    pub edge: EdgePlan,
    pub exhaustive: Option<ExhaustiveLayout>,
    pub slots: usize,
}

impl Generator {
    pub fn new(slots: &[Domain], seed: u64, input_hash: [u8; 32]) -> Generator {
        Generator {
            key: r#gen::derive_key(seed, input_hash),
            random: RandomLayout::new(slots),
            edge: EdgePlan::new(slots, EDGE_LIMIT),
            exhaustive: ExhaustiveLayout::new(slots),
            slots: slots.len(),
        }
    }

    /// Number of vectors in the whole input space, if it fits in a u64.
    pub fn space(&self) -> Option<u64> {
        self.exhaustive.as_ref().map(|e| e.len())
    }

    /// The slot values of one vector.
    pub fn decode(&self, phase: Phase, index: u64, out: &mut [u32]) {
        match phase {
            Phase::Edge => self.edge.decode(self.key, index, out),
            Phase::Random => self.random.decode_random_vector(self.key, index, out),
            Phase::Exhaustive => match &self.exhaustive {
                Some(e) => e.decode(index % e.len().max(1), out),
                None => out.fill(0),
            },
        }
    }

    /// `out[slot][i]` = slot value of vector `base + i` of `phase`, `i < n`.
    pub fn decode_batch(&self, phase: Phase, base: u64, n: usize, out: &mut [Vec<u32>]) {
        match phase {
            Phase::Edge => self.edge.decode_batch(self.key, base, n, out),
            Phase::Random => self.random.decode_random_batch(self.key, base, n, out),
            Phase::Exhaustive => match &self.exhaustive {
                Some(e) => e.decode_batch(base, n, out),
                None => {
                    for o in out {
                        o.clear();
                        o.resize(n, 0);
                    }
                }
            },
        }
    }
}

/// How many vectors each phase runs.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PhasePlan {
    pub phases: Vec<(Phase, u64)>,
    /// True when the exhaustive phase covers the whole input space.
    pub exhaustive: bool,
}

impl PhasePlan {
    /// Exhaustive when the space fits the budget (or `force_exhaustive`), else edge then random.
    pub fn new(generator: &Generator, vectors: u64, force_exhaustive: bool) -> PhasePlan {
        match generator.space() {
            Some(space) if force_exhaustive || space <= vectors => PhasePlan { phases: vec![(Phase::Exhaustive, space)], exhaustive: true },
            _ => {
                let edge = generator.edge.len().min(vectors);
                PhasePlan { phases: vec![(Phase::Edge, edge), (Phase::Random, vectors - edge)], exhaustive: false }
            }
        }
    }
    pub fn total(&self) -> u64 {
        self.phases.iter().map(|(_, n)| *n).fold(0u64, |a, b| a.saturating_add(b))
    }
}

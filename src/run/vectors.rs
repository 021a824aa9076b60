//! The vectors of a run: which phases exist, how many vectors each has, and how an index in a
//! phase becomes input values (identically for every backend and for replay).

use crate::r#gen::{self, Domain, EdgePlan, ExhaustiveLayout, RandomLayout};
use crate::ir::Program;

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
    /// True when the exhaustive phase covers the whole input space (of every group).
    pub exhaustive: bool,
    /// With per-property inputs, each [`Space`] group's own plan, in group order; a phase of the run
    /// is its groups' phases one after another. Empty for a program of one input space.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupPlan>,
}

/// The plan of one group of properties that share an input space.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GroupPlan {
    pub properties: Vec<String>,
    pub phases: Vec<(Phase, u64)>,
    /// True when the group's exhaustive phase covers its whole space.
    pub exhaustive: bool,
}

impl PhasePlan {
    /// Exhaustive when the space fits the budget (or `force_exhaustive`), else edge then random.
    pub fn new(generator: &Generator, vectors: u64, force_exhaustive: bool) -> PhasePlan {
        match generator.space() {
            Some(space) if force_exhaustive || space <= vectors => {
                PhasePlan { phases: vec![(Phase::Exhaustive, space)], exhaustive: true, groups: Vec::new() }
            }
            _ => {
                let edge = generator.edge.len().min(vectors);
                PhasePlan { phases: vec![(Phase::Edge, edge), (Phase::Random, vectors - edge)], exhaustive: false, groups: Vec::new() }
            }
        }
    }

    /// The plan of a program's input spaces: each group planned on its own (`vectors` each), then
    /// every phase that some group has, in phase order, as long as its groups' parts together.
    pub fn of_space(space: &Space, vectors: u64, force_exhaustive: bool) -> PhasePlan {
        if space.is_single() {
            return PhasePlan::new(&space.groups[0].generator, vectors, force_exhaustive);
        }
        let groups: Vec<GroupPlan> = space
            .groups
            .iter()
            .map(|g| {
                let p = PhasePlan::new(&g.generator, vectors, force_exhaustive);
                GroupPlan { properties: g.names.clone(), phases: p.phases, exhaustive: p.exhaustive }
            })
            .collect();
        let mut phases: Vec<(Phase, u64)> = Vec::new();
        for phase in [Phase::Edge, Phase::Exhaustive, Phase::Random] {
            let parts: Vec<u64> = groups.iter().flat_map(|g| g.phases.iter().filter(|(p, _)| *p == phase).map(|(_, n)| *n)).collect();
            if !parts.is_empty() {
                phases.push((phase, parts.iter().fold(0u64, |a, b| a.saturating_add(*b))));
            }
        }
        PhasePlan { phases, exhaustive: groups.iter().all(|g| g.exhaustive), groups }
    }

    pub fn total(&self) -> u64 {
        self.phases.iter().map(|(_, n)| *n).fold(0u64, |a, b| a.saturating_add(b))
    }

    /// Whether the plan enumerates the whole input space of property `name`.
    pub fn exhaustive_for(&self, name: &str) -> bool {
        match self.groups.iter().find(|g| g.properties.iter().any(|p| p == name)) {
            Some(g) => g.exhaustive,
            None => self.exhaustive,
        }
    }

    /// Vectors planned for property `name` when its input space has a plan of its own.
    pub fn planned_for(&self, name: &str) -> Option<u64> {
        let g = self.groups.iter().find(|g| g.properties.iter().any(|p| p == name))?;
        Some(g.phases.iter().map(|(_, n)| *n).fold(0u64, |a, b| a.saturating_add(b)))
    }

    /// [`PhasePlan::exhaustive_for`] of each of `program`'s properties.
    pub fn exhaustive_by_property(&self, program: &Program) -> Vec<bool> {
        program.properties.iter().map(|p| self.exhaustive_for(&p.name)).collect()
    }

    /// Where group `group`'s vectors of `phase` lie among the phase's: `(offset, count)`.
    pub fn section(&self, group: usize, phase: Phase) -> (u64, u64) {
        let count = |g: &GroupPlan| g.phases.iter().filter(|(p, _)| *p == phase).map(|(_, n)| *n).sum::<u64>();
        let offset = self.groups[..group.min(self.groups.len())].iter().map(count).sum();
        (offset, self.groups.get(group).map(count).unwrap_or(0))
    }
}

/// Properties that draw their vectors from one input space, and that space's generator.
#[derive(Clone, Debug)]
pub struct Group {
    /// Program indices of the group's properties, ascending.
    pub properties: Vec<usize>,
    /// Their names.
    pub names: Vec<String>,
    /// Every slot's domain, the slots of other properties' own inputs [`Domain::Unused`] (their
    /// properties are not in this group; unused slots add nothing to the space).
    pub slots: Vec<Domain>,
    /// The group's program: its properties only, over `slots`.
    pub program: Program,
    pub generator: Generator,
}

/// A program's input spaces. Properties without inputs of their own share the spec-wide inputs'
/// space; a property with its own inputs (`property p(x: u32 in 0..100)`) has a space of its own,
/// the spec-wide inputs' times its own, so unrelated properties in one spec do not multiply their
/// spaces. A space's generator is keyed by the inputs it reads and leaves the other slots
/// [`Domain::Unused`], so its vectors do not change when other properties come or go. A spec
/// without per-property inputs has one group (every property), whose generator is exactly the
/// generator of all the slots.
#[derive(Clone, Debug)]
pub struct Space {
    pub groups: Vec<Group>,
    /// One group whose generator draws every slot from its declared domain (no property has inputs
    /// of its own, or only the one property selected).
    single: bool,
}

impl Space {
    pub fn new(program: &Program, seed: u64, input_hash: [u8; 32]) -> Space {
        let mut keys: Vec<Option<&str>> = Vec::new();
        let mut members: Vec<Vec<usize>> = Vec::new();
        for (k, p) in program.properties.iter().enumerate() {
            let own = program.inputs.iter().any(|i| i.owner.as_deref() == Some(p.name.as_str()));
            let key = own.then_some(p.name.as_str());
            match keys.iter().position(|k| *k == key) {
                Some(g) => members[g].push(k),
                None => {
                    keys.push(key);
                    members.push(vec![k]);
                }
            }
        }
        if members.is_empty() {
            // No property: one space of every slot (what `vecrun check` and the lints describe).
            keys.push(None);
            members.push(Vec::new());
        }
        let single = keys.len() <= 1 && program.inputs.iter().all(|i| i.owner.is_none() || keys.first() == Some(&i.owner.as_deref()));
        let groups = members
            .into_iter()
            .map(|properties| {
                let names: Vec<String> = properties.iter().map(|&k| program.properties[k].name.clone()).collect();
                let owner = names.first().map(String::as_str).unwrap_or("");
                let (slots, key): (Vec<Domain>, [u8; 32]) = if single {
                    (program.slots.clone(), input_hash)
                } else {
                    // Keyed by the inputs the space reads, the others' slots unused: its vectors are the same
                    // whatever other properties the spec has.
                    let reads = |i: &&crate::ir::InputIr| i.owner.as_deref().is_none_or(|o| o == owner);
                    let key = crate::check::hash::inputs_hash(
                        program.inputs.iter().filter(reads).map(|i| (i.name.as_str(), i.ty, &i.domain, i.owner.as_deref())),
                    );
                    let slots = (0..program.slots.len())
                        .map(|s| if program.slot_of_property(s as u32, owner) { program.slots[s].clone() } else { Domain::Unused })
                        .collect();
                    (slots, key)
                };
                let sub = Program {
                    slots: slots.clone(),
                    properties: properties.iter().map(|&k| program.properties[k].clone()).collect(),
                    ..program.clone()
                };
                let generator = Generator::new(&slots, seed, key);
                Group { properties, names, slots, program: sub, generator }
            })
            .collect();
        Space { groups, single }
    }

    /// Whether the program has one input space over every slot as declared: then the group's
    /// generator is the generator of `program.slots` and nothing about the run is per space.
    pub fn is_single(&self) -> bool {
        self.single
    }

    /// The group of program property `property`.
    pub fn group_of(&self, property: usize) -> usize {
        self.groups.iter().position(|g| g.properties.contains(&property)).unwrap_or(0)
    }

    /// The generator that names property `property`'s vectors.
    pub fn generator_of(&self, property: usize) -> &Generator {
        &self.groups[self.group_of(property)].generator
    }

    /// Whether every group's space can be enumerated (fits 2^64 vectors).
    pub fn enumerable(&self) -> bool {
        self.groups.iter().all(|g| g.generator.space().is_some())
    }
}

//! What a run leaves behind, as plain data: the manifest (everything needed to reproduce the run)
//! and one record per counterexample (original and shrunk values, by slot). The Parquet writer,
//! JUnit writer, replay and reports all work from these types.

use serde::{Deserialize, Serialize};

use crate::check::Budget;
use crate::run::Phase;

/// Version of the output schema (`docs/output.md`); any change to a column or metadata key bumps it.
/// 2: the `vecrun.checksum` metadata (required from 2 on; version 1 files are read unverified).
/// 3: `summary.parquet` gains `fails_by_assert`, `out_of_bounds`, `discards_by_assume` and
/// `counterexamples_kept` (absent in older files, which still read); the vecrun metadata is also
/// the Arrow schema's metadata.
/// 4: layout 2: a run or merge writes each table in its own folder,
/// `DIR/counterexamples/part-0.parquet` and `DIR/summary/part-0.parquet` (no `.parquet` file
/// directly in `DIR`); the columns and metadata are those of 3, and readers still take the
/// layout 1 `DIR/counterexamples.parquet` and `DIR/summary.parquet`.
pub const SCHEMA_VERSION: u32 = 4;

/// One phase's index range in a run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseRange {
    pub phase: Phase,
    pub start: u64,
    pub end: u64,
}

/// The run manifest (`manifest.json`, also in the Parquet key-value metadata).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema_version: u32,
    pub vecrun_version: String,
    pub run_id: String,
    pub spec_name: String,
    pub spec_version: Option<String>,
    pub spec_hash: String,
    /// The spec file as given on the command line.
    pub spec_path: String,
    pub generator_version: u32,
    pub seed: u64,
    /// `(k, n)`: this run is shard k of n (0-based), when sharded.
    pub shard: Option<(u64, u64)>,
    pub phases: Vec<PhaseRange>,
    /// Whether the phases enumerate the whole input space.
    pub exhaustive: bool,
    pub backend: String,
    pub adapter: String,
    pub properties: Vec<String>,
    pub budget: Budget,
    /// Money spent so far at `usd_per_hour` (when a price is known).
    pub burn_usd: Option<f64>,
    pub throttled: bool,
    /// RFC 3339 UTC.
    pub started_at: String,
    pub finished_at: Option<String>,
    pub wall_seconds: f64,
    pub vectors_done: u64,
    /// `running`, `passed`, `failed`, `budget-exhausted`, `interrupted`.
    pub outcome: RunStatus,
    /// What the solver phase found, one record per goal (empty without `--solver`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub solver: Vec<SolverRecord>,
    /// The implementations bound to the spec's extern fns (`--impl`), each with a content hash
    /// of what ran (empty without extern fns).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bindings: Vec<crate::impls::BindingRecord>,
}

/// One solver goal of a run: can this assert (or bounds check) of this property fail?
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SolverRecord {
    pub property: String,
    /// `assert 0`, `bounds 1`: the site, numbered as in the property.
    pub site: String,
    /// `proven`, `refuted`, `unknown`, or `divergent` (the solver's model does not fail on the CPU).
    pub result: String,
    /// Why the result is unknown or divergent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub seconds: f64,
}

/// What names a run and the vectors it evaluates: filled once when a run starts, and written into
/// both its checkpoint and its manifest (and read back from the checkpoint on resume), so the two
/// files can never disagree on it.
#[derive(Clone, Debug, PartialEq)]
pub struct RunHeader {
    pub run_id: String,
    pub spec_name: String,
    pub spec_version: Option<String>,
    pub spec_hash: String,
    /// The spec file as given on the command line.
    pub spec_path: String,
    pub generator_version: u32,
    pub seed: u64,
    /// `(k, n)`: shard k of n (0-based), when sharded.
    pub shard: Option<(u64, u64)>,
    /// Whether the phases enumerate the whole input space.
    pub exhaustive: bool,
    pub properties: Vec<String>,
    /// RFC 3339 UTC.
    pub started_at: String,
}

impl Manifest {
    /// The manifest of a run starting now (outcome `running`, nothing done yet).
    pub fn start(header: &RunHeader, phases: Vec<PhaseRange>, backend: &str, adapter: String, budget: Budget) -> Manifest {
        let h = header.clone();
        Manifest {
            schema_version: SCHEMA_VERSION,
            vecrun_version: env!("CARGO_PKG_VERSION").to_string(),
            run_id: h.run_id,
            spec_name: h.spec_name,
            spec_version: h.spec_version,
            spec_hash: h.spec_hash,
            spec_path: h.spec_path,
            generator_version: h.generator_version,
            seed: h.seed,
            shard: h.shard,
            phases,
            exhaustive: h.exhaustive,
            backend: backend.to_string(),
            adapter,
            properties: h.properties,
            budget,
            burn_usd: None,
            throttled: false,
            started_at: h.started_at,
            finished_at: None,
            wall_seconds: 0.0,
            vectors_done: 0,
            outcome: RunStatus::Running,
            solver: Vec::new(),
            bindings: Vec::new(),
        }
    }

    /// The header this manifest was written from.
    pub fn header(&self) -> RunHeader {
        RunHeader {
            run_id: self.run_id.clone(),
            spec_name: self.spec_name.clone(),
            spec_version: self.spec_version.clone(),
            spec_hash: self.spec_hash.clone(),
            spec_path: self.spec_path.clone(),
            generator_version: self.generator_version,
            seed: self.seed,
            shard: self.shard,
            exhaustive: self.exhaustive,
            properties: self.properties.clone(),
            started_at: self.started_at.clone(),
        }
    }
}

/// How a run ended: the manifest's and the history's `outcome`. A run stopped by its budget is
/// `budget-exhausted` even when it found a failure (its verdicts say so).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RunStatus {
    /// Still running (the manifest written at the start, or a run killed before it finished).
    Running,
    Passed,
    Failed,
    BudgetExhausted,
    Interrupted,
    /// A merge of shards of which some have not finished.
    Incomplete,
}

impl RunStatus {
    pub fn name(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Passed => "passed",
            RunStatus::Failed => "failed",
            RunStatus::BudgetExhausted => "budget-exhausted",
            RunStatus::Interrupted => "interrupted",
            RunStatus::Incomplete => "incomplete",
        }
    }
}

/// Where a checkpoint's run stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RunState {
    Running,
    Interrupted,
    BudgetExhausted,
    Finished,
    /// A merge of shards of which some have not finished.
    Incomplete,
}

impl RunState {
    pub fn name(self) -> &'static str {
        match self {
            RunState::Running => "running",
            RunState::Interrupted => "interrupted",
            RunState::BudgetExhausted => "budget-exhausted",
            RunState::Finished => "finished",
            RunState::Incomplete => "incomplete",
        }
    }
}

/// Where a counterexample was found: a phase of the generator (its index names the vector), the
/// replay of `SPEC.regressions`, a row of a `--dataset` file (its index is the row), or a model of
/// the SMT solver (its index is the goal's number in the run's solver records).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    Phase(Phase),
    Replay,
    Dataset,
    Solver,
    /// A symbolic edge case: a vector the solver built to reach a branch outcome or a cover (its
    /// index is its number in the run's list of them).
    Symbolic,
}

impl Source {
    /// The stored spelling: `edge`, `exhaustive`, `random`, `replay`, `dataset`.
    pub fn name(self) -> &'static str {
        match self {
            Source::Phase(p) => p.name(),
            Source::Replay => "replay",
            Source::Dataset => "dataset",
            Source::Solver => "solver",
            Source::Symbolic => "symbolic",
        }
    }
    pub fn parse(s: &str) -> Option<Source> {
        s.parse().ok()
    }
    /// The generator phase, when the vector is generated (not replayed or recorded).
    pub fn phase(self) -> Option<Phase> {
        match self {
            Source::Phase(p) => Some(p),
            _ => None,
        }
    }
}

macro_rules! named_enum_traits {
    ($($t:ty),*) => {$(
        impl std::str::FromStr for $t {
            type Err = UnknownName;
            fn from_str(s: &str) -> Result<$t, UnknownName> {
                <$t>::ALL.iter().copied().find(|v| v.name() == s).ok_or_else(|| UnknownName(s.to_string()))
            }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.name() == *other
            }
        }
        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.name() == other
            }
        }
    )*};
}
/// A stored name that is not one of the enum's.
#[derive(Debug, thiserror::Error)]
#[error("unknown name `{0}`")]
pub struct UnknownName(pub String);

impl RunStatus {
    pub const ALL: [RunStatus; 6] = [
        RunStatus::Running,
        RunStatus::Passed,
        RunStatus::Failed,
        RunStatus::BudgetExhausted,
        RunStatus::Interrupted,
        RunStatus::Incomplete,
    ];
}

impl RunState {
    pub const ALL: [RunState; 5] =
        [RunState::Running, RunState::Interrupted, RunState::BudgetExhausted, RunState::Finished, RunState::Incomplete];
}

impl Source {
    pub const ALL: [Source; 7] = [
        Source::Phase(Phase::Edge),
        Source::Phase(Phase::Exhaustive),
        Source::Phase(Phase::Random),
        Source::Replay,
        Source::Dataset,
        Source::Solver,
        Source::Symbolic,
    ];
}

named_enum_traits!(RunStatus, RunState, Source);

impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Source {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Source, D::Error> {
        let text = String::deserialize(d)?;
        Source::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("unknown counterexample source `{text}`")))
    }
}

/// Why a vector is a counterexample.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    /// An `assert` was false.
    Assert,
    /// An array index was out of bounds.
    IndexOutOfBounds,
    /// The GPU said it fails, the CPU did not reproduce it.
    BackendDivergent,
    /// The implementation bound to an `extern fn` crashed on the vector (died, was killed by a
    /// signal, or returned an error).
    ImplementationCrashed,
    /// The implementation bound to an `extern fn` ran past `--impl-timeout` on the vector.
    ImplementationTimeout,
    /// A `while` or `loop` would have run more than its `bound`.
    LoopBoundExceeded,
    /// Re-running the vector gave another verdict or other implementation results: the
    /// implementation is not a function of its arguments.
    ImplementationNondeterministic,
}

impl Reason {
    pub fn name(self) -> &'static str {
        match self {
            Reason::Assert => "assert",
            Reason::IndexOutOfBounds => "index out of bounds",
            Reason::BackendDivergent => "backend-divergent",
            Reason::ImplementationCrashed => "implementation_crashed",
            Reason::ImplementationTimeout => "implementation_timeout",
            Reason::ImplementationNondeterministic => "implementation_nondeterministic",
            Reason::LoopBoundExceeded => "loop_bound_exceeded",
        }
    }
    pub fn parse(s: &str) -> Option<Reason> {
        match s {
            "assert" => Some(Reason::Assert),
            "index out of bounds" => Some(Reason::IndexOutOfBounds),
            "backend-divergent" => Some(Reason::BackendDivergent),
            "implementation_crashed" => Some(Reason::ImplementationCrashed),
            "implementation_timeout" => Some(Reason::ImplementationTimeout),
            "implementation_nondeterministic" => Some(Reason::ImplementationNondeterministic),
            "loop_bound_exceeded" => Some(Reason::LoopBoundExceeded),
            _ => None,
        }
    }
}

/// One counterexample, before it is written (values by slot, in program slot order).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Counterexample {
    pub property: String,
    /// The assert that failed (`None` for an out-of-bounds index).
    pub assert_index: Option<u32>,
    pub assert_message: String,
    /// `file:line:col` of the failing assert or index.
    pub location: String,
    pub reason: Reason,
    pub phase: Source,
    pub vector_index: u64,
    /// The packed outcome code (see `ir::Outcome`).
    pub outcome: u32,
    pub original: Vec<u32>,
    pub shrunk: Vec<u32>,
    pub shrink_steps: u32,
    /// What each extern fn of the program (in declaration order) returned on the stored (shrunk)
    /// vector, the last call of it: its scalars, or `None` when the vector did not call it (or the
    /// call crashed). Empty when the spec has no extern fn.
    #[serde(default)]
    pub implementation: Vec<Option<Vec<u32>>>,
}

impl Counterexample {
    /// A failing vector of `property` (packed outcome `code`), found at `index` of `phase`
    /// (or replay, or dataset row), not shrunk: the message, location
    /// and reason come from the failing site.
    pub fn failure(property: &crate::ir::PropertyIr, code: u32, phase: Source, index: u64, values: Vec<u32>) -> Counterexample {
        let outcome = crate::ir::Outcome::decode(code);
        let (message, _, location) = crate::run::report::failure_reason(property, outcome);
        let (assert_index, reason) = match outcome {
            crate::ir::Outcome::Fail(id) => (Some(id), Reason::Assert),
            // A code no backend writes: a backend bug, kept as a row so it can be reported.
            crate::ir::Outcome::Invalid(_) => (None, Reason::BackendDivergent),
            crate::ir::Outcome::ImplCrashed(_) => (None, Reason::ImplementationCrashed),
            crate::ir::Outcome::ImplTimeout(_) => (None, Reason::ImplementationTimeout),
            crate::ir::Outcome::LoopBound(_) => (None, Reason::LoopBoundExceeded),
            _ => (None, Reason::IndexOutOfBounds),
        };
        Counterexample {
            property: property.name.clone(),
            assert_index,
            assert_message: message,
            location,
            reason,
            phase,
            vector_index: index,
            outcome: code,
            original: values.clone(),
            shrunk: values,
            shrink_steps: 0,
            implementation: Vec::new(),
        }
    }
}

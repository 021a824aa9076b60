//! Merging shards (`vecrun merge`): the output directories of the shards of one plan become one
//! result with the same files, verdicts and counts as an unsharded run of the same plan. [`merge_dirs`]
//! reads and merges, [`write`] writes the merged result into an output directory.

use std::path::{Path, PathBuf};

use crate::check::Type;
use crate::fsio::printable;
use crate::output::LockError;
use crate::output::model::{Counterexample, Manifest, PhaseRange, RunState, RunStatus, Source};
use crate::output::parquet::{self, ParquetOutputError};
use crate::output::results::{OutputError, PropertyResult, RunResults};
use crate::run::session::{Checkpoint, Position};
use crate::run::{Phase, PropertyStats, Verdict};

/// Why shards could not be merged (or the merged result written). The messages are what `vecrun
/// merge` prints after `error: `.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// A shard's `checkpoint.json` could not be read.
    #[error(transparent)]
    ReadCheckpoint(#[from] crate::run::session::CheckpointError),
    /// A shard's counterexample or summary table could not be read.
    #[error(transparent)]
    ReadTable(#[from] ParquetOutputError),
    #[error("cannot merge: no shards given")]
    NoShards,
    #[error("cannot merge: shard run {run} is not a valid checkpoint: {reason}")]
    InvalidCheckpoint { run: String, reason: crate::run::session::CheckpointDefect },
    #[error("cannot merge: shard run {run} is of a different spec (hash {hash}) than run {first} (hash {first_hash})")]
    DifferentSpec { run: String, hash: String, first: String, first_hash: String },
    /// Shards of different plans would count some indices twice and never evaluate others.
    #[error(
        "cannot merge: shard run {run} planned {plan}, run {first} planned {first_plan}: shards of different plans (--vectors, --exhaustive) cannot be merged"
    )]
    DifferentPlan { run: String, plan: String, first: String, first_plan: String },
    #[error("cannot merge: shard run {run} used seed {seed}, run {first} used seed {first_seed}")]
    DifferentSeed { run: String, seed: u64, first: String, first_seed: u64 },
    #[error("cannot merge: shard run {run} ran properties {properties:?}, run {first} ran {first_properties:?}")]
    DifferentProperties { run: String, properties: Vec<String>, first: String, first_properties: Vec<String> },
    #[error("cannot merge: shards were generated with different generator versions")]
    DifferentGenerator,
    #[error("cannot merge: shard run {run} is shard {index} of {count}, others are of {expected}")]
    ShardCount { run: String, index: u64, count: u64, expected: u64 },
    #[error("cannot merge: shard run {run} (shard {index} of {count}) did not run its part of the plan")]
    WrongPart { run: String, index: u64, count: u64 },
    #[error("cannot merge: shard {index} of {count} is given twice")]
    GivenTwice { index: u64, count: u64 },
    #[error(
        "cannot merge: missing shard{} {} of {count}",
        if missing.len() == 1 { "" } else { "s" },
        missing.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
    )]
    MissingShards { missing: Vec<u64>, count: u64 },
    /// Adding a shard's counts failed (they overflow, or the shards disagree on the spec's asserts).
    #[error("cannot merge: shard run {run}: {reason}")]
    Counts { run: String, reason: crate::run::CountsError },
    #[error(
        "cannot merge: no shard has written its counterexample table ({}/{}) yet (were they all killed?); resume them first",
        parquet::Table::Counterexamples.folder(),
        parquet::PART_FILE
    )]
    NoCounterexampleTable,
    #[error(
        "cannot merge: the counterexample table in `{}` is not of the run its checkpoint describes (spec, inputs or seed differ)",
        printable(&dir.display().to_string())
    )]
    ForeignTable { dir: PathBuf },
    #[error("cannot merge: no shard manifest")]
    NoManifest,
    #[error("cannot create `{}`: {source}", dir.display())]
    CreateDir {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("cannot write the merged result: {0}")]
    WriteCheckpoint(#[source] std::io::Error),
    #[error("cannot write the merged result: {0}")]
    WriteTable(#[source] ParquetOutputError),
    #[error("cannot write the merged result: {0}")]
    WriteResults(#[source] OutputError),
}

/// A shard whose counterexample table is missing (it was stopped before writing it): its failures
/// are counted, its counterexample rows are not in the merged result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingTable {
    pub dir: PathBuf,
    /// `k/n`.
    pub shard: String,
}

impl std::fmt::Display for MissingTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` has no counterexample table ({}/{}; shard {} was stopped before writing it): its failures are counted, its counterexample rows are missing; resume it and merge again",
            printable(&self.dir.display().to_string()),
            parquet::Table::Counterexamples.folder(),
            parquet::PART_FILE,
            self.shard
        )
    }
}

/// The merged result of several shards, ready to [`write`].
#[derive(Clone, Debug)]
pub struct Merged {
    /// How many shards were merged.
    pub shards: usize,
    /// The merged counts, in the checkpoint format (`--resume` of the merged directory evaluates
    /// exactly the vectors no shard evaluated).
    pub checkpoint: Checkpoint,
    pub manifest: Manifest,
    /// The spec's inputs and sources, as the shards' counterexample tables store them.
    pub inputs: Vec<(String, Type)>,
    /// The property owning each input (`None`: spec-wide).
    pub input_owners: Vec<Option<String>>,
    /// The extern fns whose results the rows store (`impl.NAME` columns).
    pub externs: Vec<(String, Type)>,
    pub sources: Vec<(String, String)>,
    /// The shards' counterexample rows as one table ([`merge_counterexamples`]).
    pub counterexamples: Vec<Counterexample>,
    /// One per property of the checkpoint ([`merged_verdicts`]).
    pub verdicts: Vec<Verdict>,
    /// The cover labels of each property (from any shard's summary: they are the spec's).
    pub cover_labels: Vec<Vec<String>>,
    /// Shards merged without their counterexample rows.
    pub missing_tables: Vec<MissingTable>,
}

impl Merged {
    /// Whether every shard finished (else the merged counts are incomplete).
    pub fn is_complete(&self) -> bool {
        self.checkpoint.state == "finished"
    }
    /// Whether a property failed or diverged.
    pub fn has_failures(&self) -> bool {
        self.verdicts.iter().any(|v| matches!(v, Verdict::Failed | Verdict::Divergent))
    }
}

/// Reads the output directories of the shards of one plan (each holds `checkpoint.json` and, unless
/// the shard was killed early, its counterexample and summary tables) and merges them, keeping at
/// most `capacity` failing vectors per property.
pub fn merge_dirs(dirs: &[PathBuf], capacity: usize) -> Result<Merged, MergeError> {
    let mut shards = Vec::new();
    let mut files = Vec::new();
    for dir in dirs {
        shards.push(Checkpoint::read(&dir.join("checkpoint.json")).map_err(MergeError::ReadCheckpoint)?);
        files.push(read_shard_files(dir)?);
    }
    let merged = merge_checkpoints(&shards, capacity)?;
    // The shards' counterexample files: the same spec, inputs and sources, else they are not one run.
    let stored: Vec<&parquet::StoredRun> = files.iter().filter_map(|f| f.stored.as_ref()).collect();
    let reference = stored.first().ok_or(MergeError::NoCounterexampleTable)?;
    let mut missing_tables = Vec::new();
    for (f, s) in files.iter().zip(&shards) {
        match &f.stored {
            Some(st) if st.manifest.spec_hash != merged.spec_hash || st.inputs != reference.inputs || st.manifest.seed != merged.seed => {
                return Err(MergeError::ForeignTable { dir: f.dir.clone() });
            }
            Some(_) => {}
            None => missing_tables
                .push(MissingTable { dir: f.dir.clone(), shard: s.shard.map(|(k, n)| format!("{k}/{n}")).unwrap_or_else(|| "0/1".into()) }),
        }
    }
    let rows: Vec<Vec<Counterexample>> =
        stored.iter().map(|s| s.rows.iter().map(counterexample_of).collect::<Result<_, _>>()).collect::<Result<_, _>>()?;
    let counterexamples = merge_counterexamples(&merged.properties, &rows, capacity);
    let verdicts = merged_verdicts(&merged, &counterexamples);
    let manifests: Vec<&Manifest> = stored.iter().map(|s| &s.manifest).collect();
    let manifest = merged_manifest(&merged, &manifests, &verdicts).ok_or(MergeError::NoManifest)?;
    let cover_labels: Vec<Vec<String>> = merged
        .properties
        .iter()
        .map(|name| {
            files
                .iter()
                .filter_map(|f| f.summary.as_ref())
                .flat_map(|s| s.rows.iter())
                .find(|r| r.property == *name)
                .map(|r| r.cover_labels.clone())
                .unwrap_or_default()
        })
        .collect();
    Ok(Merged {
        shards: shards.len(),
        inputs: reference.inputs.clone(),
        input_owners: reference.input_owners.clone(),
        externs: reference.externs.clone(),
        sources: reference.sources.clone(),
        checkpoint: merged,
        manifest,
        counterexamples,
        verdicts,
        cover_labels,
        missing_tables,
    })
}

/// Writes a merged result into `out` (created when missing, locked while written): its checkpoint,
/// counterexample table, and through [`crate::output::write_run`] its manifest, summary and JUnit.
pub fn write(out: &Path, merged: &Merged, junit: Option<&Path>) -> Result<(), MergeError> {
    std::fs::create_dir_all(out).map_err(|source| MergeError::CreateDir { dir: out.to_path_buf(), source })?;
    // One writer per output directory: a second merge (or a run) into it is refused, not interleaved.
    let _lock = crate::output::lock_dir(out)?;
    merged.checkpoint.write(&out.join("checkpoint.json")).map_err(MergeError::WriteCheckpoint)?;
    let manifest = &merged.manifest;
    parquet::prepare_table(out, parquet::Table::Counterexamples)
        .map_err(ParquetOutputError::Create)
        .and_then(|path| {
            parquet::CounterexampleWriter::create_stored(
                &path,
                &merged.inputs,
                &merged.input_owners,
                &merged.externs,
                manifest,
                &merged.sources,
            )
        })
        .and_then(|mut w| {
            w.write(&merged.counterexamples)?;
            w.finish(manifest)
        })
        .map_err(MergeError::WriteTable)?;
    let properties: Vec<PropertyResult> = merged
        .checkpoint
        .properties
        .iter()
        .zip(&merged.checkpoint.stats)
        .zip(&merged.verdicts)
        .zip(&merged.cover_labels)
        .map(|(((name, st), v), cover_labels)| PropertyResult { name, cover_labels: cover_labels.clone(), stats: st, verdict: *v })
        .collect();
    let inputs = &merged.inputs;
    let input_values = |property: &str, slots: &[u32]| {
        // Another property's own inputs are not this property's.
        let values = crate::output::results::stored_input_values(inputs, slots);
        values.into_iter().enumerate().filter(|(k, _)| parquet::reads_input(&merged.input_owners, *k, property)).map(|(_, v)| v).collect()
    };
    let results = RunResults { manifest, properties: &properties, counterexamples: &merged.counterexamples, input_values: &input_values };
    crate::output::write_run(out, &results, junit).map_err(MergeError::WriteResults)
}

/// The merged counts of several shards, in the checkpoint format.
pub fn merge_checkpoints(shards: &[Checkpoint], capacity: usize) -> Result<Checkpoint, MergeError> {
    let first = shards.first().ok_or(MergeError::NoShards)?;
    let short = |h: &str| h.get(..8).unwrap_or(h).to_string();
    for s in shards {
        s.validate().map_err(|reason| MergeError::InvalidCheckpoint { run: s.run_id.clone(), reason })?;
        if s.spec_hash != first.spec_hash {
            return Err(MergeError::DifferentSpec {
                run: s.run_id.clone(),
                hash: short(&s.spec_hash),
                first: first.run_id.clone(),
                first_hash: short(&first.spec_hash),
            });
        }
        // Shards of different plans would count some indices twice and never evaluate others.
        if s.plan != first.plan || s.exhaustive != first.exhaustive || s.groups != first.groups {
            let describe = |c: &Checkpoint| {
                let phases: Vec<String> = c.plan.iter().map(|r| format!("{} {}", r.phase.name(), r.end - r.start)).collect();
                format!("{}{}", phases.join(", "), if c.exhaustive { " (exhaustive)" } else { "" })
            };
            return Err(MergeError::DifferentPlan {
                run: s.run_id.clone(),
                plan: describe(s),
                first: first.run_id.clone(),
                first_plan: describe(first),
            });
        }
        if s.seed != first.seed {
            return Err(MergeError::DifferentSeed {
                run: s.run_id.clone(),
                seed: s.seed,
                first: first.run_id.clone(),
                first_seed: first.seed,
            });
        }
        if s.properties != first.properties {
            return Err(MergeError::DifferentProperties {
                run: s.run_id.clone(),
                properties: s.properties.clone(),
                first: first.run_id.clone(),
                first_properties: first.properties.clone(),
            });
        }
        if s.generator_version != first.generator_version {
            return Err(MergeError::DifferentGenerator);
        }
    }
    let count = first.shard.map(|(_, n)| n).unwrap_or(1);
    let mut seen = vec![false; count as usize];
    for s in shards {
        let (k, n) = s.shard.unwrap_or((0, 1));
        if n != count {
            return Err(MergeError::ShardCount { run: s.run_id.clone(), index: k, count: n, expected: count });
        }
        let expected = crate::run::shard::Shard { index: k, count: n }.ranges(&s.plan);
        if s.ranges != expected {
            return Err(MergeError::WrongPart { run: s.run_id.clone(), index: k, count: n });
        }
        if std::mem::replace(&mut seen[k as usize], true) {
            return Err(MergeError::GivenTwice { index: k, count: n });
        }
    }
    let missing: Vec<u64> = seen.iter().enumerate().filter(|(_, s)| !**s).map(|(k, _)| k as u64).collect();
    if !missing.is_empty() {
        return Err(MergeError::MissingShards { missing, count });
    }
    let unfinished: Vec<&str> = shards.iter().filter(|s| s.state != "finished").map(|s| s.run_id.as_str()).collect();
    let mut sorted: Vec<&Checkpoint> = shards.iter().collect();
    sorted.sort_by_key(|s| s.shard.map(|(k, _)| k).unwrap_or(0));
    let mut stats: Vec<PropertyStats> = first.stats.iter().map(|s| PropertyStats { failures: vec![], ..zeroed(s) }).collect();
    // Ranges evaluated first, then what is left: the position points at the first range left, so
    // `--resume` of the merged directory evaluates exactly the vectors no shard evaluated.
    let mut evaluated = Vec::new();
    let mut left = Vec::new();
    let mut divergences = Vec::new();
    let mut done = 0;
    let mut elapsed: f64 = 0.0;
    for s in &sorted {
        for (t, x) in stats.iter_mut().zip(&s.stats) {
            t.checked_merge(x, capacity).map_err(|reason| MergeError::Counts { run: s.run_id.clone(), reason })?;
        }
        for (i, r) in s.ranges.iter().enumerate() {
            if i < s.position.range {
                evaluated.push(r.clone());
            } else if i == s.position.range {
                let at = s.position.next.clamp(r.start, r.end);
                if at > r.start {
                    evaluated.push(PhaseRange { start: r.start, end: at, ..r.clone() });
                }
                if at < r.end {
                    left.push(PhaseRange { start: at, end: r.end, ..r.clone() });
                }
            } else {
                left.push(r.clone());
            }
        }
        divergences.extend(s.divergences.iter().cloned());
        done = u64::checked_add(done, s.vectors_done)
            .ok_or_else(|| MergeError::Counts { run: s.run_id.clone(), reason: crate::run::CountsError::Overflow })?;
        elapsed = elapsed.max(s.elapsed_seconds);
    }
    let position = Position { range: evaluated.len(), next: 0 };
    let mut ranges = evaluated;
    ranges.extend(left);
    Ok(Checkpoint {
        run_id: format!("merged-{}", first.run_id.split("-shard").next().unwrap_or(&first.run_id)),
        shard: None,
        ranges,
        position,
        stats,
        divergences,
        vectors_done: done,
        elapsed_seconds: elapsed,
        throttled: shards.iter().any(|s| s.throttled),
        state: if unfinished.is_empty() { RunState::Finished } else { RunState::Incomplete },
        ..first.clone()
    })
}

fn zeroed(s: &PropertyStats) -> PropertyStats {
    PropertyStats {
        fails_by_assert: vec![0; s.fails_by_assert.len()],
        discards_by_assume: vec![0; s.discards_by_assume.len()],
        cover_hits: vec![0; s.cover_hits.len()],
        ..Default::default()
    }
}

/// What [`merge_dirs`] reads from one shard's output directory besides its checkpoint.
struct ShardFiles {
    dir: PathBuf,
    /// `counterexamples/part-0.parquet`, or a layout 1 `counterexamples.parquet` (absent when the
    /// shard was killed before writing it).
    stored: Option<parquet::StoredRun>,
    /// `summary/part-0.parquet` or `summary.parquet` (for the cover labels).
    summary: Option<parquet::StoredSummary>,
}

fn read_shard_files(dir: &Path) -> Result<ShardFiles, MergeError> {
    let read_optional = |table| parquet::find_table(dir, table);
    let stored = match read_optional(parquet::Table::Counterexamples) {
        Some(p) => Some(parquet::read_counterexamples(&p)?),
        None => None,
    };
    let summary = match read_optional(parquet::Table::Summary) {
        Some(p) => Some(parquet::read_summary(&p)?),
        None => None,
    };
    Ok(ShardFiles { dir: dir.to_path_buf(), stored, summary })
}

/// Where a counterexample's phase sorts: the planned phases in plan order, then rows that come
/// from files (`replay`, `dataset`), as a run writes them.
fn phase_rank(source: Source) -> u8 {
    match source {
        Source::Phase(Phase::Edge) => 0,
        Source::Phase(Phase::Exhaustive) => 1,
        Source::Phase(Phase::Random) => 2,
        Source::Solver => 3,
        Source::Symbolic => 4,
        Source::Dataset => 5,
        Source::Replay => 6,
    }
}

/// The shards' counterexample rows as one table, in the order an unsharded run stores them:
/// generated failures grouped by property (program order), each property's in `(phase, index)`
/// order, at most `capacity` per property (the first ones, as an unsharded run keeps); then the
/// other rows (solver, replayed, dataset) in `(source, index)` order, duplicates (a regression
/// replayed by every shard) once.
pub fn merge_counterexamples(properties: &[String], shards: &[Vec<Counterexample>], capacity: usize) -> Vec<Counterexample> {
    let mut all: Vec<&Counterexample> = shards.iter().flatten().collect();
    let order = |c: &Counterexample| properties.iter().position(|p| *p == c.property).unwrap_or(usize::MAX);
    all.sort_by_key(|c| {
        let generated = c.phase.phase().is_some();
        (!generated, if generated { order(c) } else { 0 }, phase_rank(c.phase), c.vector_index, order(c))
    });
    all.dedup_by(|a, b| a.property == b.property && a.phase == b.phase && a.vector_index == b.vector_index);
    let mut kept = vec![0usize; properties.len()];
    let mut out = Vec::new();
    for c in all {
        let p = order(c);
        if c.phase.phase().is_some() && p < kept.len() {
            if kept[p] >= capacity {
                continue;
            }
            kept[p] += 1;
        }
        out.push(c.clone());
    }
    out
}

fn counterexample_of(row: &parquet::StoredCounterexample) -> Result<Counterexample, MergeError> {
    Ok(Counterexample {
        property: row.property.clone(),
        assert_index: row.assert_index,
        assert_message: row.assert_message.clone(),
        location: row.location.clone(),
        reason: row.reason,
        phase: row.phase,
        vector_index: row.vector_index,
        outcome: row.outcome,
        original: row.original.clone(),
        shrunk: row.shrunk.clone(),
        shrink_steps: row.shrink_steps,
        implementation: row.implementation.clone(),
    })
}

/// The verdict of each property of a merged run (as `run::compute_verdicts`, from counts alone):
/// DIVERGENT when a shard recorded a divergence, FAILED when a vector (or a replayed regression)
/// failed, INCOMPLETE when a shard did not finish, PROVEN when the plan was exhaustive.
pub fn merged_verdicts(merged: &Checkpoint, counterexamples: &[Counterexample]) -> Vec<Verdict> {
    let complete = merged.state == "finished";
    merged
        .properties
        .iter()
        .zip(&merged.stats)
        .map(|(name, st)| {
            let replay_failed = counterexamples.iter().any(|c| c.property == *name && c.phase.phase().is_none());
            if merged.divergences.iter().any(|d| d.property == *name) {
                Verdict::Divergent
            } else if st.failed > 0 || replay_failed {
                Verdict::Failed
            } else if !complete {
                Verdict::Incomplete
            } else if merged.groups.iter().find(|g| g.properties.contains(name)).map_or(merged.exhaustive, |g| g.exhaustive) {
                Verdict::Proven
            } else {
                Verdict::Passed
            }
        })
        .collect()
}

/// The manifest of the merged result: no shard, the whole plan, the summed vectors.
fn merged_manifest(merged: &Checkpoint, manifests: &[&Manifest], verdicts: &[Verdict]) -> Option<Manifest> {
    let first = manifests.first()?;
    let distinct = |f: &dyn Fn(&Manifest) -> &str| {
        let mut v: Vec<&str> = Vec::new();
        for m in manifests {
            if !v.contains(&f(m)) {
                v.push(f(m));
            }
        }
        v.join(", ")
    };
    let complete = merged.state == "finished";
    let outcome = if verdicts.iter().any(|v| matches!(v, Verdict::Failed | Verdict::Divergent)) {
        RunStatus::Failed
    } else if !complete {
        RunStatus::Incomplete
    } else {
        RunStatus::Passed
    };
    let burns: Vec<f64> = manifests.iter().filter_map(|m| m.burn_usd).collect();
    Some(Manifest {
        run_id: merged.run_id.clone(),
        shard: None,
        phases: merged.plan.clone(),
        exhaustive: merged.exhaustive,
        backend: distinct(&|m| &m.backend),
        adapter: distinct(&|m| &m.adapter),
        properties: merged.properties.clone(),
        burn_usd: (!burns.is_empty()).then(|| burns.iter().sum()),
        throttled: merged.throttled,
        started_at: manifests.iter().map(|m| m.started_at.clone()).min().unwrap_or_default(),
        finished_at: if complete { Some(crate::output::now_rfc3339()) } else { None },
        wall_seconds: merged.elapsed_seconds,
        vectors_done: merged.vectors_done,
        outcome,
        ..(*first).clone()
    })
}

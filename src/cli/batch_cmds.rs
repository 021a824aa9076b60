//! `vecrun history` (runs of a spec and the last green hash) and `vecrun merge` (shards into one
//! result: the same files, verdicts and exit code as an unsharded run of the same plan).

use std::path::{Path, PathBuf};

use clap::Args;

use super::exit;
use crate::output::model::{Counterexample, Manifest, PhaseRange};
use crate::output::parquet;
use crate::output::results::{PropertyResult, RunResults};
use crate::run::history;
use crate::run::session::{Checkpoint, Position};
use crate::run::{Phase, Verdict};
use crate::run::{PropertyStats, report::group};

#[derive(Args, Debug)]
pub struct HistoryArgs {
    /// The spec whose runs to list (reads `.vecrun/history.jsonl` beside it).
    #[arg(value_name = "SPEC")]
    pub spec: PathBuf,
}

pub fn history(args: HistoryArgs) -> i32 {
    let path = history::history_path(&args.spec);
    let (entries, bad) = match history::read(&path) {
        Ok(x) => x,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            outln!("no runs recorded for {} yet ({} does not exist)", args.spec.display(), path.display());
            return exit::OK;
        }
        Err(e) => {
            errln!("error: cannot read `{}`: {e}", path.display());
            return exit::ERROR;
        }
    };
    for line in bad {
        errln!("warning: {}:{line} is not a history entry; skipped", path.display());
    }
    outln!("{:22}  {:8}  {:18}  {:>14}  verdicts", "finished", "hash", "outcome", "vectors");
    for e in &entries {
        // Stored text is printed escaped: a history file is data, not terminal control.
        let verdicts: Vec<String> = e.verdicts.iter().map(|(p, v)| crate::fsio::printable(&format!("{p}={v}"))).collect();
        outln!(
            "{:22}  {:8}  {:18}  {:>14}  {}",
            crate::fsio::printable(&e.finished_at),
            crate::fsio::printable(history::short_hash(&e.spec_hash)),
            crate::fsio::printable(&e.outcome),
            group(e.vectors),
            verdicts.join(" ")
        );
    }
    match history::last_green(&entries) {
        Some(g) => outln!(
            "last green spec hash: {} (run {}, {})",
            crate::fsio::printable(&g.spec_hash),
            crate::fsio::printable(&g.run_id),
            crate::fsio::printable(&g.finished_at)
        ),
        None => outln!("no green run yet"),
    }
    exit::OK
}

#[derive(Args, Debug)]
pub struct MergeArgs {
    /// Directory for the merged result.
    #[arg(value_name = "OUT_DIR")]
    pub out: PathBuf,
    /// Output directories of the shards (each holds checkpoint.json and manifest.json).
    #[arg(value_name = "SHARD_DIR", required = true)]
    pub shards: Vec<PathBuf>,
    /// Failing vectors kept per property in the merged result.
    #[arg(long, default_value_t = 1000)]
    pub capacity: usize,
    /// Write JUnit XML (one test case per property) of the merged result to FILE.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
}

/// The merged counts of several shards, in the checkpoint format.
pub fn merge_checkpoints(shards: &[Checkpoint], capacity: usize) -> Result<Checkpoint, String> {
    let first = shards.first().ok_or("no shards given")?;
    let short = |h: &str| h.get(..8).unwrap_or(h).to_string();
    for s in shards {
        s.validate().map_err(|e| format!("shard run {} is not a valid checkpoint: {e}", s.run_id))?;
        if s.spec_hash != first.spec_hash {
            return Err(format!(
                "shard run {} is of a different spec (hash {}) than run {} (hash {})",
                s.run_id,
                short(&s.spec_hash),
                first.run_id,
                short(&first.spec_hash)
            ));
        }
        // Shards of different plans would count some indices twice and never evaluate others.
        if s.plan != first.plan || s.exhaustive != first.exhaustive {
            let describe = |c: &Checkpoint| {
                let phases: Vec<String> = c.plan.iter().map(|r| format!("{} {}", r.phase.name(), r.end - r.start)).collect();
                format!("{}{}", phases.join(", "), if c.exhaustive { " (exhaustive)" } else { "" })
            };
            return Err(format!(
                "shard run {} planned {}, run {} planned {}: shards of different plans (--vectors, --exhaustive) cannot be merged",
                s.run_id,
                describe(s),
                first.run_id,
                describe(first)
            ));
        }
        if s.seed != first.seed {
            return Err(format!("shard run {} used seed {}, run {} used seed {}", s.run_id, s.seed, first.run_id, first.seed));
        }
        if s.properties != first.properties {
            return Err(format!(
                "shard run {} ran properties {:?}, run {} ran {:?}",
                s.run_id, s.properties, first.run_id, first.properties
            ));
        }
        if s.generator_version != first.generator_version {
            return Err("shards were generated with different generator versions".into());
        }
    }
    let count = first.shard.map(|(_, n)| n).unwrap_or(1);
    let mut seen = vec![false; count as usize];
    for s in shards {
        let (k, n) = s.shard.unwrap_or((0, 1));
        if n != count {
            return Err(format!("shard run {} is shard {k} of {n}, others are of {count}", s.run_id));
        }
        let expected = crate::run::shard::Shard { index: k, count: n }.ranges(&s.plan);
        if s.ranges != expected {
            return Err(format!("shard run {} (shard {k} of {n}) did not run its part of the plan", s.run_id));
        }
        if std::mem::replace(&mut seen[k as usize], true) {
            return Err(format!("shard {k} of {n} is given twice"));
        }
    }
    let missing: Vec<String> = seen.iter().enumerate().filter(|(_, s)| !**s).map(|(k, _)| k.to_string()).collect();
    if !missing.is_empty() {
        return Err(format!("missing shard{} {} of {count}", if missing.len() == 1 { "" } else { "s" }, missing.join(", ")));
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
            t.checked_merge(x, capacity).map_err(|e| format!("shard run {}: {e}", s.run_id))?;
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
        done = u64::checked_add(done, s.vectors_done).ok_or_else(|| format!("shard run {}: the vector counts overflow", s.run_id))?;
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
        state: if unfinished.is_empty() { "finished".into() } else { "incomplete".into() },
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

/// What `vecrun merge` read from one shard's output directory besides its checkpoint.
struct ShardFiles {
    dir: PathBuf,
    /// `counterexamples/part-0.parquet`, or a layout 1 `counterexamples.parquet` (absent when the
    /// shard was killed before writing it).
    stored: Option<parquet::StoredRun>,
    /// `summary/part-0.parquet` or `summary.parquet` (for the cover labels).
    summary: Option<parquet::StoredSummary>,
}

fn read_shard_files(dir: &Path) -> Result<ShardFiles, String> {
    let read_optional = |table| parquet::find_table(dir, table);
    let stored = match read_optional(parquet::Table::Counterexamples) {
        Some(p) => Some(parquet::read_counterexamples(&p).map_err(|e| e.to_string())?),
        None => None,
    };
    let summary = match read_optional(parquet::Table::Summary) {
        Some(p) => Some(parquet::read_summary(&p).map_err(|e| e.to_string())?),
        None => None,
    };
    Ok(ShardFiles { dir: dir.to_path_buf(), stored, summary })
}

/// Where a counterexample's phase sorts: the planned phases in plan order, then rows that come
/// from files (`replay`, `dataset`), as a run writes them.
fn phase_rank(phase: &str) -> (u8, String) {
    match Phase::parse(phase) {
        Some(Phase::Edge) => (0, String::new()),
        Some(Phase::Exhaustive) => (1, String::new()),
        Some(Phase::Random) => (2, String::new()),
        None => (3, phase.to_string()),
    }
}

/// The shards' counterexample rows as one table: duplicates (a regression replayed by every
/// shard) once, in `(phase, index)` order, at most `capacity` generated failures per property
/// (the first ones, as an unsharded run keeps), replayed and dataset rows after them.
pub fn merge_counterexamples(properties: &[String], shards: &[Vec<Counterexample>], capacity: usize) -> Vec<Counterexample> {
    let mut all: Vec<&Counterexample> = shards.iter().flatten().collect();
    let order = |c: &Counterexample| properties.iter().position(|p| *p == c.property).unwrap_or(usize::MAX);
    all.sort_by_key(|c| (phase_rank(&c.phase), c.vector_index, order(c)));
    all.dedup_by(|a, b| a.property == b.property && a.phase == b.phase && a.vector_index == b.vector_index);
    let mut kept = vec![0usize; properties.len()];
    let mut out = Vec::new();
    for c in all {
        let p = order(c);
        if Phase::parse(&c.phase).is_some() && p < kept.len() {
            if kept[p] >= capacity {
                continue;
            }
            kept[p] += 1;
        }
        out.push(c.clone());
    }
    out
}

fn counterexample_of(row: &parquet::StoredCounterexample) -> Counterexample {
    Counterexample {
        property: row.property.clone(),
        assert_index: row.assert_index,
        assert_message: row.assert_message.clone(),
        location: row.location.clone(),
        reason: row.reason,
        phase: row.phase.clone(),
        vector_index: row.vector_index,
        outcome: row.outcome,
        original: row.original.clone(),
        shrunk: row.shrunk.clone(),
        shrink_steps: row.shrink_steps,
    }
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
            let replay_failed = counterexamples.iter().any(|c| c.property == *name && Phase::parse(&c.phase).is_none());
            if merged.divergences.iter().any(|d| d.property == *name) {
                Verdict::Divergent
            } else if st.failed > 0 || replay_failed {
                Verdict::Failed
            } else if !complete {
                Verdict::Incomplete
            } else if merged.exhaustive {
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
        "failed"
    } else if !complete {
        "incomplete"
    } else {
        "passed"
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
        outcome: outcome.into(),
        ..(*first).clone()
    })
}

pub fn merge(args: MergeArgs) -> i32 {
    let mut shards = Vec::new();
    let mut files = Vec::new();
    for dir in &args.shards {
        match Checkpoint::read(&dir.join("checkpoint.json")) {
            Ok(c) => shards.push(c),
            Err(e) => {
                errln!("error: {e}");
                return exit::ERROR;
            }
        }
        match read_shard_files(dir) {
            Ok(f) => files.push(f),
            Err(e) => {
                errln!("error: {e}");
                return exit::ERROR;
            }
        }
    }
    let merged = match merge_checkpoints(&shards, args.capacity) {
        Ok(m) => m,
        Err(e) => {
            errln!("error: cannot merge: {e}");
            return exit::ERROR;
        }
    };
    // The shards' counterexample files: the same spec, inputs and sources, else they are not one run.
    let stored: Vec<&parquet::StoredRun> = files.iter().filter_map(|f| f.stored.as_ref()).collect();
    let Some(reference) = stored.first() else {
        errln!(
            "error: cannot merge: no shard has written its counterexample table ({}/{}) yet (were they all killed?); resume them first",
            parquet::Table::Counterexamples.folder(),
            parquet::PART_FILE
        );
        return exit::ERROR;
    };
    for (f, s) in files.iter().zip(&shards) {
        match &f.stored {
            Some(st) if st.manifest.spec_hash != merged.spec_hash || st.inputs != reference.inputs || st.manifest.seed != merged.seed => {
                errln!(
                    "error: cannot merge: the counterexample table in `{}` is not of the run its checkpoint describes (spec, inputs or seed differ)",
                    crate::fsio::printable(&f.dir.display().to_string())
                );
                return exit::ERROR;
            }
            Some(_) => {}
            None => errln!(
                "warning: `{}` has no counterexample table ({}/{}; shard {} was stopped before writing it): its failures are counted, its counterexample rows are missing; resume it and merge again",
                crate::fsio::printable(&f.dir.display().to_string()),
                parquet::Table::Counterexamples.folder(),
                parquet::PART_FILE,
                s.shard.map(|(k, n)| format!("{k}/{n}")).unwrap_or_else(|| "0/1".into())
            ),
        }
    }
    let rows: Vec<Vec<Counterexample>> = stored.iter().map(|s| s.rows.iter().map(counterexample_of).collect()).collect();
    let counterexamples = merge_counterexamples(&merged.properties, &rows, args.capacity);
    let verdicts = merged_verdicts(&merged, &counterexamples);
    let manifests: Vec<&Manifest> = stored.iter().map(|s| &s.manifest).collect();
    let Some(manifest) = merged_manifest(&merged, &manifests, &verdicts) else {
        errln!("error: cannot merge: no shard manifest");
        return exit::ERROR;
    };
    // Cover labels from any shard's summary (they are the spec's, the same in every shard).
    let labels: Vec<Vec<String>> = merged
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
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        errln!("error: cannot create `{}`: {e}", args.out.display());
        return exit::ERROR;
    }
    // One writer per output directory: a second merge (or a run) into it is refused, not interleaved.
    let _lock = match crate::output::lock_dir(&args.out) {
        Ok(l) => l,
        Err(e) => {
            errln!("error: {e}");
            return exit::ERROR;
        }
    };
    if let Err(e) = merged.write(&args.out.join("checkpoint.json")) {
        errln!("error: cannot write the merged result: {e}");
        return exit::ERROR;
    }
    let written = parquet::prepare_table(&args.out, parquet::Table::Counterexamples)
        .map_err(parquet::ParquetOutputError::Create)
        .and_then(|path| parquet::CounterexampleWriter::create_stored(&path, &reference.inputs, &manifest, &reference.sources))
        .and_then(|mut w| {
            w.write(&counterexamples)?;
            w.finish(&manifest)
        });
    if let Err(e) = written {
        errln!("error: cannot write the merged result: {e}");
        return exit::ERROR;
    }
    let properties: Vec<PropertyResult> = merged
        .properties
        .iter()
        .zip(&merged.stats)
        .zip(&verdicts)
        .zip(labels)
        .map(|(((name, st), v), cover_labels)| PropertyResult { name, cover_labels, stats: st, verdict: *v })
        .collect();
    let inputs = reference.inputs.clone();
    let input_values = move |slots: &[u32]| crate::output::results::stored_input_values(&inputs, slots);
    let results =
        RunResults { manifest: &manifest, properties: &properties, counterexamples: &counterexamples, input_values: &input_values };
    if let Err(e) = crate::output::write_run(&args.out, &results, args.junit.as_deref()) {
        errln!("error: cannot write the merged result: {e}");
        return exit::ERROR;
    }
    outln!(
        "merged {} shards of spec {} (seed {}): {} vectors",
        shards.len(),
        merged.spec_hash.get(..8).unwrap_or("?"),
        merged.seed,
        group(merged.vectors_done)
    );
    for ((name, s), v) in merged.properties.iter().zip(&merged.stats).zip(&verdicts) {
        outln!(
            "  {}: {} evaluated {} failed {} discarded {}",
            crate::fsio::printable(name),
            v.name(),
            group(s.evaluated),
            group(s.failed),
            group(s.discarded)
        );
    }
    if merged.state != "finished" {
        errln!("warning: some shards did not finish; the merged counts are incomplete");
    }
    if verdicts.iter().any(|v| matches!(v, Verdict::Failed | Verdict::Divergent)) {
        exit::FAILED
    } else if merged.state != "finished" {
        exit::BUDGET
    } else {
        exit::OK
    }
}

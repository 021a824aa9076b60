//! `vecrun history` (runs of a spec and the last green hash) and `vecrun merge` (shards into one).

use std::path::PathBuf;

use clap::Args;

use super::exit;
use crate::run::history;
use crate::run::session::Checkpoint;
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
    let mut ranges = Vec::new();
    let mut divergences = Vec::new();
    let mut done = 0;
    let mut elapsed: f64 = 0.0;
    for s in &sorted {
        for (t, x) in stats.iter_mut().zip(&s.stats) {
            t.checked_merge(x, capacity).map_err(|e| format!("shard run {}: {e}", s.run_id))?;
        }
        ranges.extend(s.ranges.iter().cloned());
        divergences.extend(s.divergences.iter().cloned());
        done = u64::checked_add(done, s.vectors_done).ok_or_else(|| format!("shard run {}: the vector counts overflow", s.run_id))?;
        elapsed = elapsed.max(s.elapsed_seconds);
    }
    Ok(Checkpoint {
        run_id: format!("merged-{}", first.run_id.split("-shard").next().unwrap_or(&first.run_id)),
        shard: None,
        ranges,
        position: Default::default(),
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

pub fn merge(args: MergeArgs) -> i32 {
    let mut shards = Vec::new();
    for dir in &args.shards {
        match Checkpoint::read(&dir.join("checkpoint.json")) {
            Ok(c) => shards.push(c),
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
    outln!(
        "merged {} shards of spec {} (seed {}): {} vectors",
        shards.len(),
        merged.spec_hash.get(..8).unwrap_or("?"),
        merged.seed,
        group(merged.vectors_done)
    );
    for (name, s) in merged.properties.iter().zip(&merged.stats) {
        outln!("  {name}: evaluated {} failed {} discarded {}", group(s.evaluated), group(s.failed), group(s.discarded));
    }
    if merged.state != "finished" {
        errln!("warning: some shards did not finish; the merged counts are incomplete");
    }
    if merged.stats.iter().any(|s| s.failed > 0) { exit::FAILED } else { exit::OK }
}

//! `vecrun history` (runs of a spec and the last green hash) and `vecrun merge` (shards into one
//! result through [`crate::run::merge`]: the same files, verdicts and exit code as an unsharded run
//! of the same plan).

use std::path::PathBuf;

use clap::Args;

use super::exit;
use crate::run::report::group;
use crate::run::{history, merge};

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

pub fn merge(args: MergeArgs) -> i32 {
    let merged = match merge::merge_dirs(&args.shards, args.capacity) {
        Ok(m) => m,
        Err(e) => {
            errln!("error: {e}");
            return exit::ERROR;
        }
    };
    for missing in &merged.missing_tables {
        errln!("warning: {missing}");
    }
    if let Err(e) = merge::write(&args.out, &merged, args.junit.as_deref()) {
        errln!("error: {e}");
        return exit::ERROR;
    }
    let m = &merged.checkpoint;
    outln!(
        "merged {} shards of spec {} (seed {}): {} vectors",
        merged.shards,
        m.spec_hash.get(..8).unwrap_or("?"),
        m.seed,
        group(m.vectors_done)
    );
    for ((name, s), v) in m.properties.iter().zip(&m.stats).zip(&merged.verdicts) {
        outln!(
            "  {}: {} evaluated {} failed {} discarded {}",
            crate::fsio::printable(name),
            v.name(),
            group(s.evaluated),
            group(s.failed),
            group(s.discarded)
        );
    }
    if !merged.is_complete() {
        errln!("warning: some shards did not finish; the merged counts are incomplete");
    }
    if merged.has_failures() {
        exit::FAILED
    } else if !merged.is_complete() {
        exit::BUDGET
    } else {
        exit::OK
    }
}

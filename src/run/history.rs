//! Run history: every run appends its spec hash, verdicts and output directory to
//! `.vecrun/history.jsonl` beside the spec, so a team can tell which version of a spec last held.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One line of the history file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub run_id: String,
    pub spec_name: String,
    pub spec_hash: String,
    pub finished_at: String,
    /// `passed`, `failed`, `budget-exhausted`, `interrupted`.
    pub outcome: String,
    /// Property name and verdict (`PASSED`, `PROVEN`, `FAILED`, ...).
    pub verdicts: Vec<(String, String)>,
    pub out_dir: String,
    pub vectors: u64,
    pub shard: Option<(u64, u64)>,
}

impl HistoryEntry {
    /// Green: every property passed or was proven, and the run finished.
    pub fn is_green(&self) -> bool {
        self.outcome == "passed" && !self.verdicts.is_empty() && self.verdicts.iter().all(|(_, v)| v == "PASSED" || v == "PROVEN")
    }
}

/// `<spec dir>/.vecrun/history.jsonl`.
pub fn history_path(spec: &Path) -> PathBuf {
    spec.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join(".vecrun").join("history.jsonl")
}

/// Appends one entry (one line; appends of whole lines are atomic enough for a log).
pub fn append(path: &Path, entry: &HistoryEntry) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut line = serde_json::to_string(entry).map_err(std::io::Error::other)?;
    line.push('\n');
    let mut f = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
    f.write_all(line.as_bytes())
}

/// Reads every entry; lines that do not parse are reported by number and skipped.
pub fn read(path: &Path) -> std::io::Result<(Vec<HistoryEntry>, Vec<usize>)> {
    let text = std::fs::read_to_string(path)?;
    let mut entries = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str(line) {
            Ok(e) => entries.push(e),
            Err(_) => bad.push(i + 1),
        }
    }
    Ok((entries, bad))
}

/// The hash of the most recent green run, if any.
pub fn last_green(entries: &[HistoryEntry]) -> Option<&HistoryEntry> {
    entries.iter().rev().find(|e| e.is_green())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(hash: &str, outcome: &str, verdict: &str) -> HistoryEntry {
        HistoryEntry {
            run_id: format!("r-{hash}"),
            spec_name: "s".into(),
            spec_hash: hash.into(),
            finished_at: "2026-11-25T00:00:00Z".into(),
            outcome: outcome.into(),
            verdicts: vec![("p".into(), verdict.into())],
            out_dir: "o".into(),
            vectors: 1,
            shard: None,
        }
    }

    #[test]
    fn last_green_skips_failed_and_incomplete_runs() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(".vecrun/history.jsonl");
        append(&path, &entry("aaa", "passed", "PASSED")).unwrap();
        append(&path, &entry("bbb", "passed", "PROVEN")).unwrap();
        append(&path, &entry("ccc", "failed", "FAILED")).unwrap();
        append(&path, &entry("ddd", "budget-exhausted", "INCOMPLETE")).unwrap();
        std::fs::OpenOptions::new().append(true).open(&path).unwrap().write_all(b"not json\n").unwrap();
        let (entries, bad) = read(&path).unwrap();
        assert_eq!(entries.len(), 4);
        assert_eq!(bad, vec![5]);
        assert_eq!(last_green(&entries).map(|e| e.spec_hash.as_str()), Some("bbb"));
    }
}

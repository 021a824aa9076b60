//! Run history: every run appends its spec hash, verdicts and output directory to
//! `.vecrun/history.jsonl` beside the spec, so a team can tell which version of a spec last held.

use std::io::{BufRead, Read};
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
        self.outcome == "passed" && !self.verdicts.is_empty() && self.verdicts.iter().all(|(_, v)| v == "PASSED" || v.starts_with("PROVEN"))
    }
}

/// Longest history line vecrun reads; a longer one is skipped like an unparsable one.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// The first 8 characters of a hash (fewer when it is shorter), cut on a character boundary: safe
/// on any text read from a file.
pub fn short_hash(hash: &str) -> &str {
    match hash.char_indices().nth(8) {
        Some((at, _)) => &hash[..at],
        None => hash,
    }
}

/// Why an entry that parses is still not one vecrun wrote: its spec hash is not hex.
fn invalid(e: &HistoryEntry) -> bool {
    e.spec_hash.is_empty() || e.spec_hash.len() > 128 || !e.spec_hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `<spec dir>/.vecrun/history.jsonl`.
pub fn history_path(spec: &Path) -> PathBuf {
    spec.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join(".vecrun").join("history.jsonl")
}

/// Appends one entry (one line). A log that several runs append to is appended to, not rewritten
/// (a rewrite could lose a concurrent run's line), through [`crate::output::append_file`]: a
/// regular file or a new one, symbolic links followed. The directory `.vecrun` is created when
/// missing (vecrun's own directory), never the directories above it.
pub fn append(path: &Path, entry: &HistoryEntry) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !dir.is_dir()
    {
        match std::fs::create_dir(dir) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(std::io::Error::new(e.kind(), format!("cannot create `{}`: {e}", dir.display()))),
        }
    }
    let mut line = serde_json::to_string(entry).map_err(std::io::Error::other)?;
    line.push('\n');
    crate::output::append_file(path, line.as_bytes()).map_err(std::io::Error::from)
}

/// Reads every entry (a regular file only, line by line); lines that do not parse, are longer
/// than [`MAX_LINE_BYTES`], or hold an entry vecrun would not write (a spec hash that is not hex)
/// are reported by number and skipped.
pub fn read(path: &Path) -> std::io::Result<(Vec<HistoryEntry>, Vec<usize>)> {
    let file = crate::fsio::open_regular(path).map_err(|e| match e.io_kind() {
        Some(kind) => std::io::Error::new(kind, e),
        None => std::io::Error::new(std::io::ErrorKind::InvalidInput, e),
    })?;
    let mut reader = std::io::BufReader::new(file);
    let mut entries = Vec::new();
    let mut bad = Vec::new();
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        number += 1;
        // At most one byte over the limit is kept: a longer line is skipped, not held.
        let n = (&mut reader).take(MAX_LINE_BYTES as u64 + 1).read_until(b'\n', &mut line)?;
        if n == 0 {
            break;
        }
        let too_long = line.len() > MAX_LINE_BYTES && !line.ends_with(b"\n");
        if too_long {
            // Skip the rest of the line.
            loop {
                let buf = reader.fill_buf()?;
                if buf.is_empty() {
                    break;
                }
                match buf.iter().position(|b| *b == b'\n') {
                    Some(at) => {
                        reader.consume(at + 1);
                        break;
                    }
                    None => {
                        let len = buf.len();
                        reader.consume(len);
                    }
                }
            }
            bad.push(number);
            continue;
        }
        let Ok(text) = std::str::from_utf8(&line) else {
            bad.push(number);
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<HistoryEntry>(text) {
            Ok(e) if !invalid(&e) => entries.push(e),
            _ => bad.push(number),
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
    use std::io::Write;

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
    fn short_hash_of_a_non_ascii_hash_does_not_panic() {
        assert_eq!(short_hash("0123456789abcdef"), "01234567");
        assert_eq!(short_hash("abc"), "abc");
        assert_eq!(short_hash("ééééééééé"), "éééééééé");
        assert_eq!(short_hash("aaaaaaa€x"), "aaaaaaa€");
        assert_eq!(short_hash(""), "");
    }

    #[test]
    fn an_entry_with_a_non_hex_hash_is_skipped_like_an_unparsable_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(".vecrun/history.jsonl");
        append(&path, &entry("aaa", "passed", "PASSED")).unwrap();
        append(&path, &entry("ééééééééé", "passed", "PASSED")).unwrap();
        append(&path, &entry("bbb", "passed", "PASSED")).unwrap();
        let (entries, bad) = read(&path).unwrap();
        assert_eq!(entries.iter().map(|e| e.spec_hash.as_str()).collect::<Vec<_>>(), vec!["aaa", "bbb"]);
        assert_eq!(bad, vec![2]);
    }

    #[test]
    fn a_history_line_over_the_limit_is_skipped_without_being_held() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(".vecrun/history.jsonl");
        append(&path, &entry("aaa", "passed", "PASSED")).unwrap();
        let mut long = entry("bbb", "passed", "PASSED");
        long.out_dir = "x".repeat(MAX_LINE_BYTES + 10);
        append(&path, &long).unwrap();
        append(&path, &entry("ccc", "passed", "PASSED")).unwrap();
        let (entries, bad) = read(&path).unwrap();
        assert_eq!(entries.iter().map(|e| e.spec_hash.as_str()).collect::<Vec<_>>(), vec!["aaa", "ccc"]);
        assert_eq!(bad, vec![2]);
    }

    #[cfg(unix)]
    #[test]
    fn reading_a_fifo_history_is_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("history.jsonl");
        let ok = std::process::Command::new("mkfifo").arg(&path).status().map(|s| s.success()).unwrap_or(false);
        if !ok {
            return;
        }
        let e = read(&path).expect_err("a FIFO is not read");
        assert!(e.to_string().contains("not a regular file"), "{e}");
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

//! Output files: the run's records ([`model`]), the one way vecrun writes a file ([`atomic`]:
//! temporary name in the same directory, fsync, rename; regular files only, symbolic links
//! followed, permissions and hard links kept, missing directories never created), the output
//! directory lock ([`lock`]), the Arrow type of every spec type ([`arrow`]), the Parquet / JUnit / regressions files, and the one writer of a
//! run's results ([`results::write_run`], for `vecrun run` and `vecrun merge`).

pub mod arrow;
pub mod atomic;
pub mod junit;
pub mod lock;
pub mod model;
pub mod parquet;
pub mod regressions;
pub mod results;

use std::path::Path;

pub use atomic::{StagedFile, WriteError, append_file, check_writable, write_file};
pub use lock::{DirLock, LockError, lock_dir};
pub use results::{OutputError, write_run};

/// Writes `bytes` to `path` so that readers see either the old file or the whole new one: exactly
/// [`write_file`] (see there for the rules), with its typed error carried inside the `io::Error`
/// (same kind; the message names the path) for callers that work in `io::Result`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_file(path, bytes).map_err(std::io::Error::from)
}

/// The current UTC time as RFC 3339 (`2026-11-25T10:45:00Z`).
pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

/// A new run id, `20261125T104500Z-1a2b` (the time and 16 bits that differ between processes),
/// followed by `-LABEL` when given (a shard's `shard-3-of-8`).
pub fn new_run_id(label: Option<&str>) -> String {
    let t = now_rfc3339().replace(['-', ':'], "");
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let tag = (nanos ^ std::process::id().rotate_left(16)) & 0xFFFF;
    match label {
        Some(l) => format!("{t}-{tag:04x}-{l}"),
        None => format!("{t}-{tag:04x}"),
    }
}

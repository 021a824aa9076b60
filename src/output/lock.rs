//! An output directory's lock: one vecrun at a time writes into a directory (`DIR/.vecrun.lock`,
//! an exclusive advisory lock, released when the [`DirLock`] is dropped or the process ends).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// The lock file's name inside a locked directory.
pub const LOCK_FILE: &str = ".vecrun.lock";

/// Why a directory could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("another vecrun{} is writing in `{}`; wait for it to finish or choose another --out", holder.map(|p| format!(" (pid {p})")).unwrap_or_default(), dir.display())]
    Busy { dir: PathBuf, holder: Option<u32> },
    #[error("cannot lock `{}`: it is not a directory", dir.display())]
    NotDirectory { dir: PathBuf },
    #[error("cannot lock `{}`: `{}` is {kind}, not a regular file", dir.display(), path.display())]
    NotRegular { dir: PathBuf, path: PathBuf, kind: &'static str },
    #[error("cannot lock `{}`: {source}", dir.display())]
    Io {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// An exclusive lock on an output directory, held until dropped. The lock file stays behind
/// (deleting it would let a third process lock a new file while a second still holds the old one).
#[derive(Debug)]
pub struct DirLock {
    file: File,
    dir: PathBuf,
}

impl DirLock {
    /// The locked directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Locks `dir` (which must exist) for writing: an exclusive advisory lock on `DIR/.vecrun.lock`
/// (created when missing). A second locker, in this process or another, gets [`LockError::Busy`]
/// at once. The holder's process id is written in the file, for the message.
pub fn lock_dir(dir: &Path) -> Result<DirLock, LockError> {
    let io = |source| LockError::Io { dir: dir.to_path_buf(), source };
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(LockError::NotDirectory { dir: dir.to_path_buf() }),
        Err(source) => return Err(io(source)),
    }
    let path = dir.join(LOCK_FILE);
    // Opening a FIFO would block: refuse anything but a regular file before opening.
    match std::fs::metadata(&path) {
        Ok(m) if !m.is_file() => {
            return Err(LockError::NotRegular { dir: dir.to_path_buf(), path, kind: super::atomic::kind_of(&m.file_type()) });
        }
        _ => {}
    }
    let mut file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(io)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = (&file).take(32).read_to_string(&mut text);
            return Err(LockError::Busy { dir: dir.to_path_buf(), holder: text.trim().parse().ok() });
        }
        Err(TryLockError::Error(source)) => return Err(io(source)),
    }
    // Best effort: the pid is only for the message a second locker prints.
    let _ = file.set_len(0).and_then(|_| file.rewind()).and_then(|_| writeln!(file, "{}", std::process::id()));
    Ok(DirLock { file, dir: dir.to_path_buf() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_directory_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = lock_dir(dir.path()).expect("first lock");
        let e = lock_dir(dir.path()).expect_err("second lock while the first is held");
        assert!(matches!(&e, LockError::Busy { holder: Some(p), .. } if *p == std::process::id()), "{e}");
        let text = e.to_string();
        assert!(text.contains("another vecrun") && text.contains(&dir.path().display().to_string()), "{text}");
        drop(first);
        let again = lock_dir(dir.path()).expect("lock after the first was dropped");
        assert_eq!(again.dir(), dir.path());
    }

    #[test]
    fn locking_a_missing_directory_or_a_file_is_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(matches!(lock_dir(&dir.path().join("nope")), Err(LockError::Io { .. })));
        let f = dir.path().join("f");
        std::fs::write(&f, "x").expect("write");
        assert!(matches!(lock_dir(&f), Err(LockError::NotDirectory { .. })));
    }
}

//! The one way vecrun writes a file: atomically (a unique temporary name beside the target, fsync,
//! rename, fsync of the directory), only onto a regular file or a new name in an existing
//! directory, following symbolic links, keeping the file's permissions and its hard links.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Most symbolic links followed to find the file to write (as the kernel's `ELOOP` limit).
const MAX_SYMLINKS: usize = 40;

/// Why a file could not be written. Every variant names the path as the user gave it.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write `{}`: directory `{}` does not exist", path.display(), dir.display())]
    NoDirectory { path: PathBuf, dir: PathBuf },
    #[error("refusing to write `{}`: it is {kind}, not a regular file", path.display())]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("cannot write `{}`: too many levels of symbolic links", path.display())]
    SymlinkLoop { path: PathBuf },
    #[error("cannot write `{}`: cannot {action}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl WriteError {
    /// The path that could not be written, as given.
    pub fn path(&self) -> &Path {
        match self {
            WriteError::NoDirectory { path, .. }
            | WriteError::NotRegular { path, .. }
            | WriteError::SymlinkLoop { path }
            | WriteError::Io { path, .. } => path,
        }
    }
}

impl From<WriteError> for std::io::Error {
    fn from(e: WriteError) -> std::io::Error {
        let kind = match &e {
            WriteError::NoDirectory { .. } => std::io::ErrorKind::NotFound,
            WriteError::NotRegular { .. } => std::io::ErrorKind::InvalidInput,
            WriteError::SymlinkLoop { .. } => std::io::ErrorKind::Other,
            WriteError::Io { source, .. } => source.kind(),
        };
        std::io::Error::new(kind, e)
    }
}

/// What an existing (non-regular) file is, in words (one description for readers and writers).
pub(crate) use crate::fsio::file_kind as kind_of;

fn parent_of(path: &Path) -> PathBuf {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf()
}

fn missing(e: &std::io::Error) -> bool {
    matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory)
}

/// The file a write to a path lands in: symbolic links followed to the end.
#[derive(Debug)]
struct Target {
    /// The regular file (or new name) that is replaced.
    path: PathBuf,
    dir: PathBuf,
    existing: Option<std::fs::Metadata>,
}

impl Target {
    /// More than one name links to the file: it is written in place so every name sees the new text.
    fn hard_linked(&self) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            self.existing.as_ref().is_some_and(|m| m.nlink() > 1)
        }
        #[cfg(not(unix))]
        {
            false
        }
    }
}

/// Resolves `requested` to the file to write: follows symbolic links (a dangling link names the
/// new file), refuses anything that exists and is not a regular file, and a missing directory.
fn resolve(requested: &Path) -> Result<Target, WriteError> {
    let io = |action: &'static str| move |source| WriteError::Io { action, path: requested.to_path_buf(), source };
    let mut path = requested.to_path_buf();
    for _ in 0..MAX_SYMLINKS {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&path).map_err(io("read the symbolic link"))?;
                path = if link.is_absolute() { link } else { parent_of(&path).join(link) };
            }
            Ok(meta) if meta.is_file() => return Ok(Target { dir: parent_of(&path), path, existing: Some(meta) }),
            Ok(meta) => return Err(WriteError::NotRegular { path: requested.to_path_buf(), kind: kind_of(&meta.file_type()) }),
            Err(e) if missing(&e) => {
                let dir = parent_of(&path);
                return match std::fs::metadata(&dir) {
                    Ok(m) if m.is_dir() => Ok(Target { path, dir, existing: None }),
                    Ok(_) => Err(WriteError::NoDirectory { path: requested.to_path_buf(), dir }),
                    Err(e) if missing(&e) => Err(WriteError::NoDirectory { path: requested.to_path_buf(), dir }),
                    Err(source) => Err(WriteError::Io { action: "inspect its directory", path: requested.to_path_buf(), source }),
                };
            }
            Err(source) => return Err(WriteError::Io { action: "inspect it", path: requested.to_path_buf(), source }),
        }
    }
    Err(WriteError::SymlinkLoop { path: requested.to_path_buf() })
}

/// Checks, without writing anything, that `path` could be written: it is a regular file or a new
/// name in an existing directory (symbolic links followed). For files another library creates
/// (e.g. a trace file), so they are refused the same way before anything is opened.
pub fn check_writable(path: &Path) -> Result<(), WriteError> {
    resolve(path).map(|_| ())
}

/// A unique temporary name beside `target`: process id, a process-wide counter and the time, so
/// two threads or processes never share one (and it is created with `O_EXCL` besides).
fn temp_name(target: &Path, dir: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0);
    dir.join(format!(".{name}.tmp-{}-{n}-{nanos:x}", std::process::id()))
}

/// A file being written under a temporary name; [`commit`](Self::commit) puts it in place.
/// Dropped uncommitted, it deletes the temporary file.
#[derive(Debug)]
pub struct StagedFile {
    requested: PathBuf,
    target: Target,
    tmp: PathBuf,
    committed: bool,
}

impl StagedFile {
    /// Starts writing `path`: checks it (see [`write_file`]) and creates the temporary file,
    /// with the existing file's permissions when there is one.
    pub fn create(path: &Path) -> Result<(StagedFile, File), WriteError> {
        let target = resolve(path)?;
        let mut last = None;
        for _ in 0..16 {
            let tmp = temp_name(&target.path, &target.dir);
            match OpenOptions::new().write(true).create_new(true).open(&tmp) {
                Ok(file) => {
                    let staged = StagedFile { requested: path.to_path_buf(), target, tmp, committed: false };
                    if let Some(meta) = &staged.target.existing {
                        // Before any byte is written: a private file never exists readable by others.
                        file.set_permissions(meta.permissions()).map_err(|source| WriteError::Io {
                            action: "give the temporary file the permissions of the existing one",
                            path: path.to_path_buf(),
                            source,
                        })?;
                        #[cfg(unix)]
                        {
                            use std::os::unix::fs::MetadataExt;
                            // Best effort: keep the group (and the owner, when allowed).
                            if std::os::unix::fs::fchown(&file, Some(meta.uid()), Some(meta.gid())).is_err() {
                                let _ = std::os::unix::fs::fchown(&file, None, Some(meta.gid()));
                            }
                        }
                    }
                    return Ok((staged, file));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
                Err(source) => {
                    return Err(WriteError::Io { action: "create a temporary file beside it", path: path.to_path_buf(), source });
                }
            }
        }
        Err(WriteError::Io {
            action: "create a temporary file beside it",
            path: path.to_path_buf(),
            source: last.unwrap_or_else(|| std::io::Error::from(std::io::ErrorKind::AlreadyExists)),
        })
    }

    /// The temporary file being written.
    pub fn temp_path(&self) -> &Path {
        &self.tmp
    }

    /// The file that will be replaced (symbolic links resolved).
    pub fn target(&self) -> &Path {
        &self.target.path
    }

    fn io(&self, action: &'static str) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
        move |source| WriteError::Io { action, path: self.requested.clone(), source }
    }

    /// Syncs `file` (the one [`create`](Self::create) returned) and puts it in place: renamed over
    /// the target, then the directory synced; or, when the target has other hard links, copied
    /// into it in place (and synced) so the links keep sharing it.
    pub fn commit(mut self, file: File) -> Result<(), WriteError> {
        file.sync_all().map_err(self.io("sync the temporary file"))?;
        drop(file);
        if self.target.hard_linked() {
            let mut src = File::open(&self.tmp).map_err(self.io("reopen the temporary file"))?;
            let mut dst = OpenOptions::new().write(true).open(&self.target.path).map_err(self.io("open it for writing in place"))?;
            let meta = dst.metadata().map_err(self.io("inspect it"))?;
            if !meta.is_file() {
                return Err(WriteError::NotRegular { path: self.requested.clone(), kind: kind_of(&meta.file_type()) });
            }
            let n = std::io::copy(&mut src, &mut dst).map_err(self.io("write it in place"))?;
            dst.set_len(n).map_err(self.io("truncate it"))?;
            dst.sync_all().map_err(self.io("sync it"))?;
            let _ = std::fs::remove_file(&self.tmp);
        } else {
            std::fs::rename(&self.tmp, &self.target.path).map_err(self.io("rename the temporary file onto it"))?;
            // The rename is durable only once the directory is synced (where directories open).
            if let Ok(d) = File::open(&self.target.dir) {
                d.sync_all().map_err(self.io("sync its directory"))?;
            }
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for StagedFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `bytes` to `path` so that readers see either the old file or the whole new one.
///
/// - Only a regular file or a new name is written: an existing device, FIFO, socket or directory
///   is refused ([`WriteError::NotRegular`]); a missing directory is never created
///   ([`WriteError::NoDirectory`]).
/// - A symbolic link is followed: its target is replaced and the link kept.
/// - The existing file's permissions (and, where allowed, owner and group) are kept.
/// - A file with other hard links is written in place (then synced), so the links stay one file;
///   that write is not atomic.
/// - Otherwise: a unique temporary file in the target's directory, fsync, rename, fsync of the directory.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let (staged, mut file) = StagedFile::create(path)?;
    file.write_all(bytes).map_err(|source| WriteError::Io { action: "write the temporary file", path: path.to_path_buf(), source })?;
    staged.commit(file)
}

/// Appends `bytes` to `path` (created when missing), with the same checks as [`write_file`]: a
/// regular file or a new name in an existing directory, symbolic links followed. For logs that
/// several runs append to (an atomic rewrite could lose a concurrent run's line; an append of one
/// line cannot).
pub fn append_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let target = resolve(path)?;
    let io = |action: &'static str| move |source| WriteError::Io { action, path: path.to_path_buf(), source };
    let mut f =
        OpenOptions::new().append(true).create(target.existing.is_none()).open(&target.path).map_err(io("open it for appending"))?;
    let meta = f.metadata().map_err(io("inspect it"))?;
    if !meta.is_file() {
        return Err(WriteError::NotRegular { path: path.to_path_buf(), kind: kind_of(&meta.file_type()) });
    }
    f.write_all(bytes).map_err(io("append to it"))?;
    f.sync_data().map_err(io("sync it"))
}

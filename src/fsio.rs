//! Reading user-named files safely: only regular files (never a FIFO, device or directory, which
//! could block or grow without bound), read with a size limit, with typed errors that name the path.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest spec source file (the root or an import) vecrun reads.
pub const MAX_SPEC_BYTES: u64 = 16 << 20;
/// Largest JSON document (checkpoint, run summary, manifest) vecrun reads.
pub const MAX_JSON_BYTES: u64 = 256 << 20;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read `{}`: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("`{}` is not a regular file ({kind}); vecrun reads only regular files", path.display())]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("`{}` is larger than {limit} bytes, the most vecrun reads for this kind of file", path.display())]
    TooLarge { path: PathBuf, limit: u64 },
    #[error("`{}` is not valid UTF-8", path.display())]
    NotUtf8 { path: PathBuf },
}

impl ReadError {
    /// The underlying I/O error kind, when there is one (e.g. `NotFound`).
    pub fn io_kind(&self) -> Option<std::io::ErrorKind> {
        match self {
            ReadError::Io { source, .. } => Some(source.kind()),
            _ => None,
        }
    }
}

/// What a file that is not a regular file is, in words (`a FIFO`, `a directory` ...).
pub fn file_kind(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    if ft.is_dir() { "a directory" } else { "not a regular file" }
}

/// Checks, without opening it (opening a FIFO blocks), that `path` is a regular file (symlinks
/// followed). Returns its size.
pub fn check_regular(path: &Path) -> Result<u64, ReadError> {
    let meta = std::fs::metadata(path).map_err(|source| ReadError::Io { path: path.to_path_buf(), source })?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular { path: path.to_path_buf(), kind: file_kind(&meta.file_type()) });
    }
    Ok(meta.len())
}

/// Opens a regular file for reading (refusing FIFOs, devices and directories).
pub fn open_regular(path: &Path) -> Result<std::fs::File, ReadError> {
    check_regular(path)?;
    std::fs::File::open(path).map_err(|source| ReadError::Io { path: path.to_path_buf(), source })
}

/// Reads a whole regular file of at most `limit` bytes.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let len = check_regular(path)?;
    if len > limit {
        return Err(ReadError::TooLarge { path: path.to_path_buf(), limit });
    }
    let f = std::fs::File::open(path).map_err(|source| ReadError::Io { path: path.to_path_buf(), source })?;
    // The file may grow between the stat and the read: never read more than the limit.
    let mut buf = Vec::with_capacity(len as usize);
    f.take(limit + 1).read_to_end(&mut buf).map_err(|source| ReadError::Io { path: path.to_path_buf(), source })?;
    if buf.len() as u64 > limit {
        return Err(ReadError::TooLarge { path: path.to_path_buf(), limit });
    }
    Ok(buf)
}

/// Reads a whole regular UTF-8 text file of at most `limit` bytes.
pub fn read_text_limited(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_limited(path, limit)?;
    String::from_utf8(bytes).map_err(|_| ReadError::NotUtf8 { path: path.to_path_buf() })
}

/// Text from a file (a stored message, name or phase) made safe to print on a terminal: control
/// characters (ANSI escapes, carriage returns, NUL ...) are shown escaped, never sent raw.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_directories_and_devices_and_large_files() {
        let dir = std::env::temp_dir();
        assert!(matches!(read_limited(&dir, 10), Err(ReadError::NotRegular { .. })));
        #[cfg(unix)]
        assert!(matches!(read_limited(Path::new("/dev/zero"), 10), Err(ReadError::NotRegular { .. })));
        let f = dir.join(format!("vecrun-fsio-{}", std::process::id()));
        std::fs::write(&f, b"0123456789abc").unwrap();
        assert!(matches!(read_limited(&f, 10), Err(ReadError::TooLarge { .. })));
        assert_eq!(read_limited(&f, 13).unwrap().len(), 13);
        let _ = std::fs::remove_file(&f);
    }

    #[test]
    fn printable_escapes_control_characters() {
        assert_eq!(printable("a\u{1b}[31mb\r"), "a\\u{1b}[31mb\\r");
        assert_eq!(printable("line\nnext\ttab é"), "line\nnext\ttab é");
    }
}

//! Writing to stdout and stderr without ever panicking: `println!` panics when stdout is closed
//! (`| head -1`) or full (`> /dev/full`). These macros record the first stdout error instead; the
//! command goes on (its files are still written), and [`finish`] turns the error into the exit code:
//! a broken pipe is not an error (the reader had enough), any other write error is.

use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// `--log-format json`: every line vecrun writes to stderr is one JSON object.
static JSON_STDERR: AtomicBool = AtomicBool::new(false);

/// Switches stderr to one JSON object per message (the shape of `tracing`'s JSON lines).
pub fn set_json_stderr(on: bool) {
    JSON_STDERR.store(on, Ordering::SeqCst);
}

/// Whether stderr carries JSON lines (`--log-format json`).
pub fn json_stderr() -> bool {
    JSON_STDERR.load(Ordering::SeqCst)
}

/// The first error writing to stdout, if any.
static STDOUT_ERROR: Mutex<Option<std::io::ErrorKind>> = Mutex::new(None);

fn failed() -> bool {
    STDOUT_ERROR.lock().map(|e| e.is_some()).unwrap_or(true)
}

fn record(e: std::io::Error) {
    if let Ok(mut slot) = STDOUT_ERROR.lock() {
        slot.get_or_insert(e.kind());
    }
}

/// Writes to stdout; after the first error, writes nothing more.
pub fn stdout_fmt(args: std::fmt::Arguments) {
    if failed() {
        return;
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args) {
        record(e);
    }
}

/// Writes to stderr, ignoring errors (there is nowhere left to report them). With
/// `--log-format json`, each message becomes one JSON object on one line.
pub fn stderr_fmt(args: std::fmt::Arguments) {
    if JSON_STDERR.load(Ordering::SeqCst) {
        let text = args.to_string();
        let _ = std::io::stderr().lock().write_all(json_line(&text).as_bytes());
        return;
    }
    let _ = std::io::stderr().lock().write_fmt(args);
}

/// One message as a JSON line: `{"timestamp", "level", "fields": {"message"}, "target"}`, the level
/// read from the message's `error:` / `warning:` prefix (rustc-style diagnostics keep their text).
pub fn json_line(text: &str) -> String {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let (level, message) = if let Some(rest) = text.strip_prefix("error: ") {
        ("ERROR", rest)
    } else if let Some(rest) = text.strip_prefix("warning: ") {
        ("WARN", rest)
    } else if text.starts_with("error[") || text.starts_with("error:") {
        ("ERROR", text)
    } else if text.starts_with("warning[") {
        ("WARN", text)
    } else {
        ("INFO", text.strip_prefix("vecrun: ").unwrap_or(text))
    };
    let obj = serde_json::json!({
        "timestamp": crate::output::now_rfc3339(),
        "level": level,
        "fields": { "message": message },
        "target": "vecrun",
    });
    format!("{obj}\n")
}

/// Flushes stdout and maps a write error to an exit code: `code` when all output was written or the
/// reader closed the pipe, [`super::exit::ERROR`] (with a message) when stdout failed otherwise.
pub fn finish(code: i32) -> i32 {
    if !failed()
        && let Err(e) = std::io::stdout().lock().flush()
    {
        record(e);
    }
    let kind = STDOUT_ERROR.lock().ok().and_then(|e| *e);
    match kind {
        None | Some(std::io::ErrorKind::BrokenPipe) => code,
        Some(kind) => {
            stderr_fmt(format_args!("error: cannot write to standard output: {}\n", std::io::Error::from(kind)));
            super::exit::ERROR.max(code)
        }
    }
}

/// `println!` that never panics.
macro_rules! outln {
    () => { $crate::cli::out::stdout_fmt(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::out::stdout_fmt(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `print!` that never panics.
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::out::stdout_fmt(format_args!($($arg)*)) };
}

/// `eprintln!` that never panics.
macro_rules! errln {
    () => { $crate::cli::out::stderr_fmt(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::out::stderr_fmt(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `eprint!` that never panics.
macro_rules! errout {
    ($($arg:tt)*) => { $crate::cli::out::stderr_fmt(format_args!($($arg)*)) };
}

//! The process binding: a long-lived child per worker speaking Arrow IPC streams, requests on its
//! stdin and answers on its stdout (`docs/implementations.md`, "The process protocol").
//!
//! A reader thread turns the child's stdout into answers on a channel, so a hung child is a
//! timeout rather than a hung vecrun; another keeps the tail of its stderr for crash reports.

use std::collections::VecDeque;
use std::io::{BufReader, BufWriter, Read};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use arrow_array::RecordBatch;
use arrow_ipc::reader::StreamReader;
use arrow_ipc::writer::StreamWriter;
use arrow_schema::Schema;

use super::{CallError, CallFailure, Instance, columns};
use crate::check::ExternFn;

/// How much of the child's stderr is kept for reports.
const STDERR_TAIL: usize = 4096;

enum Answer {
    /// The child's output stream started (its schema was read).
    Started,
    Batch(RecordBatch),
    /// The stream could not be read: garbage, or a schema that is not Arrow.
    Unreadable(String),
    /// End of the child's stream (it closed stdout or exited).
    End,
}

/// One running implementation process.
pub struct Process {
    child: Child,
    writer: Option<StreamWriter<BufWriter<ChildStdin>>>,
    answers: Receiver<Answer>,
    stderr: Arc<Mutex<VecDeque<u8>>>,
    /// Set by the stderr thread when the child's stderr has closed (all of it is in `stderr`).
    stderr_closed: Arc<std::sync::atomic::AtomicBool>,
    schema: Arc<Schema>,
    func: ExternFn,
    timeout: Duration,
    /// The child has answered a request.
    started: bool,
    /// The child's answer stream has begun (its schema was read): it has started up.
    ready: bool,
}

/// How long a process may take to start up (until it writes its answer schema): an interpreter's imports or a
/// JIT's warm-up are not a call, so `--impl-timeout` starts counting only then.
pub const STARTUP_ALLOWANCE: Duration = Duration::from_secs(30);

impl Process {
    /// Starts `argv` with the request stream's schema written to it.
    pub fn start(argv: &[String], func: &ExternFn, timeout: Duration) -> Result<Process, String> {
        let mut child = Command::new(&argv[0])
            .args(&argv[1..])
            .env("VECRUN_IMPL_FUNCTION", &func.name)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start `{}`: {e}", argv[0]))?;
        let (Some(stdin), Some(stdout), Some(stderr)) = (child.stdin.take(), child.stdout.take(), child.stderr.take()) else {
            let _ = child.kill();
            return Err("the child's pipes are missing".into());
        };
        let tail = Arc::new(Mutex::new(VecDeque::with_capacity(STDERR_TAIL)));
        let keep = tail.clone();
        let stderr_closed = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let closed = stderr_closed.clone();
        std::thread::Builder::new()
            .name("vecrun-impl-stderr".into())
            .spawn(move || {
                let mut r = stderr;
                let mut buf = [0u8; 4096];
                while let Ok(n) = r.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    if let Ok(mut t) = keep.lock() {
                        t.extend(&buf[..n]);
                        let over = t.len().saturating_sub(STDERR_TAIL);
                        t.drain(..over);
                    }
                }
                closed.store(true, std::sync::atomic::Ordering::Release);
            })
            .map_err(|e| format!("cannot start a thread: {e}"))?;
        let (tx, answers) = mpsc::channel();
        std::thread::Builder::new()
            .name("vecrun-impl-stdout".into())
            .spawn(move || {
                // An Arrow IPC stream starts with the continuation marker: anything else is garbage,
                // refused before the reader takes its first bytes for a message length to allocate.
                let mut stdout = stdout;
                let mut first = [0u8; 4];
                match stdout.read_exact(&mut first) {
                    Ok(()) if first == [0xFF; 4] => {}
                    Ok(()) => {
                        let shown = String::from_utf8_lossy(&first).escape_debug().to_string();
                        let _ = tx.send(Answer::Unreadable(format!(
                            "it does not start with the continuation marker FF FF FF FF (it starts with \"{shown}\")"
                        )));
                        return;
                    }
                    Err(_) => {
                        let _ = tx.send(Answer::End);
                        return;
                    }
                }
                let reader = match StreamReader::try_new(BufReader::new(std::io::Cursor::new(first).chain(stdout)), None) {
                    Ok(r) => r,
                    Err(e) => {
                        let _ = tx.send(if is_eof(&e) { Answer::End } else { Answer::Unreadable(e.to_string()) });
                        return;
                    }
                };
                if tx.send(Answer::Started).is_err() {
                    return;
                }
                for batch in reader {
                    let answer = match batch {
                        Ok(b) => Answer::Batch(b),
                        Err(e) if is_eof(&e) => Answer::End,
                        Err(e) => Answer::Unreadable(e.to_string()),
                    };
                    let stop = !matches!(answer, Answer::Batch(_));
                    if tx.send(answer).is_err() || stop {
                        return;
                    }
                }
                let _ = tx.send(Answer::End);
            })
            .map_err(|e| format!("cannot start a thread: {e}"))?;
        let schema = Arc::new(columns::request_schema(func));
        let mut p = Process {
            child,
            writer: None,
            answers,
            stderr: tail,
            stderr_closed,
            schema,
            func: func.clone(),
            timeout,
            started: false,
            ready: false,
        };
        match StreamWriter::try_new_buffered(stdin, &p.schema) {
            Ok(mut w) => {
                // A child that already exited is found at the first call, with its exit status.
                let _ = w.flush();
                p.writer = Some(w);
            }
            Err(e) => return Err(format!("cannot write the request schema: {e}")),
        }
        Ok(p)
    }

    fn stderr_tail(&self) -> String {
        let t = self.stderr.lock().map(|t| t.iter().copied().collect::<Vec<u8>>()).unwrap_or_default();
        let text = String::from_utf8_lossy(&t);
        let text = text.trim();
        if text.is_empty() { String::new() } else { format!("; its stderr ends with:\n{}", crate::fsio::printable(text)) }
    }

    /// How the child ended (waiting briefly for it to be reaped), e.g. `exit status 3` or
    /// `killed by signal 11 (SIGSEGV)`; `None` while it still runs.
    fn exit_text(&mut self) -> Option<String> {
        let deadline = Instant::now() + Duration::from_millis(500);
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => {
                    // Let the stderr thread read what the child wrote last (its stderr closes with
                    // it, unless a grandchild keeps it open: then not long).
                    let until = Instant::now() + Duration::from_millis(50);
                    while !self.stderr_closed.load(std::sync::atomic::Ordering::Acquire) && Instant::now() < until {
                        std::thread::sleep(Duration::from_micros(200));
                    }
                    return Some(describe_status(status));
                }
                Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_micros(500)),
                _ => return None,
            }
        }
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The next answer, or how the child failed. Until the child's answer stream begins it has
    /// [`STARTUP_ALLOWANCE`] (or `--impl-timeout`, if longer); then `--impl-timeout` per answer.
    fn next(&mut self) -> Result<Answer, CallError> {
        let wait = if self.ready { self.timeout } else { self.timeout.max(STARTUP_ALLOWANCE) };
        match self.answers.recv_timeout(wait) {
            Ok(Answer::Started) => {
                self.ready = true;
                Ok(Answer::Started)
            }
            Ok(a) => Ok(a),
            Err(RecvTimeoutError::Timeout) => {
                self.kill();
                if self.started {
                    Err(CallError::Failure(CallFailure::Timeout))
                } else if !self.ready {
                    let tail = self.stderr_tail();
                    Err(CallError::NeverAnswered(
                        format!(
                            "it did not start within {:.0} s (no answer stream on stdout); it must answer each request on stdout with an Arrow IPC stream{tail}",
                            wait.as_secs_f64()
                        ),
                        CallFailure::Timeout,
                    ))
                } else {
                    let tail = self.stderr_tail();
                    Err(CallError::NeverAnswered(
                        format!(
                            "no answer within --impl-timeout ({:.1} s), and it has never answered; it must answer each request on stdout with an Arrow IPC stream{tail}",
                            self.timeout.as_secs_f64()
                        ),
                        CallFailure::Timeout,
                    ))
                }
            }
            Err(RecvTimeoutError::Disconnected) => Ok(Answer::End),
        }
    }

    /// The child's stream ended while an answer was due: a crash once it has answered before;
    /// before its first answer, a crash on this input or a process that cannot start, which the
    /// caller tells apart ([`CallError::NeverAnswered`]).
    fn ended(&mut self) -> CallError {
        let status = self.exit_text();
        let tail = self.stderr_tail();
        if !self.started {
            self.kill();
            let status = status.unwrap_or_else(|| "its stdout closed".into());
            return CallError::NeverAnswered(
                format!(
                    "the process ended before it answered ({status}); it must answer each request on stdout with an Arrow IPC stream{tail}"
                ),
                CallFailure::Crashed(format!("{status}{tail}")),
            );
        }
        match status {
            Some(s) if s != "exit status 0" => CallError::Failure(CallFailure::Crashed(format!("{s}{tail}"))),
            Some(s) => {
                CallError::Protocol(format!("the process ended ({s}) with a request unanswered; it must answer every request{tail}"))
            }
            None => {
                self.kill();
                CallError::Protocol(format!("the process closed its stdout with a request unanswered{tail}"))
            }
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        // End the request stream; a well-behaved child then exits 0. Give it a moment, then make sure.
        if let Some(mut w) = self.writer.take() {
            let _ = w.finish();
        }
        let deadline = Instant::now() + Duration::from_millis(200);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        self.kill();
    }
}

impl Instance for Process {
    fn call(&mut self, args: &[&[u32]], n: usize) -> Result<Vec<Vec<u32>>, CallError> {
        let batch = columns::request(&self.schema, &self.func, args, n).map_err(CallError::Protocol)?;
        let written = match &mut self.writer {
            Some(w) => w.write(&batch).and_then(|_| w.flush()).is_ok(),
            None => false,
        };
        if !written {
            // The pipe is closed: the child is gone (its status tells how).
            return Err(self.ended());
        }
        loop {
            match self.next()? {
                Answer::Started => {}
                Answer::Batch(b) => {
                    self.started = true;
                    return columns::response(self.func.ret, &b, n).map_err(|e| {
                        self.kill();
                        CallError::Protocol(e)
                    });
                }
                Answer::Unreadable(e) => {
                    // An empty or cut stream from a child that died is a crash (or, before any
                    // answer, possibly a child that cannot start); from a live child, garbage.
                    if let Some(s) = self.exit_text().filter(|s| s != "exit status 0") {
                        let tail = self.stderr_tail();
                        return Err(if self.started {
                            CallError::Failure(CallFailure::Crashed(format!("{s}{tail}")))
                        } else {
                            CallError::NeverAnswered(
                                format!("the process ended before it answered ({s}){tail}"),
                                CallFailure::Crashed(format!("{s}{tail}")),
                            )
                        });
                    }
                    self.kill();
                    let tail = self.stderr_tail();
                    return Err(CallError::Protocol(format!("its stdout is not an Arrow IPC stream ({e}){tail}")));
                }
                Answer::End => return Err(self.ended()),
            }
        }
    }
}

fn is_eof(e: &arrow_schema::ArrowError) -> bool {
    match e {
        arrow_schema::ArrowError::IoError(_, io) => io.kind() == std::io::ErrorKind::UnexpectedEof,
        _ => false,
    }
}

fn describe_status(status: std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    if let Some(sig) = status.signal() {
        return format!("killed by signal {sig}{}", signal_name(sig).map(|n| format!(" ({n})")).unwrap_or_default());
    }
    match status.code() {
        Some(c) => format!("exit status {c}"),
        None => "ended".into(),
    }
}

fn signal_name(sig: i32) -> Option<&'static str> {
    Some(match sig {
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        15 => "SIGTERM",
        _ => return None,
    })
}

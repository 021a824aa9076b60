//! Implementations bound to `extern fn`s on the command line (`--impl NAME=exec:...` or
//! `NAME=lib:...`): parsing bindings, loading them, and calling them in batches from the CPU
//! workers, with crashes and timeouts bisected down to the vectors that cause them.
//!
//! A spec never names what runs: bindings come only from the command line, so checking or running
//! an untrusted spec executes nothing. `docs/implementations.md` is the user's guide and the
//! protocol reference.

mod columns;
pub mod library;
pub mod process;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::check::ExternFn;
use crate::ir::Program;

/// How long one call may take by default before the implementation counts as hung.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// What an `--impl` value names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A long-lived process speaking the Arrow IPC protocol: the command and its arguments.
    Process { argv: Vec<String> },
    /// A shared library with the batched C ABI, and the symbol to call (default: the extern's name).
    Library { path: PathBuf, symbol: Option<String> },
}

/// One `--impl NAME=KIND:...` as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BindingSpec {
    pub name: String,
    pub target: Target,
}

/// Why an `--impl` value cannot be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BindingParseError {
    #[error("`{0}` is not NAME=exec:COMMAND or NAME=lib:PATH[:SYMBOL]")]
    Shape(String),
    #[error("unknown binding kind `{kind}` in `{text}`: use `exec:` (a process) or `lib:` (a shared library)")]
    Kind { kind: String, text: String },
    #[error("the command of `{0}` is empty or has an unterminated quote")]
    Command(String),
    #[error("the library path of `{0}` is empty")]
    EmptyPath(String),
}

impl std::str::FromStr for BindingSpec {
    type Err = BindingParseError;
    fn from_str(text: &str) -> Result<BindingSpec, BindingParseError> {
        let (name, rest) = text.split_once('=').ok_or_else(|| BindingParseError::Shape(text.to_string()))?;
        let name = name.trim();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(BindingParseError::Shape(text.to_string()));
        }
        let (kind, what) = rest.split_once(':').ok_or_else(|| BindingParseError::Shape(text.to_string()))?;
        let target = match kind {
            "exec" => {
                let argv = shlex::split(what).filter(|a| !a.is_empty()).ok_or_else(|| BindingParseError::Command(text.to_string()))?;
                Target::Process { argv }
            }
            "lib" => {
                // `PATH[:SYMBOL]`: a symbol is a C identifier, so a last `:` part that is one is the symbol.
                let (path, symbol) = match what.rsplit_once(':') {
                    Some((p, s)) if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => (p, Some(s.to_string())),
                    _ => (what, None),
                };
                if path.is_empty() {
                    return Err(BindingParseError::EmptyPath(text.to_string()));
                }
                Target::Library { path: PathBuf::from(path), symbol }
            }
            other => return Err(BindingParseError::Kind { kind: other.to_string(), text: text.to_string() }),
        };
        Ok(BindingSpec { name: name.to_string(), target })
    }
}

impl fmt::Display for BindingSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.target {
            Target::Process { argv } => {
                write!(f, "{}=exec:{}", self.name, shlex::try_join(argv.iter().map(String::as_str)).unwrap_or_else(|_| argv.join(" ")))
            }
            Target::Library { path, symbol: Some(s) } => write!(f, "{}=lib:{}:{s}", self.name, path.display()),
            Target::Library { path, symbol: None } => write!(f, "{}=lib:{}", self.name, path.display()),
        }
    }
}

/// What the manifest records of a binding: what ran, and a content hash of it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BindingRecord {
    /// The extern fn.
    pub function: String,
    /// `exec` or `lib`.
    pub kind: String,
    /// The `--impl` value as given.
    pub binding: String,
    /// blake3 of the files the binding runs (the executable and any script or library named in
    /// its arguments; the shared library), in order, each as `path=hash`.
    pub files: Vec<String>,
    /// blake3 over all of `files`: changes whenever any of them does.
    pub hash: String,
}

/// Why bindings cannot be set up for a program.
#[derive(Debug, thiserror::Error)]
pub enum BindError {
    #[error(
        "extern fn `{name}` (declared at {location}) has no implementation: bind one with `--impl {name}=exec:COMMAND` or `--impl {name}=lib:PATH.so`"
    )]
    Unbound { name: String, location: String },
    #[error("`--impl {0}=...` binds no extern fn of this spec (it declares: {1})")]
    UnknownExtern(String, String),
    #[error("extern fn `{0}` is bound twice")]
    Duplicate(String),
    #[error("cannot load `{path}` for extern fn `{name}`: {message}")]
    Load { name: String, path: String, message: String },
    #[error("cannot find the program `{program}` for extern fn `{name}` (not a file, and not on PATH)")]
    NoProgram { name: String, program: String },
    #[error("cannot read `{path}` to hash it: {message}")]
    Hash { path: String, message: String },
}

/// A failure of one call that the run survives: the vectors of the call are bisected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallFailure {
    /// The process died or was killed, or the library returned an error: what happened.
    Crashed(String),
    /// No answer within the timeout.
    Timeout,
}

/// One call seen while tracing a single vector: the call site and what the implementation
/// returned there (the result's scalars), or how it failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TracedCall {
    pub site: u32,
    pub result: Result<Vec<u32>, CallFailure>,
}

/// A failure that stops the run: the implementation does not speak the protocol.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
#[error("implementation of extern fn `{function}` ({binding}): {message}")]
pub struct ImplError {
    pub function: String,
    pub binding: String,
    pub message: String,
}

/// What one call can end with.
#[derive(Debug)]
pub enum CallError {
    Failure(CallFailure),
    /// A protocol error: the message (the caller adds the function and binding).
    Protocol(String),
    /// The process ended, or did not answer in time, before it ever answered: a failure on this
    /// input, or an implementation that cannot work at all (the caller tells them apart).
    NeverAnswered(String, CallFailure),
}

/// One running implementation (a process, or a loaded library) of one extern fn.
pub trait Instance: Send {
    /// Calls the function on `n` rows. `args[k]` is scalar `k` of the flattened parameters (an
    /// array parameter contributes one column per element), `n` lane-encoded values each (bits of
    /// `u32`/`i32`/`f32`, `0`/`1` for `bool`). Returns the result's scalar columns the same way.
    fn call(&mut self, args: &[&[u32]], n: usize) -> Result<Vec<Vec<u32>>, CallError>;
}

/// One binding, loaded: its signature, how to start instances, and the idle instances.
pub struct Binding {
    pub func: ExternFn,
    pub spec: BindingSpec,
    pub record: BindingRecord,
    timeout: Duration,
    library: Option<library::Loaded>,
    idle: Mutex<Vec<Box<dyn Instance>>>,
    /// Some instance has answered a request: the implementation can start.
    answered: std::sync::atomic::AtomicBool,
}

impl Binding {
    fn start(&self) -> Result<Box<dyn Instance>, ImplError> {
        match (&self.spec.target, &self.library) {
            (_, Some(lib)) => Ok(Box::new(lib.instance(&self.func))),
            (Target::Process { argv }, None) => process::Process::start(argv, &self.func, self.timeout)
                .map(|p| Box::new(p) as Box<dyn Instance>)
                .map_err(|message| self.error(message)),
            (Target::Library { .. }, None) => Err(self.error("the library is not loaded".into())),
        }
    }

    fn error(&self, message: String) -> ImplError {
        ImplError { function: self.func.name.clone(), binding: self.spec.to_string(), message }
    }
}

/// Every binding of a program, by extern index.
pub struct Bindings {
    by_extern: Vec<Option<Arc<Binding>>>,
}

impl fmt::Debug for Bindings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.records().iter().map(|r| &r.binding)).finish()
    }
}

impl Bindings {
    /// Binds `specs` to the externs of `program`. Every extern that a property calls must be
    /// bound; a binding must name an extern of the spec. Libraries are loaded and files hashed
    /// here; processes start when first called.
    pub fn bind(program: &Program, specs: &[BindingSpec], timeout: Duration) -> Result<Bindings, BindError> {
        let externs = &program.externs;
        let mut by_extern: Vec<Option<Arc<Binding>>> = vec![None; externs.len()];
        for s in specs {
            let Some(i) = externs.iter().position(|e| e.name == s.name) else {
                let names = if externs.is_empty() {
                    "no extern fn".to_string()
                } else {
                    externs.iter().map(|e| format!("`{}`", e.name)).collect::<Vec<_>>().join(", ")
                };
                return Err(BindError::UnknownExtern(s.name.clone(), names));
            };
            if by_extern[i].is_some() {
                return Err(BindError::Duplicate(s.name.clone()));
            }
            let func = externs[i].clone();
            let (library, files) = match &s.target {
                Target::Library { path, symbol } => {
                    let symbol = symbol.clone().unwrap_or_else(|| func.name.clone());
                    let lib = library::Loaded::open(path, &symbol).map_err(|message| BindError::Load {
                        name: func.name.clone(),
                        path: path.display().to_string(),
                        message,
                    })?;
                    (Some(lib), vec![path.clone()])
                }
                Target::Process { argv } => {
                    let program = resolve_program(&argv[0])
                        .ok_or_else(|| BindError::NoProgram { name: func.name.clone(), program: argv[0].clone() })?;
                    // Scripts and libraries named in the arguments count as what runs too.
                    let mut files = vec![program];
                    files.extend(argv[1..].iter().map(PathBuf::from).filter(|p| p.is_file()));
                    (None, files)
                }
            };
            let record = record(&func.name, s, &files)?;
            by_extern[i] = Some(Arc::new(Binding {
                func,
                spec: s.clone(),
                record,
                timeout,
                library,
                idle: Mutex::new(Vec::new()),
                answered: std::sync::atomic::AtomicBool::new(false),
            }));
        }
        for p in &program.properties {
            for site in &p.extern_sites {
                let f = &externs[site.func as usize];
                if by_extern[site.func as usize].is_none() {
                    return Err(BindError::Unbound { name: f.name.clone(), location: f.location.clone() });
                }
            }
        }
        Ok(Bindings { by_extern })
    }

    /// No bindings (a program that calls no extern fn).
    pub fn none() -> Bindings {
        Bindings { by_extern: Vec::new() }
    }

    pub fn is_empty(&self) -> bool {
        self.by_extern.iter().all(Option::is_none)
    }

    /// What the manifest records, in extern order.
    pub fn records(&self) -> Vec<BindingRecord> {
        self.by_extern.iter().flatten().map(|b| b.record.clone()).collect()
    }

    /// A per-worker caller: leases instances from the bindings' idle pools as it needs them and
    /// gives them back when dropped.
    pub fn caller(self: &Arc<Self>) -> Caller {
        Caller { bindings: self.clone(), leased: (0..self.by_extern.len()).map(|_| None).collect(), trace: None }
    }
}

/// The results of one batched call: the result's scalar columns (zero on failed rows), and the
/// rows on which the implementation crashed or hung (found by bisection).
pub struct CallOut {
    pub results: Vec<Vec<u32>>,
    pub failed: Vec<(usize, CallFailure)>,
}

/// One worker's view of the bindings.
pub struct Caller {
    bindings: Arc<Bindings>,
    leased: Vec<Option<Box<dyn Instance>>>,
    /// When tracing one vector: every call made, in order.
    trace: Option<Vec<TracedCall>>,
}

impl Drop for Caller {
    fn drop(&mut self) {
        for (b, inst) in self.bindings.by_extern.iter().zip(self.leased.iter_mut()) {
            if let (Some(b), Some(inst)) = (b, inst.take())
                && let Ok(mut idle) = b.idle.lock()
            {
                idle.push(inst);
            }
        }
    }
}

impl Caller {
    /// Starts recording the calls of single-row evaluations ([`Caller::take_trace`]).
    pub fn start_trace(&mut self) {
        self.trace = Some(Vec::new());
    }

    /// The calls recorded since [`Caller::start_trace`].
    pub fn take_trace(&mut self) -> Vec<TracedCall> {
        self.trace.take().unwrap_or_default()
    }

    /// Calls extern `func` at call site `site` on `n` rows (columns as in [`Instance::call`]). A crash or a timeout
    /// restarts the implementation and bisects the rows until each failing row is alone; the
    /// other rows get their results. Protocol errors stop with an error.
    pub fn call(&mut self, func: u32, site: u32, args: &[&[u32]], n: usize) -> Result<CallOut, ImplError> {
        let out = self.call_rows(func, args, n)?;
        if let Some(trace) = &mut self.trace
            && n == 1
        {
            let result = match out.failed.first() {
                Some((_, f)) => Err(f.clone()),
                None => Ok(out.results.iter().map(|c| c[0]).collect()),
            };
            trace.push(TracedCall { site, result });
        }
        Ok(out)
    }

    fn call_rows(&mut self, func: u32, args: &[&[u32]], n: usize) -> Result<CallOut, ImplError> {
        let binding = self.bindings.by_extern.get(func as usize).cloned().flatten().ok_or_else(|| ImplError {
            function: format!("#{func}"),
            binding: "(none)".into(),
            message: "called without a binding".into(),
        })?;
        let width = binding.func.ret.slots() as usize;
        // Filled only when the rows are split (a crash or a hang); a whole answer is moved in.
        let mut out = CallOut { results: Vec::new(), failed: Vec::new() };
        let mut pending = vec![(0usize, n)];
        while let Some((start, len)) = pending.pop() {
            let cols: Vec<&[u32]> = args.iter().map(|c| &c[start..start + len]).collect();
            let inst = match &mut self.leased[func as usize] {
                Some(i) => i,
                slot => {
                    let leased = binding.idle.lock().ok().and_then(|mut idle| idle.pop());
                    let inst = match leased {
                        Some(i) => i,
                        None => binding.start()?,
                    };
                    slot.insert(inst)
                }
            };
            let answer = inst.call(&cols, len);
            let answer = match answer {
                Err(CallError::NeverAnswered(message, failure)) => {
                    self.leased[func as usize] = None;
                    self.never_answered(&binding, args, start, len, message, failure)?
                }
                other => other,
            };
            match answer {
                Ok(res) => {
                    binding.answered.store(true, std::sync::atomic::Ordering::Relaxed);
                    if len == n {
                        out.results = res;
                    } else {
                        if out.results.is_empty() {
                            out.results = vec![vec![0; n]; width];
                        }
                        for (dst, src) in out.results.iter_mut().zip(res) {
                            dst[start..start + len].copy_from_slice(&src);
                        }
                    }
                }
                Err(CallError::Protocol(message) | CallError::NeverAnswered(message, _)) => {
                    self.leased[func as usize] = None;
                    return Err(binding.error(message));
                }
                Err(CallError::Failure(f)) => {
                    // The instance is dead (or killed): the next call starts a fresh one.
                    self.leased[func as usize] = None;
                    if out.results.is_empty() {
                        out.results = vec![vec![0; n]; width];
                    }
                    if len == 1 {
                        out.failed.push((start, f));
                    } else {
                        let half = len / 2;
                        // Second half pushed first: rows are tried in order.
                        pending.push((start + half, len - half));
                        pending.push((start, half));
                    }
                }
            }
        }
        out.failed.sort_by_key(|(r, _)| *r);
        Ok(out)
    }

    /// A fresh process ended without answering rows `start..start + len`. If this binding has
    /// answered before, it is a crash on these rows. Otherwise each of the first and the last row
    /// alone is tried on a fresh process: if either is answered the implementation works and this
    /// was a crash; if neither, it cannot start at all (a protocol error with its message).
    fn never_answered(
        &mut self,
        binding: &Arc<Binding>,
        args: &[&[u32]],
        start: usize,
        len: usize,
        message: String,
        failure: CallFailure,
    ) -> Result<Result<Vec<Vec<u32>>, CallError>, ImplError> {
        let crash = |_: String| Ok(Err(CallError::Failure(failure.clone())));
        if binding.answered.load(std::sync::atomic::Ordering::Relaxed) {
            return crash(message);
        }
        let mut probes = vec![start];
        if len > 1 {
            probes.push(start + len - 1);
        }
        for row in probes {
            let cols: Vec<&[u32]> = args.iter().map(|c| &c[row..row + 1]).collect();
            let mut inst = binding.start()?;
            match inst.call(&cols, 1) {
                Ok(_) => {
                    binding.answered.store(true, std::sync::atomic::Ordering::Relaxed);
                    return crash(message);
                }
                Err(CallError::Protocol(m)) => return Err(binding.error(m)),
                Err(CallError::Failure(_)) => {
                    binding.answered.store(true, std::sync::atomic::Ordering::Relaxed);
                    return crash(message);
                }
                Err(CallError::NeverAnswered(..)) => {}
            }
        }
        Ok(Err(CallError::NeverAnswered(message, failure)))
    }
}

/// The program named by a command's first word: a path, or a name found on `PATH`.
fn resolve_program(program: &str) -> Option<PathBuf> {
    let p = Path::new(program);
    if program.contains('/') {
        return p.is_file().then(|| p.to_path_buf());
    }
    std::env::var_os("PATH").and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(program)).find(|c| c.is_file()))
}

fn record(function: &str, spec: &BindingSpec, files: &[PathBuf]) -> Result<BindingRecord, BindError> {
    let mut all = blake3::Hasher::new();
    let mut listed = Vec::new();
    for f in files {
        let bytes = std::fs::read(f).map_err(|e| BindError::Hash { path: f.display().to_string(), message: e.to_string() })?;
        let h = blake3::hash(&bytes);
        all.update(h.as_bytes());
        listed.push(format!("{}={}", f.display(), h.to_hex()));
    }
    let kind = match spec.target {
        Target::Process { .. } => "exec",
        Target::Library { .. } => "lib",
    };
    Ok(BindingRecord {
        function: function.to_string(),
        kind: kind.into(),
        binding: spec.to_string(),
        files: listed,
        hash: all.finalize().to_hex().to_string(),
    })
}

//! Proves or refutes each assert and bounds check of each property over its whole input space
//! with an SMT solver (z3 by default) driven over SMT-LIB 2: the property is executed
//! symbolically (`encode`), every operator encoded exactly as `docs/semantics.md` says (`ops`),
//! and one query per goal asks for an input in the domains that reaches the site alive and fails
//! it. `docs/solver.md` says what the encoding means and what comes back `Unknown`.

mod encode;
mod ops;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use easy_smt::{Context, ContextBuilder, Response, SExpr};

pub use encode::{Target, unrolled_iterations};
pub use ops::{NotEncodable, Operator};

use crate::r#gen::domain::Domain;
use crate::ir::Program;
use crate::sem::ScalarType;
use encode::encode_property;
use ops::{EncodeError, Terms};

/// How to run the solver.
#[derive(Clone, Debug)]
pub struct SolverOptions {
    /// The solver executable and its arguments for an interactive SMT-LIB 2 session (default: z3 -smt2 -in).
    pub command: PathBuf,
    pub args: Vec<String>,
    /// Limit per query (per goal); the query answers `unknown` after it. Sent as z3's `:timeout`
    /// option; a solver that refuses that option runs its queries without a limit.
    pub timeout: Duration,
    /// Checked between queries: when set, the remaining goals are Unknown("stopped").
    pub stop: Option<Arc<AtomicBool>>,
    /// Most unrolled loop iterations (summed over a property's loops, nested multiplied) before a property is not encoded (Unknown).
    pub max_unrolled: u64,
}

impl SolverOptions {
    /// z3 (`z3 -smt2 -in` from `PATH`), 10 s per goal, at most 1,000,000 unrolled iterations.
    pub fn z3() -> SolverOptions {
        SolverOptions {
            command: PathBuf::from("z3"),
            args: vec!["-smt2".into(), "-in".into()],
            timeout: Duration::from_secs(10),
            stop: None,
            max_unrolled: 1_000_000,
        }
    }

    fn stopped(&self) -> bool {
        self.stop.as_ref().is_some_and(|s| s.load(Ordering::Relaxed))
    }
}

impl Default for SolverOptions {
    fn default() -> Self {
        SolverOptions::z3()
    }
}

/// A place in a property where a vector can fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Site {
    /// Assert `id` of the property (`Outcome::Fail(id)`).
    Assert(u32),
    /// Bounds-check site `id` of the property (`Outcome::OutOfBounds(id)`).
    Bounds(u32),
    /// Loop site `id` of the property: a `while`/`loop` past its bound (`Outcome::LoopBound(id)`).
    Loop(u32),
}

impl Site {
    /// The goals of a property: its asserts by id, then its bounds sites, then its loop sites.
    pub fn all(p: &crate::ir::PropertyIr) -> Vec<Site> {
        (0..p.asserts.len() as u32)
            .map(Site::Assert)
            .chain((0..p.bounds_sites.len() as u32).map(Site::Bounds))
            .chain((0..p.loop_sites.len() as u32).map(Site::Loop))
            .collect()
    }
    /// The outcome a vector failing this site gets.
    pub fn outcome(self) -> crate::ir::Outcome {
        match self {
            Site::Assert(i) => crate::ir::Outcome::Fail(i),
            Site::Bounds(i) => crate::ir::Outcome::OutOfBounds(i),
            Site::Loop(i) => crate::ir::Outcome::LoopBound(i),
        }
    }
}

/// What the solver found for one goal.
#[derive(Clone, Debug, PartialEq)]
pub enum GoalResult {
    /// UNSAT: no input in the domains reaches this site alive and fails it.
    Proven,
    /// SAT: a full slot vector (`program.slots.len()` u32 bit patterns, each in its slot's domain)
    /// that reaches the site alive and fails it. `inexact` is true when that could depend on the
    /// bits of a NaN produced by arithmetic (unspecified, `docs/semantics.md` "NaN bits"): some
    /// float arithmetic of the model gives NaN and the property reads float bits (`bits(x)`), so
    /// the CPU, whose NaN has particular bits, may not fail there. When false, the CPU fails at
    /// exactly this site on `slots`.
    Refuted { slots: Vec<u32>, inexact: bool },
    /// Timeout, the solver's `unknown`, not encodable (too many loop iterations, an operator the
    /// encoding lacks), or stopped; `reason` says which.
    Unknown { reason: String },
}

/// One site of one property and what the solver found.
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    /// Index into `program.properties`.
    pub property: usize,
    pub site: Site,
    pub result: GoalResult,
    /// Time spent on this goal's query (0 for goals decided without one).
    pub seconds: f64,
}

/// The solver could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SolverError {
    #[error("cannot start the solver `{command}`: {source}")]
    Start { command: String, source: std::io::Error },
    #[error("the solver `{command}` failed: {source}")]
    Protocol { command: String, source: std::io::Error },
    #[error("the solver `{command}` answered `{answer}` where a 32-bit vector value was expected")]
    BadValue { command: String, answer: String },
    /// A query ran well past its time limit (z3 does not always honour `:timeout`) and the solver
    /// process was killed: the goal is unknown, and the caller starts a new session.
    #[error("the solver `{command}` went on past its time limit of {seconds} s without answering and was stopped")]
    Overran { command: String, seconds: f64 },
}

/// One solver process with the slot constants and their domains asserted.
struct Session {
    terms: Terms,
    command: String,
    /// The solver is z3: queries use `(check-sat-using default)`, z3's non-incremental strategy
    /// (bit-blasting the float theory), which decides float goals in a second where the
    /// incremental core that `check-sat` after `push` selects times out.
    z3_tactic: bool,
    /// The solver's process id, when it could be told apart (Linux): what the watchdog kills.
    pid: Option<u32>,
    /// The query's own limit; the watchdog kills a query still running at twice this plus a second.
    timeout: Duration,
    /// Set when the watchdog killed the solver: the session is over.
    overran: bool,
}

/// Serialises starting solvers, so the child that appears during a start is that session's.
static STARTING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// This process's children running `name` (at most 15 characters, as `/proc/PID/comm` keeps).
fn solver_children(name: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else { return out };
    for task in tasks.flatten() {
        let Ok(children) = std::fs::read_to_string(task.path().join("children")) else { continue };
        for pid in children.split_whitespace().filter_map(|p| p.parse::<u32>().ok()) {
            let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            if comm.trim_end() == name {
                out.push(pid);
            }
        }
    }
    out
}

/// The name `/proc/PID/comm` gives a process running `command`.
fn comm_name(command: &std::path::Path) -> Option<String> {
    command.file_name().map(|n| n.to_string_lossy().chars().take(15).collect())
}

fn kill_pid(pid: u32) {
    let _ = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
}

/// Kills the solver process `pid` when the session makes no progress (no new definition, no
/// answer) for `limit`: one command or query that z3 keeps working on past its time limit.
struct Watchdog {
    done: std::sync::mpsc::Sender<()>,
    thread: std::thread::JoinHandle<bool>,
}

impl Watchdog {
    /// Also kills it at `deadline` from now, progress or not.
    fn arm(pid: u32, limit: Duration, deadline: Duration, progress: Arc<std::sync::atomic::AtomicU64>) -> Option<Watchdog> {
        let (done, rx) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("vecrun-solver-watchdog".into())
            .spawn(move || {
                let (mut seen, mut since, started) = (progress.load(Ordering::Relaxed), Instant::now(), Instant::now());
                loop {
                    match rx.recv_timeout(Duration::from_millis(50)) {
                        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                            let now = progress.load(Ordering::Relaxed);
                            if now != seen {
                                (seen, since) = (now, Instant::now());
                            }
                            if since.elapsed() >= limit || started.elapsed() >= deadline {
                                tracing::debug!(pid, "the solver ran past its time limit: killing it");
                                kill_pid(pid);
                                return true;
                            }
                        }
                        _ => return false,
                    }
                }
            })
            .ok()?;
        Some(Watchdog { done, thread })
    }
    /// Whether it fired.
    fn disarm(self) -> bool {
        let _ = self.done.send(());
        self.thread.join().unwrap_or(false)
    }
}

impl Session {
    fn start(options: &SolverOptions) -> Result<Session, SolverError> {
        let command = options.command.display().to_string();
        let name = comm_name(&options.command);
        let (ctx, pid) = {
            let _one_at_a_time = STARTING.lock().unwrap_or_else(|e| e.into_inner());
            let before = name.as_deref().map(solver_children).unwrap_or_default();
            let ctx = ContextBuilder::new()
                .solver(options.command.as_os_str())
                .solver_args(options.args.iter())
                .build()
                .map_err(|source| SolverError::Start { command: command.clone(), source })?;
            let new: Vec<u32> =
                name.as_deref().map(solver_children).unwrap_or_default().into_iter().filter(|p| !before.contains(p)).collect();
            (ctx, if new.len() == 1 { Some(new[0]) } else { None })
        };
        let z3_tactic = options.command.file_stem().is_some_and(|n| n.to_string_lossy().starts_with("z3"));
        let mut session = Session { terms: Terms::new(ctx), command, z3_tactic, pid, timeout: options.timeout, overran: false };
        let ms = options.timeout.as_millis().clamp(1, u32::MAX as u128) as u64;
        let ms = session.terms.ctx.numeral(ms);
        // z3's per-query limit; a solver that refuses the option answers an error line, already read.
        let _ = session.terms.ctx.set_option(":timeout", ms);
        Ok(session)
    }

    /// How long one query or one definition may keep the solver busy before the watchdog stops it:
    /// twice the query limit and a second (z3 can spend minutes on a single definition, and does not
    /// always stop a query at its `:timeout`).
    fn limit(&self) -> Duration {
        self.timeout.saturating_mul(2).saturating_add(Duration::from_secs(1))
    }

    /// A watchdog for one query, or for the encoding of a property with `goals` goals (which may
    /// take as long as that many queries, and a second).
    fn watchdog(&self, goals: usize) -> Option<Watchdog> {
        let deadline = self.timeout.saturating_mul(goals.max(1) as u32).saturating_add(Duration::from_secs(1));
        self.pid.and_then(|pid| Watchdog::arm(pid, self.limit(), deadline.max(self.limit()), self.terms.progress.clone()))
    }

    /// Encodes a property, watched: a solver busy with one definition for [`Session::limit`], or with
    /// the whole encoding for as long as the property's goals may take, is killed
    /// (the encoding then fails with an I/O error and `overran` is set).
    fn encode(&mut self, program: &Program, p: &crate::ir::PropertyIr, slots: &[SExpr]) -> Result<encode::PropertyEncoding, EncodeError> {
        let watchdog = self.watchdog(crate::solver::Site::all(p).len());
        let r = encode_property(&mut self.terms, program, p, slots);
        if watchdog.is_some_and(Watchdog::disarm) {
            self.overran = true;
            return Err(EncodeError::Io(std::io::Error::other("the solver was stopped")));
        }
        r
    }

    /// After a property's goals: leaves its scope, or, when the watchdog stopped the solver,
    /// starts a new session with the slots declared again.
    fn end_property(
        &mut self,
        overran: bool,
        options: &SolverOptions,
        program: &Program,
        slots: &mut Vec<SExpr>,
    ) -> Result<(), SolverError> {
        if overran || self.overran {
            *self = Session::start(options)?;
            *slots = self.declare_slots(&program.slots)?;
        } else {
            let r = self.ctx().pop();
            self.io(r)?;
        }
        Ok(())
    }

    fn io<T>(&self, r: std::io::Result<T>) -> Result<T, SolverError> {
        r.map_err(|source| SolverError::Protocol { command: self.command.clone(), source })
    }

    fn ctx(&mut self) -> &mut Context {
        &mut self.terms.ctx
    }

    /// Declares one 32-bit constant per slot and asserts its domain.
    fn declare_slots(&mut self, slots: &[Domain]) -> Result<Vec<SExpr>, SolverError> {
        let mut out = Vec::with_capacity(slots.len());
        for (i, d) in slots.iter().enumerate() {
            let sort = self.terms.bv_sort();
            let r = self.ctx().declare_const(format!("slot{i}"), sort);
            let s = self.io(r)?;
            let member = match d {
                // A 64-bit range constrains the value of both words: stated once, at its high word.
                Domain::WideHi { lo, hi, signed } => {
                    let c = &self.terms.ctx;
                    let v = c.list(vec![c.atom("concat"), s, out[i - 1]]);
                    let k = |x: u64| c.atom(format!("#x{x:016x}"));
                    let (le, ge) = if *signed { ("bvsle", "bvsle") } else { ("bvule", "bvule") };
                    c.and(c.list(vec![c.atom(le), k(*lo), v]), c.list(vec![c.atom(ge), v, k(*hi)]))
                }
                // An `f64` key range: the key of both words' value is in it.
                Domain::F64Hi { lo, hi } => {
                    let c = &self.terms.ctx;
                    let v = c.list(vec![c.atom("concat"), s, out[i - 1]]);
                    let k = |x: u64| c.atom(format!("#x{x:016x}"));
                    let negative = c.eq(c.extract(63, 63, v), c.binary(1, 1));
                    let key = c.ite(negative, c.bvnot(v), c.bvor(v, k(1 << 63)));
                    c.and(c.bvule(k(*lo), key), c.bvule(key, k(*hi)))
                }
                // A 64-bit set: the value of both words is a member.
                Domain::WideSetHi { values, .. } => {
                    let c = &self.terms.ctx;
                    let v = c.list(vec![c.atom("concat"), s, out[i - 1]]);
                    self.terms.any(values.iter().map(|x| c.eq(v, c.atom(format!("#x{x:016x}")))).collect())
                }
                d => domain_term(&self.terms, d, s),
            };
            let r = self.ctx().assert(member);
            self.io(r)?;
            out.push(s);
        }
        Ok(out)
    }

    /// `(get-info :reason-unknown)`, as text.
    fn reason_unknown(&mut self) -> Result<String, SolverError> {
        let ask = {
            let c = self.ctx();
            c.list(vec![c.atom("get-info"), c.atom(":reason-unknown")])
        };
        let r = self.ctx().raw_send(ask);
        self.io(r)?;
        let r = self.ctx().raw_recv();
        let answer = self.io(r)?;
        let c = &self.terms.ctx;
        let text = match c.get_list(answer) {
            Some([_, reason]) => c.get_str(*reason).or_else(|| c.get_atom(*reason)).map(str::to_string),
            _ => None,
        };
        Ok(text.unwrap_or_else(|| c.display(answer).to_string()))
    }

    fn bits(&self, value: SExpr) -> Result<u32, SolverError> {
        let c = &self.terms.ctx;
        let text = c.get_atom(value).unwrap_or("");
        let parsed = if let Some(hex) = text.strip_prefix("#x") {
            u32::from_str_radix(hex, 16).ok()
        } else if let Some(bin) = text.strip_prefix("#b") {
            u32::from_str_radix(bin, 2).ok()
        } else {
            None
        };
        parsed.ok_or_else(|| SolverError::BadValue { command: self.command.clone(), answer: c.display(value).to_string() })
    }

    fn check(&mut self) -> Result<Response, SolverError> {
        if !self.z3_tactic {
            let r = self.ctx().check();
            return self.io(r);
        }
        let ask = {
            let c = self.ctx();
            c.list(vec![c.atom("check-sat-using"), c.atom("default")])
        };
        let r = self.ctx().raw_send(ask);
        self.io(r)?;
        let r = self.ctx().raw_recv();
        let answer = self.io(r)?;
        match self.terms.ctx.get_atom(answer) {
            Some("sat") => Ok(Response::Sat),
            Some("unsat") => Ok(Response::Unsat),
            Some("unknown") => Ok(Response::Unknown),
            _ => Err(SolverError::Protocol {
                command: self.command.clone(),
                source: std::io::Error::other(format!("unexpected answer to check-sat-using: {}", self.terms.ctx.display(answer))),
            }),
        }
    }

    /// Asks whether `cond` can hold (in a pushed scope): the goal's result, without the time.
    fn query(&mut self, cond: SExpr, slots: &[SExpr], inexact: Option<SExpr>) -> Result<GoalResult, SolverError> {
        let r = self.ctx().push();
        self.io(r)?;
        let r = self.ctx().assert(cond);
        self.io(r)?;
        let watchdog = self.watchdog(1);
        let checked = self.check();
        if watchdog.is_some_and(Watchdog::disarm) {
            return Err(SolverError::Overran { command: self.command.clone(), seconds: self.timeout.as_secs_f64() });
        }
        let result = match checked? {
            Response::Unsat => GoalResult::Proven,
            Response::Unknown => GoalResult::Unknown { reason: format!("the solver answered unknown ({})", self.reason_unknown()?) },
            Response::Sat => {
                let mut ask = slots.to_vec();
                ask.extend(inexact);
                let r = self.ctx().get_value(ask);
                let values = self.io(r)?;
                let mut bits = Vec::with_capacity(slots.len());
                for (_, v) in &values[..slots.len().min(values.len())] {
                    bits.push(self.bits(*v)?);
                }
                let inexact = inexact.is_some() && values.last().is_some_and(|(_, v)| self.terms.ctx.get_atom(*v) == Some("true"));
                GoalResult::Refuted { slots: bits, inexact }
            }
        };
        let r = self.ctx().pop();
        self.io(r)?;
        Ok(result)
    }
}

/// "`s` is a member of `d`", exactly as [`Domain::contains`].
fn domain_term(t: &Terms, d: &Domain, s: SExpr) -> SExpr {
    let c = &t.ctx;
    match d {
        Domain::Bool => c.bvule(s, t.bv(1)),
        Domain::U32Range { lo, hi } => c.and(c.bvule(t.bv(*lo), s), c.bvule(s, t.bv(*hi))),
        Domain::I32Range { lo, hi } => c.and(c.bvsle(t.bv(*lo as u32), s), c.bvsle(s, t.bv(*hi as u32))),
        Domain::F32Any => c.true_(),
        Domain::F32Range { lo, hi, hi_inclusive } => {
            let x = t.fp(s);
            let fp_op = |name: &str, a: SExpr, b: SExpr| c.list(vec![c.atom(name), a, b]);
            let lo_ok = fp_op("fp.leq", t.fp(t.bv(lo.to_bits())), x);
            let hi_ok = fp_op(if *hi_inclusive { "fp.leq" } else { "fp.lt" }, x, t.fp(t.bv(hi.to_bits())));
            c.and_many([c.not(t.is_nan_bits(s)), lo_ok, hi_ok])
        }
        Domain::Set { values, .. } => t.any(values.iter().map(|v| c.eq(s, t.bv(*v))).collect()),
        // Constrained with its high word (`declare_slots`).
        Domain::WideLo { .. }
        | Domain::WideHi { .. }
        | Domain::WideSetLo { .. }
        | Domain::WideSetHi { .. }
        | Domain::F64Lo { .. }
        | Domain::F64Hi { .. } => c.true_(),
        Domain::Unused => c.eq(s, t.bv(0)),
    }
}

/// One goal per assert, bounds site and loop site of every property of `program`: properties in
/// program order, and within one, its asserts by id, then its bounds sites, then its loop sites.
pub fn prove(program: &Program, options: &SolverOptions) -> Result<Vec<Goal>, SolverError> {
    let mut session = Session::start(options)?;
    let mut slots = session.declare_slots(&program.slots)?;
    let mut goals = Vec::new();
    for (index, p) in program.properties.iter().enumerate() {
        let sites = Site::all(p);
        let unknown_all = |goals: &mut Vec<Goal>, sites: &[Site], reason: &str| {
            goals.extend(sites.iter().map(|&site| Goal {
                property: index,
                site,
                result: GoalResult::Unknown { reason: reason.to_string() },
                seconds: 0.0,
            }))
        };
        if options.stopped() {
            unknown_all(&mut goals, &sites, "stopped");
            continue;
        }
        let iterations = unrolled_iterations(&p.body);
        if iterations > options.max_unrolled as u128 {
            let reason = format!("not encoded: its loops unroll to {iterations} iterations, more than the limit {}", options.max_unrolled);
            unknown_all(&mut goals, &sites, &reason);
            continue;
        }
        // The property is encoded again, in a new session, after the solver overran a query and was stopped.
        let mut next = 0;
        while next < sites.len() {
            let r = session.ctx().push();
            session.io(r)?;
            session.terms.take_produced_nans();
            let encoding = match session.encode(program, p, &slots) {
                Ok(e) => e,
                Err(EncodeError::NotEncodable(what)) => {
                    unknown_all(&mut goals, &sites[next..], &format!("not encodable: {}", what.0));
                    let r = session.ctx().pop();
                    session.io(r)?;
                    break;
                }
                Err(EncodeError::Io(_)) if session.overran => {
                    let reason = format!(
                        "not encoded: taking this property's definitions kept the solver `{}` busy past the time limit of its {} goals ({} s each), and it was stopped",
                        session.command,
                        sites.len(),
                        options.timeout.as_secs_f64()
                    );
                    unknown_all(&mut goals, &sites[next..], &reason);
                    session.end_property(true, options, program, &mut slots)?;
                    break;
                }
                Err(EncodeError::Io(e)) => return Err(SolverError::Protocol { command: session.command.clone(), source: e }),
            };
            let mut overran = false;
            while let Some(&site) = sites.get(next) {
                next += 1;
                let (result, seconds) = match encoding.goals.get(&site) {
                    // The site is never reached alive with a failing condition (or lowering removed it).
                    None => (GoalResult::Proven, 0.0),
                    Some(_) if options.stopped() => (GoalResult::Unknown { reason: "stopped".into() }, 0.0),
                    Some(&cond) => {
                        let started = Instant::now();
                        match session.query(cond, &slots, encoding.nan_bits_matter) {
                            Ok(result) => (result, started.elapsed().as_secs_f64()),
                            Err(e @ SolverError::Overran { .. }) => {
                                overran = true;
                                (GoalResult::Unknown { reason: e.to_string() }, started.elapsed().as_secs_f64())
                            }
                            Err(e) => return Err(e),
                        }
                    }
                };
                goals.push(Goal { property: index, site, result, seconds });
                if overran {
                    break;
                }
            }
            session.end_property(overran, options, program, &mut slots)?;
        }
    }
    Ok(goals)
}

/// A vector the solver found to reach a [`Target`] of a property (a symbolic edge case).
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeVector {
    pub property: usize,
    pub target: Target,
    /// A full slot vector in the domains.
    pub slots: Vec<u32>,
}

/// The symbolic edge cases: for each property, a vector reaching each branch outcome and each
/// `cover` (at most `max_per_property` per property, each query limited to `options.timeout`;
/// targets no input reaches, or the solver cannot decide, are skipped). Deterministic for a
/// given solver: the queries are the same every time.
pub fn edge_vectors(program: &Program, options: &SolverOptions, max_per_property: usize) -> Result<Vec<EdgeVector>, SolverError> {
    let mut session = Session::start(options)?;
    let mut slots = session.declare_slots(&program.slots)?;
    let mut out = Vec::new();
    for (index, p) in program.properties.iter().enumerate() {
        if options.stopped() || unrolled_iterations(&p.body) > options.max_unrolled as u128 {
            continue;
        }
        let r = session.ctx().push();
        session.io(r)?;
        let encoding = match session.encode(program, p, &slots) {
            Ok(e) => e,
            Err(EncodeError::NotEncodable(_)) => {
                let r = session.ctx().pop();
                session.io(r)?;
                continue;
            }
            Err(EncodeError::Io(_)) if session.overran => {
                session.end_property(true, options, program, &mut slots)?;
                continue;
            }
            Err(EncodeError::Io(e)) => return Err(SolverError::Protocol { command: session.command.clone(), source: e }),
        };
        let mut found = 0usize;
        let mut overran = false;
        for (target, cond) in encoding.targets {
            if found >= max_per_property || options.stopped() {
                break;
            }
            match session.query(cond, &slots, None) {
                Ok(GoalResult::Refuted { slots: bits, .. }) => {
                    out.push(EdgeVector { property: index, target, slots: bits });
                    found += 1;
                }
                Ok(_) => {}
                // Edge cases are a best effort: the rest of this property's targets are skipped.
                Err(SolverError::Overran { .. }) => {
                    overran = true;
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        session.end_property(overran, options, program, &mut slots)?;
    }
    Ok(out)
}

/// [`prove`] on its own thread, returning as soon as `options.stop` is set even in the middle of a
/// query (a query cannot be interrupted through the solver's pipe): then every goal is unknown
/// ("stopped") and the solver process is killed, so it neither outlives the run nor holds its
/// output streams open.
pub fn prove_interruptible(program: &Program, options: &SolverOptions) -> Result<Vec<Goal>, SolverError> {
    let Some(stop) = options.stop.clone() else { return prove(program, options) };
    let (tx, rx) = std::sync::mpsc::channel();
    let (owned, opts) = (program.clone(), options.clone());
    std::thread::Builder::new()
        .name("vecrun-solver".into())
        .spawn(move || {
            let _ = tx.send(prove(&owned, &opts));
        })
        .map_err(|source| SolverError::Start { command: options.command.display().to_string(), source })?;
    loop {
        match rx.recv_timeout(std::time::Duration::from_millis(50)) {
            Ok(result) => return result,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                return Err(SolverError::Protocol {
                    command: options.command.display().to_string(),
                    source: std::io::Error::other("the solver thread stopped without an answer"),
                });
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) if stop.load(std::sync::atomic::Ordering::SeqCst) => {
                kill_solver_processes(&options.command);
                let stopped = |index: usize, site: Site| Goal {
                    property: index,
                    site,
                    result: GoalResult::Unknown { reason: "stopped".into() },
                    seconds: 0.0,
                };
                return Ok(program
                    .properties
                    .iter()
                    .enumerate()
                    .flat_map(|(i, p)| Site::all(p).into_iter().map(move |s| stopped(i, s)))
                    .collect());
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
        }
    }
}

/// Kills this process's children that run `command` (the solver is the only program vecrun
/// starts). Linux only (`/proc/self/task/*/children`); elsewhere the solver ends with its query.
fn kill_solver_processes(command: &std::path::Path) {
    let Some(name) = command.file_name().map(|n| n.to_string_lossy().chars().take(15).collect::<String>()) else { return };
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else { return };
    for task in tasks.flatten() {
        let Ok(children) = std::fs::read_to_string(task.path().join("children")) else { continue };
        for pid in children.split_whitespace() {
            let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            if comm.trim_end() == name {
                tracing::debug!(pid, "killing the solver after a stop request");
                let _ = std::process::Command::new("kill")
                    .args(["-KILL", pid])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .status();
            }
        }
    }
}

/// One operator application with constant operands and `sem`'s result, for checking the encoding.
#[derive(Clone, Debug, PartialEq)]
pub struct OpCase {
    pub operator: Operator,
    /// The operand type (for casts, the type cast from; for `select`, the second argument's).
    pub ty: ScalarType,
    /// Operand bit patterns (`bool` as 0 or 1).
    pub args: Vec<u32>,
    /// `sem`'s result bits.
    pub expected: u32,
    /// `sem`'s result is a NaN produced by arithmetic: only "is a NaN" is expected of the encoding.
    pub expect_nan: bool,
}

/// Indices of the cases whose encoded result can differ from `expected` (for `expect_nan`: can be
/// something other than a NaN); empty when the encoding agrees with `sem` on every case. Batches
/// the cases, one query per batch, and narrows a batch down only when it finds a difference.
pub fn op_mismatches(options: &SolverOptions, cases: &[OpCase]) -> Result<Vec<usize>, SolverError> {
    let mut session = Session::start(options)?;
    let mut bad = Vec::new();
    for (chunk_no, chunk) in cases.chunks(64).enumerate() {
        let r = session.ctx().push();
        session.io(r)?;
        let mut differs = Vec::with_capacity(chunk.len());
        for (k, case) in chunk.iter().enumerate() {
            let args: Vec<SExpr> = case
                .args
                .iter()
                .enumerate()
                .map(|(i, &a)| if case.operator.arg_is_bool(case.ty, i) { session.terms.boolean(a != 0) } else { session.terms.bv(a) })
                .collect();
            let result = match session.terms.apply(case.operator, case.ty, &args) {
                Ok(r) => r,
                Err(EncodeError::Io(e)) => return Err(SolverError::Protocol { command: session.command.clone(), source: e }),
                Err(EncodeError::NotEncodable(_)) => {
                    bad.push(chunk_no * 64 + k);
                    continue;
                }
            };
            let c = &session.terms.ctx;
            let d = if case.operator.result_type(case.ty) == Some(ScalarType::Bool) {
                c.not(c.eq(result, session.terms.boolean(case.expected != 0)))
            } else if case.expect_nan {
                c.not(session.terms.is_nan_bits(result))
            } else {
                c.not(c.eq(result, session.terms.bv(case.expected)))
            };
            differs.push((chunk_no * 64 + k, d));
        }
        if !differs.is_empty() {
            let any = session.terms.any(differs.iter().map(|(_, d)| *d).collect());
            if session.query(any, &[], None)? != GoalResult::Proven {
                for (i, d) in differs {
                    if session.query(d, &[], None)? != GoalResult::Proven {
                        bad.push(i);
                    }
                }
            }
        }
        let r = session.ctx().pop();
        session.io(r)?;
    }
    bad.sort_unstable();
    Ok(bad)
}

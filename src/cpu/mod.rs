//! The multi-core CPU backend: the IR compiled to a register program ([`program`]), evaluated
//! over chunks of lanes on every core with rayon. Same verdicts as the GPU, vector for vector.

pub mod jit;
pub mod kernels;
pub mod program;

use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::impls::{Bindings, Caller};
use crate::ir;
use crate::run::{Backend, BackendError, Generator, Phase, PropertyStats, RangeStats};
pub use program::{CpuProperty, Scratch};

/// Lanes per chunk: one pass of every instruction covers this many vectors.
pub const LANES: usize = 512;
/// Lanes per chunk when every property runs as native code: larger chunks spread the per-chunk
/// costs of generation and dispatch (measured on `examples/peers.rs`: 128 lanes 0.76x the
/// throughput of 512 on `midpoint`, 2048 1.19x, 8192 no better; BENCHMARKS.md), while the slot
/// columns of a chunk stay in the L2 cache.
pub const COMPILED_LANES: usize = 2048;
/// Lanes per chunk when the program calls implementations: each extern call site makes one call
/// per chunk, so larger chunks spread an implementation's per-call cost (a pipe round trip for a
/// process) over more vectors.
pub const IMPL_LANES: usize = 8192;
/// Chunks per parallel task.
const CHUNKS_PER_TASK: u64 = 32;

/// Per-worker buffers: generated slots, the register file, and the worker's implementations.
pub struct Worker {
    slots: Vec<Vec<u32>>,
    scratch: Scratch,
    caller: Option<Caller>,
    /// The lanes of a chunk whose outcome is not a pass (the tally's list).
    noted: Vec<u32>,
}

impl Worker {
    fn new(slot_count: usize, lanes: usize, bindings: Option<&Arc<Bindings>>) -> Worker {
        Worker {
            slots: vec![vec![0; lanes]; slot_count],
            scratch: Scratch::new(lanes),
            caller: bindings.map(|b| b.caller()),
            noted: vec![0; lanes],
        }
    }
}

/// How the CPU backend evaluates a property.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum CpuEngine {
    /// The register program over chunks of lanes ([`program`]): every property.
    Interpreter,
    /// Native lane code ([`jit`]) for every property that compiles (all but those that call an
    /// `extern fn`); the interpreter for the others.
    #[default]
    Compiled,
}

/// The CPU backend for one program and generator. Cloning shares the compiled program and the pool.
#[derive(Clone)]
pub struct CpuBackend {
    program: ir::Program,
    properties: Arc<[CpuProperty]>,
    /// Native code per property, where [`CpuEngine::Compiled`] compiled it.
    compiled: Arc<[Option<jit::CompiledProperty>]>,
    generator: Generator,
    pool: Arc<rayon::ThreadPool>,
    threads: usize,
    /// The implementations of the program's extern fns, when it calls any.
    bindings: Option<Arc<Bindings>>,
    /// Lanes per chunk: [`LANES`], or [`IMPL_LANES`] with implementations.
    lanes: usize,
}

/// The process's CPU thread pools, one per thread count asked for (in practice one: every CPU
/// backend of a run, the shrinker's, replay's and the GPU's reference share it).
static POOLS: Mutex<Vec<(usize, Arc<rayon::ThreadPool>)>> = Mutex::new(Vec::new());

/// The shared pool of `threads` workers (`0`: one per core).
pub fn shared_pool(threads: usize) -> Result<Arc<rayon::ThreadPool>, BackendError> {
    let mut pools = POOLS.lock().map_err(|_| BackendError::Device("the CPU thread pool registry is poisoned".into()))?;
    if let Some((_, p)) = pools.iter().find(|(n, _)| *n == threads) {
        return Ok(p.clone());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("vecrun-cpu-{i}"))
        .build()
        .map_err(|e| BackendError::Device(format!("cannot start CPU threads: {e}")))?;
    let pool = Arc::new(pool);
    pools.push((threads, pool.clone()));
    Ok(pool)
}

impl CpuBackend {
    /// Compiles `program`; `threads == 0` means one per core. The thread pool is the process's
    /// shared one for that count.
    pub fn new(program: &ir::Program, generator: Generator, threads: usize) -> Result<CpuBackend, BackendError> {
        let pool = shared_pool(threads)?;
        let threads = pool.current_num_threads();
        Ok(CpuBackend {
            properties: program.properties.iter().map(CpuProperty::compile).collect(),
            compiled: program.properties.iter().map(|_| None).collect(),
            program: program.clone(),
            generator,
            pool,
            threads,
            bindings: None,
            lanes: LANES,
        })
    }

    /// The same backend calling `bindings` for the program's extern fns.
    pub fn with_bindings(mut self, bindings: Arc<Bindings>) -> CpuBackend {
        self.bindings = Some(bindings);
        self.lanes = IMPL_LANES;
        self
    }

    /// The same backend evaluating with `engine`. [`CpuEngine::Compiled`] compiles every property
    /// it can (a few milliseconds each); one that cannot be compiled stays on the interpreter, with
    /// the reason logged.
    pub fn with_engine(mut self, engine: CpuEngine) -> CpuBackend {
        self.compiled = match engine {
            CpuEngine::Interpreter => self.program.properties.iter().map(|_| None).collect(),
            CpuEngine::Compiled => self
                .program
                .properties
                .iter()
                .map(|p| match jit::CompiledProperty::compile(p) {
                    Ok(c) => {
                        tracing::info!(property = %p.name, compile_ms = c.compile_time.as_secs_f64() * 1e3, "compiled to native lane code");
                        Some(c)
                    }
                    Err(e) => {
                        tracing::info!(property = %p.name, "interpreted: {e}");
                        None
                    }
                })
                .collect(),
        };
        if self.bindings.is_none() {
            self.lanes = if self.compiled.iter().all(Option::is_some) { COMPILED_LANES } else { LANES };
        }
        self
    }

    /// How many properties run as native code, and the total time spent compiling them.
    pub fn compiled(&self) -> (usize, std::time::Duration) {
        let done = self.compiled.iter().flatten();
        (done.clone().count(), done.map(|c| c.compile_time).sum())
    }

    /// Evaluates property `p` on the worker's first `n` lanes of `slots`.
    fn eval_property(
        &self,
        p: usize,
        scratch: &mut Scratch,
        caller: Option<&mut Caller>,
        slots: &[&[u32]],
        n: usize,
    ) -> Result<(), crate::impls::ImplError> {
        match &self.compiled[p] {
            Some(c) => {
                c.eval(scratch, slots, n);
                Ok(())
            }
            None => self.properties[p].eval_with(scratch, slots, n, caller),
        }
    }

    /// Worker threads.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// The implementations this backend calls, if any.
    pub fn bindings(&self) -> Option<&Arc<Bindings>> {
        self.bindings.as_ref()
    }

    /// Another backend for the same compiled program with another generator (another seed), on
    /// the same pool: no recompilation.
    pub fn with_generator(&self, generator: Generator) -> CpuBackend {
        CpuBackend {
            program: self.program.clone(),
            properties: self.properties.clone(),
            compiled: self.compiled.clone(),
            generator,
            pool: self.pool.clone(),
            threads: self.threads,
            bindings: self.bindings.clone(),
            lanes: self.lanes,
        }
    }

    pub fn generator(&self) -> &Generator {
        &self.generator
    }

    /// Evaluates explicit vectors (`vectors[i]` = slot values), returning each property's outcome per vector.
    /// Used by replay, datasets, shrinking and GPU re-verification; large batches use every thread
    /// (chunks are evaluated independently and concatenated in order). An implementation that
    /// breaks the protocol makes its property's outcomes [`ir::Outcome::Invalid`] (never a pass);
    /// [`CpuBackend::try_eval_vectors`] returns the error instead.
    pub fn eval_vectors(&self, vectors: &[Vec<u32>]) -> Vec<Vec<u32>> {
        self.try_eval_vectors(vectors).unwrap_or_else(|_| {
            let invalid = ir::Outcome::Invalid(u32::MAX).encode();
            vec![vec![invalid; vectors.len()]; self.properties.len()]
        })
    }

    /// [`CpuBackend::eval_vectors`], with an implementation's protocol error as an error.
    pub fn try_eval_vectors(&self, vectors: &[Vec<u32>]) -> Result<Vec<Vec<u32>>, crate::impls::ImplError> {
        if vectors.len() <= self.lanes * 2 || self.threads == 1 {
            return self.eval_chunk(vectors);
        }
        let per_task = self.lanes * 8;
        let parts: Vec<Result<Vec<Vec<u32>>, _>> = self.pool.install(|| vectors.par_chunks(per_task).map(|c| self.eval_chunk(c)).collect());
        let mut out = vec![Vec::with_capacity(vectors.len()); self.properties.len()];
        for part in parts {
            for (o, p) in out.iter_mut().zip(part?) {
                o.extend_from_slice(&p);
            }
        }
        Ok(out)
    }

    fn eval_chunk(&self, vectors: &[Vec<u32>]) -> Result<Vec<Vec<u32>>, crate::impls::ImplError> {
        let mut out = vec![Vec::with_capacity(vectors.len()); self.properties.len()];
        let mut worker = Worker::new(self.generator.slots, self.lanes, self.bindings.as_ref());
        for chunk in vectors.chunks(self.lanes) {
            for (s, col) in worker.slots.iter_mut().enumerate() {
                for (l, v) in chunk.iter().enumerate() {
                    col[l] = v.get(s).copied().unwrap_or(0);
                }
            }
            let cols: Vec<&[u32]> = worker.slots.iter().map(|c| &c[..]).collect();
            for (p, o) in out.iter_mut().enumerate() {
                self.eval_property(p, &mut worker.scratch, worker.caller.as_mut(), &cols, chunk.len())?;
                o.extend_from_slice(&worker.scratch.status[..chunk.len()]);
            }
        }
        Ok(out)
    }

    /// Evaluates one vector on one property, recording every extern call: the outcome, and what
    /// the implementations returned at each call site (in call order). Used to re-run
    /// counterexamples before they are reported, and to store what the implementation returned.
    pub fn trace(&self, property: usize, slots: &[u32]) -> Result<(u32, Vec<crate::impls::TracedCall>), crate::impls::ImplError> {
        let mut worker = Worker::new(self.generator.slots, 1, self.bindings.as_ref());
        for (s, col) in worker.slots.iter_mut().enumerate() {
            col[0] = slots.get(s).copied().unwrap_or(0);
        }
        if let Some(c) = worker.caller.as_mut() {
            c.start_trace();
        }
        let cols: Vec<&[u32]> = worker.slots.iter().map(|c| &c[..]).collect();
        self.eval_property(property, &mut worker.scratch, worker.caller.as_mut(), &cols, 1)?;
        let code = worker.scratch.status[0];
        let calls = worker.caller.as_mut().map(|c| c.take_trace()).unwrap_or_default();
        Ok((code, calls))
    }

    fn run_task(&self, worker: &mut Worker, phase: Phase, start: u64, end: u64, cap: usize) -> Result<RangeStats, crate::impls::ImplError> {
        let mut stats: Vec<PropertyStats> = self.program.properties.iter().map(PropertyStats::new).collect();
        let mut base = start;
        while base < end {
            let n = (end - base).min(self.lanes as u64) as usize;
            self.generator.decode_batch(phase, base, n, &mut worker.slots);
            let cols: Vec<&[u32]> = worker.slots.iter().map(|c| &c[..n]).collect();
            for (p, prop) in self.properties.iter().enumerate() {
                self.eval_property(p, &mut worker.scratch, worker.caller.as_mut(), &cols, n)?;
                let st = &mut stats[p];
                let status = &worker.scratch.status[..n];
                tally(st, status, &mut worker.noted, phase, base, cap);
                for (c, hits) in worker.scratch.cover_hits.iter().take(prop.covers as usize).enumerate() {
                    // `&`, not `&&`: no branch, so the loop vectorises.
                    let h: u32 = hits[..n]
                        .iter()
                        .zip(status)
                        .map(|(&hit, &code)| ((hit != 0) & ((code & 0xF000_0000) != ir::OUTCOME_DISCARD)) as u32)
                        .sum();
                    st.cover_hits[c] += h as u64;
                }
            }
            base += n as u64;
        }
        Ok(stats)
    }
}

/// Records the outcomes `status` of the vectors `base ..` in `st`, as [`PropertyStats::record`] would one by one,
/// without a branch per lane (a spec whose vectors fail at random would mispredict one in two): passes are only
/// counted; once the failure list is full, the other outcomes are counted per assert and assume site, one
/// vectorised pass each; otherwise the lanes that did not pass are listed (`noted`) and recorded in lane order.
fn tally(st: &mut PropertyStats, status: &[u32], noted: &mut [u32], phase: Phase, base: u64, cap: usize) {
    let n = status.len();
    let count = |code: u32| status.iter().map(|&c| (c == code) as u32).sum::<u32>() as u64;
    let passed = count(ir::OUTCOME_PASS);
    st.record_many(ir::OUTCOME_PASS, passed);
    let others = n as u64 - passed;
    if others == 0 {
        return;
    }
    let sites = st.fails_by_assert.len() + st.discards_by_assume.len();
    if st.failures.len() >= cap && sites <= 16 {
        let codes = (0..st.fails_by_assert.len() as u32)
            .map(|a| ir::OUTCOME_FAIL | a)
            .chain((0..st.discards_by_assume.len() as u32).map(|a| ir::OUTCOME_DISCARD | a));
        let counts: Vec<(u32, u64)> = codes.map(|code| (code, count(code))).filter(|&(_, k)| k > 0).collect();
        if counts.iter().map(|&(_, k)| k).sum::<u64>() == others {
            for (code, k) in counts {
                st.record_many(code, k);
            }
            return;
        }
        // Out-of-bounds or loop-bound outcomes: lane by lane below.
    }
    let mut k = 0;
    for (l, &code) in status.iter().enumerate() {
        noted[k] = l as u32;
        k += (code != ir::OUTCOME_PASS) as usize;
    }
    debug_assert_eq!(k as u64, others);
    for &l in &noted[..k] {
        st.record(phase, base + l as u64, status[l as usize], cap);
    }
}

impl Backend for CpuBackend {
    fn name(&self) -> &'static str {
        "cpu"
    }
    fn adapter(&self) -> String {
        let threads = format!("{} thread{}", self.threads, if self.threads == 1 { "" } else { "s" });
        // Deterministic text (it names the engine in summaries and notes); the compile time is
        // logged by `with_engine`.
        match self.compiled().0 {
            0 => format!("cpu ({threads})"),
            n if n == self.properties.len() => format!("cpu ({threads}, native code)"),
            n => format!("cpu ({threads}, native code for {n} of {} properties)", self.properties.len()),
        }
    }
    fn batch_size(&self) -> u64 {
        (self.lanes as u64) * CHUNKS_PER_TASK * (self.threads as u64) * 16
    }
    fn eval_vectors(&mut self, vectors: &[Vec<u32>]) -> Result<Vec<Vec<u32>>, BackendError> {
        Ok(CpuBackend::try_eval_vectors(self, vectors)?)
    }
    fn granule(&self) -> u64 {
        self.lanes as u64 * self.threads as u64
    }
    fn run_range(&mut self, phase: Phase, start: u64, end: u64, cap: usize) -> Result<RangeStats, BackendError> {
        // Tasks of whole chunks, small enough that every thread gets work from a small range
        // (results are merged in index order, so the split does not change them).
        let lanes = self.lanes as u64;
        let per_thread = (end - start).div_ceil(self.threads as u64 * 2).div_ceil(lanes) * lanes;
        let task = per_thread.clamp(lanes, lanes * CHUNKS_PER_TASK);
        let tasks = (end - start).div_ceil(task);
        let slots = self.generator.slots;
        let this = &*self;
        let parts: Vec<Result<RangeStats, _>> = this.pool.install(|| {
            (0..tasks)
                .into_par_iter()
                .map_init(
                    || Worker::new(slots, this.lanes, this.bindings.as_ref()),
                    |w, t| {
                        let s = start + t * task;
                        let e = end.min(s + task);
                        this.run_task(w, phase, s, e, cap)
                    },
                )
                .collect()
        });
        // Merge in index order: the result does not depend on the thread count.
        let mut total: Vec<PropertyStats> = self.program.properties.iter().map(PropertyStats::new).collect();
        for part in parts {
            for (t, p) in total.iter_mut().zip(&part?) {
                t.merge(p, cap);
            }
        }
        Ok(total)
    }
}

//! Choosing the engine of a run: the one place that turns `--backend`, `--adapter`,
//! `--allow-software-gpu` and `--cross-check` into a [`Backend`] (the CPU, one GPU, or every GPU),
//! falling back to the CPU under `auto`. Used by `vecrun run`, `vecrun run --index` and `vecrun equiv`
//! (which selects one backend per compared function on devices it opens once, [`OpenDevices`]).

use std::sync::Arc;

use super::{Backend, BackendError, Generator};
use crate::cpu::{CpuBackend, CpuEngine};
use crate::gpu;
use crate::ir::Program;

/// Which engine evaluates the vectors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum BackendChoice {
    /// A GPU when one is usable, else the CPU.
    Auto,
    Cpu,
    Gpu,
}

/// Everything that decides the backend.
#[derive(Clone, Debug)]
pub struct BackendRequest {
    pub choice: BackendChoice,
    /// `--adapter` (repeatable): the GPUs to use, by name or index; empty: every hardware GPU.
    pub adapters: Vec<String>,
    /// Whether `gpu` may use a software adapter (lavapipe, SwiftShader).
    pub allow_software: bool,
    /// Fraction of GPU ranges re-run on the CPU and compared (`--cross-check`).
    pub cross_check: f64,
    /// CPU worker threads (0: one per core).
    pub threads: usize,
    /// How the CPU evaluates properties (`--cpu-engine`).
    pub cpu_engine: CpuEngine,
}

/// Why no backend could be chosen.
#[derive(Debug, thiserror::Error)]
pub enum SelectError {
    /// `--backend gpu` and no adapter could be opened.
    #[error("{}", software_hint(.0, *.1))]
    NoGpu(Arc<gpu::GpuError>, bool),
    #[error(transparent)]
    Backend(#[from] BackendError),
    #[error(transparent)]
    Gpu(#[from] gpu::GpuError),
}

/// The error for `--backend gpu` when only a software adapter exists, with the way out.
fn software_hint(e: &gpu::GpuError, allow_software: bool) -> String {
    if allow_software || !e.to_string().contains("software adapter") {
        e.to_string()
    } else {
        format!("{e}; --backend gpu refuses a software adapter: pass --allow-software-gpu (or VECRUN_ALLOW_SOFTWARE_GPU=1) to use it")
    }
}

/// Something worth telling the user about the choice (a fallback, the device chosen).
#[derive(Clone, Debug, PartialEq)]
pub enum BackendNote {
    /// `auto` found no usable GPU.
    NoGpu { reason: String, cpu: String },
    /// `auto` found a GPU that cannot run this program.
    GpuCannotRun { reason: String, cpu: String },
    /// The GPU backend runs, on these adapters.
    UsingGpu { adapter: String },
}

impl std::fmt::Display for BackendNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BackendNote::NoGpu { reason, cpu } => write!(f, "no usable GPU ({reason}); using the CPU backend ({cpu})"),
            BackendNote::GpuCannotRun { reason, cpu } => {
                write!(f, "the GPU backend cannot run this spec ({reason}); using the CPU backend ({cpu})")
            }
            BackendNote::UsingGpu { adapter } => write!(f, "using the GPU backend ({adapter})"),
        }
    }
}

/// GPU devices opened by the first [`select_on`] that needs them and reused by every later one
/// with the same adapters (so a command that selects many backends, `vecrun equiv` one per
/// function, opens each device and runs its float probe once). A failure to open is kept too.
#[derive(Default)]
pub struct OpenDevices {
    /// The adapters asked for and `hardware_only`, of what `opened` holds.
    key: (Vec<String>, bool),
    opened: Option<Result<Vec<gpu::GpuDevice>, Arc<gpu::GpuError>>>,
}

impl OpenDevices {
    /// The devices of `adapters` (every hardware GPU when empty), opened on the first call.
    fn get(&mut self, adapters: &[String], hardware_only: bool) -> Result<Vec<gpu::GpuDevice>, Arc<gpu::GpuError>> {
        let key = (adapters.to_vec(), hardware_only);
        if self.key != key {
            self.opened = None;
            self.key = key;
        }
        self.opened.get_or_insert_with(|| gpu::open_devices(adapters, hardware_only).map_err(Arc::new)).clone()
    }
}

/// Builds the backend `request` asks for over `program`; `cpu` is the compiled CPU backend (the
/// engine itself for `cpu`, the fallback for `auto`, and the reference every GPU verifies against).
pub fn select(
    request: &BackendRequest,
    program: &Program,
    cpu: &CpuBackend,
    notes: &mut dyn FnMut(BackendNote),
) -> Result<Box<dyn Backend>, SelectError> {
    select_on(&mut OpenDevices::default(), request, program, cpu, notes)
}

/// [`select`] on devices opened once for several selections.
pub fn select_on(
    devices: &mut OpenDevices,
    request: &BackendRequest,
    program: &Program,
    cpu: &CpuBackend,
    notes: &mut dyn FnMut(BackendNote),
) -> Result<Box<dyn Backend>, SelectError> {
    if request.choice == BackendChoice::Cpu {
        return Ok(Box::new(cpu.clone()));
    }
    let auto = request.choice == BackendChoice::Auto;
    // `auto` takes only a hardware GPU unless an adapter is named; `gpu` refuses a software one
    // unless allowed. Every adapter chosen (every hardware GPU, or each named one) gets a device;
    // each index range is split between them.
    let hardware_only = if auto { request.adapters.is_empty() } else { !request.allow_software };
    let devices = match devices.get(&request.adapters, hardware_only) {
        Ok(d) => d,
        Err(e) if auto => {
            notes(BackendNote::NoGpu { reason: e.to_string(), cpu: cpu.adapter() });
            return Ok(Box::new(cpu.clone()));
        }
        Err(e) => return Err(SelectError::NoGpu(e, request.allow_software)),
    };
    let mut members = Vec::with_capacity(devices.len());
    for dev in devices {
        match gpu::GpuBackend::new(dev, program, cpu.generator().clone(), cpu.clone()) {
            Ok(mut g) => {
                g.set_cross_check(request.cross_check);
                members.push(g);
            }
            Err(e) if auto => {
                notes(BackendNote::GpuCannotRun { reason: e.to_string(), cpu: cpu.adapter() });
                return Ok(Box::new(cpu.clone()));
            }
            Err(e) => return Err(e.into()),
        }
    }
    let backend: Box<dyn Backend> =
        if members.len() == 1 { Box::new(members.remove(0)) } else { Box::new(gpu::MultiGpuBackend::new(members)?) };
    notes(BackendNote::UsingGpu { adapter: backend.adapter() });
    Ok(backend)
}

/// [`select`] for a program of several input spaces: one backend per group of `space` (on devices
/// opened once), `cpus[g]` the CPU backend of group `g`'s program, behind a
/// [`super::grouped::GroupedBackend`]; each note is given once. A program of one space gets
/// [`select`]'s backend itself.
pub fn select_space(
    request: &BackendRequest,
    program: &Program,
    space: &super::Space,
    plan: &super::PhasePlan,
    cpu: &CpuBackend,
    cpus: &[CpuBackend],
    notes: &mut dyn FnMut(BackendNote),
) -> Result<Box<dyn Backend>, SelectError> {
    if space.is_single() {
        return select(request, program, cpu, notes);
    }
    let mut devices = OpenDevices::default();
    let mut seen: Vec<BackendNote> = Vec::new();
    let mut parts = Vec::with_capacity(space.groups.len());
    for (g, c) in space.groups.iter().zip(cpus) {
        parts.push(select_on(&mut devices, request, &g.program, c, &mut |n| {
            if !seen.contains(&n) {
                seen.push(n.clone());
                notes(n);
            }
        })?);
    }
    let members = space.groups.iter().map(|g| g.properties.clone()).collect();
    Ok(Box::new(super::grouped::GroupedBackend::new(program, plan.clone(), parts, members)))
}

/// A CPU backend for `program` and `generator` on the process's shared pool, evaluating with `engine`.
pub fn cpu(program: &Program, generator: &Generator, threads: usize, engine: CpuEngine) -> Result<CpuBackend, BackendError> {
    Ok(CpuBackend::new(program, generator.clone(), threads)?.with_engine(engine))
}

//! The wgpu runtime: adapter selection, the pipeline built once per run, dispatches of millions
//! of vectors, readback, and the checks that keep a wrong device from giving a wrong verdict: every
//! dispatched vector counted on the device, every listed counterexample re-verified on the CPU, a
//! dispatch whose failure list overflowed (or listed a wrong failure) recounted on the CPU, and the
//! properties this device cannot evaluate exactly ([`super::probe`], llvmpipe's loop limit) run on
//! the CPU. Never builds shader text: it receives it from [`super::emit`].

use std::sync::{Arc, OnceLock, mpsc};

use bytemuck::{Pod, Zeroable};

use super::emit::{self, MODE_EVAL, MODE_EXHAUSTIVE, MODE_EXPLICIT, MODE_RANDOM, ShaderLayout, WORKGROUP_SIZE};
use super::probe::{FloatExactness, float_ops_used};
use crate::cpu::CpuBackend;
use crate::r#gen::domain::domain_size;
use crate::ir::Program;
use crate::run::{Backend, BackendError, Divergence, Failure, Generator, Phase, PropertyStats, RangeStats};

/// Failing vectors a dispatch records per property before only counting.
pub const FAIL_CAP_PER_DISPATCH: u32 = 1024;
/// Explicit (edge-phase) vectors per dispatch unless the device limits ask for fewer: their
/// inputs are uploaded, so this sizes the input buffer.
pub const DEFAULT_DISPATCH: u32 = 1 << 22;
/// Vectors of the first dispatch; later ones double until one takes [`DISPATCH_TARGET`].
pub const START_DISPATCH: u32 = 1 << 14;
/// The most vectors of one random or exhaustive dispatch (their inputs are generated on the
/// device, so no buffer bounds them), before the device's workgroup limits.
pub const MAX_DISPATCH: u32 = 1 << 28;
/// The dispatch size doubles while a full dispatch, timed from its submission to its read-back
/// being mapped (with the next dispatch already queued behind it), takes less than this: so it
/// settles where one dispatch takes about 25-50 ms, long enough that submit and read-back latency
/// are a small part of it, short enough that the session's time budget and progress stay fine-grained.
pub const DISPATCH_TARGET: std::time::Duration = std::time::Duration::from_millis(25);

/// Why the GPU could not be used.
#[derive(Debug, thiserror::Error)]
pub enum GpuError {
    #[error("no GPU adapter found{0}")]
    NoAdapter(String),
    #[error("no adapter matches `{0}` (available: {1})")]
    NoMatch(String, String),
    #[error("cannot open the GPU device: {0}")]
    Device(String),
    #[error("the generated shader was rejected: {0}")]
    Shader(String),
    /// naga rejected the WGSL before the driver saw it.
    #[error("the generated shader was rejected: {0}")]
    Wgsl(#[from] WgslError),
    /// The float probe of a device failed (once per device; every later call gets the same error).
    #[error("cannot open the GPU device: {0}")]
    Probe(Arc<GpuError>),
    #[error("{0}")]
    Emit(#[from] emit::EmitError),
    #[error("GPU dispatch failed: {0}")]
    Dispatch(String),
    #[error("the spec exceeds a device limit: {0}")]
    Limit(String),
}

/// An adapter as `vecrun devices` lists it.
#[derive(Clone, Debug)]
pub struct AdapterDesc {
    pub name: String,
    pub backend: String,
    pub device_type: String,
    pub driver: String,
}

impl AdapterDesc {
    fn of(info: &wgpu::AdapterInfo) -> AdapterDesc {
        AdapterDesc {
            name: info.name.clone(),
            backend: format!("{:?}", info.backend),
            device_type: format!("{:?}", info.device_type),
            driver: format!("{} {}", info.driver, info.driver_info).trim().to_string(),
        }
    }
    /// Whether it is a real GPU (not a software rasterizer such as llvmpipe).
    pub fn is_hardware(&self) -> bool {
        self.device_type != "Cpu"
    }
}

fn instance() -> wgpu::Instance {
    wgpu::Instance::new(wgpu::InstanceDescriptor::new_without_display_handle_from_env())
}

/// Every adapter wgpu can see.
pub fn list_adapters() -> Vec<AdapterDesc> {
    let inst = instance();
    pollster::block_on(inst.enumerate_adapters(wgpu::Backends::all())).iter().map(|a| AdapterDesc::of(&a.get_info())).collect()
}

/// An open device (cheap to clone: wgpu handles are shared).
#[derive(Clone)]
pub struct GpuDevice {
    pub adapter: AdapterDesc,
    device: wgpu::Device,
    queue: wgpu::Queue,
    limits: wgpu::Limits,
    /// Which native float operations compute what docs/semantics.md says (probed on first use).
    float_exactness: Arc<OnceLock<Result<FloatExactness, Arc<GpuError>>>>,
}

/// Opens an adapter: the first whose name contains `filter` (case-insensitive), else the best one
/// (hardware before software). With `hardware_only`, a software adapter is refused.
pub fn open_device(filter: Option<&str>, hardware_only: bool) -> Result<GpuDevice, GpuError> {
    let adapters = compute_adapters();
    if adapters.is_empty() {
        return Err(GpuError::NoAdapter(
            " (install a Vulkan driver; on Debian `apt-get install mesa-vulkan-drivers` gives a software one)".into(),
        ));
    }
    let chosen = match filter {
        Some(f) => {
            let needle = f.to_lowercase();
            let found = adapters.iter().find(|a| a.get_info().name.to_lowercase().contains(&needle));
            match found {
                Some(a) => a.clone(),
                None => {
                    let names: Vec<String> = adapters.iter().map(|a| a.get_info().name).collect();
                    return Err(GpuError::NoMatch(f.to_string(), names.join(", ")));
                }
            }
        }
        None => adapters[0].clone(),
    };
    if hardware_only && !AdapterDesc::of(&chosen.get_info()).is_hardware() {
        return Err(GpuError::NoAdapter(format!(" (only the software adapter `{}`)", chosen.get_info().name)));
    }
    open_adapter(chosen)
}

/// The adapters that can run compute shaders, best first (hardware before software, Vulkan first),
/// each physical device once (the same GPU may be listed by several wgpu backends).
fn compute_adapters() -> Vec<wgpu::Adapter> {
    let inst = instance();
    let mut adapters = pollster::block_on(inst.enumerate_adapters(wgpu::Backends::all()));
    adapters.retain(|a| a.get_downlevel_capabilities().flags.contains(wgpu::DownlevelFlags::COMPUTE_SHADERS));
    let rank = |a: &wgpu::Adapter| match a.get_info().device_type {
        wgpu::DeviceType::DiscreteGpu => 0,
        wgpu::DeviceType::IntegratedGpu => 1,
        wgpu::DeviceType::VirtualGpu => 2,
        wgpu::DeviceType::Other => 3,
        wgpu::DeviceType::Cpu => 4,
    };
    adapters.sort_by_key(|a| (rank(a), a.get_info().backend != wgpu::Backend::Vulkan));
    let keep = primary_views(&adapters.iter().map(|a| a.get_info().backend).collect::<Vec<_>>());
    let mut keep = keep.into_iter();
    adapters.retain(|_| keep.next().unwrap_or(true));
    let mut seen = std::collections::HashSet::new();
    adapters.retain(|a| {
        let i = a.get_info();
        seen.insert((i.vendor, i.device, i.name, format!("{:?}", i.device_type)))
    });
    adapters
}

/// Which of the adapters (by backend) to keep: OpenGL is wgpu's secondary backend, a second view
/// of a GPU that Vulkan, Metal or DX12 also lists (the NVIDIA driver shows one H200 as `NVIDIA
/// H200` through Vulkan and `NVIDIA H200/PCIe/SSE2` through GL, with no vendor or device id in
/// common), so a GL adapter is kept only when no other backend found one.
fn primary_views(backends: &[wgpu::Backend]) -> Vec<bool> {
    let any_primary = backends.iter().any(|b| *b != wgpu::Backend::Gl);
    backends.iter().map(|b| !any_primary || *b != wgpu::Backend::Gl).collect()
}

/// The adapters `--backend gpu` runs on. With no filter: every hardware adapter, each once, or the
/// best software one when there is no hardware one and `hardware_only` is false. With filters: per
/// filter, the first adapter whose name contains it (case-insensitive) that no earlier filter took,
/// else the first one it matches again (so `--adapter llvmpipe --adapter llvmpipe` opens two devices
/// on one adapter). With `hardware_only`, a software adapter is refused.
fn choose_adapters(filters: &[String], hardware_only: bool) -> Result<Vec<wgpu::Adapter>, GpuError> {
    let adapters = compute_adapters();
    if adapters.is_empty() {
        return Err(GpuError::NoAdapter(
            " (install a Vulkan driver; on Debian `apt-get install mesa-vulkan-drivers` gives a software one)".into(),
        ));
    }
    let hardware = |a: &wgpu::Adapter| AdapterDesc::of(&a.get_info()).is_hardware();
    let chosen: Vec<wgpu::Adapter> = if filters.is_empty() {
        let hw: Vec<wgpu::Adapter> = adapters.iter().filter(|a| hardware(a)).cloned().collect();
        if hw.is_empty() { vec![adapters[0].clone()] } else { hw }
    } else {
        let mut taken: Vec<usize> = Vec::new();
        for f in filters {
            let needle = f.to_lowercase();
            let matches: Vec<usize> =
                (0..adapters.len()).filter(|&i| adapters[i].get_info().name.to_lowercase().contains(&needle)).collect();
            let Some(&first) = matches.first() else {
                let names: Vec<String> = adapters.iter().map(|a| a.get_info().name).collect();
                return Err(GpuError::NoMatch(f.to_string(), names.join(", ")));
            };
            taken.push(matches.iter().copied().find(|i| !taken.contains(i)).unwrap_or(first));
        }
        taken.into_iter().map(|i| adapters[i].clone()).collect()
    };
    if hardware_only && let Some(soft) = chosen.iter().find(|a| !hardware(a)) {
        return Err(GpuError::NoAdapter(format!(" (only the software adapter `{}`)", soft.get_info().name)));
    }
    Ok(chosen)
}

/// The adapters [`open_devices`] would open, without opening them (what `vecrun devices` shows).
pub fn planned_adapters(filters: &[String], hardware_only: bool) -> Result<Vec<AdapterDesc>, GpuError> {
    Ok(choose_adapters(filters, hardware_only)?.iter().map(|a| AdapterDesc::of(&a.get_info())).collect())
}

/// Opens one device per adapter [`choose_adapters`] picks: every hardware GPU of the machine, or
/// those the filters name (`--adapter`, repeatable).
pub fn open_devices(filters: &[String], hardware_only: bool) -> Result<Vec<GpuDevice>, GpuError> {
    choose_adapters(filters, hardware_only)?.into_iter().map(open_adapter).collect()
}

/// Opens a device on `chosen` with all of its limits.
fn open_adapter(chosen: wgpu::Adapter) -> Result<GpuDevice, GpuError> {
    let desc = AdapterDesc::of(&chosen.get_info());
    let limits = chosen.limits();
    let (device, queue) = pollster::block_on(chosen.request_device(&wgpu::DeviceDescriptor {
        label: Some("vecrun"),
        required_features: wgpu::Features::empty(),
        required_limits: limits.clone(),
        experimental_features: wgpu::ExperimentalFeatures::disabled(),
        memory_hints: wgpu::MemoryHints::Performance,
        trace: wgpu::Trace::Off,
    }))
    .map_err(|e| GpuError::Device(e.to_string()))?;
    // Errors outside an error scope are logged, never a panic (wgpu's default handler panics).
    device.on_uncaptured_error(std::sync::Arc::new(|e: wgpu::Error| {
        // Printed once (as JSON with --log-format json); the trace records it as a debug event.
        errln!("error: uncaptured GPU error: {e}");
        tracing::debug!("uncaptured GPU error: {e}");
    }));
    Ok(GpuDevice { adapter: desc, device, queue, limits, float_exactness: Arc::new(OnceLock::new()) })
}

impl GpuDevice {
    /// The float operations this device computes exactly (a probe against `sem`, run once per device).
    pub fn float_exactness(&self) -> Result<FloatExactness, GpuError> {
        self.float_exactness.get_or_init(|| super::probe::probe(self).map_err(Arc::new)).clone().map_err(GpuError::Probe)
    }

    /// Runs a standalone compute shader with entry point `main` and `@workgroup_size(64)`:
    /// binding 0 is a read-only `array<u32>` holding `input`, binding 1 a read-write `array<u32>`
    /// of `output_words` words, returned after `invocations` invocations. For probing the WGSL
    /// library against its Rust twin in tests.
    pub fn run_compute_u32(&self, source: &str, input: &[u32], output_words: usize, invocations: u32) -> Result<Vec<u32>, GpuError> {
        use wgpu::util::DeviceExt;
        validate_wgsl(source)?;
        let device = &self.device;
        let scope = device.push_error_scope(wgpu::ErrorFilter::Validation);
        let shader = device
            .create_shader_module(wgpu::ShaderModuleDescriptor { label: Some("probe"), source: wgpu::ShaderSource::Wgsl(source.into()) });
        let pipeline = device.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
            label: Some("probe"),
            layout: None,
            module: &shader,
            entry_point: Some("main"),
            compilation_options: Default::default(),
            cache: None,
        });
        let input_words: Vec<u32> = if input.is_empty() { vec![0] } else { input.to_vec() };
        let inbuf = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
            label: Some("in"),
            contents: bytemuck::cast_slice(&input_words),
            usage: wgpu::BufferUsages::STORAGE,
        });
        let out_bytes = (output_words.max(1) * 4) as u64;
        let outbuf = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("out"),
            size: out_bytes,
            usage: wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_SRC,
            mapped_at_creation: false,
        });
        let readback = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("readback"),
            size: out_bytes,
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("probe"),
            layout: &pipeline.get_bind_group_layout(0),
            entries: &[
                wgpu::BindGroupEntry { binding: 0, resource: inbuf.as_entire_binding() },
                wgpu::BindGroupEntry { binding: 1, resource: outbuf.as_entire_binding() },
            ],
        });
        let mut enc = device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("probe") });
        {
            let mut pass = enc.begin_compute_pass(&wgpu::ComputePassDescriptor { label: Some("probe"), timestamp_writes: None });
            pass.set_pipeline(&pipeline);
            pass.set_bind_group(0, &bind_group, &[]);
            pass.dispatch_workgroups(invocations.div_ceil(64).max(1), 1, 1);
        }
        enc.copy_buffer_to_buffer(&outbuf, 0, &readback, 0, out_bytes);
        self.queue.submit(Some(enc.finish()));
        if let Some(e) = pollster::block_on(scope.pop()) {
            return Err(GpuError::Shader(e.to_string()));
        }
        let (tx, rx) = mpsc::channel();
        readback.map_async(wgpu::MapMode::Read, .., move |r| {
            let _ = tx.send(r);
        });
        device.poll(wgpu::PollType::Wait { submission_index: None, timeout: None }).map_err(|e| GpuError::Dispatch(e.to_string()))?;
        rx.recv().map_err(|_| GpuError::Dispatch("readback never completed".into()))?.map_err(|e| GpuError::Dispatch(e.to_string()))?;
        let out = {
            let view = readback.get_mapped_range(..).map_err(|e| GpuError::Dispatch(format!("{e:?}")))?;
            bytemuck::cast_slice::<u8, u32>(&view)[..output_words].to_vec()
        };
        readback.unmap();
        Ok(out)
    }
}

/// Why naga rejected a WGSL source: its diagnostic, rendered against the source (with the lines it
/// points at), since naga's errors cannot be rendered without the source.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WgslError {
    #[error("{0}")]
    Parse(String),
    #[error("{0}")]
    Invalid(String),
}

/// Validates WGSL offline with naga (clear errors before the driver sees it).
pub fn validate_wgsl(source: &str) -> Result<(), WgslError> {
    let module = naga::front::wgsl::parse_str(source).map_err(|e| WgslError::Parse(e.emit_to_string(source)))?;
    let mut validator = naga::valid::Validator::new(naga::valid::ValidationFlags::all(), naga::valid::Capabilities::all());
    validator.validate(&module).map_err(|e| WgslError::Invalid(e.emit_to_string(source)))?;
    Ok(())
}

/// The `Params` uniform (field order: [`emit::PARAMS_FIELDS`]).
#[repr(C)]
#[derive(Clone, Copy, Pod, Zeroable)]
struct Params {
    base_lo: u32,
    base_hi: u32,
    count: u32,
    mode: u32,
    key0: u32,
    key1: u32,
    fail_cap: u32,
    row_stride: u32,
    /// Always 0: the float barriers' words (`vr_opaque`).
    zero: [u32; 3],
    pad: u32,
}

/// A fault injected into each dispatch's read-back results, as a broken device would report them:
/// for tests of the checks that keep a wrong device from giving a wrong verdict. The CLI sets one
/// with `VECRUN_GPU_FAULT` (`fail-all`, `fail-first:N`, `pass-all`, `lose:N`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GpuFault {
    /// Every vector is reported failing its first assert.
    FailAll,
    /// The first `N` vectors of each dispatch are reported failing their first assert, all others passing.
    FailFirst(u32),
    /// Every vector is reported passing.
    PassAll,
    /// `N` fewer vectors are reported evaluated than were dispatched.
    Lose(u32),
}

impl GpuFault {
    pub fn parse(text: &str) -> Option<GpuFault> {
        let (name, n) = match text.split_once(':') {
            Some((name, n)) => (name, Some(n.parse::<u32>().ok()?)),
            None => (text, None),
        };
        match (name, n) {
            ("fail-all", None) => Some(GpuFault::FailAll),
            ("pass-all", None) => Some(GpuFault::PassAll),
            ("fail-first", Some(n)) => Some(GpuFault::FailFirst(n)),
            ("lose", Some(n)) => Some(GpuFault::Lose(n)),
            _ => None,
        }
    }
}

/// One set of device buffers: a dispatch in flight uses one, the next dispatch the other.
struct Slot {
    params: wgpu::Buffer,
    counters: wgpu::Buffer,
    failures: wgpu::Buffer,
    aux: wgpu::Buffer,
    readback: wgpu::Buffer,
}

/// A dispatch submitted and not yet read back.
struct InFlight {
    slot: usize,
    phase: Phase,
    base: u64,
    n: u32,
    submission: wgpu::SubmissionIndex,
    mapped: mpsc::Receiver<Result<(), wgpu::BufferAsyncError>>,
    /// When it was submitted (the dispatch size grows from these times).
    submitted: std::time::Instant,
}

/// One property's counts for one dispatch as the device reported them, with its failure list when
/// the list holds every failure of the dispatch.
type DeviceCounts = (PropertyStats, Option<Vec<Failure>>);

/// Explicit vectors per dispatch of [`GpuBackend::eval_vectors`]: their outcomes fit the failure
/// buffer (two words per listed failure, 1,024 per property).
const EVAL_CHUNK: u32 = 2 * FAIL_CAP_PER_DISPATCH;

/// Properties that run on the CPU inside a GPU run, and why.
struct HostPart {
    cpu: CpuBackend,
    /// Index in the program of each of `cpu`'s properties.
    props: Vec<usize>,
}

/// The GPU backend for one program. Properties the device cannot evaluate exactly (see
/// [`GpuBackend::routed`]) run on the CPU; everything else runs on the device and is checked:
/// every vector accounted for, every listed failure re-verified, every dispatch whose failure list
/// overflowed recounted on the CPU.
pub struct GpuBackend {
    dev: GpuDevice,
    /// One pipeline per input mode (random, exhaustive, explicit), or the same one three times for
    /// a shader without the `MODE` override; none when no property runs on the device.
    pipelines: Vec<wgpu::ComputePipeline>,
    /// The compiled shader (for the explicit-outcome pipeline, built on first use).
    shader: Option<wgpu::ShaderModule>,
    specialised: bool,
    eval: Option<(wgpu::ComputePipeline, Slot)>,
    layout: ShaderLayout,
    /// The whole program; `on_device[k]` is the program index of the shader's property `k`.
    program: Program,
    on_device: Vec<usize>,
    host: Option<HostPart>,
    routed: Vec<(String, String)>,
    generator: Generator,
    /// The CPU reference for the whole program: re-verification, recounts, and the fallback.
    cpu: CpuBackend,
    slots: Vec<Slot>,
    /// Vectors per dispatch now: grown from [`START_DISPATCH`] (doubling) while dispatches are
    /// faster than `target`, up to `max_dispatch`.
    dispatch: u32,
    /// The most vectors per random or exhaustive dispatch (device workgroup limits, [`MAX_DISPATCH`]).
    max_dispatch: u32,
    /// The most vectors per edge-phase dispatch (the input buffer holds this many).
    edge_dispatch: u32,
    /// Grow the dispatch while one takes less than this; `None` keeps it fixed.
    target: Option<std::time::Duration>,
    /// Disagreements between the device and the CPU reference.
    pub divergences: Vec<Divergence>,
    /// Fraction of each dispatch's vectors also evaluated on the CPU (`--cross-check`).
    cross_check: f64,
    /// Set when the device failed: the rest of the run is on the CPU.
    failed_over: Option<String>,
    /// Fault injection for tests: fail the dispatch after this many have succeeded.
    fail_after: Option<u64>,
    /// Fault injection for tests: wrong results read back.
    fault: Option<GpuFault>,
    dispatches: u64,
}

/// Why a property cannot run on this device exactly, if it cannot.
fn route(program: &Program, p: &crate::ir::PropertyIr, exactness: &FloatExactness, adapter: &str) -> Option<String> {
    if let Some(site) = p.extern_sites.first() {
        let name = site.site.message.clone().unwrap_or_default();
        return Some(format!("it calls extern fn `{name}`, whose implementation runs on the CPU"));
    }
    if p.uses_f64(&|s| program.f64_slot(s)) {
        return Some("it computes with f64, which WGSL does not have".to_string());
    }
    let wrong: Vec<String> =
        float_ops_used(p).into_iter().filter_map(|op| exactness.why(op).map(|why| format!("{} ({why})", op.describe()))).collect();
    (!wrong.is_empty()).then(|| format!("it uses {}, which {adapter} does not compute exactly", wrong.join(" and ")))
}

/// On llvmpipe, which cuts every loop of an invocation after 65,535 iterations in all
/// ([`emit::LOOP_BUDGET`]): the properties whose loops do not fit one vector per invocation, the
/// longest first, each with the reason. `taken` marks properties already routed away.
fn route_long_loops(program: &Program, taken: &[bool]) -> Vec<(usize, String)> {
    let loader = emit::loader_iterations(program);
    let mut costs: Vec<(u64, usize)> =
        (0..program.properties.len()).filter(|&i| !taken[i]).map(|i| (emit::loop_iterations(&program.properties[i].body), i)).collect();
    costs.sort_by(|a, b| b.cmp(a));
    let mut total = costs.iter().fold(loader, |a, (c, _)| a.saturating_add(*c));
    let mut out = Vec::new();
    for (cost, i) in costs {
        if total <= emit::LOOP_BUDGET / 2 {
            break;
        }
        total -= cost;
        out.push((
            i,
            format!(
                "its loops run up to {cost} iterations per vector, and llvmpipe ends every loop of a shader invocation after \
                 65,535 iterations in all"
            ),
        ));
    }
    out
}

impl GpuBackend {
    /// Generates, validates and compiles the shader, and allocates buffers. Properties that use a
    /// float operation the device does not compute exactly (probed once per device) run on the CPU.
    pub fn new(dev: GpuDevice, program: &Program, generator: Generator, cpu: CpuBackend) -> Result<GpuBackend, GpuError> {
        for p in &program.properties {
            if p.covers.len() > 32 {
                return Err(GpuError::Emit(emit::EmitError::TooManyCovers(p.name.clone(), p.covers.len())));
            }
        }
        let uses_float = program.properties.iter().any(|p| !float_ops_used(p).is_empty());
        let exactness = if uses_float { dev.float_exactness()? } else { FloatExactness::default() };
        let mut reasons: Vec<Option<String>> =
            program.properties.iter().map(|p| route(program, p, &exactness, &dev.adapter.name)).collect();
        if dev.adapter.name.to_lowercase().contains("llvmpipe") {
            let taken: Vec<bool> = reasons.iter().map(|r| r.is_some()).collect();
            for (i, why) in route_long_loops(program, &taken) {
                reasons[i] = Some(why);
            }
        }
        let on_device: Vec<usize> = (0..program.properties.len()).filter(|&i| reasons[i].is_none()).collect();
        let device_program = Program {
            inputs: program.inputs.clone(),
            slots: program.slots.clone(),
            properties: on_device.iter().map(|&i| program.properties[i].clone()).collect(),
            externs: program.externs.clone(),
        };
        let source = if on_device.is_empty() { None } else { Some(emit::emit(&device_program)?.0.to_string()) };
        let mut routed = Vec::new();
        let mut host_props = Vec::new();
        for (i, why) in reasons.into_iter().enumerate() {
            if let Some(why) = why {
                routed.push((program.properties[i].name.clone(), why));
                host_props.push(i);
            }
        }
        let host = if host_props.is_empty() {
            None
        } else {
            let host_program = Program {
                inputs: program.inputs.clone(),
                slots: program.slots.clone(),
                properties: host_props.iter().map(|&i| program.properties[i].clone()).collect(),
                externs: program.externs.clone(),
            };
            let threads = cpu.threads();
            let host_cpu = CpuBackend::new(&host_program, generator.clone(), threads).map_err(|e| GpuError::Device(e.to_string()))?;
            // Properties that call extern fns run here, on the same implementations as the reference.
            let host_cpu = match cpu.bindings() {
                Some(b) => host_cpu.with_bindings(b.clone()),
                None => host_cpu,
            };
            Some(HostPart { cpu: host_cpu, props: host_props })
        };
        GpuBackend::build(dev, program, device_program, on_device, host, routed, generator, cpu, source)
    }

    /// Like [`GpuBackend::new`] with a given shader (same bindings and counter layout as the
    /// generated one), every property on the device: how the hand-written reference kernels in
    /// `kernels/` are benchmarked.
    pub fn with_source(
        dev: GpuDevice,
        program: &Program,
        generator: Generator,
        cpu: CpuBackend,
        source: String,
    ) -> Result<GpuBackend, GpuError> {
        let all = (0..program.properties.len()).collect();
        GpuBackend::build(dev, program, program.clone(), all, None, Vec::new(), generator, cpu, Some(source))
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        dev: GpuDevice,
        program: &Program,
        device_program: Program,
        on_device: Vec<usize>,
        host: Option<HostPart>,
        routed: Vec<(String, String)>,
        generator: Generator,
        cpu: CpuBackend,
        source: Option<String>,
    ) -> Result<GpuBackend, GpuError> {
        let layout = ShaderLayout::new(&device_program);
        // Limits first: a spec that cannot fit is refused before any (slow) shader compilation.
        let slots_n = layout.slots.max(1) as u64;
        let max_binding = dev.limits.max_storage_buffer_binding_size;
        let max_buffer = dev.limits.max_buffer_size;
        // Explicit vectors (edge phase) are the largest buffer: size the dispatch to fit.
        let mut dispatch = DEFAULT_DISPATCH as u64;
        let per_vector = slots_n * 4;
        while dispatch * per_vector > max_binding.min(max_buffer) && dispatch > 1024 {
            dispatch /= 2;
        }
        if per_vector * 1024 > max_binding {
            return Err(GpuError::Limit(format!(
                "{} input slots need {} bytes per vector; the device binds at most {max_binding} bytes",
                layout.slots, per_vector
            )));
        }
        let nprops = device_program.properties.len().max(1) as u64;
        let fail_bytes = nprops * FAIL_CAP_PER_DISPATCH as u64 * 8;
        let counter_bytes = (layout.counter_words() as u64 * 4).max(4);
        if fail_bytes > max_binding || counter_bytes > max_binding {
            return Err(GpuError::Limit("too many properties for one shader".into()));
        }
        // Random and exhaustive dispatches: bounded by the workgroup grid (x by y, both at most the
        // per-dimension limit) and MAX_DISPATCH; the edge phase also by its input buffer.
        let max_x = dev.limits.max_compute_workgroups_per_dimension.max(1) as u64;
        let per_group = WORKGROUP_SIZE as u64 * layout.vectors_per_invocation.max(1) as u64;
        let max_dispatch = (max_x * max_x).saturating_mul(per_group).clamp(1024, MAX_DISPATCH as u64);
        let edge_dispatch = dispatch.min(max_dispatch);
        let start = (START_DISPATCH as u64).min(max_dispatch);
        let wg_limit = dev.limits.max_compute_workgroup_storage_size as u64;
        if layout.counters as u64 * 4 > wg_limit {
            return Err(GpuError::Limit(format!(
                "{} counters need {} bytes of workgroup memory; the device has {wg_limit}",
                layout.counters,
                layout.counters * 4
            )));
        }
        let fail_after = std::env::var("VECRUN_GPU_FAIL_AFTER").ok().and_then(|v| v.parse().ok());
        let fault = match std::env::var("VECRUN_GPU_FAULT") {
            Ok(text) => Some(GpuFault::parse(&text).ok_or_else(|| {
                GpuError::Device(format!(
                    "VECRUN_GPU_FAULT={}: expected fail-all, fail-first:N, pass-all or lose:N",
                    crate::fsio::printable(&text)
                ))
            })?),
            Err(_) => None,
        };
        let mut backend = GpuBackend {
            dev,
            pipelines: Vec::new(),
            shader: None,
            specialised: false,
            eval: None,
            layout,
            program: program.clone(),
            on_device,
            host,
            routed,
            generator,
            cpu,
            slots: Vec::new(),
            dispatch: start as u32,
            max_dispatch: max_dispatch as u32,
            edge_dispatch: edge_dispatch as u32,
            target: Some(DISPATCH_TARGET),
            divergences: Vec::new(),
            cross_check: 0.0,
            failed_over: None,
            fail_after,
            fault,
            dispatches: 0,
        };
        let Some(source) = source else { return Ok(backend) };
        validate_wgsl(&source)?;
        let device = &backend.dev.device;
        backend.specialised = source.contains(&format!("override {}", emit::MODE_OVERRIDE));
        let scope = device.push_error_scope(wgpu::ErrorFilter::Validation);
        let desc = wgpu::ShaderModuleDescriptor { label: Some("vecrun"), source: wgpu::ShaderSource::Wgsl(source.into()) };
        let shader = device.create_shader_module(desc);
        backend.pipelines = [MODE_RANDOM, MODE_EXHAUSTIVE, MODE_EXPLICIT]
            .iter()
            .map(|&mode| pipeline(device, &shader, backend.specialised, mode))
            .collect();
        if let Some(e) = pollster::block_on(scope.pop()) {
            return Err(GpuError::Shader(e.to_string()));
        }
        backend.slots = (0..2).map(|_| backend.slot(edge_dispatch * per_vector, fail_bytes)).collect();
        backend.shader = Some(shader);
        Ok(backend)
    }

    /// One set of buffers: `aux_bytes` of explicit inputs, `fail_bytes` of failure lists (or outcomes).
    fn slot(&self, aux_bytes: u64, fail_bytes: u64) -> Slot {
        let device = &self.dev.device;
        let counter_bytes = (self.layout.counter_words() as u64 * 4).max(4);
        let buf = |label: &str, size: u64, usage: wgpu::BufferUsages| {
            device.create_buffer(&wgpu::BufferDescriptor { label: Some(label), size: size.max(16), usage, mapped_at_creation: false })
        };
        let storage = wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_DST | wgpu::BufferUsages::COPY_SRC;
        Slot {
            params: buf("params", std::mem::size_of::<Params>() as u64, wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST),
            counters: buf("counters", counter_bytes, storage),
            failures: buf("failures", fail_bytes, storage),
            aux: buf("aux", aux_bytes, storage),
            readback: buf("readback", counter_bytes + fail_bytes.max(16), wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST),
        }
    }

    /// Fixes the vectors per dispatch (within the device's limits; at least 64): dispatches no
    /// longer grow. For tests that need ranges to span several dispatches, and benchmarks.
    pub fn set_dispatch_size(&mut self, n: u32) {
        self.dispatch = n.clamp(64, self.max_dispatch.max(64));
        self.target = None;
    }

    /// Sets the time a dispatch grows towards ([`DISPATCH_TARGET`] by default; `Duration::MAX`
    /// grows it to the limit, `Duration::ZERO` keeps it where it is).
    pub fn set_dispatch_target(&mut self, target: std::time::Duration) {
        self.target = Some(target);
    }

    /// Vectors per dispatch now (random and exhaustive phases; the edge phase also stops at
    /// [`GpuBackend::max_dispatch`]'s input-buffer bound).
    pub fn dispatch_size(&self) -> u32 {
        self.dispatch
    }

    /// The most vectors one random or exhaustive dispatch may take on this device, and the most
    /// one edge-phase dispatch may take (its inputs are uploaded).
    pub fn max_dispatch(&self) -> (u32, u32) {
        (self.max_dispatch, self.edge_dispatch)
    }

    /// Doubles the dispatch after a full one that was read back in less than the target time.
    fn grow(&mut self, f: &InFlight) {
        let Some(target) = self.target else { return };
        if f.n >= self.dispatch && f.submitted.elapsed() < target {
            self.dispatch = (self.dispatch as u64 * 2).min(self.max_dispatch as u64) as u32;
        }
    }

    /// Makes the dispatch after `n` successful ones fail, as a lost device would (for tests of the
    /// CPU fallback; the CLI reads `VECRUN_GPU_FAIL_AFTER`).
    pub fn inject_failure_after(&mut self, n: u64) {
        self.fail_after = Some(n);
    }

    /// Makes every dispatch read back wrong results (for tests; the CLI reads `VECRUN_GPU_FAULT`).
    pub fn inject_fault(&mut self, fault: GpuFault) {
        self.fault = Some(fault);
    }

    /// Re-evaluates this fraction of every dispatch's vectors on the CPU and reports failures the
    /// GPU missed as backend-divergent.
    pub fn set_cross_check(&mut self, rate: f64) {
        self.cross_check = if rate.is_nan() { 0.0 } else { rate.clamp(0.0, 1.0) };
    }

    /// The properties that run on the CPU in this GPU run, each with the reason.
    /// Why the device was given up for the rest of this backend's life (its counts did not add up, a
    /// dispatch failed, ...), if it was: from then on the CPU reference computes every result.
    pub fn failed_over(&self) -> Option<&str> {
        self.failed_over.as_deref()
    }
    pub fn routed(&self) -> &[(String, String)] {
        &self.routed
    }

    /// Ordinals of the exhaustive index `base`, one per slot (mixed radix, slot 0 least significant).
    fn start_digits(&self, base: u64) -> Vec<u32> {
        let mut rest = base;
        self.program
            .slots
            .iter()
            .map(|d| {
                let size = domain_size(d);
                let digit = rest % size;
                rest /= size;
                digit as u32
            })
            .collect()
    }

    /// Explicit vectors as the shader reads them: slot values of vector `i` at `i * slots ..`.
    fn flatten(&self, n: usize, cols: &[Vec<u32>]) -> Vec<u32> {
        let ns = self.layout.slots as usize;
        let mut flat = vec![0u32; n * ns.max(1)];
        for (k, col) in cols.iter().enumerate().take(ns) {
            for (i, v) in col.iter().take(n).enumerate() {
                flat[i * ns + k] = *v;
            }
        }
        flat
    }

    /// Writes the parameters, encodes one dispatch of `n` vectors into `s` and submits it with the
    /// readback copy; returns the submission and the channel that says when the readback is mapped.
    fn dispatch_into(
        &self,
        s: &Slot,
        pipeline: &wgpu::ComputePipeline,
        mode: u32,
        base: u64,
        n: u32,
        fail_cap: u32,
    ) -> Result<(wgpu::SubmissionIndex, mpsc::Receiver<Result<(), wgpu::BufferAsyncError>>), BackendError> {
        let dev = &self.dev;
        let invocations = n.div_ceil(self.layout.vectors_per_invocation.max(1));
        let groups = invocations.div_ceil(WORKGROUP_SIZE);
        let max_x = dev.limits.max_compute_workgroups_per_dimension.max(1);
        let gx = groups.min(max_x);
        let gy = groups.div_ceil(gx);
        if gy > max_x {
            return Err(BackendError::Device(format!(
                "a dispatch of {n} vectors needs {gy} rows of workgroups; the device allows {max_x}"
            )));
        }
        let params = Params {
            base_lo: base as u32,
            base_hi: (base >> 32) as u32,
            count: n,
            mode,
            key0: self.generator.key[0],
            key1: self.generator.key[1],
            fail_cap,
            row_stride: gx * WORKGROUP_SIZE,
            zero: [0; 3],
            pad: 0,
        };
        dev.queue.write_buffer(&s.params, 0, bytemuck::bytes_of(&params));
        let scope = dev.device.push_error_scope(wgpu::ErrorFilter::Validation);
        let bind_group = dev.device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("vecrun"),
            layout: &pipeline.get_bind_group_layout(0),
            entries: &[
                wgpu::BindGroupEntry { binding: 0, resource: s.params.as_entire_binding() },
                wgpu::BindGroupEntry { binding: 1, resource: s.counters.as_entire_binding() },
                wgpu::BindGroupEntry { binding: 2, resource: s.failures.as_entire_binding() },
                wgpu::BindGroupEntry { binding: 3, resource: s.aux.as_entire_binding() },
            ],
        });
        let counter_bytes = s.counters.size();
        let fail_bytes = s.failures.size();
        let mut enc = dev.device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("vecrun") });
        enc.clear_buffer(&s.counters, 0, None);
        {
            let mut pass = enc.begin_compute_pass(&wgpu::ComputePassDescriptor { label: Some("vecrun"), timestamp_writes: None });
            pass.set_pipeline(pipeline);
            pass.set_bind_group(0, &bind_group, &[]);
            pass.dispatch_workgroups(gx, gy, 1);
        }
        enc.copy_buffer_to_buffer(&s.counters, 0, &s.readback, 0, counter_bytes);
        enc.copy_buffer_to_buffer(&s.failures, 0, &s.readback, counter_bytes, fail_bytes);
        let submission = dev.queue.submit(Some(enc.finish()));
        if let Some(e) = pollster::block_on(scope.pop()) {
            return Err(BackendError::Device(format!("GPU dispatch rejected: {e}")));
        }
        let (tx, rx) = mpsc::channel();
        s.readback.map_async(wgpu::MapMode::Read, .., move |r| {
            let _ = tx.send(r);
        });
        Ok((submission, rx))
    }

    /// Uploads inputs and parameters for a dispatch into `slot` and submits it.
    fn submit(&mut self, slot: usize, phase: Phase, base: u64, n: u32) -> Result<InFlight, BackendError> {
        if let Some(limit) = self.fail_after
            && self.dispatches >= limit
        {
            return Err(BackendError::Device("injected device failure (VECRUN_GPU_FAIL_AFTER)".into()));
        }
        self.dispatches += 1;
        let s = &self.slots[slot];
        let mode = match phase {
            Phase::Random => MODE_RANDOM,
            Phase::Exhaustive => {
                let digits = self.start_digits(base);
                if !digits.is_empty() {
                    self.dev.queue.write_buffer(&s.aux, 0, bytemuck::cast_slice(&digits));
                }
                MODE_EXHAUSTIVE
            }
            Phase::Edge => {
                let mut cols = vec![Vec::new(); self.layout.slots as usize];
                self.generator.decode_batch(phase, base, n as usize, &mut cols);
                let flat = self.flatten(n as usize, &cols);
                self.dev.queue.write_buffer(&s.aux, 0, bytemuck::cast_slice(&flat));
                MODE_EXPLICIT
            }
        };
        let (submission, mapped) = self.dispatch_into(s, &self.pipelines[mode as usize], mode, base, n, FAIL_CAP_PER_DISPATCH)?;
        Ok(InFlight { slot, phase, base, n, submission, mapped, submitted: std::time::Instant::now() })
    }

    /// Waits for a submission and returns the slot's raw counters and failure words.
    fn read_slot(
        &self,
        s: &Slot,
        submission: &wgpu::SubmissionIndex,
        mapped: &mpsc::Receiver<Result<(), wgpu::BufferAsyncError>>,
    ) -> Result<(Vec<u32>, Vec<u32>), BackendError> {
        self.dev
            .device
            .poll(wgpu::PollType::Wait { submission_index: Some(submission.clone()), timeout: Some(std::time::Duration::from_secs(600)) })
            .map_err(|e| BackendError::Device(format!("GPU poll failed: {e}")))?;
        mapped
            .recv()
            .map_err(|_| BackendError::Device("GPU readback never completed".into()))?
            .map_err(|e| BackendError::Device(format!("GPU readback failed: {e}")))?;
        let out = {
            let view = s.readback.get_mapped_range(..).map_err(|e| BackendError::Device(format!("GPU readback failed: {e:?}")))?;
            let words: &[u32] = bytemuck::cast_slice(&view);
            let c = (s.counters.size() / 4) as usize;
            (words[..c].to_vec(), words[c..].to_vec())
        };
        s.readback.unmap();
        Ok(out)
    }

    /// Waits for a dispatch and returns its raw counters and failure lists.
    fn collect(&self, f: &InFlight) -> Result<(Vec<u32>, Vec<u32>), BackendError> {
        let _s = tracing::debug_span!("readback", base = f.base, n = f.n).entered();
        self.read_slot(&self.slots[f.slot], &f.submission, &f.mapped)
    }

    /// Rewrites read-back results as the injected fault says.
    fn apply_fault(&self, fault: GpuFault, n: u32, counters: &mut [u32], fails: &mut [u32]) {
        for (p, pc) in self.layout.properties.iter().enumerate() {
            if let GpuFault::Lose(k) = fault {
                let at = pc.evaluated() as usize;
                counters[at] = counters[at].saturating_sub(k);
                continue;
            }
            let failing = match fault {
                GpuFault::FailAll => n,
                GpuFault::FailFirst(k) => k.min(n),
                _ => 0,
            };
            if failing > 0 && pc.asserts == 0 {
                continue;
            }
            for w in [pc.base, pc.base + 1, pc.base + 2, pc.loop_bound()] {
                counters[w as usize] = 0;
            }
            for a in 0..pc.asserts {
                counters[pc.assert(a) as usize] = 0;
            }
            for a in 0..pc.assumes {
                counters[pc.assume(a) as usize] = 0;
            }
            counters[pc.base as usize] = failing;
            if failing > 0 {
                counters[pc.assert(0) as usize] = failing;
            }
            counters[(self.layout.counters + p as u32) as usize] = failing;
            let at = p * FAIL_CAP_PER_DISPATCH as usize * 2;
            for k in 0..failing.min(FAIL_CAP_PER_DISPATCH) as usize {
                fails[at + 2 * k] = k as u32;
                fails[at + 2 * k + 1] = crate::ir::Outcome::Fail(0).encode();
            }
        }
    }

    /// The device's counts for one dispatch, checked for consistency: every dispatched vector
    /// evaluated once, failures and discards split by site adding up, and the failure list (when it
    /// holds every failure) within the dispatch. A broken count is a device error: the caller
    /// recomputes the dispatch on the CPU.
    fn device_counts(&self, f: &InFlight, counters: &[u32], fails: &[u32]) -> Result<Vec<DeviceCounts>, BackendError> {
        let (phase, base, n) = (f.phase, f.base, f.n);
        let mut out = Vec::new();
        for (p, pc) in self.layout.properties.iter().enumerate() {
            let full = self.on_device[p];
            let prop = &self.program.properties[full];
            let c = |i: u32| counters[i as usize] as u64;
            let mut st = PropertyStats::new(prop);
            st.evaluated = c(pc.evaluated());
            st.failed = c(pc.base);
            st.discarded = c(pc.base + 1);
            st.out_of_bounds = c(pc.base + 2);
            st.loop_bound = c(pc.loop_bound());
            for a in 0..pc.asserts {
                st.fails_by_assert[a as usize] = c(pc.assert(a));
            }
            for a in 0..pc.assumes {
                st.discards_by_assume[a as usize] = c(pc.assume(a));
            }
            for k in 0..pc.covers {
                st.cover_hits[k as usize] = c(pc.cover(k));
            }
            let fill = counters[(self.layout.counters + p as u32) as usize];
            let by_site = st.fails_by_assert.iter().sum::<u64>() + st.out_of_bounds + st.loop_bound;
            let by_assume = st.discards_by_assume.iter().sum::<u64>();
            let consistent = st.evaluated == n as u64
                && st.failed + st.discarded <= n as u64
                && fill as u64 == st.failed
                && by_site == st.failed
                && (pc.assumes == 0 || by_assume == st.discarded)
                && st.cover_hits.iter().all(|&h| h <= n as u64);
            if !consistent {
                let hint = if st.evaluated < n as u64 { " (vectors were lost, or a loop was cut short by the driver)" } else { "" };
                return Err(BackendError::Device(format!(
                    "the GPU's counts for property `{}` on {} vectors #{base}..{} do not add up: {} evaluated, {} failed \
                     ({by_site} by site, {fill} listed), {} discarded{hint}",
                    prop.name,
                    phase.name(),
                    base + n as u64,
                    st.evaluated,
                    st.failed,
                    st.discarded
                )));
            }
            st.passed = n as u64 - st.failed - st.discarded;
            // The dispatch's own list, when it holds every failure of the dispatch.
            let list = if fill <= FAIL_CAP_PER_DISPATCH {
                let at = p * FAIL_CAP_PER_DISPATCH as usize * 2;
                let mut list = Vec::with_capacity(fill as usize);
                for k in 0..fill as usize {
                    let (off, outcome) = (fails[at + 2 * k], fails[at + 2 * k + 1]);
                    let failure = crate::ir::Outcome::try_decode(outcome).is_some_and(|o| o.is_failure());
                    if off >= n || !failure {
                        return Err(BackendError::Device(format!(
                            "the GPU listed a failure of property `{}` at offset {off} with outcome {outcome:#010x} in a dispatch of {n} vectors",
                            prop.name
                        )));
                    }
                    list.push(Failure { phase, index: base + off as u64, outcome });
                }
                list.sort();
                list.dedup();
                if list.len() != fill as usize {
                    return Err(BackendError::Device(format!("the GPU listed a failure of property `{}` twice", prop.name)));
                }
                Some(list)
            } else {
                None
            };
            out.push((st, list));
        }
        Ok(out)
    }

    /// Adds a read-back dispatch to `stats` (one entry per device property). Every listed failure is
    /// re-verified on the CPU; a dispatch whose failure list overflowed, or that listed a failure the CPU
    /// does not reproduce, is recounted on the CPU, and the CPU's counts are kept; any disagreement is a
    /// [`Divergence`] of that property.
    fn account(
        &mut self,
        f: &InFlight,
        counters: &mut [u32],
        fails: &mut [u32],
        cap: usize,
        stats: &mut [PropertyStats],
    ) -> Result<(), BackendError> {
        let (phase, base, n) = (f.phase, f.base, f.n);
        if let Some(fault) = self.fault {
            self.apply_fault(fault, n, counters, fails);
        }
        let mut device = self.device_counts(f, counters, fails)?;
        // Re-verify every listed failure on the CPU, all properties in one batch.
        let listed: Vec<(usize, Failure)> =
            device.iter().enumerate().flat_map(|(p, (_, list))| list.iter().flatten().map(move |x| (p, *x))).collect();
        let vectors: Vec<Vec<u32>> = listed.iter().map(|(_, x)| self.vector(x.phase, x.index)).collect();
        let cpu_codes = if vectors.is_empty() { Vec::new() } else { self.cpu.eval_vectors(&vectors) };
        let mut verified: Vec<Vec<Failure>> = vec![Vec::new(); device.len()];
        let mut diverged = vec![false; device.len()];
        for (k, (p, x)) in listed.iter().enumerate() {
            let cpu_outcome = cpu_codes[self.on_device[*p]][k];
            if cpu_outcome == x.outcome {
                verified[*p].push(*x);
            } else {
                diverged[*p] = true;
                self.divergences.push(self.divergence(*p, phase, x.index, x.outcome, cpu_outcome));
            }
        }
        // A list that overflowed cannot be checked vector by vector, and a device that listed a wrong
        // failure may have miscounted others: recount the dispatch on the CPU and keep its counts.
        let overflowed = device.iter().any(|(_, list)| list.is_none());
        let recount =
            if overflowed || diverged.contains(&true) { Some(self.cpu.run_range(phase, base, base + n as u64, cap.max(1))?) } else { None };
        let mut complete_lists = Vec::new();
        for (p, (st, list)) in device.iter_mut().enumerate() {
            let full = self.on_device[p];
            match &recount {
                Some(cpu) => {
                    let truth = &cpu[full];
                    if !same_counts(st, truth) && !diverged[p] {
                        let d = self.count_divergence(p, phase, list.as_deref(), truth);
                        self.divergences.push(d);
                    }
                    *st = truth.clone();
                }
                None => {
                    st.failures = std::mem::take(&mut verified[p]);
                    st.failures.truncate(cap);
                }
            }
            complete_lists.push(if recount.is_some() { None } else { list.clone() });
        }
        for (s, (st, _)) in stats.iter_mut().zip(&device) {
            s.merge(st, cap);
        }
        if self.cross_check > 0.0 {
            self.cross_check_dispatch(phase, base, n, &complete_lists);
        }
        Ok(())
    }

    fn divergence(&self, p: usize, phase: Phase, index: u64, gpu_outcome: u32, cpu_outcome: u32) -> Divergence {
        Divergence { property: self.program.properties[self.on_device[p]].name.clone(), phase, index, gpu_outcome, cpu_outcome }
    }

    /// A divergence for counts that differ: at the first vector the CPU fails and the GPU's list
    /// lacks (when the list is complete, or the device says otherwise on that vector), else at the
    /// first vector the GPU lists.
    fn count_divergence(&mut self, p: usize, phase: Phase, list: Option<&[Failure]>, truth: &PropertyStats) -> Divergence {
        let full = self.on_device[p];
        // The GPU's own outcome of the CPU's first failures, evaluated on the device.
        let probe: Vec<Failure> = truth.failures.iter().take(64).copied().collect();
        if !probe.is_empty() && self.failed_over.is_none() {
            let vectors: Vec<Vec<u32>> = probe.iter().map(|x| self.vector(x.phase, x.index)).collect();
            if let Ok(codes) = self.eval_on_device(&vectors) {
                for (k, x) in probe.iter().enumerate() {
                    let gpu = codes[p][k];
                    if gpu != x.outcome {
                        return self.divergence(p, phase, x.index, gpu, x.outcome);
                    }
                }
            }
        }
        if let Some(x) = list.and_then(|l| l.first()) {
            let cpu = self.cpu.eval_vectors(&[self.vector(x.phase, x.index)]);
            return self.divergence(p, phase, x.index, x.outcome, cpu[full][0]);
        }
        let first = truth.failures.first().copied();
        let index = first.map(|x| x.index).unwrap_or(0);
        self.divergence(p, phase, index, crate::ir::OUTCOME_PASS, first.map(|x| x.outcome).unwrap_or(crate::ir::OUTCOME_PASS))
    }

    fn vector(&self, phase: Phase, index: u64) -> Vec<u32> {
        let mut v = vec![0u32; self.generator.slots];
        self.generator.decode(phase, index, &mut v);
        v
    }

    /// Evaluates a deterministic sample of the dispatch on the CPU; a CPU failure that the GPU's
    /// complete failure list lacks is a divergence (a listed failure the CPU does not reproduce
    /// already is one, from re-verification).
    fn cross_check_dispatch(&mut self, phase: Phase, base: u64, n: u32, listed: &[Option<Vec<Failure>>]) {
        let k = ((n as f64 * self.cross_check).ceil() as u64).clamp(1, n as u64);
        let stride = (n as u64 / k).max(1);
        let picks: Vec<u64> = (0..k).map(|i| base + (i * stride + (base.wrapping_mul(0x9E37_79B9) % stride)) % n as u64).collect();
        let vectors: Vec<Vec<u32>> = picks.iter().map(|&i| self.vector(phase, i)).collect();
        let cpu = self.cpu.eval_vectors(&vectors);
        for (p, list) in listed.iter().enumerate() {
            let Some(list) = list else { continue };
            for (j, &index) in picks.iter().enumerate() {
                let code = cpu[self.on_device[p]][j];
                if crate::ir::Outcome::decode(code).is_failure() && list.binary_search_by(|f| f.index.cmp(&index)).is_err() {
                    self.divergences.push(self.divergence(p, phase, index, crate::ir::OUTCOME_PASS, code));
                }
            }
        }
    }

    /// Evaluates `start..end` on the GPU with two dispatches in flight (the next one runs while the
    /// previous one is read back and verified).
    fn run_gpu(&mut self, phase: Phase, start: u64, end: u64, cap: usize, stats: &mut [PropertyStats]) -> Result<(), (u64, BackendError)> {
        let mut next = start;
        let mut queue: std::collections::VecDeque<InFlight> = std::collections::VecDeque::new();
        let mut free: Vec<usize> = vec![1, 0];
        loop {
            while next < end {
                let Some(slot) = free.pop() else { break };
                let cap = if phase == Phase::Edge { self.dispatch.min(self.edge_dispatch) } else { self.dispatch };
                let n = (end - next).min(cap as u64) as u32;
                let first_pending = queue.front().map(|f| f.base).unwrap_or(next);
                let f = self.submit(slot, phase, next, n).map_err(|e| (first_pending, e))?;
                queue.push_back(f);
                next += n as u64;
            }
            let Some(f) = queue.pop_front() else { break };
            let (mut counters, mut fails) = self.collect(&f).map_err(|e| (f.base, e))?;
            self.grow(&f);
            self.account(&f, &mut counters, &mut fails, cap, stats).map_err(|e| (f.base, e))?;
            free.push(f.slot);
        }
        Ok(())
    }

    /// Evaluates explicit vectors on the device (explicit-outcome mode): per shader property, the
    /// packed outcome of each vector. Every outcome is checked to be one a property can return.
    fn eval_on_device(&mut self, vectors: &[Vec<u32>]) -> Result<Vec<Vec<u32>>, BackendError> {
        let nprops = self.layout.properties.len();
        let mut out = vec![Vec::with_capacity(vectors.len()); nprops];
        if nprops == 0 || vectors.is_empty() {
            return Ok(out);
        }
        if self.eval.is_none() {
            let Some(shader) = &self.shader else {
                return Err(BackendError::Device("the GPU shader was not built".into()));
            };
            let device = &self.dev.device;
            let scope = device.push_error_scope(wgpu::ErrorFilter::Validation);
            let pipeline = pipeline(device, shader, self.specialised, MODE_EVAL);
            if let Some(e) = pollster::block_on(scope.pop()) {
                return Err(BackendError::Device(format!("GPU pipeline rejected: {e}")));
            }
            let per_vector = self.layout.slots.max(1) as u64 * 4;
            let chunk = EVAL_CHUNK.min(self.dispatch) as u64;
            let slot = self.slot(chunk * per_vector, (chunk * nprops as u64 * 4).max(nprops as u64 * FAIL_CAP_PER_DISPATCH as u64 * 8));
            self.eval = Some((pipeline, slot));
        }
        let chunk = EVAL_CHUNK.min(self.dispatch) as usize;
        for part in vectors.chunks(chunk) {
            let n = part.len();
            let ns = self.layout.slots as usize;
            let mut flat = vec![0u32; n * ns.max(1)];
            for (i, v) in part.iter().enumerate() {
                for k in 0..ns {
                    flat[i * ns + k] = v.get(k).copied().unwrap_or(0);
                }
            }
            let Some((pipeline, s)) = &self.eval else { break };
            self.dev.queue.write_buffer(&s.aux, 0, bytemuck::cast_slice(&flat));
            let (submission, mapped) = self.dispatch_into(s, pipeline, MODE_EVAL, 0, n as u32, 0)?;
            let (counters, words) = self.read_slot(s, &submission, &mapped)?;
            for (p, pc) in self.layout.properties.iter().enumerate() {
                let evaluated = counters[pc.evaluated() as usize];
                if evaluated as usize != n {
                    return Err(BackendError::Device(format!("the GPU evaluated {evaluated} of {n} explicit vectors")));
                }
                for i in 0..n {
                    let code = words[i * nprops + p];
                    if crate::ir::Outcome::try_decode(code).is_none() {
                        return Err(BackendError::Device(format!("the GPU returned outcome {code:#010x}, which no property can return")));
                    }
                    out[p].push(code);
                }
            }
        }
        Ok(out)
    }
}

/// Whether two counts of the same vectors agree (failure lists aside).
fn same_counts(a: &PropertyStats, b: &PropertyStats) -> bool {
    a.evaluated == b.evaluated
        && a.failed == b.failed
        && a.discarded == b.discarded
        && a.out_of_bounds == b.out_of_bounds
        && a.loop_bound == b.loop_bound
        && a.fails_by_assert == b.fails_by_assert
        && a.discards_by_assume == b.discards_by_assume
        && a.cover_hits == b.cover_hits
}

/// The compute pipeline of `shader` for input mode `mode` (the `MODE` override, when the shader has it).
fn pipeline(device: &wgpu::Device, shader: &wgpu::ShaderModule, specialised: bool, mode: u32) -> wgpu::ComputePipeline {
    let constants = [(emit::MODE_OVERRIDE, mode as f64)];
    device.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
        label: Some("vecrun"),
        layout: None,
        module: shader,
        entry_point: Some("main"),
        compilation_options: wgpu::PipelineCompilationOptions {
            constants: if specialised { &constants } else { &[] },
            ..Default::default()
        },
        cache: None,
    })
}

impl Backend for GpuBackend {
    fn name(&self) -> &'static str {
        if self.failed_over.is_some() || self.on_device.is_empty() { "cpu" } else { "gpu" }
    }
    fn adapter(&self) -> String {
        let gpu = format!("{} ({}, {})", self.dev.adapter.name, self.dev.adapter.backend, self.dev.adapter.device_type);
        let mut text = match &self.failed_over {
            Some(why) => format!("{} after the GPU {gpu} failed: {why}", self.cpu.adapter()),
            None => gpu,
        };
        for (name, why) in &self.routed {
            text += &format!("; `{name}` on the CPU: {why}");
        }
        text
    }
    /// Four of the grown dispatches, and never fewer than four of [`DEFAULT_DISPATCH`] (the
    /// session sizes its batches by time up to this, from [`Backend::granule`], so a slow device
    /// still gets short batches; a fast one, whose dispatch grew past that, gets four of them).
    fn batch_size(&self) -> u64 {
        self.dispatch.max(DEFAULT_DISPATCH) as u64 * 4
    }
    /// One workgroup's vectors.
    fn granule(&self) -> u64 {
        WORKGROUP_SIZE as u64 * self.layout.vectors_per_invocation.max(1) as u64
    }
    fn eval_vectors(&mut self, vectors: &[Vec<u32>]) -> Result<Vec<Vec<u32>>, BackendError> {
        if self.failed_over.is_some() {
            return Ok(self.cpu.eval_vectors(vectors));
        }
        let mut out = vec![Vec::new(); self.program.properties.len()];
        let device = self.eval_on_device(vectors)?;
        for (p, codes) in device.into_iter().enumerate() {
            out[self.on_device[p]] = codes;
        }
        if let Some(host) = &self.host {
            for (k, codes) in host.cpu.eval_vectors(vectors).into_iter().enumerate() {
                out[host.props[k]] = codes;
            }
        }
        Ok(out)
    }
    fn run_range(&mut self, phase: Phase, start: u64, end: u64, cap: usize) -> Result<RangeStats, BackendError> {
        if self.failed_over.is_some() {
            return self.cpu.run_range(phase, start, end, cap);
        }
        let mut stats: Vec<PropertyStats> = self.program.properties.iter().map(PropertyStats::new).collect();
        if !self.on_device.is_empty() {
            let mut device: Vec<PropertyStats> = self.on_device.iter().map(|&i| PropertyStats::new(&self.program.properties[i])).collect();
            let result = self.run_gpu(phase, start, end, cap, &mut device);
            for (k, st) in device.iter().enumerate() {
                stats[self.on_device[k]].merge(st, cap);
            }
            if let Err((at, e)) = result {
                // Dispatches from `at` on were never counted: the CPU takes over from there.
                errln!("warning: {e}; continuing on the CPU from {} vector #{at} (no index lost or repeated)", phase.name());
                tracing::debug!(error = %e, at, "GPU failed; falling back to the CPU");
                self.failed_over = Some(e.to_string());
                let rest = self.cpu.run_range(phase, at, end, cap)?;
                for &full in &self.on_device {
                    stats[full].merge(&rest[full], cap);
                }
            }
        }
        if let Some(host) = &mut self.host {
            let part = host.cpu.run_range(phase, start, end, cap)?;
            for (k, st) in part.iter().enumerate() {
                stats[host.props[k]].merge(st, cap);
            }
        }
        Ok(stats)
    }
    fn take_divergences(&mut self) -> Vec<Divergence> {
        std::mem::take(&mut self.divergences)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_gl_view_of_a_gpu_another_backend_lists_is_dropped() {
        use wgpu::Backend::{Gl, Vulkan};
        assert_eq!(super::primary_views(&[Vulkan, Gl]), [true, false]);
        assert_eq!(super::primary_views(&[Gl, Vulkan, Vulkan]), [false, true, true]);
        assert_eq!(super::primary_views(&[Gl]), [true], "GL alone is kept");
        assert_eq!(super::primary_views(&[]), Vec::<bool>::new());
    }
}

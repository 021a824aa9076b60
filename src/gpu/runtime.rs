//! The wgpu runtime: adapter selection, the pipeline built once per run, dispatches of millions
//! of vectors, readback, and CPU re-verification of every counterexample. Never builds shader text:
//! it receives it from [`super::emit`].

use std::sync::mpsc;

use bytemuck::{Pod, Zeroable};

use super::emit::{self, MODE_EXHAUSTIVE, MODE_EXPLICIT, MODE_RANDOM, ShaderLayout, VECTORS_PER_INVOCATION, WORKGROUP_SIZE};
use crate::cpu::CpuBackend;
use crate::r#gen::domain::domain_size;
use crate::ir::Program;
use crate::run::{Backend, BackendError, Divergence, Failure, Generator, Phase, PropertyStats, RangeStats};

/// Failing vectors a dispatch records per property before only counting.
pub const FAIL_CAP_PER_DISPATCH: u32 = 1024;
/// Vectors per dispatch unless the device limits ask for fewer.
pub const DEFAULT_DISPATCH: u32 = 1 << 22;

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
}

/// Opens an adapter: the first whose name contains `filter` (case-insensitive), else the best one
/// (hardware before software). With `hardware_only`, a software adapter is refused.
pub fn open_device(filter: Option<&str>, hardware_only: bool) -> Result<GpuDevice, GpuError> {
    let inst = instance();
    let mut adapters = pollster::block_on(inst.enumerate_adapters(wgpu::Backends::all()));
    // Only adapters that can run compute shaders.
    adapters.retain(|a| a.get_downlevel_capabilities().flags.contains(wgpu::DownlevelFlags::COMPUTE_SHADERS));
    if adapters.is_empty() {
        return Err(GpuError::NoAdapter(
            " (install a Vulkan driver; on Debian `apt-get install mesa-vulkan-drivers` gives a software one)".into(),
        ));
    }
    let rank = |a: &wgpu::Adapter| match a.get_info().device_type {
        wgpu::DeviceType::DiscreteGpu => 0,
        wgpu::DeviceType::IntegratedGpu => 1,
        wgpu::DeviceType::VirtualGpu => 2,
        wgpu::DeviceType::Other => 3,
        wgpu::DeviceType::Cpu => 4,
    };
    adapters.sort_by_key(|a| (rank(a), a.get_info().backend != wgpu::Backend::Vulkan));
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
    let desc = AdapterDesc::of(&chosen.get_info());
    if hardware_only && !desc.is_hardware() {
        return Err(GpuError::NoAdapter(format!(" (only the software adapter `{}`)", desc.name)));
    }
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
        tracing::error!("uncaptured GPU error: {e}");
        errln!("error: uncaptured GPU error: {e}");
    }));
    Ok(GpuDevice { adapter: desc, device, queue, limits })
}

impl GpuDevice {
    /// Runs a standalone compute shader with entry point `main` and `@workgroup_size(64)`:
    /// binding 0 is a read-only `array<u32>` holding `input`, binding 1 a read-write `array<u32>`
    /// of `output_words` words, returned after `invocations` invocations. For probing the WGSL
    /// library against its Rust twin in tests.
    pub fn run_compute_u32(&self, source: &str, input: &[u32], output_words: usize, invocations: u32) -> Result<Vec<u32>, GpuError> {
        use wgpu::util::DeviceExt;
        validate_wgsl(source).map_err(GpuError::Shader)?;
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
}

/// Validates WGSL offline with naga (clear errors before the driver sees it).
pub fn validate_wgsl(source: &str) -> Result<(), String> {
    let module = naga::front::wgsl::parse_str(source).map_err(|e| e.emit_to_string(source))?;
    let mut validator = naga::valid::Validator::new(naga::valid::ValidationFlags::all(), naga::valid::Capabilities::all());
    validator.validate(&module).map_err(|e| e.emit_to_string(source))?;
    Ok(())
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
}

/// The GPU backend for one program.
pub struct GpuBackend {
    dev: GpuDevice,
    /// One pipeline per input mode (random, exhaustive, explicit), or the same one three times for
    /// a shader without the `MODE` override.
    pipelines: Vec<wgpu::ComputePipeline>,
    layout: ShaderLayout,
    program: Program,
    generator: Generator,
    cpu: CpuBackend,
    slots: Vec<Slot>,
    dispatch: u32,
    /// Verified failures that the CPU did not reproduce.
    pub divergences: Vec<Divergence>,
    /// Fraction of each dispatch's vectors also evaluated on the CPU (`--cross-check`).
    cross_check: f64,
    /// Set when the device failed: the rest of the run is on the CPU.
    failed_over: Option<String>,
    /// Fault injection for tests: fail the dispatch after this many have succeeded.
    fail_after: Option<u64>,
    dispatches: u64,
}

impl GpuBackend {
    /// Generates, validates and compiles the shader, and allocates buffers.
    pub fn new(dev: GpuDevice, program: &Program, generator: Generator, cpu: CpuBackend) -> Result<GpuBackend, GpuError> {
        let (module, _) = emit::emit(program)?;
        GpuBackend::with_source(dev, program, generator, cpu, module.to_string())
    }

    /// Like [`GpuBackend::new`] with a given shader (same bindings and counter layout as the
    /// generated one): how the hand-written reference kernels in `kernels/` are benchmarked.
    pub fn with_source(
        dev: GpuDevice,
        program: &Program,
        generator: Generator,
        cpu: CpuBackend,
        source: String,
    ) -> Result<GpuBackend, GpuError> {
        let layout = ShaderLayout::new(program);
        // Limits first: a spec that cannot fit is refused before any (slow) shader compilation.
        let slots_n = layout.slots.max(1) as u64;
        let max_binding = dev.limits.max_storage_buffer_binding_size as u64;
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
        let nprops = program.properties.len().max(1) as u64;
        let fail_bytes = nprops * FAIL_CAP_PER_DISPATCH as u64 * 8;
        let counter_bytes = (layout.counter_words() as u64 * 4).max(4);
        if fail_bytes > max_binding || counter_bytes > max_binding {
            return Err(GpuError::Limit("too many properties for one shader".into()));
        }
        let wg_limit = dev.limits.max_compute_workgroup_storage_size as u64;
        if layout.counters as u64 * 4 > wg_limit {
            return Err(GpuError::Limit(format!(
                "{} counters need {} bytes of workgroup memory; the device has {wg_limit}",
                layout.counters,
                layout.counters * 4
            )));
        }
        validate_wgsl(&source).map_err(GpuError::Shader)?;
        let device = &dev.device;
        let specialised = source.contains(&format!("override {}", emit::MODE_OVERRIDE));
        let scope = device.push_error_scope(wgpu::ErrorFilter::Validation);
        let shader = device
            .create_shader_module(wgpu::ShaderModuleDescriptor { label: Some("vecrun"), source: wgpu::ShaderSource::Wgsl(source.into()) });
        let pipelines: Vec<wgpu::ComputePipeline> = [MODE_RANDOM, MODE_EXHAUSTIVE, MODE_EXPLICIT]
            .iter()
            .map(|&mode| {
                let constants = [(emit::MODE_OVERRIDE, mode as f64)];
                device.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
                    label: Some("vecrun"),
                    layout: None,
                    module: &shader,
                    entry_point: Some("main"),
                    compilation_options: wgpu::PipelineCompilationOptions {
                        constants: if specialised { &constants } else { &[] },
                        ..Default::default()
                    },
                    cache: None,
                })
            })
            .collect();
        if let Some(e) = pollster::block_on(scope.pop()) {
            return Err(GpuError::Shader(e.to_string()));
        }
        let buf = |label: &str, size: u64, usage: wgpu::BufferUsages| {
            device.create_buffer(&wgpu::BufferDescriptor { label: Some(label), size: size.max(16), usage, mapped_at_creation: false })
        };
        let storage = wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_DST | wgpu::BufferUsages::COPY_SRC;
        let slots = (0..2)
            .map(|_| Slot {
                params: buf("params", std::mem::size_of::<Params>() as u64, wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST),
                counters: buf("counters", counter_bytes, storage),
                failures: buf("failures", fail_bytes, storage),
                aux: buf("aux", dispatch * per_vector, storage),
                readback: buf("readback", counter_bytes + fail_bytes, wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST),
            })
            .collect();
        let fail_after = std::env::var("VECRUN_GPU_FAIL_AFTER").ok().and_then(|v| v.parse().ok());
        Ok(GpuBackend {
            dev,
            pipelines,
            layout,
            program: program.clone(),
            generator,
            cpu,
            slots,
            dispatch: dispatch as u32,
            divergences: Vec::new(),
            cross_check: 0.0,
            failed_over: None,
            fail_after,
            dispatches: 0,
        })
    }

    pub fn set_dispatch_size(&mut self, n: u32) {
        self.dispatch = n.clamp(64, self.dispatch.max(64));
    }

    /// Makes the dispatch after `n` successful ones fail, as a lost device would (for tests of the
    /// CPU fallback; the CLI reads `VECRUN_GPU_FAIL_AFTER`).
    pub fn inject_failure_after(&mut self, n: u64) {
        self.fail_after = Some(n);
    }

    /// Re-evaluates this fraction of every dispatch's vectors on the CPU and reports failures the
    /// GPU missed as backend-divergent.
    pub fn set_cross_check(&mut self, rate: f64) {
        self.cross_check = rate.clamp(0.0, 1.0);
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

    /// Uploads inputs and parameters for a dispatch into `slot` and submits it.
    fn submit(&mut self, slot: usize, phase: Phase, base: u64, n: u32) -> Result<InFlight, BackendError> {
        if let Some(limit) = self.fail_after {
            if self.dispatches >= limit {
                return Err(BackendError::Device("injected device failure (VECRUN_GPU_FAIL_AFTER)".into()));
            }
        }
        self.dispatches += 1;
        let dev = &self.dev;
        let s = &self.slots[slot];
        let mode = match phase {
            Phase::Random => MODE_RANDOM,
            Phase::Exhaustive => {
                let digits = self.start_digits(base);
                if !digits.is_empty() {
                    dev.queue.write_buffer(&s.aux, 0, bytemuck::cast_slice(&digits));
                }
                MODE_EXHAUSTIVE
            }
            Phase::Edge => {
                let ns = self.layout.slots as usize;
                let mut cols = vec![Vec::new(); ns];
                self.generator.decode_batch(phase, base, n as usize, &mut cols);
                let mut flat = vec![0u32; n as usize * ns.max(1)];
                for (k, col) in cols.iter().enumerate() {
                    for (i, v) in col.iter().enumerate() {
                        flat[i * ns + k] = *v;
                    }
                }
                dev.queue.write_buffer(&s.aux, 0, bytemuck::cast_slice(&flat));
                MODE_EXPLICIT
            }
        };
        let invocations = n.div_ceil(VECTORS_PER_INVOCATION);
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
            fail_cap: FAIL_CAP_PER_DISPATCH,
            row_stride: gx * WORKGROUP_SIZE,
        };
        dev.queue.write_buffer(&s.params, 0, bytemuck::bytes_of(&params));
        let scope = dev.device.push_error_scope(wgpu::ErrorFilter::Validation);
        let bind_group = dev.device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("vecrun"),
            layout: &self.pipelines[mode as usize].get_bind_group_layout(0),
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
            pass.set_pipeline(&self.pipelines[mode as usize]);
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
        Ok(InFlight { slot, phase, base, n, submission, mapped: rx })
    }

    /// Waits for a dispatch and returns its raw counters and failure lists.
    fn collect(&self, f: &InFlight) -> Result<(Vec<u32>, Vec<u32>), BackendError> {
        let _s = tracing::debug_span!("readback", base = f.base, n = f.n).entered();
        let s = &self.slots[f.slot];
        self.dev
            .device
            .poll(wgpu::PollType::Wait { submission_index: Some(f.submission.clone()), timeout: Some(std::time::Duration::from_secs(600)) })
            .map_err(|e| BackendError::Device(format!("GPU poll failed: {e}")))?;
        f.mapped
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

    /// Adds a read-back dispatch to `stats`, re-verifying its counterexamples on the CPU.
    fn account(
        &mut self,
        f: &InFlight,
        counters: &[u32],
        fails: &[u32],
        cap: usize,
        stats: &mut [PropertyStats],
    ) -> Result<(), BackendError> {
        let (phase, base, n) = (f.phase, f.base, f.n);
        let mut listed: Vec<Option<Vec<Failure>>> = Vec::new();
        for (p, pc) in self.layout.properties.iter().enumerate() {
            let st = &mut stats[p];
            let c = |i: u32| counters[i as usize] as u64;
            let failed = c(pc.base);
            let discarded = c(pc.base + 1);
            st.evaluated += n as u64;
            st.failed += failed;
            st.discarded += discarded;
            st.passed += n as u64 - failed - discarded;
            st.out_of_bounds += c(pc.base + 2);
            for a in 0..pc.asserts {
                st.fails_by_assert[a as usize] += c(pc.assert(a));
            }
            for a in 0..pc.assumes {
                st.discards_by_assume[a as usize] += c(pc.assume(a));
            }
            for k in 0..pc.covers {
                st.cover_hits[k as usize] += c(pc.cover(k));
            }
            let fill = counters[(self.layout.counters + p as u32) as usize];
            // The dispatch's own list, when it holds every failure of the dispatch.
            let complete = (fill <= FAIL_CAP_PER_DISPATCH).then(|| {
                let at = p * FAIL_CAP_PER_DISPATCH as usize * 2;
                (0..fill as usize)
                    .map(|k| Failure { phase, index: base + fails[at + 2 * k] as u64, outcome: fails[at + 2 * k + 1] })
                    .collect::<Vec<_>>()
            });
            listed.push(complete.clone());
            if failed == 0 || st.failures.len() >= cap {
                continue;
            }
            let mut found = match complete {
                Some(list) => list,
                None => {
                    // More failures than the dispatch could list: the first ones in index order are
                    // recovered exactly on the CPU for this range.
                    let mut cpu_stats = self.cpu.run_range(phase, base, base + n as u64, cap)?;
                    std::mem::take(&mut cpu_stats[p].failures)
                }
            };
            found.sort();
            found.truncate(cap - st.failures.len());
            // Re-verify every GPU counterexample on the CPU before it is reported.
            let vectors: Vec<Vec<u32>> = found.iter().map(|f| self.vector(f.phase, f.index)).collect();
            let cpu = self.cpu.eval_vectors(&vectors);
            for (k, f) in found.into_iter().enumerate() {
                let cpu_outcome = cpu[p][k];
                if cpu_outcome == f.outcome {
                    st.failures.push(f);
                } else {
                    self.divergences.push(Divergence {
                        property: self.program.properties[p].name.clone(),
                        phase,
                        index: f.index,
                        gpu_outcome: f.outcome,
                        cpu_outcome,
                    });
                }
            }
        }
        if self.cross_check > 0.0 {
            self.cross_check_dispatch(phase, base, n, &listed);
        }
        Ok(())
    }

    fn vector(&self, phase: Phase, index: u64) -> Vec<u32> {
        let mut v = vec![0u32; self.generator.slots];
        self.generator.decode(phase, index, &mut v);
        v
    }

    /// Evaluates a deterministic sample of the dispatch on the CPU; a CPU failure that the GPU's
    /// complete failure list lacks is a divergence.
    fn cross_check_dispatch(&mut self, phase: Phase, base: u64, n: u32, listed: &[Option<Vec<Failure>>]) {
        let k = ((n as f64 * self.cross_check).ceil() as u64).clamp(1, n as u64);
        let stride = (n as u64 / k).max(1);
        let picks: Vec<u64> = (0..k).map(|i| base + (i * stride + (base.wrapping_mul(0x9E37_79B9) % stride)) % n as u64).collect();
        let vectors: Vec<Vec<u32>> = picks.iter().map(|&i| self.vector(phase, i)).collect();
        let cpu = self.cpu.eval_vectors(&vectors);
        for (p, list) in listed.iter().enumerate() {
            let Some(list) = list else { continue };
            for (j, &index) in picks.iter().enumerate() {
                let code = cpu[p][j];
                if crate::ir::Outcome::decode(code).is_failure() && !list.iter().any(|f| f.index == index) {
                    self.divergences.push(Divergence {
                        property: self.program.properties[p].name.clone(),
                        phase,
                        index,
                        gpu_outcome: 0,
                        cpu_outcome: code,
                    });
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
                let n = (end - next).min(self.dispatch as u64) as u32;
                let first_pending = queue.front().map(|f| f.base).unwrap_or(next);
                let f = self.submit(slot, phase, next, n).map_err(|e| (first_pending, e))?;
                queue.push_back(f);
                next += n as u64;
            }
            let Some(f) = queue.pop_front() else { break };
            let (counters, fails) = self.collect(&f).map_err(|e| (f.base, e))?;
            self.account(&f, &counters, &fails, cap, stats).map_err(|e| (f.base, e))?;
            free.push(f.slot);
        }
        Ok(())
    }
}

impl Backend for GpuBackend {
    fn name(&self) -> &'static str {
        if self.failed_over.is_some() { "cpu" } else { "gpu" }
    }
    fn adapter(&self) -> String {
        let gpu = format!("{} ({}, {})", self.dev.adapter.name, self.dev.adapter.backend, self.dev.adapter.device_type);
        match &self.failed_over {
            Some(why) => format!("{} after the GPU {gpu} failed: {why}", self.cpu.adapter()),
            None => gpu,
        }
    }
    fn batch_size(&self) -> u64 {
        self.dispatch as u64 * 4
    }
    fn run_range(&mut self, phase: Phase, start: u64, end: u64, cap: usize) -> Result<RangeStats, BackendError> {
        let mut stats: Vec<PropertyStats> = self.program.properties.iter().map(PropertyStats::new).collect();
        let resume_at = if self.failed_over.is_some() {
            start
        } else {
            match self.run_gpu(phase, start, end, cap, &mut stats) {
                Ok(()) => return Ok(stats),
                Err((at, e)) => {
                    // Dispatches from `at` on were never counted: the CPU takes over from there.
                    errln!("warning: {e}; continuing on the CPU from {} vector #{at} (no index lost or repeated)", phase.name());
                    tracing::warn!(error = %e, at, "GPU failed; falling back to the CPU");
                    self.failed_over = Some(e.to_string());
                    at
                }
            }
        };
        let rest = self.cpu.run_range(phase, resume_at, end, cap)?;
        for (s, r) in stats.iter_mut().zip(&rest) {
            s.merge(r, cap);
        }
        Ok(stats)
    }
    fn take_divergences(&mut self) -> Vec<Divergence> {
        std::mem::take(&mut self.divergences)
    }
}

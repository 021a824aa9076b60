//! The GPU backend: the IR lowered to one WGSL compute shader ([`emit`], printed from the typed
//! model in [`wgsl`]) and run through wgpu ([`runtime`]). Verdicts equal the CPU backend's.

pub mod emit;
pub mod probe;
pub mod runtime;
pub mod wgsl;

pub use emit::{ShaderLayout, emit};
pub mod multi;

pub use multi::MultiGpuBackend;
pub use runtime::{
    AdapterDesc, GpuBackend, GpuDevice, GpuError, GpuFault, WgslError, list_adapters, open_device, open_devices, planned_adapters,
    validate_wgsl,
};

/// The shader `vecrun emit-wgsl` prints for a program.
pub fn shader_source(program: &crate::ir::Program) -> Result<String, emit::EmitError> {
    Ok(emit(program)?.0.to_string())
}

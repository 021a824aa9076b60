//! `vecrun devices` and `vecrun emit-wgsl`.

use std::path::PathBuf;

use clap::Args;

use crate::fsio::printable;

use super::exit;

#[derive(Args, Debug)]
pub struct DevicesArgs {
    /// Show which adapters `--backend gpu --adapter NAME ...` would use (repeatable).
    #[arg(long, value_name = "NAME")]
    pub adapter: Vec<String>,
}

/// Lists every adapter wgpu can see, then the ones `--backend gpu` would run on.
pub fn devices(args: DevicesArgs) -> i32 {
    let adapters = crate::gpu::list_adapters();
    if adapters.is_empty() {
        outln!("no GPU adapters found (the CPU backend is always available)");
        return exit::OK;
    }
    let w = crate::run::report::column_width(adapters.iter().map(|a| a.name.len()).max().unwrap_or(4));
    outln!("{:w$}  {:8}  {:13}  driver", "name", "backend", "type");
    for a in adapters {
        outln!("{:w$}  {:8}  {:13}  {}", printable(&a.name), a.backend, a.device_type, printable(&a.driver));
    }
    let hardware_only = !super::allow_software_gpu();
    match crate::gpu::planned_adapters(&args.adapter, hardware_only) {
        Ok(used) => {
            let names: Vec<String> = used.iter().map(|a| format!("{} ({}, {})", printable(&a.name), a.backend, a.device_type)).collect();
            outln!("--backend gpu uses {} device(s): {}", names.len(), names.join(", "));
        }
        Err(e) => outln!("--backend gpu uses none: {}", super::software_gpu_hint(&e)),
    }
    exit::OK
}

#[derive(Args, Debug)]
pub struct EmitWgslArgs {
    /// The spec whose compute shader to print.
    #[arg(value_name = "SPEC")]
    pub spec: PathBuf,
}

/// Prints the WGSL compute shader a spec runs as.
pub fn emit_wgsl(args: EmitWgslArgs) -> i32 {
    let Some(checked) = super::compile_reported(&args.spec) else { return exit::ERROR };
    let program = crate::ir::lower(&checked.spec);
    match crate::gpu::shader_source(&program) {
        Ok(src) => {
            out!("{src}");
            exit::OK
        }
        Err(e) => {
            errln!("error: {e}");
            exit::ERROR
        }
    }
}

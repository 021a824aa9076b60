//! `vecrun devices` and `vecrun emit-wgsl`.

use std::path::PathBuf;

use clap::Args;

use super::{exit, report_compile_error, report_warnings};

#[derive(Args, Debug)]
pub struct DevicesArgs {}

/// Lists every adapter wgpu can see.
pub fn devices(_: DevicesArgs) -> i32 {
    let adapters = crate::gpu::list_adapters();
    if adapters.is_empty() {
        outln!("no GPU adapters found (the CPU backend is always available)");
        return exit::OK;
    }
    let w = crate::run::report::column_width(adapters.iter().map(|a| a.name.len()).max().unwrap_or(4));
    outln!("{:w$}  {:8}  {:13}  driver", "name", "backend", "type");
    for a in adapters {
        outln!("{:w$}  {:8}  {:13}  {}", a.name, a.backend, a.device_type, a.driver);
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
    let checked = match super::compile(&args.spec) {
        Ok(c) => c,
        Err(e) => {
            report_compile_error(&e);
            return exit::ERROR;
        }
    };
    report_warnings(&checked.spec.sources, &checked.warnings);
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

//! Device limits are checked, not assumed: a spec whose shader would exceed one gets a clear
//! error (never a panic or a hang), and `--backend auto` then runs it on the CPU.

mod support;

use std::fmt::Write;
use std::process::Command;

/// A spec with enough asserts that its per-workgroup counters exceed workgroup memory.
fn huge_counter_spec(properties: usize, asserts: usize) -> String {
    let mut s = String::from("spec huge { version = \"1\" }\ninput x: u32 in 0..100;\n");
    for p in 0..properties {
        let _ = writeln!(s, "property p{p} {{");
        for a in 0..asserts {
            let _ = writeln!(s, "  assert x != {};", 100 + a);
        }
        s.push_str("}\n");
    }
    s
}

#[test]
fn too_many_counters_for_workgroup_memory_is_a_clear_error() {
    let Some(dev) = support::gpu_device() else { return };
    let spec = support::compile_text(&huge_counter_spec(64, 200));
    let program = vecrun::ir::lower(&spec);
    let generator = vecrun::run::Generator::new(&program.slots, 0, spec.input_hash);
    let cpu = vecrun::cpu::CpuBackend::new(&program, generator.clone(), 1).unwrap();
    match vecrun::gpu::GpuBackend::new(dev, &program, generator, cpu) {
        Err(vecrun::gpu::GpuError::Limit(msg)) => assert!(msg.contains("workgroup memory"), "{msg}"),
        Err(other) => panic!("expected a limit error, got: {other}"),
        Ok(_) => panic!("64 x 203 counters cannot fit any device's workgroup memory"),
    }
}

#[test]
fn auto_backend_falls_back_to_the_cpu_and_gpu_backend_exits_2() {
    if support::gpu_device().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.vspec");
    std::fs::write(&path, huge_counter_spec(64, 200)).unwrap();
    let run = |backend: &str| {
        Command::new(env!("CARGO_BIN_EXE_vecrun"))
            .args([
                "run",
                path.to_str().unwrap(),
                "--backend",
                backend,
                "--adapter",
                "llvmpipe",
                "--vectors",
                "1000",
                "-q",
                "--out",
                dir.path().join(backend).to_str().unwrap(),
            ])
            .env("VECRUN_ALLOW_SOFTWARE_GPU", "1")
            .output()
            .unwrap()
    };
    let o = run("gpu");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("exceeds a device limit"), "{err}");
    let o = run("auto");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("using the CPU backend"), "{err}");
}

#[test]
fn more_than_32_covers_is_refused_by_the_gpu_writer() {
    let mut s = String::from("spec covers { version = \"1\" }\ninput x: u32;\nproperty p {\n");
    for c in 0..40 {
        let _ = writeln!(s, "  cover x == {c}, \"c{c}\";");
    }
    s.push_str("  assert true;\n}\n");
    let spec = support::compile_text(&s);
    let program = vecrun::ir::lower(&spec);
    let err = vecrun::gpu::shader_source(&program).unwrap_err();
    assert!(err.to_string().contains("at most 32"), "{err}");
}

//! GPU benchmark (run by `scripts/bench-gpu.sh`): vectors per second of vecrun's generated shader
//! against the hand-written kernel of `kernels/` and against vecrun's CPU backend, for the three
//! reference properties, on whatever adapter is present, sweeping the dispatch size. One process,
//! one table; each figure is the median of several repetitions.

use std::path::Path;
use std::time::Instant;

use vecrun::cpu::CpuBackend;
use vecrun::gpu::GpuBackend;
use vecrun::run::{Backend, Generator, Phase};

const REPS: usize = 5;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Median vectors/s of `n` random-phase vectors (after one warm-up run).
fn rate(backend: &mut dyn Backend, n: u64) -> (f64, u64) {
    let warm = backend.run_range(Phase::Random, 0, n.min(1 << 20), 100).expect("warm-up");
    let _ = warm;
    let mut rates = Vec::new();
    let mut failed = 0;
    for rep in 0..REPS {
        let base = (rep as u64 + 1) << 40;
        let t = Instant::now();
        let r = backend.run_range(Phase::Random, base, base + n, 100).expect("run");
        rates.push(n as f64 / t.elapsed().as_secs_f64());
        failed = r[0].failed;
    }
    (median(rates), failed)
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dev = match vecrun::gpu::open_device(std::env::var("VECRUN_ADAPTER").ok().as_deref(), false) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("no GPU adapter: {e}");
            std::process::exit(2);
        }
    };
    let library: String = vecrun::gpu::emit::LIBRARY.iter().map(|(_, t)| *t).collect::<Vec<_>>().join("\n");
    let common = std::fs::read_to_string(root.join("kernels/common.wgsl")).expect("kernels/common.wgsl");
    let min_exp: u32 = std::env::var("BENCH_GPU_MIN_EXP").ok().and_then(|v| v.parse().ok()).unwrap_or(20);
    let max_exp: u32 = std::env::var("BENCH_GPU_MAX_EXP").ok().and_then(|v| v.parse().ok()).unwrap_or(26);
    println!("adapter: {} ({}, {})", dev.adapter.name, dev.adapter.backend, dev.adapter.device_type);
    println!(
        "{:9} {:>9} {:>16} {:>16} {:>9} {:>14} {:>10}",
        "property", "dispatch", "generated v/s", "hand-written v/s", "gen/hand", "cpu v/s", "gpu/cpu"
    );
    for name in ["midpoint", "poly", "ledger"] {
        let spec = vecrun::compile_spec(&root.join(format!("datasets/specs/bench/{name}.vspec")))
            .unwrap_or_else(|_| panic!("{name}.vspec compiles"))
            .spec;
        let program = vecrun::ir::lower(&spec);
        let generator = Generator::new(&program.slots, 1, spec.input_hash);
        let kernel = std::fs::read_to_string(root.join(format!("kernels/{name}.wgsl"))).expect("kernel file");
        let hand_source = format!("{library}\n{common}\n{kernel}");
        let mut cpu = CpuBackend::new(&program, generator.clone(), 0).expect("cpu");
        let cpu_n: u64 = if name == "ledger" { 1 << 22 } else { 1 << 24 };
        let (cpu_rate, cpu_failed) = rate(&mut cpu, cpu_n);
        for exp in min_exp..=max_exp {
            let dispatch = 1u32 << exp;
            let reference = || CpuBackend::new(&program, generator.clone(), 0).expect("cpu");
            let mut generated = GpuBackend::new(dev.clone(), &program, generator.clone(), reference()).expect("generated shader");
            let mut hand = GpuBackend::with_source(dev.clone(), &program, generator.clone(), reference(), hand_source.clone())
                .expect("hand-written kernel");
            generated.set_dispatch_size(dispatch);
            hand.set_dispatch_size(dispatch);
            let n = (dispatch as u64 * 2).max(1 << 22);
            let (g, gf) = rate(&mut generated, n);
            let (h, hf) = rate(&mut hand, n);
            assert_eq!(gf, hf, "{name}: the generated shader and the hand-written kernel disagree on the failure count");
            println!(
                "{name:9} {:>9} {:>16.3e} {:>16.3e} {:>8.0}% {:>14.3e} {:>9.2}x",
                format!("2^{exp}"),
                g,
                h,
                100.0 * g / h,
                cpu_rate,
                g / cpu_rate
            );
        }
        let _ = cpu_failed;
    }
}

//! GPU benchmark (run by `scripts/bench-gpu.sh`): vectors per second of vecrun's generated shader
//! against the hand-written kernel of `kernels/` and against vecrun's CPU backend, for the three
//! reference properties, on whatever adapter is present, sweeping the dispatch size. One process,
//! one table; each figure is the median of several repetitions (`BENCH_GPU_REPS`, default 5), the generated
//! and hand-written repetitions interleaved. `BENCH_GPU_ONLY=midpoint,...` picks properties;
//! `BENCH_GPU_HAND=shader.wgsl` replaces the hand-written column by a whole shader, to measure a variant.

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

/// Repetitions per figure (`BENCH_GPU_REPS`, default 5).
fn reps() -> usize {
    std::env::var("BENCH_GPU_REPS").ok().and_then(|v| v.parse().ok()).filter(|&r| r >= 1).unwrap_or(REPS)
}

/// Median vectors/s of `n` random-phase vectors on each backend (after one warm-up run each), the
/// repetitions of the backends interleaved so that a change in the machine's load touches all of them.
fn rates(backends: &mut [&mut dyn Backend], n: u64) -> Vec<(f64, u64)> {
    for b in backends.iter_mut() {
        b.run_range(Phase::Random, 0, n.min(1 << 20), 100).expect("warm-up");
    }
    let mut rates = vec![Vec::new(); backends.len()];
    let mut failed = vec![0; backends.len()];
    for rep in 0..reps() {
        let base = (rep as u64 + 1) << 40;
        for (i, b) in backends.iter_mut().enumerate() {
            let t = Instant::now();
            let r = b.run_range(Phase::Random, base, base + n, 100).expect("run");
            rates[i].push(n as f64 / t.elapsed().as_secs_f64());
            failed[i] = r[0].failed;
        }
    }
    rates.into_iter().map(median).zip(failed).collect()
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
    // BENCH_GPU_ONLY=name[,name]: only these properties; BENCH_GPU_HAND=file.wgsl: a whole shader (library and
    // bindings included) that replaces the hand-written column, to measure a variant of the generated code.
    let only: Option<Vec<String>> = std::env::var("BENCH_GPU_ONLY").ok().map(|v| v.split(',').map(str::to_string).collect());
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}"));
    let hand_override = std::env::var("BENCH_GPU_HAND").ok().map(|p| read(&p));
    // BENCH_GPU_VARIANTS=a.wgsl,b.wgsl: whole shaders measured beside the two columns, in the same interleaved
    // repetitions, printed as a line each (for trying a change to the generated code before making it).
    let variants: Vec<(String, String)> =
        std::env::var("BENCH_GPU_VARIANTS").ok().map(|v| v.split(',').map(|p| (p.to_string(), read(p))).collect()).unwrap_or_default();
    for name in ["midpoint", "poly", "ledger"] {
        if only.as_ref().is_some_and(|o| !o.iter().any(|x| x == name)) {
            continue;
        }
        let spec = vecrun::compile_spec(&root.join(format!("datasets/specs/bench/{name}.vspec")))
            .unwrap_or_else(|_| panic!("{name}.vspec compiles"))
            .spec;
        let program = vecrun::ir::lower(&spec);
        let generator = Generator::new(&program.slots, 1, spec.input_hash);
        let kernel = std::fs::read_to_string(root.join(format!("kernels/{name}.wgsl"))).expect("kernel file");
        let hand_source = hand_override.clone().unwrap_or_else(|| format!("{library}\n{common}\n{kernel}"));
        let mut cpu = CpuBackend::new(&program, generator.clone(), 0).expect("cpu");
        let cpu_n: u64 = if name == "ledger" { 1 << 22 } else { 1 << 24 };
        let (cpu_rate, _) = rates(&mut [&mut cpu], cpu_n)[0];
        for exp in min_exp..=max_exp {
            let dispatch = 1u32 << exp;
            let reference = || CpuBackend::new(&program, generator.clone(), 0).expect("cpu");
            let mut generated = GpuBackend::new(dev.clone(), &program, generator.clone(), reference()).expect("generated shader");
            let mut hand = GpuBackend::with_source(dev.clone(), &program, generator.clone(), reference(), hand_source.clone())
                .expect("hand-written kernel");
            generated.set_dispatch_size(dispatch);
            hand.set_dispatch_size(dispatch);
            let n = (dispatch as u64 * 2).max(1 << 22);
            let mut others: Vec<GpuBackend> = variants
                .iter()
                .map(|(p, src)| {
                    let mut b = GpuBackend::with_source(dev.clone(), &program, generator.clone(), reference(), src.clone())
                        .unwrap_or_else(|e| panic!("{p}: {e}"));
                    b.set_dispatch_size(dispatch);
                    b
                })
                .collect();
            let mut all: Vec<&mut dyn Backend> = vec![&mut generated, &mut hand];
            all.extend(others.iter_mut().map(|b| b as &mut dyn Backend));
            let r = rates(&mut all, n);
            // A shader whose counts do not add up is re-run on the CPU: that would time the CPU, not the shader.
            for (b, what) in
                all.iter().zip(["the generated shader", "the hand-written kernel"].into_iter().chain(variants.iter().map(|v| v.0.as_str())))
            {
                assert_eq!(b.name(), "gpu", "{name}: {what} fell back to the CPU ({})", b.adapter());
            }
            let ((g, gf), (h, hf)) = (r[0], r[1]);
            for ((p, _), (v, vf)) in variants.iter().zip(&r[2..]) {
                assert_eq!(*vf, gf, "{name}: {p} disagrees with the generated shader on the failure count");
                println!("{name:9} {:>9} variant {p}: {v:.3e} v/s, {:.0}% of hand-written", format!("2^{exp}"), 100.0 * v / h);
            }
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
    }
}

//! Criterion benchmarks of vecrun's CPU backend on the three reference properties, and of the generator alone.
//!
//! * `cpu_backend/{midpoint,poly,ledger}`: `run::execute` of the random phase through `CpuBackend` on all cores
//!   (the spec files of `datasets/specs/bench/`), throughput in vectors;
//! * `generator/{midpoint,poly,ledger}`: `RandomLayout::decode_random_into` on one thread, in chunks of
//!   `vecrun::cpu::LANES` lanes as the backend calls it, throughput in vectors.
//!
//! `cargo bench --bench cpu` (the three-way comparison with proptest and a hand-written loop is
//! `scripts/bench-peers.sh`).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use vecrun::cpu::CpuBackend;
use vecrun::r#gen::{RandomLayout, derive_key};
use vecrun::run::{Generator, Phase, PhasePlan};

/// The reference properties and the vectors per iteration of the backend benchmark.
const PROPS: [(&str, u64); 3] = [("midpoint", 1 << 24), ("poly", 1 << 24), ("ledger", 1 << 21)];

fn spec_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("datasets/specs/bench").join(format!("{name}.vspec"))
}

fn compile(name: &str) -> (vecrun::ir::Program, [u8; 32]) {
    let path = spec_path(name);
    let checked = vecrun::compile_spec(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (vecrun::ir::lower(&checked.spec), checked.spec.input_hash)
}

fn cpu_backend(c: &mut Criterion) {
    let mut group = c.benchmark_group("cpu_backend");
    group.sample_size(10).measurement_time(Duration::from_secs(5));
    for (name, n) in PROPS {
        let (program, hash) = compile(name);
        let generator = Generator::new(&program.slots, 0, hash);
        let mut backend = CpuBackend::new(&program, generator, 0).expect("CPU backend");
        let plan = PhasePlan { phases: vec![(Phase::Random, n)], exhaustive: false, groups: Vec::new() };
        group.throughput(Throughput::Elements(n));
        group.bench_function(name, |b| {
            b.iter(|| {
                let r = vecrun::run::execute(&program, &plan, &mut backend, &Default::default()).expect("run");
                black_box(r.stats[0].failed)
            })
        });
    }
    group.finish();
}

fn generator(c: &mut Criterion) {
    const N: usize = 1 << 20;
    let lanes = vecrun::cpu::LANES;
    let mut group = c.benchmark_group("generator");
    group.sample_size(20).measurement_time(Duration::from_secs(3));
    for (name, _) in PROPS {
        let (program, hash) = compile(name);
        let layout = RandomLayout::new(&program.slots);
        let key = derive_key(0, hash);
        let mut bufs = vec![vec![0u32; lanes]; layout.slots()];
        group.throughput(Throughput::Elements(N as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut acc = 0u32;
                for base in (0..N as u64).step_by(lanes) {
                    let mut outs: Vec<&mut [u32]> = bufs.iter_mut().map(|v| &mut v[..]).collect();
                    layout.decode_random_into(key, base, &mut outs);
                    acc ^= bufs[0][0];
                }
                black_box(acc)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, cpu_backend, generator);
criterion_main!(benches);

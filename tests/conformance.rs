//! Conformance: the CPU and GPU backends evaluate the same index ranges of every example spec and
//! of targeted semantics specs, and agree exactly on every count and every failing index. Each
//! case is written once and stamped out per backend by `conformance!` (the CPU on two threads, the
//! CPU running compiled native code, the GPU); the reference is the CPU interpreter on one thread.

mod support;

use std::path::{Path, PathBuf};

use vecrun::cpu::{CpuBackend, CpuEngine};
use vecrun::gpu::GpuBackend;
use vecrun::ir::Program;
use vecrun::run::{Backend, Generator, Phase, PropertyStats};

const CAP: usize = 200;

/// Index ranges every backend evaluates: all edge vectors, random vectors near 0, across the
/// 2^32 boundary of the 64-bit index, and far out; plus the start of the exhaustive space.
fn ranges(generator: &Generator) -> Vec<(Phase, u64, u64)> {
    let mut r = vec![
        (Phase::Edge, 0, generator.edge.len()),
        (Phase::Random, 0, 30_000),
        (Phase::Random, (1 << 32) - 7_000, (1 << 32) + 7_000),
        (Phase::Random, 1 << 45, (1 << 45) + 5_000),
    ];
    if let Some(space) = generator.space() {
        r.push((Phase::Exhaustive, 0, space.min(40_000)));
        if space > 80_000 {
            r.push((Phase::Exhaustive, space - 20_000, space));
        }
    }
    r
}

fn evaluate(backend: &mut dyn Backend, program: &Program, ranges: &[(Phase, u64, u64)]) -> Vec<PropertyStats> {
    let mut total: Vec<PropertyStats> = program.properties.iter().map(PropertyStats::new).collect();
    for &(phase, start, end) in ranges {
        let part = backend
            .run_range(phase, start, end, CAP)
            .unwrap_or_else(|e| panic!("{} backend failed on {phase:?} {start}..{end}: {e}", backend.name()));
        for (t, p) in total.iter_mut().zip(&part) {
            t.merge(p, CAP);
        }
    }
    total
}

/// The program and seed-7 generator of each input space of the spec (one, unless properties have
/// inputs of their own: then each such property's space on its own, as `vecrun run` draws it).
fn compile(path: &Path) -> Vec<(Program, Generator)> {
    let checked = vecrun::compile_spec(path).unwrap_or_else(|_| panic!("{} does not compile", path.display()));
    let program = vecrun::ir::lower(&checked.spec);
    let space = vecrun::run::Space::new(&program, 7, checked.spec.input_hash);
    space.groups.into_iter().map(|g| (g.program, g.generator)).collect()
}

fn reference(program: &Program, generator: &Generator) -> Vec<PropertyStats> {
    let mut cpu = CpuBackend::new(program, generator.clone(), 1).expect("cpu backend");
    evaluate(&mut cpu, program, &ranges(generator))
}

fn assert_same(path: &Path, program: &Program, backend: &str, got: &[PropertyStats], want: &[PropertyStats]) {
    for ((p, g), w) in program.properties.iter().zip(got).zip(want) {
        assert_eq!(g, w, "{}: property `{}` differs between the {backend} backend and the CPU reference", path.display(), p.name);
    }
}

/// The CPU backend with all cores against the single-threaded reference.
fn check_cpu(path: &Path) {
    for (program, generator) in compile(path) {
        check_cpu_space(path, program, generator);
    }
}

fn check_cpu_space(path: &Path, program: Program, generator: Generator) {
    let want = reference(&program, &generator);
    let mut cpu = CpuBackend::new(&program, generator.clone(), 2).expect("cpu backend");
    let got = evaluate(&mut cpu, &program, &ranges(&generator));
    assert_same(path, &program, "cpu (2 threads)", &got, &want);
    assert!(want.iter().map(|s| s.evaluated).sum::<u64>() > 0, "nothing was evaluated");
}

/// The CPU backend running native lane code (every property compiled: none of these call an
/// `extern fn`) against the interpreter's reference, on the same indices.
fn check_compiled(path: &Path) {
    for (program, generator) in compile(path) {
        check_compiled_space(path, program, generator);
    }
}

fn check_compiled_space(path: &Path, program: Program, generator: Generator) {
    let want = reference(&program, &generator);
    let mut cpu = CpuBackend::new(&program, generator.clone(), 2).expect("cpu backend").with_engine(CpuEngine::Compiled);
    assert_eq!(cpu.compiled().0, program.properties.len(), "{}: every property compiles", path.display());
    let got = evaluate(&mut cpu, &program, &ranges(&generator));
    assert_same(path, &program, "compiled cpu", &got, &want);
}

/// The GPU backend (small dispatches, so ranges span several) against the CPU reference.
fn check_gpu(path: &Path) {
    let Some(dev) = support::gpu_device() else { return };
    for (program, generator) in compile(path) {
        check_gpu_space(path, dev.clone(), program, generator);
    }
}

fn check_gpu_space(path: &Path, dev: vecrun::gpu::GpuDevice, program: Program, generator: Generator) {
    let want = reference(&program, &generator);
    let cpu = CpuBackend::new(&program, generator.clone(), 1).expect("cpu backend");
    let mut gpu = GpuBackend::new(dev, &program, generator.clone(), cpu).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    gpu.set_dispatch_size(8_192);
    let got = evaluate(&mut gpu, &program, &ranges(&generator));
    assert!(gpu.divergences.is_empty(), "{}: backend-divergent counterexamples: {:?}", path.display(), gpu.divergences);
    // A dispatch whose counts do not add up is re-run on the CPU: the counts would then be the CPU's.
    assert_eq!(gpu.failed_over(), None, "{}: the GPU was given up", path.display());
    assert_same(path, &program, "gpu", &got, &want);
}

fn spec(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

macro_rules! conformance {
    ($($name:ident => $path:expr),* $(,)?) => {
        $(
            mod $name {
                #[test]
                fn cpu() {
                    super::check_cpu(&super::spec($path));
                }
                #[test]
                fn compiled() {
                    super::check_compiled(&super::spec($path));
                }
                #[test]
                fn gpu() {
                    super::check_gpu(&super::spec($path));
                }
            }
        )*
        /// Every root spec in datasets/specs/ must be listed above.
        #[test]
        fn every_example_spec_is_covered() {
            let listed: Vec<&str> = vec![$($path),*];
            let mut missing = Vec::new();
            let mut stack = vec![spec("datasets/specs")];
            while let Some(dir) = stack.pop() {
                for entry in std::fs::read_dir(&dir).expect("datasets/specs exists") {
                    let path = entry.expect("dir entry").path();
                    if path.is_dir() {
                        stack.push(path);
                    } else if path.extension().is_some_and(|e| e == "vspec") {
                        let text = std::fs::read_to_string(&path).expect("readable spec");
                        let is_root = text.lines().any(|l| l.trim_start().starts_with("spec "));
                        let rel = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).expect("inside the crate").to_string_lossy().replace('\\', "/");
                        // Specs with extern fns need implementations: tests/impls.rs runs them on
                        // both backends and both bindings.
                        let with_impls = text.lines().any(|l| l.trim_start().starts_with("extern fn "));
                        if is_root && !with_impls && !listed.contains(&rel.as_str()) {
                            missing.push(rel);
                        }
                    }
                }
            }
            assert!(missing.is_empty(), "example specs without a conformance test: {missing:?}");
        }
    };
}

conformance! {
    billing_failover => "datasets/specs/billing_failover.vspec",
    proven_u16 => "datasets/specs/proven_u16.vspec",
    proven_u8_pair => "datasets/specs/proven_u8_pair.vspec",
    gallery_binary_search_midpoint => "datasets/specs/gallery/binary_search_midpoint.vspec",
    gallery_saturating => "datasets/specs/gallery/saturating.vspec",
    gallery_fixed_point_money => "datasets/specs/gallery/fixed_point_money.vspec",
    gallery_fast_inv_sqrt => "datasets/specs/gallery/fast_inv_sqrt.vspec",
    gallery_token_bucket => "datasets/specs/gallery/token_bucket.vspec",
    gallery_refactor_old => "datasets/specs/gallery/refactor_old.vspec",
    gallery_refactor_new => "datasets/specs/gallery/refactor_new.vspec",
    gallery_magic_division => "datasets/specs/gallery/magic_division.vspec",
    gallery_base64 => "datasets/specs/gallery/base64.vspec",
    gallery_utf8 => "datasets/specs/gallery/utf8.vspec",
    gallery_civil_dates => "datasets/specs/gallery/civil_dates.vspec",
    gallery_float_cents => "datasets/specs/gallery/float_cents.vspec",
    bench_midpoint => "datasets/specs/bench/midpoint.vspec",
    bench_poly => "datasets/specs/bench/poly.vspec",
    bench_poly64 => "datasets/specs/bench/poly64.vspec",
    bench_ledger => "datasets/specs/bench/ledger.vspec",
    int_ops => "tests/conformance/int_ops.vspec",
    float_ops => "tests/conformance/float_ops.vspec",
    arrays => "tests/conformance/arrays.vspec",
    control_flow => "tests/conformance/control_flow.vspec",
    records => "tests/records/conformance.vspec",
    narrow_ints => "tests/conformance/narrow_ints.vspec",
    identities => "datasets/specs/identities.vspec",
}

/// A device that fails mid-run: the CPU takes over from the first uncounted dispatch, and the
/// result equals the CPU reference (no index lost or repeated).
#[test]
fn gpu_failure_mid_run_falls_back_to_the_cpu_without_losing_an_index() {
    let Some(dev) = support::gpu_device() else { return };
    let path = spec("tests/conformance/int_ops.vspec");
    let (program, generator) = compile(&path).remove(0);
    let want = reference(&program, &generator);
    let cpu = CpuBackend::new(&program, generator.clone(), 1).expect("cpu backend");
    let mut gpu = GpuBackend::new(dev, &program, generator.clone(), cpu).expect("gpu backend");
    gpu.set_dispatch_size(4_096);
    gpu.inject_failure_after(5);
    let got = evaluate(&mut gpu, &program, &ranges(&generator));
    assert_eq!(gpu.name(), "cpu", "the backend reports that it failed over");
    assert!(gpu.adapter().contains("failed"), "{}", gpu.adapter());
    assert_same(&path, &program, "gpu then cpu", &got, &want);
}

/// Cross-checking samples passing vectors on the CPU and finds no divergence on a correct GPU.
#[test]
fn gpu_cross_check_finds_nothing_on_agreeing_backends() {
    let Some(dev) = support::gpu_device() else { return };
    let path = spec("tests/conformance/arrays.vspec");
    let (program, generator) = compile(&path).remove(0);
    let cpu = CpuBackend::new(&program, generator.clone(), 1).expect("cpu backend");
    let mut gpu = GpuBackend::new(dev, &program, generator.clone(), cpu).expect("gpu backend");
    gpu.set_dispatch_size(4_096);
    gpu.set_cross_check(0.05);
    let _ = evaluate(&mut gpu, &program, &[(Phase::Random, 0, 40_000)]);
    assert!(gpu.divergences.is_empty(), "{:?}", gpu.divergences);
}

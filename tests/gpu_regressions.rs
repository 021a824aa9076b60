//! Regressions of the GPU backend that once gave a wrong verdict: each test is named after the bug
//! it pins (vecrun issue "Never a wrong verdict", section 1). They run on lavapipe with
//! `VECRUN_REQUIRE_GPU=1`, and skip without an adapter otherwise.

mod support;

use std::process::Command;

use vecrun::cpu::CpuBackend;
use vecrun::gpu::{GpuBackend, GpuDevice, GpuFault};
use vecrun::run::{self, Backend, Generator, Phase, PhasePlan, PropertyStats, RunOptions, Verdict};

use support::{Compiled, compile, cpu};

fn gpu(dev: &GpuDevice, c: &Compiled) -> GpuBackend {
    GpuBackend::new(dev.clone(), &c.program, c.generator.clone(), cpu(c)).expect("gpu backend")
}

/// Runs `plan` on a backend through the library's run loop.
fn execute(c: &Compiled, backend: &mut dyn Backend, plan: &PhasePlan) -> run::RunResult {
    run::execute(&c.program, plan, backend, &RunOptions { capacity: 20 }).expect("run")
}

fn exhaustive(c: &Compiled) -> PhasePlan {
    PhasePlan::new(&c.generator, u64::MAX, true)
}

/// Counts without the failure lists' order of discovery (both backends keep the first ones).
fn brief(s: &PropertyStats) -> String {
    format!(
        "evaluated {} passed {} failed {} discarded {} by assert {:?} oob {} covers {:?} first failures {:?}",
        s.evaluated,
        s.passed,
        s.failed,
        s.discarded,
        s.fails_by_assert,
        s.out_of_bounds,
        s.cover_hits,
        s.failures.iter().take(5).map(|f| f.index).collect::<Vec<_>>()
    )
}

const MILLION_TRIPS: &str = "spec s { version = \"1\" }
input a: u32 in 0..=63;
property p { var s: u32 = 0; for k in 0..1048576 { s += 1; } assert s != 1048576; }
";

/// llvmpipe ends every loop of an invocation once 65,535 loop iterations have run in it: the loop was
/// cut, `s` never reached 1,048,576, and the GPU said PROVEN (exit 0) where every vector fails.
#[test]
fn gpu_loop_of_a_million_trips_is_not_cut_short() {
    let Some(dev) = support::gpu_device() else { return };
    let c = compile(MILLION_TRIPS);
    let mut g = gpu(&dev, &c);
    let r = execute(&c, &mut g, &exhaustive(&c));
    assert_eq!(r.verdicts, vec![Verdict::Failed], "{} on {}", brief(&r.stats[0]), g.adapter());
    assert_eq!(r.stats[0].failed, 64, "{}", brief(&r.stats[0]));
    assert!(r.divergences.is_empty(), "{:?}", r.divergences);
}

/// With 4,096 trips, 16 vectors per invocation ran 16 * 4,097 loop iterations: the 16th vector of
/// every invocation was cut, and the GPU missed 4 of 64 failures. Now an invocation evaluates only as
/// many vectors as fit the budget, on the GPU.
#[test]
fn gpu_loop_of_4096_trips_fails_every_vector_on_the_device() {
    let Some(dev) = support::gpu_device() else { return };
    let c = compile(&MILLION_TRIPS.replace("1048576", "4096"));
    let mut g = gpu(&dev, &c);
    assert!(g.routed().is_empty(), "a 4,096-trip loop fits the device: {:?}", g.routed());
    let r = execute(&c, &mut g, &exhaustive(&c));
    assert_eq!(r.stats[0].failed, 64, "{} on {}", brief(&r.stats[0]), g.adapter());
    assert_eq!(r.backend, "gpu", "{}", r.adapter);
}

/// If a driver still cuts a loop (here: a shader that puts 16 vectors of 4,096 trips in one
/// invocation, as vecrun did), the property's exit check reports it and the dispatch is a device
/// error recomputed on the CPU, never a pass.
#[test]
fn gpu_loop_cut_by_the_driver_is_a_device_error_not_a_pass() {
    let Some(dev) = support::gpu_device() else { return };
    let c = compile(&MILLION_TRIPS.replace("1048576", "4096"));
    let source = vecrun::gpu::shader_source(&c.program).expect("shader");
    let per = vecrun::gpu::emit::ShaderLayout::new(&c.program).vectors_per_invocation;
    assert!(per < 16, "the layout must give fewer vectors per invocation to a 4,096-trip loop, got {per}");
    let forced = source.replace(&format!("j < {per}u"), "j < 16u").replace(&format!("(inv * {per}u)"), "(inv * 16u)");
    assert_ne!(forced, source);
    let mut g = GpuBackend::with_source(dev.clone(), &c.program, c.generator.clone(), cpu(&c), forced).expect("forced shader");
    let got = g.run_range(Phase::Exhaustive, 0, 64, 100).expect("run");
    let want = cpu(&c).run_range(Phase::Exhaustive, 0, 64, 100).expect("cpu");
    assert_eq!(brief(&got[0]), brief(&want[0]), "{}", g.adapter());
    if dev.adapter.name.to_lowercase().contains("llvmpipe") {
        assert_eq!(g.name(), "cpu", "llvmpipe cuts this loop: the run must have moved to the CPU ({})", g.adapter());
        assert!(g.adapter().contains("cut short"), "{}", g.adapter());
    }
}

/// A device that reports fewer evaluated vectors than it was given is a device error: the range is
/// recomputed on the CPU, and the counts equal the CPU's.
#[test]
fn gpu_that_loses_vectors_is_a_device_error_not_a_smaller_count() {
    let Some(dev) = support::gpu_device() else { return };
    let c = compile("spec lost { version = \"1\" }\ninput x: u32 in 0..5000;\nproperty p { assert x % 7 != 3; }\n");
    let mut g = gpu(&dev, &c);
    g.inject_fault(GpuFault::Lose(1));
    let got = g.run_range(Phase::Exhaustive, 0, 5000, 50).expect("run");
    let want = cpu(&c).run_range(Phase::Exhaustive, 0, 5000, 50).expect("cpu");
    assert_eq!(got, want);
    assert_eq!(g.name(), "cpu");
    assert!(g.adapter().contains("do not add up"), "{}", g.adapter());
}

/// lavapipe folded `(x + 12582912.0) - 12582912.0` to `x`: the "magic number" rounding, PROVEN on the
/// CPU over this range, FAILED on the GPU.
#[test]
fn gpu_does_not_fold_magic_number_rounding() {
    let Some(dev) = support::gpu_device() else { return };
    let c = compile(
        "spec magic { version = \"1\" }
input x: f32 in 1000.0..1100.0;
fn round_magic(x: f32) -> f32 { return (x + 12582912.0) - 12582912.0; }
property magic_round { assert round_magic(x) == round(x); }
",
    );
    let plan = exhaustive(&c);
    let want = execute(&c, &mut cpu(&c), &plan);
    assert_eq!(want.verdicts, vec![Verdict::Proven]);
    let mut g = gpu(&dev, &c);
    let got = execute(&c, &mut g, &plan);
    assert_eq!(got.verdicts, vec![Verdict::Proven], "{} on {}", brief(&got.stats[0]), g.adapter());
    assert_eq!(brief(&got.stats[0]), brief(&want.stats[0]));
}

/// lavapipe simplified `a + 1.0 * (b - a)` to `b`: the lerp end point failed on 2.8% of vectors on the
/// CPU and on none on the GPU.
#[test]
fn gpu_does_not_simplify_lerp_end_point() {
    let Some(dev) = support::gpu_device() else { return };
    let c = compile(
        "spec lerp { version = \"1\" }
input a: f32 in -1000.0..1000.0;
input b: f32 in -1000.0..1000.0;
property lerp_end { assert a + 1.0 * (b - a) == b; }
",
    );
    let plan = PhasePlan::new(&c.generator, 300_000, false);
    let want = execute(&c, &mut cpu(&c), &plan);
    assert!(want.stats[0].failed * 100 > want.stats[0].evaluated, "{}", brief(&want.stats[0]));
    let mut g = gpu(&dev, &c);
    let got = execute(&c, &mut g, &plan);
    assert_eq!(brief(&got.stats[0]), brief(&want.stats[0]), "{}", g.adapter());
    assert!(got.divergences.is_empty());
}

/// Division, square root, FMA, products and the rounding builtins on every kind of float (no domain:
/// subnormals, infinities, NaN): the GPU backend's counts equal the CPU's, whether the device computes
/// them exactly or the property runs on the CPU because it does not.
#[test]
fn gpu_float_division_sqrt_and_fma_match_the_cpu() {
    let Some(dev) = support::gpu_device() else { return };
    let c = compile(
        "spec fdiv { version = \"1\" }
input a: f32;
input b: f32;
input c: f32;
property div_exact { assert bits(a / b) != bits(b / a) || a == b; }
property div_round_trip { assume is_finite(a / b); assert (a / b) * b == a; }
property sqrt_square { assume a >= 0.0; let r: f32 = sqrt(a); assert r * r <= a || r * r > a; assert bits(sqrt(a * a)) != 1; }
property fma_vs_mul_add { assert fma(a, b, c) == a * b + c; }
property products { assert (a * b) * c == a * (b * c); }
property rounding { assert floor(a) + ceil(-a) == 0.0 || !is_finite(a); assert round(a) - trunc(a) != 0.5; }
",
    );
    let exact = dev.float_exactness().expect("float probe");
    let plan = PhasePlan::new(&c.generator, 200_000, false);
    let want = execute(&c, &mut cpu(&c), &plan);
    let mut g = gpu(&dev, &c);
    let got = execute(&c, &mut g, &plan);
    for (i, p) in c.program.properties.iter().enumerate() {
        assert_eq!(brief(&got.stats[i]), brief(&want.stats[i]), "{}: on {} (probe: {exact:?})", p.name, g.adapter());
    }
    assert!(got.divergences.is_empty(), "{:?}", got.divergences);
    assert!(want.stats.iter().any(|s| s.failed > 0), "some of these properties must fail");
}

const ALWAYS_PASSES: &str = "spec ok { version = \"1\" }
input x: u32 in 0..100000;
property p { assert x == x; }
";

/// A GPU that fails every vector filled its 1,024-entry failure list and was believed: FAILED with
/// 1,073,741,822 failures and no counterexample, where the truth is PROVEN. Now an overflowed list
/// means a CPU recount of the dispatch, and the disagreement makes the verdict DIVERGENT.
#[test]
fn gpu_failing_every_vector_is_divergent_not_failed() {
    let Some(dev) = support::gpu_device() else { return };
    let c = compile(ALWAYS_PASSES);
    let mut g = gpu(&dev, &c);
    g.inject_fault(GpuFault::FailAll);
    let r = execute(&c, &mut g, &exhaustive(&c));
    assert_eq!(r.verdicts, vec![Verdict::Divergent], "{}", brief(&r.stats[0]));
    assert_eq!(r.stats[0].failed, 0, "the counts of a recounted dispatch are the CPU's: {}", brief(&r.stats[0]));
    assert!(!r.divergences.is_empty());
}

/// The same with fewer wrong failures than the list holds, in a run that already has its `capacity`
/// of counterexamples (they used to be re-verified only until then).
#[test]
fn gpu_failing_a_few_vectors_is_divergent_even_with_full_capacity() {
    let Some(dev) = support::gpu_device() else { return };
    let c = compile(ALWAYS_PASSES);
    let mut g = gpu(&dev, &c);
    g.inject_fault(GpuFault::FailFirst(10));
    let r = run::execute(&c.program, &exhaustive(&c), &mut g, &RunOptions { capacity: 0 }).expect("run");
    assert_eq!(r.verdicts, vec![Verdict::Divergent], "{}", brief(&r.stats[0]));
    assert_eq!(r.stats[0].failed, 0);
}

/// A property that really fails more often than the list holds: the GPU's counts and first
/// counterexamples equal the CPU's in every dispatch, and nothing is divergent.
#[test]
fn gpu_overflowing_failure_lists_keep_exact_counts() {
    let Some(dev) = support::gpu_device() else { return };
    let c = compile("spec many { version = \"1\" }\ninput x: u32 in 0..300000;\nproperty p { assert x % 3 != 0; }\n");
    let plan = exhaustive(&c);
    let want = execute(&c, &mut cpu(&c), &plan);
    let mut g = gpu(&dev, &c);
    g.set_dispatch_size(65_536);
    let got = execute(&c, &mut g, &plan);
    assert_eq!(brief(&got.stats[0]), brief(&want.stats[0]));
    assert_eq!(got.stats[0].failures, want.stats[0].failures);
    assert!(got.divergences.is_empty(), "{:?}", &got.divergences[..got.divergences.len().min(3)]);
}

const SOMETIMES_FAILS: &str = "spec some { version = \"1\" }
input x: u32 in 0..20000;
property p { assert x % 1000 != 7; }
";

/// `--cross-check` printed "GPU says pass, CPU says fail" and the verdict stayed PROVEN (exit 0).
#[test]
fn cross_check_disagreement_makes_the_verdict_divergent() {
    let Some(dev) = support::gpu_device() else { return };
    let c = compile(SOMETIMES_FAILS);
    let mut g = gpu(&dev, &c);
    g.inject_fault(GpuFault::PassAll);
    g.set_cross_check(1.0);
    let r = execute(&c, &mut g, &exhaustive(&c));
    assert_eq!(r.verdicts, vec![Verdict::Divergent], "{}", brief(&r.stats[0]));
    assert!(r.divergences.iter().any(|d| d.gpu_outcome == 0 && d.cpu_outcome != 0), "{:?}", r.divergences.first());
}

#[test]
fn cross_check_disagreement_exits_1_from_the_binary() {
    if support::gpu_device().is_none() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("some.vspec");
    std::fs::write(&path, SOMETIMES_FAILS).expect("write spec");
    let run = |fault: &str| {
        Command::new(env!("CARGO_BIN_EXE_vecrun"))
            .args(["run", path.to_str().expect("path"), "--backend", "gpu", "--cross-check", "1", "--out"])
            .arg(dir.path().join(fault))
            .env("VECRUN_GPU_FAULT", fault)
            .env("XDG_RUNTIME_DIR", dir.path())
            .env("VECRUN_ALLOW_SOFTWARE_GPU", "1")
            .output()
            .expect("vecrun runs")
    };
    let o = run("pass-all");
    let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert_eq!(o.status.code(), Some(1), "{out}\n{err}");
    assert!(out.contains("DIVERGENT"), "{out}\n{err}");
    let o = run("fail-all");
    let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert_eq!(o.status.code(), Some(1), "{out}\n{err}");
    assert!(out.contains("DIVERGENT"), "{out}\n{err}");
    assert!(!out.contains("PROVEN"), "{out}\n{err}");
}

/// `--index I --backend gpu` evaluated on the CPU: the GPU backend now evaluates explicit vectors on the
/// device, with exact outcomes (discards by assume included), equal to the CPU's on the gallery.
#[test]
fn gpu_eval_vectors_equals_cpu_on_the_gallery() {
    let Some(dev) = support::gpu_device() else { return };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/specs/gallery");
    let mut specs: Vec<_> = std::fs::read_dir(&dir).expect("gallery").filter_map(|e| e.ok().map(|e| e.path())).collect();
    specs.sort();
    let mut checked = 0;
    let mut not_passing = 0;
    for path in specs.iter().filter(|p| p.extension().is_some_and(|e| e == "vspec")) {
        let Ok(checked_spec) = vecrun::compile_spec(path) else { continue };
        let program = vecrun::ir::lower(&checked_spec.spec);
        if program.properties.is_empty() {
            continue;
        }
        let generator = Generator::new(&program.slots, 11, checked_spec.spec.input_hash);
        let reference = CpuBackend::new(&program, generator.clone(), 1).expect("cpu");
        let mut g =
            GpuBackend::new(dev.clone(), &program, generator.clone(), CpuBackend::new(&program, generator.clone(), 1).expect("cpu"))
                .expect("gpu backend");
        let mut vectors = Vec::new();
        for i in 0..generator.edge.len().min(500) {
            let mut v = vec![0u32; generator.slots];
            generator.decode(Phase::Edge, i, &mut v);
            vectors.push(v);
        }
        for i in 0..3000u64 {
            let mut v = vec![0u32; generator.slots];
            generator.decode(Phase::Random, i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 20, &mut v);
            vectors.push(v);
        }
        let want = reference.eval_vectors(&vectors);
        let got = Backend::eval_vectors(&mut g, &vectors).expect("gpu eval");
        for (p, prop) in program.properties.iter().enumerate() {
            let wrong: Vec<usize> = (0..vectors.len()).filter(|&k| got[p][k] != want[p][k]).take(5).collect();
            assert!(
                wrong.is_empty(),
                "{}: {}: vectors {wrong:?}: GPU {:?}, CPU {:?}",
                path.display(),
                prop.name,
                wrong.iter().map(|&k| got[p][k]).collect::<Vec<_>>(),
                wrong.iter().map(|&k| want[p][k]).collect::<Vec<_>>()
            );
        }
        not_passing += want.iter().flatten().filter(|&&o| o != 0).count();
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} gallery specs checked");
    assert!(not_passing > 100, "only {not_passing} outcomes other than a pass: the comparison proves little");
}

/// `vecrun run --index I --backend gpu` evaluated the vector on the CPU; through
/// `GpuBackend::eval_vectors` it is evaluated on the device, and says so.
#[test]
fn index_with_the_gpu_backend_evaluates_on_the_gpu() {
    if support::gpu_device().is_none() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("some.vspec");
    std::fs::write(&path, SOMETIMES_FAILS).expect("write spec");
    let run = |index: &str| {
        Command::new(env!("CARGO_BIN_EXE_vecrun"))
            .args(["run", path.to_str().expect("path"), "--backend", "gpu", "--phase", "exhaustive", "--index", index])
            .env("XDG_RUNTIME_DIR", dir.path())
            .env("VECRUN_ALLOW_SOFTWARE_GPU", "1")
            .output()
            .expect("vecrun runs")
    };
    let o = run("7");
    let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert_eq!(o.status.code(), Some(1), "{out}\n{err}");
    assert!(out.contains("evaluated on gpu"), "{out}\n{err}");
    assert!(out.contains("FAILED"), "{out}\n{err}");
    let o = run("8");
    let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert_eq!(o.status.code(), Some(0), "{out}\n{err}");
    assert!(out.contains("evaluated on gpu") && out.contains("passed"), "{out}\n{err}");
}

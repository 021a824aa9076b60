//! Dispatches sized to the device and every GPU of the machine (vecrun issue 13, section 5): the
//! dispatch grows from its start within the device's limits, and a range split between two devices
//! gives the counts and failing indices of one device and of the CPU. On lavapipe with
//! `VECRUN_REQUIRE_GPU=1`; skipped without an adapter otherwise.

mod support;

use std::process::Command;
use std::time::Duration;

use vecrun::gpu::runtime::{DEFAULT_DISPATCH, START_DISPATCH};
use vecrun::gpu::{GpuBackend, GpuDevice, MultiGpuBackend};
use vecrun::run::{self, Backend, PhasePlan, RunOptions};

/// Two full-range inputs (edge then random phases); about one vector in 9,973 fails.
const RARE_FAILS: &str = "spec rare { version = \"1\" }
input a: u32;
input b: u32;
property p { assert (a ^ b) % 9973 != 5; }
property q { assume a % 3 != 0; assert b % 7919 != 11; }
";

use support::{Compiled, compile, cpu};

fn gpu(dev: GpuDevice, c: &Compiled) -> GpuBackend {
    GpuBackend::new(dev, &c.program, c.generator.clone(), cpu(c)).expect("gpu backend")
}

/// Every failure kept, so failing indices are compared, not only counts.
fn execute(c: &Compiled, backend: &mut dyn Backend, vectors: u64) -> run::RunResult {
    let plan = PhasePlan::new(&c.generator, vectors, false);
    run::execute(&c.program, &plan, backend, &RunOptions { capacity: 100_000 }).expect("run")
}

/// The dispatch was fixed at 2^22 vectors: a data-center GPU spent far more time in submit and
/// read-back than in the shader. It now starts small and doubles (here with a target no dispatch
/// reaches), never past the device's limits, and the counts stay the CPU's.
#[test]
fn dispatch_grows_from_its_start_within_device_limits_and_counts_equal_the_cpu() {
    let Some(dev) = support::gpu_device() else { return };
    let c = compile(RARE_FAILS);
    let mut g = gpu(dev, &c);
    let (max, edge_max) = g.max_dispatch();
    let start = g.dispatch_size();
    assert_eq!(start, START_DISPATCH.min(max));
    assert!(edge_max <= max && edge_max >= 1024, "edge {edge_max} max {max}");
    assert_eq!(g.granule(), 64 * (g.granule() / 64), "granule {} is not whole workgroups", g.granule());
    g.set_dispatch_target(Duration::MAX);
    let got = execute(&c, &mut g, 600_000);
    let grown = g.dispatch_size();
    assert!(grown > start, "the dispatch stayed at {start}");
    assert!(grown <= max, "the dispatch grew to {grown}, past the device limit {max}");
    assert_eq!(g.batch_size(), grown.max(DEFAULT_DISPATCH) as u64 * 4);
    // A dispatch grown past 2^22 (a fast GPU) raises the batch with it.
    g.set_dispatch_size(DEFAULT_DISPATCH * 2);
    assert_eq!(g.batch_size(), DEFAULT_DISPATCH as u64 * 8);
    let want = execute(&c, &mut cpu(&c), 600_000);
    assert!(want.stats.iter().all(|s| s.failed > 0), "the spec should fail sometimes: {:?}", want.stats);
    assert_eq!(got.stats, want.stats);
    assert!(got.divergences.is_empty(), "{:?}", got.divergences.first());
}

/// Two devices (on one adapter here; two GPUs on a real machine) split each range into contiguous
/// sub-ranges: the counts and failing indices equal one device's and the CPU's.
#[test]
fn two_devices_give_the_counts_and_failing_indices_of_one_device_and_the_cpu() {
    let (Some(d1), Some(d2), Some(d3)) = (support::gpu_device(), support::gpu_device(), support::gpu_device()) else { return };
    let c = compile(RARE_FAILS);
    let mut second = gpu(d2, &c);
    // Unequal shares, several dispatches each.
    second.set_dispatch_size(4096);
    let mut multi = MultiGpuBackend::new(vec![gpu(d1, &c), second]).expect("two devices");
    let parts = multi.split(1000, 1_000_000);
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0].0, 1000);
    assert_eq!(parts[0].1, parts[1].0, "sub-ranges are contiguous");
    assert_eq!(parts[1].1, 1_000_000);
    assert!(parts.iter().all(|(a, b)| a < b), "both devices get vectors: {parts:?}");
    assert!(multi.adapter().contains(" + "), "{}", multi.adapter());
    let got = execute(&c, &mut multi, 400_000);
    let one = execute(&c, &mut gpu(d3, &c), 400_000);
    let want = execute(&c, &mut cpu(&c), 400_000);
    assert!(want.stats.iter().all(|s| s.failed > 0), "the spec should fail sometimes: {:?}", want.stats);
    assert_eq!(one.stats, want.stats);
    assert_eq!(got.stats, want.stats);
    assert_eq!(got.verdicts, want.verdicts);
    assert!(got.divergences.is_empty(), "{:?}", got.divergences.first());
}

/// `--adapter` is repeatable: `--backend gpu --adapter X --adapter X` runs on two devices and exits
/// as one device does, and `vecrun devices --adapter X --adapter X` says it would use both.
#[test]
fn repeated_adapter_flag_runs_on_two_devices_like_one() {
    let Some(dev) = support::gpu_device() else { return };
    let name = dev.adapter.name.clone();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rare.vspec");
    std::fs::write(&path, RARE_FAILS).expect("write spec");
    let vecrun = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_vecrun"))
            .args(args)
            .env("XDG_RUNTIME_DIR", dir.path())
            .env("VECRUN_ALLOW_SOFTWARE_GPU", "1")
            .output()
            .expect("vecrun runs")
    };
    let o = vecrun(&["devices", "--adapter", &name, "--adapter", &name]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("--backend gpu uses 2 device(s)"), "{out}");
    let spec = path.to_str().expect("path");
    let run = |out_dir: &str, adapters: &[&str]| {
        let out = dir.path().join(out_dir);
        let mut args = vec!["run", spec, "--backend", "gpu", "--vectors", "200000", "--out", out.to_str().expect("path")];
        for a in adapters {
            args.extend(["--adapter", a]);
        }
        vecrun(&args)
    };
    let two = run("two", &[&name, &name]);
    let one = run("one", &[&name]);
    let err = String::from_utf8_lossy(&two.stderr);
    assert!(err.contains(" + "), "not on two devices: {err}");
    assert_eq!(two.status.code(), Some(1), "{err}");
    assert_eq!(one.status.code(), two.status.code());
    // Verdict lines, without the rate column.
    let summary = |o: &std::process::Output| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter(|l| l.contains("FAILED") || l.contains("PASSED"))
            .map(|l| l.split_whitespace().take(5).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
    };
    assert!(!summary(&two).is_empty(), "{}", String::from_utf8_lossy(&two.stdout));
    assert_eq!(summary(&two), summary(&one));
}

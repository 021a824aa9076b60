//! Results never depend on scheduling, stored rows included: the counterexample rows written to
//! Parquet (property, phase, index, outcome, original and shrunk values, in order) are identical for
//! `--threads 1` and `--threads 2`, the CPU and the GPU backend, a run stopped by its budget and
//! resumed, and a run stopped by SIGTERM and resumed, as for one uninterrupted run. Two properties
//! fail, so rows of both are found in the same batches and their stored order is tested too.

mod support;

use std::path::Path;
use std::process::{Command, Output};

const SPEC: &str = "spec rows { version = \"1\" }
input a: u32;
input b: [u32; 3] in 0..100000;
input c: i32 in -500..500;
property p {
  let mixed = (a ^ b[0]) % 4000;
  assert mixed != 17 || c < 0, \"planted\";
  assert b[1] + b[2] != 12345, \"sum\";
}
property slow {
  var acc: u32 = a;
  for k in 0..400 { acc = acc * 1664525 + 1013904223 + b[k % 3]; }
  assert acc % 2048 != 5, \"rare\";
}
";

fn vecrun(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vecrun"))
        .env("VECRUN_ALLOW_SOFTWARE_GPU", "1")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("vecrun runs")
}

/// The rows of a run, without the fields that name the run itself (run id, backend, adapter).
fn rows(dir: &Path) -> Vec<String> {
    let run = vecrun::output::parquet::read_counterexamples(&dir.join("counterexamples/part-0.parquet")).expect("readable");
    for property in ["p", "slow"] {
        assert!(run.rows.iter().any(|r| r.property == property), "the planted bug of `{property}` is found");
    }
    run.rows
        .iter()
        .map(|r| {
            format!(
                "{} {} #{} {:#x} assert={:?} orig={:?} shrunk={:?} steps={}",
                r.property, r.phase, r.vector_index, r.outcome, r.assert_index, r.original, r.shrunk, r.shrink_steps
            )
        })
        .collect()
}

fn run_to(dir: &Path, out: &str, extra: &[&str]) -> Vec<String> {
    run_n(dir, out, "400000", extra)
}

fn run_n(dir: &Path, out: &str, vectors: &str, extra: &[&str]) -> Vec<String> {
    let spec = dir.join("rows.vspec");
    let mut args = vec!["run", spec.to_str().unwrap(), "-q", "--vectors", vectors, "--shrink-steps", "200", "--out", out];
    args.extend_from_slice(extra);
    let o = vecrun(dir, &args);
    assert_eq!(o.status.code(), Some(1), "{extra:?}: {}", String::from_utf8_lossy(&o.stderr));
    rows(&dir.join(out))
}

#[test]
fn stored_rows_are_the_same_for_any_thread_count_and_backend() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rows.vspec"), SPEC).unwrap();
    let one = run_to(dir.path(), "t1", &["--backend", "cpu", "--threads", "1"]);
    let two = run_to(dir.path(), "t2", &["--backend", "cpu", "--threads", "2"]);
    assert_eq!(one, two, "--threads 1 and --threads 2 store the same rows");
    if support::gpu_device().is_some() {
        let gpu = run_to(dir.path(), "g", &["--backend", "gpu"]);
        assert_eq!(one, gpu, "the GPU backend stores the same rows as the CPU");
    }
}

#[test]
fn stored_rows_are_the_same_after_a_budget_stop_and_resume() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rows.vspec"), SPEC).unwrap();
    let spec = dir.path().join("rows.vspec");
    let whole = run_to(dir.path(), "whole", &["--backend", "cpu"]);
    let s = spec.to_str().unwrap();
    // A tiny time budget stops the run early (exit 3) with a checkpoint...
    let common = ["--backend", "cpu", "-q", "--vectors", "400000", "--shrink-steps", "200"];
    let mut first = vec!["run", s, "--out", "part", "--seconds", "0.02"];
    first.extend_from_slice(&common);
    let o = vecrun(dir.path(), &first);
    assert!(matches!(o.status.code(), Some(1) | Some(3)), "{}", String::from_utf8_lossy(&o.stderr));
    let cp: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.path().join("part/checkpoint.json")).unwrap()).unwrap();
    assert_eq!(cp["state"], "budget-exhausted", "the budget stopped the first part early");
    // ... and a resume with a larger budget finishes the same plan.
    let o = vecrun(dir.path(), &["run", s, "--resume", "part", "--backend", "cpu", "-q", "--seconds", "600", "--shrink-steps", "200"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(rows(&dir.path().join("part")), whole, "the resumed run stores the same rows as the uninterrupted one");
}

#[test]
fn stored_rows_are_the_same_after_sigterm_and_resume() {
    const VECTORS: &str = "3000000";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rows.vspec"), SPEC).unwrap();
    let spec = dir.path().join("rows.vspec");
    let s = spec.to_str().unwrap();
    let whole = run_n(dir.path(), "whole", VECTORS, &["--backend", "cpu"]);
    let out = dir.path().join("part");
    let mut child = Command::new(env!("CARGO_BIN_EXE_vecrun"))
        .args(["run", s, "-q", "--backend", "cpu", "--vectors", VECTORS, "--shrink-steps", "200", "--checkpoint-every", "0.1"])
        .arg("--out")
        .arg(&out)
        .current_dir(dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // Signal once a checkpoint with progress is on disk, i.e. mid-run.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        std::thread::sleep(std::time::Duration::from_millis(50));
        let done = std::fs::read_to_string(out.join("checkpoint.json"))
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|cp| cp["vectors_done"].as_u64())
            .unwrap_or(0);
        if done > 0 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no checkpoint with progress appeared");
        assert!(child.try_wait().unwrap().is_none(), "the run ended before it could be interrupted; raise VECTORS");
    }
    assert!(Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill").success());
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(130), "SIGTERM exits 130: {}", String::from_utf8_lossy(&o.stderr));
    let cp: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("checkpoint.json")).unwrap()).unwrap();
    assert_eq!(cp["state"], "interrupted");
    let o = vecrun(dir.path(), &["run", s, "--resume", "part", "--backend", "cpu", "-q", "--shrink-steps", "200"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(rows(&out), whole, "the run stopped by SIGTERM and resumed stores the same rows as the uninterrupted one");
}

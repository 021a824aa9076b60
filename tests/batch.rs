//! Unattended-run behaviour through the real binary: budgets (warn at 80%, stop at 100% with a
//! resumable checkpoint), SIGTERM and SIGKILL then resume equal an uninterrupted run, shards
//! merged equal the single run, the progress bar on a terminal, the Chrome trace, the history.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use vecrun::run::session::Checkpoint;

fn vecrun() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vecrun"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/batch/ledger_small.vspec")
}

fn run(args: &[&str]) -> Output {
    vecrun().args(args).output().expect("vecrun runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn checkpoint(dir: &Path) -> Checkpoint {
    Checkpoint::read(&dir.join("checkpoint.json")).expect("checkpoint readable")
}

/// The counts and counterexamples of a finished run (everything that must not depend on how the
/// run was scheduled).
fn results(cp: &Checkpoint) -> String {
    assert_eq!(cp.state, "finished", "run {} did not finish", cp.run_id);
    serde_json::to_string(&cp.stats).expect("stats serialise")
}

fn uninterrupted(dir: &Path, vectors: &str) -> String {
    let o = run(&["run", spec().to_str().unwrap(), "--backend", "cpu", "--vectors", vectors, "-q", "--out", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "the planted bug makes it fail: {}", stderr(&o));
    results(&checkpoint(dir))
}

#[test]
fn budget_warns_at_80_percent_then_stops_with_incomplete_and_a_resumable_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    let spec_path = dir.path().join("budget.vspec");
    std::fs::write(
        &spec_path,
        "spec budget_demo {\n  version = \"1\"\n  budget {\n    usd = 0.01\n    usd_per_hour = 36\n  }\n}\ninput a: u32;\ninput b: u32;\nproperty midpoint {\n  let m = a / 2 + b / 2 + (a & b & 1);\n  assert m >= min(a, b) && m <= max(a, b);\n}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let start = Instant::now();
    let o = run(&["run", spec_path.to_str().unwrap(), "--backend", "cpu", "--vectors", "1e15", "--out", out.to_str().unwrap()]);
    let wall = start.elapsed();
    assert_eq!(o.status.code(), Some(3), "exit 3 means the budget ran out: {}", stderr(&o));
    let err = stderr(&o);
    let warn_at = err.find("of the budget used").expect("an 80% warning");
    let stop_at = err.find("budget exhausted").expect("a stop message");
    assert!(warn_at < stop_at, "the warning comes before the stop");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("INCOMPLETE"), "{stdout}");
    assert!(!stdout.contains("PASSED"), "an unfinished property is not PASSED: {stdout}");
    let cp = checkpoint(&out);
    assert_eq!(cp.state, "budget-exhausted");
    assert!(cp.throttled);
    // One second of budget (0.01 USD at 36 USD/hour): stopped right after it, not before.
    assert!(cp.elapsed_seconds >= 1.0 && cp.elapsed_seconds < 3.0, "elapsed {}", cp.elapsed_seconds);
    assert!(wall < Duration::from_secs(60));
    let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["throttled"], true);
    assert_eq!(manifest["outcome"], "budget-exhausted");
    assert!(manifest["burn_usd"].as_f64().unwrap() >= 0.01);
    // Resumable: more budget continues from the checkpoint.
    let o2 = run(&["run", spec_path.to_str().unwrap(), "--backend", "cpu", "--resume", out.to_str().unwrap(), "--usd", "0.02"]);
    assert_eq!(o2.status.code(), Some(3), "{}", stderr(&o2));
    let cp2 = checkpoint(&out);
    assert!(cp2.vectors_done > cp.vectors_done);
    assert!(cp2.elapsed_seconds >= 2.0);
}

#[test]
fn resume_refuses_a_changed_spec() {
    let dir = tempfile::tempdir().unwrap();
    let spec_path = dir.path().join("s.vspec");
    let text = std::fs::read_to_string(spec()).unwrap();
    std::fs::write(&spec_path, &text).unwrap();
    let out = dir.path().join("out");
    let o = run(&["run", spec_path.to_str().unwrap(), "--backend", "cpu", "--vectors", "1e5", "-q", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    std::fs::write(&spec_path, text.replace("kind < 990", "kind < 991")).unwrap();
    let o = run(&["run", spec_path.to_str().unwrap(), "--backend", "cpu", "--resume", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("the spec changed"), "{}", stderr(&o));
}

/// Starts a long run, waits until it has written a checkpoint and done some work, then signals it.
fn interrupted_then_resumed(signal: &str, dir: &Path, vectors: &str) -> String {
    let out = dir.join("run");
    let mut child = vecrun()
        .args([
            "run",
            spec().to_str().unwrap(),
            "--backend",
            "cpu",
            "--vectors",
            vectors,
            "-q",
            "--checkpoint-every",
            "0.2",
            "--out",
            out.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        std::thread::sleep(Duration::from_millis(100));
        if let Ok(cp) = Checkpoint::read(&out.join("checkpoint.json"))
            && cp.vectors_done > 0
        {
            break;
        }
        assert!(Instant::now() < deadline, "no checkpoint with progress appeared");
        assert!(child.try_wait().unwrap().is_none(), "the run ended before it could be interrupted; raise the vector count");
    }
    let status = Command::new("kill").args([signal, &child.id().to_string()]).status().expect("kill");
    assert!(status.success());
    let o = child.wait_with_output().expect("wait");
    let cp = checkpoint(&out);
    if signal == "-TERM" {
        assert_eq!(o.status.code(), Some(130), "SIGTERM exits 130 after a checkpoint: {}", stderr(&o));
        assert_eq!(cp.state, "interrupted");
    }
    assert_ne!(cp.state, "finished", "interrupted before the end");
    let done_before = cp.vectors_done;
    let o = run(&["run", spec().to_str().unwrap(), "--backend", "cpu", "-q", "--resume", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("resuming run"), "{}", stderr(&o));
    let cp = checkpoint(&out);
    assert!(cp.vectors_done >= done_before);
    results(&cp)
}

#[test]
fn sigterm_then_resume_equals_an_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    let want = uninterrupted(&dir.path().join("whole"), "3e7");
    let got = interrupted_then_resumed("-TERM", dir.path(), "3e7");
    assert_eq!(got, want);
}

#[test]
fn sigkill_then_resume_loses_at_most_an_interval_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let want = uninterrupted(&dir.path().join("whole"), "3e7");
    let got = interrupted_then_resumed("-KILL", dir.path(), "3e7");
    // Equal counts mean no vector was evaluated twice and none was skipped.
    assert_eq!(got, want);
}

#[test]
fn shards_merged_equal_the_single_run() {
    let dir = tempfile::tempdir().unwrap();
    let want = uninterrupted(&dir.path().join("whole"), "3e5");
    for n in [1u64, 2, 3, 5] {
        let mut dirs = Vec::new();
        for k in 0..n {
            let d = dir.path().join(format!("n{n}-k{k}"));
            let o = run(&[
                "run",
                spec().to_str().unwrap(),
                "--backend",
                "cpu",
                "--vectors",
                "3e5",
                "-q",
                "--shard",
                &format!("{k}/{n}"),
                "--out",
                d.to_str().unwrap(),
            ]);
            assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
            dirs.push(d);
        }
        let merged = dir.path().join(format!("merged-{n}"));
        let mut args = vec!["merge".to_string(), merged.display().to_string()];
        args.extend(dirs.iter().map(|d| d.display().to_string()));
        let o = vecrun().args(&args).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "merged result has the failures: {}", stderr(&o));
        assert_eq!(results(&checkpoint(&merged)), want, "{n} shards merged");
        if n > 2 {
            // A missing shard is reported.
            let o = vecrun()
                .args(["merge", dir.path().join("partial").to_str().unwrap(), dirs[0].to_str().unwrap(), dirs[1].to_str().unwrap()])
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(2));
            assert!(stderr(&o).contains("missing shard"), "{}", stderr(&o));
        }
    }
}

#[test]
fn shard_from_the_job_engine_environment() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("aws");
    let o = vecrun()
        .args(["run", spec().to_str().unwrap(), "--backend", "cpu", "--vectors", "1e4", "-q", "--out", d.to_str().unwrap()])
        .env("AWS_BATCH_JOB_ARRAY_INDEX", "1")
        .env("AWS_BATCH_JOB_ARRAY_SIZE", "4")
        .output()
        .unwrap();
    assert!(stderr(&o).contains("shard 1/4 (from AWS Batch)"), "{}", stderr(&o));
    assert_eq!(checkpoint(&d).shard, Some((1, 4)));
    let o = vecrun()
        .args([
            "run",
            spec().to_str().unwrap(),
            "--backend",
            "cpu",
            "--vectors",
            "1e4",
            "-q",
            "--out",
            dir.path().join("k8s").to_str().unwrap(),
        ])
        .env("JOB_COMPLETION_INDEX", "2")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "Kubernetes without a shard count is an error");
    assert!(stderr(&o).contains("VECRUN_SHARD_COUNT"), "{}", stderr(&o));
}

#[test]
fn trace_is_valid_chrome_trace_json_and_history_names_the_last_green_hash() {
    let dir = tempfile::tempdir().unwrap();
    let spec_path = dir.path().join("green.vspec");
    std::fs::write(&spec_path, "spec green { version = \"1\" }\ninput x: u32 in 0..1000;\nproperty p { assert x < 1000; }\n").unwrap();
    let trace = dir.path().join("trace.json");
    let o = run(&[
        "--trace",
        trace.to_str().unwrap(),
        "run",
        spec_path.to_str().unwrap(),
        "--backend",
        "cpu",
        "-q",
        "--out",
        dir.path().join("o").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let events: serde_json::Value = serde_json::from_slice(&std::fs::read(&trace).unwrap()).expect("the trace is JSON");
    let names: Vec<&str> = events.as_array().expect("an array of events").iter().filter_map(|e| e["name"].as_str()).collect();
    for stage in ["compile", "run", "batch", "write"] {
        assert!(names.contains(&stage), "stage `{stage}` in the trace: {names:?}");
    }
    assert!(events.as_array().unwrap().iter().all(|e| e["ph"].is_string()), "every event has a phase");
    // Arguments are typed: a batch's range is numbers, not strings; only vecrun's own events.
    let batch = events.as_array().unwrap().iter().find(|e| e["name"] == "batch" && e["ph"] == "B").expect("a batch span");
    assert!(batch["args"]["start"].is_u64() && batch["args"]["end"].is_u64(), "numeric arguments: {batch}");
    assert!(batch["args"]["phase"].is_string(), "{batch}");
    assert!(
        events.as_array().unwrap().iter().all(|e| e["cat"].as_str().is_some_and(|c| c.starts_with("vecrun"))),
        "no wgpu or other crates' records in the trace"
    );
    let o = run(&["history", spec_path.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("last green spec hash"), "{out}");
    assert!(out.contains("PROVEN"), "{out}");
}

#[test]
fn progress_bar_on_a_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        panic!("`script` (util-linux) is needed to give vecrun a pseudo-terminal");
    }
    let dir = tempfile::tempdir().unwrap();
    let cmd = format!(
        "{} run {} --backend cpu --vectors 5e6 --out {}",
        env!("CARGO_BIN_EXE_vecrun"),
        spec().display(),
        dir.path().join("o").display()
    );
    let o = Command::new("script").args(["-qec", &cmd, "/dev/null"]).current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("script runs");
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("ETA"), "the bar shows an ETA: {text}");
    assert!(text.contains("failures"), "the bar shows failures so far: {text}");
    // Off a terminal there is no bar, only plain lines.
    let o =
        run(&["run", spec().to_str().unwrap(), "--backend", "cpu", "--vectors", "1e5", "--out", dir.path().join("p").to_str().unwrap()]);
    assert!(!stderr(&o).contains("ETA"));
    assert!(stderr(&o).contains("vectors ("), "{}", stderr(&o));
}

//! `extern fn` bound to real implementations, end to end through the binary: the billing ledger
//! in Rust (a process and a shared library) and in Python (a process) found double-charging,
//! shrunk against the implementation and fixed by the rebuilt one (`vecrun replay --impl`); the
//! system libm checked against the spec's builtins; implementations that crash, hang, answer
//! nonsense or change their answers, each with its reason stored and no vector lost or counted
//! twice (counts compared with a well-behaved binding on the same vectors).
//!
//! The Rust implementations are built here with cargo (`billing-impl`, `vecrun-lib-host`), the C
//! ones with the system compiler; the Python ones need `VECRUN_PYTHON` (pyarrow and numpy), which
//! scripts/test.sh sets.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use vecrun::output::model::Reason;
use vecrun::output::parquet::{StoredRun, read_counterexamples, read_summary};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn vecrun(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vecrun")).args(args).current_dir(root()).output().expect("vecrun runs")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// The Rust implementations of this workspace (built once per test process): `(billing-impl,
/// libbilling_impl.so, vecrun-lib-host)`.
fn rust_impls() -> &'static (PathBuf, PathBuf, PathBuf) {
    static BUILT: OnceLock<(PathBuf, PathBuf, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--offline", "-q", "-p", "billing-impl", "-p", "vecrun-impl"])
            .current_dir(root())
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the example implementations failed");
        let dir = target_dir();
        let paths = (dir.join("billing-impl"), dir.join("libbilling_impl.so"), dir.join("vecrun-lib-host"));
        for p in [&paths.0, &paths.1, &paths.2] {
            assert!(p.is_file(), "{} was not built", p.display());
        }
        paths
    })
}

/// The profile directory this test binary was built into (`target/debug`).
fn target_dir() -> PathBuf {
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_vecrun"));
    exe.parent().expect("the binary has a directory").to_path_buf()
}

/// A shared library compiled from one of `examples/impls/c/`, into `dir`.
fn c_library(source: &str, dir: &Path) -> PathBuf {
    let out = dir.join(format!("lib{}.so", source.trim_end_matches(".c")));
    let status = Command::new("cc")
        .args(["-O2", "-shared", "-fPIC", "-o"])
        .arg(&out)
        .arg(root().join("examples/impls/c").join(source))
        .arg("-lm")
        .status()
        .expect("the C compiler runs");
    assert!(status.success(), "cc {source} failed");
    out
}

fn python() -> Option<String> {
    match std::env::var("VECRUN_PYTHON") {
        Ok(p) if !p.is_empty() => Some(p),
        _ => {
            if std::env::var_os("CI").is_some() {
                panic!("VECRUN_PYTHON is not set: under CI the Python implementations must run (use scripts/test.sh)");
            }
            eprintln!("skipping: set VECRUN_PYTHON to a Python with pyarrow and numpy (scripts/test.sh does)");
            None
        }
    }
}

fn cx(out: &Path) -> StoredRun {
    read_counterexamples(&out.join("counterexamples/part-0.parquet")).expect("counterexamples are readable")
}

/// `(evaluated, failed)` of a property from `summary.parquet`.
fn counts(out: &Path, property: &str) -> (u64, u64) {
    let s = read_summary(&out.join("summary/part-0.parquet")).expect("the summary is readable");
    let row = s.rows.iter().find(|r| r.property == property).expect("the property has a summary row");
    (row.evaluated, row.failed)
}

fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap()
}

// ------------------------------------------------------------------------------------ billing

/// Runs the billing spec against `binding` (a `--impl` value); returns the output directory.
fn billing_run(dir: &Path, name: &str, binding: &str) -> (Output, PathBuf) {
    let out = dir.join(name);
    let o = vecrun(&[
        "run",
        "datasets/specs/billing_impl.vspec",
        "--vectors",
        "200000",
        "--seed",
        "7",
        "-q",
        "--impl",
        binding,
        "--out",
        out.to_str().unwrap(),
    ]);
    (o, out)
}

/// The double charge is found and shrunk against the implementation to its minimum: an order of
/// 1 cent, two events (a fail-over toggle, then a client retry) and nothing else.
fn assert_double_charge_found(o: &Output, out: &Path, binding: &str) {
    assert_eq!(o.status.code(), Some(1), "{binding}: {}", text(o));
    let run = cx(out);
    let rows: Vec<_> = run.rows.iter().filter(|r| r.property == "no_double_charge").collect();
    assert!(!rows.is_empty(), "{binding}: no counterexample rows");
    for r in &rows {
        assert_eq!(r.reason, Reason::Assert, "{binding}: {r:?}");
        assert_eq!(r.assert_message, "customer double-charged", "{binding}");
    }
    // The shrunk vector fails on the real code: amount 1, and exactly two non-zero events, a
    // fail-over toggle (990..998) before a retry (999).
    let shrunk = &rows[0].shrunk;
    let (amount, ops) = (shrunk[0], &shrunk[1..17]);
    assert_eq!(amount, 1, "{binding}: shrunk {shrunk:?}");
    let events: Vec<u32> = ops.iter().copied().filter(|&v| v != 0).collect();
    assert_eq!(events.len(), 2, "{binding}: shrunk ops {ops:?}");
    assert!((990..999).contains(&(events[0] % 1000)) && events[1] % 1000 == 999, "{binding}: shrunk ops {ops:?}");
    // The table stores what the implementation returned on the shrunk vector, as computed here by
    // an independent model of the buggy ledger.
    assert_eq!(run.externs, vec![("ledger".to_string(), vecrun::check::Type::Array(vecrun::sem::ScalarType::U32, 2))]);
    for r in &rows {
        let ops: [u32; 16] = r.shrunk[1..17].try_into().unwrap();
        assert_eq!(r.implementation, vec![Some(buggy_ledger(&ops, r.shrunk[0]).to_vec())], "{binding}: {r:?}");
    }
    // The manifest names the binding with a content hash of what ran.
    let m = manifest(out);
    let b = &m["bindings"][0];
    assert_eq!(b["function"], "ledger", "{binding}");
    assert_eq!(b["hash"].as_str().map(str::len), Some(64), "{binding}: {b}");
}

/// The ledger with the fail-over double charge, written from its description (docs/implementations.md).
fn buggy_ledger(ops: &[u32; 16], amount: u32) -> [u32; 2] {
    let (mut charged, mut charges, mut pending, mut up) = (0u32, 0u32, false, true);
    for op in ops {
        match op % 1000 {
            k if k < 500 => {
                if up {
                    charged = charged.wrapping_add(amount);
                    charges += 1;
                    pending = true;
                }
            }
            k if k < 990 => pending = false,
            k if k < 999 => up = !up,
            _ => {
                if pending && !up {
                    charged = charged.wrapping_add(amount);
                    charges += 1;
                }
            }
        }
    }
    [charged, charges]
}

/// After the fix, every stored row replays as fixed against the rebuilt implementation (exit 0);
/// against the buggy one they still fail (exit 1).
fn assert_replay(out: &Path, fixed: &str, buggy: &str) {
    let file = out.join("counterexamples/part-0.parquet");
    let file = file.to_str().unwrap();
    let r = vecrun(&["replay", file, "--impl", fixed]);
    let t = text(&r);
    assert_eq!(r.status.code(), Some(0), "replay against the fixed build: {t}");
    assert!(t.contains("fixed") && !t.contains("still failing: 1"), "{t}");
    let r = vecrun(&["replay", file, "--impl", buggy]);
    assert_eq!(r.status.code(), Some(1), "replay against the buggy build: {}", text(&r));
}

#[test]
fn rust_process_binding_finds_the_double_charge_and_replay_confirms_the_fix() {
    let (bin, _, _) = rust_impls();
    let dir = tempfile::tempdir().unwrap();
    let buggy = format!("ledger=exec:{}", bin.display());
    let fixed = format!("ledger=exec:{} --fixed", bin.display());
    let (o, out) = billing_run(dir.path(), "rs-exec", &buggy);
    assert_double_charge_found(&o, &out, &buggy);
    assert_eq!(manifest(&out)["bindings"][0]["kind"], "exec");
    // `vecrun report` shows what the implementation returned on the smallest shrunk vector.
    let r = vecrun(&["report", out.to_str().unwrap()]);
    assert!(text(&r).contains("ledger returned ["), "{}", text(&r));
    assert_replay(&out, &fixed, &buggy);
    // The fixed build passes the spec.
    let (o, _) = billing_run(dir.path(), "rs-exec-fixed", &fixed);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn rust_library_binding_finds_the_same_rows_as_the_process() {
    let (bin, lib, _) = rust_impls();
    let dir = tempfile::tempdir().unwrap();
    let buggy = format!("ledger=lib:{}:ledger_buggy", lib.display());
    let fixed = format!("ledger=lib:{}:ledger_fixed", lib.display());
    let (o, out) = billing_run(dir.path(), "rs-lib", &buggy);
    assert_double_charge_found(&o, &out, &buggy);
    assert_eq!(manifest(&out)["bindings"][0]["kind"], "lib");
    assert_replay(&out, &fixed, &buggy);
    // One meaning whatever the binding: the same failing vectors and shrunk rows as the process.
    let (_, exec_out) = billing_run(dir.path(), "rs-exec", &format!("ledger=exec:{}", bin.display()));
    let key = |r: &StoredRun| r.rows.iter().map(|c| (c.vector_index, c.original.clone(), c.shrunk.clone())).collect::<Vec<_>>();
    assert_eq!(key(&cx(&out)), key(&cx(&exec_out)));
    assert_eq!(counts(&out, "no_double_charge"), counts(&exec_out, "no_double_charge"));
}

#[test]
fn python_process_binding_finds_the_double_charge_and_replay_confirms_the_fix() {
    let Some(py) = python() else { return };
    let script = root().join("examples/impls/billing-py/billing.py");
    let dir = tempfile::tempdir().unwrap();
    let buggy = format!("ledger=exec:{py} {}", script.display());
    let fixed = format!("ledger=exec:{py} {} --fixed", script.display());
    let (o, out) = billing_run(dir.path(), "py", &buggy);
    assert_double_charge_found(&o, &out, &buggy);
    // The script is part of what ran: its hash is recorded.
    let files = manifest(&out)["bindings"][0]["files"].to_string();
    assert!(files.contains("billing.py="), "{files}");
    assert_replay(&out, &fixed, &buggy);
}

#[test]
fn results_do_not_depend_on_the_thread_count_with_an_implementation() {
    let (_, lib, _) = rust_impls();
    let dir = tempfile::tempdir().unwrap();
    let binding = format!("ledger=lib:{}:ledger_buggy", lib.display());
    let mut rows = Vec::new();
    for threads in ["1", "2"] {
        let out = dir.path().join(threads);
        let o = vecrun(&[
            "run",
            "datasets/specs/billing_impl.vspec",
            "--vectors",
            "100000",
            "--threads",
            threads,
            "-q",
            "--impl",
            &binding,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        let run = cx(&out);
        rows.push((counts(&out, "no_double_charge"), run.rows.iter().map(|c| (c.vector_index, c.shrunk.clone())).collect::<Vec<_>>()));
    }
    assert_eq!(rows[0], rows[1]);
}

// --------------------------------------------------------------------------------------- libm

/// The libm spec on the floats of [1000, 1100) (about a million bit patterns; the whole 2^32
/// sweep is in BENCHMARKS.md): `rintf` is `round` (PROVEN), `roundf` differs exactly on the ties
/// of even integers (rounded away from zero, where the spec's `round` goes to even).
#[test]
fn libm_rintf_is_proven_and_roundf_differs_on_ties() {
    let dir = tempfile::tempdir().unwrap();
    let lib = c_library("libm_shim.c", dir.path());
    let spec = std::fs::read_to_string(root().join("datasets/specs/libm.vspec")).unwrap();
    let small = spec.replace("input x: f32;", "input x: f32 in 1000.0..1100.0;");
    assert_ne!(small, spec, "the input declaration of datasets/specs/libm.vspec changed");
    let spec_path = dir.path().join("libm.vspec");
    std::fs::write(&spec_path, small).unwrap();
    let out = dir.path().join("o");
    let l = lib.display();
    let o = vecrun(&[
        "run",
        spec_path.to_str().unwrap(),
        "--exhaustive",
        "--capacity",
        "100",
        "--impl",
        &format!("c_rintf=lib:{l}:vr_rintf"),
        "--impl",
        &format!("c_roundf=lib:{l}:vr_roundf"),
        "--impl",
        &format!("c_floorf=lib:{l}:vr_floorf"),
        "--impl",
        &format!("c_truncf=lib:{l}:vr_truncf"),
        "--impl",
        &format!("c_sqrtf=lib:{l}:vr_sqrtf"),
        "--out",
        out.to_str().unwrap(),
    ]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    for p in ["rintf_is_round", "floorf_is_floor", "truncf_is_trunc", "sqrtf_is_sqrt"] {
        let row = t.lines().find(|l| l.starts_with(p)).unwrap_or_else(|| panic!("{p} missing:\n{t}"));
        assert!(row.contains("PROVEN"), "{row}");
    }
    // Independently computed truth: the ties x.5 with x even, in [1000, 1100).
    let expected: Vec<f32> = (1000..1100).filter(|i| i % 2 == 0).map(|i| i as f32 + 0.5).collect();
    let (evaluated, failed) = counts(&out, "roundf_is_round");
    assert_eq!(failed, expected.len() as u64, "{t}");
    assert_eq!(evaluated, counts(&out, "rintf_is_round").0);
    let mut found: Vec<f32> =
        cx(&out).rows.iter().filter(|r| r.property == "roundf_is_round").map(|r| f32::from_bits(r.original[0])).collect();
    found.sort_by(f32::total_cmp);
    assert_eq!(found, expected);
}

// ------------------------------------------------------------------- misbehaving implementations

/// A one-input spec whose property compares `f(x)` with `x * 3` over x in 4000..8000 (the test
/// implementations misbehave on 7777, the C `picky` on 4242).
const F_SPEC: &str = r#"spec impl_faults {
  version = "1.0.0"
}

input x: u32 in 4000..8000;

extern fn f(x: u32) -> u32;

property matches_model {
  assert f(x) == x * 3, "f differs from the model";
}
"#;

struct Faults {
    dir: tempfile::TempDir,
    spec: PathBuf,
}

impl Faults {
    fn new() -> Faults {
        Faults::with_model("x * 3")
    }

    /// The spec with another model of `f`.
    fn with_model(model: &str) -> Faults {
        let dir = tempfile::tempdir().unwrap();
        let spec = dir.path().join("f.vspec");
        std::fs::write(&spec, F_SPEC.replace("x * 3", model)).unwrap();
        Faults { dir, spec }
    }

    fn run(&self, name: &str, binding: &str, extra: &[&str]) -> (Output, PathBuf) {
        self.run_with_timeout(name, binding, "1", extra)
    }

    fn run_with_timeout(&self, name: &str, binding: &str, timeout: &str, extra: &[&str]) -> (Output, PathBuf) {
        let out = self.dir.path().join(name);
        let mut args =
            vec!["run", self.spec.to_str().unwrap(), "--exhaustive", "--impl-timeout", timeout, "-q", "--impl", binding, "--out"];
        args.push(out.to_str().unwrap());
        args.extend_from_slice(extra);
        (vecrun(&args), out)
    }
}

fn py_fixture(py: &str, name: &str) -> String {
    format!("f=exec:{py} {}", root().join("tests/impls").join(name).display())
}

/// A process that takes six seconds to start (heavy imports) under `--impl-timeout 3`: start-up is
/// not a call, so every vector is answered and none times out. (The first call still has the
/// timeout: 3 s, ample for 4000 rows even on a loaded CI machine, where 1 s once was not.)
#[test]
fn a_slow_start_is_not_a_timeout() {
    let Some(py) = python() else { return };
    let f = Faults::new();
    let (o, out) = f.run_with_timeout("slow", &py_fixture(&py, "slow_start.py"), "3", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(counts(&out, "matches_model"), (4000, 0));
}

/// A crash, a hang and a nondeterministic answer on 7777 each give one row with its reason, and
/// the counts equal a well-behaved binding's: every vector evaluated once, one more failure.
#[test]
fn crash_timeout_and_nondeterminism_are_rows_with_their_reason_and_lose_no_vector() {
    let Some(py) = python() else { return };
    let f = Faults::new();
    let (o, good) = f.run("good", &py_fixture(&py, "good.py"), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let (evaluated, failed) = counts(&good, "matches_model");
    assert_eq!((evaluated, failed), (4000, 0));
    for (script, reason, detail) in [
        ("crash_on.py", Reason::ImplementationCrashed, "SIGSEGV"),
        ("hang_on.py", Reason::ImplementationTimeout, "timed out"),
        ("flaky.py", Reason::ImplementationNondeterministic, "not a function of its arguments"),
    ] {
        let (o, out) = f.run(script, &py_fixture(&py, script), &[]);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(1), "{script}: {t}");
        assert_eq!(counts(&out, "matches_model"), (evaluated, 1), "{script}: {t}");
        let run = cx(&out);
        assert_eq!(run.rows.len(), 1, "{script}: {:?}", run.rows);
        let row = &run.rows[0];
        assert_eq!(row.reason, reason, "{script}");
        assert_eq!(row.original, vec![7777], "{script}");
        assert_eq!(row.vector_index, 3777, "{script}");
        assert!(row.assert_message.contains(detail), "{script}: {}", row.assert_message);
    }
}

/// A C function that faults on one input, run isolated in a process by vecrun-lib-host: found,
/// bisected to its vector and reported with the signal; and a library function that returns an
/// error code on one input, in process.
#[test]
fn a_faulting_c_function_is_bisected_to_its_vector() {
    let (_, _, host) = rust_impls();
    let f = Faults::with_model("x ^ 0x5bd1e995");
    let lib = c_library("crashy.c", f.dir.path());
    let (o, out) = f.run("crashy", &format!("f=exec:{} {} crashy", host.display(), lib.display()), &[]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    let run = cx(&out);
    let crashed: Vec<_> = run.rows.iter().filter(|r| r.reason == Reason::ImplementationCrashed).collect();
    assert_eq!(crashed.len(), 1, "{:?}", run.rows);
    assert_eq!(crashed[0].original, vec![7777]);
    assert!(crashed[0].assert_message.contains("signal 11"), "{}", crashed[0].assert_message);
    let (o, out) = f.run("picky", &format!("f=lib:{}:picky", lib.display()), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let rows = cx(&out).rows;
    let errs: Vec<_> = rows.iter().filter(|r| r.reason == Reason::ImplementationCrashed).collect();
    assert_eq!(errs.len(), 1, "{rows:?}");
    assert_eq!(errs[0].original, vec![4242]);
    assert!(errs[0].assert_message.contains("returned error code"), "{}", errs[0].assert_message);
}

/// Protocol errors stop the run with exit 2 and a message naming the function, the binding and
/// what was wrong; the checkpoint they leave resumes with a working implementation to the same
/// counts as a run that never failed.
#[test]
fn protocol_errors_stop_with_a_clear_error_and_a_checkpoint_that_resumes() {
    let Some(py) = python() else { return };
    let f = Faults::new();
    for (script, says) in [
        ("wrong_rows.py", "rows for a request of"),
        ("wrong_type.py", "the result column is Int64"),
        ("garbage.py", "not an Arrow IPC stream"),
        ("exit_at_start.py", "exit status 3"),
    ] {
        let binding = py_fixture(&py, script);
        let (o, out) = f.run(script, &binding, &[]);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(2), "{script}: {t}");
        assert!(!t.contains("panicked"), "{t}");
        assert!(t.contains("extern fn `f`") && t.contains(script) && t.contains(says), "{script}: {t}");
        assert!(out.join("checkpoint.json").is_file(), "{script}: no checkpoint");
        let r = vecrun(&["run", f.spec.to_str().unwrap(), "--resume", out.to_str().unwrap(), "-q", "--impl", &py_fixture(&py, "good.py")]);
        assert_eq!(r.status.code(), Some(0), "{script}: resume: {}", text(&r));
        assert_eq!(counts(&out, "matches_model"), (4000, 0), "{script}");
    }
}

// ------------------------------------------------------------------------------ front end, CLI

#[test]
fn an_unbound_or_unknown_binding_is_a_clear_error() {
    let f = Faults::new();
    let spec = f.spec.to_str().unwrap();
    let o = vecrun(&["run", spec, "--vectors", "10"]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(t.contains("extern fn `f`") && t.contains("has no implementation") && t.contains("--impl f="), "{t}");
    let o = vecrun(&["run", spec, "--vectors", "10", "--impl", "g=exec:true"]);
    assert!(text(&o).contains("binds no extern fn of this spec (it declares: `f`)"), "{}", text(&o));
    let o = vecrun(&["run", spec, "--vectors", "10", "--impl", "f=lib:/no/such/library.so"]);
    assert!(text(&o).contains("cannot load `/no/such/library.so` for extern fn `f`"), "{}", text(&o));
    let o = vecrun(&["run", spec, "--vectors", "10", "--impl", "f=exec:/no/such/program"]);
    assert!(text(&o).contains("cannot find the program `/no/such/program`"), "{}", text(&o));
    let o = vecrun(&["run", spec, "--vectors", "10", "--impl", "f=ftp:x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("unknown binding kind `ftp`"), "{}", text(&o));
    // Checking, linting and formatting a spec with an extern fn runs nothing.
    for cmd in ["check", "lint"] {
        let o = vecrun(&[cmd, spec]);
        assert_eq!(o.status.code(), Some(0), "{cmd}: {}", text(&o));
    }
}

#[test]
fn the_gpu_backend_runs_extern_calls_on_the_cpu_with_the_same_counts() {
    if support::gpu_device().is_none() {
        return;
    }
    let (_, lib, _) = rust_impls();
    let dir = tempfile::tempdir().unwrap();
    let binding = format!("ledger=lib:{}:ledger_buggy", lib.display());
    let mut seen = Vec::new();
    for backend in ["cpu", "gpu"] {
        let out = dir.path().join(backend);
        let o = Command::new(env!("CARGO_BIN_EXE_vecrun"))
            .env("VECRUN_ALLOW_SOFTWARE_GPU", "1")
            .args(["run", "datasets/specs/billing_impl.vspec", "--vectors", "50000", "--backend", backend, "--impl", &binding, "--out"])
            .arg(&out)
            .current_dir(root())
            .output()
            .unwrap();
        let t = text(&o);
        assert_eq!(o.status.code(), Some(1), "{backend}: {t}");
        if backend == "gpu" {
            assert!(t.contains("calls extern fn `ledger`"), "the routing is not reported: {t}");
        }
        seen.push((counts(&out, "no_double_charge"), cx(&out).rows.iter().map(|r| r.vector_index).collect::<Vec<_>>()));
    }
    assert_eq!(seen[0], seen[1]);
}

// ----------------------------------------------------------------------------- vecrun vectors

/// `vecrun vectors` writes the generated vectors (the same as a run's, index for index) and what a
/// spec function returns on them, for offline test suites; checked against the library's generator
/// and an independent model of the function.
#[test]
fn vectors_are_the_runs_vectors_with_the_models_expected_results() {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{UInt32Type, UInt64Type};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("v");
    let o = vecrun(&[
        "vectors",
        "datasets/specs/billing_impl.vspec",
        "--count",
        "5000",
        "--seed",
        "5",
        "--fn",
        "allowed_charges",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let file = std::fs::File::open(out.join("vectors.parquet")).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap();
    let spec = vecrun::compile_spec(&root().join("datasets/specs/billing_impl.vspec")).unwrap().spec;
    let program = vecrun::ir::lower(&spec);
    let generator = vecrun::run::Generator::new(&program.slots, 5, spec.input_hash);
    let allowed = |ops: &[u32]| {
        let (mut n, mut up) = (0u32, true);
        for op in ops {
            match op % 1000 {
                k if k < 500 => n += up as u32,
                k if (990..999).contains(&k) => up = !up,
                _ => {}
            }
        }
        n
    };
    let (mut rows, mut phases) = (0usize, std::collections::BTreeSet::new());
    let mut slots = vec![0u32; generator.slots];
    for batch in reader {
        let batch = batch.unwrap();
        let phase = batch.column_by_name("phase").unwrap().as_string::<i32>().clone();
        let index = batch.column_by_name("vector_index").unwrap().as_primitive::<UInt64Type>().clone();
        let amount = batch.column_by_name("amount").unwrap().as_primitive::<UInt32Type>().clone();
        let ops = batch.column_by_name("ops").unwrap().as_fixed_size_list().clone();
        let expected = batch.column_by_name("expected.allowed_charges").unwrap().as_primitive::<UInt32Type>().clone();
        for r in 0..batch.num_rows() {
            let p = vecrun::run::Phase::parse(phase.value(r)).unwrap();
            phases.insert(phase.value(r).to_string());
            generator.decode(p, index.value(r), &mut slots);
            let row_ops: Vec<u32> = ops.value(r).as_primitive::<UInt32Type>().values().to_vec();
            assert_eq!(amount.value(r), slots[0]);
            assert_eq!(row_ops, slots[1..17].to_vec());
            assert_eq!(expected.value(r), allowed(&row_ops), "row {r}");
            rows += 1;
        }
    }
    assert_eq!(rows, 5000);
    assert!(phases.contains("edge") && phases.contains("random"), "{phases:?}");
    // A function whose parameters are not inputs is refused with the reason.
    let o = vecrun(&["vectors", "datasets/specs/billing_failover.vspec", "--fn", "fee", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("parameter `a` of `fee` is not an input"), "{}", text(&o));
}

// ------------------------------------------------------------------------- vecrun equiv --extern

/// Old and new builds compared modulo the spec: two builds of the same (buggy) code are
/// equivalent whatever their binding kind; the fixed build differs exactly where the bug is; and an
/// implementation compared with the spec's model function.
#[test]
fn equiv_compares_two_builds_or_a_build_with_the_model() {
    let (bin, lib, _) = rust_impls();
    let dir = tempfile::tempdir().unwrap();
    let equiv = |name: &str, old: &str, against: &[&str]| {
        let out = dir.path().join(name);
        let mut args = vec!["equiv", "datasets/specs/billing_impl.vspec", "--extern", "ledger", "--old-impl", old, "--vectors", "100000"];
        args.extend_from_slice(against);
        args.extend_from_slice(&["--out", out.to_str().unwrap()]);
        (vecrun(&args), out)
    };
    let exec_buggy = format!("exec:{}", bin.display());
    let lib_buggy = format!("lib:{}:ledger_buggy", lib.display());
    let lib_fixed = format!("lib:{}:ledger_fixed", lib.display());
    let (o, out) = equiv("same", &exec_buggy, &["--new-impl", &lib_buggy]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(counts(&out, "ledger_equivalent"), (100_000, 0));
    assert!(out.join("comparison.vspec").is_file());
    let (o, out) = equiv("fixed", &exec_buggy, &["--new-impl", &lib_fixed]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let (_, failed) = counts(&out, "ledger_equivalent");
    assert!(failed > 0);
    // Every difference is a vector where the buggy ledger double-charges.
    for r in cx(&out).rows {
        let ops: [u32; 16] = r.original[..16].try_into().unwrap();
        let amount = r.original[16];
        assert_ne!(buggy_ledger(&ops, amount)[1], fixed_charges(&ops), "{r:?}");
    }
    // The kept comparison spec replays on its own.
    let kept = out.join("comparison.vspec");
    let o = vecrun(&[
        "run",
        kept.to_str().unwrap(),
        "--allow-imports-outside-project",
        "--vectors",
        "100000",
        "-q",
        "--impl",
        &format!("ledger__old={exec_buggy}"),
        "--impl",
        &format!("ledger__new={lib_fixed}"),
        "--out",
        dir.path().join("again").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert_eq!(counts(&dir.path().join("again"), "ledger_equivalent").1, failed);
    let (o, _) = equiv("model-fixed", &lib_fixed, &["--model", "ledger_model"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let (o, _) = equiv("model-buggy", &lib_buggy, &["--model", "ledger_model"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let (o, _) = equiv("bad-model", &lib_buggy, &["--model", "allowed_charges"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("has the signature ([u32; 16]) -> u32, but extern fn `ledger` has ([u32; 16], u32) -> [u32; 2]"),
        "{}",
        text(&o)
    );
}

/// How many charges the fixed ledger makes (one per order taken while the region is up).
fn fixed_charges(ops: &[u32; 16]) -> u32 {
    let (mut n, mut up) = (0, true);
    for op in ops {
        match op % 1000 {
            k if k < 500 => n += up as u32,
            k if (990..999).contains(&k) => up = !up,
            _ => {}
        }
    }
    n
}

/// The solver phase knows nothing of an implementation: a model it finds is only a candidate (an
/// unknown goal when the implementation does not fail there, never DIVERGENT), and a proof does not
/// hide a crash that running the implementation finds.
#[test]
fn the_solver_phase_treats_extern_results_as_unknown() {
    let Some(py) = python() else { return };
    let f = Faults::new();
    let (o, _) = f.run("solver-good", &py_fixture(&py, "good.py"), &["--solver"]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert!(t.contains("unknown") && !t.contains("DIVERGENT"), "{t}");
    let (o, out) = f.run("solver-crash", &py_fixture(&py, "crash_on.py"), &["--solver"]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(t.contains("FAILED") && !t.contains("DIVERGENT"), "{t}");
    assert_eq!(cx(&out).rows.iter().filter(|r| r.reason == Reason::ImplementationCrashed).count(), 1);
}

/// Arrays of `i32` and a `bool` through both bindings of the C example of docs/implementations.md
/// (in process, and isolated by vecrun-lib-host over Arrow IPC): the same counts, and no difference
/// from the spec's model, wrapping and saturating at the edges of `i32` (`by` stops short of
/// `i32::MIN`, which the function refuses: refusals are tested above).
#[test]
fn i32_arrays_and_bools_cross_both_bindings_with_the_same_results() {
    let (_, _, host) = rust_impls();
    let dir = tempfile::tempdir().unwrap();
    let lib = c_library("offset4.c", dir.path());
    let spec = dir.path().join("offset4.vspec");
    std::fs::write(
        &spec,
        r#"spec offset4_check {
  version = "1.0.0"
}

input v: [i32; 4];
input by: i32 in -2147483647..=2147483647;
input saturate: bool;

extern fn offset4(v: [i32; 4], by: i32, saturate: bool) -> [i32; 4];

property matches_model {
  let r = offset4(v, by, saturate);
  for k in 0..4 {
    let want = select(saturate, saturating_add(v[k], by), v[k] + by);
    assert r[k] == want, "offset4 differs from the model";
  }
}
"#,
    )
    .unwrap();
    let mut seen = Vec::new();
    for (name, binding) in
        [("lib", format!("offset4=lib:{}", lib.display())), ("host", format!("offset4=exec:{} {} offset4", host.display(), lib.display()))]
    {
        let out = dir.path().join(name);
        let o = vecrun(&["run", spec.to_str().unwrap(), "--vectors", "200000", "-q", "--impl", &binding, "--out", out.to_str().unwrap()]);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(0), "{name}: {t}");
        seen.push(counts(&out, "matches_model"));
    }
    assert_eq!(seen[0], seen[1]);
}

// ------------------------------------------------------------------------------------ narrow integers

/// `u8`, `i8`, `[u16; 2]` arguments and an `i16` result reach a C library (packed 1- and 2-byte
/// values, in vecrun's process and in vecrun-lib-host's) and a Python process (Arrow
/// UInt8/Int8/UInt16/Int16 columns) intact: both match the
/// spec's model on every vector, and a binding that does not wrap fails exactly where it matters.
#[test]
fn narrow_integers_cross_the_library_and_process_bindings() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("narrow.vspec");
    std::fs::write(
        &spec,
        "spec narrow { }\nextern fn mix(a: u8, b: i8, c: [u16; 2]) -> i16;\n\
         fn model(a: u8, b: i8, c: [u16; 2]) -> i16 {\n  return (a as i16) * (b as i16) + (c[0] as i16) - (c[1] as i16);\n}\n\
         input a: u8;\ninput b: i8;\ninput c: [u16; 2] in 0..=65535;\n\
         property matches {\n  assert mix(a, b, c) == model(a, b, c);\n}\n\
         property wraps {\n  assert (a as i32) * (b as i32) + (c[0] as i32) - (c[1] as i32) == mix(a, b, c) as i32, \"no wrap\";\n}\n",
    )
    .unwrap();
    let lib = c_library("narrow.c", dir.path());
    let (_, _, host) = rust_impls();
    let mut bindings =
        vec![("lib", format!("mix=lib:{}:mix", lib.display())), ("host", format!("mix=exec:{} {} mix", host.display(), lib.display()))];
    if let Some(py) = python() {
        bindings.push(("py", format!("mix=exec:{py} {}", root().join("tests/impls/narrow.py").display())));
    }
    let mut wraps = Vec::new();
    for (name, binding) in bindings {
        let out = dir.path().join(name);
        let o = vecrun(&[
            "run",
            spec.to_str().unwrap(),
            "--vectors",
            "20000",
            "--impl-timeout",
            "30",
            "-q",
            "--impl",
            &binding,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", text(&o));
        assert_eq!(counts(&out, "matches"), (20000, 0), "{name}: the implementation agrees with the model on every vector");
        let (evaluated, failed) = counts(&out, "wraps");
        assert_eq!(evaluated, 20000);
        assert!(failed > 1000, "{name}: most exact results leave the i16 range: {failed}");
        wraps.push(failed);
    }
    assert!(wraps.windows(2).all(|w| w[0] == w[1]), "both bindings fail the same vectors: {wraps:?}");
}

// ------------------------------------------------------------------------------------ 64-bit integers

/// `u64` and `i64` arguments and results, scalars and arrays, reach a C library (8-byte values, in
/// vecrun's process and in vecrun-lib-host's) and a Python process (Arrow UInt64/Int64 columns,
/// row-wise and numpy-vectorised) as whole values: every binding matches the spec's 64-bit model
/// on every vector (a binding that swapped or dropped a word would not), fails a property about
/// the high word on the same vectors, and its results are stored as 64-bit `impl.` columns.
#[test]
fn sixty_four_bit_integers_cross_the_library_and_process_bindings() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("wide.vspec");
    std::fs::write(
        &spec,
        "spec wide { }\n\
         extern fn mix(a: u64, b: i64, c: [u64; 2]) -> [i64; 2];\n\
         extern fn total(cents: [u64; 3], fee: i64) -> u64;\n\
         fn model_mix(a: u64, b: i64, c: [u64; 2]) -> [i64; 2] {\n  return [(a * c[0]) as i64 + b, ((a ^ c[1]) >> 7) as i64 - b];\n}\n\
         fn model_total(cents: [u64; 3], fee: i64) -> u64 {\n  return cents[0] + cents[1] + cents[2] + fee as u64;\n}\n\
         input a: u64;\ninput b: i64;\ninput c: [u64; 2];\ninput cents: [u64; 3];\n\
         property matches {\n  assert mix(a, b, c) == model_mix(a, b, c);\n  assert total(cents, b) == model_total(cents, b);\n}\n\
         property fits {\n  assert total(cents, b) <= u32::MAX as u64, \"the total leaves 32 bits\";\n}\n",
    )
    .unwrap();
    let lib = c_library("wide.c", dir.path());
    let (_, _, host) = rust_impls();
    let mut bindings = vec![
        ("lib", vec![format!("mix=lib:{}:mix", lib.display()), format!("total=lib:{}:total", lib.display())]),
        (
            "host",
            vec![
                format!("mix=exec:{} {} mix", host.display(), lib.display()),
                format!("total=exec:{} {} total", host.display(), lib.display()),
            ],
        ),
    ];
    if let Some(py) = python() {
        let script = root().join("tests/impls/wide.py");
        bindings
            .push(("py", vec![format!("mix=exec:{py} {} mix", script.display()), format!("total=exec:{py} {} total", script.display())]));
    }
    let mut fits = Vec::new();
    for (name, binding) in bindings {
        let out = dir.path().join(name);
        let mut args =
            vec!["run", spec.to_str().unwrap(), "--vectors", "20000", "--impl-timeout", "30", "-q", "--out", out.to_str().unwrap()];
        for b in &binding {
            args.extend(["--impl", b.as_str()]);
        }
        let o = vecrun(&args);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", text(&o));
        assert_eq!(counts(&out, "matches"), (20000, 0), "{name}: the implementation agrees with the model on every vector");
        let (evaluated, failed) = counts(&out, "fits");
        assert_eq!(evaluated, 20000);
        assert!(failed > 10000, "{name}: most totals of random u64 amounts leave 32 bits: {failed}");
        fits.push(failed);
        let stored = cx(&out);
        let total = stored.externs.iter().position(|(n, _)| n == "total").expect("an impl.total column");
        assert_eq!(stored.externs[total].1.to_string(), "u64");
        let row = stored.rows.iter().find(|r| r.property == "fits").expect("a stored failure of fits");
        let words = row.implementation[total].as_ref().expect("the implementation's result on the shrunk vector");
        let value = u64::from(words[0]) | u64::from(words[1]) << 32;
        assert!(value > u64::from(u32::MAX), "{name}: the stored result is the whole 64-bit total: {words:?}");
    }
    assert!(fits.windows(2).all(|w| w[0] == w[1]), "every binding fails the same vectors: {fits:?}");
}

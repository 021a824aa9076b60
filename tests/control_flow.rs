//! `while`, `loop`, `break` and `continue`: every count of `tests/conformance/control_flow.vspec`
//! over its whole space against an independent Rust model (CPU on 1 and 2 threads, the GPU),
//! the solver on loop bounds, the reference interpreter, the stored reason, and the diagnostics.

mod support;

use std::path::Path;
use std::process::Command;

use vecrun::cpu::CpuBackend;
use vecrun::gpu::GpuBackend;
use vecrun::ir::Program;
use vecrun::run::{Backend, Generator, Phase, PropertyStats};
use vecrun::solver::{self, GoalResult, Site, SolverOptions};

const SPEC: &str = "tests/conformance/control_flow.vspec";

/// What one property does on one vector, by the spec's meaning written in plain Rust.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Pass,
    Assert,
    LoopBound,
}

fn collatz(v: u32) -> Option<u32> {
    let (mut x, mut steps) = (v, 0u32);
    let mut trips = 0;
    while x != 1 {
        if trips == 40 {
            return None;
        }
        trips += 1;
        x = if x % 2 == 0 { x / 2 } else { x.wrapping_mul(3).wrapping_add(1) };
        steps += 1;
    }
    Some(steps)
}

fn first_set_from(v: u32, from: u32) -> u32 {
    (from..32).find(|k| (v >> k) & 1 == 1).unwrap_or(32)
}

fn nested(a: u32, b: u32) -> u32 {
    let mut hits = 0u32;
    for i in 0..16u32 {
        if i % 3 == 0 {
            continue;
        }
        let mut j = 0u32;
        while j < 16 {
            j += 1;
            if (a + i * j).is_multiple_of(7) {
                break;
            }
            if j.is_multiple_of(2) {
                continue;
            }
            hits += 1;
        }
        if i == b {
            break;
        }
    }
    hits
}

/// `loop bound 4`: the body may be entered 4 times; a fifth entry is past the bound.
fn halving(a: u32) -> Option<u32> {
    let mut s = a;
    for _ in 0..4 {
        if s < 16 {
            return Some(s);
        }
        s /= 2;
    }
    None
}

fn model(property: &str, a: u32, b: u32) -> Verdict {
    let check = |ok: bool| if ok { Verdict::Pass } else { Verdict::Assert };
    match property {
        "collatz_steps" => collatz(a + 1).map_or(Verdict::LoopBound, |s| check(s != 7)),
        "first_set" => check(first_set_from(a, b) != 5),
        "nested" => check(!nested(a, b).is_multiple_of(5)),
        "halving" => halving(a).map_or(Verdict::LoopBound, |s| check(s != 9)),
        other => panic!("no model for {other}"),
    }
}

fn compile() -> (Program, Generator) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SPEC);
    let checked = vecrun::compile_spec(&path).expect("the spec compiles");
    let program = vecrun::ir::lower(&checked.spec);
    let generator = Generator::new(&program.slots, 3, checked.spec.input_hash);
    (program, generator)
}

/// The model's counts for every vector of the exhaustive space, in the backends' terms.
fn expected(program: &Program, generator: &Generator) -> Vec<(u64, u64, u64)> {
    let space = generator.space().expect("a finite space");
    program
        .properties
        .iter()
        .map(|p| {
            let (mut failed, mut asserts, mut loops) = (0, 0, 0);
            for index in 0..space {
                let mut v = [0u32; 2];
                generator.decode(Phase::Exhaustive, index, &mut v);
                match model(&p.name, v[0], v[1]) {
                    Verdict::Pass => {}
                    Verdict::Assert => {
                        failed += 1;
                        asserts += 1;
                    }
                    Verdict::LoopBound => {
                        failed += 1;
                        loops += 1;
                    }
                }
            }
            (failed, asserts, loops)
        })
        .collect()
}

fn counts(stats: &[PropertyStats]) -> Vec<(u64, u64, u64)> {
    stats.iter().map(|s| (s.failed, s.fails_by_assert.iter().sum(), s.loop_bound)).collect()
}

fn whole_space(backend: &mut dyn Backend, generator: &Generator) -> Vec<PropertyStats> {
    let space = generator.space().expect("a finite space");
    backend.run_range(Phase::Exhaustive, 0, space, 100).expect("the backend runs")
}

#[test]
fn every_site_count_matches_the_model_on_the_cpu() {
    let (program, generator) = compile();
    let want = expected(&program, &generator);
    // Each property fails somewhere, and the loop-bound sites are reached: the model is not vacuous.
    assert!(want.iter().all(|(f, _, _)| *f > 0), "{want:?}");
    assert!(want[0].2 > 0 && want[3].2 > 0, "{want:?}");
    for threads in [1, 2] {
        let mut cpu = CpuBackend::new(&program, generator.clone(), threads).expect("cpu backend");
        let got = whole_space(&mut cpu, &generator);
        assert_eq!(counts(&got), want, "{threads} thread(s)");
        // Every kept failure carries the outcome of its kind.
        for (p, st) in program.properties.iter().zip(&got) {
            for f in &st.failures {
                let mut v = [0u32; 2];
                generator.decode(f.phase, f.index, &mut v);
                let kind = match vecrun::ir::Outcome::decode(f.outcome) {
                    vecrun::ir::Outcome::Fail(_) => Verdict::Assert,
                    vecrun::ir::Outcome::LoopBound(_) => Verdict::LoopBound,
                    o => panic!("unexpected outcome {o:?}"),
                };
                assert_eq!(kind, model(&p.name, v[0], v[1]), "{} at {v:?}", p.name);
            }
        }
    }
}

#[test]
fn every_site_count_matches_the_model_on_the_gpu() {
    let Some(dev) = support::gpu_device() else { return };
    let (program, generator) = compile();
    let want = expected(&program, &generator);
    let cpu = CpuBackend::new(&program, generator.clone(), 1).expect("cpu backend");
    let mut gpu = GpuBackend::new(dev, &program, generator.clone(), cpu).expect("gpu backend");
    gpu.set_dispatch_size(4_096);
    let got = whole_space(&mut gpu, &generator);
    assert!(gpu.divergences.is_empty(), "{:?}", gpu.divergences);
    assert_eq!(counts(&got), want);
}

fn solver_spec(bound: u32) -> support::Compiled {
    support::compile(&format!(
        "spec t {{ }}\ninput a: u32 in 0..512;\nproperty halving {{\n  var s = a;\n  loop bound {bound} {{\n    if s < 16 {{ break; }}\n    s = s / 2;\n  }}\n  assert s < 16;\n}}\n"
    ))
}

#[test]
fn the_solver_refutes_a_bound_too_small_and_proves_a_sufficient_one() {
    // Below 512, five halvings reach 16 or less: the sixth entry breaks, so 6 suffices and 5 does not.
    let small = solver_spec(5);
    let goals = solver::prove(&small.program, &SolverOptions::z3()).expect("the solver runs");
    let lp = goals.iter().find(|g| g.site == Site::Loop(0)).expect("a loop goal");
    let GoalResult::Refuted { slots, .. } = &lp.result else { panic!("not refuted: {lp:?}") };
    assert!(slots[0] >= 256, "{slots:?} needs only 5 entries");
    let cpu = CpuBackend::new(&small.program, small.generator.clone(), 1).expect("cpu backend");
    assert_eq!(vecrun::ir::Outcome::decode(cpu.eval_vectors(std::slice::from_ref(slots))[0][0]), vecrun::ir::Outcome::LoopBound(0));

    let enough = solver_spec(6);
    let goals = solver::prove(&enough.program, &SolverOptions::z3()).expect("the solver runs");
    assert_eq!(goals.len(), 2, "{goals:?}");
    assert!(goals.iter().all(|g| g.result == GoalResult::Proven), "{goals:?}");
}

#[test]
fn the_reference_interpreter_runs_loops_and_traps_past_the_bound() {
    let spec = support::compile_text(
        "spec t { }\nfn count_down(n: u32) -> u32 {\n  var k = n;\n  var s: u32 = 0;\n  while k > 0 bound 10 {\n    k -= 1;\n    if k % 2 == 0 { continue; }\n    s += k;\n    if s > 20 { break; }\n  }\n  return s;\n}\ninput x: u32;\nproperty p { assert count_down(x) >= 0; }\n",
    );
    use vecrun::check::Value;
    use vecrun::equiv::eval::{Trap, call};
    let u = |v: u32| Value::Scalar(vecrun::sem::ScalarType::U32, v as u64);
    // 9: k = 8 (skip), 7 (s 7), 6, 5 (12), 4, 3 (15), 2, 1 (16), 0.
    assert_eq!(call(&spec, 0, vec![u(9)]), Ok(u(16)));
    // 10: k = 9 (9), 8, 7 (16), 6, 5 (21 > 20: break).
    assert_eq!(call(&spec, 0, vec![u(10)]), Ok(u(21)));
    // 11: the condition still holds after 10 trips only when nothing breaks: 10, 9 (9), 8, 7 (16), 6, 5 (21) breaks.
    assert_eq!(call(&spec, 0, vec![u(11)]), Ok(u(21)));
    // 200 with only even k... 200 -> 199 (199 > 20) breaks on the first odd value.
    assert_eq!(call(&spec, 0, vec![u(200)]), Ok(u(199)));
    assert!(matches!(call(&spec, 0, vec![u(0)]), Ok(v) if v == u(0)));
    let spec = support::compile_text(
        "spec t { }\nfn spin(n: u32) -> u32 {\n  var k = n;\n  while k != 0 bound 3 { k -= 1; }\n  return k;\n}\ninput x: u32;\nproperty p { assert spin(x) == 0; }\n",
    );
    assert_eq!(call(&spec, 0, vec![u(3)]), Ok(u(0)));
    assert!(matches!(call(&spec, 0, vec![u(4)]), Err(Trap::LoopBound { bound: 3, .. })));
}

#[test]
fn a_run_stores_loop_bound_counterexamples_with_their_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let spec = dir.path().join("spin.vspec");
    std::fs::write(
        &spec,
        "spec spin { }\ninput n: u32 in 0..100;\nproperty spin {\n  var k = n;\n  while k != 0 bound 50 {\n    k -= 1;\n  }\n  assert k == 0;\n}\n",
    )
    .expect("write spec");
    let out = dir.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_vecrun"))
        .args(["run", "--backend", "cpu", "--out"])
        .arg(&out)
        .arg(&spec)
        .env("XDG_RUNTIME_DIR", dir.path())
        .output()
        .expect("vecrun runs");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{stdout}\n{}", String::from_utf8_lossy(&o.stderr));
    // n = 51..99 run past the bound: 49 of 100.
    assert!(stdout.contains("49 of 100 vectors failed"), "{stdout}");
    assert!(stdout.contains("loop bound exceeded: `while k != 0 bound 50` (at most 50 iterations)"), "{stdout}");
    let table = vecrun::output::parquet::find_table(&out, vecrun::output::parquet::Table::Counterexamples).expect("a table");
    let run = vecrun::output::parquet::read_counterexamples(&table).expect("readable");
    assert!(!run.rows.is_empty());
    for row in &run.rows {
        assert_eq!(row.reason, vecrun::output::model::Reason::LoopBoundExceeded);
        assert!(row.original[0] > 50, "{:?}", row.original);
        // Shrinking keeps the failure: the smallest failing n is 51.
        assert_eq!(row.shrunk, vec![51]);
        assert!(row.location.ends_with("spin.vspec:5:3"), "{}", row.location);
    }
}

/// A run stopped by its budget keeps loop-bound failures in its checkpoint, and `--resume` accepts
/// them (it refused failures of any kind but assert and index as damaged) and stores the rows an
/// uninterrupted run stores.
#[test]
fn a_checkpoint_with_loop_bound_failures_resumes_to_the_same_rows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let spec = dir.path().join("spin.vspec");
    std::fs::write(
        &spec,
        "spec spin { }\ninput n: u32 in 0..100;\ninput r: u32;\nproperty spin {\n  var k = n;\n  while k != 0 bound 50 {\n    k -= 1;\n  }\n  assert k == 0 || r == 0;\n}\n",
    )
    .expect("write spec");
    let s = spec.to_str().expect("utf-8");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_vecrun"))
            .args(args)
            .current_dir(dir.path())
            .env("XDG_RUNTIME_DIR", dir.path())
            .output()
            .expect("runs")
    };
    // Enough vectors that the compiled engine is still running when the budget stops it.
    let common = ["--backend", "cpu", "-q", "--vectors", "20000000", "--shrink-steps", "50"];
    let whole = run(&[&["run", s, "--out", "whole"], &common[..]].concat());
    assert_eq!(whole.status.code(), Some(1), "{}", String::from_utf8_lossy(&whole.stderr));
    // A small time budget stops the first part early. The budget counts start-up too, so on a busy
    // machine it can run out before the first batch: the budget grows until the stop lands after
    // some failures were found and before the end (the point is what `--resume` does with them).
    let mut tried = Vec::new();
    for seconds in ["0.02", "0.05", "0.1", "0.2", "0.4", "0.8"] {
        let _ = std::fs::remove_dir_all(dir.path().join("part"));
        let first = run(&[&["run", s, "--out", "part", "--seconds", seconds], &common[..]].concat());
        assert!(matches!(first.status.code(), Some(1) | Some(3)), "{}", String::from_utf8_lossy(&first.stderr));
        let cp: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("part/checkpoint.json")).expect("a checkpoint")).expect("json");
        let kept = cp["stats"][0]["failures"].as_array().map(Vec::len).unwrap_or(0);
        if cp["state"] == "budget-exhausted" && kept > 0 {
            tried.clear();
            break;
        }
        tried.push(format!("--seconds {seconds}: state {}, {kept} failures kept", cp["state"]));
    }
    assert!(tried.is_empty(), "no budget stopped the run after loop-bound failures and before its end: {tried:?}");
    let resumed = run(&["run", s, "--resume", "part", "--backend", "cpu", "-q", "--seconds", "600", "--shrink-steps", "50"]);
    assert_eq!(resumed.status.code(), Some(1), "{}", String::from_utf8_lossy(&resumed.stderr));
    let rows = |d: &str| {
        let table =
            vecrun::output::parquet::find_table(&dir.path().join(d), vecrun::output::parquet::Table::Counterexamples).expect("a table");
        let run = vecrun::output::parquet::read_counterexamples(&table).expect("readable");
        run.rows.iter().map(|r| (r.vector_index, r.reason, r.original.clone(), r.shrunk.clone())).collect::<Vec<_>>()
    };
    let (a, b) = (rows("whole"), rows("part"));
    assert!(a.iter().any(|r| r.1 == vecrun::output::model::Reason::LoopBoundExceeded), "{a:?}");
    assert_eq!(a, b, "the resumed run stores the rows of the uninterrupted one");
}

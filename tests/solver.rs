//! The SMT solver phase (`vecrun::solver`): the encoding of every operator against `sem`, the
//! issue's proofs and refutations confirmed on the CPU backend, and random programs over small
//! input spaces whose refutations fail on the CPU and whose proofs survive an exhaustive run.

mod support;

use vecrun::ir::Outcome;
use vecrun::solver::{self, Goal, GoalResult, Site, SolverOptions};

fn spec(body: &str) -> support::Compiled {
    support::compile(&format!("spec t {{ version = \"1\" }}\n{body}"))
}

fn prove(c: &support::Compiled) -> Vec<Goal> {
    solver::prove(&c.program, &SolverOptions::z3()).expect("the solver runs")
}

/// The CPU backend's outcome of property `property` on `slots`.
fn cpu_outcome(c: &support::Compiled, property: usize, slots: &[u32]) -> Outcome {
    let cpu = vecrun::cpu::CpuBackend::new(&c.program, c.generator.clone(), 1).expect("cpu backend");
    Outcome::decode(cpu.eval_vectors(&[slots.to_vec()])[property][0])
}

fn expected_outcome(site: Site) -> Outcome {
    match site {
        Site::Assert(id) => Outcome::Fail(id),
        Site::Bounds(id) => Outcome::OutOfBounds(id),
    }
}

/// Every slot value of a refutation is in its domain, and the CPU fails at exactly that site.
fn assert_confirmed(c: &support::Compiled, goal: &Goal) -> Vec<u32> {
    let GoalResult::Refuted { slots, inexact } = &goal.result else { panic!("not refuted: {goal:?}") };
    assert!(!inexact, "{goal:?}");
    assert_eq!(slots.len(), c.program.slots.len());
    for (v, d) in slots.iter().zip(&c.program.slots) {
        assert!(d.contains(*v), "{v:#x} is not in {d:?}");
    }
    assert_eq!(cpu_outcome(c, goal.property, slots), expected_outcome(goal.site), "{goal:?}");
    slots.clone()
}

#[test]
fn needle_in_a_haystack_is_refuted_with_exactly_that_vector() {
    let c = spec("input a: u32;\ninput b: u32;\nproperty p { assert !(a == 0xDEADBEEF && b == 0xCAFEBABE); }\n");
    let goals = prove(&c);
    assert_eq!(goals.len(), 1);
    assert_eq!(goals[0].site, Site::Assert(0));
    assert_eq!(assert_confirmed(&c, &goals[0]), vec![0xDEAD_BEEF, 0xCAFE_BABE]);
}

#[test]
fn overflow_safe_midpoint_is_proven_and_the_naive_one_refuted() {
    let c = spec(
        "input a: u32;\ninput b: u32;\n\
         property safe {\n  let m: u32 = a / 2 + b / 2 + (a & b & 1);\n  assert m >= min(a, b) && m <= max(a, b);\n}\n\
         property naive {\n  let m: u32 = (a + b) / 2;\n  assert m >= min(a, b) && m <= max(a, b);\n}\n",
    );
    let goals = prove(&c);
    assert_eq!(goals.len(), 2);
    assert_eq!(goals[0].result, GoalResult::Proven, "{goals:?}");
    assert_eq!(goals[1].property, 1);
    let slots = assert_confirmed(&c, &goals[1]);
    assert!(slots[0].checked_add(slots[1]).is_none(), "the naive midpoint fails only when a + b wraps: {slots:?}");
}

#[test]
fn hackers_delight_average_is_the_floor_average() {
    // avg == floor((a + b) / 2) exactly, stated without a wider type: avg lies in [lo, hi], and the
    // distances to the ends are floor((hi - lo) / 2) and ceil((hi - lo) / 2), which fixes avg.
    let c = spec(
        "input a: u32;\ninput b: u32;\n\
         property avg {\n  let avg: u32 = (a & b) + ((a ^ b) >> 1);\n  let lo: u32 = min(a, b);\n  let hi: u32 = max(a, b);\n  \
         assert avg >= lo && avg <= hi;\n  assert (avg - lo) == (hi - avg) || (avg - lo) + 1 == (hi - avg);\n}\n",
    );
    let goals = prove(&c);
    assert!(goals.iter().all(|g| g.result == GoalResult::Proven), "{goals:?}");
}

#[test]
fn float_round_trip_through_three_is_refuted_and_the_cpu_agrees() {
    let c = spec("input x: f32 in -1.0e6..1.0e6;\nproperty p { assert x * 3.0 / 3.0 == x; }\n");
    let goals = prove(&c);
    assert_confirmed(&c, &goals[0]);
}

#[test]
fn an_assume_before_an_assert_is_respected() {
    let c = spec("input x: u32;\nproperty p {\n  assume x < 100;\n  assert x < 100;\n  assert x != 7;\n}\n");
    let goals = prove(&c);
    assert_eq!(goals[0].result, GoalResult::Proven);
    assert_eq!(assert_confirmed(&c, &goals[1]), vec![7]);
    // An assert before the assume is not protected by it.
    let c = spec("input x: u32;\nproperty p {\n  assert x < 100;\n  assume x < 100;\n}\n");
    assert!(assert_confirmed(&c, &prove(&c)[0])[0] >= 100);
}

#[test]
fn an_out_of_bounds_index_is_refuted_and_the_cpu_reports_it() {
    let c = spec("input arr: [u32; 4];\ninput i: u32 in 0..10;\nproperty p { assert arr[i] != 12345; }\n");
    let goals = prove(&c);
    let bounds = goals.iter().find(|g| g.site == Site::Bounds(0)).expect("a bounds goal");
    let slots = assert_confirmed(&c, bounds);
    assert!(slots[4] >= 4);
    let assert_goal = goals.iter().find(|g| g.site == Site::Assert(0)).expect("an assert goal");
    assert_confirmed(&c, assert_goal);
}

#[test]
fn loops_ifs_and_array_variables_are_encoded() {
    let c = spec(
        "input a: [u32; 4] in 0..100;\n\
         property sum {\n  var s: u32 = 0;\n  var b: [u32; 4] = [0; 4];\n  for k in 0..4 {\n    if a[k] > 50 {\n      s = s + a[k];\n    } else {\n      b[k] = a[k];\n    }\n  }\n  \
         assert s <= 400;\n  assert b[a[0] % 4] < 51;\n  assert s != 297;\n}\n",
    );
    let goals = prove(&c);
    assert_eq!(goals[0].result, GoalResult::Proven, "{goals:?}");
    assert_eq!(goals[1].result, GoalResult::Proven, "{goals:?}");
    let slots = assert_confirmed(&c, &goals[2]);
    assert_eq!(slots.iter().filter(|&&v| v > 50).sum::<u32>(), 297);
}

#[test]
fn too_many_unrolled_iterations_is_unknown_and_stop_stops() {
    let c = spec("input x: u32;\nproperty p {\n  var s: u32 = x;\n  for k in 0..100 {\n    for j in 0..100 {\n      s = s + 1;\n    }\n  }\n  assert s != 0;\n}\n");
    let options = SolverOptions { max_unrolled: 10_000, ..SolverOptions::z3() };
    let goals = solver::prove(&c.program, &options).expect("runs");
    let GoalResult::Unknown { reason } = &goals[0].result else { panic!("{goals:?}") };
    assert!(reason.contains("10100"), "{reason}");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let options = SolverOptions { stop: Some(stop), ..SolverOptions::z3() };
    let goals = solver::prove(&c.program, &options).expect("runs");
    assert_eq!(goals[0].result, GoalResult::Unknown { reason: "stopped".into() });
}

#[test]
fn a_missing_solver_is_an_error_naming_it() {
    let c = spec("input x: u32;\nproperty p { assert x != 3; }\n");
    let options = SolverOptions { command: "/nonexistent/z3-solver".into(), ..SolverOptions::z3() };
    let err = solver::prove(&c.program, &options).expect_err("no such solver");
    assert!(err.to_string().contains("/nonexistent/z3-solver"), "{err}");
}

//! The SMT solver phase (`vecrun::solver`): the encoding of every operator against `sem`, the
//! issue's proofs and refutations confirmed on the CPU backend, and random programs over small
//! input spaces whose refutations fail on the CPU and whose proofs survive an exhaustive run.

mod support;

use support::Rng;
use vecrun::ir::Outcome;
use vecrun::solver::{self, Goal, GoalResult, Site, SolverOptions};

fn spec(body: &str) -> support::Compiled {
    support::compile(&format!("spec t {{ version = \"1\" }}\n{body}"))
}

/// A patient limit: float queries take z3 seconds, and a busy 2-core machine can double that. The
/// point of these tests is what the solver answers, not how fast.
fn prove(c: &support::Compiled) -> Vec<Goal> {
    let options = SolverOptions { timeout: std::time::Duration::from_secs(60), ..SolverOptions::z3() };
    solver::prove(&c.program, &options).expect("the solver runs")
}

/// The CPU backend's outcome of property `property` on `slots`.
fn cpu_outcome(c: &support::Compiled, property: usize, slots: &[u32]) -> Outcome {
    let cpu = vecrun::cpu::CpuBackend::new(&c.program, c.generator.clone(), 1).expect("cpu backend");
    Outcome::decode(cpu.eval_vectors(&[slots.to_vec()])[property][0])
}

fn expected_outcome(site: Site) -> Outcome {
    site.outcome()
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
    let c = spec(
        "input x: u32;\nproperty p {\n  var s: u32 = x;\n  for k in 0..100 {\n    for j in 0..100 {\n      s = s + 1;\n    }\n  }\n  assert s != 0;\n}\n",
    );
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

mod conformance {
    use vecrun::sem::{self, Builtin, ScalarType};
    use vecrun::solver::{OpCase, Operator, SolverOptions};
    use vecrun::syntax::ast::{BinOp, UnOp};

    use super::Rng;

    const TYPES: [ScalarType; 4] = [ScalarType::Bool, ScalarType::U32, ScalarType::I32, ScalarType::F32];

    fn edges(ty: ScalarType) -> Vec<u32> {
        match ty {
            // The solver sees IR types, and the IR holds narrow integers in their carrier and 64-bit values as word pairs.
            ScalarType::U8 | ScalarType::U16 | ScalarType::I8 | ScalarType::I16 | ScalarType::U64 | ScalarType::I64 | ScalarType::F64 => {
                unreachable!("not an IR type")
            }
            ScalarType::Bool => vec![0, 1],
            ScalarType::U32 | ScalarType::I32 => vec![
                0,
                1,
                2,
                3,
                7,
                31,
                32,
                33,
                255,
                46341,
                65535,
                65536,
                0x7FFF_FFFF,
                0x8000_0000,
                0x8000_0001,
                0xFFFF_FFFF,
                0xFFFF_FFFE,
                (-7i32) as u32,
                (-2i32) as u32,
                (-65536i32) as u32,
                16_777_217,
                16_777_219,
                (-16_777_217i32) as u32,
            ],
            ScalarType::F32 => {
                let mut v: Vec<u32> = [
                    0.0f32,
                    -0.0,
                    1.0,
                    -1.0,
                    0.5,
                    -0.5,
                    1.5,
                    2.5,
                    -2.5,
                    0.2,
                    -0.7,
                    2.9,
                    3.0,
                    3.99,
                    -3.99,
                    10.0,
                    f32::INFINITY,
                    f32::NEG_INFINITY,
                    f32::MAX,
                    f32::MIN,
                    f32::MIN_POSITIVE,
                    16_777_216.0,
                    16_777_218.0,
                    2_147_483_648.0,
                    -2_147_483_648.0,
                    -2_147_483_904.0,
                    2_147_483_520.0,
                    4_294_967_296.0,
                    4_294_967_040.0,
                    -3.0e9,
                    1.000_244_1,
                    -1.000_488_3,
                    1.0e-30,
                    3.0e38,
                ]
                .iter()
                .map(|f| f.to_bits())
                .collect();
                // NaNs with payloads and both signs, subnormals.
                v.extend([
                    0x7FC0_0000,
                    0xFFC0_0000,
                    0x7F80_0001,
                    0xFF80_0001,
                    0x7FC1_2345,
                    0x7FFF_FFFF,
                    1,
                    0x8000_0001,
                    0x007F_FFFF,
                    0x807F_FFFF,
                    0x0040_0000,
                ]);
                v
            }
        }
    }

    fn operand(rng: &mut Rng, ty: ScalarType) -> u32 {
        match (ty, rng.below(3)) {
            (ScalarType::Bool, _) => rng.below(2) as u32,
            (_, 0) => rng.next() as u32,
            // Small magnitudes, where float arithmetic is exact or ties occur.
            (ScalarType::F32, 1) => ((rng.below(64) as f32 - 32.0) * 0.25).to_bits(),
            (_, 1) => (rng.below(64) as u32).wrapping_sub(32),
            _ => *rng.pick(&edges(ty)),
        }
    }

    /// Up to `n` operand tuples: every edge value (and pair of edges for two operands) first, then random.
    fn tuples(rng: &mut Rng, types: &[ScalarType], n: usize) -> Vec<Vec<u32>> {
        let mut out: Vec<Vec<u32>> = Vec::new();
        match types {
            [t] => out.extend(edges(*t).into_iter().map(|v| vec![v])),
            [a, b] => {
                for x in edges(*a) {
                    for y in edges(*b) {
                        out.push(vec![x, y]);
                    }
                }
            }
            _ => {}
        }
        // Keep a sample of the edge products, then fill with random tuples.
        while out.len() > n / 2 {
            let i = rng.below(out.len() as u64) as usize;
            out.swap_remove(i);
        }
        while out.len() < n {
            out.push(types.iter().map(|t| operand(rng, *t)).collect());
        }
        out
    }

    fn operators() -> Vec<Operator> {
        let mut ops: Vec<Operator> = [UnOp::Neg, UnOp::Not, UnOp::BitNot].into_iter().map(Operator::Unary).collect();
        use BinOp::*;
        ops.extend([Add, Sub, Mul, Div, Rem, BitAnd, BitOr, BitXor, Shl, Shr, Eq, Ne, Lt, Le, Gt, Ge, And, Or].map(Operator::Binary));
        ops.extend(TYPES.map(Operator::Cast));
        // `len` and `mul_wide` never reach the IR (the front end and lowering spell them out).
        ops.extend(Builtin::ALL.into_iter().filter(|b| !matches!(b, Builtin::Len | Builtin::MulWide)).map(Operator::Builtin));
        ops
    }

    fn produces_nan(op: Operator) -> bool {
        use Builtin::*;
        matches!(
            op,
            Operator::Binary(BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div)
                | Operator::Builtin(Sqrt | Floor | Ceil | Round | Trunc | Fma)
        )
    }

    fn reference(op: Operator, ty: ScalarType, args: &[u32]) -> u32 {
        match op {
            Operator::Unary(u) => sem::unary(u, ty, args[0]),
            Operator::Binary(b) => sem::binary(b, ty, args[0], args[1]),
            Operator::Cast(to) => sem::cast(ty, to, args[0]),
            Operator::Builtin(Builtin::Select) => sem::builtin(Builtin::Select, ty, args),
            Operator::Builtin(b) => sem::builtin(b, ty, args),
        }
    }

    #[test]
    fn every_operator_agrees_with_sem_on_edge_and_random_operands() {
        let started = std::time::Instant::now();
        let mut rng = Rng(0x50_1FE5);
        let mut cases = Vec::new();
        let mut combos = 0;
        for op in operators() {
            for ty in TYPES {
                let Some(result) = op.result_type(ty) else { continue };
                combos += 1;
                let arity = match op {
                    Operator::Unary(_) | Operator::Cast(_) => 1,
                    Operator::Binary(_) => 2,
                    Operator::Builtin(b) => b.arity(),
                };
                let types: Vec<ScalarType> = (0..arity)
                    .map(|i| {
                        if op.arg_is_bool(ty, i) {
                            ScalarType::Bool
                        } else if matches!(op, Operator::Binary(BinOp::Shl | BinOp::Shr)) && i == 1 {
                            ScalarType::U32
                        } else {
                            ty
                        }
                    })
                    .collect();
                let n = if ty == ScalarType::Bool { 16 } else { 240 };
                for args in tuples(&mut rng, &types, n) {
                    let expected = reference(op, ty, &args);
                    let expect_nan = result == ScalarType::F32 && produces_nan(op) && sem::f32_is_nan(expected);
                    cases.push(OpCase { operator: op, ty, args, expected, expect_nan });
                }
            }
        }
        assert!(combos >= 90, "only {combos} operator/type combinations");
        let bad = vecrun::solver::op_mismatches(&SolverOptions::z3(), &cases).expect("the solver runs");
        let shown: Vec<String> = bad.iter().take(20).map(|&i| format!("{:?}", cases[i])).collect();
        assert!(bad.is_empty(), "{} of {} cases differ from sem, first:\n{}", bad.len(), cases.len(), shown.join("\n"));
        eprintln!("{} cases over {combos} operator/type combinations in {:.1} s", cases.len(), started.elapsed().as_secs_f64());
    }

    /// The check can fail: a wrong expected value is found, in a float, an integer and a bool result.
    #[test]
    fn a_wrong_expected_value_is_reported() {
        let case = |operator, ty, args: Vec<u32>, expected, expect_nan| OpCase { operator, ty, args, expected, expect_nan };
        let f = |x: f32| x.to_bits();
        let cases = vec![
            case(Operator::Binary(BinOp::Add), ScalarType::F32, vec![f(0.1), f(0.2)], f(0.1 + 0.2), false),
            case(Operator::Binary(BinOp::Add), ScalarType::F32, vec![f(0.1), f(0.2)], f(0.1 + 0.2) + 1, false),
            case(Operator::Builtin(Builtin::Sqrt), ScalarType::F32, vec![f(-1.0)], 0x7FC0_0000, true),
            case(Operator::Builtin(Builtin::Sqrt), ScalarType::F32, vec![f(4.0)], 0x7FC0_0000, true),
            case(Operator::Binary(BinOp::Div), ScalarType::I32, vec![(-7i32) as u32, 2], (-4i32) as u32, false),
            case(Operator::Binary(BinOp::Lt), ScalarType::F32, vec![0x7FC0_0000, f(1.0)], 1, false),
            case(Operator::Builtin(Builtin::Round), ScalarType::F32, vec![f(2.5)], f(3.0), false),
        ];
        let bad = vecrun::solver::op_mismatches(&SolverOptions::z3(), &cases).expect("the solver runs");
        assert_eq!(bad, vec![1, 3, 4, 5, 6]);
    }
}

/// Random well-typed programs over input spaces small enough to enumerate: every refutation
/// fails on the CPU at its site, and every property the solver proves has no failing vector in
/// an exhaustive CPU run.
mod random_programs {
    use vecrun::run::{PhasePlan, RunOptions};
    use vecrun::solver::{GoalResult, SolverOptions};

    use super::{Rng, expected_outcome};

    #[derive(Clone, Copy, PartialEq, Eq)]
    enum T {
        Bool,
        U32,
        I32,
        F32,
    }

    impl T {
        fn name(self) -> &'static str {
            match self {
                T::Bool => "bool",
                T::U32 => "u32",
                T::I32 => "i32",
                T::F32 => "f32",
            }
        }
    }

    struct Gen {
        rng: Rng,
        scope: Vec<(String, T)>,
        has_array: bool,
    }

    impl Gen {
        fn literal(&mut self, t: T) -> String {
            match t {
                T::Bool => format!("(zb || {})", self.rng.pick(&["true", "false"])),
                T::U32 => {
                    format!("(zu | {})", self.rng.pick(&["0", "1", "2", "3", "7", "31", "32", "33", "63", "4294967295", "2147483648"]))
                }
                T::I32 => format!("(zi | {})", self.rng.pick(&["0", "1", "(-1)", "2", "(-7)", "31", "(-2147483648)", "2147483647"])),
                T::F32 => {
                    format!("(zf + {})", self.rng.pick(&["0.0", "1.0", "(-1.0)", "0.5", "1.5", "3.0", "(-2.25)", "1.0e-30", "3.0e38"]))
                }
            }
        }

        fn leaf(&mut self, t: T) -> String {
            let names: Vec<String> = self.scope.iter().filter(|(_, ty)| *ty == t).map(|(n, _)| n.clone()).collect();
            if !names.is_empty() && self.rng.below(100) < 70 {
                return self.rng.pick(&names).clone();
            }
            if t == T::U32 && self.has_array && self.rng.below(100) < 30 {
                let i = self.expr(T::U32, 1);
                return if self.rng.below(100) < 70 { format!("arr[({i}) % 2]") } else { format!("arr[{i}]") };
            }
            self.literal(t)
        }

        fn expr(&mut self, t: T, depth: u32) -> String {
            if depth == 0 || self.rng.below(100) < 25 {
                return self.leaf(t);
            }
            let d = depth - 1;
            match t {
                T::Bool => match self.rng.below(6) {
                    0 | 1 => {
                        let ct = *self.rng.pick(&[T::U32, T::I32, T::F32]);
                        let op = self.rng.pick(&["==", "!=", "<", "<=", ">", ">="]);
                        format!("({} {op} {})", self.expr(ct, d), self.expr(ct, d))
                    }
                    2 => {
                        let op = self.rng.pick(&["&&", "||", "==", "!=", "&", "|", "^"]);
                        format!("({} {op} {})", self.expr(T::Bool, d), self.expr(T::Bool, d))
                    }
                    3 => format!("(!{})", self.expr(T::Bool, d)),
                    4 => format!("{}({})", self.rng.pick(&["is_nan", "is_inf", "is_finite"]), self.expr(T::F32, d)),
                    _ => {
                        let it = *self.rng.pick(&[T::U32, T::I32]);
                        let f = self.rng.pick(&["add_overflows", "sub_overflows", "mul_overflows"]);
                        format!("{f}({}, {})", self.expr(it, d), self.expr(it, d))
                    }
                },
                T::U32 | T::I32 => match self.rng.below(10) {
                    0..=2 => {
                        let op = self.rng.pick(&["+", "-", "*", "/", "%", "&", "|", "^"]);
                        format!("({} {op} {})", self.expr(t, d), self.expr(t, d))
                    }
                    3 => {
                        let op = self.rng.pick(&["<<", ">>"]);
                        let amount = *self.rng.pick(&[T::U32, T::I32]);
                        format!("({} {op} {})", self.expr(t, d), self.expr(amount, d))
                    }
                    4 => {
                        let from = *self.rng.pick(&[T::U32, T::I32, T::F32, T::Bool]);
                        format!("({} as {})", self.expr(from, d), t.name())
                    }
                    5 => {
                        let f = self.rng.pick(&["min", "max", "saturating_add", "saturating_sub"]);
                        format!("{f}({}, {})", self.expr(t, d), self.expr(t, d))
                    }
                    6 if t == T::U32 => {
                        let f = self.rng.pick(&["count_ones", "leading_zeros", "trailing_zeros", "bits"]);
                        let at = if *f == "bits" { *self.rng.pick(&[T::I32, T::F32]) } else { *self.rng.pick(&[T::U32, T::I32]) };
                        format!("{f}({})", self.expr(at, d))
                    }
                    6 => format!("abs({})", self.expr(t, d)),
                    7 => format!("select({}, {}, {})", self.expr(T::Bool, d), self.expr(t, d), self.expr(t, d)),
                    8 if t == T::I32 => format!("(-{})", self.expr(t, d)),
                    _ => format!("clamp({}, {}, {})", self.expr(t, d), self.expr(t, d), self.expr(t, d)),
                },
                T::F32 => match self.rng.below(8) {
                    0..=2 => {
                        let op = self.rng.pick(&["+", "-", "*", "/"]);
                        format!("({} {op} {})", self.expr(t, d), self.expr(t, d))
                    }
                    3 => {
                        let from = *self.rng.pick(&[T::U32, T::I32, T::Bool]);
                        format!("({} as f32)", self.expr(from, d))
                    }
                    4 => format!("{}({})", self.rng.pick(&["floor", "ceil", "round", "trunc", "abs", "sqrt"]), self.expr(t, d)),
                    5 => format!("{}({}, {})", self.rng.pick(&["min", "max"]), self.expr(t, d), self.expr(t, d)),
                    6 => format!("fma({}, {}, {})", self.expr(t, d), self.expr(t, d), self.expr(t, d)),
                    _ => format!("(-{})", self.expr(t, d)),
                },
            }
        }

        fn program(&mut self) -> String {
            let mut s = String::from("spec r { version = \"1\" }\n");
            for k in 0..2 {
                let (t, domain) = *self.rng.pick(&[
                    (T::U32, " in 0..64"),
                    (T::U32, " in 4294967264..=4294967295"),
                    (T::I32, " in -32..32"),
                    (T::Bool, ""),
                    (T::F32, " in {0.0, -0.0, 1.5, -2.0, 3.0e38, 1.0e-45, 0.1}"),
                    (T::F32, " in -1.0..=1.0"),
                ]);
                // Float ranges are far too big to enumerate: at most one, as the only input.
                let (t, domain) = if domain.contains("..=1.0") && k == 1 { (T::U32, " in 0..64") } else { (t, domain) };
                s += &format!("input in{k}: {}{domain};\n", t.name());
                self.scope.push((format!("in{k}"), t));
                if domain.contains("..=1.0") {
                    break;
                }
            }
            if self.rng.below(100) < 30 && !s.contains("..=1.0") {
                s += "input arr: [u32; 2] in 0..=3;\n";
                self.has_array = true;
            }
            s += "property p {\n  let zb: bool = false;\n  let zu: u32 = 0;\n  let zi: i32 = 0;\n  let zf: f32 = 0.0;\n";
            let t = *self.rng.pick(&[T::U32, T::I32, T::F32, T::Bool]);
            let e = self.expr(t, 3);
            s += &format!("  let l: {} = {e};\n", t.name());
            self.scope.push(("l".into(), t));
            let acc_t = *self.rng.pick(&[T::U32, T::I32]);
            s += &format!("  var acc: {} = {};\n", acc_t.name(), self.literal(acc_t));
            if self.rng.below(100) < 60 {
                self.scope.push(("k".into(), T::U32));
                let (c, a, b) = (self.expr(T::Bool, 2), self.expr(acc_t, 2), self.expr(acc_t, 2));
                s +=
                    &format!("  for k in 0..3 {{\n    if {c} {{\n      acc = {a};\n    }} else {{\n      acc = acc + {b};\n    }}\n  }}\n");
                self.scope.pop();
            }
            self.scope.push(("acc".into(), acc_t));
            if self.rng.below(100) < 30 {
                s += &format!("  assume {};\n", self.expr(T::Bool, 2));
            }
            for _ in 0..1 + self.rng.below(2) {
                s += &format!("  assert {};\n", self.expr(T::Bool, 3));
            }
            s + "}\n"
        }
    }

    #[test]
    fn refutations_fail_on_the_cpu_and_proofs_survive_exhaustive_runs() {
        let started = std::time::Instant::now();
        let (mut refuted, mut proven, mut inexact, mut unknown) = (0, 0, 0, 0);
        for id in 0..100u64 {
            let mut g = Gen { rng: Rng(0x5017 ^ id.wrapping_mul(0x9E37_79B9)), scope: Vec::new(), has_array: false };
            let text = g.program();
            let c = super::support::compile(&text);
            let t0 = std::time::Instant::now();
            let goals = vecrun::solver::prove(&c.program, &SolverOptions::z3()).unwrap_or_else(|e| panic!("{e}\n{text}"));
            if std::env::var("VECRUN_SOLVER_VERBOSE").is_ok() {
                eprintln!("program {id}: {:.2} s", t0.elapsed().as_secs_f64());
            }
            let mut cpu = vecrun::cpu::CpuBackend::new(&c.program, c.generator.clone(), 1).expect("cpu backend");
            for goal in &goals {
                match &goal.result {
                    GoalResult::Refuted { slots, inexact: false } => {
                        refuted += 1;
                        let got = vecrun::ir::Outcome::decode(cpu.eval_vectors(std::slice::from_ref(slots))[0][0]);
                        assert_eq!(got, expected_outcome(goal.site), "program {id}, {goal:?}\n{text}");
                    }
                    GoalResult::Refuted { inexact: true, .. } => inexact += 1,
                    GoalResult::Proven => {}
                    GoalResult::Unknown { reason } => {
                        unknown += 1;
                        eprintln!("program {id}: {reason}\n{text}");
                    }
                }
            }
            if !goals.is_empty() && goals.iter().all(|g| g.result == GoalResult::Proven) {
                proven += 1;
                let Some(space) = c.generator.space() else { panic!("program {id} is not enumerable\n{text}") };
                if space <= 1 << 20 {
                    let plan = PhasePlan::new(&c.generator, space, true);
                    let run = vecrun::run::execute(&c.program, &plan, &mut cpu, &RunOptions::default()).expect("exhaustive run");
                    assert_eq!(run.stats[0].failed, 0, "program {id} is proven but fails: {:?}\n{text}", run.stats[0].failures.first());
                }
            }
        }
        eprintln!(
            "{refuted} refutations confirmed, {proven} properties proven, {inexact} inexact, {unknown} unknown, in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        assert!(refuted >= 20 && proven >= 10, "{refuted} refuted, {proven} proven: the programs prove too little");
        assert_eq!(unknown, 0);
    }
}

/// The symbolic edge cases: a vector for each branch outcome and each cover, even where random
/// sampling would need 2^32 tries (the cover's needle), each in the domains and reaching its target.
#[test]
fn edge_vectors_reach_every_branch_outcome_and_cover() {
    let c = spec(
        "input a: u32;
input b: u32 in 0..=4_000_000_000;
property p {
  cover a == 0xDEADBEEF, \"the needle\";
  if b > 3_999_999_990 { assert a != 7; } else { assert a != 8; }
}",
    );
    let edges = solver::edge_vectors(&c.program, &SolverOptions::z3(), 64).expect("z3 runs");
    let find = |t: solver::Target| edges.iter().find(|e| e.target == t).unwrap_or_else(|| panic!("no vector for {t:?}: {edges:?}"));
    assert_eq!(find(solver::Target::Cover(0)).slots[0], 0xDEADBEEF, "the cover's needle");
    let taken = find(solver::Target::Branch { branch: 0, taken: true });
    assert!(taken.slots[1] > 3_999_999_990 && taken.slots[1] <= 4_000_000_000, "{taken:?}");
    let not_taken = find(solver::Target::Branch { branch: 0, taken: false });
    assert!(not_taken.slots[1] <= 3_999_999_990, "{not_taken:?}");
    assert_eq!(edges.len(), 3, "one vector per target: {edges:?}");
}

//! The compiled CPU engine (`cpu::jit`) against `sem` itself, operator by operator: every binary
//! operator, unary operator, cast and builtin that type-checks on `u32`, `i32`, `f32` and `bool`,
//! on every combination of edge operands (NaNs signalling and quiet, ±0, infinities, subnormals,
//! the integer limits, shift amounts past the width), with lane operands and with constant
//! right-hand sides (the multiply-high division, scalar shifts and constant comparisons). Each
//! property asserts its result equals a stored answer computed here by `sem`; the same vectors with
//! a wrong answer must fail, so the comparison is seen to bite.

mod support;

use vecrun::cpu::{CpuBackend, CpuEngine};
use vecrun::ir::Outcome;
use vecrun::sem::{self, Builtin, ScalarType};
use vecrun::syntax::ast::{BinOp, UnOp};

use ScalarType::{Bool, F32, I32, U32};

fn edges(t: ScalarType) -> Vec<u32> {
    let mut rng = support::Rng(0xC0DE ^ t as u64);
    let mut v: Vec<u32> = match t {
        Bool => return vec![0, 1],
        U32 | I32 => vec![0, 1, 2, 3, 7, 31, 32, 33, 1000, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, 0xFFFF_FFF9, 0xFFFF_FFFE, 0xFFFF_FFFF],
        _ => vec![
            0,
            0x8000_0000,
            1.0f32.to_bits(),
            (-1.0f32).to_bits(),
            0.5f32.to_bits(),
            (-0.5f32).to_bits(),
            2.5f32.to_bits(),
            (-2.5f32).to_bits(),
            1,
            0x007F_FFFF,
            0x7F80_0000,
            0xFF80_0000,
            0x7FC0_0000,
            0x7F80_0001,
            0xFFC0_0001,
            0x7F7F_FFFF,
            0x4B80_0001,
            0x4F00_0000,
            0xCF00_0000,
            0x4F80_0000,
        ],
    };
    for _ in 0..3 {
        v.push(rng.next() as u32);
    }
    v
}

fn name(t: ScalarType) -> &'static str {
    t.name()
}

/// How an expression's result is compared with the stored answer `w` of its type: bit for bit,
/// except that where `docs/semantics.md` §6 leaves the bits of a NaN produced by arithmetic
/// unspecified (two NaN operands: which payload survives), any NaN answers a NaN.
fn compare(result: ScalarType, nan_bits_free: bool) -> &'static str {
    match result {
        F32 if nan_bits_free => "bits(r) == bits(w) || (is_nan(r) && is_nan(w))",
        F32 => "bits(r) == bits(w)",
        _ => "r == w",
    }
}

/// `sem`'s result for operand values.
type Answer = Box<dyn Fn(&[u32]) -> u32>;

/// One case: the expression over inputs `a`, `b`, `c` of `ty` (`c` of `bool` for `select`), and the
/// answer `sem` gives for operand values.
struct Case {
    expr: String,
    /// `+ - * /` on `f32`: the payload of a NaN result is free (§6).
    nan_bits_free: bool,
    operands: Vec<ScalarType>,
    answer: Answer,
}

/// Compiles the case with each possible result type until one type-checks; `None` when the
/// expression is not valid for these operand types.
fn spec_for(case: &Case) -> Option<(String, ScalarType)> {
    for result in [U32, I32, F32, Bool] {
        let inputs: String = case.operands.iter().zip(["a", "b", "c"]).map(|(t, n)| format!("input {n}: {};\n", name(*t))).collect();
        let text = format!(
            "spec ops {{ }}\n{inputs}input w: {};\nproperty p {{\n  let r: {} = {};\n  assert {};\n}}\n",
            name(result),
            name(result),
            case.expr,
            compare(result, case.nan_bits_free)
        );
        let loaded = vecrun::load::load_text(std::path::Path::new("ops.vspec"), text.clone(), &vecrun::load::MemoryFs::new());
        if vecrun::check::check(loaded).is_ok() {
            return Some((text, result));
        }
    }
    None
}

fn cases() -> Vec<Case> {
    let mut out: Vec<Case> = Vec::new();
    for t in [U32, I32, F32, Bool] {
        for op in BinOp::ALL {
            out.push(Case {
                nan_bits_free: t == F32 && matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div),
                expr: format!("a {} b", op.symbol()),
                operands: vec![t, t],
                answer: Box::new(move |x| sem::binary(op, t, x[0], x[1])),
            });
            // A constant right-hand side (scalar in the compiled code).
            if t != F32 && t != Bool {
                for k in [1u32, 2, 7, 31, 32, 1000, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFF9, 0xFFFF_FFFF] {
                    let lit = if t == I32 { format!("({})", k as i32) } else { format!("{k}") };
                    out.push(Case {
                        nan_bits_free: false,
                        expr: format!("a {} {lit}", op.symbol()),
                        operands: vec![t],
                        answer: Box::new(move |x| sem::binary(op, t, x[0], k)),
                    });
                }
            }
        }
        for (op, sym) in [(UnOp::Neg, "-"), (UnOp::Not, "!"), (UnOp::BitNot, "~")] {
            out.push(Case {
                nan_bits_free: false,
                expr: format!("{sym}a"),
                operands: vec![t],
                answer: Box::new(move |x| sem::unary(op, t, x[0])),
            });
        }
        for to in [U32, I32, F32, Bool] {
            out.push(Case {
                nan_bits_free: false,
                expr: format!("a as {}", name(to)),
                operands: vec![t],
                answer: Box::new(move |x| sem::cast(t, to, x[0])),
            });
        }
        for bi in Builtin::ALL {
            if matches!(bi, Builtin::Len | Builtin::MulWide | Builtin::Select) {
                continue;
            }
            let n = bi.arity();
            let args = ["a", "b", "c"][..n].join(", ");
            out.push(Case {
                nan_bits_free: false,
                expr: format!("{}({args})", bi.name()),
                operands: vec![t; n],
                answer: Box::new(move |x| sem::builtin(bi, t, &x[..n])),
            });
        }
        out.push(Case {
            nan_bits_free: false,
            expr: "select(c, a, b)".into(),
            operands: vec![t, t, Bool],
            answer: Box::new(move |x| sem::builtin(Builtin::Select, t, &[x[2], x[0], x[1]])),
        });
    }
    out
}

/// Every operand combination of a case, as slot vectors (operands, then the answer).
fn vectors(case: &Case, wrong: bool, result: ScalarType) -> Vec<Vec<u32>> {
    let mut combos: Vec<Vec<u32>> = vec![vec![]];
    for t in &case.operands {
        combos = combos.into_iter().flat_map(|c| edges(*t).into_iter().map(move |e| [c.clone(), vec![e]].concat())).collect();
    }
    combos
        .into_iter()
        .map(|mut v| {
            let mut w = (case.answer)(&v);
            if wrong {
                w = match result {
                    Bool => w ^ 1,
                    F32 if sem::f32_is_nan(w) => 0,
                    _ => w ^ 0x10,
                };
            }
            v.push(w);
            v
        })
        .collect()
}

#[test]
fn every_operator_compiled_equals_sem_on_edge_operands() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for case in cases() {
        let Some((text, result)) = spec_for(&case) else { continue };
        let c = support::compile(&text);
        let backend = CpuBackend::new(&c.program, c.generator.clone(), 1).expect("cpu").with_engine(CpuEngine::Compiled);
        assert_eq!(backend.compiled().0, 1, "`{}` compiles", case.expr);
        let right = vectors(&case, false, result);
        let got = backend.eval_vectors(&right);
        for (v, code) in right.iter().zip(&got[0]) {
            if Outcome::decode(*code) != Outcome::Pass && failures.len() < 20 {
                failures.push(format!(
                    "`{}` ({:?}) on {:08x?}: compiled code disagrees with sem ({:?})",
                    case.expr,
                    case.operands,
                    v,
                    Outcome::decode(*code)
                ));
            }
        }
        let wrong = vectors(&case, true, result);
        let got = backend.eval_vectors(&wrong);
        assert!(
            got[0].iter().all(|c| Outcome::decode(*c) == Outcome::Fail(0)),
            "`{}`: a wrong answer passes, so the comparison proves nothing",
            case.expr
        );
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every operator on every type it applies to: the sweep must not quietly shrink.
    assert!(checked >= 150, "only {checked} operator cases type-checked");
}

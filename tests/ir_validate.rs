//! `ir::validate`: every spec of the repository lowers to a valid program, and deliberately broken
//! programs (an undefined value, a type mismatch, an out-of-range site id, a value used outside its
//! block, ...) are rejected with the error that names what is wrong and where.

mod support;

use std::path::{Path, PathBuf};

use vecrun::ir::{self, Inst, InstPath, Op, Program, PropertyError, SiteKind, Val, ValidationError};
use vecrun::sem::ScalarType;
use vecrun::syntax::ast::BinOp;

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `*.vspec` under the crate (build output and hidden folders skipped), sorted.
fn all_specs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![crate_dir().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
            let path = entry.expect("directory entry").path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if path.is_dir() {
                if !name.starts_with('.') && name != "target" {
                    stack.push(path);
                }
            } else if name.ends_with(".vspec") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_spec_of_the_repository_lowers_to_a_valid_program() {
    let mut validated = Vec::new();
    for path in all_specs() {
        let rel = path.strip_prefix(crate_dir()).expect("under the crate").to_string_lossy().replace('\\', "/");
        let checked = match vecrun::compile_spec(&path) {
            Ok(c) => c,
            // Diagnostics cases are meant to fail; import libraries have no properties to lower.
            Err(_) => continue,
        };
        // In debug builds `lower` validates too (and panics); this also covers release builds.
        let program = ir::lower(&checked.spec);
        if let Err(e) = ir::validate(&program) {
            panic!("{rel}: {e}\n{program}");
        }
        validated.push(rel);
    }
    eprintln!("validated {} specs", validated.len());
    // The datasets and the backend test specs must all be among them.
    for must in ["datasets/specs/billing_failover.vspec", "datasets/specs/bench/poly.vspec", "datasets/specs/gallery/token_bucket.vspec"] {
        assert!(validated.iter().any(|r| r == must), "{must} was not validated; validated: {validated:?}");
    }
    for dir in ["datasets/specs/", "tests/conformance/", "tests/equiv/"] {
        assert!(validated.iter().any(|r| r.starts_with(dir)), "no spec under {dir} validated");
    }
    assert!(validated.len() >= 20, "only {} specs validated: {validated:?}", validated.len());
}

/// Lowers spec text; the program is valid before a test breaks it.
fn lowered(body: &str) -> Program {
    let text = format!("spec t {{ version = \"1\" }}\ninput x: u32 in 0..100;\ninput a: [i32; 4] in -5..=5;\n{body}");
    let program = ir::lower(&support::compile_text(&text));
    ir::validate(&program).expect("lowering is valid");
    program
}

/// The error of a program that must be rejected, with its path.
fn rejected(program: &Program) -> (InstPath, PropertyError) {
    match ir::validate(program) {
        Ok(()) => panic!("accepted a broken program:\n{program}"),
        Err(ValidationError::Property { path, error, .. }) => (path, error),
        Err(e) => panic!("expected a property error, got: {e}"),
    }
}

fn path(steps: &[(&'static str, usize)]) -> InstPath {
    InstPath(steps.to_vec())
}

/// Position of the first instruction of `insts` that matches.
fn find(insts: &[Inst], f: impl Fn(&Inst) -> bool) -> usize {
    insts.iter().position(f).expect("the instruction is there")
}

fn is_assert(i: &Inst) -> bool {
    matches!(i, Inst::Assert { .. })
}

#[test]
fn a_value_used_before_its_definition_is_rejected() {
    let mut program = lowered("property p { assert x * 3 != 7, \"m\"; }");
    let body = &mut program.properties[0].body;
    let at = find(body, is_assert);
    let assert = body.remove(at);
    let Inst::Assert { cond, .. } = assert else { unreachable!() };
    body.insert(0, assert);
    let (p, e) = rejected(&program);
    assert_eq!(e, PropertyError::Undefined(cond));
    assert_eq!(p, path(&[("body", 0)]));
}

#[test]
fn a_value_that_is_never_defined_is_rejected() {
    let mut program = lowered("property p { assert x != 7, \"m\"; }");
    let prop = &mut program.properties[0];
    let ghost = prop.vals.push(ScalarType::Bool);
    let at = find(&prop.body, is_assert);
    prop.body[at] = Inst::Assert { id: 0, cond: ghost };
    assert_eq!(rejected(&program), (path(&[("body", at)]), PropertyError::Undefined(ghost)));

    // A handle past the property's values entirely.
    let mut program = lowered("property p { assert x != 7, \"m\"; }");
    let prop = &mut program.properties[0];
    let len = prop.vals.len();
    let beyond = <Val as ir::Handle>::from_index(len + 10);
    let at = find(&prop.body, is_assert);
    prop.body[at] = Inst::Assert { id: 0, cond: beyond };
    assert_eq!(rejected(&program).1, PropertyError::ValOutOfRange { val: beyond, len });
}

#[test]
fn a_value_used_outside_the_block_that_defines_it_is_rejected() {
    let mut program = lowered("property p { if x > 3 { let y = x * 2; assert y != 7, \"m\"; } }");
    let body = &mut program.properties[0].body;
    let at = find(body, |i| matches!(i, Inst::If { .. }));
    let Inst::If { then, .. } = &body[at] else { unreachable!() };
    let Inst::Assert { cond: inner, .. } = then[find(then, is_assert)] else { unreachable!() };
    body.push(Inst::Assert { id: 0, cond: inner });
    let last = body.len() - 1;
    assert_eq!(rejected(&program), (path(&[("body", last)]), PropertyError::OutOfScope(inner)));
}

#[test]
fn values_of_a_loop_body_do_not_outlive_the_loop() {
    let mut program = lowered("property p { var s: i32 = 0; for i in 0..4 { s += a[i]; } assert s != 9, \"m\"; }");
    let body = &mut program.properties[0].body;
    let at = find(body, |i| matches!(i, Inst::For { .. }));
    let Inst::For { body: inner, .. } = &body[at] else { unreachable!() };
    let Inst::Let(v, _) = inner[0] else { panic!("the loop starts by reading its variable") };
    // Store the loop's value into `s` after the loop.
    let Inst::Set(sum, _) = body[find(body, |i| matches!(i, Inst::Set(..)))] else { unreachable!() };
    let check = body.len();
    body.push(Inst::Set(sum, v));
    assert_eq!(rejected(&program), (path(&[("body", check)]), PropertyError::OutOfScope(v)));
}

#[test]
fn a_value_defined_twice_is_rejected() {
    let mut program = lowered("property p { assert x * 3 != 7, \"m\"; }");
    let body = &mut program.properties[0].body;
    let at = find(body, |i| matches!(i, Inst::Let(_, Op::Binary(..))));
    let Inst::Let(v, _) = body[at] else { unreachable!() };
    body.insert(at + 1, body[at].clone());
    assert_eq!(rejected(&program), (path(&[("body", at + 1)]), PropertyError::Redefined(v)));
}

#[test]
fn an_operand_of_the_wrong_type_is_rejected() {
    // The condition of an assert must be a bool: point it at the u32 input.
    let mut program = lowered("property p { assert x * 3 != 7, \"m\"; }");
    let body = &mut program.properties[0].body;
    let Inst::Let(slot, _) = body[find(body, |i| matches!(i, Inst::Let(_, Op::Input(_))))] else { unreachable!() };
    let at = find(body, is_assert);
    body[at] = Inst::Assert { id: 0, cond: slot };
    let (p, e) = rejected(&program);
    assert_eq!(p, path(&[("body", at)]));
    assert!(matches!(e, PropertyError::OperandType { val, found: ScalarType::U32, .. } if val == slot), "{e}");
    assert_eq!(e.to_string(), format!("{slot} is u32, but a condition must be bool"));

    // `*` on i32 whose operands are u32.
    let mut program = lowered("property p { assert x * 3 != 7, \"m\"; }");
    let body = &mut program.properties[0].body;
    let at = find(body, |i| matches!(i, Inst::Let(_, Op::Binary(BinOp::Mul, ..))));
    let Inst::Let(_, Op::Binary(_, ty, lhs, _)) = &mut body[at] else { unreachable!() };
    *ty = ScalarType::I32;
    let lhs = *lhs;
    let (p, e) = rejected(&program);
    assert_eq!(p, path(&[("body", at)]));
    assert_eq!(e.to_string(), format!("{lhs} is u32, but the left operand of `*i32` must be i32"));
}

#[test]
fn an_op_on_a_type_it_does_not_take_is_rejected() {
    let mut program = lowered("property p { assert x * 3 != 7, \"m\"; }");
    let prop = &mut program.properties[0];
    let at = find(&prop.body, |i| matches!(i, Inst::Let(_, Op::Binary(BinOp::Mul, ..))));
    let Inst::Let(v, Op::Binary(_, _, a, b)) = prop.body[at].clone() else { unreachable!() };
    // `%` on f32 does not exist (docs/semantics.md section 2), whatever the operands.
    prop.body[at] = Inst::Let(v, Op::Binary(BinOp::Rem, ScalarType::F32, a, b));
    let (p, e) = rejected(&program);
    assert_eq!(p, path(&[("body", at)]));
    assert_eq!(e, PropertyError::OpType { op: "`%`".into(), ty: ScalarType::F32 });
}

#[test]
fn a_declared_type_that_differs_from_the_op_result_is_rejected() {
    let mut program = lowered("property p { assert x * 3 != 7, \"m\"; }");
    let prop = &mut program.properties[0];
    let at = find(&prop.body, |i| matches!(i, Inst::Let(_, Op::Binary(BinOp::Ne, ..))));
    let Inst::Let(v, _) = prop.body[at] else { unreachable!() };
    prop.vals[v] = ScalarType::U32;
    assert_eq!(
        rejected(&program),
        (path(&[("body", at)]), PropertyError::ResultType { val: v, declared: ScalarType::U32, yields: ScalarType::Bool })
    );
}

#[test]
fn site_ids_out_of_range_are_rejected() {
    let mut program = lowered("property p { assume x != 1; assert x != 7, \"m\"; cover x == 3; }");
    let prop = &mut program.properties[0];
    let at = find(&prop.body, is_assert);
    let Inst::Assert { cond, .. } = prop.body[at] else { unreachable!() };
    prop.body[at] = Inst::Assert { id: 5, cond };
    let (p, e) = rejected(&program);
    assert_eq!(p, path(&[("body", at)]));
    assert_eq!(e, PropertyError::SiteOutOfRange { kind: SiteKind::Assert, id: 5, len: 1 });
    let message = ir::validate(&program).expect_err("rejected").to_string();
    assert_eq!(message, format!("property `p`, instruction body[{at}]: assert #5 does not exist (the property has 1)"));

    for (kind, make) in [
        (SiteKind::Assume, (|cond| Inst::Assume { id: 1, cond }) as fn(Val) -> Inst),
        (SiteKind::Cover, |cond| Inst::Cover { id: 1, cond }),
        (SiteKind::BoundsSite, |index| Inst::BoundsCheck { index, len: 4, site: 1 }),
    ] {
        let mut program = lowered("property p { assume x != 1; assert x != 7, \"m\"; cover x == 3; }");
        let prop = &mut program.properties[0];
        let Inst::Let(slot, _) = prop.body[find(&prop.body, |i| matches!(i, Inst::Let(_, Op::Input(_))))] else { unreachable!() };
        let Inst::Assert { cond, .. } = prop.body[find(&prop.body, is_assert)] else { unreachable!() };
        let operand = if kind == SiteKind::BoundsSite { slot } else { cond };
        prop.body.push(make(operand));
        let len = if kind == SiteKind::BoundsSite { 0 } else { 1 };
        assert_eq!(rejected(&program).1, PropertyError::SiteOutOfRange { kind, id: 1, len });
    }
}

#[test]
fn variables_are_used_as_what_they_are() {
    // An element store into a scalar variable.
    let mut program = lowered("property p { var s: u32 = x; s += 1; assert s != 7, \"m\"; }");
    let prop = &mut program.properties[0];
    let at = find(&prop.body, |i| matches!(i, Inst::Set(..)));
    let Inst::Set(var, v) = prop.body[at] else { unreachable!() };
    prop.body[at] = Inst::SetElem(var, v, v);
    assert!(matches!(rejected(&program).1, PropertyError::VarType { var: w, .. } if w == var));

    // A loop variable written outside its loop.
    let mut program = lowered("property p { var s: i32 = 0; for i in 0..4 { s += a[i]; } assert s != 9, \"m\"; }");
    let prop = &mut program.properties[0];
    let at = find(&prop.body, |i| matches!(i, Inst::For { .. }));
    let Inst::For { var, .. } = prop.body[at] else { unreachable!() };
    let zero = prop.vals.push(ScalarType::I32);
    prop.body.insert(0, Inst::Let(zero, Op::Const(ScalarType::I32, 0)));
    prop.body.insert(1, Inst::Set(var, zero));
    assert_eq!(rejected(&program), (path(&[("body", 1)]), PropertyError::LoopVarWritten(var)));
}

#[test]
fn loop_bounds_must_fit_the_loop_variable() {
    let mut program = lowered("property p { var s: i32 = 0; for i in 0..4 { s += a[i]; } assert s != 9, \"m\"; }");
    let prop = &mut program.properties[0];
    let at = find(&prop.body, |i| matches!(i, Inst::For { .. }));
    let Inst::For { var, .. } = prop.body[at] else { unreachable!() };
    let ty = prop.vars[var].ty.elem();
    let Inst::For { start, end, .. } = &mut prop.body[at] else { unreachable!() };
    *start = 5;
    *end = 2;
    assert_eq!(rejected(&program).1, PropertyError::LoopBounds { start: 5, end: 2, ty });
}

#[test]
fn input_references_must_name_an_input() {
    let mut program = lowered("property p { assert x != 7, \"m\"; }");
    let slots = program.slots.len();
    let body = &mut program.properties[0].body;
    let at = find(body, |i| matches!(i, Inst::Let(_, Op::Input(_))));
    let Inst::Let(v, _) = body[at] else { unreachable!() };
    body[at] = Inst::Let(v, Op::Input(slots as u32));
    assert_eq!(rejected(&program).1, PropertyError::SlotOutOfRange { slot: slots as u32, slots });

    // An element read of slots that are not one array input (`a` is slots 1..5).
    let mut program = lowered("property p { assert a[x % 4] != 3, \"m\"; }");
    let body = &mut program.properties[0].body;
    let at = find(body, |i| matches!(i, Inst::Let(_, Op::InputElem { .. })));
    let Inst::Let(_, Op::InputElem { first_slot, .. }) = &mut body[at] else { unreachable!() };
    assert_eq!(*first_slot, 1);
    *first_slot = 0;
    assert_eq!(rejected(&program), (path(&[("body", at)]), PropertyError::NotAnArrayInput { first_slot: 0, len: 4 }));
}

#[test]
fn errors_inside_blocks_report_the_nested_path() {
    let mut program = lowered("property p { if x > 3 { assert x * 2 != 8, \"m\"; } }");
    let body = &mut program.properties[0].body;
    let at = find(body, |i| matches!(i, Inst::If { .. }));
    let Inst::If { then, .. } = &mut body[at] else { unreachable!() };
    let k = find(then, is_assert);
    let Inst::Assert { cond, .. } = then[k] else { unreachable!() };
    then[k] = Inst::Assert { id: 3, cond };
    let err = ir::validate(&program).expect_err("rejected");
    let ValidationError::Property { property, path: p, .. } = &err else { panic!("{err}") };
    assert_eq!(property, "p");
    assert_eq!(p, &path(&[("body", at), ("then", k)]));
    assert!(err.to_string().starts_with(&format!("property `p`, instruction body[{at}].then[{k}]: ")), "{err}");
}

//! Over-narrow thresholds that need no interval analysis: exact equality of rounded f32 values (L001), an exact
//! integer threshold among range checks of the same value (L003), and range domains of one or two values (L004).

use std::collections::{HashMap, HashSet};

use super::absint::mentions_runtime;
use super::codes;
use super::exprs::{conjuncts, resolve, same, stable_lets, visit, visit_stmts};
use crate::check::{Expr, ExprKind, LocalId, Property, Stmt, Type, TypedSpec};
use crate::diag::{Diagnostic, FileId};
use crate::r#gen::{Domain, domain_size};
use crate::load::Loaded;
use crate::sem::{Builtin, ScalarType};
use crate::syntax::ast::{self, BinOp, ItemKind, UnOp};

/// L001 and L003 on every property.
pub fn check(spec: &TypedSpec, out: &mut Vec<Diagnostic>) {
    let fn_rounded = rounded_functions(spec);
    for p in &spec.properties {
        float_equality(spec, p, &fn_rounded, out);
        int_equality_among_ranges(spec, p, out);
    }
}

// ------------------------------------------------------------------------------------------ L001

/// Whether each function may return a rounded f32 (its body does f32 arithmetic or calls one that does).
fn rounded_functions(spec: &TypedSpec) -> Vec<bool> {
    let mut rounded = vec![false; spec.functions.len()];
    loop {
        let mut changed = false;
        for (i, f) in spec.functions.iter().enumerate() {
            if rounded[i] {
                continue;
            }
            let mut any = false;
            visit_stmts(&f.body, &mut |s| {
                for_each_expr(s, &mut |e| {
                    visit(e, &mut |x| any |= rounding_op(x) || matches!(&x.kind, ExprKind::Call(g, _) if rounded[g.0 as usize]));
                })
            });
            if any {
                rounded[i] = true;
                changed = true;
            }
        }
        if !changed {
            return rounded;
        }
    }
}

/// The top-level expressions of one statement (not those of nested statements).
fn for_each_expr<'s>(s: &'s Stmt, f: &mut dyn FnMut(&'s Expr)) {
    match s {
        Stmt::Let { value, .. } => f(value),
        Stmt::Assign { index, value, .. } => {
            if let Some(i) = index {
                f(i);
            }
            f(value)
        }
        Stmt::If { cond, .. } => f(cond),
        Stmt::While { cond, .. } => {
            if let Some(c) = cond {
                f(c)
            }
        }
        Stmt::For { .. } | Stmt::Break | Stmt::Continue => {}
        Stmt::Assert { cond, .. } | Stmt::Assume { cond, .. } | Stmt::Cover { cond, .. } => f(cond),
        Stmt::Return(e) => f(e),
    }
}

/// An operation whose float result is rounded: `+ - * /`, `sqrt`, `fma`.
fn rounding_op(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Binary(BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div, ..) => e.ty.elem().is_float(),
        ExprKind::Builtin(Builtin::Sqrt | Builtin::Fma, _) => true,
        _ => false,
    }
}

/// Whether a float value may carry rounding error from arithmetic.
fn is_rounded(e: &Expr, locals: &[bool], fns: &[bool]) -> bool {
    if !e.ty.elem().is_float() || e.ty.elem() == ScalarType::Bool {
        return false;
    }
    if rounding_op(e) {
        return true;
    }
    match &e.kind {
        ExprKind::Const(_) | ExprKind::Input(_) | ExprKind::Cast(..) => false,
        ExprKind::Local(l) => locals[l.0 as usize],
        ExprKind::Call(f, _) => fns[f.0 as usize],
        ExprKind::ExternCall(..) => true,
        ExprKind::Unary(UnOp::Neg, x) => is_rounded(x, locals, fns),
        ExprKind::Unary(..) | ExprKind::Binary(..) => false,
        ExprKind::Index(b, _) | ExprKind::Field(b, _) => is_rounded(b, locals, fns),
        ExprKind::Array(xs) | ExprKind::Record(xs) => xs.iter().any(|x| is_rounded(x, locals, fns)),
        // floor/ceil/round/trunc give whole numbers; from_bits an exact pattern.
        ExprKind::Builtin(Builtin::Min | Builtin::Max | Builtin::Abs | Builtin::Clamp | Builtin::Select, xs) => {
            xs.iter().any(|x| is_rounded(x, locals, fns))
        }
        ExprKind::Builtin(..) => false,
    }
}

/// Which locals of a body may hold a rounded f32 (any assignment of a rounded value).
fn rounded_locals(p: &Property, fns: &[bool]) -> Vec<bool> {
    let mut rounded = vec![false; p.locals.len()];
    loop {
        let mut changed = false;
        visit_stmts(&p.body, &mut |s| {
            let (Stmt::Let { local, value } | Stmt::Assign { local, value, .. }) = s else { return };
            if !rounded[local.0 as usize] && is_rounded(value, &rounded, fns) {
                rounded[local.0 as usize] = true;
                changed = true;
            }
        });
        if !changed {
            return rounded;
        }
    }
}

/// The comparisons inside assert conditions (looking through `let` locals of type bool).
fn assert_comparisons<'p>(p: &'p Property, lets: &HashMap<LocalId, &'p Expr>) -> Vec<&'p Expr> {
    let mut out: Vec<&Expr> = Vec::new();
    let mut seen: HashSet<(u32, u32, u32)> = HashSet::new();
    let mut followed: HashSet<LocalId> = HashSet::new();
    let mut pending: Vec<&Expr> = Vec::new();
    visit_stmts(&p.body, &mut |s| {
        if let Stmt::Assert { cond, .. } = s {
            pending.push(cond);
        }
    });
    while let Some(e) = pending.pop() {
        visit(e, &mut |x| match &x.kind {
            ExprKind::Binary(op, ..) if op.is_comparison() && seen.insert((x.span.file.0, x.span.start, x.span.end)) => out.push(x),
            ExprKind::Binary(..) => {}
            ExprKind::Local(l) if x.ty == Type::BOOL && followed.insert(*l) => {
                if let Some(v) = lets.get(l) {
                    pending.push(v);
                }
            }
            _ => {}
        });
    }
    out.sort_by_key(|e| (e.span.file, e.span.start));
    out
}

fn float_equality(spec: &TypedSpec, p: &Property, fns: &[bool], out: &mut Vec<Diagnostic>) {
    let lets = stable_lets(&p.body, &p.locals);
    let locals = rounded_locals(p, fns);
    for c in assert_comparisons(p, &lets) {
        let ExprKind::Binary(op @ (BinOp::Eq | BinOp::Ne), l, r) = &c.kind else { continue };
        let Type::Scalar(ty) = l.ty else { continue };
        if !ty.is_float() || same(l, r) || same(resolve(l, &lets), resolve(r, &lets)) {
            // `x != x` is the NaN test.
            continue;
        }
        let (lr, rr) = (is_rounded(l, &locals, fns), is_rounded(r, &locals, fns));
        if !lr && !rr {
            continue;
        }
        let rounded_side = if lr { l } else { r };
        let (lt, rt) = (spec.sources.snippet(l.span), spec.sources.snippet(r.span));
        let (suggestion, exact) = if *op == BinOp::Eq {
            (format!("ulp_distance({lt}, {rt}) <= 4"), format!("bits({lt}) == bits({rt})"))
        } else {
            (format!("ulp_distance({lt}, {rt}) > 4"), format!("bits({lt}) != bits({rt})"))
        };
        out.push(
            Diagnostic::warning(codes::FLOAT_EQUALITY, format!("exact `{}` between {ty} values that carry rounding error", op.symbol()))
                .primary(c.span, "passes only when every bit agrees")
                .secondary(rounded_side.span, format!("this value is rounded by {ty} arithmetic"))
                .help(format!(
                    "compare within a few representable floats, e.g. `{suggestion}` (or a relative tolerance); when every bit must agree (a rounding test), say so: `{exact}`"
                ))
                .note("to test for NaN write `is_nan(x)` (or `x != x`)"),
        );
    }
}

// ------------------------------------------------------------------------------------------ L003

fn int_equality_among_ranges(spec: &TypedSpec, p: &Property, out: &mut Vec<Diagnostic>) {
    let lets = stable_lets(&p.body, &p.locals);
    let mut ranged: Vec<&Expr> = Vec::new();
    let mut ranged_at: Vec<&Expr> = Vec::new();
    let mut equalities: Vec<(&Expr, &Expr, &Expr)> = Vec::new();
    visit_stmts(&p.body, &mut |s| {
        let Stmt::Assert { cond, .. } = s else { return };
        for c in conjuncts(cond) {
            let ExprKind::Binary(op, l, r) = &c.kind else { continue };
            if !l.ty.elem().is_int() || l.ty.slots() != 1 {
                continue;
            }
            match op {
                BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                    for side in [l, r] {
                        if mentions_runtime(side) {
                            ranged.push(side);
                            ranged_at.push(c);
                        }
                    }
                }
                BinOp::Eq => {
                    let (value, threshold) = match (mentions_runtime(l), mentions_runtime(r)) {
                        (true, false) => (&**l, &**r),
                        (false, true) => (&**r, &**l),
                        _ => continue,
                    };
                    equalities.push((c, value, threshold));
                }
                _ => {}
            }
        }
    });
    for (c, value, threshold) in equalities {
        let rv = resolve(value, &lets);
        let Some(k) = ranged.iter().position(|x| same(x, value) || same(resolve(x, &lets), rv)) else { continue };
        let (vt, tt) = (spec.sources.snippet(value.span), spec.sources.snippet(threshold.span));
        out.push(
            Diagnostic::warning(
                codes::INT_EQUALITY_AMONG_RANGES,
                format!("`{vt}` must equal exactly {tt}, while other asserts bound it with a range"),
            )
            .primary(c.span, "an exact threshold")
            .secondary(ranged_at[k].span, "the same value is checked with a range here")
            .help(format!("if the exact value is not the contract, state the accepted range: `{vt} >= LO && {vt} <= HI`")),
        );
    }
}

// ------------------------------------------------------------------------------------------ L004

/// L004: inputs whose range domain holds one or two values.
pub fn narrow_domains(spec: &TypedSpec, loaded: &Loaded, out: &mut Vec<Diagnostic>) {
    let Some(root) = loaded.files.first() else { return };
    for item in &root.ast.items {
        let ItemKind::Input(decl) = &item.kind else { continue };
        let Some(ast::DomainExpr::Range { span, .. }) = &decl.domain else { continue };
        let Some(input) = spec.inputs.iter().find(|i| i.name == decl.name.name && i.span.file == FileId(0)) else { continue };
        let n = domain_size(&input.domain);
        let values: Vec<String> = match &input.domain {
            Domain::U32Range { lo, hi } if n <= 2 => (*lo..=*hi).map(|v| v.to_string()).collect(),
            Domain::I32Range { lo, hi } if n <= 2 => (*lo..=*hi).map(|v| v.to_string()).collect(),
            Domain::F32Range { lo, hi, .. } if n <= 2 => {
                let mut v = vec![crate::sem::display_f32(*lo)];
                if lo != hi && n == 2 {
                    v.push(crate::sem::display_f32(*hi));
                }
                v
            }
            _ => continue,
        };
        let ty = input.ty.elem();
        let help = if values.len() == 1 {
            format!(
                "if `{}` is fixed, make it a constant: `const {}: {ty} = {};`",
                decl.name.name,
                decl.name.name.to_uppercase(),
                values[0]
            )
        } else {
            format!("list the values as a set: `in {{{}}}`", values.join(", "))
        };
        let label = if n == 1 { "this range holds a single value".to_string() } else { format!("this range holds only {n} values") };
        out.push(
            Diagnostic::warning(
                codes::NARROW_RANGE_DOMAIN,
                format!("the range domain of input `{}` holds only {}", decl.name.name, if n == 1 { "one value" } else { "two values" }),
            )
            .primary(*span, label)
            .help(help),
        );
    }
}

//! Helpers on typed expressions for the lint rules: structural equality, conjuncts, and the definitions of `let`
//! locals (so a rule can look through `let err = abs(a - b); assert err < TOL;`).

use std::collections::HashMap;

use crate::check::{Expr, ExprKind, Local, LocalId, Stmt};

/// Whether two expressions compute the same thing, ignoring spans and parentheses.
pub fn same(a: &Expr, b: &Expr) -> bool {
    if a.ty != b.ty {
        return false;
    }
    match (&a.kind, &b.kind) {
        (ExprKind::Const(x), ExprKind::Const(y)) => x == y,
        (ExprKind::Input(x), ExprKind::Input(y)) => x == y,
        (ExprKind::Local(x), ExprKind::Local(y)) => x == y,
        (ExprKind::Unary(o1, x), ExprKind::Unary(o2, y)) => o1 == o2 && same(x, y),
        (ExprKind::Binary(o1, l1, r1), ExprKind::Binary(o2, l2, r2)) => o1 == o2 && same(l1, l2) && same(r1, r2),
        (ExprKind::Cast(x, t1), ExprKind::Cast(y, t2)) => t1 == t2 && same(x, y),
        (ExprKind::Call(f1, a1), ExprKind::Call(f2, a2)) => f1 == f2 && all_same(a1, a2),
        (ExprKind::Builtin(b1, a1), ExprKind::Builtin(b2, a2)) => b1 == b2 && all_same(a1, a2),
        (ExprKind::Index(b1, i1), ExprKind::Index(b2, i2)) => same(b1, b2) && same(i1, i2),
        (ExprKind::Array(a1), ExprKind::Array(a2)) => all_same(a1, a2),
        _ => false,
    }
}

fn all_same(a: &[Expr], b: &[Expr]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
}

/// The operands of a chain of `&&` (the expression itself when it is not one).
pub fn conjuncts(e: &Expr) -> Vec<&Expr> {
    match &e.kind {
        ExprKind::Binary(crate::syntax::ast::BinOp::And, l, r) => {
            let mut v = conjuncts(l);
            v.extend(conjuncts(r));
            v
        }
        _ => vec![e],
    }
}

/// Every sub-expression, outermost first.
pub fn visit<'e>(e: &'e Expr, f: &mut dyn FnMut(&'e Expr)) {
    f(e);
    match &e.kind {
        ExprKind::Const(_) | ExprKind::Input(_) | ExprKind::Local(_) => {}
        ExprKind::Unary(_, x) | ExprKind::Cast(x, _) | ExprKind::Field(x, _) => visit(x, f),
        ExprKind::Binary(_, l, r) | ExprKind::Index(l, r) => {
            visit(l, f);
            visit(r, f);
        }
        ExprKind::Call(_, xs) | ExprKind::ExternCall(_, xs) | ExprKind::Builtin(_, xs) | ExprKind::Array(xs) | ExprKind::Record(xs) => {
            for x in xs {
                visit(x, f);
            }
        }
    }
}

/// Every statement of a body, nested ones included, in order.
pub fn visit_stmts<'s>(stmts: &'s [Stmt], f: &mut dyn FnMut(&'s Stmt)) {
    for s in stmts {
        f(s);
        match s {
            Stmt::If { then, els, .. } => {
                visit_stmts(then, f);
                visit_stmts(els, f);
            }
            Stmt::For { body, .. } | Stmt::While { body, .. } => visit_stmts(body, f),
            _ => {}
        }
    }
}

/// The value of every immutable `let` whose value reads no mutable local: such a local stands for its
/// definition wherever it is visible.
pub fn stable_lets<'s>(stmts: &'s [Stmt], locals: &[Local]) -> HashMap<LocalId, &'s Expr> {
    let mut out = HashMap::new();
    visit_stmts(stmts, &mut |s| {
        if let Stmt::Let { local, value } = s {
            let immutable = !locals[local.0 as usize].mutable;
            let mut reads_var = false;
            visit(value, &mut |e| {
                if let ExprKind::Local(l) = &e.kind {
                    reads_var |= locals[l.0 as usize].mutable;
                }
            });
            if immutable && !reads_var {
                out.insert(*local, value);
            }
        }
    });
    out
}

/// Looks through stable `let` locals to the expression they stand for.
pub fn resolve<'s>(mut e: &'s Expr, lets: &HashMap<LocalId, &'s Expr>) -> &'s Expr {
    for _ in 0..64 {
        match &e.kind {
            ExprKind::Local(l) => match lets.get(l) {
                Some(v) => e = v,
                None => return e,
            },
            _ => return e,
        }
    }
    e
}

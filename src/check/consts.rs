//! Constant items: evaluated lazily in any order with cycles reported, their dependencies, and
//! the constant expressions of array lengths and loop bounds (the evaluator is `consteval`).

use super::exprs::{flexible_default, is_flexible};
use super::hash::{calls_in_block, calls_in_expr};
use super::typed::*;
use super::{Checker, ConstState, ExternSlot, FnSlot, Global, MAX_ARRAY_LEN, consteval, interp};
use crate::diag::{Diagnostic, Span, codes};
use crate::syntax::ast::{self, ExprKind as AK};
use crate::syntax::visit::{Visitor, walk_expr};

impl Checker<'_> {
    pub(super) fn eval_const(&mut self, i: usize) -> Option<Value> {
        match &self.consts[i].state {
            ConstState::Done(v) => return Some(v.clone()),
            ConstState::Failed => return None,
            ConstState::InProgress => {
                let d = Diagnostic::error(codes::CONST_CYCLE, format!("constant `{}` depends on itself", self.consts[i].name))
                    .primary(self.consts[i].span, "cycle in constant definitions");
                self.err(d);
                self.consts[i].state = ConstState::Failed;
                return None;
            }
            ConstState::Unvisited => {}
        }
        self.consts[i].state = ConstState::InProgress;
        let decl = self.consts[i].decl;
        let saved_file = self.file;
        let saved_body = self.body.take();
        self.file = self.consts[i].file;
        let result = (|| {
            let Some(ty_expr) = &decl.ty else {
                let d = Diagnostic::error(codes::CONST_WITHOUT_TYPE, format!("missing type for constant `{}`", decl.name.name))
                    .primary(decl.name.span, "constants need a type")
                    .help(format!("write e.g. `const {}: u32 = ...;`", decl.name.name));
                self.err(d);
                return None;
            };
            let ty = self.resolve_type(ty_expr)?;
            self.in_const_item = true;
            let e = self.expr_expect(&decl.value, ty);
            self.in_const_item = false;
            let e = e?;
            if calls_functions(&e) {
                return self.computed_const(&e);
            }
            self.const_value(&e, "a constant's value")
        })();
        self.file = saved_file;
        self.body = saved_body;
        match &result {
            Some(v) => self.consts[i].state = ConstState::Done(v.clone()),
            None => {
                if !matches!(self.consts[i].state, ConstState::Failed) {
                    self.consts[i].state = ConstState::Failed;
                }
            }
        }
        result
    }

    /// The constants a constant's declaration names (in its type and its value), resolved in its file.
    pub(super) fn const_deps(&self, i: usize) -> Vec<usize> {
        /// Every name read (a constant's declaration has no locals).
        struct Names<'e>(Vec<&'e str>);
        impl<'e> Visitor<'e> for Names<'e> {
            fn visit_expr(&mut self, e: &'e ast::Expr) {
                if let AK::Name(n) = &e.kind {
                    self.0.push(n);
                }
                walk_expr(self, e);
            }
        }
        let c = &self.consts[i];
        let mut names = Names(Vec::new());
        if let Some(t) = &c.decl.ty {
            names.visit_type(t);
        }
        names.visit_expr(&c.decl.value);
        let scope = &self.scopes[c.file.0 as usize];
        names
            .0
            .into_iter()
            .filter_map(|n| match scope.get(n) {
                Some((Global::Const(j), _)) => Some(*j),
                _ => None,
            })
            .collect()
    }

    /// A `const` value that calls functions: every function it reaches is checked (on demand, once),
    /// then the expression is computed by the reference interpreter ([`interp`]), within its limits.
    fn computed_const(&mut self, e: &Expr) -> Option<Value> {
        let mut work = Vec::new();
        calls_in_expr(e, &mut work);
        let mut seen = std::collections::HashSet::new();
        while let Some(f) = work.pop() {
            if !seen.insert(f) {
                continue;
            }
            let (saved_file, saved_body) = (self.file, self.body.take());
            self.check_signature(f);
            self.check_fn_body(f);
            self.file = saved_file;
            self.body = saved_body;
            let Some(body) = self.fns[f].checked.as_ref() else {
                // Its errors are reported where it is checked.
                return None;
            };
            calls_in_block(&body.body, &mut work);
        }
        let fns = CheckedFns(&self.fns, &self.externs);
        match interp::eval_expr(&fns, e) {
            Ok(v) => Some(v),
            Err(trap) => {
                let (span, why) = match &trap {
                    interp::Trap::OutOfBounds { span, index, len } => (*span, format!("index {index} is out of bounds for length {len}")),
                    interp::Trap::LoopBound { span, bound } => (*span, format!("this loop runs past its bound of {bound}")),
                    interp::Trap::Extern { span, name } => {
                        (*span, format!("`{name}` is an extern fn: only its implementation computes it"))
                    }
                    interp::Trap::Limit { span, why } => (if *span == Span::default() { e.span } else { *span }, why.to_string()),
                };
                let d = Diagnostic::error(codes::NOT_CONSTANT, "a constant's value could not be computed")
                    .primary(span, why)
                    .secondary(e.span, "computed for this constant")
                    .note("a `const` may call functions: they run at check time with the meaning of every backend");
                self.err(d);
                None
            }
        }
    }

    /// Evaluates a typed expression that must be constant, reporting why when it is not.
    pub(super) fn const_value(&mut self, e: &Expr, what: &str) -> Option<Value> {
        match consteval::eval(e) {
            Ok(v) => Some(v),
            Err(consteval::NotConst { span, why }) => {
                let d = Diagnostic::error(codes::NOT_CONSTANT, format!("{what} must be a constant expression"))
                    .primary(span, why)
                    .note("constant expressions use literals, consts, operators, casts and builtins");
                self.err(d);
                None
            }
        }
    }

    /// A constant array length, checked to be 1 to [`MAX_ARRAY_LEN`] (an error at `len` otherwise).
    pub(super) fn array_len(&mut self, len: &ast::Expr) -> Option<i64> {
        let n = self.const_int(len, "an array length")?;
        if !(1..=MAX_ARRAY_LEN).contains(&n) {
            let d = Diagnostic::error(codes::ARRAY_LENGTH_OUT_OF_RANGE, format!("array length {n} is out of range"))
                .primary(len.span, format!("lengths are 1 to {MAX_ARRAY_LEN}"));
            self.err(d);
            return None;
        }
        Some(n)
    }

    /// A constant integer (array length, loop bound), in any integer type.
    pub(super) fn const_int(&mut self, e: &ast::Expr, what: &str) -> Option<i64> {
        let hint = if is_flexible(e) { Some(flexible_default(e)) } else { None };
        let typed = self.expr(e, hint)?;
        let v = self.const_value(&typed, what)?;
        match v {
            Value::Scalar(s, b) if s.is_int() => Some(i64::try_from(crate::sem::wide::int_value(s, b)).unwrap_or(i64::MAX)),
            other => {
                let d = Diagnostic::error(codes::NOT_AN_INTEGER, format!("{what} must be an integer"))
                    .primary(e.span, format!("this is {}", other.ty()));
                self.err(d);
                None
            }
        }
    }
}

/// The checker's functions as the interpreter sees them (the checked ones).
struct CheckedFns<'c, 'a>(&'c [FnSlot<'a>], &'c [ExternSlot<'a>]);

impl interp::Functions for CheckedFns<'_, '_> {
    fn function(&self, index: usize) -> Option<&Function> {
        self.0.get(index).and_then(|f| f.checked.as_ref())
    }
    fn extern_name(&self, index: usize) -> String {
        self.1.get(index).map(|x| x.name.clone()).unwrap_or_default()
    }
}

fn calls_functions(e: &Expr) -> bool {
    let mut v = Vec::new();
    calls_in_expr(e, &mut v);
    !v.is_empty()
}

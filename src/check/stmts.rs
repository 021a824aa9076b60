//! Statements: `let`/`var`, assignments, `if`, `for`, `while`/`loop`, `break`/`continue`, `assert`/`assume`/`cover` and `return`.

use super::exprs::is_flexible;
use super::typed::*;
use super::{Checker, Global, MAX_LOOP_TRIPS, MAX_MESSAGE_BYTES};
use crate::diag::{Diagnostic, Span, codes};
use crate::sem::ScalarType;
use crate::syntax::ast::{self, BinOp, ExprKind as AK, StmtKind};

impl Checker<'_> {
    pub(super) fn block(&mut self, b: &ast::Block) -> Option<Block> {
        self.body().push_scope();
        let mut out = Vec::new();
        let mut ok = true;
        for s in &b.stmts {
            match self.stmt(s) {
                Some(mut stmts) => out.append(&mut stmts),
                None => ok = false,
            }
        }
        self.body().pop_scope();
        ok.then_some(out)
    }

    fn site(&self, cond: &ast::Expr, message: &Option<(String, Span)>) -> Site {
        Site {
            message: message.as_ref().map(|(m, _)| m.clone()),
            text: self.loaded.sources.snippet(cond.span).to_string(),
            span: cond.span,
            location: self.loaded.sources.location(cond.span),
        }
    }

    fn stmt(&mut self, s: &ast::Stmt) -> Option<Vec<Stmt>> {
        let in_fn = self.body.as_ref().is_some_and(|b| b.ret.is_some());
        let one = |st: Stmt| Some(vec![st]);
        match &s.kind {
            StmtKind::Let { name, ty, value } | StmtKind::Var { name, ty, value } => {
                let mutable = matches!(s.kind, StmtKind::Var { .. });
                let declared = match ty {
                    Some(t) => match self.resolve_type(t) {
                        Some(t) => Some(t),
                        None => {
                            self.declare_poisoned(name, mutable);
                            return None;
                        }
                    },
                    None => None,
                };
                let e = match declared {
                    Some(t) => self.expr_expect(value, t),
                    None => self.expr(value, None),
                };
                let Some(e) = e else {
                    // Keep the name declared so later uses do not report it as unknown.
                    match declared {
                        Some(t) => {
                            self.declare(name, t, mutable);
                        }
                        None => self.declare_poisoned(name, mutable),
                    }
                    return None;
                };
                let id = self.declare(name, e.ty, mutable);
                one(Stmt::Let { local: id, value: e })
            }
            StmtKind::LetTuple { mutable, names, value } => {
                let e = self.expr(value, None);
                let rec = e.as_ref().and_then(|e| match e.ty {
                    Type::Record(r) => Some(self.records.get(r).clone()),
                    _ => None,
                });
                let failed_ty = e.as_ref().map(|e| e.ty);
                let Some((e, rec)) = e.zip(rec) else {
                    if let Some(t) = failed_ty {
                        let d = Diagnostic::error(codes::PATTERN_MISMATCH, format!("a tuple pattern cannot bind {}", self.show(t)))
                            .primary(value.span, "not a tuple or struct");
                        self.err(d);
                    }
                    for n in names.iter().filter(|n| n.name != "_") {
                        self.declare_poisoned(n, *mutable);
                    }
                    return None;
                };
                if rec.fields.len() != names.len() {
                    let d = Diagnostic::error(
                        codes::PATTERN_MISMATCH,
                        format!("this pattern binds {} names, but {} has {} elements", names.len(), self.show(e.ty), rec.fields.len()),
                    )
                    .primary(s.span, format!("expected {} names (`_` skips one)", rec.fields.len()));
                    self.err(d);
                    for n in names.iter().filter(|n| n.name != "_") {
                        self.declare_poisoned(n, *mutable);
                    }
                    return None;
                }
                // `let (a, b) = v;` is `let tmp = v; let a = tmp.0; let b = tmp.1;`.
                let (value_span, ty) = (e.span, e.ty);
                let tmp = self.body().declare(Local { name: "_tuple".to_string(), ty, mutable: false, span: value_span });
                let mut out = vec![Stmt::Let { local: tmp, value: e }];
                for (k, (n, (_, fty))) in names.iter().zip(&rec.fields).enumerate() {
                    if n.name == "_" {
                        continue;
                    }
                    let whole = Expr { kind: ExprKind::Local(tmp), ty, span: value_span };
                    let field = Expr { kind: ExprKind::Field(Box::new(whole), k as u32), ty: *fty, span: n.span };
                    let id = self.declare(n, *fty, *mutable);
                    out.push(Stmt::Let { local: id, value: field });
                }
                Some(out)
            }
            StmtKind::Assign { target, op, value } => {
                // The target: a name, field accesses, at most one index, and fields of the indexed
                // element (`pts[i].x`).
                let (mut path, mut after): (Vec<&ast::Ident>, Vec<&ast::Ident>) = (Vec::new(), Vec::new());
                let mut index = None;
                let mut cur = target;
                let mut two_indices = false;
                loop {
                    match &cur.kind {
                        AK::Field(b, f) => {
                            path.push(f);
                            cur = b;
                        }
                        AK::Index(b, i) => {
                            two_indices |= index.is_some();
                            index = Some(i);
                            after = std::mem::take(&mut path);
                            cur = b;
                        }
                        _ => break,
                    }
                }
                path.reverse();
                after.reverse();
                let base = match &cur.kind {
                    AK::Name(n) if !two_indices => Some((n, cur.span)),
                    _ => None,
                };
                let Some((name, name_span)) = base else {
                    let d = Diagnostic::error(codes::INVALID_ASSIGN_TARGET, "invalid assignment target")
                        .primary(target.span, "can only assign to a variable, one of its fields, or an element of an array in it");
                    self.err(d);
                    return None;
                };
                if self.lookup_local(name).is_some_and(|l| self.is_poisoned(l))
                    || (self.lookup_local(name).is_none() && self.is_failed_input(name))
                {
                    return None;
                }
                let Some(local) = self.lookup_local(name) else {
                    let d = match self.scopes[self.file.0 as usize].get(name.as_str()) {
                        Some((Global::Input(_), _)) => {
                            Diagnostic::error(codes::ASSIGN_TO_READ_ONLY, format!("cannot assign to input `{name}`"))
                                .primary(name_span, "inputs are read-only")
                                .help(format!("copy it first: `var {name}_copy = {name};`"))
                        }
                        Some((Global::Const(_), _)) => {
                            Diagnostic::error(codes::ASSIGN_TO_READ_ONLY, format!("cannot assign to constant `{name}`"))
                                .primary(name_span, "constants are read-only")
                        }
                        _ => self.unknown_name(name, name_span),
                    };
                    self.err(d);
                    return None;
                };
                let l = self.body().locals[local.0 as usize].clone();
                if !l.mutable {
                    let is_param =
                        self.body.as_ref().and_then(|b| b.fn_index).is_some_and(|f| (local.0 as usize) < self.fns[f].params.len());
                    let is_loop_var = self.body.as_ref().is_some_and(|b| b.loop_vars.contains(&local));
                    let (what, declared, help) = if is_param {
                        ("parameter", format!("`{name}` is a parameter"), format!("copy it into a variable first: `var {name}_ = {name};`"))
                    } else if is_loop_var {
                        (
                            "loop variable",
                            format!("`{name}` is the loop variable"),
                            format!("copy it into a variable first: `var {name}_ = {name};`"),
                        )
                    } else {
                        (
                            "immutable variable",
                            format!("`{name}` is declared with `let`"),
                            format!("declare it with `var {name}` to make it mutable"),
                        )
                    };
                    let d = Diagnostic::error(codes::ASSIGN_TO_IMMUTABLE, format!("cannot assign to {what} `{name}`"))
                        .primary(target.span, "cannot assign")
                        .secondary(l.span, declared)
                        .help(help);
                    self.err(d);
                    return None;
                }
                let mut part_ty = l.ty;
                let mut fields = Vec::new();
                for f in &path {
                    let (k, t) = self.field_of(part_ty, f)?;
                    fields.push(k);
                    part_ty = t;
                }
                let (target_ty, index_e) = match index {
                    None => (part_ty, None),
                    Some(i) if matches!(part_ty, Type::RecordArray(..)) => {
                        let Type::RecordArray(r, _) = part_ty else { return None };
                        let ie = self.index_expr(i)?;
                        (Type::Record(r), Some(ie))
                    }
                    Some(i) => {
                        let Type::Array(elem, _) = part_ty else {
                            let d = Diagnostic::error(
                                codes::INDEX_OF_NON_ARRAY,
                                format!(
                                    "cannot index into `{}` of type {}",
                                    self.loaded.sources.snippet(target.span).split('[').next().unwrap_or(name),
                                    self.show(part_ty)
                                ),
                            )
                            .primary(target.span, "not an array");
                            self.err(d);
                            return None;
                        };
                        let ie = self.index_expr(i)?;
                        (Type::Scalar(elem), Some(ie))
                    }
                };
                let mut target_ty = target_ty;
                let mut after_fields = Vec::new();
                for f in &after {
                    let (k, t) = self.field_of(target_ty, f)?;
                    after_fields.push(k);
                    target_ty = t;
                }
                let value_e = match op {
                    None => self.expr_expect(value, target_ty)?,
                    Some(op) => {
                        let mut current = Expr { kind: ExprKind::Local(local), ty: l.ty, span: target.span };
                        for &k in &fields {
                            let Type::Record(r) = current.ty else { break };
                            let fty = self.records.get(r).fields[k as usize].1;
                            current = Expr { kind: ExprKind::Field(Box::new(current), k), ty: fty, span: target.span };
                        }
                        let mut current = match &index_e {
                            None => current,
                            Some(ie) => {
                                let elem = match current.ty {
                                    Type::RecordArray(r, _) => Type::Record(r),
                                    t => Type::Scalar(t.elem()),
                                };
                                Expr { kind: ExprKind::Index(Box::new(current), Box::new(ie.clone())), ty: elem, span: target.span }
                            }
                        };
                        for &k in &after_fields {
                            let Type::Record(r) = current.ty else { break };
                            let fty = self.records.get(r).fields[k as usize].1;
                            current = Expr { kind: ExprKind::Field(Box::new(current), k), ty: fty, span: target.span };
                        }
                        let Type::Scalar(sty) = target_ty else {
                            let what = if target_ty.is_record() { "a struct or tuple" } else { "an array" };
                            let d = Diagnostic::error(
                                codes::COMPOUND_ASSIGN_TO_ARRAY,
                                format!("`{}=` cannot be applied to {what}", op.symbol()),
                            )
                            .primary(target.span, format!("type {}", self.show(target_ty)));
                            self.err(d);
                            return None;
                        };
                        let rhs_hint = if matches!(op, BinOp::Shl | BinOp::Shr) { ScalarType::U32 } else { sty };
                        let rhs = if matches!(op, BinOp::Shl | BinOp::Shr) && !is_flexible(value) {
                            self.expr(value, None)?
                        } else {
                            self.expr_expect(value, Type::Scalar(rhs_hint))?
                        };
                        self.binary_typed(*op, current, rhs, s.span)?
                    }
                };
                one(Stmt::Assign { local, fields, index: index_e, after: after_fields, value: value_e })
            }
            StmtKind::If { cond, then, els } => {
                let c = self.expr_expect(cond, Type::BOOL)?;
                let t = self.block(then);
                let e = match els {
                    None => Some(Vec::new()),
                    Some(stmt) => match &stmt.kind {
                        StmtKind::Block(b) => self.block(b),
                        _ => {
                            self.body().push_scope();
                            let r = self.stmt(stmt);
                            self.body().pop_scope();
                            r
                        }
                    },
                };
                one(Stmt::If { cond: c, then: t?, els: e? })
            }
            StmtKind::Block(b) => {
                let stmts = self.block(b)?;
                Some(stmts)
            }
            StmtKind::For { var, start, end, inclusive, body } => {
                let lo = self.const_int(start, "a loop bound");
                let hi = self.const_int(end, "a loop bound");
                let (lo, hi) = (lo?, hi?);
                let hi_excl = if *inclusive { hi + 1 } else { hi };
                if hi_excl - lo > MAX_LOOP_TRIPS {
                    let d = Diagnostic::error(codes::LOOP_TOO_LONG, format!("loop runs {} times", hi_excl - lo))
                        .primary(start.span.to(end.span), format!("at most {MAX_LOOP_TRIPS} iterations are allowed"));
                    self.err(d);
                    return None;
                }
                let start_ty = self.expr(start, None).map(|e| e.ty);
                let end_ty = self.expr(end, None).map(|e| e.ty);
                let ty = match (is_flexible(start), is_flexible(end), start_ty, end_ty) {
                    (false, _, Some(t), _) => t,
                    (true, false, _, Some(t)) => t,
                    _ => {
                        if lo < 0 {
                            Type::I32
                        } else {
                            Type::U32
                        }
                    }
                };
                self.body().push_scope();
                let id = self.declare(var, ty, false);
                self.body().loop_vars.insert(id);
                self.body().loop_spans.insert(id, start.span.to(end.span));
                self.body().loop_depth += 1;
                let b = self.block(body);
                self.body().loop_depth -= 1;
                self.body().pop_scope();
                one(Stmt::For { local: id, start: lo, end: hi_excl.max(lo), body: b? })
            }
            StmtKind::While { cond, bound, body } => {
                let c = cond.as_ref().map(|c| self.expr_expect(c, Type::BOOL));
                let n = self.const_int(bound, "a loop bound");
                let n = match n {
                    Some(n) if !(0..=MAX_LOOP_TRIPS).contains(&n) => {
                        let d = Diagnostic::error(codes::LOOP_TOO_LONG, format!("loop bound {n} is out of range"))
                            .primary(bound.span, format!("a loop runs 0 to {MAX_LOOP_TRIPS} times"));
                        self.err(d);
                        None
                    }
                    n => n,
                };
                self.body().loop_depth += 1;
                let b = self.block(body);
                self.body().loop_depth -= 1;
                let head = Span { end: bound.span.end, ..s.span };
                let c = match c {
                    Some(c) => Some(c?),
                    None => None,
                };
                one(Stmt::While { cond: c, bound: n? as u32, body: b?, span: head })
            }
            StmtKind::Break | StmtKind::Continue => {
                let word = if matches!(s.kind, StmtKind::Break) { "break" } else { "continue" };
                if self.body().loop_depth == 0 {
                    let d = Diagnostic::error(codes::JUMP_OUTSIDE_LOOP, format!("`{word}` outside a loop"))
                        .primary(s.span, format!("`{word}` belongs inside `for`, `while` or `loop`"))
                        .note("a function's loops end inside it: a `break` cannot leave the caller's loop");
                    self.err(d);
                    return None;
                }
                one(if word == "break" { Stmt::Break } else { Stmt::Continue })
            }
            StmtKind::Assert { cond, message } | StmtKind::Assume { cond, message } | StmtKind::Cover { cond, label: message } => {
                let what = match s.kind {
                    StmtKind::Assert { .. } => "assert",
                    StmtKind::Assume { .. } => "assume",
                    _ => "cover",
                };
                if in_fn {
                    let d = Diagnostic::error(codes::CHECK_IN_FUNCTION, format!("`{what}` is not allowed in a function"))
                        .primary(s.span, "functions are pure: they compute a value")
                        .help(format!("move the `{what}` into a property and call the function there"));
                    self.err(d);
                    return None;
                }
                if let Some((text, span)) = message.as_ref().filter(|(text, _)| text.len() > MAX_MESSAGE_BYTES) {
                    let d = Diagnostic::error(codes::MESSAGE_TOO_LONG, format!("`{what}` message is {} bytes long", text.len()))
                        .primary(*span, format!("at most {MAX_MESSAGE_BYTES} bytes are allowed"))
                        .help("keep the message short; put details in a comment");
                    self.err(d);
                    return None;
                }
                let c = self.expr_expect(cond, Type::BOOL)?;
                let site = self.site(cond, message);
                let body = self.body();
                let st = match what {
                    "assert" => {
                        body.asserts.push(site);
                        Stmt::Assert { id: body.asserts.len() as u32 - 1, cond: c }
                    }
                    "assume" => {
                        body.assumes.push(site);
                        Stmt::Assume { id: body.assumes.len() as u32 - 1, cond: c }
                    }
                    _ => {
                        body.covers.push(site);
                        Stmt::Cover { id: body.covers.len() as u32 - 1, cond: c }
                    }
                };
                one(st)
            }
            StmtKind::Return(e) => {
                let Some(ret) = self.body.as_ref().and_then(|b| b.ret) else {
                    let d = Diagnostic::error(codes::RETURN_OUTSIDE_FUNCTION, "`return` outside a function")
                        .primary(s.span, "properties do not return values")
                        .help("a property passes when it reaches its end; use `assume` to skip a vector");
                    self.err(d);
                    return None;
                };
                let v = self.expr_expect(e, ret)?;
                one(Stmt::Return(v))
            }
            StmtKind::Expr(e) => {
                let d = Diagnostic::error(codes::EXPRESSION_STATEMENT, "expression statement has no effect")
                    .primary(e.span, "this value is computed and thrown away")
                    .help("did you mean `assert`, an assignment with `=`, or `let`?");
                self.err(d);
                None
            }
        }
    }
}

//! A read-only visitor over the AST, in the style of syn and rust-analyzer: [`Visitor`] has one method per
//! kind of node, each defaulting to a `walk_*` function that visits the node's children in source order, and
//! hooks for the names a node binds and the scopes it opens. A walker overrides only what it looks at.

use super::ast::{Block, DomainExpr, Expr, ExprKind, FnDecl, HeaderField, HeaderValue, Ident, Item, ItemKind, Stmt, StmtKind, TypeExpr};

/// What introduces a local name (see [`Visitor::visit_binding`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindingKind {
    Let,
    Var,
    /// The variable of a `for` loop.
    LoopVar,
    /// A function parameter.
    Param,
}

/// Visits an AST; every method's default visits the children (call the `walk_*` function of the same name
/// from an override to keep descending).
pub trait Visitor<'ast> {
    fn visit_item(&mut self, item: &'ast Item) {
        walk_item(self, item);
    }
    fn visit_fn(&mut self, f: &'ast FnDecl) {
        walk_fn(self, f);
    }
    fn visit_block(&mut self, b: &'ast Block) {
        walk_block(self, b);
    }
    fn visit_stmt(&mut self, s: &'ast Stmt) {
        walk_stmt(self, s);
    }
    fn visit_expr(&mut self, e: &'ast Expr) {
        walk_expr(self, e);
    }
    fn visit_type(&mut self, t: &'ast TypeExpr) {
        walk_type(self, t);
    }
    fn visit_domain(&mut self, d: &'ast DomainExpr) {
        walk_domain(self, d);
    }
    /// A local name comes into scope: a `let` or `var` (after its value), a loop variable (inside the loop's
    /// scope, before its body), a parameter (inside the function's scope, before its body).
    fn visit_binding(&mut self, _name: &'ast Ident, _kind: BindingKind) {}
    /// A scope opens: a block, a loop (for its variable), a function (for its parameters).
    fn enter_scope(&mut self) {}
    /// The scope opened last closes.
    fn exit_scope(&mut self) {}
}

/// The header's number values, a const's type and value, an input's type and domain, a function, a property's body.
pub fn walk_item<'ast, V: Visitor<'ast> + ?Sized>(v: &mut V, item: &'ast Item) {
    match &item.kind {
        ItemKind::Spec(h) => walk_header_fields(v, &h.fields),
        ItemKind::Import(_) => {}
        ItemKind::Const(c) => {
            if let Some(t) = &c.ty {
                v.visit_type(t);
            }
            v.visit_expr(&c.value);
        }
        ItemKind::Input(i) => {
            v.visit_type(&i.ty);
            if let Some(d) = &i.domain {
                v.visit_domain(d);
            }
        }
        ItemKind::Fn(f) => v.visit_fn(f),
        ItemKind::Extern(e) => {
            for p in &e.params {
                v.visit_type(&p.ty);
            }
            if let Some(t) = &e.ret {
                v.visit_type(t);
            }
        }
        ItemKind::Struct(st) => {
            for f in &st.fields {
                v.visit_type(&f.ty);
            }
        }
        ItemKind::Property(p) => {
            for i in &p.params {
                v.visit_type(&i.ty);
                if let Some(d) = &i.domain {
                    v.visit_domain(d);
                }
            }
            v.visit_block(&p.body)
        }
    }
}

fn walk_header_fields<'ast, V: Visitor<'ast> + ?Sized>(v: &mut V, fields: &'ast [HeaderField]) {
    for f in fields {
        match &f.value {
            HeaderValue::Number(e) => v.visit_expr(e),
            HeaderValue::Block(inner, _) => walk_header_fields(v, inner),
            HeaderValue::Str(..) | HeaderValue::List(..) => {}
        }
    }
}

/// The parameter and return types (outside the parameters' scope, as the checker resolves them), then, in a
/// scope of their own, the parameters and the body.
pub fn walk_fn<'ast, V: Visitor<'ast> + ?Sized>(v: &mut V, f: &'ast FnDecl) {
    for p in &f.params {
        v.visit_type(&p.ty);
    }
    if let Some(t) = &f.ret {
        v.visit_type(t);
    }
    v.enter_scope();
    for p in &f.params {
        v.visit_binding(&p.name, BindingKind::Param);
    }
    v.visit_block(&f.body);
    v.exit_scope();
}

/// The statements, in a scope of their own.
pub fn walk_block<'ast, V: Visitor<'ast> + ?Sized>(v: &mut V, b: &'ast Block) {
    v.enter_scope();
    for s in &b.stmts {
        v.visit_stmt(s);
    }
    v.exit_scope();
}

pub fn walk_stmt<'ast, V: Visitor<'ast> + ?Sized>(v: &mut V, s: &'ast Stmt) {
    match &s.kind {
        StmtKind::Let { name, ty, value } | StmtKind::Var { name, ty, value } => {
            if let Some(t) = ty {
                v.visit_type(t);
            }
            v.visit_expr(value);
            v.visit_binding(name, if matches!(s.kind, StmtKind::Var { .. }) { BindingKind::Var } else { BindingKind::Let });
        }
        StmtKind::LetTuple { mutable, names, value } => {
            v.visit_expr(value);
            let kind = if *mutable { BindingKind::Var } else { BindingKind::Let };
            for n in names.iter().filter(|n| n.name != "_") {
                v.visit_binding(n, kind);
            }
        }
        StmtKind::Assign { target, value, .. } => {
            v.visit_expr(target);
            v.visit_expr(value);
        }
        StmtKind::If { cond, then, els } => {
            v.visit_expr(cond);
            v.visit_block(then);
            // An `else` is a block or another `if`: either scopes what it declares.
            if let Some(e) = els {
                v.visit_stmt(e);
            }
        }
        StmtKind::Block(b) => v.visit_block(b),
        StmtKind::For { var, start, end, body, .. } => {
            v.visit_expr(start);
            v.visit_expr(end);
            v.enter_scope();
            v.visit_binding(var, BindingKind::LoopVar);
            v.visit_block(body);
            v.exit_scope();
        }
        StmtKind::While { cond, bound, body } => {
            if let Some(c) = cond {
                v.visit_expr(c);
            }
            v.visit_expr(bound);
            v.visit_block(body);
        }
        StmtKind::Break | StmtKind::Continue => {}
        StmtKind::Assert { cond, .. } | StmtKind::Assume { cond, .. } | StmtKind::Cover { cond, .. } => v.visit_expr(cond),
        StmtKind::Return(e) | StmtKind::Expr(e) => v.visit_expr(e),
    }
}

/// The operands, left to right (a cast's operand before its type, a repeat's value before its length).
pub fn walk_expr<'ast, V: Visitor<'ast> + ?Sized>(v: &mut V, e: &'ast Expr) {
    match &e.kind {
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Char(_)
        | ExprKind::Bytes(_)
        | ExprKind::TypeConst(..)
        | ExprKind::Bool(_)
        | ExprKind::Name(_)
        | ExprKind::Error => {}
        ExprKind::Unary(_, x) | ExprKind::Paren(x) | ExprKind::Field(x, _) => v.visit_expr(x),
        ExprKind::Binary(_, l, r) | ExprKind::Index(l, r) | ExprKind::Repeat(l, r) => {
            v.visit_expr(l);
            v.visit_expr(r);
        }
        ExprKind::Cast(x, t) => {
            v.visit_expr(x);
            v.visit_type(t);
        }
        ExprKind::Call(_, args) | ExprKind::Array(args) | ExprKind::Tuple(args) => {
            for a in args {
                v.visit_expr(a);
            }
        }
        ExprKind::Struct(_, fields) => {
            for (_, x) in fields {
                v.visit_expr(x);
            }
        }
    }
}

/// An array type's element type, then its length; a tuple type's element types.
pub fn walk_type<'ast, V: Visitor<'ast> + ?Sized>(v: &mut V, t: &'ast TypeExpr) {
    match t {
        TypeExpr::Named(_) => {}
        TypeExpr::Array { elem, len, .. } => {
            v.visit_type(elem);
            v.visit_expr(len);
        }
        TypeExpr::Tuple { elems, .. } => {
            for e in elems {
                v.visit_type(e);
            }
        }
    }
}

pub fn walk_domain<'ast, V: Visitor<'ast> + ?Sized>(v: &mut V, d: &'ast DomainExpr) {
    match d {
        DomainExpr::Range { lo, hi, .. } => {
            v.visit_expr(lo);
            v.visit_expr(hi);
        }
        DomainExpr::Set { values, .. } => {
            for x in values {
                v.visit_expr(x);
            }
        }
        DomainExpr::Fields { fields, .. } => {
            for (_, d) in fields {
                v.visit_domain(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::FileId;

    /// Records names read, names bound (with the scope depth) and calls, in visiting order.
    #[derive(Default)]
    struct Trace {
        depth: usize,
        events: Vec<String>,
    }

    impl<'ast> Visitor<'ast> for Trace {
        fn visit_expr(&mut self, e: &'ast Expr) {
            match &e.kind {
                ExprKind::Name(n) => self.events.push(format!("use {n}")),
                ExprKind::Call(f, _) => self.events.push(format!("call {}", f.name)),
                _ => {}
            }
            walk_expr(self, e);
        }
        fn visit_binding(&mut self, name: &'ast Ident, kind: BindingKind) {
            self.events.push(format!("bind {} {kind:?} at {}", name.name, self.depth));
        }
        fn enter_scope(&mut self) {
            self.depth += 1;
        }
        fn exit_scope(&mut self) {
            self.depth -= 1;
        }
    }

    #[test]
    fn visits_every_name_and_binding_in_source_order_with_scopes() {
        let text = "spec s { budget { vectors = LIMIT } }\n\
                    const N: u32 = 4;\n\
                    input x: [u32; N] in 0..HI;\n\
                    fn f(a: u32, b: [u32; M]) -> u32 { let y = g(a) + b[0]; for i in 0..K { var z: [u32; L] = [y; R]; } if c { return y; } else { return (w as u32); } }\n";
        let parsed = crate::syntax::parse(FileId(0), text);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let mut t = Trace::default();
        for item in &parsed.ast.items {
            t.visit_item(item);
        }
        assert_eq!(t.depth, 0, "every scope entered is exited");
        assert_eq!(
            t.events,
            [
                "use LIMIT",
                "use N",
                "use HI",
                "use M",
                "bind a Param at 1",
                "bind b Param at 1",
                "call g",
                "use a",
                "use b",
                "bind y Let at 2",
                "use K",
                "bind i LoopVar at 3",
                "use L",
                "use y",
                "use R",
                "bind z Var at 4",
                "use c",
                "use y",
                "use w",
            ]
        );
    }
}

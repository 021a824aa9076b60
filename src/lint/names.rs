//! Rules about names, read from the syntax tree of the root file (the typed spec folds consts away and drops
//! scopes): unused inputs (L009), consts (L010) and functions (L011), and shadowing that changes a type (L012).
//! Names starting with `_` are exempt from the unused rules, as in Rust.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::codes;
use crate::check::{ExprKind, Local, Type, TypedSpec};
use crate::diag::{Diagnostic, FileId, Span};
use crate::load::Loaded;
use crate::syntax::ast::{self, ExprKind as AK, ItemKind};
use crate::syntax::visit::{BindingKind, Visitor, walk_expr};

/// Global names an item refers to (names bound by a local in scope are not globals).
#[derive(Default)]
struct Refs {
    scopes: Vec<Vec<String>>,
    names: BTreeSet<String>,
}

impl Refs {
    fn is_local(&self, n: &str) -> bool {
        self.scopes.iter().any(|s| s.iter().any(|x| x == n))
    }
}

impl<'ast> Visitor<'ast> for Refs {
    fn visit_expr(&mut self, e: &'ast ast::Expr) {
        match &e.kind {
            AK::Name(n) if !self.is_local(n) => {
                self.names.insert(n.clone());
            }
            AK::Call(f, _) => {
                self.names.insert(f.name.clone());
            }
            _ => {}
        }
        walk_expr(self, e);
    }
    fn visit_binding(&mut self, name: &'ast ast::Ident, _: BindingKind) {
        if let Some(s) = self.scopes.last_mut() {
            s.push(name.name.clone());
        }
    }
    fn enter_scope(&mut self) {
        self.scopes.push(Vec::new());
    }
    fn exit_scope(&mut self) {
        self.scopes.pop();
    }
}

fn fn_refs(f: &ast::FnDecl) -> BTreeSet<String> {
    // The parameters are in scope for their own types too (not `walk_fn`'s order, which resolves types first).
    let mut r = Refs { scopes: vec![f.params.iter().map(|p| p.name.name.clone()).collect()], ..Refs::default() };
    for p in &f.params {
        r.visit_type(&p.ty);
    }
    if let Some(t) = &f.ret {
        r.visit_type(t);
    }
    r.visit_block(&f.body);
    r.names
}

/// L009–L011: inputs no property reads, consts and functions of the root file that nothing reachable uses.
pub fn unused(spec: &TypedSpec, loaded: &Loaded, out: &mut Vec<Diagnostic>) {
    let Some(root) = loaded.files.first() else { return };
    // Inputs: read from the typed properties.
    let mut read = vec![false; spec.inputs.len()];
    for p in &spec.properties {
        super::exprs::visit_stmts(&p.body, &mut |s| {
            visit_stmt_exprs(s, &mut |e| {
                if let ExprKind::Input(i) = e.kind {
                    read[i.0 as usize] = true;
                }
            })
        });
    }
    for (i, input) in spec.inputs.iter().enumerate() {
        if read[i] || input.name.starts_with('_') {
            continue;
        }
        let factor = super::space::count_text(input.ty, &input.domain);
        out.push(
            Diagnostic::warning(codes::UNUSED_INPUT, format!("input `{}` is never read", input.name))
                .primary(input.span, "no property reads this input")
                .note(format!("it still multiplies the input space by {factor}, so runs cover the inputs that matter more thinly"))
                .help(format!("remove it, or name it `_{}` if it is declared on purpose", input.name)),
        );
    }

    // Consts and functions of the root file: reachable from the properties and the input declarations.
    #[derive(Clone, Copy, PartialEq)]
    enum Kind {
        Const,
        Fn,
    }
    type Item = (Kind, Span, BTreeSet<String>);
    let mut items: HashMap<String, Item> = HashMap::new();
    let mut roots: BTreeSet<String> = BTreeSet::new();
    for item in &root.ast.items {
        match &item.kind {
            ItemKind::Const(c) => {
                let mut r = Refs::default();
                r.visit_item(item);
                items.insert(c.name.name.clone(), (Kind::Const, c.name.span, r.names));
            }
            ItemKind::Fn(f) => {
                items.insert(f.name.name.clone(), (Kind::Fn, f.name.span, fn_refs(f)));
            }
            ItemKind::Input(_) | ItemKind::Property(_) | ItemKind::Extern(_) => {
                let mut r = Refs::default();
                r.visit_item(item);
                roots.extend(r.names);
            }
            ItemKind::Spec(_) | ItemKind::Import(_) | ItemKind::Struct(_) => {}
        }
    }
    let mut reached: HashSet<String> = HashSet::new();
    let mut work: Vec<String> = roots.into_iter().collect();
    while let Some(n) = work.pop() {
        if !reached.insert(n.clone()) {
            continue;
        }
        if let Some((_, _, refs)) = items.get(&n) {
            work.extend(refs.iter().filter(|r| !reached.contains(*r)).cloned());
        }
    }
    let mut unused: Vec<(&String, &Item)> = items.iter().filter(|(n, _)| !reached.contains(*n) && !n.starts_with('_')).collect();
    unused.sort_by_key(|(_, (_, span, _))| span.start);
    for (name, (kind, span, _)) in unused {
        let users: Vec<String> =
            items.iter().filter(|(n, (_, _, refs))| *n != name && refs.contains(name)).map(|(n, _)| format!("`{n}`")).collect();
        let (code, what) = match kind {
            Kind::Const => (codes::UNUSED_CONST, "constant"),
            Kind::Fn => (codes::UNUSED_FN, "function"),
        };
        let mut d = Diagnostic::warning(code, format!("{what} `{name}` is never used")).primary(
            *span,
            if users.is_empty() { "not used by any property or input".to_string() } else { "used only by unused items".to_string() },
        );
        if !users.is_empty() {
            let mut users = users;
            users.sort();
            d = d.note(format!("it is used by {}, which no property uses either", users.join(", ")));
        }
        d = d.help(format!("remove it, or name it `_{name}` if it is kept on purpose"));
        out.push(d);
    }
}

fn visit_stmt_exprs<'s>(s: &'s crate::check::Stmt, f: &mut dyn FnMut(&'s crate::check::Expr)) {
    use crate::check::Stmt;
    let mut all = |e: &'s crate::check::Expr| super::exprs::visit(e, f);
    match s {
        Stmt::Let { value, .. } => all(value),
        Stmt::Assign { index, value, .. } => {
            if let Some(i) = index {
                all(i);
            }
            all(value);
        }
        Stmt::If { cond, .. } => all(cond),
        Stmt::While { cond, .. } => {
            if let Some(c) = cond {
                all(c)
            }
        }
        Stmt::For { .. } | Stmt::Break | Stmt::Continue => {}
        Stmt::Assert { cond, .. } | Stmt::Assume { cond, .. } | Stmt::Cover { cond, .. } => all(cond),
        Stmt::Return(e) => all(e),
    }
}

// ------------------------------------------------------------------------------------------ L012

struct Binding {
    name: String,
    ty: Type,
    span: Span,
    what: &'static str,
}

struct Shadows<'a> {
    types: HashMap<Span, Type>,
    scopes: Vec<Vec<Binding>>,
    out: &'a mut Vec<Diagnostic>,
}

impl Shadows<'_> {
    fn bind(&mut self, name: &ast::Ident, what: &'static str) {
        let Some(ty) = self.types.get(&name.span).copied() else { return };
        let prev = self.scopes.iter().rev().flat_map(|s| s.iter().rev()).find(|b| b.name == name.name);
        if let Some(prev) = prev
            && prev.ty != ty
        {
            self.out.push(
                Diagnostic::warning(
                    codes::SHADOWING_CHANGES_TYPE,
                    format!("`{}` is redeclared as {ty}, shadowing a {} {}", name.name, prev.ty, prev.what),
                )
                .primary(name.span, format!("`{}` is {ty} from here on", name.name))
                .secondary(prev.span, format!("`{}` was {} here", name.name, prev.ty))
                .help(format!(
                    "give the new value its own name (e.g. `{}_{}`) so each name keeps one type",
                    name.name,
                    ty.to_string().replace(['[', ']', ';', ' '], "")
                )),
            );
        }
        if let Some(s) = self.scopes.last_mut() {
            s.push(Binding { name: name.name.clone(), ty, span: name.span, what });
        }
    }
}

impl<'ast> Visitor<'ast> for Shadows<'_> {
    fn visit_binding(&mut self, name: &'ast ast::Ident, kind: BindingKind) {
        let what = match kind {
            BindingKind::Let | BindingKind::Var => "local",
            BindingKind::LoopVar => "loop variable",
            BindingKind::Param => "parameter",
        };
        self.bind(name, what);
    }
    fn enter_scope(&mut self) {
        self.scopes.push(Vec::new());
    }
    fn exit_scope(&mut self) {
        self.scopes.pop();
    }
}

fn local_types(locals: &[Local]) -> HashMap<Span, Type> {
    locals.iter().map(|l| (l.span, l.ty)).collect()
}

/// L012: a `let`, `var` or loop variable that shadows a name of another type.
pub fn shadowing(spec: &TypedSpec, loaded: &Loaded, out: &mut Vec<Diagnostic>) {
    let Some(root) = loaded.files.first() else { return };
    let mut visible_files = vec![FileId(0)];
    visible_files.extend(root.imports.iter().copied());
    let consts: Vec<Binding> = spec
        .consts
        .iter()
        .filter(|c| visible_files.contains(&c.span.file))
        .map(|c| Binding { name: c.name.clone(), ty: c.value.ty(), span: c.span, what: "constant" })
        .collect();
    for item in &root.ast.items {
        match &item.kind {
            ItemKind::Property(p) => {
                let Some(tp) = spec.properties.iter().find(|t| t.name == p.name.name) else { continue };
                let mut base: Vec<Binding> =
                    consts.iter().map(|b| Binding { name: b.name.clone(), ty: b.ty, span: b.span, what: b.what }).collect();
                base.extend(spec.inputs.iter().map(|i| Binding { name: i.name.clone(), ty: i.ty, span: i.span, what: "input" }));
                let mut sh = Shadows { types: local_types(&tp.locals), scopes: vec![base], out: &mut *out };
                sh.visit_block(&p.body);
            }
            ItemKind::Fn(f) => {
                let Some(tf) = spec.functions.iter().find(|t| t.name == f.name.name && t.span.file == FileId(0)) else { continue };
                let base: Vec<Binding> =
                    consts.iter().map(|b| Binding { name: b.name.clone(), ty: b.ty, span: b.span, what: b.what }).collect();
                let mut sh = Shadows { types: local_types(&tf.locals), scopes: vec![base], out: &mut *out };
                sh.visit_fn(f);
            }
            _ => {}
        }
    }
}

//! The type checker: resolves names and imports, types every expression, evaluates constants and
//! domains, rejects recursion, and produces a [`TypedSpec`] with its hash.

pub mod consteval;
pub mod cost;
pub mod hash;
pub mod typed;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::diag::{Diagnostic, DiagnosticCollector, FileId, Span};
use crate::r#gen::domain::{Domain, ScalarKind};
use crate::load::Loaded;
use crate::sem::{self, Builtin, ScalarType};
use crate::syntax::ast::{self, BinOp, ExprKind as AK, ItemKind, StmtKind, UnOp};
pub use typed::*;

/// Largest array length accepted (arrays live in registers on both backends).
pub const MAX_ARRAY_LEN: i64 = 4096;
/// Largest total trip count of one loop.
pub const MAX_LOOP_TRIPS: i64 = 1 << 20;
/// Most values a set domain (`in {a, b, c}`) may list.
pub const MAX_SET_VALUES: usize = 65_536;
/// Longest `assert` / `assume` / `cover` message, and longest header string (`version`, `owner`,
/// `status`, each tag), in bytes: they are stored in run records.
pub const MAX_MESSAGE_BYTES: usize = 4096;
/// Largest size of a property once every function call is inlined, in typed nodes (expressions
/// and statements): both backends inline every call, so this bounds the code they generate.
pub const MAX_INLINED_NODES: u64 = 1_000_000;
/// Longest chain of nested function calls (each call is inlined into its caller, recursively).
pub const MAX_CALL_DEPTH: u64 = 256;
/// Most steps one vector may take in one property: nodes evaluated, with each loop's body counted
/// once per iteration (nested loops multiply).
pub const MAX_WORK_PER_VECTOR: u64 = 1 << 32;

/// A checked spec and the warnings found on the way.
#[derive(Debug)]
pub struct Checked {
    pub spec: TypedSpec,
    pub warnings: Vec<Diagnostic>,
}

/// Type-checks a loaded spec. On failure returns every diagnostic (errors and warnings).
pub fn check(loaded: Loaded) -> Result<Checked, Vec<Diagnostic>> {
    if loaded.diagnostics.iter().any(Diagnostic::is_error) {
        return Err(loaded.diagnostics);
    }
    let mut c = Checker::new(&loaded);
    c.diags.extend(loaded.diagnostics.iter().cloned());
    c.run();
    let Checker { diags, header, inputs, consts, fns, properties, .. } = c;
    if diags.has_errors() {
        return Err(diags.finish());
    }
    let diags = diags.finish();
    let consts = consts
        .into_iter()
        .filter_map(|c| match c.state {
            ConstState::Done(v) => Some(ConstItem { name: c.name, value: v, span: c.span }),
            _ => None,
        })
        .collect();
    let functions = fns.into_iter().map(|f| f.checked.expect("checked when no errors")).collect();
    let mut spec =
        TypedSpec { header, sources: loaded.sources, inputs, consts, functions, properties, hash: SpecHash([0; 32]), input_hash: [0; 32] };
    spec.input_hash = hash::input_hash(&spec);
    spec.hash = hash::spec_hash(&spec);
    Ok(Checked { spec, warnings: diags })
}

#[derive(Clone, Copy, Debug)]
enum Global {
    Const(usize),
    Fn(usize),
    Input(usize),
}

enum ConstState {
    Unvisited,
    InProgress,
    Done(Value),
    Failed,
}

struct ConstSlot<'a> {
    name: String,
    file: FileId,
    decl: &'a ast::ConstDecl,
    span: Span,
    state: ConstState,
}

struct FnSlot<'a> {
    name: String,
    file: FileId,
    decl: &'a ast::FnDecl,
    params: Vec<(String, Type, Span)>,
    ret: Option<Type>,
    checked: Option<Function>,
    calls: Vec<(usize, Span)>,
    /// The `lo..hi` span of each loop in the checked body, by loop variable.
    loop_spans: HashMap<LocalId, Span>,
}

/// The body being checked: a function's or a property's.
struct Body {
    locals: Vec<Local>,
    scopes: Vec<Vec<(String, LocalId)>>,
    /// `Some(return type)` in a function.
    ret: Option<Type>,
    fn_index: Option<usize>,
    asserts: Vec<Site>,
    assumes: Vec<Site>,
    covers: Vec<Site>,
    /// Locals whose declaration failed (already reported): uses of them report nothing more.
    poisoned: HashSet<LocalId>,
    /// `for` loop variables (immutable, like `let`), for precise messages.
    loop_vars: HashSet<LocalId>,
    /// The `lo..hi` span of each loop, by loop variable.
    loop_spans: HashMap<LocalId, Span>,
    /// Name -> the locals of that name in the open scopes, innermost last (lookups in constant time).
    names: HashMap<String, Vec<LocalId>>,
}

impl Body {
    fn new(ret: Option<Type>, fn_index: Option<usize>) -> Body {
        Body {
            locals: Vec::new(),
            scopes: vec![Vec::new()],
            ret,
            fn_index,
            asserts: vec![],
            assumes: vec![],
            covers: vec![],
            poisoned: HashSet::new(),
            loop_vars: HashSet::new(),
            loop_spans: HashMap::new(),
            names: HashMap::new(),
        }
    }
    fn push_scope(&mut self) {
        self.scopes.push(Vec::new());
    }
    fn pop_scope(&mut self) {
        for (name, _) in self.scopes.pop().unwrap_or_default() {
            if let Some(ids) = self.names.get_mut(&name) {
                ids.pop();
            }
        }
    }
    fn declare(&mut self, local: Local) -> LocalId {
        let id = LocalId(self.locals.len() as u32);
        self.names.entry(local.name.clone()).or_default().push(id);
        if let Some(scope) = self.scopes.last_mut() {
            scope.push((local.name.clone(), id));
        }
        self.locals.push(local);
        id
    }
}

struct Checker<'a> {
    loaded: &'a Loaded,
    diags: DiagnosticCollector,
    header: Header,
    consts: Vec<ConstSlot<'a>>,
    fns: Vec<FnSlot<'a>>,
    inputs: Vec<Input>,
    properties: Vec<Property>,
    scopes: Vec<HashMap<String, (Global, Span)>>,
    /// Inputs of the root spec whose declaration failed (already reported).
    failed_inputs: HashSet<String>,
    /// The `lo..hi` spans of each property's loops (parallel to `properties`).
    property_loop_spans: Vec<HashMap<LocalId, Span>>,
    file: FileId,
    body: Option<Body>,
}

fn builtin_type_name(name: &str) -> Option<ScalarType> {
    match name {
        "bool" => Some(ScalarType::Bool),
        "u32" => Some(ScalarType::U32),
        "i32" => Some(ScalarType::I32),
        "f32" => Some(ScalarType::F32),
        _ => None,
    }
}

/// Whether an untyped expression takes its type from context (an integer literal, possibly negated).
fn is_flexible(e: &ast::Expr) -> bool {
    match &e.kind {
        AK::Int(_) => true,
        AK::Paren(inner) => is_flexible(inner),
        AK::Unary(UnOp::Neg | UnOp::BitNot, inner) => is_flexible(inner),
        AK::Binary(op, l, r) if !op.is_comparison() && !matches!(op, BinOp::And | BinOp::Or | BinOp::Shl | BinOp::Shr) => {
            is_flexible(l) && is_flexible(r)
        }
        AK::Binary(BinOp::Shl | BinOp::Shr, l, _) => is_flexible(l),
        _ => false,
    }
}

/// The type an unanchored literal expression takes: i32, or u32 when a literal in it is too
/// large for i32 (so `4294967295 > 1` means what it says).
fn flexible_default(e: &ast::Expr) -> ScalarType {
    fn max_literal(e: &ast::Expr) -> u64 {
        match &e.kind {
            AK::Int(v) => *v,
            AK::Paren(x) | AK::Unary(_, x) => max_literal(x),
            AK::Binary(_, l, r) => max_literal(l).max(max_literal(r)),
            _ => 0,
        }
    }
    if max_literal(e) > i32::MAX as u64 { ScalarType::U32 } else { ScalarType::I32 }
}

impl<'a> Checker<'a> {
    fn new(loaded: &'a Loaded) -> Checker<'a> {
        Checker {
            loaded,
            diags: DiagnosticCollector::new(),
            header: Header::default(),
            consts: Vec::new(),
            fns: Vec::new(),
            inputs: Vec::new(),
            properties: Vec::new(),
            scopes: vec![HashMap::new(); loaded.files.len()],
            failed_inputs: HashSet::new(),
            property_loop_spans: Vec::new(),
            file: FileId(0),
            body: None,
        }
    }

    fn err(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn run(&mut self) {
        self.collect();
        self.build_scopes();
        // Constants (lazily, in any order), then signatures, inputs, bodies. A constant's value
        // evaluates the constants it names recursively: first evaluate, dependencies first, every
        // constant whose dependencies are done, so a chain of 40,000 constants does not recurse
        // 40,000 deep. Cycles are left to the lazy pass, which reports them.
        let deps: Vec<Vec<usize>> = (0..self.consts.len()).map(|i| self.const_deps(i)).collect();
        for i in post_order(&deps) {
            if deps[i].iter().all(|&j| j != i && matches!(self.consts[j].state, ConstState::Done(_))) {
                self.eval_const(i);
            }
        }
        for i in 0..self.consts.len() {
            self.eval_const(i);
        }
        for i in 0..self.fns.len() {
            self.check_signature(i);
        }
        self.file = FileId(0);
        self.check_header();
        self.check_inputs();
        for i in 0..self.fns.len() {
            self.check_fn_body(i);
        }
        self.check_recursion();
        self.check_properties();
        if !self.diags.has_errors() {
            self.check_costs();
        }
    }

    /// Registers every const and fn of every file, and reports what imports ignore.
    fn collect(&mut self) {
        let loaded = self.loaded;
        for file in &loaded.files {
            let mut seen: HashMap<&str, Span> = HashMap::new();
            let mut first_header: Option<Span> = None;
            for item in &file.ast.items {
                let (name, span) = match &item.kind {
                    ItemKind::Const(c) => (&c.name.name, c.name.span),
                    ItemKind::Fn(f) => (&f.name.name, f.name.span),
                    ItemKind::Input(i) => (&i.name.name, i.name.span),
                    ItemKind::Property(p) => {
                        if file.id != FileId(0) {
                            self.err(
                                Diagnostic::warning("W0201", format!("property `{}` in an imported file is not run", p.name.name))
                                    .primary(p.name.span, "imports bring in consts and fns only"),
                            );
                        }
                        continue;
                    }
                    ItemKind::Spec(h) => {
                        // A second header is reported as such, not also as "not first".
                        if let (Some(first), true) = (first_header, file.id == FileId(0)) {
                            self.err(
                                Diagnostic::error("E0103", "more than one `spec` header")
                                    .primary(h.name.span, "second header")
                                    .secondary(first, "first header"),
                            );
                        } else if file.id == FileId(0) && item.span != file.ast.items[0].span {
                            self.err(
                                Diagnostic::error("E0102", "the `spec` header must be the first item")
                                    .primary(h.name.span, "header found here"),
                            );
                        }
                        first_header.get_or_insert(h.name.span);
                        continue;
                    }
                    ItemKind::Import(_) => continue,
                };
                if let Some(prev) = seen.get(name.as_str()) {
                    self.err(
                        Diagnostic::error("E0104", format!("`{name}` is defined more than once"))
                            .primary(span, "redefined here")
                            .secondary(*prev, "first defined here"),
                    );
                    continue;
                }
                if builtin_type_name(name).is_some() || Builtin::from_name(name).is_some() {
                    let what = if Builtin::from_name(name).is_some() { "builtin function" } else { "type" };
                    self.err(Diagnostic::error("E0105", format!("`{name}` is the name of a {what}")).primary(span, "choose another name"));
                    continue;
                }
                seen.insert(name, span);
                match &item.kind {
                    ItemKind::Const(c) => {
                        self.consts.push(ConstSlot { name: name.clone(), file: file.id, decl: c, span, state: ConstState::Unvisited })
                    }
                    ItemKind::Fn(f) => self.fns.push(FnSlot {
                        name: name.clone(),
                        file: file.id,
                        decl: f,
                        params: Vec::new(),
                        ret: None,
                        checked: None,
                        calls: Vec::new(),
                        loop_spans: HashMap::new(),
                    }),
                    ItemKind::Input(_) if file.id != FileId(0) => {
                        self.err(
                            Diagnostic::warning("W0202", format!("input `{name}` in an imported file is ignored"))
                                .primary(span, "imports bring in consts and fns only"),
                        );
                    }
                    _ => {}
                }
            }
            if file.id == FileId(0) && first_header.is_none() {
                let span = Span::new(FileId(0), 0, 0);
                self.err(
                    Diagnostic::error("E0101", "missing `spec` header")
                        .primary(span, "a spec file starts with `spec NAME { ... }`")
                        .help("add e.g. `spec my_system { version = \"0.1.0\" }` at the top"),
                );
            }
        }
    }

    /// Each file sees its own consts, fns and inputs, and the consts and fns of the files it imports.
    fn build_scopes(&mut self) {
        let loaded = self.loaded;
        let mut own: Vec<Vec<(String, Global, Span)>> = vec![Vec::new(); loaded.files.len()];
        for (i, c) in self.consts.iter().enumerate() {
            own[c.file.0 as usize].push((c.name.clone(), Global::Const(i), c.span));
        }
        for (i, f) in self.fns.iter().enumerate() {
            own[f.file.0 as usize].push((f.name.clone(), Global::Fn(i), f.decl.name.span));
        }
        for file in &loaded.files {
            let fid = file.id.0 as usize;
            let mut scope: HashMap<String, (Global, Span)> = HashMap::new();
            for (n, g, s) in &own[fid] {
                scope.insert(n.clone(), (*g, *s));
            }
            for (k, imp) in file.imports.iter().enumerate() {
                let import_span = file.import_spans.get(k).copied().unwrap_or_default();
                for (n, g, s) in &own[imp.0 as usize] {
                    if let Some((prev, prev_span)) = scope.get(n) {
                        if !same_global(*prev, *g) {
                            let d = Diagnostic::error("E0106", format!("`{n}` is defined in more than one place in scope"))
                                .primary(import_span, format!("this import brings in another `{n}`"))
                                .secondary(*prev_span, "already defined here")
                                .secondary(*s, "imported definition");
                            self.diags.push(d);
                        }
                        continue;
                    }
                    scope.insert(n.clone(), (*g, *s));
                }
            }
            self.scopes[fid] = scope;
        }
    }

    // ---------------------------------------------------------------- constants

    fn eval_const(&mut self, i: usize) -> Option<Value> {
        match &self.consts[i].state {
            ConstState::Done(v) => return Some(v.clone()),
            ConstState::Failed => return None,
            ConstState::InProgress => {
                let d = Diagnostic::error("E0107", format!("constant `{}` depends on itself", self.consts[i].name))
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
                let d = Diagnostic::error("E0108", format!("missing type for constant `{}`", decl.name.name))
                    .primary(decl.name.span, "constants need a type")
                    .help(format!("write e.g. `const {}: u32 = ...;`", decl.name.name));
                self.err(d);
                return None;
            };
            let ty = self.resolve_type(ty_expr)?;
            let e = self.expr_expect(&decl.value, ty)?;
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
    fn const_deps(&self, i: usize) -> Vec<usize> {
        fn in_type<'e>(t: &'e ast::TypeExpr, out: &mut Vec<&'e str>) {
            if let ast::TypeExpr::Array { elem, len, .. } = t {
                in_type(elem, out);
                in_expr(len, out);
            }
        }
        fn in_expr<'e>(e: &'e ast::Expr, out: &mut Vec<&'e str>) {
            match &e.kind {
                AK::Name(n) => out.push(n),
                AK::Int(_) | AK::Float(_) | AK::Bool(_) | AK::Error => {}
                AK::Unary(_, x) | AK::Paren(x) => in_expr(x, out),
                AK::Cast(x, t) => {
                    in_expr(x, out);
                    in_type(t, out);
                }
                AK::Binary(_, l, r) | AK::Index(l, r) | AK::Repeat(l, r) => {
                    in_expr(l, out);
                    in_expr(r, out);
                }
                AK::Call(_, xs) | AK::Array(xs) => xs.iter().for_each(|x| in_expr(x, out)),
            }
        }
        let c = &self.consts[i];
        let mut names = Vec::new();
        if let Some(t) = &c.decl.ty {
            in_type(t, &mut names);
        }
        in_expr(&c.decl.value, &mut names);
        let scope = &self.scopes[c.file.0 as usize];
        names
            .into_iter()
            .filter_map(|n| match scope.get(n) {
                Some((Global::Const(j), _)) => Some(*j),
                _ => None,
            })
            .collect()
    }

    /// Evaluates a typed expression that must be constant, reporting why when it is not.
    fn const_value(&mut self, e: &Expr, what: &str) -> Option<Value> {
        match consteval::eval(e) {
            Ok(v) => Some(v),
            Err(consteval::NotConst { span, why }) => {
                let d = Diagnostic::error("E0109", format!("{what} must be a constant expression"))
                    .primary(span, why)
                    .note("constant expressions use literals, consts, operators, casts and builtins");
                self.err(d);
                None
            }
        }
    }

    /// A constant integer (array length, loop bound), in any integer type.
    fn const_int(&mut self, e: &ast::Expr, what: &str) -> Option<i64> {
        let hint = if is_flexible(e) { Some(flexible_default(e)) } else { None };
        let typed = self.expr(e, hint)?;
        let v = self.const_value(&typed, what)?;
        match v {
            Value::Scalar(ScalarType::U32, b) => Some(b as i64),
            Value::Scalar(ScalarType::I32, b) => Some(b as i32 as i64),
            other => {
                let d = Diagnostic::error("E0110", format!("{what} must be an integer")).primary(e.span, format!("this is {}", other.ty()));
                self.err(d);
                None
            }
        }
    }

    fn resolve_type(&mut self, t: &ast::TypeExpr) -> Option<Type> {
        match t {
            ast::TypeExpr::Named(id) => match builtin_type_name(&id.name) {
                Some(s) => Some(Type::Scalar(s)),
                None => {
                    let mut d = Diagnostic::error("E0111", format!("unknown type `{}`", id.name)).primary(id.span, "not a type");
                    d = match id.name.as_str() {
                        "u64" | "i64" | "f64" => d.note("64-bit types are planned but not supported yet").help("use `u32`, `i32` or `f32`"),
                        "int" | "usize" | "u8" | "u16" => d.help("integers are `u32` or `i32`"),
                        "float" | "f16" => d.help("floats are `f32`"),
                        "boolean" => d.help("use `bool`"),
                        _ => d.help("the types are `bool`, `u32`, `i32`, `f32` and arrays `[T; N]`"),
                    };
                    self.err(d);
                    None
                }
            },
            ast::TypeExpr::Array { elem, len, span } => {
                let elem_ty = self.resolve_type(elem)?;
                let Type::Scalar(s) = elem_ty else {
                    let d = Diagnostic::error("E0112", "arrays of arrays are not supported")
                        .primary(*span, "nested array type")
                        .help("flatten it into one array and index it with `row * width + col`");
                    self.err(d);
                    return None;
                };
                let n = self.const_int(len, "an array length")?;
                if !(1..=MAX_ARRAY_LEN).contains(&n) {
                    let d = Diagnostic::error("E0113", format!("array length {n} is out of range"))
                        .primary(len.span, format!("lengths are 1 to {MAX_ARRAY_LEN}"));
                    self.err(d);
                    return None;
                }
                Some(Type::Array(s, n as u32))
            }
        }
    }

    // ---------------------------------------------------------------- header, inputs

    fn check_header(&mut self) {
        let loaded = self.loaded;
        let Some(h) = loaded.files[0].ast.items.iter().find_map(|i| match &i.kind {
            ItemKind::Spec(h) => Some(h),
            _ => None,
        }) else {
            return;
        };
        self.header.name = h.name.name.clone();
        for f in &h.fields {
            let key = f.key.name.as_str();
            match (key, &f.value) {
                ("version" | "owner" | "status", ast::HeaderValue::Str(s, span)) => {
                    if !self.header_string_fits(key, s, *span) {
                        continue;
                    }
                    if key == "status" && s != "frozen" && s != "experimental" {
                        let d = Diagnostic::error("E0121", format!("unknown status `{s}`"))
                            .primary(*span, "expected \"frozen\" or \"experimental\"");
                        self.err(d);
                    }
                    let slot = match key {
                        "version" => &mut self.header.version,
                        "owner" => &mut self.header.owner,
                        _ => &mut self.header.status,
                    };
                    *slot = Some(s.clone());
                }
                ("tags", ast::HeaderValue::List(items, _)) => {
                    if items.iter().all(|(s, span)| self.header_string_fits("tags", s, *span)) {
                        self.header.tags = items.iter().map(|(s, _)| s.clone()).collect();
                    }
                }
                ("budget", ast::HeaderValue::Block(fields, _)) => {
                    for bf in fields {
                        let n = match &bf.value {
                            ast::HeaderValue::Number(e) => self.header_number(e),
                            _ => {
                                let d = Diagnostic::error("E0122", format!("budget field `{}` must be a number", bf.key.name))
                                    .primary(bf.span, "expected a number");
                                self.err(d);
                                None
                            }
                        };
                        let Some(n) = n else { continue };
                        if n < 0.0 || !n.is_finite() {
                            let d = Diagnostic::error("E0122", format!("budget field `{}` must be a non-negative number", bf.key.name))
                                .primary(bf.span, "negative or not finite");
                            self.err(d);
                            continue;
                        }
                        match bf.key.name.as_str() {
                            "vectors" => self.header.budget.vectors = Some(n as u64),
                            "seconds" => self.header.budget.seconds = Some(n),
                            "usd" => self.header.budget.usd = Some(n),
                            "usd_per_hour" => self.header.budget.usd_per_hour = Some(n),
                            other => {
                                let d = Diagnostic::error("E0123", format!("unknown budget field `{other}`"))
                                    .primary(bf.key.span, "not a budget field")
                                    .help("budget fields are `vectors`, `seconds`, `usd` and `usd_per_hour`");
                                self.err(d);
                            }
                        }
                    }
                }
                ("version" | "owner" | "status" | "tags" | "budget", _) => {
                    let expected = match key {
                        "tags" => "a list of strings, e.g. [\"billing\"]",
                        "budget" => "a block: budget { vectors = 1_000_000 }",
                        _ => "a string",
                    };
                    let d = Diagnostic::error("E0124", format!("header field `{key}` has the wrong kind of value"))
                        .primary(f.span, format!("expected {expected}"));
                    self.err(d);
                }
                (other, _) => {
                    let d = Diagnostic::error("E0125", format!("unknown header field `{other}`"))
                        .primary(f.key.span, "not a header field")
                        .help("header fields are `version`, `owner`, `status`, `tags` and `budget`");
                    self.err(d);
                }
            }
        }
    }

    /// Header strings are stored in every run record: at most [`MAX_MESSAGE_BYTES`] each.
    fn header_string_fits(&mut self, key: &str, s: &str, span: Span) -> bool {
        if s.len() <= MAX_MESSAGE_BYTES {
            return true;
        }
        let d = Diagnostic::error("E0126", format!("header field `{key}` is {} bytes long", s.len()))
            .primary(span, format!("at most {MAX_MESSAGE_BYTES} bytes are allowed"));
        self.err(d);
        false
    }

    fn header_number(&mut self, e: &ast::Expr) -> Option<f64> {
        match &e.kind {
            AK::Int(v) => Some(*v as f64),
            AK::Float(v) => Some(*v as f64),
            AK::Unary(UnOp::Neg, inner) => self.header_number(inner).map(|v| -v),
            _ => {
                let d = Diagnostic::error("E0122", "header values must be literal numbers").primary(e.span, "not a literal");
                self.err(d);
                None
            }
        }
    }

    fn check_inputs(&mut self) {
        let loaded = self.loaded;
        self.file = FileId(0);
        for item in &loaded.files[0].ast.items {
            let ItemKind::Input(decl) = &item.kind else { continue };
            let Some(ty) = self.resolve_type(&decl.ty) else {
                self.failed_inputs.insert(decl.name.name.clone());
                continue;
            };
            let elem = ty.elem();
            let Some((domain, text)) = self.domain(decl, elem) else {
                self.failed_inputs.insert(decl.name.name.clone());
                continue;
            };
            if matches!(self.scopes[0].get(&decl.name.name), Some((Global::Input(_), _))) {
                continue;
            }
            if let Some((Global::Const(_) | Global::Fn(_), prev)) = self.scopes[0].get(&decl.name.name) {
                // A clash within this file was reported by `collect`; one with an import is reported here.
                if prev.file != FileId(0) {
                    let d = Diagnostic::error("E0104", format!("`{}` is defined more than once", decl.name.name))
                        .primary(decl.name.span, "input defined here")
                        .secondary(*prev, "also defined in an imported file");
                    self.err(d);
                }
                continue;
            }
            let idx = self.inputs.len();
            self.scopes[0].insert(decl.name.name.clone(), (Global::Input(idx), decl.name.span));
            self.inputs.push(Input { name: decl.name.name.clone(), ty, domain, domain_text: text, span: decl.name.span });
        }
    }

    fn domain(&mut self, decl: &ast::InputDecl, elem: ScalarType) -> Option<(Domain, String)> {
        let kind = match elem {
            ScalarType::Bool => ScalarKind::Bool,
            ScalarType::U32 => ScalarKind::U32,
            ScalarType::I32 => ScalarKind::I32,
            ScalarType::F32 => ScalarKind::F32,
        };
        let Some(dom) = &decl.domain else {
            let d = match elem {
                ScalarType::Bool => Domain::Bool,
                ScalarType::U32 => Domain::U32Range { lo: 0, hi: u32::MAX },
                ScalarType::I32 => Domain::I32Range { lo: i32::MIN, hi: i32::MAX },
                ScalarType::F32 => Domain::F32Any,
            };
            return Some((d, "all".to_string()));
        };
        let text = self.loaded.sources.snippet(dom.span()).to_string();
        match dom {
            ast::DomainExpr::Set { values, span } => {
                if values.len() > MAX_SET_VALUES {
                    let d = Diagnostic::error("E0134", format!("set domain lists {} values", values.len()))
                        .primary(values[MAX_SET_VALUES].span, format!("value number {} is over the limit", MAX_SET_VALUES + 1))
                        .note(format!("a set domain lists at most {MAX_SET_VALUES} values"))
                        .help("use a range (`lo..=hi`), or split the input");
                    self.err(d);
                    return None;
                }
                let mut bits = Vec::new();
                for v in values {
                    let e = self.expr_expect(v, Type::Scalar(elem))?;
                    let Value::Scalar(_, b) = self.const_value(&e, "a domain value")? else { return None };
                    if elem == ScalarType::F32 && !sem::f32_is_finite(b) {
                        let d = Diagnostic::error("E0131", "domain values must be finite").primary(v.span, "NaN or infinite");
                        self.err(d);
                        return None;
                    }
                    bits.push(b);
                }
                if bits.is_empty() {
                    let d = Diagnostic::error("E0132", "empty domain").primary(*span, "a set domain needs at least one value");
                    self.err(d);
                    return None;
                }
                Some((Domain::set(kind, bits), text))
            }
            ast::DomainExpr::Range { lo, hi, inclusive, span } => {
                if elem == ScalarType::Bool {
                    let d = Diagnostic::error("E0133", "a bool input cannot have a range domain")
                        .primary(*span, "range on a bool")
                        .help("use a set, e.g. `in {true}`, or no domain");
                    self.err(d);
                    return None;
                }
                let lo_e = self.expr_expect(lo, Type::Scalar(elem))?;
                let hi_e = self.expr_expect(hi, Type::Scalar(elem))?;
                let Value::Scalar(_, lo_b) = self.const_value(&lo_e, "a domain bound")? else { return None };
                let Value::Scalar(_, hi_b) = self.const_value(&hi_e, "a domain bound")? else { return None };
                let empty = |s: &mut Self| {
                    let d = Diagnostic::error("E0132", "empty domain")
                        .primary(*span, "this range contains no values")
                        .help("the low end must be below the high end (`lo..hi` excludes `hi`, `lo..=hi` includes it)");
                    s.err(d);
                };
                match elem {
                    ScalarType::U32 => {
                        let hi_incl = if *inclusive { Some(hi_b) } else { hi_b.checked_sub(1) };
                        match hi_incl {
                            Some(h) if lo_b <= h => Some((Domain::U32Range { lo: lo_b, hi: h }, text)),
                            _ => {
                                empty(self);
                                None
                            }
                        }
                    }
                    ScalarType::I32 => {
                        let (l, h) = (lo_b as i32, hi_b as i32);
                        let hi_incl = if *inclusive { Some(h) } else { h.checked_sub(1) };
                        match hi_incl {
                            Some(h) if l <= h => Some((Domain::I32Range { lo: l, hi: h }, text)),
                            _ => {
                                empty(self);
                                None
                            }
                        }
                    }
                    ScalarType::F32 => {
                        let (l, h) = (f32::from_bits(lo_b), f32::from_bits(hi_b));
                        if !l.is_finite() || !h.is_finite() {
                            let d = Diagnostic::error("E0131", "float range bounds must be finite")
                                .primary(*span, "NaN or infinite bound")
                                .help("omit the domain to draw every bit pattern, infinities and NaN included");
                            self.err(d);
                            return None;
                        }
                        if l > h || (l == h && !*inclusive) {
                            empty(self);
                            return None;
                        }
                        Some((Domain::F32Range { lo: l, hi: h, hi_inclusive: *inclusive }, text))
                    }
                    ScalarType::Bool => None,
                }
            }
        }
    }

    // ---------------------------------------------------------------- functions

    fn check_signature(&mut self, i: usize) {
        let decl = self.fns[i].decl;
        self.file = self.fns[i].file;
        let mut params = Vec::new();
        let mut ok = true;
        for p in &decl.params {
            if params.iter().any(|(n, _, _): &(String, Type, Span)| *n == p.name.name) {
                let d = Diagnostic::error("E0141", format!("parameter `{}` is declared twice", p.name.name))
                    .primary(p.name.span, "duplicate parameter");
                self.err(d);
                ok = false;
                continue;
            }
            match self.resolve_type(&p.ty) {
                Some(t) => params.push((p.name.name.clone(), t, p.name.span)),
                None => ok = false,
            }
        }
        let ret = match &decl.ret {
            Some(t) => self.resolve_type(t),
            None => {
                let d = Diagnostic::error("E0142", format!("function `{}` has no return type", decl.name.name))
                    .primary(decl.name.span, "functions return a value")
                    .help(format!("write `fn {}(...) -> u32 {{ ... }}`", decl.name.name));
                self.err(d);
                None
            }
        };
        self.fns[i].params = params;
        self.fns[i].ret = if ok { ret } else { None };
    }

    fn check_fn_body(&mut self, i: usize) {
        let Some(ret) = self.fns[i].ret else { return };
        let decl = self.fns[i].decl;
        self.file = self.fns[i].file;
        let mut body = Body::new(Some(ret), Some(i));
        let mut param_ids = Vec::new();
        for (name, ty, span) in self.fns[i].params.clone() {
            param_ids.push(body.declare(Local { name, ty, mutable: false, span }));
        }
        self.body = Some(body);
        let stmts = self.block(&decl.body);
        let body = self.body.take().expect("body set above");
        let Some(stmts) = stmts else { return };
        if !always_returns(&stmts) {
            let end = Span { file: decl.body.span.file, start: decl.body.span.end.saturating_sub(1), end: decl.body.span.end };
            let d = Diagnostic::error("E0143", format!("function `{}` may end without returning a value", decl.name.name))
                .primary(end, format!("expected `return` of a {ret} before here"))
                .secondary(decl.name.span, "function declared here");
            self.err(d);
            return;
        }
        self.fns[i].loop_spans = body.loop_spans;
        self.fns[i].checked =
            Some(Function { name: decl.name.name.clone(), params: param_ids, ret, body: stmts, locals: body.locals, span: decl.name.span });
    }

    fn check_recursion(&mut self) {
        // Depth-first search for a cycle in the call graph.
        let n = self.fns.len();
        let mut state = vec![0u8; n];
        let mut reported = vec![false; n];
        for start in 0..n {
            let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
            if state[start] != 0 {
                continue;
            }
            state[start] = 1;
            while let Some((f, next)) = stack.last().copied() {
                if next < self.fns[f].calls.len() {
                    stack.last_mut().expect("non-empty").1 += 1;
                    let (g, span) = self.fns[f].calls[next];
                    if state[g] == 1 {
                        let pos = stack.iter().position(|(x, _)| *x == g).unwrap_or(0);
                        let mut names: Vec<String> = stack[pos..].iter().map(|(x, _)| format!("`{}`", self.fns[*x].name)).collect();
                        names.push(format!("`{}`", self.fns[g].name));
                        if !reported[g] {
                            reported[g] = true;
                            let msg = if names.len() == 2 {
                                format!("function `{}` calls itself", self.fns[g].name)
                            } else {
                                format!("functions call each other in a cycle: {}", names.join(" -> "))
                            };
                            let d = Diagnostic::error("E0144", msg)
                                .primary(span, "recursive call")
                                .note("functions are inlined, so recursion is not allowed")
                                .help("rewrite it with a bounded `for` loop");
                            self.diags.push(d);
                        }
                    } else if state[g] == 0 {
                        state[g] = 1;
                        stack.push((g, 0));
                    }
                } else {
                    state[f] = 2;
                    stack.pop();
                }
            }
        }
        if reported.iter().any(|r| *r) {
            for f in &mut self.fns {
                f.checked = None;
            }
        }
    }

    // ---------------------------------------------------------------- costs

    /// Bounds each property's inlined size and per-vector work (both backends inline every call,
    /// and a loop's body runs once per iteration), blaming the call or loop that goes past the limit.
    fn check_costs(&mut self) {
        // Callees before callers: the call graph is a DAG (recursion was rejected).
        let n = self.fns.len();
        let mut fn_costs = vec![cost::Cost::default(); n];
        for f in post_order(&self.fns.iter().map(|f| f.calls.iter().map(|(g, _)| *g).collect()).collect::<Vec<Vec<usize>>>()) {
            if let Some(func) = &self.fns[f].checked {
                let body = cost::block(&func.body, &fn_costs);
                fn_costs[f] = cost::Cost { size: body.size.saturating_add(1), work: body.work.saturating_add(1), depth: body.depth };
            }
        }
        let fn_bodies: Vec<Option<cost::Body>> =
            self.fns.iter().map(|f| f.checked.as_ref().map(|func| cost::Body { stmts: &func.body, loop_spans: &f.loop_spans })).collect();
        let mut reported: HashSet<(&'static str, Span)> = HashSet::new();
        let mut found = Vec::new();
        for (p, loop_spans) in self.properties.iter().zip(&self.property_loop_spans) {
            let total = cost::block(&p.body, &fn_costs);
            if total.depth > MAX_CALL_DEPTH {
                // Follow the longest chain down to the call one past the limit (the searches below
                // would recurse as deep as the chain, so they are skipped).
                let Some((mut f, mut span)) = cost::deepest_call(&p.body, &fn_costs) else { continue };
                for _ in 0..MAX_CALL_DEPTH {
                    let deepest = self.fns[f].calls.iter().map(|(g, _)| fn_costs[*g].depth).max();
                    let Some(&(g, call)) = self.fns[f].calls.iter().find(|(g, _)| Some(fn_costs[*g].depth) == deepest) else {
                        break;
                    };
                    (f, span) = (g, call);
                }
                let d = Diagnostic::error("E0146", format!("property `{}` nests function calls {} deep", p.name, total.depth))
                    .primary(span, format!("call number {} of the chain: at most {MAX_CALL_DEPTH} are allowed", MAX_CALL_DEPTH + 1))
                    .secondary(p.span, "property declared here")
                    .note("every call is inlined, into a chain as deep as the calls are nested")
                    .help("flatten the chain: let one function do the work of several");
                if reported.insert((d.code, span)) {
                    found.push(d);
                }
                continue;
            }
            let body = cost::Body { stmts: &p.body, loop_spans };
            let (metric, limit) = if total.size > MAX_INLINED_NODES {
                (cost::Metric::Size, MAX_INLINED_NODES)
            } else if total.work > MAX_WORK_PER_VECTOR {
                (cost::Metric::Work, MAX_WORK_PER_VECTOR)
            } else {
                continue;
            };
            let search = cost::Search { metric, limit, fns: &fn_costs, fn_bodies: &fn_bodies };
            let span = search.find(&body, limit).unwrap_or(p.span);
            let amount = total.get(metric);
            let amount = if amount == u64::MAX { format!("more than {}", u64::MAX - 1) } else { amount.to_string() };
            let d = match metric {
                cost::Metric::Size => Diagnostic::error("E0145", format!("property `{}` is too large once its calls are inlined", p.name))
                    .primary(span, format!("inlining this takes the property past {MAX_INLINED_NODES} nodes"))
                    .secondary(p.span, "property declared here")
                    .note(format!("every call is inlined: `{}` would be {amount} nodes, and the limit is {MAX_INLINED_NODES}", p.name))
                    .help("call a function once, keep its result in a `let`, and reuse it"),
                cost::Metric::Work => Diagnostic::error("E0162", format!("property `{}` does too much work per vector", p.name))
                    .primary(span, format!("this takes one vector past {MAX_WORK_PER_VECTOR} steps"))
                    .secondary(p.span, "property declared here")
                    .note(format!(
                        "one vector would take {amount} steps (a loop's body counts once per iteration, so nested loops multiply); the limit is {MAX_WORK_PER_VECTOR} (2^32)"
                    ))
                    .help("use smaller loop bounds, or split the work across inputs or properties"),
            };
            if reported.insert((d.code, span)) {
                found.push(d);
            }
        }
        for d in found {
            self.err(d);
        }
    }

    // ---------------------------------------------------------------- properties

    fn check_properties(&mut self) {
        let loaded = self.loaded;
        self.file = FileId(0);
        let mut seen: HashMap<String, Span> = HashMap::new();
        for item in &loaded.files[0].ast.items {
            let ItemKind::Property(p) = &item.kind else { continue };
            if let Some(prev) = seen.get(&p.name.name) {
                let d = Diagnostic::error("E0104", format!("property `{}` is defined more than once", p.name.name))
                    .primary(p.name.span, "redefined here")
                    .secondary(*prev, "first defined here");
                self.err(d);
                continue;
            }
            seen.insert(p.name.name.clone(), p.name.span);
            self.body = Some(Body::new(None, None));
            let stmts = self.block(&p.body);
            let body = self.body.take().expect("body set above");
            let Some(stmts) = stmts else { continue };
            if body.asserts.is_empty() {
                let d = Diagnostic::warning("W0301", format!("property `{}` has no `assert`", p.name.name))
                    .primary(p.name.span, "it can never fail");
                self.err(d);
            }
            self.property_loop_spans.push(body.loop_spans);
            self.properties.push(Property {
                name: p.name.name.clone(),
                body: stmts,
                locals: body.locals,
                asserts: body.asserts,
                assumes: body.assumes,
                covers: body.covers,
                span: p.name.span,
            });
        }
        if self.properties.is_empty() && !self.diags.has_errors() {
            let d = Diagnostic::warning("W0302", "the spec has no properties").primary(Span::new(FileId(0), 0, 0), "nothing to run");
            self.err(d);
        }
    }

    // ---------------------------------------------------------------- statements

    fn body(&mut self) -> &mut Body {
        self.body.as_mut().expect("statements are checked inside a body")
    }

    fn block(&mut self, b: &ast::Block) -> Option<Block> {
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

    fn declare(&mut self, name: &ast::Ident, ty: Type, mutable: bool) -> LocalId {
        self.body().declare(Local { name: name.name.clone(), ty, mutable, span: name.span })
    }

    /// Declares a local whose declaration failed: its uses are errors already reported.
    fn declare_poisoned(&mut self, name: &ast::Ident, mutable: bool) {
        let id = self.declare(name, Type::BOOL, mutable);
        self.body().poisoned.insert(id);
    }

    fn is_poisoned(&self, id: LocalId) -> bool {
        self.body.as_ref().is_some_and(|b| b.poisoned.contains(&id))
    }

    /// An input of the root spec whose declaration failed, seen from the root spec.
    fn is_failed_input(&self, name: &str) -> bool {
        self.file == FileId(0) && self.failed_inputs.contains(name)
    }

    fn lookup_local(&self, name: &str) -> Option<LocalId> {
        self.body.as_ref()?.names.get(name)?.last().copied()
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
            StmtKind::Assign { target, op, value } => {
                let (base, index) = match &target.kind {
                    AK::Name(n) => (Some((n, target.span)), None),
                    AK::Index(b, i) => match &b.kind {
                        AK::Name(n) => (Some((n, b.span)), Some(i)),
                        _ => (None, None),
                    },
                    _ => (None, None),
                };
                let Some((name, name_span)) = base else {
                    let d = Diagnostic::error("E0151", "invalid assignment target")
                        .primary(target.span, "can only assign to a variable or an element of an array variable");
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
                        Some((Global::Input(_), _)) => Diagnostic::error("E0152", format!("cannot assign to input `{name}`"))
                            .primary(name_span, "inputs are read-only")
                            .help(format!("copy it first: `var {name}_copy = {name};`")),
                        Some((Global::Const(_), _)) => Diagnostic::error("E0152", format!("cannot assign to constant `{name}`"))
                            .primary(name_span, "constants are read-only"),
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
                    let d = Diagnostic::error("E0153", format!("cannot assign to {what} `{name}`"))
                        .primary(target.span, "cannot assign")
                        .secondary(l.span, declared)
                        .help(help);
                    self.err(d);
                    return None;
                }
                let (target_ty, index_e) = match index {
                    None => (l.ty, None),
                    Some(i) => {
                        let Type::Array(elem, _) = l.ty else {
                            let d = Diagnostic::error("E0154", format!("cannot index into `{name}` of type {}", l.ty))
                                .primary(target.span, "not an array");
                            self.err(d);
                            return None;
                        };
                        let ie = self.index_expr(i)?;
                        (Type::Scalar(elem), Some(ie))
                    }
                };
                let value_e = match op {
                    None => self.expr_expect(value, target_ty)?,
                    Some(op) => {
                        let current = Expr { kind: ExprKind::Local(local), ty: l.ty, span: target.span };
                        let current = match &index_e {
                            None => current,
                            Some(ie) => {
                                Expr { kind: ExprKind::Index(Box::new(current), Box::new(ie.clone())), ty: target_ty, span: target.span }
                            }
                        };
                        let Type::Scalar(sty) = target_ty else {
                            let d = Diagnostic::error("E0155", format!("`{}=` cannot be applied to an array", op.symbol()))
                                .primary(target.span, format!("type {target_ty}"));
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
                one(Stmt::Assign { local, index: index_e, value: value_e })
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
                    let d = Diagnostic::error("E0161", format!("loop runs {} times", hi_excl - lo))
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
                let b = self.block(body);
                self.body().pop_scope();
                one(Stmt::For { local: id, start: lo, end: hi_excl.max(lo), body: b? })
            }
            StmtKind::Assert { cond, message } | StmtKind::Assume { cond, message } | StmtKind::Cover { cond, label: message } => {
                let what = match s.kind {
                    StmtKind::Assert { .. } => "assert",
                    StmtKind::Assume { .. } => "assume",
                    _ => "cover",
                };
                if in_fn {
                    let d = Diagnostic::error("E0171", format!("`{what}` is not allowed in a function"))
                        .primary(s.span, "functions are pure: they compute a value")
                        .help(format!("move the `{what}` into a property and call the function there"));
                    self.err(d);
                    return None;
                }
                if let Some((text, span)) = message.as_ref().filter(|(text, _)| text.len() > MAX_MESSAGE_BYTES) {
                    let d = Diagnostic::error("E0174", format!("`{what}` message is {} bytes long", text.len()))
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
                    let d = Diagnostic::error("E0172", "`return` outside a function")
                        .primary(s.span, "properties do not return values")
                        .help("a property passes when it reaches its end; use `assume` to skip a vector");
                    self.err(d);
                    return None;
                };
                let v = self.expr_expect(e, ret)?;
                one(Stmt::Return(v))
            }
            StmtKind::Expr(e) => {
                let d = Diagnostic::error("E0173", "expression statement has no effect")
                    .primary(e.span, "this value is computed and thrown away")
                    .help("did you mean `assert`, an assignment with `=`, or `let`?");
                self.err(d);
                None
            }
        }
    }

    // ---------------------------------------------------------------- expressions

    fn unknown_name(&self, name: &str, span: Span) -> Diagnostic {
        if self.diags.errors_full() {
            // Only counted, never shown: skip the search for a suggestion (it scans every name in scope).
            return Diagnostic::error("E0181", format!("cannot find `{name}` in this scope")).primary(span, "not found");
        }
        let mut candidates: Vec<String> = self.scopes[self.file.0 as usize].keys().cloned().collect();
        if let Some(b) = &self.body {
            for s in &b.scopes {
                for (n, _) in s {
                    candidates.push(n.clone());
                }
            }
        }
        let mut d = Diagnostic::error("E0181", format!("cannot find `{name}` in this scope")).primary(span, "not found");
        // Defined in a loaded file this one does not import itself (imports are not transitive)?
        let elsewhere = self
            .consts
            .iter()
            .map(|c| (c.name.as_str(), c.file))
            .chain(self.fns.iter().map(|f| (f.name.as_str(), f.file)))
            .find(|(n, f)| *n == name && *f != self.file)
            .map(|(_, f)| f);
        if let Some(other) = elsewhere {
            let from = self.loaded.files[self.file.0 as usize].path.parent().map(Path::to_path_buf).unwrap_or_default();
            let target = &self.loaded.files[other.0 as usize].path;
            let rel = relative_path(&from, target);
            d = d
                .note(format!(
                    "`{name}` is defined in `{}`, which this file does not import (imports are not transitive)",
                    self.loaded.sources.get(other).name
                ))
                .help(format!("add `import \"{rel}\";`"));
        } else if let Some(best) =
            candidates.iter().filter(|c| edit_distance(c, name) <= 2.max(name.len() / 3)).min_by_key(|c| edit_distance(c, name))
        {
            d = d.help(format!("a name with a similar spelling exists: `{best}`"));
        } else if let Some((Global::Input(_), _)) = self.loaded.files.first().and_then(|_| self.scopes[0].get(name)) {
            d = d.note(format!("`{name}` is an input of the root spec: functions cannot read inputs; pass it as a parameter"));
        } else if let Some(file) = self
            .loaded
            .files
            .iter()
            .skip(1)
            .find(|f| f.ast.items.iter().any(|it| matches!(&it.kind, ItemKind::Input(i) if i.name.name == name)))
        {
            d = d.note(format!(
                "`{name}` is an input of the imported file `{}`, and imports bring in consts and fns only; declare the input in the root spec",
                self.loaded.sources.get(file.id).name
            ));
        }
        d
    }

    /// Checks `e` against an expected type, with a precise mismatch error.
    fn expr_expect(&mut self, e: &ast::Expr, want: Type) -> Option<Expr> {
        // For arrays the hint is the element type (it types the literals of `[0; 8]`).
        let hint = Some(want.elem());
        let got = self.expr(e, hint)?;
        if got.ty != want {
            let mut d = Diagnostic::error("E0191", format!("mismatched types: expected {want}, found {}", got.ty))
                .primary(e.span, format!("expected {want}"));
            d = self.cast_hint(d, e, got.ty, want);
            self.err(d);
            return None;
        }
        Some(got)
    }

    fn cast_hint(&self, d: Diagnostic, e: &ast::Expr, got: Type, want: Type) -> Diagnostic {
        let text = self.loaded.sources.snippet(e.span);
        match (got, want) {
            (Type::Scalar(g), Type::Scalar(w)) if g.is_numeric() && w.is_numeric() => {
                if matches!(e.kind, AK::Int(_)) && w == ScalarType::F32 {
                    d.help(format!("write a float literal: `{text}.0`"))
                } else {
                    let shown = if text.contains(' ') { format!("({text})") } else { text.to_string() };
                    d.help(format!("`{text}` is {g}; did you mean `{shown} as {w}`?"))
                }
            }
            (Type::Scalar(g), Type::Scalar(ScalarType::Bool)) if g.is_numeric() => d.help(format!("compare it: `{text} != 0`")),
            _ => d,
        }
    }

    fn index_expr(&mut self, i: &ast::Expr) -> Option<Expr> {
        let hint = if is_flexible(i) { Some(ScalarType::U32) } else { None };
        let ie = self.expr(i, hint)?;
        if !matches!(ie.ty, Type::Scalar(ScalarType::U32 | ScalarType::I32)) {
            let d =
                Diagnostic::error("E0192", format!("array index must be an integer, found {}", ie.ty)).primary(i.span, "not u32 or i32");
            self.err(d);
            return None;
        }
        Some(ie)
    }

    fn expr(&mut self, e: &ast::Expr, hint: Option<ScalarType>) -> Option<Expr> {
        let span = e.span;
        let mk = |kind, ty| Some(Expr { kind, ty, span });
        match &e.kind {
            AK::Error => None,
            AK::Int(v) => {
                let ty = hint.unwrap_or(if *v > i32::MAX as u64 { ScalarType::U32 } else { ScalarType::I32 });
                match ty {
                    ScalarType::U32 if *v <= u32::MAX as u64 => mk(ExprKind::Const(Value::Scalar(ty, *v as u32)), Type::Scalar(ty)),
                    ScalarType::I32 if *v <= i32::MAX as u64 => mk(ExprKind::Const(Value::Scalar(ty, *v as u32)), Type::Scalar(ty)),
                    ScalarType::U32 | ScalarType::I32 => {
                        let max = if ty == ScalarType::U32 { u32::MAX as u64 } else { i32::MAX as u64 };
                        let d = Diagnostic::error("E0193", format!("literal out of range for {ty}"))
                            .primary(span, format!("the largest {ty} is {max}"));
                        self.err(d);
                        None
                    }
                    // An integer literal where a float or bool is wanted: type it i32, let the caller explain.
                    _ => mk(ExprKind::Const(Value::Scalar(ScalarType::I32, (*v).min(i32::MAX as u64) as u32)), Type::I32),
                }
            }
            AK::Float(v) => mk(ExprKind::Const(Value::Scalar(ScalarType::F32, v.to_bits())), Type::F32),
            AK::Bool(b) => mk(ExprKind::Const(Value::Scalar(ScalarType::Bool, *b as u32)), Type::BOOL),
            AK::Paren(inner) => self.expr(inner, hint).map(|mut x| {
                x.span = span;
                x
            }),
            AK::Name(name) => {
                if let Some(id) = self.lookup_local(name) {
                    if self.is_poisoned(id) {
                        return None;
                    }
                    let ty = self.body.as_ref().expect("local implies body").locals[id.0 as usize].ty;
                    return mk(ExprKind::Local(id), ty);
                }
                match self.scopes[self.file.0 as usize].get(name.as_str()).copied() {
                    Some((Global::Const(i), _)) => {
                        let v = self.eval_const(i)?;
                        let ty = v.ty();
                        mk(ExprKind::Const(v), ty)
                    }
                    Some((Global::Input(i), _)) => {
                        if self.body.as_ref().is_some_and(|b| b.ret.is_some()) {
                            let d = Diagnostic::error("E0182", format!("function cannot read input `{name}`"))
                                .primary(span, "inputs are only visible in properties")
                                .help(format!("add a parameter and pass `{name}` from the property"));
                            self.err(d);
                            return None;
                        }
                        if self.body.is_none() {
                            let d = Diagnostic::error("E0109", "an input is not a constant").primary(span, "inputs vary per vector");
                            self.err(d);
                            return None;
                        }
                        let ty = self.inputs[i].ty;
                        mk(ExprKind::Input(InputId(i as u32)), ty)
                    }
                    Some((Global::Fn(_), _)) => {
                        let d = Diagnostic::error("E0183", format!("`{name}` is a function, not a value"))
                            .primary(span, "function used as a value")
                            .help(format!("call it: `{name}(...)`"));
                        self.err(d);
                        None
                    }
                    None if self.is_failed_input(name) => None,
                    None => {
                        let d = self.unknown_name(name, span);
                        self.err(d);
                        None
                    }
                }
            }
            AK::Unary(op, inner) => {
                // `-2147483648` is a valid i32.
                if *op == UnOp::Neg
                    && let AK::Int(v) = inner.kind
                {
                    let ty = hint.unwrap_or(ScalarType::I32);
                    if ty == ScalarType::I32 && v == 1u64 << 31 {
                        return mk(ExprKind::Const(Value::Scalar(ty, i32::MIN as u32)), Type::I32);
                    }
                }
                let x = self.expr(inner, hint)?;
                let Type::Scalar(s) = x.ty else {
                    let d = Diagnostic::error("E0194", format!("cannot apply `{}` to an array", op.symbol()))
                        .primary(span, format!("type {}", x.ty));
                    self.err(d);
                    return None;
                };
                let ok = match op {
                    UnOp::Neg => matches!(s, ScalarType::I32 | ScalarType::F32),
                    UnOp::Not => s == ScalarType::Bool,
                    UnOp::BitNot => s.is_int(),
                };
                if !ok {
                    let mut d = Diagnostic::error("E0194", format!("cannot apply unary `{}` to {s}", op.symbol()))
                        .primary(span, format!("operand is {s}"));
                    d = match (op, s) {
                        (UnOp::Neg, ScalarType::U32) => {
                            d.help("u32 has no negative values; use `0 - x` for wrapping negation, or `x as i32`")
                        }
                        (UnOp::Not, _) => d.help("`!` negates a bool; for integers use `~` (bitwise not)"),
                        (UnOp::BitNot, ScalarType::Bool) => d.help("use `!` to negate a bool"),
                        _ => d,
                    };
                    self.err(d);
                    return None;
                }
                mk(ExprKind::Unary(*op, Box::new(x)), Type::Scalar(s))
            }
            AK::Binary(_, _, _) if hint.is_none() && is_flexible(e) => self.expr(e, Some(flexible_default(e))),
            AK::Binary(op, l, r) => {
                let (le, re) = if op.is_comparison() || matches!(op, BinOp::And | BinOp::Or) {
                    let operand_hint = if matches!(op, BinOp::And | BinOp::Or) { Some(ScalarType::Bool) } else { None };
                    if is_flexible(l) && !is_flexible(r) {
                        let re = self.expr(r, operand_hint)?;
                        let le = self.expr(l, re.ty.scalar())?;
                        (le, re)
                    } else if is_flexible(l) && is_flexible(r) && operand_hint.is_none() {
                        let common = flexible_default(e);
                        let le = self.expr(l, Some(common))?;
                        let re = self.expr(r, Some(common))?;
                        (le, re)
                    } else {
                        let le = self.expr(l, operand_hint)?;
                        let re = self.expr(r, le.ty.scalar().or(operand_hint))?;
                        (le, re)
                    }
                } else if matches!(op, BinOp::Shl | BinOp::Shr) {
                    let le = self.expr(l, hint)?;
                    let re = self.expr(r, if is_flexible(r) { Some(ScalarType::U32) } else { None })?;
                    (le, re)
                } else if is_flexible(l) && !is_flexible(r) {
                    let re = self.expr(r, hint)?;
                    let le = self.expr(l, re.ty.scalar())?;
                    (le, re)
                } else {
                    let le = self.expr(l, hint)?;
                    let re = self.expr(r, le.ty.scalar())?;
                    (le, re)
                };
                self.binary_typed(*op, le, re, span)
            }
            AK::Cast(inner, ty) => {
                let target = self.resolve_type(ty)?;
                let x = self.expr(inner, None)?;
                let (Type::Scalar(from), Type::Scalar(to)) = (x.ty, target) else {
                    let d =
                        Diagnostic::error("E0195", format!("cannot cast {} to {target}", x.ty)).primary(span, "only scalars can be cast");
                    self.err(d);
                    return None;
                };
                if to == ScalarType::Bool && from != ScalarType::Bool {
                    let d = Diagnostic::error("E0195", format!("cannot cast {from} to bool"))
                        .primary(span, "no numeric-to-bool cast")
                        .help(format!("compare instead: `{} != 0`", self.loaded.sources.snippet(inner.span)));
                    self.err(d);
                    return None;
                }
                mk(ExprKind::Cast(Box::new(x), to), target)
            }
            AK::Index(base, idx) => {
                let b = self.expr(base, None)?;
                let Type::Array(elem, _) = b.ty else {
                    let d = Diagnostic::error("E0154", format!("cannot index into a value of type {}", b.ty))
                        .primary(base.span, "not an array");
                    self.err(d);
                    return None;
                };
                let i = self.index_expr(idx)?;
                mk(ExprKind::Index(Box::new(b), Box::new(i)), Type::Scalar(elem))
            }
            AK::Array(elems) => {
                let mut out = Vec::new();
                let first_flex = elems.iter().all(is_flexible);
                let mut elem_hint = if first_flex { hint } else { None };
                // Type the first non-literal element first (once), then check the rest against it.
                let anchor = elems.iter().position(|x| !is_flexible(x));
                let mut anchor_typed = None;
                if let Some(i) = anchor {
                    let a = self.expr(&elems[i], hint)?;
                    elem_hint = a.ty.scalar();
                    anchor_typed = Some(a);
                }
                for (i, x) in elems.iter().enumerate() {
                    match anchor_typed.take_if(|_| anchor == Some(i)) {
                        Some(a) => out.push(a),
                        None => out.push(self.expr(x, elem_hint)?),
                    }
                }
                let ty0 = out[0].ty;
                let Type::Scalar(s) = ty0 else {
                    let d = Diagnostic::error("E0112", "arrays of arrays are not supported").primary(span, "nested array");
                    self.err(d);
                    return None;
                };
                for (x, src) in out.iter().zip(elems) {
                    if x.ty != ty0 {
                        let d = Diagnostic::error("E0191", format!("mismatched types: expected {ty0}, found {}", x.ty))
                            .primary(src.span, format!("expected {ty0}, like the first element"));
                        self.err(d);
                        return None;
                    }
                }
                let n = out.len() as u32;
                if n as i64 > MAX_ARRAY_LEN {
                    let d = Diagnostic::error("E0113", format!("array length {n} is out of range"))
                        .primary(span, format!("at most {MAX_ARRAY_LEN}"));
                    self.err(d);
                    return None;
                }
                mk(ExprKind::Array(out), Type::Array(s, n))
            }
            AK::Repeat(value, len) => {
                let n = self.const_int(len, "an array length")?;
                if !(1..=MAX_ARRAY_LEN).contains(&n) {
                    let d = Diagnostic::error("E0113", format!("array length {n} is out of range"))
                        .primary(len.span, format!("lengths are 1 to {MAX_ARRAY_LEN}"));
                    self.err(d);
                    return None;
                }
                let v = self.expr(value, hint)?;
                let Type::Scalar(s) = v.ty else {
                    let d = Diagnostic::error("E0112", "arrays of arrays are not supported").primary(span, "nested array");
                    self.err(d);
                    return None;
                };
                let elems = vec![v; n as usize];
                mk(ExprKind::Array(elems), Type::Array(s, n as u32))
            }
            AK::Call(name, args) => self.call(name, args, span, hint),
        }
    }

    fn binary_typed(&mut self, op: BinOp, le: Expr, re: Expr, span: Span) -> Option<Expr> {
        let (Type::Scalar(ls), Type::Scalar(rs)) = (le.ty, re.ty) else {
            let d = Diagnostic::error("E0196", format!("cannot apply `{}` to arrays", op.symbol()))
                .primary(span, format!("operands are {} and {}", le.ty, re.ty))
                .help("compare or combine the elements one by one in a `for` loop");
            self.err(d);
            return None;
        };
        let mk = |ty: ScalarType, le, re| Some(Expr { kind: ExprKind::Binary(op, Box::new(le), Box::new(re)), ty: Type::Scalar(ty), span });
        match op {
            BinOp::And | BinOp::Or => {
                if ls != ScalarType::Bool || rs != ScalarType::Bool {
                    let (bad, bad_ty) = if ls != ScalarType::Bool { (le.span, ls) } else { (re.span, rs) };
                    let d = Diagnostic::error("E0197", format!("`{}` needs bool operands, found {bad_ty}", op.symbol()))
                        .primary(bad, format!("this is {bad_ty}"))
                        .help(format!("compare it, e.g. `{} != 0`", self.loaded.sources.snippet(bad)));
                    self.err(d);
                    return None;
                }
                mk(ScalarType::Bool, le, re)
            }
            BinOp::Shl | BinOp::Shr => {
                if !ls.is_int() || !rs.is_int() {
                    let d = Diagnostic::error("E0198", format!("`{}` needs integer operands, found {ls} and {rs}", op.symbol()))
                        .primary(span, "shift of a non-integer");
                    self.err(d);
                    return None;
                }
                mk(ls, le, re)
            }
            _ => {
                if ls != rs {
                    let mut d = Diagnostic::error("E0191", format!("mismatched types: `{}` between {ls} and {rs}", op.symbol()))
                        .primary(re.span, format!("this is {rs}"))
                        .secondary(le.span, format!("this is {ls}"));
                    let rtext = self.loaded.sources.snippet(re.span).to_string();
                    let ltext = self.loaded.sources.snippet(le.span).to_string();
                    let paren = |t: &str| if t.contains(' ') { format!("({t})") } else { t.to_string() };
                    if ls.is_numeric() && rs.is_numeric() {
                        if matches!(re.kind, ExprKind::Const(_)) && rs == ScalarType::I32 && ls == ScalarType::F32 {
                            d = d.help(format!("write a float literal: `{rtext}.0`"));
                        } else if matches!(le.kind, ExprKind::Const(_)) && ls == ScalarType::I32 && rs == ScalarType::F32 {
                            d = d.help(format!("write a float literal: `{ltext}.0`"));
                        } else if ls.is_int() && rs == ScalarType::F32 {
                            // Mixing an integer with a float: convert the integer, not the float.
                            d = d.help(format!("`{ltext}` is {ls}; did you mean `{} as f32`?", paren(&ltext)));
                        } else {
                            d = d.help(format!("`{rtext}` is {rs}; did you mean `{} as {ls}`?", paren(&rtext)));
                        }
                    }
                    self.err(d);
                    return None;
                }
                if op.is_comparison() {
                    if ls == ScalarType::Bool && !matches!(op, BinOp::Eq | BinOp::Ne) {
                        let d = Diagnostic::error("E0199", format!("`{}` is not defined for bool", op.symbol()))
                            .primary(span, "ordering of bools");
                        self.err(d);
                        return None;
                    }
                    return mk(ScalarType::Bool, le, re);
                }
                let ok = match op {
                    BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => ls.is_numeric(),
                    BinOp::Rem => ls.is_int(),
                    BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor => ls.is_int() || ls == ScalarType::Bool,
                    _ => true,
                };
                if !ok {
                    let mut d = Diagnostic::error("E0199", format!("`{}` is not defined for {ls}", op.symbol()))
                        .primary(span, format!("operands are {ls}"));
                    if op == BinOp::Rem && ls == ScalarType::F32 {
                        d = d.help("for a float remainder write `x - y * trunc(x / y)`");
                    }
                    if ls == ScalarType::Bool {
                        d = d.help("arithmetic needs numbers; cast with `b as u32`");
                    }
                    self.err(d);
                    return None;
                }
                mk(ls, le, re)
            }
        }
    }

    fn call(&mut self, name: &ast::Ident, args: &[ast::Expr], span: Span, hint: Option<ScalarType>) -> Option<Expr> {
        if let Some(bi) = Builtin::from_name(&name.name) {
            return self.builtin(bi, name, args, span, hint);
        }
        let Some((global, _)) = self.scopes[self.file.0 as usize].get(&name.name).copied() else {
            let d = self.unknown_name(&name.name, name.span);
            self.err(d);
            return None;
        };
        let Global::Fn(fi) = global else {
            let d = Diagnostic::error("E0184", format!("`{}` is not a function", name.name)).primary(name.span, "called here");
            self.err(d);
            return None;
        };
        if self.body.is_none() {
            let d = Diagnostic::error("E0109", "function calls are not allowed in constant expressions")
                .primary(span, "call in a constant")
                .help("compute the value with operators and builtins, or use a `let` inside the property");
            self.err(d);
            return None;
        }
        let params = self.fns[fi].params.clone();
        let ret = self.fns[fi].ret;
        let expected = self.fns[fi].decl.params.len();
        if args.len() != expected {
            let d = Diagnostic::error(
                "E0185",
                format!(
                    "function `{}` takes {expected} argument{}, but {} {} given",
                    name.name,
                    if expected == 1 { "" } else { "s" },
                    args.len(),
                    if args.len() == 1 { "was" } else { "were" }
                ),
            )
            .primary(span, format!("expected {expected}"))
            .secondary(self.fns[fi].decl.name.span, "function defined here");
            self.err(d);
            return None;
        }
        if params.len() != expected {
            // The signature itself is broken (reported when it was checked): nothing to match against.
            return None;
        }
        let mut typed_args = Vec::new();
        let mut ok = true;
        for (a, (_, pty, _)) in args.iter().zip(&params) {
            match self.expr_expect(a, *pty) {
                Some(x) => typed_args.push(x),
                None => ok = false,
            }
        }
        if let Some(caller) = self.body.as_ref().and_then(|b| b.fn_index) {
            self.fns[caller].calls.push((fi, name.span));
        }
        let ret = ret?;
        if !ok {
            return None;
        }
        Some(Expr { kind: ExprKind::Call(FnId(fi as u32), typed_args), ty: ret, span })
    }

    fn builtin(&mut self, bi: Builtin, name: &ast::Ident, args: &[ast::Expr], span: Span, hint: Option<ScalarType>) -> Option<Expr> {
        if args.len() != bi.arity() {
            let n = bi.arity();
            let d = Diagnostic::error(
                "E0185",
                format!(
                    "builtin `{}` takes {n} argument{}, but {} {} given",
                    bi.name(),
                    if n == 1 { "" } else { "s" },
                    args.len(),
                    if args.len() == 1 { "was" } else { "were" }
                ),
            )
            .primary(span, format!("expected {n}"));
            self.err(d);
            return None;
        }
        use Builtin::*;
        use ScalarType::*;
        // Type the arguments: the first non-literal fixes the type of the literal ones.
        let (first_arg, same_type_args): (usize, &[ast::Expr]) = match bi {
            Select => (1, &args[1..]),
            _ => (0, args),
        };
        let _ = first_arg;
        let mut typed = Vec::new();
        if bi == Select {
            typed.push(self.expr_expect(&args[0], Type::BOOL)?);
        }
        let arg_hint = match bi {
            Min | Max | Abs | Clamp | Select | SaturatingAdd | SaturatingSub | AddOverflows | SubOverflows | MulOverflows => {
                hint.filter(|h| h.is_numeric() || bi == Select)
            }
            Sqrt | Floor | Ceil | Round | Trunc | Fma | IsNan | IsInf | IsFinite => Some(F32),
            FromBits => Some(U32),
            _ => None,
        };
        // The anchor is typed once and reused: typing it again would make nested calls exponential.
        let anchor = same_type_args.iter().position(|a| !is_flexible(a));
        let mut anchor_typed = match anchor {
            Some(i) => Some(self.expr(&same_type_args[i], arg_hint)?),
            None => None,
        };
        let h = anchor_typed.as_ref().and_then(|a| a.ty.scalar()).or(arg_hint);
        for (i, a) in same_type_args.iter().enumerate() {
            match anchor_typed.take_if(|_| anchor == Some(i)) {
                Some(x) => typed.push(x),
                None => typed.push(self.expr(a, h)?),
            }
        }
        let first = if bi == Select { 1 } else { 0 };
        let t0 = typed[first].ty;
        let first_span = args[first].span;
        let bad = |s: &mut Self, what: &str| {
            let mut d = Diagnostic::error("E0186", format!("`{}` expects {what}, found {t0}", bi.name()))
                .primary(first_span, format!("this is {t0}"))
                .secondary(name.span, format!("argument of `{}`", bi.name()));
            let want = match what {
                "f32" => Some(F32),
                "u32" => Some(U32),
                _ => None,
            };
            if let (Some(w), Type::Scalar(g)) = (want, t0)
                && g.is_numeric()
                && args.len() == 1
            {
                let text = s.loaded.sources.snippet(first_span);
                let shown = if text.contains(' ') { format!("({text})") } else { text.to_string() };
                d = d.help(format!("`{text}` is {g}; did you mean `{}({shown} as {w})`?", bi.name()));
            }
            s.err(d);
            None
        };
        for (i, t) in typed.iter().enumerate().skip(if bi == Select { 1 } else { 0 }) {
            if t.ty != t0 && !matches!(bi, Len) {
                let d = Diagnostic::error("E0191", format!("mismatched types in `{}`: expected {t0}, found {}", bi.name(), t.ty))
                    .primary(args[i].span, format!("expected {t0}, like the first argument"));
                self.err(d);
                return None;
            }
        }
        let ret: Type = match bi {
            Len => match t0 {
                Type::Array(_, n) => return Some(Expr { kind: ExprKind::Const(Value::Scalar(U32, n)), ty: Type::U32, span }),
                _ => return bad(self, "an array"),
            },
            Select => t0,
            _ => {
                let Type::Scalar(s) = t0 else { return bad(self, "scalar arguments") };
                match bi {
                    Min | Max | Clamp if s.is_numeric() => t0,
                    Abs if s.is_numeric() => t0,
                    Sqrt | Floor | Ceil | Round | Trunc | Fma if s == F32 => t0,
                    IsNan | IsInf | IsFinite if s == F32 => Type::BOOL,
                    Bits if s == F32 || s == I32 => Type::U32,
                    FromBits if s == U32 => Type::F32,
                    CountOnes | LeadingZeros | TrailingZeros if s.is_int() => Type::U32,
                    AddOverflows | SubOverflows | MulOverflows if s.is_int() => Type::BOOL,
                    SaturatingAdd | SaturatingSub if s.is_int() => t0,
                    Min | Max | Clamp | Abs => return bad(self, "numbers"),
                    Sqrt | Floor | Ceil | Round | Trunc | Fma | IsNan | IsInf | IsFinite => return bad(self, "f32"),
                    Bits => return bad(self, "f32 or i32"),
                    FromBits => return bad(self, "u32"),
                    _ => return bad(self, "u32 or i32"),
                }
            }
        };
        let _ = name;
        Some(Expr { kind: ExprKind::Builtin(bi, typed), ty: ret, span })
    }
}

/// The nodes of a graph (`edges[n]`: the successors of `n`) in depth-first post-order, successors
/// first; iterative, so a long chain cannot overflow the stack. Nodes on a cycle come out once.
fn post_order(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut state = vec![0u8; n];
    let mut out = Vec::with_capacity(n);
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        state[start] = 1;
        let mut stack = vec![(start, 0usize)];
        while let Some((node, next)) = stack.last().copied() {
            match edges[node].get(next) {
                Some(&m) => {
                    if let Some(top) = stack.last_mut() {
                        top.1 += 1;
                    }
                    if m < n && state[m] == 0 {
                        state[m] = 1;
                        stack.push((m, 0));
                    }
                }
                None => {
                    state[node] = 2;
                    out.push(node);
                    stack.pop();
                }
            }
        }
    }
    out
}

fn same_global(a: Global, b: Global) -> bool {
    match (a, b) {
        (Global::Const(x), Global::Const(y)) | (Global::Fn(x), Global::Fn(y)) | (Global::Input(x), Global::Input(y)) => x == y,
        _ => false,
    }
}

/// Whether a block returns on every path.
fn always_returns(b: &[Stmt]) -> bool {
    b.iter().any(|s| match s {
        Stmt::Return(_) => true,
        Stmt::If { then, els, .. } => always_returns(then) && always_returns(els),
        _ => false,
    })
}

/// `target` as a path relative to the directory `from` (both as the loader normalised them), with `/`.
fn relative_path(from: &Path, target: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = target.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(to[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

/// Levenshtein distance, for "did you mean" hints.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = if a[i - 1] == b[j - 1] { 0 } else { 1 };
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

//! The type checker: resolves names and imports, types every expression, evaluates constants and
//! domains, rejects recursion, and produces a [`TypedSpec`] with its hash. This file holds the public
//! API, the checker's state and the driver; each concern has its own file below.

mod builtins;
pub mod consteval;
mod consts;
pub mod cost;
mod domains;
mod exprs;
pub mod hash;
mod header;
pub mod interp;
mod items;
mod resolve;
mod stmts;
pub mod typed;

use std::collections::{HashMap, HashSet};

use crate::diag::{Diagnostic, DiagnosticCollector, FileId, Span};
use crate::load::Loaded;
use crate::syntax::ast;
pub use resolve::edit_distance;
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
    let Checker { diags, header, inputs, consts, fns, externs, properties, records, .. } = c;
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
    let externs = externs.into_iter().map(|e| e.sig.expect("checked when no errors")).collect();
    let mut spec = TypedSpec {
        header,
        sources: loaded.sources,
        inputs,
        consts,
        functions,
        externs,
        properties,
        records,
        hash: SpecHash([0; 32]),
        input_hash: [0; 32],
    };
    spec.input_hash = hash::input_hash(&spec);
    spec.hash = hash::spec_hash(&spec);
    Ok(Checked { spec, warnings: diags })
}

#[derive(Clone, Copy, Debug)]
enum Global {
    Const(usize),
    Fn(usize),
    Extern(usize),
    Input(usize),
    Struct(usize),
    /// An input of record type: [`Checker::record_inputs`]`[k]`.
    RecordInput(usize),
}

enum StructState {
    Unvisited,
    InProgress,
    Done(RecordId),
    Failed,
}

struct StructSlot<'a> {
    file: FileId,
    decl: &'a ast::StructDecl,
    state: StructState,
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
    /// Whether the signature / the body has been checked (or is being checked): each is checked
    /// once, in order, or earlier on demand when a `const` calls the function.
    signature_checked: bool,
    body_checked: bool,
}

struct ExternSlot<'a> {
    name: String,
    file: FileId,
    decl: &'a ast::ExternDecl,
    /// The checked signature (`None` until checked, or when it has errors).
    sig: Option<ExternFn>,
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
    /// How many loops enclose the statement being checked (`break`/`continue` need one).
    loop_depth: u32,
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
            loop_depth: 0,
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
    externs: Vec<ExternSlot<'a>>,
    structs: Vec<StructSlot<'a>>,
    /// Every struct and tuple type met so far.
    records: Records,
    inputs: Vec<Input>,
    /// Inputs of record type: each is generated as one input per scalar field (`date.year`), and
    /// its name stands for this expression (a record of those inputs).
    record_inputs: Vec<Expr>,
    properties: Vec<Property>,
    scopes: Vec<HashMap<String, (Global, Span)>>,
    /// Inputs of the root spec whose declaration failed (already reported).
    failed_inputs: HashSet<String>,
    /// The `lo..hi` spans of each property's loops (parallel to `properties`).
    property_loop_spans: Vec<HashMap<LocalId, Span>>,
    file: FileId,
    body: Option<Body>,
    /// Set while a `const` item's value is typed: calls of functions are allowed there (computed
    /// at check time by [`interp`]).
    in_const_item: bool,
}

impl<'a> Checker<'a> {
    fn new(loaded: &'a Loaded) -> Checker<'a> {
        Checker {
            loaded,
            diags: DiagnosticCollector::new(),
            header: Header::default(),
            consts: Vec::new(),
            fns: Vec::new(),
            externs: Vec::new(),
            structs: Vec::new(),
            records: Records::default(),
            inputs: Vec::new(),
            record_inputs: Vec::new(),
            properties: Vec::new(),
            scopes: vec![HashMap::new(); loaded.files.len()],
            failed_inputs: HashSet::new(),
            property_loop_spans: Vec::new(),
            file: FileId(0),
            body: None,
            in_const_item: false,
        }
    }

    fn err(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn run(&mut self) {
        self.collect();
        self.build_scopes();
        for i in 0..self.structs.len() {
            self.resolve_struct(i);
        }
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
        for i in 0..self.externs.len() {
            self.check_extern(i);
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

//! Name resolution: the global scope of each file (its own items and its imports), local scopes,
//! type names, and the "cannot find" diagnostic with its suggestions.

use std::collections::HashMap;
use std::path::Path;

use super::typed::*;
use super::{Body, Checker, ConstSlot, ConstState, ExternSlot, FnSlot, Global, StructSlot, StructState};
use crate::diag::{Diagnostic, FileId, Span, codes};
use crate::sem::{Builtin, ScalarType};
use crate::syntax::ast::{self, ItemKind};

impl Checker<'_> {
    /// Registers every const and fn of every file, and reports what imports ignore.
    pub(super) fn collect(&mut self) {
        let loaded = self.loaded;
        for file in &loaded.files {
            let mut seen: HashMap<&str, Span> = HashMap::new();
            let mut first_header: Option<Span> = None;
            for item in &file.ast.items {
                let (name, span) = match &item.kind {
                    ItemKind::Const(c) => (&c.name.name, c.name.span),
                    ItemKind::Fn(f) => (&f.name.name, f.name.span),
                    ItemKind::Extern(e) => (&e.name.name, e.name.span),
                    ItemKind::Input(i) => (&i.name.name, i.name.span),
                    ItemKind::Struct(st) => (&st.name.name, st.name.span),
                    ItemKind::Property(p) => {
                        if file.id != FileId(0) {
                            self.err(
                                Diagnostic::warning(
                                    codes::PROPERTY_IN_IMPORT,
                                    format!("property `{}` in an imported file is not run", p.name.name),
                                )
                                .primary(p.name.span, "imports bring in consts and fns only"),
                            );
                        }
                        continue;
                    }
                    ItemKind::Spec(h) => {
                        // A second header is reported as such, not also as "not first".
                        if let (Some(first), true) = (first_header, file.id == FileId(0)) {
                            self.err(
                                Diagnostic::error(codes::DUPLICATE_HEADER, "more than one `spec` header")
                                    .primary(h.name.span, "second header")
                                    .secondary(first, "first header"),
                            );
                        } else if file.id == FileId(0) && item.span != file.ast.items[0].span {
                            self.err(
                                Diagnostic::error(codes::HEADER_NOT_FIRST, "the `spec` header must be the first item")
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
                        Diagnostic::error(codes::DUPLICATE_DEFINITION, format!("`{name}` is defined more than once"))
                            .primary(span, "redefined here")
                            .secondary(*prev, "first defined here"),
                    );
                    continue;
                }
                if builtin_type_name(name).is_some() || Builtin::from_name(name).is_some() {
                    let what = if Builtin::from_name(name).is_some() { "builtin function" } else { "type" };
                    self.err(
                        Diagnostic::error(codes::RESERVED_NAME, format!("`{name}` is the name of a {what}"))
                            .primary(span, "choose another name"),
                    );
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
                        signature_checked: false,
                        body_checked: false,
                    }),
                    ItemKind::Extern(e) => self.externs.push(ExternSlot { name: name.clone(), file: file.id, decl: e, sig: None }),
                    ItemKind::Struct(st) => self.structs.push(StructSlot { file: file.id, decl: st, state: StructState::Unvisited }),
                    ItemKind::Input(_) if file.id != FileId(0) => {
                        self.err(
                            Diagnostic::warning(codes::INPUT_IN_IMPORT, format!("input `{name}` in an imported file is ignored"))
                                .primary(span, "imports bring in consts and fns only"),
                        );
                    }
                    _ => {}
                }
            }
            if file.id == FileId(0) && first_header.is_none() {
                let span = Span::new(FileId(0), 0, 0);
                self.err(
                    Diagnostic::error(codes::MISSING_HEADER, "missing `spec` header")
                        .primary(span, "a spec file starts with `spec NAME { ... }`")
                        .help("add e.g. `spec my_system { version = \"0.1.0\" }` at the top"),
                );
            }
        }
    }

    /// Each file sees its own consts, fns and inputs, and the consts and fns of the files it imports.
    pub(super) fn build_scopes(&mut self) {
        let loaded = self.loaded;
        let mut own: Vec<Vec<(String, Global, Span)>> = vec![Vec::new(); loaded.files.len()];
        for (i, c) in self.consts.iter().enumerate() {
            own[c.file.0 as usize].push((c.name.clone(), Global::Const(i), c.span));
        }
        for (i, f) in self.fns.iter().enumerate() {
            own[f.file.0 as usize].push((f.name.clone(), Global::Fn(i), f.decl.name.span));
        }
        for (i, e) in self.externs.iter().enumerate() {
            own[e.file.0 as usize].push((e.name.clone(), Global::Extern(i), e.decl.name.span));
        }
        for (i, st) in self.structs.iter().enumerate() {
            own[st.file.0 as usize].push((st.decl.name.name.clone(), Global::Struct(i), st.decl.name.span));
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
                            let d = Diagnostic::error(codes::AMBIGUOUS_IMPORT, format!("`{n}` is defined in more than one place in scope"))
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

    /// A struct's record type: its fields' types resolved in its own file (once; a struct that
    /// contains itself is reported).
    pub(super) fn resolve_struct(&mut self, i: usize) -> Option<RecordId> {
        match self.structs[i].state {
            StructState::Done(r) => return Some(r),
            StructState::Failed => return None,
            StructState::InProgress => {
                let decl = self.structs[i].decl;
                self.structs[i].state = StructState::Failed;
                self.err(
                    Diagnostic::error(codes::RECURSIVE_STRUCT, format!("struct `{}` contains itself", decl.name.name))
                        .primary(decl.name.span, "recursive struct")
                        .note("a struct's size must be finite: it cannot hold itself, directly or through other structs and tuples")
                        .help("hold the repeated part in an array of scalars, or flatten it"),
                );
                return None;
            }
            StructState::Unvisited => {}
        }
        self.structs[i].state = StructState::InProgress;
        let decl = self.structs[i].decl;
        let saved = std::mem::replace(&mut self.file, self.structs[i].file);
        let mut fields: Vec<(String, Type)> = Vec::new();
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let mut ok = true;
        for f in &decl.fields {
            if let Some(prev) = seen.insert(&f.name.name, f.name.span) {
                self.err(
                    Diagnostic::error(codes::DUPLICATE_FIELD, format!("field `{}` is declared twice", f.name.name))
                        .primary(f.name.span, "declared again here")
                        .secondary(prev, "first declared here"),
                );
                ok = false;
                continue;
            }
            match self.resolve_type(&f.ty) {
                Some(t) => fields.push((f.name.name.clone(), t)),
                None => ok = false,
            }
        }
        self.file = saved;
        if matches!(self.structs[i].state, StructState::Failed) || !ok {
            self.structs[i].state = StructState::Failed;
            return None;
        }
        let r = self.records.intern(RecordType { name: Some(decl.name.name.clone()), fields });
        self.structs[i].state = StructState::Done(r);
        Some(r)
    }

    /// `[R; n]`, when `R`'s fields are scalars or records of scalars (an array field would make an
    /// array of arrays).
    pub(super) fn record_array(&mut self, r: RecordId, n: u32, span: Span) -> Option<Type> {
        if self.records.scalar_leaves(r) {
            return Some(Type::RecordArray(r, n));
        }
        let name = self.show(Type::Record(r));
        let d = Diagnostic::error(codes::RECORD_NOT_ALLOWED, format!("arrays of {name} are not supported yet"))
            .primary(span, format!("{name} has an array field"))
            .note("an array of records holds records of scalars (and of such records): an array field would make an array of arrays (docs/language.md section 3)")
            .help("hold the array field's elements as separate fields, or the records' fields as arrays in one struct");
        self.err(d);
        None
    }

    /// A type as the user writes it, for diagnostics.
    pub(super) fn show(&self, t: Type) -> String {
        self.records.name(t)
    }

    pub(super) fn resolve_type(&mut self, t: &ast::TypeExpr) -> Option<Type> {
        match t {
            ast::TypeExpr::Tuple { elems, .. } => {
                let tys: Vec<Option<Type>> = elems.iter().map(|e| self.resolve_type(e)).collect();
                let tys: Vec<Type> = tys.into_iter().collect::<Option<_>>()?;
                Some(Type::Record(self.records.tuple(&tys)))
            }
            ast::TypeExpr::Named(id) if let Some((Global::Struct(i), _)) = self.scopes[self.file.0 as usize].get(&id.name).copied() => {
                self.resolve_struct(i).map(Type::Record)
            }
            ast::TypeExpr::Named(id) => match builtin_type_name(&id.name) {
                Some(s) => Some(Type::Scalar(s)),
                None => {
                    let mut d =
                        Diagnostic::error(codes::UNKNOWN_TYPE, format!("unknown type `{}`", id.name)).primary(id.span, "not a type");
                    d = match id.name.as_str() {
                        "u128" | "i128" => d
                            .note("128-bit integers are not supported (docs/language.md section 3)")
                            .help("hold the value in `u32` words, e.g. a `[u32; 4]`, and use `mul_hi` for wide products"),
                        "int" | "usize" | "isize" => d.help("integers are `u8`, `u16`, `u32`, `u64`, `i8`, `i16`, `i32` or `i64`"),
                        "float" | "f16" | "f128" | "double" => d.help("floats are `f32` and `f64`"),
                        "boolean" => d.help("use `bool`"),
                        _ => d.help("the types are `bool`, `u8`, `u16`, `u32`, `u64`, `i8`, `i16`, `i32`, `i64`, `f32`, `f64`, arrays `[T; N]`, tuples `(T, U)` and the spec's `struct`s"),
                    };
                    self.err(d);
                    None
                }
            },
            ast::TypeExpr::Array { elem, len, span } => {
                let elem_ty = self.resolve_type(elem)?;
                if let Type::Record(r) = elem_ty {
                    let n = self.array_len(len)?;
                    return self.record_array(r, n as u32, *span);
                }
                let Type::Scalar(s) = elem_ty else {
                    let d = Diagnostic::error(codes::NESTED_ARRAY, "arrays of arrays are not supported")
                        .primary(*span, "nested array type")
                        .help("flatten it into one array and index it with `row * width + col`");
                    self.err(d);
                    return None;
                };
                let n = self.array_len(len)?;
                Some(Type::Array(s, n as u32))
            }
        }
    }

    pub(super) fn body(&mut self) -> &mut Body {
        self.body.as_mut().expect("statements are checked inside a body")
    }

    pub(super) fn declare(&mut self, name: &ast::Ident, ty: Type, mutable: bool) -> LocalId {
        self.body().declare(Local { name: name.name.clone(), ty, mutable, span: name.span })
    }

    /// Declares a local whose declaration failed: its uses are errors already reported.
    pub(super) fn declare_poisoned(&mut self, name: &ast::Ident, mutable: bool) {
        let id = self.declare(name, Type::BOOL, mutable);
        self.body().poisoned.insert(id);
    }

    pub(super) fn is_poisoned(&self, id: LocalId) -> bool {
        self.body.as_ref().is_some_and(|b| b.poisoned.contains(&id))
    }

    /// An input of the root spec whose declaration failed, seen from the root spec.
    pub(super) fn is_failed_input(&self, name: &str) -> bool {
        self.file == FileId(0) && self.failed_inputs.contains(name)
    }

    pub(super) fn lookup_local(&self, name: &str) -> Option<LocalId> {
        self.body.as_ref()?.names.get(name)?.last().copied()
    }

    pub(super) fn unknown_name(&self, name: &str, span: Span) -> Diagnostic {
        if self.diags.errors_full() {
            // Only counted, never shown: skip the search for a suggestion (it scans every name in scope).
            return Diagnostic::error(codes::UNKNOWN_NAME, format!("cannot find `{name}` in this scope")).primary(span, "not found");
        }
        let mut candidates: Vec<String> = self.scopes[self.file.0 as usize].keys().cloned().collect();
        if let Some(b) = &self.body {
            for s in &b.scopes {
                for (n, _) in s {
                    candidates.push(n.clone());
                }
            }
        }
        let mut d = Diagnostic::error(codes::UNKNOWN_NAME, format!("cannot find `{name}` in this scope")).primary(span, "not found");
        // Defined in a loaded file this one does not import itself (imports are not transitive)?
        let elsewhere = self
            .consts
            .iter()
            .map(|c| (c.name.as_str(), c.file))
            .chain(self.fns.iter().map(|f| (f.name.as_str(), f.file)))
            .find(|(n, f)| *n == name && *f != self.file)
            .map(|(_, f)| f);
        // An input of another property (`property p(x: u32)`): visible in `p` only.
        let owner =
            self.inputs.iter().find(|i| i.owner.as_ref().is_some_and(|o| i.name == format!("{o}.{name}"))).and_then(|i| i.owner.clone());
        if let Some(owner) = owner {
            d = d.note(format!("`{name}` is an input of property `{owner}`: only `{owner}` sees it")).help(format!(
                "declare it as a spec-wide `input` to share it, or give this property an input of its own: `property NAME({name}: ...)`"
            ));
        } else if let Some(other) = elsewhere {
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
}

fn builtin_type_name(name: &str) -> Option<ScalarType> {
    ScalarType::from_name(name)
}

fn same_global(a: Global, b: Global) -> bool {
    match (a, b) {
        (Global::Const(x), Global::Const(y))
        | (Global::Fn(x), Global::Fn(y))
        | (Global::Extern(x), Global::Extern(y))
        | (Global::Input(x), Global::Input(y))
        | (Global::Struct(x), Global::Struct(y))
        | (Global::RecordInput(x), Global::RecordInput(y)) => x == y,
        _ => false,
    }
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

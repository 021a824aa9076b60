//! Item declarations: inputs, function signatures and bodies, the recursion check on the call
//! graph, and properties.

use std::collections::HashMap;

use super::typed::*;
use super::{Body, Checker, Global};
use crate::diag::{Diagnostic, FileId, Span, codes};
use crate::syntax::ast::{self, ItemKind};

impl Checker<'_> {
    pub(super) fn check_inputs(&mut self) {
        let loaded = self.loaded;
        self.file = FileId(0);
        for item in &loaded.files[0].ast.items {
            let ItemKind::Input(decl) = &item.kind else { continue };
            let Some(ty) = self.resolve_type(&decl.ty) else {
                self.failed_inputs.insert(decl.name.name.clone());
                continue;
            };
            if matches!(self.scopes[0].get(&decl.name.name), Some((Global::Input(_) | Global::RecordInput(_), _))) {
                continue;
            }
            if ty.is_record() {
                let before = self.inputs.len();
                match self.record_input(&decl.name.name, ty, decl.domain.as_ref(), decl.name.span) {
                    Some(e) => {
                        if let Some((Global::Const(_) | Global::Fn(_) | Global::Extern(_) | Global::Struct(_), prev)) =
                            self.scopes[0].get(&decl.name.name)
                            && prev.file != FileId(0)
                        {
                            let d =
                                Diagnostic::error(codes::DUPLICATE_DEFINITION, format!("`{}` is defined more than once", decl.name.name))
                                    .primary(decl.name.span, "input defined here")
                                    .secondary(*prev, "also defined in an imported file");
                            self.err(d);
                        }
                        let k = self.record_inputs.len();
                        self.record_inputs.push(e);
                        self.scopes[0].insert(decl.name.name.clone(), (Global::RecordInput(k), decl.name.span));
                    }
                    None => {
                        self.inputs.truncate(before);
                        self.failed_inputs.insert(decl.name.name.clone());
                    }
                }
                continue;
            }
            let elem = ty.elem();
            let Some((domain, text)) = self.domain(decl.domain.as_ref(), elem) else {
                self.failed_inputs.insert(decl.name.name.clone());
                continue;
            };
            if let Some((Global::Const(_) | Global::Fn(_) | Global::Extern(_) | Global::Struct(_), prev)) =
                self.scopes[0].get(&decl.name.name)
            {
                // A clash within this file was reported by `collect`; one with an import is reported here.
                if prev.file != FileId(0) {
                    let d = Diagnostic::error(codes::DUPLICATE_DEFINITION, format!("`{}` is defined more than once", decl.name.name))
                        .primary(decl.name.span, "input defined here")
                        .secondary(*prev, "also defined in an imported file");
                    self.err(d);
                }
                continue;
            }
            let idx = self.inputs.len();
            self.scopes[0].insert(decl.name.name.clone(), (Global::Input(idx), decl.name.span));
            self.inputs.push(Input { name: decl.name.name.clone(), ty, domain, domain_text: text, span: decl.name.span, owner: None });
        }
    }

    /// An input of record type: one input per scalar or array field, named by its path
    /// (`date.year`, `pair.0`), each with the domain its field is given in `in { field: DOMAIN }`
    /// (all values when none). Returns the record expression the input's name stands for.
    fn record_input(&mut self, path: &str, ty: Type, dom: Option<&ast::DomainExpr>, span: Span) -> Option<Expr> {
        if let Type::RecordArray(r, n) = ty {
            return self.record_array_input(path, r, n, dom, span);
        }
        let Type::Record(r) = ty else {
            let (domain, text) = self.domain(dom, ty.elem())?;
            let idx = self.inputs.len();
            self.inputs.push(Input { name: path.to_string(), ty, domain, domain_text: text, span, owner: None });
            return Some(Expr { kind: ExprKind::Input(InputId(idx as u32)), ty, span });
        };
        let rec = self.records.get(r).clone();
        let mut given: Vec<Option<&ast::DomainExpr>> = vec![None; rec.fields.len()];
        match dom {
            None => {}
            Some(ast::DomainExpr::Fields { fields, .. }) => {
                let mut seen: Vec<Option<Span>> = vec![None; rec.fields.len()];
                for (f, d) in fields {
                    let (k, _) = self.field_of(ty, f)?;
                    if let Some(prev) = seen[k as usize] {
                        self.err(
                            Diagnostic::error(codes::DUPLICATE_FIELD, format!("field `{}` is given two domains", f.name))
                                .primary(f.span, "given again here")
                                .secondary(prev, "first given here"),
                        );
                        return None;
                    }
                    seen[k as usize] = Some(f.span);
                    given[k as usize] = Some(d);
                }
            }
            Some(other) => {
                let d = Diagnostic::error(codes::RECORD_NOT_ALLOWED, format!("a {} input takes a domain per field", self.show(ty)))
                    .primary(other.span(), "one domain for a whole struct or tuple")
                    .help(format!(
                        "name each field's domain: `in {{ {}: 0..10 }}` (fields not named take all values)",
                        rec.fields.first().map_or("field", |(n, _)| n.as_str())
                    ));
                self.err(d);
                return None;
            }
        }
        let mut fields = Vec::new();
        let mut ok = true;
        for ((fname, fty), d) in rec.fields.iter().zip(given) {
            match self.record_input(&format!("{path}.{fname}"), *fty, d, span) {
                Some(e) => fields.push(e),
                None => ok = false,
            }
        }
        ok.then_some(Expr { kind: ExprKind::Record(fields), ty, span })
    }

    /// An input `[R; n]`: one array input per scalar field (`points.x: [i32; n]`), each field's
    /// domain applying to all its elements; the record array is built from those arrays.
    fn record_array_input(&mut self, path: &str, r: RecordId, n: u32, dom: Option<&ast::DomainExpr>, span: Span) -> Option<Expr> {
        let elem = Type::Record(r);
        let rec = self.records.get(r).clone();
        let mut given: Vec<Option<&ast::DomainExpr>> = vec![None; rec.fields.len()];
        match dom {
            None => {}
            Some(ast::DomainExpr::Fields { fields, .. }) => {
                for (f, d) in fields {
                    let (k, _) = self.field_of(elem, f)?;
                    given[k as usize] = Some(d);
                }
            }
            Some(other) => {
                let d = Diagnostic::error(
                    codes::RECORD_NOT_ALLOWED,
                    format!("a {} input takes a domain per field", self.show(Type::RecordArray(r, n))),
                )
                .primary(other.span(), "one domain for a whole array of records")
                .help("name each field's domain: `in { field: 0..10 }` (it applies to that field of every element)");
                self.err(d);
                return None;
            }
        }
        let mut fields = Vec::new();
        let mut ok = true;
        for ((fname, fty), d) in rec.fields.iter().zip(given) {
            let ty = match fty {
                Type::Scalar(s) => Type::Array(*s, n),
                Type::Record(q) => Type::RecordArray(*q, n),
                _ => unreachable!("arrays of records hold scalars and records of scalars"),
            };
            match self.record_input(&format!("{path}.{fname}"), ty, d, span) {
                Some(e) => fields.push(e),
                None => ok = false,
            }
        }
        ok.then_some(Expr { kind: ExprKind::Record(fields), ty: Type::RecordArray(r, n), span })
    }

    pub(super) fn check_signature(&mut self, i: usize) {
        if std::mem::replace(&mut self.fns[i].signature_checked, true) {
            return;
        }
        let decl = self.fns[i].decl;
        self.file = self.fns[i].file;
        let (params, ret) = self.signature(&decl.name, &decl.params, decl.ret.as_ref(), false);
        self.fns[i].params = params;
        self.fns[i].ret = ret;
    }

    /// Checks an `extern fn` declaration's signature.
    pub(super) fn check_extern(&mut self, i: usize) {
        let decl = self.externs[i].decl;
        self.file = self.externs[i].file;
        let (params, ret) = self.signature(&decl.name, &decl.params, decl.ret.as_ref(), true);
        let Some(ret) = ret else { return };
        let location = self.loaded.sources.location(decl.name.span);
        self.externs[i].sig =
            Some(ExternFn { name: decl.name.name.clone(), params: params.into_iter().map(|(n, t, _)| (n, t)).collect(), ret, location });
    }

    /// Parameter names and types, and the return type (`None` when anything is wrong, reported).
    fn signature(
        &mut self,
        name: &ast::Ident,
        decl_params: &[ast::Param],
        decl_ret: Option<&ast::TypeExpr>,
        is_extern: bool,
    ) -> (Vec<(String, Type, Span)>, Option<Type>) {
        let mut params = Vec::new();
        let mut ok = true;
        for p in decl_params {
            if params.iter().any(|(n, _, _): &(String, Type, Span)| *n == p.name.name) {
                let d = Diagnostic::error(codes::DUPLICATE_PARAMETER, format!("parameter `{}` is declared twice", p.name.name))
                    .primary(p.name.span, "duplicate parameter");
                self.err(d);
                ok = false;
                continue;
            }
            match self.resolve_type(&p.ty) {
                Some(t) if is_extern && t.is_record() => {
                    self.extern_record(&p.ty, t);
                    ok = false;
                }
                Some(t) => params.push((p.name.name.clone(), t, p.name.span)),
                None => ok = false,
            }
        }
        let ret = match decl_ret {
            Some(t) => match self.resolve_type(t) {
                Some(rt) if is_extern && rt.is_record() => {
                    self.extern_record(t, rt);
                    None
                }
                r => r,
            },
            None => {
                let help = if is_extern {
                    format!("write `extern fn {}(...) -> u32;`", name.name)
                } else {
                    format!("write `fn {}(...) -> u32 {{ ... }}`", name.name)
                };
                let d = Diagnostic::error(codes::MISSING_RETURN_TYPE, format!("function `{}` has no return type", name.name))
                    .primary(name.span, "functions return a value")
                    .help(help);
                self.err(d);
                None
            }
        };
        (params, if ok { ret } else { None })
    }

    fn extern_record(&mut self, t: &ast::TypeExpr, ty: Type) {
        let d = Diagnostic::error(codes::RECORD_NOT_ALLOWED, format!("an extern fn cannot take or return {} yet", self.show(ty)))
            .primary(t.span(), "a struct or tuple in an extern signature")
            .note("implementations exchange scalars and arrays of scalars (docs/implementations.md)")
            .help("pass the fields as separate parameters, and return an array, or one extern fn per field");
        self.err(d);
    }

    pub(super) fn check_fn_body(&mut self, i: usize) {
        if std::mem::replace(&mut self.fns[i].body_checked, true) {
            return;
        }
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
            let d = Diagnostic::error(codes::MISSING_RETURN, format!("function `{}` may end without returning a value", decl.name.name))
                .primary(end, format!("expected `return` of a {} before here", self.show(ret)))
                .secondary(decl.name.span, "function declared here");
            self.err(d);
            return;
        }
        self.fns[i].loop_spans = body.loop_spans;
        self.fns[i].checked =
            Some(Function { name: decl.name.name.clone(), params: param_ids, ret, body: stmts, locals: body.locals, span: decl.name.span });
    }

    pub(super) fn check_recursion(&mut self) {
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
                            let d = Diagnostic::error(codes::RECURSION, msg)
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

    pub(super) fn check_properties(&mut self) {
        let loaded = self.loaded;
        self.file = FileId(0);
        let mut seen: HashMap<String, Span> = HashMap::new();
        for item in &loaded.files[0].ast.items {
            let ItemKind::Property(p) = &item.kind else { continue };
            if let Some(prev) = seen.get(&p.name.name) {
                let d = Diagnostic::error(codes::DUPLICATE_DEFINITION, format!("property `{}` is defined more than once", p.name.name))
                    .primary(p.name.span, "redefined here")
                    .secondary(*prev, "first defined here");
                self.err(d);
                continue;
            }
            seen.insert(p.name.name.clone(), p.name.span);
            let Some(params) = self.property_params(p) else { continue };
            self.body = Some(Body::new(None, None));
            let stmts = self.block(&p.body);
            let body = self.body.take().expect("body set above");
            // The parameters are visible in this property's body only.
            for (name, _) in &params {
                self.scopes[0].remove(name);
            }
            let Some(stmts) = stmts else { continue };
            if body.asserts.is_empty() {
                let d = Diagnostic::warning(codes::PROPERTY_WITHOUT_ASSERT, format!("property `{}` has no `assert`", p.name.name))
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
            let d = Diagnostic::warning(codes::NO_PROPERTIES, "the spec has no properties")
                .primary(Span::new(FileId(0), 0, 0), "nothing to run");
            self.err(d);
        }
    }
}

impl Checker<'_> {
    /// A property's own inputs (`property p(x: u32 in 0..10)`): checked like spec-wide inputs, named
    /// `p.x` and owned by `p`, and put in the root scope for the property's body (the caller removes
    /// them after). A parameter may not reuse a name the spec already gives anything.
    fn property_params(&mut self, p: &ast::PropertyDecl) -> Option<Vec<(String, Span)>> {
        let mut added: Vec<(String, Span)> = Vec::new();
        let mut ok = true;
        for decl in &p.params {
            let name = &decl.name.name;
            if let Some((_, prev)) = added.iter().find(|(n, _)| n == name) {
                self.err(
                    Diagnostic::error(codes::DUPLICATE_DEFINITION, format!("property `{}` has two inputs named `{name}`", p.name.name))
                        .primary(decl.name.span, "declared again here")
                        .secondary(*prev, "first declared here"),
                );
                ok = false;
                continue;
            }
            if let Some((global, prev)) = self.scopes[0].get(name).copied() {
                let what = match global {
                    Global::Input(_) | Global::RecordInput(_) => "an input",
                    Global::Const(_) => "a constant",
                    Global::Fn(_) | Global::Extern(_) => "a function",
                    Global::Struct(_) => "a struct",
                };
                self.err(
                    Diagnostic::error(codes::DUPLICATE_DEFINITION, format!("`{name}` is already {what} of the spec"))
                        .primary(decl.name.span, format!("an input of property `{}` cannot reuse the name", p.name.name))
                        .secondary(prev, "defined here")
                        .help("rename the property's input: a property's inputs may not hide the spec's names"),
                );
                ok = false;
                continue;
            }
            let path = format!("{}.{name}", p.name.name);
            if let Some(clash) = self.inputs.iter().find(|i| i.name == path) {
                let d = Diagnostic::error(codes::DUPLICATE_DEFINITION, format!("two inputs are named `{path}`"))
                    .primary(decl.name.span, format!("input `{name}` of property `{}` is stored as `{path}`", p.name.name))
                    .secondary(clash.span, "so is this field of a spec-wide input");
                self.err(d);
                ok = false;
                continue;
            }
            let Some(ty) = self.resolve_type(&decl.ty) else {
                ok = false;
                continue;
            };
            let before = self.inputs.len();
            let global = if ty.is_record() {
                match self.record_input(&path, ty, decl.domain.as_ref(), decl.name.span) {
                    Some(e) => {
                        self.record_inputs.push(e);
                        Global::RecordInput(self.record_inputs.len() - 1)
                    }
                    None => {
                        self.inputs.truncate(before);
                        ok = false;
                        continue;
                    }
                }
            } else {
                let Some((domain, text)) = self.domain(decl.domain.as_ref(), ty.elem()) else {
                    ok = false;
                    continue;
                };
                self.inputs.push(Input { name: path, ty, domain, domain_text: text, span: decl.name.span, owner: None });
                Global::Input(before)
            };
            for i in &mut self.inputs[before..] {
                i.owner = Some(p.name.name.clone());
            }
            self.scopes[0].insert(name.clone(), (global, decl.name.span));
            added.push((name.clone(), decl.name.span));
        }
        if !ok {
            for (name, _) in &added {
                self.scopes[0].remove(name);
            }
            return None;
        }
        Some(added)
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

//! The spec hash: blake3 over a canonical text of the typed spec. Formatting, comments, the
//! order of consts, functions and properties, the names and files of functions, and the steering
//! header do not change it; any change of meaning (inputs and their order, domains, constant
//! values, function and property bodies, assert messages) does. A call is written as the content
//! hash of the function it resolves to (a Merkle hash over the call DAG), never by its name.

use std::fmt::Write;

use super::typed::*;
use crate::r#gen::domain::Domain;

/// Hash of the input declarations alone: names, types and domains, in order.
pub fn input_hash(spec: &TypedSpec) -> [u8; 32] {
    inputs_hash(spec.inputs.iter().map(|i| (i.name.as_str(), i.ty, &i.domain, i.owner.as_deref())))
}

/// [`input_hash`] of some inputs `(name, type, domain, owner)`: a space of per-property inputs is keyed
/// by the inputs it reads (`run::Space`), so that other properties' inputs do not change its vectors.
pub fn inputs_hash<'a>(inputs: impl IntoIterator<Item = (&'a str, Type, &'a Domain, Option<&'a str>)>) -> [u8; 32] {
    let mut s = String::from("vecrun-inputs-v1\n");
    for (name, ty, domain, owner) in inputs {
        let owner = owner.map(|p| format!(" of property {p}")).unwrap_or_default();
        let _ = writeln!(s, "input {name} : {ty} in {}{owner}", canonical_domain(domain));
    }
    *blake3::hash(s.as_bytes()).as_bytes()
}

/// Hash of the whole spec's meaning.
pub fn spec_hash(spec: &TypedSpec) -> SpecHash {
    SpecHash(*blake3::hash(canonical(spec).as_bytes()).as_bytes())
}

fn canonical_domain(d: &Domain) -> String {
    match d {
        Domain::F32Range { lo, hi, hi_inclusive } => format!("F32Range({:08x},{:08x},{})", lo.to_bits(), hi.to_bits(), hi_inclusive),
        other => format!("{other:?}"),
    }
}

/// The canonical text that is hashed (useful for debugging a hash change).
pub fn canonical(spec: &TypedSpec) -> String {
    let fns = function_hashes(spec);
    let mut s = String::from("vecrun-spec-v2\n");
    for i in &spec.inputs {
        let owner = i.owner.as_ref().map(|p| format!(" of property {p}")).unwrap_or_default();
        let _ = writeln!(s, "input {} : {} in {}{owner}", i.name, i.ty, canonical_domain(&i.domain));
    }
    // Functions are not listed: each call carries the hash of what it calls.
    let mut props: Vec<&Property> = spec.properties.iter().collect();
    props.sort_by(|a, b| a.name.cmp(&b.name));
    for p in props {
        let _ = writeln!(s, "property {}", p.name);
        for (kind, sites) in [("assert", &p.asserts), ("assume", &p.assumes), ("cover", &p.covers)] {
            for (i, site) in sites.iter().enumerate() {
                let _ = writeln!(s, "  {kind}#{i} message={:?}", site.message);
            }
        }
        block(&mut s, spec, &fns, &p.locals, &p.body, 1);
    }
    s
}

/// The content hash (hex) of every function: its parameter and return types and its body, with
/// each call written as the hash of its callee. Callees are hashed first (the call graph is a DAG).
fn function_hashes(spec: &TypedSpec) -> Vec<String> {
    let edges: Vec<Vec<usize>> = spec
        .functions
        .iter()
        .map(|f| {
            let mut out = Vec::new();
            calls_in_block(&f.body, &mut out);
            out
        })
        .collect();
    let mut hashes = vec![String::new(); spec.functions.len()];
    for i in super::post_order(&edges) {
        let f = &spec.functions[i];
        let mut s = String::from("fn(");
        for p in &f.params {
            let _ = write!(s, "%{}:{},", p.0, ty(spec, f.locals[p.0 as usize].ty));
        }
        let _ = writeln!(s, ") -> {}", ty(spec, f.ret));
        block(&mut s, spec, &hashes, &f.locals, &f.body, 1);
        hashes[i] = blake3::hash(s.as_bytes()).to_hex().to_string();
    }
    hashes
}

/// The functions a block calls (directly), in order, with repeats.
pub(super) fn calls_in_block(b: &Block, out: &mut Vec<usize>) {
    for st in b {
        match st {
            Stmt::Let { value, .. } | Stmt::Return(value) => calls_in_expr(value, out),
            Stmt::Assign { index, value, .. } => {
                if let Some(i) = index {
                    calls_in_expr(i, out);
                }
                calls_in_expr(value, out);
            }
            Stmt::If { cond, then, els } => {
                calls_in_expr(cond, out);
                calls_in_block(then, out);
                calls_in_block(els, out);
            }
            Stmt::For { body, .. } => calls_in_block(body, out),
            Stmt::While { cond, body, .. } => {
                if let Some(c) = cond {
                    calls_in_expr(c, out);
                }
                calls_in_block(body, out);
            }
            Stmt::Break | Stmt::Continue => {}
            Stmt::Assert { cond, .. } | Stmt::Assume { cond, .. } | Stmt::Cover { cond, .. } => calls_in_expr(cond, out),
        }
    }
}

/// The functions an expression calls (directly), in order, with repeats.
pub(super) fn calls_in_expr(e: &Expr, out: &mut Vec<usize>) {
    match &e.kind {
        ExprKind::Const(_) | ExprKind::Input(_) | ExprKind::Local(_) => {}
        ExprKind::Unary(_, x) | ExprKind::Cast(x, _) => calls_in_expr(x, out),
        ExprKind::Binary(_, l, r) | ExprKind::Index(l, r) => {
            calls_in_expr(l, out);
            calls_in_expr(r, out);
        }
        ExprKind::Call(f, xs) => {
            out.push(f.0 as usize);
            xs.iter().for_each(|x| calls_in_expr(x, out));
        }
        ExprKind::Builtin(_, xs) | ExprKind::ExternCall(_, xs) | ExprKind::Array(xs) | ExprKind::Record(xs) => {
            xs.iter().for_each(|x| calls_in_expr(x, out))
        }
        ExprKind::Field(x, _) => calls_in_expr(x, out),
    }
}

fn block(s: &mut String, spec: &TypedSpec, fns: &[String], locals: &[Local], b: &Block, depth: usize) {
    for st in b {
        for _ in 0..depth {
            s.push_str("  ");
        }
        match st {
            Stmt::Let { local, value } => {
                let l = &locals[local.0 as usize];
                let _ =
                    writeln!(s, "{} %{}:{} = {}", if l.mutable { "var" } else { "let" }, local.0, ty(spec, l.ty), expr(spec, fns, value));
            }
            Stmt::Assign { local, fields, index, after, value } => {
                let path: String = fields.iter().map(|k| format!(".{k}")).collect();
                let after: String = after.iter().map(|k| format!(".{k}")).collect();
                match index {
                    None => {
                        let _ = writeln!(s, "%{}{path} = {}", local.0, expr(spec, fns, value));
                    }
                    Some(i) => {
                        let _ = writeln!(s, "%{}{path}[{}]{after} = {}", local.0, expr(spec, fns, i), expr(spec, fns, value));
                    }
                }
            }
            Stmt::If { cond, then, els } => {
                let _ = writeln!(s, "if {}", expr(spec, fns, cond));
                block(s, spec, fns, locals, then, depth + 1);
                for _ in 0..depth {
                    s.push_str("  ");
                }
                s.push_str("else\n");
                block(s, spec, fns, locals, els, depth + 1);
            }
            Stmt::For { local, start, end, body } => {
                let _ = writeln!(s, "for %{}:{} in {}..{}", local.0, ty(spec, locals[local.0 as usize].ty), start, end);
                block(s, spec, fns, locals, body, depth + 1);
            }
            Stmt::While { cond, bound, body, .. } => {
                match cond {
                    Some(c) => {
                        let _ = writeln!(s, "while {} bound {bound}", expr(spec, fns, c));
                    }
                    None => {
                        let _ = writeln!(s, "loop bound {bound}");
                    }
                }
                block(s, spec, fns, locals, body, depth + 1);
            }
            Stmt::Break => s.push_str("break\n"),
            Stmt::Continue => s.push_str("continue\n"),
            Stmt::Assert { id, cond } => {
                let _ = writeln!(s, "assert#{id} {}", expr(spec, fns, cond));
            }
            Stmt::Assume { id, cond } => {
                let _ = writeln!(s, "assume#{id} {}", expr(spec, fns, cond));
            }
            Stmt::Cover { id, cond } => {
                let _ = writeln!(s, "cover#{id} {}", expr(spec, fns, cond));
            }
            Stmt::Return(e) => {
                let _ = writeln!(s, "return {}", expr(spec, fns, e));
            }
        }
    }
}

fn expr(spec: &TypedSpec, fns: &[String], e: &Expr) -> String {
    match &e.kind {
        ExprKind::Const(v) => value(spec, v),
        ExprKind::Input(i) => format!("${}", spec.inputs[i.0 as usize].name),
        ExprKind::Local(l) => format!("%{}", l.0),
        ExprKind::Unary(op, x) => format!("({}{})", op.symbol(), expr(spec, fns, x)),
        ExprKind::Binary(op, l, r) => format!("({} {} {})", expr(spec, fns, l), op.symbol(), expr(spec, fns, r)),
        ExprKind::Cast(x, t) => format!("({} as {t})", expr(spec, fns, x)),
        ExprKind::Call(f, args) => {
            let callee = fns.get(f.0 as usize).map(String::as_str).unwrap_or("?");
            format!("fn:{callee}({})", args.iter().map(|a| expr(spec, fns, a)).collect::<Vec<_>>().join(", "))
        }
        ExprKind::ExternCall(x, args) => {
            // An extern is named by its whole signature: changing a parameter or the result type changes the spec.
            let f = &spec.externs[x.0 as usize];
            let params = f.params.iter().map(|(n, t)| format!("{n}:{t}")).collect::<Vec<_>>().join(",");
            format!("extern:{}({params})->{}({})", f.name, f.ret, args.iter().map(|a| expr(spec, fns, a)).collect::<Vec<_>>().join(", "))
        }
        ExprKind::Builtin(b, args) => format!("@{}({})", b.name(), args.iter().map(|a| expr(spec, fns, a)).collect::<Vec<_>>().join(", ")),
        ExprKind::Index(b, i) => format!("{}[{}]", expr(spec, fns, b), expr(spec, fns, i)),
        ExprKind::Array(xs) => format!("[{}]", xs.iter().map(|a| expr(spec, fns, a)).collect::<Vec<_>>().join(", ")),
        ExprKind::Record(xs) => {
            format!("{}{{{}}}", ty(spec, e.ty), xs.iter().map(|a| expr(spec, fns, a)).collect::<Vec<_>>().join(", "))
        }
        ExprKind::Field(x, k) => format!("{}.{k}", expr(spec, fns, x)),
    }
}

fn value(spec: &TypedSpec, v: &Value) -> String {
    match v {
        Value::Scalar(t, b) => format!("{t}:{b:08x}"),
        Value::Array(t, bs) => format!("[{t}:{}]", bs.iter().map(|b| format!("{b:08x}")).collect::<Vec<_>>().join(",")),
        Value::Record(r, fs) => {
            format!("{}{{{}}}", ty(spec, Type::Record(*r)), fs.iter().map(|f| value(spec, f)).collect::<Vec<_>>().join(","))
        }
        Value::RecordArray(_, es) => format!("[{}]", es.iter().map(|e| value(spec, e)).collect::<Vec<_>>().join(",")),
    }
}

/// A type by its content: a struct by its name and fields, so the hash does not depend on the
/// order records were met in.
fn ty(spec: &TypedSpec, t: Type) -> String {
    match t {
        Type::Record(r) => {
            let rec = spec.records.get(r);
            let fields = rec.fields.iter().map(|(n, ft)| format!("{n}:{}", ty(spec, *ft))).collect::<Vec<_>>().join(",");
            format!("{}({fields})", rec.name.as_deref().unwrap_or(""))
        }
        Type::RecordArray(r, n) => format!("[{}; {n}]", ty(spec, Type::Record(r))),
        t => t.to_string(),
    }
}

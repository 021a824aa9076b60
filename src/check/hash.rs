//! The spec hash: blake3 over a canonical text of the typed spec. Formatting, comments, the
//! order of consts, functions and properties, and the steering header do not change it;
//! any change of meaning (inputs and their order, domains, constant values, function and
//! property bodies, assert messages) does.

use std::fmt::Write;

use super::typed::*;
use crate::r#gen::domain::Domain;

/// Hash of the input declarations alone: names, types and domains, in order.
pub fn input_hash(spec: &TypedSpec) -> [u8; 32] {
    let mut s = String::from("vecrun-inputs-v1\n");
    for i in &spec.inputs {
        let _ = writeln!(s, "input {} : {} in {}", i.name, i.ty, canonical_domain(&i.domain));
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
    let mut s = String::from("vecrun-spec-v1\n");
    for i in &spec.inputs {
        let _ = writeln!(s, "input {} : {} in {}", i.name, i.ty, canonical_domain(&i.domain));
    }
    // Functions are referred to by name, so their order does not matter.
    let mut fns: Vec<&Function> = spec.functions.iter().collect();
    fns.sort_by(|a, b| a.name.cmp(&b.name));
    for f in fns {
        let _ = write!(s, "fn {}(", f.name);
        for p in &f.params {
            let l = &f.locals[p.0 as usize];
            let _ = write!(s, "{}:{},", l.name, l.ty);
        }
        let _ = writeln!(s, ") -> {}", f.ret);
        block(&mut s, spec, &f.locals, &f.body, 1);
    }
    let mut props: Vec<&Property> = spec.properties.iter().collect();
    props.sort_by(|a, b| a.name.cmp(&b.name));
    for p in props {
        let _ = writeln!(s, "property {}", p.name);
        for (kind, sites) in [("assert", &p.asserts), ("assume", &p.assumes), ("cover", &p.covers)] {
            for (i, site) in sites.iter().enumerate() {
                let _ = writeln!(s, "  {kind}#{i} message={:?}", site.message);
            }
        }
        block(&mut s, spec, &p.locals, &p.body, 1);
    }
    s
}

fn block(s: &mut String, spec: &TypedSpec, locals: &[Local], b: &Block, depth: usize) {
    for st in b {
        for _ in 0..depth {
            s.push_str("  ");
        }
        match st {
            Stmt::Let { local, value } => {
                let l = &locals[local.0 as usize];
                let _ = writeln!(s, "{} %{}:{} = {}", if l.mutable { "var" } else { "let" }, local.0, l.ty, expr(spec, value));
            }
            Stmt::Assign { local, index, value } => match index {
                None => {
                    let _ = writeln!(s, "%{} = {}", local.0, expr(spec, value));
                }
                Some(i) => {
                    let _ = writeln!(s, "%{}[{}] = {}", local.0, expr(spec, i), expr(spec, value));
                }
            },
            Stmt::If { cond, then, els } => {
                let _ = writeln!(s, "if {}", expr(spec, cond));
                block(s, spec, locals, then, depth + 1);
                for _ in 0..depth {
                    s.push_str("  ");
                }
                s.push_str("else\n");
                block(s, spec, locals, els, depth + 1);
            }
            Stmt::For { local, start, end, body } => {
                let _ = writeln!(s, "for %{}:{} in {}..{}", local.0, locals[local.0 as usize].ty, start, end);
                block(s, spec, locals, body, depth + 1);
            }
            Stmt::Assert { id, cond } => {
                let _ = writeln!(s, "assert#{id} {}", expr(spec, cond));
            }
            Stmt::Assume { id, cond } => {
                let _ = writeln!(s, "assume#{id} {}", expr(spec, cond));
            }
            Stmt::Cover { id, cond } => {
                let _ = writeln!(s, "cover#{id} {}", expr(spec, cond));
            }
            Stmt::Return(e) => {
                let _ = writeln!(s, "return {}", expr(spec, e));
            }
        }
    }
}

fn expr(spec: &TypedSpec, e: &Expr) -> String {
    match &e.kind {
        ExprKind::Const(v) => match v {
            Value::Scalar(t, b) => format!("{t}:{b:08x}"),
            Value::Array(t, bs) => format!("[{t}:{}]", bs.iter().map(|b| format!("{b:08x}")).collect::<Vec<_>>().join(",")),
        },
        ExprKind::Input(i) => format!("${}", spec.inputs[i.0 as usize].name),
        ExprKind::Local(l) => format!("%{}", l.0),
        ExprKind::Unary(op, x) => format!("({}{})", op.symbol(), expr(spec, x)),
        ExprKind::Binary(op, l, r) => format!("({} {} {})", expr(spec, l), op.symbol(), expr(spec, r)),
        ExprKind::Cast(x, t) => format!("({} as {t})", expr(spec, x)),
        ExprKind::Call(f, args) => {
            format!("{}({})", spec.functions[f.0 as usize].name, args.iter().map(|a| expr(spec, a)).collect::<Vec<_>>().join(", "))
        }
        ExprKind::Builtin(b, args) => format!("@{}({})", b.name(), args.iter().map(|a| expr(spec, a)).collect::<Vec<_>>().join(", ")),
        ExprKind::Index(b, i) => format!("{}[{}]", expr(spec, b), expr(spec, i)),
        ExprKind::Array(xs) => format!("[{}]", xs.iter().map(|a| expr(spec, a)).collect::<Vec<_>>().join(", ")),
    }
}

//! The IR's text form (`vecrun check --dump-ir`), used by the golden tests.

use std::fmt::{self, Display, Write};

use super::*;

impl Display for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for i in &self.inputs {
            writeln!(f, "input {}: {} slots {}..{} in {:?}", i.name, i.ty, i.first_slot, i.first_slot + i.ty.slots(), i.domain)?;
        }
        for p in &self.properties {
            writeln!(f)?;
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl Display for PropertyIr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "property {} {{", self.name)?;
        for (i, v) in self.vars.iter().enumerate() {
            writeln!(f, "  var @{i} {}: {}", v.name, v.ty)?;
        }
        let mut s = String::new();
        body(&mut s, self, &self.body, 1);
        f.write_str(&s)?;
        writeln!(f, "}}")
    }
}

fn pad(s: &mut String, depth: usize) {
    for _ in 0..depth {
        s.push_str("  ");
    }
}

fn body(s: &mut String, p: &PropertyIr, insts: &[Inst], depth: usize) {
    for inst in insts {
        pad(s, depth);
        match inst {
            Inst::Let(v, op) => {
                let _ = writeln!(s, "%{}: {} = {}", v.0, p.val_type(*v), op_text(p, op));
            }
            Inst::Set(var, v) => {
                let _ = writeln!(s, "@{} = %{}", var.0, v.0);
            }
            Inst::SetElem(var, i, v) => {
                let _ = writeln!(s, "@{}[%{}] = %{}", var.0, i.0, v.0);
            }
            Inst::CopyArray { dst, src } => {
                let _ = writeln!(s, "@{} = copy {}", dst.0, array_text(src));
            }
            Inst::If { cond, then, els } => {
                let _ = writeln!(s, "if %{} {{", cond.0);
                body(s, p, then, depth + 1);
                if !els.is_empty() {
                    pad(s, depth);
                    s.push_str("} else {\n");
                    body(s, p, els, depth + 1);
                }
                pad(s, depth);
                s.push_str("}\n");
            }
            Inst::For { var, start, end, body: b } => {
                let _ = writeln!(s, "for @{} in {start}..{end} {{", var.0);
                body(s, p, b, depth + 1);
                pad(s, depth);
                s.push_str("}\n");
            }
            Inst::BoundsCheck { index, len, site } => {
                let _ = writeln!(s, "check %{} < {len} (site {site})", index.0);
            }
            Inst::Assert { id, cond } => {
                let _ = writeln!(s, "assert#{id} %{}", cond.0);
            }
            Inst::Assume { id, cond } => {
                let _ = writeln!(s, "assume#{id} %{}", cond.0);
            }
            Inst::Cover { id, cond } => {
                let _ = writeln!(s, "cover#{id} %{}", cond.0);
            }
        }
    }
}

fn array_text(a: &ArrayRef) -> String {
    match a {
        ArrayRef::Input { first_slot, len } => format!("slots[{first_slot}..{}]", first_slot + len),
        ArrayRef::Var(v) => format!("@{}", v.0),
    }
}

fn op_text(p: &PropertyIr, op: &Op) -> String {
    let _ = p;
    match op {
        Op::Const(t, b) => format!("const {}", t.display(*b)),
        Op::Input(slot) => format!("slot {slot}"),
        Op::InputElem { first_slot, len, index } => format!("slots[{first_slot}..{}][%{}]", first_slot + len, index.0),
        Op::Var(v) => format!("@{}", v.0),
        Op::VarElem(v, i) => format!("@{}[%{}]", v.0, i.0),
        Op::Unary(o, t, a) => format!("{}{t} %{}", o.symbol(), a.0),
        Op::Binary(o, t, a, b) => format!("%{} {}{t} %{}", a.0, o.symbol(), b.0),
        Op::Cast(from, to, a) => format!("%{} as {from}->{to}", a.0),
        Op::Builtin(bi, t, args) => {
            format!("{}.{t}({})", bi.name(), args.iter().map(|a| format!("%{}", a.0)).collect::<Vec<_>>().join(", "))
        }
    }
}

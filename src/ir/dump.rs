//! The IR's text form (`vecrun check --dump-ir`), used by the golden tests.

use std::fmt::{self, Display, Write};

use super::*;

impl Display for Val {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "%{}", self.index())
    }
}

impl Display for VarId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "@{}", self.index())
    }
}

impl Display for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for i in &self.inputs {
            write!(f, "input {}: {} slots {}..{} in {:?}", i.name, i.ty, i.first_slot, i.first_slot + i.ty.slots(), i.domain)?;
            match &i.owner {
                Some(p) => writeln!(f, " of property {p}")?,
                None => writeln!(f)?,
            }
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
        for (var, v) in self.vars.iter_enumerated() {
            writeln!(f, "  var {var} {}: {}", v.name, v.ty)?;
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
                let _ = writeln!(s, "{v}: {} = {}", p.val_type(*v), op_text(p, op));
            }
            Inst::Extern { func, site, args, results } => {
                let rs = results.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(", ");
                let a = args.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(", ");
                let _ = writeln!(s, "({rs}) = extern#{func}@{site}({a})");
            }
            Inst::Set(var, v) => {
                let _ = writeln!(s, "{var} = {v}");
            }
            Inst::SetElem(var, i, v) => {
                let _ = writeln!(s, "{var}[{i}] = {v}");
            }
            Inst::CopyArray { dst, src } => {
                let _ = writeln!(s, "{dst} = copy {}", array_text(src));
            }
            Inst::If { cond, then, els } => {
                let _ = writeln!(s, "if {cond} {{");
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
                let _ = writeln!(s, "for {var} in {start}..{end} {{");
                body(s, p, b, depth + 1);
                pad(s, depth);
                s.push_str("}\n");
            }
            Inst::BoundsCheck { index, len, site } => {
                let _ = writeln!(s, "check {index} < {len} (site {site})");
            }
            Inst::Assert { id, cond } => {
                let _ = writeln!(s, "assert#{id} {cond}");
            }
            Inst::LoopBound { site, cond } => {
                let _ = writeln!(s, "loop-bound {cond} (site {site})");
            }
            Inst::Assume { id, cond } => {
                let _ = writeln!(s, "assume#{id} {cond}");
            }
            Inst::Cover { id, cond } => {
                let _ = writeln!(s, "cover#{id} {cond}");
            }
        }
    }
}

fn array_text(a: &ArrayRef) -> String {
    match a {
        ArrayRef::Input { first_slot, len } => format!("slots[{first_slot}..{}]", first_slot + len),
        ArrayRef::Var(v) => v.to_string(),
    }
}

fn op_text(p: &PropertyIr, op: &Op) -> String {
    let _ = p;
    match op {
        Op::Const(t, b) => format!("const {}", t.display(*b)),
        Op::Input(slot) => format!("slot {slot}"),
        Op::InputElem { first_slot, len, index } => format!("slots[{first_slot}..{}][{index}]", first_slot + len),
        Op::Var(v) => v.to_string(),
        Op::VarElem(v, i) => format!("{v}[{i}]"),
        Op::Unary(o, t, a) => format!("{}{t} {a}", o.symbol()),
        Op::Binary(o, t, a, b) => format!("{a} {}{t} {b}", o.symbol()),
        Op::Cast(from, to, a) => format!("{a} as {from}->{to}"),
        Op::Builtin(bi, t, args) => {
            format!("{}.{t}({})", bi.name(), args.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(", "))
        }
        Op::Float64 { op, word, args } => {
            format!("{}#{word}({})", op.name(), args.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(", "))
        }
    }
}

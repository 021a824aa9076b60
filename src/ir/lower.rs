//! Lowering: typed spec -> IR. Inlines functions (early returns, `break` and `continue` become flags; `while` a bounded `for` with a bound check), makes `&&`, `||`
//! and `select` lazy where the skipped side could fail, inserts bounds checks (elided where a
//! constant or loop range proves them), and folds constants with [`crate::sem`].

use std::collections::HashMap;

use super::*;
use crate::check::{self, Expr, ExprKind, Function, RecordId, Stmt, TypedSpec, Value};
use crate::diag::Span;
use crate::sem;

mod wide;

/// Lowers every property of a checked spec.
pub fn lower(spec: &TypedSpec) -> Program {
    // 64-bit values become pairs of 32-bit words first (`wide`).
    let (split, pairs) = wide::split(spec);
    let spec = &split;
    let mut inputs = Vec::new();
    let mut slots = Vec::new();
    for i in &spec.inputs {
        let first_slot = slots.len() as u32;
        slots.extend(input_slot_domains(i.ty, &i.domain));
        inputs.push(InputIr { name: i.name.clone(), ty: i.ty, domain: i.domain.clone(), first_slot, owner: i.owner.clone() });
    }
    let properties = spec.properties.iter().map(|p| lower_property(spec, pairs, &inputs, p)).collect();
    let program = Program { inputs, slots, properties, externs: spec.externs.clone() };
    // A debug assertion: an invalid program is a bug of lowering, never of the spec.
    #[cfg(debug_assertions)]
    if let Err(e) = super::validate(&program) {
        panic!("lowering produced an invalid program (an internal error): {e}");
    }
    program
}

/// The domain of each slot of an input of type `ty` declared with `domain`: the domain for every
/// slot (an array's elements share it), except a 64-bit input's two words, the low one any `u32`
/// and the high one any `u32` (`u64`) or `i32` (`i64`), so that a whole 64-bit range is drawn, its
/// edge cases (0, 1, `u64::MAX`, `i64::MIN`, ...) are the words' edge cases combined, and shrinking
/// moves each word towards zero in its own order.
pub fn input_slot_domains(ty: Type, domain: &crate::r#gen::Domain) -> Vec<crate::r#gen::Domain> {
    use crate::r#gen::Domain;
    match ty {
        // A 64-bit input (each element of an array of them): two slots, low word first. With a range domain
        // the value is drawn as a whole (`WideLo`, `WideHi`); without, each word from its whole range.
        Type::Scalar(s) | Type::Array(s, _) if s.is_wide() => {
            let pair = match domain {
                Domain::WideLo { lo, hi, signed } => [domain.clone(), Domain::WideHi { lo: *lo, hi: *hi, signed: *signed }],
                Domain::WideSetLo { values, signed } => [domain.clone(), Domain::WideSetHi { values: values.clone(), signed: *signed }],
                Domain::F64Lo { lo, hi } => [domain.clone(), Domain::F64Hi { lo: *lo, hi: *hi }],
                _ => [Domain::whole(ScalarType::U32), Domain::whole(if s.is_signed() { ScalarType::I32 } else { ScalarType::U32 })],
            };
            let n = ty.slots() / 2;
            (0..n).flat_map(|_| pair.clone()).collect()
        }
        ty => vec![domain.clone(); ty.slots() as usize],
    }
}

/// What a local (or a part of a record) is bound to: a value, a variable, an array, or a record's
/// fields (a struct or tuple lives in one binding per field: it has no IR value of its own).
#[derive(Clone, Debug)]
enum Binding {
    Val(Val),
    Var(VarId),
    Array(ArrayRef),
    Record(Vec<Binding>),
    /// An array of records, field by field: one array per scalar field (`Binding::Array`), one
    /// `RecArray` per record field, each of `len` elements.
    RecArray {
        len: u32,
        fields: Vec<Binding>,
    },
}

struct Frame<'f> {
    locals: &'f [check::Local],
    bindings: Vec<Option<Binding>>,
    ret: Option<RetTarget>,
    /// The enclosing loops of this body, innermost last: where `break` and `continue` go.
    loops: Vec<LoopFlags>,
}

/// A loop's jump flags: `brk` is set by `break` (and by a `while` whose condition failed), `cont`
/// by `continue` (reset at the start of every trip). Statements after a jump run only while the
/// flags they could have set are clear.
#[derive(Clone, Copy)]
struct LoopFlags {
    brk: Option<VarId>,
    cont: Option<VarId>,
}

#[derive(Clone)]
struct RetTarget {
    /// Where `return` stores the result: variables only (a place).
    place: Binding,
    flag: Option<VarId>,
}

struct Lowerer<'a> {
    spec: &'a TypedSpec,
    inputs: &'a [InputIr],
    vars: Arena<VarId, VarDecl>,
    vals: Arena<Val, ScalarType>,
    consts: HashMap<Val, u32>,
    const_cache: HashMap<(ScalarType, u32), Val>,
    ranges: HashMap<Val, (i64, i64)>,
    prologue: Vec<Inst>,
    out: Vec<Vec<Inst>>,
    bounds_sites: Vec<Site>,
    loop_sites: Vec<Site>,
    extern_sites: Vec<ExternSite>,
    site_index: HashMap<(Span, u32), u32>,
    loop_site_index: HashMap<Span, u32>,
    /// Constant arrays already written (in the prologue), by value.
    const_arrays: HashMap<(ScalarType, Vec<u32>), VarId>,
    /// 64-bit array inputs already copied into word arrays (in the prologue), by input.
    wide_inputs: HashMap<u32, Binding>,
    /// The records standing for `u64` and `i64` (`wide`).
    pairs: wide::Pairs,
}

fn lower_property(spec: &TypedSpec, pairs: wide::Pairs, inputs: &[InputIr], p: &check::Property) -> PropertyIr {
    let mut l = Lowerer {
        spec,
        inputs,
        vars: Arena::new(),
        vals: Arena::new(),
        consts: HashMap::new(),
        const_cache: HashMap::new(),
        ranges: HashMap::new(),
        prologue: Vec::new(),
        out: vec![Vec::new()],
        bounds_sites: Vec::new(),
        loop_sites: Vec::new(),
        extern_sites: Vec::new(),
        site_index: HashMap::new(),
        loop_site_index: HashMap::new(),
        const_arrays: HashMap::new(),
        wide_inputs: HashMap::new(),
        pairs,
    };
    let mut frame = Frame { locals: &p.locals, bindings: vec![None; p.locals.len()], ret: None, loops: Vec::new() };
    l.block(&p.body, &mut frame);
    let mut body = std::mem::take(&mut l.prologue);
    body.extend(l.out.pop().unwrap_or_default());
    eliminate_dead_code(&mut body);
    PropertyIr {
        name: p.name.clone(),
        asserts: p.asserts.clone(),
        assumes: p.assumes.clone(),
        covers: p.covers.clone(),
        bounds_sites: l.bounds_sites,
        loop_sites: l.loop_sites,
        extern_sites: l.extern_sites,
        vars: l.vars,
        vals: l.vals,
        body,
    }
}

/// Removes what cannot affect a verdict: writes to variables that are never read, values that are
/// never used (every op is pure), and control flow left empty. Bounds checks, asserts, assumes and
/// covers are kept, with everything they depend on. Repeats until nothing changes.
fn eliminate_dead_code(body: &mut Vec<Inst>) {
    use std::collections::{HashMap, HashSet};
    /// Everything the walk needs: value definitions, roots, and which values flow into which variables.
    #[derive(Default)]
    struct Facts {
        defs: HashMap<Val, Op>,
        roots: Vec<Val>,
        /// Values written into each variable (Set value, SetElem index and value).
        writes: HashMap<VarId, Vec<Val>>,
        /// Array copies: destination variable <- source variable.
        copies: Vec<(VarId, VarId)>,
    }
    fn scan(insts: &[Inst], f: &mut Facts) {
        for i in insts {
            match i {
                Inst::Let(v, op) => {
                    f.defs.insert(*v, op.clone());
                }
                Inst::Set(var, v) => f.writes.entry(*var).or_default().push(*v),
                Inst::SetElem(var, a, b) => f.writes.entry(*var).or_default().extend([*a, *b]),
                Inst::CopyArray { dst, src } => {
                    if let ArrayRef::Var(s) = src {
                        f.copies.push((*dst, *s));
                    }
                }
                Inst::If { cond, then, els } => {
                    f.roots.push(*cond);
                    scan(then, f);
                    scan(els, f);
                }
                Inst::For { body, .. } => scan(body, f),
                Inst::BoundsCheck { index, .. } => f.roots.push(*index),
                Inst::Assert { cond, .. } | Inst::Assume { cond, .. } | Inst::Cover { cond, .. } | Inst::LoopBound { cond, .. } => {
                    f.roots.push(*cond)
                }
                // A call is kept even when its result is unused: the implementation may crash.
                Inst::Extern { args, .. } => f.roots.extend(args.iter().copied()),
            }
        }
    }
    /// Values and variables that can influence a verdict, from the roots backwards.
    fn live(f: &Facts) -> (HashSet<Val>, HashSet<VarId>) {
        let mut vals: HashSet<Val> = HashSet::new();
        let mut vars: HashSet<VarId> = HashSet::new();
        let mut work: Vec<Val> = f.roots.clone();
        let mut var_work: Vec<VarId> = Vec::new();
        loop {
            while let Some(v) = work.pop() {
                if !vals.insert(v) {
                    continue;
                }
                if let Some(op) = f.defs.get(&v) {
                    work.extend(op.operands());
                    if let Op::Var(x) | Op::VarElem(x, _) = op
                        && vars.insert(*x)
                    {
                        var_work.push(*x);
                    }
                }
            }
            let Some(x) = var_work.pop() else { break };
            work.extend(f.writes.get(&x).into_iter().flatten().copied());
            for (dst, src) in &f.copies {
                if *dst == x && vars.insert(*src) {
                    var_work.push(*src);
                }
            }
        }
        (vals, vars)
    }
    fn sweep(insts: &mut Vec<Inst>, vals: &HashSet<Val>, vars: &HashSet<VarId>) -> bool {
        let before = insts.len();
        let mut changed = false;
        insts.retain_mut(|i| match i {
            Inst::Let(v, _) => vals.contains(v),
            Inst::Set(var, _) | Inst::SetElem(var, _, _) | Inst::CopyArray { dst: var, .. } => vars.contains(var),
            Inst::If { then, els, .. } => {
                changed |= sweep(then, vals, vars);
                changed |= sweep(els, vals, vars);
                !(then.is_empty() && els.is_empty())
            }
            Inst::For { body, .. } => {
                changed |= sweep(body, vals, vars);
                !body.is_empty()
            }
            _ => true,
        });
        changed || insts.len() != before
    }
    loop {
        let mut facts = Facts::default();
        scan(body, &mut facts);
        let (vals, vars) = live(&facts);
        if !sweep(body, &vals, &vars) {
            break;
        }
    }
}

fn contains_return(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| match s {
        Stmt::Return(_) => true,
        Stmt::If { then, els, .. } => contains_return(then) || contains_return(els),
        Stmt::For { body, .. } | Stmt::While { body, .. } => contains_return(body),
        _ => false,
    })
}

/// Whether `stmts` contain a `break` (`brk`) or a `continue` (`!brk`) of the loop they are in
/// (not one of a loop nested in them).
fn contains_jump(stmts: &[Stmt], brk: bool) -> bool {
    stmts.iter().any(|s| match s {
        Stmt::Break => brk,
        Stmt::Continue => !brk,
        Stmt::If { then, els, .. } => contains_jump(then, brk) || contains_jump(els, brk),
        _ => false,
    })
}

/// The flags a statement could set that the statements after it must respect: the function's
/// `returned` flag, and the innermost loop's `break` and `continue` flags.
fn jump_flags(s: &[Stmt], f: &Frame) -> Vec<VarId> {
    let mut flags = Vec::new();
    if let Some(flag) = f.ret.as_ref().and_then(|r| r.flag)
        && contains_return(s)
    {
        flags.push(flag);
    }
    if let Some(l) = f.loops.last() {
        flags.extend(l.brk.filter(|_| contains_jump(s, true)));
        flags.extend(l.cont.filter(|_| contains_jump(s, false)));
    }
    flags
}

/// Whether evaluating `e` could fail (an index that might be out of bounds, or a call that might).
fn may_fail(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Index(..) | ExprKind::Call(..) | ExprKind::ExternCall(..) => true,
        ExprKind::Const(_) | ExprKind::Input(_) | ExprKind::Local(_) => false,
        ExprKind::Unary(_, x) | ExprKind::Cast(x, _) | ExprKind::Field(x, _) => may_fail(x),
        ExprKind::Binary(_, a, b) => may_fail(a) || may_fail(b),
        ExprKind::Builtin(_, args) | ExprKind::Array(args) | ExprKind::Record(args) => args.iter().any(may_fail),
    }
}

impl<'a> Lowerer<'a> {
    fn emit(&mut self, i: Inst) {
        self.out.last_mut().expect("an open block").push(i);
    }
    /// A new value; a narrow integer's value is its carrier's (the IR has 32-bit types only).
    fn new_val(&mut self, ty: ScalarType) -> Val {
        self.vals.push(ty.carrier())
    }
    fn new_var(&mut self, name: &str, ty: Type) -> VarId {
        self.vars.push(VarDecl { name: name.to_string(), ty: ty.carrier() })
    }
    fn constant(&mut self, ty: ScalarType, bits: u32) -> Val {
        let ty = ty.carrier();
        if let Some(v) = self.const_cache.get(&(ty, bits)) {
            return *v;
        }
        let v = self.new_val(ty);
        self.prologue.push(Inst::Let(v, Op::Const(ty, bits)));
        self.consts.insert(v, bits);
        self.const_cache.insert((ty, bits), v);
        v
    }
    fn const_of(&self, v: Val) -> Option<u32> {
        self.consts.get(&v).copied()
    }

    /// Emits `let v = op`, folding it when every operand is constant; an operation on a narrow
    /// integer type becomes its carrier's operations ([`Lowerer::narrow_op`]).
    fn op(&mut self, ty: ScalarType, op: Op) -> Val {
        if let Some(bits) = self.fold(&op) {
            return self.constant(ty, bits);
        }
        let narrow = match &op {
            Op::Unary(_, t, _) | Op::Binary(_, t, _, _) | Op::Builtin(_, t, _) => t.is_narrow(),
            Op::Cast(from, to, _) => from.is_narrow() || to.is_narrow(),
            _ => false,
        };
        if narrow {
            return self.narrow_op(ty, op);
        }
        let v = self.new_val(ty);
        self.emit(Inst::Let(v, op));
        v
    }

    /// `v` wrapped to the narrow type `t`: `v & MASK` (unsigned), `(v << k) >> k` (signed).
    fn normalize(&mut self, t: ScalarType, v: Val) -> Val {
        let c = t.carrier();
        if t.is_signed() {
            let k = self.constant(ScalarType::U32, 32 - t.width());
            let up = self.op(c, Op::Binary(BinOp::Shl, c, v, k));
            self.op(c, Op::Binary(BinOp::Shr, c, up, k))
        } else {
            let mask = self.constant(c, (1u32 << t.width()) - 1);
            self.op(c, Op::Binary(BinOp::BitAnd, c, v, mask))
        }
    }

    /// An operation on a narrow integer type (`u8`, `u16`, `i8`, `i16`) in its 32-bit carrier, as
    /// `sem` defines it: the carrier's operation, then [`Lowerer::normalize`] where the result can
    /// leave the narrow range; shift amounts modulo the width; float casts saturate to the range.
    fn narrow_op(&mut self, ty: ScalarType, op: Op) -> Val {
        use sem::Builtin as B;
        match op {
            Op::Unary(o, t, a) => {
                let r = self.op(t.carrier(), Op::Unary(o, t.carrier(), a));
                if o == UnOp::Not { r } else { self.normalize(t, r) }
            }
            Op::Binary(o, t, a, b) => {
                let c = t.carrier();
                match o {
                    _ if o.is_comparison() || matches!(o, BinOp::And | BinOp::Or) => self.op(ty, Op::Binary(o, c, a, b)),
                    BinOp::Shl | BinOp::Shr => {
                        let at = self.vals[b];
                        let m = self.constant(at, t.width() - 1);
                        let amount = self.op(at, Op::Binary(BinOp::BitAnd, at, b, m));
                        let r = self.op(c, Op::Binary(o, c, a, amount));
                        if o == BinOp::Shl { self.normalize(t, r) } else { r }
                    }
                    // These stay in range: bitwise ops of extended values, remainders, unsigned quotients.
                    BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::Rem => self.op(c, Op::Binary(o, c, a, b)),
                    BinOp::Div if !t.is_signed() => self.op(c, Op::Binary(o, c, a, b)),
                    _ => {
                        let r = self.op(c, Op::Binary(o, c, a, b));
                        self.normalize(t, r)
                    }
                }
            }
            Op::Cast(from, to, a) => {
                let (fc, tc) = (from.carrier(), to.carrier());
                let c = if fc == tc { a } else { self.op(tc, Op::Cast(fc, tc, a)) };
                if !to.is_narrow() {
                    return c;
                }
                if from == ScalarType::F32 {
                    // The carrier cast saturated to the carrier's range; saturate to the narrow one.
                    let (lo, hi) = to.int_range();
                    let hi = self.constant(tc, hi as u32);
                    if to.is_signed() {
                        let lo = self.constant(tc, lo as i32 as u32);
                        self.op(tc, Op::Builtin(B::Clamp, tc, vec![c, lo, hi]))
                    } else {
                        self.op(tc, Op::Builtin(B::Min, tc, vec![c, hi]))
                    }
                } else {
                    self.normalize(to, c)
                }
            }
            Op::Builtin(bi, t, args) => {
                let c = t.carrier();
                let w = t.width();
                let masked = |lw: &mut Self, v: Val| {
                    if t.is_signed() {
                        let m = lw.constant(c, (1u32 << w) - 1);
                        lw.op(c, Op::Binary(BinOp::BitAnd, c, v, m))
                    } else {
                        v
                    }
                };
                match bi {
                    B::Min | B::Max | B::Clamp | B::Select => self.op(ty, Op::Builtin(bi, c, args)),
                    B::CountOnes => {
                        let x = masked(self, args[0]);
                        self.op(ScalarType::U32, Op::Builtin(bi, c, vec![x]))
                    }
                    B::LeadingZeros => {
                        let x = masked(self, args[0]);
                        let lz = self.op(ScalarType::U32, Op::Builtin(bi, c, vec![x]));
                        let k = self.constant(ScalarType::U32, 32 - w);
                        self.op(ScalarType::U32, Op::Binary(BinOp::Sub, ScalarType::U32, lz, k))
                    }
                    B::TrailingZeros => {
                        let x = masked(self, args[0]);
                        let tz = self.op(ScalarType::U32, Op::Builtin(bi, c, vec![x]));
                        let k = self.constant(ScalarType::U32, w);
                        self.op(ScalarType::U32, Op::Builtin(B::Min, ScalarType::U32, vec![tz, k]))
                    }
                    B::AddOverflows | B::SubOverflows | B::MulOverflows => {
                        // The carrier result is exact; it overflowed when wrapping changes it.
                        let o = match bi {
                            B::AddOverflows => BinOp::Add,
                            B::SubOverflows => BinOp::Sub,
                            _ => BinOp::Mul,
                        };
                        let r = self.op(c, Op::Binary(o, c, args[0], args[1]));
                        let n = self.normalize(t, r);
                        self.op(ScalarType::Bool, Op::Binary(BinOp::Ne, c, n, r))
                    }
                    B::SaturatingAdd | B::SaturatingSub => {
                        // Exact in i32 (both operands are within 16 bits), clamped to the narrow range.
                        let i = ScalarType::I32;
                        let as_i = |lw: &mut Self, v: Val| if c == i { v } else { lw.op(i, Op::Cast(c, i, v)) };
                        let (x, y) = (as_i(self, args[0]), as_i(self, args[1]));
                        let o = if bi == B::SaturatingAdd { BinOp::Add } else { BinOp::Sub };
                        let r = self.op(i, Op::Binary(o, i, x, y));
                        let (lo, hi) = t.int_range();
                        let (lo, hi) = (self.constant(i, lo as i32 as u32), self.constant(i, hi as u32));
                        let s = self.op(i, Op::Builtin(B::Clamp, i, vec![r, lo, hi]));
                        if c == i { s } else { self.op(c, Op::Cast(i, c, s)) }
                    }
                    B::MulHi => {
                        let r = self.op(c, Op::Binary(BinOp::Mul, c, args[0], args[1]));
                        let k = self.constant(ScalarType::U32, w);
                        self.op(c, Op::Binary(BinOp::Shr, c, r, k))
                    }
                    // `abs` and anything else: the carrier's, wrapped (`abs(i8::MIN) == i8::MIN`).
                    _ => {
                        let r = self.op(c, Op::Builtin(bi, c, args));
                        self.normalize(t, r)
                    }
                }
            }
            other => unreachable!("only operators, casts and builtins have narrow operands: {other:?}"),
        }
    }

    fn fold(&self, op: &Op) -> Option<u32> {
        match op {
            Op::Const(_, b) => Some(*b),
            Op::Unary(o, t, a) => Some(sem::unary(*o, *t, self.const_of(*a)?)),
            Op::Binary(o, t, a, b) => Some(sem::binary(*o, *t, self.const_of(*a)?, self.const_of(*b)?)),
            Op::Cast(from, to, a) => Some(sem::cast(*from, *to, self.const_of(*a)?)),
            Op::Builtin(bi, t, args) => {
                let bits: Option<Vec<u32>> = args.iter().map(|a| self.const_of(*a)).collect();
                Some(sem::builtin(*bi, *t, &bits?))
            }
            Op::Float64 { op, word, args } => {
                let bits: Option<Vec<u32>> = args.iter().map(|a| self.const_of(*a)).collect();
                Some((op.eval(&bits?) >> (32 * u32::from(*word))) as u32)
            }
            _ => None,
        }
    }

    fn nested(&mut self, f: impl FnOnce(&mut Self)) -> Vec<Inst> {
        self.out.push(Vec::new());
        f(self);
        self.out.pop().unwrap_or_default()
    }

    /// A site at `span` with `message`, its text and location read from the sources.
    fn site_at(&self, span: Span, message: String) -> Site {
        let sources = &self.spec.sources;
        Site { message: Some(message), text: sources.snippet(span).to_string(), span, location: sources.location(span) }
    }

    fn bounds_site(&mut self, span: Span, len: u32) -> u32 {
        if let Some(&s) = self.site_index.get(&(span, len)) {
            return s;
        }
        let site = self.site_at(span, format!("index out of bounds (length {len})"));
        self.bounds_sites.push(site);
        let id = self.bounds_sites.len() as u32 - 1;
        self.site_index.insert((span, len), id);
        id
    }

    fn loop_site(&mut self, span: Span, bound: u32) -> u32 {
        if let Some(&s) = self.loop_site_index.get(&span) {
            return s;
        }
        let site = self.site_at(span, format!("at most {bound} iterations"));
        self.loop_sites.push(site);
        let id = self.loop_sites.len() as u32 - 1;
        self.loop_site_index.insert(span, id);
        id
    }

    // ---------------------------------------------------------------- statements

    fn block(&mut self, stmts: &[Stmt], f: &mut Frame) {
        for (i, s) in stmts.iter().enumerate() {
            self.stmt(s, f);
            // After a statement that may have returned, broken or continued, run the rest only if it did not.
            let rest = &stmts[i + 1..];
            if rest.is_empty() {
                return;
            }
            let flags = jump_flags(std::slice::from_ref(s), f);
            if !flags.is_empty() {
                let go = self.none_set(&flags);
                let then = self.nested(|l| l.block(rest, f));
                self.emit(Inst::If { cond: go, then, els: vec![] });
                return;
            }
        }
    }

    /// `!(a || b || ...)` over boolean flag variables.
    fn none_set(&mut self, flags: &[VarId]) -> Val {
        let mut any: Option<Val> = None;
        for flag in flags {
            let r = self.op(ScalarType::Bool, Op::Var(*flag));
            any = Some(match any {
                None => r,
                Some(a) => self.op(ScalarType::Bool, Op::Binary(BinOp::Or, ScalarType::Bool, a, r)),
            });
        }
        let any = any.unwrap_or_else(|| self.constant(ScalarType::Bool, 0));
        self.op(ScalarType::Bool, Op::Unary(UnOp::Not, ScalarType::Bool, any))
    }

    /// A boolean flag variable, cleared here.
    fn flag(&mut self, name: &str) -> VarId {
        let v = self.new_var(name, Type::BOOL);
        let fls = self.constant(ScalarType::Bool, 0);
        self.emit(Inst::Set(v, fls));
        v
    }

    fn stmt(&mut self, s: &Stmt, f: &mut Frame) {
        match s {
            Stmt::Let { local, value } => {
                let l = &f.locals[local.0 as usize];
                let b = match l.ty {
                    Type::Scalar(t) => {
                        let v = self.expr(value, f);
                        if l.mutable {
                            let var = self.new_var(&l.name, Type::Scalar(t));
                            self.emit(Inst::Set(var, v));
                            Binding::Var(var)
                        } else {
                            Binding::Val(v)
                        }
                    }
                    Type::Record(_) | Type::RecordArray(..) => {
                        let v = self.bind_value(value, f);
                        if l.mutable {
                            let place = self.place(&l.name, l.ty);
                            self.store_binding(&place, &v, l.ty);
                            place
                        } else {
                            // A call's result (or a literal array of records, a constant) has no other name that a
                            // later write could change: its arrays need no copy.
                            let fresh = matches!(value.kind, ExprKind::Call(..) | ExprKind::Array(_) | ExprKind::Const(_));
                            self.freeze(&v, l.ty, &l.name, fresh)
                        }
                    }
                    Type::Array(..) => {
                        let src = self.array(value, f);
                        if !l.mutable && matches!(src, ArrayRef::Input { .. }) {
                            Binding::Array(src)
                        } else if let (false, ArrayRef::Var(v)) = (l.mutable, src) {
                            // A fresh array value (a literal or a call result) needs no copy.
                            if matches!(value.kind, ExprKind::Array(_) | ExprKind::Call(..)) {
                                Binding::Array(ArrayRef::Var(v))
                            } else {
                                let var = self.new_var(&l.name, l.ty);
                                self.emit(Inst::CopyArray { dst: var, src });
                                Binding::Array(ArrayRef::Var(var))
                            }
                        } else {
                            let var = self.new_var(&l.name, l.ty);
                            self.emit(Inst::CopyArray { dst: var, src });
                            Binding::Array(ArrayRef::Var(var))
                        }
                    }
                };
                f.bindings[local.0 as usize] = Some(b);
            }
            Stmt::Assign { local, fields, index, after, value } => {
                let mut b = f.bindings[local.0 as usize].clone().expect("assigned locals are bound");
                for &k in fields {
                    b = match b {
                        Binding::Record(mut children) => children.swap_remove(k as usize),
                        _ => unreachable!("the checker only follows fields of records"),
                    };
                }
                if let (Some(ix), Binding::RecArray { len, .. }) = (index, &b) {
                    // `pts[i].f.g = v`: the element's part at `after`, in every field array it spans.
                    let i = self.checked_index(ix, *len, f);
                    let mut target = b.clone();
                    for &k in after {
                        target = match target {
                            Binding::RecArray { mut fields, .. } => fields.swap_remove(k as usize),
                            _ => unreachable!("the checker only follows fields of records"),
                        };
                    }
                    match target {
                        Binding::Array(ArrayRef::Var(var)) => {
                            let v = self.expr(value, f);
                            self.emit(Inst::SetElem(var, i, v));
                        }
                        rec @ Binding::RecArray { .. } => {
                            let src = self.bind_value(value, f);
                            let Type::Record(r) = value.ty else { unreachable!("an element of an array of records is a record") };
                            self.store_elem(&rec, i, &src, r);
                        }
                        _ => unreachable!("the checker only lets mutable variables be assigned"),
                    }
                    return;
                }
                match (index, b) {
                    (Some(ix), Binding::Array(ArrayRef::Var(var))) => {
                        let len = self.vars[var].ty.slots();
                        let i = self.checked_index(ix, len, f);
                        let v = self.expr(value, f);
                        self.emit(Inst::SetElem(var, i, v));
                    }
                    (None, place) => self.store(&place, value, f),
                    _ => unreachable!("the checker only lets mutable variables be assigned"),
                }
            }
            Stmt::If { cond, then, els } => {
                let c = self.expr(cond, f);
                if let Some(bits) = self.const_of(c) {
                    // A constant condition: lower only the branch that runs.
                    let taken = if bits != 0 { then } else { els };
                    let body = self.nested(|l| l.block(taken, f));
                    // Keep the block structure (scoping of values) with an always-true condition.
                    let t = self.constant(ScalarType::Bool, 1);
                    if !body.is_empty() {
                        self.emit(Inst::If { cond: t, then: body, els: vec![] });
                    }
                    return;
                }
                let t = self.nested(|l| l.block(then, f));
                let e = self.nested(|l| l.block(els, f));
                self.emit(Inst::If { cond: c, then: t, els: e });
            }
            Stmt::For { local, start, end, body } => {
                let l = &f.locals[local.0 as usize];
                // A 64-bit counter counts trips in `i32` from 0 (the bounds are at most 2^20 apart) and
                // is read as `start` plus the trip.
                let wide = self.pairs.wide(l.ty);
                let base = *start;
                let (start, end) = match wide {
                    Some(_) => (0, end - start),
                    None => (*start, *end),
                };
                let counter = if wide.is_some() { Type::I32 } else { l.ty };
                let var = self.new_var(&l.name, counter);
                let ty = counter.elem();
                let ret = f.ret.as_ref().and_then(|r| r.flag).filter(|_| contains_return(body));
                let brk = contains_jump(body, true).then(|| self.flag("_break"));
                let cont = contains_jump(body, false).then(|| self.new_var("_continue", Type::BOOL));
                // A trip runs only while the loop has neither returned nor broken.
                let guard: Vec<VarId> = ret.into_iter().chain(brk).collect();
                f.loops.push(LoopFlags { brk, cont });
                let b = self.nested(|lw| {
                    let k = lw.op(ty, Op::Var(var));
                    lw.ranges.insert(k, (start, end));
                    f.bindings[local.0 as usize] = Some(match wide {
                        Some(_) => lw.wide_counter(k, base),
                        None => Binding::Val(k),
                    });
                    if guard.is_empty() {
                        lw.trip(body, cont, f);
                    } else {
                        let go = lw.none_set(&guard);
                        let inner = lw.nested(|lw2| lw2.trip(body, cont, f));
                        lw.emit(Inst::If { cond: go, then: inner, els: vec![] });
                    }
                });
                f.loops.pop();
                if start < end {
                    self.emit(Inst::For { var, start, end, body: b });
                }
            }
            Stmt::While { cond, bound, body, span } => {
                let ret = f.ret.as_ref().and_then(|r| r.flag).filter(|_| contains_return(body));
                // Set by `break` and when the condition fails: the loop is over for this vector.
                let brk = self.flag("_break");
                let cont = contains_jump(body, false).then(|| self.new_var("_continue", Type::BOOL));
                let guard: Vec<VarId> = ret.into_iter().chain([brk]).collect();
                let counter = self.new_var("_trip", Type::U32);
                f.loops.push(LoopFlags { brk: Some(brk), cont });
                let b = self.nested(|lw| {
                    let go = lw.none_set(&guard);
                    let inner = lw.nested(|lw2| match cond {
                        Some(c) => {
                            let holds = lw2.expr(c, f);
                            let then = lw2.nested(|lw3| lw3.trip(body, cont, f));
                            let t = lw2.constant(ScalarType::Bool, 1);
                            lw2.emit(Inst::If { cond: holds, then, els: vec![Inst::Set(brk, t)] });
                        }
                        None => lw2.trip(body, cont, f),
                    });
                    lw.emit(Inst::If { cond: go, then: inner, els: vec![] });
                });
                f.loops.pop();
                if *bound > 0 {
                    self.emit(Inst::For { var: counter, start: 0, end: *bound as i64, body: b });
                }
                // After `bound` trips a loop still running would run once more: that vector fails.
                let site = self.loop_site(*span, *bound);
                let go = self.none_set(&guard);
                let check = self.nested(|lw| {
                    let more = match cond {
                        Some(c) => lw.expr(c, f),
                        None => lw.constant(ScalarType::Bool, 1),
                    };
                    let done = lw.op(ScalarType::Bool, Op::Unary(UnOp::Not, ScalarType::Bool, more));
                    lw.emit(Inst::LoopBound { site, cond: done });
                });
                self.emit(Inst::If { cond: go, then: check, els: vec![] });
            }
            Stmt::Break | Stmt::Continue => {
                let l = *f.loops.last().expect("the checker allows jumps only in loops");
                let flag = if matches!(s, Stmt::Break) { l.brk } else { l.cont };
                let t = self.constant(ScalarType::Bool, 1);
                self.emit(Inst::Set(flag.expect("a loop with a jump has its flag"), t));
            }
            Stmt::Assert { id, cond } => {
                let c = self.expr(cond, f);
                self.emit(Inst::Assert { id: *id, cond: c });
            }
            Stmt::Assume { id, cond } => {
                let c = self.expr(cond, f);
                self.emit(Inst::Assume { id: *id, cond: c });
            }
            Stmt::Cover { id, cond } => {
                let c = self.expr(cond, f);
                self.emit(Inst::Cover { id: *id, cond: c });
            }
            Stmt::Return(e) => {
                let r = f.ret.clone().expect("return only in functions");
                self.store(&r.place, e, f);
                if let Some(flag) = r.flag {
                    let t = self.constant(ScalarType::Bool, 1);
                    self.emit(Inst::Set(flag, t));
                }
            }
        }
    }

    /// One trip of a loop body: clears the `continue` flag first.
    fn trip(&mut self, body: &[Stmt], cont: Option<VarId>, f: &mut Frame) {
        if let Some(c) = cont {
            let fls = self.constant(ScalarType::Bool, 0);
            self.emit(Inst::Set(c, fls));
        }
        self.block(body, f);
    }

    // ---------------------------------------------------------------- expressions

    /// An index value, bounds-checked against `len` unless a constant or loop range proves it.
    fn checked_index(&mut self, ix: &Expr, len: u32, f: &mut Frame) -> Val {
        let i = match self.wide_index(ix, f) {
            Some(i) => i,
            None => self.expr(ix, f),
        };
        let signed = ix.ty.elem().is_signed();
        let known = match (self.const_of(i), self.ranges.get(&i)) {
            (Some(b), _) => {
                let v = if signed { b as i32 as i64 } else { b as i64 };
                Some((v, v + 1))
            }
            (None, Some(r)) => Some(*r),
            _ => None,
        };
        let proven = known.is_some_and(|(lo, hi)| lo >= 0 && hi <= len as i64);
        if !proven {
            let site = self.bounds_site(ix.span, len);
            self.emit(Inst::BoundsCheck { index: i, len, site });
        }
        i
    }

    /// Lowers a scalar expression to a value.
    fn expr(&mut self, e: &Expr, f: &mut Frame) -> Val {
        if let Some(v) = self.wide_scalar(e, f) {
            return v;
        }
        let ty = e.ty.elem();
        match &e.kind {
            ExprKind::Const(Value::Scalar(t, b)) => self.constant(*t, *b as u32),
            ExprKind::Const(Value::Array(..)) | ExprKind::Array(_) => unreachable!("arrays are lowered by `array`"),
            ExprKind::Const(Value::Record(..) | Value::RecordArray(..)) => unreachable!("records are lowered by `bind_value`"),
            ExprKind::Input(i) => {
                let input = &self.inputs[i.0 as usize];
                self.op(ty, Op::Input(input.first_slot))
            }
            ExprKind::Local(l) => {
                let b = f.bindings[l.0 as usize].clone().expect("locals are bound before use");
                self.read(&b, ty)
            }
            ExprKind::Field(..) => {
                let b = self.bind_value(e, f);
                self.read(&b, ty)
            }
            ExprKind::Record(_) => unreachable!("records are lowered by `record`"),
            ExprKind::Unary(op, x) => {
                let a = self.expr(x, f);
                self.op(ty, Op::Unary(*op, x.ty.elem(), a))
            }
            ExprKind::Binary(op @ (BinOp::And | BinOp::Or), l, r) if may_fail(r) => {
                // Short-circuit: evaluate `r` only when it decides the result.
                let a = self.expr(l, f);
                if let Some(bits) = self.const_of(a) {
                    let decided = (*op == BinOp::And && bits == 0) || (*op == BinOp::Or && bits != 0);
                    return if decided { a } else { self.expr(r, f) };
                }
                let tmp = self.new_var("_sc", Type::BOOL);
                self.emit(Inst::Set(tmp, a));
                let then = self.nested(|lw| {
                    let b = lw.expr(r, f);
                    lw.emit(Inst::Set(tmp, b));
                });
                if *op == BinOp::And {
                    self.emit(Inst::If { cond: a, then, els: vec![] });
                } else {
                    self.emit(Inst::If { cond: a, then: vec![], els: then });
                }
                self.op(ScalarType::Bool, Op::Var(tmp))
            }
            ExprKind::Binary(op @ (BinOp::Eq | BinOp::Ne), l, r) if l.ty.scalar().is_none() => {
                // Whole arrays and records: `==` element by element and field by field, all of them.
                let (a, b) = (self.bind_value(l, f), self.bind_value(r, f));
                let mut all = self.constant(ScalarType::Bool, 1);
                self.equal_parts(&a, &b, l.ty, &mut all);
                if *op == BinOp::Ne { self.op(ScalarType::Bool, Op::Unary(UnOp::Not, ScalarType::Bool, all)) } else { all }
            }
            ExprKind::Binary(op, l, r) => {
                let a = self.expr(l, f);
                let b = self.expr(r, f);
                self.op(ty, Op::Binary(*op, l.ty.elem(), a, b))
            }
            ExprKind::Cast(x, to) => {
                let a = self.expr(x, f);
                self.op(ty, Op::Cast(x.ty.elem(), *to, a))
            }
            ExprKind::Builtin(sem::Builtin::Select, args) if args[1..].iter().any(may_fail) => {
                let c = self.expr(&args[0], f);
                let tmp = self.new_var("_sel", e.ty);
                let then = self.nested(|lw| {
                    let v = lw.expr(&args[1], f);
                    lw.emit(Inst::Set(tmp, v));
                });
                let els = self.nested(|lw| {
                    let v = lw.expr(&args[2], f);
                    lw.emit(Inst::Set(tmp, v));
                });
                self.emit(Inst::If { cond: c, then, els });
                self.op(ty, Op::Var(tmp))
            }
            ExprKind::Builtin(bi, args) => {
                let vals: Vec<Val> = args.iter().map(|a| self.expr(a, f)).collect();
                let arg_ty = if *bi == sem::Builtin::Select { args[1].ty.elem() } else { args[0].ty.elem() };
                self.op(ty, Op::Builtin(*bi, arg_ty, vals))
            }
            ExprKind::Index(base, ix) => {
                let arr = self.array(base, f);
                let len = match arr {
                    ArrayRef::Input { len, .. } => len,
                    ArrayRef::Var(v) => self.vars[v].ty.slots(),
                };
                let i = self.checked_index(ix, len, f);
                match arr {
                    ArrayRef::Input { first_slot, len } => match self.const_of(i) {
                        Some(c) if c < len => self.op(ty, Op::Input(first_slot + c)),
                        _ => self.op(ty, Op::InputElem { first_slot, len, index: i }),
                    },
                    ArrayRef::Var(v) => self.op(ty, Op::VarElem(v, i)),
                }
            }
            ExprKind::Call(fid, args) => {
                let ret = self.call(&self.spec.functions[fid.0 as usize], args, f);
                self.read(&ret, ty)
            }
            ExprKind::ExternCall(x, args) => self.extern_call(x.0, args, e.span, f)[0],
        }
    }

    /// Emits an [`Inst::Extern`]: the arguments flattened to scalars, one result value per scalar
    /// of the result.
    fn extern_call(&mut self, func: u32, args: &[Expr], span: Span, f: &mut Frame) -> Vec<Val> {
        let mut flat = Vec::new();
        for a in args {
            match a.ty {
                // A 64-bit argument is its two words, low first (an array's element by element).
                Type::Record(_) if self.pairs.wide(a.ty).is_some() => {
                    let b = self.bind_value(a, f);
                    flat.extend(self.words_of(&b));
                }
                Type::RecordArray(r, len) if self.pairs.wide(Type::Record(r)).is_some() => {
                    let b = self.bind_value(a, f);
                    for k in 0..len {
                        let i = self.constant(ScalarType::U32, k);
                        let elem = self.element_binding(&b, i, r);
                        flat.extend(self.words_of(&elem));
                    }
                }
                Type::Scalar(_) => flat.push(self.expr(a, f)),
                Type::Array(elem, len) => {
                    let arr = self.array(a, f);
                    for k in 0..len {
                        let v = self.element(arr, elem, k);
                        flat.push(v);
                    }
                }
                Type::Record(_) | Type::RecordArray(..) => unreachable!("the checker keeps records out of extern signatures"),
            }
        }
        let ret = self.spec.externs[func as usize].ret;
        let results: Vec<Val> = (0..ret.slots()).map(|_| self.new_val(ret.elem().word())).collect();
        let site = self.site_at(span, self.spec.externs[func as usize].name.clone());
        self.extern_sites.push(ExternSite { func, site });
        let site = self.extern_sites.len() as u32 - 1;
        self.emit(Inst::Extern { func, site, args: flat, results: results.clone() });
        results
    }

    /// Element `k` (in range) of an array.
    fn element(&mut self, arr: ArrayRef, elem: ScalarType, k: u32) -> Val {
        match arr {
            ArrayRef::Input { first_slot, .. } => self.op(elem, Op::Input(first_slot + k)),
            ArrayRef::Var(var) => {
                let i = self.constant(ScalarType::U32, k);
                self.op(elem, Op::VarElem(var, i))
            }
        }
    }

    /// Lowers an array-typed expression to where its elements live.
    fn array(&mut self, e: &Expr, f: &mut Frame) -> ArrayRef {
        match &e.kind {
            ExprKind::Input(i) => {
                let input = &self.inputs[i.0 as usize];
                ArrayRef::Input { first_slot: input.first_slot, len: input.ty.slots() }
            }
            ExprKind::Local(_) | ExprKind::Field(..) => match self.bind_value(e, f) {
                Binding::Array(a) => a,
                _ => unreachable!("scalar local used as an array"),
            },
            ExprKind::Const(Value::Array(t, bits)) => {
                // Written once, in the prologue, however often the property reads it (a lookup table
                // read in a loop or an inlined function): nothing writes an array it did not copy.
                let bits: Vec<u32> = bits.iter().map(|b| *b as u32).collect();
                if let Some(var) = self.const_arrays.get(&(*t, bits.clone())) {
                    return ArrayRef::Var(*var);
                }
                let var = self.new_var("_const", e.ty);
                for (k, b) in bits.iter().enumerate() {
                    let i = self.constant(ScalarType::U32, k as u32);
                    let v = self.constant(*t, *b);
                    self.prologue.push(Inst::SetElem(var, i, v));
                }
                self.const_arrays.insert((*t, bits.clone()), var);
                ArrayRef::Var(var)
            }
            ExprKind::Array(elems) => {
                let vals: Vec<Val> = elems.iter().map(|x| self.expr(x, f)).collect();
                let var = self.new_var("_array", e.ty);
                for (k, v) in vals.into_iter().enumerate() {
                    let i = self.constant(ScalarType::U32, k as u32);
                    self.emit(Inst::SetElem(var, i, v));
                }
                ArrayRef::Var(var)
            }
            ExprKind::Call(fid, args) => match self.call(&self.spec.functions[fid.0 as usize], args, f) {
                Binding::Array(a) => a,
                _ => unreachable!("a function returning an array returns into an array variable"),
            },
            ExprKind::ExternCall(x, args) => {
                let results = self.extern_call(x.0, args, e.span, f);
                let var = self.new_var("_extern", e.ty);
                for (k, v) in results.into_iter().enumerate() {
                    let i = self.constant(ScalarType::U32, k as u32);
                    self.emit(Inst::SetElem(var, i, v));
                }
                ArrayRef::Var(var)
            }
            ExprKind::Builtin(sem::Builtin::Select, args) => {
                let c = self.expr(&args[0], f);
                let var = self.new_var("_sel", e.ty);
                let then = self.nested(|lw| {
                    let src = lw.array(&args[1], f);
                    lw.emit(Inst::CopyArray { dst: var, src });
                });
                let els = self.nested(|lw| {
                    let src = lw.array(&args[2], f);
                    lw.emit(Inst::CopyArray { dst: var, src });
                });
                self.emit(Inst::If { cond: c, then, els });
                ArrayRef::Var(var)
            }
            _ => unreachable!("no other expression has an array type"),
        }
    }

    /// Inlines a call; the result is in the returned place (variables only).
    fn call(&mut self, func: &'a Function, args: &[Expr], caller: &mut Frame) -> Binding {
        let mut bindings = vec![None; func.locals.len()];
        for (p, a) in func.params.iter().zip(args) {
            // Scalars are read once, at the call (not at every use in the callee).
            let b = self.bind_value(a, caller);
            bindings[p.0 as usize] = Some(self.settle(&b, a.ty));
        }
        let place = self.place(&format!("{}_ret", func.name), func.ret);
        let needs_flag = match func.body.split_last() {
            Some((Stmt::Return(_), rest)) => contains_return(rest),
            _ => true,
        };
        let flag = needs_flag.then(|| {
            let flag = self.new_var(&format!("{}_returned", func.name), Type::BOOL);
            let fls = self.constant(ScalarType::Bool, 0);
            self.emit(Inst::Set(flag, fls));
            flag
        });
        let mut frame = Frame { locals: &func.locals, bindings, ret: Some(RetTarget { place: place.clone(), flag }), loops: Vec::new() };
        self.block(&func.body, &mut frame);
        place
    }

    // ---------------------------------------------------------------- records

    /// An expression of any type, as a binding that reads it (records field by field).
    fn bind_value(&mut self, e: &Expr, f: &mut Frame) -> Binding {
        match &e.kind {
            ExprKind::Local(l) => return f.bindings[l.0 as usize].clone().expect("locals are bound before use"),
            ExprKind::Index(base, ix) if matches!(base.ty, Type::RecordArray(..)) => {
                let b = self.bind_value(base, f);
                let Binding::RecArray { len, .. } = b else { unreachable!("an array of records binds to a RecArray") };
                let i = self.checked_index(ix, len, f);
                let Type::Record(r) = e.ty else { unreachable!("an element of an array of records is a record") };
                return self.element_binding(&b, i, r);
            }
            ExprKind::Field(x, k) => {
                return match self.bind_value(x, f) {
                    Binding::Record(mut children) => children.swap_remove(*k as usize),
                    _ => unreachable!("the checker only takes fields of records"),
                };
            }
            _ => {}
        }
        if let Some(b) = self.wide_binding(e, f) {
            return b;
        }
        match (&e.kind, e.ty) {
            (_, Type::Scalar(_)) => Binding::Val(self.expr(e, f)),
            // A 64-bit input: its two slots, low word first.
            (ExprKind::Input(i), Type::Record(_)) if self.pairs.wide(e.ty).is_some() => {
                let first = self.inputs[i.0 as usize].first_slot;
                let lo = self.op(ScalarType::U32, Op::Input(first));
                let hi = self.op(ScalarType::U32, Op::Input(first + 1));
                Binding::Record(vec![Binding::Val(lo), Binding::Val(hi)])
            }
            // A 64-bit array input: its element-major slots (low, high, low, ...) copied once, in
            // the prologue, into a word array per half, so it is indexed like any array of pairs.
            (ExprKind::Input(i), Type::RecordArray(r, len)) if self.pairs.wide(Type::Record(r)).is_some() => {
                if let Some(b) = self.wide_inputs.get(&i.0) {
                    return b.clone();
                }
                let first = self.inputs[i.0 as usize].first_slot;
                let b = self.place(&format!("_{}", self.inputs[i.0 as usize].name), e.ty);
                let Binding::RecArray { fields, .. } = &b else { unreachable!("an array of pairs binds to a RecArray") };
                let halves: Vec<VarId> = fields
                    .iter()
                    .map(|h| match h {
                        Binding::Array(ArrayRef::Var(v)) => *v,
                        _ => unreachable!("a fresh array of pairs is two word arrays"),
                    })
                    .collect();
                for k in 0..len {
                    let at = self.constant(ScalarType::U32, k);
                    for (w, var) in halves.iter().enumerate() {
                        let v = self.new_val(ScalarType::U32);
                        self.prologue.push(Inst::Let(v, Op::Input(first + 2 * k + w as u32)));
                        self.prologue.push(Inst::SetElem(*var, at, v));
                    }
                }
                self.wide_inputs.insert(i.0, b.clone());
                b
            }
            (_, Type::Array(..)) => Binding::Array(self.array(e, f)),
            (ExprKind::Const(v), _) => self.const_binding(v),
            (ExprKind::Call(fid, args), _) => self.call(&self.spec.functions[fid.0 as usize], args, f),
            // A 64-bit result: its words, low first (an array's element by element).
            (ExprKind::ExternCall(x, args), Type::Record(_)) => {
                let words = self.extern_call(x.0, args, e.span, f);
                Binding::Record(words.into_iter().map(Binding::Val).collect())
            }
            (ExprKind::ExternCall(x, args), Type::RecordArray(r, _)) => {
                let words = self.extern_call(x.0, args, e.span, f);
                let tmp = self.place("_extern", e.ty);
                for (k, pair) in words.chunks(2).enumerate() {
                    let i = self.constant(ScalarType::U32, k as u32);
                    let src = Binding::Record(pair.iter().map(|w| Binding::Val(*w)).collect());
                    self.store_elem(&tmp, i, &src, r);
                }
                tmp
            }
            (ExprKind::Builtin(sem::Builtin::Select, args), _) => {
                let c = self.expr(&args[0], f);
                let tmp = self.place("_sel", e.ty);
                let then = self.nested(|lw| lw.store(&tmp, &args[1], f));
                let els = self.nested(|lw| lw.store(&tmp, &args[2], f));
                self.emit(Inst::If { cond: c, then, els });
                tmp
            }
            (ExprKind::Builtin(sem::Builtin::MulWide, args), _) => {
                // `(a * b, mul_hi(a, b))`, the low half as the unsigned type of the same width.
                let t = args[0].ty.elem();
                let (a, b) = (self.expr(&args[0], f), self.expr(&args[1], f));
                let low = self.op(t, Op::Binary(BinOp::Mul, t, a, b));
                let low = if t.unsigned() == t { low } else { self.op(t.unsigned(), Op::Cast(t, t.unsigned(), low)) };
                let high = self.op(t, Op::Builtin(sem::Builtin::MulHi, t, vec![a, b]));
                Binding::Record(vec![Binding::Val(low), Binding::Val(high)])
            }
            (ExprKind::Record(xs), Type::Record(_)) => Binding::Record(xs.iter().map(|x| self.bind_value(x, f)).collect()),
            // An input of an array-of-records type: its fields' arrays.
            (ExprKind::Record(xs), Type::RecordArray(_, n)) => {
                Binding::RecArray { len: n, fields: xs.iter().map(|x| self.bind_value(x, f)).collect() }
            }
            (ExprKind::Array(xs), Type::RecordArray(r, _)) => {
                let tmp = self.place("_records", e.ty);
                for (k, x) in xs.iter().enumerate() {
                    let src = self.bind_value(x, f);
                    let i = self.constant(ScalarType::U32, k as u32);
                    self.store_elem(&tmp, i, &src, r);
                }
                tmp
            }
            _ => unreachable!("no other expression has a record type"),
        }
    }

    /// Element `i` (in range) of an array of records, as a record of values read now.
    fn element_binding(&mut self, b: &Binding, i: Val, r: RecordId) -> Binding {
        let Binding::RecArray { fields, .. } = b else { unreachable!("an array of records binds to a RecArray") };
        let tys: Vec<Type> = self.spec.records.get(r).fields.iter().map(|(_, t)| *t).collect();
        let children = fields
            .iter()
            .zip(tys)
            .map(|(fb, t)| match (fb, t) {
                (Binding::Array(a), Type::Scalar(s)) => Binding::Val(self.elem_at(*a, s, i)),
                (rec @ Binding::RecArray { .. }, Type::Record(q)) => self.element_binding(rec, i, q),
                _ => unreachable!("arrays of records hold scalars and records of scalars"),
            })
            .collect();
        Binding::Record(children)
    }

    /// Element `i` (in range) of an array of scalars.
    fn elem_at(&mut self, arr: ArrayRef, s: ScalarType, i: Val) -> Val {
        match arr {
            ArrayRef::Input { first_slot, len } => match self.const_of(i) {
                Some(c) if c < len => self.op(s, Op::Input(first_slot + c)),
                _ => self.op(s, Op::InputElem { first_slot, len, index: i }),
            },
            ArrayRef::Var(v) => self.op(s, Op::VarElem(v, i)),
        }
    }

    /// Writes the record `src` into element `i` (in range) of the array of records `dst`.
    fn store_elem(&mut self, dst: &Binding, i: Val, src: &Binding, r: RecordId) {
        let (Binding::RecArray { fields, .. }, Binding::Record(values)) = (dst, src) else {
            unreachable!("a record into an array of records")
        };
        let tys: Vec<Type> = self.spec.records.get(r).fields.iter().map(|(_, t)| *t).collect();
        for ((d, v), t) in fields.iter().zip(values).zip(tys) {
            match (d, t) {
                (Binding::Array(ArrayRef::Var(var)), Type::Scalar(s)) => {
                    let x = self.read(v, s);
                    self.emit(Inst::SetElem(*var, i, x));
                }
                (rec @ Binding::RecArray { .. }, Type::Record(q)) => self.store_elem(rec, i, v, q),
                _ => unreachable!("arrays of records hold scalars and records of scalars"),
            }
        }
    }

    /// A constant value as a binding.
    fn const_binding(&mut self, v: &Value) -> Binding {
        match v {
            Value::Scalar(t, b) => Binding::Val(self.constant(*t, *b as u32)),
            Value::Array(..) => {
                let e = Expr { kind: ExprKind::Const(v.clone()), ty: v.ty(), span: Span::default() };
                let mut frame = Frame { locals: &[], bindings: Vec::new(), ret: None, loops: Vec::new() };
                Binding::Array(self.array(&e, &mut frame))
            }
            Value::Record(_, fields) => Binding::Record(fields.iter().map(|x| self.const_binding(x)).collect()),
            Value::RecordArray(r, elems) => {
                let tmp = self.place("_const", v.ty());
                for (k, x) in elems.iter().enumerate() {
                    let src = self.const_binding(x);
                    let i = self.constant(ScalarType::U32, k as u32);
                    self.store_elem(&tmp, i, &src, *r);
                }
                tmp
            }
        }
    }

    /// Fresh variables for a value of type `ty` (a place to store into).
    fn place(&mut self, name: &str, ty: Type) -> Binding {
        match ty {
            Type::Scalar(_) => Binding::Var(self.new_var(name, ty)),
            Type::Array(..) => Binding::Array(ArrayRef::Var(self.new_var(name, ty))),
            Type::Record(r) => {
                let fields = self.spec.records.get(r).fields.clone();
                Binding::Record(fields.iter().map(|(n, t)| self.place(&format!("{name}.{n}"), *t)).collect())
            }
            Type::RecordArray(r, len) => {
                let fields = self.spec.records.get(r).fields.clone();
                let fields = fields
                    .iter()
                    .map(|(n, t)| match t {
                        Type::Scalar(s) => self.place(&format!("{name}.{n}"), Type::Array(*s, len)),
                        Type::Record(q) => self.place(&format!("{name}.{n}"), Type::RecordArray(*q, len)),
                        _ => unreachable!("arrays of records hold scalars and records of scalars"),
                    })
                    .collect();
                Binding::RecArray { len, fields }
            }
        }
    }

    /// Stores the value of `e` into a place.
    fn store(&mut self, place: &Binding, e: &Expr, f: &mut Frame) {
        match (place, e.ty) {
            (Binding::Var(var), Type::Scalar(_)) => {
                let v = self.expr(e, f);
                self.emit(Inst::Set(*var, v));
            }
            (Binding::Array(ArrayRef::Var(var)), Type::Array(..)) => {
                let src = self.array(e, f);
                self.emit(Inst::CopyArray { dst: *var, src });
            }
            (_, ty) => {
                let v = self.bind_value(e, f);
                self.store_binding(place, &v, ty);
            }
        }
    }

    /// Copies a binding's values into a place.
    fn store_binding(&mut self, place: &Binding, src: &Binding, ty: Type) {
        match (place, src, ty) {
            (Binding::Var(var), _, Type::Scalar(t)) => {
                let v = self.read(src, t);
                self.emit(Inst::Set(*var, v));
            }
            (Binding::Array(ArrayRef::Var(var)), Binding::Array(a), _) => self.emit(Inst::CopyArray { dst: *var, src: *a }),
            (Binding::Record(dst), Binding::Record(src), Type::Record(r)) => {
                let tys: Vec<Type> = self.spec.records.get(r).fields.iter().map(|(_, t)| *t).collect();
                for ((d, s), t) in dst.iter().zip(src).zip(tys) {
                    self.store_binding(d, s, t);
                }
            }
            (Binding::RecArray { fields: dst, .. }, Binding::RecArray { fields: src, .. }, Type::RecordArray(r, n)) => {
                let tys: Vec<Type> = self.spec.records.get(r).fields.iter().map(|(_, t)| field_array(*t, n)).collect();
                for ((d, s), t) in dst.iter().zip(src).zip(tys) {
                    self.store_binding(d, s, t);
                }
            }
            _ => unreachable!("a place and a value of the same type"),
        }
    }

    /// A scalar binding's value, read now.
    fn read(&mut self, b: &Binding, ty: ScalarType) -> Val {
        match b {
            Binding::Val(v) => *v,
            Binding::Var(var) => self.op(ty, Op::Var(*var)),
            _ => unreachable!("arrays and records are read part by part"),
        }
    }

    /// A binding whose scalar variables are read now (arrays are left where they are).
    fn settle(&mut self, b: &Binding, ty: Type) -> Binding {
        match (b, ty) {
            (Binding::Var(_), Type::Scalar(t)) => Binding::Val(self.read(b, t)),
            (Binding::Record(children), Type::Record(r)) => {
                let tys: Vec<Type> = self.spec.records.get(r).fields.iter().map(|(_, t)| *t).collect();
                Binding::Record(children.iter().zip(tys).map(|(c, t)| self.settle(c, t)).collect())
            }
            (b, _) => b.clone(),
        }
    }

    /// An immutable copy of a binding as it is now: later writes to the variables it reads do not
    /// change it (`let q = p; p.x = 1;` leaves `q.x` alone).
    fn freeze(&mut self, b: &Binding, ty: Type, name: &str, fresh: bool) -> Binding {
        match (b, ty) {
            (Binding::Var(_), Type::Scalar(t)) => Binding::Val(self.read(b, t)),
            (Binding::Array(ArrayRef::Var(src)), _) if !fresh => {
                let var = self.new_var(name, ty);
                self.emit(Inst::CopyArray { dst: var, src: ArrayRef::Var(*src) });
                Binding::Array(ArrayRef::Var(var))
            }
            (Binding::Record(children), Type::Record(r)) => {
                let fields = self.spec.records.get(r).fields.clone();
                Binding::Record(children.iter().zip(fields).map(|(c, (n, t))| self.freeze(c, t, &format!("{name}.{n}"), fresh)).collect())
            }
            (Binding::RecArray { len, fields: children }, Type::RecordArray(r, n)) => {
                let fields = self.spec.records.get(r).fields.clone();
                let fields = children
                    .iter()
                    .zip(fields)
                    .map(|(c, (fname, t))| self.freeze(c, field_array(t, n), &format!("{name}.{fname}"), fresh))
                    .collect();
                Binding::RecArray { len: *len, fields }
            }
            (b, _) => b.clone(),
        }
    }

    /// ANDs `a == b`, part by part, into `all` (scalars with `==`, so a NaN part makes the values unequal).
    fn equal_parts(&mut self, a: &Binding, b: &Binding, ty: Type, all: &mut Val) {
        match ty {
            Type::Scalar(t) => {
                let (x, y) = (self.read(a, t), self.read(b, t));
                let eq = self.op(ScalarType::Bool, Op::Binary(BinOp::Eq, t, x, y));
                *all = self.op(ScalarType::Bool, Op::Binary(BinOp::And, ScalarType::Bool, *all, eq));
            }
            Type::Array(elem, len) => {
                let (Binding::Array(a), Binding::Array(b)) = (a, b) else { unreachable!("arrays bind to arrays") };
                for k in 0..len {
                    let (x, y) = (self.element(*a, elem, k), self.element(*b, elem, k));
                    let eq = self.op(ScalarType::Bool, Op::Binary(BinOp::Eq, elem, x, y));
                    *all = self.op(ScalarType::Bool, Op::Binary(BinOp::And, ScalarType::Bool, *all, eq));
                }
            }
            Type::RecordArray(r, n) => {
                for k in 0..n {
                    let i = self.constant(ScalarType::U32, k);
                    let (x, y) = (self.element_binding(a, i, r), self.element_binding(b, i, r));
                    self.equal_parts(&x, &y, Type::Record(r), all);
                }
            }
            Type::Record(_) if self.pairs.wide(ty) == Some(ScalarType::F64) => {
                // An `f64` compares as a float (NaN unequal, `-0.0 == 0.0`), not word by word.
                let (x, y) = (self.words_of(a), self.words_of(b));
                let op = sem::wide::F64Op::Binary(BinOp::Eq);
                let eq = self.op(ScalarType::Bool, Op::Float64 { op, word: 0, args: vec![x[0], x[1], y[0], y[1]] });
                *all = self.op(ScalarType::Bool, Op::Binary(BinOp::And, ScalarType::Bool, *all, eq));
            }
            Type::Record(r) => {
                let (Binding::Record(a), Binding::Record(b)) = (a, b) else { unreachable!("records bind to records") };
                let tys: Vec<Type> = self.spec.records.get(r).fields.iter().map(|(_, t)| *t).collect();
                for ((x, y), t) in a.iter().zip(b).zip(tys) {
                    self.equal_parts(x, y, t, all);
                }
            }
        }
    }
}

/// The type of the array holding field type `t` of an array of `n` records.
fn field_array(t: Type, n: u32) -> Type {
    match t {
        Type::Scalar(s) => Type::Array(s, n),
        Type::Record(q) => Type::RecordArray(q, n),
        _ => unreachable!("arrays of records hold scalars and records of scalars"),
    }
}

//! Interval analysis of typed bodies: the range of values every expression can take, given the input domains and
//! the `assume`s seen so far. The lint rules use it to decide conditions (always true / always false) and to
//! estimate the magnitudes an f32 comparison works at.
//!
//! The analysis over-approximates: an interval holds every value the expression can take on some vector (it may
//! hold more). A condition is only called "always true" when its interval is exactly `[1, 1]`. Values are carried as
//! `f64` (exact for every `u32`, `i32` and `f32`); f32 arithmetic is widened outward by an ulp, and a result that
//! may be NaN is [`None`].

use crate::check::{Expr, ExprKind, FnId, Local, LocalId, Stmt, TypedSpec, Value};
use crate::r#gen::Domain;
use crate::sem::{self, Builtin, ScalarType};
use crate::syntax::ast::{BinOp, UnOp};

/// The non-NaN values `lo ..= hi` (bounds may be infinite for f32).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Iv {
    pub lo: f64,
    pub hi: f64,
}

impl Iv {
    pub fn new(lo: f64, hi: f64) -> Iv {
        Iv { lo, hi }
    }
    pub fn point(v: f64) -> Iv {
        Iv { lo: v, hi: v }
    }
    pub fn is_point(self) -> bool {
        self.lo == self.hi
    }
    /// The largest magnitude in the interval.
    pub fn magnitude(self) -> f64 {
        self.lo.abs().max(self.hi.abs())
    }
    fn contains(self, v: f64) -> bool {
        self.lo <= v && v <= self.hi
    }
}

/// An abstract value: `None` when nothing is known (for f32: the value may be NaN). Integers and bools are never
/// `None` (their whole range is an interval); arrays are the join of their elements.
pub type AVal = Option<Iv>;

pub const TRUE: AVal = Some(Iv { lo: 1.0, hi: 1.0 });
pub const FALSE: AVal = Some(Iv { lo: 0.0, hi: 0.0 });
const BOOL_ANY: AVal = Some(Iv { lo: 0.0, hi: 1.0 });

/// Every value of a scalar type.
pub fn top(ty: ScalarType) -> AVal {
    match ty {
        ScalarType::Bool => BOOL_ANY,
        ScalarType::F32 | ScalarType::U64 | ScalarType::I64 => None,
        int => {
            let (lo, hi) = int.int_range();
            Some(Iv::new(lo as f64, hi as f64))
        }
    }
}

/// The smallest interval holding both.
pub fn join(a: AVal, b: AVal) -> AVal {
    match (a, b) {
        (Some(a), Some(b)) => Some(Iv::new(a.lo.min(b.lo), a.hi.max(b.hi))),
        _ => None,
    }
}

/// The value of a scalar bit pattern of type `ty`.
pub fn scalar_value(ty: ScalarType, bits: u64) -> AVal {
    let bits = match ty {
        // 64-bit values are not tracked (see `top`).
        ScalarType::U64 | ScalarType::I64 => return None,
        _ => bits as u32,
    };
    match ty {
        ScalarType::F32 => {
            let v = f32::from_bits(bits);
            if v.is_nan() { None } else { Some(Iv::point(v as f64)) }
        }
        t if t.is_signed() => Some(Iv::point(bits as i32 as f64)),
        _ => Some(Iv::point(bits as f64)),
    }
}

fn value_of(v: &Value) -> AVal {
    match v {
        Value::Scalar(s, b) => scalar_value(*s, *b),
        Value::Array(s, bits) => bits.iter().map(|b| scalar_value(*s, *b)).reduce(join).unwrap_or_else(|| top(*s)),
        // Fields of several types have no one abstract value: reads of them are unknown.
        Value::Record(..) | Value::RecordArray(..) => top(ScalarType::Bool),
    }
}

/// The bit pattern of a point value of type `ty`.
fn bits_of(ty: ScalarType, v: f64) -> u32 {
    match ty {
        ScalarType::F32 => (v as f32).to_bits(),
        t if t.is_signed() => v as i32 as u32,
        _ => v as u32,
    }
}

/// The next f32 above / below a finite f32 value (as f64).
pub fn f32_next_up(v: f64) -> f64 {
    (v as f32).next_up() as f64
}
pub fn f32_next_down(v: f64) -> f64 {
    (v as f32).next_down() as f64
}

/// Spacing of adjacent f32 values just below magnitude `m`: two distinct f32 values of magnitude up to `m`, in the
/// binade below it, differ by at least this much (at `m = 1.0`, 2^-24 = 5.96e-8).
pub fn f32_ulp(m: f64) -> f64 {
    let x = (m.abs() as f32).min(f32::MAX);
    let down = if (x as f64) > m.abs() { x.next_down() } else { x };
    if down <= f32::MIN_POSITIVE {
        return f32::from_bits(1) as f64;
    }
    down as f64 - down.next_down() as f64
}

/// The values an input's scalar slots can take.
pub fn domain_value(d: &Domain) -> AVal {
    match d {
        Domain::Bool => BOOL_ANY,
        Domain::U32Range { lo, hi } => Some(Iv::new(*lo as f64, *hi as f64)),
        Domain::I32Range { lo, hi } => Some(Iv::new(*lo as f64, *hi as f64)),
        Domain::F32Any
        | Domain::WideLo { .. }
        | Domain::WideHi { .. }
        | Domain::WideSetLo { .. }
        | Domain::WideSetHi { .. }
        | Domain::F64Lo { .. }
        | Domain::F64Hi { .. } => None,
        Domain::Unused => Some(Iv::new(0.0, 0.0)),
        Domain::F32Range { lo, hi, hi_inclusive } => {
            let top = if *hi_inclusive { *hi as f64 } else { f32_next_down(*hi as f64) };
            Some(Iv::new(*lo as f64, top))
        }
        Domain::Set { kind, values } => {
            let ty = match kind {
                crate::r#gen::ScalarKind::Bool => ScalarType::Bool,
                crate::r#gen::ScalarKind::U32 => ScalarType::U32,
                crate::r#gen::ScalarKind::I32 => ScalarType::I32,
                crate::r#gen::ScalarKind::F32 => ScalarType::F32,
            };
            values.iter().map(|b| scalar_value(ty, *b as u64)).reduce(join).unwrap_or_else(|| top(ty))
        }
    }
}

/// What is known at one point of a body: one value per input (arrays joined) and per local.
#[derive(Clone, Debug)]
pub struct Env {
    pub inputs: Vec<AVal>,
    pub locals: Vec<AVal>,
}

impl Env {
    fn join_with(&mut self, other: &Env) {
        for (a, b) in self.inputs.iter_mut().zip(&other.inputs) {
            *a = join(*a, *b);
        }
        for (a, b) in self.locals.iter_mut().zip(&other.locals) {
            *a = join(*a, *b);
        }
    }
}

/// What the walk reports: every `assert`, `assume` and `cover`, with what is known just before it.
pub trait Sink {
    fn site(&mut self, _stmt: &Stmt, _env: &Env, _an: &Analyzer) {}
}

/// The analyzer of one spec.
pub struct Analyzer<'a> {
    pub spec: &'a TypedSpec,
}

/// Calls are inlined up to this depth (the checker rejects recursion; this bounds the work).
const MAX_CALL_DEPTH: u32 = 12;

impl<'a> Analyzer<'a> {
    pub fn new(spec: &'a TypedSpec) -> Analyzer<'a> {
        Analyzer { spec }
    }

    /// The state at the start of a property: inputs from their domains, locals unknown.
    pub fn property_env(&self, locals: &[Local]) -> Env {
        Env {
            // A 64-bit input's domain is its words'; its values are not tracked.
            inputs: self.spec.inputs.iter().map(|i| if i.ty.elem().is_wide() { None } else { domain_value(&i.domain) }).collect(),
            locals: locals.iter().map(|l| top(l.ty.elem())).collect(),
        }
    }

    /// Walks a property body, calling `sink` at every assert, assume and cover.
    pub fn walk_property(&self, body: &[Stmt], locals: &[Local], sink: &mut dyn Sink) {
        let mut env = self.property_env(locals);
        let mut ret = Ret::default();
        self.exec(body, &mut env, locals, sink, &mut ret, 0);
    }

    pub fn eval(&self, e: &Expr, env: &Env) -> AVal {
        self.eval_d(e, env, 0)
    }

    fn eval_d(&self, e: &Expr, env: &Env, depth: u32) -> AVal {
        let ty = e.ty.elem();
        let r = match &e.kind {
            ExprKind::Const(v) => value_of(v),
            ExprKind::Input(id) => env.inputs.get(id.0 as usize).copied().unwrap_or_else(|| top(ty)),
            // What an implementation returns is unknown to the spec: any value of the type.
            ExprKind::ExternCall(..) => top(ty),
            // Records are not tracked field by field: a field read is any value of its type.
            ExprKind::Record(_) | ExprKind::Field(..) => top(ty),
            ExprKind::Local(id) => env.locals.get(id.0 as usize).copied().unwrap_or_else(|| top(ty)),
            ExprKind::Unary(op, x) => unary(*op, x.ty.elem(), self.eval_d(x, env, depth)),
            // Whole arrays compared: not tracked.
            ExprKind::Binary(_, l, _) if l.ty.scalar().is_none() => top(ty),
            ExprKind::Binary(BinOp::Mul, l, r) if super::exprs::same(l, r) => square(l.ty.elem(), self.eval_d(l, env, depth)),
            ExprKind::Binary(op, l, r) => {
                let lv = self.eval_d(l, env, depth);
                // `&&` / `||` decide on their left operand alone when it settles the result.
                match (op, lv) {
                    (BinOp::And, FALSE) => FALSE,
                    (BinOp::Or, TRUE) => TRUE,
                    _ => binary(*op, l.ty.elem(), lv, self.eval_d(r, env, depth)),
                }
            }
            ExprKind::Cast(x, to) => cast(x.ty.elem(), *to, self.eval_d(x, env, depth)),
            ExprKind::Call(f, args) => {
                let vals: Vec<AVal> = args.iter().map(|a| self.eval_d(a, env, depth)).collect();
                self.call(*f, &vals, depth + 1)
            }
            ExprKind::Builtin(bi, args) => {
                if *bi == Builtin::Select {
                    let c = self.eval_d(&args[0], env, depth);
                    match c {
                        TRUE => self.eval_d(&args[1], env, depth),
                        FALSE => self.eval_d(&args[2], env, depth),
                        _ => join(self.eval_d(&args[1], env, depth), self.eval_d(&args[2], env, depth)),
                    }
                } else if *bi == Builtin::Len {
                    Some(Iv::point(args[0].ty.slots() as f64))
                } else {
                    let vals: Vec<AVal> = args.iter().map(|a| self.eval_d(a, env, depth)).collect();
                    builtin(*bi, args[0].ty.elem(), ty, &vals)
                }
            }
            ExprKind::Index(base, _) => self.eval_d(base, env, depth),
            ExprKind::Array(xs) => xs.iter().map(|x| self.eval_d(x, env, depth)).reduce(join).unwrap_or_else(|| top(ty)),
        };
        normalize(ty, r)
    }

    fn call(&self, f: FnId, args: &[AVal], depth: u32) -> AVal {
        let func = self.spec.functions.get(f.0 as usize)?;
        let ret_ty = func.ret.elem();
        if depth > MAX_CALL_DEPTH {
            return top(ret_ty);
        }
        let mut env = Env { inputs: Vec::new(), locals: func.locals.iter().map(|l| top(l.ty.elem())).collect() };
        for (p, v) in func.params.iter().zip(args) {
            env.locals[p.0 as usize] = *v;
        }
        let mut ret = Ret::default();
        self.exec(&func.body, &mut env, &func.locals, &mut NoSink, &mut ret, depth);
        match ret.value {
            Some(v) => v,
            None => top(ret_ty),
        }
    }

    fn exec(&self, stmts: &[Stmt], env: &mut Env, locals: &[Local], sink: &mut dyn Sink, ret: &mut Ret, depth: u32) {
        for s in stmts {
            match s {
                Stmt::Assign { local, fields, after, .. } if !fields.is_empty() || !after.is_empty() => {
                    // A field of a record: the record's one abstract value becomes unknown.
                    env.locals[local.0 as usize] = top(locals[local.0 as usize].ty.elem());
                }
                Stmt::Let { local, value } | Stmt::Assign { local, index: None, value, .. } => {
                    let v = self.eval_d(value, env, depth);
                    env.locals[local.0 as usize] = v;
                }
                Stmt::Assign { local, index: Some(_), value, .. } => {
                    let v = self.eval_d(value, env, depth);
                    let l = local.0 as usize;
                    env.locals[l] = join(env.locals[l], v);
                }
                Stmt::If { cond, then, els } => match self.eval_d(cond, env, depth) {
                    TRUE => self.exec(then, env, locals, sink, ret, depth),
                    FALSE => self.exec(els, env, locals, sink, ret, depth),
                    _ => {
                        let mut other = env.clone();
                        self.exec(then, env, locals, sink, ret, depth);
                        self.exec(els, &mut other, locals, sink, ret, depth);
                        env.join_with(&other);
                    }
                },
                Stmt::For { local, start, end, body } => {
                    if end <= start {
                        continue;
                    }
                    let mut assigned = Vec::new();
                    assigned_locals(body, &mut assigned);
                    for l in &assigned {
                        env.locals[l.0 as usize] = top(locals[l.0 as usize].ty.elem());
                    }
                    env.locals[local.0 as usize] = Some(Iv::new(*start as f64, (*end - 1) as f64));
                    self.exec(body, env, locals, sink, ret, depth);
                    for l in &assigned {
                        env.locals[l.0 as usize] = top(locals[l.0 as usize].ty.elem());
                    }
                }
                Stmt::While { cond, body, .. } => {
                    // Any number of trips: whatever the body assigns is unknown inside and after it.
                    let mut assigned = Vec::new();
                    assigned_locals(body, &mut assigned);
                    for l in &assigned {
                        env.locals[l.0 as usize] = top(locals[l.0 as usize].ty.elem());
                    }
                    let mut inside = env.clone();
                    if let Some(c) = cond {
                        self.refine(c, &mut inside);
                    }
                    self.exec(body, &mut inside, locals, sink, ret, depth);
                }
                // What follows a jump is analysed with the state before it: an over-approximation.
                Stmt::Break | Stmt::Continue => {}
                Stmt::Assert { .. } | Stmt::Cover { .. } => sink.site(s, env, self),
                Stmt::Assume { cond, .. } => {
                    sink.site(s, env, self);
                    self.refine(cond, env);
                }
                Stmt::Return(e) => {
                    let v = self.eval_d(e, env, depth);
                    ret.value = Some(match ret.value {
                        None => v,
                        Some(prev) => join(prev, v),
                    });
                }
            }
        }
    }

    /// Narrows `env` to the vectors on which `cond` holds (for simple conditions on an input or a local).
    pub fn refine(&self, cond: &Expr, env: &mut Env) {
        match &cond.kind {
            ExprKind::Binary(BinOp::And, l, r) => {
                self.refine(l, env);
                self.refine(r, env);
            }
            ExprKind::Binary(op, l, r) if op.is_comparison() => {
                if let Some(c) = self.eval(r, env).filter(|_| !mentions_runtime(r)) {
                    self.refine_cmp(l, *op, c, env);
                } else if let Some(c) = self.eval(l, env).filter(|_| !mentions_runtime(l)) {
                    self.refine_cmp(r, flip(*op), c, env);
                }
            }
            ExprKind::Builtin(Builtin::IsFinite, args) => {
                let m = f32::MAX as f64;
                self.narrow(&args[0], Iv::new(-m, m), env);
            }
            ExprKind::Unary(UnOp::Not, x) => {
                if let ExprKind::Builtin(Builtin::IsNan, args) = &x.kind {
                    self.narrow(&args[0], Iv::new(f64::NEG_INFINITY, f64::INFINITY), env);
                }
            }
            _ => {}
        }
    }

    /// Refines `x` with `x op c` known true.
    fn refine_cmp(&self, x: &Expr, op: BinOp, c: Iv, env: &mut Env) {
        let ty = x.ty.elem();
        if ty == ScalarType::Bool {
            return;
        }
        let int = ty.is_int();
        let below = |v: f64| if int { v - 1.0 } else { f32_next_down(v) };
        let above = |v: f64| if int { v + 1.0 } else { f32_next_up(v) };
        let inf = f64::INFINITY;
        let allowed = match op {
            BinOp::Lt => Iv::new(-inf, below(c.hi)),
            BinOp::Le => Iv::new(-inf, c.hi),
            BinOp::Gt => Iv::new(above(c.lo), inf),
            BinOp::Ge => Iv::new(c.lo, inf),
            BinOp::Eq => c,
            _ => return,
        };
        if let ExprKind::Builtin(Builtin::Abs, args) = &x.kind {
            if matches!(op, BinOp::Lt | BinOp::Le) && allowed.hi >= 0.0 && args[0].ty.elem() != ScalarType::I32 {
                self.narrow(&args[0], Iv::new(-allowed.hi, allowed.hi), env);
            }
            return;
        }
        self.narrow(x, allowed, env);
    }

    /// Intersects the value of an input or local `x` with `allowed` (an empty result is left alone: the condition
    /// that led here is then itself never true, which the rules report).
    fn narrow(&self, x: &Expr, allowed: Iv, env: &mut Env) {
        let slot = match &x.kind {
            ExprKind::Input(id) if x.ty.slots() == 1 => env.inputs.get_mut(id.0 as usize),
            ExprKind::Local(id) if x.ty.slots() == 1 => env.locals.get_mut(id.0 as usize),
            _ => None,
        };
        let Some(slot) = slot else { return };
        let cur = slot.unwrap_or(Iv::new(f64::NEG_INFINITY, f64::INFINITY));
        let lo = cur.lo.max(allowed.lo);
        let hi = cur.hi.min(allowed.hi);
        if lo <= hi {
            *slot = Some(Iv::new(lo, hi));
        }
    }
}

#[derive(Default)]
struct Ret {
    value: Option<AVal>,
}

struct NoSink;
impl Sink for NoSink {}

/// Locals assigned anywhere in `stmts` (nested blocks included).
pub fn assigned_locals(stmts: &[Stmt], out: &mut Vec<LocalId>) {
    for s in stmts {
        match s {
            Stmt::Assign { local, .. } | Stmt::Let { local, .. } => out.push(*local),
            Stmt::If { then, els, .. } => {
                assigned_locals(then, out);
                assigned_locals(els, out);
            }
            Stmt::For { local, body, .. } => {
                out.push(*local);
                assigned_locals(body, out);
            }
            Stmt::While { body, .. } => assigned_locals(body, out),
            _ => {}
        }
    }
}

/// Whether an expression reads anything that varies per vector (an input, a local, a call).
pub fn mentions_runtime(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Const(_) => false,
        ExprKind::Input(_) | ExprKind::Local(_) | ExprKind::Call(..) | ExprKind::ExternCall(..) => true,
        ExprKind::Unary(_, x) | ExprKind::Cast(x, _) | ExprKind::Field(x, _) => mentions_runtime(x),
        ExprKind::Record(xs) => xs.iter().any(mentions_runtime),
        ExprKind::Binary(_, l, r) | ExprKind::Index(l, r) => mentions_runtime(l) || mentions_runtime(r),
        ExprKind::Builtin(_, xs) | ExprKind::Array(xs) => xs.iter().any(mentions_runtime),
    }
}

/// `a op b` == `b flip(op) a`.
pub fn flip(op: BinOp) -> BinOp {
    match op {
        BinOp::Lt => BinOp::Gt,
        BinOp::Le => BinOp::Ge,
        BinOp::Gt => BinOp::Lt,
        BinOp::Ge => BinOp::Le,
        other => other,
    }
}

/// Clips a result to what its type can hold: integers outside their range wrapped (so anything is possible),
/// NaN bounds mean NaN is possible.
fn normalize(ty: ScalarType, v: AVal) -> AVal {
    let v = v?;
    if v.lo.is_nan() || v.hi.is_nan() || v.lo > v.hi {
        return top(ty);
    }
    match ty {
        ScalarType::Bool => Some(Iv::new(v.lo.max(0.0), v.hi.min(1.0))).filter(|i| i.lo <= i.hi).or(BOOL_ANY),
        ScalarType::U32 | ScalarType::I32 | ScalarType::U8 | ScalarType::U16 | ScalarType::I8 | ScalarType::I16 => {
            let t = top(ty).expect("ints have a range");
            if v.lo < t.lo || v.hi > t.hi { top(ty) } else { Some(v) }
        }
        // 64-bit values are not tracked (an f64 interval cannot hold them exactly).
        ScalarType::U64 | ScalarType::I64 | ScalarType::F64 => None,
        ScalarType::F32 => {
            let m = f32::MAX as f64;
            let lo = if v.lo < -m { f64::NEG_INFINITY } else { v.lo };
            let hi = if v.hi > m { f64::INFINITY } else { v.hi };
            Some(Iv::new(lo, hi))
        }
    }
}

/// Widens an f32 result outward by more than the rounding error of one operation.
fn widen(v: Iv) -> Iv {
    let tiny = f32::from_bits(1) as f64;
    let eps = 2f64.powi(-22);
    Iv::new(v.lo - v.lo.abs() * eps - tiny, v.hi + v.hi.abs() * eps + tiny)
}

fn corners(a: Iv, b: Iv, f: impl Fn(f64, f64) -> f64) -> Option<Iv> {
    let cs = [f(a.lo, b.lo), f(a.lo, b.hi), f(a.hi, b.lo), f(a.hi, b.hi)];
    if cs.iter().any(|c| c.is_nan()) {
        return None;
    }
    Some(Iv::new(cs.iter().copied().fold(f64::INFINITY, f64::min), cs.iter().copied().fold(f64::NEG_INFINITY, f64::max)))
}

fn bool_of(b: bool) -> AVal {
    if b { TRUE } else { FALSE }
}

fn unary(op: UnOp, ty: ScalarType, a: AVal) -> AVal {
    if ty.is_wide() {
        return top(if op == UnOp::Not { ScalarType::Bool } else { ty });
    }
    if let Some(x) = a.filter(|x| x.is_point()) {
        return scalar_value(if op == UnOp::Not { ScalarType::Bool } else { ty }, sem::unary(op, ty, bits_of(ty, x.lo)) as u64);
    }
    let a = a?;
    match (op, ty) {
        (UnOp::Not, _) => Some(Iv::new(1.0 - a.hi, 1.0 - a.lo)),
        (UnOp::Neg, ScalarType::U32) => top(ty),
        (UnOp::Neg, _) => Some(Iv::new(-a.hi, -a.lo)),
        (UnOp::BitNot, ScalarType::U32) => Some(Iv::new(u32::MAX as f64 - a.hi, u32::MAX as f64 - a.lo)),
        (UnOp::BitNot, _) => Some(Iv::new(-a.hi - 1.0, -a.lo - 1.0)),
    }
}

fn binary(op: BinOp, ty: ScalarType, a: AVal, b: AVal) -> AVal {
    use BinOp::*;
    let result_ty = if op.is_comparison() || matches!(op, And | Or) { ScalarType::Bool } else { ty };
    // 64-bit values are not tracked.
    if ty.is_wide() {
        return top(result_ty);
    }
    if let (Some(x), Some(y)) = (a, b)
        && x.is_point()
        && y.is_point()
    {
        let yt = if matches!(op, Shl | Shr) { ScalarType::U32 } else { ty };
        let (xb, yb) = (bits_of(ty, x.lo), bits_of(yt, y.lo));
        // Shift amounts may be i32: take their bits as they are.
        let yb = if matches!(op, Shl | Shr) && y.lo < 0.0 { y.lo as i32 as u32 } else { yb };
        return scalar_value(result_ty, sem::binary(op, ty, xb, yb) as u64);
    }
    match op {
        And | Or | BitAnd | BitOr | BitXor if ty == ScalarType::Bool => {
            let (x, y) = (a?, b?);
            let x_true = x.lo == 1.0;
            let x_false = x.hi == 0.0;
            let y_true = y.lo == 1.0;
            let y_false = y.hi == 0.0;
            match op {
                And | BitAnd if x_false || y_false => FALSE,
                And | BitAnd if x_true && y_true => TRUE,
                Or | BitOr if x_true || y_true => TRUE,
                Or | BitOr if x_false && y_false => FALSE,
                BitXor if (x_true || x_false) && (y_true || y_false) => bool_of(x_true != y_true),
                _ => BOOL_ANY,
            }
        }
        Eq | Ne | Lt | Le | Gt | Ge => {
            let (Some(x), Some(y)) = (a, b) else { return BOOL_ANY };
            match op {
                Lt => decide(x.hi < y.lo, x.lo >= y.hi),
                Le => decide(x.hi <= y.lo, x.lo > y.hi),
                Gt => decide(x.lo > y.hi, x.hi <= y.lo),
                Ge => decide(x.lo >= y.hi, x.hi < y.lo),
                Eq => decide(x.is_point() && y.is_point() && x.lo == y.lo, x.hi < y.lo || y.hi < x.lo),
                _ => decide(x.hi < y.lo || y.hi < x.lo, x.is_point() && y.is_point() && x.lo == y.lo),
            }
        }
        Add | Sub | Mul | Div if ty == ScalarType::F32 => {
            let (x, y) = (a?, b?);
            let r = match op {
                Add => corners(x, y, |p, q| p + q)?,
                Sub => corners(x, y, |p, q| p - q)?,
                Mul => {
                    let inf_x = x.lo.is_infinite() || x.hi.is_infinite();
                    let inf_y = y.lo.is_infinite() || y.hi.is_infinite();
                    if (x.contains(0.0) && inf_y) || (y.contains(0.0) && inf_x) {
                        return None;
                    }
                    corners(x, y, |p, q| p * q)?
                }
                _ => {
                    if y.contains(0.0) {
                        return None;
                    }
                    corners(x, y, |p, q| p / q)?
                }
            };
            Some(widen(r))
        }
        Add | Sub | Mul => {
            let (x, y) = (a?, b?);
            match op {
                Add => corners(x, y, |p, q| p + q),
                Sub => corners(x, y, |p, q| p - q),
                _ => corners(x, y, |p, q| p * q),
            }
        }
        Div => {
            let (x, y) = (a?, b?);
            if ty == ScalarType::U32 {
                if y.lo <= 0.0 { Some(Iv::new(0.0, x.hi)) } else { Some(Iv::new((x.lo / y.hi).floor(), (x.hi / y.lo).floor())) }
            } else if y.contains(0.0) || (x.lo <= i32::MIN as f64 && y.contains(-1.0)) {
                top(ty)
            } else {
                corners(x, y, |p, q| (p / q).trunc())
            }
        }
        Rem => {
            let (x, y) = (a?, b?);
            if x.lo >= 0.0 && y.lo >= 0.0 { Some(Iv::new(0.0, x.hi.min((y.hi - 1.0).max(0.0)))) } else { top(ty) }
        }
        BitAnd | BitOr | BitXor => {
            let (x, y) = (a?, b?);
            if x.lo < 0.0 || y.lo < 0.0 {
                return top(ty);
            }
            let span = |v: f64| if v < 1.0 { 0.0 } else { 2f64.powi(v.log2().floor() as i32 + 1) - 1.0 };
            match op {
                BitAnd => Some(Iv::new(0.0, x.hi.min(y.hi))),
                BitOr => Some(Iv::new(x.lo.max(y.lo), span(x.hi.max(y.hi)))),
                _ => Some(Iv::new(0.0, span(x.hi.max(y.hi)))),
            }
        }
        Shl | Shr => {
            let (x, y) = (a?, b?);
            let s = if y.is_point() { Some((y.lo as i64 as u32 & 31) as i32) } else { None };
            match (op, s) {
                (Shl, Some(s)) if x.lo >= 0.0 => Some(Iv::new(x.lo * 2f64.powi(s), x.hi * 2f64.powi(s))),
                (Shr, Some(s)) => Some(Iv::new((x.lo / 2f64.powi(s)).floor(), (x.hi / 2f64.powi(s)).floor())),
                (Shr, None) if x.lo >= 0.0 => Some(Iv::new(0.0, x.hi)),
                _ => top(ty),
            }
        }
        And | Or => BOOL_ANY,
    }
}

/// `x * x`: never negative (as long as it does not wrap).
fn square(ty: ScalarType, a: AVal) -> AVal {
    if let Some(x) = a.filter(|x| x.is_point()) {
        return binary(BinOp::Mul, ty, Some(x), Some(x));
    }
    let x = a?;
    let (lo, hi) =
        if x.contains(0.0) { (0.0, x.magnitude() * x.magnitude()) } else { (x.lo.abs().min(x.hi.abs()).powi(2), x.magnitude().powi(2)) };
    let r = Iv::new(lo, hi);
    if ty == ScalarType::F32 { Some(widen(r)).map(|w| Iv::new(w.lo.max(0.0), w.hi)) } else { Some(r) }
}

fn decide(always: bool, never: bool) -> AVal {
    if always {
        TRUE
    } else if never {
        FALSE
    } else {
        BOOL_ANY
    }
}

fn cast(from: ScalarType, to: ScalarType, a: AVal) -> AVal {
    if from.is_wide() || to.is_wide() {
        return top(to);
    }
    if let Some(x) = a.filter(|x| x.is_point()) {
        return scalar_value(to, sem::cast(from, to, bits_of(from, x.lo)) as u64);
    }
    if from == to {
        return a;
    }
    match (from, to) {
        (_, ScalarType::F32) => {
            let x = a?;
            // Integers above 2^24 round to a multiple of a power of two.
            if x.magnitude() > 16_777_216.0 { Some(widen(x)) } else { Some(x) }
        }
        (ScalarType::F32, ScalarType::U32 | ScalarType::I32) => {
            let t = top(to).expect("int range");
            let Some(x) = a else { return top(to) };
            let clip = |v: f64| v.trunc().clamp(t.lo, t.hi);
            Some(Iv::new(clip(x.lo), clip(x.hi)))
        }
        (ScalarType::Bool, _) => a,
        _ => {
            // u32 <-> i32: the same bits; the value is kept when it fits both.
            let x = a?;
            if x.lo >= 0.0 && x.hi <= i32::MAX as f64 { Some(x) } else { top(to) }
        }
    }
}

/// A builtin on abstract arguments; `ty` is the first argument's type, `ret` the result's.
fn builtin(bi: Builtin, ty: ScalarType, ret: ScalarType, args: &[AVal]) -> AVal {
    use Builtin::*;
    if ty.is_wide() {
        return top(ret);
    }
    if args.iter().all(|a| a.is_some_and(|x| x.is_point())) && !args.is_empty() {
        let bits: Vec<u32> = args.iter().map(|a| bits_of(ty, a.expect("point").lo)).collect();
        return scalar_value(ret, sem::builtin(bi, ty, &bits) as u64);
    }
    let f = ty == ScalarType::F32;
    let a = args.first().copied().flatten();
    match bi {
        Min | Max => {
            let (x, y) = (args[0], args[1]);
            let pick = |p: f64, q: f64| if bi == Min { p.min(q) } else { p.max(q) };
            match (x, y) {
                (Some(x), Some(y)) => Some(Iv::new(pick(x.lo, y.lo), pick(x.hi, y.hi))),
                // A NaN operand yields the other one: the result is at least (most) the known side.
                (None, Some(k)) | (Some(k), None) if f => {
                    if bi == Min {
                        Some(Iv::new(f64::NEG_INFINITY, k.hi))
                    } else {
                        Some(Iv::new(k.lo, f64::INFINITY))
                    }
                }
                _ => top(ret),
            }
        }
        Clamp => {
            let lifted = builtin(Max, ty, ret, &[args[0], args[1]]);
            builtin(Min, ty, ret, &[lifted, args[2]])
        }
        Abs => {
            let x = a?;
            if ty == ScalarType::I32 && x.lo <= i32::MIN as f64 {
                return top(ret);
            }
            if x.lo >= 0.0 {
                Some(x)
            } else if x.hi <= 0.0 {
                Some(Iv::new(-x.hi, -x.lo))
            } else {
                Some(Iv::new(0.0, x.magnitude()))
            }
        }
        Sqrt => {
            let x = a?;
            if x.lo < 0.0 { None } else { Some(widen(Iv::new(x.lo.sqrt(), x.hi.sqrt()))) }
        }
        Floor => a.map(|x| Iv::new(x.lo.floor(), x.hi.floor())),
        Ceil => a.map(|x| Iv::new(x.lo.ceil(), x.hi.ceil())),
        Round => a.map(|x| Iv::new(x.lo.round_ties_even(), x.hi.round_ties_even())),
        Trunc => a.map(|x| Iv::new(x.lo.trunc(), x.hi.trunc())),
        Fma => {
            let p = binary(BinOp::Mul, ScalarType::F32, args[0], args[1]);
            binary(BinOp::Add, ScalarType::F32, p, args[2])
        }
        IsNan => match a {
            Some(_) => FALSE,
            None => BOOL_ANY,
        },
        IsInf | IsFinite => match a {
            Some(x) if x.lo.is_finite() && x.hi.is_finite() => bool_of(bi == IsFinite),
            _ => BOOL_ANY,
        },
        Bits => match a {
            Some(x) if ty == ScalarType::I32 && x.lo >= 0.0 => Some(x),
            _ => top(ScalarType::U32),
        },
        FromBits => None,
        CountOnes | LeadingZeros | TrailingZeros => Some(Iv::new(0.0, 32.0)),
        AddOverflows | SubOverflows | MulOverflows => {
            let (Some(x), Some(y)) = (args[0], args[1]) else { return BOOL_ANY };
            let exact = match bi {
                AddOverflows => corners(x, y, |p, q| p + q),
                SubOverflows => corners(x, y, |p, q| p - q),
                _ => corners(x, y, |p, q| p * q),
            };
            let t = top(ty).expect("int range");
            match exact {
                Some(r) if r.lo >= t.lo && r.hi <= t.hi => FALSE,
                Some(r) if r.lo > t.hi || r.hi < t.lo => TRUE,
                _ => BOOL_ANY,
            }
        }
        SaturatingAdd | SaturatingSub => {
            let (Some(x), Some(y)) = (args[0], args[1]) else { return top(ret) };
            let t = top(ty).expect("int range");
            let r = if bi == SaturatingAdd { corners(x, y, |p, q| p + q) } else { corners(x, y, |p, q| p - q) };
            r.map(|r| Iv::new(r.lo.clamp(t.lo, t.hi), r.hi.clamp(t.lo, t.hi)))
        }
        MulHi => top(ty),
        UlpDistance => top(ScalarType::U32),
        CopySign | NextUp | NextDown => None,
        Select | Len | MulWide => top(ret),
    }
}

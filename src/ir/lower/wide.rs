//! `u64`, `i64` and `f64` in 32-bit operations: before lowering, every 64-bit type of the typed
//! spec becomes a record of two `u32` words, `(low, high)` ([`split`]), so locals, parameters,
//! results, arrays, record fields and `select` go through the record machinery unchanged; the
//! integer operators, casts and builtins on those pairs are spelled here in `u32`/`i32` operations,
//! exactly as `sem::wide` defines them. `f64` arithmetic, comparisons, casts and math builtins are
//! [`Op::Float64`] operations on the words (one per result word), which the CPU engines compute
//! with `sem`; sign operations (`-x`, `abs`, `copysign`) and `bits`/`from_bits` are word operations.

use super::*;
use crate::check::{Block, ConstItem, Local, RecordType};
use crate::sem::wide::F64Op;

/// The record types standing for `u64` and `i64` in the rewritten spec.
#[derive(Clone, Copy, Debug)]
pub(super) struct Pairs {
    u64: RecordId,
    i64: RecordId,
    f64: RecordId,
}

impl Pairs {
    /// The 64-bit type a (rewritten) type stands for, if it is one of the pairs.
    pub(super) fn wide(&self, t: Type) -> Option<ScalarType> {
        match t {
            Type::Record(r) if r == self.u64 => Some(ScalarType::U64),
            Type::Record(r) if r == self.i64 => Some(ScalarType::I64),
            Type::Record(r) if r == self.f64 => Some(ScalarType::F64),
            _ => None,
        }
    }
    fn ty(&self, t: Type) -> Type {
        match t {
            Type::Scalar(ScalarType::U64) => Type::Record(self.u64),
            Type::Scalar(ScalarType::I64) => Type::Record(self.i64),
            Type::Array(ScalarType::U64, n) => Type::RecordArray(self.u64, n),
            Type::Array(ScalarType::I64, n) => Type::RecordArray(self.i64, n),
            Type::Scalar(ScalarType::F64) => Type::Record(self.f64),
            Type::Array(ScalarType::F64, n) => Type::RecordArray(self.f64, n),
            t => t,
        }
    }
    fn pair_of(&self, s: ScalarType) -> RecordId {
        match s {
            ScalarType::I64 => self.i64,
            ScalarType::F64 => self.f64,
            _ => self.u64,
        }
    }
    fn value(&self, v: &Value) -> Value {
        let word = |b: u64| Value::Scalar(ScalarType::U32, b & 0xFFFF_FFFF);
        let pair = |s: ScalarType, b: u64| Value::Record(self.pair_of(s), vec![word(b), word(b >> 32)]);
        match v {
            Value::Scalar(s, b) if s.is_wide() => pair(*s, *b),
            Value::Array(s, bs) if s.is_wide() => Value::RecordArray(self.pair_of(*s), bs.iter().map(|b| pair(*s, *b)).collect()),
            Value::Record(r, fields) => Value::Record(*r, fields.iter().map(|x| self.value(x)).collect()),
            Value::RecordArray(r, elems) => Value::RecordArray(*r, elems.iter().map(|x| self.value(x)).collect()),
            v => v.clone(),
        }
    }
    fn expr(&self, e: &Expr) -> Expr {
        let b = |x: &Expr| Box::new(self.expr(x));
        let all = |xs: &[Expr]| xs.iter().map(|x| self.expr(x)).collect();
        let kind = match &e.kind {
            ExprKind::Const(v) => ExprKind::Const(self.value(v)),
            ExprKind::Input(i) => ExprKind::Input(*i),
            ExprKind::Local(l) => ExprKind::Local(*l),
            ExprKind::Unary(op, x) => ExprKind::Unary(*op, b(x)),
            ExprKind::Binary(op, l, r) => ExprKind::Binary(*op, b(l), b(r)),
            ExprKind::Cast(x, to) => ExprKind::Cast(b(x), *to),
            ExprKind::Call(f, args) => ExprKind::Call(*f, all(args)),
            ExprKind::ExternCall(x, args) => ExprKind::ExternCall(*x, all(args)),
            ExprKind::Builtin(bi, args) => ExprKind::Builtin(*bi, all(args)),
            ExprKind::Index(x, i) => ExprKind::Index(b(x), b(i)),
            ExprKind::Array(xs) => ExprKind::Array(all(xs)),
            ExprKind::Record(xs) => ExprKind::Record(all(xs)),
            ExprKind::Field(x, k) => ExprKind::Field(b(x), *k),
        };
        Expr { kind, ty: self.ty(e.ty), span: e.span }
    }
    fn block(&self, stmts: &Block) -> Block {
        stmts.iter().map(|s| self.stmt(s)).collect()
    }
    fn stmt(&self, s: &Stmt) -> Stmt {
        match s {
            Stmt::Let { local, value } => Stmt::Let { local: *local, value: self.expr(value) },
            Stmt::Assign { local, fields, index, after, value } => Stmt::Assign {
                local: *local,
                fields: fields.clone(),
                index: index.as_ref().map(|i| self.expr(i)),
                after: after.clone(),
                value: self.expr(value),
            },
            Stmt::If { cond, then, els } => Stmt::If { cond: self.expr(cond), then: self.block(then), els: self.block(els) },
            Stmt::For { local, start, end, body } => Stmt::For { local: *local, start: *start, end: *end, body: self.block(body) },
            Stmt::While { cond, bound, body, span } => {
                Stmt::While { cond: cond.as_ref().map(|c| self.expr(c)), bound: *bound, body: self.block(body), span: *span }
            }
            Stmt::Break => Stmt::Break,
            Stmt::Continue => Stmt::Continue,
            Stmt::Assert { id, cond } => Stmt::Assert { id: *id, cond: self.expr(cond) },
            Stmt::Assume { id, cond } => Stmt::Assume { id: *id, cond: self.expr(cond) },
            Stmt::Cover { id, cond } => Stmt::Cover { id: *id, cond: self.expr(cond) },
            Stmt::Return(e) => Stmt::Return(self.expr(e)),
        }
    }
    fn locals(&self, ls: &[Local]) -> Vec<Local> {
        ls.iter().map(|l| Local { ty: self.ty(l.ty), ..l.clone() }).collect()
    }
}

/// The spec with every 64-bit type replaced by its pair record (and the two pair records added to
/// its records), and the pairs' ids. Only functions, properties, constants and records change:
/// inputs and `extern fn` signatures keep their declared types, which say how their slots and
/// argument words are joined into columns (a 64-bit input or argument is two words, low first).
pub(super) fn split(spec: &TypedSpec) -> (TypedSpec, Pairs) {
    let mut out = spec.clone();
    let words = |name: &str| RecordType {
        name: Some(name.to_string()),
        fields: vec![("lo".to_string(), Type::U32), ("hi".to_string(), Type::U32)],
    };
    // Interned under names no struct can have (they are type names), so never merged with one.
    let pairs =
        Pairs { u64: out.records.intern(words("u64")), i64: out.records.intern(words("i64")), f64: out.records.intern(words("f64")) };
    for r in &mut out.records.0 {
        for (_, t) in &mut r.fields {
            *t = pairs.ty(*t);
        }
    }
    for f in &mut out.functions {
        f.ret = pairs.ty(f.ret);
        f.locals = pairs.locals(&f.locals);
        f.body = pairs.block(&f.body);
    }
    for p in &mut out.properties {
        p.locals = pairs.locals(&p.locals);
        p.body = pairs.block(&p.body);
    }
    out.consts = out.consts.iter().map(|c| ConstItem { value: pairs.value(&c.value), ..c.clone() }).collect();
    (out, pairs)
}

/// A 64-bit value as its two `u32` words.
#[derive(Clone, Copy)]
pub(super) struct W {
    lo: Val,
    hi: Val,
}

const U: ScalarType = ScalarType::U32;
const I: ScalarType = ScalarType::I32;
const B: ScalarType = ScalarType::Bool;

impl Lowerer<'_> {
    fn wide_of(&self, t: Type) -> Option<ScalarType> {
        self.pairs.wide(t)
    }

    // ------------------------------------------------------------ 32-bit helpers
    fn k(&mut self, bits: u32) -> Val {
        self.constant(U, bits)
    }
    fn bin(&mut self, op: BinOp, a: Val, b: Val) -> Val {
        let ty = if op.is_comparison() { B } else { U };
        self.op(ty, Op::Binary(op, U, a, b))
    }
    fn and_b(&mut self, a: Val, b: Val) -> Val {
        self.op(B, Op::Binary(BinOp::And, B, a, b))
    }
    fn or_b(&mut self, a: Val, b: Val) -> Val {
        self.op(B, Op::Binary(BinOp::Or, B, a, b))
    }
    fn not_b(&mut self, a: Val) -> Val {
        self.op(B, Op::Unary(UnOp::Not, B, a))
    }
    fn sel(&mut self, ty: ScalarType, c: Val, a: Val, b: Val) -> Val {
        self.op(ty, Op::Builtin(sem::Builtin::Select, ty, vec![c, a, b]))
    }
    fn sel_w(&mut self, c: Val, a: W, b: W) -> W {
        W { lo: self.sel(U, c, a.lo, b.lo), hi: self.sel(U, c, a.hi, b.hi) }
    }
    fn bool_word(&mut self, c: Val) -> Val {
        self.op(U, Op::Cast(B, U, c))
    }
    /// `x >> k` with the sign copied in (`i32`'s shift), as a `u32` pattern.
    fn sar(&mut self, x: Val, k: Val) -> Val {
        let s = self.op(I, Op::Cast(U, I, x));
        let r = self.op(I, Op::Binary(BinOp::Shr, I, s, k));
        self.op(U, Op::Cast(I, U, r))
    }
    /// Whether a word, read as `i32`, is negative.
    fn neg_word(&mut self, x: Val) -> Val {
        let s = self.op(I, Op::Cast(U, I, x));
        let z = self.constant(I, 0);
        self.op(B, Op::Binary(BinOp::Lt, I, s, z))
    }
    /// A value of any 32-bit (or narrow) type as the `u32` pattern of its carrier.
    fn as_word(&mut self, v: Val) -> Val {
        match self.vals[v] {
            ScalarType::U32 => v,
            t => self.op(U, Op::Cast(t, U, v)),
        }
    }

    // ------------------------------------------------------------ f64
    /// The word operands of `args` (a 64-bit one as its two words, low first).
    fn f64_operands(&mut self, args: &[&Expr], f: &mut Frame) -> Vec<Val> {
        let mut words = Vec::new();
        for a in args {
            if self.wide_of(a.ty).is_some() {
                let w = self.w_value(a, f);
                words.extend([w.lo, w.hi]);
            } else {
                words.push(self.expr(a, f));
            }
        }
        words
    }
    /// An `f64` operation with a 64-bit result: its two words.
    fn f64_pair(&mut self, op: F64Op, words: Vec<Val>) -> W {
        let lo = self.op(U, Op::Float64 { op, word: 0, args: words.clone() });
        let hi = self.op(U, Op::Float64 { op, word: 1, args: words });
        W { lo, hi }
    }
    /// An `f64` operation with a 32-bit result.
    fn f64_scalar(&mut self, op: F64Op, words: Vec<Val>) -> Val {
        let ty = op.result().carrier();
        self.op(ty, Op::Float64 { op, word: 0, args: words })
    }
    /// `x` with its sign bit set to `sign` (a word whose top bit is the sign; other bits ignored).
    fn f64_with_sign(&mut self, x: W, sign: Val) -> W {
        let (mag, top) = (self.k(0x7FFF_FFFF), self.k(0x8000_0000));
        let m = self.bin(BinOp::BitAnd, x.hi, mag);
        let s = self.bin(BinOp::BitAnd, sign, top);
        W { lo: x.lo, hi: self.bin(BinOp::BitOr, m, s) }
    }

    // ------------------------------------------------------------ pairs
    fn w_const(&mut self, v: u64) -> W {
        W { lo: self.k(v as u32), hi: self.k((v >> 32) as u32) }
    }
    fn w_read(&mut self, b: &Binding) -> W {
        let Binding::Record(words) = b else { unreachable!("a 64-bit value binds to its two words") };
        W { lo: self.read(&words[0], U), hi: self.read(&words[1], U) }
    }
    /// The two words of a 64-bit binding, low first, read now.
    pub(super) fn words_of(&mut self, b: &Binding) -> [Val; 2] {
        let w = self.w_read(b);
        [w.lo, w.hi]
    }
    fn w_bind(w: W) -> Binding {
        Binding::Record(vec![Binding::Val(w.lo), Binding::Val(w.hi)])
    }
    fn w_value(&mut self, e: &Expr, f: &mut Frame) -> W {
        let b = self.bind_value(e, f);
        self.w_read(&b)
    }
    fn w_add(&mut self, a: W, b: W) -> W {
        let lo = self.bin(BinOp::Add, a.lo, b.lo);
        let carry = self.bin(BinOp::Lt, lo, a.lo);
        let carry = self.bool_word(carry);
        let hi = self.bin(BinOp::Add, a.hi, b.hi);
        W { lo, hi: self.bin(BinOp::Add, hi, carry) }
    }
    fn w_sub(&mut self, a: W, b: W) -> W {
        let lo = self.bin(BinOp::Sub, a.lo, b.lo);
        let borrow = self.bin(BinOp::Lt, a.lo, b.lo);
        let borrow = self.bool_word(borrow);
        let hi = self.bin(BinOp::Sub, a.hi, b.hi);
        W { lo, hi: self.bin(BinOp::Sub, hi, borrow) }
    }
    fn w_neg(&mut self, a: W) -> W {
        let z = self.w_const(0);
        self.w_sub(z, a)
    }
    fn mul_hi32(&mut self, a: Val, b: Val) -> Val {
        self.op(U, Op::Builtin(sem::Builtin::MulHi, U, vec![a, b]))
    }
    fn w_mul(&mut self, a: W, b: W) -> W {
        let lo = self.bin(BinOp::Mul, a.lo, b.lo);
        let h = self.mul_hi32(a.lo, b.lo);
        let x = self.bin(BinOp::Mul, a.lo, b.hi);
        let y = self.bin(BinOp::Mul, a.hi, b.lo);
        let h = self.bin(BinOp::Add, h, x);
        W { lo, hi: self.bin(BinOp::Add, h, y) }
    }
    /// The high 64 bits of the unsigned 128-bit product.
    fn w_mul_hi_u(&mut self, a: W, b: W) -> W {
        let zero = self.k(0);
        let word = |v: Val| W { lo: v, hi: zero };
        let h00 = self.mul_hi32(a.lo, b.lo);
        let (l01, h01) = (self.bin(BinOp::Mul, a.lo, b.hi), self.mul_hi32(a.lo, b.hi));
        let (l10, h10) = (self.bin(BinOp::Mul, a.hi, b.lo), self.mul_hi32(a.hi, b.lo));
        let (l11, h11) = (self.bin(BinOp::Mul, a.hi, b.hi), self.mul_hi32(a.hi, b.hi));
        // Word 1 of the product: h00 + l01 + l10; its carries go into word 2.
        let mid = self.w_add(word(h00), word(l01));
        let mid = self.w_add(mid, word(l10));
        let w2 = self.w_add(word(h01), word(h10));
        let w2 = self.w_add(w2, word(l11));
        let w2 = self.w_add(w2, word(mid.hi));
        W { lo: w2.lo, hi: self.bin(BinOp::Add, h11, w2.hi) }
    }
    /// The high 64 bits of the signed 128-bit product: the unsigned one, less `b` when `a` is
    /// negative and `a` when `b` is.
    fn w_mul_hi_s(&mut self, a: W, b: W) -> W {
        let h = self.w_mul_hi_u(a, b);
        let zero = self.w_const(0);
        let (na, nb) = (self.neg_word(a.hi), self.neg_word(b.hi));
        let sb = self.sel_w(na, b, zero);
        let sa = self.sel_w(nb, a, zero);
        let h = self.w_sub(h, sb);
        self.w_sub(h, sa)
    }
    fn w_bits(&mut self, op: BinOp, a: W, b: W) -> W {
        W { lo: self.bin(op, a.lo, b.lo), hi: self.bin(op, a.hi, b.hi) }
    }
    fn w_eq(&mut self, a: W, b: W) -> Val {
        let l = self.bin(BinOp::Eq, a.lo, b.lo);
        let h = self.bin(BinOp::Eq, a.hi, b.hi);
        self.and_b(l, h)
    }
    fn w_is_zero(&mut self, a: W) -> Val {
        let z = self.w_const(0);
        self.w_eq(a, z)
    }
    /// `a < b` as `ty` (`u64` or `i64`) orders them.
    fn w_lt(&mut self, ty: ScalarType, a: W, b: W) -> Val {
        let high_lt = if ty.is_signed() {
            let (x, y) = (self.op(I, Op::Cast(U, I, a.hi)), self.op(I, Op::Cast(U, I, b.hi)));
            self.op(B, Op::Binary(BinOp::Lt, I, x, y))
        } else {
            self.bin(BinOp::Lt, a.hi, b.hi)
        };
        let high_eq = self.bin(BinOp::Eq, a.hi, b.hi);
        let low_lt = self.bin(BinOp::Lt, a.lo, b.lo);
        let tie = self.and_b(high_eq, low_lt);
        self.or_b(high_lt, tie)
    }
    /// `a << s`, `s` taken modulo 64 (a `u32` word).
    fn w_shl(&mut self, a: W, s: Val) -> W {
        let (m31, m32, k32, zero) = (self.k(31), self.k(32), self.k(32), self.k(0));
        let s5 = self.bin(BinOp::BitAnd, s, m31);
        let big = self.bin(BinOp::BitAnd, s, m32);
        let big = self.bin(BinOp::Ne, big, zero);
        let lo_small = self.bin(BinOp::Shl, a.lo, s5);
        let back = self.bin(BinOp::Sub, k32, s5);
        let carry = self.bin(BinOp::Shr, a.lo, back);
        let none = self.bin(BinOp::Eq, s5, zero);
        let carry = self.sel(U, none, zero, carry);
        let hi_small = self.bin(BinOp::Shl, a.hi, s5);
        let hi_small = self.bin(BinOp::BitOr, hi_small, carry);
        W { lo: self.sel(U, big, zero, lo_small), hi: self.sel(U, big, lo_small, hi_small) }
    }
    /// `a >> s` (arithmetic when `signed`), `s` taken modulo 64.
    fn w_shr(&mut self, a: W, s: Val, signed: bool) -> W {
        let (m31, m32, k32, zero) = (self.k(31), self.k(32), self.k(32), self.k(0));
        let s5 = self.bin(BinOp::BitAnd, s, m31);
        let big = self.bin(BinOp::BitAnd, s, m32);
        let big = self.bin(BinOp::Ne, big, zero);
        let hi_small = if signed { self.sar(a.hi, s5) } else { self.bin(BinOp::Shr, a.hi, s5) };
        let back = self.bin(BinOp::Sub, k32, s5);
        let carry = self.bin(BinOp::Shl, a.hi, back);
        let none = self.bin(BinOp::Eq, s5, zero);
        let carry = self.sel(U, none, zero, carry);
        let lo_small = self.bin(BinOp::Shr, a.lo, s5);
        let lo_small = self.bin(BinOp::BitOr, lo_small, carry);
        let fill = if signed { self.sar(a.hi, m31) } else { zero };
        W { lo: self.sel(U, big, hi_small, lo_small), hi: self.sel(U, big, fill, hi_small) }
    }
    /// Unsigned quotient and remainder (`x / 0 == x`, `x % 0 == 0`): restoring division, one
    /// quotient bit per trip of a 64-trip loop.
    fn w_divrem_u(&mut self, n: W, d: W) -> (W, W) {
        let var = |lw: &mut Self, name: &str, v: Val| {
            let x = lw.new_var(name, Type::U32);
            lw.emit(Inst::Set(x, v));
            x
        };
        let zero = self.k(0);
        let (nl, nh) = (var(self, "_n.lo", n.lo), var(self, "_n.hi", n.hi));
        let (rl, rh) = (var(self, "_r.lo", zero), var(self, "_r.hi", zero));
        let (ql, qh) = (var(self, "_q.lo", zero), var(self, "_q.hi", zero));
        let counter = self.new_var("_bit", Type::U32);
        let body = self.nested(|lw| {
            let get = |lw: &mut Self, v: VarId| lw.op(U, Op::Var(v));
            let (one, m31) = (lw.k(1), lw.k(31));
            let num = W { lo: get(lw, nl), hi: get(lw, nh) };
            let rem = W { lo: get(lw, rl), hi: get(lw, rh) };
            let quo = W { lo: get(lw, ql), hi: get(lw, qh) };
            // r = r << 1 | top bit of n (the bit shifted out of r kept aside); n <<= 1.
            let out = lw.bin(BinOp::Shr, rem.hi, m31);
            let top = lw.bin(BinOp::Shr, num.hi, m31);
            let r2 = lw.w_shl(rem, one);
            let r2 = W { lo: lw.bin(BinOp::BitOr, r2.lo, top), hi: r2.hi };
            let n2 = lw.w_shl(num, one);
            let below = lw.w_lt(ScalarType::U64, r2, d);
            let out = lw.bin(BinOp::Ne, out, zero);
            let not_below = lw.not_b(below);
            let take = lw.or_b(out, not_below);
            let diff = lw.w_sub(r2, d);
            let r3 = lw.sel_w(take, diff, r2);
            let q2 = lw.w_shl(quo, one);
            let bit = lw.bool_word(take);
            let q3 = W { lo: lw.bin(BinOp::BitOr, q2.lo, bit), hi: q2.hi };
            for (v, x) in [(nl, n2.lo), (nh, n2.hi), (rl, r3.lo), (rh, r3.hi), (ql, q3.lo), (qh, q3.hi)] {
                lw.emit(Inst::Set(v, x));
            }
        });
        self.emit(Inst::For { var: counter, start: 0, end: 64, body });
        let q = W { lo: self.op(U, Op::Var(ql)), hi: self.op(U, Op::Var(qh)) };
        let r = W { lo: self.op(U, Op::Var(rl)), hi: self.op(U, Op::Var(rh)) };
        let by_zero = self.w_is_zero(d);
        let z = self.w_const(0);
        (self.sel_w(by_zero, n, q), self.sel_w(by_zero, z, r))
    }
    /// Signed quotient and remainder, from the magnitudes: the quotient negative when the signs
    /// differ, the remainder with the dividend's sign (`i64::MIN / -1` wraps to `i64::MIN`).
    fn w_divrem_s(&mut self, a: W, b: W) -> (W, W) {
        let (na, nb) = (self.neg_word(a.hi), self.neg_word(b.hi));
        let (ma, mb) = (self.w_neg(a), self.w_neg(b));
        let (ma, mb) = (self.sel_w(na, ma, a), self.sel_w(nb, mb, b));
        let (q, r) = self.w_divrem_u(ma, mb);
        let differ = self.op(B, Op::Binary(BinOp::Ne, B, na, nb));
        let (nq, nr) = (self.w_neg(q), self.w_neg(r));
        (self.sel_w(differ, nq, q), self.sel_w(na, nr, r))
    }
    /// The value of a pair whose words are both constants.
    fn w_const_of(&self, w: W) -> Option<u64> {
        Some(u64::from(self.const_of(w.lo)?) | u64::from(self.const_of(w.hi)?) << 32)
    }
    /// `a >> s` (logical) for a constant `s < 64`.
    fn w_shr_k(&mut self, a: W, s: u32) -> W {
        match s {
            0 => a,
            32.. => {
                let k = self.k(s - 32);
                W { lo: self.bin(BinOp::Shr, a.hi, k), hi: self.k(0) }
            }
            _ => {
                let (ks, back) = (self.k(s), self.k(32 - s));
                let lo = self.bin(BinOp::Shr, a.lo, ks);
                let carry = self.bin(BinOp::Shl, a.hi, back);
                W { lo: self.bin(BinOp::BitOr, lo, carry), hi: self.bin(BinOp::Shr, a.hi, ks) }
            }
        }
    }
    /// Unsigned quotient and remainder by a non-zero constant `d`: a shift and a mask for a power of
    /// two, else the high half of a multiply by a magic number ([`magic_u64`]), the remainder
    /// `n - q * d`. No loop.
    fn w_divrem_u_const(&mut self, n: W, d: u64) -> (W, W) {
        if d.is_power_of_two() {
            let mask = self.w_const(d - 1);
            return (self.w_shr_k(n, d.trailing_zeros()), self.w_bits(BinOp::BitAnd, n, mask));
        }
        let (magic, shift, add) = magic_u64(d);
        let m = self.w_const(magic);
        let h = self.w_mul_hi_u(n, m);
        let q = if add {
            // The 65-bit magic number: ((n - h) / 2 + h) >> shift, without overflowing.
            let t = self.w_sub(n, h);
            let t = self.w_shr_k(t, 1);
            let t = self.w_add(t, h);
            self.w_shr_k(t, shift)
        } else {
            self.w_shr_k(h, shift)
        };
        let dk = self.w_const(d);
        let qd = self.w_mul(q, dk);
        (q, self.w_sub(n, qd))
    }
    /// Signed quotient and remainder by a non-zero constant `d`, from the magnitudes as
    /// [`Self::w_divrem_s`] does (so `i64::MIN / -1` wraps to `i64::MIN`).
    fn w_divrem_s_const(&mut self, a: W, d: i64) -> (W, W) {
        let na = self.neg_word(a.hi);
        let ma = self.w_neg(a);
        let ma = self.sel_w(na, ma, a);
        let (q, r) = self.w_divrem_u_const(ma, d.unsigned_abs());
        let differ = if d < 0 { self.not_b(na) } else { na };
        let (nq, nr) = (self.w_neg(q), self.w_neg(r));
        (self.sel_w(differ, nq, q), self.sel_w(na, nr, r))
    }
    /// `|x|` of a non-negative or infinite `f32` (not NaN, below 2^64) as `u64`.
    fn w_from_f32_magnitude(&mut self, x: Val) -> W {
        let two32 = self.constant(ScalarType::F32, 4_294_967_296f32.to_bits());
        let small = self.op(B, Op::Binary(BinOp::Lt, ScalarType::F32, x, two32));
        let lo_small = self.op(U, Op::Cast(ScalarType::F32, U, x));
        let bits = self.op(U, Op::Builtin(sem::Builtin::Bits, ScalarType::F32, vec![x]));
        let (k23, k255, frac, implicit, k150) = (self.k(23), self.k(255), self.k(0x7F_FFFF), self.k(0x80_0000), self.k(150));
        let e = self.bin(BinOp::Shr, bits, k23);
        let e = self.bin(BinOp::BitAnd, e, k255);
        let m = self.bin(BinOp::BitAnd, bits, frac);
        let m = self.bin(BinOp::BitOr, m, implicit);
        let shift = self.bin(BinOp::Sub, e, k150);
        let zero = self.k(0);
        let big = self.w_shl(W { lo: m, hi: zero }, shift);
        self.sel_w(small, W { lo: lo_small, hi: zero }, big)
    }
    /// `x as u64` / `x as i64` for an `f32` `x`: saturating, NaN to 0.
    fn w_from_f32(&mut self, to: ScalarType, x: Val) -> W {
        let f = ScalarType::F32;
        let nan = self.op(B, Op::Builtin(sem::Builtin::IsNan, f, vec![x]));
        let zero = self.w_const(0);
        let w = if to == ScalarType::U64 {
            let top = self.constant(f, 18_446_744_073_709_551_616f32.to_bits());
            let over = self.op(B, Op::Binary(BinOp::Ge, f, x, top));
            let mag = self.w_from_f32_magnitude(x);
            let max = self.w_const(u64::MAX);
            self.sel_w(over, max, mag)
        } else {
            let (top, bottom) =
                (self.constant(f, 9_223_372_036_854_775_808f32.to_bits()), self.constant(f, (-9_223_372_036_854_775_808f32).to_bits()));
            let over = self.op(B, Op::Binary(BinOp::Ge, f, x, top));
            let under = self.op(B, Op::Binary(BinOp::Le, f, x, bottom));
            let abs = self.op(f, Op::Builtin(sem::Builtin::Abs, f, vec![x]));
            let mag = self.w_from_f32_magnitude(abs);
            let fz = self.constant(f, 0);
            let negative = self.op(B, Op::Binary(BinOp::Lt, f, x, fz));
            let neg = self.w_neg(mag);
            let v = self.sel_w(negative, neg, mag);
            let (max, min) = (self.w_const(i64::MAX as u64), self.w_const(i64::MIN as u64));
            let v = self.sel_w(under, min, v);
            self.sel_w(over, max, v)
        };
        self.sel_w(nan, zero, w)
    }
    /// `x as f32` for a `u64` `x`: the nearest float, ties to even. Above 2^32 the value is shifted
    /// into 32 bits with the bits shifted out kept as a sticky low bit (so the `u32` conversion
    /// rounds exactly as the whole value would), then scaled back by a power of two (exact).
    fn w_to_f32_unsigned(&mut self, x: W) -> Val {
        let f = ScalarType::F32;
        let (zero, k1, k32, k127, k23) = (self.k(0), self.k(1), self.k(32), self.k(127), self.k(23));
        let small = self.bin(BinOp::Eq, x.hi, zero);
        let direct = self.op(f, Op::Cast(U, f, x.lo));
        let lz = self.op(U, Op::Builtin(sem::Builtin::LeadingZeros, U, vec![x.hi]));
        let s = self.bin(BinOp::Sub, k32, lz);
        let shifted = self.w_shr(x, s, false).lo;
        // The bits shifted out are the low `s` bits of the low word (s <= 32).
        let below = self.bin(BinOp::Shl, k1, s);
        let below = self.bin(BinOp::Sub, below, k1);
        let all = self.bin(BinOp::Eq, s, k32);
        let ones = self.k(u32::MAX);
        let mask = self.sel(U, all, ones, below);
        let lost = self.bin(BinOp::BitAnd, x.lo, mask);
        let sticky = self.bin(BinOp::Ne, lost, zero);
        let sticky = self.bool_word(sticky);
        let v = self.bin(BinOp::BitOr, shifted, sticky);
        let v = self.op(f, Op::Cast(U, f, v));
        let e = self.bin(BinOp::Add, s, k127);
        let e = self.bin(BinOp::Shl, e, k23);
        let scale = self.op(f, Op::Builtin(sem::Builtin::FromBits, U, vec![e]));
        let scaled = self.op(f, Op::Binary(BinOp::Mul, f, v, scale));
        self.sel(f, small, direct, scaled)
    }
    fn w_to_f32(&mut self, from: ScalarType, x: W) -> Val {
        if from == ScalarType::U64 {
            return self.w_to_f32_unsigned(x);
        }
        let negative = self.neg_word(x.hi);
        let neg = self.w_neg(x);
        let mag = self.sel_w(negative, neg, x);
        let v = self.w_to_f32_unsigned(mag);
        let nv = self.op(ScalarType::F32, Op::Unary(UnOp::Neg, ScalarType::F32, v));
        self.sel(ScalarType::F32, negative, nv, v)
    }
    /// `x as to` for a value of 32 bits or fewer, as a 64-bit pair.
    fn w_from_narrow(&mut self, from: ScalarType, to: ScalarType, x: Val) -> W {
        match from {
            ScalarType::F32 => self.w_from_f32(to, x),
            ScalarType::Bool => W { lo: self.bool_word(x), hi: self.k(0) },
            t if t.is_signed() => {
                let lo = self.as_word(x);
                let m31 = self.k(31);
                W { lo, hi: self.sar(lo, m31) }
            }
            _ => W { lo: self.as_word(x), hi: self.k(0) },
        }
    }

    /// The signs of a 64-bit add (`sub`: of a subtraction) overflow: `i64` when the operands'
    /// signs agree (differ) and the result's is not the first operand's; `u64` when it carries
    /// (borrows).
    fn w_overflows(&mut self, ty: ScalarType, sub: bool, a: W, b: W) -> (W, Val) {
        let r = if sub { self.w_sub(a, b) } else { self.w_add(a, b) };
        let ovf = if ty.is_signed() {
            let (sa, sb, sr) = (self.neg_word(a.hi), self.neg_word(b.hi), self.neg_word(r.hi));
            let same = self.op(B, Op::Binary(if sub { BinOp::Ne } else { BinOp::Eq }, B, sa, sb));
            let flipped = self.op(B, Op::Binary(BinOp::Ne, B, sr, sa));
            self.and_b(same, flipped)
        } else if sub {
            self.w_lt(ty, a, b)
        } else {
            self.w_lt(ty, r, a)
        };
        (r, ovf)
    }
    fn w_mul_overflows(&mut self, ty: ScalarType, a: W, b: W) -> Val {
        if ty.is_signed() {
            let hi = self.w_mul_hi_s(a, b);
            let lo = self.w_mul(a, b);
            let m31 = self.k(31);
            let sign = self.sar(lo.hi, m31);
            let ext = W { lo: sign, hi: sign };
            let same = self.w_eq(hi, ext);
            self.not_b(same)
        } else {
            let hi = self.w_mul_hi_u(a, b);
            let zero = self.w_is_zero(hi);
            self.not_b(zero)
        }
    }

    /// A scalar-typed expression that reads 64-bit operands: a comparison, a cast to a 32-bit type,
    /// a shift of a 32-bit value by a 64-bit amount, or a builtin with a 32-bit result. `None` when
    /// `e` is none of these.
    pub(super) fn wide_scalar(&mut self, e: &Expr, f: &mut Frame) -> Option<Val> {
        use sem::Builtin as Bi;
        let ty = e.ty.elem();
        let is_f64 = |lw: &Self, x: &Expr| lw.wide_of(x.ty) == Some(ScalarType::F64);
        match &e.kind {
            ExprKind::Binary(op, l, r) if op.is_comparison() && is_f64(self, l) => {
                let words = self.f64_operands(&[l, r], f);
                return Some(self.f64_scalar(F64Op::Binary(*op), words));
            }
            ExprKind::Cast(x, to) if is_f64(self, x) && !to.is_wide() => {
                let words = self.f64_operands(&[x], f);
                return Some(self.f64_scalar(F64Op::Cast(ScalarType::F64, *to), words));
            }
            ExprKind::Builtin(bi @ (Bi::IsNan | Bi::IsInf | Bi::IsFinite), args) if is_f64(self, &args[0]) => {
                let words = self.f64_operands(&[&args[0]], f);
                return Some(self.f64_scalar(F64Op::Builtin(*bi), words));
            }
            _ => {}
        }
        Some(match &e.kind {
            ExprKind::Binary(op @ (BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge), l, r) => {
                let t = self.wide_of(l.ty)?;
                let (a, b) = (self.w_value(l, f), self.w_value(r, f));
                match op {
                    BinOp::Lt => self.w_lt(t, a, b),
                    BinOp::Gt => self.w_lt(t, b, a),
                    BinOp::Le => {
                        let gt = self.w_lt(t, b, a);
                        self.not_b(gt)
                    }
                    _ => {
                        let lt = self.w_lt(t, a, b);
                        self.not_b(lt)
                    }
                }
            }
            ExprKind::Binary(op @ (BinOp::Shl | BinOp::Shr), l, r) if self.wide_of(r.ty).is_some() => {
                // A 32-bit value shifted by a 64-bit amount: the amount's low word holds its low bits.
                let a = self.expr(l, f);
                let s = self.w_value(r, f).lo;
                let lt = l.ty.elem();
                let s = if lt.carrier() == U { s } else { self.op(lt.carrier(), Op::Cast(U, lt.carrier(), s)) };
                self.op(ty, Op::Binary(*op, lt, a, s))
            }
            ExprKind::Cast(x, to) => {
                let from = self.wide_of(x.ty)?;
                let w = self.w_value(x, f);
                match to {
                    ScalarType::F32 => self.w_to_f32(from, w),
                    ScalarType::U32 => w.lo,
                    t => self.op(*t, Op::Cast(U, *t, w.lo)),
                }
            }
            ExprKind::Builtin(bi, args) if !args.is_empty() && self.wide_of(args[0].ty).is_some() => {
                let t = self.wide_of(args[0].ty).expect("matched");
                let a = self.w_value(&args[0], f);
                let b = match args.get(1) {
                    Some(x) => self.w_value(x, f),
                    None => a,
                };
                match bi {
                    Bi::CountOnes => {
                        let (x, y) =
                            (self.op(U, Op::Builtin(Bi::CountOnes, U, vec![a.lo])), self.op(U, Op::Builtin(Bi::CountOnes, U, vec![a.hi])));
                        self.bin(BinOp::Add, x, y)
                    }
                    Bi::LeadingZeros | Bi::TrailingZeros => {
                        // The count in the word that decides, or 32 plus the other word's.
                        let (first, second) = if *bi == Bi::LeadingZeros { (a.hi, a.lo) } else { (a.lo, a.hi) };
                        let (zero, k32) = (self.k(0), self.k(32));
                        let empty = self.bin(BinOp::Eq, first, zero);
                        let x = self.op(U, Op::Builtin(*bi, U, vec![first]));
                        let y = self.op(U, Op::Builtin(*bi, U, vec![second]));
                        let y = self.bin(BinOp::Add, y, k32);
                        self.sel(U, empty, y, x)
                    }
                    Bi::AddOverflows => self.w_overflows(t, false, a, b).1,
                    Bi::SubOverflows => self.w_overflows(t, true, a, b).1,
                    Bi::MulOverflows => self.w_mul_overflows(t, a, b),
                    _ => unreachable!("the checker gives no other builtin of 64-bit arguments a 32-bit result"),
                }
            }
            _ => return None,
        })
    }

    /// A 64-bit-typed operation (`e`'s type is a pair): arithmetic, bitwise operators, shifts,
    /// negation, casts to a 64-bit type and the 64-bit builtins; `mul_wide` of 64-bit arguments.
    /// `None` when `e` is none of these (locals, calls, constants, `select`... are records).
    pub(super) fn wide_binding(&mut self, e: &Expr, f: &mut Frame) -> Option<Binding> {
        use sem::Builtin as Bi;
        if let ExprKind::Builtin(Bi::MulWide, args) = &e.kind {
            let t = self.wide_of(args[0].ty)?;
            let (a, b) = (self.w_value(&args[0], f), self.w_value(&args[1], f));
            let lo = self.w_mul(a, b);
            let hi = if t.is_signed() { self.w_mul_hi_s(a, b) } else { self.w_mul_hi_u(a, b) };
            return Some(Binding::Record(vec![Self::w_bind(lo), Self::w_bind(hi)]));
        }
        let t = self.wide_of(e.ty)?;
        if let Some(w) = self.f64_binding(t, e, f) {
            return Some(Self::w_bind(w));
        }
        let signed = t.is_signed();
        let w = match &e.kind {
            ExprKind::Unary(op, x) => {
                let a = self.w_value(x, f);
                match op {
                    UnOp::Neg => self.w_neg(a),
                    UnOp::BitNot => {
                        let ones = self.k(u32::MAX);
                        let ones = W { lo: ones, hi: ones };
                        self.w_bits(BinOp::BitXor, a, ones)
                    }
                    UnOp::Not => unreachable!("`!` takes a bool"),
                }
            }
            ExprKind::Binary(op @ (BinOp::Shl | BinOp::Shr), l, r) => {
                let a = self.w_value(l, f);
                let s = match self.wide_of(r.ty) {
                    Some(_) => self.w_value(r, f).lo,
                    None => {
                        let s = self.expr(r, f);
                        self.as_word(s)
                    }
                };
                if *op == BinOp::Shl { self.w_shl(a, s) } else { self.w_shr(a, s, signed) }
            }
            ExprKind::Binary(op, l, r) => {
                let (a, b) = (self.w_value(l, f), self.w_value(r, f));
                match op {
                    BinOp::Add => self.w_add(a, b),
                    BinOp::Sub => self.w_sub(a, b),
                    BinOp::Mul => self.w_mul(a, b),
                    BinOp::Div | BinOp::Rem => {
                        // By a constant: a shift or a multiply by a magic number instead of the 64-trip loop.
                        let (q, r) = match (self.w_const_of(b), signed) {
                            (Some(d), false) if d != 0 => self.w_divrem_u_const(a, d),
                            (Some(d), true) if d != 0 => self.w_divrem_s_const(a, d as i64),
                            (_, true) => self.w_divrem_s(a, b),
                            (_, false) => self.w_divrem_u(a, b),
                        };
                        if *op == BinOp::Div { q } else { r }
                    }
                    BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor => self.w_bits(*op, a, b),
                    _ => unreachable!("comparisons and `&&`/`||` have bool results"),
                }
            }
            ExprKind::Cast(x, to) => match self.wide_of(x.ty) {
                // Between u64 and i64: the same bits.
                Some(_) => self.w_value(x, f),
                None => {
                    let v = self.expr(x, f);
                    self.w_from_narrow(x.ty.elem(), *to, v)
                }
            },
            ExprKind::Builtin(bi, args) if !matches!(bi, Bi::Select) => {
                let vals: Vec<W> = args.iter().map(|a| self.w_value(a, f)).collect();
                let (a, b) = (vals[0], vals.get(1).copied().unwrap_or(vals[0]));
                match bi {
                    Bi::Min => {
                        let c = self.w_lt(t, b, a);
                        self.sel_w(c, b, a)
                    }
                    Bi::Max => {
                        let c = self.w_lt(t, a, b);
                        self.sel_w(c, b, a)
                    }
                    Bi::Clamp => {
                        let c = self.w_lt(t, a, b);
                        let m = self.sel_w(c, b, a);
                        let c = self.w_lt(t, vals[2], m);
                        self.sel_w(c, vals[2], m)
                    }
                    Bi::Abs if signed => {
                        let n = self.neg_word(a.hi);
                        let m = self.w_neg(a);
                        self.sel_w(n, m, a)
                    }
                    Bi::Abs => a,
                    Bi::SaturatingAdd | Bi::SaturatingSub => {
                        let sub = *bi == Bi::SaturatingSub;
                        let (r, ovf) = self.w_overflows(t, sub, a, b);
                        let bound = if signed {
                            let n = self.neg_word(a.hi);
                            let (min, max) = (self.w_const(i64::MIN as u64), self.w_const(i64::MAX as u64));
                            self.sel_w(n, min, max)
                        } else if sub {
                            self.w_const(0)
                        } else {
                            self.w_const(u64::MAX)
                        };
                        self.sel_w(ovf, bound, r)
                    }
                    Bi::MulHi if signed => self.w_mul_hi_s(a, b),
                    Bi::MulHi => self.w_mul_hi_u(a, b),
                    _ => unreachable!("the checker gives no other builtin a 64-bit result"),
                }
            }
            _ => return None,
        };
        Some(Self::w_bind(w))
    }

    /// A 64-bit-typed expression that computes with `f64` (its result, an operand or a cast's
    /// source is `f64`), as its two words; `None` for any other.
    fn f64_binding(&mut self, t: ScalarType, e: &Expr, f: &mut Frame) -> Option<W> {
        use sem::Builtin as Bi;
        let is_f64 = |lw: &Self, x: &Expr| lw.wide_of(x.ty) == Some(ScalarType::F64);
        Some(match &e.kind {
            ExprKind::Unary(UnOp::Neg, x) if t == ScalarType::F64 => {
                let a = self.w_value(x, f);
                let top = self.k(0x8000_0000);
                W { lo: a.lo, hi: self.bin(BinOp::BitXor, a.hi, top) }
            }
            ExprKind::Binary(op, l, r) if t == ScalarType::F64 => {
                let words = self.f64_operands(&[l, r], f);
                self.f64_pair(F64Op::Binary(*op), words)
            }
            ExprKind::Cast(x, to) if t == ScalarType::F64 || is_f64(self, x) => {
                let from = self.wide_of(x.ty).unwrap_or(x.ty.elem());
                if from == *to {
                    return Some(self.w_value(x, f));
                }
                let words = self.f64_operands(&[x], f);
                self.f64_pair(F64Op::Cast(from, *to), words)
            }
            ExprKind::Builtin(bi, args) if !matches!(bi, Bi::Select) && args.first().is_some_and(|a| is_f64(self, a)) => match bi {
                Bi::Abs => {
                    let a = self.w_value(&args[0], f);
                    let zero = self.k(0);
                    self.f64_with_sign(a, zero)
                }
                Bi::CopySign => {
                    let (a, b) = (self.w_value(&args[0], f), self.w_value(&args[1], f));
                    self.f64_with_sign(a, b.hi)
                }
                // The same 64 bits.
                Bi::Bits => self.w_value(&args[0], f),
                _ => {
                    let refs: Vec<&Expr> = args.iter().collect();
                    let words = self.f64_operands(&refs, f);
                    self.f64_pair(F64Op::Builtin(*bi), words)
                }
            },
            ExprKind::Builtin(Bi::FromBits, args) if t == ScalarType::F64 => self.w_value(&args[0], f),
            _ => return None,
        })
    }

    /// The pair of a 64-bit loop counter: `start` plus the trip `k` (an `i32` counting from 0).
    pub(super) fn wide_counter(&mut self, k: Val, start: i64) -> Binding {
        let trip = self.w_from_narrow(I, ScalarType::I64, k);
        let start = self.w_const(start as u64);
        let w = self.w_add(start, trip);
        Self::w_bind(w)
    }

    /// An index of a 64-bit type as a `u32` index: its low word, or `u32::MAX` (out of bounds of
    /// every array) when the value does not fit one.
    pub(super) fn wide_index(&mut self, ix: &Expr, f: &mut Frame) -> Option<Val> {
        self.wide_of(ix.ty)?;
        let w = self.w_value(ix, f);
        let (zero, ones) = (self.k(0), self.k(u32::MAX));
        let fits = self.bin(BinOp::Eq, w.hi, zero);
        Some(self.sel(U, fits, w.lo, ones))
    }
}

/// The magic number of unsigned 64-bit division by `d` (not a power of two, not 0), as libdivide
/// computes it (Granlund and Montgomery): `(magic, shift, add)`, with `n / d` equal to
/// `mul_hi(n, magic) >> shift` when not `add`, and to `((n - h) / 2 + h) >> shift`, `h = mul_hi(n,
/// magic)`, when the exact magic number needs 65 bits (`add`).
pub(crate) fn magic_u64(d: u64) -> (u64, u32, bool) {
    debug_assert!(d != 0 && !d.is_power_of_two());
    let log = 63 - d.leading_zeros();
    let num = 1u128 << (64 + log);
    let (mut m, rem) = ((num / d as u128) as u64, (num % d as u128) as u64);
    let e = d - rem;
    let add = e >= 1u64 << log;
    if add {
        m = m.wrapping_add(m);
        let twice = rem.wrapping_add(rem);
        if twice >= d || twice < rem {
            m = m.wrapping_add(1);
        }
    }
    (m.wrapping_add(1), log, add)
}

#[cfg(test)]
mod tests {
    use super::magic_u64;

    /// The formula [`magic_u64`] feeds, in Rust, against Rust's division.
    fn by_magic(n: u64, d: u64) -> u64 {
        if d.is_power_of_two() {
            return n >> d.trailing_zeros();
        }
        let (m, shift, add) = magic_u64(d);
        let h = ((n as u128 * m as u128) >> 64) as u64;
        if add { (((n - h) >> 1) + h) >> shift } else { h >> shift }
    }

    #[test]
    fn magic_numbers_divide_exactly() {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut divisors: Vec<u64> =
            vec![3, 5, 6, 7, 10, 100, 1000, 641, 6_700_417, (1 << 32) + 1, u64::MAX, u64::MAX - 1, (1 << 63) + 1, 1 << 63];
        divisors.extend((3..2000u64).filter(|d| !d.is_power_of_two()));
        divisors.extend((0..2000).map(|_| next() >> (next() % 64)).filter(|d| *d > 1));
        for d in divisors {
            for n in [0, 1, d - 1, d, d.wrapping_add(1), u64::MAX, u64::MAX - 1, 1 << 63, (1 << 63) - 1, d.wrapping_mul(3)] {
                assert_eq!(by_magic(n, d), n / d, "{n} / {d}");
            }
            for _ in 0..50 {
                let n = next();
                assert_eq!(by_magic(n, d), n / d, "{n} / {d}");
            }
        }
    }
}

//! SMT-LIB terms for every operator, cast and builtin of `docs/semantics.md` on 32-bit patterns:
//! `bool` as the Bool sort, `u32`/`i32`/`f32` as `(_ BitVec 32)`; floats go through the
//! floating-point theory only where arithmetic or comparison needs it.

use easy_smt::{Context, SExpr};

use crate::sem::{Builtin, ScalarType};
use crate::syntax::ast::{BinOp, UnOp};

/// One operator of the language, with the operand type kept beside it (as in [`crate::ir::Op`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operator {
    Unary(UnOp),
    /// Operands of the given type (for shifts, the left operand's).
    Binary(BinOp),
    /// A cast to this type from the operand type.
    Cast(ScalarType),
    /// A builtin whose first argument (after `select`'s condition) has the operand type.
    Builtin(Builtin),
}

impl Operator {
    /// Whether argument `i` is a `bool` (an SMT Bool) for operand type `ty`.
    pub fn arg_is_bool(self, ty: ScalarType, i: usize) -> bool {
        match self {
            Operator::Builtin(Builtin::Select) => i == 0 || ty == ScalarType::Bool,
            Operator::Binary(BinOp::Shl | BinOp::Shr) => false,
            _ => ty == ScalarType::Bool,
        }
    }

    /// The result type on operand type `ty`, or `None` where the language does not define it.
    pub fn result_type(self, ty: ScalarType) -> Option<ScalarType> {
        use ScalarType as S;
        match self {
            Operator::Unary(UnOp::Not) => (ty == S::Bool).then_some(S::Bool),
            Operator::Unary(UnOp::Neg) => matches!(ty, S::I32 | S::F32).then_some(ty),
            Operator::Unary(UnOp::BitNot) => ty.is_int().then_some(ty),
            Operator::Binary(op) => {
                use BinOp::*;
                let defined = match op {
                    Add | Sub | Mul | Div | Lt | Le | Gt | Ge => ty.is_numeric(),
                    Rem | Shl | Shr => ty.is_int(),
                    BitAnd | BitOr | BitXor => ty.is_int() || ty == S::Bool,
                    Eq | Ne => true,
                    And | Or => ty == S::Bool,
                };
                defined.then_some(if op.is_comparison() || matches!(op, And | Or) { S::Bool } else { ty })
            }
            Operator::Cast(to) => (to != S::Bool || ty == S::Bool).then_some(to),
            Operator::Builtin(bi) => {
                use Builtin::*;
                match bi {
                    Select => Some(ty),
                    Min | Max | Clamp | Abs if ty.is_numeric() => Some(ty),
                    Sqrt | Floor | Ceil | Round | Trunc | Fma if ty == S::F32 => Some(ty),
                    IsNan | IsInf | IsFinite if ty == S::F32 => Some(S::Bool),
                    Bits if matches!(ty, S::F32 | S::I32) => Some(S::U32),
                    FromBits if ty == S::U32 => Some(S::F32),
                    CountOnes | LeadingZeros | TrailingZeros if ty.is_int() => Some(S::U32),
                    AddOverflows | SubOverflows | MulOverflows if ty.is_int() => Some(S::Bool),
                    SaturatingAdd | SaturatingSub | MulHi if ty.is_int() => Some(ty),
                    CopySign | NextUp | NextDown if ty == S::F32 => Some(ty),
                    UlpDistance if ty == S::F32 => Some(S::U32),
                    _ => None,
                }
            }
        }
    }
}

/// An operator the encoding does not define (never produced by lowering a checked spec).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotEncodable(pub String);

/// Builds terms in one solver context. Declares the fresh constants that results of float
/// arithmetic need (their bits are fixed by the value, except for a NaN, whose bits are free)
/// and remembers the "this result is NaN" condition of each.
pub struct Terms {
    pub ctx: Context,
    next: u64,
    /// `fp.isNaN` of each float produced by arithmetic since the last [`Terms::take_produced_nans`].
    produced_nans: Vec<SExpr>,
    /// Counts the definitions sent: the solver's watchdog sees a session that stopped making progress.
    pub progress: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

const SIGN: u32 = 0x8000_0000;
const MAG: u32 = 0x7FFF_FFFF;
const EXP: u32 = 0x7F80_0000;

impl Terms {
    pub fn new(ctx: Context) -> Terms {
        Terms { ctx, next: 0, produced_nans: Vec::new(), progress: Default::default() }
    }

    pub fn fresh_name(&mut self, prefix: &str) -> String {
        self.next += 1;
        self.progress.store(self.next, std::sync::atomic::Ordering::Relaxed);
        format!("{prefix}{}", self.next)
    }

    pub fn take_produced_nans(&mut self) -> Vec<SExpr> {
        std::mem::take(&mut self.produced_nans)
    }

    pub fn bv_sort(&self) -> SExpr {
        self.ctx.bit_vec_sort(self.ctx.numeral(32))
    }

    /// A 32-bit constant.
    pub fn bv(&self, v: u32) -> SExpr {
        self.ctx.atom(format!("#x{v:08x}"))
    }

    /// The disjunction of `terms` (`false` for none).
    pub fn any(&self, terms: Vec<SExpr>) -> SExpr {
        match terms.len() {
            0 => self.ctx.false_(),
            1 => terms[0],
            _ => self.ctx.or_many(terms),
        }
    }

    pub fn boolean(&self, v: bool) -> SExpr {
        if v { self.ctx.true_() } else { self.ctx.false_() }
    }

    fn indexed(&self, name: &str, args: &[i64]) -> SExpr {
        let mut items = vec![self.ctx.atom("_"), self.ctx.atom(name)];
        items.extend(args.iter().map(|a| self.ctx.numeral(*a)));
        self.ctx.list(items)
    }

    fn app(&self, f: SExpr, args: &[SExpr]) -> SExpr {
        let mut items = vec![f];
        items.extend_from_slice(args);
        self.ctx.list(items)
    }

    fn op(&self, name: &str, args: &[SExpr]) -> SExpr {
        self.app(self.ctx.atom(name), args)
    }

    /// The float whose IEEE bits are `x`.
    pub fn fp(&self, x: SExpr) -> SExpr {
        self.app(self.indexed("to_fp", &[8, 24]), &[x])
    }

    /// `fp.isNaN` on the bits `x` (the same as sem's `(bits & 0x7FFFFFFF) > 0x7F800000`).
    pub fn is_nan_bits(&self, x: SExpr) -> SExpr {
        self.ctx.bvugt(self.ctx.bvand(x, self.bv(MAG)), self.bv(EXP))
    }

    fn rm(&self, mode: &str) -> SExpr {
        self.ctx.atom(mode)
    }

    fn bit(&self, x: SExpr, i: i32) -> SExpr {
        self.ctx.eq(self.ctx.extract(i, i, x), self.ctx.binary(1, 1))
    }

    fn ext(&self, signed: bool, by: i64, x: SExpr) -> SExpr {
        self.app(self.indexed(if signed { "sign_extend" } else { "zero_extend" }, &[by]), &[x])
    }

    /// The bits of a float computed by arithmetic: a fresh constant equal (as a float) to `value`.
    /// SMT-LIB's `=` identifies every NaN, so a NaN result gets every NaN pattern (sign and payload
    /// unspecified, semantics.md "NaN bits"); every other value has exactly one pattern.
    fn produced(&mut self, value: SExpr, may_be_nan: bool) -> std::io::Result<SExpr> {
        let name = self.fresh_name("f");
        let sort = self.bv_sort();
        let r = self.ctx.declare_const(name, sort)?;
        let is_value = self.ctx.eq(self.fp(r), value);
        self.ctx.assert(is_value)?;
        if may_be_nan {
            self.produced_nans.push(self.op("fp.isNaN", &[value]));
        }
        Ok(r)
    }

    fn float_binary(&mut self, name: &str, x: SExpr, y: SExpr) -> std::io::Result<SExpr> {
        let v = self.op(name, &[self.rm("RNE"), self.fp(x), self.fp(y)]);
        self.produced(v, true)
    }

    fn round_integral(&mut self, mode: &str, x: SExpr) -> std::io::Result<SExpr> {
        let v = self.op("fp.roundToIntegral", &[self.rm(mode), self.fp(x)]);
        self.produced(v, true)
    }

    /// `f32_min`/`f32_max` of sem: a NaN operand yields the other, else `b` when `b < a` (`b > a`), else `a`.
    fn float_min_max(&self, max: bool, a: SExpr, b: SExpr) -> SExpr {
        let c = &self.ctx;
        let b_wins = self.op(if max { "fp.gt" } else { "fp.lt" }, &[self.fp(b), self.fp(a)]);
        c.ite(self.is_nan_bits(a), b, c.ite(self.is_nan_bits(b), a, c.ite(b_wins, b, a)))
    }

    fn int_min_max(&self, max: bool, ty: ScalarType, a: SExpr, b: SExpr) -> SExpr {
        let c = &self.ctx;
        let a_le_b = if ty == ScalarType::I32 { c.bvsle(a, b) } else { c.bvule(a, b) };
        if max { c.ite(a_le_b, b, a) } else { c.ite(a_le_b, a, b) }
    }

    /// Whether the exact result of `op` on `a`, `b` (computed in 64 bits) is outside the range of `ty`.
    fn overflows(&self, op: BinOp, ty: ScalarType, a: SExpr, b: SExpr) -> SExpr {
        let c = &self.ctx;
        let signed = ty == ScalarType::I32;
        let (wa, wb) = (self.ext(signed, 32, a), self.ext(signed, 32, b));
        let exact = match op {
            BinOp::Add => c.bvadd(wa, wb),
            BinOp::Sub => c.bvsub(wa, wb),
            _ => c.bvmul(wa, wb),
        };
        let fits = c.eq(exact, self.ext(signed, 32, c.extract(31, 0, exact)));
        c.not(fits)
    }

    /// `x / y` and `x % y` with sem's rules for a zero divisor (`i32::MIN / -1` wraps in `bvsdiv` already).
    fn int_div_rem(&self, rem: bool, ty: ScalarType, x: SExpr, y: SExpr) -> SExpr {
        let c = &self.ctx;
        let zero = c.eq(y, self.bv(0));
        match (rem, ty == ScalarType::I32) {
            (false, false) => c.ite(zero, x, c.bvudiv(x, y)),
            (false, true) => c.ite(zero, x, c.bvsdiv(x, y)),
            (true, false) => c.ite(zero, self.bv(0), c.bvurem(x, y)),
            (true, true) => c.ite(zero, self.bv(0), c.bvsrem(x, y)),
        }
    }

    fn popcount(&self, x: SExpr) -> SExpr {
        let c = &self.ctx;
        let bv = |v| self.bv(v);
        let x = c.bvsub(x, c.bvand(c.bvlshr(x, bv(1)), bv(0x5555_5555)));
        let x = c.bvadd(c.bvand(x, bv(0x3333_3333)), c.bvand(c.bvlshr(x, bv(2)), bv(0x3333_3333)));
        let x = c.bvand(c.bvadd(x, c.bvlshr(x, bv(4))), bv(0x0F0F_0F0F));
        c.bvlshr(c.bvmul(x, bv(0x0101_0101)), bv(24))
    }

    /// Zeros above the highest 1 (`leading`) or below the lowest 1; 32 for 0.
    fn count_zeros(&self, leading: bool, x: SExpr) -> SExpr {
        let mut t = self.bv(32);
        for k in (0..32).rev() {
            let bit = if leading { 31 - k } else { k };
            t = self.ctx.ite(self.bit(x, bit), self.bv(k as u32), t);
        }
        t
    }

    /// `f32 -> u32/i32`: truncate toward zero, saturate, NaN to 0.
    fn float_to_int(&self, to: ScalarType, x: SExpr) -> SExpr {
        let c = &self.ctx;
        let f = self.fp(x);
        let lit = |bits: u32| self.fp(self.bv(bits));
        if to == ScalarType::U32 {
            // Below 1.0 truncates to 0 (negatives saturate to 0); 2^32 and above saturate.
            let conv = self.app(self.indexed("fp.to_ubv", &[32]), &[self.rm("RTZ"), f]);
            let low = self.op("fp.lt", &[f, lit(1.0f32.to_bits())]);
            let high = self.op("fp.geq", &[f, lit(4_294_967_296.0f32.to_bits())]);
            c.ite(self.is_nan_bits(x), self.bv(0), c.ite(low, self.bv(0), c.ite(high, self.bv(u32::MAX), conv)))
        } else {
            let conv = self.app(self.indexed("fp.to_sbv", &[32]), &[self.rm("RTZ"), f]);
            let low = self.op("fp.leq", &[f, lit((-2_147_483_648.0f32).to_bits())]);
            let high = self.op("fp.geq", &[f, lit(2_147_483_648.0f32.to_bits())]);
            let (min, max) = (i32::MIN as u32, i32::MAX as u32);
            c.ite(self.is_nan_bits(x), self.bv(0), c.ite(low, self.bv(min), c.ite(high, self.bv(max), conv)))
        }
    }

    fn cast(&mut self, from: ScalarType, to: ScalarType, x: SExpr) -> Result<SExpr, EncodeError> {
        use ScalarType::*;
        let c = &self.ctx;
        Ok(match (from, to) {
            (a, b) if a == b => x,
            (Bool, U32 | I32) => c.ite(x, self.bv(1), self.bv(0)),
            (Bool, F32) => c.ite(x, self.bv(1.0f32.to_bits()), self.bv(0)),
            (U32, I32) | (I32, U32) => x,
            (U32 | I32, F32) => {
                let conv = if from == U32 { "to_fp_unsigned" } else { "to_fp" };
                let v = self.app(self.indexed(conv, &[8, 24]), &[self.rm("RNE"), x]);
                self.produced(v, false)?
            }
            (F32, U32 | I32) => self.float_to_int(to, x),
            (F32, Bool) => c.not(c.eq(c.bvand(x, self.bv(MAG)), self.bv(0))),
            (U32 | I32, Bool) => c.not(c.eq(x, self.bv(0))),
            _ => return Err(EncodeError::NotEncodable(NotEncodable(format!("cast from {from} to {to}")))),
        })
    }

    // ------------------------------------------------------------------ f64

    fn bv64(&self, v: u64) -> SExpr {
        self.ctx.atom(format!("#x{v:016x}"))
    }

    /// The `f64` whose IEEE bits are the 64-bit vector `x`.
    fn fp64(&self, x: SExpr) -> SExpr {
        self.app(self.indexed("to_fp", &[11, 53]), &[x])
    }

    /// `is_nan` on the 64 bits `x`.
    fn is_nan64(&self, x: SExpr) -> SExpr {
        self.ctx.bvugt(self.ctx.bvand(x, self.bv64(!(1 << 63))), self.bv64(0x7FF0_0000_0000_0000))
    }

    /// [`Terms::produced`] for a float of `eb` exponent and `sb` significand bits, in a `width`-bit vector.
    fn produced_fp(&mut self, value: SExpr, width: i64, (eb, sb): (i64, i64)) -> std::io::Result<SExpr> {
        let name = self.fresh_name("f");
        let sort = self.ctx.bit_vec_sort(self.ctx.numeral(width));
        let r = self.ctx.declare_const(name, sort)?;
        let as_float = self.app(self.indexed("to_fp", &[eb, sb]), &[r]);
        let is_value = self.ctx.eq(as_float, value);
        self.ctx.assert(is_value)?;
        self.produced_nans.push(self.op("fp.isNaN", &[value]));
        Ok(r)
    }

    /// `f64 -> integer` of `width` bits (a narrow type's carrier is 32 bits, its range `lo..=hi`):
    /// truncate toward zero, saturate, NaN to 0.
    fn f64_to_int(&self, signed: bool, width: i64, lo: i128, hi: i128, x: SExpr) -> SExpr {
        let c = &self.ctx;
        let f = self.fp64(x);
        let lit = |v: f64| self.fp64(self.bv64(v.to_bits()));
        let word = |v: i128| if width == 64 { self.bv64(v as u64) } else { self.bv(v as u32) };
        let conv = self.app(self.indexed(if signed { "fp.to_sbv" } else { "fp.to_ubv" }, &[width]), &[self.rm("RTZ"), f]);
        // Below lo (above hi) after truncation: at or below lo - 1 (at or above hi + 1), both exact in f64 or
        // rounded outward, as the bounds are powers of two or small.
        let low = self.op("fp.leq", &[f, lit(lo as f64 - 1.0)]);
        let high = self.op("fp.geq", &[f, lit(hi as f64 + 1.0)]);
        c.ite(self.is_nan64(x), word(0), c.ite(low, word(lo), c.ite(high, word(hi), conv)))
    }

    /// An `f64` operation (`ir::Op::Float64`) on its operands as the solver holds them: a 64-bit vector per
    /// 64-bit operand (its words concatenated), a 32-bit vector or a Bool otherwise. The result is a 64-bit
    /// vector for a 64-bit type, a Bool for `bool`, else a 32-bit vector.
    pub fn float64(&mut self, op: crate::sem::wide::F64Op, a: &[SExpr]) -> Result<SExpr, EncodeError> {
        use crate::sem::wide::F64Op;
        use ScalarType::*;
        const BINARY64: (i64, i64) = (11, 53);
        let not_encodable = || EncodeError::NotEncodable(NotEncodable(format!("{} on f64", op.name())));
        let rne = self.rm("RNE");
        Ok(match op {
            F64Op::Binary(b) => {
                let (x, y) = (self.fp64(a[0]), self.fp64(a[1]));
                let name = match b {
                    BinOp::Add => "fp.add",
                    BinOp::Sub => "fp.sub",
                    BinOp::Mul => "fp.mul",
                    BinOp::Div => "fp.div",
                    BinOp::Eq => return Ok(self.op("fp.eq", &[x, y])),
                    BinOp::Ne => return Ok(self.ctx.not(self.op("fp.eq", &[x, y]))),
                    BinOp::Lt => return Ok(self.op("fp.lt", &[x, y])),
                    BinOp::Le => return Ok(self.op("fp.leq", &[x, y])),
                    BinOp::Gt => return Ok(self.op("fp.gt", &[x, y])),
                    BinOp::Ge => return Ok(self.op("fp.geq", &[x, y])),
                    _ => return Err(not_encodable()),
                };
                let v = self.op(name, &[rne, x, y]);
                self.produced_fp(v, 64, BINARY64)?
            }
            F64Op::Cast(from, to) if from == to => a[0],
            F64Op::Cast(F64, F32) => {
                let v = self.app(self.indexed("to_fp", &[8, 24]), &[rne, self.fp64(a[0])]);
                self.produced_fp(v, 32, (8, 24))?
            }
            F64Op::Cast(F32, F64) => {
                let v = self.app(self.indexed("to_fp", &[11, 53]), &[rne, self.fp(a[0])]);
                self.produced_fp(v, 64, BINARY64)?
            }
            F64Op::Cast(Bool, F64) => self.ctx.ite(a[0], self.bv64(1.0f64.to_bits()), self.bv64(0)),
            F64Op::Cast(from, F64) => {
                let conv = if from.is_signed() { "to_fp" } else { "to_fp_unsigned" };
                let v = self.app(self.indexed(conv, &[11, 53]), &[rne, a[0]]);
                self.produced_fp(v, 64, BINARY64)?
            }
            F64Op::Cast(F64, Bool) => self.ctx.not(self.ctx.eq(self.ctx.bvand(a[0], self.bv64(!(1 << 63))), self.bv64(0))),
            F64Op::Cast(F64, to) => {
                let (lo, hi) = to.int_range128();
                self.f64_to_int(to.is_signed(), to.width().max(32) as i64, lo, hi, a[0])
            }
            F64Op::Cast(..) => return Err(not_encodable()),
            F64Op::Builtin(bi) => match bi {
                Builtin::Min | Builtin::Max => {
                    let max = bi == Builtin::Max;
                    let c = &self.ctx;
                    let b_wins = self.op(if max { "fp.gt" } else { "fp.lt" }, &[self.fp64(a[1]), self.fp64(a[0])]);
                    c.ite(self.is_nan64(a[0]), a[1], c.ite(self.is_nan64(a[1]), a[0], c.ite(b_wins, a[1], a[0])))
                }
                Builtin::Clamp => {
                    let m = self.float64(F64Op::Builtin(Builtin::Max), &a[..2])?;
                    self.float64(F64Op::Builtin(Builtin::Min), &[m, a[2]])?
                }
                Builtin::Sqrt => {
                    let v = self.op("fp.sqrt", &[rne, self.fp64(a[0])]);
                    self.produced_fp(v, 64, BINARY64)?
                }
                Builtin::Fma => {
                    let v = self.op("fp.fma", &[rne, self.fp64(a[0]), self.fp64(a[1]), self.fp64(a[2])]);
                    self.produced_fp(v, 64, BINARY64)?
                }
                Builtin::Floor | Builtin::Ceil | Builtin::Round | Builtin::Trunc => {
                    let mode = match bi {
                        Builtin::Floor => "RTN",
                        Builtin::Ceil => "RTP",
                        Builtin::Round => "RNE",
                        _ => "RTZ",
                    };
                    let v = self.op("fp.roundToIntegral", &[self.rm(mode), self.fp64(a[0])]);
                    self.produced_fp(v, 64, BINARY64)?
                }
                Builtin::NextUp | Builtin::NextDown => {
                    // On the bits, as sem (Rust's next_up/next_down), like the f32 form.
                    let c = &self.ctx;
                    let up = bi == Builtin::NextUp;
                    let x = a[0];
                    let sign = self.bv64(1 << 63);
                    let inf = if up { 0x7FF0_0000_0000_0000 } else { 0xFFF0_0000_0000_0000 };
                    let stays = c.or(self.is_nan64(x), c.eq(x, self.bv64(inf)));
                    let zero = c.eq(c.bvand(x, self.bv64(!(1 << 63))), self.bv64(0));
                    let positive = c.eq(c.bvand(x, sign), self.bv64(0));
                    let grow = if up { positive } else { c.not(positive) };
                    let step = c.ite(grow, c.bvadd(x, self.bv64(1)), c.bvsub(x, self.bv64(1)));
                    c.ite(stays, x, c.ite(zero, self.bv64(if up { 1 } else { (1 << 63) | 1 }), step))
                }
                Builtin::UlpDistance => {
                    // ord(x) in 65 bits: the magnitude, negated for a set sign bit; u64::MAX for a NaN.
                    let c = &self.ctx;
                    let ord = |x: SExpr| {
                        let mag = self.ext(false, 1, c.bvand(x, self.bv64(!(1 << 63))));
                        c.ite(c.eq(c.extract(63, 63, x), c.binary(1, 0)), mag, c.bvneg(mag))
                    };
                    let d = c.bvsub(ord(a[0]), ord(a[1]));
                    let abs = c.ite(c.bvslt(d, c.binary(65, 0)), c.bvneg(d), d);
                    let nan = c.or(self.is_nan64(a[0]), self.is_nan64(a[1]));
                    c.ite(nan, self.bv64(u64::MAX), c.extract(63, 0, abs))
                }
                Builtin::IsNan => self.is_nan64(a[0]),
                Builtin::IsInf => self.ctx.eq(self.ctx.bvand(a[0], self.bv64(!(1 << 63))), self.bv64(0x7FF0_0000_0000_0000)),
                Builtin::IsFinite => {
                    let e = self.bv64(0x7FF0_0000_0000_0000);
                    self.ctx.not(self.ctx.eq(self.ctx.bvand(a[0], e), e))
                }
                _ => return Err(not_encodable()),
            },
        })
    }

    /// The term of `operator` on operand type `ty` applied to `args` (Bool terms for `bool`
    /// arguments, 32-bit vectors otherwise; see [`Operator::arg_is_bool`]).
    pub fn apply(&mut self, operator: Operator, ty: ScalarType, args: &[SExpr]) -> Result<SExpr, EncodeError> {
        use ScalarType::*;
        let not_encodable = || EncodeError::NotEncodable(NotEncodable(format!("{operator:?} on {ty}")));
        operator.result_type(ty).ok_or_else(not_encodable)?;
        let arity = match operator {
            Operator::Unary(_) | Operator::Cast(_) => 1,
            Operator::Binary(_) => 2,
            Operator::Builtin(bi) => bi.arity(),
        };
        if args.len() != arity {
            return Err(not_encodable());
        }
        let c = &self.ctx;
        Ok(match operator {
            Operator::Unary(op) => match (op, ty) {
                (UnOp::Neg, F32) => c.bvxor(args[0], self.bv(SIGN)),
                (UnOp::Neg, _) => c.bvneg(args[0]),
                (UnOp::Not, _) => c.not(args[0]),
                (UnOp::BitNot, _) => c.bvnot(args[0]),
            },
            Operator::Binary(op) => {
                let (x, y) = (args[0], args[1]);
                use BinOp::*;
                match (op, ty) {
                    (Add, F32) => return Ok(self.float_binary("fp.add", x, y)?),
                    (Sub, F32) => return Ok(self.float_binary("fp.sub", x, y)?),
                    (Mul, F32) => return Ok(self.float_binary("fp.mul", x, y)?),
                    (Div, F32) => return Ok(self.float_binary("fp.div", x, y)?),
                    (Add, _) => c.bvadd(x, y),
                    (Sub, _) => c.bvsub(x, y),
                    (Mul, _) => c.bvmul(x, y),
                    (Div, _) => self.int_div_rem(false, ty, x, y),
                    (Rem, _) => self.int_div_rem(true, ty, x, y),
                    (BitAnd, Bool) => c.and(x, y),
                    (BitOr, Bool) => c.or(x, y),
                    (BitXor, Bool) => c.xor(x, y),
                    (BitAnd, _) => c.bvand(x, y),
                    (BitOr, _) => c.bvor(x, y),
                    (BitXor, _) => c.bvxor(x, y),
                    (Shl, _) => c.bvshl(x, c.bvand(y, self.bv(31))),
                    (Shr, I32) => c.bvashr(x, c.bvand(y, self.bv(31))),
                    (Shr, _) => c.bvlshr(x, c.bvand(y, self.bv(31))),
                    (Eq, F32) => self.op("fp.eq", &[self.fp(x), self.fp(y)]),
                    (Ne, F32) => c.not(self.op("fp.eq", &[self.fp(x), self.fp(y)])),
                    (Lt, F32) => self.op("fp.lt", &[self.fp(x), self.fp(y)]),
                    (Le, F32) => self.op("fp.leq", &[self.fp(x), self.fp(y)]),
                    (Gt, F32) => self.op("fp.gt", &[self.fp(x), self.fp(y)]),
                    (Ge, F32) => self.op("fp.geq", &[self.fp(x), self.fp(y)]),
                    (Eq, _) => c.eq(x, y),
                    (Ne, _) => c.not(c.eq(x, y)),
                    (Lt, I32) => c.bvslt(x, y),
                    (Le, I32) => c.bvsle(x, y),
                    (Gt, I32) => c.bvsgt(x, y),
                    (Ge, I32) => c.bvsge(x, y),
                    (Lt, _) => c.bvult(x, y),
                    (Le, _) => c.bvule(x, y),
                    (Gt, _) => c.bvugt(x, y),
                    (Ge, _) => c.bvuge(x, y),
                    (And, _) => c.and(x, y),
                    (Or, _) => c.or(x, y),
                }
            }
            Operator::Cast(to) => return self.cast(ty, to, args[0]),
            Operator::Builtin(bi) => {
                use Builtin::*;
                let a = args;
                match (bi, ty) {
                    (Select, _) => c.ite(a[0], a[1], a[2]),
                    (Min, F32) => self.float_min_max(false, a[0], a[1]),
                    (Max, F32) => self.float_min_max(true, a[0], a[1]),
                    (Min, _) => self.int_min_max(false, ty, a[0], a[1]),
                    (Max, _) => self.int_min_max(true, ty, a[0], a[1]),
                    (Clamp, F32) => self.float_min_max(false, self.float_min_max(true, a[0], a[1]), a[2]),
                    (Clamp, _) => self.int_min_max(false, ty, self.int_min_max(true, ty, a[0], a[1]), a[2]),
                    (Abs, U32) => a[0],
                    (Abs, I32) => c.ite(c.bvslt(a[0], self.bv(0)), c.bvneg(a[0]), a[0]),
                    (Abs, _) => c.bvand(a[0], self.bv(MAG)),
                    (Sqrt, _) => {
                        let v = self.op("fp.sqrt", &[self.rm("RNE"), self.fp(a[0])]);
                        return Ok(self.produced(v, true)?);
                    }
                    (Floor, _) => return Ok(self.round_integral("RTN", a[0])?),
                    (Ceil, _) => return Ok(self.round_integral("RTP", a[0])?),
                    (Round, _) => return Ok(self.round_integral("RNE", a[0])?),
                    (Trunc, _) => return Ok(self.round_integral("RTZ", a[0])?),
                    (Fma, _) => {
                        let v = self.op("fp.fma", &[self.rm("RNE"), self.fp(a[0]), self.fp(a[1]), self.fp(a[2])]);
                        return Ok(self.produced(v, true)?);
                    }
                    (IsNan, _) => self.is_nan_bits(a[0]),
                    (IsInf, _) => c.eq(c.bvand(a[0], self.bv(MAG)), self.bv(EXP)),
                    (IsFinite, _) => c.not(c.eq(c.bvand(a[0], self.bv(EXP)), self.bv(EXP))),
                    (Bits | FromBits, _) => a[0],
                    (CountOnes, _) => self.popcount(a[0]),
                    (LeadingZeros, _) => self.count_zeros(true, a[0]),
                    (TrailingZeros, _) => self.count_zeros(false, a[0]),
                    (AddOverflows, _) => self.overflows(BinOp::Add, ty, a[0], a[1]),
                    (SubOverflows, _) => self.overflows(BinOp::Sub, ty, a[0], a[1]),
                    (MulOverflows, _) => self.overflows(BinOp::Mul, ty, a[0], a[1]),
                    (SaturatingAdd | SaturatingSub, _) => {
                        let (op, wrapped) =
                            if bi == SaturatingAdd { (BinOp::Add, c.bvadd(a[0], a[1])) } else { (BinOp::Sub, c.bvsub(a[0], a[1])) };
                        let over = self.overflows(op, ty, a[0], a[1]);
                        let limit = match (ty, op) {
                            (U32, BinOp::Add) => self.bv(u32::MAX),
                            (U32, _) => self.bv(0),
                            // An i32 sum or difference overflows toward the sign of `a`.
                            _ => c.ite(c.bvslt(a[0], self.bv(0)), self.bv(i32::MIN as u32), self.bv(i32::MAX as u32)),
                        };
                        c.ite(over, limit, wrapped)
                    }
                    (Len | MulWide, _) => return Err(not_encodable()),
                    (CopySign, _) => c.bvor(c.bvand(a[0], self.bv(MAG)), c.bvand(a[1], self.bv(SIGN))),
                    (NextUp | NextDown, _) => {
                        // On the bits, as sem (Rust's next_up/next_down): NaN and the infinity in
                        // the direction stay; either zero steps to the smallest subnormal of the
                        // direction's sign; otherwise one step of the magnitude.
                        let up = bi == NextUp;
                        let x = a[0];
                        let stays = c.or(self.is_nan_bits(x), c.eq(x, self.bv(if up { 0x7F80_0000 } else { 0xFF80_0000 })));
                        let zero = c.eq(c.bvand(x, self.bv(MAG)), self.bv(0));
                        let positive = c.eq(c.bvand(x, self.bv(SIGN)), self.bv(0));
                        let grow = if up { positive } else { c.not(positive) };
                        let step = c.ite(grow, c.bvadd(x, self.bv(1)), c.bvsub(x, self.bv(1)));
                        c.ite(stays, x, c.ite(zero, self.bv(if up { 1 } else { 0x8000_0001 }), step))
                    }
                    (UlpDistance, _) => {
                        // ord(x) in 64 bits: the magnitude, negated for a set sign bit.
                        let ord = |x: SExpr| {
                            let mag = self.ext(false, 32, c.bvand(x, self.bv(MAG)));
                            c.ite(c.eq(c.bvand(x, self.bv(SIGN)), self.bv(0)), mag, c.bvneg(mag))
                        };
                        let d = c.bvsub(ord(a[0]), ord(a[1]));
                        let abs = c.ite(c.bvslt(d, c.binary(64, 0)), c.bvneg(d), d);
                        let nan = c.or(self.is_nan_bits(a[0]), self.is_nan_bits(a[1]));
                        c.ite(nan, self.bv(u32::MAX), c.extract(31, 0, abs))
                    }
                    (MulHi, _) => {
                        let signed = ty == I32;
                        let wide = c.bvmul(self.ext(signed, 32, a[0]), self.ext(signed, 32, a[1]));
                        c.extract(63, 32, wide)
                    }
                }
            }
        })
    }
}

/// Why a term could not be built.
#[derive(Debug, thiserror::Error)]
pub enum EncodeError {
    #[error("not encodable: {}", .0.0)]
    NotEncodable(NotEncodable),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

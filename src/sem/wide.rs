//! The meaning of `u64`, `i64` and `f64`: every operator, cast and builtin on 64-bit patterns, as
//! Rust's own 64-bit integers and floats define them (wrapping arithmetic, `x / 0 == x`, `x % 0 ==
//! 0`, shift amounts modulo 64, saturating float casts; IEEE binary64 with the `f32` rules of
//! `docs/semantics.md`), with the same rules as the 32-bit types of [`super`].
//!
//! The front end (constants, the reference interpreter) computes with these; `ir::lower` spells
//! each of them in 32-bit operations on `(low, high)` word pairs, and the tests hold the two
//! against each other and against Rust. Every function takes any scalar type: a 32-bit type's
//! pattern is the low word, passed on to [`super`].

use super::{Builtin, ScalarType};
use crate::syntax::ast::{BinOp, UnOp};

/// The integer a pattern of `ty` stands for (signed types sign-extended; `bool` 0 or 1).
pub fn int_value(ty: ScalarType, bits: u64) -> i128 {
    match ty {
        ScalarType::F64 => f64::from_bits(bits) as i128,
        ScalarType::U64 => bits as i128,
        ScalarType::I64 => bits as i64 as i128,
        t => t.int_value(bits as u32) as i128,
    }
}

/// The pattern of `ty` holding `v` wrapped to the type (the low bits, as Rust's `as` between
/// integers).
pub fn wrap(ty: ScalarType, v: i128) -> u64 {
    if ty.is_wide() { v as u64 } else { ty.normalize(v as u32) as u64 }
}

fn b(v: bool) -> u64 {
    v as u64
}

/// A binary operator on two values of type `ty` (for shifts, `ty` is the left operand's type and
/// the amount any integer, taken modulo the width). Comparisons and `&&`/`||` yield 0 or 1.
pub fn binary(op: BinOp, ty: ScalarType, x: u64, y: u64) -> u64 {
    use BinOp::*;
    if !ty.is_wide() {
        return super::binary(op, ty, x as u32, y as u32) as u64;
    }
    if ty == ScalarType::F64 {
        let (p, q) = (d(x), d(y));
        return match op {
            Add => (p + q).to_bits(),
            Sub => (p - q).to_bits(),
            Mul => (p * q).to_bits(),
            Div => (p / q).to_bits(),
            Eq => b(p == q),
            Ne => b(p != q),
            Lt => b(p < q),
            Le => b(p <= q),
            Gt => b(p > q),
            Ge => b(p >= q),
            // `%`, bitwise operators, shifts and `&&`/`||` on floats are type errors.
            Rem | BitAnd | BitOr | BitXor | Shl | Shr | And | Or => 0,
        };
    }
    let signed = ty.is_signed();
    let (p, q) = (x as i64, y as i64);
    match op {
        Add => x.wrapping_add(y),
        Sub => x.wrapping_sub(y),
        Mul => x.wrapping_mul(y),
        Div if y == 0 => x,
        Div if signed => p.wrapping_div(q) as u64,
        Div => x / y,
        Rem if y == 0 => 0,
        Rem if signed => p.wrapping_rem(q) as u64,
        Rem => x % y,
        BitAnd => x & y,
        BitOr => x | y,
        BitXor => x ^ y,
        Shl => x << (y & 63),
        Shr if signed => (p >> (y & 63)) as u64,
        Shr => x >> (y & 63),
        Eq => b(x == y),
        Ne => b(x != y),
        Lt if signed => b(p < q),
        Le if signed => b(p <= q),
        Gt if signed => b(p > q),
        Ge if signed => b(p >= q),
        Lt => b(x < y),
        Le => b(x <= y),
        Gt => b(x > y),
        Ge => b(x >= y),
        And => b(x != 0 && y != 0),
        Or => b(x != 0 || y != 0),
    }
}

pub fn unary(op: UnOp, ty: ScalarType, x: u64) -> u64 {
    if !ty.is_wide() {
        return super::unary(op, ty, x as u32) as u64;
    }
    match op {
        UnOp::Neg if ty == ScalarType::F64 => x ^ SIGN,
        UnOp::Neg => x.wrapping_neg(),
        UnOp::Not => b(x == 0),
        UnOp::BitNot => !x,
    }
}

/// `x as to`, for `x` of type `from`: between integers the low bits of the value (sign-extended
/// from a signed type), from `f32` saturating with NaN to 0, to `f32` the nearest float with ties
/// to even: Rust's `as`.
pub fn cast(from: ScalarType, to: ScalarType, x: u64) -> u64 {
    if !from.is_wide() && !to.is_wide() {
        return super::cast(from, to, x as u32) as u64;
    }
    use ScalarType::*;
    match (from, to) {
        (a, c) if a == c => x,
        (F64, F32) => (d(x) as f32).to_bits() as u64,
        (F32, F64) => (f32::from_bits(x as u32) as f64).to_bits(),
        // Saturating, NaN to 0 (Rust's `as`).
        (F64, U64) => d(x) as u64,
        (F64, I64) => d(x) as i64 as u64,
        (F64, U32) => d(x) as u32 as u64,
        (F64, I32) => d(x) as i32 as u32 as u64,
        (F64, U16) => d(x) as u16 as u64,
        (F64, U8) => d(x) as u8 as u64,
        (F64, I16) => t32(I16, d(x) as i16 as i32 as u32),
        (F64, I8) => t32(I8, d(x) as i8 as i32 as u32),
        (F64, Bool) => b(x & !SIGN != 0),
        (U64, F64) => (x as f64).to_bits(),
        (I64, F64) => (x as i64 as f64).to_bits(),
        (Bool, F64) => (x as u32 as f64).to_bits(),
        (_, F64) if from.is_signed() => (int_value(from, x) as i64 as f64).to_bits(),
        (_, F64) => (int_value(from, x) as u64 as f64).to_bits(),
        (ScalarType::F32, ScalarType::U64) => f32::from_bits(x as u32) as u64,
        (ScalarType::F32, ScalarType::I64) => f32::from_bits(x as u32) as i64 as u64,
        (ScalarType::U64, ScalarType::F32) => (x as f32).to_bits() as u64,
        (ScalarType::I64, ScalarType::F32) => (x as i64 as f32).to_bits() as u64,
        // Not reachable from the language (numeric -> bool casts are type errors).
        (_, ScalarType::Bool) => b(x != 0),
        (f, t) => wrap(t, int_value(f, x)),
    }
}

/// A builtin applied to scalar arguments; `ty` is the first argument's type (the second's for
/// `select`). `len`, `select` on arrays and `mul_wide` are the front end's (see [`super::builtin`]).
pub fn builtin(bi: Builtin, ty: ScalarType, a: &[u64]) -> u64 {
    use Builtin::*;
    if !ty.is_wide() {
        let words: Vec<u32> = a.iter().map(|x| *x as u32).collect();
        return super::builtin(bi, ty, &words) as u64;
    }
    if ty == ScalarType::F64 {
        return float_builtin(bi, a);
    }
    let signed = ty.is_signed();
    let lt = |x: u64, y: u64| binary(BinOp::Lt, ty, x, y) != 0;
    let (p, q) = (a[0] as i64, a.get(1).copied().unwrap_or(0) as i64);
    let (x, y) = (a[0], a.get(1).copied().unwrap_or(0));
    match bi {
        Min => {
            if lt(y, x) {
                y
            } else {
                x
            }
        }
        Max => {
            if lt(x, y) {
                y
            } else {
                x
            }
        }
        Clamp => {
            let m = if lt(a[0], a[1]) { a[1] } else { a[0] };
            if lt(a[2], m) { a[2] } else { m }
        }
        Abs if signed => p.wrapping_abs() as u64,
        Abs => x,
        Select => {
            if a[0] != 0 {
                a[1]
            } else {
                a[2]
            }
        }
        CountOnes => x.count_ones() as u64,
        LeadingZeros => x.leading_zeros() as u64,
        TrailingZeros => x.trailing_zeros() as u64,
        AddOverflows if signed => b(p.checked_add(q).is_none()),
        AddOverflows => b(x.checked_add(y).is_none()),
        SubOverflows if signed => b(p.checked_sub(q).is_none()),
        SubOverflows => b(x.checked_sub(y).is_none()),
        MulOverflows if signed => b(p.checked_mul(q).is_none()),
        MulOverflows => b(x.checked_mul(y).is_none()),
        SaturatingAdd if signed => p.saturating_add(q) as u64,
        SaturatingAdd => x.saturating_add(y),
        SaturatingSub if signed => p.saturating_sub(q) as u64,
        SaturatingSub => x.saturating_sub(y),
        MulHi if signed => ((p as i128 * q as i128) >> 64) as u64,
        MulHi => ((x as u128 * y as u128) >> 64) as u64,
        // `bits(i64)` is its `u64` pattern, `from_bits(u64)` the `f64` with that pattern.
        Bits | FromBits => x,
        // Float builtins, `len` and `mul_wide` do not take 64-bit integers (the checker refuses
        // them, or handles them itself).
        Sqrt | Floor | Ceil | Round | Trunc | Fma | IsNan | IsInf | IsFinite | Len | CopySign | NextUp | NextDown | UlpDistance
        | MulWide => 0,
    }
}

const SIGN: u64 = 1 << 63;

/// An `f64` operation as the IR holds it (`ir::Op::Float64`): its operands and result are 32-bit
/// words, two per 64-bit value (low first), and [`F64Op::eval`] computes it with this module's
/// meaning. Only the CPU engines evaluate it (WGSL has no `f64`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum F64Op {
    /// An arithmetic operator or a comparison on two `f64`s.
    Binary(BinOp),
    /// `x as to` where `from` or `to` is `f64`.
    Cast(ScalarType, ScalarType),
    /// A builtin on `f64` arguments (`from_bits` on a `u64`).
    Builtin(Builtin),
}

impl F64Op {
    /// The types of the operands, in order.
    pub fn operands(self) -> Vec<ScalarType> {
        let (types, n) = self.operand_types();
        types[..n].to_vec()
    }

    /// The types of the operands (the first `n` of the array), without allocating: what
    /// [`F64Op::eval`] reads per lane.
    pub fn operand_types(self) -> ([ScalarType; 3], usize) {
        use Builtin::*;
        const F: ScalarType = ScalarType::F64;
        match self {
            F64Op::Binary(_) | F64Op::Builtin(Min | Max | CopySign | UlpDistance) => ([F; 3], 2),
            F64Op::Cast(from, _) => ([from, F, F], 1),
            F64Op::Builtin(FromBits) => ([ScalarType::U64, F, F], 1),
            F64Op::Builtin(Clamp | Fma) => ([F; 3], 3),
            F64Op::Builtin(_) => ([F; 3], 1),
        }
    }

    /// The type of the result.
    pub fn result(self) -> ScalarType {
        use Builtin::*;
        match self {
            F64Op::Binary(op) if op.is_comparison() => ScalarType::Bool,
            F64Op::Binary(_) => ScalarType::F64,
            F64Op::Cast(_, to) => to,
            F64Op::Builtin(IsNan | IsInf | IsFinite) => ScalarType::Bool,
            F64Op::Builtin(Bits | UlpDistance) => ScalarType::U64,
            F64Op::Builtin(_) => ScalarType::F64,
        }
    }

    /// The operation on word operands (each 64-bit operand two words, low first; a narrow or
    /// 32-bit one its carried pattern), as a 64-bit pattern of [`F64Op::result`] (a 32-bit
    /// result in the low word).
    pub fn eval(self, words: &[u32]) -> u64 {
        let mut args = [0u64; 3];
        let mut k = 0;
        let (types, n) = self.operand_types();
        for (i, t) in types[..n].iter().enumerate() {
            args[i] = if t.is_wide() {
                k += 2;
                u64::from(words[k - 2]) | u64::from(words[k - 1]) << 32
            } else {
                k += 1;
                u64::from(words[k - 1])
            };
        }
        match self {
            F64Op::Binary(op) => binary(op, ScalarType::F64, args[0], args[1]),
            F64Op::Cast(from, to) => cast(from, to, args[0]),
            F64Op::Builtin(Builtin::FromBits) => args[0],
            F64Op::Builtin(bi) => float_builtin(bi, &args[..n]),
        }
    }

    /// How the IR dump writes it: `f64.add`, `f64.cast.i32.f64`, `f64.sqrt`.
    pub fn name(self) -> String {
        match self {
            F64Op::Binary(op) => format!("f64.{op:?}").to_lowercase(),
            F64Op::Cast(from, to) => format!("f64.cast.{from}.{to}"),
            F64Op::Builtin(bi) => format!("f64.{}", bi.name()),
        }
    }
}

fn d(bits: u64) -> f64 {
    f64::from_bits(bits)
}

/// A 32-bit result pattern as the 64-bit pattern holding it.
fn t32(ty: ScalarType, bits: u32) -> u64 {
    ty.normalize(bits) as u64
}

/// `min` on `f64`, with the `f32` rules: a NaN operand yields the other, the first when equal.
#[allow(clippy::neg_cmp_op_on_partial_ord, reason = "NaN is handled first; `!(b < a)` is the \"first when equal\" rule")]
pub fn f64_min(a: f64, c: f64) -> f64 {
    if a.is_nan() {
        c
    } else if c.is_nan() || !(c < a) {
        a
    } else {
        c
    }
}

/// `max` on `f64`, with the `f32` rules.
#[allow(clippy::neg_cmp_op_on_partial_ord, reason = "NaN is handled first; `!(b > a)` is the \"first when equal\" rule")]
pub fn f64_max(a: f64, c: f64) -> f64 {
    if a.is_nan() {
        c
    } else if c.is_nan() || !(c > a) {
        a
    } else {
        c
    }
}

/// `is_nan` on an `f64` pattern (exponent all ones, mantissa not zero).
pub fn f64_is_nan(bits: u64) -> bool {
    (bits & !SIGN) > 0x7FF0_0000_0000_0000
}

/// How many representable `f64`s apart two floats are (`sem::ulp_distance`'s rule over 64 bits):
/// `u64::MAX` when either is NaN.
pub fn f64_ulp_distance(a: u64, c: u64) -> u64 {
    if f64_is_nan(a) || f64_is_nan(c) {
        return u64::MAX;
    }
    let ord = |x: u64| if x & SIGN != 0 { -((x & !SIGN) as i128) } else { x as i128 };
    (ord(a) - ord(c)).unsigned_abs() as u64
}

/// The builtins on `f64` arguments, with the `f32` rules of `docs/semantics.md` (rounding builtins
/// return a NaN operand as it is).
fn float_builtin(bi: Builtin, a: &[u64]) -> u64 {
    use Builtin::*;
    let x = a[0];
    let y = a.get(1).copied().unwrap_or(0);
    let keep_nan = |r: f64| if f64_is_nan(x) { x } else { r.to_bits() };
    match bi {
        Min => f64_min(d(x), d(y)).to_bits(),
        Max => f64_max(d(x), d(y)).to_bits(),
        Clamp => f64_min(f64_max(d(x), d(y)), d(a[2])).to_bits(),
        Abs => x & !SIGN,
        Select => {
            if x != 0 {
                a[1]
            } else {
                a[2]
            }
        }
        Sqrt => d(x).sqrt().to_bits(),
        Floor => keep_nan(d(x).floor()),
        Ceil => keep_nan(d(x).ceil()),
        Round => keep_nan(d(x).round_ties_even()),
        Trunc => keep_nan(d(x).trunc()),
        Fma => d(x).mul_add(d(y), d(a[2])).to_bits(),
        IsNan => b(f64_is_nan(x)),
        IsInf => b(x & !SIGN == 0x7FF0_0000_0000_0000),
        IsFinite => b(x & 0x7FF0_0000_0000_0000 != 0x7FF0_0000_0000_0000),
        Bits | FromBits => x,
        CopySign => (x & !SIGN) | (y & SIGN),
        NextUp => d(x).next_up().to_bits(),
        NextDown => d(x).next_down().to_bits(),
        UlpDistance => f64_ulp_distance(x, y),
        // Integer builtins, `len` and `mul_wide` do not take floats (the checker refuses them).
        CountOnes | LeadingZeros | TrailingZeros | AddOverflows | SubOverflows | MulOverflows | SaturatingAdd | SaturatingSub | Len
        | MulHi | MulWide => 0,
    }
}

//! The meaning of `u64` and `i64`: every operator, cast and builtin on 64-bit patterns, as Rust's
//! own 64-bit integers define them (wrapping arithmetic, `x / 0 == x`, `x % 0 == 0`, shift amounts
//! modulo 64, saturating float casts), with the same rules as the 32-bit types of [`super`].
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
    match (from, to) {
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
        // Float builtins, `bits`/`from_bits`, `len` and `mul_wide` do not take 64-bit integers
        // (the checker refuses them, or handles them itself).
        Sqrt | Floor | Ceil | Round | Trunc | Fma | IsNan | IsInf | IsFinite | Bits | FromBits | Len | CopySign | NextUp | NextDown
        | UlpDistance | MulWide => 0,
    }
}

//! Semantics of every operator and builtin, against expected values written by hand from `docs/semantics.md`:
//! first `vecrun::sem` directly, then end to end through the front end, lowering and the CPU backend's lane kernels.

use std::path::Path;

use vecrun::ir::Outcome;
use vecrun::run::Verdict;
use vecrun::sem::{
    self, Builtin,
    ScalarType::{self, Bool, F32, I32, U32},
};
use vecrun::syntax::ast::{BinOp, UnOp};

// ---------------------------------------------------------------------------------------------------------------
// Bit patterns used throughout

const NAN: u32 = 0x7FC0_0000;
const NEG_NAN: u32 = 0xFFC0_0000;
const SNAN: u32 = 0x7F80_0001;
const INF: u32 = 0x7F80_0000;
const NEG_INF: u32 = 0xFF80_0000;
const POS_ZERO: u32 = 0;
const NEG_ZERO: u32 = 0x8000_0000;
const ONE: u32 = 0x3F80_0000;
const MIN_SUBNORMAL: u32 = 1;
const MIN_NORMAL: u32 = 0x0080_0000;
const MAX_FINITE: u32 = 0x7F7F_FFFF;

fn fl(bits: u32) -> f32 {
    f32::from_bits(bits)
}

// ---------------------------------------------------------------------------------------------------------------
// Level (a): `vecrun::sem` directly

fn bu(op: BinOp, x: u32, y: u32) -> u32 {
    sem::binary(op, U32, x, y)
}
fn bi(op: BinOp, x: i32, y: i32) -> i32 {
    sem::binary(op, I32, x as u32, y as u32) as i32
}
/// A float operator, result as bits.
fn bf(op: BinOp, x: f32, y: f32) -> u32 {
    sem::binary(op, F32, x.to_bits(), y.to_bits())
}
/// A comparison or logical operator: checks the result is exactly 0 or 1.
fn truth(op: BinOp, ty: ScalarType, x: u32, y: u32) -> bool {
    let r = sem::binary(op, ty, x, y);
    assert!(r <= 1, "{op:?} on {ty} gave {r}, not a bool");
    r == 1
}
fn cf(op: BinOp, x: u32, y: u32) -> bool {
    truth(op, F32, x, y)
}
fn b1(b: Builtin, ty: ScalarType, x: u32) -> u32 {
    sem::builtin(b, ty, &[x])
}
fn b2(b: Builtin, ty: ScalarType, x: u32, y: u32) -> u32 {
    sem::builtin(b, ty, &[x, y])
}
fn b3(b: Builtin, ty: ScalarType, x: u32, y: u32, z: u32) -> u32 {
    sem::builtin(b, ty, &[x, y, z])
}
fn bif(b: Builtin, x: f32) -> u32 {
    b1(b, F32, x.to_bits())
}
fn i(x: i32) -> u32 {
    x as u32
}

#[test]
fn sem_integer_add_sub_mul_wrap() {
    use BinOp::*;
    assert_eq!(bu(Add, u32::MAX, 1), 0);
    assert_eq!(bu(Add, 3, 4), 7);
    assert_eq!(bu(Sub, 0, 1), u32::MAX);
    assert_eq!(bu(Mul, 65536, 65536), 0);
    assert_eq!(bu(Mul, u32::MAX, u32::MAX), 1);
    assert_eq!(bu(Mul, 65535, 65537), 4_294_967_295);
    assert_eq!(bi(Add, i32::MAX, 1), i32::MIN);
    assert_eq!(bi(Sub, i32::MIN, 1), i32::MAX);
    assert_eq!(bi(Mul, i32::MIN, -1), i32::MIN);
    assert_eq!(bi(Mul, 65536, 65536), 0);
    assert_eq!(bi(Mul, 46341, 46341), -2_147_479_015);
    assert_eq!(bi(Mul, -3, 7), -21);
    assert_eq!(bi(Sub, -5, -7), 2);
}

#[test]
fn sem_integer_division_and_remainder() {
    use BinOp::*;
    // u32
    assert_eq!(bu(Div, 7, 2), 3);
    assert_eq!(bu(Rem, 7, 2), 1);
    assert_eq!(bu(Div, u32::MAX, u32::MAX), 1);
    assert_eq!(bu(Div, u32::MAX, 2), 2_147_483_647);
    // by zero: x / 0 == x, x % 0 == 0
    assert_eq!(bu(Div, 7, 0), 7);
    assert_eq!(bu(Rem, 7, 0), 0);
    assert_eq!(bu(Div, 0, 0), 0);
    assert_eq!(bu(Rem, 0, 0), 0);
    assert_eq!(bu(Div, u32::MAX, 0), u32::MAX);
    // i32: truncation toward zero, remainder takes the dividend's sign
    assert_eq!(bi(Div, -7, 2), -3);
    assert_eq!(bi(Rem, -7, 2), -1);
    assert_eq!(bi(Div, 7, -2), -3);
    assert_eq!(bi(Rem, 7, -2), 1);
    assert_eq!(bi(Div, -7, -2), 3);
    assert_eq!(bi(Rem, -7, -2), -1);
    assert_eq!(bi(Div, 7, 2), 3);
    assert_eq!(bi(Rem, 6, -3), 0);
    assert_eq!(bi(Div, -7, 0), -7);
    assert_eq!(bi(Rem, -7, 0), 0);
    assert_eq!(bi(Div, i32::MIN, 0), i32::MIN);
    // the overflowing case
    assert_eq!(bi(Div, i32::MIN, -1), i32::MIN);
    assert_eq!(bi(Rem, i32::MIN, -1), 0);
    assert_eq!(bi(Div, i32::MIN, 1), i32::MIN);
    assert_eq!(bi(Div, i32::MIN, 2), -1_073_741_824);
    assert_eq!(bi(Rem, i32::MIN, 3), -2);
    assert_eq!(bi(Div, i32::MAX, -1), -i32::MAX);
}

#[test]
fn sem_shifts_modulo_32() {
    use BinOp::*;
    assert_eq!(bu(Shl, 1, 31), 0x8000_0000);
    assert_eq!(bu(Shl, 1, 32), 1);
    assert_eq!(bu(Shl, 1, 33), 2);
    assert_eq!(bu(Shl, 7, 0), 7);
    assert_eq!(bu(Shl, 1, u32::MAX), 0x8000_0000);
    assert_eq!(bu(Shl, 0xFFFF_FFFF, 4), 0xFFFF_FFF0);
    assert_eq!(bu(Shr, 0x8000_0000, 31), 1);
    assert_eq!(bu(Shr, 0x8000_0000, 32), 0x8000_0000);
    assert_eq!(bu(Shr, u32::MAX, 31), 1, "u32 >> is logical");
    assert_eq!(bu(Shr, 0x8000_0000, 35), 0x1000_0000);
    // negative i32 amounts: only the low 5 bits count (-1 -> 31, -28 -> 4, -31 -> 1)
    assert_eq!(sem::binary(Shl, U32, 1, i(-1)), 0x8000_0000);
    assert_eq!(sem::binary(Shr, U32, 16, i(-28)), 1);
    assert_eq!(bi(Shr, -16, -31), -8);
    // i32: << wraps into the sign bit, >> is arithmetic
    assert_eq!(bi(Shl, 1, 31), i32::MIN);
    assert_eq!(bi(Shl, -1, 32), -1);
    assert_eq!(bi(Shr, -8, 1), -4);
    assert_eq!(bi(Shr, -1, 31), -1);
    assert_eq!(bi(Shr, i32::MIN, 31), -1);
    assert_eq!(bi(Shr, -8, 33), -4);
    assert_eq!(bi(Shr, -8, 32), -8);
    assert_eq!(bi(Shr, i32::MAX, 30), 1);
}

#[test]
fn sem_bitwise() {
    use BinOp::*;
    assert_eq!(bu(BitAnd, 0xF0, 0x3C), 0x30);
    assert_eq!(bu(BitOr, 0xF0, 0x3C), 0xFC);
    assert_eq!(bu(BitXor, 0xF0, 0x3C), 0xCC);
    assert_eq!(bi(BitAnd, -1, 0x55), 0x55);
    assert_eq!(bi(BitOr, i32::MIN, 1), i32::MIN + 1);
    assert_eq!(bi(BitXor, -1, 0), -1);
    assert_eq!(sem::unary(UnOp::BitNot, U32, 0), u32::MAX);
    assert_eq!(sem::unary(UnOp::BitNot, I32, 0) as i32, -1);
    assert_eq!(sem::unary(UnOp::BitNot, I32, 5) as i32, -6);
    assert_eq!(sem::unary(UnOp::BitNot, U32, 0x0F0F_0F0F), 0xF0F0_F0F0);
    // on bool: logical and, or, xor of 0/1
    for (x, y) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
        assert_eq!(sem::binary(BitAnd, Bool, x, y), x & y);
        assert_eq!(sem::binary(BitOr, Bool, x, y), x | y);
        assert_eq!(sem::binary(BitXor, Bool, x, y), x ^ y);
    }
}

#[test]
fn sem_integer_and_bool_comparisons() {
    use BinOp::*;
    // u32 unsigned
    assert!(truth(Gt, U32, u32::MAX, 1));
    assert!(!truth(Lt, U32, u32::MAX, 1));
    assert!(truth(Le, U32, 0, 0));
    assert!(truth(Ge, U32, u32::MAX, u32::MAX));
    assert!(truth(Ne, U32, 7, 2));
    assert!(!truth(Eq, U32, 7, 2));
    // i32 signed
    assert!(truth(Lt, I32, i(-1), 1));
    assert!(!truth(Gt, I32, i(-1), 1));
    assert!(truth(Lt, I32, i(i32::MIN), i(i32::MAX)));
    assert!(truth(Ge, I32, i(-1), i(-1)));
    assert!(truth(Le, I32, i(-5), i(-4)));
    assert!(truth(Eq, I32, i(-3), i(-3)));
    // bool: == != && || !
    for (x, y) in [(0u32, 0u32), (0, 1), (1, 0), (1, 1)] {
        assert_eq!(truth(Eq, Bool, x, y), x == y);
        assert_eq!(truth(Ne, Bool, x, y), x != y);
        assert_eq!(truth(And, Bool, x, y), x == 1 && y == 1);
        assert_eq!(truth(Or, Bool, x, y), x == 1 || y == 1);
    }
    assert_eq!(sem::unary(UnOp::Not, Bool, 0), 1);
    assert_eq!(sem::unary(UnOp::Not, Bool, 1), 0);
}

#[test]
fn sem_unary_negation() {
    assert_eq!(sem::unary(UnOp::Neg, I32, i(5)) as i32, -5);
    assert_eq!(sem::unary(UnOp::Neg, I32, i(i32::MIN)) as i32, i32::MIN);
    assert_eq!(sem::unary(UnOp::Neg, I32, 0), 0);
    assert_eq!(sem::unary(UnOp::Neg, I32, i(i32::MAX)) as i32, -i32::MAX);
    // f32: flips the sign bit only
    assert_eq!(sem::unary(UnOp::Neg, F32, POS_ZERO), NEG_ZERO);
    assert_eq!(sem::unary(UnOp::Neg, F32, NEG_ZERO), POS_ZERO);
    assert_eq!(sem::unary(UnOp::Neg, F32, NAN), NEG_NAN);
    assert_eq!(sem::unary(UnOp::Neg, F32, NEG_INF), INF);
    assert_eq!(sem::unary(UnOp::Neg, F32, ONE), 0xBF80_0000);
    assert_eq!(sem::unary(UnOp::Neg, F32, SNAN), 0xFF80_0001);
}

#[test]
fn sem_float_arithmetic_ieee() {
    use BinOp::*;
    // round to nearest, ties to even, once per operation
    assert_eq!(bf(Div, 1.0, 3.0), 0x3EAA_AAAB);
    assert_eq!(bf(Add, 0.1, 0.2), 0x3E99_999A);
    assert_eq!(bf(Add, 16_777_216.0, 1.0), 0x4B80_0000, "2^24 + 1 ties to even: 2^24");
    assert_eq!(bf(Add, 16_777_216.0, 3.0), 0x4B80_0002, "2^24 + 3 ties to even: 2^24 + 4");
    assert_eq!(bf(Mul, 1.000_244_1, 1.000_244_1), 0x3F80_1000, "(1 + 2^-12)^2 ties to 1 + 2^-11");
    assert_eq!(bf(Sub, 1.5, 0.25), 1.25f32.to_bits());
    assert_eq!(bf(Mul, -2.0, 3.0), (-6.0f32).to_bits());
    // IEEE special cases
    assert_eq!(bf(Div, 1.0, 0.0), INF);
    assert_eq!(bf(Div, 1.0, -0.0), NEG_INF);
    assert_eq!(bf(Div, -1.0, 0.0), NEG_INF);
    assert!(sem::f32_is_nan(bf(Div, 0.0, 0.0)));
    assert!(sem::f32_is_nan(bf(Sub, fl(INF), fl(INF))));
    assert!(sem::f32_is_nan(bf(Mul, 0.0, fl(INF))));
    assert!(sem::f32_is_nan(bf(Add, 1.0, fl(NAN))));
    assert_eq!(bf(Mul, fl(MAX_FINITE), 2.0), INF, "overflow gives inf");
    assert_eq!(bf(Mul, -fl(MAX_FINITE), 2.0), NEG_INF);
    assert_eq!(bf(Add, fl(INF), 1.0), INF);
    // signed zeros
    assert_eq!(bf(Add, -0.0, -0.0), NEG_ZERO);
    assert_eq!(bf(Add, -0.0, 0.0), POS_ZERO);
    assert_eq!(bf(Sub, 0.0, 0.0), POS_ZERO);
    assert_eq!(bf(Mul, -0.0, 5.0), NEG_ZERO);
    assert_eq!(bf(Sub, 1.0, 1.0), POS_ZERO);
    // subnormals are kept (no flush to zero), rounding ties to even there too
    assert_eq!(bf(Div, fl(MIN_NORMAL), 2.0), 0x0040_0000);
    assert_eq!(bf(Mul, fl(MIN_SUBNORMAL), 1.0), MIN_SUBNORMAL);
    assert_eq!(bf(Div, fl(MIN_SUBNORMAL), 2.0), POS_ZERO, "half the smallest subnormal ties to even: 0");
    assert_eq!(bf(Div, fl(3), 2.0), 2, "1.5 subnormal steps ties to even: 2");
    assert_eq!(bf(Sub, fl(MIN_NORMAL), fl(MIN_SUBNORMAL)), 0x007F_FFFF);
    // no reassociation: (1 + 1e8) - 1e8 == 0
    let s = bf(Add, 1.0, 100_000_000.0);
    assert_eq!(bf(Sub, fl(s), 100_000_000.0), POS_ZERO);
    // no contraction: a*b+c rounds twice
    let p = bf(Mul, 1.000_244_1, 1.000_244_1);
    assert_eq!(bf(Add, fl(p), -1.000_488_3), POS_ZERO);
}

#[test]
fn sem_float_comparisons_ieee() {
    use BinOp::*;
    for x in [NAN, NEG_NAN, SNAN, 0xFFFF_FFFF] {
        for y in [x, ONE, POS_ZERO, INF, NAN] {
            assert!(!cf(Eq, x, y), "NaN == is false");
            assert!(cf(Ne, x, y), "NaN != is true");
            for op in [Lt, Le, Gt, Ge] {
                assert!(!cf(op, x, y), "{op:?} with a NaN left operand is false");
                assert!(!cf(op, y, x), "{op:?} with a NaN right operand is false");
            }
        }
    }
    assert!(cf(Eq, NEG_ZERO, POS_ZERO));
    assert!(!cf(Ne, NEG_ZERO, POS_ZERO));
    assert!(!cf(Lt, NEG_ZERO, POS_ZERO));
    assert!(cf(Le, NEG_ZERO, POS_ZERO));
    assert!(cf(Ge, NEG_ZERO, POS_ZERO));
    assert!(cf(Gt, INF, MAX_FINITE));
    assert!(cf(Lt, NEG_INF, MAX_FINITE | 0x8000_0000));
    assert!(cf(Eq, INF, INF));
    assert!(cf(Lt, MIN_SUBNORMAL, MIN_NORMAL));
    assert!(cf(Gt, MIN_SUBNORMAL, POS_ZERO));
    assert!(cf(Lt, (-2.0f32).to_bits(), (-1.0f32).to_bits()));
}

#[test]
fn sem_casts() {
    // bool -> anything
    assert_eq!(sem::cast(Bool, U32, 1), 1);
    assert_eq!(sem::cast(Bool, I32, 1), 1);
    assert_eq!(sem::cast(Bool, U32, 0), 0);
    assert_eq!(sem::cast(Bool, F32, 1), ONE);
    assert_eq!(sem::cast(Bool, F32, 0), POS_ZERO);
    assert_eq!(sem::cast(Bool, Bool, 1), 1);
    // u32 <-> i32: same bits
    assert_eq!(sem::cast(U32, I32, u32::MAX) as i32, -1);
    assert_eq!(sem::cast(I32, U32, i(-1)), u32::MAX);
    assert_eq!(sem::cast(I32, U32, i(i32::MIN)), 0x8000_0000);
    assert_eq!(sem::cast(U32, U32, 123), 123);
    // int -> f32: nearest, ties to even
    assert_eq!(sem::cast(U32, F32, 0), POS_ZERO);
    assert_eq!(sem::cast(U32, F32, 16_777_216), 0x4B80_0000);
    assert_eq!(sem::cast(U32, F32, 16_777_217), 0x4B80_0000);
    assert_eq!(sem::cast(U32, F32, 16_777_219), 0x4B80_0002);
    assert_eq!(sem::cast(U32, F32, u32::MAX), 0x4F80_0000, "4294967295 -> 4294967296.0");
    assert_eq!(sem::cast(I32, F32, i(i32::MAX)), 0x4F00_0000, "2147483647 -> 2147483648.0");
    assert_eq!(sem::cast(I32, F32, i(i32::MIN)), 0xCF00_0000);
    assert_eq!(sem::cast(I32, F32, i(-16_777_217)), 0xCB80_0000);
    assert_eq!(sem::cast(I32, F32, i(-1)), 0xBF80_0000);
    // f32 -> u32: truncate, saturate, NaN -> 0
    let fu = |x: u32| sem::cast(F32, U32, x);
    assert_eq!(fu(3.99f32.to_bits()), 3);
    assert_eq!(fu((-0.5f32).to_bits()), 0);
    assert_eq!(fu((-1.0f32).to_bits()), 0);
    assert_eq!(fu(NEG_ZERO), 0);
    assert_eq!(fu(4_294_967_296.0f32.to_bits()), u32::MAX);
    assert_eq!(fu(1e10f32.to_bits()), u32::MAX);
    assert_eq!(fu(4_294_967_040.0f32.to_bits()), 4_294_967_040, "largest f32 below 2^32 is exact");
    assert_eq!(fu(INF), u32::MAX);
    assert_eq!(fu(NEG_INF), 0);
    for nan in [NAN, NEG_NAN, SNAN, 0xFFFF_FFFF] {
        assert_eq!(fu(nan), 0);
        assert_eq!(sem::cast(F32, I32, nan), 0);
    }
    assert_eq!(fu(MIN_SUBNORMAL), 0);
    // f32 -> i32
    let fi = |x: f32| sem::cast(F32, I32, x.to_bits()) as i32;
    assert_eq!(fi(-3.99), -3);
    assert_eq!(fi(3.99), 3);
    assert_eq!(fi(-0.0), 0);
    assert_eq!(fi(2_147_483_648.0), i32::MAX);
    assert_eq!(fi(2_147_483_520.0), 2_147_483_520);
    assert_eq!(fi(-2_147_483_648.0), i32::MIN);
    assert_eq!(fi(-3.0e9), i32::MIN);
    assert_eq!(fi(fl(INF)), i32::MAX);
    assert_eq!(fi(fl(NEG_INF)), i32::MIN);
    // numeric -> bool (not reachable from the language): WGSL's bool(x), ±0.0 are false
    assert_eq!(sem::cast(U32, Bool, 0), 0);
    assert_eq!(sem::cast(U32, Bool, 2), 1);
    assert_eq!(sem::cast(I32, Bool, i(-1)), 1);
    assert_eq!(sem::cast(F32, Bool, POS_ZERO), 0);
    assert_eq!(sem::cast(F32, Bool, NEG_ZERO), 0);
    assert_eq!(sem::cast(F32, Bool, NAN), 1);
    assert_eq!(sem::cast(F32, Bool, MIN_SUBNORMAL), 1);
}

#[test]
fn sem_min_max_clamp() {
    use Builtin::*;
    // integers
    assert_eq!(b2(Min, U32, 0, u32::MAX), 0);
    assert_eq!(b2(Max, U32, 0, u32::MAX), u32::MAX);
    assert_eq!(b2(Min, I32, i(-1), 0), i(-1));
    assert_eq!(b2(Max, I32, i(-1), 0), 0);
    assert_eq!(b2(Min, I32, i(i32::MIN), i(i32::MAX)), i(i32::MIN));
    assert_eq!(b2(Max, I32, i(i32::MIN), i(i32::MAX)), i(i32::MAX));
    // f32: a NaN operand yields the other; both NaN yields the second
    assert_eq!(b2(Min, F32, ONE, NAN), ONE);
    assert_eq!(b2(Min, F32, NAN, ONE), ONE);
    assert_eq!(b2(Max, F32, ONE, NAN), ONE);
    assert_eq!(b2(Max, F32, NAN, NEG_INF), NEG_INF);
    assert_eq!(b2(Min, F32, NAN, NEG_NAN), NEG_NAN);
    assert_eq!(b2(Max, F32, NEG_NAN, SNAN), SNAN);
    // f32: ±0 are equal, the first operand wins
    assert_eq!(b2(Min, F32, NEG_ZERO, POS_ZERO), NEG_ZERO);
    assert_eq!(b2(Min, F32, POS_ZERO, NEG_ZERO), POS_ZERO);
    assert_eq!(b2(Max, F32, NEG_ZERO, POS_ZERO), NEG_ZERO);
    assert_eq!(b2(Max, F32, POS_ZERO, NEG_ZERO), POS_ZERO);
    assert_eq!(b2(Min, F32, NEG_INF, 3.0f32.to_bits()), NEG_INF);
    assert_eq!(b2(Max, F32, ONE, 3.0f32.to_bits()), 3.0f32.to_bits());
    assert_eq!(b2(Min, F32, MIN_SUBNORMAL, POS_ZERO), POS_ZERO);
    // the named helpers agree
    assert_eq!(sem::f32_min(fl(NAN), 2.0), 2.0);
    assert_eq!(sem::f32_max(-0.0, 0.0).to_bits(), NEG_ZERO);
    // clamp = min(max(x, lo), hi)
    assert_eq!(b3(Clamp, U32, 7, 1, 5), 5);
    assert_eq!(b3(Clamp, U32, 0, 1, 5), 1);
    assert_eq!(b3(Clamp, U32, 3, 1, 5), 3);
    assert_eq!(b3(Clamp, U32, 3, 5, 1), 1, "lo > hi gives hi");
    assert_eq!(b3(Clamp, I32, i(-10), i(-3), 3), i(-3));
    assert_eq!(b3(Clamp, I32, i(10), i(-3), 3), 3);
    assert_eq!(b3(Clamp, F32, NAN, POS_ZERO, ONE), POS_ZERO, "clamp(NaN, lo, hi) == lo");
    assert_eq!(b3(Clamp, F32, 2.0f32.to_bits(), POS_ZERO, ONE), ONE);
    assert_eq!(b3(Clamp, F32, NEG_ZERO, POS_ZERO, ONE), NEG_ZERO);
    assert_eq!(b3(Clamp, F32, 0.5f32.to_bits(), POS_ZERO, ONE), 0.5f32.to_bits());
    assert_eq!(b3(Clamp, F32, NEG_INF, POS_ZERO, ONE), POS_ZERO);
    assert_eq!(b3(Clamp, F32, 0.5f32.to_bits(), ONE, POS_ZERO), POS_ZERO, "lo > hi gives hi");
}

#[test]
fn sem_abs_select() {
    use Builtin::*;
    assert_eq!(b1(Abs, I32, i(-5)), 5);
    assert_eq!(b1(Abs, I32, i(i32::MIN)), i(i32::MIN));
    assert_eq!(b1(Abs, I32, 0), 0);
    assert_eq!(b1(Abs, I32, i(i32::MAX)), i(i32::MAX));
    assert_eq!(b1(Abs, U32, u32::MAX), u32::MAX);
    assert_eq!(b1(Abs, F32, NEG_ZERO), POS_ZERO);
    assert_eq!(b1(Abs, F32, NEG_INF), INF);
    assert_eq!(b1(Abs, F32, NEG_NAN), NAN);
    assert_eq!(b1(Abs, F32, 0xFF80_0001), SNAN);
    assert_eq!(bif(Abs, -2.5), 2.5f32.to_bits());
    // select(c, a, b) = c ? a : b, for every type
    assert_eq!(b3(Select, U32, 1, 7, 0), 7);
    assert_eq!(b3(Select, U32, 0, 7, 0), 0);
    assert_eq!(b3(Select, F32, 1, NEG_ZERO, POS_ZERO), NEG_ZERO);
    assert_eq!(b3(Select, F32, 0, NEG_ZERO, NAN), NAN);
    assert_eq!(b3(Select, Bool, 0, 1, 0), 0);
    assert_eq!(b3(Select, I32, 1, i(-1), 5), i(-1));
}

#[test]
fn sem_sqrt_and_fma() {
    use Builtin::*;
    assert_eq!(bif(Sqrt, 4.0), 2.0f32.to_bits());
    assert_eq!(bif(Sqrt, 2.0), 0x3FB5_04F3, "correctly rounded");
    assert_eq!(bif(Sqrt, 0.0), POS_ZERO);
    assert_eq!(bif(Sqrt, -0.0), NEG_ZERO);
    assert_eq!(b1(Sqrt, F32, INF), INF);
    assert!(sem::f32_is_nan(bif(Sqrt, -1.0)));
    assert!(sem::f32_is_nan(b1(Sqrt, F32, NEG_INF)));
    assert!(sem::f32_is_nan(b1(Sqrt, F32, NAN)));
    assert_eq!(b1(Sqrt, F32, 0x0040_0000), 0x1FB5_04F3, "sqrt(2^-127) = sqrt(2) * 2^-64: a subnormal input is not flushed");
    // fma rounds once: (1 + 2^-12)^2 - (1 + 2^-11) = 2^-24 exactly, where a*b+c gives 0
    let a = 1.000_244_1_f32.to_bits();
    let c = (-1.000_488_3_f32).to_bits();
    assert_eq!(b3(Fma, F32, a, a, c), 0x3380_0000);
    assert_eq!(b3(Fma, F32, ONE, 2.0f32.to_bits(), 3.0f32.to_bits()), 5.0f32.to_bits());
    assert_eq!(
        b3(Fma, F32, fl(MAX_FINITE).to_bits(), 2.0f32.to_bits(), (-fl(MAX_FINITE)).to_bits()),
        MAX_FINITE,
        "no intermediate overflow"
    );
    assert!(sem::f32_is_nan(b3(Fma, F32, INF, POS_ZERO, ONE)));
}

#[test]
fn sem_floor_ceil_round_trunc() {
    use Builtin::*;
    let r = |b: Builtin, x: f32| bif(b, x);
    let bits = |x: f32| x.to_bits();
    // floor: toward -inf
    assert_eq!(r(Floor, -0.5), bits(-1.0));
    assert_eq!(r(Floor, 2.7), bits(2.0));
    assert_eq!(r(Floor, -2.7), bits(-3.0));
    assert_eq!(r(Floor, -0.0), NEG_ZERO);
    assert_eq!(r(Floor, 0.3), POS_ZERO);
    // ceil: toward +inf
    assert_eq!(r(Ceil, -0.5), NEG_ZERO);
    assert_eq!(r(Ceil, 0.2), bits(1.0));
    assert_eq!(r(Ceil, -2.7), bits(-2.0));
    assert_eq!(r(Ceil, 2.0), bits(2.0));
    // round: nearest, ties to even
    assert_eq!(r(Round, 0.5), POS_ZERO);
    assert_eq!(r(Round, 1.5), bits(2.0));
    assert_eq!(r(Round, 2.5), bits(2.0));
    assert_eq!(r(Round, 3.5), bits(4.0));
    assert_eq!(r(Round, -2.5), bits(-2.0));
    assert_eq!(r(Round, -0.5), NEG_ZERO);
    assert_eq!(r(Round, 2.6), bits(3.0));
    assert_eq!(r(Round, -2.4), bits(-2.0));
    assert_eq!(r(Round, 0.499_999_97), POS_ZERO, "largest f32 below 0.5 rounds down (floor(x + 0.5) would give 1)");
    assert_eq!(r(Round, 8_388_609.0), bits(8_388_609.0), "2^23 + 1 is already an integer");
    // trunc: toward zero
    assert_eq!(r(Trunc, -0.7), NEG_ZERO);
    assert_eq!(r(Trunc, 2.9), bits(2.0));
    assert_eq!(r(Trunc, -2.9), bits(-2.0));
    // special values pass through
    for b in [Floor, Ceil, Round, Trunc] {
        assert_eq!(b1(b, F32, INF), INF);
        assert_eq!(b1(b, F32, NEG_INF), NEG_INF);
        assert_eq!(b1(b, F32, POS_ZERO), POS_ZERO);
        assert_eq!(b1(b, F32, NEG_ZERO), NEG_ZERO);
        assert!(sem::f32_is_nan(b1(b, F32, NAN)));
        assert_eq!(b1(b, F32, 16_777_216.5f32.to_bits()), 16_777_216.5f32.to_bits());
        assert_eq!(b1(b, F32, MAX_FINITE), MAX_FINITE);
    }
    assert_eq!(b1(Floor, F32, MIN_SUBNORMAL), POS_ZERO);
    assert_eq!(b1(Ceil, F32, MIN_SUBNORMAL), ONE);
    assert_eq!(b1(Ceil, F32, MIN_SUBNORMAL | 0x8000_0000), NEG_ZERO);
}

#[test]
fn sem_float_classification_and_bits() {
    use Builtin::*;
    let nan_like = [NAN, NEG_NAN, SNAN, 0xFFFF_FFFF, 0x7FFF_FFFF, 0xFF80_0001];
    for x in nan_like {
        assert_eq!(b1(IsNan, F32, x), 1, "{x:#x}");
        assert_eq!(b1(IsInf, F32, x), 0);
        assert_eq!(b1(IsFinite, F32, x), 0);
    }
    for x in [INF, NEG_INF] {
        assert_eq!(b1(IsNan, F32, x), 0);
        assert_eq!(b1(IsInf, F32, x), 1);
        assert_eq!(b1(IsFinite, F32, x), 0);
    }
    for x in [POS_ZERO, NEG_ZERO, MIN_SUBNORMAL, MIN_NORMAL, MAX_FINITE, MAX_FINITE | 0x8000_0000, ONE] {
        assert_eq!(b1(IsNan, F32, x), 0, "{x:#x}");
        assert_eq!(b1(IsInf, F32, x), 0);
        assert_eq!(b1(IsFinite, F32, x), 1);
    }
    // bits / from_bits are the identity on patterns, NaN payloads included
    for x in [NEG_ZERO, ONE, SNAN, NEG_NAN, 0x7FC0_1234, MIN_SUBNORMAL] {
        assert_eq!(b1(Bits, F32, x), x);
        assert_eq!(b1(FromBits, U32, x), x);
    }
    assert_eq!(b1(Bits, I32, i(-1)), 0xFFFF_FFFF);
    assert_eq!(b1(Bits, I32, i(i32::MIN)), 0x8000_0000);
}

#[test]
fn sem_bit_counting() {
    use Builtin::*;
    assert_eq!(b1(CountOnes, U32, 0), 0);
    assert_eq!(b1(CountOnes, U32, u32::MAX), 32);
    assert_eq!(b1(CountOnes, U32, 0xF0), 4);
    assert_eq!(b1(CountOnes, I32, i(-1)), 32);
    assert_eq!(b1(CountOnes, I32, i(i32::MIN)), 1);
    assert_eq!(b1(LeadingZeros, U32, 0), 32);
    assert_eq!(b1(LeadingZeros, U32, 1), 31);
    assert_eq!(b1(LeadingZeros, U32, u32::MAX), 0);
    assert_eq!(b1(LeadingZeros, U32, 0x0001_0000), 15);
    assert_eq!(b1(LeadingZeros, I32, 0), 32);
    assert_eq!(b1(LeadingZeros, I32, i(-1)), 0);
    assert_eq!(b1(LeadingZeros, I32, 1), 31);
    assert_eq!(b1(LeadingZeros, I32, i(i32::MAX)), 1);
    assert_eq!(b1(TrailingZeros, U32, 0), 32);
    assert_eq!(b1(TrailingZeros, U32, 8), 3);
    assert_eq!(b1(TrailingZeros, U32, 0x8000_0000), 31);
    assert_eq!(b1(TrailingZeros, U32, 1), 0);
    assert_eq!(b1(TrailingZeros, I32, 0), 32);
    assert_eq!(b1(TrailingZeros, I32, i(i32::MIN)), 31);
    assert_eq!(b1(TrailingZeros, I32, i(-1)), 0);
    assert_eq!(b1(TrailingZeros, I32, i(-8)), 3);
}

#[test]
fn sem_overflow_predicates_at_the_boundaries() {
    use Builtin::*;
    let t = |b: Builtin, ty: ScalarType, x: u32, y: u32| {
        let r = b2(b, ty, x, y);
        assert!(r <= 1);
        r == 1
    };
    // u32 add
    assert!(t(AddOverflows, U32, u32::MAX, 1));
    assert!(!t(AddOverflows, U32, u32::MAX, 0));
    assert!(!t(AddOverflows, U32, 0x8000_0000, 0x7FFF_FFFF));
    assert!(t(AddOverflows, U32, 0x8000_0000, 0x8000_0000));
    assert!(t(AddOverflows, U32, u32::MAX, u32::MAX));
    // i32 add
    assert!(t(AddOverflows, I32, i(i32::MAX), 1));
    assert!(!t(AddOverflows, I32, i(i32::MAX), 0));
    assert!(t(AddOverflows, I32, i(i32::MIN), i(-1)));
    assert!(!t(AddOverflows, I32, i(i32::MIN), 0));
    assert!(!t(AddOverflows, I32, i(-1), 1));
    assert!(!t(AddOverflows, I32, i(i32::MIN), i(i32::MAX)));
    assert!(t(AddOverflows, I32, i(i32::MIN), i(i32::MIN)));
    // u32 sub
    assert!(t(SubOverflows, U32, 0, 1));
    assert!(!t(SubOverflows, U32, 1, 1));
    assert!(!t(SubOverflows, U32, 0, 0));
    assert!(t(SubOverflows, U32, 7, 8));
    assert!(!t(SubOverflows, U32, u32::MAX, u32::MAX));
    // i32 sub
    assert!(t(SubOverflows, I32, i(i32::MIN), 1));
    assert!(t(SubOverflows, I32, i(i32::MAX), i(-1)));
    assert!(t(SubOverflows, I32, 0, i(i32::MIN)));
    assert!(!t(SubOverflows, I32, i(-1), i(i32::MIN)));
    assert!(!t(SubOverflows, I32, i(i32::MIN), i(i32::MIN)));
    assert!(!t(SubOverflows, I32, i(i32::MIN), 0));
    // u32 mul
    assert!(t(MulOverflows, U32, 65536, 65536));
    assert!(!t(MulOverflows, U32, 65535, 65537));
    assert!(!t(MulOverflows, U32, u32::MAX, 1));
    assert!(t(MulOverflows, U32, u32::MAX, 2));
    assert!(!t(MulOverflows, U32, 0, u32::MAX));
    // i32 mul
    assert!(t(MulOverflows, I32, i(i32::MIN), i(-1)));
    assert!(t(MulOverflows, I32, i(-1), i(i32::MIN)));
    assert!(!t(MulOverflows, I32, i(i32::MIN), 1));
    assert!(t(MulOverflows, I32, 46341, 46341));
    assert!(!t(MulOverflows, I32, 46340, 46340));
    assert!(t(MulOverflows, I32, i(-46341), 46341));
    assert!(!t(MulOverflows, I32, 65536, i(-32768)), "exactly i32::MIN");
    assert!(t(MulOverflows, I32, 65536, 32768));
    assert!(!t(MulOverflows, I32, i(-1), i(i32::MAX)));
}

#[test]
fn sem_saturating_ops() {
    use Builtin::*;
    assert_eq!(b2(SaturatingAdd, U32, u32::MAX, 1), u32::MAX);
    assert_eq!(b2(SaturatingAdd, U32, 1, 2), 3);
    assert_eq!(b2(SaturatingAdd, U32, 0x8000_0000, 0x8000_0000), u32::MAX);
    assert_eq!(b2(SaturatingAdd, I32, i(i32::MAX), 1), i(i32::MAX));
    assert_eq!(b2(SaturatingAdd, I32, i(i32::MIN), i(-1)), i(i32::MIN));
    assert_eq!(b2(SaturatingAdd, I32, i(-5), 3), i(-2));
    assert_eq!(b2(SaturatingAdd, I32, i(i32::MIN), i(i32::MAX)), i(-1));
    assert_eq!(b2(SaturatingSub, U32, 0, 1), 0);
    assert_eq!(b2(SaturatingSub, U32, 7, 3), 4);
    assert_eq!(b2(SaturatingSub, U32, 3, u32::MAX), 0);
    assert_eq!(b2(SaturatingSub, I32, i(i32::MIN), 1), i(i32::MIN));
    assert_eq!(b2(SaturatingSub, I32, i(i32::MAX), i(-1)), i(i32::MAX));
    assert_eq!(b2(SaturatingSub, I32, 0, i(i32::MIN)), i(i32::MAX));
    assert_eq!(b2(SaturatingSub, I32, i(-1), i(i32::MIN)), i(i32::MAX), "exactly MAX, no saturation needed");
    assert_eq!(b2(SaturatingSub, I32, i(-2), i(i32::MIN)), i(i32::MAX - 1));
}

#[test]
fn sem_float_helpers_and_mul_hi() {
    use Builtin::*;
    let fb = |x: f32| x.to_bits();
    let one = |bi, x: f32| sem::builtin(bi, F32, &[fb(x)]);
    let two = |bi, x: f32, y: f32| sem::builtin(bi, F32, &[fb(x), fb(y)]);
    assert_eq!(two(CopySign, 3.0, -0.0), fb(-3.0));
    assert_eq!(two(CopySign, -3.0, 1.0), fb(3.0));
    assert_eq!(sem::builtin(CopySign, F32, &[0x7FC0_0001, 0x8000_0000]), 0xFFC0_0001, "a NaN keeps its payload");
    assert_eq!(one(NextUp, 1.0), fb(1.0) + 1);
    assert_eq!(one(NextUp, -0.0), 1);
    assert_eq!(one(NextUp, 0.0), 1);
    assert_eq!(one(NextUp, f32::MAX), fb(f32::INFINITY));
    assert_eq!(one(NextUp, f32::INFINITY), fb(f32::INFINITY));
    assert_eq!(one(NextUp, f32::NEG_INFINITY), fb(f32::MIN));
    assert_eq!(sem::builtin(NextUp, F32, &[0x8000_0001]), 0x8000_0000, "the smallest negative subnormal steps to -0.0");
    assert_eq!(one(NextDown, 0.0), 0x8000_0001);
    assert_eq!(one(NextDown, 1.0), fb(1.0) - 1);
    assert_eq!(one(NextDown, f32::NEG_INFINITY), fb(f32::NEG_INFINITY));
    assert!(sem::f32_is_nan(sem::builtin(NextDown, F32, &[0x7FC0_0000])));
    assert_eq!(two(UlpDistance, 1.0, 1.0), 0);
    assert_eq!(two(UlpDistance, 0.0, -0.0), 0);
    assert_eq!(two(UlpDistance, 1.0, f32::from_bits(fb(1.0) + 3)), 3);
    assert_eq!(two(UlpDistance, f32::from_bits(1), f32::from_bits(0x8000_0001)), 2);
    assert_eq!(two(UlpDistance, f32::MAX, f32::INFINITY), 1);
    assert_eq!(two(UlpDistance, f32::NEG_INFINITY, f32::INFINITY), 0xFF00_0000);
    assert_eq!(two(UlpDistance, f32::NAN, 1.0), u32::MAX);
    assert_eq!(b2(MulHi, U32, u32::MAX, u32::MAX), 0xFFFF_FFFE);
    assert_eq!(b2(MulHi, U32, 0x1_0000, 0x1_0000), 1);
    assert_eq!(b2(MulHi, U32, 3, 5), 0);
    assert_eq!(b2(MulHi, I32, i(-1), 1), i(-1));
    assert_eq!(b2(MulHi, I32, i(i32::MIN), i(i32::MIN)), 0x4000_0000);
    assert_eq!(b2(MulHi, I32, i(i32::MIN), i(-1)), 0);
    // Magic division: x / 7 == mul_hi(x, 0x24924925) + ((x - hi) >> 1) >> 2 (Hacker's Delight 10-8).
    for x in [0u32, 6, 7, 100, u32::MAX, 0x8000_0000, 123_456_789] {
        let hi = b2(MulHi, U32, x, 0x2492_4925);
        assert_eq!((hi + ((x - hi) >> 1)) >> 2, x / 7, "{x}");
    }
}

#[test]
fn sem_builtin_names_and_arities() {
    let names = [
        "min",
        "max",
        "abs",
        "clamp",
        "select",
        "sqrt",
        "floor",
        "ceil",
        "round",
        "trunc",
        "fma",
        "is_nan",
        "is_inf",
        "is_finite",
        "bits",
        "from_bits",
        "count_ones",
        "leading_zeros",
        "trailing_zeros",
        "add_overflows",
        "sub_overflows",
        "mul_overflows",
        "saturating_add",
        "saturating_sub",
        "len",
        "copysign",
        "next_up",
        "next_down",
        "ulp_distance",
        "mul_hi",
        "mul_wide",
    ];
    for n in names {
        let b = Builtin::from_name(n).unwrap_or_else(|| panic!("builtin {n} is missing"));
        assert_eq!(b.name(), n);
    }
    assert_eq!(Builtin::ALL.len(), names.len());
    assert_eq!(Builtin::Clamp.arity(), 3);
    assert_eq!(Builtin::Select.arity(), 3);
    assert_eq!(Builtin::Fma.arity(), 3);
    assert_eq!(Builtin::SaturatingSub.arity(), 2);
    assert_eq!(Builtin::Len.arity(), 1);
    assert_eq!(Builtin::MulWide.arity(), 2);
}

// ---------------------------------------------------------------------------------------------------------------
// Level (b): end to end through the front end, lowering and the CPU backend

/// What one property did on the single vector of a singleton-domain spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Got {
    Passed,
    Discarded,
    Fail(u32),
    Oob(u32),
}

struct E2e {
    names: Vec<String>,
    got: Vec<Got>,
    covers: Vec<Vec<u64>>,
}

fn compile(text: &str) -> (vecrun::check::TypedSpec, vecrun::ir::Program) {
    let loaded = vecrun::load::load_text(Path::new("t.vspec"), text.to_string(), &vecrun::load::MemoryFs::new());
    let checked = match vecrun::check::check(loaded) {
        Ok(c) => c,
        Err(diags) => panic!("spec does not check:\n{diags:#?}\n--- spec ---\n{text}"),
    };
    let program = vecrun::ir::lower(&checked.spec);
    (checked.spec, program)
}

/// Runs every property of `text` on the CPU backend. Every input has a singleton domain, so the space is one vector
/// and each property is decided by that vector.
fn run_spec(text: &str) -> E2e {
    let (spec, program) = compile(text);
    let generator = vecrun::run::Generator::new(&program.slots, 0, spec.input_hash);
    let plan = vecrun::run::PhasePlan::new(&generator, 1000, false);
    assert!(plan.exhaustive, "the test specs use singleton domains only");
    assert_eq!(plan.total(), 1);
    let mut backend = vecrun::cpu::CpuBackend::new(&program, generator, 1).expect("cpu backend");
    let result = vecrun::run::execute(&program, &plan, &mut backend, &Default::default()).expect("run");
    let mut got = Vec::new();
    for (k, st) in result.stats.iter().enumerate() {
        assert_eq!(st.evaluated, 1);
        let g = match result.verdicts[k] {
            Verdict::Failed => match st.failures[0].outcome() {
                Outcome::Fail(id) => Got::Fail(id),
                Outcome::OutOfBounds(site) => Got::Oob(site),
                o => panic!("a failure with outcome {o:?}"),
            },
            Verdict::Proven if st.discarded == 1 => Got::Discarded,
            Verdict::Proven => Got::Passed,
            v => panic!("unexpected verdict {v:?}"),
        };
        got.push(g);
    }
    E2e {
        names: program.properties.iter().map(|p| p.name.clone()).collect(),
        got,
        covers: result.stats.iter().map(|s| s.cover_hits.clone()).collect(),
    }
}

/// Builds one spec with one property per body (named `p0`, `p1`, ...) after `prelude`.
fn spec_text(prelude: &str, bodies: &[&str]) -> String {
    let mut s = String::from("spec semantics_test { version = \"1\" }\n");
    s.push_str(prelude);
    for (k, b) in bodies.iter().enumerate() {
        s.push_str(&format!("property p{k} {{\n{b}\n}}\n"));
    }
    s
}

/// Every body must pass (every assert true, nothing out of bounds, nothing discarded).
fn expect_all_pass(prelude: &str, bodies: &[&str]) {
    let r = run_spec(&spec_text(prelude, bodies));
    let bad: Vec<String> = r
        .got
        .iter()
        .enumerate()
        .filter(|(_, g)| **g != Got::Passed)
        .map(|(k, g)| {
            let which = match g {
                Got::Fail(id) => format!("assert #{id} is false"),
                other => format!("{other:?}"),
            };
            format!("{}: {which}\n    {}", r.names[k], bodies[k].trim().replace('\n', "\n    "))
        })
        .collect();
    assert!(bad.is_empty(), "{} of {} properties did not pass:\n{}", bad.len(), bodies.len(), bad.join("\n"));
}

/// Inputs with singleton set domains: runtime values that the lowering cannot fold.
const INPUTS: &str = r#"
input u0: u32 in {0};
input u1: u32 in {1};
input u2: u32 in {2};
input u7: u32 in {7};
input umax: u32 in {0xFFFFFFFF};
input umsb: u32 in {0x80000000};
input n31: u32 in {31};
input n32: u32 in {32};
input n33: u32 in {33};
input i0: i32 in {0};
input i1: i32 in {1};
input i2: i32 in {2};
input im1: i32 in {-1};
input im2: i32 in {-2};
input i7: i32 in {7};
input im7: i32 in {-7};
input im8: i32 in {-8};
input imin: i32 in {-2147483648};
input imax: i32 in {2147483647};
input f0: f32 in {0.0};
input fm0: f32 in {-0.0};
input f1: f32 in {1.0};
input f2: f32 in {2.0};
input f3: f32 in {3.0};
input fa: f32 in {1.000244140625};
input fc: f32 in {-1.00048828125};
input nanb: u32 in {0x7FC00000};
input nnanb: u32 in {0xFFC00000};
input snanb: u32 in {0x7F800001};
input infb: u32 in {0x7F800000};
input ninfb: u32 in {0xFF800000};
input maxfb: u32 in {0x7F7FFFFF};
input sub1b: u32 in {1};
input t: bool in {true};
input fls: bool in {false};
input arr: [u32; 4] in {5};
input ix3: u32 in {3};
input ix4: u32 in {4};
input ixm1: i32 in {-1};

const C_DIV0: u32 = 7 / 0;
const C_REM0: i32 = -7 % 0;
const C_MINDIV: i32 = -2147483648 / -1;
const C_SHL: u32 = 1 << 33;
const C_CAST: u32 = (-1.0) as u32;
const C_ROUND: f32 = round(2.5);

fn get(a: [u32; 4], i: u32) -> u32 {
  return a[i];
}
"#;

/// Float specials from bit-pattern inputs (NaN and inf cannot be domain values).
const FLOATS: &str = "let nan = from_bits(nanb); let nnan = from_bits(nnanb); let snan = from_bits(snanb); \
                      let inf = from_bits(infb); let ninf = from_bits(ninfb); let maxf = from_bits(maxfb); \
                      let sub1 = from_bits(sub1b);";

fn with_floats(body: &str) -> String {
    format!("{FLOATS}\n{body}")
}

#[test]
fn e2e_integer_operators() {
    expect_all_pass(
        INPUTS,
        &[
            // wrapping + - *
            "assert umax + u1 == 0; assert u0 - u1 == umax; assert (u0 + 65536) * (u0 + 65536) == 0; assert umax * umax == 1;",
            "assert imax + i1 == imin; assert imin - i1 == imax; assert imin * im1 == imin; assert (i0 + 46341) * (i0 + 46341) == -2147479015;",
            "assert -imin == imin; assert -i7 == im7; assert -(i0) == 0;",
            // division and remainder: by zero, truncation, MIN / -1 (lane-lane, lane-literal, literal-lane kernels)
            "assert u7 / u2 == 3; assert u7 % u2 == 1; assert u7 / u0 == 7; assert u7 % u0 == 0; assert u0 / u0 == 0; assert u0 % u0 == 0;",
            "assert u7 / 0 == 7; assert u7 % 0 == 0; assert 7 / u0 == 7; assert 7 % u0 == 0; assert umax / umax == 1; assert umax / 0 == umax;",
            "assert im7 / i2 == -3; assert im7 % i2 == -1; assert i7 / im2 == -3; assert i7 % im2 == 1; assert im7 / im2 == 3; assert im7 % im2 == -1;",
            "assert im7 / i0 == -7; assert im7 % i0 == 0; assert imin / i0 == imin; assert imin / 0 == imin;",
            "assert imin / im1 == imin; assert imin % im1 == 0; assert imin / -1 == -2147483648; assert imin % -1 == 0; assert imin / i1 == imin; assert imin / i2 == -1073741824;",
            // shifts modulo 32
            "assert u1 << n31 == 0x80000000; assert u1 << n32 == 1; assert u1 << n33 == 2; assert u7 << u0 == 7; assert u1 << 32 == 1; assert u1 << umax == 0x80000000;",
            "assert umsb >> n31 == 1; assert umsb >> n32 == 0x80000000; assert umax >> n31 == 1; assert umsb >> 35 == 0x10000000;",
            "assert u1 << im1 == 0x80000000; assert (u0 + 16) >> (i0 - 28) == 1; assert (i0 - 16) >> (i0 - 31) == -8;",
            "assert im8 >> i1 == -4; assert im1 >> n31 == -1; assert imin >> n31 == -1; assert i1 << n31 == imin; assert im8 >> n33 == -4; assert im8 >> n32 == -8; assert imax >> 30 == 1;",
            // bitwise
            "assert (u0 + 0xF0) & 0x3C == 0x30; assert (u0 + 0xF0) | 0x3C == 0xFC; assert (u0 + 0xF0) ^ 0x3C == 0xCC; assert ~u0 == umax; assert ~i0 == -1; assert ~i7 == -8; assert ~im1 == 0;",
            "assert (imin | i1) == -2147483647; assert (im1 & 0x55) == 0x55; assert (im1 ^ im1) == 0;",
            // comparisons
            "assert umax > u1; assert !(umax < u1); assert umax >= umax; assert u0 <= u0; assert u7 != u2; assert !(u7 == u2);",
            "assert im1 < i1; assert !(im1 > i1); assert imin < imax; assert im2 <= im1; assert im1 >= im1; assert imax > imin;",
            // compound assignment wraps the same way
            "var x: u32 = umax; x += 1; assert x == 0; x -= 1; assert x == umax; x *= 2; assert x == 0xFFFFFFFE; x /= 0; assert x == 0xFFFFFFFE; x %= 0; assert x == 0;",
            "var s: i32 = imin; s /= -1; assert s == imin; s %= -1; assert s == 0; var k: u32 = u1; k <<= 33; assert k == 2; k >>= 32; assert k == 2;",
        ],
    );
}

#[test]
fn e2e_bool_operators() {
    expect_all_pass(
        INPUTS,
        &[
            "assert t && t; assert !(t && fls); assert !(fls && t); assert t || fls; assert fls || t; assert !(fls || fls); assert !fls; assert !!t;",
            "assert t == t; assert t != fls; assert !(t == fls); assert fls == fls;",
            "assert t & t; assert !(t & fls); assert t | fls; assert !(fls | fls); assert t ^ fls; assert !(t ^ t);",
            "assert (t as u32) == 1; assert (fls as u32) == 0; assert (t as i32) == 1; assert bits(t as f32) == 0x3F800000; assert bits(fls as f32) == 0;",
            "assert select(t, u7, u0) == 7; assert select(fls, u7, u0) == 0; assert select(t, fls, t) == false; assert select(u0 == 0, im1, i7) == -1;",
        ],
    );
}

#[test]
fn e2e_float_operators() {
    let bodies: Vec<String> = [
        // IEEE rounding to nearest even, once per operation
        "assert bits(f1 / f3) == 0x3EAAAAAB; assert bits((f0 + 0.1) + 0.2) == 0x3E99999A; assert bits(fa * fa) == 0x3F801000;",
        "assert bits((f0 + 16777216.0) + f1) == 0x4B800000; assert bits((f0 + 16777216.0) + f3) == 0x4B800002;",
        // no implicit fma, no reassociation
        "assert fa * fa + fc == 0.0; assert bits(fa * fa + fc) == 0; assert bits(fma(fa, fa, fc)) == 0x33800000;",
        "assert (f1 + 100000000.0) - 100000000.0 == 0.0; assert (f0 + 0.5) + 0.5 == f1;",
        // special values
        "assert bits(f1 / f0) == 0x7F800000; assert bits(f1 / fm0) == 0xFF800000; assert is_nan(f0 / f0); assert is_nan(inf - inf); assert is_nan(f0 * inf); assert bits(maxf * f2) == 0x7F800000;",
        "assert bits(fm0 + fm0) == 0x80000000; assert bits(fm0 + f0) == 0; assert bits(fm0 + 0.0) == 0; assert bits(fm0 * f3) == 0x80000000; assert bits(f1 - f1) == 0;",
        // subnormals are kept
        "assert bits(from_bits(u0 + 0x00800000) / f2) == 0x00400000; assert bits(sub1 / f2) == 0; assert bits(from_bits(u0 + 3) / f2) == 2; assert sub1 > 0.0; assert bits(sub1 * f1) == 1;",
        // unary minus flips the sign bit only
        "assert bits(-f0) == 0x80000000; assert bits(-fm0) == 0; assert bits(-nan) == 0xFFC00000; assert bits(-ninf) == 0x7F800000; assert bits(-snan) == 0xFF800001; assert -f1 == -1.0;",
        // IEEE comparisons: NaN unordered, -0 == 0
        "assert !(nan == nan); assert nan != nan; assert !(nan < f1); assert !(nan <= f1); assert !(nan > f1); assert !(nan >= f1); assert !(f1 < nan); assert !(f1 == nan); assert f1 != nan; assert !(nan == snan);",
        "assert !(inf < nan); assert !(ninf > nan); assert !(nan <= nan); assert !(nan >= nan);",
        "assert fm0 == f0; assert !(fm0 != f0); assert !(fm0 < f0); assert fm0 <= f0; assert fm0 >= f0; assert !(f0 > fm0);",
        "assert inf > maxf; assert ninf < -maxf; assert inf == inf; assert sub1 < from_bits(u0 + 0x00800000); assert f2 > f1; assert -f2 < -f1;",
    ]
    .iter()
    .map(|b| with_floats(b))
    .collect();
    let bodies: Vec<&str> = bodies.iter().map(String::as_str).collect();
    expect_all_pass(INPUTS, &bodies);
}

#[test]
fn e2e_casts() {
    let bodies: Vec<String> = [
        "assert (umax as i32) == -1; assert (im1 as u32) == 0xFFFFFFFF; assert (imin as u32) == 0x80000000; assert (u7 as u32) == 7;",
        "assert bits((u0 + 16777217) as f32) == 0x4B800000; assert bits((u0 + 16777219) as f32) == 0x4B800002; assert bits(umax as f32) == 0x4F800000; assert bits(u0 as f32) == 0;",
        "assert bits(imax as f32) == 0x4F000000; assert bits(imin as f32) == 0xCF000000; assert bits((i0 - 16777217) as f32) == 0xCB800000; assert bits(im1 as f32) == 0xBF800000;",
        "assert ((f0 + 3.99) as u32) == 3; assert ((f0 - 0.5) as u32) == 0; assert ((f0 - 1.0) as u32) == 0; assert (fm0 as u32) == 0; assert ((f0 + 4294967296.0) as u32) == umax; assert ((f0 + 1e10) as u32) == umax;",
        "assert (inf as u32) == umax; assert (ninf as u32) == 0; assert (nan as u32) == 0; assert (nnan as u32) == 0; assert (snan as u32) == 0; assert (sub1 as u32) == 0;",
        "assert ((f0 - 3.99) as i32) == -3; assert ((f0 + 3.99) as i32) == 3; assert (fm0 as i32) == 0; assert ((f0 + 2147483648.0) as i32) == imax; assert ((f0 - 3.0e9) as i32) == imin; assert ((f0 + 2147483520.0) as i32) == 2147483520;",
        "assert (inf as i32) == imax; assert (ninf as i32) == imin; assert (nan as i32) == 0; assert (nnan as i32) == 0; assert (snan as i32) == 0;",
        "assert (f3 as f32) == 3.0; assert (i7 as i32) == 7; assert (t as bool);",
    ]
    .iter()
    .map(|b| with_floats(b))
    .collect();
    let bodies: Vec<&str> = bodies.iter().map(String::as_str).collect();
    expect_all_pass(INPUTS, &bodies);
}

#[test]
fn e2e_builtins() {
    let bodies: Vec<String> = [
        // min / max / clamp
        "assert min(u0, umax) == 0; assert max(u0, umax) == umax; assert min(im1, i0) == -1; assert max(im1, i0) == 0; assert min(imin, imax) == imin; assert max(imin, imax) == imax;",
        "assert min(f1, nan) == 1.0; assert min(nan, f1) == 1.0; assert max(f1, nan) == 1.0; assert bits(max(nan, ninf)) == 0xFF800000; assert bits(min(nan, nnan)) == 0xFFC00000; assert is_nan(max(nan, nan));",
        "assert bits(min(fm0, f0)) == 0x80000000; assert bits(min(f0, fm0)) == 0; assert bits(max(fm0, f0)) == 0x80000000; assert bits(max(f0, fm0)) == 0; assert min(ninf, f3) == ninf; assert max(f1, f3) == 3.0;",
        "assert clamp(u7, 1, 5) == 5; assert clamp(u0, 1, 5) == 1; assert clamp(u0 + 3, 5, 1) == 1; assert clamp(i0 - 10, -3, 3) == -3; assert clamp(i7, im1, 3) == 3;",
        "assert clamp(nan, f0, f1) == 0.0; assert clamp(f2, f0, f1) == 1.0; assert bits(clamp(fm0, f0, f1)) == 0x80000000; assert clamp(f0 + 0.5, 0.0, 1.0) == 0.5; assert clamp(f0 + 0.5, f1, f0) == 0.0;",
        // abs
        "assert abs(i0 - 5) == 5; assert abs(imin) == imin; assert abs(i0) == 0; assert abs(umax) == umax; assert bits(abs(fm0)) == 0; assert abs(ninf) == inf; assert bits(abs(nnan)) == 0x7FC00000; assert abs(f0 - 2.5) == 2.5;",
        // sqrt
        "assert sqrt(f0 + 4.0) == 2.0; assert bits(sqrt(f2)) == 0x3FB504F3; assert bits(sqrt(fm0)) == 0x80000000; assert bits(sqrt(f0)) == 0; assert is_nan(sqrt(f0 - 1.0)); assert sqrt(inf) == inf; assert is_nan(sqrt(nan)); assert is_nan(sqrt(ninf));",
        "assert bits(sqrt(from_bits(u0 + 0x00400000))) == 0x1FB504F3;",
        // floor / ceil / round / trunc
        "assert floor(f0 - 0.5) == -1.0; assert bits(floor(fm0)) == 0x80000000; assert floor(f0 + 2.7) == 2.0; assert floor(f0 - 2.7) == -3.0; assert floor(inf) == inf; assert is_nan(floor(nan)); assert bits(floor(sub1)) == 0;",
        "assert bits(ceil(f0 - 0.5)) == 0x80000000; assert ceil(f0 + 0.2) == 1.0; assert ceil(f0 - 2.7) == -2.0; assert ceil(sub1) == 1.0; assert ceil(ninf) == ninf;",
        "assert bits(round(f0 + 0.5)) == 0; assert round(f0 + 1.5) == 2.0; assert round(f0 + 2.5) == 2.0; assert round(f0 + 3.5) == 4.0; assert round(f0 - 2.5) == -2.0; assert bits(round(f0 - 0.5)) == 0x80000000; assert round(f0 + 2.6) == 3.0; assert round(f0 + 0.49999997) == 0.0; assert round(f0 + 8388609.0) == 8388609.0;",
        "assert bits(trunc(f0 - 0.7)) == 0x80000000; assert trunc(f0 + 2.9) == 2.0; assert trunc(f0 - 2.9) == -2.0; assert trunc(maxf) == maxf; assert is_nan(trunc(nan));",
        // fma
        "assert bits(fma(fa, fa, fc)) == 0x33800000; assert fma(f1, f2, f3) == 5.0; assert fma(maxf, f2, -maxf) == maxf; assert is_nan(fma(inf, f0, f1));",
        // classification
        "assert is_nan(nan); assert is_nan(nnan); assert is_nan(snan); assert is_nan(from_bits(umax)); assert !is_nan(inf); assert !is_nan(f0); assert !is_nan(maxf);",
        "assert is_inf(inf); assert is_inf(ninf); assert !is_inf(nan); assert !is_inf(maxf); assert !is_inf(f0);",
        "assert is_finite(maxf); assert is_finite(sub1); assert is_finite(fm0); assert !is_finite(inf); assert !is_finite(ninf); assert !is_finite(nan); assert !is_finite(snan);",
        // bits / from_bits
        "assert bits(fm0) == 0x80000000; assert bits(f1) == 0x3F800000; assert bits(im1) == 0xFFFFFFFF; assert bits(imin) == 0x80000000; assert bits(from_bits(snanb)) == 0x7F800001; assert bits(from_bits(nnanb)) == 0xFFC00000; assert from_bits(u0 + 0x3F800000) == 1.0; assert bits(from_bits(umax)) == umax;",
        // bit counting
        "assert count_ones(u0) == 0; assert count_ones(umax) == 32; assert count_ones(im1) == 32; assert count_ones(u0 + 0xF0) == 4; assert count_ones(imin) == 1;",
        "assert leading_zeros(u0) == 32; assert leading_zeros(u1) == 31; assert leading_zeros(umax) == 0; assert leading_zeros(im1) == 0; assert leading_zeros(i0) == 32; assert leading_zeros(i1) == 31; assert leading_zeros(imax) == 1;",
        "assert trailing_zeros(u0) == 32; assert trailing_zeros(u0 + 8) == 3; assert trailing_zeros(umsb) == 31; assert trailing_zeros(imin) == 31; assert trailing_zeros(i0) == 32; assert trailing_zeros(im1) == 0; assert trailing_zeros(im8) == 3;",
        // overflow predicates
        "assert add_overflows(umax, u1); assert !add_overflows(umax, u0); assert !add_overflows(umsb, 0x7FFFFFFF); assert add_overflows(umsb, 0x80000000);",
        "assert add_overflows(imax, 1); assert !add_overflows(imax, 0); assert add_overflows(imin, -1); assert !add_overflows(imin, 0); assert !add_overflows(im1, 1); assert !add_overflows(imin, imax);",
        "assert sub_overflows(u0, u1); assert !sub_overflows(u1, u1); assert !sub_overflows(u0, u0); assert sub_overflows(u7, 8);",
        "assert sub_overflows(imin, 1); assert sub_overflows(imax, -1); assert sub_overflows(i0, imin); assert !sub_overflows(im1, imin); assert !sub_overflows(imin, imin);",
        "assert mul_overflows(u0 + 65536, 65536); assert !mul_overflows(u0 + 65535, 65537); assert !mul_overflows(umax, 1); assert mul_overflows(umax, 2); assert !mul_overflows(u0, umax);",
        "assert mul_overflows(imin, -1); assert mul_overflows(im1, imin); assert !mul_overflows(imin, 1); assert mul_overflows(i0 + 46341, 46341); assert !mul_overflows(i0 + 46340, 46340); assert mul_overflows(i0 - 46341, 46341); assert !mul_overflows(i0 + 65536, -32768); assert mul_overflows(i0 + 65536, 32768);",
        // saturating
        "assert saturating_add(umax, 1) == umax; assert saturating_add(u1, 2) == 3; assert saturating_add(imax, 1) == imax; assert saturating_add(imin, -1) == imin; assert saturating_add(i0 - 5, 3) == -2;",
        "assert saturating_sub(u0, 1) == 0; assert saturating_sub(u7, 3) == 4; assert saturating_sub(imin, 1) == imin; assert saturating_sub(imax, -1) == imax; assert saturating_sub(i0, imin) == imax; assert saturating_sub(im1, imin) == imax;",
        // len
        "assert len(arr) == 4; assert arr[ix3] == 5;",
    ]
    .iter()
    .map(|b| with_floats(b))
    .collect();
    let bodies: Vec<&str> = bodies.iter().map(String::as_str).collect();
    expect_all_pass(INPUTS, &bodies);
}

/// The constant folders (check-time `const` items and lowering) and the uniform path of the CPU backend (values
/// computed from a loop counter) obey the same rules as the lane kernels.
#[test]
fn e2e_folded_and_uniform_paths_agree() {
    expect_all_pass(
        INPUTS,
        &[
            "assert C_DIV0 == 7; assert C_REM0 == 0; assert C_MINDIV == -2147483648; assert C_SHL == 2; assert C_CAST == 0; assert C_ROUND == 2.0;",
            "let c7: u32 = 7; let cmin: i32 = -2147483648; assert c7 / 0 == 7; assert c7 % 0 == 0; assert cmin / -1 == cmin; assert cmin % -1 == 0; assert (c7 << 33) == 14;",
            "let nan = from_bits(0x7FC00000); assert nan != nan; assert !(nan == nan); assert (nan as i32) == 0; assert min(nan, 1.0) == 1.0; assert bits(-0.0) == 0x80000000; assert round(0.5) == 0.0; assert bits(1.0 / 3.0) == 0x3EAAAAAB;",
            "for k in 0..1 { assert (k + 7) / k == 7; assert (k + 7) % k == 0; assert (k + 1) << (k + 33) == 2; assert leading_zeros(k) == 32; assert trailing_zeros(k) == 32; }",
            "for k in 0..1 { let z = k as i32; assert (z - 2147483647 - 1) / (z - 1) == -2147483648; assert (z - 8) >> (z + 33) == -4; assert abs(z - 2147483647 - 1) == -2147483648; }",
            "for k in 0..1 { let x = k as f32; assert is_nan(x / x); assert (from_bits(k + 0x7FC00000) as u32) == 0; assert bits(-x) == 0x80000000; assert bits(round(x + 2.5)) == bits(2.0); assert bits(fma(x + 1.000244140625, x + 1.000244140625, x - 1.00048828125)) == 0x33800000; }",
            "for k in 0..1 { assert saturating_sub(k, 1) == 0; assert add_overflows(k + 0xFFFFFFFF, 1); assert mul_overflows((k as i32) - 2147483647 - 1, -1); assert clamp(k, 5, 1) == 1; }",
        ],
    );
}

#[test]
fn e2e_index_out_of_bounds_laziness_and_verdicts() {
    use Got::*;
    let cases: &[(&str, Got)] = &[
        ("assert arr[ix3] == 5;", Passed),
        ("assert arr[ix4] == 5;", Oob(0)),
        ("assert arr[ixm1] == 5;", Oob(0)),
        ("let i: i32 = ixm1 + 4; assert arr[i] == 5;", Passed),
        // lazy && || select protect an index
        ("assert !(u0 == 1 && arr[ix4] == 5);", Passed),
        ("assert u0 == 0 || arr[ix4] == 5;", Passed),
        ("assert !(ix4 < len(arr) && arr[ix4] == 0);", Passed),
        ("assert ixm1 < 0 || arr[ixm1] == 5;", Passed),
        ("assert u0 == 0 && arr[ix4] == 5;", Oob(0)),
        ("assert u0 == 1 || arr[ix4] == 5;", Oob(0)),
        ("assert select(u0 == 0, 1, arr[ix4]) == 1;", Passed),
        ("assert select(u0 == 1, arr[ix4], 2) == 2;", Passed),
        ("assert select(u0 == 0, arr[ix4], 2) == 2;", Oob(0)),
        ("assert !(u0 == 1 && get(arr, ix4) == 5);", Passed),
        // the eager & | on bool evaluate both sides
        ("assert !((u0 == 1) & (arr[ix4] == 5));", Oob(0)),
        ("assert (u0 == 0) | (arr[ix4] == 5);", Oob(0)),
        // an if runs only the branch taken
        ("if u0 == 1 { assert arr[ix4] == 0; }", Passed),
        ("if u0 == 0 { assert arr[ix4] == 0; } else { assert arr[ix3] == 0; }", Oob(0)),
        // writes, functions, loops
        ("var a: [u32; 4] = [0, 0, 0, 0]; a[ix4] = 1; assert a[0] == 0;", Oob(0)),
        ("var a: [u32; 4] = [0, 0, 0, 0]; a[ix4] = arr[ixm1]; assert a[0] == 0;", Oob(0)),
        ("var a: [u32; 4] = [0, 0, 0, 0]; a[ix3] = arr[ixm1]; assert a[0] == 0;", Oob(1)),
        ("var a: [u32; 4] = [0, 0, 0, 0]; a[ix4] += 1; assert a[0] == 0;", Oob(0)),
        ("assert get(arr, ix4) == 5;", Oob(0)),
        ("assume arr[ix4] == 5;", Oob(0)),
        ("cover arr[ix4] == 5, \"c\";", Oob(0)),
        ("if arr[ixm1] == 5 { assert u0 == 0; }", Oob(0)),
        ("assert get(arr, ix3) == 5;", Passed),
        ("var s: u32 = 0; for k in 0..5 { s += arr[k]; } assert s == 20;", Oob(0)),
        ("var s: u32 = 0; for k in 0..4 { s += arr[k]; } assert s == 20;", Passed),
        // operands left to right: the first failing index is reported
        ("let x = arr[ix3] + arr[ix4] + arr[ixm1]; assert x == 0;", Oob(1)),
        ("assert arr[ix3] == 5 && arr[ix3 + 1] == 5;", Oob(1)),
        // verdict order: the first deciding event wins
        ("assume u0 == 1; assert u0 == 5;", Discarded),
        ("assert u0 == 5; assume u0 == 1;", Fail(0)),
        ("assert u0 == 0; assert u1 == 0; assert u0 == 1;", Fail(1)),
        ("assert arr[ix4] == 5; assert u0 == 1;", Oob(0)),
        ("assert u0 == 1; assert arr[ix4] == 5;", Fail(0)),
        ("assume u0 == 1; assert arr[ix4] == 5;", Discarded),
        ("assert arr[ix4] == 5; assume u0 == 1;", Oob(0)),
        ("assume u0 == 0; assert u0 == 0; assume u1 == 0; assert u1 == 7;", Discarded),
        ("for k in 0..3 { assert k < 1; }", Fail(0)),
    ];
    let bodies: Vec<&str> = cases.iter().map(|c| c.0).collect();
    let r = run_spec(&spec_text(INPUTS, &bodies));
    let bad: Vec<String> = cases
        .iter()
        .zip(&r.got)
        .filter(|((_, want), got)| want != *got)
        .map(|((body, want), got)| format!("{body}\n    want {want:?}, got {got:?}"))
        .collect();
    assert!(bad.is_empty(), "wrong outcomes:\n{}", bad.join("\n"));
}

#[test]
fn e2e_covers_count_among_non_discarded_vectors() {
    use Got::*;
    let cases: &[(&str, Got, &[u64])] = &[
        ("cover u0 == 0, \"hit\"; assert u0 == 1;", Fail(0), &[1]),
        ("cover u0 == 0, \"hit\"; assume u0 == 1;", Discarded, &[0]),
        ("assume u0 == 0; cover u0 == 0, \"hit\";", Passed, &[1]),
        ("assert u0 == 1; cover u0 == 0, \"not reached\";", Fail(0), &[0]),
        ("assert arr[ix4] == 5; cover u0 == 0, \"not reached\";", Oob(0), &[0]),
        ("cover u0 == 1, \"miss\"; cover u0 == 0, \"hit\";", Passed, &[0, 1]),
        ("if u0 == 1 { cover true, \"not taken\"; } cover u0 == 0 && arr[ix3] == 5, \"hit\";", Passed, &[0, 1]),
    ];
    let bodies: Vec<&str> = cases.iter().map(|c| c.0).collect();
    let r = run_spec(&spec_text(INPUTS, &bodies));
    for (k, (body, want, hits)) in cases.iter().enumerate() {
        assert_eq!(r.got[k], *want, "{body}");
        assert_eq!(r.covers[k], *hits, "{body}");
    }
}

/// Several vectors in one chunk: every lane gets its own outcome (masks, laziness per lane).
#[test]
fn e2e_explicit_vectors_decide_lane_by_lane() {
    let text = spec_text(
        "input x: u32 in 0..=10;\ninput arr: [u32; 4] in {5};\n",
        &[
            "assert x < 4 && arr[x] == 5 || x >= 4;",
            "assert arr[x] == 5;",
            "assume x != 2; assert x != 5;",
            "assert 10 / x >= 2;",
            "assert select(x < 4, arr[x], x) == select(x < 4, 5, x);",
        ],
    );
    let (spec, program) = compile(&text);
    let generator = vecrun::run::Generator::new(&program.slots, 0, spec.input_hash);
    let backend = vecrun::cpu::CpuBackend::new(&program, generator, 1).expect("cpu backend");
    let vectors: Vec<Vec<u32>> = (0..8u32).map(|x| vec![x, 5, 5, 5, 5]).collect();
    let out = backend.eval_vectors(&vectors);
    let decoded: Vec<Vec<Outcome>> = out.iter().map(|p| p.iter().map(|&c| Outcome::decode(c)).collect()).collect();
    use Outcome::*;
    assert_eq!(decoded[0], vec![Pass; 8]);
    let oob: Vec<Outcome> = (0..8).map(|x| if x < 4 { Pass } else { OutOfBounds(0) }).collect();
    assert_eq!(decoded[1], oob);
    let third: Vec<Outcome> = (0..8)
        .map(|x| match x {
            2 => Discard(0),
            5 => Fail(0),
            _ => Pass,
        })
        .collect();
    assert_eq!(decoded[2], third);
    // 10 / 0 == 10; 10 / 6 == 1, 10 / 7 == 1
    let fourth: Vec<Outcome> = (0..8).map(|x| if x >= 6 { Fail(0) } else { Pass }).collect();
    assert_eq!(decoded[3], fourth);
    assert_eq!(decoded[4], vec![Pass; 8]);
}

/// Section 2 of the document: what the type checker rejects.
#[test]
fn type_errors() {
    let rejected = [
        "input x: f32; property p { assert x % x == 0.0; }",
        "input u: u32; property p { assert -u == 0; }",
        "input u: u32; property p { assert u as bool; }",
        "input x: f32; property p { assert x as bool; }",
        "input t: bool; property p { assert t < t; }",
        "input t: bool; property p { assert ~t; }",
        "input u: u32; property p { assert !u; }",
        "input u: u32; input i: i32; property p { assert u + i == 0; }",
        "input u: u32; property p { assert u && u; }",
        "input x: f32; property p { assert x << 1 == 0.0; }",
        "input x: f32; property p { assert count_ones(x) == 0; }",
        "input u: u32; property p { assert sqrt(u) == 0; }",
        "input u: u32; property p { assert bits(u) == 0; }",
        "input x: f32; property p { assert add_overflows(x, x); }",
        "input t: bool; property p { assert t + t; }",
    ];
    for body in rejected {
        let text = format!("spec type_errors {{ version = \"1\" }}\n{body}\n");
        let loaded = vecrun::load::load_text(Path::new("t.vspec"), text.clone(), &vecrun::load::MemoryFs::new());
        assert!(vecrun::check::check(loaded).is_err(), "accepted: {body}");
    }
    // and the allowed mixed-type shift
    let ok = "spec ok { version = \"1\" }\ninput u: u32; input i: i32;\nproperty p { assert (u << i) == (u << (i as u32)); assert (i >> u) == (i >> u); }\n";
    let loaded = vecrun::load::load_text(Path::new("t.vspec"), ok.to_string(), &vecrun::load::MemoryFs::new());
    assert!(vecrun::check::check(loaded).is_ok());
}

/// A constant index that is out of range fails the property like any other and does not crash the backend
/// (regression: the lowering once turned `input_array[c]` into a read of slot `first_slot + c` without checking `c`).
#[test]
fn e2e_constant_out_of_range_index_fails() {
    // `arr` is the last input, so `arr[4]` names a slot past the end; `-1` overflows `first_slot + c`.
    let r = run_spec(&spec_text(
        "input u0: u32 in {0};\ninput arr: [u32; 4] in {5};\n",
        &[
            "assert arr[4] == 5;",
            "assert arr[9] == 5;",
            "let i: i32 = -1; assert arr[i] == 5;",
            "assert !(u0 == 1 && arr[9] == 5);",
            "var a: [u32; 4] = arr; assert a[4] == 5;",
        ],
    ));
    assert_eq!(r.got, vec![Got::Oob(0), Got::Oob(0), Got::Oob(0), Got::Passed, Got::Oob(0)]);
}

//! The meaning of every operator and builtin, on 32-bit patterns: the single reference that
//! `docs/semantics.md` describes, the constant folder uses, and both backends must match.
//!
//! Every value is carried as a `u32` bit pattern: `bool` is 0 or 1, `i32` is two's complement,
//! `f32` is its IEEE-754 bits, and the narrow integers `u8`/`u16` are zero-extended and `i8`/`i16`
//! sign-extended to 32 bits (their *carriers* are `u32` and `i32`: a narrow operation is the
//! carrier's operation followed by [`ScalarType::normalize`], which is how `ir::lower` spells them).

use std::fmt;

use crate::syntax::ast::{BinOp, UnOp};

/// The scalar types of the language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum ScalarType {
    Bool,
    U32,
    I32,
    F32,
    U8,
    U16,
    I8,
    I16,
    /// 64-bit integers: checked, interpreted ([`wide`]) and lowered to pairs of 32-bit words.
    U64,
    I64,
    /// IEEE-754 binary64: checked, interpreted ([`wide`]), lowered to pairs of 32-bit words whose
    /// operations `sem` computes on the CPU (WGSL has no `f64`).
    F64,
}

pub mod wide;

impl ScalarType {
    pub fn name(self) -> &'static str {
        match self {
            ScalarType::Bool => "bool",
            ScalarType::U32 => "u32",
            ScalarType::I32 => "i32",
            ScalarType::F32 => "f32",
            ScalarType::U8 => "u8",
            ScalarType::U16 => "u16",
            ScalarType::I8 => "i8",
            ScalarType::I16 => "i16",
            ScalarType::U64 => "u64",
            ScalarType::I64 => "i64",
            ScalarType::F64 => "f64",
        }
    }
    /// Every scalar type, in the order the docs list them.
    pub const ALL: [ScalarType; 11] = [
        ScalarType::Bool,
        ScalarType::U8,
        ScalarType::U16,
        ScalarType::U32,
        ScalarType::U64,
        ScalarType::I8,
        ScalarType::I16,
        ScalarType::I32,
        ScalarType::I64,
        ScalarType::F32,
        ScalarType::F64,
    ];
    /// The 32-bit types and the narrow integers: what inputs, columns, implementations and the IR
    /// hold (a 64-bit value is a pair of `u32` words past the front end).
    pub const CARRIED: [ScalarType; 8] = [
        ScalarType::Bool,
        ScalarType::U8,
        ScalarType::U16,
        ScalarType::U32,
        ScalarType::I8,
        ScalarType::I16,
        ScalarType::I32,
        ScalarType::F32,
    ];
    pub fn from_name(name: &str) -> Option<ScalarType> {
        ScalarType::ALL.into_iter().find(|t| t.name() == name)
    }
    pub fn is_int(self) -> bool {
        !matches!(self, ScalarType::Bool | ScalarType::F32 | ScalarType::F64)
    }
    /// `f32` and `f64`.
    pub fn is_float(self) -> bool {
        matches!(self, ScalarType::F32 | ScalarType::F64)
    }
    pub fn is_signed(self) -> bool {
        matches!(self, ScalarType::I32 | ScalarType::I8 | ScalarType::I16 | ScalarType::I64)
    }
    /// The 32-bit words a value of this type takes past the front end: 2 for `u64` and `i64`.
    pub fn words(self) -> u32 {
        if self.is_wide() { 2 } else { 1 }
    }
    /// The IR type of each of its words: `u32` for the two words of a 64-bit type, the
    /// [carrier](ScalarType::carrier) otherwise.
    pub fn word(self) -> ScalarType {
        if self.is_wide() { ScalarType::U32 } else { self.carrier() }
    }
    /// `u64`, `i64` and `f64`: values of 64 bits, held by the front end as `u64` patterns
    /// ([`wide`]) and by the IR as two `u32` words (low, high).
    pub fn is_wide(self) -> bool {
        matches!(self, ScalarType::U64 | ScalarType::I64 | ScalarType::F64)
    }
    /// `u8`, `u16`, `i8` and `i16`: carried in 32 bits, see [`ScalarType::carrier`].
    pub fn is_narrow(self) -> bool {
        self.width() < 32 && self.is_int()
    }
    /// The width in bits of an integer type (32 for `bool`, `u32`, `i32` and `f32`).
    pub fn width(self) -> u32 {
        match self {
            ScalarType::U8 | ScalarType::I8 => 8,
            ScalarType::U16 | ScalarType::I16 => 16,
            ScalarType::U64 | ScalarType::I64 | ScalarType::F64 => 64,
            _ => 32,
        }
    }
    /// The 32-bit type a value is carried and computed in: `u32` for `u8`/`u16`, `i32` for
    /// `i8`/`i16`, the type itself otherwise. The IR and the backends see carriers only.
    pub fn carrier(self) -> ScalarType {
        match self {
            ScalarType::U8 | ScalarType::U16 => ScalarType::U32,
            ScalarType::I8 | ScalarType::I16 => ScalarType::I32,
            t => t,
        }
    }
    /// The unsigned type of the same width (`u8` for `i8`, `u32` for `i32`; itself otherwise).
    pub fn unsigned(self) -> ScalarType {
        match self {
            ScalarType::I8 => ScalarType::U8,
            ScalarType::I16 => ScalarType::U16,
            ScalarType::I32 => ScalarType::U32,
            ScalarType::I64 => ScalarType::U64,
            t => t,
        }
    }
    /// The smallest and largest value of an integer type of at most 32 bits, as `i64` (`u64`'s
    /// largest is clamped to `i64::MAX`: use [`ScalarType::int_range128`] for 64-bit types).
    pub fn int_range(self) -> (i64, i64) {
        let (lo, hi) = self.int_range128();
        (lo.clamp(i64::MIN as i128, i64::MAX as i128) as i64, hi.clamp(i64::MIN as i128, i64::MAX as i128) as i64)
    }
    /// The smallest and largest value of an integer type, as `i128`.
    pub fn int_range128(self) -> (i128, i128) {
        match self {
            ScalarType::Bool => (0, 1),
            ScalarType::F32 | ScalarType::F64 => (i64::MIN as i128, i64::MAX as i128),
            t if t.is_signed() => (-(1i128 << (t.width() - 1)), (1i128 << (t.width() - 1)) - 1),
            t => (0, (1i128 << t.width()) - 1),
        }
    }
    /// The integer a carried pattern of this type stands for (signed types sign-extended).
    pub fn int_value(self, bits: u32) -> i64 {
        if self.is_signed() { bits as i32 as i64 } else { bits as i64 }
    }
    /// A carrier pattern wrapped to this type: the low `width` bits, zero-extended for unsigned
    /// types and sign-extended for signed ones (identity for 32-bit types).
    #[inline(always)]
    pub fn normalize(self, bits: u32) -> u32 {
        match self {
            ScalarType::U8 => bits & 0xFF,
            ScalarType::U16 => bits & 0xFFFF,
            ScalarType::I8 => bits as u8 as i8 as i32 as u32,
            ScalarType::I16 => bits as u16 as i16 as i32 as u32,
            _ => bits,
        }
    }
    pub fn is_numeric(self) -> bool {
        !matches!(self, ScalarType::Bool)
    }
    /// Renders a bit pattern of this type the way a user writes the value.
    pub fn display(self, bits: u32) -> String {
        match self {
            ScalarType::Bool => (bits != 0).to_string(),
            ScalarType::U32 | ScalarType::U8 | ScalarType::U16 => bits.to_string(),
            ScalarType::I32 | ScalarType::I8 | ScalarType::I16 => (bits as i32).to_string(),
            ScalarType::F32 => display_f32(f32::from_bits(bits)),
            ScalarType::U64 | ScalarType::I64 | ScalarType::F64 => self.display_wide(bits as u64),
        }
    }
    /// Renders a 64-bit pattern of this type (any type: a 32-bit one uses the low word).
    pub fn display_wide(self, bits: u64) -> String {
        match self {
            ScalarType::U64 => bits.to_string(),
            ScalarType::I64 => (bits as i64).to_string(),
            ScalarType::F64 => display_f64(f64::from_bits(bits)),
            t => t.display(bits as u32),
        }
    }
}

impl fmt::Display for ScalarType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Shortest text that parses back to the same f32 (NaN payloads shown as bits).
pub fn display_f32(v: f32) -> String {
    if v.is_nan() {
        if v.to_bits() == 0x7FC0_0000 { "NaN".to_string() } else { format!("NaN(0x{:08X})", v.to_bits()) }
    } else if v.is_infinite() {
        if v > 0.0 { "inf".into() } else { "-inf".into() }
    } else {
        let s = format!("{v:?}");
        s
    }
}

/// The builtin functions. Argument and result types are checked by the front end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    Min,
    Max,
    Abs,
    Clamp,
    Select,
    Sqrt,
    Floor,
    Ceil,
    Round,
    Trunc,
    Fma,
    IsNan,
    IsInf,
    IsFinite,
    Bits,
    FromBits,
    CountOnes,
    LeadingZeros,
    TrailingZeros,
    AddOverflows,
    SubOverflows,
    MulOverflows,
    SaturatingAdd,
    SaturatingSub,
    Len,
    CopySign,
    NextUp,
    NextDown,
    UlpDistance,
    MulHi,
    /// `mul_wide(a, b)`: the whole double-width product as the tuple `(low, high)`; a record, so the
    /// front end and lowering handle it (as `(a * b, mul_hi(a, b))`), like `Len` and `Select`.
    MulWide,
}

impl Builtin {
    pub const ALL: [Builtin; 31] = [
        Builtin::Min,
        Builtin::Max,
        Builtin::Abs,
        Builtin::Clamp,
        Builtin::Select,
        Builtin::Sqrt,
        Builtin::Floor,
        Builtin::Ceil,
        Builtin::Round,
        Builtin::Trunc,
        Builtin::Fma,
        Builtin::IsNan,
        Builtin::IsInf,
        Builtin::IsFinite,
        Builtin::Bits,
        Builtin::FromBits,
        Builtin::CountOnes,
        Builtin::LeadingZeros,
        Builtin::TrailingZeros,
        Builtin::AddOverflows,
        Builtin::SubOverflows,
        Builtin::MulOverflows,
        Builtin::SaturatingAdd,
        Builtin::SaturatingSub,
        Builtin::Len,
        Builtin::CopySign,
        Builtin::NextUp,
        Builtin::NextDown,
        Builtin::UlpDistance,
        Builtin::MulHi,
        Builtin::MulWide,
    ];
    pub fn name(self) -> &'static str {
        use Builtin::*;
        match self {
            Min => "min",
            Max => "max",
            Abs => "abs",
            Clamp => "clamp",
            Select => "select",
            Sqrt => "sqrt",
            Floor => "floor",
            Ceil => "ceil",
            Round => "round",
            Trunc => "trunc",
            Fma => "fma",
            IsNan => "is_nan",
            IsInf => "is_inf",
            IsFinite => "is_finite",
            Bits => "bits",
            FromBits => "from_bits",
            CountOnes => "count_ones",
            LeadingZeros => "leading_zeros",
            TrailingZeros => "trailing_zeros",
            AddOverflows => "add_overflows",
            SubOverflows => "sub_overflows",
            MulOverflows => "mul_overflows",
            SaturatingAdd => "saturating_add",
            SaturatingSub => "saturating_sub",
            Len => "len",
            CopySign => "copysign",
            NextUp => "next_up",
            NextDown => "next_down",
            UlpDistance => "ulp_distance",
            MulHi => "mul_hi",
            MulWide => "mul_wide",
        }
    }
    pub fn from_name(name: &str) -> Option<Builtin> {
        Builtin::ALL.iter().copied().find(|b| b.name() == name)
    }
    pub fn arity(self) -> usize {
        use Builtin::*;
        match self {
            Clamp | Select | Fma => 3,
            Min | Max | AddOverflows | SubOverflows | MulOverflows | SaturatingAdd | SaturatingSub | CopySign | UlpDistance | MulHi
            | MulWide => 2,
            _ => 1,
        }
    }
}

#[inline(always)]
fn f(bits: u32) -> f32 {
    f32::from_bits(bits)
}
#[inline(always)]
fn b(v: bool) -> u32 {
    v as u32
}

/// `min` on floats: a NaN operand yields the other operand; otherwise the smaller, and the first when equal.
/// Shortest text that parses back to the same f64 (NaN payloads shown as bits).
pub fn display_f64(v: f64) -> String {
    if v.is_nan() {
        if v.to_bits() == 0x7FF8_0000_0000_0000 { "NaN".to_string() } else { format!("NaN(0x{:016X})", v.to_bits()) }
    } else if v.is_infinite() {
        if v > 0.0 { "inf".into() } else { "-inf".into() }
    } else {
        format!("{v:?}")
    }
}

#[inline(always)]
#[allow(clippy::neg_cmp_op_on_partial_ord, reason = "NaN is handled first; `!(b < a)` is the \"first when equal\" rule")]
pub fn f32_min(a: f32, b_: f32) -> f32 {
    if a.is_nan() {
        b_
    } else if b_.is_nan() || !(b_ < a) {
        a
    } else {
        b_
    }
}

/// `max` on floats: a NaN operand yields the other operand; otherwise the larger, and the first when equal.
#[inline(always)]
#[allow(clippy::neg_cmp_op_on_partial_ord, reason = "NaN is handled first; `!(b > a)` is the \"first when equal\" rule")]
pub fn f32_max(a: f32, b_: f32) -> f32 {
    if a.is_nan() {
        b_
    } else if b_.is_nan() || !(b_ > a) {
        a
    } else {
        b_
    }
}

/// IEEE bit tests (never affected by fast-math on any backend).
#[inline(always)]
pub fn f32_is_nan(bits: u32) -> bool {
    (bits & 0x7FFF_FFFF) > 0x7F80_0000
}
#[inline(always)]
pub fn f32_is_inf(bits: u32) -> bool {
    (bits & 0x7FFF_FFFF) == 0x7F80_0000
}
#[inline(always)]
pub fn f32_is_finite(bits: u32) -> bool {
    (bits & 0x7F80_0000) != 0x7F80_0000
}

/// `x / y` on u32 with `x / 0 == x`.
#[inline(always)]
fn udiv(x: u32, y: u32) -> u32 {
    let q = ((x as f64) / (y.max(1) as f64)) as u32;
    if y == 0 { x } else { q }
}

/// `x / y` on i32, truncating, with `x / 0 == x` and `i32::MIN / -1 == i32::MIN`.
#[inline(always)]
fn idiv(x: i32, y: i32) -> i32 {
    let q = ((x as f64) / (if y == 0 { 1 } else { y } as f64)) as i64 as i32;
    if y == 0 { x } else { q }
}

/// How many representable `f32`s apart two floats are: `|ord(a) - ord(b)|`, where `ord` numbers
/// every non-NaN float in order with `-0.0` and `0.0` both 0 (so adjacent floats are 1 apart,
/// `f32::MAX` and `inf` too); `u32::MAX` when either is NaN.
pub fn ulp_distance(a: u32, b: u32) -> u32 {
    if f32_is_nan(a) || f32_is_nan(b) {
        return u32::MAX;
    }
    let ord = |x: u32| if x & 0x8000_0000 != 0 { -((x & 0x7FFF_FFFF) as i64) } else { x as i64 };
    (ord(a) - ord(b)).unsigned_abs() as u32
}

/// `a == b` on two arrays of element type `ty` and equal length: true when every element pair is
/// `==` (so a NaN element makes float arrays unequal, and `-0.0` equals `0.0`).
pub fn array_eq(ty: ScalarType, a: &[u32], b: &[u32]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| binary(BinOp::Eq, ty, *x, *y) != 0)
}

/// A binary operator on two values of type `ty` (for shifts, `ty` is the left operand's type and
/// the amount is any integer). Comparisons and `&&`/`||` yield 0 or 1.
#[inline(always)]
pub fn binary(op: BinOp, ty: ScalarType, x: u32, y: u32) -> u32 {
    use BinOp::*;
    use ScalarType::*;
    if ty.is_narrow() {
        // The carrier's operation, wrapped: shift amounts are taken modulo the width first (as
        // Rust's `wrapping_shl`), and comparisons of normalized carriers are the narrow ones.
        let y = if matches!(op, Shl | Shr) { y & (ty.width() - 1) } else { y };
        let r = binary(op, ty.carrier(), x, y);
        return if op.is_comparison() || matches!(op, And | Or) { r } else { ty.normalize(r) };
    }
    match (op, ty) {
        (Add, U32 | I32) => x.wrapping_add(y),
        (Sub, U32 | I32) => x.wrapping_sub(y),
        (Mul, U32 | I32) => x.wrapping_mul(y),
        // Quotients through f64: exact for 32-bit operands (the f64 quotient is within half an ulp
        // of x/y, which never crosses an integer), and the loop vectorises where integer division
        // cannot. Division by zero and i32::MIN / -1 follow docs/semantics.md.
        (Div, U32) => udiv(x, y),
        (Rem, U32) => x.wrapping_sub(udiv(x, y).wrapping_mul(y)) & if y == 0 { 0 } else { u32::MAX },
        (Div, I32) => idiv(x as i32, y as i32) as u32,
        (Rem, I32) => {
            let (a, c) = (x as i32, y as i32);
            let q = idiv(a, c);
            if c == 0 { 0 } else { a.wrapping_sub(q.wrapping_mul(c)) as u32 }
        }
        (Add, F32) => (f(x) + f(y)).to_bits(),
        (Sub, F32) => (f(x) - f(y)).to_bits(),
        (Mul, F32) => (f(x) * f(y)).to_bits(),
        (Div, F32) => (f(x) / f(y)).to_bits(),
        (BitAnd, _) => x & y,
        (BitOr, _) => x | y,
        (BitXor, _) => x ^ y,
        (Shl, _) => x << (y & 31),
        (Shr, I32) => ((x as i32) >> (y & 31)) as u32,
        (Shr, _) => x >> (y & 31),
        (Eq, F32) => b(f(x) == f(y)),
        (Ne, F32) => b(f(x) != f(y)),
        (Lt, F32) => b(f(x) < f(y)),
        (Le, F32) => b(f(x) <= f(y)),
        (Gt, F32) => b(f(x) > f(y)),
        (Ge, F32) => b(f(x) >= f(y)),
        (Eq, _) => b(x == y),
        (Ne, _) => b(x != y),
        (Lt, I32) => b((x as i32) < (y as i32)),
        (Le, I32) => b((x as i32) <= (y as i32)),
        (Gt, I32) => b((x as i32) > (y as i32)),
        (Ge, I32) => b((x as i32) >= (y as i32)),
        (Lt, _) => b(x < y),
        (Le, _) => b(x <= y),
        (Gt, _) => b(x > y),
        (Ge, _) => b(x >= y),
        (And, _) => b(x != 0 && y != 0),
        (Or, _) => b(x != 0 || y != 0),
        // `%` on f32 and arithmetic on bool are rejected by the type checker.
        (Rem, F32) | (Add | Sub | Mul | Div | Rem, Bool) => 0,
        (_, U8 | U16 | I8 | I16) => unreachable!("narrow types are computed in their carrier"),
        (_, U64 | I64 | F64) => unreachable!("64-bit types are computed by sem::wide"),
    }
}

#[inline(always)]
pub fn unary(op: UnOp, ty: ScalarType, x: u32) -> u32 {
    match (op, ty) {
        (UnOp::Neg | UnOp::BitNot, t) if t.is_narrow() => t.normalize(unary(op, t.carrier(), x)),
        (UnOp::Neg, ScalarType::F32) => x ^ 0x8000_0000,
        (UnOp::Neg, _) => x.wrapping_neg(),
        (UnOp::Not, _) => b(x == 0),
        (UnOp::BitNot, _) => !x,
    }
}

/// `x as to`, for `x` of type `from`.
#[inline(always)]
pub fn cast(from: ScalarType, to: ScalarType, x: u32) -> u32 {
    use ScalarType::*;
    if from.is_wide() || to.is_wide() {
        return wide::cast(from, to, x as u64) as u32;
    }
    if from.is_narrow() || to.is_narrow() {
        // Through the carriers: integer -> narrow wraps (keeps the low bits), float -> narrow
        // saturates to the narrow range (NaN -> 0), like Rust's `as`.
        let c = cast(from.carrier(), to.carrier(), x);
        return match (from, to) {
            (F32, t) => {
                let (lo, hi) = t.int_range();
                if t.is_signed() { (c as i32).clamp(lo as i32, hi as i32) as u32 } else { c.min(hi as u32) }
            }
            (_, t) => t.normalize(c),
        };
    }
    match (from, to) {
        (a, c) if a == c => x,
        (Bool, _) if to != F32 => x,
        (Bool, F32) => (x as f32).to_bits(),
        (U32, I32) | (I32, U32) => x,
        (U32, F32) => (x as f32).to_bits(),
        (I32, F32) => ((x as i32) as f32).to_bits(),
        // Saturating, NaN to 0 (Rust's `as`; the GPU code spells this out).
        (F32, U32) => f(x) as u32,
        (F32, I32) => (f(x) as i32) as u32,
        // Not reachable from the language (numeric -> bool casts are type errors); WGSL's `bool(e)`:
        // false only for zero, and for f32 both zeros are zero.
        (F32, Bool) => b(x & 0x7FFF_FFFF != 0),
        (_, Bool) => b(x != 0),
        _ => x,
    }
}

/// A builtin applied to scalar arguments; `ty` is the first argument's type.
/// `Len`, `Select` and `MulWide` are handled by the front end and lowering (they need arrays, laziness or a record).
#[inline(always)]
pub fn builtin(bi: Builtin, ty: ScalarType, a: &[u32]) -> u32 {
    use Builtin::*;
    use ScalarType::*;
    if ty.is_narrow() {
        return narrow_builtin(bi, ty, a);
    }
    match (bi, ty) {
        (Min, U32) => a[0].min(a[1]),
        (Min, I32) => (a[0] as i32).min(a[1] as i32) as u32,
        (Min, F32) => f32_min(f(a[0]), f(a[1])).to_bits(),
        (Max, U32) => a[0].max(a[1]),
        (Max, I32) => (a[0] as i32).max(a[1] as i32) as u32,
        (Max, F32) => f32_max(f(a[0]), f(a[1])).to_bits(),
        (Clamp, F32) => f32_min(f32_max(f(a[0]), f(a[1])), f(a[2])).to_bits(),
        (Clamp, U32) => a[0].max(a[1]).min(a[2]),
        (Clamp, I32) => (a[0] as i32).max(a[1] as i32).min(a[2] as i32) as u32,
        (Abs, U32) => a[0],
        (Abs, I32) => (a[0] as i32).wrapping_abs() as u32,
        (Abs, F32) => a[0] & 0x7FFF_FFFF,
        (Select, _) => {
            if a[0] != 0 {
                a[1]
            } else {
                a[2]
            }
        }
        (Sqrt, _) => f(a[0]).sqrt().to_bits(),
        (Floor, _) => f(a[0]).floor().to_bits(),
        (Ceil, _) => f(a[0]).ceil().to_bits(),
        (Round, _) => f(a[0]).round_ties_even().to_bits(),
        (Trunc, _) => f(a[0]).trunc().to_bits(),
        (Fma, _) => f(a[0]).mul_add(f(a[1]), f(a[2])).to_bits(),
        (IsNan, _) => b(f32_is_nan(a[0])),
        (IsInf, _) => b(f32_is_inf(a[0])),
        (IsFinite, _) => b(f32_is_finite(a[0])),
        (Bits, _) | (FromBits, _) => a[0],
        (CountOnes, _) => a[0].count_ones(),
        (LeadingZeros, _) => a[0].leading_zeros(),
        (TrailingZeros, _) => a[0].trailing_zeros(),
        (AddOverflows, U32) => b(a[0].checked_add(a[1]).is_none()),
        (AddOverflows, _) => b((a[0] as i32).checked_add(a[1] as i32).is_none()),
        (SubOverflows, U32) => b(a[0].checked_sub(a[1]).is_none()),
        (SubOverflows, _) => b((a[0] as i32).checked_sub(a[1] as i32).is_none()),
        (MulOverflows, U32) => b(a[0].checked_mul(a[1]).is_none()),
        (MulOverflows, _) => b((a[0] as i32).checked_mul(a[1] as i32).is_none()),
        (SaturatingAdd, U32) => a[0].saturating_add(a[1]),
        (SaturatingAdd, _) => (a[0] as i32).saturating_add(a[1] as i32) as u32,
        (SaturatingSub, U32) => a[0].saturating_sub(a[1]),
        (SaturatingSub, _) => (a[0] as i32).saturating_sub(a[1] as i32) as u32,
        (Len, _) | (MulWide, _) => 0,
        (CopySign, _) => (a[0] & 0x7FFF_FFFF) | (a[1] & 0x8000_0000),
        (NextUp, _) => f(a[0]).next_up().to_bits(),
        (NextDown, _) => f(a[0]).next_down().to_bits(),
        (UlpDistance, _) => ulp_distance(a[0], a[1]),
        (MulHi, U32) => ((a[0] as u64 * a[1] as u64) >> 32) as u32,
        (MulHi, _) => ((a[0] as i32 as i64 * a[1] as i32 as i64) >> 32) as u32,
        (_, Bool) => 0,
        (_, U8 | U16 | I8 | I16) => unreachable!("narrow types are computed in their carrier"),
        (_, U64 | I64 | F64) => unreachable!("64-bit types are computed by sem::wide"),
    }
}

/// A builtin on a narrow integer type, through its carrier. Sums, differences and products of two
/// narrow values never overflow the carrier, so the overflow tests and saturations compare the
/// exact carrier result with the narrow range.
fn narrow_builtin(bi: Builtin, ty: ScalarType, a: &[u32]) -> u32 {
    use Builtin::*;
    let c = ty.carrier();
    let w = ty.width();
    let mask = (1u32 << w) - 1;
    let (lo, hi) = ty.int_range();
    let exact = |op: BinOp| binary(op, c, a[0], a[1]);
    let in_range = |r: u32| if ty.is_signed() { (r as i32 as i64) >= lo && (r as i32 as i64) <= hi } else { r as i64 <= hi };
    let saturate = |r: u32| {
        if ty.is_signed() {
            (r as i32).clamp(lo as i32, hi as i32) as u32
        } else if (r as i32) < 0 {
            0
        } else {
            r.min(hi as u32)
        }
    };
    match bi {
        CountOnes => (a[0] & mask).count_ones(),
        LeadingZeros => (a[0] & mask).leading_zeros() - (32 - w),
        TrailingZeros => (a[0] & mask).trailing_zeros().min(w),
        AddOverflows => b(!in_range(exact(BinOp::Add))),
        SubOverflows => b(!in_range(exact(BinOp::Sub))),
        MulOverflows => b(!in_range(exact(BinOp::Mul))),
        SaturatingAdd => saturate(exact(BinOp::Add)),
        SaturatingSub => saturate(exact(BinOp::Sub)),
        MulHi => binary(BinOp::Shr, c, exact(BinOp::Mul), w),
        _ => ty.normalize(builtin(bi, c, a)),
    }
}

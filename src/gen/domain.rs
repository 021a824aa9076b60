//! Scalar domains and the integer-only mappings from Philox words (random phase) and ordinals (exhaustive phase) to values.
//!
//! Every value is carried as a `u32` bit pattern: bool = 0/1, i32 = two's complement bits, f32 = `to_bits()`.
//! The mappings are part of the replay contract documented in `docs/generation.md`.

use super::philox::{mulhi, mulhilo32_by_halves};

/// The type of a scalar slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScalarKind {
    /// `bool`, carried as 0 or 1.
    Bool,
    /// `u32`.
    U32,
    /// `i32`, carried as its two's complement bits.
    I32,
    /// `f32`, carried as `f32::to_bits`.
    F32,
}

/// The domain of one scalar slot (arrays are flattened into one slot per element by the front end).
#[derive(Clone, Debug, PartialEq)]
pub enum Domain {
    /// `false` or `true` (0 or 1).
    Bool,
    /// `lo..=hi`, `lo <= hi`.
    U32Range { lo: u32, hi: u32 },
    /// `lo..=hi`, `lo <= hi`.
    I32Range { lo: i32, hi: i32 },
    /// Every one of the 2^32 bit patterns (NaNs with every payload, infinities, both zeros, subnormals).
    F32Any,
    /// Every non-NaN f32 `x` with `lo <= x` and `x < hi` (or `x <= hi` when `hi_inclusive`), comparisons as IEEE
    /// floats. So `-0.0` and `+0.0` are both members whenever zero is in the range. `lo` and `hi` are finite, and
    /// `lo < hi`, or `lo == hi` with `hi_inclusive`.
    F32Range { lo: f32, hi: f32, hi_inclusive: bool },
    /// A finite, non-empty set of bit patterns of `kind`, deduplicated and sorted by value (see [`Domain::set`]).
    Set { kind: ScalarKind, values: Vec<u32> },
    /// The low word of a 64-bit value in `lo..=hi` (patterns of a `u64`, or of an `i64` compared as signed when
    /// `signed`; `lo <= hi`). The value is drawn as a whole: its high word is the next slot, [`Domain::WideHi`] with
    /// the same range, decoded from the same random words (or, exhaustively, from this slot's ordinal).
    WideLo { lo: u64, hi: u64, signed: bool },
    /// The high word of the 64-bit value whose low word is the previous slot ([`Domain::WideLo`], same range).
    WideHi { lo: u64, hi: u64, signed: bool },
    /// The low word of a 64-bit value drawn from a finite, non-empty set of 64-bit patterns, deduplicated and
    /// sorted by value (signed when `signed`; see [`Domain::wide_set`]). Its high word is the next slot,
    /// [`Domain::WideSetHi`] with the same values, which picks the same member (from the same random word, or,
    /// exhaustively, this slot's ordinal).
    WideSetLo { values: Vec<u64>, signed: bool },
    /// The high word of the member whose low word is the previous slot ([`Domain::WideSetLo`], same values).
    WideSetHi { values: Vec<u64>, signed: bool },
    /// The low word of an `f64` whose ordered key ([`f64_key`]) lies in `lo..=hi`: every bit pattern for
    /// `0..=u64::MAX` (an input without a domain), the members of a float range otherwise (both bounds finite,
    /// so no NaN; `-0.0` and `+0.0` both members when zero is in range). The value is drawn as a whole: its high
    /// word is the next slot, [`Domain::F64Hi`] with the same keys, decoded from the same random words (or,
    /// exhaustively, from this slot's ordinal). Computed on the CPU only: a property that reads an `f64` runs there.
    F64Lo { lo: u64, hi: u64 },
    /// The high word of the `f64` whose low word is the previous slot ([`Domain::F64Lo`], same keys).
    F64Hi { lo: u64, hi: u64 },
    /// A slot the space never reads (another property's own input, `run::Space`): always 0, it consumes no random
    /// word and takes no place in the edge phase's random picks, so the space's vectors do not depend on it.
    Unused,
}

/// The number of values of the 64-bit range `lo..=hi` (at most 2^64).
fn wide_count(lo: u64, hi: u64) -> u128 {
    hi.wrapping_sub(lo) as u128 + 1
}

/// Whether the 64-bit pattern `v` lies in `lo..=hi` (signed or unsigned).
pub fn wide_contains(lo: u64, hi: u64, signed: bool, v: u64) -> bool {
    if signed { (lo as i64..=hi as i64).contains(&(v as i64)) } else { (lo..=hi).contains(&v) }
}

/// The high 64 bits of the 128-bit product `x * n`, `n == 0` standing for 2^64 (then `x` itself): Lemire's
/// multiply-shift over 64 bits, an offset in `0..n` from a uniform 64-bit word.
#[inline(always)]
pub fn lemire64(x: u64, n: u64) -> u64 {
    if n == 0 { x } else { ((x as u128 * n as u128) >> 64) as u64 }
}

/// Why a [`Domain`] is not valid.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DomainError {
    #[error("empty integer range: lo > hi")]
    EmptyIntRange,
    #[error("float range bounds must be finite")]
    NonFiniteBound,
    #[error("empty float range: need lo < hi, or lo == hi with an inclusive upper bound")]
    EmptyFloatRange,
    #[error("empty set")]
    EmptySet,
    #[error("set values are not deduplicated and sorted by value")]
    NonCanonicalSet,
    #[error("bool set values must be 0 or 1")]
    BadBoolValue,
    #[error("empty 64-bit range: lo > hi")]
    EmptyWideRange,
}

impl ScalarKind {
    /// The kind a scalar type is generated as: a narrow integer as its carrier (`u8` as `u32`).
    pub fn of(t: crate::sem::ScalarType) -> ScalarKind {
        match t.carrier() {
            crate::sem::ScalarType::Bool => ScalarKind::Bool,
            crate::sem::ScalarType::I32 => ScalarKind::I32,
            crate::sem::ScalarType::F32 => ScalarKind::F32,
            _ => ScalarKind::U32,
        }
    }
    /// A `u32` whose unsigned order is this kind's value order (bool and u32 as is, i32 by value, f32 by
    /// [`f32_key`]: `-NaN < -inf < ... < -0.0 < +0.0 < ... < +inf < +NaN`).
    #[inline]
    pub fn order_key(self, bits: u32) -> u32 {
        match self {
            ScalarKind::Bool | ScalarKind::U32 => bits,
            ScalarKind::I32 => bits ^ 0x8000_0000,
            ScalarKind::F32 => f32_key(bits),
        }
    }
}

/// Monotone "ordered key" of an f32 bit pattern: unsigned key order equals float order for non-NaN values, with
/// `-0.0` (key `0x7FFF_FFFF`) immediately below `+0.0` (key `0x8000_0000`); negative NaNs sort below `-inf`,
/// positive NaNs above `+inf`. A bijection on `u32`.
#[inline(always)]
pub fn f32_key(bits: u32) -> u32 {
    if bits & 0x8000_0000 != 0 { !bits } else { bits | 0x8000_0000 }
}

/// [`f32_key`] over 64 bits: the monotone ordered key of an `f64` bit pattern (a bijection on `u64`).
#[inline(always)]
pub fn f64_key(bits: u64) -> u64 {
    if bits & (1 << 63) != 0 { !bits } else { bits | 1 << 63 }
}

/// Inverse of [`f64_key`].
#[inline(always)]
pub fn f64_from_key(key: u64) -> u64 {
    if key & (1 << 63) != 0 { key & !(1 << 63) } else { !key }
}

/// The ordered-key interval `[key_lo, key_hi]` (inclusive) of the members of a valid `f64` range.
pub fn f64_range_keys(lo: f64, hi: f64, hi_inclusive: bool) -> (u64, u64) {
    const NEG_ZERO: u64 = 1 << 63;
    let key_lo = if lo == 0.0 { f64_key(NEG_ZERO) } else { f64_key(lo.to_bits()) };
    let key_hi = if hi_inclusive {
        if hi == 0.0 { f64_key(0) } else { f64_key(hi.to_bits()) }
    } else if hi == 0.0 {
        f64_key(NEG_ZERO) - 1
    } else {
        f64_key(hi.to_bits()) - 1
    };
    (key_lo, key_hi)
}

/// The value-uniform grid of an `f64` range ([`F32Grid`] over 64 bits): the multiples of `2^exp` in the
/// range, `exp = max(ceil(log2(max(|lo|, |hi|))) - 53, -1074)`, so every grid point is exact.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct F64Grid {
    /// First grid index; `|lo_idx| <= 2^53`.
    pub lo_idx: i64,
    /// Number of grid points, `>= 1`, `<= 2^54 + 1`.
    pub count: u64,
    /// `2^exp` (exact; subnormal when `exp < -1022`).
    pub step: f64,
}

impl F64Grid {
    /// The grid of the members `lo..=hi` (finite, `lo <= hi`), or `None` when no multiple of the step lies there.
    pub fn new(lo: f64, hi: f64) -> Option<F64Grid> {
        let m = lo.abs().max(hi.abs());
        let exp = if m < f64::MIN_POSITIVE {
            -1074
        } else {
            let bits = m.to_bits();
            let e = ((bits >> 52) & 0x7FF) as i32 - 1023;
            let ceil = if bits & ((1u64 << 52) - 1) == 0 { e } else { e + 1 };
            (ceil - 53).max(-1074)
        };
        let step = if exp < -1022 { f64::from_bits(1u64 << (exp + 1074)) } else { f64::from_bits(((exp + 1023) as u64) << 52) };
        // Quotients by a power of two are exact unless they underflow; the loops fix that case.
        let mut lo_idx = (lo / step).ceil() as i64;
        while (lo_idx as f64) * step < lo {
            lo_idx += 1;
        }
        while ((lo_idx - 1) as f64) * step >= lo {
            lo_idx -= 1;
        }
        let mut hi_idx = (hi / step).floor() as i64;
        while (hi_idx as f64) * step > hi {
            hi_idx -= 1;
        }
        while ((hi_idx + 1) as f64) * step <= hi {
            hi_idx += 1;
        }
        (hi_idx >= lo_idx).then(|| F64Grid { lo_idx, count: (hi_idx - lo_idx) as u64 + 1, step })
    }

    /// Bits of grid point `lo_idx + k` (`k < count`): exact (the integer is at most 2^53 in magnitude and the
    /// product a multiple of the smallest subnormal no larger than the range).
    #[inline(always)]
    pub fn value_bits(&self, k: u64) -> u64 {
        ((self.lo_idx.wrapping_add(k as i64)) as f64 * self.step).to_bits()
    }
}

/// The `f64` values of the ends of the key interval `lo..=hi`, when both are finite (a float range's).
pub fn f64_range_ends(lo: u64, hi: u64) -> Option<(f64, f64)> {
    let (a, b) = (f64::from_bits(f64_from_key(lo)), f64::from_bits(f64_from_key(hi)));
    (a.is_finite() && b.is_finite()).then_some((a, b))
}

/// Inverse of [`f32_key`].
#[inline(always)]
pub fn f32_from_key(key: u32) -> u32 {
    if key & 0x8000_0000 != 0 { key & 0x7FFF_FFFF } else { !key }
}

/// Lemire's multiply-shift: an index in `0..n` from a uniform word, without rejection: `(word * n) >> 32`.
/// `n32` is `n mod 2^32`, so `n32 == 0` encodes `n == 2^32`, where the word is the index.
#[inline(always)]
pub fn lemire(word: u32, n32: u32) -> u32 {
    if n32 == 0 { word } else { mulhi(word, n32) }
}

/// [`lemire`] written with 32-bit operations only (the WGSL form); identical results.
#[inline]
pub fn lemire_u32_only(word: u32, n32: u32) -> u32 {
    if n32 == 0 { word } else { mulhilo32_by_halves(word, n32).0 }
}

/// Number of distinct values, `n mod 2^32` (0 encodes 2^32) of an inclusive range of u32 bit patterns.
#[inline]
fn range_n32(lo: u32, hi: u32) -> u32 {
    hi.wrapping_sub(lo).wrapping_add(1)
}

/// Exact f32 bit pattern of `n * 2^e` for `|n| <= 2^24` and `-149 <= e`, with the result finite, computed with
/// 32-bit integer operations only (no float arithmetic, so no flush-to-zero or rounding questions on a GPU).
/// `n == 0` gives `+0.0`. This is the contract of the grid mode; [`F32Grid::value_bits`] computes the same bits with
/// an exact float multiply.
pub fn scaled_bits(n: i32, e: i32) -> u32 {
    if n == 0 {
        return 0;
    }
    let sign = if n < 0 { 0x8000_0000u32 } else { 0 };
    let m = n.unsigned_abs(); // 1..=2^24
    let p = 31 - m.leading_zeros() as i32; // position of the leading one, 0..=24
    let exp = p + e; // the value is in [2^exp, 2^(exp+1))
    if exp >= -126 {
        let biased = (exp + 127) as u32;
        // Shift the leading one to bit 23; p == 24 only for m == 2^24, whose shifted-out bit is zero.
        let frac = if p <= 23 { m << (23 - p) } else { m >> (p - 23) };
        sign | (biased << 23) | (frac & 0x007F_FFFF)
    } else {
        // Subnormal: value = m * 2^(e+149) * 2^-149, and e + 149 >= 0.
        sign | (m << (e + 149))
    }
}

/// Precomputed parameters of the grid mode of an [`Domain::F32Range`] (computed once per domain on the host with
/// exact f64 arithmetic): grid points `(lo_idx + k) * 2^exp` for `k in 0..count`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct F32Grid {
    /// First grid index, `ceil(lo / step)`; `|lo_idx| <= 2^24`.
    pub lo_idx: i32,
    /// Number of grid points in the range, `>= 1`, `<= 2^25 + 1`.
    pub count: u32,
    /// `step = 2^exp`, `exp = max(ceil(log2(max(|lo|, |hi|))) - 24, -149)` (`-149` when both ends are zero).
    pub exp: i32,
    /// `2^exp` as an f32 (exact; subnormal when `exp < -126`).
    pub step: f32,
}

fn ceil_log2_f64(m: f64) -> i32 {
    // m is a positive value converted from an f32, hence a normal f64.
    let bits = m.to_bits();
    let e = ((bits >> 52) & 0x7FF) as i32 - 1023;
    if bits & ((1u64 << 52) - 1) == 0 { e } else { e + 1 }
}

impl F32Grid {
    /// The grid of a valid float range.
    pub fn new(lo: f32, hi: f32, hi_inclusive: bool) -> F32Grid {
        let m = (lo.abs().max(hi.abs())) as f64;
        let exp = if m == 0.0 { -149 } else { (ceil_log2_f64(m) - 24).max(-149) };
        let step = 2f64.powi(exp); // exact: -149 <= exp <= 104
        // Divisions by a power of two are exact in f64 for these magnitudes.
        let lo_idx = (lo as f64 / step).ceil();
        let hi_idx = if hi_inclusive { (hi as f64 / step).floor() } else { (hi as f64 / step).ceil() - 1.0 };
        debug_assert!(lo_idx.abs() <= 16_777_216.0 && hi_idx.abs() <= 16_777_216.0);
        debug_assert!(hi_idx >= lo_idx, "float range grid is empty");
        F32Grid { lo_idx: lo_idx as i32, count: (hi_idx - lo_idx + 1.0) as u32, exp, step: step as f32 }
    }

    /// Bits of grid point `lo_idx + k` (`k < count`): `((lo_idx + k) as f32 * step).to_bits()`. Exact on the CPU
    /// (the conversion is exact as `|lo_idx + k| <= 2^24`, and the product is representable, so IEEE multiply
    /// returns it exactly, subnormal results included). Equals [`scaled_bits`]`(lo_idx + k, exp)`.
    #[inline(always)]
    pub fn value_bits(&self, k: u32) -> u32 {
        ((self.lo_idx.wrapping_add(k as i32)) as f32 * self.step).to_bits()
    }
}

/// The ordered-key interval `[key_lo, key_hi]` (inclusive) of the members of a valid float range.
#[inline]
pub fn f32_range_keys(lo: f32, hi: f32, hi_inclusive: bool) -> (u32, u32) {
    const NEG_ZERO: u32 = 0x8000_0000;
    let key_lo = if lo == 0.0 { f32_key(NEG_ZERO) } else { f32_key(lo.to_bits()) };
    let key_hi = if hi_inclusive {
        if hi == 0.0 { f32_key(0) } else { f32_key(hi.to_bits()) }
    } else if hi == 0.0 {
        f32_key(NEG_ZERO) - 1
    } else {
        f32_key(hi.to_bits()) - 1
    };
    (key_lo, key_hi)
}

impl Domain {
    /// The whole range of a scalar type (every value a plain input of that type can take; a narrow
    /// integer as its carrier over the narrow range, `u8` as `0..=255` in `u32`).
    pub fn whole(s: crate::sem::ScalarType) -> Domain {
        let (lo, hi) = s.int_range();
        match ScalarKind::of(s) {
            ScalarKind::Bool => Domain::Bool,
            ScalarKind::U32 => Domain::U32Range { lo: lo as u32, hi: hi as u32 },
            ScalarKind::I32 => Domain::I32Range { lo: lo as i32, hi: hi as i32 },
            ScalarKind::F32 => Domain::F32Any,
        }
    }

    /// A canonical set domain: values deduplicated (by bit pattern) and sorted by [`ScalarKind::order_key`].
    pub fn set(kind: ScalarKind, values: impl IntoIterator<Item = u32>) -> Domain {
        let mut v: Vec<u32> = values.into_iter().collect();
        v.sort_by_key(|&b| kind.order_key(b));
        v.dedup();
        Domain::Set { kind, values: v }
    }

    /// The low-word slot of a canonical 64-bit set domain: values deduplicated and sorted by value (signed
    /// when `signed`). Its high word's slot is the same with [`Domain::WideSetHi`].
    pub fn wide_set(signed: bool, values: impl IntoIterator<Item = u64>) -> Domain {
        let mut v: Vec<u64> = values.into_iter().collect();
        v.sort_by_key(|&x| if signed { x ^ (1 << 63) } else { x });
        v.dedup();
        Domain::WideSetLo { values: v, signed }
    }

    /// The members of a 64-bit set slot (either word's) and whether they are signed.
    pub fn wide_members(&self) -> Option<(&[u64], bool)> {
        match self {
            Domain::WideSetLo { values, signed } | Domain::WideSetHi { values, signed } => Some((values, *signed)),
            _ => None,
        }
    }

    /// A 64-bit set as the spec writes it: `{1, 5000000000}` (signed members as `i64`).
    pub fn wide_set_text(values: &[u64], signed: bool) -> String {
        let each: Vec<String> = values.iter().map(|&v| if signed { (v as i64).to_string() } else { v.to_string() }).collect();
        format!("{{{}}}", each.join(", "))
    }

    /// An `f64` key range as the spec writes it: `None` for every pattern (no domain), else `lo..=hi` with
    /// the shortest texts of its ends.
    pub fn f64_range_text(lo: u64, hi: u64) -> Option<String> {
        let (a, b) = f64_range_ends(lo, hi)?;
        // A range from zero starts at -0.0 (both zeros are members), written as the spec writes it.
        let a = if a == 0.0 { 0.0 } else { a };
        Some(format!("{}..={}", crate::sem::display_f64(a), crate::sem::display_f64(b)))
    }

    /// Whether the 64-bit pattern `v` is a value of the 64-bit slot pair this slot starts (range or set);
    /// `None` for any other domain.
    pub fn wide_contains(&self, v: u64) -> Option<bool> {
        match self {
            Domain::WideLo { lo, hi, signed } => Some(wide_contains(*lo, *hi, *signed, v)),
            Domain::WideSetLo { values, .. } => Some(values.contains(&v)),
            Domain::F64Lo { lo, hi } => Some((*lo..=*hi).contains(&f64_key(v))),
            _ => None,
        }
    }

    /// The scalar type of the values of this domain.
    pub fn kind(&self) -> ScalarKind {
        match self {
            Domain::Bool => ScalarKind::Bool,
            Domain::U32Range { .. } => ScalarKind::U32,
            Domain::I32Range { .. } => ScalarKind::I32,
            Domain::F32Any | Domain::F32Range { .. } => ScalarKind::F32,
            Domain::Set { kind, .. } => *kind,
            Domain::WideLo { .. } | Domain::WideSetLo { .. } | Domain::Unused | Domain::F64Lo { .. } | Domain::F64Hi { .. } => {
                ScalarKind::U32
            }
            Domain::WideHi { signed, .. } | Domain::WideSetHi { signed, .. } => {
                if *signed {
                    ScalarKind::I32
                } else {
                    ScalarKind::U32
                }
            }
        }
    }

    /// Checks the invariants stated on each variant. The other functions of this module assume a valid domain.
    pub fn validate(&self) -> Result<(), DomainError> {
        match self {
            Domain::Bool | Domain::F32Any | Domain::Unused => Ok(()),
            Domain::U32Range { lo, hi } => {
                if lo <= hi {
                    Ok(())
                } else {
                    Err(DomainError::EmptyIntRange)
                }
            }
            Domain::I32Range { lo, hi } => {
                if lo <= hi {
                    Ok(())
                } else {
                    Err(DomainError::EmptyIntRange)
                }
            }
            Domain::F32Range { lo, hi, hi_inclusive } => {
                if !lo.is_finite() || !hi.is_finite() {
                    Err(DomainError::NonFiniteBound)
                } else if lo < hi || (lo == hi && *hi_inclusive) {
                    Ok(())
                } else {
                    Err(DomainError::EmptyFloatRange)
                }
            }
            Domain::Set { kind, values } => {
                if values.is_empty() {
                    return Err(DomainError::EmptySet);
                }
                if *kind == ScalarKind::Bool && values.iter().any(|&v| v > 1) {
                    return Err(DomainError::BadBoolValue);
                }
                if values.windows(2).any(|w| kind.order_key(w[0]) >= kind.order_key(w[1])) {
                    return Err(DomainError::NonCanonicalSet);
                }
                Ok(())
            }
            Domain::WideLo { lo, hi, signed } | Domain::WideHi { lo, hi, signed } => {
                if wide_contains(*lo, *hi, *signed, *hi) {
                    Ok(())
                } else {
                    Err(DomainError::EmptyWideRange)
                }
            }
            Domain::F64Lo { lo, hi } | Domain::F64Hi { lo, hi } => {
                if lo <= hi {
                    Ok(())
                } else {
                    Err(DomainError::EmptyWideRange)
                }
            }
            Domain::WideSetLo { values, signed } | Domain::WideSetHi { values, signed } => {
                let key = |x: u64| if *signed { x ^ (1 << 63) } else { x };
                if values.is_empty() {
                    Err(DomainError::EmptySet)
                } else if values.windows(2).any(|w| key(w[0]) >= key(w[1])) {
                    Err(DomainError::NonCanonicalSet)
                } else {
                    Ok(())
                }
            }
        }
    }

    /// The 64-bit range of a [`Domain::WideLo`] or [`Domain::WideHi`] slot: `(lo, hi, signed)`.
    pub fn wide_range(&self) -> Option<(u64, u64, bool)> {
        match self {
            Domain::WideLo { lo, hi, signed } | Domain::WideHi { lo, hi, signed } => Some((*lo, *hi, *signed)),
            _ => None,
        }
    }

    /// Whether the bit pattern `bits` is a member of this domain.
    pub fn contains(&self, bits: u32) -> bool {
        match self {
            Domain::Bool => bits <= 1,
            Domain::U32Range { lo, hi } => (*lo..=*hi).contains(&bits),
            Domain::I32Range { lo, hi } => (*lo..=*hi).contains(&(bits as i32)),
            Domain::F32Any => true,
            Domain::F32Range { lo, hi, hi_inclusive } => {
                let x = f32::from_bits(bits);
                !x.is_nan() && *lo <= x && if *hi_inclusive { x <= *hi } else { x < *hi }
            }
            Domain::Set { values, .. } => values.contains(&bits),
            // Some value of the range has this low word (the range's low words are a run from `lo`'s, wrapping).
            Domain::WideLo { lo, hi, .. } => (bits.wrapping_sub(*lo as u32) as u128) < wide_count(*lo, *hi),
            Domain::WideHi { lo, hi, signed } => {
                let (a, b) = ((lo >> 32) as u32, (hi >> 32) as u32);
                if *signed { (a as i32..=b as i32).contains(&(bits as i32)) } else { (a..=b).contains(&bits) }
            }
            Domain::WideSetLo { values, .. } => values.iter().any(|&v| v as u32 == bits),
            Domain::WideSetHi { values, .. } => values.iter().any(|&v| (v >> 32) as u32 == bits),
            // Any low word can occur in a range of 2^32 keys or more; a smaller one's are listed.
            Domain::F64Lo { lo, hi } => hi - lo >= u32::MAX as u64 || (*lo..=*hi).any(|k| f64_from_key(k) as u32 == bits),
            // The high word of a key is the `f32` key of the value's high word.
            Domain::F64Hi { lo, hi } => ((lo >> 32) as u32..=(hi >> 32) as u32).contains(&f32_key(bits)),
            Domain::Unused => bits == 0,
        }
    }

    /// Appends a canonical, versioned byte encoding of the domain (for hashing input declarations into the key).
    pub fn encode_canonical(&self, out: &mut Vec<u8>) {
        fn kind_tag(k: ScalarKind) -> u8 {
            match k {
                ScalarKind::Bool => 0,
                ScalarKind::U32 => 1,
                ScalarKind::I32 => 2,
                ScalarKind::F32 => 3,
            }
        }
        match self {
            Domain::Bool => out.push(0),
            Domain::U32Range { lo, hi } => {
                out.push(1);
                out.extend_from_slice(&lo.to_le_bytes());
                out.extend_from_slice(&hi.to_le_bytes());
            }
            Domain::I32Range { lo, hi } => {
                out.push(2);
                out.extend_from_slice(&lo.to_le_bytes());
                out.extend_from_slice(&hi.to_le_bytes());
            }
            Domain::F32Any => out.push(3),
            Domain::F32Range { lo, hi, hi_inclusive } => {
                out.push(4);
                out.extend_from_slice(&lo.to_bits().to_le_bytes());
                out.extend_from_slice(&hi.to_bits().to_le_bytes());
                out.push(*hi_inclusive as u8);
            }
            Domain::Set { kind, values } => {
                out.push(5);
                out.push(kind_tag(*kind));
                out.extend_from_slice(&(values.len() as u64).to_le_bytes());
                for v in values {
                    out.extend_from_slice(&v.to_le_bytes());
                }
            }
            Domain::WideLo { lo, hi, signed } | Domain::WideHi { lo, hi, signed } => {
                out.push(if matches!(self, Domain::WideLo { .. }) { 6 } else { 7 });
                out.extend_from_slice(&lo.to_le_bytes());
                out.extend_from_slice(&hi.to_le_bytes());
                out.push(*signed as u8);
            }
            Domain::WideSetLo { values, signed } | Domain::WideSetHi { values, signed } => {
                out.push(if matches!(self, Domain::WideSetLo { .. }) { 8 } else { 9 });
                out.push(*signed as u8);
                out.extend_from_slice(&(values.len() as u64).to_le_bytes());
                for v in values {
                    out.extend_from_slice(&v.to_le_bytes());
                }
            }
            Domain::Unused => out.push(10),
            Domain::F64Lo { lo, hi } | Domain::F64Hi { lo, hi } => {
                out.push(if matches!(self, Domain::F64Lo { .. }) { 11 } else { 12 });
                out.extend_from_slice(&lo.to_le_bytes());
                out.extend_from_slice(&hi.to_le_bytes());
            }
        }
    }
}

/// Philox words consumed per scalar slot in the random phase: 2 for [`Domain::F32Range`] and [`Domain::WideLo`], 0
/// for [`Domain::WideHi`] and [`Domain::WideSetHi`] (they read their low word's), 1 for every other domain.
pub fn words_needed(d: &Domain) -> u32 {
    match d {
        Domain::F32Range { .. } | Domain::WideLo { .. } | Domain::F64Lo { .. } => 2,
        Domain::WideHi { .. } | Domain::WideSetHi { .. } | Domain::Unused | Domain::F64Hi { .. } => 0,
        _ => 1,
    }
}

/// A domain compiled for decoding: the per-domain constants of the random-phase mapping, precomputed once.
#[derive(Clone, Debug, PartialEq)]
pub enum SlotDecoder {
    /// `value = (word >> 31)`.
    Bool,
    /// `value = lo + lemire(word, n32)` (wrapping); integer ranges.
    Int { lo: u32, n32: u32 },
    /// `value = word`.
    Bits,
    /// Two words: mode `w0 & 3`; 3 = key-uniform, 0..=2 = grid.
    F32Range { key_lo: u32, key_n: u32, grid: F32Grid },
    /// `value = values[lemire(word, n32)]`.
    Set { values: Vec<u32>, n32: u32 },
    /// Two words `x = w0 | w1 << 32`: the 64-bit value `lo + lemire64(x, n)` (wrapping; `n = hi - lo + 1`, 0 for
    /// 2^64), its high word when `high`, else its low word.
    Wide { lo: u64, n: u64, high: bool },
    /// `value = words[lemire(word, n32)]`, `words` the members' low (or, `high`, high) words; the high word reads
    /// its low word's random word, so both pick the same member.
    WideSet { words: Vec<u32>, n32: u32, high: bool },
    /// `value = 0`, no word ([`Domain::Unused`]).
    Zero,
    /// Two words `x = w0 | w1 << 32`: the `f64` with key `lo + lemire64(x, n)` (`n = hi - lo + 1`, 0 for 2^64)
    /// when there is no grid or the mode `w0 & 3` is 3, else grid point `lemire64(x, grid.count)`; its high word
    /// when `high`, else its low word.
    F64 { lo: u64, n: u64, grid: Option<F64Grid>, high: bool },
}

impl SlotDecoder {
    /// Precomputes the decoder of a valid domain.
    pub fn new(d: &Domain) -> SlotDecoder {
        debug_assert_eq!(d.validate(), Ok(()), "invalid domain {d:?}");
        match d {
            Domain::Bool => SlotDecoder::Bool,
            Domain::U32Range { lo, hi } => SlotDecoder::Int { lo: *lo, n32: range_n32(*lo, *hi) },
            Domain::I32Range { lo, hi } => SlotDecoder::Int { lo: *lo as u32, n32: range_n32(*lo as u32, *hi as u32) },
            Domain::F32Any => SlotDecoder::Bits,
            Domain::F32Range { lo, hi, hi_inclusive } => {
                let (key_lo, key_hi) = f32_range_keys(*lo, *hi, *hi_inclusive);
                SlotDecoder::F32Range { key_lo, key_n: key_hi - key_lo + 1, grid: F32Grid::new(*lo, *hi, *hi_inclusive) }
            }
            Domain::Set { values, .. } => SlotDecoder::Set { values: values.clone(), n32: values.len() as u32 },
            Domain::WideLo { lo, hi, .. } | Domain::WideHi { lo, hi, .. } => {
                SlotDecoder::Wide { lo: *lo, n: hi.wrapping_sub(*lo).wrapping_add(1), high: matches!(d, Domain::WideHi { .. }) }
            }
            Domain::WideSetLo { values, .. } | Domain::WideSetHi { values, .. } => {
                let high = matches!(d, Domain::WideSetHi { .. });
                let words = values.iter().map(|&v| if high { (v >> 32) as u32 } else { v as u32 }).collect();
                SlotDecoder::WideSet { words, n32: values.len() as u32, high }
            }
            Domain::Unused => SlotDecoder::Zero,
            Domain::F64Lo { lo, hi } | Domain::F64Hi { lo, hi } => SlotDecoder::F64 {
                lo: *lo,
                n: hi.wrapping_sub(*lo).wrapping_add(1),
                grid: f64_range_ends(*lo, *hi).and_then(|(a, b)| F64Grid::new(a, b)),
                high: matches!(d, Domain::F64Hi { .. }),
            },
        }
    }

    /// Words consumed ([`words_needed`]).
    pub fn words(&self) -> u32 {
        match self {
            SlotDecoder::F32Range { .. } | SlotDecoder::Wide { high: false, .. } | SlotDecoder::F64 { high: false, .. } => 2,
            SlotDecoder::Wide { high: true, .. }
            | SlotDecoder::WideSet { high: true, .. }
            | SlotDecoder::Zero
            | SlotDecoder::F64 { high: true, .. } => 0,
            _ => 1,
        }
    }

    /// Words read: [`Self::words`], except that a 64-bit value's high word reads the two words of its low word.
    pub fn reads(&self) -> u32 {
        match self {
            SlotDecoder::Wide { .. } | SlotDecoder::F64 { .. } => 2,
            SlotDecoder::WideSet { .. } => 1,
            d => d.words(),
        }
    }

    /// Decodes one value from `words[..self.words()]`.
    #[inline]
    pub fn decode(&self, words: &[u32]) -> u32 {
        match self {
            SlotDecoder::Bool => words[0] >> 31,
            SlotDecoder::Int { lo, n32 } => lo.wrapping_add(lemire(words[0], *n32)),
            SlotDecoder::Bits => words[0],
            SlotDecoder::F32Range { key_lo, key_n, grid } => {
                if words[0] & 3 == 3 {
                    f32_from_key(key_lo + mulhi(words[1], *key_n))
                } else {
                    grid.value_bits(mulhi(words[1], grid.count))
                }
            }
            SlotDecoder::Set { values, n32 } | SlotDecoder::WideSet { words: values, n32, .. } => values[lemire(words[0], *n32) as usize],
            SlotDecoder::Zero => 0,
            SlotDecoder::Wide { lo, n, high } => {
                let v = lo.wrapping_add(lemire64(u64::from(words[0]) | u64::from(words[1]) << 32, *n));
                if *high { (v >> 32) as u32 } else { v as u32 }
            }
            SlotDecoder::F64 { lo, n, grid, high } => {
                let v = f64_draw(*lo, *n, grid.as_ref(), words[0], words[1]);
                if *high { (v >> 32) as u32 } else { v as u32 }
            }
        }
    }

    /// Decodes lanes: `out[i]` from `w0[i]` (and `w1[i]` for two-word decoders). Branch-free inner loops.
    #[inline(always)]
    pub fn decode_lanes(&self, w0: &[u32], w1: &[u32], out: &mut [u32]) {
        let n = out.len();
        let w0 = &w0[..n];
        match self {
            SlotDecoder::Bool => {
                for (o, &w) in out.iter_mut().zip(w0) {
                    *o = w >> 31;
                }
            }
            SlotDecoder::Int { lo, n32: 0 } => {
                for (o, &w) in out.iter_mut().zip(w0) {
                    *o = lo.wrapping_add(w);
                }
            }
            SlotDecoder::Int { lo, n32 } => {
                let (lo, n32) = (*lo, *n32);
                for (o, &w) in out.iter_mut().zip(w0) {
                    *o = lo.wrapping_add(mulhi(w, n32));
                }
            }
            SlotDecoder::Bits => out.copy_from_slice(w0),
            SlotDecoder::Zero => out.fill(0),
            SlotDecoder::F32Range { key_lo, key_n, grid } => {
                let w1 = &w1[..n];
                let (key_lo, key_n, grid) = (*key_lo, *key_n, *grid);
                for i in 0..n {
                    let a = f32_from_key(key_lo + mulhi(w1[i], key_n));
                    let b = grid.value_bits(mulhi(w1[i], grid.count));
                    out[i] = if w0[i] & 3 == 3 { a } else { b };
                }
            }
            SlotDecoder::Set { values, n32 } | SlotDecoder::WideSet { words: values, n32, .. } => {
                let n32 = *n32;
                for (o, &w) in out.iter_mut().zip(w0) {
                    *o = values[lemire(w, n32) as usize];
                }
            }
            SlotDecoder::Wide { lo, n: count, high } => {
                let (w1, lo, count, shift) = (&w1[..n], *lo, *count, if *high { 32 } else { 0 });
                for i in 0..n {
                    let v = lo.wrapping_add(lemire64(u64::from(w0[i]) | u64::from(w1[i]) << 32, count));
                    out[i] = (v >> shift) as u32;
                }
            }
            SlotDecoder::F64 { lo, n: count, grid, high } => {
                let (w1, shift) = (&w1[..n], if *high { 32 } else { 0 });
                for i in 0..n {
                    out[i] = (f64_draw(*lo, *count, grid.as_ref(), w0[i], w1[i]) >> shift) as u32;
                }
            }
        }
    }
}

/// The `f64` pattern [`SlotDecoder::F64`] draws from two random words.
#[inline(always)]
fn f64_draw(lo: u64, n: u64, grid: Option<&F64Grid>, w0: u32, w1: u32) -> u64 {
    let x = u64::from(w0) | u64::from(w1) << 32;
    match grid {
        Some(g) if w0 & 3 != 3 => g.value_bits(lemire64(x, g.count)),
        _ => f64_from_key(lo.wrapping_add(lemire64(x, n))),
    }
}

/// Maps random words (`words[..words_needed(d)]`) to a value of `d` (the random-phase mapping, see
/// `docs/generation.md`). Reference form; [`SlotDecoder`] precomputes the per-domain constants.
pub fn decode_random(d: &Domain, words: &[u32]) -> u32 {
    SlotDecoder::new(d).decode(words)
}

/// Number of distinct values of `d`: 2 for bool, `hi - lo + 1` for ranges, 2^32 for `F32Any`, the number of
/// representable members of an `F32Range` (`-0.0` and `+0.0` counted separately when zero is in range), the set size.
pub fn domain_size(d: &Domain) -> u64 {
    match d {
        Domain::Bool => 2,
        Domain::U32Range { lo, hi } => (*hi as u64) - (*lo as u64) + 1,
        Domain::I32Range { lo, hi } => (*hi as i64 - *lo as i64) as u64 + 1,
        Domain::F32Any => 1 << 32,
        Domain::F32Range { lo, hi, hi_inclusive } => {
            let (a, b) = f32_range_keys(*lo, *hi, *hi_inclusive);
            (b - a) as u64 + 1
        }
        Domain::Set { values, .. } => values.len() as u64,
        // Saturated: a range of more than 2^32 values is never enumerated ([`ExhaustiveLayout::new`]).
        Domain::WideLo { lo, hi, .. } => wide_count(*lo, *hi).min(u64::MAX as u128) as u64,
        Domain::WideSetLo { values, .. } => values.len() as u64,
        Domain::F64Lo { lo, hi } => wide_count(*lo, *hi).min(u64::MAX as u128) as u64,
        // Enumerated through its low word's ordinal.
        Domain::WideHi { .. } | Domain::WideSetHi { .. } | Domain::F64Hi { .. } => 1,
        Domain::Unused => 1,
    }
}

/// The `ord`-th value of `d` in canonical order (`ord < domain_size(d)`): bool false then true; ranges ascending;
/// f32 domains in ordered-key order (`F32Any` starts at the negative NaNs); sets in stored order.
pub fn decode_ordinal(d: &Domain, ord: u64) -> u32 {
    debug_assert!(ord < domain_size(d), "ordinal {ord} out of range for {d:?}");
    match d {
        Domain::Bool => ord as u32,
        Domain::U32Range { lo, .. } => lo.wrapping_add(ord as u32),
        Domain::I32Range { lo, .. } => (*lo as u32).wrapping_add(ord as u32),
        Domain::F32Any => f32_from_key(ord as u32),
        Domain::F32Range { lo, hi, hi_inclusive } => {
            let (a, _) = f32_range_keys(*lo, *hi, *hi_inclusive);
            f32_from_key(a.wrapping_add(ord as u32))
        }
        Domain::Set { values, .. } => values[ord as usize],
        Domain::WideLo { lo, .. } => (*lo as u32).wrapping_add(ord as u32),
        Domain::WideHi { lo, .. } => (lo >> 32) as u32,
        Domain::WideSetLo { values, .. } => values[ord as usize] as u32,
        // A high word is decoded through its low word's ordinal ([`decode_exhaustive`]); on its own, the first member's.
        Domain::WideSetHi { values, .. } => (values[0] >> 32) as u32,
        Domain::F64Lo { lo, .. } => f64_from_key(lo.wrapping_add(ord)) as u32,
        Domain::F64Hi { lo, .. } => (f64_from_key(*lo) >> 32) as u32,
        Domain::Unused => 0,
    }
}

/// The high word of the value of a 64-bit range `lo..=..` whose low word is `low` (exhaustively, the low word's
/// ordinal is below 2^32, so the offset carries into the high word at most once, exactly when `low` wrapped
/// below `lo`'s low word).
#[inline(always)]
pub fn wide_high_word(lo: u64, low: u32) -> u32 {
    ((lo >> 32) as u32).wrapping_add(u32::from(low < lo as u32))
}

/// `out[k] = decode_ordinal(d, first + k)` for consecutive ordinals (`first + out.len() <= domain_size(d)`), with
/// the domain matched once: the loops are branch-free and vectorise.
fn decode_ordinals(d: &Domain, first: u64, out: &mut [u32]) {
    debug_assert!(first + out.len() as u64 <= domain_size(d));
    let f = first as u32;
    let ordinals = |lo: u32, out: &mut [u32]| {
        for (k, o) in out.iter_mut().enumerate() {
            *o = lo.wrapping_add(f).wrapping_add(k as u32);
        }
    };
    match d {
        Domain::Bool => ordinals(0, out),
        Domain::U32Range { lo, .. } => ordinals(*lo, out),
        Domain::I32Range { lo, .. } => ordinals(*lo as u32, out),
        Domain::F32Any | Domain::F32Range { .. } => {
            let key_lo = match d {
                Domain::F32Range { lo, hi, hi_inclusive } => f32_range_keys(*lo, *hi, *hi_inclusive).0,
                _ => 0,
            };
            for (k, o) in out.iter_mut().enumerate() {
                *o = f32_from_key(key_lo.wrapping_add(f).wrapping_add(k as u32));
            }
        }
        Domain::Set { values, .. } => out.copy_from_slice(&values[first as usize..first as usize + out.len()]),
        Domain::WideLo { lo, .. } => ordinals(*lo as u32, out),
        Domain::WideHi { lo, .. } => out.fill((lo >> 32) as u32),
        Domain::WideSetLo { values, .. } => {
            for (o, v) in out.iter_mut().zip(&values[first as usize..]) {
                *o = *v as u32;
            }
        }
        Domain::WideSetHi { values, .. } => out.fill((values[0] >> 32) as u32),
        Domain::F64Lo { lo, .. } => {
            for (k, o) in out.iter_mut().enumerate() {
                *o = f64_from_key(lo.wrapping_add(first + k as u64)) as u32;
            }
        }
        Domain::F64Hi { lo, .. } => out.fill((f64_from_key(*lo) >> 32) as u32),
        Domain::Unused => out.fill(0),
    }
}

/// Size of the product space of `domains` (1 for no slots), or `None` if it exceeds `u64::MAX`.
pub fn space_size(domains: &[Domain]) -> Option<u64> {
    domains.iter().try_fold(1u64, |acc, d| acc.checked_mul(domain_size(d)))
}

/// Mixed-radix decode of `index` (`< space_size(domains)`) into one value per slot, slot 0 the least significant
/// digit: `ord_0 = index % size_0`, `ord_1 = (index / size_0) % size_1`, ...
pub fn decode_exhaustive(domains: &[Domain], index: u64, out: &mut [u32]) {
    assert_eq!(out.len(), domains.len());
    let mut rest = index;
    let mut ord = 0u64;
    for (k, d) in domains.iter().enumerate() {
        let size = domain_size(d);
        out[k] = match d {
            Domain::WideHi { lo, .. } => wide_high_word(*lo, out[k - 1]),
            // The member its low word (the previous slot) picked.
            Domain::WideSetHi { values, .. } => (values[ord as usize] >> 32) as u32,
            Domain::F64Hi { lo, .. } => (f64_from_key(lo.wrapping_add(ord)) >> 32) as u32,
            d => {
                ord = rest % size;
                decode_ordinal(d, ord)
            }
        };
        rest /= size;
    }
    debug_assert_eq!(rest, 0, "exhaustive index out of range");
}

/// Precomputed exhaustive enumeration over several slots, with a batch decoder that steps the mixed-radix digits
/// like an odometer instead of dividing per vector.
#[derive(Clone, Debug)]
pub struct ExhaustiveLayout {
    domains: Vec<Domain>,
    sizes: Vec<u64>,
    len: u64,
}

impl ExhaustiveLayout {
    /// `None` when the space has more than `u64::MAX` vectors, or a 64-bit range has more than 2^32 values.
    pub fn new(domains: &[Domain]) -> Option<ExhaustiveLayout> {
        if domains.iter().any(|d| matches!(d, Domain::WideLo { lo, hi, .. } | Domain::F64Lo { lo, hi } if wide_count(*lo, *hi) > 1 << 32)) {
            return None;
        }
        let len = space_size(domains)?;
        Some(ExhaustiveLayout { domains: domains.to_vec(), sizes: domains.iter().map(domain_size).collect(), len })
    }

    /// Number of vectors in the space.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the space is empty (never, for valid domains).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Same as [`decode_exhaustive`].
    pub fn decode(&self, index: u64, out: &mut [u32]) {
        decode_exhaustive(&self.domains, index, out)
    }

    /// `out[slot][i]` = slot value of vector `base + i` for `i in 0..n` (each `out[slot]` is resized to `n`).
    /// Requires `base + n <= len()`.
    pub fn decode_batch(&self, base: u64, n: usize, out: &mut [Vec<u32>]) {
        assert_eq!(out.len(), self.domains.len());
        assert!(base.checked_add(n as u64).is_some_and(|end| end <= self.len), "exhaustive batch out of range");
        // Slot s holds each of its digits for a run of `stride_s = size_0 * ... * size_(s-1)` consecutive vectors.
        let mut stride = 1u64;
        // The stride and size of the previous slot (a 64-bit set's high word picks its low word's member).
        let mut prev = (1u64, 1u64);
        for k in 0..self.domains.len() {
            let (d, size) = (&self.domains[k], self.sizes[k]);
            if let Domain::WideSetHi { values, .. } = d {
                let (s, n_prev) = prev;
                let col = &mut out[k];
                col.clear();
                col.extend((0..n as u64).map(|i| (values[(((base + i) / s) % n_prev) as usize] >> 32) as u32));
                continue;
            }
            if let Domain::F64Hi { lo, .. } = d {
                let (s, n_prev) = prev;
                let col = &mut out[k];
                col.clear();
                col.extend((0..n as u64).map(|i| (f64_from_key(lo.wrapping_add(((base + i) / s) % n_prev)) >> 32) as u32));
                continue;
            }
            prev = (stride, size);
            if let Domain::WideHi { lo, .. } = d {
                // The high word follows the low word, the previous slot.
                let (done, rest) = out.split_at_mut(k);
                let (low, col) = (&done[k - 1], &mut rest[0]);
                col.clear();
                col.extend(low.iter().map(|&l| wide_high_word(*lo, l)));
                continue;
            }
            let col = &mut out[k];
            col.resize(n, 0);
            if stride == 1 {
                // The fastest-varying slot: runs of consecutive ordinals, the domain matched once per run.
                let mut digit = base % size;
                let mut i = 0usize;
                while i < n {
                    let run = (size - digit).min((n - i) as u64) as usize;
                    decode_ordinals(d, digit, &mut col[i..i + run]);
                    i += run;
                    digit = 0;
                }
                stride = size;
                continue;
            }
            let mut digit = (base / stride) % size;
            let mut run_left = stride - base % stride;
            let mut i = 0usize;
            while i < n {
                let run = run_left.min((n - i) as u64) as usize;
                col[i..i + run].fill(decode_ordinal(d, digit));
                i += run;
                digit += 1;
                if digit == size {
                    digit = 0;
                }
                run_left = stride;
            }
            // Cannot overflow: the product of all sizes is len() <= u64::MAX; saturate past the last slot.
            stride = stride.saturating_mul(size);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lemire64_spans_the_range_and_wide_words_follow_the_value() {
        assert_eq!(lemire64(12345, 0), 12345, "n == 0 stands for 2^64");
        assert_eq!(lemire64(u64::MAX, 10), 9);
        assert_eq!(lemire64(0, 10), 0);
        assert_eq!(lemire64(u64::MAX, u64::MAX), u64::MAX - 1);
        let (lo, hi) = ((-5i64) as u64, 4u64);
        let d = Domain::WideLo { lo, hi, signed: true };
        assert_eq!(d.validate(), Ok(()));
        assert_eq!(Domain::WideLo { lo: 4, hi: (-5i64) as u64, signed: true }.validate(), Err(DomainError::EmptyWideRange));
        assert_eq!(domain_size(&d), 10);
        // Exhaustively, the high word carries exactly when the low word wrapped below lo's.
        for ord in 0..10u64 {
            let v = lo.wrapping_add(ord);
            let low = decode_ordinal(&d, ord);
            assert_eq!(low, v as u32);
            assert_eq!(wide_high_word(lo, low), (v >> 32) as u32, "{}", v as i64);
        }
        let h = Domain::WideHi { lo, hi, signed: true };
        assert!(h.contains(u32::MAX) && h.contains(0) && !h.contains(1));
        assert!(d.contains((-5i32) as u32) && d.contains(4) && !d.contains(5) && !d.contains(100));
        // The random decoders of both words read the same two words and agree on one value.
        let (dl, dh) = (SlotDecoder::new(&d), SlotDecoder::new(&h));
        assert_eq!((dl.words(), dh.words(), dh.reads()), (2, 0, 2));
        for w in [[0u32, 0], [u32::MAX, u32::MAX], [0x1234_5678, 0x9ABC_DEF0]] {
            let v = u64::from(dl.decode(&w)) | u64::from(dh.decode(&w)) << 32;
            assert!((-5..=4).contains(&(v as i64)), "{}", v as i64);
        }
    }

    #[test]
    fn key_roundtrip_and_order() {
        for &b in &[0u32, 1, 0x8000_0000, 0x8000_0001, 0x7F80_0000, 0xFF80_0000, 0x3F80_0000, 0xBF80_0000] {
            assert_eq!(f32_from_key(f32_key(b)), b);
        }
        assert_eq!(f32_key(0x8000_0000) + 1, f32_key(0));
        assert!(f32_key((-1.0f32).to_bits()) < f32_key((-0.5f32).to_bits()));
        assert!(f32_key(1.0f32.to_bits()) < f32_key(2.0f32.to_bits()));
    }

    #[test]
    fn grid_examples() {
        let g = F32Grid::new(-4.0, 4.0, false);
        assert_eq!((g.exp, g.lo_idx, g.count), (-22, -(1 << 24), 1 << 25));
        let g = F32Grid::new(0.0, 1.0, true);
        assert_eq!((g.exp, g.lo_idx, g.count), (-24, 0, (1 << 24) + 1));
        let g = F32Grid::new(0.0, 0.0, true);
        assert_eq!((g.exp, g.lo_idx, g.count), (-149, 0, 1));
    }

    #[test]
    #[allow(clippy::needless_range_loop, reason = "the index is the vector offset compared across two decoders")]
    fn exhaustive_batches_of_every_fastest_slot_kind_match_one_by_one_decoding() {
        // The fastest-varying slot is decoded in runs (`decode_ordinals`): each domain kind, runs that wrap.
        let f32_range = Domain::F32Range { lo: -1.0, hi: 1.0, hi_inclusive: true };
        let set = Domain::Set { kind: ScalarKind::U32, values: vec![5, 9, 1000] };
        for first in [f32_range, Domain::F32Any, set, Domain::I32Range { lo: -7, hi: 2 }, Domain::Bool] {
            let ds = vec![first.clone(), Domain::U32Range { lo: 0, hi: 2 }];
            let l = ExhaustiveLayout::new(&ds).unwrap();
            let size = domain_size(&first);
            for base in [0, 1, size.saturating_sub(3), size.saturating_sub(1) * 2] {
                let n = (l.len() - base).min(3 * size.min(7) + 5) as usize;
                let mut out = vec![Vec::new(); 2];
                l.decode_batch(base, n, &mut out);
                for i in 0..n {
                    let mut one = [0u32; 2];
                    l.decode(base + i as u64, &mut one);
                    assert_eq!([out[0][i], out[1][i]], one, "{first:?} at {}", base + i as u64);
                }
            }
        }
    }

    #[test]
    #[allow(clippy::needless_range_loop, reason = "the index is the vector offset compared across two decoders")]
    fn exhaustive_batch_matches() {
        let ds = vec![Domain::U32Range { lo: 3, hi: 5 }, Domain::Bool, Domain::I32Range { lo: -1, hi: 1 }];
        let l = ExhaustiveLayout::new(&ds).unwrap();
        assert_eq!(l.len(), 18);
        for base in 0..18 {
            let n = 18 - base as usize;
            let mut out = vec![Vec::new(); 3];
            l.decode_batch(base, n, &mut out);
            for i in 0..n {
                let mut one = [0u32; 3];
                l.decode(base + i as u64, &mut one);
                assert_eq!([out[0][i], out[1][i], out[2][i]], one);
            }
        }
    }
}

//! Shrinking: turns a failing vector into a simplest vector that still fails the same property the same way.
//!
//! # The simplicity order
//!
//! Every slot value has a *distance from simplest* ([`slot_distance`], a `u64`, 0 for the simplest member):
//!
//! * `bool`: `false` 0, `true` 1.
//! * `u32 in lo..=hi`: `value - lo` (the simplest value is the end closest to 0, `lo`; 0 for a plain `u32`).
//! * `i32 in lo..=hi`: with `s` the member closest to 0 (0 when in the range, else `lo` or `hi`) and `d = |value -
//!   s|`: `2d - 1` above `s`, `2d` below it, so `0, 1, -1, 2, -2, ...` when 0 is in the range.
//! * `f32` (plain or a range): a value-intrinsic key ([`f32_distance`]): `+0.0`, then `-0.0`, then the small
//!   integers `1, -1, 2, -2, ..., ±2^24` by magnitude, then every other finite value by (number of significant
//!   bits, distance of the binary exponent from 0, mantissa, sign), then `+inf`, `-inf`, then NaNs (the canonical
//!   quiet NaN `0x7FC00000` first).
//! * sets: the rank of the value among the members sorted by the same per-type key (so members closer to 0 first,
//!   ties in stored order).
//! * `u64` and `i64` (two slots, the low word first: a [`WidePair`]): measured as one value, as `u32` and `i32`
//!   are (`value`, and `0, 1, -1, 2, -2, ...`), so `5` is simpler than `2^32`.
//!
//! Vectors are compared by [`Simplicity`]: first the number of values whose bit pattern is non-zero (a 64-bit
//! value counts once), then the sum of the value distances. A candidate is accepted only when it is strictly
//! smaller in this order, so the result is never larger than the original, and shrinking always terminates.
//!
//! # The algorithm
//!
//! Rounds of batched, greedy steps, like proptest's shrinking but over our domains. Each round builds one batch of
//! candidates from the current vector:
//!
//! 1. *Bulk* candidates that set several slots to their simplest value at once: all slots, every input, and for
//!    every array input its halves, quarters, ... (chunks of two or more elements).
//! 2. *Single-slot* candidates, for every slot: integers move toward the simplest value (the value itself, a
//!    binary-search ladder `d - 2^k`, the fractions `d * j / 8`, decimal and binary truncations `d % 10^k`,
//!    `d - d % 10^k`, `d % 2^k`, and the mirror image across the simplest value; a 64-bit value as a whole, both
//!    words at once, kept inside its range); floats move toward `0.0`, then to small integers (the same ladder
//!    over the integer part), then to fewer significant bits (mantissa masks, the fractional part, exponents moved
//!    toward 0), and NaN / infinities toward finite values; bools toward `false`; set members toward earlier ranks.
//!
//! Every candidate lies inside its slot's domain ([`Domain::contains`]) and is strictly simpler than the current
//! vector. The whole batch is evaluated at once through the caller's `eval` (one call per batch of up to
//! [`BATCH`] vectors); a candidate counts only when its outcome code equals `target` exactly (same property, same
//! assert or bounds site). The simplest such candidate wins; when several slots improved on their own, the vector
//! combining every slot's best improvement is tried as well and wins when it still fails with `target`. One win
//! is one step. When a round finds nothing, a round of *pairs* (two non-zero slots set to their simplest values
//! together, for vectors with at most [`PAIR_SLOTS`] such slots) runs, since some failures need two changes at
//! once to get simpler. When that finds nothing either, the vector is a local minimum and shrinking ends.
//!
//! Everything is deterministic: candidates are generated in a fixed order and ties go to the earliest. The only
//! dependence on time is the stop: when [`ShrinkLimits::max_steps`] steps were taken or
//! [`ShrinkLimits::max_time`] passed, shrinking ends early on the simplest failing vector found so far and
//! reports [`Shrunk::hit_limit`].

use std::collections::HashSet;
use std::time::{Duration, Instant};

use crate::check::Type;
use crate::r#gen::domain::{Domain, ScalarKind};
use crate::ir::Program;

/// Most candidate vectors handed to `eval` in one call.
pub const BATCH: usize = 8192;
/// The pair round runs only for vectors with at most this many non-simplest slots (so at most 2016 pairs).
pub const PAIR_SLOTS: usize = 64;

/// Bounds on one shrink.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShrinkLimits {
    /// Most accepted simplifications.
    pub max_steps: u32,
    /// Most wall time (checked before every batch evaluation).
    pub max_time: Duration,
}

impl Default for ShrinkLimits {
    fn default() -> ShrinkLimits {
        ShrinkLimits { max_steps: 2000, max_time: Duration::from_secs(5) }
    }
}

/// The result of [`shrink`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shrunk {
    /// The simplest failing vector found (the original when nothing simpler fails with the target outcome).
    pub values: Vec<u32>,
    /// Accepted simplifications.
    pub steps: u32,
    /// Candidate vectors evaluated.
    pub evaluations: u64,
    /// Whether the step or time bound ended shrinking (the result may not be a local minimum).
    pub hit_limit: bool,
}

/// The key of the simplicity order: smaller is simpler. Compares number of non-zero slots, then the sum of the
/// slot distances.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Simplicity {
    /// Slots whose bit pattern is not 0.
    pub nonzero: u32,
    /// Sum of [`slot_distance`] over all slots.
    pub distance: u128,
}

/// The two slots of one `u64` or `i64` value: the low word at `first`, the high word after it, and the range
/// `lo..=hi` of the value (the whole type, or the input's domain).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WidePair {
    pub first: usize,
    pub signed: bool,
    /// An `f64`: its value is the float's signed ordinal ([`f64_ordinal`]), so shrinking moves it toward `0.0`
    /// through the floats in between.
    pub float: bool,
    pub lo: i128,
    pub hi: i128,
}

/// The position of an `f64` pattern among the floats: `bits` for a clear sign bit, `-(bits & !sign)` for a
/// set one (both zeros 0; NaNs beyond the infinities), as `ulp_distance` counts.
pub fn f64_ordinal(bits: u64) -> i128 {
    if bits >> 63 != 0 { -((bits & !(1 << 63)) as i128) } else { bits as i128 }
}

impl WidePair {
    /// The pair at `first` over the 64-bit patterns `lo..=hi`.
    pub fn ranged(first: usize, signed: bool, lo: u64, hi: u64) -> WidePair {
        let v = |x: u64| if signed { x as i64 as i128 } else { x as i128 };
        WidePair { first, signed, float: false, lo: v(lo), hi: v(hi) }
    }

    /// The `f64` pair at `first` over the keys `lo..=hi` ([`crate::r#gen::domain::f64_key`]).
    pub fn float_keys(first: usize, lo: u64, hi: u64) -> WidePair {
        use crate::r#gen::domain::f64_from_key;
        WidePair { first, signed: true, float: true, lo: f64_ordinal(f64_from_key(lo)), hi: f64_ordinal(f64_from_key(hi)) }
    }

    /// The value of the words `lo`, `hi`.
    fn value(self, lo: u32, hi: u32) -> i128 {
        let v = u64::from(lo) | u64::from(hi) << 32;
        if self.float {
            f64_ordinal(v)
        } else if self.signed {
            v as i64 as i128
        } else {
            v as i128
        }
    }

    /// The 64-bit pattern of a value.
    fn pattern(self, v: i128) -> u64 {
        if self.float && v < 0 { (-v) as u64 | 1 << 63 } else { v as u64 }
    }

    /// The member closest to 0 (for an `f64`, the simplest by [`f64_distance`]: `0.0`, else the integer of
    /// least magnitude, else the end nearest zero), as a 64-bit pattern.
    pub fn simplest(self) -> u64 {
        let s = self.pattern(0i128.clamp(self.lo, self.hi));
        if !self.float || s == 0 {
            return s;
        }
        let (a, b) = (f64::from_bits(self.pattern(self.lo)), f64::from_bits(self.pattern(self.hi)));
        let whole = if a > 0.0 { a.ceil() } else { b.floor() };
        if whole >= a && whole <= b && whole.abs() <= F64_SMALL_INT as f64 { whole.to_bits() } else { s }
    }

    /// The 64-bit values of inputs of these types (in slot order, each with its first slot).
    pub fn of_inputs(inputs: impl IntoIterator<Item = (Type, usize)>) -> Vec<WidePair> {
        let mut out = Vec::new();
        for (ty, first) in inputs {
            let (Type::Scalar(s) | Type::Array(s, _)) = ty else { continue };
            if s.is_wide() {
                let n = ty.slots() as usize / 2;
                let (lo, hi) = if s.is_signed() { (i64::MIN as u64, i64::MAX as u64) } else { (0, u64::MAX) };
                if s == crate::sem::ScalarType::F64 {
                    out.extend((0..n).map(|k| WidePair::float_keys(first + 2 * k, 0, u64::MAX)));
                } else {
                    out.extend((0..n).map(|k| WidePair::ranged(first + 2 * k, s.is_signed(), lo, hi)));
                }
            }
        }
        out
    }

    /// The 64-bit values of `program`'s inputs, with their domains' ranges.
    pub fn of_program(program: &Program) -> Vec<WidePair> {
        let mut out = WidePair::of_inputs(program.inputs.iter().map(|i| (i.ty, i.first_slot as usize)));
        for p in &mut out {
            if let Some((lo, hi, signed)) = program.slots.get(p.first).and_then(|d| d.wide_range()) {
                *p = WidePair::ranged(p.first, signed, lo, hi);
            }
            if let Some(Domain::F64Lo { lo, hi }) = program.slots.get(p.first) {
                *p = WidePair::float_keys(p.first, *lo, *hi);
            }
            // A set: between its least and greatest members (candidates are its members).
            if let Some((values, signed)) = program.slots.get(p.first).and_then(|d| d.wide_members()) {
                *p = WidePair::ranged(p.first, signed, values[0], values[values.len() - 1]);
            }
        }
        out
    }

    /// Distance of the value with words `lo`, `hi` from the simplest member `s`: `value - s` (`u64`), or `s, s+1,
    /// s-1, s+2, ...` (`i64`), as for `u32` and `i32` ranges.
    pub fn distance(self, lo: u32, hi: u32) -> u128 {
        if self.float {
            return f64_distance(u64::from(lo) | u64::from(hi) << 32);
        }
        let s = 0i128.clamp(self.lo, self.hi);
        let d = self.value(lo, hi) - s;
        if !self.signed {
            d.unsigned_abs()
        } else if d > 0 {
            2 * d as u128 - 1
        } else {
            2 * d.unsigned_abs()
        }
    }

    /// Members strictly closer to the simplest one than the value with words `lo`, `hi`, as word pairs
    /// (unsorted, maybe repeated; the caller keeps the simpler ones).
    fn candidates(self, lo: u32, hi: u32) -> Vec<(u32, u32)> {
        if self.float {
            let mut c = vec![self.simplest(), self.pattern(self.lo), self.pattern(self.hi)];
            f64_candidates(u64::from(lo) | u64::from(hi) << 32, &mut c);
            return c
                .into_iter()
                .filter(|&v| (self.lo..=self.hi).contains(&f64_ordinal(v)))
                .map(|v| (v as u32, (v >> 32) as u32))
                .collect();
        }
        let words = |x: i128| (self.pattern(x) as u32, (self.pattern(x) >> 32) as u32);
        let s = 0i128.clamp(self.lo, self.hi);
        let x = self.value(lo, hi);
        let (d, side) = ((x - s).unsigned_abs() as u64, if x >= s { 1i128 } else { -1 });
        // Either word cleared on its own, toward the simplest member on the same side, and the mirror image.
        let mut out: Vec<i128> = vec![self.value(0, hi), self.value(lo, 0)];
        out.extend(ladder(d).into_iter().map(|m| s + side * m as i128));
        out.push(s - side * d as i128);
        out.into_iter().filter(|v| (self.lo..=self.hi).contains(v)).map(words).collect()
    }
}

/// The simplicity of a whole vector over `slots` (one domain per slot), the slots of `wide` measured as
/// one 64-bit value each.
pub fn simplicity(slots: &[Domain], wide: &[WidePair], values: &[u32]) -> Simplicity {
    let mut s = Simplicity { nonzero: 0, distance: 0 };
    let mut k = 0;
    let mut pairs = wide.iter().peekable();
    while k < values.len().min(slots.len()) {
        if let Some(p) = pairs.next_if(|p| p.first == k) {
            let (lo, hi) = (values[k], values.get(k + 1).copied().unwrap_or(0));
            s.nonzero += (lo | hi != 0) as u32;
            s.distance += p.distance(lo, hi);
            k += 2;
            continue;
        }
        s.nonzero += (values[k] != 0) as u32;
        s.distance += slot_distance(&slots[k], values[k]) as u128;
        k += 1;
    }
    s
}

/// Distance of `bits` from the simplest member of `domain` (see the module docs). Values outside the domain get a
/// distance too (so an out-of-domain original can still be compared), but candidates never are outside.
pub fn slot_distance(domain: &Domain, bits: u32) -> u64 {
    match domain {
        Domain::Bool => bits as u64,
        Domain::U32Range { lo, .. } => (bits as i64 - *lo as i64).unsigned_abs(),
        Domain::I32Range { lo, hi } => int_distance(i32_simplest(*lo, *hi), bits as i32),
        Domain::F32Any | Domain::F32Range { .. } => f32_distance(bits),
        Domain::Set { kind, values } => {
            let key = (kind_distance(*kind, bits), values.iter().position(|&m| m == bits).unwrap_or(usize::MAX));
            values.iter().enumerate().filter(|&(i, &m)| (kind_distance(*kind, m), i) < key).count() as u64
        }
        // A word of a 64-bit value on its own (the shrinker measures the value as a whole: [`WidePair`]).
        Domain::WideLo { .. } => bits as u64,
        Domain::WideHi { signed: false, .. } => bits as u64,
        Domain::WideHi { signed: true, .. } => int_distance(0, bits as i32),
        Domain::WideSetLo { .. } | Domain::WideSetHi { signed: false, .. } => bits as u64,
        Domain::WideSetHi { signed: true, .. } => int_distance(0, bits as i32),
        Domain::F64Lo { .. } | Domain::F64Hi { .. } => bits as u64,
        Domain::Unused => bits as u64,
    }
}

/// The member of a 64-bit set closest to the simplest value of its range ([`WidePair::distance`]).
fn wide_set_simplest(values: &[u64], signed: bool) -> u64 {
    let p = WidePair::ranged(0, signed, values[0], values[values.len() - 1]);
    values.iter().copied().min_by_key(|&v| p.distance(v as u32, (v >> 32) as u32)).unwrap_or(0)
}

/// Intrinsic distance of a value of `kind` from zero: the order of set members.
fn kind_distance(kind: ScalarKind, bits: u32) -> u64 {
    match kind {
        ScalarKind::Bool | ScalarKind::U32 => bits as u64,
        ScalarKind::I32 => int_distance(0, bits as i32),
        ScalarKind::F32 => f32_distance(bits),
    }
}

/// `2|v - s| - 1` above `s`, `2|v - s|` below: `s, s+1, s-1, s+2, ...`.
fn int_distance(s: i64, v: i32) -> u64 {
    let d = v as i64 - s;
    if d > 0 { 2 * d as u64 - 1 } else { 2 * d.unsigned_abs() }
}

/// The member of `lo..=hi` closest to 0.
fn i32_simplest(lo: i32, hi: i32) -> i64 {
    (0i64).clamp(lo as i64, hi as i64)
}

/// Largest magnitude of the "small integers" class of floats: every integer up to it is exact in f32.
const F32_SMALL_INT: u32 = 1 << 24;
const CLASS_OTHER: u64 = 1 << 26;
const CLASS_NONFINITE: u64 = 1 << 62;

/// Largest magnitude of the "small integers" class of `f64`s: every integer up to it is exact.
const F64_SMALL_INT: u64 = 1 << 53;
const CLASS_OTHER64: u128 = 1 << 55;
const CLASS_NONFINITE64: u128 = 1 << 100;

/// [`f32_distance`] over 64 bits: the simplicity key of an `f64` pattern, `+0.0` 0, then `-0.0`, the
/// integers up to 2^53 by magnitude (positive first), the other finite values by significant bits, then
/// exponent nearest 0, infinities, NaNs (the quiet NaN first). Injective.
pub fn f64_distance(bits: u64) -> u128 {
    let neg = (bits >> 63) as u128;
    let mag = bits & !(1 << 63);
    if mag == 0 {
        return neg;
    }
    if mag >= 0x7FF0_0000_0000_0000 {
        if mag == 0x7FF0_0000_0000_0000 {
            return CLASS_NONFINITE64 + neg;
        }
        let payload = (mag & ((1 << 52) - 1)) ^ (1 << 51);
        return CLASS_NONFINITE64 + 2 + ((payload as u128) << 1 | neg);
    }
    let x = f64::from_bits(mag);
    if x.fract() == 0.0 && x <= F64_SMALL_INT as f64 {
        return 2 + 2 * (x as u128 - 1) + neg;
    }
    let frac = mag & ((1 << 52) - 1);
    let biased = mag >> 52;
    let (e, sig) = if biased == 0 {
        let p = 63 - frac.leading_zeros() as i32;
        (p - 1074, (p - frac.trailing_zeros() as i32 + 1) as u128)
    } else {
        (biased as i32 - 1023, (53 - (frac | 1 << 52).trailing_zeros()) as u128)
    };
    let exp_code = if e > 0 { (2 * e - 1) as u128 } else { (-2 * e) as u128 };
    CLASS_OTHER64 + ((sig << 66) | (exp_code << 53) | ((frac as u128) << 1) | neg)
}

/// [`f32_candidates`] over 64 bits: `0.0`, `|x|`, small integers toward the integer part, the fractional
/// part, fewer significant bits, exponents toward 0 (unfiltered: the caller keeps members).
fn f64_candidates(v: u64, c: &mut Vec<u64>) {
    const SIGN: u64 = 1 << 63;
    c.push(0);
    let x = f64::from_bits(v);
    if !x.is_finite() {
        c.extend([0x7FF0_0000_0000_0000, 0xFFF0_0000_0000_0000, 0x7FF8_0000_0000_0000, 0xFFF8_0000_0000_0000]);
        c.extend([1.0f64, -1.0, f64::MAX, f64::MIN, F64_SMALL_INT as f64].map(f64::to_bits));
        return;
    }
    let sign = v & SIGN;
    let mag = v & !SIGN;
    c.push(mag);
    let m = (x.abs().trunc() as u64).min(F64_SMALL_INT);
    for k in ladder(m).into_iter().chain([m, m + 1]) {
        if k <= F64_SMALL_INT {
            let b = (k as f64).to_bits();
            c.extend([b, b | sign]);
        }
    }
    let f = x - x.trunc();
    if f != 0.0 {
        c.extend([f.to_bits(), f.abs().to_bits()]);
    }
    for k in 0..52 {
        c.push(v & !((1u64 << (52 - k)) - 1));
    }
    let biased = (mag >> 52) as i32;
    if biased != 0 {
        let e = biased - 1023;
        let with_exp = |e2: i32| sign | (((e2 + 1023) as u64) << 52) | (mag & ((1 << 52) - 1));
        for e2 in [0, -1, e / 2, e - e.signum()] {
            if (-1022..=1023).contains(&e2) {
                c.extend([with_exp(e2), with_exp(e2) & !SIGN]);
            }
        }
    }
}

/// The simplicity key of an f32 bit pattern (see the module docs); `+0.0` is 0. Injective.
pub fn f32_distance(bits: u32) -> u64 {
    let neg = (bits >> 31) as u64;
    let mag = bits & 0x7FFF_FFFF;
    if mag == 0 {
        return neg;
    }
    if mag >= 0x7F80_0000 {
        if mag == 0x7F80_0000 {
            return CLASS_NONFINITE + neg;
        }
        // NaN: the canonical quiet NaN (payload 0x400000) first.
        let payload = (mag & 0x007F_FFFF) ^ 0x0040_0000;
        return CLASS_NONFINITE + 2 + ((payload as u64) << 1 | neg);
    }
    let x = f32::from_bits(mag);
    if x.fract() == 0.0 && x <= F32_SMALL_INT as f32 {
        let m = x as u64; // 1..=2^24
        return 2 + 2 * (m - 1) + neg;
    }
    let frac = mag & 0x007F_FFFF;
    let biased = mag >> 23;
    let (e, sig) = if biased == 0 {
        let p = 31 - frac.leading_zeros() as i32;
        (p - 149, (p - frac.trailing_zeros() as i32 + 1) as u64)
    } else {
        let m = frac | 0x0080_0000;
        (biased as i32 - 127, (24 - m.trailing_zeros()) as u64)
    };
    let exp_code = if e > 0 { (2 * e - 1) as u64 } else { (-2 * e) as u64 };
    CLASS_OTHER + ((sig << 34) | (exp_code << 24) | ((frac as u64) << 1) | neg)
}

/// Per-slot shrinking data, computed once per shrink.
struct Slot {
    domain: Domain,
    /// The simplest member we know (the true minimum of [`slot_distance`] for every domain but some float ranges).
    simplest: u32,
    /// Set members sorted by simplicity (empty for other domains).
    ranked: Vec<u32>,
}

impl Slot {
    fn new(domain: &Domain) -> Slot {
        let mut ranked = Vec::new();
        let simplest = match domain {
            Domain::Bool | Domain::F32Any => 0,
            Domain::U32Range { lo, .. } => *lo,
            Domain::I32Range { lo, hi } => i32_simplest(*lo, *hi) as i32 as u32,
            Domain::F32Range { lo, hi, .. } => f32_range_simplest(domain, *lo, *hi),
            Domain::Set { values, .. } => {
                ranked = values.clone();
                ranked.sort_by_key(|&v| slot_distance(domain, v));
                ranked[0]
            }
            Domain::WideLo { lo, hi, signed } => WidePair::ranged(0, *signed, *lo, *hi).simplest() as u32,
            Domain::WideHi { lo, hi, signed } => (WidePair::ranged(0, *signed, *lo, *hi).simplest() >> 32) as u32,
            Domain::WideSetLo { values, signed } => wide_set_simplest(values, *signed) as u32,
            Domain::WideSetHi { values, signed } => (wide_set_simplest(values, *signed) >> 32) as u32,
            Domain::F64Lo { lo, hi } => WidePair::float_keys(0, *lo, *hi).simplest() as u32,
            Domain::F64Hi { lo, hi } => (WidePair::float_keys(0, *lo, *hi).simplest() >> 32) as u32,
            Domain::Unused => 0,
        };
        Slot { domain: domain.clone(), simplest, ranked }
    }

    fn distance(&self, v: u32) -> u64 {
        match &self.domain {
            Domain::Set { .. } => match self.ranked.iter().position(|&m| m == v) {
                Some(r) => r as u64,
                None => slot_distance(&self.domain, v),
            },
            d => slot_distance(d, v),
        }
    }

    /// Members strictly simpler than `v`, simplest first, deduplicated.
    fn candidates(&self, v: u32) -> Vec<u32> {
        let mut c = Vec::new();
        c.push(self.simplest);
        match &self.domain {
            Domain::Bool => c.push(0),
            Domain::U32Range { lo, .. } => int_candidates(*lo as i64, v as i64, &mut c, |x| x as u32),
            Domain::I32Range { lo, hi } => int_candidates(i32_simplest(*lo, *hi), v as i32 as i64, &mut c, |x| x as i32 as u32),
            Domain::F32Any | Domain::F32Range { .. } => f32_candidates(v, &mut c),
            Domain::Set { .. } => {
                let r = self.distance(v).min(self.ranked.len() as u64);
                for rank in ladder(r) {
                    c.push(self.ranked[rank as usize]);
                }
            }
            // Shrunk as whole values ([`WidePair`]).
            Domain::WideLo { .. }
            | Domain::WideHi { .. }
            | Domain::WideSetLo { .. }
            | Domain::WideSetHi { .. }
            | Domain::F64Lo { .. }
            | Domain::F64Hi { .. }
            | Domain::Unused => {}
        }
        let dv = self.distance(v);
        let mut c: Vec<(u64, u32)> =
            c.into_iter().filter(|&x| self.domain.contains(x)).map(|x| (self.distance(x), x)).filter(|&(d, _)| d < dv).collect();
        c.sort_unstable();
        c.dedup();
        c.into_iter().map(|(_, x)| x).collect()
    }
}

/// Smaller magnitudes for a magnitude `d` (all `< d`, possibly repeated): 0, a binary-search ladder `d - 2^k`,
/// eighths, decimal and binary truncations; everything below 32 when `d <= 32`.
fn ladder(d: u64) -> Vec<u64> {
    let mut out = vec![0];
    if d == 0 {
        return out;
    }
    if d <= 32 {
        out.extend(0..d);
        return out;
    }
    // u128 steps, so that magnitudes up to u64::MAX (64-bit values) neither overflow nor loop.
    let mut k = 1u128;
    while k <= d as u128 {
        out.push(d - k as u64);
        k <<= 1;
    }
    for j in 1..8 {
        out.push((d as u128 * j / 8) as u64);
    }
    let mut p = 10u128;
    while p < d as u128 {
        out.push(d % p as u64);
        out.push(d - d % p as u64);
        p *= 10;
    }
    let mut p = 2u128;
    while p < d as u128 {
        out.push(d % p as u64);
        p <<= 1;
    }
    out
}

/// Integer candidates toward `s` from `v` (converted to bits by `bits`; out-of-range values are filtered later).
fn int_candidates(s: i64, v: i64, c: &mut Vec<u32>, bits: impl Fn(i64) -> u32) {
    let d = (v - s).unsigned_abs();
    let side = if v >= s { 1 } else { -1 };
    let in_bits = |x: i64| x >= i32::MIN as i64 && x <= u32::MAX as i64;
    for m in ladder(d) {
        let x = s + side * m as i64;
        if in_bits(x) {
            c.push(bits(x));
        }
    }
    // The mirror image (simpler when `v` is below `s`).
    let x = s - side * d as i64;
    if in_bits(x) {
        c.push(bits(x));
    }
}

/// Float candidates from `v` (filtered by the caller).
fn f32_candidates(v: u32, c: &mut Vec<u32>) {
    c.push(0);
    let x = f32::from_bits(v);
    if !x.is_finite() {
        c.extend([0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0xFFC0_0000]);
        c.extend([1.0f32, -1.0, f32::MAX, f32::MIN, F32_SMALL_INT as f32].map(f32::to_bits));
        return;
    }
    let sign = v & 0x8000_0000;
    let mag = v & 0x7FFF_FFFF;
    c.push(mag); // |x|
    // Small integers, over the integer part (capped at 2^24) and one above it.
    let m = (x.abs().trunc() as u64).min(F32_SMALL_INT as u64);
    for k in ladder(m).into_iter().chain([m, m + 1]) {
        if k <= F32_SMALL_INT as u64 {
            let b = (k as f32).to_bits();
            c.push(b);
            c.push(b | sign);
        }
    }
    // Fewer significant bits: the fractional part, mantissa masks, exponents toward 0.
    let f = x - x.trunc();
    if f != 0.0 {
        c.push(f.to_bits());
        c.push(f.abs().to_bits());
    }
    for k in 0..23 {
        c.push(v & !((1u32 << (23 - k)) - 1));
    }
    let biased = (mag >> 23) as i32;
    if biased != 0 {
        let e = biased - 127;
        let with_exp = |e2: i32| sign | (((e2 + 127) as u32) << 23) | (mag & 0x007F_FFFF);
        for e2 in [0, -1, e / 2, e - e.signum()] {
            if (-126..=127).contains(&e2) {
                c.push(with_exp(e2));
                c.push(with_exp(e2) & 0x7FFF_FFFF);
            }
        }
    }
}

/// The simplest member we can find of a float range: zero, else the small integer closest to 0, else the simplest
/// of the powers of two and the bounds in range.
fn f32_range_simplest(domain: &Domain, lo: f32, hi: f32) -> u32 {
    if domain.contains(0) {
        return 0;
    }
    let mut c: Vec<u32> = vec![lo.to_bits(), hi.to_bits()];
    for x in [lo.ceil(), lo.ceil() + 1.0, hi.floor(), hi.floor() - 1.0] {
        if x.abs() <= F32_SMALL_INT as f32 {
            c.push(x.to_bits());
        }
    }
    for biased in 1u32..255 {
        c.push(biased << 23);
        c.push(0x8000_0000 | biased << 23);
    }
    for k in 0..23 {
        c.push(1 << k); // subnormal powers of two
        c.push(0x8000_0000 | 1 << k);
    }
    c.into_iter().filter(|&b| domain.contains(b)).min_by_key(|&b| f32_distance(b)).unwrap_or(lo.to_bits())
}

/// One candidate, as a change to the current vector (materialized only for evaluation, [`BATCH`] at a time).
#[derive(Clone, Copy, Debug)]
enum Change {
    /// Set every slot of bulk group `g` to its simplest value.
    Group(usize),
    /// Set one slot to a value.
    Single(usize, u32),
    /// Set two slots to their simplest values.
    Pair(usize, usize),
    /// Set the 64-bit value whose low word is slot `.0` to the words `.1` (low) and `.2` (high).
    Wide(usize, u32, u32),
}

/// The state of one shrink: the slots, the current vector and the evaluation budget.
struct Shrinker<'a> {
    slots: Vec<Slot>,
    /// For every slot, the 64-bit value it is a word of (an index into `wide`).
    wide_of: Vec<Option<usize>>,
    wide: Vec<WidePair>,
    groups: Vec<Vec<usize>>,
    target: u32,
    current: Vec<u32>,
    order: Simplicity,
    eval: &'a mut dyn FnMut(&[Vec<u32>]) -> Vec<u32>,
    evaluations: u64,
    start: Instant,
    max_time: Duration,
}

impl Shrinker<'_> {
    fn order_of(&self, v: &[u32]) -> Simplicity {
        let mut s = Simplicity { nonzero: 0, distance: 0 };
        for (k, (slot, &x)) in self.slots.iter().zip(v).enumerate() {
            match self.wide_of[k] {
                None => {
                    s.nonzero += (x != 0) as u32;
                    s.distance += slot.distance(x) as u128;
                }
                Some(w) if self.wide[w].first == k => {
                    s.nonzero += (x | v[k + 1] != 0) as u32;
                    s.distance += self.wide[w].distance(x, v[k + 1]);
                }
                Some(_) => {}
            }
        }
        s
    }

    /// The order of the current vector with the slots `changes` set to new values, computed incrementally.
    fn order_with(&self, changes: impl IntoIterator<Item = (usize, u32)>) -> Simplicity {
        let (mut nonzero, mut distance) = (self.order.nonzero as i64, self.order.distance as i128);
        // The new words of the 64-bit values changed, by value: measured once both words are known.
        let mut wide: Vec<(usize, [u32; 2])> = Vec::new();
        for (s, x) in changes {
            let old = self.current[s];
            match self.wide_of[s] {
                None => {
                    nonzero += (x != 0) as i64 - (old != 0) as i64;
                    distance += self.slots[s].distance(x) as i128 - self.slots[s].distance(old) as i128;
                }
                Some(w) => {
                    let first = self.wide[w].first;
                    let at = match wide.iter().position(|(v, _)| *v == w) {
                        Some(at) => at,
                        None => {
                            wide.push((w, [self.current[first], self.current[first + 1]]));
                            wide.len() - 1
                        }
                    };
                    wide[at].1[s - first] = x;
                }
            }
        }
        for (w, [lo, hi]) in wide {
            let p = self.wide[w];
            let (old_lo, old_hi) = (self.current[p.first], self.current[p.first + 1]);
            nonzero += (lo | hi != 0) as i64 - (old_lo | old_hi != 0) as i64;
            distance += p.distance(lo, hi) as i128 - p.distance(old_lo, old_hi) as i128;
        }
        Simplicity { nonzero: nonzero as u32, distance: distance as u128 }
    }

    /// Whether every 64-bit value `changes` touches stays in its range (a word set on its own can leave it).
    fn wide_in_range(&self, changes: &[(usize, u32)]) -> bool {
        let whole = |p: &WidePair| {
            let all = if p.signed { (p.lo, p.hi) == (i64::MIN as i128, i64::MAX as i128) } else { (p.lo, p.hi) == (0, u64::MAX as i128) };
            all && self.slots[p.first].domain.wide_members().is_none()
        };
        if self.wide.iter().all(whole) {
            return true;
        }
        changes.iter().all(|&(s, _)| {
            let Some(w) = self.wide_of[s] else { return true };
            let p = self.wide[w];
            let word = |k: usize| changes.iter().rev().find(|(t, _)| *t == k).map_or(self.current[k], |(_, x)| *x);
            let (lo, hi) = (word(p.first), word(p.first + 1));
            (p.lo..=p.hi).contains(&p.value(lo, hi))
                && self.slots[p.first].domain.wide_contains(u64::from(lo) | u64::from(hi) << 32).unwrap_or(true)
        })
    }

    fn slot_changes(&self, c: Change) -> Vec<(usize, u32)> {
        match c {
            Change::Group(g) => self.groups[g].iter().map(|&s| (s, self.slots[s].simplest)).collect(),
            Change::Single(s, x) => vec![(s, x)],
            Change::Pair(a, b) => vec![(a, self.slots[a].simplest), (b, self.slots[b].simplest)],
            Change::Wide(s, lo, hi) => vec![(s, lo), (s + 1, hi)],
        }
    }

    fn apply(&self, c: Change) -> Vec<u32> {
        let mut v = self.current.clone();
        for (s, x) in self.slot_changes(c) {
            v[s] = x;
        }
        v
    }

    /// Outcome codes of `vectors`, or `None` when the time bound hit first (checked before every call of `eval`).
    fn evaluate_vectors(&mut self, vectors: &[Vec<u32>]) -> Option<Vec<u32>> {
        if self.start.elapsed() >= self.max_time {
            return None;
        }
        let codes = (self.eval)(vectors);
        assert_eq!(codes.len(), vectors.len(), "shrink eval returned the wrong number of outcomes");
        self.evaluations += vectors.len() as u64;
        Some(codes)
    }

    /// Outcome codes of the candidates, [`BATCH`] at a time, or `None` when the time bound hit before all were
    /// evaluated.
    fn evaluate(&mut self, changes: &[(Change, Simplicity)]) -> Option<Vec<u32>> {
        let mut out = Vec::with_capacity(changes.len());
        for chunk in changes.chunks(BATCH) {
            let vectors: Vec<Vec<u32>> = chunk.iter().map(|&(c, _)| self.apply(c)).collect();
            out.extend(self.evaluate_vectors(&vectors)?);
        }
        Some(out)
    }

    /// Evaluates a batch of candidates (each strictly simpler than the current vector) and moves to the simplest
    /// one that still has the target outcome; with `combine`, also tries every slot's best single change at once.
    /// `Err(())` when the time bound hit; `Ok(false)` when nothing qualified.
    fn step(&mut self, changes: Vec<(Change, Simplicity)>, combine: bool) -> Result<bool, ()> {
        let codes = self.evaluate(&changes).ok_or(())?;
        let mut best: Option<(Simplicity, Change)> = None;
        // The best single change of each slot (a 64-bit value's, at its low word: both words).
        let mut per_slot: Vec<Option<(Simplicity, Change)>> = vec![None; self.slots.len()];
        for (&(c, o), &code) in changes.iter().zip(&codes) {
            if code != self.target {
                continue;
            }
            if best.is_none_or(|(b, _)| o < b) {
                best = Some((o, c));
            }
            if let Change::Single(s, _) | Change::Wide(s, ..) = c
                && per_slot[s].is_none_or(|(b, _)| o < b)
            {
                per_slot[s] = Some((o, c));
            }
        }
        let Some((mut order, c)) = best else { return Ok(false) };
        let mut next = self.apply(c);
        let improved: Vec<(usize, u32)> = per_slot.iter().flatten().flat_map(|&(_, c)| self.slot_changes(c)).collect();
        let singles = per_slot.iter().flatten().count();
        if combine && singles >= 2 && self.wide_in_range(&improved) {
            let o = self.order_with(improved.iter().copied());
            if o < order {
                let mut combined = self.current.clone();
                for &(s, x) in &improved {
                    combined[s] = x;
                }
                // On a time-out here, the improvement already verified is kept (and the next round stops).
                if let Some(codes) = self.evaluate_vectors(std::slice::from_ref(&combined))
                    && codes[0] == self.target
                {
                    next = combined;
                    order = o;
                }
            }
        }
        self.current = next;
        self.order = order;
        Ok(true)
    }

    /// Bulk and single-slot candidates of the current vector.
    fn round_candidates(&self) -> Vec<(Change, Simplicity)> {
        let mut out = Vec::new();
        let mut seen_groups: HashSet<Vec<usize>> = HashSet::new();
        for (g, group) in self.groups.iter().enumerate() {
            let busy: Vec<usize> = group.iter().copied().filter(|&s| self.current[s] != self.slots[s].simplest).collect();
            // A group changing one slot only is a single-slot candidate; equal effective groups once.
            if busy.len() < 2 || !seen_groups.insert(busy) {
                continue;
            }
            let changes = self.slot_changes(Change::Group(g));
            if !self.wide_in_range(&changes) {
                continue;
            }
            let o = self.order_with(changes);
            if o < self.order {
                out.push((Change::Group(g), o));
            }
        }
        for (s, slot) in self.slots.iter().enumerate() {
            if self.wide_of[s].is_some() {
                continue;
            }
            for x in slot.candidates(self.current[s]) {
                let o = self.order_with([(s, x)]);
                if o < self.order {
                    out.push((Change::Single(s, x), o));
                }
            }
        }
        for p in &self.wide {
            let (lo, hi) = (self.current[p.first], self.current[p.first + 1]);
            // A set's candidates are its members; a range's, values toward its simplest.
            let candidates = match self.slots[p.first].domain.wide_members() {
                Some((values, _)) => values.iter().map(|&v| (v as u32, (v >> 32) as u32)).collect(),
                None => p.candidates(lo, hi),
            };
            let mut c: Vec<(Simplicity, (u32, u32))> = candidates
                .into_iter()
                .map(|(l, h)| (self.order_with([(p.first, l), (p.first + 1, h)]), (l, h)))
                .filter(|&(o, _)| o < self.order)
                .collect();
            c.sort_unstable();
            c.dedup();
            out.extend(c.into_iter().map(|(o, (l, h))| (Change::Wide(p.first, l, h), o)));
        }
        out
    }

    /// Pairs of non-simplest slots, both set to their simplest values (none for more than [`PAIR_SLOTS`] slots).
    fn pair_candidates(&self) -> Vec<(Change, Simplicity)> {
        let busy: Vec<usize> = (0..self.slots.len()).filter(|&s| self.current[s] != self.slots[s].simplest).collect();
        let mut out = Vec::new();
        if busy.len() > PAIR_SLOTS {
            return out;
        }
        for (i, &a) in busy.iter().enumerate() {
            for &b in &busy[i + 1..] {
                let changes = self.slot_changes(Change::Pair(a, b));
                if !self.wide_in_range(&changes) {
                    continue;
                }
                let o = self.order_with(changes);
                if o < self.order {
                    out.push((Change::Pair(a, b), o));
                }
            }
        }
        out
    }
}

/// Shrinks `original`, a vector on which property `property` of `program` has outcome code `target` (a failure:
/// an assert or a bounds site), to a simplest vector with the same outcome. `eval` returns the outcome code of that
/// property for each candidate vector it is given (a batch). Deterministic; see the module docs.
///
/// `property` identifies the property for the caller's `eval`; the shrinker itself only needs `program.slots`.
/// The result always has outcome `target` provided the original does (the original is not re-evaluated).
pub fn shrink(
    program: &Program,
    property: usize,
    original: &[u32],
    target: u32,
    eval: &mut dyn FnMut(&[Vec<u32>]) -> Vec<u32>,
    limits: &ShrinkLimits,
) -> Shrunk {
    debug_assert!(property < program.properties.len().max(1));
    assert_eq!(original.len(), program.slots.len(), "vector length does not match the program's slots");
    let wide = WidePair::of_program(program);
    let mut wide_of = vec![None; program.slots.len()];
    for (w, p) in wide.iter().enumerate() {
        wide_of[p.first] = Some(w);
        wide_of[p.first + 1] = Some(w);
    }
    let mut sh = Shrinker {
        slots: program.slots.iter().map(Slot::new).collect(),
        wide_of,
        wide,
        groups: bulk_groups(program),
        target,
        current: original.to_vec(),
        order: Simplicity { nonzero: 0, distance: 0 },
        eval,
        evaluations: 0,
        start: Instant::now(),
        max_time: limits.max_time,
    };
    sh.order = sh.order_of(original);
    let mut steps = 0u32;
    let hit_limit = loop {
        if steps >= limits.max_steps {
            break true;
        }
        let progressed = match sh.step(sh.round_candidates(), true) {
            Ok(true) => Ok(true),
            // Nothing simpler with one change: some failures need two at once.
            Ok(false) => sh.step(sh.pair_candidates(), false),
            Err(()) => Err(()),
        };
        match progressed {
            Ok(true) => steps += 1,
            Ok(false) => break false,
            Err(()) => break true,
        }
    };
    Shrunk { values: sh.current, steps, evaluations: sh.evaluations, hit_limit }
}

/// Groups of slots the bulk candidates set to their simplest values: all slots, each input (when there is more
/// than one slot in all), and the halves, quarters, ... of every array input down to chunks of two.
fn bulk_groups(program: &Program) -> Vec<Vec<usize>> {
    let n = program.slots.len();
    let mut groups = vec![(0..n).collect::<Vec<_>>()];
    for (i, input) in program.inputs.iter().enumerate() {
        let first = input.first_slot as usize;
        let end = program.inputs.get(i + 1).map_or(n, |next| next.first_slot as usize);
        let len = end - first;
        if len < n {
            groups.push((first..end).collect());
        }
        let mut chunk = len / 2;
        while chunk >= 2 {
            let mut start = first;
            while start < end {
                groups.push((start..(start + chunk).min(end)).collect());
                start += chunk;
            }
            chunk /= 2;
        }
    }
    groups.retain(|g| !g.is_empty());
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f32_order_examples() {
        let d = |x: f32| f32_distance(x.to_bits());
        assert_eq!(d(0.0), 0);
        assert!(d(0.0) < d(-0.0));
        assert!(d(-0.0) < d(1.0) && d(1.0) < d(-1.0) && d(-1.0) < d(2.0));
        assert!(d(16_777_216.0) < d(0.5));
        assert!(d(0.5) < d(1.5) && d(0.5) < d(0.25) && d(1.5) < d(0.1));
        assert!(d(0.1) < d(f32::INFINITY) && d(f32::INFINITY) < d(f32::NEG_INFINITY));
        assert!(d(f32::NEG_INFINITY) < d(f32::NAN));
        assert!(f32_distance(0x7FC0_0000) < f32_distance(0x7F80_0001));
        assert!(d(f32::from_bits(1)) > d(0.5));
    }

    #[test]
    fn int_and_set_distances() {
        let d = Domain::I32Range { lo: -5, hi: 5 };
        let order: Vec<u64> = [0, 1, -1, 2, -2].iter().map(|&v: &i32| slot_distance(&d, v as u32)).collect();
        assert_eq!(order, vec![0, 1, 2, 3, 4]);
        let d = Domain::I32Range { lo: 3, hi: 9 };
        assert!(slot_distance(&d, 3) < slot_distance(&d, 4));
        let d = Domain::I32Range { lo: -9, hi: -3 };
        assert!(slot_distance(&d, -3i32 as u32) < slot_distance(&d, -4i32 as u32));
        let s = Domain::set(ScalarKind::I32, [-7i32, -1, 4].map(|v| v as u32));
        assert_eq!(slot_distance(&s, -1i32 as u32), 0);
        assert_eq!(slot_distance(&s, 4), 1);
        assert_eq!(slot_distance(&s, -7i32 as u32), 2);
    }

    #[test]
    fn candidates_are_simpler_members() {
        for d in [
            Domain::U32Range { lo: 7, hi: 1_000_000 },
            Domain::I32Range { lo: -500, hi: 499 },
            Domain::F32Range { lo: -3.5, hi: 100.0, hi_inclusive: false },
            Domain::F32Range { lo: 100.25, hi: 200.0, hi_inclusive: true },
            Domain::F32Any,
        ] {
            let slot = Slot::new(&d);
            for v in [7u32, 12345, (-321i32) as u32, 57.3f32.to_bits(), 150.7f32.to_bits(), 0x7FC0_1234, 0xFF80_0000] {
                for c in slot.candidates(v) {
                    assert!(d.contains(c), "{c:#x} not in {d:?}");
                    assert!(slot.distance(c) < slot.distance(v));
                }
            }
        }
    }
}

//! Edge phase: per-domain boundary values and their deterministic, bounded combination across slots ([`EdgePlan`]).

use super::domain::{Domain, ScalarKind, f32_from_key, f32_key, f32_range_keys, f64_from_key, f64_key, lemire};
use super::philox::philox4x32_10;

/// Philox stream number of the edge phase's sampled combinations (the random phase uses stream 0).
pub const EDGE_STREAM: u32 = 1;

/// Sets with at most this many values contribute all of them as edge values.
pub const SET_EDGE_ALL_MAX: usize = 16;

/// Special f32 bit patterns of [`Domain::F32Any`], listed in the order they are documented.
pub const F32_SPECIALS: [u32; 17] = [
    0x0000_0000, // +0.0
    0x8000_0000, // -0.0
    0x0000_0001, // smallest positive subnormal
    0x8000_0001, // smallest negative subnormal
    0x007F_FFFF, // largest positive subnormal
    0x807F_FFFF, // largest negative subnormal
    0x0080_0000, // smallest positive normal
    0x8080_0000, // smallest negative normal
    0x3F80_0000, // 1.0
    0xBF80_0000, // -1.0
    0x7F7F_FFFF, // largest finite
    0xFF7F_FFFF, // most negative finite
    0x7F80_0000, // +inf
    0xFF80_0000, // -inf
    0x7FC0_0000, // quiet NaN
    0x3F7F_FFFF, // largest value below 1.0
    0x3F80_0001, // smallest value above 1.0
];

/// Special f64 bit patterns of an `f64` input ([`Domain::F64Lo`]), the counterparts of [`F32_SPECIALS`].
pub const F64_SPECIALS: [u64; 17] = [
    0x0000_0000_0000_0000, // +0.0
    0x8000_0000_0000_0000, // -0.0
    0x0000_0000_0000_0001, // smallest positive subnormal
    0x8000_0000_0000_0001, // smallest negative subnormal
    0x000F_FFFF_FFFF_FFFF, // largest positive subnormal
    0x800F_FFFF_FFFF_FFFF, // largest negative subnormal
    0x0010_0000_0000_0000, // smallest positive normal
    0x8010_0000_0000_0000, // smallest negative normal
    0x3FF0_0000_0000_0000, // 1.0
    0xBFF0_0000_0000_0000, // -1.0
    0x7FEF_FFFF_FFFF_FFFF, // largest finite
    0xFFEF_FFFF_FFFF_FFFF, // most negative finite
    0x7FF0_0000_0000_0000, // +inf
    0xFFF0_0000_0000_0000, // -inf
    0x7FF8_0000_0000_0000, // quiet NaN
    0x3FEF_FFFF_FFFF_FFFF, // largest value below 1.0
    0x3FF0_0000_0000_0001, // smallest value above 1.0
];

/// The edge values of an `f64` key range `lo..=hi` (ascending by value): its ends and their neighbours and the
/// [`F64_SPECIALS`] among its members.
pub fn f64_edges(lo: u64, hi: u64) -> Vec<u64> {
    if lo == 0 && hi == u64::MAX {
        // Every pattern (no domain): the specials, as `f32` inputs without a domain have.
        let mut keys: Vec<u64> = F64_SPECIALS.iter().map(|&s| f64_key(s)).collect();
        keys.sort_unstable();
        return keys.into_iter().map(f64_from_key).collect();
    }
    let mut keys = vec![lo, lo.saturating_add(1).min(hi), hi.saturating_sub(1).max(lo), hi];
    keys.extend(F64_SPECIALS.iter().map(|&s| f64_key(s)).filter(|k| (lo..=hi).contains(k)));
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter().map(f64_from_key).collect()
}

/// The edge values of `d`: deterministic, deduplicated, all in the domain, in ascending value order (sets: in stored
/// order). See `docs/generation.md` for the exact list per domain kind.
pub fn edge_values(d: &Domain) -> Vec<u32> {
    match d {
        Domain::Bool => vec![0, 1],
        Domain::U32Range { lo, hi } => {
            let (lo, hi) = (*lo, *hi);
            let mut v = vec![lo, lo.saturating_add(1).min(hi), hi.saturating_sub(1).max(lo), hi];
            v.extend([0, 1, 0x7FFF_FFFF, 0x8000_0000, u32::MAX].into_iter().filter(|x| (lo..=hi).contains(x)));
            v.sort_unstable();
            v.dedup();
            v
        }
        Domain::I32Range { lo, hi } => {
            let (lo, hi) = (*lo, *hi);
            let mut v = vec![lo, lo.saturating_add(1).min(hi), hi.saturating_sub(1).max(lo), hi];
            v.extend([0, 1, -1, i32::MIN, i32::MAX].into_iter().filter(|x| (lo..=hi).contains(x)));
            v.sort_unstable();
            v.dedup();
            v.into_iter().map(|x| x as u32).collect()
        }
        Domain::F32Any => sorted_by_key(F32_SPECIALS.to_vec()),
        Domain::F32Range { lo, hi, hi_inclusive } => {
            let (a, b) = f32_range_keys(*lo, *hi, *hi_inclusive);
            let mut keys = vec![a, a.saturating_add(1).min(b), b.saturating_sub(1).max(a), b];
            keys.extend(F32_SPECIALS.iter().map(|&s| f32_key(s)).filter(|k| (a..=b).contains(k)));
            keys.sort_unstable();
            keys.dedup();
            keys.into_iter().map(f32_from_key).collect()
        }
        Domain::Set { kind, values } => set_edges(*kind, values),
        // The low (high) words of the range's edge values, in the same order for both words: the high word's slot
        // picks the same entry as its low word's ([`EdgePlan`]).
        Domain::WideLo { lo, hi, signed } => wide_edges(*lo, *hi, *signed).into_iter().map(|v| v as u32).collect(),
        Domain::WideHi { lo, hi, signed } => wide_edges(*lo, *hi, *signed).into_iter().map(|v| (v >> 32) as u32).collect(),
        // The members picked (all of a set of at most 16), low (high) words in the same order for both slots.
        Domain::WideSetLo { values, signed } => wide_set_edges(values, *signed).into_iter().map(|v| v as u32).collect(),
        Domain::WideSetHi { values, signed } => wide_set_edges(values, *signed).into_iter().map(|v| (v >> 32) as u32).collect(),
        // Like a 64-bit range: both words of the same entries, in the same order.
        Domain::F64Lo { lo, hi } => f64_edges(*lo, *hi).into_iter().map(|v| v as u32).collect(),
        Domain::F64Hi { lo, hi } => f64_edges(*lo, *hi).into_iter().map(|v| (v >> 32) as u32).collect(),
        Domain::Unused => vec![0],
    }
}

/// The edge members of a 64-bit set (sorted by value): all of them up to [`SET_EDGE_ALL_MAX`], else that many
/// evenly spaced (first and last included) and the members among 0, 1, -1, 2^32 and the type's limits.
fn wide_set_edges(values: &[u64], signed: bool) -> Vec<u64> {
    let n = values.len();
    if n <= SET_EDGE_ALL_MAX {
        return values.to_vec();
    }
    let mut picks: Vec<usize> = (0..SET_EDGE_ALL_MAX).map(|i| i * (n - 1) / (SET_EDGE_ALL_MAX - 1)).collect();
    let specials: [u64; 6] = if signed {
        [0, 1, u64::MAX, 1 << 32, 1 << 63, i64::MAX as u64]
    } else {
        [0, 1, u32::MAX as u64, 1 << 32, i64::MAX as u64, u64::MAX]
    };
    picks.extend(specials.iter().filter_map(|s| values.iter().position(|v| v == s)));
    picks.sort_unstable();
    picks.dedup();
    picks.into_iter().map(|i| values[i]).collect()
}

/// The edge values of the 64-bit range `lo..=hi`, ascending by value: its ends and their neighbours, and 0, 1, -1,
/// 2^32, and the type's limits where they are in range.
fn wide_edges(lo: u64, hi: u64, signed: bool) -> Vec<u64> {
    let key = |v: u64| if signed { v ^ (1 << 63) } else { v };
    let (a, b) = (key(lo), key(hi));
    let mut keys = vec![a, a.saturating_add(1).min(b), b.saturating_sub(1).max(a), b];
    let specials: [u64; 6] = if signed {
        [0, 1, u64::MAX, 1 << 32, 1 << 63, i64::MAX as u64]
    } else {
        [0, 1, u32::MAX as u64, 1 << 32, i64::MAX as u64, u64::MAX]
    };
    keys.extend(specials.into_iter().map(key).filter(|k| (a..=b).contains(k)));
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter().map(key).collect()
}

fn sorted_by_key(mut v: Vec<u32>) -> Vec<u32> {
    v.sort_unstable_by_key(|&b| f32_key(b));
    v.dedup();
    v
}

fn set_edges(kind: ScalarKind, values: &[u32]) -> Vec<u32> {
    let n = values.len();
    if n <= SET_EDGE_ALL_MAX {
        return values.to_vec();
    }
    // 16 evenly spaced positions (first and last included), plus members that are special values of the kind.
    let mut picks: Vec<usize> = (0..SET_EDGE_ALL_MAX).map(|i| i * (n - 1) / (SET_EDGE_ALL_MAX - 1)).collect();
    let specials: &[u32] = match kind {
        ScalarKind::Bool => &[],
        ScalarKind::U32 => &[0, 1, 0x7FFF_FFFF, 0x8000_0000, u32::MAX],
        ScalarKind::I32 => &[0, 1, u32::MAX, 0x8000_0000, 0x7FFF_FFFF],
        ScalarKind::F32 => &F32_SPECIALS,
    };
    for s in specials {
        if let Ok(i) = values.binary_search_by_key(&kind.order_key(*s), |&v| kind.order_key(v)) {
            picks.push(i);
        }
    }
    picks.sort_unstable();
    picks.dedup();
    picks.into_iter().map(|i| values[i]).collect()
}

/// How an [`EdgePlan`] combines the per-slot edge lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeMode {
    /// Every combination (the product of the list sizes is at most the limit), mixed radix, slot 0 least significant.
    FullProduct,
    /// `limit` vectors: the first `diagonal` take edge `index % len_s` in every slot `s` (so every edge value of every
    /// slot occurs), the rest pick each slot's edge with Philox (stream [`EDGE_STREAM`]).
    Sampled { diagonal: u64 },
}

/// The edge phase over several slots.
#[derive(Clone, Debug)]
pub struct EdgePlan {
    lists: Vec<Vec<u32>>,
    /// Slots that pick the same entry as the previous slot instead of their own (a 64-bit value's high word).
    follows: Vec<bool>,
    /// Slots the space never reads ([`Domain::Unused`]): 0, and no random word.
    unused: Vec<bool>,
    mode: EdgeMode,
    len: u64,
}

impl EdgePlan {
    /// Plans the edge phase of `domains` with at most `limit` vectors.
    pub fn new(domains: &[Domain], limit: u64) -> EdgePlan {
        let lists: Vec<Vec<u32>> = domains.iter().map(edge_values).collect();
        let follows: Vec<bool> =
            domains.iter().map(|d| matches!(d, Domain::WideHi { .. } | Domain::WideSetHi { .. } | Domain::F64Hi { .. })).collect();
        let unused: Vec<bool> = domains.iter().map(|d| matches!(d, Domain::Unused)).collect();
        let own = || lists.iter().zip(&follows).filter(|(_, f)| !**f).map(|(l, _)| l);
        let product = own().try_fold(1u64, |acc, l| acc.checked_mul(l.len() as u64));
        match product {
            Some(p) if p <= limit => EdgePlan { lists, follows, unused, mode: EdgeMode::FullProduct, len: p },
            _ => {
                let longest = own().map(|l| l.len() as u64).max().unwrap_or(0);
                EdgePlan { lists, follows, unused, mode: EdgeMode::Sampled { diagonal: longest.min(limit) }, len: limit }
            }
        }
    }

    /// Number of edge-phase vectors.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the phase has no vectors.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Full product or sampled.
    pub fn mode(&self) -> EdgeMode {
        self.mode
    }

    /// The edge values of each slot.
    pub fn lists(&self) -> &[Vec<u32>] {
        &self.lists
    }

    /// Slot values of edge vector `index` (`< len()`), one per slot.
    pub fn decode(&self, key: [u32; 2], index: u64, out: &mut [u32]) {
        assert_eq!(out.len(), self.lists.len());
        debug_assert!(index < self.len, "edge index {index} out of range");
        // The entry each slot picks; a follower takes its predecessor's.
        let mut pick = 0usize;
        match self.mode {
            EdgeMode::FullProduct => {
                let mut rest = index;
                for ((l, o), &f) in self.lists.iter().zip(out.iter_mut()).zip(&self.follows) {
                    if !f {
                        let n = l.len() as u64;
                        pick = (rest % n) as usize;
                        rest /= n;
                    }
                    *o = l[pick];
                }
            }
            EdgeMode::Sampled { diagonal } if index < diagonal => {
                for ((l, o), &f) in self.lists.iter().zip(out.iter_mut()).zip(&self.follows) {
                    if !f {
                        pick = (index % l.len() as u64) as usize;
                    }
                    *o = l[pick];
                }
            }
            EdgeMode::Sampled { .. } => {
                let mut words = [0u32; 4];
                // Words are numbered over the used slots only: an unused slot (another property's input)
                // takes none, so it does not move the others' picks.
                let mut s = 0usize;
                for (((l, o), &f), &unused) in self.lists.iter().zip(out.iter_mut()).zip(&self.follows).zip(&self.unused) {
                    if unused {
                        *o = 0;
                        continue;
                    }
                    if s.is_multiple_of(4) {
                        words = philox4x32_10([index as u32, (index >> 32) as u32, (s / 4) as u32, EDGE_STREAM], key);
                    }
                    if !f {
                        pick = lemire(words[s % 4], l.len() as u32) as usize;
                    }
                    *o = l[pick];
                    s += 1;
                }
            }
        }
    }

    /// `out[slot][i]` = slot value of edge vector `base + i`, `i in 0..n` (each `out[slot]` is resized to `n`).
    pub fn decode_batch(&self, key: [u32; 2], base: u64, n: usize, out: &mut [Vec<u32>]) {
        assert_eq!(out.len(), self.lists.len());
        for o in out.iter_mut() {
            o.resize(n, 0);
        }
        let mut one = vec![0u32; self.lists.len()];
        for i in 0..n {
            self.decode(key, base + i as u64, &mut one);
            for (o, v) in out.iter_mut().zip(&one) {
                o[i] = *v;
            }
        }
    }
}

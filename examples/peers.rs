//! Peers comparison (issue 3, section 5): vectors/second of vecrun's CPU backend, proptest and a hand-written loop.
//!
//! For each reference property of `datasets/specs/bench/` (`midpoint`, `poly`, `ledger`) this measures, in one
//! process (so on the same machine state), with the repetitions of the three engines interleaved:
//!
//! * **vecrun**: the CPU backend through the library API (`compile_spec` -> `ir::lower` -> `CpuBackend` ->
//!   `run::execute`), random phase only, `--threads` threads (default 2);
//! * **proptest**: the same property as a proptest test (`TestRunner`, one thread, `failure_persistence: None`,
//!   strategies `any::<u32>()`, `-4.0f32..4.0`, `1u32..=10_000`, `uniform16(any::<u32>())`), counting cases/second;
//! * **hand**: the practical ceiling: `std::thread::scope` with `--threads` threads taking chunks of the index
//!   space from an atomic counter; each block of lanes generates its words with vecrun's lane-wise Philox
//!   (`philox_block`, AVX2 when available) and decodes them with vecrun's `SlotDecoder::decode_lanes`, so the
//!   vectors are exactly vecrun's, then evaluates the property written directly in Rust, branch-free over lanes,
//!   fused with the generation (no intermediate buffers beyond one block).
//! * **hand AVX2** (issue 16's denominator): the same threads and chunks, but every step of 16 vectors stays in
//!   AVX2 registers: Philox4x32-10 with explicit `vpmuludq` pairs and the round keys precomputed, each slot
//!   decoded as `SlotDecoder` does it (integer ranges by multiply-high, float ranges by both the key and the
//!   grid path and a blend), the property on the registers (the ledger's state machine as lane masks, `% 1000`
//!   as a multiply-shift) and failures counted with `movemask` + `popcnt`. It is checked to generate exactly
//!   vecrun's vectors and to count the same failures.
//!
//! Then, for issue 16's further specs (`billing_failover.vspec`, `gallery/fixed_point_money.vspec`,
//! `gallery/binary_search_midpoint.vspec`, every property of each), a second table: vecrun's interpreter and
//! compiled engines against the hand loop (every property written in Rust over blocks of lanes, built for AVX2),
//! with the failure counts, added over the properties, checked equal.
//!
//! vecrun and hand evaluate the same vectors (random indices `0..N`, same seed and key); the failure counts must be
//! equal (the ledger property has a planted bug), which is checked. proptest's ledger property counts failures
//! instead of failing, so that the runner does not stop at the first failure to shrink it.
//!
//! The machine may be shared: every measurement also measures how much CPU other processes took meanwhile
//! (`/proc/stat` minus this process's own time) and is discarded and repeated when that exceeds `--max-others`
//! (default 5% of the machine); before each measurement it waits (up to `--wait` seconds) for the machine to be
//! quiet.
//!
//! Prints one Markdown table of medians, the ratios vecrun/hand, vecrun/hand AVX2 and vecrun/proptest and whether the
//! targets are met (vecrun >= 50% of hand on each, issue 3; >= 80% of hand AVX2, issue 16; >= 30x proptest on
//! midpoint and poly, >= 5x on ledger).
//!
//! `cargo run --release --example peers -- [--reps 5] [--seconds 1.0] [--threads 2] [--seed 0] [--vectors N]
//! [--cases N] [--only NAME] [--specs datasets/specs/bench] [--max-others 0.05] [--retries 30] [--wait 300]`

use std::cell::Cell;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use vecrun::cpu::{CpuBackend, CpuEngine};
use vecrun::r#gen::philox::philox_block;
use vecrun::r#gen::{RandomLayout, SlotDecoder, derive_key};
use vecrun::run::{Generator, Phase, PhasePlan};

/// Lanes per block of the hand-written loop.
const L: usize = 64;
/// Most random words per vector the hand-written loop supports (ledger needs 20: 5 Philox calls).
const MAX_WORDS: usize = 32;
/// Most slots the hand-written loop supports.
const MAX_SLOTS: usize = 32;
/// Vectors per chunk handed to a thread of the hand-written loop.
const HAND_CHUNK: u64 = 1 << 16;

// ---------------------------------------------------------------------------------------------------------------
// The three properties, written directly in Rust: per lane (for proptest) and over blocks of lanes (hand).

#[inline(always)]
fn midpoint_ok(a: u32, b: u32) -> bool {
    let m = a / 2 + b / 2 + (a & b & 1);
    (m >= a.min(b)) & (m <= a.max(b))
}

#[inline(always)]
fn poly_ok(x: f32) -> bool {
    // Exactly the spec's expressions, in the same order (no reassociation: Rust does not use fast-math).
    let x2 = x * x;
    let x3 = x2 * x;
    let x4 = x3 * x;
    let naive = 1.0 + x + x2 / 2.0 + x3 / 6.0 + x4 / 24.0;
    let horner = 1.0 + x * (1.0 + x * (0.5 + x * (1.0f32 / 6.0 + x * (1.0f32 / 24.0))));
    (naive - horner).abs() <= 1e-4 * (1.0 + naive.abs())
}

/// `no_double_charge`, scalar form (for proptest).
fn ledger_ok(amount: u32, ops: &[u32; 16]) -> bool {
    let mut charged: u32 = 0;
    let mut pending = false;
    let mut region_up = true;
    let mut allowed: u32 = 0;
    let mut charges: u32 = 0;
    for &op in ops {
        let kind = op % 1000;
        if kind < 500 {
            if region_up {
                charged = charged.wrapping_add(amount);
                charges += 1;
                allowed += 1;
                pending = true;
            }
        } else if kind < 990 {
            pending = false;
        } else if kind < 999 {
            region_up = !region_up;
        } else if pending && !region_up {
            charged = charged.wrapping_add(amount);
            charges += 1;
        }
    }
    std::hint::black_box(charged);
    charges <= allowed
}

/// A property over a block of `L` lanes of decoded slots (`slots[s][i]`); returns the number of failing lanes
/// among the first `m`.
/// `ix` holds the first slot of each input the property names (`HandLayout::ix`), for the properties of the
/// further specs; the bench properties read fixed slots.
trait BlockProp {
    fn fails(slots: &[[u32; L]], ix: &[usize], m: usize) -> u32;
}

struct Midpoint;
impl BlockProp for Midpoint {
    #[inline(always)]
    fn fails(s: &[[u32; L]], _: &[usize], m: usize) -> u32 {
        let (a, b) = (&s[0], &s[1]);
        let mut f = 0u32;
        for i in 0..L {
            f += (!midpoint_ok(a[i], b[i]) & (i < m)) as u32;
        }
        f
    }
}

struct Poly;
impl BlockProp for Poly {
    #[inline(always)]
    fn fails(s: &[[u32; L]], _: &[usize], m: usize) -> u32 {
        let x = &s[0];
        let mut f = 0u32;
        for (i, &xi) in x.iter().enumerate() {
            f += (!poly_ok(f32::from_bits(xi)) & (i < m)) as u32;
        }
        f
    }
}

struct Ledger;
impl BlockProp for Ledger {
    #[inline(always)]
    fn fails(s: &[[u32; L]], _: &[usize], m: usize) -> u32 {
        ledger_fails(s, 1, m)
    }
}

/// The ledger's failing lanes among the first `m`, its 16 ops in slots `first_op ..`. Branch-free over lanes:
/// every lane's state machine advances with selects, one op column at a time. `charged` is dead (the assert
/// does not read it), so it is not computed, as any compiler would do.
#[inline(always)]
fn ledger_fails(s: &[[u32; L]], first_op: usize, m: usize) -> u32 {
    let mut pending = [false; L];
    let mut up = [true; L];
    let mut allowed = [0u32; L];
    let mut charges = [0u32; L];
    for k in 0..16 {
        let ops = &s[first_op + k];
        for i in 0..L {
            let kind = ops[i] % 1000;
            let c1 = kind < 500;
            let c2 = !c1 & (kind < 990);
            let c3 = !c1 & !c2 & (kind < 999);
            let c4 = !c1 & !c2 & !c3 & pending[i] & !up[i];
            let charge = c1 & up[i];
            charges[i] += (charge | c4) as u32;
            allowed[i] += charge as u32;
            pending[i] = (pending[i] | charge) & !c2;
            up[i] ^= c3;
        }
    }
    let mut f = 0u32;
    for i in 0..L {
        f += ((charges[i] > allowed[i]) & (i < m)) as u32;
    }
    f
}

// ---------------------------------------------------------------------------------------------------------------
// Issue 16's further specs: `billing_failover.vspec` and two gallery specs, each property written directly in
// Rust over blocks of lanes; a vector counts once for each property it fails (vecrun's per-property counts, added).

/// `bench/poly64.vspec`: `poly` in native `f64` (the two slots of `x` joined).
struct Poly64;
impl Poly64 {
    const INPUTS: &[&str] = &["x"];
}
impl BlockProp for Poly64 {
    #[inline(always)]
    fn fails(s: &[[u32; L]], ix: &[usize], m: usize) -> u32 {
        let (lo, hi) = (&s[ix[0]], &s[ix[0] + 1]);
        let mut f = 0u32;
        for i in 0..L {
            let x = f64::from_bits(u64::from(lo[i]) | u64::from(hi[i]) << 32);
            let x2 = x * x;
            let x3 = x2 * x;
            let x4 = x3 * x;
            let naive = 1.0 + x + x2 / 2.0 + x3 / 6.0 + x4 / 24.0;
            let horner = 1.0 + x * (1.0 + x * (0.5 + x * (1.0 / 6.0 + x * (1.0 / 24.0))));
            // The spec's `assert a <= b` fails when `a <= b` is false (NaN included).
            let holds = (naive - horner).abs() <= 1e-12 * (1.0 + naive.abs());
            f += (!holds & (i < m)) as u32;
        }
        f
    }
}

/// `billing_failover.vspec`: `fee_is_bounded`, `no_double_charge` (the ledger), `cents_round_trip`.
struct Billing;
impl Billing {
    const INPUTS: &[&str] = &["amount", "ops"];
}
impl BlockProp for Billing {
    #[inline(always)]
    fn fails(s: &[[u32; L]], ix: &[usize], m: usize) -> u32 {
        let amount = &s[ix[0]];
        let mut f = 0u32;
        for (i, &a) in amount.iter().enumerate() {
            // `assume amount > 0` holds on the whole domain 1..=10_000.
            let fee_exceeds = a.wrapping_mul(250) / 10_000 > a;
            let cents_lost = a.wrapping_mul(100) / 100 != a;
            f += (fee_exceeds as u32 + cents_lost as u32) * (i < m) as u32;
        }
        f + ledger_fails(s, ix[1], m)
    }
}

/// `gallery/fixed_point_money.vspec`: three micros-to-cents roundings and the cents round trip.
struct FixedPointMoney;
impl FixedPointMoney {
    const INPUTS: &[&str] = &["micros", "cents"];
}
#[inline(always)]
fn is_nearest(m: u32, c: u32) -> bool {
    let (q, r) = (m / 10_000, m % 10_000);
    (c == q && r <= 5_000) | (c == q.wrapping_add(1) && r >= 5_000)
}
#[inline(always)]
fn cents_half_even(m: u32) -> u32 {
    let (q, r) = (m / 10_000, m % 10_000);
    q.wrapping_add(((r > 5_000) | ((r == 5_000) & (q % 2 == 1))) as u32)
}
impl BlockProp for FixedPointMoney {
    #[inline(always)]
    fn fails(s: &[[u32; L]], ix: &[usize], m: usize) -> u32 {
        let (micros, cents) = (&s[ix[0]], &s[ix[1]]);
        let mut f = 0u32;
        for i in 0..L {
            let (mi, c) = (micros[i], cents[i]);
            let truncation = !is_nearest(mi, mi / 10_000);
            let half_up = !is_nearest(mi, mi.wrapping_add(5_000) / 10_000);
            let e = cents_half_even(mi);
            let half_even = !is_nearest(mi, e) | ((mi % 10_000 == 5_000) & !e.is_multiple_of(2));
            let cm = c.wrapping_mul(10_000);
            let round_trip = (cents_half_even(cm) != c) | (cm / 10_000 != c);
            f += (truncation as u32 + half_up as u32 + half_even as u32 + round_trip as u32) * (i < m) as u32;
        }
        f
    }
}

/// `gallery/binary_search_midpoint.vspec`: the 33-step lower-bound search with the overflowing and the fixed
/// midpoint, and the one-step lemma. A lane's first failing assert fails it; the loop runs on for every lane
/// (what a failed lane computes afterwards is not counted).
struct BinarySearch;
impl BinarySearch {
    const INPUTS: &[&str] = &["n", "key", "lo", "hi"];
}
impl BlockProp for BinarySearch {
    #[inline(always)]
    fn fails(s: &[[u32; L]], ix: &[usize], m: usize) -> u32 {
        let (n, key, lo, hi) = (&s[ix[0]], &s[ix[1]], &s[ix[2]], &s[ix[3]]);
        let mut f = 0u32;
        for fixed in [false, true] {
            let mut low = [0u32; L];
            let mut high = *n;
            let mut bad = [false; L];
            for _ in 0..33 {
                for i in 0..L {
                    let active = low[i] < high[i];
                    let mid = if fixed { low[i].wrapping_add(high[i].wrapping_sub(low[i]) / 2) } else { low[i].wrapping_add(high[i]) / 2 };
                    bad[i] |= active & !((low[i] <= mid) & (mid < high[i]));
                    let up = mid < key[i];
                    low[i] = if active & up { mid.wrapping_add(1) } else { low[i] };
                    high[i] = if active & !up { mid } else { high[i] };
                }
            }
            for i in 0..L {
                let wrong = (low[i] != key[i].min(n[i])) | (fixed & (low[i] != high[i]));
                f += ((bad[i] | wrong) & (i < m)) as u32;
            }
        }
        for i in 0..L {
            // `assume lo <= hi`: a discarded vector is not a failure.
            let mid = lo[i].wrapping_add(hi[i].wrapping_sub(lo[i]) / 2);
            f += ((lo[i] <= hi[i]) & !((lo[i] <= mid) & (mid <= hi[i])) & (i < m)) as u32;
        }
        f
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The hand-written multi-threaded loop.

/// What one block needs from the spec's random layout.
struct HandLayout {
    key: [u32; 2],
    decoders: Vec<SlotDecoder>,
    offsets: Vec<usize>,
    calls: u32,
    /// The first slot of each input a further spec's property reads ([`BlockProp::fails`]).
    ix: Vec<usize>,
}

impl HandLayout {
    fn new(layout: &RandomLayout, key: [u32; 2]) -> HandLayout {
        assert!(layout.slots() <= MAX_SLOTS && layout.calls() as usize * 4 <= MAX_WORDS);
        HandLayout {
            key,
            decoders: layout.decoders().to_vec(),
            offsets: layout.offsets().iter().map(|&o| o as usize).collect(),
            calls: layout.calls(),
            ix: Vec::new(),
        }
    }

    /// The first slots of the inputs `names` of `program`, for [`BlockProp::fails`].
    fn with_inputs(mut self, program: &vecrun::ir::Program, names: &[&str]) -> HandLayout {
        self.ix = names
            .iter()
            .map(|n| program.inputs.iter().find(|i| i.name == *n).unwrap_or_else(|| panic!("no input `{n}`")).first_slot as usize)
            .collect();
        self
    }

    /// Slot values of vectors `base..base + L` into `slots`.
    #[inline(always)]
    fn block(&self, base: u64, words: &mut [[u32; L]; MAX_WORDS], slots: &mut [[u32; L]; MAX_SLOTS]) {
        for c in 0..self.calls as usize {
            let w = philox_block::<L>(self.key, base, c as u32, 0);
            words[4 * c..4 * c + 4].copy_from_slice(&w);
        }
        for (s, d) in self.decoders.iter().enumerate() {
            let o = self.offsets[s];
            let w1 = if o + 1 < MAX_WORDS { &words[o + 1] } else { &words[o] };
            d.decode_lanes(&words[o], w1, &mut slots[s]);
        }
    }
}

#[inline(always)]
fn hand_range_generic<P: BlockProp>(h: &HandLayout, start: u64, end: u64) -> u64 {
    let mut words = [[0u32; L]; MAX_WORDS];
    let mut slots = [[0u32; L]; MAX_SLOTS];
    let mut fails = 0u64;
    let mut base = start;
    while base < end {
        let m = (end - base).min(L as u64) as usize;
        h.block(base, &mut words, &mut slots);
        fails += P::fails(&slots, &h.ix, m) as u64;
        base += L as u64;
    }
    fails
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn hand_range_avx2<P: BlockProp>(h: &HandLayout, start: u64, end: u64) -> u64 {
    hand_range_generic::<P>(h, start, end)
}

fn hand_range<P: BlockProp>(h: &HandLayout, start: u64, end: u64) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above), the only requirement of the callee.
            #[allow(unsafe_code)]
            return unsafe { hand_range_avx2::<P>(h, start, end) };
        }
    }
    hand_range_generic::<P>(h, start, end)
}

/// Evaluates random vectors `0..n` on `threads` threads; returns the failure count.
fn hand_run<P: BlockProp>(h: &HandLayout, n: u64, threads: usize) -> u64 {
    let next = AtomicU64::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut fails = 0u64;
                    loop {
                        let start = next.fetch_add(HAND_CHUNK, Ordering::Relaxed);
                        if start >= n {
                            break fails;
                        }
                        fails += hand_range::<P>(h, start, (start + HAND_CHUNK).min(n));
                    }
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("hand worker panicked")).sum()
    })
}

// ---------------------------------------------------------------------------------------------------------------
// The stronger hand-written loop (issue 16): Philox4x32-10, decoding and the property in AVX2 registers.

/// The AVX2 hand loop: eight lanes a vector, [`avx2::V`] vectors in flight; Philox's ten rounds with explicit
/// `vpmuludq` pairs and round keys folded per call, each slot decoded in registers as `SlotDecoder` does it, the
/// property evaluated on the decoded registers and its failures counted with `movemask` + `popcnt`. Nothing goes
/// through memory but the (L1-resident) words of one step.
#[cfg(target_arch = "x86_64")]
#[allow(
    unsafe_code,
    reason = "one unaligned store in `slots_at` and the callers' AVX2 dispatch; every intrinsic is called from an AVX2 function"
)]
mod avx2 {
    use std::arch::x86_64::*;

    use vecrun::r#gen::SlotDecoder;
    use vecrun::r#gen::philox::{PHILOX_M0, PHILOX_M1, PHILOX_W0, PHILOX_W1};

    /// Vectors of eight lanes per step.
    pub const V: usize = 2;
    /// Lanes per step.
    pub const STEP: u64 = 8 * V as u64;

    type W = [__m256i; V];

    /// A slot decoder the AVX2 loop supports (the bench specs' domains).
    #[derive(Clone, Copy)]
    enum Dec {
        Bits,
        Int { lo: u32, n32: u32 },
        F32Range { key_lo: u32, key_n: u32, lo_idx: i32, count: u32, step: f32 },
    }

    /// What one step needs from the spec's random layout.
    pub struct Layout {
        round_keys: [[u32; 2]; 10],
        calls: usize,
        decoders: Vec<(Dec, usize)>,
    }

    impl Layout {
        pub fn new(layout: &vecrun::r#gen::RandomLayout, key: [u32; 2]) -> Layout {
            let mut round_keys = [[0u32; 2]; 10];
            for (r, k) in round_keys.iter_mut().enumerate() {
                *k = [key[0].wrapping_add(PHILOX_W0.wrapping_mul(r as u32)), key[1].wrapping_add(PHILOX_W1.wrapping_mul(r as u32))];
            }
            let decoders = layout
                .decoders()
                .iter()
                .zip(layout.offsets())
                .map(|(d, &o)| {
                    let dec = match d {
                        SlotDecoder::Bits => Dec::Bits,
                        SlotDecoder::Int { lo, n32 } => Dec::Int { lo: *lo, n32: *n32 },
                        SlotDecoder::F32Range { key_lo, key_n, grid } => {
                            Dec::F32Range { key_lo: *key_lo, key_n: *key_n, lo_idx: grid.lo_idx, count: grid.count, step: grid.step }
                        }
                        other => panic!("the AVX2 hand loop does not decode {other:?}"),
                    };
                    (dec, o as usize)
                })
                .collect();
            Layout { round_keys, calls: layout.calls() as usize, decoders }
        }
    }

    /// `(hi, lo)` of the eight 32x32-bit products `x * m`.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn mulhilo(x: __m256i, m: __m256i) -> (__m256i, __m256i) {
        let even = _mm256_mul_epu32(x, m);
        let odd = _mm256_mul_epu32(_mm256_srli_epi64::<32>(x), m);
        let hi = _mm256_blend_epi32::<0b1010_1010>(_mm256_srli_epi64::<32>(even), odd);
        let lo = _mm256_blend_epi32::<0b1010_1010>(even, _mm256_slli_epi64::<32>(odd));
        (hi, lo)
    }

    #[inline]
    #[target_feature(enable = "avx2")]
    fn mulhi(x: __m256i, m: __m256i) -> __m256i {
        mulhilo(x, m).0
    }

    /// The four output words of call `call` for lanes `base .. base + STEP` (`base` a multiple of `STEP`, so the
    /// low counter word never carries into the high one inside a step).
    #[inline]
    #[target_feature(enable = "avx2")]
    fn philox(rk: &[[u32; 2]; 10], base: u64, call: u32) -> [W; 4] {
        let lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
        let (m0, m1) = (_mm256_set1_epi32(PHILOX_M0 as i32), _mm256_set1_epi32(PHILOX_M1 as i32));
        let mut a: W = [_mm256_setzero_si256(); V];
        for (v, x) in a.iter_mut().enumerate() {
            *x = _mm256_add_epi32(_mm256_set1_epi32((base as u32).wrapping_add(8 * v as u32) as i32), lane);
        }
        let mut b: W = [_mm256_set1_epi32((base >> 32) as u32 as i32); V];
        let mut c: W = [_mm256_set1_epi32(call as i32); V];
        let mut d: W = [_mm256_setzero_si256(); V];
        for k in rk {
            let (k0, k1) = (_mm256_set1_epi32(k[0] as i32), _mm256_set1_epi32(k[1] as i32));
            for v in 0..V {
                let (hi0, lo0) = mulhilo(a[v], m0);
                let (hi1, lo1) = mulhilo(c[v], m1);
                a[v] = _mm256_xor_si256(_mm256_xor_si256(hi1, b[v]), k0);
                b[v] = lo1;
                c[v] = _mm256_xor_si256(_mm256_xor_si256(hi0, d[v]), k1);
                d[v] = lo0;
            }
        }
        [a, b, c, d]
    }

    /// Slot `s` of the step whose words are `words[w]`.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn decode(dec: Dec, w0: W, w1: W) -> W {
        let mut out = w0;
        for v in 0..V {
            out[v] = match dec {
                Dec::Bits => w0[v],
                Dec::Int { lo, n32: 0 } => _mm256_add_epi32(_mm256_set1_epi32(lo as i32), w0[v]),
                Dec::Int { lo, n32 } => _mm256_add_epi32(_mm256_set1_epi32(lo as i32), mulhi(w0[v], _mm256_set1_epi32(n32 as i32))),
                Dec::F32Range { key_lo, key_n, lo_idx, count, step } => {
                    // The key path: f32_from_key(key_lo + mulhi(w1, key_n)).
                    let key = _mm256_add_epi32(_mm256_set1_epi32(key_lo as i32), mulhi(w1[v], _mm256_set1_epi32(key_n as i32)));
                    let neg = _mm256_cmpgt_epi32(_mm256_setzero_si256(), key); // the key's top bit
                    let pos = _mm256_and_si256(key, _mm256_set1_epi32(0x7FFF_FFFF));
                    let by_key = _mm256_blendv_epi8(_mm256_xor_si256(key, _mm256_set1_epi32(-1)), pos, neg);
                    // The grid path: (lo_idx + mulhi(w1, count)) as f32 * step, exact.
                    let k = _mm256_add_epi32(_mm256_set1_epi32(lo_idx), mulhi(w1[v], _mm256_set1_epi32(count as i32)));
                    let by_grid = _mm256_castps_si256(_mm256_mul_ps(_mm256_cvtepi32_ps(k), _mm256_set1_ps(step)));
                    let three = _mm256_set1_epi32(3);
                    let keyed = _mm256_cmpeq_epi32(_mm256_and_si256(w0[v], three), three);
                    _mm256_blendv_epi8(by_grid, by_key, keyed)
                }
            };
        }
        out
    }

    /// The bench properties; each maps the decoded slots of one step to the mask of failing lanes per vector.
    pub const MIDPOINT: u8 = 0;
    pub const POLY: u8 = 1;
    pub const LEDGER: u8 = 2;

    /// Failing lanes of `mask` among the first `m` lanes of the step.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn count(mask: W, m: u64) -> u64 {
        let mut n = 0u64;
        for (v, x) in mask.iter().enumerate() {
            let bits = _mm256_movemask_ps(_mm256_castsi256_ps(*x)) as u32;
            let first = 8 * v as u64;
            let keep = if m >= first + 8 {
                0xFF
            } else if m <= first {
                0
            } else {
                (1u32 << (m - first)) - 1
            };
            n += (bits & keep).count_ones() as u64;
        }
        n
    }

    #[inline]
    #[target_feature(enable = "avx2")]
    fn midpoint(s: &[W]) -> W {
        let mut f = s[0];
        let one = _mm256_set1_epi32(1);
        for v in 0..V {
            let (a, b) = (s[0][v], s[1][v]);
            let m = _mm256_add_epi32(
                _mm256_add_epi32(_mm256_srli_epi32::<1>(a), _mm256_srli_epi32::<1>(b)),
                _mm256_and_si256(_mm256_and_si256(a, b), one),
            );
            let ge_min = _mm256_cmpeq_epi32(_mm256_max_epu32(m, _mm256_min_epu32(a, b)), m);
            let le_max = _mm256_cmpeq_epi32(_mm256_min_epu32(m, _mm256_max_epu32(a, b)), m);
            f[v] = _mm256_xor_si256(_mm256_and_si256(ge_min, le_max), _mm256_set1_epi32(-1));
        }
        f
    }

    #[inline]
    #[target_feature(enable = "avx2")]
    fn poly(s: &[W]) -> W {
        let mut f = s[0];
        let c = |x: f32| _mm256_set1_ps(x);
        let abs = |x: __m256| _mm256_andnot_ps(c(-0.0), x);
        for v in 0..V {
            let x = _mm256_castsi256_ps(s[0][v]);
            let x2 = _mm256_mul_ps(x, x);
            let x3 = _mm256_mul_ps(x2, x);
            let x4 = _mm256_mul_ps(x3, x);
            let mut naive = _mm256_add_ps(c(1.0), x);
            naive = _mm256_add_ps(naive, _mm256_div_ps(x2, c(2.0)));
            naive = _mm256_add_ps(naive, _mm256_div_ps(x3, c(6.0)));
            naive = _mm256_add_ps(naive, _mm256_div_ps(x4, c(24.0)));
            let mut h = _mm256_add_ps(c(1.0f32 / 6.0), _mm256_mul_ps(x, c(1.0f32 / 24.0)));
            h = _mm256_add_ps(c(0.5), _mm256_mul_ps(x, h));
            h = _mm256_add_ps(c(1.0), _mm256_mul_ps(x, h));
            h = _mm256_add_ps(c(1.0), _mm256_mul_ps(x, h));
            let bound = _mm256_mul_ps(c(1e-4), _mm256_add_ps(c(1.0), abs(naive)));
            let ok = _mm256_cmp_ps::<_CMP_LE_OQ>(abs(_mm256_sub_ps(naive, h)), bound);
            f[v] = _mm256_xor_si256(_mm256_castps_si256(ok), _mm256_set1_epi32(-1));
        }
        f
    }

    /// The ledger's state machine over eight lanes a vector, with masks for `pending` and `up`; `kind = op % 1000`
    /// as a multiply-shift (`(op * 0x10624DD3) >> 38`, exact for every u32).
    #[inline]
    #[target_feature(enable = "avx2")]
    fn ledger(s: &[W]) -> W {
        let mut f = s[0];
        let ones = _mm256_set1_epi32(-1);
        let (magic, thousand) = (_mm256_set1_epi32(0x1062_4DD3), _mm256_set1_epi32(1000));
        let (k500, k990, k999) = (_mm256_set1_epi32(500), _mm256_set1_epi32(990), _mm256_set1_epi32(999));
        for v in 0..V {
            let mut pending = _mm256_setzero_si256();
            let mut up = ones;
            let mut allowed = _mm256_setzero_si256();
            let mut charges = _mm256_setzero_si256();
            for k in 0..16 {
                let op = s[1 + k][v];
                let q = _mm256_srli_epi32::<6>(mulhi(op, magic));
                let kind = _mm256_sub_epi32(op, _mm256_mullo_epi32(q, thousand));
                let c1 = _mm256_cmpgt_epi32(k500, kind);
                let lt990 = _mm256_cmpgt_epi32(k990, kind);
                let lt999 = _mm256_cmpgt_epi32(k999, kind);
                let c2 = _mm256_andnot_si256(c1, lt990);
                let c3 = _mm256_andnot_si256(lt990, lt999);
                let c4 = _mm256_andnot_si256(lt999, _mm256_andnot_si256(up, pending));
                let charge = _mm256_and_si256(c1, up);
                // A mask is -1 where set: subtracting it counts.
                charges = _mm256_sub_epi32(charges, _mm256_or_si256(charge, c4));
                allowed = _mm256_sub_epi32(allowed, charge);
                pending = _mm256_andnot_si256(c2, _mm256_or_si256(pending, charge));
                up = _mm256_xor_si256(up, c3);
            }
            f[v] = _mm256_cmpgt_epi32(charges, allowed);
        }
        f
    }

    /// Failures among random vectors `start .. end` (`start` a multiple of [`STEP`]).
    #[target_feature(enable = "avx2")]
    pub fn range<const P: u8>(h: &Layout, start: u64, end: u64) -> u64 {
        debug_assert_eq!(start % STEP, 0);
        let mut words = [[[_mm256_setzero_si256(); V]; 4]; 8];
        let mut slots = [[_mm256_setzero_si256(); V]; 32];
        let mut fails = 0u64;
        let mut base = start;
        while base < end {
            for (c, w) in words.iter_mut().enumerate().take(h.calls) {
                *w = philox(&h.round_keys, base, c as u32);
            }
            for (s, (dec, o)) in h.decoders.iter().enumerate() {
                let (w0, w1) = (words[o / 4][o % 4], words[(o + 1) / 4 % 8][(o + 1) % 4]);
                slots[s] = decode(*dec, w0, w1);
            }
            let s = &slots[..h.decoders.len()];
            let mask = match P {
                MIDPOINT => midpoint(s),
                POLY => poly(s),
                _ => ledger(s),
            };
            fails += count(mask, end - base);
            base += STEP;
        }
        fails
    }

    /// The slot values of the step at `base` (for checking the loop generates exactly vecrun's vectors).
    #[target_feature(enable = "avx2")]
    pub fn slots_at(h: &Layout, base: u64) -> Vec<[u32; STEP as usize]> {
        let mut words = [[[_mm256_setzero_si256(); V]; 4]; 8];
        for (c, w) in words.iter_mut().enumerate().take(h.calls) {
            *w = philox(&h.round_keys, base, c as u32);
        }
        h.decoders
            .iter()
            .map(|(dec, o)| {
                let (w0, w1) = (words[o / 4][o % 4], words[(o + 1) / 4 % 8][(o + 1) % 4]);
                let x = decode(*dec, w0, w1);
                let mut out = [0u32; STEP as usize];
                for (v, r) in x.iter().enumerate() {
                    let mut lanes = [0u32; 8];
                    // SAFETY: `lanes` is 32 writable bytes, what an unaligned 256-bit store writes.
                    #[allow(unsafe_code)]
                    unsafe {
                        _mm256_storeu_si256(lanes.as_mut_ptr().cast(), *r)
                    };
                    out[8 * v..8 * v + 8].copy_from_slice(&lanes);
                }
                out
            })
            .collect()
    }
}

/// Evaluates random vectors `0..n` on `threads` threads with the AVX2 loop; returns the failure count, or `None`
/// where the CPU has no AVX2.
#[cfg(target_arch = "x86_64")]
fn hand_avx2_run<const P: u8>(h: &avx2::Layout, n: u64, threads: usize) -> Option<u64> {
    if !vecrun::r#gen::philox::uses_avx2() {
        return None;
    }
    let next = AtomicU64::new(0);
    Some(std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut fails = 0u64;
                    loop {
                        let start = next.fetch_add(HAND_CHUNK, Ordering::Relaxed);
                        if start >= n {
                            break fails;
                        }
                        // SAFETY: the CPU has AVX2 (checked above), the only requirement of `avx2::range`.
                        #[allow(unsafe_code)]
                        let f = unsafe { avx2::range::<P>(h, start, (start + HAND_CHUNK).min(n)) };
                        fails += f;
                    }
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("hand worker panicked")).sum()
    }))
}

// ---------------------------------------------------------------------------------------------------------------
// proptest.

/// Runs `cases` proptest cases of `name`; returns the failures counted (ledger) or 0.
fn proptest_run(name: &str, cases: u32) -> u64 {
    let config = Config { cases, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new(config);
    let fails = Cell::new(0u64);
    let result = match name {
        "midpoint" => runner
            .run(&(any::<u32>(), any::<u32>()), |(a, b)| {
                let m = a / 2 + b / 2 + (a & b & 1);
                prop_assert!(m >= a.min(b) && m <= a.max(b), "midpoint outside [min, max]");
                Ok(())
            })
            .map_err(|e| e.to_string()),
        "poly" => runner
            .run(&(-4.0f32..4.0f32), |x| {
                prop_assert!(poly_ok(x), "naive and Horner disagree");
                Ok(())
            })
            .map_err(|e| e.to_string()),
        "ledger" => runner
            .run(&(1u32..=10_000, proptest::array::uniform16(any::<u32>())), |(amount, ops)| {
                // Count instead of failing: a failing case would stop the run and start shrinking.
                if !ledger_ok(amount, &ops) {
                    fails.set(fails.get() + 1);
                }
                Ok(())
            })
            .map_err(|e| e.to_string()),
        _ => unreachable!(),
    };
    result.unwrap_or_else(|e| panic!("proptest {name}: {e}"));
    fails.get()
}

// ---------------------------------------------------------------------------------------------------------------
// Interference guard: this machine may be shared (builds, tests). Each measurement also measures the CPU time that
// other processes (and the hypervisor, as steal time) took meanwhile, from /proc/stat minus this process's own
// time; a measurement during which they took more than `--max-others` of the machine is discarded and retried.

/// Busy ticks of the whole machine (user, nice, system, irq, softirq, steal) from `/proc/stat`.
fn machine_busy_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().next()?;
    let v: Vec<u64> = line.split_whitespace().skip(1).filter_map(|x| x.parse().ok()).collect();
    // user nice system idle iowait irq softirq steal ...
    Some(v.first()? + v.get(1)? + v.get(2)? + v.get(5)? + v.get(6)? + v.get(7).copied().unwrap_or(0))
}

/// utime + stime of this process (all threads) from `/proc/self/stat`.
fn own_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    // After the command: state(0) ppid ... utime is field 14 of the full line, index 11 here; stime index 12.
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

/// Runs `f` and returns (seconds, its result, fraction of the machine other processes used meanwhile).
fn timed_once<T>(f: &mut dyn FnMut() -> T) -> (f64, T, f64) {
    let (m0, o0) = (machine_busy_ticks(), own_ticks());
    let t = Instant::now();
    let r = f();
    let secs = t.elapsed().as_secs_f64();
    let others = match (m0, o0, machine_busy_ticks(), own_ticks()) {
        (Some(m0), Some(o0), Some(m1), Some(o1)) => {
            let cpus = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
            let other_ticks = (m1.saturating_sub(m0)).saturating_sub(o1.saturating_sub(o0)) as f64;
            // USER_HZ is 100 on Linux.
            other_ticks / (secs * 100.0 * cpus)
        }
        _ => 0.0,
    };
    (secs, r, others)
}

/// Waits (up to `--wait` seconds) until other processes use at most `max_others` of the machine over half a second.
fn wait_quiet(o: &Opts) {
    let start = Instant::now();
    let mut said = false;
    while start.elapsed().as_secs_f64() < o.wait {
        let (_, _, others) = timed_once(&mut || std::thread::sleep(std::time::Duration::from_millis(500)));
        if others <= o.max_others {
            return;
        }
        if !said {
            eprintln!("  waiting for other processes to go quiet ({:.0}% of the machine busy)", others * 100.0);
            said = true;
        }
    }
}

/// [`timed_once`] after [`wait_quiet`], repeated while other processes took more than `max_others` of the machine
/// during the measurement. Returns (seconds, result, others, discarded attempts).
fn timed<T>(o: &Opts, what: &str, mut f: impl FnMut() -> T) -> (f64, T, f64, usize) {
    let mut discarded = 0;
    loop {
        wait_quiet(o);
        let (secs, r, others) = timed_once(&mut f);
        if others <= o.max_others || discarded >= o.retries {
            if others > o.max_others {
                eprintln!("  warning: {what}: other processes used {:.0}% of the machine; kept after {discarded} retries", others * 100.0);
            }
            return (secs, r, others, discarded);
        }
        discarded += 1;
        eprintln!("  {what}: other processes used {:.0}% of the machine, measuring again", others * 100.0);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Driver.

struct Opts {
    reps: usize,
    seconds: f64,
    threads: usize,
    seed: u64,
    vectors: Option<u64>,
    cases: Option<u32>,
    only: Vec<String>,
    specs: PathBuf,
    max_others: f64,
    retries: usize,
    wait: f64,
}

fn parse_num(s: &str) -> f64 {
    s.replace('_', "").parse::<f64>().unwrap_or_else(|_| panic!("not a number: {s}"))
}

fn parse_opts() -> Opts {
    let mut o = Opts {
        reps: 5,
        seconds: 1.0,
        threads: 2,
        seed: 0,
        vectors: None,
        cases: None,
        only: Vec::new(),
        specs: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/specs/bench")),
        max_others: 0.05,
        retries: 30,
        wait: 300.0,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--reps" => o.reps = parse_num(&val()) as usize,
            "--seconds" => o.seconds = parse_num(&val()),
            "--threads" => o.threads = parse_num(&val()) as usize,
            "--seed" => o.seed = parse_num(&val()) as u64,
            "--vectors" => o.vectors = Some(parse_num(&val()) as u64),
            "--cases" => o.cases = Some(parse_num(&val()) as u32),
            "--only" => o.only.push(val()),
            "--specs" => o.specs = PathBuf::from(val()),
            "--max-others" => o.max_others = parse_num(&val()),
            "--retries" => o.retries = parse_num(&val()) as usize,
            "--wait" => o.wait = parse_num(&val()),
            "-h" | "--help" => {
                println!(
                    "peers [--reps 5] [--seconds 1.0] [--threads 2] [--seed 0] [--vectors N] [--cases N] [--only NAME]... [--specs DIR] [--max-others 0.05] [--retries 30] [--wait 300]"
                );
                std::process::exit(0);
            }
            _ => panic!("unknown argument {a} (try --help)"),
        }
    }
    assert!(o.reps >= 1 && o.threads >= 1);
    o
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}

/// Everything measured for one property.
struct Row {
    name: &'static str,
    vectors: u64,
    cases: u32,
    vecrun: Vec<f64>,
    /// vecrun with the properties compiled to native lane code.
    compiled: Vec<f64>,
    hand: Vec<f64>,
    /// The AVX2 hand loop (empty without AVX2).
    hand_avx2: Vec<f64>,
    proptest: Vec<f64>,
    vecrun_fails: u64,
    hand_fails: u64,
    hand_avx2_fails: Option<u64>,
    proptest_fail_rate: f64,
    /// Measurements discarded because other processes were busy.
    discarded: usize,
    /// Largest share of the machine other processes took during a kept measurement.
    max_others: f64,
}

/// Checks that the hand loop generates exactly vecrun's vectors.
fn check_hand_generation(name: &str, hand: &HandLayout, layout: &RandomLayout, key: [u32; 2]) {
    let mut words = [[0u32; L]; MAX_WORDS];
    let mut slots = [[0u32; L]; MAX_SLOTS];
    let mut want = vec![0u32; layout.slots()];
    for base in [0u64, 1 << 20, u32::MAX as u64 - 7] {
        hand.block(base, &mut words, &mut slots);
        for i in 0..L {
            let index = base + i as u64;
            layout.decode_random_vector(key, index, &mut want);
            let got: Vec<u32> = slots[..want.len()].iter().map(|col| col[i]).collect();
            assert_eq!(got, want, "{name}: hand generation differs at index {index}");
        }
    }
}

/// Failures of random vectors `0..n` of every property of `program`, added.
fn vecrun_fails(program: &vecrun::ir::Program, backend: &mut CpuBackend, n: u64) -> u64 {
    let plan = PhasePlan { phases: vec![(Phase::Random, n)], exhaustive: false, groups: Vec::new() };
    let r = vecrun::run::execute(program, &plan, backend, &Default::default()).expect("vecrun run");
    assert_eq!(r.vectors_done, n);
    r.stats.iter().map(|s| s.failed).sum()
}

/// The further specs of issue 16 (every property of each): vecrun's two engines against the hand loop.
struct SpecRow {
    name: &'static str,
    vectors: u64,
    interpreter: Vec<f64>,
    compiled: Vec<f64>,
    hand: Vec<f64>,
    fails: (u64, u64, u64),
    compile_ms: f64,
}

fn measure_spec(name: &'static str, path: &str, o: &Opts) -> SpecRow {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/specs/")).join(path);
    let spec = vecrun::compile_spec(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).spec;
    let program = vecrun::ir::lower(&spec);
    let key = derive_key(o.seed, spec.input_hash);
    let layout = RandomLayout::new(&program.slots);
    let inputs = match name {
        "billing_failover" => Billing::INPUTS,
        "fixed_point_money" => FixedPointMoney::INPUTS,
        "poly64" => Poly64::INPUTS,
        _ => BinarySearch::INPUTS,
    };
    let hand = HandLayout::new(&layout, key).with_inputs(&program, inputs);
    check_hand_generation(name, &hand, &layout, key);
    let run_hand = |n: u64| match name {
        "billing_failover" => hand_run::<Billing>(&hand, n, o.threads),
        "fixed_point_money" => hand_run::<FixedPointMoney>(&hand, n, o.threads),
        "poly64" => hand_run::<Poly64>(&hand, n, o.threads),
        _ => hand_run::<BinarySearch>(&hand, n, o.threads),
    };
    let generator = Generator::new(&program.slots, o.seed, spec.input_hash);
    let mut interpreter = CpuBackend::new(&program, generator, o.threads).expect("CPU backend").with_engine(CpuEngine::Interpreter);
    let mut compiled = interpreter.clone().with_engine(CpuEngine::Compiled);
    let (n_compiled, compile_time) = compiled.compiled();
    assert_eq!(n_compiled, program.properties.len(), "{name}: every property compiles to native code");
    let vectors = o.vectors.unwrap_or_else(|| {
        let n0 = 1u64 << 22;
        run_hand(n0);
        let (secs, _, _, _) = timed(o, &format!("{name} calibration"), || run_hand(n0));
        (((n0 as f64 / secs * o.seconds) as u64).div_ceil(1 << 20) * (1 << 20)).max(1 << 22)
    });
    vecrun_fails(&program, &mut compiled, vectors.min(1 << 22));
    let mut row = SpecRow {
        name,
        vectors,
        interpreter: Vec::new(),
        compiled: Vec::new(),
        hand: Vec::new(),
        fails: (0, 0, 0),
        compile_ms: compile_time.as_secs_f64() * 1e3,
    };
    for rep in 0..o.reps {
        let (si, fi, _, _) = timed(o, &format!("{name} interpreter"), || vecrun_fails(&program, &mut interpreter, vectors));
        let (sc, fc, _, _) = timed(o, &format!("{name} compiled"), || vecrun_fails(&program, &mut compiled, vectors));
        let (sh, fh, _, _) = timed(o, &format!("{name} hand"), || run_hand(vectors));
        row.interpreter.push(vectors as f64 / si);
        row.compiled.push(vectors as f64 / sc);
        row.hand.push(vectors as f64 / sh);
        if rep == 0 {
            row.fails = (fi, fc, fh);
        }
        assert_eq!((fi, fc, fh), row.fails, "{name}: failure counts changed between repetitions");
        eprintln!(
            "  {name} rep {}: interpreter {:.1} M/s, compiled {:.1} M/s, hand {:.1} M/s",
            rep + 1,
            row.interpreter[rep] / 1e6,
            row.compiled[rep] / 1e6,
            row.hand[rep] / 1e6
        );
    }
    row
}

fn measure(name: &'static str, target: f64, o: &Opts) -> Row {
    let path = o.specs.join(format!("{name}.vspec"));
    let checked = vecrun::compile_spec(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let spec = checked.spec;
    let program = vecrun::ir::lower(&spec);
    assert_eq!(program.properties.len(), 1, "{name}: one property expected");
    let key = derive_key(o.seed, spec.input_hash);
    let layout = RandomLayout::new(&program.slots);
    let hand = HandLayout::new(&layout, key);

    check_hand_generation(name, &hand, &layout, key);
    let run_hand = |n: u64| -> u64 {
        match name {
            "midpoint" => hand_run::<Midpoint>(&hand, n, o.threads),
            "poly" => hand_run::<Poly>(&hand, n, o.threads),
            "ledger" => hand_run::<Ledger>(&hand, n, o.threads),
            _ => unreachable!(),
        }
    };
    // The AVX2 loop too must generate exactly vecrun's vectors.
    #[cfg(target_arch = "x86_64")]
    let hand2 = avx2::Layout::new(&layout, key);
    #[cfg(target_arch = "x86_64")]
    if vecrun::r#gen::philox::uses_avx2() {
        let mut want = vec![0u32; layout.slots()];
        for base in [0u64, 1 << 20, (1u64 << 32) - avx2::STEP, 1 << 40] {
            // SAFETY: the CPU has AVX2 (checked above), the only requirement of `slots_at`.
            #[allow(unsafe_code)]
            let got = unsafe { avx2::slots_at(&hand2, base) };
            for i in 0..avx2::STEP as usize {
                layout.decode_random_vector(key, base + i as u64, &mut want);
                let lane: Vec<u32> = got.iter().map(|col| col[i]).collect();
                assert_eq!(lane, want, "{name}: AVX2 hand generation differs at index {}", base + i as u64);
            }
        }
    }
    let run_hand_avx2 = |n: u64| -> Option<u64> {
        #[cfg(target_arch = "x86_64")]
        {
            match name {
                "midpoint" => hand_avx2_run::<{ avx2::MIDPOINT }>(&hand2, n, o.threads),
                "poly" => hand_avx2_run::<{ avx2::POLY }>(&hand2, n, o.threads),
                "ledger" => hand_avx2_run::<{ avx2::LEDGER }>(&hand2, n, o.threads),
                _ => unreachable!(),
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = n;
            None
        }
    };

    let generator = Generator::new(&program.slots, o.seed, spec.input_hash);
    let mut backend = CpuBackend::new(&program, generator, o.threads).expect("CPU backend");
    let mut compiled = backend.clone().with_engine(CpuEngine::Compiled);
    assert_eq!(compiled.compiled().0, 1, "{name}: the property compiles to native code");
    eprintln!("  {name}: compiled to native lane code in {:.2} ms", compiled.compiled().1.as_secs_f64() * 1e3);
    let run_with = |backend: &mut CpuBackend, n: u64| -> u64 {
        let plan = PhasePlan { phases: vec![(Phase::Random, n)], exhaustive: false, groups: Vec::new() };
        let r = vecrun::run::execute(&program, &plan, backend, &Default::default()).expect("vecrun run");
        assert_eq!(r.vectors_done, n);
        r.stats[0].failed
    };
    let mut run_vecrun = |n: u64| run_with(&mut backend, n);
    let mut run_compiled = |n: u64| run_with(&mut compiled, n);

    // Calibrate: vector count from the hand loop's rate, proptest cases from its own rate.
    let vectors = o.vectors.unwrap_or_else(|| {
        let n0 = 1u64 << 24;
        run_hand(n0);
        let (secs, _, _, _) = timed(o, &format!("{name} calibration"), || run_hand(n0));
        let rate = n0 as f64 / secs;
        (((rate * target) as u64).div_ceil(1 << 20) * (1 << 20)).max(1 << 24)
    });
    let cases = o.cases.unwrap_or_else(|| {
        let c0 = 50_000u32;
        let (secs, _, _, _) = timed(o, &format!("{name} proptest calibration"), || proptest_run(name, c0));
        let rate = c0 as f64 / secs;
        ((rate * target) as u32).clamp(10_000, 200_000_000)
    });
    // Warm-up of vecrun (thread pool, page faults).
    run_vecrun(vectors.min(1 << 22));
    run_compiled(vectors.min(1 << 22));

    let mut row = Row {
        name,
        vectors,
        cases,
        vecrun: Vec::new(),
        compiled: Vec::new(),
        hand: Vec::new(),
        hand_avx2: Vec::new(),
        proptest: Vec::new(),
        vecrun_fails: 0,
        hand_fails: 0,
        hand_avx2_fails: None,
        proptest_fail_rate: 0.0,
        discarded: 0,
        max_others: 0.0,
    };
    for rep in 0..o.reps {
        let (sv, fv, ov, dv) = timed(o, &format!("{name} vecrun"), || run_vecrun(vectors));
        let (sc, fc, oc, dc) = timed(o, &format!("{name} vecrun compiled"), || run_compiled(vectors));
        assert_eq!(fc, fv, "{name}: the compiled property counts the interpreter's failures");
        row.compiled.push(vectors as f64 / sc);
        row.discarded += dc;
        row.max_others = row.max_others.max(oc);
        let (sh, fh, oh, dh) = timed(o, &format!("{name} hand"), || run_hand(vectors));
        let (s2, f2, o2, d2) = timed(o, &format!("{name} hand avx2"), || run_hand_avx2(vectors));
        if f2.is_some() {
            row.hand_avx2.push(vectors as f64 / s2);
        }
        row.discarded += d2;
        row.max_others = row.max_others.max(o2);
        let (sp, fp, op, dp) = timed(o, &format!("{name} proptest"), || proptest_run(name, cases));
        row.vecrun.push(vectors as f64 / sv);
        row.hand.push(vectors as f64 / sh);
        row.proptest.push(cases as f64 / sp);
        row.discarded += dv + dh + dp;
        row.max_others = row.max_others.max(ov).max(oh).max(op);
        if rep == 0 {
            row.vecrun_fails = fv;
            row.hand_fails = fh;
            row.hand_avx2_fails = f2;
            row.proptest_fail_rate = fp as f64 / cases as f64;
        } else {
            assert_eq!(
                (fv, fh, f2),
                (row.vecrun_fails, row.hand_fails, row.hand_avx2_fails),
                "{name}: failure counts changed between repetitions"
            );
        }
        eprintln!(
            "  {name} rep {}: vecrun {:.1} M/s, compiled {:.1} M/s, hand {:.1} M/s, hand avx2 {:.1} M/s, proptest {:.2} M/s (others used {:.0}%, {:.0}%, {:.0}%)",
            rep + 1,
            row.vecrun[rep] / 1e6,
            row.compiled[rep] / 1e6,
            row.hand[rep] / 1e6,
            row.hand_avx2.get(rep).copied().unwrap_or(0.0) / 1e6,
            row.proptest[rep] / 1e6,
            ov * 100.0,
            oh * 100.0,
            op * 100.0
        );
    }
    row
}

fn mps(v: f64) -> String {
    if v >= 100e6 {
        format!("{:.0} M/s", v / 1e6)
    } else if v >= 1e6 {
        format!("{:.1} M/s", v / 1e6)
    } else {
        format!("{:.3} M/s", v / 1e6)
    }
}

fn main() {
    let o = parse_opts();
    let props: [(&'static str, f64); 3] = [("midpoint", 30.0), ("poly", 30.0), ("ledger", 5.0)];
    let avx2 = vecrun::r#gen::philox::uses_avx2();
    eprintln!(
        "peers: {} repetitions, about {} s per measurement, {} threads for vecrun and hand, seed {}, AVX2 {}",
        o.reps,
        o.seconds,
        o.threads,
        o.seed,
        if avx2 { "yes" } else { "no" }
    );
    let mut rows = Vec::new();
    for (name, _) in props.iter().filter(|(n, _)| o.only.is_empty() || o.only.iter().any(|x| x == n)) {
        rows.push(measure(name, o.seconds, &o));
    }

    for r in &rows {
        eprintln!(
            "  {}: {} vectors per vecrun/hand repetition, {} proptest cases; {} measurements discarded (others busy), \
             others used at most {:.1}% of the machine during kept ones",
            r.name,
            r.vectors,
            r.cases,
            r.discarded,
            r.max_others * 100.0
        );
    }
    let t = o.threads;
    println!();
    println!(
        "| property | vecrun cpu ({t} thr) | vecrun compiled ({t} thr) | hand loop ({t} thr) | hand AVX2 loop ({t} thr) | proptest (1 thr) | vecrun / hand (target ≥ 0.50) | compiled / hand AVX2 (target ≥ 0.80) | vecrun / proptest (target) | failures vecrun = hand = AVX2 |"
    );
    println!("|---|---:|---:|---:|---:|---:|---|---|---|---|");
    let mut all_ok = true;
    for mut r in rows {
        let target_pt = props.iter().find(|(n, _)| *n == r.name).map(|p| p.1).unwrap_or(1.0);
        let v = median(&mut r.vecrun);
        let c = median(&mut r.compiled);
        let h = median(&mut r.hand);
        let h2 = if r.hand_avx2.is_empty() { f64::NAN } else { median(&mut r.hand_avx2) };
        let p = median(&mut r.proptest);
        let rh = v / h;
        let rp = v / p;
        let verdict = |ratio: f64, target: f64| {
            if ratio >= target { "met".to_string() } else { format!("MISSED by {:.0}%", (1.0 - ratio / target) * 100.0) }
        };
        let same = r.vecrun_fails == r.hand_fails && r.hand_avx2_fails.is_none_or(|f| f == r.vecrun_fails);
        all_ok &= same;
        let (h2_text, r2_text) = if h2.is_nan() {
            ("no AVX2".to_string(), "-".to_string())
        } else {
            (mps(h2), format!("{:.2} ({})", c / h2, verdict(c / h2, 0.8)))
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {:.2} ({}) | {} | {:.1}x (≥ {:.0}x: {}) | {} ({} / {} of {}; proptest rate {:.2e}) |",
            r.name,
            mps(v),
            mps(c),
            mps(h),
            h2_text,
            mps(p),
            rh,
            verdict(rh, 0.5),
            r2_text,
            rp,
            target_pt,
            verdict(rp, target_pt),
            if same { "yes" } else { "NO" },
            r.vecrun_fails,
            r.hand_fails,
            r.vectors,
            r.proptest_fail_rate
        );
    }
    println!();
    println!(
        "Medians of {} repetitions; vecrun and hand evaluate random-phase indices 0..N of seed {} (the same vectors).",
        o.reps, o.seed
    );
    // Issue 16's further specs: every property of each, vecrun's engines against the hand loop.
    let further: [(&'static str, &str); 4] = [
        ("billing_failover", "billing_failover.vspec"),
        ("fixed_point_money", "gallery/fixed_point_money.vspec"),
        ("binary_search_midpoint", "gallery/binary_search_midpoint.vspec"),
        ("poly64", "bench/poly64.vspec"),
    ];
    let spec_rows: Vec<SpecRow> = further
        .iter()
        .filter(|(n, _)| o.only.is_empty() || o.only.iter().any(|x| x == n))
        .map(|(name, path)| measure_spec(name, path, &o))
        .collect();
    if !spec_rows.is_empty() {
        println!();
        println!(
            "| spec (every property) | vecrun interpreter ({t} thr) | vecrun compiled ({t} thr) | hand loop, AVX2 build ({t} thr) | compiled / hand (target ≥ 0.80) | compile time | failures equal |"
        );
        println!("|---|---:|---:|---:|---|---:|---|");
    }
    for mut r in spec_rows {
        let (i, c, h) = (median(&mut r.interpreter), median(&mut r.compiled), median(&mut r.hand));
        let same = r.fails.0 == r.fails.1 && r.fails.1 == r.fails.2;
        all_ok &= same;
        let ratio = c / h;
        println!(
            "| {} | {} | {} | {} | {:.2} ({}) | {:.2} ms | {} ({} of {}) |",
            r.name,
            mps(i),
            mps(c),
            mps(h),
            ratio,
            if ratio >= 0.8 { "met".to_string() } else { format!("MISSED by {:.0}%", (1.0 - ratio / 0.8) * 100.0) },
            r.compile_ms,
            if same { "yes" } else { "NO" },
            r.fails.2,
            r.vectors
        );
    }
    if !all_ok {
        eprintln!("error: vecrun and the hand-written loop disagree on the number of failures");
        std::process::exit(1);
    }
}

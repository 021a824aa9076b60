//! Philox4x32-10 (Random123): a scalar reference, a pure 32-bit `mulhilo` for the WGSL port, and a lane-wise batch generator.
//!
//! The counter for vector index `idx` is `[idx_lo, idx_hi, call, stream]`; see `docs/generation.md`.

/// Philox4x32 round multiplier applied to counter word 0.
pub const PHILOX_M0: u32 = 0xD251_1F53;
/// Philox4x32 round multiplier applied to counter word 2.
pub const PHILOX_M1: u32 = 0xCD9E_8D57;
/// Weyl increment of key word 0 between rounds (golden ratio).
pub const PHILOX_W0: u32 = 0x9E37_79B9;
/// Weyl increment of key word 1 between rounds (sqrt(3) - 1).
pub const PHILOX_W1: u32 = 0xBB67_AE85;
/// Number of rounds.
pub const PHILOX_ROUNDS: u32 = 10;

/// Full 32x32 -> 64-bit product of `a` and `b`, returned as `(hi, lo)`.
///
/// This is the CPU form (one 64-bit multiply). [`mulhilo32_by_halves`] computes the same pair with 32-bit
/// operations only and is the form the WGSL kernels use.
#[inline(always)]
pub fn mulhilo(a: u32, b: u32) -> (u32, u32) {
    let p = (a as u64) * (b as u64);
    ((p >> 32) as u32, p as u32)
}

/// [`mulhilo`] written with 32-bit integer operations only (16-bit halves), exactly as the WGSL port does it.
///
/// With `a = ah*2^16 + al` and `b = bh*2^16 + bl` (all halves < 2^16, so every partial product fits in 32 bits):
/// `mid = (al*bl >> 16) + (al*bh & 0xFFFF) + (ah*bl & 0xFFFF)` (at most 3*(2^16-1) < 2^32),
/// `lo = (mid << 16) | (al*bl & 0xFFFF)`, `hi = ah*bh + (al*bh >> 16) + (ah*bl >> 16) + (mid >> 16)`.
#[inline(always)]
pub fn mulhilo32_by_halves(a: u32, b: u32) -> (u32, u32) {
    let (ah, al) = (a >> 16, a & 0xFFFF);
    let (bh, bl) = (b >> 16, b & 0xFFFF);
    let ll = al * bl;
    let lh = al * bh;
    let hl = ah * bl;
    let hh = ah * bh;
    let mid = (ll >> 16) + (lh & 0xFFFF) + (hl & 0xFFFF);
    let lo = (mid << 16) | (ll & 0xFFFF);
    // Cannot overflow: the true high word is < 2^32.
    let hi = hh.wrapping_add(lh >> 16).wrapping_add(hl >> 16).wrapping_add(mid >> 16);
    (hi, lo)
}

/// High 32 bits of the 64-bit product `a * b` (the Lemire multiply-shift index for `n = b`).
#[inline(always)]
pub fn mulhi(a: u32, b: u32) -> u32 {
    (((a as u64) * (b as u64)) >> 32) as u32
}

#[inline(always)]
fn round(ctr: [u32; 4], key: [u32; 2]) -> [u32; 4] {
    let (hi0, lo0) = mulhilo(PHILOX_M0, ctr[0]);
    let (hi1, lo1) = mulhilo(PHILOX_M1, ctr[2]);
    [hi1 ^ ctr[1] ^ key[0], lo1, hi0 ^ ctr[3] ^ key[1], lo0]
}

/// Philox4x32 with 10 rounds (Random123 `philox4x32_R(10, ctr, key)`), the scalar reference implementation.
#[inline]
pub fn philox4x32_10(ctr: [u32; 4], key: [u32; 2]) -> [u32; 4] {
    let mut x = ctr;
    let mut k = key;
    x = round(x, k);
    for _ in 1..PHILOX_ROUNDS {
        k = [k[0].wrapping_add(PHILOX_W0), k[1].wrapping_add(PHILOX_W1)];
        x = round(x, k);
    }
    x
}

/// [`philox4x32_10`] using only 32-bit operations ([`mulhilo32_by_halves`]); bit-identical, slower. It mirrors the
/// WGSL code line by line and exists so tests can pin the 32-bit formulation.
pub fn philox4x32_10_u32_only(ctr: [u32; 4], key: [u32; 2]) -> [u32; 4] {
    let mut x = ctr;
    let mut k = key;
    for r in 0..PHILOX_ROUNDS {
        if r > 0 {
            k = [k[0].wrapping_add(PHILOX_W0), k[1].wrapping_add(PHILOX_W1)];
        }
        let (hi0, lo0) = mulhilo32_by_halves(PHILOX_M0, x[0]);
        let (hi1, lo1) = mulhilo32_by_halves(PHILOX_M1, x[2]);
        x = [hi1 ^ x[1] ^ k[0], lo1, hi0 ^ x[3] ^ k[1], lo0];
    }
    x
}

/// Philox4x32-10 with the ten rounds written out and the round keys folded to constants, for use inside lane loops:
/// LLVM vectorises a loop whose body is this function across loop iterations (lanes).
#[inline(always)]
fn philox_unrolled(ctr: [u32; 4], key: [u32; 2]) -> [u32; 4] {
    let [mut a, mut b, mut c, mut d] = ctr;
    macro_rules! round {
        ($r:expr) => {{
            let k0 = key[0].wrapping_add(PHILOX_W0.wrapping_mul($r));
            let k1 = key[1].wrapping_add(PHILOX_W1.wrapping_mul($r));
            let p0 = (PHILOX_M0 as u64) * (a as u64);
            let p1 = (PHILOX_M1 as u64) * (c as u64);
            let na = ((p1 >> 32) as u32) ^ b ^ k0;
            let nc = ((p0 >> 32) as u32) ^ d ^ k1;
            a = na;
            b = p1 as u32;
            c = nc;
            d = p0 as u32;
        }};
    }
    round!(0);
    round!(1);
    round!(2);
    round!(3);
    round!(4);
    round!(5);
    round!(6);
    round!(7);
    round!(8);
    round!(9);
    [a, b, c, d]
}

/// One Philox4x32-10 evaluation per lane: `ctr[w][i]` is counter word `w` of lane `i`; returns the output words in
/// the same layout (structure of arrays). The body is branch-free, the rounds unrolled, the multiplies 64-bit, so
/// LLVM vectorises across lanes (SSE2 `pmuludq` on the baseline target, AVX2 `vpmuludq` where the caller is
/// compiled with AVX2).
#[inline(always)]
pub fn philox_lanes<const L: usize>(ctr: [[u32; L]; 4], key: [u32; 2]) -> [[u32; L]; 4] {
    let mut out = [[0u32; L]; 4];
    for i in 0..L {
        let y = philox_unrolled([ctr[0][i], ctr[1][i], ctr[2][i], ctr[3][i]], key);
        out[0][i] = y[0];
        out[1][i] = y[1];
        out[2][i] = y[2];
        out[3][i] = y[3];
    }
    out
}

/// Output words for the `L` consecutive vector indices `base, base+1, ...` (wrapping at 2^64) with counter
/// `[idx_lo, idx_hi, call, stream]`.
#[inline(always)]
pub fn philox_block<const L: usize>(key: [u32; 2], base: u64, call: u32, stream: u32) -> [[u32; L]; 4] {
    let mut out = [[0u32; L]; 4];
    let [o0, o1, o2, o3] = &mut out;
    fill_words_generic(key, base, L, call, stream, [o0, o1, o2, o3]);
    out
}

/// The lane loop behind [`fill_words`]: lane `i` computes counter `[idx_lo, idx_hi, call, stream]`, `idx = base + i`,
/// and writes its four words to `out[0..4][i]`. Inlined into the caller so it inherits the caller's target features.
#[inline(always)]
pub(crate) fn fill_words_generic(key: [u32; 2], base: u64, n: usize, call: u32, stream: u32, out: [&mut [u32]; 4]) {
    let [o0, o1, o2, o3] = out;
    let (o0, o1, o2, o3) = (&mut o0[..n], &mut o1[..n], &mut o2[..n], &mut o3[..n]);
    for i in 0..n {
        let idx = base.wrapping_add(i as u64);
        let y = philox_unrolled([idx as u32, (idx >> 32) as u32, call, stream], key);
        o0[i] = y[0];
        o1[i] = y[1];
        o2[i] = y[2];
        o3[i] = y[3];
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn fill_words_avx2(key: [u32; 2], base: u64, n: usize, call: u32, stream: u32, out: [&mut [u32]; 4]) {
    fill_words_generic(key, base, n, call, stream, out)
}

/// Fills `out[w][i]` with output word `w` of Philox4x32-10 for counter `[idx_lo, idx_hi, call, stream]`,
/// `idx = base + i` (wrapping), for `i in 0..n`. Every slice must hold at least `n` words; only the first `n` are
/// written. Bit-identical to calling [`philox4x32_10`] per lane; uses AVX2 when the CPU has it.
pub fn fill_words(key: [u32; 2], base: u64, n: usize, call: u32, stream: u32, out: [&mut [u32]; 4]) {
    assert!(out.iter().all(|o| o.len() >= n), "fill_words: every output slice needs at least n words");
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2 (checked just above), the only requirement of `fill_words_avx2`.
            #[allow(unsafe_code)]
            unsafe {
                fill_words_avx2(key, base, n, call, stream, out)
            };
            return;
        }
    }
    fill_words_generic(key, base, n, call, stream, out)
}

/// [`fill_words`] without runtime CPU-feature dispatch (baseline target features only); for comparison and tests.
pub fn fill_words_baseline(key: [u32; 2], base: u64, n: usize, call: u32, stream: u32, out: [&mut [u32]; 4]) {
    assert!(out.iter().all(|o| o.len() >= n), "fill_words: every output slice needs at least n words");
    fill_words_generic(key, base, n, call, stream, out)
}

/// Whether [`fill_words`] and the batch decoders take the AVX2 path on this CPU.
pub fn uses_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kat_zero() {
        assert_eq!(philox4x32_10([0; 4], [0; 2]), [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
        assert_eq!(philox4x32_10_u32_only([0; 4], [0; 2]), [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
    }

    #[test]
    fn halves_match_u64_edges() {
        let xs = [0u32, 1, 2, 0xFFFF, 0x1_0000, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFE, 0xFFFF_FFFF, PHILOX_M0, PHILOX_M1];
        for &a in &xs {
            for &b in &xs {
                assert_eq!(mulhilo32_by_halves(a, b), mulhilo(a, b), "{a:#x} * {b:#x}");
            }
        }
    }

    #[test]
    #[allow(clippy::needless_range_loop, reason = "the index is the lane, compared with the scalar generator")]
    fn fill_words_matches_scalar_with_tail_and_wrap() {
        let key = [0x1234_5678, 0x9abc_def0];
        // Whole lane blocks, a block that carries into the high index word, tails, and 2^64 wrapping.
        for (base, n) in [(0u64, 37), (5, 37), (u32::MAX as u64 - 3, 37), (u64::MAX - 20, 37), (3, 200), (u32::MAX as u64 - 100, 200)] {
            let mut w = vec![vec![0u32; n]; 4];
            let [a, b, c, d] = &mut w[..] else { unreachable!() };
            fill_words(key, base, n, 3, 7, [a, b, c, d]);
            for i in 0..n {
                let idx = base.wrapping_add(i as u64);
                let s = philox4x32_10([idx as u32, (idx >> 32) as u32, 3, 7], key);
                for j in 0..4 {
                    assert_eq!(w[j][i], s[j]);
                }
            }
        }
    }
}

// vecrun WGSL library: vector generation (docs/generation.md), 32-bit operations only.
// Bit-for-bit equal to src/gen/ (tested in tests/gpu_library.rs).

// 32x32 -> 64-bit product as (hi, lo), from 16-bit halves.
fn vr_mulhilo(a: u32, b: u32) -> vec2<u32> {
    let a_lo = a & 0xFFFFu;
    let a_hi = a >> 16u;
    let b_lo = b & 0xFFFFu;
    let b_hi = b >> 16u;
    let ll = a_lo * b_lo;
    let lh = a_lo * b_hi;
    let hl = a_hi * b_lo;
    let hh = a_hi * b_hi;
    let mid = (ll >> 16u) + (lh & 0xFFFFu) + (hl & 0xFFFFu);
    let lo = (ll & 0xFFFFu) | (mid << 16u);
    let hi = hh + (lh >> 16u) + (hl >> 16u) + (mid >> 16u);
    return vec2<u32>(hi, lo);
}

// Philox4x32-10 (Random123), counter `c`, key `k`.
fn vr_philox(c_in: vec4<u32>, k_in: vec2<u32>) -> vec4<u32> {
    var c = c_in;
    var k = k_in;
    for (var r = 0u; r < 10u; r = r + 1u) {
        if (r > 0u) {
            k = vec2<u32>(k.x + 0x9E3779B9u, k.y + 0xBB67AE85u);
        }
        let p0 = vr_mulhilo(0xD2511F53u, c.x);
        let p1 = vr_mulhilo(0xCD9E8D57u, c.z);
        c = vec4<u32>(p1.x ^ c.y ^ k.x, p1.y, p0.x ^ c.w ^ k.y, p0.y);
    }
    return c;
}

// Lemire multiply-shift: an index in 0..n from a word; n32 == 0 encodes n == 2^32.
fn vr_lemire(word: u32, n32: u32) -> u32 {
    if (n32 == 0u) {
        return word;
    }
    return vr_mulhilo(word, n32).x;
}

// Inverse of the monotone f32 ordered key.
fn vr_f32_from_key(key: u32) -> u32 {
    if ((key & 0x80000000u) != 0u) {
        return key & 0x7FFFFFFFu;
    }
    return ~key;
}

// Exact bits of n * 2^e for |n| <= 2^24, e >= -149 (integer operations only).
fn vr_scaled_bits(n: i32, e: i32) -> u32 {
    if (n == 0) {
        return 0u;
    }
    var sign = 0u;
    if (n < 0) {
        sign = 0x80000000u;
    }
    let m = u32(abs(n));
    let p = 31 - i32(countLeadingZeros(m));
    let ex = p + e;
    if (ex >= -126) {
        let biased = u32(ex + 127);
        var frac = 0u;
        if (p <= 23) {
            frac = m << u32(23 - p);
        } else {
            frac = m >> u32(p - 23);
        }
        return sign | (biased << 23u) | (frac & 0x007FFFFFu);
    }
    return sign | (m << u32(e + 149));
}

// Random-phase decoders (one per domain kind).
fn vr_decode_int(word: u32, lo: u32, n32: u32) -> u32 {
    return lo + vr_lemire(word, n32);
}

fn vr_decode_f32_range(w0: u32, w1: u32, key_lo: u32, key_n: u32, grid_lo: i32, grid_count: u32, grid_exp: i32) -> u32 {
    if ((w0 & 3u) == 3u) {
        return vr_f32_from_key(key_lo + vr_mulhilo(w1, key_n).x);
    }
    let k = vr_mulhilo(w1, grid_count).x;
    return vr_scaled_bits(grid_lo + i32(k), grid_exp);
}

// A 64-bit value of a range (src/gen/domain.rs, SlotDecoder::Wide), as (low, high) words: lo + the high 64 bits of
// (w1:w0) * n, n == 0 standing for 2^64 (then the offset is (w1:w0) itself); wrapping.
fn vr_decode_wide(w0: u32, w1: u32, lo: vec2<u32>, n: vec2<u32>) -> vec2<u32> {
    var m = vec2<u32>(w0, w1);
    if (n.x != 0u || n.y != 0u) {
        // The 128-bit product's words from four 32x32 -> 64 products (each (hi, lo)), carries counted.
        let p00 = vr_mulhilo(w0, n.x);
        let p01 = vr_mulhilo(w0, n.y);
        let p10 = vr_mulhilo(w1, n.x);
        let p11 = vr_mulhilo(w1, n.y);
        let a1 = p00.x + p01.y;
        var c1 = select(0u, 1u, a1 < p00.x);
        let b1 = a1 + p10.y;
        c1 = c1 + select(0u, 1u, b1 < a1);
        let a2 = p11.y + p01.x;
        var c2 = select(0u, 1u, a2 < p11.y);
        let b2 = a2 + p10.x;
        c2 = c2 + select(0u, 1u, b2 < a2);
        let w2 = b2 + c1;
        c2 = c2 + select(0u, 1u, w2 < b2);
        m = vec2<u32>(w2, p11.x + c2);
    }
    let low = lo.x + m.x;
    return vec2<u32>(low, lo.y + m.y + select(0u, 1u, low < lo.x));
}

// Adds digit `d` and a carry to the mixed-radix digit `start` of radix `size32` (0 encodes 2^32).
// Returns (digit, carry out).
fn vr_digit_add(start: u32, d: u32, carry: u32, size32: u32) -> vec2<u32> {
    let t1 = start + d;
    var c = select(0u, 1u, t1 < start);
    var t = t1 + carry;
    c = c | select(0u, 1u, t < t1);
    if (size32 != 0u) {
        if (c != 0u || t >= size32) {
            t = t - size32;
            c = 1u;
        }
    }
    return vec2<u32>(t, c);
}

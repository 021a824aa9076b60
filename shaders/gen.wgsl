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

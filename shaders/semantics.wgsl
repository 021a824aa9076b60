// vecrun WGSL library: the operators of docs/semantics.md where WGSL's own could differ or is
// not guaranteed. Bit-for-bit equal to src/sem/ (tested in tests/gpu_library.rs).

fn vr_f32_is_nan(x: f32) -> bool {
    return (bitcast<u32>(x) & 0x7FFFFFFFu) > 0x7F800000u;
}
fn vr_f32_is_inf(x: f32) -> bool {
    return (bitcast<u32>(x) & 0x7FFFFFFFu) == 0x7F800000u;
}
fn vr_f32_is_finite(x: f32) -> bool {
    return (bitcast<u32>(x) & 0x7F800000u) != 0x7F800000u;
}
// x, unchanged, behind a value the compiler cannot know (`zero` is 0 at run time): float
// rewrites across operations (folding, reassociation, FMA contraction) cannot match through it.
fn vr_opaque(x: f32, zero: u32) -> f32 {
    return bitcast<f32>(bitcast<u32>(x) ^ zero);
}
fn vr_f32_neg(x: f32) -> f32 {
    return bitcast<f32>(bitcast<u32>(x) ^ 0x80000000u);
}
fn vr_f32_abs(x: f32) -> f32 {
    return bitcast<f32>(bitcast<u32>(x) & 0x7FFFFFFFu);
}
// The magnitude of a with the sign of b, on the bits (NaNs included).
fn vr_f32_copysign(a: f32, b: f32) -> f32 {
    return bitcast<f32>((bitcast<u32>(a) & 0x7FFFFFFFu) | (bitcast<u32>(b) & 0x80000000u));
}
// The next float up (down): NaN and the infinity in that direction stay; a zero steps to the
// smallest subnormal of that direction's sign; otherwise one step of the bits.
fn vr_f32_next_up(x: f32) -> f32 {
    let b = bitcast<u32>(x);
    if ((b & 0x7FFFFFFFu) > 0x7F800000u || b == 0x7F800000u) {
        return x;
    }
    if ((b & 0x7FFFFFFFu) == 0u) {
        return bitcast<f32>(1u);
    }
    return bitcast<f32>(select(b - 1u, b + 1u, (b & 0x80000000u) == 0u));
}
fn vr_f32_next_down(x: f32) -> f32 {
    let b = bitcast<u32>(x);
    if ((b & 0x7FFFFFFFu) > 0x7F800000u || b == 0xFF800000u) {
        return x;
    }
    if ((b & 0x7FFFFFFFu) == 0u) {
        return bitcast<f32>(0x80000001u);
    }
    return bitcast<f32>(select(b + 1u, b - 1u, (b & 0x80000000u) == 0u));
}
// |ord(a) - ord(b)| with ord the signed magnitude (both zeros 0); u32 max for a NaN.
fn vr_f32_ulp_distance(a: f32, b: f32) -> u32 {
    let x = bitcast<u32>(a);
    let y = bitcast<u32>(b);
    let mx = x & 0x7FFFFFFFu;
    let my = y & 0x7FFFFFFFu;
    if (mx > 0x7F800000u || my > 0x7F800000u) {
        return 0xFFFFFFFFu;
    }
    let sx = (x & 0x80000000u) != 0u;
    let sy = (y & 0x80000000u) != 0u;
    if (sx != sy) {
        return mx + my;
    }
    return select(my - mx, mx - my, mx >= my);
}
// min: a NaN operand yields the other; otherwise the smaller, the first when equal.
fn vr_f32_min(a: f32, b: f32) -> f32 {
    if (vr_f32_is_nan(a)) {
        return b;
    }
    if (vr_f32_is_nan(b) || !vr_f32_lt(b, a)) {
        return a;
    }
    return b;
}
fn vr_f32_max(a: f32, b: f32) -> f32 {
    if (vr_f32_is_nan(a)) {
        return b;
    }
    if (vr_f32_is_nan(b) || !vr_f32_gt(b, a)) {
        return a;
    }
    return b;
}

// Integer division and remainder: x / 0 == x, x % 0 == 0, i32::MIN / -1 == i32::MIN, i32::MIN % -1 == 0.
fn vr_div_u32(a: u32, b: u32) -> u32 {
    if (b == 0u) {
        return a;
    }
    return a / b;
}
fn vr_rem_u32(a: u32, b: u32) -> u32 {
    if (b == 0u) {
        return 0u;
    }
    return a % b;
}
fn vr_div_i32(a: i32, b: i32) -> i32 {
    if (b == 0 || (a == i32(-2147483647 - 1) && b == -1)) {
        return a;
    }
    return a / b;
}
fn vr_rem_i32(a: i32, b: i32) -> i32 {
    if (b == 0 || (a == i32(-2147483647 - 1) && b == -1)) {
        return 0;
    }
    return a % b;
}

// Casts f32 -> int: truncate, saturate, NaN -> 0. The range tests are on the bits (a device may
// treat subnormals as zero in float comparisons); in range, WGSL's conversion truncates exactly.
fn vr_f32_to_u32(x: f32) -> u32 {
    let b = bitcast<u32>(x);
    if (vr_f32_is_nan(x) || (b & 0x80000000u) != 0u || b == 0u) {
        return 0u;
    }
    if (b >= 0x4F800000u) {
        return 0xFFFFFFFFu;
    }
    return u32(x);
}
fn vr_f32_to_i32(x: f32) -> i32 {
    let b = bitcast<u32>(x);
    if (vr_f32_is_nan(x)) {
        return 0;
    }
    if ((b & 0x80000000u) == 0u && b >= 0x4F000000u) {
        return 2147483647;
    }
    if ((b & 0x80000000u) != 0u && (b & 0x7FFFFFFFu) >= 0x4F000000u) {
        return i32(-2147483647 - 1);
    }
    return i32(x);
}

// Casts int -> f32, round to nearest, ties to even, with integer operations only.
fn vr_u32_to_f32(x: u32) -> f32 {
    if (x == 0u) {
        return 0.0;
    }
    let lz = countLeadingZeros(x);
    let p = 31u - lz; // position of the leading one
    if (p <= 23u) {
        return bitcast<f32>(((p + 127u) << 23u) | ((x << (23u - p)) & 0x007FFFFFu));
    }
    let shift = p - 23u;
    var m = x >> shift;
    let rem = x & ((1u << shift) - 1u);
    let half = 1u << (shift - 1u);
    if (rem > half || (rem == half && (m & 1u) == 1u)) {
        m = m + 1u;
    }
    // m may have rounded up to 2^24: the exponent field absorbs the carry.
    return bitcast<f32>(((p + 127u) << 23u) + (m - 0x00800000u));
}
fn vr_i32_to_f32(x: i32) -> f32 {
    if (x < 0) {
        return vr_f32_neg(vr_u32_to_f32(u32(0) - bitcast<u32>(x)));
    }
    return vr_u32_to_f32(bitcast<u32>(x));
}

// Overflow predicates.
fn vr_add_overflows_u32(a: u32, b: u32) -> bool {
    return a + b < a;
}
fn vr_sub_overflows_u32(a: u32, b: u32) -> bool {
    return a < b;
}
fn vr_mul_overflows_u32(a: u32, b: u32) -> bool {
    return vr_mulhilo(a, b).x != 0u;
}
fn vr_add_overflows_i32(a: i32, b: i32) -> bool {
    let r = a + b;
    return ((a ^ r) & (b ^ r)) < 0;
}
fn vr_sub_overflows_i32(a: i32, b: i32) -> bool {
    let r = a - b;
    return ((a ^ b) & (a ^ r)) < 0;
}
fn vr_mul_overflows_i32(a: i32, b: i32) -> bool {
    let p = vr_mulhilo(bitcast<u32>(a), bitcast<u32>(b));
    var hi = p.x;
    if (a < 0) {
        hi = hi - bitcast<u32>(b);
    }
    if (b < 0) {
        hi = hi - bitcast<u32>(a);
    }
    // No overflow iff the high word is the sign extension of the low word.
    return hi != select(0u, 0xFFFFFFFFu, (p.y & 0x80000000u) != 0u);
}
fn vr_saturating_add_u32(a: u32, b: u32) -> u32 {
    return select(a + b, 0xFFFFFFFFu, vr_add_overflows_u32(a, b));
}
fn vr_saturating_sub_u32(a: u32, b: u32) -> u32 {
    return select(a - b, 0u, a < b);
}
fn vr_saturating_add_i32(a: i32, b: i32) -> i32 {
    if (vr_add_overflows_i32(a, b)) {
        return select(2147483647, i32(-2147483647 - 1), a < 0);
    }
    return a + b;
}
fn vr_saturating_sub_i32(a: i32, b: i32) -> i32 {
    if (vr_sub_overflows_i32(a, b)) {
        return select(2147483647, i32(-2147483647 - 1), a < 0);
    }
    return a - b;
}

// The high 32 bits of the 64-bit product (gen.wgsl's 16-bit-halves multiply: WGSL has no 64-bit integers).
fn vr_mul_hi_u32(a: u32, b: u32) -> u32 {
    return vr_mulhilo(a, b).x;
}
// Signed: the unsigned high word, less b for a negative a and a for a negative b (mod 2^32).
fn vr_mul_hi_i32(a: i32, b: i32) -> i32 {
    let ua = bitcast<u32>(a);
    let ub = bitcast<u32>(b);
    var h = vr_mul_hi_u32(ua, ub);
    if (a < 0) {
        h = h - ub;
    }
    if (b < 0) {
        h = h - ua;
    }
    return bitcast<i32>(h);
}

// Float comparisons in integer operations only, IEEE 754 on every device: WGSL lets an
// implementation assume NaNs are absent and treat subnormals as zero, so native comparisons are
// not trusted. `vr_f32_key` orders non-NaN floats like their values, with -0 just below +0.
fn vr_f32_key(x: f32) -> u32 {
    let b = bitcast<u32>(x);
    return select(b | 0x80000000u, ~b, (b & 0x80000000u) != 0u);
}
fn vr_f32_both_zero(a: f32, b: f32) -> bool {
    return ((bitcast<u32>(a) | bitcast<u32>(b)) & 0x7FFFFFFFu) == 0u;
}
fn vr_f32_eq(a: f32, b: f32) -> bool {
    return !vr_f32_is_nan(a) && !vr_f32_is_nan(b) && (bitcast<u32>(a) == bitcast<u32>(b) || vr_f32_both_zero(a, b));
}
fn vr_f32_ne(a: f32, b: f32) -> bool {
    return !vr_f32_eq(a, b);
}
fn vr_f32_lt(a: f32, b: f32) -> bool {
    return !vr_f32_is_nan(a) && !vr_f32_is_nan(b) && !vr_f32_both_zero(a, b) && vr_f32_key(a) < vr_f32_key(b);
}
fn vr_f32_le(a: f32, b: f32) -> bool {
    return !vr_f32_is_nan(a) && !vr_f32_is_nan(b) && (vr_f32_both_zero(a, b) || vr_f32_key(a) <= vr_f32_key(b));
}
fn vr_f32_gt(a: f32, b: f32) -> bool {
    return vr_f32_lt(b, a);
}
fn vr_f32_ge(a: f32, b: f32) -> bool {
    return vr_f32_le(b, a);
}

// Probe for the native WGSL operations that generated shaders use directly (src/gpu/emit.rs), in
// the forms the emitter writes them (tests/gpu_library.rs). Input: records of 8 words
// [op, a, b, c, 0...]; output: 4 words each (the result bit pattern in the first; comparisons
// packed as lt | le << 1 | gt << 2 | ge << 3 | eq << 4 | ne << 5, f32 `!=` on its own).

@group(0) @binding(0) var<storage, read> input: array<u32>;
@group(0) @binding(1) var<storage, read_write> output: array<u32>;

fn bit(x: bool) -> u32 {
    return select(0u, 1u, x);
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let i = gid.x;
    if (i >= arrayLength(&input) / 8u) {
        return;
    }
    let op = input[i * 8u];
    let a = input[i * 8u + 1u];
    let b = input[i * 8u + 2u];
    let c = input[i * 8u + 3u];
    let ia = bitcast<i32>(a);
    let ib = bitcast<i32>(b);
    let fa = bitcast<f32>(a);
    let fb = bitcast<f32>(b);
    let fc = bitcast<f32>(c);
    var r = 0u;
    switch op {
        // u32 / i32 wrapping arithmetic
        case 0u: { r = a + b; }
        case 1u: { r = a - b; }
        case 2u: { r = a * b; }
        case 3u: { r = bitcast<u32>(ia + ib); }
        case 4u: { r = bitcast<u32>(ia - ib); }
        case 5u: { r = bitcast<u32>(ia * ib); }
        // shifts, amount masked as the emitter does (an i32 amount is bitcast first)
        case 6u: { r = a << (b & 31u); }
        case 7u: { r = a >> (b & 31u); }
        case 8u: { r = bitcast<u32>(ia << (bitcast<u32>(ib) & 31u)); }
        case 9u: { r = bitcast<u32>(ia >> (bitcast<u32>(ib) & 31u)); }
        // bit counts
        case 10u: { r = countOneBits(a); }
        case 11u: { r = countLeadingZeros(a); }
        case 12u: { r = countTrailingZeros(a); }
        // integer builtins
        case 13u: { r = bitcast<u32>(abs(ia)); }
        case 14u: { r = min(a, b); }
        case 15u: { r = max(a, b); }
        case 16u: { r = bitcast<u32>(min(ia, ib)); }
        case 17u: { r = bitcast<u32>(max(ia, ib)); }
        case 18u: { r = min(max(a, b), c); }
        case 19u: { r = bitcast<u32>(min(max(ia, ib), bitcast<i32>(c))); }
        // native integer / and % (load_exhaustive divides by constant radices)
        case 20u: { r = a / b; }
        case 21u: { r = a % b; }
        case 22u: { r = bitcast<u32>(ia / ib); }
        case 23u: { r = bitcast<u32>(ia % ib); }
        // integer comparisons, negation, bitwise not
        case 24u: { r = bit(a < b) | (bit(a <= b) << 1u) | (bit(a > b) << 2u) | (bit(a >= b) << 3u) | (bit(a == b) << 4u) | (bit(a != b) << 5u); }
        case 25u: { r = bit(ia < ib) | (bit(ia <= ib) << 1u) | (bit(ia > ib) << 2u) | (bit(ia >= ib) << 3u) | (bit(ia == ib) << 4u) | (bit(ia != ib) << 5u); }
        case 26u: { r = bitcast<u32>(0 - ia); }
        case 27u: { r = ~a; }
        // f32 arithmetic and the ordered comparisons
        case 40u: { r = bitcast<u32>(fa + fb); }
        case 41u: { r = bitcast<u32>(fa - fb); }
        case 42u: { r = bitcast<u32>(fa * fb); }
        case 43u: { r = bitcast<u32>(fa / fb); }
        case 44u: { r = bit(fa < fb) | (bit(fa <= fb) << 1u) | (bit(fa > fb) << 2u) | (bit(fa >= fb) << 3u) | (bit(fa == fb) << 4u); }
        // f32 builtins
        case 45u: { r = bitcast<u32>(sqrt(fa)); }
        case 46u: { r = bitcast<u32>(floor(fa)); }
        case 47u: { r = bitcast<u32>(ceil(fa)); }
        case 48u: { r = bitcast<u32>(round(fa)); }
        case 49u: { r = bitcast<u32>(trunc(fa)); }
        case 50u: { r = bitcast<u32>(fma(fa, fb, fc)); }
        // the f32 -> bool and bool -> f32 forms of the emitter's casts
        case 51u: { r = bit(fa != bitcast<f32>(0u)); }
        case 52u: { r = bitcast<u32>(select(bitcast<f32>(0u), bitcast<f32>(0x3F800000u), a != 0u)); }
        // f32 `!=` as the emitter writes it, and the complement of `==`
        case 53u: { r = bit(fa != fb); }
        case 54u: { r = bit(!(fa == fb)); }
        default: { r = 0xDEADBEEFu; }
    }
    output[i * 4u] = r;
    output[i * 4u + 1u] = 0u;
    output[i * 4u + 2u] = 0u;
    output[i * 4u + 3u] = 0u;
}

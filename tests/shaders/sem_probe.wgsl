// Probe for shaders/semantics.wgsl (tests/gpu_library.rs). Appended to the library texts of
// vecrun::gpu::emit::LIBRARY. Input: records of 8 words [op, a, b, 0...]; output: 4 words each
// (the result bit pattern in the first; bool as 0 or 1).

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
    let ia = bitcast<i32>(a);
    let ib = bitcast<i32>(b);
    let fa = bitcast<f32>(a);
    let fb = bitcast<f32>(b);
    var r = 0u;
    switch op {
        case 0u: { r = vr_div_u32(a, b); }
        case 1u: { r = vr_rem_u32(a, b); }
        case 2u: { r = bitcast<u32>(vr_div_i32(ia, ib)); }
        case 3u: { r = bitcast<u32>(vr_rem_i32(ia, ib)); }
        case 4u: { r = bitcast<u32>(vr_f32_min(fa, fb)); }
        case 5u: { r = bitcast<u32>(vr_f32_max(fa, fb)); }
        case 6u: { r = bitcast<u32>(vr_f32_abs(fa)); }
        case 7u: { r = bitcast<u32>(vr_f32_neg(fa)); }
        case 8u: { r = bit(vr_f32_is_nan(fa)); }
        case 9u: { r = bit(vr_f32_is_inf(fa)); }
        case 10u: { r = bit(vr_f32_is_finite(fa)); }
        case 11u: { r = vr_f32_to_u32(fa); }
        case 12u: { r = bitcast<u32>(vr_f32_to_i32(fa)); }
        case 13u: { r = bitcast<u32>(vr_u32_to_f32(a)); }
        case 14u: { r = bitcast<u32>(vr_i32_to_f32(ia)); }
        case 15u: { r = bit(vr_add_overflows_u32(a, b)); }
        case 16u: { r = bit(vr_sub_overflows_u32(a, b)); }
        case 17u: { r = bit(vr_mul_overflows_u32(a, b)); }
        case 18u: { r = bit(vr_add_overflows_i32(ia, ib)); }
        case 19u: { r = bit(vr_sub_overflows_i32(ia, ib)); }
        case 20u: { r = bit(vr_mul_overflows_i32(ia, ib)); }
        case 21u: { r = vr_saturating_add_u32(a, b); }
        case 22u: { r = vr_saturating_sub_u32(a, b); }
        case 23u: { r = bitcast<u32>(vr_saturating_add_i32(ia, ib)); }
        case 24u: { r = bitcast<u32>(vr_saturating_sub_i32(ia, ib)); }
        case 25u: { r = bit(vr_f32_eq(fa, fb)); }
        case 26u: { r = bit(vr_f32_ne(fa, fb)); }
        case 27u: { r = bit(vr_f32_lt(fa, fb)); }
        case 28u: { r = bit(vr_f32_le(fa, fb)); }
        case 29u: { r = bit(vr_f32_gt(fa, fb)); }
        case 30u: { r = bit(vr_f32_ge(fa, fb)); }
        case 31u: { r = bitcast<u32>(vr_f32_copysign(fa, fb)); }
        case 32u: { r = bitcast<u32>(vr_f32_next_up(fa)); }
        case 33u: { r = bitcast<u32>(vr_f32_next_down(fa)); }
        case 34u: { r = vr_f32_ulp_distance(fa, fb); }
        case 35u: { r = vr_mul_hi_u32(a, b); }
        case 36u: { r = bitcast<u32>(vr_mul_hi_i32(ia, ib)); }
        default: { r = 0xDEADBEEFu; }
    }
    output[i * 4u] = r;
    output[i * 4u + 1u] = 0u;
    output[i * 4u + 2u] = 0u;
    output[i * 4u + 3u] = 0u;
}

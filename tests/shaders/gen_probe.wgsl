// Probe for shaders/gen.wgsl (tests/gpu_library.rs). Appended to the library texts of
// vecrun::gpu::emit::LIBRARY. Input: records of 8 words [op, a, b, c, d, e, f, g]; output: 4 words each.

@group(0) @binding(0) var<storage, read> input: array<u32>;
@group(0) @binding(1) var<storage, read_write> output: array<u32>;

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
    let d = input[i * 8u + 4u];
    let e = input[i * 8u + 5u];
    let f = input[i * 8u + 6u];
    let g = input[i * 8u + 7u];
    var r = vec4<u32>(0u, 0u, 0u, 0u);
    switch op {
        case 0u: {
            r = vr_philox(vec4<u32>(a, b, c, d), vec2<u32>(e, f));
        }
        case 1u: {
            let p = vr_mulhilo(a, b);
            r = vec4<u32>(p.x, p.y, 0u, 0u);
        }
        case 2u: {
            r.x = vr_lemire(a, b);
        }
        case 3u: {
            r.x = vr_f32_from_key(a);
        }
        case 4u: {
            r.x = vr_scaled_bits(bitcast<i32>(a), bitcast<i32>(b));
        }
        case 5u: {
            r.x = vr_decode_int(a, b, c);
        }
        case 6u: {
            r.x = vr_decode_f32_range(a, b, c, d, bitcast<i32>(e), f, bitcast<i32>(g));
        }
        case 7u: {
            let s = vr_digit_add(a, b, c, d);
            r = vec4<u32>(s.x, s.y, 0u, 0u);
        }
        case 8u: {
            // Three mixed-radix digits stepped exactly as load_exhaustive does (src/gpu/emit.rs):
            // start digits (a, b, c), offset d, radices (e, f, g) with 0 encoding 2^32.
            let starts = array<u32, 3>(a, b, c);
            let sizes = array<u32, 3>(e, f, g);
            var rem = d;
            var carry = 0u;
            for (var k = 0u; k < 3u; k = k + 1u) {
                var dk = 0u;
                if (sizes[k] == 0u) {
                    dk = rem;
                    rem = 0u;
                } else {
                    dk = rem % sizes[k];
                    rem = rem / sizes[k];
                }
                let rk = vr_digit_add(starts[k], dk, carry, sizes[k]);
                carry = rk.y;
                r[k] = rk.x;
            }
            r.w = carry;
        }
        case 9u: {
            // A 64-bit range value: words (a, b), lo (c, d), count (e, f).
            let v = vr_decode_wide(a, b, vec2<u32>(c, d), vec2<u32>(e, f));
            r = vec4<u32>(v.x, v.y, 0u, 0u);
        }
        default: {
            r = vec4<u32>(0xDEADBEEFu, 0xDEADBEEFu, 0xDEADBEEFu, 0xDEADBEEFu);
        }
    }
    output[i * 4u] = r.x;
    output[i * 4u + 1u] = r.y;
    output[i * 4u + 2u] = r.z;
    output[i * 4u + 3u] = r.w;
}

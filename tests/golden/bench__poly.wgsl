
struct Params {
    base_lo: u32,
    base_hi: u32,
    count: u32,
    mode: u32,
    key0: u32,
    key1: u32,
    fail_cap: u32,
    row_stride: u32,
    zero0: u32,
    zero1: u32,
    zero2: u32,
    pad: u32,
}
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> counters: array<atomic<u32>>;
@group(0) @binding(2) var<storage, read_write> failures: array<u32>;
@group(0) @binding(3) var<storage, read> aux: array<u32>;
var<workgroup> wg_counts: array<atomic<u32>, 6>;
override MODE: u32 = 0u;

fn load_random(lo: u32, hi: u32, key: vec2<u32>, s: ptr<function, array<u32, 1>>) {
    let r0: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 0u, 0u), key);
    (*s)[0u] = vr_decode_f32_range(r0.x, r0.y, 1065353215u, 2164260865u, (-16777216i), 33554432u, (-22i));
}

fn load_exhaustive(off: u32, s: ptr<function, array<u32, 1>>) {
    var rem: u32 = off;
    var carry: u32 = 0u;
    let d0: u32 = (rem % 2164260865u);
    rem = (rem / 2164260865u);
    let r0: vec2<u32> = vr_digit_add(aux[0u], d0, carry, 2164260865u);
    carry = r0.y;
    (*s)[0u] = vr_f32_from_key((1065353215u + r0.x));
}

fn load_explicit(off: u32, s: ptr<function, array<u32, 1>>) {
    for (var k: u32 = 0u; k < 1u; k = k + 1u) {
        (*s)[k] = aux[((off * 1u) + k)];
    }
}

fn prop_0(s: ptr<function, array<u32, 1>>, cover: ptr<function, u32>) -> u32 {
    let v7: f32 = bitcast<f32>(0x3F800000u);
    let v10: f32 = bitcast<f32>(0x40000000u);
    let v13: f32 = bitcast<f32>(0x40C00000u);
    let v16: f32 = bitcast<f32>(0x41C00000u);
    let v21: f32 = bitcast<f32>(0x3F000000u);
    let v23: f32 = bitcast<f32>(0x3E2AAAABu);
    let v25: f32 = bitcast<f32>(0x3D2AAAABu);
    let v36: f32 = bitcast<f32>(0x38D1B717u);
    let v0: f32 = bitcast<f32>((*s)[0u]);
    let v1: f32 = bitcast<f32>((*s)[0u]);
    let v2: f32 = (vr_opaque(v0, params.zero0) * vr_opaque(v1, params.zero1));
    let v3: f32 = bitcast<f32>((*s)[0u]);
    let v4: f32 = (vr_opaque(v2, params.zero0) * vr_opaque(v3, params.zero1));
    let v5: f32 = bitcast<f32>((*s)[0u]);
    let v6: f32 = (vr_opaque(v4, params.zero0) * vr_opaque(v5, params.zero1));
    let v8: f32 = bitcast<f32>((*s)[0u]);
    let v9: f32 = (vr_opaque(v7, params.zero0) + vr_opaque(v8, params.zero1));
    let v11: f32 = (vr_opaque(v2, params.zero0) / vr_opaque(v10, params.zero1));
    let v12: f32 = (vr_opaque(v9, params.zero0) + vr_opaque(v11, params.zero1));
    let v14: f32 = (vr_opaque(v4, params.zero0) / vr_opaque(v13, params.zero1));
    let v15: f32 = (vr_opaque(v12, params.zero0) + vr_opaque(v14, params.zero1));
    let v17: f32 = (vr_opaque(v6, params.zero0) / vr_opaque(v16, params.zero1));
    let v18: f32 = (vr_opaque(v15, params.zero0) + vr_opaque(v17, params.zero1));
    let v19: f32 = bitcast<f32>((*s)[0u]);
    let v20: f32 = bitcast<f32>((*s)[0u]);
    let v22: f32 = bitcast<f32>((*s)[0u]);
    let v24: f32 = bitcast<f32>((*s)[0u]);
    let v26: f32 = (vr_opaque(v24, params.zero0) * vr_opaque(v25, params.zero1));
    let v27: f32 = (vr_opaque(v23, params.zero0) + vr_opaque(v26, params.zero1));
    let v28: f32 = (vr_opaque(v22, params.zero0) * vr_opaque(v27, params.zero1));
    let v29: f32 = (vr_opaque(v21, params.zero0) + vr_opaque(v28, params.zero1));
    let v30: f32 = (vr_opaque(v20, params.zero0) * vr_opaque(v29, params.zero1));
    let v31: f32 = (vr_opaque(v7, params.zero0) + vr_opaque(v30, params.zero1));
    let v32: f32 = (vr_opaque(v19, params.zero0) * vr_opaque(v31, params.zero1));
    let v33: f32 = (vr_opaque(v7, params.zero0) + vr_opaque(v32, params.zero1));
    let v34: f32 = (vr_opaque(v18, params.zero0) - vr_opaque(v33, params.zero1));
    let v35: f32 = vr_f32_abs(v34);
    let v37: f32 = vr_f32_abs(v18);
    let v38: f32 = (vr_opaque(v7, params.zero0) + vr_opaque(v37, params.zero1));
    let v39: f32 = (vr_opaque(v36, params.zero0) * vr_opaque(v38, params.zero1));
    let v40: bool = vr_f32_le(v35, v39);
    if ((!v40)) {
        return 536870912u;
    }
    return 0u;
}

@compute
@workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    // zero the workgroup counters (strided by the workgroup size)
    var z: u32 = lid;
    if ((z < 6u)) {
        atomicStore((&wg_counts[z]), 0u);
    }
    workgroupBarrier();
    let inv: u32 = (gid.x + (gid.y * params.row_stride));
    var ev0: u32 = 0u;
    var fb0: u32 = 0u;
    var last0: u32 = 0u;
    let key: vec2<u32> = vec2<u32>(params.key0, params.key1);
    for (var j: u32 = 0u; j < 16u; j = j + 1u) {
        let off: u32 = ((inv * 16u) + j);
        if ((off >= params.count)) {
            break;
        }
        let lo: u32 = (params.base_lo + off);
        let hi: u32 = (params.base_hi + select(0u, 1u, (lo < off)));
        var s: array<u32, 1>;
        if ((MODE == 0u)) {
            load_random(lo, hi, key, (&s));
        } else {
            if ((MODE == 1u)) {
                load_exhaustive(off, (&s));
            } else {
                load_explicit(off, (&s));
            }
        }
        var cov0: u32 = 0u;
        let o0: u32 = prop_0((&s), (&cov0));
        if ((o0 != 4026531840u)) {
            ev0 = (ev0 + 1u);
        }
        if ((MODE == 3u)) {
            failures[((off * 1u) + 0u)] = o0;
        }
        if ((o0 != 0u)) {
            fb0 = (fb0 | (1u << j));
            last0 = o0;
        }
    }
    for (var f0: u32 = fb0; f0 != 0u; f0 = f0 & (f0 - 1u)) {
        let j: u32 = countTrailingZeros(f0);
        let off: u32 = ((inv * 16u) + j);
        var o0: u32 = last0;
        var cov0: u32 = 0u;
        if ((countOneBits(fb0) > 1u)) {
            let lo: u32 = (params.base_lo + off);
            let hi: u32 = (params.base_hi + select(0u, 1u, (lo < off)));
            var s: array<u32, 1>;
            if ((MODE == 0u)) {
                load_random(lo, hi, key, (&s));
            } else {
                if ((MODE == 1u)) {
                    load_exhaustive(off, (&s));
                } else {
                    load_explicit(off, (&s));
                }
            }
            cov0 = 0u;
            o0 = prop_0((&s), (&cov0));
        }
        if ((o0 != 0u)) {
            if (((o0 & 4026531840u) == 268435456u)) {
            } else {
                atomicAdd((&wg_counts[0u]), 1u);
                if (((o0 & 4026531840u) == 536870912u)) {
                    atomicAdd((&wg_counts[(5u + (o0 & 268435455u))]), 1u);
                } else {
                    if (((o0 & 4026531840u) == 1610612736u)) {
                        atomicAdd((&wg_counts[4u]), 1u);
                    } else {
                        atomicAdd((&wg_counts[2u]), 1u);
                    }
                }
                let slot0: u32 = atomicAdd((&counters[6u]), 1u);
                if ((slot0 < params.fail_cap)) {
                    let at0: u32 = (((0u * params.fail_cap) + slot0) * 2u);
                    failures[at0] = off;
                    failures[(at0 + 1u)] = o0;
                }
            }
        }
    }
    if ((ev0 != 0u)) {
        atomicAdd((&wg_counts[3u]), ev0);
    }
    workgroupBarrier();
    z = lid;
    if ((z < 6u)) {
        let c: u32 = atomicLoad((&wg_counts[z]));
        if ((c != 0u)) {
            atomicAdd((&counters[z]), c);
        }
    }
}

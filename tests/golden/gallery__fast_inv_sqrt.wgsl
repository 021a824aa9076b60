
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
var<workgroup> wg_counts: array<atomic<u32>, 14>;
override MODE: u32 = 0u;

fn load_random(lo: u32, hi: u32, key: vec2<u32>, s: ptr<function, array<u32, 1>>) {
    let r0: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 0u, 0u), key);
    (*s)[0u] = r0.x;
}

fn load_exhaustive(off: u32, s: ptr<function, array<u32, 1>>) {
    var rem: u32 = off;
    var carry: u32 = 0u;
    let d0: u32 = rem;
    rem = 0u;
    let r0: vec2<u32> = vr_digit_add(aux[0u], d0, carry, 0u);
    carry = r0.y;
    (*s)[0u] = vr_f32_from_key(r0.x);
}

fn load_explicit(off: u32, s: ptr<function, array<u32, 1>>) {
    for (var k: u32 = 0u; k < 1u; k = k + 1u) {
        (*s)[k] = aux[((off * 1u) + k)];
    }
}

fn prop_0(s: ptr<function, array<u32, 1>>, cover: ptr<function, u32>) -> u32 {
    var var0: f32;
    var var1: f32;
    let v2: u32 = 8388608u;
    let v6: u32 = 2139095040u;
    let v10: u32 = 1597463007u;
    let v12: u32 = 1u;
    let v16: f32 = bitcast<f32>(0x3FC00000u);
    let v19: f32 = bitcast<f32>(0x3F000000u);
    let v26: f32 = bitcast<f32>(0x3F800000u);
    let v30: f32 = bitcast<f32>(0x3AE6AFCDu);
    let v0: f32 = bitcast<f32>((*s)[0u]);
    let v1: u32 = bitcast<u32>(v0);
    let v3: bool = (v1 >= v2);
    let v4: f32 = bitcast<f32>((*s)[0u]);
    let v5: u32 = bitcast<u32>(v4);
    let v7: bool = (v5 < v6);
    let v8: bool = (v3 & v7);
    if ((!v8)) {
        return 268435456u;
    }
    let v9: f32 = bitcast<f32>((*s)[0u]);
    let v11: u32 = bitcast<u32>(v9);
    let v13: u32 = (v11 >> (v12 & 31u));
    let v14: u32 = (v10 - v13);
    let v15: f32 = bitcast<f32>(v14);
    let v17: f32 = (vr_opaque(v9, params.zero0) * vr_opaque(v15, params.zero1));
    let v18: f32 = (vr_opaque(v17, params.zero0) * vr_opaque(v15, params.zero1));
    let v20: f32 = (vr_opaque(v18, params.zero0) * vr_opaque(v19, params.zero1));
    let v21: f32 = (vr_opaque(v16, params.zero0) - vr_opaque(v20, params.zero1));
    let v22: f32 = (vr_opaque(v15, params.zero0) * vr_opaque(v21, params.zero1));
    var1 = v22;
    let v23: f32 = var1;
    let v24: f32 = sqrt(vr_opaque(v9, params.zero0));
    let v25: f32 = (vr_opaque(v23, params.zero0) * vr_opaque(v24, params.zero1));
    let v27: f32 = (vr_opaque(v25, params.zero0) - vr_opaque(v26, params.zero1));
    let v28: f32 = vr_f32_abs(v27);
    var0 = v28;
    let v29: f32 = var0;
    let v31: bool = vr_f32_le(v29, v30);
    if ((!v31)) {
        return 536870912u;
    }
    return 0u;
}

fn prop_1(s: ptr<function, array<u32, 1>>, cover: ptr<function, u32>) -> u32 {
    var var0: f32;
    var var1: f32;
    let v2: u32 = 1u;
    let v6: u32 = 8388608u;
    let v10: u32 = 1597463007u;
    let v15: f32 = bitcast<f32>(0x3FC00000u);
    let v18: f32 = bitcast<f32>(0x3F000000u);
    let v25: f32 = bitcast<f32>(0x3F800000u);
    let v29: f32 = bitcast<f32>(0x3AE6AFCDu);
    let v0: f32 = bitcast<f32>((*s)[0u]);
    let v1: u32 = bitcast<u32>(v0);
    let v3: bool = (v1 >= v2);
    let v4: f32 = bitcast<f32>((*s)[0u]);
    let v5: u32 = bitcast<u32>(v4);
    let v7: bool = (v5 < v6);
    let v8: bool = (v3 & v7);
    if (v8) {
        (*cover) = ((*cover) | 1u);
    }
    if (v8) {
        let v9: f32 = bitcast<f32>((*s)[0u]);
        let v11: u32 = bitcast<u32>(v9);
        let v12: u32 = (v11 >> (v2 & 31u));
        let v13: u32 = (v10 - v12);
        let v14: f32 = bitcast<f32>(v13);
        let v16: f32 = (vr_opaque(v9, params.zero0) * vr_opaque(v14, params.zero1));
        let v17: f32 = (vr_opaque(v16, params.zero0) * vr_opaque(v14, params.zero1));
        let v19: f32 = (vr_opaque(v17, params.zero0) * vr_opaque(v18, params.zero1));
        let v20: f32 = (vr_opaque(v15, params.zero0) - vr_opaque(v19, params.zero1));
        let v21: f32 = (vr_opaque(v14, params.zero0) * vr_opaque(v20, params.zero1));
        var1 = v21;
        let v22: f32 = var1;
        let v23: f32 = sqrt(vr_opaque(v9, params.zero0));
        let v24: f32 = (vr_opaque(v22, params.zero0) * vr_opaque(v23, params.zero1));
        let v26: f32 = (vr_opaque(v24, params.zero0) - vr_opaque(v25, params.zero1));
        let v27: f32 = vr_f32_abs(v26);
        var0 = v27;
        let v28: f32 = var0;
        let v30: bool = vr_f32_le(v28, v29);
        if ((!v30)) {
            return 536870912u;
        }
    }
    return 0u;
}

@compute
@workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    // zero the workgroup counters (strided by the workgroup size)
    var z: u32 = lid;
    if ((z < 14u)) {
        atomicStore((&wg_counts[z]), 0u);
    }
    workgroupBarrier();
    let inv: u32 = (gid.x + (gid.y * params.row_stride));
    var ev0: u32 = 0u;
    var fb0: u32 = 0u;
    var last0: u32 = 0u;
    var ev1: u32 = 0u;
    var fb1: u32 = 0u;
    var last1: u32 = 0u;
    var lastcov1: u32 = 0u;
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
            failures[((off * 2u) + 0u)] = o0;
        }
        if ((o0 != 0u)) {
            fb0 = (fb0 | (1u << j));
            last0 = o0;
        }
        var cov1: u32 = 0u;
        let o1: u32 = prop_1((&s), (&cov1));
        if ((o1 != 4026531840u)) {
            ev1 = (ev1 + 1u);
        }
        if ((MODE == 3u)) {
            failures[((off * 2u) + 1u)] = o1;
        }
        if (((o1 != 0u) || (cov1 != 0u))) {
            fb1 = (fb1 | (1u << j));
            last1 = o1;
            lastcov1 = cov1;
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
                atomicAdd((&wg_counts[1u]), 1u);
                atomicAdd((&wg_counts[(6u + (o0 & 268435455u))]), 1u);
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
                let slot0: u32 = atomicAdd((&counters[14u]), 1u);
                if ((slot0 < params.fail_cap)) {
                    let at0: u32 = (((0u * params.fail_cap) + slot0) * 2u);
                    failures[at0] = off;
                    failures[(at0 + 1u)] = o0;
                }
            }
        }
    }
    for (var f1: u32 = fb1; f1 != 0u; f1 = f1 & (f1 - 1u)) {
        let j: u32 = countTrailingZeros(f1);
        let off: u32 = ((inv * 16u) + j);
        var o1: u32 = last1;
        var cov1: u32 = lastcov1;
        if ((countOneBits(fb1) > 1u)) {
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
            cov1 = 0u;
            o1 = prop_1((&s), (&cov1));
        }
        if ((o1 != 0u)) {
            if (((o1 & 4026531840u) == 268435456u)) {
            } else {
                atomicAdd((&wg_counts[7u]), 1u);
                if (((o1 & 4026531840u) == 536870912u)) {
                    atomicAdd((&wg_counts[(12u + (o1 & 268435455u))]), 1u);
                } else {
                    if (((o1 & 4026531840u) == 1610612736u)) {
                        atomicAdd((&wg_counts[11u]), 1u);
                    } else {
                        atomicAdd((&wg_counts[9u]), 1u);
                    }
                }
                let slot1: u32 = atomicAdd((&counters[15u]), 1u);
                if ((slot1 < params.fail_cap)) {
                    let at1: u32 = (((1u * params.fail_cap) + slot1) * 2u);
                    failures[at1] = off;
                    failures[(at1 + 1u)] = o1;
                }
            }
        }
        if (((cov1 != 0u) && ((o1 & 4026531840u) != 268435456u))) {
            if (((cov1 & 1u) != 0u)) {
                atomicAdd((&wg_counts[13u]), 1u);
            }
        }
    }
    if ((ev0 != 0u)) {
        atomicAdd((&wg_counts[3u]), ev0);
    }
    if ((ev1 != 0u)) {
        atomicAdd((&wg_counts[10u]), ev1);
    }
    workgroupBarrier();
    z = lid;
    if ((z < 14u)) {
        let c: u32 = atomicLoad((&wg_counts[z]));
        if ((c != 0u)) {
            atomicAdd((&counters[z]), c);
        }
    }
}


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
var<workgroup> wg_counts: array<atomic<u32>, 19>;
override MODE: u32 = 0u;
const SET0: array<u32, 3> = array<u32, 3>(0u, 1u, 2u);

fn load_random(lo: u32, hi: u32, key: vec2<u32>, s: ptr<function, array<u32, 2>>) {
    let r0: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 0u, 0u), key);
    (*s)[0u] = vr_decode_int(r0.x, 0u, 100000001u);
    (*s)[1u] = SET0[vr_lemire(r0.y, 3u)];
}

fn load_exhaustive(off: u32, s: ptr<function, array<u32, 2>>) {
    var rem: u32 = off;
    var carry: u32 = 0u;
    let d0: u32 = (rem % 100000001u);
    rem = (rem / 100000001u);
    let r0: vec2<u32> = vr_digit_add(aux[0u], d0, carry, 100000001u);
    carry = r0.y;
    (*s)[0u] = (0u + r0.x);
    let d1: u32 = (rem % 3u);
    rem = (rem / 3u);
    let r1: vec2<u32> = vr_digit_add(aux[1u], d1, carry, 3u);
    carry = r1.y;
    (*s)[1u] = SET0[r1.x];
}

fn load_explicit(off: u32, s: ptr<function, array<u32, 2>>) {
    for (var k: u32 = 0u; k < 2u; k = k + 1u) {
        (*s)[k] = aux[((off * 2u) + k)];
    }
}

fn prop_0(s: ptr<function, array<u32, 2>>, cover: ptr<function, u32>) -> u32 {
    var var0: u32;
    var var1: array<u32, 3>;
    var var2: u32;
    var var3: bool;
    var var4: u32;
    let v3: u32 = 0u;
    let v4: u32 = 250u;
    var1[min(v3, 2u)] = v4;
    let v5: u32 = 1u;
    let v6: u32 = 175u;
    var1[min(v5, 2u)] = v6;
    let v7: u32 = 2u;
    let v8: u32 = 90u;
    var1[min(v7, 2u)] = v8;
    let v13: f32 = bitcast<f32>(0x461C4000u);
    let v17: bool = false;
    let v20: u32 = 1000000u;
    let v23: u32 = 10000u;
    let v25: bool = true;
    let v34: f32 = bitcast<f32>(0x3FC00000u);
    let v0: u32 = (*s)[0u];
    let v1: f32 = vr_u32_to_f32(v0);
    let v2: u32 = (*s)[1u];
    if ((v2 >= 3u)) {
        return 805306368u;
    }
    let v9: u32 = var1[min(v2, 2u)];
    var0 = v9;
    let v10: u32 = var0;
    let v11: f32 = vr_u32_to_f32(v10);
    let v12: f32 = (vr_opaque(v1, params.zero0) * vr_opaque(v11, params.zero1));
    let v14: f32 = (vr_opaque(v12, params.zero0) / vr_opaque(v13, params.zero1));
    let v15: u32 = (*s)[0u];
    let v16: u32 = (*s)[1u];
    var3 = v17;
    if ((v16 >= 3u)) {
        return 805306368u;
    }
    let v18: u32 = var1[min(v16, 2u)];
    var4 = v18;
    let v19: u32 = var4;
    let v21: bool = (v15 < v20);
    if (v21) {
        let v22: u32 = (v15 * v19);
        let v24: u32 = (v22 / v23);
        var2 = v24;
        var3 = v25;
    }
    let v26: bool = var3;
    let v27: bool = (!v26);
    if (v27) {
        let v28: u32 = (v15 / v23);
        let v29: u32 = (v28 * v19);
        var2 = v29;
        var3 = v25;
    }
    let v30: u32 = var2;
    let v31: f32 = vr_u32_to_f32(v30);
    let v32: f32 = (vr_opaque(v31, params.zero0) - vr_opaque(v14, params.zero1));
    let v33: f32 = vr_f32_abs(v32);
    let v35: bool = vr_f32_le(v33, v34);
    if ((!v35)) {
        return 536870912u;
    }
    return 0u;
}

fn prop_1(s: ptr<function, array<u32, 2>>, cover: ptr<function, u32>) -> u32 {
    var var0: u32;
    var var1: bool;
    var var2: u32;
    var var3: array<u32, 3>;
    let v2: bool = false;
    let v3: u32 = 0u;
    let v4: u32 = 250u;
    var3[min(v3, 2u)] = v4;
    let v5: u32 = 1u;
    let v6: u32 = 175u;
    var3[min(v5, 2u)] = v6;
    let v7: u32 = 2u;
    let v8: u32 = 90u;
    var3[min(v7, 2u)] = v8;
    let v11: u32 = 1000000u;
    let v14: u32 = 10000u;
    let v16: bool = true;
    let v0: u32 = (*s)[0u];
    let v1: u32 = (*s)[1u];
    var1 = v2;
    if ((v1 >= 3u)) {
        return 805306368u;
    }
    let v9: u32 = var3[min(v1, 2u)];
    var2 = v9;
    let v10: u32 = var2;
    let v12: bool = (v0 < v11);
    if (v12) {
        let v13: u32 = (v0 * v10);
        let v15: u32 = (v13 / v14);
        var0 = v15;
        var1 = v16;
    }
    let v17: bool = var1;
    let v18: bool = (!v17);
    if (v18) {
        let v19: u32 = (v0 / v14);
        let v20: u32 = (v19 * v10);
        var0 = v20;
        var1 = v16;
    }
    let v21: u32 = var0;
    let v22: u32 = (*s)[0u];
    let v23: bool = (v21 <= v22);
    if ((!v23)) {
        return 536870912u;
    }
    return 0u;
}

fn prop_2(s: ptr<function, array<u32, 2>>, cover: ptr<function, u32>) -> u32 {
    var var0: u32;
    var var1: bool;
    var var2: u32;
    var var3: array<u32, 3>;
    var var4: u32;
    var var5: bool;
    var var6: u32;
    let v1: u32 = 100000000u;
    let v5: bool = false;
    let v6: u32 = 0u;
    let v7: u32 = 250u;
    var3[min(v6, 2u)] = v7;
    let v8: u32 = 1u;
    let v9: u32 = 175u;
    var3[min(v8, 2u)] = v9;
    let v10: u32 = 2u;
    let v11: u32 = 90u;
    var3[min(v10, 2u)] = v11;
    let v14: u32 = 1000000u;
    let v17: u32 = 10000u;
    let v19: bool = true;
    let v0: u32 = (*s)[0u];
    let v2: bool = (v0 < v1);
    if ((!v2)) {
        return 268435456u;
    }
    let v3: u32 = (*s)[0u];
    let v4: u32 = (*s)[1u];
    var1 = v5;
    if ((v4 >= 3u)) {
        return 805306368u;
    }
    let v12: u32 = var3[min(v4, 2u)];
    var2 = v12;
    let v13: u32 = var2;
    let v15: bool = (v3 < v14);
    if (v15) {
        let v16: u32 = (v3 * v13);
        let v18: u32 = (v16 / v17);
        var0 = v18;
        var1 = v19;
    }
    let v20: bool = var1;
    let v21: bool = (!v20);
    if (v21) {
        let v22: u32 = (v3 / v17);
        let v23: u32 = (v22 * v13);
        var0 = v23;
        var1 = v19;
    }
    let v24: u32 = var0;
    let v25: u32 = (*s)[0u];
    let v26: u32 = (v25 + v8);
    let v27: u32 = (*s)[1u];
    var5 = v5;
    if ((v27 >= 3u)) {
        return 805306368u;
    }
    let v28: u32 = var3[min(v27, 2u)];
    var6 = v28;
    let v29: u32 = var6;
    let v30: bool = (v26 < v14);
    if (v30) {
        let v31: u32 = (v26 * v29);
        let v32: u32 = (v31 / v17);
        var4 = v32;
        var5 = v19;
    }
    let v33: bool = var5;
    let v34: bool = (!v33);
    if (v34) {
        let v35: u32 = (v26 / v17);
        let v36: u32 = (v35 * v29);
        var4 = v36;
        var5 = v19;
    }
    let v37: u32 = var4;
    let v38: bool = (v24 <= v37);
    if ((!v38)) {
        return 536870912u;
    }
    return 0u;
}

@compute
@workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    // zero the workgroup counters (strided by the workgroup size)
    var z: u32 = lid;
    if ((z < 19u)) {
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
    var ev2: u32 = 0u;
    var fb2: u32 = 0u;
    var last2: u32 = 0u;
    let key: vec2<u32> = vec2<u32>(params.key0, params.key1);
    for (var j: u32 = 0u; j < 16u; j = j + 1u) {
        let off: u32 = ((inv * 16u) + j);
        if ((off >= params.count)) {
            break;
        }
        let lo: u32 = (params.base_lo + off);
        let hi: u32 = (params.base_hi + select(0u, 1u, (lo < off)));
        var s: array<u32, 2>;
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
            failures[((off * 3u) + 0u)] = o0;
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
            failures[((off * 3u) + 1u)] = o1;
        }
        if ((o1 != 0u)) {
            fb1 = (fb1 | (1u << j));
            last1 = o1;
        }
        var cov2: u32 = 0u;
        let o2: u32 = prop_2((&s), (&cov2));
        if ((o2 != 4026531840u)) {
            ev2 = (ev2 + 1u);
        }
        if ((MODE == 3u)) {
            failures[((off * 3u) + 2u)] = o2;
        }
        if ((o2 != 0u)) {
            fb2 = (fb2 | (1u << j));
            last2 = o2;
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
            var s: array<u32, 2>;
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
                let slot0: u32 = atomicAdd((&counters[19u]), 1u);
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
        var cov1: u32 = 0u;
        if ((countOneBits(fb1) > 1u)) {
            let lo: u32 = (params.base_lo + off);
            let hi: u32 = (params.base_hi + select(0u, 1u, (lo < off)));
            var s: array<u32, 2>;
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
                atomicAdd((&wg_counts[6u]), 1u);
                if (((o1 & 4026531840u) == 536870912u)) {
                    atomicAdd((&wg_counts[(11u + (o1 & 268435455u))]), 1u);
                } else {
                    if (((o1 & 4026531840u) == 1610612736u)) {
                        atomicAdd((&wg_counts[10u]), 1u);
                    } else {
                        atomicAdd((&wg_counts[8u]), 1u);
                    }
                }
                let slot1: u32 = atomicAdd((&counters[20u]), 1u);
                if ((slot1 < params.fail_cap)) {
                    let at1: u32 = (((1u * params.fail_cap) + slot1) * 2u);
                    failures[at1] = off;
                    failures[(at1 + 1u)] = o1;
                }
            }
        }
    }
    for (var f2: u32 = fb2; f2 != 0u; f2 = f2 & (f2 - 1u)) {
        let j: u32 = countTrailingZeros(f2);
        let off: u32 = ((inv * 16u) + j);
        var o2: u32 = last2;
        var cov2: u32 = 0u;
        if ((countOneBits(fb2) > 1u)) {
            let lo: u32 = (params.base_lo + off);
            let hi: u32 = (params.base_hi + select(0u, 1u, (lo < off)));
            var s: array<u32, 2>;
            if ((MODE == 0u)) {
                load_random(lo, hi, key, (&s));
            } else {
                if ((MODE == 1u)) {
                    load_exhaustive(off, (&s));
                } else {
                    load_explicit(off, (&s));
                }
            }
            cov2 = 0u;
            o2 = prop_2((&s), (&cov2));
        }
        if ((o2 != 0u)) {
            if (((o2 & 4026531840u) == 268435456u)) {
                atomicAdd((&wg_counts[13u]), 1u);
                atomicAdd((&wg_counts[(18u + (o2 & 268435455u))]), 1u);
            } else {
                atomicAdd((&wg_counts[12u]), 1u);
                if (((o2 & 4026531840u) == 536870912u)) {
                    atomicAdd((&wg_counts[(17u + (o2 & 268435455u))]), 1u);
                } else {
                    if (((o2 & 4026531840u) == 1610612736u)) {
                        atomicAdd((&wg_counts[16u]), 1u);
                    } else {
                        atomicAdd((&wg_counts[14u]), 1u);
                    }
                }
                let slot2: u32 = atomicAdd((&counters[21u]), 1u);
                if ((slot2 < params.fail_cap)) {
                    let at2: u32 = (((2u * params.fail_cap) + slot2) * 2u);
                    failures[at2] = off;
                    failures[(at2 + 1u)] = o2;
                }
            }
        }
    }
    if ((ev0 != 0u)) {
        atomicAdd((&wg_counts[3u]), ev0);
    }
    if ((ev1 != 0u)) {
        atomicAdd((&wg_counts[9u]), ev1);
    }
    if ((ev2 != 0u)) {
        atomicAdd((&wg_counts[15u]), ev2);
    }
    workgroupBarrier();
    z = lid;
    if ((z < 19u)) {
        let c: u32 = atomicLoad((&wg_counts[z]));
        if ((c != 0u)) {
            atomicAdd((&counters[z]), c);
        }
    }
}


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
var<workgroup> wg_counts: array<atomic<u32>, 22>;
override MODE: u32 = 0u;

fn load_random(lo: u32, hi: u32, key: vec2<u32>, s: ptr<function, array<u32, 4>>) {
    let r0: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 0u, 0u), key);
    (*s)[0u] = vr_decode_int(r0.x, 1u, 4294967295u);
    (*s)[1u] = vr_decode_int(r0.y, 0u, 0u);
    (*s)[2u] = vr_decode_int(r0.z, 0u, 0u);
    (*s)[3u] = vr_decode_int(r0.w, 0u, 0u);
}

fn load_exhaustive(off: u32, s: ptr<function, array<u32, 4>>) {
    var rem: u32 = off;
    var carry: u32 = 0u;
    let d0: u32 = (rem % 4294967295u);
    rem = (rem / 4294967295u);
    let r0: vec2<u32> = vr_digit_add(aux[0u], d0, carry, 4294967295u);
    carry = r0.y;
    (*s)[0u] = (1u + r0.x);
    let d1: u32 = rem;
    rem = 0u;
    let r1: vec2<u32> = vr_digit_add(aux[1u], d1, carry, 0u);
    carry = r1.y;
    (*s)[1u] = (0u + r1.x);
    let d2: u32 = rem;
    rem = 0u;
    let r2: vec2<u32> = vr_digit_add(aux[2u], d2, carry, 0u);
    carry = r2.y;
    (*s)[2u] = (0u + r2.x);
    let d3: u32 = rem;
    rem = 0u;
    let r3: vec2<u32> = vr_digit_add(aux[3u], d3, carry, 0u);
    carry = r3.y;
    (*s)[3u] = (0u + r3.x);
}

fn load_explicit(off: u32, s: ptr<function, array<u32, 4>>) {
    for (var k: u32 = 0u; k < 4u; k = k + 1u) {
        (*s)[k] = aux[((off * 4u) + k)];
    }
}

fn prop_0(s: ptr<function, array<u32, 4>>, cover: ptr<function, u32>) -> u32 {
    var var0: u32;
    var var1: u32;
    var var2: u32;
    var var3: u32;
    var var4: u32;
    let v0: u32 = 0u;
    let v9: u32 = 2u;
    let v19: u32 = 1u;
    var0 = v0;
    let v1: u32 = (*s)[0u];
    var1 = v1;
    {
        var t2: u32 = 0u;
        for (; t2 < 33u; t2 = t2 + 1u) {
            var2 = (0u + t2);
            let v3: u32 = var0;
            let v4: u32 = var1;
            let v5: bool = (v3 < v4);
            if (v5) {
                let v6: u32 = var0;
                let v7: u32 = var1;
                let v8: u32 = (v6 + v7);
                let v10: u32 = (v8 / v9);
                var3 = v10;
                let v11: u32 = var3;
                let v12: u32 = var0;
                let v13: bool = (v12 <= v11);
                let v14: u32 = var1;
                let v15: bool = (v11 < v14);
                let v16: bool = (v13 & v15);
                if ((!v16)) {
                    return 536870912u;
                }
                let v17: u32 = (*s)[1u];
                let v18: bool = (v11 < v17);
                if (v18) {
                    let v20: u32 = (v11 + v19);
                    var0 = v20;
                } else {
                    var1 = v11;
                }
            }
        }
        if ((t2 != 33u)) {
            return 4026531840u;
        }
    }
    let v21: u32 = var0;
    let v22: u32 = (*s)[0u];
    let v23: u32 = (*s)[1u];
    let v24: u32 = min(v23, v22);
    var4 = v24;
    let v25: u32 = var4;
    let v26: bool = (v21 == v25);
    if ((!v26)) {
        return 536870913u;
    }
    return 0u;
}

fn prop_1(s: ptr<function, array<u32, 4>>, cover: ptr<function, u32>) -> u32 {
    var var0: u32;
    var var1: u32;
    var var2: u32;
    var var3: u32;
    var var4: u32;
    let v0: u32 = 0u;
    let v9: u32 = 2u;
    let v20: u32 = 1u;
    var0 = v0;
    let v1: u32 = (*s)[0u];
    var1 = v1;
    {
        var t2: u32 = 0u;
        for (; t2 < 33u; t2 = t2 + 1u) {
            var2 = (0u + t2);
            let v3: u32 = var0;
            let v4: u32 = var1;
            let v5: bool = (v3 < v4);
            if (v5) {
                let v6: u32 = var0;
                let v7: u32 = var1;
                let v8: u32 = (v7 - v6);
                let v10: u32 = (v8 / v9);
                let v11: u32 = (v6 + v10);
                var3 = v11;
                let v12: u32 = var3;
                let v13: u32 = var0;
                let v14: bool = (v13 <= v12);
                let v15: u32 = var1;
                let v16: bool = (v12 < v15);
                let v17: bool = (v14 & v16);
                if ((!v17)) {
                    return 536870912u;
                }
                let v18: u32 = (*s)[1u];
                let v19: bool = (v12 < v18);
                if (v19) {
                    let v21: u32 = (v12 + v20);
                    var0 = v21;
                } else {
                    var1 = v12;
                }
            }
        }
        if ((t2 != 33u)) {
            return 4026531840u;
        }
    }
    let v22: u32 = var0;
    let v23: u32 = var1;
    let v24: bool = (v22 == v23);
    if ((!v24)) {
        return 536870913u;
    }
    let v25: u32 = var0;
    let v26: u32 = (*s)[0u];
    let v27: u32 = (*s)[1u];
    let v28: u32 = min(v27, v26);
    var4 = v28;
    let v29: u32 = var4;
    let v30: bool = (v25 == v29);
    if ((!v30)) {
        return 536870914u;
    }
    return 0u;
}

fn prop_2(s: ptr<function, array<u32, 4>>, cover: ptr<function, u32>) -> u32 {
    var var0: u32;
    let v6: u32 = 2u;
    let v0: u32 = (*s)[2u];
    let v1: u32 = (*s)[3u];
    let v2: bool = (v0 <= v1);
    if ((!v2)) {
        return 268435456u;
    }
    let v3: u32 = (*s)[2u];
    let v4: u32 = (*s)[3u];
    let v5: u32 = (v4 - v3);
    let v7: u32 = (v5 / v6);
    let v8: u32 = (v3 + v7);
    var0 = v8;
    let v9: u32 = var0;
    let v10: u32 = (*s)[2u];
    let v11: bool = (v10 <= v9);
    let v12: u32 = (*s)[3u];
    let v13: bool = (v9 <= v12);
    let v14: bool = (v11 & v13);
    if ((!v14)) {
        return 536870912u;
    }
    return 0u;
}

@compute
@workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    // zero the workgroup counters (strided by the workgroup size)
    var z: u32 = lid;
    if ((z < 22u)) {
        atomicStore((&wg_counts[z]), 0u);
    }
    workgroupBarrier();
    let inv: u32 = (gid.x + (gid.y * params.row_stride));
    var ev0: u32 = 0u;
    var fb0: u32 = 0u;
    var last0: array<u32, 16>;
    var ev1: u32 = 0u;
    var fb1: u32 = 0u;
    var last1: array<u32, 16>;
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
        var s: array<u32, 4>;
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
            last0[j] = o0;
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
            last1[j] = o1;
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
        var o0: u32 = last0[j];
        var cov0: u32 = 0u;
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
                let slot0: u32 = atomicAdd((&counters[22u]), 1u);
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
        var o1: u32 = last1[j];
        var cov1: u32 = 0u;
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
                let slot1: u32 = atomicAdd((&counters[23u]), 1u);
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
            var s: array<u32, 4>;
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
                atomicAdd((&wg_counts[16u]), 1u);
                atomicAdd((&wg_counts[(21u + (o2 & 268435455u))]), 1u);
            } else {
                atomicAdd((&wg_counts[15u]), 1u);
                if (((o2 & 4026531840u) == 536870912u)) {
                    atomicAdd((&wg_counts[(20u + (o2 & 268435455u))]), 1u);
                } else {
                    if (((o2 & 4026531840u) == 1610612736u)) {
                        atomicAdd((&wg_counts[19u]), 1u);
                    } else {
                        atomicAdd((&wg_counts[17u]), 1u);
                    }
                }
                let slot2: u32 = atomicAdd((&counters[24u]), 1u);
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
        atomicAdd((&wg_counts[10u]), ev1);
    }
    if ((ev2 != 0u)) {
        atomicAdd((&wg_counts[18u]), ev2);
    }
    workgroupBarrier();
    z = lid;
    if ((z < 22u)) {
        let c: u32 = atomicLoad((&wg_counts[z]));
        if ((c != 0u)) {
            atomicAdd((&counters[z]), c);
        }
    }
}

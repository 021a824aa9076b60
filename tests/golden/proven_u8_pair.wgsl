
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
var<workgroup> wg_counts: array<atomic<u32>, 13>;
override MODE: u32 = 0u;

fn load_random(lo: u32, hi: u32, key: vec2<u32>, s: ptr<function, array<u32, 2>>) {
    let r0: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 0u, 0u), key);
    (*s)[0u] = vr_decode_int(r0.x, 0u, 256u);
    (*s)[1u] = vr_decode_int(r0.y, 0u, 256u);
}

fn load_exhaustive(off: u32, s: ptr<function, array<u32, 2>>) {
    var rem: u32 = off;
    var carry: u32 = 0u;
    let d0: u32 = (rem % 256u);
    rem = (rem / 256u);
    let r0: vec2<u32> = vr_digit_add(aux[0u], d0, carry, 256u);
    carry = r0.y;
    (*s)[0u] = (0u + r0.x);
    let d1: u32 = (rem % 256u);
    rem = (rem / 256u);
    let r1: vec2<u32> = vr_digit_add(aux[1u], d1, carry, 256u);
    carry = r1.y;
    (*s)[1u] = (0u + r1.x);
}

fn load_explicit(off: u32, s: ptr<function, array<u32, 2>>) {
    for (var k: u32 = 0u; k < 2u; k = k + 1u) {
        (*s)[k] = aux[((off * 2u) + k)];
    }
}

fn prop_0(s: ptr<function, array<u32, 2>>, cover: ptr<function, u32>) -> u32 {
    let v6: u32 = 1u;
    let v12: u32 = 2u;
    let v0: u32 = (*s)[0u];
    let v1: u32 = (*s)[1u];
    let v2: u32 = (v0 & v1);
    let v3: u32 = (*s)[0u];
    let v4: u32 = (*s)[1u];
    let v5: u32 = (v3 ^ v4);
    let v7: u32 = (v5 >> (v6 & 31u));
    let v8: u32 = (v2 + v7);
    let v9: u32 = (*s)[0u];
    let v10: u32 = (*s)[1u];
    let v11: u32 = (v9 + v10);
    let v13: u32 = (v11 / v12);
    let v14: bool = (v8 == v13);
    if ((!v14)) {
        return 536870912u;
    }
    let v15: u32 = (*s)[0u];
    let v16: u32 = (*s)[1u];
    let v17: u32 = min(v15, v16);
    let v18: bool = (v8 >= v17);
    let v19: u32 = (*s)[0u];
    let v20: u32 = (*s)[1u];
    let v21: u32 = max(v19, v20);
    let v22: bool = (v8 <= v21);
    let v23: bool = (v18 & v22);
    if ((!v23)) {
        return 536870913u;
    }
    return 0u;
}

fn prop_1(s: ptr<function, array<u32, 2>>, cover: ptr<function, u32>) -> u32 {
    let v3: u32 = 255u;
    let v6: u32 = 24u;
    let v0: u32 = (*s)[0u];
    let v1: u32 = (*s)[1u];
    let v2: u32 = (v0 + v1);
    let v4: bool = (v2 > v3);
    let v5: u32 = (*s)[0u];
    let v7: u32 = (v5 << (v6 & 31u));
    let v8: u32 = (*s)[1u];
    let v9: u32 = (v8 << (v6 & 31u));
    let v10: bool = vr_add_overflows_u32(v7, v9);
    let v11: bool = (v4 == v10);
    if ((!v11)) {
        return 536870912u;
    }
    return 0u;
}

@compute
@workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    // zero the workgroup counters (strided by the workgroup size)
    var z: u32 = lid;
    if ((z < 13u)) {
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
        if ((o1 != 0u)) {
            fb1 = (fb1 | (1u << j));
            last1 = o1;
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
                let slot0: u32 = atomicAdd((&counters[13u]), 1u);
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
                let slot1: u32 = atomicAdd((&counters[14u]), 1u);
                if ((slot1 < params.fail_cap)) {
                    let at1: u32 = (((1u * params.fail_cap) + slot1) * 2u);
                    failures[at1] = off;
                    failures[(at1 + 1u)] = o1;
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
    workgroupBarrier();
    z = lid;
    if ((z < 13u)) {
        let c: u32 = atomicLoad((&wg_counts[z]));
        if ((c != 0u)) {
            atomicAdd((&counters[z]), c);
        }
    }
}

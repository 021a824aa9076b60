
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
var<workgroup> wg_counts: array<atomic<u32>, 25>;
override MODE: u32 = 0u;

fn load_random(lo: u32, hi: u32, key: vec2<u32>, s: ptr<function, array<u32, 6>>) {
    let r0: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 0u, 0u), key);
    let r1: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 1u, 0u), key);
    (*s)[0u] = vr_decode_int(r0.x, 0u, 4u);
    (*s)[1u] = vr_decode_int(r0.y, 0u, 0u);
    (*s)[2u] = vr_decode_int(r0.z, 0u, 0u);
    (*s)[3u] = vr_decode_int(r0.w, 0u, 256u);
    (*s)[4u] = vr_decode_int(r1.x, 4294934528u, 65536u);
    (*s)[5u] = vr_decode_int(r1.y, 0u, 65536u);
}

fn load_exhaustive(off: u32, s: ptr<function, array<u32, 6>>) {
    var rem: u32 = off;
    var carry: u32 = 0u;
    let d0: u32 = (rem % 4u);
    rem = (rem / 4u);
    let r0: vec2<u32> = vr_digit_add(aux[0u], d0, carry, 4u);
    carry = r0.y;
    (*s)[0u] = (0u + r0.x);
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
    let d3: u32 = (rem % 256u);
    rem = (rem / 256u);
    let r3: vec2<u32> = vr_digit_add(aux[3u], d3, carry, 256u);
    carry = r3.y;
    (*s)[3u] = (0u + r3.x);
    let d4: u32 = (rem % 65536u);
    rem = (rem / 65536u);
    let r4: vec2<u32> = vr_digit_add(aux[4u], d4, carry, 65536u);
    carry = r4.y;
    (*s)[4u] = (4294934528u + r4.x);
    let d5: u32 = (rem % 65536u);
    rem = (rem / 65536u);
    let r5: vec2<u32> = vr_digit_add(aux[5u], d5, carry, 65536u);
    carry = r5.y;
    (*s)[5u] = (0u + r5.x);
}

fn load_explicit(off: u32, s: ptr<function, array<u32, 6>>) {
    for (var k: u32 = 0u; k < 6u; k = k + 1u) {
        (*s)[k] = aux[((off * 6u) + k)];
    }
}

fn prop_0(s: ptr<function, array<u32, 6>>, cover: ptr<function, u32>) -> u32 {
    let v6: u32 = 1u;
    let v10: u32 = 0u;
    let v17: u32 = 31u;
    let v0: u32 = (*s)[1u];
    let v1: u32 = (*s)[2u];
    let v2: u32 = (v0 & v1);
    let v3: u32 = (*s)[1u];
    let v4: u32 = (*s)[2u];
    let v5: u32 = (v3 ^ v4);
    let v7: u32 = (v5 >> (v6 & 31u));
    let v8: u32 = (v2 + v7);
    let v9: u32 = (*s)[1u];
    let v11: u32 = (*s)[2u];
    let v12: u32 = (v9 + v11);
    let v13: bool = (v12 < v9);
    let v14: u32 = select(0u, 1u, v13);
    let v15: u32 = (v10 + v14);
    let v18: u32 = (v12 >> (v6 & 31u));
    let v19: u32 = (v15 << (v17 & 31u));
    let v20: u32 = (v18 | v19);
    let v24: bool = (v8 == v20);
    if ((!v24)) {
        return 536870912u;
    }
    return 0u;
}

fn prop_1(s: ptr<function, array<u32, 6>>, cover: ptr<function, u32>) -> u32 {
    let v2: u32 = 1u;
    let v4: u32 = 255u;
    let v9: u32 = 0u;
    let v0: u32 = (*s)[3u];
    let v1: u32 = (*s)[3u];
    let v3: u32 = (v1 - v2);
    let v5: u32 = (v3 & v4);
    let v6: u32 = (v0 & v5);
    let v7: u32 = countOneBits(v6);
    let v8: u32 = (*s)[3u];
    let v10: bool = (v8 == v9);
    let v11: u32 = select(v2, v9, v10);
    let v12: u32 = (v7 + v11);
    let v13: u32 = (*s)[3u];
    let v14: u32 = countOneBits(v13);
    let v15: bool = (v12 == v14);
    if ((!v15)) {
        return 536870912u;
    }
    return 0u;
}

fn prop_2(s: ptr<function, array<u32, 6>>, cover: ptr<function, u32>) -> u32 {
    let v1: u32 = 15u;
    let v6: u32 = 16u;
    let v13: i32 = (-32768i);
    let v0: i32 = bitcast<i32>((*s)[4u]);
    let v2: i32 = (v0 >> (v1 & 31u));
    let v3: i32 = bitcast<i32>((*s)[4u]);
    let v4: i32 = (v3 ^ v2);
    let v5: i32 = (v4 - v2);
    let v7: i32 = (v5 << (v6 & 31u));
    let v8: i32 = (v7 >> (v6 & 31u));
    let v9: i32 = bitcast<i32>((*s)[4u]);
    let v10: i32 = abs(v9);
    let v11: bool = (v8 == v10);
    let v12: i32 = bitcast<i32>((*s)[4u]);
    let v14: bool = (v12 == v13);
    let v15: bool = (v11 | v14);
    if ((!v15)) {
        return 536870912u;
    }
    return 0u;
}

fn prop_3(s: ptr<function, array<u32, 6>>, cover: ptr<function, u32>) -> u32 {
    let v0: u32 = 1u;
    let v10: u32 = 0u;
    let v1: u32 = (*s)[0u];
    let v2: u32 = (v0 << (v1 & 31u));
    let v3: u32 = (*s)[5u];
    let v4: u32 = (v3 + v2);
    let v5: u32 = (v4 - v0);
    let v6: u32 = (v2 - v0);
    let v7: u32 = (~v6);
    let v8: u32 = (v5 & v7);
    let v9: u32 = vr_rem_u32(v8, v2);
    let v11: bool = (v9 == v10);
    let v12: u32 = (*s)[5u];
    let v13: bool = (v8 >= v12);
    let v14: bool = (v11 & v13);
    let v15: u32 = (*s)[5u];
    let v16: u32 = (v8 - v15);
    let v17: bool = (v16 < v2);
    let v18: bool = (v14 & v17);
    if ((!v18)) {
        return 536870912u;
    }
    let v19: u32 = (*s)[5u];
    let v20: u32 = (v19 + v2);
    let v21: u32 = (v2 - v0);
    let v22: u32 = (~v21);
    let v23: u32 = (v20 & v22);
    let v24: bool = (v23 == v8);
    if ((!v24)) {
        return 536870913u;
    }
    return 0u;
}

@compute
@workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    // zero the workgroup counters (strided by the workgroup size)
    var z: u32 = lid;
    if ((z < 25u)) {
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
    var ev3: u32 = 0u;
    var fb3: u32 = 0u;
    var last3: u32 = 0u;
    let key: vec2<u32> = vec2<u32>(params.key0, params.key1);
    for (var j: u32 = 0u; j < 16u; j = j + 1u) {
        let off: u32 = ((inv * 16u) + j);
        if ((off >= params.count)) {
            break;
        }
        let lo: u32 = (params.base_lo + off);
        let hi: u32 = (params.base_hi + select(0u, 1u, (lo < off)));
        var s: array<u32, 6>;
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
            failures[((off * 4u) + 0u)] = o0;
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
            failures[((off * 4u) + 1u)] = o1;
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
            failures[((off * 4u) + 2u)] = o2;
        }
        if ((o2 != 0u)) {
            fb2 = (fb2 | (1u << j));
            last2 = o2;
        }
        var cov3: u32 = 0u;
        let o3: u32 = prop_3((&s), (&cov3));
        if ((o3 != 4026531840u)) {
            ev3 = (ev3 + 1u);
        }
        if ((MODE == 3u)) {
            failures[((off * 4u) + 3u)] = o3;
        }
        if ((o3 != 0u)) {
            fb3 = (fb3 | (1u << j));
            last3 = o3;
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
            var s: array<u32, 6>;
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
                let slot0: u32 = atomicAdd((&counters[25u]), 1u);
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
            var s: array<u32, 6>;
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
                let slot1: u32 = atomicAdd((&counters[26u]), 1u);
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
            var s: array<u32, 6>;
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
                let slot2: u32 = atomicAdd((&counters[27u]), 1u);
                if ((slot2 < params.fail_cap)) {
                    let at2: u32 = (((2u * params.fail_cap) + slot2) * 2u);
                    failures[at2] = off;
                    failures[(at2 + 1u)] = o2;
                }
            }
        }
    }
    for (var f3: u32 = fb3; f3 != 0u; f3 = f3 & (f3 - 1u)) {
        let j: u32 = countTrailingZeros(f3);
        let off: u32 = ((inv * 16u) + j);
        var o3: u32 = last3;
        var cov3: u32 = 0u;
        if ((countOneBits(fb3) > 1u)) {
            let lo: u32 = (params.base_lo + off);
            let hi: u32 = (params.base_hi + select(0u, 1u, (lo < off)));
            var s: array<u32, 6>;
            if ((MODE == 0u)) {
                load_random(lo, hi, key, (&s));
            } else {
                if ((MODE == 1u)) {
                    load_exhaustive(off, (&s));
                } else {
                    load_explicit(off, (&s));
                }
            }
            cov3 = 0u;
            o3 = prop_3((&s), (&cov3));
        }
        if ((o3 != 0u)) {
            if (((o3 & 4026531840u) == 268435456u)) {
            } else {
                atomicAdd((&wg_counts[18u]), 1u);
                if (((o3 & 4026531840u) == 536870912u)) {
                    atomicAdd((&wg_counts[(23u + (o3 & 268435455u))]), 1u);
                } else {
                    if (((o3 & 4026531840u) == 1610612736u)) {
                        atomicAdd((&wg_counts[22u]), 1u);
                    } else {
                        atomicAdd((&wg_counts[20u]), 1u);
                    }
                }
                let slot3: u32 = atomicAdd((&counters[28u]), 1u);
                if ((slot3 < params.fail_cap)) {
                    let at3: u32 = (((3u * params.fail_cap) + slot3) * 2u);
                    failures[at3] = off;
                    failures[(at3 + 1u)] = o3;
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
    if ((ev3 != 0u)) {
        atomicAdd((&wg_counts[21u]), ev3);
    }
    workgroupBarrier();
    z = lid;
    if ((z < 25u)) {
        let c: u32 = atomicLoad((&wg_counts[z]));
        if ((c != 0u)) {
            atomicAdd((&counters[z]), c);
        }
    }
}

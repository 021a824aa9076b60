
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
var<workgroup> wg_counts: array<atomic<u32>, 46>;
override MODE: u32 = 0u;

fn load_random(lo: u32, hi: u32, key: vec2<u32>, s: ptr<function, array<u32, 4>>) {
    let r0: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 0u, 0u), key);
    (*s)[0u] = vr_decode_int(r0.x, 0u, 0u);
    (*s)[1u] = vr_decode_int(r0.y, 0u, 0u);
    (*s)[2u] = vr_decode_int(r0.z, 2147483648u, 0u);
    (*s)[3u] = vr_decode_int(r0.w, 2147483648u, 0u);
}

fn load_exhaustive(off: u32, s: ptr<function, array<u32, 4>>) {
    var rem: u32 = off;
    var carry: u32 = 0u;
    let d0: u32 = rem;
    rem = 0u;
    let r0: vec2<u32> = vr_digit_add(aux[0u], d0, carry, 0u);
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
    (*s)[2u] = (2147483648u + r2.x);
    let d3: u32 = rem;
    rem = 0u;
    let r3: vec2<u32> = vr_digit_add(aux[3u], d3, carry, 0u);
    carry = r3.y;
    (*s)[3u] = (2147483648u + r3.x);
}

fn load_explicit(off: u32, s: ptr<function, array<u32, 4>>) {
    for (var k: u32 = 0u; k < 4u; k = k + 1u) {
        (*s)[k] = aux[((off * 4u) + k)];
    }
}

fn prop_0(s: ptr<function, array<u32, 4>>, cover: ptr<function, u32>) -> u32 {
    let v10: u32 = 4294967295u;
    let v0: u32 = (*s)[0u];
    let v1: u32 = (*s)[1u];
    let v2: u32 = vr_saturating_add_u32(v0, v1);
    let v3: u32 = (*s)[0u];
    let v4: u32 = (*s)[1u];
    let v5: u32 = max(v3, v4);
    let v6: bool = (v2 >= v5);
    if ((!v6)) {
        return 536870912u;
    }
    let v7: u32 = (*s)[0u];
    let v8: u32 = (*s)[1u];
    let v9: bool = vr_add_overflows_u32(v7, v8);
    let v11: u32 = (*s)[0u];
    let v12: u32 = (*s)[1u];
    let v13: u32 = (v11 + v12);
    let v14: u32 = select(v13, v10, v9);
    let v15: bool = (v2 == v14);
    if ((!v15)) {
        return 536870913u;
    }
    let v16: u32 = (*s)[1u];
    let v17: u32 = (*s)[0u];
    let v18: u32 = vr_saturating_add_u32(v16, v17);
    let v19: bool = (v2 == v18);
    if ((!v19)) {
        return 536870914u;
    }
    return 0u;
}

fn prop_1(s: ptr<function, array<u32, 4>>, cover: ptr<function, u32>) -> u32 {
    let v8: u32 = 0u;
    let v0: u32 = (*s)[0u];
    let v1: u32 = (*s)[1u];
    let v2: u32 = vr_saturating_sub_u32(v0, v1);
    let v3: u32 = (*s)[0u];
    let v4: bool = (v2 <= v3);
    if ((!v4)) {
        return 536870912u;
    }
    let v5: u32 = (*s)[1u];
    let v6: u32 = (*s)[0u];
    let v7: bool = (v5 > v6);
    let v9: u32 = (*s)[0u];
    let v10: u32 = (*s)[1u];
    let v11: u32 = (v9 - v10);
    let v12: u32 = select(v11, v8, v7);
    let v13: bool = (v2 == v12);
    if ((!v13)) {
        return 536870913u;
    }
    let v14: u32 = (*s)[1u];
    let v15: u32 = vr_saturating_add_u32(v2, v14);
    let v16: u32 = (*s)[0u];
    let v17: u32 = (*s)[1u];
    let v18: u32 = max(v16, v17);
    let v19: bool = (v15 == v18);
    if ((!v19)) {
        return 536870914u;
    }
    return 0u;
}

fn prop_2(s: ptr<function, array<u32, 4>>, cover: ptr<function, u32>) -> u32 {
    var var0: u32;
    var var1: bool;
    var var2: u32;
    var var3: bool;
    let v2: bool = false;
    let v3: u32 = 0u;
    let v5: u32 = 4294967295u;
    let v9: bool = true;
    let v0: u32 = (*s)[0u];
    let v1: u32 = (*s)[1u];
    var1 = v2;
    let v4: bool = (v0 != v3);
    let v6: u32 = vr_div_u32(v5, v0);
    let v7: bool = (v1 > v6);
    let v8: bool = (v4 & v7);
    if (v8) {
        var0 = v5;
        var1 = v9;
    }
    let v10: bool = var1;
    let v11: bool = (!v10);
    if (v11) {
        let v12: u32 = (v0 * v1);
        var0 = v12;
        var1 = v9;
    }
    let v13: u32 = var0;
    let v14: u32 = (*s)[0u];
    let v15: u32 = (*s)[1u];
    let v16: bool = vr_mul_overflows_u32(v14, v15);
    let v17: u32 = (*s)[0u];
    let v18: u32 = (*s)[1u];
    let v19: u32 = (v17 * v18);
    let v20: u32 = select(v19, v5, v16);
    let v21: bool = (v13 == v20);
    if ((!v21)) {
        return 536870912u;
    }
    let v22: u32 = (*s)[1u];
    let v23: u32 = (*s)[0u];
    var3 = v2;
    let v24: bool = (v22 != v3);
    let v25: u32 = vr_div_u32(v5, v22);
    let v26: bool = (v23 > v25);
    let v27: bool = (v24 & v26);
    if (v27) {
        var2 = v5;
        var3 = v9;
    }
    let v28: bool = var3;
    let v29: bool = (!v28);
    if (v29) {
        let v30: u32 = (v22 * v23);
        var2 = v30;
        var3 = v9;
    }
    let v31: u32 = var2;
    let v32: bool = (v13 == v31);
    if ((!v32)) {
        return 536870913u;
    }
    return 0u;
}

fn prop_3(s: ptr<function, array<u32, 4>>, cover: ptr<function, u32>) -> u32 {
    var var0: u32;
    var var1: bool;
    var var2: u32;
    var var3: bool;
    let v1: u32 = 4294967295u;
    let v5: bool = false;
    let v6: u32 = 0u;
    let v11: bool = true;
    let v18: u32 = 1u;
    let v0: u32 = (*s)[1u];
    let v2: bool = (v0 < v1);
    if ((!v2)) {
        return 268435456u;
    }
    let v3: u32 = (*s)[0u];
    let v4: u32 = (*s)[1u];
    var1 = v5;
    let v7: bool = (v3 != v6);
    let v8: u32 = vr_div_u32(v1, v3);
    let v9: bool = (v4 > v8);
    let v10: bool = (v7 & v9);
    if (v10) {
        var0 = v1;
        var1 = v11;
    }
    let v12: bool = var1;
    let v13: bool = (!v12);
    if (v13) {
        let v14: u32 = (v3 * v4);
        var0 = v14;
        var1 = v11;
    }
    let v15: u32 = var0;
    let v16: u32 = (*s)[0u];
    let v17: u32 = (*s)[1u];
    let v19: u32 = (v17 + v18);
    var3 = v5;
    let v20: bool = (v16 != v6);
    let v21: u32 = vr_div_u32(v1, v16);
    let v22: bool = (v19 > v21);
    let v23: bool = (v20 & v22);
    if (v23) {
        var2 = v1;
        var3 = v11;
    }
    let v24: bool = var3;
    let v25: bool = (!v24);
    if (v25) {
        let v26: u32 = (v16 * v19);
        var2 = v26;
        var3 = v11;
    }
    let v27: u32 = var2;
    let v28: bool = (v15 <= v27);
    if ((!v28)) {
        return 536870912u;
    }
    return 0u;
}

fn prop_4(s: ptr<function, array<u32, 4>>, cover: ptr<function, u32>) -> u32 {
    let v10: i32 = 0i;
    let v12: i32 = 2147483647i;
    let v13: i32 = i32(-2147483647 - 1);
    let v0: i32 = bitcast<i32>((*s)[2u]);
    let v1: i32 = bitcast<i32>((*s)[3u]);
    let v2: i32 = vr_saturating_add_i32(v0, v1);
    let v3: i32 = bitcast<i32>((*s)[2u]);
    let v4: i32 = bitcast<i32>((*s)[3u]);
    let v5: i32 = vr_saturating_sub_i32(v3, v4);
    let v6: i32 = bitcast<i32>((*s)[2u]);
    let v7: i32 = bitcast<i32>((*s)[3u]);
    let v8: bool = vr_add_overflows_i32(v6, v7);
    let v9: i32 = bitcast<i32>((*s)[3u]);
    let v11: bool = (v9 > v10);
    let v14: i32 = select(v13, v12, v11);
    let v15: i32 = bitcast<i32>((*s)[2u]);
    let v16: i32 = bitcast<i32>((*s)[3u]);
    let v17: i32 = (v15 + v16);
    let v18: i32 = select(v17, v14, v8);
    let v19: bool = (v2 == v18);
    if ((!v19)) {
        return 536870912u;
    }
    let v20: i32 = bitcast<i32>((*s)[2u]);
    let v21: i32 = bitcast<i32>((*s)[3u]);
    let v22: bool = vr_sub_overflows_i32(v20, v21);
    let v23: i32 = bitcast<i32>((*s)[3u]);
    let v24: bool = (v23 < v10);
    let v25: i32 = select(v13, v12, v24);
    let v26: i32 = bitcast<i32>((*s)[2u]);
    let v27: i32 = bitcast<i32>((*s)[3u]);
    let v28: i32 = (v26 - v27);
    let v29: i32 = select(v28, v25, v22);
    let v30: bool = (v5 == v29);
    if ((!v30)) {
        return 536870913u;
    }
    let v31: i32 = bitcast<i32>((*s)[2u]);
    let v32: i32 = bitcast<i32>((*s)[3u]);
    let v33: bool = vr_add_overflows_i32(v31, v32);
    if (v33) {
        (*cover) = ((*cover) | 1u);
    }
    return 0u;
}

fn prop_5(s: ptr<function, array<u32, 4>>, cover: ptr<function, u32>) -> u32 {
    var var0: i32;
    var var1: bool;
    var var2: i32;
    var var3: bool;
    let v2: bool = false;
    let v3: i32 = 0i;
    let v7: bool = true;
    let v14: i32 = (-1i);
    let v16: i32 = i32(-2147483647 - 1);
    let v18: i32 = 2147483647i;
    let v0: i32 = bitcast<i32>((*s)[2u]);
    let v1: i32 = bitcast<i32>((*s)[3u]);
    var1 = v2;
    let v4: bool = (v0 == v3);
    let v5: bool = (v1 == v3);
    let v6: bool = (v4 | v5);
    if (v6) {
        var0 = v3;
        var1 = v7;
    }
    let v8: bool = var1;
    let v9: bool = (!v8);
    if (v9) {
        let v10: bool = (v0 < v3);
        let v11: bool = (v1 < v3);
        let v12: bool = (v10 != v11);
        let v15: bool = (v0 == v14);
        if (v15) {
            let v17: bool = (v1 == v16);
            let v19: i32 = (v3 - v1);
            let v20: i32 = select(v19, v18, v17);
            var0 = v20;
            var1 = v7;
        }
        let v21: bool = var1;
        let v22: bool = (!v21);
        if (v22) {
            let v23: bool = (v1 == v14);
            if (v23) {
                let v24: bool = (v0 == v16);
                let v25: i32 = (v3 - v0);
                let v26: i32 = select(v25, v18, v24);
                var0 = v26;
                var1 = v7;
            }
            let v27: bool = var1;
            let v28: bool = (!v27);
            if (v28) {
                let v29: i32 = (v0 * v1);
                let v30: i32 = vr_div_i32(v29, v1);
                let v31: bool = (v30 != v0);
                if (v31) {
                    let v32: i32 = select(v18, v16, v12);
                    var0 = v32;
                    var1 = v7;
                }
                let v33: bool = var1;
                let v34: bool = (!v33);
                if (v34) {
                    var0 = v29;
                    var1 = v7;
                }
            }
        }
    }
    let v35: i32 = var0;
    let v36: i32 = bitcast<i32>((*s)[2u]);
    let v37: bool = (v36 < v3);
    let v38: i32 = bitcast<i32>((*s)[3u]);
    let v39: bool = (v38 < v3);
    let v40: bool = (v37 != v39);
    let v41: i32 = bitcast<i32>((*s)[2u]);
    let v42: i32 = bitcast<i32>((*s)[3u]);
    let v43: bool = vr_mul_overflows_i32(v41, v42);
    let v44: i32 = select(v18, v16, v40);
    let v45: i32 = bitcast<i32>((*s)[2u]);
    let v46: i32 = bitcast<i32>((*s)[3u]);
    let v47: i32 = (v45 * v46);
    let v48: i32 = select(v47, v44, v43);
    let v49: bool = (v35 == v48);
    if ((!v49)) {
        return 536870912u;
    }
    let v50: i32 = bitcast<i32>((*s)[3u]);
    let v51: i32 = bitcast<i32>((*s)[2u]);
    var3 = v2;
    let v52: bool = (v50 == v3);
    let v53: bool = (v51 == v3);
    let v54: bool = (v52 | v53);
    if (v54) {
        var2 = v3;
        var3 = v7;
    }
    let v55: bool = var3;
    let v56: bool = (!v55);
    if (v56) {
        let v57: bool = (v50 < v3);
        let v58: bool = (v51 < v3);
        let v59: bool = (v57 != v58);
        let v60: bool = (v50 == v14);
        if (v60) {
            let v61: bool = (v51 == v16);
            let v62: i32 = (v3 - v51);
            let v63: i32 = select(v62, v18, v61);
            var2 = v63;
            var3 = v7;
        }
        let v64: bool = var3;
        let v65: bool = (!v64);
        if (v65) {
            let v66: bool = (v51 == v14);
            if (v66) {
                let v67: bool = (v50 == v16);
                let v68: i32 = (v3 - v50);
                let v69: i32 = select(v68, v18, v67);
                var2 = v69;
                var3 = v7;
            }
            let v70: bool = var3;
            let v71: bool = (!v70);
            if (v71) {
                let v72: i32 = (v50 * v51);
                let v73: i32 = vr_div_i32(v72, v51);
                let v74: bool = (v73 != v50);
                if (v74) {
                    let v75: i32 = select(v18, v16, v59);
                    var2 = v75;
                    var3 = v7;
                }
                let v76: bool = var3;
                let v77: bool = (!v76);
                if (v77) {
                    var2 = v72;
                    var3 = v7;
                }
            }
        }
    }
    let v78: i32 = var2;
    let v79: bool = (v35 == v78);
    if ((!v79)) {
        return 536870913u;
    }
    let v80: i32 = bitcast<i32>((*s)[2u]);
    let v81: i32 = bitcast<i32>((*s)[3u]);
    let v82: bool = vr_mul_overflows_i32(v80, v81);
    if (v82) {
        (*cover) = ((*cover) | 1u);
    }
    return 0u;
}

@compute
@workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    // zero the workgroup counters (strided by the workgroup size)
    var z: u32 = lid;
    if ((z < 46u)) {
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
    var ev4: u32 = 0u;
    var fb4: u32 = 0u;
    var last4: u32 = 0u;
    var lastcov4: u32 = 0u;
    var ev5: u32 = 0u;
    var fb5: u32 = 0u;
    var last5: u32 = 0u;
    var lastcov5: u32 = 0u;
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
            failures[((off * 6u) + 0u)] = o0;
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
            failures[((off * 6u) + 1u)] = o1;
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
            failures[((off * 6u) + 2u)] = o2;
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
            failures[((off * 6u) + 3u)] = o3;
        }
        if ((o3 != 0u)) {
            fb3 = (fb3 | (1u << j));
            last3 = o3;
        }
        var cov4: u32 = 0u;
        let o4: u32 = prop_4((&s), (&cov4));
        if ((o4 != 4026531840u)) {
            ev4 = (ev4 + 1u);
        }
        if ((MODE == 3u)) {
            failures[((off * 6u) + 4u)] = o4;
        }
        if (((o4 != 0u) || (cov4 != 0u))) {
            fb4 = (fb4 | (1u << j));
            last4 = o4;
            lastcov4 = cov4;
        }
        var cov5: u32 = 0u;
        let o5: u32 = prop_5((&s), (&cov5));
        if ((o5 != 4026531840u)) {
            ev5 = (ev5 + 1u);
        }
        if ((MODE == 3u)) {
            failures[((off * 6u) + 5u)] = o5;
        }
        if (((o5 != 0u) || (cov5 != 0u))) {
            fb5 = (fb5 | (1u << j));
            last5 = o5;
            lastcov5 = cov5;
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
                let slot0: u32 = atomicAdd((&counters[46u]), 1u);
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
            cov1 = 0u;
            o1 = prop_1((&s), (&cov1));
        }
        if ((o1 != 0u)) {
            if (((o1 & 4026531840u) == 268435456u)) {
            } else {
                atomicAdd((&wg_counts[8u]), 1u);
                if (((o1 & 4026531840u) == 536870912u)) {
                    atomicAdd((&wg_counts[(13u + (o1 & 268435455u))]), 1u);
                } else {
                    if (((o1 & 4026531840u) == 1610612736u)) {
                        atomicAdd((&wg_counts[12u]), 1u);
                    } else {
                        atomicAdd((&wg_counts[10u]), 1u);
                    }
                }
                let slot1: u32 = atomicAdd((&counters[47u]), 1u);
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
            } else {
                atomicAdd((&wg_counts[16u]), 1u);
                if (((o2 & 4026531840u) == 536870912u)) {
                    atomicAdd((&wg_counts[(21u + (o2 & 268435455u))]), 1u);
                } else {
                    if (((o2 & 4026531840u) == 1610612736u)) {
                        atomicAdd((&wg_counts[20u]), 1u);
                    } else {
                        atomicAdd((&wg_counts[18u]), 1u);
                    }
                }
                let slot2: u32 = atomicAdd((&counters[48u]), 1u);
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
            cov3 = 0u;
            o3 = prop_3((&s), (&cov3));
        }
        if ((o3 != 0u)) {
            if (((o3 & 4026531840u) == 268435456u)) {
                atomicAdd((&wg_counts[24u]), 1u);
                atomicAdd((&wg_counts[(29u + (o3 & 268435455u))]), 1u);
            } else {
                atomicAdd((&wg_counts[23u]), 1u);
                if (((o3 & 4026531840u) == 536870912u)) {
                    atomicAdd((&wg_counts[(28u + (o3 & 268435455u))]), 1u);
                } else {
                    if (((o3 & 4026531840u) == 1610612736u)) {
                        atomicAdd((&wg_counts[27u]), 1u);
                    } else {
                        atomicAdd((&wg_counts[25u]), 1u);
                    }
                }
                let slot3: u32 = atomicAdd((&counters[49u]), 1u);
                if ((slot3 < params.fail_cap)) {
                    let at3: u32 = (((3u * params.fail_cap) + slot3) * 2u);
                    failures[at3] = off;
                    failures[(at3 + 1u)] = o3;
                }
            }
        }
    }
    for (var f4: u32 = fb4; f4 != 0u; f4 = f4 & (f4 - 1u)) {
        let j: u32 = countTrailingZeros(f4);
        let off: u32 = ((inv * 16u) + j);
        var o4: u32 = last4;
        var cov4: u32 = lastcov4;
        if ((countOneBits(fb4) > 1u)) {
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
            cov4 = 0u;
            o4 = prop_4((&s), (&cov4));
        }
        if ((o4 != 0u)) {
            if (((o4 & 4026531840u) == 268435456u)) {
            } else {
                atomicAdd((&wg_counts[30u]), 1u);
                if (((o4 & 4026531840u) == 536870912u)) {
                    atomicAdd((&wg_counts[(35u + (o4 & 268435455u))]), 1u);
                } else {
                    if (((o4 & 4026531840u) == 1610612736u)) {
                        atomicAdd((&wg_counts[34u]), 1u);
                    } else {
                        atomicAdd((&wg_counts[32u]), 1u);
                    }
                }
                let slot4: u32 = atomicAdd((&counters[50u]), 1u);
                if ((slot4 < params.fail_cap)) {
                    let at4: u32 = (((4u * params.fail_cap) + slot4) * 2u);
                    failures[at4] = off;
                    failures[(at4 + 1u)] = o4;
                }
            }
        }
        if (((cov4 != 0u) && ((o4 & 4026531840u) != 268435456u))) {
            if (((cov4 & 1u) != 0u)) {
                atomicAdd((&wg_counts[37u]), 1u);
            }
        }
    }
    for (var f5: u32 = fb5; f5 != 0u; f5 = f5 & (f5 - 1u)) {
        let j: u32 = countTrailingZeros(f5);
        let off: u32 = ((inv * 16u) + j);
        var o5: u32 = last5;
        var cov5: u32 = lastcov5;
        if ((countOneBits(fb5) > 1u)) {
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
            cov5 = 0u;
            o5 = prop_5((&s), (&cov5));
        }
        if ((o5 != 0u)) {
            if (((o5 & 4026531840u) == 268435456u)) {
            } else {
                atomicAdd((&wg_counts[38u]), 1u);
                if (((o5 & 4026531840u) == 536870912u)) {
                    atomicAdd((&wg_counts[(43u + (o5 & 268435455u))]), 1u);
                } else {
                    if (((o5 & 4026531840u) == 1610612736u)) {
                        atomicAdd((&wg_counts[42u]), 1u);
                    } else {
                        atomicAdd((&wg_counts[40u]), 1u);
                    }
                }
                let slot5: u32 = atomicAdd((&counters[51u]), 1u);
                if ((slot5 < params.fail_cap)) {
                    let at5: u32 = (((5u * params.fail_cap) + slot5) * 2u);
                    failures[at5] = off;
                    failures[(at5 + 1u)] = o5;
                }
            }
        }
        if (((cov5 != 0u) && ((o5 & 4026531840u) != 268435456u))) {
            if (((cov5 & 1u) != 0u)) {
                atomicAdd((&wg_counts[45u]), 1u);
            }
        }
    }
    if ((ev0 != 0u)) {
        atomicAdd((&wg_counts[3u]), ev0);
    }
    if ((ev1 != 0u)) {
        atomicAdd((&wg_counts[11u]), ev1);
    }
    if ((ev2 != 0u)) {
        atomicAdd((&wg_counts[19u]), ev2);
    }
    if ((ev3 != 0u)) {
        atomicAdd((&wg_counts[26u]), ev3);
    }
    if ((ev4 != 0u)) {
        atomicAdd((&wg_counts[33u]), ev4);
    }
    if ((ev5 != 0u)) {
        atomicAdd((&wg_counts[41u]), ev5);
    }
    workgroupBarrier();
    z = lid;
    if ((z < 46u)) {
        let c: u32 = atomicLoad((&wg_counts[z]));
        if ((c != 0u)) {
            atomicAdd((&counters[z]), c);
        }
    }
}


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

fn load_random(lo: u32, hi: u32, key: vec2<u32>, s: ptr<function, array<u32, 17>>) {
    let r0: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 0u, 0u), key);
    let r1: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 1u, 0u), key);
    let r2: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 2u, 0u), key);
    let r3: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 3u, 0u), key);
    let r4: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 4u, 0u), key);
    (*s)[0u] = vr_decode_int(r0.x, 1u, 10000u);
    (*s)[1u] = vr_decode_int(r0.y, 0u, 0u);
    (*s)[2u] = vr_decode_int(r0.z, 0u, 0u);
    (*s)[3u] = vr_decode_int(r0.w, 0u, 0u);
    (*s)[4u] = vr_decode_int(r1.x, 0u, 0u);
    (*s)[5u] = vr_decode_int(r1.y, 0u, 0u);
    (*s)[6u] = vr_decode_int(r1.z, 0u, 0u);
    (*s)[7u] = vr_decode_int(r1.w, 0u, 0u);
    (*s)[8u] = vr_decode_int(r2.x, 0u, 0u);
    (*s)[9u] = vr_decode_int(r2.y, 0u, 0u);
    (*s)[10u] = vr_decode_int(r2.z, 0u, 0u);
    (*s)[11u] = vr_decode_int(r2.w, 0u, 0u);
    (*s)[12u] = vr_decode_int(r3.x, 0u, 0u);
    (*s)[13u] = vr_decode_int(r3.y, 0u, 0u);
    (*s)[14u] = vr_decode_int(r3.z, 0u, 0u);
    (*s)[15u] = vr_decode_int(r3.w, 0u, 0u);
    (*s)[16u] = vr_decode_int(r4.x, 0u, 0u);
}

fn load_exhaustive(off: u32, s: ptr<function, array<u32, 17>>) {
    var rem: u32 = off;
    var carry: u32 = 0u;
    let d0: u32 = (rem % 10000u);
    rem = (rem / 10000u);
    let r0: vec2<u32> = vr_digit_add(aux[0u], d0, carry, 10000u);
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
    let d4: u32 = rem;
    rem = 0u;
    let r4: vec2<u32> = vr_digit_add(aux[4u], d4, carry, 0u);
    carry = r4.y;
    (*s)[4u] = (0u + r4.x);
    let d5: u32 = rem;
    rem = 0u;
    let r5: vec2<u32> = vr_digit_add(aux[5u], d5, carry, 0u);
    carry = r5.y;
    (*s)[5u] = (0u + r5.x);
    let d6: u32 = rem;
    rem = 0u;
    let r6: vec2<u32> = vr_digit_add(aux[6u], d6, carry, 0u);
    carry = r6.y;
    (*s)[6u] = (0u + r6.x);
    let d7: u32 = rem;
    rem = 0u;
    let r7: vec2<u32> = vr_digit_add(aux[7u], d7, carry, 0u);
    carry = r7.y;
    (*s)[7u] = (0u + r7.x);
    let d8: u32 = rem;
    rem = 0u;
    let r8: vec2<u32> = vr_digit_add(aux[8u], d8, carry, 0u);
    carry = r8.y;
    (*s)[8u] = (0u + r8.x);
    let d9: u32 = rem;
    rem = 0u;
    let r9: vec2<u32> = vr_digit_add(aux[9u], d9, carry, 0u);
    carry = r9.y;
    (*s)[9u] = (0u + r9.x);
    let d10: u32 = rem;
    rem = 0u;
    let r10: vec2<u32> = vr_digit_add(aux[10u], d10, carry, 0u);
    carry = r10.y;
    (*s)[10u] = (0u + r10.x);
    let d11: u32 = rem;
    rem = 0u;
    let r11: vec2<u32> = vr_digit_add(aux[11u], d11, carry, 0u);
    carry = r11.y;
    (*s)[11u] = (0u + r11.x);
    let d12: u32 = rem;
    rem = 0u;
    let r12: vec2<u32> = vr_digit_add(aux[12u], d12, carry, 0u);
    carry = r12.y;
    (*s)[12u] = (0u + r12.x);
    let d13: u32 = rem;
    rem = 0u;
    let r13: vec2<u32> = vr_digit_add(aux[13u], d13, carry, 0u);
    carry = r13.y;
    (*s)[13u] = (0u + r13.x);
    let d14: u32 = rem;
    rem = 0u;
    let r14: vec2<u32> = vr_digit_add(aux[14u], d14, carry, 0u);
    carry = r14.y;
    (*s)[14u] = (0u + r14.x);
    let d15: u32 = rem;
    rem = 0u;
    let r15: vec2<u32> = vr_digit_add(aux[15u], d15, carry, 0u);
    carry = r15.y;
    (*s)[15u] = (0u + r15.x);
    let d16: u32 = rem;
    rem = 0u;
    let r16: vec2<u32> = vr_digit_add(aux[16u], d16, carry, 0u);
    carry = r16.y;
    (*s)[16u] = (0u + r16.x);
}

fn load_explicit(off: u32, s: ptr<function, array<u32, 17>>) {
    for (var k: u32 = 0u; k < 17u; k = k + 1u) {
        (*s)[k] = aux[((off * 17u) + k)];
    }
}

fn prop_0(s: ptr<function, array<u32, 17>>, cover: ptr<function, u32>) -> u32 {
    var var0: u32;
    var var1: bool;
    var var2: bool;
    var var3: u32;
    var var4: u32;
    var var5: u32;
    let v0: u32 = 0u;
    let v1: bool = false;
    let v2: bool = true;
    let v5: u32 = 1000u;
    let v7: u32 = 500u;
    let v14: u32 = 1u;
    let v18: u32 = 990u;
    let v20: u32 = 999u;
    var1 = v1;
    var2 = v2;
    var3 = v0;
    var4 = v0;
    {
        var t5: u32 = 0u;
        for (; t5 < 16u; t5 = t5 + 1u) {
            var5 = (0u + t5);
            let v3: u32 = var5;
            let v4: u32 = (*s)[(1u + min(v3, 15u))];
            let v6: u32 = (v4 % v5);
            let v8: bool = (v6 < v7);
            if (v8) {
                let v9: bool = var2;
                if (v9) {
                    let v13: u32 = var4;
                    let v15: u32 = (v13 + v14);
                    var4 = v15;
                    let v16: u32 = var3;
                    let v17: u32 = (v16 + v14);
                    var3 = v17;
                    var1 = v2;
                }
            } else {
                let v19: bool = (v6 < v18);
                if (v19) {
                    var1 = v1;
                } else {
                    let v21: bool = (v6 < v20);
                    if (v21) {
                        let v22: bool = var2;
                        let v23: bool = (!v22);
                        var2 = v23;
                    } else {
                        let v24: bool = var1;
                        let v25: bool = var2;
                        let v26: bool = (!v25);
                        let v27: bool = (v24 & v26);
                        if (v27) {
                            let v31: u32 = var4;
                            let v32: u32 = (v31 + v14);
                            var4 = v32;
                        }
                    }
                }
            }
        }
        if ((t5 != 16u)) {
            return 4026531840u;
        }
    }
    let v33: u32 = var4;
    let v34: u32 = var3;
    let v35: bool = (v33 <= v34);
    if ((!v35)) {
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
    var last0: array<u32, 16>;
    let key: vec2<u32> = vec2<u32>(params.key0, params.key1);
    for (var j: u32 = 0u; j < 16u; j = j + 1u) {
        let off: u32 = ((inv * 16u) + j);
        if ((off >= params.count)) {
            break;
        }
        let lo: u32 = (params.base_lo + off);
        let hi: u32 = (params.base_hi + select(0u, 1u, (lo < off)));
        var s: array<u32, 17>;
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
            last0[j] = o0;
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

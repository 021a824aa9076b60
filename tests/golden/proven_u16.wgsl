
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
var<workgroup> wg_counts: array<atomic<u32>, 7>;
override MODE: u32 = 0u;

fn load_random(lo: u32, hi: u32, key: vec2<u32>, s: ptr<function, array<u32, 1>>) {
    let r0: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 0u, 0u), key);
    (*s)[0u] = vr_decode_int(r0.x, 0u, 65536u);
}

fn load_exhaustive(off: u32, s: ptr<function, array<u32, 1>>) {
    var rem: u32 = off;
    var carry: u32 = 0u;
    let d0: u32 = (rem % 65536u);
    rem = (rem / 65536u);
    let r0: vec2<u32> = vr_digit_add(aux[0u], d0, carry, 65536u);
    carry = r0.y;
    (*s)[0u] = (0u + r0.x);
}

fn load_explicit(off: u32, s: ptr<function, array<u32, 1>>) {
    for (var k: u32 = 0u; k < 1u; k = k + 1u) {
        (*s)[k] = aux[((off * 1u) + k)];
    }
}

fn prop_0(s: ptr<function, array<u32, 1>>, cover: ptr<function, u32>) -> u32 {
    var var0: u32;
    var var1: u32;
    let v1: u32 = 255u;
    let v3: u32 = 8u;
    let v10: u32 = 510u;
    let v20: u32 = 0u;
    let v0: u32 = (*s)[0u];
    let v2: u32 = (v0 & v1);
    let v4: u32 = (v0 >> (v3 & 31u));
    let v5: u32 = (v2 + v4);
    let v6: u32 = (v5 & v1);
    let v7: u32 = (v5 >> (v3 & 31u));
    let v8: u32 = (v6 + v7);
    var0 = v8;
    let v9: u32 = var0;
    let v11: bool = (v9 <= v10);
    if ((!v11)) {
        return 536870912u;
    }
    let v12: u32 = (*s)[0u];
    let v13: u32 = (v12 & v1);
    let v14: u32 = (v12 >> (v3 & 31u));
    let v15: u32 = (v13 + v14);
    let v16: u32 = (v15 & v1);
    let v17: u32 = (v15 >> (v3 & 31u));
    let v18: u32 = (v16 + v17);
    var1 = v18;
    let v19: u32 = var1;
    let v21: bool = (v19 == v20);
    let v22: u32 = (*s)[0u];
    let v23: bool = (v22 == v20);
    let v24: bool = (v21 == v23);
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
    if ((z < 7u)) {
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
                let slot0: u32 = atomicAdd((&counters[7u]), 1u);
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
    if ((z < 7u)) {
        let c: u32 = atomicLoad((&wg_counts[z]));
        if ((c != 0u)) {
            atomicAdd((&counters[z]), c);
        }
    }
}

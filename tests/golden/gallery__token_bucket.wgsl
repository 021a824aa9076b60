
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
var<workgroup> wg_counts: array<atomic<u32>, 20>;
override MODE: u32 = 0u;

fn load_random(lo: u32, hi: u32, key: vec2<u32>, s: ptr<function, array<u32, 32>>) {
    let r0: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 0u, 0u), key);
    let r1: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 1u, 0u), key);
    let r2: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 2u, 0u), key);
    let r3: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 3u, 0u), key);
    let r4: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 4u, 0u), key);
    let r5: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 5u, 0u), key);
    let r6: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 6u, 0u), key);
    let r7: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 7u, 0u), key);
    (*s)[0u] = vr_decode_int(r0.x, 0u, 5u);
    (*s)[1u] = vr_decode_int(r0.y, 0u, 5u);
    (*s)[2u] = vr_decode_int(r0.z, 0u, 5u);
    (*s)[3u] = vr_decode_int(r0.w, 0u, 5u);
    (*s)[4u] = vr_decode_int(r1.x, 0u, 5u);
    (*s)[5u] = vr_decode_int(r1.y, 0u, 5u);
    (*s)[6u] = vr_decode_int(r1.z, 0u, 5u);
    (*s)[7u] = vr_decode_int(r1.w, 0u, 5u);
    (*s)[8u] = vr_decode_int(r2.x, 0u, 5u);
    (*s)[9u] = vr_decode_int(r2.y, 0u, 5u);
    (*s)[10u] = vr_decode_int(r2.z, 0u, 5u);
    (*s)[11u] = vr_decode_int(r2.w, 0u, 5u);
    (*s)[12u] = vr_decode_int(r3.x, 0u, 5u);
    (*s)[13u] = vr_decode_int(r3.y, 0u, 5u);
    (*s)[14u] = vr_decode_int(r3.z, 0u, 5u);
    (*s)[15u] = vr_decode_int(r3.w, 0u, 5u);
    (*s)[16u] = vr_decode_int(r4.x, 1u, 4u);
    (*s)[17u] = vr_decode_int(r4.y, 1u, 4u);
    (*s)[18u] = vr_decode_int(r4.z, 1u, 4u);
    (*s)[19u] = vr_decode_int(r4.w, 1u, 4u);
    (*s)[20u] = vr_decode_int(r5.x, 1u, 4u);
    (*s)[21u] = vr_decode_int(r5.y, 1u, 4u);
    (*s)[22u] = vr_decode_int(r5.z, 1u, 4u);
    (*s)[23u] = vr_decode_int(r5.w, 1u, 4u);
    (*s)[24u] = vr_decode_int(r6.x, 1u, 4u);
    (*s)[25u] = vr_decode_int(r6.y, 1u, 4u);
    (*s)[26u] = vr_decode_int(r6.z, 1u, 4u);
    (*s)[27u] = vr_decode_int(r6.w, 1u, 4u);
    (*s)[28u] = vr_decode_int(r7.x, 1u, 4u);
    (*s)[29u] = vr_decode_int(r7.y, 1u, 4u);
    (*s)[30u] = vr_decode_int(r7.z, 1u, 4u);
    (*s)[31u] = vr_decode_int(r7.w, 1u, 4u);
}

fn load_exhaustive(off: u32, s: ptr<function, array<u32, 32>>) {
    var rem: u32 = off;
    var carry: u32 = 0u;
    let d0: u32 = (rem % 5u);
    rem = (rem / 5u);
    let r0: vec2<u32> = vr_digit_add(aux[0u], d0, carry, 5u);
    carry = r0.y;
    (*s)[0u] = (0u + r0.x);
    let d1: u32 = (rem % 5u);
    rem = (rem / 5u);
    let r1: vec2<u32> = vr_digit_add(aux[1u], d1, carry, 5u);
    carry = r1.y;
    (*s)[1u] = (0u + r1.x);
    let d2: u32 = (rem % 5u);
    rem = (rem / 5u);
    let r2: vec2<u32> = vr_digit_add(aux[2u], d2, carry, 5u);
    carry = r2.y;
    (*s)[2u] = (0u + r2.x);
    let d3: u32 = (rem % 5u);
    rem = (rem / 5u);
    let r3: vec2<u32> = vr_digit_add(aux[3u], d3, carry, 5u);
    carry = r3.y;
    (*s)[3u] = (0u + r3.x);
    let d4: u32 = (rem % 5u);
    rem = (rem / 5u);
    let r4: vec2<u32> = vr_digit_add(aux[4u], d4, carry, 5u);
    carry = r4.y;
    (*s)[4u] = (0u + r4.x);
    let d5: u32 = (rem % 5u);
    rem = (rem / 5u);
    let r5: vec2<u32> = vr_digit_add(aux[5u], d5, carry, 5u);
    carry = r5.y;
    (*s)[5u] = (0u + r5.x);
    let d6: u32 = (rem % 5u);
    rem = (rem / 5u);
    let r6: vec2<u32> = vr_digit_add(aux[6u], d6, carry, 5u);
    carry = r6.y;
    (*s)[6u] = (0u + r6.x);
    let d7: u32 = (rem % 5u);
    rem = (rem / 5u);
    let r7: vec2<u32> = vr_digit_add(aux[7u], d7, carry, 5u);
    carry = r7.y;
    (*s)[7u] = (0u + r7.x);
    let d8: u32 = (rem % 5u);
    rem = (rem / 5u);
    let r8: vec2<u32> = vr_digit_add(aux[8u], d8, carry, 5u);
    carry = r8.y;
    (*s)[8u] = (0u + r8.x);
    let d9: u32 = (rem % 5u);
    rem = (rem / 5u);
    let r9: vec2<u32> = vr_digit_add(aux[9u], d9, carry, 5u);
    carry = r9.y;
    (*s)[9u] = (0u + r9.x);
    let d10: u32 = (rem % 5u);
    rem = (rem / 5u);
    let r10: vec2<u32> = vr_digit_add(aux[10u], d10, carry, 5u);
    carry = r10.y;
    (*s)[10u] = (0u + r10.x);
    let d11: u32 = (rem % 5u);
    rem = (rem / 5u);
    let r11: vec2<u32> = vr_digit_add(aux[11u], d11, carry, 5u);
    carry = r11.y;
    (*s)[11u] = (0u + r11.x);
    let d12: u32 = (rem % 5u);
    rem = (rem / 5u);
    let r12: vec2<u32> = vr_digit_add(aux[12u], d12, carry, 5u);
    carry = r12.y;
    (*s)[12u] = (0u + r12.x);
    let d13: u32 = (rem % 5u);
    rem = (rem / 5u);
    let r13: vec2<u32> = vr_digit_add(aux[13u], d13, carry, 5u);
    carry = r13.y;
    (*s)[13u] = (0u + r13.x);
    let d14: u32 = (rem % 5u);
    rem = (rem / 5u);
    let r14: vec2<u32> = vr_digit_add(aux[14u], d14, carry, 5u);
    carry = r14.y;
    (*s)[14u] = (0u + r14.x);
    let d15: u32 = (rem % 5u);
    rem = (rem / 5u);
    let r15: vec2<u32> = vr_digit_add(aux[15u], d15, carry, 5u);
    carry = r15.y;
    (*s)[15u] = (0u + r15.x);
    let d16: u32 = (rem % 4u);
    rem = (rem / 4u);
    let r16: vec2<u32> = vr_digit_add(aux[16u], d16, carry, 4u);
    carry = r16.y;
    (*s)[16u] = (1u + r16.x);
    let d17: u32 = (rem % 4u);
    rem = (rem / 4u);
    let r17: vec2<u32> = vr_digit_add(aux[17u], d17, carry, 4u);
    carry = r17.y;
    (*s)[17u] = (1u + r17.x);
    let d18: u32 = (rem % 4u);
    rem = (rem / 4u);
    let r18: vec2<u32> = vr_digit_add(aux[18u], d18, carry, 4u);
    carry = r18.y;
    (*s)[18u] = (1u + r18.x);
    let d19: u32 = (rem % 4u);
    rem = (rem / 4u);
    let r19: vec2<u32> = vr_digit_add(aux[19u], d19, carry, 4u);
    carry = r19.y;
    (*s)[19u] = (1u + r19.x);
    let d20: u32 = (rem % 4u);
    rem = (rem / 4u);
    let r20: vec2<u32> = vr_digit_add(aux[20u], d20, carry, 4u);
    carry = r20.y;
    (*s)[20u] = (1u + r20.x);
    let d21: u32 = (rem % 4u);
    rem = (rem / 4u);
    let r21: vec2<u32> = vr_digit_add(aux[21u], d21, carry, 4u);
    carry = r21.y;
    (*s)[21u] = (1u + r21.x);
    let d22: u32 = (rem % 4u);
    rem = (rem / 4u);
    let r22: vec2<u32> = vr_digit_add(aux[22u], d22, carry, 4u);
    carry = r22.y;
    (*s)[22u] = (1u + r22.x);
    let d23: u32 = (rem % 4u);
    rem = (rem / 4u);
    let r23: vec2<u32> = vr_digit_add(aux[23u], d23, carry, 4u);
    carry = r23.y;
    (*s)[23u] = (1u + r23.x);
    let d24: u32 = (rem % 4u);
    rem = (rem / 4u);
    let r24: vec2<u32> = vr_digit_add(aux[24u], d24, carry, 4u);
    carry = r24.y;
    (*s)[24u] = (1u + r24.x);
    let d25: u32 = (rem % 4u);
    rem = (rem / 4u);
    let r25: vec2<u32> = vr_digit_add(aux[25u], d25, carry, 4u);
    carry = r25.y;
    (*s)[25u] = (1u + r25.x);
    let d26: u32 = (rem % 4u);
    rem = (rem / 4u);
    let r26: vec2<u32> = vr_digit_add(aux[26u], d26, carry, 4u);
    carry = r26.y;
    (*s)[26u] = (1u + r26.x);
    let d27: u32 = (rem % 4u);
    rem = (rem / 4u);
    let r27: vec2<u32> = vr_digit_add(aux[27u], d27, carry, 4u);
    carry = r27.y;
    (*s)[27u] = (1u + r27.x);
    let d28: u32 = (rem % 4u);
    rem = (rem / 4u);
    let r28: vec2<u32> = vr_digit_add(aux[28u], d28, carry, 4u);
    carry = r28.y;
    (*s)[28u] = (1u + r28.x);
    let d29: u32 = (rem % 4u);
    rem = (rem / 4u);
    let r29: vec2<u32> = vr_digit_add(aux[29u], d29, carry, 4u);
    carry = r29.y;
    (*s)[29u] = (1u + r29.x);
    let d30: u32 = (rem % 4u);
    rem = (rem / 4u);
    let r30: vec2<u32> = vr_digit_add(aux[30u], d30, carry, 4u);
    carry = r30.y;
    (*s)[30u] = (1u + r30.x);
    let d31: u32 = (rem % 4u);
    rem = (rem / 4u);
    let r31: vec2<u32> = vr_digit_add(aux[31u], d31, carry, 4u);
    carry = r31.y;
    (*s)[31u] = (1u + r31.x);
}

fn load_explicit(off: u32, s: ptr<function, array<u32, 32>>) {
    for (var k: u32 = 0u; k < 32u; k = k + 1u) {
        (*s)[k] = aux[((off * 32u) + k)];
    }
}

fn prop_0(s: ptr<function, array<u32, 32>>, cover: ptr<function, u32>) -> u32 {
    var var0: u32;
    var var1: u32;
    var var2: array<u32, 16>;
    var var3: array<u32, 16>;
    var var4: array<u32, 16>;
    var var5: array<u32, 16>;
    var var6: u32;
    var var7: bool;
    var var8: bool;
    var var9: u32;
    var var10: u32;
    var var11: u32;
    let v0: u32 = 8u;
    let v1: u32 = 0u;
    let v2: u32 = 1u;
    let v3: u32 = 2u;
    let v4: u32 = 3u;
    let v5: u32 = 4u;
    let v6: u32 = 5u;
    let v7: u32 = 6u;
    let v8: u32 = 7u;
    let v9: u32 = 9u;
    let v10: u32 = 10u;
    let v11: u32 = 11u;
    let v12: u32 = 12u;
    let v13: u32 = 13u;
    let v14: u32 = 14u;
    let v15: u32 = 15u;
    let v33: bool = false;
    let v50: bool = true;
    var0 = v0;
    var1 = v1;
    var2[min(v1, 15u)] = v1;
    var2[min(v2, 15u)] = v1;
    var2[min(v3, 15u)] = v1;
    var2[min(v4, 15u)] = v1;
    var2[min(v5, 15u)] = v1;
    var2[min(v6, 15u)] = v1;
    var2[min(v7, 15u)] = v1;
    var2[min(v8, 15u)] = v1;
    var2[min(v0, 15u)] = v1;
    var2[min(v9, 15u)] = v1;
    var2[min(v10, 15u)] = v1;
    var2[min(v11, 15u)] = v1;
    var2[min(v12, 15u)] = v1;
    var2[min(v13, 15u)] = v1;
    var2[min(v14, 15u)] = v1;
    var2[min(v15, 15u)] = v1;
    var3 = var2;
    var4[min(v1, 15u)] = v1;
    var4[min(v2, 15u)] = v1;
    var4[min(v3, 15u)] = v1;
    var4[min(v4, 15u)] = v1;
    var4[min(v5, 15u)] = v1;
    var4[min(v6, 15u)] = v1;
    var4[min(v7, 15u)] = v1;
    var4[min(v8, 15u)] = v1;
    var4[min(v0, 15u)] = v1;
    var4[min(v9, 15u)] = v1;
    var4[min(v10, 15u)] = v1;
    var4[min(v11, 15u)] = v1;
    var4[min(v12, 15u)] = v1;
    var4[min(v13, 15u)] = v1;
    var4[min(v14, 15u)] = v1;
    var4[min(v15, 15u)] = v1;
    var5 = var4;
    {
        var t6: u32 = 0u;
        for (; t6 < 16u; t6 = t6 + 1u) {
            var6 = (0u + t6);
            let v16: u32 = var6;
            let v17: u32 = var1;
            let v18: u32 = (*s)[(0u + min(v16, 15u))];
            let v19: u32 = (v17 + v18);
            var1 = v19;
            let v20: u32 = var1;
            var3[min(v16, 15u)] = v20;
            let v21: u32 = var0;
            let v22: u32 = (*s)[(0u + min(v16, 15u))];
            let v23: u32 = (v21 + v22);
            var0 = v23;
            let v24: u32 = var0;
            let v25: u32 = (*s)[(16u + min(v16, 15u))];
            let v26: bool = (v24 >= v25);
            if (v26) {
                let v27: u32 = var0;
                let v28: u32 = (*s)[(16u + min(v16, 15u))];
                let v29: u32 = (v27 - v28);
                var0 = v29;
                let v30: u32 = (*s)[(16u + min(v16, 15u))];
                var5[min(v16, 15u)] = v30;
            }
            let v31: u32 = var0;
            let v32: u32 = min(v31, v0);
            var0 = v32;
        }
        if ((t6 != 16u)) {
            return 4026531840u;
        }
    }
    var8 = v33;
    {
        var t9: u32 = 0u;
        for (; t9 < 16u; t9 = t9 + 1u) {
            var9 = (0u + t9);
            let v34: u32 = var9;
            let v35: bool = var8;
            let v36: bool = (!v35);
            if (v36) {
                var10 = v1;
                {
                    var t11: u32 = 0u;
                    for (; t11 < 16u; t11 = t11 + 1u) {
                        var11 = (0u + t11);
                        let v37: u32 = var11;
                        let v38: bool = var8;
                        let v39: bool = (!v38);
                        if (v39) {
                            let v40: bool = (v37 >= v34);
                            if (v40) {
                                let v41: u32 = var10;
                                let v42: u32 = var5[min(v37, 15u)];
                                let v43: u32 = (v41 + v42);
                                var10 = v43;
                                let v44: u32 = var10;
                                let v45: u32 = var3[min(v37, 15u)];
                                let v46: u32 = var3[min(v34, 15u)];
                                let v47: u32 = (v45 - v46);
                                let v48: u32 = (v0 + v47);
                                let v49: bool = (v44 > v48);
                                if (v49) {
                                    var7 = v33;
                                    var8 = v50;
                                }
                            }
                        }
                    }
                    if ((t11 != 16u)) {
                        return 4026531840u;
                    }
                }
            }
        }
        if ((t9 != 16u)) {
            return 4026531840u;
        }
    }
    let v51: bool = var8;
    let v52: bool = (!v51);
    if (v52) {
        var7 = v50;
        var8 = v50;
    }
    let v53: bool = var7;
    if ((!v53)) {
        return 536870912u;
    }
    return 0u;
}

fn prop_1(s: ptr<function, array<u32, 32>>, cover: ptr<function, u32>) -> u32 {
    var var0: u32;
    var var1: u32;
    var var2: array<u32, 16>;
    var var3: array<u32, 16>;
    var var4: array<u32, 16>;
    var var5: array<u32, 16>;
    var var6: u32;
    var var7: bool;
    var var8: bool;
    var var9: u32;
    var var10: u32;
    var var11: u32;
    let v0: u32 = 8u;
    let v1: u32 = 0u;
    let v2: u32 = 1u;
    let v3: u32 = 2u;
    let v4: u32 = 3u;
    let v5: u32 = 4u;
    let v6: u32 = 5u;
    let v7: u32 = 6u;
    let v8: u32 = 7u;
    let v9: u32 = 9u;
    let v10: u32 = 10u;
    let v11: u32 = 11u;
    let v12: u32 = 12u;
    let v13: u32 = 13u;
    let v14: u32 = 14u;
    let v15: u32 = 15u;
    let v32: bool = false;
    let v49: bool = true;
    var0 = v0;
    var1 = v1;
    var2[min(v1, 15u)] = v1;
    var2[min(v2, 15u)] = v1;
    var2[min(v3, 15u)] = v1;
    var2[min(v4, 15u)] = v1;
    var2[min(v5, 15u)] = v1;
    var2[min(v6, 15u)] = v1;
    var2[min(v7, 15u)] = v1;
    var2[min(v8, 15u)] = v1;
    var2[min(v0, 15u)] = v1;
    var2[min(v9, 15u)] = v1;
    var2[min(v10, 15u)] = v1;
    var2[min(v11, 15u)] = v1;
    var2[min(v12, 15u)] = v1;
    var2[min(v13, 15u)] = v1;
    var2[min(v14, 15u)] = v1;
    var2[min(v15, 15u)] = v1;
    var3 = var2;
    var4[min(v1, 15u)] = v1;
    var4[min(v2, 15u)] = v1;
    var4[min(v3, 15u)] = v1;
    var4[min(v4, 15u)] = v1;
    var4[min(v5, 15u)] = v1;
    var4[min(v6, 15u)] = v1;
    var4[min(v7, 15u)] = v1;
    var4[min(v8, 15u)] = v1;
    var4[min(v0, 15u)] = v1;
    var4[min(v9, 15u)] = v1;
    var4[min(v10, 15u)] = v1;
    var4[min(v11, 15u)] = v1;
    var4[min(v12, 15u)] = v1;
    var4[min(v13, 15u)] = v1;
    var4[min(v14, 15u)] = v1;
    var4[min(v15, 15u)] = v1;
    var5 = var4;
    {
        var t6: u32 = 0u;
        for (; t6 < 16u; t6 = t6 + 1u) {
            var6 = (0u + t6);
            let v16: u32 = var6;
            let v17: u32 = var1;
            let v18: u32 = (*s)[(0u + min(v16, 15u))];
            let v19: u32 = (v17 + v18);
            var1 = v19;
            let v20: u32 = var1;
            var3[min(v16, 15u)] = v20;
            let v21: u32 = var0;
            let v22: u32 = (*s)[(0u + min(v16, 15u))];
            let v23: u32 = (v21 + v22);
            let v24: u32 = min(v23, v0);
            var0 = v24;
            let v25: u32 = var0;
            let v26: u32 = (*s)[(16u + min(v16, 15u))];
            let v27: bool = (v25 >= v26);
            if (v27) {
                let v28: u32 = var0;
                let v29: u32 = (*s)[(16u + min(v16, 15u))];
                let v30: u32 = (v28 - v29);
                var0 = v30;
                let v31: u32 = (*s)[(16u + min(v16, 15u))];
                var5[min(v16, 15u)] = v31;
            }
        }
        if ((t6 != 16u)) {
            return 4026531840u;
        }
    }
    var8 = v32;
    {
        var t9: u32 = 0u;
        for (; t9 < 16u; t9 = t9 + 1u) {
            var9 = (0u + t9);
            let v33: u32 = var9;
            let v34: bool = var8;
            let v35: bool = (!v34);
            if (v35) {
                var10 = v1;
                {
                    var t11: u32 = 0u;
                    for (; t11 < 16u; t11 = t11 + 1u) {
                        var11 = (0u + t11);
                        let v36: u32 = var11;
                        let v37: bool = var8;
                        let v38: bool = (!v37);
                        if (v38) {
                            let v39: bool = (v36 >= v33);
                            if (v39) {
                                let v40: u32 = var10;
                                let v41: u32 = var5[min(v36, 15u)];
                                let v42: u32 = (v40 + v41);
                                var10 = v42;
                                let v43: u32 = var10;
                                let v44: u32 = var3[min(v36, 15u)];
                                let v45: u32 = var3[min(v33, 15u)];
                                let v46: u32 = (v44 - v45);
                                let v47: u32 = (v0 + v46);
                                let v48: bool = (v43 > v47);
                                if (v48) {
                                    var7 = v32;
                                    var8 = v49;
                                }
                            }
                        }
                    }
                    if ((t11 != 16u)) {
                        return 4026531840u;
                    }
                }
            }
        }
        if ((t9 != 16u)) {
            return 4026531840u;
        }
    }
    let v50: bool = var8;
    let v51: bool = (!v50);
    if (v51) {
        var7 = v49;
        var8 = v49;
    }
    let v52: bool = var7;
    if ((!v52)) {
        return 536870912u;
    }
    return 0u;
}

fn prop_2(s: ptr<function, array<u32, 32>>, cover: ptr<function, u32>) -> u32 {
    var var0: u32;
    var var1: u32;
    var var2: u32;
    let v0: u32 = 8u;
    let v1: u32 = 0u;
    let v17: u32 = 1u;
    var0 = v0;
    var1 = v1;
    {
        var t2: u32 = 0u;
        for (; t2 < 16u; t2 = t2 + 1u) {
            var2 = (0u + t2);
            let v2: u32 = var2;
            let v3: u32 = var0;
            let v4: u32 = (*s)[(0u + min(v2, 15u))];
            let v5: u32 = (v3 + v4);
            let v6: u32 = min(v5, v0);
            var0 = v6;
            let v7: u32 = var0;
            let v8: u32 = (*s)[(16u + min(v2, 15u))];
            let v9: bool = (v7 >= v8);
            if (v9) {
                let v10: u32 = var0;
                let v11: u32 = (*s)[(16u + min(v2, 15u))];
                let v12: u32 = (v10 - v11);
                var0 = v12;
            } else {
                let v13: u32 = (*s)[(0u + min(v2, 15u))];
                let v14: u32 = (*s)[(16u + min(v2, 15u))];
                let v15: bool = (v13 < v14);
                if ((!v15)) {
                    return 536870912u;
                }
                let v16: u32 = var1;
                let v18: u32 = (v16 + v17);
                var1 = v18;
            }
        }
        if ((t2 != 16u)) {
            return 4026531840u;
        }
    }
    let v19: u32 = var1;
    let v20: bool = (v19 > v1);
    if (v20) {
        (*cover) = ((*cover) | 1u);
    }
    let v21: u32 = var1;
    let v22: bool = (v21 == v1);
    if (v22) {
        (*cover) = ((*cover) | 2u);
    }
    return 0u;
}

@compute
@workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    // zero the workgroup counters (strided by the workgroup size)
    var z: u32 = lid;
    if ((z < 20u)) {
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
    var last2: array<u32, 16>;
    var lastcov2: array<u32, 16>;
    let key: vec2<u32> = vec2<u32>(params.key0, params.key1);
    for (var j: u32 = 0u; j < 16u; j = j + 1u) {
        let off: u32 = ((inv * 16u) + j);
        if ((off >= params.count)) {
            break;
        }
        let lo: u32 = (params.base_lo + off);
        let hi: u32 = (params.base_hi + select(0u, 1u, (lo < off)));
        var s: array<u32, 32>;
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
        if (((o2 != 0u) || (cov2 != 0u))) {
            fb2 = (fb2 | (1u << j));
            last2[j] = o2;
            lastcov2[j] = cov2;
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
                let slot0: u32 = atomicAdd((&counters[20u]), 1u);
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
                let slot1: u32 = atomicAdd((&counters[21u]), 1u);
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
        var o2: u32 = last2[j];
        var cov2: u32 = lastcov2[j];
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
                let slot2: u32 = atomicAdd((&counters[22u]), 1u);
                if ((slot2 < params.fail_cap)) {
                    let at2: u32 = (((2u * params.fail_cap) + slot2) * 2u);
                    failures[at2] = off;
                    failures[(at2 + 1u)] = o2;
                }
            }
        }
        if (((cov2 != 0u) && ((o2 & 4026531840u) != 268435456u))) {
            if (((cov2 & 1u) != 0u)) {
                atomicAdd((&wg_counts[18u]), 1u);
            }
            if (((cov2 & 2u) != 0u)) {
                atomicAdd((&wg_counts[19u]), 1u);
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
    if ((z < 20u)) {
        let c: u32 = atomicLoad((&wg_counts[z]));
        if ((c != 0u)) {
            atomicAdd((&counters[z]), c);
        }
    }
}

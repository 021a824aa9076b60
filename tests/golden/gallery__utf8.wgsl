
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
var<workgroup> wg_counts: array<atomic<u32>, 21>;
override MODE: u32 = 0u;

fn load_random(lo: u32, hi: u32, s: ptr<function, array<u32, 1>>) {
    let r0: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 0u, 0u), vec2<u32>(params.key0, params.key1));
    (*s)[0u] = vr_decode_int(r0.x, 0u, 0u);
}

fn load_exhaustive(off: u32, s: ptr<function, array<u32, 1>>) {
    var rem: u32 = off;
    var carry: u32 = 0u;
    let d0: u32 = rem;
    rem = 0u;
    let r0: vec2<u32> = vr_digit_add(aux[0u], d0, carry, 0u);
    carry = r0.y;
    (*s)[0u] = (0u + r0.x);
}

fn load_explicit(off: u32, s: ptr<function, array<u32, 1>>) {
    for (var k: u32 = 0u; k < 1u; k = k + 1u) {
        (*s)[k] = aux[((off * 1u) + k)];
    }
}

fn prop_0(s: ptr<function, array<u32, 1>>, cover: ptr<function, u32>) -> u32 {
    var var0: array<u32, 5>;
    var var1: bool;
    var var2: array<u32, 5>;
    var var3: array<u32, 5>;
    var var4: array<u32, 5>;
    var var5: array<u32, 5>;
    var var6: array<u32, 4>;
    var var7: array<u32, 2>;
    var var8: bool;
    var var9: u32;
    var var10: u32;
    var var11: array<u32, 2>;
    var var12: array<u32, 2>;
    var var13: u32;
    var var14: bool;
    var var15: u32;
    var var16: array<u32, 2>;
    var var17: array<u32, 2>;
    var var18: array<u32, 2>;
    var var19: array<u32, 2>;
    let v1: u32 = 1114112u;
    let v3: u32 = 55296u;
    let v5: u32 = 57343u;
    let v8: bool = false;
    let v9: u32 = 128u;
    let v11: u32 = 0u;
    let v12: u32 = 1u;
    let v13: u32 = 2u;
    let v14: u32 = 3u;
    let v15: u32 = 4u;
    let v16: bool = true;
    let v19: u32 = 2048u;
    let v21: u32 = 192u;
    let v22: u32 = 6u;
    let v25: u32 = 63u;
    let v30: u32 = 65536u;
    let v32: u32 = 224u;
    let v33: u32 = 12u;
    let v43: u32 = 240u;
    let v44: u32 = 18u;
    let v63: u32 = 31u;
    let v67: u32 = 15u;
    let v69: u32 = 248u;
    let v72: u32 = 7u;
    let v74: u32 = 4294967295u;
    let v126: u32 = 1114111u;
    let v0: u32 = (*s)[0u];
    let v2: u32 = (v0 % v1);
    let v4: bool = (v2 < v3);
    let v6: bool = (v2 > v5);
    let v7: bool = (v4 | v6);
    if ((!v7)) {
        return 268435456u;
    }
    var1 = v8;
    let v10: bool = (v2 < v9);
    if (v10) {
        var2[min(v11, 4u)] = v2;
        var2[min(v12, 4u)] = v11;
        var2[min(v13, 4u)] = v11;
        var2[min(v14, 4u)] = v11;
        var2[min(v15, 4u)] = v12;
        var0 = var2;
        var1 = v16;
    }
    let v17: bool = var1;
    let v18: bool = (!v17);
    if (v18) {
        let v20: bool = (v2 < v19);
        if (v20) {
            let v23: u32 = (v2 >> (v22 & 31u));
            let v24: u32 = (v21 | v23);
            let v26: u32 = (v2 & v25);
            let v27: u32 = (v9 | v26);
            var3[min(v11, 4u)] = v24;
            var3[min(v12, 4u)] = v27;
            var3[min(v13, 4u)] = v11;
            var3[min(v14, 4u)] = v11;
            var3[min(v15, 4u)] = v13;
            var0 = var3;
            var1 = v16;
        }
        let v28: bool = var1;
        let v29: bool = (!v28);
        if (v29) {
            let v31: bool = (v2 < v30);
            if (v31) {
                let v34: u32 = (v2 >> (v33 & 31u));
                let v35: u32 = (v32 | v34);
                let v36: u32 = (v2 >> (v22 & 31u));
                let v37: u32 = (v36 & v25);
                let v38: u32 = (v9 | v37);
                let v39: u32 = (v2 & v25);
                let v40: u32 = (v9 | v39);
                var4[min(v11, 4u)] = v35;
                var4[min(v12, 4u)] = v38;
                var4[min(v13, 4u)] = v40;
                var4[min(v14, 4u)] = v11;
                var4[min(v15, 4u)] = v14;
                var0 = var4;
                var1 = v16;
            }
            let v41: bool = var1;
            let v42: bool = (!v41);
            if (v42) {
                let v45: u32 = (v2 >> (v44 & 31u));
                let v46: u32 = (v43 | v45);
                let v47: u32 = (v2 >> (v33 & 31u));
                let v48: u32 = (v47 & v25);
                let v49: u32 = (v9 | v48);
                let v50: u32 = (v2 >> (v22 & 31u));
                let v51: u32 = (v50 & v25);
                let v52: u32 = (v9 | v51);
                let v53: u32 = (v2 & v25);
                let v54: u32 = (v9 | v53);
                var5[min(v11, 4u)] = v46;
                var5[min(v12, 4u)] = v49;
                var5[min(v13, 4u)] = v52;
                var5[min(v14, 4u)] = v54;
                var5[min(v15, 4u)] = v15;
                var0 = var5;
                var1 = v16;
            }
        }
    }
    let v55: u32 = var0[min(v11, 4u)];
    let v56: u32 = var0[min(v12, 4u)];
    let v57: u32 = var0[min(v13, 4u)];
    let v58: u32 = var0[min(v14, 4u)];
    var6[min(v11, 3u)] = v55;
    var6[min(v12, 3u)] = v56;
    var6[min(v13, 3u)] = v57;
    var6[min(v14, 3u)] = v58;
    var8 = v8;
    let v59: u32 = var6[min(v11, 3u)];
    var9 = v11;
    var10 = v11;
    let v60: bool = (v59 < v9);
    if (v60) {
        var11[min(v11, 1u)] = v59;
        var11[min(v12, 1u)] = v12;
        var7 = var11;
        var8 = v16;
    } else {
        let v61: u32 = (v59 & v32);
        let v62: bool = (v61 == v21);
        if (v62) {
            var9 = v13;
            let v64: u32 = (v59 & v63);
            var10 = v64;
        } else {
            let v65: u32 = (v59 & v43);
            let v66: bool = (v65 == v32);
            if (v66) {
                var9 = v14;
                let v68: u32 = (v59 & v67);
                var10 = v68;
            } else {
                let v70: u32 = (v59 & v69);
                let v71: bool = (v70 == v43);
                if (v71) {
                    var9 = v15;
                    let v73: u32 = (v59 & v72);
                    var10 = v73;
                } else {
                    var12[min(v11, 1u)] = v74;
                    var12[min(v12, 1u)] = v11;
                    var7 = var12;
                    var8 = v16;
                }
            }
        }
    }
    let v75: bool = var8;
    let v76: bool = (!v75);
    if (v76) {
        var13 = v12;
        var14 = v8;
        {
            var t15: u32 = 0u;
            for (; t15 < 3u; t15 = t15 + 1u) {
                var15 = (0u + t15);
                let v77: bool = var8;
                let v78: bool = var14;
                let v79: bool = (v77 | v78);
                let v80: bool = (!v79);
                if (v80) {
                    let v81: u32 = var13;
                    let v82: u32 = var9;
                    let v83: bool = (v81 < v82);
                    if (v83) {
                        let v84: u32 = var13;
                        if ((v84 >= 4u)) {
                            return 805306368u;
                        }
                        let v85: u32 = var6[min(v84, 3u)];
                        let v86: u32 = (v85 & v21);
                        let v87: bool = (v86 != v9);
                        if (v87) {
                            var16[min(v11, 1u)] = v74;
                            var16[min(v12, 1u)] = v11;
                            var7 = var16;
                            var8 = v16;
                        }
                        let v88: bool = var8;
                        let v89: bool = (!v88);
                        if (v89) {
                            let v90: u32 = var10;
                            let v91: u32 = (v90 << (v22 & 31u));
                            let v92: u32 = var13;
                            if ((v92 >= 4u)) {
                                return 805306369u;
                            }
                            let v93: u32 = var6[min(v92, 3u)];
                            let v94: u32 = (v93 & v25);
                            let v95: u32 = (v91 | v94);
                            var10 = v95;
                            let v96: u32 = var13;
                            let v97: u32 = (v96 + v12);
                            var13 = v97;
                        }
                    } else {
                        var14 = v16;
                    }
                }
            }
            if ((t15 != 3u)) {
                return 4026531840u;
            }
        }
        let v98: bool = var8;
        let v99: bool = var14;
        let v100: bool = (v98 | v99);
        let v101: bool = (!v100);
        if (v101) {
            let v102: u32 = var13;
            let v103: u32 = var9;
            let v104: bool = (v102 < v103);
            let v105: bool = (!v104);
            if ((!v105)) {
                return 1610612736u;
            }
        }
        let v106: bool = var8;
        let v107: bool = (!v106);
        if (v107) {
            let v108: u32 = var10;
            let v109: bool = (v108 < v9);
            let v110: u32 = var10;
            let v111: bool = (v110 < v19);
            let v112: u32 = var10;
            let v113: bool = (v112 < v30);
            let v114: u32 = select(v15, v14, v113);
            let v115: u32 = select(v114, v13, v111);
            let v116: u32 = select(v115, v12, v109);
            let v117: u32 = var9;
            let v118: bool = (v117 != v116);
            let v119: u32 = var10;
            let v120: bool = (v119 >= v3);
            let v121: u32 = var10;
            let v122: bool = (v121 <= v5);
            let v123: bool = (v120 & v122);
            let v124: bool = (v118 | v123);
            let v125: u32 = var10;
            let v127: bool = (v125 > v126);
            let v128: bool = (v124 | v127);
            if (v128) {
                var17[min(v11, 1u)] = v74;
                var17[min(v12, 1u)] = v11;
                var7 = var17;
                var8 = v16;
            }
            let v129: bool = var8;
            let v130: bool = (!v129);
            if (v130) {
                let v131: u32 = var10;
                let v132: u32 = var9;
                var18[min(v11, 1u)] = v131;
                var18[min(v12, 1u)] = v132;
                var7 = var18;
                var8 = v16;
            }
        }
    }
    let v133: u32 = var0[min(v15, 4u)];
    var19[min(v11, 1u)] = v2;
    var19[min(v12, 1u)] = v133;
    let v134: u32 = var7[min(v11, 1u)];
    let v135: u32 = var19[min(v11, 1u)];
    let v136: bool = (v134 == v135);
    let v137: bool = (v16 & v136);
    let v138: u32 = var7[min(v12, 1u)];
    let v139: u32 = var19[min(v12, 1u)];
    let v140: bool = (v138 == v139);
    let v141: bool = (v137 & v140);
    if ((!v141)) {
        return 536870912u;
    }
    return 0u;
}

fn prop_1(s: ptr<function, array<u32, 1>>, cover: ptr<function, u32>) -> u32 {
    var var0: array<u32, 4>;
    var var1: array<u32, 2>;
    var var2: bool;
    var var3: u32;
    var var4: u32;
    var var5: array<u32, 2>;
    var var6: array<u32, 2>;
    var var7: u32;
    var var8: bool;
    var var9: u32;
    var var10: array<u32, 2>;
    var var11: array<u32, 2>;
    var var12: array<u32, 2>;
    var var13: array<u32, 5>;
    var var14: bool;
    var var15: array<u32, 5>;
    var var16: array<u32, 5>;
    var var17: array<u32, 5>;
    var var18: array<u32, 5>;
    var var19: u32;
    let v1: u32 = 24u;
    let v4: u32 = 16u;
    let v6: u32 = 255u;
    let v9: u32 = 8u;
    let v14: u32 = 0u;
    let v15: u32 = 1u;
    let v16: u32 = 2u;
    let v17: u32 = 3u;
    let v18: bool = false;
    let v20: u32 = 128u;
    let v22: bool = true;
    let v23: u32 = 224u;
    let v25: u32 = 192u;
    let v27: u32 = 31u;
    let v29: u32 = 240u;
    let v32: u32 = 15u;
    let v34: u32 = 248u;
    let v37: u32 = 4u;
    let v38: u32 = 7u;
    let v40: u32 = 4294967295u;
    let v57: u32 = 6u;
    let v61: u32 = 63u;
    let v79: u32 = 2048u;
    let v82: u32 = 65536u;
    let v90: u32 = 55296u;
    let v93: u32 = 57343u;
    let v98: u32 = 1114111u;
    let v119: u32 = 12u;
    let v129: u32 = 18u;
    let v0: u32 = (*s)[0u];
    let v2: u32 = (v0 >> (v1 & 31u));
    let v3: u32 = (*s)[0u];
    let v5: u32 = (v3 >> (v4 & 31u));
    let v7: u32 = (v5 & v6);
    let v8: u32 = (*s)[0u];
    let v10: u32 = (v8 >> (v9 & 31u));
    let v11: u32 = (v10 & v6);
    let v12: u32 = (*s)[0u];
    let v13: u32 = (v12 & v6);
    var0[min(v14, 3u)] = v2;
    var0[min(v15, 3u)] = v7;
    var0[min(v16, 3u)] = v11;
    var0[min(v17, 3u)] = v13;
    var2 = v18;
    let v19: u32 = var0[min(v14, 3u)];
    var3 = v14;
    var4 = v14;
    let v21: bool = (v19 < v20);
    if (v21) {
        var5[min(v14, 1u)] = v19;
        var5[min(v15, 1u)] = v15;
        var1 = var5;
        var2 = v22;
    } else {
        let v24: u32 = (v19 & v23);
        let v26: bool = (v24 == v25);
        if (v26) {
            var3 = v16;
            let v28: u32 = (v19 & v27);
            var4 = v28;
        } else {
            let v30: u32 = (v19 & v29);
            let v31: bool = (v30 == v23);
            if (v31) {
                var3 = v17;
                let v33: u32 = (v19 & v32);
                var4 = v33;
            } else {
                let v35: u32 = (v19 & v34);
                let v36: bool = (v35 == v29);
                if (v36) {
                    var3 = v37;
                    let v39: u32 = (v19 & v38);
                    var4 = v39;
                } else {
                    var6[min(v14, 1u)] = v40;
                    var6[min(v15, 1u)] = v14;
                    var1 = var6;
                    var2 = v22;
                }
            }
        }
    }
    let v41: bool = var2;
    let v42: bool = (!v41);
    if (v42) {
        var7 = v15;
        var8 = v18;
        {
            var t9: u32 = 0u;
            for (; t9 < 3u; t9 = t9 + 1u) {
                var9 = (0u + t9);
                let v43: bool = var2;
                let v44: bool = var8;
                let v45: bool = (v43 | v44);
                let v46: bool = (!v45);
                if (v46) {
                    let v47: u32 = var7;
                    let v48: u32 = var3;
                    let v49: bool = (v47 < v48);
                    if (v49) {
                        let v50: u32 = var7;
                        if ((v50 >= 4u)) {
                            return 805306368u;
                        }
                        let v51: u32 = var0[min(v50, 3u)];
                        let v52: u32 = (v51 & v25);
                        let v53: bool = (v52 != v20);
                        if (v53) {
                            var10[min(v14, 1u)] = v40;
                            var10[min(v15, 1u)] = v14;
                            var1 = var10;
                            var2 = v22;
                        }
                        let v54: bool = var2;
                        let v55: bool = (!v54);
                        if (v55) {
                            let v56: u32 = var4;
                            let v58: u32 = (v56 << (v57 & 31u));
                            let v59: u32 = var7;
                            if ((v59 >= 4u)) {
                                return 805306369u;
                            }
                            let v60: u32 = var0[min(v59, 3u)];
                            let v62: u32 = (v60 & v61);
                            let v63: u32 = (v58 | v62);
                            var4 = v63;
                            let v64: u32 = var7;
                            let v65: u32 = (v64 + v15);
                            var7 = v65;
                        }
                    } else {
                        var8 = v22;
                    }
                }
            }
            if ((t9 != 3u)) {
                return 4026531840u;
            }
        }
        let v66: bool = var2;
        let v67: bool = var8;
        let v68: bool = (v66 | v67);
        let v69: bool = (!v68);
        if (v69) {
            let v70: u32 = var7;
            let v71: u32 = var3;
            let v72: bool = (v70 < v71);
            let v73: bool = (!v72);
            if ((!v73)) {
                return 1610612736u;
            }
        }
        let v74: bool = var2;
        let v75: bool = (!v74);
        if (v75) {
            let v76: u32 = var4;
            let v77: bool = (v76 < v20);
            let v78: u32 = var4;
            let v80: bool = (v78 < v79);
            let v81: u32 = var4;
            let v83: bool = (v81 < v82);
            let v84: u32 = select(v37, v17, v83);
            let v85: u32 = select(v84, v16, v80);
            let v86: u32 = select(v85, v15, v77);
            let v87: u32 = var3;
            let v88: bool = (v87 != v86);
            let v89: u32 = var4;
            let v91: bool = (v89 >= v90);
            let v92: u32 = var4;
            let v94: bool = (v92 <= v93);
            let v95: bool = (v91 & v94);
            let v96: bool = (v88 | v95);
            let v97: u32 = var4;
            let v99: bool = (v97 > v98);
            let v100: bool = (v96 | v99);
            if (v100) {
                var11[min(v14, 1u)] = v40;
                var11[min(v15, 1u)] = v14;
                var1 = var11;
                var2 = v22;
            }
            let v101: bool = var2;
            let v102: bool = (!v101);
            if (v102) {
                let v103: u32 = var4;
                let v104: u32 = var3;
                var12[min(v14, 1u)] = v103;
                var12[min(v15, 1u)] = v104;
                var1 = var12;
                var2 = v22;
            }
        }
    }
    let v105: u32 = var1[min(v14, 1u)];
    let v106: bool = (v105 != v40);
    if ((!v106)) {
        return 268435456u;
    }
    let v107: u32 = var1[min(v14, 1u)];
    var14 = v18;
    let v108: bool = (v107 < v20);
    if (v108) {
        var15[min(v14, 4u)] = v107;
        var15[min(v15, 4u)] = v14;
        var15[min(v16, 4u)] = v14;
        var15[min(v17, 4u)] = v14;
        var15[min(v37, 4u)] = v15;
        var13 = var15;
        var14 = v22;
    }
    let v109: bool = var14;
    let v110: bool = (!v109);
    if (v110) {
        let v111: bool = (v107 < v79);
        if (v111) {
            let v112: u32 = (v107 >> (v57 & 31u));
            let v113: u32 = (v25 | v112);
            let v114: u32 = (v107 & v61);
            let v115: u32 = (v20 | v114);
            var16[min(v14, 4u)] = v113;
            var16[min(v15, 4u)] = v115;
            var16[min(v16, 4u)] = v14;
            var16[min(v17, 4u)] = v14;
            var16[min(v37, 4u)] = v16;
            var13 = var16;
            var14 = v22;
        }
        let v116: bool = var14;
        let v117: bool = (!v116);
        if (v117) {
            let v118: bool = (v107 < v82);
            if (v118) {
                let v120: u32 = (v107 >> (v119 & 31u));
                let v121: u32 = (v23 | v120);
                let v122: u32 = (v107 >> (v57 & 31u));
                let v123: u32 = (v122 & v61);
                let v124: u32 = (v20 | v123);
                let v125: u32 = (v107 & v61);
                let v126: u32 = (v20 | v125);
                var17[min(v14, 4u)] = v121;
                var17[min(v15, 4u)] = v124;
                var17[min(v16, 4u)] = v126;
                var17[min(v17, 4u)] = v14;
                var17[min(v37, 4u)] = v17;
                var13 = var17;
                var14 = v22;
            }
            let v127: bool = var14;
            let v128: bool = (!v127);
            if (v128) {
                let v130: u32 = (v107 >> (v129 & 31u));
                let v131: u32 = (v29 | v130);
                let v132: u32 = (v107 >> (v119 & 31u));
                let v133: u32 = (v132 & v61);
                let v134: u32 = (v20 | v133);
                let v135: u32 = (v107 >> (v57 & 31u));
                let v136: u32 = (v135 & v61);
                let v137: u32 = (v20 | v136);
                let v138: u32 = (v107 & v61);
                let v139: u32 = (v20 | v138);
                var18[min(v14, 4u)] = v131;
                var18[min(v15, 4u)] = v134;
                var18[min(v16, 4u)] = v137;
                var18[min(v17, 4u)] = v139;
                var18[min(v37, 4u)] = v37;
                var13 = var18;
                var14 = v22;
            }
        }
    }
    let v140: u32 = var13[min(v37, 4u)];
    let v141: u32 = var1[min(v15, 1u)];
    let v142: bool = (v140 == v141);
    if ((!v142)) {
        return 536870912u;
    }
    {
        var t19: u32 = 0u;
        for (; t19 < 4u; t19 = t19 + 1u) {
            var19 = (0u + t19);
            let v143: u32 = var19;
            let v144: u32 = var1[min(v15, 1u)];
            let v145: bool = (v143 < v144);
            if (v145) {
                let v146: u32 = var13[min(v143, 4u)];
                let v147: u32 = var0[min(v143, 3u)];
                let v148: bool = (v146 == v147);
                if ((!v148)) {
                    return 536870913u;
                }
            }
        }
        if ((t19 != 4u)) {
            return 4026531840u;
        }
    }
    return 0u;
}

fn prop_2(s: ptr<function, array<u32, 1>>, cover: ptr<function, u32>) -> u32 {
    var var0: array<u32, 4>;
    var var1: array<u32, 2>;
    var var2: bool;
    var var3: u32;
    var var4: u32;
    var var5: array<u32, 2>;
    var var6: array<u32, 2>;
    var var7: u32;
    var var8: bool;
    var var9: u32;
    var var10: array<u32, 2>;
    var var11: array<u32, 2>;
    var var12: array<u32, 2>;
    var var13: array<u32, 2>;
    var var14: bool;
    var var15: array<u32, 5>;
    var var16: bool;
    var var17: array<u32, 5>;
    var var18: array<u32, 5>;
    let v0: u32 = 239u;
    let v1: u32 = 191u;
    let v2: u32 = 189u;
    let v3: u32 = 0u;
    let v4: u32 = 1u;
    let v5: u32 = 2u;
    let v6: u32 = 3u;
    let v7: bool = false;
    let v9: u32 = 128u;
    let v11: bool = true;
    let v12: u32 = 224u;
    let v14: u32 = 192u;
    let v16: u32 = 31u;
    let v18: u32 = 240u;
    let v21: u32 = 15u;
    let v23: u32 = 248u;
    let v26: u32 = 4u;
    let v27: u32 = 7u;
    let v29: u32 = 4294967295u;
    let v46: u32 = 6u;
    let v50: u32 = 63u;
    let v68: u32 = 2048u;
    let v71: u32 = 65536u;
    let v79: u32 = 55296u;
    let v82: u32 = 57343u;
    let v87: u32 = 1114111u;
    let v94: u32 = 65533u;
    let v113: u32 = 143u;
    var0[min(v3, 3u)] = v0;
    var0[min(v4, 3u)] = v1;
    var0[min(v5, 3u)] = v2;
    var0[min(v6, 3u)] = v3;
    var2 = v7;
    let v8: u32 = var0[min(v3, 3u)];
    var3 = v3;
    var4 = v3;
    let v10: bool = (v8 < v9);
    if (v10) {
        var5[min(v3, 1u)] = v8;
        var5[min(v4, 1u)] = v4;
        var1 = var5;
        var2 = v11;
    } else {
        let v13: u32 = (v8 & v12);
        let v15: bool = (v13 == v14);
        if (v15) {
            var3 = v5;
            let v17: u32 = (v8 & v16);
            var4 = v17;
        } else {
            let v19: u32 = (v8 & v18);
            let v20: bool = (v19 == v12);
            if (v20) {
                var3 = v6;
                let v22: u32 = (v8 & v21);
                var4 = v22;
            } else {
                let v24: u32 = (v8 & v23);
                let v25: bool = (v24 == v18);
                if (v25) {
                    var3 = v26;
                    let v28: u32 = (v8 & v27);
                    var4 = v28;
                } else {
                    var6[min(v3, 1u)] = v29;
                    var6[min(v4, 1u)] = v3;
                    var1 = var6;
                    var2 = v11;
                }
            }
        }
    }
    let v30: bool = var2;
    let v31: bool = (!v30);
    if (v31) {
        var7 = v4;
        var8 = v7;
        {
            var t9: u32 = 0u;
            for (; t9 < 3u; t9 = t9 + 1u) {
                var9 = (0u + t9);
                let v32: bool = var2;
                let v33: bool = var8;
                let v34: bool = (v32 | v33);
                let v35: bool = (!v34);
                if (v35) {
                    let v36: u32 = var7;
                    let v37: u32 = var3;
                    let v38: bool = (v36 < v37);
                    if (v38) {
                        let v39: u32 = var7;
                        if ((v39 >= 4u)) {
                            return 805306368u;
                        }
                        let v40: u32 = var0[min(v39, 3u)];
                        let v41: u32 = (v40 & v14);
                        let v42: bool = (v41 != v9);
                        if (v42) {
                            var10[min(v3, 1u)] = v29;
                            var10[min(v4, 1u)] = v3;
                            var1 = var10;
                            var2 = v11;
                        }
                        let v43: bool = var2;
                        let v44: bool = (!v43);
                        if (v44) {
                            let v45: u32 = var4;
                            let v47: u32 = (v45 << (v46 & 31u));
                            let v48: u32 = var7;
                            if ((v48 >= 4u)) {
                                return 805306369u;
                            }
                            let v49: u32 = var0[min(v48, 3u)];
                            let v51: u32 = (v49 & v50);
                            let v52: u32 = (v47 | v51);
                            var4 = v52;
                            let v53: u32 = var7;
                            let v54: u32 = (v53 + v4);
                            var7 = v54;
                        }
                    } else {
                        var8 = v11;
                    }
                }
            }
            if ((t9 != 3u)) {
                return 4026531840u;
            }
        }
        let v55: bool = var2;
        let v56: bool = var8;
        let v57: bool = (v55 | v56);
        let v58: bool = (!v57);
        if (v58) {
            let v59: u32 = var7;
            let v60: u32 = var3;
            let v61: bool = (v59 < v60);
            let v62: bool = (!v61);
            if ((!v62)) {
                return 1610612736u;
            }
        }
        let v63: bool = var2;
        let v64: bool = (!v63);
        if (v64) {
            let v65: u32 = var4;
            let v66: bool = (v65 < v9);
            let v67: u32 = var4;
            let v69: bool = (v67 < v68);
            let v70: u32 = var4;
            let v72: bool = (v70 < v71);
            let v73: u32 = select(v26, v6, v72);
            let v74: u32 = select(v73, v5, v69);
            let v75: u32 = select(v74, v4, v66);
            let v76: u32 = var3;
            let v77: bool = (v76 != v75);
            let v78: u32 = var4;
            let v80: bool = (v78 >= v79);
            let v81: u32 = var4;
            let v83: bool = (v81 <= v82);
            let v84: bool = (v80 & v83);
            let v85: bool = (v77 | v84);
            let v86: u32 = var4;
            let v88: bool = (v86 > v87);
            let v89: bool = (v85 | v88);
            if (v89) {
                var11[min(v3, 1u)] = v29;
                var11[min(v4, 1u)] = v3;
                var1 = var11;
                var2 = v11;
            }
            let v90: bool = var2;
            let v91: bool = (!v90);
            if (v91) {
                let v92: u32 = var4;
                let v93: u32 = var3;
                var12[min(v3, 1u)] = v92;
                var12[min(v4, 1u)] = v93;
                var1 = var12;
                var2 = v11;
            }
        }
    }
    var13[min(v3, 1u)] = v94;
    var13[min(v4, 1u)] = v6;
    let v95: u32 = var1[min(v3, 1u)];
    let v96: u32 = var13[min(v3, 1u)];
    let v97: bool = (v95 == v96);
    let v98: bool = (v11 & v97);
    let v99: u32 = var1[min(v4, 1u)];
    let v100: u32 = var13[min(v4, 1u)];
    let v101: bool = (v99 == v100);
    let v102: bool = (v98 & v101);
    var14 = v102;
    if (v102) {
        var16 = v7;
        let v103: bool = var16;
        let v104: bool = (!v103);
        if (v104) {
            let v105: bool = var16;
            let v106: bool = (!v105);
            if (v106) {
                if (v11) {
                    var17[min(v3, 4u)] = v0;
                    var17[min(v4, 4u)] = v1;
                    var17[min(v5, 4u)] = v2;
                    var17[min(v6, 4u)] = v3;
                    var17[min(v26, 4u)] = v6;
                    var15 = var17;
                    var16 = v11;
                }
                let v110: bool = var16;
                let v111: bool = (!v110);
                if (v111) {
                    var18[min(v3, 4u)] = v18;
                    var18[min(v4, 4u)] = v113;
                    var18[min(v5, 4u)] = v1;
                    var18[min(v6, 4u)] = v2;
                    var18[min(v26, 4u)] = v26;
                    var15 = var18;
                    var16 = v11;
                }
            }
        }
        let v114: u32 = var15[min(v26, 4u)];
        let v115: bool = (v114 == v6);
        var14 = v115;
    }
    let v116: bool = var14;
    if ((!v116)) {
        return 536870912u;
    }
    return 0u;
}

@compute
@workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    // zero the workgroup counters (strided by the workgroup size)
    var z: u32 = lid;
    for (var zi: u32 = 0u; zi < 1u; zi = zi + 1u) {
        if ((z < 21u)) {
            atomicStore((&wg_counts[z]), 0u);
        }
        z = (z + 64u);
    }
    workgroupBarrier();
    let inv: u32 = (gid.x + (gid.y * params.row_stride));
    var ev0: u32 = 0u;
    var ev1: u32 = 0u;
    var ev2: u32 = 0u;
    for (var j: u32 = 0u; j < 16u; j = j + 1u) {
        let off: u32 = ((inv * 16u) + j);
        if ((off >= params.count)) {
            break;
        }
        let lo: u32 = (params.base_lo + off);
        let hi: u32 = (params.base_hi + select(0u, 1u, (lo < off)));
        var s: array<u32, 1>;
        if ((MODE == 0u)) {
            load_random(lo, hi, (&s));
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
                let slot0: u32 = atomicAdd((&counters[21u]), 1u);
                if ((slot0 < params.fail_cap)) {
                    let at0: u32 = (((0u * params.fail_cap) + slot0) * 2u);
                    failures[at0] = off;
                    failures[(at0 + 1u)] = o0;
                }
            }
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
            if (((o1 & 4026531840u) == 268435456u)) {
                atomicAdd((&wg_counts[8u]), 1u);
                atomicAdd((&wg_counts[(14u + (o1 & 268435455u))]), 1u);
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
                let slot1: u32 = atomicAdd((&counters[22u]), 1u);
                if ((slot1 < params.fail_cap)) {
                    let at1: u32 = (((1u * params.fail_cap) + slot1) * 2u);
                    failures[at1] = off;
                    failures[(at1 + 1u)] = o1;
                }
            }
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
            if (((o2 & 4026531840u) == 268435456u)) {
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
                let slot2: u32 = atomicAdd((&counters[23u]), 1u);
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
    for (var fi: u32 = 0u; fi < 1u; fi = fi + 1u) {
        if ((z < 21u)) {
            let c: u32 = atomicLoad((&wg_counts[z]));
            if ((c != 0u)) {
                atomicAdd((&counters[z]), c);
            }
        }
        z = (z + 64u);
    }
}

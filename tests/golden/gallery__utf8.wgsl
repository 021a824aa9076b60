
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

fn load_random(lo: u32, hi: u32, key: vec2<u32>, s: ptr<function, array<u32, 1>>) {
    let r0: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 0u, 0u), key);
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
    var var0: array<u32, 4>;
    var var1: u32;
    var var2: bool;
    var var3: array<u32, 4>;
    var var4: array<u32, 4>;
    var var5: array<u32, 4>;
    var var6: array<u32, 4>;
    var var7: u32;
    var var8: u32;
    var var9: bool;
    var var10: u32;
    var var11: u32;
    var var12: u32;
    var var13: bool;
    var var14: u32;
    let v1: u32 = 1114112u;
    let v3: u32 = 55296u;
    let v5: u32 = 57343u;
    let v8: bool = false;
    let v9: u32 = 128u;
    let v11: u32 = 0u;
    let v12: u32 = 1u;
    let v13: u32 = 2u;
    let v14: u32 = 3u;
    let v15: bool = true;
    let v18: u32 = 2048u;
    let v20: u32 = 192u;
    let v21: u32 = 6u;
    let v24: u32 = 63u;
    let v29: u32 = 65536u;
    let v31: u32 = 224u;
    let v32: u32 = 12u;
    let v42: u32 = 240u;
    let v43: u32 = 18u;
    let v54: u32 = 4u;
    let v60: u32 = 31u;
    let v64: u32 = 15u;
    let v66: u32 = 248u;
    let v69: u32 = 7u;
    let v71: u32 = 4294967295u;
    let v123: u32 = 1114111u;
    let v0: u32 = (*s)[0u];
    let v2: u32 = (v0 % v1);
    let v4: bool = (v2 < v3);
    let v6: bool = (v2 > v5);
    let v7: bool = (v4 | v6);
    if ((!v7)) {
        return 268435456u;
    }
    var2 = v8;
    let v10: bool = (v2 < v9);
    if (v10) {
        var3[min(v11, 3u)] = v2;
        var3[min(v12, 3u)] = v11;
        var3[min(v13, 3u)] = v11;
        var3[min(v14, 3u)] = v11;
        var0 = var3;
        var1 = v12;
        var2 = v15;
    }
    let v16: bool = var2;
    let v17: bool = (!v16);
    if (v17) {
        let v19: bool = (v2 < v18);
        if (v19) {
            let v22: u32 = (v2 >> (v21 & 31u));
            let v23: u32 = (v20 | v22);
            let v25: u32 = (v2 & v24);
            let v26: u32 = (v9 | v25);
            var4[min(v11, 3u)] = v23;
            var4[min(v12, 3u)] = v26;
            var4[min(v13, 3u)] = v11;
            var4[min(v14, 3u)] = v11;
            var0 = var4;
            var1 = v13;
            var2 = v15;
        }
        let v27: bool = var2;
        let v28: bool = (!v27);
        if (v28) {
            let v30: bool = (v2 < v29);
            if (v30) {
                let v33: u32 = (v2 >> (v32 & 31u));
                let v34: u32 = (v31 | v33);
                let v35: u32 = (v2 >> (v21 & 31u));
                let v36: u32 = (v35 & v24);
                let v37: u32 = (v9 | v36);
                let v38: u32 = (v2 & v24);
                let v39: u32 = (v9 | v38);
                var5[min(v11, 3u)] = v34;
                var5[min(v12, 3u)] = v37;
                var5[min(v13, 3u)] = v39;
                var5[min(v14, 3u)] = v11;
                var0 = var5;
                var1 = v14;
                var2 = v15;
            }
            let v40: bool = var2;
            let v41: bool = (!v40);
            if (v41) {
                let v44: u32 = (v2 >> (v43 & 31u));
                let v45: u32 = (v42 | v44);
                let v46: u32 = (v2 >> (v32 & 31u));
                let v47: u32 = (v46 & v24);
                let v48: u32 = (v9 | v47);
                let v49: u32 = (v2 >> (v21 & 31u));
                let v50: u32 = (v49 & v24);
                let v51: u32 = (v9 | v50);
                let v52: u32 = (v2 & v24);
                let v53: u32 = (v9 | v52);
                var6[min(v11, 3u)] = v45;
                var6[min(v12, 3u)] = v48;
                var6[min(v13, 3u)] = v51;
                var6[min(v14, 3u)] = v53;
                var0 = var6;
                var1 = v54;
                var2 = v15;
            }
        }
    }
    let v55: u32 = var1;
    var9 = v8;
    let v56: u32 = var0[min(v11, 3u)];
    var10 = v11;
    var11 = v11;
    let v57: bool = (v56 < v9);
    if (v57) {
        var7 = v56;
        var8 = v12;
        var9 = v15;
    } else {
        let v58: u32 = (v56 & v31);
        let v59: bool = (v58 == v20);
        if (v59) {
            var10 = v13;
            let v61: u32 = (v56 & v60);
            var11 = v61;
        } else {
            let v62: u32 = (v56 & v42);
            let v63: bool = (v62 == v31);
            if (v63) {
                var10 = v14;
                let v65: u32 = (v56 & v64);
                var11 = v65;
            } else {
                let v67: u32 = (v56 & v66);
                let v68: bool = (v67 == v42);
                if (v68) {
                    var10 = v54;
                    let v70: u32 = (v56 & v69);
                    var11 = v70;
                } else {
                    var7 = v71;
                    var8 = v11;
                    var9 = v15;
                }
            }
        }
    }
    let v72: bool = var9;
    let v73: bool = (!v72);
    if (v73) {
        var12 = v12;
        var13 = v8;
        {
            var t14: u32 = 0u;
            for (; t14 < 3u; t14 = t14 + 1u) {
                var14 = (0u + t14);
                let v74: bool = var9;
                let v75: bool = var13;
                let v76: bool = (v74 | v75);
                let v77: bool = (!v76);
                if (v77) {
                    let v78: u32 = var12;
                    let v79: u32 = var10;
                    let v80: bool = (v78 < v79);
                    if (v80) {
                        let v81: u32 = var12;
                        if ((v81 >= 4u)) {
                            return 805306368u;
                        }
                        let v82: u32 = var0[min(v81, 3u)];
                        let v83: u32 = (v82 & v20);
                        let v84: bool = (v83 != v9);
                        if (v84) {
                            var7 = v71;
                            var8 = v11;
                            var9 = v15;
                        }
                        let v85: bool = var9;
                        let v86: bool = (!v85);
                        if (v86) {
                            let v87: u32 = var11;
                            let v88: u32 = (v87 << (v21 & 31u));
                            let v89: u32 = var12;
                            if ((v89 >= 4u)) {
                                return 805306369u;
                            }
                            let v90: u32 = var0[min(v89, 3u)];
                            let v91: u32 = (v90 & v24);
                            let v92: u32 = (v88 | v91);
                            var11 = v92;
                            let v93: u32 = var12;
                            let v94: u32 = (v93 + v12);
                            var12 = v94;
                        }
                    } else {
                        var13 = v15;
                    }
                }
            }
            if ((t14 != 3u)) {
                return 4026531840u;
            }
        }
        let v95: bool = var9;
        let v96: bool = var13;
        let v97: bool = (v95 | v96);
        let v98: bool = (!v97);
        if (v98) {
            let v99: u32 = var12;
            let v100: u32 = var10;
            let v101: bool = (v99 < v100);
            let v102: bool = (!v101);
            if ((!v102)) {
                return 1610612736u;
            }
        }
        let v103: bool = var9;
        let v104: bool = (!v103);
        if (v104) {
            let v105: u32 = var11;
            let v106: bool = (v105 < v9);
            let v107: u32 = var11;
            let v108: bool = (v107 < v18);
            let v109: u32 = var11;
            let v110: bool = (v109 < v29);
            let v111: u32 = select(v54, v14, v110);
            let v112: u32 = select(v111, v13, v108);
            let v113: u32 = select(v112, v12, v106);
            let v114: u32 = var10;
            let v115: bool = (v114 != v113);
            let v116: u32 = var11;
            let v117: bool = (v116 >= v3);
            let v118: u32 = var11;
            let v119: bool = (v118 <= v5);
            let v120: bool = (v117 & v119);
            let v121: bool = (v115 | v120);
            let v122: u32 = var11;
            let v124: bool = (v122 > v123);
            let v125: bool = (v121 | v124);
            if (v125) {
                var7 = v71;
                var8 = v11;
                var9 = v15;
            }
            let v126: bool = var9;
            let v127: bool = (!v126);
            if (v127) {
                let v128: u32 = var11;
                var7 = v128;
                let v129: u32 = var10;
                var8 = v129;
                var9 = v15;
            }
        }
    }
    let v130: u32 = var7;
    let v131: bool = (v130 == v2);
    let v132: bool = (v15 & v131);
    let v133: u32 = var8;
    let v134: bool = (v133 == v55);
    let v135: bool = (v132 & v134);
    if ((!v135)) {
        return 536870912u;
    }
    return 0u;
}

fn prop_1(s: ptr<function, array<u32, 1>>, cover: ptr<function, u32>) -> u32 {
    var var0: array<u32, 4>;
    var var1: u32;
    var var2: u32;
    var var3: bool;
    var var4: u32;
    var var5: u32;
    var var6: u32;
    var var7: bool;
    var var8: u32;
    var var9: array<u32, 4>;
    var var10: u32;
    var var11: bool;
    var var12: array<u32, 4>;
    var var13: array<u32, 4>;
    var var14: array<u32, 4>;
    var var15: array<u32, 4>;
    var var16: u32;
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
    let v123: u32 = 12u;
    let v133: u32 = 18u;
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
    var3 = v18;
    let v19: u32 = var0[min(v14, 3u)];
    var4 = v14;
    var5 = v14;
    let v21: bool = (v19 < v20);
    if (v21) {
        var1 = v19;
        var2 = v15;
        var3 = v22;
    } else {
        let v24: u32 = (v19 & v23);
        let v26: bool = (v24 == v25);
        if (v26) {
            var4 = v16;
            let v28: u32 = (v19 & v27);
            var5 = v28;
        } else {
            let v30: u32 = (v19 & v29);
            let v31: bool = (v30 == v23);
            if (v31) {
                var4 = v17;
                let v33: u32 = (v19 & v32);
                var5 = v33;
            } else {
                let v35: u32 = (v19 & v34);
                let v36: bool = (v35 == v29);
                if (v36) {
                    var4 = v37;
                    let v39: u32 = (v19 & v38);
                    var5 = v39;
                } else {
                    var1 = v40;
                    var2 = v14;
                    var3 = v22;
                }
            }
        }
    }
    let v41: bool = var3;
    let v42: bool = (!v41);
    if (v42) {
        var6 = v15;
        var7 = v18;
        {
            var t8: u32 = 0u;
            for (; t8 < 3u; t8 = t8 + 1u) {
                var8 = (0u + t8);
                let v43: bool = var3;
                let v44: bool = var7;
                let v45: bool = (v43 | v44);
                let v46: bool = (!v45);
                if (v46) {
                    let v47: u32 = var6;
                    let v48: u32 = var4;
                    let v49: bool = (v47 < v48);
                    if (v49) {
                        let v50: u32 = var6;
                        if ((v50 >= 4u)) {
                            return 805306368u;
                        }
                        let v51: u32 = var0[min(v50, 3u)];
                        let v52: u32 = (v51 & v25);
                        let v53: bool = (v52 != v20);
                        if (v53) {
                            var1 = v40;
                            var2 = v14;
                            var3 = v22;
                        }
                        let v54: bool = var3;
                        let v55: bool = (!v54);
                        if (v55) {
                            let v56: u32 = var5;
                            let v58: u32 = (v56 << (v57 & 31u));
                            let v59: u32 = var6;
                            if ((v59 >= 4u)) {
                                return 805306369u;
                            }
                            let v60: u32 = var0[min(v59, 3u)];
                            let v62: u32 = (v60 & v61);
                            let v63: u32 = (v58 | v62);
                            var5 = v63;
                            let v64: u32 = var6;
                            let v65: u32 = (v64 + v15);
                            var6 = v65;
                        }
                    } else {
                        var7 = v22;
                    }
                }
            }
            if ((t8 != 3u)) {
                return 4026531840u;
            }
        }
        let v66: bool = var3;
        let v67: bool = var7;
        let v68: bool = (v66 | v67);
        let v69: bool = (!v68);
        if (v69) {
            let v70: u32 = var6;
            let v71: u32 = var4;
            let v72: bool = (v70 < v71);
            let v73: bool = (!v72);
            if ((!v73)) {
                return 1610612736u;
            }
        }
        let v74: bool = var3;
        let v75: bool = (!v74);
        if (v75) {
            let v76: u32 = var5;
            let v77: bool = (v76 < v20);
            let v78: u32 = var5;
            let v80: bool = (v78 < v79);
            let v81: u32 = var5;
            let v83: bool = (v81 < v82);
            let v84: u32 = select(v37, v17, v83);
            let v85: u32 = select(v84, v16, v80);
            let v86: u32 = select(v85, v15, v77);
            let v87: u32 = var4;
            let v88: bool = (v87 != v86);
            let v89: u32 = var5;
            let v91: bool = (v89 >= v90);
            let v92: u32 = var5;
            let v94: bool = (v92 <= v93);
            let v95: bool = (v91 & v94);
            let v96: bool = (v88 | v95);
            let v97: u32 = var5;
            let v99: bool = (v97 > v98);
            let v100: bool = (v96 | v99);
            if (v100) {
                var1 = v40;
                var2 = v14;
                var3 = v22;
            }
            let v101: bool = var3;
            let v102: bool = (!v101);
            if (v102) {
                let v103: u32 = var5;
                var1 = v103;
                let v104: u32 = var4;
                var2 = v104;
                var3 = v22;
            }
        }
    }
    let v105: u32 = var1;
    let v106: u32 = var2;
    let v107: bool = (v105 == v40);
    let v108: bool = (v22 & v107);
    let v109: bool = (v106 == v14);
    let v110: bool = (v108 & v109);
    let v111: bool = (!v110);
    if ((!v111)) {
        return 268435456u;
    }
    var11 = v18;
    let v112: bool = (v105 < v20);
    if (v112) {
        var12[min(v14, 3u)] = v105;
        var12[min(v15, 3u)] = v14;
        var12[min(v16, 3u)] = v14;
        var12[min(v17, 3u)] = v14;
        var9 = var12;
        var10 = v15;
        var11 = v22;
    }
    let v113: bool = var11;
    let v114: bool = (!v113);
    if (v114) {
        let v115: bool = (v105 < v79);
        if (v115) {
            let v116: u32 = (v105 >> (v57 & 31u));
            let v117: u32 = (v25 | v116);
            let v118: u32 = (v105 & v61);
            let v119: u32 = (v20 | v118);
            var13[min(v14, 3u)] = v117;
            var13[min(v15, 3u)] = v119;
            var13[min(v16, 3u)] = v14;
            var13[min(v17, 3u)] = v14;
            var9 = var13;
            var10 = v16;
            var11 = v22;
        }
        let v120: bool = var11;
        let v121: bool = (!v120);
        if (v121) {
            let v122: bool = (v105 < v82);
            if (v122) {
                let v124: u32 = (v105 >> (v123 & 31u));
                let v125: u32 = (v23 | v124);
                let v126: u32 = (v105 >> (v57 & 31u));
                let v127: u32 = (v126 & v61);
                let v128: u32 = (v20 | v127);
                let v129: u32 = (v105 & v61);
                let v130: u32 = (v20 | v129);
                var14[min(v14, 3u)] = v125;
                var14[min(v15, 3u)] = v128;
                var14[min(v16, 3u)] = v130;
                var14[min(v17, 3u)] = v14;
                var9 = var14;
                var10 = v17;
                var11 = v22;
            }
            let v131: bool = var11;
            let v132: bool = (!v131);
            if (v132) {
                let v134: u32 = (v105 >> (v133 & 31u));
                let v135: u32 = (v29 | v134);
                let v136: u32 = (v105 >> (v123 & 31u));
                let v137: u32 = (v136 & v61);
                let v138: u32 = (v20 | v137);
                let v139: u32 = (v105 >> (v57 & 31u));
                let v140: u32 = (v139 & v61);
                let v141: u32 = (v20 | v140);
                let v142: u32 = (v105 & v61);
                let v143: u32 = (v20 | v142);
                var15[min(v14, 3u)] = v135;
                var15[min(v15, 3u)] = v138;
                var15[min(v16, 3u)] = v141;
                var15[min(v17, 3u)] = v143;
                var9 = var15;
                var10 = v37;
                var11 = v22;
            }
        }
    }
    let v144: u32 = var10;
    let v145: bool = (v144 == v106);
    if ((!v145)) {
        return 536870912u;
    }
    {
        var t16: u32 = 0u;
        for (; t16 < 4u; t16 = t16 + 1u) {
            var16 = (0u + t16);
            let v146: u32 = var16;
            let v147: bool = (v146 < v106);
            if (v147) {
                let v148: u32 = var9[min(v146, 3u)];
                let v149: u32 = var0[min(v146, 3u)];
                let v150: bool = (v148 == v149);
                if ((!v150)) {
                    return 536870913u;
                }
            }
        }
        if ((t16 != 4u)) {
            return 4026531840u;
        }
    }
    return 0u;
}

fn prop_2(s: ptr<function, array<u32, 1>>, cover: ptr<function, u32>) -> u32 {
    var var0: array<u32, 4>;
    var var1: u32;
    var var2: u32;
    var var3: bool;
    var var4: u32;
    var var5: u32;
    var var6: u32;
    var var7: bool;
    var var8: u32;
    var var9: bool;
    var var10: array<u32, 4>;
    var var11: u32;
    var var12: bool;
    var var13: array<u32, 4>;
    var var14: array<u32, 4>;
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
    var0[min(v3, 3u)] = v0;
    var0[min(v4, 3u)] = v1;
    var0[min(v5, 3u)] = v2;
    var0[min(v6, 3u)] = v3;
    var3 = v7;
    let v8: u32 = var0[min(v3, 3u)];
    var4 = v3;
    var5 = v3;
    let v10: bool = (v8 < v9);
    if (v10) {
        var1 = v8;
        var2 = v4;
        var3 = v11;
    } else {
        let v13: u32 = (v8 & v12);
        let v15: bool = (v13 == v14);
        if (v15) {
            var4 = v5;
            let v17: u32 = (v8 & v16);
            var5 = v17;
        } else {
            let v19: u32 = (v8 & v18);
            let v20: bool = (v19 == v12);
            if (v20) {
                var4 = v6;
                let v22: u32 = (v8 & v21);
                var5 = v22;
            } else {
                let v24: u32 = (v8 & v23);
                let v25: bool = (v24 == v18);
                if (v25) {
                    var4 = v26;
                    let v28: u32 = (v8 & v27);
                    var5 = v28;
                } else {
                    var1 = v29;
                    var2 = v3;
                    var3 = v11;
                }
            }
        }
    }
    let v30: bool = var3;
    let v31: bool = (!v30);
    if (v31) {
        var6 = v4;
        var7 = v7;
        {
            var t8: u32 = 0u;
            for (; t8 < 3u; t8 = t8 + 1u) {
                var8 = (0u + t8);
                let v32: bool = var3;
                let v33: bool = var7;
                let v34: bool = (v32 | v33);
                let v35: bool = (!v34);
                if (v35) {
                    let v36: u32 = var6;
                    let v37: u32 = var4;
                    let v38: bool = (v36 < v37);
                    if (v38) {
                        let v39: u32 = var6;
                        if ((v39 >= 4u)) {
                            return 805306368u;
                        }
                        let v40: u32 = var0[min(v39, 3u)];
                        let v41: u32 = (v40 & v14);
                        let v42: bool = (v41 != v9);
                        if (v42) {
                            var1 = v29;
                            var2 = v3;
                            var3 = v11;
                        }
                        let v43: bool = var3;
                        let v44: bool = (!v43);
                        if (v44) {
                            let v45: u32 = var5;
                            let v47: u32 = (v45 << (v46 & 31u));
                            let v48: u32 = var6;
                            if ((v48 >= 4u)) {
                                return 805306369u;
                            }
                            let v49: u32 = var0[min(v48, 3u)];
                            let v51: u32 = (v49 & v50);
                            let v52: u32 = (v47 | v51);
                            var5 = v52;
                            let v53: u32 = var6;
                            let v54: u32 = (v53 + v4);
                            var6 = v54;
                        }
                    } else {
                        var7 = v11;
                    }
                }
            }
            if ((t8 != 3u)) {
                return 4026531840u;
            }
        }
        let v55: bool = var3;
        let v56: bool = var7;
        let v57: bool = (v55 | v56);
        let v58: bool = (!v57);
        if (v58) {
            let v59: u32 = var6;
            let v60: u32 = var4;
            let v61: bool = (v59 < v60);
            let v62: bool = (!v61);
            if ((!v62)) {
                return 1610612736u;
            }
        }
        let v63: bool = var3;
        let v64: bool = (!v63);
        if (v64) {
            let v65: u32 = var5;
            let v66: bool = (v65 < v9);
            let v67: u32 = var5;
            let v69: bool = (v67 < v68);
            let v70: u32 = var5;
            let v72: bool = (v70 < v71);
            let v73: u32 = select(v26, v6, v72);
            let v74: u32 = select(v73, v5, v69);
            let v75: u32 = select(v74, v4, v66);
            let v76: u32 = var4;
            let v77: bool = (v76 != v75);
            let v78: u32 = var5;
            let v80: bool = (v78 >= v79);
            let v81: u32 = var5;
            let v83: bool = (v81 <= v82);
            let v84: bool = (v80 & v83);
            let v85: bool = (v77 | v84);
            let v86: u32 = var5;
            let v88: bool = (v86 > v87);
            let v89: bool = (v85 | v88);
            if (v89) {
                var1 = v29;
                var2 = v3;
                var3 = v11;
            }
            let v90: bool = var3;
            let v91: bool = (!v90);
            if (v91) {
                let v92: u32 = var5;
                var1 = v92;
                let v93: u32 = var4;
                var2 = v93;
                var3 = v11;
            }
        }
    }
    let v95: u32 = var1;
    let v96: bool = (v95 == v94);
    let v97: bool = (v11 & v96);
    let v98: u32 = var2;
    let v99: bool = (v98 == v6);
    let v100: bool = (v97 & v99);
    var9 = v100;
    if (v100) {
        var12 = v7;
        let v101: bool = var12;
        let v102: bool = (!v101);
        if (v102) {
            let v103: bool = var12;
            let v104: bool = (!v103);
            if (v104) {
                if (v11) {
                    var11 = v6;
                    var12 = v11;
                }
                let v108: bool = var12;
                let v109: bool = (!v108);
                if (v109) {
                    var11 = v26;
                    var12 = v11;
                }
            }
        }
        let v112: u32 = var11;
        let v113: bool = (v112 == v6);
        var9 = v113;
    }
    let v114: bool = var9;
    if ((!v114)) {
        return 536870912u;
    }
    return 0u;
}

@compute
@workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    // zero the workgroup counters (strided by the workgroup size)
    var z: u32 = lid;
    if ((z < 21u)) {
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
            last2[j] = o2;
        }
    }
    for (var f0: u32 = fb0; f0 != 0u; f0 = f0 & (f0 - 1u)) {
        let j: u32 = countTrailingZeros(f0);
        let off: u32 = ((inv * 16u) + j);
        var o0: u32 = last0[j];
        var cov0: u32 = 0u;
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
    }
    for (var f1: u32 = fb1; f1 != 0u; f1 = f1 & (f1 - 1u)) {
        let j: u32 = countTrailingZeros(f1);
        let off: u32 = ((inv * 16u) + j);
        var o1: u32 = last1[j];
        var cov1: u32 = 0u;
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
    }
    for (var f2: u32 = fb2; f2 != 0u; f2 = f2 & (f2 - 1u)) {
        let j: u32 = countTrailingZeros(f2);
        let off: u32 = ((inv * 16u) + j);
        var o2: u32 = last2[j];
        var cov2: u32 = 0u;
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
    if ((z < 21u)) {
        let c: u32 = atomicLoad((&wg_counts[z]));
        if ((c != 0u)) {
            atomicAdd((&counters[z]), c);
        }
    }
}

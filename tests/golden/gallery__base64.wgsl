
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
var<workgroup> wg_counts: array<atomic<u32>, 24>;
override MODE: u32 = 0u;

fn load_random(lo: u32, hi: u32, s: ptr<function, array<u32, 3>>) {
    let r0: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 0u, 0u), vec2<u32>(params.key0, params.key1));
    (*s)[0u] = vr_decode_int(r0.x, 0u, 256u);
    (*s)[1u] = vr_decode_int(r0.y, 0u, 256u);
    (*s)[2u] = vr_decode_int(r0.z, 0u, 256u);
}

fn load_exhaustive(off: u32, s: ptr<function, array<u32, 3>>) {
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
    let d2: u32 = (rem % 256u);
    rem = (rem / 256u);
    let r2: vec2<u32> = vr_digit_add(aux[2u], d2, carry, 256u);
    carry = r2.y;
    (*s)[2u] = (0u + r2.x);
}

fn load_explicit(off: u32, s: ptr<function, array<u32, 3>>) {
    for (var k: u32 = 0u; k < 3u; k = k + 1u) {
        (*s)[k] = aux[((off * 3u) + k)];
    }
}

fn prop_0(s: ptr<function, array<u32, 3>>, cover: ptr<function, u32>) -> u32 {
    var var0: array<u32, 4>;
    var var1: array<u32, 64>;
    var var2: array<u32, 4>;
    var var3: array<u32, 3>;
    var var4: u32;
    var var5: bool;
    var var6: u32;
    var var7: bool;
    var var8: u32;
    var var9: bool;
    var var10: u32;
    var var11: bool;
    var var12: array<u32, 3>;
    let v0: u32 = 0u;
    let v2: u32 = 16u;
    let v4: u32 = 1u;
    let v6: u32 = 8u;
    let v9: u32 = 2u;
    let v12: u32 = 65u;
    var1[min(v0, 63u)] = v12;
    let v13: u32 = 66u;
    var1[min(v4, 63u)] = v13;
    let v14: u32 = 67u;
    var1[min(v9, 63u)] = v14;
    let v15: u32 = 3u;
    let v16: u32 = 68u;
    var1[min(v15, 63u)] = v16;
    let v17: u32 = 4u;
    let v18: u32 = 69u;
    var1[min(v17, 63u)] = v18;
    let v19: u32 = 5u;
    let v20: u32 = 70u;
    var1[min(v19, 63u)] = v20;
    let v21: u32 = 6u;
    let v22: u32 = 71u;
    var1[min(v21, 63u)] = v22;
    let v23: u32 = 7u;
    let v24: u32 = 72u;
    var1[min(v23, 63u)] = v24;
    let v25: u32 = 73u;
    var1[min(v6, 63u)] = v25;
    let v26: u32 = 9u;
    let v27: u32 = 74u;
    var1[min(v26, 63u)] = v27;
    let v28: u32 = 10u;
    let v29: u32 = 75u;
    var1[min(v28, 63u)] = v29;
    let v30: u32 = 11u;
    let v31: u32 = 76u;
    var1[min(v30, 63u)] = v31;
    let v32: u32 = 12u;
    let v33: u32 = 77u;
    var1[min(v32, 63u)] = v33;
    let v34: u32 = 13u;
    let v35: u32 = 78u;
    var1[min(v34, 63u)] = v35;
    let v36: u32 = 14u;
    let v37: u32 = 79u;
    var1[min(v36, 63u)] = v37;
    let v38: u32 = 15u;
    let v39: u32 = 80u;
    var1[min(v38, 63u)] = v39;
    let v40: u32 = 81u;
    var1[min(v2, 63u)] = v40;
    let v41: u32 = 17u;
    let v42: u32 = 82u;
    var1[min(v41, 63u)] = v42;
    let v43: u32 = 18u;
    let v44: u32 = 83u;
    var1[min(v43, 63u)] = v44;
    let v45: u32 = 19u;
    let v46: u32 = 84u;
    var1[min(v45, 63u)] = v46;
    let v47: u32 = 20u;
    let v48: u32 = 85u;
    var1[min(v47, 63u)] = v48;
    let v49: u32 = 21u;
    let v50: u32 = 86u;
    var1[min(v49, 63u)] = v50;
    let v51: u32 = 22u;
    let v52: u32 = 87u;
    var1[min(v51, 63u)] = v52;
    let v53: u32 = 23u;
    let v54: u32 = 88u;
    var1[min(v53, 63u)] = v54;
    let v55: u32 = 24u;
    let v56: u32 = 89u;
    var1[min(v55, 63u)] = v56;
    let v57: u32 = 25u;
    let v58: u32 = 90u;
    var1[min(v57, 63u)] = v58;
    let v59: u32 = 26u;
    let v60: u32 = 97u;
    var1[min(v59, 63u)] = v60;
    let v61: u32 = 27u;
    let v62: u32 = 98u;
    var1[min(v61, 63u)] = v62;
    let v63: u32 = 28u;
    let v64: u32 = 99u;
    var1[min(v63, 63u)] = v64;
    let v65: u32 = 29u;
    let v66: u32 = 100u;
    var1[min(v65, 63u)] = v66;
    let v67: u32 = 30u;
    let v68: u32 = 101u;
    var1[min(v67, 63u)] = v68;
    let v69: u32 = 31u;
    let v70: u32 = 102u;
    var1[min(v69, 63u)] = v70;
    let v71: u32 = 32u;
    let v72: u32 = 103u;
    var1[min(v71, 63u)] = v72;
    let v73: u32 = 33u;
    let v74: u32 = 104u;
    var1[min(v73, 63u)] = v74;
    let v75: u32 = 34u;
    let v76: u32 = 105u;
    var1[min(v75, 63u)] = v76;
    let v77: u32 = 35u;
    let v78: u32 = 106u;
    var1[min(v77, 63u)] = v78;
    let v79: u32 = 36u;
    let v80: u32 = 107u;
    var1[min(v79, 63u)] = v80;
    let v81: u32 = 37u;
    let v82: u32 = 108u;
    var1[min(v81, 63u)] = v82;
    let v83: u32 = 38u;
    let v84: u32 = 109u;
    var1[min(v83, 63u)] = v84;
    let v85: u32 = 39u;
    let v86: u32 = 110u;
    var1[min(v85, 63u)] = v86;
    let v87: u32 = 40u;
    let v88: u32 = 111u;
    var1[min(v87, 63u)] = v88;
    let v89: u32 = 41u;
    let v90: u32 = 112u;
    var1[min(v89, 63u)] = v90;
    let v91: u32 = 42u;
    let v92: u32 = 113u;
    var1[min(v91, 63u)] = v92;
    let v93: u32 = 43u;
    let v94: u32 = 114u;
    var1[min(v93, 63u)] = v94;
    let v95: u32 = 44u;
    let v96: u32 = 115u;
    var1[min(v95, 63u)] = v96;
    let v97: u32 = 45u;
    let v98: u32 = 116u;
    var1[min(v97, 63u)] = v98;
    let v99: u32 = 46u;
    let v100: u32 = 117u;
    var1[min(v99, 63u)] = v100;
    let v101: u32 = 47u;
    let v102: u32 = 118u;
    var1[min(v101, 63u)] = v102;
    let v103: u32 = 48u;
    let v104: u32 = 119u;
    var1[min(v103, 63u)] = v104;
    let v105: u32 = 49u;
    let v106: u32 = 120u;
    var1[min(v105, 63u)] = v106;
    let v107: u32 = 50u;
    let v108: u32 = 121u;
    var1[min(v107, 63u)] = v108;
    let v109: u32 = 51u;
    let v110: u32 = 122u;
    var1[min(v109, 63u)] = v110;
    let v111: u32 = 52u;
    var1[min(v111, 63u)] = v103;
    let v112: u32 = 53u;
    var1[min(v112, 63u)] = v105;
    let v113: u32 = 54u;
    var1[min(v113, 63u)] = v107;
    let v114: u32 = 55u;
    var1[min(v114, 63u)] = v109;
    let v115: u32 = 56u;
    var1[min(v115, 63u)] = v111;
    let v116: u32 = 57u;
    var1[min(v116, 63u)] = v112;
    let v117: u32 = 58u;
    var1[min(v117, 63u)] = v113;
    let v118: u32 = 59u;
    var1[min(v118, 63u)] = v114;
    let v119: u32 = 60u;
    var1[min(v119, 63u)] = v115;
    let v120: u32 = 61u;
    var1[min(v120, 63u)] = v116;
    let v121: u32 = 62u;
    var1[min(v121, 63u)] = v93;
    let v122: u32 = 63u;
    var1[min(v122, 63u)] = v101;
    let v135: bool = false;
    let v140: bool = true;
    let v244: u32 = 255u;
    let v1: u32 = (*s)[0u];
    let v3: u32 = (v1 << (v2 & 31u));
    let v5: u32 = (*s)[1u];
    let v7: u32 = (v5 << (v6 & 31u));
    let v8: u32 = (v3 | v7);
    let v10: u32 = (*s)[2u];
    let v11: u32 = (v8 | v10);
    let v123: u32 = (v11 >> (v43 & 31u));
    let v124: u32 = (v123 & v122);
    if ((v124 >= 64u)) {
        return 805306368u;
    }
    let v125: u32 = var1[min(v124, 63u)];
    let v126: u32 = (v11 >> (v32 & 31u));
    let v127: u32 = (v126 & v122);
    if ((v127 >= 64u)) {
        return 805306369u;
    }
    let v128: u32 = var1[min(v127, 63u)];
    let v129: u32 = (v11 >> (v21 & 31u));
    let v130: u32 = (v129 & v122);
    if ((v130 >= 64u)) {
        return 805306370u;
    }
    let v131: u32 = var1[min(v130, 63u)];
    let v132: u32 = (v11 & v122);
    if ((v132 >= 64u)) {
        return 805306371u;
    }
    let v133: u32 = var1[min(v132, 63u)];
    var2[min(v0, 3u)] = v125;
    var2[min(v4, 3u)] = v128;
    var2[min(v9, 3u)] = v131;
    var2[min(v15, 3u)] = v133;
    var0 = var2;
    let v134: u32 = var0[min(v0, 3u)];
    var5 = v135;
    let v136: bool = (v134 >= v12);
    let v137: bool = (v134 <= v58);
    let v138: bool = (v136 & v137);
    if (v138) {
        let v139: u32 = (v134 - v12);
        var4 = v139;
        var5 = v140;
    }
    let v141: bool = var5;
    let v142: bool = (!v141);
    if (v142) {
        let v143: bool = (v134 >= v60);
        let v144: bool = (v134 <= v110);
        let v145: bool = (v143 & v144);
        if (v145) {
            let v146: u32 = (v134 - v60);
            let v147: u32 = (v146 + v59);
            var4 = v147;
            var5 = v140;
        }
        let v148: bool = var5;
        let v149: bool = (!v148);
        if (v149) {
            let v150: bool = (v134 >= v103);
            let v151: bool = (v134 <= v116);
            let v152: bool = (v150 & v151);
            if (v152) {
                let v153: u32 = (v134 - v103);
                let v154: u32 = (v153 + v111);
                var4 = v154;
                var5 = v140;
            }
            let v155: bool = var5;
            let v156: bool = (!v155);
            if (v156) {
                let v157: bool = (v134 == v93);
                if (v157) {
                    var4 = v121;
                    var5 = v140;
                }
                let v158: bool = var5;
                let v159: bool = (!v158);
                if (v159) {
                    var4 = v122;
                    var5 = v140;
                }
            }
        }
    }
    let v160: u32 = var4;
    let v161: u32 = (v160 << (v43 & 31u));
    let v162: u32 = var0[min(v4, 3u)];
    var7 = v135;
    let v163: bool = (v162 >= v12);
    let v164: bool = (v162 <= v58);
    let v165: bool = (v163 & v164);
    if (v165) {
        let v166: u32 = (v162 - v12);
        var6 = v166;
        var7 = v140;
    }
    let v167: bool = var7;
    let v168: bool = (!v167);
    if (v168) {
        let v169: bool = (v162 >= v60);
        let v170: bool = (v162 <= v110);
        let v171: bool = (v169 & v170);
        if (v171) {
            let v172: u32 = (v162 - v60);
            let v173: u32 = (v172 + v59);
            var6 = v173;
            var7 = v140;
        }
        let v174: bool = var7;
        let v175: bool = (!v174);
        if (v175) {
            let v176: bool = (v162 >= v103);
            let v177: bool = (v162 <= v116);
            let v178: bool = (v176 & v177);
            if (v178) {
                let v179: u32 = (v162 - v103);
                let v180: u32 = (v179 + v111);
                var6 = v180;
                var7 = v140;
            }
            let v181: bool = var7;
            let v182: bool = (!v181);
            if (v182) {
                let v183: bool = (v162 == v93);
                if (v183) {
                    var6 = v121;
                    var7 = v140;
                }
                let v184: bool = var7;
                let v185: bool = (!v184);
                if (v185) {
                    var6 = v122;
                    var7 = v140;
                }
            }
        }
    }
    let v186: u32 = var6;
    let v187: u32 = (v186 << (v32 & 31u));
    let v188: u32 = (v161 | v187);
    let v189: u32 = var0[min(v9, 3u)];
    var9 = v135;
    let v190: bool = (v189 >= v12);
    let v191: bool = (v189 <= v58);
    let v192: bool = (v190 & v191);
    if (v192) {
        let v193: u32 = (v189 - v12);
        var8 = v193;
        var9 = v140;
    }
    let v194: bool = var9;
    let v195: bool = (!v194);
    if (v195) {
        let v196: bool = (v189 >= v60);
        let v197: bool = (v189 <= v110);
        let v198: bool = (v196 & v197);
        if (v198) {
            let v199: u32 = (v189 - v60);
            let v200: u32 = (v199 + v59);
            var8 = v200;
            var9 = v140;
        }
        let v201: bool = var9;
        let v202: bool = (!v201);
        if (v202) {
            let v203: bool = (v189 >= v103);
            let v204: bool = (v189 <= v116);
            let v205: bool = (v203 & v204);
            if (v205) {
                let v206: u32 = (v189 - v103);
                let v207: u32 = (v206 + v111);
                var8 = v207;
                var9 = v140;
            }
            let v208: bool = var9;
            let v209: bool = (!v208);
            if (v209) {
                let v210: bool = (v189 == v93);
                if (v210) {
                    var8 = v121;
                    var9 = v140;
                }
                let v211: bool = var9;
                let v212: bool = (!v211);
                if (v212) {
                    var8 = v122;
                    var9 = v140;
                }
            }
        }
    }
    let v213: u32 = var8;
    let v214: u32 = (v213 << (v21 & 31u));
    let v215: u32 = (v188 | v214);
    let v216: u32 = var0[min(v15, 3u)];
    var11 = v135;
    let v217: bool = (v216 >= v12);
    let v218: bool = (v216 <= v58);
    let v219: bool = (v217 & v218);
    if (v219) {
        let v220: u32 = (v216 - v12);
        var10 = v220;
        var11 = v140;
    }
    let v221: bool = var11;
    let v222: bool = (!v221);
    if (v222) {
        let v223: bool = (v216 >= v60);
        let v224: bool = (v216 <= v110);
        let v225: bool = (v223 & v224);
        if (v225) {
            let v226: u32 = (v216 - v60);
            let v227: u32 = (v226 + v59);
            var10 = v227;
            var11 = v140;
        }
        let v228: bool = var11;
        let v229: bool = (!v228);
        if (v229) {
            let v230: bool = (v216 >= v103);
            let v231: bool = (v216 <= v116);
            let v232: bool = (v230 & v231);
            if (v232) {
                let v233: u32 = (v216 - v103);
                let v234: u32 = (v233 + v111);
                var10 = v234;
                var11 = v140;
            }
            let v235: bool = var11;
            let v236: bool = (!v235);
            if (v236) {
                let v237: bool = (v216 == v93);
                if (v237) {
                    var10 = v121;
                    var11 = v140;
                }
                let v238: bool = var11;
                let v239: bool = (!v238);
                if (v239) {
                    var10 = v122;
                    var11 = v140;
                }
            }
        }
    }
    let v240: u32 = var10;
    let v241: u32 = (v215 | v240);
    let v242: u32 = (v241 >> (v2 & 31u));
    let v243: u32 = (v241 >> (v6 & 31u));
    let v245: u32 = (v243 & v244);
    let v246: u32 = (v241 & v244);
    var12[min(v0, 2u)] = v242;
    var12[min(v4, 2u)] = v245;
    var12[min(v9, 2u)] = v246;
    var3 = var12;
    let v247: u32 = var3[min(v0, 2u)];
    let v248: u32 = (*s)[0u];
    let v249: bool = (v247 == v248);
    let v250: bool = (v140 & v249);
    let v251: u32 = var3[min(v4, 2u)];
    let v252: u32 = (*s)[1u];
    let v253: bool = (v251 == v252);
    let v254: bool = (v250 & v253);
    let v255: u32 = var3[min(v9, 2u)];
    let v256: u32 = (*s)[2u];
    let v257: bool = (v255 == v256);
    let v258: bool = (v254 & v257);
    if ((!v258)) {
        return 536870912u;
    }
    return 0u;
}

fn prop_1(s: ptr<function, array<u32, 3>>, cover: ptr<function, u32>) -> u32 {
    var var0: array<u32, 4>;
    var var1: array<u32, 64>;
    var var2: array<u32, 4>;
    var var3: u32;
    var var4: u32;
    var var5: u32;
    var var6: bool;
    var var7: u32;
    var var8: u32;
    var var9: bool;
    let v0: u32 = 0u;
    let v2: u32 = 16u;
    let v4: u32 = 1u;
    let v6: u32 = 8u;
    let v9: u32 = 2u;
    let v12: u32 = 65u;
    var1[min(v0, 63u)] = v12;
    let v13: u32 = 66u;
    var1[min(v4, 63u)] = v13;
    let v14: u32 = 67u;
    var1[min(v9, 63u)] = v14;
    let v15: u32 = 3u;
    let v16: u32 = 68u;
    var1[min(v15, 63u)] = v16;
    let v17: u32 = 4u;
    let v18: u32 = 69u;
    var1[min(v17, 63u)] = v18;
    let v19: u32 = 5u;
    let v20: u32 = 70u;
    var1[min(v19, 63u)] = v20;
    let v21: u32 = 6u;
    let v22: u32 = 71u;
    var1[min(v21, 63u)] = v22;
    let v23: u32 = 7u;
    let v24: u32 = 72u;
    var1[min(v23, 63u)] = v24;
    let v25: u32 = 73u;
    var1[min(v6, 63u)] = v25;
    let v26: u32 = 9u;
    let v27: u32 = 74u;
    var1[min(v26, 63u)] = v27;
    let v28: u32 = 10u;
    let v29: u32 = 75u;
    var1[min(v28, 63u)] = v29;
    let v30: u32 = 11u;
    let v31: u32 = 76u;
    var1[min(v30, 63u)] = v31;
    let v32: u32 = 12u;
    let v33: u32 = 77u;
    var1[min(v32, 63u)] = v33;
    let v34: u32 = 13u;
    let v35: u32 = 78u;
    var1[min(v34, 63u)] = v35;
    let v36: u32 = 14u;
    let v37: u32 = 79u;
    var1[min(v36, 63u)] = v37;
    let v38: u32 = 15u;
    let v39: u32 = 80u;
    var1[min(v38, 63u)] = v39;
    let v40: u32 = 81u;
    var1[min(v2, 63u)] = v40;
    let v41: u32 = 17u;
    let v42: u32 = 82u;
    var1[min(v41, 63u)] = v42;
    let v43: u32 = 18u;
    let v44: u32 = 83u;
    var1[min(v43, 63u)] = v44;
    let v45: u32 = 19u;
    let v46: u32 = 84u;
    var1[min(v45, 63u)] = v46;
    let v47: u32 = 20u;
    let v48: u32 = 85u;
    var1[min(v47, 63u)] = v48;
    let v49: u32 = 21u;
    let v50: u32 = 86u;
    var1[min(v49, 63u)] = v50;
    let v51: u32 = 22u;
    let v52: u32 = 87u;
    var1[min(v51, 63u)] = v52;
    let v53: u32 = 23u;
    let v54: u32 = 88u;
    var1[min(v53, 63u)] = v54;
    let v55: u32 = 24u;
    let v56: u32 = 89u;
    var1[min(v55, 63u)] = v56;
    let v57: u32 = 25u;
    let v58: u32 = 90u;
    var1[min(v57, 63u)] = v58;
    let v59: u32 = 26u;
    let v60: u32 = 97u;
    var1[min(v59, 63u)] = v60;
    let v61: u32 = 27u;
    let v62: u32 = 98u;
    var1[min(v61, 63u)] = v62;
    let v63: u32 = 28u;
    let v64: u32 = 99u;
    var1[min(v63, 63u)] = v64;
    let v65: u32 = 29u;
    let v66: u32 = 100u;
    var1[min(v65, 63u)] = v66;
    let v67: u32 = 30u;
    let v68: u32 = 101u;
    var1[min(v67, 63u)] = v68;
    let v69: u32 = 31u;
    let v70: u32 = 102u;
    var1[min(v69, 63u)] = v70;
    let v71: u32 = 32u;
    let v72: u32 = 103u;
    var1[min(v71, 63u)] = v72;
    let v73: u32 = 33u;
    let v74: u32 = 104u;
    var1[min(v73, 63u)] = v74;
    let v75: u32 = 34u;
    let v76: u32 = 105u;
    var1[min(v75, 63u)] = v76;
    let v77: u32 = 35u;
    let v78: u32 = 106u;
    var1[min(v77, 63u)] = v78;
    let v79: u32 = 36u;
    let v80: u32 = 107u;
    var1[min(v79, 63u)] = v80;
    let v81: u32 = 37u;
    let v82: u32 = 108u;
    var1[min(v81, 63u)] = v82;
    let v83: u32 = 38u;
    let v84: u32 = 109u;
    var1[min(v83, 63u)] = v84;
    let v85: u32 = 39u;
    let v86: u32 = 110u;
    var1[min(v85, 63u)] = v86;
    let v87: u32 = 40u;
    let v88: u32 = 111u;
    var1[min(v87, 63u)] = v88;
    let v89: u32 = 41u;
    let v90: u32 = 112u;
    var1[min(v89, 63u)] = v90;
    let v91: u32 = 42u;
    let v92: u32 = 113u;
    var1[min(v91, 63u)] = v92;
    let v93: u32 = 43u;
    let v94: u32 = 114u;
    var1[min(v93, 63u)] = v94;
    let v95: u32 = 44u;
    let v96: u32 = 115u;
    var1[min(v95, 63u)] = v96;
    let v97: u32 = 45u;
    let v98: u32 = 116u;
    var1[min(v97, 63u)] = v98;
    let v99: u32 = 46u;
    let v100: u32 = 117u;
    var1[min(v99, 63u)] = v100;
    let v101: u32 = 47u;
    let v102: u32 = 118u;
    var1[min(v101, 63u)] = v102;
    let v103: u32 = 48u;
    let v104: u32 = 119u;
    var1[min(v103, 63u)] = v104;
    let v105: u32 = 49u;
    let v106: u32 = 120u;
    var1[min(v105, 63u)] = v106;
    let v107: u32 = 50u;
    let v108: u32 = 121u;
    var1[min(v107, 63u)] = v108;
    let v109: u32 = 51u;
    let v110: u32 = 122u;
    var1[min(v109, 63u)] = v110;
    let v111: u32 = 52u;
    var1[min(v111, 63u)] = v103;
    let v112: u32 = 53u;
    var1[min(v112, 63u)] = v105;
    let v113: u32 = 54u;
    var1[min(v113, 63u)] = v107;
    let v114: u32 = 55u;
    var1[min(v114, 63u)] = v109;
    let v115: u32 = 56u;
    var1[min(v115, 63u)] = v111;
    let v116: u32 = 57u;
    var1[min(v116, 63u)] = v112;
    let v117: u32 = 58u;
    var1[min(v117, 63u)] = v113;
    let v118: u32 = 59u;
    var1[min(v118, 63u)] = v114;
    let v119: u32 = 60u;
    var1[min(v119, 63u)] = v115;
    let v120: u32 = 61u;
    var1[min(v120, 63u)] = v116;
    let v121: u32 = 62u;
    var1[min(v121, 63u)] = v93;
    let v122: u32 = 63u;
    var1[min(v122, 63u)] = v101;
    let v136: bool = false;
    let v140: u32 = 64u;
    let v145: bool = true;
    let v1: u32 = (*s)[0u];
    let v3: u32 = (v1 << (v2 & 31u));
    let v5: u32 = (*s)[1u];
    let v7: u32 = (v5 << (v6 & 31u));
    let v8: u32 = (v3 | v7);
    let v10: u32 = (*s)[2u];
    let v11: u32 = (v8 | v10);
    let v123: u32 = (v11 >> (v43 & 31u));
    let v124: u32 = (v123 & v122);
    if ((v124 >= 64u)) {
        return 805306368u;
    }
    let v125: u32 = var1[min(v124, 63u)];
    let v126: u32 = (v11 >> (v32 & 31u));
    let v127: u32 = (v126 & v122);
    if ((v127 >= 64u)) {
        return 805306369u;
    }
    let v128: u32 = var1[min(v127, 63u)];
    let v129: u32 = (v11 >> (v21 & 31u));
    let v130: u32 = (v129 & v122);
    if ((v130 >= 64u)) {
        return 805306370u;
    }
    let v131: u32 = var1[min(v130, 63u)];
    let v132: u32 = (v11 & v122);
    if ((v132 >= 64u)) {
        return 805306371u;
    }
    let v133: u32 = var1[min(v132, 63u)];
    var2[min(v0, 3u)] = v125;
    var2[min(v4, 3u)] = v128;
    var2[min(v9, 3u)] = v131;
    var2[min(v15, 3u)] = v133;
    var0 = var2;
    {
        var t3: u32 = 0u;
        for (; t3 < 4u; t3 = t3 + 1u) {
            var3 = (0u + t3);
            let v134: u32 = var3;
            let v135: u32 = var0[min(v134, 3u)];
            var5 = v0;
            var6 = v136;
            {
                var t7: u32 = 0u;
                for (; t7 < 64u; t7 = t7 + 1u) {
                    var7 = (0u + t7);
                    let v137: bool = var6;
                    let v138: bool = (!v137);
                    if (v138) {
                        let v139: u32 = var5;
                        let v141: bool = (v139 < v140);
                        if (v141) {
                            let v142: u32 = var5;
                            if ((v142 >= 64u)) {
                                return 805306372u;
                            }
                            let v143: u32 = var1[min(v142, 63u)];
                            let v144: bool = (v143 == v135);
                            if (v144) {
                                var6 = v145;
                            }
                            let v146: bool = var6;
                            let v147: bool = (!v146);
                            if (v147) {
                                let v148: u32 = var5;
                                let v149: u32 = (v148 + v4);
                                var5 = v149;
                            }
                        } else {
                            var6 = v145;
                        }
                    }
                }
                if ((t7 != 64u)) {
                    return 4026531840u;
                }
            }
            let v150: bool = var6;
            let v151: bool = (!v150);
            if (v151) {
                let v152: u32 = var5;
                let v153: bool = (v152 < v140);
                let v154: bool = (!v153);
                if ((!v154)) {
                    return 1610612736u;
                }
            }
            let v155: u32 = var5;
            var4 = v155;
            let v156: u32 = var4;
            let v157: u32 = var0[min(v134, 3u)];
            var9 = v136;
            let v158: bool = (v157 >= v12);
            let v159: bool = (v157 <= v58);
            let v160: bool = (v158 & v159);
            if (v160) {
                let v161: u32 = (v157 - v12);
                var8 = v161;
                var9 = v145;
            }
            let v162: bool = var9;
            let v163: bool = (!v162);
            if (v163) {
                let v164: bool = (v157 >= v60);
                let v165: bool = (v157 <= v110);
                let v166: bool = (v164 & v165);
                if (v166) {
                    let v167: u32 = (v157 - v60);
                    let v168: u32 = (v167 + v59);
                    var8 = v168;
                    var9 = v145;
                }
                let v169: bool = var9;
                let v170: bool = (!v169);
                if (v170) {
                    let v171: bool = (v157 >= v103);
                    let v172: bool = (v157 <= v116);
                    let v173: bool = (v171 & v172);
                    if (v173) {
                        let v174: u32 = (v157 - v103);
                        let v175: u32 = (v174 + v111);
                        var8 = v175;
                        var9 = v145;
                    }
                    let v176: bool = var9;
                    let v177: bool = (!v176);
                    if (v177) {
                        let v178: bool = (v157 == v93);
                        if (v178) {
                            var8 = v121;
                            var9 = v145;
                        }
                        let v179: bool = var9;
                        let v180: bool = (!v179);
                        if (v180) {
                            var8 = v122;
                            var9 = v145;
                        }
                    }
                }
            }
            let v181: u32 = var8;
            let v182: bool = (v156 == v181);
            if ((!v182)) {
                return 536870912u;
            }
        }
        if ((t3 != 4u)) {
            return 4026531840u;
        }
    }
    return 0u;
}

fn prop_2(s: ptr<function, array<u32, 3>>, cover: ptr<function, u32>) -> u32 {
    var var0: array<u32, 4>;
    var var1: array<u32, 64>;
    var var2: array<u32, 4>;
    var var3: u32;
    var var4: array<u32, 128>;
    var var5: u32;
    var var6: bool;
    let v0: u32 = 0u;
    let v2: u32 = 16u;
    let v4: u32 = 1u;
    let v6: u32 = 8u;
    let v9: u32 = 2u;
    let v12: u32 = 65u;
    var1[min(v0, 63u)] = v12;
    let v13: u32 = 66u;
    var1[min(v4, 63u)] = v13;
    let v14: u32 = 67u;
    var1[min(v9, 63u)] = v14;
    let v15: u32 = 3u;
    let v16: u32 = 68u;
    var1[min(v15, 63u)] = v16;
    let v17: u32 = 4u;
    let v18: u32 = 69u;
    var1[min(v17, 63u)] = v18;
    let v19: u32 = 5u;
    let v20: u32 = 70u;
    var1[min(v19, 63u)] = v20;
    let v21: u32 = 6u;
    let v22: u32 = 71u;
    var1[min(v21, 63u)] = v22;
    let v23: u32 = 7u;
    let v24: u32 = 72u;
    var1[min(v23, 63u)] = v24;
    let v25: u32 = 73u;
    var1[min(v6, 63u)] = v25;
    let v26: u32 = 9u;
    let v27: u32 = 74u;
    var1[min(v26, 63u)] = v27;
    let v28: u32 = 10u;
    let v29: u32 = 75u;
    var1[min(v28, 63u)] = v29;
    let v30: u32 = 11u;
    let v31: u32 = 76u;
    var1[min(v30, 63u)] = v31;
    let v32: u32 = 12u;
    let v33: u32 = 77u;
    var1[min(v32, 63u)] = v33;
    let v34: u32 = 13u;
    let v35: u32 = 78u;
    var1[min(v34, 63u)] = v35;
    let v36: u32 = 14u;
    let v37: u32 = 79u;
    var1[min(v36, 63u)] = v37;
    let v38: u32 = 15u;
    let v39: u32 = 80u;
    var1[min(v38, 63u)] = v39;
    let v40: u32 = 81u;
    var1[min(v2, 63u)] = v40;
    let v41: u32 = 17u;
    let v42: u32 = 82u;
    var1[min(v41, 63u)] = v42;
    let v43: u32 = 18u;
    let v44: u32 = 83u;
    var1[min(v43, 63u)] = v44;
    let v45: u32 = 19u;
    let v46: u32 = 84u;
    var1[min(v45, 63u)] = v46;
    let v47: u32 = 20u;
    let v48: u32 = 85u;
    var1[min(v47, 63u)] = v48;
    let v49: u32 = 21u;
    let v50: u32 = 86u;
    var1[min(v49, 63u)] = v50;
    let v51: u32 = 22u;
    let v52: u32 = 87u;
    var1[min(v51, 63u)] = v52;
    let v53: u32 = 23u;
    let v54: u32 = 88u;
    var1[min(v53, 63u)] = v54;
    let v55: u32 = 24u;
    let v56: u32 = 89u;
    var1[min(v55, 63u)] = v56;
    let v57: u32 = 25u;
    let v58: u32 = 90u;
    var1[min(v57, 63u)] = v58;
    let v59: u32 = 26u;
    let v60: u32 = 97u;
    var1[min(v59, 63u)] = v60;
    let v61: u32 = 27u;
    let v62: u32 = 98u;
    var1[min(v61, 63u)] = v62;
    let v63: u32 = 28u;
    let v64: u32 = 99u;
    var1[min(v63, 63u)] = v64;
    let v65: u32 = 29u;
    let v66: u32 = 100u;
    var1[min(v65, 63u)] = v66;
    let v67: u32 = 30u;
    let v68: u32 = 101u;
    var1[min(v67, 63u)] = v68;
    let v69: u32 = 31u;
    let v70: u32 = 102u;
    var1[min(v69, 63u)] = v70;
    let v71: u32 = 32u;
    let v72: u32 = 103u;
    var1[min(v71, 63u)] = v72;
    let v73: u32 = 33u;
    let v74: u32 = 104u;
    var1[min(v73, 63u)] = v74;
    let v75: u32 = 34u;
    let v76: u32 = 105u;
    var1[min(v75, 63u)] = v76;
    let v77: u32 = 35u;
    let v78: u32 = 106u;
    var1[min(v77, 63u)] = v78;
    let v79: u32 = 36u;
    let v80: u32 = 107u;
    var1[min(v79, 63u)] = v80;
    let v81: u32 = 37u;
    let v82: u32 = 108u;
    var1[min(v81, 63u)] = v82;
    let v83: u32 = 38u;
    let v84: u32 = 109u;
    var1[min(v83, 63u)] = v84;
    let v85: u32 = 39u;
    let v86: u32 = 110u;
    var1[min(v85, 63u)] = v86;
    let v87: u32 = 40u;
    let v88: u32 = 111u;
    var1[min(v87, 63u)] = v88;
    let v89: u32 = 41u;
    let v90: u32 = 112u;
    var1[min(v89, 63u)] = v90;
    let v91: u32 = 42u;
    let v92: u32 = 113u;
    var1[min(v91, 63u)] = v92;
    let v93: u32 = 43u;
    let v94: u32 = 114u;
    var1[min(v93, 63u)] = v94;
    let v95: u32 = 44u;
    let v96: u32 = 115u;
    var1[min(v95, 63u)] = v96;
    let v97: u32 = 45u;
    let v98: u32 = 116u;
    var1[min(v97, 63u)] = v98;
    let v99: u32 = 46u;
    let v100: u32 = 117u;
    var1[min(v99, 63u)] = v100;
    let v101: u32 = 47u;
    let v102: u32 = 118u;
    var1[min(v101, 63u)] = v102;
    let v103: u32 = 48u;
    let v104: u32 = 119u;
    var1[min(v103, 63u)] = v104;
    let v105: u32 = 49u;
    let v106: u32 = 120u;
    var1[min(v105, 63u)] = v106;
    let v107: u32 = 50u;
    let v108: u32 = 121u;
    var1[min(v107, 63u)] = v108;
    let v109: u32 = 51u;
    let v110: u32 = 122u;
    var1[min(v109, 63u)] = v110;
    let v111: u32 = 52u;
    var1[min(v111, 63u)] = v103;
    let v112: u32 = 53u;
    var1[min(v112, 63u)] = v105;
    let v113: u32 = 54u;
    var1[min(v113, 63u)] = v107;
    let v114: u32 = 55u;
    var1[min(v114, 63u)] = v109;
    let v115: u32 = 56u;
    var1[min(v115, 63u)] = v111;
    let v116: u32 = 57u;
    var1[min(v116, 63u)] = v112;
    let v117: u32 = 58u;
    var1[min(v117, 63u)] = v113;
    let v118: u32 = 59u;
    var1[min(v118, 63u)] = v114;
    let v119: u32 = 60u;
    var1[min(v119, 63u)] = v115;
    let v120: u32 = 61u;
    var1[min(v120, 63u)] = v116;
    let v121: u32 = 62u;
    var1[min(v121, 63u)] = v93;
    let v122: u32 = 63u;
    var1[min(v122, 63u)] = v101;
    let v135: u32 = 255u;
    var4[min(v0, 127u)] = v135;
    var4[min(v4, 127u)] = v135;
    var4[min(v9, 127u)] = v135;
    var4[min(v15, 127u)] = v135;
    var4[min(v17, 127u)] = v135;
    var4[min(v19, 127u)] = v135;
    var4[min(v21, 127u)] = v135;
    var4[min(v23, 127u)] = v135;
    var4[min(v6, 127u)] = v135;
    var4[min(v26, 127u)] = v135;
    var4[min(v28, 127u)] = v135;
    var4[min(v30, 127u)] = v135;
    var4[min(v32, 127u)] = v135;
    var4[min(v34, 127u)] = v135;
    var4[min(v36, 127u)] = v135;
    var4[min(v38, 127u)] = v135;
    var4[min(v2, 127u)] = v135;
    var4[min(v41, 127u)] = v135;
    var4[min(v43, 127u)] = v135;
    var4[min(v45, 127u)] = v135;
    var4[min(v47, 127u)] = v135;
    var4[min(v49, 127u)] = v135;
    var4[min(v51, 127u)] = v135;
    var4[min(v53, 127u)] = v135;
    var4[min(v55, 127u)] = v135;
    var4[min(v57, 127u)] = v135;
    var4[min(v59, 127u)] = v135;
    var4[min(v61, 127u)] = v135;
    var4[min(v63, 127u)] = v135;
    var4[min(v65, 127u)] = v135;
    var4[min(v67, 127u)] = v135;
    var4[min(v69, 127u)] = v135;
    var4[min(v71, 127u)] = v135;
    var4[min(v73, 127u)] = v135;
    var4[min(v75, 127u)] = v135;
    var4[min(v77, 127u)] = v135;
    var4[min(v79, 127u)] = v135;
    var4[min(v81, 127u)] = v135;
    var4[min(v83, 127u)] = v135;
    var4[min(v85, 127u)] = v135;
    var4[min(v87, 127u)] = v135;
    var4[min(v89, 127u)] = v135;
    var4[min(v91, 127u)] = v135;
    var4[min(v93, 127u)] = v121;
    var4[min(v95, 127u)] = v135;
    var4[min(v97, 127u)] = v135;
    var4[min(v99, 127u)] = v135;
    var4[min(v101, 127u)] = v122;
    var4[min(v103, 127u)] = v111;
    var4[min(v105, 127u)] = v112;
    var4[min(v107, 127u)] = v113;
    var4[min(v109, 127u)] = v114;
    var4[min(v111, 127u)] = v115;
    var4[min(v112, 127u)] = v116;
    var4[min(v113, 127u)] = v117;
    var4[min(v114, 127u)] = v118;
    var4[min(v115, 127u)] = v119;
    var4[min(v116, 127u)] = v120;
    var4[min(v117, 127u)] = v135;
    var4[min(v118, 127u)] = v135;
    var4[min(v119, 127u)] = v135;
    var4[min(v120, 127u)] = v135;
    var4[min(v121, 127u)] = v135;
    var4[min(v122, 127u)] = v135;
    let v136: u32 = 64u;
    var4[min(v136, 127u)] = v135;
    var4[min(v12, 127u)] = v0;
    var4[min(v13, 127u)] = v4;
    var4[min(v14, 127u)] = v9;
    var4[min(v16, 127u)] = v15;
    var4[min(v18, 127u)] = v17;
    var4[min(v20, 127u)] = v19;
    var4[min(v22, 127u)] = v21;
    var4[min(v24, 127u)] = v23;
    var4[min(v25, 127u)] = v6;
    var4[min(v27, 127u)] = v26;
    var4[min(v29, 127u)] = v28;
    var4[min(v31, 127u)] = v30;
    var4[min(v33, 127u)] = v32;
    var4[min(v35, 127u)] = v34;
    var4[min(v37, 127u)] = v36;
    var4[min(v39, 127u)] = v38;
    var4[min(v40, 127u)] = v2;
    var4[min(v42, 127u)] = v41;
    var4[min(v44, 127u)] = v43;
    var4[min(v46, 127u)] = v45;
    var4[min(v48, 127u)] = v47;
    var4[min(v50, 127u)] = v49;
    var4[min(v52, 127u)] = v51;
    var4[min(v54, 127u)] = v53;
    var4[min(v56, 127u)] = v55;
    var4[min(v58, 127u)] = v57;
    let v137: u32 = 91u;
    var4[min(v137, 127u)] = v135;
    let v138: u32 = 92u;
    var4[min(v138, 127u)] = v135;
    let v139: u32 = 93u;
    var4[min(v139, 127u)] = v135;
    let v140: u32 = 94u;
    var4[min(v140, 127u)] = v135;
    let v141: u32 = 95u;
    var4[min(v141, 127u)] = v135;
    let v142: u32 = 96u;
    var4[min(v142, 127u)] = v135;
    var4[min(v60, 127u)] = v59;
    var4[min(v62, 127u)] = v61;
    var4[min(v64, 127u)] = v63;
    var4[min(v66, 127u)] = v65;
    var4[min(v68, 127u)] = v67;
    var4[min(v70, 127u)] = v69;
    var4[min(v72, 127u)] = v71;
    var4[min(v74, 127u)] = v73;
    var4[min(v76, 127u)] = v75;
    var4[min(v78, 127u)] = v77;
    var4[min(v80, 127u)] = v79;
    var4[min(v82, 127u)] = v81;
    var4[min(v84, 127u)] = v83;
    var4[min(v86, 127u)] = v85;
    var4[min(v88, 127u)] = v87;
    var4[min(v90, 127u)] = v89;
    var4[min(v92, 127u)] = v91;
    var4[min(v94, 127u)] = v93;
    var4[min(v96, 127u)] = v95;
    var4[min(v98, 127u)] = v97;
    var4[min(v100, 127u)] = v99;
    var4[min(v102, 127u)] = v101;
    var4[min(v104, 127u)] = v103;
    var4[min(v106, 127u)] = v105;
    var4[min(v108, 127u)] = v107;
    var4[min(v110, 127u)] = v109;
    let v143: u32 = 123u;
    var4[min(v143, 127u)] = v135;
    let v144: u32 = 124u;
    var4[min(v144, 127u)] = v135;
    let v145: u32 = 125u;
    var4[min(v145, 127u)] = v135;
    let v146: u32 = 126u;
    var4[min(v146, 127u)] = v135;
    let v147: u32 = 127u;
    var4[min(v147, 127u)] = v135;
    let v151: bool = false;
    let v156: bool = true;
    let v1: u32 = (*s)[0u];
    let v3: u32 = (v1 << (v2 & 31u));
    let v5: u32 = (*s)[1u];
    let v7: u32 = (v5 << (v6 & 31u));
    let v8: u32 = (v3 | v7);
    let v10: u32 = (*s)[2u];
    let v11: u32 = (v8 | v10);
    let v123: u32 = (v11 >> (v43 & 31u));
    let v124: u32 = (v123 & v122);
    if ((v124 >= 64u)) {
        return 805306368u;
    }
    let v125: u32 = var1[min(v124, 63u)];
    let v126: u32 = (v11 >> (v32 & 31u));
    let v127: u32 = (v126 & v122);
    if ((v127 >= 64u)) {
        return 805306369u;
    }
    let v128: u32 = var1[min(v127, 63u)];
    let v129: u32 = (v11 >> (v21 & 31u));
    let v130: u32 = (v129 & v122);
    if ((v130 >= 64u)) {
        return 805306370u;
    }
    let v131: u32 = var1[min(v130, 63u)];
    let v132: u32 = (v11 & v122);
    if ((v132 >= 64u)) {
        return 805306371u;
    }
    let v133: u32 = var1[min(v132, 63u)];
    var2[min(v0, 3u)] = v125;
    var2[min(v4, 3u)] = v128;
    var2[min(v9, 3u)] = v131;
    var2[min(v15, 3u)] = v133;
    var0 = var2;
    {
        var t3: u32 = 0u;
        for (; t3 < 4u; t3 = t3 + 1u) {
            var3 = (0u + t3);
            let v134: u32 = var3;
            let v148: u32 = var0[min(v134, 3u)];
            if ((v148 >= 128u)) {
                return 805306372u;
            }
            let v149: u32 = var4[min(v148, 127u)];
            let v150: u32 = var0[min(v134, 3u)];
            var6 = v151;
            let v152: bool = (v150 >= v12);
            let v153: bool = (v150 <= v58);
            let v154: bool = (v152 & v153);
            if (v154) {
                let v155: u32 = (v150 - v12);
                var5 = v155;
                var6 = v156;
            }
            let v157: bool = var6;
            let v158: bool = (!v157);
            if (v158) {
                let v159: bool = (v150 >= v60);
                let v160: bool = (v150 <= v110);
                let v161: bool = (v159 & v160);
                if (v161) {
                    let v162: u32 = (v150 - v60);
                    let v163: u32 = (v162 + v59);
                    var5 = v163;
                    var6 = v156;
                }
                let v164: bool = var6;
                let v165: bool = (!v164);
                if (v165) {
                    let v166: bool = (v150 >= v103);
                    let v167: bool = (v150 <= v116);
                    let v168: bool = (v166 & v167);
                    if (v168) {
                        let v169: u32 = (v150 - v103);
                        let v170: u32 = (v169 + v111);
                        var5 = v170;
                        var6 = v156;
                    }
                    let v171: bool = var6;
                    let v172: bool = (!v171);
                    if (v172) {
                        let v173: bool = (v150 == v93);
                        if (v173) {
                            var5 = v121;
                            var6 = v156;
                        }
                        let v174: bool = var6;
                        let v175: bool = (!v174);
                        if (v175) {
                            var5 = v122;
                            var6 = v156;
                        }
                    }
                }
            }
            let v176: u32 = var5;
            let v177: bool = (v149 == v176);
            if ((!v177)) {
                return 536870912u;
            }
        }
        if ((t3 != 4u)) {
            return 4026531840u;
        }
    }
    return 0u;
}

fn prop_3(s: ptr<function, array<u32, 3>>, cover: ptr<function, u32>) -> u32 {
    var var0: array<u32, 4>;
    var var1: array<u32, 64>;
    var var2: array<u32, 4>;
    var var3: u32;
    var var4: bool;
    let v0: u32 = 0u;
    let v2: u32 = 16u;
    let v4: u32 = 1u;
    let v6: u32 = 8u;
    let v9: u32 = 2u;
    let v12: u32 = 65u;
    var1[min(v0, 63u)] = v12;
    let v13: u32 = 66u;
    var1[min(v4, 63u)] = v13;
    let v14: u32 = 67u;
    var1[min(v9, 63u)] = v14;
    let v15: u32 = 3u;
    let v16: u32 = 68u;
    var1[min(v15, 63u)] = v16;
    let v17: u32 = 4u;
    let v18: u32 = 69u;
    var1[min(v17, 63u)] = v18;
    let v19: u32 = 5u;
    let v20: u32 = 70u;
    var1[min(v19, 63u)] = v20;
    let v21: u32 = 6u;
    let v22: u32 = 71u;
    var1[min(v21, 63u)] = v22;
    let v23: u32 = 7u;
    let v24: u32 = 72u;
    var1[min(v23, 63u)] = v24;
    let v25: u32 = 73u;
    var1[min(v6, 63u)] = v25;
    let v26: u32 = 9u;
    let v27: u32 = 74u;
    var1[min(v26, 63u)] = v27;
    let v28: u32 = 10u;
    let v29: u32 = 75u;
    var1[min(v28, 63u)] = v29;
    let v30: u32 = 11u;
    let v31: u32 = 76u;
    var1[min(v30, 63u)] = v31;
    let v32: u32 = 12u;
    let v33: u32 = 77u;
    var1[min(v32, 63u)] = v33;
    let v34: u32 = 13u;
    let v35: u32 = 78u;
    var1[min(v34, 63u)] = v35;
    let v36: u32 = 14u;
    let v37: u32 = 79u;
    var1[min(v36, 63u)] = v37;
    let v38: u32 = 15u;
    let v39: u32 = 80u;
    var1[min(v38, 63u)] = v39;
    let v40: u32 = 81u;
    var1[min(v2, 63u)] = v40;
    let v41: u32 = 17u;
    let v42: u32 = 82u;
    var1[min(v41, 63u)] = v42;
    let v43: u32 = 18u;
    let v44: u32 = 83u;
    var1[min(v43, 63u)] = v44;
    let v45: u32 = 19u;
    let v46: u32 = 84u;
    var1[min(v45, 63u)] = v46;
    let v47: u32 = 20u;
    let v48: u32 = 85u;
    var1[min(v47, 63u)] = v48;
    let v49: u32 = 21u;
    let v50: u32 = 86u;
    var1[min(v49, 63u)] = v50;
    let v51: u32 = 22u;
    let v52: u32 = 87u;
    var1[min(v51, 63u)] = v52;
    let v53: u32 = 23u;
    let v54: u32 = 88u;
    var1[min(v53, 63u)] = v54;
    let v55: u32 = 24u;
    let v56: u32 = 89u;
    var1[min(v55, 63u)] = v56;
    let v57: u32 = 25u;
    let v58: u32 = 90u;
    var1[min(v57, 63u)] = v58;
    let v59: u32 = 26u;
    let v60: u32 = 97u;
    var1[min(v59, 63u)] = v60;
    let v61: u32 = 27u;
    let v62: u32 = 98u;
    var1[min(v61, 63u)] = v62;
    let v63: u32 = 28u;
    let v64: u32 = 99u;
    var1[min(v63, 63u)] = v64;
    let v65: u32 = 29u;
    let v66: u32 = 100u;
    var1[min(v65, 63u)] = v66;
    let v67: u32 = 30u;
    let v68: u32 = 101u;
    var1[min(v67, 63u)] = v68;
    let v69: u32 = 31u;
    let v70: u32 = 102u;
    var1[min(v69, 63u)] = v70;
    let v71: u32 = 32u;
    let v72: u32 = 103u;
    var1[min(v71, 63u)] = v72;
    let v73: u32 = 33u;
    let v74: u32 = 104u;
    var1[min(v73, 63u)] = v74;
    let v75: u32 = 34u;
    let v76: u32 = 105u;
    var1[min(v75, 63u)] = v76;
    let v77: u32 = 35u;
    let v78: u32 = 106u;
    var1[min(v77, 63u)] = v78;
    let v79: u32 = 36u;
    let v80: u32 = 107u;
    var1[min(v79, 63u)] = v80;
    let v81: u32 = 37u;
    let v82: u32 = 108u;
    var1[min(v81, 63u)] = v82;
    let v83: u32 = 38u;
    let v84: u32 = 109u;
    var1[min(v83, 63u)] = v84;
    let v85: u32 = 39u;
    let v86: u32 = 110u;
    var1[min(v85, 63u)] = v86;
    let v87: u32 = 40u;
    let v88: u32 = 111u;
    var1[min(v87, 63u)] = v88;
    let v89: u32 = 41u;
    let v90: u32 = 112u;
    var1[min(v89, 63u)] = v90;
    let v91: u32 = 42u;
    let v92: u32 = 113u;
    var1[min(v91, 63u)] = v92;
    let v93: u32 = 43u;
    let v94: u32 = 114u;
    var1[min(v93, 63u)] = v94;
    let v95: u32 = 44u;
    let v96: u32 = 115u;
    var1[min(v95, 63u)] = v96;
    let v97: u32 = 45u;
    let v98: u32 = 116u;
    var1[min(v97, 63u)] = v98;
    let v99: u32 = 46u;
    let v100: u32 = 117u;
    var1[min(v99, 63u)] = v100;
    let v101: u32 = 47u;
    let v102: u32 = 118u;
    var1[min(v101, 63u)] = v102;
    let v103: u32 = 48u;
    let v104: u32 = 119u;
    var1[min(v103, 63u)] = v104;
    let v105: u32 = 49u;
    let v106: u32 = 120u;
    var1[min(v105, 63u)] = v106;
    let v107: u32 = 50u;
    let v108: u32 = 121u;
    var1[min(v107, 63u)] = v108;
    let v109: u32 = 51u;
    let v110: u32 = 122u;
    var1[min(v109, 63u)] = v110;
    let v111: u32 = 52u;
    var1[min(v111, 63u)] = v103;
    let v112: u32 = 53u;
    var1[min(v112, 63u)] = v105;
    let v113: u32 = 54u;
    var1[min(v113, 63u)] = v107;
    let v114: u32 = 55u;
    var1[min(v114, 63u)] = v109;
    let v115: u32 = 56u;
    var1[min(v115, 63u)] = v111;
    let v116: u32 = 57u;
    var1[min(v116, 63u)] = v112;
    let v117: u32 = 58u;
    var1[min(v117, 63u)] = v113;
    let v118: u32 = 59u;
    var1[min(v118, 63u)] = v114;
    let v119: u32 = 60u;
    var1[min(v119, 63u)] = v115;
    let v120: u32 = 61u;
    var1[min(v120, 63u)] = v116;
    let v121: u32 = 62u;
    var1[min(v121, 63u)] = v93;
    let v122: u32 = 63u;
    var1[min(v122, 63u)] = v101;
    let v1: u32 = (*s)[0u];
    let v3: u32 = (v1 << (v2 & 31u));
    let v5: u32 = (*s)[1u];
    let v7: u32 = (v5 << (v6 & 31u));
    let v8: u32 = (v3 | v7);
    let v10: u32 = (*s)[2u];
    let v11: u32 = (v8 | v10);
    let v123: u32 = (v11 >> (v43 & 31u));
    let v124: u32 = (v123 & v122);
    if ((v124 >= 64u)) {
        return 805306368u;
    }
    let v125: u32 = var1[min(v124, 63u)];
    let v126: u32 = (v11 >> (v32 & 31u));
    let v127: u32 = (v126 & v122);
    if ((v127 >= 64u)) {
        return 805306369u;
    }
    let v128: u32 = var1[min(v127, 63u)];
    let v129: u32 = (v11 >> (v21 & 31u));
    let v130: u32 = (v129 & v122);
    if ((v130 >= 64u)) {
        return 805306370u;
    }
    let v131: u32 = var1[min(v130, 63u)];
    let v132: u32 = (v11 & v122);
    if ((v132 >= 64u)) {
        return 805306371u;
    }
    let v133: u32 = var1[min(v132, 63u)];
    var2[min(v0, 3u)] = v125;
    var2[min(v4, 3u)] = v128;
    var2[min(v9, 3u)] = v131;
    var2[min(v15, 3u)] = v133;
    var0 = var2;
    {
        var t3: u32 = 0u;
        for (; t3 < 4u; t3 = t3 + 1u) {
            var3 = (0u + t3);
            let v134: u32 = var3;
            let v135: u32 = var0[min(v134, 3u)];
            let v136: bool = (v135 >= v93);
            var4 = v136;
            if (v136) {
                let v137: u32 = var0[min(v134, 3u)];
                let v138: bool = (v137 <= v110);
                var4 = v138;
            }
            let v139: bool = var4;
            if ((!v139)) {
                return 536870912u;
            }
        }
        if ((t3 != 4u)) {
            return 4026531840u;
        }
    }
    return 0u;
}

@compute
@workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    // zero the workgroup counters (strided by the workgroup size)
    var z: u32 = lid;
    for (var zi: u32 = 0u; zi < 1u; zi = zi + 1u) {
        if ((z < 24u)) {
            atomicStore((&wg_counts[z]), 0u);
        }
        z = (z + 64u);
    }
    workgroupBarrier();
    let inv: u32 = (gid.x + (gid.y * params.row_stride));
    var ev0: u32 = 0u;
    var ev1: u32 = 0u;
    var ev2: u32 = 0u;
    var ev3: u32 = 0u;
    for (var j: u32 = 0u; j < 16u; j = j + 1u) {
        let off: u32 = ((inv * 16u) + j);
        if ((off >= params.count)) {
            break;
        }
        let lo: u32 = (params.base_lo + off);
        let hi: u32 = (params.base_hi + select(0u, 1u, (lo < off)));
        var s: array<u32, 3>;
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
            failures[((off * 4u) + 0u)] = o0;
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
                let slot0: u32 = atomicAdd((&counters[24u]), 1u);
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
            failures[((off * 4u) + 1u)] = o1;
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
                let slot1: u32 = atomicAdd((&counters[25u]), 1u);
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
            failures[((off * 4u) + 2u)] = o2;
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
                let slot2: u32 = atomicAdd((&counters[26u]), 1u);
                if ((slot2 < params.fail_cap)) {
                    let at2: u32 = (((2u * params.fail_cap) + slot2) * 2u);
                    failures[at2] = off;
                    failures[(at2 + 1u)] = o2;
                }
            }
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
                let slot3: u32 = atomicAdd((&counters[27u]), 1u);
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
    for (var fi: u32 = 0u; fi < 1u; fi = fi + 1u) {
        if ((z < 24u)) {
            let c: u32 = atomicLoad((&wg_counts[z]));
            if ((c != 0u)) {
                atomicAdd((&counters[z]), c);
            }
        }
        z = (z + 64u);
    }
}

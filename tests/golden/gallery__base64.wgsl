
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

fn load_random(lo: u32, hi: u32, key: vec2<u32>, s: ptr<function, array<u32, 3>>) {
    let r0: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 0u, 0u), key);
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
    var var1: u32;
    var var2: array<u32, 64>;
    var var3: array<u32, 4>;
    var var4: array<u32, 3>;
    var var5: u32;
    var var6: bool;
    var var7: u32;
    var var8: bool;
    var var9: u32;
    var var10: bool;
    var var11: u32;
    var var12: bool;
    var var13: array<u32, 3>;
    let v0: u32 = 0u;
    let v2: u32 = 16u;
    let v4: u32 = 1u;
    let v6: u32 = 8u;
    let v9: u32 = 2u;
    let v13: u32 = 65u;
    var2[min(v0, 63u)] = v13;
    let v14: u32 = 66u;
    var2[min(v4, 63u)] = v14;
    let v15: u32 = 67u;
    var2[min(v9, 63u)] = v15;
    let v16: u32 = 3u;
    let v17: u32 = 68u;
    var2[min(v16, 63u)] = v17;
    let v18: u32 = 4u;
    let v19: u32 = 69u;
    var2[min(v18, 63u)] = v19;
    let v20: u32 = 5u;
    let v21: u32 = 70u;
    var2[min(v20, 63u)] = v21;
    let v22: u32 = 6u;
    let v23: u32 = 71u;
    var2[min(v22, 63u)] = v23;
    let v24: u32 = 7u;
    let v25: u32 = 72u;
    var2[min(v24, 63u)] = v25;
    let v26: u32 = 73u;
    var2[min(v6, 63u)] = v26;
    let v27: u32 = 9u;
    let v28: u32 = 74u;
    var2[min(v27, 63u)] = v28;
    let v29: u32 = 10u;
    let v30: u32 = 75u;
    var2[min(v29, 63u)] = v30;
    let v31: u32 = 11u;
    let v32: u32 = 76u;
    var2[min(v31, 63u)] = v32;
    let v33: u32 = 12u;
    let v34: u32 = 77u;
    var2[min(v33, 63u)] = v34;
    let v35: u32 = 13u;
    let v36: u32 = 78u;
    var2[min(v35, 63u)] = v36;
    let v37: u32 = 14u;
    let v38: u32 = 79u;
    var2[min(v37, 63u)] = v38;
    let v39: u32 = 15u;
    let v40: u32 = 80u;
    var2[min(v39, 63u)] = v40;
    let v41: u32 = 81u;
    var2[min(v2, 63u)] = v41;
    let v42: u32 = 17u;
    let v43: u32 = 82u;
    var2[min(v42, 63u)] = v43;
    let v44: u32 = 18u;
    let v45: u32 = 83u;
    var2[min(v44, 63u)] = v45;
    let v46: u32 = 19u;
    let v47: u32 = 84u;
    var2[min(v46, 63u)] = v47;
    let v48: u32 = 20u;
    let v49: u32 = 85u;
    var2[min(v48, 63u)] = v49;
    let v50: u32 = 21u;
    let v51: u32 = 86u;
    var2[min(v50, 63u)] = v51;
    let v52: u32 = 22u;
    let v53: u32 = 87u;
    var2[min(v52, 63u)] = v53;
    let v54: u32 = 23u;
    let v55: u32 = 88u;
    var2[min(v54, 63u)] = v55;
    let v56: u32 = 24u;
    let v57: u32 = 89u;
    var2[min(v56, 63u)] = v57;
    let v58: u32 = 25u;
    let v59: u32 = 90u;
    var2[min(v58, 63u)] = v59;
    let v60: u32 = 26u;
    let v61: u32 = 97u;
    var2[min(v60, 63u)] = v61;
    let v62: u32 = 27u;
    let v63: u32 = 98u;
    var2[min(v62, 63u)] = v63;
    let v64: u32 = 28u;
    let v65: u32 = 99u;
    var2[min(v64, 63u)] = v65;
    let v66: u32 = 29u;
    let v67: u32 = 100u;
    var2[min(v66, 63u)] = v67;
    let v68: u32 = 30u;
    let v69: u32 = 101u;
    var2[min(v68, 63u)] = v69;
    let v70: u32 = 31u;
    let v71: u32 = 102u;
    var2[min(v70, 63u)] = v71;
    let v72: u32 = 32u;
    let v73: u32 = 103u;
    var2[min(v72, 63u)] = v73;
    let v74: u32 = 33u;
    let v75: u32 = 104u;
    var2[min(v74, 63u)] = v75;
    let v76: u32 = 34u;
    let v77: u32 = 105u;
    var2[min(v76, 63u)] = v77;
    let v78: u32 = 35u;
    let v79: u32 = 106u;
    var2[min(v78, 63u)] = v79;
    let v80: u32 = 36u;
    let v81: u32 = 107u;
    var2[min(v80, 63u)] = v81;
    let v82: u32 = 37u;
    let v83: u32 = 108u;
    var2[min(v82, 63u)] = v83;
    let v84: u32 = 38u;
    let v85: u32 = 109u;
    var2[min(v84, 63u)] = v85;
    let v86: u32 = 39u;
    let v87: u32 = 110u;
    var2[min(v86, 63u)] = v87;
    let v88: u32 = 40u;
    let v89: u32 = 111u;
    var2[min(v88, 63u)] = v89;
    let v90: u32 = 41u;
    let v91: u32 = 112u;
    var2[min(v90, 63u)] = v91;
    let v92: u32 = 42u;
    let v93: u32 = 113u;
    var2[min(v92, 63u)] = v93;
    let v94: u32 = 43u;
    let v95: u32 = 114u;
    var2[min(v94, 63u)] = v95;
    let v96: u32 = 44u;
    let v97: u32 = 115u;
    var2[min(v96, 63u)] = v97;
    let v98: u32 = 45u;
    let v99: u32 = 116u;
    var2[min(v98, 63u)] = v99;
    let v100: u32 = 46u;
    let v101: u32 = 117u;
    var2[min(v100, 63u)] = v101;
    let v102: u32 = 47u;
    let v103: u32 = 118u;
    var2[min(v102, 63u)] = v103;
    let v104: u32 = 48u;
    let v105: u32 = 119u;
    var2[min(v104, 63u)] = v105;
    let v106: u32 = 49u;
    let v107: u32 = 120u;
    var2[min(v106, 63u)] = v107;
    let v108: u32 = 50u;
    let v109: u32 = 121u;
    var2[min(v108, 63u)] = v109;
    let v110: u32 = 51u;
    let v111: u32 = 122u;
    var2[min(v110, 63u)] = v111;
    let v112: u32 = 52u;
    var2[min(v112, 63u)] = v104;
    let v113: u32 = 53u;
    var2[min(v113, 63u)] = v106;
    let v114: u32 = 54u;
    var2[min(v114, 63u)] = v108;
    let v115: u32 = 55u;
    var2[min(v115, 63u)] = v110;
    let v116: u32 = 56u;
    var2[min(v116, 63u)] = v112;
    let v117: u32 = 57u;
    var2[min(v117, 63u)] = v113;
    let v118: u32 = 58u;
    var2[min(v118, 63u)] = v114;
    let v119: u32 = 59u;
    var2[min(v119, 63u)] = v115;
    let v120: u32 = 60u;
    var2[min(v120, 63u)] = v116;
    let v121: u32 = 61u;
    var2[min(v121, 63u)] = v117;
    let v122: u32 = 62u;
    var2[min(v122, 63u)] = v94;
    let v123: u32 = 63u;
    var2[min(v123, 63u)] = v102;
    let v136: bool = false;
    let v141: u32 = 255u;
    let v143: bool = true;
    let v1: u32 = (*s)[0u];
    let v3: u32 = (v1 << (v2 & 31u));
    let v5: u32 = (*s)[1u];
    let v7: u32 = (v5 << (v6 & 31u));
    let v8: u32 = (v3 | v7);
    let v10: u32 = (*s)[2u];
    let v11: u32 = (v8 | v10);
    var1 = v11;
    let v12: u32 = var1;
    let v124: u32 = (v12 >> (v44 & 31u));
    let v125: u32 = (v124 & v123);
    if ((v125 >= 64u)) {
        return 805306368u;
    }
    let v126: u32 = var2[min(v125, 63u)];
    let v127: u32 = (v12 >> (v33 & 31u));
    let v128: u32 = (v127 & v123);
    if ((v128 >= 64u)) {
        return 805306369u;
    }
    let v129: u32 = var2[min(v128, 63u)];
    let v130: u32 = (v12 >> (v22 & 31u));
    let v131: u32 = (v130 & v123);
    if ((v131 >= 64u)) {
        return 805306370u;
    }
    let v132: u32 = var2[min(v131, 63u)];
    let v133: u32 = (v12 & v123);
    if ((v133 >= 64u)) {
        return 805306371u;
    }
    let v134: u32 = var2[min(v133, 63u)];
    var3[min(v0, 3u)] = v126;
    var3[min(v4, 3u)] = v129;
    var3[min(v9, 3u)] = v132;
    var3[min(v16, 3u)] = v134;
    var0 = var3;
    let v135: u32 = var0[min(v0, 3u)];
    var6 = v136;
    let v137: bool = (v135 >= v13);
    let v138: bool = (v135 <= v59);
    let v139: bool = (v137 & v138);
    if (v139) {
        let v140: u32 = (v135 - v13);
        let v142: u32 = (v140 & v141);
        var5 = v142;
        var6 = v143;
    }
    let v144: bool = var6;
    let v145: bool = (!v144);
    if (v145) {
        let v146: bool = (v135 >= v61);
        let v147: bool = (v135 <= v111);
        let v148: bool = (v146 & v147);
        if (v148) {
            let v149: u32 = (v135 - v61);
            let v150: u32 = (v149 & v141);
            let v151: u32 = (v150 + v60);
            let v152: u32 = (v151 & v141);
            var5 = v152;
            var6 = v143;
        }
        let v153: bool = var6;
        let v154: bool = (!v153);
        if (v154) {
            let v155: bool = (v135 >= v104);
            let v156: bool = (v135 <= v117);
            let v157: bool = (v155 & v156);
            if (v157) {
                let v158: u32 = (v135 - v104);
                let v159: u32 = (v158 & v141);
                let v160: u32 = (v159 + v112);
                let v161: u32 = (v160 & v141);
                var5 = v161;
                var6 = v143;
            }
            let v162: bool = var6;
            let v163: bool = (!v162);
            if (v163) {
                let v164: bool = (v135 == v94);
                if (v164) {
                    var5 = v122;
                    var6 = v143;
                }
                let v165: bool = var6;
                let v166: bool = (!v165);
                if (v166) {
                    var5 = v123;
                    var6 = v143;
                }
            }
        }
    }
    let v167: u32 = var5;
    let v168: u32 = (v167 << (v44 & 31u));
    let v169: u32 = var0[min(v4, 3u)];
    var8 = v136;
    let v170: bool = (v169 >= v13);
    let v171: bool = (v169 <= v59);
    let v172: bool = (v170 & v171);
    if (v172) {
        let v173: u32 = (v169 - v13);
        let v174: u32 = (v173 & v141);
        var7 = v174;
        var8 = v143;
    }
    let v175: bool = var8;
    let v176: bool = (!v175);
    if (v176) {
        let v177: bool = (v169 >= v61);
        let v178: bool = (v169 <= v111);
        let v179: bool = (v177 & v178);
        if (v179) {
            let v180: u32 = (v169 - v61);
            let v181: u32 = (v180 & v141);
            let v182: u32 = (v181 + v60);
            let v183: u32 = (v182 & v141);
            var7 = v183;
            var8 = v143;
        }
        let v184: bool = var8;
        let v185: bool = (!v184);
        if (v185) {
            let v186: bool = (v169 >= v104);
            let v187: bool = (v169 <= v117);
            let v188: bool = (v186 & v187);
            if (v188) {
                let v189: u32 = (v169 - v104);
                let v190: u32 = (v189 & v141);
                let v191: u32 = (v190 + v112);
                let v192: u32 = (v191 & v141);
                var7 = v192;
                var8 = v143;
            }
            let v193: bool = var8;
            let v194: bool = (!v193);
            if (v194) {
                let v195: bool = (v169 == v94);
                if (v195) {
                    var7 = v122;
                    var8 = v143;
                }
                let v196: bool = var8;
                let v197: bool = (!v196);
                if (v197) {
                    var7 = v123;
                    var8 = v143;
                }
            }
        }
    }
    let v198: u32 = var7;
    let v199: u32 = (v198 << (v33 & 31u));
    let v200: u32 = (v168 | v199);
    let v201: u32 = var0[min(v9, 3u)];
    var10 = v136;
    let v202: bool = (v201 >= v13);
    let v203: bool = (v201 <= v59);
    let v204: bool = (v202 & v203);
    if (v204) {
        let v205: u32 = (v201 - v13);
        let v206: u32 = (v205 & v141);
        var9 = v206;
        var10 = v143;
    }
    let v207: bool = var10;
    let v208: bool = (!v207);
    if (v208) {
        let v209: bool = (v201 >= v61);
        let v210: bool = (v201 <= v111);
        let v211: bool = (v209 & v210);
        if (v211) {
            let v212: u32 = (v201 - v61);
            let v213: u32 = (v212 & v141);
            let v214: u32 = (v213 + v60);
            let v215: u32 = (v214 & v141);
            var9 = v215;
            var10 = v143;
        }
        let v216: bool = var10;
        let v217: bool = (!v216);
        if (v217) {
            let v218: bool = (v201 >= v104);
            let v219: bool = (v201 <= v117);
            let v220: bool = (v218 & v219);
            if (v220) {
                let v221: u32 = (v201 - v104);
                let v222: u32 = (v221 & v141);
                let v223: u32 = (v222 + v112);
                let v224: u32 = (v223 & v141);
                var9 = v224;
                var10 = v143;
            }
            let v225: bool = var10;
            let v226: bool = (!v225);
            if (v226) {
                let v227: bool = (v201 == v94);
                if (v227) {
                    var9 = v122;
                    var10 = v143;
                }
                let v228: bool = var10;
                let v229: bool = (!v228);
                if (v229) {
                    var9 = v123;
                    var10 = v143;
                }
            }
        }
    }
    let v230: u32 = var9;
    let v231: u32 = (v230 << (v22 & 31u));
    let v232: u32 = (v200 | v231);
    let v233: u32 = var0[min(v16, 3u)];
    var12 = v136;
    let v234: bool = (v233 >= v13);
    let v235: bool = (v233 <= v59);
    let v236: bool = (v234 & v235);
    if (v236) {
        let v237: u32 = (v233 - v13);
        let v238: u32 = (v237 & v141);
        var11 = v238;
        var12 = v143;
    }
    let v239: bool = var12;
    let v240: bool = (!v239);
    if (v240) {
        let v241: bool = (v233 >= v61);
        let v242: bool = (v233 <= v111);
        let v243: bool = (v241 & v242);
        if (v243) {
            let v244: u32 = (v233 - v61);
            let v245: u32 = (v244 & v141);
            let v246: u32 = (v245 + v60);
            let v247: u32 = (v246 & v141);
            var11 = v247;
            var12 = v143;
        }
        let v248: bool = var12;
        let v249: bool = (!v248);
        if (v249) {
            let v250: bool = (v233 >= v104);
            let v251: bool = (v233 <= v117);
            let v252: bool = (v250 & v251);
            if (v252) {
                let v253: u32 = (v233 - v104);
                let v254: u32 = (v253 & v141);
                let v255: u32 = (v254 + v112);
                let v256: u32 = (v255 & v141);
                var11 = v256;
                var12 = v143;
            }
            let v257: bool = var12;
            let v258: bool = (!v257);
            if (v258) {
                let v259: bool = (v233 == v94);
                if (v259) {
                    var11 = v122;
                    var12 = v143;
                }
                let v260: bool = var12;
                let v261: bool = (!v260);
                if (v261) {
                    var11 = v123;
                    var12 = v143;
                }
            }
        }
    }
    let v262: u32 = var11;
    let v263: u32 = (v232 | v262);
    let v264: u32 = (v263 >> (v2 & 31u));
    let v265: u32 = (v264 & v141);
    let v266: u32 = (v263 >> (v6 & 31u));
    let v267: u32 = (v266 & v141);
    let v268: u32 = (v263 & v141);
    var13[min(v0, 2u)] = v265;
    var13[min(v4, 2u)] = v267;
    var13[min(v9, 2u)] = v268;
    var4 = var13;
    let v269: u32 = var4[min(v0, 2u)];
    let v270: u32 = (*s)[0u];
    let v271: bool = (v269 == v270);
    let v272: bool = (v143 & v271);
    let v273: u32 = var4[min(v4, 2u)];
    let v274: u32 = (*s)[1u];
    let v275: bool = (v273 == v274);
    let v276: bool = (v272 & v275);
    let v277: u32 = var4[min(v9, 2u)];
    let v278: u32 = (*s)[2u];
    let v279: bool = (v277 == v278);
    let v280: bool = (v276 & v279);
    if ((!v280)) {
        return 536870912u;
    }
    return 0u;
}

fn prop_1(s: ptr<function, array<u32, 3>>, cover: ptr<function, u32>) -> u32 {
    var var0: array<u32, 4>;
    var var1: u32;
    var var2: array<u32, 64>;
    var var3: array<u32, 4>;
    var var4: u32;
    var var5: u32;
    var var6: u32;
    var var7: bool;
    var var8: u32;
    var var9: u32;
    var var10: bool;
    let v0: u32 = 0u;
    let v2: u32 = 16u;
    let v4: u32 = 1u;
    let v6: u32 = 8u;
    let v9: u32 = 2u;
    let v13: u32 = 65u;
    var2[min(v0, 63u)] = v13;
    let v14: u32 = 66u;
    var2[min(v4, 63u)] = v14;
    let v15: u32 = 67u;
    var2[min(v9, 63u)] = v15;
    let v16: u32 = 3u;
    let v17: u32 = 68u;
    var2[min(v16, 63u)] = v17;
    let v18: u32 = 4u;
    let v19: u32 = 69u;
    var2[min(v18, 63u)] = v19;
    let v20: u32 = 5u;
    let v21: u32 = 70u;
    var2[min(v20, 63u)] = v21;
    let v22: u32 = 6u;
    let v23: u32 = 71u;
    var2[min(v22, 63u)] = v23;
    let v24: u32 = 7u;
    let v25: u32 = 72u;
    var2[min(v24, 63u)] = v25;
    let v26: u32 = 73u;
    var2[min(v6, 63u)] = v26;
    let v27: u32 = 9u;
    let v28: u32 = 74u;
    var2[min(v27, 63u)] = v28;
    let v29: u32 = 10u;
    let v30: u32 = 75u;
    var2[min(v29, 63u)] = v30;
    let v31: u32 = 11u;
    let v32: u32 = 76u;
    var2[min(v31, 63u)] = v32;
    let v33: u32 = 12u;
    let v34: u32 = 77u;
    var2[min(v33, 63u)] = v34;
    let v35: u32 = 13u;
    let v36: u32 = 78u;
    var2[min(v35, 63u)] = v36;
    let v37: u32 = 14u;
    let v38: u32 = 79u;
    var2[min(v37, 63u)] = v38;
    let v39: u32 = 15u;
    let v40: u32 = 80u;
    var2[min(v39, 63u)] = v40;
    let v41: u32 = 81u;
    var2[min(v2, 63u)] = v41;
    let v42: u32 = 17u;
    let v43: u32 = 82u;
    var2[min(v42, 63u)] = v43;
    let v44: u32 = 18u;
    let v45: u32 = 83u;
    var2[min(v44, 63u)] = v45;
    let v46: u32 = 19u;
    let v47: u32 = 84u;
    var2[min(v46, 63u)] = v47;
    let v48: u32 = 20u;
    let v49: u32 = 85u;
    var2[min(v48, 63u)] = v49;
    let v50: u32 = 21u;
    let v51: u32 = 86u;
    var2[min(v50, 63u)] = v51;
    let v52: u32 = 22u;
    let v53: u32 = 87u;
    var2[min(v52, 63u)] = v53;
    let v54: u32 = 23u;
    let v55: u32 = 88u;
    var2[min(v54, 63u)] = v55;
    let v56: u32 = 24u;
    let v57: u32 = 89u;
    var2[min(v56, 63u)] = v57;
    let v58: u32 = 25u;
    let v59: u32 = 90u;
    var2[min(v58, 63u)] = v59;
    let v60: u32 = 26u;
    let v61: u32 = 97u;
    var2[min(v60, 63u)] = v61;
    let v62: u32 = 27u;
    let v63: u32 = 98u;
    var2[min(v62, 63u)] = v63;
    let v64: u32 = 28u;
    let v65: u32 = 99u;
    var2[min(v64, 63u)] = v65;
    let v66: u32 = 29u;
    let v67: u32 = 100u;
    var2[min(v66, 63u)] = v67;
    let v68: u32 = 30u;
    let v69: u32 = 101u;
    var2[min(v68, 63u)] = v69;
    let v70: u32 = 31u;
    let v71: u32 = 102u;
    var2[min(v70, 63u)] = v71;
    let v72: u32 = 32u;
    let v73: u32 = 103u;
    var2[min(v72, 63u)] = v73;
    let v74: u32 = 33u;
    let v75: u32 = 104u;
    var2[min(v74, 63u)] = v75;
    let v76: u32 = 34u;
    let v77: u32 = 105u;
    var2[min(v76, 63u)] = v77;
    let v78: u32 = 35u;
    let v79: u32 = 106u;
    var2[min(v78, 63u)] = v79;
    let v80: u32 = 36u;
    let v81: u32 = 107u;
    var2[min(v80, 63u)] = v81;
    let v82: u32 = 37u;
    let v83: u32 = 108u;
    var2[min(v82, 63u)] = v83;
    let v84: u32 = 38u;
    let v85: u32 = 109u;
    var2[min(v84, 63u)] = v85;
    let v86: u32 = 39u;
    let v87: u32 = 110u;
    var2[min(v86, 63u)] = v87;
    let v88: u32 = 40u;
    let v89: u32 = 111u;
    var2[min(v88, 63u)] = v89;
    let v90: u32 = 41u;
    let v91: u32 = 112u;
    var2[min(v90, 63u)] = v91;
    let v92: u32 = 42u;
    let v93: u32 = 113u;
    var2[min(v92, 63u)] = v93;
    let v94: u32 = 43u;
    let v95: u32 = 114u;
    var2[min(v94, 63u)] = v95;
    let v96: u32 = 44u;
    let v97: u32 = 115u;
    var2[min(v96, 63u)] = v97;
    let v98: u32 = 45u;
    let v99: u32 = 116u;
    var2[min(v98, 63u)] = v99;
    let v100: u32 = 46u;
    let v101: u32 = 117u;
    var2[min(v100, 63u)] = v101;
    let v102: u32 = 47u;
    let v103: u32 = 118u;
    var2[min(v102, 63u)] = v103;
    let v104: u32 = 48u;
    let v105: u32 = 119u;
    var2[min(v104, 63u)] = v105;
    let v106: u32 = 49u;
    let v107: u32 = 120u;
    var2[min(v106, 63u)] = v107;
    let v108: u32 = 50u;
    let v109: u32 = 121u;
    var2[min(v108, 63u)] = v109;
    let v110: u32 = 51u;
    let v111: u32 = 122u;
    var2[min(v110, 63u)] = v111;
    let v112: u32 = 52u;
    var2[min(v112, 63u)] = v104;
    let v113: u32 = 53u;
    var2[min(v113, 63u)] = v106;
    let v114: u32 = 54u;
    var2[min(v114, 63u)] = v108;
    let v115: u32 = 55u;
    var2[min(v115, 63u)] = v110;
    let v116: u32 = 56u;
    var2[min(v116, 63u)] = v112;
    let v117: u32 = 57u;
    var2[min(v117, 63u)] = v113;
    let v118: u32 = 58u;
    var2[min(v118, 63u)] = v114;
    let v119: u32 = 59u;
    var2[min(v119, 63u)] = v115;
    let v120: u32 = 60u;
    var2[min(v120, 63u)] = v116;
    let v121: u32 = 61u;
    var2[min(v121, 63u)] = v117;
    let v122: u32 = 62u;
    var2[min(v122, 63u)] = v94;
    let v123: u32 = 63u;
    var2[min(v123, 63u)] = v102;
    let v137: bool = false;
    let v141: u32 = 64u;
    let v146: bool = true;
    let v151: u32 = 255u;
    let v1: u32 = (*s)[0u];
    let v3: u32 = (v1 << (v2 & 31u));
    let v5: u32 = (*s)[1u];
    let v7: u32 = (v5 << (v6 & 31u));
    let v8: u32 = (v3 | v7);
    let v10: u32 = (*s)[2u];
    let v11: u32 = (v8 | v10);
    var1 = v11;
    let v12: u32 = var1;
    let v124: u32 = (v12 >> (v44 & 31u));
    let v125: u32 = (v124 & v123);
    if ((v125 >= 64u)) {
        return 805306368u;
    }
    let v126: u32 = var2[min(v125, 63u)];
    let v127: u32 = (v12 >> (v33 & 31u));
    let v128: u32 = (v127 & v123);
    if ((v128 >= 64u)) {
        return 805306369u;
    }
    let v129: u32 = var2[min(v128, 63u)];
    let v130: u32 = (v12 >> (v22 & 31u));
    let v131: u32 = (v130 & v123);
    if ((v131 >= 64u)) {
        return 805306370u;
    }
    let v132: u32 = var2[min(v131, 63u)];
    let v133: u32 = (v12 & v123);
    if ((v133 >= 64u)) {
        return 805306371u;
    }
    let v134: u32 = var2[min(v133, 63u)];
    var3[min(v0, 3u)] = v126;
    var3[min(v4, 3u)] = v129;
    var3[min(v9, 3u)] = v132;
    var3[min(v16, 3u)] = v134;
    var0 = var3;
    {
        var t4: u32 = 0u;
        for (; t4 < 4u; t4 = t4 + 1u) {
            var4 = (0u + t4);
            let v135: u32 = var4;
            let v136: u32 = var0[min(v135, 3u)];
            var6 = v0;
            var7 = v137;
            {
                var t8: u32 = 0u;
                for (; t8 < 64u; t8 = t8 + 1u) {
                    var8 = (0u + t8);
                    let v138: bool = var7;
                    let v139: bool = (!v138);
                    if (v139) {
                        let v140: u32 = var6;
                        let v142: bool = (v140 < v141);
                        if (v142) {
                            let v143: u32 = var6;
                            if ((v143 >= 64u)) {
                                return 805306372u;
                            }
                            let v144: u32 = var2[min(v143, 63u)];
                            let v145: bool = (v144 == v136);
                            if (v145) {
                                var7 = v146;
                            }
                            let v147: bool = var7;
                            let v148: bool = (!v147);
                            if (v148) {
                                let v149: u32 = var6;
                                let v150: u32 = (v149 + v4);
                                let v152: u32 = (v150 & v151);
                                var6 = v152;
                            }
                        } else {
                            var7 = v146;
                        }
                    }
                }
                if ((t8 != 64u)) {
                    return 4026531840u;
                }
            }
            let v153: bool = var7;
            let v154: bool = (!v153);
            if (v154) {
                let v155: u32 = var6;
                let v156: bool = (v155 < v141);
                let v157: bool = (!v156);
                if ((!v157)) {
                    return 1610612736u;
                }
            }
            let v158: u32 = var6;
            var5 = v158;
            let v159: u32 = var5;
            let v160: u32 = var0[min(v135, 3u)];
            var10 = v137;
            let v161: bool = (v160 >= v13);
            let v162: bool = (v160 <= v59);
            let v163: bool = (v161 & v162);
            if (v163) {
                let v164: u32 = (v160 - v13);
                let v165: u32 = (v164 & v151);
                var9 = v165;
                var10 = v146;
            }
            let v166: bool = var10;
            let v167: bool = (!v166);
            if (v167) {
                let v168: bool = (v160 >= v61);
                let v169: bool = (v160 <= v111);
                let v170: bool = (v168 & v169);
                if (v170) {
                    let v171: u32 = (v160 - v61);
                    let v172: u32 = (v171 & v151);
                    let v173: u32 = (v172 + v60);
                    let v174: u32 = (v173 & v151);
                    var9 = v174;
                    var10 = v146;
                }
                let v175: bool = var10;
                let v176: bool = (!v175);
                if (v176) {
                    let v177: bool = (v160 >= v104);
                    let v178: bool = (v160 <= v117);
                    let v179: bool = (v177 & v178);
                    if (v179) {
                        let v180: u32 = (v160 - v104);
                        let v181: u32 = (v180 & v151);
                        let v182: u32 = (v181 + v112);
                        let v183: u32 = (v182 & v151);
                        var9 = v183;
                        var10 = v146;
                    }
                    let v184: bool = var10;
                    let v185: bool = (!v184);
                    if (v185) {
                        let v186: bool = (v160 == v94);
                        if (v186) {
                            var9 = v122;
                            var10 = v146;
                        }
                        let v187: bool = var10;
                        let v188: bool = (!v187);
                        if (v188) {
                            var9 = v123;
                            var10 = v146;
                        }
                    }
                }
            }
            let v189: u32 = var9;
            let v190: bool = (v159 == v189);
            if ((!v190)) {
                return 536870912u;
            }
        }
        if ((t4 != 4u)) {
            return 4026531840u;
        }
    }
    return 0u;
}

fn prop_2(s: ptr<function, array<u32, 3>>, cover: ptr<function, u32>) -> u32 {
    var var0: array<u32, 4>;
    var var1: u32;
    var var2: array<u32, 64>;
    var var3: array<u32, 4>;
    var var4: u32;
    var var5: array<u32, 128>;
    var var6: u32;
    var var7: bool;
    let v0: u32 = 0u;
    let v2: u32 = 16u;
    let v4: u32 = 1u;
    let v6: u32 = 8u;
    let v9: u32 = 2u;
    let v13: u32 = 65u;
    var2[min(v0, 63u)] = v13;
    let v14: u32 = 66u;
    var2[min(v4, 63u)] = v14;
    let v15: u32 = 67u;
    var2[min(v9, 63u)] = v15;
    let v16: u32 = 3u;
    let v17: u32 = 68u;
    var2[min(v16, 63u)] = v17;
    let v18: u32 = 4u;
    let v19: u32 = 69u;
    var2[min(v18, 63u)] = v19;
    let v20: u32 = 5u;
    let v21: u32 = 70u;
    var2[min(v20, 63u)] = v21;
    let v22: u32 = 6u;
    let v23: u32 = 71u;
    var2[min(v22, 63u)] = v23;
    let v24: u32 = 7u;
    let v25: u32 = 72u;
    var2[min(v24, 63u)] = v25;
    let v26: u32 = 73u;
    var2[min(v6, 63u)] = v26;
    let v27: u32 = 9u;
    let v28: u32 = 74u;
    var2[min(v27, 63u)] = v28;
    let v29: u32 = 10u;
    let v30: u32 = 75u;
    var2[min(v29, 63u)] = v30;
    let v31: u32 = 11u;
    let v32: u32 = 76u;
    var2[min(v31, 63u)] = v32;
    let v33: u32 = 12u;
    let v34: u32 = 77u;
    var2[min(v33, 63u)] = v34;
    let v35: u32 = 13u;
    let v36: u32 = 78u;
    var2[min(v35, 63u)] = v36;
    let v37: u32 = 14u;
    let v38: u32 = 79u;
    var2[min(v37, 63u)] = v38;
    let v39: u32 = 15u;
    let v40: u32 = 80u;
    var2[min(v39, 63u)] = v40;
    let v41: u32 = 81u;
    var2[min(v2, 63u)] = v41;
    let v42: u32 = 17u;
    let v43: u32 = 82u;
    var2[min(v42, 63u)] = v43;
    let v44: u32 = 18u;
    let v45: u32 = 83u;
    var2[min(v44, 63u)] = v45;
    let v46: u32 = 19u;
    let v47: u32 = 84u;
    var2[min(v46, 63u)] = v47;
    let v48: u32 = 20u;
    let v49: u32 = 85u;
    var2[min(v48, 63u)] = v49;
    let v50: u32 = 21u;
    let v51: u32 = 86u;
    var2[min(v50, 63u)] = v51;
    let v52: u32 = 22u;
    let v53: u32 = 87u;
    var2[min(v52, 63u)] = v53;
    let v54: u32 = 23u;
    let v55: u32 = 88u;
    var2[min(v54, 63u)] = v55;
    let v56: u32 = 24u;
    let v57: u32 = 89u;
    var2[min(v56, 63u)] = v57;
    let v58: u32 = 25u;
    let v59: u32 = 90u;
    var2[min(v58, 63u)] = v59;
    let v60: u32 = 26u;
    let v61: u32 = 97u;
    var2[min(v60, 63u)] = v61;
    let v62: u32 = 27u;
    let v63: u32 = 98u;
    var2[min(v62, 63u)] = v63;
    let v64: u32 = 28u;
    let v65: u32 = 99u;
    var2[min(v64, 63u)] = v65;
    let v66: u32 = 29u;
    let v67: u32 = 100u;
    var2[min(v66, 63u)] = v67;
    let v68: u32 = 30u;
    let v69: u32 = 101u;
    var2[min(v68, 63u)] = v69;
    let v70: u32 = 31u;
    let v71: u32 = 102u;
    var2[min(v70, 63u)] = v71;
    let v72: u32 = 32u;
    let v73: u32 = 103u;
    var2[min(v72, 63u)] = v73;
    let v74: u32 = 33u;
    let v75: u32 = 104u;
    var2[min(v74, 63u)] = v75;
    let v76: u32 = 34u;
    let v77: u32 = 105u;
    var2[min(v76, 63u)] = v77;
    let v78: u32 = 35u;
    let v79: u32 = 106u;
    var2[min(v78, 63u)] = v79;
    let v80: u32 = 36u;
    let v81: u32 = 107u;
    var2[min(v80, 63u)] = v81;
    let v82: u32 = 37u;
    let v83: u32 = 108u;
    var2[min(v82, 63u)] = v83;
    let v84: u32 = 38u;
    let v85: u32 = 109u;
    var2[min(v84, 63u)] = v85;
    let v86: u32 = 39u;
    let v87: u32 = 110u;
    var2[min(v86, 63u)] = v87;
    let v88: u32 = 40u;
    let v89: u32 = 111u;
    var2[min(v88, 63u)] = v89;
    let v90: u32 = 41u;
    let v91: u32 = 112u;
    var2[min(v90, 63u)] = v91;
    let v92: u32 = 42u;
    let v93: u32 = 113u;
    var2[min(v92, 63u)] = v93;
    let v94: u32 = 43u;
    let v95: u32 = 114u;
    var2[min(v94, 63u)] = v95;
    let v96: u32 = 44u;
    let v97: u32 = 115u;
    var2[min(v96, 63u)] = v97;
    let v98: u32 = 45u;
    let v99: u32 = 116u;
    var2[min(v98, 63u)] = v99;
    let v100: u32 = 46u;
    let v101: u32 = 117u;
    var2[min(v100, 63u)] = v101;
    let v102: u32 = 47u;
    let v103: u32 = 118u;
    var2[min(v102, 63u)] = v103;
    let v104: u32 = 48u;
    let v105: u32 = 119u;
    var2[min(v104, 63u)] = v105;
    let v106: u32 = 49u;
    let v107: u32 = 120u;
    var2[min(v106, 63u)] = v107;
    let v108: u32 = 50u;
    let v109: u32 = 121u;
    var2[min(v108, 63u)] = v109;
    let v110: u32 = 51u;
    let v111: u32 = 122u;
    var2[min(v110, 63u)] = v111;
    let v112: u32 = 52u;
    var2[min(v112, 63u)] = v104;
    let v113: u32 = 53u;
    var2[min(v113, 63u)] = v106;
    let v114: u32 = 54u;
    var2[min(v114, 63u)] = v108;
    let v115: u32 = 55u;
    var2[min(v115, 63u)] = v110;
    let v116: u32 = 56u;
    var2[min(v116, 63u)] = v112;
    let v117: u32 = 57u;
    var2[min(v117, 63u)] = v113;
    let v118: u32 = 58u;
    var2[min(v118, 63u)] = v114;
    let v119: u32 = 59u;
    var2[min(v119, 63u)] = v115;
    let v120: u32 = 60u;
    var2[min(v120, 63u)] = v116;
    let v121: u32 = 61u;
    var2[min(v121, 63u)] = v117;
    let v122: u32 = 62u;
    var2[min(v122, 63u)] = v94;
    let v123: u32 = 63u;
    var2[min(v123, 63u)] = v102;
    let v136: u32 = 255u;
    var5[min(v0, 127u)] = v136;
    var5[min(v4, 127u)] = v136;
    var5[min(v9, 127u)] = v136;
    var5[min(v16, 127u)] = v136;
    var5[min(v18, 127u)] = v136;
    var5[min(v20, 127u)] = v136;
    var5[min(v22, 127u)] = v136;
    var5[min(v24, 127u)] = v136;
    var5[min(v6, 127u)] = v136;
    var5[min(v27, 127u)] = v136;
    var5[min(v29, 127u)] = v136;
    var5[min(v31, 127u)] = v136;
    var5[min(v33, 127u)] = v136;
    var5[min(v35, 127u)] = v136;
    var5[min(v37, 127u)] = v136;
    var5[min(v39, 127u)] = v136;
    var5[min(v2, 127u)] = v136;
    var5[min(v42, 127u)] = v136;
    var5[min(v44, 127u)] = v136;
    var5[min(v46, 127u)] = v136;
    var5[min(v48, 127u)] = v136;
    var5[min(v50, 127u)] = v136;
    var5[min(v52, 127u)] = v136;
    var5[min(v54, 127u)] = v136;
    var5[min(v56, 127u)] = v136;
    var5[min(v58, 127u)] = v136;
    var5[min(v60, 127u)] = v136;
    var5[min(v62, 127u)] = v136;
    var5[min(v64, 127u)] = v136;
    var5[min(v66, 127u)] = v136;
    var5[min(v68, 127u)] = v136;
    var5[min(v70, 127u)] = v136;
    var5[min(v72, 127u)] = v136;
    var5[min(v74, 127u)] = v136;
    var5[min(v76, 127u)] = v136;
    var5[min(v78, 127u)] = v136;
    var5[min(v80, 127u)] = v136;
    var5[min(v82, 127u)] = v136;
    var5[min(v84, 127u)] = v136;
    var5[min(v86, 127u)] = v136;
    var5[min(v88, 127u)] = v136;
    var5[min(v90, 127u)] = v136;
    var5[min(v92, 127u)] = v136;
    var5[min(v94, 127u)] = v122;
    var5[min(v96, 127u)] = v136;
    var5[min(v98, 127u)] = v136;
    var5[min(v100, 127u)] = v136;
    var5[min(v102, 127u)] = v123;
    var5[min(v104, 127u)] = v112;
    var5[min(v106, 127u)] = v113;
    var5[min(v108, 127u)] = v114;
    var5[min(v110, 127u)] = v115;
    var5[min(v112, 127u)] = v116;
    var5[min(v113, 127u)] = v117;
    var5[min(v114, 127u)] = v118;
    var5[min(v115, 127u)] = v119;
    var5[min(v116, 127u)] = v120;
    var5[min(v117, 127u)] = v121;
    var5[min(v118, 127u)] = v136;
    var5[min(v119, 127u)] = v136;
    var5[min(v120, 127u)] = v136;
    var5[min(v121, 127u)] = v136;
    var5[min(v122, 127u)] = v136;
    var5[min(v123, 127u)] = v136;
    let v137: u32 = 64u;
    var5[min(v137, 127u)] = v136;
    var5[min(v13, 127u)] = v0;
    var5[min(v14, 127u)] = v4;
    var5[min(v15, 127u)] = v9;
    var5[min(v17, 127u)] = v16;
    var5[min(v19, 127u)] = v18;
    var5[min(v21, 127u)] = v20;
    var5[min(v23, 127u)] = v22;
    var5[min(v25, 127u)] = v24;
    var5[min(v26, 127u)] = v6;
    var5[min(v28, 127u)] = v27;
    var5[min(v30, 127u)] = v29;
    var5[min(v32, 127u)] = v31;
    var5[min(v34, 127u)] = v33;
    var5[min(v36, 127u)] = v35;
    var5[min(v38, 127u)] = v37;
    var5[min(v40, 127u)] = v39;
    var5[min(v41, 127u)] = v2;
    var5[min(v43, 127u)] = v42;
    var5[min(v45, 127u)] = v44;
    var5[min(v47, 127u)] = v46;
    var5[min(v49, 127u)] = v48;
    var5[min(v51, 127u)] = v50;
    var5[min(v53, 127u)] = v52;
    var5[min(v55, 127u)] = v54;
    var5[min(v57, 127u)] = v56;
    var5[min(v59, 127u)] = v58;
    let v138: u32 = 91u;
    var5[min(v138, 127u)] = v136;
    let v139: u32 = 92u;
    var5[min(v139, 127u)] = v136;
    let v140: u32 = 93u;
    var5[min(v140, 127u)] = v136;
    let v141: u32 = 94u;
    var5[min(v141, 127u)] = v136;
    let v142: u32 = 95u;
    var5[min(v142, 127u)] = v136;
    let v143: u32 = 96u;
    var5[min(v143, 127u)] = v136;
    var5[min(v61, 127u)] = v60;
    var5[min(v63, 127u)] = v62;
    var5[min(v65, 127u)] = v64;
    var5[min(v67, 127u)] = v66;
    var5[min(v69, 127u)] = v68;
    var5[min(v71, 127u)] = v70;
    var5[min(v73, 127u)] = v72;
    var5[min(v75, 127u)] = v74;
    var5[min(v77, 127u)] = v76;
    var5[min(v79, 127u)] = v78;
    var5[min(v81, 127u)] = v80;
    var5[min(v83, 127u)] = v82;
    var5[min(v85, 127u)] = v84;
    var5[min(v87, 127u)] = v86;
    var5[min(v89, 127u)] = v88;
    var5[min(v91, 127u)] = v90;
    var5[min(v93, 127u)] = v92;
    var5[min(v95, 127u)] = v94;
    var5[min(v97, 127u)] = v96;
    var5[min(v99, 127u)] = v98;
    var5[min(v101, 127u)] = v100;
    var5[min(v103, 127u)] = v102;
    var5[min(v105, 127u)] = v104;
    var5[min(v107, 127u)] = v106;
    var5[min(v109, 127u)] = v108;
    var5[min(v111, 127u)] = v110;
    let v144: u32 = 123u;
    var5[min(v144, 127u)] = v136;
    let v145: u32 = 124u;
    var5[min(v145, 127u)] = v136;
    let v146: u32 = 125u;
    var5[min(v146, 127u)] = v136;
    let v147: u32 = 126u;
    var5[min(v147, 127u)] = v136;
    let v148: u32 = 127u;
    var5[min(v148, 127u)] = v136;
    let v152: bool = false;
    let v158: bool = true;
    let v1: u32 = (*s)[0u];
    let v3: u32 = (v1 << (v2 & 31u));
    let v5: u32 = (*s)[1u];
    let v7: u32 = (v5 << (v6 & 31u));
    let v8: u32 = (v3 | v7);
    let v10: u32 = (*s)[2u];
    let v11: u32 = (v8 | v10);
    var1 = v11;
    let v12: u32 = var1;
    let v124: u32 = (v12 >> (v44 & 31u));
    let v125: u32 = (v124 & v123);
    if ((v125 >= 64u)) {
        return 805306368u;
    }
    let v126: u32 = var2[min(v125, 63u)];
    let v127: u32 = (v12 >> (v33 & 31u));
    let v128: u32 = (v127 & v123);
    if ((v128 >= 64u)) {
        return 805306369u;
    }
    let v129: u32 = var2[min(v128, 63u)];
    let v130: u32 = (v12 >> (v22 & 31u));
    let v131: u32 = (v130 & v123);
    if ((v131 >= 64u)) {
        return 805306370u;
    }
    let v132: u32 = var2[min(v131, 63u)];
    let v133: u32 = (v12 & v123);
    if ((v133 >= 64u)) {
        return 805306371u;
    }
    let v134: u32 = var2[min(v133, 63u)];
    var3[min(v0, 3u)] = v126;
    var3[min(v4, 3u)] = v129;
    var3[min(v9, 3u)] = v132;
    var3[min(v16, 3u)] = v134;
    var0 = var3;
    {
        var t4: u32 = 0u;
        for (; t4 < 4u; t4 = t4 + 1u) {
            var4 = (0u + t4);
            let v135: u32 = var4;
            let v149: u32 = var0[min(v135, 3u)];
            if ((v149 >= 128u)) {
                return 805306372u;
            }
            let v150: u32 = var5[min(v149, 127u)];
            let v151: u32 = var0[min(v135, 3u)];
            var7 = v152;
            let v153: bool = (v151 >= v13);
            let v154: bool = (v151 <= v59);
            let v155: bool = (v153 & v154);
            if (v155) {
                let v156: u32 = (v151 - v13);
                let v157: u32 = (v156 & v136);
                var6 = v157;
                var7 = v158;
            }
            let v159: bool = var7;
            let v160: bool = (!v159);
            if (v160) {
                let v161: bool = (v151 >= v61);
                let v162: bool = (v151 <= v111);
                let v163: bool = (v161 & v162);
                if (v163) {
                    let v164: u32 = (v151 - v61);
                    let v165: u32 = (v164 & v136);
                    let v166: u32 = (v165 + v60);
                    let v167: u32 = (v166 & v136);
                    var6 = v167;
                    var7 = v158;
                }
                let v168: bool = var7;
                let v169: bool = (!v168);
                if (v169) {
                    let v170: bool = (v151 >= v104);
                    let v171: bool = (v151 <= v117);
                    let v172: bool = (v170 & v171);
                    if (v172) {
                        let v173: u32 = (v151 - v104);
                        let v174: u32 = (v173 & v136);
                        let v175: u32 = (v174 + v112);
                        let v176: u32 = (v175 & v136);
                        var6 = v176;
                        var7 = v158;
                    }
                    let v177: bool = var7;
                    let v178: bool = (!v177);
                    if (v178) {
                        let v179: bool = (v151 == v94);
                        if (v179) {
                            var6 = v122;
                            var7 = v158;
                        }
                        let v180: bool = var7;
                        let v181: bool = (!v180);
                        if (v181) {
                            var6 = v123;
                            var7 = v158;
                        }
                    }
                }
            }
            let v182: u32 = var6;
            let v183: bool = (v150 == v182);
            if ((!v183)) {
                return 536870912u;
            }
        }
        if ((t4 != 4u)) {
            return 4026531840u;
        }
    }
    return 0u;
}

fn prop_3(s: ptr<function, array<u32, 3>>, cover: ptr<function, u32>) -> u32 {
    var var0: array<u32, 4>;
    var var1: u32;
    var var2: array<u32, 64>;
    var var3: array<u32, 4>;
    var var4: u32;
    var var5: bool;
    let v0: u32 = 0u;
    let v2: u32 = 16u;
    let v4: u32 = 1u;
    let v6: u32 = 8u;
    let v9: u32 = 2u;
    let v13: u32 = 65u;
    var2[min(v0, 63u)] = v13;
    let v14: u32 = 66u;
    var2[min(v4, 63u)] = v14;
    let v15: u32 = 67u;
    var2[min(v9, 63u)] = v15;
    let v16: u32 = 3u;
    let v17: u32 = 68u;
    var2[min(v16, 63u)] = v17;
    let v18: u32 = 4u;
    let v19: u32 = 69u;
    var2[min(v18, 63u)] = v19;
    let v20: u32 = 5u;
    let v21: u32 = 70u;
    var2[min(v20, 63u)] = v21;
    let v22: u32 = 6u;
    let v23: u32 = 71u;
    var2[min(v22, 63u)] = v23;
    let v24: u32 = 7u;
    let v25: u32 = 72u;
    var2[min(v24, 63u)] = v25;
    let v26: u32 = 73u;
    var2[min(v6, 63u)] = v26;
    let v27: u32 = 9u;
    let v28: u32 = 74u;
    var2[min(v27, 63u)] = v28;
    let v29: u32 = 10u;
    let v30: u32 = 75u;
    var2[min(v29, 63u)] = v30;
    let v31: u32 = 11u;
    let v32: u32 = 76u;
    var2[min(v31, 63u)] = v32;
    let v33: u32 = 12u;
    let v34: u32 = 77u;
    var2[min(v33, 63u)] = v34;
    let v35: u32 = 13u;
    let v36: u32 = 78u;
    var2[min(v35, 63u)] = v36;
    let v37: u32 = 14u;
    let v38: u32 = 79u;
    var2[min(v37, 63u)] = v38;
    let v39: u32 = 15u;
    let v40: u32 = 80u;
    var2[min(v39, 63u)] = v40;
    let v41: u32 = 81u;
    var2[min(v2, 63u)] = v41;
    let v42: u32 = 17u;
    let v43: u32 = 82u;
    var2[min(v42, 63u)] = v43;
    let v44: u32 = 18u;
    let v45: u32 = 83u;
    var2[min(v44, 63u)] = v45;
    let v46: u32 = 19u;
    let v47: u32 = 84u;
    var2[min(v46, 63u)] = v47;
    let v48: u32 = 20u;
    let v49: u32 = 85u;
    var2[min(v48, 63u)] = v49;
    let v50: u32 = 21u;
    let v51: u32 = 86u;
    var2[min(v50, 63u)] = v51;
    let v52: u32 = 22u;
    let v53: u32 = 87u;
    var2[min(v52, 63u)] = v53;
    let v54: u32 = 23u;
    let v55: u32 = 88u;
    var2[min(v54, 63u)] = v55;
    let v56: u32 = 24u;
    let v57: u32 = 89u;
    var2[min(v56, 63u)] = v57;
    let v58: u32 = 25u;
    let v59: u32 = 90u;
    var2[min(v58, 63u)] = v59;
    let v60: u32 = 26u;
    let v61: u32 = 97u;
    var2[min(v60, 63u)] = v61;
    let v62: u32 = 27u;
    let v63: u32 = 98u;
    var2[min(v62, 63u)] = v63;
    let v64: u32 = 28u;
    let v65: u32 = 99u;
    var2[min(v64, 63u)] = v65;
    let v66: u32 = 29u;
    let v67: u32 = 100u;
    var2[min(v66, 63u)] = v67;
    let v68: u32 = 30u;
    let v69: u32 = 101u;
    var2[min(v68, 63u)] = v69;
    let v70: u32 = 31u;
    let v71: u32 = 102u;
    var2[min(v70, 63u)] = v71;
    let v72: u32 = 32u;
    let v73: u32 = 103u;
    var2[min(v72, 63u)] = v73;
    let v74: u32 = 33u;
    let v75: u32 = 104u;
    var2[min(v74, 63u)] = v75;
    let v76: u32 = 34u;
    let v77: u32 = 105u;
    var2[min(v76, 63u)] = v77;
    let v78: u32 = 35u;
    let v79: u32 = 106u;
    var2[min(v78, 63u)] = v79;
    let v80: u32 = 36u;
    let v81: u32 = 107u;
    var2[min(v80, 63u)] = v81;
    let v82: u32 = 37u;
    let v83: u32 = 108u;
    var2[min(v82, 63u)] = v83;
    let v84: u32 = 38u;
    let v85: u32 = 109u;
    var2[min(v84, 63u)] = v85;
    let v86: u32 = 39u;
    let v87: u32 = 110u;
    var2[min(v86, 63u)] = v87;
    let v88: u32 = 40u;
    let v89: u32 = 111u;
    var2[min(v88, 63u)] = v89;
    let v90: u32 = 41u;
    let v91: u32 = 112u;
    var2[min(v90, 63u)] = v91;
    let v92: u32 = 42u;
    let v93: u32 = 113u;
    var2[min(v92, 63u)] = v93;
    let v94: u32 = 43u;
    let v95: u32 = 114u;
    var2[min(v94, 63u)] = v95;
    let v96: u32 = 44u;
    let v97: u32 = 115u;
    var2[min(v96, 63u)] = v97;
    let v98: u32 = 45u;
    let v99: u32 = 116u;
    var2[min(v98, 63u)] = v99;
    let v100: u32 = 46u;
    let v101: u32 = 117u;
    var2[min(v100, 63u)] = v101;
    let v102: u32 = 47u;
    let v103: u32 = 118u;
    var2[min(v102, 63u)] = v103;
    let v104: u32 = 48u;
    let v105: u32 = 119u;
    var2[min(v104, 63u)] = v105;
    let v106: u32 = 49u;
    let v107: u32 = 120u;
    var2[min(v106, 63u)] = v107;
    let v108: u32 = 50u;
    let v109: u32 = 121u;
    var2[min(v108, 63u)] = v109;
    let v110: u32 = 51u;
    let v111: u32 = 122u;
    var2[min(v110, 63u)] = v111;
    let v112: u32 = 52u;
    var2[min(v112, 63u)] = v104;
    let v113: u32 = 53u;
    var2[min(v113, 63u)] = v106;
    let v114: u32 = 54u;
    var2[min(v114, 63u)] = v108;
    let v115: u32 = 55u;
    var2[min(v115, 63u)] = v110;
    let v116: u32 = 56u;
    var2[min(v116, 63u)] = v112;
    let v117: u32 = 57u;
    var2[min(v117, 63u)] = v113;
    let v118: u32 = 58u;
    var2[min(v118, 63u)] = v114;
    let v119: u32 = 59u;
    var2[min(v119, 63u)] = v115;
    let v120: u32 = 60u;
    var2[min(v120, 63u)] = v116;
    let v121: u32 = 61u;
    var2[min(v121, 63u)] = v117;
    let v122: u32 = 62u;
    var2[min(v122, 63u)] = v94;
    let v123: u32 = 63u;
    var2[min(v123, 63u)] = v102;
    let v1: u32 = (*s)[0u];
    let v3: u32 = (v1 << (v2 & 31u));
    let v5: u32 = (*s)[1u];
    let v7: u32 = (v5 << (v6 & 31u));
    let v8: u32 = (v3 | v7);
    let v10: u32 = (*s)[2u];
    let v11: u32 = (v8 | v10);
    var1 = v11;
    let v12: u32 = var1;
    let v124: u32 = (v12 >> (v44 & 31u));
    let v125: u32 = (v124 & v123);
    if ((v125 >= 64u)) {
        return 805306368u;
    }
    let v126: u32 = var2[min(v125, 63u)];
    let v127: u32 = (v12 >> (v33 & 31u));
    let v128: u32 = (v127 & v123);
    if ((v128 >= 64u)) {
        return 805306369u;
    }
    let v129: u32 = var2[min(v128, 63u)];
    let v130: u32 = (v12 >> (v22 & 31u));
    let v131: u32 = (v130 & v123);
    if ((v131 >= 64u)) {
        return 805306370u;
    }
    let v132: u32 = var2[min(v131, 63u)];
    let v133: u32 = (v12 & v123);
    if ((v133 >= 64u)) {
        return 805306371u;
    }
    let v134: u32 = var2[min(v133, 63u)];
    var3[min(v0, 3u)] = v126;
    var3[min(v4, 3u)] = v129;
    var3[min(v9, 3u)] = v132;
    var3[min(v16, 3u)] = v134;
    var0 = var3;
    {
        var t4: u32 = 0u;
        for (; t4 < 4u; t4 = t4 + 1u) {
            var4 = (0u + t4);
            let v135: u32 = var4;
            let v136: u32 = var0[min(v135, 3u)];
            let v137: bool = (v136 >= v94);
            var5 = v137;
            if (v137) {
                let v138: u32 = var0[min(v135, 3u)];
                let v139: bool = (v138 <= v111);
                var5 = v139;
            }
            let v140: bool = var5;
            if ((!v140)) {
                return 536870912u;
            }
        }
        if ((t4 != 4u)) {
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
    if ((z < 24u)) {
        atomicStore((&wg_counts[z]), 0u);
    }
    workgroupBarrier();
    let inv: u32 = (gid.x + (gid.y * params.row_stride));
    var ev0: u32 = 0u;
    var fb0: u32 = 0u;
    var last0: u32 = 0u;
    var ev1: u32 = 0u;
    var fb1: u32 = 0u;
    var last1: array<u32, 16>;
    var ev2: u32 = 0u;
    var fb2: u32 = 0u;
    var last2: array<u32, 16>;
    var ev3: u32 = 0u;
    var fb3: u32 = 0u;
    var last3: array<u32, 16>;
    let key: vec2<u32> = vec2<u32>(params.key0, params.key1);
    for (var j: u32 = 0u; j < 16u; j = j + 1u) {
        let off: u32 = ((inv * 16u) + j);
        if ((off >= params.count)) {
            break;
        }
        let lo: u32 = (params.base_lo + off);
        let hi: u32 = (params.base_hi + select(0u, 1u, (lo < off)));
        var s: array<u32, 3>;
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
            last1[j] = o1;
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
            last2[j] = o2;
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
            last3[j] = o3;
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
            var s: array<u32, 3>;
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
                let slot0: u32 = atomicAdd((&counters[24u]), 1u);
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
                let slot1: u32 = atomicAdd((&counters[25u]), 1u);
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
    }
    for (var f3: u32 = fb3; f3 != 0u; f3 = f3 & (f3 - 1u)) {
        let j: u32 = countTrailingZeros(f3);
        let off: u32 = ((inv * 16u) + j);
        var o3: u32 = last3[j];
        var cov3: u32 = 0u;
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
    if ((z < 24u)) {
        let c: u32 = atomicLoad((&wg_counts[z]));
        if ((c != 0u)) {
            atomicAdd((&counters[z]), c);
        }
    }
}

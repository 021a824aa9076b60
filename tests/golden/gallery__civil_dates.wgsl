
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
var<workgroup> wg_counts: array<atomic<u32>, 31>;
override MODE: u32 = 0u;

fn load_random(lo: u32, hi: u32, key: vec2<u32>, s: ptr<function, array<u32, 3>>) {
    let r0: vec4<u32> = vr_philox(vec4<u32>(lo, hi, 0u, 0u), key);
    (*s)[0u] = vr_decode_int(r0.x, 4294962296u, 10001u);
    (*s)[1u] = vr_decode_int(r0.y, 1u, 12u);
    (*s)[2u] = vr_decode_int(r0.z, 1u, 31u);
}

fn load_exhaustive(off: u32, s: ptr<function, array<u32, 3>>) {
    var rem: u32 = off;
    var carry: u32 = 0u;
    let d0: u32 = (rem % 10001u);
    rem = (rem / 10001u);
    let r0: vec2<u32> = vr_digit_add(aux[0u], d0, carry, 10001u);
    carry = r0.y;
    (*s)[0u] = (4294962296u + r0.x);
    let d1: u32 = (rem % 12u);
    rem = (rem / 12u);
    let r1: vec2<u32> = vr_digit_add(aux[1u], d1, carry, 12u);
    carry = r1.y;
    (*s)[1u] = (1u + r1.x);
    let d2: u32 = (rem % 31u);
    rem = (rem / 31u);
    let r2: vec2<u32> = vr_digit_add(aux[2u], d2, carry, 31u);
    carry = r2.y;
    (*s)[2u] = (1u + r2.x);
}

fn load_explicit(off: u32, s: ptr<function, array<u32, 3>>) {
    for (var k: u32 = 0u; k < 3u; k = k + 1u) {
        (*s)[k] = aux[((off * 3u) + k)];
    }
}

fn prop_0(s: ptr<function, array<u32, 3>>, cover: ptr<function, u32>) -> u32 {
    var var0: bool;
    var var1: bool;
    var var2: u32;
    var var3: bool;
    var var4: bool;
    var var5: i32;
    var var6: i32;
    var var7: u32;
    var var8: u32;
    let v3: u32 = 1u;
    let v5: u32 = 12u;
    let v10: bool = false;
    let v11: u32 = 2u;
    let v13: i32 = 4i;
    let v15: i32 = 0i;
    let v17: i32 = 100i;
    let v20: i32 = 400i;
    let v26: u32 = 29u;
    let v27: u32 = 28u;
    let v29: bool = true;
    let v32: u32 = 4u;
    let v34: u32 = 6u;
    let v37: u32 = 9u;
    let v40: u32 = 11u;
    let v43: u32 = 30u;
    let v44: u32 = 31u;
    let v54: i32 = 2i;
    let v56: i32 = 1i;
    let v60: i32 = 399i;
    let v66: i32 = 153i;
    let v68: i32 = 3i;
    let v70: i32 = 9i;
    let v75: i32 = 5i;
    let v80: i32 = 365i;
    let v87: i32 = 146097i;
    let v90: i32 = 719468i;
    let v95: i32 = 146096i;
    let v101: i32 = 1460i;
    let v104: i32 = 36524i;
    let v124: i32 = 10i;
    let v0: i32 = bitcast<i32>((*s)[0u]);
    let v1: u32 = (*s)[1u];
    let v2: u32 = (*s)[2u];
    let v4: bool = (v1 >= v3);
    let v6: bool = (v1 <= v5);
    let v7: bool = (v4 & v6);
    let v8: bool = (v2 >= v3);
    let v9: bool = (v7 & v8);
    var1 = v9;
    if (v9) {
        var3 = v10;
        let v12: bool = (v1 == v11);
        if (v12) {
            let v14: i32 = (v0 % v13);
            let v16: bool = (v14 == v15);
            let v18: i32 = (v0 % v17);
            let v19: bool = (v18 != v15);
            let v21: i32 = (v0 % v20);
            let v22: bool = (v21 == v15);
            let v23: bool = (v19 | v22);
            let v24: bool = (v16 & v23);
            var4 = v24;
            let v25: bool = var4;
            let v28: u32 = select(v27, v26, v25);
            var2 = v28;
            var3 = v29;
        }
        let v30: bool = var3;
        let v31: bool = (!v30);
        if (v31) {
            let v33: bool = (v1 == v32);
            let v35: bool = (v1 == v34);
            let v36: bool = (v33 | v35);
            let v38: bool = (v1 == v37);
            let v39: bool = (v36 | v38);
            let v41: bool = (v1 == v40);
            let v42: bool = (v39 | v41);
            let v45: u32 = select(v44, v43, v42);
            var2 = v45;
            var3 = v29;
        }
        let v46: u32 = var2;
        let v47: bool = (v2 <= v46);
        var1 = v47;
    }
    let v48: bool = var1;
    var0 = v48;
    let v49: bool = var0;
    if ((!v49)) {
        return 268435456u;
    }
    let v50: i32 = bitcast<i32>((*s)[0u]);
    let v51: u32 = (*s)[1u];
    let v52: u32 = (*s)[2u];
    let v53: i32 = bitcast<i32>(v51);
    let v55: bool = (v53 <= v54);
    let v57: i32 = select(v15, v56, v55);
    let v58: i32 = (v50 - v57);
    let v59: bool = (v58 >= v15);
    let v61: i32 = (v58 - v60);
    let v62: i32 = select(v61, v58, v59);
    let v63: i32 = (v62 / v20);
    let v64: i32 = (v63 * v20);
    let v65: i32 = (v58 - v64);
    let v67: bool = (v53 > v54);
    let v69: i32 = (v53 - v68);
    let v71: i32 = (v53 + v70);
    let v72: i32 = select(v71, v69, v67);
    let v73: i32 = (v66 * v72);
    let v74: i32 = (v73 + v54);
    let v76: i32 = (v74 / v75);
    let v77: i32 = bitcast<i32>(v52);
    let v78: i32 = (v76 + v77);
    let v79: i32 = (v78 - v56);
    let v81: i32 = (v65 * v80);
    let v82: i32 = (v65 / v13);
    let v83: i32 = (v81 + v82);
    let v84: i32 = (v65 / v17);
    let v85: i32 = (v83 - v84);
    let v86: i32 = (v85 + v79);
    let v88: i32 = (v63 * v87);
    let v89: i32 = (v88 + v86);
    let v91: i32 = (v89 - v90);
    var5 = v91;
    let v92: i32 = var5;
    let v93: i32 = (v92 + v90);
    let v94: bool = (v93 >= v15);
    let v96: i32 = (v93 - v95);
    let v97: i32 = select(v96, v93, v94);
    let v98: i32 = (v97 / v87);
    let v99: i32 = (v98 * v87);
    let v100: i32 = (v93 - v99);
    let v102: i32 = (v100 / v101);
    let v103: i32 = (v100 - v102);
    let v105: i32 = (v100 / v104);
    let v106: i32 = (v103 + v105);
    let v107: i32 = (v100 / v95);
    let v108: i32 = (v106 - v107);
    let v109: i32 = (v108 / v80);
    let v110: i32 = (v80 * v109);
    let v111: i32 = (v109 / v13);
    let v112: i32 = (v110 + v111);
    let v113: i32 = (v109 / v17);
    let v114: i32 = (v112 - v113);
    let v115: i32 = (v100 - v114);
    let v116: i32 = (v75 * v115);
    let v117: i32 = (v116 + v54);
    let v118: i32 = (v117 / v66);
    let v119: i32 = (v66 * v118);
    let v120: i32 = (v119 + v54);
    let v121: i32 = (v120 / v75);
    let v122: i32 = (v115 - v121);
    let v123: i32 = (v122 + v56);
    let v125: bool = (v118 < v124);
    let v126: i32 = (v118 + v68);
    let v127: i32 = (v118 - v70);
    let v128: i32 = select(v127, v126, v125);
    let v129: i32 = (v98 * v20);
    let v130: i32 = (v109 + v129);
    let v131: bool = (v128 <= v54);
    let v132: i32 = select(v15, v56, v131);
    let v133: i32 = (v130 + v132);
    let v134: u32 = bitcast<u32>(v128);
    let v135: u32 = bitcast<u32>(v123);
    var6 = v133;
    var7 = v134;
    var8 = v135;
    let v136: i32 = bitcast<i32>((*s)[0u]);
    let v137: u32 = (*s)[1u];
    let v138: u32 = (*s)[2u];
    let v139: i32 = var6;
    let v140: bool = (v139 == v136);
    let v141: bool = (v29 & v140);
    let v142: u32 = var7;
    let v143: bool = (v142 == v137);
    let v144: bool = (v141 & v143);
    let v145: u32 = var8;
    let v146: bool = (v145 == v138);
    let v147: bool = (v144 & v146);
    if ((!v147)) {
        return 536870912u;
    }
    return 0u;
}

fn prop_1(s: ptr<function, array<u32, 3>>, cover: ptr<function, u32>) -> u32 {
    var var0: bool;
    var var1: bool;
    var var2: u32;
    var var3: bool;
    var var4: bool;
    var var5: i32;
    var var6: i32;
    var var7: u32;
    var var8: u32;
    var var9: bool;
    var var10: u32;
    var var11: bool;
    var var12: bool;
    var var13: i32;
    var var14: i32;
    var var15: u32;
    var var16: u32;
    let v3: u32 = 1u;
    let v5: u32 = 12u;
    let v10: bool = false;
    let v11: u32 = 2u;
    let v13: i32 = 4i;
    let v15: i32 = 0i;
    let v17: i32 = 100i;
    let v20: i32 = 400i;
    let v26: u32 = 29u;
    let v27: u32 = 28u;
    let v29: bool = true;
    let v32: u32 = 4u;
    let v34: u32 = 6u;
    let v37: u32 = 9u;
    let v40: u32 = 11u;
    let v43: u32 = 30u;
    let v44: u32 = 31u;
    let v54: i32 = 2i;
    let v56: i32 = 1i;
    let v60: i32 = 399i;
    let v66: i32 = 153i;
    let v68: i32 = 3i;
    let v70: i32 = 9i;
    let v75: i32 = 5i;
    let v80: i32 = 365i;
    let v87: i32 = 146097i;
    let v90: i32 = 719468i;
    let v165: i32 = 146096i;
    let v171: i32 = 1460i;
    let v174: i32 = 36524i;
    let v194: i32 = 10i;
    let v0: i32 = bitcast<i32>((*s)[0u]);
    let v1: u32 = (*s)[1u];
    let v2: u32 = (*s)[2u];
    let v4: bool = (v1 >= v3);
    let v6: bool = (v1 <= v5);
    let v7: bool = (v4 & v6);
    let v8: bool = (v2 >= v3);
    let v9: bool = (v7 & v8);
    var1 = v9;
    if (v9) {
        var3 = v10;
        let v12: bool = (v1 == v11);
        if (v12) {
            let v14: i32 = (v0 % v13);
            let v16: bool = (v14 == v15);
            let v18: i32 = (v0 % v17);
            let v19: bool = (v18 != v15);
            let v21: i32 = (v0 % v20);
            let v22: bool = (v21 == v15);
            let v23: bool = (v19 | v22);
            let v24: bool = (v16 & v23);
            var4 = v24;
            let v25: bool = var4;
            let v28: u32 = select(v27, v26, v25);
            var2 = v28;
            var3 = v29;
        }
        let v30: bool = var3;
        let v31: bool = (!v30);
        if (v31) {
            let v33: bool = (v1 == v32);
            let v35: bool = (v1 == v34);
            let v36: bool = (v33 | v35);
            let v38: bool = (v1 == v37);
            let v39: bool = (v36 | v38);
            let v41: bool = (v1 == v40);
            let v42: bool = (v39 | v41);
            let v45: u32 = select(v44, v43, v42);
            var2 = v45;
            var3 = v29;
        }
        let v46: u32 = var2;
        let v47: bool = (v2 <= v46);
        var1 = v47;
    }
    let v48: bool = var1;
    var0 = v48;
    let v49: bool = var0;
    if ((!v49)) {
        return 268435456u;
    }
    let v50: i32 = bitcast<i32>((*s)[0u]);
    let v51: u32 = (*s)[1u];
    let v52: u32 = (*s)[2u];
    let v53: i32 = bitcast<i32>(v51);
    let v55: bool = (v53 <= v54);
    let v57: i32 = select(v15, v56, v55);
    let v58: i32 = (v50 - v57);
    let v59: bool = (v58 >= v15);
    let v61: i32 = (v58 - v60);
    let v62: i32 = select(v61, v58, v59);
    let v63: i32 = (v62 / v20);
    let v64: i32 = (v63 * v20);
    let v65: i32 = (v58 - v64);
    let v67: bool = (v53 > v54);
    let v69: i32 = (v53 - v68);
    let v71: i32 = (v53 + v70);
    let v72: i32 = select(v71, v69, v67);
    let v73: i32 = (v66 * v72);
    let v74: i32 = (v73 + v54);
    let v76: i32 = (v74 / v75);
    let v77: i32 = bitcast<i32>(v52);
    let v78: i32 = (v76 + v77);
    let v79: i32 = (v78 - v56);
    let v81: i32 = (v65 * v80);
    let v82: i32 = (v65 / v13);
    let v83: i32 = (v81 + v82);
    let v84: i32 = (v65 / v17);
    let v85: i32 = (v83 - v84);
    let v86: i32 = (v85 + v79);
    let v88: i32 = (v63 * v87);
    let v89: i32 = (v88 + v86);
    let v91: i32 = (v89 - v90);
    var5 = v91;
    let v92: i32 = var5;
    let v93: i32 = bitcast<i32>((*s)[0u]);
    let v94: u32 = (*s)[1u];
    let v95: u32 = (*s)[2u];
    var9 = v10;
    var11 = v10;
    let v96: bool = (v94 == v11);
    if (v96) {
        let v97: i32 = (v93 % v13);
        let v98: bool = (v97 == v15);
        let v99: i32 = (v93 % v17);
        let v100: bool = (v99 != v15);
        let v101: i32 = (v93 % v20);
        let v102: bool = (v101 == v15);
        let v103: bool = (v100 | v102);
        let v104: bool = (v98 & v103);
        var12 = v104;
        let v105: bool = var12;
        let v106: u32 = select(v27, v26, v105);
        var10 = v106;
        var11 = v29;
    }
    let v107: bool = var11;
    let v108: bool = (!v107);
    if (v108) {
        let v109: bool = (v94 == v32);
        let v110: bool = (v94 == v34);
        let v111: bool = (v109 | v110);
        let v112: bool = (v94 == v37);
        let v113: bool = (v111 | v112);
        let v114: bool = (v94 == v40);
        let v115: bool = (v113 | v114);
        let v116: u32 = select(v44, v43, v115);
        var10 = v116;
        var11 = v29;
    }
    let v117: u32 = var10;
    let v118: bool = (v95 < v117);
    if (v118) {
        let v119: u32 = (v95 + v3);
        var6 = v93;
        var7 = v94;
        var8 = v119;
        var9 = v29;
    }
    let v120: bool = var9;
    let v121: bool = (!v120);
    if (v121) {
        let v122: bool = (v94 < v5);
        if (v122) {
            let v123: u32 = (v94 + v3);
            var6 = v93;
            var7 = v123;
            var8 = v3;
            var9 = v29;
        }
        let v124: bool = var9;
        let v125: bool = (!v124);
        if (v125) {
            let v126: i32 = (v93 + v56);
            var6 = v126;
            var7 = v3;
            var8 = v3;
            var9 = v29;
        }
    }
    let v127: i32 = var6;
    let v128: u32 = var7;
    let v129: u32 = var8;
    let v130: i32 = bitcast<i32>(v128);
    let v131: bool = (v130 <= v54);
    let v132: i32 = select(v15, v56, v131);
    let v133: i32 = (v127 - v132);
    let v134: bool = (v133 >= v15);
    let v135: i32 = (v133 - v60);
    let v136: i32 = select(v135, v133, v134);
    let v137: i32 = (v136 / v20);
    let v138: i32 = (v137 * v20);
    let v139: i32 = (v133 - v138);
    let v140: bool = (v130 > v54);
    let v141: i32 = (v130 - v68);
    let v142: i32 = (v130 + v70);
    let v143: i32 = select(v142, v141, v140);
    let v144: i32 = (v66 * v143);
    let v145: i32 = (v144 + v54);
    let v146: i32 = (v145 / v75);
    let v147: i32 = bitcast<i32>(v129);
    let v148: i32 = (v146 + v147);
    let v149: i32 = (v148 - v56);
    let v150: i32 = (v139 * v80);
    let v151: i32 = (v139 / v13);
    let v152: i32 = (v150 + v151);
    let v153: i32 = (v139 / v17);
    let v154: i32 = (v152 - v153);
    let v155: i32 = (v154 + v149);
    let v156: i32 = (v137 * v87);
    let v157: i32 = (v156 + v155);
    let v158: i32 = (v157 - v90);
    var13 = v158;
    let v159: i32 = var13;
    let v160: i32 = (v92 + v56);
    let v161: bool = (v159 == v160);
    if ((!v161)) {
        return 536870912u;
    }
    let v162: i32 = (v92 + v56);
    let v163: i32 = (v162 + v90);
    let v164: bool = (v163 >= v15);
    let v166: i32 = (v163 - v165);
    let v167: i32 = select(v166, v163, v164);
    let v168: i32 = (v167 / v87);
    let v169: i32 = (v168 * v87);
    let v170: i32 = (v163 - v169);
    let v172: i32 = (v170 / v171);
    let v173: i32 = (v170 - v172);
    let v175: i32 = (v170 / v174);
    let v176: i32 = (v173 + v175);
    let v177: i32 = (v170 / v165);
    let v178: i32 = (v176 - v177);
    let v179: i32 = (v178 / v80);
    let v180: i32 = (v80 * v179);
    let v181: i32 = (v179 / v13);
    let v182: i32 = (v180 + v181);
    let v183: i32 = (v179 / v17);
    let v184: i32 = (v182 - v183);
    let v185: i32 = (v170 - v184);
    let v186: i32 = (v75 * v185);
    let v187: i32 = (v186 + v54);
    let v188: i32 = (v187 / v66);
    let v189: i32 = (v66 * v188);
    let v190: i32 = (v189 + v54);
    let v191: i32 = (v190 / v75);
    let v192: i32 = (v185 - v191);
    let v193: i32 = (v192 + v56);
    let v195: bool = (v188 < v194);
    let v196: i32 = (v188 + v68);
    let v197: i32 = (v188 - v70);
    let v198: i32 = select(v197, v196, v195);
    let v199: i32 = (v168 * v20);
    let v200: i32 = (v179 + v199);
    let v201: bool = (v198 <= v54);
    let v202: i32 = select(v15, v56, v201);
    let v203: i32 = (v200 + v202);
    let v204: u32 = bitcast<u32>(v198);
    let v205: u32 = bitcast<u32>(v193);
    var14 = v203;
    var15 = v204;
    var16 = v205;
    let v206: i32 = var14;
    let v207: bool = (v206 == v127);
    let v208: bool = (v29 & v207);
    let v209: u32 = var15;
    let v210: bool = (v209 == v128);
    let v211: bool = (v208 & v210);
    let v212: u32 = var16;
    let v213: bool = (v212 == v129);
    let v214: bool = (v211 & v213);
    if ((!v214)) {
        return 536870913u;
    }
    return 0u;
}

fn prop_2(s: ptr<function, array<u32, 3>>, cover: ptr<function, u32>) -> u32 {
    var var0: i32;
    var var1: i32;
    var var2: i32;
    var var3: u32;
    var var4: u32;
    var var5: i32;
    var var6: u32;
    var var7: u32;
    let v1: u32 = 1u;
    let v4: bool = true;
    let v5: i32 = 0i;
    let v6: i32 = 1969i;
    let v41: i32 = 11017i;
    let v61: u32 = 12u;
    let v62: u32 = 31u;
    let v82: i32 = 2024i;
    var0 = v5;
    let v34: i32 = var0;
    let v35: bool = (v34 == v5);
    if ((!v35)) {
        return 536870912u;
    }
    var1 = v41;
    let v42: i32 = var1;
    let v43: bool = (v42 == v41);
    if ((!v43)) {
        return 536870913u;
    }
    var2 = v6;
    var3 = v61;
    var4 = v62;
    let v63: i32 = var2;
    let v64: bool = (v63 == v6);
    let v65: bool = (v4 & v64);
    let v66: u32 = var3;
    let v67: bool = (v66 == v61);
    let v68: bool = (v65 & v67);
    let v69: u32 = var4;
    let v70: bool = (v69 == v62);
    let v71: bool = (v68 & v70);
    if ((!v71)) {
        return 536870914u;
    }
    var5 = v82;
    var6 = v1;
    var7 = v1;
    let v83: i32 = var5;
    let v84: bool = (v83 == v82);
    let v85: bool = (v4 & v84);
    let v86: u32 = var6;
    let v87: bool = (v86 == v1);
    let v88: bool = (v85 & v87);
    let v89: u32 = var7;
    let v90: bool = (v89 == v1);
    let v91: bool = (v88 & v90);
    if ((!v91)) {
        return 536870915u;
    }
    return 0u;
}

fn prop_3(s: ptr<function, array<u32, 3>>, cover: ptr<function, u32>) -> u32 {
    var var0: bool;
    var var1: bool;
    var var2: u32;
    var var3: bool;
    var var4: bool;
    let v3: u32 = 2u;
    let v8: u32 = 29u;
    let v14: i32 = 4i;
    let v16: i32 = 0i;
    let v22: u32 = 1u;
    let v24: u32 = 12u;
    let v29: bool = false;
    let v33: i32 = 100i;
    let v36: i32 = 400i;
    let v42: u32 = 28u;
    let v44: bool = true;
    let v47: u32 = 4u;
    let v49: u32 = 6u;
    let v52: u32 = 9u;
    let v55: u32 = 11u;
    let v58: u32 = 30u;
    let v59: u32 = 31u;
    let v1: u32 = (*s)[1u];
    let v4: bool = (v1 == v3);
    let v7: u32 = (*s)[2u];
    let v9: bool = (v7 == v8);
    let v10: bool = (v4 & v9);
    let v11: i32 = bitcast<i32>((*s)[0u]);
    let v15: i32 = (v11 % v14);
    let v17: bool = (v15 == v16);
    let v18: bool = (v10 & v17);
    if ((!v18)) {
        return 268435456u;
    }
    let v19: i32 = bitcast<i32>((*s)[0u]);
    let v20: u32 = (*s)[1u];
    let v21: u32 = (*s)[2u];
    let v23: bool = (v20 >= v22);
    let v25: bool = (v20 <= v24);
    let v26: bool = (v23 & v25);
    let v27: bool = (v21 >= v22);
    let v28: bool = (v26 & v27);
    var1 = v28;
    if (v28) {
        var3 = v29;
        let v30: bool = (v20 == v3);
        if (v30) {
            let v31: i32 = (v19 % v14);
            let v32: bool = (v31 == v16);
            let v34: i32 = (v19 % v33);
            let v35: bool = (v34 != v16);
            let v37: i32 = (v19 % v36);
            let v38: bool = (v37 == v16);
            let v39: bool = (v35 | v38);
            let v40: bool = (v32 & v39);
            var4 = v40;
            let v41: bool = var4;
            let v43: u32 = select(v42, v8, v41);
            var2 = v43;
            var3 = v44;
        }
        let v45: bool = var3;
        let v46: bool = (!v45);
        if (v46) {
            let v48: bool = (v20 == v47);
            let v50: bool = (v20 == v49);
            let v51: bool = (v48 | v50);
            let v53: bool = (v20 == v52);
            let v54: bool = (v51 | v53);
            let v56: bool = (v20 == v55);
            let v57: bool = (v54 | v56);
            let v60: u32 = select(v59, v58, v57);
            var2 = v60;
            var3 = v44;
        }
        let v61: u32 = var2;
        let v62: bool = (v21 <= v61);
        var1 = v62;
    }
    let v63: bool = var1;
    var0 = v63;
    let v64: bool = var0;
    if ((!v64)) {
        return 536870912u;
    }
    return 0u;
}

@compute
@workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    // zero the workgroup counters (strided by the workgroup size)
    var z: u32 = lid;
    if ((z < 31u)) {
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
                let slot0: u32 = atomicAdd((&counters[31u]), 1u);
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
            cov1 = 0u;
            o1 = prop_1((&s), (&cov1));
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
                let slot1: u32 = atomicAdd((&counters[32u]), 1u);
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
            cov2 = 0u;
            o2 = prop_2((&s), (&cov2));
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
                let slot2: u32 = atomicAdd((&counters[33u]), 1u);
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
            cov3 = 0u;
            o3 = prop_3((&s), (&cov3));
        }
        if ((o3 != 0u)) {
            if (((o3 & 4026531840u) == 268435456u)) {
                atomicAdd((&wg_counts[25u]), 1u);
                atomicAdd((&wg_counts[(30u + (o3 & 268435455u))]), 1u);
            } else {
                atomicAdd((&wg_counts[24u]), 1u);
                if (((o3 & 4026531840u) == 536870912u)) {
                    atomicAdd((&wg_counts[(29u + (o3 & 268435455u))]), 1u);
                } else {
                    if (((o3 & 4026531840u) == 1610612736u)) {
                        atomicAdd((&wg_counts[28u]), 1u);
                    } else {
                        atomicAdd((&wg_counts[26u]), 1u);
                    }
                }
                let slot3: u32 = atomicAdd((&counters[34u]), 1u);
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
        atomicAdd((&wg_counts[10u]), ev1);
    }
    if ((ev2 != 0u)) {
        atomicAdd((&wg_counts[18u]), ev2);
    }
    if ((ev3 != 0u)) {
        atomicAdd((&wg_counts[27u]), ev3);
    }
    workgroupBarrier();
    z = lid;
    if ((z < 31u)) {
        let c: u32 = atomicLoad((&wg_counts[z]));
        if ((c != 0u)) {
            atomicAdd((&counters[z]), c);
        }
    }
}

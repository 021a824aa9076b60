// Hand-written reference kernel for datasets/specs/bench/poly.vspec (random phase only):
// x in -4.0..4.0 decoded as docs/generation.md says, then the degree-4 Taylor polynomial of exp
// naively and by Horner, with the constants folded to the same f32 values as vecrun folds them.
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    if (lid == 0u) {
        atomicStore(&wg_failed, 0u);
        atomicStore(&wg_evaluated, 0u);
    }
    workgroupBarrier();
    let inv = gid.x + gid.y * params.row_stride;
    let key = vec2<u32>(params.key0, params.key1);
    var failed = 0u;
    var evaluated = 0u;
    var noted = 0u;
    for (var j = 0u; j < 16u; j = j + 1u) {
        let off = inv * 16u + j;
        if (off >= params.count) {
            break;
        }
        evaluated = evaluated + 1u;
        let lo = params.base_lo + off;
        let hi = params.base_hi + select(0u, 1u, lo < off);
        let r = vr_philox(vec4<u32>(lo, hi, 0u, 0u), key);
        let x = bitcast<f32>(vr_decode_f32_range(r.x, r.y, 1065353215u, 2164260865u, -16777216, 33554432u, -22));
        let x2 = x * x;
        let x3 = x2 * x;
        let x4 = x3 * x;
        let naive = 1.0 + x + x2 / 2.0 + x3 / 6.0 + x4 / 24.0;
        let horner = 1.0 + x * (1.0 + x * (0.5 + x * (bitcast<f32>(0x3E2AAAABu) + x * bitcast<f32>(0x3D2AAAABu))));
        let d = abs(naive - horner);
        let bound = bitcast<f32>(0x38D1B717u) * (1.0 + abs(naive));
        if (!(d <= bound)) {
            noted = noted | (1u << j);
        }
    }
    // Failures are recorded after the loop: atomics inside it cost the rate of every vector.
    for (var f = noted; f != 0u; f = f & (f - 1u)) {
        failed = failed + 1u;
        record_failure(inv * 16u + countTrailingZeros(f));
    }
    flush(lid, failed, evaluated);
}

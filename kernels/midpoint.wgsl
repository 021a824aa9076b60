// Hand-written reference kernel for datasets/specs/bench/midpoint.vspec (random phase only):
// two full-range u32 words per vector from one Philox call, 16 vectors per invocation.
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
        let a = r.x;
        let b = r.y;
        let m = a / 2u + b / 2u + (a & b & 1u);
        if (!(m >= min(a, b) && m <= max(a, b))) {
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

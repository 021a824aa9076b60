// Hand-written reference kernel for datasets/specs/bench/ledger.vspec (random phase only):
// 17 words per vector (amount, then 16 ops) from five Philox calls, the fail-over state machine
// written directly with branches.
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
        var w: array<u32, 20>;
        for (var c = 0u; c < 5u; c = c + 1u) {
            let r = vr_philox(vec4<u32>(lo, hi, c, 0u), key);
            w[c * 4u] = r.x;
            w[c * 4u + 1u] = r.y;
            w[c * 4u + 2u] = r.z;
            w[c * 4u + 3u] = r.w;
        }
        var pending = false;
        var region_up = true;
        var allowed = 0u;
        var charges = 0u;
        for (var k = 0u; k < 16u; k = k + 1u) {
            let kind = w[1u + k] % 1000u;
            if (kind < 500u) {
                if (region_up) {
                    charges = charges + 1u;
                    allowed = allowed + 1u;
                    pending = true;
                }
            } else if (kind < 990u) {
                pending = false;
            } else if (kind < 999u) {
                region_up = !region_up;
            } else if (pending && !region_up) {
                charges = charges + 1u;
            }
        }
        if (!(charges <= allowed)) {
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

// Shared declarations of the hand-written reference kernels: the same bindings, parameters and
// counter layout as vecrun's generated shaders (src/gpu/emit.rs), so the same runtime runs both.
// Appended after the library (shaders/gen.wgsl) and before one kernel file.
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
var<workgroup> wg_failed: atomic<u32>;
var<workgroup> wg_evaluated: atomic<u32>;

// Counter layout of a program with one property and one assert (src/gpu/emit.rs, `PropertyCounters`):
// 0 failed, 1 discarded, 2 out of bounds, 3 evaluated, 4 loop bound exceeded, 5 assert #0; word 6 is
// the failure-list fill count.
fn record_failure(off: u32) {
    let slot = atomicAdd(&counters[6], 1u);
    if (slot < params.fail_cap) {
        failures[slot * 2u] = off;
        failures[slot * 2u + 1u] = 0x20000000u;
    }
}

fn flush(lid: u32, failed_here: u32, evaluated_here: u32) {
    // The kernels take random-phase vectors only; `aux` (explicit vectors) is bound but unused.
    var failed = failed_here;
    if (params.mode == 0xFFFFFFFFu) {
        failed = failed + aux[0];
    }
    if (failed != 0u) {
        atomicAdd(&wg_failed, failed);
    }
    atomicAdd(&wg_evaluated, evaluated_here);
    workgroupBarrier();
    if (lid == 0u) {
        let f = atomicLoad(&wg_failed);
        if (f != 0u) {
            atomicAdd(&counters[0], f);
            atomicAdd(&counters[5], f);
        }
        atomicAdd(&counters[3], atomicLoad(&wg_evaluated));
    }
}

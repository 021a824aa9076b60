// Probes the device's native float operations behind the same barriers (`vr_opaque`) as generated
// shaders (src/gpu/probe.rs compares every result with src/sem/). input[0] is a zero the compiler
// cannot know, input[1] the record count; record i is (op, a, b, c) at input[4 + 4i ..].
@group(0) @binding(0) var<storage, read> input: array<u32>;
@group(0) @binding(1) var<storage, read_write> output: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let i = gid.x;
    if (i >= input[1]) {
        return;
    }
    let z = input[0];
    let at = 4u + 4u * i;
    let op = input[at];
    let a = vr_opaque(bitcast<f32>(input[at + 1u]), z);
    let b = vr_opaque(bitcast<f32>(input[at + 2u]), z ^ input[0]);
    let c = vr_opaque(bitcast<f32>(input[at + 3u]), z | input[0]);
    var r = 0.0;
    switch op {
        case 0u: {
            r = a + b;
        }
        case 1u: {
            r = a - b;
        }
        case 2u: {
            r = a * b;
        }
        case 3u: {
            r = a / b;
        }
        case 4u: {
            r = sqrt(a);
        }
        case 5u: {
            r = fma(a, b, c);
        }
        case 6u: {
            r = floor(a);
        }
        case 7u: {
            r = ceil(a);
        }
        case 8u: {
            r = round(a);
        }
        default: {
            r = trunc(a);
        }
    }
    output[i] = bitcast<u32>(r);
}

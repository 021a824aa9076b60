/* libm_shim.c: the system libm's rintf, roundf, floorf, sqrtf and truncf as batched C-ABI functions for vecrun's library binding. */
/*
 * Each export is `int32_t vr_NAME(const void *const *args, void *result, uint64_t n)` for an
 * `extern fn NAME(x: f32) -> f32;`: args[0] points to n floats, result to room for n floats.
 *
 *   cc -O2 -shared -fPIC -o libm_shim.so examples/impls/c/libm_shim.c -lm
 *   vecrun run spec.vspec --impl rintf=lib:./libm_shim.so:vr_rintf
 *   vecrun run spec.vspec --impl rintf=exec:target/release/vecrun-lib-host ./libm_shim.so vr_rintf
 *
 * rintf rounds in the current rounding mode (round-to-nearest-even unless the process changed it).
 */
#include <math.h>
#include <stdint.h>

#define VR_UNARY_F32(name)                                                      \
    int32_t vr_##name(const void *const *args, void *result, uint64_t n) {      \
        const float *x = (const float *)args[0];                                \
        float *out = (float *)result;                                           \
        for (uint64_t i = 0; i < n; i++) {                                      \
            out[i] = name(x[i]);                                                \
        }                                                                       \
        return 0;                                                               \
    }

VR_UNARY_F32(rintf)
VR_UNARY_F32(roundf)
VR_UNARY_F32(floorf)
VR_UNARY_F32(sqrtf)
VR_UNARY_F32(truncf)

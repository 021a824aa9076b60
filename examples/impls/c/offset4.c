/* offset4.c: the complete C-ABI example of docs/implementations.md: arrays, a bool and an error code through vecrun's library binding. */
/*
 * extern fn offset4(v: [i32; 4], by: i32, saturate: bool) -> [i32; 4];
 * Adds `by` to each element, wrapping, or clamped to the i32 range when `saturate`.
 *
 *   cc -O2 -shared -fPIC -o liboffset4.so examples/impls/c/offset4.c -lm
 *   --impl offset4=lib:./liboffset4.so                          (in vecrun's process)
 *   --impl offset4=exec:vecrun-lib-host ./liboffset4.so offset4  (in a process of its own)
 */
#include <stdint.h>

#define OFFSET4_REFUSED 3 /* returned for by == INT32_MIN, which this function refuses */

int32_t offset4(const void *const *args, void *result, uint64_t n) {
    const int32_t *v = (const int32_t *)args[0];        /* n * 4 values: row r is v[4r] .. v[4r + 3] */
    const int32_t *by = (const int32_t *)args[1];       /* n values */
    const uint8_t *saturate = (const uint8_t *)args[2]; /* n values, 0 or 1 */
    int32_t *out = (int32_t *)result;                   /* room for n * 4 values */
    for (uint64_t r = 0; r < n; r++) {
        if (by[r] == INT32_MIN) {
            return OFFSET4_REFUSED; /* vecrun reports this call's vectors as implementation_crashed */
        }
        for (uint64_t k = 0; k < 4; k++) {
            int64_t sum = (int64_t)v[4 * r + k] + by[r];
            if (saturate[r]) {
                sum = sum > INT32_MAX ? INT32_MAX : sum < INT32_MIN ? INT32_MIN : sum;
                out[4 * r + k] = (int32_t)sum;
            } else {
                out[4 * r + k] = (int32_t)((uint32_t)v[4 * r + k] + (uint32_t)by[r]); /* wrapping */
            }
        }
    }
    return 0;
}

/* wide.c: 64-bit integers through vecrun's library binding (u64 and i64 in and out, scalars and arrays). */
/*
 * extern fn mix(a: u64, b: i64, c: [u64; 2]) -> [i64; 2];
 *   [a * c[0] + b, (a ^ c[1]) >> 7 - b], wrapping at 64 bits as the spec's operators do.
 * extern fn total(cents: [u64; 3], fee: i64) -> u64;
 *   cents[0] + cents[1] + cents[2] + fee, wrapping.
 *
 *   cc -O2 -shared -fPIC -o libwide.so examples/impls/c/wide.c
 *   --impl mix=lib:./libwide.so:mix --impl total=lib:./libwide.so:total
 */
#include <stdint.h>

int32_t mix(const void *const *args, void *result, uint64_t n) {
    const uint64_t *a = (const uint64_t *)args[0]; /* n values */
    const int64_t *b = (const int64_t *)args[1];   /* n values */
    const uint64_t *c = (const uint64_t *)args[2]; /* n * 2 values: row r is c[2r], c[2r + 1] */
    int64_t *out = (int64_t *)result;              /* room for n * 2 values */
    for (uint64_t r = 0; r < n; r++) {
        /* Unsigned arithmetic wraps; signed overflow would be undefined in C. */
        out[2 * r] = (int64_t)(a[r] * c[2 * r] + (uint64_t)b[r]);
        out[2 * r + 1] = (int64_t)(((a[r] ^ c[2 * r + 1]) >> 7) - (uint64_t)b[r]);
    }
    return 0;
}

int32_t total(const void *const *args, void *result, uint64_t n) {
    const uint64_t *cents = (const uint64_t *)args[0]; /* n * 3 values */
    const int64_t *fee = (const int64_t *)args[1];     /* n values */
    uint64_t *out = (uint64_t *)result;                /* room for n values */
    for (uint64_t r = 0; r < n; r++) {
        out[r] = cents[3 * r] + cents[3 * r + 1] + cents[3 * r + 2] + (uint64_t)fee[r];
    }
    return 0;
}

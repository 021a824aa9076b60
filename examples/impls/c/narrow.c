/* narrow.c: narrow integers through vecrun's library binding (u8, i8 and u16 in, i16 out). */
/*
 * extern fn mix(a: u8, b: i8, c: [u16; 2]) -> i16;
 * a * b + c[0] - c[1], wrapped to 16 bits.
 *
 *   cc -O2 -shared -fPIC -o libnarrow.so examples/impls/c/narrow.c
 *   --impl mix=lib:./libnarrow.so:mix
 */
#include <stdint.h>

int32_t mix(const void *const *args, void *result, uint64_t n) {
    const uint8_t *a = (const uint8_t *)args[0];   /* n values */
    const int8_t *b = (const int8_t *)args[1];     /* n values */
    const uint16_t *c = (const uint16_t *)args[2]; /* n * 2 values: row r is c[2r], c[2r + 1] */
    int16_t *out = (int16_t *)result;              /* room for n values */
    for (uint64_t r = 0; r < n; r++) {
        uint32_t v = (uint32_t)((int32_t)a[r] * (int32_t)b[r]) + c[2 * r] - c[2 * r + 1];
        out[r] = (int16_t)(uint16_t)v; /* the low 16 bits, as two's complement */
    }
    return 0;
}

/* crashy.c: C-ABI test implementations that fail for vecrun's crash handling: `crashy` segfaults on 7777, `picky` returns an error on 4242. */
/*
 *   cc -O2 -shared -fPIC -o libcrashy.so examples/impls/c/crashy.c -lm
 *
 * extern fn crashy(x: u32) -> u32;  x ^ 0x5bd1e995, but a real SIGSEGV (a write through a null
 *                                   pointer the compiler cannot see) when any x in the call is 7777.
 *   --impl crashy=lib:./libcrashy.so                      (crashes vecrun's worker: see docs)
 *   --impl crashy=exec:vecrun-lib-host ./libcrashy.so crashy   (the crash stays in the host process)
 * extern fn picky(x: u32) -> u32;   x ^ 0x5bd1e995, but the call returns error code 42 (and leaves the
 *                                   result unspecified) when any x in it is 4242.
 */
#include <stddef.h>
#include <stdint.h>

#define CRASH_AT 7777u
#define REFUSE_AT 4242u
#define PICKY_ERROR 42

/* volatile: the compiler must load the pointer at run time, so the fault is a real memory access. */
static uint32_t *volatile fault_target = NULL;

int32_t crashy(const void *const *args, void *result, uint64_t n) {
    const uint32_t *x = (const uint32_t *)args[0];
    uint32_t *out = (uint32_t *)result;
    for (uint64_t i = 0; i < n; i++) {
        if (x[i] == CRASH_AT) {
            *fault_target = x[i];
        }
        out[i] = x[i] ^ 0x5bd1e995u;
    }
    return 0;
}

int32_t picky(const void *const *args, void *result, uint64_t n) {
    const uint32_t *x = (const uint32_t *)args[0];
    uint32_t *out = (uint32_t *)result;
    for (uint64_t i = 0; i < n; i++) {
        if (x[i] == REFUSE_AT) {
            return PICKY_ERROR;
        }
        out[i] = x[i] ^ 0x5bd1e995u;
    }
    return 0;
}

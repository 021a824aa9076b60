//! The billing ledger example: `ledger(ops: [u32; 16], amount: u32) -> [u32; 2]` with a planted fail-over double charge, its fix, and C-ABI exports.
//!
//! Each op's `kind = op % 1000`: below 500 a charge (taken only while the region is up; it leaves the
//! charge pending), 500..990 a settlement (nothing pending), 990..999 a region fail-over toggle, 999 a
//! client retry. The buggy ledger charges a retry again when its charge is pending and the region is
//! down (the retry was routed to the fail-over path); the fixed ledger ignores a retry of a pending charge.

/// Steps of one ledger run.
pub const OPS: usize = 16;

/// Runs the ledger over `ops` and returns `[charged_total, charges]` (wrapping u32 arithmetic).
/// `fixed` selects the corrected retry handling.
pub fn ledger(ops: &[u32; OPS], amount: u32, fixed: bool) -> [u32; 2] {
    let (mut charged, mut charges) = (0u32, 0u32);
    let (mut pending, mut region_up) = (false, true);
    for &op in ops {
        let kind = op % 1000;
        if kind < 500 {
            if region_up {
                charged = charged.wrapping_add(amount);
                charges = charges.wrapping_add(1);
                pending = true;
            }
        } else if kind < 990 {
            pending = false;
        } else if kind < 999 {
            region_up = !region_up;
        } else if !fixed && pending && !region_up {
            // The planted bug: the retry of a pending charge, routed through fail-over, charges again.
            charged = charged.wrapping_add(amount);
            charges = charges.wrapping_add(1);
        }
    }
    [charged, charges]
}

/// The C ABI of the library binding, over batches of rows.
pub mod ffi {
    #![allow(unsafe_code)]

    use super::{OPS, ledger};
    use std::ffi::c_void;

    /// Returned when `args` or `result` is null.
    pub const ERR_NULL: i32 = 1;
    /// Returned when `n * 16` does not fit in memory.
    pub const ERR_TOO_MANY: i32 = 2;

    /// # Safety
    /// `args[0]` points to `n * 16` u32 (the ops, row-major), `args[1]` to `n` u32 (the amounts),
    /// `result` to room for `n * 2` u32.
    unsafe fn ledger_batch(args: *const *const c_void, result: *mut c_void, n: u64, fixed: bool) -> i32 {
        let Some(lanes) = usize::try_from(n).ok().and_then(|n| n.checked_mul(OPS)) else { return ERR_TOO_MANY };
        let rows = lanes / OPS;
        if args.is_null() || result.is_null() {
            return ERR_NULL;
        }
        // SAFETY: `args` holds two column pointers (the caller's contract).
        let (ops, amounts) = unsafe { (*args as *const u32, *args.add(1) as *const u32) };
        if ops.is_null() || amounts.is_null() {
            return ERR_NULL;
        }
        // SAFETY: the columns hold `rows * 16` and `rows` u32 and `result` room for `rows * 2` u32 (the caller's
        // contract); the result does not alias the arguments.
        let (ops, amounts, out) = unsafe {
            (
                std::slice::from_raw_parts(ops, lanes),
                std::slice::from_raw_parts(amounts, rows),
                std::slice::from_raw_parts_mut(result as *mut u32, rows * 2),
            )
        };
        for ((row_ops, &amount), out) in ops.chunks_exact(OPS).zip(amounts).zip(out.chunks_exact_mut(2)) {
            let row_ops: &[u32; OPS] = row_ops.try_into().expect("chunks_exact gives OPS lanes");
            out.copy_from_slice(&ledger(row_ops, amount, fixed));
        }
        0
    }

    /// `ledger` with the fail-over double charge, batched (C ABI of `--impl ledger=lib:...:ledger_buggy`).
    ///
    /// # Safety
    /// As the library binding's contract: `args[0]` has `n * 16` u32, `args[1]` `n` u32, `result` room for `n * 2` u32.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn ledger_buggy(args: *const *const c_void, result: *mut c_void, n: u64) -> i32 {
        // SAFETY: forwarded contract.
        unsafe { ledger_batch(args, result, n, false) }
    }

    /// `ledger` with the fix, batched (C ABI of `--impl ledger=lib:...:ledger_fixed`).
    ///
    /// # Safety
    /// As [`ledger_buggy`].
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn ledger_fixed(args: *const *const c_void, result: *mut c_void, n: u64) -> i32 {
        // SAFETY: forwarded contract.
        unsafe { ledger_batch(args, result, n, true) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Charge (pending), fail over (region down), client retry, then settlements.
    fn failover_retry() -> [u32; OPS] {
        let mut ops = [500; OPS];
        ops[..3].copy_from_slice(&[0, 990, 999]);
        ops
    }

    #[test]
    fn the_failover_retry_double_charges_only_in_the_buggy_ledger() {
        assert_eq!(ledger(&failover_retry(), 100, false), [200, 2]);
        assert_eq!(ledger(&failover_retry(), 100, true), [100, 1]);
    }

    #[test]
    fn retries_outside_failover_never_charge() {
        // Retry while up, retry after settlement while down: both ledgers agree.
        let ops = [7, 1999, 2500, 990, 999, 3, 999, 998, 999, 600, 500, 500, 500, 500, 500, 500];
        for fixed in [false, true] {
            assert_eq!(ledger(&ops, 5, fixed), [5, 1]);
        }
    }

    #[test]
    fn charges_wrap_and_skip_while_down() {
        let ops = [1, 2, 3, 990, 4, 5, 991, 6, 999, 999, 500, 500, 500, 500, 500, 500];
        assert_eq!(ledger(&ops, u32::MAX, true), [u32::MAX.wrapping_mul(4), 4]);
        assert_eq!(ledger(&ops, u32::MAX, false), [u32::MAX.wrapping_mul(4), 4], "retries while up are harmless");
    }

    #[test]
    #[allow(unsafe_code)]
    fn c_abi_batches_rows() {
        let rows = [failover_retry(), [1; OPS], [999; OPS]];
        let ops: Vec<u32> = rows.iter().flatten().copied().collect();
        let amounts = [100u32, 3, 9];
        let args = [ops.as_ptr().cast(), amounts.as_ptr().cast()];
        for (export, fixed) in [(ffi::ledger_buggy as unsafe extern "C" fn(_, _, _) -> i32, false), (ffi::ledger_fixed, true)] {
            let mut out = [0u32; 6];
            // SAFETY: three rows of 16 ops, three amounts, room for six u32.
            let code = unsafe { export(args.as_ptr(), out.as_mut_ptr().cast(), 3) };
            assert_eq!(code, 0);
            let expected: Vec<u32> = rows.iter().zip(amounts).flat_map(|(ops, a)| ledger(ops, a, fixed)).collect();
            assert_eq!(out.to_vec(), expected);
        }
        // SAFETY: null arguments are checked before use.
        assert_eq!(unsafe { ffi::ledger_fixed(std::ptr::null(), std::ptr::null_mut(), 1) }, ffi::ERR_NULL);
        // SAFETY: the row count is checked before any pointer is read.
        assert_eq!(unsafe { ffi::ledger_fixed(args.as_ptr(), out_ptr(), u64::MAX) }, ffi::ERR_TOO_MANY);
    }

    fn out_ptr() -> *mut std::ffi::c_void {
        std::ptr::NonNull::<u32>::dangling().as_ptr().cast()
    }
}

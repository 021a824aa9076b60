//! The library binding: a shared library loaded with `libloading`, called through the batched C
//! ABI `int32_t SYMBOL(const void *const *args, void *result, uint64_t n)` (0 on success).
//!
//! The call runs in vecrun's process: a library that faults takes vecrun down with it. Run such a
//! library in a process instead (`vecrun-lib-host`, `docs/implementations.md`); an error return is
//! a crash of the call, bisected like a process crash.
#![allow(unsafe_code)]

use std::ffi::c_void;
use std::path::Path;
use std::sync::Arc;

use super::{CallError, CallFailure, Instance, columns};
use crate::check::ExternFn;

/// The C ABI of a bound function.
type BatchFn = unsafe extern "C" fn(args: *const *const c_void, result: *mut c_void, n: u64) -> i32;

/// A loaded library and its function.
pub struct Loaded {
    /// Keeps the library mapped while `func` may be called.
    _lib: Arc<libloading::Library>,
    func: BatchFn,
}

impl Loaded {
    pub fn open(path: &Path, symbol: &str) -> Result<Loaded, String> {
        if !path.is_file() {
            return Err("no such file".into());
        }
        // SAFETY: loading a library runs its initialisers; the user named this library on the
        // command line to be run (a spec never names one), which is the trust libloading requires.
        let lib = unsafe { libloading::Library::new(path) }.map_err(|e| e.to_string())?;
        // SAFETY: the symbol is declared with the documented ABI (docs/implementations.md); a
        // library that exports it with another signature breaks that contract.
        let func: BatchFn = unsafe {
            let s: libloading::Symbol<BatchFn> = lib.get(symbol.as_bytes()).map_err(|e| format!("no symbol `{symbol}`: {e}"))?;
            *s
        };
        Ok(Loaded { _lib: Arc::new(lib), func })
    }

    pub fn instance(&self, func: &ExternFn) -> LibraryInstance {
        LibraryInstance { _lib: self._lib.clone(), call: self.func, func: func.clone() }
    }
}

/// Calls of the library's function for one worker.
pub struct LibraryInstance {
    _lib: Arc<libloading::Library>,
    call: BatchFn,
    func: ExternFn,
}

impl Instance for LibraryInstance {
    fn call(&mut self, args: &[&[u32]], n: usize) -> Result<Vec<Vec<u32>>, CallError> {
        // A scalar of 4 bytes is its lane column as it is (the same bits, native order): no copy.
        let bufs = columns::c_args(&self.func, args, n);
        let ptrs: Vec<*const c_void> = bufs
            .iter()
            .map(|b| match b {
                columns::CArg::Lanes(k) => args[*k].as_ptr() as *const c_void,
                columns::CArg::Packed(v) => v.as_ptr() as *const c_void,
            })
            .collect();
        let rc;
        let out = if columns::result_is_lanes(self.func.ret) {
            let mut out = vec![0u32; n];
            // SAFETY: every argument pointer holds `n` rows of its parameter in the ABI's layout
            // (lane columns of at least `n` values, or packed buffers), and `out` has room for `n`
            // 4-byte results; all outlive the call.
            rc = unsafe { (self.call)(ptrs.as_ptr(), out.as_mut_ptr() as *mut c_void, n as u64) };
            vec![out]
        } else {
            let mut result = columns::c_result_buffer(self.func.ret, n);
            // SAFETY: as above, with a result buffer sized for `n` results of the result type.
            rc = unsafe { (self.call)(ptrs.as_ptr(), result.as_mut_ptr() as *mut c_void, n as u64) };
            columns::c_result(self.func.ret, &result, n)
        };
        if rc != 0 {
            return Err(CallError::Failure(CallFailure::Crashed(format!("returned error code {rc}"))));
        }
        Ok(out)
    }
}

//! The library binding's C ABI (`int32_t f(const void *const *args, void *result, uint64_t n)`): loading a
//! function from a shared library and calling it on a request batch. The crate's only unsafe code lives here.

use std::borrow::Cow;
use std::ffi::{OsStr, c_void};

use arrow_array::{Array, ArrayRef, RecordBatch};
use libloading::Library;

use crate::lanes::{build_column, read_lanes};
use crate::signature::Signature;
use crate::types::{ScalarType, ValueType};

/// The C type of a library-bound `extern fn`: parameter columns in, result column out, 0 on success.
pub type RawCAbiFn = unsafe extern "C" fn(args: *const *const c_void, result: *mut c_void, n: u64) -> i32;

/// Applies `$body` to the lane type of `$scalar` (bool excluded: its C encoding is a byte), as `$t`.
macro_rules! with_lane {
    ($scalar:expr, $t:ident => $body:expr, bool => $bool:expr) => {
        match $scalar {
            ScalarType::U32 => {
                type $t = u32;
                $body
            }
            ScalarType::I32 => {
                type $t = i32;
                $body
            }
            ScalarType::F32 => {
                type $t = f32;
                $body
            }
            ScalarType::U8 => {
                type $t = u8;
                $body
            }
            ScalarType::U16 => {
                type $t = u16;
                $body
            }
            ScalarType::I8 => {
                type $t = i8;
                $body
            }
            ScalarType::I16 => {
                type $t = i16;
                $body
            }
            ScalarType::U64 => {
                type $t = u64;
                $body
            }
            ScalarType::I64 => {
                type $t = i64;
                $body
            }
            ScalarType::F64 => {
                type $t = f64;
                $body
            }
            ScalarType::Bool => $bool,
        }
    };
}

/// A parameter column in its C encoding: native numbers (borrowed from the Arrow buffer where Arrow's layout is the
/// native one), bool as 0/1 bytes. The pointer stays valid while the column lives.
struct ArgColumn<'a> {
    _values: Box<dyn Held + 'a>,
    ptr: *const c_void,
}

/// Anything: what an [`ArgColumn`] keeps alive behind its pointer.
trait Held {}
impl<T: ?Sized> Held for T {}

impl<'a> ArgColumn<'a> {
    fn read(column: &'a dyn Array, ty: ValueType) -> Result<Self, String> {
        fn keep<'a, T: Clone + 'a>(values: Cow<'a, [T]>) -> ArgColumn<'a> {
            let ptr = values.as_ptr().cast();
            ArgColumn { _values: Box::new(values), ptr }
        }
        Ok(with_lane!(ty.scalar(), T => keep(read_lanes::<T>(column, ty)?),
            bool => keep::<u8>(Cow::Owned(read_lanes::<bool>(column, ty)?.iter().map(|&b| u8::from(b)).collect()))))
    }

    fn as_ptr(&self) -> *const c_void {
        self.ptr
    }
}

/// Room for the result column in its C encoding, zero-filled: the bytes of `rows * width` values.
struct ResultColumn {
    /// 8-byte words, so that every lane type is aligned.
    words: Vec<u64>,
    len: usize,
}

impl ResultColumn {
    fn zeroed(ty: ValueType, rows: usize) -> Result<Self, String> {
        let too_big = || format!("{rows} rows of {ty} do not fit in memory");
        let len = rows.checked_mul(ty.width()).ok_or_else(too_big)?;
        let size = with_lane!(ty.scalar(), T => std::mem::size_of::<T>(), bool => 1);
        let bytes = len.checked_mul(size).ok_or_else(too_big)?;
        Ok(ResultColumn { words: vec![0; bytes.div_ceil(8)], len })
    }

    fn as_mut_ptr(&mut self) -> *mut c_void {
        self.words.as_mut_ptr().cast()
    }

    /// The Arrow column; a bool result byte is true unless 0.
    fn into_column(self, ty: ValueType) -> Result<ArrayRef, String> {
        let bytes: &[u8] = bytemuck::cast_slice(&self.words);
        with_lane!(ty.scalar(), T => build_column(ty, bytemuck::cast_slice::<u8, T>(&bytes[..self.len * std::mem::size_of::<T>()]).to_vec()),
            bool => build_column(ty, bytes[..self.len].iter().map(|b| *b != 0).collect()))
    }
}

/// A C-ABI function, with the library it came from kept loaded.
pub struct CAbiFunction {
    symbol: String,
    raw: RawCAbiFn,
    _library: Option<Library>,
}

impl CAbiFunction {
    /// Loads `symbol` from the shared library at `path` (a bare file name is searched for the way the
    /// system loader does; write `./libx.so` for a file in the current directory).
    #[allow(unsafe_code)]
    pub fn load(path: &OsStr, symbol: &str) -> Result<CAbiFunction, String> {
        let shown = path.to_string_lossy();
        // SAFETY: loading runs the library's initialisers. The user named this library to be run, as an
        // `exec:` binding names a program; running its code is the point, and the host process isolates it.
        let library = unsafe { Library::new(path) }.map_err(|e| format!("cannot load {shown}: {e}"))?;
        // SAFETY: the symbol is read as the C ABI the library binding fixes (docs/implementations.md). A library
        // that exports it with another signature breaks that contract; the host process confines the damage.
        let raw = unsafe { library.get::<RawCAbiFn>(symbol.as_bytes()) }
            .map(|f| *f)
            .map_err(|e| format!("{shown}: no symbol `{symbol}`: {e}"))?;
        Ok(CAbiFunction { symbol: symbol.to_string(), raw, _library: Some(library) })
    }

    /// A function already in this process (tests, or a host that links its implementation in).
    ///
    /// # Safety
    /// `raw` must follow the C ABI: read `n` values (n*N for `[T; N]`) from each `args[i]`, write `n`
    /// results (n*N) to `result`, touch no other memory, and return 0 on success.
    #[allow(unsafe_code)]
    pub unsafe fn from_raw(symbol: &str, raw: RawCAbiFn) -> CAbiFunction {
        CAbiFunction { symbol: symbol.to_string(), raw, _library: None }
    }

    /// The symbol's name.
    pub fn symbol(&self) -> &str {
        &self.symbol
    }

    /// Calls the function once on all rows of a request batch of `signature` and returns the result column.
    /// A non-zero return is an error naming the code.
    #[allow(unsafe_code)]
    pub fn call(&self, batch: &RecordBatch, signature: &Signature) -> Result<ArrayRef, String> {
        if batch.num_columns() != signature.params.len() {
            return Err(format!("the request has {} columns for {} parameters", batch.num_columns(), signature.params.len()));
        }
        let rows = batch.num_rows();
        let args = signature
            .params
            .iter()
            .zip(batch.columns())
            .map(|(param, column)| ArgColumn::read(column.as_ref(), param.ty).map_err(|e| format!("parameter `{}`: {e}", param.name)))
            .collect::<Result<Vec<_>, String>>()?;
        let mut result = ResultColumn::zeroed(signature.result, rows)?;
        if rows > 0 {
            let pointers: Vec<*const c_void> = args.iter().map(ArgColumn::as_ptr).collect();
            let n = u64::try_from(rows).map_err(|_| format!("{rows} rows do not fit in a uint64_t"))?;
            // SAFETY: `pointers[i]` points to parameter i's `rows * width` values in the C encoding of its type,
            // alive until the call returns (`args`); `result` has room for `rows * width` values of the result
            // type; `n` is `rows`. That is the whole contract of `RawCAbiFn`, which `load` / `from_raw` vouch for.
            let code = unsafe { (self.raw)(pointers.as_ptr(), result.as_mut_ptr(), n) };
            if code != 0 {
                return Err(format!("`{}` returned error code {code}", self.symbol));
            }
        }
        result.into_column(signature.result)
    }
}

#[cfg(test)]
#[allow(unsafe_code)]
mod tests {
    use super::*;
    use crate::serve::serve_io;
    use crate::signature::Param;
    use crate::testing::{answer_columns, request_columns};
    use arrow_array::cast::AsArray;
    use arrow_array::types::Int32Type;

    /// `f(xs: [i32; 3], flip: bool) -> [i32; 2]`: [sum, max], negated when `flip`; error 7 when xs[0] == 7.
    unsafe extern "C" fn sum_max(args: *const *const c_void, result: *mut c_void, n: u64) -> i32 {
        let n = n as usize;
        // SAFETY: the caller (CAbiFunction::call) passes two columns of n*3 i32 and n u8, and room for n*2 i32.
        let (xs, flip, out) = unsafe {
            (
                std::slice::from_raw_parts(*args as *const i32, n * 3),
                std::slice::from_raw_parts(*args.add(1) as *const u8, n),
                std::slice::from_raw_parts_mut(result as *mut i32, n * 2),
            )
        };
        for row in 0..n {
            let x = &xs[row * 3..row * 3 + 3];
            if x[0] == 7 {
                return 7;
            }
            let sign = if flip[row] == 1 { -1 } else { 1 };
            out[row * 2] = sign * x.iter().sum::<i32>();
            out[row * 2 + 1] = sign * *x.iter().max().unwrap_or(&0);
        }
        0
    }

    fn signature() -> Signature {
        Signature {
            function: "sum_max".into(),
            params: vec![
                Param { name: "xs".into(), ty: ValueType::Array(ScalarType::I32, 3) },
                Param { name: "flip".into(), ty: ValueType::Scalar(ScalarType::Bool) },
            ],
            result: ValueType::Array(ScalarType::I32, 2),
        }
    }

    fn host(columns: Vec<Vec<ArrayRef>>) -> Result<Vec<Vec<i32>>, String> {
        let sig = signature();
        // SAFETY: `sum_max` follows the C ABI for `sig`.
        let function = unsafe { CAbiFunction::from_raw("sum_max", sum_max) };
        let input = request_columns(&sig, columns);
        let mut output = Vec::new();
        serve_io(&input[..], &mut output, |batch| function.call(batch, &sig)).map_err(|e| e.to_string())?;
        let (_, answers) = answer_columns(&output);
        Ok(answers.iter().map(|c| c.as_fixed_size_list().values().as_primitive::<Int32Type>().values().to_vec()).collect())
    }

    fn columns(xs: Vec<i32>, flip: Vec<bool>) -> Vec<ArrayRef> {
        vec![
            build_column(ValueType::Array(ScalarType::I32, 3), xs).expect("xs"),
            build_column(ValueType::Scalar(ScalarType::Bool), flip).expect("flip"),
        ]
    }

    #[test]
    fn calls_with_arrays_and_bools() {
        let answers = host(vec![columns(vec![1, 2, 3, -4, 5, 0], vec![false, true]), columns(vec![9, 9, 9], vec![false])]);
        assert_eq!(answers, Ok(vec![vec![6, 3, -1, -5], vec![27, 9]]));
    }

    #[test]
    fn an_error_code_is_reported() {
        let err = host(vec![columns(vec![7, 0, 0], vec![false])]).expect_err("accepted");
        assert_eq!(err, "request 0: `sum_max` returned error code 7");
    }

    #[test]
    fn a_missing_library_or_symbol_is_an_error() {
        assert!(CAbiFunction::load(OsStr::new("./no-such-library.so"), "f").is_err());
    }
}

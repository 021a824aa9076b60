//! Lane columns (`u32` bit patterns) to and from the two wire forms: Arrow arrays for the process
//! protocol, packed C arrays for the library ABI.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::{Array, ArrayRef, FixedSizeListArray, RecordBatch};
use arrow_schema::{Field, Schema};

use crate::check::{ExternFn, Type};
use crate::sem::ScalarType;

pub const PROTOCOL_VERSION: &str = "1";

pub use crate::output::arrow::arrow_type;
use crate::output::arrow::scalar_type;

/// The request schema of `func`: a field per parameter, and the protocol metadata.
pub fn request_schema(func: &ExternFn) -> Schema {
    let fields: Vec<Field> = func.params.iter().map(|(n, t)| Field::new(n, arrow_type(*t), false)).collect();
    let metadata = HashMap::from([
        ("vecrun.protocol".to_string(), PROTOCOL_VERSION.to_string()),
        ("vecrun.function".to_string(), func.name.clone()),
        ("vecrun.result".to_string(), func.ret.to_string()),
    ]);
    Schema::new_with_metadata(fields, metadata)
}

fn scalar_array(s: ScalarType, values: impl Iterator<Item = u32>) -> ArrayRef {
    crate::output::arrow::scalar_array(s, values, None)
}

/// The request batch for `n` rows of flattened argument columns (a 64-bit value is two word
/// columns, low first; an array's elements in order).
pub fn request(schema: &Arc<Schema>, func: &ExternFn, args: &[&[u32]], n: usize) -> Result<RecordBatch, String> {
    let mut columns: Vec<ArrayRef> = Vec::new();
    let mut k = 0;
    for (_, t) in &func.params {
        let slots = t.slots() as usize;
        let cols = &args[k..k + slots];
        let s = t.elem();
        let values = scalar_array(s, (0..n).flat_map(|r| cols.iter().map(move |c| c[r])));
        match *t {
            Type::Scalar(_) => columns.push(values),
            Type::Record(_) | Type::RecordArray(..) => {
                unreachable!("inputs, extern fns and IR variables are never records (docs/ARCHITECTURE invariant)")
            }
            Type::Array(s, len) => {
                let field = Arc::new(Field::new("item", scalar_type(s), false));
                let list = FixedSizeListArray::try_new(field, len as i32, values, None).map_err(|e| e.to_string())?;
                columns.push(Arc::new(list));
            }
        }
        k += slots;
    }
    RecordBatch::try_new(schema.clone(), columns).map_err(|e| e.to_string())
}

fn scalar_bits(s: ScalarType, a: &dyn Array) -> Result<Vec<u32>, String> {
    if a.null_count() > 0 {
        return Err(format!("the result has {} null value(s); results must not be null", a.null_count()));
    }
    crate::output::arrow::scalar_bits(a, s)
        .ok_or_else(|| format!("the result column is {}, but the extern fn returns {}", a.data_type(), s.name()))
}

/// The result's scalar columns from a response batch of `n` rows.
pub fn response(ret: Type, batch: &RecordBatch, n: usize) -> Result<Vec<Vec<u32>>, String> {
    if batch.num_columns() != 1 {
        return Err(format!("the response has {} columns; it must have exactly one (the result)", batch.num_columns()));
    }
    if batch.num_rows() != n {
        return Err(format!("the response has {} rows for a request of {n}", batch.num_rows()));
    }
    let col = batch.column(0);
    if col.data_type() != &arrow_type(ret) {
        return Err(format!("the result column is {}, but the extern fn returns {ret} ({})", col.data_type(), arrow_type(ret)));
    }
    // The words of every row, row-major (`slots` per row: a 64-bit value is two, low first).
    let flat = match ret {
        Type::Scalar(s) => scalar_bits(s, col.as_ref())?,
        Type::Record(_) | Type::RecordArray(..) => {
            unreachable!("inputs, extern fns and IR variables are never records (docs/ARCHITECTURE invariant)")
        }
        Type::Array(s, len) => {
            let list = col
                .as_any()
                .downcast_ref::<FixedSizeListArray>()
                .ok_or_else(|| "the result column is not a fixed-size list".to_string())?;
            if list.null_count() > 0 {
                return Err("the result has null rows; results must not be null".into());
            }
            let values = list.values().slice(list.offset() * len as usize, n * len as usize);
            scalar_bits(s, values.as_ref())?
        }
    };
    let slots = ret.slots() as usize;
    Ok((0..slots).map(|k| (0..n).map(|r| flat[r * slots + k]).collect()).collect())
}

/// Bytes per value in the C ABI (`bool` as one byte, `u8`/`i8` one, `u16`/`i16` two, `u64`/`i64` eight).
fn c_size(s: ScalarType) -> usize {
    if s == ScalarType::Bool { 1 } else { s.width() as usize / 8 }
}

/// A carried value (its words, low first) as its C bytes (native order; a `bool` as 0 or 1).
fn c_pack(s: ScalarType, words: &[u32], buf: &mut Vec<u8>) {
    let bits = words[0];
    match c_size(s) {
        1 if s == ScalarType::Bool => buf.push((bits != 0) as u8),
        1 => buf.push(bits as u8),
        2 => buf.extend_from_slice(&(bits as u16).to_ne_bytes()),
        8 => buf.extend_from_slice(&(u64::from(bits) | u64::from(words[1]) << 32).to_ne_bytes()),
        _ => buf.extend_from_slice(&bits.to_ne_bytes()),
    }
}

/// A value's C bytes as its carried words, low first (a `bool` is true when non-zero; `i8`/`i16`
/// sign-extended).
fn c_unpack(s: ScalarType, b: &[u8], out: &mut Vec<u32>) {
    match c_size(s) {
        1 if s == ScalarType::Bool => out.push((b[0] != 0) as u32),
        1 => out.push(s.normalize(b[0] as u32)),
        2 => out.push(s.normalize(u16::from_ne_bytes([b[0], b[1]]) as u32)),
        8 => {
            let v = u64::from_ne_bytes(b[..8].try_into().expect("eight bytes"));
            out.extend([v as u32, (v >> 32) as u32]);
        }
        _ => out.push(u32::from_ne_bytes([b[0], b[1], b[2], b[3]])),
    }
}

/// One argument of the C ABI: a lane column passed as it is, or a packed buffer.
pub enum CArg {
    /// Lane column `k` of the flattened arguments (a 4-byte scalar: its bits are the C value).
    Lanes(usize),
    Packed(Vec<u8>),
}

/// Whether a result of type `ret` is written by the C function straight into a lane column (a
/// 4-byte scalar: its bits are the carried value).
pub fn result_is_lanes(ret: Type) -> bool {
    matches!(ret, Type::Scalar(s) if c_size(s) == 4)
}

/// The C ABI's arguments: one per parameter, `n` values (row-major `n * N` for arrays).
pub fn c_args(func: &ExternFn, args: &[&[u32]], n: usize) -> Vec<CArg> {
    let mut out = Vec::with_capacity(func.params.len());
    let mut k = 0;
    for (_, t) in &func.params {
        if let Type::Scalar(s) = t
            && c_size(*s) == 4
        {
            out.push(CArg::Lanes(k));
            k += 1;
            continue;
        }
        let (s, slots) = (t.elem(), t.slots() as usize);
        let cols = &args[k..k + slots];
        let words = s.words() as usize;
        let mut buf = Vec::with_capacity(n * slots / words * c_size(s));
        let mut row = Vec::with_capacity(slots);
        for r in 0..n {
            row.clear();
            row.extend(cols.iter().map(|c| c[r]));
            for value in row.chunks(words) {
                c_pack(s, value, &mut buf);
            }
        }
        out.push(CArg::Packed(buf));
        k += slots;
    }
    out
}

/// Room for the C ABI's result of `n` rows.
pub fn c_result_buffer(ret: Type, n: usize) -> Vec<u8> {
    vec![0; n * (ret.slots() / ret.elem().words()) as usize * c_size(ret.elem())]
}

/// The result's word columns from the C ABI's result buffer (a `bool` is true when non-zero).
pub fn c_result(ret: Type, buf: &[u8], n: usize) -> Vec<Vec<u32>> {
    let (s, slots) = (ret.elem(), ret.slots() as usize);
    let size = c_size(s);
    let mut flat = Vec::with_capacity(n * slots);
    for value in buf.chunks_exact(size) {
        c_unpack(s, value, &mut flat);
    }
    (0..slots).map(|k| (0..n).map(|r| flat[r * slots + k]).collect()).collect()
}

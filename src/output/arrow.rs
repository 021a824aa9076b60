//! Spec types as Arrow columns: the one mapping of every scalar type to its Arrow type, and of
//! carried bit patterns to Arrow arrays and back, for Parquet files, datasets and implementations.
//!
//! A value is carried as a `u32` pattern (`sem`): `u8`/`u16` zero-extended, `i8`/`i16`
//! sign-extended, so writing keeps the low bits and reading extends them again; a `u64`/`i64` as
//! two patterns, the low word first (`UInt64`/`Int64` columns).

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, FixedSizeListArray, Float32Array, Float64Array, Int8Array, Int16Array, Int32Array, Int64Array,
    UInt8Array, UInt16Array, UInt32Array, UInt64Array,
};
use arrow_buffer::NullBuffer;
use arrow_schema::{ArrowError, DataType, Field};

use crate::check::Type;
use crate::sem::ScalarType;

/// The Arrow type of a scalar type.
pub fn scalar_type(s: ScalarType) -> DataType {
    match s {
        ScalarType::Bool => DataType::Boolean,
        ScalarType::U8 => DataType::UInt8,
        ScalarType::U16 => DataType::UInt16,
        ScalarType::U32 => DataType::UInt32,
        ScalarType::I8 => DataType::Int8,
        ScalarType::I16 => DataType::Int16,
        ScalarType::I32 => DataType::Int32,
        ScalarType::F32 => DataType::Float32,
        ScalarType::U64 => DataType::UInt64,
        ScalarType::I64 => DataType::Int64,
        ScalarType::F64 => DataType::Float64,
    }
}

/// The scalar type an Arrow type stands for (the inverse of [`scalar_type`]).
pub fn scalar_of(dt: &DataType) -> Option<ScalarType> {
    ScalarType::ALL.into_iter().find(|s| scalar_type(*s) == *dt)
}

/// The (non-nullable) element field of a list of `s`.
pub fn element_field(s: ScalarType) -> Arc<Field> {
    Arc::new(Field::new("item", scalar_type(s), false))
}

/// The Arrow type of an input's or an extern fn's type: the scalar's type, or a `FixedSizeList`
/// of it for `[T; N]`.
pub fn arrow_type(ty: Type) -> DataType {
    match ty {
        Type::Scalar(s) => scalar_type(s),
        Type::Array(s, n) => DataType::FixedSizeList(element_field(s), n as i32),
        Type::Record(_) | Type::RecordArray(..) => {
            unreachable!("inputs, extern fns and IR variables are never records (docs/ARCHITECTURE invariant)")
        }
    }
}

/// The type an Arrow column type stands for (the inverse of [`arrow_type`]).
pub fn type_of(dt: &DataType) -> Option<Type> {
    match dt {
        DataType::FixedSizeList(f, n) if *n > 0 => Some(Type::Array(scalar_of(f.data_type())?, *n as u32)),
        other => scalar_of(other).map(Type::Scalar),
    }
}

/// A column of scalars of type `s` from carried bit patterns (two per value, low word first, for
/// `u64`/`i64`), with `nulls` (if any) as its validity.
pub fn scalar_array(s: ScalarType, bits: impl IntoIterator<Item = u32>, nulls: Option<NullBuffer>) -> ArrayRef {
    let bits = bits.into_iter();
    if s.is_wide() {
        let words: Vec<u32> = bits.collect();
        let values = words.chunks(2).map(|w| w[0] as u64 | (w.get(1).copied().unwrap_or(0) as u64) << 32);
        return match s {
            ScalarType::U64 => Arc::new(UInt64Array::new(values.collect(), nulls)),
            ScalarType::F64 => Arc::new(Float64Array::new(values.map(f64::from_bits).collect(), nulls)),
            _ => Arc::new(Int64Array::new(values.map(|v| v as i64).collect(), nulls)),
        };
    }
    match s {
        ScalarType::Bool => {
            let values: Vec<bool> = bits.map(|b| b != 0).collect();
            Arc::new(BooleanArray::new(values.into(), nulls))
        }
        ScalarType::U8 => Arc::new(UInt8Array::new(bits.map(|b| b as u8).collect(), nulls)),
        ScalarType::U16 => Arc::new(UInt16Array::new(bits.map(|b| b as u16).collect(), nulls)),
        ScalarType::U32 => Arc::new(UInt32Array::new(bits.collect(), nulls)),
        ScalarType::I8 => Arc::new(Int8Array::new(bits.map(|b| b as i8).collect(), nulls)),
        ScalarType::I16 => Arc::new(Int16Array::new(bits.map(|b| b as i16).collect(), nulls)),
        ScalarType::I32 => Arc::new(Int32Array::new(bits.map(|b| b as i32).collect(), nulls)),
        ScalarType::F32 => Arc::new(Float32Array::new(bits.map(f32::from_bits).collect(), nulls)),
        ScalarType::U64 | ScalarType::I64 | ScalarType::F64 => unreachable!("handled above"),
    }
}

/// A column of values of type `ty` (a scalar or `[T; N]`) from `bits`, `ty.slots()` patterns per
/// row, row-major; `nulls` marks missing rows (their patterns are stored but not valid).
pub fn typed_array(ty: Type, bits: Vec<u32>, nulls: Option<NullBuffer>) -> Result<ArrayRef, ArrowError> {
    match ty {
        Type::Scalar(s) => Ok(scalar_array(s, bits, nulls)),
        Type::Array(s, n) => {
            let values = scalar_array(s, bits, None);
            FixedSizeListArray::try_new(element_field(s), n as i32, values, nulls).map(|a| Arc::new(a) as ArrayRef)
        }
        Type::Record(_) | Type::RecordArray(..) => {
            unreachable!("inputs, extern fns and IR variables are never records (docs/ARCHITECTURE invariant)")
        }
    }
}

/// The carried bit patterns of a column of scalars of type `s` (a null entry reads as whatever
/// value it holds: callers check validity), or `None` when the column holds another type.
pub fn scalar_bits(col: &dyn Array, s: ScalarType) -> Option<Vec<u32>> {
    Some(match s {
        ScalarType::Bool => col.as_boolean_opt()?.values().iter().map(|v| v as u32).collect(),
        ScalarType::U8 => col.as_primitive_opt::<UInt8Type>()?.values().iter().map(|v| *v as u32).collect(),
        ScalarType::U16 => col.as_primitive_opt::<UInt16Type>()?.values().iter().map(|v| *v as u32).collect(),
        ScalarType::U32 => col.as_primitive_opt::<UInt32Type>()?.values().to_vec(),
        ScalarType::I8 => col.as_primitive_opt::<Int8Type>()?.values().iter().map(|v| *v as i32 as u32).collect(),
        ScalarType::I16 => col.as_primitive_opt::<Int16Type>()?.values().iter().map(|v| *v as i32 as u32).collect(),
        ScalarType::I32 => col.as_primitive_opt::<Int32Type>()?.values().iter().map(|v| *v as u32).collect(),
        ScalarType::F32 => col.as_primitive_opt::<Float32Type>()?.values().iter().map(|v| v.to_bits()).collect(),
        ScalarType::U64 => col.as_primitive_opt::<UInt64Type>()?.values().iter().flat_map(|v| [*v as u32, (v >> 32) as u32]).collect(),
        ScalarType::I64 => {
            col.as_primitive_opt::<Int64Type>()?.values().iter().flat_map(|v| [*v as u32, ((*v as u64) >> 32) as u32]).collect()
        }
        ScalarType::F64 => {
            col.as_primitive_opt::<Float64Type>()?.values().iter().flat_map(|v| [v.to_bits() as u32, (v.to_bits() >> 32) as u32]).collect()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scalar_type_round_trips_through_its_column() {
        for s in ScalarType::CARRIED {
            assert_eq!(scalar_of(&scalar_type(s)), Some(s));
            let (lo, hi) = if s == ScalarType::F32 { (i32::MIN as i64, i32::MAX as i64) } else { s.int_range() };
            let bits: Vec<u32> = [lo, hi, 0, (lo + hi) / 2].iter().map(|v| s.normalize(*v as u32)).collect();
            let a = scalar_array(s, bits.clone(), None);
            assert_eq!(a.data_type(), &scalar_type(s));
            assert_eq!(scalar_bits(a.as_ref(), s), Some(bits.clone()), "{s}");
            let other = if s == ScalarType::U32 { ScalarType::I32 } else { ScalarType::U32 };
            assert_eq!(scalar_bits(a.as_ref(), other), None, "{s} read as {other}");
        }
    }

    #[test]
    fn sixty_four_bit_values_are_two_words_in_and_one_value_out() {
        let values = [0u64, 1, u64::MAX, 1 << 63, 0x1234_5678_9ABC_DEF0];
        let words: Vec<u32> = values.iter().flat_map(|v| [*v as u32, (v >> 32) as u32]).collect();
        let u = scalar_array(ScalarType::U64, words.clone(), None);
        assert_eq!(u.as_primitive::<UInt64Type>().values().to_vec(), values);
        assert_eq!(scalar_bits(u.as_ref(), ScalarType::U64), Some(words.clone()));
        let i = scalar_array(ScalarType::I64, words.clone(), None);
        assert_eq!(i.as_primitive::<Int64Type>().value(2), -1);
        assert_eq!(i.as_primitive::<Int64Type>().value(3), i64::MIN);
        assert_eq!(scalar_bits(i.as_ref(), ScalarType::I64), Some(words.clone()));
        assert_eq!(scalar_of(&DataType::Int64), Some(ScalarType::I64));
        let list = typed_array(Type::Array(ScalarType::U64, 5), words, None).unwrap();
        assert_eq!(list.len(), 1, "one row of five values");
    }

    #[test]
    fn list_columns_keep_rows_and_nulls() {
        let ty = Type::Array(ScalarType::I8, 2);
        let a = typed_array(ty, vec![(-1i32) as u32, 5, 7, (-128i32) as u32], Some(NullBuffer::from(vec![true, false]))).unwrap();
        assert_eq!(type_of(a.data_type()), Some(ty));
        assert!(a.is_valid(0) && a.is_null(1));
        let list = a.as_fixed_size_list();
        assert_eq!(scalar_bits(list.values().as_ref(), ScalarType::I8).unwrap(), vec![u32::MAX, 5, 7, (-128i32) as u32]);
    }
}

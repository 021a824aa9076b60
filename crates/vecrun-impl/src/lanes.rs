//! Columns as flat slices of lanes (`u32`, `i32`, `f32`, `bool`) and back, and the `Value` trait of typed harnesses.
//!
//! A column of `[T; N]` is read as its n*N elements, row-major (row r at r*N .. r*N+N), the layout of the C ABI.

use std::borrow::Cow;
use std::sync::Arc;

use arrow_array::{
    Array, ArrayRef, BooleanArray, FixedSizeListArray, Float32Array, Float64Array, Int8Array, Int16Array, Int32Array, Int64Array,
    UInt8Array, UInt16Array, UInt32Array, UInt64Array,
};

use crate::types::{ScalarType, ValueType};

mod sealed {
    pub trait Sealed {}
    impl Sealed for u32 {}
    impl Sealed for i32 {}
    impl Sealed for u8 {}
    impl Sealed for u16 {}
    impl Sealed for i8 {}
    impl Sealed for i16 {}
    impl Sealed for u64 {}
    impl Sealed for i64 {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
    impl Sealed for bool {}
}

/// An element type of the protocol: `u8`, `u16`, `u32`, `u64`, `i8`, `i16`, `i32`, `i64`, `f32` or `bool`.
pub trait Lane: Copy + Send + Sync + 'static + sealed::Sealed {
    /// The protocol's name for it.
    const SCALAR: ScalarType;
    /// The values of a column of exactly this scalar type (borrowed where Arrow's layout is the native one).
    fn read(array: &dyn Array) -> Result<Cow<'_, [Self]>, String>;
    /// A column of these values.
    fn build(values: Vec<Self>) -> ArrayRef;
}

fn downcast<A: 'static>(array: &dyn Array, scalar: ScalarType) -> Result<&A, String> {
    array.as_any().downcast_ref::<A>().ok_or_else(|| format!("expected a column of {scalar}, found {}", array.data_type()))
}

macro_rules! primitive_lane {
    ($native:ty, $scalar:expr, $array:ty) => {
        impl Lane for $native {
            const SCALAR: ScalarType = $scalar;
            fn read(array: &dyn Array) -> Result<Cow<'_, [Self]>, String> {
                Ok(Cow::Borrowed(downcast::<$array>(array, $scalar)?.values()))
            }
            fn build(values: Vec<Self>) -> ArrayRef {
                Arc::new(<$array>::from(values))
            }
        }
    };
}

primitive_lane!(u32, ScalarType::U32, UInt32Array);
primitive_lane!(i32, ScalarType::I32, Int32Array);
primitive_lane!(f32, ScalarType::F32, Float32Array);
primitive_lane!(u8, ScalarType::U8, UInt8Array);
primitive_lane!(u16, ScalarType::U16, UInt16Array);
primitive_lane!(i8, ScalarType::I8, Int8Array);
primitive_lane!(i16, ScalarType::I16, Int16Array);
primitive_lane!(u64, ScalarType::U64, UInt64Array);
primitive_lane!(i64, ScalarType::I64, Int64Array);
primitive_lane!(f64, ScalarType::F64, Float64Array);

impl Lane for bool {
    const SCALAR: ScalarType = ScalarType::Bool;
    fn read(array: &dyn Array) -> Result<Cow<'_, [Self]>, String> {
        Ok(Cow::Owned(downcast::<BooleanArray>(array, ScalarType::Bool)?.values().iter().collect()))
    }
    fn build(values: Vec<Self>) -> ArrayRef {
        Arc::new(BooleanArray::from(values))
    }
}

/// The flat elements of a column of type `ty`: n values for a scalar column, n*N for `[T; N]`.
/// Fails on a type other than `ty`, on a lane type other than `ty`'s element type, and on nulls.
pub fn read_lanes<L: Lane>(column: &dyn Array, ty: ValueType) -> Result<Cow<'_, [L]>, String> {
    if ty.scalar() != L::SCALAR {
        return Err(format!("a {ty} column cannot be read as {} values", L::SCALAR));
    }
    if column.null_count() > 0 {
        return Err(format!("a {ty} column has {} nulls; the protocol has none", column.null_count()));
    }
    match ty {
        ValueType::Scalar(_) => L::read(column),
        ValueType::Array(_, len) => {
            let list = column
                .as_any()
                .downcast_ref::<FixedSizeListArray>()
                .filter(|list| list.value_length() as usize == len)
                .ok_or_else(|| format!("expected a column of {ty}, found {}", column.data_type()))?;
            let values = list.values();
            if values.null_count() > 0 {
                return Err(format!("a {ty} column has null elements; the protocol has none"));
            }
            let need = list.len() * len;
            let lanes = L::read(values.as_ref())?;
            if lanes.len() < need {
                return Err(format!("a {ty} column of {} rows has only {} elements", list.len(), lanes.len()));
            }
            Ok(match lanes {
                Cow::Borrowed(all) => Cow::Borrowed(&all[..need]),
                Cow::Owned(mut all) => {
                    all.truncate(need);
                    Cow::Owned(all)
                }
            })
        }
    }
}

/// A column of type `ty` from its flat elements (n*N of them for `[T; N]`), in the protocol's Arrow type.
pub fn build_column<L: Lane>(ty: ValueType, lanes: Vec<L>) -> Result<ArrayRef, String> {
    if ty.scalar() != L::SCALAR {
        return Err(format!("{} values cannot make a {ty} column", L::SCALAR));
    }
    match ty {
        ValueType::Scalar(_) => Ok(L::build(lanes)),
        ValueType::Array(scalar, len) => {
            if !lanes.len().is_multiple_of(len) {
                return Err(format!("{} elements are not a whole number of {ty} values", lanes.len()));
            }
            FixedSizeListArray::try_new(ValueType::item_field(scalar), len as i32, L::build(lanes), None)
                .map(|list| Arc::new(list) as ArrayRef)
                .map_err(|e| e.to_string())
        }
    }
}

/// A column with the exact Arrow type the protocol spells for `ty` (the item field `item`, non-nullable),
/// or an error naming what it is instead. Nulls are refused.
pub fn conform_column(column: ArrayRef, ty: ValueType) -> Result<ArrayRef, String> {
    let found =
        ValueType::from_arrow(column.data_type()).map_err(|_| format!("expected a column of {ty}, found {}", column.data_type()))?;
    if found != ty {
        return Err(format!("expected a column of {ty}, found {found}"));
    }
    if column.null_count() > 0 {
        return Err(format!("the column has {} nulls; the protocol has none", column.null_count()));
    }
    if column.data_type() == &ty.arrow() {
        return Ok(column);
    }
    // Same element type and length, other item field name or nullability: re-wrap the same values.
    let list = column.as_any().downcast_ref::<FixedSizeListArray>().ok_or_else(|| format!("expected a column of {ty}"))?;
    if list.values().null_count() > 0 {
        return Err("the column has null elements; the protocol has none".to_string());
    }
    let values = list.values().slice(0, list.len() * ty.width());
    FixedSizeListArray::try_new(ValueType::item_field(ty.scalar()), ty.width() as i32, values, None)
        .map(|list| Arc::new(list) as ArrayRef)
        .map_err(|e| e.to_string())
}

/// A Rust type that stands for a vecrun value type in a typed harness: a [`Lane`] type (`u8` ... `u64`, `i8` ... `i64`, `f32`, `bool`),
/// or an array `[T; N]` of those.
pub trait Value: Sized {
    /// Its element type.
    type Lane: Lane;
    /// The vecrun type it stands for.
    const TYPE: ValueType;
    /// The value from its elements (exactly `TYPE.width()` of them).
    fn from_lanes(lanes: &[Self::Lane]) -> Self;
    /// Appends its elements.
    fn push_lanes(self, out: &mut Vec<Self::Lane>);
}

macro_rules! scalar_value {
    ($($native:ty),*) => {$(
        impl Value for $native {
            type Lane = $native;
            const TYPE: ValueType = ValueType::Scalar(<$native as Lane>::SCALAR);
            #[inline]
            fn from_lanes(lanes: &[Self]) -> Self {
                lanes[0]
            }
            #[inline]
            fn push_lanes(self, out: &mut Vec<Self>) {
                out.push(self);
            }
        }
    )*};
}

scalar_value!(u32, i32, f32, bool, u8, u16, i8, i16, u64, i64, f64);

impl<L: Lane, const N: usize> Value for [L; N] {
    type Lane = L;
    const TYPE: ValueType = ValueType::Array(L::SCALAR, N);
    #[inline]
    fn from_lanes(lanes: &[L]) -> Self {
        std::array::from_fn(|i| lanes[i])
    }
    #[inline]
    fn push_lanes(self, out: &mut Vec<L>) {
        out.extend_from_slice(&self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_schema::{DataType, Field};

    #[test]
    fn array_columns_are_row_major_and_respect_slicing() {
        let ty = ValueType::Array(ScalarType::U32, 3);
        let column = build_column(ty, (0u32..12).collect()).expect("column");
        assert_eq!(column.len(), 4);
        assert_eq!(read_lanes::<u32>(column.as_ref(), ty).expect("lanes").as_ref(), &(0..12).collect::<Vec<_>>()[..]);
        let tail = column.slice(1, 2);
        assert_eq!(read_lanes::<u32>(tail.as_ref(), ty).expect("lanes").as_ref(), &[3, 4, 5, 6, 7, 8]);
    }

    #[test]
    fn bool_columns_round_trip() {
        let ty = ValueType::Array(ScalarType::Bool, 2);
        let lanes = vec![true, false, false, true];
        let column = build_column(ty, lanes.clone()).expect("column");
        assert_eq!(read_lanes::<bool>(column.as_ref(), ty).expect("lanes").into_owned(), lanes);
    }

    #[test]
    fn wrong_types_and_nulls_are_refused() {
        let column: ArrayRef = Arc::new(UInt32Array::from(vec![1, 2]));
        assert!(read_lanes::<i32>(column.as_ref(), ValueType::Scalar(ScalarType::I32)).is_err());
        assert!(read_lanes::<u32>(column.as_ref(), ValueType::Array(ScalarType::U32, 2)).is_err());
        let nulls: ArrayRef = Arc::new(UInt32Array::from(vec![Some(1), None]));
        assert!(read_lanes::<u32>(nulls.as_ref(), ValueType::Scalar(ScalarType::U32)).is_err());
        assert!(build_column(ValueType::Array(ScalarType::U32, 2), vec![1u32, 2, 3]).is_err());
    }

    #[test]
    fn conform_rewraps_a_nullable_item_field() {
        let ty = ValueType::Array(ScalarType::F32, 2);
        let loose = FixedSizeListArray::try_new(
            Arc::new(Field::new("element", DataType::Float32, true)),
            2,
            Arc::new(Float32Array::from(vec![1.0, 2.0, 3.0, 4.0])),
            None,
        )
        .expect("list");
        let column = conform_column(Arc::new(loose), ty).expect("conformed");
        assert_eq!(column.data_type(), &ty.arrow());
        assert!(conform_column(column, ValueType::Array(ScalarType::F32, 4)).is_err());
    }

    #[test]
    fn values_know_their_types() {
        assert_eq!(<[u32; 16]>::TYPE.to_string(), "[u32; 16]");
        assert_eq!(<bool>::TYPE.to_string(), "bool");
        let mut out = Vec::new();
        [1.5f32, 2.5].push_lanes(&mut out);
        assert_eq!(<[f32; 2]>::from_lanes(&out), [1.5, 2.5]);
        assert_eq!(<f64>::TYPE.to_string(), "f64");
        let column = build_column(ValueType::Array(ScalarType::F64, 2), vec![0.1f64, -0.0, f64::MAX, 1e-310]).expect("f64 column");
        assert_eq!(column.data_type(), &ValueType::Array(ScalarType::F64, 2).arrow());
        let values = read_lanes::<f64>(column.as_ref(), ValueType::Array(ScalarType::F64, 2)).expect("read back");
        assert_eq!(values.iter().map(|v| v.to_bits()).collect::<Vec<_>>(), [0.1f64, -0.0, f64::MAX, 1e-310].map(f64::to_bits));
    }
}

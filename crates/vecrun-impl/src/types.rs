//! The value types of an `extern fn` (`u8`, `u16`, `u32`, `u64`, `i8`, `i16`, `i32`, `i64`, `f32`, `f64`, `bool`, `[T; N]`): spec
//! spelling and Arrow types.

use std::fmt;
use std::sync::Arc;

use arrow_schema::{DataType, Field};

/// The element types of the protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScalarType {
    /// `u32`, Arrow `UInt32`, C `uint32_t`.
    U32,
    /// `i32`, Arrow `Int32`, C `int32_t`.
    I32,
    /// `f32`, Arrow `Float32`, C `float`.
    F32,
    /// `bool`, Arrow `Boolean`, C `uint8_t` (0 or 1).
    Bool,
    /// `u8`, Arrow `UInt8`, C `uint8_t`.
    U8,
    /// `u16`, Arrow `UInt16`, C `uint16_t`.
    U16,
    /// `i8`, Arrow `Int8`, C `int8_t`.
    I8,
    /// `i16`, Arrow `Int16`, C `int16_t`.
    I16,
    /// `u64`, Arrow `UInt64`, C `uint64_t`.
    U64,
    /// `i64`, Arrow `Int64`, C `int64_t`.
    I64,
    /// `f64`, Arrow `Float64`, C `double`.
    F64,
}

impl ScalarType {
    /// Every scalar type of the protocol.
    pub const ALL: [ScalarType; 11] = [
        ScalarType::U32,
        ScalarType::I32,
        ScalarType::F32,
        ScalarType::Bool,
        ScalarType::U8,
        ScalarType::U16,
        ScalarType::I8,
        ScalarType::I16,
        ScalarType::U64,
        ScalarType::I64,
        ScalarType::F64,
    ];

    /// The spec spelling (`u32`, `i32`, `f32`, `bool`, `u8`, ...).
    pub fn name(self) -> &'static str {
        match self {
            ScalarType::U32 => "u32",
            ScalarType::I32 => "i32",
            ScalarType::F32 => "f32",
            ScalarType::Bool => "bool",
            ScalarType::U8 => "u8",
            ScalarType::U16 => "u16",
            ScalarType::I8 => "i8",
            ScalarType::I16 => "i16",
            ScalarType::U64 => "u64",
            ScalarType::I64 => "i64",
            ScalarType::F64 => "f64",
        }
    }

    /// Reads a spec spelling.
    pub fn parse(text: &str) -> Option<ScalarType> {
        ScalarType::ALL.into_iter().find(|s| s.name() == text)
    }

    /// The Arrow type of a column of this type.
    pub fn arrow(self) -> DataType {
        match self {
            ScalarType::U32 => DataType::UInt32,
            ScalarType::I32 => DataType::Int32,
            ScalarType::F32 => DataType::Float32,
            ScalarType::Bool => DataType::Boolean,
            ScalarType::U8 => DataType::UInt8,
            ScalarType::U16 => DataType::UInt16,
            ScalarType::I8 => DataType::Int8,
            ScalarType::I16 => DataType::Int16,
            ScalarType::U64 => DataType::UInt64,
            ScalarType::I64 => DataType::Int64,
            ScalarType::F64 => DataType::Float64,
        }
    }

    /// The scalar type of an Arrow type, if it is one of the protocol's.
    pub fn from_arrow(data_type: &DataType) -> Option<ScalarType> {
        ScalarType::ALL.into_iter().find(|s| s.arrow() == *data_type)
    }
}

/// The type of a parameter or of a result: a scalar or a fixed array `[T; N]` of scalars.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueType {
    /// A single value.
    Scalar(ScalarType),
    /// `[T; N]`, N >= 1: Arrow `FixedSizeList` (item field `item`, non-nullable, N).
    Array(ScalarType, usize),
}

impl ValueType {
    /// The element type (the type itself for a scalar).
    pub fn scalar(self) -> ScalarType {
        match self {
            ValueType::Scalar(scalar) | ValueType::Array(scalar, _) => scalar,
        }
    }

    /// Elements per value: 1 for a scalar, N for `[T; N]`.
    pub fn width(self) -> usize {
        match self {
            ValueType::Scalar(_) => 1,
            ValueType::Array(_, len) => len,
        }
    }

    /// Reads the spec spelling used by the `vecrun.result` metadata: `u32`, `[f32; 4]`.
    /// Whitespace around the parts is accepted; the length must be a decimal number from 1 to `i32::MAX`.
    pub fn parse(text: &str) -> Result<ValueType, String> {
        let text = text.trim();
        if let Some(scalar) = ScalarType::parse(text) {
            return Ok(ValueType::Scalar(scalar));
        }
        let inner = text
            .strip_prefix('[')
            .and_then(|rest| rest.strip_suffix(']'))
            .ok_or_else(|| format!("`{text}` is not a vecrun value type (u8, u16, u32, u64, i8, i16, i32, i64, f32, bool or [T; N])"))?;
        let (element, len) = inner.split_once(';').ok_or_else(|| format!("`{text}`: an array type is `[T; N]`"))?;
        let scalar = ScalarType::parse(element.trim()).ok_or_else(|| format!("`{text}`: the element type must be a scalar type"))?;
        let digits = len.trim();
        let len: usize = match digits.parse::<usize>() {
            Ok(len) if len >= 1 && len <= i32::MAX as usize && digits.bytes().all(|b| b.is_ascii_digit()) => len,
            _ => return Err(format!("`{text}`: the array length must be a number from 1 to {}", i32::MAX)),
        };
        Ok(ValueType::Array(scalar, len))
    }

    /// The Arrow type of a column of this type, as the protocol spells it.
    pub fn arrow(self) -> DataType {
        match self {
            ValueType::Scalar(scalar) => scalar.arrow(),
            ValueType::Array(scalar, len) => DataType::FixedSizeList(Self::item_field(scalar), len as i32),
        }
    }

    /// The item field of an array type: named `item`, non-nullable.
    pub fn item_field(scalar: ScalarType) -> Arc<Field> {
        Arc::new(Field::new("item", scalar.arrow(), false))
    }

    /// The value type of an Arrow column type. Item field names and nullability are not checked
    /// (a column's nulls are checked where its values are read).
    pub fn from_arrow(data_type: &DataType) -> Result<ValueType, String> {
        if let Some(scalar) = ScalarType::from_arrow(data_type) {
            return Ok(ValueType::Scalar(scalar));
        }
        if let DataType::FixedSizeList(item, len) = data_type
            && let Some(scalar) = ScalarType::from_arrow(item.data_type())
            && *len >= 1
        {
            return Ok(ValueType::Array(scalar, *len as usize));
        }
        Err(format!(
            "the Arrow type {data_type} is not a vecrun value type (UInt8/16/32/64, Int8/16/32/64, Float32, Boolean or a FixedSizeList of those)"
        ))
    }
}

impl fmt::Display for ScalarType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for ValueType {
    /// The spec spelling: `u32` or `[u32; 4]` (element, semicolon, space, length).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueType::Scalar(scalar) => write!(f, "{scalar}"),
            ValueType::Array(scalar, len) => write!(f, "[{scalar}; {len}]"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip() {
        for text in
            ["u32", "i32", "f32", "bool", "u8", "i16", "u64", "i64", "[u64; 2]", "[u32; 16]", "[bool; 1]", "[u8; 3]", "[f32; 2147483647]"]
        {
            let ty = ValueType::parse(text).expect(text);
            assert_eq!(ty.to_string(), text);
            assert_eq!(ValueType::from_arrow(&ty.arrow()), Ok(ty));
        }
        assert_eq!(ValueType::parse(" [ i32 ;4 ] "), Ok(ValueType::Array(ScalarType::I32, 4)));
    }

    #[test]
    fn bad_spellings_are_refused() {
        for text in
            ["", "u128", "f16", "[u32]", "[u32; 0]", "[u32; -1]", "[u32; +3]", "[u32; 2147483648]", "[[u32; 2]; 2]", "[u128; 3]", "[u32; 2"]
        {
            assert!(ValueType::parse(text).is_err(), "{text:?} was accepted");
        }
    }

    #[test]
    fn arrow_types_are_the_protocol_ones() {
        assert_eq!(ValueType::Scalar(ScalarType::Bool).arrow(), DataType::Boolean);
        let DataType::FixedSizeList(item, 3) = ValueType::Array(ScalarType::F32, 3).arrow() else { panic!("not a list of 3") };
        assert_eq!((item.name().as_str(), item.data_type(), item.is_nullable()), ("item", &DataType::Float32, false));
        assert_eq!(ValueType::from_arrow(&DataType::Int64), Ok(ValueType::Scalar(ScalarType::I64)));
        assert_eq!(ValueType::from_arrow(&DataType::Float64), Ok(ValueType::Scalar(ScalarType::F64)));
        assert!(ValueType::from_arrow(&DataType::Float16).is_err());
        assert!(ValueType::from_arrow(&DataType::FixedSizeList(Arc::new(Field::new("item", DataType::Float16, false)), 2)).is_err());
    }
}

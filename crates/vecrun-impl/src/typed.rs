//! Typed, row-wise harnesses: a plain Rust function of one row (`|a: u32, b: u32| a ^ b`, arrays as `[T; N]`)
//! turned into a batch function (`map1` .. `map6`) or served directly (`serve_map1` .. `serve_map6`).

use arrow_array::{ArrayRef, RecordBatch};

use crate::lanes::{Value, build_column, read_lanes};
use crate::serve::serve;
use crate::signature::Signature;

macro_rules! typed_map {
    ($map:ident, $serve_map:ident, $arity:literal, $($arg:ident: $T:ident),+) => {
        #[doc = concat!("A batch function (for [`serve_io`](crate::serve_io)) calling `f` once per row of a ", $arity, "-parameter request.")]
        ///
        /// The request's parameter types and `vecrun.result` must be the Rust types' vecrun types
        /// (`u32`, `i32`, `f32`, `bool`, `[T; N]`); otherwise each request fails with a message naming both.
        pub fn $map<$($T: Value,)+ R: Value>(mut f: impl FnMut($($T),+) -> R) -> impl FnMut(&RecordBatch) -> Result<ArrayRef, String> {
            move |batch: &RecordBatch| {
                Signature::of_batch(batch)?.expect(&[$($T::TYPE),+], R::TYPE)?;
                let rows = batch.num_rows();
                let mut columns = batch.columns().iter();
                $(
                    let column = columns.next().ok_or("a parameter column is missing")?;
                    let $arg = read_lanes::<$T::Lane>(column.as_ref(), $T::TYPE)?;
                )+
                let mut out = Vec::with_capacity(rows * R::TYPE.width());
                for row in 0..rows {
                    f($($T::from_lanes(&$arg[row * $T::TYPE.width()..])),+).push_lanes(&mut out);
                }
                build_column(R::TYPE, out)
            }
        }

        #[doc = concat!("Serves a ", $arity, "-parameter row function on stdin/stdout ([`", stringify!($map), "`] + [`serve`](crate::serve)); never returns.")]
        pub fn $serve_map<$($T: Value,)+ R: Value>(f: impl FnMut($($T),+) -> R) -> ! {
            serve($map(f))
        }
    };
}

typed_map!(map1, serve_map1, "1", a: A);
typed_map!(map2, serve_map2, "2", a: A, b: B);
typed_map!(map3, serve_map3, "3", a: A, b: B, c: C);
typed_map!(map4, serve_map4, "4", a: A, b: B, c: C, d: D);
typed_map!(map5, serve_map5, "5", a: A, b: B, c: C, d: D, e: E);
typed_map!(map6, serve_map6, "6", a: A, b: B, c: C, d: D, e: E, g: G);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lanes::build_column;
    use crate::serve::serve_io;
    use crate::signature::Param;
    use crate::testing::{answer_columns, answers, request_columns, requests};
    use crate::types::{ScalarType, ValueType};
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float32Type, UInt32Type};

    fn sig(params: &[(&str, ValueType)], result: ValueType) -> Signature {
        Signature {
            function: "f".into(),
            params: params.iter().map(|(name, ty)| Param { name: name.to_string(), ty: *ty }).collect(),
            result,
        }
    }

    const U32: ValueType = ValueType::Scalar(ScalarType::U32);

    #[test]
    fn map2_multiplies_rows() {
        let input = requests(&sig(&[("a", U32), ("b", U32)], U32), &[vec![vec![2, 3, u32::MAX], vec![5, 7, 2]]]);
        let mut output = Vec::new();
        serve_io(&input[..], &mut output, map2(|a: u32, b: u32| a.wrapping_mul(b))).expect("served");
        assert_eq!(answers(&output).1, vec![vec![10, 21, u32::MAX.wrapping_mul(2)]]);
    }

    #[test]
    fn arrays_in_and_out_row_wise() {
        let ops = ValueType::Array(ScalarType::U32, 4);
        let pair = ValueType::Array(ScalarType::U32, 2);
        let signature = sig(&[("ops", ops), ("k", U32)], pair);
        let columns = vec![build_column(ops, (0u32..12).collect()).expect("ops"), build_column(U32, vec![10u32, 20, 30]).expect("k")];
        let input = request_columns(&signature, vec![columns]);
        let mut output = Vec::new();
        let sum_and_max = |ops: [u32; 4], k: u32| [ops.iter().sum::<u32>() + k, *ops.iter().max().unwrap_or(&0)];
        serve_io(&input[..], &mut output, map2(sum_and_max)).expect("served");
        let (schema, columns) = answer_columns(&output);
        assert_eq!(schema.field(0).data_type(), &pair.arrow());
        let list = columns[0].as_fixed_size_list();
        assert_eq!(list.values().as_primitive::<UInt32Type>().values().to_vec(), vec![16, 3, 42, 7, 68, 11]);
    }

    #[test]
    fn sixty_four_bit_rows_keep_both_words() {
        let (u64s, i64s) = (ValueType::Array(ScalarType::U64, 2), ValueType::Scalar(ScalarType::I64));
        let signature = sig(&[("c", u64s), ("b", i64s)], ValueType::Scalar(ScalarType::U64));
        let columns =
            vec![build_column(u64s, vec![u64::MAX, 1, 1 << 40, 3 << 32]).expect("c"), build_column(i64s, vec![i64::MIN, -1]).expect("b")];
        let input = request_columns(&signature, vec![columns]);
        let mut output = Vec::new();
        serve_io(&input[..], &mut output, map2(|c: [u64; 2], b: i64| c[0].wrapping_add(c[1]).wrapping_add(b as u64))).expect("served");
        let (schema, columns) = answer_columns(&output);
        assert_eq!(schema.field(0).data_type(), &arrow_schema::DataType::UInt64);
        let values = columns[0].as_primitive::<arrow_array::types::UInt64Type>().values().to_vec();
        assert_eq!(values, vec![(1u64 << 63), (1u64 << 40) + (3 << 32) - 1]);
    }

    #[test]
    fn bool_and_float_rows() {
        let signature = sig(
            &[("x", ValueType::Scalar(ScalarType::F32)), ("neg", ValueType::Scalar(ScalarType::Bool))],
            ValueType::Scalar(ScalarType::F32),
        );
        let columns = vec![
            build_column(ValueType::Scalar(ScalarType::F32), vec![1.5f32, -0.0, f32::NAN]).expect("x"),
            build_column(ValueType::Scalar(ScalarType::Bool), vec![true, true, false]).expect("neg"),
        ];
        let input = request_columns(&signature, vec![columns]);
        let mut output = Vec::new();
        serve_io(&input[..], &mut output, map2(|x: f32, neg: bool| if neg { -x } else { x })).expect("served");
        let bits: Vec<u32> = answer_columns(&output).1[0].as_primitive::<Float32Type>().values().iter().map(|x| x.to_bits()).collect();
        assert_eq!(bits, vec![(-1.5f32).to_bits(), 0, f32::NAN.to_bits()]);
    }

    #[test]
    fn a_signature_mismatch_is_named() {
        let input = requests(&sig(&[("a", U32)], U32), &[vec![vec![1]]]);
        let err = serve_io(&input[..], Vec::new(), map2(|a: u32, b: u32| a ^ b)).expect_err("accepted");
        assert_eq!(err.to_string(), "request 0: the request asks for `f(u32) -> u32` but this harness implements `(u32, u32) -> u32`");
        let err = serve_io(&input[..], Vec::new(), map1(|a: u32| a as i32)).expect_err("accepted");
        assert!(err.to_string().contains("implements `(u32) -> i32`"), "{err}");
    }

    #[test]
    fn six_parameters() {
        let names = ["a", "b", "c", "d", "e", "g"];
        let params: Vec<(&str, ValueType)> = names.iter().map(|n| (*n, U32)).collect();
        let input = requests(&sig(&params, U32), &[(1..=6).map(|p| vec![p, p * 10]).collect()]);
        let mut output = Vec::new();
        let weighted = |a: u32, b: u32, c: u32, d: u32, e: u32, g: u32| a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * g;
        serve_io(&input[..], &mut output, map6(weighted)).expect("served");
        assert_eq!(answers(&output).1, vec![vec![91, 910]]);
    }
}

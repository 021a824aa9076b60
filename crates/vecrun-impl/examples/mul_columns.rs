//! `mul(a: u32, b: u32) -> u32` column-at-a-time: `serve` with `read_lanes` and `build_column` (the form for vectorised code).

use vecrun_impl::{ScalarType::U32, ValueType::Scalar, build_column, read_lanes};

fn main() {
    vecrun_impl::serve(|batch| {
        let a = read_lanes::<u32>(batch.column(0).as_ref(), Scalar(U32))?;
        let b = read_lanes::<u32>(batch.column(1).as_ref(), Scalar(U32))?;
        build_column(Scalar(U32), a.iter().zip(b.iter()).map(|(a, b)| a.wrapping_mul(*b)).collect())
    })
}

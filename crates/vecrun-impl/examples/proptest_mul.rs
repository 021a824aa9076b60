//! In-process anchor for the extern fn benchmark: proptest calling `mul(a: u32, b: u32) -> u32` (wrapping) directly, in cases/s.
//!
//! `cargo run --release -p vecrun-impl --example proptest_mul -- [CASES]` (default 5 000 000) prints
//! `proptest_mul cases=N seconds=S cases_per_s=R` on stdout; `scripts/bench-impls.sh` runs it. One thread,
//! `failure_persistence: None`, the property `mul(a, b) == a * b` with `prop_assert_eq!`, as in `examples/peers.rs`.

use std::time::Instant;

use proptest::prelude::{any, prop_assert_eq};
use proptest::test_runner::{Config, TestRunner};

/// The function under test, the same as the `mul` and `mul_columns` harness examples.
#[inline(never)]
fn mul(a: u32, b: u32) -> u32 {
    a.wrapping_mul(b)
}

fn main() {
    let cases: u32 = match std::env::args().nth(1) {
        None => 5_000_000,
        Some(arg) => arg.parse().unwrap_or_else(|_| {
            eprintln!("usage: proptest_mul [CASES]");
            std::process::exit(2)
        }),
    };
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let start = Instant::now();
    let result = runner.run(&(any::<u32>(), any::<u32>()), |(a, b)| {
        prop_assert_eq!(mul(a, b), a.wrapping_mul(b));
        Ok(())
    });
    let seconds = start.elapsed().as_secs_f64();
    if let Err(e) = result {
        eprintln!("proptest_mul: {e}");
        std::process::exit(1);
    }
    println!("proptest_mul cases={cases} seconds={seconds:.3} cases_per_s={:.0}", f64::from(cases) / seconds);
}

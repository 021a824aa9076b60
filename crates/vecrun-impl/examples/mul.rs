//! The smallest harness: `extern fn mul(a: u32, b: u32) -> u32;` as wrapping multiplication, row-wise.
//!
//! `cargo build --release -p vecrun-impl --example mul`, then `--impl mul=exec:target/release/examples/mul`.

fn main() {
    vecrun_impl::serve_map2(|a: u32, b: u32| a.wrapping_mul(b))
}

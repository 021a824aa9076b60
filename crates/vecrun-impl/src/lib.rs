//! Implementations of vecrun `extern fn`s in Rust: the Arrow IPC process protocol as a serve loop, typed row-wise harnesses, and the C ABI host.
//!
//! vecrun binds `extern fn NAME(p: T, ...) -> T;` to a process (`--impl NAME=exec:COMMAND`) that reads
//! request batches on stdin and answers each on stdout, both Arrow IPC streams (docs/implementations.md).
//! A harness is usually one line:
//!
//! ```no_run
//! // src/main.rs of a harness for `extern fn mul(a: u32, b: u32) -> u32;`
//! vecrun_impl::serve_map2(|a: u32, b: u32| a.wrapping_mul(b));
//! ```
//!
//! Arrays are `[T; N]` by value (`|ops: [u32; 16], amount: u32| -> [u32; 2]`). For column-at-a-time code,
//! [`serve`] takes a function of the whole request batch; [`read_lanes`] and [`build_column`] move between
//! columns and flat slices. [`serve_io`] is the same loop over any reader and writer.
//!
//! The `vecrun-lib-host PATH SYMBOL` binary serves a C-ABI library function ([`CAbiFunction`]) in a process.

mod cabi;
mod lanes;
mod serve;
mod signature;
#[cfg(test)]
mod testing;
mod typed;
mod types;

pub use cabi::{CAbiFunction, RawCAbiFn};
pub use lanes::{Lane, Value, build_column, conform_column, read_lanes};
pub use serve::{ServeError, serve, serve_io};
pub use signature::{META_FUNCTION, META_PROTOCOL, META_RESULT, PROTOCOL_VERSION, Param, RESULT_FIELD, Signature};
pub use typed::{map1, map2, map3, map4, map5, map6, serve_map1, serve_map2, serve_map3, serve_map4, serve_map5, serve_map6};
pub use types::{ScalarType, ValueType};

/// Re-exported so a harness uses the same arrow version without naming it.
pub use arrow_array;
/// Re-exported with [`arrow_array`].
pub use arrow_schema;

//! Exit codes of the `vecrun` command, documented in the README: part of the library so that
//! tests and tools compare against them without importing the command line.

pub const OK: i32 = 0;
pub const FAILED: i32 = 1;
pub const ERROR: i32 = 2;
pub const BUDGET: i32 = 3;
/// Stopped by SIGINT/SIGTERM after writing a checkpoint (128 + SIGINT, as shells report it).
pub const INTERRUPTED: i32 = 130;

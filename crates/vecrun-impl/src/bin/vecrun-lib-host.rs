//! `vecrun-lib-host PATH SYMBOL`: serves a C-ABI library function over the process protocol, so a library that may crash runs isolated.
//!
//! Use: `--impl f=exec:vecrun-lib-host ./libx.so f`. Parameter and result types come from each request's
//! schema and its `vecrun.result` metadata; each request batch is one call of the function. A non-zero
//! return code ends the process with status 1 (vecrun then treats the batch as crashed), and a fault in
//! the library kills only this process.

use std::ffi::OsString;
use std::path::Path;

use vecrun_impl::{CAbiFunction, Signature};

const USAGE: &str = "usage: vecrun-lib-host PATH SYMBOL\n\
    Serves SYMBOL of the shared library PATH (C ABI: int32_t SYMBOL(const void *const *args, void *result, uint64_t n))\n\
    over vecrun's Arrow process protocol on stdin/stdout. See docs/implementations.md.";

fn main() {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return;
    }
    let [path, symbol] = args.as_slice() else {
        eprintln!("{USAGE}");
        std::process::exit(2);
    };
    let Some(symbol) = symbol.to_str() else {
        eprintln!("vecrun-lib-host: the symbol name is not UTF-8");
        std::process::exit(2);
    };
    // A file in the current directory is loaded from there, not searched for on the library path.
    let local = Path::new(path);
    let path = if local.components().count() == 1 && local.is_file() { Path::new(".").join(local).into_os_string() } else { path.clone() };
    let function = match CAbiFunction::load(&path, symbol) {
        Ok(function) => function,
        Err(e) => {
            eprintln!("vecrun-lib-host: {e}");
            std::process::exit(1);
        }
    };
    vecrun_impl::serve(move |batch| {
        let signature = Signature::of_batch(batch)?;
        function.call(batch, &signature)
    })
}

//! `billing-impl [--fixed]`: serves `ledger(ops: [u32; 16], amount: u32) -> [u32; 2]` over vecrun's process protocol.
//!
//! `vecrun run bill.vspec --impl ledger=exec:target/release/billing-impl` runs the buggy ledger;
//! add `--fixed` for the corrected one.

use billing_impl::ledger;

fn main() {
    let mut fixed = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--fixed" => fixed = true,
            "--buggy" => fixed = false,
            _ => {
                eprintln!("usage: billing-impl [--fixed]   (serves ledger over stdin/stdout; see docs/implementations.md)");
                std::process::exit(2);
            }
        }
    }
    vecrun_impl::serve_map2(move |ops: [u32; 16], amount: u32| ledger(&ops, amount, fixed))
}

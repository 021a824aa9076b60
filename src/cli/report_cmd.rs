//! `vecrun report`: finds a run's counterexample table (its output directory,
//! `DIR/counterexamples/part-0.parquet`, or a layout 1 `counterexamples.parquet`) and its summary,
//! reads them, and prints what [`crate::run::analysis`] says about them (and writes its JUnit cases).

use std::path::PathBuf;

use clap::Args;

use super::exit;
use crate::fsio::printable;
use crate::output::junit;
use crate::output::parquet;
use crate::run::analysis::{junit_cases, render_report};

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// A run's (or merge's) output directory, or its counterexample file (`DIR/counterexamples/part-0.parquet`,
    /// or `DIR/counterexamples.parquet` as vecrun before schema version 4 wrote it).
    #[arg(value_name = "DIR|FILE.parquet")]
    pub file: PathBuf,
    /// The run's summary file (default: the one of the same output directory, `DIR/summary/part-0.parquet`
    /// or `DIR/summary.parquet`, when there is one).
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    /// Also write JUnit XML (one test case per property; failures carry the smallest shrunk vector).
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
}

/// Reads a counterexample file for a command. The parquet crate can panic on some damaged files;
/// the reader turns that into an error, and this keeps the panic message off the terminal (the
/// command is single-threaded here, so swapping the panic hook for the call is safe).
pub fn read_quietly<T>(read: impl FnOnce() -> T) -> T {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = read();
    std::panic::set_hook(previous);
    result
}

pub fn run(args: ReportArgs) -> i32 {
    let Some(file) = parquet::resolve_table(&args.file, parquet::Table::Counterexamples) else {
        errln!(
            "error: `{}` holds no counterexample table ({}/{} or {})",
            printable(&args.file.display().to_string()),
            parquet::Table::Counterexamples.folder(),
            parquet::PART_FILE,
            parquet::COUNTEREXAMPLES_FILE
        );
        return exit::ERROR;
    };
    let stored = match read_quietly(|| parquet::read_counterexamples(&file)) {
        Ok(r) => r,
        Err(e) => {
            errln!("error: {}", printable(&e.to_string()));
            return exit::ERROR;
        }
    };
    if let Some(w) = stored.checksum.warning(&file) {
        errln!("warning: {w}");
    }
    let summary_path = args
        .summary
        .clone()
        .or_else(|| parquet::find_table(&parquet::output_dir_of(&file, parquet::Table::Counterexamples), parquet::Table::Summary));
    let summary = match &summary_path {
        Some(p) => match read_quietly(|| parquet::read_summary(p)) {
            Ok(s) if s.manifest.run_id == stored.manifest.run_id => {
                if let Some(w) = s.checksum.warning(p) {
                    errln!("warning: {w}");
                }
                Some(s)
            }
            Ok(_) => {
                errln!("warning: `{}` belongs to another run; ignoring it", p.display());
                None
            }
            Err(e) if args.summary.is_some() => {
                errln!("error: {}", printable(&e.to_string()));
                return exit::ERROR;
            }
            Err(e) => {
                errln!("warning: {}", printable(&e.to_string()));
                None
            }
        },
        None => None,
    };
    out!("{}", render_report(&file, &stored, summary.as_ref()));
    if let Some(path) = &args.junit {
        let cases = junit_cases(&stored, summary.as_ref());
        if let Err(e) = junit::write_junit(path, &stored.manifest.spec_name, &cases) {
            errln!("error: cannot write `{}`: {e}", path.display());
            return exit::ERROR;
        }
    }
    exit::OK
}

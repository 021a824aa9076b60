//! The `vecrun` command-line entry point: parse flags, run, map the outcome to an exit code.

use clap::Parser;

fn main() {
    let cli = match vecrun::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { vecrun::cli::exit::ERROR } else { vecrun::cli::exit::OK };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    std::process::exit(vecrun::cli::run(cli));
}

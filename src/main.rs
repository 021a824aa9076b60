//! The `vecrun` command-line entry point: parse flags, run, map the outcome to an exit code.

use clap::Parser;

fn main() {
    private_runtime_dir();
    let cli = match vecrun::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { vecrun::cli::exit::ERROR } else { vecrun::cli::exit::OK };
            // A usage error under `--log-format json` is a JSON line too (help and version stay text).
            let args: Vec<String> = std::env::args().collect();
            let json = args.windows(2).any(|w| w[0] == "--log-format" && w[1] == "json") || args.iter().any(|a| a == "--log-format=json");
            if json && e.use_stderr() {
                vecrun::cli::out::set_json_stderr(true);
                vecrun::cli::out::stderr_fmt(format_args!("{}", e.render()));
            } else {
                let _ = e.print();
            }
            std::process::exit(code);
        }
    };
    std::process::exit(vecrun::cli::run(cli));
}

/// The Vulkan loader prints `XDG_RUNTIME_DIR is invalid` on stderr (around vecrun's own output,
/// even as JSON) when that variable is unset or not a directory: give it a private one.
#[cfg(unix)]
fn private_runtime_dir() {
    use std::os::unix::fs::{DirBuilderExt, MetadataExt};
    let valid = std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|d| std::path::Path::new(&d).is_dir());
    if valid {
        return;
    }
    let uid = std::fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("vecrun-runtime-{uid}"));
    if std::fs::DirBuilder::new().mode(0o700).create(&dir).is_ok() || dir.is_dir() {
        // SAFETY: called first thing in `main`, before any other thread exists, so nothing can
        // read the environment concurrently.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var("XDG_RUNTIME_DIR", &dir)
        };
    }
}

#[cfg(not(unix))]
fn private_runtime_dir() {}

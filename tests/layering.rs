//! Layering: the tests use the library as any other program would, never the command line's
//! internals (`vecrun`'s CLI module); what a test needs from a command lives in a library module.

use std::path::{Path, PathBuf};

/// Every Rust file under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).expect("read tests/").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_test_imports_the_cli() {
    // Spelled in two pieces so this file does not match itself.
    let forbidden = ["vecrun", "::cli"].concat();
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut files = Vec::new();
    rust_files(&tests, &mut files);
    assert!(files.len() > 10, "the test files were found: {files:?}");
    let mut hits = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("read a test file");
        // A grouped import (`use vecrun::{cli, ...}`) counts as well.
        let grouped = |line: &str| {
            line.trim_start().starts_with("use vecrun::{") && line.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|t| t == "cli")
        };
        for (n, line) in text.lines().enumerate() {
            if line.contains(&forbidden) || grouped(line) {
                hits.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(hits.is_empty(), "tests import the command line; move what they need into a library module:\n{}", hits.join("\n"));
}

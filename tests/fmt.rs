//! `vecrun fmt`: formatting every example spec is idempotent, keeps every comment and the spec hash; the CLI's
//! `--check`, `--write` and refusal of files with syntax errors.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use vecrun::diag::FileId;
use vecrun::fmt::{FormatError, format_text};
use vecrun::load::{MemoryFs, RealFs, load};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.vspec` under `datasets/specs/`, as paths relative to the package root.
fn example_specs() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).expect("readable dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "vspec") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("datasets/specs"), &mut out);
    out.sort();
    let out: Vec<PathBuf> = out.into_iter().map(|p| p.strip_prefix(root()).expect("under root").to_path_buf()).collect();
    assert!(out.len() >= 2, "expected example specs, found {out:?}");
    out
}

fn read(path: &Path) -> String {
    fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn comments(text: &str) -> Vec<String> {
    vecrun::syntax::lexer::lex(FileId(0), text).comments.into_iter().map(|c| c.text.trim().to_string()).collect()
}

#[test]
fn formatting_the_examples_is_idempotent_and_keeps_comments() {
    for path in example_specs() {
        let text = read(&path);
        let once = format_text(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let twice = format_text(&once).unwrap_or_else(|e| panic!("{} (formatted): {e}", path.display()));
        assert_eq!(once, twice, "{}: formatting is not idempotent", path.display());
        let before = comments(&text);
        assert_eq!(before, comments(&once), "{}: comments lost or reordered", path.display());
        // Not vacuous: the examples do carry comments, and each survives verbatim.
        for c in &before {
            assert!(once.contains(c.as_str()), "{}: comment `{c}` missing", path.display());
        }
        assert!(once.ends_with('\n') && !once.ends_with("\n\n"), "{}: one final newline", path.display());
        assert!(!once.lines().any(|l| l.ends_with(' ') || l.ends_with('\t')), "{}: trailing whitespace", path.display());
    }
    assert!(example_specs().iter().any(|p| !comments(&read(p)).is_empty()), "no example has comments to keep");
}

#[test]
fn formatting_the_examples_keeps_the_hash() {
    // Every example that checks on its own has the same hash when it and all its imports are formatted.
    let mut formatted = MemoryFs::new();
    let mut originals: HashMap<PathBuf, String> = HashMap::new();
    for path in example_specs() {
        let text = read(&path);
        formatted = formatted.with(path.to_str().expect("utf-8 path"), &format_text(&text).expect("formats"));
        originals.insert(path, text);
    }
    let mut checked = 0;
    for path in example_specs() {
        let abs = root().join(&path);
        let Ok(c) = vecrun::check::check(load(&abs, &RealFs).expect("readable")) else {
            // Import-only files (no `spec` header) are covered by the specs that import them.
            let ast = vecrun::syntax::parse(FileId(0), &originals[&path]).ast;
            let has_header = ast.items.iter().any(|i| matches!(i.kind, vecrun::syntax::ast::ItemKind::Spec(_)));
            assert!(!has_header, "{} does not check", path.display());
            continue;
        };
        let loaded = load(&path, &formatted).expect("in memory");
        let after = vecrun::check::check(loaded).unwrap_or_else(|_| panic!("{}: formatted spec does not check", path.display()));
        assert_eq!(c.spec.hash.hex(), after.spec.hash.hex(), "{}: formatting changed the hash", path.display());
        assert_eq!(c.spec.sources.len(), after.spec.sources.len(), "{}: same imports", path.display());
        checked += 1;
    }
    assert!(checked >= 1, "no example spec checked");
}

#[test]
fn formatting_canonicalises_layout() {
    let messy = "spec s{version=\"1\"}\n\n\n\ninput a:u32 in 1..=9;input b : [ u32 ; 4 ];\n// about p\nproperty p{let x=( a+1 )*2;if x>3{assert x>3,\"big\";}else{assume a<9;} // tail\n}";
    let out = format_text(messy).expect("formats");
    let expected = "spec s {\n  version = \"1\"\n}\n\ninput a: u32 in 1..=9;\ninput b: [u32; 4];\n\n// about p\nproperty p {\n  let x = (a + 1) * 2;\n  if x > 3 {\n    assert x > 3, \"big\";\n  } else {\n    assume a < 9;\n  } // tail\n}\n";
    assert_eq!(out, expected);
    // Literals keep their spelling: the formatter does not rewrite `0x3E8` or `1_000`.
    let lits = "spec s {\n}\n\nconst A: u32 = 0x3E8;\nconst B: u32 = 1_000;\n";
    assert_eq!(format_text(lits).expect("formats"), lits);
}

#[test]
fn formatting_refuses_syntax_errors() {
    match format_text("spec s {}\nproperty p { assert 1 < 2 < 3; }\n") {
        Err(FormatError::Syntax(d)) => assert!(d.iter().any(|d| d.code == "E0017"), "{d:?}"),
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

// ------------------------------------------------------------------------------------------------------ CLI

fn vecrun(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vecrun")).args(args).current_dir(dir).env("NO_COLOR", "1").output().expect("run vecrun")
}

const UNFORMATTED: &str =
    "spec s { version = \"1\" }\ninput a : u32 in 1..=9 ;\n\n\nproperty p {   assert a>0 , \"positive\" ;   // why\n}\n";

#[test]
fn cli_check_write_and_print() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("s.vspec");
    fs::write(&file, UNFORMATTED).expect("write");
    let canonical = format_text(UNFORMATTED).expect("formats");
    assert_ne!(canonical, UNFORMATTED);

    // --check on an unformatted file: exit 1, says which file, leaves it alone, prints nothing on stdout.
    let out = vecrun(&["fmt", "--check", "s.vspec"], dir.path());
    assert_eq!(out.status.code(), Some(1), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("s.vspec"));
    assert!(out.stdout.is_empty());
    assert_eq!(fs::read_to_string(&file).expect("read"), UNFORMATTED);

    // Plain `fmt` prints the canonical text and does not touch the file.
    let out = vecrun(&["fmt", "s.vspec"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), canonical);
    assert_eq!(fs::read_to_string(&file).expect("read"), UNFORMATTED);

    // --write rewrites it in place.
    let out = vecrun(&["fmt", "--write", "s.vspec"], dir.path());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(fs::read_to_string(&file).expect("read"), canonical);
    assert!(canonical.contains("// why"), "the comment survives the rewrite");

    // Now --check passes, and --write again changes nothing.
    let out = vecrun(&["fmt", "--check", "s.vspec"], dir.path());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty() && out.stdout.is_empty());
    assert_eq!(vecrun(&["fmt", "--write", "s.vspec"], dir.path()).status.code(), Some(0));
    assert_eq!(fs::read_to_string(&file).expect("read"), canonical);
    let leftovers: Vec<_> = fs::read_dir(dir.path()).expect("dir").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left behind: {leftovers:?}");
}

#[test]
fn cli_check_reports_every_unformatted_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("a.vspec"), UNFORMATTED).expect("write");
    fs::write(dir.path().join("b.vspec"), format_text(UNFORMATTED).expect("formats")).expect("write");
    let out = vecrun(&["fmt", "--check", "a.vspec", "b.vspec"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("a.vspec") && !stderr.contains("b.vspec"), "{stderr}");
}

#[test]
fn cli_refuses_files_with_syntax_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = "spec s { version = \"1\" }\ninput a: u32 in 1..=9\nproperty p {   assert a>0 ;}\n";
    let file = dir.path().join("broken.vspec");
    fs::write(&file, broken).expect("write");
    for args in [&["fmt", "--write", "broken.vspec"][..], &["fmt", "--check", "broken.vspec"], &["fmt", "broken.vspec"]] {
        let out = vecrun(args, dir.path());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}: printed a partial format");
        assert!(stderr.contains("error[E0011]"), "{args:?}: {stderr}");
        assert!(stderr.contains(" --> broken.vspec:2:22"), "{args:?}: the missing `;` is located: {stderr}");
        assert_eq!(fs::read_to_string(&file).expect("read"), broken, "{args:?}: file modified");
    }
}

#[test]
fn cli_missing_file_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = vecrun(&["fmt", "--check", "nope.vspec"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.vspec"));
}

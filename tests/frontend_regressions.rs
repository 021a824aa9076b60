//! Regression tests for the front-end hardening issue ("never a wrong verdict, never a panic, never
//! a surprise on disk"): each test is named after the bug it pins.

use std::path::{Path, PathBuf};
use std::process::Command;

use vecrun::CompileError;
use vecrun::diag::{Color, Diagnostic, Severity, render};
use vecrun::load::{LoadOptions, MemoryFs, load, load_text, normalize};

const HEADER: &str = "spec s {\n  version = \"0.1.0\"\n}\n\ninput amount: u32 in 1..=100;\n";

/// Loads and checks `root` from memory; returns the diagnostics (errors and warnings), or the hash.
fn check_memory(fs: &MemoryFs, root: &str) -> Result<String, Vec<Diagnostic>> {
    let loaded = load(Path::new(root), fs).expect("root in memory");
    match vecrun::check::check(loaded) {
        Ok(c) => Ok(c.spec.hash.hex()),
        Err(d) => Err(d),
    }
}

fn check_text(text: &str) -> Result<String, Vec<Diagnostic>> {
    check_memory(&MemoryFs::new().with("t.vspec", text), "t.vspec")
}

fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().filter(|d| d.is_error()).map(|d| d.code).collect()
}

/// Every diagnostic carries a primary location inside its file.
fn assert_located(diags: &[Diagnostic]) {
    for d in diags {
        assert!(d.labels.iter().any(|l| l.primary), "`{}` ({}) has no primary span", d.message, d.code);
    }
}

fn expect_error(text: &str, code: &str) -> Vec<Diagnostic> {
    match check_text(text) {
        Ok(_) => panic!("expected {code}, the spec checked"),
        Err(d) => {
            assert_located(&d);
            assert!(codes(&d).contains(&code), "expected {code}, got {:?}", d.iter().map(|d| (d.code, &d.message)).collect::<Vec<_>>());
            d
        }
    }
}

fn expect_ok(text: &str) -> String {
    let fs = MemoryFs::new().with("t.vspec", text);
    let loaded = load(Path::new("t.vspec"), &fs).expect("root in memory");
    let sources = loaded.sources.clone();
    match vecrun::check::check(loaded) {
        Ok(c) => c.spec.hash.hex(),
        Err(d) => panic!("expected the spec to check:\n{}", render(&sources, &d, Color::Never)),
    }
}

/// A fresh directory with a `vecrun.toml`, so it is a project directory of its own.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("vecrun.toml"), "").expect("write vecrun.toml");
    dir
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}

fn compile_errors(path: &Path, options: &LoadOptions) -> Vec<Diagnostic> {
    match vecrun::compile_spec_with(path, options) {
        Ok(_) => panic!("{} checked; expected errors", path.display()),
        Err(CompileError::Spec { diagnostics, .. }) => {
            assert_located(&diagnostics);
            diagnostics
        }
        Err(CompileError::Load(e)) => panic!("{}: {e}", path.display()),
    }
}

// ------------------------------------------------------------------------------------------ item 1

/// `fb` calls `g`, `fd` calls `g`, and which file each `g` comes from is all that differs.
fn swapped_g_files(b_imports: &str, d_imports: &str) -> MemoryFs {
    let root = format!("{HEADER}import \"lib/b.vspec\";\nimport \"lib/d.vspec\";\nproperty p {{\n  assert fb(amount) < fd(amount);\n}}\n");
    MemoryFs::new()
        .with("spec.vspec", &root)
        .with("lib/b.vspec", &format!("import \"{b_imports}\";\nfn fb(x: u32) -> u32 {{ return g(x); }}\n"))
        .with("lib/d.vspec", &format!("import \"{d_imports}\";\nfn fd(x: u32) -> u32 {{ return g(x); }}\n"))
        .with("lib/c1.vspec", "fn g(x: u32) -> u32 { return x + 1; }\n")
        .with("lib/c2.vspec", "fn g(x: u32) -> u32 { return x + 2; }\n")
        .with("lib/c3.vspec", "fn other_name(y: u32) -> u32 { return y + 1; }\nfn g(x: u32) -> u32 { return other_name(x); }\n")
}

#[test]
fn specs_whose_calls_resolve_to_different_functions_share_a_spec_hash() {
    let a = check_memory(&swapped_g_files("c1.vspec", "c2.vspec"), "spec.vspec").expect("checks");
    let b = check_memory(&swapped_g_files("c2.vspec", "c1.vspec"), "spec.vspec").expect("checks");
    assert_ne!(a, b, "`fb` and `fd` call different `g`s: the meaning differs");
    let same = check_memory(&swapped_g_files("c1.vspec", "c2.vspec"), "spec.vspec").expect("checks");
    assert_eq!(a, same, "the hash is deterministic");
    // Names and locations do not matter, meaning does: `g` from c3 means `x + 1` through another function.
    let via_c3 = check_memory(&swapped_g_files("c3.vspec", "c2.vspec"), "spec.vspec").expect("checks");
    let c1_through_helper = {
        let fs = swapped_g_files("c1.vspec", "c2.vspec")
            .with("lib/c1.vspec", "fn helper(z: u32) -> u32 { return z + 1; }\nfn g(x: u32) -> u32 { return helper(x); }\n");
        check_memory(&fs, "spec.vspec").expect("checks")
    };
    assert_eq!(via_c3, c1_through_helper, "renaming a function or moving it to another file changes nothing");
    assert_ne!(a, via_c3, "an extra call level is a different function body");
}

#[test]
fn the_callee_of_a_call_is_part_of_the_hash_one_level_down() {
    // Two levels: `top` -> `mid` -> `leaf`; only the deepest body differs.
    let spec = |leaf: &str| {
        format!(
            "{HEADER}fn leaf(x: u32) -> u32 {{ return {leaf}; }}\nfn mid(x: u32) -> u32 {{ return leaf(x); }}\n\
             fn top(x: u32) -> u32 {{ return mid(x); }}\nproperty p {{ assert top(amount) > 0; }}\n"
        )
    };
    assert_ne!(expect_ok(&spec("x + 1")), expect_ok(&spec("x + 2")));
    assert_eq!(expect_ok(&spec("x + 1")), expect_ok(&spec("x+1")));
}

// ------------------------------------------------------------------------------------------ item 2

#[test]
fn normalize_keeps_leading_parent_components() {
    assert_eq!(normalize(Path::new("../../shared.vspec")), PathBuf::from("../../shared.vspec"));
    assert_eq!(normalize(Path::new("./../../shared.vspec")), PathBuf::from("../../shared.vspec"));
    assert_eq!(normalize(Path::new("a/../../b")), PathBuf::from("../b"));
    assert_eq!(normalize(Path::new("a/b/../../../c")), PathBuf::from("../c"));
    assert_eq!(normalize(Path::new("../a/../b")), PathBuf::from("../b"));
    assert_eq!(normalize(Path::new("/../etc")), PathBuf::from("/etc"));
    assert_eq!(normalize(Path::new("a/./b/../c")), PathBuf::from("a/c"));
}

#[test]
fn memory_imports_with_leading_parent_dirs_resolve_relative_to_the_importing_file() {
    // In memory (stored sources) there is no confinement, and `..` above the root's folder is kept.
    let fs = MemoryFs::new()
        .with("../shared.vspec", "fn twice(x: u32) -> u32 { return x * 2; }\n")
        .with("shared.vspec", "fn twice(x: u32) -> u32 { return x * 3; }\n");
    let root = format!("{HEADER}import \"../../shared.vspec\";\nproperty p {{ assert twice(amount) > 0; }}\n");
    let loaded = load_text(Path::new("specs/x.vspec"), root, &fs);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.sources.get(loaded.files[1].id).text, "fn twice(x: u32) -> u32 { return x * 2; }\n");
}

fn binary_hash(cwd: &Path, spec: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_vecrun")).args(["check", spec]).current_dir(cwd).env("NO_COLOR", "1").output().expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "`vecrun check {spec}` in {}:\n{stdout}{}", cwd.display(), String::from_utf8_lossy(&out.stderr));
    stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("hash"))
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|| panic!("no hash line:\n{stdout}"))
}

#[test]
fn an_import_resolves_to_a_different_file_depending_on_the_working_directory() {
    let dir = project();
    let top = dir.path();
    write(&top.join("shared.vspec"), "fn twice(x: u32) -> u32 { return x * 2; }\n");
    // A decoy where a dropped `..` would land, relative to each working directory.
    write(&top.join("a/specs/shared.vspec"), "fn twice(x: u32) -> u32 { return x * 5; }\n");
    write(&top.join("a/shared.vspec"), "fn twice(x: u32) -> u32 { return x * 7; }\n");
    write(&top.join("a/specs/x.vspec"), &format!("{HEADER}import \"../../shared.vspec\";\nproperty p {{ assert twice(amount) > 0; }}\n"));
    let from_own_folder = binary_hash(&top.join("a/specs"), "x.vspec");
    let from_parent = binary_hash(&top.join("a"), "specs/x.vspec");
    let from_top = binary_hash(top, "a/specs/x.vspec");
    let absolute = binary_hash(Path::new("/"), top.join("a/specs/x.vspec").to_str().expect("utf-8 temp path"));
    assert_eq!(from_own_folder, from_parent);
    assert_eq!(from_own_folder, from_top);
    assert_eq!(from_own_folder, absolute);
    // And it is the hash of the right file: the same spec with `shared.vspec` next to it, in memory.
    let expected = check_memory(
        &MemoryFs::new()
            .with("x.vspec", &format!("{HEADER}import \"shared.vspec\";\nproperty p {{ assert twice(amount) > 0; }}\n"))
            .with("shared.vspec", "fn twice(x: u32) -> u32 { return x * 2; }\n"),
        "x.vspec",
    )
    .expect("checks");
    assert_eq!(from_own_folder, expected);
}

#[cfg(unix)]
#[test]
fn imports_resolve_relative_to_the_real_folder_of_a_symlinked_spec() {
    let dir = project();
    let top = dir.path();
    write(&top.join("real/shared.vspec"), "fn twice(x: u32) -> u32 { return x * 2; }\n");
    write(&top.join("real/x.vspec"), &format!("{HEADER}import \"shared.vspec\";\nproperty p {{ assert twice(amount) > 0; }}\n"));
    std::fs::create_dir_all(top.join("links")).expect("mkdir");
    std::os::unix::fs::symlink(top.join("real/x.vspec"), top.join("links/x.vspec")).expect("symlink");
    assert_eq!(binary_hash(top, "links/x.vspec"), binary_hash(top, "real/x.vspec"));
}

// ------------------------------------------------------------------------------------------ item 3

#[test]
fn import_outside_the_project_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let proj = dir.path().join("proj");
    write(&proj.join("vecrun.toml"), "");
    write(&dir.path().join("outside.vspec"), "fn twice(x: u32) -> u32 { return x * 2; }\n");
    let spec = proj.join("specs/x.vspec");
    write(&spec, &format!("{HEADER}import \"../../outside.vspec\";\nproperty p {{ assert twice(amount) > 0; }}\n"));
    let diags = compile_errors(&spec, &LoadOptions::default());
    let d = diags.iter().find(|d| d.code == "E0203").unwrap_or_else(|| panic!("no E0203: {diags:?}"));
    let text = format!("{} {:?} {:?}", d.message, d.labels, d.notes);
    let real_outside = std::fs::canonicalize(dir.path().join("outside.vspec")).expect("canonical");
    let real_proj = std::fs::canonicalize(&proj).expect("canonical");
    assert!(text.contains(&real_outside.display().to_string()), "names the resolved path: {text}");
    assert!(text.contains(&real_proj.display().to_string()), "names the project directory: {text}");
    assert!(text.contains("--allow-imports-outside-project"), "says how to allow it: {text}");
    // Allowed explicitly, the same spec checks.
    vecrun::compile_spec_with(&spec, &LoadOptions { allow_outside_project: true }).unwrap_or_else(|_| panic!("allowed import"));
}

#[test]
fn absolute_import_of_a_system_file_is_refused_and_not_echoed() {
    let dir = project();
    let spec = dir.path().join("x.vspec");
    write(&spec, &format!("{HEADER}import \"/etc/passwd\";\nproperty p {{ assert amount > 0; }}\n"));
    let err = vecrun::compile_spec(&spec).err().expect("refused");
    let CompileError::Spec { sources, diagnostics } = err else { panic!("a spec error") };
    assert_eq!(sources.len(), 1, "the file outside was never loaded");
    assert_eq!(codes(&diagnostics), ["E0203"]);
    assert!(!render(&sources, &diagnostics, Color::Never).contains("root:"), "nothing of the file is echoed");
}

#[cfg(unix)]
#[test]
fn a_symlink_inside_the_project_to_a_file_outside_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let proj = dir.path().join("proj");
    write(&proj.join("vecrun.toml"), "");
    write(&dir.path().join("outside.vspec"), "fn twice(x: u32) -> u32 { return x * 2; }\n");
    std::os::unix::fs::symlink(dir.path().join("outside.vspec"), proj.join("link.vspec")).expect("symlink");
    let spec = proj.join("x.vspec");
    write(&spec, &format!("{HEADER}import \"link.vspec\";\nproperty p {{ assert twice(amount) > 0; }}\n"));
    assert!(codes(&compile_errors(&spec, &LoadOptions::default())).contains(&"E0203"));
}

#[test]
fn the_project_directory_is_the_nearest_folder_with_a_marker() {
    let dir = tempfile::tempdir().expect("temp dir");
    // No marker anywhere below the temp dir: the root spec's own folder is the project.
    write(&dir.path().join("lib/twice.vspec"), "fn twice(x: u32) -> u32 { return x * 2; }\n");
    let spec = dir.path().join("specs/x.vspec");
    write(&spec, &format!("{HEADER}import \"../lib/twice.vspec\";\nproperty p {{ assert twice(amount) > 0; }}\n"));
    let outside_temp_marker = !dir.path().ancestors().any(|a| a.join(".git").exists() || a.join("vecrun.toml").is_file());
    if outside_temp_marker {
        assert!(codes(&compile_errors(&spec, &LoadOptions::default())).contains(&"E0203"));
    }
    // A `.git` entry one level up makes the whole tree one project.
    std::fs::create_dir_all(dir.path().join(".git")).expect("mkdir .git");
    assert!(vecrun::compile_spec(&spec).is_ok(), "`..` within the project is fine");
}

#[test]
fn the_dataset_specs_still_compile_with_confined_imports() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for spec in ["datasets/specs/billing_failover.vspec", "datasets/specs/gallery/fixed_point_money.vspec"] {
        let path = root.join(spec);
        if path.exists() {
            assert!(vecrun::compile_spec(&path).is_ok(), "{spec} compiles");
        }
    }
}

// ------------------------------------------------------------------------------------------ item 4

#[cfg(unix)]
#[test]
fn spec_files_that_are_devices_fifos_or_too_large_are_read_without_limit() {
    // The root: a clear load error, at once.
    let Err(CompileError::Load(e)) = vecrun::compile_spec(Path::new("/dev/zero")) else { panic!("/dev/zero is refused") };
    assert!(e.to_string().contains("not a regular file"), "{e}");
    let dir = project();
    let fifo = dir.path().join("pipe.vspec");
    let made = Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    if made {
        let Err(CompileError::Load(e)) = vecrun::compile_spec(&fifo) else { panic!("a FIFO is refused") };
        assert!(e.to_string().contains("FIFO"), "{e}");
    }
    let big = dir.path().join("big.vspec");
    std::fs::File::create(&big).and_then(|f| f.set_len(vecrun::fsio::MAX_SPEC_BYTES + 1)).expect("sparse file");
    let Err(CompileError::Load(e)) = vecrun::compile_spec(&big) else { panic!("a huge file is refused") };
    assert!(e.to_string().contains("larger than"), "{e}");

    // An import: a diagnostic at the import.
    let mut imports = vec!["big.vspec"];
    if made {
        imports.push("pipe.vspec");
    }
    for target in imports {
        let spec = dir.path().join("x.vspec");
        write(&spec, &format!("{HEADER}import \"{target}\";\nproperty p {{ assert amount > 0; }}\n"));
        assert_eq!(codes(&compile_errors(&spec, &LoadOptions::default())), ["E0202"], "{target}");
    }
    let spec = dir.path().join("x.vspec");
    write(&spec, &format!("{HEADER}import \"/dev/zero\";\nproperty p {{ assert amount > 0; }}\n"));
    assert_eq!(codes(&compile_errors(&spec, &LoadOptions::default())), ["E0203"]);
    let diags = compile_errors(&spec, &LoadOptions { allow_outside_project: true });
    assert_eq!(codes(&diags), ["E0202"]);
    assert!(diags[0].labels[0].message.contains("not a regular file"), "{:?}", diags[0]);
}

// ------------------------------------------------------------------------------------------ item 5

#[test]
fn checking_forty_thousand_properties_is_quadratic() {
    let mut text = String::from(HEADER);
    for i in 0..40_000 {
        text.push_str(&format!("property p{i} {{\n  assert amount > {};\n}}\n", i % 50));
    }
    expect_ok(&text);
}

#[test]
fn checking_forty_thousand_asserts_and_lets_is_quadratic() {
    let mut asserts = format!("{HEADER}property p {{\n");
    let mut lets = format!("{HEADER}property p {{\n  let v0 = amount;\n");
    for i in 0..40_000 {
        asserts.push_str(&format!("  assert amount > {}, \"a{i}\";\n", i % 50));
        lets.push_str(&format!("  let v{} = v{i} + amount;\n", i + 1));
    }
    asserts.push_str("}\n");
    lets.push_str("  assert v40000 > 0;\n}\n");
    expect_ok(&asserts);
    expect_ok(&lets);
}

#[test]
fn line_and_column_are_right_after_many_lines() {
    let mut sources = vecrun::diag::SourceMap::new();
    let id = sources.add("t.vspec", "ab\ncd\n\néf\nx");
    assert_eq!(sources.line_col(id, 0), (1, 1));
    assert_eq!(sources.line_col(id, 2), (1, 3));
    assert_eq!(sources.line_col(id, 3), (2, 1));
    assert_eq!(sources.line_col(id, 6), (3, 1));
    assert_eq!(sources.line_col(id, 10), (4, 3), "columns count characters");
    assert_eq!(sources.line_col(id, 11), (5, 1));
    assert_eq!(sources.line_col(id, 1000), (5, 2), "past the end clamps");
}

// ------------------------------------------------------------------------------------------ item 6

#[test]
fn forty_thousand_stray_semicolons_produce_one_error_each() {
    let text = format!("{HEADER}{}\nproperty p {{ assert amount > 0; }}\n", ";".repeat(40_000));
    let loaded = load_text(Path::new("t.vspec"), text, &MemoryFs::new());
    assert_located(&loaded.diagnostics);
    assert_eq!(codes(&loaded.diagnostics), ["E0014"], "one error for the run");
    // The property after the run still parses.
    assert_eq!(loaded.files[0].ast.items.len(), 3);
}

#[test]
fn a_flood_of_errors_is_capped_with_a_note() {
    let body = "let = ;\n".repeat(40_000);
    let text = format!("{HEADER}property p {{\n{body}}}\n");
    let loaded = load_text(Path::new("t.vspec"), text, &MemoryFs::new());
    let diags = &loaded.diagnostics;
    assert_located(diags);
    assert_eq!(diags.iter().filter(|d| d.is_error()).count(), vecrun::diag::MAX_ERRORS);
    let last = diags.last().expect("diagnostics");
    assert_eq!(last.severity, Severity::Note);
    assert_eq!(last.message, format!("{} more errors not shown", 40_000 - vecrun::diag::MAX_ERRORS));
    let rendered = render(&loaded.sources, diags, Color::Never);
    assert!(rendered.len() < 100_000, "rendered {} bytes", rendered.len());
    assert!(rendered.contains("note: 39900 more errors not shown\n"), "{}", &rendered[rendered.len().saturating_sub(600)..]);
    assert_eq!(vecrun::diag::error_count(diags), 40_000, "the summary line can still say how many");

    // Unknown characters too (lexer errors), and through `check` as well.
    let text = format!("{HEADER}{}\n", "@ ".repeat(40_000));
    let loaded = load_text(Path::new("t.vspec"), text, &MemoryFs::new());
    assert!(loaded.diagnostics.len() <= vecrun::diag::MAX_ERRORS + 1);
    let diags = vecrun::check::check(loaded).err().expect("errors");
    assert_located(&diags);
    assert_eq!(diags.last().map(|d| d.message.as_str()), Some("39900 more errors not shown"));
}

#[test]
fn many_type_errors_are_capped_too() {
    let mut text = format!("{HEADER}property p {{\n");
    for i in 0..5_000 {
        text.push_str(&format!("  assert amount + {i}.5 > 0;\n"));
    }
    text.push_str("}\n");
    let diags = check_text(&text).err().expect("errors");
    assert_located(&diags);
    assert!(diags.iter().filter(|d| d.is_error()).count() <= vecrun::diag::MAX_ERRORS);
}

// ------------------------------------------------------------------------------------------ item 7

fn doubling_calls(depth: usize) -> String {
    // `step` rather than `f`: `f32` is a type name.
    let mut text = format!("{HEADER}fn step0(x: u32) -> u32 {{ return x + 1; }}\n");
    for i in 1..=depth {
        text.push_str(&format!("fn step{i}(x: u32) -> u32 {{ return step{}(x) + step{}(x); }}\n", i - 1, i - 1));
    }
    text.push_str(&format!("property p {{ assert step{depth}(amount) > 0; }}\n"));
    text
}

#[test]
fn exponential_inlining_is_accepted_by_check() {
    for depth in [20, 30, 200] {
        let diags = expect_error(&doubling_calls(depth), "E0145");
        let d = diags.iter().find(|d| d.code == "E0145").expect("E0145");
        let notes = d.notes.join(" ");
        assert!(notes.contains("1000000"), "states the limit: {notes}");
    }
    // Modest doubling stays fine, and so does calling a large function from several properties once each.
    expect_ok(&doubling_calls(10));
}

#[test]
fn nested_loops_with_two_to_the_forty_iterations_are_accepted() {
    let deep = format!(
        "{HEADER}property p {{\n  var s: u32 = 0;\n  for i in 0..1048576 {{\n    for j in 0..1048576 {{\n      s += 1;\n    }}\n  }}\n  assert s >= 0;\n}}\n"
    );
    let diags = expect_error(&deep, "E0162");
    let d = diags.iter().find(|d| d.code == "E0162").expect("E0162");
    assert!(d.notes.join(" ").contains("4294967296"), "states the limit: {:?}", d.notes);
    // Through a function: the loop inside the function is blamed.
    let via_fn = format!(
        "{HEADER}fn spin(x: u32) -> u32 {{\n  var s: u32 = x;\n  for i in 0..1048576 {{\n    for j in 0..1048576 {{\n      s += 1;\n    }}\n  }}\n  return s;\n}}\nproperty p {{ assert spin(amount) >= 0; }}\n"
    );
    expect_error(&via_fn, "E0162");
    // One long loop is fine.
    expect_ok(&format!("{HEADER}property p {{\n  var s: u32 = 0;\n  for k in 0..1048576 {{ s += 1; }}\n  assert s > 0;\n}}\n"));
    expect_ok(&format!(
        "{HEADER}property p {{\n  var s: u32 = 0;\n  for i in 0..1024 {{\n    for j in 0..1024 {{ s += 1; }}\n  }}\n  assert s > 0;\n}}\n"
    ));
}

// ------------------------------------------------------------------------------------------ item 8

#[test]
fn a_sixty_five_thousand_character_identifier_is_accepted() {
    let ok = "a".repeat(vecrun::syntax::lexer::MAX_IDENT_LEN);
    expect_ok(&format!("spec s {{}}\ninput {ok}: u32;\nproperty p {{ assert {ok} >= 0; }}\n"));
    for len in [vecrun::syntax::lexer::MAX_IDENT_LEN + 1, 65_536] {
        let long = "b".repeat(len);
        let diags = expect_error(&format!("spec s {{}}\ninput {long}: u32;\nproperty p {{ assert {long} >= 0; }}\n"), "E0006");
        assert!(diags.iter().any(|d| d.message.contains(&len.to_string())));
    }
}

#[test]
fn assert_message_over_the_limit_is_an_error() {
    let max = vecrun::check::MAX_MESSAGE_BYTES;
    expect_ok(&format!("{HEADER}property p {{ assert amount > 0, \"{}\"; }}\n", "m".repeat(max)));
    for kind in ["assert", "assume", "cover"] {
        let text = format!("{HEADER}property p {{ {kind} amount > 0, \"{}\"; assert true; }}\n", "m".repeat(max + 1));
        expect_error(&text, "E0174");
    }
    expect_error(&format!("{HEADER}property p {{ assert amount > 0, \"{}\"; }}\n", "m".repeat(2_500_000)), "E0174");
}

#[test]
fn set_domain_over_the_limit_is_an_error() {
    let max = vecrun::check::MAX_SET_VALUES;
    let set = |n: usize| (0..n).map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
    expect_ok(&format!("spec s {{}}\ninput x: u32 in {{{}}};\nproperty p {{ assert x >= 0; }}\n", set(max)));
    let diags = expect_error(&format!("spec s {{}}\ninput x: u32 in {{{}}};\nproperty p {{ assert x >= 0; }}\n", set(100_000)), "E0134");
    assert!(diags[0].message.contains("100000"), "{}", diags[0].message);
}

#[test]
fn a_forty_thousand_deep_call_chain_overflows_the_stack_when_lowered() {
    let chain = |n: usize| {
        let mut text = format!("{HEADER}fn link0(x: u32) -> u32 {{ return x; }}\n");
        for i in 1..n {
            text.push_str(&format!("fn link{i}(x: u32) -> u32 {{ return link{}(x) + 1; }}\n", i - 1));
        }
        text.push_str(&format!("property p {{ assert link{}(amount) > 0; }}\n", n - 1));
        text
    };
    let max = vecrun::check::MAX_CALL_DEPTH as usize;
    // At the limit it checks and lowers (in a test thread's small stack).
    let fs = MemoryFs::new().with("t.vspec", &chain(max));
    let checked = vecrun::check::check(load(Path::new("t.vspec"), &fs).expect("in memory")).expect("a chain at the limit checks");
    assert_eq!(vecrun::ir::lower(&checked.spec).properties.len(), 1);
    for n in [max + 1, 40_000] {
        let diags = expect_error(&chain(n), "E0146");
        assert!(diags[0].message.contains(&format!("{n} deep")), "{}", diags[0].message);
    }
}

#[test]
fn deep_expressions_along_a_long_call_chain_do_not_overflow_the_checker() {
    // 255 functions, each calling the next twice under 90 levels of `~(...)`: the search for the
    // call to blame (E0145) walks down the whole chain, in a test thread's 2 MiB stack.
    let mut text = format!("{HEADER}fn link0(x: u32) -> u32 {{ return x; }}\n");
    for i in 1..256 {
        let (open, close) = ("~(".repeat(90), ")".repeat(90));
        text.push_str(&format!("fn link{i}(x: u32) -> u32 {{ return {open}link{p}(x) + link{p}(x){close}; }}\n", p = i - 1));
    }
    text.push_str("property p { assert link255(amount) > 0; }\n");
    expect_error(&text, "E0145");
    // The same with the calls under 60 nested `if`s in each function.
    let mut text = format!("{HEADER}fn link0(x: u32) -> u32 {{ return x; }}\n");
    for i in 1..256 {
        let (open, close) = ("if x > 1 {\n".repeat(60), "}\n".repeat(60));
        text.push_str(&format!("fn link{i}(x: u32) -> u32 {{\n{open}return link{p}(x) + link{p}(x);\n{close}return x;\n}}\n", p = i - 1));
    }
    text.push_str("property p { assert link255(amount) > 0; }\n");
    expect_error(&text, "E0145");
}

#[test]
fn header_value_over_the_limit_is_an_error() {
    let max = vecrun::check::MAX_MESSAGE_BYTES;
    let body = "property p { assert amount > 0; }\n";
    expect_ok(&format!("spec s {{ owner = \"{}\" }}\ninput amount: u32;\n{body}", "o".repeat(max)));
    for field in ["version = \"X\"", "owner = \"X\"", "tags = [\"a\", \"X\"]"] {
        let field = field.replace('X', &"o".repeat(max + 1));
        expect_error(&format!("spec s {{ {field} }}\ninput amount: u32;\n{body}"), "E0126");
    }
}

#[test]
fn every_diagnostic_repeats_a_huge_source_line_in_full() {
    // 100 errors on one 2 MB line used to render 100 copies of the line.
    let text = format!("{HEADER}{}\n", "@ ".repeat(1_000_000));
    let loaded = load_text(Path::new("t.vspec"), text, &MemoryFs::new());
    let rendered = render(&loaded.sources, &loaded.diagnostics, Color::Never);
    assert!(rendered.len() < 60_000, "rendered {} bytes", rendered.len());
    // Locations stay exact: the 100th `@` is at column 199 of line 6, the first one not shown at 201.
    assert!(rendered.contains(" --> t.vspec:6:199\n"), "{}", &rendered[..2000.min(rendered.len())]);
    assert!(rendered.contains(" --> t.vspec:6:201\n"), "{}", &rendered[rendered.len().saturating_sub(800)..]);
    assert!(rendered.lines().filter(|l| l.contains('^')).count() >= 100, "every diagnostic keeps its caret");

    // A label far into a long line: the window around it is shown, with the caret under it.
    let text = format!("{HEADER}property p {{ assert amount > 0{}; let x = 1 + true; }}\n", " + 1".repeat(150));
    let fs = MemoryFs::new().with("t.vspec", &text);
    let loaded = load(Path::new("t.vspec"), &fs).expect("in memory");
    let sources = loaded.sources.clone();
    let diags = vecrun::check::check(loaded).err().expect("a type error");
    let rendered = render(&sources, &diags, Color::Never);
    let col = text.lines().nth(5).and_then(|l| l.find("true")).expect("line 6") + 1;
    assert!(rendered.contains(&format!(" --> t.vspec:6:{col}\n")), "{rendered}");
    let source_line = rendered.lines().find(|l| l.starts_with("6 |")).expect("source line");
    let caret_line = rendered.lines().find(|l| l.contains('^')).expect("caret line");
    assert!(source_line.len() < 400, "{source_line}");
    let caret_at = caret_line.find('^').expect("caret");
    assert_eq!(source_line.get(caret_at..caret_at + 4), Some("true"), "{source_line}\n{caret_line}");
}

#[test]
fn many_unknown_names_among_many_consts_take_minutes() {
    // Each unknown name looked for a similar spelling among every name in scope: 20,000 x 20,000
    // edit distances (284 s). Errors past the cap are only counted, without the search.
    let mut text = String::from(HEADER);
    for i in 0..20_000 {
        text.push_str(&format!("const C{i}: u32 = {i};\n"));
    }
    text.push_str("property p {\n");
    for i in 0..20_000 {
        text.push_str(&format!("  assert amount > D{i}x;\n"));
    }
    text.push_str("}\n");
    let diags = expect_error(&text, "E0181");
    assert_eq!(vecrun::diag::error_count(&diags), 20_000);
}

#[test]
fn a_chain_of_forty_thousand_constants_declared_in_reverse_overflows_the_stack() {
    let mut text = String::from(HEADER);
    for i in (1..40_000).rev() {
        text.push_str(&format!("const C{i}: u32 = C{} + 1;\n", i - 1));
    }
    text.push_str("const C0: u32 = 0;\nproperty p { assert amount + C39999 > 0; }\n");
    expect_ok(&text);
    // Cycles are still reported, once, where they close.
    let diags =
        expect_error(&format!("{HEADER}const A: u32 = B + 1;\nconst B: u32 = A + 1;\nproperty p {{ assert amount > A; }}\n"), "E0107");
    assert_eq!(codes(&diags), ["E0107"]);
}

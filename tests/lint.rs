//! `vecrun lint`: every rule fires where it should (code, severity, span) and stays quiet on a near miss; the
//! command's exit codes, `--deny`, `--allow`, allow comments, `--run-summary`, and the gallery specs.

use std::path::{Path, PathBuf};
use std::process::Command;

use vecrun::diag::{Diagnostic, Severity};
use vecrun::lint::{self, Linted, Options, RunData};
use vecrun::load::{MemoryFs, load_text};

fn lint_with(text: &str, options: &Options) -> Linted {
    let loaded = load_text(Path::new("t.vspec"), text.to_string(), &MemoryFs::new());
    match lint::lint_loaded(loaded, options) {
        Ok(l) => l,
        Err(e) => panic!("lint failed: {e:?}\n{text}"),
    }
}

fn lint(text: &str) -> Linted {
    lint_with(text, &Options::default())
}

/// The diagnostics of one code, with the source text under their primary span.
fn found<'a>(l: &'a Linted, code: &str) -> Vec<(&'a Diagnostic, String)> {
    l.diagnostics.iter().filter(|d| d.code == code).map(|d| (d, l.sources.snippet(d.span().expect("span")).to_string())).collect()
}

/// The primary-span texts of one code.
fn spans(l: &Linted, code: &str) -> Vec<String> {
    found(l, code).into_iter().map(|(_, s)| s).collect()
}

fn render(l: &Linted) -> String {
    vecrun::diag::render(&l.sources, &l.diagnostics, vecrun::diag::Color::Never)
}

/// Asserts every diagnostic of `code` has a `help:` line and the given severity.
fn assert_shape(l: &Linted, code: &str, severity: Severity) {
    for (d, _) in found(l, code) {
        assert_eq!(d.severity, severity, "{code}: {}", render(l));
        assert!(d.notes.iter().any(|n| n.starts_with("help: ")), "{code} has no help line:\n{}", render(l));
    }
}

const HEADER: &str = "spec t { version = \"1\" }\n";

fn spec(body: &str) -> String {
    format!("{HEADER}{body}")
}

// ------------------------------------------------------------------------------------------ L001

#[test]
fn l001_exact_equality_of_rounded_floats_fires() {
    let l = lint(&spec(
        "input a: f32 in 0.0..1.0;\ninput b: f32 in 0.0..1.0;\n\
         property p {\n  let s = a * 3.0;\n  assert (a + b) - b == a, \"cancels\";\n  assert s != a + a + a;\n}\n",
    ));
    assert_eq!(spans(&l, "L001"), ["(a + b) - b == a", "s != a + a + a"], "{}", render(&l));
    assert_shape(&l, "L001", Severity::Warning);
    let text = render(&l);
    assert!(text.contains("warning[L001]: exact `==` between f32 values that carry rounding error"), "{text}");
    assert!(
        text.contains("help: compare within a few representable floats, e.g. `ulp_distance((a + b) - b, a) <= 4` (or a relative tolerance); when every bit must agree (a rounding test), say so: `bits((a + b) - b) == bits(a)`"),
        "{text}"
    );
}

#[test]
fn l001_fires_on_rounded_f64_comparisons_too() {
    let l = lint(&spec(
        "input a: f64 in 0.0..1.0;\ninput b: f64 in 0.0..1.0;\n\
         property p {\n  assert a * 0.1 == b;\n  assert bits(a * 0.1) == bits(b);\n  assert a != a || a == a;\n}\n",
    ));
    assert_eq!(spans(&l, "L001"), ["a * 0.1 == b"], "{}", render(&l));
    assert!(render(&l).contains("exact `==` between f64 values that carry rounding error"), "{}", render(&l));
}

#[test]
fn l001_quiet_on_nan_tests_bits_exact_values_and_non_asserts() {
    let l = lint(&spec(
        "input a: f32;\ninput b: f32 in 0.0..1.0;\n\
         property p {\n  let s = a + b;\n  assume s == s;\n  cover a * 2.0 == b, \"double\";\n  \
         if a + b == 1.0 { assert true || b < 0.5; }\n  \
         assert s != s || !is_nan(s), \"NaN test\";\n  assert bits(a + b) == bits(b + a), \"bit patterns\";\n  \
         assert max(a, b) == a || max(a, b) == b, \"max is an operand\";\n  assert round(b * 2.0) == 1.0 || b < 0.75, \"rounded\";\n  \
         assert a == 0.0 || a != 0.0, \"input against a constant\";\n}\n",
    ));
    assert!(spans(&l, "L001").is_empty(), "{}", render(&l));
}

// ------------------------------------------------------------------------------------------ L002

#[test]
fn l002_tolerance_below_resolution_fires() {
    let l = lint(&spec(
        "input a: f32 in -1.0..=1.0;\ninput b: f32 in 0.5..=1.0;\n\
         fn half(x: f32) -> f32 { return x * 0.5; }\n\
         property p {\n  let y = sqrt(a * a);\n  assert abs(y - abs(a)) < 1e-9, \"root of square\";\n  \
         let err = abs(half(b) * 2.0 - b);\n  assert err <= 1e-9 * abs(b), \"relative\";\n  assert abs(b - b * 1.0) <= 0.0;\n  \
         assert abs(b * 0.1 * 10.0 - b) / b < 1e-9, \"relative error\";\n}\n",
    ));
    assert_eq!(spans(&l, "L002"), ["1e-9", "1e-9 * abs(b)", "0.0", "1e-9"], "{}", render(&l));
    assert!(render(&l).contains("warning[L002]: relative tolerance below the f32 resolution"));
    assert_shape(&l, "L002", Severity::Warning);
    let text = render(&l);
    assert!(text.contains("these reach magnitude 1, where adjacent f32 values are 1.192e-7 apart"), "{text}");
    assert!(text.contains("help: use a relative tolerance, e.g. `abs(y - abs(a)) <= 1e-6 * max(abs(y), abs(abs(a)))`"), "{text}");
}

#[test]
fn l002_quiet_at_or_above_resolution_and_for_unknown_magnitudes() {
    let l = lint(&spec(
        "input a: f32 in -1.0..=1.0;\ninput x: f32;\n\
         property p {\n  let y = sqrt(a * a);\n  assert abs(y - abs(a)) < 1e-6, \"root of square\";\n  \
         assert abs(x * 2.0 - x - x) < 1e-9 || is_nan(x), \"unbounded inputs: magnitude unknown\";\n  \
         assert abs(y - a) >= 1e-9 || y == a, \"a lower bound is not a tolerance\";\n  \
         assert abs((a * 3.0 - a - a - a) / (a + 2.0)) < 1e-7, \"a relative tolerance above 2^-24\";\n}\n",
    ));
    assert!(spans(&l, "L002").is_empty(), "{}", render(&l));
    // The benchmark `poly` mixes an absolute and a relative tolerance well above the resolution.
    let poly = std::fs::read_to_string("datasets/specs/bench/poly.vspec").expect("poly spec");
    assert!(spans(&lint(&poly), "L002").is_empty());
}

// ------------------------------------------------------------------------------------------ L003

#[test]
fn l003_integer_equality_among_ranges_fires() {
    let l = lint(&spec(
        "input n: u32 in 0..=1000;\nfn f(x: u32) -> u32 { return x / 3; }\n\
         property p {\n  let q = f(n);\n  assert f(n) <= 400 && f(n) >= 1, \"bounded\";\n  assert q == 333, \"the answer\";\n}\n",
    ));
    assert_eq!(spans(&l, "L003"), ["q == 333"], "{}", render(&l));
    assert_shape(&l, "L003", Severity::Warning);
    assert!(render(&l).contains("the same value is checked with a range here"));
}

#[test]
fn l003_quiet_when_the_equality_is_exact_by_design() {
    let l = lint(&spec(
        "input n: u32 in 0..=1000;\nfn f(x: u32) -> u32 { return x / 3; }\nfn g(x: u32) -> u32 { return x % 3; }\n\
         property p {\n  assert f(n) <= 400, \"bounded\";\n  assert f(n) * 3 + g(n) == n, \"division identity\";\n  assert g(n) == 0 || n % 3 != 0, \"other value\";\n}\n",
    ));
    assert!(spans(&l, "L003").is_empty(), "{}", render(&l));
}

// ------------------------------------------------------------------------------------------ L004

#[test]
fn l004_range_domain_of_width_0_or_1_fires() {
    let l = lint(&spec(
        "input k: u32 in 5..=5;\ninput j: i32 in 3..5;\ninput z: f32 in 1.5..=1.5;\ninput w: u32 in 7..8;\n\
         property p { assert k + (j as u32) + (z as u32) + w > 0; }\n",
    ));
    assert_eq!(spans(&l, "L004"), ["5..=5", "3..5", "1.5..=1.5", "7..8"], "{}", render(&l));
    assert_shape(&l, "L004", Severity::Warning);
    let text = render(&l);
    assert!(text.contains("help: if `k` is fixed, make it a constant: `const K: u32 = 5;`"), "{text}");
    assert!(text.contains("help: list the values as a set: `in {3, 4}`"), "{text}");
}

#[test]
fn l004_quiet_on_wider_ranges_and_sets() {
    let l = lint(&spec(
        "input k: u32 in 5..=7;\ninput s: u32 in {5, 6};\ninput r: f32 in 0.0..1.0;\ninput one: u32 in {9};\n\
         property p { assert k + s + (r as u32) + one > 0; }\n",
    ));
    assert!(spans(&l, "L004").is_empty(), "{}", render(&l));
}

// ------------------------------------------------------------------------------------------ L005 / L006

#[test]
fn l005_vacuous_asserts_fire() {
    let l = lint(&spec(
        "input amount: u32 in 1..=100;\ninput x: u32;\n\
         property p {\n  let k = 3;\n  assert amount > 0, \"positive\";\n  assert true;\n  assert k < 5;\n  assert x >= 0 || amount == 7;\n  assert amount + 1 > amount;\n}\n",
    ));
    assert_eq!(spans(&l, "L005"), ["amount > 0", "true", "k < 5", "x >= 0 || amount == 7"], "{}", render(&l));
    assert_shape(&l, "L005", Severity::Warning);
}

#[test]
fn l005_quiet_on_undecided_and_on_proven_computations() {
    // `fold16(x) <= 0x1FE` always holds, but it is the property under test (vecrun proves it), not vacuous.
    let l = lint(&spec(
        "input amount: u32 in 1..=100;\ninput x: u32 in 0..=65_535;\n\
         fn fold16(v: u32) -> u32 { let s = (v & 0xFF) + (v >> 8); return (s & 0xFF) + (s >> 8); }\n\
         property p {\n  assert amount > 1;\n  assert fold16(x) <= 0x1FE;\n  assert amount * 2 >= amount;\n}\n",
    ));
    assert!(spans(&l, "L005").is_empty(), "{}", render(&l));
}

#[test]
fn l006_asserts_that_always_fail_fire_as_errors() {
    let l = lint(&spec(
        "input amount: u32 in 1..=100;\nfn cap(v: u32) -> u32 { return min(v, 50); }\n\
         property p {\n  assert amount > 100, \"too large\";\n  assert 1 + 1 == 3;\n  assert cap(amount) > 60;\n}\n",
    ));
    assert_eq!(spans(&l, "L006"), ["amount > 100", "1 + 1 == 3", "cap(amount) > 60"], "{}", render(&l));
    assert_shape(&l, "L006", Severity::Error);
    assert!(l.has_errors());
}

#[test]
fn l006_quiet_when_some_vector_passes() {
    let l = lint(&spec(
        "input amount: u32 in 1..=100;\nfn cap(v: u32) -> u32 { return min(v, 50); }\n\
         property p {\n  assert amount > 99;\n  assert cap(amount) >= 50;\n  if amount > 200 { assert false; }\n}\n",
    ));
    assert!(spans(&l, "L006").is_empty(), "{}", render(&l));
    assert!(!l.has_errors());
}

// ------------------------------------------------------------------------------------------ L007 / L008

#[test]
fn l007_assumes_that_reject_nothing_fire() {
    let l = lint(&spec(
        "input amount: u32 in 1..=100;\ninput x: f32 in -2.0..2.0;\n\
         property p {\n  assume amount > 0;\n  assume true;\n  assume is_finite(x) && abs(x) <= 2.0;\n  assert amount != 50;\n}\n",
    ));
    assert_eq!(spans(&l, "L007"), ["amount > 0", "true", "is_finite(x) && abs(x) <= 2.0"], "{}", render(&l));
    assert_shape(&l, "L007", Severity::Warning);
}

#[test]
fn l007_quiet_when_the_assume_discards_something() {
    let l = lint(&spec(
        "input amount: u32 in 1..=100;\ninput x: f32;\n\
         property p {\n  assume amount > 1;\n  assume is_finite(x);\n  assume abs(x) < 2.0;\n  assert amount != 50;\n}\n",
    ));
    assert!(spans(&l, "L007").is_empty(), "{}", render(&l));
}

#[test]
fn l008_assumes_that_reject_everything_fire_as_errors() {
    let l = lint(&spec(
        "input amount: u32 in 1..=100;\n\
         property p {\n  assume amount > 100;\n  assert amount != 50;\n}\n\
         property q {\n  assume amount > 50;\n  assume amount < 40, \"contradicts the first\";\n  assert amount != 50;\n}\n",
    ));
    assert_eq!(spans(&l, "L008"), ["amount > 100", "amount < 40"], "{}", render(&l));
    assert_shape(&l, "L008", Severity::Error);
}

#[test]
fn l008_quiet_when_some_vector_gets_through() {
    let l = lint(&spec(
        "input amount: u32 in 1..=100;\n\
         property q {\n  assume amount > 50;\n  assume amount < 60;\n  assert amount != 55;\n}\n",
    ));
    assert!(spans(&l, "L008").is_empty(), "{}", render(&l));
}

// ------------------------------------------------------------------------------------------ L009–L011

#[test]
fn l009_unused_inputs_fire() {
    let l = lint(&spec("input a: u32;\ninput ghost: [u32; 4] in 0..10;\nproperty p { assert a != 3; }\n"));
    assert_eq!(spans(&l, "L009"), ["ghost"], "{}", render(&l));
    assert_shape(&l, "L009", Severity::Warning);
    assert!(render(&l).contains("it still multiplies the input space by 10_000"));
}

#[test]
fn l009_quiet_on_inputs_read_anywhere_and_underscore_names() {
    let l = lint(&spec(
        "input a: u32;\ninput b: u32;\ninput _spare: u32;\nfn f(x: u32) -> u32 { return x; }\n\
         property p { assert a != 3; }\nproperty q { if f(b) > 3 { assert true || a > 2; } }\n",
    ));
    assert!(spans(&l, "L009").is_empty(), "{}", render(&l));
}

#[test]
fn l010_l011_unused_consts_and_functions_fire() {
    let l = lint(&spec(
        "const USED: u32 = 3;\nconst UNUSED: u32 = 4;\nconst ONLY_BY_DEAD: u32 = 5;\n\
         input a: u32;\n\
         fn dead(x: u32) -> u32 { return x + ONLY_BY_DEAD + helper(x); }\nfn helper(x: u32) -> u32 { return x; }\n\
         property p { assert a != USED; }\n",
    ));
    assert_eq!(spans(&l, "L010"), ["UNUSED", "ONLY_BY_DEAD"], "{}", render(&l));
    assert_eq!(spans(&l, "L011"), ["dead", "helper"], "{}", render(&l));
    assert_shape(&l, "L010", Severity::Warning);
    assert_shape(&l, "L011", Severity::Warning);
    assert!(render(&l).contains("note: it is used by `dead`, which no property uses either"));
}

#[test]
fn l010_l011_quiet_on_consts_and_functions_used_indirectly() {
    let l = lint(&spec(
        "const N: u32 = 4;\nconst LO: u32 = 1;\nconst K: u32 = 2;\nconst _KEPT: u32 = 9;\nconst SHADOWED: u32 = 7;\n\
         input xs: [u32; N] in LO..=10;\n\
         fn inner(x: u32) -> u32 { return x * K; }\nfn outer(x: u32) -> u32 { return inner(x); }\nfn _spare() -> u32 { return 1; }\n\
         property p {\n  let SHADOWED: u32 = 3;\n  for i in 0..len(xs) { assert outer(xs[i]) != SHADOWED; }\n}\n\
         property q { let v = SHADOWED; assert v == 7; }\n",
    ));
    assert!(spans(&l, "L010").is_empty() && spans(&l, "L011").is_empty(), "{}", render(&l));
    // A const read only through a local of the same name is unused.
    let l = lint(&spec("const X: u32 = 7;\ninput a: u32;\nproperty p { let X = a; assert X != 3; }\n"));
    assert_eq!(spans(&l, "L010"), ["X"], "{}", render(&l));
}

#[test]
fn unused_items_of_imported_files_are_not_reported() {
    let fs = MemoryFs::new()
        .with("lib.vspec", "const LIB_UNUSED: u32 = 1;\nfn lib_unused() -> u32 { return 2; }\nfn lib_used(x: u32) -> u32 { return x; }\n");
    let text = spec("import \"lib.vspec\";\ninput a: u32;\nproperty p { assert lib_used(a) != 3; }\n");
    let loaded = load_text(Path::new("t.vspec"), text, &fs);
    let l = lint::lint_loaded(loaded, &Options::default()).expect("lints");
    assert!(l.diagnostics.is_empty(), "{}", render(&l));
}

// ------------------------------------------------------------------------------------------ L012

#[test]
fn l012_shadowing_that_changes_a_type_fires() {
    let l = lint(&spec(
        "input amount: u32;\nconst LIMIT: u32 = 10;\n\
         fn f(v: u32) -> f32 { let v = v as f32; return v; }\n\
         property p {\n  let x: u32 = amount;\n  let x: f32 = x as f32;\n  let amount = amount as i32;\n  \
         for LIMIT in 0..3 { let x = LIMIT > 1; assert x || amount > -1; }\n  assert x >= 0.0 && f(1) > 0.0;\n}\n",
    ));
    assert_eq!(spans(&l, "L012"), ["v", "x", "amount", "x"], "{}", render(&l));
    assert_shape(&l, "L012", Severity::Warning);
    let text = render(&l);
    assert!(text.contains("warning[L012]: `x` is redeclared as f32, shadowing a u32 local"), "{text}");
    assert!(text.contains("`amount` is redeclared as i32, shadowing a u32 input"), "{text}");
}

#[test]
fn l012_quiet_on_same_type_shadowing_and_disjoint_scopes() {
    let l = lint(&spec(
        "input amount: u32;\n\
         property p {\n  let x: u32 = amount;\n  let x = x + 1;\n  if x > 3 { let y: u32 = 1; assert y > 0 || x > 0; }\n  \
         let y: f32 = 2.0;\n  { let z: i32 = 1; assert z > 0 || y > 0.0; }\n  let z: bool = true;\n  assert z || x > 3;\n}\n",
    ));
    assert!(spans(&l, "L012").is_empty(), "{}", render(&l));
}

// ------------------------------------------------------------------------------------------ L013

#[test]
fn l013_enumerable_space_is_a_note() {
    let l = lint(&spec("input a: u32 in 0..256;\ninput b: bool;\nproperty p { assert a != 300 || b; }\n"));
    assert_eq!(spans(&l, "L013"), ["t"], "{}", render(&l));
    assert_shape(&l, "L013", Severity::Note);
    assert!(render(&l).contains("note[L013]: the whole input space is 512 vectors: small enough to enumerate"));
    // A note, not a warning: `--deny warnings` leaves it alone.
    let denied = lint_with(
        &spec("input a: u32 in 0..256;\nproperty p { assert a != 3; }\n"),
        &Options { deny_warnings: true, ..Options::default() },
    );
    assert!(!denied.has_errors(), "{}", render(&denied));
    // When the header's budget is smaller than the space, the help says --exhaustive.
    let small_budget = lint("spec t { budget { vectors = 100 } }\ninput a: u32 in 0..256;\nproperty p { assert a != 3; }\n");
    assert!(render(&small_budget).contains("run with `--exhaustive`"), "{}", render(&small_budget));
}

#[test]
fn l013_quiet_above_ten_million_vectors() {
    let l = lint(&spec("input a: u32 in 0..=9_999;\ninput b: u32 in 0..=1_000;\nproperty p { assert a != b + 20_000; }\n"));
    assert!(spans(&l, "L013").is_empty(), "{}", render(&l));
    let l = lint(&spec("input a: u32 in 0..=9_999;\ninput b: u32 in 0..=999;\nproperty p { assert a != b + 20_000; }\n"));
    assert_eq!(spans(&l, "L013").len(), 1, "exactly 10_000_000 is enumerable: {}", render(&l));
}

// ------------------------------------------------------------------------------------------ severity controls

#[test]
fn deny_allow_and_allow_comments() {
    let text = spec("input a: u32;\ninput unused: u32;\nproperty p { assert a >= 0; }\n");
    let plain = lint(&text);
    assert_eq!(plain.codes(), ["L009", "L005"]);
    assert!(!plain.has_errors());
    let denied = lint_with(&text, &Options { deny_warnings: true, ..Options::default() });
    assert!(denied.diagnostics.iter().all(|d| d.severity == Severity::Error));
    let one = lint_with(&text, &Options { deny: vec!["L009"], ..Options::default() });
    assert_eq!(
        one.diagnostics.iter().map(|d| (d.code, d.severity)).collect::<Vec<_>>(),
        [("L009", Severity::Error), ("L005", Severity::Warning)]
    );
    let allowed = lint_with(&text, &Options { allow: vec!["L005"], ..Options::default() });
    assert_eq!(allowed.codes(), ["L009"]);
    let commented = lint(&spec(
        "input a: u32;\n// kept for the layout  vecrun-lint: allow(L009)\ninput unused: u32;\ninput other: u32; // vecrun-lint: allow(unused-input)\n\
         property p { assert a >= 0; } // vecrun-lint: allow(L001)\n",
    ));
    assert_eq!(commented.codes(), ["L005"], "{}", render(&commented));
}

// ------------------------------------------------------------------------------------------ the command

fn vecrun(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vecrun")).args(args).env("NO_COLOR", "1").output().expect("runs vecrun");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write spec");
    p
}

#[test]
fn command_exit_codes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let warned = write(dir.path(), "warned.vspec", &spec("input a: u32;\ninput unused: u32;\nproperty p { assert a != 3; }\n"));
    let failing = write(dir.path(), "failing.vspec", &spec("input a: u32 in 1..=9;\nproperty p { assert a > 9; }\n"));
    let broken = write(dir.path(), "broken.vspec", &spec("property p { assert nope > 1; }\n"));
    let clean = write(dir.path(), "clean.vspec", &spec("input a: u32;\nproperty p { assert a != 3; }\n"));
    let (code, err) = vecrun(&["lint", clean.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("clean.vspec: 0 errors, 0 warnings, 0 notes"), "{err}");
    let (code, err) = vecrun(&["lint", warned.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning[L009]: input `unused` is never read"), "{err}");
    assert!(err.contains("warned.vspec:3:7"), "{err}");
    let (code, err) = vecrun(&["lint", warned.to_str().unwrap(), "--deny", "warnings"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error[L009]"), "{err}");
    let (code, err) = vecrun(&["lint", failing.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error[L006]: this assert always fails"), "{err}");
    let (code, _) = vecrun(&["lint", failing.to_str().unwrap(), "--allow", "L006"]);
    assert_eq!(code, 0);
    let (code, err) = vecrun(&["lint", clean.to_str().unwrap(), broken.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("error[E0181]") || err.contains("error[E0"), "{err}");
    let (code, err) = vecrun(&["lint", clean.to_str().unwrap(), "--deny", "L999"]);
    assert_eq!(code, 2, "{err}");
    let (code, _) = vecrun(&["lint", dir.path().join("missing.vspec").to_str().unwrap()]);
    assert_eq!(code, 2);
}

// ------------------------------------------------------------------------------------------ L014 / L015

const RUN_SPEC: &str = "spec r { version = \"1\" }\n\
input x: u32 in 0..=1_000_000;\ninput y: u32;\n\
property p {\n  assume x < 50_000, \"small x\";\n  cover y == 7, \"y is seven\";\n  cover x < 25_000, \"half of the small ones\";\n  assert x + 1 > x;\n}\n\
property q {\n  assume x % 2 == 0;\n  assume x % 3 == 0;\n  assume x % 5 == 0;\n  assert y != 3 || x > 5;\n}\n\
property r {\n  assume x > 1_000;\n  cover y < 2_147_483_648, \"lower half\";\n  assert y != 3;\n}\n";

/// Runs RUN_SPEC on the CPU into a temporary directory: (dir, spec path, run dir).
fn run_once() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec_path = write(dir.path(), "r.vspec", RUN_SPEC);
    let out = dir.path().join("out");
    let status = Command::new(env!("CARGO_BIN_EXE_vecrun"))
        .args(["run", spec_path.to_str().unwrap(), "--backend", "cpu", "--vectors", "20000", "--quiet", "--out", out.to_str().unwrap()])
        .output()
        .expect("runs vecrun");
    assert_eq!(status.status.code(), Some(0), "{}", String::from_utf8_lossy(&status.stderr));
    (dir, spec_path, out)
}

fn lint_run(spec_path: &Path, run: &Path) -> Linted {
    let run = RunData::read(run).expect("reads the run");
    lint::lint_path(spec_path, &Options { run: Some(run), ..Options::default() }).expect("lints")
}

#[test]
fn l014_l015_from_a_run_summary_and_a_checkpoint() {
    let (_dir, spec_path, out) = run_once();
    for file in ["summary/part-0.parquet", "checkpoint.json"] {
        let l = lint_run(&spec_path, &out.join(file));
        // Positive: the cover never hit; the assumes discarding >90% (one alone in `p`, three together in `q`).
        assert_eq!(spans(&l, "L014"), ["y == 7"], "{file}: {}", render(&l));
        assert_eq!(spans(&l, "L015"), ["x < 50_000", "q"], "{file}: {}", render(&l));
        assert_shape(&l, "L014", Severity::Warning);
        assert_shape(&l, "L015", Severity::Warning);
        let text = render(&l);
        assert!(text.contains("warning[L014]: cover \"y is seven\" was never hit"), "{text}");
        assert!(text.contains("narrow the domain of `x`"), "{text}");
        // Negative: covers hit (`half of the small ones`, `lower half`) and `r`'s assume (discarding 0.1%).
        assert!(!text.contains("half of the small ones") && !text.contains("lower half"), "{text}");
        assert!(!text.contains("x > 1_000"), "{text}");
    }
    // A run directory: its checkpoint, which counts discards per assume.
    let l = lint_run(&spec_path, &out);
    assert!(render(&l).contains("warning[L015]: this assume discarded"), "{}", render(&l));
    // Through the command line.
    let (code, err) = vecrun(&["lint", spec_path.to_str().unwrap(), "--run-summary", out.join("summary/part-0.parquet").to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning[L014]"), "{err}");
    let (code, err) = vecrun(&["lint", spec_path.to_str().unwrap(), "--run-summary", out.to_str().unwrap(), "--deny", "warnings"]);
    assert_eq!(code, 1, "{err}");
}

#[test]
fn run_summary_of_another_spec_version_is_refused() {
    let (dir, _spec_path, out) = run_once();
    let changed = write(dir.path(), "r2.vspec", &RUN_SPEC.replace("assert y != 3;", "assert y != 4;"));
    let run = RunData::read(&out).expect("reads the run");
    let err = lint::lint_path(&changed, &Options { run: Some(run), ..Options::default() }).expect_err("hash differs");
    assert!(err.to_string().contains("is a run of spec hash"), "{err}");
    let (code, stderr) = vecrun(&["lint", changed.to_str().unwrap(), "--run-summary", out.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    let (code, _) = vecrun(&["lint", changed.to_str().unwrap(), "--run-summary", dir.path().join("nothing").to_str().unwrap()]);
    assert_eq!(code, 2);
}

// ------------------------------------------------------------------------------------------ the gallery

fn specs_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries {
        let p = e.expect("entry").path();
        if p.is_dir() {
            specs_under(&p, out);
        } else if p.extension().is_some_and(|x| x == "vspec") {
            out.push(p);
        }
    }
}

/// Every spec of `datasets/specs/` lints without an error, and the gallery without a warning.
#[test]
fn gallery_specs_lint_clean() {
    let mut specs = Vec::new();
    specs_under(Path::new("datasets/specs"), &mut specs);
    specs.sort();
    assert!(!specs.is_empty());
    for path in specs {
        let text = std::fs::read_to_string(&path).expect("spec");
        if !text.lines().any(|l| l.trim_start().starts_with("spec ")) {
            continue; // an imported library file
        }
        let l = lint::lint_path(&path, &Options::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(!l.has_errors(), "{}:\n{}", path.display(), render(&l));
        if path.starts_with("datasets/specs/gallery") {
            let warnings: Vec<_> = l.diagnostics.iter().filter(|d| d.severity != Severity::Note).collect();
            assert!(warnings.is_empty(), "{}:\n{}", path.display(), render(&l));
        }
    }
}

#[test]
fn docs_list_every_rule() {
    let docs = std::fs::read_to_string("docs/lint.md").expect("docs/lint.md");
    for (code, name, _) in lint::codes::ALL {
        assert!(docs.contains(&format!("### {code} {name}")), "docs/lint.md has no section `### {code} {name}`");
    }
    assert_eq!(lint::codes::ALL.len(), 15);
}

// ------------------------------------------------------------------------------------------ the interval analysis

/// The analysis must hold every value an expression takes: check it against concrete evaluation (the constant
/// folder, with the inputs substituted) on every combination of tricky input values.
#[test]
fn interval_analysis_is_sound_on_edge_values() {
    use vecrun::check::{Expr, ExprKind, Stmt, Value, consteval};
    use vecrun::lint::absint::{Analyzer, scalar_value};
    use vecrun::sem::ScalarType;

    let exprs = [
        // i32
        "a + 1",
        "a - 7",
        "a * a",
        "a * 3",
        "a / 2",
        "a / (a - 3)",
        "a % 5",
        "-a",
        "~a",
        "abs(a)",
        "min(a, 3)",
        "max(a, -3)",
        "clamp(a, -5, 5)",
        "a >> 1",
        "a << 2",
        "a & 7",
        "a | 1",
        "a ^ 3",
        "b as i32",
        "x as i32",
        "y as i32",
        "saturating_add(a, 5)",
        "saturating_sub(a, 5)",
        "select(a > 0, a, 0 - a)",
        "count_ones(a) as i32",
        "(a & 255) * (a & 255)",
        "(a & 15) << 3",
        // u32
        "b + 1",
        "b - 1",
        "b * b",
        "b / 3",
        "b / (b & 3)",
        "b % 7",
        "b % (b & 3)",
        "b >> 3",
        "b << 4",
        "b & 255",
        "b | 4",
        "b ^ 9",
        "~b",
        "a as u32",
        "x as u32",
        "y as u32",
        "bits(x)",
        "bits(a)",
        "leading_zeros(b)",
        "saturating_sub(b, 3)",
        "min(b, 10)",
        "b >> (b & 31)",
        "(b & 0xFF) + (b >> 8)",
        "(b % 1000) * 3 / 7",
        // f32
        "x + 1.0",
        "x - x",
        "x * x",
        "x * 2.0",
        "x / 3.0",
        "x / (x - 0.1)",
        "sqrt(x)",
        "sqrt(abs(x))",
        "floor(x)",
        "ceil(x)",
        "round(x * 0.5)",
        "trunc(x)",
        "fma(x, x, 1.0)",
        "min(x, y)",
        "max(y, x)",
        "clamp(y, -1.0, 1.0)",
        "abs(y)",
        "-x",
        "a as f32",
        "b as f32",
        "from_bits(b)",
        "y + x",
        "x * 3.4e38",
        "x * x * x",
        "1.0 / (x * x + 1.0)",
        "select(x > 0.5, x, 0.5)",
        "x + 1e-45",
        "(b as f32) * 16777216.0",
        // bool
        "x < 1.0",
        "y != y",
        "is_nan(y)",
        "is_finite(x * x)",
        "is_inf(x * 10.0)",
        "add_overflows(a, 1)",
        "mul_overflows(b, b)",
        "sub_overflows(b, 1)",
        "a > 0 && b > 0",
        "x == 0.0",
        "!(a < 0)",
        "(b & 1) == 1 || a == 3",
        "x * 2.0 > x",
        "abs(x) < 3.5",
        "abs(a) >= 0",
        "x + 1.0 < 2.0",
        "b / 2 <= b",
        "(b as f32) == 4294967296.0",
        "a + 1 > a",
        "x - 0.1 == x",
    ];
    let a_vals: [i32; 7] = [i32::MIN, -7, -1, 0, 1, 3, i32::MAX];
    let b_vals: [u32; 7] = [0, 1, 2, 5, 255, 65_536, u32::MAX];
    let x_vals: [f32; 8] = [-3.5, -0.0, 0.0, 1e-45, 0.1, 0.99999994, 1.0, 3.4e38];
    let y_vals: [f32; 7] = [f32::NAN, f32::INFINITY, f32::NEG_INFINITY, 0.0, 1.0, -1e30, 1.17e-38];
    let set = |v: Vec<String>| v.join(", ");
    let mut text = format!(
        "{HEADER}input a: i32 in {{{}}};\ninput b: u32 in {{{}}};\ninput x: f32 in {{{}}};\ninput y: f32;\nproperty p {{\n",
        set(a_vals.iter().map(|v| v.to_string()).collect()),
        set(b_vals.iter().map(|v| v.to_string()).collect()),
        set(x_vals.iter().map(|v| format!("{v:e}")).collect()),
    );
    for (i, e) in exprs.iter().enumerate() {
        text.push_str(&format!("  let e{i} = {e};\n"));
    }
    text.push_str("  assert a != 2;\n}\n");
    let loaded = load_text(Path::new("t.vspec"), text.clone(), &MemoryFs::new());
    let sources = loaded.sources.clone();
    let checked = vecrun::check::check(loaded)
        .unwrap_or_else(|d| panic!("{}\n{text}", vecrun::diag::render(&sources, &d, vecrun::diag::Color::Never)));
    let spec = &checked.spec;
    let p = &spec.properties[0];
    let an = Analyzer::new(spec);
    let env = an.property_env(&p.locals);

    fn subst(e: &Expr, vals: &[Value]) -> Expr {
        let kind = match &e.kind {
            ExprKind::Input(i) => ExprKind::Const(vals[i.0 as usize].clone()),
            ExprKind::Const(v) => ExprKind::Const(v.clone()),
            ExprKind::Local(l) => ExprKind::Local(*l),
            ExprKind::Unary(op, x) => ExprKind::Unary(*op, Box::new(subst(x, vals))),
            ExprKind::Binary(op, l, r) => ExprKind::Binary(*op, Box::new(subst(l, vals)), Box::new(subst(r, vals))),
            ExprKind::Cast(x, t) => ExprKind::Cast(Box::new(subst(x, vals)), *t),
            ExprKind::Call(f, xs) => ExprKind::Call(*f, xs.iter().map(|x| subst(x, vals)).collect()),
            ExprKind::ExternCall(f, xs) => ExprKind::ExternCall(*f, xs.iter().map(|x| subst(x, vals)).collect()),
            ExprKind::Builtin(b, xs) => ExprKind::Builtin(*b, xs.iter().map(|x| subst(x, vals)).collect()),
            ExprKind::Index(b, i) => ExprKind::Index(Box::new(subst(b, vals)), Box::new(subst(i, vals))),
            ExprKind::Array(xs) => ExprKind::Array(xs.iter().map(|x| subst(x, vals)).collect()),
            ExprKind::Record(xs) => ExprKind::Record(xs.iter().map(|x| subst(x, vals)).collect()),
            ExprKind::Field(x, k) => ExprKind::Field(Box::new(subst(x, vals)), *k),
        };
        Expr { kind, ty: e.ty, span: e.span }
    }

    let mut checks = 0u64;
    for (k, stmt) in p.body.iter().enumerate() {
        let Stmt::Let { value, .. } = stmt else { continue };
        let abstract_value = an.eval(value, &env);
        for a in a_vals {
            for b in b_vals {
                for x in x_vals {
                    for y in y_vals {
                        let vals = [
                            Value::Scalar(ScalarType::I32, a as u32 as u64),
                            Value::Scalar(ScalarType::U32, b as u64),
                            Value::Scalar(ScalarType::F32, x.to_bits() as u64),
                            Value::Scalar(ScalarType::F32, y.to_bits() as u64),
                        ];
                        let Ok(Value::Scalar(ty, bits)) = consteval::eval(&subst(value, &vals)) else { panic!("e{k} does not fold") };
                        let concrete = scalar_value(ty, bits);
                        let ok = match (abstract_value, concrete) {
                            (None, _) => true,
                            (Some(_), None) => false,
                            (Some(iv), Some(c)) => iv.lo <= c.lo && c.lo <= iv.hi,
                        };
                        assert!(ok, "`{}` = {concrete:?} at a={a} b={b} x={x:e} y={y:e}, outside {abstract_value:?}", exprs[k]);
                        checks += 1;
                    }
                }
            }
        }
    }
    assert!(checks > 100_000);
}

/// Each example of docs/lint.md compiles, and reports the codes its `// Lxxx` comments name (run-based ones aside).
#[test]
fn docs_examples_report_their_codes() {
    let docs = std::fs::read_to_string("docs/lint.md").expect("docs/lint.md");
    let mut blocks = 0;
    for block in docs.split("```vspec\n").skip(1) {
        let body = block.split("```").next().expect("closed block");
        let wanted: Vec<&'static str> = lint::codes::ALL
            .iter()
            .map(|(c, _, _)| *c)
            .filter(|c| body.contains(&format!("// {c}")) && !matches!(*c, "L014" | "L015"))
            .collect();
        let text = format!("{HEADER}{body}");
        let loaded = load_text(Path::new("doc.vspec"), text.clone(), &MemoryFs::new());
        let l = lint::lint_loaded(loaded, &Options::default()).unwrap_or_else(|e| panic!("docs example does not compile: {e:?}\n{text}"));
        for c in wanted {
            assert!(l.codes().contains(&c), "docs example should report {c}:\n{text}\n{}", render(&l));
        }
        blocks += 1;
    }
    assert!(blocks >= 15, "{blocks} examples");
}

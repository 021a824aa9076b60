//! Golden files for the IR and the generated WGSL of every root spec in `datasets/specs/`, and offline WGSL validation
//! (naga) of every generated shader, including a set of tricky inline specs.
//!
//! For each root spec `datasets/specs/REL.vspec` (a file with a `spec` header; import libraries such as
//! `common/money.vspec` are skipped), `tests/golden/NAME.ir` holds the `Display` of `vecrun::ir::lower` and
//! `tests/golden/NAME.wgsl` the generated part of the shader of `vecrun::gpu::shader_source` (the library is omitted), where NAME is REL with `/` replaced by `__`.
//! Run with `VECRUN_BLESS=1` to rewrite them (and delete golden files whose spec is gone), then review the diff.

mod support;

use std::path::{Path, PathBuf};

use vecrun::cpu::CpuBackend;
use vecrun::gpu::GpuBackend;
use vecrun::ir::Program;
use vecrun::run::{Backend, Generator, Phase, PropertyStats};
use vecrun::syntax::ast::ItemKind;

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn golden_dir() -> PathBuf {
    crate_dir().join("tests/golden")
}

fn bless() -> bool {
    std::env::var("VECRUN_BLESS").is_ok_and(|v| v == "1")
}

/// Whether the file has a `spec` header (a root spec), judged by the parser, not by text matching.
fn is_root_spec(text: &str) -> bool {
    let parsed = vecrun::syntax::parse(vecrun::diag::FileId(0), text);
    parsed.ast.items.iter().any(|i| matches!(i.kind, ItemKind::Spec(_)))
}

/// Every root spec under `datasets/specs/`, as (golden name, path), sorted by name.
fn root_specs() -> Vec<(String, PathBuf)> {
    let base = crate_dir().join("datasets/specs");
    let mut out = Vec::new();
    let mut stack = vec![base.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "vspec") {
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
                if is_root_spec(&text) {
                    let rel = path.strip_prefix(&base).expect("under datasets/specs").with_extension("");
                    let name = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("__");
                    out.push((name, path));
                }
            }
        }
    }
    out.sort();
    out
}

/// Compares `actual` with the golden file (or rewrites it under `VECRUN_BLESS=1`); `Err` describes the difference.
fn check_golden(file: &str, actual: &str) -> Result<(), String> {
    let path = golden_dir().join(file);
    if bless() {
        std::fs::create_dir_all(golden_dir()).expect("create tests/golden");
        let old = std::fs::read_to_string(&path).ok();
        if old.as_deref() != Some(actual) {
            std::fs::write(&path, actual).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
            eprintln!("blessed tests/golden/{file}");
        }
        return Ok(());
    }
    let expected = match std::fs::read_to_string(&path) {
        Ok(t) => t.replace("\r\n", "\n"),
        Err(e) => return Err(format!("tests/golden/{file}: cannot read ({e}); run with VECRUN_BLESS=1 to create it")),
    };
    if expected == actual {
        return Ok(());
    }
    let (el, al): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let first = el.iter().zip(&al).position(|(e, a)| e != a).unwrap_or(el.len().min(al.len()));
    let ctx = |lines: &[&str]| -> String {
        lines
            .iter()
            .enumerate()
            .skip(first.saturating_sub(2))
            .take(6)
            .map(|(i, l)| format!("    {:>5} | {l}", i + 1))
            .collect::<Vec<_>>()
            .join("\n")
    };
    Err(format!(
        "tests/golden/{file} differs from the generated text at line {} ({} lines expected, {} generated); \
         if the change is intended, rerun with VECRUN_BLESS=1 and review the diff.\n  expected:\n{}\n  generated:\n{}",
        first + 1,
        el.len(),
        al.len(),
        ctx(&el),
        ctx(&al)
    ))
}

#[test]
fn root_specs_are_found_and_import_libraries_skipped() {
    let names: Vec<String> = root_specs().into_iter().map(|(n, _)| n).collect();
    for want in ["billing_failover", "bench__midpoint", "bench__poly", "bench__ledger"] {
        assert!(names.iter().any(|n| n == want), "root spec {want} not found among {names:?}");
    }
    assert!(!names.iter().any(|n| n == "common__money"), "the import library common/money.vspec was taken for a root spec");
}

#[test]
fn golden_ir_and_wgsl_of_every_root_spec() {
    let specs = root_specs();
    assert!(!specs.is_empty(), "no root specs in datasets/specs");
    let mut problems = Vec::new();
    for (name, path) in &specs {
        let checked = match vecrun::compile_spec(path) {
            Ok(c) => c,
            Err(e) => {
                problems.push(format!("{}: does not compile: {e}", path.display()));
                continue;
            }
        };
        let mut program = vecrun::ir::lower(&checked.spec);
        if let Err(e) = check_golden(&format!("{name}.ir"), &program.to_string()) {
            problems.push(e);
        }
        // Properties that call an extern fn run on the CPU (their implementation is native code):
        // the shader holds the others, as the GPU backend builds it.
        // So do properties that compute with f64 (WGSL has none).
        let f64_slots: Vec<bool> = (0..program.slots.len() as u32).map(|s| program.f64_slot(s)).collect();
        program.properties.retain(|p| !p.calls_extern() && !p.uses_f64(&|s| f64_slots[s as usize]));
        if program.properties.is_empty() {
            continue;
        }
        match vecrun::gpu::shader_source(&program) {
            Ok(wgsl) => {
                if let Err(e) = vecrun::gpu::validate_wgsl(&wgsl) {
                    problems.push(format!("{}: the generated WGSL does not validate:\n{e}", path.display()));
                }
                // The hand-written library is the same in every shader (and tested in
                // tests/gpu_library.rs): the golden file keeps the generated part only.
                let generated = wgsl.split_once("// ---- generated ----").map(|(_, g)| g).unwrap_or(&wgsl);
                if let Err(e) = check_golden(&format!("{name}.wgsl"), generated) {
                    problems.push(e);
                }
            }
            Err(e) => problems.push(format!("{}: no shader: {e}", path.display())),
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n\n{}", problems.len(), problems.join("\n\n"));
}

#[test]
fn no_stale_golden_files() {
    // (A spec whose every property calls an extern fn has an IR golden file and no WGSL one.)
    let names: Vec<String> = root_specs().into_iter().map(|(n, _)| n).collect();
    let Ok(dir) = std::fs::read_dir(golden_dir()) else {
        assert!(bless(), "tests/golden/ is missing; run with VECRUN_BLESS=1");
        return;
    };
    let mut stale = Vec::new();
    for entry in dir {
        let path = entry.expect("directory entry").path();
        let file = path.file_name().expect("file name").to_string_lossy().into_owned();
        let known = ["ir", "wgsl"].iter().any(|ext| names.iter().any(|n| file == format!("{n}.{ext}")));
        if !known {
            if bless() {
                std::fs::remove_file(&path).unwrap_or_else(|e| panic!("remove {}: {e}", path.display()));
                eprintln!("removed stale tests/golden/{file}");
            } else {
                stale.push(file);
            }
        }
    }
    assert!(stale.is_empty(), "golden files without a root spec in datasets/specs (VECRUN_BLESS=1 removes them): {stale:?}");
}

// ---------------------------------------------------------------------------------------------------------------
// Tricky inline specs: the generated WGSL must validate, and (with an adapter) run with the CPU's verdicts.

const TRICKY: &[(&str, &str)] = &[
    (
        "arrays_dynamic_index",
        r#"
spec arrays_dynamic_index { version = "1" }
input v: [u32; 8] in 0..20;
input f: [f32; 3];
input b: [bool; 2];
input k: u32 in 0..=9;
input j: i32 in -3..=9;
property reads_and_writes {
  var w: [u32; 8] = [0; 8];
  var g: [f32; 3] = f;
  w[k % 8] = v[k];
  w[(k + 1) % 8] += v[j];
  g[j] = g[k] * 2.0;
  assert w[k] < 40, "read";
  assert b[k] || !b[j], "bool array";
  assert len(w) == 8 && len(g) == 3, "len";
  assert !(g[0] == 1.5), "float element";
}
property copies {
  var a: [i32; 4] = [1, -2, 3, -4];
  var c: [i32; 4] = a;
  c[j] = -7;
  a = c;
  assert a[k] != -7, "copy";
}
"#,
    ),
    (
        "nested_loops",
        r#"
spec nested_loops { version = "1" }
input m: [u32; 4];
input n: u32 in 0..=5;
property nested {
  var t: u32 = 0;
  var grid: [u32; 12] = [0; 12];
  for i in 0..3 {
    for k in 0..4 {
      grid[i * 4 + k] = m[k] >> i;
      for q in 0..=2 {
        if q == n { t += 1; } else { t ^= grid[i * 4 + k]; }
      }
    }
  }
  assert t != 3, "t";
  assert grid[n] != 0 || n > 3, "grid";
}
"#,
    ),
    (
        "early_return",
        r#"
spec early_return { version = "1" }
input xs: [i32; 6] in -5..=5;
input y: f32 in -2.0..=2.0;
fn first_negative(a: [i32; 6]) -> i32 {
  for i in 0..6 {
    if a[i] < 0 {
      return i as i32;
    }
  }
  return -1;
}
fn classify(x: f32) -> u32 {
  if is_nan(x) { return 0; }
  if x < 0.0 {
    if x < -1.0 { return 1; }
    return 2;
  } else if x == 0.0 {
    return 3;
  }
  return 4;
}
fn pick(a: [i32; 6], i: u32) -> [i32; 6] {
  if i > 2 { return a; }
  var b: [i32; 6] = a;
  b[i] = 0;
  return b;
}
property returns {
  let p = first_negative(xs);
  assert p != 3, "first negative at 3";
  assert classify(y) != 3, "zero";
  assert pick(xs, 1)[1] == 0, "pick";
}
"#,
    ),
    (
        "select_on_arrays",
        r#"
spec select_on_arrays { version = "1" }
input a: [u32; 3];
input b: [u32; 3] in 0..=10;
input c: bool;
input k: u32 in 0..=4;
property select_arrays {
  let s = select(c, a, b);
  let t: [u32; 3] = select(!c, [1, 2, 3], s);
  assert s[0] == a[0] || !c, "select true";
  assert select(k < 3, t[k], 0) != 2, "lazy index";
  assert select(c, 1.0, -1.0) != 0.0, "scalar";
  assert select(c, true, false) == c, "bool";
  assert select(c, -1, 1) != 0, "i32";
}
"#,
    ),
    (
        "all_builtins",
        r#"
spec all_builtins { version = "1" }
input u: u32;
input v: u32;
input i: i32;
input j: i32;
input x: f32;
input y: f32;
input z: f32;
input arr: [f32; 2];
property builtins_u32 {
  assert min(u, v) <= max(u, v), "minmax";
  assert clamp(u, 3, 9) <= 9 || false, "clamp";
  assert abs(u) == u, "abs";
  assert count_ones(u) + leading_zeros(u) + trailing_zeros(v) != 99, "counts";
  assert !(add_overflows(u, v) && !sub_overflows(u, v) && mul_overflows(u, v) && u == 0), "ovf";
  assert saturating_add(u, v) >= saturating_sub(u, v) || true, "sat";
  assert select(u > v, u, v) == max(u, v), "select";
}
property builtins_i32 {
  assert min(i, j) <= max(i, j), "minmax";
  assert clamp(i, -3, 9) <= 9, "clamp";
  assert abs(i) != -5, "abs";
  assert count_ones(i) + leading_zeros(i) + trailing_zeros(j) != 99, "counts";
  assert !(add_overflows(i, j) && sub_overflows(i, j) && mul_overflows(i, j) && i == 0), "ovf";
  assert saturating_add(i, j) != saturating_sub(i, j) || j == 0 || true, "sat";
  assert bits(i) == i as u32, "bits";
}
property builtins_f32 {
  let m = min(x, y) + max(x, y) + clamp(z, -1.0, 1.0) + abs(x);
  let r = sqrt(abs(x)) + floor(y) + ceil(y) + round(z) + trunc(x) + fma(x, y, z);
  assert !(is_nan(m) && is_inf(r) && is_finite(x)), "classes";
  assert bits(from_bits(bits(x))) == bits(x), "bits";
  assert len(arr) == 2, "len";
  assert !(m == 1.25), "m";
}
"#,
    ),
    (
        "all_casts",
        r#"
spec all_casts { version = "1" }
input b: bool;
input u: u32;
input i: i32;
input x: f32;
property casts {
  let bb = b as bool;
  let bu = b as u32;
  let bi = b as i32;
  let bf = b as f32;
  let uu = u as u32;
  let ui = u as i32;
  let uf = u as f32;
  let iu = i as u32;
  let ii = i as i32;
  let i_f = i as f32;
  let fu = x as u32;
  let fi = x as i32;
  let ff = x as f32;
  assert bb == b && bu <= 1 && bi <= 1 && (bf == 0.0 || bf == 1.0), "bool";
  assert uu == u && (ui as u32) == u && !(uf < 0.0), "u32";
  assert (iu as i32) == i && ii == i && !(i_f > 3.0e9), "i32";
  assert fu != 17 && fi != -17 && bits(ff) == bits(x) || true, "f32";
  assert (fu as f32) != 12.0 || (fi as f32) != 12.0 || i_f != 0.5, "mixed";
}
"#,
    ),
    (
        "i32_loops_negative_bounds",
        r#"
spec i32_loops_negative_bounds { version = "1" }
const LO: i32 = -2147483648;
input v: [u32; 4];
input s: i32 in -6..=6;
property negative_counters {
  var t: i32 = 0;
  for i in -5..3 { t += i; }
  for i in -3..=-1 { t -= i * s; }
  for i in LO..-2147483645 { t ^= i; }
  for i in 4..2 { t += 1000; }
  var n: u32 = 0;
  for i in -2..=2 {
    if i + s >= 0 && i + s < 4 { n += v[i + s]; }
  }
  assert t != 17, "sum";
  assert n != 5, "indexed by an i32 counter";
}
"#,
    ),
    (
        "constant_folding_edges",
        r#"
spec constant_folding_edges { version = "1" }
input x: f32;
input i: i32;
input u: u32;
property folded_constants {
  let big = 3.0e38 * 10.0;
  let m: i32 = -2147483648;
  assert !(x == big) && !(x == -big), "infinities";
  assert i / -1 != m || i == m, "MIN / -1 at run time";
  assert m / -1 == m && m % -1 == 0, "MIN / -1 folded";
  assert (i + 2147483647) != m || i != 1, "i32 wrap";
  assert u * 4294967295 != 1 || u == 4294967295, "u32 wrap";
  assert (u << 40) != 3, "shift by 40";
  assert from_bits(0x7FC00001) != x || is_nan(x), "NaN constant with a payload";
  assert 1.0 / 0.0 > x || is_nan(x) || is_inf(x), "inf constant";
  assert (4294967295 as f32) as u32 == 4294967295, "saturating cast";
  assert (-1.0e10 as i32) == m, "saturating cast to i32";
}
"#,
    ),
    (
        "no_inputs",
        r#"
spec no_inputs { version = "1" }
const K: u32 = 7;
property constants_only {
  let a = K * 6;
  assert a == 42, "arithmetic";
  cover a > 40, "always";
}
"#,
    ),
    (
        "zero_asserts",
        r#"
spec zero_asserts { version = "1" }
input x: i32 in -10..=10;
input y: f32 in {0.5, -0.0, 2.0};
property only_covers {
  let d = x * 2;
  cover d > 4, "big";
  cover y == 2.0, "two";
}
property only_assume {
  assume x != 3;
}
property empty {
  let unused = x + 1;
}
"#,
    ),
];

/// Loops whose inclusive upper bound is the largest value of the counter's type: the exclusive end (`MAX + 1`) does
/// not fit the type.
const LOOPS_TO_TYPE_MAX: (&str, &str) = (
    "loops_to_type_max",
    r#"
spec loops_to_type_max { version = "1" }
const TOP_U: u32 = 4294967295;
const NEAR_U: u32 = 4294967290;
const NEAR_I: i32 = 2147483640;
input x: u32 in 0..=3;
property u32_loop_ends_at_max {
  var n: u32 = 0;
  for i in NEAR_U..=TOP_U { n += 1; }
  assert n == 6, "a u32 loop up to 4294967295 runs 6 times";
}
property i32_loop_ends_at_max {
  var n: u32 = 0;
  for i in NEAR_I..=2147483647 { n += 1; }
  assert n == 8 + x - x, "an i32 loop up to 2147483647 runs 8 times";
}
"#,
);

fn tricky_specs() -> Vec<(&'static str, &'static str)> {
    let mut v = TRICKY.to_vec();
    v.push(LOOPS_TO_TYPE_MAX);
    v
}

fn compile_tricky(name: &str, text: &str) -> (Program, vecrun::check::TypedSpec) {
    let spec = support::compile_text(text);
    let program = vecrun::ir::lower(&spec);
    assert!(!program.properties.is_empty(), "{name}: no properties");
    (program, spec)
}

#[test]
fn tricky_specs_emit_valid_wgsl() {
    let mut problems = Vec::new();
    for (name, text) in tricky_specs() {
        let (program, _) = compile_tricky(name, text);
        match vecrun::gpu::shader_source(&program) {
            Ok(wgsl) => {
                if let Err(e) = vecrun::gpu::validate_wgsl(&wgsl) {
                    problems.push(format!("{name}: the generated WGSL does not validate:\n{e}"));
                }
            }
            Err(e) => problems.push(format!("{name}: no shader: {e}")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

const CAP: usize = 64;

fn evaluate(backend: &mut dyn Backend, program: &Program, ranges: &[(Phase, u64, u64)]) -> Vec<PropertyStats> {
    let mut total: Vec<PropertyStats> = program.properties.iter().map(PropertyStats::new).collect();
    for &(phase, start, end) in ranges {
        let part = backend
            .run_range(phase, start, end, CAP)
            .unwrap_or_else(|e| panic!("{} backend failed on {phase:?} {start}..{end}: {e}", backend.name()));
        for (t, p) in total.iter_mut().zip(&part) {
            t.merge(p, CAP);
        }
    }
    total
}

/// Runs `text` on the CPU backend (the reference) and on the GPU adapter over edge, random and exhaustive vectors;
/// one line per difference in counts or failing indices, and per backend-divergent vector list.
fn gpu_vs_cpu(dev: &vecrun::gpu::GpuDevice, name: &str, text: &str) -> Vec<String> {
    let (program, spec) = compile_tricky(name, text);
    let generator = Generator::new(&program.slots, 11, spec.input_hash);
    let mut ranges = vec![(Phase::Edge, 0, generator.edge.len()), (Phase::Random, 0, 5_000)];
    if let Some(space) = generator.space() {
        ranges.push((Phase::Exhaustive, 0, space.min(5_000)));
    }
    let mut cpu = CpuBackend::new(&program, generator.clone(), 1).expect("cpu backend");
    let want = evaluate(&mut cpu, &program, &ranges);
    let verifier = CpuBackend::new(&program, generator.clone(), 1).expect("cpu backend");
    let mut gpu = match GpuBackend::new(dev.clone(), &program, generator.clone(), verifier) {
        Ok(g) => g,
        Err(e) => return vec![format!("{name}: GPU backend: {e}")],
    };
    let got = evaluate(&mut gpu, &program, &ranges);
    let mut problems = Vec::new();
    if !gpu.divergences.is_empty() {
        let shown: Vec<String> = gpu.divergences.iter().take(3).map(|d| format!("{d:?}")).collect();
        problems.push(format!("{name}: {} backend-divergent vectors, e.g. {}", gpu.divergences.len(), shown.join("; ")));
    }
    for ((p, g), w) in program.properties.iter().zip(&got).zip(&want) {
        if g != w {
            problems.push(format!(
                "{name}: property `{}`:
  GPU {g:?}
  CPU {w:?}",
                p.name
            ));
        }
    }
    problems
}

/// The tricky specs also run on the GPU adapter with the CPU backend's counts and failing indices, and no
/// backend-divergent counterexample.
#[test]
fn tricky_specs_gpu_verdicts_equal_cpu() {
    let Some(dev) = support::gpu_device() else { return };
    let problems: Vec<String> = TRICKY.iter().flat_map(|(name, text)| gpu_vs_cpu(&dev, name, text)).collect();
    assert!(problems.is_empty(), "GPU ({}) and CPU disagree:\n{}", dev.adapter.name, problems.join("\n"));
}

/// `for i in NEAR..=MAX` runs `MAX - NEAR + 1` times on the CPU; the WGSL writer (src/gpu/emit.rs, `block`,
/// `Inst::For`) emits `i < end` with the exclusive end `MAX + 1` cast to the counter type, which wraps to `0u` (u32)
/// or `i32(-2147483647 - 1)` (i32), so the loop body never runs on the GPU.
#[test]
fn gpu_loop_up_to_type_max_runs_every_iteration() {
    let Some(dev) = support::gpu_device() else { return };
    let (name, text) = LOOPS_TO_TYPE_MAX;
    let problems = gpu_vs_cpu(&dev, name, text);
    assert!(problems.is_empty(), "GPU ({}) and CPU disagree:\n{}", dev.adapter.name, problems.join("\n"));
}

//! Structs and tuples: what they mean on every backend against an independent Rust model, record
//! inputs generated field by field, constants and the reference interpreter, the spec hash, the
//! formatter, and the errors for what stays unsupported.

mod support;

use vecrun::check::{TypedSpec, Value};
use vecrun::run::{Backend, Phase};
use vecrun::sem::ScalarType;

/// A spec whose failures a few lines of Rust can count exactly over the whole space.
const SPEC: &str = r#"spec rec { }

struct Span {
  start: u32,
  len: u32,
}

struct Moved {
  span: Span,
  shifted: bool,
  trail: [u32; 2],
}

fn end(s: Span) -> u32 {
  return s.start + s.len;
}

fn shift(s: Span, by: u32) -> Moved {
  var m = Moved { span: s, shifted: by != 0, trail: [s.start, 0] };
  m.span.start += by;
  m.trail[1] = end(m.span);
  return m;
}

fn divmod(a: u32, b: u32) -> (u32, u32) {
  return (a / b, a % b);
}

input s: Span in { start: 0..64, len: 0..16 };
input by: u32 in 0..8;

property shifts {
  let m = shift(s, by);
  let (q, r) = divmod(end(m.span), 4);
  assert q * 4 + r == end(s) + by;
  assert m.trail == [s.start, end(s) + by];
  assert m.span == Span { start: s.start + by, len: s.len } && m.shifted == (by != 0);
  // Fails when the shifted span ends on a multiple of 4 and was moved: counted below.
  assert r != 0 || !m.shifted, "moved onto a multiple of 4";
}

property copies {
  var a = s;
  let b = a;
  a.len = by;
  assert b == s && a.start == s.start && a.len == by;
  var t = [s.start, s.len];
  let m = Moved { span: s, shifted: false, trail: t };
  t[0] = 99;
  assert m.trail[0] == s.start && t[0] == 99, "a record literal copies the arrays it is built from";
  // Fails where s.len != by: the copy kept the old length.
  assert a == b, "a field written after a copy";
}
"#;

/// The failures of each assert of `SPEC`'s two properties, computed in Rust over the whole space.
fn model() -> (Vec<u64>, Vec<u64>) {
    let (mut shifts, mut copies) = (vec![0u64; 4], vec![0u64; 3]);
    for start in 0..64u32 {
        for len in 0..16u32 {
            for by in 0..8u32 {
                if (start + len + by) % 4 == 0 && by != 0 {
                    shifts[3] += 1;
                }
                if len != by {
                    copies[2] += 1;
                }
            }
        }
    }
    (shifts, copies)
}

#[test]
fn records_mean_the_same_on_the_cpu_the_gpu_and_the_solver_as_in_rust() {
    let c = support::compile(SPEC);
    let names: Vec<&str> = c.program.inputs.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["s.start", "s.len", "by"], "a record input is one input per field, named by its path");
    let space = c.generator.space().expect("finite");
    assert_eq!(space, 64 * 16 * 8);
    let mut cpu = support::cpu(&c);
    let stats = cpu.run_range(Phase::Exhaustive, 0, space, 10).expect("cpu runs");
    let (shifts, copies) = model();
    assert_eq!(stats[0].fails_by_assert, shifts, "shifts");
    assert_eq!(stats[1].fails_by_assert, copies, "copies");
    assert!(shifts[3] > 0 && copies[2] > 0, "both failing asserts fail somewhere");
    // The solver refutes exactly the asserts that fail, and proves the rest.
    let goals = vecrun::solver::prove(&c.program, &vecrun::solver::SolverOptions::z3()).expect("the solver runs");
    for g in &goals {
        let vecrun::solver::Site::Assert(a) = g.site else { continue };
        let fails = [&shifts, &copies][g.property][a as usize] > 0;
        match &g.result {
            vecrun::solver::GoalResult::Refuted { .. } => assert!(fails, "refuted but never fails: {g:?}"),
            vecrun::solver::GoalResult::Proven => assert!(!fails, "proven but fails: {g:?}"),
            vecrun::solver::GoalResult::Unknown { .. } => panic!("undecided: {g:?}"),
        }
    }
    let Some(dev) = support::gpu_device() else { return };
    let mut gpu = vecrun::gpu::GpuBackend::new(dev, &c.program, c.generator.clone(), support::cpu(&c)).expect("gpu backend");
    let got = gpu.run_range(Phase::Exhaustive, 0, space, 10).expect("gpu runs");
    assert_eq!(got, stats);
}

fn point_spec(extra: &str) -> TypedSpec {
    support::compile_text(&format!(
        "spec s {{ }}\nstruct Point {{\n  x: i32,\n  y: i32,\n}}\n{extra}\ninput v: i32 in 0..4;\nproperty p {{ assert v == v; }}\n"
    ))
}

#[test]
fn constants_and_the_interpreter_compute_records() {
    let spec = point_spec(
        "fn mirror(p: Point) -> Point { return Point { x: p.y, y: p.x }; }\n\
         fn pair(a: i32) -> (i32, Point) { let p = mirror(Point { x: a, y: 2 }); return (p.x + p.y, p); }\n\
         const ORIGIN: Point = Point { x: 0, y: 0 };\n\
         const PAIR: (i32, Point) = pair(5);\n\
         const SAME: bool = mirror(mirror(ORIGIN)) == ORIGIN && PAIR.1.y == 5 && PAIR != (7, ORIGIN);",
    );
    let value = |name: &str| spec.consts.iter().find(|c| c.name == name).map(|c| c.value.clone()).expect("const");
    let i = |v: i32| Value::Scalar(ScalarType::I32, v as u32 as u64);
    let Value::Record(point, origin) = value("ORIGIN") else { panic!("a record") };
    assert_eq!(origin, vec![i(0), i(0)]);
    let Value::Record(_, pair) = value("PAIR") else { panic!("a record") };
    assert_eq!(pair, vec![i(7), Value::Record(point, vec![i(2), i(5)])]);
    assert_eq!(value("SAME"), Value::Scalar(ScalarType::Bool, 1));
    assert_eq!(spec.records.name(vecrun::check::Type::Record(point)), "Point");
    assert_eq!(value("PAIR").bits(), vec![7, 2, 5]);
}

#[test]
fn the_hash_follows_what_records_mean_not_where_they_are_declared() {
    let point = "struct Point {\n  x: i32,\n  y: i32,\n}\n";
    let body = "fn f(p: Point) -> (i32, i32) { return (p.x, p.y); }\nconst Z: (i32, i32) = f(Point { x: 1, y: 2 });\n";
    let tail = "input v: i32 in 0..4;\nproperty p { assert Z.0 == 1 && f(Point { x: v, y: v }).1 == v; }\n";
    let a = support::compile_text(&format!("spec s {{ }}\n{point}{body}{tail}"));
    let b = support::compile_text(&format!("spec s {{ }}\nfn g(t: (u32, bool)) -> u32 {{ return t.0; }}\n{body}{point}{tail}"));
    assert_eq!(a.hash, b.hash, "another tuple type met first, and the struct declared last, change nothing");
    let rename = |t: &str| t.replace("y: i32", "z: i32").replace("p.y", "p.z").replace("y: 2", "z: 2").replace("y: v", "z: v");
    let renamed = support::compile_text(&format!("spec s {{ }}\n{}{}{}", rename(point), rename(body), rename(tail)));
    assert_ne!(a.hash, renamed.hash, "a field's name is part of the spec");
}

#[test]
fn the_formatter_keeps_structs_tuples_and_patterns() {
    let text = "spec s { }\nstruct P { x: u32, y: (u32, bool) }\nfn f(a: u32) -> P { let x = a; return P { x, y: (a, true) }; }\ninput p: P in { x: 0..4 };\nproperty q { let (a, _) = p.y; var c = f(a); c.y.0 = 1; assert c.x == a && (c.y.0, c.y.1) == (1, true); }\n";
    let once = vecrun::fmt::format_text(text).expect("formats");
    assert!(once.contains("struct P {\n  x: u32,\n  y: (u32, bool),\n}"), "{once}");
    assert!(once.contains("return P { x, y: (a, true) };"), "{once}");
    assert!(once.contains("let (a, _) = p.y;") && once.contains("c.y.0 = 1;") && once.contains("in { x: 0..4 }"), "{once}");
    assert_eq!(vecrun::fmt::format_text(&once).expect("formats again"), once, "idempotent");
    let _ = support::compile_text(&once);
}

/// Each unsupported or wrong use of a record is an error with its own code.
#[test]
fn record_errors_name_the_problem() {
    let cases: [(&str, &str); 12] = [
        ("struct E { }", "E0211"),
        ("fn f(t: (u32,)) -> u32 { return 0; }", "E0212"),
        ("struct P { x: u32 }\nfn f(p: P) -> u32 { return p.z; }", "E0213"),
        ("fn f(v: u32) -> u32 { return v.x; }", "E0213"),
        ("struct P { x: u32, y: u32 }\nfn f() -> P { return P { x: 1 }; }", "E0214"),
        ("struct P { x: u32, x: u32 }", "E0215"),
        ("struct P { x: u32, y: u32 }\nfn f() -> P { return P { x: 1, x: 2, y: 3 }; }", "E0215"),
        ("struct A { b: B }\nstruct B { a: (u32, A) }", "E0216"),
        ("fn f() -> u32 { let (a, b, c) = (1, 2); return a; }", "E0217"),
        ("struct P { x: [u32; 2] }\nfn f(a: [P; 2]) -> u32 { return 0; }", "E0218"),
        ("struct P { x: u32 }\nextern fn f(p: P) -> u32;", "E0218"),
        ("struct P { x: u32 }\ninput q: P in 0..3;", "E0218"),
    ];
    for (items, code) in cases {
        let text = format!("spec s {{ }}\n{items}\ninput v: u32;\nproperty p {{ assert v == v; }}\n");
        let loaded = vecrun::load::load_text(std::path::Path::new("t.vspec"), text.clone(), &vecrun::load::MemoryFs::new());
        let diags = match vecrun::check::check(loaded) {
            Ok(_) => panic!("accepted:\n{text}"),
            Err(d) => d,
        };
        assert!(
            diags.iter().any(|d| d.code == code),
            "{code} for:\n{text}\ngot {:?}",
            diags.iter().map(|d| (&d.code, &d.message)).collect::<Vec<_>>()
        );
    }
}

/// Arrays of records: an input generated field by field as arrays, a stable sort that swaps whole
/// records, element reads and writes, whole-array equality; counted against Rust over all 4_096
/// vectors on every backend.
const SORT: &str = r#"spec sort { }

struct Item {
  key: u32,
  id: u32,
}

fn sort_by_key(items: [Item; 4]) -> [Item; 4] {
  var out = items;
  for pass in 0..3 {
    for j in 0..3 {
      if out[j].key > out[j + 1].key {
        let t = out[j];
        out[j] = out[j + 1];
        out[j + 1] = t;
      }
    }
  }
  return out;
}

input items: [Item; 4] in { key: 0..4, id: 0..2 };

property sorted {
  let s = sort_by_key(items);
  for j in 0..3 {
    assert s[j].key <= s[j + 1].key;
  }
  assert s[0].id + s[1].id + s[2].id + s[3].id == items[0].id + items[1].id + items[2].id + items[3].id;
  assert sort_by_key(s) == s;
  var copy = items;
  copy[1].id = 7;
  assert copy[1] != items[1] && copy[0] == items[0];
  // Fails when the first smallest key is not first and carries another id: counted below.
  assert s[0].id == items[0].id, "the first item moved";
}
"#;

#[test]
fn arrays_of_records_sort_like_rust_on_every_backend() {
    let c = support::compile(SORT);
    let names: Vec<&str> = c.program.inputs.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["items.key", "items.id"], "an array of records is one array input per field");
    let space = c.generator.space().expect("finite");
    assert_eq!(space, 4096);
    let mut cpu = support::cpu(&c);
    let stats = cpu.run_range(Phase::Exhaustive, 0, space, 10).expect("cpu runs");
    // The model: a stable sort's first element is the first item with the smallest key.
    let mut moved = 0u64;
    for v in 0..space {
        let key: Vec<u64> = (0..4).map(|k| (v / 4u64.pow(k)) % 4).collect();
        let id: Vec<u64> = (0..4).map(|k| (v / (256 * 2u64.pow(k))) % 2).collect();
        let min = *key.iter().min().expect("four keys");
        let first = key.iter().position(|k| *k == min).expect("a minimum");
        if id[first] != id[0] {
            moved += 1;
        }
    }
    assert!(moved > 0);
    assert_eq!(stats[0].fails_by_assert, vec![0, 0, 0, 0, moved]);
    let Some(dev) = support::gpu_device() else { return };
    let mut gpu = vecrun::gpu::GpuBackend::new(dev, &c.program, c.generator.clone(), support::cpu(&c)).expect("gpu backend");
    assert_eq!(gpu.run_range(Phase::Exhaustive, 0, space, 10).expect("gpu runs"), stats);
}

#[test]
fn constant_arrays_of_records_and_the_interpreter() {
    let spec = point_spec(
        "const PTS: [Point; 3] = [Point { x: 1, y: 2 }, Point { x: 3, y: 4 }, Point { x: 5, y: 6 }];\n\
         fn flip(ps: [Point; 3]) -> [Point; 3] { var out = ps; for k in 0..3 { out[k] = Point { x: ps[k].y, y: ps[k].x }; } out[0].x = 9; return out; }\n\
         const FLIPPED: [Point; 3] = flip(PTS);\n\
         const SUM: i32 = FLIPPED[1].x + FLIPPED[2].y + len(PTS) as i32;",
    );
    let value = |name: &str| spec.consts.iter().find(|c| c.name == name).map(|c| c.value.clone()).expect("const");
    assert_eq!(value("FLIPPED").bits(), vec![9, 1, 4, 3, 6, 5]);
    assert_eq!(value("SUM"), Value::Scalar(ScalarType::I32, 4 + 5 + 3));
}

/// `vecrun vectors --fn`: a struct parameter reads its record input's fields, and a struct or tuple
/// result is one column per part; values checked against Rust.
#[test]
fn exported_vectors_bind_record_inputs_and_split_record_results() {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Int32Type, UInt32Type};
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("v.vspec");
    std::fs::write(
        &spec,
        "spec v { }\nstruct Pair {\n  lo: u32,\n  hi: u32,\n}\nfn swap(p: Pair) -> (u32, Pair) {\n  return (p.lo + p.hi, Pair { lo: p.hi, hi: p.lo });\n}\n\
         input p: Pair in { lo: 0..100, hi: 0..10 };\nproperty q {\n  assert swap(p).0 == p.lo + p.hi;\n}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_vecrun"))
        .args(["vectors", spec.to_str().unwrap(), "--fn", "swap", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let file = std::fs::File::open(out.join("vectors.parquet")).unwrap();
    let mut rows = 0;
    for batch in parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap() {
        let batch = batch.unwrap();
        let col = |name: &str| batch.column_by_name(name).unwrap_or_else(|| panic!("column {name}")).as_primitive::<UInt32Type>().clone();
        let (lo, hi, sum, slo, shi) =
            (col("p.lo"), col("p.hi"), col("expected.swap.0"), col("expected.swap.1.lo"), col("expected.swap.1.hi"));
        for r in 0..batch.num_rows() {
            assert_eq!((sum.value(r), slo.value(r), shi.value(r)), (lo.value(r) + hi.value(r), hi.value(r), lo.value(r)));
            rows += 1;
        }
    }
    assert_eq!(rows, 1000, "the whole space, enumerated");
    // Hinnant's days_from_civil of the gallery, on its `date` record input, against the same algorithm in Rust.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_vecrun"))
        .args([
            "vectors",
            "datasets/specs/gallery/civil_dates.vspec",
            "--count",
            "3000",
            "--fn",
            "days_from_civil",
            "--out",
            out.to_str().unwrap(),
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let days = |y: i64, m: i64, d: i64| {
        let y = if m <= 2 { y - 1 } else { y };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468
    };
    let file = std::fs::File::open(out.join("vectors.parquet")).unwrap();
    let mut checked = 0;
    for batch in parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap() {
        let batch = batch.unwrap();
        let year = batch.column_by_name("date.year").unwrap().as_primitive::<Int32Type>().clone();
        let month = batch.column_by_name("date.month").unwrap().as_primitive::<UInt32Type>().clone();
        let day = batch.column_by_name("date.day").unwrap().as_primitive::<UInt32Type>().clone();
        let got = batch.column_by_name("expected.days_from_civil").unwrap().as_primitive::<Int32Type>().clone();
        for r in 0..batch.num_rows() {
            let want = days(year.value(r) as i64, month.value(r) as i64, day.value(r) as i64);
            assert_eq!(got.value(r) as i64, want, "{}-{}-{}", year.value(r), month.value(r), day.value(r));
            checked += 1;
        }
    }
    assert_eq!(checked, 3000);
}

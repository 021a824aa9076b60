//! The narrow integers `u8`, `u16`, `i8` and `i16`: `sem` against Rust's own types on every 8-bit
//! operand pair, the lowered carrier code on every backend over the whole space of
//! `tests/conformance/narrow_ints.vspec` against Rust, typed Parquet columns and replay through
//! the binary, and the errors at their edges.

mod support;

use std::path::Path;

use vecrun::run::{Backend, Phase};
use vecrun::sem::{self, Builtin, ScalarType};
use vecrun::syntax::ast::{BinOp, UnOp};

/// Carried pattern of a narrow value (as `sem` and the backends hold it).
fn c8(v: i8) -> u32 {
    v as i32 as u32
}

#[test]
fn sem_matches_rusts_own_u8_and_i8_on_every_pair_and_u16_i16_on_edges() {
    use BinOp::*;
    let bin = |op, t, x: u32, y: u32| sem::binary(op, t, x, y);
    for x in 0..=255u8 {
        for y in 0..=255u8 {
            let (cx, cy) = (x as u32, y as u32);
            let u = ScalarType::U8;
            assert_eq!(bin(Add, u, cx, cy), x.wrapping_add(y) as u32);
            assert_eq!(bin(Sub, u, cx, cy), x.wrapping_sub(y) as u32);
            assert_eq!(bin(Mul, u, cx, cy), x.wrapping_mul(y) as u32);
            assert_eq!(bin(Div, u, cx, cy), x.checked_div(y).unwrap_or(x) as u32, "{x} / {y}");
            assert_eq!(bin(Rem, u, cx, cy), if y == 0 { 0 } else { x % y } as u32);
            assert_eq!(bin(Shl, u, cx, cy), x.wrapping_shl(y as u32) as u32);
            assert_eq!(bin(Shr, u, cx, cy), x.wrapping_shr(y as u32) as u32);
            assert_eq!(bin(Lt, u, cx, cy), (x < y) as u32);
            assert_eq!(sem::builtin(Builtin::AddOverflows, u, &[cx, cy]), x.checked_add(y).is_none() as u32);
            assert_eq!(sem::builtin(Builtin::MulOverflows, u, &[cx, cy]), x.checked_mul(y).is_none() as u32);
            assert_eq!(sem::builtin(Builtin::SaturatingAdd, u, &[cx, cy]), x.saturating_add(y) as u32);
            assert_eq!(sem::builtin(Builtin::SaturatingSub, u, &[cx, cy]), x.saturating_sub(y) as u32);
            assert_eq!(sem::builtin(Builtin::MulHi, u, &[cx, cy]), ((x as u16 * y as u16) >> 8) as u32);

            let (p, q) = (x as i8, y as i8);
            let (cp, cq) = (c8(p), c8(q));
            let i = ScalarType::I8;
            assert_eq!(bin(Add, i, cp, cq), c8(p.wrapping_add(q)));
            assert_eq!(bin(Sub, i, cp, cq), c8(p.wrapping_sub(q)));
            assert_eq!(bin(Mul, i, cp, cq), c8(p.wrapping_mul(q)));
            assert_eq!(bin(Div, i, cp, cq), c8(if q == 0 { p } else { p.wrapping_div(q) }), "{p} / {q}");
            assert_eq!(bin(Rem, i, cp, cq), c8(if q == 0 { 0 } else { p.wrapping_rem(q) }));
            assert_eq!(bin(Shl, i, cp, cq), c8(p.wrapping_shl(q as u32)));
            assert_eq!(bin(Shr, i, cp, cq), c8(p.wrapping_shr(q as u32)));
            assert_eq!(bin(Le, i, cp, cq), (p <= q) as u32);
            assert_eq!(sem::builtin(Builtin::SubOverflows, i, &[cp, cq]), p.checked_sub(q).is_none() as u32);
            assert_eq!(sem::builtin(Builtin::MulOverflows, i, &[cp, cq]), p.checked_mul(q).is_none() as u32);
            assert_eq!(sem::builtin(Builtin::SaturatingSub, i, &[cp, cq]), c8(p.saturating_sub(q)));
            assert_eq!(sem::builtin(Builtin::MulHi, i, &[cp, cq]), c8(((p as i16 * q as i16) >> 8) as i8));
            assert_eq!(sem::builtin(Builtin::Min, i, &[cp, cq]), c8(p.min(q)));
        }
        let p = x as i8;
        assert_eq!(sem::unary(UnOp::Neg, ScalarType::I8, c8(p)), c8(p.wrapping_neg()));
        assert_eq!(sem::unary(UnOp::BitNot, ScalarType::U8, x as u32), !x as u32);
        assert_eq!(sem::builtin(Builtin::Abs, ScalarType::I8, &[c8(p)]), c8(p.wrapping_abs()));
        assert_eq!(sem::builtin(Builtin::CountOnes, ScalarType::I8, &[c8(p)]), p.count_ones());
        assert_eq!(sem::builtin(Builtin::LeadingZeros, ScalarType::I8, &[c8(p)]), p.leading_zeros());
        assert_eq!(sem::builtin(Builtin::TrailingZeros, ScalarType::U8, &[x as u32]), x.trailing_zeros());
        // Casts are Rust's `as`.
        assert_eq!(sem::cast(ScalarType::U8, ScalarType::I8, x as u32), c8(x as i8));
        assert_eq!(sem::cast(ScalarType::I8, ScalarType::U16, c8(p)), p as u16 as u32);
        assert_eq!(sem::cast(ScalarType::I8, ScalarType::U32, c8(p)), p as u32);
        assert_eq!(sem::cast(ScalarType::I8, ScalarType::F32, c8(p)), (p as f32).to_bits());
    }
    let edges16: Vec<i16> = vec![i16::MIN, i16::MIN + 1, -257, -256, -129, -128, -1, 0, 1, 2, 127, 128, 255, 256, 4095, i16::MAX];
    for &p in &edges16 {
        for &q in &edges16 {
            let (cp, cq) = (p as i32 as u32, q as i32 as u32);
            let i = ScalarType::I16;
            assert_eq!(sem::binary(Mul, i, cp, cq), p.wrapping_mul(q) as i32 as u32);
            assert_eq!(sem::binary(Div, i, cp, cq), if q == 0 { p } else { p.wrapping_div(q) } as i32 as u32);
            assert_eq!(sem::builtin(Builtin::SaturatingAdd, i, &[cp, cq]), p.saturating_add(q) as i32 as u32);
            let (x, y) = (p as u16, q as u16);
            let u = ScalarType::U16;
            assert_eq!(sem::binary(Sub, u, x as u32, y as u32), x.wrapping_sub(y) as u32);
            assert_eq!(sem::binary(Shl, u, x as u32, y as u32), x.wrapping_shl(y as u32) as u32);
            assert_eq!(sem::builtin(Builtin::MulHi, u, &[x as u32, y as u32]), ((x as u32 * y as u32) >> 16));
            assert_eq!(sem::builtin(Builtin::AddOverflows, u, &[x as u32, y as u32]), x.checked_add(y).is_none() as u32);
        }
    }
    // Floats to narrow integers saturate, NaN to 0 (Rust's `as`).
    for f in [f32::NAN, f32::INFINITY, f32::NEG_INFINITY, -0.0, 0.5, 127.9, 128.0, 255.5, 256.0, -128.9, -129.0, 40000.0, -40000.0, 1e10] {
        let b = f.to_bits();
        assert_eq!(sem::cast(ScalarType::F32, ScalarType::U8, b), f as u8 as u32, "{f} as u8");
        assert_eq!(sem::cast(ScalarType::F32, ScalarType::I8, b), c8(f as i8), "{f} as i8");
        assert_eq!(sem::cast(ScalarType::F32, ScalarType::U16, b), f as u16 as u32, "{f} as u16");
        assert_eq!(sem::cast(ScalarType::F32, ScalarType::I16, b), f as i16 as i32 as u32, "{f} as i16");
    }
}

fn conformance_spec() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/narrow_ints.vspec")).expect("the spec")
}

/// The failures of each assert of `counted` (the first failing assert of a vector counts), from
/// Rust's own u8, i8 and i16, over the whole space.
fn counted_model() -> Vec<u64> {
    let ws: [i16; 14] = [-32768, -32767, -257, -256, -129, -128, -1, 0, 1, 127, 128, 255, 256, 32767];
    let mut fails = vec![0u64; 4];
    for a in 0..=255u8 {
        for b in 0..=255u8 {
            for &w in &ws {
                let (p, q) = (a as i8, b as i8);
                let quotient = if q == 0 { p } else { p.wrapping_div(q) };
                let checks = [
                    a.wrapping_add(b) >= a,
                    quotient != i8::MIN,
                    w.saturating_add((a as i16).wrapping_mul(200)) != i16::MAX,
                    (a as i8).leading_zeros() != 2,
                ];
                if let Some(k) = checks.iter().position(|ok| !ok) {
                    fails[k] += 1;
                }
            }
        }
    }
    fails
}

#[test]
fn narrow_integers_mean_what_rust_says_on_every_backend_over_the_whole_space() {
    let c = support::compile(&conformance_spec());
    let kinds: Vec<String> = c.program.inputs.iter().map(|i| i.ty.to_string()).collect();
    assert_eq!(kinds, ["u8", "u8", "i16"], "inputs keep their declared types");
    vecrun::ir::validate(&c.program).expect("the IR holds carriers only");
    let space = c.generator.space().expect("finite");
    assert_eq!(space, 256 * 256 * 14);
    let mut cpu = support::cpu(&c);
    let stats = cpu.run_range(Phase::Exhaustive, 0, space, 10).expect("cpu runs");
    let names: Vec<&str> = c.program.properties.iter().map(|p| p.name.as_str()).collect();
    for (p, s) in names.iter().zip(&stats) {
        assert_eq!(s.evaluated, space, "{p}");
        if *p != "counted" {
            assert_eq!(s.failed, 0, "{p}: an identity fails: {:?}", s.fails_by_assert);
        }
    }
    let counted = &stats[names.iter().position(|p| *p == "counted").expect("counted")];
    let model = counted_model();
    assert!(model.iter().all(|n| *n > 0), "every counted assert fails somewhere: {model:?}");
    assert_eq!(counted.fails_by_assert, model, "counted: the carrier code against Rust's narrow integers");
    let Some(dev) = support::gpu_device() else { return };
    let mut gpu = vecrun::gpu::GpuBackend::new(dev, &c.program, c.generator.clone(), support::cpu(&c)).expect("gpu backend");
    let got = gpu.run_range(Phase::Exhaustive, 0, space, 10).expect("gpu runs");
    assert!(gpu.divergences.is_empty(), "{:?}", gpu.divergences);
    assert_eq!(got, stats, "the GPU agrees with the CPU on every count");
}

#[test]
fn mul_wide_is_the_whole_product_at_check_time_and_at_run_time() {
    let spec = support::compile_text(
        "spec s { }\nconst U: (u32, u32) = mul_wide(0xFFFFFFFF, 0xFFFFFFFF);\nconst I: (u32, i32) = mul_wide(-7, 3);\n\
         const B: (u8, i8) = mul_wide(-128 as i8, -128);\ninput a: u32;\ninput b: u32;\n\
         property p {\n  let (lo, hi) = mul_wide(a, b);\n  assert lo == a * b && hi == mul_hi(a, b);\n}\n",
    );
    let value = |name: &str| spec.consts.iter().find(|c| c.name == name).map(|c| c.value.bits()).expect("const");
    let product = 0xFFFF_FFFFu64 * 0xFFFF_FFFF;
    assert_eq!(value("U"), vec![product as u32, (product >> 32) as u32]);
    let product = -7i64 * 3;
    assert_eq!(value("I"), vec![product as u32, (product >> 32) as u32]);
    assert_eq!(value("B"), vec![0, 64], "-128 * -128 = 16384 = 64 * 256");
    // At run time: z3 proves the lowered pair is the wrapping product and mul_hi on every pair.
    let program = vecrun::ir::lower(&spec);
    let goals = vecrun::solver::prove(&program, &vecrun::solver::SolverOptions::z3()).expect("the solver runs");
    assert!(goals.iter().all(|g| matches!(g.result, vecrun::solver::GoalResult::Proven)), "{goals:?}");
}

#[test]
fn the_solver_proves_narrow_identities_and_refutes_a_wrapping_one() {
    let c = support::compile(
        "spec s { }\ninput a: u8;\ninput b: i8;\nproperty p {\n  \
         assert (a + a) as u32 == ((a as u32) * 2) & 255;\n  \
         assert saturating_add(b, b) as i32 == clamp(2 * (b as i32), -128, 127);\n  \
         assert a + 1 > a, \"wraps at 255\";\n}\n",
    );
    let goals = vecrun::solver::prove(&c.program, &vecrun::solver::SolverOptions::z3()).expect("the solver runs");
    let results: Vec<String> = goals
        .iter()
        .filter(|g| matches!(g.site, vecrun::solver::Site::Assert(_)))
        .map(|g| match &g.result {
            vecrun::solver::GoalResult::Proven => "proven".to_string(),
            vecrun::solver::GoalResult::Refuted { .. } => "refuted".to_string(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(results, ["proven", "proven", "refuted"]);
}

#[test]
fn narrow_inputs_are_typed_parquet_columns_that_replay_through_the_binary() {
    use arrow_array::cast::AsArray;
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("n.vspec");
    std::fs::write(&spec, "spec n { }\ninput a: u8;\ninput s: [i8; 2];\ninput h: u16 in 1000..=1010;\nproperty p {\n  assert a + 10 > a, \"wraps\";\n  assert s[0] != -128 || h > 0;\n}\n")
        .unwrap();
    let out = dir.path().join("out");
    let vecrun = |args: &[&str]| std::process::Command::new(env!("CARGO_BIN_EXE_vecrun")).args(args).output().unwrap();
    let o = vecrun(&["run", spec.to_str().unwrap(), "--backend", "cpu", "--vectors", "20000", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let file = std::fs::File::open(out.join("counterexamples/part-0.parquet")).unwrap();
    let mut rows = 0;
    for batch in parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap() {
        let batch = batch.unwrap();
        let a = batch.column_by_name("a").unwrap().as_primitive::<arrow_array::types::UInt8Type>();
        let shrunk = batch.column_by_name("shrunk_a").unwrap().as_primitive::<arrow_array::types::UInt8Type>();
        let h = batch.column_by_name("h").unwrap().as_primitive::<arrow_array::types::UInt16Type>();
        let s = batch.column_by_name("s").unwrap().as_fixed_size_list();
        assert_eq!(s.value_type(), arrow_schema::DataType::Int8);
        for r in 0..batch.num_rows() {
            assert!(a.value(r) >= 246, "only a sum past 255 wraps: {}", a.value(r));
            assert_eq!(shrunk.value(r), 246, "shrunk to the smallest wrapping value");
            assert!((1000..=1010).contains(&h.value(r)));
            rows += 1;
        }
    }
    assert!(rows > 0);
    let o = vecrun(&["replay", out.to_str().unwrap(), "--spec", spec.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert!(text.contains(&format!("{rows} still failing")), "{text}");
    // `vecrun vectors` writes typed columns that `--dataset` reads back: its rows fail exactly
    // where `a >= 246`.
    let vectors = dir.path().join("vectors");
    let o = vecrun(&["vectors", spec.to_str().unwrap(), "--count", "3000", "--out", vectors.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let from_dataset = dir.path().join("from-dataset");
    let file = vectors.join("vectors.parquet");
    let o = vecrun(&[
        "run",
        spec.to_str().unwrap(),
        "--dataset",
        file.to_str().unwrap(),
        "--vectors",
        "0",
        "--out",
        from_dataset.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let stored = vecrun::output::parquet::read_counterexamples(&from_dataset.join("counterexamples/part-0.parquet")).expect("rows");
    let mut wrapping = 0;
    for batch in parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&file).unwrap())
        .unwrap()
        .build()
        .unwrap()
    {
        let batch = batch.unwrap();
        let a = batch.column_by_name("a").unwrap().as_primitive::<arrow_array::types::UInt8Type>();
        wrapping += a.values().iter().filter(|v| **v >= 246).count() as u64;
    }
    assert!(wrapping > 0);
    let from_rows: Vec<u32> = stored.rows.iter().filter(|r| r.phase.name() == "dataset").map(|r| r.original[0]).collect();
    assert_eq!(from_rows.len() as u64, wrapping, "one stored row per wrapping dataset row");
    assert!(from_rows.iter().all(|a| (246..=255).contains(a)), "{from_rows:?}");
}

#[test]
fn narrow_literals_and_operators_have_located_errors() {
    let errors = |body: &str| {
        let text = format!("spec s {{ }}\ninput a: u8;\ninput b: i8;\nproperty p {{\n{body}\n}}\n");
        let loaded = vecrun::load::load_text(Path::new("t.vspec"), text, &vecrun::load::MemoryFs::new());
        let sources = loaded.sources.clone();
        match vecrun::check::check(loaded) {
            Ok(_) => panic!("accepted: {body}"),
            Err(d) => vecrun::diag::render(&sources, &d, vecrun::diag::Color::Never),
        }
    };
    let e = errors("  assert a != 256;");
    assert!(e.contains("literal out of range for u8") && e.contains("the largest u8 is 255") && e.contains("t.vspec:5:"), "{e}");
    let e = errors("  assert b != -129;");
    assert!(e.contains("literal out of range for i8"), "{e}");
    let e = errors("  assert -a == a;");
    assert!(e.contains("u8 has no negative values") && e.contains("x as i8"), "{e}");
    let e = errors("  assert a == b;");
    assert!(e.contains("mismatched types") && e.contains("did you mean `b as u8`"), "{e}");
    let e = errors("  let x: f128 = 1.0;");
    assert!(e.contains("unknown type `f128`"), "{e}");
    // In range, the same literals are accepted.
    support::compile_text("spec s { }\ninput a: u8;\ninput b: i8;\nproperty p {\n  assert a != 255 && b != -128 && b != 127;\n}\n");
}

/// Random expression trees over the narrow types, their casts and builtins, in a function `f` of
/// four narrow inputs: the lowered carrier code (on the CPU, and on lavapipe) and the reference
/// interpreter (which computes with `sem`'s narrow semantics directly, no carriers) agree on every
/// bit of `f` on every vector of an exhaustive space.
#[test]
fn random_narrow_programs_agree_with_the_reference_interpreter_on_every_vector() {
    const TYPES: [&str; 4] = ["u8", "i8", "u16", "i16"];
    fn leaf(rng: &mut support::Rng, t: &str) -> String {
        let input = match t {
            "u8" => "a",
            "i8" => "b",
            "u16" => "c",
            _ => "d",
        };
        if rng.chance(60) {
            return input.to_string();
        }
        let lits: &[&str] = match t {
            "u8" => &["0", "1", "7", "128", "255"],
            "i8" => &["0", "1", "(-1)", "(-128)", "127"],
            "u16" => &["0", "1", "255", "256", "65535"],
            _ => &["0", "1", "(-1)", "(-32768)", "32767"],
        };
        format!("({} as {t})", rng.pick(lits))
    }
    fn expr(rng: &mut support::Rng, t: &str, depth: u32) -> String {
        if depth == 0 || rng.chance(20) {
            return leaf(rng, t);
        }
        let d = depth - 1;
        let signed = t.starts_with('i');
        match rng.below(8) {
            0..=2 => {
                let op = rng.pick(&["+", "-", "*", "/", "%", "&", "|", "^"]);
                format!("({} {op} {})", expr(rng, t, d), expr(rng, t, d))
            }
            3 => {
                let op = rng.pick(&["<<", ">>"]);
                let amount = *rng.pick(&TYPES);
                format!("({} {op} {})", expr(rng, t, d), expr(rng, amount, d))
            }
            4 => {
                let from = *rng.pick(&TYPES);
                format!("({} as {t})", expr(rng, from, d))
            }
            5 => {
                let unary = if signed { *rng.pick(&["-", "~"]) } else { "~" };
                format!("({unary}{})", expr(rng, t, d))
            }
            6 => {
                let b = rng.pick(&["min", "max", "saturating_add", "saturating_sub", "mul_hi"]);
                format!("{b}({}, {})", expr(rng, t, d), expr(rng, t, d))
            }
            _ => {
                let (x, y) = (expr(rng, t, d), expr(rng, t, d));
                match rng.below(5) {
                    0 => format!("select({x} < {y}, {x}, {y})"),
                    1 => format!("(count_ones({x}) as {t})"),
                    2 => format!("(leading_zeros({x}) as {t})"),
                    3 => format!("select(add_overflows({x}, {y}), {x}, {y})"),
                    _ => format!("(mul_wide({x}, {y}).1)"),
                }
            }
        }
    }
    let bits = [0u32, 1, 3, 7, 8, 12, 15, 31];
    let mut rng = support::Rng(0x5EED_0008);
    let dev = support::gpu_device();
    for program in 0..24 {
        let t = *rng.pick(&TYPES);
        let body = expr(&mut rng, t, 5);
        let mut text = format!(
            "spec r {{ }}\ninput a: u8;\ninput b: i8 in {{-128, -1, 0, 1, 77, 127}};\ninput c: u16 in {{0, 1, 255, 4660, 65535}};\n\
             input d: i16 in {{-32768, -300, -1, 0, 2, 32767}};\nfn f(a: u8, b: i8, c: u16, d: i16) -> u32 {{\n  return {body} as u32;\n}}\n"
        );
        for k in bits {
            text.push_str(&format!("property bit{k} {{\n  assert (f(a, b, c, d) >> {k}) & 1 == 0;\n}}\n"));
        }
        let gpu = dev.as_ref().filter(|_| program % 4 == 0);
        let space = support::f_bits_agree(&text, &bits, &[vecrun::cpu::CpuEngine::Compiled], gpu, &format!("program {program}"));
        assert_eq!(space, 256 * 6 * 5 * 6);
    }
}

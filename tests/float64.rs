//! `f64`: every operator, comparison, cast and builtin of the lowered code against Rust's own
//! `f64` on the same vector indices, on both CPU engines and under a GPU backend (which runs
//! `f64` properties on the CPU, WGSL having no `f64`); literals and constants typed by context;
//! `f64` inputs drawn in range (random, edge and exhaustive phases), stored as `Float64` Parquet
//! columns, shrunk as whole values, saved as regressions and replayed.

mod support;

use vecrun::run::{Backend, Phase, PropertyStats};

/// Low words of the operands: zero, one, all ones, the top bit.
const LO: [u32; 4] = [0, 1, 0xFFFF_FFFF, 0x8000_0000];
/// High words of the operands: zeros and subnormals of both signs, 1.0, -1.5, 0.5, 2.0, infinity,
/// a quiet NaN, 2^63, -2^63, 2^32, the largest finite, 100.5 and -200.25.
const HI: [u32; 14] = [
    0x0000_0000,
    0x8000_0000,
    0x3FF0_0000,
    0xBFF8_0000,
    0x3FE0_0000,
    0x4000_0000,
    0x7FF0_0000,
    0x7FF8_0000,
    0x43E0_0000,
    0xC3E0_0000,
    0x41F0_0000,
    0x7FEF_FFFF,
    0x4059_2000,
    0xC069_0800,
];

/// One property per operation; `r: u64` is its result (an `f64` as its bits with every NaN made
/// the quiet NaN, a bool as 0/1, an integer zero- or sign-extended).
const OPS: &[(&str, &str)] = &[
    ("add", "canon(a + b)"),
    ("sub", "canon(a - b)"),
    ("mul", "canon(a * b)"),
    ("div", "canon(a / b)"),
    ("neg", "bits(-a)"),
    ("lit", "canon(a * 0.1 + 1.0e300)"),
    ("lit_left", "canon(2.5 - b)"),
    ("lt", "select(a < b, 1, 0)"),
    ("le", "select(a <= b, 1, 0)"),
    ("gt", "select(a > b, 1, 0)"),
    ("ge", "select(a >= b, 1, 0)"),
    ("eq", "select(a == b, 1, 0)"),
    ("ne", "select(a != b, 1, 0)"),
    ("tuple_eq", "select((a, 1) == (b, 1), 1, 0)"),
    ("array_eq", "select([a, b] == [b, a], 1, 0)"),
    ("min", "bits(min(a, b))"),
    ("max", "bits(max(a, b))"),
    ("clamp", "bits(clamp(a, b, 3.0))"),
    ("abs", "bits(abs(a))"),
    ("sqrt", "canon(sqrt(a))"),
    ("floor", "canon(floor(a))"),
    ("ceil", "canon(ceil(b))"),
    ("round", "canon(round(a))"),
    ("trunc", "canon(trunc(b))"),
    ("fma", "canon(fma(a, b, 0.25))"),
    ("is_nan", "select(is_nan(a), 1, 0)"),
    ("is_inf", "select(is_inf(b), 1, 0)"),
    ("is_finite", "select(is_finite(a), 1, 0)"),
    ("copysign", "bits(copysign(a, b))"),
    ("next_up", "canon(next_up(a))"),
    ("next_down", "canon(next_down(b))"),
    ("ulp", "ulp_distance(a, b)"),
    ("to_f32", "bits(a as f32) as u64"),
    ("to_u64", "a as u64"),
    ("to_i64", "(b as i64) as u64"),
    ("to_u32", "(a as u32) as u64"),
    ("to_i32", "(a as i32) as u64"),
    ("to_i8", "(b as i8) as u64"),
    ("to_u16", "(a as u16) as u64"),
    ("from_u64", "bits((bits(a) >> 3) as f64)"),
    ("from_i64", "bits(bits(b) as i64 as f64)"),
    ("from_u32", "bits(al as f64)"),
    ("from_i32", "bits((bh as i32) as f64)"),
    ("from_i16", "bits((al as i16) as f64)"),
    ("from_f32", "canon(from_bits(bh) as f64)"),
    ("from_bool", "bits((al > bl) as f64)"),
    ("max_const", "select(a < f64::MAX && a > f64::MIN, 1, 0)"),
    ("eps", "canon(a + f64::EPSILON)"),
    ("pass_through", "bits(pick(a, b, al))"),
];

/// Quiet NaN for every NaN (a produced NaN's sign and payload are unspecified: docs/semantics.md).
fn canon(x: f64) -> u64 {
    if x.is_nan() { 0x7FF8_0000_0000_0000 } else { x.to_bits() }
}

/// `min` and `max` as docs/semantics.md states them: a NaN operand yields the other, the first
/// when equal.
fn min(a: f64, b: f64) -> f64 {
    if a.is_nan() {
        b
    } else if b.is_nan() || b >= a {
        a
    } else {
        b
    }
}
fn max(a: f64, b: f64) -> f64 {
    if a.is_nan() {
        b
    } else if b.is_nan() || b <= a {
        a
    } else {
        b
    }
}

/// How many floats apart, written from the definition: the position among the floats.
fn ulp(a: f64, b: f64) -> u64 {
    if a.is_nan() || b.is_nan() {
        return u64::MAX;
    }
    let pos = |x: f64| if x.is_sign_negative() { -((x.to_bits() & !(1 << 63)) as i128) } else { x.to_bits() as i128 };
    (pos(a) - pos(b)).unsigned_abs() as u64
}

/// What Rust's own `f64` says each operation gives (the same order as [`OPS`]).
fn model(al: u32, ah: u32, bl: u32, bh: u32) -> Vec<u64> {
    let a = f64::from_bits((ah as u64) << 32 | al as u64);
    let b = f64::from_bits((bh as u64) << 32 | bl as u64);
    let z = |c: bool| c as u64;
    let sign = |x: i64| x as u64;
    vec![
        canon(a + b),
        canon(a - b),
        canon(a * b),
        canon(a / b),
        (-a).to_bits(),
        canon(a * 0.1 + 1.0e300),
        canon(2.5 - b),
        z(a < b),
        z(a <= b),
        z(a > b),
        z(a >= b),
        z(a == b),
        z(a != b),
        z(a == b),
        // `[a, b] == [b, a]`: both elements equal as floats.
        z(a == b),
        min(a, b).to_bits(),
        max(a, b).to_bits(),
        min(max(a, b), 3.0).to_bits(),
        a.abs().to_bits(),
        canon(a.sqrt()),
        canon(a.floor()),
        canon(b.ceil()),
        canon(a.round_ties_even()),
        canon(b.trunc()),
        canon(a.mul_add(b, 0.25)),
        z(a.is_nan()),
        z(b.is_infinite()),
        z(a.is_finite()),
        a.copysign(b).to_bits(),
        canon(a.next_up()),
        canon(b.next_down()),
        ulp(a, b),
        (a as f32).to_bits() as u64,
        a as u64,
        sign(b as i64),
        a as u32 as u64,
        sign(a as i32 as i64),
        sign(b as i8 as i64),
        a as u16 as u64,
        ((a.to_bits() >> 3) as f64).to_bits(),
        (b.to_bits() as i64 as f64).to_bits(),
        (al as f64).to_bits(),
        (bh as i32 as f64).to_bits(),
        (al as i16 as f64).to_bits(),
        canon(f32::from_bits(bh) as f64),
        ((al > bl) as u8 as f64).to_bits(),
        z(a < f64::MAX && a > f64::MIN),
        canon(a + f64::EPSILON),
        if al & 1 == 0 { a.to_bits() } else { b.to_bits() },
    ]
}

/// The check every property makes of its result: fails on about a third of the values, which ones
/// depending on every bit of `r`.
fn fails(r: u64) -> bool {
    let x = (r as u32) ^ ((r >> 32) as u32).wrapping_mul(2_654_435_761);
    let x = x ^ (x >> 15);
    x.wrapping_mul(0x2C1B_3C6D).is_multiple_of(3)
}

fn ops_spec() -> String {
    let set = |ws: &[u32]| ws.iter().map(|w| format!("0x{w:08X}")).collect::<Vec<_>>().join(", ");
    let (lo, hi) = (set(&LO), set(&HI));
    let mut s = format!(
        "spec f64_ops {{ }}\n\ninput al: u32 in {{{lo}}};\ninput ah: u32 in {{{hi}}};\ninput bl: u32 in {{{lo}}};\ninput bh: u32 in {{{hi}}};\n\n\
         fn join(lo: u32, hi: u32) -> f64 {{\n  return from_bits((hi as u64) << 32 | lo as u64);\n}}\n\n\
         fn canon(x: f64) -> u64 {{\n  if is_nan(x) {{\n    return 0x7FF8000000000000;\n  }}\n  return bits(x);\n}}\n\n\
         fn pick(a: f64, b: f64, k: u32) -> f64 {{\n  var r = a;\n  if k % 2 == 1 {{\n    r = b;\n  }}\n  return r;\n}}\n\n\
         fn check(r: u64) -> bool {{\n  var x = (r as u32) ^ ((r >> 32) as u32) * 2654435761;\n  x = x ^ (x >> 15);\n  return (x * 0x2C1B3C6D) % 3 != 0;\n}}\n"
    );
    for (name, expr) in OPS {
        s.push_str(&format!(
            "\nproperty {name} {{\n  let a = join(al, ah);\n  let b = join(bl, bh);\n  let r: u64 = {expr};\n  \
             assert check(r ^ ((bl + ah) as u64) << 32 ^ (al ^ bh) as u64);\n}}\n"
        ));
    }
    s
}

fn failing_indices(stats: &[PropertyStats]) -> Vec<Vec<u64>> {
    stats.iter().map(|s| s.failures.iter().map(|f| f.index).collect()).collect()
}

#[test]
fn every_f64_operation_fails_on_the_vectors_rust_says_on_every_backend() {
    let c = support::compile(&ops_spec());
    vecrun::ir::validate(&c.program).expect("the IR holds 32-bit words only");
    let space = c.generator.space().expect("finite");
    assert_eq!(space, (LO.len() * HI.len()).pow(2) as u64);
    let mut want = vec![Vec::new(); OPS.len()];
    let mut slots = vec![0u32; 4];
    for i in 0..space {
        c.generator.decode(Phase::Exhaustive, i, &mut slots);
        let (al, ah, bl, bh) = (slots[0], slots[1], slots[2], slots[3]);
        let salt = ((bl.wrapping_add(ah) as u64) << 32) ^ (al ^ bh) as u64;
        for (k, r) in model(al, ah, bl, bh).into_iter().enumerate() {
            if fails(r ^ salt) {
                want[k].push(i);
            }
        }
    }
    for (k, w) in want.iter().enumerate() {
        assert!(!w.is_empty() && (w.len() as u64) < space, "{}: the check must split the vectors ({} fail)", OPS[k].0, w.len());
    }
    let cap = space as usize;
    let mut first: Option<Vec<PropertyStats>> = None;
    let compiled = support::cpu(&c).with_engine(vecrun::cpu::CpuEngine::Compiled).compiled().0;
    assert_eq!(compiled, OPS.len(), "the compiled engine compiles every f64 property (sem per lane)");
    for engine in [vecrun::cpu::CpuEngine::Compiled, vecrun::cpu::CpuEngine::Interpreter] {
        let stats = support::cpu(&c).with_engine(engine).run_range(Phase::Exhaustive, 0, space, cap).expect("cpu runs");
        let got = failing_indices(&stats);
        for (k, (g, w)) in got.iter().zip(&want).enumerate() {
            if g != w {
                let wrong = g.iter().chain(w).find(|i| g.contains(i) != w.contains(i)).copied().unwrap_or(0);
                c.generator.decode(Phase::Exhaustive, wrong, &mut slots);
                panic!(
                    "{engine:?}: `{}` ({}) disagrees with Rust, e.g. at a = {:#010x}_{:08x}, b = {:#010x}_{:08x}",
                    OPS[k].0, OPS[k].1, slots[1], slots[0], slots[3], slots[2]
                );
            }
        }
        match &first {
            None => first = Some(stats),
            Some(f) => assert_eq!(&stats, f, "the engines agree on every count"),
        }
    }
    let Some(dev) = support::gpu_device() else { return };
    let mut gpu = vecrun::gpu::GpuBackend::new(dev, &c.program, c.generator.clone(), support::cpu(&c)).expect("gpu backend");
    // Sign operations and moves are word operations, which the shader computes; the rest runs on the CPU.
    let on_device = ["neg", "abs", "copysign", "pass_through"];
    let routed: Vec<&str> = gpu.routed().iter().map(|(p, _)| p.as_str()).collect();
    let want_routed: Vec<&str> = OPS.iter().map(|(p, _)| *p).filter(|p| !on_device.contains(p)).collect();
    assert_eq!(routed, want_routed, "f64 arithmetic runs on the CPU");
    assert!(gpu.routed().iter().all(|(_, why)| why.contains("f64")), "{:?}", gpu.routed());
    let got = gpu.run_range(Phase::Exhaustive, 0, space, cap).expect("gpu backend runs");
    assert!(gpu.divergences.is_empty(), "{:?}", gpu.divergences);
    assert_eq!(Some(got), first, "a GPU run gives the CPU's counts and failing indices");
}

#[test]
fn constants_literals_and_the_reference_interpreter_compute_as_rust_does() {
    use vecrun::check::Value;
    let spec = support::compile_text(
        "spec k { }\n\
         fn half(x: f64) -> f64 {\n  return x / 2.0;\n}\n\
         const THIRD: f64 = 1.0 / 3.0;\n\
         const BIG: f64 = 1.0e300 * 10.0;\n\
         const HALVES: [f64; 3] = [half(1.0), half(0.1), half(-0.0)];\n\
         const HEX: f64 = 0x1.8p-1074;\n\
         const TINY: f64 = 0x1p-1075;\n\
         const LIMIT: u64 = f64::MAX as u64;\n\
         const ROUND: f32 = 0.1 as f32;\n\
         const NAN_BITS: u64 = bits(f64::NAN);\n\
         property p {\n  assert THIRD > 0.3;\n}\n",
    );
    let value = |name: &str| spec.consts.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("{name}")).value.clone();
    let f = |x: f64| Value::Scalar(vecrun::sem::ScalarType::F64, x.to_bits());
    assert_eq!(value("THIRD"), f(1.0 / 3.0), "the literal is read as an f64, not through f32");
    assert_eq!(value("BIG"), f(1.0e301));
    assert_eq!(value("HALVES"), Value::Array(vecrun::sem::ScalarType::F64, vec![0.5f64.to_bits(), 0.05f64.to_bits(), (-0.0f64).to_bits()]));
    assert_eq!(value("HEX"), f(f64::from_bits(2)), "0x1.8p-1074 rounds once, ties to even");
    assert_eq!(value("TINY"), f(0.0), "half the smallest subnormal rounds to even: zero");
    assert_eq!(value("LIMIT"), Value::Scalar(vecrun::sem::ScalarType::U64, u64::MAX), "saturating");
    assert_eq!(value("ROUND"), Value::Scalar(vecrun::sem::ScalarType::F32, 0.1f32.to_bits() as u64));
    assert_eq!(value("NAN_BITS"), Value::Scalar(vecrun::sem::ScalarType::U64, 0x7FF8_0000_0000_0000));
    // A literal too large for f32 is fine as an f64, and an error where an f32 is wanted.
    let text = "spec k { }\ninput x: f64;\nproperty p {\n  assert x < 1e39 && x > -1e39;\n}\n";
    support::compile_text(text);
    let bad = "spec k { }\ninput x: f32;\nproperty p {\n  assert x < 1e39;\n}\n";
    let loaded = vecrun::load::load_text(std::path::Path::new("bad.vspec"), bad.to_string(), &vecrun::load::MemoryFs::new());
    let sources = loaded.sources.clone();
    let Err(d) = vecrun::check::check(loaded) else { panic!("1e39 is no f32") };
    let shown = vecrun::diag::render(&sources, &d, vecrun::diag::Color::Never);
    assert!(shown.contains("E0005") && shown.contains("too large for f32") && shown.contains("bad.vspec:4:14"), "{shown}");
}

/// `f64` range, whole-type and set domains: every decoded value a member (edge, random and
/// exhaustive phases), the edge phase reaching the ends and the specials, the random phase spread
/// over the range by value (not only by representation), verdicts on the same indices on both CPU
/// engines and under a GPU backend, and failures shrunk to the boundary.
#[test]
fn f64_inputs_are_drawn_in_range_and_shrink_to_the_boundary() {
    use vecrun::shrink::{ShrinkLimits, shrink};
    let text = "spec s { }\ninput x: f64 in -2.5..=1.0e10;\ninput y: f64;\ninput z: f64 in 0.0..1.0;\n\
                property p {\n  assert x < 5.0e9 || y != y || z < 0.5;\n}\n";
    let c = support::compile(text);
    assert!(c.generator.space().is_none(), "never enumerated");
    let value = |v: &[u32], at: usize| f64::from_bits(u64::from(v[at]) | u64::from(v[at + 1]) << 32);
    let fails = |v: &[u32]| {
        let (x, y, z) = (value(v, 0), value(v, 2), value(v, 4));
        assert!(!x.is_nan() && (-2.5..=1.0e10).contains(&x), "x = {x}");
        assert!(!z.is_nan() && (0.0..1.0).contains(&z), "z = {z}");
        !(x < 5.0e9 || y.is_nan() || z < 0.5)
    };
    let mut slots = vec![0u32; c.program.slots.len()];
    let mut seen = std::collections::HashSet::new();
    let mut big = 0;
    for (phase, n) in [(Phase::Edge, c.generator.edge.len()), (Phase::Random, 20_000)] {
        let mut want = vec![Vec::new()];
        for index in 0..n {
            c.generator.decode(phase, index, &mut slots);
            if phase == Phase::Edge {
                seen.extend([value(&slots, 0), value(&slots, 2), value(&slots, 4)].map(f64::to_bits));
            } else if value(&slots, 0) > 5.0e9 {
                big += 1;
            }
            if fails(&slots) {
                want[0].push(index);
            }
        }
        assert!(!want[0].is_empty() && (want[0].len() as u64) < n, "{phase:?}: the property splits the vectors");
        let mut first = None;
        for engine in [vecrun::cpu::CpuEngine::Compiled, vecrun::cpu::CpuEngine::Interpreter] {
            let stats = support::cpu(&c).with_engine(engine).run_range(phase, 0, n, n as usize).expect("cpu runs");
            assert_eq!(failing_indices(&stats), want, "{phase:?} {engine:?} disagrees with Rust");
            first.get_or_insert(stats);
        }
        if let Some(dev) = support::gpu_device() {
            let mut gpu = vecrun::gpu::GpuBackend::new(dev, &c.program, c.generator.clone(), support::cpu(&c)).expect("gpu backend");
            assert_eq!(gpu.routed().len(), 1, "a property reading f64 inputs runs on the CPU");
            assert_eq!(Some(gpu.run_range(phase, 0, n, n as usize).expect("gpu runs")), first);
        }
    }
    for special in [-2.5, 1.0e10, 0.0, -0.0, 1.0, -1.0, 5e-324, f64::MIN_POSITIVE, f64::MAX, f64::INFINITY, f64::NEG_INFINITY] {
        assert!(seen.contains(&f64::to_bits(special)), "the edge phase reaches {special:e}");
    }
    assert!(seen.contains(&(-2.5f64).next_up().to_bits()) && seen.contains(&1.0f64.next_down().to_bits()), "the ends' neighbours");
    assert!(seen.contains(&0x7FF8_0000_0000_0000), "the edge phase reaches NaN where the domain has it");
    // Three quarters of the draws are uniform by value: about 3/8 of them land above 5e9.
    let share = big as f64 / 20_000.0;
    assert!((0.33..0.42).contains(&share), "{share} of the random x are above 5e9");
    // Failures shrink to the boundary of each input.
    let mut backend = support::cpu(&c);
    let stats = backend.run_range(Phase::Random, 0, 20_000, 3).expect("cpu runs");
    assert_eq!(stats[0].failures.len(), 3);
    for f in &stats[0].failures {
        c.generator.decode(Phase::Random, f.index, &mut slots);
        let mut eval = |vs: &[Vec<u32>]| backend.eval_vectors(vs).swap_remove(0);
        let r = shrink(&c.program, 0, &slots, f.outcome, &mut eval, &ShrinkLimits::default());
        assert_eq!(
            (value(&r.values, 0), value(&r.values, 2).to_bits(), value(&r.values, 4)),
            (5.0e9, 0, 0.5),
            "shrunk from index {}",
            f.index
        );
    }
    // A small range and a set are enumerated: every pair once, in order, and nothing else.
    let c = support::compile(
        "spec s { }\ninput w: f64 in 1.0..=1.0000000000000009;\ninput v: f64 in {3.0, 0.5, -0.0};\n\
         property p { assert ulp_distance(w, 1.0) < 3 || v != 3.0; }\n",
    );
    assert_eq!(c.generator.space(), Some(15));
    let mut pairs = Vec::new();
    for index in 0..15 {
        c.generator.decode(Phase::Exhaustive, index, &mut slots[..4]);
        pairs.push((value(&slots, 0), value(&slots, 2).to_bits()));
    }
    let ws: Vec<f64> = (0..5u64).map(|k| f64::from_bits(1.0f64.to_bits() + k)).collect();
    let mut want: Vec<(f64, u64)> = [-0.0f64, 0.5, 3.0].iter().flat_map(|v| ws.iter().map(move |w| (*w, v.to_bits()))).collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    want.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    assert_eq!(pairs, want);
    let stats = support::cpu(&c).run_range(Phase::Exhaustive, 0, 15, 15).expect("cpu runs");
    assert_eq!(stats[0].failures.len(), 2, "w two or more floats above 1.0 with v = 3.0");
}

/// A run with `f64` inputs: Float64 columns, rows that fail as Rust says and shrunk rows that still
/// fail, the same rows for any thread count and either CPU engine, `vecrun replay`, and saved
/// regressions that hold the floats exactly.
#[test]
fn f64_runs_store_float64_columns_replay_and_save_regressions() {
    use arrow_array::cast::AsArray;
    use arrow_array::types::Float64Type;
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("money.vspec");
    std::fs::write(
        &spec,
        "spec money { }\ninput price: f64 in 0.0..=1000000.0;\ninput rate: f64 in 0.0..=0.25;\ninput ids: [f64; 2];\n\
         fn with_tax(p: f64, r: f64) -> f64 {\n  return p + p * r;\n}\n\
         property tax_rounds_back {\n  let gross = with_tax(price, rate);\n  \
         assert gross - gross * rate / (1.0 + rate) == price || price > 999999.0 || gross / (1.0 + rate) == price;\n}\n\
         property ids_are_numbers {\n  assert ids[0] == ids[0] && ids[1] != f64::INFINITY;\n}\n",
    )
    .unwrap();
    let vecrun = |args: &[&str]| std::process::Command::new(env!("CARGO_BIN_EXE_vecrun")).args(args).output().unwrap();
    let run = |out: &str, extra: &[&str]| {
        let out = dir.path().join(out);
        let mut args = vec!["run", spec.to_str().unwrap(), "--backend", "cpu", "--vectors", "20000", "--out", out.to_str().unwrap()];
        args.extend(extra);
        let o = vecrun(&args);
        let report = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{report}");
        out
    };
    let rows = |out: &std::path::Path| {
        let file = std::fs::File::open(out.join("counterexamples/part-0.parquet")).unwrap();
        let mut rows = Vec::new();
        for batch in parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap() {
            let batch = batch.unwrap();
            let property = batch.column_by_name("property").unwrap().as_string::<i32>();
            let col = |name: &str| batch.column_by_name(name).unwrap().as_primitive::<Float64Type>().clone();
            let (price, rate, sprice, srate) = (col("price"), col("rate"), col("shrunk_price"), col("shrunk_rate"));
            let ids = batch.column_by_name("ids").unwrap().as_fixed_size_list().clone();
            for r in 0..batch.num_rows() {
                let id: Vec<u64> = ids.value(r).as_primitive::<Float64Type>().values().iter().map(|v| v.to_bits()).collect();
                rows.push((
                    property.value(r).to_string(),
                    price.value(r).to_bits(),
                    rate.value(r).to_bits(),
                    sprice.value(r).to_bits(),
                    srate.value(r).to_bits(),
                    id,
                ));
            }
        }
        rows
    };
    let out = run("one", &[]);
    let stored = rows(&out);
    let tax_fails = |p: f64, r: f64| {
        let gross = p + p * r;
        !(gross - gross * r / (1.0 + r) == p || p > 999999.0 || gross / (1.0 + r) == p)
    };
    let (mut taxes, mut ids) = (0, 0);
    for (property, p, r, sp, sr, id) in &stored {
        let f = f64::from_bits;
        if property == "tax_rounds_back" {
            assert!(tax_fails(f(*p), f(*r)) && tax_fails(f(*sp), f(*sr)), "{} {}: fails as Rust says, shrunk too", f(*p), f(*r));
            assert!((0.0..=1_000_000.0).contains(&f(*sp)) && (0.0..=0.25).contains(&f(*sr)), "shrunk inside the domains");
            taxes += 1;
        } else {
            assert!(f(id[0]).is_nan() || f(id[1]) == f64::INFINITY, "{id:?}");
            ids += 1;
        }
    }
    assert!(taxes > 0 && ids > 0, "{taxes} {ids}");
    assert_eq!(rows(&run("threads", &["--threads", "1"])), stored, "one thread stores the same rows");
    assert_eq!(rows(&run("interp", &["--cpu-engine", "interpreter"])), stored, "the interpreter stores the same rows");
    let o = vecrun(&["replay", out.to_str().unwrap(), "--spec", spec.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert!(text.contains(&format!("{} still failing", stored.len())), "{text}");
    run("save", &["--save-regressions"]);
    let saved = std::fs::read_to_string(dir.path().join("money.vspec.regressions")).unwrap();
    assert!(saved.contains("\"price\":") && saved.contains("\"ids\":["), "{saved}");
    let again = run("again", &[]);
    let replayed: Vec<_> = rows(&again).into_iter().filter(|r| stored.iter().any(|s| s.1 == r.1 && s.5 == r.5)).collect();
    assert!(!replayed.is_empty(), "the saved regressions fail again with the same values");
}

/// An `extern fn` of `f64`s bound to a Python implementation: arguments and results cross as Arrow
/// `Float64` columns; a naive hypotenuse fails exactly where Rust's own `f64` says it overflows,
/// shrinks to the overflow boundary, and the fixed one (numpy's `hypot`) passes.
#[test]
fn extern_fns_take_and_return_f64_through_a_python_implementation() {
    use arrow_array::cast::AsArray;
    use arrow_array::types::Float64Type;
    let py = match std::env::var("VECRUN_PYTHON") {
        Ok(p) if !p.is_empty() => p,
        _ => {
            assert!(std::env::var_os("CI").is_none(), "VECRUN_PYTHON is not set: under CI the Python implementations must run");
            eprintln!("skipping: set VECRUN_PYTHON to a Python with pyarrow and numpy (scripts/test.sh does)");
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("hyp.py");
    std::fs::write(
        &script,
        format!(
            "import sys\nsys.path.insert(0, {:?})\nimport numpy as np\nimport vecrun_impl\n\
             fixed = '--fixed' in sys.argv\n\
             def hypot(x, y):\n    return np.hypot(x, y) if fixed else np.sqrt(x * x + y * y)\n\
             vecrun_impl.serve(hypot, vectorized=True, expect='(f64, f64) -> f64')\n",
            concat!(env!("CARGO_MANIFEST_DIR"), "/python")
        ),
    )
    .unwrap();
    let spec = dir.path().join("hyp.vspec");
    std::fs::write(
        &spec,
        "spec hyp { }\ninput x: f64 in -1.0e300..=1.0e300;\ninput y: f64 in -1.0e300..=1.0e300;\n\
         extern fn hypot(x: f64, y: f64) -> f64;\n\
         property no_overflow {\n  let h = hypot(x, y);\n  assert is_finite(h) && h >= abs(x) && h >= abs(y);\n}\n",
    )
    .unwrap();
    let run = |name: &str, fixed: bool| {
        let out = dir.path().join(name);
        let imp = format!("hypot=exec:{py} {}{}", script.display(), if fixed { " --fixed" } else { "" });
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_vecrun"))
            .args([
                "run",
                spec.to_str().unwrap(),
                "--backend",
                "cpu",
                "--vectors",
                "3000",
                "--capacity",
                "8",
                "--out",
                out.to_str().unwrap(),
                "--impl",
                &imp,
            ])
            .output()
            .unwrap();
        (o, out)
    };
    let naive = |x: f64, y: f64| {
        let h = (x * x + y * y).sqrt();
        !(h.is_finite() && h >= x.abs() && h >= y.abs())
    };
    let (o, out) = run("naive", false);
    let report = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{report}");
    let file = std::fs::File::open(out.join("counterexamples/part-0.parquet")).unwrap();
    let mut rows = 0;
    for batch in parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap() {
        let batch = batch.unwrap();
        let col = |name: &str| batch.column_by_name(name).unwrap().as_primitive::<Float64Type>().clone();
        let (x, y, sx, sy) = (col("x"), col("y"), col("shrunk_x"), col("shrunk_y"));
        for r in 0..batch.num_rows() {
            assert!(naive(x.value(r), y.value(r)) && naive(sx.value(r), sy.value(r)), "row {r} fails as Rust says");
            rows += 1;
        }
    }
    assert!(rows > 0);
    assert!(report.contains("1.3407807929942597e154"), "shrunk to the overflow boundary, sqrt(f64::MAX):\n{report}");
    let (o, _) = run("fixed", true);
    let report = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{report}");
}

/// The solver states `f64` through the floating-point theory at binary64: it keeps an input inside
/// its range, proves what holds for every float of it, refutes what does not with a vector that
/// fails on the CPU, and both words of an `f64` result come from one value.
#[test]
fn the_solver_proves_and_refutes_f64_properties() {
    use vecrun::solver::{GoalResult, Site, SolverOptions, prove};
    let c = support::compile(
        "spec s { }\ninput x: f64 in 1.0..=2.0;\ninput y: f64 in -1.0e6..=1.0e6;\n\
         property inside {\n  assert x >= 1.0 && x <= 2.0 && !is_nan(y) && abs(y) <= 1000000.0;\n}\n\
         property sum_bounds {\n  let s = x + 1.0;\n  assert s >= 2.0 && s <= 3.0;\n}\n\
         property casts {\n  assert (x as f32) as f64 >= 1.0 && (y as i64) as f64 <= 1000000.0 && x as u8 >= 1;\n}\n\
         property cancels {\n  assert (y + x) - x == y, \"addition is not associative\";\n}\n\
         property words {\n  let s = x * 2.0;\n  assert bits(s) >> 52 == 1024 || s == 4.0;\n}\n\
         property steps {\n  assert ulp_distance(x, next_up(x)) == 1 && ulp_distance(next_down(-x), -x) == 1;\n}\n\
         property below {\n  assert next_down(x) < 1.5;\n}\n",
    );
    let goals = prove(&c.program, &SolverOptions::z3()).expect("the solver runs");
    for g in &goals {
        eprintln!("{} {:?} {:?} {:.2} s", c.program.properties[g.property].name, g.site, g.result, g.seconds);
    }
    let result = |name: &str| {
        let p = c.program.properties.iter().position(|p| p.name == name).unwrap();
        goals.iter().find(|g| g.property == p && matches!(g.site, Site::Assert(0))).unwrap_or_else(|| panic!("{name}")).result.clone()
    };
    for name in ["inside", "sum_bounds", "casts", "words", "steps"] {
        assert!(matches!(result(name), GoalResult::Proven), "{name}: {:?}", result(name));
    }
    let GoalResult::Refuted { slots, .. } = result("cancels") else { panic!("{:?}", result("cancels")) };
    let (x, y) =
        (f64::from_bits(u64::from(slots[0]) | u64::from(slots[1]) << 32), f64::from_bits(u64::from(slots[2]) | u64::from(slots[3]) << 32));
    assert!((1.0..=2.0).contains(&x) && (-1.0e6..=1.0e6).contains(&y), "{x} {y}");
    assert_ne!((y + x) - x, y, "the model fails in Rust too: x = {x}, y = {y}");
    let GoalResult::Refuted { slots, .. } = result("below") else { panic!("{:?}", result("below")) };
    let x = f64::from_bits(u64::from(slots[0]) | u64::from(slots[1]) << 32);
    assert!((1.0..=2.0).contains(&x) && x.next_down() >= 1.5, "{x}");
}

/// `vecrun vectors --property P --fn F` binds F's parameters to P's own inputs too, and stores an
/// `f64` result as a `Float64` column: `to_dollars(cents)` of the gallery's `float_cents`, against Rust.
#[test]
fn vectors_store_f64_model_results_of_a_property_s_own_inputs() {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float64Type, Int64Type};
    let dir = tempfile::tempdir().unwrap();
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/specs/gallery/float_cents.vspec");
    let out = dir.path().join("v");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_vecrun"))
        .args(["vectors", spec, "--property", "round_trip", "--count", "500", "--fn", "to_dollars", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let file = std::fs::File::open(out.join("vectors.parquet")).unwrap();
    let mut rows = 0;
    for batch in parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap() {
        let batch = batch.unwrap();
        let cents = batch.column_by_name("round_trip.cents").unwrap().as_primitive::<Int64Type>().clone();
        let dollars = batch.column_by_name("expected.to_dollars").unwrap().as_primitive::<Float64Type>().clone();
        for r in 0..batch.num_rows() {
            assert!((-1_000_000_000..=1_000_000_000).contains(&cents.value(r)));
            assert_eq!(dollars.value(r).to_bits(), (cents.value(r) as f64 / 100.0).to_bits(), "row {r}");
            rows += 1;
        }
    }
    assert_eq!(rows, 500);
}

/// `--dataset` rows of `f64` columns: run through the properties as they are (NaN and infinities
/// included where the domain has them), and a value outside a range domain is refused with the
/// value and the domain written as the spec writes them.
#[test]
fn datasets_feed_f64_columns_and_check_their_ranges() {
    use arrow_array::{ArrayRef, Float64Array, RecordBatch};
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("ds.vspec");
    std::fs::write(
        &spec,
        "spec ds { }\ninput price: f64 in 0.0..=1000.0;\ninput r: f64;\n\
         property p {\n  assert price * 2.0 < 1500.0 || is_nan(r), \"big\";\n}\n",
    )
    .unwrap();
    let write = |name: &str, prices: Vec<f64>, rs: Vec<f64>| {
        let batch = RecordBatch::try_from_iter([
            ("price", Arc::new(Float64Array::from(prices)) as ArrayRef),
            ("r", Arc::new(Float64Array::from(rs)) as ArrayRef),
        ])
        .unwrap();
        let path = dir.path().join(name);
        let mut w = parquet::arrow::ArrowWriter::try_new(std::fs::File::create(&path).unwrap(), batch.schema(), None).unwrap();
        w.write(&batch).unwrap();
        w.close().unwrap();
        path
    };
    let run = |data: &std::path::Path, out: &str| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_vecrun"))
            .args(["run", spec.to_str().unwrap(), "--backend", "cpu", "--vectors", "10", "-q", "--dataset", data.to_str().unwrap()])
            .arg("--out")
            .arg(dir.path().join(out))
            .output()
            .unwrap();
        (o.status.code(), String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr))
    };
    let good = write("good.parquet", vec![10.5, 999.0, -0.0, 800.0], vec![f64::NAN, 1.0, f64::INFINITY, f64::NAN]);
    let (code, text) = run(&good, "good");
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("4 rows, p: 1 failed") && text.contains("dataset row 1 fails p"), "{text}");
    let bad = write("bad.parquet", vec![1.0, 1000.5], vec![0.0, 0.0]);
    let (code, text) = run(&bad, "bad");
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("row 1, column `price`: value 1000.5 is outside the domain of input `price` (0.0..=1000.0)"), "{text}");
    let nan = write("nan.parquet", vec![f64::NAN], vec![0.0]);
    let (code, text) = run(&nan, "nan");
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("value NaN is outside the domain of input `price`"), "{text}");
}

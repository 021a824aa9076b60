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
        z(a == b && b == a),
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
    let d = vecrun::check::check(loaded).err().expect("1e39 is no f32");
    let shown = vecrun::diag::render(&sources, &d, vecrun::diag::Color::Never);
    assert!(shown.contains("E0005") && shown.contains("too large for f32") && shown.contains("bad.vspec:4:14"), "{shown}");
}

//! `u64` and `i64`: the lowered word-pair code of every operator, cast and builtin against Rust's
//! own 64-bit integers, on the same vector indices, on the CPU (compiled and interpreted) and on the
//! GPU; the reference interpreter and constants against Rust; the specs the issue asked for
//! (magic division with `mul_hi` on `u64`, a 64-bit `divmod` returning a tuple); range domains on
//! 64-bit inputs drawn as whole values (random, edge and exhaustive phases, on every backend) and the
//! error for a set domain; 64-bit inputs, arrays of them and record fields drawn, indexed on every
//! backend, stored, shrunk as whole values and replayed (extern fns: `tests/impls.rs`).

mod support;

use vecrun::check::Value;
use vecrun::run::{Backend, Phase, PropertyStats};

/// The 32-bit words every operand is built from: zero, small numbers, the signed and unsigned
/// limits, a pattern, and `f32` bit patterns the float casts care about (2^64, 2^63, -2^63, 2^32,
/// infinities, NaN, a half, the float just below 2^63).
const WORDS: [u32; 17] = [
    0,
    1,
    7,
    0x7FFF_FFFF,
    0x8000_0000,
    0xFFFF_FFFE,
    0xFFFF_FFFF,
    0x9E37_79B9,
    0x5F80_0000,
    0x5F00_0000,
    0xDF00_0000,
    0x4F80_0000,
    0x7F80_0000,
    0xFF80_0000,
    0x7FC0_0000,
    0x3F00_0000,
    0x5EFF_FFFF,
];

/// One property per operation: `r` is its result as a `u64` (a bool as 0/1, a 32-bit result
/// zero-extended, an `f32` as its bits), and the assert fails on about a third of the vectors, on
/// which ones depending on every bit of `r` (mixed with the operands, so that results of few values
/// split the vectors too).
const OPS: &[(&str, &str)] = &[
    ("add", "a + b"),
    ("sub", "a - b"),
    ("mul", "a * b"),
    ("div", "a / b"),
    ("rem", "a % b"),
    ("and", "a & b"),
    ("or", "a | b"),
    ("xor", "a ^ b"),
    ("shl", "a << b"),
    ("shr", "a >> b"),
    ("shl32", "a << (bh as u32)"),
    ("not", "~a"),
    ("neg", "(-p) as u64"),
    ("sdiv", "(p / q) as u64"),
    ("srem", "(p % q) as u64"),
    ("sshr", "(p >> b) as u64"),
    ("sshl", "(p << q) as u64"),
    ("lt", "select(a < b, 1, 0)"),
    ("le", "select(a <= b, 1, 0)"),
    ("slt", "select(p < q, 1, 0)"),
    ("sge", "select(p >= q, 1, 0)"),
    ("eq", "select(a == b, 1, 0)"),
    ("ne_s", "select(p != q, 1, 0)"),
    ("to_u32", "(a as u32) as u64"),
    ("to_i32", "(p as i32) as u64"),
    ("to_i16", "(a as i16) as u64"),
    ("to_u8", "(p as u8) as u64"),
    ("to_f32", "bits(a as f32) as u64"),
    ("s_to_f32", "bits(p as f32) as u64"),
    ("f_to_u64", "from_bits(al) as u64"),
    ("f_to_i64", "(from_bits(bl) as i64) as u64"),
    ("i32_to_i64", "(bl as i32 as i64) as u64"),
    ("i8_to_u64", "bh as i8 as u64"),
    ("u16_to_i64", "(al as u16 as i64) as u64"),
    ("bool_to_u64", "(al > bl) as u64"),
    ("shift32_by_64", "(al << b) as u64"),
    ("min", "min(a, b)"),
    ("max_s", "max(p, q) as u64"),
    ("clamp_s", "clamp(p, q, p ^ q) as u64"),
    ("abs_s", "abs(p) as u64"),
    ("ones", "count_ones(a) as u64"),
    ("lz", "leading_zeros(a) as u64"),
    ("tz", "trailing_zeros(b) as u64"),
    ("add_ovf", "select(add_overflows(a, b), 1, 0)"),
    ("sub_ovf", "select(sub_overflows(a, b), 1, 0)"),
    ("mul_ovf", "select(mul_overflows(a, b), 1, 0)"),
    ("add_ovf_s", "select(add_overflows(p, q), 1, 0)"),
    ("sub_ovf_s", "select(sub_overflows(p, q), 1, 0)"),
    ("mul_ovf_s", "select(mul_overflows(p, q), 1, 0)"),
    ("sat_add", "saturating_add(a, b)"),
    ("sat_sub", "saturating_sub(a, b)"),
    ("sat_add_s", "saturating_add(p, q) as u64"),
    ("sat_sub_s", "saturating_sub(p, q) as u64"),
    ("mul_hi", "mul_hi(a, b)"),
    ("mul_hi_s", "mul_hi(p, q) as u64"),
    ("mul_wide_hi", "mul_wide(a, b).1 ^ mul_wide(a, b).0"),
    ("mul_wide_s", "mul_wide(p, q).1 as u64 ^ mul_wide(p, q).0"),
];

/// What Rust's own integers say each operation gives (the same order as [`OPS`]).
fn model(al: u32, ah: u32, bl: u32, bh: u32) -> Vec<u64> {
    let a = (ah as u64) << 32 | al as u64;
    let b = (bh as u64) << 32 | bl as u64;
    let (p, q) = (a as i64, b as i64);
    let fl = |w: u32| f32::from_bits(w);
    let wide = |x: i128| x as u64;
    vec![
        a.wrapping_add(b),
        a.wrapping_sub(b),
        a.wrapping_mul(b),
        a.checked_div(b).unwrap_or(a),
        a.checked_rem(b).unwrap_or(0),
        a & b,
        a | b,
        a ^ b,
        a.wrapping_shl(b as u32),
        a.wrapping_shr(b as u32),
        a.wrapping_shl(bh),
        !a,
        p.wrapping_neg() as u64,
        if q == 0 { p } else { p.wrapping_div(q) } as u64,
        if q == 0 { 0 } else { p.wrapping_rem(q) } as u64,
        p.wrapping_shr(b as u32) as u64,
        p.wrapping_shl(q as u32) as u64,
        (a < b) as u64,
        (a <= b) as u64,
        (p < q) as u64,
        (p >= q) as u64,
        (a == b) as u64,
        (p != q) as u64,
        a as u32 as u64,
        p as i32 as u64,
        a as i16 as u64,
        p as u8 as u64,
        (a as f32).to_bits() as u64,
        (p as f32).to_bits() as u64,
        fl(al) as u64,
        fl(bl) as i64 as u64,
        bl as i32 as i64 as u64,
        bh as i8 as u64,
        al as u16 as i64 as u64,
        (al > bl) as u64,
        al.wrapping_shl(b as u32) as u64,
        a.min(b),
        p.max(q) as u64,
        p.max(q).min(p ^ q) as u64,
        p.wrapping_abs() as u64,
        a.count_ones() as u64,
        a.leading_zeros() as u64,
        b.trailing_zeros() as u64,
        a.checked_add(b).is_none() as u64,
        a.checked_sub(b).is_none() as u64,
        a.checked_mul(b).is_none() as u64,
        p.checked_add(q).is_none() as u64,
        p.checked_sub(q).is_none() as u64,
        p.checked_mul(q).is_none() as u64,
        a.saturating_add(b),
        a.saturating_sub(b),
        p.saturating_add(q) as u64,
        p.saturating_sub(q) as u64,
        ((a as u128 * b as u128) >> 64) as u64,
        wide((p as i128 * q as i128) >> 64),
        ((a as u128 * b as u128) >> 64) as u64 ^ a.wrapping_mul(b),
        wide((p as i128 * q as i128) >> 64) ^ p.wrapping_mul(q) as u64,
    ]
}

/// The check every property makes of its result: fails on about a third of the values.
fn fails(r: u64) -> bool {
    let x = (r as u32) ^ ((r >> 32) as u32).wrapping_mul(2_654_435_761);
    let x = x ^ (x >> 15);
    x.wrapping_mul(0x2C1B_3C6D).is_multiple_of(3)
}

fn ops_spec() -> String {
    let words: Vec<String> = WORDS.iter().map(|w| format!("0x{w:08X}")).collect();
    let set = words.join(", ");
    let mut s = format!(
        "spec wide_ops {{ }}\n\ninput al: u32 in {{{set}}};\ninput ah: u32 in {{{set}}};\ninput bl: u32 in {{{set}}};\ninput bh: u32 in {{{set}}};\n\n\
         fn join(lo: u32, hi: u32) -> u64 {{\n  return (hi as u64) << 32 | lo as u64;\n}}\n\n\
         fn check(r: u64) -> bool {{\n  var x = (r as u32) ^ ((r >> 32) as u32) * 2654435761;\n  x = x ^ (x >> 15);\n  return (x * 0x2C1B3C6D) % 3 != 0;\n}}\n"
    );
    for (name, expr) in OPS {
        s.push_str(&format!(
            "\nproperty {name} {{\n  let a = join(al, ah);\n  let b = join(bl, bh);\n  let (p, q) = (a as i64, b as i64);\n  let r: u64 = {expr};\n  assert check(r ^ join(al ^ bh, bl + ah));\n}}\n"
        ));
    }
    s
}

/// The failing indices of each property (in [`OPS`] order), from Rust, over the whole space.
fn model_failures(c: &support::Compiled, space: u64) -> Vec<Vec<u64>> {
    let mut out = vec![Vec::new(); OPS.len()];
    let mut slots = vec![0u32; 4];
    for i in 0..space {
        c.generator.decode(Phase::Exhaustive, i, &mut slots);
        let (al, ah, bl, bh) = (slots[0], slots[1], slots[2], slots[3]);
        let salt = ((bl.wrapping_add(ah) as u64) << 32) | (al ^ bh) as u64;
        for (k, r) in model(al, ah, bl, bh).into_iter().enumerate() {
            if fails(r ^ salt) {
                out[k].push(i);
            }
        }
    }
    out
}

fn failing_indices(stats: &[PropertyStats]) -> Vec<Vec<u64>> {
    stats.iter().map(|s| s.failures.iter().map(|f| f.index).collect()).collect()
}

/// Runs vectors `0..n` of `phase` on both CPU engines and, when there is an adapter, the GPU:
/// each engine must fail exactly the indices of `want` (one list per property, in order), and the
/// GPU must agree with them on every count and failing index.
fn fails_exactly_on_every_backend(c: &support::Compiled, phase: Phase, n: u64, want: &[Vec<u64>]) {
    let mut first: Option<Vec<PropertyStats>> = None;
    for engine in [vecrun::cpu::CpuEngine::Compiled, vecrun::cpu::CpuEngine::Interpreter] {
        let stats = support::cpu(c).with_engine(engine).run_range(phase, 0, n, n as usize).expect("cpu runs");
        assert_eq!(failing_indices(&stats), want, "{phase:?} {engine:?} disagrees with Rust");
        first.get_or_insert(stats);
    }
    let Some(dev) = support::gpu_device() else { return };
    let mut gpu = vecrun::gpu::GpuBackend::new(dev, &c.program, c.generator.clone(), support::cpu(c)).expect("gpu backend");
    let got = gpu.run_range(phase, 0, n, n as usize).expect("gpu runs");
    assert!(gpu.divergences.is_empty(), "{:?}", gpu.divergences);
    assert_eq!(gpu.failed_over(), None, "the GPU ran every property");
    assert_eq!(Some(got), first, "{phase:?}: the GPU agrees on every count and failing index");
}

#[test]
fn every_64_bit_operation_fails_on_the_vectors_rust_says_on_every_backend() {
    let c = support::compile(&ops_spec());
    vecrun::ir::validate(&c.program).expect("the IR holds 32-bit words only");
    let space = c.generator.space().expect("finite");
    assert_eq!(space, 17u64.pow(4));
    let want = model_failures(&c, space);
    for (k, w) in want.iter().enumerate() {
        assert!(!w.is_empty() && (w.len() as u64) < space, "{}: the check must split the vectors ({} fail)", OPS[k].0, w.len());
    }
    let cap = space as usize;
    let engines = [vecrun::cpu::CpuEngine::Compiled, vecrun::cpu::CpuEngine::Interpreter];
    let mut first: Option<Vec<PropertyStats>> = None;
    for engine in engines {
        let mut cpu = support::cpu(&c).with_engine(engine);
        let stats = cpu.run_range(Phase::Exhaustive, 0, space, cap).expect("cpu runs");
        let got = failing_indices(&stats);
        for (k, (g, w)) in got.iter().zip(&want).enumerate() {
            if g != w {
                let wrong = g.iter().chain(w).find(|i| g.contains(i) != w.contains(i)).copied().unwrap_or(0);
                let mut slots = vec![0u32; 4];
                c.generator.decode(Phase::Exhaustive, wrong, &mut slots);
                panic!(
                    "{engine:?}: `{}` ({}) disagrees with Rust, e.g. at a = {:#x}_{:08x}, b = {:#x}_{:08x}",
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
    let got = gpu.run_range(Phase::Exhaustive, 0, space, cap).expect("gpu runs");
    assert!(gpu.divergences.is_empty(), "{:?}", gpu.divergences);
    assert_eq!(gpu.failed_over(), None, "the GPU ran every property");
    assert_eq!(Some(got), first, "the GPU agrees with the CPU on every count and failing index");
}

#[test]
fn constants_and_the_reference_interpreter_compute_as_rust_does() {
    let spec = support::compile_text(
        "spec s { }\nconst MAXU: u64 = u64::MAX;\nconst MINI: i64 = i64::MIN;\nconst BIG: u64 = 18446744073709551615 / 7;\n\
         const NEG: i64 = -9223372036854775808 / -1;\nconst SH: u64 = 1 << 63;\nconst F: f32 = 18446744073709551615 as f32;\n\
         const BACK: u64 = 1.0e19 as u64;\nconst HI: u64 = mul_hi(MAXU, MAXU);\nconst W: (u64, u64) = mul_wide(MAXU, 3);\n\
         fn tri(n: u64) -> u64 {\n  var s: u64 = 0;\n  for i in 0..100 { s += (i as u64) * n; }\n  return s;\n}\n\
         const T: u64 = tri(4294967296);\ninput x: u32;\nproperty p { assert T > 0; }\n",
    );
    let value = |name: &str| spec.consts.iter().find(|c| c.name == name).map(|c| c.value.clone()).expect("const");
    assert_eq!(value("MAXU"), Value::Scalar(vecrun::sem::ScalarType::U64, u64::MAX));
    assert_eq!(value("MINI"), Value::Scalar(vecrun::sem::ScalarType::I64, i64::MIN as u64));
    assert_eq!(value("BIG").bits(), [(u64::MAX / 7) as u32, ((u64::MAX / 7) >> 32) as u32], "a 64-bit value is two words, low first");
    assert_eq!(value("NEG"), Value::Scalar(vecrun::sem::ScalarType::I64, i64::MIN as u64), "i64::MIN / -1 wraps");
    assert_eq!(value("SH"), Value::Scalar(vecrun::sem::ScalarType::U64, 1 << 63));
    assert_eq!(value("F").bits(), [(u64::MAX as f32).to_bits()]);
    assert_eq!(value("BACK"), Value::Scalar(vecrun::sem::ScalarType::U64, 1.0e19f32 as u64));
    assert_eq!(value("HI"), Value::Scalar(vecrun::sem::ScalarType::U64, ((u64::MAX as u128 * u64::MAX as u128) >> 64) as u64));
    let w = 3u128 * u64::MAX as u128;
    assert_eq!(value("W").bits(), [w as u32, (w >> 32) as u32, (w >> 64) as u32, (w >> 96) as u32]);
    assert_eq!(value("T"), Value::Scalar(vecrun::sem::ScalarType::U64, (0..100u64).sum::<u64>() << 32));
    assert_eq!(value("MAXU").to_string(), "18446744073709551615");
    assert_eq!(value("MINI").to_string(), "-9223372036854775808");
}

/// Magic-number division as compilers do it (Hacker's Delight 10-9, Granlund-Montgomery): `n / d`
/// for every 32-bit `n` is `mul_hi` of `n` and a 64-bit multiplier `ceil(2^(64+s) / d)`, shifted.
/// The spec computes the multipliers with 64-bit division at check time; the runs prove it over
/// samples of the whole space on both backends, and exhaustively over a slice.
const MAGIC: &str = "spec magic { }\n\
input n: u32;\n\
input k: u32 in 0..8;\n\
const DIVISORS: [u32; 8] = [3, 7, 10, 641, 1000, 65537, 2147483647, 4294967295];\n\
// ceil(2^64 / d): n * M / 2^64 is floor(n / d) for every 32-bit n (the error n * e / 2^64 stays\n\
// below 1 / d because e < d <= 2^32).\n\
fn magic(d: u32) -> u64 {\n  return (u64::MAX / (d as u64)) + 1;\n}\n\
const MAGICS: [u64; 8] = [magic(3), magic(7), magic(10), magic(641), magic(1000), magic(65537), magic(2147483647), magic(4294967295)];\n\
property divides {\n  let d = DIVISORS[k];\n  let q = mul_hi(n as u64, MAGICS[k]);\n  assert q == (n / d) as u64;\n  let (lo, hi) = mul_wide(n as u64, MAGICS[k]);\n  assert hi == q && lo == (n as u64) * MAGICS[k];\n}\n\
property too_small_a_multiplier {\n  // One less than the round-up multiplier: fails on exact multiples.\n  let q = mul_hi(n as u64, MAGICS[k] - 1);\n  assert q == (n / DIVISORS[k]) as u64, \"floor multiplier\";\n}\n";

#[test]
fn magic_division_with_mul_hi_on_u64_matches_division_on_every_backend() {
    let c = support::compile(MAGIC);
    // The truth of `too_small_a_multiplier`, from Rust, over the vectors run.
    let divisors = [3u32, 7, 10, 641, 1000, 65537, 2147483647, 4294967295];
    let truth = |slots: &[u32]| {
        let (n, d) = (slots[0], divisors[slots[1] as usize]);
        let m = (u64::MAX / d as u64) + 1;
        (((n as u128 * (m - 1) as u128) >> 64) as u32) != n / d
    };
    let mut cpu = support::cpu(&c);
    let plan = vecrun::run::PhasePlan::new(&c.generator, 200_000, false);
    let runs: Vec<(Phase, u64, u64)> = plan.phases.iter().map(|(p, n)| (*p, 0, *n)).collect();
    assert_eq!(runs.iter().map(|r| r.0).collect::<Vec<_>>(), [Phase::Edge, Phase::Random]);
    let mut slots = vec![0u32; 2];
    let mut cpu_stats = Vec::new();
    for &(phase, start, end) in &runs {
        let stats = cpu.run_range(phase, start, end, 8).expect("cpu runs");
        assert_eq!(stats[0].failed, 0, "{phase:?}: the round-up multiplier divides exactly: {:?}", stats[0].failures);
        let expected = (start..end)
            .filter(|i| {
                c.generator.decode(phase, *i, &mut slots);
                truth(&slots)
            })
            .count() as u64;
        assert_eq!(stats[1].failed, expected, "{phase:?}: the floor multiplier fails exactly where Rust says");
        cpu_stats.push(stats);
    }
    assert!(cpu_stats[1][1].failed > 0, "the floor multiplier is caught");
    if let Some(dev) = support::gpu_device() {
        let mut gpu = vecrun::gpu::GpuBackend::new(dev, &c.program, c.generator.clone(), support::cpu(&c)).expect("gpu backend");
        for (&(phase, start, end), want) in runs.iter().zip(&cpu_stats) {
            let got = gpu.run_range(phase, start, end, 8).expect("gpu runs");
            assert_eq!(&got, want, "{phase:?}: the GPU agrees");
        }
        assert!(gpu.divergences.is_empty() && gpu.failed_over().is_none());
    }
}

#[test]
fn divmod_returns_a_tuple_of_u64_and_money_adds_up_in_cents() {
    let c = support::compile(
        "spec money { }\ninput dollars: u32;\ninput cents: u32 in 0..100;\ninput count: u32 in 1..=1000;\n\
         struct Ledger { total_cents: u64, entries: u32 }\n\
         fn divmod(a: u64, b: u64) -> (u64, u64) {\n  return (a / b, a % b);\n}\n\
         fn post(l: Ledger, amount: u64) -> Ledger {\n  return Ledger { total_cents: l.total_cents + amount, entries: l.entries + 1 };\n}\n\
         property split {\n  let amount = (dollars as u64) * 100 + (cents as u64);\n  var l = Ledger { total_cents: 0, entries: 0 };\n  \
         for i in 0..4 { l = post(l, amount); }\n  let (each, rest) = divmod(l.total_cents, count as u64);\n  \
         assert each * (count as u64) + rest == 4 * amount;\n  assert rest < count as u64;\n  assert l.entries == 4;\n  \
         let (d, c) = divmod(amount, 100);\n  assert d == dollars as u64 && c == cents as u64;\n  \
         assert l.total_cents / 4 == amount, \"no cent lost\";\n}\n",
    );
    let mut cpu = support::cpu(&c);
    let stats = cpu.run_range(Phase::Random, 0, 100_000, 4).expect("runs");
    assert_eq!(stats[0].failed, 0, "{:?}", stats[0].failures);
    assert_eq!(stats[0].evaluated, 100_000);
}

#[test]
fn field_domains_on_64_bit_inputs_are_refused_and_empty_domains_are_empty() {
    for (src, code, what) in [
        ("input a: i64 in { x: 1..2 };", "E0135", "a i64 input cannot have field domains"),
        ("input a: u64 in {};", "E0132", "empty domain"),
        ("input a: u64 in {1, 18446744073709551616};", "E0004", "invalid integer literal"),
        ("input a: i64 in {1, -9223372036854775809};", "E0193", "literal out of range"),
        ("input a: u64 in 10..10;", "E0132", "empty domain"),
        ("input a: i64 in 5..=-5;", "E0132", "empty domain"),
        ("input a: i64 in -9223372036854775808..-9223372036854775808;", "E0132", "empty domain"),
    ] {
        let text = format!("spec s {{ }}\n{src}\ninput z: u32;\nproperty p {{ assert z > 0; }}\n");
        let loaded = vecrun::load::load_text(std::path::Path::new("t.vspec"), text.clone(), &vecrun::load::MemoryFs::new());
        let Err(diags) = vecrun::check::check(loaded) else { panic!("accepted: {text}") };
        assert!(
            diags.iter().any(|d| d.code == code && d.message.starts_with(what)),
            "{text}: {:?}",
            diags.iter().map(|d| (&d.code, &d.message)).collect::<Vec<_>>()
        );
    }
    // Ranges, arrays of them, records of them and extern fns over them are accepted.
    for src in [
        "input a: u64 in 0..=18446744073709551615;",
        "input a: [i64; 2] in -5..5;",
        "struct S { x: u32, y: i64 }\ninput s: [S; 2] in { y: -100..100 };",
        "input a: i64 in {1, 2};",
        "input a: [u64; 2] in {7};",
        "struct S { x: u32, y: i64 }\ninput s: [S; 2] in { y: {1, 2} };",
        "extern fn f(a: u64, b: [i64; 2]) -> [u64; 3];",
    ] {
        let text = format!("spec s {{ }}\n{src}\ninput z: u32;\nproperty p {{ assert z > 0; }}\n");
        let loaded = vecrun::load::load_text(std::path::Path::new("t.vspec"), text.clone(), &vecrun::load::MemoryFs::new());
        if let Err(diags) = vecrun::check::check(loaded) {
            panic!("{text}: {:?}", diags.iter().map(|d| (&d.code, &d.message)).collect::<Vec<_>>());
        }
    }
    // `u128` is an unknown type with a note.
    let loaded = vecrun::load::load_text(
        std::path::Path::new("t.vspec"),
        "spec s { }\nfn f(x: u128) -> u128 { return x; }\ninput z: u32;\nproperty p { assert z > 0; }\n".into(),
        &vecrun::load::MemoryFs::new(),
    );
    let Err(diags) = vecrun::check::check(loaded) else { panic!("u128 accepted") };
    assert!(diags.iter().any(|d| d.code == "E0111"));
}

#[test]
fn the_solver_proves_64_bit_identities_over_the_pairs_and_refutes_a_wrapping_one() {
    let c = support::compile(
        "spec s { }\ninput al: u32;\ninput ah: u32;\ninput s: u32 in 0..64;\n\
         fn join(lo: u32, hi: u32) -> u64 {\n  return (hi as u64) << 32 | lo as u64;\n}\n\
         property p {\n  let a = join(al, ah);\n  \
         assert (a + 12345678901) - 12345678901 == a;\n  \
         assert (a << s) >> s == a & (u64::MAX >> s);\n  \
         assert ((a as i64) >> 63) as u64 == select(ah >= 2147483648, u64::MAX, 0);\n  \
         assert a * 3 > a || a == 0, \"wraps\";\n}\n",
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
    assert_eq!(results, ["proven", "proven", "proven", "refuted"]);
}

/// Random expression trees over `u64`, `i64` and the 32-bit types they mix with (operators, shifts
/// by amounts of every type, casts both ways, negation, builtins, `mul_wide`), in a function `f` of
/// three 32-bit inputs: the lowered word-pair code (both CPU engines, and lavapipe) and the
/// reference interpreter (which computes with `sem::wide` on 64-bit patterns, no pairs) agree on
/// eight bits of `f`, low and high word, on every vector of an exhaustive space.
#[test]
fn random_64_bit_programs_agree_with_the_reference_interpreter_on_every_vector() {
    const TYPES: [&str; 4] = ["u64", "i64", "u32", "i32"];
    fn leaf(rng: &mut support::Rng, t: &str) -> String {
        if rng.chance(60) {
            return match t {
                "u64" => "join(a, b)".into(),
                "i64" => "(join(b, a) as i64)".into(),
                "u32" => "a".into(),
                _ => "c".into(),
            };
        }
        let lits: &[&str] = match t {
            "u64" => &["0", "1", "7", "4294967296", "18446744073709551615", "9223372036854775808", "1000000007"],
            "i64" => &["0", "1", "(-1)", "(-9223372036854775808)", "9223372036854775807", "(-4294967296)", "(-7)"],
            "u32" => &["0", "1", "31", "4294967295"],
            _ => &["0", "(-1)", "(-2147483648)", "63"],
        };
        format!("({} as {t})", rng.pick(lits))
    }
    fn expr(rng: &mut support::Rng, t: &str, depth: u32) -> String {
        if depth == 0 || rng.chance(20) {
            return leaf(rng, t);
        }
        let d = depth - 1;
        let wide = t.ends_with("64");
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
                let from = *rng.pick(&["u64", "i64", "u32", "i32", "f32"]);
                if from == "f32" {
                    // Floats from 32-bit patterns: NaNs, infinities, huge and tiny values.
                    format!("(from_bits({}) as {t})", expr(rng, "u32", d))
                } else {
                    format!("({} as {t})", expr(rng, from, d))
                }
            }
            5 => {
                let unary = if signed { *rng.pick(&["-", "~"]) } else { "~" };
                format!("({unary}{})", expr(rng, t, d))
            }
            6 if wide => {
                let b = rng.pick(&["min", "max", "saturating_add", "saturating_sub", "mul_hi"]);
                format!("{b}({}, {})", expr(rng, t, d), expr(rng, t, d))
            }
            _ => {
                let other = if wide { t } else { *rng.pick(&["u64", "i64"]) };
                let (x, y) = (expr(rng, other, d), expr(rng, other, d));
                match rng.below(7) {
                    0 => format!("(select({x} < {y}, {x}, {y}) as {t})"),
                    1 => format!("(count_ones({x}) as {t})"),
                    2 => format!("(leading_zeros({x}) as {t})"),
                    3 => format!("(trailing_zeros({x}) as {t})"),
                    4 => format!("(select(mul_overflows({x}, {y}), {x}, {y}) as {t})"),
                    5 => format!("(bits({x} as f32) as {t})"),
                    _ => format!("(mul_wide({x}, {y}).1 as {t})"),
                }
            }
        }
    }
    let bits = [0u32, 1, 13, 31, 32, 40, 62, 63];
    let mut rng = support::Rng(0x5EED_0064);
    let dev = support::gpu_device();
    for program in 0..24 {
        let t = *rng.pick(&["u64", "i64"]);
        let body = expr(&mut rng, t, 4);
        let mut text = format!(
            "spec r {{ }}\ninput a: u32 in {{0, 1, 7, 2147483648, 4294967295, 0x5F800000, 0x7FC00000, 0x9E3779B9}};\n\
             input b: u32 in {{0, 1, 3, 2147483647, 2147483648, 4294967295, 0xDF000000, 0x4F800000}};\n\
             input c: i32 in {{-2147483648, -1, 0, 1, 64, 2147483647}};\n\
             fn join(lo: u32, hi: u32) -> u64 {{\n  return (hi as u64) << 32 | lo as u64;\n}}\n\
             fn f(a: u32, b: u32, c: i32) -> u64 {{\n  return {body} as u64;\n}}\n"
        );
        for k in bits {
            text.push_str(&format!("property bit{k} {{\n  assert (f(a, b, c) >> {k}) & 1 == 0;\n}}\n"));
        }
        let engines = [vecrun::cpu::CpuEngine::Compiled, vecrun::cpu::CpuEngine::Interpreter];
        let gpu = dev.as_ref().filter(|_| program % 4 == 0);
        let space = support::f_bits_agree(&text, &bits, &engines, gpu, &format!("program {program}"));
        assert_eq!(space, 8 * 8 * 6);
    }
}

#[test]
fn vectors_store_64_bit_model_results_as_uint64_and_int64_columns() {
    use arrow_array::cast::AsArray;
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("cents.vspec");
    std::fs::write(
        &spec,
        "spec cents { }\ninput n: u32;\nfn cents(n: u32) -> u64 {\n  return (n as u64) * 100;\n}\n\
         fn signs(n: u32) -> [i64; 2] {\n  return [n as i64, -(n as i64) * 4294967296];\n}\nproperty p { assert cents(n) >= n as u64; }\n",
    )
    .unwrap();
    let out = dir.path().join("v");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_vecrun"))
        .args(["vectors", spec.to_str().unwrap(), "--count", "500", "--fn", "cents", "--fn", "signs", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let file = std::fs::File::open(out.join("vectors.parquet")).unwrap();
    let mut rows = 0;
    for batch in parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap() {
        let batch = batch.unwrap();
        let n = batch.column_by_name("n").unwrap().as_primitive::<arrow_array::types::UInt32Type>();
        let cents = batch.column_by_name("expected.cents").unwrap().as_primitive::<arrow_array::types::UInt64Type>();
        let signs = batch.column_by_name("expected.signs").unwrap().as_fixed_size_list();
        let values = signs.values().as_primitive::<arrow_array::types::Int64Type>();
        for r in 0..batch.num_rows() {
            let v = n.value(r) as u64;
            assert_eq!(cents.value(r), v * 100);
            assert_eq!(values.value(2 * r), v as i64);
            assert_eq!(values.value(2 * r + 1), (v as i64).wrapping_neg().wrapping_mul(1 << 32));
            rows += 1;
        }
    }
    assert_eq!(rows, 500);
}

/// A ledger with an `i64` balance and a `u64` amount as inputs: the edge phase reaches the words'
/// combined edge cases (`i64::MIN`), the counterexamples are `Int64`/`UInt64` columns whose shrunk
/// values still fail, the report prints whole 64-bit values, replay reproduces every row, and a
/// saved regression round-trips through its JSON.
#[test]
fn sixty_four_bit_inputs_are_drawn_stored_shrunk_and_replayed() {
    use arrow_array::cast::AsArray;
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("ledger.vspec");
    std::fs::write(
        &spec,
        "spec ledger { }\ninput balance: i64;\ninput amount: u64;\ninput fee: u32 in 0..100;\n\
         property no_overdraft {\n  let after = balance - (amount as i64);\n  \
         assert after <= balance || amount > 9223372036854775807, \"spending lowers the balance\";\n}\n\
         property small {\n  assert amount < 1000000000000 || fee == 7;\n}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let vecrun = |args: &[&str]| std::process::Command::new(env!("CARGO_BIN_EXE_vecrun")).args(args).output().unwrap();
    let o = vecrun(&[
        "run",
        spec.to_str().unwrap(),
        "--backend",
        "cpu",
        "--vectors",
        "20000",
        "--out",
        out.to_str().unwrap(),
        "--save-regressions",
    ]);
    let report = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{report}");
    assert!(report.contains("balance = -9223372036854775808"), "the edge phase reaches i64::MIN, printed whole:\n{report}");
    let file = std::fs::File::open(out.join("counterexamples/part-0.parquet")).unwrap();
    let (mut overdrafts, mut smalls) = (0, 0);
    for batch in parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap() {
        let batch = batch.unwrap();
        let property = batch.column_by_name("property").unwrap().as_string::<i32>();
        let balance = batch.column_by_name("balance").unwrap().as_primitive::<arrow_array::types::Int64Type>();
        let amount = batch.column_by_name("amount").unwrap().as_primitive::<arrow_array::types::UInt64Type>();
        let shrunk_balance = batch.column_by_name("shrunk_balance").unwrap().as_primitive::<arrow_array::types::Int64Type>();
        let shrunk_amount = batch.column_by_name("shrunk_amount").unwrap().as_primitive::<arrow_array::types::UInt64Type>();
        let shrunk_fee = batch.column_by_name("shrunk_fee").unwrap().as_primitive::<arrow_array::types::UInt32Type>();
        for r in 0..batch.num_rows() {
            let overdraft = |b: i64, a: u64| b.wrapping_sub(a as i64) > b && a <= i64::MAX as u64;
            match property.value(r) {
                "no_overdraft" => {
                    assert!(overdraft(balance.value(r), amount.value(r)), "row {r} fails as Rust says");
                    assert!(overdraft(shrunk_balance.value(r), shrunk_amount.value(r)), "row {r}: the shrunk vector still fails");
                    overdrafts += 1;
                }
                "small" => {
                    assert!(amount.value(r) >= 1_000_000_000_000);
                    assert!(
                        shrunk_amount.value(r) >= 1_000_000_000_000 && shrunk_fee.value(r) != 7,
                        "row {r}: the shrunk vector still fails"
                    );
                    assert!(shrunk_amount.value(r) <= amount.value(r), "shrinking does not grow the amount");
                    smalls += 1;
                }
                other => panic!("unexpected property {other}"),
            }
        }
    }
    assert!(overdrafts > 0 && smalls > 0, "{overdrafts} {smalls}");
    let o = vecrun(&["replay", out.to_str().unwrap(), "--spec", spec.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert!(text.contains(&format!("{} still failing", overdrafts + smalls)), "{text}");
    // The saved regressions hold whole 64-bit numbers and fail again on the next run.
    let saved = std::fs::read_to_string(dir.path().join("ledger.vspec.regressions")).unwrap();
    assert!(saved.lines().count() >= 2 && saved.contains("\"amount\":"), "{saved}");
    let again = dir.path().join("again");
    let o = vecrun(&["run", spec.to_str().unwrap(), "--backend", "cpu", "--vectors", "100", "--out", again.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(text.contains("regression"), "{text}");
}

/// Arrays of 64-bit inputs (`[u64; 3]`, and the `[i64; 2]` field array of an array-of-records
/// input) are read element by element, by constant and by computed index (out of bounds
/// included), on both CPU engines and lavapipe, failing exactly on the random vectors where
/// Rust's own `u64`/`i64` arithmetic on the generated words says so.
#[test]
fn arrays_of_64_bit_inputs_are_indexed_as_rust_says_on_every_backend() {
    let c = support::compile(
        "spec s { }\nstruct Leg { qty: u32, delta: i64 }\ninput prices: [u64; 3];\ninput legs: [Leg; 2];\n\
         property wraps {\n  let s = prices[0] + prices[1] + prices[2];\n  assert s >= prices[0];\n}\n\
         property net {\n  var net: i64 = 0;\n  for k in 0..2 { net += legs[k].delta * (legs[k].qty as i64); }\n  assert net >= 0;\n}\n\
         property pick {\n  let i = legs[0].qty % 4;\n  assert prices[i] % 3 != 1;\n}\n",
    );
    vecrun::ir::validate(&c.program).expect("the IR holds 32-bit words only");
    let input =
        |name: &str| c.program.inputs.iter().find(|i| i.name == name).unwrap_or_else(|| panic!("no input {name}")).first_slot as usize;
    let (prices, qty, delta) = (input("prices"), input("legs.qty"), input("legs.delta"));
    let n = 20_000u64;
    let mut want: Vec<Vec<u64>> = vec![Vec::new(); 3];
    let mut slots = vec![0u32; c.program.slots.len()];
    for index in 0..n {
        c.generator.decode(Phase::Random, index, &mut slots);
        let word = |at: usize| u64::from(slots[at]) | u64::from(slots[at + 1]) << 32;
        let p: Vec<u64> = (0..3).map(|k| word(prices + 2 * k)).collect();
        if p[0].wrapping_add(p[1]).wrapping_add(p[2]) < p[0] {
            want[0].push(index);
        }
        let net = (0..2).fold(0i64, |acc, k| acc.wrapping_add((word(delta + 2 * k) as i64).wrapping_mul(slots[qty + k] as i64)));
        if net < 0 {
            want[1].push(index);
        }
        let i = (slots[qty] % 4) as usize;
        if i == 3 || p[i] % 3 == 1 {
            want[2].push(index);
        }
    }
    for (k, w) in want.iter().enumerate() {
        assert!(!w.is_empty() && (w.len() as u64) < n, "property {k} must split the vectors ({} fail)", w.len());
    }
    fails_exactly_on_every_backend(&c, Phase::Random, n, &want);
}

/// A 64-bit value shrinks as one value, both words at once, in the order of `u32`/`i32` (value,
/// and `0, 1, -1, 2, ...`): every failure of a threshold shrinks to the exact boundary
/// (`5000000001`, not the word-wise simpler `2^33`; `-3000000001`), also in an array, and the
/// simplicity order ranks `5` below `2^32`.
#[test]
fn sixty_four_bit_values_shrink_as_whole_values_to_the_boundary() {
    use vecrun::shrink::{ShrinkLimits, WidePair, shrink, simplicity};
    let c = support::compile(
        "spec s { }\ninput amount: u64;\ninput delta: i64;\ninput ids: [u64; 2];\ninput noise: u32;\n\
         property big { assert amount <= 5000000000; }\n\
         property neg { assert delta >= -3000000000; }\n\
         property id { assert ids[1] < 1099511627776 || noise == 3; }\n",
    );
    let backend = support::cpu(&c);
    let stats = backend.clone().run_range(Phase::Random, 0, 2000, 16).expect("cpu runs");
    let want: [&[u64]; 3] = [&[5_000_000_001, 0, 0, 0, 0], &[0, -3_000_000_001i64 as u64, 0, 0, 0], &[0, 0, 0, 1 << 40, 0]];
    for (p, s) in stats.iter().enumerate() {
        assert!(s.failures.len() >= 8, "property {p} fails often: {}", s.failures.len());
        for f in &s.failures {
            let mut original = vec![0u32; c.program.slots.len()];
            c.generator.decode(Phase::Random, f.index, &mut original);
            let mut eval = |vs: &[Vec<u32>]| backend.eval_vectors(vs).swap_remove(p);
            let r = shrink(&c.program, p, &original, f.outcome, &mut eval, &ShrinkLimits::default());
            assert!(!r.hit_limit);
            // amount, delta, ids[0], ids[1] as whole values, then noise.
            let w = |k: usize| u64::from(r.values[2 * k]) | u64::from(r.values[2 * k + 1]) << 32;
            let got = [w(0), w(1), w(2), w(3), u64::from(r.values[8])];
            assert_eq!(&got[..], want[p], "property {p}: index {} shrinks to the boundary", f.index);
        }
    }
    let wide = WidePair::of_program(&c.program);
    assert_eq!(wide.len(), 4);
    let order = |v: [u32; 9]| simplicity(&c.program.slots, &wide, &v);
    assert!(order([5, 0, 0, 0, 0, 0, 0, 0, 0]) < order([0, 1, 0, 0, 0, 0, 0, 0, 0]), "5 is simpler than 2^32");
    assert!(order([0, 0, 1, 0, 0, 0, 0, 0, 0]) < order([0, 0, u32::MAX, u32::MAX, 0, 0, 0, 0, 0]), "1 is simpler than -1");
}

/// Range domains on 64-bit inputs: every value of the random, edge and exhaustive phases lies in its
/// range (a range of more than 2^32 values, one across zero, the whole `u64` type written as a range,
/// an array element's); the edge phase reaches both ends; the properties fail on exactly the vectors
/// Rust says, on both CPU engines and lavapipe; and a failure shrinks to the boundary inside the range.
#[test]
fn range_domains_on_64_bit_inputs_draw_whole_values_in_range_on_every_backend() {
    use vecrun::shrink::{ShrinkLimits, shrink};
    let text = "spec s { }\ninput amount: u64 in 1000..=5000000000000;\ninput delta: i64 in -3000000000..3000000000;\n\
                input all: u64 in 0..=18446744073709551615;\ninput ids: [i64; 2] in -5..5;\n\
                property big {\n  assert amount < 4000000000000 || delta > 0;\n}\n\
                property mix {\n  assert (all ^ amount) % 3 != 0 || ids[0] + ids[1] > 0;\n}\n";
    let c = support::compile(text);
    assert!(c.generator.space().is_none(), "more than 2^32 amounts: never enumerated");
    // `vecrun check` and the lints count a range's values, not its words' (the whole u64 type is 2^64).
    let spec = support::compile_text(text);
    let counts: Vec<(Option<u64>, f64)> = spec.inputs.iter().map(|i| vecrun::lint::space::input_count(i.ty, &i.domain)).collect();
    assert_eq!(counts[0], (Some(5_000_000_000_000 - 999), (5_000_000_000_000f64 - 999.0).log2()));
    assert_eq!(counts[1].0, Some(6_000_000_000));
    assert_eq!((counts[2].0, counts[2].1.round()), (None, 64.0));
    assert_eq!(counts[3].0, Some(100));
    let input = |name: &str| c.program.inputs.iter().find(|i| i.name == name).unwrap().first_slot as usize;
    let (amount, delta, all, ids) = (input("amount"), input("delta"), input("all"), input("ids"));
    let value = |v: &[u32], at: usize| u64::from(v[at]) | u64::from(v[at + 1]) << 32;
    let truth = |v: &[u32]| {
        let (a, d, w) = (value(v, amount), value(v, delta) as i64, value(v, all));
        let (i0, i1) = (value(v, ids) as i64, value(v, ids + 2) as i64);
        assert!((1000..=5_000_000_000_000).contains(&a) && (-3_000_000_000..3_000_000_000).contains(&d), "{a} {d}");
        assert!((-5..5).contains(&i0) && (-5..5).contains(&i1), "{i0} {i1}");
        [!(a < 4_000_000_000_000 || d > 0), !((w ^ a) % 3 != 0 || i0 + i1 > 0)]
    };
    let mut slots = vec![0u32; c.program.slots.len()];
    let mut ends = std::collections::HashSet::new();
    for (phase, n) in [(Phase::Edge, c.generator.edge.len()), (Phase::Random, 20_000)] {
        let mut want: Vec<Vec<u64>> = vec![Vec::new(); 2];
        for index in 0..n {
            c.generator.decode(phase, index, &mut slots);
            ends.insert(value(&slots, amount));
            ends.insert(value(&slots, delta));
            for (k, fails) in truth(&slots).into_iter().enumerate() {
                if fails {
                    want[k].push(index);
                }
            }
        }
        assert!(want.iter().all(|w| !w.is_empty() && (w.len() as u64) < n), "{phase:?}: both properties split the vectors");
        fails_exactly_on_every_backend(&c, phase, n, &want);
    }
    for end in [1000, 5_000_000_000_000, -3_000_000_000i64 as u64, 2_999_999_999] {
        assert!(ends.contains(&end), "the edge phase reaches {end}");
    }
    // A failure shrinks inside the range, to the boundary.
    let stats = support::cpu(&c).run_range(Phase::Random, 0, 2000, 4).expect("cpu runs");
    let backend = support::cpu(&c);
    for f in &stats[0].failures {
        c.generator.decode(Phase::Random, f.index, &mut slots);
        let mut eval = |vs: &[Vec<u32>]| backend.eval_vectors(vs).swap_remove(0);
        let r = shrink(&c.program, 0, &slots, f.outcome, &mut eval, &ShrinkLimits::default());
        assert_eq!((value(&r.values, amount), value(&r.values, delta)), (4_000_000_000_000, 0));
        assert_eq!((value(&r.values, ids) as i64, value(&r.values, ids + 2) as i64), (0, 0));
    }
    // Small ranges are enumerated: every (d, u) pair once, across zero and across a word boundary.
    let c = support::compile(
        "spec s { }\ninput d: i64 in -5..5;\ninput u: u64 in 4294967290..4294967300;\nproperty p { assert d != -1 && u != 4294967296; }\n",
    );
    assert_eq!(c.generator.space(), Some(100));
    let mut seen = std::collections::HashSet::new();
    for index in 0..100 {
        c.generator.decode(Phase::Exhaustive, index, &mut slots[..4]);
        seen.insert((value(&slots, 0) as i64, value(&slots, 2)));
    }
    let all_pairs: std::collections::HashSet<(i64, u64)> =
        (-5..5).flat_map(|d| (4_294_967_290..4_294_967_300).map(move |u| (d, u))).collect();
    assert_eq!(seen, all_pairs);
    let cpu = support::cpu(&c).run_range(Phase::Exhaustive, 0, 100, 100).expect("cpu runs");
    assert_eq!(cpu[0].failures.len(), 19);
    if let Some(dev) = support::gpu_device() {
        let mut gpu = vecrun::gpu::GpuBackend::new(dev, &c.program, c.generator.clone(), support::cpu(&c)).expect("gpu backend");
        assert_eq!(gpu.run_range(Phase::Exhaustive, 0, 100, 100).expect("gpu runs"), cpu);
    }
}

/// Set domains on 64-bit inputs: members that share a low word or a high word, signed and
/// unsigned, in arrays; every decoded value (edge, random, exhaustive) is a member and both words
/// pick the same one; the edge phase and the exhaustive phase reach every member; verdicts on the
/// same indices on both CPU engines and the GPU; shrinking picks the simplest failing member; the
/// solver stays inside the set.
#[test]
fn set_domains_on_64_bit_inputs_draw_members_on_every_backend() {
    use vecrun::shrink::{ShrinkLimits, shrink};
    const FEES: [u64; 5] = [100, 250, 4_294_967_396, 8_589_934_692, 18_446_744_073_709_551_615];
    const DELTAS: [i64; 4] = [-4_294_967_296, -1, 7, 4_294_967_303];
    let text = "spec s { }\ninput fee: u64 in {250, 100, 4294967396, 8589934692, 18446744073709551615, 100};\n\
                input delta: [i64; 2] in {7, -1, -4294967296, 4294967303};\n\
                property p {\n  assert fee < 1000 || delta[0] + delta[1] < 0, \"fee\";\n}\n";
    let c = support::compile(text);
    assert_eq!(c.generator.space(), Some(5 * 4 * 4), "5 fees x 4 x 4 deltas");
    let value = |v: &[u32], at: usize| u64::from(v[at]) | u64::from(v[at + 1]) << 32;
    let fails = |v: &[u32]| {
        let (f, d0, d1) = (value(v, 0), value(v, 2) as i64, value(v, 4) as i64);
        assert!(FEES.contains(&f) && DELTAS.contains(&d0) && DELTAS.contains(&d1), "{f} {d0} {d1} are members");
        !(f < 1000 || d0 + d1 < 0)
    };
    let mut slots = vec![0u32; c.program.slots.len()];
    let mut seen = std::collections::HashSet::new();
    for (phase, n) in [(Phase::Edge, c.generator.edge.len()), (Phase::Exhaustive, 80), (Phase::Random, 20_000)] {
        let mut want = vec![Vec::new()];
        for index in 0..n {
            c.generator.decode(phase, index, &mut slots);
            seen.insert((phase, value(&slots, 0)));
            if fails(&slots) {
                want[0].push(index);
            }
        }
        assert!(!want[0].is_empty() && (want[0].len() as u64) < n, "{phase:?}: the property splits the vectors");
        fails_exactly_on_every_backend(&c, phase, n, &want);
    }
    for phase in [Phase::Edge, Phase::Exhaustive, Phase::Random] {
        for f in FEES {
            assert!(seen.contains(&(phase, f)), "{phase:?} reaches fee {f}");
        }
    }
    // The exhaustive phase lists every triple once.
    let mut triples = std::collections::HashSet::new();
    for index in 0..80 {
        c.generator.decode(Phase::Exhaustive, index, &mut slots);
        triples.insert((value(&slots, 0), value(&slots, 2), value(&slots, 4)));
    }
    assert_eq!(triples.len(), 80);
    // A failure shrinks to the simplest failing members: fee 4294967396 (the smallest member over
    // 1000), deltas 7 and -1.
    let mut backend = support::cpu(&c);
    let stats = backend.run_range(Phase::Random, 0, 500, 3).expect("runs");
    assert!(!stats[0].failures.is_empty());
    for f in &stats[0].failures {
        c.generator.decode(Phase::Random, f.index, &mut slots);
        let mut eval = |vs: &[Vec<u32>]| backend.eval_vectors(vs).swap_remove(0);
        let r = shrink(&c.program, 0, &slots, f.outcome, &mut eval, &ShrinkLimits::default());
        let shrunk = (value(&r.values, 0), value(&r.values, 2) as i64, value(&r.values, 4) as i64);
        assert!(shrunk == (4_294_967_396, -1, 7) || shrunk == (4_294_967_396, 7, -1), "{shrunk:?}");
    }
    // The solver constrains the value of both words to the set: a fee never above u32 in the set
    // apart from its members, so `fee != 4294967397` is proven and `fee != 8589934692` refuted.
    for (assert, proven) in [("fee != 4294967397", true), ("fee != 8589934692", false)] {
        let c = support::compile(&format!(
            "spec s {{ }}\ninput fee: u64 in {{100, 4294967396, 8589934692}};\nproperty p {{ assert {assert}; }}\n"
        ));
        let goals = vecrun::solver::prove(&c.program, &vecrun::solver::SolverOptions::z3()).expect("the solver runs");
        match &goals[0].result {
            vecrun::solver::GoalResult::Proven => assert!(proven, "{assert} is proven"),
            vecrun::solver::GoalResult::Refuted { slots, .. } => {
                assert!(!proven, "{assert} is refuted");
                assert_eq!(u64::from(slots[0]) | u64::from(slots[1]) << 32, 8_589_934_692, "the model is the member");
            }
            other => panic!("{assert}: {other:?}"),
        }
    }
}

/// A `--dataset` with `UInt64` and `FixedSizeList<Int64>` columns feeds whole 64-bit values (the row
/// whose amount exceeds 32 bits fails, the others pass), and a value outside a 64-bit range domain is
/// an error naming the row, the value and the domain.
#[test]
fn datasets_feed_whole_64_bit_values_and_check_their_ranges() {
    use arrow_array::{ArrayRef, FixedSizeListArray, Int64Array, RecordBatch, UInt64Array};
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("ds.vspec");
    std::fs::write(
        &spec,
        "spec ds { }\ninput amount: u64 in 10..=5000000000;\ninput ids: [i64; 2];\n\
         property p {\n  assert amount < 4000000000 || ids[0] < 0, \"big\";\n}\n",
    )
    .unwrap();
    let write = |name: &str, amounts: Vec<u64>, ids: Vec<i64>| {
        let item = Arc::new(arrow_schema::Field::new("item", arrow_schema::DataType::Int64, false));
        let ids = FixedSizeListArray::try_new(item, 2, Arc::new(Int64Array::from(ids)), None).unwrap();
        let batch =
            RecordBatch::try_from_iter([("amount", Arc::new(UInt64Array::from(amounts)) as ArrayRef), ("ids", Arc::new(ids) as ArrayRef)])
                .unwrap();
        let path = dir.path().join(name);
        let mut w = parquet::arrow::ArrowWriter::try_new(std::fs::File::create(&path).unwrap(), batch.schema(), None).unwrap();
        w.write(&batch).unwrap();
        w.close().unwrap();
        path
    };
    let good = write("good.parquet", vec![10, 4_500_000_000, 5_000_000_000], vec![1, -2, 3, 4, i64::MIN, 5]);
    let bad = write("bad.parquet", vec![4_000_000_000, 9], vec![0, 0, 0, 0]);
    let run = |data: &std::path::Path, out: &str| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_vecrun"))
            .args(["run", spec.to_str().unwrap(), "--backend", "cpu", "--vectors", "10", "-q", "--dataset", data.to_str().unwrap()])
            .arg("--out")
            .arg(dir.path().join(out))
            .output()
            .unwrap();
        (o.status.code(), String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr))
    };
    let (code, text) = run(&good, "good");
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("3 rows, p: 1 failed") && text.contains("dataset row 1 fails p"), "{text}");
    let (code, text) = run(&bad, "bad");
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("row 1, column `amount`: value 9 is outside the domain of input `amount` (10..=5000000000)"), "{text}");
    // A set domain: a value between two members is outside it.
    std::fs::write(
        &spec,
        "spec ds { }\ninput amount: u64 in {4000000000, 10, 5000000000};\ninput ids: [i64; 2] in {-2, 1, 3, 4, -9223372036854775808, 5, 0};\n\
         property p {\n  assert amount < 4000000000 || ids[0] < 0, \"big\";\n}\n",
    )
    .unwrap();
    let (code, text) = run(&good, "set-good");
    assert_eq!(code, Some(2), "4500000000 is no member: {text}");
    assert!(
        text.contains("row 1, column `amount`: value 4500000000 is outside the domain of input `amount` ({10, 4000000000, 5000000000})"),
        "{text}"
    );
    let (code, text) = run(&bad, "set-bad");
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("value 9 is outside the domain of input `amount` ({10, 4000000000, 5000000000})"), "{text}");
    let members = write("members.parquet", vec![10, 5_000_000_000, 4_000_000_000], vec![1, -2, 3, 4, i64::MIN, 5]);
    let (code, text) = run(&members, "set-members");
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("3 rows, p: 1 failed") && text.contains("dataset row 1 fails p"), "(5000000000, [3, 4]) fails: {text}");
}

/// Division and remainder by a constant (`amount / 100`, `ms % 1000`) take no loop: a shift for a
/// power of two, a multiply by a magic number otherwise, unsigned and signed, for divisors across
/// the whole range (1, powers of two, 2^32 ± 1, `u64::MAX`, `i64::MIN`, -1, ...), and give Rust's
/// quotient and remainder on the edge and random vectors of both CPU engines and lavapipe.
#[test]
fn division_by_a_constant_is_a_multiply_and_agrees_with_rust_on_every_backend() {
    const UNSIGNED: [u64; 14] =
        [1, 2, 3, 7, 10, 100, 1000, 6_700_417, 1 << 32, (1 << 32) - 1, (1 << 32) + 1, 1 << 63, u64::MAX, u64::MAX / 3 + 7];
    const SIGNED: [i64; 9] = [1, -1, 3, -3, 1000, -100, i64::MIN, i64::MAX, -(1 << 40) - 1];
    let mut text = String::from(
        "spec s { }\ninput x: u64;\n\
         fn check(r: u64) -> bool {\n  var v = (r as u32) ^ ((r >> 32) as u32) * 2654435761;\n  v = v ^ (v >> 15);\n  return (v * 0x2C1B3C6D) % 3 != 0;\n}\n",
    );
    for (k, d) in UNSIGNED.iter().enumerate() {
        text += &format!("property u{k} {{\n  let r: u64 = (x / {d}) ^ ((x % {d}) << 23);\n  assert check(r ^ x);\n}}\n");
    }
    for (k, d) in SIGNED.iter().enumerate() {
        let d = if *d == i64::MIN { "i64::MIN".to_string() } else { d.to_string() };
        text += &format!(
            "property s{k} {{\n  let p = x as i64;\n  let r: u64 = ((p / {d}) as u64) ^ (((p % {d}) as u64) << 23);\n  assert check(r ^ x);\n}}\n"
        );
    }
    let c = support::compile(&text);
    fn loops(body: &[vecrun::ir::Inst]) -> usize {
        body.iter()
            .map(|i| match i {
                vecrun::ir::Inst::For { body, .. } => 1 + loops(body),
                vecrun::ir::Inst::If { then, els, .. } => loops(then) + loops(els),
                _ => 0,
            })
            .sum()
    }
    for p in &c.program.properties {
        assert_eq!(loops(&p.body), 0, "{}: division by a constant takes no loop", p.name);
    }
    let truth = |x: u64| -> Vec<bool> {
        let p = x as i64;
        let u = UNSIGNED.iter().map(|&d| (x / d) ^ ((x % d) << 23));
        let s = SIGNED.iter().map(|&d| (p.wrapping_div(d) as u64) ^ ((p.wrapping_rem(d) as u64) << 23));
        u.chain(s).map(|r| fails(r ^ x)).collect()
    };
    let mut slots = vec![0u32; 2];
    for (phase, n) in [(Phase::Edge, c.generator.edge.len()), (Phase::Random, 5000)] {
        let mut want: Vec<Vec<u64>> = vec![Vec::new(); UNSIGNED.len() + SIGNED.len()];
        for index in 0..n {
            c.generator.decode(phase, index, &mut slots);
            for (k, f) in truth(u64::from(slots[0]) | u64::from(slots[1]) << 32).into_iter().enumerate() {
                if f {
                    want[k].push(index);
                }
            }
        }
        fails_exactly_on_every_backend(&c, phase, n, &want);
    }
}

/// The solver reads a 64-bit range domain as a constraint on the whole value (its two words
/// concatenated): a property that only holds inside the ranges is proven, and a refutation's model
/// lies inside them.
#[test]
fn the_solver_constrains_64_bit_inputs_to_their_ranges() {
    let c = support::compile(
        "spec s { }\ninput amount: u64 in 1000..=5000000000000;\ninput d: i64 in -5..5;\n\
         property inside {\n  assert amount >= 1000 && amount <= 5000000000000 && d >= -5 && d < 5;\n}\n\
         property big {\n  assert amount < 4000000000000 || d > 0;\n}\n",
    );
    let goals = vecrun::solver::prove(&c.program, &vecrun::solver::SolverOptions::z3()).expect("the solver runs");
    let asserts: Vec<_> = goals.iter().filter(|g| matches!(g.site, vecrun::solver::Site::Assert(_))).collect();
    assert_eq!(asserts.len(), 2);
    assert!(matches!(asserts[0].result, vecrun::solver::GoalResult::Proven), "{:?}", asserts[0].result);
    let vecrun::solver::GoalResult::Refuted { slots, .. } = &asserts[1].result else { panic!("{:?}", asserts[1].result) };
    let amount = u64::from(slots[0]) | u64::from(slots[1]) << 32;
    let d = (u64::from(slots[2]) | u64::from(slots[3]) << 32) as i64;
    assert!((4_000_000_000_000..=5_000_000_000_000).contains(&amount) && (-5..=0).contains(&d), "{amount} {d}");
}

//! Character, byte and byte-string literals, hex floats and type constants (`u32::MAX`): their
//! values against Rust's own, their errors, and a spec using all of them PROVEN on every backend.

mod support;

use vecrun::syntax::{LiteralError, parse_byte_str, parse_char, parse_float};

#[test]
fn hex_floats_round_once_to_nearest_even_like_rust() {
    let cases: [(&str, f32); 10] = [
        ("0x1.8p23", 12_582_912.0),
        ("0x1p-1", 0.5),
        ("0x1P+4", 16.0),
        ("0x1p-149", f32::from_bits(1)),
        ("0x1p-126", f32::MIN_POSITIVE),
        ("0x1.fffffep127", f32::MAX),
        ("0x0.8p1", 1.0),
        ("0x10p-4", 1.0),
        // 25 significant bits: exactly halfway, ties to even (down), and just above (up).
        ("0x1.000001p0", 1.0),
        ("0x1.000003p0", f32::from_bits(0x3F80_0002)),
    ];
    for (text, want) in cases {
        assert_eq!(parse_float(text).map(f32::to_bits), Ok(want.to_bits()), "{text}");
    }
    // Half of the smallest subnormal rounds to even (zero); a little more rounds up.
    assert_eq!(parse_float("0x1p-150").map(f32::to_bits), Ok(0));
    assert_eq!(parse_float("0x1.8p-150").map(f32::to_bits), Ok(1));
    assert_eq!(parse_float("0x1.ffffffp127"), Err(LiteralError::FloatTooLarge));
    assert_eq!(parse_float("0x1p128"), Err(LiteralError::FloatTooLarge));
    assert_eq!(parse_float("0x1.8"), Err(LiteralError::NoExponent));
    assert_eq!(parse_float("0x1.00000000000001p0"), Err(LiteralError::TooPrecise));
    assert_eq!(parse_float("0x1.0000000000000p0").map(f32::to_bits), Ok(1f32.to_bits()), "trailing zeros are not precision");
}

#[test]
fn character_and_byte_literals_are_their_code_points() {
    assert_eq!(parse_char("'A'"), Ok(65));
    assert_eq!(parse_char("'\\n'"), Ok(10));
    assert_eq!(parse_char("'\\''"), Ok(39));
    assert_eq!(parse_char("'\\u{1F600}'"), Ok(0x1F600));
    assert_eq!(parse_char("'é'"), Ok(0xE9));
    assert_eq!(parse_char("'AB'"), Err(LiteralError::NotOneChar));
    assert_eq!(parse_char("'\\q'"), Err(LiteralError::BadEscape));
    assert_eq!(parse_byte_str("b'A'"), Ok(vec![65]));
    assert_eq!(parse_byte_str("b\"AB\\x00\\xFF\""), Ok(vec![65, 66, 0, 255]));
    assert_eq!(parse_byte_str("b'é'"), Err(LiteralError::NotAscii));
}

const SPEC: &str = r#"spec lit { }

const TABLE: [u32; 4] = b"ABC\x7F";
const HALF: f32 = 0x1p-1;

input x: u32 in 0..256;
input f: f32 in 0.0..1.0;

property literals {
  assert 'A' == 65 && '\n' == 10 && '\u{E9}' == 233 && '\'' == 39;
  assert b'A' == 65 && TABLE[3] == 127 && TABLE[0] == b'A' && len(TABLE) == 4;
  assert HALF == 0.5 && 0x1.8p23 == 12582912.0;
  assert u32::MAX == 4294967295 && i32::MIN == -2147483648 && i32::MAX == 2147483647 && u32::BITS == 32;
  assert f32::EPSILON == 0x1p-23 && f32::MIN_POSITIVE == 0x1p-126 && f32::MIN == -f32::MAX;
  assert is_nan(f32::NAN) && bits(f32::NAN) == 0x7FC00000 && f32::INFINITY > f32::MAX;
  assert -f32::INFINITY == f32::NEG_INFINITY;
  // Run-time uses, not folded away: a byte of the table, and limits in comparisons.
  assert TABLE[x % 4] >= 65 && x < u32::MAX && f < 1.0 + f32::EPSILON;
  assert (x as f32) * HALF == (x as f32) / 2.0;
}
"#;

#[test]
fn a_spec_with_every_new_literal_is_proven_on_the_cpu_and_the_gpu() {
    let c = support::compile(SPEC);
    let space = c.generator.space().expect("finite space");
    let mut cpu = support::cpu(&c);
    let stats = vecrun::run::Backend::run_range(&mut cpu, vecrun::run::Phase::Random, 0, 50_000, 10).expect("cpu runs");
    assert_eq!((stats[0].evaluated, stats[0].failed), (50_000, 0), "{stats:?}");
    assert!(space > 256);
    let Some(dev) = support::gpu_device() else { return };
    let reference = support::cpu(&c);
    let mut gpu = vecrun::gpu::GpuBackend::new(dev, &c.program, c.generator.clone(), reference).expect("gpu backend");
    let got = vecrun::run::Backend::run_range(&mut gpu, vecrun::run::Phase::Random, 0, 50_000, 10).expect("gpu runs");
    assert_eq!(got, stats);
}

#[test]
fn a_byte_string_takes_its_type_from_context_and_a_wrong_one_is_an_error() {
    let spec =
        support::compile_text("spec s { }\nconst T: [i32; 2] = b\"hi\";\ninput x: u32;\nproperty p { assert T[0] == 104 && x == x; }\n");
    assert_eq!(spec.consts[0].value, vecrun::check::Value::Array(vecrun::sem::ScalarType::I32, vec![104, 105]));
    let loaded = vecrun::load::load_text(
        std::path::Path::new("t.vspec"),
        "spec s { }\nconst T: [f32; 2] = b\"hi\";\ninput x: u32;\nproperty p { assert x == x; }\n".into(),
        &vecrun::load::MemoryFs::new(),
    );
    assert!(vecrun::check::check(loaded).is_err(), "bytes are integers, not floats");
}

#[test]
fn whole_arrays_compare_element_by_element_everywhere() {
    let c = support::compile(
        "spec s { }\nconst Z: [f32; 2] = [0.0, -0.0];\ninput v: [u32; 3] in 0..4;\nproperty p {\n  assert v != [v[1], v[2], v[0]], \"constant\";\n  assert v == [v[0], v[1], v[2]] && Z == [-0.0, 0.0] && [from_bits(0x7FC00000), 1.0] != [from_bits(0x7FC00000), 1.0];\n}\n",
    );
    let space = c.generator.space().expect("finite");
    assert_eq!(space, 64);
    let mut cpu = support::cpu(&c);
    let stats = vecrun::run::Backend::run_range(&mut cpu, vecrun::run::Phase::Exhaustive, 0, space, 64).expect("cpu runs");
    // Only the 4 constant arrays equal their rotation; the second assert always holds.
    assert_eq!((stats[0].failed, stats[0].fails_by_assert.clone()), (4, vec![4, 0]));
    let Some(dev) = support::gpu_device() else { return };
    let mut gpu = vecrun::gpu::GpuBackend::new(dev, &c.program, c.generator.clone(), support::cpu(&c)).expect("gpu backend");
    let got = vecrun::run::Backend::run_range(&mut gpu, vecrun::run::Phase::Exhaustive, 0, space, 64).expect("gpu runs");
    assert_eq!(got, stats);
    // The reference interpreter and constant evaluation agree.
    let spec = support::compile_text(
        "spec s { }\nconst SAME: bool = [1, 2] == [1, 2];\nfn eq(a: [u32; 2], b: [u32; 2]) -> bool { return a == b; }\ninput x: u32;\nproperty p { assert SAME && eq([x, 1], [x, 1]); }\n",
    );
    assert_eq!(spec.consts[0].value, vecrun::check::Value::Scalar(vecrun::sem::ScalarType::Bool, 1));
    let arr = |a: u32, b: u32| vecrun::check::Value::Array(vecrun::sem::ScalarType::U32, vec![a as u64, b as u64]);
    let t = vecrun::check::Value::Scalar(vecrun::sem::ScalarType::Bool, 1);
    let f = vecrun::check::Value::Scalar(vecrun::sem::ScalarType::Bool, 0);
    assert_eq!(vecrun::equiv::eval::call(&spec, 0, vec![arr(1, 2), arr(1, 2)]), Ok(t));
    assert_eq!(vecrun::equiv::eval::call(&spec, 0, vec![arr(1, 2), arr(2, 1)]), Ok(f));
}

/// CRC-32's table entry for `n` (the reflected polynomial), computed in plain Rust.
fn crc_entry(n: u32) -> u32 {
    (0..8).fold(n, |c, _| if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 })
}

#[test]
fn a_const_computed_by_functions_at_check_time_is_the_table_rust_computes() {
    let spec = support::compile_text(
        "spec s { }\n\
         fn crc_entry(n: u32) -> u32 {\n  var c = n;\n  for k in 0..8 {\n    if c & 1 == 1 { c = 0xEDB88320 ^ (c >> 1); } else { c = c >> 1; }\n  }\n  return c;\n}\n\
         fn crc_table() -> [u32; 256] {\n  var t: [u32; 256] = [0; 256];\n  for n in 0..256 { t[n] = crc_entry(n); }\n  return t;\n}\n\
         const TABLE: [u32; 256] = crc_table();\n\
         const FIRST_BIG: u32 = first_above(TABLE, 0xF0000000);\n\
         fn first_above(t: [u32; 256], v: u32) -> u32 {\n  var k: u32 = 0;\n  while k < 256 && t[k] <= v bound 256 { k += 1; }\n  return k;\n}\n\
         input b: u32 in 0..256;\nproperty p { assert TABLE[b] == crc_entry(b) && FIRST_BIG < 256; }\n",
    );
    let want: Vec<u32> = (0..256).map(crc_entry).collect();
    let table = spec.consts.iter().find(|c| c.name == "TABLE").expect("TABLE");
    assert_eq!(table.value, vecrun::check::Value::Array(vecrun::sem::ScalarType::U32, want.iter().map(|v| *v as u64).collect()));
    let first = spec.consts.iter().find(|c| c.name == "FIRST_BIG").expect("FIRST_BIG");
    let k = want.iter().position(|&v| v > 0xF000_0000).expect("some entry is big") as u32;
    assert_eq!(first.value, vecrun::check::Value::Scalar(vecrun::sem::ScalarType::U32, k as u64));
}

#[test]
fn a_const_that_cannot_be_computed_is_a_located_error_never_a_hang() {
    let errors = |text: &str| {
        let loaded = vecrun::load::load_text(std::path::Path::new("t.vspec"), text.into(), &vecrun::load::MemoryFs::new());
        let sources = loaded.sources.clone();
        match vecrun::check::check(loaded) {
            Ok(_) => panic!("compiled:\n{text}"),
            Err(d) => vecrun::diag::render(&sources, &d, vecrun::diag::Color::Never),
        }
    };
    let tail = "input x: u32;\nproperty p { assert x == C; }\n";
    let out =
        errors(&format!("spec s {{ }}\nconst C: u32 = f(9);\nfn f(i: u32) -> u32 {{ let a: [u32; 3] = [1, 2, 3]; return a[i]; }}\n{tail}"));
    assert!(out.contains("error[E0109]") && out.contains("index 9 is out of bounds for length 3") && out.contains("t.vspec:3:"), "{out}");
    let out = errors(&format!(
        "spec s {{ }}\nconst C: u32 = f(1);\nfn f(i: u32) -> u32 {{ return g(i); }}\nfn g(i: u32) -> u32 {{ return f(i); }}\n{tail}"
    ));
    assert!(out.contains("calls nested too deep") && out.contains("error[E0144]"), "{out}");
    let out = errors(&format!("spec s {{ }}\nconst C: u32 = f(1);\nfn f(i: u32) -> u32 {{ return i + C; }}\n{tail}"));
    assert!(out.contains("error[E0107]"), "{out}");
    // 2^20 trips of 2^20 trips: the step limit, not an endless check.
    let out = errors(&format!(
        "spec s {{ }}\nconst C: u32 = f(1);\nfn f(i: u32) -> u32 {{ var s = i; for a in 0..1048576 {{ for b in 0..1048576 {{ s += 1; }} }} return s; }}\n{tail}"
    ));
    assert!(out.contains("takes more than 50 million steps"), "{out}");
    let out = errors(&format!(
        "spec s {{ }}\nfn f(i: u32) -> [u32; f2(2)] {{ return [i, i]; }}\nfn f2(i: u32) -> u32 {{ return i; }}\nconst C: u32 = 1;\n{tail}"
    ));
    assert!(out.contains("only a `const` item's value may call functions"), "{out}");
}

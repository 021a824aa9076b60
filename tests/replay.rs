//! Replay as a regression oracle: stored counterexamples re-evaluated against the stored spec and
//! against edited specs are classified still failing / fixed / not applicable (with the reason);
//! the regressions file next to a spec; and `vecrun replay` / `vecrun report` through the binary
//! on `billing_failover` (exit 1 while the bug is there, 0 against the fixed copy).

use std::path::{Path, PathBuf};
use std::process::Command;

use vecrun::check::{Type, TypedSpec};
use vecrun::cpu::CpuBackend;
use vecrun::ir::{self, Outcome, Program};
use vecrun::output::model::{Counterexample, Manifest, PhaseRange, Reason, SCHEMA_VERSION};
use vecrun::output::parquet::{self, CounterexampleWriter, StoredRun};
use vecrun::output::regressions::{self, NotApplicable, Regression};
use vecrun::replay::{self, ReplayVerdict};
use vecrun::run::{Generator, Phase};

fn compile_text(text: &str) -> TypedSpec {
    let name = "specs/shop.vspec";
    let fs = vecrun::load::MemoryFs::new().with(name, text);
    match vecrun::check::check(vecrun::load::load_text(Path::new(name), text.to_string(), &fs)) {
        Ok(c) => c.spec,
        Err(d) => panic!("spec does not compile: {d:?}\n{text}"),
    }
}

fn manifest(spec: &TypedSpec, program: &Program, seed: u64) -> Manifest {
    Manifest {
        schema_version: SCHEMA_VERSION,
        vecrun_version: env!("CARGO_PKG_VERSION").into(),
        run_id: "20261125T120000Z-replay".into(),
        spec_name: spec.header.name.clone(),
        spec_version: spec.header.version.clone(),
        spec_hash: spec.hash.hex(),
        spec_path: "specs/shop.vspec".into(),
        generator_version: vecrun::r#gen::GENERATOR_VERSION,
        seed,
        shard: None,
        phases: vec![PhaseRange { phase: Phase::Random, start: 0, end: 1000 }],
        exhaustive: false,
        backend: "cpu".into(),
        adapter: "cpu (1 thread)".into(),
        properties: program.properties.iter().map(|p| p.name.clone()).collect(),
        budget: spec.header.budget.clone(),
        burn_usd: None,
        throttled: false,
        started_at: "2026-11-25T12:00:00Z".into(),
        finished_at: Some("2026-11-25T12:00:01Z".into()),
        wall_seconds: 1.0,
        vectors_done: 1000,
        outcome: "failed".parse().expect("a run status"),
        solver: Vec::new(),
        bindings: Vec::new(),
    }
}

/// A counterexample of `property` with these slot values (shrunk empty: not shrunk).
fn counterexample(program: &Program, property: &str, original: Vec<u32>, shrunk: Vec<u32>, index: u64) -> Counterexample {
    let p = program.properties.iter().find(|p| p.name == property).expect("property");
    Counterexample {
        property: property.into(),
        assert_index: Some(0),
        assert_message: p.asserts[0].message.clone().unwrap_or_default(),
        location: p.asserts[0].location.clone(),
        reason: Reason::Assert,
        phase: "random".parse().expect("a source"),
        vector_index: index,
        outcome: Outcome::Fail(0).encode(),
        original,
        shrunk,
        shrink_steps: 0,
        implementation: Vec::new(),
    }
}

/// Writes `rows` to a Parquet file and reads it back: the replay tests work from real files.
fn stored(dir: &Path, spec: &TypedSpec, rows: &[Counterexample]) -> (PathBuf, StoredRun) {
    let program = ir::lower(spec);
    let path = dir.join("counterexamples.parquet");
    let m = manifest(spec, &program, 3);
    let mut w = CounterexampleWriter::create(&path, &program, &m, &parquet::sources_of(&spec.sources)).expect("create");
    w.write(rows).expect("write");
    w.finish(&m).expect("finish");
    let run = parquet::read_counterexamples(&path).expect("read");
    (path, run)
}

fn replay_against(run: &StoredRun, spec: &TypedSpec) -> Vec<ReplayVerdict> {
    let program = ir::lower(spec);
    let mut backend = replay::replay_backend(spec, &program, run.manifest.seed).expect("backend");
    replay::replay_stored(run, &program, &mut backend).expect("replay")
}

const SHOP: &str = r#"spec shop { version = "1" }
input qty: u32 in 0..=100;
input price: i32 in -50..=50;
input tags: [bool; 2];
property total_ok {
  assert qty < 90, "too many";
}
property price_ok {
  assert price >= -40 || tags[0], "price too low";
}
"#;

/// The shop spec with one edit applied (`from` must occur).
fn edited(from: &str, to: &str) -> TypedSpec {
    assert!(SHOP.contains(from), "{from}");
    compile_text(&SHOP.replacen(from, to, 1))
}

/// qty, price, tags[0], tags[1]
fn v(qty: u32, price: i32, t0: bool, t1: bool) -> Vec<u32> {
    vec![qty, price as u32, t0 as u32, t1 as u32]
}

fn shop_rows(program: &Program) -> Vec<Counterexample> {
    vec![
        counterexample(program, "total_ok", v(97, 3, true, false), v(90, 0, false, false), 11),
        counterexample(program, "price_ok", v(12, -47, false, true), v(0, -41, false, false), 12),
        counterexample(program, "total_ok", v(95, 0, false, false), vec![], 13),
    ]
}

fn shop_run() -> (tempfile::TempDir, StoredRun) {
    let spec = compile_text(SHOP);
    let program = ir::lower(&spec);
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, run) = stored(dir.path(), &spec, &shop_rows(&program));
    (dir, run)
}

fn names(vs: &[ReplayVerdict]) -> Vec<&'static str> {
    vs.iter().map(|v| v.name()).collect()
}

#[test]
fn against_the_stored_spec_everything_still_fails() {
    let (_d, run) = shop_run();
    let spec = replay::compile_sources(&run.sources).expect("stored sources compile").spec;
    assert_eq!(spec.hash.hex(), run.manifest.spec_hash);
    let vs = replay_against(&run, &spec);
    assert_eq!(names(&vs), ["still failing"; 3]);
    assert_eq!(vs[0].outcomes(), [Outcome::Fail(0), Outcome::Fail(0)], "shrunk then original");
    assert_eq!(vs[2].outcomes(), [Outcome::Fail(0)], "not shrunk: one vector");
}

#[test]
fn a_fix_makes_its_counterexamples_fixed_and_leaves_the_others_failing() {
    let (_d, run) = shop_run();
    let vs = replay_against(&run, &edited("qty < 90", "qty <= 100"));
    assert_eq!(names(&vs), ["fixed", "still failing", "fixed"]);
    assert_eq!(vs[0].outcomes(), [Outcome::Pass, Outcome::Pass]);
}

#[test]
fn still_failing_when_only_the_original_vector_fails() {
    let (_d, run) = shop_run();
    // The shrunk vector (qty 90) passes now, the original (qty 97) still fails.
    let vs = replay_against(&run, &edited("qty < 90", "qty < 95"));
    assert_eq!(vs[0], ReplayVerdict::StillFailing { outcomes: vec![Outcome::Pass, Outcome::Fail(0)] });
}

#[test]
fn discarded_by_a_new_assume_counts_as_fixed() {
    let (_d, run) = shop_run();
    let vs = replay_against(&run, &edited("  assert qty < 90", "  assume qty < 90;\n  assert qty < 90"));
    assert_eq!(vs[0], ReplayVerdict::Fixed { outcomes: vec![Outcome::Discard(0), Outcome::Discard(0)] });
}

#[test]
fn a_removed_property_is_not_applicable() {
    let (_d, run) = shop_run();
    let vs = replay_against(&run, &edited("property total_ok {\n  assert qty < 90, \"too many\";\n}\n", ""));
    assert_eq!(vs[0], ReplayVerdict::NotApplicable(NotApplicable::PropertyMissing { property: "total_ok".into() }));
    assert_eq!(names(&vs), ["not applicable", "still failing", "not applicable"]);
    assert_eq!(vs[0].outcomes(), []);
}

#[test]
fn a_removed_input_is_not_applicable() {
    let spec = compile_text(&SHOP.replacen("input tags: [bool; 2];\n", "", 1).replace(" || tags[0]", ""));
    let (_d, run) = shop_run();
    let vs = replay_against(&run, &spec);
    assert!(vs.iter().all(|v| *v == ReplayVerdict::NotApplicable(NotApplicable::InputRemoved { input: "tags".into() })), "{vs:?}");
    assert_eq!(NotApplicable::InputRemoved { input: "tags".into() }.to_string(), "input `tags` no longer exists");
}

#[test]
fn a_new_input_is_not_applicable() {
    let (_d, run) = shop_run();
    let vs = replay_against(&run, &edited("input qty", "input coupon: u32;\ninput qty"));
    assert_eq!(vs[1], ReplayVerdict::NotApplicable(NotApplicable::InputAdded { input: "coupon".into() }));
}

#[test]
fn a_changed_type_is_not_applicable() {
    let (_d, run) = shop_run();
    let vs = replay_against(&run, &edited("input qty: u32 in 0..=100", "input qty: i32 in 0..=100"));
    let want = NotApplicable::TypeChanged { input: "qty".into(), was: "u32".into(), now: "i32".into() };
    assert_eq!(vs[0], ReplayVerdict::NotApplicable(want.clone()));
    assert_eq!(want.to_string(), "input `qty` changed type from u32 to i32");
    let vs = replay_against(&run, &edited("[bool; 2]", "[bool; 3]"));
    assert_eq!(
        vs[0],
        ReplayVerdict::NotApplicable(NotApplicable::TypeChanged { input: "tags".into(), was: "[bool; 2]".into(), now: "[bool; 3]".into() })
    );
}

#[test]
fn a_value_outside_a_narrowed_domain_is_not_applicable() {
    let (_d, run) = shop_run();
    let vs = replay_against(&run, &edited("0..=100", "0..=50"));
    assert_eq!(vs[0], ReplayVerdict::NotApplicable(NotApplicable::OutOfDomain { input: "qty".into(), value: "90".into() }));
    assert_eq!(names(&vs)[1], "still failing", "price_ok's vectors are inside the new domain");
}

#[test]
fn inputs_are_matched_by_name_not_position() {
    let (_d, run) = shop_run();
    // Reordered inputs: the values still land on the right inputs.
    let spec = edited(
        "input qty: u32 in 0..=100;\ninput price: i32 in -50..=50;\n",
        "input price: i32 in -50..=50;\ninput qty: u32 in 0..=100;\n",
    );
    assert_eq!(names(&replay_against(&run, &spec)), ["still failing"; 3]);
}

#[test]
fn classify_evaluates_explicit_cases() {
    let spec = compile_text(SHOP);
    let program = ir::lower(&spec);
    let mut backend = CpuBackend::new(&program, Generator::new(&program.slots, 0, spec.input_hash), 1).expect("backend");
    let cases = vec![
        replay::ReplayCase { property: "price_ok".into(), vectors: Ok(vec![v(0, -45, true, false)]) },
        replay::ReplayCase { property: "price_ok".into(), vectors: Ok(vec![v(0, -45, false, false)]) },
        replay::ReplayCase { property: "gone".into(), vectors: Ok(vec![v(0, 0, false, false)]) },
        replay::ReplayCase { property: "total_ok".into(), vectors: Err(NotApplicable::InputAdded { input: "z".into() }) },
    ];
    let vs = replay::classify(&program, &mut backend, &cases).expect("classify");
    assert_eq!(names(&vs), ["fixed", "still failing", "not applicable", "not applicable"]);
    assert_eq!(vs[2], ReplayVerdict::NotApplicable(NotApplicable::PropertyMissing { property: "gone".into() }));
}

// ------------------------------------------------------------------------------------------
// The regressions file

const TYPED: &str = r#"spec typed { version = "1" }
input n: u32;
input d: i32;
input f: f32;
input b: bool;
input xs: [f32; 3];
property p {
  assert n != 7, "seven";
}
"#;

#[test]
fn regressions_round_trip_values_of_every_type() {
    let spec = compile_text(TYPED);
    let program = ir::lower(&spec);
    let slots = vec![7, (-3i32) as u32, (-0.0f32).to_bits(), 1, 0x7FC0_1234, f32::INFINITY.to_bits(), 0.1f32.to_bits()];
    let r = Regression::from_slots("p", "random", 42, 9, &spec.hash.hex(), &program, &slots);
    let line = r.to_line();
    assert!(line.starts_with(r#"{"property":"p","phase":"random","vector_index":42,"seed":9,"#), "{line}");
    assert!(line.contains(r#""values":{"n":7,"d":-3,"f":-0.0,"b":true,"xs":["NaN(0x7FC01234)","inf",0.1]}"#), "{line}");
    assert!(line.contains(r#""types":{"n":"u32","d":"i32","f":"f32","b":"bool","xs":"[f32; 3]"}"#), "{line}");
    let back: Regression = serde_json::from_str(&line).expect("parse");
    assert_eq!(back, r);
    assert_eq!(regressions::to_slots(&back, &program), Ok(slots));
}

#[test]
fn f32_values_survive_json_exactly() {
    use vecrun::sem::ScalarType;
    let ty = Type::Scalar(ScalarType::F32);
    // 0x15AE43FD: its shortest f32 text `7.038531e-26` reads back (through f64) as another f32.
    let mut x = 0x9E37_79B9u32;
    let mut patterns = vec![0x15AE_43FD, 0x95AE_43FD, 0, 0x8000_0000, 1, 0x7F7F_FFFF, 0.1f32.to_bits(), 3.8461135e-8f32.to_bits()];
    for _ in 0..200_000 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        patterns.push(x);
    }
    for bits in patterns {
        let json = regressions::value_json(ty, &[bits]);
        let text = serde_json::to_string(&json).expect("json");
        let back: serde_json::Value = serde_json::from_str(&text).expect("parse");
        let got = regressions::value_from_json(ty, &back).expect("f32");
        assert_eq!(got, vec![bits], "{bits:#010x} written as {text}");
    }
    assert_eq!(serde_json::to_string(&regressions::value_json(ty, &[3.8461135e-8f32.to_bits()])).expect("json"), "3.8461135e-8");
}

#[test]
fn regressions_file_appends_dedups_and_keeps_comments() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec_path = dir.path().join("typed.vspec");
    assert_eq!(regressions::path_for(&spec_path), dir.path().join("typed.vspec.regressions"));
    assert_eq!(regressions::load(&spec_path).expect("no file yet"), vec![]);
    let spec = compile_text(TYPED);
    let program = ir::lower(&spec);
    let a = Regression::from_slots("p", "random", 1, 0, "h", &program, &[7, 0, 0, 0, 0, 0, 0]);
    let b = Regression::from_slots("p", "edge", 2, 0, "h", &program, &[7, 1, 0, 0, 0, 0, 0]);
    let mut a_again = a.clone();
    a_again.vector_index = 99; // same values: the same regression
    assert_eq!(regressions::append(&spec_path, &[a.clone(), b.clone(), a_again]).expect("append"), 2);
    let file = regressions::path_for(&spec_path);
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, format!("# found by the nightly run\n{text}\n")).expect("write");
    assert_eq!(regressions::append(&spec_path, std::slice::from_ref(&b)).expect("append"), 0);
    let c = Regression::from_slots("p", "random", 3, 0, "h", &program, &[8, 0, 0, 0, 0, 0, 0]);
    assert_eq!(regressions::append(&spec_path, std::slice::from_ref(&c)).expect("append"), 1);
    assert_eq!(regressions::load(&spec_path).expect("load"), vec![a, b, c]);
    assert!(std::fs::read_to_string(&file).expect("read").starts_with("# found by the nightly run\n"));
    std::fs::write(&file, "{\"property\": 1}\n").expect("write");
    let e = regressions::load(&spec_path).expect_err("bad line");
    assert!(e.to_string().contains("typed.vspec.regressions:1:"), "{e}");
}

#[test]
fn regressions_map_by_name_and_say_why_not() {
    let spec = compile_text(TYPED);
    let program = ir::lower(&spec);
    // Hand-written, no types, inputs in another order.
    let hand: Regression = serde_json::from_str(r#"{"property":"p","phase":"random","vector_index":0,"seed":0,"values":{"xs":[1,2.5,"-inf"],"b":false,"f":1e-3,"d":-2147483648,"n":7}}"#).expect("parse");
    assert_eq!(
        regressions::to_slots(&hand, &program),
        Ok(vec![7, i32::MIN as u32, 1e-3f32.to_bits(), 0, 1.0f32.to_bits(), 2.5f32.to_bits(), f32::NEG_INFINITY.to_bits()])
    );
    let mut gone = hand.clone();
    gone.property = "q".into();
    assert_eq!(regressions::to_slots(&gone, &program), Err(NotApplicable::PropertyMissing { property: "q".into() }));
    let mut extra = hand.clone();
    extra.values.0.push(("old".into(), serde_json::json!(1)));
    assert_eq!(regressions::to_slots(&extra, &program), Err(NotApplicable::InputRemoved { input: "old".into() }));
    let mut missing = hand.clone();
    missing.values.0.retain(|(n, _)| n != "b");
    assert_eq!(regressions::to_slots(&missing, &program), Err(NotApplicable::InputAdded { input: "b".into() }));
    let mut typed = hand.clone();
    typed.types.0.push(("n".into(), "i32".into()));
    assert_eq!(
        regressions::to_slots(&typed, &program),
        Err(NotApplicable::TypeChanged { input: "n".into(), was: "i32".into(), now: "u32".into() })
    );
    let mut bad = hand.clone();
    bad.values.0[0].1 = serde_json::json!([1, 2]);
    assert!(matches!(regressions::to_slots(&bad, &program), Err(NotApplicable::BadValue { input, .. }) if input == "xs"));
    let mut negative = hand;
    negative.values.0[4].1 = serde_json::json!(-1);
    assert!(matches!(regressions::to_slots(&negative, &program), Err(NotApplicable::BadValue { input, .. }) if input == "n"));
}

// ------------------------------------------------------------------------------------------
// Through the binary, on billing_failover

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Writes a counterexamples.parquet for billing_failover from real failing random vectors.
fn billing_file(dir: &Path) -> (PathBuf, usize) {
    let spec = vecrun::compile_spec(&repo().join("datasets/specs/billing_failover.vspec")).expect("compiles").spec;
    let program = ir::lower(&spec);
    let generator = Generator::new(&program.slots, 11, spec.input_hash);
    let cpu = CpuBackend::new(&program, generator.clone(), 1).expect("cpu");
    let vectors: Vec<Vec<u32>> = (0..200_000u64)
        .map(|i| {
            let mut v = vec![0u32; program.slots.len()];
            generator.decode(Phase::Random, i, &mut v);
            v
        })
        .collect();
    let codes = cpu.eval_vectors(&vectors);
    let p = program.properties.iter().position(|p| p.name == "no_double_charge").expect("property");
    let ops = program.inputs.iter().find(|i| i.name == "ops").expect("ops").first_slot as usize;
    let mut rows = Vec::new();
    for (i, &code) in codes[p].iter().enumerate() {
        if !Outcome::decode(code).is_failure() {
            continue;
        }
        let mut shrunk = vectors[i].clone();
        for s in ops..ops + 16 {
            let mut c = shrunk.clone();
            c[s] = 0;
            if cpu.eval_vectors(std::slice::from_ref(&c))[p][0] == code {
                shrunk = c;
            }
        }
        let mut ce = counterexample(&program, "no_double_charge", vectors[i].clone(), shrunk, i as u64);
        ce.outcome = code;
        rows.push(ce);
    }
    assert!(rows.len() >= 5, "{} counterexamples", rows.len());
    // The writer never creates directories: a run creates its output directory first.
    std::fs::create_dir_all(dir.join("run")).expect("mkdir");
    let path = dir.join("run/counterexamples.parquet");
    let mut m = manifest(&spec, &program, 11);
    m.spec_path = "datasets/specs/billing_failover.vspec".into();
    let mut w = CounterexampleWriter::create(&path, &program, &m, &parquet::sources_of(&spec.sources)).expect("create");
    for part in rows.chunks(4) {
        w.write(part).expect("write");
    }
    w.finish(&m).expect("finish");
    (path, rows.len())
}

/// A copy of billing_failover with the double-charge bug removed (and its import beside it).
fn fixed_billing(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(repo().join("datasets/specs/billing_failover.vspec")).expect("read spec");
    let bug = "} else if pending && !region_up {\n      charged += amount; charges += 1;\n    }";
    assert!(text.contains(bug), "the planted bug moved; update this test");
    let fixed = text.replace(bug, "} else if pending && !region_up {\n      pending = false;\n    }");
    std::fs::create_dir_all(dir.join("common")).expect("mkdir");
    std::fs::copy(repo().join("datasets/specs/common/money.vspec"), dir.join("common/money.vspec")).expect("copy import");
    let path = dir.join("fixed.vspec");
    std::fs::write(&path, fixed).expect("write");
    path
}

fn vecrun(args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vecrun")).env("VECRUN_ALLOW_SOFTWARE_GPU", "1").args(args).output().expect("run vecrun");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn replay_exits_1_on_the_bug_and_0_against_the_fixed_spec() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (file, n) = billing_file(dir.path());
    let junit = dir.path().join("replay.xml");
    let (code, out, err) =
        vecrun(&["replay".as_ref(), file.as_os_str(), "--backend".as_ref(), "gpu".as_ref(), "--junit".as_ref(), junit.as_os_str()]);
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(out.contains(&format!("{n} still failing, 0 fixed, 0 not applicable")), "{out}");
    assert!(out.contains("no_double_charge still fails at ") && out.contains("customer double-charged"), "{out}");
    assert!(err.contains("CPU reference backend"), "{err}");
    let xml = std::fs::read_to_string(&junit).expect("junit written");
    assert!(xml.contains(r#"<testcase name="no_double_charge" classname="billing_failover""#) && xml.contains("<failure "), "{xml}");

    let fixed = fixed_billing(dir.path());
    let (code, out, err) =
        vecrun(&["replay".as_ref(), file.as_os_str(), "--spec".as_ref(), fixed.as_os_str(), "--junit".as_ref(), junit.as_os_str()]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains(&format!("0 still failing, {n} fixed, 0 not applicable")), "{out}");
    assert_eq!(out.matches("  fixed\n").count(), n, "{out}");
    let xml = std::fs::read_to_string(&junit).expect("junit written");
    assert!(!xml.contains("<failure"), "{xml}");
}

#[test]
fn replay_errors_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bogus = dir.path().join("bogus.parquet");
    std::fs::write(&bogus, "not parquet").expect("write");
    let (code, _, err) = vecrun(&["replay".as_ref(), bogus.as_os_str()]);
    assert_eq!(code, 2);
    assert!(err.contains("is not a Parquet file"), "{err}");
    let (code, _, _) = vecrun(&["report".as_ref(), bogus.as_os_str()]);
    assert_eq!(code, 2);
}

#[test]
fn report_summarises_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (file, n) = billing_file(dir.path());
    let junit = dir.path().join("report.xml");
    let (code, out, err) = vecrun(&["report".as_ref(), file.as_os_str(), "--junit".as_ref(), junit.as_os_str()]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains(&format!("no_double_charge: {n} counterexamples")), "{out}");
    assert!(out.contains("fee_is_bounded: 0 counterexamples"), "{out}");
    assert!(out.contains("x customer double-charged"), "{out}");
    assert!(out.contains(r#"56 |   assert charges <= allowed, "customer double-charged";"#), "the source line: {out}");
    assert!(out.contains("   |          ^\n"), "the caret under the condition: {out}");
    assert!(out.contains("smallest shrunk vector (random #"), "{out}");
    assert!(out.contains("amount: min "), "{out}");
    assert!(out.contains("ops (all 16 elements): min "), "{out}");
    assert!(out.contains("flag: true "), "{out}");
    let xml = std::fs::read_to_string(&junit).expect("junit");
    assert!(xml.contains(r#"<testcase name="fee_is_bounded" classname="billing_failover""#), "{xml}");
    assert!(xml.contains(r#"<failure message="customer double-charged""#), "{xml}");
}

#[test]
fn report_helpers() {
    use vecrun::run::analysis;
    use vecrun::shrink::Simplicity;
    assert_eq!(analysis::parse_location("a:b/x.vspec:12:5"), Some(("a:b/x.vspec", 12, 5)));
    let inputs = vec![("n".to_string(), Type::U32), ("xs".to_string(), Type::Array(vecrun::sem::ScalarType::I32, 2))];
    // The shrinker's order over whole types: one non-zero value, -3 is the 6th i32 (0, 1, -1, 2, -2, 3, -3).
    assert_eq!(analysis::simplicity(&inputs, &[0, 0, (-3i32) as u32]), Simplicity { nonzero: 1, distance: 6 });
    // "Smallest" in the report is "simplest" in the shrinker: 1.0 is simpler than 0.5 for both.
    let f = vec![("x".to_string(), Type::Scalar(vecrun::sem::ScalarType::F32))];
    let one = analysis::simplicity(&f, &[1.0f32.to_bits()]);
    assert!(one < analysis::simplicity(&f, &[0.5f32.to_bits()]));
    assert_eq!(one, vecrun::shrink::simplicity(&[vecrun::r#gen::domain::Domain::F32Any], &[], &[1.0f32.to_bits()]));
    let sources = vec![("s.vspec".to_string(), "line one\n  assert x;\n".to_string())];
    let ex = analysis::source_excerpt(&sources, "s.vspec:2:3").expect("excerpt");
    assert!(ex.contains("2 |   assert x;\n  |   ^"), "{ex}");
}

//! `counterexamples.parquet` and `summary.parquet`: written by vecrun, read back by vecrun's reader
//! and by real readers (pyarrow, duckdb; polars when installed) through
//! `tests/python/read_counterexamples.py`; typed errors on files vecrun cannot use; and crash
//! safety: a writer SIGKILLed mid-write never leaves a half file at the final path.
//!
//! The Python readers run when `VECRUN_PYTHON` names an interpreter with pyarrow and duckdb
//! (`scripts/test.sh` sets it up). Without it the reader test is skipped, except under `CI`, where
//! it fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value as Json;
use vecrun::check::{Type, TypedSpec};
use vecrun::cpu::CpuBackend;
use vecrun::ir::{self, Outcome, Program};
use vecrun::output::model::{Counterexample, Manifest, PhaseRange, Reason, SCHEMA_VERSION};
use vecrun::output::parquet::{self, CounterexampleWriter, ParquetOutputError, SummaryRow};
use vecrun::run::{Generator, Phase};

const SEED: u64 = 7;

fn billing() -> TypedSpec {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/specs/billing_failover.vspec");
    match vecrun::compile_spec(&path) {
        Ok(c) => c.spec,
        Err(e) => panic!("billing_failover.vspec does not compile: {e}"),
    }
}

fn from_text(name: &str, text: &str) -> TypedSpec {
    let fs = vecrun::load::MemoryFs::new().with(name, text);
    let loaded = vecrun::load::load_text(Path::new(name), text.to_string(), &fs);
    match vecrun::check::check(loaded) {
        Ok(c) => c.spec,
        Err(d) => panic!("spec does not compile: {d:?}"),
    }
}

fn manifest(spec: &TypedSpec, program: &Program, outcome: &str) -> Manifest {
    Manifest {
        schema_version: SCHEMA_VERSION,
        vecrun_version: env!("CARGO_PKG_VERSION").into(),
        run_id: "20261125T110322Z-test".into(),
        spec_name: spec.header.name.clone(),
        spec_version: spec.header.version.clone(),
        spec_hash: spec.hash.hex(),
        spec_path: "datasets/specs/billing_failover.vspec".into(),
        generator_version: vecrun::r#gen::GENERATOR_VERSION,
        seed: SEED,
        shard: None,
        phases: vec![PhaseRange { phase: Phase::Random, start: 0, end: 300_000 }],
        exhaustive: false,
        backend: "cpu".into(),
        adapter: "cpu (1 thread)".into(),
        properties: program.properties.iter().map(|p| p.name.clone()).collect(),
        budget: spec.header.budget.clone(),
        burn_usd: None,
        throttled: false,
        started_at: "2026-11-25T11:03:22Z".into(),
        finished_at: (outcome != "running").then(|| "2026-11-25T11:03:25Z".into()),
        wall_seconds: 3.0,
        vectors_done: 300_000,
        outcome: outcome.parse().expect("a run status"),
        solver: Vec::new(),
        bindings: Vec::new(),
    }
}

fn counterexample(
    program: &Program,
    property: usize,
    code: u32,
    phase: &str,
    index: u64,
    original: Vec<u32>,
    shrunk: Vec<u32>,
) -> Counterexample {
    let p = &program.properties[property];
    let outcome = Outcome::decode(code);
    let (message, _, location) = vecrun::run::report::failure_reason(p, outcome);
    Counterexample {
        property: p.name.clone(),
        assert_index: match outcome {
            Outcome::Fail(id) => Some(id),
            _ => None,
        },
        assert_message: message,
        location,
        reason: if matches!(outcome, Outcome::OutOfBounds(_)) { Reason::IndexOutOfBounds } else { Reason::Assert },
        phase: phase.parse().expect("a source"),
        vector_index: index,
        outcome: code,
        original,
        shrunk,
        shrink_steps: 0,
        implementation: Vec::new(),
    }
}

/// Real counterexamples of `billing_failover`: random vectors that fail, with `ops` shrunk
/// greedily (each element set to 0 when the vector still fails the same way).
fn billing_counterexamples(spec: &TypedSpec, program: &Program) -> Vec<Counterexample> {
    let generator = Generator::new(&program.slots, SEED, spec.input_hash);
    let cpu = CpuBackend::new(program, generator.clone(), 1).expect("cpu backend");
    let ops = program.inputs.iter().find(|i| i.name == "ops").expect("ops input");
    let mut out = Vec::new();
    let chunk = 20_000u64;
    let mut base = 0u64;
    while base < 300_000 && out.len() < 24 {
        let vectors: Vec<Vec<u32>> = (base..base + chunk)
            .map(|i| {
                let mut v = vec![0u32; program.slots.len()];
                generator.decode(Phase::Random, i, &mut v);
                v
            })
            .collect();
        let codes = cpu.eval_vectors(&vectors);
        for (p, per) in codes.iter().enumerate() {
            for (k, &code) in per.iter().enumerate() {
                if !Outcome::decode(code).is_failure() {
                    continue;
                }
                let original = vectors[k].clone();
                let mut shrunk = original.clone();
                let mut steps = 0;
                for s in ops.first_slot..ops.first_slot + 16 {
                    let s = s as usize;
                    if shrunk[s] == 0 {
                        continue;
                    }
                    let mut candidate = shrunk.clone();
                    candidate[s] = 0;
                    if cpu.eval_vectors(&[candidate.clone()])[p][0] == code {
                        shrunk = candidate;
                        steps += 1;
                    }
                }
                let mut c = counterexample(program, p, code, "random", base + k as u64, original, shrunk);
                c.shrink_steps = steps;
                out.push(c);
            }
        }
        base += chunk;
    }
    assert!(out.len() >= 10, "expected a dozen counterexamples in 300k vectors, found {}", out.len());
    out
}

fn temp_dir(tag: &str) -> tempfile::TempDir {
    tempfile::Builder::new().prefix(&format!("vecrun-{tag}-")).tempdir().expect("temp dir")
}

fn write_file(path: &Path, spec: &TypedSpec, program: &Program, rows: &[Counterexample], batches: usize) -> Manifest {
    // The writer never creates directories (a run creates its own output directory first).
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("mkdir");
    }
    let sources = parquet::sources_of(&spec.sources);
    let mut w = CounterexampleWriter::create(path, program, &manifest(spec, program, "running"), &sources).expect("create");
    for part in rows.chunks(rows.len().div_ceil(batches.max(1)).max(1)) {
        w.write(part).expect("write");
        assert!(!path.exists(), "the final path must not exist before finish");
        assert!(w.temp_path().exists());
    }
    let done = manifest(spec, program, "failed");
    assert_eq!(w.finish(&done).expect("finish"), rows.len() as u64);
    done
}

fn assert_rows_equal(written: &[Counterexample], read: &parquet::StoredRun, m: &Manifest) {
    assert_eq!(read.rows.len(), written.len());
    for (w, r) in written.iter().zip(&read.rows) {
        assert_eq!(r.property, w.property);
        assert_eq!(r.assert_index, w.assert_index);
        assert_eq!(r.assert_message, w.assert_message);
        assert_eq!(r.location, w.location);
        assert_eq!(r.reason, w.reason);
        assert_eq!(r.phase, w.phase.name());
        assert_eq!(r.vector_index, w.vector_index);
        assert_eq!(r.outcome, w.outcome);
        assert_eq!(r.shrink_steps, w.shrink_steps);
        assert_eq!(r.original, w.original, "original values of {} #{}", w.property, w.vector_index);
        let shrunk = if w.shrunk.is_empty() { &w.original } else { &w.shrunk };
        assert_eq!(&r.shrunk, shrunk, "shrunk values of {} #{}", w.property, w.vector_index);
        assert_eq!(r.seed, m.seed);
        assert_eq!(r.run_id, m.run_id);
        assert_eq!(r.spec_hash, m.spec_hash);
        assert_eq!(r.backend, m.backend);
        assert_eq!(r.adapter, m.adapter);
    }
}

#[test]
fn billing_counterexamples_round_trip_through_the_reader() {
    let spec = billing();
    let program = ir::lower(&spec);
    let rows = billing_counterexamples(&spec, &program);
    let dir = temp_dir("billing");
    let path = dir.path().join(parquet::COUNTEREXAMPLES_FILE);
    let m = write_file(&path, &spec, &program, &rows, 3);
    let read = parquet::read_counterexamples(&path).expect("read back");
    assert_eq!(read.schema_version, SCHEMA_VERSION);
    assert_eq!(read.manifest, m, "the final manifest is in the metadata");
    let names: Vec<&str> = read.sources.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names[0].ends_with("billing_failover.vspec") && names.iter().any(|n| n.ends_with("common/money.vspec")), "{names:?}");
    assert_eq!(read.sources, parquet::sources_of(&spec.sources));
    let inputs: Vec<(String, Type)> = program.inputs.iter().map(|i| (i.name.clone(), i.ty)).collect();
    assert_eq!(read.inputs, inputs);
    assert_rows_equal(&rows, &read, &m);
    // The shrunk `ops` have few non-zero elements and still fail.
    let ops = program.inputs.iter().find(|i| i.name == "ops").expect("ops").first_slot as usize;
    for r in &read.rows {
        let nonzero = r.shrunk[ops..ops + 16].iter().filter(|v| **v != 0).count();
        assert!(nonzero <= 4, "shrunk ops of #{} still has {nonzero} non-zero elements", r.vector_index);
    }
    // The file alone is enough: its sources compile to the same spec.
    let rebuilt = vecrun::replay::compile_sources(&read.sources).expect("stored sources compile");
    assert_eq!(rebuilt.spec.hash, spec.hash);
}

const ALL_TYPES: &str = r#"spec all_types { version = "0.1" }
input seed: u32;
input phase: bool;
input shrunk_x: i32 in -100..=100;
input x: f32;
input xs: [f32; 3];
input flags: [bool; 2];
input ns: [i32; 4];
input bytes: [u8; 2];
input tiny: i8;
input mid: i16;
input wide: u16;
property p {
  assert !phase || shrunk_x > 0, "phase needs positive shrunk_x";
}
property q {
  assert xs[0] == xs[0] || flags[1], "NaN without flag";
}
"#;

/// Hand-made rows over every type, with awkward values (NaN payloads, -0.0, infinities, extremes).
fn all_types_rows(program: &Program) -> Vec<Counterexample> {
    let nan_payload = 0x7FC0_1234u32;
    let vectors: Vec<(usize, Vec<u32>, Vec<u32>)> = vec![
        (
            0,
            vec![
                u32::MAX,
                1,
                (-5i32) as u32,
                (-0.0f32).to_bits(),
                1.5f32.to_bits(),
                f32::INFINITY.to_bits(),
                f32::MIN_POSITIVE.to_bits(),
                0,
                1,
                i32::MIN as u32,
                i32::MAX as u32,
                0,
                (-1i32) as u32,
                200,
                255,
                (-128i32) as u32,
                (-32768i32) as u32,
                65535,
            ],
            vec![0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        ),
        (
            1,
            vec![
                12345,
                0,
                7,
                f32::NEG_INFINITY.to_bits(),
                nan_payload,
                2.0f32.to_bits(),
                (-3.25f32).to_bits(),
                1,
                0,
                1,
                2,
                3,
                4,
                0,
                1,
                127,
                32767,
                0,
            ],
            vec![0, 0, 0, 0, 0x7FC0_0000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        ),
        (1, vec![0, 1, (-100i32) as u32, 0x7F80_0001, 0xFFC0_0000, 0, 0, 1, 0, 0, 0, 0, 0, 7, 8, u32::MAX, u32::MAX, 1], vec![]),
    ];
    vectors
        .into_iter()
        .enumerate()
        .map(|(k, (p, original, shrunk))| {
            let code = Outcome::Fail(0).encode();
            {
                let mut c = counterexample(program, p, code, if k == 2 { "edge" } else { "random" }, 1000 + k as u64, original, shrunk);
                c.shrink_steps = k as u32;
                c
            }
        })
        .collect()
}

#[test]
fn every_type_and_clashing_names_round_trip_bit_exactly() {
    let spec = from_text("specs/all_types.vspec", ALL_TYPES);
    let program = ir::lower(&spec);
    assert_eq!(program.slots.len(), 18);
    let rows = all_types_rows(&program);
    let dir = temp_dir("types");
    let path = dir.path().join("out/counterexamples.parquet");
    let m = write_file(&path, &spec, &program, &rows, 2);
    let read = parquet::read_counterexamples(&path).expect("read back");
    assert_rows_equal(&rows, &read, &m);
    let typed: Vec<(String, Type)> = program.inputs.iter().map(|i| (i.name.clone(), i.ty)).collect();
    let columns = parquet::input_columns(&typed);
    let names: Vec<(&str, &str)> = columns.iter().map(|c| (c.column.as_str(), c.shrunk_column.as_str())).collect();
    assert_eq!(
        names,
        vec![
            ("input_seed", "shrunk_seed"),
            ("input_phase", "shrunk_phase"),
            ("shrunk_x", "shrunk_shrunk_x"),
            ("x", "shrunk_input_x"),
            ("xs", "shrunk_xs"),
            ("flags", "shrunk_flags"),
            ("ns", "shrunk_ns"),
            ("bytes", "shrunk_bytes"),
            ("tiny", "shrunk_tiny"),
            ("mid", "shrunk_mid"),
            ("wide", "shrunk_wide"),
        ]
    );
    assert_eq!(read.inputs, typed);
}

#[test]
fn an_empty_run_is_a_readable_file() {
    let spec = from_text("e.vspec", ALL_TYPES);
    let program = ir::lower(&spec);
    let dir = temp_dir("empty");
    let path = dir.path().join("counterexamples.parquet");
    let w = CounterexampleWriter::create(&path, &program, &manifest(&spec, &program, "running"), &parquet::sources_of(&spec.sources))
        .expect("create");
    w.finish(&manifest(&spec, &program, "passed")).expect("finish");
    let read = parquet::read_counterexamples(&path).expect("read");
    assert!(read.rows.is_empty());
    assert_eq!(read.manifest.outcome, "passed");
}

#[test]
fn an_unfinished_writer_leaves_nothing_behind() {
    let spec = from_text("e.vspec", ALL_TYPES);
    let program = ir::lower(&spec);
    let dir = temp_dir("drop");
    let path = dir.path().join("counterexamples.parquet");
    let mut w = CounterexampleWriter::create(&path, &program, &manifest(&spec, &program, "running"), &[]).expect("create");
    w.write(&all_types_rows(&program)).expect("write");
    let tmp = w.temp_path().to_path_buf();
    assert!(tmp.exists());
    drop(w);
    assert!(!tmp.exists() && !path.exists());
    let count = std::fs::read_dir(dir.path()).expect("dir").count();
    assert_eq!(count, 0);
}

#[test]
fn a_vector_of_the_wrong_length_is_refused() {
    let spec = from_text("e.vspec", ALL_TYPES);
    let program = ir::lower(&spec);
    let dir = temp_dir("len");
    let path = dir.path().join("c.parquet");
    let mut w = CounterexampleWriter::create(&path, &program, &manifest(&spec, &program, "running"), &[]).expect("create");
    let mut bad = all_types_rows(&program);
    bad[0].original.pop();
    assert!(matches!(w.write(&bad), Err(ParquetOutputError::SlotCount { found: 17, expected: 18, .. })));
}

#[test]
fn summary_round_trips() {
    let spec = billing();
    let program = ir::lower(&spec);
    let m = manifest(&spec, &program, "failed");
    let rows = vec![
        SummaryRow {
            property: "fee_is_bounded".into(),
            evaluated: 300_000,
            passed: 300_000,
            failed: 0,
            discarded: 0,
            cover_labels: vec!["large amounts".into()],
            cover_hits: vec![29_973],
            verdict: "PASSED".into(),
            wall_seconds: 1.25,
            vectors_per_second: 240_000.0,
        },
        SummaryRow {
            property: "no_double_charge".into(),
            evaluated: 300_000,
            passed: 299_970,
            failed: 30,
            discarded: 0,
            cover_labels: vec![],
            cover_hits: vec![],
            verdict: "FAILED".into(),
            wall_seconds: 1.25,
            vectors_per_second: 240_000.0,
        },
    ];
    let dir = temp_dir("summary");
    let path = dir.path().join(parquet::SUMMARY_FILE);
    parquet::write_summary(&path, &m, &rows).expect("write summary");
    let read = parquet::read_summary(&path).expect("read summary");
    assert_eq!(read.manifest, m);
    assert_eq!(read.rows, rows);
    // Each reader refuses the other kind of file.
    assert!(matches!(parquet::read_counterexamples(&path), Err(ParquetOutputError::WrongKind { .. })));
}

/// A Parquet file with arbitrary key-value metadata.
fn plain_parquet(path: &Path, kv: Vec<(&str, &str)>) {
    use arrow_array::{ArrayRef, RecordBatch, UInt32Array};
    use std::sync::Arc;
    let column: ArrayRef = Arc::new(UInt32Array::from(vec![1u32, 2, 3]));
    let batch = RecordBatch::try_from_iter([("a", column)]).expect("batch");
    let kv: Vec<parquet_kv::KeyValue> = kv.into_iter().map(|(k, v)| parquet_kv::KeyValue::new(k.to_string(), v.to_string())).collect();
    let props = parquet_kv::WriterProperties::builder().set_key_value_metadata(Some(kv)).build();
    let file = std::fs::File::create(path).expect("create");
    let mut w = parquet_kv::ArrowWriter::try_new(file, batch.schema(), Some(props)).expect("writer");
    w.write(&batch).expect("write");
    w.close().expect("close");
}

mod parquet_kv {
    pub use ::parquet::arrow::ArrowWriter;
    pub use ::parquet::file::metadata::KeyValue;
    pub use ::parquet::file::properties::WriterProperties;
}

#[test]
fn files_vecrun_cannot_use_give_typed_errors() {
    let dir = temp_dir("errors");
    let d = dir.path();
    let missing = d.join("missing.parquet");
    assert!(matches!(parquet::read_counterexamples(&missing), Err(ParquetOutputError::Io { .. })));
    let text = d.join("text.parquet");
    std::fs::write(&text, "property,count\nx,1\n").expect("write");
    let e = parquet::read_counterexamples(&text).expect_err("text is not parquet");
    assert!(matches!(e, ParquetOutputError::NotParquet { .. }), "{e}");
    let empty = d.join("empty.parquet");
    std::fs::write(&empty, "").expect("write");
    assert!(matches!(parquet::read_counterexamples(&empty), Err(ParquetOutputError::NotParquet { .. })));
    let plain = d.join("plain.parquet");
    plain_parquet(&plain, vec![]);
    let e = parquet::read_counterexamples(&plain).expect_err("not vecrun");
    assert!(matches!(e, ParquetOutputError::NotVecrun { .. }), "{e}");
    assert!(e.to_string().contains("not one written by vecrun"), "{e}");
    let future = d.join("future.parquet");
    plain_parquet(&future, vec![("vecrun.schema_version", "999"), ("vecrun.kind", "counterexamples")]);
    let e = parquet::read_counterexamples(&future).expect_err("future");
    assert!(matches!(e, ParquetOutputError::FutureSchema { found: 999, supported: SCHEMA_VERSION, .. }), "{e}");
    assert!(e.to_string().contains("upgrade vecrun"), "{e}");
    let junk_version = d.join("junk.parquet");
    plain_parquet(&junk_version, vec![("vecrun.schema_version", "one"), ("vecrun.kind", "counterexamples")]);
    assert!(matches!(parquet::read_counterexamples(&junk_version), Err(ParquetOutputError::Corrupt { .. })));
    let no_columns = d.join("nocols.parquet");
    plain_parquet(&no_columns, vec![("vecrun.schema_version", "1"), ("vecrun.kind", "counterexamples"), ("vecrun.manifest", "{}")]);
    assert!(matches!(parquet::read_counterexamples(&no_columns), Err(ParquetOutputError::Corrupt { .. })));
}

/// The parquet crate (60) can panic on some damaged files (e.g. "Decoder for dict should have been
/// set"); the reader turns that into `Corrupt`. Every damaged file must come back as a value.
#[test]
fn damaged_files_are_errors_never_panics() {
    let spec = from_text("d.vspec", ALL_TYPES);
    let program = ir::lower(&spec);
    let dir = temp_dir("damaged");
    let path = dir.path().join("c.parquet");
    write_file(&path, &spec, &program, &all_types_rows(&program), 2);
    let good = std::fs::read(&path).expect("read");
    let damaged = dir.path().join("damaged.parquet");
    // Truncations (what a crash would leave without the temporary-name scheme) ...
    for cut in (0..good.len()).step_by(97).chain([good.len() - 1, good.len() - 8, 4, 8]) {
        std::fs::write(&damaged, &good[..cut]).expect("write");
        let r = std::panic::catch_unwind(|| parquet::read_counterexamples(&damaged));
        assert!(matches!(r, Ok(Err(_))), "truncated at {cut} of {}: {r:?}", good.len());
    }
    // ... and flipped bits: an error or a file that still reads, never a panic.
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    let (mut errors, mut corrupt) = (0, 0);
    for _ in 0..400 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let mut bytes = good.clone();
        let at = (x % bytes.len() as u64) as usize;
        bytes[at] ^= 1 << (x >> 61);
        std::fs::write(&damaged, &bytes).expect("write");
        match std::panic::catch_unwind(|| parquet::read_counterexamples(&damaged)) {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => {
                errors += 1;
                corrupt += matches!(e, ParquetOutputError::Corrupt { .. }) as usize;
            }
            Err(_) => panic!("read_counterexamples panicked on a file with byte {at} flipped"),
        }
    }
    assert!(errors > 0 && corrupt > 0, "{errors} errors, {corrupt} corrupt");
}

// ------------------------------------------------------------------------------------------
// Real readers

fn python() -> Option<PathBuf> {
    match std::env::var_os("VECRUN_PYTHON") {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => {
            if std::env::var_os("CI").is_some() {
                panic!("VECRUN_PYTHON is not set: under CI the pyarrow/duckdb reader tests must run (use scripts/test.sh)");
            }
            eprintln!(
                "skipping: set VECRUN_PYTHON to a Python with pyarrow and duckdb (scripts/test.sh does) to run the real-reader checks"
            );
            None
        }
    }
}

fn read_with_python(python: &Path, file: &Path, columns: &[String]) -> Json {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/read_counterexamples.py");
    let out = Command::new(python).arg(&script).arg(file).args(columns).output().expect("run python");
    assert!(out.status.success(), "{} failed:\n{}", script.display(), String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("the script prints JSON")
}

fn bits_json(ty: Type, bits: &[u32]) -> Json {
    match ty {
        Type::Scalar(_) => Json::from(bits[0]),
        Type::Array(..) => Json::Array(bits.iter().map(|b| Json::from(*b)).collect()),
        Type::Record(_) | Type::RecordArray(..) => unreachable!("inputs are never records"),
    }
}

/// duckdb hands floats to Python as doubles: NaN payloads are not kept there.
fn canonical_nan(ty: Type, j: &Json) -> Json {
    let fix = |v: &Json| match v.as_u64() {
        Some(b) if ty.elem() == vecrun::sem::ScalarType::F32 && f32::from_bits(b as u32).is_nan() => {
            Json::from(0x7FC0_0000u32 | (b as u32 & 0x8000_0000))
        }
        _ => v.clone(),
    };
    match j {
        Json::Array(xs) => Json::Array(xs.iter().map(fix).collect()),
        v => fix(v),
    }
}

fn check_real_readers(python: &Path, path: &Path, spec: &TypedSpec, program: &Program, rows: &[Counterexample], m: &Manifest) {
    let typed: Vec<(String, Type)> = program.inputs.iter().map(|i| (i.name.clone(), i.ty)).collect();
    let columns = parquet::input_columns(&typed);
    let mut names: Vec<String> = columns.iter().map(|c| c.column.clone()).collect();
    names.extend(columns.iter().map(|c| c.shrunk_column.clone()));
    let got = read_with_python(python, path, &names);
    let manifest_json = serde_json::to_value(m).expect("manifest json");
    let expected_groups: Vec<Json> = {
        let mut counts: std::collections::BTreeMap<&str, u64> = Default::default();
        for r in rows {
            *counts.entry(&r.property).or_default() += 1;
        }
        counts.into_iter().map(|(p, c)| serde_json::json!([p, c])).collect()
    };
    let keys = serde_json::json!([
        "vecrun.checksum",
        "vecrun.inputs",
        "vecrun.kind",
        "vecrun.manifest",
        "vecrun.schema_version",
        "vecrun.sources"
    ]);

    // pyarrow
    let pa = &got["pyarrow"];
    assert_eq!(pa["num_rows"], Json::from(rows.len()));
    assert_eq!(pa["metadata_keys"], keys);
    assert_eq!(pa["schema_version"], Json::from(SCHEMA_VERSION.to_string()));
    assert_eq!(pa["manifest"], manifest_json, "pyarrow reads the final manifest");
    let sources: Vec<(String, String)> = pa["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| (s["name"].as_str().unwrap_or("").to_string(), s["text"].as_str().unwrap_or("").to_string()))
        .collect();
    assert_eq!(sources, parquet::sources_of(&spec.sources));
    let types = &pa["types"];
    assert_eq!(types["vector_index"], "uint64");
    assert_eq!(types["seed"], "uint64");
    assert_eq!(types["assert_index"], "uint32");
    for (c, (_, ty)) in columns.iter().zip(&typed) {
        let want = match ty {
            Type::Scalar(s) => pa_scalar(*s).to_string(),
            Type::Array(s, n) => format!("fixed_size_list<item: {} not null>[{n}]", pa_scalar(*s)),
            Type::Record(_) | Type::RecordArray(..) => unreachable!("inputs are never records"),
        };
        assert_eq!(types[&c.column], Json::from(want.clone()), "pyarrow type of {}", c.column);
        assert_eq!(types[&c.shrunk_column], Json::from(want), "pyarrow type of {}", c.shrunk_column);
    }
    for (w, r) in rows.iter().zip(pa["rows"].as_array().expect("rows")) {
        assert_eq!(r["property"], Json::from(w.property.clone()));
        assert_eq!(r["phase"], Json::from(w.phase.name()));
        assert_eq!(r["vector_index"], Json::from(w.vector_index));
        assert_eq!(r["seed"], Json::from(m.seed));
        assert_eq!(r["assert_index"], serde_json::to_value(w.assert_index).expect("json"));
        assert_eq!(r["reason"], Json::from(w.reason.name()));
        assert_eq!(r["shrink_steps"], Json::from(w.shrink_steps));
        let shrunk = if w.shrunk.is_empty() { &w.original } else { &w.shrunk };
        for (c, i) in columns.iter().zip(&program.inputs) {
            let range = i.first_slot as usize..(i.first_slot + i.ty.slots()) as usize;
            assert_eq!(r["inputs"][&c.column], bits_json(i.ty, &w.original[range.clone()]), "pyarrow {} of #{}", c.column, w.vector_index);
            assert_eq!(
                r["inputs"][&c.shrunk_column],
                bits_json(i.ty, &shrunk[range]),
                "pyarrow {} of #{}",
                c.shrunk_column,
                w.vector_index
            );
        }
    }

    // duckdb
    let dd = &got["duckdb"];
    assert_eq!(dd["group_by"], Json::Array(expected_groups.clone()), "duckdb GROUP BY property");
    assert_eq!(dd["kv_keys"], keys);
    assert_eq!(dd["schema_version"], Json::from(SCHEMA_VERSION.to_string()));
    assert_eq!(dd["manifest"], manifest_json, "duckdb reads the final manifest");
    assert_eq!(dd["types"]["vector_index"], "UBIGINT");
    for (c, (_, ty)) in columns.iter().zip(&typed) {
        let t = dd["types"][&c.column].as_str().unwrap_or("").to_string();
        let want = duck_scalar(ty.elem());
        match ty {
            Type::Scalar(_) => assert_eq!(t, want, "duckdb type of {}", c.column),
            Type::Array(..) => assert!(t.starts_with(&format!("{want}[")), "duckdb type of {}: {t}", c.column),
            Type::Record(_) | Type::RecordArray(..) => unreachable!("inputs are never records"),
        }
    }
    for (w, r) in rows.iter().zip(dd["rows"].as_array().expect("rows")) {
        assert_eq!(r["property"], Json::from(w.property.clone()));
        assert_eq!(r["vector_index"], Json::from(w.vector_index));
        let shrunk = if w.shrunk.is_empty() { &w.original } else { &w.shrunk };
        for (c, i) in columns.iter().zip(&program.inputs) {
            let range = i.first_slot as usize..(i.first_slot + i.ty.slots()) as usize;
            let expect_o = canonical_nan(i.ty, &bits_json(i.ty, &w.original[range.clone()]));
            let expect_s = canonical_nan(i.ty, &bits_json(i.ty, &shrunk[range]));
            assert_eq!(canonical_nan(i.ty, &r["inputs"][&c.column]), expect_o, "duckdb {} of #{}", c.column, w.vector_index);
            assert_eq!(canonical_nan(i.ty, &r["inputs"][&c.shrunk_column]), expect_s, "duckdb {} of #{}", c.shrunk_column, w.vector_index);
        }
    }

    // polars, when installed
    if let Some(pl) = got.get("polars") {
        assert_eq!(pl["num_rows"], Json::from(rows.len()));
        assert_eq!(pl["group_by"], Json::Array(expected_groups));
    }
}

fn pa_scalar(s: vecrun::sem::ScalarType) -> &'static str {
    use vecrun::sem::ScalarType::*;
    match s {
        Bool => "bool",
        U8 => "uint8",
        U16 => "uint16",
        U32 => "uint32",
        I8 => "int8",
        I16 => "int16",
        I32 => "int32",
        F32 => "float",
        U64 => "uint64",
        I64 => "int64",
        F64 => "double",
    }
}

fn duck_scalar(s: vecrun::sem::ScalarType) -> &'static str {
    use vecrun::sem::ScalarType::*;
    match s {
        Bool => "BOOLEAN",
        U8 => "UTINYINT",
        U16 => "USMALLINT",
        U32 => "UINTEGER",
        I8 => "TINYINT",
        I16 => "SMALLINT",
        I32 => "INTEGER",
        F32 => "FLOAT",
        U64 => "UBIGINT",
        I64 => "BIGINT",
        F64 => "DOUBLE",
    }
}

#[test]
fn pyarrow_and_duckdb_read_what_vecrun_wrote() {
    let Some(python) = python() else { return };
    let dir = temp_dir("readers");

    let spec = billing();
    let program = ir::lower(&spec);
    let rows = billing_counterexamples(&spec, &program);
    let path = dir.path().join("billing/counterexamples.parquet");
    let m = write_file(&path, &spec, &program, &rows, 4);
    check_real_readers(&python, &path, &spec, &program, &rows, &m);

    let spec = from_text("specs/all_types.vspec", ALL_TYPES);
    let program = ir::lower(&spec);
    let rows = all_types_rows(&program);
    let path = dir.path().join("types/counterexamples.parquet");
    let m = write_file(&path, &spec, &program, &rows, 2);
    check_real_readers(&python, &path, &spec, &program, &rows, &m);
}

// ------------------------------------------------------------------------------------------
// Crash safety

const CRASH_ENV: &str = "VECRUN_TEST_CRASH_CHILD";

/// Not a test on its own: when the parent test re-runs this binary with `VECRUN_TEST_CRASH_CHILD`
/// set to a directory, it writes counterexample files there forever (each cycle: create, a few
/// progressive row groups, finish), announcing each step on stdout, until it is killed.
#[test]
fn crash_child_writer() {
    let Some(dir) = std::env::var_os(CRASH_ENV) else { return };
    let dir = PathBuf::from(dir);
    let spec = from_text("c.vspec", ALL_TYPES);
    let program = ir::lower(&spec);
    let rows = all_types_rows(&program);
    let batch: Vec<Counterexample> = rows.iter().cycle().take(60).cloned().collect();
    let path = dir.join("counterexamples.parquet");
    for cycle in 0u64.. {
        let mut w =
            CounterexampleWriter::create(&path, &program, &manifest(&spec, &program, "running"), &parquet::sources_of(&spec.sources))
                .expect("create");
        for k in 0..4 {
            w.write(&batch).expect("write");
            println!("vecrun-crash: cycle {cycle} batch {k}");
            std::thread::sleep(std::time::Duration::from_millis(3));
        }
        w.finish(&manifest(&spec, &program, "failed")).expect("finish");
        println!("vecrun-crash: cycle {cycle} finished");
    }
}

fn spawn_child(dir: &Path) -> std::process::Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "crash_child_writer", "--nocapture", "--test-threads=1"])
        .env(CRASH_ENV, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn child")
}

/// Reads the child's stdout until a line containing `marker`.
fn wait_for(child: &mut std::process::Child, marker: &str) {
    use std::io::BufRead;
    let out = child.stdout.as_mut().expect("stdout");
    let mut reader = std::io::BufReader::new(out);
    let mut line = String::new();
    loop {
        line.clear();
        let n = reader.read_line(&mut line).expect("read child stdout");
        assert!(n > 0, "the child exited before `{marker}`");
        if line.contains(marker) {
            return;
        }
    }
}

#[test]
fn sigkill_mid_write_leaves_no_file_or_a_readable_one() {
    if std::env::var_os(CRASH_ENV).is_some() {
        return;
    }
    // Killed during the first file's progressive writes: no file at the final path, and the
    // temporary file (rows on disk, no footer) is left aside.
    let dir = temp_dir("crash-early");
    let mut child = spawn_child(dir.path());
    wait_for(&mut child, "cycle 0 batch 1");
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    let path = dir.path().join("counterexamples.parquet");
    assert!(!path.exists(), "a killed writer must not leave a file at the final path");
    let temps: Vec<PathBuf> = std::fs::read_dir(dir.path()).expect("dir").map(|e| e.expect("entry").path()).collect();
    assert_eq!(temps.len(), 1, "{temps:?}");
    assert!(temps[0].file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(".counterexamples.parquet.tmp-")));
    assert!(std::fs::metadata(&temps[0]).expect("meta").len() > 1000, "progressive rows reach the disk");
    assert!(parquet::read_counterexamples(&temps[0]).is_err());

    // Killed at assorted moments after some files were finished: the final path always holds a
    // whole file (the last one finished).
    for delay_ms in [0u64, 1, 2, 3, 5, 7, 11, 13] {
        let dir = temp_dir("crash-late");
        let mut child = spawn_child(dir.path());
        wait_for(&mut child, "cycle 1 finished");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        let path = dir.path().join("counterexamples.parquet");
        let read = parquet::read_counterexamples(&path).unwrap_or_else(|e| panic!("killed {delay_ms} ms after a finish: {e}"));
        assert_eq!(read.rows.len(), 240);
        assert_eq!(read.manifest.outcome, "failed");
    }
}

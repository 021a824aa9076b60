//! Files and trust: every file vecrun writes goes through one atomic writer (regular files only,
//! symbolic links followed, permissions and hard links kept, missing directories never created);
//! damaged Parquet files are named as damaged (a checksum over the decoded rows and metadata);
//! stored files are read within bounds (no FIFO, no unbounded metadata or text); an output
//! directory has one writer at a time; text from stored files reaches the terminal escaped.

use std::path::Path;
use std::process::{Command, Output};

use vecrun::check::TypedSpec;
use vecrun::ir::{self, Outcome, Program};
use vecrun::output::model::{Counterexample, Manifest, PhaseRange, Reason, SCHEMA_VERSION};
use vecrun::output::parquet::{self, ChecksumStatus, CounterexampleWriter, ParquetOutputError, SummaryRow};
use vecrun::output::{self, WriteError};
use vecrun::run::Phase;

const SPEC: &str = r#"spec trust { version = "0.1" }
input n: u32;
input flag: bool;
input x: f32;
input pair: [i32; 2];
property small {
  assert n < 1000 || flag, "n is small";
}
property finite {
  assert x == x, "x is a number";
}
"#;

fn spec_from(name: &str, text: &str) -> TypedSpec {
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
        run_id: "20261202T170000Z-trust".into(),
        spec_name: spec.header.name.clone(),
        spec_version: spec.header.version.clone(),
        spec_hash: spec.hash.hex(),
        spec_path: "trust.vspec".into(),
        generator_version: vecrun::r#gen::GENERATOR_VERSION,
        seed: 3,
        shard: None,
        phases: vec![PhaseRange { phase: Phase::Random, start: 0, end: 1000 }],
        exhaustive: false,
        backend: "cpu".into(),
        adapter: "cpu (1 thread)".into(),
        properties: program.properties.iter().map(|p| p.name.clone()).collect(),
        budget: spec.header.budget.clone(),
        burn_usd: None,
        throttled: false,
        started_at: "2026-12-02T17:00:00Z".into(),
        finished_at: (outcome != "running").then(|| "2026-12-02T17:00:01Z".into()),
        wall_seconds: 1.0,
        vectors_done: 1000,
        outcome: outcome.parse().expect("a run status"),
        solver: Vec::new(),
        bindings: Vec::new(),
    }
}

fn row(program: &Program, property: usize, index: u64, message: &str, original: Vec<u32>, shrunk: Vec<u32>) -> Counterexample {
    Counterexample {
        property: program.properties[property].name.clone(),
        assert_index: Some(0),
        assert_message: message.into(),
        location: "trust.vspec:7:3".into(),
        reason: Reason::Assert,
        phase: "random".parse().expect("a source"),
        vector_index: index,
        outcome: Outcome::Fail(0).encode(),
        original,
        shrunk,
        shrink_steps: index as u32 % 3,
        implementation: Vec::new(),
    }
}

fn rows(program: &Program) -> Vec<Counterexample> {
    vec![
        row(program, 0, 11, "n is small", vec![5000, 0, 1.5f32.to_bits(), 7, (-7i32) as u32], vec![1000, 0, 0, 0, 0]),
        row(program, 1, 12, "x is a number", vec![1, 1, 0x7FC0_1234, 0, 1], vec![]),
        row(program, 0, 13, "n is small", vec![u32::MAX, 0, (-0.0f32).to_bits(), i32::MIN as u32, i32::MAX as u32], vec![]),
    ]
}

/// Writes a counterexample file with `rows` at `path`; returns the final manifest.
fn write_counterexamples(path: &Path, spec: &TypedSpec, program: &Program, rows: &[Counterexample]) -> Manifest {
    let mut w = CounterexampleWriter::create(path, program, &manifest(spec, program, "running"), &parquet::sources_of(&spec.sources))
        .expect("create");
    for part in rows.chunks(2) {
        w.write(part).expect("write");
    }
    let done = manifest(spec, program, "failed");
    w.finish(&done).expect("finish");
    done
}

fn summary_rows() -> Vec<SummaryRow> {
    vec![SummaryRow {
        property: "small".into(),
        evaluated: 1000,
        passed: 998,
        failed: 2,
        discarded: 0,
        cover_labels: vec!["big n".into()],
        cover_hits: vec![17],
        verdict: "FAILED".into(),
        wall_seconds: 1.0,
        vectors_per_second: 1000.0,
    }]
}

fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo").arg(path).status().map(|s| s.success()).unwrap_or(false)
}

fn vecrun(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vecrun")).args(args).current_dir(dir).output().expect("run vecrun")
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect()
}

// ------------------------------------------------------------------------------------------
// 1. One atomic writer

#[cfg(unix)]
#[test]
fn junit_to_a_device_or_fifo_is_refused_and_the_node_kept() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe");
    assert!(mkfifo(&fifo), "mkfifo");
    let e = output::junit::write_junit(&fifo, "s", &[]).expect_err("a FIFO is not replaced");
    assert!(matches!(e, WriteError::NotRegular { kind: "a FIFO", .. }), "{e}");
    assert!(std::fs::symlink_metadata(&fifo).expect("still there").file_type().is_fifo(), "the FIFO node is kept");
    let e = output::write_file(dir.path(), b"x").expect_err("a directory is not replaced");
    assert!(matches!(e, WriteError::NotRegular { kind: "a directory", .. }), "{e}");
    // /dev/full is only checked, never written, whatever happens.
    if Path::new("/dev/full").exists() {
        let e = output::check_writable(Path::new("/dev/full")).expect_err("a device is refused");
        assert!(matches!(e, WriteError::NotRegular { kind: "a character device", .. }), "{e}");
        assert!(e.to_string().contains("/dev/full"), "{e}");
    }
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn junit_into_a_missing_directory_is_an_error_and_creates_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nonexistent");
    let e = output::junit::write_junit(&missing.join("x.xml"), "s", &[]).expect_err("no directory");
    assert!(matches!(&e, WriteError::NoDirectory { dir, .. } if *dir == missing), "{e}");
    assert!(e.to_string().contains("does not exist"), "{e}");
    let spec = spec_from("trust.vspec", SPEC);
    let program = ir::lower(&spec);
    let e = parquet::write_summary(&missing.join("summary.parquet"), &manifest(&spec, &program, "failed"), &summary_rows())
        .expect_err("no directory");
    assert!(e.to_string().contains("does not exist"), "{e}");
    let e = CounterexampleWriter::create(&missing.join("c.parquet"), &program, &manifest(&spec, &program, "running"), &[])
        .err()
        .expect("no directory");
    assert!(e.to_string().contains("does not exist"), "{e}");
    assert!(!missing.exists(), "the missing directory was created");
}

#[cfg(unix)]
#[test]
fn writing_through_a_symlink_replaces_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let real = dir.path().join("real.txt");
    std::fs::write(&real, "old").expect("write");
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink("real.txt", &link).expect("symlink");
    output::write_file(&link, b"new").expect("write through the link");
    assert!(std::fs::symlink_metadata(&link).expect("link").file_type().is_symlink(), "the link is kept");
    assert_eq!(std::fs::read_to_string(&real).expect("read"), "new");
    // A dangling link names the new file.
    let dangling = dir.path().join("dangling");
    std::os::unix::fs::symlink("made.txt", &dangling).expect("symlink");
    output::write_file(&dangling, b"made").expect("write through a dangling link");
    assert_eq!(std::fs::read_to_string(dir.path().join("made.txt")).expect("read"), "made");
    // A loop is an error, not a hang.
    let a = dir.path().join("a");
    std::os::unix::fs::symlink("b", &a).expect("symlink");
    std::os::unix::fs::symlink("a", dir.path().join("b")).expect("symlink");
    assert!(matches!(output::write_file(&a, b"x"), Err(WriteError::SymlinkLoop { .. })));
}

#[cfg(unix)]
#[test]
fn rewriting_a_private_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("secret.json");
    std::fs::write(&f, "old").expect("write");
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    output::write_file(&f, b"new").expect("write");
    assert_eq!(std::fs::metadata(&f).expect("meta").permissions().mode() & 0o777, 0o600);
    assert_eq!(std::fs::read_to_string(&f).expect("read"), "new");
}

#[cfg(unix)]
#[test]
fn rewriting_a_hard_linked_file_keeps_the_links_together() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "a much longer old text").expect("write");
    std::fs::hard_link(&a, &b).expect("link");
    output::write_file(&a, b"new").expect("write");
    assert_eq!(std::fs::read_to_string(&b).expect("read"), "new", "the other link sees the new text");
    assert_eq!(std::fs::metadata(&a).expect("meta").nlink(), 2);
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn concurrent_writers_never_share_a_temporary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("out.json");
    std::thread::scope(|s| {
        for t in 0..8u8 {
            let target = &target;
            s.spawn(move || {
                for _ in 0..25 {
                    let text = vec![b'a' + t; 4096];
                    output::write_file(target, &text).expect("write");
                }
            });
        }
    });
    let text = std::fs::read(&target).expect("read");
    assert_eq!(text.len(), 4096);
    assert!(text.iter().all(|b| *b == text[0]), "the file holds one writer's text whole");
    assert!(leftovers(dir.path()).is_empty(), "{:?}", leftovers(dir.path()));
}

#[cfg(unix)]
#[test]
fn fmt_write_keeps_the_symlink_and_the_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let real = dir.path().join("real.vspec");
    std::fs::write(&real, "spec s {}\nproperty p {   assert true;\n}\n").expect("write");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    std::os::unix::fs::symlink("real.vspec", dir.path().join("s.vspec")).expect("symlink");
    let out = vecrun(&["fmt", "--write", "s.vspec"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::symlink_metadata(dir.path().join("s.vspec")).expect("link").file_type().is_symlink());
    assert_eq!(std::fs::metadata(&real).expect("meta").permissions().mode() & 0o777, 0o600);
    assert!(std::fs::read_to_string(&real).expect("read").contains("property p {\n"));
}

// ------------------------------------------------------------------------------------------
// 2. Damaged files are named as damaged

/// Flips bits at many positions of `good`; each mutant must be refused or read back exactly.
fn flip_everywhere<T: PartialEq + std::fmt::Debug>(
    good: &[u8],
    damaged: &Path,
    read: impl Fn(&Path) -> Result<T, ParquetOutputError>,
    original: &T,
) -> (usize, usize) {
    let step = (good.len() / 1200).max(1);
    let (mut refused, mut same) = (0usize, 0usize);
    for at in (0..good.len()).step_by(step).chain([good.len() - 1]) {
        let mut bytes = good.to_vec();
        bytes[at] ^= 1 << (at % 8);
        std::fs::write(damaged, &bytes).expect("write");
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read(damaged))) {
            Ok(Ok(back)) => {
                assert_eq!(&back, original, "byte {at} flipped: the file was accepted with different contents");
                same += 1;
            }
            Ok(Err(e)) => {
                let ok = matches!(
                    e,
                    ParquetOutputError::Corrupt { .. }
                        | ParquetOutputError::NotParquet { .. }
                        | ParquetOutputError::NotVecrun { .. }
                        | ParquetOutputError::WrongKind { .. }
                        | ParquetOutputError::FutureSchema { .. }
                        | ParquetOutputError::TooLarge { .. }
                );
                assert!(ok, "byte {at} flipped: unexpected error {e:?}");
                refused += 1;
            }
            Err(_) => panic!("reading a file with byte {at} flipped panicked"),
        }
    }
    eprintln!("{} bytes: {refused} mutants refused, {same} read back unchanged", good.len());
    (refused, same)
}

#[test]
fn flipped_bytes_in_a_counterexample_file_are_damage_never_other_rows() {
    let spec = spec_from("trust.vspec", SPEC);
    let program = ir::lower(&spec);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("counterexamples.parquet");
    write_counterexamples(&path, &spec, &program, &rows(&program));
    let original = parquet::read_counterexamples(&path).expect("read");
    assert_eq!(original.checksum, ChecksumStatus::Verified);
    assert_eq!(original.schema_version, SCHEMA_VERSION);
    let good = std::fs::read(&path).expect("read");
    let (refused, same) = flip_everywhere(&good, &dir.path().join("damaged.parquet"), parquet::read_counterexamples, &original);
    assert!(refused > same, "{refused} refused, {same} read back unchanged");
    // The message says "damaged".
    let mut bytes = good.clone();
    let mid = bytes.len() / 3;
    bytes.truncate(mid);
    std::fs::write(dir.path().join("cut.parquet"), &bytes).expect("write");
    let e = parquet::read_counterexamples(&dir.path().join("cut.parquet")).expect_err("truncated");
    assert!(e.to_string().contains("is damaged"), "{e}");
}

#[test]
fn flipped_bytes_in_a_summary_file_are_damage_never_other_rows() {
    let spec = spec_from("trust.vspec", SPEC);
    let program = ir::lower(&spec);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("summary.parquet");
    parquet::write_summary(&path, &manifest(&spec, &program, "failed"), &summary_rows()).expect("write");
    let original = parquet::read_summary(&path).expect("read");
    assert_eq!(original.checksum, ChecksumStatus::Verified);
    let good = std::fs::read(&path).expect("read");
    let (refused, _) = flip_everywhere(&good, &dir.path().join("damaged.parquet"), parquet::read_summary, &original);
    assert!(refused > 0);
}

/// Rewrites a vecrun file with the same rows and metadata, changed by `edit`.
fn rewrite_metadata(from: &Path, to: &Path, edit: impl Fn(&mut Vec<(String, String)>)) {
    use parquet_crate::arrow::ArrowWriter;
    use parquet_crate::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use parquet_crate::file::metadata::KeyValue;
    let builder = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(from).expect("open")).expect("builder");
    let mut kv: Vec<(String, String)> = builder
        .metadata()
        .file_metadata()
        .key_value_metadata()
        .map(|l| l.iter().filter(|k| k.key.starts_with("vecrun.")).map(|k| (k.key.clone(), k.value.clone().unwrap_or_default())).collect())
        .unwrap_or_default();
    edit(&mut kv);
    let schema = builder.schema().clone();
    let batches: Vec<_> = builder.build().expect("reader").map(|b| b.expect("batch")).collect();
    let mut w = ArrowWriter::try_new(std::fs::File::create(to).expect("create"), schema, None).expect("writer");
    for b in &batches {
        w.write(b).expect("write");
    }
    for (k, v) in kv {
        w.append_key_value_metadata(KeyValue::new(k, v));
    }
    w.close().expect("close");
}

mod parquet_crate {
    pub use ::parquet::*;
}

#[test]
fn a_version_1_file_without_checksum_is_read_unverified_and_a_version_2_one_is_damaged() {
    let spec = spec_from("trust.vspec", SPEC);
    let program = ir::lower(&spec);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("counterexamples.parquet");
    write_counterexamples(&path, &spec, &program, &rows(&program));
    let v1 = dir.path().join("v1.parquet");
    rewrite_metadata(&path, &v1, |kv| {
        kv.retain(|(k, _)| k != parquet::keys::CHECKSUM);
        for (k, v) in kv.iter_mut() {
            if k == parquet::keys::SCHEMA_VERSION {
                *v = "1".into();
            }
        }
    });
    let read = parquet::read_counterexamples(&v1).expect("a version 1 file is read");
    assert_eq!(read.checksum, ChecksumStatus::Absent);
    assert!(read.checksum.warning(&v1).expect("a warning").contains("no checksum"));
    assert_eq!(read.rows.len(), 3);
    let v2 = dir.path().join("v2.parquet");
    rewrite_metadata(&path, &v2, |kv| kv.retain(|(k, _)| k != parquet::keys::CHECKSUM));
    let e = parquet::read_counterexamples(&v2).expect_err("a version 2 file without checksum");
    assert!(matches!(e, ParquetOutputError::Corrupt { .. }) && e.to_string().contains("is damaged"), "{e}");
    // A changed message with the old checksum is damage.
    let edited = dir.path().join("edited.parquet");
    rewrite_metadata(&path, &edited, |kv| {
        for (k, v) in kv.iter_mut() {
            if k == parquet::keys::MANIFEST {
                *v = v.replace("\"seed\":3", "\"seed\":4");
            }
        }
    });
    let e = parquet::read_counterexamples(&edited).expect_err("edited manifest");
    assert!(e.to_string().contains("checksum does not match"), "{e}");
}

// ------------------------------------------------------------------------------------------
// 3. Bounded reads

#[cfg(unix)]
#[test]
fn replay_report_and_dataset_refuse_a_fifo_instead_of_blocking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("counterexamples.parquet");
    assert!(mkfifo(&fifo), "mkfifo");
    let e = parquet::read_counterexamples(&fifo).expect_err("a FIFO");
    assert!(e.to_string().contains("not a regular file"), "{e}");
    let e = parquet::read_summary(&fifo).expect_err("a FIFO");
    assert!(e.to_string().contains("not a regular file"), "{e}");
    let spec = spec_from("trust.vspec", SPEC);
    let program = ir::lower(&spec);
    let e = vecrun::dataset::Dataset::open(&fifo, &program).expect_err("a FIFO");
    assert!(e.to_string().contains("not a regular file"), "{e}");
    for args in [&["replay", "counterexamples.parquet"][..], &["report", "counterexamples.parquet"]] {
        let out = vecrun(args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"), "{args:?}");
    }
}

#[test]
fn a_huge_metadata_value_is_refused_not_decoded() {
    let spec = spec_from("trust.vspec", SPEC);
    let program = ir::lower(&spec);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("counterexamples.parquet");
    let mut w = CounterexampleWriter::create(&path, &program, &manifest(&spec, &program, "running"), &[]).expect("create");
    w.write(&rows(&program)).expect("write");
    let mut m = manifest(&spec, &program, "failed");
    m.spec_path = "p".repeat(parquet::limits::MANIFEST_BYTES + 1);
    w.finish(&m).expect("finish");
    let e = parquet::read_counterexamples(&path).expect_err("the manifest is over the limit");
    assert!(matches!(&e, ParquetOutputError::TooLarge { limit, .. } if *limit == parquet::limits::MANIFEST_BYTES as u64), "{e}");
}

#[test]
fn a_long_message_repeated_on_many_rows_is_refused_within_bounds() {
    // The 5 GB replay: a long message on every row compresses to almost nothing (one dictionary
    // entry) but was decoded into a copy per row. Now text is read through the dictionary and
    // every copy counts against a limit.
    let spec = spec_from("trust.vspec", SPEC);
    let program = ir::lower(&spec);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("counterexamples.parquet");
    let message = "m".repeat(parquet::limits::TEXT_BYTES - 1);
    let per_file = parquet::limits::TOTAL_TEXT_BYTES / message.len() + 1;
    let mut w = CounterexampleWriter::create(&path, &program, &manifest(&spec, &program, "running"), &[]).expect("create");
    let chunk: Vec<Counterexample> = (0..256).map(|i| row(&program, 0, i, &message, vec![5000, 0, 0, 0, 0], vec![])).collect();
    let mut written = 0;
    while written < per_file {
        w.write(&chunk).expect("write");
        written += chunk.len();
    }
    w.finish(&manifest(&spec, &program, "failed")).expect("finish");
    let size = std::fs::metadata(&path).expect("meta").len();
    assert!(size < (written * message.len()) as u64 / 100, "the file is small ({size} bytes) for what it decodes to");
    let e = parquet::read_counterexamples(&path).expect_err("over the text limit");
    assert!(matches!(&e, ParquetOutputError::TooLarge { limit, .. } if *limit == parquet::limits::TOTAL_TEXT_BYTES as u64), "{e}");
    // One value over the per-value limit is refused too.
    let one = dir.path().join("one.parquet");
    let long = "m".repeat(parquet::limits::TEXT_BYTES + 1);
    write_counterexamples(&one, &spec, &program, &[row(&program, 0, 1, &long, vec![5000, 0, 0, 0, 0], vec![])]);
    let e = parquet::read_counterexamples(&one).expect_err("one value over the limit");
    assert!(matches!(&e, ParquetOutputError::TooLarge { limit, .. } if *limit == parquet::limits::TEXT_BYTES as u64), "{e}");
}

#[test]
fn a_summary_cover_label_over_the_limit_is_refused() {
    let spec = spec_from("trust.vspec", SPEC);
    let program = ir::lower(&spec);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("summary.parquet");
    let mut rows = summary_rows();
    rows[0].cover_labels = vec!["l".repeat(parquet::limits::TEXT_BYTES + 1)];
    rows[0].cover_hits = vec![1];
    parquet::write_summary(&path, &manifest(&spec, &program, "failed"), &rows).expect("write");
    let e = parquet::read_summary(&path).expect_err("over the limit");
    assert!(matches!(&e, ParquetOutputError::TooLarge { limit, .. } if *limit == parquet::limits::TEXT_BYTES as u64), "{e}");
}

#[test]
fn a_vecrun_file_with_a_wrong_checksum_is_refused_as_a_dataset() {
    let spec = spec_from("trust.vspec", SPEC);
    let program = ir::lower(&spec);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("counterexamples.parquet");
    write_counterexamples(&path, &spec, &program, &rows(&program));
    let mut ds = vecrun::dataset::Dataset::open(&path, &program).expect("an intact vecrun file is a dataset");
    assert_eq!(ds.next_batch(10).expect("read").expect("rows").vectors.len(), 3);
    let edited = dir.path().join("edited.parquet");
    rewrite_metadata(&path, &edited, |kv| {
        for (k, v) in kv.iter_mut() {
            if k == parquet::keys::CHECKSUM {
                *v = "0".repeat(64);
            }
        }
    });
    let e = vecrun::dataset::Dataset::open(&edited, &program).expect_err("the checksum does not match");
    assert!(e.to_string().contains("is damaged"), "{e}");
}

#[test]
fn a_stored_array_type_longer_than_a_spec_allows_is_refused() {
    assert!(parquet::parse_type("[u32; 4096]").is_some());
    assert!(parquet::parse_type("[u32; 4097]").is_none());
    assert!(parquet::parse_type("[u32; 4294967295]").is_none());
}

// ------------------------------------------------------------------------------------------
// 4. One writer per output directory

#[test]
fn a_second_run_cannot_lock_an_output_directory_in_use() {
    let dir = tempfile::tempdir().expect("tempdir");
    let held = output::lock_dir(dir.path()).expect("lock");
    let e = output::lock_dir(dir.path()).expect_err("second lock");
    let text = e.to_string();
    assert!(text.contains("another vecrun") && text.contains(&dir.path().display().to_string()), "{text}");
    drop(held);
    output::lock_dir(dir.path()).expect("free again");
}

// ------------------------------------------------------------------------------------------
// 5-6. Stored text reaches the terminal escaped; no width panics

#[test]
fn report_and_replay_print_stored_escape_sequences_escaped() {
    let spec = spec_from("trust.vspec", SPEC);
    let program = ir::lower(&spec);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("counterexamples.parquet");
    let mut rs = rows(&program);
    rs[0].assert_message = "boom \u{1b}[2J cleared".into();
    rs[0].location = "trust.vspec\u{7}:7:3".into();
    write_counterexamples(&path, &spec, &program, &rs);
    for args in [&["report", "counterexamples.parquet"][..], &["replay", "counterexamples.parquet"]] {
        let out = vecrun(args, dir.path());
        let all = [out.stdout.as_slice(), out.stderr.as_slice()].concat();
        assert!(
            !all.contains(&0x1b) && !all.contains(&0x07),
            "{args:?} printed a raw control character:\n{}",
            String::from_utf8_lossy(&all)
        );
        assert!(out.status.code().is_some(), "{args:?} was killed");
    }
    let out = vecrun(&["report", "counterexamples.parquet"], dir.path());
    assert!(String::from_utf8_lossy(&out.stdout).contains("\\u{1b}[2J"), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn report_and_replay_with_a_huge_stored_name_do_not_panic() {
    // The longest name a reader accepts: padding it to its own width (65,536 > u16::MAX) panicked.
    // (The checker refuses names over 256 characters, so the long name is written into the file
    // directly, as a hand-made or damaged file would have it.)
    let long = format!("p{}", "x".repeat(parquet::limits::TEXT_BYTES - 1));
    let spec = spec_from("trust.vspec", SPEC);
    let program = ir::lower(&spec);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("counterexamples.parquet");
    let mut rs = rows(&program);
    for r in &mut rs {
        r.property = long.clone();
    }
    write_counterexamples(&path, &spec, &program, &rs);
    for args in [&["report", "counterexamples.parquet"][..], &["replay", "counterexamples.parquet"]] {
        let out = vecrun(args, dir.path());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(matches!(out.status.code(), Some(0..=1)), "{args:?}: {:?} {stderr}", out.status);
        assert!(String::from_utf8_lossy(&out.stdout).contains(&long), "{args:?} printed the table");
    }
}

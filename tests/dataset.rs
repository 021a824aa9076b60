//! Recorded datasets (`vecrun::dataset`): the committed `datasets/billing_recorded.parquet`, batching across row
//! groups, and every schema and value error with the file, column and row it names.

mod support;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{ListBuilder, UInt32Builder};
use arrow_array::{ArrayRef, BooleanArray, FixedSizeListArray, Float32Array, Int32Array, Int64Array, RecordBatch, UInt32Array};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::file::properties::WriterProperties;
use vecrun::dataset::{Dataset, DatasetBatch, DatasetError};
use vecrun::ir::{Outcome, Program};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn billing() -> Program {
    let checked =
        vecrun::compile_spec(&root().join("datasets/specs/billing_failover.vspec")).unwrap_or_else(|_| panic!("billing_failover compiles"));
    vecrun::ir::lower(&checked.spec)
}

/// Every row of a dataset, read `step` rows at a time; checks the batches' row numbering on the way.
fn read_all(path: &Path, program: &Program, step: usize) -> Vec<Vec<u32>> {
    let mut ds = Dataset::open(path, program).unwrap_or_else(|e| panic!("{e}"));
    let mut all = Vec::new();
    while let Some(DatasetBatch { first_row, vectors }) = ds.next_batch(step).unwrap_or_else(|e| panic!("{e}")) {
        assert_eq!(first_row, all.len() as u64, "batches are consecutive");
        assert!(!vectors.is_empty() && vectors.len() <= step, "a batch has 1..={step} rows, got {}", vectors.len());
        all.extend(vectors);
    }
    assert!(ds.next_batch(step).unwrap().is_none(), "an exhausted dataset stays exhausted");
    assert_eq!(all.len() as u64, ds.rows());
    all
}

#[test]
fn committed_billing_dataset_reads_and_only_the_incident_row_double_charges() {
    let program = billing();
    let path = root().join("datasets/billing_recorded.parquet");
    let ds = Dataset::open(&path, &program).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ds.rows(), 320);
    let rows = read_all(&path, &program, 100);
    assert_eq!(rows.len(), 320);
    assert!(rows.iter().all(|v| v.len() == program.slots.len() && v.len() == 22));
    // Row 137: charge, ack, charge, fail-over, retry (slots 1..=16 are `ops`).
    let kinds: Vec<u32> = rows[137][1..17].iter().map(|o| o % 1000).collect();
    assert_eq!(&kinds[..5], &[17, 512, 230, 993, 999]);
    // The specials of `x` (slot 21) are kept bit for bit.
    assert_eq!(rows[3][21], 0x8000_0000, "-0.0");
    assert_eq!(rows[11][21], f32::INFINITY.to_bits());
    assert!(f32::from_bits(rows[29][21]).is_nan());
    assert_eq!(rows[47][21], 1, "the smallest subnormal");

    let generator = vecrun::run::Generator::new(&program.slots, 0, [0; 32]);
    let cpu = vecrun::cpu::CpuBackend::new(&program, generator, 1).expect("cpu backend");
    let outcomes = cpu.eval_vectors(&rows);
    for (p, prop) in program.properties.iter().enumerate() {
        let failing: Vec<usize> = (0..rows.len()).filter(|&r| Outcome::decode(outcomes[p][r]).is_failure()).collect();
        let want: Vec<usize> = if prop.name == "no_double_charge" { vec![137] } else { vec![] };
        assert_eq!(failing, want, "failing rows of `{}`", prop.name);
    }
}

#[test]
fn batches_of_any_size_equal_the_whole_file() {
    let program = billing();
    let path = root().join("datasets/billing_recorded.parquet");
    let whole = read_all(&path, &program, usize::MAX);
    for step in [1, 7, 64, 65, 319, 320, 1000] {
        assert_eq!(read_all(&path, &program, step), whole, "batches of {step}");
    }
}

// ----- small files written here -----

const SMALL: &str = "spec small { }
input a: u32 in 1..=100;
input b: i32 in -5..5;
input c: f32 in 0.0..1.0;
input d: bool;
input e: [u32; 3] in {1, 2, 3};
property p { assert a > 0; }
";

fn small() -> Program {
    vecrun::ir::lower(&support::compile_text(SMALL))
}

fn fsl(rows: &[[u32; 3]], len: i32) -> ArrayRef {
    let item = Arc::new(Field::new("item", DataType::UInt32, false));
    let values: Vec<u32> = rows.iter().flat_map(|r| r[..len as usize].to_vec()).collect();
    Arc::new(FixedSizeListArray::try_new(item, len, Arc::new(UInt32Array::from(values)), None).unwrap())
}

/// Valid columns for `n` rows of the small spec; row `i` is a function of `i`.
fn columns(n: usize) -> Vec<(&'static str, ArrayRef)> {
    let e: Vec<[u32; 3]> = (0..n).map(|i| [1 + (i % 3) as u32, 1 + ((i / 3) % 3) as u32, 3]).collect();
    vec![
        ("a", Arc::new(UInt32Array::from((0..n).map(|i| 1 + (i % 100) as u32).collect::<Vec<_>>())) as ArrayRef),
        ("b", Arc::new(Int32Array::from((0..n).map(|i| (i % 10) as i32 - 5).collect::<Vec<_>>()))),
        ("c", Arc::new(Float32Array::from((0..n).map(|i| (i % 8) as f32 / 8.0).collect::<Vec<_>>()))),
        ("d", Arc::new(BooleanArray::from((0..n).map(|i| i % 2 == 1).collect::<Vec<_>>()))),
        ("e", fsl(&e, 3)),
    ]
}

fn replace(cols: &mut [(&'static str, ArrayRef)], name: &str, array: ArrayRef) {
    cols.iter_mut().find(|(n, _)| *n == name).expect("column exists").1 = array;
}

/// Writes the columns to `dir/name` in row groups of `group` rows.
fn write(dir: &Path, name: &str, cols: &[(&str, ArrayRef)], group: usize) -> PathBuf {
    let schema =
        Arc::new(Schema::new(cols.iter().map(|(n, a)| Field::new(*n, a.data_type().clone(), a.null_count() > 0)).collect::<Vec<_>>()));
    let batch = RecordBatch::try_new(schema.clone(), cols.iter().map(|(_, a)| a.clone()).collect()).unwrap();
    let path = dir.join(name);
    let props = WriterProperties::builder().set_max_row_group_row_count(Some(group)).build();
    let mut w = ArrowWriter::try_new(std::fs::File::create(&path).unwrap(), schema, Some(props)).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    path
}

fn open_err(path: &Path) -> DatasetError {
    Dataset::open(path, &small()).expect_err("the dataset is refused")
}

/// The first error while reading the whole file (the schema was fine).
fn read_err(path: &Path, step: usize) -> DatasetError {
    let mut ds = Dataset::open(path, &small()).unwrap_or_else(|e| panic!("schema accepted: {e}"));
    loop {
        match ds.next_batch(step) {
            Ok(Some(_)) => {}
            Ok(None) => panic!("the whole file was read without an error"),
            Err(e) => return e,
        }
    }
}

fn assert_mentions(e: &DatasetError, parts: &[&str]) {
    let msg = e.to_string();
    for p in parts {
        assert!(msg.contains(p), "error message lacks {p:?}: {msg}");
    }
}

#[test]
fn multi_row_group_file_read_in_batches_equals_reading_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "groups.parquet", &columns(95), 10);
    let meta = parquet::file::reader::FileReader::metadata(
        &parquet::file::serialized_reader::SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap(),
    )
    .clone();
    assert_eq!(meta.num_row_groups(), 10, "the file really has several row groups");
    let program = small();
    let whole = read_all(&path, &program, usize::MAX);
    assert_eq!(whole.len(), 95);
    for step in [1, 3, 10, 13, 94] {
        assert_eq!(read_all(&path, &program, step), whole, "batches of {step}");
    }
    // Slot order: a, b, c, d, e[0], e[1], e[2]; values as bit patterns.
    assert_eq!(whole[7], vec![8, 2, (7.0f32 / 8.0).to_bits(), 1, 2, 3, 3]);
    assert_eq!(whole[3][1], (-2i32) as u32);
}

#[test]
fn extra_columns_are_ignored_and_lists_of_the_right_length_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let mut cols = columns(4);
    let mut lb = ListBuilder::new(UInt32Builder::new());
    for i in 0..4u32 {
        lb.values().append_slice(&[1 + i % 3, 2, 3]);
        lb.append(true);
    }
    replace(&mut cols, "e", Arc::new(lb.finish()));
    cols.insert(0, ("recorded_at", Arc::new(Int64Array::from(vec![1i64, 2, 3, 4]))));
    let path = write(dir.path(), "list.parquet", &cols, 100);
    let rows = read_all(&path, &small(), 3);
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[2][4..], &[3, 2, 3]);
}

#[test]
fn missing_column_names_the_input_and_lists_the_file_columns() {
    let dir = tempfile::tempdir().unwrap();
    let cols: Vec<_> = columns(3).into_iter().filter(|(n, _)| *n != "c").collect();
    let path = write(dir.path(), "missing.parquet", &cols, 100);
    let e = open_err(&path);
    assert!(matches!(&e, DatasetError::MissingColumn { column, .. } if column == "c"), "{e:?}");
    assert_mentions(&e, &["missing.parquet", "no column `c` for input `c: f32`", "the file has columns: `a`, `b`, `d`, `e`"]);
}

#[test]
fn wrong_scalar_type_says_expected_and_found() {
    let dir = tempfile::tempdir().unwrap();
    let mut cols = columns(3);
    replace(&mut cols, "a", Arc::new(Int64Array::from(vec![1i64, 2, 3])));
    let path = write(dir.path(), "wrongtype.parquet", &cols, 100);
    let e = open_err(&path);
    assert!(matches!(&e, DatasetError::WrongType { column, .. } if column == "a"), "{e:?}");
    assert_mentions(&e, &["wrongtype.parquet", "column `a` has type Int64", "input `a: u32` needs UInt32"]);

    let mut cols = columns(3);
    replace(&mut cols, "d", Arc::new(UInt32Array::from(vec![0, 1, 0])));
    let e = open_err(&write(dir.path(), "boolasint.parquet", &cols, 100));
    assert_mentions(&e, &["column `d` has type UInt32", "input `d: bool` needs Boolean"]);
}

#[test]
fn wrong_array_type_or_fixed_length_is_a_schema_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut cols = columns(2);
    replace(&mut cols, "e", fsl(&[[1, 2, 3], [1, 2, 3]], 2));
    let e = open_err(&write(dir.path(), "fsl2.parquet", &cols, 100));
    assert_mentions(
        &e,
        &[
            "column `e` has type FixedSizeList(2 x non-null UInt32)",
            "input `e: [u32; 3]` needs FixedSizeList(3 x UInt32) or a List(UInt32) of 3 elements",
        ],
    );

    let mut cols = columns(2);
    replace(&mut cols, "e", Arc::new(UInt32Array::from(vec![1, 2])));
    let e = open_err(&write(dir.path(), "scalar_for_array.parquet", &cols, 100));
    assert_mentions(&e, &["column `e` has type UInt32", "input `e: [u32; 3]` needs FixedSizeList(3 x UInt32)"]);
}

#[test]
fn list_of_the_wrong_length_names_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut cols = columns(6);
    let mut lb = ListBuilder::new(UInt32Builder::new());
    for i in 0..6u32 {
        lb.values().append_slice(if i == 4 { &[1, 2][..] } else { &[1, 2, 3][..] });
        lb.append(true);
    }
    replace(&mut cols, "e", Arc::new(lb.finish()));
    let e = read_err(&write(dir.path(), "shortlist.parquet", &cols, 100), 2);
    assert!(matches!(e, DatasetError::WrongLength { row: 4, expected: 3, found: 2, .. }), "{e:?}");
    assert_mentions(&e, &["shortlist.parquet", "row 4, column `e`: 2 elements, but input `e` is an array of 3"]);
}

#[test]
fn values_outside_the_domain_name_row_input_value_and_domain() {
    let dir = tempfile::tempdir().unwrap();
    // u32 range, in a later row group: the row number counts from the start of the file.
    let mut cols = columns(150);
    let mut a: Vec<u32> = (0..150).map(|i| 1 + (i % 100) as u32).collect();
    a[123] = 0;
    replace(&mut cols, "a", Arc::new(UInt32Array::from(a)));
    let e = read_err(&write(dir.path(), "a0.parquet", &cols, 50), 16);
    assert!(matches!(&e, DatasetError::OutOfDomain { row: 123, column, element: None, .. } if column == "a"), "{e:?}");
    assert_mentions(&e, &["a0.parquet", "row 123, column `a`: value 0 is outside the domain of input `a` (1..=100)"]);

    // i32 range (half-open in the spec, inclusive in the domain).
    let mut cols = columns(10);
    replace(&mut cols, "b", Arc::new(Int32Array::from((0..10).map(|i| if i == 6 { 5 } else { 0 }).collect::<Vec<_>>())));
    let e = read_err(&write(dir.path(), "b5.parquet", &cols, 100), 100);
    assert_mentions(&e, &["row 6, column `b`: value 5 is outside the domain of input `b` (-5..=4)"]);

    // f32 range: the excluded upper bound, then a NaN.
    let mut cols = columns(10);
    replace(&mut cols, "c", Arc::new(Float32Array::from((0..10).map(|i| if i == 2 { 1.0 } else { 0.5 }).collect::<Vec<_>>())));
    let e = read_err(&write(dir.path(), "c1.parquet", &cols, 100), 100);
    assert_mentions(&e, &["row 2, column `c`: value 1.0 is outside the domain of input `c` (0.0..1.0)"]);
    let mut cols = columns(10);
    replace(&mut cols, "c", Arc::new(Float32Array::from((0..10).map(|i| if i == 9 { f32::NAN } else { 0.5 }).collect::<Vec<_>>())));
    let e = read_err(&write(dir.path(), "cnan.parquet", &cols, 100), 4);
    assert_mentions(&e, &["row 9, column `c`: value NaN is outside the domain of input `c` (0.0..1.0)"]);

    // An array element outside a set domain.
    let mut cols = columns(5);
    replace(&mut cols, "e", fsl(&[[1, 2, 3], [1, 2, 3], [1, 7, 3], [1, 2, 3], [1, 2, 3]], 3));
    let e = read_err(&write(dir.path(), "e7.parquet", &cols, 100), 100);
    assert!(matches!(&e, DatasetError::OutOfDomain { row: 2, element: Some(1), .. }), "{e:?}");
    assert_mentions(&e, &["row 2, column `e` element 1: value 7 is outside the domain of input `e` ({1, 2, 3})"]);
}

#[test]
fn nulls_name_the_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut cols = columns(8);
    replace(&mut cols, "b", Arc::new(Int32Array::from((0..8).map(|i| if i == 5 { None } else { Some(0) }).collect::<Vec<_>>())));
    let e = read_err(&write(dir.path(), "nullb.parquet", &cols, 3), 2);
    assert!(matches!(&e, DatasetError::Null { row: 5, element: None, .. }), "{e:?}");
    assert_mentions(&e, &["nullb.parquet", "row 5, column `b`: null value"]);

    // A null list, and a null element of a list.
    let mut cols = columns(4);
    let mut lb = ListBuilder::new(UInt32Builder::new());
    for i in 0..4 {
        if i == 1 {
            lb.append(false);
        } else {
            lb.values().append_slice(&[1, 2, 3]);
            lb.append(true);
        }
    }
    replace(&mut cols, "e", Arc::new(lb.finish()));
    let e = read_err(&write(dir.path(), "nulllist.parquet", &cols, 100), 100);
    assert_mentions(&e, &["row 1, column `e`: null value"]);

    let mut cols = columns(4);
    let mut lb = ListBuilder::new(UInt32Builder::new());
    for i in 0..4 {
        lb.values().append_value(1);
        if i == 3 {
            lb.values().append_null()
        } else {
            lb.values().append_value(2)
        }
        lb.values().append_value(3);
        lb.append(true);
    }
    replace(&mut cols, "e", Arc::new(lb.finish()));
    let e = read_err(&write(dir.path(), "nullelem.parquet", &cols, 100), 100);
    assert!(matches!(&e, DatasetError::Null { row: 3, element: Some(1), .. }), "{e:?}");
    assert_mentions(&e, &["row 3, column `e` element 1: null value"]);
}

#[test]
fn unreadable_files_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let e = open_err(&dir.path().join("absent.parquet"));
    assert!(matches!(e, DatasetError::Open { .. }), "{e:?}");
    assert_mentions(&e, &["cannot open dataset", "absent.parquet"]);
    let junk = dir.path().join("junk.parquet");
    std::fs::write(&junk, b"this is not parquet").unwrap();
    let e = open_err(&junk);
    assert!(matches!(e, DatasetError::Parquet { .. }), "{e:?}");
    assert_mentions(&e, &["junk.parquet", "not a readable Parquet file"]);
}

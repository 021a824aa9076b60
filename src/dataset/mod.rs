//! Recorded input vectors from a Parquet file (`vecrun run SPEC --dataset FILE.parquet`), streamed in batches.
//!
//! The file has one column per input of the spec, named like the input (other columns are ignored and
//! not read). Column types, in Arrow terms:
//!
//! | input type | column type |
//! |---|---|
//! | `u32` | `UInt32` |
//! | `i32` | `Int32` |
//! | `f32` | `Float32` |
//! | `bool` | `Boolean` |
//! | `[T; N]` | `FixedSizeList<T, N>`, or `List<T>` / `LargeList<T>` whose every row has `N` elements |
//!
//! Every value must be present (no nulls) and inside the input's domain. Rows are numbered from 0 in file
//! order, across row groups; errors name the file, the column and the row. [`Dataset::next_batch`] decodes
//! one bounded slice of the file at a time (the reader is built with a fixed Arrow batch size and projects
//! only the input columns), so memory stays flat in the file size.
//!
//! Only a regular file is opened (a FIFO or device is refused before opening, so nothing blocks).
//! A file vecrun wrote (a `counterexamples.parquet`, with `vecrun.*` metadata) is first checked
//! whole against its checksum, so a damaged one is refused rather than replayed as other vectors.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::DataType;
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};

use crate::check::Type;
use crate::r#gen::Domain;
use crate::ir::Program;
use crate::sem::ScalarType;

/// Most scalar values the Arrow reader decodes per record batch (rows × slots), so that a spec with large
/// array inputs still reads in bounded memory.
const VALUES_PER_READ: usize = 1 << 20;
/// Most rows per Arrow record batch.
const MAX_ROWS_PER_READ: usize = 8_192;

/// Why a dataset cannot be opened or read. Every variant names the file; value errors name the row
/// (0-based, in file order) and the column.
#[derive(Debug, thiserror::Error)]
pub enum DatasetError {
    #[error("cannot open dataset {}: {source}", file.display())]
    Open { file: PathBuf, source: std::io::Error },
    #[error("dataset: {0}")]
    NotRegular(crate::fsio::ReadError),
    #[error("dataset: {0}")]
    Stored(crate::output::parquet::ParquetOutputError),
    #[error("dataset {}: not a readable Parquet file: {source}", file.display())]
    Parquet { file: PathBuf, source: parquet::errors::ParquetError },
    #[error("dataset {}: read failed at row {row}: {message}", file.display())]
    Read { file: PathBuf, row: u64, message: String },
    #[error("dataset {}: no column `{column}` for input `{column}: {ty}` (the file has columns: {})", file.display(), list_columns(.columns))]
    MissingColumn { file: PathBuf, column: String, ty: String, columns: Vec<String> },
    #[error("dataset {}: column `{column}` has type {found}, but input `{column}: {ty}` needs {expected}", file.display())]
    WrongType { file: PathBuf, column: String, ty: String, expected: String, found: String },
    #[error("dataset {}: row {row}, column `{column}`{}: null value (inputs cannot be null)", file.display(), element_suffix(*.element))]
    Null { file: PathBuf, column: String, row: u64, element: Option<u32> },
    #[error("dataset {}: row {row}, column `{column}`: {found} elements, but input `{column}` is an array of {expected}", file.display())]
    WrongLength { file: PathBuf, column: String, row: u64, expected: u32, found: usize },
    #[error("dataset {}: row {row}, column `{column}`{}: value {value} is outside the domain of input `{column}` ({domain})", file.display(), element_suffix(*.element))]
    OutOfDomain { file: PathBuf, column: String, row: u64, element: Option<u32>, value: String, domain: String },
}

fn list_columns(columns: &[String]) -> String {
    if columns.is_empty() { "none".to_string() } else { columns.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ") }
}

fn element_suffix(element: Option<u32>) -> String {
    element.map(|e| format!(" element {e}")).unwrap_or_default()
}

/// One slice of the dataset: `vectors[k]` is row `first_row + k`, as slot values (bit patterns: bool 0/1,
/// i32 two's complement, f32 bits) in the program's slot order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatasetBatch {
    pub first_row: u64,
    pub vectors: Vec<Vec<u32>>,
}

/// What a dataset column is read as.
#[derive(Clone, Debug)]
struct Column {
    input: String,
    ty: Type,
    domain: Domain,
    first_slot: usize,
}

/// A Parquet file of recorded input vectors, validated against a program's inputs and read in order.
pub struct Dataset {
    file: PathBuf,
    columns: Vec<Column>,
    slots: usize,
    rows: u64,
    reader: ParquetRecordBatchReader,
    /// The record batch being handed out, and the next row in it.
    pending: Option<(RecordBatch, usize)>,
    next_row: u64,
    /// Inputs of a property (`property p(x: u32)`) the file has no column for: that property is
    /// not evaluated on its rows (their slots read 0).
    missing: Vec<String>,
}

impl std::fmt::Debug for Dataset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dataset")
            .field("file", &self.file)
            .field("rows", &self.rows)
            .field("next_row", &self.next_row)
            .finish_non_exhaustive()
    }
}

impl Dataset {
    /// Opens `path` and checks its schema against `program`'s inputs: a column for every input, named
    /// like it, of the matching type, except that a property's own inputs may be absent (the
    /// property then does not run on the file: [`Dataset::missing`]). Values are checked as they are read.
    pub fn open(path: &Path, program: &Program) -> Result<Dataset, DatasetError> {
        let file = path.to_path_buf();
        let f = crate::fsio::open_regular(path).map_err(|e| match e {
            crate::fsio::ReadError::Io { source, .. } => DatasetError::Open { file: file.clone(), source },
            other => DatasetError::NotRegular(other),
        })?;
        // A file vecrun wrote carries a checksum: check it before trusting a single row.
        crate::output::parquet::verify_if_vecrun(path).map_err(DatasetError::Stored)?;
        let builder = ParquetRecordBatchReaderBuilder::try_new(f).map_err(|source| DatasetError::Parquet { file: file.clone(), source })?;
        let schema = builder.schema().clone();
        let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
        let mut roots = Vec::new();
        let mut columns = Vec::new();
        let mut missing = Vec::new();
        for input in &program.inputs {
            let Some(idx) = names.iter().position(|n| n == &input.name) else {
                if input.owner.is_some() {
                    missing.push(input.name.clone());
                    continue;
                }
                return Err(DatasetError::MissingColumn { file, column: input.name.clone(), ty: input.ty.to_string(), columns: names });
            };
            let found = schema.field(idx).data_type();
            if !type_matches(input.ty, found) {
                return Err(DatasetError::WrongType {
                    file,
                    column: input.name.clone(),
                    ty: input.ty.to_string(),
                    expected: expected_type(input.ty),
                    found: found.to_string(),
                });
            }
            roots.push(idx);
            columns.push(Column {
                input: input.name.clone(),
                ty: input.ty,
                domain: input.domain.clone(),
                first_slot: input.first_slot as usize,
            });
        }
        let slots = program.slots.len();
        let rows = builder.metadata().file_metadata().num_rows().max(0) as u64;
        let batch_size = (VALUES_PER_READ / slots.max(1)).clamp(1, MAX_ROWS_PER_READ);
        let mask = ProjectionMask::roots(builder.parquet_schema(), roots);
        let reader = builder
            .with_projection(mask)
            .with_batch_size(batch_size)
            .build()
            .map_err(|source| DatasetError::Parquet { file: file.clone(), source })?;
        Ok(Dataset { file, columns, slots, rows, reader, pending: None, next_row: 0, missing })
    }

    /// The inputs of properties that the file has no column for (see [`Dataset::open`]).
    pub fn missing(&self) -> &[String] {
        &self.missing
    }

    /// Whether property `property` of `program` runs on the file's rows: every input it reads has a column.
    pub fn evaluates(&self, program: &Program, property: usize) -> bool {
        let name = &program.properties[property].name;
        !program.inputs.iter().any(|i| i.owner.as_ref() == Some(name) && self.missing.contains(&i.name))
    }

    /// The number of rows in the file (from its metadata).
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The file this dataset reads.
    pub fn path(&self) -> &Path {
        &self.file
    }

    /// The next at most `max_rows` rows (at least one unless the file is exhausted), in file order;
    /// `None` after the last row. A value error stops the read at its row.
    pub fn next_batch(&mut self, max_rows: usize) -> Result<Option<DatasetBatch>, DatasetError> {
        let max_rows = max_rows.max(1);
        let first_row = self.next_row;
        let mut vectors: Vec<Vec<u32>> = Vec::new();
        while vectors.len() < max_rows {
            let (batch, offset) = match self.pending.take() {
                Some(p) => p,
                None => match self.reader.next() {
                    None => break,
                    Some(Ok(b)) => (b, 0),
                    Some(Err(e)) => return Err(DatasetError::Read { file: self.file.clone(), row: self.next_row, message: e.to_string() }),
                },
            };
            let take = (batch.num_rows() - offset).min(max_rows - vectors.len());
            let start = vectors.len();
            vectors.resize_with(start + take, || vec![0u32; self.slots]);
            for col in &self.columns {
                let array = batch.column_by_name(&col.input).expect("projected input column");
                self.decode_column(col, array, offset, &mut vectors[start..])?;
            }
            self.next_row += take as u64;
            if offset + take < batch.num_rows() {
                self.pending = Some((batch, offset + take));
            }
        }
        if vectors.is_empty() { Ok(None) } else { Ok(Some(DatasetBatch { first_row, vectors })) }
    }

    /// Decodes rows `offset .. offset + out.len()` of one column into the slots of `out`.
    fn decode_column(&self, col: &Column, array: &ArrayRef, offset: usize, out: &mut [Vec<u32>]) -> Result<(), DatasetError> {
        let row0 = self.next_row;
        match col.ty {
            Type::Record(_) | Type::RecordArray(..) => {
                unreachable!("inputs, extern fns and IR variables are never records (docs/ARCHITECTURE invariant)")
            }
            Type::Scalar(elem) => {
                let values = Scalars::new(array.as_ref(), elem);
                for (k, v) in out.iter_mut().enumerate() {
                    let row = row0 + k as u64;
                    self.value(col, &values, offset + k, row, None, &mut v[col.first_slot..])?;
                }
            }
            Type::Array(elem, n) => {
                let n_us = n as usize;
                // (row index -> (start, len) in the values array), and the values array.
                let (values, bounds): (&ArrayRef, RowBounds<'_>) = if let Some(l) = array.as_fixed_size_list_opt() {
                    let len = l.value_length() as usize;
                    (l.values(), Box::new(move |i| (l.value_offset_at(i), len)))
                } else if let Some(l) = array.as_list_opt::<i32>() {
                    (l.values(), Box::new(move |i| (l.value_offsets()[i] as usize, l.value_length(i) as usize)))
                } else if let Some(l) = array.as_list_opt::<i64>() {
                    (l.values(), Box::new(move |i| (l.value_offsets()[i] as usize, l.value_length(i) as usize)))
                } else {
                    unreachable!("the schema check admits only list types for arrays")
                };
                let scalars = Scalars::new(values.as_ref(), elem);
                for (k, v) in out.iter_mut().enumerate() {
                    let i = offset + k;
                    let row = row0 + k as u64;
                    if array.is_null(i) {
                        return Err(DatasetError::Null { file: self.file.clone(), column: col.input.clone(), row, element: None });
                    }
                    let (start, len) = bounds(i);
                    if len != n_us {
                        return Err(DatasetError::WrongLength {
                            file: self.file.clone(),
                            column: col.input.clone(),
                            row,
                            expected: n,
                            found: len,
                        });
                    }
                    let words = elem.words() as usize;
                    for e in 0..n_us {
                        self.value(col, &scalars, start + e, row, Some(e as u32), &mut v[col.first_slot + words * e..])?;
                    }
                }
            }
        }
        Ok(())
    }

    /// One value's bit pattern (a 64-bit value's two words, low first) into `out`, checked for null and for the
    /// input's domain.
    fn value(
        &self,
        col: &Column,
        values: &Scalars<'_>,
        i: usize,
        row: u64,
        element: Option<u32>,
        out: &mut [u32],
    ) -> Result<(), DatasetError> {
        let Some(words) = values.get(i) else {
            return Err(DatasetError::Null { file: self.file.clone(), column: col.input.clone(), row, element });
        };
        let elem = col.ty.elem();
        let (inside, shown) = if elem.is_wide() {
            let v = u64::from(words[0]) | u64::from(words[1]) << 32;
            let inside = col.domain.wide_contains(v).unwrap_or(true);
            (inside, elem.display_wide(v))
        } else {
            (col.domain.contains(words[0]), value_text(elem, words[0]))
        };
        if !inside {
            return Err(DatasetError::OutOfDomain {
                file: self.file.clone(),
                column: col.input.clone(),
                row,
                element,
                value: shown,
                domain: domain_text(&col.domain),
            });
        }
        out[..words.len()].copy_from_slice(words);
        Ok(())
    }
}

/// Where row `i` of a list column lies in its values array: `(start, len)`.
type RowBounds<'a> = Box<dyn Fn(usize) -> (usize, usize) + 'a>;

/// The carried bit patterns of an Arrow array of scalars, with its validity.
struct Scalars<'a> {
    array: &'a dyn Array,
    /// Every value's words (two for a 64-bit value, low first).
    bits: Vec<u32>,
    words: usize,
}

impl<'a> Scalars<'a> {
    fn new(array: &'a dyn Array, elem: ScalarType) -> Scalars<'a> {
        let bits = crate::output::arrow::scalar_bits(array, elem).expect("the schema check admits only the matching element type");
        Scalars { array, bits, words: elem.words() as usize }
    }

    /// The words of value `i`, or `None` for a null.
    fn get(&self, i: usize) -> Option<&[u32]> {
        self.array.is_valid(i).then(|| &self.bits[i * self.words..(i + 1) * self.words])
    }
}

fn type_matches(ty: Type, found: &DataType) -> bool {
    let arrow_scalar = crate::output::arrow::scalar_type;
    match ty {
        Type::Scalar(elem) => *found == arrow_scalar(elem),
        Type::Record(_) | Type::RecordArray(..) => false,
        Type::Array(elem, n) => match found {
            DataType::FixedSizeList(f, len) => *len >= 0 && *len as u32 == n && *f.data_type() == arrow_scalar(elem),
            DataType::List(f) | DataType::LargeList(f) => *f.data_type() == arrow_scalar(elem),
            _ => false,
        },
    }
}

/// The Arrow type(s) a column for an input of type `ty` may have, as text.
fn expected_type(ty: Type) -> String {
    let arrow_scalar = crate::output::arrow::scalar_type;
    match ty {
        Type::Scalar(elem) => arrow_scalar(elem).to_string(),
        Type::Record(_) | Type::RecordArray(..) => "a struct (never an input's type)".to_string(),
        Type::Array(elem, n) => format!("FixedSizeList({n} x {}) or a List({}) of {n} elements", arrow_scalar(elem), arrow_scalar(elem)),
    }
}

/// A value as the spec language would write it.
pub fn value_text(elem: ScalarType, bits: u32) -> String {
    match elem {
        ScalarType::F32 => format!("{:?}", f32::from_bits(bits)),
        _ => elem.display(bits),
    }
}

/// A domain as the spec language would write it: `1..=10000`, `0.0..1.0`, `{0, 1, 5, 9}`, `all`.
pub fn domain_text(d: &Domain) -> String {
    let f = |b: f32| format!("{b:?}");
    match d {
        Domain::Bool | Domain::F32Any => "all".to_string(),
        Domain::WideLo { lo, hi, signed: false } | Domain::WideHi { lo, hi, signed: false } => format!("{lo}..={hi}"),
        Domain::WideLo { lo, hi, signed: true } | Domain::WideHi { lo, hi, signed: true } => format!("{}..={}", *lo as i64, *hi as i64),
        Domain::WideSetLo { values, signed } | Domain::WideSetHi { values, signed } => Domain::wide_set_text(values, *signed),
        Domain::Unused => "{0} (another property's input)".to_string(),
        Domain::F64Lo { lo, hi } | Domain::F64Hi { lo, hi } => Domain::f64_range_text(*lo, *hi).unwrap_or_else(|| "all".to_string()),
        Domain::U32Range { lo: 0, hi: u32::MAX } => "all".to_string(),
        Domain::I32Range { lo: i32::MIN, hi: i32::MAX } => "all".to_string(),
        Domain::U32Range { lo, hi } => format!("{lo}..={hi}"),
        Domain::I32Range { lo, hi } => format!("{lo}..={hi}"),
        Domain::F32Range { lo, hi, hi_inclusive } => format!("{}{}{}", f(*lo), if *hi_inclusive { "..=" } else { ".." }, f(*hi)),
        Domain::Set { kind, values } => {
            let elem = match kind {
                crate::r#gen::ScalarKind::Bool => ScalarType::Bool,
                crate::r#gen::ScalarKind::U32 => ScalarType::U32,
                crate::r#gen::ScalarKind::I32 => ScalarType::I32,
                crate::r#gen::ScalarKind::F32 => ScalarType::F32,
            };
            let mut s = String::from("{");
            for (k, v) in values.iter().enumerate() {
                if k > 0 {
                    s.push_str(", ");
                }
                let _ = write!(s, "{}", value_text(elem, *v));
            }
            s.push('}');
            s
        }
    }
}

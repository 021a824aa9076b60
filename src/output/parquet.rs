//! The Parquet files of a run: `counterexamples.parquet` (one row per counterexample, one typed
//! column per input for the original and for the shrunk values) and `summary.parquet` (one row per
//! property), their key-value metadata, and readers that refuse, with a typed error, any file they
//! do not understand. The schema is documented (and versioned) in `docs/output.md`.
//!
//! Crash safety: the counterexample file is written progressively under a temporary name in the
//! same directory (one row group per [`CounterexampleWriter::write`]) and renamed to its final name
//! only once the footer is written and synced, so the final path never holds a half file.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use arrow_array::builder::{ListBuilder, StringBuilder, UInt64Builder};
use arrow_array::cast::AsArray;
use arrow_array::types::{Float32Type, Float64Type, Int32Type, UInt32Type, UInt64Type};
use arrow_array::{
    Array, ArrayRef, BooleanArray, FixedSizeListArray, Float32Array, Float64Array, Int32Array, RecordBatch, StringArray, UInt32Array,
    UInt64Array,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use serde::{Deserialize, Serialize};

use super::model::{Counterexample, Manifest, Reason, SCHEMA_VERSION};
use crate::check::Type;
use crate::diag::SourceMap;
use crate::ir::Program;
use crate::sem::ScalarType;

/// File name of the counterexample table in a run's output directory.
pub const COUNTEREXAMPLES_FILE: &str = "counterexamples.parquet";
/// File name of the per-property summary table in a run's output directory.
pub const SUMMARY_FILE: &str = "summary.parquet";

/// Key-value metadata keys (every value is UTF-8 text).
pub mod keys {
    /// The output schema version, decimal (`"1"`).
    pub const SCHEMA_VERSION: &str = "vecrun.schema_version";
    /// `counterexamples` or `summary`.
    pub const KIND: &str = "vecrun.kind";
    /// The run manifest, JSON (the final one, written when the file is finished).
    pub const MANIFEST: &str = "vecrun.manifest";
    /// The spec's source files, JSON `[{"name", "text"}]`, root first, imports included.
    pub const SOURCES: &str = "vecrun.sources";
    /// The inputs and their columns, JSON `[{"name", "type", "column", "shrunk_column"}]`, in slot order.
    pub const INPUTS: &str = "vecrun.inputs";
}

const KIND_COUNTEREXAMPLES: &str = "counterexamples";
const KIND_SUMMARY: &str = "summary";

/// The fixed columns of `counterexamples.parquet`, in order; the input columns follow.
pub const FIXED_COLUMNS: [&str; 17] = [
    "run_id",
    "spec_name",
    "spec_version",
    "spec_hash",
    "generator_version",
    "property",
    "assert_index",
    "assert_message",
    "reason",
    "phase",
    "seed",
    "vector_index",
    "backend",
    "adapter",
    "shrink_steps",
    "location",
    "outcome",
];

/// The columns of `summary.parquet`, in order.
pub const SUMMARY_COLUMNS: [&str; 14] = [
    "run_id",
    "spec_name",
    "spec_version",
    "spec_hash",
    "property",
    "evaluated",
    "passed",
    "failed",
    "discarded",
    "cover_labels",
    "cover_hits",
    "verdict",
    "wall_seconds",
    "vectors_per_second",
];

/// Why a Parquet output file could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum ParquetOutputError {
    #[error("cannot {action} `{}`: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("`{}` is not a Parquet file ({detail})", path.display())]
    NotParquet { path: PathBuf, detail: String },
    #[error("`{}` is a Parquet file but not one written by vecrun (it has no `{}` metadata)", path.display(), keys::SCHEMA_VERSION)]
    NotVecrun { path: PathBuf },
    #[error("`{}` has vecrun output schema version {found}, newer than this vecrun reads (up to {supported}); upgrade vecrun", path.display())]
    FutureSchema { path: PathBuf, found: u32, supported: u32 },
    #[error("`{}` is a vecrun `{found}` file, not a `{expected}` file", path.display())]
    WrongKind { path: PathBuf, found: String, expected: &'static str },
    #[error("`{}` is damaged or inconsistent: {detail}", path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error("cannot write `{}`: {detail}", path.display())]
    Write { path: PathBuf, detail: String },
    #[error("counterexample of `{property}` has {found} {which} values, the program has {expected} slots")]
    SlotCount { property: String, which: &'static str, found: usize, expected: usize },
}

type Result<T, E = ParquetOutputError> = std::result::Result<T, E>;

/// The source files of a spec as `(name, text)`, root first: what [`CounterexampleWriter::create`] stores.
pub fn sources_of(map: &SourceMap) -> Vec<(String, String)> {
    map.files().map(|(_, f)| (f.name.clone(), f.text.clone())).collect()
}

/// One input's columns, as recorded in the `vecrun.inputs` metadata.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputColumns {
    pub name: String,
    /// The type as the spec writes it: `u32`, `[f32; 4]`.
    #[serde(rename = "type")]
    pub ty: String,
    /// Column of the original values: the input's name, unless that clashes with a fixed column.
    pub column: String,
    /// Column of the shrunk values: `shrunk_<name>`, unless that clashes.
    pub shrunk_column: String,
}

/// Parses a type written the way [`Type`]'s `Display` writes it (`u32`, `[i32; 16]`).
pub fn parse_type(text: &str) -> Option<Type> {
    let t = text.trim();
    if let Some(inner) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        let (elem, n) = inner.split_once(';')?;
        let n: u32 = n.trim().parse().ok()?;
        if n == 0 {
            return None;
        }
        return Some(Type::Array(parse_scalar(elem.trim())?, n));
    }
    parse_scalar(t).map(Type::Scalar)
}

fn parse_scalar(text: &str) -> Option<ScalarType> {
    match text {
        "bool" => Some(ScalarType::Bool),
        "u32" => Some(ScalarType::U32),
        "i32" => Some(ScalarType::I32),
        "f32" => Some(ScalarType::F32),
        _ => None,
    }
}

/// The column names of each input (original, shrunk), in input order. An input is named after
/// itself and `shrunk_<name>`; a name taken by a fixed column or an earlier input's column gets
/// `input_` in front (then `_2`, `_3`, ... until free). The choice is recorded in the metadata.
pub fn input_columns(inputs: &[(String, Type)]) -> Vec<InputColumns> {
    let mut taken: std::collections::HashSet<String> = FIXED_COLUMNS.iter().map(|s| s.to_string()).collect();
    let mut pick = |first: String, fallback: String| -> String {
        if taken.insert(first.clone()) {
            return first;
        }
        if taken.insert(fallback.clone()) {
            return fallback;
        }
        let mut k = 2;
        loop {
            let c = format!("{fallback}_{k}");
            if taken.insert(c.clone()) {
                return c;
            }
            k += 1;
        }
    };
    let originals: Vec<String> = inputs.iter().map(|(n, _)| pick(n.clone(), format!("input_{n}"))).collect();
    let shrunk: Vec<String> = inputs.iter().map(|(n, _)| pick(format!("shrunk_{n}"), format!("shrunk_input_{n}"))).collect();
    inputs
        .iter()
        .zip(originals.into_iter().zip(shrunk))
        .map(|((name, ty), (column, shrunk_column))| InputColumns { name: name.clone(), ty: ty.to_string(), column, shrunk_column })
        .collect()
}

fn scalar_arrow(s: ScalarType) -> DataType {
    match s {
        ScalarType::Bool => DataType::Boolean,
        ScalarType::U32 => DataType::UInt32,
        ScalarType::I32 => DataType::Int32,
        ScalarType::F32 => DataType::Float32,
    }
}

fn element_field(s: ScalarType) -> Arc<Field> {
    Arc::new(Field::new("item", scalar_arrow(s), false))
}

/// The Arrow type of an input's column: the scalar's type, or a `FixedSizeList` of it.
pub fn arrow_type(ty: Type) -> DataType {
    match ty {
        Type::Scalar(s) => scalar_arrow(s),
        Type::Array(s, n) => DataType::FixedSizeList(element_field(s), n as i32),
    }
}

fn scalar_of_arrow(dt: &DataType) -> Option<ScalarType> {
    match dt {
        DataType::Boolean => Some(ScalarType::Bool),
        DataType::UInt32 => Some(ScalarType::U32),
        DataType::Int32 => Some(ScalarType::I32),
        DataType::Float32 => Some(ScalarType::F32),
        _ => None,
    }
}

/// The input type an Arrow column type stands for (the inverse of [`arrow_type`]).
pub fn type_of_arrow(dt: &DataType) -> Option<Type> {
    match dt {
        DataType::FixedSizeList(f, n) if *n > 0 => Some(Type::Array(scalar_of_arrow(f.data_type())?, *n as u32)),
        other => scalar_of_arrow(other).map(Type::Scalar),
    }
}

/// The schema of `counterexamples.parquet` for these input columns.
fn counterexample_schema(inputs: &[(InputColumns, Type)]) -> SchemaRef {
    let mut fields = vec![
        Field::new("run_id", DataType::Utf8, false),
        Field::new("spec_name", DataType::Utf8, false),
        Field::new("spec_version", DataType::Utf8, true),
        Field::new("spec_hash", DataType::Utf8, false),
        Field::new("generator_version", DataType::UInt32, false),
        Field::new("property", DataType::Utf8, false),
        Field::new("assert_index", DataType::UInt32, true),
        Field::new("assert_message", DataType::Utf8, false),
        Field::new("reason", DataType::Utf8, false),
        Field::new("phase", DataType::Utf8, false),
        Field::new("seed", DataType::UInt64, false),
        Field::new("vector_index", DataType::UInt64, false),
        Field::new("backend", DataType::Utf8, false),
        Field::new("adapter", DataType::Utf8, false),
        Field::new("shrink_steps", DataType::UInt32, false),
        Field::new("location", DataType::Utf8, false),
        Field::new("outcome", DataType::UInt32, false),
    ];
    for (c, ty) in inputs {
        fields.push(Field::new(c.column.clone(), arrow_type(*ty), false));
    }
    for (c, ty) in inputs {
        fields.push(Field::new(c.shrunk_column.clone(), arrow_type(*ty), false));
    }
    Arc::new(Schema::new(fields))
}

fn summary_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("run_id", DataType::Utf8, false),
        Field::new("spec_name", DataType::Utf8, false),
        Field::new("spec_version", DataType::Utf8, true),
        Field::new("spec_hash", DataType::Utf8, false),
        Field::new("property", DataType::Utf8, false),
        Field::new("evaluated", DataType::UInt64, false),
        Field::new("passed", DataType::UInt64, false),
        Field::new("failed", DataType::UInt64, false),
        Field::new("discarded", DataType::UInt64, false),
        Field::new("cover_labels", DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true))), false),
        Field::new("cover_hits", DataType::List(Arc::new(Field::new_list_field(DataType::UInt64, true))), false),
        Field::new("verdict", DataType::Utf8, false),
        Field::new("wall_seconds", DataType::Float64, false),
        Field::new("vectors_per_second", DataType::Float64, false),
    ]))
}

fn writer_properties() -> WriterProperties {
    WriterProperties::builder().set_compression(Compression::SNAPPY).build()
}

/// A column of scalars of type `s` from bit patterns.
fn scalar_array(s: ScalarType, bits: Vec<u32>) -> ArrayRef {
    match s {
        ScalarType::Bool => Arc::new(BooleanArray::from(bits.into_iter().map(|b| b != 0).collect::<Vec<bool>>())),
        ScalarType::U32 => Arc::new(UInt32Array::from(bits)),
        ScalarType::I32 => Arc::new(Int32Array::from(bits.into_iter().map(|b| b as i32).collect::<Vec<i32>>())),
        ScalarType::F32 => Arc::new(Float32Array::from(bits.into_iter().map(f32::from_bits).collect::<Vec<f32>>())),
    }
}

/// An input's column over rows: `rows[r][first .. first + ty.slots()]`.
fn input_array(ty: Type, first: usize, rows: &[&[u32]]) -> Result<ArrayRef, String> {
    let n = ty.slots() as usize;
    let mut bits = Vec::with_capacity(rows.len() * n);
    for r in rows {
        bits.extend_from_slice(&r[first..first + n]);
    }
    let values = scalar_array(ty.elem(), bits);
    match ty {
        Type::Scalar(_) => Ok(values),
        Type::Array(s, len) => FixedSizeListArray::try_new(element_field(s), len as i32, values, None)
            .map(|a| Arc::new(a) as ArrayRef)
            .map_err(|e| e.to_string()),
    }
}

fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(".{name}.tmp-{}-{n}", std::process::id()))
}

/// Best effort: makes a rename durable (a no-op where directories cannot be opened).
fn sync_dir(path: &Path) {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Where an input's slots are, and its columns.
#[derive(Clone, Debug)]
struct InputLayout {
    columns: InputColumns,
    ty: Type,
    first_slot: usize,
}

/// Per-run values repeated on every row, taken from the manifest given to `create`.
#[derive(Clone, Debug)]
struct RowConstants {
    run_id: String,
    spec_name: String,
    spec_version: Option<String>,
    spec_hash: String,
    generator_version: u32,
    seed: u64,
    backend: String,
    adapter: String,
}

/// Writes `counterexamples.parquet` progressively: rows go to a temporary file in the same
/// directory, one row group per [`write`](Self::write); [`finish`](Self::finish) writes the footer
/// (with the final manifest), syncs and renames. Dropping the writer unfinished deletes the
/// temporary file; a killed process leaves it behind (named `.counterexamples.parquet.tmp-*`),
/// never a half file at the final path.
pub struct CounterexampleWriter {
    path: PathBuf,
    tmp: PathBuf,
    writer: Option<ArrowWriter<File>>,
    schema: SchemaRef,
    inputs: Vec<InputLayout>,
    slots: usize,
    constants: RowConstants,
    sources_json: String,
    inputs_json: String,
    rows: u64,
}

impl CounterexampleWriter {
    /// Starts a counterexample file that will appear at `path` on [`finish`](Self::finish).
    /// `sources` are the spec's files as `(name, text)`, root first (see [`sources_of`]).
    pub fn create(path: &Path, program: &Program, manifest: &Manifest, sources: &[(String, String)]) -> Result<CounterexampleWriter> {
        let typed: Vec<(String, Type)> = program.inputs.iter().map(|i| (i.name.clone(), i.ty)).collect();
        let columns = input_columns(&typed);
        let inputs: Vec<InputLayout> = program
            .inputs
            .iter()
            .zip(columns)
            .map(|(i, columns)| InputLayout { columns, ty: i.ty, first_slot: i.first_slot as usize })
            .collect();
        let slots = program.slots.len();
        if let Some(bad) = inputs.iter().find(|i| i.first_slot + i.ty.slots() as usize > slots) {
            return Err(ParquetOutputError::Write {
                path: path.to_path_buf(),
                detail: format!("input `{}` lies outside the program's {slots} slots", bad.columns.name),
            });
        }
        let schema = counterexample_schema(&inputs.iter().map(|i| (i.columns.clone(), i.ty)).collect::<Vec<_>>());
        let sources_json = sources_json(sources);
        let inputs_json = serde_json::to_string(&inputs.iter().map(|i| &i.columns).collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into());
        if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| ParquetOutputError::Io {
                action: "create the directory of",
                path: path.to_path_buf(),
                source,
            })?;
        }
        let tmp = temp_path(path);
        let file = File::create(&tmp).map_err(|source| ParquetOutputError::Io { action: "create", path: tmp.clone(), source })?;
        let writer = match ArrowWriter::try_new(file, schema.clone(), Some(writer_properties())) {
            Ok(w) => w,
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(ParquetOutputError::Write { path: path.to_path_buf(), detail: e.to_string() });
            }
        };
        Ok(CounterexampleWriter {
            path: path.to_path_buf(),
            tmp,
            writer: Some(writer),
            schema,
            inputs,
            slots,
            constants: RowConstants {
                run_id: manifest.run_id.clone(),
                spec_name: manifest.spec_name.clone(),
                spec_version: manifest.spec_version.clone(),
                spec_hash: manifest.spec_hash.clone(),
                generator_version: manifest.generator_version,
                seed: manifest.seed,
                backend: manifest.backend.clone(),
                adapter: manifest.adapter.clone(),
            },
            sources_json,
            inputs_json,
            rows: 0,
        })
    }

    /// The final path (the file appears there on [`finish`](Self::finish)).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The temporary file being written.
    pub fn temp_path(&self) -> &Path {
        &self.tmp
    }

    /// Rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Appends counterexamples as one row group and hands it to the operating system.
    /// `shrunk` may be empty (not shrunk): the original values are stored as the shrunk ones.
    pub fn write(&mut self, counterexamples: &[Counterexample]) -> Result<()> {
        if counterexamples.is_empty() {
            return Ok(());
        }
        for c in counterexamples {
            if c.original.len() != self.slots {
                return Err(ParquetOutputError::SlotCount {
                    property: c.property.clone(),
                    which: "original",
                    found: c.original.len(),
                    expected: self.slots,
                });
            }
            if !c.shrunk.is_empty() && c.shrunk.len() != self.slots {
                return Err(ParquetOutputError::SlotCount {
                    property: c.property.clone(),
                    which: "shrunk",
                    found: c.shrunk.len(),
                    expected: self.slots,
                });
            }
        }
        let batch = self.batch(counterexamples).map_err(|detail| ParquetOutputError::Write { path: self.path.clone(), detail })?;
        let path = self.path.clone();
        let writer =
            self.writer.as_mut().ok_or_else(|| ParquetOutputError::Write { path: path.clone(), detail: "the writer is closed".into() })?;
        let fail = |e: parquet::errors::ParquetError| ParquetOutputError::Write { path: path.clone(), detail: e.to_string() };
        writer.write(&batch).map_err(fail)?;
        writer.flush().map_err(fail)?;
        writer.sync().map_err(|source| ParquetOutputError::Io { action: "write", path: self.tmp.clone(), source })?;
        self.rows += counterexamples.len() as u64;
        Ok(())
    }

    fn batch(&self, cs: &[Counterexample]) -> Result<RecordBatch, String> {
        let k = &self.constants;
        let n = cs.len();
        let repeat = |s: &str| -> ArrayRef { Arc::new(StringArray::from(vec![s; n])) };
        let strings =
            |f: &dyn Fn(&Counterexample) -> &str| -> ArrayRef { Arc::new(StringArray::from(cs.iter().map(f).collect::<Vec<&str>>())) };
        let mut columns: Vec<ArrayRef> = vec![
            repeat(&k.run_id),
            repeat(&k.spec_name),
            Arc::new(StringArray::from(vec![k.spec_version.as_deref(); n])),
            repeat(&k.spec_hash),
            Arc::new(UInt32Array::from(vec![k.generator_version; n])),
            strings(&|c| &c.property),
            Arc::new(UInt32Array::from(cs.iter().map(|c| c.assert_index).collect::<Vec<Option<u32>>>())),
            strings(&|c| &c.assert_message),
            strings(&|c| c.reason.name()),
            strings(&|c| &c.phase),
            Arc::new(UInt64Array::from(vec![k.seed; n])),
            Arc::new(UInt64Array::from(cs.iter().map(|c| c.vector_index).collect::<Vec<u64>>())),
            repeat(&k.backend),
            repeat(&k.adapter),
            Arc::new(UInt32Array::from(cs.iter().map(|c| c.shrink_steps).collect::<Vec<u32>>())),
            strings(&|c| &c.location),
            Arc::new(UInt32Array::from(cs.iter().map(|c| c.outcome).collect::<Vec<u32>>())),
        ];
        let originals: Vec<&[u32]> = cs.iter().map(|c| &c.original[..]).collect();
        let shrunk: Vec<&[u32]> = cs.iter().map(|c| if c.shrunk.is_empty() { &c.original[..] } else { &c.shrunk[..] }).collect();
        for i in &self.inputs {
            columns.push(input_array(i.ty, i.first_slot, &originals)?);
        }
        for i in &self.inputs {
            columns.push(input_array(i.ty, i.first_slot, &shrunk)?);
        }
        RecordBatch::try_new(self.schema.clone(), columns).map_err(|e| e.to_string())
    }

    /// Writes the footer with the final `manifest`, syncs, and renames the file to its final path.
    /// Returns the number of rows.
    pub fn finish(mut self, manifest: &Manifest) -> Result<u64> {
        let path = self.path.clone();
        let mut writer =
            self.writer.take().ok_or_else(|| ParquetOutputError::Write { path: path.clone(), detail: "the writer is closed".into() })?;
        let manifest_json =
            serde_json::to_string(manifest).map_err(|e| ParquetOutputError::Write { path: path.clone(), detail: e.to_string() })?;
        writer.append_key_value_metadata(KeyValue::new(keys::SCHEMA_VERSION.into(), SCHEMA_VERSION.to_string()));
        writer.append_key_value_metadata(KeyValue::new(keys::KIND.into(), KIND_COUNTEREXAMPLES.to_string()));
        writer.append_key_value_metadata(KeyValue::new(keys::MANIFEST.into(), manifest_json));
        writer.append_key_value_metadata(KeyValue::new(keys::SOURCES.into(), std::mem::take(&mut self.sources_json)));
        writer.append_key_value_metadata(KeyValue::new(keys::INPUTS.into(), std::mem::take(&mut self.inputs_json)));
        let file = writer.into_inner().map_err(|e| ParquetOutputError::Write { path: path.clone(), detail: e.to_string() })?;
        file.sync_all().map_err(|source| ParquetOutputError::Io { action: "sync", path: self.tmp.clone(), source })?;
        drop(file);
        std::fs::rename(&self.tmp, &path).map_err(|source| ParquetOutputError::Io {
            action: "rename the finished file to",
            path: path.clone(),
            source,
        })?;
        sync_dir(&path);
        Ok(self.rows)
    }
}

impl Drop for CounterexampleWriter {
    fn drop(&mut self) {
        if let Some(w) = self.writer.take() {
            drop(w);
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

#[derive(Serialize, Deserialize)]
struct SourceEntry {
    name: String,
    text: String,
}

fn sources_json(sources: &[(String, String)]) -> String {
    let entries: Vec<SourceEntry> = sources.iter().map(|(name, text)| SourceEntry { name: name.clone(), text: text.clone() }).collect();
    serde_json::to_string(&entries).unwrap_or_else(|_| "[]".into())
}

/// One row of `summary.parquet`: one property of one run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryRow {
    pub property: String,
    pub evaluated: u64,
    pub passed: u64,
    pub failed: u64,
    pub discarded: u64,
    /// Each cover's label (its message, else its condition text), in declaration order.
    pub cover_labels: Vec<String>,
    /// Hits per cover, aligned with `cover_labels`.
    pub cover_hits: Vec<u64>,
    /// `PROVEN`, `PASSED`, `FAILED`, `INCOMPLETE`.
    pub verdict: String,
    pub wall_seconds: f64,
    pub vectors_per_second: f64,
}

/// Writes `summary.parquet` (atomically: temporary name, sync, rename).
pub fn write_summary(path: &Path, manifest: &Manifest, rows: &[SummaryRow]) -> Result<()> {
    let werr = |detail: String| ParquetOutputError::Write { path: path.to_path_buf(), detail };
    let schema = summary_schema();
    let n = rows.len();
    let mut labels = ListBuilder::new(StringBuilder::new());
    let mut hits = ListBuilder::new(UInt64Builder::new());
    for r in rows {
        for l in &r.cover_labels {
            labels.values().append_value(l);
        }
        labels.append(true);
        for h in &r.cover_hits {
            hits.values().append_value(*h);
        }
        hits.append(true);
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from(vec![manifest.run_id.as_str(); n])),
        Arc::new(StringArray::from(vec![manifest.spec_name.as_str(); n])),
        Arc::new(StringArray::from(vec![manifest.spec_version.as_deref(); n])),
        Arc::new(StringArray::from(vec![manifest.spec_hash.as_str(); n])),
        Arc::new(StringArray::from(rows.iter().map(|r| r.property.as_str()).collect::<Vec<_>>())),
        Arc::new(UInt64Array::from(rows.iter().map(|r| r.evaluated).collect::<Vec<_>>())),
        Arc::new(UInt64Array::from(rows.iter().map(|r| r.passed).collect::<Vec<_>>())),
        Arc::new(UInt64Array::from(rows.iter().map(|r| r.failed).collect::<Vec<_>>())),
        Arc::new(UInt64Array::from(rows.iter().map(|r| r.discarded).collect::<Vec<_>>())),
        Arc::new(labels.finish()),
        Arc::new(hits.finish()),
        Arc::new(StringArray::from(rows.iter().map(|r| r.verdict.as_str()).collect::<Vec<_>>())),
        Arc::new(Float64Array::from(rows.iter().map(|r| r.wall_seconds).collect::<Vec<_>>())),
        Arc::new(Float64Array::from(rows.iter().map(|r| r.vectors_per_second).collect::<Vec<_>>())),
    ];
    let batch = RecordBatch::try_new(schema.clone(), columns).map_err(|e| werr(e.to_string()))?;
    let manifest_json = serde_json::to_string(manifest).map_err(|e| werr(e.to_string()))?;
    let mut writer = ArrowWriter::try_new(Vec::new(), schema, Some(writer_properties())).map_err(|e| werr(e.to_string()))?;
    writer.write(&batch).map_err(|e| werr(e.to_string()))?;
    writer.append_key_value_metadata(KeyValue::new(keys::SCHEMA_VERSION.into(), SCHEMA_VERSION.to_string()));
    writer.append_key_value_metadata(KeyValue::new(keys::KIND.into(), KIND_SUMMARY.to_string()));
    writer.append_key_value_metadata(KeyValue::new(keys::MANIFEST.into(), manifest_json));
    let bytes = writer.into_inner().map_err(|e| werr(e.to_string()))?;
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| ParquetOutputError::Io {
            action: "create the directory of",
            path: path.to_path_buf(),
            source,
        })?;
    }
    super::write_atomic(path, &bytes).map_err(|source| ParquetOutputError::Io { action: "write", path: path.to_path_buf(), source })
}

// ---------------------------------------------------------------------------------------------
// Readers

/// One stored counterexample, read back (values by slot, in the stored program's slot order).
#[derive(Clone, Debug, PartialEq)]
pub struct StoredCounterexample {
    pub run_id: String,
    pub spec_hash: String,
    pub property: String,
    pub assert_index: Option<u32>,
    pub assert_message: String,
    pub location: String,
    pub reason: Reason,
    pub phase: String,
    pub seed: u64,
    pub vector_index: u64,
    pub outcome: u32,
    pub backend: String,
    pub adapter: String,
    pub shrink_steps: u32,
    pub original: Vec<u32>,
    pub shrunk: Vec<u32>,
}

/// A whole `counterexamples.parquet`: enough to replay it without the spec on disk.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredRun {
    pub schema_version: u32,
    pub manifest: Manifest,
    /// `(name, text)`, root first.
    pub sources: Vec<(String, String)>,
    /// The inputs in slot order, typed from the schema.
    pub inputs: Vec<(String, Type)>,
    pub rows: Vec<StoredCounterexample>,
}

impl StoredRun {
    /// Scalar slots per vector.
    pub fn slot_count(&self) -> usize {
        self.inputs.iter().map(|(_, t)| t.slots() as usize).sum()
    }

    /// Splits one stored vector into its inputs: `(name, type, slot values)`.
    pub fn split<'a>(&'a self, slots: &'a [u32]) -> Vec<(&'a str, Type, &'a [u32])> {
        let mut at = 0usize;
        let mut out = Vec::with_capacity(self.inputs.len());
        for (name, ty) in &self.inputs {
            let n = ty.slots() as usize;
            let end = (at + n).min(slots.len());
            out.push((name.as_str(), *ty, &slots[at.min(end)..end]));
            at += n;
        }
        out
    }
}

/// A whole `summary.parquet`.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredSummary {
    pub schema_version: u32,
    pub manifest: Manifest,
    pub rows: Vec<SummaryRow>,
}

/// What every vecrun Parquet file has: the decoded batches and the key-value metadata.
struct Opened {
    schema_version: u32,
    kv: HashMap<String, String>,
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
}

fn open(path: &Path, expected: &'static str) -> Result<Opened> {
    let file = File::open(path).map_err(|source| ParquetOutputError::Io { action: "open", path: path.to_path_buf(), source })?;
    // The parquet crate reports damaged files as errors; this guard turns any panic it might
    // still raise on a hostile file into an error as well.
    let decoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| open_inner(path, file, expected)));
    match decoded {
        Ok(r) => r,
        Err(_) => Err(ParquetOutputError::Corrupt { path: path.to_path_buf(), detail: "the Parquet decoder failed on this file".into() }),
    }
}

fn open_inner(path: &Path, file: File, expected: &'static str) -> Result<Opened> {
    let builder = ParquetRecordBatchReaderBuilder::try_new(file)
        .map_err(|e| ParquetOutputError::NotParquet { path: path.to_path_buf(), detail: e.to_string() })?;
    let mut kv = HashMap::new();
    if let Some(list) = builder.metadata().file_metadata().key_value_metadata() {
        for item in list {
            if let Some(v) = &item.value {
                kv.insert(item.key.clone(), v.clone());
            }
        }
    }
    let version_text = kv.get(keys::SCHEMA_VERSION).ok_or_else(|| ParquetOutputError::NotVecrun { path: path.to_path_buf() })?;
    let schema_version: u32 = version_text.trim().parse().map_err(|_| ParquetOutputError::Corrupt {
        path: path.to_path_buf(),
        detail: format!("`{}` is `{version_text}`, not a version number", keys::SCHEMA_VERSION),
    })?;
    if schema_version > SCHEMA_VERSION {
        return Err(ParquetOutputError::FutureSchema { path: path.to_path_buf(), found: schema_version, supported: SCHEMA_VERSION });
    }
    if schema_version == 0 {
        return Err(ParquetOutputError::Corrupt { path: path.to_path_buf(), detail: "schema version 0 does not exist".into() });
    }
    let kind = kv.get(keys::KIND).cloned().unwrap_or_default();
    if kind != expected {
        return Err(ParquetOutputError::WrongKind { path: path.to_path_buf(), found: kind, expected });
    }
    let schema = builder.schema().clone();
    let reader = builder.build().map_err(|e| ParquetOutputError::Corrupt { path: path.to_path_buf(), detail: e.to_string() })?;
    let mut batches = Vec::new();
    for b in reader {
        batches.push(b.map_err(|e| ParquetOutputError::Corrupt { path: path.to_path_buf(), detail: e.to_string() })?);
    }
    Ok(Opened { schema_version, kv, schema, batches })
}

fn manifest_of(path: &Path, kv: &HashMap<String, String>) -> Result<Manifest> {
    let text = kv
        .get(keys::MANIFEST)
        .ok_or_else(|| ParquetOutputError::Corrupt { path: path.to_path_buf(), detail: format!("no `{}` metadata", keys::MANIFEST) })?;
    serde_json::from_str(text).map_err(|e| ParquetOutputError::Corrupt {
        path: path.to_path_buf(),
        detail: format!("`{}` is not a valid manifest: {e}", keys::MANIFEST),
    })
}

/// Column access for one batch, with errors that name the column.
struct Columns<'a> {
    batch: &'a RecordBatch,
}

impl<'a> Columns<'a> {
    fn get(&self, name: &str) -> Result<&'a ArrayRef, String> {
        self.batch.column_by_name(name).ok_or_else(|| format!("column `{name}` is missing"))
    }
    fn strings(&self, name: &str) -> Result<Vec<Option<String>>, String> {
        let col = self.get(name)?;
        let out: Vec<Option<String>> = if let Some(a) = col.as_string_opt::<i32>() {
            a.iter().map(|v| v.map(str::to_string)).collect()
        } else if let Some(a) = col.as_string_opt::<i64>() {
            a.iter().map(|v| v.map(str::to_string)).collect()
        } else if let Some(a) = col.as_string_view_opt() {
            a.iter().map(|v| v.map(str::to_string)).collect()
        } else {
            return Err(format!("column `{name}` has type {}, expected text", col.data_type()));
        };
        Ok(out)
    }
    fn required_strings(&self, name: &str) -> Result<Vec<String>, String> {
        self.strings(name)?.into_iter().map(|v| v.ok_or_else(|| format!("column `{name}` has a null"))).collect()
    }
    fn u32s(&self, name: &str) -> Result<Vec<Option<u32>>, String> {
        let col = self.get(name)?;
        let a =
            col.as_primitive_opt::<UInt32Type>().ok_or_else(|| format!("column `{name}` has type {}, expected UInt32", col.data_type()))?;
        Ok(a.iter().collect())
    }
    fn required_u32s(&self, name: &str) -> Result<Vec<u32>, String> {
        self.u32s(name)?.into_iter().map(|v| v.ok_or_else(|| format!("column `{name}` has a null"))).collect()
    }
    fn u64s(&self, name: &str) -> Result<Vec<u64>, String> {
        let col = self.get(name)?;
        let a =
            col.as_primitive_opt::<UInt64Type>().ok_or_else(|| format!("column `{name}` has type {}, expected UInt64", col.data_type()))?;
        a.iter().map(|v| v.ok_or_else(|| format!("column `{name}` has a null"))).collect()
    }
    fn f64s(&self, name: &str) -> Result<Vec<f64>, String> {
        let col = self.get(name)?;
        let a = col
            .as_primitive_opt::<Float64Type>()
            .ok_or_else(|| format!("column `{name}` has type {}, expected Float64", col.data_type()))?;
        a.iter().map(|v| v.ok_or_else(|| format!("column `{name}` has a null"))).collect()
    }
}

/// Bit patterns of a scalar column, one per row.
fn scalar_bits(col: &dyn Array, s: ScalarType, name: &str) -> Result<Vec<u32>, String> {
    if col.null_count() > 0 {
        return Err(format!("column `{name}` has nulls"));
    }
    let wrong = || format!("column `{name}` has type {}, expected {}", col.data_type(), scalar_arrow(s));
    Ok(match s {
        ScalarType::Bool => col.as_boolean_opt().ok_or_else(wrong)?.iter().map(|v| v.unwrap_or(false) as u32).collect(),
        ScalarType::U32 => col.as_primitive_opt::<UInt32Type>().ok_or_else(wrong)?.values().to_vec(),
        ScalarType::I32 => col.as_primitive_opt::<Int32Type>().ok_or_else(wrong)?.values().iter().map(|v| *v as u32).collect(),
        ScalarType::F32 => col.as_primitive_opt::<Float32Type>().ok_or_else(wrong)?.values().iter().map(|v| v.to_bits()).collect(),
    })
}

/// An input column's values: `rows x ty.slots()` bit patterns, row-major.
fn input_bits(col: &ArrayRef, ty: Type, name: &str) -> Result<Vec<u32>, String> {
    match ty {
        Type::Scalar(s) => scalar_bits(col.as_ref(), s, name),
        Type::Array(s, n) => {
            if col.null_count() > 0 {
                return Err(format!("column `{name}` has nulls"));
            }
            let list: &FixedSizeListArray = col
                .as_fixed_size_list_opt()
                .ok_or_else(|| format!("column `{name}` has type {}, expected a list of {n}", col.data_type()))?;
            if list.value_length() != n as i32 {
                return Err(format!("column `{name}` holds lists of {}, expected {n}", list.value_length()));
            }
            let need = list.len() * n as usize;
            if list.values().len() < need {
                return Err(format!("column `{name}` has {} elements for {} lists of {n}", list.values().len(), list.len()));
            }
            scalar_bits(list.values().slice(0, need).as_ref(), s, name)
        }
    }
}

/// Reads a `counterexamples.parquet` written by any vecrun with a schema version up to this one's.
pub fn read_counterexamples(path: &Path) -> Result<StoredRun> {
    let opened = open(path, KIND_COUNTEREXAMPLES)?;
    let corrupt = |detail: String| ParquetOutputError::Corrupt { path: path.to_path_buf(), detail };
    let manifest = manifest_of(path, &opened.kv)?;
    let sources: Vec<SourceEntry> = match opened.kv.get(keys::SOURCES) {
        Some(text) => serde_json::from_str(text).map_err(|e| corrupt(format!("`{}` is not a list of sources: {e}", keys::SOURCES)))?,
        None => return Err(corrupt(format!("no `{}` metadata", keys::SOURCES))),
    };
    let columns: Vec<InputColumns> = match opened.kv.get(keys::INPUTS) {
        Some(text) => serde_json::from_str(text).map_err(|e| corrupt(format!("`{}` is not a list of inputs: {e}", keys::INPUTS)))?,
        None => return Err(corrupt(format!("no `{}` metadata", keys::INPUTS))),
    };
    let mut inputs = Vec::with_capacity(columns.len());
    for c in &columns {
        let declared = parse_type(&c.ty).ok_or_else(|| corrupt(format!("input `{}` has unknown type `{}`", c.name, c.ty)))?;
        for col in [&c.column, &c.shrunk_column] {
            let field =
                opened.schema.field_with_name(col).map_err(|_| corrupt(format!("column `{col}` of input `{}` is missing", c.name)))?;
            let found = type_of_arrow(field.data_type());
            if found != Some(declared) {
                return Err(corrupt(format!("column `{col}` has type {}, but input `{}` is {}", field.data_type(), c.name, c.ty)));
            }
        }
        inputs.push((c.name.clone(), declared));
    }
    let slot_count: usize = inputs.iter().map(|(_, t): &(String, Type)| t.slots() as usize).sum();
    let mut rows = Vec::new();
    for batch in &opened.batches {
        let cols = Columns { batch };
        let n = batch.num_rows();
        let run_id = cols.required_strings("run_id").map_err(corrupt)?;
        let spec_hash = cols.required_strings("spec_hash").map_err(corrupt)?;
        let property = cols.required_strings("property").map_err(corrupt)?;
        let assert_index = cols.u32s("assert_index").map_err(corrupt)?;
        let assert_message = cols.required_strings("assert_message").map_err(corrupt)?;
        let location = cols.required_strings("location").map_err(corrupt)?;
        let reason = cols.required_strings("reason").map_err(corrupt)?;
        let phase = cols.required_strings("phase").map_err(corrupt)?;
        let seed = cols.u64s("seed").map_err(corrupt)?;
        let vector_index = cols.u64s("vector_index").map_err(corrupt)?;
        let outcome = cols.required_u32s("outcome").map_err(corrupt)?;
        let backend = cols.required_strings("backend").map_err(corrupt)?;
        let adapter = cols.required_strings("adapter").map_err(corrupt)?;
        let shrink_steps = cols.required_u32s("shrink_steps").map_err(corrupt)?;
        let mut original = vec![Vec::with_capacity(slot_count); n];
        let mut shrunk = vec![Vec::with_capacity(slot_count); n];
        for (c, (_, ty)) in columns.iter().zip(&inputs) {
            let k = ty.slots() as usize;
            for (col, out) in [(&c.column, &mut original), (&c.shrunk_column, &mut shrunk)] {
                let array = cols.get(col).map_err(corrupt)?;
                let bits = input_bits(array, *ty, col).map_err(corrupt)?;
                if bits.len() != n * k {
                    return Err(corrupt(format!("column `{col}` has {} values for {n} rows", bits.len())));
                }
                for (r, o) in out.iter_mut().enumerate() {
                    o.extend_from_slice(&bits[r * k..(r + 1) * k]);
                }
            }
        }
        for (r, (orig, shr)) in original.into_iter().zip(shrunk).enumerate() {
            let reason_value = Reason::parse(&reason[r]).ok_or_else(|| corrupt(format!("unknown reason `{}`", reason[r])))?;
            rows.push(StoredCounterexample {
                run_id: run_id[r].clone(),
                spec_hash: spec_hash[r].clone(),
                property: property[r].clone(),
                assert_index: assert_index[r],
                assert_message: assert_message[r].clone(),
                location: location[r].clone(),
                reason: reason_value,
                phase: phase[r].clone(),
                seed: seed[r],
                vector_index: vector_index[r],
                outcome: outcome[r],
                backend: backend[r].clone(),
                adapter: adapter[r].clone(),
                shrink_steps: shrink_steps[r],
                original: orig,
                shrunk: shr,
            });
        }
    }
    Ok(StoredRun {
        schema_version: opened.schema_version,
        manifest,
        sources: sources.into_iter().map(|s| (s.name, s.text)).collect(),
        inputs,
        rows,
    })
}

/// Reads a `summary.parquet`.
pub fn read_summary(path: &Path) -> Result<StoredSummary> {
    let opened = open(path, KIND_SUMMARY)?;
    let corrupt = |detail: String| ParquetOutputError::Corrupt { path: path.to_path_buf(), detail };
    let manifest = manifest_of(path, &opened.kv)?;
    let mut rows = Vec::new();
    for batch in &opened.batches {
        let cols = Columns { batch };
        let property = cols.required_strings("property").map_err(corrupt)?;
        let evaluated = cols.u64s("evaluated").map_err(corrupt)?;
        let passed = cols.u64s("passed").map_err(corrupt)?;
        let failed = cols.u64s("failed").map_err(corrupt)?;
        let discarded = cols.u64s("discarded").map_err(corrupt)?;
        let verdict = cols.required_strings("verdict").map_err(corrupt)?;
        let wall = cols.f64s("wall_seconds").map_err(corrupt)?;
        let rate = cols.f64s("vectors_per_second").map_err(corrupt)?;
        let labels_col = cols.get("cover_labels").map_err(corrupt)?;
        let labels =
            labels_col.as_list_opt::<i32>().ok_or_else(|| corrupt(format!("column `cover_labels` has type {}", labels_col.data_type())))?;
        let hits_col = cols.get("cover_hits").map_err(corrupt)?;
        let hits =
            hits_col.as_list_opt::<i32>().ok_or_else(|| corrupt(format!("column `cover_hits` has type {}", hits_col.data_type())))?;
        for r in 0..batch.num_rows() {
            let l = labels.value(r);
            let l = l.as_string_opt::<i32>().ok_or_else(|| corrupt("column `cover_labels` does not hold text".into()))?;
            let h = hits.value(r);
            let h = h.as_primitive_opt::<UInt64Type>().ok_or_else(|| corrupt("column `cover_hits` does not hold UInt64".into()))?;
            rows.push(SummaryRow {
                property: property[r].clone(),
                evaluated: evaluated[r],
                passed: passed[r],
                failed: failed[r],
                discarded: discarded[r],
                cover_labels: l.iter().map(|v| v.unwrap_or_default().to_string()).collect(),
                cover_hits: h.iter().map(|v| v.unwrap_or(0)).collect(),
                verdict: verdict[r].clone(),
                wall_seconds: wall[r],
                vectors_per_second: rate[r],
            });
        }
    }
    Ok(StoredSummary { schema_version: opened.schema_version, manifest, rows })
}

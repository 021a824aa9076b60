//! The Parquet files of a run: the counterexample table (one row per counterexample, one typed
//! column per input for the original and for the shrunk values) and the summary table (one row per
//! property), each in its own folder of the output directory ([`Table`], [`table_path`]:
//! `DIR/counterexamples/part-0.parquet`, `DIR/summary/part-0.parquet`; [`find_table`] also finds the
//! layout 1 `DIR/counterexamples.parquet`), their key-value metadata, and readers that refuse, with a typed error, any file they
//! do not understand. The schema is documented (and versioned) in `docs/output.md`.
//!
//! Crash safety: the counterexample file is written progressively under a temporary name in the
//! same directory (one row group per [`CounterexampleWriter::write`]) and renamed to its final name
//! only once the footer is written and synced, so the final path never holds a half file
//! ([`super::atomic`]: the same rules as every file vecrun writes).
//!
//! Trust: every file carries a blake3 checksum of the rows (a canonical encoding of the decoded
//! values) and of the vecrun metadata (`vecrun.checksum`); the readers recompute it, so a damaged
//! file is reported as damaged rather than read as different data. Reads are bounded: metadata,
//! text values, rows and input values have documented limits ([`limits`]), text columns are decoded
//! through their dictionary (a long message repeated on many rows is held once), and rows are
//! decoded one bounded batch at a time.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder, UInt64Builder};
use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int32Type, UInt32Type, UInt64Type};
use arrow_array::{Array, ArrayRef, FixedSizeListArray, Float64Array, RecordBatch, StringArray, UInt32Array, UInt64Array};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::{ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::arrow::arrow_writer::ArrowWriterOptions;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use serde::{Deserialize, Serialize};

use super::atomic::{StagedFile, WriteError};
use super::model::{Counterexample, Manifest, Reason, SCHEMA_VERSION};
use crate::check::Type;
use crate::diag::SourceMap;
use crate::ir::Program;
use crate::sem::ScalarType;

/// File name of the counterexample table directly in an output directory: layout 1 (schema
/// version 3 and older, and `vecrun equiv`'s per-function directories until it wrote through
/// [`crate::output::write_run`]). Runs, merges and equiv now write [`table_path`]; readers still
/// accept this name ([`find_table`]).
pub const COUNTEREXAMPLES_FILE: &str = "counterexamples.parquet";
/// File name of the per-property summary table directly in an output directory (layout 1; see
/// [`COUNTEREXAMPLES_FILE`]).
pub const SUMMARY_FILE: &str = "summary.parquet";
/// The file of a table inside its folder (layout 2): `DIR/<table>/part-0.parquet`.
pub const PART_FILE: &str = "part-0.parquet";

/// The two tables of an output directory. From schema version 4 on (layout 2) each lives in its
/// own folder, `DIR/counterexamples/` and `DIR/summary/`, so that the table is part of every path
/// and `**/counterexamples/*.parquet` reads one table over any tree of runs, shards and merges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Counterexamples,
    Summary,
}

impl Table {
    /// The folder of the table in an output directory (also its `vecrun.kind`).
    pub fn folder(self) -> &'static str {
        match self {
            Table::Counterexamples => KIND_COUNTEREXAMPLES,
            Table::Summary => KIND_SUMMARY,
        }
    }

    /// The layout 1 file name ([`COUNTEREXAMPLES_FILE`], [`SUMMARY_FILE`]).
    pub fn legacy_file(self) -> &'static str {
        match self {
            Table::Counterexamples => COUNTEREXAMPLES_FILE,
            Table::Summary => SUMMARY_FILE,
        }
    }
}

/// Where a run or merge writes `table` in its output directory: `dir/<table>/part-0.parquet`.
pub fn table_path(dir: &Path, table: Table) -> PathBuf {
    dir.join(table.folder()).join(PART_FILE)
}

/// Creates the folder of `table` in the output directory `dir` (which must exist: only the one
/// folder is created) and returns [`table_path`]. An existing directory is kept; anything else
/// at the folder's name (a file, a link to a file) is an error naming it.
pub fn prepare_table(dir: &Path, table: Table) -> Result<PathBuf, WriteError> {
    let folder = dir.join(table.folder());
    match std::fs::create_dir(&folder) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && folder.is_dir() => {}
        Err(source) => return Err(WriteError::Io { action: "create the table folder", path: folder, source }),
    }
    Ok(table_path(dir, table))
}

/// The output directory a table file belongs to: `DIR` for `DIR/<table>/part-*.parquet` (layout 2),
/// else the file's own directory (layout 1 `DIR/counterexamples.parquet`, or a file elsewhere).
pub fn output_dir_of(file: &Path, table: Table) -> PathBuf {
    let parent = file.parent().unwrap_or(Path::new(""));
    let in_folder = parent.file_name().is_some_and(|n| n == table.folder())
        && file.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("part-") && n.ends_with(".parquet"));
    match parent.parent() {
        Some(dir) if in_folder => dir.to_path_buf(),
        _ => parent.to_path_buf(),
    }
}

/// What a command given `path` for `table` reads: `path` itself when it is not a directory, else
/// the table in that output directory ([`find_table`]); `None` for a directory that holds neither
/// layout's file.
pub fn resolve_table(path: &Path, table: Table) -> Option<PathBuf> {
    if path.is_dir() { find_table(path, table) } else { Some(path.to_path_buf()) }
}

/// The file of `table` in the output directory `dir`: `dir/<table>/part-0.parquet` (layout 2)
/// when it exists, else the layout 1 `dir/counterexamples.parquet` / `dir/summary.parquet`
/// when that exists, else `None`. A directory that holds both (a layout 1 run resumed by a
/// newer vecrun) reads the newer, layout 2 file.
pub fn find_table(dir: &Path, table: Table) -> Option<PathBuf> {
    let new = table_path(dir, table);
    if new.exists() {
        return Some(new);
    }
    let old = dir.join(table.legacy_file());
    old.exists().then_some(old)
}

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
    /// Hex blake3 of the rows (canonical encoding of the decoded values) and the metadata above
    /// (schema version 2 on; see `docs/output.md`).
    pub const CHECKSUM: &str = "vecrun.checksum";
}

/// The most a reader takes from a stored file; a file over a limit is refused with
/// [`ParquetOutputError::TooLarge`], so memory stays bounded whatever the file holds.
pub mod limits {
    /// The Parquet footer (schema and key-value metadata together).
    pub const FOOTER_BYTES: u64 = 96 << 20;
    /// The `vecrun.manifest` value.
    pub const MANIFEST_BYTES: usize = 1 << 20;
    /// The `vecrun.inputs` value.
    pub const INPUTS_BYTES: usize = 1 << 20;
    /// The `vecrun.sources` value (every stored spec file together, JSON-escaped).
    pub const SOURCES_BYTES: usize = 64 << 20;
    /// One stored text value (a property name, message, location, phase, cover label ...).
    pub const TEXT_BYTES: usize = 64 << 10;
    /// All text values of a file together, as decoded.
    pub const TOTAL_TEXT_BYTES: usize = 256 << 20;
    /// Rows of a file.
    pub const ROWS: u64 = 1 << 20;
    /// Input values (original and shrunk slots over all rows) of a counterexample file.
    pub const INPUT_VALUES: u64 = 1 << 27;
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

/// The columns of `summary.parquet`, in order (the last four from schema version 3 on).
pub const SUMMARY_COLUMNS: [&str; 18] = [
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
    "fails_by_assert",
    "out_of_bounds",
    "discards_by_assume",
    "counterexamples_kept",
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
    #[error("`{}` is damaged: {detail}", path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error("`{}` holds {what} larger than {limit}, the most vecrun reads (see docs/output.md)", path.display())]
    TooLarge { path: PathBuf, what: String, limit: u64 },
    #[error(transparent)]
    Read(crate::fsio::ReadError),
    #[error(transparent)]
    Create(#[from] WriteError),
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
    /// The property whose own input this is (`property p(x: u32)`): its columns are null on the
    /// other properties' rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
}

/// Parses a type written the way [`Type`]'s `Display` writes it (`u32`, `[i32; 16]`). Array
/// lengths are 1 to [`crate::check::MAX_ARRAY_LEN`], as in a spec.
pub fn parse_type(text: &str) -> Option<Type> {
    let t = text.trim();
    if let Some(inner) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        let (elem, n) = inner.split_once(';')?;
        let n: u32 = n.trim().parse().ok()?;
        if n == 0 || i64::from(n) > crate::check::MAX_ARRAY_LEN {
            return None;
        }
        return Some(Type::Array(parse_scalar(elem.trim())?, n));
    }
    parse_scalar(t).map(Type::Scalar)
}

fn parse_scalar(text: &str) -> Option<ScalarType> {
    ScalarType::from_name(text)
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
        .map(|((name, ty), (column, shrunk_column))| InputColumns {
            name: name.clone(),
            ty: ty.to_string(),
            column,
            shrunk_column,
            owner: None,
        })
        .collect()
}

pub use super::arrow::{arrow_type, type_of as type_of_arrow};

/// The schema of `counterexamples.parquet` for these input columns and extern fns.
/// `array` without its validity (and its items' for a list), with non-nullable items: what is under a
/// null is read as whatever the file holds there (the caller sets those rows to 0).
fn without_nulls(array: &ArrayRef) -> std::result::Result<ArrayRef, ArrowError> {
    let data = array.to_data();
    let data = match data.data_type() {
        DataType::FixedSizeList(f, n) => {
            let child = data.child_data()[0].clone().into_builder().nulls(None).build()?;
            let dt = DataType::FixedSizeList(Arc::new(f.as_ref().clone().with_nullable(false)), *n);
            data.into_builder().data_type(dt).child_data(vec![child]).nulls(None).build()?
        }
        _ => data.into_builder().nulls(None).build()?,
    };
    Ok(arrow_array::make_array(data))
}

/// `dt` with nullable items when it is a list (a nullable column of lists: a Parquet reader gives
/// null items under a null list).
fn nullable_items(dt: DataType) -> DataType {
    match dt {
        DataType::FixedSizeList(f, n) => DataType::FixedSizeList(Arc::new(f.as_ref().clone().with_nullable(true)), n),
        other => other,
    }
}

fn counterexample_schema(inputs: &[(InputColumns, Type)], externs: &[(String, Type)]) -> SchemaRef {
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
    // A property's own input is null on other properties' rows; a list of them, with nullable items
    // (what a Parquet reader gives under a null list).
    let input_type = |c: &InputColumns, ty: Type| if c.owner.is_some() { nullable_items(arrow_type(ty)) } else { arrow_type(ty) };
    for (c, ty) in inputs {
        fields.push(Field::new(c.column.clone(), input_type(c, *ty), c.owner.is_some()));
    }
    for (c, ty) in inputs {
        fields.push(Field::new(c.shrunk_column.clone(), input_type(c, *ty), c.owner.is_some()));
    }
    for (name, ty) in externs {
        fields.push(Field::new(implementation_column(name), arrow_type(*ty), true));
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
        Field::new("fails_by_assert", DataType::List(Arc::new(Field::new_list_field(DataType::UInt64, true))), true),
        Field::new("out_of_bounds", DataType::UInt64, true),
        Field::new("discards_by_assume", DataType::List(Arc::new(Field::new_list_field(DataType::UInt64, true))), true),
        Field::new("counterexamples_kept", DataType::UInt64, true),
    ]))
}

/// Writer options: the Arrow schema is not embedded when the writer starts (its metadata is not
/// final yet); [`finish_metadata`] embeds it, with the vecrun metadata, when the file is finished.
fn writer_options() -> ArrowWriterOptions {
    ArrowWriterOptions::new().with_properties(writer_properties()).with_skip_arrow_metadata(true)
}

/// Appends the vecrun key-value metadata (and its checksum) to a file being finished, and the
/// Arrow schema carrying the same keys as schema metadata, so Arrow readers (pyarrow's
/// `schema.metadata`) see them too.
fn finish_metadata<W: std::io::Write + Send>(writer: &mut ArrowWriter<W>, schema: &Schema, metadata: &[(&str, &str)], checksum: String) {
    let mut map: HashMap<String, String> = metadata.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    map.insert(keys::CHECKSUM.into(), checksum.clone());
    // pandas' own key, holding nothing but `attributes`: `to_pandas()` puts them in `DataFrame.attrs`.
    let attributes: serde_json::Map<String, serde_json::Value> =
        map.iter().map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect();
    let pandas = serde_json::json!({ "index_columns": [], "column_indexes": [], "columns": [], "attributes": attributes });
    map.insert(PANDAS_KEY.into(), pandas.to_string());
    let with_metadata = schema.clone().with_metadata(map);
    for (k, v) in metadata {
        writer.append_key_value_metadata(KeyValue::new(k.to_string(), v.to_string()));
    }
    writer.append_key_value_metadata(KeyValue::new(keys::CHECKSUM.into(), checksum));
    writer.append_key_value_metadata(KeyValue::new(ARROW_SCHEMA_KEY.into(), parquet::arrow::encode_arrow_schema(&with_metadata)));
}

/// Where Arrow writers keep the Arrow schema in a Parquet file's key-value metadata.
const ARROW_SCHEMA_KEY: &str = "ARROW:schema";
/// The Arrow schema metadata key pyarrow reads pandas' metadata (and `DataFrame.attrs`) from.
const PANDAS_KEY: &str = "pandas";

pub(crate) fn writer_properties() -> WriterProperties {
    WriterProperties::builder().set_compression(Compression::SNAPPY).build()
}

/// An input's column over rows: `rows[r][first .. first + ty.slots()]`.
pub(crate) fn input_array(ty: Type, first: usize, rows: &[&[u32]]) -> Result<ArrayRef, ArrowError> {
    let n = ty.slots() as usize;
    let mut bits = Vec::with_capacity(rows.len() * n);
    for r in rows {
        bits.extend_from_slice(&r[first..first + n]);
    }
    super::arrow::typed_array(ty, bits, None)
}

// ---------------------------------------------------------------------------------------------
// Checksums

/// A blake3 hasher over a canonical, unambiguous encoding (length-prefixed text, little-endian
/// numbers, tagged options) of decoded values: what the writer stored and the reader decoded
/// hash the same exactly when the values are the same.
#[derive(Clone)]
struct Canon(blake3::Hasher);

impl Canon {
    fn new(domain: &str) -> Canon {
        let mut c = Canon(blake3::Hasher::new());
        c.text(domain);
        c
    }
    fn bytes(&mut self, b: &[u8]) {
        self.0.update(&(b.len() as u64).to_le_bytes());
        self.0.update(b);
    }
    fn text(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    fn opt_text(&mut self, s: Option<&str>) {
        match s {
            None => {
                self.0.update(&[0]);
            }
            Some(s) => {
                self.0.update(&[1]);
                self.text(s);
            }
        }
    }
    fn u32(&mut self, v: u32) {
        self.0.update(&v.to_le_bytes());
    }
    fn opt_u32(&mut self, v: Option<u32>) {
        match v {
            None => {
                self.0.update(&[0]);
            }
            Some(v) => {
                self.0.update(&[1]);
                self.u32(v);
            }
        }
    }
    fn u64(&mut self, v: u64) {
        self.0.update(&v.to_le_bytes());
    }
    fn values(&mut self, v: &[u32]) {
        self.u64(v.len() as u64);
        for x in v {
            self.u32(*x);
        }
    }
}

/// One counterexample row as stored (input values in input order, bools as 0/1).
struct CounterexampleRowRef<'a> {
    run_id: &'a str,
    spec_name: &'a str,
    spec_version: Option<&'a str>,
    spec_hash: &'a str,
    generator_version: u32,
    property: &'a str,
    assert_index: Option<u32>,
    assert_message: &'a str,
    reason: &'a str,
    phase: &'a str,
    seed: u64,
    vector_index: u64,
    backend: &'a str,
    adapter: &'a str,
    shrink_steps: u32,
    location: &'a str,
    outcome: u32,
    original: &'a [u32],
    shrunk: &'a [u32],
    /// One entry per implementation column (none in files without extern fns).
    implementation: &'a [Option<Vec<u32>>],
}

impl CounterexampleRowRef<'_> {
    fn hash(&self, h: &mut Canon) {
        for t in [self.run_id, self.spec_name] {
            h.text(t);
        }
        h.opt_text(self.spec_version);
        h.text(self.spec_hash);
        h.u32(self.generator_version);
        h.text(self.property);
        h.opt_u32(self.assert_index);
        for t in [self.assert_message, self.reason, self.phase] {
            h.text(t);
        }
        h.u64(self.seed);
        h.u64(self.vector_index);
        h.text(self.backend);
        h.text(self.adapter);
        h.u32(self.shrink_steps);
        h.text(self.location);
        h.u32(self.outcome);
        h.values(self.original);
        h.values(self.shrunk);
        // Hashed only when present, so files without implementation columns hash as before.
        for v in self.implementation {
            match v {
                None => h.u32(0),
                Some(bits) => {
                    h.u32(1);
                    h.values(bits);
                }
            }
        }
    }
}

/// An implementation result as stored: bools as 0/1, `None` for a missing one or one of the wrong length.
fn stored_result(ty: &Type, v: Option<&Option<Vec<u32>>>) -> Option<Vec<u32>> {
    let bits = v.cloned().flatten().filter(|b| b.len() == ty.slots() as usize)?;
    Some(if ty.elem() == ScalarType::Bool { bits.into_iter().map(|b| (b != 0) as u32).collect() } else { bits })
}

/// The column of extern fn `name`'s results in `counterexamples.parquet`.
pub fn implementation_column(name: &str) -> String {
    format!("{IMPLEMENTATION_PREFIX}{name}")
}

/// Columns named `impl.NAME` hold what extern fn `NAME`'s implementation returned.
pub const IMPLEMENTATION_PREFIX: &str = "impl.";

/// A nullable column of implementation results of type `ty`, one entry per row.
pub(crate) fn nullable_array(ty: Type, rows: &[Option<&Vec<u32>>]) -> ArrayRef {
    let n = ty.slots() as usize;
    let bits: Vec<u32> = rows.iter().flat_map(|r| (0..n).map(move |k| r.and_then(|b| b.get(k).copied()).unwrap_or(0))).collect();
    let nulls = arrow_buffer::NullBuffer::from(rows.iter().map(|r| r.is_some()).collect::<Vec<bool>>());
    super::arrow::typed_array(ty, bits, Some(nulls)).expect("one row of ty.slots() values per validity bit")
}

/// One summary row as stored.
struct SummaryRowRef<'a> {
    run_id: &'a str,
    spec_name: &'a str,
    spec_version: Option<&'a str>,
    spec_hash: &'a str,
    row: &'a SummaryRow,
    /// The detailed counts, hashed from schema version 3 on (`None`: not hashed, a version 1 or 2 row).
    counts: Option<Option<&'a SummaryCounts>>,
}

impl SummaryRowRef<'_> {
    fn hash(&self, h: &mut Canon) {
        h.text(self.run_id);
        h.text(self.spec_name);
        h.opt_text(self.spec_version);
        h.text(self.spec_hash);
        let r = self.row;
        h.text(&r.property);
        for v in [r.evaluated, r.passed, r.failed, r.discarded] {
            h.u64(v);
        }
        h.u64(r.cover_labels.len() as u64);
        for l in &r.cover_labels {
            h.text(l);
        }
        h.u64(r.cover_hits.len() as u64);
        for v in &r.cover_hits {
            h.u64(*v);
        }
        h.text(&r.verdict);
        h.u64(r.wall_seconds.to_bits());
        h.u64(r.vectors_per_second.to_bits());
        match self.counts {
            None => {}
            Some(None) => {
                h.0.update(&[0]);
            }
            Some(Some(c)) => {
                h.0.update(&[1]);
                for list in [&c.fails_by_assert, &c.discards_by_assume] {
                    h.u64(list.len() as u64);
                    for v in list {
                        h.u64(*v);
                    }
                }
                h.u64(c.out_of_bounds);
                h.u64(c.counterexamples_kept);
            }
        }
    }
}

/// The metadata keys a file's checksum covers, in order, besides the rows.
fn checksummed_keys(kind: &str) -> &'static [&'static str] {
    if kind == KIND_COUNTEREXAMPLES {
        &[keys::SCHEMA_VERSION, keys::KIND, keys::MANIFEST, keys::SOURCES, keys::INPUTS]
    } else {
        &[keys::SCHEMA_VERSION, keys::KIND, keys::MANIFEST]
    }
}

/// The `vecrun.checksum` value: hex blake3 over the covered metadata (`value(key)`, absent as
/// none), the row count and the rows' hash.
fn checksum<'a>(kind: &str, value: impl Fn(&str) -> Option<&'a str>, rows: u64, rows_hash: blake3::Hash) -> String {
    let mut h = Canon::new("vecrun.checksum v1");
    for key in checksummed_keys(kind) {
        h.text(key);
        h.opt_text(value(key));
    }
    h.u64(rows);
    h.bytes(rows_hash.as_bytes());
    h.0.finalize().to_hex().to_string()
}

fn rows_hasher() -> Canon {
    Canon::new("vecrun.rows v1")
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
    writer: Option<ArrowWriter<File>>,
    /// The temporary file and where it goes; dropped unfinished, it deletes the temporary file.
    staged: Option<StagedFile>,
    tmp: PathBuf,
    /// Hash of the rows written so far (see [`checksum`]).
    rows_hash: Canon,
    schema: SchemaRef,
    inputs: Vec<InputLayout>,
    /// The extern fns whose results are stored, in order (`impl.NAME` columns).
    externs: Vec<(String, Type)>,
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
            .map(|(i, columns)| InputLayout {
                columns: InputColumns { owner: i.owner.clone(), ..columns },
                ty: i.ty,
                first_slot: i.first_slot as usize,
            })
            .collect();
        let externs = program.externs.iter().map(|e| (e.name.clone(), e.ret)).collect();
        Self::create_with_layout(path, inputs, externs, program.slots.len(), manifest, sources)
    }

    /// Starts a counterexample file for vectors laid out as stored ones are ([`StoredRun::inputs`]:
    /// each input's values contiguous, in this order): for rows read back from other files (`vecrun merge`).
    pub fn create_stored(
        path: &Path,
        inputs: &[(String, Type)],
        owners: &[Option<String>],
        externs: &[(String, Type)],
        manifest: &Manifest,
        sources: &[(String, String)],
    ) -> Result<CounterexampleWriter> {
        let mut first_slot = 0usize;
        let layout: Vec<InputLayout> = inputs
            .iter()
            .zip(input_columns(inputs))
            .enumerate()
            .map(|(k, ((_, ty), columns))| {
                let owner = owners.get(k).cloned().flatten();
                let l = InputLayout { columns: InputColumns { owner, ..columns }, ty: *ty, first_slot };
                first_slot += ty.slots() as usize;
                l
            })
            .collect();
        Self::create_with_layout(path, layout, externs.to_vec(), first_slot, manifest, sources)
    }

    fn create_with_layout(
        path: &Path,
        inputs: Vec<InputLayout>,
        externs: Vec<(String, Type)>,
        slots: usize,
        manifest: &Manifest,
        sources: &[(String, String)],
    ) -> Result<CounterexampleWriter> {
        if let Some(bad) = inputs.iter().find(|i| i.first_slot + i.ty.slots() as usize > slots) {
            return Err(ParquetOutputError::Write {
                path: path.to_path_buf(),
                detail: format!("input `{}` lies outside the program's {slots} slots", bad.columns.name),
            });
        }
        let schema = counterexample_schema(&inputs.iter().map(|i| (i.columns.clone(), i.ty)).collect::<Vec<_>>(), &externs);
        let sources_json = sources_json(sources);
        let inputs_json = serde_json::to_string(&inputs.iter().map(|i| &i.columns).collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into());
        // The directory must exist (a run creates its own output directory; a user-named one is never created).
        let (staged, file) = StagedFile::create(path)?;
        let writer = ArrowWriter::try_new_with_options(file, schema.clone(), writer_options())
            .map_err(|e| ParquetOutputError::Write { path: path.to_path_buf(), detail: e.to_string() })?;
        Ok(CounterexampleWriter {
            path: path.to_path_buf(),
            writer: Some(writer),
            tmp: staged.temp_path().to_path_buf(),
            staged: Some(staged),
            rows_hash: rows_hasher(),
            schema,
            inputs,
            externs,
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
        let batch =
            self.batch(counterexamples).map_err(|e| ParquetOutputError::Write { path: self.path.clone(), detail: e.to_string() })?;
        let mut rows_hash = self.rows_hash.clone();
        for c in counterexamples {
            self.row_ref(c, &mut |row| row.hash(&mut rows_hash));
        }
        let path = self.path.clone();
        let writer =
            self.writer.as_mut().ok_or_else(|| ParquetOutputError::Write { path: path.clone(), detail: "the writer is closed".into() })?;
        let fail = |e: parquet::errors::ParquetError| ParquetOutputError::Write { path: path.clone(), detail: e.to_string() };
        writer.write(&batch).map_err(fail)?;
        writer.flush().map_err(fail)?;
        writer.sync().map_err(|source| ParquetOutputError::Io { action: "write", path: self.tmp.clone(), source })?;
        self.rows += counterexamples.len() as u64;
        self.rows_hash = rows_hash;
        Ok(())
    }

    /// The row `c` becomes once stored: input values in input order, bools as 0/1, the original
    /// values as the shrunk ones when it was not shrunk.
    fn row_ref(&self, c: &Counterexample, f: &mut dyn FnMut(&CounterexampleRowRef<'_>)) {
        let stored = |slots: &[u32]| -> Vec<u32> {
            let mut out = Vec::with_capacity(self.slots);
            for i in &self.inputs {
                let n = i.ty.slots() as usize;
                let end = (i.first_slot + n).min(slots.len());
                let values = &slots[i.first_slot.min(end)..end];
                if i.columns.owner.as_ref().is_some_and(|o| *o != c.property) {
                    // Another property's own input: null in the table, 0 in the row.
                    out.extend(std::iter::repeat_n(0, values.len()));
                } else if i.ty.elem() == ScalarType::Bool {
                    out.extend(values.iter().map(|b| (*b != 0) as u32));
                } else {
                    out.extend_from_slice(values);
                }
            }
            out
        };
        let original = stored(&c.original);
        let shrunk = if c.shrunk.is_empty() { original.clone() } else { stored(&c.shrunk) };
        let implementation: Vec<Option<Vec<u32>>> =
            (0..self.externs.len()).map(|e| stored_result(&self.externs[e].1, c.implementation.get(e))).collect();
        let k = &self.constants;
        f(&CounterexampleRowRef {
            run_id: &k.run_id,
            spec_name: &k.spec_name,
            spec_version: k.spec_version.as_deref(),
            spec_hash: &k.spec_hash,
            generator_version: k.generator_version,
            property: &c.property,
            assert_index: c.assert_index,
            assert_message: &c.assert_message,
            reason: c.reason.name(),
            phase: c.phase.name(),
            seed: k.seed,
            vector_index: c.vector_index,
            backend: &k.backend,
            adapter: &k.adapter,
            shrink_steps: c.shrink_steps,
            location: &c.location,
            outcome: c.outcome,
            original: &original,
            shrunk: &shrunk,
            implementation: &implementation,
        });
    }

    fn batch(&self, cs: &[Counterexample]) -> Result<RecordBatch, ArrowError> {
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
            strings(&|c| c.phase.name()),
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
        // A property's own input is null on the other properties' rows.
        let own = |i: &InputLayout, array: ArrayRef| -> std::result::Result<ArrayRef, ArrowError> {
            match &i.columns.owner {
                None => Ok(array),
                Some(owner) => {
                    let valid = arrow_buffer::NullBuffer::from(cs.iter().map(|c| &c.property == owner).collect::<Vec<bool>>());
                    let dt = nullable_items(array.data_type().clone());
                    Ok(arrow_array::make_array(array.to_data().into_builder().data_type(dt).nulls(Some(valid)).build()?))
                }
            }
        };
        for i in &self.inputs {
            columns.push(own(i, input_array(i.ty, i.first_slot, &originals)?)?);
        }
        for i in &self.inputs {
            columns.push(own(i, input_array(i.ty, i.first_slot, &shrunk)?)?);
        }
        for (e, (_, ty)) in self.externs.iter().enumerate() {
            let stored: Vec<Option<Vec<u32>>> = cs.iter().map(|c| stored_result(ty, c.implementation.get(e))).collect();
            columns.push(nullable_array(*ty, &stored.iter().map(Option::as_ref).collect::<Vec<_>>()));
        }
        RecordBatch::try_new(self.schema.clone(), columns)
    }

    /// Writes the footer with the final `manifest`, syncs, and renames the file to its final path.
    /// Returns the number of rows.
    pub fn finish(mut self, manifest: &Manifest) -> Result<u64> {
        let path = self.path.clone();
        let mut writer =
            self.writer.take().ok_or_else(|| ParquetOutputError::Write { path: path.clone(), detail: "the writer is closed".into() })?;
        let manifest_json =
            serde_json::to_string(manifest).map_err(|e| ParquetOutputError::Write { path: path.clone(), detail: e.to_string() })?;
        let version = SCHEMA_VERSION.to_string();
        let sources_json = std::mem::take(&mut self.sources_json);
        let inputs_json = std::mem::take(&mut self.inputs_json);
        let metadata: [(&str, &str); 5] = [
            (keys::SCHEMA_VERSION, &version),
            (keys::KIND, KIND_COUNTEREXAMPLES),
            (keys::MANIFEST, &manifest_json),
            (keys::SOURCES, &sources_json),
            (keys::INPUTS, &inputs_json),
        ];
        let rows_hash = std::mem::replace(&mut self.rows_hash, rows_hasher()).0.finalize();
        let sum = checksum(KIND_COUNTEREXAMPLES, |k| metadata.iter().find(|(key, _)| *key == k).map(|(_, v)| *v), self.rows, rows_hash);
        finish_metadata(&mut writer, &self.schema, &metadata, sum);
        let file = writer.into_inner().map_err(|e| ParquetOutputError::Write { path: path.clone(), detail: e.to_string() })?;
        let staged =
            self.staged.take().ok_or_else(|| ParquetOutputError::Write { path: path.clone(), detail: "the writer is closed".into() })?;
        staged.commit(file)?;
        Ok(self.rows)
    }
}

impl Drop for CounterexampleWriter {
    fn drop(&mut self) {
        // Close the file before the staged file deletes it (when unfinished).
        drop(self.writer.take());
        drop(self.staged.take());
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

/// The detailed counts of one `summary.parquet` row (schema version 3 on): where the failures and
/// discards come from, and how many failing vectors were kept as counterexample rows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryCounts {
    /// Failures per assert, in declaration order.
    pub fails_by_assert: Vec<u64>,
    /// Failures by an out-of-bounds index (all sites).
    pub out_of_bounds: u64,
    /// Discards per assume, in declaration order.
    pub discards_by_assume: Vec<u64>,
    /// Failing vectors kept (as rows of `counterexamples.parquet`, at most the run's capacity);
    /// `failed` counts them all.
    pub counterexamples_kept: u64,
}

/// Writes `summary.parquet` (atomically: temporary name, sync, rename), without the detailed
/// counts (their columns are null).
pub fn write_summary(path: &Path, manifest: &Manifest, rows: &[SummaryRow]) -> Result<()> {
    write_summary_with_counts(path, manifest, rows, &vec![None; rows.len()])
}

/// Writes `summary.parquet` with the detailed counts of each row (`counts[i]` for `rows[i]`;
/// `None` leaves that row's count columns null).
pub fn write_summary_with_counts(path: &Path, manifest: &Manifest, rows: &[SummaryRow], counts: &[Option<SummaryCounts>]) -> Result<()> {
    let werr = |detail: String| ParquetOutputError::Write { path: path.to_path_buf(), detail };
    if counts.len() != rows.len() {
        return Err(werr(format!("{} rows of counts for {} summary rows", counts.len(), rows.len())));
    }
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
    let mut by_assert = ListBuilder::new(UInt64Builder::new());
    let mut by_assume = ListBuilder::new(UInt64Builder::new());
    for c in counts {
        match c {
            Some(c) => {
                by_assert.values().append_slice(&c.fails_by_assert);
                by_assert.append(true);
                by_assume.values().append_slice(&c.discards_by_assume);
                by_assume.append(true);
            }
            None => {
                by_assert.append(false);
                by_assume.append(false);
            }
        }
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
        Arc::new(by_assert.finish()),
        Arc::new(UInt64Array::from(counts.iter().map(|c| c.as_ref().map(|c| c.out_of_bounds)).collect::<Vec<_>>())),
        Arc::new(by_assume.finish()),
        Arc::new(UInt64Array::from(counts.iter().map(|c| c.as_ref().map(|c| c.counterexamples_kept)).collect::<Vec<_>>())),
    ];
    let batch = RecordBatch::try_new(schema.clone(), columns).map_err(|e| werr(e.to_string()))?;
    let manifest_json = serde_json::to_string(manifest).map_err(|e| werr(e.to_string()))?;
    let mut writer = ArrowWriter::try_new_with_options(Vec::new(), schema, writer_options()).map_err(|e| werr(e.to_string()))?;
    writer.write(&batch).map_err(|e| werr(e.to_string()))?;
    let mut rows_hash = rows_hasher();
    for (row, counts) in rows.iter().zip(counts) {
        SummaryRowRef {
            run_id: &manifest.run_id,
            spec_name: &manifest.spec_name,
            spec_version: manifest.spec_version.as_deref(),
            spec_hash: &manifest.spec_hash,
            row,
            counts: Some(counts.as_ref()),
        }
        .hash(&mut rows_hash);
    }
    let version = SCHEMA_VERSION.to_string();
    let metadata: [(&str, &str); 3] = [(keys::SCHEMA_VERSION, &version), (keys::KIND, KIND_SUMMARY), (keys::MANIFEST, &manifest_json)];
    let sum = checksum(KIND_SUMMARY, |k| metadata.iter().find(|(key, _)| *key == k).map(|(_, v)| *v), n as u64, rows_hash.0.finalize());
    finish_metadata(&mut writer, &summary_schema(), &metadata, sum);
    let bytes = writer.into_inner().map_err(|e| werr(e.to_string()))?;
    super::atomic::write_file(path, &bytes)?;
    Ok(())
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
    pub phase: crate::output::model::Source,
    pub seed: u64,
    pub vector_index: u64,
    pub outcome: u32,
    pub backend: String,
    pub adapter: String,
    pub shrink_steps: u32,
    pub original: Vec<u32>,
    pub shrunk: Vec<u32>,
    /// What each extern fn of [`StoredRun::externs`] returned on the shrunk vector (see
    /// [`Counterexample::implementation`]).
    pub implementation: Vec<Option<Vec<u32>>>,
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
    /// The property owning each input of `inputs` (`None`: spec-wide).
    pub input_owners: Vec<Option<String>>,
    /// The extern fns whose results the file stores (`impl.NAME` columns), with their types.
    pub externs: Vec<(String, Type)>,
    pub rows: Vec<StoredCounterexample>,
    /// Whether the file's checksum was verified (files of schema version 1 have none).
    pub checksum: ChecksumStatus,
}

/// Whether a file read back was checked against its `vecrun.checksum`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChecksumStatus {
    /// The checksum matched: the rows and metadata are what vecrun wrote.
    Verified,
    /// A file of schema version 1, written before checksums: damage cannot be detected.
    Absent,
}

impl ChecksumStatus {
    /// The warning a command prints for a file read with this status, if any.
    pub fn warning(self, path: &Path) -> Option<String> {
        match self {
            ChecksumStatus::Verified => None,
            ChecksumStatus::Absent => Some(format!(
                "`{}` has output schema version 1, which has no checksum: damage to it cannot be detected",
                crate::fsio::printable(&path.display().to_string())
            )),
        }
    }
}

/// Whether property `property` reads input `k` of a stored table whose inputs have `owners`: a
/// spec-wide input (no owner, or none recorded), or one of its own.
pub fn reads_input(owners: &[Option<String>], k: usize, property: &str) -> bool {
    owners.get(k).and_then(Option::as_deref).is_none_or(|o| o == property)
}

impl StoredRun {
    /// The inputs property `property` reads (the spec-wide ones and its own) and its rows with
    /// only those inputs' values: what to show of its counterexamples.
    pub fn project(&self, property: &str) -> (Vec<(String, Type)>, Vec<StoredCounterexample>) {
        let inputs = self.inputs_of(property);
        let values = |slots: &[u32]| self.own_values(property, slots);
        let rows = self
            .rows
            .iter()
            .filter(|r| r.property == property)
            .map(|r| StoredCounterexample { original: values(&r.original), shrunk: values(&r.shrunk), ..r.clone() })
            .collect();
        (inputs, rows)
    }

    /// The inputs property `property` reads: the spec-wide ones and its own.
    pub fn inputs_of(&self, property: &str) -> Vec<(String, Type)> {
        self.inputs.iter().enumerate().filter(|(k, _)| self.reads(property, *k)).map(|(_, i)| i.clone()).collect()
    }

    fn reads(&self, property: &str, k: usize) -> bool {
        reads_input(&self.input_owners, k, property)
    }

    /// The values of `slots` (a stored vector) of the inputs property `property` reads.
    pub fn own_values(&self, property: &str, slots: &[u32]) -> Vec<u32> {
        let mut out = Vec::with_capacity(slots.len());
        let mut at = 0usize;
        for (k, (_, ty)) in self.inputs.iter().enumerate() {
            let n = ty.slots() as usize;
            if self.reads(property, k) {
                out.extend_from_slice(slots.get(at.min(slots.len())..(at + n).min(slots.len())).unwrap_or(&[]));
            }
            at += n;
        }
        out
    }

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
    /// The detailed counts of each row (`None` for files before schema version 3, and rows
    /// written without them).
    pub counts: Vec<Option<SummaryCounts>>,
    /// Whether the file's checksum was verified (files of schema version 1 have none).
    pub checksum: ChecksumStatus,
}

/// What every vecrun Parquet file has: the key-value metadata and a reader of its rows.
struct Opened {
    schema_version: u32,
    kv: HashMap<String, String>,
    schema: SchemaRef,
    metadata: Arc<parquet::file::metadata::ParquetMetaData>,
    file: File,
}

/// Runs a whole read (open, decode, verify) and turns a panic of the parquet crate on a hostile
/// file into `Corrupt` as well.
fn guarded<T>(path: &Path, read: impl FnOnce() -> Result<T>) -> Result<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)) {
        Ok(r) => r,
        Err(_) => Err(ParquetOutputError::Corrupt { path: path.to_path_buf(), detail: "the Parquet decoder failed on this file".into() }),
    }
}

fn read_error(path: &Path, e: crate::fsio::ReadError) -> ParquetOutputError {
    match e {
        crate::fsio::ReadError::Io { source, .. } => ParquetOutputError::Io { action: "open", path: path.to_path_buf(), source },
        other => ParquetOutputError::Read(other),
    }
}

/// The Parquet magic, at both ends of every Parquet file.
const MAGIC: &[u8; 4] = b"PAR1";

/// Opens a regular file (never a FIFO or device), checks that it is Parquet (a file that starts
/// like Parquet but does not decode is damaged, not "not Parquet"), bounds the footer, and reads
/// and checks the vecrun metadata.
fn open(path: &Path, expected: &'static str) -> Result<Opened> {
    let corrupt = |detail: String| ParquetOutputError::Corrupt { path: path.to_path_buf(), detail };
    let mut file = crate::fsio::open_regular(path).map_err(|e| read_error(path, e))?;
    let io = |source| ParquetOutputError::Io { action: "read", path: path.to_path_buf(), source };
    let len = file.metadata().map_err(io)?.len();
    let mut head = [0u8; 4];
    let starts_like_parquet = len >= 4 && file.read_exact(&mut head).is_ok() && &head == MAGIC;
    if !starts_like_parquet {
        let detail = if len == 0 { "the file is empty".to_string() } else { "it does not start with the Parquet magic `PAR1`".to_string() };
        return Err(ParquetOutputError::NotParquet { path: path.to_path_buf(), detail });
    }
    if len < 12 {
        return Err(corrupt(format!("{len} bytes is too short for a Parquet file (truncated?)")));
    }
    let mut tail = [0u8; 8];
    file.seek(SeekFrom::End(-8)).and_then(|_| file.read_exact(&mut tail)).map_err(io)?;
    if &tail[4..] != MAGIC {
        return Err(corrupt("it does not end with the Parquet magic `PAR1` (truncated?)".into()));
    }
    let footer = u64::from(u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]));
    if footer + 12 > len {
        return Err(corrupt(format!("its footer claims {footer} bytes, more than the file holds (truncated?)")));
    }
    if footer > limits::FOOTER_BYTES {
        return Err(ParquetOutputError::TooLarge {
            path: path.to_path_buf(),
            what: "a footer (schema and metadata)".into(),
            limit: limits::FOOTER_BYTES,
        });
    }
    file.rewind().map_err(io)?;
    let meta = ArrowReaderMetadata::load(&file, ArrowReaderOptions::new()).map_err(|e| corrupt(e.to_string()))?;
    let mut kv = HashMap::new();
    if let Some(list) = meta.metadata().file_metadata().key_value_metadata() {
        for item in list {
            if let Some(v) = &item.value
                && item.key.starts_with("vecrun.")
            {
                kv.insert(item.key.clone(), v.clone());
            }
        }
    }
    let version_text = kv.get(keys::SCHEMA_VERSION).ok_or_else(|| ParquetOutputError::NotVecrun { path: path.to_path_buf() })?;
    let schema_version: u32 = version_text
        .trim()
        .parse()
        .map_err(|_| corrupt(format!("`{}` is `{}`, not a version number", keys::SCHEMA_VERSION, crate::fsio::printable(version_text))))?;
    if schema_version > SCHEMA_VERSION {
        return Err(ParquetOutputError::FutureSchema { path: path.to_path_buf(), found: schema_version, supported: SCHEMA_VERSION });
    }
    if schema_version == 0 {
        return Err(corrupt("schema version 0 does not exist".into()));
    }
    let kind = kv.get(keys::KIND).cloned().unwrap_or_default();
    if kind != expected {
        return Err(ParquetOutputError::WrongKind { path: path.to_path_buf(), found: crate::fsio::printable(&kind), expected });
    }
    for (key, limit) in
        [(keys::MANIFEST, limits::MANIFEST_BYTES), (keys::INPUTS, limits::INPUTS_BYTES), (keys::SOURCES, limits::SOURCES_BYTES)]
    {
        if kv.get(key).is_some_and(|v| v.len() > limit) {
            return Err(ParquetOutputError::TooLarge { path: path.to_path_buf(), what: format!("a `{key}` value"), limit: limit as u64 });
        }
    }
    let num_rows = meta.metadata().file_metadata().num_rows();
    if num_rows < 0 {
        return Err(corrupt(format!("it claims {num_rows} rows")));
    }
    if num_rows as u64 > limits::ROWS {
        return Err(ParquetOutputError::TooLarge { path: path.to_path_buf(), what: format!("{num_rows} rows"), limit: limits::ROWS });
    }
    // Text columns are read through their dictionary: a value repeated on every row is decoded once.
    let hinted: Vec<Field> = meta
        .schema()
        .fields()
        .iter()
        .map(|f| match f.data_type() {
            DataType::Utf8 => Field::new(f.name(), text_dictionary(), f.is_nullable()).with_metadata(f.metadata().clone()),
            DataType::List(item) if *item.data_type() == DataType::Utf8 => {
                let item = Field::new(item.name(), text_dictionary(), item.is_nullable()).with_metadata(item.metadata().clone());
                Field::new(f.name(), DataType::List(Arc::new(item)), f.is_nullable()).with_metadata(f.metadata().clone())
            }
            _ => f.as_ref().clone(),
        })
        .collect();
    let hinted = Arc::new(Schema::new(hinted));
    let meta = ArrowReaderMetadata::try_new(meta.metadata().clone(), ArrowReaderOptions::new().with_schema(hinted))
        .map_err(|e| corrupt(e.to_string()))?;
    let schema = meta.schema().clone();
    let metadata = meta.metadata().clone();
    Ok(Opened { schema_version, kv, schema, metadata, file })
}

/// How text columns are read: through their dictionary.
fn text_dictionary() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
}

/// The text values of an array read as [`text_dictionary`] (or as plain text), each checked
/// against the budget before it is copied.
fn texts(
    array: &dyn Array,
    name: &str,
    budget: &mut TextBudget,
    bad: &dyn Fn(String) -> ParquetOutputError,
) -> Result<Vec<Option<String>>> {
    let mut out = Vec::with_capacity(array.len());
    let mut push = |v: Option<&str>| -> Result<()> {
        match v {
            Some(s) => {
                budget.take(name, s)?;
                out.push(Some(s.to_string()));
            }
            None => out.push(None),
        }
        Ok(())
    };
    if let Some(d) = array.as_dictionary_opt::<Int32Type>() {
        let values = d.values();
        let values =
            values.as_string_opt::<i32>().ok_or_else(|| bad(format!("column `{name}` has type {}, expected text", array.data_type())))?;
        let keys = d.keys();
        for i in 0..d.len() {
            if keys.is_null(i) {
                push(None)?;
                continue;
            }
            let k = usize::try_from(keys.value(i)).ok().filter(|k| *k < values.len());
            let k = k.ok_or_else(|| bad(format!("column `{name}` has a dictionary key out of range")))?;
            push(values.is_valid(k).then(|| values.value(k)))?;
        }
    } else if let Some(a) = array.as_string_opt::<i32>() {
        for v in a.iter() {
            push(v)?;
        }
    } else if let Some(a) = array.as_string_opt::<i64>() {
        for v in a.iter() {
            push(v)?;
        }
    } else if let Some(a) = array.as_string_view_opt() {
        for v in a.iter() {
            push(v)?;
        }
    } else {
        return Err(bad(format!("column `{name}` has type {}, expected text", array.data_type())));
    }
    Ok(out)
}

impl Opened {
    /// A reader of the rows, `batch_rows` at a time.
    fn rows(&self, path: &Path, batch_rows: usize) -> Result<ParquetRecordBatchReader> {
        let corrupt = |detail: String| ParquetOutputError::Corrupt { path: path.to_path_buf(), detail };
        let file = self.file.try_clone().map_err(|source| ParquetOutputError::Io { action: "read", path: path.to_path_buf(), source })?;
        let options = ArrowReaderOptions::new().with_schema(self.schema.clone());
        let meta = ArrowReaderMetadata::try_new(self.metadata.clone(), options).map_err(|e| corrupt(e.to_string()))?;
        ParquetRecordBatchReaderBuilder::new_with_metadata(file, meta)
            .with_batch_size(batch_rows.max(1))
            .build()
            .map_err(|e| corrupt(e.to_string()))
    }

    /// Checks the rows' hash against `vecrun.checksum`: required from schema version 2 on, and
    /// checked whenever present.
    fn verify(&self, path: &Path, kind: &str, rows: u64, rows_hash: Canon) -> Result<ChecksumStatus> {
        let corrupt = |detail: String| ParquetOutputError::Corrupt { path: path.to_path_buf(), detail };
        let Some(stored) = self.kv.get(keys::CHECKSUM) else {
            if self.schema_version >= 2 {
                return Err(corrupt(format!("no `{}` metadata (every file of schema version 2 has one)", keys::CHECKSUM)));
            }
            return Ok(ChecksumStatus::Absent);
        };
        let computed = checksum(kind, |k| self.kv.get(k).map(String::as_str), rows, rows_hash.0.finalize());
        if stored.trim() != computed {
            return Err(corrupt("its checksum does not match its contents".into()));
        }
        Ok(ChecksumStatus::Verified)
    }
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

/// Decoded text so far, against [`limits::TOTAL_TEXT_BYTES`].
struct TextBudget<'p> {
    path: &'p Path,
    used: usize,
}

impl TextBudget<'_> {
    fn take(&mut self, name: &str, s: &str) -> Result<()> {
        if s.len() > limits::TEXT_BYTES {
            return Err(ParquetOutputError::TooLarge {
                path: self.path.to_path_buf(),
                what: format!("a `{name}` value of {} bytes", s.len()),
                limit: limits::TEXT_BYTES as u64,
            });
        }
        self.used += s.len();
        if self.used > limits::TOTAL_TEXT_BYTES {
            return Err(ParquetOutputError::TooLarge {
                path: self.path.to_path_buf(),
                what: "text values adding up".into(),
                limit: limits::TOTAL_TEXT_BYTES as u64,
            });
        }
        Ok(())
    }
}

/// Column access for one batch, with errors that name the column.
struct Columns<'a> {
    batch: &'a RecordBatch,
    path: &'a Path,
}

impl<'a> Columns<'a> {
    fn bad(&self, detail: String) -> ParquetOutputError {
        ParquetOutputError::Corrupt { path: self.path.to_path_buf(), detail }
    }
    fn get(&self, name: &str) -> Result<&'a ArrayRef> {
        self.batch.column_by_name(name).ok_or_else(|| self.bad(format!("column `{name}` is missing")))
    }
    /// A text column (plain or dictionary-encoded), each value checked against the budget
    /// before it is copied.
    fn strings(&self, name: &str, budget: &mut TextBudget) -> Result<Vec<Option<String>>> {
        let col = self.get(name)?;
        texts(col.as_ref(), name, budget, &|detail| self.bad(detail))
    }
    fn required_strings(&self, name: &str, budget: &mut TextBudget) -> Result<Vec<String>> {
        self.strings(name, budget)?.into_iter().map(|v| v.ok_or_else(|| self.bad(format!("column `{name}` has a null")))).collect()
    }
    fn u32s(&self, name: &str) -> Result<Vec<Option<u32>>> {
        let col = self.get(name)?;
        let a = col
            .as_primitive_opt::<UInt32Type>()
            .ok_or_else(|| self.bad(format!("column `{name}` has type {}, expected UInt32", col.data_type())))?;
        Ok(a.iter().collect())
    }
    fn required_u32s(&self, name: &str) -> Result<Vec<u32>> {
        self.u32s(name)?.into_iter().map(|v| v.ok_or_else(|| self.bad(format!("column `{name}` has a null")))).collect()
    }
    fn u64s(&self, name: &str) -> Result<Vec<u64>> {
        let col = self.get(name)?;
        let a = col
            .as_primitive_opt::<UInt64Type>()
            .ok_or_else(|| self.bad(format!("column `{name}` has type {}, expected UInt64", col.data_type())))?;
        a.iter().map(|v| v.ok_or_else(|| self.bad(format!("column `{name}` has a null")))).collect()
    }
    fn f64s(&self, name: &str) -> Result<Vec<f64>> {
        let col = self.get(name)?;
        let a = col
            .as_primitive_opt::<Float64Type>()
            .ok_or_else(|| self.bad(format!("column `{name}` has type {}, expected Float64", col.data_type())))?;
        a.iter().map(|v| v.ok_or_else(|| self.bad(format!("column `{name}` has a null")))).collect()
    }
}

/// Why an input column cannot be decoded (the file is damaged).
#[derive(Debug, thiserror::Error)]
enum ColumnError {
    #[error("column `{name}` has nulls")]
    Nulls { name: String },
    #[error("column `{name}` has type {found}, expected {expected}")]
    WrongType { name: String, found: DataType, expected: String },
    #[error("column `{name}` holds lists of {found}, expected {expected}")]
    ListLength { name: String, found: i32, expected: u32 },
    #[error("column `{name}` has {values} elements for {lists} lists of {length}")]
    ShortLists { name: String, values: usize, lists: usize, length: u32 },
}

/// Bit patterns of a scalar column, one per row.
fn scalar_bits(col: &dyn Array, s: ScalarType, name: &str) -> Result<Vec<u32>, ColumnError> {
    if col.null_count() > 0 {
        return Err(ColumnError::Nulls { name: name.into() });
    }
    super::arrow::scalar_bits(col, s).ok_or_else(|| ColumnError::WrongType {
        name: name.into(),
        found: col.data_type().clone(),
        expected: super::arrow::scalar_type(s).to_string(),
    })
}

/// An input column's values: `rows x ty.slots()` bit patterns, row-major.
fn input_bits(col: &ArrayRef, ty: Type, name: &str) -> Result<Vec<u32>, ColumnError> {
    match ty {
        Type::Scalar(s) => scalar_bits(col.as_ref(), s, name),
        Type::Record(_) | Type::RecordArray(..) => {
            unreachable!("inputs, extern fns and IR variables are never records (docs/ARCHITECTURE invariant)")
        }
        Type::Array(s, n) => {
            if col.null_count() > 0 {
                return Err(ColumnError::Nulls { name: name.into() });
            }
            let list: &FixedSizeListArray = col.as_fixed_size_list_opt().ok_or_else(|| ColumnError::WrongType {
                name: name.into(),
                found: col.data_type().clone(),
                expected: format!("a list of {n}"),
            })?;
            if list.value_length() != n as i32 {
                return Err(ColumnError::ListLength { name: name.into(), found: list.value_length(), expected: n });
            }
            let need = list.len() * n as usize;
            if list.values().len() < need {
                return Err(ColumnError::ShortLists { name: name.into(), values: list.values().len(), lists: list.len(), length: n });
            }
            scalar_bits(list.values().slice(0, need).as_ref(), s, name)
        }
    }
}

/// Most input values decoded per record batch (rows × slots), as for datasets.
const VALUES_PER_BATCH: usize = 1 << 20;
/// Most rows per record batch.
const ROWS_PER_BATCH: usize = 4096;

/// Reads a `counterexamples.parquet` written by any vecrun with a schema version up to this one's,
/// verifying its checksum (see [`ChecksumStatus`]) and within [`limits`].
pub fn read_counterexamples(path: &Path) -> Result<StoredRun> {
    guarded(path, || read_counterexamples_inner(path))
}

fn read_counterexamples_inner(path: &Path) -> Result<StoredRun> {
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
        let declared = parse_type(&c.ty).ok_or_else(|| {
            corrupt(format!("input `{}` has unknown type `{}`", crate::fsio::printable(&c.name), crate::fsio::printable(&c.ty)))
        })?;
        for col in [&c.column, &c.shrunk_column] {
            let field = opened.schema.field_with_name(col).map_err(|_| {
                corrupt(format!("column `{}` of input `{}` is missing", crate::fsio::printable(col), crate::fsio::printable(&c.name)))
            })?;
            let found = type_of_arrow(field.data_type());
            if found != Some(declared) {
                return Err(corrupt(format!(
                    "column `{}` has type {}, but input `{}` is {}",
                    crate::fsio::printable(col),
                    field.data_type(),
                    crate::fsio::printable(&c.name),
                    c.ty
                )));
            }
        }
        inputs.push((c.name.clone(), declared));
    }
    let slot_count: usize = inputs.iter().map(|(_, t): &(String, Type)| t.slots() as usize).sum();
    let num_rows = opened.metadata.file_metadata().num_rows().max(0) as u64;
    let values = num_rows.saturating_mul(2 * slot_count as u64);
    if values > limits::INPUT_VALUES {
        return Err(ParquetOutputError::TooLarge {
            path: path.to_path_buf(),
            what: format!("{values} input values"),
            limit: limits::INPUT_VALUES,
        });
    }
    let batch_rows = (VALUES_PER_BATCH / (2 * slot_count).max(1)).clamp(1, ROWS_PER_BATCH);
    let mut budget = TextBudget { path, used: 0 };
    // Implementation columns (`impl.NAME`), typed by their Arrow type, in schema order.
    let mut externs: Vec<(String, Type)> = Vec::new();
    for f in opened.schema.fields() {
        if let Some(name) = f.name().strip_prefix(IMPLEMENTATION_PREFIX) {
            let ty = type_of_arrow(f.data_type()).ok_or_else(|| {
                corrupt(format!("column `{}` has type {}, which no extern fn returns", crate::fsio::printable(f.name()), f.data_type()))
            })?;
            externs.push((name.to_string(), ty));
        }
    }
    let mut rows_hash = rows_hasher();
    let mut rows: Vec<StoredCounterexample> = Vec::new();
    for batch in opened.rows(path, batch_rows)? {
        let batch = batch.map_err(|e| corrupt(e.to_string()))?;
        let cols = Columns { batch: &batch, path };
        let n = batch.num_rows();
        if (rows.len() + n) as u64 > num_rows {
            return Err(corrupt(format!("it holds more rows than its footer says ({num_rows})")));
        }
        let b = &mut budget;
        let run_id = cols.required_strings("run_id", b)?;
        let spec_name = cols.required_strings("spec_name", b)?;
        let spec_version = cols.strings("spec_version", b)?;
        let spec_hash = cols.required_strings("spec_hash", b)?;
        let generator_version = cols.required_u32s("generator_version")?;
        let property = cols.required_strings("property", b)?;
        let assert_index = cols.u32s("assert_index")?;
        let assert_message = cols.required_strings("assert_message", b)?;
        let location = cols.required_strings("location", b)?;
        let reason = cols.required_strings("reason", b)?;
        let phase = cols.required_strings("phase", b)?;
        let seed = cols.u64s("seed")?;
        let vector_index = cols.u64s("vector_index")?;
        let outcome = cols.required_u32s("outcome")?;
        let backend = cols.required_strings("backend", b)?;
        let adapter = cols.required_strings("adapter", b)?;
        let shrink_steps = cols.required_u32s("shrink_steps")?;
        for (name, len) in [
            ("run_id", run_id.len()),
            ("spec_name", spec_name.len()),
            ("spec_version", spec_version.len()),
            ("generator_version", generator_version.len()),
            ("assert_index", assert_index.len()),
            ("seed", seed.len()),
            ("vector_index", vector_index.len()),
            ("outcome", outcome.len()),
        ] {
            if len != n {
                return Err(corrupt(format!("column `{name}` has {len} values for {n} rows")));
            }
        }
        let mut original: Vec<Vec<u32>> = (0..n).map(|_| Vec::with_capacity(slot_count)).collect();
        let mut shrunk: Vec<Vec<u32>> = (0..n).map(|_| Vec::with_capacity(slot_count)).collect();
        for (c, (_, ty)) in columns.iter().zip(&inputs) {
            let k = ty.slots() as usize;
            for (col, out) in [(&c.column, &mut original), (&c.shrunk_column, &mut shrunk)] {
                let mut array = cols.get(col)?.clone();
                let nulls = array.logical_nulls();
                if let Some(owner) = &c.owner {
                    // A property's own input: null exactly on the other properties' rows (read as 0 there).
                    if let Some(r) = (0..n).find(|&r| array.is_null(r) == (&property[r] == owner)) {
                        return Err(corrupt(format!(
                            "column `{}` of property `{}`'s input is {} on row {r} of property `{}`",
                            crate::fsio::printable(col),
                            crate::fsio::printable(owner),
                            if array.is_null(r) { "null" } else { "set" },
                            crate::fsio::printable(&property[r])
                        )));
                    }
                    array = without_nulls(&array).map_err(|e| corrupt(e.to_string()))?;
                }
                let mut bits = input_bits(&array, *ty, col).map_err(|e| corrupt(e.to_string()))?;
                // What a reader finds under a null is unspecified: the stored value there is 0.
                if let Some(nulls) = nulls.filter(|_| c.owner.is_some()) {
                    for r in (0..n).filter(|&r| nulls.is_null(r)) {
                        if let Some(row) = bits.get_mut(r * k..(r + 1) * k) {
                            row.fill(0);
                        }
                    }
                }
                if bits.len() != n * k {
                    return Err(corrupt(format!("column `{}` has {} values for {n} rows", crate::fsio::printable(col), bits.len())));
                }
                for (r, o) in out.iter_mut().enumerate() {
                    o.extend_from_slice(&bits[r * k..(r + 1) * k]);
                }
            }
        }
        let mut implementation: Vec<Vec<Option<Vec<u32>>>> = vec![Vec::with_capacity(externs.len()); n];
        for (name, ty) in &externs {
            let col = implementation_column(name);
            let array = cols.get(&col)?;
            for (r, out) in implementation.iter_mut().enumerate() {
                let value = if array.is_null(r) {
                    None
                } else {
                    let bits = input_bits(&array.slice(r, 1), *ty, &col).map_err(|e| corrupt(e.to_string()))?;
                    Some(bits)
                };
                out.push(value);
            }
        }
        for (r, ((orig, shr), imp)) in original.into_iter().zip(shrunk).zip(implementation).enumerate() {
            let reason_value =
                Reason::parse(&reason[r]).ok_or_else(|| corrupt(format!("unknown reason `{}`", crate::fsio::printable(&reason[r]))))?;
            let phase_value = crate::output::model::Source::parse(&phase[r])
                .ok_or_else(|| corrupt(format!("unknown phase `{}`", crate::fsio::printable(&phase[r]))))?;
            CounterexampleRowRef {
                run_id: &run_id[r],
                spec_name: &spec_name[r],
                spec_version: spec_version[r].as_deref(),
                spec_hash: &spec_hash[r],
                generator_version: generator_version[r],
                property: &property[r],
                assert_index: assert_index[r],
                assert_message: &assert_message[r],
                reason: &reason[r],
                phase: &phase[r],
                seed: seed[r],
                vector_index: vector_index[r],
                backend: &backend[r],
                adapter: &adapter[r],
                shrink_steps: shrink_steps[r],
                location: &location[r],
                outcome: outcome[r],
                original: &orig,
                shrunk: &shr,
                implementation: &imp,
            }
            .hash(&mut rows_hash);
            rows.push(StoredCounterexample {
                run_id: run_id[r].clone(),
                spec_hash: spec_hash[r].clone(),
                property: property[r].clone(),
                assert_index: assert_index[r],
                assert_message: assert_message[r].clone(),
                location: location[r].clone(),
                reason: reason_value,
                phase: phase_value,
                seed: seed[r],
                vector_index: vector_index[r],
                outcome: outcome[r],
                backend: backend[r].clone(),
                adapter: adapter[r].clone(),
                shrink_steps: shrink_steps[r],
                original: orig,
                shrunk: shr,
                implementation: imp,
            });
        }
    }
    if rows.len() as u64 != num_rows {
        return Err(corrupt(format!("it holds {} rows, its footer says {num_rows}", rows.len())));
    }
    let checksum = opened.verify(path, KIND_COUNTEREXAMPLES, rows.len() as u64, rows_hash)?;
    Ok(StoredRun {
        schema_version: opened.schema_version,
        manifest,
        sources: sources.into_iter().map(|s| (s.name, s.text)).collect(),
        inputs,
        input_owners: columns.iter().map(|c| c.owner.clone()).collect(),
        externs,
        rows,
        checksum,
    })
}

/// Reads a `summary.parquet`, verifying its checksum (see [`ChecksumStatus`]) and within [`limits`].
pub fn read_summary(path: &Path) -> Result<StoredSummary> {
    guarded(path, || read_summary_inner(path))
}

fn read_summary_inner(path: &Path) -> Result<StoredSummary> {
    let opened = open(path, KIND_SUMMARY)?;
    let corrupt = |detail: String| ParquetOutputError::Corrupt { path: path.to_path_buf(), detail };
    let manifest = manifest_of(path, &opened.kv)?;
    let num_rows = opened.metadata.file_metadata().num_rows().max(0) as u64;
    let mut budget = TextBudget { path, used: 0 };
    let mut rows_hash = rows_hasher();
    let mut rows = Vec::new();
    let mut all_counts = Vec::new();
    let detailed = opened.schema_version >= 3;
    for batch in opened.rows(path, 64)? {
        let batch = batch.map_err(|e| corrupt(e.to_string()))?;
        let cols = Columns { batch: &batch, path };
        let b = &mut budget;
        let run_id = cols.required_strings("run_id", b)?;
        let spec_name = cols.required_strings("spec_name", b)?;
        let spec_version = cols.strings("spec_version", b)?;
        let spec_hash = cols.required_strings("spec_hash", b)?;
        let property = cols.required_strings("property", b)?;
        let evaluated = cols.u64s("evaluated")?;
        let passed = cols.u64s("passed")?;
        let failed = cols.u64s("failed")?;
        let discarded = cols.u64s("discarded")?;
        let verdict = cols.required_strings("verdict", b)?;
        let wall = cols.f64s("wall_seconds")?;
        let rate = cols.f64s("vectors_per_second")?;
        let labels_col = cols.get("cover_labels")?;
        let labels =
            labels_col.as_list_opt::<i32>().ok_or_else(|| corrupt(format!("column `cover_labels` has type {}", labels_col.data_type())))?;
        let hits_col = cols.get("cover_hits")?;
        let hits =
            hits_col.as_list_opt::<i32>().ok_or_else(|| corrupt(format!("column `cover_hits` has type {}", hits_col.data_type())))?;
        let n = batch.num_rows();
        let counts = if detailed { summary_counts(&cols, n)? } else { vec![None; n] };
        for (name, len) in [
            ("run_id", run_id.len()),
            ("spec_version", spec_version.len()),
            ("evaluated", evaluated.len()),
            ("passed", passed.len()),
            ("failed", failed.len()),
            ("discarded", discarded.len()),
            ("wall_seconds", wall.len()),
            ("vectors_per_second", rate.len()),
            ("cover_labels", labels.len()),
            ("cover_hits", hits.len()),
        ] {
            if len != n {
                return Err(corrupt(format!("column `{name}` has {len} values for {n} rows")));
            }
        }
        if (rows.len() + n) as u64 > num_rows {
            return Err(corrupt(format!("it holds more rows than its footer says ({num_rows})")));
        }
        for r in 0..n {
            let cover_labels: Vec<String> =
                texts(labels.value(r).as_ref(), "cover_labels", b, &corrupt)?.into_iter().map(Option::unwrap_or_default).collect();
            let h = hits.value(r);
            let h = h.as_primitive_opt::<UInt64Type>().ok_or_else(|| corrupt("column `cover_hits` does not hold UInt64".into()))?;
            let row = SummaryRow {
                property: property[r].clone(),
                evaluated: evaluated[r],
                passed: passed[r],
                failed: failed[r],
                discarded: discarded[r],
                cover_labels,
                cover_hits: h.iter().map(|v| v.unwrap_or(0)).collect(),
                verdict: verdict[r].clone(),
                wall_seconds: wall[r],
                vectors_per_second: rate[r],
            };
            SummaryRowRef {
                run_id: &run_id[r],
                spec_name: &spec_name[r],
                spec_version: spec_version[r].as_deref(),
                spec_hash: &spec_hash[r],
                row: &row,
                counts: detailed.then_some(counts[r].as_ref()),
            }
            .hash(&mut rows_hash);
            rows.push(row);
            all_counts.push(counts[r].clone());
        }
    }
    if rows.len() as u64 != num_rows {
        return Err(corrupt(format!("it holds {} rows, its footer says {num_rows}", rows.len())));
    }
    let checksum = opened.verify(path, KIND_SUMMARY, rows.len() as u64, rows_hash)?;
    Ok(StoredSummary { schema_version: opened.schema_version, manifest, rows, counts: all_counts, checksum })
}

/// The detailed counts of a batch of summary rows (schema version 3 on): a row's four columns
/// are all null (no counts) or all present.
fn summary_counts(cols: &Columns<'_>, n: usize) -> Result<Vec<Option<SummaryCounts>>> {
    let list = |name: &str| -> Result<Vec<Option<Vec<u64>>>> {
        let col = cols.get(name)?;
        let l = col.as_list_opt::<i32>().ok_or_else(|| cols.bad(format!("column `{name}` has type {}", col.data_type())))?;
        let mut out = Vec::with_capacity(l.len());
        for r in 0..l.len() {
            if l.is_null(r) {
                out.push(None);
                continue;
            }
            let v = l.value(r);
            let v = v.as_primitive_opt::<UInt64Type>().ok_or_else(|| cols.bad(format!("column `{name}` does not hold UInt64")))?;
            if v.null_count() > 0 {
                return Err(cols.bad(format!("column `{name}` holds a null count")));
            }
            out.push(Some(v.values().to_vec()));
        }
        Ok(out)
    };
    let optional_u64s = |name: &str| -> Result<Vec<Option<u64>>> {
        let col = cols.get(name)?;
        let a = col
            .as_primitive_opt::<UInt64Type>()
            .ok_or_else(|| cols.bad(format!("column `{name}` has type {}, expected UInt64", col.data_type())))?;
        Ok(a.iter().collect())
    };
    let by_assert = list("fails_by_assert")?;
    let by_assume = list("discards_by_assume")?;
    let oob = optional_u64s("out_of_bounds")?;
    let kept = optional_u64s("counterexamples_kept")?;
    for (name, len) in [
        ("fails_by_assert", by_assert.len()),
        ("discards_by_assume", by_assume.len()),
        ("out_of_bounds", oob.len()),
        ("counterexamples_kept", kept.len()),
    ] {
        if len != n {
            return Err(cols.bad(format!("column `{name}` has {len} values for {n} rows")));
        }
    }
    let mut out = Vec::with_capacity(n);
    for (((a, d), o), k) in by_assert.into_iter().zip(by_assume).zip(oob).zip(kept) {
        out.push(match (a, d, o, k) {
            (Some(fails_by_assert), Some(discards_by_assume), Some(out_of_bounds), Some(counterexamples_kept)) => {
                Some(SummaryCounts { fails_by_assert, out_of_bounds, discards_by_assume, counterexamples_kept })
            }
            (None, None, None, None) => None,
            _ => return Err(cols.bad("a row has some of its detailed counts and not others".into())),
        });
    }
    Ok(out)
}

/// Whether a Parquet file carries vecrun's metadata, and if so checks it whole (decode, bounds,
/// checksum) as the reader of its kind does: for files vecrun may have written that are read
/// another way (a dataset). `Ok(false)`: not a vecrun file (nothing checked).
pub fn verify_if_vecrun(path: &Path) -> Result<bool> {
    // Only a file whose footer decodes and names a vecrun kind is checked here; anything else is
    // left to the caller's own reader (and its own errors).
    let kind = guarded(path, || match open(path, KIND_COUNTEREXAMPLES) {
        Ok(_) => Ok(Some(KIND_COUNTEREXAMPLES)),
        Err(ParquetOutputError::WrongKind { found, .. }) if found == KIND_SUMMARY => Ok(Some(KIND_SUMMARY)),
        Err(e @ ParquetOutputError::FutureSchema { .. }) => Err(e),
        Err(_) => Ok(None),
    })?;
    match kind {
        Some(KIND_COUNTEREXAMPLES) => read_counterexamples(path).map(|_| true),
        Some(_) => read_summary(path).map(|_| true),
        None => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        Manifest {
            schema_version: 2,
            vecrun_version: "0.1.0".into(),
            run_id: "r".into(),
            spec_name: "s".into(),
            spec_version: None,
            spec_hash: "0".repeat(64),
            spec_path: "s.vspec".into(),
            generator_version: 1,
            seed: 0,
            shard: None,
            phases: vec![],
            exhaustive: false,
            backend: "cpu".into(),
            adapter: "cpu".into(),
            properties: vec!["p".into()],
            budget: Default::default(),
            burn_usd: None,
            throttled: false,
            started_at: "2026-11-25T10:45:00Z".into(),
            finished_at: None,
            wall_seconds: 1.0,
            vectors_done: 10,
            outcome: crate::output::model::RunStatus::Passed,
            solver: Vec::new(),
            bindings: Vec::new(),
        }
    }

    fn row() -> SummaryRow {
        SummaryRow {
            property: "p".into(),
            evaluated: 10,
            passed: 7,
            failed: 2,
            discarded: 1,
            cover_labels: vec!["c".into()],
            cover_hits: vec![3],
            verdict: "FAILED".into(),
            wall_seconds: 1.0,
            vectors_per_second: 10.0,
        }
    }

    /// A `summary.parquet` as schema version 2 wrote it: the first 14 columns, version "2", and a
    /// checksum over rows without the detailed counts.
    fn write_version_2(path: &Path, m: &Manifest, r: &SummaryRow) {
        let full = summary_schema();
        let schema = Arc::new(Schema::new(full.fields()[..14].to_vec()));
        let mut labels = ListBuilder::new(StringBuilder::new());
        labels.values().append_value(&r.cover_labels[0]);
        labels.append(true);
        let mut hits = ListBuilder::new(UInt64Builder::new());
        hits.values().append_value(r.cover_hits[0]);
        hits.append(true);
        let columns: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from(vec![m.run_id.as_str()])),
            Arc::new(StringArray::from(vec![m.spec_name.as_str()])),
            Arc::new(StringArray::from(vec![m.spec_version.as_deref()])),
            Arc::new(StringArray::from(vec![m.spec_hash.as_str()])),
            Arc::new(StringArray::from(vec![r.property.as_str()])),
            Arc::new(UInt64Array::from(vec![r.evaluated])),
            Arc::new(UInt64Array::from(vec![r.passed])),
            Arc::new(UInt64Array::from(vec![r.failed])),
            Arc::new(UInt64Array::from(vec![r.discarded])),
            Arc::new(labels.finish()),
            Arc::new(hits.finish()),
            Arc::new(StringArray::from(vec![r.verdict.as_str()])),
            Arc::new(Float64Array::from(vec![r.wall_seconds])),
            Arc::new(Float64Array::from(vec![r.vectors_per_second])),
        ];
        let batch = RecordBatch::try_new(schema.clone(), columns).expect("batch");
        let mut h = rows_hasher();
        SummaryRowRef { run_id: &m.run_id, spec_name: &m.spec_name, spec_version: None, spec_hash: &m.spec_hash, row: r, counts: None }
            .hash(&mut h);
        let manifest_json = serde_json::to_string(m).expect("json");
        let metadata: [(&str, &str); 3] = [(keys::SCHEMA_VERSION, "2"), (keys::KIND, KIND_SUMMARY), (keys::MANIFEST, &manifest_json)];
        let sum = checksum(KIND_SUMMARY, |k| metadata.iter().find(|(key, _)| *key == k).map(|(_, v)| *v), 1, h.0.finalize());
        let mut w = ArrowWriter::try_new(Vec::new(), schema, Some(writer_properties())).expect("writer");
        w.write(&batch).expect("write");
        for (k, v) in metadata {
            w.append_key_value_metadata(KeyValue::new(k.to_string(), v.to_string()));
        }
        w.append_key_value_metadata(KeyValue::new(keys::CHECKSUM.into(), sum));
        std::fs::write(path, w.into_inner().expect("bytes")).expect("write file");
    }

    #[test]
    fn a_version_2_summary_without_the_count_columns_still_reads() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(SUMMARY_FILE);
        let (m, r) = (manifest(), row());
        write_version_2(&path, &m, &r);
        let read = read_summary(&path).expect("a version 2 summary reads");
        assert_eq!(read.schema_version, 2);
        assert_eq!(read.rows, vec![r]);
        assert_eq!(read.counts, vec![None]);
        assert_eq!(read.checksum, ChecksumStatus::Verified);
    }

    #[test]
    fn summary_counts_round_trip_and_are_checksummed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(SUMMARY_FILE);
        let counts =
            SummaryCounts { fails_by_assert: vec![1, 0, 1], out_of_bounds: 0, discards_by_assume: vec![1], counterexamples_kept: 2 };
        write_summary_with_counts(&path, &manifest(), &[row(), row()], &[Some(counts.clone()), None]).expect("write");
        let read = read_summary(&path).expect("read");
        assert_eq!(read.schema_version, SCHEMA_VERSION);
        assert_eq!(read.counts, vec![Some(counts), None]);
        assert!(write_summary_with_counts(&path, &manifest(), &[row()], &[]).is_err(), "counts must match rows");
    }

    #[test]
    fn each_table_lives_in_its_own_folder_and_layout_1_names_are_still_found() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        assert_eq!(find_table(d, Table::Counterexamples), None);
        // Layout 1 only: found.
        std::fs::write(d.join(COUNTEREXAMPLES_FILE), b"old").expect("write");
        assert_eq!(find_table(d, Table::Counterexamples), Some(d.join("counterexamples.parquet")));
        assert_eq!(find_table(d, Table::Summary), None, "the other table is not taken for this one");
        // Layout 2 next to it (a layout 1 run resumed): the newer file wins.
        let path = prepare_table(d, Table::Counterexamples).expect("folder created");
        assert_eq!(path, d.join("counterexamples").join("part-0.parquet"));
        assert!(d.join("counterexamples").is_dir());
        std::fs::write(&path, b"new").expect("write");
        assert_eq!(find_table(d, Table::Counterexamples), Some(path.clone()));
        assert_eq!(prepare_table(d, Table::Counterexamples).expect("an existing folder is kept"), path);
        // The output directory of either file, and of a file that only looks like one.
        assert_eq!(output_dir_of(&path, Table::Counterexamples), d);
        assert_eq!(output_dir_of(&d.join(COUNTEREXAMPLES_FILE), Table::Counterexamples), d);
        assert_eq!(output_dir_of(&path, Table::Summary), d.join("counterexamples"), "a counterexample folder is not a summary folder");
        let odd = d.join("counterexamples").join("counterexamples.parquet");
        assert_eq!(output_dir_of(&odd, Table::Counterexamples), d.join("counterexamples"));
        assert_eq!(output_dir_of(Path::new("part-0.parquet"), Table::Summary), Path::new(""));
        // A file where the folder goes: a typed error naming it, nothing replaced.
        std::fs::write(d.join("summary"), b"not a folder").expect("write");
        let e = prepare_table(d, Table::Summary).expect_err("a file at the folder's name");
        assert!(e.to_string().contains("summary"), "{e}");
        assert_eq!(std::fs::read(d.join("summary")).expect("still there"), b"not a folder");
    }
}

//! Test helpers acting as vecrun: request streams written into memory, answer streams read back.

use arrow_array::cast::AsArray;
use arrow_array::types::UInt32Type;
use arrow_array::{ArrayRef, RecordBatch, UInt32Array};
use arrow_ipc::reader::StreamReader;
use arrow_ipc::writer::StreamWriter;
use arrow_schema::Schema;
use std::sync::Arc;

use crate::signature::Signature;

/// A request stream for `signature` with one batch per entry of `batches` (one column per parameter).
pub fn request_columns(signature: &Signature, batches: Vec<Vec<ArrayRef>>) -> Vec<u8> {
    let schema = Arc::new(signature.request_schema());
    let mut out = Vec::new();
    let mut writer = StreamWriter::try_new(&mut out, &schema).expect("schema written");
    for columns in batches {
        writer.write(&RecordBatch::try_new(schema.clone(), columns).expect("batch")).expect("batch written");
    }
    writer.finish().expect("finished");
    drop(writer);
    out
}

/// A request stream of u32 scalar parameters: `batches[b][p]` is parameter p's values in batch b.
pub fn requests(signature: &Signature, batches: &[Vec<Vec<u32>>]) -> Vec<u8> {
    let columns = batches
        .iter()
        .map(|params| params.iter().map(|values| Arc::new(UInt32Array::from(values.clone())) as ArrayRef).collect())
        .collect();
    request_columns(signature, columns)
}

/// The schema and the columns of an answer stream.
pub fn answer_columns(bytes: &[u8]) -> (Arc<Schema>, Vec<ArrayRef>) {
    let reader = StreamReader::try_new(bytes, None).expect("an answer stream");
    let schema = reader.schema();
    let columns = reader.map(|batch| batch.expect("answer batch").column(0).clone()).collect();
    (schema, columns)
}

/// The schema and the u32 values of each batch of an answer stream.
pub fn answers(bytes: &[u8]) -> (Arc<Schema>, Vec<Vec<u32>>) {
    let (schema, columns) = answer_columns(bytes);
    (schema, columns.iter().map(|c| c.as_primitive::<UInt32Type>().values().to_vec()).collect())
}

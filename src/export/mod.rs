//! `vecrun vectors`: the generated vectors of a spec (phase, index, inputs) and what named spec
//! functions return on them, as a Parquet table, for implementations whose own test suites consume
//! test vectors offline (the way Project Wycheproof's vectors are used).
//!
//! A function's parameters are bound to the inputs of the same names; its results come from the
//! reference interpreter of [`crate::equiv::eval`], with the meaning of `docs/semantics.md`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch, StringArray, UInt64Array};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_writer::ArrowWriterOptions;

use crate::check::{Type, TypedSpec, Value};
use crate::equiv::eval;
use crate::ir::Program;
use crate::output::parquet::{arrow_type, input_array, input_columns, nullable_array, writer_properties};
use crate::run::{Generator, PhasePlan};

/// Rows per record batch.
const BATCH_ROWS: usize = 65_536;

/// A spec function whose results the table carries: `expected.NAME`.
#[derive(Clone, Debug)]
pub struct ExpectedFn {
    pub name: String,
    /// Index into [`TypedSpec::functions`].
    pub index: usize,
    /// For each parameter, the input it reads.
    pub inputs: Vec<usize>,
    pub ret: Type,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("no function named `{name}` in the spec (it has: {available})")]
    NoSuchFunction { name: String, available: String },
    #[error("parameter `{param}` of `{function}` is not an input of the spec: `--fn` binds each parameter to the input of the same name")]
    NotAnInput { function: String, param: String },
    #[error("parameter `{param}` of `{function}` is {param_ty}, but input `{param}` is {input_ty}")]
    TypeMismatch { function: String, param: String, param_ty: Type, input_ty: Type },
    #[error("cannot write `{}`: {detail}", path.display())]
    Write { path: PathBuf, detail: String },
    #[error(transparent)]
    Stage(#[from] crate::output::WriteError),
}

/// Resolves `--fn` names against the spec: each parameter must be an input of the same name and type.
pub fn expected_fns(spec: &TypedSpec, names: &[String]) -> Result<Vec<ExpectedFn>, ExportError> {
    let mut out = Vec::new();
    for name in names {
        let Some(index) = spec.functions.iter().position(|f| &f.name == name) else {
            let available = spec.functions.iter().map(|f| format!("`{}`", f.name)).collect::<Vec<_>>().join(", ");
            return Err(ExportError::NoSuchFunction {
                name: name.clone(),
                available: if available.is_empty() { "none".into() } else { available },
            });
        };
        let f = &spec.functions[index];
        let mut inputs = Vec::new();
        for p in &f.params {
            let local = &f.locals[p.0 as usize];
            let Some(i) = spec.inputs.iter().position(|i| i.name == local.name) else {
                return Err(ExportError::NotAnInput { function: name.clone(), param: local.name.clone() });
            };
            if spec.inputs[i].ty != local.ty {
                return Err(ExportError::TypeMismatch {
                    function: name.clone(),
                    param: local.name.clone(),
                    param_ty: local.ty,
                    input_ty: spec.inputs[i].ty,
                });
            }
            inputs.push(i);
        }
        out.push(ExpectedFn { name: name.clone(), index, inputs, ret: f.ret });
    }
    Ok(out)
}

/// The value of input `i` in a vector's slots.
fn input_value(program: &Program, i: usize, slots: &[u32]) -> Value {
    let input = &program.inputs[i];
    let first = input.first_slot as usize;
    Value::from_bits(input.ty, &slots[first..first + input.ty.slots() as usize])
}

fn value_bits(v: &Value) -> Vec<u32> {
    v.bits()
}

/// Writes every vector of `plan` (in phase and index order) with the results of `fns` to `path`
/// (atomically); returns the number of rows. An `expected.NAME` value is null where the function
/// fails (an index out of bounds) or calls an extern fn.
pub fn write_vectors(
    path: &Path,
    spec: &TypedSpec,
    program: &Program,
    generator: &Generator,
    seed: u64,
    plan: &PhasePlan,
    fns: &[ExpectedFn],
) -> Result<u64, ExportError> {
    let fail = |e: &dyn std::fmt::Display| ExportError::Write { path: path.to_path_buf(), detail: e.to_string() };
    let typed: Vec<(String, Type)> = program.inputs.iter().map(|i| (i.name.clone(), i.ty)).collect();
    let columns = input_columns(&typed);
    let mut fields = vec![Field::new("phase", DataType::Utf8, false), Field::new("vector_index", DataType::UInt64, false)];
    for (c, (_, ty)) in columns.iter().zip(&typed) {
        fields.push(Field::new(c.column.clone(), arrow_type(*ty), false));
    }
    for f in fns {
        fields.push(Field::new(format!("expected.{}", f.name), arrow_type(f.ret), true));
    }
    let metadata = std::collections::HashMap::from([
        ("vecrun.kind".to_string(), "vectors".to_string()),
        ("vecrun.spec_hash".to_string(), spec.hash.hex()),
        ("vecrun.seed".to_string(), seed.to_string()),
        ("vecrun.generator_version".to_string(), crate::r#gen::GENERATOR_VERSION.to_string()),
    ]);
    let schema = Arc::new(Schema::new_with_metadata(fields, metadata));
    let (staged, file) = crate::output::StagedFile::create(path)?;
    let options = ArrowWriterOptions::new().with_properties(writer_properties());
    let mut writer = ArrowWriter::try_new_with_options(file, schema.clone(), options).map_err(|e| fail(&e))?;
    let mut rows = 0u64;
    let mut slots = vec![0u32; generator.slots];
    for (phase, count) in &plan.phases {
        let mut start = 0u64;
        while start < *count {
            let n = (*count - start).min(BATCH_ROWS as u64) as usize;
            let mut vectors: Vec<Vec<u32>> = Vec::with_capacity(n);
            for k in 0..n as u64 {
                generator.decode(*phase, start + k, &mut slots);
                vectors.push(slots.clone());
            }
            let refs: Vec<&[u32]> = vectors.iter().map(|v| &v[..]).collect();
            let mut cols: Vec<ArrayRef> = vec![
                Arc::new(StringArray::from(vec![phase.name(); n])),
                Arc::new(UInt64Array::from((start..start + n as u64).collect::<Vec<u64>>())),
            ];
            for i in &program.inputs {
                cols.push(input_array(i.ty, i.first_slot as usize, &refs).map_err(|e| fail(&e))?);
            }
            for f in fns {
                let results: Vec<Option<Vec<u32>>> = vectors
                    .iter()
                    .map(|v| {
                        let args = f.inputs.iter().map(|&i| input_value(program, i, v)).collect();
                        eval::call(spec, f.index, args).ok().map(|r| value_bits(&r))
                    })
                    .collect();
                cols.push(nullable_array(f.ret, &results.iter().map(Option::as_ref).collect::<Vec<_>>()));
            }
            let batch = RecordBatch::try_new(schema.clone(), cols).map_err(|e| fail(&e))?;
            writer.write(&batch).map_err(|e| fail(&e))?;
            rows += n as u64;
            start += n as u64;
        }
    }
    let file = writer.into_inner().map_err(|e| fail(&e))?;
    staged.commit(file)?;
    Ok(rows)
}

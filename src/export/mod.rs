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

use crate::check::{RecordId, Type, TypedSpec, Value};
use crate::equiv::eval;
use crate::ir::Program;
use crate::output::parquet::{arrow_type, input_array, input_columns, nullable_array, writer_properties};
use crate::run::{Generator, PhasePlan};

/// Rows per record batch.
const BATCH_ROWS: usize = 65_536;

/// A spec function whose results the table carries: `expected.NAME` (a struct or tuple result is
/// one column per scalar or array part: `expected.NAME.code`, `expected.NAME.0`).
#[derive(Clone, Debug)]
pub struct ExpectedFn {
    pub name: String,
    /// Index into [`TypedSpec::functions`].
    pub index: usize,
    /// For each parameter, the input(s) it reads.
    pub inputs: Vec<ParamInput>,
    pub ret: Type,
    /// The result's columns: name suffix (`""` for a scalar or array result) and type.
    pub columns: Vec<(String, Type)>,
}

/// Where a parameter's value comes from: an input of the same name, or for a struct or tuple
/// parameter the inputs its record input was generated as (`date.year`, `date.month`, ...).
#[derive(Clone, Debug)]
pub enum ParamInput {
    Input(usize),
    Record(RecordId, Vec<ParamInput>),
    /// An array of records: one input per field (each an array, or an array of records).
    RecordArray(RecordId, u32, Vec<ParamInput>),
}

/// The input(s) named `name` that make a value of type `ty`.
fn bind_param(spec: &TypedSpec, name: &str, ty: Type, property: Option<&str>) -> Result<ParamInput, Option<Type>> {
    let fields = |r: RecordId, n: Option<u32>| -> Result<Vec<ParamInput>, Option<Type>> {
        let rec = spec.records.get(r);
        rec.fields
            .iter()
            .map(|(f, t)| {
                let t = match (n, t) {
                    (None, t) => *t,
                    (Some(n), Type::Scalar(s)) => Type::Array(*s, n),
                    (Some(n), Type::Record(q)) => Type::RecordArray(*q, n),
                    (Some(_), t) => *t,
                };
                bind_param(spec, &format!("{name}.{f}"), t, property)
            })
            .collect()
    };
    match ty {
        Type::Record(r) => fields(r, None).map(|f| ParamInput::Record(r, f)),
        Type::RecordArray(r, n) => fields(r, Some(n)).map(|f| ParamInput::RecordArray(r, n, f)),
        _ => match spec.inputs.iter().position(|i| i.name == name).or_else(|| {
            // With `--property P`, P's own input `P.name` (`property P(name: T)`).
            let p = property?;
            spec.inputs.iter().position(|i| i.owner.as_deref() == Some(p) && i.name == format!("{p}.{name}"))
        }) {
            Some(i) if spec.inputs[i].ty == ty => Ok(ParamInput::Input(i)),
            Some(i) => Err(Some(spec.inputs[i].ty)),
            None => Err(None),
        },
    }
}

/// The columns of a value of type `ty`: scalars and arrays as themselves, records part by part.
fn result_columns(spec: &TypedSpec, ty: Type, prefix: &str, out: &mut Vec<(String, Type)>) {
    let parts = |r: RecordId, n: Option<u32>, out: &mut Vec<(String, Type)>| {
        for (f, t) in &spec.records.get(r).fields {
            let t = match (n, t) {
                (Some(n), Type::Scalar(s)) => Type::Array(*s, n),
                (Some(n), Type::Record(q)) => Type::RecordArray(*q, n),
                (_, t) => *t,
            };
            result_columns(spec, t, &format!("{prefix}.{f}"), out);
        }
    };
    match ty {
        Type::Record(r) => parts(r, None, out),
        Type::RecordArray(r, n) => parts(r, Some(n), out),
        t => out.push((prefix.to_string(), t)),
    }
}

/// A value's parts in the order of [`result_columns`], as scalar bit patterns per column.
fn result_parts(v: &Value, out: &mut Vec<Vec<u32>>) {
    match v {
        Value::Record(_, fields) => fields.iter().for_each(|f| result_parts(f, out)),
        // An array of records: field by field, each an array over the elements.
        Value::RecordArray(_, elems) => {
            let per_elem: Vec<Vec<Vec<u32>>> = elems
                .iter()
                .map(|e| {
                    let mut parts = Vec::new();
                    result_parts(e, &mut parts);
                    parts
                })
                .collect();
            let width = per_elem.first().map_or(0, Vec::len);
            for k in 0..width {
                let mut column = Vec::new();
                for e in &per_elem {
                    column.extend(e.get(k).into_iter().flatten());
                }
                out.push(column);
            }
        }
        v => out.push(v.bits()),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("no function named `{name}` in the spec (it has: {available})")]
    NoSuchFunction { name: String, available: String },
    #[error(
        "parameter `{param}` of `{function}` is not an input of the spec: `--fn` binds each parameter to the input of the same name (with `--property P`, also to P's own inputs)"
    )]
    NotAnInput { function: String, param: String },
    #[error("parameter `{param}` of `{function}` is {param_ty}, but input `{param}` is {input_ty}")]
    TypeMismatch { function: String, param: String, param_ty: String, input_ty: String },
    #[error("cannot write `{}`: {detail}", path.display())]
    Write { path: PathBuf, detail: String },
    #[error(transparent)]
    Stage(#[from] crate::output::WriteError),
}

/// Resolves `--fn` names against the spec: each parameter must be an input of the same name and type
/// (a spec-wide one, or with `property`, that property's own input of that name).
pub fn expected_fns(spec: &TypedSpec, names: &[String], property: Option<&str>) -> Result<Vec<ExpectedFn>, ExportError> {
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
            match bind_param(spec, &local.name, local.ty, property) {
                Ok(b) => inputs.push(b),
                Err(None) => return Err(ExportError::NotAnInput { function: name.clone(), param: local.name.clone() }),
                Err(Some(input_ty)) => {
                    return Err(ExportError::TypeMismatch {
                        function: name.clone(),
                        param: local.name.clone(),
                        param_ty: spec.records.name(local.ty),
                        input_ty: spec.records.name(input_ty),
                    });
                }
            }
        }
        let mut columns = Vec::new();
        result_columns(spec, f.ret, "", &mut columns);
        out.push(ExpectedFn { name: name.clone(), index, inputs, ret: f.ret, columns });
    }
    Ok(out)
}

/// The value a parameter reads in a vector's slots.
fn input_value(program: &Program, p: &ParamInput, slots: &[u32]) -> Value {
    match p {
        ParamInput::Input(i) => {
            let input = &program.inputs[*i];
            let first = input.first_slot as usize;
            Value::from_bits(input.ty, &slots[first..first + input.ty.slots() as usize])
        }
        ParamInput::Record(r, fields) => Value::Record(*r, fields.iter().map(|f| input_value(program, f, slots)).collect()),
        ParamInput::RecordArray(r, n, fields) => {
            let fields: Vec<Value> = fields.iter().map(|f| input_value(program, f, slots)).collect();
            Value::RecordArray(*r, (0..*n as usize).map(|k| crate::check::consteval::element_of_fields(*r, &fields, k)).collect())
        }
    }
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
        for (suffix, ty) in &f.columns {
            fields.push(Field::new(format!("expected.{}{suffix}", f.name), arrow_type(*ty), true));
        }
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
                // Per vector, the result's parts (one per column), or nothing where the function fails.
                let results: Vec<Option<Vec<Vec<u32>>>> = vectors
                    .iter()
                    .map(|v| {
                        let args = f.inputs.iter().map(|p| input_value(program, p, v)).collect();
                        eval::call(spec, f.index, args).ok().map(|r| {
                            let mut parts = Vec::new();
                            result_parts(&r, &mut parts);
                            parts
                        })
                    })
                    .collect();
                for (k, (_, ty)) in f.columns.iter().enumerate() {
                    let column: Vec<Option<&Vec<u32>>> = results.iter().map(|r| r.as_ref().and_then(|parts| parts.get(k))).collect();
                    cols.push(nullable_array(*ty, &column));
                }
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

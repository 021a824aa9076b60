//! vecrun: a GPU-accelerated batch test-vector runner.
//!
//! The pipeline, one stage per module: spec text -> [`syntax`] (AST) -> [`load`] (imports) ->
//! [`check`] (typed spec) -> [`ir`] -> [`cpu`] / [`gpu`] backends -> [`run`] (results) -> output.
//! See `ARCHITECTURE.md`.

pub mod check;
#[macro_use]
pub mod cli;
pub mod cpu;
pub mod dataset;
pub mod diag;
pub mod equiv;
pub mod exit;
pub mod export;
pub mod fmt;
pub mod fsio;
pub mod r#gen;
pub mod gpu;
pub mod impls;
pub mod ir;
pub mod lint;
pub mod load;
pub mod output;
pub mod replay;
pub mod run;
pub mod sem;
pub mod shrink;
pub mod solver;
pub mod syntax;

use std::path::Path;

/// Default vector budget of `vecrun run` (and the enumeration threshold of `vecrun check`).
pub const DEFAULT_VECTORS: u64 = 10_000_000;

/// Loads and checks a spec from disk: the front end in one call, with imports confined to the
/// project directory ([`load::LoadOptions::default`]).
/// `Err` carries the sources (for rendering) and every diagnostic.
pub fn compile_spec(path: &Path) -> Result<check::Checked, CompileError> {
    compile_spec_with(path, &load::LoadOptions::default())
}

/// [`compile_spec`] with explicit load options (e.g. imports allowed outside the project).
pub fn compile_spec_with(path: &Path, options: &load::LoadOptions) -> Result<check::Checked, CompileError> {
    let loaded = load::load_with(path, &load::RealFs, options).map_err(CompileError::Load)?;
    let sources = loaded.sources.clone();
    check::check(loaded).map_err(|diagnostics| CompileError::Spec { sources, diagnostics })
}

/// Why a spec could not be compiled.
#[derive(Debug, thiserror::Error)]
pub enum CompileError {
    #[error("{0}")]
    Load(load::LoadError),
    #[error("the spec has errors")]
    Spec { sources: diag::SourceMap, diagnostics: Vec<diag::Diagnostic> },
}

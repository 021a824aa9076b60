//! `vecrun vectors`: write a spec's generated vectors and the results of named functions to Parquet.

use std::path::PathBuf;

use clap::Args;

use super::exit;
use crate::run::{Generator, PhasePlan, Space};

#[derive(Args, Debug)]
pub struct VectorsArgs {
    /// The spec (.vspec) whose inputs define the vectors.
    #[arg(value_name = "SPEC")]
    pub spec: PathBuf,
    /// How many vectors: the edge cases first, then random ones (also `1e6`). Ignored with
    /// `--exhaustive`.
    #[arg(long, default_value = "10000", value_name = "N", value_parser = super::run_cmd::parse_count)]
    pub count: u64,
    /// Every vector of the input space, in order (refused when it has more than 2^64 - 1).
    #[arg(long)]
    pub exhaustive: bool,
    /// The seed (the same seed and spec inputs give the same vectors as `vecrun run --seed`; with
    /// `--property`, as that property's vectors in `vecrun run --seed`).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Also store what this spec function returns on each vector (column `expected.NAME`); its
    /// parameters are bound to the inputs of the same names. Repeatable.
    #[arg(long = "fn", value_name = "NAME")]
    pub functions: Vec<String>,
    /// The vectors of this property's space: required when properties have inputs of their own
    /// (`property p(x: u32)`), whose spaces differ; the table then has the inputs it reads.
    #[arg(long, value_name = "NAME")]
    pub property: Option<String>,
    /// Output directory; the table is `DIR/vectors.parquet`.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

pub fn run(args: VectorsArgs) -> i32 {
    let Some(checked) = super::compile_reported(&args.spec) else { return exit::ERROR };
    let spec = checked.spec;
    let mut program = crate::ir::lower(&spec);
    let owned = program.inputs.iter().any(|i| i.owner.is_some());
    let generator = match &args.property {
        None if owned => {
            errln!(
                "error: the properties of {} have inputs of their own, so each has its own vectors: name one with --property NAME",
                args.spec.display()
            );
            return exit::ERROR;
        }
        None => Generator::new(&program.slots, args.seed, spec.input_hash),
        Some(name) => {
            if !program.properties.iter().any(|p| p.name == *name) {
                let names: Vec<&str> = program.properties.iter().map(|p| p.name.as_str()).collect();
                errln!("error: {} has no property `{name}` (it has: {})", args.spec.display(), names.join(", "));
                return exit::ERROR;
            }
            // The property's space, as `vecrun run` draws it; the table has the inputs it reads.
            program.properties.retain(|p| p.name == *name);
            let space = Space::new(&program, args.seed, spec.input_hash);
            let group = &space.groups[0];
            program.slots = group.slots.clone();
            program.inputs.retain(|i| i.owner.as_ref().is_none_or(|o| o == name));
            group.generator.clone()
        }
    };
    if args.exhaustive && generator.space().is_none() {
        errln!("error: --exhaustive: the input space of {} has more than 2^64 - 1 vectors", args.spec.display());
        return exit::ERROR;
    }
    let plan = PhasePlan::new(&generator, args.count, args.exhaustive);
    let fns = match crate::export::expected_fns(&spec, &args.functions, args.property.as_deref()) {
        Ok(f) => f,
        Err(e) => {
            errln!("error: {e}");
            return exit::ERROR;
        }
    };
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        errln!("error: cannot create `{}`: {e}", args.out.display());
        return exit::ERROR;
    }
    let path = args.out.join("vectors.parquet");
    match crate::export::write_vectors(&path, &spec, &program, &generator, args.seed, &plan, &fns) {
        Ok(rows) => {
            let phases: Vec<String> = plan.phases.iter().filter(|(_, n)| *n > 0).map(|(p, n)| format!("{} {n}", p.name())).collect();
            outln!("vecrun: {rows} vectors ({}) in {}", phases.join(", "), path.display());
            exit::OK
        }
        Err(e) => {
            errln!("error: {e}");
            exit::ERROR
        }
    }
}

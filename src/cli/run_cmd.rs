//! `vecrun run`: generate vectors, evaluate the properties, report.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{exit, report_compile_error, report_warnings};
use crate::cpu::CpuBackend;
use crate::gpu;
use crate::ir;
use crate::run::{self, Backend, Generator, Phase, PhasePlan, RunOptions, Verdict};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BackendChoice {
    /// A GPU when one is usable, else the CPU.
    Auto,
    Cpu,
    Gpu,
}

#[derive(Args, Debug)]
pub struct RunArgs {
    /// The spec to run (.vspec).
    #[arg(value_name = "SPEC")]
    pub spec: PathBuf,
    /// Which engine evaluates the vectors.
    #[arg(long, value_enum, default_value_t = BackendChoice::Auto)]
    pub backend: BackendChoice,
    /// Total vectors to evaluate (edge + random), or the enumeration threshold. Defaults to the spec's
    /// `budget.vectors`, else 10_000_000.
    #[arg(long, value_name = "N", value_parser = parse_count)]
    pub vectors: Option<u64>,
    /// Seed of the random phase (vectors are a pure function of seed, input declarations and index).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Run only these properties (repeatable).
    #[arg(long = "property", value_name = "NAME")]
    pub properties: Vec<String>,
    /// Enumerate the whole input space even when it is larger than --vectors.
    #[arg(long)]
    pub exhaustive: bool,
    /// CPU threads (default: one per core).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// Evaluate exactly one vector: this index (of --phase, default random).
    #[arg(long, value_name = "I")]
    pub index: Option<u64>,
    /// The phase --index refers to.
    #[arg(long, value_name = "PHASE", default_value = "random", value_parser = ["edge", "exhaustive", "random"])]
    pub phase: String,
    /// Counterexamples shown per failed property.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub show: usize,
    /// Failing vector indices kept per property (the failure count is always exact).
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub capacity: usize,
    /// Use the GPU adapter whose name contains this text (see `vecrun devices`).
    #[arg(long, value_name = "NAME")]
    pub adapter: Option<String>,
}

/// Accepts `1000000`, `1_000_000` and `1e6`.
pub fn parse_count(s: &str) -> Result<u64, String> {
    let clean: String = s.chars().filter(|c| *c != '_').collect();
    if let Ok(v) = clean.parse::<u64>() {
        return Ok(v);
    }
    match clean.parse::<f64>() {
        Ok(v) if v >= 0.0 && v.fract() == 0.0 && v <= u64::MAX as f64 => Ok(v as u64),
        _ => Err(format!("`{s}` is not a whole number of vectors (e.g. 1000000, 1_000_000 or 1e6)")),
    }
}

pub fn run(args: RunArgs) -> i32 {
    let checked = match crate::compile_spec(&args.spec) {
        Ok(c) => c,
        Err(e) => {
            report_compile_error(&e);
            return exit::ERROR;
        }
    };
    report_warnings(&checked.spec.sources, &checked.warnings);
    let spec = checked.spec;
    let mut program = ir::lower(&spec);
    if !args.properties.is_empty() {
        for name in &args.properties {
            if !program.properties.iter().any(|p| &p.name == name) {
                let names: Vec<&str> = program.properties.iter().map(|p| p.name.as_str()).collect();
                eprintln!("error: no property named `{name}` in {} (it has: {})", args.spec.display(), names.join(", "));
                return exit::ERROR;
            }
        }
        program.properties.retain(|p| args.properties.contains(&p.name));
    }
    if program.properties.is_empty() {
        eprintln!("error: {} has no properties to run", args.spec.display());
        return exit::ERROR;
    }
    let generator = Generator::new(&program.slots, args.seed, spec.input_hash);
    let cpu = match CpuBackend::new(&program, generator.clone(), args.threads) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::ERROR;
        }
    };
    if let Some(index) = args.index {
        let phase = Phase::parse(&args.phase).unwrap_or(Phase::Random);
        return run_one(&program, &generator, &cpu, phase, index);
    }
    let mut backend: Box<dyn Backend> = match select_backend(&args, &program, &generator, cpu) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let vectors = args.vectors.or(spec.header.budget.vectors).unwrap_or(crate::DEFAULT_VECTORS);
    let plan = PhasePlan::new(&generator, vectors, args.exhaustive);
    let options = RunOptions { capacity: args.capacity };
    let result = match run::execute(&program, &plan, backend.as_mut(), &options) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::ERROR;
        }
    };
    print!("{}", run::report::render(&spec, &program, &generator, &result, args.show));
    if result.verdicts.contains(&Verdict::Failed) || !result.divergences.is_empty() { exit::FAILED } else { exit::OK }
}

/// Picks the backend: `gpu` must open an adapter; `auto` uses a hardware GPU when there is one.
fn select_backend(args: &RunArgs, program: &ir::Program, generator: &Generator, cpu: CpuBackend) -> Result<Box<dyn Backend>, i32> {
    let want_gpu = args.backend != BackendChoice::Cpu;
    if !want_gpu {
        return Ok(Box::new(cpu));
    }
    let hardware_only = args.backend == BackendChoice::Auto && args.adapter.is_none();
    let opened = gpu::open_device(args.adapter.as_deref(), hardware_only);
    let dev = match opened {
        Ok(d) => d,
        Err(e) if args.backend == BackendChoice::Auto => {
            eprintln!("vecrun: no usable GPU ({e}); using the CPU backend ({})", cpu.adapter());
            return Ok(Box::new(cpu));
        }
        Err(e) => {
            eprintln!("error: {e}");
            return Err(exit::ERROR);
        }
    };
    let reference = match CpuBackend::new(program, generator.clone(), args.threads) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return Err(exit::ERROR);
        }
    };
    match gpu::GpuBackend::new(dev, program, generator.clone(), reference) {
        Ok(g) => {
            eprintln!("vecrun: using the GPU backend ({})", g.adapter());
            Ok(Box::new(g))
        }
        Err(e) if args.backend == BackendChoice::Auto => {
            eprintln!("vecrun: the GPU backend cannot run this spec ({e}); using the CPU backend ({})", cpu.adapter());
            Ok(Box::new(cpu))
        }
        Err(e) => {
            eprintln!("error: {e}");
            Err(exit::ERROR)
        }
    }
}

/// `--index`: regenerate one vector and evaluate every selected property on it.
fn run_one(program: &ir::Program, generator: &Generator, backend: &CpuBackend, phase: Phase, index: u64) -> i32 {
    let mut slots = vec![0u32; generator.slots];
    generator.decode(phase, index, &mut slots);
    println!("vector {} #{index}", phase.name());
    for (name, value) in run::report::input_values(program, &slots) {
        println!("    {name} = {value}");
    }
    let outcomes = backend.eval_vectors(&[slots]);
    let mut failed = false;
    for (p, codes) in program.properties.iter().zip(&outcomes) {
        let o = ir::Outcome::decode(codes[0]);
        let text = match o {
            ir::Outcome::Pass => "passed".to_string(),
            ir::Outcome::Discard(id) => format!("discarded by `assume {}` at {}", p.assumes[id as usize].text, p.assumes[id as usize].location),
            _ => {
                failed = true;
                let (msg, _, loc) = run::report::failure_reason(p, o);
                format!("FAILED at {loc}: {msg}")
            }
        };
        println!("  {}: {text}", p.name);
    }
    if failed { exit::FAILED } else { exit::OK }
}

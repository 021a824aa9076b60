//! Shared test helpers: compiling spec text from memory and acquiring the GPU test adapter.
#![allow(dead_code)]

use std::path::Path;

use vecrun::check::TypedSpec;
use vecrun::gpu::GpuDevice;

/// Compiles spec text (imports resolved against an empty in-memory file system).
pub fn compile_text(text: &str) -> TypedSpec {
    let loaded = vecrun::load::load_text(Path::new("test.vspec"), text.to_string(), &vecrun::load::MemoryFs::new());
    let sources = loaded.sources.clone();
    match vecrun::check::check(loaded) {
        Ok(c) => c.spec,
        Err(d) => panic!("spec does not compile:\n{}\n{text}", vecrun::diag::render(&sources, &d, vecrun::diag::Color::Never)),
    }
}

/// The GPU adapter for tests (lavapipe on CI). With `VECRUN_REQUIRE_GPU=1` a missing adapter is a
/// failure; otherwise the test says it is skipping and returns `None`.
pub fn gpu_device() -> Option<GpuDevice> {
    match vecrun::gpu::open_device(None, false) {
        Ok(d) => Some(d),
        Err(e) => {
            if std::env::var("VECRUN_REQUIRE_GPU").is_ok_and(|v| v == "1") {
                panic!("VECRUN_REQUIRE_GPU=1 but no GPU adapter could be opened: {e}");
            }
            eprintln!("SKIPPED: no GPU adapter ({e}); set VECRUN_REQUIRE_GPU=1 to make this a failure");
            None
        }
    }
}

/// A spec compiled from text, lowered, with its generator (seed 0): what backend tests start from.
pub struct Compiled {
    pub program: vecrun::ir::Program,
    pub generator: vecrun::run::Generator,
}

/// Compiles, lowers and builds the seed-0 generator of spec text.
pub fn compile(text: &str) -> Compiled {
    let spec = compile_text(text);
    let program = vecrun::ir::lower(&spec);
    let generator = vecrun::run::Generator::new(&program.slots, 0, spec.input_hash);
    Compiled { program, generator }
}

/// The two-thread CPU backend of a compiled spec (the reference the GPU is compared with).
pub fn cpu(c: &Compiled) -> vecrun::cpu::CpuBackend {
    vecrun::cpu::CpuBackend::new(&c.program, c.generator.clone(), 2).expect("cpu backend")
}

/// splitmix64: a small deterministic generator for program shapes and operands in tests.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

/// The differential check of random programs: `text` defines `fn f` over its inputs and one property
/// `bit{k}` per entry of `bits` asserting that bit `k` of `f` is clear, over a finite space. The
/// reference interpreter's value of `f` on every vector gives the failing indices of each property;
/// every CPU engine in `engines` must fail exactly there, and `gpu` (when given) must agree with the
/// first engine on every count. `label` names the program in failure messages.
pub fn f_bits_agree(text: &str, bits: &[u32], engines: &[vecrun::cpu::CpuEngine], gpu: Option<&GpuDevice>, label: &str) -> u64 {
    use vecrun::check::Value;
    use vecrun::run::{Backend, Phase};
    let spec = compile_text(text);
    let program = vecrun::ir::lower(&spec);
    let generator = vecrun::run::Generator::new(&program.slots, 0, spec.input_hash);
    let space = generator.space().expect("finite");
    let f = spec.functions.iter().position(|x| x.name == "f").expect("f");
    let mut want: Vec<Vec<u64>> = vec![Vec::new(); bits.len()];
    let mut slots = vec![0u32; program.slots.len()];
    for index in 0..space {
        generator.decode(Phase::Exhaustive, index, &mut slots);
        let args = program
            .inputs
            .iter()
            .map(|i| Value::from_bits(i.ty, &slots[i.first_slot as usize..(i.first_slot + i.ty.slots()) as usize]))
            .collect();
        let v = match vecrun::check::interp::call(&spec, f, args) {
            Ok(Value::Scalar(_, v)) => v,
            other => panic!("{label}: f does not return a scalar: {other:?}\n{text}"),
        };
        for (k, bit) in bits.iter().enumerate() {
            if (v >> bit) & 1 == 1 {
                want[k].push(index);
            }
        }
    }
    let c = Compiled { program, generator };
    let mut first = None;
    for &engine in engines {
        let mut backend = cpu(&c).with_engine(engine);
        let stats = backend.run_range(Phase::Exhaustive, 0, space, space as usize).expect("cpu runs");
        for (k, s) in stats.iter().enumerate() {
            let got: Vec<u64> = s.failures.iter().map(|x| x.index).collect();
            assert_eq!(got, want[k], "{label}, bit {}, {engine:?}: the CPU and the interpreter disagree\n{text}", bits[k]);
        }
        first.get_or_insert(stats);
    }
    if let Some(dev) = gpu {
        let mut backend = vecrun::gpu::GpuBackend::new(dev.clone(), &c.program, c.generator.clone(), cpu(&c)).expect("gpu backend");
        let got = backend.run_range(Phase::Exhaustive, 0, space, space as usize).expect("gpu runs");
        assert!(backend.divergences.is_empty() && Some(got) == first, "{label}: the GPU differs\n{text}");
    }
    space
}

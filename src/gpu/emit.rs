//! The WGSL writer: IR -> one compute shader per spec ([`wgsl::Module`]), all selected
//! properties fused in one kernel so inputs are generated once per vector.

use super::wgsl::{ConstValue, Expr, Function, Global, Module, Stmt, Ty};
use crate::check::Type;
use crate::r#gen::domain::{SlotDecoder, domain_size, f32_range_keys};
use crate::r#gen::{Domain, RandomLayout};
use crate::ir::{self, ArrayRef, Handle, Inst, Op, Program, PropertyIr};
use crate::sem::{Builtin, ScalarType};
use crate::syntax::ast::{BinOp, UnOp};

/// The hand-written WGSL library every generated shader starts with.
pub const LIBRARY: [(&str, &str); 2] =
    [("gen.wgsl", include_str!("../../shaders/gen.wgsl")), ("semantics.wgsl", include_str!("../../shaders/semantics.wgsl"))];

/// Invocations per workgroup.
pub const WORKGROUP_SIZE: u32 = 64;
/// Vectors each invocation evaluates, at most (fewer when the properties' loops are long: see
/// [`LOOP_BUDGET`]).
pub const VECTORS_PER_INVOCATION: u32 = 16;

/// Loop iterations one shader invocation may run in all. llvmpipe (lavapipe) stops *every* loop of an
/// invocation once 65,535 loop iterations have run in it (gallivm's `LP_MAX_TGSI_LOOP_ITERATIONS`, a
/// guard against hangs): loops after that exit early, silently. That is how
/// `for k in 0..1048576 { s += 1; }` passed `assert s != 1048576` on every vector, and with 4,096
/// trips 1 vector in 16 (the 16th of each invocation, after 15 * 4,097 iterations) was cut. So an
/// invocation evaluates only as many vectors as fit this budget (with a margin for loops the
/// estimate does not see), a property whose loops alone exceed it runs on the CPU on llvmpipe
/// ([`super::GpuBackend::new`]), and every loop is checked on exit ([`OUTCOME_LOOP_CUT`]).
pub const LOOP_BUDGET: u64 = 60_000;

/// The outcome a property returns when one of its loops ended before its last trip (a driver cut
/// it short): no property returns it otherwise, and the runtime treats it as a device error.
pub const OUTCOME_LOOP_CUT: u32 = 0xF000_0000;

/// Loop iterations one evaluation of `insts` runs at most (every loop at its full trip count, the
/// longer branch of every `if`).
pub fn loop_iterations(insts: &[Inst]) -> u64 {
    insts
        .iter()
        .map(|inst| match inst {
            Inst::For { start, end, body, .. } => {
                let trips = (*end - *start).max(0) as u64;
                trips.saturating_mul(1 + loop_iterations(body))
            }
            Inst::If { then, els, .. } => loop_iterations(then).max(loop_iterations(els)),
            Inst::CopyArray { src: ArrayRef::Input { len, .. }, .. } => *len as u64,
            _ => 0,
        })
        .fold(0u64, |a, b| a.saturating_add(b))
}

/// Loop iterations per vector outside the properties: input generation (Philox rounds, explicit
/// slot copies) and the vector loop itself.
pub fn loader_iterations(program: &Program) -> u64 {
    let philox_rounds = RandomLayout::new(&program.slots).calls() as u64 * 10;
    1 + philox_rounds.max(program.slots.len() as u64)
}

/// The pipeline-overridable constant that selects the input mode.
pub const MODE_OVERRIDE: &str = "MODE";

/// How the shader reads its inputs (the `MODE` override).
pub const MODE_RANDOM: u32 = 0;
pub const MODE_EXHAUSTIVE: u32 = 1;
pub const MODE_EXPLICIT: u32 = 2;
/// Explicit vectors whose every outcome is written to the `failures` buffer (word `off * properties
/// + p`), for [`super::GpuBackend::eval_vectors`]. The failure list is off (`fail_cap` 0).
pub const MODE_EVAL: u32 = 3;

/// The fields of the `Params` uniform, in order (the runtime's `Params` struct mirrors them).
/// `zero0..zero2` are always 0: XORed into the bits of every float operand (`vr_opaque`), they are
/// values the shader compiler cannot know, so it can neither fold nor reassociate nor contract
/// float operations (docs/semantics.md section 6: each operation rounds once, as written).
pub const PARAMS_FIELDS: [&str; 12] =
    ["base_lo", "base_hi", "count", "mode", "key0", "key1", "fail_cap", "row_stride", "zero0", "zero1", "zero2", "pad"];

/// Where each property's counters sit in the counter buffer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PropertyCounters {
    /// Index of `failed`; then `discarded`, `out_of_bounds`, `evaluated` (vectors the property
    /// returned an outcome for, counted on the device), `loop_bound`, one per assert, one per
    /// assume, one per cover.
    pub base: u32,
    pub asserts: u32,
    pub assumes: u32,
    pub covers: u32,
}

impl PropertyCounters {
    pub fn len(&self) -> u32 {
        5 + self.asserts + self.assumes + self.covers
    }
    pub fn is_empty(&self) -> bool {
        false
    }
    pub fn evaluated(&self) -> u32 {
        self.base + 3
    }
    pub fn loop_bound(&self) -> u32 {
        self.base + 4
    }
    pub fn assert(&self, id: u32) -> u32 {
        self.base + 5 + id
    }
    pub fn assume(&self, id: u32) -> u32 {
        self.base + 5 + self.asserts + id
    }
    pub fn cover(&self, id: u32) -> u32 {
        self.base + 5 + self.asserts + self.assumes + id
    }
}

/// The buffer layout a generated shader uses; the runtime reads results with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShaderLayout {
    pub slots: u32,
    pub properties: Vec<PropertyCounters>,
    /// Event counters (all properties); the per-property failure-list fill counts follow them.
    pub counters: u32,
    /// Domain size mod 2^32 of each slot (0 encodes 2^32), for exhaustive decoding.
    pub radices: Vec<u32>,
    /// Vectors each invocation evaluates: as many as fit [`LOOP_BUDGET`], 1 to [`VECTORS_PER_INVOCATION`].
    pub vectors_per_invocation: u32,
}

impl ShaderLayout {
    pub fn new(program: &Program) -> ShaderLayout {
        let mut base = 0;
        let mut properties = Vec::new();
        for p in &program.properties {
            let c =
                PropertyCounters { base, asserts: p.asserts.len() as u32, assumes: p.assumes.len() as u32, covers: p.covers.len() as u32 };
            base += c.len();
            properties.push(c);
        }
        let radices = program.slots.iter().map(|d| domain_size(d) as u32).collect();
        // Each property's loop body per vector, plus one trip of its bookkeeping loop after the vectors (and the
        // loader's loops again where the bookkeeping evaluates the property again).
        let per_vector = program
            .properties
            .iter()
            .map(|p| loop_iterations(&p.body).saturating_add(1).saturating_add(if reevaluates(p) { loader_iterations(program) } else { 0 }))
            .fold(loader_iterations(program), |a, b| a.saturating_add(b));
        let fixed = 2 * (base as u64 + program.properties.len() as u64).div_ceil(WORKGROUP_SIZE as u64);
        let fit = LOOP_BUDGET.saturating_sub(fixed) / per_vector.max(1);
        let vectors_per_invocation = fit.clamp(1, VECTORS_PER_INVOCATION as u64) as u32;
        ShaderLayout { slots: program.slots.len() as u32, properties, counters: base, radices, vectors_per_invocation }
    }
    /// Total u32 words of the counter buffer (event counters + one fill count per property).
    pub fn counter_words(&self) -> u32 {
        self.counters + self.properties.len() as u32
    }
}

/// Why a program cannot run on the GPU backend.
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    #[error("property `{0}` has {1} covers; the GPU backend supports at most 32 per property")]
    TooManyCovers(String, usize),
    #[error("property `{0}` calls an extern fn; implementations run on the CPU, not in a shader")]
    ExternCall(String),
    #[error("property `{0}` computes with f64, which WGSL does not have; it runs on the CPU")]
    Float64(String),
}

fn ns(layout: &ShaderLayout) -> u32 {
    layout.slots.max(1)
}

fn v(n: ir::Val) -> Expr {
    Expr::ident(format!("v{}", n.index()))
}
fn var(n: ir::VarId) -> Expr {
    Expr::ident(format!("var{}", n.index()))
}
fn u(x: u32) -> Expr {
    Expr::U32(x)
}
fn slots_ptr() -> Expr {
    Expr::ident("s")
}

fn ty_of(t: ScalarType) -> Ty {
    // Narrow integers are carried in their 32-bit carrier (`sem`).
    match t.carrier() {
        ScalarType::Bool => Ty::Bool,
        ScalarType::U32 => Ty::U32,
        ScalarType::I32 => Ty::I32,
        ScalarType::F32 => Ty::F32,
        ScalarType::U8 | ScalarType::U16 | ScalarType::I8 | ScalarType::I16 => unreachable!("a carrier is 32 bits"),
        ScalarType::U64 | ScalarType::I64 | ScalarType::F64 => {
            unreachable!("64-bit values are pairs of u32 words past the front end (ir::lower)")
        }
    }
}

fn ty_of_type(t: Type) -> Ty {
    match t {
        Type::Scalar(s) => ty_of(s),
        Type::Array(s, n) => Ty::Array(Box::new(ty_of(s)), n),
        Type::Record(_) | Type::RecordArray(..) => {
            unreachable!("inputs, extern fns and IR variables are never records (docs/ARCHITECTURE invariant)")
        }
    }
}

/// A u32 slot word as a value of type `t`.
fn from_bits(t: ScalarType, e: Expr) -> Expr {
    // Narrow integers are carried in their 32-bit carrier (`sem`).
    match t.carrier() {
        ScalarType::U32 => e,
        ScalarType::I32 => Expr::bitcast(Ty::I32, e),
        ScalarType::F32 => Expr::bitcast(Ty::F32, e),
        ScalarType::Bool => Expr::bin("!=", e, u(0)),
        ScalarType::U8 | ScalarType::U16 | ScalarType::I8 | ScalarType::I16 => unreachable!("a carrier is 32 bits"),
        ScalarType::U64 | ScalarType::I64 | ScalarType::F64 => {
            unreachable!("64-bit values are pairs of u32 words past the front end (ir::lower)")
        }
    }
}

fn literal(t: ScalarType, bits: u32) -> Expr {
    // Narrow integers are carried in their 32-bit carrier (`sem`).
    match t.carrier() {
        ScalarType::U32 => Expr::U32(bits),
        ScalarType::I32 => Expr::I32(bits as i32),
        ScalarType::F32 => Expr::F32Bits(bits),
        ScalarType::Bool => Expr::Bool(bits != 0),
        ScalarType::U8 | ScalarType::U16 | ScalarType::I8 | ScalarType::I16 => unreachable!("a carrier is 32 bits"),
        ScalarType::U64 | ScalarType::I64 | ScalarType::F64 => {
            unreachable!("64-bit values are pairs of u32 words past the front end (ir::lower)")
        }
    }
}

/// An index value as u32 (i32 indices are reinterpreted; a negative one is huge and fails the check).
fn index_u32(p: &PropertyIr, i: ir::Val) -> Expr {
    match p.val_type(i) {
        ScalarType::I32 => Expr::bitcast(Ty::U32, v(i)),
        _ => v(i),
    }
}

/// An index for memory access, clamped into `0..len` like the CPU backend's reads. The bounds
/// check before it decides the verdict; the clamp keeps a constant out-of-range index (in code the
/// check makes unreachable) from being rejected by the shader compiler.
fn access_index(p: &PropertyIr, i: ir::Val, len: u32) -> Expr {
    Expr::call("min", vec![index_u32(p, i), u(len.saturating_sub(1))])
}

/// Builds the shader for `program`.
pub fn emit(program: &Program) -> Result<(Module, ShaderLayout), EmitError> {
    for p in &program.properties {
        if p.covers.len() > 32 {
            return Err(EmitError::TooManyCovers(p.name.clone(), p.covers.len()));
        }
        if p.calls_extern() {
            return Err(EmitError::ExternCall(p.name.clone()));
        }
        if p.uses_f64(&|s| program.f64_slot(s)) {
            return Err(EmitError::Float64(p.name.clone()));
        }
    }
    let layout = ShaderLayout::new(program);
    let n_slots = ns(&layout);
    let mut globals = vec![
        Global::Struct { name: "Params".into(), fields: PARAMS_FIELDS.iter().map(|n| (n.to_string(), Ty::U32)).collect() },
        Global::Binding { group: 0, binding: 0, space: "uniform", name: "params".into(), ty: Ty::Named("Params".into()) },
        Global::Binding {
            group: 0,
            binding: 1,
            space: "storage, read_write",
            name: "counters".into(),
            ty: Ty::RuntimeArray(Box::new(Ty::Atomic(Box::new(Ty::U32)))),
        },
        Global::Binding {
            group: 0,
            binding: 2,
            space: "storage, read_write",
            name: "failures".into(),
            ty: Ty::RuntimeArray(Box::new(Ty::U32)),
        },
        Global::Binding { group: 0, binding: 3, space: "storage, read", name: "aux".into(), ty: Ty::RuntimeArray(Box::new(Ty::U32)) },
        Global::Workgroup { name: "wg_counts".into(), ty: Ty::Array(Box::new(Ty::Atomic(Box::new(Ty::U32))), layout.counters.max(1)) },
        // One pipeline per input mode: the compiler drops the loaders a pipeline never uses.
        Global::Override { name: MODE_OVERRIDE.into(), ty: Ty::U32, default: Expr::U32(MODE_RANDOM) },
    ];
    // Constant tables: set domains (random and exhaustive decoding).
    let mut set_tables: Vec<(Vec<u32>, String)> = Vec::new();
    for d in &program.slots {
        // A 64-bit set's low (high) words, in member order.
        let words: Option<Vec<u32>> = match d {
            Domain::WideSetLo { values, .. } => Some(values.iter().map(|&v| v as u32).collect()),
            Domain::WideSetHi { values, .. } => Some(values.iter().map(|&v| (v >> 32) as u32).collect()),
            _ => None,
        };
        let values = match (d, &words) {
            (Domain::Set { values, .. }, _) => values,
            (_, Some(w)) => w,
            _ => continue,
        };
        if !set_tables.iter().any(|(v, _)| v == values) {
            let name = format!("SET{}", set_tables.len());
            globals.push(Global::Const {
                name: name.clone(),
                ty: Ty::Array(Box::new(Ty::U32), values.len() as u32),
                value: ConstValue::U32Array(values.clone()),
            });
            set_tables.push((values.clone(), name));
        }
    }
    let table = |values: &Vec<u32>| set_tables.iter().find(|(v, _)| v == values).map(|(_, n)| n.clone()).unwrap_or_default();
    let slots_ty = Ty::Array(Box::new(Ty::U32), n_slots);
    let slots_param = (None, "s".to_string(), Ty::PtrFunction(Box::new(slots_ty.clone())));

    let mut functions = vec![
        load_random(program, &table, slots_param.clone()),
        load_exhaustive(program, &table, slots_param.clone()),
        load_explicit(n_slots, slots_param.clone()),
    ];
    for (i, p) in program.properties.iter().enumerate() {
        functions.push(property_fn(i, p, slots_param.clone()));
    }
    functions.push(main_fn(program, &layout, slots_ty));
    let module = Module {
        header: vec![
            "Generated by vecrun from the IR; do not edit.".into(),
            format!(
                "generator_version {}; {} slots; {} properties",
                crate::r#gen::GENERATOR_VERSION,
                layout.slots,
                program.properties.len()
            ),
        ],
        library: LIBRARY.to_vec(),
        globals,
        functions,
    };
    Ok((module, layout))
}

fn slot_at(k: u32) -> Expr {
    Expr::index(Expr::deref(slots_ptr()), u(k))
}

fn load_random(program: &Program, table: &dyn Fn(&Vec<u32>) -> String, slots_param: (Option<String>, String, Ty)) -> Function {
    let layout = RandomLayout::new(&program.slots);
    let calls = layout.calls();
    let mut body = Vec::new();
    let key = Expr::ident("key");
    for c in 0..calls {
        body.push(Stmt::Let(
            format!("r{c}"),
            Ty::Vec4U32,
            Expr::call(
                "vr_philox",
                vec![
                    Expr::construct(Ty::Vec4U32, vec![Expr::ident("lo"), Expr::ident("hi"), u(c), u(crate::r#gen::RANDOM_STREAM)]),
                    key.clone(),
                ],
            ),
        ));
    }
    // Word `o` is component `o % 4` of call `o / 4`.
    let word = |o: u32| Expr::field(Expr::ident(format!("r{}", o / 4)), ["x", "y", "z", "w"][(o % 4) as usize]);
    for (k, d) in layout.decoders().iter().enumerate() {
        let off = layout.offsets()[k];
        let w0 = word(off);
        let value = match d {
            SlotDecoder::Bool => Expr::bin(">>", w0, u(31)),
            SlotDecoder::Int { lo, n32 } => Expr::call("vr_decode_int", vec![w0, u(*lo), u(*n32)]),
            SlotDecoder::Bits => w0,
            SlotDecoder::F32Range { key_lo, key_n, grid } => {
                let w1 = word(off + 1);
                Expr::call(
                    "vr_decode_f32_range",
                    vec![w0, w1, u(*key_lo), u(*key_n), Expr::I32(grid.lo_idx), u(grid.count), Expr::I32(grid.exp)],
                )
            }
            SlotDecoder::Set { values, n32 } | SlotDecoder::WideSet { words: values, n32, .. } => {
                Expr::index(Expr::ident(table(values)), Expr::call("vr_lemire", vec![w0, u(*n32)]))
            }
            // WGSL has no f64: a property that reads an `f64` input runs on the CPU (`runtime::route`), so no
            // shader reads these slots. Their words are still skipped (the offsets above).
            SlotDecoder::Zero | SlotDecoder::F64 { .. } => u(0),
            SlotDecoder::Wide { lo, n, high } => {
                let pair = |x: u64| Expr::construct(Ty::Vec2U32, vec![u(x as u32), u((x >> 32) as u32)]);
                let v = Expr::call("vr_decode_wide", vec![w0, word(off + 1), pair(*lo), pair(*n)]);
                Expr::field(v, if *high { "y" } else { "x" })
            }
        };
        body.push(Stmt::Assign(slot_at(k as u32), value));
    }
    Function {
        attributes: vec![],
        name: "load_random".into(),
        params: vec![(None, "lo".into(), Ty::U32), (None, "hi".into(), Ty::U32), (None, "key".into(), Ty::Vec2U32), slots_param],
        ret: None,
        body,
    }
}

fn load_exhaustive(program: &Program, table: &dyn Fn(&Vec<u32>) -> String, slots_param: (Option<String>, String, Ty)) -> Function {
    let mut body = vec![Stmt::Var("rem".into(), Ty::U32, Some(Expr::ident("off"))), Stmt::Var("carry".into(), Ty::U32, Some(u(0)))];
    for (k, d) in program.slots.iter().enumerate() {
        let size32 = domain_size(d) as u32;
        let dk = format!("d{k}");
        let rk = format!("r{k}");
        if size32 == 0 {
            body.push(Stmt::Let(dk.clone(), Ty::U32, Expr::ident("rem")));
            body.push(Stmt::Assign(Expr::ident("rem"), u(0)));
        } else {
            body.push(Stmt::Let(dk.clone(), Ty::U32, Expr::bin("%", Expr::ident("rem"), u(size32))));
            body.push(Stmt::Assign(Expr::ident("rem"), Expr::bin("/", Expr::ident("rem"), u(size32))));
        }
        body.push(Stmt::Let(
            rk.clone(),
            Ty::Vec2U32,
            Expr::call(
                "vr_digit_add",
                vec![Expr::index(Expr::ident("aux"), u(k as u32)), Expr::ident(dk), Expr::ident("carry"), u(size32)],
            ),
        ));
        body.push(Stmt::Assign(Expr::ident("carry"), Expr::field(Expr::ident(rk.clone()), "y")));
        let ord = Expr::field(Expr::ident(rk), "x");
        let value = match d {
            Domain::Bool => ord,
            Domain::U32Range { lo, .. } => Expr::bin("+", u(*lo), ord),
            Domain::I32Range { lo, .. } => Expr::bin("+", u(*lo as u32), ord),
            Domain::F32Any => Expr::call("vr_f32_from_key", vec![ord]),
            Domain::F32Range { lo, hi, hi_inclusive } => {
                let (key_lo, _) = f32_range_keys(*lo, *hi, *hi_inclusive);
                Expr::call("vr_f32_from_key", vec![Expr::bin("+", u(key_lo), ord)])
            }
            Domain::Set { values, .. } => Expr::index(Expr::ident(table(values)), ord),
            Domain::WideLo { lo, .. } => Expr::bin("+", u(*lo as u32), ord),
            Domain::WideSetLo { values, .. } => Expr::index(Expr::ident(table(&values.iter().map(|&v| v as u32).collect())), ord),
            // Never read on the device (see `load_random`).
            Domain::Unused | Domain::F64Lo { .. } | Domain::F64Hi { .. } => u(0),
            // The member the low word (the previous slot) picked: its ordinal.
            Domain::WideSetHi { values, .. } => Expr::index(
                Expr::ident(table(&values.iter().map(|&v| (v >> 32) as u32).collect())),
                Expr::field(Expr::ident(format!("r{}", k - 1)), "x"),
            ),
            // The previous slot holds the low word: a carry when it wrapped below the range's low word.
            Domain::WideHi { lo, .. } => Expr::bin(
                "+",
                u((lo >> 32) as u32),
                Expr::call("select", vec![u(0), u(1), Expr::bin("<", slot_at(k as u32 - 1), u(*lo as u32))]),
            ),
        };
        body.push(Stmt::Assign(slot_at(k as u32), value));
    }
    Function {
        attributes: vec![],
        name: "load_exhaustive".into(),
        params: vec![(None, "off".into(), Ty::U32), slots_param],
        ret: None,
        body,
    }
}

fn load_explicit(n_slots: u32, slots_param: (Option<String>, String, Ty)) -> Function {
    let body = vec![Stmt::For {
        var: "k".into(),
        ty: Ty::U32,
        start: u(0),
        end: u(n_slots),
        body: vec![Stmt::Assign(
            Expr::index(Expr::deref(slots_ptr()), Expr::ident("k")),
            Expr::index(Expr::ident("aux"), Expr::bin("+", Expr::bin("*", Expr::ident("off"), u(n_slots)), Expr::ident("k"))),
        )],
    }];
    Function { attributes: vec![], name: "load_explicit".into(), params: vec![(None, "off".into(), Ty::U32), slots_param], ret: None, body }
}

fn property_fn(i: usize, p: &PropertyIr, slots_param: (Option<String>, String, Ty)) -> Function {
    let mut body = Vec::new();
    for (x, decl) in p.vars.iter_enumerated() {
        body.push(Stmt::Var(format!("var{}", x.index()), ty_of_type(decl.ty), None));
    }
    block(p, &constants(p), &p.body, &mut body);
    body.push(Stmt::Return(Some(u(ir::OUTCOME_PASS))));
    Function {
        attributes: vec![],
        name: format!("prop_{i}"),
        params: vec![slots_param, (None, "cover".into(), Ty::PtrFunction(Box::new(Ty::U32)))],
        ret: Some(Ty::U32),
        body,
    }
}

/// Values bound to constants (the IR hoists them to the start of the property).
fn constants(p: &PropertyIr) -> std::collections::HashMap<ir::Val, u32> {
    p.body
        .iter()
        .filter_map(|i| match i {
            Inst::Let(v, Op::Const(_, b)) => Some((*v, *b)),
            _ => None,
        })
        .collect()
}

fn block(p: &PropertyIr, consts: &std::collections::HashMap<ir::Val, u32>, insts: &[Inst], out: &mut Vec<Stmt>) {
    for inst in insts {
        match inst {
            // `emit` refuses properties that call an extern fn before any statement is written.
            Inst::Extern { .. } => {}
            Inst::Let(val, op) => {
                out.push(Stmt::Let(format!("v{}", val.index()), ty_of(p.val_type(*val)), op_expr(p, consts, op, p.val_type(*val))))
            }
            Inst::Set(x, val) => out.push(Stmt::Assign(var(*x), v(*val))),
            Inst::SetElem(x, i, val) => out.push(Stmt::Assign(Expr::index(var(*x), access_index(p, *i, p.vars[*x].ty.slots())), v(*val))),
            Inst::CopyArray { dst, src } => match src {
                ArrayRef::Var(s) => out.push(Stmt::Assign(var(*dst), var(*s))),
                ArrayRef::Input { first_slot, len } => {
                    let elem = p.vars[*dst].ty.elem();
                    let k = "k".to_string();
                    out.extend(checked_loop(
                        k.clone(),
                        *len,
                        vec![Stmt::Assign(
                            Expr::index(var(*dst), Expr::ident(k.clone())),
                            from_bits(elem, Expr::index(Expr::deref(slots_ptr()), Expr::bin("+", u(*first_slot), Expr::ident(k)))),
                        )],
                    ));
                }
            },
            Inst::If { cond, then, els } => {
                let mut t = Vec::new();
                let mut e = Vec::new();
                block(p, consts, then, &mut t);
                block(p, consts, els, &mut e);
                out.push(Stmt::If(v(*cond), t, e));
            }
            Inst::For { var: x, start, end, body } => {
                // A u32 trip counter: `end` may be one past the type's largest value (`..=MAX`),
                // which has no representation in the loop variable's own type.
                let ty = p.vars[*x].ty.elem();
                let trips = (*end - *start).max(0) as u32;
                let counter = format!("t{}", x.index());
                let value = match ty {
                    ScalarType::I32 => Expr::bin("+", Expr::I32(*start as i32), Expr::bitcast(Ty::I32, Expr::ident(counter.clone()))),
                    _ => Expr::bin("+", u(*start as u32), Expr::ident(counter.clone())),
                };
                let mut b = vec![Stmt::Assign(var(*x), value)];
                block(p, consts, body, &mut b);
                out.extend(checked_loop(counter, trips, b));
            }
            Inst::BoundsCheck { index, len, site } => {
                let bad = Expr::bin(">=", index_u32(p, *index), u(*len));
                out.push(Stmt::If(bad, vec![Stmt::Return(Some(u(ir::Outcome::OutOfBounds(*site).encode())))], vec![]));
            }
            Inst::Assert { id, cond } => {
                out.push(Stmt::If(Expr::un("!", v(*cond)), vec![Stmt::Return(Some(u(ir::Outcome::Fail(*id).encode())))], vec![]));
            }
            Inst::LoopBound { site, cond } => {
                out.push(Stmt::If(Expr::un("!", v(*cond)), vec![Stmt::Return(Some(u(ir::Outcome::LoopBound(*site).encode())))], vec![]));
            }
            Inst::Assume { id, cond } => {
                out.push(Stmt::If(Expr::un("!", v(*cond)), vec![Stmt::Return(Some(u(ir::Outcome::Discard(*id).encode())))], vec![]));
            }
            Inst::Cover { id, cond } => {
                let cov = Expr::deref(Expr::ident("cover"));
                out.push(Stmt::If(v(*cond), vec![Stmt::Assign(cov.clone(), Expr::bin("|", cov, u(1 << id)))], vec![]));
            }
        }
    }
}

/// `for (var c = 0u; c < trips; c++) { body }`, with the counter declared outside so that the
/// property returns [`OUTCOME_LOOP_CUT`] if the loop ended early (see [`LOOP_BUDGET`]).
fn checked_loop(counter: String, trips: u32, body: Vec<Stmt>) -> Vec<Stmt> {
    let c = Expr::ident(counter.clone());
    vec![Stmt::Block(vec![
        Stmt::Var(counter.clone(), Ty::U32, Some(u(0))),
        Stmt::While { var: counter, end: u(trips), body },
        Stmt::If(Expr::bin("!=", c, u(trips)), vec![Stmt::Return(Some(u(OUTCOME_LOOP_CUT)))], vec![]),
    ])]
}

fn op_expr(p: &PropertyIr, consts: &std::collections::HashMap<ir::Val, u32>, op: &Op, ty: ScalarType) -> Expr {
    use ScalarType as S;
    match op {
        Op::Const(t, b) => literal(*t, *b),
        Op::Input(slot) => from_bits(ty, slot_at(*slot)),
        Op::InputElem { first_slot, index, len } => {
            from_bits(ty, Expr::index(Expr::deref(slots_ptr()), Expr::bin("+", u(*first_slot), access_index(p, *index, *len))))
        }
        Op::Var(x) => var(*x),
        Op::Float64 { .. } => unreachable!("`emit` refuses properties that compute with f64 (EmitError::Float64)"),
        Op::VarElem(x, i) => Expr::index(var(*x), access_index(p, *i, p.vars[*x].ty.slots())),
        Op::Unary(o, t, a) => match (o, t) {
            (UnOp::Neg, S::F32) => Expr::call("vr_f32_neg", vec![v(*a)]),
            (UnOp::Neg, S::I32) => Expr::bin("-", Expr::I32(0), v(*a)),
            (UnOp::Neg, _) => Expr::bin("-", u(0), v(*a)),
            (UnOp::Not, _) => Expr::un("!", v(*a)),
            (UnOp::BitNot, _) => Expr::un("~", v(*a)),
        },
        Op::Binary(o, t, a, b) => {
            // A constant divisor other than 0 (and -1 for i32) needs none of the helpers' cases,
            // and the compiler turns the native operator into a multiply.
            let divisor = consts.get(b).copied();
            let plain = match t {
                ScalarType::U32 => divisor.is_some_and(|d| d != 0),
                ScalarType::I32 => divisor.is_some_and(|d| d != 0 && d != u32::MAX),
                _ => false,
            };
            match o {
                BinOp::Div if plain => Expr::bin("/", v(*a), v(*b)),
                BinOp::Rem if plain => Expr::bin("%", v(*a), v(*b)),
                _ => binary(*o, *t, v(*a), v(*b), p.val_type(*b)),
            }
        }
        Op::Cast(from, to, a) => cast(*from, *to, v(*a)),
        Op::Builtin(bi, t, args) => builtin(*bi, *t, args.iter().map(|a| v(*a)).collect()),
    }
}

/// A float operand the shader compiler cannot see through: its bits XORed with a zero word of the
/// `Params` uniform ([`PARAMS_FIELDS`]). Operand `k` of an operation uses word `k`, so two uses of one
/// value stay distinct too (`x - x` cannot be folded to `0.0`, which is wrong for NaN and inf).
///
/// Why: lavapipe (Mesa's NIR) applies inexact algebraic rewrites to float code not marked exact, and
/// naga marks nothing exact: `(x + 12582912.0) - 12582912.0` became `x` and `a + 1.0 * (b - a)` became
/// `b`, so properties that pass or fail on rounding got other verdicts than the CPU's (and `a * b + c`
/// may be contracted into one FMA). docs/semantics.md section 6 asks for every operation rounded once,
/// as written: with an opaque operand no rewrite across operations can match.
fn opaque(e: Expr, k: usize) -> Expr {
    const ZEROS: [&str; 3] = ["zero0", "zero1", "zero2"];
    Expr::call("vr_opaque", vec![e, Expr::field(Expr::ident("params"), ZEROS[k % 3])])
}

fn binary(op: BinOp, t: ScalarType, a: Expr, b: Expr, b_ty: ScalarType) -> Expr {
    use BinOp::*;
    use ScalarType as S;
    let suffix = match t {
        S::I32 => "i32",
        _ => "u32",
    };
    match (op, t) {
        (Add, S::F32) => Expr::bin("+", opaque(a, 0), opaque(b, 1)),
        (Sub, S::F32) => Expr::bin("-", opaque(a, 0), opaque(b, 1)),
        (Mul, S::F32) => Expr::bin("*", opaque(a, 0), opaque(b, 1)),
        (Div, S::F32) => Expr::bin("/", opaque(a, 0), opaque(b, 1)),
        (Add, _) => Expr::bin("+", a, b),
        (Sub, _) => Expr::bin("-", a, b),
        (Mul, _) => Expr::bin("*", a, b),
        (Div, _) => Expr::call(format!("vr_div_{suffix}"), vec![a, b]),
        (Rem, _) => Expr::call(format!("vr_rem_{suffix}"), vec![a, b]),
        (BitAnd, _) => Expr::bin("&", a, b),
        (BitOr, _) => Expr::bin("|", a, b),
        (BitXor, S::Bool) => Expr::bin("!=", a, b),
        (BitXor, _) => Expr::bin("^", a, b),
        (Shl | Shr, _) => {
            let amount = match b_ty {
                S::I32 => Expr::bitcast(Ty::U32, b),
                _ => b,
            };
            Expr::bin(if op == Shl { "<<" } else { ">>" }, a, Expr::bin("&", amount, u(31)))
        }
        (Eq, S::F32) => Expr::call("vr_f32_eq", vec![a, b]),
        (Ne, S::F32) => Expr::call("vr_f32_ne", vec![a, b]),
        (Lt, S::F32) => Expr::call("vr_f32_lt", vec![a, b]),
        (Le, S::F32) => Expr::call("vr_f32_le", vec![a, b]),
        (Gt, S::F32) => Expr::call("vr_f32_gt", vec![a, b]),
        (Ge, S::F32) => Expr::call("vr_f32_ge", vec![a, b]),
        (Eq, _) => Expr::bin("==", a, b),
        (Ne, _) => Expr::bin("!=", a, b),
        (Lt, _) => Expr::bin("<", a, b),
        (Le, _) => Expr::bin("<=", a, b),
        (Gt, _) => Expr::bin(">", a, b),
        (Ge, _) => Expr::bin(">=", a, b),
        // Both sides are already evaluated values (laziness is decided in the IR): no branch needed.
        (And, _) => Expr::bin("&", a, b),
        (Or, _) => Expr::bin("|", a, b),
    }
}

fn cast(from: ScalarType, to: ScalarType, a: Expr) -> Expr {
    use ScalarType as S;
    match (from, to) {
        (x, y) if x == y => a,
        (S::Bool, S::U32) => Expr::call("select", vec![u(0), u(1), a]),
        (S::Bool, S::I32) => Expr::call("select", vec![Expr::I32(0), Expr::I32(1), a]),
        (S::Bool, S::F32) => Expr::call("select", vec![Expr::F32Bits(0), Expr::F32Bits(0x3F80_0000), a]),
        (S::U32, S::I32) => Expr::bitcast(Ty::I32, a),
        (S::I32, S::U32) => Expr::bitcast(Ty::U32, a),
        (S::U32, S::F32) => Expr::call("vr_u32_to_f32", vec![a]),
        (S::I32, S::F32) => Expr::call("vr_i32_to_f32", vec![a]),
        (S::F32, S::U32) => Expr::call("vr_f32_to_u32", vec![opaque(a, 0)]),
        (S::F32, S::I32) => Expr::call("vr_f32_to_i32", vec![opaque(a, 0)]),
        // Bits, not a float compare: WGSL may assume NaN away (NaN is true, like every non-zero).
        (S::F32, S::Bool) => Expr::bin("!=", Expr::bin("&", Expr::bitcast(Ty::U32, a), u(0x7FFF_FFFF)), u(0)),
        (_, S::Bool) => Expr::bin("!=", a, Expr::construct(ty_of(from), vec![u(0)])),
        _ => a,
    }
}

fn builtin(bi: Builtin, t: ScalarType, mut a: Vec<Expr>) -> Expr {
    use Builtin::*;
    use ScalarType as S;
    let suffix = if t == S::I32 { "i32" } else { "u32" };
    let mut take = |i: usize| std::mem::replace(&mut a[i], Expr::U32(0));
    match (bi, t) {
        (Min, S::F32) => Expr::call("vr_f32_min", vec![take(0), take(1)]),
        (Max, S::F32) => Expr::call("vr_f32_max", vec![take(0), take(1)]),
        (Min, _) => Expr::call("min", vec![take(0), take(1)]),
        (Max, _) => Expr::call("max", vec![take(0), take(1)]),
        (Clamp, S::F32) => Expr::call("vr_f32_min", vec![Expr::call("vr_f32_max", vec![take(0), take(1)]), take(2)]),
        (Clamp, _) => Expr::call("min", vec![Expr::call("max", vec![take(0), take(1)]), take(2)]),
        (Abs, S::U32) => take(0),
        (Abs, S::I32) => Expr::call("abs", vec![take(0)]),
        (Abs, _) => Expr::call("vr_f32_abs", vec![take(0)]),
        (Select, _) => Expr::call("select", vec![take(2), take(1), take(0)]),
        (Sqrt, _) => Expr::call("sqrt", vec![opaque(take(0), 0)]),
        (Floor, _) => Expr::call("floor", vec![opaque(take(0), 0)]),
        (Ceil, _) => Expr::call("ceil", vec![opaque(take(0), 0)]),
        (Round, _) => Expr::call("round", vec![opaque(take(0), 0)]),
        (Trunc, _) => Expr::call("trunc", vec![opaque(take(0), 0)]),
        (Fma, _) => Expr::call("fma", vec![opaque(take(0), 0), opaque(take(1), 1), opaque(take(2), 2)]),
        (IsNan, _) => Expr::call("vr_f32_is_nan", vec![take(0)]),
        (IsInf, _) => Expr::call("vr_f32_is_inf", vec![take(0)]),
        (IsFinite, _) => Expr::call("vr_f32_is_finite", vec![take(0)]),
        (Bits, _) => Expr::bitcast(Ty::U32, take(0)),
        (FromBits, _) => Expr::bitcast(Ty::F32, take(0)),
        (CountOnes, _) => Expr::call("countOneBits", vec![as_u32(t, take(0))]),
        (LeadingZeros, _) => Expr::call("countLeadingZeros", vec![as_u32(t, take(0))]),
        (TrailingZeros, _) => Expr::call("countTrailingZeros", vec![as_u32(t, take(0))]),
        (AddOverflows, _) => Expr::call(format!("vr_add_overflows_{suffix}"), vec![take(0), take(1)]),
        (SubOverflows, _) => Expr::call(format!("vr_sub_overflows_{suffix}"), vec![take(0), take(1)]),
        (MulOverflows, _) => Expr::call(format!("vr_mul_overflows_{suffix}"), vec![take(0), take(1)]),
        (SaturatingAdd, _) => Expr::call(format!("vr_saturating_add_{suffix}"), vec![take(0), take(1)]),
        (SaturatingSub, _) => Expr::call(format!("vr_saturating_sub_{suffix}"), vec![take(0), take(1)]),
        (Len | MulWide, _) => Expr::U32(0),
        (CopySign, _) => Expr::call("vr_f32_copysign", vec![take(0), take(1)]),
        (NextUp, _) => Expr::call("vr_f32_next_up", vec![take(0)]),
        (NextDown, _) => Expr::call("vr_f32_next_down", vec![take(0)]),
        (UlpDistance, _) => Expr::call("vr_f32_ulp_distance", vec![take(0), take(1)]),
        (MulHi, _) => Expr::call(format!("vr_mul_hi_{suffix}"), vec![take(0), take(1)]),
    }
}

fn as_u32(t: ScalarType, e: Expr) -> Expr {
    if t == ScalarType::I32 { Expr::bitcast(Ty::U32, e) } else { e }
}

/// Whether property `p`'s bookkeeping evaluates it again for its noted vectors instead of storing their
/// outcomes ([`main_fn`]): properties without loops.
fn reevaluates(p: &PropertyIr) -> bool {
    loop_iterations(&p.body) == 0
}

/// `body` once for each index `z = lid, lid + WORKGROUP_SIZE, ...` below `n` (`z` declared by the caller):
/// a loop, or the body alone when one trip covers every index.
fn strided(counter: &str, n: u32, mut body: Vec<Stmt>) -> Vec<Stmt> {
    let trips = n.div_ceil(WORKGROUP_SIZE);
    if trips <= 1 {
        return body;
    }
    body.push(Stmt::Assign(Expr::ident("z"), Expr::bin("+", Expr::ident("z"), u(WORKGROUP_SIZE))));
    vec![Stmt::For { var: counter.into(), ty: Ty::U32, start: u(0), end: u(trips), body }]
}

fn main_fn(program: &Program, layout: &ShaderLayout, slots_ty: Ty) -> Function {
    let nc = layout.counters.max(1);
    let wg = |i: Expr| Expr::addr(Expr::index(Expr::ident("wg_counts"), i));
    let atomic_add = |ptr: Expr, x: Expr| Stmt::Call(Expr::call("atomicAdd", vec![ptr, x]));
    let mut body = vec![Stmt::Comment("zero the workgroup counters (strided by the workgroup size)".into())];
    body.push(Stmt::Var("z".into(), Ty::U32, Some(Expr::ident("lid"))));
    body.extend(strided(
        "zi",
        nc,
        vec![Stmt::If(
            Expr::bin("<", Expr::ident("z"), u(nc)),
            vec![Stmt::Call(Expr::call("atomicStore", vec![wg(Expr::ident("z")), u(0)]))],
            vec![],
        )],
    ));
    body.push(Stmt::Call(Expr::call("workgroupBarrier", vec![])));
    body.push(Stmt::Let(
        "inv".into(),
        Ty::U32,
        Expr::bin(
            "+",
            Expr::field(Expr::ident("gid"), "x"),
            Expr::bin("*", Expr::field(Expr::ident("gid"), "y"), Expr::field(Expr::ident("params"), "row_stride")),
        ),
    ));
    // `lo`, `hi` and the slots `s` of vector `off`, read by the pipeline's loader.
    let load = vec![
        Stmt::Let("lo".into(), Ty::U32, Expr::bin("+", Expr::field(Expr::ident("params"), "base_lo"), Expr::ident("off"))),
        Stmt::Let(
            "hi".into(),
            Ty::U32,
            Expr::bin(
                "+",
                Expr::field(Expr::ident("params"), "base_hi"),
                Expr::call("select", vec![u(0), u(1), Expr::bin("<", Expr::ident("lo"), Expr::ident("off"))]),
            ),
        ),
        Stmt::Var("s".into(), slots_ty, None),
        Stmt::If(
            Expr::bin("==", Expr::ident(MODE_OVERRIDE), u(MODE_RANDOM)),
            vec![Stmt::Call(Expr::call(
                "load_random",
                vec![Expr::ident("lo"), Expr::ident("hi"), Expr::ident("key"), Expr::addr(Expr::ident("s"))],
            ))],
            vec![Stmt::If(
                Expr::bin("==", Expr::ident(MODE_OVERRIDE), u(MODE_EXHAUSTIVE)),
                vec![Stmt::Call(Expr::call("load_exhaustive", vec![Expr::ident("off"), Expr::addr(Expr::ident("s"))]))],
                vec![Stmt::Call(Expr::call("load_explicit", vec![Expr::ident("off"), Expr::addr(Expr::ident("s"))]))],
            )],
        ),
    ];
    let vector_off = || {
        Stmt::Let(
            "off".into(),
            Ty::U32,
            Expr::bin("+", Expr::bin("*", Expr::ident("inv"), u(layout.vectors_per_invocation)), Expr::ident("j")),
        )
    };
    let mut per_vector = vec![
        vector_off(),
        Stmt::If(Expr::bin(">=", Expr::ident("off"), Expr::field(Expr::ident("params"), "count")), vec![Stmt::Break], vec![]),
    ];
    per_vector.extend(load.iter().cloned());
    let mut counts = Vec::new();
    let mut evaluated = Vec::new();
    let mut deferred = Vec::new();
    for (i, p) in program.properties.iter().enumerate() {
        let pc = &layout.properties[i];
        let cov = format!("cov{i}");
        let o = format!("o{i}");
        per_vector.push(Stmt::Var(cov.clone(), Ty::U32, Some(u(0))));
        per_vector.push(Stmt::Let(
            o.clone(),
            Ty::U32,
            Expr::call(format!("prop_{i}"), vec![Expr::addr(Expr::ident("s")), Expr::addr(Expr::ident(cov.clone()))]),
        ));
        // Counted on the device: the runtime checks that every dispatched vector got an outcome.
        let ev = Expr::ident(format!("ev{i}"));
        per_vector.push(Stmt::If(
            Expr::bin("!=", Expr::ident(o.clone()), u(OUTCOME_LOOP_CUT)),
            vec![Stmt::Assign(ev.clone(), Expr::bin("+", ev.clone(), u(1)))],
            vec![],
        ));
        per_vector.push(Stmt::If(
            Expr::bin("==", Expr::ident(MODE_OVERRIDE), u(MODE_EVAL)),
            vec![Stmt::Assign(
                Expr::index(
                    Expr::ident("failures"),
                    Expr::bin("+", Expr::bin("*", Expr::ident("off"), u(program.properties.len() as u32)), u(i as u32)),
                ),
                Expr::ident(o.clone()),
            )],
            vec![],
        ));
        evaluated.push(Stmt::If(Expr::bin("!=", ev.clone(), u(0)), vec![atomic_add(wg(u(pc.evaluated())), ev.clone())], vec![]));
        counts.push(Stmt::Var(format!("ev{i}"), Ty::U32, Some(u(0))));
        let kind = Expr::bin("&", Expr::ident(o.clone()), u(0xF000_0000));
        let id = Expr::bin("&", Expr::ident(o.clone()), u(0x0FFF_FFFF));
        let discard = vec![atomic_add(wg(u(pc.base + 1)), u(1)), atomic_add(wg(Expr::bin("+", u(pc.assume(0)), id.clone())), u(1))];
        let fill = Expr::ident(format!("slot{i}"));
        let failure = vec![
            atomic_add(wg(u(pc.base)), u(1)),
            Stmt::If(
                Expr::bin("==", kind.clone(), u(ir::OUTCOME_FAIL)),
                vec![atomic_add(wg(Expr::bin("+", u(pc.assert(0)), id.clone())), u(1))],
                vec![Stmt::If(
                    Expr::bin("==", kind.clone(), u(ir::OUTCOME_LOOP_BOUND)),
                    vec![atomic_add(wg(u(pc.loop_bound())), u(1))],
                    vec![atomic_add(wg(u(pc.base + 2)), u(1))],
                )],
            ),
            Stmt::Let(
                format!("slot{i}"),
                Ty::U32,
                Expr::call("atomicAdd", vec![Expr::addr(Expr::index(Expr::ident("counters"), u(layout.counters + i as u32))), u(1)]),
            ),
            Stmt::If(
                Expr::bin("<", fill.clone(), Expr::field(Expr::ident("params"), "fail_cap")),
                vec![
                    Stmt::Let(
                        format!("at{i}"),
                        Ty::U32,
                        Expr::bin(
                            "*",
                            Expr::bin("+", Expr::bin("*", u(i as u32), Expr::field(Expr::ident("params"), "fail_cap")), fill),
                            u(2),
                        ),
                    ),
                    Stmt::Assign(Expr::index(Expr::ident("failures"), Expr::ident(format!("at{i}"))), Expr::ident("off")),
                    Stmt::Assign(
                        Expr::index(Expr::ident("failures"), Expr::bin("+", Expr::ident(format!("at{i}")), u(1))),
                        Expr::ident(o.clone()),
                    ),
                ],
                vec![],
            ),
        ];
        let discard_branch = if p.assumes.is_empty() { vec![] } else { discard };
        // The per-vector loop only notes which vectors need bookkeeping (any outcome but a pass, or a cover
        // hit); the atomics run after the loop, for those vectors only. Kept in the loop, the bookkeeping
        // branches, though rarely taken, cost about 40% of a cheap property's rate on lavapipe (llvmpipe runs
        // a branch's stores and atomics under the lane mask even when no lane takes it). A property without
        // loops keeps only the last noted outcome (and cover bits) in registers and is evaluated again for
        // its noted vectors when an invocation noted more than one: storing every outcome in an array cost
        // midpoint another 7%. A property with loops stores them (evaluating it again could double its loop
        // trips, which the loop budget of an invocation does not allow for).
        let noted = format!("fb{i}");
        let stored = !reevaluates(p);
        let (last, last_cov) = (format!("last{i}"), format!("lastcov{i}"));
        let per_invocation = Ty::Array(Box::new(Ty::U32), layout.vectors_per_invocation);
        counts.push(Stmt::Var(noted.clone(), Ty::U32, Some(u(0))));
        let at_j = |name: &str| Expr::index(Expr::ident(name), Expr::ident("j"));
        let (o_keep, cov_keep) =
            if stored { (at_j(&last), at_j(&last_cov)) } else { (Expr::ident(last.clone()), Expr::ident(last_cov.clone())) };
        if stored {
            counts.push(Stmt::Var(last.clone(), per_invocation.clone(), None));
        } else {
            counts.push(Stmt::Var(last.clone(), Ty::U32, Some(u(0))));
        }
        let mut note = vec![
            Stmt::Assign(Expr::ident(noted.clone()), Expr::bin("|", Expr::ident(noted.clone()), Expr::bin("<<", u(1), Expr::ident("j")))),
            Stmt::Assign(o_keep.clone(), Expr::ident(o.clone())),
        ];
        let mut needs_note = Expr::bin("!=", Expr::ident(o.clone()), u(ir::OUTCOME_PASS));
        let mut book = vec![vector_off(), Stmt::Var(o.clone(), Ty::U32, Some(o_keep))];
        if !p.covers.is_empty() {
            counts.push(if stored {
                Stmt::Var(last_cov.clone(), per_invocation, None)
            } else {
                Stmt::Var(last_cov.clone(), Ty::U32, Some(u(0)))
            });
            note.push(Stmt::Assign(cov_keep.clone(), Expr::ident(cov.clone())));
            needs_note = Expr::bin("||", needs_note, Expr::bin("!=", Expr::ident(cov.clone()), u(0)));
        }
        // Declared in every case: the property's call below writes it.
        book.push(Stmt::Var(cov.clone(), Ty::U32, Some(if p.covers.is_empty() { u(0) } else { cov_keep })));
        if !stored {
            let mut again = load.clone();
            again.push(Stmt::Assign(Expr::ident(cov.clone()), u(0)));
            again.push(Stmt::Assign(
                Expr::ident(o.clone()),
                Expr::call(format!("prop_{i}"), vec![Expr::addr(Expr::ident("s")), Expr::addr(Expr::ident(cov.clone()))]),
            ));
            book.push(Stmt::If(Expr::bin(">", Expr::call("countOneBits", vec![Expr::ident(noted.clone())]), u(1)), again, vec![]));
        }
        book.push(Stmt::If(
            Expr::bin("!=", Expr::ident(o.clone()), u(ir::OUTCOME_PASS)),
            vec![Stmt::If(Expr::bin("==", kind.clone(), u(ir::OUTCOME_DISCARD)), discard_branch, failure)],
            vec![],
        ));
        if !p.covers.is_empty() {
            let mut hits = Vec::new();
            for c in 0..p.covers.len() as u32 {
                hits.push(Stmt::If(
                    Expr::bin("!=", Expr::bin("&", Expr::ident(cov.clone()), u(1 << c)), u(0)),
                    vec![atomic_add(wg(u(pc.cover(c))), u(1))],
                    vec![],
                ));
            }
            book.push(Stmt::If(
                Expr::bin("&&", Expr::bin("!=", Expr::ident(cov.clone()), u(0)), Expr::bin("!=", kind, u(ir::OUTCOME_DISCARD))),
                hits,
                vec![],
            ));
        }
        per_vector.push(Stmt::If(needs_note, note, vec![]));
        // Once per noted vector. (A `for j in 0..n` over every vector with a bit test instead ran midpoint at half
        // the rate on lavapipe, and llvmpipe miscounted the ledger's failures with it.)
        deferred.push(Stmt::ForEachBit { mask_var: format!("f{i}"), mask: Expr::ident(noted), bit: "j".into(), body: book });
    }
    body.extend(counts);
    // The Philox key, read from the uniform once per invocation (once per vector, inside the loader, cost
    // midpoint about 6% of its rate on lavapipe).
    body.push(Stmt::Let(
        "key".into(),
        Ty::Vec2U32,
        Expr::construct(Ty::Vec2U32, vec![Expr::field(Expr::ident("params"), "key0"), Expr::field(Expr::ident("params"), "key1")]),
    ));
    body.push(Stmt::For { var: "j".into(), ty: Ty::U32, start: u(0), end: u(layout.vectors_per_invocation), body: per_vector });
    body.extend(deferred);
    body.extend(evaluated);
    body.push(Stmt::Call(Expr::call("workgroupBarrier", vec![])));
    body.push(Stmt::Assign(Expr::ident("z"), Expr::ident("lid")));
    body.extend(strided(
        "fi",
        nc,
        vec![Stmt::If(
            Expr::bin("<", Expr::ident("z"), u(layout.counters)),
            vec![
                Stmt::Let("c".into(), Ty::U32, Expr::call("atomicLoad", vec![wg(Expr::ident("z"))])),
                Stmt::If(
                    Expr::bin("!=", Expr::ident("c"), u(0)),
                    vec![atomic_add(Expr::addr(Expr::index(Expr::ident("counters"), Expr::ident("z"))), Expr::ident("c"))],
                    vec![],
                ),
            ],
            vec![],
        )],
    ));
    Function {
        attributes: vec!["@compute".into(), format!("@workgroup_size({WORKGROUP_SIZE})")],
        name: "main".into(),
        params: vec![
            (Some("@builtin(global_invocation_id)".into()), "gid".into(), Ty::Named("vec3<u32>".into())),
            (Some("@builtin(local_invocation_index)".into()), "lid".into(), Ty::U32),
        ],
        ret: None,
        body,
    }
}

//! Native lane code: a property's IR compiled with Cranelift into one function that evaluates
//! groups of four lanes in SSE registers, with the interpreter's masks, verdict codes and clamped
//! reads ([`super::program`]), so it gives the same outcome and cover hits on every lane.
//!
//! Scalar variables and values live in registers (Cranelift variables); arrays live in stack
//! slots, one vector per element; loop counters and what is computed only from them and from
//! constants stay scalar ("uniform"), as in the interpreter. An `if` on lane values runs each side
//! under its mask and skips a side no live lane takes; a uniform `if` branches. Every operator
//! with an exact vector form is emitted inline (integer arithmetic, comparisons, float arithmetic,
//! casts, `min`/`max`/`abs`/`select`, rounding that returns a NaN operand as it is (libm's bits), `%` and
//! `/` by a constant through a multiply-high); every other one calls [`sem`] for each lane, so the
//! meaning is `sem`'s by construction. Properties that call `extern fn`s are not compiled (the
//! interpreter batches their calls).
//!
//! Memory safety of the generated code: it reads slot `s` at lanes `4g..4g+4` for groups
//! `g < groups` only, after [`CompiledProperty::eval`] checked every slot column is that long;
//! array indices are clamped into their array (the bounds check decides the verdict); stack slots
//! are sized by the IR's types; nothing divides by a lane value inline.
#![allow(unsafe_code, reason = "JIT-compiled code is entered through a raw function pointer; the module doc states its memory contract")]

use std::collections::HashMap;
use std::time::{Duration, Instant};

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{
    AbiParam, Endianness, InstBuilder, MemFlagsData, SigRef, Signature, StackSlot, StackSlotData, StackSlotKind, Type as ClType, Value,
    types,
};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{Linkage, Module, default_libcall_names};

use super::kernels::ConstDivisor;
use super::program::Scratch;
use crate::ir::{self, Arena, ArrayRef, Handle, Inst, Op, Val, VarId};
use crate::sem::wide::F64Op;
use crate::sem::{self, Builtin, ScalarType};
use crate::syntax::ast::{BinOp, UnOp};

/// Lanes per group: one 128-bit register of `u32`.
pub const WIDTH: usize = 4;

/// Why a property was not compiled (it then runs on the interpreter).
#[derive(Debug, Clone, thiserror::Error)]
pub enum JitError {
    #[error("`{property}` is not compiled: {reason}")]
    Unsupported { property: String, reason: String },
    #[error("`{property}`: code generation failed: {message}")]
    Codegen { property: String, message: String },
}

/// A scalar operation the compiled code calls back for, one lane at a time: exactly [`sem`]'s.
#[derive(Clone, Copy, Debug)]
enum ScalarOp {
    Unary(UnOp, ScalarType),
    Binary(BinOp, ScalarType),
    Cast(ScalarType, ScalarType),
    Builtin(Builtin, ScalarType, u8),
    /// Word `u8` of an `f64` operation on `F64Op::operands` words (at most 6).
    Float64(F64Op, u8),
}

/// The most operand words a [`ScalarOp`] takes (`fma` on `f64`: three pairs).
const HELPER_ARGS: usize = 6;

impl ScalarOp {
    fn eval(self, w: [u32; HELPER_ARGS]) -> u32 {
        match self {
            ScalarOp::Unary(op, t) => sem::unary(op, t, w[0]),
            ScalarOp::Binary(op, t) => sem::binary(op, t, w[0], w[1]),
            ScalarOp::Cast(from, to) => sem::cast(from, to, w[0]),
            ScalarOp::Builtin(bi, t, n) => sem::builtin(bi, t, &w[..n as usize]),
            ScalarOp::Float64(op, word) => (op.eval(&w) >> (32 * u32::from(word))) as u32,
        }
    }
}

/// The float comparison of a comparison operator: IEEE's (ordered, so NaN is unequal and unordered;
/// `!=` unordered-or-unequal), as `sem` compares `f32` and `f64`.
fn float_cc(op: BinOp) -> FloatCC {
    match op {
        BinOp::Eq => FloatCC::Equal,
        BinOp::Ne => FloatCC::NotEqual,
        BinOp::Lt => FloatCC::LessThan,
        BinOp::Le => FloatCC::LessThanOrEqual,
        BinOp::Gt => FloatCC::GreaterThan,
        _ => FloatCC::GreaterThanOrEqual,
    }
}

/// Called from compiled code: operation `index` of the table at `ops` on one lane's operand words
/// (unused ones 0).
extern "C" fn scalar_helper(ops: *const ScalarOp, index: u32, a: u32, b: u32, c: u32, d: u32, e: u32, f: u32) -> u32 {
    // SAFETY: compiled code passes the `ops` table of the `CompiledProperty` that is running it
    // (alive for the call) and an index below its length, fixed when the code was generated.
    let op = unsafe { *ops.add(index as usize) };
    op.eval([a, b, c, d, e, f])
}

/// `fn(slot pointers, groups, status, cover-hit pointers, scalar-op table)`.
type Entry = unsafe extern "C" fn(*const *const u32, u64, *mut u32, *const *mut u32, *const ScalarOp);

/// The finalized machine code and the module that owns its memory.
struct Code {
    module: Option<JITModule>,
    entry: Entry,
}

// SAFETY: after `finalize_definitions` the module is never touched again until it is dropped; the
// code is immutable and reentrant (its only state is its arguments and its own stack frame), so it
// can be called from any thread, concurrently.
unsafe impl Send for Code {}
// SAFETY: as above.
unsafe impl Sync for Code {}

impl Drop for Code {
    fn drop(&mut self) {
        if let Some(m) = self.module.take() {
            // SAFETY: the code is only reachable through `self.entry`, which dies with `self`.
            unsafe { m.free_memory() };
        }
    }
}

/// One property compiled to native lane code.
pub struct CompiledProperty {
    pub name: String,
    code: Code,
    ops: Box<[ScalarOp]>,
    covers: u32,
    /// How long Cranelift took (IR to finalized machine code).
    pub compile_time: Duration,
}

impl std::fmt::Debug for CompiledProperty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompiledProperty").field("name", &self.name).field("compile_time", &self.compile_time).finish_non_exhaustive()
    }
}

impl CompiledProperty {
    /// Compiles one property for this CPU, or says why it cannot be.
    pub fn compile(prop: &ir::PropertyIr) -> Result<CompiledProperty, JitError> {
        let started = Instant::now();
        let unsupported = |reason: &str| JitError::Unsupported { property: prop.name.clone(), reason: reason.to_string() };
        if prop.calls_extern() {
            return Err(unsupported("it calls an extern fn (the interpreter batches those calls)"));
        }
        let codegen = |e: &dyn std::fmt::Display| JitError::Codegen { property: prop.name.clone(), message: e.to_string() };
        let mut flags = settings::builder();
        for (k, v) in [("opt_level", "speed"), ("is_pic", "false"), ("use_colocated_libcalls", "false")] {
            flags.set(k, v).map_err(|e| codegen(&e))?;
        }
        let isa = cranelift_native::builder().map_err(|e| codegen(&e))?.finish(settings::Flags::new(flags)).map_err(|e| codegen(&e))?;
        let mut module = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));
        let ptr = module.target_config().pointer_type();
        let mut ctx = module.make_context();
        for _ in 0..5 {
            ctx.func.signature.params.push(AbiParam::new(ptr));
        }
        let mut fctx = FunctionBuilderContext::new();
        let ops = {
            let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
            let mut helper = Signature::new(module.isa().default_call_conv());
            helper.params.push(AbiParam::new(ptr));
            for _ in 0..HELPER_ARGS + 1 {
                helper.params.push(AbiParam::new(types::I32));
            }
            helper.returns.push(AbiParam::new(types::I32));
            let helper_sig = b.import_signature(helper);
            let entry = b.create_block();
            b.append_block_params_for_function_params(entry);
            b.switch_to_block(entry);
            let p = b.block_params(entry).to_vec();
            let mut l = Lower::new(prop, b, [p[0], p[1], p[2], p[3], p[4]], helper_sig)?;
            l.function()?;
            let Lower { b, scalar_ops, .. } = l;
            b.finalize(module.target_config());
            scalar_ops
        };
        let id = module.declare_function(&prop.name, Linkage::Local, &ctx.func.signature).map_err(|e| codegen(&e))?;
        // `VECRUN_LOG=vecrun::cpu::jit=trace` logs the machine code of every property.
        let dump = tracing::enabled!(tracing::Level::TRACE);
        ctx.set_disasm(dump);
        module.define_function(id, &mut ctx).map_err(|e| codegen(&e))?;
        if dump && let Some(v) = ctx.compiled_code().and_then(|c| c.vcode.as_ref()) {
            tracing::trace!(property = %prop.name, "machine code:\n{v}");
        }
        module.clear_context(&mut ctx);
        module.finalize_definitions().map_err(|e| codegen(&e))?;
        let raw = module.get_finalized_function(id);
        // SAFETY: `raw` is the finalized code of the function just defined with `Entry`'s
        // signature (five pointer-sized parameters, no result, the platform's C convention).
        let entry: Entry = unsafe { std::mem::transmute::<*const u8, Entry>(raw) };
        tracing::debug!(property = %prop.name, per_lane_ops = ops.len(), "operations computed by sem lane by lane");
        Ok(CompiledProperty {
            name: prop.name.clone(),
            code: Code { module: Some(module), entry },
            ops: ops.into_boxed_slice(),
            covers: prop.covers.len() as u32,
            compile_time: started.elapsed(),
        })
    }

    /// Evaluates the property on `n` lanes whose input slots are `slots[slot][..n]`: afterwards
    /// `scratch.status[..n]` holds each lane's outcome and `scratch.cover_hits` the covers hit, as
    /// [`super::CpuProperty::eval`] leaves them.
    pub fn eval(&self, scratch: &mut Scratch, slots: &[&[u32]], n: usize) {
        let (status, hits) = scratch.outputs(self.covers as usize, n);
        let full = if slots.iter().all(|s| s.len() >= n) { n / WIDTH * WIDTH } else { 0 };
        if full > 0 {
            let ptrs: Vec<*const u32> = slots.iter().map(|s| s.as_ptr()).collect();
            let cover_ptrs: Vec<*mut u32> = hits.iter_mut().map(|h| h.as_mut_ptr()).collect();
            // SAFETY: every slot column, `status` and every cover column hold at least `full`
            // lanes (checked above and by `Scratch::outputs`), and the code touches lanes
            // `..full` only (module doc).
            unsafe { (self.code.entry)(ptrs.as_ptr(), (full / WIDTH) as u64, status.as_mut_ptr(), cover_ptrs.as_ptr(), self.ops.as_ptr()) };
        }
        // The last partial group (and any lanes of short columns) through padded copies.
        let mut start = full;
        while start < n {
            let k = (n - start).min(WIDTH);
            let pads: Vec<[u32; WIDTH]> = slots
                .iter()
                .map(|s| {
                    let mut p = [0u32; WIDTH];
                    for (j, x) in p.iter_mut().enumerate().take(k) {
                        *x = s.get(start + j).copied().unwrap_or(0);
                    }
                    p
                })
                .collect();
            let ptrs: Vec<*const u32> = pads.iter().map(|p| p.as_ptr()).collect();
            let mut st = [0u32; WIDTH];
            let mut cv = vec![[0u32; WIDTH]; hits.len()];
            let cover_ptrs: Vec<*mut u32> = cv.iter_mut().map(|h| h.as_mut_ptr()).collect();
            // SAFETY: one group: every buffer passed holds `WIDTH` lanes.
            unsafe { (self.code.entry)(ptrs.as_ptr(), 1, st.as_mut_ptr(), cover_ptrs.as_ptr(), self.ops.as_ptr()) };
            status[start..start + k].copy_from_slice(&st[..k]);
            for (h, c) in hits.iter_mut().zip(&cv) {
                h[start..start + k].copy_from_slice(&c[..k]);
            }
            start += k;
        }
    }
}

/// How a value is held: one scalar for every lane (a `bool` as 0 or 1, flagged so that its lanes
/// become a mask), or a vector of lanes (a `bool` as a mask: all ones or zero per lane, so that
/// comparisons, `!`, `&&` and conditions need no conversion; 0/1 again where it meets memory that
/// is not the property's own, an integer cast or a call).
#[derive(Clone, Copy, Debug)]
enum JV {
    U(Value, bool),
    L(Value),
}

/// Where a variable lives.
#[derive(Clone, Copy, Debug)]
enum VarRepr {
    Lanes(Variable),
    Counter(Variable),
    Array(StackSlot, u32),
}

const LANES: ClType = types::I32X4;

/// Most instructions a side of a lane `if` may have to run without a branch.
const IF_CONVERT_LIMIT: usize = 24;

/// Whether `insts` has no loop and at most `limit` instructions, nested ones included.
fn straight_line(insts: &[Inst], limit: usize) -> bool {
    fn count(insts: &[Inst], n: &mut usize) -> bool {
        for i in insts {
            *n += 1;
            match i {
                Inst::For { .. } | Inst::Extern { .. } => return false,
                Inst::If { then, els, .. } if !count(then, n) || !count(els, n) => return false,
                _ => {}
            }
        }
        true
    }
    let mut n = 0;
    count(insts, &mut n) && n <= limit
}

struct Lower<'a, 'f> {
    prop: &'a ir::PropertyIr,
    b: FunctionBuilder<'f>,
    /// Function parameters: slot pointers, groups, status, cover pointers, scalar-op table.
    params: [Value; 5],
    helper_sig: SigRef,
    /// Byte offset of the current group in every column.
    off: Value,
    vals: HashMap<Val, JV>,
    vars: Arena<VarId, Option<VarRepr>>,
    status: Variable,
    /// `status == 0` per lane.
    alive: Variable,
    covers: Vec<Variable>,
    scalar_ops: Vec<ScalarOp>,
    /// The last `f64` result computed inline (operation, operands, the block it is in, its low and high
    /// words): the other word of the same operation, defined right after it, reuses it.
    last_f64: Option<(F64Op, Vec<Val>, cranelift_codegen::ir::Block, Value, Value)>,
    /// `f64` lanes already joined into `F64X2` pairs, by their (low, high) word vectors and the block they
    /// were made in: an inline result feeds the next inline operation without a shuffle back and forth.
    joined_f64: std::collections::HashMap<(Value, Value), (cranelift_codegen::ir::Block, Value, Value)>,
}

fn little() -> MemFlagsData {
    MemFlagsData::new().with_endianness(Endianness::Little)
}

fn mem() -> MemFlagsData {
    MemFlagsData::new().with_notrap()
}

impl<'a, 'f> Lower<'a, 'f> {
    fn new(prop: &'a ir::PropertyIr, mut b: FunctionBuilder<'f>, params: [Value; 5], helper_sig: SigRef) -> Result<Self, JitError> {
        let status = b.declare_var(LANES);
        let alive = b.declare_var(LANES);
        let covers = prop.covers.iter().map(|_| b.declare_var(LANES)).collect();
        let off = b.ins().iconst(types::I64, 0);
        let mut l = Lower {
            prop,
            b,
            params,
            helper_sig,
            off,
            vals: HashMap::new(),
            vars: prop.vars.map(|_| None),
            status,
            alive,
            covers,
            scalar_ops: Vec::new(),
            last_f64: None,
            joined_f64: Default::default(),
        };
        l.mark_counters(&prop.body);
        for (v, decl) in prop.vars.iter_enumerated() {
            if l.vars[v].is_some() {
                continue;
            }
            l.vars[v] = Some(match decl.ty.scalar() {
                Some(_) => VarRepr::Lanes(l.b.declare_var(LANES)),
                None => {
                    let len = decl.ty.slots();
                    let ss = l.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, len.max(1) * 16, 4));
                    VarRepr::Array(ss, len.max(1))
                }
            });
        }
        Ok(l)
    }

    fn unsupported(&self, reason: impl Into<String>) -> JitError {
        JitError::Unsupported { property: self.prop.name.clone(), reason: reason.into() }
    }

    fn mark_counters(&mut self, insts: &[Inst]) {
        for i in insts {
            match i {
                Inst::For { var, body, .. } => {
                    let v = self.b.declare_var(types::I32);
                    self.vars[*var] = Some(VarRepr::Counter(v));
                    self.mark_counters(body);
                }
                Inst::If { then, els, .. } => {
                    self.mark_counters(then);
                    self.mark_counters(els);
                }
                _ => {}
            }
        }
    }

    /// The loop over groups around the property's body.
    fn function(&mut self) -> Result<(), JitError> {
        let g = self.b.declare_var(types::I64);
        let zero = self.b.ins().iconst(types::I64, 0);
        self.b.def_var(g, zero);
        let header = self.b.create_block();
        let body = self.b.create_block();
        let exit = self.b.create_block();
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(header);
        let gv = self.b.use_var(g);
        let more = self.b.ins().icmp(IntCC::UnsignedLessThan, gv, self.params[1]);
        self.b.ins().brif(more, body, &[], exit, &[]);
        self.b.switch_to_block(body);
        self.off = self.b.ins().ishl_imm_u(gv, 4);
        let z = self.splat_const(0);
        self.b.def_var(self.status, z);
        let ones = self.splat_const(u32::MAX);
        self.b.def_var(self.alive, ones);
        for c in self.covers.clone() {
            self.b.def_var(c, z);
        }
        for v in self.prop.vars.handles() {
            if let Some(VarRepr::Lanes(var)) = self.vars[v] {
                self.b.def_var(var, z);
            }
        }
        let code = self.prop.body.clone();
        self.block(&code, None)?;
        let st = self.b.use_var(self.status);
        let status_ptr = self.b.ins().iadd(self.params[2], self.off);
        self.b.ins().store(mem(), st, status_ptr, 0);
        for (c, var) in self.covers.clone().into_iter().enumerate() {
            let col = self.b.ins().load(types::I64, mem(), self.params[3], (c * 8) as i32);
            let at = self.b.ins().iadd(col, self.off);
            let h = self.b.use_var(var);
            self.b.ins().store(mem(), h, at, 0);
        }
        let next = self.b.ins().iadd_imm_s(gv, 1);
        self.b.def_var(g, next);
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(exit);
        self.b.ins().return_(&[]);
        self.b.seal_all_blocks();
        Ok(())
    }

    fn iconst(&mut self, bits: u32) -> Value {
        self.b.ins().iconst(types::I32, bits as i64)
    }

    fn splat_const(&mut self, bits: u32) -> Value {
        let c = self.iconst(bits);
        self.b.ins().splat(LANES, c)
    }

    fn val(&self, v: Val) -> Result<JV, JitError> {
        self.vals
            .get(&v)
            .copied()
            .ok_or_else(|| self.unsupported(format!("value %{} is used outside the block that defines it", v.index())))
    }

    fn lanes(&mut self, v: Val) -> Result<Value, JitError> {
        let jv = self.val(v)?;
        Ok(self.vec_of(jv))
    }

    /// A mask from 0/1 (or any non-zero) lanes.
    fn truth(&mut self, x: Value) -> Value {
        let z = self.splat_const(0);
        self.b.ins().icmp(IntCC::NotEqual, x, z)
    }

    /// All ones on lanes still running (outcome code 0), kept beside the status.
    fn alive(&mut self) -> Value {
        self.b.use_var(self.alive)
    }

    fn as_floats(&mut self, x: Value) -> Value {
        self.b.ins().bitcast(types::F32X4, little(), x)
    }

    fn as_bits(&mut self, x: Value) -> Value {
        self.b.ins().bitcast(LANES, little(), x)
    }

    /// A 0/1 lane value from a mask.
    fn bool_of(&mut self, mask: Value) -> Value {
        let one = self.splat_const(1);
        self.b.ins().band(mask, one)
    }

    /// The address of element `index` (already clamped, I32) of an array in a stack slot.
    fn elem_addr(&mut self, ss: StackSlot, index: Value) -> Value {
        let base = self.b.ins().stack_addr(types::I64, ss, 0);
        let i = self.b.ins().uextend(types::I64, index);
        let o = self.b.ins().ishl_imm_u(i, 4);
        self.b.ins().iadd(base, o)
    }

    fn clamp(&mut self, i: Value, len: u32) -> Value {
        let last = self.iconst(len - 1);
        self.b.ins().umin(i, last)
    }

    /// The lanes of input slot `slot` (an I32 scalar, already in range).
    fn load_slot(&mut self, slot: Value) -> Value {
        let s = self.b.ins().uextend(types::I64, slot);
        let o = self.b.ins().ishl_imm_u(s, 3);
        let at = self.b.ins().iadd(self.params[0], o);
        let col = self.b.ins().load(types::I64, mem(), at, 0);
        let p = self.b.ins().iadd(col, self.off);
        self.b.ins().load(LANES, mem(), p, 0)
    }

    fn load_slot_const(&mut self, slot: u32) -> Value {
        let col = self.b.ins().load(types::I64, mem(), self.params[0], (slot * 8) as i32);
        let p = self.b.ins().iadd(col, self.off);
        self.b.ins().load(LANES, mem(), p, 0)
    }

    /// Per-lane gather: lane `j` of the result is `read(j, clamped index of lane j)`.
    fn gather(&mut self, index: Value, len: u32, mut read: impl FnMut(&mut Self, u8, Value) -> Value) -> Value {
        let mut out = self.splat_const(0);
        for j in 0..WIDTH as u8 {
            let ij = self.b.ins().extractlane(index, j);
            let c = self.clamp(ij, len);
            let x = read(self, j, c);
            out = self.b.ins().insertlane(out, x, j);
        }
        out
    }

    /// `op` lane by lane through [`sem`] (scalar operands are shared by every lane); `bools` says
    /// which operands are `bool` masks (passed as 0/1), `result_bool` whether the result is one.
    fn per_lane(&mut self, op: ScalarOp, args: &[JV], bools: &[bool], result_bool: bool) -> Value {
        let args: Vec<JV> = args
            .iter()
            .zip(bools)
            .map(|(a, &b)| match *a {
                JV::L(v) if b => JV::L(self.bool_of(v)),
                other => other,
            })
            .collect();
        let index = self.scalar_ops.len() as u32;
        self.scalar_ops.push(op);
        let idx = self.iconst(index);
        let zero = self.iconst(0);
        let mut out = self.splat_const(0);
        for j in 0..WIDTH as u8 {
            let mut call_args = vec![self.params[4], idx];
            for a in &args {
                call_args.push(match *a {
                    JV::U(s, _) => s,
                    JV::L(v) => self.b.ins().extractlane(v, j),
                });
            }
            while call_args.len() < HELPER_ARGS + 2 {
                call_args.push(zero);
            }
            let f = self.b.ins().iconst(types::I64, scalar_helper as *const () as usize as i64);
            let call = self.b.ins().call_indirect(self.helper_sig, f, &call_args);
            let r = self.b.inst_results(call)[0];
            out = self.b.ins().insertlane(out, r, j);
        }
        if result_bool { self.truth(out) } else { out }
    }

    /// `op` on scalar operands (every lane the same): inline for plain integer ops, else `sem`.
    fn uniform_op(&mut self, op: ScalarOp, args: &[Value]) -> Value {
        use BinOp::*;
        use ScalarType::*;
        if let ScalarOp::Binary(bop, t @ (U32 | I32)) = op {
            let (x, y) = (args[0], args[1]);
            let ins = self.b.ins();
            let r = match bop {
                Add => Some(ins.iadd(x, y)),
                Sub => Some(ins.isub(x, y)),
                Mul => Some(ins.imul(x, y)),
                BitAnd => Some(ins.band(x, y)),
                BitOr => Some(ins.bor(x, y)),
                BitXor => Some(ins.bxor(x, y)),
                Shl => Some(ins.ishl(x, y)),
                Shr if t == I32 => Some(ins.sshr(x, y)),
                Shr => Some(ins.ushr(x, y)),
                _ => None,
            };
            if let Some(r) = r {
                return r;
            }
            let cc = match (bop, t) {
                (Eq, _) => Some(IntCC::Equal),
                (Ne, _) => Some(IntCC::NotEqual),
                (Lt, U32) => Some(IntCC::UnsignedLessThan),
                (Le, U32) => Some(IntCC::UnsignedLessThanOrEqual),
                (Gt, U32) => Some(IntCC::UnsignedGreaterThan),
                (Ge, U32) => Some(IntCC::UnsignedGreaterThanOrEqual),
                (Lt, _) => Some(IntCC::SignedLessThan),
                (Le, _) => Some(IntCC::SignedLessThanOrEqual),
                (Gt, _) => Some(IntCC::SignedGreaterThan),
                (Ge, _) => Some(IntCC::SignedGreaterThanOrEqual),
                _ => None,
            };
            if let Some(cc) = cc {
                let c = self.b.ins().icmp(cc, x, y);
                return self.b.ins().uextend(types::I32, c);
            }
        }
        let index = self.scalar_ops.len() as u32;
        self.scalar_ops.push(op);
        let idx = self.iconst(index);
        let zero = self.iconst(0);
        let mut call_args = vec![self.params[4], idx];
        call_args.extend_from_slice(args);
        while call_args.len() < HELPER_ARGS + 2 {
            call_args.push(zero);
        }
        let f = self.b.ins().iconst(types::I64, scalar_helper as *const () as usize as i64);
        let call = self.b.ins().call_indirect(self.helper_sig, f, &call_args);
        self.b.inst_results(call)[0]
    }

    /// An operation on operands of which at least one has lanes: inline where exact, else `sem`.
    fn lane_op(&mut self, op: ScalarOp, args: &[JV], bools: &[bool], result_bool: bool) -> Result<Value, JitError> {
        if let Some(v) = self.inline_op(op, args)? {
            return Ok(v);
        }
        Ok(self.per_lane(op, args, bools, result_bool))
    }

    fn vec_of(&mut self, a: JV) -> Value {
        match a {
            JV::L(v) => v,
            JV::U(s, false) => self.b.ins().splat(LANES, s),
            JV::U(s, true) => {
                let m = self.b.ins().ineg(s);
                self.b.ins().splat(LANES, m)
            }
        }
    }

    fn const_of(&self, a: JV) -> Option<u32> {
        let JV::U(s, _) = a else { return None };
        let data = &self.b.func.dfg;
        let inst = data.value_def(s).inst()?;
        match data.insts[inst] {
            cranelift_codegen::ir::InstructionData::UnaryImm { imm, .. } => Some(imm.bits() as u32),
            _ => None,
        }
    }

    fn inline_op(&mut self, op: ScalarOp, args: &[JV]) -> Result<Option<Value>, JitError> {
        use BinOp::*;
        use ScalarType::*;
        Ok(Some(match op {
            // `f64` operations are `sem`'s, lane by lane.
            ScalarOp::Float64(..) => return Ok(None),
            ScalarOp::Binary(bop, t) => {
                // Shifts by a scalar amount: Cranelift takes it modulo the lane width, as `sem`.
                if matches!(bop, Shl | Shr) && matches!(t, U32 | I32) {
                    let JV::U(amount, _) = args[1] else { return Ok(None) };
                    let x = self.vec_of(args[0]);
                    return Ok(Some(match (bop, t) {
                        (Shl, _) => self.b.ins().ishl(x, amount),
                        (Shr, I32) => self.b.ins().sshr(x, amount),
                        _ => self.b.ins().ushr(x, amount),
                    }));
                }
                if matches!(bop, Div | Rem) && matches!(t, U32 | I32) {
                    let Some(d) = self.const_of(args[1]) else { return Ok(None) };
                    let x = self.vec_of(args[0]);
                    let rem = bop == Rem;
                    return Ok(Some(match t {
                        U32 if d > 1 => self.div_const(x, d, rem),
                        U32 if d == 1 => {
                            if rem {
                                self.splat_const(0)
                            } else {
                                x
                            }
                        }
                        I32 if d != 0 => self.sdiv_const(x, d as i32, rem),
                        _ => return Ok(None),
                    }));
                }
                let x = self.vec_of(args[0]);
                let y = self.vec_of(args[1]);
                match (bop, t) {
                    (Add, U32 | I32) => self.b.ins().iadd(x, y),
                    (Sub, U32 | I32) => self.b.ins().isub(x, y),
                    (Mul, U32 | I32) => self.b.ins().imul(x, y),
                    (BitAnd, U32 | I32 | Bool) | (And, Bool) => self.b.ins().band(x, y),
                    (BitOr, U32 | I32 | Bool) | (Or, Bool) => self.b.ins().bor(x, y),
                    (BitXor, U32 | I32 | Bool) => self.b.ins().bxor(x, y),
                    (Add | Sub | Mul | Div, F32) => {
                        let (fx, fy) = (self.as_floats(x), self.as_floats(y));
                        let r = match bop {
                            Add => self.b.ins().fadd(fx, fy),
                            Sub => self.b.ins().fsub(fx, fy),
                            Mul => self.b.ins().fmul(fx, fy),
                            _ => self.b.ins().fdiv(fx, fy),
                        };
                        self.as_bits(r)
                    }
                    (Eq | Ne | Lt | Le | Gt | Ge, F32) => {
                        let cc = float_cc(bop);
                        let (fx, fy) = (self.as_floats(x), self.as_floats(y));
                        self.b.ins().fcmp(cc, fx, fy)
                    }
                    (Lt | Le | Gt | Ge, U32 | Bool) => {
                        // SSE has no unsigned compare: `x <= y` is `min(x, y) == x`, `x >= y`
                        // is `max(x, y) == x`, and against a constant `x < c` is `x <= c - 1`
                        // (`x > c` is `x >= c + 1`): two instructions instead of four.
                        let c = self.const_of(args[1]);
                        let (k, use_max) = match (bop, c) {
                            (Le, _) => (y, false),
                            (Ge, _) => (y, true),
                            (Lt, Some(c)) if c > 0 => (self.splat_const(c - 1), false),
                            (Gt, Some(c)) if c < u32::MAX => (self.splat_const(c + 1), true),
                            (Lt, _) => return Ok(Some(self.b.ins().icmp(IntCC::UnsignedLessThan, x, y))),
                            _ => return Ok(Some(self.b.ins().icmp(IntCC::UnsignedGreaterThan, x, y))),
                        };
                        let m = if use_max { self.b.ins().umax(x, k) } else { self.b.ins().umin(x, k) };
                        self.b.ins().icmp(IntCC::Equal, m, x)
                    }
                    (Eq | Ne | Lt | Le | Gt | Ge, U32 | I32 | Bool) => {
                        let signed = t == I32;
                        let cc = match (bop, signed) {
                            (Eq, _) => IntCC::Equal,
                            (Ne, _) => IntCC::NotEqual,
                            (Lt, false) => IntCC::UnsignedLessThan,
                            (Le, false) => IntCC::UnsignedLessThanOrEqual,
                            (Gt, false) => IntCC::UnsignedGreaterThan,
                            (Ge, false) => IntCC::UnsignedGreaterThanOrEqual,
                            (Lt, true) => IntCC::SignedLessThan,
                            (Le, true) => IntCC::SignedLessThanOrEqual,
                            (Gt, true) => IntCC::SignedGreaterThan,
                            _ => IntCC::SignedGreaterThanOrEqual,
                        };
                        self.b.ins().icmp(cc, x, y)
                    }
                    _ => return Ok(None),
                }
            }
            ScalarOp::Unary(uop, t) => {
                let x = self.vec_of(args[0]);
                match (uop, t) {
                    (UnOp::Neg, U32 | I32) => self.b.ins().ineg(x),
                    (UnOp::Neg, F32) => {
                        let s = self.splat_const(0x8000_0000);
                        self.b.ins().bxor(x, s)
                    }
                    (UnOp::Not, Bool) => self.b.ins().bnot(x),
                    (UnOp::BitNot, U32 | I32) => self.b.ins().bnot(x),
                    _ => return Ok(None),
                }
            }
            ScalarOp::Cast(from, to) => {
                let x = self.vec_of(args[0]);
                match (from, to) {
                    (a, c) if a == c => x,
                    (Bool, U32 | I32) => self.bool_of(x),
                    (U32, I32) | (I32, U32) => x,
                    (U32 | Bool, F32) => {
                        let x = if from == Bool { self.bool_of(x) } else { x };
                        let r = self.b.ins().fcvt_from_uint(types::F32X4, x);
                        self.as_bits(r)
                    }
                    (I32, F32) => {
                        let r = self.b.ins().fcvt_from_sint(types::F32X4, x);
                        self.as_bits(r)
                    }
                    (F32, U32) => {
                        let f = self.as_floats(x);
                        self.b.ins().fcvt_to_uint_sat(LANES, f)
                    }
                    (F32, I32) => {
                        let f = self.as_floats(x);
                        self.b.ins().fcvt_to_sint_sat(LANES, f)
                    }
                    _ => return Ok(None),
                }
            }
            ScalarOp::Builtin(bi, t, _) => {
                use Builtin::*;
                match (bi, t) {
                    (Select, _) => {
                        let m = self.vec_of(args[0]);
                        let (x, y) = (self.vec_of(args[1]), self.vec_of(args[2]));
                        self.b.ins().bitselect(m, x, y)
                    }
                    (Min | Max, U32 | I32) => {
                        let (x, y) = (self.vec_of(args[0]), self.vec_of(args[1]));
                        match (bi, t) {
                            (Min, U32) => self.b.ins().umin(x, y),
                            (Min, _) => self.b.ins().smin(x, y),
                            (Max, U32) => self.b.ins().umax(x, y),
                            _ => self.b.ins().smax(x, y),
                        }
                    }
                    (Clamp, U32 | I32) => {
                        let (x, lo, hi) = (self.vec_of(args[0]), self.vec_of(args[1]), self.vec_of(args[2]));
                        if t == U32 {
                            let m = self.b.ins().umax(x, lo);
                            self.b.ins().umin(m, hi)
                        } else {
                            let m = self.b.ins().smax(x, lo);
                            self.b.ins().smin(m, hi)
                        }
                    }
                    (Abs, U32) | (Bits | FromBits, _) => self.vec_of(args[0]),
                    (Abs, I32) => {
                        let x = self.vec_of(args[0]);
                        self.b.ins().iabs(x)
                    }
                    (Abs, F32) => {
                        let x = self.vec_of(args[0]);
                        let m = self.splat_const(0x7FFF_FFFF);
                        self.b.ins().band(x, m)
                    }
                    (CopySign, F32) => {
                        let (x, y) = (self.vec_of(args[0]), self.vec_of(args[1]));
                        let m = self.splat_const(0x7FFF_FFFF);
                        let s = self.splat_const(0x8000_0000);
                        let a = self.b.ins().band(x, m);
                        let c = self.b.ins().band(y, s);
                        self.b.ins().bor(a, c)
                    }
                    (IsNan | IsInf | IsFinite, F32) => {
                        let x = self.vec_of(args[0]);
                        let m = self.splat_const(if bi == IsFinite { 0x7F80_0000 } else { 0x7FFF_FFFF });
                        let e = self.b.ins().band(x, m);
                        let inf = self.splat_const(0x7F80_0000);
                        let cc = match bi {
                            IsNan => IntCC::UnsignedGreaterThan,
                            IsInf => IntCC::Equal,
                            _ => IntCC::NotEqual,
                        };
                        self.b.ins().icmp(cc, e, inf)
                    }
                    (Sqrt, F32) => {
                        let x = self.vec_of(args[0]);
                        let f = self.as_floats(x);
                        let r = self.b.ins().sqrt(f);
                        self.as_bits(r)
                    }
                    (Floor | Ceil | Trunc | Round, F32) => {
                        // A NaN operand comes back as it is (libm's rule, docs/semantics.md):
                        // the rounding instruction would quiet a signalling NaN.
                        let x = self.vec_of(args[0]);
                        let f = self.as_floats(x);
                        let r = match bi {
                            Floor => self.b.ins().floor(f),
                            Ceil => self.b.ins().ceil(f),
                            Trunc => self.b.ins().trunc(f),
                            _ => self.b.ins().nearest(f),
                        };
                        let r = self.as_bits(r);
                        let m = self.splat_const(0x7FFF_FFFF);
                        let e = self.b.ins().band(x, m);
                        let inf = self.splat_const(0x7F80_0000);
                        let nan = self.b.ins().icmp(IntCC::UnsignedGreaterThan, e, inf);
                        self.b.ins().bitselect(nan, x, r)
                    }
                    (MulHi, U32) => {
                        let (x, y) = (self.vec_of(args[0]), self.vec_of(args[1]));
                        self.umulhi(x, y)
                    }
                    _ => return Ok(None),
                }
            }
        }))
    }

    /// `shuffle` of two 128-bit vectors as bytes (`pick` indexes `a ‖ b`).
    fn shuffle_bytes(&mut self, a: Value, b: Value, pick: [u8; 16], to: types::Type) -> Value {
        let (a8, b8) = (self.b.ins().bitcast(types::I8X16, little(), a), self.b.ins().bitcast(types::I8X16, little(), b));
        let imm = self.b.func.dfg.immediates.push(cranelift_codegen::ir::ConstantData::from(&pick[..]));
        let r = self.b.ins().shuffle(a8, b8, imm);
        self.b.ins().bitcast(to, little(), r)
    }

    /// Four `f64` lanes from their low and high words: two `F64X2` (lanes 0-1, 2-3).
    fn join_f64(&mut self, lo: Value, hi: Value) -> (Value, Value) {
        let block = self.b.current_block().expect("lowering inside a block");
        if let Some(&(b, first, second)) = self.joined_f64.get(&(lo, hi))
            && b == block
        {
            return (first, second);
        }
        let first = self.shuffle_bytes(lo, hi, [0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23], types::F64X2);
        let second = self.shuffle_bytes(lo, hi, [8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31], types::F64X2);
        self.joined_f64.insert((lo, hi), (block, first, second));
        (first, second)
    }

    /// The low (`high`: high) 32 bits of each 64-bit lane of `a ‖ b`, as four lanes.
    fn words_of_f64(&mut self, a: Value, b: Value, high: bool) -> Value {
        let pick = if high {
            [4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31]
        } else {
            [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27]
        };
        self.shuffle_bytes(a, b, pick, LANES)
    }

    /// Word `word` of an `f64` operation computed in vector registers, where the instruction is the IEEE
    /// operation `sem` performs (`+ - * /`, `sqrt`, comparisons): both SSE and `sem` (Rust's `f64`) are
    /// the binary64 operations with round-to-nearest, no flush to zero, the same produced NaN. `None` for
    /// the others (casts, `min`/`max`, rounding...), which call `sem` per lane.
    fn inline_f64(&mut self, op: F64Op, word: u8, args: &[Val]) -> Result<Option<Value>, JitError> {
        use BinOp::*;
        if !matches!(op, F64Op::Binary(Add | Sub | Mul | Div | Eq | Ne | Lt | Le | Gt | Ge) | F64Op::Builtin(Builtin::Sqrt)) {
            return Ok(None);
        }
        let block = self.b.current_block().expect("lowering inside a block");
        if let Some((o, a, b, lo, hi)) = &self.last_f64
            && *o == op
            && a == args
            && *b == block
        {
            return Ok(Some(if word == 0 { *lo } else { *hi }));
        }
        let jvs: Vec<JV> = args.iter().map(|a| self.val(*a)).collect::<Result<_, _>>()?;
        let words: Vec<Value> = jvs.into_iter().map(|j| self.vec_of(j)).collect();
        let x = self.join_f64(words[0], words[1]);
        let (r0, r1) = match op {
            F64Op::Builtin(_) => (self.b.ins().sqrt(x.0), self.b.ins().sqrt(x.1)),
            F64Op::Binary(bop) => {
                let y = self.join_f64(words[2], words[3]);
                let arith = |l: &mut Self, a: Value, b: Value| match bop {
                    Add => Some(l.b.ins().fadd(a, b)),
                    Sub => Some(l.b.ins().fsub(a, b)),
                    Mul => Some(l.b.ins().fmul(a, b)),
                    Div => Some(l.b.ins().fdiv(a, b)),
                    _ => None,
                };
                match (arith(self, x.0, y.0), arith(self, x.1, y.1)) {
                    (Some(a), Some(b)) => (a, b),
                    _ => {
                        let cc = float_cc(bop);
                        let (m0, m1) = (self.b.ins().fcmp(cc, x.0, y.0), self.b.ins().fcmp(cc, x.1, y.1));
                        // A lane mask: the low half of each 64-bit all-ones (or zeros) lane.
                        return Ok(Some(self.words_of_f64(m0, m1, false)));
                    }
                }
            }
            F64Op::Cast(..) => unreachable!("casts call sem"),
        };
        let (lo, hi) = (self.words_of_f64(r0, r1, false), self.words_of_f64(r0, r1, true));
        self.last_f64 = Some((op, args.to_vec(), block, lo, hi));
        self.joined_f64.insert((lo, hi), (block, r0, r1));
        Ok(Some(if word == 0 { lo } else { hi }))
    }

    /// The high 32 bits of each lane's 64-bit unsigned product (two `pmuludq`s and a shuffle).
    fn umulhi(&mut self, x: Value, y: Value) -> Value {
        let (xl, yl) = (self.b.ins().uwiden_low(x), self.b.ins().uwiden_low(y));
        let lo = self.b.ins().imul(xl, yl);
        let (xh, yh) = (self.b.ins().uwiden_high(x), self.b.ins().uwiden_high(y));
        let hi = self.b.ins().imul(xh, yh);
        let lo8 = self.b.ins().bitcast(types::I8X16, little(), lo);
        let hi8 = self.b.ins().bitcast(types::I8X16, little(), hi);
        // Little-endian: the high word of 64-bit lane k is bytes 8k+4..8k+8.
        let pick: [u8; 16] = [4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31];
        let imm = self.b.func.dfg.immediates.push(cranelift_codegen::ir::ConstantData::from(&pick[..]));
        let r = self.b.ins().shuffle(lo8, hi8, imm);
        self.b.ins().bitcast(LANES, little(), r)
    }

    /// `x / d` or `x % d` for a constant `d > 1`: a shift or mask for a power of two, else a multiply-high (exact).
    fn div_const(&mut self, x: Value, d: u32, rem: bool) -> Value {
        if d.is_power_of_two() {
            return if rem {
                let mask = self.splat_const(d - 1);
                self.b.ins().band(x, mask)
            } else {
                self.b.ins().ushr_imm_u(x, d.trailing_zeros() as i64)
            };
        }
        let cd = ConstDivisor::new(d);
        // The round-up multiplier where one exists (`/ 1000`, `/ 10_000`, ...: two operations fewer).
        let q = if let Some((magic, shift)) = cd.round_up_magic() {
            let m = self.splat_const(magic);
            let t = self.umulhi(x, m);
            let s = self.iconst(shift);
            self.b.ins().ushr(t, s)
        } else {
            let (magic, shift) = cd.magic_and_shift();
            let m = self.splat_const(magic);
            let t = self.umulhi(x, m);
            let diff = self.b.ins().isub(x, t);
            let half = self.b.ins().ushr_imm_u(diff, 1);
            let sum = self.b.ins().iadd(t, half);
            let s = self.iconst(shift);
            self.b.ins().ushr(sum, s)
        };
        if !rem {
            return q;
        }
        let dv = self.splat_const(d);
        let qd = self.b.ins().imul(q, dv);
        self.b.ins().isub(x, qd)
    }

    /// `x / d` or `x % d` on `i32` for a constant `d != 0`, truncating: the unsigned quotient of the
    /// magnitudes, signed (so `i32::MIN / -1 == i32::MIN` wraps as `sem` says), and `x - q * d`.
    fn sdiv_const(&mut self, x: Value, d: i32, rem: bool) -> Value {
        let sign = self.b.ins().sshr_imm_u(x, 31);
        let flipped = self.b.ins().bxor(x, sign);
        let magnitude = self.b.ins().isub(flipped, sign);
        let ad = d.unsigned_abs();
        let uq = if ad > 1 { self.div_const(magnitude, ad, false) } else { magnitude };
        let qsign = if d < 0 { self.b.ins().bnot(sign) } else { sign };
        let flipped = self.b.ins().bxor(uq, qsign);
        let q = self.b.ins().isub(flipped, qsign);
        if !rem {
            return q;
        }
        let dv = self.splat_const(d as u32);
        let qd = self.b.ins().imul(q, dv);
        self.b.ins().isub(x, qd)
    }

    /// Defines a value of type `ty` by `op`.
    fn op(&mut self, ty: ScalarType, op: &Op) -> Result<JV, JitError> {
        let is_bool = ty == ScalarType::Bool;
        let jv = self.op_raw(op, is_bool)?;
        // Input slots hold a `bool` as 0/1; in lanes it is a mask.
        Ok(match (jv, op) {
            (JV::L(v), Op::Input(_) | Op::InputElem { .. }) if is_bool => JV::L(self.truth(v)),
            _ => jv,
        })
    }

    fn op_raw(&mut self, op: &Op, is_bool: bool) -> Result<JV, JitError> {
        Ok(match op {
            Op::Const(_, bits) => JV::U(self.iconst(*bits), is_bool),
            Op::Float64 { op, word, args } => match self.inline_f64(*op, *word, args)? {
                Some(v) => JV::L(v),
                None => self.apply(ScalarOp::Float64(*op, *word), args, is_bool)?,
            },
            Op::Input(slot) => JV::L(self.load_slot_const(*slot)),
            Op::InputElem { first_slot, len, index } => {
                let first = *first_slot;
                let len = *len;
                match self.val(*index)? {
                    JV::U(i, _) => {
                        let c = self.clamp(i, len);
                        let s = self.b.ins().iadd_imm_s(c, first as i64);
                        JV::L(self.load_slot(s))
                    }
                    JV::L(idx) => JV::L(self.gather(idx, len, |l, j, c| {
                        let s = l.b.ins().iadd_imm_s(c, first as i64);
                        let s = l.b.ins().uextend(types::I64, s);
                        let o = l.b.ins().ishl_imm_u(s, 3);
                        let at = l.b.ins().iadd(l.params[0], o);
                        let col = l.b.ins().load(types::I64, mem(), at, 0);
                        let p = l.b.ins().iadd(col, l.off);
                        l.b.ins().load(types::I32, mem(), p, 4 * j as i32)
                    })),
                }
            }
            Op::Var(v) => match self.vars[*v] {
                Some(VarRepr::Lanes(var)) => JV::L(self.b.use_var(var)),
                Some(VarRepr::Counter(var)) => JV::U(self.b.use_var(var), false),
                _ => return Err(self.unsupported("an array variable read as a scalar")),
            },
            Op::VarElem(v, index) => {
                let Some(VarRepr::Array(ss, len)) = self.vars[*v] else { return Err(self.unsupported("an element of a scalar variable")) };
                match self.val(*index)? {
                    JV::U(i, _) => {
                        let c = self.clamp(i, len);
                        let at = self.elem_addr(ss, c);
                        JV::L(self.b.ins().load(LANES, mem(), at, 0))
                    }
                    JV::L(idx) => JV::L(self.gather(idx, len, |l, j, c| {
                        let at = l.elem_addr(ss, c);
                        l.b.ins().load(types::I32, mem(), at, 4 * j as i32)
                    })),
                }
            }
            Op::Unary(u, t, a) => self.apply(ScalarOp::Unary(*u, *t), &[*a], is_bool)?,
            Op::Binary(bop, t, a, b) => self.apply(ScalarOp::Binary(*bop, *t), &[*a, *b], is_bool)?,
            Op::Cast(from, to, a) => self.apply(ScalarOp::Cast(*from, *to), &[*a], is_bool)?,
            Op::Builtin(bi, t, args) => {
                if matches!(bi, Builtin::Len | Builtin::MulWide) || args.len() > 3 {
                    return Err(self.unsupported(format!("builtin `{}` in the IR", bi.name())));
                }
                self.apply(ScalarOp::Builtin(*bi, *t, args.len() as u8), args, is_bool)?
            }
        })
    }

    fn apply(&mut self, op: ScalarOp, args: &[Val], result_bool: bool) -> Result<JV, JitError> {
        let vals: Vec<JV> = args.iter().map(|a| self.val(*a)).collect::<Result<_, _>>()?;
        let scalars: Vec<Value> = vals.iter().filter_map(|v| if let JV::U(s, _) = v { Some(*s) } else { None }).collect();
        if scalars.len() == vals.len() {
            return Ok(JV::U(self.uniform_op(op, &scalars), result_bool));
        }
        let bools: Vec<bool> = args.iter().map(|a| self.prop.val_type(*a) == ScalarType::Bool).collect();
        Ok(JV::L(self.lane_op(op, &vals, &bools, result_bool)?))
    }

    /// Lanes under `mask` (all when `None`) that are still running and whose `cond` is false get `code`.
    fn check(&mut self, cond: Val, code: u32, mask: Option<Value>) -> Result<(), JitError> {
        let c = self.lanes(cond)?;
        let fails = self.b.ins().bnot(c);
        self.fail_where(fails, code, mask);
        Ok(())
    }

    fn fail_where(&mut self, fails: Value, code: u32, mask: Option<Value>) {
        let alive = self.alive();
        let mut m = self.b.ins().band(fails, alive);
        if let Some(mask) = mask {
            m = self.b.ins().band(m, mask);
        }
        let cv = self.splat_const(code);
        let add = self.b.ins().band(m, cv);
        let st = self.b.use_var(self.status);
        let st = self.b.ins().bor(st, add);
        self.b.def_var(self.status, st);
        let still = self.b.ins().band_not(alive, m);
        self.b.def_var(self.alive, still);
    }

    /// `var = v` on the lanes of mask `m`, where `old` is the variable's value: the blend, or one
    /// or two instructions when `v` is a constant `bool` or an update of `old` itself (`old + d`,
    /// `old - d`, `old | d`, `!old`: the operand masked instead of the result).
    fn masked_update(&mut self, m: Value, old: Value, v: Val) -> Result<Value, JitError> {
        use cranelift_codegen::ir::{InstructionData, Opcode};
        let jv = self.val(v)?;
        if self.prop.val_type(v) == ScalarType::Bool
            && let Some(c) = self.const_of(jv)
        {
            return Ok(if c != 0 { self.b.ins().bor(old, m) } else { self.b.ins().band_not(old, m) });
        }
        let new = self.vec_of(jv);
        let def = self.b.func.dfg.value_def(new).inst().map(|i| self.b.func.dfg.insts[i]);
        match def {
            Some(InstructionData::Unary { opcode: Opcode::Bnot, arg }) if arg == old => return Ok(self.b.ins().bxor(old, m)),
            Some(InstructionData::Binary { opcode: op @ (Opcode::Iadd | Opcode::Bor), args: [a, b] }) if a == old || b == old => {
                let d = if a == old { b } else { a };
                let dm = self.b.ins().band(d, m);
                return Ok(if op == Opcode::Iadd { self.b.ins().iadd(old, dm) } else { self.b.ins().bor(old, dm) });
            }
            Some(InstructionData::Binary { opcode: Opcode::Isub, args: [a, d] }) if a == old => {
                let dm = self.b.ins().band(d, m);
                return Ok(self.b.ins().isub(old, dm));
            }
            _ => {}
        }
        Ok(self.b.ins().bitselect(m, new, old))
    }

    fn masked(&mut self, mask: Option<Value>, new: Value, old: Value) -> Value {
        match mask {
            Some(m) => self.b.ins().bitselect(m, new, old),
            None => new,
        }
    }

    fn block(&mut self, insts: &[Inst], mask: Option<Value>) -> Result<(), JitError> {
        for inst in insts {
            self.inst(inst, mask)?;
        }
        Ok(())
    }

    fn inst(&mut self, inst: &Inst, mask: Option<Value>) -> Result<(), JitError> {
        match inst {
            Inst::Let(v, op) => {
                let jv = self.op(self.prop.val_type(*v), op)?;
                self.vals.insert(*v, jv);
            }
            Inst::Set(var, v) => {
                let Some(VarRepr::Lanes(x)) = self.vars[*var] else { return Err(self.unsupported("a write to a loop counter or array")) };
                let old = self.b.use_var(x);
                let r = match mask {
                    Some(m) => self.masked_update(m, old, *v)?,
                    None => self.lanes(*v)?,
                };
                self.b.def_var(x, r);
            }
            Inst::SetElem(var, index, v) => {
                let Some(VarRepr::Array(ss, len)) = self.vars[*var] else { return Err(self.unsupported("an element write to a scalar")) };
                let value = self.lanes(*v)?;
                match self.val(*index)? {
                    JV::U(i, _) => {
                        let c = self.clamp(i, len);
                        let at = self.elem_addr(ss, c);
                        let old = self.b.ins().load(LANES, mem(), at, 0);
                        let r = self.masked(mask, value, old);
                        self.b.ins().store(mem(), r, at, 0);
                    }
                    JV::L(idx) => {
                        for j in 0..WIDTH as u8 {
                            let ij = self.b.ins().extractlane(idx, j);
                            let c = self.clamp(ij, len);
                            let at = self.elem_addr(ss, c);
                            let mut x = self.b.ins().extractlane(value, j);
                            if let Some(m) = mask {
                                let old = self.b.ins().load(types::I32, mem(), at, 4 * j as i32);
                                let mj = self.b.ins().extractlane(m, j);
                                x = self.b.ins().select(mj, x, old);
                            }
                            self.b.ins().store(mem(), x, at, 4 * j as i32);
                        }
                    }
                }
            }
            Inst::CopyArray { dst, src } => {
                let Some(VarRepr::Array(dss, len)) = self.vars[*dst] else { return Err(self.unsupported("an array copy into a scalar")) };
                let bools = self.prop.vars[*dst].ty.elem() == ScalarType::Bool;
                for k in 0..len {
                    let x = match src {
                        ArrayRef::Input { first_slot, .. } => {
                            let x = self.load_slot_const(first_slot + k);
                            if bools { self.truth(x) } else { x }
                        }
                        ArrayRef::Var(v) => {
                            let Some(VarRepr::Array(sss, _)) = self.vars[*v] else {
                                return Err(self.unsupported("an array copy from a scalar"));
                            };
                            self.b.ins().stack_load(types::I64, LANES, sss, (k * 16) as i32)
                        }
                    };
                    let r = match mask {
                        Some(m) => {
                            let old = self.b.ins().stack_load(types::I64, LANES, dss, (k * 16) as i32);
                            self.b.ins().bitselect(m, x, old)
                        }
                        None => x,
                    };
                    self.b.ins().stack_store(types::I64, r, dss, (k * 16) as i32);
                }
            }
            Inst::If { cond, then, els } => {
                let saved = self.vals.clone();
                match self.val(*cond)? {
                    JV::U(c, _) => {
                        let (tb, eb, next) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
                        self.b.ins().brif(c, tb, &[], eb, &[]);
                        for (blk, code) in [(tb, then), (eb, els)] {
                            self.b.switch_to_block(blk);
                            self.block(code, mask)?;
                            self.b.ins().jump(next, &[]);
                            self.vals = saved.clone();
                        }
                        self.b.switch_to_block(next);
                    }
                    JV::L(t) => {
                        for (code, want) in [(then, true), (els, false)] {
                            if code.is_empty() {
                                continue;
                            }
                            let alive = self.alive();
                            let base = match mask {
                                Some(m) => self.b.ins().band(m, alive),
                                None => alive,
                            };
                            let inner = if want { self.b.ins().band(base, t) } else { self.b.ins().band_not(base, t) };
                            if straight_line(code, IF_CONVERT_LIMIT) {
                                // Short and loop-free: run it under its mask without a branch
                                // (a lane outside the mask changes nothing), so no lane pattern
                                // is mispredicted and values stay in registers across it.
                                self.block(code, Some(inner))?;
                                self.vals = saved.clone();
                                continue;
                            }
                            let any = self.b.ins().vany_true(inner);
                            let (run, next) = (self.b.create_block(), self.b.create_block());
                            self.b.ins().brif(any, run, &[], next, &[]);
                            self.b.switch_to_block(run);
                            self.block(code, Some(inner))?;
                            self.b.ins().jump(next, &[]);
                            self.b.switch_to_block(next);
                            self.vals = saved.clone();
                        }
                    }
                }
            }
            Inst::For { var, start, end, body } => {
                let Some(VarRepr::Counter(cv)) = self.vars[*var] else {
                    return Err(self.unsupported("a loop over a non-counter variable"));
                };
                let k = self.b.declare_var(types::I64);
                let s = self.b.ins().iconst(types::I64, *start);
                self.b.def_var(k, s);
                let (header, run, exit) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
                self.b.ins().jump(header, &[]);
                self.b.switch_to_block(header);
                let kv = self.b.use_var(k);
                let more = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, kv, *end);
                self.b.ins().brif(more, run, &[], exit, &[]);
                self.b.switch_to_block(run);
                let c32 = self.b.ins().ireduce(types::I32, kv);
                self.b.def_var(cv, c32);
                let saved = self.vals.clone();
                self.block(body, mask)?;
                self.vals = saved;
                let kv = self.b.use_var(k);
                let next = self.b.ins().iadd_imm_s(kv, 1);
                self.b.def_var(k, next);
                self.b.ins().jump(header, &[]);
                self.b.switch_to_block(exit);
            }
            Inst::BoundsCheck { index, len, site } => {
                let code = ir::Outcome::OutOfBounds(*site).encode();
                let oob = match self.val(*index)? {
                    JV::U(i, _) => {
                        let o = self.b.ins().icmp_imm_u(IntCC::UnsignedGreaterThanOrEqual, i, *len as i64);
                        let all = self.iconst(u32::MAX);
                        let none = self.iconst(0);
                        let s = self.b.ins().select(o, all, none);
                        self.b.ins().splat(LANES, s)
                    }
                    JV::L(i) => {
                        let l = self.splat_const(*len);
                        self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, i, l)
                    }
                };
                self.fail_where(oob, code, mask);
            }
            Inst::LoopBound { site, cond } => self.check(*cond, ir::Outcome::LoopBound(*site).encode(), mask)?,
            Inst::Assert { id, cond } => self.check(*cond, ir::Outcome::Fail(*id).encode(), mask)?,
            Inst::Assume { id, cond } => self.check(*cond, ir::Outcome::Discard(*id).encode(), mask)?,
            Inst::Cover { id, cond } => {
                let t = self.lanes(*cond)?;
                let alive = self.alive();
                let mut m = self.b.ins().band(t, alive);
                if let Some(mask) = mask {
                    m = self.b.ins().band(m, mask);
                }
                let one = self.bool_of(m);
                let var = self.covers[*id as usize];
                let h = self.b.use_var(var);
                let h = self.b.ins().bor(h, one);
                self.b.def_var(var, h);
            }
            Inst::Extern { .. } => return Err(self.unsupported("an extern call")),
        }
        Ok(())
    }
}

//! Compiling IR into a register program, and evaluating it over a chunk of lanes with masks.
//!
//! Values that are the same on every lane (constants, loop counters and what is computed from
//! them) live in scalar "uniform" registers; everything else in lane registers. Control flow is
//! by masks: both sides of an `if` run under their masks (skipped when no live lane takes them),
//! loops have constant trip counts. Reads with a dynamic index clamp it, so a lane that is masked
//! off or already failed never reads out of memory; the bounds check itself decides the verdict.

use crate::impls::{CallFailure, Caller, ImplError};
use crate::ir::{self, Arena, ArrayRef, Inst, Op, Val, VarId};
use crate::sem::wide::F64Op;
use crate::sem::{self, Builtin, ScalarType};
use crate::syntax::ast::{BinOp, UnOp};

use super::kernels::{self, BinLL, BinLU, BinUL, BuiltinL, UnL};

/// Where a value lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reg {
    /// A uniform (scalar) register.
    U(u32),
    /// A lane register.
    L(u32),
    /// An input slot buffer (read-only).
    S(u32),
    /// Slot buffer `base + min(uniform[index], len - 1)`: an input array read at a uniform index,
    /// resolved when read (no copy).
    SlotAt { base: u32, len: u32, index: u32 },
}

#[derive(Clone, Debug)]
enum CInst {
    BinLL(BinLL, u32, Reg, Reg),
    BinLU(BinLU, u32, Reg, u32),
    BinUL(BinUL, u32, u32, Reg),
    BinUU(BinOp, ScalarType, u32, u32, u32),
    /// u32 `a / d` or `a % d` for a constant `d > 1`.
    DivConst {
        dst: u32,
        a: Reg,
        div: kernels::ConstDivisor,
        rem: bool,
    },
    UnL(UnL, u32, Reg),
    UnU(UnOp, ScalarType, u32, u32),
    CastL(UnL, u32, Reg),
    CastU(ScalarType, ScalarType, u32, u32),
    BuiltinL(BuiltinL, u32, Vec<Reg>),
    BuiltinU(Builtin, ScalarType, u32, Vec<u32>),
    /// `f64` operation, word `u8` of its result, on lane (or uniform) operands, one lane at a time.
    Float64L(F64Op, u8, u32, Vec<Reg>),
    Float64U(F64Op, u8, u32, Vec<u32>),
    /// Lane register = copy of a lane source.
    Copy(u32, Reg),
    /// Lane register = uniform broadcast.
    Broadcast(u32, u32),
    /// Lane register = element `uniform index` (clamped) of an array at lane registers `base..base+len`
    /// (or slot buffers when `slots`).
    ElemU {
        dst: u32,
        base: u32,
        len: u32,
        index: u32,
        slots: bool,
    },
    /// Lane register = per-lane gather with a lane index (clamped).
    ElemL {
        dst: u32,
        base: u32,
        len: u32,
        index: Reg,
        slots: bool,
    },
    /// Lane var register = value, under the mask.
    Set {
        var: u32,
        value: Reg,
    },
    SetElemU {
        base: u32,
        len: u32,
        index: u32,
        value: Reg,
    },
    SetElemL {
        base: u32,
        len: u32,
        index: Reg,
        value: Reg,
    },
    CopyArray {
        dst: u32,
        src: u32,
        len: u32,
        src_slots: bool,
    },
    If {
        cond: Reg,
        then: Vec<CInst>,
        els: Vec<CInst>,
    },
    For {
        counter: u32,
        start: i64,
        end: i64,
        body: Vec<CInst>,
    },
    BoundsU {
        index: u32,
        len: u32,
        code: u32,
    },
    BoundsL {
        index: Reg,
        len: u32,
        code: u32,
    },
    /// Lanes under the mask, still running, with a false condition get `code`.
    Check {
        cond: Reg,
        code: u32,
    },
    Cover {
        id: u32,
        cond: Reg,
    },
    /// A batched call of extern fn `func` for the live lanes under the mask; results into lane
    /// registers; lanes the implementation crashes or hangs on get the outcome of call site `site`.
    Extern {
        func: u32,
        site: u32,
        args: Vec<Reg>,
        results: Vec<u32>,
    },
}

/// One property compiled for the CPU.
#[derive(Clone, Debug)]
pub struct CpuProperty {
    pub name: String,
    code: Vec<CInst>,
    lane_regs: u32,
    uniform_init: Vec<u32>,
    pub covers: u32,
    /// Deepest `if` nesting: the number of mask buffers needed.
    depth: u32,
}

/// Finds the scalar variable reads whose value may share the variable's register: no write to the
/// variable lies between the read and the value's last use (a use inside a loop that the read is
/// outside of lasts until the end of that loop).
fn aliasable_reads(prop: &ir::PropertyIr) -> std::collections::HashSet<Val> {
    use std::collections::HashMap;
    #[derive(Default)]
    struct Walk {
        pos: u32,
        def: HashMap<Val, (u32, ir::VarId, Vec<u32>)>,
        last_use: HashMap<Val, u32>,
        writes: HashMap<ir::VarId, Vec<u32>>,
        loops: Vec<(u32, u32)>,
        val_pos: HashMap<Val, u32>,
    }
    impl Walk {
        fn use_val(&mut self, v: Val) {
            let p = self.pos;
            self.last_use.entry(v).and_modify(|x| *x = (*x).max(p)).or_insert(p);
        }
        fn block(&mut self, insts: &[Inst]) {
            for i in insts {
                self.pos += 1;
                match i {
                    Inst::Let(v, op) => {
                        self.val_pos.insert(*v, self.pos);
                        for o in op.operands() {
                            self.use_val(o);
                        }
                        if let Op::Var(var) = op {
                            self.def.insert(*v, (self.pos, *var, Vec::new()));
                        }
                    }
                    Inst::Set(var, v) => {
                        self.use_val(*v);
                        self.writes.entry(*var).or_default().push(self.pos);
                    }
                    Inst::SetElem(var, a, b) => {
                        self.use_val(*a);
                        self.use_val(*b);
                        self.writes.entry(*var).or_default().push(self.pos);
                    }
                    Inst::CopyArray { dst, .. } => self.writes.entry(*dst).or_default().push(self.pos),
                    Inst::If { cond, then, els } => {
                        self.use_val(*cond);
                        self.block(then);
                        self.block(els);
                    }
                    Inst::For { body, .. } => {
                        let start = self.pos;
                        self.block(body);
                        self.loops.push((start, self.pos));
                    }
                    Inst::BoundsCheck { index, .. } => self.use_val(*index),
                    Inst::Assert { cond, .. } | Inst::Assume { cond, .. } | Inst::Cover { cond, .. } | Inst::LoopBound { cond, .. } => {
                        self.use_val(*cond)
                    }
                    Inst::Extern { args, results, .. } => {
                        for a in args {
                            self.use_val(*a);
                        }
                        for r in results {
                            self.val_pos.insert(*r, self.pos);
                        }
                    }
                }
            }
        }
    }
    let mut w = Walk::default();
    w.block(&prop.body);
    // Uses are recorded by position only; extend each value's last use to the end of any loop
    // that contains a use position but not the definition.
    let mut out = std::collections::HashSet::new();
    for (v, (def, var, _)) in &w.def {
        let Some(&last) = w.last_use.get(v) else {
            out.insert(*v);
            continue;
        };
        let mut end = last;
        for &(ls, le) in &w.loops {
            let def_inside = ls < *def && *def <= le;
            let use_inside = ls < last && last <= le;
            if use_inside && !def_inside {
                end = end.max(le);
            }
        }
        let conflict = w.writes.get(var).is_some_and(|ws| ws.iter().any(|&p| *def < p && p <= end));
        if !conflict {
            out.insert(*v);
        }
    }
    out
}

/// Lane buffers a worker reuses across chunks.
pub struct Scratch {
    lanes: usize,
    regs: Vec<Vec<u32>>,
    uniforms: Vec<u32>,
    masks: Vec<Vec<u32>>,
    /// Outcome code per lane (see [`ir::Outcome`]).
    pub status: Vec<u32>,
    /// Per cover: 1 on lanes that hit it.
    pub cover_hits: Vec<Vec<u32>>,
    tmp: Vec<Vec<u32>>,
}

impl Scratch {
    pub fn new(lanes: usize) -> Scratch {
        Scratch {
            lanes,
            regs: Vec::new(),
            uniforms: Vec::new(),
            masks: Vec::new(),
            status: vec![0; lanes],
            cover_hits: Vec::new(),
            tmp: Vec::new(),
        }
    }
}

impl Scratch {
    /// The outcome column and `covers` cover-hit columns, each at least `n` lanes long (and at
    /// least as long as the scratch's lanes), for an evaluator that writes every lane.
    pub(crate) fn outputs(&mut self, covers: usize, n: usize) -> (&mut [u32], &mut [Vec<u32>]) {
        let len = self.lanes.max(n);
        if self.status.len() < len {
            self.status.resize(len, 0);
        }
        if self.cover_hits.len() < covers {
            self.cover_hits.resize_with(covers, Vec::new);
        }
        for c in &mut self.cover_hits[..covers] {
            if c.len() < len {
                c.resize(len, 0);
            }
        }
        (&mut self.status, &mut self.cover_hits[..covers])
    }
}

struct Compiler {
    /// Variable reads that can use the variable's register directly (no write to the variable
    /// happens while the value is live).
    aliasable: std::collections::HashSet<Val>,
    /// Uniform registers that hold compile-time constants, with their values.
    constants: std::collections::HashMap<u32, u32>,
    val_reg: Arena<Val, Option<Reg>>,
    var_base: Arena<VarId, Option<(Reg, u32)>>,
    lane_regs: u32,
    uniform_init: Vec<u32>,
    depth: u32,
    cur_depth: u32,
    /// The value whose definition is being compiled.
    current_val: Option<Val>,
}

impl CpuProperty {
    /// Compiles one IR property.
    pub fn compile(prop: &ir::PropertyIr) -> CpuProperty {
        let mut c = Compiler {
            aliasable: aliasable_reads(prop),
            constants: std::collections::HashMap::new(),
            val_reg: prop.vals.map(|_| None),
            var_base: prop.vars.map(|_| None),
            lane_regs: 0,
            uniform_init: Vec::new(),
            depth: 0,
            cur_depth: 0,
            current_val: None,
        };
        // Loop counters are uniform; other variables get lane registers.
        mark_loop_vars(&prop.body, &mut c);
        for (i, v) in prop.vars.iter_enumerated() {
            if c.var_base[i].is_none() {
                let base = c.lane_regs;
                c.lane_regs += v.ty.slots();
                c.var_base[i] = Some((Reg::L(base), v.ty.slots()));
            }
        }
        let code = c.block(&prop.body);
        CpuProperty {
            name: prop.name.clone(),
            code,
            lane_regs: c.lane_regs,
            uniform_init: c.uniform_init,
            covers: prop.covers.len() as u32,
            depth: c.depth,
        }
    }

    /// Whether the property calls an extern fn (and so needs a [`Caller`] to run).
    pub fn calls_extern(&self) -> bool {
        fn any(code: &[CInst]) -> bool {
            code.iter().any(|c| match c {
                CInst::Extern { .. } => true,
                CInst::If { then, els, .. } => any(then) || any(els),
                CInst::For { body, .. } => any(body),
                _ => false,
            })
        }
        any(&self.code)
    }

    /// Evaluates the property on `n` lanes whose input slots are `slots[slot][..n]`.
    /// Afterwards `scratch.status[..n]` holds each lane's outcome and `scratch.cover_hits` the covers hit.
    /// For a property that calls no extern fn ([`CpuProperty::eval_with`] otherwise).
    pub fn eval(&self, scratch: &mut Scratch, slots: &[&[u32]], n: usize) {
        // Without a caller, an extern call is an error that only `eval_with` can report; a
        // property that makes none cannot fail here.
        let _ = self.eval_with(scratch, slots, n, None);
    }

    /// [`CpuProperty::eval`] with the implementations of the extern fns the property calls.
    /// Protocol errors of an implementation stop the evaluation with the error.
    pub fn eval_with(&self, scratch: &mut Scratch, slots: &[&[u32]], n: usize, ext: Option<&mut Caller>) -> Result<(), ImplError> {
        let lanes = scratch.lanes;
        assert!(n <= lanes);
        if scratch.regs.len() < self.lane_regs as usize {
            scratch.regs.resize_with(self.lane_regs as usize, || vec![0; lanes]);
        }
        if scratch.masks.len() < self.depth as usize + 1 {
            scratch.masks.resize_with(self.depth as usize + 1, || vec![0; lanes]);
        }
        if scratch.tmp.len() < 3 {
            scratch.tmp.resize_with(3, || vec![0; lanes]);
        }
        if scratch.cover_hits.len() < self.covers as usize {
            scratch.cover_hits.resize_with(self.covers as usize, || vec![0; lanes]);
        }
        scratch.uniforms.clear();
        scratch.uniforms.extend_from_slice(&self.uniform_init);
        for c in &mut scratch.cover_hits {
            c[..n].fill(0);
        }
        scratch.status[..n].fill(0);
        // Registers are not cleared: the front end initialises every variable before it is read,
        // and lanes outside a mask never feed a verdict.
        let mut m = std::mem::take(&mut scratch.masks[0]);
        m[..n].fill(u32::MAX);
        scratch.masks[0] = m;
        let mut ev = Eval { s: scratch, slots, n, ext, error: None };
        ev.block(&self.code, 0);
        match ev.error {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

fn mark_loop_vars(insts: &[Inst], c: &mut Compiler) {
    for i in insts {
        match i {
            Inst::For { var, body, .. } => {
                let u = c.uniform_init.len() as u32;
                c.uniform_init.push(0);
                c.var_base[*var] = Some((Reg::U(u), 1));
                mark_loop_vars(body, c);
            }
            Inst::If { then, els, .. } => {
                mark_loop_vars(then, c);
                mark_loop_vars(els, c);
            }
            _ => {}
        }
    }
}

impl Compiler {
    fn lane(&mut self) -> u32 {
        self.lane_regs += 1;
        self.lane_regs - 1
    }
    fn uniform(&mut self, init: u32) -> u32 {
        self.uniform_init.push(init);
        self.uniform_init.len() as u32 - 1
    }
    fn reg(&self, v: Val) -> Reg {
        self.val_reg[v].expect("values are defined before use")
    }
    fn var(&self, v: VarId) -> (Reg, u32) {
        self.var_base[v].expect("every variable has storage")
    }
    /// An operation on any number of operands: one uniform instruction when every operand is
    /// uniform, else one over lanes (uniform operands broadcast).
    fn n_ary(
        &mut self,
        args: &[Val],
        out: &mut Vec<CInst>,
        uniform: impl FnOnce(u32, Vec<u32>) -> CInst,
        lanes: impl FnOnce(u32, Vec<Reg>) -> CInst,
    ) -> Reg {
        let us: Option<Vec<u32>> = args.iter().map(|a| if let Reg::U(u) = self.reg(*a) { Some(u) } else { None }).collect();
        if let Some(us) = us {
            let d = self.uniform(0);
            out.push(uniform(d, us));
            return Reg::U(d);
        }
        let regs: Vec<Reg> = args.iter().map(|a| self.lane_of(*a, out)).collect();
        let d = self.lane();
        out.push(lanes(d, regs));
        Reg::L(d)
    }

    /// A lane source for `v`, broadcasting a uniform into a fresh lane register when needed.
    fn lane_of(&mut self, v: Val, out: &mut Vec<CInst>) -> Reg {
        match self.reg(v) {
            Reg::U(u) => {
                let l = self.lane();
                out.push(CInst::Broadcast(l, u));
                Reg::L(l)
            }
            r => r,
        }
    }

    fn elem(&mut self, base: u32, len: u32, slots: bool, index: Val, out: &mut Vec<CInst>) -> Reg {
        let d = self.lane();
        match self.reg(index) {
            Reg::U(u) => out.push(CInst::ElemU { dst: d, base, len, index: u, slots }),
            r => out.push(CInst::ElemL { dst: d, base, len, index: r, slots }),
        }
        Reg::L(d)
    }

    fn block(&mut self, insts: &[Inst]) -> Vec<CInst> {
        let mut out = Vec::new();
        for i in insts {
            self.inst(i, &mut out);
        }
        out
    }

    fn inst(&mut self, inst: &Inst, out: &mut Vec<CInst>) {
        match inst {
            Inst::Let(v, op) => {
                self.current_val = Some(*v);
                let r = self.op(op, out);
                self.val_reg[*v] = Some(r);
            }
            Inst::Set(var, v) => {
                let (base, _) = self.var(*var);
                match base {
                    Reg::L(b) => {
                        let value = self.reg(*v);
                        out.push(CInst::Set { var: b, value });
                    }
                    _ => unreachable!("only loops write uniform variables"),
                }
            }
            Inst::SetElem(var, i, v) => {
                let (Reg::L(base), len) = self.var(*var) else { unreachable!("arrays live in lane registers") };
                let value = self.reg(*v);
                match self.reg(*i) {
                    Reg::U(index) => out.push(CInst::SetElemU { base, len, index, value }),
                    index => out.push(CInst::SetElemL { base, len, index, value }),
                }
            }
            Inst::CopyArray { dst, src } => {
                let (Reg::L(d), len) = self.var(*dst) else { unreachable!() };
                let (s, src_slots) = match src {
                    ArrayRef::Input { first_slot, .. } => (*first_slot, true),
                    ArrayRef::Var(v) => match self.var(*v) {
                        (Reg::L(b), _) => (b, false),
                        _ => unreachable!(),
                    },
                };
                out.push(CInst::CopyArray { dst: d, src: s, len, src_slots });
            }
            Inst::If { cond, then, els } => {
                let cond = self.reg(*cond);
                self.cur_depth += 1;
                self.depth = self.depth.max(self.cur_depth);
                let t = self.block(then);
                let e = self.block(els);
                self.cur_depth -= 1;
                out.push(CInst::If { cond, then: t, els: e });
            }
            Inst::For { var, start, end, body } => {
                let (Reg::U(counter), _) = self.var(*var) else { unreachable!("loop counters are uniform") };
                let b = self.block(body);
                out.push(CInst::For { counter, start: *start, end: *end, body: b });
            }
            Inst::BoundsCheck { index, len, site } => {
                let code = ir::Outcome::OutOfBounds(*site).encode();
                match self.reg(*index) {
                    Reg::U(u) => out.push(CInst::BoundsU { index: u, len: *len, code }),
                    r => out.push(CInst::BoundsL { index: r, len: *len, code }),
                }
            }
            Inst::Assert { id, cond } | Inst::Assume { id, cond } | Inst::LoopBound { site: id, cond } => {
                let code = match inst {
                    Inst::Assert { .. } => ir::Outcome::Fail(*id).encode(),
                    Inst::LoopBound { .. } => ir::Outcome::LoopBound(*id).encode(),
                    _ => ir::Outcome::Discard(*id).encode(),
                };
                let cond = self.lane_of(*cond, out);
                out.push(CInst::Check { cond, code });
            }
            Inst::Cover { id, cond } => {
                let cond = self.lane_of(*cond, out);
                out.push(CInst::Cover { id: *id, cond });
            }
            Inst::Extern { func, site, args, results } => {
                let args = args.iter().map(|a| self.reg(*a)).collect();
                let regs: Vec<u32> = results.iter().map(|_| self.lane()).collect();
                for (r, l) in results.iter().zip(&regs) {
                    self.val_reg[*r] = Some(Reg::L(*l));
                }
                out.push(CInst::Extern { func: *func, site: *site, args, results: regs });
            }
        }
    }

    fn op(&mut self, op: &Op, out: &mut Vec<CInst>) -> Reg {
        match op {
            Op::Const(_, bits) => {
                let u = self.uniform(*bits);
                self.constants.insert(u, *bits);
                Reg::U(u)
            }
            Op::Input(slot) => Reg::S(*slot),
            Op::Var(var) => match self.var(*var) {
                (Reg::U(u), _) => Reg::U(u),
                (src, _) if self.current_val.is_some_and(|v| self.aliasable.contains(&v)) => src,
                (src, _) => {
                    let d = self.lane();
                    out.push(CInst::Copy(d, src));
                    Reg::L(d)
                }
            },
            Op::InputElem { first_slot, len, index } => match self.reg(*index) {
                Reg::U(u) => Reg::SlotAt { base: *first_slot, len: *len, index: u },
                _ => self.elem(*first_slot, *len, true, *index, out),
            },
            Op::VarElem(var, index) => {
                let (Reg::L(base), len) = self.var(*var) else { unreachable!("arrays live in lane registers") };
                self.elem(base, len, false, *index, out)
            }
            Op::Unary(o, t, a) => match self.reg(*a) {
                Reg::U(u) => {
                    let d = self.uniform(0);
                    out.push(CInst::UnU(*o, *t, d, u));
                    Reg::U(d)
                }
                r => {
                    let d = self.lane();
                    out.push(CInst::UnL(kernels::unary_l(*o, *t), d, r));
                    Reg::L(d)
                }
            },
            Op::Cast(from, to, a) => match self.reg(*a) {
                Reg::U(u) => {
                    let d = self.uniform(0);
                    out.push(CInst::CastU(*from, *to, d, u));
                    Reg::U(d)
                }
                r => {
                    let d = self.lane();
                    out.push(CInst::CastL(kernels::cast_l(*from, *to), d, r));
                    Reg::L(d)
                }
            },
            Op::Binary(o, t, a, b) => match (self.reg(*a), self.reg(*b)) {
                (Reg::U(x), Reg::U(y)) => {
                    let d = self.uniform(0);
                    out.push(CInst::BinUU(*o, *t, d, x, y));
                    Reg::U(d)
                }
                (Reg::U(x), r) => {
                    let d = self.lane();
                    out.push(CInst::BinUL(kernels::binary_ul(*o, *t), d, x, r));
                    Reg::L(d)
                }
                (r, Reg::U(y)) => {
                    let d = self.lane();
                    match (o, t, self.constants.get(&y)) {
                        // Division by a constant: multiply-high instead of a divide per lane.
                        (BinOp::Div | BinOp::Rem, ScalarType::U32, Some(&divisor)) if divisor > 1 => {
                            out.push(CInst::DivConst { dst: d, a: r, div: kernels::ConstDivisor::new(divisor), rem: *o == BinOp::Rem });
                        }
                        _ => out.push(CInst::BinLU(kernels::binary_lu(*o, *t), d, r, y)),
                    }
                    Reg::L(d)
                }
                (r, s) => {
                    let d = self.lane();
                    out.push(CInst::BinLL(kernels::binary_ll(*o, *t), d, r, s));
                    Reg::L(d)
                }
            },
            Op::Float64 { op, word, args } => {
                self.n_ary(args, out, |d, us| CInst::Float64U(*op, *word, d, us), |d, lanes| CInst::Float64L(*op, *word, d, lanes))
            }
            Op::Builtin(bi, t, args) => self.n_ary(
                args,
                out,
                |d, us| CInst::BuiltinU(*bi, *t, d, us),
                |d, lanes| CInst::BuiltinL(kernels::builtin_lanes(*bi, *t), d, lanes),
            ),
        }
    }
}

struct Eval<'s, 'a, 'c> {
    s: &'s mut Scratch,
    slots: &'a [&'a [u32]],
    n: usize,
    ext: Option<&'c mut Caller>,
    /// The first implementation error: evaluation stops there.
    error: Option<ImplError>,
}

impl Eval<'_, '_, '_> {
    fn lanes(&self, r: Reg) -> &[u32] {
        match r {
            Reg::L(l) => &self.s.regs[l as usize][..self.n],
            Reg::S(s) => &self.slots[s as usize][..self.n],
            Reg::SlotAt { base, len, index } => &self.slots[(base + clamp_index(self.s.uniforms[index as usize], len)) as usize][..self.n],
            Reg::U(_) => unreachable!("uniforms are broadcast before lane use"),
        }
    }

    fn block(&mut self, code: &[CInst], depth: usize) {
        for c in code {
            if self.error.is_some() {
                return;
            }
            self.inst(c, depth);
        }
    }

    /// One batched call for the lanes alive under the mask at `depth` (all of them, without a
    /// copy, when every lane is alive).
    fn call_extern(&mut self, func: u32, site: u32, args: &[Reg], results: &[u32], depth: usize) {
        let n = self.n;
        let (all_live, live): (bool, Vec<usize>) = {
            let m = &self.s.masks[depth][..n];
            let st = &self.s.status[..n];
            if (0..n).all(|l| m[l] & alive(st[l]) != 0) {
                (true, Vec::new())
            } else {
                (false, (0..n).filter(|&l| m[l] & alive(st[l]) != 0).collect())
            }
        };
        let rows = if all_live { n } else { live.len() };
        if rows == 0 {
            return;
        }
        let Some(caller) = self.ext.as_deref_mut() else {
            self.error = Some(ImplError {
                function: format!("#{func}"),
                binding: "(none)".into(),
                message: "the property calls an extern fn, but no implementation is bound".into(),
            });
            return;
        };
        let (s, slots) = (&*self.s, self.slots);
        let owned: Vec<Option<Vec<u32>>> = args
            .iter()
            .map(|r| match r {
                Reg::U(u) => Some(vec![s.uniforms[*u as usize]; rows]),
                r if !all_live => {
                    let src = lane_slice(s, slots, *r, n);
                    Some(live.iter().map(|&l| src[l]).collect())
                }
                _ => None,
            })
            .collect();
        let cols: Vec<&[u32]> = args
            .iter()
            .zip(&owned)
            .map(|(r, o)| match o {
                Some(v) => &v[..],
                None => lane_slice(s, slots, *r, n),
            })
            .collect();
        let answer = caller.call(func, site, &cols, rows);
        drop(cols);
        match answer {
            Ok(out) => {
                for (k, dst) in results.iter().enumerate() {
                    let reg = &mut self.s.regs[*dst as usize];
                    if all_live {
                        reg[..n].copy_from_slice(&out.results[k][..n]);
                    } else {
                        for (i, &l) in live.iter().enumerate() {
                            reg[l] = out.results[k][i];
                        }
                    }
                }
                for (i, failure) in out.failed {
                    let code = match failure {
                        CallFailure::Crashed(_) => ir::Outcome::ImplCrashed(site),
                        CallFailure::Timeout => ir::Outcome::ImplTimeout(site),
                    };
                    let lane = if all_live { i } else { live[i] };
                    self.s.status[lane] = code.encode();
                }
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// Runs `f` with the destination lane register taken out of the file (so sources can be borrowed).
    fn with_dst(&mut self, dst: u32, f: impl FnOnce(&mut [u32], &Self)) {
        let mut d = std::mem::take(&mut self.s.regs[dst as usize]);
        f(&mut d[..self.n], self);
        self.s.regs[dst as usize] = d;
    }

    fn inst(&mut self, c: &CInst, depth: usize) {
        let n = self.n;
        match c {
            CInst::BinLL(f, d, a, b) => self.with_dst(*d, |out, e| f(out, e.lanes(*a), e.lanes(*b))),
            CInst::BinLU(f, d, a, b) => {
                let y = self.s.uniforms[*b as usize];
                self.with_dst(*d, |out, e| f(out, e.lanes(*a), y))
            }
            CInst::BinUL(f, d, a, b) => {
                let x = self.s.uniforms[*a as usize];
                self.with_dst(*d, |out, e| f(out, x, e.lanes(*b)))
            }
            CInst::DivConst { dst, a, div, rem } => {
                let div = *div;
                let rem = *rem;
                self.with_dst(*dst, |out, e| div.apply(out, e.lanes(*a), rem))
            }
            CInst::BinUU(op, t, d, a, b) => {
                let u = &mut self.s.uniforms;
                u[*d as usize] = sem::binary(*op, *t, u[*a as usize], u[*b as usize]);
            }
            CInst::UnL(f, d, a) | CInst::CastL(f, d, a) => self.with_dst(*d, |out, e| f(out, e.lanes(*a))),
            CInst::UnU(op, t, d, a) => {
                let u = &mut self.s.uniforms;
                u[*d as usize] = sem::unary(*op, *t, u[*a as usize]);
            }
            CInst::CastU(from, to, d, a) => {
                let u = &mut self.s.uniforms;
                u[*d as usize] = sem::cast(*from, *to, u[*a as usize]);
            }
            CInst::BuiltinU(bi, t, d, args) => {
                let vals: Vec<u32> = args.iter().map(|a| self.s.uniforms[*a as usize]).collect();
                self.s.uniforms[*d as usize] = sem::builtin(*bi, *t, &vals);
            }
            CInst::Float64U(op, word, d, args) => {
                let words: Vec<u32> = args.iter().map(|a| self.s.uniforms[*a as usize]).collect();
                self.s.uniforms[*d as usize] = (op.eval(&words) >> (32 * u32::from(*word))) as u32;
            }
            CInst::Float64L(op, word, d, args) => self.with_dst(*d, |out, e| {
                let srcs: Vec<&[u32]> = args.iter().map(|a| e.lanes(*a)).collect();
                if kernels::float64_lanes(*op, *word, out, &srcs) {
                    return;
                }
                let mut words = vec![0u32; srcs.len()];
                for (l, o) in out.iter_mut().enumerate() {
                    for (w, s) in words.iter_mut().zip(&srcs) {
                        *w = s[l];
                    }
                    *o = (op.eval(&words) >> (32 * u32::from(*word))) as u32;
                }
            }),
            CInst::BuiltinL(f, d, args) => self.with_dst(*d, |out, e| {
                let srcs: Vec<&[u32]> = args.iter().map(|a| e.lanes(*a)).collect();
                f(out, &srcs)
            }),
            CInst::Copy(d, src) => self.with_dst(*d, |out, e| out.copy_from_slice(e.lanes(*src))),
            CInst::Broadcast(d, u) => {
                let x = self.s.uniforms[*u as usize];
                self.s.regs[*d as usize][..n].fill(x);
            }
            CInst::ElemU { dst, base, len, index, slots } => {
                let i = clamp_index(self.s.uniforms[*index as usize], *len);
                let src = if *slots { Reg::S(base + i) } else { Reg::L(base + i) };
                self.with_dst(*dst, |out, e| out.copy_from_slice(e.lanes(src)))
            }
            CInst::ElemL { dst, base, len, index, slots } => self.with_dst(*dst, |out, e| {
                let idx = e.lanes(*index);
                for l in 0..out.len() {
                    let i = clamp_index(idx[l], *len);
                    out[l] = if *slots { e.slots[(*base + i) as usize][l] } else { e.s.regs[(*base + i) as usize][l] };
                }
            }),
            CInst::Set { var, value } => {
                let m = std::mem::take(&mut self.s.masks[depth]);
                self.masked_store(*var, *value, &m);
                self.s.masks[depth] = m;
            }
            CInst::SetElemU { base, len, index, value } => {
                let i = clamp_index(self.s.uniforms[*index as usize], *len);
                let m = std::mem::take(&mut self.s.masks[depth]);
                self.masked_store(base + i, *value, &m);
                self.s.masks[depth] = m;
            }
            CInst::SetElemL { base, len, index, value } => {
                let m = std::mem::take(&mut self.s.masks[depth]);
                let idx: Vec<u32> = self.lanes(*index).to_vec();
                let vals: Vec<u32> = match value {
                    Reg::U(u) => vec![self.s.uniforms[*u as usize]; n],
                    r => self.lanes(*r).to_vec(),
                };
                for l in 0..n {
                    if m[l] != 0 {
                        let i = clamp_index(idx[l], *len);
                        self.s.regs[(base + i) as usize][l] = vals[l];
                    }
                }
                self.s.masks[depth] = m;
            }
            CInst::CopyArray { dst, src, len, src_slots } => {
                let m = std::mem::take(&mut self.s.masks[depth]);
                for k in 0..*len {
                    let s = if *src_slots { Reg::S(src + k) } else { Reg::L(src + k) };
                    if s == Reg::L(dst + k) {
                        continue;
                    }
                    self.masked_store(dst + k, s, &m);
                }
                self.s.masks[depth] = m;
            }
            CInst::If { cond, then, els } => {
                if let Reg::U(u) = cond {
                    // Uniform condition: the same branch on every lane, same mask.
                    let taken = if self.s.uniforms[*u as usize] != 0 { then } else { els };
                    let mut inner = std::mem::take(&mut self.s.masks[depth + 1]);
                    inner[..n].copy_from_slice(&self.s.masks[depth][..n]);
                    self.s.masks[depth + 1] = inner;
                    self.block(taken, depth + 1);
                    return;
                }
                for (branch, want) in [(then, true), (els, false)] {
                    if branch.is_empty() {
                        continue;
                    }
                    let mut inner = std::mem::take(&mut self.s.masks[depth + 1]);
                    let outer = &self.s.masks[depth][..n];
                    let cv = self.lanes(*cond);
                    let status = &self.s.status[..n];
                    let mut any = 0u32;
                    let flip = if want { 0 } else { u32::MAX };
                    let inner_n = &mut inner[..n];
                    for l in 0..n {
                        let v = outer[l] & (truth(cv[l]) ^ flip) & alive(status[l]);
                        inner_n[l] = v;
                        any |= v;
                    }
                    self.s.masks[depth + 1] = inner;
                    if any != 0 {
                        self.block(branch, depth + 1);
                    }
                }
            }
            CInst::For { counter, start, end, body } => {
                for k in *start..*end {
                    self.s.uniforms[*counter as usize] = k as u32;
                    self.block(body, depth);
                }
            }
            CInst::BoundsU { index, len, code } => {
                if self.s.uniforms[*index as usize] >= *len {
                    let m = &self.s.masks[depth][..n];
                    let st = &mut self.s.status[..n];
                    for l in 0..n {
                        st[l] |= *code & m[l] & alive(st[l]);
                    }
                }
            }
            CInst::BoundsL { index, len, code } => {
                let mut st = std::mem::take(&mut self.s.status);
                {
                    let m = &self.s.masks[depth][..n];
                    let idx = self.lanes(*index);
                    let st = &mut st[..n];
                    for l in 0..n {
                        let out_of_range = ((idx[l] >= *len) as u32).wrapping_neg();
                        st[l] |= *code & m[l] & alive(st[l]) & out_of_range;
                    }
                }
                self.s.status = st;
            }
            CInst::Check { cond, code } => {
                let mut st = std::mem::take(&mut self.s.status);
                {
                    let m = &self.s.masks[depth][..n];
                    let cv = self.lanes(*cond);
                    let st = &mut st[..n];
                    for l in 0..n {
                        st[l] |= *code & m[l] & alive(st[l]) & !truth(cv[l]);
                    }
                }
                self.s.status = st;
            }
            CInst::Extern { func, site, args, results } => self.call_extern(*func, *site, args, results, depth),
            CInst::Cover { id, cond } => {
                let mut hits = std::mem::take(&mut self.s.cover_hits[*id as usize]);
                {
                    let m = &self.s.masks[depth][..n];
                    let cv = self.lanes(*cond);
                    let st = &self.s.status[..n];
                    let hits = &mut hits[..n];
                    for l in 0..n {
                        hits[l] |= m[l] & alive(st[l]) & truth(cv[l]) & 1;
                    }
                }
                self.s.cover_hits[*id as usize] = hits;
            }
        }
    }

    fn masked_store(&mut self, dst: u32, value: Reg, m: &[u32]) {
        let n = self.n;
        match value {
            Reg::U(u) => {
                let x = self.s.uniforms[u as usize];
                let d = &mut self.s.regs[dst as usize][..n];
                let m = &m[..n];
                for l in 0..n {
                    d[l] = blend(m[l], x, d[l]);
                }
            }
            r => self.with_dst(dst, |out, e| {
                let src = e.lanes(r);
                let m = &m[..out.len()];
                for l in 0..out.len() {
                    out[l] = blend(m[l], src[l], out[l]);
                }
            }),
        }
    }
}

/// The lanes of a lane source (as [`Eval::lanes`], without borrowing the whole evaluator).
fn lane_slice<'a>(s: &'a Scratch, slots: &'a [&'a [u32]], r: Reg, n: usize) -> &'a [u32] {
    match r {
        Reg::L(l) => &s.regs[l as usize][..n],
        Reg::S(k) => &slots[k as usize][..n],
        Reg::SlotAt { base, len, index } => &slots[(base + clamp_index(s.uniforms[index as usize], len)) as usize][..n],
        Reg::U(_) => unreachable!("uniforms are broadcast before lane use"),
    }
}

/// All ones when `x` is non-zero (a true bool), else zero.
#[inline(always)]
fn truth(x: u32) -> u32 {
    ((x != 0) as u32).wrapping_neg()
}

/// All ones when a lane is still running (its outcome code is still 0).
#[inline(always)]
fn alive(status: u32) -> u32 {
    ((status == 0) as u32).wrapping_neg()
}

/// `a` where the mask is set, else `b` (masks are all ones or zero): a branch-free select.
#[inline(always)]
fn blend(mask: u32, a: u32, b: u32) -> u32 {
    (a & mask) | (b & !mask)
}

/// An index clamped into `0..len` (only for memory safety: the bounds check decides the verdict).
#[inline(always)]
fn clamp_index(i: u32, len: u32) -> u32 {
    i.min(len - 1)
}

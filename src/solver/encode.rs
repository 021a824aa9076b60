//! Symbolic execution of one property's structured IR into SMT terms: every value and merged
//! variable becomes a defined constant (so the query stays linear in the unrolled program), and
//! each assert and bounds site gets the condition "reached alive and fails here".

use std::collections::BTreeMap;

use easy_smt::SExpr;

use super::Site;
use super::ops::{EncodeError, NotEncodable, Operator, Terms};
use crate::check::Type;
use crate::ir::{ArrayRef, Handle, Inst, Op, Program, PropertyIr, Val, VarId};
use crate::sem::{self, Builtin, ScalarType};

/// A term, with its bits when they are a known constant (loop counters, folded integer arithmetic).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Term {
    expr: SExpr,
    known: Option<u32>,
}

#[derive(Clone, Debug, PartialEq)]
enum VarValue {
    Scalar(Term),
    Array(Vec<Term>),
}

/// A property's encoding in the solver's current scope.
pub struct PropertyEncoding {
    /// Per site, the condition under which a vector in the domains fails there first.
    pub goals: BTreeMap<Site, SExpr>,
    /// True in a model when some float produced by arithmetic is NaN while the property reads
    /// float bits (`bits(x)` on `f32`): the only way a NaN's unspecified bits can change an outcome.
    pub nan_bits_matter: Option<SExpr>,
    /// What a reviewer would want a vector for, with the condition that reaches it alive: each
    /// outcome of each symbolic branch (unrolled loops give one per iteration), each `cover` true.
    pub targets: Vec<(Target, SExpr)>,
}

/// A place in a property a vector can be asked to reach (the symbolic edge cases).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// Branch number `branch` (in execution order, unrolled) taken (`true`) or not.
    Branch { branch: u32, taken: bool },
    /// `cover` number `id` reached alive with its condition true.
    Cover(u32),
}

/// Loop iterations the property unrolls to: each loop's trips times those of the loops around it, summed.
pub fn unrolled_iterations(block: &[Inst]) -> u128 {
    block.iter().fold(0u128, |sum, inst| {
        sum.saturating_add(match inst {
            Inst::For { start, end, body, .. } => {
                let trips = (*end - *start).max(0) as u128;
                trips.saturating_mul(1u128.saturating_add(unrolled_iterations(body)))
            }
            Inst::If { then, els, .. } => unrolled_iterations(then).saturating_add(unrolled_iterations(els)),
            _ => 0,
        })
    })
}

fn reads_float_bits(block: &[Inst]) -> bool {
    block.iter().any(|inst| match inst {
        Inst::Let(_, Op::Builtin(Builtin::Bits, ScalarType::F32, _)) => true,
        // An `f64` result is its words: whatever reads it reads its bits.
        Inst::Let(_, Op::Float64 { op, .. }) => op.result() == ScalarType::F64,
        Inst::For { body, .. } => reads_float_bits(body),
        Inst::If { then, els, .. } => reads_float_bits(then) || reads_float_bits(els),
        _ => false,
    })
}

struct Encoder<'a> {
    terms: &'a mut Terms,
    program: &'a Program,
    p: &'a PropertyIr,
    /// The slot constants (32-bit vectors).
    slots: &'a [SExpr],
    vals: Vec<Option<Term>>,
    vars: Vec<VarValue>,
    /// The scalar (element) type of every variable.
    var_types: Vec<ScalarType>,
    /// No discard or failure so far on this path (the path condition included).
    live: Term,
    /// Per site, the failure conditions of each of its occurrences.
    fails: BTreeMap<Site, Vec<SExpr>>,
    targets: Vec<(Target, SExpr)>,
    branches: u32,
    /// The term of each `f64` operation encoded so far (by operation and operands): its two words
    /// are read from the same term.
    float64_results: std::collections::HashMap<(crate::sem::wide::F64Op, Vec<Val>), SExpr>,
}

/// Encodes `p` (asserting the definitions it needs in the current scope of `terms`).
pub fn encode_property(terms: &mut Terms, program: &Program, p: &PropertyIr, slots: &[SExpr]) -> Result<PropertyEncoding, EncodeError> {
    let vars = p
        .vars
        .iter()
        .map(|d| match d.ty {
            Type::Scalar(s) => VarValue::Scalar(zero(terms, s)),
            Type::Array(s, n) => VarValue::Array(vec![zero(terms, s); n as usize]),
            Type::Record(_) | Type::RecordArray(..) => {
                unreachable!("inputs, extern fns and IR variables are never records (docs/ARCHITECTURE invariant)")
            }
        })
        .collect();
    let live = Term { expr: terms.boolean(true), known: Some(1) };
    let var_types = p.vars.iter().map(|d| d.ty.elem()).collect();
    let mut e = Encoder {
        terms,
        program,
        p,
        slots,
        vals: vec![None; p.vals.len()],
        vars,
        var_types,
        live,
        fails: BTreeMap::new(),
        targets: Vec::new(),
        branches: 0,
        float64_results: Default::default(),
    };
    e.block(&p.body)?;
    let mut goals = BTreeMap::new();
    for (site, conds) in std::mem::take(&mut e.fails) {
        let any = e.terms.any(conds);
        goals.insert(site, any);
    }
    let produced = e.terms.take_produced_nans();
    let nan_bits_matter = (reads_float_bits(&p.body) && !produced.is_empty()).then(|| e.terms.any(produced));
    Ok(PropertyEncoding { goals, nan_bits_matter, targets: std::mem::take(&mut e.targets) })
}

fn zero(terms: &Terms, s: ScalarType) -> Term {
    let expr = if s == ScalarType::Bool { terms.boolean(false) } else { terms.bv(0) };
    Term { expr, known: Some(0) }
}

impl Encoder<'_> {
    fn constant(&self, ty: ScalarType, bits: u32) -> Term {
        let expr = if ty == ScalarType::Bool { self.terms.boolean(bits != 0) } else { self.terms.bv(bits) };
        Term { expr, known: Some(bits) }
    }

    /// Names `expr` with a defined constant unless it is already an atom (keeps terms shared).
    fn define(&mut self, ty: ScalarType, expr: SExpr) -> Result<SExpr, EncodeError> {
        if self.terms.ctx.get_atom(expr).is_some() {
            return Ok(expr);
        }
        let name = self.terms.fresh_name(if ty == ScalarType::Bool { "b" } else { "v" });
        let sort = if ty == ScalarType::Bool { self.terms.ctx.bool_sort() } else { self.terms.bv_sort() };
        Ok(self.terms.ctx.define_const(name, sort, expr)?)
    }

    /// Word `word` of an `f64` operation; both words of a 64-bit result come from one term (a NaN
    /// result's words are of the same NaN).
    fn float64(&mut self, op: crate::sem::wide::F64Op, word: u8, args: &[Val], ty: ScalarType) -> Result<Term, EncodeError> {
        let key = (op, args.to_vec());
        let whole = match self.float64_results.get(&key) {
            Some(t) => *t,
            None => {
                let terms: Vec<SExpr> = args.iter().map(|a| self.val(*a).expr).collect();
                let mut operands = Vec::new();
                let mut k = 0;
                for t in op.operands() {
                    if t.is_wide() {
                        operands.push(self.terms.ctx.concat(terms[k + 1], terms[k]));
                        k += 2;
                    } else {
                        operands.push(terms[k]);
                        k += 1;
                    }
                }
                let r = self.terms.float64(op, &operands)?;
                let r = if op.result().is_wide() {
                    let name = self.terms.fresh_name("d");
                    let sort = self.terms.ctx.bit_vec_sort(self.terms.ctx.numeral(64));
                    self.terms.ctx.define_const(name, sort, r)?
                } else {
                    r
                };
                self.float64_results.insert(key, r);
                r
            }
        };
        let expr = if op.result().is_wide() {
            let (hi, lo) = if word == 1 { (63, 32) } else { (31, 0) };
            self.terms.ctx.extract(hi, lo, whole)
        } else {
            whole
        };
        Ok(Term { expr: self.define(ty, expr)?, known: None })
    }

    fn val(&self, v: Val) -> Term {
        self.vals[v.index()].expect("ir::validate: a value is defined before it is used")
    }

    fn and_live(&mut self, cond: Term) -> Result<(), EncodeError> {
        self.live = match (self.live.known, cond.known) {
            (Some(0), _) | (_, Some(0)) => Term { expr: self.terms.boolean(false), known: Some(0) },
            (Some(_), _) => cond,
            (_, Some(_)) => self.live,
            _ => {
                let both = self.terms.ctx.and(self.live.expr, cond.expr);
                Term { expr: self.define(ScalarType::Bool, both)?, known: None }
            }
        };
        Ok(())
    }

    fn negate(&self, t: Term) -> Term {
        match t.known {
            Some(k) => self.constant(ScalarType::Bool, (k == 0) as u32),
            None => Term { expr: self.terms.ctx.not(t.expr), known: None },
        }
    }

    /// Records "reached alive and `fails`" for `site`, then continues on the paths where it does not fail.
    fn site(&mut self, site: Site, fails: Term) -> Result<(), EncodeError> {
        if self.live.known != Some(0) && fails.known != Some(0) {
            let here = self.terms.ctx.and(self.live.expr, fails.expr);
            let here = self.define(ScalarType::Bool, here)?;
            self.fails.entry(site).or_default().push(here);
        }
        let passes = self.negate(fails);
        self.and_live(passes)
    }

    fn select_elem(&mut self, ty: ScalarType, elems: &[Term], index: Term) -> Result<Term, EncodeError> {
        if let Some(k) = index.known {
            // A known index on a live path is in range (bounds-checked); elsewhere any element will do.
            return Ok(elems.get(k as usize).copied().unwrap_or(elems[0]));
        }
        let mut t = elems[elems.len() - 1].expr;
        for (k, e) in elems.iter().enumerate().rev().skip(1) {
            let is_k = self.terms.ctx.eq(index.expr, self.terms.bv(k as u32));
            t = self.terms.ctx.ite(is_k, e.expr, t);
        }
        Ok(Term { expr: self.define(ty, t)?, known: None })
    }

    fn array_of(&self, src: ArrayRef) -> Vec<Term> {
        match src {
            ArrayRef::Input { first_slot, len } => {
                (first_slot..first_slot + len).map(|s| Term { expr: self.slots[s as usize], known: None }).collect()
            }
            ArrayRef::Var(v) => match &self.vars[v.index()] {
                VarValue::Array(a) => a.clone(),
                VarValue::Scalar(t) => vec![*t],
            },
        }
    }

    fn var_elem_type(&self, v: VarId) -> ScalarType {
        self.var_types[v.index()]
    }

    fn op(&mut self, ty: ScalarType, op: &Op) -> Result<Term, EncodeError> {
        Ok(match op {
            Op::Const(t, bits) => self.constant(*t, *bits),
            Op::Input(slot) => self.input(*slot),
            Op::InputElem { first_slot, len, index } => {
                let elems: Vec<Term> = (*first_slot..first_slot + len).map(|s| self.input(s)).collect();
                let index = self.val(*index);
                self.select_elem(ty, &elems, index)?
            }
            Op::Var(v) => match &self.vars[v.index()] {
                VarValue::Scalar(t) => *t,
                VarValue::Array(_) => return Err(not_encodable("a whole array read as a scalar")),
            },
            Op::VarElem(v, index) => {
                let elems = match &self.vars[v.index()] {
                    VarValue::Array(a) => a.clone(),
                    VarValue::Scalar(_) => return Err(not_encodable("an element of a scalar variable")),
                };
                let index = self.val(*index);
                self.select_elem(ty, &elems, index)?
            }
            Op::Unary(u, t, a) => self.apply(Operator::Unary(*u), *t, ty, &[*a])?,
            Op::Binary(b, t, x, y) => self.apply(Operator::Binary(*b), *t, ty, &[*x, *y])?,
            Op::Cast(from, to, a) => self.apply(Operator::Cast(*to), *from, ty, &[*a])?,
            Op::Builtin(bi, t, args) => self.apply(Operator::Builtin(*bi), *t, ty, args)?,
            Op::Float64 { op, word, args } => return self.float64(*op, *word, args, ty),
        })
    }

    fn input(&self, slot: u32) -> Term {
        let s = self.slots[slot as usize];
        if self.program.slot_type(slot) == ScalarType::Bool {
            Term { expr: self.terms.ctx.eq(s, self.terms.bv(1)), known: None }
        } else {
            Term { expr: s, known: None }
        }
    }

    fn apply(&mut self, operator: Operator, operand_ty: ScalarType, result_ty: ScalarType, args: &[Val]) -> Result<Term, EncodeError> {
        let terms: Vec<Term> = args.iter().map(|a| self.val(*a)).collect();
        let all_known: Option<Vec<u32>> = terms.iter().map(|t| t.known).collect();
        // Integer and bool operations on known operands fold with sem (floats never: a produced NaN has free bits).
        let floats =
            operand_ty == ScalarType::F32 || result_ty == ScalarType::F32 || args.iter().any(|a| self.p.val_type(*a) == ScalarType::F32);
        if let (Some(k), false) = (&all_known, floats) {
            let bits = match operator {
                Operator::Unary(u) => Some(sem::unary(u, operand_ty, k[0])),
                Operator::Binary(b) => Some(sem::binary(b, operand_ty, k[0], k[1])),
                Operator::Cast(to) => Some(sem::cast(operand_ty, to, k[0])),
                Operator::Builtin(Builtin::Select) => Some(if k[0] != 0 { k[1] } else { k[2] }),
                Operator::Builtin(Builtin::Len) => None,
                Operator::Builtin(bi) => Some(sem::builtin(bi, operand_ty, k)),
            };
            if let Some(bits) = bits {
                return Ok(self.constant(result_ty, bits));
            }
        }
        if let (Operator::Builtin(Builtin::Select), Some(c)) = (operator, terms[0].known) {
            return Ok(if c != 0 { terms[1] } else { terms[2] });
        }
        let exprs: Vec<SExpr> = terms.iter().map(|t| t.expr).collect();
        let expr = self.terms.apply(operator, operand_ty, &exprs)?;
        Ok(Term { expr: self.define(result_ty, expr)?, known: None })
    }

    fn block(&mut self, block: &[Inst]) -> Result<(), EncodeError> {
        for inst in block {
            if self.live.known == Some(0) {
                // Nothing after this point is reached on this path.
                return Ok(());
            }
            self.inst(inst)?;
        }
        Ok(())
    }

    fn inst(&mut self, inst: &Inst) -> Result<(), EncodeError> {
        match inst {
            Inst::Extern { results, .. } => {
                // The spec knows nothing of what an implementation returns: each result is a free
                // constant, so a proof holds for every implementation that returns, and a model
                // is only a candidate until the CPU confirms it against the bound implementation.
                for r in results {
                    let ty = self.p.val_type(*r);
                    let name = self.terms.fresh_name("x");
                    let sort = if ty == ScalarType::Bool { self.terms.ctx.bool_sort() } else { self.terms.bv_sort() };
                    let c = self.terms.ctx.declare_const(name, sort)?;
                    self.vals[r.index()] = Some(Term { expr: c, known: None });
                }
            }
            Inst::Let(v, op) => {
                let t = self.op(self.p.val_type(*v), op)?;
                self.vals[v.index()] = Some(t);
            }
            Inst::Set(var, v) => {
                let t = self.val(*v);
                self.vars[var.index()] = VarValue::Scalar(t);
            }
            Inst::SetElem(var, index, v) => {
                let (index, value) = (self.val(*index), self.val(*v));
                let ty = self.var_elem_type(*var);
                let VarValue::Array(elems) = self.vars[var.index()].clone() else {
                    return Err(not_encodable("an element store into a scalar variable"));
                };
                let mut new = elems.clone();
                match index.known {
                    Some(k) => {
                        if let Some(e) = new.get_mut(k as usize) {
                            *e = value;
                        }
                    }
                    None => {
                        for (k, e) in new.iter_mut().enumerate() {
                            let is_k = self.terms.ctx.eq(index.expr, self.terms.bv(k as u32));
                            let merged = self.terms.ctx.ite(is_k, value.expr, e.expr);
                            *e = Term { expr: self.define(ty, merged)?, known: None };
                        }
                    }
                }
                self.vars[var.index()] = VarValue::Array(new);
            }
            Inst::CopyArray { dst, src } => {
                let a = self.array_of(*src);
                self.vars[dst.index()] = VarValue::Array(a);
            }
            Inst::If { cond, then, els } => {
                let c = self.val(*cond);
                match c.known {
                    Some(0) => self.block(els)?,
                    Some(_) => self.block(then)?,
                    None => self.branch(c, then, els)?,
                }
            }
            Inst::For { var, start, end, body } => {
                let ty = self.var_elem_type(*var);
                for k in *start..*end {
                    if self.live.known == Some(0) {
                        break;
                    }
                    self.vars[var.index()] = VarValue::Scalar(self.constant(ty, k as u32));
                    self.block(body)?;
                }
            }
            Inst::BoundsCheck { index, len, site } => {
                let i = self.val(*index);
                let ty = self.p.val_type(*index);
                let fails = match i.known {
                    Some(k) => {
                        let ok = if ty == ScalarType::I32 { (k as i32) >= 0 && (k as i32 as i64) < *len as i64 } else { k < *len };
                        self.constant(ScalarType::Bool, (!ok) as u32)
                    }
                    None => {
                        let c = &self.terms.ctx;
                        let in_range = c.bvult(i.expr, self.terms.bv(*len));
                        // A negative i32 is a huge pattern, so the unsigned test covers both types (len < 2^31).
                        let in_range = if ty == ScalarType::I32 { c.and(c.bvsge(i.expr, self.terms.bv(0)), in_range) } else { in_range };
                        Term { expr: c.not(in_range), known: None }
                    }
                };
                self.site(Site::Bounds(*site), fails)?;
            }
            Inst::Assert { id, cond } => {
                let fails = self.negate(self.val(*cond));
                self.site(Site::Assert(*id), fails)?;
            }
            Inst::LoopBound { site, cond } => {
                let fails = self.negate(self.val(*cond));
                self.site(Site::Loop(*site), fails)?;
            }
            Inst::Assume { cond, .. } => {
                let c = self.val(*cond);
                self.and_live(c)?;
            }
            Inst::Cover { id, cond } => {
                let c = self.val(*cond);
                if self.live.known != Some(0) && c.known != Some(0) {
                    let here = self.terms.ctx.and(self.live.expr, c.expr);
                    self.targets.push((Target::Cover(*id), here));
                }
            }
        }
        Ok(())
    }

    /// Runs both branches under their path conditions and merges the variables with `ite`.
    fn branch(&mut self, c: Term, then: &[Inst], els: &[Inst]) -> Result<(), EncodeError> {
        let (vars0, live0) = (self.vars.clone(), self.live);
        let branch = self.branches;
        self.branches += 1;
        self.and_live(c)?;
        if self.live.known != Some(0) {
            self.targets.push((Target::Branch { branch, taken: true }, self.live.expr));
        }
        self.block(then)?;
        let (vars_then, live_then) = (std::mem::replace(&mut self.vars, vars0), self.live);
        self.live = live0;
        let not_c = self.negate(c);
        self.and_live(not_c)?;
        if self.live.known != Some(0) {
            self.targets.push((Target::Branch { branch, taken: false }, self.live.expr));
        }
        self.block(els)?;
        let live_else = self.live;
        self.live = match (live_then.known, live_else.known) {
            (Some(0), _) => live_else,
            (_, Some(0)) => live_then,
            _ => {
                let either = self.terms.ctx.or(live_then.expr, live_else.expr);
                Term { expr: self.define(ScalarType::Bool, either)?, known: None }
            }
        };
        for (k, then_value) in vars_then.into_iter().enumerate() {
            let ty = self.var_types[k];
            let merged = match (then_value, &self.vars[k]) {
                (VarValue::Scalar(t), VarValue::Scalar(e)) => VarValue::Scalar(self.merge(ty, c, t, *e)?),
                (VarValue::Array(t), VarValue::Array(e)) => {
                    let e = e.clone();
                    let mut out = Vec::with_capacity(t.len());
                    for (x, y) in t.into_iter().zip(e) {
                        out.push(self.merge(ty, c, x, y)?);
                    }
                    VarValue::Array(out)
                }
                (t, _) => t,
            };
            self.vars[k] = merged;
        }
        Ok(())
    }

    fn merge(&mut self, ty: ScalarType, c: Term, t: Term, e: Term) -> Result<Term, EncodeError> {
        if t.expr == e.expr {
            return Ok(t);
        }
        let ite = self.terms.ctx.ite(c.expr, t.expr, e.expr);
        Ok(Term { expr: self.define(ty, ite)?, known: None })
    }
}

fn not_encodable(what: &str) -> EncodeError {
    EncodeError::NotEncodable(NotEncodable(what.to_string()))
}

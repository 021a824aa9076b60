//! A reference interpreter of checked functions on one set of argument values, with the meaning of
//! [`crate::sem`]: the checker computes `const` values that call functions with it, `vecrun equiv`
//! shows what the old and the new function returned for a difference the backends found (the
//! verdicts themselves always come from the backends), and `vecrun vectors` writes model results.

use super::typed::{Expr, ExprKind, Function, Stmt, TypedSpec, Value};
use crate::diag::Span;
use crate::sem::{Builtin, ScalarType, wide};
use crate::syntax::ast::BinOp;

/// Why a function has no value: an index outside its array or a loop past its bound (the language's
/// run-time failures inside a function), a call of an `extern fn`, which only its bound
/// implementation computes, or (at check time) a computation past the interpreter's limits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trap {
    OutOfBounds {
        /// The index expression.
        span: Span,
        index: i64,
        len: u32,
    },
    Extern {
        span: Span,
        name: String,
    },
    /// A `while` or `loop` would have run more than its bound (the loop's head).
    LoopBound {
        span: Span,
        bound: u32,
    },
    /// More than [`MAX_STEPS`] statements and expressions, calls nested deeper than
    /// [`MAX_DEPTH`], or a function whose body has errors: no value.
    Limit {
        span: Span,
        why: &'static str,
    },
}

/// Statements and expressions one top-level call may evaluate.
pub const MAX_STEPS: u64 = 50_000_000;
/// Nested calls one top-level call may make (the checker refuses recursion; this bounds it anyway).
pub const MAX_DEPTH: u32 = 256;

/// Where the interpreter finds functions and extern fn names: a checked spec, or the checker
/// while it computes constants.
pub trait Functions {
    fn function(&self, index: usize) -> Option<&Function>;
    fn extern_name(&self, index: usize) -> String;
}

impl Functions for TypedSpec {
    fn function(&self, index: usize) -> Option<&Function> {
        self.functions.get(index)
    }
    fn extern_name(&self, index: usize) -> String {
        self.externs.get(index).map(|x| x.name.clone()).unwrap_or_default()
    }
}

/// Calls function `index` of `spec` (an index into `spec.functions`) with `args`.
pub fn call(spec: &impl Functions, index: usize, args: Vec<Value>) -> Result<Value, Trap> {
    let mut fuel = MAX_STEPS;
    call_in(spec, index, args, &mut fuel, 0, Span::default())
}

/// Evaluates an expression with no locals or inputs (a `const` item's value), calls included.
pub fn eval_expr(spec: &dyn Functions, e: &Expr) -> Result<Value, Trap> {
    let mut fuel = MAX_STEPS;
    let mut frame = Frame { spec, locals: Vec::new(), local_types: Vec::new(), fuel: &mut fuel, depth: 0 };
    frame.eval(e)
}

fn call_in(spec: &dyn Functions, index: usize, args: Vec<Value>, fuel: &mut u64, depth: u32, at: Span) -> Result<Value, Trap> {
    let Some(f) = spec.function(index) else { return Err(Trap::Limit { span: at, why: "the function has errors" }) };
    if depth > MAX_DEPTH {
        return Err(Trap::Limit { span: at, why: "calls nested too deep" });
    }
    let mut frame =
        Frame { spec, locals: vec![None; f.locals.len()], local_types: f.locals.iter().map(|l| l.ty.elem()).collect(), fuel, depth };
    for (id, v) in f.params.iter().zip(args) {
        frame.locals[id.0 as usize] = Some(v);
    }
    match frame.block(&f.body)? {
        Flow::Return(v) => Ok(v),
        // The checker proves every path returns; keep the interpreter total anyway.
        Flow::Next | Flow::Break | Flow::Continue => Ok(Value::Scalar(f.ret.elem(), 0)),
    }
}

enum Flow {
    Next,
    Break,
    Continue,
    Return(Value),
}

struct Frame<'a> {
    spec: &'a dyn Functions,
    locals: Vec<Option<Value>>,
    local_types: Vec<ScalarType>,
    fuel: &'a mut u64,
    depth: u32,
}

fn scalar(v: &Value) -> (ScalarType, u64) {
    match v {
        Value::Scalar(s, b) => (*s, *b),
        Value::Array(s, v) => (*s, v.first().copied().unwrap_or(0)),
        Value::Record(..) | Value::RecordArray(..) => (ScalarType::Bool, 0),
    }
}

/// The part of a record value at a path of field positions.
fn part_mut<'v>(v: &'v mut Value, fields: &[u32]) -> Option<&'v mut Value> {
    match fields.split_first() {
        None => Some(v),
        Some((k, rest)) => match v {
            Value::Record(_, fs) => part_mut(fs.get_mut(*k as usize)?, rest),
            _ => None,
        },
    }
}

impl Frame<'_> {
    fn spend(&mut self, span: Span) -> Result<(), Trap> {
        if *self.fuel == 0 {
            return Err(Trap::Limit { span, why: "takes more than 50 million steps" });
        }
        *self.fuel -= 1;
        Ok(())
    }

    fn block(&mut self, stmts: &[Stmt]) -> Result<Flow, Trap> {
        for s in stmts {
            self.spend(Span::default())?;
            match self.stmt(s)? {
                Flow::Next => {}
                jump => return Ok(jump),
            }
        }
        Ok(Flow::Next)
    }

    fn stmt(&mut self, s: &Stmt) -> Result<Flow, Trap> {
        match s {
            Stmt::Let { local, value } => {
                let v = self.eval(value)?;
                self.locals[local.0 as usize] = Some(v);
            }
            Stmt::Assign { local, fields, index, after, value } => {
                let v = self.eval(value)?;
                let i = match index {
                    Some(ie) => Some(self.eval(ie)?),
                    None => None,
                };
                let Some(part) = self.locals[local.0 as usize].as_mut().and_then(|whole| part_mut(whole, fields)) else {
                    return Ok(Flow::Next);
                };
                match (index, i) {
                    (Some(ie), Some(i)) => {
                        let k = index_value(&i);
                        let len = match part {
                            Value::Array(_, elems) => elems.len(),
                            Value::RecordArray(_, elems) => elems.len(),
                            _ => 0,
                        };
                        if k < 0 || k >= len as i64 {
                            return Err(Trap::OutOfBounds { span: ie.span, index: k, len: len as u32 });
                        }
                        match part {
                            Value::Array(_, elems) => elems[k as usize] = scalar(&v).1,
                            Value::RecordArray(_, elems) => {
                                if let Some(target) = part_mut(&mut elems[k as usize], after) {
                                    *target = v;
                                }
                            }
                            _ => {}
                        }
                    }
                    _ => *part = v,
                }
            }
            Stmt::If { cond, then, els } => {
                let (_, c) = scalar(&self.eval(cond)?);
                return if c != 0 { self.block(then) } else { self.block(els) };
            }
            Stmt::For { local, start, end, body } => {
                let ty = self.local_types[local.0 as usize];
                for k in *start..*end {
                    self.locals[local.0 as usize] = Some(Value::Scalar(ty, wide::wrap(ty, k as i128)));
                    match self.block(body)? {
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Break => break,
                        Flow::Next | Flow::Continue => {}
                    }
                }
            }
            Stmt::While { cond, bound, body, span } => {
                let mut trips = 0u32;
                loop {
                    if let Some(c) = cond
                        && scalar(&self.eval(c)?).1 == 0
                    {
                        break;
                    }
                    if trips == *bound {
                        return Err(Trap::LoopBound { span: *span, bound: *bound });
                    }
                    trips += 1;
                    match self.block(body)? {
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Break => break,
                        Flow::Next | Flow::Continue => {}
                    }
                }
            }
            Stmt::Break => return Ok(Flow::Break),
            Stmt::Continue => return Ok(Flow::Continue),
            Stmt::Return(e) => return Ok(Flow::Return(self.eval(e)?)),
            Stmt::Assert { .. } | Stmt::Assume { .. } | Stmt::Cover { .. } => {}
        }
        Ok(Flow::Next)
    }

    fn eval(&mut self, e: &Expr) -> Result<Value, Trap> {
        self.spend(e.span)?;
        let out = e.ty.elem();
        Ok(match &e.kind {
            ExprKind::Const(v) => v.clone(),
            ExprKind::ExternCall(x, _) => {
                return Err(Trap::Extern { span: e.span, name: self.spec.extern_name(x.0 as usize) });
            }
            // Functions cannot read inputs (E0182).
            ExprKind::Input(_) => Value::Scalar(out, 0),
            ExprKind::Local(id) => self.locals[id.0 as usize].clone().unwrap_or(Value::Scalar(out, 0)),
            ExprKind::Unary(op, x) => {
                let (s, b) = scalar(&self.eval(x)?);
                Value::Scalar(out, wide::unary(*op, s, b))
            }
            ExprKind::Binary(op @ (BinOp::And | BinOp::Or), l, r) => {
                // Lazy, like the backends: the right side may fail only when it is evaluated.
                let (_, lb) = scalar(&self.eval(l)?);
                let short = if *op == BinOp::And { lb == 0 } else { lb != 0 };
                if short {
                    Value::Scalar(ScalarType::Bool, lb)
                } else {
                    let (_, rb) = scalar(&self.eval(r)?);
                    Value::Scalar(ScalarType::Bool, (rb != 0) as u64)
                }
            }
            ExprKind::Binary(op @ (BinOp::Eq | BinOp::Ne), l, r) if l.ty.scalar().is_none() => {
                let (a, b) = (self.eval(l)?, self.eval(r)?);
                Value::Scalar(ScalarType::Bool, (super::consteval::values_equal(&a, &b) == (*op == BinOp::Eq)) as u64)
            }
            ExprKind::Binary(op, l, r) => {
                let (ls, lb) = scalar(&self.eval(l)?);
                let (_, rb) = scalar(&self.eval(r)?);
                Value::Scalar(out, wide::binary(*op, ls, lb, rb))
            }
            ExprKind::Cast(x, to) => {
                let (s, b) = scalar(&self.eval(x)?);
                Value::Scalar(*to, wide::cast(s, *to, b))
            }
            ExprKind::Call(f, args) => {
                let mut vals = Vec::with_capacity(args.len());
                for a in args {
                    vals.push(self.eval(a)?);
                }
                call_in(self.spec, f.0 as usize, vals, self.fuel, self.depth + 1, e.span)?
            }
            ExprKind::Builtin(Builtin::Len, args) => Value::Scalar(ScalarType::U32, args[0].ty.array_len().unwrap_or(0) as u64),
            ExprKind::Builtin(Builtin::MulWide, args) => {
                let vals = [self.eval(&args[0])?, self.eval(&args[1])?];
                super::consteval::mul_wide(e.ty, &vals)
            }
            ExprKind::Builtin(Builtin::Select, args) => {
                let (_, c) = scalar(&self.eval(&args[0])?);
                if c != 0 { self.eval(&args[1])? } else { self.eval(&args[2])? }
            }
            ExprKind::Builtin(bi, args) => {
                let mut bits = Vec::with_capacity(args.len());
                let mut first = out;
                for (k, a) in args.iter().enumerate() {
                    let (s, b) = scalar(&self.eval(a)?);
                    if k == 0 {
                        first = s;
                    }
                    bits.push(b);
                }
                Value::Scalar(out, wide::builtin(*bi, first, &bits))
            }
            ExprKind::Index(base, idx) => {
                let b = self.eval(base)?;
                let i = self.eval(idx)?;
                if let Value::RecordArray(_, mut elems) = b {
                    let k = index_value(&i);
                    if k < 0 || k >= elems.len() as i64 {
                        return Err(Trap::OutOfBounds { span: idx.span, index: k, len: elems.len() as u32 });
                    }
                    return Ok(elems.swap_remove(k as usize));
                }
                let Value::Array(s, elems) = b else { return Ok(b) };
                let k = index_value(&i);
                if k < 0 || k >= elems.len() as i64 {
                    return Err(Trap::OutOfBounds { span: idx.span, index: k, len: elems.len() as u32 });
                }
                Value::Scalar(s, elems[k as usize])
            }
            ExprKind::Array(xs) if matches!(e.ty, crate::check::Type::RecordArray(..)) => {
                let mut elems = Vec::with_capacity(xs.len());
                for x in xs {
                    elems.push(self.eval(x)?);
                }
                let crate::check::Type::RecordArray(r, _) = e.ty else { unreachable!("matched above") };
                Value::RecordArray(r, elems)
            }
            ExprKind::Array(xs) => {
                let mut bits = Vec::with_capacity(xs.len());
                for x in xs {
                    bits.push(scalar(&self.eval(x)?).1);
                }
                Value::Array(out, bits)
            }
            ExprKind::Record(xs) => {
                let mut fields = Vec::with_capacity(xs.len());
                for x in xs {
                    fields.push(self.eval(x)?);
                }
                match e.ty {
                    crate::check::Type::Record(r) => Value::Record(r, fields),
                    crate::check::Type::RecordArray(r, n) => {
                        Value::RecordArray(r, (0..n as usize).map(|k| super::consteval::element_of_fields(r, &fields, k)).collect())
                    }
                    _ => Value::Scalar(out, 0),
                }
            }
            ExprKind::Field(x, k) => match self.eval(x)? {
                Value::Record(_, mut fields) if (*k as usize) < fields.len() => fields.swap_remove(*k as usize),
                other => other,
            },
        })
    }
}

/// An index value: `i32` indices are signed (a negative one is out of bounds).
fn index_value(v: &Value) -> i64 {
    let (s, b) = scalar(v);
    i64::try_from(wide::int_value(s, b)).unwrap_or(i64::MAX)
}

//! Constant evaluation of typed expressions, with the semantics of [`crate::sem`].

use super::typed::{Expr, ExprKind, Type, Value};
use crate::diag::Span;
use crate::sem::{self, Builtin, ScalarType};
use crate::syntax::ast::BinOp;

/// Why an expression is not constant.
#[derive(Debug)]
pub struct NotConst {
    pub span: Span,
    pub why: String,
}

/// Evaluates `e` if it is built only from constants, operators, casts, builtins and indexing.
pub fn eval(e: &Expr) -> Result<Value, NotConst> {
    match &e.kind {
        ExprKind::Const(v) => Ok(v.clone()),
        ExprKind::Input(_) => Err(NotConst { span: e.span, why: "inputs vary per vector".into() }),
        ExprKind::Local(_) => Err(NotConst { span: e.span, why: "variables are not constants".into() }),
        ExprKind::Call(..) | ExprKind::ExternCall(..) => Err(NotConst { span: e.span, why: "function calls are not constant".into() }),
        ExprKind::Unary(op, x) => {
            let (s, b) = scalar(eval(x)?);
            Ok(Value::Scalar(s, sem::unary(*op, s, b)))
        }
        ExprKind::Binary(op @ (BinOp::Eq | BinOp::Ne), l, r) if matches!(l.ty, Type::Array(..) | Type::Record(_)) => {
            let eq = values_equal(&eval(l)?, &eval(r)?);
            Ok(Value::Scalar(ScalarType::Bool, (eq == (*op == BinOp::Eq)) as u32))
        }
        ExprKind::Binary(op, l, r) => {
            let (ls, lb) = scalar(eval(l)?);
            let (_, rb) = scalar(eval(r)?);
            let out = sem::binary(*op, ls, lb, rb);
            let ty = if op.is_comparison() || matches!(op, BinOp::And | BinOp::Or) { ScalarType::Bool } else { ls };
            Ok(Value::Scalar(ty, out))
        }
        ExprKind::Cast(x, to) => {
            let (s, b) = scalar(eval(x)?);
            Ok(Value::Scalar(*to, sem::cast(s, *to, b)))
        }
        ExprKind::Builtin(bi, args) => {
            let mut vals = Vec::new();
            for a in args {
                vals.push(eval(a)?);
            }
            if *bi == Builtin::Len {
                return Ok(Value::Scalar(ScalarType::U32, vals[0].ty().slots()));
            }
            if *bi == Builtin::Select {
                let (_, c) = scalar(vals[0].clone());
                return Ok(if c != 0 { vals[1].clone() } else { vals[2].clone() });
            }
            let arg_ty = vals[0].ty().elem();
            let bits: Vec<u32> = vals.into_iter().map(|v| scalar(v).1).collect();
            let ret = e.ty.elem();
            Ok(Value::Scalar(ret, sem::builtin(*bi, arg_ty, &bits)))
        }
        ExprKind::Index(base, idx) => {
            let Value::Array(s, elems) = eval(base)? else {
                return Err(NotConst { span: e.span, why: "not an array".into() });
            };
            let (is, ib) = scalar(eval(idx)?);
            let i = if is == ScalarType::I32 { ib as i32 as i64 } else { ib as i64 };
            if i < 0 || i >= elems.len() as i64 {
                return Err(NotConst { span: idx.span, why: format!("index {i} is out of bounds for length {}", elems.len()) });
            }
            Ok(Value::Scalar(s, elems[i as usize]))
        }
        ExprKind::Array(xs) => {
            let mut out = Vec::new();
            let mut s = ScalarType::U32;
            for x in xs {
                let (xs_, b) = scalar(eval(x)?);
                s = xs_;
                out.push(b);
            }
            Ok(Value::Array(s, out))
        }
        ExprKind::Record(xs) => {
            let Type::Record(r) = e.ty else { return Err(NotConst { span: e.span, why: "not a record".into() }) };
            let fields = xs.iter().map(eval).collect::<Result<Vec<_>, _>>()?;
            Ok(Value::Record(r, fields))
        }
        ExprKind::Field(x, k) => match eval(x)? {
            Value::Record(_, mut fields) if (*k as usize) < fields.len() => Ok(fields.swap_remove(*k as usize)),
            _ => Err(NotConst { span: e.span, why: "not a record".into() }),
        },
    }
}

/// `==` on whole values: scalars as `sem` compares them (so a NaN is unequal to itself), arrays
/// and records when every element and field is equal.
pub fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Scalar(s, x), Value::Scalar(_, y)) => sem::binary(BinOp::Eq, *s, *x, *y) != 0,
        (Value::Array(s, x), Value::Array(_, y)) => sem::array_eq(*s, x, y),
        (Value::Record(_, x), Value::Record(_, y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| values_equal(a, b)),
        _ => false,
    }
}

fn scalar(v: Value) -> (ScalarType, u32) {
    match v {
        Value::Scalar(s, b) => (s, b),
        // The type checker only lets scalars reach scalar operators.
        Value::Array(s, v) => (s, v.first().copied().unwrap_or(0)),
        Value::Record(..) => (ScalarType::Bool, 0),
    }
}

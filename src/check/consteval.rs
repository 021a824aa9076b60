//! Constant evaluation of typed expressions, with the semantics of [`crate::sem`].

use super::typed::{Expr, ExprKind, Type, Value};
use crate::diag::Span;
use crate::sem::{Builtin, ScalarType, wide};
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
            Ok(Value::Scalar(s, wide::unary(*op, s, b)))
        }
        ExprKind::Binary(op @ (BinOp::Eq | BinOp::Ne), l, r) if l.ty.scalar().is_none() => {
            let eq = values_equal(&eval(l)?, &eval(r)?);
            Ok(Value::Scalar(ScalarType::Bool, (eq == (*op == BinOp::Eq)) as u64))
        }
        ExprKind::Binary(op, l, r) => {
            let (ls, lb) = scalar(eval(l)?);
            let (_, rb) = scalar(eval(r)?);
            let out = wide::binary(*op, ls, lb, rb);
            let ty = if op.is_comparison() || matches!(op, BinOp::And | BinOp::Or) { ScalarType::Bool } else { ls };
            Ok(Value::Scalar(ty, out))
        }
        ExprKind::Cast(x, to) => {
            let (s, b) = scalar(eval(x)?);
            Ok(Value::Scalar(*to, wide::cast(s, *to, b)))
        }
        ExprKind::Builtin(bi, args) => {
            let mut vals = Vec::new();
            for a in args {
                vals.push(eval(a)?);
            }
            if *bi == Builtin::Len {
                return Ok(Value::Scalar(ScalarType::U32, vals[0].ty().array_len().unwrap_or(0) as u64));
            }
            if *bi == Builtin::MulWide {
                return Ok(mul_wide(e.ty, &vals));
            }
            if *bi == Builtin::Select {
                let (_, c) = scalar(vals[0].clone());
                return Ok(if c != 0 { vals[1].clone() } else { vals[2].clone() });
            }
            let arg_ty = vals[0].ty().elem();
            let bits: Vec<u64> = vals.into_iter().map(|v| scalar(v).1).collect();
            let ret = e.ty.elem();
            Ok(Value::Scalar(ret, wide::builtin(*bi, arg_ty, &bits)))
        }
        ExprKind::Index(base, idx) if matches!(base.ty, Type::RecordArray(..)) => {
            let Value::RecordArray(_, mut elems) = eval(base)? else {
                return Err(NotConst { span: e.span, why: "not an array".into() });
            };
            let (is, ib) = scalar(eval(idx)?);
            let i = wide::int_value(is, ib);
            if i < 0 || i >= elems.len() as i128 {
                return Err(NotConst { span: idx.span, why: format!("index {i} is out of bounds for length {}", elems.len()) });
            }
            Ok(elems.swap_remove(i as usize))
        }
        ExprKind::Index(base, idx) => {
            let Value::Array(s, elems) = eval(base)? else {
                return Err(NotConst { span: e.span, why: "not an array".into() });
            };
            let (is, ib) = scalar(eval(idx)?);
            let i = wide::int_value(is, ib);
            if i < 0 || i >= elems.len() as i128 {
                return Err(NotConst { span: idx.span, why: format!("index {i} is out of bounds for length {}", elems.len()) });
            }
            Ok(Value::Scalar(s, elems[i as usize]))
        }
        ExprKind::Array(xs) if matches!(e.ty, Type::RecordArray(..)) => {
            let Type::RecordArray(r, _) = e.ty else { unreachable!("matched above") };
            Ok(Value::RecordArray(r, xs.iter().map(eval).collect::<Result<Vec<_>, _>>()?))
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
            let fields = xs.iter().map(eval).collect::<Result<Vec<_>, _>>()?;
            match e.ty {
                Type::Record(r) => Ok(Value::Record(r, fields)),
                Type::RecordArray(r, n) => Ok(Value::RecordArray(r, (0..n as usize).map(|k| element_of_fields(r, &fields, k)).collect())),
                _ => Err(NotConst { span: e.span, why: "not a record".into() }),
            }
        }
        ExprKind::Field(x, k) => match eval(x)? {
            Value::Record(_, mut fields) if (*k as usize) < fields.len() => Ok(fields.swap_remove(*k as usize)),
            _ => Err(NotConst { span: e.span, why: "not a record".into() }),
        },
    }
}

/// Element `k` of a record array given field by field (each field an array, or a record array
/// for a record field): `Record(r, [fields[0][k], fields[1][k], ...])`.
pub fn element_of_fields(r: crate::check::RecordId, fields: &[Value], k: usize) -> Value {
    let at = |f: &Value| match f {
        Value::Array(s, bits) => Value::Scalar(*s, bits.get(k).copied().unwrap_or(0)),
        Value::RecordArray(_, elems) => elems.get(k).cloned().unwrap_or(Value::Record(r, Vec::new())),
        other => other.clone(),
    };
    Value::Record(r, fields.iter().map(at).collect())
}

/// `==` on whole values: scalars as `sem` compares them (so a NaN is unequal to itself), arrays
/// and records when every element and field is equal.
pub fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Scalar(s, x), Value::Scalar(_, y)) => wide::binary(BinOp::Eq, *s, *x, *y) != 0,
        (Value::Array(s, x), Value::Array(_, y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| wide::binary(BinOp::Eq, *s, *p, *q) != 0)
        }
        (Value::Record(_, x), Value::Record(_, y)) | (Value::RecordArray(_, x), Value::RecordArray(_, y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| values_equal(a, b))
        }
        _ => false,
    }
}

fn scalar(v: Value) -> (ScalarType, u64) {
    match v {
        Value::Scalar(s, b) => (s, b),
        // The type checker only lets scalars reach scalar operators.
        Value::Array(s, v) => (s, v.first().copied().unwrap_or(0)),
        Value::Record(..) | Value::RecordArray(..) => (ScalarType::Bool, 0),
    }
}

/// `mul_wide(a, b)` of type `ty` (the tuple `(low, high)`): the wrapping product as the unsigned
/// type of the same width, and `mul_hi`.
pub(super) fn mul_wide(ty: Type, args: &[Value]) -> Value {
    let (Value::Scalar(t, a), Value::Scalar(_, b)) = (&args[0], &args[1]) else { unreachable!("mul_wide takes two integers") };
    let Type::Record(r) = ty else { unreachable!("mul_wide returns a tuple") };
    let lo = wide::cast(*t, t.unsigned(), wide::binary(BinOp::Mul, *t, *a, *b));
    Value::Record(r, vec![Value::Scalar(t.unsigned(), lo), Value::Scalar(*t, wide::builtin(Builtin::MulHi, *t, &[*a, *b]))])
}

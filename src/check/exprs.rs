//! Expressions: literals (typed from context), names, operators, casts, indexing, arrays and
//! calls of user functions, with mismatch diagnostics and cast hints.

use super::typed::*;
use super::{Checker, Global, MAX_ARRAY_LEN};
use crate::diag::{Diagnostic, Span, codes};
use crate::sem::{Builtin, ScalarType, wide};
use crate::syntax::ast::{self, BinOp, ExprKind as AK, UnOp};

/// Whether an untyped expression takes its type from context (an integer literal, possibly negated).
/// A float literal, possibly negated or parenthesised: typed `f64` where its context wants one,
/// else `f32`, so the other operand of a binary operator is typed first.
pub(super) fn is_float_literal(e: &ast::Expr) -> bool {
    match &e.kind {
        AK::Float(_) => true,
        AK::Paren(inner) | AK::Unary(UnOp::Neg, inner) => is_float_literal(inner),
        _ => false,
    }
}

/// A literal expression whose type its context decides: [`is_flexible`] or [`is_float_literal`].
pub(super) fn is_literal(e: &ast::Expr) -> bool {
    is_flexible(e) || is_float_literal(e)
}

pub(super) fn is_flexible(e: &ast::Expr) -> bool {
    match &e.kind {
        AK::Int(_) => true,
        AK::Paren(inner) => is_flexible(inner),
        AK::Unary(UnOp::Neg | UnOp::BitNot, inner) => is_flexible(inner),
        AK::Binary(op, l, r) if !op.is_comparison() && !matches!(op, BinOp::And | BinOp::Or | BinOp::Shl | BinOp::Shr) => {
            is_flexible(l) && is_flexible(r)
        }
        AK::Binary(BinOp::Shl | BinOp::Shr, l, _) => is_flexible(l),
        _ => false,
    }
}

/// The type an unanchored literal expression takes: i32, or u32 when a literal in it is too
/// large for i32 (so `4294967295 > 1` means what it says).
pub(super) fn flexible_default(e: &ast::Expr) -> ScalarType {
    fn max_literal(e: &ast::Expr) -> u64 {
        match &e.kind {
            AK::Int(v) => *v,
            AK::Paren(x) | AK::Unary(_, x) => max_literal(x),
            AK::Binary(_, l, r) => max_literal(l).max(max_literal(r)),
            _ => 0,
        }
    }
    match max_literal(e) {
        v if v > u32::MAX as u64 => ScalarType::U64,
        v if v > i32::MAX as u64 => ScalarType::U32,
        _ => ScalarType::I32,
    }
}

impl Checker<'_> {
    /// Checks `e` against an expected type, with a precise mismatch error.
    pub(super) fn expr_expect(&mut self, e: &ast::Expr, want: Type) -> Option<Expr> {
        // For arrays the hint is the element type (it types the literals of `[0; 8]`).
        let hint = want.scalar().or(match want {
            Type::Array(s, _) => Some(s),
            _ => None,
        });
        let got = match (&e.kind, want) {
            // The elements of an array of records take the element type (`[(0, 1); 4]`).
            (AK::Array(elems), Type::RecordArray(r, n)) if elems.len() == n as usize => {
                let typed: Vec<Option<Expr>> = elems.iter().map(|x| self.expr_expect(x, Type::Record(r))).collect();
                let elems: Vec<Expr> = typed.into_iter().collect::<Option<_>>()?;
                Expr { kind: ExprKind::Array(elems), ty: want, span: e.span }
            }
            (AK::Repeat(value, len), Type::RecordArray(r, _)) => {
                let n = self.array_len(len)?;
                let v = self.expr_expect(value, Type::Record(r))?;
                Expr { kind: ExprKind::Array(vec![v; n as usize]), ty: Type::RecordArray(r, n as u32), span: e.span }
            }
            // A tuple literal takes its element types from the expected tuple type.
            (AK::Tuple(elems), Type::Record(r))
                if self.records.get(r).name.is_none() && self.records.get(r).fields.len() == elems.len() =>
            {
                let tys: Vec<Type> = self.records.get(r).fields.iter().map(|(_, t)| *t).collect();
                let typed: Vec<Option<Expr>> = elems.iter().zip(&tys).map(|(x, t)| self.expr_expect(x, *t)).collect();
                let fields: Vec<Expr> = typed.into_iter().collect::<Option<_>>()?;
                Expr { kind: ExprKind::Record(fields), ty: want, span: e.span }
            }
            _ => self.expr(e, hint)?,
        };
        if got.ty != want {
            let (want_s, got_s) = (self.show(want), self.show(got.ty));
            let mut d = Diagnostic::error(codes::MISMATCHED_TYPES, format!("mismatched types: expected {want_s}, found {got_s}"))
                .primary(e.span, format!("expected {want_s}"));
            d = self.cast_hint(d, e, got.ty, want);
            self.err(d);
            return None;
        }
        Some(got)
    }

    fn cast_hint(&self, d: Diagnostic, e: &ast::Expr, got: Type, want: Type) -> Diagnostic {
        let text = self.loaded.sources.snippet(e.span);
        match (got, want) {
            (Type::Scalar(g), Type::Scalar(w)) if g.is_numeric() && w.is_numeric() => {
                if matches!(e.kind, AK::Int(_)) && w.is_float() {
                    d.help(format!("write a float literal: `{text}.0`"))
                } else {
                    let shown = if text.contains(' ') { format!("({text})") } else { text.to_string() };
                    d.help(format!("`{text}` is {g}; did you mean `{shown} as {w}`?"))
                }
            }
            (Type::Scalar(g), Type::Scalar(ScalarType::Bool)) if g.is_numeric() => d.help(format!("compare it: `{text} != 0`")),
            _ => d,
        }
    }

    pub(super) fn index_expr(&mut self, i: &ast::Expr) -> Option<Expr> {
        let hint = if is_flexible(i) { Some(ScalarType::U32) } else { None };
        let ie = self.expr(i, hint)?;
        if !matches!(ie.ty, Type::Scalar(s) if s.is_int()) {
            let d = Diagnostic::error(codes::INDEX_NOT_INTEGER, format!("array index must be an integer, found {}", ie.ty))
                .primary(i.span, "not an integer");
            self.err(d);
            return None;
        }
        Some(ie)
    }

    pub(super) fn expr(&mut self, e: &ast::Expr, hint: Option<ScalarType>) -> Option<Expr> {
        let span = e.span;
        let mk = |kind, ty| Some(Expr { kind, ty, span });
        match &e.kind {
            AK::Error => None,
            AK::Int(v) => {
                let ty = hint.unwrap_or(match *v {
                    v if v > u32::MAX as u64 => ScalarType::U64,
                    v if v > i32::MAX as u64 => ScalarType::U32,
                    _ => ScalarType::I32,
                });
                if !ty.is_int() {
                    // An integer literal where a float or bool is wanted: type it i32, let the caller explain.
                    return mk(ExprKind::Const(Value::Scalar(ScalarType::I32, (*v).min(i32::MAX as u64))), Type::I32);
                }
                let max = ty.int_range128().1 as u64;
                if *v <= max {
                    mk(ExprKind::Const(Value::Scalar(ty, *v)), Type::Scalar(ty))
                } else {
                    let d = Diagnostic::error(codes::LITERAL_OUT_OF_RANGE, format!("literal out of range for {ty}"))
                        .primary(span, format!("the largest {ty} is {max}"));
                    self.err(d);
                    None
                }
            }
            AK::Float(v) if hint == Some(ScalarType::F64) => {
                mk(ExprKind::Const(Value::Scalar(ScalarType::F64, v.double.to_bits())), Type::F64)
            }
            AK::Float(v) => match v.single {
                Some(x) => mk(ExprKind::Const(Value::Scalar(ScalarType::F32, x.to_bits() as u64)), Type::F32),
                None => {
                    let d = Diagnostic::error(codes::INVALID_FLOAT_LITERAL, "invalid float literal")
                        .primary(span, crate::syntax::LiteralError::FloatTooLarge.to_string());
                    self.err(d);
                    None
                }
            },
            AK::Char(c) => mk(ExprKind::Const(Value::Scalar(ScalarType::U32, *c as u64)), Type::U32),
            AK::Bytes(bytes) => {
                // An array of integer literals, typed like `[66, 67]` would be: `[u8; N]` unless the
                // context wants another integer type.
                let elems = bytes.iter().map(|b| ast::Expr { kind: AK::Int(*b as u64), span }).collect();
                self.expr(&ast::Expr { kind: AK::Array(elems), span }, hint.or(Some(ScalarType::U8)))
            }
            AK::TypeConst(ty, name) => {
                let Some(value) = type_const(&ty.name, &name.name) else {
                    let known = match ty.name.as_str() {
                        "u8" | "u16" | "u32" | "i8" | "i16" | "i32" => "`MIN`, `MAX` and `BITS`",
                        "f32" => "`MAX`, `MIN`, `MIN_POSITIVE`, `EPSILON`, `INFINITY`, `NEG_INFINITY` and `NAN`",
                        _ => "the integer types' `MIN`, `MAX`, `BITS` and `f32::` constants",
                    };
                    let d = Diagnostic::error(codes::UNKNOWN_NAME, format!("no constant `{}::{}`", ty.name, name.name))
                        .primary(span, "not a known type constant")
                        .help(format!("the type constants are {known} (docs/language.md section 4)"));
                    self.err(d);
                    return None;
                };
                let t = value.ty();
                mk(ExprKind::Const(value), t)
            }
            AK::Bool(b) => mk(ExprKind::Const(Value::Scalar(ScalarType::Bool, *b as u64)), Type::BOOL),
            AK::Paren(inner) => self.expr(inner, hint).map(|mut x| {
                x.span = span;
                x
            }),
            AK::Name(name) => {
                if let Some(id) = self.lookup_local(name) {
                    if self.is_poisoned(id) {
                        return None;
                    }
                    let ty = self.body.as_ref().expect("local implies body").locals[id.0 as usize].ty;
                    return mk(ExprKind::Local(id), ty);
                }
                match self.scopes[self.file.0 as usize].get(name.as_str()).copied() {
                    Some((Global::Const(i), _)) => {
                        let v = self.eval_const(i)?;
                        let ty = v.ty();
                        mk(ExprKind::Const(v), ty)
                    }
                    Some((Global::Input(_) | Global::RecordInput(_), _)) if self.body.as_ref().is_some_and(|b| b.ret.is_none()) => {
                        match self.scopes[self.file.0 as usize].get(name.as_str()).copied() {
                            Some((Global::Input(i), _)) => {
                                let ty = self.inputs[i].ty;
                                mk(ExprKind::Input(InputId(i as u32)), ty)
                            }
                            Some((Global::RecordInput(k), _)) => {
                                let mut x = self.record_inputs[k].clone();
                                x.span = span;
                                Some(x)
                            }
                            _ => None,
                        }
                    }
                    Some((Global::Struct(_), _)) => {
                        let d = Diagnostic::error(codes::FUNCTION_AS_VALUE, format!("`{name}` is a struct type, not a value"))
                            .primary(span, "type used as a value")
                            .help(format!("build a value with its fields: `{name} {{ field: value, ... }}`"));
                        self.err(d);
                        None
                    }
                    Some((Global::Input(_) | Global::RecordInput(_), _)) => {
                        if self.body.as_ref().is_some_and(|b| b.ret.is_some()) {
                            let d = Diagnostic::error(codes::INPUT_READ_IN_FUNCTION, format!("function cannot read input `{name}`"))
                                .primary(span, "inputs are only visible in properties")
                                .help(format!("add a parameter and pass `{name}` from the property"));
                            self.err(d);
                            return None;
                        }
                        if self.body.is_none() {
                            let d = Diagnostic::error(codes::NOT_CONSTANT, "an input is not a constant")
                                .primary(span, "inputs vary per vector");
                            self.err(d);
                            return None;
                        }
                        None
                    }
                    Some((Global::Fn(_) | Global::Extern(_), _)) => {
                        let d = Diagnostic::error(codes::FUNCTION_AS_VALUE, format!("`{name}` is a function, not a value"))
                            .primary(span, "function used as a value")
                            .help(format!("call it: `{name}(...)`"));
                        self.err(d);
                        None
                    }
                    None if self.is_failed_input(name) => None,
                    None => {
                        let d = self.unknown_name(name, span);
                        self.err(d);
                        None
                    }
                }
            }
            AK::Unary(op, inner) => {
                // `-2147483648` is a valid i32; a negated literal too large for one, with nothing else
                // to type it, is an i64 (`-5000000000`, `-9223372036854775808`).
                let hint = match (&inner.kind, hint) {
                    (AK::Int(v), None) if *op == UnOp::Neg && *v > 1u64 << 31 => Some(ScalarType::I64),
                    _ => hint,
                };
                if *op == UnOp::Neg
                    && let AK::Int(v) = inner.kind
                {
                    let ty = hint.unwrap_or(ScalarType::I32);
                    if ty.is_signed() && v == 1u64 << (ty.width() - 1) {
                        return mk(ExprKind::Const(Value::Scalar(ty, wide::wrap(ty, ty.int_range128().0))), Type::Scalar(ty));
                    }
                }
                let x = self.expr(inner, hint)?;
                let Type::Scalar(s) = x.ty else {
                    let what = if x.ty.is_record() { "a struct or tuple" } else { "an array" };
                    let d = Diagnostic::error(codes::BAD_UNARY_OPERAND, format!("cannot apply `{}` to {what}", op.symbol()))
                        .primary(span, format!("type {}", self.show(x.ty)));
                    self.err(d);
                    return None;
                };
                let ok = match op {
                    UnOp::Neg => s.is_signed() || s.is_float(),
                    UnOp::Not => s == ScalarType::Bool,
                    UnOp::BitNot => s.is_int(),
                };
                if !ok {
                    let mut d = Diagnostic::error(codes::BAD_UNARY_OPERAND, format!("cannot apply unary `{}` to {s}", op.symbol()))
                        .primary(span, format!("operand is {s}"));
                    d = match (op, s) {
                        (UnOp::Neg, s) if s.is_int() => {
                            let signed = if s == ScalarType::U32 { "i32".to_string() } else { format!("i{}", s.width()) };
                            d.help(format!("{s} has no negative values; use `0 - x` for wrapping negation, or `x as {signed}`"))
                        }
                        (UnOp::Not, _) => d.help("`!` negates a bool; for integers use `~` (bitwise not)"),
                        (UnOp::BitNot, ScalarType::Bool) => d.help("use `!` to negate a bool"),
                        _ => d,
                    };
                    self.err(d);
                    return None;
                }
                mk(ExprKind::Unary(*op, Box::new(x)), Type::Scalar(s))
            }
            AK::Binary(_, _, _) if hint.is_none() && is_flexible(e) => self.expr(e, Some(flexible_default(e))),
            AK::Binary(op, l, r) => {
                let (le, re) = if op.is_comparison() || matches!(op, BinOp::And | BinOp::Or) {
                    let operand_hint = if matches!(op, BinOp::And | BinOp::Or) { Some(ScalarType::Bool) } else { None };
                    if (is_flexible(l) && !is_flexible(r)) || (is_float_literal(l) && !is_literal(r)) {
                        let re = self.expr(r, operand_hint)?;
                        let le = self.expr(l, re.ty.scalar())?;
                        (le, re)
                    } else if is_flexible(l) && is_flexible(r) && operand_hint.is_none() {
                        let common = flexible_default(e);
                        let le = self.expr(l, Some(common))?;
                        let re = self.expr(r, Some(common))?;
                        (le, re)
                    } else {
                        let le = self.expr(l, operand_hint)?;
                        // An array's element type types the literals of the other side (`a == [0; 4]`),
                        // a record's type its tuple literal (`qr == (3, 1)`).
                        let re = if le.ty.is_record() { self.expr_expect(r, le.ty)? } else { self.expr(r, Some(le.ty.elem()))? };
                        (le, re)
                    }
                } else if matches!(op, BinOp::Shl | BinOp::Shr) {
                    let le = self.expr(l, hint)?;
                    let re = self.expr(r, if is_flexible(r) { Some(ScalarType::U32) } else { None })?;
                    (le, re)
                } else if (is_flexible(l) && !is_flexible(r)) || (is_float_literal(l) && !is_literal(r)) {
                    let re = self.expr(r, hint)?;
                    let le = self.expr(l, re.ty.scalar())?;
                    (le, re)
                } else {
                    let le = self.expr(l, hint)?;
                    let re = self.expr(r, le.ty.scalar())?;
                    (le, re)
                };
                self.binary_typed(*op, le, re, span)
            }
            AK::Cast(inner, ty) => {
                let target = self.resolve_type(ty)?;
                let x = self.expr(inner, None)?;
                let (Type::Scalar(from), Type::Scalar(to)) = (x.ty, target) else {
                    let d = Diagnostic::error(codes::BAD_CAST, format!("cannot cast {} to {}", self.show(x.ty), self.show(target)))
                        .primary(span, "only scalars can be cast");
                    self.err(d);
                    return None;
                };
                if to == ScalarType::Bool && from != ScalarType::Bool {
                    let d = Diagnostic::error(codes::BAD_CAST, format!("cannot cast {from} to bool"))
                        .primary(span, "no numeric-to-bool cast")
                        .help(format!("compare instead: `{} != 0`", self.loaded.sources.snippet(inner.span)));
                    self.err(d);
                    return None;
                }
                mk(ExprKind::Cast(Box::new(x), to), target)
            }
            AK::Index(base, idx) => {
                let b = self.expr(base, None)?;
                if let Type::RecordArray(r, _) = b.ty {
                    let i = self.index_expr(idx)?;
                    return mk(ExprKind::Index(Box::new(b), Box::new(i)), Type::Record(r));
                }
                let Type::Array(elem, _) = b.ty else {
                    let mut d =
                        Diagnostic::error(codes::INDEX_OF_NON_ARRAY, format!("cannot index into a value of type {}", self.show(b.ty)))
                            .primary(base.span, "not an array");
                    if b.ty.is_record() {
                        d = d.help("read a field with `.name`, or a tuple's element with `.0`, `.1`, ...");
                    }
                    self.err(d);
                    return None;
                };
                let i = self.index_expr(idx)?;
                mk(ExprKind::Index(Box::new(b), Box::new(i)), Type::Scalar(elem))
            }
            AK::Array(elems) => {
                let mut out = Vec::new();
                let first_flex = elems.iter().all(is_flexible);
                let mut elem_hint = if first_flex { hint } else { None };
                // Type the first non-literal element first (once), then check the rest against it.
                let anchor = elems.iter().position(|x| !is_flexible(x));
                let mut anchor_typed = None;
                if let Some(i) = anchor {
                    let a = self.expr(&elems[i], hint)?;
                    elem_hint = a.ty.scalar();
                    anchor_typed = Some(a);
                }
                for (i, x) in elems.iter().enumerate() {
                    match anchor_typed.take_if(|_| anchor == Some(i)) {
                        Some(a) => out.push(a),
                        None => out.push(self.expr(x, elem_hint)?),
                    }
                }
                let ty0 = out[0].ty;
                if let Type::Record(r) = ty0 {
                    for (x, src) in out.iter().zip(elems) {
                        if x.ty != ty0 {
                            let (want, got) = (self.show(ty0), self.show(x.ty));
                            let d = Diagnostic::error(codes::MISMATCHED_TYPES, format!("mismatched types: expected {want}, found {got}"))
                                .primary(src.span, format!("expected {want}, like the first element"));
                            self.err(d);
                            return None;
                        }
                    }
                    let ty = self.record_array(r, out.len() as u32, span)?;
                    return mk(ExprKind::Array(out), ty);
                }
                let Type::Scalar(s) = ty0 else {
                    let d = Diagnostic::error(codes::NESTED_ARRAY, "arrays of arrays are not supported").primary(span, "nested array");
                    self.err(d);
                    return None;
                };
                for (x, src) in out.iter().zip(elems) {
                    if x.ty != ty0 {
                        let d = Diagnostic::error(codes::MISMATCHED_TYPES, format!("mismatched types: expected {ty0}, found {}", x.ty))
                            .primary(src.span, format!("expected {ty0}, like the first element"));
                        self.err(d);
                        return None;
                    }
                }
                let n = out.len() as u32;
                if n as i64 > MAX_ARRAY_LEN {
                    let d = Diagnostic::error(codes::ARRAY_LENGTH_OUT_OF_RANGE, format!("array length {n} is out of range"))
                        .primary(span, format!("at most {MAX_ARRAY_LEN}"));
                    self.err(d);
                    return None;
                }
                mk(ExprKind::Array(out), Type::Array(s, n))
            }
            AK::Repeat(value, len) => {
                let n = self.array_len(len)?;
                let v = self.expr(value, hint)?;
                if let Type::Record(r) = v.ty {
                    let ty = self.record_array(r, n as u32, span)?;
                    let elems = vec![v; n as usize];
                    return mk(ExprKind::Array(elems), ty);
                }
                let Type::Scalar(s) = v.ty else {
                    let d = Diagnostic::error(codes::NESTED_ARRAY, "arrays of arrays are not supported").primary(span, "nested array");
                    self.err(d);
                    return None;
                };
                let elems = vec![v; n as usize];
                mk(ExprKind::Array(elems), Type::Array(s, n as u32))
            }
            AK::Call(name, args) => self.call(name, args, span, hint),
            AK::Tuple(elems) => {
                let typed: Vec<Option<Expr>> = elems.iter().map(|x| self.expr(x, None)).collect();
                let fields: Vec<Expr> = typed.into_iter().collect::<Option<_>>()?;
                let tys: Vec<Type> = fields.iter().map(|f| f.ty).collect();
                let r = self.records.tuple(&tys);
                mk(ExprKind::Record(fields), Type::Record(r))
            }
            AK::Struct(name, fields) => self.struct_literal(name, fields, span),
            AK::Field(base, field) => {
                let b = self.expr(base, None)?;
                let (k, ty) = self.field_of(b.ty, field)?;
                mk(ExprKind::Field(Box::new(b), k), ty)
            }
        }
    }

    /// The position and type of field `field` of a value of type `ty` (reported when there is none).
    pub(super) fn field_of(&mut self, ty: Type, field: &ast::Ident) -> Option<(u32, Type)> {
        let Type::Record(r) = ty else {
            let d = Diagnostic::error(codes::UNKNOWN_FIELD, format!("{} has no fields", self.show(ty)))
                .primary(field.span, format!("no field `{}`", field.name))
                .note("only structs and tuples have fields");
            self.err(d);
            return None;
        };
        let rec = self.records.get(r);
        if let Some(k) = rec.fields.iter().position(|(n, _)| *n == field.name) {
            return Some((k as u32, rec.fields[k].1));
        }
        let names: Vec<String> = rec.fields.iter().map(|(n, _)| format!("`{n}`")).collect();
        let what = match &rec.name {
            Some(n) => format!("struct `{n}` has no field `{}`", field.name),
            None => format!("the tuple {} has no element `{}`", self.show(ty), field.name),
        };
        let mut d = Diagnostic::error(codes::UNKNOWN_FIELD, what).primary(field.span, "unknown field");
        let close = rec
            .fields
            .iter()
            .map(|(n, _)| n)
            .filter(|n| super::edit_distance(n, &field.name) <= 2)
            .min_by_key(|n| super::edit_distance(n, &field.name));
        d = match close {
            Some(c) => d.help(format!("did you mean `{c}`?")),
            None => d.note(format!("its fields are {}", names.join(", "))),
        };
        self.err(d);
        None
    }

    /// `Name { field: value, ... }`: every field once, each checked against its declared type.
    fn struct_literal(&mut self, name: &ast::Ident, fields: &[(ast::Ident, ast::Expr)], span: Span) -> Option<Expr> {
        let r = match self.scopes[self.file.0 as usize].get(&name.name).copied() {
            Some((Global::Struct(i), _)) => self.resolve_struct(i)?,
            _ => {
                let d = Diagnostic::error(codes::UNKNOWN_TYPE, format!("unknown struct `{}`", name.name))
                    .primary(name.span, "not a struct")
                    .help(format!("declare it: `struct {} {{ field: u32, ... }}`", name.name));
                self.err(d);
                return None;
            }
        };
        let decl: Vec<(String, Type)> = self.records.get(r).fields.clone();
        let mut values: Vec<Option<Expr>> = vec![None; decl.len()];
        let mut seen: Vec<Option<Span>> = vec![None; decl.len()];
        let mut ok = true;
        for (f, value) in fields {
            let Some(k) = decl.iter().position(|(n, _)| *n == f.name) else {
                ok &= self.field_of(Type::Record(r), f).is_some();
                continue;
            };
            if let Some(prev) = seen[k] {
                self.err(
                    Diagnostic::error(codes::DUPLICATE_FIELD, format!("field `{}` is set twice", f.name))
                        .primary(f.span, "set again here")
                        .secondary(prev, "first set here"),
                );
                ok = false;
                continue;
            }
            seen[k] = Some(f.span);
            match self.expr_expect(value, decl[k].1) {
                Some(v) => values[k] = Some(v),
                None => ok = false,
            }
        }
        let missing: Vec<String> = decl.iter().zip(&seen).filter(|(_, s)| s.is_none()).map(|((n, _), _)| format!("`{n}`")).collect();
        if !missing.is_empty() && ok {
            let d = Diagnostic::error(
                codes::MISSING_FIELD,
                format!("missing field{} {} in `{}`", if missing.len() == 1 { "" } else { "s" }, missing.join(", "), name.name),
            )
            .primary(span, "every field needs a value");
            self.err(d);
            return None;
        }
        let values: Vec<Expr> = values.into_iter().collect::<Option<_>>()?;
        ok.then_some(Expr { kind: ExprKind::Record(values), ty: Type::Record(r), span })
    }

    pub(super) fn binary_typed(&mut self, op: BinOp, le: Expr, re: Expr, span: Span) -> Option<Expr> {
        if matches!(op, BinOp::Eq | BinOp::Ne)
            && matches!(le.ty, Type::Array(..) | Type::Record(_) | Type::RecordArray(..))
            && le.ty == re.ty
        {
            // Whole arrays of one type: equal when every element is (`==` per element, so a NaN
            // element makes two float arrays unequal).
            return Some(Expr { kind: ExprKind::Binary(op, Box::new(le), Box::new(re)), ty: Type::BOOL, span });
        }
        let (Type::Scalar(ls), Type::Scalar(rs)) = (le.ty, re.ty) else {
            let help = if matches!(op, BinOp::Eq | BinOp::Ne) {
                "`==` and `!=` compare two arrays, structs or tuples of the same type"
            } else {
                "combine the elements one by one in a `for` loop; only `==` and `!=` apply to whole arrays, structs and tuples"
            };
            let d = Diagnostic::error(codes::OPERATOR_ON_ARRAYS, format!("cannot apply `{}` to these operands", op.symbol()))
                .primary(span, format!("operands are {} and {}", self.show(le.ty), self.show(re.ty)))
                .help(help);
            self.err(d);
            return None;
        };
        let mk = |ty: ScalarType, le, re| Some(Expr { kind: ExprKind::Binary(op, Box::new(le), Box::new(re)), ty: Type::Scalar(ty), span });
        match op {
            BinOp::And | BinOp::Or => {
                if ls != ScalarType::Bool || rs != ScalarType::Bool {
                    let (bad, bad_ty) = if ls != ScalarType::Bool { (le.span, ls) } else { (re.span, rs) };
                    let d = Diagnostic::error(codes::LOGIC_ON_NON_BOOL, format!("`{}` needs bool operands, found {bad_ty}", op.symbol()))
                        .primary(bad, format!("this is {bad_ty}"))
                        .help(format!("compare it, e.g. `{} != 0`", self.loaded.sources.snippet(bad)));
                    self.err(d);
                    return None;
                }
                mk(ScalarType::Bool, le, re)
            }
            BinOp::Shl | BinOp::Shr => {
                if !ls.is_int() || !rs.is_int() {
                    let d = Diagnostic::error(
                        codes::SHIFT_OF_NON_INTEGER,
                        format!("`{}` needs integer operands, found {ls} and {rs}", op.symbol()),
                    )
                    .primary(span, "shift of a non-integer");
                    self.err(d);
                    return None;
                }
                mk(ls, le, re)
            }
            _ => {
                if ls != rs {
                    let mut d =
                        Diagnostic::error(codes::MISMATCHED_TYPES, format!("mismatched types: `{}` between {ls} and {rs}", op.symbol()))
                            .primary(re.span, format!("this is {rs}"))
                            .secondary(le.span, format!("this is {ls}"));
                    let rtext = self.loaded.sources.snippet(re.span).to_string();
                    let ltext = self.loaded.sources.snippet(le.span).to_string();
                    let paren = |t: &str| if t.contains(' ') { format!("({t})") } else { t.to_string() };
                    if ls.is_numeric() && rs.is_numeric() {
                        if matches!(re.kind, ExprKind::Const(_)) && rs == ScalarType::I32 && ls.is_float() {
                            d = d.help(format!("write a float literal: `{rtext}.0`"));
                        } else if matches!(le.kind, ExprKind::Const(_)) && ls == ScalarType::I32 && rs.is_float() {
                            d = d.help(format!("write a float literal: `{ltext}.0`"));
                        } else if ls.is_int() && rs.is_float() {
                            // Mixing an integer with a float: convert the integer, not the float.
                            d = d.help(format!("`{ltext}` is {ls}; did you mean `{} as {rs}`?", paren(&ltext)));
                        } else {
                            d = d.help(format!("`{rtext}` is {rs}; did you mean `{} as {ls}`?", paren(&rtext)));
                        }
                    }
                    self.err(d);
                    return None;
                }
                if op.is_comparison() {
                    if ls == ScalarType::Bool && !matches!(op, BinOp::Eq | BinOp::Ne) {
                        let d = Diagnostic::error(codes::OPERATOR_NOT_DEFINED, format!("`{}` is not defined for bool", op.symbol()))
                            .primary(span, "ordering of bools");
                        self.err(d);
                        return None;
                    }
                    return mk(ScalarType::Bool, le, re);
                }
                let ok = match op {
                    BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => ls.is_numeric(),
                    BinOp::Rem => ls.is_int(),
                    BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor => ls.is_int() || ls == ScalarType::Bool,
                    _ => true,
                };
                if !ok {
                    let mut d = Diagnostic::error(codes::OPERATOR_NOT_DEFINED, format!("`{}` is not defined for {ls}", op.symbol()))
                        .primary(span, format!("operands are {ls}"));
                    if op == BinOp::Rem && ls.is_float() {
                        d = d.help("for a float remainder write `x - y * trunc(x / y)`");
                    }
                    if ls == ScalarType::Bool {
                        d = d.help("arithmetic needs numbers; cast with `b as u32`");
                    }
                    self.err(d);
                    return None;
                }
                mk(ls, le, re)
            }
        }
    }

    fn call(&mut self, name: &ast::Ident, args: &[ast::Expr], span: Span, hint: Option<ScalarType>) -> Option<Expr> {
        if let Some(bi) = Builtin::from_name(&name.name) {
            return self.builtin(bi, name, args, span, hint);
        }
        let Some((global, _)) = self.scopes[self.file.0 as usize].get(&name.name).copied() else {
            let d = self.unknown_name(&name.name, name.span);
            self.err(d);
            return None;
        };
        if let Global::Extern(ei) = global {
            return self.extern_call(ei, name, args, span);
        }
        let Global::Fn(fi) = global else {
            let d = Diagnostic::error(codes::CALL_OF_NON_FUNCTION, format!("`{}` is not a function", name.name))
                .primary(name.span, "called here");
            self.err(d);
            return None;
        };
        if self.body.is_none() && !self.in_const_item {
            let d = Diagnostic::error(codes::NOT_CONSTANT, "function calls are not allowed in this constant expression")
                .primary(span, "call in a constant")
                .help("only a `const` item's value may call functions (computed at check time); compute this one with operators and builtins, or name a `const`");
            self.err(d);
            return None;
        }
        if !self.fns[fi].signature_checked {
            // A body checked early for a const item's value: the callee's signature may not be
            // checked yet. It is checked in its own file, outside any body.
            let (saved_file, saved_body) = (self.file, self.body.take());
            self.check_signature(fi);
            self.file = saved_file;
            self.body = saved_body;
        }
        let params = self.fns[fi].params.clone();
        let ret = self.fns[fi].ret;
        let expected = self.fns[fi].decl.params.len();
        let callee = Callee { what: "function", declared: self.fns[fi].decl.name.span, label: "function defined here" };
        if !self.argument_count(&callee, name, args.len(), expected, span) {
            return None;
        }
        if params.len() != expected {
            // The signature itself is broken (reported when it was checked): nothing to match against.
            return None;
        }
        let types: Vec<Type> = params.iter().map(|(_, t, _)| *t).collect();
        let typed_args = self.arguments(args, &types);
        if let Some(caller) = self.body.as_ref().and_then(|b| b.fn_index) {
            self.fns[caller].calls.push((fi, name.span));
        }
        let (ret, typed_args) = (ret?, typed_args?);
        Some(Expr { kind: ExprKind::Call(FnId(fi as u32), typed_args), ty: ret, span })
    }

    /// A call of an `extern fn`: arguments checked against its signature like any call.
    fn extern_call(&mut self, ei: usize, name: &ast::Ident, args: &[ast::Expr], span: Span) -> Option<Expr> {
        if self.body.is_none() {
            let d =
                Diagnostic::error(codes::EXTERN_IN_CONST, format!("extern fn `{}` cannot be called in a constant expression", name.name))
                    .primary(span, "call in a constant")
                    .note("its result is only known when the spec runs against an implementation");
            self.err(d);
            return None;
        }
        let callee = Callee { what: "extern fn", declared: self.externs[ei].decl.name.span, label: "extern fn declared here" };
        let sig = self.externs[ei].sig.clone()?;
        if !self.argument_count(&callee, name, args.len(), sig.params.len(), span) {
            return None;
        }
        let types: Vec<Type> = sig.params.iter().map(|(_, t)| *t).collect();
        let typed_args = self.arguments(args, &types)?;
        Some(Expr { kind: ExprKind::ExternCall(ExternId(ei as u32), typed_args), ty: sig.ret, span })
    }

    /// Reports a call with the wrong number of arguments (false then).
    fn argument_count(&mut self, callee: &Callee, name: &ast::Ident, given: usize, expected: usize, span: Span) -> bool {
        if given == expected {
            return true;
        }
        let d = Diagnostic::error(
            codes::WRONG_ARGUMENT_COUNT,
            format!(
                "{} `{}` takes {expected} argument{}, but {given} {} given",
                callee.what,
                name.name,
                if expected == 1 { "" } else { "s" },
                if given == 1 { "was" } else { "were" }
            ),
        )
        .primary(span, format!("expected {expected}"))
        .secondary(callee.declared, callee.label);
        self.err(d);
        false
    }

    /// Checks each argument against its parameter's type (every one, so each error is reported).
    fn arguments(&mut self, args: &[ast::Expr], types: &[Type]) -> Option<Vec<Expr>> {
        let typed: Vec<Option<Expr>> = args.iter().zip(types).map(|(a, t)| self.expr_expect(a, *t)).collect();
        typed.into_iter().collect()
    }
}

/// What is called, for the argument-count diagnostic.
struct Callee {
    what: &'static str,
    declared: Span,
    label: &'static str,
}

/// The value of `TYPE::NAME` (`u32::MAX`, `f32::EPSILON`, ...), as Rust defines it. `f32::NAN` is
/// the quiet NaN `0x7FC00000`, `f64::NAN` `0x7FF8000000000000`; the `BITS` of a type are a `u32`.
pub(super) fn type_const(ty: &str, name: &str) -> Option<Value> {
    let u = |b: u32| Some(Value::Scalar(ScalarType::U32, b as u64));
    let f = |v: f32| Some(Value::Scalar(ScalarType::F32, v.to_bits() as u64));
    let g = |v: f64| Some(Value::Scalar(ScalarType::F64, v.to_bits()));
    if let Some(t) = ScalarType::from_name(ty).filter(|t| t.is_int()) {
        let (lo, hi) = t.int_range128();
        return match name {
            "MIN" => Some(Value::Scalar(t, wide::wrap(t, lo))),
            "MAX" => Some(Value::Scalar(t, wide::wrap(t, hi))),
            "BITS" => u(t.width()),
            _ => None,
        };
    }
    match (ty, name) {
        ("f32", "MAX") => f(f32::MAX),
        ("f32", "MIN") => f(f32::MIN),
        ("f32", "MIN_POSITIVE") => f(f32::MIN_POSITIVE),
        ("f32", "EPSILON") => f(f32::EPSILON),
        ("f32", "INFINITY") => f(f32::INFINITY),
        ("f32", "NEG_INFINITY") => f(f32::NEG_INFINITY),
        ("f32", "NAN") => Some(Value::Scalar(ScalarType::F32, 0x7FC0_0000)),
        ("f64", "MAX") => g(f64::MAX),
        ("f64", "MIN") => g(f64::MIN),
        ("f64", "MIN_POSITIVE") => g(f64::MIN_POSITIVE),
        ("f64", "EPSILON") => g(f64::EPSILON),
        ("f64", "INFINITY") => g(f64::INFINITY),
        ("f64", "NEG_INFINITY") => g(f64::NEG_INFINITY),
        ("f64", "NAN") => Some(Value::Scalar(ScalarType::F64, 0x7FF8_0000_0000_0000)),
        _ => None,
    }
}

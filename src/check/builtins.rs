//! Calls of builtin functions: arity, the type of the literal arguments, and each builtin's signature.

use super::Checker;
use super::exprs::is_literal;
use super::typed::*;
use crate::diag::{Diagnostic, Span, codes};
use crate::sem::{Builtin, ScalarType};
use crate::syntax::ast;

impl Checker<'_> {
    pub(super) fn builtin(
        &mut self,
        bi: Builtin,
        name: &ast::Ident,
        args: &[ast::Expr],
        span: Span,
        hint: Option<ScalarType>,
    ) -> Option<Expr> {
        if args.len() != bi.arity() {
            let n = bi.arity();
            let d = Diagnostic::error(
                codes::WRONG_ARGUMENT_COUNT,
                format!(
                    "builtin `{}` takes {n} argument{}, but {} {} given",
                    bi.name(),
                    if n == 1 { "" } else { "s" },
                    args.len(),
                    if args.len() == 1 { "was" } else { "were" }
                ),
            )
            .primary(span, format!("expected {n}"));
            self.err(d);
            return None;
        }
        use Builtin::*;
        use ScalarType::*;
        // Type the arguments: the first non-literal fixes the type of the literal ones.
        let (first_arg, same_type_args): (usize, &[ast::Expr]) = match bi {
            Select => (1, &args[1..]),
            _ => (0, args),
        };
        let _ = first_arg;
        let mut typed = Vec::new();
        if bi == Select {
            typed.push(self.expr_expect(&args[0], Type::BOOL)?);
        }
        let arg_hint = match bi {
            Min | Max | Abs | Clamp | Select | SaturatingAdd | SaturatingSub | AddOverflows | SubOverflows | MulOverflows | MulHi
            | MulWide => hint.filter(|h| h.is_numeric() || bi == Select),
            Sqrt | Floor | Ceil | Round | Trunc | Fma | CopySign | NextUp | NextDown => Some(if hint == Some(F64) { F64 } else { F32 }),
            IsNan | IsInf | IsFinite | UlpDistance => Some(F32),
            FromBits => Some(if hint == Some(F64) { U64 } else { U32 }),
            _ => None,
        };
        // The anchor is typed once and reused: typing it again would make nested calls exponential.
        let anchor = same_type_args.iter().position(|a| !is_literal(a));
        let mut anchor_typed = match anchor {
            Some(i) => Some(self.expr(&same_type_args[i], arg_hint)?),
            None => None,
        };
        let h = anchor_typed.as_ref().and_then(|a| a.ty.scalar()).or(arg_hint);
        for (i, a) in same_type_args.iter().enumerate() {
            match anchor_typed.take_if(|_| anchor == Some(i)) {
                Some(x) => typed.push(x),
                None => typed.push(self.expr(a, h)?),
            }
        }
        let first = if bi == Select { 1 } else { 0 };
        let t0 = typed[first].ty;
        let first_span = args[first].span;
        let bad = |s: &mut Self, what: &str| {
            let mut d = Diagnostic::error(codes::BUILTIN_ARGUMENT_TYPE, format!("`{}` expects {what}, found {t0}", bi.name()))
                .primary(first_span, format!("this is {t0}"))
                .secondary(name.span, format!("argument of `{}`", bi.name()));
            let want = match what {
                "f32" | "f32 or f64" => Some(F32),
                "u32" | "u32 or u64" => Some(U32),
                _ => None,
            };
            if let (Some(w), Type::Scalar(g)) = (want, t0)
                && g.is_numeric()
                && args.len() == 1
            {
                let text = s.loaded.sources.snippet(first_span);
                let shown = if text.contains(' ') { format!("({text})") } else { text.to_string() };
                d = d.help(format!("`{text}` is {g}; did you mean `{}({shown} as {w})`?", bi.name()));
            }
            s.err(d);
            None
        };
        for (i, t) in typed.iter().enumerate().skip(if bi == Select { 1 } else { 0 }) {
            if t.ty != t0 && !matches!(bi, Len) {
                let d = Diagnostic::error(
                    codes::MISMATCHED_TYPES,
                    format!("mismatched types in `{}`: expected {t0}, found {}", bi.name(), t.ty),
                )
                .primary(args[i].span, format!("expected {t0}, like the first argument"));
                self.err(d);
                return None;
            }
        }
        let ret: Type = match bi {
            Len => match t0 {
                Type::Array(_, n) | Type::RecordArray(_, n) => {
                    return Some(Expr { kind: ExprKind::Const(Value::Scalar(U32, n as u64)), ty: Type::U32, span });
                }
                _ => return bad(self, "an array"),
            },
            Select => t0,
            _ => {
                let Type::Scalar(s) = t0 else { return bad(self, "scalar arguments") };
                match bi {
                    Min | Max | Clamp if s.is_numeric() => t0,
                    Abs if s.is_numeric() => t0,
                    Sqrt | Floor | Ceil | Round | Trunc | Fma if s.is_float() => t0,
                    IsNan | IsInf | IsFinite if s.is_float() => Type::BOOL,
                    Bits if s == F32 || s == I32 => Type::U32,
                    Bits if s == F64 || s == I64 => Type::U64,
                    FromBits if s == U32 => Type::F32,
                    FromBits if s == U64 => Type::F64,
                    CountOnes | LeadingZeros | TrailingZeros if s.is_int() => Type::U32,
                    AddOverflows | SubOverflows | MulOverflows if s.is_int() => Type::BOOL,
                    SaturatingAdd | SaturatingSub | MulHi if s.is_int() => t0,
                    // `(low, high)`: the low half unsigned, as Rust's `widening_mul`.
                    MulWide if s.is_int() => Type::Record(self.records.tuple(&[Type::Scalar(s.unsigned()), t0])),
                    CopySign | NextUp | NextDown if s.is_float() => t0,
                    UlpDistance if s == F32 => Type::U32,
                    UlpDistance if s == F64 => Type::U64,
                    CopySign | NextUp | NextDown | UlpDistance => return bad(self, "f32 or f64"),
                    Min | Max | Clamp | Abs => return bad(self, "numbers"),
                    Sqrt | Floor | Ceil | Round | Trunc | Fma | IsNan | IsInf | IsFinite => return bad(self, "f32 or f64"),
                    Bits => return bad(self, "f32, f64, i32 or i64"),
                    FromBits => return bad(self, "u32 or u64"),
                    _ => return bad(self, "integers"),
                }
            }
        };
        let _ = name;
        Some(Expr { kind: ExprKind::Builtin(bi, typed), ty: ret, span })
    }
}

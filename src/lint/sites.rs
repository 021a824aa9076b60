//! Rules decided at each `assert` and `assume` with what the interval analysis knows there: conditions that are
//! always true or always false (L005–L008) and tolerances below the f32 resolution (L002).

use std::collections::{HashMap, HashSet};

use super::absint::{self, AVal, Analyzer, Env, FALSE, Sink, TRUE};
use super::exprs::{resolve, stable_lets, visit};
use super::{codes, fmt_num};
use crate::check::{Expr, ExprKind, LocalId, Property, Stmt, Type, TypedSpec};
use crate::diag::{Diagnostic, SourceMap, Span};
use crate::sem::Builtin;
use crate::syntax::ast::BinOp;

/// Runs the per-site rules on every property.
pub fn check(spec: &TypedSpec, out: &mut Vec<Diagnostic>) {
    let an = Analyzer::new(spec);
    for p in &spec.properties {
        let mut sink =
            SiteRules { sources: &spec.sources, prop: p, lets: stable_lets(&p.body, &p.locals), out: &mut *out, seen: HashSet::new() };
        an.walk_property(&p.body, &p.locals, &mut sink);
    }
}

struct SiteRules<'a> {
    sources: &'a SourceMap,
    prop: &'a Property,
    lets: HashMap<LocalId, &'a Expr>,
    out: &'a mut Vec<Diagnostic>,
    /// Comparisons already reported (a `let` can be reached from several asserts).
    seen: HashSet<(u32, u32)>,
}

impl Sink for SiteRules<'_> {
    fn site(&mut self, stmt: &Stmt, env: &Env, an: &Analyzer) {
        match stmt {
            Stmt::Assert { cond, .. } => {
                let v = an.eval(cond, env);
                let constant = !absint::mentions_runtime(cond);
                // An assert about computed values that the analysis proves is a proven property, not a vacuous one:
                // only conditions on inputs and constants alone are reported.
                if v == TRUE && is_trivial(cond, &self.lets) {
                    let why = if constant {
                        "this condition is a constant: it is always true"
                    } else {
                        "true for every vector the input domains and the assumes before it allow"
                    };
                    self.out.push(
                        Diagnostic::warning(codes::ASSERT_ALWAYS_TRUE, "this assert is always true, so it checks nothing")
                            .primary(cond.span, why)
                            .help("assert what the property must guarantee about a computed result, or remove the assert"),
                    );
                } else if v == FALSE {
                    let why = if constant {
                        "this condition is a constant: it is always false"
                    } else {
                        "false for every vector the input domains and the assumes before it allow"
                    };
                    self.out.push(
                        Diagnostic::error(codes::ASSERT_ALWAYS_FALSE, "this assert always fails")
                            .primary(cond.span, why)
                            .help("check the comparison's direction and its constants; the property fails on every vector that reaches it"),
                    );
                } else if v != TRUE {
                    self.tolerances(cond, env, an);
                }
            }
            Stmt::Assume { cond, .. } => {
                let v = an.eval(cond, env);
                let constant = !absint::mentions_runtime(cond);
                if v == TRUE {
                    let why = if constant {
                        "a constant true condition"
                    } else {
                        "every vector the input domains (and the assumes before it) allow satisfies it"
                    };
                    let mut d =
                        Diagnostic::warning(codes::ASSUME_REJECTS_NOTHING, "this assume never discards a vector").primary(cond.span, why);
                    d = d.help("remove it, or tighten it to the precondition it was meant to state");
                    self.out.push(d);
                } else if v == FALSE {
                    let why = if constant {
                        "a constant false condition"
                    } else {
                        "no vector the input domains (and the assumes before it) allow satisfies it"
                    };
                    self.out.push(
                        Diagnostic::error(codes::ASSUME_REJECTS_EVERYTHING, "this assume discards every vector")
                            .primary(cond.span, why)
                            .note(format!("property `{}` can then never fail: nothing after this assume is checked", self.prop.name))
                            .help("widen the assume, or change the input domains so that some vectors satisfy it"),
                    );
                }
            }
            _ => {}
        }
    }
}

impl SiteRules<'_> {
    /// L002: `abs(A - B) < T` where `T` is below the spacing of f32 values at the magnitudes `A` and `B` reach.
    fn tolerances(&mut self, cond: &Expr, env: &Env, an: &Analyzer) {
        let mut comparisons: Vec<&Expr> = Vec::new();
        let mut pending: Vec<&Expr> = vec![cond];
        let mut followed: HashSet<LocalId> = HashSet::new();
        while let Some(e) = pending.pop() {
            visit(e, &mut |x| match &x.kind {
                ExprKind::Binary(BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge, ..) => comparisons.push(x),
                ExprKind::Local(l) if x.ty == Type::BOOL && followed.insert(*l) => {
                    if let Some(v) = self.lets.get(l) {
                        pending.push(v);
                    }
                }
                _ => {}
            });
        }
        for c in comparisons {
            let ExprKind::Binary(op, l, r) = &c.kind else { continue };
            let (diff, tol) = if matches!(op, BinOp::Lt | BinOp::Le) { (l, r) } else { (r, l) };
            if diff.ty != Type::F32 {
                continue;
            }
            let d = resolve(diff, &self.lets);
            // `abs(A - B)`, or a relative error: `abs(A - B) / X` or `abs((A - B) / X)`.
            let (d, relative) = match &d.kind {
                ExprKind::Binary(BinOp::Div, num, _) if matches!(resolve(num, &self.lets).kind, ExprKind::Builtin(Builtin::Abs, _)) => {
                    (resolve(num, &self.lets), true)
                }
                _ => (d, false),
            };
            let ExprKind::Builtin(Builtin::Abs, args) = &d.kind else { continue };
            let mut inner = resolve(&args[0], &self.lets);
            let mut relative = relative;
            if let ExprKind::Binary(BinOp::Div, num, _) = &inner.kind {
                inner = resolve(num, &self.lets);
                relative = true;
            }
            let ExprKind::Binary(BinOp::Sub, a, b) = &inner.kind else { continue };
            if !self.seen.insert((c.span.start, c.span.file.0)) {
                continue;
            }
            let Some(t) = an.eval(tol, env) else { continue };
            let t_max = t.hi;
            let operands = |v: AVal, w: AVal| -> Option<f64> {
                let m = v?.magnitude().max(w?.magnitude());
                m.is_finite().then_some(m)
            };
            let magnitude = operands(an.eval(a, env), an.eval(b, env));
            let (at, bt) = (self.sources.snippet(a.span), self.sources.snippet(b.span));
            let rel_help = format!("use a relative tolerance, e.g. `abs({at} - {bt}) <= 1e-6 * max(abs({at}), abs({bt}))`");
            if t_max <= 0.0 {
                self.out.push(
                    Diagnostic::warning(codes::TOLERANCE_BELOW_RESOLUTION, "a zero tolerance is an exact float comparison")
                        .primary(tol.span, "this tolerance is never above 0")
                        .secondary(diff.span, "so this difference must be exactly 0")
                        .help(rel_help),
                );
                continue;
            }
            if relative {
                // Adjacent f32 values differ by 2^-24 to 2^-23 of their magnitude: below 2^-24 only equal values pass.
                let min_rel = 2f64.powi(-24);
                if t_max < min_rel {
                    self.out.push(
                        Diagnostic::warning(codes::TOLERANCE_BELOW_RESOLUTION, "relative tolerance below the f32 resolution")
                            .primary(tol.span, format!("the relative tolerance is {}", fmt_num(t_max)))
                            .secondary(diff.span, "a relative difference")
                            .note(format!(
                                "distinct f32 values differ by at least {} of their magnitude (2^-24): the assert demands exact equality",
                                fmt_num(min_rel)
                            ))
                            .help(
                                "use a relative tolerance of at least 1e-6 (a few ulps), or more when the computation rounds several times",
                            ),
                    );
                }
                continue;
            }
            let Some(m) = magnitude else { continue };
            let ulp = absint::f32_ulp(m);
            if t_max < ulp {
                let tol_text = if t.is_point() { fmt_num(t_max) } else { format!("at most {}", fmt_num(t_max)) };
                self.out.push(
                    Diagnostic::warning(codes::TOLERANCE_BELOW_RESOLUTION, "tolerance below the f32 resolution of the values compared")
                        .primary(tol.span, format!("the tolerance is {tol_text}"))
                        .secondary(
                            span_of(a, b),
                            format!("these reach magnitude {}, where adjacent f32 values are {} apart", fmt_num(m), fmt_num(ulp)),
                        )
                        .note("at that magnitude the difference is 0 or at least one ulp: the assert demands exact equality there")
                        .help(format!("{rel_help}, or an absolute tolerance of at least {}", fmt_num(ulp * 4.0))),
                );
            }
        }
    }
}

/// A condition that computes nothing: inputs and constants compared, combined with `&&`, `||`, `!`, cast, or
/// passed to `abs` and the float class tests (looking through `let` locals).
fn is_trivial(e: &Expr, lets: &HashMap<LocalId, &Expr>) -> bool {
    match &e.kind {
        ExprKind::Const(_) | ExprKind::Input(_) => true,
        ExprKind::Local(_) => {
            let r = resolve(e, lets);
            !matches!(r.kind, ExprKind::Local(_)) && is_trivial(r, lets)
        }
        ExprKind::Index(base, _) => matches!(base.kind, ExprKind::Input(_) | ExprKind::Const(_)),
        ExprKind::Cast(x, _) | ExprKind::Unary(_, x) => is_trivial(x, lets),
        ExprKind::Binary(op, l, r) => {
            (op.is_comparison() || matches!(op, BinOp::And | BinOp::Or)) && is_trivial(l, lets) && is_trivial(r, lets)
        }
        ExprKind::Builtin(Builtin::Abs | Builtin::IsNan | Builtin::IsInf | Builtin::IsFinite, xs) => xs.iter().all(|x| is_trivial(x, lets)),
        _ => false,
    }
}

fn span_of(a: &Expr, b: &Expr) -> Span {
    if a.span.file == b.span.file { a.span.to(b.span) } else { a.span }
}

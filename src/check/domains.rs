//! Input domains: `in lo..hi`, `in lo..=hi` and `in {a, b, c}`, evaluated to a generator `Domain`.

use super::typed::*;
use super::{Checker, MAX_SET_VALUES};
use crate::diag::{Diagnostic, codes};
use crate::r#gen::domain::{Domain, ScalarKind};
use crate::sem::{self, ScalarType};
use crate::syntax::ast;

impl Checker<'_> {
    pub(super) fn domain(&mut self, dom: Option<&ast::DomainExpr>, elem: ScalarType) -> Option<(Domain, String)> {
        // A narrow integer is generated as its carrier over the narrow range (`u8`: `0..=255` as `u32`).
        let kind = ScalarKind::of(elem);
        if elem.is_wide() {
            return self.wide_domain(dom, elem);
        }
        let Some(dom) = dom else {
            return Some((Domain::whole(elem), "all".to_string()));
        };
        let text = self.loaded.sources.snippet(dom.span()).to_string();
        match dom {
            ast::DomainExpr::Fields { span, .. } => {
                let d = Diagnostic::error(codes::RECORD_NOT_ALLOWED, format!("a {elem} input takes one domain, not one per field"))
                    .primary(*span, "field domains on a scalar")
                    .help("field domains `{ field: lo..hi }` belong to struct and tuple inputs; write `lo..hi` or `{a, b, c}`");
                self.err(d);
                None
            }
            ast::DomainExpr::Set { values, span } => {
                let bits = self.set_values(values, *span, elem)?;
                Some((Domain::set(kind, bits.into_iter().map(|b| b as u32)), text))
            }
            ast::DomainExpr::Range { lo, hi, inclusive, span } => {
                if elem == ScalarType::Bool {
                    let d = Diagnostic::error(codes::RANGE_ON_BOOL, "a bool input cannot have a range domain")
                        .primary(*span, "range on a bool")
                        .help("use a set, e.g. `in {true}`, or no domain");
                    self.err(d);
                    return None;
                }
                let (lo_b, hi_b) = self.range_bounds(lo, hi, elem)?;
                let (lo_b, hi_b) = (lo_b as u32, hi_b as u32);
                let empty = |s: &mut Self| s.empty_range(*span);
                match elem.carrier() {
                    ScalarType::U32 => {
                        let hi_incl = if *inclusive { Some(hi_b) } else { hi_b.checked_sub(1) };
                        match hi_incl {
                            Some(h) if lo_b <= h => Some((Domain::U32Range { lo: lo_b, hi: h }, text)),
                            _ => {
                                empty(self);
                                None
                            }
                        }
                    }
                    ScalarType::I32 => {
                        let (l, h) = (lo_b as i32, hi_b as i32);
                        let hi_incl = if *inclusive { Some(h) } else { h.checked_sub(1) };
                        match hi_incl {
                            Some(h) if l <= h => Some((Domain::I32Range { lo: l, hi: h }, text)),
                            _ => {
                                empty(self);
                                None
                            }
                        }
                    }
                    ScalarType::F32 => {
                        let (l, h) = (f32::from_bits(lo_b), f32::from_bits(hi_b));
                        self.float_range_ok(l as f64, h as f64, *inclusive, *span)?;
                        Some((Domain::F32Range { lo: l, hi: h, hi_inclusive: *inclusive }, text))
                    }
                    _ => None,
                }
            }
        }
    }

    /// The domain of a `u64`/`i64` input: its whole type (two independent whole words, `ir::input_slot_domains`)
    /// without one, a [`Domain::WideLo`] range (the value drawn as a whole) with `lo..hi` or `lo..=hi`, a
    /// [`Domain::WideSetLo`] with `{a, b, c}`. Field domains are E0135.
    fn wide_domain(&mut self, dom: Option<&ast::DomainExpr>, elem: ScalarType) -> Option<(Domain, String)> {
        let Some(dom) = dom else {
            // An `f64` without a domain: every bit pattern, drawn as a whole.
            let whole = if elem == ScalarType::F64 { Domain::F64Lo { lo: 0, hi: u64::MAX } } else { Domain::whole(ScalarType::U32) };
            return Some((whole, "all".to_string()));
        };
        let text = self.loaded.sources.snippet(dom.span()).to_string();
        let (lo, hi, inclusive, span) = match dom {
            ast::DomainExpr::Range { lo, hi, inclusive, span } => (lo, hi, inclusive, span),
            ast::DomainExpr::Set { values, span } => {
                let bits = self.set_values(values, *span, elem)?;
                return Some((Domain::wide_set(elem.is_signed(), bits), text));
            }
            ast::DomainExpr::Fields { .. } => {
                let d = Diagnostic::error(codes::WIDE_DOMAIN, format!("a {elem} input cannot have field domains"))
                    .primary(dom.span(), "field domains on a 64-bit input")
                    .note("a 64-bit input takes a range or a set domain, or none (docs/language.md section 3)")
                    .help("field domains `{ field: lo..hi }` belong to struct and tuple inputs; write `lo..hi` or `{a, b}`");
                self.err(d);
                return None;
            }
        };
        let (l, h) = self.range_bounds(lo, hi, elem)?;
        if elem == ScalarType::F64 {
            let (l, h) = (f64::from_bits(l), f64::from_bits(h));
            self.float_range_ok(l, h, *inclusive, *span)?;
            let (lo, hi) = crate::r#gen::domain::f64_range_keys(l, h, *inclusive);
            return Some((Domain::F64Lo { lo, hi }, text));
        }
        let signed = elem.is_signed();
        let h = if *inclusive {
            Some(h)
        } else if signed {
            (h as i64).checked_sub(1).map(|x| x as u64)
        } else {
            h.checked_sub(1)
        };
        match h {
            Some(h) if crate::r#gen::domain::wide_contains(l, h, signed, h) && crate::r#gen::domain::wide_contains(l, h, signed, l) => {
                Some((Domain::WideLo { lo: l, hi: h, signed }, text))
            }
            _ => {
                self.empty_range(*span);
                None
            }
        }
    }

    /// The values of a set domain `{a, b, c}` as bit patterns of `elem` (64 bits for `u64`/`i64`): constants of
    /// the type, finite floats, at most [`MAX_SET_VALUES`], at least one.
    fn set_values(&mut self, values: &[ast::Expr], span: crate::diag::Span, elem: ScalarType) -> Option<Vec<u64>> {
        if values.len() > MAX_SET_VALUES {
            let d = Diagnostic::error(codes::SET_DOMAIN_TOO_LARGE, format!("set domain lists {} values", values.len()))
                .primary(values[MAX_SET_VALUES].span, format!("value number {} is over the limit", MAX_SET_VALUES + 1))
                .note(format!("a set domain lists at most {MAX_SET_VALUES} values"))
                .help("use a range (`lo..=hi`), or split the input");
            self.err(d);
            return None;
        }
        let mut bits = Vec::new();
        for v in values {
            let e = self.expr_expect(v, Type::Scalar(elem))?;
            let Value::Scalar(_, b) = self.const_value(&e, "a domain value")? else { return None };
            if (elem == ScalarType::F32 && !sem::f32_is_finite(b as u32)) || (elem == ScalarType::F64 && !f64::from_bits(b).is_finite()) {
                let d = Diagnostic::error(codes::NON_FINITE_DOMAIN, "domain values must be finite").primary(v.span, "NaN or infinite");
                self.err(d);
                return None;
            }
            bits.push(b);
        }
        if bits.is_empty() {
            let d = Diagnostic::error(codes::EMPTY_DOMAIN, "empty domain").primary(span, "a set domain needs at least one value");
            self.err(d);
            return None;
        }
        Some(bits)
    }

    /// The values of a range domain's bounds, as bit patterns of `elem` (64 bits for `u64`/`i64`).
    fn range_bounds(&mut self, lo: &ast::Expr, hi: &ast::Expr, elem: ScalarType) -> Option<(u64, u64)> {
        let lo_e = self.expr_expect(lo, Type::Scalar(elem))?;
        let hi_e = self.expr_expect(hi, Type::Scalar(elem))?;
        let Value::Scalar(_, l) = self.const_value(&lo_e, "a domain bound")? else { return None };
        let Value::Scalar(_, h) = self.const_value(&hi_e, "a domain bound")? else { return None };
        Some((l, h))
    }

    /// Whether a float range's bounds are finite and it has members (an `f32`'s bounds are exact as
    /// `f64`s); reports why not.
    fn float_range_ok(&mut self, l: f64, h: f64, inclusive: bool, span: crate::diag::Span) -> Option<()> {
        if !l.is_finite() || !h.is_finite() {
            let d = Diagnostic::error(codes::NON_FINITE_DOMAIN, "float range bounds must be finite")
                .primary(span, "NaN or infinite bound")
                .help("omit the domain to draw every bit pattern, infinities and NaN included");
            self.err(d);
            return None;
        }
        if l > h || (l == h && !inclusive) {
            self.empty_range(span);
            return None;
        }
        Some(())
    }

    fn empty_range(&mut self, span: crate::diag::Span) {
        let d = Diagnostic::error(codes::EMPTY_DOMAIN, "empty domain")
            .primary(span, "this range contains no values")
            .help("the low end must be below the high end (`lo..hi` excludes `hi`, `lo..=hi` includes it)");
        self.err(d);
    }
}

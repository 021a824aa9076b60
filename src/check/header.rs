//! The `spec NAME { ... }` header: version, owner, status, tags and the budget.

use super::{Checker, MAX_MESSAGE_BYTES};
use crate::diag::{Diagnostic, Span, codes};
use crate::syntax::ast::{self, ExprKind as AK, ItemKind, UnOp};

impl Checker<'_> {
    pub(super) fn check_header(&mut self) {
        let loaded = self.loaded;
        let Some(h) = loaded.files[0].ast.items.iter().find_map(|i| match &i.kind {
            ItemKind::Spec(h) => Some(h),
            _ => None,
        }) else {
            return;
        };
        self.header.name = h.name.name.clone();
        for f in &h.fields {
            let key = f.key.name.as_str();
            match (key, &f.value) {
                ("version" | "owner" | "status", ast::HeaderValue::Str(s, span)) => {
                    if !self.header_string_fits(key, s, *span) {
                        continue;
                    }
                    if key == "status" && s != "frozen" && s != "experimental" {
                        let d = Diagnostic::error(codes::UNKNOWN_STATUS, format!("unknown status `{s}`"))
                            .primary(*span, "expected \"frozen\" or \"experimental\"");
                        self.err(d);
                    }
                    let slot = match key {
                        "version" => &mut self.header.version,
                        "owner" => &mut self.header.owner,
                        _ => &mut self.header.status,
                    };
                    *slot = Some(s.clone());
                }
                ("tags", ast::HeaderValue::List(items, _)) => {
                    if items.iter().all(|(s, span)| self.header_string_fits("tags", s, *span)) {
                        self.header.tags = items.iter().map(|(s, _)| s.clone()).collect();
                    }
                }
                ("budget", ast::HeaderValue::Block(fields, _)) => {
                    for bf in fields {
                        let n = match &bf.value {
                            ast::HeaderValue::Number(e) => self.header_number(e),
                            _ => {
                                let d =
                                    Diagnostic::error(codes::BAD_BUDGET_VALUE, format!("budget field `{}` must be a number", bf.key.name))
                                        .primary(bf.span, "expected a number");
                                self.err(d);
                                None
                            }
                        };
                        let Some(n) = n else { continue };
                        if n < 0.0 || !n.is_finite() {
                            let d = Diagnostic::error(
                                codes::BAD_BUDGET_VALUE,
                                format!("budget field `{}` must be a non-negative number", bf.key.name),
                            )
                            .primary(bf.span, "negative or not finite");
                            self.err(d);
                            continue;
                        }
                        match bf.key.name.as_str() {
                            "vectors" => self.header.budget.vectors = Some(n as u64),
                            "seconds" => self.header.budget.seconds = Some(n),
                            "usd" => self.header.budget.usd = Some(n),
                            "usd_per_hour" => self.header.budget.usd_per_hour = Some(n),
                            other => {
                                let d = Diagnostic::error(codes::UNKNOWN_BUDGET_FIELD, format!("unknown budget field `{other}`"))
                                    .primary(bf.key.span, "not a budget field")
                                    .help("budget fields are `vectors`, `seconds`, `usd` and `usd_per_hour`");
                                self.err(d);
                            }
                        }
                    }
                }
                ("version" | "owner" | "status" | "tags" | "budget", _) => {
                    let expected = match key {
                        "tags" => "a list of strings, e.g. [\"billing\"]",
                        "budget" => "a block: budget { vectors = 1_000_000 }",
                        _ => "a string",
                    };
                    let d = Diagnostic::error(codes::HEADER_FIELD_WRONG_KIND, format!("header field `{key}` has the wrong kind of value"))
                        .primary(f.span, format!("expected {expected}"));
                    self.err(d);
                }
                (other, _) => {
                    let d = Diagnostic::error(codes::UNKNOWN_HEADER_FIELD, format!("unknown header field `{other}`"))
                        .primary(f.key.span, "not a header field")
                        .help("header fields are `version`, `owner`, `status`, `tags` and `budget`");
                    self.err(d);
                }
            }
        }
    }

    /// Header strings are stored in every run record: at most [`MAX_MESSAGE_BYTES`] each.
    fn header_string_fits(&mut self, key: &str, s: &str, span: Span) -> bool {
        if s.len() <= MAX_MESSAGE_BYTES {
            return true;
        }
        let d = Diagnostic::error(codes::HEADER_VALUE_TOO_LONG, format!("header field `{key}` is {} bytes long", s.len()))
            .primary(span, format!("at most {MAX_MESSAGE_BYTES} bytes are allowed"));
        self.err(d);
        false
    }

    fn header_number(&mut self, e: &ast::Expr) -> Option<f64> {
        match &e.kind {
            AK::Int(v) => Some(*v as f64),
            AK::Float(v) => Some(v.double),
            AK::Unary(UnOp::Neg, inner) => self.header_number(inner).map(|v| -v),
            _ => {
                let d =
                    Diagnostic::error(codes::BAD_BUDGET_VALUE, "header values must be literal numbers").primary(e.span, "not a literal");
                self.err(d);
                None
            }
        }
    }
}

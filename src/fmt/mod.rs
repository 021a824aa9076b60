//! The canonical formatter (`vecrun fmt`): prints an AST back as text in one layout, keeping
//! every comment and the literals as spelled. Refuses to return output that would not parse
//! back to the same tree.

use crate::diag::FileId;
use crate::syntax::ast::*;
use crate::syntax::lexer::Comment;
use crate::syntax::{self};

const INDENT: &str = "  ";

/// Why a file was not formatted.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    #[error("the spec has syntax errors; fix them before formatting")]
    Syntax(Vec<crate::diag::Diagnostic>),
    #[error("internal error: formatting would change the spec's meaning or lose a comment; the file was left unchanged")]
    NotFaithful,
}

/// Formats one spec file's text canonically.
pub fn format_text(text: &str) -> Result<String, FormatError> {
    let parsed = syntax::parse(FileId(0), text);
    if parsed.diagnostics.iter().any(|d| d.is_error()) {
        return Err(FormatError::Syntax(parsed.diagnostics));
    }
    let out = print(text, &parsed.ast, &parsed.comments, true);
    // Safety net: same tree (ignoring spans), same comments, and formatting is idempotent.
    let again = syntax::parse(FileId(0), &out);
    let bare_before = print(text, &parsed.ast, &[], false);
    let bare_after = print(&out, &again.ast, &[], false);
    let texts = |c: &[Comment]| c.iter().map(|c| c.text.trim().to_string()).collect::<Vec<_>>();
    if again.diagnostics.iter().any(|d| d.is_error()) || bare_before != bare_after || texts(&parsed.comments) != texts(&again.comments) {
        return Err(FormatError::NotFaithful);
    }
    Ok(out)
}

/// Prints `ast` (parsed from `text`) with the given comments.
fn print(text: &str, ast: &Ast, comments: &[Comment], keep_blank_lines: bool) -> String {
    let mut p = Printer { text, out: String::new(), comments, next_comment: 0, indent: 0, keep_blank_lines };
    let mut prev: Option<&Item> = None;
    for item in &ast.items {
        if let Some(prev) = prev {
            let same_group = matches!(
                (&prev.kind, &item.kind),
                (ItemKind::Import(_), ItemKind::Import(_))
                    | (ItemKind::Const(_), ItemKind::Const(_))
                    | (ItemKind::Input(_), ItemKind::Input(_))
                    | (ItemKind::Extern(_), ItemKind::Extern(_))
            );
            if !same_group || p.blank_between(prev.span.end, item.span.start) {
                p.out.push('\n');
            }
        }
        p.leading_comments(item.span.start);
        p.item(item);
        p.trailing_comment(item.span.end);
        prev = Some(item);
    }
    p.leading_comments(u32::MAX);
    if !p.out.ends_with('\n') && !p.out.is_empty() {
        p.out.push('\n');
    }
    p.out
}

struct Printer<'a> {
    text: &'a str,
    out: String,
    comments: &'a [Comment],
    next_comment: usize,
    indent: usize,
    keep_blank_lines: bool,
}

impl Printer<'_> {
    fn src(&self, start: u32, end: u32) -> &str {
        self.text.get(start as usize..end as usize).unwrap_or("")
    }
    fn blank_between(&self, end: u32, start: u32) -> bool {
        if !self.keep_blank_lines {
            return false;
        }
        let gap = self.src(end, start);
        let lines: Vec<&str> = gap.split('\n').collect();
        lines.len() > 2 && lines[1..lines.len() - 1].iter().any(|l| l.trim().is_empty())
    }
    fn pad(&mut self) {
        for _ in 0..self.indent {
            self.out.push_str(INDENT);
        }
    }
    fn line(&mut self, s: &str) {
        self.pad();
        self.out.push_str(s);
        self.out.push('\n');
    }
    /// Prints comments that start before `pos`, each on its own line.
    fn leading_comments(&mut self, pos: u32) {
        while let Some(c) = self.comments.get(self.next_comment) {
            if c.span.start >= pos {
                break;
            }
            self.next_comment += 1;
            for (i, l) in c.text.lines().enumerate() {
                if i == 0 {
                    self.pad();
                    self.out.push_str(l.trim_start());
                } else {
                    self.out.push_str(l);
                }
                self.out.push('\n');
            }
        }
    }
    /// Appends a comment that follows `end` on the same line.
    fn trailing_comment(&mut self, end: u32) {
        if let Some(c) = self.comments.get(self.next_comment) {
            // Only when nothing but separators lies between: with several statements on one line, the
            // comment belongs to the last of them, not to the first.
            let gap = self.src(end, c.span.start);
            let only_separators = gap.chars().all(|ch| (ch.is_whitespace() && ch != '\n') || ch == ';' || ch == ',');
            if c.trailing && c.span.start >= end && only_separators && !c.text.contains('\n') {
                self.next_comment += 1;
                if self.out.ends_with('\n') {
                    self.out.pop();
                }
                self.out.push(' ');
                self.out.push_str(&c.text);
                self.out.push('\n');
            }
        }
    }

    fn item(&mut self, item: &Item) {
        match &item.kind {
            ItemKind::Spec(h) => {
                self.line(&format!("spec {} {{", h.name.name));
                self.indent += 1;
                self.header_fields(&h.fields);
                self.leading_comments(item.span.end.saturating_sub(1));
                self.indent -= 1;
                self.line("}");
            }
            ItemKind::Import(i) => {
                let s = format!("import {};", self.src(i.path_span.start, i.path_span.end));
                self.line(&s);
            }
            ItemKind::Const(c) => {
                let ty = c.ty.as_ref().map(|t| format!(": {}", self.ty(t))).unwrap_or_default();
                let s = format!("const {}{} = {};", c.name.name, ty, self.expr(&c.value));
                self.line(&s);
            }
            ItemKind::Input(i) => {
                let dom = i.domain.as_ref().map(|d| format!(" in {}", self.domain(d))).unwrap_or_default();
                let s = format!("input {}: {}{};", i.name.name, self.ty(&i.ty), dom);
                self.line(&s);
            }
            ItemKind::Struct(st) => {
                self.line(&format!("struct {} {{", st.name.name));
                self.indent += 1;
                for f in &st.fields {
                    self.leading_comments(f.name.span.start);
                    let s = format!("{}: {},", f.name.name, self.ty(&f.ty));
                    self.line(&s);
                    self.trailing_comment(f.ty.span().end);
                }
                self.leading_comments(item.span.end.saturating_sub(1));
                self.indent -= 1;
                self.line("}");
            }
            ItemKind::Fn(f) => {
                let params = f.params.iter().map(|p| format!("{}: {}", p.name.name, self.ty(&p.ty))).collect::<Vec<_>>().join(", ");
                let ret = f.ret.as_ref().map(|t| format!(" -> {}", self.ty(t))).unwrap_or_default();
                self.pad();
                self.out.push_str(&format!("fn {}({}){} ", f.name.name, params, ret));
                self.block(&f.body);
                self.out.push('\n');
            }
            ItemKind::Extern(f) => {
                let params = f.params.iter().map(|p| format!("{}: {}", p.name.name, self.ty(&p.ty))).collect::<Vec<_>>().join(", ");
                let ret = f.ret.as_ref().map(|t| format!(" -> {}", self.ty(t))).unwrap_or_default();
                let s = format!("extern fn {}({}){};", f.name.name, params, ret);
                self.line(&s);
            }
            ItemKind::Property(p) => {
                self.pad();
                let params = if p.params.is_empty() {
                    String::new()
                } else {
                    let each = p.params.iter().map(|i| {
                        let dom = i.domain.as_ref().map(|d| format!(" in {}", self.domain(d))).unwrap_or_default();
                        format!("{}: {}{}", i.name.name, self.ty(&i.ty), dom)
                    });
                    format!("({})", each.collect::<Vec<_>>().join(", "))
                };
                self.out.push_str(&format!("property {}{} ", p.name.name, params));
                self.block(&p.body);
                self.out.push('\n');
            }
        }
    }

    fn header_fields(&mut self, fields: &[HeaderField]) {
        for f in fields {
            self.leading_comments(f.span.start);
            match &f.value {
                HeaderValue::Block(inner, span) => {
                    self.line(&format!("{} {{", f.key.name));
                    self.indent += 1;
                    self.header_fields(inner);
                    self.leading_comments(span.end.saturating_sub(1));
                    self.indent -= 1;
                    self.line("}");
                }
                HeaderValue::Str(_, span) => {
                    let s = format!("{} = {}", f.key.name, self.src(span.start, span.end));
                    self.line(&s);
                }
                HeaderValue::List(items, _) => {
                    let s = format!(
                        "{} = [{}]",
                        f.key.name,
                        items.iter().map(|(_, sp)| self.src(sp.start, sp.end).to_string()).collect::<Vec<_>>().join(", ")
                    );
                    self.line(&s);
                }
                HeaderValue::Number(e) => {
                    let s = format!("{} = {}", f.key.name, self.expr(e));
                    self.line(&s);
                }
            }
            self.trailing_comment(f.span.end);
        }
    }

    /// Prints `{ ... }` starting at the current position (no leading pad), ending after `}`.
    fn block(&mut self, b: &Block) {
        let has_comments = self.comments.get(self.next_comment).is_some_and(|c| c.span.start < b.span.end);
        if b.stmts.is_empty() && !has_comments {
            self.out.push_str("{}");
            return;
        }
        self.out.push_str("{\n");
        self.indent += 1;
        let mut prev_end: Option<u32> = None;
        for s in &b.stmts {
            if let Some(pe) = prev_end
                && self.blank_between(pe, s.span.start)
            {
                self.out.push('\n');
            }
            self.leading_comments(s.span.start);
            self.stmt(s);
            self.trailing_comment(s.span.end);
            prev_end = Some(s.span.end);
        }
        self.leading_comments(b.span.end.saturating_sub(1));
        self.indent -= 1;
        self.pad();
        self.out.push('}');
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Let { name, ty, value } | StmtKind::Var { name, ty, value } => {
                let kw = if matches!(s.kind, StmtKind::Let { .. }) { "let" } else { "var" };
                let ty = ty.as_ref().map(|t| format!(": {}", self.ty(t))).unwrap_or_default();
                let line = format!("{kw} {}{} = {};", name.name, ty, self.expr(value));
                self.line(&line);
            }
            StmtKind::LetTuple { mutable, names, value } => {
                let kw = if *mutable { "var" } else { "let" };
                let names = names.iter().map(|n| n.name.as_str()).collect::<Vec<_>>().join(", ");
                let line = format!("{kw} ({names}) = {};", self.expr(value));
                self.line(&line);
            }
            StmtKind::Assign { target, op, value } => {
                let op = op.map(|o| format!("{}=", o.symbol())).unwrap_or_else(|| "=".into());
                let line = format!("{} {op} {};", self.expr(target), self.expr(value));
                self.line(&line);
            }
            StmtKind::If { .. } => {
                self.pad();
                self.if_chain(s);
                self.out.push('\n');
            }
            StmtKind::Block(b) => {
                self.pad();
                self.block(b);
                self.out.push('\n');
            }
            StmtKind::For { var, start, end, inclusive, body } => {
                self.pad();
                let head = format!("for {} in {}{}{} ", var.name, self.expr(start), if *inclusive { "..=" } else { ".." }, self.expr(end));
                self.out.push_str(&head);
                self.block(body);
                self.out.push('\n');
            }
            StmtKind::While { cond, bound, body } => {
                self.pad();
                let head = match cond {
                    Some(c) => format!("while {} bound {} ", self.expr(c), self.expr(bound)),
                    None => format!("loop bound {} ", self.expr(bound)),
                };
                self.out.push_str(&head);
                self.block(body);
                self.out.push('\n');
            }
            StmtKind::Break => self.line("break;"),
            StmtKind::Continue => self.line("continue;"),
            StmtKind::Assert { cond, message } | StmtKind::Assume { cond, message } | StmtKind::Cover { cond, label: message } => {
                let kw = match s.kind {
                    StmtKind::Assert { .. } => "assert",
                    StmtKind::Assume { .. } => "assume",
                    _ => "cover",
                };
                let msg = message.as_ref().map(|(_, sp)| format!(", {}", self.src(sp.start, sp.end))).unwrap_or_default();
                let line = format!("{kw} {}{msg};", self.expr(cond));
                self.line(&line);
            }
            StmtKind::Return(e) => {
                let line = format!("return {};", self.expr(e));
                self.line(&line);
            }
            StmtKind::Expr(e) => {
                let line = format!("{};", self.expr(e));
                self.line(&line);
            }
        }
    }

    fn if_chain(&mut self, s: &Stmt) {
        let StmtKind::If { cond, then, els } = &s.kind else { return };
        let head = format!("if {} ", self.expr(cond));
        self.out.push_str(&head);
        self.block(then);
        if let Some(e) = els {
            self.out.push_str(" else ");
            match &e.kind {
                StmtKind::If { .. } => self.if_chain(e),
                StmtKind::Block(b) => self.block(b),
                _ => {}
            }
        }
    }

    fn ty(&self, t: &TypeExpr) -> String {
        match t {
            TypeExpr::Named(i) => i.name.clone(),
            TypeExpr::Array { elem, len, .. } => format!("[{}; {}]", self.ty(elem), self.expr(len)),
            TypeExpr::Tuple { elems, .. } => format!("({})", elems.iter().map(|t| self.ty(t)).collect::<Vec<_>>().join(", ")),
        }
    }

    fn domain(&self, d: &DomainExpr) -> String {
        match d {
            DomainExpr::Range { lo, hi, inclusive, .. } => {
                format!("{}{}{}", self.expr(lo), if *inclusive { "..=" } else { ".." }, self.expr(hi))
            }
            DomainExpr::Set { values, .. } => format!("{{{}}}", values.iter().map(|v| self.expr(v)).collect::<Vec<_>>().join(", ")),
            DomainExpr::Fields { fields, .. } => {
                format!("{{ {} }}", fields.iter().map(|(n, d)| format!("{}: {}", n.name, self.domain(d))).collect::<Vec<_>>().join(", "))
            }
        }
    }

    fn expr(&self, e: &Expr) -> String {
        match &e.kind {
            ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Char(_) | ExprKind::Bytes(_) => {
                self.src(e.span.start, e.span.end).to_string()
            }
            ExprKind::TypeConst(t, n) => format!("{}::{}", t.name, n.name),
            ExprKind::Bool(b) => b.to_string(),
            ExprKind::Name(n) => n.clone(),
            ExprKind::Unary(op, x) => format!("{}{}", op.symbol(), self.expr(x)),
            ExprKind::Binary(op, l, r) => format!("{} {} {}", self.expr(l), op.symbol(), self.expr(r)),
            ExprKind::Cast(x, t) => format!("{} as {}", self.expr(x), self.ty(t)),
            ExprKind::Call(f, args) => format!("{}({})", f.name, args.iter().map(|a| self.expr(a)).collect::<Vec<_>>().join(", ")),
            ExprKind::Index(b, i) => format!("{}[{}]", self.expr(b), self.expr(i)),
            ExprKind::Paren(x) => format!("({})", self.expr(x)),
            ExprKind::Array(xs) => format!("[{}]", xs.iter().map(|a| self.expr(a)).collect::<Vec<_>>().join(", ")),
            ExprKind::Repeat(v, n) => format!("[{}; {}]", self.expr(v), self.expr(n)),
            ExprKind::Tuple(xs) => format!("({})", xs.iter().map(|a| self.expr(a)).collect::<Vec<_>>().join(", ")),
            ExprKind::Field(x, f) => format!("{}.{}", self.expr(x), f.name),
            ExprKind::Struct(name, fields) => {
                let fields = fields
                    .iter()
                    .map(|(f, v)| match &v.kind {
                        ExprKind::Name(n) if *n == f.name => n.clone(),
                        _ => format!("{}: {}", f.name, self.expr(v)),
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("{} {{ {fields} }}", name.name)
            }
            ExprKind::Error => String::new(),
        }
    }
}

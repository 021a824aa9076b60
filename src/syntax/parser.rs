//! The parser: tokens to [`Ast`]. Recovers from errors to report several at once; never panics.

use super::ast::*;
use super::lexer::{Tok, Token};
use crate::diag::{Diagnostic, DiagnosticCollector, Span, codes};

/// Deeper nesting than this is reported instead of risking the stack.
const MAX_DEPTH: u32 = 200;

pub(super) struct Parser<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    pos: usize,
    depth: u32,
    /// Set when nesting went too deep: the rest of the file is skipped, and reported once.
    abandoned: bool,
    /// Set while parsing an `if`/`while` condition or a `for` range, where `Name {` opens the
    /// body, not a struct literal (Rust's rule; parentheses lift it).
    no_struct: bool,
    pub(super) diagnostics: DiagnosticCollector,
}

/// The marker for "an error was reported; recover".
struct Reported;

type PResult<T> = Result<T, Reported>;

fn item_start(t: Tok) -> bool {
    matches!(t, Tok::Spec | Tok::Import | Tok::Const | Tok::Input | Tok::Fn | Tok::Extern | Tok::Struct | Tok::Property)
}

impl<'a> Parser<'a> {
    pub(super) fn new(text: &'a str, tokens: Vec<Token>) -> Parser<'a> {
        Parser { text, tokens, pos: 0, depth: 0, abandoned: false, no_struct: false, diagnostics: DiagnosticCollector::new() }
    }

    fn peek(&self) -> Tok {
        self.tokens[self.pos].kind
    }
    /// The kind of the token `n` places ahead (`Eof` past the end).
    fn peek_at(&self, n: usize) -> Tok {
        self.tokens.get(self.pos + n).map_or(Tok::Eof, |t| t.kind)
    }
    fn span(&self) -> Span {
        self.tokens[self.pos].span
    }
    fn prev_span(&self) -> Span {
        if self.pos == 0 { self.span() } else { self.tokens[self.pos - 1].span }
    }
    fn bump(&mut self) -> Token {
        let t = self.tokens[self.pos];
        if t.kind != Tok::Eof {
            self.pos += 1;
        }
        t
    }
    fn eat(&mut self, t: Tok) -> bool {
        if self.peek() == t {
            self.bump();
            true
        } else {
            false
        }
    }
    fn text_of(&self, span: Span) -> &'a str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// Whether the lexer already reported an error right here (an unknown character, or a string
    /// that runs to the end of its line), so a parse error at this point would only repeat it.
    fn after_lex_error(&self) -> bool {
        if self.peek() == Tok::Unknown {
            return true;
        }
        self.pos > 0 && self.tokens[self.pos - 1].kind == Tok::Str && !string_closed(self.text_of(self.tokens[self.pos - 1].span))
    }

    fn error_expected(&mut self, what: &str) -> Reported {
        if self.after_lex_error() || self.abandoned {
            return Reported;
        }
        let found = self.tokens[self.pos];
        let found_desc = match found.kind {
            Tok::Ident | Tok::Int | Tok::Float => format!("`{}`", self.text_of(found.span)),
            k => k.describe().to_string(),
        };
        let mut d = Diagnostic::error(codes::EXPECTED_TOKEN, format!("expected {what}, found {found_desc}"))
            .primary(found.span, format!("expected {what}"));
        // A missing `;` is reported at the end of the previous token, where it belongs.
        if what.contains("`;`") && self.pos > 0 {
            let prev = self.prev_span();
            d = Diagnostic::error(codes::EXPECTED_SEMICOLON, format!("expected `;`, found {found_desc}"))
                .primary(Span { file: prev.file, start: prev.end, end: prev.end }, "add `;` here")
                .secondary(found.span, "unexpected token");
            if found.kind == Tok::Str {
                d = d.help("a message follows its condition after a comma: `assert cond, \"message\";`");
            }
        }
        self.diagnostics.push(d);
        Reported
    }

    fn expect(&mut self, t: Tok) -> PResult<Token> {
        if self.peek() == t { Ok(self.bump()) } else { Err(self.error_expected(t.describe())) }
    }

    fn ident(&mut self, what: &str) -> PResult<Ident> {
        if self.peek() == Tok::Ident {
            let t = self.bump();
            Ok(Ident { name: self.text_of(t.span).to_string(), span: t.span })
        } else if keyword_like(self.peek()) {
            let t = self.tokens[self.pos];
            let word = self.text_of(t.span).to_string();
            self.diagnostics.push(
                Diagnostic::error(codes::KEYWORD_AS_NAME, format!("expected {what}, found keyword `{word}`"))
                    .primary(t.span, "this is a reserved keyword")
                    .help(format!("choose another name, e.g. `{word}_`")),
            );
            Err(Reported)
        } else {
            Err(self.error_expected(what))
        }
    }

    // ---------------------------------------------------------------- items

    pub(super) fn parse_file(&mut self) -> Ast {
        let mut items = Vec::new();
        while self.peek() != Tok::Eof {
            let before = self.pos;
            match self.item() {
                Ok(item) => items.push(item),
                Err(Reported) => self.recover_to_item(),
            }
            if self.pos == before {
                // Never loop without progress.
                self.bump();
            }
        }
        Ast { items }
    }

    /// Skips the token at hand and everything after it up to the next item keyword (or the end),
    /// as [`Parser::recover_to_item`] would, repeatedly.
    fn skip_to_item(&mut self) {
        self.bump();
        while self.peek() != Tok::Eof && !item_start(self.peek()) {
            let before = self.pos;
            self.recover_to_item();
            if self.pos == before {
                self.bump();
            }
        }
    }

    fn recover_to_item(&mut self) {
        let mut depth = 0i32;
        loop {
            match self.peek() {
                Tok::Eof => return,
                Tok::LBrace => depth += 1,
                Tok::RBrace => {
                    depth -= 1;
                    if depth <= 0 {
                        self.bump();
                        if depth == 0 {
                            return;
                        }
                        depth = 0;
                        continue;
                    }
                }
                t if item_start(t) && depth <= 0 => return,
                Tok::Semi if depth <= 0 => {
                    self.bump();
                    return;
                }
                _ => {}
            }
            self.bump();
        }
    }

    fn item(&mut self) -> PResult<Item> {
        let start = self.span();
        let kind = match self.peek() {
            Tok::Spec => self.spec_header()?,
            Tok::Import => {
                self.bump();
                let t = self.expect(Tok::Str)?;
                let path = self.string_value(t.span);
                self.expect(Tok::Semi)?;
                ItemKind::Import(Import { path, path_span: t.span })
            }
            Tok::Const => {
                self.bump();
                let name = self.ident("a constant name")?;
                let ty = if self.eat(Tok::Colon) { Some(self.type_expr()?) } else { None };
                self.expect(Tok::Eq)?;
                let value = self.expr()?;
                self.expect(Tok::Semi)?;
                ItemKind::Const(ConstDecl { name, ty, value })
            }
            Tok::Input => {
                self.bump();
                let decl = self.input_decl(|n| format!("write e.g. `input {n}: u32 in 0..100;`"))?;
                self.expect(Tok::Semi)?;
                ItemKind::Input(decl)
            }
            Tok::Fn => {
                self.bump();
                let (name, params, ret) = self.fn_signature()?;
                let body = self.block()?;
                ItemKind::Fn(FnDecl { name, params, ret, body })
            }
            Tok::Extern => {
                self.bump();
                self.expect(Tok::Fn)?;
                let (name, params, ret) = self.fn_signature()?;
                if self.peek() == Tok::LBrace {
                    let t = self.tokens[self.pos];
                    self.diagnostics.push(
                        Diagnostic::error(codes::EXTERN_WITH_BODY, format!("extern fn `{}` cannot have a body", name.name))
                            .primary(t.span, "a body here")
                            .note("an extern fn is implemented by code bound on the command line (`--impl`)")
                            .help("end the declaration with `;`, or drop `extern` to write the function in the spec"),
                    );
                    self.skip_to_item();
                    return Err(Reported);
                }
                self.expect(Tok::Semi)?;
                ItemKind::Extern(ExternDecl { name, params, ret })
            }
            Tok::Struct => {
                self.bump();
                let name = self.ident("a struct name")?;
                let open = self.expect(Tok::LBrace)?;
                let mut fields = Vec::new();
                while self.peek() != Tok::RBrace {
                    let fname = self.ident("a field name")?;
                    self.expect(Tok::Colon)?;
                    let ty = self.type_expr()?;
                    fields.push(Param { name: fname, ty });
                    if !self.eat(Tok::Comma) {
                        break;
                    }
                }
                self.expect(Tok::RBrace)?;
                if fields.is_empty() {
                    self.diagnostics.push(
                        Diagnostic::error(codes::EMPTY_STRUCT, format!("struct `{}` has no fields", name.name))
                            .primary(open.span.to(self.prev_span()), "a struct holds at least one field"),
                    );
                    return Err(Reported);
                }
                ItemKind::Struct(StructDecl { name, fields })
            }
            Tok::Property => {
                self.bump();
                let name = self.ident("a property name")?;
                let params = if self.peek() == Tok::LParen { self.property_params()? } else { Vec::new() };
                let body = self.block()?;
                ItemKind::Property(PropertyDecl { name, params, body })
            }
            _ if self.after_lex_error() => return Err(Reported),
            Tok::Ident if matches!(self.text_of(self.span()), "enum" | "type" | "union") => {
                let t = self.tokens[self.pos];
                let word = self.text_of(t.span);
                let d = Diagnostic::error(codes::UNSUPPORTED, format!("`{word}` declarations are not supported yet"))
                    .primary(t.span, "not part of the spec language")
                    .note("a spec's values are scalars, arrays, structs and tuples; enums and type aliases are not part of the language yet (docs/language.md section 3)")
                    .help("a `struct` holds named fields; name the cases of an enum with `const`s of type `u32`");
                self.skip_to_item();
                self.diagnostics.push(d);
                return Err(Reported);
            }
            _ => {
                let t = self.tokens[self.pos];
                let mut d = Diagnostic::error(
                    codes::EXPECTED_ITEM,
                    format!(
                        "expected an item (`spec`, `import`, `const`, `input`, `fn`, `extern fn`, `struct` or `property`), found {}",
                        describe_found(self, t)
                    ),
                )
                .primary(t.span, "not an item");
                if matches!(
                    t.kind,
                    Tok::Let | Tok::Var | Tok::Assert | Tok::Assume | Tok::Cover | Tok::If | Tok::For | Tok::While | Tok::Loop
                ) {
                    d = d.help("statements belong inside a `property` or `fn` body");
                }
                // One error for the whole run of stray tokens up to the next item, not one per token.
                self.skip_to_item();
                self.diagnostics.push(d);
                return Err(Reported);
            }
        };
        Ok(Item { kind, span: start.to(self.prev_span()) })
    }

    /// `NAME(P: T, ...) [-> T]` of a `fn` or an `extern fn`.
    fn fn_signature(&mut self) -> PResult<(Ident, Vec<Param>, Option<TypeExpr>)> {
        let name = self.ident("a function name")?;
        self.expect(Tok::LParen)?;
        let mut params = Vec::new();
        while self.peek() != Tok::RParen {
            let pname = self.ident("a parameter name")?;
            self.expect(Tok::Colon)?;
            let ty = self.type_expr()?;
            params.push(Param { name: pname, ty });
            if !self.eat(Tok::Comma) {
                break;
            }
        }
        self.expect(Tok::RParen)?;
        let ret = if self.eat(Tok::Arrow) { Some(self.type_expr()?) } else { None };
        Ok((name, params, ret))
    }

    /// `NAME: TYPE [in DOMAIN]`, an input (spec-wide or a property's); `help` says how to write it when
    /// the type is missing (E0013).
    fn input_decl(&mut self, help: impl Fn(&str) -> String) -> PResult<InputDecl> {
        let name = self.ident("an input name")?;
        if self.peek() != Tok::Colon {
            let d = Diagnostic::error(codes::INPUT_WITHOUT_TYPE, format!("input `{}` needs a type", name.name))
                .primary(name.span, "type missing")
                .help(help(&name.name));
            self.diagnostics.push(d);
            return Err(Reported);
        }
        self.bump();
        let ty = self.type_expr()?;
        let domain = if self.eat(Tok::In) { Some(self.domain()?) } else { None };
        Ok(InputDecl { name, ty, domain })
    }

    /// `(NAME: TYPE [in DOMAIN], ...)`: a property's own inputs.
    fn property_params(&mut self) -> PResult<Vec<InputDecl>> {
        self.expect(Tok::LParen)?;
        let mut params = Vec::new();
        while self.peek() != Tok::RParen {
            params.push(self.input_decl(|n| format!("a property's inputs are declared like spec inputs: `{n}: u32 in 0..100`"))?);
            if !self.eat(Tok::Comma) {
                break;
            }
        }
        self.expect(Tok::RParen)?;
        Ok(params)
    }

    fn spec_header(&mut self) -> PResult<ItemKind> {
        self.bump();
        let name = self.ident("a spec name")?;
        self.expect(Tok::LBrace)?;
        let fields = self.header_fields()?;
        Ok(ItemKind::Spec(SpecHeader { name, fields }))
    }

    /// Fields up to and including the closing `}`.
    fn header_fields(&mut self) -> PResult<Vec<HeaderField>> {
        self.enter()?;
        let r = self.header_fields_inner();
        self.depth -= 1;
        r
    }

    fn header_fields_inner(&mut self) -> PResult<Vec<HeaderField>> {
        let mut fields = Vec::new();
        loop {
            while self.eat(Tok::Comma) || self.eat(Tok::Semi) {}
            if self.eat(Tok::RBrace) {
                return Ok(fields);
            }
            let key = self.ident("a header field name")?;
            let value = if self.peek() == Tok::LBrace {
                let open = self.bump().span;
                let inner = self.header_fields()?;
                HeaderValue::Block(inner, open.to(self.prev_span()))
            } else {
                self.expect(Tok::Eq)?;
                match self.peek() {
                    Tok::Str => {
                        let t = self.bump();
                        HeaderValue::Str(self.string_value(t.span), t.span)
                    }
                    Tok::LBracket => {
                        let open = self.bump().span;
                        let mut items = Vec::new();
                        while self.peek() != Tok::RBracket {
                            let t = self.expect(Tok::Str)?;
                            items.push((self.string_value(t.span), t.span));
                            if !self.eat(Tok::Comma) {
                                break;
                            }
                        }
                        self.expect(Tok::RBracket)?;
                        HeaderValue::List(items, open.to(self.prev_span()))
                    }
                    _ => HeaderValue::Number(self.expr()?),
                }
            };
            let span = key.span.to(self.prev_span());
            fields.push(HeaderField { key, value, span });
        }
    }

    fn domain(&mut self) -> PResult<DomainExpr> {
        let start = self.span();
        if self.peek() == Tok::LBrace && self.peek_at(1) == Tok::Ident && self.peek_at(2) == Tok::Colon {
            self.bump();
            let mut fields = Vec::new();
            while self.peek() != Tok::RBrace {
                let name = self.ident("a field name")?;
                self.expect(Tok::Colon)?;
                self.enter()?;
                let d = self.domain();
                self.depth -= 1;
                fields.push((name, d?));
                if !self.eat(Tok::Comma) {
                    break;
                }
            }
            self.expect(Tok::RBrace)?;
            return Ok(DomainExpr::Fields { fields, span: start.to(self.prev_span()) });
        }
        if self.eat(Tok::LBrace) {
            let mut values = Vec::new();
            while self.peek() != Tok::RBrace {
                values.push(self.expr()?);
                if !self.eat(Tok::Comma) {
                    break;
                }
            }
            self.expect(Tok::RBrace)?;
            return Ok(DomainExpr::Set { values, span: start.to(self.prev_span()) });
        }
        let lo = self.expr()?;
        let inclusive = match self.peek() {
            Tok::DotDot => false,
            Tok::DotDotEq => true,
            _ => return Err(self.error_expected("`..` or `..=` (a domain is `lo..hi`, `lo..=hi` or `{a, b, c}`)")),
        };
        self.bump();
        let hi = self.expr()?;
        Ok(DomainExpr::Range { lo, hi, inclusive, span: start.to(self.prev_span()) })
    }

    fn type_expr(&mut self) -> PResult<TypeExpr> {
        if self.peek() == Tok::LParen {
            let open = self.bump().span;
            self.enter()?;
            let r = (|| {
                let mut elems = vec![self.type_expr()?];
                while self.eat(Tok::Comma) {
                    if self.peek() == Tok::RParen {
                        break;
                    }
                    elems.push(self.type_expr()?);
                }
                self.expect(Tok::RParen)?;
                Ok(elems)
            })();
            self.depth -= 1;
            let elems = r?;
            let span = open.to(self.prev_span());
            if elems.len() < 2 {
                self.diagnostics.push(
                    Diagnostic::error(codes::ONE_ELEMENT_TUPLE, "a tuple type has at least two elements")
                        .primary(span, "one element in parentheses")
                        .help("write the element's type alone"),
                );
                return Err(Reported);
            }
            return Ok(TypeExpr::Tuple { elems, span });
        }
        if self.peek() == Tok::LBracket {
            let open = self.bump().span;
            self.enter()?;
            let elem = self.type_expr();
            self.depth -= 1;
            let elem = elem?;
            self.expect(Tok::Semi)?;
            let len = self.expr()?;
            self.expect(Tok::RBracket)?;
            return Ok(TypeExpr::Array { elem: Box::new(elem), len: Box::new(len), span: open.to(self.prev_span()) });
        }
        Ok(TypeExpr::Named(self.ident("a type")?))
    }

    /// Decodes a string literal token (escapes `\n \t \\ \"`).
    fn string_value(&self, span: Span) -> String {
        let raw = self.text_of(span);
        let inner = raw.strip_prefix('"').unwrap_or(raw);
        let inner = inner.strip_suffix('"').unwrap_or(inner);
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    // ---------------------------------------------------------------- statements

    fn block(&mut self) -> PResult<Block> {
        self.enter()?;
        let r = self.block_inner();
        self.depth -= 1;
        r
    }

    fn block_inner(&mut self) -> PResult<Block> {
        let open = self.expect(Tok::LBrace)?.span;
        let mut stmts = Vec::new();
        loop {
            match self.peek() {
                Tok::RBrace => {
                    self.bump();
                    break;
                }
                Tok::Eof if self.abandoned => return Err(Reported),
                Tok::Eof => {
                    self.diagnostics.push(
                        Diagnostic::error(codes::UNCLOSED_BLOCK, "this block is never closed")
                            .primary(open, "unclosed `{`")
                            .secondary(self.span(), "the file ends here"),
                    );
                    return Err(Reported);
                }
                t if item_start(t) && t != Tok::Const => {
                    // Most likely a missing `}`: stop here so the next item parses.
                    self.diagnostics.push(
                        Diagnostic::error(codes::UNCLOSED_BLOCK, "this block is never closed")
                            .primary(open, "unclosed `{`")
                            .secondary(self.span(), "a new item starts here"),
                    );
                    return Ok(Block { stmts, span: open.to(self.prev_span()) });
                }
                _ => {}
            }
            let before = self.pos;
            match self.stmt() {
                Ok(s) => stmts.push(s),
                Err(Reported) => self.recover_in_block(),
            }
            if self.pos == before {
                self.bump();
            }
        }
        Ok(Block { stmts, span: open.to(self.prev_span()) })
    }

    /// Skips to the end of the broken statement: past `;` or to the `}` closing this block.
    fn recover_in_block(&mut self) {
        let mut depth = 0i32;
        loop {
            match self.peek() {
                Tok::Eof => return,
                Tok::Semi if depth == 0 => {
                    self.bump();
                    return;
                }
                Tok::LBrace => depth += 1,
                Tok::RBrace => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                    if depth == 0 {
                        self.bump();
                        return;
                    }
                }
                t if depth == 0
                    && matches!(
                        t,
                        Tok::Let | Tok::Var | Tok::Assert | Tok::Assume | Tok::Cover | Tok::For | Tok::While | Tok::Loop | Tok::Return
                    ) =>
                {
                    return;
                }
                t if item_start(t) && t != Tok::Const => return,
                _ => {}
            }
            self.bump();
        }
    }

    fn stmt(&mut self) -> PResult<Stmt> {
        let start = self.span();
        let kind = match self.peek() {
            Tok::Let | Tok::Var if self.peek_at(1) == Tok::LParen => {
                let mutable = self.bump().kind == Tok::Var;
                self.bump();
                let mut names = Vec::new();
                while self.peek() != Tok::RParen {
                    if self.peek() == Tok::LParen {
                        let t = self.tokens[self.pos];
                        self.diagnostics.push(
                            Diagnostic::error(codes::UNSUPPORTED, "nested tuple patterns are not supported yet")
                                .primary(t.span, "a pattern inside a pattern")
                                .note("a tuple pattern binds names or `_` (docs/language.md section 7)")
                                .help("bind the inner tuple to a name, then destructure it with a second `let`"),
                        );
                        return Err(Reported);
                    }
                    names.push(self.ident("a name or `_`")?);
                    if !self.eat(Tok::Comma) {
                        break;
                    }
                }
                self.expect(Tok::RParen)?;
                self.expect(Tok::Eq)?;
                let value = self.expr()?;
                self.expect(Tok::Semi)?;
                StmtKind::LetTuple { mutable, names, value }
            }
            Tok::Let | Tok::Var
                if matches!(self.peek_at(1), Tok::LBracket | Tok::LBrace)
                    || (self.peek_at(1) == Tok::Ident && self.peek_at(2) == Tok::LBrace) =>
            {
                let t = self.tokens[self.pos + 1];
                self.diagnostics.push(
                    Diagnostic::error(codes::UNSUPPORTED, "this destructuring `let` is not supported yet")
                        .primary(t.span, "a pattern here binds several names")
                        .note("`let` binds one name, or the elements of a tuple with `let (a, b) = ...;` (docs/language.md section 7)")
                        .help("bind the value once and read its parts: `let d = date(n); let y = d.year;`"),
                );
                return Err(Reported);
            }
            Tok::Let | Tok::Var => {
                let is_var = self.bump().kind == Tok::Var;
                let name = self.ident("a variable name")?;
                let ty = if self.eat(Tok::Colon) { Some(self.type_expr()?) } else { None };
                self.expect(Tok::Eq)?;
                let value = self.expr()?;
                self.expect(Tok::Semi)?;
                if is_var { StmtKind::Var { name, ty, value } } else { StmtKind::Let { name, ty, value } }
            }
            Tok::If => return self.if_stmt(),
            Tok::For => {
                self.bump();
                let var = self.ident("a loop variable")?;
                self.expect(Tok::In)?;
                let s = self.expr_no_struct()?;
                let inclusive = match self.peek() {
                    Tok::DotDot => false,
                    Tok::DotDotEq => true,
                    _ => return Err(self.error_expected("`..` or `..=` (loops are `for k in A..B`)")),
                };
                self.bump();
                let e = self.expr_no_struct()?;
                let body = self.block()?;
                StmtKind::For { var, start: s, end: e, inclusive, body }
            }
            Tok::While | Tok::Loop => {
                let keyword = self.bump();
                let cond = if keyword.kind == Tok::While { Some(self.expr_no_struct()?) } else { None };
                let is_bound = self.peek() == Tok::Ident && self.text_of(self.span()) == "bound";
                if !is_bound {
                    let what = if cond.is_some() { "while COND bound N { ... }" } else { "loop bound N { ... }" };
                    let d = Diagnostic::error(
                        codes::LOOP_WITHOUT_BOUND,
                        format!("`{}` needs an iteration bound: `{what}`", self.text_of(keyword.span)),
                    )
                    .primary(self.span(), "expected `bound N` here")
                    .secondary(keyword.span, "this loop")
                    .note("every loop of a spec is bounded so the GPU and the solver can run it; a loop that would run more than N times fails the vector with `loop_bound_exceeded`")
                    .help("see docs/language.md section 7 (statements)");
                    self.diagnostics.push(d);
                    return Err(Reported);
                }
                self.bump();
                let bound = self.expr_no_struct()?;
                let body = self.block()?;
                StmtKind::While { cond, bound, body }
            }
            Tok::Break | Tok::Continue => {
                let is_break = self.bump().kind == Tok::Break;
                self.expect(Tok::Semi)?;
                if is_break { StmtKind::Break } else { StmtKind::Continue }
            }
            Tok::Assert | Tok::Assume => {
                let is_assert = self.bump().kind == Tok::Assert;
                let cond = self.expr()?;
                let message = self.opt_message()?;
                self.expect(Tok::Semi)?;
                if is_assert { StmtKind::Assert { cond, message } } else { StmtKind::Assume { cond, message } }
            }
            Tok::Cover => {
                self.bump();
                let cond = self.expr()?;
                let label = self.opt_message()?;
                self.expect(Tok::Semi)?;
                StmtKind::Cover { cond, label }
            }
            Tok::Return => {
                self.bump();
                let e = self.expr()?;
                self.expect(Tok::Semi)?;
                StmtKind::Return(e)
            }
            Tok::LBrace => StmtKind::Block(self.block()?),
            _ => {
                let target = self.expr()?;
                let op = match self.peek() {
                    Tok::Eq => Some(None),
                    Tok::PlusEq => Some(Some(BinOp::Add)),
                    Tok::MinusEq => Some(Some(BinOp::Sub)),
                    Tok::StarEq => Some(Some(BinOp::Mul)),
                    Tok::SlashEq => Some(Some(BinOp::Div)),
                    Tok::PercentEq => Some(Some(BinOp::Rem)),
                    Tok::AmpEq => Some(Some(BinOp::BitAnd)),
                    Tok::PipeEq => Some(Some(BinOp::BitOr)),
                    Tok::CaretEq => Some(Some(BinOp::BitXor)),
                    Tok::ShlEq => Some(Some(BinOp::Shl)),
                    Tok::ShrEq => Some(Some(BinOp::Shr)),
                    _ => None,
                };
                match op {
                    Some(op) => {
                        self.bump();
                        let value = self.expr()?;
                        self.expect(Tok::Semi)?;
                        StmtKind::Assign { target, op, value }
                    }
                    None => {
                        self.expect(Tok::Semi)?;
                        StmtKind::Expr(target)
                    }
                }
            }
        };
        Ok(Stmt { kind, span: start.to(self.prev_span()) })
    }

    fn opt_message(&mut self) -> PResult<Option<(String, Span)>> {
        if self.eat(Tok::Comma) {
            let t = self.expect(Tok::Str)?;
            Ok(Some((self.string_value(t.span), t.span)))
        } else {
            Ok(None)
        }
    }

    fn if_stmt(&mut self) -> PResult<Stmt> {
        let start = self.expect(Tok::If)?.span;
        self.enter()?;
        let result = (|| {
            let cond = self.expr_no_struct()?;
            let then = self.block()?;
            let els = if self.eat(Tok::Else) {
                if self.peek() == Tok::If {
                    Some(Box::new(self.if_stmt()?))
                } else {
                    let b = self.block()?;
                    let span = b.span;
                    Some(Box::new(Stmt { kind: StmtKind::Block(b), span }))
                }
            } else {
                None
            };
            Ok(Stmt { kind: StmtKind::If { cond, then, els }, span: start.to(self.prev_span()) })
        })();
        self.depth -= 1;
        result
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            self.diagnostics.push(
                Diagnostic::error(codes::NESTING_TOO_DEEP, "nesting too deep")
                    .primary(self.span(), format!("more than {MAX_DEPTH} levels of nesting"))
                    .help("split deep expressions with `let` bindings, and deep blocks into functions"),
            );
            // Whatever follows is as deep: skip the rest of the file rather than report every level.
            self.abandoned = true;
            self.pos = self.tokens.len() - 1;
            return Err(Reported);
        }
        Ok(())
    }

    // ---------------------------------------------------------------- expressions

    fn expr(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.binary(0);
        self.depth -= 1;
        r
    }

    /// An expression where `Name {` starts a block, not a struct literal (conditions, ranges).
    fn expr_no_struct(&mut self) -> PResult<Expr> {
        let saved = std::mem::replace(&mut self.no_struct, true);
        let r = self.expr();
        self.no_struct = saved;
        r
    }

    /// An expression inside delimiters, where struct literals are allowed again.
    fn expr_delimited(&mut self) -> PResult<Expr> {
        let saved = std::mem::replace(&mut self.no_struct, false);
        let r = self.expr();
        self.no_struct = saved;
        r
    }

    fn binop(&self) -> Option<BinOp> {
        Some(match self.peek() {
            Tok::OrOr => BinOp::Or,
            Tok::AndAnd => BinOp::And,
            Tok::EqEq => BinOp::Eq,
            Tok::NotEq => BinOp::Ne,
            Tok::Lt => BinOp::Lt,
            Tok::Le => BinOp::Le,
            Tok::Gt => BinOp::Gt,
            Tok::Ge => BinOp::Ge,
            Tok::Pipe => BinOp::BitOr,
            Tok::Caret => BinOp::BitXor,
            Tok::Amp => BinOp::BitAnd,
            Tok::Shl => BinOp::Shl,
            Tok::Shr => BinOp::Shr,
            Tok::Plus => BinOp::Add,
            Tok::Minus => BinOp::Sub,
            Tok::Star => BinOp::Mul,
            Tok::Slash => BinOp::Div,
            Tok::Percent => BinOp::Rem,
            _ => return None,
        })
    }

    /// A left-deep chain (`a + b + c ...`) is as deep as it is long: each link counts as one level of
    /// nesting, so later passes (which recurse over the tree) stay within the stack.
    fn binary(&mut self, min_prec: u8) -> PResult<Expr> {
        let depth = self.depth;
        let r = self.binary_chain(min_prec);
        self.depth = depth;
        r
    }

    fn binary_chain(&mut self, min_prec: u8) -> PResult<Expr> {
        let mut lhs = self.unary()?;
        while let Some(op) = self.binop() {
            let prec = op.precedence();
            if prec <= min_prec {
                break;
            }
            self.enter()?;
            let op_span = self.bump().span;
            let rhs = self.binary_rhs(prec)?;
            if op.is_comparison()
                && let Some(next) = self.binop()
                && next.is_comparison()
            {
                let d = Diagnostic::error(codes::CHAINED_COMPARISON, "comparison operators cannot be chained")
                    .primary(self.span(), "second comparison")
                    .secondary(op_span, "first comparison")
                    .help("split it: `a < b && b < c`");
                self.diagnostics.push(d);
                return Err(Reported);
            }
            let span = lhs.span.to(rhs.span);
            lhs = Expr { kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)), span };
        }
        Ok(lhs)
    }

    fn binary_rhs(&mut self, prec: u8) -> PResult<Expr> {
        self.enter()?;
        let r = self.binary(prec);
        self.depth -= 1;
        r
    }

    /// A prefix expression followed by any number of casts: `-x as i32` is `(-x) as i32` (Rust's order).
    fn unary(&mut self) -> PResult<Expr> {
        let depth = self.depth;
        let r = self.cast_chain();
        self.depth = depth;
        r
    }

    /// `x as T as U ...`: each cast is one level of nesting deeper.
    fn cast_chain(&mut self) -> PResult<Expr> {
        let mut e = self.prefix()?;
        while self.peek() == Tok::As {
            self.enter()?;
            self.bump();
            let ty = self.type_expr()?;
            let span = e.span.to(ty.span());
            e = Expr { kind: ExprKind::Cast(Box::new(e), ty), span };
        }
        Ok(e)
    }

    fn prefix(&mut self) -> PResult<Expr> {
        let op = match self.peek() {
            Tok::Minus => Some(UnOp::Neg),
            Tok::Bang => Some(UnOp::Not),
            Tok::Tilde => Some(UnOp::BitNot),
            _ => None,
        };
        if let Some(op) = op {
            let start = self.bump().span;
            self.enter()?;
            let inner = self.prefix();
            self.depth -= 1;
            let inner = inner?;
            let span = start.to(inner.span);
            return Ok(Expr { kind: ExprKind::Unary(op, Box::new(inner)), span });
        }
        self.postfix()
    }

    fn postfix(&mut self) -> PResult<Expr> {
        let depth = self.depth;
        let r = self.postfix_chain();
        self.depth = depth;
        r
    }

    /// `a[i][j] ...`, each index one level deeper.
    fn postfix_chain(&mut self) -> PResult<Expr> {
        let mut e = self.primary()?;
        loop {
            match self.peek() {
                Tok::LBracket => {
                    self.enter()?;
                    self.bump();
                    let idx = self.expr_delimited()?;
                    self.expect(Tok::RBracket)?;
                    let span = e.span.to(self.prev_span());
                    e = Expr { kind: ExprKind::Index(Box::new(e), Box::new(idx)), span };
                }
                Tok::Dot => {
                    self.enter()?;
                    self.bump();
                    let t = self.tokens[self.pos];
                    let field = match t.kind {
                        Tok::Ident => self.ident("a field name")?,
                        Tok::Int if self.text_of(t.span).bytes().all(|b| b.is_ascii_digit()) => {
                            self.bump();
                            Ident { name: self.text_of(t.span).to_string(), span: t.span }
                        }
                        _ => return Err(self.error_expected("a field name or a tuple position (`p.x`, `t.0`)")),
                    };
                    let span = e.span.to(field.span);
                    e = Expr { kind: ExprKind::Field(Box::new(e), field), span };
                }
                Tok::LParen => {
                    let t = self.tokens[self.pos];
                    self.diagnostics.push(
                        Diagnostic::error(codes::CALL_OF_NON_NAME, "only named functions can be called")
                            .primary(t.span, "call of something that is not a function name"),
                    );
                    return Err(Reported);
                }
                _ => return Ok(e),
            }
        }
    }

    fn primary(&mut self) -> PResult<Expr> {
        let t = self.tokens[self.pos];
        let kind = match t.kind {
            Tok::Int => {
                self.bump();
                match parse_int(self.text_of(t.span)) {
                    Ok(v) => ExprKind::Int(v),
                    Err(e) => {
                        self.diagnostics
                            .push(Diagnostic::error(codes::INVALID_INT_LITERAL, "invalid integer literal").primary(t.span, e.to_string()));
                        ExprKind::Error
                    }
                }
            }
            Tok::Float => {
                self.bump();
                let text = self.text_of(t.span);
                match parse_float64(text) {
                    Ok(double) => ExprKind::Float(FloatLit { single: parse_float(text).ok(), double }),
                    Err(e) => {
                        self.diagnostics
                            .push(Diagnostic::error(codes::INVALID_FLOAT_LITERAL, "invalid float literal").primary(t.span, e.to_string()));
                        ExprKind::Error
                    }
                }
            }
            Tok::Char | Tok::Byte | Tok::ByteStr => {
                self.bump();
                let text = self.text_of(t.span);
                let parsed = match t.kind {
                    Tok::Char => parse_char(text).map(ExprKind::Char),
                    Tok::Byte => parse_byte_str(text).and_then(|b| match b[..] {
                        [one] => Ok(ExprKind::Int(one as u64)),
                        _ => Err(LiteralError::NotOneChar),
                    }),
                    _ => parse_byte_str(text).and_then(|b| {
                        if b.is_empty() || b.len() > 4096 { Err(LiteralError::ByteStrLength) } else { Ok(ExprKind::Bytes(b)) }
                    }),
                };
                match parsed {
                    Ok(k) => k,
                    Err(e) => {
                        self.diagnostics.push(
                            Diagnostic::error(
                                codes::INVALID_CHAR_LITERAL,
                                format!("invalid {}", t.kind.describe().trim_start_matches("a ")),
                            )
                            .primary(t.span, e.to_string()),
                        );
                        ExprKind::Error
                    }
                }
            }
            Tok::True => {
                self.bump();
                ExprKind::Bool(true)
            }
            Tok::False => {
                self.bump();
                ExprKind::Bool(false)
            }
            Tok::Ident => {
                self.bump();
                let name = self.text_of(t.span).to_string();
                if self.peek() == Tok::LParen {
                    self.bump();
                    let mut args = Vec::new();
                    while self.peek() != Tok::RParen {
                        args.push(self.expr_delimited()?);
                        if !self.eat(Tok::Comma) {
                            break;
                        }
                    }
                    self.expect(Tok::RParen)?;
                    let span = t.span.to(self.prev_span());
                    return Ok(Expr { kind: ExprKind::Call(Ident { name, span: t.span }, args), span });
                }
                if self.peek() == Tok::ColonColon {
                    self.bump();
                    let item = self.ident("a constant name, like `MAX`")?;
                    let span = t.span.to(item.span);
                    return Ok(Expr { kind: ExprKind::TypeConst(Ident { name, span: t.span }, item), span });
                }
                if self.peek() == Tok::LBrace
                    && !self.no_struct
                    && (self.peek_at(1) == Tok::Ident && matches!(self.peek_at(2), Tok::Colon | Tok::Comma | Tok::RBrace))
                {
                    return self.struct_literal(Ident { name, span: t.span });
                }
                ExprKind::Name(name)
            }
            Tok::LParen => {
                self.bump();
                let inner = self.expr_delimited()?;
                if self.peek() == Tok::Comma {
                    let mut elems = vec![inner];
                    while self.eat(Tok::Comma) {
                        if self.peek() == Tok::RParen {
                            break;
                        }
                        elems.push(self.expr_delimited()?);
                    }
                    self.expect(Tok::RParen)?;
                    let span = t.span.to(self.prev_span());
                    if elems.len() < 2 {
                        self.diagnostics.push(
                            Diagnostic::error(codes::ONE_ELEMENT_TUPLE, "a tuple has at least two elements")
                                .primary(span, "one element in parentheses")
                                .help("write the value alone"),
                        );
                        return Err(Reported);
                    }
                    return Ok(Expr { kind: ExprKind::Tuple(elems), span });
                }
                self.expect(Tok::RParen)?;
                let span = t.span.to(self.prev_span());
                return Ok(Expr { kind: ExprKind::Paren(Box::new(inner)), span });
            }
            Tok::LBracket => {
                self.bump();
                if self.eat(Tok::RBracket) {
                    let span = t.span.to(self.prev_span());
                    self.diagnostics.push(
                        Diagnostic::error(codes::EMPTY_ARRAY_LITERAL, "empty array literal")
                            .primary(span, "arrays have at least one element"),
                    );
                    return Err(Reported);
                }
                let first = self.expr_delimited()?;
                if self.eat(Tok::Semi) {
                    let len = self.expr()?;
                    self.expect(Tok::RBracket)?;
                    let span = t.span.to(self.prev_span());
                    return Ok(Expr { kind: ExprKind::Repeat(Box::new(first), Box::new(len)), span });
                }
                let mut elems = vec![first];
                while self.eat(Tok::Comma) {
                    if self.peek() == Tok::RBracket {
                        break;
                    }
                    elems.push(self.expr_delimited()?);
                }
                self.expect(Tok::RBracket)?;
                let span = t.span.to(self.prev_span());
                return Ok(Expr { kind: ExprKind::Array(elems), span });
            }
            _ => return Err(self.error_expected("an expression")),
        };
        Ok(Expr { kind, span: t.span })
    }
}

impl Parser<'_> {
    /// `Name { field: value, field, ... }` after its name.
    fn struct_literal(&mut self, name: Ident) -> PResult<Expr> {
        self.expect(Tok::LBrace)?;
        self.enter()?;
        let r = (|| {
            let mut fields = Vec::new();
            while self.peek() != Tok::RBrace {
                let field = self.ident("a field name")?;
                let value = if self.eat(Tok::Colon) {
                    self.expr_delimited()?
                } else {
                    Expr { kind: ExprKind::Name(field.name.clone()), span: field.span }
                };
                fields.push((field, value));
                if !self.eat(Tok::Comma) {
                    break;
                }
            }
            self.expect(Tok::RBrace)?;
            Ok(fields)
        })();
        self.depth -= 1;
        let fields = r?;
        let span = name.span.to(self.prev_span());
        Ok(Expr { kind: ExprKind::Struct(name, fields), span })
    }
}

fn keyword_like(t: Tok) -> bool {
    matches!(
        t,
        Tok::Spec
            | Tok::Import
            | Tok::Const
            | Tok::Input
            | Tok::Fn
            | Tok::Struct
            | Tok::Property
            | Tok::Let
            | Tok::Var
            | Tok::If
            | Tok::Else
            | Tok::For
            | Tok::While
            | Tok::Loop
            | Tok::Break
            | Tok::Continue
            | Tok::In
            | Tok::Return
            | Tok::Assert
            | Tok::Assume
            | Tok::Cover
            | Tok::True
            | Tok::False
            | Tok::As
    )
}

/// Whether a string literal token is closed (the lexer ends an unclosed one at the end of its line).
fn string_closed(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i == bytes.len() - 1,
            _ => i += 1,
        }
    }
    false
}

fn describe_found(p: &Parser, t: Token) -> String {
    match t.kind {
        Tok::Ident | Tok::Int | Tok::Float => format!("`{}`", p.text_of(t.span)),
        k => k.describe().to_string(),
    }
}

/// Why a numeric literal has no value (the label of its diagnostic).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LiteralError {
    #[error("no digits after the prefix")]
    NoDigits,
    #[error("`{digit}` is not a base-{radix} digit")]
    BadDigit { digit: char, radix: u32 },
    #[error("too large (integer literals are at most 64 bits)")]
    IntTooLarge,
    #[error("too large for f32 (largest finite is 3.4028235e38)")]
    FloatTooLarge,
    #[error("too large for f64 (largest finite is 1.7976931348623157e308)")]
    Float64TooLarge,
    #[error("not a valid number")]
    NotANumber,
    #[error("a hex float needs a binary exponent (`0x1.8p3`)")]
    NoExponent,
    #[error("more significant hex digits than a float can hold (at most 53 bits)")]
    TooPrecise,
    #[error("not exactly one character")]
    NotOneChar,
    #[error("unknown escape (use \\n, \\r, \\t, \\0, \\\\, \\', \\\", \\xNN or \\u{{...}})")]
    BadEscape,
    #[error("byte literals are ASCII (write other bytes as `\\xNN`)")]
    NotAscii,
    #[error("byte strings have 1 to 4096 bytes")]
    ByteStrLength,
}

/// Parses `1_000`, `0xFF`, `0b1010`, `0o17` into a u64.
pub fn parse_int(text: &str) -> Result<u64, LiteralError> {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let (digits, radix) = if let Some(r) = clean.strip_prefix("0x").or_else(|| clean.strip_prefix("0X")) {
        (r, 16)
    } else if let Some(r) = clean.strip_prefix("0b").or_else(|| clean.strip_prefix("0B")) {
        (r, 2)
    } else if let Some(r) = clean.strip_prefix("0o").or_else(|| clean.strip_prefix("0O")) {
        (r, 8)
    } else {
        (clean.as_str(), 10)
    };
    if digits.is_empty() {
        return Err(LiteralError::NoDigits);
    }
    if let Some(digit) = digits.chars().find(|c| !c.is_digit(radix)) {
        return Err(LiteralError::BadDigit { digit, radix });
    }
    u64::from_str_radix(digits, radix).map_err(|_| LiteralError::IntTooLarge)
}

/// Parses a float literal, rounding once, to nearest, straight to f32. Hex floats
/// (`0x1.8p23`: hex digits, a binary exponent) are exact up to 53 significant bits, then rounded
/// once to f32.
pub fn parse_float(text: &str) -> Result<f32, LiteralError> {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    if let Some(hex) = clean.strip_prefix("0x").or_else(|| clean.strip_prefix("0X")) {
        return parse_hex_float(hex);
    }
    match clean.parse::<f32>() {
        Ok(v) if v.is_infinite() => Err(LiteralError::FloatTooLarge),
        Ok(v) => Ok(v),
        Err(_) => Err(LiteralError::NotANumber),
    }
}

/// Parses a float literal, rounding once, to nearest, straight to f64 (hex floats exact up to 53
/// significant bits, then rounded once where they are subnormal).
pub fn parse_float64(text: &str) -> Result<f64, LiteralError> {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    if let Some(hex) = clean.strip_prefix("0x").or_else(|| clean.strip_prefix("0X")) {
        let (m, e2) = hex_float_parts(hex)?;
        if m == 0 {
            return Ok(0.0);
        }
        let pow2 = |e: i64| f64::from_bits(((e + 1023) as u64) << 52);
        return match e2 {
            e if e > 1023 => Err(LiteralError::Float64TooLarge),
            // Below half the smallest subnormal: zero.
            e if e < -1128 => Ok(0.0),
            // m * 2^(e + 200) is exact and normal; the second product rounds once.
            e if e < -1022 => Ok(m as f64 * pow2(e + 200) * pow2(-200)),
            e => {
                let v = m as f64 * pow2(e);
                if v.is_infinite() { Err(LiteralError::Float64TooLarge) } else { Ok(v) }
            }
        };
    }
    match clean.parse::<f64>() {
        Ok(v) if v.is_infinite() => Err(LiteralError::Float64TooLarge),
        Ok(v) => Ok(v),
        Err(_) => Err(LiteralError::NotANumber),
    }
}

/// A hex float's value as `m * 2^e2`, `m` odd (or zero) of at most 53 bits.
fn hex_float_parts(hex: &str) -> Result<(u64, i64), LiteralError> {
    let (mantissa, exp) = hex.split_once(['p', 'P']).ok_or(LiteralError::NoExponent)?;
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() {
        return Err(LiteralError::NoDigits);
    }
    let exp: i64 = exp.parse().map_err(|_| LiteralError::NotANumber)?;
    let digits = format!("{int}{frac}");
    let digits = digits.trim_start_matches('0');
    if let Some(digit) = digits.chars().find(|c| !c.is_ascii_hexdigit()) {
        return Err(LiteralError::BadDigit { digit, radix: 16 });
    }
    let significant = digits.trim_end_matches('0');
    if significant.len() > 16 {
        return Err(LiteralError::TooPrecise);
    }
    let zeros = (digits.len() - significant.len()) as i64;
    let mut m = u64::from_str_radix(if significant.is_empty() { "0" } else { significant }, 16).map_err(|_| LiteralError::NotANumber)?;
    if m == 0 {
        return Ok((0, 0));
    }
    let mut e2 = exp.saturating_add(4 * (zeros - frac.len() as i64));
    e2 = e2.saturating_add(m.trailing_zeros() as i64);
    m >>= m.trailing_zeros();
    if 64 - m.leading_zeros() > 53 {
        return Err(LiteralError::TooPrecise);
    }
    Ok((m, e2))
}

fn parse_hex_float(hex: &str) -> Result<f32, LiteralError> {
    // value = m * 2^e2 with m odd (or zero) and at most 53 bits: exact in f64.
    let (m, e2) = hex_float_parts(hex)?;
    if m == 0 {
        return Ok(0.0);
    }
    if e2 > 300 {
        return Err(LiteralError::FloatTooLarge);
    }
    if e2 < -400 {
        // Below 2^-347: rounds to zero in f32.
        return Ok(0.0);
    }
    // One rounding, f64 -> f32, to nearest with ties to even.
    let v = (m as f64 * 2f64.powi(e2 as i32)) as f32;
    if v.is_infinite() { Err(LiteralError::FloatTooLarge) } else { Ok(v) }
}

/// The characters between the quotes of `'...'`, `b'...'` or `b"..."`, escapes resolved.
fn unquote(text: &str) -> Result<Vec<char>, LiteralError> {
    let inner = text.trim_start_matches('b');
    let inner = &inner[1..inner.len().saturating_sub(1).max(1)];
    let mut out = Vec::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let e = chars.next().ok_or(LiteralError::BadEscape)?;
        out.push(match e {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            '0' => '\0',
            '\\' | '\'' | '"' => e,
            'x' => {
                let hex: String = chars.by_ref().take(2).collect();
                let v = u32::from_str_radix(&hex, 16).map_err(|_| LiteralError::BadEscape)?;
                char::from_u32(v).ok_or(LiteralError::BadEscape)?
            }
            'u' => {
                if chars.next() != Some('{') {
                    return Err(LiteralError::BadEscape);
                }
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let v = u32::from_str_radix(&hex.replace('_', ""), 16).map_err(|_| LiteralError::BadEscape)?;
                char::from_u32(v).ok_or(LiteralError::BadEscape)?
            }
            _ => return Err(LiteralError::BadEscape),
        });
    }
    Ok(out)
}

/// `'A'` -> its code point.
pub fn parse_char(text: &str) -> Result<u32, LiteralError> {
    match unquote(text)?[..] {
        [c] => Ok(c as u32),
        _ => Err(LiteralError::NotOneChar),
    }
}

/// `b'A'` or `b"AB"` -> the bytes (ASCII characters, or `\xNN` for any byte).
pub fn parse_byte_str(text: &str) -> Result<Vec<u8>, LiteralError> {
    let raw_ascii = text.is_ascii();
    unquote(text)?
        .into_iter()
        .map(|c| if (c as u32) < 256 && raw_ascii { Ok(c as u32 as u8) } else { Err(LiteralError::NotAscii) })
        .collect()
}

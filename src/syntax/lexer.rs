//! The lexer: spec text to tokens, plus comments kept aside for the formatter. Never fails.

use crate::diag::{Diagnostic, DiagnosticCollector, FileId, Span, codes};

/// Longest identifier accepted, in bytes (identifiers are ASCII): names end up in reports, file
/// names and Parquet columns.
pub const MAX_IDENT_LEN: usize = 256;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tok {
    Ident,
    Int,
    Float,
    Str,
    /// `'A'`, `'\n'`, `'\u{E9}'`: a code point (u32).
    Char,
    /// `b'A'`: a byte value (an integer literal).
    Byte,
    /// `b"ABC"`: an array of byte values.
    ByteStr,
    // keywords
    Spec,
    Import,
    Const,
    Input,
    Fn,
    Extern,
    Struct,
    Property,
    Let,
    Var,
    If,
    Else,
    For,
    While,
    Loop,
    Break,
    Continue,
    In,
    Return,
    Assert,
    Assume,
    Cover,
    True,
    False,
    As,
    // punctuation
    LBrace,
    RBrace,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Semi,
    Colon,
    ColonColon,
    Comma,
    /// `.`: field access (`p.x`, `t.0`).
    Dot,
    DotDot,
    DotDotEq,
    Arrow,
    Eq,
    PlusEq,
    MinusEq,
    StarEq,
    SlashEq,
    PercentEq,
    AmpEq,
    PipeEq,
    CaretEq,
    ShlEq,
    ShrEq,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Amp,
    Pipe,
    Caret,
    Tilde,
    Bang,
    Shl,
    Shr,
    EqEq,
    NotEq,
    Lt,
    Le,
    Gt,
    Ge,
    AndAnd,
    OrOr,
    /// A character that starts no token; reported once by the lexer, never again by the parser.
    Unknown,
    Eof,
}

impl Tok {
    /// How the token is spelled in messages.
    pub fn describe(self) -> &'static str {
        use Tok::*;
        match self {
            Ident => "an identifier",
            Int => "an integer literal",
            Float => "a float literal",
            Str => "a string literal",
            Char => "a character literal",
            Byte => "a byte literal",
            ByteStr => "a byte string literal",
            Spec => "`spec`",
            Import => "`import`",
            Const => "`const`",
            Input => "`input`",
            Fn => "`fn`",
            Extern => "`extern`",
            Struct => "`struct`",
            Property => "`property`",
            Let => "`let`",
            Var => "`var`",
            If => "`if`",
            Else => "`else`",
            For => "`for`",
            While => "`while`",
            Loop => "`loop`",
            Break => "`break`",
            Continue => "`continue`",
            In => "`in`",
            Return => "`return`",
            Assert => "`assert`",
            Assume => "`assume`",
            Cover => "`cover`",
            True => "`true`",
            False => "`false`",
            As => "`as`",
            LBrace => "`{`",
            RBrace => "`}`",
            LParen => "`(`",
            RParen => "`)`",
            LBracket => "`[`",
            RBracket => "`]`",
            Semi => "`;`",
            Colon => "`:`",
            ColonColon => "`::`",
            Comma => "`,`",
            Dot => "`.`",
            DotDot => "`..`",
            DotDotEq => "`..=`",
            Arrow => "`->`",
            Eq => "`=`",
            PlusEq => "`+=`",
            MinusEq => "`-=`",
            StarEq => "`*=`",
            SlashEq => "`/=`",
            PercentEq => "`%=`",
            AmpEq => "`&=`",
            PipeEq => "`|=`",
            CaretEq => "`^=`",
            ShlEq => "`<<=`",
            ShrEq => "`>>=`",
            Plus => "`+`",
            Minus => "`-`",
            Star => "`*`",
            Slash => "`/`",
            Percent => "`%`",
            Amp => "`&`",
            Pipe => "`|`",
            Caret => "`^`",
            Tilde => "`~`",
            Bang => "`!`",
            Shl => "`<<`",
            Shr => "`>>`",
            EqEq => "`==`",
            NotEq => "`!=`",
            Lt => "`<`",
            Le => "`<=`",
            Gt => "`>`",
            Ge => "`>=`",
            AndAnd => "`&&`",
            OrOr => "`||`",
            Unknown => "an unknown character",
            Eof => "end of file",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Tok,
    pub span: Span,
}

/// A comment, kept so the formatter can put it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub span: Span,
    pub text: String,
    /// True when code precedes the comment on its line (a trailing comment).
    pub trailing: bool,
}

pub struct Lexed {
    pub tokens: Vec<Token>,
    pub comments: Vec<Comment>,
    pub diagnostics: Vec<Diagnostic>,
}

fn keyword(s: &str) -> Option<Tok> {
    Some(match s {
        "spec" => Tok::Spec,
        "import" => Tok::Import,
        "const" => Tok::Const,
        "input" => Tok::Input,
        "fn" => Tok::Fn,
        "extern" => Tok::Extern,
        "struct" => Tok::Struct,
        "property" => Tok::Property,
        "let" => Tok::Let,
        "var" => Tok::Var,
        "if" => Tok::If,
        "else" => Tok::Else,
        "for" => Tok::For,
        "while" => Tok::While,
        "loop" => Tok::Loop,
        "break" => Tok::Break,
        "continue" => Tok::Continue,
        "in" => Tok::In,
        "return" => Tok::Return,
        "assert" => Tok::Assert,
        "assume" => Tok::Assume,
        "cover" => Tok::Cover,
        "true" => Tok::True,
        "false" => Tok::False,
        "as" => Tok::As,
        _ => return None,
    })
}

/// Splits `text` into tokens. Always ends with an `Eof` token; never panics.
pub fn lex(file: FileId, text: &str) -> Lexed {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut comments = Vec::new();
    let mut diagnostics = DiagnosticCollector::new();
    let mut i = 0usize;
    let mut line_has_code = false;
    let sp = |s: usize, e: usize| Span::new(file, s, e);
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        if c == b'\n' {
            line_has_code = false;
            i += 1;
            continue;
        }
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c == b'/' && bytes.get(i + 1) == Some(&b'/') {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            comments.push(Comment { span: sp(start, i), text: text[start..i].trim_end().to_string(), trailing: line_has_code });
            continue;
        }
        if c == b'/' && bytes.get(i + 1) == Some(&b'*') {
            let mut depth = 1;
            i += 2;
            while i < bytes.len() && depth > 0 {
                if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'*') {
                    depth += 1;
                    i += 2;
                } else if bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/') {
                    depth -= 1;
                    i += 2;
                } else {
                    i += 1;
                }
            }
            if depth > 0 {
                diagnostics.push(
                    Diagnostic::error(codes::UNTERMINATED_BLOCK_COMMENT, "unterminated block comment")
                        .primary(sp(start, start + 2), "this comment is never closed")
                        .help("close it with `*/`"),
                );
            }
            comments.push(Comment { span: sp(start, i), text: text[start..i].to_string(), trailing: line_has_code });
            continue;
        }
        line_has_code = true;
        // `'A'` and `b'A'`: a quoted character with the string escapes (and `\'`, `\u{...}`).
        let quote = if c == b'\'' {
            Some(i)
        } else if c == b'b' && matches!(bytes.get(i + 1), Some(b'\'' | b'"')) {
            Some(i + 1)
        } else {
            None
        };
        if let Some(q) = quote {
            let close = bytes[q];
            let mut j = q + 1;
            let mut closed = false;
            while j < bytes.len() {
                match bytes[j] {
                    b'\\' => j += 2,
                    b'\n' => break,
                    b if b == close => {
                        j += 1;
                        closed = true;
                        break;
                    }
                    _ => j += 1,
                }
            }
            let end = j.min(bytes.len());
            i = end;
            if !closed {
                let what = if close == b'"' { "byte string" } else { "character literal" };
                diagnostics.push(
                    Diagnostic::error(codes::UNTERMINATED_STRING, format!("unterminated {what}"))
                        .primary(sp(start, end), format!("this {what} is never closed"))
                        .help(if close == b'"' {
                            "byte strings end with `\"` on the same line"
                        } else {
                            "character literals end with `'`: `'A'`"
                        }),
                );
            }
            let kind = match (c, close) {
                (b'\'', _) => Tok::Char,
                (_, b'\'') => Tok::Byte,
                _ => Tok::ByteStr,
            };
            tokens.push(Token { kind, span: sp(start, end) });
            continue;
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            let kind = keyword(&text[start..i]).unwrap_or(Tok::Ident);
            if i - start > MAX_IDENT_LEN {
                diagnostics.push(
                    Diagnostic::error(codes::IDENTIFIER_TOO_LONG, format!("identifier is {} characters long", i - start))
                        .primary(sp(start, i), format!("at most {MAX_IDENT_LEN} characters are allowed"))
                        .help("choose a shorter name"),
                );
            }
            tokens.push(Token { kind, span: sp(start, i) });
            continue;
        }
        if c.is_ascii_digit() {
            let mut kind = Tok::Int;
            if c == b'0' && matches!(bytes.get(i + 1), Some(b'x' | b'X')) {
                i += 2;
                while i < bytes.len() && (bytes[i].is_ascii_hexdigit() || bytes[i] == b'_') {
                    i += 1;
                }
                // A hex float: `0x1.8p23`, `0x1p-126` (the binary exponent is required).
                let fraction = i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_hexdigit();
                if fraction || matches!(bytes.get(i), Some(b'p' | b'P')) {
                    kind = Tok::Float;
                    if fraction {
                        i += 1;
                        while i < bytes.len() && (bytes[i].is_ascii_hexdigit() || bytes[i] == b'_') {
                            i += 1;
                        }
                    }
                    if matches!(bytes.get(i), Some(b'p' | b'P')) {
                        i += 1;
                        if matches!(bytes.get(i), Some(b'+' | b'-')) {
                            i += 1;
                        }
                    }
                }
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
            } else if c == b'0' && matches!(bytes.get(i + 1), Some(b'b' | b'B' | b'o' | b'O')) {
                i += 2;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
            } else {
                while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
                    i += 1;
                }
                // `1.5` is a float, `0..16` is a range; after a `.` (`t.0.1`) a number is a field index.
                let after_dot = tokens.last().is_some_and(|t: &Token| t.kind == Tok::Dot && t.span.end == start as u32);
                if !after_dot && i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
                    kind = Tok::Float;
                    i += 1;
                    while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
                        i += 1;
                    }
                }
                if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
                    let mut j = i + 1;
                    if j < bytes.len() && (bytes[j] == b'+' || bytes[j] == b'-') {
                        j += 1;
                    }
                    if j < bytes.len() && bytes[j].is_ascii_digit() {
                        kind = Tok::Float;
                        i = j;
                        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
                            i += 1;
                        }
                    }
                }
                // Identifier characters glued to a number (`12abc`) are part of a bad literal.
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
            }
            tokens.push(Token { kind, span: sp(start, i) });
            continue;
        }
        if c == b'"' {
            i += 1;
            let mut closed = false;
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' => i += 2,
                    b'"' => {
                        i += 1;
                        closed = true;
                        break;
                    }
                    b'\n' => break,
                    _ => i += 1,
                }
            }
            let i_end = i.min(bytes.len());
            i = i_end;
            if !closed {
                diagnostics.push(
                    Diagnostic::error(codes::UNTERMINATED_STRING, "unterminated string literal")
                        .primary(sp(start, i_end), "this string is never closed")
                        .help("strings end with `\"` on the same line"),
                );
            }
            tokens.push(Token { kind: Tok::Str, span: sp(start, i_end) });
            continue;
        }
        let three = &bytes[i..(i + 3).min(bytes.len())];
        let two = &bytes[i..(i + 2).min(bytes.len())];
        let (kind, len) = match three {
            b"..=" => (Tok::DotDotEq, 3),
            b"<<=" => (Tok::ShlEq, 3),
            b">>=" => (Tok::ShrEq, 3),
            _ => match two {
                b".." => (Tok::DotDot, 2),
                b"->" => (Tok::Arrow, 2),
                b"::" => (Tok::ColonColon, 2),
                b"+=" => (Tok::PlusEq, 2),
                b"-=" => (Tok::MinusEq, 2),
                b"*=" => (Tok::StarEq, 2),
                b"/=" => (Tok::SlashEq, 2),
                b"%=" => (Tok::PercentEq, 2),
                b"&=" => (Tok::AmpEq, 2),
                b"|=" => (Tok::PipeEq, 2),
                b"^=" => (Tok::CaretEq, 2),
                b"<<" => (Tok::Shl, 2),
                b">>" => (Tok::Shr, 2),
                b"==" => (Tok::EqEq, 2),
                b"!=" => (Tok::NotEq, 2),
                b"<=" => (Tok::Le, 2),
                b">=" => (Tok::Ge, 2),
                b"&&" => (Tok::AndAnd, 2),
                b"||" => (Tok::OrOr, 2),
                _ => match c {
                    b'{' => (Tok::LBrace, 1),
                    b'}' => (Tok::RBrace, 1),
                    b'(' => (Tok::LParen, 1),
                    b')' => (Tok::RParen, 1),
                    b'[' => (Tok::LBracket, 1),
                    b']' => (Tok::RBracket, 1),
                    b';' => (Tok::Semi, 1),
                    b':' => (Tok::Colon, 1),
                    b',' => (Tok::Comma, 1),
                    b'.' => (Tok::Dot, 1),
                    b'=' => (Tok::Eq, 1),
                    b'+' => (Tok::Plus, 1),
                    b'-' => (Tok::Minus, 1),
                    b'*' => (Tok::Star, 1),
                    b'/' => (Tok::Slash, 1),
                    b'%' => (Tok::Percent, 1),
                    b'&' => (Tok::Amp, 1),
                    b'|' => (Tok::Pipe, 1),
                    b'^' => (Tok::Caret, 1),
                    b'~' => (Tok::Tilde, 1),
                    b'!' => (Tok::Bang, 1),
                    b'<' => (Tok::Lt, 1),
                    b'>' => (Tok::Gt, 1),
                    _ => (Tok::Unknown, 0),
                },
            },
        };
        if kind == Tok::Unknown {
            let ch = text[i..].chars().next().unwrap_or('?');
            let n = ch.len_utf8();
            diagnostics.push(
                Diagnostic::error(codes::UNEXPECTED_CHARACTER, format!("unexpected character `{}`", ch.escape_debug()))
                    .primary(sp(i, i + n), "not part of the spec language"),
            );
            // Kept as a token so the parser recovers here instead of reporting a confusing follow-up error.
            tokens.push(Token { kind: Tok::Unknown, span: sp(i, i + n) });
            i += n;
            continue;
        }
        tokens.push(Token { kind, span: sp(start, start + len) });
        i += len;
    }
    tokens.push(Token { kind: Tok::Eof, span: sp(bytes.len(), bytes.len()) });
    Lexed { tokens, comments, diagnostics: diagnostics.finish() }
}

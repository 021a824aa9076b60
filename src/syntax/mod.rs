//! The front end's first stage: spec text to an AST, with every syntax error as a diagnostic.

pub mod ast;
pub mod lexer;
mod parser;
pub mod visit;

pub use ast::Ast;
pub use parser::{LiteralError, parse_byte_str, parse_char, parse_float, parse_float64, parse_int};

use crate::diag::{Diagnostic, FileId};

/// The result of parsing one file: the tree (always), the comments, and the syntax errors.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub ast: Ast,
    pub comments: Vec<lexer::Comment>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses one file. Never panics and never fails: errors are returned beside the best tree it could build.
pub fn parse(file: FileId, text: &str) -> Parsed {
    let lexed = lexer::lex(file, text);
    let mut p = parser::Parser::new(text, lexed.tokens);
    let ast = p.parse_file();
    let mut diagnostics = lexed.diagnostics;
    diagnostics.extend(p.diagnostics.finish());
    diagnostics.sort_by_key(|d| d.span().map(|s| s.start).unwrap_or(0));
    // Each list was capped; keep the first errors of both, in source order.
    Parsed { ast, comments: lexed.comments, diagnostics: crate::diag::cap(diagnostics) }
}

//! The abstract syntax tree of one `.vspec` file, exactly as written (spans everywhere, no types).

use crate::diag::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Ast {
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub kind: ItemKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ItemKind {
    Spec(SpecHeader),
    Import(Import),
    Const(ConstDecl),
    Input(InputDecl),
    Fn(FnDecl),
    Extern(ExternDecl),
    Struct(StructDecl),
    Property(PropertyDecl),
}

/// `spec NAME { key = value ... }`
#[derive(Clone, Debug, PartialEq)]
pub struct SpecHeader {
    pub name: Ident,
    pub fields: Vec<HeaderField>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HeaderField {
    pub key: Ident,
    pub value: HeaderValue,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum HeaderValue {
    Str(String, Span),
    Number(Expr),
    List(Vec<(String, Span)>, Span),
    Block(Vec<HeaderField>, Span),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    pub path: String,
    pub path_span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConstDecl {
    pub name: Ident,
    pub ty: Option<TypeExpr>,
    pub value: Expr,
}

#[derive(Clone, Debug, PartialEq)]
pub struct InputDecl {
    pub name: Ident,
    pub ty: TypeExpr,
    pub domain: Option<DomainExpr>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum DomainExpr {
    Range {
        lo: Expr,
        hi: Expr,
        inclusive: bool,
        span: Span,
    },
    Set {
        values: Vec<Expr>,
        span: Span,
    },
    /// `{ field: DOMAIN, ... }`: the domains of a record input's fields (fields not named take all values).
    Fields {
        fields: Vec<(Ident, DomainExpr)>,
        span: Span,
    },
}

impl DomainExpr {
    pub fn span(&self) -> Span {
        match self {
            DomainExpr::Range { span, .. } | DomainExpr::Set { span, .. } | DomainExpr::Fields { span, .. } => *span,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: Ident,
    pub ty: TypeExpr,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FnDecl {
    pub name: Ident,
    pub params: Vec<Param>,
    pub ret: Option<TypeExpr>,
    pub body: Block,
}

/// `extern fn NAME(P: T, ...) -> T;`: a function without a body, implemented by code bound on
/// the command line.
#[derive(Clone, Debug, PartialEq)]
pub struct ExternDecl {
    pub name: Ident,
    pub params: Vec<Param>,
    pub ret: Option<TypeExpr>,
}

/// `struct NAME { field: T, ... }`: a record type.
#[derive(Clone, Debug, PartialEq)]
pub struct StructDecl {
    pub name: Ident,
    pub fields: Vec<Param>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PropertyDecl {
    pub name: Ident,
    /// `property p(x: u32 in 0..100)`: inputs of this property alone, drawn in its own space.
    pub params: Vec<InputDecl>,
    pub body: Block,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeExpr {
    Named(Ident),
    Array {
        elem: Box<TypeExpr>,
        len: Box<Expr>,
        span: Span,
    },
    /// `(T, U, ...)`: a tuple type (two or more elements).
    Tuple {
        elems: Vec<TypeExpr>,
        span: Span,
    },
}

impl TypeExpr {
    pub fn span(&self) -> Span {
        match self {
            TypeExpr::Named(i) => i.span,
            TypeExpr::Array { span, .. } | TypeExpr::Tuple { span, .. } => *span,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    Let {
        name: Ident,
        ty: Option<TypeExpr>,
        value: Expr,
    },
    Var {
        name: Ident,
        ty: Option<TypeExpr>,
        value: Expr,
    },
    /// `let (a, b, _) = value;` (or `var`): binds each element of a tuple; `_` binds nothing.
    LetTuple {
        mutable: bool,
        names: Vec<Ident>,
        value: Expr,
    },
    /// `target = value` or `target op= value`.
    Assign {
        target: Expr,
        op: Option<BinOp>,
        value: Expr,
    },
    If {
        cond: Expr,
        then: Block,
        els: Option<Box<Stmt>>,
    },
    /// An `else { ... }` block (only as the `els` of an `If`).
    Block(Block),
    For {
        var: Ident,
        start: Expr,
        end: Expr,
        inclusive: bool,
        body: Block,
    },
    /// `while COND bound N { ... }`, or `loop bound N { ... }` (no condition): the body runs at
    /// most N times; a loop that would run once more fails the vector (`loop_bound_exceeded`).
    While {
        cond: Option<Expr>,
        bound: Expr,
        body: Block,
    },
    /// `break;`: leaves the innermost loop.
    Break,
    /// `continue;`: goes on with the innermost loop's next iteration.
    Continue,
    Assert {
        cond: Expr,
        message: Option<(String, Span)>,
    },
    Assume {
        cond: Expr,
        message: Option<(String, Span)>,
    },
    Cover {
        cond: Expr,
        label: Option<(String, Span)>,
    },
    Return(Expr),
    /// An expression used as a statement (always an error: the language is pure).
    Expr(Expr),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
}

impl BinOp {
    /// Every binary operator, in declaration order.
    pub const ALL: [BinOp; 18] = [
        BinOp::Add,
        BinOp::Sub,
        BinOp::Mul,
        BinOp::Div,
        BinOp::Rem,
        BinOp::BitAnd,
        BinOp::BitOr,
        BinOp::BitXor,
        BinOp::Shl,
        BinOp::Shr,
        BinOp::Eq,
        BinOp::Ne,
        BinOp::Lt,
        BinOp::Le,
        BinOp::Gt,
        BinOp::Ge,
        BinOp::And,
        BinOp::Or,
    ];

    pub fn symbol(self) -> &'static str {
        use BinOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            Div => "/",
            Rem => "%",
            BitAnd => "&",
            BitOr => "|",
            BitXor => "^",
            Shl => "<<",
            Shr => ">>",
            Eq => "==",
            Ne => "!=",
            Lt => "<",
            Le => "<=",
            Gt => ">",
            Ge => ">=",
            And => "&&",
            Or => "||",
        }
    }
    /// Binding strength: higher binds tighter (Rust's order).
    pub fn precedence(self) -> u8 {
        use BinOp::*;
        match self {
            Or => 1,
            And => 2,
            Eq | Ne | Lt | Le | Gt | Ge => 3,
            BitOr => 4,
            BitXor => 5,
            BitAnd => 6,
            Shl | Shr => 7,
            Add | Sub => 8,
            Mul | Div | Rem => 9,
        }
    }
    pub fn is_comparison(self) -> bool {
        matches!(self, BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    Neg,
    Not,
    BitNot,
}

impl UnOp {
    pub fn symbol(self) -> &'static str {
        match self {
            UnOp::Neg => "-",
            UnOp::Not => "!",
            UnOp::BitNot => "~",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

/// A float literal's value as an `f32` (`None` when it is too large for one) and as an `f64`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FloatLit {
    pub single: Option<f32>,
    pub double: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// An integer literal's value (up to u64) and its spelling.
    Int(u64),
    /// A float literal, rounded once from its text to each float type (typed `f32` unless its
    /// context wants `f64`).
    Float(FloatLit),
    /// `'A'`: a Unicode code point, typed `u32`.
    Char(u32),
    /// `b"ABC"`: an array of byte values, each an integer literal typed by context.
    Bytes(Vec<u8>),
    /// `u32::MAX`, `f32::EPSILON`: a named limit of a scalar type.
    TypeConst(Ident, Ident),
    Bool(bool),
    Name(String),
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Cast(Box<Expr>, TypeExpr),
    Call(Ident, Vec<Expr>),
    Index(Box<Expr>, Box<Expr>),
    Paren(Box<Expr>),
    /// `[a, b, c]`
    Array(Vec<Expr>),
    /// `[value; len]`
    Repeat(Box<Expr>, Box<Expr>),
    /// `(a, b, ...)`: a tuple (two or more elements).
    Tuple(Vec<Expr>),
    /// `value.field`, or `value.0` on a tuple.
    Field(Box<Expr>, Ident),
    /// `Name { field: value, ... }` (`Name { x }` is `Name { x: x }`).
    Struct(Ident, Vec<(Ident, Expr)>),
    /// Produced by error recovery; never reaches the type checker without an error reported.
    Error,
}

//! A typed model of the WGSL that vecrun generates, printed through `Display`. Code generation
//! builds these values; nothing else assembles shader text.

use std::fmt::{self, Display, Formatter};

/// A WGSL type.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    Bool,
    U32,
    I32,
    F32,
    Vec2U32,
    Vec4U32,
    Array(Box<Ty>, u32),
    Atomic(Box<Ty>),
    /// A runtime-sized array (storage buffers).
    RuntimeArray(Box<Ty>),
    Named(String),
    /// `ptr<function, T>`.
    PtrFunction(Box<Ty>),
}

impl Display for Ty {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Bool => f.write_str("bool"),
            Ty::U32 => f.write_str("u32"),
            Ty::I32 => f.write_str("i32"),
            Ty::F32 => f.write_str("f32"),
            Ty::Vec2U32 => f.write_str("vec2<u32>"),
            Ty::Vec4U32 => f.write_str("vec4<u32>"),
            Ty::Array(t, n) => write!(f, "array<{t}, {n}>"),
            Ty::Atomic(t) => write!(f, "atomic<{t}>"),
            Ty::RuntimeArray(t) => write!(f, "array<{t}>"),
            Ty::Named(n) => f.write_str(n),
            Ty::PtrFunction(t) => write!(f, "ptr<function, {t}>"),
        }
    }
}

/// A WGSL expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Ident(String),
    U32(u32),
    I32(i32),
    /// An f32 given by its bits, printed as an exact `bitcast<f32>(0x...u)`.
    F32Bits(u32),
    Bool(bool),
    Binary(&'static str, Box<Expr>, Box<Expr>),
    Unary(&'static str, Box<Expr>),
    Call(String, Vec<Expr>),
    Index(Box<Expr>, Box<Expr>),
    Field(Box<Expr>, &'static str),
    Bitcast(Ty, Box<Expr>),
    /// `T(args)`: a conversion or constructor.
    Construct(Ty, Vec<Expr>),
    /// `*p`
    Deref(Box<Expr>),
    /// `&x`
    AddrOf(Box<Expr>),
}

impl Expr {
    pub fn ident(s: impl Into<String>) -> Expr {
        Expr::Ident(s.into())
    }
    pub fn bin(op: &'static str, a: Expr, b: Expr) -> Expr {
        Expr::Binary(op, Box::new(a), Box::new(b))
    }
    pub fn un(op: &'static str, a: Expr) -> Expr {
        Expr::Unary(op, Box::new(a))
    }
    pub fn call(name: impl Into<String>, args: Vec<Expr>) -> Expr {
        Expr::Call(name.into(), args)
    }
    pub fn index(a: Expr, i: Expr) -> Expr {
        Expr::Index(Box::new(a), Box::new(i))
    }
    pub fn field(a: Expr, name: &'static str) -> Expr {
        Expr::Field(Box::new(a), name)
    }
    pub fn bitcast(t: Ty, a: Expr) -> Expr {
        Expr::Bitcast(t, Box::new(a))
    }
    pub fn construct(t: Ty, args: Vec<Expr>) -> Expr {
        Expr::Construct(t, args)
    }
    pub fn deref(a: Expr) -> Expr {
        Expr::Deref(Box::new(a))
    }
    pub fn addr(a: Expr) -> Expr {
        Expr::AddrOf(Box::new(a))
    }
}

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Ident(s) => f.write_str(s),
            Expr::U32(v) => write!(f, "{v}u"),
            Expr::I32(v) => {
                if *v == i32::MIN {
                    f.write_str("i32(-2147483647 - 1)")
                } else if *v < 0 {
                    write!(f, "({v}i)")
                } else {
                    write!(f, "{v}i")
                }
            }
            Expr::F32Bits(b) => write!(f, "bitcast<f32>(0x{b:08X}u)"),
            Expr::Bool(b) => write!(f, "{b}"),
            Expr::Binary(op, a, b) => write!(f, "({a} {op} {b})"),
            Expr::Unary(op, a) => write!(f, "({op}{a})"),
            Expr::Call(name, args) => {
                write!(f, "{name}(")?;
                comma(f, args)?;
                f.write_str(")")
            }
            Expr::Index(a, i) => write!(f, "{a}[{i}]"),
            Expr::Field(a, n) => write!(f, "{a}.{n}"),
            Expr::Bitcast(t, a) => write!(f, "bitcast<{t}>({a})"),
            Expr::Construct(t, args) => {
                write!(f, "{t}(")?;
                comma(f, args)?;
                f.write_str(")")
            }
            Expr::Deref(a) => write!(f, "(*{a})"),
            Expr::AddrOf(a) => write!(f, "(&{a})"),
        }
    }
}

fn comma(f: &mut Formatter<'_>, args: &[Expr]) -> fmt::Result {
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{a}")?;
    }
    Ok(())
}

/// A WGSL statement.
#[derive(Clone, Debug, PartialEq)]
pub enum Stmt {
    Let(String, Ty, Expr),
    Var(String, Ty, Option<Expr>),
    Assign(Expr, Expr),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    /// `for (var v: T = start; v < end; v = v + 1)`
    For {
        var: String,
        ty: Ty,
        start: Expr,
        end: Expr,
        body: Vec<Stmt>,
    },
    /// `for (; v < end; v = v + 1u)` over a `u32` variable declared before it (its value after
    /// the loop says whether every trip ran).
    While {
        var: String,
        end: Expr,
        body: Vec<Stmt>,
    },
    /// `for (var mask_var: u32 = mask; mask_var != 0u; mask_var = mask_var & (mask_var - 1u)) { let
    /// bit: u32 = countTrailingZeros(mask_var); ... }`: once per set bit of a `u32`, lowest first.
    ForEachBit {
        mask_var: String,
        mask: Expr,
        bit: String,
        body: Vec<Stmt>,
    },
    /// `{ ... }`: a scope of its own.
    Block(Vec<Stmt>),
    Return(Option<Expr>),
    Break,
    /// A call whose result is not used.
    Call(Expr),
    Comment(String),
}

/// A function, optionally with attributes such as `@compute @workgroup_size(64)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    pub attributes: Vec<String>,
    pub name: String,
    /// Parameters with optional attributes (e.g. `@builtin(global_invocation_id)`).
    pub params: Vec<(Option<String>, String, Ty)>,
    pub ret: Option<Ty>,
    pub body: Vec<Stmt>,
}

/// A module-scope declaration.
#[derive(Clone, Debug, PartialEq)]
pub enum Global {
    Struct {
        name: String,
        fields: Vec<(String, Ty)>,
    },
    /// `@group(g) @binding(b) var<space> name: T;`
    Binding {
        group: u32,
        binding: u32,
        space: &'static str,
        name: String,
        ty: Ty,
    },
    /// `var<workgroup> name: T;`
    Workgroup {
        name: String,
        ty: Ty,
    },
    Const {
        name: String,
        ty: Ty,
        value: ConstValue,
    },
    /// `override name: T = default;` (a pipeline-overridable constant).
    Override {
        name: String,
        ty: Ty,
        default: Expr,
    },
}

/// A constant's value.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    Scalar(Expr),
    U32Array(Vec<u32>),
}

/// A whole shader: the hand-written library followed by generated declarations and functions.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    pub header: Vec<String>,
    pub library: Vec<(&'static str, &'static str)>,
    pub globals: Vec<Global>,
    pub functions: Vec<Function>,
}

impl Display for Module {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for h in &self.header {
            writeln!(f, "// {h}")?;
        }
        for (name, text) in &self.library {
            writeln!(f, "\n// ---- library: shaders/{name} ----")?;
            f.write_str(text)?;
        }
        writeln!(f, "\n// ---- generated ----")?;
        for g in &self.globals {
            match g {
                Global::Struct { name, fields } => {
                    writeln!(f, "struct {name} {{")?;
                    for (n, t) in fields {
                        writeln!(f, "    {n}: {t},")?;
                    }
                    writeln!(f, "}}")?;
                }
                Global::Binding { group, binding, space, name, ty } => {
                    writeln!(f, "@group({group}) @binding({binding}) var<{space}> {name}: {ty};")?;
                }
                Global::Workgroup { name, ty } => writeln!(f, "var<workgroup> {name}: {ty};")?,
                Global::Override { name, ty, default } => writeln!(f, "override {name}: {ty} = {default};")?,
                Global::Const { name, ty, value } => match value {
                    ConstValue::Scalar(e) => writeln!(f, "const {name}: {ty} = {e};")?,
                    ConstValue::U32Array(v) => {
                        write!(f, "const {name}: {ty} = {ty}(")?;
                        for (i, x) in v.iter().enumerate() {
                            if i > 0 {
                                f.write_str(", ")?;
                            }
                            write!(f, "{x}u")?;
                        }
                        writeln!(f, ");")?;
                    }
                },
            }
        }
        for func in &self.functions {
            writeln!(f)?;
            write!(f, "{func}")?;
        }
        Ok(())
    }
}

impl Display for Function {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for a in &self.attributes {
            writeln!(f, "{a}")?;
        }
        write!(f, "fn {}(", self.name)?;
        for (i, (attr, n, t)) in self.params.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            if let Some(a) = attr {
                write!(f, "{a} ")?;
            }
            write!(f, "{n}: {t}")?;
        }
        f.write_str(")")?;
        if let Some(r) = &self.ret {
            write!(f, " -> {r}")?;
        }
        f.write_str(" {\n")?;
        block(f, &self.body, 1)?;
        f.write_str("}\n")
    }
}

fn pad(f: &mut Formatter<'_>, depth: usize) -> fmt::Result {
    for _ in 0..depth {
        f.write_str("    ")?;
    }
    Ok(())
}

fn block(f: &mut Formatter<'_>, stmts: &[Stmt], depth: usize) -> fmt::Result {
    for s in stmts {
        pad(f, depth)?;
        match s {
            Stmt::Let(n, t, e) => writeln!(f, "let {n}: {t} = {e};")?,
            Stmt::Var(n, t, None) => writeln!(f, "var {n}: {t};")?,
            Stmt::Var(n, t, Some(e)) => writeln!(f, "var {n}: {t} = {e};")?,
            Stmt::Assign(l, r) => writeln!(f, "{l} = {r};")?,
            Stmt::If(c, t, e) => {
                writeln!(f, "if ({c}) {{")?;
                block(f, t, depth + 1)?;
                pad(f, depth)?;
                if e.is_empty() {
                    writeln!(f, "}}")?;
                } else {
                    writeln!(f, "}} else {{")?;
                    block(f, e, depth + 1)?;
                    pad(f, depth)?;
                    writeln!(f, "}}")?;
                }
            }
            Stmt::For { var, ty, start, end, body } => {
                writeln!(
                    f,
                    "for (var {var}: {ty} = {start}; {var} < {end}; {var} = {var} + {}) {{",
                    match ty {
                        Ty::I32 => "1i",
                        _ => "1u",
                    }
                )?;
                block(f, body, depth + 1)?;
                pad(f, depth)?;
                writeln!(f, "}}")?;
            }
            Stmt::While { var, end, body } => {
                writeln!(f, "for (; {var} < {end}; {var} = {var} + 1u) {{")?;
                block(f, body, depth + 1)?;
                pad(f, depth)?;
                writeln!(f, "}}")?;
            }
            Stmt::ForEachBit { mask_var: m, mask, bit, body } => {
                writeln!(f, "for (var {m}: u32 = {mask}; {m} != 0u; {m} = {m} & ({m} - 1u)) {{")?;
                pad(f, depth + 1)?;
                writeln!(f, "let {bit}: u32 = countTrailingZeros({m});")?;
                block(f, body, depth + 1)?;
                pad(f, depth)?;
                writeln!(f, "}}")?;
            }
            Stmt::Block(body) => {
                writeln!(f, "{{")?;
                block(f, body, depth + 1)?;
                pad(f, depth)?;
                writeln!(f, "}}")?;
            }
            Stmt::Return(None) => writeln!(f, "return;")?,
            Stmt::Return(Some(e)) => writeln!(f, "return {e};")?,
            Stmt::Break => writeln!(f, "break;")?,
            Stmt::Call(e) => writeln!(f, "{e};")?,
            Stmt::Comment(c) => writeln!(f, "// {c}")?,
        }
    }
    Ok(())
}

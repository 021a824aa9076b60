//! The typed spec: names resolved, every expression typed, constants evaluated, domains built.
//! This is what the front end hands to lowering.

use std::fmt;

use crate::diag::{SourceMap, Span};
use crate::r#gen::domain::Domain;
use crate::sem::{Builtin, ScalarType};
use crate::syntax::ast::{BinOp, UnOp};

/// A value type: a scalar, a fixed-size array of scalars, or a record (a `struct` or a tuple,
/// described in [`TypedSpec::records`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Type {
    Scalar(ScalarType),
    Array(ScalarType, u32),
    Record(RecordId),
    /// `[R; N]`: `N` records of one type (whose fields are scalars or records of scalars).
    RecordArray(RecordId, u32),
}

impl Type {
    pub const BOOL: Type = Type::Scalar(ScalarType::Bool);
    pub const U32: Type = Type::Scalar(ScalarType::U32);
    pub const I32: Type = Type::Scalar(ScalarType::I32);
    pub const F32: Type = Type::Scalar(ScalarType::F32);
    pub const U64: Type = Type::Scalar(ScalarType::U64);
    pub const F64: Type = Type::Scalar(ScalarType::F64);
    /// The type as the IR holds it: a narrow integer (or an array of them) as its 32-bit carrier.
    pub fn carrier(self) -> Type {
        match self {
            Type::Scalar(s) => Type::Scalar(s.carrier()),
            Type::Array(s, n) => Type::Array(s.carrier(), n),
            other => other,
        }
    }
    pub fn scalar(self) -> Option<ScalarType> {
        match self {
            Type::Scalar(s) => Some(s),
            Type::Array(..) | Type::Record(_) | Type::RecordArray(..) => None,
        }
    }
    /// The scalar type itself, or the element type of an array (`bool` for a record, which has
    /// no single element type: callers match records first).
    pub fn elem(self) -> ScalarType {
        match self {
            Type::Scalar(s) | Type::Array(s, _) => s,
            Type::Record(_) | Type::RecordArray(..) => ScalarType::Bool,
        }
    }
    /// Number of 32-bit slots of a scalar or an array (a record's are [`Records::slots`]; a 64-bit
    /// scalar takes two, as the IR holds it).
    pub fn slots(self) -> u32 {
        match self {
            Type::Scalar(s) => s.words(),
            Type::Array(s, n) => n.saturating_mul(s.words()),
            Type::Record(_) | Type::RecordArray(..) => 0,
        }
    }
    /// A struct or tuple, or an array of them: a type only the front end and lowering see.
    pub fn is_record(self) -> bool {
        matches!(self, Type::Record(_) | Type::RecordArray(..))
    }
    /// The number of elements of an array of scalars or of records.
    pub fn array_len(self) -> Option<u32> {
        match self {
            Type::Array(_, n) | Type::RecordArray(_, n) => Some(n),
            _ => None,
        }
    }
}

impl fmt::Display for Type {
    /// Scalars and arrays as written; a record by its number (diagnostics name records through
    /// [`Records::name`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Scalar(s) => write!(f, "{s}"),
            Type::Array(s, n) => write!(f, "[{s}; {n}]"),
            Type::Record(r) => write!(f, "record #{}", r.0),
            Type::RecordArray(r, n) => write!(f, "[record #{}; {n}]", r.0),
        }
    }
}

/// Indexes [`TypedSpec::records`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct RecordId(pub u32);

/// A record type: a `struct` (named fields) or a tuple (no name; fields `0`, `1`, ...).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RecordType {
    /// The struct's name; `None` for a tuple.
    pub name: Option<String>,
    /// Field names and types, in declaration order.
    pub fields: Vec<(String, Type)>,
}

/// The record types of a spec, interned: every struct once, every tuple type once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Records(pub Vec<RecordType>);

impl Records {
    pub fn get(&self, r: RecordId) -> &RecordType {
        &self.0[r.0 as usize]
    }
    /// The tuple type of these element types (interned).
    pub fn tuple(&mut self, elems: &[Type]) -> RecordId {
        let fields: Vec<(String, Type)> = elems.iter().enumerate().map(|(i, t)| (i.to_string(), *t)).collect();
        self.intern(RecordType { name: None, fields })
    }
    pub fn intern(&mut self, r: RecordType) -> RecordId {
        if let Some(i) = self.0.iter().position(|x| *x == r) {
            return RecordId(i as u32);
        }
        self.0.push(r);
        RecordId(self.0.len() as u32 - 1)
    }
    /// A type as the user writes it: `u32`, `[f32; 4]`, `Date`, `(u32, Date)`.
    pub fn name(&self, t: Type) -> String {
        match t {
            Type::Record(r) => {
                let rec = self.get(r);
                match &rec.name {
                    Some(n) => n.clone(),
                    None => format!("({})", rec.fields.iter().map(|(_, t)| self.name(*t)).collect::<Vec<_>>().join(", ")),
                }
            }
            Type::RecordArray(r, n) => format!("[{}; {n}]", self.name(Type::Record(r))),
            t => t.to_string(),
        }
    }
    /// Number of scalar slots of any type.
    pub fn slots(&self, t: Type) -> u64 {
        match t {
            Type::Record(r) => self.get(r).fields.iter().map(|(_, t)| self.slots(*t)).sum(),
            Type::RecordArray(r, n) => n as u64 * self.slots(Type::Record(r)),
            t => t.slots() as u64,
        }
    }
    /// Whether a record (and every record in it) has only scalar and record fields: what an array
    /// of records may hold (an array field would make an array of arrays).
    pub fn scalar_leaves(&self, r: RecordId) -> bool {
        self.get(r).fields.iter().all(|(_, t)| match t {
            Type::Scalar(_) => true,
            Type::Record(q) => self.scalar_leaves(*q),
            _ => false,
        })
    }
    /// The scalar leaves of a type in order (an array's elements one by one), with their paths
    /// (`year`, `0.1`, `bytes[2]`).
    pub fn leaves(&self, t: Type, prefix: &str, out: &mut Vec<(String, ScalarType)>) {
        match t {
            Type::Scalar(s) => out.push((prefix.to_string(), s)),
            Type::Array(s, n) => out.extend((0..n).map(|k| (format!("{prefix}[{k}]"), s))),
            Type::Record(r) => {
                for (f, ft) in &self.get(r).fields {
                    let p = if prefix.is_empty() { f.clone() } else { format!("{prefix}.{f}") };
                    self.leaves(*ft, &p, out);
                }
            }
            Type::RecordArray(r, n) => {
                for k in 0..n {
                    self.leaves(Type::Record(r), &format!("{prefix}[{k}]"), out);
                }
            }
        }
    }
}

/// A compile-time value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    /// A scalar's bit pattern: a 32-bit type's in the low word (zero-extended), a 64-bit type's
    /// whole.
    Scalar(ScalarType, u64),
    Array(ScalarType, Vec<u64>),
    /// A struct or tuple value: its fields in declaration order.
    Record(RecordId, Vec<Value>),
    /// An array of records: its elements (each a [`Value::Record`]).
    RecordArray(RecordId, Vec<Value>),
}

impl Value {
    /// A scalar or array value of type `ty` from its scalar bit patterns (one for a scalar, one
    /// per element). Inputs and extern fns, its callers, never have record types.
    pub fn from_bits(ty: Type, bits: &[u32]) -> Value {
        Value::from_leaves(ty, bits, &Records::default())
    }
    /// A value of type `ty` from its scalar leaves in order (a record's fields flattened).
    pub fn from_leaves(ty: Type, bits: &[u32], records: &Records) -> Value {
        match ty {
            Type::Scalar(s) if s.is_wide() => Value::Scalar(s, join(bits.first().copied(), bits.get(1).copied())),
            Type::Scalar(s) => Value::Scalar(s, bits.first().copied().unwrap_or(0) as u64),
            Type::Array(s, n) if s.is_wide() => {
                Value::Array(s, (0..n as usize).map(|k| join(bits.get(2 * k).copied(), bits.get(2 * k + 1).copied())).collect())
            }
            Type::Array(s, _) => Value::Array(s, bits.iter().map(|b| *b as u64).collect()),
            Type::Record(r) if (r.0 as usize) < records.0.len() => {
                let mut at = 0usize;
                let fields = records
                    .get(r)
                    .fields
                    .iter()
                    .map(|(_, ft)| {
                        let n = records.slots(*ft) as usize;
                        let v = Value::from_leaves(*ft, bits.get(at..at + n).unwrap_or(&[]), records);
                        at += n;
                        v
                    })
                    .collect();
                Value::Record(r, fields)
            }
            Type::Record(r) => Value::Record(r, Vec::new()),
            Type::RecordArray(r, n) => {
                let each = records.slots(Type::Record(r)) as usize;
                let elems = (0..n as usize)
                    .map(|k| Value::from_leaves(Type::Record(r), bits.get(k * each..(k + 1) * each).unwrap_or(&[]), records))
                    .collect();
                Value::RecordArray(r, elems)
            }
        }
    }
    pub fn ty(&self) -> Type {
        match self {
            Value::Scalar(s, _) => Type::Scalar(*s),
            Value::Array(s, v) => Type::Array(*s, v.len() as u32),
            Value::Record(r, _) => Type::Record(*r),
            Value::RecordArray(r, v) => Type::RecordArray(*r, v.len() as u32),
        }
    }
    /// The scalar bit patterns of the value, in order (an array's elements, a record's leaves; a
    /// 64-bit scalar as two words, low then high, as the IR holds it).
    pub fn bits(&self) -> Vec<u32> {
        let mut out = Vec::new();
        self.push_bits(&mut out);
        out
    }
    fn push_bits(&self, out: &mut Vec<u32>) {
        match self {
            Value::Scalar(s, b) => push_scalar(*s, *b, out),
            Value::Array(s, v) => v.iter().for_each(|b| push_scalar(*s, *b, out)),
            Value::Record(_, fields) | Value::RecordArray(_, fields) => fields.iter().for_each(|f| f.push_bits(out)),
        }
    }
}

/// A 64-bit pattern from its words (a missing word is 0).
fn join(lo: Option<u32>, hi: Option<u32>) -> u64 {
    lo.unwrap_or(0) as u64 | (hi.unwrap_or(0) as u64) << 32
}

/// A scalar's words: one for a 32-bit type, low and high for a 64-bit one.
fn push_scalar(s: ScalarType, b: u64, out: &mut Vec<u32>) {
    out.push(b as u32);
    if s.is_wide() {
        out.push((b >> 32) as u32);
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        /// `open item, item, ... close`.
        fn list<T: fmt::Display>(f: &mut fmt::Formatter<'_>, open: &str, items: impl Iterator<Item = T>, close: &str) -> fmt::Result {
            f.write_str(open)?;
            for (i, x) in items.enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{x}")?;
            }
            f.write_str(close)
        }
        match self {
            Value::Scalar(s, b) => f.write_str(&s.display_wide(*b)),
            Value::Array(s, v) => list(f, "[", v.iter().map(|b| s.display_wide(*b)), "]"),
            Value::RecordArray(_, elems) => list(f, "[", elems.iter(), "]"),
            // Field names live in the spec's records; the values alone read like a tuple.
            Value::Record(_, fields) => list(f, "(", fields.iter(), ")"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InputId(pub u32);
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FnId(pub u32);
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalId(pub u32);
/// Indexes [`TypedSpec::externs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExternId(pub u32);

/// An `extern fn`: a signature whose implementation is bound when the spec runs (`--impl`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExternFn {
    pub name: String,
    /// Parameter names and types, in order.
    pub params: Vec<(String, Type)>,
    pub ret: Type,
    /// `file:line:col` of the declaration.
    pub location: String,
}

/// The steering header (`spec NAME { ... }`).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Header {
    pub name: String,
    pub version: Option<String>,
    pub owner: Option<String>,
    pub status: Option<String>,
    pub tags: Vec<String>,
    pub budget: Budget,
}

/// Budget limits from the header; every field optional.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Budget {
    pub vectors: Option<u64>,
    pub seconds: Option<f64>,
    pub usd: Option<f64>,
    pub usd_per_hour: Option<f64>,
}

#[derive(Clone, Debug)]
pub struct Input {
    pub name: String,
    pub ty: Type,
    /// The domain of each scalar slot (all elements of an array share it).
    pub domain: Domain,
    /// The domain as written, e.g. `1..=10000` or `all` when none was given.
    pub domain_text: String,
    pub span: Span,
    /// The property whose own input this is (`property p(x: u32)`: input `p.x`, owned by `p`);
    /// `None` for a spec-wide input.
    pub owner: Option<String>,
}

#[derive(Clone, Debug)]
pub struct ConstItem {
    pub name: String,
    pub value: Value,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Local {
    pub name: String,
    pub ty: Type,
    pub mutable: bool,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Function {
    pub name: String,
    pub params: Vec<LocalId>,
    pub ret: Type,
    pub body: Block,
    pub locals: Vec<Local>,
    pub span: Span,
}

/// Where an `assert`, `assume` or `cover` is, and what it says.
#[derive(Clone, Debug)]
pub struct Site {
    pub message: Option<String>,
    /// The condition's source text.
    pub text: String,
    pub span: Span,
    /// `file:line:col`.
    pub location: String,
}

#[derive(Clone, Debug)]
pub struct Property {
    pub name: String,
    pub body: Block,
    pub locals: Vec<Local>,
    pub asserts: Vec<Site>,
    pub assumes: Vec<Site>,
    pub covers: Vec<Site>,
    pub span: Span,
}

pub type Block = Vec<Stmt>;

#[derive(Clone, Debug)]
pub enum Stmt {
    /// `let` / `var`: defines a local.
    Let {
        local: LocalId,
        value: Expr,
    },
    /// `local = value`, `local[index] = value`, `local.f.g = value`, `local.f[index] = value` or
    /// `local.f[index].g = value`: `fields` is the path of field positions from the local to the
    /// indexed array (or to the assigned part when there is no index).
    Assign {
        local: LocalId,
        fields: Vec<u32>,
        index: Option<Expr>,
        /// Fields after the index, into an element of an array of records (`pts[i].x = v`).
        after: Vec<u32>,
        value: Expr,
    },
    If {
        cond: Expr,
        then: Block,
        els: Block,
    },
    /// `for local in start..end` (end exclusive, both constant).
    For {
        local: LocalId,
        start: i64,
        end: i64,
        body: Block,
    },
    /// `while cond bound N { body }` (`cond` is `None` for `loop bound N`): the body runs while
    /// `cond` holds, at most `bound` times; a loop still running after `bound` iterations (its
    /// condition true once more, or a `loop` not left by `break`) fails the vector with
    /// `loop_bound_exceeded`. `span` is the loop's head (`while cond bound N`).
    While {
        cond: Option<Expr>,
        bound: u32,
        body: Block,
        span: Span,
    },
    /// Leaves the innermost loop.
    Break,
    /// Goes on with the next iteration of the innermost loop.
    Continue,
    Assert {
        id: u32,
        cond: Expr,
    },
    Assume {
        id: u32,
        cond: Expr,
    },
    Cover {
        id: u32,
        cond: Expr,
    },
    Return(Expr),
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub ty: Type,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Const(Value),
    Input(InputId),
    Local(LocalId),
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Cast(Box<Expr>, ScalarType),
    Call(FnId, Vec<Expr>),
    /// A call of an `extern fn` (evaluated by its bound implementation).
    ExternCall(ExternId, Vec<Expr>),
    Builtin(Builtin, Vec<Expr>),
    Index(Box<Expr>, Box<Expr>),
    Array(Vec<Expr>),
    /// A struct or tuple value: its fields in declaration order. With a [`Type::RecordArray`] type
    /// (an input of that type), the fields are arrays: field `f` of element `k` is `fields[f][k]`.
    Record(Vec<Expr>),
    /// Field number `.1` of a record.
    Field(Box<Expr>, u32),
}

/// A spec hash: blake3 of the canonical form of the typed spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SpecHash(pub [u8; 32]);

impl SpecHash {
    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
    pub fn short(&self) -> String {
        self.hex()[..8].to_string()
    }
}

/// A type-checked spec with its sources: everything later stages need.
#[derive(Clone, Debug)]
pub struct TypedSpec {
    pub header: Header,
    pub sources: SourceMap,
    pub inputs: Vec<Input>,
    pub consts: Vec<ConstItem>,
    pub functions: Vec<Function>,
    pub externs: Vec<ExternFn>,
    pub properties: Vec<Property>,
    /// Every struct and tuple type the spec uses.
    pub records: Records,
    pub hash: SpecHash,
    /// Hash of the input declarations alone (names, types, domains): keys the generator.
    pub input_hash: [u8; 32],
}

impl TypedSpec {
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }
}

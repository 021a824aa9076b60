//! The IR both backends execute: per property, a structured list of instructions over typed
//! scalar values (SSA, scoped by structure) and mutable variables, with functions inlined and
//! constants folded. Every operator means what [`crate::sem`] and `docs/semantics.md` say.

mod arena;
mod dump;
mod lower;
mod validate;

pub use arena::{Arena, Handle};
pub use lower::{input_slot_domains, lower};
pub use validate::{InstPath, PropertyError, SiteKind, ValidationError, validate};

use crate::check::{ExternFn, Site, Type};
use crate::r#gen::domain::Domain;
use crate::sem::wide::F64Op;
use crate::sem::{Builtin, ScalarType};
use crate::syntax::ast::{BinOp, UnOp};

arena::handle! {
    /// An SSA scalar value, defined once by an [`Inst::Let`]; indexes [`PropertyIr::vals`].
    /// Displayed as `%N`.
    Val
}

arena::handle! {
    /// A mutable variable: a scalar or an array; indexes [`PropertyIr::vars`]. Displayed as `@N`.
    VarId
}

/// An input as the backends see it: its scalar slots are `first_slot .. first_slot + ty.slots()`.
#[derive(Clone, Debug)]
pub struct InputIr {
    pub name: String,
    pub ty: Type,
    pub domain: Domain,
    pub first_slot: u32,
    /// The property this input belongs to (`property p(x: u32)`), `None` for a spec-wide input.
    pub owner: Option<String>,
}

#[derive(Clone, Debug)]
pub struct VarDecl {
    pub name: String,
    pub ty: Type,
}

/// The whole program: inputs (flattened to scalar slots) and the properties.
#[derive(Clone, Debug)]
pub struct Program {
    pub inputs: Vec<InputIr>,
    /// Domain of every scalar slot, in slot order (what the generator draws).
    pub slots: Vec<Domain>,
    pub properties: Vec<PropertyIr>,
    /// The spec's `extern fn`s; [`Inst::Extern`] indexes them.
    pub externs: Vec<ExternFn>,
}

impl Program {
    /// `slots` with the slots of other properties' own inputs set to 0, as property `property`'s
    /// vectors have them (a vector found for the whole program, e.g. by the solver, stored as that
    /// property's).
    pub fn own_slots(&self, property: usize, slots: &[u32]) -> Vec<u32> {
        let name = &self.properties[property].name;
        let mut out = slots.to_vec();
        for i in self.inputs.iter().filter(|i| i.owner.as_ref().is_some_and(|o| o != name)) {
            let first = i.first_slot as usize;
            let end = (first + i.ty.slots() as usize).min(out.len());
            out[first.min(end)..end].fill(0);
        }
        out
    }

    /// Whether a property reads slot `slot` of the generator: every spec-wide input's, and its own
    /// inputs' (`property p(x: u32)`); another property's own inputs are never its.
    pub fn slot_of_property(&self, slot: u32, property: &str) -> bool {
        let i = self.inputs.iter().rev().find(|i| i.first_slot <= slot).expect("slot belongs to an input");
        i.owner.as_deref().is_none_or(|o| o == property)
    }

    /// Whether a slot holds a word of an `f64` input.
    pub fn f64_slot(&self, slot: u32) -> bool {
        self.inputs.iter().rev().find(|i| i.first_slot <= slot).is_some_and(|i| i.ty.elem() == ScalarType::F64)
    }

    /// The declared scalar type of a slot's input (a 64-bit input's words are each `u32` here: the IR
    /// reads them as two `u32` values).
    pub fn slot_type(&self, slot: u32) -> ScalarType {
        let i = self.inputs.iter().rev().find(|i| i.first_slot <= slot).expect("slot belongs to an input");
        if i.ty.elem().is_wide() { ScalarType::U32 } else { i.ty.elem() }
    }
}

/// One property, ready to run.
#[derive(Clone, Debug)]
pub struct PropertyIr {
    pub name: String,
    pub asserts: Vec<Site>,
    pub assumes: Vec<Site>,
    pub covers: Vec<Site>,
    /// Places where an index is checked (for "index out of bounds" reports).
    pub bounds_sites: Vec<Site>,
    /// Loops whose bound a vector can exceed (`while`, `loop`), by head: [`Inst::LoopBound`]'s `site`.
    pub loop_sites: Vec<Site>,
    /// Every call of an `extern fn` ([`Inst::Extern`]'s `site`), in program order.
    pub extern_sites: Vec<ExternSite>,
    pub vars: Arena<VarId, VarDecl>,
    /// Type of every [`Val`].
    pub vals: Arena<Val, ScalarType>,
    pub body: Vec<Inst>,
}

impl PropertyIr {
    pub fn val_type(&self, v: Val) -> ScalarType {
        self.vals[v]
    }
    /// Whether the property calls an implementation (it then runs where implementations run: the CPU).
    pub fn calls_extern(&self) -> bool {
        !self.extern_sites.is_empty()
    }
    /// Whether the property computes with `f64` ([`Op::Float64`]) or reads a slot for which
    /// `f64_slot` holds (an `f64` input's: [`Program::f64_slots`]): what a shader cannot do.
    pub fn uses_f64(&self, f64_slot: &dyn Fn(u32) -> bool) -> bool {
        fn any(body: &[Inst], f64_slot: &dyn Fn(u32) -> bool) -> bool {
            body.iter().any(|i| match i {
                Inst::Let(_, Op::Float64 { .. }) => true,
                Inst::Let(_, Op::Input(s) | Op::InputElem { first_slot: s, .. }) => f64_slot(*s),
                Inst::CopyArray { src: ArrayRef::Input { first_slot, .. }, .. } => f64_slot(*first_slot),
                Inst::If { then, els, .. } => any(then, f64_slot) || any(els, f64_slot),
                Inst::For { body, .. } => any(body, f64_slot),
                _ => false,
            })
        }
        any(&self.body, f64_slot)
    }
}

/// One call of an `extern fn` in a property (a call inside a function counts once per inlining).
#[derive(Clone, Debug)]
pub struct ExternSite {
    /// Index into [`Program::externs`].
    pub func: u32,
    /// The call as written and where.
    pub site: Site,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Inst {
    /// `let v = op;`
    Let(Val, Op),
    /// `var = value` (scalar variable).
    Set(VarId, Val),
    /// `var[index] = value`; `index` has passed a [`Inst::BoundsCheck`].
    SetElem(VarId, Val, Val),
    /// Copies a whole array into an array variable.
    CopyArray {
        dst: VarId,
        src: ArrayRef,
    },
    If {
        cond: Val,
        then: Vec<Inst>,
        els: Vec<Inst>,
    },
    /// `for var in start..end` with constant bounds; `var` is a scalar variable of `ty`.
    For {
        var: VarId,
        start: i64,
        end: i64,
        body: Vec<Inst>,
    },
    /// Fails the property with "index out of bounds" (site `site`) unless `0 <= index < len`.
    BoundsCheck {
        index: Val,
        len: u32,
        site: u32,
    },
    /// Fails the property with "loop bound exceeded" (loop site `site`) unless `cond`: placed after a
    /// `while`/`loop` has run its bound, `cond` is false when it would run once more.
    LoopBound {
        site: u32,
        cond: Val,
    },
    /// Fails the property at assert `id` unless `cond`.
    Assert {
        id: u32,
        cond: Val,
    },
    /// Discards the vector (assume `id`) unless `cond`.
    Assume {
        id: u32,
        cond: Val,
    },
    /// Records a hit of cover `id` when `cond`.
    Cover {
        id: u32,
        cond: Val,
    },
    /// Calls `extern fn` number `func` (of [`Program::externs`]) at call site `site` (of
    /// [`PropertyIr::extern_sites`]) for the live lanes. `args` are the arguments' scalar values,
    /// flattened in order (an array argument element by element); `results` are defined here: one
    /// value for a scalar result, one per element for an array. An implementation that crashes or
    /// times out on a vector fails it with [`Outcome::ImplCrashed`] / [`Outcome::ImplTimeout`].
    Extern {
        func: u32,
        site: u32,
        args: Vec<Val>,
        results: Vec<Val>,
    },
}

/// Where a whole array comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArrayRef {
    Input { first_slot: u32, len: u32 },
    Var(VarId),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    Const(ScalarType, u32),
    /// A scalar input slot.
    Input(u32),
    /// `array[index]` of an array input, `index` already bounds-checked.
    InputElem {
        first_slot: u32,
        len: u32,
        index: Val,
    },
    Var(VarId),
    /// `var[index]`, `index` already bounds-checked.
    VarElem(VarId, Val),
    Unary(UnOp, ScalarType, Val),
    /// Operands of type `ty` (for shifts, the left operand's).
    Binary(BinOp, ScalarType, Val, Val),
    Cast(ScalarType, ScalarType, Val),
    /// A builtin on arguments whose first (after `select`'s condition) has type `ty`.
    Builtin(Builtin, ScalarType, Vec<Val>),
    /// An `f64` operation (`sem::wide::F64Op`) on word operands (a 64-bit operand is two `u32`
    /// words, low first; a 32-bit one its value): word `word` of the result (0 the low word or a
    /// 32-bit result, 1 the high word). Computed by `sem` on the CPU engines; WGSL has no `f64`,
    /// so a property with one runs on the CPU under a GPU backend.
    Float64 {
        op: F64Op,
        word: u8,
        args: Vec<Val>,
    },
}

impl Op {
    /// The values an op reads.
    pub fn operands(&self) -> Vec<Val> {
        match self {
            Op::Const(..) | Op::Input(_) | Op::Var(_) => vec![],
            Op::InputElem { index, .. } => vec![*index],
            Op::VarElem(_, i) => vec![*i],
            Op::Unary(_, _, a) | Op::Cast(_, _, a) => vec![*a],
            Op::Binary(_, _, a, b) => vec![*a, *b],
            Op::Builtin(_, _, args) | Op::Float64 { args, .. } => args.clone(),
        }
    }
}

/// A property's verdict on one vector, packed in a `u32` identically on every backend:
/// `0` passed; `0x1000_0000 | id` discarded by assume `id`; `0x2000_0000 | id` failed assert `id`;
/// `0x3000_0000 | site` failed with an out-of-bounds index at bounds site `site`;
/// `0x4000_0000 | site` / `0x5000_0000 | site`: the implementation of the extern call at site `site`
/// crashed / timed out on this vector; `0x6000_0000 | site`: the `while`/`loop` at loop site `site`
/// would have run past its bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    Pass,
    Discard(u32),
    Fail(u32),
    OutOfBounds(u32),
    /// The implementation bound to the extern call at site `site` crashed on this vector (it
    /// died, was killed by a signal, or returned an error).
    ImplCrashed(u32),
    /// The implementation bound to the extern call at site `site` ran past `--impl-timeout`.
    ImplTimeout(u32),
    /// The `while`/`loop` at loop site `site` would have run more than its bound.
    LoopBound(u32),
    /// A code with a tag no backend writes (the raw code): never taken for a pass, counted as a
    /// failure, and reported as a backend bug.
    Invalid(u32),
}

pub const OUTCOME_PASS: u32 = 0;
pub const OUTCOME_DISCARD: u32 = 0x1000_0000;
pub const OUTCOME_FAIL: u32 = 0x2000_0000;
pub const OUTCOME_OOB: u32 = 0x3000_0000;
pub const OUTCOME_IMPL_CRASHED: u32 = 0x4000_0000;
pub const OUTCOME_IMPL_TIMEOUT: u32 = 0x5000_0000;
pub const OUTCOME_LOOP_BOUND: u32 = 0x6000_0000;

impl Outcome {
    pub fn encode(self) -> u32 {
        match self {
            Outcome::Pass => OUTCOME_PASS,
            Outcome::Discard(i) => OUTCOME_DISCARD | i,
            Outcome::Fail(i) => OUTCOME_FAIL | i,
            Outcome::OutOfBounds(i) => OUTCOME_OOB | i,
            Outcome::ImplCrashed(i) => OUTCOME_IMPL_CRASHED | i,
            Outcome::ImplTimeout(i) => OUTCOME_IMPL_TIMEOUT | i,
            Outcome::LoopBound(i) => OUTCOME_LOOP_BOUND | i,
            Outcome::Invalid(code) => code,
        }
    }
    /// Decodes a code read from a file or a device: `None` for a tag that no backend writes
    /// (never taken for a pass).
    pub fn try_decode(code: u32) -> Option<Outcome> {
        let id = code & 0x0FFF_FFFF;
        match code & 0xF000_0000 {
            OUTCOME_PASS if code == OUTCOME_PASS => Some(Outcome::Pass),
            OUTCOME_DISCARD => Some(Outcome::Discard(id)),
            OUTCOME_FAIL => Some(Outcome::Fail(id)),
            OUTCOME_OOB => Some(Outcome::OutOfBounds(id)),
            OUTCOME_IMPL_CRASHED => Some(Outcome::ImplCrashed(id)),
            OUTCOME_IMPL_TIMEOUT => Some(Outcome::ImplTimeout(id)),
            OUTCOME_LOOP_BOUND => Some(Outcome::LoopBound(id)),
            _ => None,
        }
    }
    /// Decodes a code a backend of this process produced (see [`Outcome::try_decode`] for stored
    /// codes, where an unknown tag is refused): an unknown tag is [`Outcome::Invalid`], never a pass.
    pub fn decode(code: u32) -> Outcome {
        Outcome::try_decode(code).unwrap_or(Outcome::Invalid(code))
    }
    pub fn is_failure(self) -> bool {
        matches!(
            self,
            Outcome::Fail(_)
                | Outcome::OutOfBounds(_)
                | Outcome::ImplCrashed(_)
                | Outcome::ImplTimeout(_)
                | Outcome::LoopBound(_)
                | Outcome::Invalid(_)
        )
    }
}

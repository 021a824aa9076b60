//! `ir::validate`: what a program must satisfy between lowering and the backends. Values are defined
//! once and used only where their definition dominates (earlier in the same or an enclosing block),
//! every operand has the type its op expects (`docs/semantics.md` sections 2, 7 and 8), variables,
//! slots and site ids are in range and used as what they are. [`super::lower`] runs it in debug
//! builds; `tests/ir_validate.rs` runs it on every spec of the repository.

use std::fmt;

use thiserror::Error;

use super::*;

/// Where an instruction sits: its position in the property's body and in each enclosing block,
/// shown as `body[3].then[0]` (`then`/`else` of an `if`, `body` of a `for`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InstPath(pub Vec<(&'static str, usize)>);

impl fmt::Display for InstPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, (block, i)) in self.0.iter().enumerate() {
            if k > 0 {
                f.write_str(".")?;
            }
            write!(f, "{block}[{i}]")?;
        }
        Ok(())
    }
}

/// A program the backends must not be given: an internal error of whatever produced it.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum ValidationError {
    #[error("input `{name}` starts at slot {first_slot}, but the inputs before it end at slot {expected}")]
    InputLayout { name: String, first_slot: u32, expected: u32 },
    #[error("the inputs have {inputs} slots, but the program lists {slots} slot domains")]
    SlotCount { inputs: u32, slots: usize },
    #[error("property `{property}`, instruction {path}: {error}")]
    Property { property: String, path: InstPath, error: PropertyError },
}

/// What is wrong with one instruction of a property.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum PropertyError {
    #[error("{val} is not a value of this property (it has {len})")]
    ValOutOfRange { val: Val, len: usize },
    #[error("{0} is used before it is defined")]
    Undefined(Val),
    #[error("{0} is used outside the block that defines it")]
    OutOfScope(Val),
    #[error("{0} is defined twice")]
    Redefined(Val),
    #[error("extern fn #{func} does not exist (the program has {len})")]
    ExternOutOfRange { func: u32, len: usize },
    #[error("extern call site {site} is recorded for another extern fn than #{func}")]
    ExternSiteMismatch { site: u32, func: u32 },
    #[error("a call of extern fn #{func} has {args} argument scalars and {results} result values, which its signature does not match")]
    ExternArity { func: u32, args: usize, results: usize },
    #[error("{var} is not a variable of this property (it has {len})")]
    VarOutOfRange { var: VarId, len: usize },
    #[error("{val} is {found}, but {role} must be {expected}")]
    OperandType { val: Val, found: ScalarType, role: String, expected: String },
    #[error("{var} is {found}, but {role} must be {expected}")]
    VarType { var: VarId, found: Type, role: String, expected: String },
    #[error("{val} is declared {declared}, but its op yields {yields}")]
    ResultType { val: Val, declared: ScalarType, yields: ScalarType },
    #[error("{op} is not defined on {ty}")]
    OpType { op: String, ty: ScalarType },
    #[error("`{builtin}` takes {expected} arguments, not {found}")]
    Arity { builtin: &'static str, expected: usize, found: usize },
    #[error("a bool constant has the bits {bits:#x} (only 0 and 1 are bools)")]
    BoolBits { bits: u32 },
    #[error("slot {slot} is past the program's {slots} slots")]
    SlotOutOfRange { slot: u32, slots: usize },
    #[error("slots {first_slot}..{} are not the slots of an array input", first_slot + len)]
    NotAnArrayInput { first_slot: u32, len: u32 },
    #[error("cannot copy {src} into {dst}, which is {dst_ty}")]
    CopyType { dst: VarId, dst_ty: Type, src: Type },
    #[error("{kind} #{id} does not exist (the property has {len})")]
    SiteOutOfRange { kind: SiteKind, id: u32, len: usize },
    #[error("loop range {start}..{end} over {ty} is not a range of {ty} with at most 2^32 - 1 trips")]
    LoopBounds { start: i64, end: i64, ty: ScalarType },
    #[error("{what} is {ty}; the IR holds narrow integers in their 32-bit carrier and 64-bit ones as two u32 words")]
    Narrow { what: String, ty: ScalarType },
    #[error("{0} is the variable of two loops")]
    LoopVarReused(VarId),
    #[error("{0} is a loop variable: only its loop writes it")]
    LoopVarWritten(VarId),
    #[error("{0} is a loop variable, read outside its loop")]
    LoopVarOutsideLoop(VarId),
}

/// The site lists of a property that instructions refer to by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SiteKind {
    Assert,
    Assume,
    Cover,
    BoundsSite,
    LoopSite,
    ExternSite,
}

impl fmt::Display for SiteKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SiteKind::Assert => "assert",
            SiteKind::Assume => "assume",
            SiteKind::Cover => "cover",
            SiteKind::BoundsSite => "bounds site",
            SiteKind::LoopSite => "loop site",
            SiteKind::ExternSite => "extern call site",
        })
    }
}

/// Checks `program` (see the module docs); the first problem found is the error.
pub fn validate(program: &Program) -> Result<(), ValidationError> {
    let mut end = 0u32;
    for i in &program.inputs {
        if i.first_slot != end {
            return Err(ValidationError::InputLayout { name: i.name.clone(), first_slot: i.first_slot, expected: end });
        }
        end += i.ty.slots();
    }
    if end as usize != program.slots.len() {
        return Err(ValidationError::SlotCount { inputs: end, slots: program.slots.len() });
    }
    for p in &program.properties {
        let mut v = Validator::new(program, p);
        // The IR computes in 32-bit types only: a narrow integer is its carrier (`sem::ScalarType::carrier`),
        // a 64-bit one a pair of words (`ir::lower::wide`).
        let not_32 = |t: ScalarType| t.is_narrow() || t.is_wide();
        let narrow = p
            .vals
            .iter_enumerated()
            .find(|(_, t)| not_32(**t))
            .map(|(v, t)| (v.to_string(), *t))
            .or_else(|| p.vars.iter_enumerated().find(|(_, d)| not_32(d.ty.elem())).map(|(v, d)| (v.to_string(), d.ty.elem())));
        if let Some((what, ty)) = narrow {
            return Err(ValidationError::Property {
                property: p.name.clone(),
                path: InstPath(vec![]),
                error: PropertyError::Narrow { what, ty },
            });
        }
        v.count_loops(&p.body);
        v.block("body", &p.body).map_err(|error| ValidationError::Property {
            property: p.name.clone(),
            path: InstPath(v.path.clone()),
            error,
        })?;
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ValState {
    Unseen,
    InScope,
    /// Defined in a block that has ended.
    OutOfScope,
}

struct Validator<'a> {
    program: &'a Program,
    p: &'a PropertyIr,
    state: Arena<Val, ValState>,
    /// Values defined in each open block, innermost last.
    scopes: Vec<Vec<Val>>,
    /// How many `for`s each variable is the variable of.
    loops_of: Arena<VarId, u32>,
    /// Variables of the loops being walked.
    open_loops: Vec<VarId>,
    path: Vec<(&'static str, usize)>,
}

type Check = Result<(), PropertyError>;

/// The result type of `op` on operands of type `t` (for shifts, the left operand's), or `None`
/// where the language does not define it (docs/semantics.md section 2).
fn binary_result(op: BinOp, t: ScalarType) -> Option<ScalarType> {
    use BinOp::*;
    let defined = match op {
        Add | Sub | Mul | Div | Lt | Le | Gt | Ge => t.is_numeric(),
        Rem | Shl | Shr => t.is_int(),
        BitAnd | BitOr | BitXor => t.is_int() || t == ScalarType::Bool,
        Eq | Ne => true,
        And | Or => t == ScalarType::Bool,
    };
    let result = if op.is_comparison() || matches!(op, And | Or) { ScalarType::Bool } else { t };
    defined.then_some(result)
}

fn unary_defined(op: UnOp, t: ScalarType) -> bool {
    match op {
        UnOp::Neg => matches!(t, ScalarType::I32 | ScalarType::F32),
        UnOp::Not => t == ScalarType::Bool,
        UnOp::BitNot => t.is_int(),
    }
}

/// The result type of builtin `bi` whose first argument (after `select`'s condition) is `t`, or
/// `None` where it is not defined (docs/semantics.md section 8; `len` never reaches the IR).
fn builtin_result(bi: Builtin, t: ScalarType) -> Option<ScalarType> {
    use Builtin::*;
    use ScalarType as S;
    match bi {
        Select => Some(t),
        Min | Max | Clamp | Abs if t.is_numeric() => Some(t),
        Sqrt | Floor | Ceil | Round | Trunc | Fma if t == S::F32 => Some(t),
        IsNan | IsInf | IsFinite if t == S::F32 => Some(S::Bool),
        Bits if matches!(t, S::F32 | S::I32) => Some(S::U32),
        FromBits if t == S::U32 => Some(S::F32),
        CountOnes | LeadingZeros | TrailingZeros if t.is_int() => Some(S::U32),
        AddOverflows | SubOverflows | MulOverflows if t.is_int() => Some(S::Bool),
        SaturatingAdd | SaturatingSub | MulHi if t.is_int() => Some(t),
        CopySign | NextUp | NextDown if t == S::F32 => Some(t),
        UlpDistance if t == S::F32 => Some(S::U32),
        _ => None,
    }
}

impl<'a> Validator<'a> {
    fn new(program: &'a Program, p: &'a PropertyIr) -> Self {
        Validator {
            program,
            p,
            state: p.vals.map(|_| ValState::Unseen),
            scopes: Vec::new(),
            loops_of: p.vars.map(|_| 0),
            open_loops: Vec::new(),
            path: Vec::new(),
        }
    }

    /// Counts the loops of every variable before the walk, so that a write before the loop is
    /// caught too. (A variable out of range is reported by the walk.)
    fn count_loops(&mut self, insts: &[Inst]) {
        for inst in insts {
            match inst {
                Inst::For { var, body, .. } => {
                    if let Some(n) = self.loops_of.get_mut(*var) {
                        *n += 1;
                    }
                    self.count_loops(body);
                }
                Inst::If { then, els, .. } => {
                    self.count_loops(then);
                    self.count_loops(els);
                }
                _ => {}
            }
        }
    }

    fn block(&mut self, name: &'static str, insts: &[Inst]) -> Check {
        self.scopes.push(Vec::new());
        self.path.push((name, 0));
        for (k, inst) in insts.iter().enumerate() {
            if let Some(last) = self.path.last_mut() {
                last.1 = k;
            }
            self.inst(inst)?;
        }
        self.path.pop();
        for v in self.scopes.pop().unwrap_or_default() {
            self.state[v] = ValState::OutOfScope;
        }
        Ok(())
    }

    /// `v` is defined and in scope; its type.
    fn use_val(&self, v: Val) -> Result<ScalarType, PropertyError> {
        match self.state.get(v) {
            None => Err(PropertyError::ValOutOfRange { val: v, len: self.p.vals.len() }),
            Some(ValState::Unseen) => Err(PropertyError::Undefined(v)),
            Some(ValState::OutOfScope) => Err(PropertyError::OutOfScope(v)),
            Some(ValState::InScope) => Ok(self.p.vals[v]),
        }
    }

    /// `v` is defined, in scope, and its type satisfies `ok`.
    fn operand(&self, v: Val, role: impl FnOnce() -> String, expected: &str, ok: impl FnOnce(ScalarType) -> bool) -> Check {
        let t = self.use_val(v)?;
        if ok(t) { Ok(()) } else { Err(PropertyError::OperandType { val: v, found: t, role: role(), expected: expected.to_string() }) }
    }

    fn operand_of_type(&self, v: Val, role: impl FnOnce() -> String, ty: ScalarType) -> Check {
        self.operand(v, role, ty.name(), |t| t == ty)
    }

    fn index(&self, v: Val) -> Check {
        self.operand(v, || "an index".into(), "u32 or i32", ScalarType::is_int)
    }

    fn cond(&self, v: Val) -> Check {
        self.operand_of_type(v, || "a condition".into(), ScalarType::Bool)
    }

    fn var(&self, var: VarId) -> Result<Type, PropertyError> {
        self.p.vars.get(var).map(|d| d.ty).ok_or(PropertyError::VarOutOfRange { var, len: self.p.vars.len() })
    }

    fn scalar_var(&self, var: VarId, role: &str) -> Result<ScalarType, PropertyError> {
        match self.var(var)? {
            Type::Scalar(s) => Ok(s),
            found => Err(PropertyError::VarType { var, found, role: role.to_string(), expected: "a scalar".into() }),
        }
    }

    fn array_var(&self, var: VarId, role: &str) -> Result<(ScalarType, u32), PropertyError> {
        match self.var(var)? {
            Type::Array(s, n) => Ok((s, n)),
            found => Err(PropertyError::VarType { var, found, role: role.to_string(), expected: "an array".into() }),
        }
    }

    /// `var` may be stored to (it is not a loop's variable); its type.
    fn written(&self, var: VarId) -> Result<Type, PropertyError> {
        let ty = self.var(var)?;
        if self.loops_of[var] > 0 {
            return Err(PropertyError::LoopVarWritten(var));
        }
        Ok(ty)
    }

    fn read_var(&self, var: VarId) -> Check {
        if self.loops_of[var] > 0 && !self.open_loops.contains(&var) {
            return Err(PropertyError::LoopVarOutsideLoop(var));
        }
        Ok(())
    }

    fn site(&self, kind: SiteKind, id: u32) -> Check {
        let len = match kind {
            SiteKind::Assert => self.p.asserts.len(),
            SiteKind::Assume => self.p.assumes.len(),
            SiteKind::Cover => self.p.covers.len(),
            SiteKind::BoundsSite => self.p.bounds_sites.len(),
            SiteKind::LoopSite => self.p.loop_sites.len(),
            SiteKind::ExternSite => self.p.extern_sites.len(),
        };
        if (id as usize) < len { Ok(()) } else { Err(PropertyError::SiteOutOfRange { kind, id, len }) }
    }

    /// The array input whose slots are exactly `first_slot .. first_slot + len`.
    fn array_input(&self, first_slot: u32, len: u32) -> Result<&'a InputIr, PropertyError> {
        self.program
            .inputs
            .iter()
            .find(|i| i.first_slot == first_slot && matches!(i.ty, Type::Array(_, n) if n == len))
            .ok_or(PropertyError::NotAnArrayInput { first_slot, len })
    }

    fn inst(&mut self, inst: &Inst) -> Check {
        match inst {
            Inst::Let(v, op) => {
                let declared = match self.state.get(*v) {
                    None => return Err(PropertyError::ValOutOfRange { val: *v, len: self.p.vals.len() }),
                    Some(ValState::Unseen) => self.p.vals[*v],
                    Some(_) => return Err(PropertyError::Redefined(*v)),
                };
                let yields = self.op(op)?;
                if yields != declared {
                    return Err(PropertyError::ResultType { val: *v, declared, yields });
                }
                self.state[*v] = ValState::InScope;
                if let Some(scope) = self.scopes.last_mut() {
                    scope.push(*v);
                }
            }
            Inst::Set(var, v) => {
                self.written(*var)?;
                let ty = self.scalar_var(*var, "the target of a scalar store")?;
                self.operand_of_type(*v, || format!("the value stored in {var}"), ty)?;
            }
            Inst::SetElem(var, i, v) => {
                self.written(*var)?;
                let (elem, _) = self.array_var(*var, "the target of an element store")?;
                self.index(*i)?;
                self.operand_of_type(*v, || format!("the value stored in {var}"), elem)?;
            }
            Inst::CopyArray { dst, src } => {
                let dst_ty = self.written(*dst)?;
                self.array_var(*dst, "the target of an array copy")?;
                let src_ty = match src {
                    ArrayRef::Input { first_slot, len } => self.array_input(*first_slot, *len)?.ty,
                    ArrayRef::Var(s) => {
                        self.array_var(*s, "the source of an array copy")?;
                        self.var(*s)?
                    }
                };
                if src_ty != dst_ty {
                    return Err(PropertyError::CopyType { dst: *dst, dst_ty, src: src_ty });
                }
            }
            Inst::If { cond, then, els } => {
                self.cond(*cond)?;
                self.block("then", then)?;
                self.block("else", els)?;
            }
            Inst::For { var, start, end, body } => {
                let ty = self.scalar_var(*var, "a loop variable")?;
                if self.loops_of[*var] > 1 {
                    return Err(PropertyError::LoopVarReused(*var));
                }
                let (min, max) = match ty {
                    ScalarType::U32 => (0, u32::MAX as i64),
                    ScalarType::I32 => (i32::MIN as i64, i32::MAX as i64),
                    _ => {
                        return Err(PropertyError::VarType {
                            var: *var,
                            found: Type::Scalar(ty),
                            role: "a loop variable".into(),
                            expected: "u32 or i32".into(),
                        });
                    }
                };
                // Both backends count trips in a u32.
                let sane = min <= *start && start <= end && *end <= max + 1 && end - start <= u32::MAX as i64;
                if !sane {
                    return Err(PropertyError::LoopBounds { start: *start, end: *end, ty });
                }
                self.open_loops.push(*var);
                self.block("body", body)?;
                self.open_loops.pop();
            }
            Inst::BoundsCheck { index, len: _, site } => {
                self.index(*index)?;
                self.site(SiteKind::BoundsSite, *site)?;
            }
            Inst::Assert { id, cond } => {
                self.site(SiteKind::Assert, *id)?;
                self.cond(*cond)?;
            }
            Inst::LoopBound { site, cond } => {
                self.site(SiteKind::LoopSite, *site)?;
                self.cond(*cond)?;
            }
            Inst::Assume { id, cond } => {
                self.site(SiteKind::Assume, *id)?;
                self.cond(*cond)?;
            }
            Inst::Cover { id, cond } => {
                self.site(SiteKind::Cover, *id)?;
                self.cond(*cond)?;
            }
            Inst::Extern { func, site, args, results } => {
                self.site(SiteKind::ExternSite, *site)?;
                let Some(f) = self.program.externs.get(*func as usize) else {
                    return Err(PropertyError::ExternOutOfRange { func: *func, len: self.program.externs.len() });
                };
                if self.p.extern_sites[*site as usize].func != *func {
                    return Err(PropertyError::ExternSiteMismatch { site: *site, func: *func });
                }
                let expected: Vec<ScalarType> =
                    f.params.iter().flat_map(|(_, t)| std::iter::repeat_n(t.elem().word(), t.slots() as usize)).collect();
                if expected.len() != args.len() || results.len() != f.ret.slots() as usize {
                    return Err(PropertyError::ExternArity { func: *func, args: args.len(), results: results.len() });
                }
                for (k, (a, ty)) in args.iter().zip(expected).enumerate() {
                    self.operand_of_type(*a, || format!("argument {k} of extern call site {site}"), ty)?;
                }
                for r in results {
                    match self.state.get(*r) {
                        None => return Err(PropertyError::ValOutOfRange { val: *r, len: self.p.vals.len() }),
                        Some(ValState::Unseen) => {}
                        Some(_) => return Err(PropertyError::Redefined(*r)),
                    }
                    if self.p.vals[*r] != f.ret.elem().word() {
                        return Err(PropertyError::ResultType { val: *r, declared: self.p.vals[*r], yields: f.ret.elem().word() });
                    }
                    self.state[*r] = ValState::InScope;
                    if let Some(scope) = self.scopes.last_mut() {
                        scope.push(*r);
                    }
                }
            }
        }
        Ok(())
    }

    /// Checks an op's operands; the type it yields.
    fn op(&self, op: &Op) -> Result<ScalarType, PropertyError> {
        match op {
            Op::Const(t, bits) => {
                if *t == ScalarType::Bool && *bits > 1 {
                    return Err(PropertyError::BoolBits { bits: *bits });
                }
                Ok(*t)
            }
            Op::Input(slot) => {
                let slots = self.program.slots.len();
                if *slot as usize >= slots {
                    return Err(PropertyError::SlotOutOfRange { slot: *slot, slots });
                }
                Ok(self.program.slot_type(*slot).carrier())
            }
            Op::InputElem { first_slot, len, index } => {
                let input = self.array_input(*first_slot, *len)?;
                self.index(*index)?;
                Ok(input.ty.elem().carrier())
            }
            Op::Var(var) => {
                let t = self.scalar_var(*var, "a scalar read")?;
                self.read_var(*var)?;
                Ok(t)
            }
            Op::VarElem(var, i) => {
                let (elem, _) = self.array_var(*var, "an element read")?;
                self.index(*i)?;
                Ok(elem)
            }
            Op::Unary(o, t, a) => {
                if !unary_defined(*o, *t) {
                    return Err(PropertyError::OpType { op: format!("unary `{}`", o.symbol()), ty: *t });
                }
                self.operand_of_type(*a, || format!("the operand of `{}{t}`", o.symbol()), *t)?;
                Ok(*t)
            }
            Op::Binary(o, t, a, b) => {
                let result = binary_result(*o, *t).ok_or_else(|| PropertyError::OpType { op: format!("`{}`", o.symbol()), ty: *t })?;
                self.operand_of_type(*a, || format!("the left operand of `{}{t}`", o.symbol()), *t)?;
                if matches!(o, BinOp::Shl | BinOp::Shr) {
                    self.operand(*b, || format!("the shift amount of `{}{t}`", o.symbol()), "u32 or i32", ScalarType::is_int)?;
                } else {
                    self.operand_of_type(*b, || format!("the right operand of `{}{t}`", o.symbol()), *t)?;
                }
                Ok(result)
            }
            Op::Cast(from, to, a) => {
                if *to == ScalarType::Bool && *from != ScalarType::Bool {
                    return Err(PropertyError::OpType { op: "a cast to bool".into(), ty: *from });
                }
                self.operand_of_type(*a, || format!("the operand of `as {from}->{to}`"), *from)?;
                Ok(*to)
            }
            Op::Builtin(bi, t, args) => {
                if args.len() != bi.arity() {
                    return Err(PropertyError::Arity { builtin: bi.name(), expected: bi.arity(), found: args.len() });
                }
                let result = builtin_result(*bi, *t).ok_or_else(|| PropertyError::OpType { op: format!("`{}`", bi.name()), ty: *t })?;
                let first = if *bi == Builtin::Select {
                    self.operand_of_type(args[0], || "the condition of `select`".into(), ScalarType::Bool)?;
                    1
                } else {
                    0
                };
                for (k, a) in args.iter().enumerate().skip(first) {
                    self.operand_of_type(*a, || format!("argument {} of `{}.{t}`", k + 1, bi.name()), *t)?;
                }
                Ok(result)
            }
            Op::Float64 { op, word, args } => {
                let words: Vec<ScalarType> = op.operands().iter().flat_map(|t| vec![t.word(); t.words() as usize]).collect();
                if args.len() != words.len() {
                    return Err(PropertyError::Arity { builtin: "an f64 operation", expected: words.len(), found: args.len() });
                }
                for (k, (a, t)) in args.iter().zip(words).enumerate() {
                    self.operand_of_type(*a, || format!("word {} of `{}`", k + 1, op.name()), t)?;
                }
                let result = op.result();
                if u32::from(*word) >= result.words() {
                    return Err(PropertyError::OpType { op: format!("word {word} of `{}`", op.name()), ty: result });
                }
                Ok(result.word())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_like_field_accesses() {
        assert_eq!(InstPath(vec![("body", 3), ("then", 0), ("body", 2)]).to_string(), "body[3].then[0].body[2]");
    }

    #[test]
    fn binary_types_follow_the_semantics_table() {
        assert_eq!(binary_result(BinOp::Rem, ScalarType::F32), None);
        assert_eq!(binary_result(BinOp::Lt, ScalarType::Bool), None);
        assert_eq!(binary_result(BinOp::Eq, ScalarType::Bool), Some(ScalarType::Bool));
        assert_eq!(binary_result(BinOp::BitXor, ScalarType::Bool), Some(ScalarType::Bool));
        assert_eq!(binary_result(BinOp::Shl, ScalarType::I32), Some(ScalarType::I32));
        assert!(!unary_defined(UnOp::Neg, ScalarType::U32));
        assert_eq!(builtin_result(Builtin::Len, ScalarType::U32), None);
        assert_eq!(builtin_result(Builtin::Bits, ScalarType::I32), Some(ScalarType::U32));
    }
}

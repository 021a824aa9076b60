//! Synthesising one comparison spec per compared function: every const and fn of the old spec (and
//! of its imports) copied with an `old__` prefix, the new spec's with `new__`, references renamed
//! scope-aware by splicing the original text, one input per parameter, and the properties that
//! compare the two results. The text then goes through the normal front end.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::CompileError;
use crate::check::{self, Type, TypedSpec};
use crate::diag::Diagnostic;
use crate::r#gen::domain::{Domain, ScalarKind};
use crate::load::{self, Loaded};
use crate::sem::{Builtin, ScalarType};
use crate::syntax::ast::{self, ExprKind, ItemKind};
use crate::syntax::visit::{BindingKind, Visitor, walk_expr};

/// Which of the two specs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SideId {
    Old,
    New,
}

impl SideId {
    /// `OLD` or `NEW`, as messages say it.
    pub fn label(self) -> &'static str {
        match self {
            SideId::Old => "OLD",
            SideId::New => "NEW",
        }
    }
    /// `old` or `new`: the prefix of the copied names, and the name of the result in `--allow`.
    pub fn prefix(self) -> &'static str {
        match self {
            SideId::Old => "old",
            SideId::New => "new",
        }
    }
}

/// One of the two specs, loaded (every file's tree) and checked.
#[derive(Debug)]
pub struct Side {
    pub which: SideId,
    pub path: PathBuf,
    pub loaded: Loaded,
    pub spec: TypedSpec,
    pub warnings: Vec<Diagnostic>,
}

impl Side {
    /// Loads and checks a spec from disk (imports confined to its project directory).
    pub fn load(which: SideId, path: &Path) -> Result<Side, CompileError> {
        Side::load_with(which, path, &load::LoadOptions::default())
    }

    /// Loads and checks a spec from disk with the given import rules.
    pub fn load_with(which: SideId, path: &Path, options: &load::LoadOptions) -> Result<Side, CompileError> {
        let loaded = load::load_with(path, &load::RealFs, options).map_err(CompileError::Load)?;
        Side::from_loaded(which, path, loaded)
    }

    /// Checks an already loaded spec (e.g. one loaded from a [`load::MemoryFs`]).
    pub fn from_loaded(which: SideId, path: &Path, loaded: Loaded) -> Result<Side, CompileError> {
        let sources = loaded.sources.clone();
        match check::check(loaded.clone()) {
            Ok(c) => Ok(Side { which, path: path.to_path_buf(), loaded, spec: c.spec, warnings: c.warnings }),
            Err(diagnostics) => Err(CompileError::Spec { sources, diagnostics }),
        }
    }

    /// Every function of every file, in load order (the order of `spec.functions`), with its file.
    fn functions(&self) -> Vec<FnEntry> {
        let mut out = Vec::new();
        let mut index = 0usize;
        for (file, f) in self.loaded.files.iter().enumerate() {
            for item in &f.ast.items {
                if let ItemKind::Fn(decl) = &item.kind {
                    let Some(func) = self.spec.functions.get(index) else { continue };
                    index += 1;
                    if func.name != decl.name.name {
                        continue;
                    }
                    let params =
                        func.params.iter().map(|id| (func.locals[id.0 as usize].name.clone(), func.locals[id.0 as usize].ty)).collect();
                    out.push(FnEntry { name: func.name.clone(), file, signature: Signature { params, ret: func.ret } });
                }
            }
        }
        out
    }

    /// The functions the root file sees (its own and those of the files it imports directly), by name.
    fn visible_functions(&self) -> HashMap<String, FnEntry> {
        let all = self.functions();
        let mut files = vec![0usize];
        files.extend(self.loaded.files[0].imports.iter().map(|id| id.0 as usize));
        let mut out = HashMap::new();
        for file in files {
            for e in all.iter().filter(|e| e.file == file) {
                out.entry(e.name.clone()).or_insert_with(|| e.clone());
            }
        }
        out
    }

    /// Names of the functions the root file itself defines, in source order.
    fn root_functions(&self) -> Vec<String> {
        self.functions().into_iter().filter(|e| e.file == 0).map(|e| e.name).collect()
    }

    fn input(&self, name: &str) -> Option<&check::Input> {
        self.spec.inputs.iter().find(|i| i.name == name)
    }
}

#[derive(Clone, Debug)]
struct FnEntry {
    name: String,
    file: usize,
    signature: Signature,
}

/// A function's parameter names and types, and its return type.
#[derive(Clone, Debug, PartialEq)]
pub struct Signature {
    pub params: Vec<(String, Type)>,
    pub ret: Type,
}

impl Signature {
    /// Same parameter types in the same order and the same return type (parameter names may differ).
    pub fn compatible(&self, other: &Signature) -> bool {
        self.ret == other.ret && self.params.len() == other.params.len() && self.params.iter().zip(&other.params).all(|(a, b)| a.1 == b.1)
    }
    /// `fn fee(amount: u32) -> u32`.
    pub fn display(&self, name: &str) -> String {
        let params: Vec<String> = self.params.iter().map(|(n, t)| format!("{n}: {t}")).collect();
        format!("fn {name}({}) -> {}", params.join(", "), self.ret)
    }
}

/// Why two specs cannot be compared. Every one is reported, and `vecrun equiv` exits 2.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EquivError {
    #[error("function `{function}` is in {present} (`{present_path}`) but not in {missing} (`{missing_path}`)")]
    Missing { function: String, present: &'static str, present_path: String, missing: &'static str, missing_path: String },
    #[error("function `{function}` takes or returns a struct or tuple, which `vecrun equiv` does not compare yet")]
    Record { function: String },
    #[error("function `{function}` is in neither spec")]
    MissingInBoth { function: String },
    #[error("function `{function}` has different signatures: OLD `{old}`, NEW `{new}`")]
    Signature { function: String, old: String, new: String },
    #[error("the domains of parameter `{param}` of `{function}` disagree: OLD declares `input {old}`, NEW declares `input {new}`")]
    DomainsDisagree { function: String, param: String, old: String, new: String },
    #[error(
        "parameter `{param}: {param_type}` of `{function}` has the name of {side}'s input `{param}: {input_type}`, whose domain cannot apply to it; rename the parameter or the input"
    )]
    InputType { function: String, param: String, param_type: String, side: &'static str, input_type: String },
    #[error("parameter `{param}` of `{function}` cannot be an input of the comparison spec: {why}")]
    ParamName { function: String, param: String, why: String },
    #[error("OLD (`{old}`) defines no function to compare")]
    NothingToCompare { old: String },
    #[error("--allow `{text}`: {why}")]
    BadAllow { text: String, why: String },
    #[error("--allow names function `{function}`, which is not compared (compared: {compared})")]
    AllowUnknownFunction { function: String, compared: String },
}

impl EquivError {
    /// A hint printed under the error.
    pub fn help(&self) -> Option<&'static str> {
        match self {
            EquivError::Missing { .. } | EquivError::Signature { .. } => Some("compare only some functions with `--fn NAME` (repeatable)"),
            EquivError::DomainsDisagree { .. } => Some("make the two inputs' domains equal: equivalence is checked over one domain"),
            EquivError::AllowUnknownFunction { .. } => {
                Some("write `--allow FN:PREDICATE` with a compared function, or `--allow PREDICATE` for all of them")
            }
            _ => None,
        }
    }
}

/// One `--allow` rule: a predicate over the parameters and `old` / `new`, for one function or all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllowRule {
    /// `Some(f)` when written `f:PREDICATE`.
    pub function: Option<String>,
    pub predicate: String,
}

impl AllowRule {
    /// Parses `PREDICATE` or `FN:PREDICATE`. The predicate must be one expression: no `;`, `{` or `}`.
    pub fn parse(text: &str) -> Result<AllowRule, EquivError> {
        let bad = |why: &str| EquivError::BadAllow { text: text.to_string(), why: why.to_string() };
        let (function, predicate) = match text.split_once(':') {
            Some((f, p)) if is_ident(f.trim()) => (Some(f.trim().to_string()), p),
            Some(_) => return Err(bad("expected `PREDICATE` or `FN:PREDICATE` (`:` may only follow a function name)")),
            None => (None, text),
        };
        if predicate.trim().is_empty() {
            return Err(bad("the predicate is empty"));
        }
        if predicate.contains([';', '{', '}']) {
            return Err(bad("the predicate must be one boolean expression (no `;`, `{` or `}`)"));
        }
        Ok(AllowRule { function, predicate: predicate.trim().to_string() })
    }
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_') && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// What to compare.
#[derive(Clone, Debug, Default)]
pub struct SynthOptions {
    /// `--fn`: these functions (each must be in both specs). Empty: every function OLD's root file defines.
    pub functions: Vec<String>,
    pub allow: Vec<AllowRule>,
}

/// A parameter of a compared function, as an input of the comparison spec.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// OLD's parameter name (the input's name, and the name `--allow` uses).
    pub name: String,
    pub ty: Type,
    pub domain: Domain,
    /// Where the domain comes from, e.g. `OLD's and NEW's input `amount``, or `the whole type`.
    pub origin: String,
}

/// The comparison spec of one function.
#[derive(Clone, Debug)]
pub struct Comparison {
    pub function: String,
    /// OLD's signature, e.g. `fn fee(amount: u32) -> u32`.
    pub signature: String,
    pub params: Vec<Param>,
    pub ret: Type,
    /// The combined `--allow` predicate for this function, if any.
    pub allow: Option<String>,
    /// The spec text.
    pub text: String,
    /// Byte ranges of the `--allow` predicates in `text` (to say so when they do not compile).
    pub allow_ranges: Vec<Range<usize>>,
    /// Names of the two copies in the spec (`old__fee`, `new__fee`).
    pub old_fn: String,
    pub new_fn: String,
    /// The property that fails on unintended differences (`equiv_fee`).
    pub property: String,
    /// The property that fails on intended differences (`intended_fee`), present with `--allow`.
    pub intended_property: Option<String>,
}

/// The functions to compare, and what was left out.
#[derive(Clone, Debug)]
pub struct Selection {
    pub comparisons: Vec<Comparison>,
    /// Functions NEW's root file defines that OLD has not (not compared: they have no old behaviour).
    pub only_new: Vec<String>,
}

/// Name of the local holding the old result, the new result, and the comparison.
pub const OLD_RESULT: &str = "equiv__old";
pub const NEW_RESULT: &str = "equiv__new";
const SAME: &str = "equiv__same";
const ALLOWED: &str = "equiv__allowed";
const LOOP: &str = "equiv__k";
/// The assert message of unintended differences, and of intended ones.
pub const DIFFER_MESSAGE: &str = "old and new differ";
pub const INTENDED_MESSAGE: &str = "intended difference";

/// Chooses the functions to compare, checks that their signatures and domains agree, and writes one
/// comparison spec per function. Returns every problem found, not only the first.
pub fn synthesize(old: &Side, new: &Side, options: &SynthOptions) -> Result<Selection, Vec<EquivError>> {
    let mut errors = Vec::new();
    let old_fns = old.visible_functions();
    let new_fns = new.visible_functions();
    let explicit = !options.functions.is_empty();
    let mut names: Vec<String> = if explicit { options.functions.clone() } else { old.root_functions() };
    let mut seen = HashSet::new();
    names.retain(|n| seen.insert(n.clone()));
    if names.is_empty() {
        errors.push(EquivError::NothingToCompare { old: old.path.display().to_string() });
    }
    let only_new: Vec<String> =
        if explicit { Vec::new() } else { new.root_functions().into_iter().filter(|n| !old_fns.contains_key(n)).collect() };
    let old_names = Renaming::new(old);
    let new_names = Renaming::new(new);
    let mut pairs = Vec::new();
    for name in &names {
        match (old_fns.get(name), new_fns.get(name)) {
            (Some(o), Some(n)) => {
                let types = || o.signature.params.iter().chain(&n.signature.params).map(|p| p.1).chain([o.signature.ret, n.signature.ret]);
                if types().any(Type::is_record) {
                    errors.push(EquivError::Record { function: name.clone() });
                } else if !o.signature.compatible(&n.signature) {
                    errors.push(EquivError::Signature {
                        function: name.clone(),
                        old: o.signature.display(name),
                        new: n.signature.display(name),
                    });
                } else {
                    pairs.push((name.clone(), o.clone(), n.clone()));
                }
            }
            (Some(_), None) => errors.push(missing(name, old, new)),
            (None, Some(_)) => errors.push(missing(name, new, old)),
            (None, None) => errors.push(EquivError::MissingInBoth { function: name.clone() }),
        }
    }
    for rule in &options.allow {
        if let Some(f) = rule.function.as_ref().filter(|f| !names.contains(f)) {
            errors.push(EquivError::AllowUnknownFunction { function: f.clone(), compared: names.join(", ") });
        }
    }
    let globals: HashSet<String> = old_names.all().chain(new_names.all()).collect();
    let mut comparisons = Vec::new();
    for (name, o, n) in pairs {
        let mut params = Vec::new();
        for ((pname, ty), (nname, _)) in o.signature.params.iter().zip(&n.signature.params) {
            if let Some(why) = param_name_problem(pname, &globals) {
                errors.push(EquivError::ParamName { function: name.clone(), param: pname.clone(), why });
                continue;
            }
            match param_domain(&name, pname, nname, *ty, old, new) {
                Ok(p) => params.push(p),
                Err(e) => errors.push(e),
            }
        }
        if params.len() != o.signature.params.len() {
            continue;
        }
        let rules: Vec<&str> =
            options.allow.iter().filter(|r| r.function.as_deref().is_none_or(|f| f == name)).map(|r| r.predicate.as_str()).collect();
        comparisons.push(write_comparison(&name, &o.signature, params, &rules, old, new, &old_names, &new_names));
    }
    if errors.is_empty() { Ok(Selection { comparisons, only_new }) } else { Err(errors) }
}

fn missing(name: &str, present: &Side, absent: &Side) -> EquivError {
    EquivError::Missing {
        function: name.to_string(),
        present: present.which.label(),
        present_path: present.path.display().to_string(),
        missing: absent.which.label(),
        missing_path: absent.path.display().to_string(),
    }
}

/// Why a parameter name cannot name an input of the comparison spec, if it cannot.
fn param_name_problem(name: &str, globals: &HashSet<String>) -> Option<String> {
    if Builtin::from_name(name).is_some() || crate::sem::ScalarType::from_name(name).is_some() {
        return Some(format!("`{name}` is the name of a builtin; rename the parameter"));
    }
    if name.starts_with("equiv__") {
        return Some("names starting with `equiv__` are reserved for the comparison".into());
    }
    if globals.contains(name) {
        return Some(format!("`{name}` is also the renamed name of a copied const or fn; rename the parameter"));
    }
    None
}

/// The domain of parameter `old_name` (called `new_name` in NEW): the same-named inputs' domain.
fn param_domain(function: &str, old_name: &str, new_name: &str, ty: Type, old: &Side, new: &Side) -> Result<Param, EquivError> {
    let mut found = Vec::new();
    for (side, pname) in [(old, old_name), (new, new_name)] {
        if let Some(input) = side.input(pname) {
            if input.ty != ty {
                return Err(EquivError::InputType {
                    function: function.to_string(),
                    param: pname.to_string(),
                    param_type: ty.to_string(),
                    side: side.which.label(),
                    input_type: input.ty.to_string(),
                });
            }
            found.push((side.which, input));
        }
    }
    let decl = |i: &check::Input| {
        format!("{}: {}{}", i.name, i.ty, if i.domain_text == "all" { String::new() } else { format!(" in {}", i.domain_text) })
    };
    let (domain, origin) = match found.as_slice() {
        [] => (Domain::whole(ty.elem()), "the whole type (no input of that name in either spec)".to_string()),
        [(w, i)] => (i.domain.clone(), format!("{}'s `input {}`", w.label(), decl(i))),
        [(_, a), (_, b)] => {
            if a.domain != b.domain {
                return Err(EquivError::DomainsDisagree {
                    function: function.to_string(),
                    param: old_name.to_string(),
                    old: decl(a),
                    new: decl(b),
                });
            }
            (a.domain.clone(), format!("OLD's and NEW's `input {}`", decl(a)))
        }
        _ => unreachable!("at most two sides"),
    };
    Ok(Param { name: old_name.to_string(), ty, domain, origin })
}

/// ` in 1..=10000` (nothing for a whole type), written with literals only.
pub fn domain_text(d: &Domain) -> String {
    let f = |v: f32| crate::sem::display_f32(v);
    match d {
        Domain::Bool | Domain::F32Any => String::new(),
        Domain::WideLo { lo, hi, signed: false } | Domain::WideHi { lo, hi, signed: false } => format!(" in {lo}..={hi}"),
        Domain::WideLo { lo, hi, signed: true } | Domain::WideHi { lo, hi, signed: true } => format!(" in {}..={}", *lo as i64, *hi as i64),
        Domain::WideSetLo { values, signed } | Domain::WideSetHi { values, signed } => {
            format!(" in {}", Domain::wide_set_text(values, *signed))
        }
        Domain::Unused => " in {0}".to_string(),
        Domain::F64Lo { lo, hi } | Domain::F64Hi { lo, hi } => {
            Domain::f64_range_text(*lo, *hi).map(|t| format!(" in {t}")).unwrap_or_default()
        }
        Domain::U32Range { lo: 0, hi: u32::MAX } => String::new(),
        Domain::I32Range { lo: i32::MIN, hi: i32::MAX } => String::new(),
        Domain::U32Range { lo, hi } => format!(" in {lo}..={hi}"),
        Domain::I32Range { lo, hi } => format!(" in {lo}..={hi}"),
        Domain::F32Range { lo, hi, hi_inclusive } => format!(" in {}{}{}", f(*lo), if *hi_inclusive { "..=" } else { ".." }, f(*hi)),
        Domain::Set { kind, values } => {
            let s = match kind {
                ScalarKind::Bool => ScalarType::Bool,
                ScalarKind::U32 => ScalarType::U32,
                ScalarKind::I32 => ScalarType::I32,
                ScalarKind::F32 => ScalarType::F32,
            };
            format!(" in {{{}}}", values.iter().map(|v| s.display(*v)).collect::<Vec<_>>().join(", "))
        }
    }
}

/// `a == b` for one scalar element: a float compares bit patterns, and any two NaNs are equal.
fn eq_expr(elem: ScalarType, a: &str, b: &str) -> String {
    match elem {
        ScalarType::F32 | ScalarType::F64 => format!("(bits({a}) == bits({b}) || (is_nan({a}) && is_nan({b})))"),
        _ => format!("{a} == {b}"),
    }
}

#[allow(clippy::too_many_arguments)]
fn write_comparison(
    name: &str,
    sig: &Signature,
    params: Vec<Param>,
    rules: &[&str],
    old: &Side,
    new: &Side,
    old_names: &Renaming,
    new_names: &Renaming,
) -> Comparison {
    let old_fn = old_names.root_name(name, old);
    let new_fn = new_names.root_name(name, new);
    let property = format!("equiv_{name}");
    let intended_property = (!rules.is_empty()).then(|| format!("intended_{name}"));
    let mut t = String::new();
    let _ = writeln!(t, "// Generated by `vecrun equiv`: `{name}` of OLD ({}) against NEW ({}).", old.path.display(), new.path.display());
    let _ = writeln!(t, "// OLD's consts and fns (imports included) are renamed `old__NAME`, NEW's `new__NAME`.");
    let _ = writeln!(t, "spec equiv_{name} {{");
    let _ = writeln!(t, "  tags = [\"equiv\"]");
    let _ = writeln!(t, "}}");
    let _ = writeln!(t);
    for p in &params {
        let _ = writeln!(t, "// `{}`: the domain of {}", p.name, p.origin);
        let _ = writeln!(t, "input {}: {}{};", p.name, p.ty, domain_text(&p.domain));
    }
    if !params.is_empty() {
        let _ = writeln!(t);
    }
    let args = params.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ");
    let mut allow_ranges = Vec::new();
    let body = |t: &mut String, allow_ranges: &mut Vec<Range<usize>>| {
        let _ = writeln!(t, "  let {OLD_RESULT} = {old_fn}({args});");
        let _ = writeln!(t, "  let {NEW_RESULT} = {new_fn}({args});");
        match sig.ret {
            Type::Scalar(s) => {
                let _ = writeln!(t, "  let {SAME} = {};", eq_expr(s, OLD_RESULT, NEW_RESULT));
            }
            // Refused before a comparison is written (`EquivError::Record`).
            Type::Record(_) | Type::RecordArray(..) => {
                let _ = writeln!(t, "  let {SAME} = {OLD_RESULT} == {NEW_RESULT};");
            }
            Type::Array(s, n) => {
                let _ = writeln!(t, "  var {SAME} = true;");
                let _ = writeln!(t, "  for {LOOP} in 0..{n} {{");
                let _ = writeln!(t, "    if !({}) {{", eq_expr(s, &format!("{OLD_RESULT}[{LOOP}]"), &format!("{NEW_RESULT}[{LOOP}]")));
                let _ = writeln!(t, "      {SAME} = false;");
                let _ = writeln!(t, "    }}");
                let _ = writeln!(t, "  }}");
            }
        }
        if !rules.is_empty() {
            let _ = writeln!(t, "  let old = {OLD_RESULT};");
            let _ = writeln!(t, "  let new = {NEW_RESULT};");
            let _ = write!(t, "  let {ALLOWED} = (");
            for (k, r) in rules.iter().enumerate() {
                if k > 0 {
                    t.push_str(") || (");
                }
                t.push_str("\n    ");
                let start = t.len();
                t.push_str(r);
                allow_ranges.push(start..t.len());
                t.push_str("\n  ");
            }
            let _ = writeln!(t, ");");
        }
    };
    let _ = writeln!(
        t,
        "// Fails where the results differ{}.",
        if rules.is_empty() { "" } else { " and --allow does not say the difference is intended" }
    );
    let _ = writeln!(t, "property {property} {{");
    body(&mut t, &mut allow_ranges);
    if rules.is_empty() {
        let _ = writeln!(t, "  assert {SAME}, \"{DIFFER_MESSAGE}\";");
    } else {
        let _ = writeln!(t, "  cover !{SAME} && {ALLOWED}, \"{INTENDED_MESSAGE}\";");
        let _ = writeln!(t, "  assert {SAME} || {ALLOWED}, \"{DIFFER_MESSAGE}\";");
    }
    let _ = writeln!(t, "}}");
    if let Some(ip) = &intended_property {
        let _ = writeln!(t);
        let _ = writeln!(t, "// Fails exactly on the intended differences (to find examples of them).");
        let _ = writeln!(t, "property {ip} {{");
        body(&mut t, &mut allow_ranges);
        let _ = writeln!(t, "  assert {SAME} || !{ALLOWED}, \"{INTENDED_MESSAGE}\";");
        let _ = writeln!(t, "}}");
    }
    old_names.write_items(&mut t, old);
    new_names.write_items(&mut t, new);
    Comparison {
        function: name.to_string(),
        signature: sig.display(name),
        params,
        ret: sig.ret,
        allow: (!rules.is_empty()).then(|| rules.iter().map(|r| format!("({r})")).collect::<Vec<_>>().join(" || ")),
        text: t,
        allow_ranges,
        old_fn,
        new_fn,
        property,
        intended_property,
    }
}

/// The new names of one side's consts and fns: `old__NAME`; a name that two files of the side
/// define differently keeps `old__NAME` in the root file and becomes `old_K__NAME` in import K.
struct Renaming {
    /// Per file: own name -> new name.
    own: Vec<HashMap<String, String>>,
    /// Per file: every name in scope (own and directly imported) -> new name.
    scope: Vec<HashMap<String, String>>,
}

impl Renaming {
    fn new(side: &Side) -> Renaming {
        let prefix = side.which.prefix();
        let files = &side.loaded.files;
        let mut count: HashMap<String, usize> = HashMap::new();
        let defs: Vec<Vec<String>> = files
            .iter()
            .map(|f| {
                f.ast
                    .items
                    .iter()
                    .filter_map(|it| match &it.kind {
                        ItemKind::Const(c) => Some(c.name.name.clone()),
                        ItemKind::Fn(d) => Some(d.name.name.clone()),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        for names in &defs {
            for n in names.iter().collect::<HashSet<_>>() {
                *count.entry(n.clone()).or_default() += 1;
            }
        }
        let own: Vec<HashMap<String, String>> = defs
            .iter()
            .enumerate()
            .map(|(k, names)| {
                names
                    .iter()
                    .map(|n| {
                        let renamed = if k == 0 || count[n] == 1 { format!("{prefix}__{n}") } else { format!("{prefix}_{k}__{n}") };
                        (n.clone(), renamed)
                    })
                    .collect()
            })
            .collect();
        let scope = files
            .iter()
            .enumerate()
            .map(|(k, f)| {
                let mut s = own[k].clone();
                for imp in &f.imports {
                    for (n, r) in &own[imp.0 as usize] {
                        s.entry(n.clone()).or_insert_with(|| r.clone());
                    }
                }
                s
            })
            .collect();
        Renaming { own, scope }
    }

    fn all(&self) -> impl Iterator<Item = String> + '_ {
        self.own.iter().flat_map(|m| m.values().cloned())
    }

    /// The new name of a function the root file sees.
    fn root_name(&self, name: &str, side: &Side) -> String {
        self.scope[0].get(name).cloned().unwrap_or_else(|| format!("{}__{name}", side.which.prefix()))
    }

    /// Appends every const and fn of every file of `side`, renamed.
    fn write_items(&self, t: &mut String, side: &Side) {
        for (k, file) in side.loaded.files.iter().enumerate() {
            let text = &side.loaded.sources.get(file.id).text;
            let _ = writeln!(t);
            let _ = writeln!(t, "// ---- {}: {}{}", side.which.label(), file.path.display(), if k == 0 { "" } else { " (imported)" });
            for item in &file.ast.items {
                let mut r = Renamer { scope: &self.scope[k], locals: Vec::new(), edits: Vec::new() };
                match &item.kind {
                    ItemKind::Const(c) => {
                        r.rename_ident(&c.name);
                        r.visit_item(item);
                    }
                    ItemKind::Fn(f) => {
                        r.rename_ident(&f.name);
                        r.visit_item(item);
                    }
                    _ => continue,
                }
                t.push_str(&splice(text, item.span.range(), r.edits));
                t.push('\n');
            }
        }
    }
}

/// Replaces the byte ranges in `edits` (absolute offsets, inside `range`) and returns `range`'s text.
fn splice(text: &str, range: Range<usize>, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::new();
    let mut at = range.start;
    for (r, new) in edits {
        if r.start < at || r.end > range.end {
            continue;
        }
        out.push_str(&text[at..r.start]);
        out.push_str(&new);
        at = r.end;
    }
    out.push_str(&text[at..range.end]);
    out
}

/// Walks one item, recording the renaming of every reference to a const or fn (locals, which
/// shadow consts, are left alone; calls always reach functions or builtins).
struct Renamer<'a> {
    scope: &'a HashMap<String, String>,
    locals: Vec<Vec<String>>,
    edits: Vec<(Range<usize>, String)>,
}

impl Renamer<'_> {
    fn rename_ident(&mut self, id: &ast::Ident) {
        if let Some(r) = self.scope.get(&id.name) {
            self.edits.push((id.span.range(), r.clone()));
        }
    }

    fn is_local(&self, name: &str) -> bool {
        self.locals.iter().any(|s| s.iter().any(|n| n == name))
    }
}

impl<'ast> Visitor<'ast> for Renamer<'_> {
    fn visit_expr(&mut self, e: &'ast ast::Expr) {
        match &e.kind {
            ExprKind::Name(n) => {
                if let Some(r) = self.scope.get(n).filter(|_| !self.is_local(n)) {
                    self.edits.push((e.span.range(), r.clone()));
                }
            }
            ExprKind::Call(f, _) if Builtin::from_name(&f.name).is_none() => self.rename_ident(f),
            _ => {}
        }
        walk_expr(self, e);
    }

    fn visit_binding(&mut self, name: &'ast ast::Ident, _: BindingKind) {
        if let Some(top) = self.locals.last_mut() {
            top.push(name.name.clone());
        }
    }

    fn enter_scope(&mut self) {
        self.locals.push(Vec::new());
    }

    fn exit_scope(&mut self) {
        self.locals.pop();
    }
}

/// A comparison spec through the front end: checked, ready to lower.
#[derive(Debug)]
pub struct Compiled {
    pub spec: TypedSpec,
    /// Indices in `spec.functions` of the old and the new copy of the compared function.
    pub old_index: usize,
    pub new_index: usize,
}

/// Why a comparison spec did not compile.
#[derive(Debug)]
pub struct SynthCompileError {
    /// True when an error lies in an `--allow` predicate (else it is vecrun's own fault).
    pub in_allow: bool,
    pub error: CompileError,
}

impl Comparison {
    /// Compiles the spec text through the normal front end, as if it were the file `name`.
    pub fn compile(&self, name: &str) -> Result<Compiled, SynthCompileError> {
        let fs = load::MemoryFs::new().with(name, &self.text);
        let loaded = load::load_text(Path::new(name), self.text.clone(), &fs);
        let sources = loaded.sources.clone();
        let checked = check::check(loaded).map_err(|mut diagnostics| {
            let overlaps = |d: &Diagnostic, ranges: &[Range<usize>]| {
                d.span().is_some_and(|s| ranges.iter().any(|r| (s.start as usize) < r.end && (s.end as usize) > r.start))
            };
            let in_allow = diagnostics.iter().filter(|d| d.is_error()).any(|d| overlaps(d, &self.allow_ranges));
            if in_allow {
                // The predicates appear in both properties: report each problem once.
                let second = &self.allow_ranges[self.allow_ranges.len() / 2..];
                if self.intended_property.is_some() {
                    diagnostics.retain(|d| !overlaps(d, second));
                }
            }
            SynthCompileError { in_allow, error: CompileError::Spec { sources, diagnostics } }
        })?;
        let spec = checked.spec;
        let find = |n: &str| spec.functions.iter().position(|f| f.name == n);
        let internal = |why: String| SynthCompileError {
            in_allow: false,
            error: CompileError::Load(load::LoadError { path: PathBuf::from(name), source: std::io::Error::other(why) }),
        };
        let (Some(old_index), Some(new_index)) = (find(&self.old_fn), find(&self.new_fn)) else {
            return Err(internal(format!("internal error: `{}` or `{}` is missing from the comparison spec", self.old_fn, self.new_fn)));
        };
        // Safety net: the inputs are exactly the planned parameters and domains.
        let planned: Vec<(&str, Type, &Domain)> = self.params.iter().map(|p| (p.name.as_str(), p.ty, &p.domain)).collect();
        let got: Vec<(&str, Type, &Domain)> = spec.inputs.iter().map(|i| (i.name.as_str(), i.ty, &i.domain)).collect();
        if planned != got {
            return Err(internal(format!("internal error: the comparison spec's inputs {got:?} are not the planned {planned:?}")));
        }
        Ok(Compiled { spec, old_index, new_index })
    }
}

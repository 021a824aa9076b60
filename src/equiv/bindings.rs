//! `vecrun equiv --extern NAME SPEC`: an implementation compared with another build of itself
//! (old and new behaviour equivalent modulo the spec), or with a model function of the spec, over
//! the extern fn's parameters. The comparison is a spec of its own, importing SPEC: one input per
//! parameter (with the domain of SPEC's input of that name, if any), the extern fn declared once
//! per side, and one property that asserts the two sides return the same value.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::check::{Checked, Type, TypedSpec};
use crate::impls::BindingSpec;

/// What the implementation is compared with.
#[derive(Clone, Debug)]
pub enum Against {
    /// Another implementation of the same extern fn (a new build).
    Binding(crate::impls::Target),
    /// A function of the spec with the extern fn's signature (the model).
    Model(String),
}

/// A comparison spec, ready to compile and run.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// The spec text.
    pub text: String,
    /// Where it is compiled as if it were (beside SPEC, so its import resolves; never written there).
    pub path: PathBuf,
    /// The property to run.
    pub property: String,
    /// The bindings to give the run: the old side, and the new side unless it is a model.
    pub bindings: Vec<BindingSpec>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ComparisonError {
    #[error("no extern fn named `{name}` in the spec (it declares: {declared})")]
    NoSuchExtern { name: String, declared: String },
    #[error("no function named `{0}` in the spec to compare with")]
    NoSuchModel(String),
    #[error("`{model}` has the signature {found}, but extern fn `{name}` has {expected}")]
    SignatureDiffers { name: String, model: String, expected: String, found: String },
}

fn signature(params: &[(String, Type)], ret: Type) -> String {
    format!("({}) -> {ret}", params.iter().map(|(_, t)| t.to_string()).collect::<Vec<_>>().join(", "))
}

/// Builds the comparison of extern fn `name` of `spec` (read from `spec_path`) with `against`;
/// `old` is the implementation under comparison.
pub fn comparison(
    spec: &TypedSpec,
    spec_path: &Path,
    name: &str,
    old: crate::impls::Target,
    against: &Against,
) -> Result<Comparison, ComparisonError> {
    let Some(ext) = spec.externs.iter().find(|e| e.name == name) else {
        let declared = spec.externs.iter().map(|e| format!("`{}`", e.name)).collect::<Vec<_>>().join(", ");
        return Err(ComparisonError::NoSuchExtern {
            name: name.to_string(),
            declared: if declared.is_empty() { "none".into() } else { declared },
        });
    };
    if let Against::Model(model) = against {
        let f = spec.functions.iter().find(|f| &f.name == model).ok_or_else(|| ComparisonError::NoSuchModel(model.clone()))?;
        let params: Vec<(String, Type)> =
            f.params.iter().map(|p| (f.locals[p.0 as usize].name.clone(), f.locals[p.0 as usize].ty)).collect();
        let same = params.len() == ext.params.len() && params.iter().zip(&ext.params).all(|(a, b)| a.1 == b.1) && f.ret == ext.ret;
        if !same {
            return Err(ComparisonError::SignatureDiffers {
                name: name.to_string(),
                model: model.clone(),
                expected: signature(&ext.params, ext.ret),
                found: signature(&params, f.ret),
            });
        }
    }
    let old_name = format!("{name}__old");
    let new_name = format!("{name}__new");
    let file_name = spec_path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    let mut t = String::new();
    let _ = writeln!(t, "// The comparison `vecrun equiv --extern {name}` runs: generated from {file_name}.");
    let _ = writeln!(t, "spec equiv_{name} {{\n  version = \"1.0.0\"\n}}\n");
    let _ = writeln!(t, "import \"{file_name}\";\n");
    for (p, ty) in &ext.params {
        let domain = spec.inputs.iter().find(|i| &i.name == p && i.ty == *ty).map(|i| i.domain_text.as_str()).filter(|d| *d != "all");
        match domain {
            Some(d) => _ = writeln!(t, "input {p}: {ty} in {d};"),
            None => _ = writeln!(t, "input {p}: {ty};"),
        }
    }
    let params = ext.params.iter().map(|(p, ty)| format!("{p}: {ty}")).collect::<Vec<_>>().join(", ");
    let args = ext.params.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>().join(", ");
    let _ = writeln!(t, "\nextern fn {old_name}({params}) -> {};", ext.ret);
    let (new_call, what) = match against {
        Against::Binding(_) => {
            let _ = writeln!(t, "extern fn {new_name}({params}) -> {};", ext.ret);
            (format!("{new_name}({args})"), "the new implementation differs from the old one")
        }
        Against::Model(m) => (format!("{m}({args})"), "the implementation differs from the model"),
    };
    let floats = ext.ret.elem().is_float();
    if floats {
        // The same float: equal bits, or both NaN (a produced NaN's payload is unspecified).
        let f = ext.ret.elem();
        let _ = writeln!(t, "\nfn equiv_same(a: {f}, b: {f}) -> bool {{\n  return bits(a) == bits(b) || (is_nan(a) && is_nan(b));\n}}");
    }
    let property = format!("{name}_equivalent");
    let same = |a: &str, b: &str| if floats { format!("equiv_same({a}, {b})") } else { format!("{a} == {b}") };
    let _ = writeln!(t, "\nproperty {property} {{");
    let _ = writeln!(t, "  let old = {old_name}({args});");
    let _ = writeln!(t, "  let new = {new_call};");
    match ext.ret {
        Type::Scalar(_) | Type::Record(_) | Type::RecordArray(..) => _ = writeln!(t, "  assert {}, \"{what}\";", same("old", "new")),
        Type::Array(_, n) => {
            let _ = writeln!(t, "  for k in 0..{n} {{\n    assert {}, \"{what}\";\n  }}", same("old[k]", "new[k]"));
        }
    }
    let _ = writeln!(t, "}}");
    let dir = spec_path.parent().unwrap_or(Path::new("."));
    let mut bindings = vec![BindingSpec { name: old_name, target: old }];
    if let Against::Binding(b) = against {
        bindings.push(BindingSpec { name: new_name, target: b.clone() });
    }
    Ok(Comparison { text: t, path: dir.join(format!(".vecrun-equiv-{name}.vspec")), property, bindings })
}

/// Compiles a comparison (its import of SPEC read from disk) with the command line's import rules.
pub fn compile(c: &Comparison, options: &crate::load::LoadOptions) -> Result<Checked, crate::CompileError> {
    let loaded = crate::load::load_text_with(&c.path, c.text.clone(), &crate::load::RealFs, options);
    let sources = loaded.sources.clone();
    crate::check::check(loaded).map_err(|diagnostics| crate::CompileError::Spec { sources, diagnostics })
}

//! `vecrun check`: validate specs and describe them.

use std::fmt::Write;
use std::path::PathBuf;

use clap::Args;

use super::{exit, report_compile_error, report_warnings};
use crate::check::TypedSpec;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Spec files (.vspec) to check.
    #[arg(required = true, value_name = "SPEC")]
    pub specs: Vec<PathBuf>,
    /// Vector budget used to decide whether the input space can be enumerated exhaustively
    /// (default: the spec's `budget.vectors`, else 10_000_000, as `vecrun run` uses).
    #[arg(long, value_name = "N", value_parser = super::run_cmd::parse_count)]
    pub vectors: Option<u64>,
    /// Also print the lowered IR of every property.
    #[arg(long)]
    pub dump_ir: bool,
}

pub fn run(args: CheckArgs) -> i32 {
    let mut code = exit::OK;
    for path in &args.specs {
        match super::compile(path) {
            Ok(checked) => {
                report_warnings(&checked.spec.sources, &checked.warnings);
                let vectors = args.vectors.or(checked.spec.header.budget.vectors).unwrap_or(crate::DEFAULT_VECTORS);
                out!("{}", describe(&checked.spec, vectors));
                if args.dump_ir {
                    out!("{}", crate::ir::lower(&checked.spec));
                }
            }
            Err(e) => {
                report_compile_error(&e);
                code = exit::ERROR;
            }
        }
    }
    code
}

/// The text `vecrun check` prints for one spec.
pub fn describe(spec: &TypedSpec, vectors: u64) -> String {
    let mut s = String::new();
    let h = &spec.header;
    let _ = writeln!(
        s,
        "spec {} {} ({})  {}",
        h.name,
        h.version.as_deref().unwrap_or("(no version)"),
        h.status.as_deref().unwrap_or("no status"),
        spec.sources.get(crate::diag::FileId(0)).name
    );
    let _ = writeln!(s, "  hash  {}", spec.hash.hex());
    if spec.sources.len() > 1 {
        let names: Vec<&str> = spec.sources.files().skip(1).map(|(_, f)| f.name.as_str()).collect();
        let _ = writeln!(s, "  imports  {}", names.join(", "));
    }
    let _ = writeln!(s, "  inputs");
    let w_name = crate::run::report::column_width(spec.inputs.iter().map(|i| i.name.len()).max().unwrap_or(0));
    let w_ty = crate::run::report::column_width(spec.inputs.iter().map(|i| i.ty.to_string().len()).max().unwrap_or(0));
    let w_dom = crate::run::report::column_width(spec.inputs.iter().map(|i| i.domain_text.len()).max().unwrap_or(0));
    for i in &spec.inputs {
        let _ = writeln!(
            s,
            "    {:w_name$}  {:w_ty$}  {:w_dom$}  {} values",
            i.name,
            i.ty.to_string(),
            i.domain_text,
            crate::lint::space::count_text(i.ty, &i.domain)
        );
    }
    let owned = |p: &str| spec.inputs.iter().any(|i| i.owner.as_deref() == Some(p));
    // With per-property inputs, each such property has a space of its own (listed with it).
    if spec.properties.iter().any(|p| !owned(&p.name)) || spec.properties.is_empty() {
        let _ = writeln!(s, "  space  {}", space_text(spec.inputs.iter().filter(|i| i.owner.is_none()), vectors));
    }
    let _ = writeln!(s, "  properties");
    for p in &spec.properties {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        let _ = writeln!(
            s,
            "    {}  ({}, {}, {})",
            p.name,
            plural(p.asserts.len(), "assert"),
            plural(p.assumes.len(), "assume"),
            plural(p.covers.len(), "cover")
        );
        if owned(&p.name) {
            let its = spec.inputs.iter().filter(|i| i.owner.as_deref().is_none_or(|o| o == p.name));
            let _ = writeln!(s, "      space  {}", space_text(its, vectors));
        }
        for a in &p.asserts {
            let msg = a.message.as_ref().map(|m| format!("  \"{m}\"")).unwrap_or_default();
            let _ = writeln!(s, "      assert {}{}  at {}", a.text, msg, a.location);
        }
    }
    s
}

/// The size of the space of `inputs` and what a run with `vectors` does with it.
fn space_text<'a>(inputs: impl Iterator<Item = &'a crate::check::Input>, vectors: u64) -> String {
    let mut log2_total = 0.0;
    let mut exact_total: Option<u64> = Some(1);
    for i in inputs {
        let (exact, log2) = crate::lint::space::input_count(i.ty, &i.domain);
        log2_total += log2;
        exact_total = exact_total.and_then(|t| exact.and_then(|n| t.checked_mul(n)));
    }
    match exact_total {
        Some(n) if n <= vectors => format!(
            "{} vectors: enumerable within {} (runs exhaustively; passing properties are PROVEN)",
            crate::run::report::group(n),
            crate::run::report::group(vectors)
        ),
        Some(n) => format!(
            "{} vectors: larger than {}, sampled (use --exhaustive to enumerate)",
            crate::run::report::group(n),
            crate::run::report::group(vectors)
        ),
        None => format!("about 2^{log2_total:.0} vectors: too large to enumerate, sampled"),
    }
}

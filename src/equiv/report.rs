//! The terminal report of `vecrun equiv` (what `vecrun run`'s is to a run, `crate::run::report`):
//! a table of the functions, then each function's differences (grouped by which outputs differ,
//! the first few explained with both results) and intended differences, then the verdict.

use std::fmt::Write as _;

use super::job::{FunctionResult, JobOutcome, intended_path};
use super::{Difference, Side, eval};
use crate::check::{Type, Value};
use crate::diag;
use crate::ir::Program;
use crate::output::parquet;
use crate::run::Verdict;
use crate::run::report::{column_width, group, input_values, rate};

/// The lines before the comparisons run: both specs, and the functions only NEW has.
pub fn header(old: &Side, new: &Side, only_new: &[String]) -> String {
    let mut s = format!("equiv OLD {} (hash {})\n", old.path.display(), old.spec.hash.short());
    let _ = writeln!(s, "      NEW {} (hash {})", new.path.display(), new.spec.hash.short());
    if !only_new.is_empty() {
        let _ = writeln!(s, "      not compared (only in NEW, no old behaviour): {}", only_new.join(", "));
    }
    s
}

/// The terminal report: a table, then each function's differences and intended differences (the
/// first `show` of each explained), then the verdict.
pub fn render(outcome: &JobOutcome, show: usize) -> String {
    let runs = &outcome.functions;
    let mut s = String::new();
    if let Some(f) = runs.first() {
        let _ = writeln!(s, "backend {} [{}]  seed {}", f.run.backend, f.run.adapter, outcome.seed);
    }
    let _ = writeln!(s);
    let w = column_width(runs.iter().map(|f| f.comparison.signature.len()).max().unwrap_or(8).max(8));
    let _ = writeln!(
        s,
        "{:w$}  {:9}  {:>28}  {:>12}  {:>10}  {:>11}",
        "function", "verdict", "vectors", "differences", "intended", "vectors/s"
    );
    for FunctionResult { comparison: c, run: r, .. } in runs {
        let phases: Vec<String> =
            r.plan.phases.iter().filter(|(_, n)| *n > 0).map(|(p, n)| format!("{} {}", p.name(), group(*n))).collect();
        let _ = writeln!(
            s,
            "{:w$}  {:9}  {:>28}  {:>12}  {:>10}  {:>11}",
            c.signature,
            r.verdict.name(),
            phases.join(" + "),
            group(r.stats.failed),
            if c.allow.is_some() { group(r.intended) } else { "-".into() },
            rate(r.vectors_done as f64 / r.seconds.max(1e-9))
        );
    }
    for FunctionResult { comparison: c, compiled: k, dir, run: r } in runs {
        let sources = &k.spec.sources;
        for d in &r.divergences {
            let _ = writeln!(s, "\n{}", crate::run::report::divergence_line(&c.function, d, "a difference"));
        }
        if r.stats.failed > 0 {
            let _ = writeln!(s, "\nDIFFERENT {}: {} of {} vectors differ", c.function, group(r.stats.failed), group(r.stats.evaluated));
            let _ = writeln!(
                s,
                "  outputs that differ, in the {} kept difference{}:",
                group(r.differences.len() as u64),
                plural(r.differences.len())
            );
            for (class, n) in classes(&r.differences) {
                let _ = writeln!(s, "    {class}: {}", group(n as u64));
            }
            for d in r.differences.iter().take(show) {
                let _ = writeln!(s, "  difference {} #{}:", d.phase.name(), d.index);
                explain(&mut s, &r.program, sources, &d.slots, &d.old, &d.new, c.ret);
                if let Some((shrunk, steps)) = &d.shrunk {
                    let (o, n) = super::results(k, &r.program, shrunk);
                    let _ = writeln!(s, "    shrunk in {steps} steps to:");
                    explain(&mut s, &r.program, sources, shrunk, &o, &n, c.ret);
                }
            }
            let _ = writeln!(s, "  all kept differences: {}", parquet::table_path(dir, parquet::Table::Counterexamples).display());
        }
        if let Some(allow) = &c.allow {
            let _ = writeln!(s, "\nintended differences of {} (--allow {allow}): {}", c.function, group(r.intended));
            for d in r.intended_examples.iter().take(show) {
                let _ = writeln!(s, "  intended {} #{}:", d.phase.name(), d.index);
                explain(&mut s, &r.program, sources, &d.slots, &d.old, &d.new, c.ret);
            }
            if r.intended > 0 {
                let _ = writeln!(s, "  examples: {}", intended_path(dir).display());
            }
        }
    }
    let different: Vec<&str> = runs.iter().filter(|f| !f.run.equivalent()).map(|f| f.comparison.function.as_str()).collect();
    let _ = writeln!(s);
    if different.is_empty() {
        let proven = runs.iter().filter(|f| f.run.verdict == Verdict::Proven).count();
        let modulo = if runs.iter().any(|f| f.comparison.allow.is_some()) { " (modulo --allow)" } else { "" };
        if proven == runs.len() {
            let _ = writeln!(
                s,
                "EQUIVALENT{modulo}: {} function{} PROVEN over {} whole domain{}",
                runs.len(),
                plural(runs.len()),
                if runs.len() == 1 { "its" } else { "their" },
                plural(runs.len())
            );
        } else {
            let _ = writeln!(
                s,
                "EQUIVALENT{modulo} on every vector tried: {} function{}, {proven} of them PROVEN over the whole domain (the others' parameter spaces are larger than --vectors; --exhaustive enumerates them)",
                runs.len(),
                plural(runs.len())
            );
        }
    } else {
        let _ = writeln!(
            s,
            "NOT EQUIVALENT: {} of {} function{} differ{}: {}",
            different.len(),
            runs.len(),
            plural(runs.len()),
            if different.len() == 1 { "s" } else { "" },
            different.join(", ")
        );
    }
    s
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// How many kept differences fall in each class, most common first.
pub fn classes(ds: &[Difference]) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for d in ds {
        match counts.iter_mut().find(|(c, _)| *c == d.class) {
            Some((_, n)) => *n += 1,
            None => counts.push((d.class.clone(), 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts
}

/// The inputs of a vector and both results (for arrays, only the elements that differ).
pub fn explain(
    s: &mut String,
    program: &Program,
    sources: &diag::SourceMap,
    slots: &[u32],
    old: &Result<Value, eval::Trap>,
    new: &Result<Value, eval::Trap>,
    ret: Type,
) {
    for (name, value) in input_values(program, slots) {
        let _ = writeln!(s, "      {name} = {value}");
    }
    match (old, new, ret) {
        (Ok(Value::Array(_, a)), Ok(Value::Array(_, b)), Type::Array(elem, _)) if a.len() > 8 => {
            for k in super::differing_elements(elem, a, b).into_iter().take(8) {
                let _ = writeln!(s, "      [{k}]: old {}, new {}", elem.display_wide(a[k]), elem.display_wide(b[k]));
            }
        }
        _ => {
            let _ = writeln!(s, "      old -> {}", super::value_text(old, sources));
            let _ = writeln!(s, "      new -> {}", super::value_text(new, sources));
        }
    }
}

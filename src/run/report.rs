//! The run report people read: a per-property table, health warnings, and the first
//! counterexamples with their inputs, the failing assert's message and source line.

use std::fmt::Write;

use super::{Phase, PropertyStats, Verdict};
use crate::check::Type;
use crate::ir::{self, Outcome, Program};

/// Width of a padded text column: the longest entry, but at most [`MAX_COLUMN`] (longer entries
/// are printed whole, unpadded; a width over 65,535 would make the formatter panic).
pub fn column_width(longest: usize) -> usize {
    longest.min(MAX_COLUMN)
}

/// Widest padded column in tables.
pub const MAX_COLUMN: usize = 64;

/// Input values of one stored vector as `(name, text)`, printable (stored names are escaped).
pub fn format_inputs(inputs: &[(String, Type)], slots: &[u32]) -> Vec<(String, String)> {
    crate::output::results::stored_input_values(inputs, slots)
        .into_iter()
        .map(|(name, text)| (crate::fsio::printable(&name), text))
        .collect()
}

/// Input values of one vector, as `name = value` texts, from its slot values.
pub fn input_values(program: &Program, slots: &[u32]) -> Vec<(String, String)> {
    values_of(program.inputs.iter(), slots)
}

/// [`input_values`] of the inputs property `property` reads: the spec-wide ones and its own.
pub fn input_values_of(program: &Program, property: &str, slots: &[u32]) -> Vec<(String, String)> {
    values_of(program.inputs.iter().filter(|i| i.owner.as_deref().is_none_or(|o| o == property)), slots)
}

fn values_of<'a>(inputs: impl Iterator<Item = &'a crate::ir::InputIr>, slots: &[u32]) -> Vec<(String, String)> {
    inputs
        .map(|i| {
            let first = i.first_slot as usize;
            let words = slots.get(first..first + i.ty.slots() as usize).unwrap_or(&[]);
            (i.name.clone(), crate::check::Value::from_bits(i.ty, words).to_string())
        })
        .collect()
}

/// Thousands separators (`1_000_000`), as the spec language writes numbers.
pub fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('_');
        }
        out.push(c);
    }
    out
}

/// Human rate, e.g. `12.3 M/s`.
pub fn rate(v: f64) -> String {
    if v >= 1e9 {
        format!("{:.2} G/s", v / 1e9)
    } else if v >= 1e6 {
        format!("{:.1} M/s", v / 1e6)
    } else if v >= 1e3 {
        format!("{:.1} k/s", v / 1e3)
    } else {
        format!("{v:.0} /s")
    }
}

/// What went wrong for a failing outcome, with its source location.
pub fn failure_reason(prop: &ir::PropertyIr, outcome: Outcome) -> (String, String, String) {
    match outcome {
        Outcome::Fail(id) => {
            let Some(site) = prop.asserts.get(id as usize) else {
                return (format!("assert #{id} (not in this spec)"), String::new(), String::new());
            };
            (site.message.clone().unwrap_or_else(|| format!("assertion failed: {}", site.text)), site.text.clone(), site.location.clone())
        }
        Outcome::OutOfBounds(id) => {
            let Some(site) = prop.bounds_sites.get(id as usize) else {
                return (format!("index out of bounds at site #{id} (not in this spec)"), String::new(), String::new());
            };
            (
                format!("index out of bounds: `{}` ({})", site.text, site.message.clone().unwrap_or_default()),
                site.text.clone(),
                site.location.clone(),
            )
        }
        Outcome::LoopBound(id) => {
            let Some(site) = prop.loop_sites.get(id as usize) else {
                return (format!("loop bound exceeded at loop site #{id} (not in this spec)"), String::new(), String::new());
            };
            (
                format!("loop bound exceeded: `{}` ({})", site.text, site.message.clone().unwrap_or_default()),
                site.text.clone(),
                site.location.clone(),
            )
        }
        Outcome::ImplCrashed(id) | Outcome::ImplTimeout(id) => {
            let what = if matches!(outcome, Outcome::ImplCrashed(_)) { "crashed" } else { "timed out" };
            let Some(site) = prop.extern_sites.get(id as usize) else {
                return (format!("implementation {what} at extern call site #{id} (not in this spec)"), String::new(), String::new());
            };
            let name = site.site.message.clone().unwrap_or_default();
            (format!("the implementation of `{name}` {what}"), site.site.text.clone(), site.site.location.clone())
        }
        Outcome::Invalid(code) => {
            (format!("invalid outcome code {code:#x} (a backend bug; please report it)"), String::new(), String::new())
        }
        Outcome::Pass | Outcome::Discard(_) => (String::new(), String::new(), String::new()),
    }
}

/// The report printed by `vecrun run`: `show` counterexamples per failed property, and `replay`
/// (a command that reproduces the run) in the hints.
pub fn render(outcome: &super::runner::RunOutcome, show: usize, replay: &str) -> String {
    let super::runner::RunOutcome { spec, program, space, result, counterexamples, manifest, .. } = outcome;
    let solver = &manifest.solver;
    let mut s = String::new();
    let phases: Vec<String> = result.plan.phases.iter().map(|(p, n)| format!("{} {}", p.name(), group(*n))).collect();
    let _ = writeln!(s, "spec {} {}  hash {}", spec.header.name, spec.header.version.as_deref().unwrap_or(""), spec.hash.short());
    let _ = writeln!(s, "backend {} [{}]  phases: {}", result.backend, result.adapter, phases.join(", "));
    let _ = writeln!(s);
    let w = crate::run::report::column_width(program.properties.iter().map(|p| p.name.len()).max().unwrap_or(8).max(8));
    let _ =
        writeln!(s, "{:w$}  {:15}  {:>14}  {:>14}  {:>12}  {:>12}", "property", "verdict", "evaluated", "failed", "discarded", "vectors/s");
    // The rate of the sampled vectors: the solver phase's time counts towards the budget, not here.
    let secs = (result.seconds - outcome.solver_seconds).max(1e-9);
    for (i, p) in program.properties.iter().enumerate() {
        let st = &result.stats[i];
        let verdict = result.verdicts[i].name();
        let _ = writeln!(
            s,
            "{:w$}  {:15}  {:>14}  {:>14}  {:>12}  {:>12}",
            p.name,
            verdict,
            group(st.evaluated),
            group(st.failed),
            group(st.discarded),
            rate(result.vectors_done as f64 / secs)
        );
        for line in solver_lines(&p.name, solver) {
            let _ = writeln!(s, "{:w$}    {line}", "");
        }
        if result.verdicts[i] == Verdict::Incomplete && result.vectors_planned > 0 {
            let _ = writeln!(
                s,
                "{:w$}    INCOMPLETE {} of {} vectors (the run stopped early; resume it to finish)",
                "",
                group(st.evaluated),
                group(result.plan.planned_for(&p.name).unwrap_or(result.vectors_planned))
            );
        }
        for (c, site) in p.covers.iter().enumerate() {
            let kept = st.evaluated - st.discarded;
            let hits = st.cover_hits.get(c).copied().unwrap_or(0);
            let pct = if kept > 0 { 100.0 * hits as f64 / kept as f64 } else { 0.0 };
            let label = site.message.clone().unwrap_or_else(|| site.text.clone());
            let _ = writeln!(s, "{:w$}    cover \"{label}\": {} hits ({pct:.2}%)", "", group(hits));
        }
        health(&mut s, p, st, w);
    }
    let solver =
        if outcome.solver_seconds > 0.0 { format!(", the solver phase {:.2} s of it", outcome.solver_seconds) } else { String::new() };
    let _ = writeln!(
        s,
        "\n{} vectors in {:.2} s ({}{solver})",
        group(result.vectors_done),
        result.seconds,
        rate(result.vectors_done as f64 / secs)
    );
    for d in &result.divergences {
        let _ = writeln!(s, "\n{}", divergence_line(&d.property, d, "a counterexample"));
    }
    for (i, p) in program.properties.iter().enumerate() {
        if result.verdicts[i] != Verdict::Failed {
            continue;
        }
        let st = &result.stats[i];
        // Rows that are not generated vectors: saved regressions, --dataset rows, solver models
        // and symbolic edge cases.
        let is_extra = |c: &&crate::output::model::Counterexample| c.property == p.name && c.phase.phase().is_none();
        let extra = counterexamples.iter().filter(is_extra).count();
        if st.failed > 0 || extra == 0 {
            let _ = writeln!(s, "\nFAILED {}: {} of {} vectors failed", p.name, group(st.failed), group(st.evaluated));
        }
        if extra > 0 {
            let _ = writeln!(
                s,
                "{}FAILED {}: {} other vector{} failed (saved regressions, --dataset rows, solver models, symbolic edge cases)",
                if st.failed > 0 { "" } else { "\n" },
                p.name,
                group(extra as u64),
                if extra == 1 { "" } else { "s" }
            );
        }
        for f in st.failures.iter().take(show) {
            let (msg, _text, loc) = failure_reason(p, f.outcome());
            // A row re-run against an implementation says more (a crash's exit status, a result
            // that changed between runs).
            let row = counterexamples.iter().find(|c| c.property == p.name && c.vector_index == f.index && c.phase == f.phase.name());
            let msg = match row {
                Some(c) if p.calls_extern() => crate::fsio::printable(&c.assert_message),
                _ => msg,
            };
            let _ = writeln!(s, "  counterexample {} #{}  ({loc}): {msg}", f.phase.name(), f.index);
            let generator = space.generator_of(i);
            let mut slots = vec![0u32; generator.slots];
            generator.decode(f.phase, f.index, &mut slots);
            for (name, value) in input_values_of(program, &p.name, &slots) {
                let _ = writeln!(s, "      {name} = {value}");
            }
            let shrunk = counterexamples.iter().find(|c| c.property == p.name && c.vector_index == f.index && c.phase == f.phase.name());
            if let Some(c) = shrunk.filter(|c| c.shrink_steps > 0 && c.shrunk != c.original) {
                let _ = writeln!(s, "    shrunk in {} steps to:", c.shrink_steps);
                for (name, value) in input_values_of(program, &p.name, &c.shrunk) {
                    let _ = writeln!(s, "      {name} = {value}");
                }
            }
        }
        for c in counterexamples.iter().filter(is_extra).take(show) {
            let what = match c.phase {
                crate::output::model::Source::Dataset => format!("dataset row {}", c.vector_index),
                crate::output::model::Source::Solver => format!("the solver (goal {})", c.vector_index),
                crate::output::model::Source::Symbolic => format!("a symbolic edge case ({})", c.vector_index),
                _ => format!("saved regression (index {})", c.vector_index),
            };
            let _ = writeln!(s, "  counterexample from {what}  ({}): {}", c.location, c.assert_message);
            for (name, value) in input_values_of(program, &p.name, &c.original) {
                let _ = writeln!(s, "      {name} = {value}");
            }
            if c.shrink_steps > 0 && c.shrunk != c.original {
                let _ = writeln!(s, "    shrunk in {} steps to:", c.shrink_steps);
                for (name, value) in input_values_of(program, &p.name, &c.shrunk) {
                    let _ = writeln!(s, "      {name} = {value}");
                }
            }
        }
        if st.failures.len() > show {
            let _ = writeln!(s, "  ... {} more recorded (first {} failing indices are kept)", st.failures.len() - show, st.failures.len());
        }
        if let Some(f) = st.failures.first() {
            let _ = writeln!(s, "  replay: {replay} --property {} --phase {} --index {}", p.name, f.phase.name(), f.index);
        }
    }
    s
}

/// Warnings about a property's health (e.g. an assume that discards most vectors).
fn health(s: &mut String, p: &ir::PropertyIr, st: &PropertyStats, w: usize) {
    if st.evaluated > 0 && st.discarded * 10 > st.evaluated * 9 {
        let (id, _) = st.discards_by_assume.iter().enumerate().max_by_key(|(_, c)| **c).unwrap_or((0, &0));
        if let Some(site) = p.assumes.get(id) {
            let pct = 100.0 * st.discarded as f64 / st.evaluated as f64;
            let _ =
                writeln!(s, "{:w$}    warning: {pct:.1}% of vectors discarded, mostly by `assume {}` at {}", "", site.text, site.location);
        }
    }
}

/// Used by replay by index.
pub fn phase_of(name: &str) -> Option<Phase> {
    Phase::parse(name)
}

/// What the solver phase said about one property: one line when it proved every goal, else a
/// line per goal it did not prove.
pub fn solver_lines(property: &str, solver: &[crate::output::model::SolverRecord]) -> Vec<String> {
    let mine: Vec<&crate::output::model::SolverRecord> = solver.iter().filter(|r| r.property == property).collect();
    if mine.is_empty() {
        return Vec::new();
    }
    let seconds: f64 = mine.iter().map(|r| r.seconds).sum();
    if mine.iter().all(|r| r.result == "proven") {
        let n = mine.len();
        return vec![format!(
            "solver: no input in the domains fails its {n} assert{} and index check{} ({seconds:.2} s)",
            if n == 1 { "" } else { "s" },
            if n == 1 { "" } else { "s" }
        )];
    }
    mine.iter()
        .filter(|r| r.result != "proven")
        .map(|r| match &r.reason {
            Some(why) => format!("solver: {} {} ({:.2} s): {why}", r.site, r.result, r.seconds),
            None => format!("solver: {} {} ({:.2} s)", r.site, r.result, r.seconds),
        })
        .collect()
}

/// The report line of a vector on which a device and the CPU reference disagreed (`what` it was
/// not counted as: a counterexample, a difference).
pub fn divergence_line(name: &str, d: &super::Divergence, what: &str) -> String {
    format!(
        "BACKEND-DIVERGENT {name}: {} #{}: GPU says {:?}, CPU says {:?} (not counted as {what}; please report it)",
        d.phase.name(),
        d.index,
        Outcome::decode(d.gpu_outcome),
        Outcome::decode(d.cpu_outcome)
    )
}

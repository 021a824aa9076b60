//! What `vecrun report` says about a stored run (its counterexample table, and its summary when
//! there is one): per property, the counterexample count, the simplest shrunk vector, each failing
//! assert with its source line (from the sources stored in the file), and the distribution of the
//! failing (original) values of every input; and the JUnit cases of the same run. Everything shown
//! from the file (names, messages, phases, locations, source lines) goes through [`printable`]: a
//! stored escape sequence is shown, never sent to the terminal.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use super::report::{column_width, format_inputs, group};
use crate::check::Type;
use crate::fsio::printable;
use crate::r#gen::domain::Domain;
use crate::output::junit::JunitCase;
use crate::output::parquet::{StoredCounterexample, StoredRun, StoredSummary};
use crate::sem::ScalarType;
use crate::shrink::{self, Simplicity};

/// How simple a stored vector is, in the shrinker's order ([`shrink::simplicity`]: non-zero values,
/// then the sum of each value's distance from the simplest one); smaller is simpler. Only the types
/// of a stored run are known, so each value is measured over its whole type ([`Domain::whole`]; a
/// 64-bit value as one value, [`shrink::WidePair`]).
pub fn simplicity(inputs: &[(String, Type)], slots: &[u32]) -> Simplicity {
    let domains: Vec<Domain> = inputs.iter().flat_map(|(_, ty)| crate::ir::input_slot_domains(*ty, &Domain::whole(ty.elem()))).collect();
    let firsts = inputs.iter().scan(0usize, |at, (_, ty)| {
        let first = *at;
        *at += ty.slots() as usize;
        Some((*ty, first))
    });
    shrink::simplicity(&domains, &shrink::WidePair::of_inputs(firsts), slots)
}

/// The row whose shrunk vector is simplest ([`simplicity`], then the lowest index).
pub fn smallest<'a>(inputs: &[(String, Type)], rows: &[&'a StoredCounterexample]) -> Option<&'a StoredCounterexample> {
    rows.iter().copied().min_by_key(|r| (simplicity(inputs, &r.shrunk), r.vector_index))
}

/// Orders bit patterns as values of type `s` (NaN last); a 64-bit type's whole patterns.
fn value_order(s: ScalarType, a: u64, b: u64) -> std::cmp::Ordering {
    match s {
        ScalarType::I64 => (a as i64).cmp(&(b as i64)),
        ScalarType::F64 => {
            let (x, y) = (f64::from_bits(a), f64::from_bits(b));
            match (x.is_nan(), y.is_nan()) {
                (true, true) => a.cmp(&b),
                (true, false) => std::cmp::Ordering::Greater,
                (false, true) => std::cmp::Ordering::Less,
                _ => x.total_cmp(&y),
            }
        }
        t if t.is_signed() => (a as u32 as i32).cmp(&(b as u32 as i32)),
        ScalarType::F32 => {
            let (x, y) = (f32::from_bits(a as u32), f32::from_bits(b as u32));
            match (x.is_nan(), y.is_nan()) {
                (true, true) => a.cmp(&b),
                (true, false) => std::cmp::Ordering::Greater,
                (false, true) => std::cmp::Ordering::Less,
                _ => x.total_cmp(&y),
            }
        }
        ScalarType::Bool
        | ScalarType::U32
        | ScalarType::U8
        | ScalarType::U16
        | ScalarType::U64
        | ScalarType::I32
        | ScalarType::I8
        | ScalarType::I16 => a.cmp(&b),
    }
}

/// min / max / most common of one input over failing vectors (array inputs: over all elements).
#[derive(Clone, Debug, PartialEq)]
pub struct Distribution {
    pub input: String,
    pub ty: Type,
    /// Value patterns of the input's type (a 32-bit type's in the low word).
    pub min: u64,
    pub max: u64,
    /// The most common value and how many times it occurs (ties: the smallest value).
    pub most_common: (u64, usize),
    /// Number of values counted.
    pub count: usize,
}

impl Distribution {
    pub fn render(&self) -> String {
        let s = self.ty.elem();
        let over = match self.ty {
            Type::Array(_, n) => format!(" (all {n} elements)"),
            Type::Scalar(_) | Type::Record(_) | Type::RecordArray(..) => String::new(),
        };
        if s == ScalarType::Bool {
            let trues = if self.most_common.0 == 1 { self.most_common.1 } else { self.count - self.most_common.1 };
            return format!("{}{over}: true {}, false {}", printable(&self.input), group(trues as u64), group((self.count - trues) as u64));
        }
        let common = if self.most_common.1 > 1 || self.count == 1 {
            format!(
                "most common {} ({} of {})",
                s.display_wide(self.most_common.0),
                group(self.most_common.1 as u64),
                group(self.count as u64)
            )
        } else {
            format!("all {} values distinct", group(self.count as u64))
        };
        format!("{}{over}: min {}  max {}  {common}", printable(&self.input), s.display_wide(self.min), s.display_wide(self.max))
    }
}

/// The distribution of each input's original values over `rows`.
pub fn distributions(inputs: &[(String, Type)], rows: &[&StoredCounterexample]) -> Vec<Distribution> {
    let mut out = Vec::new();
    let mut at = 0usize;
    for (name, ty) in inputs {
        let s = ty.elem();
        let words = s.words() as usize;
        let n = ty.slots() as usize;
        let mut counts: HashMap<u64, usize> = HashMap::new();
        let mut min: Option<u64> = None;
        let mut max: Option<u64> = None;
        let mut count = 0usize;
        for r in rows {
            for k in (0..n).step_by(words) {
                let Some(value) = r.original.get(at + k..at + k + words) else { continue };
                let b = value.iter().rev().fold(0u64, |acc, w| acc << 32 | *w as u64);
                count += 1;
                *counts.entry(b).or_default() += 1;
                min = Some(match min {
                    Some(m) if value_order(s, m, b).is_le() => m,
                    _ => b,
                });
                max = Some(match max {
                    Some(m) if value_order(s, m, b).is_ge() => m,
                    _ => b,
                });
            }
        }
        at += n;
        let (Some(min), Some(max)) = (min, max) else { continue };
        let most_common =
            counts.iter().map(|(v, c)| (*v, *c)).max_by(|a, b| a.1.cmp(&b.1).then(value_order(s, b.0, a.0))).unwrap_or((min, 0));
        out.push(Distribution { input: name.clone(), ty: *ty, min, max, most_common, count });
    }
    out
}

/// `file:line:col` split into its parts (the file name may itself contain `:`).
pub fn parse_location(location: &str) -> Option<(&str, usize, usize)> {
    let mut parts = location.rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let file = parts.next()?;
    Some((file, line, col))
}

/// The source line a location points at, rendered rustc-style with a caret (stored text escaped).
pub fn source_excerpt(sources: &[(String, String)], location: &str) -> Option<String> {
    let (file, line, col) = parse_location(location)?;
    let text = &sources.iter().find(|(n, _)| n == file)?.1;
    let src = printable(text.lines().nth(line.checked_sub(1)?)?);
    let w = column_width(line.to_string().len());
    // The caret lines up with the escaped line: count the escaped width of the characters before it.
    let pad: String = text
        .lines()
        .nth(line - 1)?
        .chars()
        .take(col.saturating_sub(1))
        .flat_map(|c| {
            let shown = printable(c.encode_utf8(&mut [0u8; 4]));
            let n = if c == '\t' { 0 } else { shown.chars().count() };
            std::iter::repeat_n(' ', n).chain((c == '\t').then_some('\t'))
        })
        .collect();
    let location = printable(location);
    Some(format!("{:w$} --> {location}\n{:w$} |\n{line} | {src}\n{:w$} | {pad}^\n", "", "", ""))
}

/// The property names of a run: the manifest's, then any others found in the rows.
pub fn property_names(run: &StoredRun) -> Vec<String> {
    let mut names = run.manifest.properties.clone();
    for r in &run.rows {
        if !names.contains(&r.property) {
            names.push(r.property.clone());
        }
    }
    names
}

/// The text `vecrun report` prints.
pub fn render_report(path: &Path, run: &StoredRun, summary: Option<&StoredSummary>) -> String {
    let m = &run.manifest;
    let mut s = String::new();
    let _ = writeln!(s, "{} (vecrun output schema v{})", printable(&path.display().to_string()), run.schema_version);
    let _ = writeln!(
        s,
        "run {}  spec {} {}  hash {}  seed {}  generator v{}",
        printable(&m.run_id),
        printable(&m.spec_name),
        printable(m.spec_version.as_deref().unwrap_or("")),
        printable(crate::run::history::short_hash(&m.spec_hash)),
        m.seed,
        m.generator_version
    );
    let _ = writeln!(
        s,
        "backend {} [{}]  outcome {}  {} vectors in {:.2} s  started {}",
        printable(&m.backend),
        printable(&m.adapter),
        m.outcome.name(),
        group(m.vectors_done),
        m.wall_seconds,
        printable(&m.started_at)
    );
    let _ = writeln!(s, "{} counterexample{} in all", group(run.rows.len() as u64), if run.rows.len() == 1 { "" } else { "s" });
    for name in property_names(run) {
        // Only the inputs this property reads (another property's own inputs are not its).
        let (inputs, own_rows) = run.project(&name);
        let rows: Vec<&StoredCounterexample> = own_rows.iter().collect();
        let _ = writeln!(s);
        let mut head =
            format!("{}: {} counterexample{}", printable(&name), group(rows.len() as u64), if rows.len() == 1 { "" } else { "s" });
        if let Some(row) = summary.and_then(|x| x.rows.iter().find(|r| r.property == name)) {
            let _ = write!(
                head,
                "  [{}; {} evaluated, {} failed, {} discarded]",
                printable(&row.verdict),
                group(row.evaluated),
                group(row.failed),
                group(row.discarded)
            );
        }
        let _ = writeln!(s, "{head}");
        if rows.is_empty() {
            continue;
        }
        // Each distinct failure (assert or out-of-bounds site), most frequent first.
        let mut kinds: Vec<(String, String, usize)> = Vec::new();
        for r in &rows {
            let key = (r.assert_message.clone(), r.location.clone());
            match kinds.iter_mut().find(|k| k.0 == key.0 && k.1 == key.1) {
                Some(k) => k.2 += 1,
                None => kinds.push((key.0, key.1, 1)),
            }
        }
        kinds.sort_by_key(|k| std::cmp::Reverse(k.2));
        for (message, location, count) in &kinds {
            let _ = writeln!(s, "  {} x {}", group(*count as u64), printable(message));
            match source_excerpt(&run.sources, location) {
                Some(ex) => {
                    for line in ex.lines() {
                        let _ = writeln!(s, "    {line}");
                    }
                }
                None if !location.is_empty() => {
                    let _ = writeln!(s, "    at {}", printable(location));
                }
                None => {}
            }
        }
        if let Some(best) = smallest(&inputs, &rows) {
            let _ = writeln!(
                s,
                "  smallest shrunk vector ({} #{}, {} shrink step{}):",
                best.phase.name(),
                best.vector_index,
                best.shrink_steps,
                if best.shrink_steps == 1 { "" } else { "s" }
            );
            for (n, v) in format_inputs(&inputs, &best.shrunk) {
                let _ = writeln!(s, "      {n} = {v}");
            }
            // What the implementations returned on it (specs with extern fns).
            for ((name, ty), value) in run.externs.iter().zip(&best.implementation) {
                if let Some(bits) = value {
                    let _ = writeln!(s, "      {} returned {}", printable(name), crate::check::Value::from_bits(*ty, bits));
                }
            }
        }
        let _ = writeln!(s, "  failing values (original vectors):");
        for d in distributions(&inputs, &rows) {
            let _ = writeln!(s, "      {}", d.render());
        }
    }
    s
}

/// JUnit cases for a stored run: one per property, failing with the smallest shrunk vector.
pub fn junit_cases(run: &StoredRun, summary: Option<&StoredSummary>) -> Vec<JunitCase> {
    property_names(run)
        .into_iter()
        .map(|name| {
            let (inputs, own_rows) = run.project(&name);
            let rows: Vec<&StoredCounterexample> = own_rows.iter().collect();
            let time = summary.and_then(|x| x.rows.iter().find(|r| r.property == name)).map(|r| r.wall_seconds).unwrap_or(0.0);
            match smallest(&inputs, &rows) {
                Some(best) => {
                    let mut body = format!(
                        "{} counterexample{}; smallest shrunk vector ({} #{}, seed {}) at {}:\n",
                        rows.len(),
                        if rows.len() == 1 { "" } else { "s" },
                        best.phase,
                        best.vector_index,
                        best.seed,
                        best.location
                    );
                    for (n, v) in format_inputs(&inputs, &best.shrunk) {
                        let _ = writeln!(body, "  {n} = {v}");
                    }
                    JunitCase::failed(&name, &run.manifest.spec_name, time, &best.assert_message, body)
                }
                None => JunitCase::passed(&name, &run.manifest.spec_name, time),
            }
        })
        .collect()
}

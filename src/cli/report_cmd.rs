//! `vecrun report`: a readable summary of a run's counterexample table (its output directory,
//! `DIR/counterexamples/part-0.parquet`, or a layout 1 `counterexamples.parquet`): per property, the
//! counterexample count, the smallest shrunk vector, each failing assert with its source line
//! (from the sources stored in the file), and the distribution of the failing (original) values
//! of every input. Everything printed from the file (names, messages, phases, locations, source
//! lines) goes through [`printable`]: a stored escape sequence is shown, never sent to the terminal.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::Args;

use super::exit;
use crate::check::Type;
use crate::fsio::printable;
use crate::output::junit::{self, JunitCase};
use crate::output::parquet::{self, StoredCounterexample, StoredRun, StoredSummary};
use crate::run::report::format_inputs;
use crate::run::report::{column_width, group};
use crate::sem::ScalarType;

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// A run's (or merge's) output directory, or its counterexample file (`DIR/counterexamples/part-0.parquet`,
    /// or `DIR/counterexamples.parquet` as vecrun before schema version 4 wrote it).
    #[arg(value_name = "DIR|FILE.parquet")]
    pub file: PathBuf,
    /// The run's summary file (default: the one of the same output directory, `DIR/summary/part-0.parquet`
    /// or `DIR/summary.parquet`, when there is one).
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    /// Also write JUnit XML (one test case per property; failures carry the smallest shrunk vector).
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
}

/// Reads a counterexample file for a command. The parquet crate can panic on some damaged files;
/// the reader turns that into an error, and this keeps the panic message off the terminal (the
/// command is single-threaded here, so swapping the panic hook for the call is safe).
pub fn read_quietly<T>(read: impl FnOnce() -> T) -> T {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = read();
    std::panic::set_hook(previous);
    result
}

/// The size of one value, for "smallest": 0 for zero/false, else its magnitude.
fn magnitude(s: ScalarType, bits: u32) -> f64 {
    match s {
        ScalarType::Bool => (bits != 0) as u32 as f64,
        ScalarType::U32 => bits as f64,
        ScalarType::I32 => (bits as i32).unsigned_abs() as f64,
        ScalarType::F32 => {
            let v = f32::from_bits(bits);
            if v.is_nan() { f64::INFINITY } else { v.abs() as f64 }
        }
    }
}

/// How simple a vector is: (non-zero values, sum of magnitudes); smaller is simpler.
pub fn simplicity(inputs: &[(String, Type)], slots: &[u32]) -> (usize, f64) {
    let mut nonzero = 0usize;
    let mut sum = 0f64;
    let mut at = 0usize;
    for (_, ty) in inputs {
        for k in 0..ty.slots() as usize {
            let bits = slots.get(at + k).copied().unwrap_or(0);
            let m = magnitude(ty.elem(), bits);
            if m != 0.0 {
                nonzero += 1;
            }
            sum += m;
        }
        at += ty.slots() as usize;
    }
    (nonzero, sum)
}

/// The row whose shrunk vector is simplest (fewest non-zero values, then smallest values, then index).
pub fn smallest<'a>(inputs: &[(String, Type)], rows: &[&'a StoredCounterexample]) -> Option<&'a StoredCounterexample> {
    rows.iter().copied().min_by(|a, b| {
        let (na, sa) = simplicity(inputs, &a.shrunk);
        let (nb, sb) = simplicity(inputs, &b.shrunk);
        na.cmp(&nb).then(sa.total_cmp(&sb)).then(a.vector_index.cmp(&b.vector_index))
    })
}

/// Orders bit patterns as values of type `s` (NaN last).
fn value_order(s: ScalarType, a: u32, b: u32) -> std::cmp::Ordering {
    match s {
        ScalarType::Bool | ScalarType::U32 => a.cmp(&b),
        ScalarType::I32 => (a as i32).cmp(&(b as i32)),
        ScalarType::F32 => {
            let (x, y) = (f32::from_bits(a), f32::from_bits(b));
            match (x.is_nan(), y.is_nan()) {
                (true, true) => a.cmp(&b),
                (true, false) => std::cmp::Ordering::Greater,
                (false, true) => std::cmp::Ordering::Less,
                _ => x.total_cmp(&y),
            }
        }
    }
}

/// min / max / most common of one input over failing vectors (array inputs: over all elements).
#[derive(Clone, Debug, PartialEq)]
pub struct Distribution {
    pub input: String,
    pub ty: Type,
    pub min: u32,
    pub max: u32,
    /// The most common value and how many times it occurs (ties: the smallest value).
    pub most_common: (u32, usize),
    /// Number of values counted.
    pub count: usize,
}

impl Distribution {
    pub fn render(&self) -> String {
        let s = self.ty.elem();
        let over = match self.ty {
            Type::Array(_, n) => format!(" (all {n} elements)"),
            Type::Scalar(_) => String::new(),
        };
        if s == ScalarType::Bool {
            let trues = if self.most_common.0 == 1 { self.most_common.1 } else { self.count - self.most_common.1 };
            return format!("{}{over}: true {}, false {}", printable(&self.input), group(trues as u64), group((self.count - trues) as u64));
        }
        let common = if self.most_common.1 > 1 || self.count == 1 {
            format!("most common {} ({} of {})", s.display(self.most_common.0), group(self.most_common.1 as u64), group(self.count as u64))
        } else {
            format!("all {} values distinct", group(self.count as u64))
        };
        format!("{}{over}: min {}  max {}  {common}", printable(&self.input), s.display(self.min), s.display(self.max))
    }
}

/// The distribution of each input's original values over `rows`.
pub fn distributions(inputs: &[(String, Type)], rows: &[&StoredCounterexample]) -> Vec<Distribution> {
    let mut out = Vec::new();
    let mut at = 0usize;
    for (name, ty) in inputs {
        let s = ty.elem();
        let n = ty.slots() as usize;
        let mut counts: HashMap<u32, usize> = HashMap::new();
        let mut min: Option<u32> = None;
        let mut max: Option<u32> = None;
        let mut count = 0usize;
        for r in rows {
            for k in 0..n {
                let Some(&b) = r.original.get(at + k) else { continue };
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
fn property_names(run: &StoredRun) -> Vec<String> {
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
        printable(&m.outcome),
        group(m.vectors_done),
        m.wall_seconds,
        printable(&m.started_at)
    );
    let _ = writeln!(s, "{} counterexample{} in all", group(run.rows.len() as u64), if run.rows.len() == 1 { "" } else { "s" });
    for name in property_names(run) {
        let rows: Vec<&StoredCounterexample> = run.rows.iter().filter(|r| r.property == name).collect();
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
        if let Some(best) = smallest(&run.inputs, &rows) {
            let _ = writeln!(
                s,
                "  smallest shrunk vector ({} #{}, {} shrink step{}):",
                printable(&best.phase),
                best.vector_index,
                best.shrink_steps,
                if best.shrink_steps == 1 { "" } else { "s" }
            );
            for (n, v) in format_inputs(&run.inputs, &best.shrunk) {
                let _ = writeln!(s, "      {n} = {v}");
            }
        }
        let _ = writeln!(s, "  failing values (original vectors):");
        for d in distributions(&run.inputs, &rows) {
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
            let rows: Vec<&StoredCounterexample> = run.rows.iter().filter(|r| r.property == name).collect();
            let time = summary.and_then(|x| x.rows.iter().find(|r| r.property == name)).map(|r| r.wall_seconds).unwrap_or(0.0);
            match smallest(&run.inputs, &rows) {
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
                    for (n, v) in format_inputs(&run.inputs, &best.shrunk) {
                        let _ = writeln!(body, "  {n} = {v}");
                    }
                    JunitCase::failed(&name, &run.manifest.spec_name, time, &best.assert_message, body)
                }
                None => JunitCase::passed(&name, &run.manifest.spec_name, time),
            }
        })
        .collect()
}

pub fn run(args: ReportArgs) -> i32 {
    let Some(file) = parquet::resolve_table(&args.file, parquet::Table::Counterexamples) else {
        errln!(
            "error: `{}` holds no counterexample table ({}/{} or {})",
            printable(&args.file.display().to_string()),
            parquet::Table::Counterexamples.folder(),
            parquet::PART_FILE,
            parquet::COUNTEREXAMPLES_FILE
        );
        return exit::ERROR;
    };
    let stored = match read_quietly(|| parquet::read_counterexamples(&file)) {
        Ok(r) => r,
        Err(e) => {
            errln!("error: {}", printable(&e.to_string()));
            return exit::ERROR;
        }
    };
    if let Some(w) = stored.checksum.warning(&file) {
        errln!("warning: {w}");
    }
    let summary_path = args
        .summary
        .clone()
        .or_else(|| parquet::find_table(&parquet::output_dir_of(&file, parquet::Table::Counterexamples), parquet::Table::Summary));
    let summary = match &summary_path {
        Some(p) => match read_quietly(|| parquet::read_summary(p)) {
            Ok(s) if s.manifest.run_id == stored.manifest.run_id => {
                if let Some(w) = s.checksum.warning(p) {
                    errln!("warning: {w}");
                }
                Some(s)
            }
            Ok(_) => {
                errln!("warning: `{}` belongs to another run; ignoring it", p.display());
                None
            }
            Err(e) if args.summary.is_some() => {
                errln!("error: {}", printable(&e.to_string()));
                return exit::ERROR;
            }
            Err(e) => {
                errln!("warning: {}", printable(&e.to_string()));
                None
            }
        },
        None => None,
    };
    out!("{}", render_report(&file, &stored, summary.as_ref()));
    if let Some(path) = &args.junit {
        let cases = junit_cases(&stored, summary.as_ref());
        if let Err(e) = junit::write_junit(path, &stored.manifest.spec_name, &cases) {
            errln!("error: cannot write `{}`: {e}", path.display());
            return exit::ERROR;
        }
    }
    exit::OK
}

//! `vecrun lint`: warnings about specs that compile but check less than they seem to — over-narrow thresholds,
//! conditions that are constant, unused declarations, type-changing shadowing, spaces small enough to prove, and
//! (given a run's results) covers never hit and assumes that discard most vectors.
//!
//! Every rule has a stable code (`L001`...), listed in [`codes`] and documented in `docs/lint.md`. A rule's
//! diagnostic points at the source with a span and suggests a fix in a `help:` line. Lints look at the items of the
//! root spec file; imported files are linted when they are linted as specs of their own.
//!
//! A comment `// vecrun-lint: allow(L001, L009)` silences those codes on its own line, or, when it stands alone on
//! its line, on the next line.

pub mod absint;
pub mod exprs;
pub mod names;
pub mod runs;
pub mod sites;
pub mod space;
pub mod thresholds;

use std::collections::HashMap;
use std::path::Path;

use crate::CompileError;
use crate::diag::{Diagnostic, FileId, Severity, SourceMap};
use crate::load::Loaded;

pub use runs::RunData;

/// The lint codes, their short names and default severities.
pub mod codes {
    use crate::diag::Severity;

    pub const FLOAT_EQUALITY: &str = "L001";
    pub const TOLERANCE_BELOW_RESOLUTION: &str = "L002";
    pub const INT_EQUALITY_AMONG_RANGES: &str = "L003";
    pub const NARROW_RANGE_DOMAIN: &str = "L004";
    pub const ASSERT_ALWAYS_TRUE: &str = "L005";
    pub const ASSERT_ALWAYS_FALSE: &str = "L006";
    pub const ASSUME_REJECTS_NOTHING: &str = "L007";
    pub const ASSUME_REJECTS_EVERYTHING: &str = "L008";
    pub const UNUSED_INPUT: &str = "L009";
    pub const UNUSED_CONST: &str = "L010";
    pub const UNUSED_FN: &str = "L011";
    pub const SHADOWING_CHANGES_TYPE: &str = "L012";
    pub const ENUMERABLE_SPACE: &str = "L013";
    pub const COVER_NEVER_HIT: &str = "L014";
    pub const ASSUME_DISCARDS_MOST: &str = "L015";

    /// Every rule: code, name, default severity.
    pub const ALL: &[(&str, &str, Severity)] = &[
        (FLOAT_EQUALITY, "float-equality", Severity::Warning),
        (TOLERANCE_BELOW_RESOLUTION, "tolerance-below-resolution", Severity::Warning),
        (INT_EQUALITY_AMONG_RANGES, "int-equality-among-ranges", Severity::Warning),
        (NARROW_RANGE_DOMAIN, "narrow-range-domain", Severity::Warning),
        (ASSERT_ALWAYS_TRUE, "assert-always-true", Severity::Warning),
        (ASSERT_ALWAYS_FALSE, "assert-always-fails", Severity::Error),
        (ASSUME_REJECTS_NOTHING, "assume-rejects-nothing", Severity::Warning),
        (ASSUME_REJECTS_EVERYTHING, "assume-rejects-everything", Severity::Error),
        (UNUSED_INPUT, "unused-input", Severity::Warning),
        (UNUSED_CONST, "unused-const", Severity::Warning),
        (UNUSED_FN, "unused-fn", Severity::Warning),
        (SHADOWING_CHANGES_TYPE, "shadowing-changes-type", Severity::Warning),
        (ENUMERABLE_SPACE, "enumerable-space", Severity::Note),
        (COVER_NEVER_HIT, "cover-never-hit", Severity::Warning),
        (ASSUME_DISCARDS_MOST, "assume-discards-most", Severity::Warning),
    ];

    /// The code of a code or rule name (`L001` or `float-equality`), if it is one.
    pub fn lookup(name: &str) -> Option<&'static str> {
        ALL.iter().find(|(c, n, _)| c.eq_ignore_ascii_case(name) || *n == name).map(|(c, _, _)| *c)
    }
}

/// How to lint.
#[derive(Debug, Default)]
pub struct Options {
    /// `--deny warnings`: every warning becomes an error.
    pub deny_warnings: bool,
    /// Codes reported as errors (`--deny L001`).
    pub deny: Vec<&'static str>,
    /// Codes not reported (`--allow L013`).
    pub allow: Vec<&'static str>,
    /// The results of a run of this spec (`--run-summary FILE`).
    pub run: Option<RunData>,
    /// How imports are resolved (confined to the project directory by default).
    pub load: crate::load::LoadOptions,
}

/// The outcome of linting one spec: the compiler's warnings and the lints, in source order.
#[derive(Debug)]
pub struct Linted {
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
}

impl Linted {
    /// Whether any diagnostic is at error level (the exit code is then 1).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }
    /// The codes reported, in order (for tests).
    pub fn codes(&self) -> Vec<&'static str> {
        self.diagnostics.iter().map(|d| d.code).collect()
    }
}

/// Why a spec could not be linted.
#[derive(Debug, thiserror::Error)]
pub enum LintError {
    #[error("{0}")]
    Compile(CompileError),
    #[error(
        "`{run}` is a run of spec hash {run_hash}, but the spec now hashes to {spec_hash}; rerun it, or lint the spec version that was run"
    )]
    RunMismatch { run: String, run_hash: String, spec_hash: String },
}

/// Loads, checks and lints the spec at `path`.
pub fn lint_path(path: &Path, options: &Options) -> Result<Linted, LintError> {
    let loaded =
        crate::load::load_with(path, &crate::load::RealFs, &options.load).map_err(|e| LintError::Compile(CompileError::Load(e)))?;
    lint_loaded(loaded, options)
}

/// Checks and lints a loaded spec.
pub fn lint_loaded(loaded: Loaded, options: &Options) -> Result<Linted, LintError> {
    let sources = loaded.sources.clone();
    let checked =
        crate::check::check(loaded.clone()).map_err(|diagnostics| LintError::Compile(CompileError::Spec { sources, diagnostics }))?;
    let spec = &checked.spec;
    if let Some(run) = &options.run
        && run.spec_hash() != spec.hash.hex()
    {
        return Err(LintError::RunMismatch {
            run: run.path().display().to_string(),
            run_hash: run.spec_hash().to_string(),
            spec_hash: spec.hash.hex(),
        });
    }
    let mut lints = Vec::new();
    thresholds::check(spec, &mut lints);
    thresholds::narrow_domains(spec, &loaded, &mut lints);
    sites::check(spec, &mut lints);
    names::unused(spec, &loaded, &mut lints);
    names::shadowing(spec, &loaded, &mut lints);
    space::check(spec, &loaded, &mut lints);
    if let Some(run) = &options.run {
        runs::check(spec, run, &mut lints);
    }
    // Only the root file's items are linted.
    lints.retain(|d| d.span().is_none_or(|s| s.file == FileId(0)));
    let allowed = allow_comments(&loaded);
    lints.retain(|d| !options.allow.contains(&d.code) && !is_allowed_by_comment(d, &allowed, &spec.sources));
    let mut diagnostics: Vec<Diagnostic> = checked.warnings.clone();
    diagnostics.retain(|d| !options.allow.contains(&d.code));
    diagnostics.extend(lints);
    diagnostics.sort_by_key(|d| d.span().map(|s| (s.file, s.start)).unwrap_or_default());
    for d in &mut diagnostics {
        if options.deny.contains(&d.code) || (options.deny_warnings && d.severity == Severity::Warning) {
            d.severity = Severity::Error;
        }
    }
    Ok(Linted { sources: checked.spec.sources.clone(), diagnostics })
}

/// `// vecrun-lint: allow(L001, L002)` comments: per file, the lines (1-based) they apply to and their codes.
fn allow_comments(loaded: &Loaded) -> HashMap<(FileId, usize), Vec<String>> {
    let mut out: HashMap<(FileId, usize), Vec<String>> = HashMap::new();
    for f in &loaded.files {
        for c in &f.comments {
            let Some(rest) = c.text.split("vecrun-lint:").nth(1) else { continue };
            let Some(list) = rest.trim_start().strip_prefix("allow(").and_then(|r| r.split(')').next()) else { continue };
            let codes: Vec<String> = list.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
            let (line, _) = loaded.sources.line_col(f.id, c.span.start);
            out.entry((f.id, line)).or_default().extend(codes.iter().cloned());
            if !c.trailing {
                let (end_line, _) = loaded.sources.line_col(f.id, c.span.end);
                out.entry((f.id, end_line + 1)).or_default().extend(codes);
            }
        }
    }
    out
}

fn is_allowed_by_comment(d: &Diagnostic, allowed: &HashMap<(FileId, usize), Vec<String>>, sources: &SourceMap) -> bool {
    let Some(span) = d.span() else { return false };
    let (line, _) = sources.line_col(span.file, span.start);
    allowed.get(&(span.file, line)).is_some_and(|codes| codes.iter().any(|c| codes::lookup(c) == Some(d.code)))
}

/// A number for a message: plain for ordinary magnitudes, scientific otherwise (`1.192e-7`).
pub fn fmt_num(v: f64) -> String {
    let a = v.abs();
    if a == 0.0 {
        "0".to_string()
    } else if (1e-3..1e7).contains(&a) {
        // Four significant digits are plenty for a message.
        let digits = if a >= 1000.0 {
            0
        } else if a >= 1.0 {
            3
        } else {
            4 + (-a.log10().floor()) as usize
        };
        let s = format!("{v:.digits$}");
        if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s }
    } else {
        let s = format!("{v:.3e}");
        // `1.000e-9` -> `1e-9`.
        match s.split_once('e') {
            Some((m, e)) => format!("{}e{e}", m.trim_end_matches('0').trim_end_matches('.')),
            None => s,
        }
    }
}

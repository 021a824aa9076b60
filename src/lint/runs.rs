//! Rules that need a finished (or stopped) run: covers never hit (L014) and assumes that discard more than 90% of
//! the vectors (L015). The run is read from its summary (`summary/part-0.parquet`, or a layout 1 `summary.parquet`:
//! per property counts and cover hits) or its
//! `checkpoint.json` (which also counts the discards of each assume), or from the run directory holding them.

use std::path::{Path, PathBuf};

use super::codes;
use crate::check::{ExprKind, Stmt, TypedSpec};
use crate::diag::Diagnostic;
use crate::output::parquet::StoredSummary;
use crate::run::session::Checkpoint;

/// Discard fractions above this are reported.
pub const DISCARD_LIMIT: f64 = 0.9;

/// Why a run's recorded results could not be read.
#[derive(Debug, thiserror::Error)]
pub enum RunDataError {
    #[error(
        "`{}` holds neither a summary ({}/{} or {}) nor checkpoint.json",
        crate::fsio::printable(&dir.display().to_string()),
        crate::output::parquet::Table::Summary.folder(),
        crate::output::parquet::PART_FILE,
        crate::output::parquet::SUMMARY_FILE
    )]
    NoRunFile { dir: PathBuf },
    #[error(transparent)]
    Open(#[from] crate::fsio::ReadError),
    #[error("cannot read `{}`: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A `checkpoint.json` that cannot be read or is not valid.
    #[error(transparent)]
    Checkpoint(#[from] crate::run::session::CheckpointError),
    #[error(transparent)]
    Summary(#[from] crate::output::parquet::ParquetOutputError),
}

/// The recorded results of one run.
#[derive(Debug)]
pub enum RunData {
    Summary { path: PathBuf, summary: Box<StoredSummary> },
    Checkpoint { path: PathBuf, checkpoint: Box<Checkpoint> },
}

/// One property's counts, whichever file they came from.
struct PropertyRun {
    evaluated: u64,
    discarded: u64,
    /// Per assume, when the file records it (checkpoints do).
    discards_by_assume: Option<Vec<u64>>,
    cover_hits: Vec<u64>,
    /// Cover labels, when the file records them (summaries do).
    cover_labels: Option<Vec<String>>,
}

impl RunData {
    /// Reads a summary file (`summary/part-0.parquet`, or a layout 1 `summary.parquet`), a
    /// `checkpoint.json`, or a run directory holding either (its checkpoint first). A summary's
    /// checksum status is kept ([`RunData::warning`]).
    pub fn read(path: &Path) -> Result<RunData, RunDataError> {
        use crate::output::parquet::{self, Table};
        if path.is_dir() {
            // The checkpoint counts the discards of each assume; the summary only per property.
            let checkpoint = path.join("checkpoint.json");
            let found = if checkpoint.is_file() { Some(checkpoint) } else { parquet::find_table(path, Table::Summary) };
            // The summary folder itself (`DIR/summary/`).
            let found = found.or_else(|| Some(path.join(parquet::PART_FILE)).filter(|p| p.is_file()));
            return match found {
                Some(p) => RunData::read(&p),
                None => Err(RunDataError::NoRunFile { dir: path.to_path_buf() }),
            };
        }
        // Only regular files (a FIFO would block, /dev/zero never ends), and only their first bytes.
        let first = {
            use std::io::Read;
            let f = crate::fsio::open_regular(path)?;
            let mut head = Vec::new();
            f.take(4096).read_to_end(&mut head).map_err(|source| RunDataError::Read { path: path.to_path_buf(), source })?;
            head.iter().find(|b| !b.is_ascii_whitespace()).copied()
        };
        let text_like = first == Some(b'{');
        if text_like || path.extension().is_some_and(|e| e == "json") {
            let checkpoint = Checkpoint::read(path).map_err(RunDataError::Checkpoint)?;
            return Ok(RunData::Checkpoint { path: path.to_path_buf(), checkpoint: Box::new(checkpoint) });
        }
        let summary = crate::output::parquet::read_summary(path)?;
        Ok(RunData::Summary { path: path.to_path_buf(), summary: Box::new(summary) })
    }

    /// What a reader should be told about the file read (a summary without a checksum).
    pub fn warning(&self) -> Option<String> {
        match self {
            RunData::Summary { path, summary } => summary.checksum.warning(path),
            RunData::Checkpoint { .. } => None,
        }
    }

    pub fn path(&self) -> &Path {
        match self {
            RunData::Summary { path, .. } | RunData::Checkpoint { path, .. } => path,
        }
    }

    /// The hash of the spec the run evaluated.
    pub fn spec_hash(&self) -> &str {
        match self {
            RunData::Summary { summary, .. } => &summary.manifest.spec_hash,
            RunData::Checkpoint { checkpoint, .. } => &checkpoint.spec_hash,
        }
    }

    fn property(&self, name: &str) -> Option<PropertyRun> {
        match self {
            RunData::Summary { summary, .. } => summary.rows.iter().find(|r| r.property == name).map(|r| PropertyRun {
                evaluated: r.evaluated,
                discarded: r.discarded,
                discards_by_assume: None,
                cover_hits: r.cover_hits.clone(),
                cover_labels: Some(r.cover_labels.clone()),
            }),
            RunData::Checkpoint { checkpoint, .. } => {
                let i = checkpoint.properties.iter().position(|p| p == name)?;
                let s = checkpoint.stats.get(i)?;
                Some(PropertyRun {
                    evaluated: s.evaluated,
                    discarded: s.discarded,
                    discards_by_assume: Some(s.discards_by_assume.clone()),
                    cover_hits: s.cover_hits.clone(),
                    cover_labels: None,
                })
            }
        }
    }
}

fn percent(part: u64, whole: u64) -> String {
    let p = 100.0 * part as f64 / whole.max(1) as f64;
    if p >= 99.95 && part < whole { "99.9".to_string() } else { format!("{p:.1}") }
}

pub fn check(spec: &TypedSpec, run: &RunData, out: &mut Vec<Diagnostic>) {
    let file = run.path().display().to_string();
    for p in &spec.properties {
        let Some(r) = run.property(&p.name) else { continue };
        if r.evaluated == 0 {
            continue;
        }
        let kept = r.evaluated.saturating_sub(r.discarded);
        // L014: covers never hit.
        for (i, site) in p.covers.iter().enumerate() {
            let label = site.message.clone().unwrap_or_else(|| site.text.clone());
            let hits = match &r.cover_labels {
                Some(labels) if labels.len() == p.covers.len() => r.cover_hits.get(i).copied(),
                Some(labels) => labels.iter().position(|l| *l == label).and_then(|k| r.cover_hits.get(k).copied()),
                None => r.cover_hits.get(i).copied(),
            };
            if hits != Some(0) {
                continue;
            }
            let mut d = Diagnostic::warning(codes::COVER_NEVER_HIT, format!("cover \"{label}\" was never hit"))
                .primary(site.span, format!("false on all {} vectors checked by `{file}`", crate::run::report::group(kept)));
            if kept == 0 {
                d = d.note("every vector was discarded by an assume before it");
            }
            d = d.help(
                "the case it describes was never exercised: widen or split the input domains so that it occurs, or check the condition",
            );
            out.push(d);
        }
        // L015: assumes that discard most vectors.
        if p.assumes.is_empty() {
            continue;
        }
        let inputs_read = |id: u32| -> Vec<String> {
            let mut names = Vec::new();
            super::exprs::visit_stmts(&p.body, &mut |s| {
                if let Stmt::Assume { id: k, cond } = s
                    && *k == id
                {
                    super::exprs::visit(cond, &mut |e| {
                        if let ExprKind::Input(i) = e.kind {
                            let n = format!("`{}`", spec.inputs[i.0 as usize].name);
                            if !names.contains(&n) {
                                names.push(n);
                            }
                        }
                    });
                }
            });
            names
        };
        let help_for = |names: &[String]| {
            if names.is_empty() {
                "generate the vectors the property is about instead of discarding: narrow the input domains to the region the assume accepts".to_string()
            } else {
                format!(
                    "generate the vectors the property is about instead of discarding: narrow the domain of {} to the values the assume accepts (e.g. `in LO..=HI` or a set)",
                    names.join(", ")
                )
            }
        };
        let mut reported = false;
        if let Some(by) = &r.discards_by_assume {
            for (i, site) in p.assumes.iter().enumerate() {
                let n = by.get(i).copied().unwrap_or(0);
                if n as f64 > DISCARD_LIMIT * r.evaluated as f64 {
                    reported = true;
                    out.push(
                        Diagnostic::warning(
                            codes::ASSUME_DISCARDS_MOST,
                            format!("this assume discarded {}% of the vectors", percent(n, r.evaluated)),
                        )
                        .primary(
                            site.span,
                            format!(
                                "discarded {} of {} vectors in `{file}`",
                                crate::run::report::group(n),
                                crate::run::report::group(r.evaluated)
                            ),
                        )
                        .note(format!("property `{}` checked only {} vectors", p.name, crate::run::report::group(kept)))
                        .help(help_for(&inputs_read(i as u32))),
                    );
                }
            }
        }
        if !reported && r.discarded as f64 > DISCARD_LIMIT * r.evaluated as f64 {
            let msg = format!("the assumes of `{}` discarded {}% of the vectors", p.name, percent(r.discarded, r.evaluated));
            let label = format!(
                "discarded {} of {} vectors in `{file}`",
                crate::run::report::group(r.discarded),
                crate::run::report::group(r.evaluated)
            );
            let mut names = Vec::new();
            for i in 0..p.assumes.len() {
                for n in inputs_read(i as u32) {
                    if !names.contains(&n) {
                        names.push(n);
                    }
                }
            }
            let mut d = Diagnostic::warning(codes::ASSUME_DISCARDS_MOST, msg);
            if p.assumes.len() == 1 {
                d = d.primary(p.assumes[0].span, label);
            } else {
                d = d.primary(p.span, label);
                for a in &p.assumes {
                    d = d.secondary(a.span, "discards vectors");
                }
            }
            d = d.note(format!("property `{}` checked only {} vectors", p.name, crate::run::report::group(kept))).help(help_for(&names));
            out.push(d);
        }
    }
}

//! The one writer of a run's results, used by `vecrun run` and `vecrun merge` alike:
//! `manifest.json`, `summary/part-0.parquet` (one row per property, with the detailed counts) and, when
//! asked, JUnit XML (one test case per property; a failure carries the seed, the failure count,
//! the first counterexample and a replay command that works when pasted).

use std::path::{Path, PathBuf};

use super::WriteError;
use super::junit::{self, JunitCase, SuiteContext};
use super::model::{Counterexample, Manifest};
use super::parquet::{self, ParquetOutputError, SummaryCounts, SummaryRow};
use crate::check::Type;
use crate::run::{PropertyStats, Verdict};

/// File name of the manifest in a run's output directory.
pub const MANIFEST_FILE: &str = "manifest.json";

/// Why a run's results could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("cannot write the manifest `{}`: {source}", path.display())]
    Manifest {
        path: PathBuf,
        #[source]
        source: WriteError,
    },
    #[error("cannot encode the manifest: {0}")]
    ManifestJson(#[from] serde_json::Error),
    #[error(transparent)]
    Summary(#[from] ParquetOutputError),
    #[error("cannot write JUnit XML `{}`: {source}", path.display())]
    Junit {
        path: PathBuf,
        #[source]
        source: WriteError,
    },
    #[error("{found} property results for {expected} properties in the manifest")]
    PropertyCount { found: usize, expected: usize },
}

/// One property's results, as the summary and JUnit need them.
#[derive(Clone, Debug)]
pub struct PropertyResult<'a> {
    pub name: &'a str,
    /// Each cover's label (its message, else its condition text), in declaration order.
    pub cover_labels: Vec<String>,
    pub stats: &'a PropertyStats,
    pub verdict: Verdict,
}

impl<'a> PropertyResult<'a> {
    /// The results of every property of `program`, in program order.
    pub fn of_program(program: &'a crate::ir::Program, stats: &'a [PropertyStats], verdicts: &[Verdict]) -> Vec<PropertyResult<'a>> {
        program
            .properties
            .iter()
            .zip(stats)
            .zip(verdicts)
            .map(|((p, st), v)| PropertyResult {
                name: &p.name,
                cover_labels: p.covers.iter().map(|c| c.message.clone().unwrap_or_else(|| c.text.clone())).collect(),
                stats: st,
                verdict: *v,
            })
            .collect()
    }
}

/// Renders a vector's input values as `(name, value)` texts, from its slot values.
/// `(property, slots)`: the named values of the inputs the property reads.
pub type InputValues<'a> = dyn Fn(&str, &[u32]) -> Vec<(String, String)> + 'a;

/// Everything [`write_run`] writes from.
pub struct RunResults<'a> {
    /// The final manifest (its `started_at` is the JUnit timestamp, `wall_seconds` each case's time).
    pub manifest: &'a Manifest,
    /// Per property, in the manifest's order.
    pub properties: &'a [PropertyResult<'a>],
    /// The counterexample rows written to `counterexamples/part-0.parquet` (values by slot).
    pub counterexamples: &'a [Counterexample],
    /// A vector's input values as `(name, value)` texts, from its slot values.
    pub input_values: &'a InputValues<'a>,
}

/// Writes `manifest.json` and `summary/part-0.parquet` into `dir` and, with `junit`, JUnit XML there:
/// every file atomically (a reader sees the old file or the whole new one; the only directory created
/// is the table folder `dir/summary/`, [`parquet::prepare_table`]).
pub fn write_run(dir: &Path, results: &RunResults<'_>, junit: Option<&Path>) -> Result<(), OutputError> {
    let _s = tracing::info_span!("write").entered();
    let manifest = results.manifest;
    if results.properties.len() != manifest.properties.len() {
        return Err(OutputError::PropertyCount { found: results.properties.len(), expected: manifest.properties.len() });
    }
    let json = serde_json::to_vec_pretty(manifest)?;
    let manifest_path = dir.join(MANIFEST_FILE);
    super::write_file(&manifest_path, &json).map_err(|source| OutputError::Manifest { path: manifest_path, source })?;
    let (rows, counts) = summary_rows(results);
    let summary_path = parquet::prepare_table(dir, parquet::Table::Summary).map_err(parquet::ParquetOutputError::Create)?;
    parquet::write_summary_with_counts(&summary_path, manifest, &rows, &counts)?;
    if let Some(path) = junit {
        write_junit(path, results)?;
    }
    Ok(())
}

/// Writes the JUnit XML of a run to `path` (what [`write_run`] does with `junit`).
pub fn write_junit(path: &Path, results: &RunResults<'_>) -> Result<(), OutputError> {
    let m = results.manifest;
    let context = SuiteContext::here(m.started_at.clone());
    junit::write_junit_in(path, &m.spec_name, &context, &junit_cases(results))
        .map_err(|source| OutputError::Junit { path: path.to_path_buf(), source })
}

/// The rows of `summary.parquet` and their detailed counts.
pub fn summary_rows(results: &RunResults<'_>) -> (Vec<SummaryRow>, Vec<Option<SummaryCounts>>) {
    let m = results.manifest;
    let rate = m.vectors_done as f64 / m.wall_seconds.max(1e-9);
    results
        .properties
        .iter()
        .map(|p| {
            let st = p.stats;
            let row = SummaryRow {
                property: p.name.to_string(),
                evaluated: st.evaluated,
                passed: st.passed,
                failed: st.failed,
                discarded: st.discarded,
                cover_labels: p.cover_labels.clone(),
                cover_hits: st.cover_hits.clone(),
                verdict: p.verdict.name().to_string(),
                wall_seconds: m.wall_seconds,
                vectors_per_second: rate,
            };
            let counts = SummaryCounts {
                fails_by_assert: st.fails_by_assert.clone(),
                out_of_bounds: st.out_of_bounds,
                discards_by_assume: st.discards_by_assume.clone(),
                counterexamples_kept: results.counterexamples.iter().filter(|c| c.property == p.name).count() as u64,
            };
            (row, Some(counts))
        })
        .unzip()
}

/// A word for the shell: as is when it is plainly safe, else in single quotes.
pub fn shell_word(s: &str) -> String {
    let plain = !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./=:,+@%".contains(&b));
    if plain { s.to_string() } else { format!("'{}'", s.replace('\'', "'\\''")) }
}

/// The command that re-evaluates one counterexample, when its phase can be regenerated
/// (`replay` and `dataset` rows cannot: they come from a file).
pub fn replay_command(manifest: &Manifest, c: &Counterexample) -> Option<String> {
    c.phase.phase()?;
    Some(format!(
        "vecrun run {} --seed {} --phase {} --index {} --property {}",
        shell_word(&manifest.spec_path),
        manifest.seed,
        c.phase,
        c.vector_index,
        shell_word(&c.property)
    ))
}

/// One JUnit test case per property: a failure carries the seed, the failure count, the first
/// counterexample (shrunk) and a replay command; an incomplete property is skipped.
pub fn junit_cases(results: &RunResults<'_>) -> Vec<JunitCase> {
    let m = results.manifest;
    let suite = m.spec_name.as_str();
    let time = m.wall_seconds;
    results
        .properties
        .iter()
        .map(|p| (p, crate::run::report::solver_lines(p.name, &m.solver).join("\n")))
        .map(|(p, solver)| (p, (!solver.is_empty()).then(|| format!("{}: {solver}", p.verdict.name()))))
        .map(|(p, out)| match p.verdict {
            Verdict::Failed | Verdict::Divergent => {
                let cx = results.counterexamples.iter().find(|c| c.property == p.name);
                let kept = results.counterexamples.iter().filter(|c| c.property == p.name).count();
                let counts = format!(
                    "{} failing vector{} of {} evaluated ({kept} kept); seed {}",
                    p.stats.failed,
                    if p.stats.failed == 1 { "" } else { "s" },
                    p.stats.evaluated,
                    m.seed
                );
                let body = match cx {
                    Some(c) => {
                        let shown = if c.shrunk.is_empty() { &c.original } else { &c.shrunk };
                        let lines: Vec<String> =
                            (results.input_values)(&c.property, shown).iter().map(|(n, v)| format!("  {n} = {v}")).collect();
                        let replay = replay_command(m, c).map(|r| format!("\nreplay: {r}")).unwrap_or_default();
                        format!(
                            "{} at {}\n{counts}\nfirst counterexample: {} #{} (shrunk in {} steps)\n{}{replay}",
                            c.assert_message,
                            c.location,
                            c.phase,
                            c.vector_index,
                            c.shrink_steps,
                            lines.join("\n")
                        )
                    }
                    None => format!("{counts}\nfailures reported by the GPU were not reproduced on the CPU (backend-divergent)"),
                };
                let message = match (p.verdict, cx) {
                    (Verdict::Divergent, _) => "backend-divergent".to_string(),
                    (_, Some(c)) => c.assert_message.clone(),
                    (_, None) => "failed".to_string(),
                };
                JunitCase::failed(p.name, suite, time, message, body).with_system_out(out)
            }
            Verdict::Incomplete => JunitCase::skipped(
                p.name,
                suite,
                "the run stopped early (budget, interruption or an unfinished shard); resume it to finish",
            )
            .with_system_out(out),
            _ => JunitCase::passed(p.name, suite, time).with_system_out(out),
        })
        .collect()
}

/// The JUnit XML of a spec that does not compile: one `<error>` test case named after the spec,
/// holding the diagnostics.
pub fn write_compile_error_junit(path: &Path, spec_path: &Path, diagnostics: &str) -> Result<(), OutputError> {
    let name = spec_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| spec_path.display().to_string());
    let suite = spec_path.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| name.clone());
    let case = JunitCase::errored(&name, &suite, format!("{} does not compile", spec_path.display()), diagnostics);
    junit::write_junit_in(path, &suite, &SuiteContext::here(super::now_rfc3339()), &[case])
        .map_err(|source| OutputError::Junit { path: path.to_path_buf(), source })
}

/// `(name, value)` texts of a vector stored input by input (values contiguous, in `inputs` order),
/// as `counterexamples.parquet` stores it.
pub fn stored_input_values(inputs: &[(String, Type)], slots: &[u32]) -> Vec<(String, String)> {
    let mut at = 0usize;
    inputs
        .iter()
        .map(|(name, ty)| {
            let n = ty.slots() as usize;
            let end = (at + n).min(slots.len());
            let values = &slots[at.min(end)..end];
            at += n;
            let text =
                if values.len() < n || ty.is_record() { "?".to_string() } else { crate::check::Value::from_bits(*ty, values).to_string() };
            (name.clone(), text)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_survive_pasting() {
        assert_eq!(shell_word("specs/a.vspec"), "specs/a.vspec");
        assert_eq!(shell_word("my spec's.vspec"), r"'my spec'\''s.vspec'");
        assert_eq!(shell_word(""), "''");
    }
}

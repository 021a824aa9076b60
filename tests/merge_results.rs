//! `vecrun merge` is a result: four shards of a spec with a planted bug, merged, equal an
//! unsharded run of the same plan in every count and every counterexample row (original and
//! shrunk values), read by vecrun's reader and by pyarrow, polars and duckdb; the merged
//! manifest, verdicts and exit codes (PROVEN, INCOMPLETE, DIVERGENT); and `--resume` of a merged directory
//! evaluates nothing twice.
//!
//! The Python readers run when `VECRUN_PYTHON` names an interpreter with pyarrow, polars and
//! duckdb (`scripts/test.sh` sets it up); without it those checks are skipped, except under `CI`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value as Json;
use vecrun::output::model::Counterexample;
use vecrun::output::parquet::{self, StoredCounterexample};
use vecrun::run::session::Checkpoint;

const PLANTED: &str = r#"spec planted { version = "1" }

input a: u32 in 0..5000;
input b: i32 in -50..50;
input c: [u32; 3] in 0..10;

property planted_bug {
  assume b != 0;
  assert a % 97 != 3 || b > 30, "planted: a = 3 mod 97";
  cover a > 4000, "large a";
}

property holds {
  assert c[0] < 10;
}
"#;

/// Small enough to enumerate (4 * 3 values).
const SMALL: &str = r#"spec small { version = "1" }

input x: u32 in 0..4;
input y: u32 in 0..3;

property sum_fits {
  assert x + y < 6;
}
"#;

fn vecrun(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vecrun")).current_dir(dir).args(args).env("XDG_RUNTIME_DIR", dir).output().expect("vecrun runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn checkpoint(dir: &Path) -> Checkpoint {
    Checkpoint::read(&dir.join("checkpoint.json")).expect("checkpoint readable")
}

/// Runs `spec` whole into `whole/` and as `n` shards into `s0/`.., then merges them into `merged/`.
fn whole_and_merged(dir: &Path, spec: &str, extra: &[&str], n: u64) -> (Output, Vec<Output>, Output) {
    let mut base = vec!["run", spec, "--backend", "cpu", "-q"];
    base.extend_from_slice(extra);
    let mut whole = base.clone();
    whole.extend_from_slice(&["--out", "whole"]);
    let whole = vecrun(dir, &whole);
    let mut shards = Vec::new();
    let mut merge = vec!["merge".to_string(), "merged".to_string()];
    for k in 0..n {
        let shard = format!("{k}/{n}");
        let out = format!("s{k}");
        let mut args = base.clone();
        args.extend_from_slice(&["--shard", &shard, "--out", &out]);
        shards.push(vecrun(dir, &args));
        merge.push(out);
    }
    if let Some(cap) = extra.iter().position(|a| *a == "--capacity") {
        merge.push("--capacity".into());
        merge.push(extra[cap + 1].to_string());
    }
    let merge_args: Vec<&str> = merge.iter().map(String::as_str).collect();
    let merged = vecrun(dir, &merge_args);
    (whole, shards, merged)
}

/// A stored row without its run id (the one thing a merged row may differ in).
fn row(r: &StoredCounterexample) -> StoredCounterexample {
    StoredCounterexample { run_id: String::new(), ..r.clone() }
}

fn python() -> Option<PathBuf> {
    match std::env::var_os("VECRUN_PYTHON") {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => {
            if std::env::var_os("CI").is_some() {
                panic!("VECRUN_PYTHON is not set: under CI the pyarrow/polars/duckdb reader checks must run (use scripts/test.sh)");
            }
            eprintln!("skipping the Python readers: set VECRUN_PYTHON to a Python with pyarrow, polars and duckdb (scripts/test.sh does)");
            None
        }
    }
}

/// What pyarrow, polars and duckdb each read from `file`, without the `drop` columns.
fn read_with_python(python: &Path, file: &Path, drop: &[&str]) -> Json {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/read_tables.py");
    let out = Command::new(python).arg(&script).arg(file).args(drop).output().expect("run python");
    assert!(out.status.success(), "{} failed:\n{}", script.display(), String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("the script prints JSON")
}

#[test]
fn four_shards_of_a_planted_bug_merged_equal_the_unsharded_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("planted.vspec"), PLANTED).unwrap();
    let (whole, shards, merged) =
        whole_and_merged(dir.path(), "planted.vspec", &["--vectors", "20000", "--seed", "5", "--capacity", "7"], 4);
    assert_eq!(whole.status.code(), Some(1), "the planted bug fails: {}", stderr(&whole));
    for s in &shards {
        assert!(matches!(s.status.code(), Some(0 | 1)), "{}", stderr(s));
    }
    assert_eq!(merged.status.code(), Some(1), "a merge with a failure exits 1 as a run does: {}", stderr(&merged));
    let (w, m) = (dir.path().join("whole"), dir.path().join("merged"));

    // Counts: the merged checkpoint and summary equal the whole run's.
    assert_eq!(checkpoint(&m).stats, checkpoint(&w).stats);
    assert_eq!(checkpoint(&m).vectors_done, checkpoint(&w).vectors_done);
    let ws = parquet::read_summary(&w.join("summary/part-0.parquet")).expect("whole summary");
    let ms = parquet::read_summary(&m.join("summary/part-0.parquet")).expect("merged summary");
    let timeless = |r: &parquet::SummaryRow| parquet::SummaryRow { wall_seconds: 0.0, vectors_per_second: 0.0, ..r.clone() };
    assert_eq!(ms.rows.iter().map(timeless).collect::<Vec<_>>(), ws.rows.iter().map(timeless).collect::<Vec<_>>());
    assert_eq!(ms.counts, ws.counts);
    assert_eq!(ms.rows[0].verdict, "FAILED");
    let kept = ms.counts[0].as_ref().expect("detailed counts").counterexamples_kept;
    assert_eq!(kept, 7, "cut to --capacity");
    assert!(ms.rows[0].failed > kept, "more failures than kept: the cut is real");

    // Rows: every counterexample, original and shrunk values, in the same order.
    let wc = parquet::read_counterexamples(&w.join("counterexamples/part-0.parquet")).expect("whole counterexamples");
    let mc = parquet::read_counterexamples(&m.join("counterexamples/part-0.parquet")).expect("merged counterexamples");
    assert_eq!(mc.rows.len(), 7);
    assert_eq!(mc.rows.iter().map(row).collect::<Vec<_>>(), wc.rows.iter().map(row).collect::<Vec<_>>());
    assert!(mc.rows.iter().any(|r| r.shrunk != r.original), "some row was shrunk: the shrunk values are compared too");
    assert_eq!(mc.inputs, wc.inputs);
    assert_eq!(mc.sources, wc.sources);

    // The merged manifest: no shard, the whole plan, the summed vectors.
    let manifest: vecrun::output::model::Manifest =
        serde_json::from_slice(&std::fs::read(m.join("manifest.json")).unwrap()).expect("merged manifest");
    assert_eq!(manifest.shard, None);
    assert_eq!(manifest.phases, wc.manifest.phases);
    assert_eq!(manifest.vectors_done, 20_000);
    assert_eq!(manifest.outcome, "failed");
    assert_eq!(mc.manifest, manifest, "the Parquet metadata holds the same manifest");

    // Real readers see the same tables in both directories, and the vecrun metadata in the Arrow schema.
    if let Some(py) = python() {
        for (file, drop) in [
            ("counterexamples/part-0.parquet", &["run_id"][..]),
            ("summary/part-0.parquet", &["run_id", "wall_seconds", "vectors_per_second"][..]),
        ] {
            let a = read_with_python(&py, &w.join(file), drop);
            let b = read_with_python(&py, &m.join(file), drop);
            for reader in ["pyarrow", "polars", "duckdb"] {
                assert_eq!(a[reader]["rows"], b[reader]["rows"], "{reader} reads {file} of both runs the same");
                assert_eq!(b[reader]["rows"], b["pyarrow"]["rows"], "{reader} and pyarrow agree on {file}");
            }
            let rows = b["pyarrow"]["rows"].as_array().expect("rows");
            assert_eq!(rows.len(), if file.starts_with("summary") { 2 } else { 7 });
            let keys = b["pyarrow"]["schema_metadata_keys"].as_array().expect("keys");
            for k in [parquet::keys::SCHEMA_VERSION, parquet::keys::KIND, parquet::keys::MANIFEST, parquet::keys::CHECKSUM] {
                assert!(keys.contains(&Json::from(k)), "pyarrow's schema.metadata has {k}: {keys:?}");
            }
            assert_eq!(b["pyarrow"]["manifest"]["shard"], Json::Null);
            // pandas is optional in the venv: when it is there, `DataFrame.attrs` has the same keys.
            if !b["pandas_attrs_keys"].is_null() {
                assert_eq!(&b["pandas_attrs_keys"], &b["pyarrow"]["schema_metadata_keys"], "pandas .attrs");
            }
        }
    }
}

#[test]
fn resume_of_a_merged_directory_evaluates_nothing_more_and_keeps_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("planted.vspec"), PLANTED).unwrap();
    let (_, _, merged) = whole_and_merged(dir.path(), "planted.vspec", &["--vectors", "8000", "--seed", "2"], 3);
    assert_eq!(merged.status.code(), Some(1), "{}", stderr(&merged));
    let m = dir.path().join("merged");
    let before = checkpoint(&m);
    let o = vecrun(dir.path(), &["run", "planted.vspec", "--backend", "cpu", "-q", "--resume", "merged"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let after = checkpoint(&m);
    assert_eq!(after.vectors_done, 8000, "no vector counted twice");
    assert_eq!(after.stats.iter().map(|s| s.evaluated).collect::<Vec<_>>(), before.stats.iter().map(|s| s.evaluated).collect::<Vec<_>>());
    assert_eq!(after.stats, before.stats);
}

#[test]
fn an_unfinished_shard_makes_the_merge_incomplete_and_resume_finishes_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("small.vspec"), SMALL).unwrap();
    let d = dir.path();
    // Shard 0 runs out of budget at once (exit 3): nothing evaluated, its outputs written.
    let o = vecrun(d, &["run", "small.vspec", "--backend", "cpu", "-q", "--exhaustive", "--shard", "0/2", "--seconds", "0", "--out", "s0"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let o = vecrun(d, &["run", "small.vspec", "--backend", "cpu", "-q", "--exhaustive", "--shard", "1/2", "--out", "s1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = vecrun(d, &["merge", "merged", "s0", "s1"]);
    assert_eq!(o.status.code(), Some(3), "an incomplete merge exits 3: {}", stderr(&o));
    let m = d.join("merged");
    let s = parquet::read_summary(&m.join("summary/part-0.parquet")).expect("summary");
    assert_eq!(s.rows[0].verdict, "INCOMPLETE");
    assert_eq!(s.manifest.outcome, "incomplete");
    let done = checkpoint(&m).vectors_done;
    assert!(done < 12, "shard 0 evaluated nothing ({done})");
    // Resuming the merged directory evaluates exactly what no shard did (with a budget that
    // replaces the recorded one, as the hint says).
    let o = vecrun(d, &["run", "small.vspec", "--backend", "cpu", "-q", "--resume", "merged", "--seconds", "600"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let cp = checkpoint(&m);
    assert_eq!(cp.vectors_done, 12);
    assert_eq!(cp.stats[0].evaluated, 12);
}

#[test]
fn an_exhaustive_plan_merged_is_proven() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("small.vspec"), SMALL).unwrap();
    let (whole, _, merged) = whole_and_merged(dir.path(), "small.vspec", &["--exhaustive"], 2);
    assert_eq!(whole.status.code(), Some(0), "{}", stderr(&whole));
    assert_eq!(merged.status.code(), Some(0), "{}", stderr(&merged));
    let s = parquet::read_summary(&dir.path().join("merged").join("summary/part-0.parquet")).expect("summary");
    assert_eq!(s.rows[0].verdict, "PROVEN");
    assert_eq!(s.rows[0].evaluated, 12);
    assert!(String::from_utf8_lossy(&merged.stdout).contains("PROVEN"));
}

fn cx(property: &str, phase: &str, index: u64) -> Counterexample {
    Counterexample {
        property: property.into(),
        assert_index: Some(0),
        assert_message: "m".into(),
        location: "s.vspec:1:1".into(),
        reason: vecrun::output::model::Reason::Assert,
        phase: phase.parse().expect("a source"),
        vector_index: index,
        outcome: 0,
        original: vec![index as u32],
        shrunk: vec![],
        shrink_steps: 0,
        implementation: Vec::new(),
    }
}

#[test]
fn merged_rows_are_grouped_by_property_in_phase_index_order_cut_per_property_with_replays_once() {
    let props = vec!["p".to_string(), "q".to_string()];
    let shard0 = vec![cx("p", "random", 9), cx("p", "random", 1), cx("q", "edge", 4), cx("p", "replay", 0)];
    let shard1 = vec![cx("p", "edge", 7), cx("p", "random", 3), cx("q", "random", 2), cx("p", "replay", 0)];
    let merged = vecrun::run::merge::merge_counterexamples(&props, &[shard0, shard1], 2);
    let got: Vec<(&str, &str, u64)> = merged.iter().map(|c| (c.property.as_str(), c.phase.name(), c.vector_index)).collect();
    assert_eq!(got, vec![("p", "edge", 7), ("p", "random", 1), ("q", "edge", 4), ("q", "random", 2), ("p", "replay", 0)]);
}

#[test]
fn a_shard_stopped_mid_range_merges_to_a_checkpoint_whose_resume_runs_only_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("small.vspec"), SMALL).unwrap();
    let d = dir.path();
    for k in 0..2 {
        let (shard, out) = (format!("{k}/2"), format!("s{k}"));
        let o = vecrun(d, &["run", "small.vspec", "--backend", "cpu", "-q", "--exhaustive", "--shard", &shard, "--out", &out]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    // Shard 0 as if stopped after the first 4 vectors of its only range (as SIGTERM leaves it).
    let mut cp = checkpoint(&d.join("s0"));
    assert_eq!(cp.ranges.len(), 1, "{:?}", cp.ranges);
    let r = cp.ranges[0].clone();
    assert!(r.end - r.start > 4, "{r:?}");
    cp.position = vecrun::run::session::Position { range: 0, next: r.start + 4 };
    cp.vectors_done = 4;
    cp.state = "interrupted".parse().expect("a state");
    cp.write(&d.join("s0/checkpoint.json")).unwrap();
    let o = vecrun(d, &["merge", "merged", "s0", "s1"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let merged = checkpoint(&d.join("merged"));
    let left: u64 = merged.ranges[merged.position.range..].iter().map(|r| r.end - r.start).sum();
    let evaluated: u64 = merged.ranges[..merged.position.range].iter().map(|r| r.end - r.start).sum();
    assert_eq!(left, r.end - r.start - 4, "only shard 0's unevaluated vectors are left: {:?}", merged.ranges);
    assert_eq!(evaluated, merged.vectors_done, "{:?}", merged.ranges);
    let o = vecrun(d, &["run", "small.vspec", "--backend", "cpu", "-q", "--resume", "merged"]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    assert_eq!(checkpoint(&d.join("merged")).vectors_done, 12, "resume evaluated exactly the rest of the plan");
}

#[test]
fn a_divergence_recorded_by_one_shard_makes_the_merge_divergent_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("small.vspec"), SMALL).unwrap();
    let d = dir.path();
    for k in 0..2 {
        let (shard, out) = (format!("{k}/2"), format!("s{k}"));
        let o = vecrun(d, &["run", "small.vspec", "--backend", "cpu", "-q", "--exhaustive", "--shard", &shard, "--out", &out]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    // Shard 1 as if its GPU had reported a failure the CPU reference did not reproduce.
    let mut cp = checkpoint(&d.join("s1"));
    let r = cp.ranges[0].clone();
    cp.divergences.push(vecrun::run::Divergence {
        property: "sum_fits".into(),
        phase: r.phase,
        index: r.start,
        gpu_outcome: 1,
        cpu_outcome: 0,
    });
    cp.write(&d.join("s1/checkpoint.json")).unwrap();
    let o = vecrun(d, &["merge", "merged", "s0", "s1"]);
    assert_eq!(o.status.code(), Some(1), "a divergence exits 1 as a failure does: {}", stderr(&o));
    let s = parquet::read_summary(&d.join("merged").join("summary/part-0.parquet")).expect("summary");
    assert_eq!(s.rows[0].verdict, "DIVERGENT");
    assert_eq!(s.manifest.outcome, "failed");
}

/// Runs PLANTED as 2 shards into `tree/shard-0`, `tree/shard-1` and merges them into `tree/merged`.
fn two_shards_and_merge(d: &Path) -> [PathBuf; 3] {
    std::fs::write(d.join("planted.vspec"), PLANTED).unwrap();
    for k in 0..2 {
        let (shard, out) = (format!("{k}/2"), format!("tree/shard-{k}"));
        let o = vecrun(
            d,
            &["run", "planted.vspec", "--backend", "cpu", "-q", "--vectors", "8000", "--seed", "3", "--shard", &shard, "--out", &out],
        );
        assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    }
    let o = vecrun(d, &["merge", "tree/merged", "tree/shard-0", "tree/shard-1"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    ["shard-0", "shard-1", "merged"].map(|n| d.join("tree").join(n))
}

/// Moves the tables of an output directory to the layout 1 names (`DIR/counterexamples.parquet`,
/// `DIR/summary.parquet`), as vecrun before schema version 4 wrote them.
fn to_layout_1(dir: &Path) {
    for table in ["counterexamples", "summary"] {
        std::fs::rename(dir.join(table).join("part-0.parquet"), dir.join(format!("{table}.parquet"))).unwrap();
        std::fs::remove_dir(dir.join(table)).unwrap();
    }
}

#[test]
fn a_table_glob_over_two_shards_and_their_merge_reads_only_that_table() {
    let dir = tempfile::tempdir().unwrap();
    let dirs = two_shards_and_merge(dir.path());
    // Every output directory holds each table in its own folder, and no `.parquet` file directly.
    let mut expected_cx = 0;
    for d in &dirs {
        for e in std::fs::read_dir(d).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            assert!(!name.ends_with(".parquet"), "`{name}` directly in `{}`", d.display());
        }
        expected_cx += parquet::read_counterexamples(&d.join("counterexamples/part-0.parquet")).expect("counterexamples").rows.len();
        assert_eq!(parquet::read_summary(&d.join("summary/part-0.parquet")).expect("summary").rows.len(), 2);
    }
    assert!(expected_cx > 0, "the planted bug leaves counterexamples");
    let Some(py) = python() else { return };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/glob_tables.py");
    let out = Command::new(&py).arg(&script).arg(dir.path().join("tree")).output().expect("run python");
    assert!(out.status.success(), "{} failed:\n{}", script.display(), String::from_utf8_lossy(&out.stderr));
    let seen: Json = serde_json::from_slice(&out.stdout).expect("the script prints JSON");
    for (table, rows, own_column, other_column) in
        [("counterexamples", expected_cx, "shrunk_a", "verdict"), ("summary", 2 * dirs.len(), "verdict", "shrunk_a")]
    {
        let t = &seen[table];
        assert_eq!(t["files"].as_array().map(Vec::len), Some(3), "{table}: one file per output directory: {t}");
        assert_eq!(t["kinds"], serde_json::json!([table]), "{table}: the glob names only {table} files");
        for reader in ["pyarrow", "polars", "duckdb"] {
            assert_eq!(t[reader]["rows"], Json::from(rows), "{reader} reads {rows} rows of {table}: {t}");
            let columns = t[reader]["columns"].as_array().expect("columns");
            assert!(columns.contains(&Json::from(own_column)), "{reader}: {table} has `{own_column}`: {columns:?}");
            assert!(!columns.contains(&Json::from(other_column)), "{reader}: no `{other_column}` of the other table: {columns:?}");
        }
    }
    // What docs/output.md warns about: a bare `**/*.parquet` names both tables.
    assert_eq!(seen["bare"]["kinds"], serde_json::json!(["counterexamples", "summary"]), "{}", seen["bare"]);
}

#[test]
fn merge_reads_shards_of_both_layouts_into_the_same_result() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let [s0, s1, merged] = two_shards_and_merge(d);
    // Shard 0 as vecrun before schema version 4 left it, shard 1 as now.
    to_layout_1(&s0);
    let o = vecrun(d, &["merge", "tree/mixed", "tree/shard-0", "tree/shard-1"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!stderr(&o).contains("has no counterexample table"), "the layout 1 file is found: {}", stderr(&o));
    let mixed = d.join("tree/mixed");
    let rows = |dir: &Path| -> Vec<StoredCounterexample> {
        parquet::read_counterexamples(&dir.join("counterexamples/part-0.parquet"))
            .expect("merged counterexamples")
            .rows
            .iter()
            .map(row)
            .collect()
    };
    assert_eq!(rows(&mixed), rows(&merged), "the same rows whatever layout the shards have");
    let labels = |dir: &Path| parquet::read_summary(&dir.join("summary/part-0.parquet")).expect("summary").rows[0].cover_labels.clone();
    assert_eq!(labels(&mixed), vec!["large a".to_string()], "cover labels from the layout 1 summary");
    // Both shards in layout 1.
    to_layout_1(&s1);
    let o = vecrun(d, &["merge", "tree/old", "tree/shard-0", "tree/shard-1"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(rows(&d.join("tree/old")), rows(&merged));
}

#[test]
fn report_replay_and_lint_take_the_run_directory_the_table_file_and_the_layout_1_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let [s0, _s1, merged] = two_shards_and_merge(d);
    to_layout_1(&s0);
    let body = |o: &Output| String::from_utf8_lossy(&o.stdout).lines().skip(1).collect::<Vec<_>>().join("\n");
    let mut reports = Vec::new();
    for given in [merged.clone(), merged.join("counterexamples/part-0.parquet"), s0.clone(), s0.join("counterexamples.parquet")] {
        let g = given.to_str().unwrap();
        let o = vecrun(d, &["report", g]);
        assert_eq!(o.status.code(), Some(0), "report {g}: {}", stderr(&o));
        assert!(body(&o).contains(" evaluated, "), "report {g} found the summary of the same directory: {}", body(&o));
        reports.push(body(&o));
        let o = vecrun(d, &["replay", g]);
        assert_eq!(o.status.code(), Some(1), "replay {g}: the planted bug still fails: {}", stderr(&o));
    }
    assert_eq!(reports[0], reports[1], "the directory and its file report the same");
    assert_eq!(reports[2], reports[3], "the layout 1 directory and its file report the same");
    // `lint --run-summary`: the run directories (their checkpoints), the summary files of both layouts, the summary folder.
    for summary in [merged.clone(), s0.clone(), merged.join("summary/part-0.parquet"), s0.join("summary.parquet"), merged.join("summary")] {
        let o = vecrun(d, &["lint", "planted.vspec", "--run-summary", summary.to_str().unwrap()]);
        assert!(
            matches!(o.status.code(), Some(0 | 1)) && stderr(&o).contains("0 errors") && !stderr(&o).contains("error:"),
            "{}: {}",
            summary.display(),
            stderr(&o)
        );
    }
    // A directory with neither layout: a typed error naming both names, not a panic.
    std::fs::create_dir(d.join("empty")).unwrap();
    let o = vecrun(d, &["report", "empty"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("counterexamples/part-0.parquet or counterexamples.parquet"), "{}", stderr(&o));
}

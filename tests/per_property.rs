//! Per-property inputs (`property p(x: u32 in 0..200)`): each property with inputs of its own runs
//! over its own space (the spec-wide inputs' times its own), so unrelated properties in one spec do
//! not multiply their spaces. Counts and failing vectors against Rust's brute force over each
//! space; the plan (exhaustive, edge and random phases side by side); stored rows (another
//! property's inputs null) identical for any thread count, the GPU, a budget stop and resume, and
//! shards merged; `--index` per space; replay; what the checker refuses.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use vecrun::output::parquet::{StoredCounterexample, read_counterexamples};

/// `k` is shared; `small` and `fits` are enumerated in their own spaces (1,000 and 1,280 vectors);
/// `wide`'s space (2^32 x 6) is sampled; `shared` reads `k` alone (5 vectors).
const SPEC: &str = "spec perprop { version = \"1\" }
input k: u32 in 0..5;

property small(x: u32 in 0..200) {
  assert (x * 7 + k * 3) % 17 != 5, \"small\";
}

property fits(b: u8) {
  assert (b as u32) + k < 300;
}

property wide(y: u32, z: i32 in -3..3) {
  assert y % 1000 != 7 || z != 1, \"wide\";
}

property shared {
  assert k * k != 9, \"shared\";
}
";

fn vecrun(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vecrun"))
        .env("VECRUN_ALLOW_SOFTWARE_GPU", "1")
        .env("NO_COLOR", "1")
        .env("XDG_RUNTIME_DIR", dir)
        .current_dir(dir)
        .args(args)
        .output()
        .expect("vecrun runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pp.vspec"), SPEC).unwrap();
    dir
}

/// Runs the spec (60,000 vectors per space) into `out`; it fails (exit 1).
fn run(dir: &Path, out: &str, extra: &[&str]) -> Vec<StoredCounterexample> {
    let mut args = vec!["run", "pp.vspec", "-q", "--vectors", "60000", "--out", out];
    args.extend_from_slice(extra);
    let o = vecrun(dir, &args);
    assert_eq!(o.status.code(), Some(1), "{extra:?}: {}", stderr(&o));
    rows(&dir.join(out))
}

/// The stored rows without what names the run (id, backend, adapter).
fn rows(out: &Path) -> Vec<StoredCounterexample> {
    let run = read_counterexamples(&out.join("counterexamples/part-0.parquet")).expect("readable");
    run.rows
        .iter()
        .map(|r| StoredCounterexample { run_id: String::new(), backend: String::new(), adapter: String::new(), ..r.clone() })
        .collect()
}

/// Asserts two row lists are equal, naming the first difference (not printing every row).
fn same(a: &[StoredCounterexample], b: &[StoredCounterexample], what: &str) {
    if let Some(i) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
        panic!("{what}: rows differ at {i} of {} / {}:\n{:?}\n{:?}", a.len(), b.len(), a.get(i), b.get(i));
    }
}

fn summary(out: &Path) -> Vec<(String, String, u64, u64)> {
    let s = vecrun::output::parquet::read_summary(&out.join("summary/part-0.parquet")).expect("summary readable");
    s.rows.iter().map(|r| (r.property.clone(), r.verdict.clone(), r.evaluated, r.failed)).collect()
}

#[test]
fn each_property_runs_over_its_own_space_with_the_counts_of_brute_force() {
    let dir = setup();
    let d = dir.path();
    let stored = run(d, "out", &["--backend", "cpu"]);
    // Brute force over each property's own space.
    let small: Vec<(u32, u32)> = (0..5).flat_map(|k| (0..200).map(move |x| (k, x))).filter(|(k, x)| (x * 7 + k * 3) % 17 == 5).collect();
    let shared = (0..5u32).filter(|k| k * k == 9).count() as u64;
    let s = summary(&d.join("out"));
    let find = |name: &str| s.iter().find(|r| r.0 == name).cloned().unwrap_or_else(|| panic!("{name} in the summary: {s:?}"));
    assert_eq!(find("small"), ("small".into(), "FAILED".into(), 1000, small.len() as u64), "5 x 200 vectors, not 5 x 200 x 256 x ...");
    assert_eq!(find("fits"), ("fits".into(), "PROVEN".into(), 1280, 0), "u8 x k enumerated on its own and proven");
    assert_eq!(find("shared"), ("shared".into(), "FAILED".into(), 5, shared));
    let wide = find("wide");
    assert_eq!((wide.1.as_str(), wide.2), ("FAILED", 60000), "the sampled space runs its 60,000 vectors");
    // Every failing vector of `small` is stored with its own inputs and the shared one, in index order.
    let mut found: Vec<(u32, u32)> = stored.iter().filter(|r| r.property == "small").map(|r| (r.original[0], r.original[1])).collect();
    assert_eq!(found.len(), small.len());
    found.sort();
    assert_eq!(found, small, "exactly the pairs Rust finds");
    // Another property's own inputs are 0 in the row (null in the table); `wide`'s rows fail in Rust.
    let wides: Vec<&StoredCounterexample> = stored.iter().filter(|r| r.property == "wide").collect();
    assert_eq!(wides.len() as u64, wide.3, "every failure of `wide` is stored");
    for r in &wides {
        let (y, z) = (r.original[3], r.original[4] as i32);
        assert!(y % 1000 == 7 && z == 1, "{r:?} fails in Rust");
        assert_eq!((r.original[1], r.original[2]), (0, 0), "small.x and fits.b are not wide's");
    }
    for r in stored.iter().filter(|r| r.property == "small") {
        assert_eq!(&r.original[2..], &[0, 0, 0], "fits.b, wide.y, wide.z are not small's");
    }
    // The checkpoint records each space's plan; the run's phases are theirs side by side.
    let cp = vecrun::run::session::Checkpoint::read(&d.join("out/checkpoint.json")).unwrap();
    let names: Vec<Vec<String>> = cp.groups.iter().map(|g| g.properties.clone()).collect();
    assert_eq!(names, [vec!["small".to_string()], vec!["fits".into()], vec!["wide".into()], vec!["shared".into()]]);
    let phases: Vec<(&str, u64)> = cp.plan.iter().map(|r| (r.phase.name(), r.end - r.start)).collect();
    let edge = cp.groups[2].phases[0].1;
    assert_eq!(phases, [("edge", edge), ("exhaustive", 1000 + 1280 + 5), ("random", 60000 - edge)]);
    // The counterexample table: another property's input columns are null on a row (pyarrow).
    if let Some(python) = std::env::var_os("VECRUN_PYTHON").filter(|p| !p.is_empty()) {
        let script = "import sys, pyarrow.parquet as pq\nt = pq.read_table(sys.argv[1]).to_pydict()\nfor p, x, y in zip(t['property'], t['small.x'], t['wide.y']):\n    print(p, x, y)\n";
        let o = Command::new(python).args(["-c", script]).arg(d.join("out/counterexamples/part-0.parquet")).output().expect("python runs");
        assert!(o.status.success(), "{}", stderr(&o));
        for line in String::from_utf8_lossy(&o.stdout).lines() {
            let f: Vec<&str> = line.split(' ').collect();
            match f[0] {
                "small" => assert!(f[1] != "None" && f[2] == "None", "{line}"),
                "wide" => assert!(f[1] == "None" && f[2] != "None", "{line}"),
                _ => assert!(f[1] == "None" && f[2] == "None", "{line}"),
            }
        }
    } else if std::env::var_os("CI").is_some() {
        panic!("VECRUN_PYTHON is not set: under CI the pyarrow check must run (use scripts/test.sh)");
    }
}

#[test]
fn stored_rows_do_not_depend_on_threads_backend_stops_or_shards() {
    let dir = setup();
    let d = dir.path();
    let one = run(d, "t1", &["--backend", "cpu", "--threads", "1"]);
    assert!(one.iter().any(|r| r.property == "wide") && one.iter().any(|r| r.property == "small"));
    same(&one, &run(d, "t2", &["--backend", "cpu", "--threads", "2"]), "--threads 1 and 2");
    same(&one, &run(d, "interp", &["--backend", "cpu", "--cpu-engine", "interpreter"]), "the interpreter");
    if support::gpu_device().is_some() {
        same(&one, &run(d, "gpu", &["--backend", "gpu"]), "the GPU stores the CPU's rows");
    }
    // One property selected: its rows are the ones it has in the whole run (a vector is named
    // within its property's space, whatever else the run has).
    for property in ["small", "wide", "shared"] {
        let only = run(d, &format!("only-{property}"), &["--backend", "cpu", "--property", property]);
        let want: Vec<StoredCounterexample> = one.iter().filter(|r| r.property == property).cloned().collect();
        same(&want, &only, &format!("--property {property}"));
    }
    // Another property with inputs of its own, declared first, and one without: no vector of the
    // others changes (a space is keyed by the inputs it reads; others' slots take no random word).
    let extra = SPEC.replace(
        "property small(",
        "property extra(q: u32, r: [u8; 3] in 1..=9) {\n  assert q != 5 || r[0] != 3, \"extra\";\n}\n\nproperty extra2 {\n  assert k != 4, \"k\";\n}\n\nproperty small(",
    );
    std::fs::write(d.join("extra.vspec"), extra).unwrap();
    let o = vecrun(d, &["run", "extra.vspec", "-q", "--vectors", "60000", "--out", "extra", "--backend", "cpu"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let with_extra: Vec<StoredCounterexample> = rows(&d.join("extra"))
        .into_iter()
        .filter(|r| !r.property.starts_with("extra"))
        .map(|r| {
            // The same values of the inputs it reads (the table has the extra inputs' slots too).
            let mut v = r.original.clone();
            v.drain(1..5);
            let mut s = r.shrunk.clone();
            s.drain(1..5);
            StoredCounterexample { original: v, shrunk: s, spec_hash: String::new(), location: String::new(), ..r }
        })
        .collect();
    let plain: Vec<StoredCounterexample> =
        one.iter().map(|r| StoredCounterexample { spec_hash: String::new(), location: String::new(), ..r.clone() }).collect();
    same(&plain, &with_extra, "with other properties added");
    // A budget stop mid-run, then resume.
    let o = vecrun(d, &["run", "pp.vspec", "-q", "--vectors", "60000", "--out", "part", "--backend", "cpu", "--seconds", "0.01"]);
    assert!(matches!(o.status.code(), Some(1) | Some(3)), "{}", stderr(&o));
    let o = vecrun(d, &["run", "pp.vspec", "-q", "--resume", "part", "--backend", "cpu", "--seconds", "600"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    same(&one, &rows(&d.join("part")), "stopped and resumed");
    // A checkpoint whose spaces do not add up to its phases is refused, not run.
    let text = std::fs::read_to_string(d.join("part/checkpoint.json")).unwrap();
    let mut cp: serde_json::Value = serde_json::from_str(&text).unwrap();
    let n = cp["groups"][0]["phases"][0][1].as_u64().unwrap();
    cp["groups"][0]["phases"][0][1] = serde_json::json!(n + 1);
    std::fs::create_dir(d.join("damaged")).unwrap();
    std::fs::write(d.join("damaged/checkpoint.json"), serde_json::to_string(&cp).unwrap()).unwrap();
    let o = vecrun(d, &["run", "pp.vspec", "-q", "--resume", "damaged", "--backend", "cpu"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("is not the sum of its input spaces' parts"), "{}", stderr(&o));
    // Two shards merged: the same rows and the same per-property verdicts and counts.
    for k in 0..2 {
        let (shard, out) = (format!("{k}/2"), format!("s{k}"));
        let o = vecrun(d, &["run", "pp.vspec", "-q", "--vectors", "60000", "--backend", "cpu", "--shard", &shard, "--out", &out]);
        assert!(matches!(o.status.code(), Some(0) | Some(1)), "{}", stderr(&o));
    }
    let o = vecrun(d, &["merge", "merged", "s0", "s1"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    same(&one, &rows(&d.join("merged")), "shards merged");
    assert_eq!(summary(&d.join("t1")), summary(&d.join("merged")), "merged verdicts and counts (fits PROVEN)");
}

#[test]
fn index_names_one_vector_per_space_and_replay_rechecks_rows() {
    let dir = setup();
    let d = dir.path();
    let stored = run(d, "out", &["--backend", "cpu"]);
    let r = stored.iter().find(|r| r.property == "small").expect("a row of small");
    let index = r.vector_index.to_string();
    let o = vecrun(d, &["run", "pp.vspec", "--backend", "cpu", "--property", "small", "--phase", "exhaustive", "--index", &index]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{text}{}", stderr(&o));
    assert!(text.contains(&format!("small.x = {}", r.original[1])) && text.contains("small: FAILED"), "{text}");
    assert!(!text.contains("wide.y"), "another property's inputs are not shown: {text}");
    // Without --property: one vector per space; spaces too small for the index say so.
    let o = vecrun(d, &["run", "pp.vspec", "--backend", "cpu", "--phase", "exhaustive", "--index", "999"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("vector exhaustive #999 of small") && text.contains("vector exhaustive #999 of fits"), "{text}");
    assert!(text.contains("vector exhaustive #999 of shared: none"), "{text}");
    // `vecrun vectors --property small` writes small's space as the run names it.
    let o = vecrun(d, &["vectors", "pp.vspec", "--property", "small", "--exhaustive", "--out", "vec"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let script = "import sys, pyarrow.parquet as pq\nt = pq.read_table(sys.argv[1])\nprint(t.column_names)\nprint(t.num_rows)\nfor i in map(int, sys.argv[2:]):\n    print(t['k'][i].as_py(), t['small.x'][i].as_py())\n";
    if let Some(python) = std::env::var_os("VECRUN_PYTHON").filter(|p| !p.is_empty()) {
        let smalls: Vec<&StoredCounterexample> = stored.iter().filter(|r| r.property == "small").collect();
        let indices: Vec<String> = smalls.iter().map(|r| r.vector_index.to_string()).collect();
        let o = Command::new(python).args(["-c", script]).arg(d.join("vec/vectors.parquet")).args(&indices).output().expect("python");
        assert!(o.status.success(), "{}", stderr(&o));
        let text = String::from_utf8_lossy(&o.stdout);
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("['phase', 'vector_index', 'k', 'small.x']"), "only the inputs small reads");
        assert_eq!(lines.next(), Some("1000"));
        for (r, line) in smalls.iter().zip(lines) {
            assert_eq!(line, format!("{} {}", r.original[0], r.original[1]), "vector #{} of small", r.vector_index);
        }
    }
    let o = vecrun(d, &["vectors", "pp.vspec", "--out", "vec2"]);
    assert!(o.status.code() == Some(2) && stderr(&o).contains("--property NAME"), "{}", stderr(&o));
    // Replay: every stored row still fails against the spec, and is fixed by a fixed spec.
    let o = vecrun(d, &["replay", "out", "--spec", "pp.vspec"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains(&format!("{} still failing, 0 fixed", stored.len())), "{text}{}", stderr(&o));
    std::fs::write(d.join("fixed.vspec"), SPEC.replace("% 17 != 5", "% 17 != 99").replace("y % 1000 != 7", "y % 1000 != 1007")).unwrap();
    let o = vecrun(d, &["replay", "out", "--spec", "fixed.vspec"]);
    let text = String::from_utf8_lossy(&o.stdout);
    let shared = stored.iter().filter(|r| r.property == "shared").count();
    assert!(text.contains(&format!("{shared} still failing, {} fixed", stored.len() - shared)), "{text}{}", stderr(&o));
}

#[test]
fn what_the_checker_refuses_and_how_the_formatter_writes_it() {
    let check = |text: &str| {
        let loaded = vecrun::load::load_text(Path::new("t.vspec"), text.to_string(), &vecrun::load::MemoryFs::new());
        vecrun::check::check(loaded)
    };
    let err = |text: &str| -> String {
        match check(text) {
            Ok(_) => panic!("accepted:\n{text}"),
            Err(e) => e.iter().map(|d| d.message.clone()).collect::<Vec<_>>().join("\n"),
        }
    };
    let head = "spec s { version = \"1\" }\ninput k: u32;\n";
    assert!(err(&format!("{head}property p(k: u32) {{ assert k > 0; }}")).contains("`k` is already an input of the spec"));
    assert!(err(&format!("{head}property p(x: u32, x: i32) {{ assert x > 0; }}")).contains("property `p` has two inputs named `x`"));
    assert!(err(&format!("{head}property p(x: u32) {{ assert x > 0; }}\nproperty q {{ assert x > 0; }}")).contains("cannot find"));
    assert!(err(&format!("{head}fn f() -> u32 {{ return 1; }}\nproperty p(f: u32) {{ assert f > 0; }}")).contains("already a function"));
    assert!(err(&format!("{head}property p(x: u32 in 5..1) {{ assert x > 0; }}")).contains("empty"));
    // Record inputs of a property take per-field domains, like spec-wide ones.
    let ok = check(&format!(
        "{head}struct P {{ a: u32, b: i32 }}\nproperty p(v: P in {{ a: 0..3 }}, w: [u16; 2]) {{ assert v.a < 3 && w[0] >= 0; }}"
    ))
    .map_err(|e| e.iter().map(|d| d.message.clone()).collect::<Vec<_>>())
    .expect("accepted");
    let names: Vec<(&str, Option<&str>)> = ok.spec.inputs.iter().map(|i| (i.name.as_str(), i.owner.as_deref())).collect();
    assert_eq!(names, [("k", None), ("p.v.a", Some("p")), ("p.v.b", Some("p")), ("p.w", Some("p"))]);
    // The formatter keeps the parameters and their domains.
    let text = "spec s {\n  version = \"1\"\n}\n\ninput k: u32;\n\nproperty p(x: u32 in 0..10, y: [i32; 2]) {\n  assert x < 10;\n}\n";
    assert_eq!(vecrun::fmt::format_text(text).expect("formats"), text);
}

/// The example spec of unrelated identities: the small spaces are enumerated on their own and
/// PROVEN, and `round_up`'s slip fails exactly on the multiples Rust counts.
#[test]
fn the_identities_example_proves_the_small_spaces_and_finds_the_slip() {
    let dir = tempfile::tempdir().unwrap();
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/specs/identities.vspec");
    let o = vecrun(dir.path(), &["run", spec.to_str().unwrap(), "-q", "--backend", "cpu", "--vectors", "300000", "--out", "out"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let s = summary(&dir.path().join("out"));
    let multiples: u64 = (0..4u32).map(|shift| (0..=u16::MAX as u32).filter(|v| v % (1 << shift) == 0).count() as u64).sum();
    assert_eq!(
        s,
        [
            ("average".to_string(), "PASSED".to_string(), 300000, 0),
            ("rightmost_one".into(), "PROVEN".into(), 4 * 256, 0),
            ("branch_free_abs".into(), "PROVEN".into(), 4 * 65536, 0),
            ("round_up".into(), "FAILED".into(), 4 * 65536, multiples),
        ]
    );
}

/// `--dataset` with only the spec-wide columns and `small`'s: `small` (and `shared`) run on its rows,
/// the properties whose inputs have no column are not evaluated, and say so.
#[test]
fn a_dataset_runs_the_properties_whose_inputs_it_has() {
    use std::sync::Arc;

    use arrow_array::{ArrayRef, RecordBatch, UInt32Array};
    let dir = setup();
    let d = dir.path();
    let k: ArrayRef = Arc::new(UInt32Array::from(vec![0u32, 1, 2, 3]));
    let x: ArrayRef = Arc::new(UInt32Array::from(vec![8u32, 1, 12, 0]));
    let batch = RecordBatch::try_from_iter([("k", k), ("small.x", x)]).unwrap();
    let file = std::fs::File::create(d.join("rows.parquet")).unwrap();
    let mut w = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    let o = vecrun(d, &["run", "pp.vspec", "--backend", "cpu", "--vectors", "2000", "--dataset", "rows.parquet", "--out", "out"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("fits not evaluated (its inputs `fits.b` have no column)"), "{err}");
    assert!(err.contains("wide not evaluated (its inputs `wide.y`, `wide.z` have no column)"), "{err}");
    assert!(err.contains("small: 2 failed") && err.contains("shared: 1 failed"), "{err}");
    let from_data: Vec<(String, u64, Vec<u32>)> = rows(&d.join("out"))
        .into_iter()
        .filter(|r| r.phase.name() == "dataset")
        .map(|r| (r.property, r.vector_index, r.original))
        .collect();
    assert_eq!(
        from_data,
        [
            ("small".to_string(), 0, vec![0, 8, 0, 0, 0]),
            ("small".into(), 2, vec![2, 12, 0, 0, 0]),
            ("shared".into(), 3, vec![3, 0, 0, 0, 0])
        ],
        "rows (0, 8) and (2, 12) fail small ((x * 7 + k * 3) % 17 == 5), row 3 fails shared (k = 3)"
    );
}

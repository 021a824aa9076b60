//! `vecrun equiv`: the intended difference of an old/new pair is found (exit 1, Parquet rows with the
//! right property, class and values) and nothing else is once `--allow` names it (exit 0); small
//! parameter spaces are enumerated (PROVEN); array results are classified by element, out-of-bounds
//! indices by side, f32 results compared by bits with NaN == NaN; the error cases exit 2 and say
//! which function, signature or domain is at fault; the gallery refactor pair; and the library API
//! (synthesis with scope-aware renaming, compile, run) without the binary.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use vecrun::equiv::{self, AllowRule, RunSettings, Side, SideId, SynthOptions};
use vecrun::output::model::Reason;
use vecrun::output::parquet::{self, StoredRun};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/equiv").join(name)
}

fn gallery(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/specs/gallery").join(name)
}

struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `vecrun equiv OLD NEW --out OUT ARGS...` (CPU unless ARGS say otherwise).
fn equiv(old: &Path, new: &Path, out: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vecrun"));
    cmd.env("VECRUN_ALLOW_SOFTWARE_GPU", "1");
    cmd.arg("equiv").arg(old).arg(new).arg("--out").arg(out).arg("--quiet");
    if !args.contains(&"--backend") {
        cmd.args(["--backend", "cpu"]);
    }
    let o = cmd.args(args).output().expect("run vecrun");
    Output {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into(),
        stderr: String::from_utf8_lossy(&o.stderr).into(),
    }
}

/// The report line of a function (`fn NAME(...) -> T  VERDICT ...`).
fn row<'a>(o: &'a Output, function: &str) -> &'a str {
    let prefix = format!("fn {function}(");
    o.stdout.lines().find(|l| l.starts_with(&prefix)).unwrap_or_else(|| panic!("no row for `{function}` in:\n{}\n{}", o.stdout, o.stderr))
}

fn verdict(o: &Output, function: &str) -> String {
    let r = row(o, function);
    // The signature has single spaces only; two or more end it.
    let (_, after_sig) = r.split_once("  ").expect("signature");
    after_sig.split_whitespace().next().expect("verdict").to_string()
}

fn stored(out: &Path, function: &str, file: &str) -> StoredRun {
    parquet::read_counterexamples(&out.join(function).join(file)).unwrap_or_else(|e| panic!("read {function}/{file}: {e}"))
}

/// The amounts on which the fixture's rounding fix changes the fee: `amount >= 9000` whose fee's
/// fraction is at least one half.
fn fixed_amounts() -> Vec<u32> {
    (9000u32..=10_000).filter(|a| (a * 250) % 10_000 >= 5_000).collect()
}

#[test]
fn fee_pair_finds_the_intended_difference() {
    let dir = tempfile::tempdir().unwrap();
    let o = equiv(&fixture("fee_old.vspec"), &fixture("fee_new.vspec"), dir.path(), &[]);
    assert_eq!(o.code, 1, "{}\n{}", o.stdout, o.stderr);
    assert_eq!(verdict(&o, "fee"), "FAILED");
    assert_eq!(verdict(&o, "surcharge"), "PROVEN", "a const shadowed by a local and a renamed helper compare equal");
    assert_eq!(verdict(&o, "split"), "PROVEN", "array results compare equal element by element");
    assert!(o.stdout.contains("not compared (only in NEW, no old behaviour): fee_label"), "{}", o.stdout);
    assert!(o.stdout.contains("NOT EQUIVALENT: 1 of 3 functions differs: fee"), "{}", o.stdout);
    // Every difference, as Parquet rows of the comparison property, with the values that differ.
    let run = stored(dir.path(), "fee", "counterexamples/part-0.parquet");
    let expected = fixed_amounts();
    assert_eq!(expected.len(), 500);
    assert_eq!(run.rows.len(), expected.len());
    assert_eq!(run.inputs, vec![("amount".to_string(), vecrun::check::Type::U32)]);
    assert_eq!(run.manifest.spec_name, "equiv_fee");
    assert!(run.manifest.exhaustive);
    let mut amounts: Vec<u32> = run.rows.iter().map(|r| r.original[0]).collect();
    amounts.sort();
    assert_eq!(amounts, expected);
    for r in &run.rows {
        assert_eq!(r.property, "equiv_fee");
        assert_eq!(r.reason, Reason::Assert);
        assert_eq!(r.assert_message, "old and new differ: result");
        assert_eq!(r.phase, "exhaustive");
        assert!(r.shrunk[0] >= 9000, "a shrunk difference is still a difference");
    }
    assert!(o.stdout.contains("amount = 9020\n      old -> 225\n      new -> 226"), "the report shows both results:\n{}", o.stdout);
    // The other functions wrote empty files; the summary says which function differs.
    assert!(stored(dir.path(), "surcharge", "counterexamples/part-0.parquet").rows.is_empty());
    assert!(stored(dir.path(), "split", "counterexamples/part-0.parquet").rows.is_empty());
    let summary: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.path().join("equiv.json")).unwrap()).unwrap();
    assert_eq!(summary["equivalent"], false);
    assert_eq!(summary["functions"][0]["function"], "fee");
    assert_eq!(summary["functions"][0]["differences"], 500);
    // The comparison spec is kept beside the results.
    assert!(dir.path().join("fee/equiv.vspec").is_file());
}

/// Runs `vecrun ARGS...` (software GPUs allowed).
fn vecrun(args: &[&std::ffi::OsStr]) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_vecrun")).env("VECRUN_ALLOW_SOFTWARE_GPU", "1").args(args).output().expect("run vecrun");
    Output {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into(),
        stderr: String::from_utf8_lossy(&o.stderr).into(),
    }
}

#[test]
fn a_function_directory_is_a_run_directory_for_replay_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let o = equiv(
        &fixture("fee_old.vspec"),
        &fixture("fee_new.vspec"),
        dir.path(),
        &["--fn", "fee", "--allow", "fee:amount >= 9500 && new == old + 1"],
    );
    assert_eq!(o.code, 1, "{}\n{}", o.stdout, o.stderr);
    let fee = dir.path().join("fee");
    // The layout of `vecrun run`: the two tables in their folders, the manifest beside them, the
    // intended differences in a folder of their own, and no Parquet file directly in the directory.
    for file in ["counterexamples/part-0.parquet", "summary/part-0.parquet", "manifest.json", "intended/part-0.parquet", "equiv.vspec"] {
        assert!(fee.join(file).is_file(), "missing fee/{file}");
    }
    let loose: Vec<_> =
        std::fs::read_dir(&fee).unwrap().flatten().filter(|e| e.path().extension().is_some_and(|x| x == "parquet")).collect();
    assert!(loose.is_empty(), "{loose:?}");
    let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(fee.join("manifest.json")).unwrap()).unwrap();
    let summary = parquet::read_summary(&fee.join("summary/part-0.parquet")).unwrap();
    assert_eq!(summary.manifest.run_id, manifest["run_id"].as_str().unwrap());
    assert_eq!(summary.rows[0].property, "equiv_fee");
    assert_eq!(summary.rows[0].verdict, "FAILED");
    let counts = summary.counts[0].as_ref().expect("the detailed counts, as a run writes them");
    let low = fixed_amounts().into_iter().filter(|a| *a < 9500).count() as u64;
    assert_eq!(counts.counterexamples_kept, low);
    // `vecrun replay DIR/FN`: every kept difference still differs.
    let replay = vecrun(&["replay".as_ref(), fee.as_os_str()]);
    assert_eq!(replay.code, 1, "{}\n{}", replay.stdout, replay.stderr);
    assert!(replay.stdout.contains(&format!("{low} still failing, 0 fixed, 0 not applicable")), "{}", replay.stdout);
    // `vecrun report DIR/FN`: the stored differences with the summary of the same run.
    let report = vecrun(&["report".as_ref(), fee.as_os_str()]);
    assert_eq!(report.code, 0, "{}\n{}", report.stdout, report.stderr);
    assert!(report.stdout.contains("equiv_fee"), "{}", report.stdout);
    assert!(report.stdout.contains("old and new differ: result"), "{}", report.stdout);
    assert!(!report.stderr.contains("warning"), "the summary belongs to the same run: {}", report.stderr);
}

#[test]
fn allowing_the_fix_leaves_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let o = equiv(&fixture("fee_old.vspec"), &fixture("fee_new.vspec"), dir.path(), &["--allow", "fee:amount >= 9000 && new == old + 1"]);
    assert_eq!(o.code, 0, "{}\n{}", o.stdout, o.stderr);
    for f in ["fee", "surcharge", "split"] {
        assert_eq!(verdict(&o, f), "PROVEN", "{}", o.stdout);
    }
    assert!(o.stdout.contains("intended differences of fee (--allow (amount >= 9000 && new == old + 1)): 500"), "{}", o.stdout);
    assert!(o.stdout.contains("EQUIVALENT (modulo --allow): 3 functions PROVEN"), "{}", o.stdout);
    assert!(stored(dir.path(), "fee", "counterexamples/part-0.parquet").rows.is_empty());
    // The intended differences are kept apart, as rows of their own property.
    let intended = stored(dir.path(), "fee", "intended/part-0.parquet");
    assert_eq!(intended.rows.len(), 500);
    assert!(intended.rows.iter().all(|r| r.property == "intended_fee" && r.assert_message == "intended difference: result"));
    let mut amounts: Vec<u32> = intended.rows.iter().map(|r| r.original[0]).collect();
    amounts.sort();
    assert_eq!(amounts, fixed_amounts());
    let summary = parquet::read_summary(&dir.path().join("fee/summary/part-0.parquet")).unwrap();
    assert_eq!(summary.rows[0].verdict, "PROVEN");
    assert_eq!(summary.rows[0].cover_hits, vec![500]);
}

#[test]
fn an_allow_predicate_too_narrow_leaves_the_rest_as_differences() {
    let dir = tempfile::tempdir().unwrap();
    let o = equiv(
        &fixture("fee_old.vspec"),
        &fixture("fee_new.vspec"),
        dir.path(),
        &["--fn", "fee", "--allow", "amount >= 9500 && new == old + 1", "--capacity", "10"],
    );
    assert_eq!(o.code, 1, "{}\n{}", o.stdout, o.stderr);
    let (low, high): (Vec<u32>, Vec<u32>) = fixed_amounts().into_iter().partition(|a| *a < 9500);
    let summary: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.path().join("equiv.json")).unwrap()).unwrap();
    assert_eq!(summary["functions"][0]["differences"], low.len() as u64);
    assert_eq!(summary["functions"][0]["intended"], high.len() as u64);
    // The counts are exact; the rows are the first `--capacity` in index order.
    let run = stored(dir.path(), "fee", "counterexamples/part-0.parquet");
    assert_eq!(run.rows.iter().map(|r| r.original[0]).collect::<Vec<_>>(), low[..10].to_vec());
    let intended = stored(dir.path(), "fee", "intended/part-0.parquet");
    assert_eq!(intended.rows.iter().map(|r| r.original[0]).collect::<Vec<_>>(), high[..10].to_vec());
}

#[test]
fn small_spaces_are_enumerated_and_large_ones_sampled() {
    let dir = tempfile::tempdir().unwrap();
    // 10_000 amounts, budget 100: sampled (edge + random), not proven.
    let o = equiv(&fixture("fee_old.vspec"), &fixture("fee_new.vspec"), dir.path(), &["--fn", "split", "--vectors", "100"]);
    assert_eq!(o.code, 0, "{}\n{}", o.stdout, o.stderr);
    assert_eq!(verdict(&o, "split"), "PASSED");
    assert!(row(&o, "split").contains("random"), "{}", o.stdout);
    // The same budget with --exhaustive: the whole space, PROVEN.
    let o = equiv(&fixture("fee_old.vspec"), &fixture("fee_new.vspec"), dir.path(), &["--fn", "split", "--vectors", "100", "--exhaustive"]);
    assert_eq!(o.code, 0, "{}\n{}", o.stdout, o.stderr);
    assert_eq!(verdict(&o, "split"), "PROVEN");
    assert!(row(&o, "split").contains("exhaustive 10_000"), "{}", o.stdout);
    // A bare u32 parameter has 2^32 values: sampled. A function without parameters has one vector.
    let o =
        equiv(&fixture("sig_old.vspec"), &fixture("sig_new.vspec"), dir.path(), &["--fn", "keep", "--fn", "version", "--vectors", "1000"]);
    assert_eq!(o.code, 0, "{}\n{}", o.stdout, o.stderr);
    assert_eq!(verdict(&o, "keep"), "PASSED");
    assert_eq!(verdict(&o, "version"), "PROVEN");
    assert!(row(&o, "version").contains("exhaustive 1 "), "{}", o.stdout);
}

#[test]
fn array_results_are_classified_by_element_and_bounds_failures_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let o = equiv(&fixture("arrays_old.vspec"), &fixture("arrays_new.vspec"), dir.path(), &[]);
    assert_eq!(o.code, 1, "{}\n{}", o.stdout, o.stderr);
    assert_eq!(verdict(&o, "prefix_sums"), "FAILED");
    assert!(row(&o, "prefix_sums").contains("exhaustive 256"), "the parameter is renamed in NEW; both inputs give 0..=3");
    let run = stored(dir.path(), "prefix_sums", "counterexamples/part-0.parquet");
    assert_eq!(run.rows.len(), 48, "first element 3 (1), any middle (4 x 4), last not 0 (3)");
    for r in &run.rows {
        assert_eq!(r.assert_message, "old and new differ: element [3] of 4");
        assert_eq!(r.original[0], 3);
        assert_ne!(r.original[3], 0);
    }
    assert!(o.stdout.contains("element [3] of 4: 48"), "{}", o.stdout);
    let run = stored(dir.path(), "pick", "counterexamples/part-0.parquet");
    assert_eq!(run.rows.len(), 2 * 256, "i in {{4, 5}} for every xs");
    for r in &run.rows {
        assert_eq!(r.reason, Reason::IndexOutOfBounds);
        assert!(r.assert_message.contains("(OLD: index out of bounds)"), "{}", r.assert_message);
        assert!(r.original[4] >= 4);
    }
}

#[test]
fn f32_results_compare_bit_patterns_and_any_nan_equals_any_nan() {
    let dir = tempfile::tempdir().unwrap();
    let o = equiv(&fixture("floats_old.vspec"), &fixture("floats_new.vspec"), dir.path(), &[]);
    assert_eq!(o.code, 1, "{}\n{}", o.stdout, o.stderr);
    assert_eq!(verdict(&o, "half"), "PROVEN");
    assert_eq!(verdict(&o, "ratio"), "PROVEN", "0.0 / 0.0 is a NaN on both sides");
    assert_eq!(verdict(&o, "negate"), "FAILED");
    let run = stored(dir.path(), "negate", "counterexamples/part-0.parquet");
    assert_eq!(run.rows.len(), 1);
    assert_eq!(run.rows[0].original, vec![0.0f32.to_bits()], "only +0.0: `0.0 - 0.0` is +0.0, `-0.0` is not");
    assert!(o.stdout.contains("old -> 0.0\n      new -> -0.0"), "{}", o.stdout);
}

#[test]
fn a_signature_mismatch_is_an_error_naming_both_signatures() {
    let dir = tempfile::tempdir().unwrap();
    let o = equiv(&fixture("sig_old.vspec"), &fixture("sig_new.vspec"), dir.path(), &[]);
    assert_eq!(o.code, 2, "{}\n{}", o.stdout, o.stderr);
    assert!(
        o.stderr.contains("function `scale` has different signatures: OLD `fn scale(x: u32) -> u32`, NEW `fn scale(x: i32) -> u32`"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("--fn NAME"), "the hint says how to compare the others: {}", o.stderr);
    let o = equiv(&fixture("sig_old.vspec"), &fixture("sig_new.vspec"), dir.path(), &["--fn", "scale"]);
    assert_eq!(o.code, 2);
    let o = equiv(&fixture("sig_old.vspec"), &fixture("sig_new.vspec"), dir.path(), &["--fn", "keep", "--vectors", "1000"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
}

#[test]
fn a_function_missing_in_one_spec_is_an_error_saying_which() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (fixture("only_old.vspec"), fixture("only_new.vspec"));
    // By default every function of OLD must still be in NEW.
    let o = equiv(&old, &new, dir.path(), &[]);
    assert_eq!(o.code, 2, "{}\n{}", o.stdout, o.stderr);
    assert!(o.stderr.contains("function `legacy_fee` is in OLD"), "{}", o.stderr);
    assert!(o.stderr.contains("but not in NEW"), "{}", o.stderr);
    assert!(o.stdout.is_empty(), "nothing runs: {}", o.stdout);
    let o = equiv(&old, &new, dir.path(), &["--fn", "legacy_fee"]);
    assert_eq!(o.code, 2);
    // Named explicitly, the shared function alone is compared.
    let o = equiv(&old, &new, dir.path(), &["--fn", "fee", "--vectors", "1000"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    // The other way round, NEW may add functions: they are listed, not compared.
    let o = equiv(&new, &old, dir.path(), &["--vectors", "1000"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("not compared (only in NEW, no old behaviour): legacy_fee"), "{}", o.stdout);
    // A function NEW lacks, named with --fn.
    let o = equiv(&new, &old, dir.path(), &["--fn", "legacy_fee"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("function `legacy_fee` is in NEW") && o.stderr.contains("but not in OLD"), "{}", o.stderr);
    let o = equiv(&old, &new, dir.path(), &["--fn", "nowhere"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("function `nowhere` is in neither spec"), "{}", o.stderr);
}

#[test]
fn domains_that_disagree_are_an_error_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let o = equiv(&fixture("domain_old.vspec"), &fixture("domain_new.vspec"), dir.path(), &[]);
    assert_eq!(o.code, 2, "{}\n{}", o.stdout, o.stderr);
    assert!(
        o.stderr.contains("the domains of parameter `amount` of `fee` disagree: OLD declares `input amount: u32 in 1..=10_000`, NEW declares `input amount: u32 in 1..=20_000`"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.contains("parameter `rate: f32` of `scaled` has the name of OLD's input `rate: u32`"),
        "both errors are reported: {}",
        o.stderr
    );
}

#[test]
fn bad_allow_predicates_and_bad_specs_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (fixture("fee_old.vspec"), fixture("fee_new.vspec"));
    // Unscoped, a predicate must compile for every compared function: `split` returns an array.
    let o = equiv(&old, &new, dir.path(), &["--allow", "amount >= 9000 && new == old + 1"]);
    assert_eq!(o.code, 2, "{}\n{}", o.stdout, o.stderr);
    assert!(o.stderr.contains("the --allow predicate does not compile for `split`"), "{}", o.stderr);
    let o = equiv(&old, &new, dir.path(), &["--allow", "fee:amont >= 9000"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("cannot find `amont`"), "{}", o.stderr);
    let o = equiv(&old, &new, dir.path(), &["--allow", "refund:new == old"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("--allow names function `refund`, which is not compared"), "{}", o.stderr);
    let o = equiv(&old, &new, dir.path(), &["--allow", "true; } property p { assert false"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("must be one boolean expression"), "{}", o.stderr);
    // A spec that does not compile.
    let broken = dir.path().join("broken.vspec");
    std::fs::write(&broken, "spec broken {}\nfn f(x: u32) -> u32 { return y; }\n").unwrap();
    let o = equiv(&old, &broken, dir.path(), &[]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("NEW spec") && o.stderr.contains("cannot find `y`"), "{}", o.stderr);
    let o = equiv(&old, &dir.path().join("missing.vspec"), dir.path(), &[]);
    assert_eq!(o.code, 2);
}

#[test]
fn gallery_refactor_pair_differs_only_where_the_fix_is() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (gallery("refactor_old.vspec"), gallery("refactor_new.vspec"));
    let o = equiv(&old, &new, dir.path(), &["--vectors", "200000", "--capacity", "200"]);
    assert_eq!(o.code, 1, "{}\n{}", o.stdout, o.stderr);
    assert_eq!(verdict(&o, "rate_bps"), "PROVEN");
    assert_eq!(verdict(&o, "fee"), "FAILED");
    let run = stored(dir.path(), "fee", "counterexamples/part-0.parquet");
    assert_eq!(run.rows.len(), 200);
    for r in &run.rows {
        let (amount, tier) = (r.original[0], r.original[1]);
        assert!(amount >= 1_000_000, "a difference below the fixed path: {amount}");
        let bps = [250u64, 175, 90][tier as usize];
        let (old_fee, new_fee) = ((amount as u64 / 10_000) * bps, amount as u64 * bps / 10_000);
        assert_ne!(old_fee, new_fee);
        assert_eq!(r.assert_message, "old and new differ: result");
    }
    // Naming the fix leaves nothing else.
    let o = equiv(&old, &new, dir.path(), &["--vectors", "200000", "--allow", "fee:amount >= 1_000_000"]);
    assert_eq!(o.code, 0, "{}\n{}", o.stdout, o.stderr);
    assert_eq!(verdict(&o, "fee"), "PASSED");
    assert!(stored(dir.path(), "fee", "counterexamples/part-0.parquet").rows.is_empty());
    assert!(!stored(dir.path(), "fee", "intended/part-0.parquet").rows.is_empty());
}

#[test]
fn gpu_backend_finds_the_same_differences() {
    if support::gpu_device().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let o = equiv(&fixture("fee_old.vspec"), &fixture("fee_new.vspec"), dir.path(), &["--backend", "gpu"]);
    assert_eq!(o.code, 1, "{}\n{}", o.stdout, o.stderr);
    assert!(o.stdout.contains("backend gpu"), "{}", o.stdout);
    let mut amounts: Vec<u32> = stored(dir.path(), "fee", "counterexamples/part-0.parquet").rows.iter().map(|r| r.original[0]).collect();
    amounts.sort();
    assert_eq!(amounts, fixed_amounts());
    let o = equiv(&fixture("arrays_old.vspec"), &fixture("arrays_new.vspec"), dir.path(), &["--backend", "gpu"]);
    assert_eq!(o.code, 1, "{}\n{}", o.stdout, o.stderr);
    assert_eq!(stored(dir.path(), "prefix_sums", "counterexamples/part-0.parquet").rows.len(), 48);
    assert_eq!(stored(dir.path(), "pick", "counterexamples/part-0.parquet").rows.len(), 512);
    let o = equiv(
        &fixture("fee_old.vspec"),
        &fixture("fee_new.vspec"),
        dir.path(),
        &["--backend", "gpu", "--allow", "fee:amount >= 9000 && new == old + 1"],
    );
    assert_eq!(o.code, 0, "{}\n{}", o.stdout, o.stderr);
    assert_eq!(stored(dir.path(), "fee", "intended/part-0.parquet").rows.len(), 500);
}

// ------------------------------------------------------------------------------------------ library

fn sides(old: &str, new: &str) -> (Side, Side) {
    let o = Side::load(SideId::Old, &fixture(old)).expect("old compiles");
    let n = Side::load(SideId::New, &fixture(new)).expect("new compiles");
    (o, n)
}

#[test]
fn synthesis_renames_scope_aware_and_keeps_helpers_apart() {
    let (old, new) = sides("fee_old.vspec", "fee_new.vspec");
    let sel = equiv::synthesize(&old, &new, &SynthOptions::default()).expect("comparable");
    let names: Vec<&str> = sel.comparisons.iter().map(|c| c.function.as_str()).collect();
    assert_eq!(names, ["fee", "surcharge", "split"]);
    assert_eq!(sel.only_new, ["fee_label"]);
    let c = &sel.comparisons[1];
    assert_eq!(c.signature, "fn surcharge(amount: u32, region: u32) -> u32");
    // The local `FEE_BPS` shadows the const: kept; the const it reads and the helper are renamed.
    assert!(c.text.contains("let FEE_BPS = old__SURCHARGE_BPS * (region + 1);"), "{}", c.text);
    assert!(c.text.contains("return old__div_bps(amount * FEE_BPS);"), "{}", c.text);
    // Same-named helpers of OLD (imported) and NEW (own, another arity) stay apart.
    assert!(c.text.contains("fn old__div_bps(x: u32) -> u32"), "{}", c.text);
    assert!(c.text.contains("fn new__div_bps(x: u32, round_half_up: bool) -> u32"), "{}", c.text);
    // Domains: `region` only in OLD, `amount` in both.
    assert_eq!(c.params[0].domain, vecrun::r#gen::Domain::U32Range { lo: 1, hi: 10_000 });
    assert!(c.params[1].origin.starts_with("OLD's `input region"), "{}", c.params[1].origin);
    assert!(c.text.contains("input region: u32 in {0, 1, 2};"), "{}", c.text);
    // Every comparison spec compiles through the normal front end.
    for c in &sel.comparisons {
        c.compile("equiv.vspec").unwrap_or_else(|e| panic!("{:?}\n{}", e.error, c.text));
    }
}

#[test]
fn library_run_counts_differences_and_intended_ones() {
    let (old, new) = sides("fee_old.vspec", "fee_new.vspec");
    let allow = vec![AllowRule::parse("fee:amount >= 9500 && new == old + 1").unwrap()];
    let sel = equiv::synthesize(&old, &new, &SynthOptions { functions: vec!["fee".into()], allow }).unwrap();
    let c = &sel.comparisons[0];
    assert_eq!(c.intended_property.as_deref(), Some("intended_fee"));
    let compiled = c.compile("equiv.vspec").unwrap();
    let mut done = 0;
    let r =
        equiv::run_comparison(c, &compiled, &mut equiv::cpu_factory, &RunSettings { capacity: 5, ..Default::default() }, &mut |d, _| {
            done = d
        })
        .unwrap();
    let (low, high): (Vec<u32>, Vec<u32>) = fixed_amounts().into_iter().partition(|a| *a < 9500);
    assert_eq!(done, 10_000);
    assert_eq!(r.verdict, vecrun::run::Verdict::Failed);
    assert!(!r.equivalent());
    assert_eq!(r.stats.failed, low.len() as u64);
    assert_eq!(r.intended, high.len() as u64);
    assert_eq!(r.differences.len(), 5);
    assert_eq!(r.intended_examples.len(), 5);
    let d = &r.differences[0];
    assert_eq!(d.slots, vec![low[0]]);
    assert_eq!(d.class, "result");
    let fee = |a: u32| vecrun::check::Value::Scalar(vecrun::sem::ScalarType::U32, a as u64);
    assert_eq!(d.old, Ok(fee(low[0] * 250 / 10_000)));
    assert_eq!(d.new, Ok(fee((low[0] * 250 + 5_000) / 10_000)));
}

#[test]
fn allow_rules_parse_scope_and_refuse_statements() {
    assert_eq!(AllowRule::parse("fee: amount > 3").unwrap(), AllowRule { function: Some("fee".into()), predicate: "amount > 3".into() });
    assert_eq!(AllowRule::parse("new == old + 1").unwrap(), AllowRule { function: None, predicate: "new == old + 1".into() });
    assert!(AllowRule::parse("a > 1; b").is_err());
    assert!(AllowRule::parse("fee:").is_err());
    assert!(AllowRule::parse("a + b: c").is_err());
}

/// Functions over `u64` and `i64` (scalars and arrays) are compared on parameters drawn from the
/// whole type: a reordered division differs exactly where Rust's own `u64` arithmetic says on
/// every stored row, and a shift that equals a wrapping multiplication differs nowhere.
#[test]
fn sixty_four_bit_parameters_are_drawn_whole_and_compared() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.vspec"), dir.path().join("new.vspec"));
    let spec = |fee: &str, twice: &str| {
        format!(
            "spec fees {{ }}\nfn fee(amount: u64, parts: [u64; 2]) -> u64 {{\n  return {fee} + parts[0] / 2;\n}}\n\
             fn twice(x: i64) -> i64 {{\n  return {twice};\n}}\ninput z: u32;\nproperty p {{ assert fee(z as u64, [1, 2]) >= twice(1) as u64; }}\n"
        )
    };
    std::fs::write(&old, spec("amount / 100 * 3", "x * 2")).unwrap();
    std::fs::write(&new, spec("amount * 3 / 100", "x << 1")).unwrap();
    let out = dir.path().join("out");
    let o = equiv(&old, &new, &out, &["--vectors", "20000"]);
    assert_eq!(o.code, 1, "{}\n{}", o.stdout, o.stderr);
    assert_eq!(verdict(&o, "fee"), "FAILED");
    assert_eq!(verdict(&o, "twice"), "PASSED", "{}", o.stdout);
    let run = stored(&out, "fee", "counterexamples/part-0.parquet");
    assert_eq!(run.inputs.iter().map(|(_, t)| t.to_string()).collect::<Vec<_>>(), ["u64", "[u64; 2]"]);
    assert!(run.rows.len() >= 100, "most reorderings differ: {}", run.rows.len());
    let word = |w: &[u32], k: usize| u64::from(w[2 * k]) | u64::from(w[2 * k + 1]) << 32;
    for r in &run.rows {
        for values in [&r.original, &r.shrunk] {
            let (amount, part) = (word(values, 0), word(values, 1));
            let old = (amount / 100).wrapping_mul(3).wrapping_add(part / 2);
            let new = amount.wrapping_mul(3) / 100 + part / 2;
            assert_ne!(old, new, "a stored difference differs in Rust too: amount {amount}, parts[0] {part}");
        }
    }
}

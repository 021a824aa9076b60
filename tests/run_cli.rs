//! `vecrun run` end to end through the binary: the planted double charge is found with its index
//! and inputs on the CPU and, with the same index, on the GPU; small input spaces are PROVEN;
//! `--index` replays exactly one vector; results do not depend on the thread count.

mod support;

use std::process::{Command, Output};

fn vecrun(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vecrun")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("vecrun runs")
}

fn text(o: &Output) -> (String, String) {
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

/// The verdict column of a property's row in the report table.
fn verdict(stdout: &str, property: &str) -> String {
    stdout
        .lines()
        .find(|l| l.split_whitespace().next() == Some(property))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or_else(|| panic!("no row for {property} in:\n{stdout}"))
        .to_string()
}

/// `(index, amount)` of the first counterexample printed for a property.
fn first_counterexample(stdout: &str) -> (String, String) {
    let at = stdout.find("counterexample random #").expect("a counterexample is printed");
    let rest = &stdout[at + "counterexample random #".len()..];
    let index = rest.split_whitespace().next().unwrap().to_string();
    let amount = rest.lines().find(|l| l.trim_start().starts_with("amount =")).unwrap().trim().to_string();
    (index, amount)
}

fn billing(backend: &str, extra: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    let mut args = vec!["run", "datasets/specs/billing_failover.vspec", "--backend", backend, "--vectors", "300000", "-q", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    vecrun(&args)
}

#[test]
fn cpu_finds_the_planted_double_charge_and_fee_is_bounded_passes() {
    let o = billing("cpu", &[]);
    let (stdout, stderr) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert_eq!(verdict(&stdout, "no_double_charge"), "FAILED");
    assert_eq!(verdict(&stdout, "fee_is_bounded"), "PASSED");
    assert!(stdout.contains("customer double-charged"));
    assert!(stdout.contains("ops = ["), "inputs are printed: {stdout}");
    assert!(stdout.contains("billing_failover.vspec:56:10"), "the assert's source line: {stdout}");
    // Shrunk to the smallest failing amount and only the two events the bug needs.
    assert!(stdout.contains("shrunk in"), "{stdout}");
}

#[test]
fn gpu_finds_the_same_index_as_the_cpu() {
    if support::gpu_device().is_none() {
        return;
    }
    let (cpu_out, _) = text(&billing("cpu", &[]));
    let o = billing("gpu", &[]);
    let (gpu_out, stderr) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("using the GPU backend"), "{stderr}");
    assert_eq!(verdict(&gpu_out, "no_double_charge"), "FAILED");
    assert_eq!(first_counterexample(&gpu_out), first_counterexample(&cpu_out));
    assert!(!gpu_out.contains("BACKEND-DIVERGENT"), "{gpu_out}");
}

#[test]
fn small_spaces_are_proven_by_enumeration() {
    for (spec, props) in [("datasets/specs/proven_u16.vspec", vec!["fold_stays_in_a_byte_and_a_carry"]), ("datasets/specs/proven_u8_pair.vspec", vec!["average_without_overflow", "carry_flag"])] {
        let dir = tempfile::tempdir().unwrap();
        let o = vecrun(&["run", spec, "--backend", "cpu", "-q", "--out", dir.path().to_str().unwrap()]);
        let (stdout, stderr) = text(&o);
        assert_eq!(o.status.code(), Some(0), "{stderr}");
        assert!(stdout.contains("exhaustive 65_536"), "{stdout}");
        for p in props {
            assert_eq!(verdict(&stdout, p), "PROVEN", "{spec}");
        }
    }
}

#[test]
fn a_too_large_space_is_not_proven_but_exhaustive_on_request_would_be() {
    let dir = tempfile::tempdir().unwrap();
    let o = vecrun(&["run", "datasets/specs/proven_u16.vspec", "--backend", "cpu", "--vectors", "1000", "-q", "--out", dir.path().to_str().unwrap()]);
    let (stdout, _) = text(&o);
    assert_eq!(verdict(&stdout, "fold_stays_in_a_byte_and_a_carry"), "PASSED", "1000 vectors do not cover 65_536: {stdout}");
    let o = vecrun(&["run", "datasets/specs/proven_u16.vspec", "--backend", "cpu", "--vectors", "1000", "--exhaustive", "-q", "--out", dir.path().join("x").to_str().unwrap()]);
    assert_eq!(verdict(&text(&o).0, "fold_stays_in_a_byte_and_a_carry"), "PROVEN");
}

#[test]
fn index_replays_exactly_one_vector() {
    let (stdout, _) = text(&billing("cpu", &[]));
    let (index, amount) = first_counterexample(&stdout);
    let o = vecrun(&["run", "datasets/specs/billing_failover.vspec", "--backend", "cpu", "--index", &index]);
    let (one, stderr) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(one.contains(&amount), "the same inputs: {one}");
    assert!(one.contains("no_double_charge: FAILED"), "{one}");
    assert!(one.contains("fee_is_bounded: passed"), "{one}");
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let one = text(&billing("cpu", &["--threads", "1"])).0;
    let two = text(&billing("cpu", &["--threads", "2"])).0;
    // Drop the lines with timings and the thread count.
    let stable = |s: &str| s.lines().filter(|l| !l.contains("/s") && !l.contains("thread")).collect::<Vec<_>>().join("\n");
    assert_eq!(stable(&one), stable(&two));
}

#[test]
fn bad_flags_and_files_are_named_plainly() {
    let o = vecrun(&["run", "no/such/spec.vspec"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("cannot read spec `no/such/spec.vspec`"), "{}", text(&o).1);
    let o = vecrun(&["run", "datasets/specs/billing_failover.vspec", "--vectors", "lots"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("`lots` is not a whole number"), "{}", text(&o).1);
    let o = vecrun(&["run", "datasets/specs/billing_failover.vspec", "--property", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("no property named `nope`"), "{}", text(&o).1);
    let o = vecrun(&["run", "datasets/specs/billing_failover.vspec", "--shard", "9/4"]);
    assert_eq!(o.status.code(), Some(2));
}

//! `scripts/gpu-check.sh` (vecrun issue 13, section 5). Running it for real builds and runs the GPU
//! test suites inside this one (minutes), so CI checks its `--dry-run` plan: the adapter listing, the
//! GPU tests with `VECRUN_REQUIRE_GPU=1`, and the benchmark unless `--tests-only`.

use std::process::{Command, Output};

fn gpu_check(args: &[&str]) -> Output {
    Command::new("bash").arg("scripts/gpu-check.sh").args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("bash runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn gpu_check_dry_run_lists_the_devices_the_gpu_tests_and_the_bench() {
    let o = gpu_check(&["--dry-run"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}\n{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("+ target/debug/vecrun devices"), "{out}");
    assert!(out.contains("VECRUN_ALLOW_SOFTWARE_GPU=0"), "without --allow-software a software adapter is refused: {out}");
    let tests = out.lines().find(|l| l.starts_with("+ cargo test")).unwrap_or_else(|| panic!("no cargo test line: {out}"));
    for t in ["conformance", "differential", "gpu_regressions", "gpu_dispatch"] {
        assert!(tests.contains(&format!("--test {t}")), "{t} missing: {tests}");
    }
    assert!(out.contains("scripts/bench-gpu.sh"), "{out}");
    assert!(out.contains("BENCH_GPU_MAX_EXP=20"), "small exponents: {out}");
}

#[test]
fn gpu_check_tests_only_skips_the_bench_and_allow_software_accepts_llvmpipe() {
    let o = gpu_check(&["--allow-software", "--tests-only", "--dry-run"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("VECRUN_ALLOW_SOFTWARE_GPU=1"), "{out}");
    assert!(out.contains("+ cargo test"), "{out}");
    assert!(!out.contains("+ env BENCH_GPU"), "--tests-only ran the bench: {out}");
    assert!(!out.contains("--release"), "{out}");
}

#[test]
fn gpu_check_refuses_an_unknown_flag() {
    let o = gpu_check(&["--dry-run", "--bench-everything"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--bench-everything"));
    assert!(stdout(&o).is_empty(), "it ran something: {}", stdout(&o));
}

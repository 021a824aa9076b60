//! The hostile-input sweep: mutated specs, hostile flags and environment values, damaged and odd
//! files, closed and full stdout, all through the release-like binary. Every case must end on its
//! own (no hang past its bound), never by a signal, never with a panic (exit 101), and every spec
//! diagnostic must carry a `file:line:col` location. The number of cases run is printed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long one case may run before it counts as a hang.
const CASE_LIMIT: Duration = Duration::from_secs(30);

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_vecrun")
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where a case's stdout goes.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Stdout {
    Captured,
    /// `> /dev/full`: every write fails with ENOSPC.
    Full,
    /// `| head -0`: the reader is gone before the first write (EPIPE).
    Closed,
}

#[derive(Clone, Debug)]
struct Case {
    name: String,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdout: Stdout,
    dir: PathBuf,
}

impl Case {
    fn new(name: impl Into<String>, dir: &Path, args: &[&str]) -> Case {
        Case {
            name: name.into(),
            args: args.iter().map(|s| s.to_string()).collect(),
            env: vec![],
            stdout: Stdout::Captured,
            dir: dir.into(),
        }
    }
    fn env(mut self, k: &str, v: &str) -> Case {
        self.env.push((k.into(), v.into()));
        self
    }
    fn stdout(mut self, s: Stdout) -> Case {
        self.stdout = s;
        self
    }
}

/// What went wrong with a case, if anything.
fn run_case(case: &Case) -> Option<String> {
    let mut cmd = Command::new(bin());
    cmd.args(&case.args).current_dir(&case.dir).stdin(Stdio::null()).stderr(Stdio::piped());
    cmd.env("NO_COLOR", "1").env_remove("VECRUN_USD_PER_HOUR").env_remove("JOB_COMPLETION_INDEX");
    for (k, v) in &case.env {
        cmd.env(k, v);
    }
    match case.stdout {
        Stdout::Captured => {
            cmd.stdout(Stdio::piped());
        }
        Stdout::Full => {
            let f = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
            cmd.stdout(Stdio::from(f));
        }
        Stdout::Closed => {
            let (reader, writer) = std::io::pipe().expect("pipe");
            drop(reader);
            cmd.stdout(Stdio::from(writer));
        }
    }
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => return Some(format!("cannot start: {e}")),
    };
    // Read stderr (and stdout) on threads so a chatty child never blocks on a full pipe.
    let err_pipe = child.stderr.take();
    let out_pipe = child.stdout.take();
    let err_thread = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(mut p) = err_pipe {
            let mut buf = Vec::new();
            let _ = std::io::Read::read_to_end(&mut p, &mut buf);
            s = String::from_utf8_lossy(&buf).into_owned();
        }
        s
    });
    let out_thread = std::thread::spawn(move || {
        if let Some(mut p) = out_pipe {
            let mut buf = Vec::new();
            let _ = std::io::Read::read_to_end(&mut p, &mut buf);
        }
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break st,
            Ok(None) if start.elapsed() > CASE_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Some(format!("hang: still running after {CASE_LIMIT:?}"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Some(format!("wait failed: {e}")),
        }
    };
    let stderr = err_thread.join().unwrap_or_default();
    let _ = out_thread.join();
    let Some(code) = status.code() else {
        return Some(format!("killed by a signal ({status:?}); stderr:\n{}", tail(&stderr)));
    };
    if code == 101 || stderr.contains("panicked at") {
        return Some(format!("panicked (exit {code}); stderr:\n{}", tail(&stderr)));
    }
    if case.stdout == Stdout::Full && code == 0 && !stderr.contains("cannot write to standard output") {
        // A command that printed nothing may succeed; one that printed must say stdout failed.
    }
    // Every rustc-style error must point at a location.
    let mut lines = stderr.lines().peekable();
    while let Some(l) = lines.next() {
        if l.starts_with("error[E") || l.starts_with("warning[W") {
            match lines.peek() {
                Some(next) if next.trim_start().starts_with("--> ") && has_line_col(next) => {}
                other => return Some(format!("diagnostic without a location: `{l}` followed by {other:?}")),
            }
        }
    }
    None
}

fn has_line_col(line: &str) -> bool {
    let loc = line.trim_start().trim_start_matches("--> ");
    let mut parts = loc.rsplitn(3, ':');
    let col = parts.next().unwrap_or("");
    let line_no = parts.next().unwrap_or("");
    !col.is_empty() && col.chars().all(|c| c.is_ascii_digit()) && !line_no.is_empty() && line_no.chars().all(|c| c.is_ascii_digit())
}

fn tail(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(12)..].join("\n")
}

/// Runs every case on two worker threads and fails with the list of bad cases.
fn sweep(cases: Vec<Case>) {
    let n = cases.len();
    let queue = Mutex::new(cases.into_iter().enumerate().collect::<Vec<_>>());
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let Some((i, case)) = queue.lock().unwrap().pop() else { break };
                    if let Some(why) = run_case(&case) {
                        failures.lock().unwrap().push(format!("case {i} `{}` ({:?} {:?}): {why}", case.name, case.args, case.env));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    eprintln!("hostile sweep: {n} cases, {} failed", failures.len());
    assert!(failures.is_empty(), "{} of {n} hostile cases failed:\n{}", failures.len(), failures.join("\n\n"));
}

/// A small deterministic generator (xorshift) for mutations: the sweep is the same every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    ";",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "..",
    "..=",
    "as u32",
    "as f32",
    "-",
    "!",
    "~",
    "<<",
    ">>",
    "0xFFFFFFFF",
    "4294967296",
    "-2147483648",
    "1e39",
    "0.0",
    "NaN",
    "\"",
    "/*",
    "//",
    "\u{1b}[2J",
    "é",
    "\u{0}",
    "for k in 0..1048576 {",
    "if true {",
    "else",
    "return",
    "assert",
    "assume",
    "cover",
    "let",
    "var",
    "fn",
    "input",
    "property",
    "spec",
    "import \"x.vspec\";",
    "[0; 4096]",
    "len(",
    "select(",
    "extern",
    "extern fn g(a: u32) -> u32;",
    "extern fn h(a: [f32; 3]) -> [bool; 2] { return [true, false]; }",
    "while true bound 3 {",
    "while a < 9 {",
    "loop bound 0 {",
    "loop bound 1048577 {",
    "break;",
    "continue;",
    "'A'",
    "'\\u{110000}'",
    "b\"AB\\xFF\"",
    "b'é'",
    "0x1.8p23",
    "0x1p",
    "0x1.fffffffffffffffp127",
    "u32::MAX",
    "f32::NAN",
    "u32::",
    "const T: [u32; 2] = f(1);",
    "fn f(i: u32) -> [u32; 2] { return [i, i]; }",
    "struct",
    "(1, 2)",
    "let (a, b) = c;",
    "mul_hi(",
    "ulp_distance(",
    "== [0, 1]",
    "input q: u8;",
    "as i8",
    ": i16 = -32769",
    "u16::MAX",
    "[u8; 3]",
];

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut t: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(t.len() + 1).min(t.len());
        match rng.below(5) {
            0 if !t.is_empty() => {
                let len = 1 + rng.below(12);
                let end = (at + len).min(t.len());
                t.drain(at..end);
            }
            1 => {
                let frag = FRAGMENTS[rng.below(FRAGMENTS.len())];
                for (k, c) in frag.chars().enumerate() {
                    t.insert(at + k, c);
                }
            }
            2 if !t.is_empty() => {
                let len = 1 + rng.below(40);
                let end = (at + len).min(t.len());
                let copy: Vec<char> = t[at..end].to_vec();
                for (k, c) in copy.into_iter().enumerate() {
                    t.insert(end + k, c);
                }
            }
            3 => t.truncate(at),
            _ => {
                if at < t.len() {
                    t[at] = ['0', '9', 'x', '_', ' ', '\n', '"', '\'', '#', '$'][rng.below(10)];
                }
            }
        }
    }
    t.into_iter().collect()
}

fn seed_specs() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["datasets/specs", "datasets/specs/bench", "tests/conformance", "tests/batch"] {
        let Ok(rd) = std::fs::read_dir(repo().join(dir)) else { continue };
        let mut files: Vec<PathBuf> =
            rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "vspec")).collect();
        files.sort();
        for f in files {
            if let Ok(text) = std::fs::read_to_string(&f) {
                // Specs with imports lose them in a temp dir; keep them anyway (the import error is a case too).
                out.push((f.file_name().unwrap().to_string_lossy().into_owned(), text));
            }
        }
    }
    out
}

const SMALL_SPEC: &str = "spec hostile { version = \"1\" }\ninput a: u32 in 0..1000;\ninput b: i32;\nproperty p {\n  assert a < 990, \"a is small\";\n  assume b != 7;\n}\n";

#[test]
fn mutated_specs_never_panic_hang_or_lose_a_location() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let seeds = seed_specs();
    assert!(seeds.len() >= 5, "the sweep needs seed specs");
    let mut cases = Vec::new();
    for k in 0..240 {
        let (name, text) = &seeds[k % seeds.len()];
        let mutated = mutate(&mut rng, text);
        let file = dir.path().join(format!("m{k}.vspec"));
        std::fs::write(&file, &mutated).unwrap();
        let f = file.to_str().unwrap().to_string();
        let (cmd, extra): (&str, Vec<&str>) = match k % 6 {
            0 | 1 => ("check", vec![]),
            2 => ("fmt", vec![]),
            3 => ("lint", vec![]),
            4 => ("emit-wgsl", vec![]),
            // Every other run case goes through the solver phase alone.
            _ if k % 12 == 11 => ("prove", vec!["-q", "--solver-timeout", "0.5", "--shrink-steps", "20"]),
            _ => ("run", vec!["--backend", "cpu", "--vectors", "2000", "-q", "--shrink-steps", "20"]),
        };
        let mut args = vec![cmd, f.as_str()];
        args.extend(extra);
        let out = dir.path().join(format!("o{k}"));
        let out_s = out.to_str().unwrap().to_string();
        if cmd == "run" || cmd == "prove" {
            args.push("--out");
            args.push(&out_s);
        }
        cases.push(Case::new(format!("mutated {name} #{k} ({cmd})"), dir.path(), &args));
    }
    sweep(cases);
}

#[test]
fn hostile_flags_and_environment_values_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("s.vspec");
    std::fs::write(&spec, SMALL_SPEC).unwrap();
    let s = spec.to_str().unwrap();
    let out = dir.path().join("out");
    let o = out.to_str().unwrap();
    let base = ["run", s, "--backend", "cpu", "-q", "--out", o];
    let hostile: &[&[&str]] = &[
        &["--vectors", "-1"],
        &["--vectors", "1e30"],
        &["--vectors", "18446744073709551616"],
        &["--vectors", "nan"],
        &["--vectors", "0"],
        &["--vectors", ""],
        &["--seed", "-5"],
        &["--seed", "99999999999999999999999"],
        &["--seconds", "nan"],
        &["--seconds", "-1"],
        &["--seconds", "inf"],
        &["--usd", "nan"],
        &["--usd-per-hour", "nan"],
        &["--usd-per-hour", "-3"],
        &["--checkpoint-every", "inf"],
        &["--checkpoint-every", "1e30"],
        &["--checkpoint-every", "nan"],
        &["--shrink-time", "nan"],
        &["--shrink-time", "inf"],
        &["--shrink-time", "1e30"],
        &["--threads", "100000"],
        &["--threads", "-1"],
        &["--cross-check", "2"],
        &["--cross-check", "nan"],
        &["--capacity", "1000000000000"],
        &["--index", "99999999999999999999"],
        &["--index", "5000", "--phase", "edge"],
        &["--index", "5000", "--phase", "exhaustive"],
        &["--phase", "bogus", "--index", "1"],
        &["--shard", "5/4"],
        &["--shard", "0/0"],
        &["--shard", "x"],
        &["--shard", "1/18446744073709551616"],
        &["--property", "nope"],
        &["--resume", "/nonexistent"],
        &["--dataset", "/dev/null"],
        &["--dataset", "/nonexistent.parquet"],
        &["--junit", "/nonexistent/dir/j.xml", "--vectors", "100"],
        // A non-regular file as the JUnit target (the writer once replaced `/dev/full` itself: a
        // FIFO in the test's own directory keeps a regression harmless to the machine).
        &["--junit", "../junit.fifo", "--vectors", "100"],
        &["--junit", "..", "--vectors", "100"],
        &["--adapter", "no-such-adapter-anywhere"],
        // Implementations: the spec has no extern fn, and bindings of every broken shape.
        &["--impl", "f=exec:true"],
        &["--impl", "f=lib:/dev/null"],
        &["--impl", "=exec:x"],
        &["--impl", "f"],
        &["--impl", "f=exec:"],
        &["--impl", "f=exec:\"unterminated"],
        &["--impl", "f=lib:"],
        &["--impl", "f=gopher:x"],
        &["--impl-timeout", "nan"],
        &["--impl-timeout", "-1"],
    ];
    let _ = Command::new("mkfifo").arg(dir.path().join("junit.fifo")).status();
    let mut cases = Vec::new();
    for (k, extra) in hostile.iter().enumerate() {
        let mut args: Vec<&str> = base.to_vec();
        args.extend_from_slice(extra);
        let sub = dir.path().join(format!("f{k}"));
        std::fs::create_dir_all(&sub).unwrap();
        cases.push(Case::new(format!("flags {extra:?}"), &sub, &args));
    }
    let envs: &[(&str, &str)] = &[
        ("VECRUN_USD_PER_HOUR", "nan"),
        ("VECRUN_USD_PER_HOUR", "-1"),
        ("VECRUN_USD_PER_HOUR", "lots"),
        ("VECRUN_LOG", "[[[not a filter"),
        ("JOB_COMPLETION_INDEX", "x"),
        ("JOB_COMPLETION_INDEX", "3"),
        ("SLURM_ARRAY_TASK_ID", "-1"),
        ("AWS_BATCH_JOB_ARRAY_INDEX", "99999999999999999999999"),
        ("VECRUN_SHARD_COUNT", "0"),
        ("XDG_RUNTIME_DIR", "/nonexistent"),
        ("VECRUN_GPU_FAIL_AFTER", "not-a-number"),
    ];
    for (k, (key, value)) in envs.iter().enumerate() {
        let sub = dir.path().join(format!("e{k}"));
        std::fs::create_dir_all(&sub).unwrap();
        let o = sub.join("out");
        let args = ["run", s, "--backend", "cpu", "-q", "--vectors", "1000", "--out", o.to_str().unwrap()];
        cases.push(Case::new(format!("env {key}={value}"), &sub, &args).env(key, value));
    }
    for (k, global) in [["--trace", "/"], ["--trace", "/nonexistent/t.json"], ["--log-format", "xml"]].iter().enumerate() {
        let sub = dir.path().join(format!("g{k}"));
        std::fs::create_dir_all(&sub).unwrap();
        let args = [global[0], global[1], "check", s];
        cases.push(Case::new(format!("global {global:?}"), &sub, &args));
    }
    sweep(cases);
}

/// A finished run to damage: its checkpoint and Parquet files.
fn finished_run(dir: &Path) -> PathBuf {
    let spec = dir.join("s.vspec");
    std::fs::write(&spec, SMALL_SPEC).unwrap();
    let out = dir.join("run");
    let st = Command::new(bin())
        .args(["run", spec.to_str().unwrap(), "--backend", "cpu", "-q", "--vectors", "5000", "--out", out.to_str().unwrap()])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(st.code(), Some(1), "the small spec fails (a < 990)");
    out
}

#[test]
fn damaged_and_odd_files_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let run = finished_run(dir.path());
    let spec = dir.path().join("s.vspec");
    let s = spec.to_str().unwrap().to_string();
    let cp_text = std::fs::read_to_string(run.join("checkpoint.json")).unwrap();
    let cp: serde_json::Value = serde_json::from_str(&cp_text).unwrap();
    let mut damaged: Vec<(String, String)> = Vec::new();
    let mut edit = |name: &str, f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = cp.clone();
        f(&mut v);
        damaged.push((name.to_string(), serde_json::to_string(&v).unwrap()));
    };
    edit("short hash", &|v| v["spec_hash"] = "abc".into());
    edit("non-ascii hash", &|v| v["spec_hash"] = "ééééééééééééééééééééééééééééééééé".into());
    edit("shard index not below count", &|v| v["shard"] = serde_json::json!([4, 4]));
    edit("stats shorter than properties", &|v| v["stats"] = serde_json::json!([]));
    edit("unknown outcome tag", &|v| {
        v["stats"][0]["failures"] = serde_json::json!([{"phase": "random", "index": 1, "outcome": 0x7000_0001u32}]);
    });
    edit("counts that overflow", &|v| {
        v["stats"][0]["evaluated"] = u64::MAX.into();
        v["stats"][0]["passed"] = u64::MAX.into();
    });
    edit("position past ranges", &|v| v["position"]["range"] = 99.into());
    damaged.push(("truncated".into(), cp_text[..cp_text.len() / 2].to_string()));
    damaged.push(("not json".into(), "\u{1b}[2J garbage".into()));
    let mut cases = Vec::new();
    for (k, (name, text)) in damaged.iter().enumerate() {
        let d = dir.path().join(format!("cp{k}"));
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("checkpoint.json"), text).unwrap();
        let ds = d.to_str().unwrap().to_string();
        cases.push(Case::new(format!("resume {name}"), dir.path(), &["run", &s, "--backend", "cpu", "-q", "--resume", &ds]));
        let merged = dir.path().join(format!("merged{k}"));
        cases.push(Case::new(format!("merge {name}"), dir.path(), &["merge", merged.to_str().unwrap(), &ds]));
    }
    // Odd files where a spec, a Parquet file or a summary is expected.
    let fifo = dir.path().join("fifo");
    let made_fifo = Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    let mut odd: Vec<String> =
        vec!["/dev/zero".into(), "/dev/null".into(), "/".into(), dir.path().join("missing").to_string_lossy().into()];
    if made_fifo {
        odd.push(fifo.to_string_lossy().into());
    }
    let garbage = dir.path().join("garbage.parquet");
    std::fs::write(&garbage, b"PAR1\x00\x01garbagePAR1").unwrap();
    odd.push(garbage.to_string_lossy().into());
    for f in &odd {
        cases.push(Case::new(format!("check {f}"), dir.path(), &["check", f]));
        cases.push(Case::new(format!("replay {f}"), dir.path(), &["replay", f]));
        cases.push(Case::new(format!("report {f}"), dir.path(), &["report", f]));
        cases.push(Case::new(format!("lint --run-summary {f}"), dir.path(), &["lint", &s, "--run-summary", f]));
        let o = dir.path().join("dsout");
        cases.push(Case::new(
            format!("run --dataset {f}"),
            dir.path(),
            &["run", &s, "--backend", "cpu", "-q", "--vectors", "0", "--dataset", f, "--out", o.to_str().unwrap()],
        ));
    }
    // Byte-flipped output files.
    let cx = std::fs::read(run.join("counterexamples/part-0.parquet")).unwrap();
    let mut rng = Rng(12345);
    for k in 0..24 {
        let mut bytes = cx.clone();
        let at = rng.below(bytes.len());
        bytes[at] ^= 1 << rng.below(8);
        let f = dir.path().join(format!("flip{k}.parquet"));
        std::fs::write(&f, &bytes).unwrap();
        let fs = f.to_str().unwrap().to_string();
        cases.push(Case::new(format!("replay flipped byte {at}"), dir.path(), &["replay", &fs]));
        cases.push(Case::new(format!("report flipped byte {at}"), dir.path(), &["report", &fs]));
    }
    sweep(cases);
}

#[test]
fn closed_and_full_stdout_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let run = finished_run(dir.path());
    let s = dir.path().join("s.vspec").to_str().unwrap().to_string();
    let cx = run.join("counterexamples/part-0.parquet").to_str().unwrap().to_string();
    let r = run.to_str().unwrap().to_string();
    let commands: Vec<Vec<String>> = vec![
        vec!["check".into(), s.clone()],
        vec!["fmt".into(), s.clone()],
        vec!["emit-wgsl".into(), s.clone()],
        vec!["lint".into(), s.clone()],
        vec!["report".into(), cx.clone()],
        vec!["replay".into(), cx.clone()],
        vec!["history".into(), s.clone()],
        vec!["devices".into()],
        vec!["run".into(), s.clone(), "--backend".into(), "cpu".into(), "--index".into(), "3".into()],
        vec!["prove".into(), s.clone(), "--out".into(), dir.path().join("proved").to_str().unwrap().into()],
        vec!["--help".into()],
    ];
    let mut cases = Vec::new();
    for (k, c) in commands.iter().enumerate() {
        let args: Vec<&str> = c.iter().map(|x| x.as_str()).collect();
        cases.push(Case::new(format!("{c:?} > /dev/full"), dir.path(), &args).stdout(Stdout::Full));
        cases.push(Case::new(format!("{c:?} | closed"), dir.path(), &args).stdout(Stdout::Closed));
        let m = dir.path().join(format!("merged{k}"));
        let _ = (&m, &r);
    }
    for (k, st) in [Stdout::Full, Stdout::Closed].into_iter().enumerate() {
        let m = dir.path().join(format!("m{k}"));
        cases.push(Case::new(format!("merge {st:?}"), dir.path(), &["merge", m.to_str().unwrap(), &r]).stdout(st));
    }
    sweep(cases);
}

#[test]
fn run_into_a_closed_stdout_still_writes_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("s.vspec");
    std::fs::write(&spec, SMALL_SPEC).unwrap();
    let out = dir.path().join("out");
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let st = Command::new(bin())
        .args(["run", spec.to_str().unwrap(), "--backend", "cpu", "-q", "--vectors", "5000", "--out", out.to_str().unwrap()])
        .stdout(Stdio::from(writer))
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(st.code(), Some(1), "a closed stdout keeps the run's exit code (the property fails)");
    for f in ["checkpoint.json", "manifest.json", "counterexamples/part-0.parquet", "summary/part-0.parquet"] {
        assert!(out.join(f).is_file(), "{f} written despite the closed stdout");
    }
}

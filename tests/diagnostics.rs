//! Data-driven diagnostics tests: every `tests/diagnostics/*.vspec` is an invalid spec whose rendered
//! diagnostics must equal `NAME.stderr` beside it. Run with `VECRUN_BLESS=1` to rewrite the expected files.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use vecrun::diag::{Color, Diagnostic, SourceMap, render};

const DIR: &str = "tests/diagnostics";

/// Integration tests run in the package root; paths stay relative so the rendered file names are stable.
fn in_package_root() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if std::env::current_dir().ok().as_deref() != Some(root) {
        std::env::set_current_dir(root).expect("cd to the package root");
    }
}

fn cases() -> Vec<PathBuf> {
    in_package_root();
    let mut cases: Vec<PathBuf> = fs::read_dir(DIR)
        .expect("tests/diagnostics exists")
        .map(|e| e.expect("readable dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "vspec"))
        .map(|p| Path::new(DIR).join(p.file_name().expect("file name")))
        .collect();
    cases.sort();
    cases
}

/// Loads and checks one spec from disk; returns its sources and diagnostics (empty when it checks cleanly).
fn compile(path: &Path) -> (SourceMap, Vec<Diagnostic>) {
    let loaded = vecrun::load::load(path, &vecrun::load::RealFs).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let sources = loaded.sources.clone();
    match vecrun::check::check(loaded) {
        Ok(checked) => (sources, checked.warnings.into_iter().filter(Diagnostic::is_error).collect()),
        Err(diags) => (sources, diags),
    }
}

/// `file:line:col` in the rustc/codespan arrow line: ` --> tests/diagnostics/x.vspec:3:14`.
fn arrow_locations(rendered: &str) -> Vec<(String, usize, usize)> {
    rendered
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .filter_map(|loc| {
            let mut parts = loc.rsplitn(3, ':');
            let col = parts.next()?.parse().ok()?;
            let line = parts.next()?.parse().ok()?;
            Some((parts.next()?.to_string(), line, col))
        })
        .collect()
}

#[test]
fn diagnostics_match_expected_stderr() {
    let bless = std::env::var_os("VECRUN_BLESS").is_some_and(|v| !v.is_empty() && v != "0");
    let cases = cases();
    assert!(cases.len() >= 30, "expected at least 30 diagnostic cases, found {}", cases.len());
    let mut failures = Vec::new();
    for path in &cases {
        let (sources, diags) = compile(path);
        // codespan pads some label lines with spaces; trailing whitespace is not part of the contract.
        let rendered: String = render(&sources, &diags, Color::Never).lines().map(|l| format!("{}\n", l.trim_end())).collect();
        let name = path.display().to_string();

        // Every case is an invalid spec with at least one located error.
        let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
        if errors.is_empty() {
            failures.push(format!("{name}: expected at least one error, got none\n{rendered}"));
            continue;
        }
        for d in &diags {
            if let Some(span) = d.span() {
                let text = &sources.get(span.file).text;
                if span.start > span.end || span.end as usize > text.len() {
                    failures.push(format!("{name}: span {span:?} of `{}` lies outside its file", d.message));
                }
            }
        }
        let locations = arrow_locations(&rendered);
        let located = errors.iter().any(|d| d.span().is_some()) && !locations.is_empty();
        if !located {
            failures.push(format!("{name}: no error carries a `file:line:col` location\n{rendered}"));
        }
        for (file, line, col) in &locations {
            let Some((_, f)) = sources.files().find(|(_, f)| &f.name == file) else {
                failures.push(format!("{name}: location names unknown file `{file}`"));
                continue;
            };
            let n_lines = f.text.split('\n').count();
            if *line == 0 || *col == 0 || *line > n_lines {
                failures.push(format!("{name}: location {file}:{line}:{col} is not in the file"));
            }
        }

        let expected_path = path.with_extension("stderr");
        if bless {
            // Atomically: other tests read these files concurrently.
            let tmp = expected_path.with_extension("stderr.tmp");
            fs::write(&tmp, &rendered).expect("write .stderr");
            fs::rename(&tmp, &expected_path).expect("rename .stderr");
            continue;
        }
        match fs::read_to_string(&expected_path) {
            Ok(expected) if expected == rendered => {}
            Ok(expected) => failures.push(format!(
                "{name}: rendered diagnostics differ from {}\n--- expected\n{expected}\n--- actual\n{rendered}",
                expected_path.display()
            )),
            Err(_) => failures.push(format!("{name}: missing {} (run with VECRUN_BLESS=1)\n{rendered}", expected_path.display())),
        }
    }
    // Every expected file belongs to a case (no stale .stderr left behind after a rename).
    for entry in fs::read_dir(DIR).expect("dir") {
        let p = entry.expect("entry").path();
        if p.extension().is_some_and(|e| e == "stderr") && !p.with_extension("vspec").exists() {
            failures.push(format!("stale expected file {} has no .vspec", p.display()));
        }
    }
    assert!(failures.is_empty(), "{} problem(s):\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn every_case_has_a_distinct_first_error() {
    // The cases exercise different errors: no two share the same first diagnostic (code and message).
    let mut seen = std::collections::HashMap::new();
    for path in cases() {
        let (_, diags) = compile(&path);
        let first = diags.iter().find(|d| d.is_error()).map(|d| format!("{} {}", d.code, d.message)).unwrap_or_default();
        if let Some(prev) = seen.insert(first.clone(), path.clone()) {
            panic!("{} and {} both start with `{first}`", prev.display(), path.display());
        }
    }
}

#[test]
fn binary_check_reports_location_and_caret() {
    in_package_root();
    let spec = "tests/diagnostics/type_mismatch_cast_hint.vspec";
    let out = Command::new(env!("CARGO_BIN_EXE_vecrun")).args(["check", spec]).env("NO_COLOR", "1").output().expect("run vecrun");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "exit code; stderr:\n{stderr}");
    assert!(out.stdout.is_empty(), "a failed check prints nothing on stdout");
    let arrow = stderr.lines().find(|l| l.trim_start().starts_with("--> ")).unwrap_or_else(|| panic!("no ` --> ` line:\n{stderr}"));
    let locs = arrow_locations(&stderr);
    assert!(locs.iter().any(|(f, l, c)| f == spec && *l > 0 && *c > 0), "expected ` --> {spec}:L:C`, got `{arrow}`:\n{stderr}");
    assert!(stderr.contains(&format!(" --> {spec}:")), "arrow line is ` --> FILE:L:C`:\n{stderr}");
    assert!(stderr.lines().any(|l| l.contains('|') && l.contains('^')), "no caret line:\n{stderr}");
    assert!(stderr.contains("error: could not compile the spec"), "summary line missing:\n{stderr}");
    assert!(!stderr.contains('\u{1b}'), "NO_COLOR output has escape codes:\n{stderr}");
}

#[test]
fn binary_check_accepts_the_examples() {
    in_package_root();
    let out =
        Command::new(env!("CARGO_BIN_EXE_vecrun")).args(["check", "datasets/specs/billing_failover.vspec"]).output().expect("run vecrun");
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", String::from_utf8_lossy(&out.stderr));
}

/// Every code the compiler can emit, found in its source: `Diagnostic::error(codes::MISSING_HEADER, ...)` and
/// `Diagnostic::warning(codes::NO_PROPERTIES, ...)`, each name looked up in the registry `src/diag/codes.rs`
/// (`pub const MISSING_HEADER: &str = "E0101";`), or a literal `Diagnostic::error("E0101", ...)`.
fn codes_in_source() -> std::collections::BTreeSet<String> {
    fn walk(dir: &Path, registry: &std::collections::HashMap<String, String>, out: &mut std::collections::BTreeSet<String>) {
        for entry in fs::read_dir(dir).expect("src dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, registry, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = fs::read_to_string(&path).expect("source");
                for pat in ["Diagnostic::error(", "Diagnostic::warning("] {
                    for (i, _) in text.match_indices(pat) {
                        // The code is the first argument, possibly on the next line.
                        let rest = text[i + pat.len()..].trim_start();
                        let named = rest.strip_prefix("codes::").map(|r| r.split(|c: char| !c.is_ascii_alphanumeric() && c != '_').next());
                        let code = match named {
                            Some(name) => name.and_then(|n| registry.get(n)).map(String::as_str),
                            None => rest.strip_prefix('"').and_then(|r| r.get(..5)),
                        };
                        let Some(code) = code else { continue };
                        if code[1..].chars().all(|c| c.is_ascii_digit()) && matches!(&code[..1], "E" | "W") {
                            out.insert(code.to_string());
                        }
                    }
                }
            }
        }
    }
    in_package_root();
    let registry_text = fs::read_to_string("src/diag/codes.rs").expect("src/diag/codes.rs");
    let registry: std::collections::HashMap<String, String> = registry_text
        .lines()
        .filter_map(|l| {
            l.strip_prefix("pub const ")?.split_once(": &str = \"").map(|(n, v)| (n.to_string(), v.trim_end_matches("\";").to_string()))
        })
        .collect();
    let mut out = std::collections::BTreeSet::new();
    walk(Path::new("src"), &registry, &mut out);
    out
}

#[test]
fn docs_list_every_code_with_a_real_example() {
    let codes = codes_in_source();
    assert!(codes.len() >= 60, "found only {} codes in src/", codes.len());
    let docs = fs::read_to_string("docs/diagnostics.md").expect("docs/diagnostics.md");
    // Sections: `### E0101 title` up to the next heading.
    let mut sections: Vec<(String, String)> = Vec::new();
    for line in docs.lines() {
        if let Some(rest) = line.strip_prefix("### ") {
            sections.push((rest.split_whitespace().next().unwrap_or("").to_string(), String::new()));
        } else if line.starts_with("## ") {
            sections.push((String::new(), String::new()));
        } else if let Some((_, body)) = sections.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    let documented: std::collections::BTreeSet<String> = sections.iter().map(|(c, _)| c.clone()).filter(|c| !c.is_empty()).collect();
    let missing: Vec<_> = codes.difference(&documented).collect();
    assert!(missing.is_empty(), "codes emitted by the compiler but not in docs/diagnostics.md: {missing:?}");
    let stale: Vec<_> = documented.difference(&codes).collect();
    assert!(stale.is_empty(), "codes in docs/diagnostics.md that the compiler never emits: {stale:?}");
    for (code, body) in sections.iter().filter(|(c, _)| !c.is_empty()) {
        assert!(body.contains("```vspec"), "{code}: no example");
        for word in body.split('`').filter(|w| w.starts_with("tests/diagnostics/") && w.ends_with(".vspec")) {
            let expected = fs::read_to_string(Path::new(word).with_extension("stderr")).unwrap_or_else(|_| panic!("{code}: no {word}"));
            assert!(expected.contains(&format!("[{code}]")), "{code}: {word} does not report {code}");
        }
    }
}

#[test]
fn warnings_on_valid_specs() {
    use vecrun::load::MemoryFs;
    let check = |text: &str| {
        let fs = MemoryFs::new().with("w.vspec", text);
        let loaded = vecrun::load::load(Path::new("w.vspec"), &fs).expect("in memory");
        let sources = loaded.sources.clone();
        match vecrun::check::check(loaded) {
            Ok(c) => (sources, c.warnings),
            Err(d) => panic!("{}", render(&sources, &d, Color::Never)),
        }
    };
    let (sources, w) = check("spec empty { version = \"0.1.0\" }\ninput amount: u32;\n");
    assert_eq!(w.iter().map(|d| d.code).collect::<Vec<_>>(), ["W0302"]);
    assert!(render(&sources, &w, Color::Never).starts_with("warning[W0302]: the spec has no properties\n  --> w.vspec:1:1\n"));
    let (_, w) = check("spec s {}\ninput amount: u32;\nproperty p { assume amount > 1; }\nproperty q { assert amount > 0; }\n");
    assert_eq!(w.iter().map(|d| (d.code, d.message.as_str())).collect::<Vec<_>>(), [("W0301", "property `p` has no `assert`")]);
    let (_, w) = check("spec s {}\ninput amount: u32;\nproperty q { assert amount > 0; }\n");
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn language_reference_examples_check() {
    // Every complete spec in docs/language.md (a ```vspec block with a `spec` header) parses and checks.
    in_package_root();
    let doc = fs::read_to_string("docs/language.md").expect("docs/language.md");
    let money = fs::read_to_string("datasets/specs/common/money.vspec").expect("example import");
    let blocks: Vec<&str> = doc.split("```vspec\n").skip(1).filter_map(|b| b.split("\n```").next()).collect();
    let specs: Vec<&&str> = blocks.iter().filter(|b| b.lines().any(|l| l.starts_with("spec "))).collect();
    assert!(specs.len() >= 2, "expected complete examples in docs/language.md");
    for text in specs {
        let fs = vecrun::load::MemoryFs::new().with("doc.vspec", text).with("common/money.vspec", &money);
        let loaded = vecrun::load::load(Path::new("doc.vspec"), &fs).expect("in memory");
        let sources = loaded.sources.clone();
        if let Err(d) = vecrun::check::check(loaded) {
            panic!("example does not check:\n{text}\n{}", render(&sources, &d, Color::Never));
        }
    }
}

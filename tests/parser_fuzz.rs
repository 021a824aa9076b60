//! The front end never panics: random bytes, token soups and mutations of the example specs go through
//! `syntax::parse`, `load` + `check` (from memory) and `fmt::format_text`; every diagnostic points inside its
//! file, and deeply nested input is reported instead of overflowing the stack.

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use vecrun::diag::{Color, Diagnostic, FileId, SourceMap, render};
use vecrun::fmt::{FormatError, format_text};
use vecrun::load::{MemoryFs, load};

const ROOT_SPEC: &str = include_str!("../datasets/specs/billing_failover.vspec");
const MONEY: &str = include_str!("../datasets/specs/common/money.vspec");

/// Spellings the mutator and the token soup draw from: every token kind, and some near misses.
const VOCAB: &[&str] = &[
    "spec",
    "import",
    "const",
    "input",
    "fn",
    "property",
    "let",
    "var",
    "if",
    "else",
    "for",
    "in",
    "return",
    "assert",
    "assume",
    "cover",
    "true",
    "false",
    "as",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    ";",
    ":",
    ",",
    "..",
    "..=",
    "->",
    "=",
    "+=",
    "-=",
    "*=",
    "/=",
    "%=",
    "&=",
    "|=",
    "^=",
    "<<=",
    ">>=",
    "+",
    "-",
    "*",
    "/",
    "%",
    "&",
    "|",
    "^",
    "~",
    "!",
    "<<",
    ">>",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "&&",
    "||",
    "amount",
    "ops",
    "rate",
    "mode",
    "x",
    "k",
    "fee",
    "FEE_BPS",
    "u32",
    "i32",
    "f32",
    "bool",
    "u64",
    "min",
    "max",
    "select",
    "len",
    "sqrt",
    "clamp",
    "bits",
    "0",
    "1",
    "16",
    "10_000",
    "0xFF",
    "0b101",
    "0o17",
    "4294967296",
    "99999999999999999999999",
    "1.5",
    "1e-3",
    "1e39",
    "0x",
    "12abc",
    "\"s\"",
    "\"unterminated",
    "\"esc\\\"",
    "/* c */",
    "/* open",
    "// line\n",
    "\n",
    "@",
    "#",
    "$",
    "é",
    "\u{1F600}",
    ".",
    "...",
    "budget",
    "version",
    "status",
    "tags",
    "\"common/money.vspec\"",
    "\"spec.vspec\"",
    "\"missing.vspec\"",
];

/// `cases` per property; `PROPTEST_CASES` overrides it for a longer local run.
fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(cases);
    Config { cases, failure_persistence: Some(Box::new(FileFailurePersistence::Off)), ..Config::default() }
}

/// Every label of every diagnostic lies within its file's text, on character boundaries.
fn assert_spans_inside(sources: &SourceMap, diags: &[Diagnostic]) {
    for d in diags {
        for l in &d.labels {
            assert!((l.span.file.0 as usize) < sources.len(), "`{}`: label in unknown file {:?}", d.message, l.span.file);
            let text = &sources.get(l.span.file).text;
            let (s, e) = (l.span.start as usize, l.span.end as usize);
            assert!(s <= e && e <= text.len(), "`{}`: span {s}..{e} outside a file of {} bytes", d.message, text.len());
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e), "`{}`: span {s}..{e} splits a character", d.message);
        }
    }
}

/// Runs the whole front end on `root` (with the example's import beside it) and checks the invariants.
fn front_end(root: &str, money: &str) {
    // 1. The parser alone.
    let parsed = vecrun::syntax::parse(FileId(0), root);
    let mut one = SourceMap::new();
    one.add("spec.vspec", root);
    assert_spans_inside(&one, &parsed.diagnostics);
    let syntax_ok = !parsed.diagnostics.iter().any(Diagnostic::is_error);

    // 2. Load (imports from memory) and check; render whatever comes out.
    let fs = MemoryFs::new().with("spec.vspec", root).with("common/money.vspec", money);
    let loaded = load(Path::new("spec.vspec"), &fs).expect("the root is in memory");
    let sources = loaded.sources.clone();
    assert_spans_inside(&sources, &loaded.diagnostics);
    let diags = match vecrun::check::check(loaded) {
        Ok(checked) => {
            assert!(!checked.warnings.iter().any(Diagnostic::is_error), "check succeeded with errors");
            let _ = checked.spec.hash.hex();
            checked.warnings
        }
        Err(diags) => {
            assert!(diags.iter().any(Diagnostic::is_error), "check failed without an error");
            diags
        }
    };
    assert_spans_inside(&sources, &diags);
    let rendered = render(&sources, &diags, Color::Never);
    assert_eq!(rendered.is_empty(), diags.is_empty());

    // 3. The formatter: refuses broken text, and formats anything that parses, idempotently.
    match format_text(root) {
        Ok(out) => {
            assert!(syntax_ok, "formatted text with syntax errors");
            assert_eq!(format_text(&out).expect("formatted output formats"), out, "fmt is not idempotent");
        }
        Err(FormatError::Syntax(_)) => assert!(!syntax_ok, "refused text without syntax errors"),
        Err(FormatError::NotFaithful) => panic!("fmt could not print a spec that parses:\n{root}"),
    }
}

/// The root spec cut into pieces, each a token with the whitespace and comments before it.
fn pieces(text: &str) -> Vec<String> {
    let lexed = vecrun::syntax::lexer::lex(FileId(0), text);
    let mut out = Vec::new();
    let mut last = 0usize;
    for t in &lexed.tokens {
        let end = t.span.end as usize;
        if end > last {
            out.push(text[last..end].to_string());
            last = end;
        }
    }
    if last < text.len() {
        out.push(text[last..].to_string());
    }
    out
}

#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Insert(usize, &'static str),
    /// Cut the text at a byte offset (rounded down to a character boundary).
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let idx = any::<prop::sample::Index>();
    prop_oneof![
        idx.clone().prop_map(|i| Mutation::Delete(i.index(usize::MAX))),
        idx.clone().prop_map(|i| Mutation::Duplicate(i.index(usize::MAX))),
        (idx.clone(), any::<prop::sample::Index>()).prop_map(|(a, b)| Mutation::Swap(a.index(usize::MAX), b.index(usize::MAX))),
        (idx.clone(), prop::sample::select(VOCAB)).prop_map(|(i, t)| Mutation::Insert(i.index(usize::MAX), t)),
        idx.prop_map(|i| Mutation::Truncate(i.index(usize::MAX))),
    ]
}

fn mutate(text: &str, muts: &[Mutation]) -> String {
    let mut p = pieces(text);
    for m in muts {
        if p.is_empty() {
            p.push(String::new());
        }
        let n = p.len();
        match *m {
            Mutation::Delete(i) => {
                p.remove(i % n);
            }
            Mutation::Duplicate(i) => {
                let x = p[i % n].clone();
                p.insert(i % n, x);
            }
            Mutation::Swap(a, b) => p.swap(a % n, b % n),
            Mutation::Insert(i, t) => p.insert(i % (n + 1), format!(" {t}")),
            Mutation::Truncate(i) => {
                let joined = p.concat();
                let mut cut = i % (joined.len() + 1);
                while !joined.is_char_boundary(cut) {
                    cut -= 1;
                }
                p = pieces(&joined[..cut]);
            }
        }
    }
    p.concat()
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        front_end(&text, MONEY);
    }

    #[test]
    fn random_text_never_panics(text in "[a-z0-9_ {}()\\[\\];:,.=<>!&|^~+*/%\"\n-]{0,200}") {
        front_end(&text, MONEY);
    }

    #[test]
    fn token_soup_never_panics(tokens in prop::collection::vec(prop::sample::select(VOCAB), 0..80), glue in any::<bool>()) {
        let text = tokens.join(if glue { "" } else { " " });
        front_end(&text, MONEY);
        // The same soup inside a valid header and property body reaches the checker's statement code.
        let wrapped = format!("spec s {{ version = \"1\" }}\ninput amount: u32;\nproperty p {{\n{}\n}}\n", tokens.join(" "));
        front_end(&wrapped, MONEY);
    }

    #[test]
    fn mutated_examples_never_panic(muts in prop::collection::vec(mutation(), 1..6)) {
        front_end(&mutate(ROOT_SPEC, &muts), MONEY);
    }

    #[test]
    fn mutated_imports_never_panic(muts in prop::collection::vec(mutation(), 1..4)) {
        front_end(ROOT_SPEC, &mutate(MONEY, &muts));
    }
}

#[test]
fn the_examples_themselves_check_cleanly() {
    // The baseline of the mutations: unmutated, the example is a valid spec.
    let fs = MemoryFs::new().with("spec.vspec", ROOT_SPEC).with("common/money.vspec", MONEY);
    let loaded = load(Path::new("spec.vspec"), &fs).expect("in memory");
    let sources = loaded.sources.clone();
    if let Err(diags) = vecrun::check::check(loaded) {
        panic!("{}", render(&sources, &diags, Color::Never));
    }
    front_end(ROOT_SPEC, MONEY);
}

#[test]
fn single_mutations_of_every_piece_never_panic() {
    // Exhaustive rather than random: delete each piece of the example once, and duplicate it once.
    let n = pieces(ROOT_SPEC).len();
    for i in 0..n {
        front_end(&mutate(ROOT_SPEC, &[Mutation::Delete(i)]), MONEY);
        front_end(&mutate(ROOT_SPEC, &[Mutation::Duplicate(i)]), MONEY);
    }
}

/// Deep nesting is an error with a location, never a stack overflow (this runs on a 2 MiB test thread).
#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    const N: usize = 100_000;
    let cases = [
        format!("const A: u32 = {}1{};", "(".repeat(N), ")".repeat(N)),
        "(".repeat(N),
        format!("const A: u32 = {}1;", "-".repeat(N)),
        format!("const A: bool = {}true;", "!".repeat(N)),
        format!("const A: u32 = {}1;", "~(".repeat(N)),
        format!("const A: u32 = {};", "[".repeat(N)),
        format!("input a: {}u32;", "[".repeat(N)),
        format!("spec s {{ budget {} }}", "x {".repeat(N)),
        format!("property p {{ {} }}", "{".repeat(N)),
        format!("property p {{ {} }}", "if true {".repeat(N)),
        format!("property p {{ {} }}", "for k in 0..1 {".repeat(N)),
        format!("property p {{ assert {}0] == 0; }}", "ops[".repeat(N)),
        format!("property p {{ assert {}0 == 0; }}", "f(".repeat(N)),
        format!("property p {{ let x = 1{}; }}", " as u32".repeat(N)),
        format!("property p {{ let x = {}1; }}", "1 + ".repeat(N)),
        format!("property p {{ let x = {}1; }}", "1 < ".repeat(N)),
        "/*".repeat(N),
    ];
    for text in &cases {
        let parsed = vecrun::syntax::parse(FileId(0), text);
        let mut one = SourceMap::new();
        one.add("deep.vspec", text.as_str());
        assert_spans_inside(&one, &parsed.diagnostics);
        let head = &text[..40.min(text.len())];
        assert!(parsed.diagnostics.iter().any(Diagnostic::is_error), "no error for {head}...");
        // One error for the nesting, not one per level.
        assert!(parsed.diagnostics.len() <= 3, "{} diagnostics for {head}...", parsed.diagnostics.len());
        front_end(text, MONEY);
    }
}

/// The deepest nesting the parser accepts, found by trying: the largest `n` whose text parses without error.
fn deepest_accepted(make: impl Fn(usize) -> String) -> (usize, String) {
    let mut best = None;
    for n in 1..400 {
        let text = make(n);
        if vecrun::syntax::parse(FileId(0), &text).diagnostics.iter().any(Diagnostic::is_error) {
            break;
        }
        best = Some((n, text));
    }
    let (n, text) = best.expect("shallow nesting parses");
    assert!(n < 399, "nesting is not limited");
    (n, text)
}

/// Nesting right at the limit is accepted and goes through the checker, the hash and the formatter
/// without exhausting a 2 MiB test thread's stack.
#[test]
fn nesting_at_the_limit_checks() {
    let wrap = |body: String| format!("spec deep {{ version = \"1\" }}\ninput amount: u32 in 1..=9;\nproperty p {{\n{body}\n}}\n");
    let shapes: Vec<Box<dyn Fn(usize) -> String>> = vec![
        Box::new(move |n| wrap(format!("assert {}amount{} > 0;", "(".repeat(n), ")".repeat(n)))),
        Box::new(move |n| wrap(format!("{}assert amount > 0;{}", "if amount > 1 {\n".repeat(n), "}\n".repeat(n)))),
        // One trip per loop: 200 nested loops of two trips would be 2^200 steps per vector (E0162).
        Box::new(move |n| wrap(format!("var t: u32 = 0;\n{}t += 1;\n{}assert t > 0;", "for k in 0..1 {\n".repeat(n), "}\n".repeat(n)))),
        Box::new(move |n| wrap(format!("let x: i32 = {}1{};\nassert x != 0;", "-(".repeat(n), ")".repeat(n)))),
        Box::new(move |n| wrap(format!("assert amount{} > 0;", " + 1".repeat(n)))),
        Box::new(move |n| wrap(format!("assert min(amount, {}1{}) > 0;", "max(1, ".repeat(n), ")".repeat(n)))),
    ];
    for make in &shapes {
        let (n, spec) = deepest_accepted(make);
        assert!(n >= 50, "only {n} levels of nesting accepted");
        let fs = MemoryFs::new().with("deep.vspec", &spec);
        let loaded = load(Path::new("deep.vspec"), &fs).expect("in memory");
        let sources = loaded.sources.clone();
        match vecrun::check::check(loaded) {
            Ok(c) => {
                assert_eq!(c.spec.properties.len(), 1);
                assert_eq!(c.spec.hash.hex().len(), 64);
            }
            Err(d) => panic!("depth {n}:\n{}", render(&sources, &d, Color::Never)),
        }
        front_end(&spec, MONEY);
    }
}

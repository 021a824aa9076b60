//! The spec hash: unchanged by formatting, comments, reordering and literal spelling; changed by any change of
//! meaning, imported files included. Specs are loaded from memory (`MemoryFs`) with their imports.

use std::path::Path;

use vecrun::diag::{Color, render};
use vecrun::load::{MemoryFs, load};

const BILLING: &str = include_str!("../datasets/specs/billing_failover.vspec");
const MONEY: &str = include_str!("../datasets/specs/common/money.vspec");

/// A spec with several consts, fns and properties, importing `lib/util.vspec`.
const BASE: &str = r#"spec ledger {
  version = "1.0.0"
  owner = "payments"
}

import "lib/util.vspec";

const LIMIT: u32 = 1000;
const SHIFT: u32 = 3;

input amount: u32 in 1..=10_000;
input balance: u32 in 0..1_000_000;
input rate: f32 in 0.0..1.0;
input delta: i32 in -50..50;

fn scaled(a: u32) -> u32 {
  return (a << SHIFT) / 8;
}

fn capped(a: u32) -> u32 {
  if a > LIMIT {
    return LIMIT;
  }
  return a;
}

property capped_is_bounded {
  let c = capped(amount);
  assert c <= LIMIT, "cap exceeded";
}

property scaled_round_trips {
  assume amount < 100_000;
  cover amount > 9_000, "large";
  assert scaled(amount) == amount, "scaling lost bits";
}

property rate_is_small {
  var total: f32 = 0.0;
  for k in 0..4 {
    total += rate * 0.5;
  }
  assert total <= 2.0 && half(balance) <= balance, "too much";
  assert delta + 50 >= 0;
}
"#;

const UTIL: &str = r#"// Helpers shared by the ledger specs.
const TWO: u32 = 2;

fn half(v: u32) -> u32 {
  return v / TWO;
}
"#;

/// Loads `root` as `spec.vspec` (imports from `files`) and returns its hash; panics with the diagnostics on error.
fn hash_with(root: &str, files: &[(&str, &str)]) -> String {
    let mut fs = MemoryFs::new().with("spec.vspec", root);
    for (path, text) in files {
        fs = fs.with(path, text);
    }
    let loaded = load(Path::new("spec.vspec"), &fs).expect("root in memory");
    let sources = loaded.sources.clone();
    match vecrun::check::check(loaded) {
        Ok(c) => {
            let hex = c.spec.hash.hex();
            assert_eq!(hex.len(), 64);
            hex
        }
        Err(d) => panic!("spec does not check:\n{}\n{root}", render(&sources, &d, Color::Never)),
    }
}

fn hash(root: &str) -> String {
    hash_with(root, &[("lib/util.vspec", UTIL)])
}

fn billing_hash(root: &str, money: &str) -> String {
    hash_with(root, &[("common/money.vspec", money)])
}

/// `text` with `from` replaced by `to` exactly once (so a variant can never silently equal the base).
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur exactly once");
    let out = text.replacen(from, to, 1);
    assert_ne!(out, text);
    out
}

/// Moves the item starting at `head` (up to the next blank line) to the end of the file.
fn move_to_end(text: &str, head: &str) -> String {
    let start = text.find(head).unwrap_or_else(|| panic!("no `{head}`"));
    let end = text[start..].find("\n\n").map(|i| start + i + 2).unwrap_or(text.len());
    let item = &text[start..end];
    let mut out = format!("{}{}", &text[..start], &text[end..]);
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
    out.push_str(item.trim_end());
    out.push('\n');
    assert_ne!(out, text);
    out
}

fn same(a: &str, b: &str, what: &str) {
    assert_eq!(hash(a), hash(b), "hash changed by {what}");
}

fn differ(a: &str, b: &str, what: &str) {
    assert_ne!(hash(a), hash(b), "hash unchanged by {what}");
}

// ------------------------------------------------------------------------------------------------- stable

#[test]
fn hash_is_deterministic_and_hex() {
    let h = hash(BASE);
    assert_eq!(h, hash(BASE));
    assert!(h.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()), "{h}");
}

#[test]
fn whitespace_and_line_breaks_do_not_change_the_hash() {
    // Every run of whitespace becomes one space: the whole spec on a single line.
    let one_line = BASE.split_whitespace().collect::<Vec<_>>().join(" ");
    same(BASE, &one_line, "joining every line");
    let spread = BASE.replace("; ", ";\n\n").replace('\n', "\n\n   ").replace(" = ", "   =\t");
    same(BASE, &spread, "extra blank lines, tabs and indentation");
    let tight = edit(BASE, "return (a << SHIFT) / 8;", "return(a<<SHIFT)/8;");
    same(BASE, &tight, "removing spaces inside an expression");
}

#[test]
fn comments_do_not_change_the_hash() {
    let commented = format!(
        "// leading comment\n/* block\n   comment */\n{}",
        BASE.replace("{\n", "{ // trailing\n").replace("input rate", "/* inline */ input rate")
    );
    same(BASE, &commented, "comments");
    same(BASE, &edit(BASE, "  return a;\n", "  /* nested /* block */ comment */ return a; // done\n"), "nested comments");
}

#[test]
fn formatting_with_vecrun_fmt_does_not_change_the_hash() {
    let messy = BASE.split_whitespace().collect::<Vec<_>>().join(" ");
    let formatted = vecrun::fmt::format_text(&messy).expect("formats");
    assert_ne!(formatted, messy);
    same(BASE, &formatted, "vecrun fmt");
}

#[test]
fn reordering_items_does_not_change_the_hash() {
    same(BASE, &move_to_end(BASE, "fn scaled"), "moving a fn after the others");
    same(BASE, &move_to_end(BASE, "property capped_is_bounded"), "moving a property to the end");
    let reversed = move_to_end(&move_to_end(BASE, "property scaled_round_trips"), "property capped_is_bounded");
    assert!(reversed.find("property rate_is_small") < reversed.find("property capped_is_bounded"));
    same(BASE, &reversed, "reversing properties");
    let consts_swapped = edit(BASE, "const LIMIT: u32 = 1000;\nconst SHIFT: u32 = 3;", "const SHIFT: u32 = 3;\nconst LIMIT: u32 = 1000;");
    same(BASE, &consts_swapped, "swapping consts");
    // A const may be used before it is declared.
    same(BASE, &move_to_end(BASE, "const LIMIT"), "moving a const after its uses");
    // Imports may come anywhere.
    same(BASE, &move_to_end(BASE, "import \"lib/util.vspec\";"), "moving the import to the end");
}

#[test]
fn literal_spelling_does_not_change_the_hash() {
    for spelling in ["1_000", "0x3E8", "0x3e8", "0b1111101000", "0o1750", "1_0_0_0"] {
        same(BASE, &edit(BASE, "const LIMIT: u32 = 1000;", &format!("const LIMIT: u32 = {spelling};")), spelling);
    }
    same(BASE, &edit(BASE, "0..1_000_000", "0..1000000"), "`1_000_000` vs `1000000` in a domain");
    same(BASE, &edit(BASE, "total += rate * 0.5;", "total += rate * 5e-1;"), "`0.5` vs `5e-1`");
    same(BASE, &edit(BASE, "total <= 2.0 &&", "total <= 2.000 &&"), "`2.0` vs `2.000`");
    // A constant expression is folded: `LIMIT` written as `500 * 2` means the same.
    same(BASE, &edit(BASE, "const LIMIT: u32 = 1000;", "const LIMIT: u32 = 500 * 2;"), "a folded const");
}

#[test]
fn extra_parentheses_do_not_change_the_hash() {
    same(BASE, &edit(BASE, "assert c <= LIMIT,", "assert (c <= (LIMIT)),"), "parentheses around a comparison");
    same(BASE, &edit(BASE, "return (a << SHIFT) / 8;", "return (((a) << SHIFT)) / (8);"), "redundant parentheses");
    same(BASE, &edit(BASE, "assert delta + 50 >= 0;", "assert ((delta + 50) >= 0);"), "parentheses that spell out precedence");
}

#[test]
fn names_that_carry_no_meaning_do_not_change_the_hash() {
    // Constants are inlined, locals are numbered: renaming them changes nothing a run can observe.
    let renamed_const = BASE.replace("SHIFT", "BITS");
    assert_ne!(renamed_const, BASE);
    same(BASE, &renamed_const, "renaming a const");
    let renamed_local =
        edit(&BASE.replace("total", "sum"), "let c = capped(amount);\n  assert c <=", "let cc = capped(amount);\n  assert cc <=");
    same(BASE, &renamed_local, "renaming locals");
}

#[test]
fn the_steering_header_does_not_change_the_hash() {
    same(BASE, &edit(BASE, "version = \"1.0.0\"", "version = \"1.0.1\""), "a version bump");
    same(
        BASE,
        &edit(BASE, "owner = \"payments\"\n", "owner = \"ledger\"\n  tags = [\"x\"]\n  budget { vectors = 5 }\n"),
        "owner, tags and budget",
    );
}

#[test]
fn moving_a_function_into_an_import_does_not_change_the_hash() {
    let without_half = UTIL.replace("fn half(v: u32) -> u32 {\n  return v / TWO;\n}\n", "");
    assert_ne!(without_half, UTIL);
    let root = format!("{BASE}\nfn half(v: u32) -> u32 {{\n  return v / 2;\n}}\n");
    assert_eq!(hash(BASE), hash_with(&root, &[("lib/util.vspec", &without_half)]));
}

#[test]
fn the_example_spec_hash_is_stable_under_formatting() {
    let h = billing_hash(BILLING, MONEY);
    let formatted = vecrun::fmt::format_text(BILLING).expect("formats");
    assert_eq!(h, billing_hash(&formatted, MONEY));
    let one_line = BILLING.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join(" ");
    assert_eq!(h, billing_hash(&one_line, MONEY), "comments stripped and joined on one line");
}

// ------------------------------------------------------------------------------------------------ changes

#[test]
fn domain_changes_change_the_hash() {
    differ(BASE, &edit(BASE, "1..=10_000", "1..=10_001"), "an upper bound");
    differ(BASE, &edit(BASE, "1..=10_000", "0..=10_000"), "a lower bound");
    differ(BASE, &edit(BASE, "1..=10_000", "1..10_000"), "`..=` vs `..`");
    differ(BASE, &edit(BASE, "0.0..1.0", "0.0..=1.0"), "a float range's end inclusion");
    differ(BASE, &edit(BASE, "-50..50", "-51..50"), "a negative bound");
    differ(BASE, &edit(BASE, "input rate: f32 in 0.0..1.0;", "input rate: f32;"), "dropping a domain");
    differ(BASE, &edit(BASE, "input delta: i32 in -50..50;", "input delta: i32 in {-50, 0, 49};"), "a range vs a set");
}

#[test]
fn operator_changes_change_the_hash() {
    differ(BASE, &edit(BASE, "assert c <= LIMIT,", "assert c < LIMIT,"), "`<=` vs `<`");
    differ(BASE, &edit(BASE, "(a << SHIFT) / 8", "(a >> SHIFT) / 8"), "`<<` vs `>>`");
    differ(BASE, &edit(BASE, "total += rate * 0.5;", "total -= rate * 0.5;"), "`+=` vs `-=`");
    differ(BASE, &edit(BASE, "total <= 2.0 &&", "total <= 2.0 ||"), "`&&` vs `||`");
    // Parentheses that change the grouping change the meaning.
    differ(BASE, &edit(BASE, "assert delta + 50 >= 0;", "assert delta + 50 >= 0 - 1 * 2;"), "an extra term");
    differ(BASE, &edit(BASE, "(a << SHIFT) / 8", "a << (SHIFT / 8)"), "regrouping");
}

#[test]
fn constant_and_literal_values_change_the_hash() {
    differ(BASE, &edit(BASE, "const LIMIT: u32 = 1000;", "const LIMIT: u32 = 1001;"), "a const value");
    differ(BASE, &edit(BASE, "const SHIFT: u32 = 3;", "const SHIFT: u32 = 4;"), "a const used in a fn");
    differ(BASE, &edit(BASE, "rate * 0.5", "rate * 0.25"), "a float literal");
    differ(BASE, &edit(BASE, "for k in 0..4", "for k in 0..5"), "a loop bound");
    differ(BASE, &edit(BASE, "var total: f32 = 0.0;", "var total: f32 = -0.0;"), "0.0 vs -0.0");
}

#[test]
fn assert_messages_and_sites_change_the_hash() {
    differ(BASE, &edit(BASE, "\"cap exceeded\"", "\"cap exceeded!\""), "an assert message");
    differ(BASE, &edit(BASE, "assert delta + 50 >= 0;", "assert delta + 50 >= 0, \"non-negative\";"), "adding a message");
    differ(BASE, &edit(BASE, "cover amount > 9_000, \"large\";", "cover amount > 9_000, \"big\";"), "a cover label");
    differ(BASE, &edit(BASE, "assume amount < 100_000;\n", ""), "dropping an assume");
    differ(BASE, &edit(BASE, "  assert delta + 50 >= 0;\n", "  assert delta + 50 >= 0;\n  assert true;\n"), "adding an assert");
    differ(BASE, &edit(BASE, "property capped_is_bounded", "property capped_is_bounded2"), "a property's name");
}

#[test]
fn input_order_changes_the_hash() {
    let swapped = edit(
        BASE,
        "input amount: u32 in 1..=10_000;\ninput balance: u32 in 0..1_000_000;",
        "input balance: u32 in 0..1_000_000;\ninput amount: u32 in 1..=10_000;",
    );
    differ(BASE, &swapped, "swapping two inputs");
    differ(BASE, &BASE.replace("amount", "amount2"), "renaming an input");
}

#[test]
fn type_changes_change_the_hash() {
    differ(BASE, &edit(BASE, "input delta: i32 in -50..50;", "input delta: i32 in -50..50;\ninput extra: bool;"), "adding an input");
    let as_array = edit(BASE, "input balance: u32 in 0..1_000_000;", "input balance: [u32; 2] in 0..1_000_000;")
        .replace("half(balance) <= balance", "half(balance[0]) <= balance[0]");
    differ(BASE, &as_array, "a scalar input becoming an array");
    // Same values, another type: `0..50` as i32 vs u32.
    let a = edit(BASE, "input delta: i32 in -50..50;", "input delta: i32 in 0..50;");
    let b = edit(&a, "input delta: i32 in 0..50;", "input delta: u32 in 0..50;");
    differ(&a, &b, "an input's type");
    let c = edit(BASE, "var total: f32 = 0.0;\n", "var total: f32 = 0.0;\n  var n: u32 = 7;\n");
    differ(&c, &edit(&c, "var n: u32 = 7;", "var n: i32 = 7;"), "a local's type");
    // Spelling out the type a local would get anyway is not a change.
    same(BASE, &edit(BASE, "let c = capped(amount);", "let c: u32 = capped(amount);"), "annotating a local with its own type");
}

#[test]
fn function_bodies_change_the_hash() {
    differ(BASE, &edit(BASE, "    return LIMIT;\n", "    return LIMIT - 1;\n"), "a return value");
    differ(BASE, &edit(BASE, "if a > LIMIT {", "if a >= LIMIT {"), "a condition in a fn");
}

#[test]
fn imported_files_change_the_hash() {
    let base = hash(BASE);
    let changed_fn = UTIL.replace("return v / TWO;", "return v / TWO + 0;");
    assert_ne!(base, hash_with(BASE, &[("lib/util.vspec", &changed_fn)]), "an imported fn's body");
    let changed_const = UTIL.replace("const TWO: u32 = 2;", "const TWO: u32 = 4;");
    assert_ne!(base, hash_with(BASE, &[("lib/util.vspec", &changed_const)]), "an imported const");
    // Only the imported text's meaning counts: a comment there changes nothing.
    let commented = format!("// another comment\n{UTIL}");
    assert_eq!(base, hash_with(BASE, &[("lib/util.vspec", &commented)]));

    let h = billing_hash(BILLING, MONEY);
    assert_ne!(h, billing_hash(BILLING, &MONEY.replace("const CENTS_PER_UNIT: u32 = 100;", "const CENTS_PER_UNIT: u32 = 1000;")));
    assert_ne!(h, billing_hash(BILLING, &MONEY.replace("return v / CENTS_PER_UNIT;", "return (v + 1) / CENTS_PER_UNIT;")));
}

#[test]
fn set_domains_are_sets() {
    // A set domain means its values: order and repetition do not matter, a different value does.
    let h = billing_hash(BILLING, MONEY);
    assert_eq!(h, billing_hash(&edit(BILLING, "{0, 1, 5, 9}", "{9, 5, 1, 0, 5}"), MONEY));
    assert_eq!(h, billing_hash(&edit(BILLING, "{0, 1, 5, 9}", "{0x9, 0b1, 5, 0}"), MONEY));
    assert_ne!(h, billing_hash(&edit(BILLING, "{0, 1, 5, 9}", "{0, 1, 5, 8}"), MONEY));
    assert_ne!(h, billing_hash(&edit(BILLING, "{0, 1, 5, 9}", "{0, 1, 5}"), MONEY));
}

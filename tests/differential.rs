//! Differential testing: random well-typed spec programs (random expressions, control flow,
//! domains) evaluated by the CPU and GPU backends on the same vectors must agree exactly. This is
//! the test that keeps the two backends honest. `VECRUN_DIFF_PROGRAMS` sets how many (default 300).
//! A few programs also get long loops (up to 2^20 trips), ifs, loops and calls nested 6+ deep, and
//! array inputs and variables of up to 256 elements, drawn from a second generator so that the other
//! programs stay what they were.

mod support;

use support::Rng;
use vecrun::cpu::{CpuBackend, CpuEngine};
use vecrun::gpu::GpuBackend;
use vecrun::run::{Backend, Generator, Phase, PropertyStats};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum T {
    Bool,
    U32,
    I32,
    F32,
    /// Only in the `f64` programs ([`Gen::f64_program`]).
    F64,
}

impl T {
    fn name(self) -> &'static str {
        match self {
            T::Bool => "bool",
            T::U32 => "u32",
            T::I32 => "i32",
            T::F32 => "f32",
            T::F64 => "f64",
        }
    }
}

struct Gen {
    rng: Rng,
    /// Draws the extra shapes (long loops, deep nesting, big arrays).
    xrng: Rng,
    /// The program has loops long enough that it is evaluated on fewer vectors.
    heavy: bool,
    /// Scalar names in scope with their types.
    scope: Vec<(String, T)>,
    /// The array input (`arr: [u32; 4]`), when declared.
    has_array: bool,
    fresh: u32,
}

impl Gen {
    fn new(seed: u64) -> Gen {
        Gen { rng: Rng(seed), xrng: Rng(seed ^ 0x5E_ED0F_E87A), heavy: false, scope: Vec::new(), has_array: false, fresh: 0 }
    }

    /// A literal anchored to its type (`(zu | 7)`), so no subexpression is left untyped.
    fn literal(&mut self, t: T) -> String {
        let lit = self.bare_literal(t);
        match t {
            T::Bool => format!("(zb || {lit})"),
            T::U32 => format!("(zu | {lit})"),
            T::I32 => format!("(zi | {lit})"),
            T::F32 => format!("(zf + {lit})"),
            T::F64 => format!("(zd + {lit})"),
        }
    }

    fn bare_literal(&mut self, t: T) -> String {
        match t {
            T::Bool => self.rng.pick(&["true", "false"]).to_string(),
            T::U32 => {
                self.rng.pick(&["0", "1", "2", "3", "7", "31", "32", "33", "255", "1000", "65535", "2147483648", "4294967295"]).to_string()
            }
            T::I32 => self.rng.pick(&["0", "1", "(-1)", "2", "(-7)", "31", "100", "(-2147483648)", "2147483647", "(-65536)"]).to_string(),
            T::F32 => self
                .rng
                .pick(&[
                    "0.0",
                    "1.0",
                    "(-1.0)",
                    "0.5",
                    "1.5",
                    "3.0",
                    "(-2.25)",
                    "100.0",
                    "1.0e-3",
                    "3.0e38",
                    "(-3.0e38)",
                    "1.0e-30",
                    "16777216.0",
                ])
                .to_string(),
            T::F64 => self
                .rng
                .pick(&[
                    "0.0",
                    "1.0",
                    "(-1.0)",
                    "0.1",
                    "1.5",
                    "(-2.25)",
                    "1.0e300",
                    "(-1.0e300)",
                    "5e-324",
                    "9007199254740993.0",
                    "1.0e-310",
                ])
                .to_string(),
        }
    }

    fn leaf(&mut self, t: T) -> String {
        let names: Vec<String> = self.scope.iter().filter(|(_, ty)| *ty == t).map(|(n, _)| n.clone()).collect();
        if !names.is_empty() && self.rng.chance(70) {
            return self.rng.pick(&names).clone();
        }
        if t == T::U32 && self.has_array && self.rng.chance(30) {
            // In bounds most of the time, sometimes not (an out-of-bounds failure).
            let i = self.expr(T::U32, 1);
            return if self.rng.chance(80) { format!("arr[({i}) % 4]") } else { format!("arr[{i}]") };
        }
        self.literal(t)
    }

    fn expr(&mut self, t: T, depth: u32) -> String {
        if depth == 0 || self.rng.chance(25) {
            return self.leaf(t);
        }
        let d = depth - 1;
        match t {
            T::Bool => match self.rng.below(6) {
                0 | 1 => {
                    let ct = *self.rng.pick(&[T::U32, T::I32, T::F32, T::U32]);
                    let op = self.rng.pick(&["==", "!=", "<", "<=", ">", ">="]);
                    format!("({} {op} {})", self.expr(ct, d), self.expr(ct, d))
                }
                2 => {
                    let op = self.rng.pick(&["&&", "||", "==", "!=", "&", "|", "^"]);
                    format!("({} {op} {})", self.expr(T::Bool, d), self.expr(T::Bool, d))
                }
                3 => format!("(!{})", self.expr(T::Bool, d)),
                4 => {
                    let f = self.rng.pick(&["is_nan", "is_inf", "is_finite"]);
                    format!("{f}({})", self.expr(T::F32, d))
                }
                _ => {
                    let it = *self.rng.pick(&[T::U32, T::I32]);
                    let f = self.rng.pick(&["add_overflows", "sub_overflows", "mul_overflows"]);
                    format!("{f}({}, {})", self.expr(it, d), self.expr(it, d))
                }
            },
            T::U32 | T::I32 => match self.rng.below(9) {
                0..=2 => {
                    let op = self.rng.pick(&["+", "-", "*", "/", "%", "&", "|", "^"]);
                    format!("({} {op} {})", self.expr(t, d), self.expr(t, d))
                }
                3 => {
                    let op = self.rng.pick(&["<<", ">>"]);
                    let amount_t = *self.rng.pick(&[T::U32, T::I32]);
                    format!("({} {op} {})", self.expr(t, d), self.expr(amount_t, d))
                }
                4 => {
                    let from = *self.rng.pick(&[T::U32, T::I32, T::F32, T::Bool]);
                    format!("({} as {})", self.expr(from, d), t.name())
                }
                5 => {
                    let f = self.rng.pick(&["min", "max", "saturating_add", "saturating_sub"]);
                    format!("{f}({}, {})", self.expr(t, d), self.expr(t, d))
                }
                6 => {
                    if t == T::U32 {
                        let f = self.rng.pick(&["count_ones", "leading_zeros", "trailing_zeros"]);
                        let at = *self.rng.pick(&[T::U32, T::I32]);
                        format!("{f}({})", self.expr(at, d))
                    } else {
                        let f = self.rng.pick(&["abs", "-", "~"]);
                        if *f == "abs" { format!("abs({})", self.expr(t, d)) } else { format!("({f}{})", self.expr(t, d)) }
                    }
                }
                7 => format!("select({}, {}, {})", self.expr(T::Bool, d), self.expr(t, d), self.expr(t, d)),
                _ => format!("clamp({}, {}, {})", self.expr(t, d), self.expr(t, d), self.expr(t, d)),
            },
            T::F32 => match self.rng.below(8) {
                0..=2 => {
                    let op = self.rng.pick(&["+", "-", "*", "/"]);
                    format!("({} {op} {})", self.expr(t, d), self.expr(t, d))
                }
                3 => {
                    let from = *self.rng.pick(&[T::U32, T::I32, T::Bool]);
                    format!("({} as f32)", self.expr(from, d))
                }
                4 => {
                    let f = self.rng.pick(&["floor", "ceil", "round", "trunc", "abs", "sqrt"]);
                    format!("{f}({})", self.expr(t, d))
                }
                5 => {
                    let f = self.rng.pick(&["min", "max"]);
                    format!("{f}({}, {})", self.expr(t, d), self.expr(t, d))
                }
                6 => format!("select({}, {}, {})", self.expr(T::Bool, d), self.expr(t, d), self.expr(t, d)),
                _ => format!("(-{})", self.expr(t, d)),
            },
            T::F64 => match self.rng.below(10) {
                0..=2 => {
                    let op = self.rng.pick(&["+", "-", "*", "/"]);
                    format!("({} {op} {})", self.expr(t, d), self.expr(t, d))
                }
                3 => {
                    let from = *self.rng.pick(&[T::U32, T::I32, T::F32, T::Bool]);
                    format!("({} as f64)", self.expr(from, d))
                }
                4 => {
                    let f = self.rng.pick(&["floor", "ceil", "round", "trunc", "abs", "sqrt", "next_up", "next_down"]);
                    format!("{f}({})", self.expr(t, d))
                }
                5 => {
                    let f = self.rng.pick(&["min", "max", "copysign"]);
                    format!("{f}({}, {})", self.expr(t, d), self.expr(t, d))
                }
                6 => format!("select({}, {}, {})", self.f64_bool(d), self.expr(t, d), self.expr(t, d)),
                7 => format!("fma({}, {}, {})", self.expr(t, d), self.expr(t, d), self.expr(t, d)),
                8 => format!("from_bits(bits({}) ^ {})", self.expr(t, d), self.rng.pick(&["1", "9223372036854775808", "4503599627370496"])),
                _ => format!("(-{})", self.expr(t, d)),
            },
        }
    }

    /// A `bool` from `f64`s: a comparison, a class test, or a comparison of their bits or casts.
    fn f64_bool(&mut self, d: u32) -> String {
        match self.rng.below(5) {
            0 | 1 => {
                let op = self.rng.pick(&["==", "!=", "<", "<=", ">", ">="]);
                format!("({} {op} {})", self.expr(T::F64, d), self.expr(T::F64, d))
            }
            2 => format!("{}({})", self.rng.pick(&["is_nan", "is_inf", "is_finite"]), self.expr(T::F64, d)),
            3 => format!(
                "(ulp_distance({}, {}) < {})",
                self.expr(T::F64, d),
                self.expr(T::F64, d),
                self.rng.pick(&["2", "1000", "4503599627370496"])
            ),
            _ => {
                let to = self.rng.pick(&["u32", "i32", "u8", "i16", "u64", "i64", "f32"]);
                format!("(({} as {to}) == ({} as {to}))", self.expr(T::F64, d), self.expr(T::F64, d))
            }
        }
    }

    /// One random spec whose property computes with `f64`: inputs of every kind of `f64` domain, lets of
    /// `f64` expressions and their casts, an assert over comparisons of them.
    fn f64_program(&mut self, id: usize) -> String {
        let mut s = format!("spec diff64_{id} {{ version = \"1\" }}\n");
        for _ in 0..1 + self.rng.below(3) {
            let name = self.name("d");
            let domain =
                self.rng.pick(&["", " in -4.0..4.0", " in 0.0..=1.0e10", " in {0.1, -0.0, 1.0e300, 2.5}", " in 1.0..=1.000000000000001"]);
            s += &format!("input {name}: f64{domain};\n");
            self.scope.push((name, T::F64));
        }
        let (u, f) = (self.name("in"), self.name("in"));
        s += &format!("input {u}: u32 in 0..=100;\ninput {f}: f32 in -2.0..2.0;\n");
        self.scope.extend([(u, T::U32), (f, T::F32)]);
        s += "property p {\n  let zb: bool = false;\n  let zu: u32 = 0;\n  let zi: i32 = 0;\n  let zf: f32 = 0.0;\n  let zd: f64 = 0.0;\n";
        for _ in 0..1 + self.rng.below(3) {
            let e = self.expr(T::F64, 3);
            let name = self.name("l");
            s += &format!("  let {name}: f64 = {e};\n");
            self.scope.push((name, T::F64));
        }
        let (c, k) = (self.name("c"), self.name("k"));
        s += &format!("  let {c}: i32 = ({}) as i32;\n  let {k}: f32 = ({}) as f32;\n", self.expr(T::F64, 2), self.expr(T::F64, 2));
        self.scope.extend([(c, T::I32), (k, T::F32)]);
        let (a, b) = (self.f64_bool(2), self.f64_bool(2));
        s += &format!("  cover {};\n  assert {a} || {b};\n}}\n", self.f64_bool(1));
        s
    }

    /// Runs `f` with the extras generator in place of the main one.
    fn extras<R>(&mut self, f: impl FnOnce(&mut Gen) -> R) -> R {
        std::mem::swap(&mut self.rng, &mut self.xrng);
        let r = f(self);
        std::mem::swap(&mut self.rng, &mut self.xrng);
        r
    }

    /// A chain of functions `c0` .. `c5`, each calling the previous one on one of two paths.
    fn call_chain(&mut self) -> String {
        let mut s = format!("fn c0(x: u32) -> u32 {{\n  return x * 2654435761 + {};\n}}\n", self.rng.below(100_000));
        for i in 1..6 {
            let mask = *self.rng.pick(&[1u64, 3, 6, 0x10, 0x101]);
            let k = self.rng.below(1000);
            s += &format!(
                "fn c{i}(x: u32) -> u32 {{\n  if (x & {mask}) == {} {{\n    return c{}(x + {k});\n  }}\n  return c{}(x ^ {}) + 1;\n}}\n",
                mask & self.rng.below(0x102),
                i - 1,
                i - 1,
                self.rng.below(1 << 20)
            );
        }
        s
    }

    /// A new value for `acc`, sometimes through the call chain.
    fn update(&mut self, acc: &str, acc_t: T, calls: bool) -> String {
        if calls && self.rng.chance(50) {
            let x = self.expr(T::U32, 1);
            return if acc_t == T::U32 { format!("c5({x})") } else { format!("(c5({x}) as {})", acc_t.name()) };
        }
        let op = if acc_t == T::F32 { "+" } else { *self.rng.pick(&["+", "^", "*"]) };
        format!("{acc} {op} {}", self.expr(acc_t, 1))
    }

    /// Ifs and loops nested `depth` deep, updating `acc` at every level.
    fn nest(&mut self, acc: &str, acc_t: T, depth: u32, calls: bool) -> String {
        if depth == 0 {
            return format!("{acc} = {};\n", self.update(acc, acc_t, calls));
        }
        if self.rng.chance(50) {
            let c = self.expr(T::Bool, 1);
            let inner = self.nest(acc, acc_t, depth - 1, calls);
            let other = self.update(acc, acc_t, calls);
            format!("if {c} {{\n{inner}}} else {{\n{acc} = {other};\n}}\n")
        } else if self.rng.chance(50) {
            let k = self.name("n");
            let trips = 2 + self.rng.below(2);
            self.scope.push((k.clone(), T::U32));
            let before = self.update(acc, acc_t, calls);
            let inner = self.nest(acc, acc_t, depth - 1, calls);
            self.scope.pop();
            format!("for {k} in 0..{trips} {{\n{acc} = {before};\n{inner}}}\n")
        } else {
            // A `while` with a data-dependent condition and a `break` or `continue`: it runs `trips`
            // times and then as long as `cond` holds, so with a bound of `trips` (or one more) the
            // vectors whose `cond` stays true run past it.
            let w = self.name("w");
            let trips = 1 + self.rng.below(3);
            let bound = trips + self.rng.below(2);
            self.scope.push((w.clone(), T::U32));
            let cond = self.expr(T::Bool, 1);
            let jump_if = self.expr(T::Bool, 1);
            let jump = *self.rng.pick(&["break", "continue"]);
            let before = self.update(acc, acc_t, calls);
            let inner = self.nest(acc, acc_t, depth - 1, calls);
            self.scope.pop();
            format!(
                "var {w}: u32 = 0;\nwhile {w} < {trips} || ({cond}) bound {bound} {{\n{w} += 1;\nif {jump_if} {{\n{jump};\n}}\n{acc} = {before};\n{inner}}}\n"
            )
        }
    }

    fn name(&mut self, prefix: &str) -> String {
        self.fresh += 1;
        format!("{prefix}{}", self.fresh)
    }

    fn domain(&mut self, t: T) -> String {
        match t {
            T::Bool => String::new(),
            T::U32 => {
                self.rng.pick(&["", " in 0..=10", " in 100..200", " in {0, 1, 4294967295, 7}", " in 4294967000..=4294967295"]).to_string()
            }
            T::I32 => self.rng.pick(&["", " in -10..=10", " in -2147483648..-2147483600", " in {-1, 0, 1}"]).to_string(),
            T::F32 => self.rng.pick(&["", " in -4.0..4.0", " in 0.0..=1.0", " in -1.0e30..1.0e30", " in {0.0, -0.0, 1.5}"]).to_string(),
            T::F64 => String::new(),
        }
    }

    /// One random spec with one property.
    fn program(&mut self, id: usize) -> String {
        let mut s = format!("spec diff_{id} {{ version = \"1\" }}\n");
        let n_inputs = 1 + self.rng.below(4);
        for _ in 0..n_inputs {
            let t = *self.rng.pick(&[T::U32, T::I32, T::F32, T::Bool, T::U32, T::I32]);
            let name = self.name("in");
            s += &format!("input {name}: {}{};\n", t.name(), self.domain(t));
            self.scope.push((name, t));
        }
        if self.rng.chance(40) {
            s += "input arr: [u32; 4] in 0..=20;\n";
            self.has_array = true;
        }
        let (big, calls, deep, long) = self.extras(|g| {
            let big = g.rng.chance(6).then(|| *g.rng.pick(&[64u64, 128, 256]));
            (big, g.rng.chance(8), g.rng.chance(10), g.rng.chance(3))
        });
        if let Some(n) = big {
            s += &format!("input big: [u32; {n}] in 0..=1000;\n");
            self.heavy |= n > 128;
        }
        if calls {
            s += &self.extras(|g| g.call_chain());
        }
        let records = self.extras(|g| g.rng.chance(25));
        if records {
            s += "struct Rec {\n  a: u32,\n  b: i32,\n  c: f32,\n  d: bool,\n}\n";
        }
        s += "property p {\n  let zb: bool = false;\n  let zu: u32 = 0;\n  let zi: i32 = 0;\n  let zf: f32 = 0.0;\n";
        for _ in 0..1 + self.rng.below(3) {
            let t = *self.rng.pick(&[T::U32, T::I32, T::F32, T::Bool]);
            let e = self.expr(t, 3);
            let name = self.name("l");
            s += &format!("  let {name}: {} = {e};\n", t.name());
            self.scope.push((name, t));
        }
        let acc_t = *self.rng.pick(&[T::U32, T::I32, T::F32]);
        let acc = self.name("acc");
        let init = self.bare_literal(acc_t);
        s += &format!("  var {acc}: {} = {init};\n", acc_t.name());
        if self.rng.chance(70) {
            let k = self.name("k");
            let (lo, hi) = *self.rng.pick(&[(0, 4), (0, 3), (-2, 2)]);
            s += &format!("  for {k} in {lo}..{hi} {{\n");
            let kt = if lo < 0 { T::I32 } else { T::U32 };
            self.scope.push((k.clone(), kt));
            let c = self.expr(T::Bool, 2);
            let a = self.expr(acc_t, 2);
            let b = self.expr(acc_t, 2);
            let op = if acc_t == T::F32 { "+" } else { *self.rng.pick(&["+", "^", "*"]) };
            s += &format!("    if {c} {{\n      {acc} = {a};\n    }} else {{\n      {acc} = {acc} {op} {b};\n    }}\n  }}\n");
            self.scope.pop();
        }
        if deep || calls {
            s += &self.extras(|g| {
                let depth = if deep { 6 + g.rng.below(2) as u32 } else { 1 };
                g.nest(&acc, acc_t, depth, calls)
            });
        }
        self.scope.push((acc.clone(), acc_t));
        if records {
            // Structs, tuples and arrays of records: lowered into their fields on every backend.
            s += &self.extras(|g| {
                let (a, b, c, d) = (g.expr(T::U32, 1), g.expr(T::I32, 1), g.expr(T::F32, 1), g.expr(T::Bool, 1));
                let (i, v, j) = (g.expr(T::U32, 1), g.expr(T::U32, 1), g.expr(T::U32, 1));
                format!(
                    "  var rec = Rec {{ a: {a}, b: {b}, c: {c}, d: {d} }};\n  var recs = [rec; 3];\n  recs[({i}) % 3].a = {v};\n  \
                     rec.b = recs[({j}) % 4].b;\n  let (ra, rb) = (recs[2].a, rec.b);\n  let rsame = recs[0] == rec;\n"
                )
            });
            self.scope.push(("ra".into(), T::U32));
            self.scope.push(("rb".into(), T::I32));
            self.scope.push(("rsame".into(), T::Bool));
        }
        if let Some(n) = big {
            s += &self.extras(|g| {
                let i = g.expr(T::U32, 1);
                let v = g.expr(T::U32, 1);
                let j = g.expr(T::U32, 1);
                format!(
                    "  var bsum: u32 = 0;\n  for kb in 0..{n} {{\n    bsum = bsum + big[kb] * (kb + 1);\n  }}\n  \
                     var barr: [u32; {n}] = [0; {n}];\n  barr[({i}) % {n}] = {v};\n  barr[{n} - 1] = bsum;\n  \
                     let bpick: u32 = barr[({j}) % {n}];\n"
                )
            });
            self.scope.push(("bsum".into(), T::U32));
            self.scope.push(("bpick".into(), T::U32));
        }
        if long {
            let (text, trips) = self.extras(|g| {
                let trips = *g.rng.pick(&[3000u64, 20_000, 200_000, 1 << 20]);
                let init = g.expr(T::U32, 2);
                g.scope.push(("kl".into(), T::U32));
                let c = g.expr(T::Bool, 1);
                g.scope.pop();
                let text = format!(
                    "  var lacc: u32 = {init};\n  for kl in 0..{trips} {{\n    lacc = (lacc ^ kl) * 2654435769 + 1;\n    \
                     if {c} {{\n      lacc = lacc + 7;\n    }}\n  }}\n  assert (lacc & 7) != {};\n",
                    g.rng.below(8)
                );
                (text, trips)
            });
            s += &text;
            self.heavy = true;
            let _ = trips;
            self.scope.push(("lacc".into(), T::U32));
        }
        if self.rng.chance(30) {
            s += &format!("  assume {};\n", self.expr(T::Bool, 2));
        }
        if self.rng.chance(50) {
            s += &format!("  cover {}, \"c\";\n", self.expr(T::Bool, 2));
        }
        for _ in 0..1 + self.rng.below(2) {
            s += &format!("  assert {};\n", self.expr(T::Bool, 3));
        }
        s += "}\n";
        s
    }
}

fn evaluate(backend: &mut dyn Backend, n: usize, ranges: &[(Phase, u64, u64)]) -> Vec<PropertyStats> {
    let mut total: Option<Vec<PropertyStats>> = None;
    for &(phase, a, b) in ranges {
        let part = backend.run_range(phase, a, b, 64).expect("backend runs");
        match &mut total {
            None => total = Some(part),
            Some(t) => {
                for (x, y) in t.iter_mut().zip(&part) {
                    x.merge(y, 64);
                }
            }
        }
    }
    let t = total.unwrap_or_default();
    assert_eq!(t.len(), n);
    t
}

/// Random program `id`: its text, IR, generator and the index ranges it is evaluated on (`n`
/// vectors a phase; programs with long loops or big arrays get fewer, to keep the tests' time).
struct Case {
    text: String,
    program: vecrun::ir::Program,
    generator: Generator,
    ranges: Vec<(Phase, u64, u64)>,
    heavy: bool,
}

fn case(id: usize, n: u64) -> Case {
    let mut g = Gen::new(0xD1FF ^ (id as u64).wrapping_mul(0x9E37_79B9));
    let text = g.program(id);
    let spec = support::compile_text(&text);
    let program = vecrun::ir::lower(&spec);
    let generator = Generator::new(&program.slots, id as u64, spec.input_hash);
    let n = if g.heavy { 96 } else { n };
    let mut ranges = vec![(Phase::Edge, 0, generator.edge.len().min(n)), (Phase::Random, 0, n)];
    if let Some(space) = generator.space() {
        ranges.push((Phase::Exhaustive, 0, space.min(n)));
    }
    Case { text, program, generator, ranges, heavy: g.heavy }
}

#[test]
fn cpu_and_gpu_agree_on_random_programs() {
    let Some(dev) = support::gpu_device() else { return };
    let count: usize = std::env::var("VECRUN_DIFF_PROGRAMS").ok().and_then(|v| v.parse().ok()).unwrap_or(300);
    let mut failed_programs = 0;
    let mut disagreements = Vec::new();
    let mut any_failure_seen = 0;
    let mut loop_bound_seen = 0;
    for id in 0..count {
        let started = std::time::Instant::now();
        let Case { text, program, generator, ranges, heavy } = case(id, 2_000);
        let mut cpu = CpuBackend::new(&program, generator.clone(), 1).expect("cpu");
        let want = evaluate(&mut cpu, program.properties.len(), &ranges);
        let reference = CpuBackend::new(&program, generator.clone(), 1).expect("cpu");
        let mut gpu = match GpuBackend::new(dev.clone(), &program, generator.clone(), reference) {
            Ok(g) => g,
            Err(e) => panic!("program {id} does not run on the GPU: {e}\n{text}"),
        };
        gpu.set_dispatch_size(1024);
        let got = evaluate(&mut gpu, program.properties.len(), &ranges);
        if std::env::var("VECRUN_DIFF_VERBOSE").is_ok() {
            eprintln!("program {id}: {:.2} s{}", started.elapsed().as_secs_f64(), if heavy { " (heavy)" } else { "" });
        }
        if want[0].failed > 0 {
            any_failure_seen += 1;
        }
        if want[0].loop_bound > 0 {
            loop_bound_seen += 1;
        }
        // A dispatch whose counts do not add up is re-run on the CPU: its counts would be the CPU's.
        if got != want || !gpu.divergences.is_empty() || gpu.failed_over().is_some() {
            failed_programs += 1;
            if disagreements.len() < 3 {
                let brief = |s: &PropertyStats| {
                    format!(
                        "evaluated {} failed {} discarded {} by assert {:?} oob {} loop bound {} covers {:?} first failures {:?}",
                        s.evaluated,
                        s.failed,
                        s.discarded,
                        s.fails_by_assert,
                        s.out_of_bounds,
                        s.loop_bound,
                        s.cover_hits,
                        &s.failures[..s.failures.len().min(4)]
                    )
                };
                disagreements.push(format!(
                    "program {id}:\n{text}\ncpu: {}\ngpu: {}\n{} divergences, first: {:?}; GPU given up: {:?}",
                    brief(&want[0]),
                    brief(&got[0]),
                    gpu.divergences.len(),
                    gpu.divergences.first(),
                    gpu.failed_over()
                ));
            }
        }
    }
    assert!(failed_programs == 0, "{failed_programs} of {count} programs disagree; first ones:\n{}", disagreements.join("\n\n"));
    // The generated properties must actually fail sometimes, or the comparison proves little.
    assert!(any_failure_seen * 5 >= count, "only {any_failure_seen} of {count} programs had any failing vector");
    // ... and some must run a `while` past its bound (9 of the default 300 do).
    assert!(loop_bound_seen * 60 >= count, "only {loop_bound_seen} of {count} programs ran a loop past its bound");
}

/// The fuzz test of the compiled path: every random program compiles to native lane code, runs
/// without a fault, and agrees with the interpreter on every count, failing index and cover hit of
/// the same vectors (lane counts that leave a partial group of four included). Needs no GPU.
#[test]
fn compiled_code_and_the_interpreter_agree_on_random_programs() {
    let count: usize = std::env::var("VECRUN_DIFF_PROGRAMS").ok().and_then(|v| v.parse().ok()).unwrap_or(300);
    let mut disagreements = Vec::new();
    let mut any_failure_seen = 0;
    for id in 0..count {
        // 2003: not a multiple of four, so the last group of compiled lanes is partial.
        let Case { text, program, generator, ranges, .. } = case(id, 2_003);
        let mut interp = CpuBackend::new(&program, generator.clone(), 1).expect("cpu");
        let want = evaluate(&mut interp, program.properties.len(), &ranges);
        let mut compiled = CpuBackend::new(&program, generator.clone(), 1).expect("cpu").with_engine(CpuEngine::Compiled);
        assert_eq!(compiled.compiled().0, program.properties.len(), "program {id} does not compile:\n{text}");
        let got = evaluate(&mut compiled, program.properties.len(), &ranges);
        // Explicit vectors too (replay's and the shrinker's path), one by one and in a batch.
        let vectors: Vec<Vec<u32>> = (0..7u64)
            .map(|i| {
                let mut v = vec![0; generator.slots];
                generator.decode(Phase::Random, i * 977, &mut v);
                v
            })
            .collect();
        let batch_ok = compiled.eval_vectors(&vectors) == interp.eval_vectors(&vectors)
            && vectors.iter().all(|v| compiled.eval_vectors(std::slice::from_ref(v)) == interp.eval_vectors(std::slice::from_ref(v)));
        if want[0].failed > 0 {
            any_failure_seen += 1;
        }
        if got != want || !batch_ok {
            disagreements.push(format!(
                "program {id}:\n{text}\ninterpreter: {:?}\ncompiled: {:?}\nexplicit vectors agree: {batch_ok}",
                want[0], got[0]
            ));
        }
    }
    assert!(disagreements.is_empty(), "{} of {count} programs disagree; first:\n{}", disagreements.len(), disagreements[0]);
    assert!(any_failure_seen * 5 >= count, "only {any_failure_seen} of {count} programs had any failing vector");
}

/// The same for programs that compute with `f64` (inline vector forms and `sem` per lane in the
/// compiled code, chunk loops and `sem` in the interpreter), on the edge, random and (small spaces)
/// exhaustive phases.
#[test]
fn compiled_code_and_the_interpreter_agree_on_random_f64_programs() {
    let count: usize = std::env::var("VECRUN_DIFF_PROGRAMS").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let mut disagreements = Vec::new();
    let (mut failing, mut passing) = (0, 0);
    for id in 0..count {
        let mut g = Gen::new(0xF64 ^ (id as u64).wrapping_mul(0x9E37_79B9));
        let text = g.f64_program(id);
        let spec = support::compile_text(&text);
        let program = vecrun::ir::lower(&spec);
        vecrun::ir::validate(&program).unwrap_or_else(|e| panic!("program {id}: {e:?}\n{text}"));
        let generator = Generator::new(&program.slots, id as u64, spec.input_hash);
        let n = 1_003;
        let mut ranges = vec![(Phase::Edge, 0, generator.edge.len().min(n)), (Phase::Random, 0, n)];
        if let Some(space) = generator.space() {
            ranges.push((Phase::Exhaustive, 0, space.min(n)));
        }
        let mut interp = CpuBackend::new(&program, generator.clone(), 1).expect("cpu");
        let want = evaluate(&mut interp, 1, &ranges);
        let mut compiled = CpuBackend::new(&program, generator.clone(), 1).expect("cpu").with_engine(CpuEngine::Compiled);
        assert_eq!(compiled.compiled().0, 1, "program {id} does not compile:\n{text}");
        let got = evaluate(&mut compiled, 1, &ranges);
        if want[0].failed > 0 {
            failing += 1;
        }
        if want[0].failed < want[0].evaluated {
            passing += 1;
        }
        if got != want {
            disagreements.push(format!("program {id}:\n{text}\ninterpreter: {:?}\ncompiled: {:?}", want[0], got[0]));
        }
    }
    assert!(disagreements.is_empty(), "{} of {count} programs disagree; first:\n{}", disagreements.len(), disagreements[0]);
    eprintln!("{failing} of {count} f64 programs fail on some vector, {passing} pass on some");
    assert!(failing * 5 >= count && passing * 5 >= count, "{failing} programs fail somewhere, {passing} pass somewhere, of {count}");
}

#[test]
fn generated_programs_are_deterministic_and_varied() {
    let mut a = Gen::new(1);
    let mut b = Gen::new(1);
    assert_eq!(a.program(0), b.program(0));
    let texts: std::collections::HashSet<String> = (0..20).map(|i| Gen::new(i).program(i as usize)).collect();
    assert!(texts.len() >= 19);
}

/// The generator makes every extra shape the differential test is meant to cover, in the first 300
/// programs: a loop of 2^20 trips, a 256-element array, a call chain, and nesting 6+ deep. (Arrays of
/// 1,024 elements and more are left out: the IR writes `[0; N]` as N stores and the WGSL loaders are
/// unrolled per slot, so lavapipe takes minutes to compile such a shader.)
#[test]
fn generated_programs_include_long_loops_deep_nesting_and_big_arrays() {
    let texts: Vec<String> = (0..300).map(|id| Gen::new(0xD1FF ^ (id as u64).wrapping_mul(0x9E37_79B9)).program(id as usize)).collect();
    let count = |needle: &str| texts.iter().filter(|t| t.contains(needle)).count();
    let depth = |t: &String| {
        t.chars()
            .scan(0i32, |d, c| {
                *d += (c == '{') as i32 - (c == '}') as i32;
                Some(*d)
            })
            .max()
            .unwrap_or(0)
    };
    assert!(count("for kl in 0..1048576") >= 1, "no loop of 2^20 trips");
    assert!(count("for kl in") >= 4, "too few long loops");
    assert!(count("[u32; 256]") >= 1, "no 256-element array");
    assert!(count("fn c5(") >= 5, "too few call chains");
    assert!(count("break;") >= 5 && count("continue;") >= 5, "too few jumps");
    assert!(texts.iter().filter(|t| t.contains("while w")).count() >= 20, "too few while loops");
    assert!(texts.iter().filter(|t| t.contains("var recs = [rec; 3];")).count() >= 20, "too few records");
    assert!(texts.iter().filter(|t| depth(t) >= 8).count() >= 5, "too few programs nested 6+ deep in their property");
}

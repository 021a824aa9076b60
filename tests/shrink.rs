//! Shrinking: results still fail the same assert, stay in their domains, are never larger than the original, are
//! the same on every run, and reach the known simplest counterexamples (thresholds, the billing double charge).

mod support;

use proptest::prelude::*;
use vecrun::cpu::CpuBackend;
use vecrun::r#gen::Domain;
use vecrun::ir::{self, Outcome, Program};
use vecrun::run::{Generator, Phase};
use vecrun::shrink::{ShrinkLimits, Shrunk, WidePair, shrink, simplicity, slot_distance};

/// A compiled spec with its CPU backend.
struct Fixture {
    program: Program,
    backend: CpuBackend,
}

impl Fixture {
    fn new(text: &str) -> Fixture {
        let spec = support::compile_text(text);
        let program = ir::lower(&spec);
        let generator = Generator::new(&program.slots, 7, spec.input_hash);
        let backend = CpuBackend::new(&program, generator, 1).expect("cpu backend");
        Fixture { program, backend }
    }

    fn property(&self, name: &str) -> usize {
        self.program.properties.iter().position(|p| p.name == name).expect("property exists")
    }

    /// Outcome code of `property` on one vector.
    fn outcome(&self, property: usize, v: &[u32]) -> u32 {
        self.backend.eval_vectors(&[v.to_vec()])[property][0]
    }

    /// Failing vectors of `property` (with their outcome codes) among the first `scan` random-phase vectors, at
    /// most `want` of them.
    fn failing(&self, property: usize, scan: u64, want: usize) -> Vec<(Vec<u32>, u32)> {
        let n = self.program.slots.len();
        let mut found = Vec::new();
        let mut base = 0u64;
        while base < scan && found.len() < want {
            let count = (scan - base).min(4096);
            let batch: Vec<Vec<u32>> = (base..base + count)
                .map(|i| {
                    let mut v = vec![0u32; n];
                    self.backend.generator().decode(Phase::Random, i, &mut v);
                    v
                })
                .collect();
            let codes = &self.backend.eval_vectors(&batch)[property];
            for (v, &c) in batch.into_iter().zip(codes) {
                if Outcome::decode(c).is_failure() && found.len() < want {
                    found.push((v, c));
                }
            }
            base += count;
        }
        found
    }

    fn shrink(&self, property: usize, original: &[u32], target: u32, limits: &ShrinkLimits) -> Shrunk {
        let mut eval = |vs: &[Vec<u32>]| self.backend.eval_vectors(vs).swap_remove(property);
        shrink(&self.program, property, original, target, &mut eval, limits)
    }

    /// Shrinks twice and checks the invariants every shrink must keep; returns the result.
    fn shrink_checked(&self, property: usize, original: &[u32], target: u32, limits: &ShrinkLimits) -> Shrunk {
        let a = self.shrink(property, original, target, limits);
        let b = self.shrink(property, original, target, limits);
        assert_eq!(a, b, "shrinking is not deterministic");
        assert_eq!(self.outcome(property, &a.values), target, "shrunk vector {:?} lost the failure", a.values);
        for (s, (d, &v)) in self.program.slots.iter().zip(&a.values).enumerate() {
            assert!(d.contains(v), "slot {s}: {v:#x} is outside {d:?}");
        }
        assert!(
            simplicity(&self.program.slots, &WidePair::of_program(&self.program), &a.values)
                <= simplicity(&self.program.slots, &WidePair::of_program(&self.program), original),
            "shrunk {:?} is larger than the original {original:?}",
            a.values
        );
        assert!(a.steps <= limits.max_steps);
        if a.values != original {
            assert!(a.steps > 0);
        }
        if !a.hit_limit {
            // A local minimum: no slot can be set to its domain's simplest value and still fail the same way.
            for (s, d) in self.program.slots.iter().enumerate() {
                if let Some(simplest) = simplest(d)
                    && a.values[s] != simplest
                {
                    let mut v = a.values.clone();
                    v[s] = simplest;
                    assert_ne!(self.outcome(property, &v), target, "slot {s} of {:?} could be {simplest:#x}", a.values);
                }
            }
        }
        a
    }
}

/// The simplest member of a domain (distance 0), where it is obvious.
fn simplest(d: &Domain) -> Option<u32> {
    let v = match d {
        Domain::Bool | Domain::F32Any => 0,
        Domain::U32Range { lo, .. } => *lo,
        Domain::I32Range { lo, hi } => 0i32.clamp(*lo, *hi) as u32,
        Domain::F32Range { .. } => d.contains(0).then_some(0)?,
        Domain::Set { values, .. } => *values.iter().min_by_key(|&&v| slot_distance(d, v))?,
        // A word of a 64-bit value is shrunk with the other one.
        Domain::WideLo { .. }
        | Domain::WideHi { .. }
        | Domain::WideSetLo { .. }
        | Domain::WideSetHi { .. }
        | Domain::F64Lo { .. }
        | Domain::F64Hi { .. } => return None,
        Domain::Unused => 0,
    };
    assert_eq!(slot_distance(d, v), 0, "{d:?}");
    Some(v)
}

/// Bounded only by steps, so results are deterministic however slow the machine.
fn limits(max_steps: u32) -> ShrinkLimits {
    ShrinkLimits { max_steps, max_time: std::time::Duration::from_secs(3600) }
}

#[test]
fn u32_threshold_shrinks_to_the_boundary() {
    let f = Fixture::new("spec t { version = \"1\" }\ninput x: u32;\nproperty p { assert x < 1000; }\n");
    let failing = f.failing(0, 4096, 20);
    assert_eq!(failing.len(), 20);
    for (v, code) in failing {
        assert_eq!(Outcome::decode(code), Outcome::Fail(0));
        let s = f.shrink_checked(0, &v, code, &limits(2000));
        assert_eq!(s.values, vec![1000], "from {v:?}");
        assert!(!s.hit_limit);
    }
    // Already simplest: nothing to do.
    let s = f.shrink_checked(0, &[1000], Outcome::Fail(0).encode(), &limits(2000));
    assert_eq!((s.values, s.steps), (vec![1000], 0));
}

#[test]
fn i32_threshold_shrinks_to_the_boundary() {
    let f = Fixture::new("spec t { version = \"1\" }\ninput x: i32 in -500..500;\nproperty p { assert x > -100; }\n");
    let failing = f.failing(0, 4096, 20);
    assert_eq!(failing.len(), 20);
    for (v, code) in failing {
        let s = f.shrink_checked(0, &v, code, &limits(2000));
        assert_eq!(s.values, vec![(-100i32) as u32], "from {v:?}");
    }
}

#[test]
fn f32_threshold_shrinks_to_ten() {
    let f = Fixture::new("spec t { version = \"1\" }\ninput x: f32;\nproperty p { assert x < 10.0; }\n");
    let mut failing = f.failing(0, 4096, 20);
    // The non-finite ones too: NaN and +inf fail `x < 10.0`.
    for bits in [0x7FC0_0000, 0x7F80_0001, 0xFFFF_FFFF, 0x7F80_0000, 0x7F7F_FFFF, 10.5f32.to_bits(), 1e30f32.to_bits()] {
        failing.push((vec![bits], Outcome::Fail(0).encode()));
    }
    for (v, code) in failing {
        assert_eq!(f.outcome(0, &v), code);
        let s = f.shrink_checked(0, &v, code, &limits(2000));
        assert_eq!(s.values, vec![10.0f32.to_bits()], "from {:?}", f32::from_bits(v[0]));
    }
}

#[test]
fn f32_ranges_prefer_small_integers_then_fewer_bits() {
    let f = Fixture::new(
        "spec t { version = \"1\" }\ninput x: f32 in -50.0..50.0;\ninput y: f32 in 0.0..1.0;\n\
         property ints { assert x > -7.5; }\nproperty frac { assert y < 0.3; }\n",
    );
    let (ints, frac) = (f.property("ints"), f.property("frac"));
    for (v, code) in f.failing(ints, 4096, 10) {
        let s = f.shrink_checked(ints, &v, code, &limits(2000));
        assert_eq!(s.values, vec![(-8.0f32).to_bits(), 0], "from {v:?}");
    }
    for (v, code) in f.failing(frac, 4096, 10) {
        let s = f.shrink_checked(frac, &v, code, &limits(2000));
        // 0.5: one significant bit; no small integer fails in 0.0..1.0.
        assert_eq!(s.values, vec![0, 0.5f32.to_bits()], "from {v:?}");
    }
}

#[test]
fn bools_sets_and_arrays() {
    let f = Fixture::new(
        "spec t { version = \"1\" }\ninput flag: bool;\ninput mode: u32 in {0, 1, 5, 9};\n\
         input m: i32 in {-7, -1, 4};\ninput v: [u32; 8] in 0..20;\n\
         property p { assert !(flag && mode >= 5 && v[3] > 10), \"bad\"; }\n\
         property q { assert m >= 0; }\n",
    );
    let (p, q) = (f.property("p"), f.property("q"));
    let failing = f.failing(p, 20_000, 10);
    assert!(!failing.is_empty());
    for (v, code) in failing {
        let s = f.shrink_checked(p, &v, code, &limits(2000));
        // flag = true, mode = 5, m = -1 (the member closest to 0), v = [0, 0, 0, 11, 0, 0, 0, 0].
        assert_eq!(s.values, vec![1, 5, (-1i32) as u32, 0, 0, 0, 11, 0, 0, 0, 0], "from {v:?}");
    }
    for (v, code) in f.failing(q, 4096, 10) {
        let s = f.shrink_checked(q, &v, code, &limits(2000));
        assert_eq!(s.values, vec![0, 0, (-1i32) as u32, 0, 0, 0, 0, 0, 0, 0, 0], "from {v:?}");
    }
}

#[test]
fn out_of_bounds_keeps_its_site() {
    let f = Fixture::new(
        "spec t { version = \"1\" }\ninput i: u32;\ninput a: [u32; 4];\n\
         property p { assert a[i] != 3; }\n",
    );
    let failing = f.failing(0, 4096, 10);
    assert!(!failing.is_empty());
    for (v, code) in failing {
        assert!(matches!(Outcome::decode(code), Outcome::OutOfBounds(_)));
        let s = f.shrink_checked(0, &v, code, &limits(2000));
        assert_eq!(s.values, vec![4, 0, 0, 0, 0], "from {v:?}");
    }
    // An in-bounds assert failure stays an assert failure (never the simpler-looking out-of-bounds `i = 4`). The
    // result is a local minimum: `[0, 3, 0, 0, 0]` is simpler but needs two coordinated changes (i and a[0]).
    let original = vec![2, 9, 9, 3, 9];
    let code = f.outcome(0, &original);
    assert_eq!(Outcome::decode(code), Outcome::Fail(0));
    let s = f.shrink_checked(0, &original, code, &limits(2000));
    assert_eq!(s.values, vec![2, 0, 0, 3, 0]);
}

#[test]
fn step_bound_stops_early_on_a_failing_vector() {
    let f = Fixture::new("spec t { version = \"1\" }\ninput x: u32;\ninput y: u32;\nproperty p { assert x < 1000 || y < 1000; }\n");
    let (v, code) = f.failing(0, 4096, 1).pop().unwrap();
    for steps in [0, 1, 2, 3] {
        let s = f.shrink_checked(0, &v, code, &limits(steps));
        assert!(s.hit_limit);
        assert_eq!(s.steps, steps);
    }
    let s = f.shrink_checked(0, &v, code, &limits(2000));
    assert_eq!(s.values, vec![1000, 1000]);
    assert!(!s.hit_limit);
    // A zero time bound stops before the first evaluation, on the original.
    let s = f.shrink(0, &v, code, &ShrinkLimits { max_steps: 2000, max_time: std::time::Duration::ZERO });
    assert_eq!((s.values, s.steps, s.evaluations, s.hit_limit), (v, 0, 0, true));
}

#[test]
fn wide_arrays_shrink_in_bulk() {
    let f = Fixture::new(
        "spec t { version = \"1\" }\ninput w: [u32; 256] in 0..=1000;\n\
         property p { var t: u32 = 0; for i in 0..256 { t += w[i]; } assert t < 5000; }\n",
    );
    let (v, code) = f.failing(0, 64, 1).pop().expect("a random vector of 256 values sums past 5000");
    let s = f.shrink_checked(0, &v, code, &limits(2000));
    assert!(!s.hit_limit);
    // Halves and quarters went to zero in bulk, and every remaining element was lowered until the sum sits exactly
    // on the boundary (shrinking only lowers values, so it does not move value between elements to reach the
    // global minimum of five 1000s).
    let nonzero = s.values.iter().filter(|&&x| x != 0).count();
    assert!(nonzero >= 5 && nonzero < v.iter().filter(|&&x| x != 0).count() / 4, "{:?}", s.values);
    assert_eq!(s.values.iter().sum::<u32>(), 5000, "{:?}", s.values);
}

/// `no_double_charge` of `datasets/specs/billing_failover.vspec`, over its first two inputs.
const BILLING: &str = r#"spec billing { version = "1" }
input amount: u32 in 1..=10_000;
input ops: [u32; 16];

property no_double_charge {
  var charged: u32 = 0;
  var pending = false;
  var region_up = true;
  var allowed: u32 = 0;
  var charges: u32 = 0;
  for k in 0..16 {
    let kind = ops[k] % 1000;
    if kind < 500 {
      if region_up { charged += amount; charges += 1; allowed += 1; pending = true; }
    } else if kind < 990 {
      pending = false;
    } else if kind < 999 {
      region_up = !region_up;
    } else if pending && !region_up {
      charged += amount; charges += 1;
    }
  }
  assert charges <= allowed, "customer double-charged";
}
"#;

/// The double charge needs a retry (kind 999) while a charge is pending and the region is down, and the region
/// only goes down through a toggle (kind 990..=998). Both kinds are non-zero, so every failing vector has at least
/// two non-zero `ops`; and two suffice, since zeros are charges (kind 0): `[0, 990, 999, 0, ...]` charges once,
/// takes the region down (later zeros charge nothing), and retries. Among two-non-zero vectors the simplest values
/// are the smallest toggle, 990, and the retry, 999, with the toggle after at least one charge and before the
/// retry; and `amount` plays no part, so it shrinks to its lower end, 1.
#[test]
fn billing_double_charge_shrinks_to_a_toggle_and_a_retry() {
    let f = Fixture::new(BILLING);
    let p = f.property("no_double_charge");
    let failing = f.failing(p, 200_000, 5);
    assert_eq!(failing.len(), 5, "the random phase finds the double charge");
    for (v, code) in failing {
        assert_eq!(Outcome::decode(code), Outcome::Fail(0));
        let s = f.shrink_checked(p, &v, code, &limits(2000));
        assert!(!s.hit_limit);
        let (amount, ops) = (s.values[0], &s.values[1..]);
        assert_eq!(amount, 1, "from {v:?}: {:?}", s.values);
        let nonzero: Vec<(usize, u32)> = ops.iter().copied().enumerate().filter(|&(_, x)| x != 0).collect();
        assert_eq!(nonzero.len(), 2, "from {v:?}: {ops:?}");
        let ((toggle_at, toggle), (retry_at, retry)) = (nonzero[0], nonzero[1]);
        assert_eq!((toggle, retry), (990, 999), "{ops:?}");
        assert!(toggle_at >= 1 && toggle_at < retry_at, "{ops:?}");
    }
}

// -------------------------------------------------------------------------------------------------------------
// Property test: random specs and failing vectors.

/// A random one- or two-input spec with one property whose assert fails somewhere.
fn spec_strategy() -> impl Strategy<Value = String> {
    let scalar = prop_oneof![
        (any::<u32>(), 0u32..5000, 0u32..3).prop_map(|(lo, span, form)| match form {
            0 => ("u32".to_string(), String::new(), lo.to_string()),
            _ => {
                let lo = lo % 1_000_000;
                ("u32".to_string(), format!(" in {lo}..={}", lo + span), (lo + span / 2).to_string())
            }
        }),
        (-3000i32..3000, 1i32..3000, -3000i32..3000)
            .prop_map(|(lo, span, c)| { ("i32".to_string(), format!(" in {lo}..{}", lo + span), c.to_string()) }),
        (-800i32..800, 1i32..800, -800i32..800, any::<bool>()).prop_map(|(lo, span, c, any)| {
            let (lo, hi, c) = (lo as f32 / 8.0, (lo + span) as f32 / 8.0, c as f32 / 8.0);
            let dom = if any { String::new() } else { format!(" in {lo:.3}..{hi:.3}") };
            ("f32".to_string(), dom, format!("{c:.3}"))
        }),
        (proptest::collection::btree_set(-50i32..50, 1..6), -50i32..50).prop_map(|(set, c)| {
            let members: Vec<String> = set.iter().map(|m| m.to_string()).collect();
            ("i32".to_string(), format!(" in {{{}}}", members.join(", ")), c.to_string())
        }),
    ];
    let op = prop_oneof![Just("<"), Just("<="), Just(">"), Just(">="), Just("!=")];
    (scalar, op, 0u32..3, 1u32..40, 0u32..4).prop_map(|((ty, dom, c), op, shape, k, idx)| match shape {
        0 => format!("spec r {{ version = \"1\" }}\ninput x: {ty}{dom};\nproperty p {{ assert x {op} {c}; }}\n"),
        1 => format!(
            "spec r {{ version = \"1\" }}\ninput x: {ty}{dom};\ninput b: bool;\ninput a: [u32; 4] in 0..=50;\n\
             property p {{ assert x {op} {c} || (b && a[{idx}] < {k}); }}\n"
        ),
        _ => format!(
            "spec r {{ version = \"1\" }}\ninput x: {ty}{dom};\ninput a: [u32; 4] in 0..=50;\n\
             property p {{ assert a[0] + a[1] + a[2] + a[3] < {} || x {op} {c}; }}\n",
            k * 3
        ),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, max_global_rejects: 100_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn shrinking_stays_in_domain_and_still_fails(text in spec_strategy(), pick in 0usize..8, steps in prop_oneof![Just(2000u32), 0u32..6]) {
        let f = Fixture::new(&text);
        let failing = f.failing(0, 2048, 8);
        prop_assume!(!failing.is_empty());
        let (v, code) = &failing[pick % failing.len()];
        // shrink_checked asserts: same outcome code, every slot in its domain, no larger, deterministic.
        let s = f.shrink_checked(0, v, *code, &limits(steps));
        prop_assert!(s.evaluations > 0 || s.values == *v);
    }
}

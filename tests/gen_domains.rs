//! Domain mappings of the generator: values stay in their domains, ends are reachable, ordinals are bijective, edge
//! values and the edge plan, determinism, and batch == scalar decoding.
#![allow(
    clippy::needless_range_loop,
    clippy::type_complexity,
    reason = "lane-indexed comparisons between generators read best as index loops"
)]

use std::collections::{BTreeSet, HashSet};

use proptest::prelude::*;
use vecrun::r#gen::domain::{
    F32Grid, ScalarKind, SlotDecoder, f32_from_key, f32_key, f32_range_keys, lemire, lemire_u32_only, scaled_bits,
};
use vecrun::r#gen::edge::{EdgeMode, EdgePlan, edge_values};
use vecrun::r#gen::{
    Domain, ExhaustiveLayout, GENERATOR_VERSION, RandomLayout, decode_exhaustive, decode_ordinal, decode_random, derive_key, domain_size,
    mulhilo, mulhilo32_by_halves, space_size, words_needed,
};

// ---------------------------------------------------------------------------------------------------------------
// Strategies

fn interesting_u32() -> impl Strategy<Value = u32> {
    prop_oneof![any::<u32>(), 0u32..8, (u32::MAX - 8)..=u32::MAX, (0x7FFF_FFF8u32..0x8000_0008),]
}

fn u32_range() -> impl Strategy<Value = Domain> {
    prop_oneof![
        (interesting_u32(), interesting_u32()).prop_map(|(a, b)| Domain::U32Range { lo: a.min(b), hi: a.max(b) }),
        (any::<u32>(), 0u32..300).prop_map(|(a, k)| Domain::U32Range { lo: a, hi: a.saturating_add(k) }),
        Just(Domain::U32Range { lo: 0, hi: u32::MAX }),
    ]
}

fn i32_range() -> impl Strategy<Value = Domain> {
    prop_oneof![
        (interesting_u32(), interesting_u32()).prop_map(|(a, b)| {
            let (a, b) = (a as i32, b as i32);
            Domain::I32Range { lo: a.min(b), hi: a.max(b) }
        }),
        (any::<i32>(), 0i32..300).prop_map(|(a, k)| Domain::I32Range { lo: a, hi: a.saturating_add(k) }),
        (-300i32..300, 0i32..600).prop_map(|(a, k)| Domain::I32Range { lo: a, hi: a + k }),
        Just(Domain::I32Range { lo: i32::MIN, hi: i32::MAX }),
    ]
}

fn finite_f32() -> impl Strategy<Value = f32> {
    prop_oneof![
        any::<u32>().prop_map(f32::from_bits).prop_filter("finite", |x| x.is_finite()),
        (-1000i32..1000).prop_map(|i| i as f32 / 8.0),
        (0u32..64).prop_map(f32::from_bits),                    // tiny positive subnormals and +0.0
        (0x8000_0000u32..0x8000_0040).prop_map(f32::from_bits), // tiny negative subnormals and -0.0
        prop_oneof![Just(f32::MAX), Just(f32::MIN), Just(f32::MIN_POSITIVE), Just(1.0f32), Just(-1.0f32)],
    ]
}

fn f32_range() -> impl Strategy<Value = Domain> {
    prop_oneof![
        (finite_f32(), finite_f32(), any::<bool>()).prop_map(|(a, b, inc)| mk_f32_range(a, b, inc)),
        // Narrow ranges: a few hundred representable values.
        (finite_f32(), 0u32..300, any::<bool>()).prop_map(|(a, k, inc)| {
            let kb = f32_key(a.to_bits()).saturating_add(k);
            let b = f32::from_bits(f32_from_key(kb));
            mk_f32_range(a, if b.is_finite() { b } else { a }, inc)
        }),
    ]
}

fn mk_f32_range(a: f32, b: f32, inc: bool) -> Domain {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let hi_inclusive = inc || lo == hi;
    Domain::F32Range { lo, hi, hi_inclusive }
}

fn set_domain() -> impl Strategy<Value = Domain> {
    prop_oneof![
        prop::collection::vec(0u32..2, 1..4).prop_map(|v| Domain::set(ScalarKind::Bool, v)),
        prop::collection::vec(interesting_u32(), 1..40).prop_map(|v| Domain::set(ScalarKind::U32, v)),
        prop::collection::vec(interesting_u32(), 1..40).prop_map(|v| Domain::set(ScalarKind::I32, v)),
        prop::collection::vec(any::<u32>(), 1..40).prop_map(|v| Domain::set(ScalarKind::F32, v)),
    ]
}

fn domain() -> impl Strategy<Value = Domain> {
    prop_oneof![Just(Domain::Bool), u32_range(), i32_range(), Just(Domain::F32Any), f32_range(), set_domain(),]
}

fn small_domain() -> impl Strategy<Value = Domain> {
    prop_oneof![
        Just(Domain::Bool),
        (any::<u32>(), 0u32..200).prop_map(|(a, k)| Domain::U32Range { lo: a, hi: a.saturating_add(k) }),
        (any::<i32>(), 0i32..200).prop_map(|(a, k)| Domain::I32Range { lo: a, hi: a.saturating_add(k) }),
        (finite_f32(), 0u32..200, any::<bool>()).prop_map(|(a, k, inc)| {
            let b = f32::from_bits(f32_from_key(f32_key(a.to_bits()).saturating_add(k)));
            mk_f32_range(a, if b.is_finite() { b } else { a }, inc)
        }),
        set_domain(),
    ]
}

/// Membership written independently of the library: IEEE comparisons for float ranges.
fn member(d: &Domain, v: u32) -> bool {
    match d {
        Domain::Bool => v <= 1,
        Domain::U32Range { lo, hi } => *lo <= v && v <= *hi,
        Domain::I32Range { lo, hi } => *lo <= v as i32 && v as i32 <= *hi,
        Domain::F32Any => true,
        Domain::F32Range { lo, hi, hi_inclusive } => {
            let x = f32::from_bits(v);
            !x.is_nan() && *lo <= x && if *hi_inclusive { x <= *hi } else { x < *hi }
        }
        Domain::Set { values, .. } => values.contains(&v),
        Domain::Unused => v == 0,
        Domain::WideLo { .. }
        | Domain::WideHi { .. }
        | Domain::WideSetLo { .. }
        | Domain::WideSetHi { .. }
        | Domain::F64Lo { .. }
        | Domain::F64Hi { .. } => {
            unreachable!("the strategies here draw 32-bit domains (64-bit ranges and sets: tests/wide.rs, tests/float64.rs)")
        }
    }
}

fn next_up(x: f32) -> f32 {
    f32::from_bits(f32_from_key(f32_key(x.to_bits()) + 1))
}

// ---------------------------------------------------------------------------------------------------------------
// Random-phase mapping

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_decode_in_domain(d in domain(), w0: u32, w1: u32) {
        prop_assert_eq!(d.validate(), Ok(()));
        let v = decode_random(&d, &[w0, w1]);
        prop_assert!(member(&d, v), "{:?} decoded {:#x} from {:#x},{:#x}", d, v, w0, w1);
        prop_assert!(d.contains(v));
        // Both modes of float ranges.
        if let Domain::F32Range { .. } = d {
            for mode in 0..4u32 {
                let v = decode_random(&d, &[(w0 & !3) | mode, w1]);
                prop_assert!(member(&d, v), "{:?} mode {} decoded {:#x}", d, mode, v);
            }
        }
    }

    #[test]
    fn f32_range_ends_reachable(d in f32_range()) {
        let Domain::F32Range { lo, hi, hi_inclusive } = d else { unreachable!() };
        let low = f32::from_bits(decode_random(&d, &[3, 0]));
        let high = f32::from_bits(decode_random(&d, &[3, u32::MAX]));
        prop_assert!(low == lo, "lowest {} != lo {}", low, lo);
        if hi_inclusive {
            prop_assert!(high == hi, "highest {} != hi {}", high, hi);
        } else {
            prop_assert!(high < hi && next_up(high) >= hi, "highest {} not the last value below {}", high, hi);
        }
        // Grid-mode ends: the first and last grid points, inside the range, with the neighbouring points outside.
        let g = F32Grid::new(lo, hi, hi_inclusive);
        prop_assert!(g.count >= 1);
        let first = f32::from_bits(decode_random(&d, &[0, 0]));
        let last = f32::from_bits(decode_random(&d, &[0, u32::MAX]));
        prop_assert_eq!(first.to_bits(), g.value_bits(0));
        prop_assert_eq!(last.to_bits(), g.value_bits(g.count - 1));
        let below = (g.lo_idx as f64 - 1.0) * g.step as f64;
        let above = (g.lo_idx as f64 + g.count as f64) * g.step as f64;
        prop_assert!(below < lo as f64);
        let above_ok = if hi_inclusive { above > hi as f64 } else { above >= hi as f64 };
        prop_assert!(above_ok);
        prop_assert!(g.lo_idx.unsigned_abs() <= 1 << 24);
        prop_assert!((g.lo_idx as i64 + g.count as i64 - 1).unsigned_abs() <= 1 << 24);
    }

    #[test]
    fn grid_float_path_equals_integer_construction(d in f32_range(), k: u32) {
        let Domain::F32Range { lo, hi, hi_inclusive } = d else { unreachable!() };
        let g = F32Grid::new(lo, hi, hi_inclusive);
        for k in [0, k % g.count, g.count - 1] {
            prop_assert_eq!(g.value_bits(k), scaled_bits(g.lo_idx + k as i32, g.exp));
        }
        prop_assert_eq!(g.step.to_bits(), scaled_bits(1, g.exp));
    }

    #[test]
    fn int_ranges_ends_reachable(d in prop_oneof![u32_range(), i32_range()]) {
        let (lo, hi) = match d {
            Domain::U32Range { lo, hi } => (lo, hi),
            Domain::I32Range { lo, hi } => (lo as u32, hi as u32),
            _ => unreachable!(),
        };
        prop_assert_eq!(decode_random(&d, &[0]), lo);
        prop_assert_eq!(decode_random(&d, &[u32::MAX]), hi);
    }

    #[test]
    fn lemire_in_range_and_u32_form(w: u32, n: u32) {
        prop_assert_eq!(lemire(w, n), lemire_u32_only(w, n));
        if n != 0 {
            prop_assert!(lemire(w, n) < n);
        }
    }

    #[test]
    fn mulhilo_halves_equal_u64(a: u32, b: u32) {
        prop_assert_eq!(mulhilo32_by_halves(a, b), mulhilo(a, b));
    }

    #[test]
    fn scaled_bits_exact(n in -(1i32 << 24)..=(1 << 24), e in -149i32..=104) {
        let exact = n as f64 * 2f64.powi(e);
        if exact.abs() <= f32::MAX as f64 {
            let b = scaled_bits(n, e);
            prop_assert_eq!(f32::from_bits(b) as f64, exact);
            prop_assert_eq!(b, ((n as f32) * f32::from_bits(scaled_bits(1, e))).to_bits());
        }
    }
}

#[test]
fn bool_uses_top_bit_and_full_ranges_use_word() {
    assert_eq!(decode_random(&Domain::Bool, &[0x7FFF_FFFF]), 0);
    assert_eq!(decode_random(&Domain::Bool, &[0x8000_0000]), 1);
    assert_eq!(decode_random(&Domain::U32Range { lo: 0, hi: u32::MAX }, &[0xDEAD_BEEF]), 0xDEAD_BEEF);
    assert_eq!(decode_random(&Domain::I32Range { lo: i32::MIN, hi: i32::MAX }, &[5]), 0x8000_0005);
    assert_eq!(decode_random(&Domain::F32Any, &[0x7FC0_0001]), 0x7FC0_0001);
    // Lemire: index = (w * n) >> 32.
    assert_eq!(decode_random(&Domain::U32Range { lo: 10, hi: 19 }, &[0x8000_0000]), 15);
    assert_eq!(decode_random(&Domain::I32Range { lo: -5, hi: 4 }, &[0x8000_0000]), 0);
    let s = Domain::set(ScalarKind::I32, [(-3i32) as u32, 7, 0, 7]);
    assert_eq!(s, Domain::Set { kind: ScalarKind::I32, values: vec![(-3i32) as u32, 0, 7] });
    assert_eq!(decode_random(&s, &[0xFFFF_FFFF]), 7);
    assert_eq!(words_needed(&Domain::F32Range { lo: 0.0, hi: 1.0, hi_inclusive: false }), 2);
    assert!([Domain::Bool, Domain::F32Any, s].iter().all(|d| words_needed(d) == 1));
}

#[test]
fn f32_range_zero_handling() {
    // [0, 1): -0.0 and +0.0 are members (IEEE: -0.0 >= 0.0); size counts both.
    let d = Domain::F32Range { lo: 0.0, hi: 1.0, hi_inclusive: false };
    assert_eq!(domain_size(&d), 0x3F80_0000 + 1);
    assert_eq!(decode_ordinal(&d, 0), 0x8000_0000);
    assert_eq!(decode_ordinal(&d, 1), 0);
    // [-1, 0): neither zero.
    let d = Domain::F32Range { lo: -1.0, hi: 0.0, hi_inclusive: false };
    assert_eq!(decode_random(&d, &[3, u32::MAX]), 0x8000_0001);
    let d = Domain::F32Range { lo: -0.0, hi: 0.0, hi_inclusive: true };
    assert_eq!(domain_size(&d), 2);
    assert!(Domain::F32Range { lo: -0.0, hi: 0.0, hi_inclusive: false }.validate().is_err());
    assert!(Domain::F32Range { lo: 0.0, hi: f32::INFINITY, hi_inclusive: false }.validate().is_err());
    assert!(Domain::U32Range { lo: 2, hi: 1 }.validate().is_err());
    assert!(Domain::Set { kind: ScalarKind::U32, values: vec![2, 1] }.validate().is_err());
    assert!(Domain::Set { kind: ScalarKind::U32, values: vec![] }.validate().is_err());
    // Grid example: -4..4 uses step 2^-22, 2^25 points.
    let g = F32Grid::new(-4.0, 4.0, false);
    assert_eq!((g.lo_idx, g.count, g.exp), (-(1 << 24), 1 << 25, -22));
    assert_eq!(decode_random(&Domain::F32Range { lo: -4.0, hi: 4.0, hi_inclusive: false }, &[0, 0x8000_0000]), 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Ordinals and exhaustive enumeration

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn ordinal_is_bijection_onto_domain(d in small_domain()) {
        let n = domain_size(&d);
        prop_assert!(n <= 512);
        let vals: Vec<u32> = (0..n).map(|o| decode_ordinal(&d, o)).collect();
        let distinct: HashSet<u32> = vals.iter().copied().collect();
        prop_assert_eq!(distinct.len() as u64, n);
        prop_assert!(vals.iter().all(|&v| member(&d, v)));
        // Canonical order: strictly increasing by value (f32 by key, -0.0 before +0.0).
        let kind = d.kind();
        prop_assert!(vals.windows(2).all(|w| kind.order_key(w[0]) < kind.order_key(w[1])));
        // Onto: brute-force count of members in a window around the range.
        match &d {
            Domain::U32Range { lo, hi } => prop_assert_eq!(n, (*hi - *lo) as u64 + 1),
            Domain::F32Range { .. } => {
                let (a, b) = (f32_key(vals[0]), f32_key(*vals.last().unwrap()));
                let lo_k = a.saturating_sub(40);
                let hi_k = b.saturating_add(40);
                let count = (lo_k..=hi_k).filter(|&k| member(&d, f32_from_key(k))).count() as u64;
                prop_assert_eq!(count, n);
            }
            _ => {}
        }
    }

    #[test]
    fn exhaustive_mixed_radix(ds in prop::collection::vec(small_domain(), 0..4), idx: u64) {
        let size = space_size(&ds).unwrap();
        let index = idx % size;
        let mut out = vec![0u32; ds.len()];
        decode_exhaustive(&ds, index, &mut out);
        let mut rest = index;
        for (d, v) in ds.iter().zip(&out) {
            prop_assert!(member(d, *v));
            prop_assert_eq!(*v, decode_ordinal(d, rest % domain_size(d)));
            rest /= domain_size(d);
        }
        // Batch odometer == per-index decode.
        let l = ExhaustiveLayout::new(&ds).unwrap();
        let n = (size - index).min(300) as usize;
        let mut cols = vec![Vec::new(); ds.len()];
        l.decode_batch(index, n, &mut cols);
        for i in 0..n {
            decode_exhaustive(&ds, index + i as u64, &mut out);
            for s in 0..ds.len() {
                prop_assert_eq!(cols[s][i], out[s]);
            }
        }
    }
}

#[test]
fn exhaustive_examples() {
    let ds = [Domain::U32Range { lo: 0, hi: 255 }, Domain::U32Range { lo: 0, hi: 255 }];
    assert_eq!(space_size(&ds), Some(65_536));
    let mut out = [0u32; 2];
    decode_exhaustive(&ds, 0x1234, &mut out);
    assert_eq!(out, [0x34, 0x12]); // slot 0 is the least significant digit
    assert_eq!(space_size(&[Domain::U32Range { lo: 0, hi: u32::MAX }]), Some(1 << 32));
    assert_eq!(space_size(&[Domain::F32Any, Domain::F32Any]), None);
    assert_eq!(space_size(&[Domain::F32Any, Domain::Bool]), Some(1 << 33));
    assert_eq!(space_size(&[]), Some(1));
    assert_eq!(domain_size(&Domain::F32Any), 1 << 32);
    assert_eq!(domain_size(&Domain::I32Range { lo: i32::MIN, hi: i32::MAX }), 1 << 32);
    assert_eq!(decode_ordinal(&Domain::I32Range { lo: -2, hi: 2 }, 0), (-2i32) as u32);
    assert_eq!(decode_ordinal(&Domain::F32Any, 0), 0xFFFF_FFFF);
    assert_eq!(decode_ordinal(&Domain::F32Any, (1 << 32) - 1), 0x7FFF_FFFF);
    // Every finite f32 range size equals its key span.
    let d = Domain::F32Range { lo: f32::MIN, hi: f32::MAX, hi_inclusive: true };
    let (a, b) = f32_range_keys(f32::MIN, f32::MAX, true);
    assert_eq!(domain_size(&d), (b - a) as u64 + 1);
    assert_eq!(domain_size(&d), (1u64 << 32) - (1 << 24)); // all patterns minus 2^24 - 2 NaNs and 2 infinities
}

// ---------------------------------------------------------------------------------------------------------------
// Edge values and the edge plan

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn edge_values_in_domain_and_canonical(d in domain()) {
        let e = edge_values(&d);
        prop_assert!(!e.is_empty());
        prop_assert!(e.iter().all(|&v| member(&d, v)), "{:?} edges {:x?}", d, e);
        let distinct: HashSet<u32> = e.iter().copied().collect();
        prop_assert_eq!(distinct.len(), e.len());
        prop_assert_eq!(edge_values(&d), e.clone()); // deterministic
        prop_assert!(e.len() <= 40);
        // Required boundaries.
        let required: Vec<u32> = match &d {
            Domain::U32Range { lo, hi } => {
                let mut r = vec![*lo, *hi, lo.saturating_add(1).min(*hi), hi.saturating_sub(1).max(*lo)];
                r.extend([0, 1, u32::MAX].into_iter().filter(|v| member(&d, *v)));
                r
            }
            Domain::I32Range { lo, hi } => {
                let mut r = vec![*lo, *hi, lo.saturating_add(1).min(*hi), hi.saturating_sub(1).max(*lo)];
                r.extend([0, 1, -1, i32::MIN, i32::MAX].into_iter().filter(|v| lo <= v && v <= hi));
                r.into_iter().map(|v| v as u32).collect()
            }
            Domain::F32Range { .. } => {
                let first = decode_ordinal(&d, 0);
                let last = decode_ordinal(&d, domain_size(&d) - 1);
                let mut r = vec![first, last];
                if domain_size(&d) >= 2 {
                    r.push(decode_ordinal(&d, 1));
                    r.push(decode_ordinal(&d, domain_size(&d) - 2));
                }
                r.extend([0u32, 0x8000_0000, 0x3F80_0000, 0xBF80_0000, 1, 0x8000_0001].into_iter().filter(|v| member(&d, *v)));
                r
            }
            Domain::Set { values, .. } => {
                if values.len() <= 16 { values.clone() } else { vec![values[0], *values.last().unwrap()] }
            }
            _ => vec![],
        };
        for r in required {
            prop_assert!(e.contains(&r), "{:?}: edge list {:x?} lacks {:#x}", d, e, r);
        }
    }
}

#[test]
fn edge_values_listed_boundaries() {
    let e = edge_values(&Domain::F32Any);
    for b in [
        0x0000_0000u32,
        0x8000_0000,
        0x0000_0001,
        0x8000_0001,
        0x007F_FFFF,
        0x0080_0000,
        0x3F80_0000,
        0xBF80_0000,
        0x7F7F_FFFF,
        0xFF7F_FFFF,
        0x7F80_0000,
        0xFF80_0000,
        0x7FC0_0000,
    ] {
        assert!(e.contains(&b), "F32Any edges lack {b:#x}");
    }
    assert_eq!(edge_values(&Domain::Bool), vec![0, 1]);
    assert_eq!(edge_values(&Domain::I32Range { lo: -10, hi: 10 }), [-10, -9, -1, 0, 1, 9, 10].map(|x: i32| x as u32).to_vec());
    assert_eq!(edge_values(&Domain::U32Range { lo: 0, hi: u32::MAX }), vec![0, 1, 0x7FFF_FFFF, 0x8000_0000, u32::MAX - 1, u32::MAX]);
    assert_eq!(edge_values(&Domain::U32Range { lo: 7, hi: 7 }), vec![7]);
    let r = edge_values(&Domain::F32Range { lo: -4.0, hi: 4.0, hi_inclusive: false });
    let below4 = f32::from_bits(4.0f32.to_bits() - 1);
    for x in [-4.0f32, next_up(-4.0), -1.0, -0.0, 0.0, 1.0, below4, f32::from_bits(below4.to_bits() - 1)] {
        assert!(r.contains(&x.to_bits()), "-4..4 edges lack {x}");
    }
    assert!(!r.contains(&4.0f32.to_bits()));
    let big = Domain::set(ScalarKind::U32, 100..200);
    let e = edge_values(&big);
    assert_eq!(e.len(), 16);
    assert_eq!((e[0], e[15]), (100, 199));
}

#[test]
fn edge_plan_full_product() {
    let ds = [Domain::Bool, Domain::I32Range { lo: -1, hi: 1 }, Domain::U32Range { lo: 5, hi: 9 }];
    let lists: Vec<Vec<u32>> = ds.iter().map(edge_values).collect();
    let product: u64 = lists.iter().map(|l| l.len() as u64).product();
    let plan = EdgePlan::new(&ds, 1000);
    assert_eq!(plan.mode(), EdgeMode::FullProduct);
    assert_eq!(plan.len(), product);
    let mut seen = BTreeSet::new();
    let mut out = [0u32; 3];
    for i in 0..plan.len() {
        plan.decode([1, 2], i, &mut out);
        seen.insert(out);
        if i == 1 {
            assert_eq!(out, [lists[0][1], lists[1][0], lists[2][0]]); // slot 0 least significant
        }
    }
    assert_eq!(seen.len() as u64, product);
    // Exactly at the limit still enumerates; one less samples.
    assert_eq!(EdgePlan::new(&ds, product).mode(), EdgeMode::FullProduct);
    assert!(matches!(EdgePlan::new(&ds, product - 1).mode(), EdgeMode::Sampled { .. }));
    assert_eq!(EdgePlan::new(&ds, product - 1).len(), product - 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn edge_plan_sampled(ds in prop::collection::vec(domain(), 1..10), limit in 1u64..200, k0: u32, k1: u32) {
        let plan = EdgePlan::new(&ds, limit);
        let product = plan.lists().iter().try_fold(1u64, |a, l| a.checked_mul(l.len() as u64));
        let mut out = vec![0u32; ds.len()];
        let mut again = vec![0u32; ds.len()];
        let mut seen: Vec<HashSet<u32>> = vec![HashSet::new(); ds.len()];
        match plan.mode() {
            EdgeMode::FullProduct => prop_assert_eq!(Some(plan.len()), product),
            EdgeMode::Sampled { diagonal } => {
                prop_assert!(product.is_none_or(|p| p > limit));
                prop_assert_eq!(plan.len(), limit);
                let longest = plan.lists().iter().map(|l| l.len() as u64).max().unwrap();
                prop_assert_eq!(diagonal, longest.min(limit));
            }
        }
        for i in 0..plan.len() {
            plan.decode([k0, k1], i, &mut out);
            plan.decode([k0, k1], i, &mut again);
            prop_assert_eq!(&out, &again);
            for (s, v) in out.iter().enumerate() {
                prop_assert!(plan.lists()[s].contains(v));
                prop_assert!(member(&ds[s], *v));
                seen[s].insert(*v);
            }
        }
        // Every edge value of every slot occurs when the budget allows it.
        for (s, l) in plan.lists().iter().enumerate() {
            if l.len() as u64 <= plan.len() {
                prop_assert_eq!(seen[s].len(), l.len());
            }
        }
        // Batch == scalar.
        let mut cols = vec![Vec::new(); ds.len()];
        plan.decode_batch([k0, k1], 0, plan.len() as usize, &mut cols);
        for i in 0..plan.len() {
            plan.decode([k0, k1], i, &mut out);
            for s in 0..ds.len() {
                prop_assert_eq!(cols[s][i as usize], out[s]);
            }
        }
    }
}

#[test]
fn edge_plan_sampled_uses_philox_stream_1() {
    use vecrun::r#gen::philox4x32_10;
    let ds = vec![Domain::I32Range { lo: i32::MIN, hi: i32::MAX }; 6]; // 7 edges each, 117649 combinations
    let plan = EdgePlan::new(&ds, 100);
    let EdgeMode::Sampled { diagonal } = plan.mode() else { panic!("expected sampling") };
    assert_eq!(diagonal, 7);
    let key = [0xAAAA_5555, 0x0123_4567];
    let index = 42u64;
    let mut out = vec![0u32; 6];
    plan.decode(key, index, &mut out);
    for s in 0..6 {
        let w = philox4x32_10([index as u32, 0, (s / 4) as u32, 1], key)[s % 4];
        let l = &plan.lists()[s];
        assert_eq!(out[s], l[((w as u64 * l.len() as u64) >> 32) as usize]);
    }
    // Diagonal prefix: vector i takes edge i % len in every slot.
    plan.decode(key, 3, &mut out);
    assert!(out.iter().zip(plan.lists()).all(|(v, l)| *v == l[3]));
}

// ---------------------------------------------------------------------------------------------------------------
// Key derivation, layout, determinism, batch == scalar

#[test]
fn key_derivation() {
    let mut h = [0u8; 32];
    h[..8].copy_from_slice(&[1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(derive_key(0, h), [0x0403_0201, 0x0807_0605]);
    assert_eq!(derive_key(0xFFFF_FFFF_0000_0001, h), [0x0403_0200, !0x0807_0605u32]);
    assert_eq!(GENERATOR_VERSION, 1);
}

#[test]
fn layout_offsets_and_calls() {
    let ds = [
        Domain::Bool,
        Domain::F32Range { lo: 0.0, hi: 1.0, hi_inclusive: true },
        Domain::U32Range { lo: 0, hi: 9 },
        Domain::F32Range { lo: -1.0, hi: 1.0, hi_inclusive: false },
    ];
    let l = RandomLayout::new(&ds);
    assert_eq!(l.offsets(), &[0, 1, 3, 4]);
    assert_eq!(l.total_words(), 6);
    assert_eq!(l.calls(), 2);
    // Slot 1 takes words 1 and 2 of call 0; slot 3 takes words 0 and 1 of call 1.
    let key = [7, 9];
    let idx = 0x1_0000_0005u64;
    let c0 = vecrun::r#gen::philox4x32_10([5, 1, 0, 0], key);
    let c1 = vecrun::r#gen::philox4x32_10([5, 1, 1, 0], key);
    let mut out = [0u32; 4];
    l.decode_random_vector(key, idx, &mut out);
    assert_eq!(out[0], decode_random(&ds[0], &[c0[0]]));
    assert_eq!(out[1], decode_random(&ds[1], &[c0[1], c0[2]]));
    assert_eq!(out[2], decode_random(&ds[2], &[c0[3]]));
    assert_eq!(out[3], decode_random(&ds[3], &[c1[0], c1[1]]));
    assert_eq!(RandomLayout::new(&[]).calls(), 0);
}

/// Pins generator version 1: if this fails, the mapping changed and GENERATOR_VERSION must be bumped (then update
/// the expected digest).
#[test]
fn golden_generator_v1() {
    let ds = vec![
        Domain::Bool,
        Domain::U32Range { lo: 0, hi: u32::MAX },
        Domain::U32Range { lo: 100, hi: 999 },
        Domain::I32Range { lo: -50, hi: 50 },
        Domain::F32Any,
        Domain::F32Range { lo: -4.0, hi: 4.0, hi_inclusive: false },
        Domain::F32Range { lo: 0.0, hi: 1e-40, hi_inclusive: true },
        Domain::set(ScalarKind::F32, [1.5f32.to_bits(), f32::NAN.to_bits(), (-0.0f32).to_bits()]),
    ];
    let mut h = [0u8; 32];
    h[..8].copy_from_slice(b"vecrunv1");
    let key = derive_key(2026, h);
    let l = RandomLayout::new(&ds);
    let mut hasher = blake3::Hasher::new();
    let mut out = vec![0u32; ds.len()];
    for i in 0..4096u64 {
        l.decode_random_vector(key, i, &mut out);
        for v in &out {
            hasher.update(&v.to_le_bytes());
        }
    }
    let plan = EdgePlan::new(&ds, 300);
    for i in 0..plan.len() {
        plan.decode(key, i, &mut out);
        for v in &out {
            hasher.update(&v.to_le_bytes());
        }
    }
    let digest = hasher.finalize().to_hex().to_string();
    assert_eq!(digest, GOLDEN_V1, "generator output changed: bump GENERATOR_VERSION and update GOLDEN_V1");
}

const GOLDEN_V1: &str = "31ae2e584402a62f43a9aab33d209139e2796cae538e9a1e2f05f3705c21eea4";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn batch_equals_scalar(ds in prop::collection::vec(domain(), 0..12), k0: u32, k1: u32,
                           base in prop_oneof![any::<u64>(), Just(u64::MAX - 70), 0u64..1000], n in 0usize..200) {
        let l = RandomLayout::new(&ds);
        let mut cols = vec![Vec::new(); ds.len()];
        l.decode_random_batch([k0, k1], base, n, &mut cols);
        let mut one = vec![0u32; ds.len()];
        let mut again = vec![0u32; ds.len()];
        for i in 0..n {
            let idx = base.wrapping_add(i as u64);
            l.decode_random_vector([k0, k1], idx, &mut one);
            l.decode_random_vector([k0, k1], idx, &mut again);
            prop_assert_eq!(&one, &again);
            for s in 0..ds.len() {
                prop_assert_eq!(cols[s][i], one[s], "slot {} lane {}", s, i);
                prop_assert!(member(&ds[s], one[s]));
            }
        }
        // Decoders agree with the reference per-domain function.
        for (d, dec) in ds.iter().zip(l.decoders()) {
            prop_assert_eq!(dec, &SlotDecoder::new(d));
        }
    }
}

//! Philox4x32-10 known-answer tests (Random123 `kat_vectors`), scalar, pure-32-bit and lane-wise, plus `mulhilo` forms.
#![allow(
    clippy::needless_range_loop,
    clippy::type_complexity,
    reason = "lane-indexed comparisons between generators read best as index loops"
)]

use std::path::PathBuf;

use proptest::prelude::*;
use vecrun::r#gen::philox::{
    fill_words, fill_words_baseline, mulhilo, mulhilo32_by_halves, philox_block, philox_lanes, philox4x32_10, philox4x32_10_u32_only,
};

struct Kat {
    ctr: [u32; 4],
    key: [u32; 2],
    out: [u32; 4],
}

fn kat_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/philox4x32_10_kat.txt")
}

fn parse_kats(text: &str) -> Vec<Kat> {
    let mut kats = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() != 12 || f[0] != "philox4x32" || f[1] != "10" {
            continue;
        }
        let h = |s: &str| u32::from_str_radix(s, 16).unwrap_or_else(|e| panic!("bad hex {s:?}: {e}"));
        kats.push(Kat { ctr: [h(f[2]), h(f[3]), h(f[4]), h(f[5])], key: [h(f[6]), h(f[7])], out: [h(f[8]), h(f[9]), h(f[10]), h(f[11])] });
    }
    kats
}

fn kats() -> Vec<Kat> {
    let text = std::fs::read_to_string(kat_path()).expect("read tests/data/philox4x32_10_kat.txt");
    let k = parse_kats(&text);
    assert_eq!(k.len(), 3, "expected the three philox4x32 10 vectors");
    k
}

#[test]
fn in_repo_copy_matches_shared_file() {
    // The shared copy exists only in the development workspace; CI on a clean clone uses the in-repo copy.
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/philox4x32_10_kat.txt");
    if let Ok(s) = std::fs::read_to_string(&shared) {
        assert_eq!(s, std::fs::read_to_string(kat_path()).unwrap());
    }
}

#[test]
fn kat_scalar() {
    for k in kats() {
        assert_eq!(philox4x32_10(k.ctr, k.key), k.out, "ctr {:08x?} key {:08x?}", k.ctr, k.key);
    }
}

#[test]
fn kat_u32_only() {
    for k in kats() {
        assert_eq!(philox4x32_10_u32_only(k.ctr, k.key), k.out);
    }
}

#[test]
fn kat_lanes() {
    for k in kats() {
        // Each KAT in every lane position of a 16-lane block, with unrelated counters in the other lanes.
        for pos in 0..16 {
            let mut ctr = [[0u32; 16]; 4];
            for (w, c) in ctr.iter_mut().enumerate() {
                for (i, x) in c.iter_mut().enumerate() {
                    *x = if i == pos { k.ctr[w] } else { (i as u32).wrapping_mul(0x9E37_79B9) ^ w as u32 };
                }
            }
            let out = philox_lanes::<16>(ctr, k.key);
            for w in 0..4 {
                assert_eq!(out[w][pos], k.out[w]);
            }
        }
    }
}

#[test]
fn kat_fill_words() {
    // fill_words uses counter [idx_lo, idx_hi, call, stream]: place each KAT at some lane of a batch.
    for k in kats() {
        let idx = (k.ctr[1] as u64) << 32 | k.ctr[0] as u64;
        for lane in [0usize, 5, 15, 16, 40] {
            let base = idx.wrapping_sub(lane as u64);
            let n = lane + 3;
            for baseline in [false, true] {
                let mut w = [vec![0u32; n], vec![0u32; n], vec![0u32; n], vec![0u32; n]];
                let [a, b, c, d] = &mut w;
                if baseline {
                    fill_words_baseline(k.key, base, n, k.ctr[2], k.ctr[3], [a, b, c, d]);
                } else {
                    fill_words(k.key, base, n, k.ctr[2], k.ctr[3], [a, b, c, d]);
                }
                assert_eq!([w[0][lane], w[1][lane], w[2][lane], w[3][lane]], k.out);
            }
        }
    }
}

#[test]
fn mulhilo_halves_edges() {
    let xs = [0u32, 1, 0xFFFF, 0x1_0000, 0x1_0001, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_0000, 0xFFFF_FFFF];
    for &a in &xs {
        for &b in &xs {
            assert_eq!(mulhilo32_by_halves(a, b), mulhilo(a, b));
            let p = a as u64 * b as u64;
            assert_eq!(mulhilo(a, b), ((p >> 32) as u32, p as u32));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn mulhilo_halves_equals_u64(a: u32, b: u32) {
        let p = a as u64 * b as u64;
        prop_assert_eq!(mulhilo32_by_halves(a, b), ((p >> 32) as u32, p as u32));
    }

    #[test]
    fn u32_only_equals_scalar(c0: u32, c1: u32, c2: u32, c3: u32, k0: u32, k1: u32) {
        prop_assert_eq!(philox4x32_10_u32_only([c0, c1, c2, c3], [k0, k1]), philox4x32_10([c0, c1, c2, c3], [k0, k1]));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn fill_words_equals_scalar(k0: u32, k1: u32, base: u64, n in 0usize..100, call: u32, stream: u32) {
        let mut w = [vec![0u32; n], vec![0u32; n], vec![0u32; n], vec![0u32; n]];
        let [a, b, c, d] = &mut w;
        fill_words([k0, k1], base, n, call, stream, [a, b, c, d]);
        let blk = philox_block::<8>([k0, k1], base, call, stream);
        for i in 0..n {
            let idx = base.wrapping_add(i as u64);
            let s = philox4x32_10([idx as u32, (idx >> 32) as u32, call, stream], [k0, k1]);
            prop_assert_eq!([w[0][i], w[1][i], w[2][i], w[3][i]], s);
            if i < 8 {
                prop_assert_eq!([blk[0][i], blk[1][i], blk[2][i], blk[3][i]], s);
            }
        }
    }
}

/// Throughput of scalar vs lane-wise Philox (run with `--release -- --ignored --nocapture`).
#[test]
#[ignore]
fn philox_throughput() {
    use std::time::Instant;
    let key = [0xDEAD_BEEF, 0x1234_5678];
    let n = 1usize << 24;
    let t = Instant::now();
    let mut acc = 0u32;
    for i in 0..n as u64 {
        let w = philox4x32_10([i as u32, (i >> 32) as u32, 0, 0], key);
        acc ^= w[0] ^ w[1];
    }
    let scalar = n as f64 / t.elapsed().as_secs_f64() / 1e6;
    let chunk = 4096;
    let mut w = [vec![0u32; chunk], vec![0u32; chunk], vec![0u32; chunk], vec![0u32; chunk]];
    let mut run = |f: fn([u32; 2], u64, usize, u32, u32, [&mut [u32]; 4])| {
        let t = Instant::now();
        let mut base = 0u64;
        while base < n as u64 {
            let [a, b, c, d] = &mut w;
            f(key, base, chunk, 0, 0, [a, b, c, d]);
            acc ^= w[0][7] ^ w[1][9];
            base += chunk as u64;
        }
        n as f64 / t.elapsed().as_secs_f64() / 1e6
    };
    let lanes = run(fill_words);
    let lanes_base = run(fill_words_baseline);
    println!(
        "philox4x32-10 calls/s on one core: scalar {scalar:.0} M, lanes (dispatch) {lanes:.0} M, lanes (baseline) {lanes_base:.0} M [{acc}]"
    );
}

//! Peers comparison (issue 3, section 5): vectors/second of vecrun's CPU backend, proptest and a hand-written loop.
//!
//! For each reference property of `datasets/specs/bench/` (`midpoint`, `poly`, `ledger`) this measures, in one
//! process (so on the same machine state), with the repetitions of the three engines interleaved:
//!
//! * **vecrun**: the CPU backend through the library API (`compile_spec` -> `ir::lower` -> `CpuBackend` ->
//!   `run::execute`), random phase only, `--threads` threads (default 2);
//! * **proptest**: the same property as a proptest test (`TestRunner`, one thread, `failure_persistence: None`,
//!   strategies `any::<u32>()`, `-4.0f32..4.0`, `1u32..=10_000`, `uniform16(any::<u32>())`), counting cases/second;
//! * **hand**: the practical ceiling: `std::thread::scope` with `--threads` threads taking chunks of the index
//!   space from an atomic counter; each block of lanes generates its words with vecrun's lane-wise Philox
//!   (`philox_block`, AVX2 when available) and decodes them with vecrun's `SlotDecoder::decode_lanes`, so the
//!   vectors are exactly vecrun's, then evaluates the property written directly in Rust, branch-free over lanes,
//!   fused with the generation (no intermediate buffers beyond one block).
//!
//! vecrun and hand evaluate the same vectors (random indices `0..N`, same seed and key); the failure counts must be
//! equal (the ledger property has a planted bug), which is checked. proptest's ledger property counts failures
//! instead of failing, so that the runner does not stop at the first failure to shrink it.
//!
//! The machine may be shared: every measurement also measures how much CPU other processes took meanwhile
//! (`/proc/stat` minus this process's own time) and is discarded and repeated when that exceeds `--max-others`
//! (default 5% of the machine); before each measurement it waits (up to `--wait` seconds) for the machine to be
//! quiet.
//!
//! Prints one Markdown table of medians, the ratios vecrun/hand and vecrun/proptest and whether the targets are met
//! (vecrun >= 50% of hand on each; >= 30x proptest on midpoint and poly, >= 5x on ledger).
//!
//! `cargo run --release --example peers -- [--reps 5] [--seconds 1.0] [--threads 2] [--seed 0] [--vectors N]
//! [--cases N] [--only NAME] [--specs datasets/specs/bench] [--max-others 0.05] [--retries 30] [--wait 300]`

use std::cell::Cell;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use vecrun::cpu::CpuBackend;
use vecrun::r#gen::philox::philox_block;
use vecrun::r#gen::{RandomLayout, SlotDecoder, derive_key};
use vecrun::run::{Generator, Phase, PhasePlan};

/// Lanes per block of the hand-written loop.
const L: usize = 64;
/// Most random words per vector the hand-written loop supports (ledger needs 20: 5 Philox calls).
const MAX_WORDS: usize = 32;
/// Most slots the hand-written loop supports.
const MAX_SLOTS: usize = 32;
/// Vectors per chunk handed to a thread of the hand-written loop.
const HAND_CHUNK: u64 = 1 << 16;

// ---------------------------------------------------------------------------------------------------------------
// The three properties, written directly in Rust: per lane (for proptest) and over blocks of lanes (hand).

#[inline(always)]
fn midpoint_ok(a: u32, b: u32) -> bool {
    let m = a / 2 + b / 2 + (a & b & 1);
    (m >= a.min(b)) & (m <= a.max(b))
}

#[inline(always)]
fn poly_ok(x: f32) -> bool {
    // Exactly the spec's expressions, in the same order (no reassociation: Rust does not use fast-math).
    let x2 = x * x;
    let x3 = x2 * x;
    let x4 = x3 * x;
    let naive = 1.0 + x + x2 / 2.0 + x3 / 6.0 + x4 / 24.0;
    let horner = 1.0 + x * (1.0 + x * (0.5 + x * (1.0f32 / 6.0 + x * (1.0f32 / 24.0))));
    (naive - horner).abs() <= 1e-4 * (1.0 + naive.abs())
}

/// `no_double_charge`, scalar form (for proptest).
fn ledger_ok(amount: u32, ops: &[u32; 16]) -> bool {
    let mut charged: u32 = 0;
    let mut pending = false;
    let mut region_up = true;
    let mut allowed: u32 = 0;
    let mut charges: u32 = 0;
    for &op in ops {
        let kind = op % 1000;
        if kind < 500 {
            if region_up {
                charged = charged.wrapping_add(amount);
                charges += 1;
                allowed += 1;
                pending = true;
            }
        } else if kind < 990 {
            pending = false;
        } else if kind < 999 {
            region_up = !region_up;
        } else if pending && !region_up {
            charged = charged.wrapping_add(amount);
            charges += 1;
        }
    }
    std::hint::black_box(charged);
    charges <= allowed
}

/// A property over a block of `L` lanes of decoded slots (`slots[s][i]`); returns the number of failing lanes
/// among the first `m`.
trait BlockProp {
    fn fails(slots: &[[u32; L]], m: usize) -> u32;
}

struct Midpoint;
impl BlockProp for Midpoint {
    #[inline(always)]
    fn fails(s: &[[u32; L]], m: usize) -> u32 {
        let (a, b) = (&s[0], &s[1]);
        let mut f = 0u32;
        for i in 0..L {
            f += (!midpoint_ok(a[i], b[i]) & (i < m)) as u32;
        }
        f
    }
}

struct Poly;
impl BlockProp for Poly {
    #[inline(always)]
    fn fails(s: &[[u32; L]], m: usize) -> u32 {
        let x = &s[0];
        let mut f = 0u32;
        for (i, &xi) in x.iter().enumerate() {
            f += (!poly_ok(f32::from_bits(xi)) & (i < m)) as u32;
        }
        f
    }
}

struct Ledger;
impl BlockProp for Ledger {
    /// Branch-free over lanes: every lane's state machine advances with selects, one op column at a time.
    /// `charged` is dead (the assert does not read it), so it is not computed, as any compiler would do.
    #[inline(always)]
    fn fails(s: &[[u32; L]], m: usize) -> u32 {
        let mut pending = [false; L];
        let mut up = [true; L];
        let mut allowed = [0u32; L];
        let mut charges = [0u32; L];
        for k in 0..16 {
            let ops = &s[1 + k];
            for i in 0..L {
                let kind = ops[i] % 1000;
                let c1 = kind < 500;
                let c2 = !c1 & (kind < 990);
                let c3 = !c1 & !c2 & (kind < 999);
                let c4 = !c1 & !c2 & !c3 & pending[i] & !up[i];
                let charge = c1 & up[i];
                charges[i] += (charge | c4) as u32;
                allowed[i] += charge as u32;
                pending[i] = (pending[i] | charge) & !c2;
                up[i] ^= c3;
            }
        }
        let mut f = 0u32;
        for i in 0..L {
            f += ((charges[i] > allowed[i]) & (i < m)) as u32;
        }
        f
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The hand-written multi-threaded loop.

/// What one block needs from the spec's random layout.
struct HandLayout {
    key: [u32; 2],
    decoders: Vec<SlotDecoder>,
    offsets: Vec<usize>,
    calls: u32,
}

impl HandLayout {
    fn new(layout: &RandomLayout, key: [u32; 2]) -> HandLayout {
        assert!(layout.slots() <= MAX_SLOTS && layout.calls() as usize * 4 <= MAX_WORDS);
        HandLayout {
            key,
            decoders: layout.decoders().to_vec(),
            offsets: layout.offsets().iter().map(|&o| o as usize).collect(),
            calls: layout.calls(),
        }
    }

    /// Slot values of vectors `base..base + L` into `slots`.
    #[inline(always)]
    fn block(&self, base: u64, words: &mut [[u32; L]; MAX_WORDS], slots: &mut [[u32; L]; MAX_SLOTS]) {
        for c in 0..self.calls as usize {
            let w = philox_block::<L>(self.key, base, c as u32, 0);
            words[4 * c..4 * c + 4].copy_from_slice(&w);
        }
        for (s, d) in self.decoders.iter().enumerate() {
            let o = self.offsets[s];
            let w1 = if o + 1 < MAX_WORDS { &words[o + 1] } else { &words[o] };
            d.decode_lanes(&words[o], w1, &mut slots[s]);
        }
    }
}

#[inline(always)]
fn hand_range_generic<P: BlockProp>(h: &HandLayout, start: u64, end: u64) -> u64 {
    let mut words = [[0u32; L]; MAX_WORDS];
    let mut slots = [[0u32; L]; MAX_SLOTS];
    let mut fails = 0u64;
    let mut base = start;
    while base < end {
        let m = (end - base).min(L as u64) as usize;
        h.block(base, &mut words, &mut slots);
        fails += P::fails(&slots, m) as u64;
        base += L as u64;
    }
    fails
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn hand_range_avx2<P: BlockProp>(h: &HandLayout, start: u64, end: u64) -> u64 {
    hand_range_generic::<P>(h, start, end)
}

fn hand_range<P: BlockProp>(h: &HandLayout, start: u64, end: u64) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above), the only requirement of the callee.
            #[allow(unsafe_code)]
            return unsafe { hand_range_avx2::<P>(h, start, end) };
        }
    }
    hand_range_generic::<P>(h, start, end)
}

/// Evaluates random vectors `0..n` on `threads` threads; returns the failure count.
fn hand_run<P: BlockProp>(h: &HandLayout, n: u64, threads: usize) -> u64 {
    let next = AtomicU64::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut fails = 0u64;
                    loop {
                        let start = next.fetch_add(HAND_CHUNK, Ordering::Relaxed);
                        if start >= n {
                            break fails;
                        }
                        fails += hand_range::<P>(h, start, (start + HAND_CHUNK).min(n));
                    }
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("hand worker panicked")).sum()
    })
}

// ---------------------------------------------------------------------------------------------------------------
// proptest.

/// Runs `cases` proptest cases of `name`; returns the failures counted (ledger) or 0.
fn proptest_run(name: &str, cases: u32) -> u64 {
    let config = Config { cases, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new(config);
    let fails = Cell::new(0u64);
    let result = match name {
        "midpoint" => runner
            .run(&(any::<u32>(), any::<u32>()), |(a, b)| {
                let m = a / 2 + b / 2 + (a & b & 1);
                prop_assert!(m >= a.min(b) && m <= a.max(b), "midpoint outside [min, max]");
                Ok(())
            })
            .map_err(|e| e.to_string()),
        "poly" => runner
            .run(&(-4.0f32..4.0f32), |x| {
                prop_assert!(poly_ok(x), "naive and Horner disagree");
                Ok(())
            })
            .map_err(|e| e.to_string()),
        "ledger" => runner
            .run(&(1u32..=10_000, proptest::array::uniform16(any::<u32>())), |(amount, ops)| {
                // Count instead of failing: a failing case would stop the run and start shrinking.
                if !ledger_ok(amount, &ops) {
                    fails.set(fails.get() + 1);
                }
                Ok(())
            })
            .map_err(|e| e.to_string()),
        _ => unreachable!(),
    };
    result.unwrap_or_else(|e| panic!("proptest {name}: {e}"));
    fails.get()
}

// ---------------------------------------------------------------------------------------------------------------
// Interference guard: this machine may be shared (builds, tests). Each measurement also measures the CPU time that
// other processes (and the hypervisor, as steal time) took meanwhile, from /proc/stat minus this process's own
// time; a measurement during which they took more than `--max-others` of the machine is discarded and retried.

/// Busy ticks of the whole machine (user, nice, system, irq, softirq, steal) from `/proc/stat`.
fn machine_busy_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().next()?;
    let v: Vec<u64> = line.split_whitespace().skip(1).filter_map(|x| x.parse().ok()).collect();
    // user nice system idle iowait irq softirq steal ...
    Some(v.first()? + v.get(1)? + v.get(2)? + v.get(5)? + v.get(6)? + v.get(7).copied().unwrap_or(0))
}

/// utime + stime of this process (all threads) from `/proc/self/stat`.
fn own_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    // After the command: state(0) ppid ... utime is field 14 of the full line, index 11 here; stime index 12.
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

/// Runs `f` and returns (seconds, its result, fraction of the machine other processes used meanwhile).
fn timed_once<T>(f: &mut dyn FnMut() -> T) -> (f64, T, f64) {
    let (m0, o0) = (machine_busy_ticks(), own_ticks());
    let t = Instant::now();
    let r = f();
    let secs = t.elapsed().as_secs_f64();
    let others = match (m0, o0, machine_busy_ticks(), own_ticks()) {
        (Some(m0), Some(o0), Some(m1), Some(o1)) => {
            let cpus = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
            let other_ticks = (m1.saturating_sub(m0)).saturating_sub(o1.saturating_sub(o0)) as f64;
            // USER_HZ is 100 on Linux.
            other_ticks / (secs * 100.0 * cpus)
        }
        _ => 0.0,
    };
    (secs, r, others)
}

/// Waits (up to `--wait` seconds) until other processes use at most `max_others` of the machine over half a second.
fn wait_quiet(o: &Opts) {
    let start = Instant::now();
    let mut said = false;
    while start.elapsed().as_secs_f64() < o.wait {
        let (_, _, others) = timed_once(&mut || std::thread::sleep(std::time::Duration::from_millis(500)));
        if others <= o.max_others {
            return;
        }
        if !said {
            eprintln!("  waiting for other processes to go quiet ({:.0}% of the machine busy)", others * 100.0);
            said = true;
        }
    }
}

/// [`timed_once`] after [`wait_quiet`], repeated while other processes took more than `max_others` of the machine
/// during the measurement. Returns (seconds, result, others, discarded attempts).
fn timed<T>(o: &Opts, what: &str, mut f: impl FnMut() -> T) -> (f64, T, f64, usize) {
    let mut discarded = 0;
    loop {
        wait_quiet(o);
        let (secs, r, others) = timed_once(&mut f);
        if others <= o.max_others || discarded >= o.retries {
            if others > o.max_others {
                eprintln!("  warning: {what}: other processes used {:.0}% of the machine; kept after {discarded} retries", others * 100.0);
            }
            return (secs, r, others, discarded);
        }
        discarded += 1;
        eprintln!("  {what}: other processes used {:.0}% of the machine, measuring again", others * 100.0);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Driver.

struct Opts {
    reps: usize,
    seconds: f64,
    threads: usize,
    seed: u64,
    vectors: Option<u64>,
    cases: Option<u32>,
    only: Vec<String>,
    specs: PathBuf,
    max_others: f64,
    retries: usize,
    wait: f64,
}

fn parse_num(s: &str) -> f64 {
    s.replace('_', "").parse::<f64>().unwrap_or_else(|_| panic!("not a number: {s}"))
}

fn parse_opts() -> Opts {
    let mut o = Opts {
        reps: 5,
        seconds: 1.0,
        threads: 2,
        seed: 0,
        vectors: None,
        cases: None,
        only: Vec::new(),
        specs: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/specs/bench")),
        max_others: 0.05,
        retries: 30,
        wait: 300.0,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--reps" => o.reps = parse_num(&val()) as usize,
            "--seconds" => o.seconds = parse_num(&val()),
            "--threads" => o.threads = parse_num(&val()) as usize,
            "--seed" => o.seed = parse_num(&val()) as u64,
            "--vectors" => o.vectors = Some(parse_num(&val()) as u64),
            "--cases" => o.cases = Some(parse_num(&val()) as u32),
            "--only" => o.only.push(val()),
            "--specs" => o.specs = PathBuf::from(val()),
            "--max-others" => o.max_others = parse_num(&val()),
            "--retries" => o.retries = parse_num(&val()) as usize,
            "--wait" => o.wait = parse_num(&val()),
            "-h" | "--help" => {
                println!(
                    "peers [--reps 5] [--seconds 1.0] [--threads 2] [--seed 0] [--vectors N] [--cases N] [--only NAME]... [--specs DIR] [--max-others 0.05] [--retries 30] [--wait 300]"
                );
                std::process::exit(0);
            }
            _ => panic!("unknown argument {a} (try --help)"),
        }
    }
    assert!(o.reps >= 1 && o.threads >= 1);
    o
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}

/// Everything measured for one property.
struct Row {
    name: &'static str,
    vectors: u64,
    cases: u32,
    vecrun: Vec<f64>,
    hand: Vec<f64>,
    proptest: Vec<f64>,
    vecrun_fails: u64,
    hand_fails: u64,
    proptest_fail_rate: f64,
    /// Measurements discarded because other processes were busy.
    discarded: usize,
    /// Largest share of the machine other processes took during a kept measurement.
    max_others: f64,
}

fn measure(name: &'static str, target: f64, o: &Opts) -> Row {
    let path = o.specs.join(format!("{name}.vspec"));
    let checked = vecrun::compile_spec(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let spec = checked.spec;
    let program = vecrun::ir::lower(&spec);
    assert_eq!(program.properties.len(), 1, "{name}: one property expected");
    let key = derive_key(o.seed, spec.input_hash);
    let layout = RandomLayout::new(&program.slots);
    let hand = HandLayout::new(&layout, key);

    // The hand loop must generate exactly vecrun's vectors.
    {
        let mut words = [[0u32; L]; MAX_WORDS];
        let mut slots = [[0u32; L]; MAX_SLOTS];
        let mut want = vec![0u32; layout.slots()];
        for base in [0u64, 1 << 20, u32::MAX as u64 - 7] {
            hand.block(base, &mut words, &mut slots);
            for i in 0..L {
                let index = base + i as u64;
                layout.decode_random_vector(key, index, &mut want);
                let got: Vec<u32> = slots[..want.len()].iter().map(|col| col[i]).collect();
                assert_eq!(got, want, "{name}: hand generation differs at index {index}");
            }
        }
    }
    let run_hand = |n: u64| -> u64 {
        match name {
            "midpoint" => hand_run::<Midpoint>(&hand, n, o.threads),
            "poly" => hand_run::<Poly>(&hand, n, o.threads),
            "ledger" => hand_run::<Ledger>(&hand, n, o.threads),
            _ => unreachable!(),
        }
    };

    let generator = Generator::new(&program.slots, o.seed, spec.input_hash);
    let mut backend = CpuBackend::new(&program, generator, o.threads).expect("CPU backend");
    let mut run_vecrun = |n: u64| -> u64 {
        let plan = PhasePlan { phases: vec![(Phase::Random, n)], exhaustive: false };
        let r = vecrun::run::execute(&program, &plan, &mut backend, &Default::default()).expect("vecrun run");
        assert_eq!(r.vectors_done, n);
        r.stats[0].failed
    };

    // Calibrate: vector count from the hand loop's rate, proptest cases from its own rate.
    let vectors = o.vectors.unwrap_or_else(|| {
        let n0 = 1u64 << 24;
        run_hand(n0);
        let (secs, _, _, _) = timed(o, &format!("{name} calibration"), || run_hand(n0));
        let rate = n0 as f64 / secs;
        (((rate * target) as u64).div_ceil(1 << 20) * (1 << 20)).max(1 << 24)
    });
    let cases = o.cases.unwrap_or_else(|| {
        let c0 = 50_000u32;
        let (secs, _, _, _) = timed(o, &format!("{name} proptest calibration"), || proptest_run(name, c0));
        let rate = c0 as f64 / secs;
        ((rate * target) as u32).clamp(10_000, 200_000_000)
    });
    // Warm-up of vecrun (thread pool, page faults).
    run_vecrun(vectors.min(1 << 22));

    let mut row = Row {
        name,
        vectors,
        cases,
        vecrun: Vec::new(),
        hand: Vec::new(),
        proptest: Vec::new(),
        vecrun_fails: 0,
        hand_fails: 0,
        proptest_fail_rate: 0.0,
        discarded: 0,
        max_others: 0.0,
    };
    for rep in 0..o.reps {
        let (sv, fv, ov, dv) = timed(o, &format!("{name} vecrun"), || run_vecrun(vectors));
        let (sh, fh, oh, dh) = timed(o, &format!("{name} hand"), || run_hand(vectors));
        let (sp, fp, op, dp) = timed(o, &format!("{name} proptest"), || proptest_run(name, cases));
        row.vecrun.push(vectors as f64 / sv);
        row.hand.push(vectors as f64 / sh);
        row.proptest.push(cases as f64 / sp);
        row.discarded += dv + dh + dp;
        row.max_others = row.max_others.max(ov).max(oh).max(op);
        if rep == 0 {
            row.vecrun_fails = fv;
            row.hand_fails = fh;
            row.proptest_fail_rate = fp as f64 / cases as f64;
        } else {
            assert_eq!((fv, fh), (row.vecrun_fails, row.hand_fails), "{name}: failure counts changed between repetitions");
        }
        eprintln!(
            "  {name} rep {}: vecrun {:.1} M/s, hand {:.1} M/s, proptest {:.2} M/s (others used {:.0}%, {:.0}%, {:.0}%)",
            rep + 1,
            row.vecrun[rep] / 1e6,
            row.hand[rep] / 1e6,
            row.proptest[rep] / 1e6,
            ov * 100.0,
            oh * 100.0,
            op * 100.0
        );
    }
    row
}

fn mps(v: f64) -> String {
    if v >= 100e6 {
        format!("{:.0} M/s", v / 1e6)
    } else if v >= 1e6 {
        format!("{:.1} M/s", v / 1e6)
    } else {
        format!("{:.3} M/s", v / 1e6)
    }
}

fn main() {
    let o = parse_opts();
    let props: [(&'static str, f64); 3] = [("midpoint", 30.0), ("poly", 30.0), ("ledger", 5.0)];
    let avx2 = vecrun::r#gen::philox::uses_avx2();
    eprintln!(
        "peers: {} repetitions, about {} s per measurement, {} threads for vecrun and hand, seed {}, AVX2 {}",
        o.reps,
        o.seconds,
        o.threads,
        o.seed,
        if avx2 { "yes" } else { "no" }
    );
    let mut rows = Vec::new();
    for (name, _) in props.iter().filter(|(n, _)| o.only.is_empty() || o.only.iter().any(|x| x == n)) {
        rows.push(measure(name, o.seconds, &o));
    }

    for r in &rows {
        eprintln!(
            "  {}: {} vectors per vecrun/hand repetition, {} proptest cases; {} measurements discarded (others busy), \
             others used at most {:.1}% of the machine during kept ones",
            r.name,
            r.vectors,
            r.cases,
            r.discarded,
            r.max_others * 100.0
        );
    }
    let t = o.threads;
    println!();
    println!(
        "| property | vecrun cpu ({t} thr) | hand loop ({t} thr) | proptest (1 thr) | vecrun / hand (target ≥ 0.50) | vecrun / proptest (target) | failures vecrun = hand |"
    );
    println!("|---|---:|---:|---:|---|---|---|");
    let mut all_ok = true;
    for mut r in rows {
        let target_pt = props.iter().find(|(n, _)| *n == r.name).map(|p| p.1).unwrap_or(1.0);
        let v = median(&mut r.vecrun);
        let h = median(&mut r.hand);
        let p = median(&mut r.proptest);
        let rh = v / h;
        let rp = v / p;
        let verdict = |ratio: f64, target: f64| {
            if ratio >= target { "met".to_string() } else { format!("MISSED by {:.0}%", (1.0 - ratio / target) * 100.0) }
        };
        let same = r.vecrun_fails == r.hand_fails;
        all_ok &= same;
        println!(
            "| {} | {} | {} | {} | {:.2} ({}) | {:.1}x (≥ {:.0}x: {}) | {} ({} / {} of {}; proptest rate {:.2e}) |",
            r.name,
            mps(v),
            mps(h),
            mps(p),
            rh,
            verdict(rh, 0.5),
            rp,
            target_pt,
            verdict(rp, target_pt),
            if same { "yes" } else { "NO" },
            r.vecrun_fails,
            r.hand_fails,
            r.vectors,
            r.proptest_fail_rate
        );
    }
    println!();
    println!(
        "Medians of {} repetitions; vecrun and hand evaluate random-phase indices 0..N of seed {} (the same vectors).",
        o.reps, o.seed
    );
    if !all_ok {
        eprintln!("error: vecrun and the hand-written loop disagree on the number of failures");
        std::process::exit(1);
    }
}

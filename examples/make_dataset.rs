//! Writes `datasets/billing_recorded.parquet`: recorded input vectors for `datasets/specs/billing_failover.vspec`.
//!
//! `cargo run --example make_dataset [-- OUT.parquet]`
//!
//! The file has one column per input of the spec (`amount`, `ops`, `rate`, `offset`, `mode`, `flag`, `x`),
//! 320 rows in row groups of 64 (so readers must cross row groups), Snappy-compressed. The rows model a
//! day of recorded payment sessions: each `ops` element is a recorded event, `event_id * 1000 + kind`,
//! where `kind` is what `no_double_charge` reads (`ops[k] % 1000`): below 500 a charge, below 990 an
//! acknowledgement, 990..=998 a region fail-over toggle, 999 a client retry. Retries happen only while the
//! region is up, except in one session, row [`INCIDENT_ROW`] (0-based): a charge, a fail-over before the
//! acknowledgement, then a retry. That is the double charge: it is the only row on which
//! `no_double_charge` fails, which this program checks with vecrun's CPU backend before writing.
//!
//! The rows are a pure function of the code (a fixed splitmix64 stream), so the file is reproducible.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::{ArrayRef, BooleanArray, FixedSizeListArray, Float32Array, Int32Array, RecordBatch, UInt32Array};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

const ROWS: usize = 320;
const ROW_GROUP: usize = 64;
const OPS: usize = 16;
/// The session with the fail-over race (0-based row number).
const INCIDENT_ROW: usize = 137;

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n`.
    fn below(&mut self, n: u32) -> u32 {
        (((self.next() >> 32) * n as u64) >> 32) as u32
    }
    /// Uniform in `[0, 1)`, on a grid of 2^-24.
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
}

struct Row {
    amount: u32,
    ops: [u32; OPS],
    rate: f32,
    offset: i32,
    mode: u32,
    flag: bool,
    x: f32,
}

/// One recorded session: event kinds as `no_double_charge` reads them.
fn session(rng: &mut SplitMix, row: usize) -> [u32; OPS] {
    let mut kinds = [0u32; OPS];
    if row == INCIDENT_ROW {
        // charge, acknowledge, charge, fail-over before the acknowledgement, retry (charged again), recover.
        let script = [17, 512, 230, 993, 999, 994, 640, 88, 701, 702, 415, 733, 990, 998, 505, 520];
        kinds.copy_from_slice(&script);
        return kinds;
    }
    let mut region_up = true;
    for k in kinds.iter_mut() {
        let r = rng.below(1000);
        *k = if r < 420 {
            r // a charge: kinds 0..420
        } else if r < 975 {
            500 + rng.below(490) // an acknowledgement
        } else if r < 990 {
            region_up = !region_up;
            990 + rng.below(9) // a fail-over toggle
        } else if region_up {
            999 // a retry while the region is up: harmless
        } else {
            500 + rng.below(490) // no retry while the region is down
        };
    }
    kinds
}

fn rows() -> Vec<Row> {
    let mut rng = SplitMix(0x7EC5_0B11_11A6_2026);
    let mut event_id: u32 = 4_000;
    (0..ROWS)
        .map(|row| {
            let kinds = session(&mut rng, row);
            let mut ops = [0u32; OPS];
            for (o, k) in ops.iter_mut().zip(kinds) {
                event_id += 1 + rng.below(3);
                *o = event_id * 1000 + k;
            }
            // Amounts in cents, mostly small, some large (the cover "large amounts" is hit).
            let amount = if rng.below(10) == 0 { 9_000 + rng.below(1_001) } else { 1 + rng.below(5_000) };
            let rate = rng.unit(); // 0.0..1.0
            let offset = rng.below(1000) as i32 - 500; // -500..500
            let mode = [0, 1, 5, 9][rng.below(4) as usize];
            let flag = rng.below(2) == 1;
            // x has no domain: mostly ordinary values, and the specials every f32 input should see.
            let x = match row {
                3 => -0.0,
                11 => f32::INFINITY,
                29 => f32::NAN,
                47 => f32::from_bits(1), // the smallest subnormal
                _ => (rng.unit() - 0.5) * 2.0e3,
            };
            Row { amount, ops, rate, offset, mode, flag, x }
        })
        .collect()
}

fn batch(rows: &[Row]) -> RecordBatch {
    let item = Arc::new(Field::new("item", DataType::UInt32, false));
    let schema = Arc::new(Schema::new(vec![
        Field::new("amount", DataType::UInt32, false),
        Field::new("ops", DataType::FixedSizeList(item.clone(), OPS as i32), false),
        Field::new("rate", DataType::Float32, false),
        Field::new("offset", DataType::Int32, false),
        Field::new("mode", DataType::UInt32, false),
        Field::new("flag", DataType::Boolean, false),
        Field::new("x", DataType::Float32, false),
    ]));
    let ops_values = UInt32Array::from(rows.iter().flat_map(|r| r.ops).collect::<Vec<u32>>());
    let columns: Vec<ArrayRef> = vec![
        Arc::new(UInt32Array::from(rows.iter().map(|r| r.amount).collect::<Vec<_>>())),
        Arc::new(FixedSizeListArray::try_new(item, OPS as i32, Arc::new(ops_values), None).expect("ops column")),
        Arc::new(Float32Array::from(rows.iter().map(|r| r.rate).collect::<Vec<_>>())),
        Arc::new(Int32Array::from(rows.iter().map(|r| r.offset).collect::<Vec<_>>())),
        Arc::new(UInt32Array::from(rows.iter().map(|r| r.mode).collect::<Vec<_>>())),
        Arc::new(BooleanArray::from(rows.iter().map(|r| r.flag).collect::<Vec<_>>())),
        Arc::new(Float32Array::from(rows.iter().map(|r| r.x).collect::<Vec<_>>())),
    ];
    RecordBatch::try_new(schema, columns).expect("record batch")
}

/// The rows on which `no_double_charge` fails, evaluated by vecrun's CPU backend.
fn failing_rows(spec: &Path, rows: &[Row]) -> Vec<usize> {
    let checked = vecrun::compile_spec(spec).unwrap_or_else(|_| panic!("{} does not compile", spec.display()));
    let program = vecrun::ir::lower(&checked.spec);
    let generator = vecrun::run::Generator::new(&program.slots, 0, checked.spec.input_hash);
    let cpu = vecrun::cpu::CpuBackend::new(&program, generator, 1).expect("cpu backend");
    let vectors: Vec<Vec<u32>> = rows
        .iter()
        .map(|r| {
            let mut v = vec![r.amount];
            v.extend(r.ops);
            v.extend([r.rate.to_bits(), r.offset as u32, r.mode, r.flag as u32, r.x.to_bits()]);
            v
        })
        .collect();
    let p = program.properties.iter().position(|p| p.name == "no_double_charge").expect("property no_double_charge");
    let outcomes = cpu.eval_vectors(&vectors);
    for (q, prop) in program.properties.iter().enumerate() {
        if q != p {
            assert!(
                outcomes[q].iter().all(|&o| !vecrun::ir::Outcome::decode(o).is_failure()),
                "property {} fails on a recorded row",
                prop.name
            );
        }
    }
    outcomes[p].iter().enumerate().filter(|(_, o)| vecrun::ir::Outcome::decode(**o).is_failure()).map(|(i, _)| i).collect()
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out: PathBuf = std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| root.join("datasets/billing_recorded.parquet"));
    let rows = rows();
    let failing = failing_rows(&root.join("datasets/specs/billing_failover.vspec"), &rows);
    assert_eq!(failing, vec![INCIDENT_ROW], "exactly the incident row must double-charge");
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP))
        .set_created_by("vecrun examples/make_dataset.rs".to_string())
        .build();
    let file = std::fs::File::create(&out).unwrap_or_else(|e| panic!("cannot create {}: {e}", out.display()));
    let mut writer = ArrowWriter::try_new(file, batch(&rows).schema(), Some(props)).expect("parquet writer");
    for chunk in rows.chunks(ROW_GROUP) {
        writer.write(&batch(chunk)).expect("write rows");
    }
    writer.close().expect("close parquet file");
    println!("wrote {} ({ROWS} rows, row groups of {ROW_GROUP}); no_double_charge fails on row {INCIDENT_ROW} only", out.display());
}

//! What a device computes exactly: its native float operations probed once per device against
//! [`crate::sem`] (docs/semantics.md section 6), and the float operations each property uses. A
//! property that needs an operation this device does not compute exactly runs on the CPU instead
//! ([`super::GpuBackend`]), so no float verdict ever differs silently between the backends.

use super::runtime::{GpuDevice, GpuError};
use crate::ir::{Inst, Op, PropertyIr};
use crate::sem::{self, Builtin, ScalarType};
use crate::syntax::ast::BinOp;

/// The probe kernel (appended to the WGSL library).
pub const PROBE_SHADER: &str = include_str!("../../shaders/float_probe.wgsl");

/// A class of native float operations the GPU backend runs as WGSL's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum FloatOp {
    AddSubMul,
    Div,
    Sqrt,
    Fma,
    Rounding,
}

impl FloatOp {
    pub const ALL: [FloatOp; 5] = [FloatOp::AddSubMul, FloatOp::Div, FloatOp::Sqrt, FloatOp::Fma, FloatOp::Rounding];

    pub fn describe(self) -> &'static str {
        match self {
            FloatOp::AddSubMul => "f32 `+`, `-` or `*`",
            FloatOp::Div => "f32 `/`",
            FloatOp::Sqrt => "`sqrt`",
            FloatOp::Fma => "`fma`",
            FloatOp::Rounding => "`floor`, `ceil`, `round` or `trunc`",
        }
    }

    /// The probe kernel's op codes of this class.
    fn codes(self) -> &'static [u32] {
        match self {
            FloatOp::AddSubMul => &[0, 1, 2],
            FloatOp::Div => &[3],
            FloatOp::Sqrt => &[4],
            FloatOp::Fma => &[5],
            FloatOp::Rounding => &[6, 7, 8, 9],
        }
    }
}

/// The probe's findings: for each class the device got wrong, one input where it differs from `sem`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FloatExactness {
    pub inexact: Vec<(FloatOp, String)>,
}

impl FloatExactness {
    pub fn is_exact(&self, op: FloatOp) -> bool {
        !self.inexact.iter().any(|(o, _)| *o == op)
    }
    /// Why `op` is not trusted on this device (an example input), if it is not.
    pub fn why(&self, op: FloatOp) -> Option<&str> {
        self.inexact.iter().find(|(o, _)| *o == op).map(|(_, w)| w.as_str())
    }
}

/// Float values where devices differ: zeros, subnormals, the normal boundary, ties, the extremes,
/// infinities, NaN, and the "magic number" 1.5 * 2^23.
const EDGES: [u32; 30] = [
    0x0000_0000,
    0x8000_0000,
    0x3F80_0000,
    0xBF80_0000,
    0x0000_0001,
    0x8000_0001,
    0x007F_FFFF,
    0x807F_FFFF,
    0x0040_0000,
    0x0080_0000,
    0x8080_0000,
    0x3F00_0000,
    0xBF00_0000,
    0x3FC0_0000,
    0x4020_0000,
    0xC020_0000,
    0x4000_0000,
    0x3F80_0001,
    0x3EFF_FFFF,
    0x3DCC_CCCD,
    0x4049_0FDB,
    0x4B40_0000,
    0x4B80_0000,
    0x3400_0000,
    0x7F7F_FFFF,
    0xFF7F_FFFF,
    0x7F80_0000,
    0xFF80_0000,
    0x7FC0_0000,
    0x0100_0000,
];

/// splitmix64, for reproducible probe inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u32 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) as u32
    }
    /// A float that is often near 1, often subnormal, sometimes any bit pattern.
    fn float(&mut self) -> u32 {
        let r = self.next();
        let sign = r & 0x8000_0000;
        let mantissa = self.next() & 0x007F_FFFF;
        match r % 8 {
            0 | 1 => self.next(),
            2 => sign | mantissa,
            3 => sign | (((r >> 8) % 40 + 1) << 23) | mantissa,
            _ => sign | (((r >> 8) % 60 + 97) << 23) | mantissa,
        }
    }
}

/// The probe records `(op, a, b, c)`.
fn cases() -> Vec<[u32; 4]> {
    let mut rng = Rng(0x5EED_F10A);
    let mut v = Vec::new();
    for op in 0..4u32 {
        for &a in &EDGES {
            for &b in &EDGES {
                v.push([op, a, b, 0]);
            }
        }
        for _ in 0..4000 {
            v.push([op, rng.float(), rng.float(), 0]);
        }
        // Results that land in the subnormal range (a flush to zero shows here).
        for _ in 0..500 {
            let a = 0x0080_0000 | (rng.next() & 0x00FF_FFFF);
            v.push([op, a, 0x3F00_0000 | (rng.next() & 0x007F_FFFF), 0]);
        }
    }
    for op in [4u32, 6, 7, 8, 9] {
        for &a in &EDGES {
            v.push([op, a, 0, 0]);
        }
        for _ in 0..4000 {
            v.push([op, rng.float(), 0, 0]);
        }
    }
    for &a in &EDGES {
        for &b in &EDGES {
            for k in 0..4 {
                v.push([5, a, b, EDGES[(rng.next() as usize + k) % EDGES.len()]]);
            }
        }
    }
    for _ in 0..4000 {
        // A product cancelled by the addend: one rounding and two differ here.
        let a = rng.float();
        let b = rng.float();
        let c = (-(f32::from_bits(a) * f32::from_bits(b))).to_bits() ^ (rng.next() & 1);
        v.push([5, a, b, c]);
        v.push([5, rng.float(), rng.float(), rng.float()]);
    }
    v
}

fn reference(case: &[u32; 4]) -> u32 {
    use ScalarType::F32;
    let [op, a, b, c] = *case;
    match op {
        0 => sem::binary(BinOp::Add, F32, a, b),
        1 => sem::binary(BinOp::Sub, F32, a, b),
        2 => sem::binary(BinOp::Mul, F32, a, b),
        3 => sem::binary(BinOp::Div, F32, a, b),
        4 => sem::builtin(Builtin::Sqrt, F32, &[a]),
        5 => sem::builtin(Builtin::Fma, F32, &[a, b, c]),
        6 => sem::builtin(Builtin::Floor, F32, &[a]),
        7 => sem::builtin(Builtin::Ceil, F32, &[a]),
        8 => sem::builtin(Builtin::Round, F32, &[a]),
        _ => sem::builtin(Builtin::Trunc, F32, &[a]),
    }
}

fn is_nan(x: u32) -> bool {
    x & 0x7FFF_FFFF > 0x7F80_0000
}

/// Runs the probe on `dev`: every case's bits must equal `sem`'s (any NaN for a NaN: a produced
/// NaN's sign and payload are unspecified).
pub fn probe(dev: &GpuDevice) -> Result<FloatExactness, GpuError> {
    let cases = cases();
    let mut input = vec![0u32, cases.len() as u32, 0, 0];
    for c in &cases {
        input.extend_from_slice(c);
    }
    let library: Vec<&str> = super::emit::LIBRARY.iter().map(|(_, text)| *text).collect();
    let source = format!("{}\n{PROBE_SHADER}", library.join("\n"));
    let out = dev.run_compute_u32(&source, &input, cases.len(), cases.len() as u32)?;
    let mut found = FloatExactness::default();
    for class in FloatOp::ALL {
        let first_wrong = cases.iter().zip(&out).find(|(c, got)| {
            let want = reference(c);
            class.codes().contains(&c[0]) && **got != want && !(is_nan(**got) && is_nan(want))
        });
        if let Some((c, got)) = first_wrong {
            let names = ["+", "-", "*", "/", "sqrt", "fma", "floor", "ceil", "round", "trunc"];
            found.inexact.push((
                class,
                format!(
                    "{}({:#010x}, {:#010x}, {:#010x}) gave {got:#010x}, not {:#010x}",
                    names[c[0] as usize],
                    c[1],
                    c[2],
                    c[3],
                    reference(c)
                ),
            ));
        }
    }
    Ok(found)
}

/// The native float operations a property's shader code runs.
pub fn float_ops_used(p: &PropertyIr) -> Vec<FloatOp> {
    fn walk(insts: &[Inst], out: &mut Vec<FloatOp>) {
        for inst in insts {
            let op = match inst {
                Inst::Let(_, Op::Binary(BinOp::Add | BinOp::Sub | BinOp::Mul, ScalarType::F32, ..)) => Some(FloatOp::AddSubMul),
                Inst::Let(_, Op::Binary(BinOp::Div, ScalarType::F32, ..)) => Some(FloatOp::Div),
                Inst::Let(_, Op::Builtin(Builtin::Sqrt, ..)) => Some(FloatOp::Sqrt),
                Inst::Let(_, Op::Builtin(Builtin::Fma, ..)) => Some(FloatOp::Fma),
                Inst::Let(_, Op::Builtin(Builtin::Floor | Builtin::Ceil | Builtin::Round | Builtin::Trunc, ..)) => Some(FloatOp::Rounding),
                Inst::If { then, els, .. } => {
                    walk(then, out);
                    walk(els, out);
                    None
                }
                Inst::For { body, .. } => {
                    walk(body, out);
                    None
                }
                _ => None,
            };
            if let Some(op) = op.filter(|op| !out.contains(op)) {
                out.push(op);
            }
        }
    }
    let mut out = Vec::new();
    walk(&p.body, &mut out);
    out.sort();
    out
}

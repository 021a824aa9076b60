//! Lane kernels: one tight loop per (operator, type, operand shape), monomorphised through const
//! generics so every loop body is a single [`crate::sem`] case that LLVM vectorises.

use crate::sem::{self, Builtin, ScalarType};
use crate::syntax::ast::{BinOp, UnOp};

pub type BinLL = fn(&mut [u32], &[u32], &[u32]);
pub type BinLU = fn(&mut [u32], &[u32], u32);
pub type BinUL = fn(&mut [u32], u32, &[u32]);
pub type UnL = fn(&mut [u32], &[u32]);

const BINOPS: [BinOp; 18] = BinOp::ALL;
const TYPES: [ScalarType; 4] = [ScalarType::Bool, ScalarType::U32, ScalarType::I32, ScalarType::F32];
const UNOPS: [UnOp; 3] = [UnOp::Neg, UnOp::Not, UnOp::BitNot];

const fn op_of(i: u8) -> BinOp {
    BINOPS[i as usize]
}
const fn ty_of(i: u8) -> ScalarType {
    TYPES[i as usize]
}

#[inline(always)]
fn bin_ll<const O: u8, const T: u8>(out: &mut [u32], a: &[u32], b: &[u32]) {
    let n = out.len();
    let (a, b) = (&a[..n], &b[..n]);
    for i in 0..n {
        out[i] = sem::binary(op_of(O), ty_of(T), a[i], b[i]);
    }
}
#[inline(always)]
fn bin_lu<const O: u8, const T: u8>(out: &mut [u32], a: &[u32], b: u32) {
    let n = out.len();
    let a = &a[..n];
    for i in 0..n {
        out[i] = sem::binary(op_of(O), ty_of(T), a[i], b);
    }
}
#[inline(always)]
fn bin_ul<const O: u8, const T: u8>(out: &mut [u32], a: u32, b: &[u32]) {
    let n = out.len();
    let b = &b[..n];
    for i in 0..n {
        out[i] = sem::binary(op_of(O), ty_of(T), a, b[i]);
    }
}
#[inline(always)]
fn un_l<const O: u8, const T: u8>(out: &mut [u32], a: &[u32]) {
    let n = out.len();
    let a = &a[..n];
    for i in 0..n {
        out[i] = sem::unary(UNOPS[O as usize], ty_of(T), a[i]);
    }
}
#[inline(always)]
fn cast_loop<const F: u8, const T: u8>(out: &mut [u32], a: &[u32]) {
    let n = out.len();
    let a = &a[..n];
    for i in 0..n {
        out[i] = sem::cast(ty_of(F), ty_of(T), a[i]);
    }
}

/// For a lane kernel family `generic::<A, B>`, an AVX2 build (`avx2`) and a safe entry to it (`dispatched`), which
/// only the table functions below hand out, and only where [`has_avx2`] is true. The kernels call `sem` per lane,
/// so both builds compute the same bits (integer and IEEE float arithmetic do not depend on the vector width;
/// tested against each other).
macro_rules! avx2_kernels {
    ($generic:ident, $avx2:ident, $dispatched:ident, ($($arg:ident: $ty:ty),*)) => {
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx2")]
        fn $avx2<const A: u8, const B: u8>($($arg: $ty),*) {
            $generic::<A, B>($($arg),*)
        }

        #[cfg(target_arch = "x86_64")]
        fn $dispatched<const A: u8, const B: u8>($($arg: $ty),*) {
            // SAFETY: the tables hand this kernel out only after `has_avx2()` said the CPU has AVX2, the only
            // requirement of the callee.
            #[allow(unsafe_code)]
            unsafe {
                $avx2::<A, B>($($arg),*)
            }
        }
    };
}

avx2_kernels!(bin_ll, bin_ll_avx2, bin_ll_dispatched, (out: &mut [u32], a: &[u32], b: &[u32]));
avx2_kernels!(bin_lu, bin_lu_avx2, bin_lu_dispatched, (out: &mut [u32], a: &[u32], b: u32));
avx2_kernels!(bin_ul, bin_ul_avx2, bin_ul_dispatched, (out: &mut [u32], a: u32, b: &[u32]));
avx2_kernels!(un_l, un_l_avx2, un_l_dispatched, (out: &mut [u32], a: &[u32]));
avx2_kernels!(cast_loop, cast_loop_avx2, cast_loop_dispatched, (out: &mut [u32], a: &[u32]));

/// Whether the lane kernels take the AVX2 path on this CPU.
pub fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Picks the AVX2 table where the CPU has AVX2 (and `avx2` asks for it), else the baseline one.
macro_rules! pick {
    ($avx2:expr, $dispatched:expr, $baseline:expr) => {{
        #[cfg(target_arch = "x86_64")]
        if $avx2 && has_avx2() {
            return $dispatched;
        }
        let _ = $avx2;
        $baseline
    }};
}

macro_rules! table4 {
    ($f:ident, $o:literal) => {
        [$f::<$o, 0>, $f::<$o, 1>, $f::<$o, 2>, $f::<$o, 3>]
    };
}
macro_rules! table_ops {
    ($f:ident, $ty:ty) => {{
        let t: [[$ty; 4]; 18] = [
            table4!($f, 0),
            table4!($f, 1),
            table4!($f, 2),
            table4!($f, 3),
            table4!($f, 4),
            table4!($f, 5),
            table4!($f, 6),
            table4!($f, 7),
            table4!($f, 8),
            table4!($f, 9),
            table4!($f, 10),
            table4!($f, 11),
            table4!($f, 12),
            table4!($f, 13),
            table4!($f, 14),
            table4!($f, 15),
            table4!($f, 16),
            table4!($f, 17),
        ];
        t
    }};
}

fn op_index(op: BinOp) -> usize {
    BINOPS.iter().position(|o| *o == op).expect("every BinOp is in BINOPS")
}
fn ty_index(t: ScalarType) -> usize {
    TYPES.iter().position(|x| *x == t).expect("every ScalarType is in TYPES")
}

pub fn binary_ll(op: BinOp, ty: ScalarType) -> BinLL {
    binary_ll_with(op, ty, true)
}
pub fn binary_lu(op: BinOp, ty: ScalarType) -> BinLU {
    binary_lu_with(op, ty, true)
}
pub fn binary_ul(op: BinOp, ty: ScalarType) -> BinUL {
    binary_ul_with(op, ty, true)
}
pub fn unary_l(op: UnOp, ty: ScalarType) -> UnL {
    unary_l_with(op, ty, true)
}
pub fn cast_l(from: ScalarType, to: ScalarType) -> UnL {
    cast_l_with(from, to, true)
}

/// The kernel of `op` on `ty`: the AVX2 build when `avx2` and the CPU has it, else the baseline one.
pub fn binary_ll_with(op: BinOp, ty: ScalarType, avx2: bool) -> BinLL {
    let (o, t) = (op_index(op), ty_index(ty));
    pick!(avx2, table_ops!(bin_ll_dispatched, BinLL)[o][t], table_ops!(bin_ll, BinLL)[o][t])
}
pub fn binary_lu_with(op: BinOp, ty: ScalarType, avx2: bool) -> BinLU {
    let (o, t) = (op_index(op), ty_index(ty));
    pick!(avx2, table_ops!(bin_lu_dispatched, BinLU)[o][t], table_ops!(bin_lu, BinLU)[o][t])
}
pub fn binary_ul_with(op: BinOp, ty: ScalarType, avx2: bool) -> BinUL {
    let (o, t) = (op_index(op), ty_index(ty));
    pick!(avx2, table_ops!(bin_ul_dispatched, BinUL)[o][t], table_ops!(bin_ul, BinUL)[o][t])
}
pub fn unary_l_with(op: UnOp, ty: ScalarType, avx2: bool) -> UnL {
    let (o, t) = (UNOPS.iter().position(|x| *x == op).expect("every UnOp"), ty_index(ty));
    pick!(
        avx2,
        [table4!(un_l_dispatched, 0), table4!(un_l_dispatched, 1), table4!(un_l_dispatched, 2)][o][t],
        [table4!(un_l, 0), table4!(un_l, 1), table4!(un_l, 2)][o][t]
    )
}
pub fn cast_l_with(from: ScalarType, to: ScalarType, avx2: bool) -> UnL {
    let (f, t) = (ty_index(from), ty_index(to));
    pick!(
        avx2,
        [
            table4!(cast_loop_dispatched, 0),
            table4!(cast_loop_dispatched, 1),
            table4!(cast_loop_dispatched, 2),
            table4!(cast_loop_dispatched, 3)
        ][f][t],
        [table4!(cast_loop, 0), table4!(cast_loop, 1), table4!(cast_loop, 2), table4!(cast_loop, 3)][f][t]
    )
}

/// A builtin over lanes; arguments are lane slices (uniform arguments are broadcast by the caller).
pub type BuiltinL = fn(&mut [u32], &[&[u32]]);

const BUILTINS: [Builtin; 31] = Builtin::ALL;

#[inline(always)]
fn builtin_l<const B: u8, const T: u8>(out: &mut [u32], args: &[&[u32]]) {
    let n = out.len();
    let bi = BUILTINS[B as usize];
    match args.len() {
        1 => {
            let a = &args[0][..n];
            for i in 0..n {
                out[i] = sem::builtin(bi, ty_of(T), &[a[i]]);
            }
        }
        2 => {
            let (a, b) = (&args[0][..n], &args[1][..n]);
            for i in 0..n {
                out[i] = sem::builtin(bi, ty_of(T), &[a[i], b[i]]);
            }
        }
        _ => {
            let (a, b, c) = (&args[0][..n], &args[1][..n], &args[2][..n]);
            for i in 0..n {
                out[i] = sem::builtin(bi, ty_of(T), &[a[i], b[i], c[i]]);
            }
        }
    }
}

/// The table of one builtin kernel per (builtin, type) of the IR (`len` and `mul_wide` have kernels that are never
/// called: lowering spells them out).
macro_rules! builtin_table {
    ($f:ident) => {{
        let t: [[BuiltinL; 4]; 31] = [
            table4!($f, 0),
            table4!($f, 1),
            table4!($f, 2),
            table4!($f, 3),
            table4!($f, 4),
            table4!($f, 5),
            table4!($f, 6),
            table4!($f, 7),
            table4!($f, 8),
            table4!($f, 9),
            table4!($f, 10),
            table4!($f, 11),
            table4!($f, 12),
            table4!($f, 13),
            table4!($f, 14),
            table4!($f, 15),
            table4!($f, 16),
            table4!($f, 17),
            table4!($f, 18),
            table4!($f, 19),
            table4!($f, 20),
            table4!($f, 21),
            table4!($f, 22),
            table4!($f, 23),
            table4!($f, 24),
            table4!($f, 25),
            table4!($f, 26),
            table4!($f, 27),
            table4!($f, 28),
            table4!($f, 29),
            table4!($f, 30),
        ];
        t
    }};
}

/// [`builtin_l`] compiled with AVX2: `floor`/`ceil`/`trunc`/`round` become `vroundps` instead of libm calls. The
/// instruction quiets a signalling NaN where libm returns it unchanged, so a NaN operand is passed through as the
/// baseline kernels (and `sem`, the constant folder, the interpreter) do: the same bits on every CPU (tested).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn builtin_l_avx2<const B: u8, const T: u8>(out: &mut [u32], args: &[&[u32]]) {
    let bi = BUILTINS[B as usize];
    if matches!(bi, Builtin::Floor | Builtin::Ceil | Builtin::Trunc | Builtin::Round) {
        let n = out.len();
        let a = &args[0][..n];
        for i in 0..n {
            let r = sem::builtin(bi, ScalarType::F32, &[a[i]]);
            out[i] = if sem::f32_is_nan(a[i]) { a[i] } else { r };
        }
    } else {
        builtin_l::<B, T>(out, args)
    }
}

/// A safe entry to [`builtin_l_avx2`]; only [`builtin_lanes`] hands it out, and only where the CPU has AVX2.
#[cfg(target_arch = "x86_64")]
fn builtin_l_dispatched<const B: u8, const T: u8>(out: &mut [u32], args: &[&[u32]]) {
    // SAFETY: `builtin_lanes` returns this kernel only after `has_avx2()` said the CPU has AVX2, the only
    // requirement of the callee.
    #[allow(unsafe_code)]
    unsafe {
        builtin_l_avx2::<B, T>(out, args)
    }
}

/// The lane kernel of builtin `bi` on `ty`: the AVX2 build where the CPU has it, else the baseline. `fma` stays on
/// the baseline kernel (libm's `fmaf`): the FMA instruction's NaN results need not be libm's.
pub fn builtin_lanes(bi: Builtin, ty: ScalarType) -> BuiltinL {
    #[cfg(target_arch = "x86_64")]
    if has_avx2() && bi != Builtin::Fma {
        return builtin_table!(builtin_l_dispatched)[BUILTINS.iter().position(|b| *b == bi).expect("every Builtin")][ty_index(ty)];
    }
    builtin_lanes_baseline(bi, ty)
}

/// The lane kernel of builtin `bi` on `ty` for the baseline target (no AVX2): what [`builtin_lanes`] returns on
/// other CPUs, and the reference its AVX2 kernels are tested against.
pub fn builtin_lanes_baseline(bi: Builtin, ty: ScalarType) -> BuiltinL {
    builtin_table!(builtin_l)[BUILTINS.iter().position(|b| *b == bi).expect("every Builtin")][ty_index(ty)]
}

/// Word `word` of an `f64` operation over lanes (`srcs`: its operand words, `F64Op::operands` order), for the
/// operations the IEEE instructions compute exactly as `sem` does (`+ - * /`, `sqrt`, comparisons): one
/// tight loop per chunk instead of a `sem` call per lane. `false` (nothing written) for the others.
pub fn float64_lanes(op: sem::wide::F64Op, word: u8, out: &mut [u32], srcs: &[&[u32]]) -> bool {
    use sem::wide::F64Op;
    #[inline(always)]
    fn f(lo: &[u32], hi: &[u32], i: usize) -> f64 {
        f64::from_bits(u64::from(lo[i]) | u64::from(hi[i]) << 32)
    }
    let shift = 32 * u32::from(word);
    let n = out.len();
    macro_rules! binary {
        ($a:ident, $b:ident => $e:expr) => {{
            let (al, ah, bl, bh) = (&srcs[0][..n], &srcs[1][..n], &srcs[2][..n], &srcs[3][..n]);
            for i in 0..n {
                let ($a, $b) = (f(al, ah, i), f(bl, bh, i));
                out[i] = ($e.to_bits() >> shift) as u32;
            }
        }};
    }
    macro_rules! compare {
        ($a:ident, $b:ident => $e:expr) => {{
            let (al, ah, bl, bh) = (&srcs[0][..n], &srcs[1][..n], &srcs[2][..n], &srcs[3][..n]);
            for i in 0..n {
                let ($a, $b) = (f(al, ah, i), f(bl, bh, i));
                out[i] = $e as u32;
            }
        }};
    }
    match op {
        F64Op::Binary(BinOp::Add) => binary!(a, b => a + b),
        F64Op::Binary(BinOp::Sub) => binary!(a, b => a - b),
        F64Op::Binary(BinOp::Mul) => binary!(a, b => a * b),
        F64Op::Binary(BinOp::Div) => binary!(a, b => a / b),
        F64Op::Binary(BinOp::Eq) => compare!(a, b => a == b),
        F64Op::Binary(BinOp::Ne) => compare!(a, b => a != b),
        F64Op::Binary(BinOp::Lt) => compare!(a, b => a < b),
        F64Op::Binary(BinOp::Le) => compare!(a, b => a <= b),
        F64Op::Binary(BinOp::Gt) => compare!(a, b => a > b),
        F64Op::Binary(BinOp::Ge) => compare!(a, b => a >= b),
        F64Op::Builtin(Builtin::Sqrt) => {
            let (lo, hi) = (&srcs[0][..n], &srcs[1][..n]);
            for (i, o) in out.iter_mut().enumerate() {
                *o = (f(lo, hi, i).sqrt().to_bits() >> shift) as u32;
            }
        }
        _ => return false,
    }
    true
}

/// Unsigned division by a constant `d > 1` with a multiply-high and shifts (Granlund and
/// Montgomery's round-down method with the add-back step), exact for every u32.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConstDivisor {
    d: u32,
    magic: u32,
    shift: u32,
}

impl ConstDivisor {
    pub fn new(d: u32) -> ConstDivisor {
        debug_assert!(d > 1);
        let l = 32 - (d - 1).leading_zeros(); // ceil(log2 d), 1..=32
        let magic = ((((1u64 << l) - d as u64) << 32) / d as u64 + 1) as u32;
        ConstDivisor { d, magic, shift: l - 1 }
    }

    /// The multiplier and final shift of [`ConstDivisor::quotient`] (for code generators).
    pub fn magic_and_shift(self) -> (u32, u32) {
        (self.magic, self.shift)
    }

    /// A multiplier `m` and shift `s` with `x / d == mulhi(x, m) >> s` for every u32 `x` (the round-up
    /// method without the add-back step: `m = ceil(2^(32+s) / d)` must fit in 32 bits with an error
    /// `m * d - 2^(32+s)` of at most `2^s`), where one exists; two operations fewer than
    /// [`ConstDivisor::quotient`]. `d` a power of two needs no multiply at all.
    pub fn round_up_magic(self) -> Option<(u32, u32)> {
        let d = self.d as u128;
        (0..=self.shift + 1).find_map(|s| {
            let p = 1u128 << (32 + s);
            let m = p.div_ceil(d);
            (m < 1 << 32 && m * d - p <= 1 << s).then_some((m as u32, s))
        })
    }

    #[inline(always)]
    pub fn quotient(self, x: u32) -> u32 {
        let t = ((x as u64 * self.magic as u64) >> 32) as u32;
        (t + ((x - t) >> 1)) >> self.shift
    }

    /// `out[i] = a[i] / d` (or `% d`).
    pub fn apply(self, out: &mut [u32], a: &[u32], rem: bool) {
        let n = out.len();
        let a = &a[..n];
        if rem {
            for i in 0..n {
                out[i] = a[i] - self.quotient(a[i]) * self.d;
            }
        } else {
            for i in 0..n {
                out[i] = self.quotient(a[i]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ConstDivisor;

    /// Where the round-up multiplier exists it divides exactly: every divisor below 5_000 and others up to
    /// `u32::MAX`, on the dividends where an error would show first (around multiples of `d`, the top of the
    /// range) and on pseudo-random ones; and it exists for the common constants (10, 100, 1000, 10_000, 60).
    #[test]
    fn round_up_magic_divides_exactly_where_it_exists() {
        let mut x = 0x9E37_79B9u32;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x
        };
        let mut divisors: Vec<u32> = (2..5_000).collect();
        divisors.extend((0..2_000).map(|_| next() | 2));
        divisors.extend([u32::MAX, u32::MAX - 1, 1 << 31, (1 << 31) + 1, 641, 6_700_417]);
        let mut found = 0;
        for d in divisors {
            let Some((m, s)) = ConstDivisor::new(d).round_up_magic() else { continue };
            found += 1;
            let q = |x: u32| (((x as u64 * m as u64) >> 32) as u32) >> s;
            let top = u32::MAX - u32::MAX % d;
            let mut dividends = vec![0, 1, d - 1, d, d.wrapping_add(1), u32::MAX, u32::MAX - 1, top, top.wrapping_sub(1)];
            dividends.extend((0..64).map(|_| next()));
            dividends.extend((0..64).map(|_| (next() / d).wrapping_mul(d).wrapping_sub(1)));
            for x in dividends {
                assert_eq!(q(x), x / d, "{x} / {d} with m = {m:#x}, s = {s}");
            }
        }
        assert!(found > 3_000, "the round-up multiplier exists for only {found} divisors");
        for d in [10, 100, 1000, 10_000, 60, 7] {
            assert!(ConstDivisor::new(d).round_up_magic().is_some() || d == 7, "no round-up multiplier for {d}");
        }
    }

    /// The AVX2 operator and cast kernels and the baseline ones give the same bits for every operator, type
    /// and operand shape (lanes with lanes, with a uniform, a uniform with lanes).
    #[test]
    fn avx2_and_baseline_operator_kernels_agree() {
        use super::*;
        if !has_avx2() {
            eprintln!("no AVX2 on this CPU: only the baseline kernels run here");
            return;
        }
        let mut a: Vec<u32> =
            [0.0f32, -0.0, 1.5, -2.5, 1e-45, 3.4028235e38, f32::INFINITY, f32::NEG_INFINITY, 0.1, 4294967296.0, -2147483904.0]
                .iter()
                .map(|f| f.to_bits())
                .collect();
        a.extend([0x7FC0_0000, 0x7FA0_0001, 0, 1, 2, 31, 32, 33, 0x7FFF_FFFF, 0x8000_0000, u32::MAX, 46341, 65536]);
        let mut x = 0x2545_F491u32;
        for _ in 0..100 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            a.push(x);
        }
        let n = a.len();
        let b: Vec<u32> = (0..n).map(|i| a[(i * 5 + 3) % n]).collect();
        let run = |f: &dyn Fn(&mut [u32])| {
            let mut o = vec![0u32; n];
            f(&mut o);
            o
        };
        for ty in TYPES {
            for op in BINOPS {
                let (fast, base) = (binary_ll_with(op, ty, true), binary_ll_with(op, ty, false));
                assert_eq!(run(&|o| fast(o, &a, &b)), run(&|o| base(o, &a, &b)), "{op:?} on {ty}");
                for &u in &b[..8] {
                    let (fast, base) = (binary_lu_with(op, ty, true), binary_lu_with(op, ty, false));
                    assert_eq!(run(&|o| fast(o, &a, u)), run(&|o| base(o, &a, u)), "{op:?} on {ty} with {u:#x}");
                    let (fast, base) = (binary_ul_with(op, ty, true), binary_ul_with(op, ty, false));
                    assert_eq!(run(&|o| fast(o, u, &a)), run(&|o| base(o, u, &a)), "{u:#x} {op:?} on {ty}");
                }
            }
            for op in UNOPS {
                let (fast, base) = (unary_l_with(op, ty, true), unary_l_with(op, ty, false));
                assert_eq!(run(&|o| fast(o, &a)), run(&|o| base(o, &a)), "{op:?} on {ty}");
            }
            for to in TYPES {
                let (fast, base) = (cast_l_with(ty, to, true), cast_l_with(ty, to, false));
                assert_eq!(run(&|o| fast(o, &a)), run(&|o| base(o, &a)), "{ty} as {to}");
            }
        }
    }

    /// The AVX2 builtin kernels and the baseline ones give the same bits for every builtin and type on edge
    /// and random operands (floats: zeros, subnormals, halves, ties, huge, infinities, NaNs with payloads).
    #[test]
    fn avx2_and_baseline_builtin_kernels_agree() {
        use crate::sem::{Builtin, ScalarType};
        if !super::has_avx2() {
            eprintln!("no AVX2 on this CPU: only the baseline kernels run here");
            return;
        }
        let floats = [
            0.0f32,
            -0.0,
            0.5,
            -0.5,
            1.5,
            2.5,
            -2.5,
            0.49999997,
            1e-45,
            -1e-45,
            1.1754942e-38,
            8388607.5,
            8388608.0,
            16777217.0,
            3.4028235e38,
            -3.4028235e38,
            f32::INFINITY,
            f32::NEG_INFINITY,
            1.0 / 3.0,
            -7.25,
        ];
        let mut operands: Vec<u32> = floats.iter().map(|f| f.to_bits()).collect();
        operands.extend([0x7FC0_0000, 0x7FA0_0001, 0xFFC0_1234, 0, 1, 2, 31, 32, 0x7FFF_FFFF, 0x8000_0000, u32::MAX]);
        let mut x = 0x9E37_79B9u32;
        for _ in 0..200 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            operands.push(x);
        }
        let n = operands.len();
        let rotated = |k: usize| -> Vec<u32> { (0..n).map(|i| operands[(i * 7 + k) % n]).collect() };
        let args = [operands.clone(), rotated(1), rotated(2)];
        for bi in Builtin::ALL {
            if matches!(bi, Builtin::Len | Builtin::MulWide | Builtin::Select) {
                continue;
            }
            for ty in [ScalarType::Bool, ScalarType::U32, ScalarType::I32, ScalarType::F32] {
                let a: Vec<&[u32]> = args[..bi.arity()].iter().map(|v| &v[..]).collect();
                let (mut fast, mut base) = (vec![0u32; n], vec![0u32; n]);
                super::builtin_lanes(bi, ty)(&mut fast, &a);
                super::builtin_lanes_baseline(bi, ty)(&mut base, &a);
                assert_eq!(fast, base, "{} on {ty}", bi.name());
            }
        }
    }

    #[test]
    fn constant_division_is_exact() {
        let divisors = [2u32, 3, 5, 7, 10, 1000, 641, 65535, 65536, 65537, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, u32::MAX - 1, u32::MAX];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for &d in &divisors {
            let c = ConstDivisor::new(d);
            let mut samples = vec![0u32, 1, d - 1, d, d.wrapping_add(1), u32::MAX, u32::MAX - 1, 0x8000_0000];
            for _ in 0..20_000 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                samples.push(x as u32);
            }
            for &v in &samples {
                assert_eq!(c.quotient(v), v / d, "{v} / {d}");
            }
        }
        for d in 2..3000u32 {
            let c = ConstDivisor::new(d);
            for v in [0, 1, d - 1, d, d + 1, 2 * d - 1, 2 * d, u32::MAX, u32::MAX / d * d, u32::MAX / d * d - 1] {
                assert_eq!(c.quotient(v), v / d, "{v} / {d}");
            }
        }
    }
}

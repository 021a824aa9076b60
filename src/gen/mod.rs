//! Counter-indexed vector generation: one `u64` index names one vector (the replay contract of `docs/generation.md`).
//!
//! * [`philox`]: Philox4x32-10, scalar, pure-32-bit and lane-wise.
//! * [`domain`]: domains and the word -> value (random) and ordinal -> value (exhaustive) mappings.
//! * [`edge`]: boundary values and the bounded edge phase.
//! * here: the generator version, key derivation and the random-phase word layout ([`RandomLayout`]).

pub mod domain;
pub mod edge;
pub mod philox;

pub use domain::{
    Domain, DomainError, ExhaustiveLayout, F32Grid, ScalarKind, SlotDecoder, decode_exhaustive, decode_ordinal, decode_random, domain_size,
    space_size, words_needed,
};
pub use edge::{EdgeMode, EdgePlan, edge_values};
pub use philox::{fill_words, mulhilo, mulhilo32_by_halves, philox4x32_10};

/// Version of the generation mapping (Philox use, key derivation, word layout, per-domain decoding, edge lists and
/// their combination). Any change that alters which values a `(seed, input declarations, index)` produces must bump it.
pub const GENERATOR_VERSION: u32 = 1;

/// Philox stream number of the random phase.
pub const RANDOM_STREAM: u32 = 0;

/// The Philox key: `[seed_lo ^ le_u32(hash[0..4]), seed_hi ^ le_u32(hash[4..8])]`, where `input_decl_hash` is the
/// hash of the input declarations (names, types, domains; computed by the front end).
pub fn derive_key(seed: u64, input_decl_hash: [u8; 32]) -> [u32; 2] {
    let h0 = u32::from_le_bytes([input_decl_hash[0], input_decl_hash[1], input_decl_hash[2], input_decl_hash[3]]);
    let h1 = u32::from_le_bytes([input_decl_hash[4], input_decl_hash[5], input_decl_hash[6], input_decl_hash[7]]);
    [(seed as u32) ^ h0, ((seed >> 32) as u32) ^ h1]
}

/// Lanes per block in [`RandomLayout::decode_random_batch`].
pub const BATCH_CHUNK: usize = 64;

/// The random-phase word layout of a list of slots: slot `s` takes `words_needed` consecutive words starting at
/// `offsets[s]` (the sum of the earlier slots' counts; a 64-bit value's high word reads its low word's two) from the stream `philox4x32_10([idx_lo, idx_hi, c, 0], key)`,
/// `c = 0, 1, ...`, word `w` being output word `w % 4` of call `w / 4`.
#[derive(Clone, Debug)]
pub struct RandomLayout {
    decoders: Vec<SlotDecoder>,
    offsets: Vec<u32>,
    total_words: u32,
    calls: u32,
}

impl RandomLayout {
    /// The layout of valid `domains`, in slot order.
    pub fn new(domains: &[Domain]) -> RandomLayout {
        let decoders: Vec<SlotDecoder> = domains.iter().map(SlotDecoder::new).collect();
        let mut offsets = Vec::with_capacity(decoders.len());
        let mut total = 0u32;
        for d in &decoders {
            // A 64-bit value's high word consumes nothing: it reads the two words of its low word, the previous slot.
            offsets.push(if d.words() == 0 { offsets.last().copied().unwrap_or(0) } else { total });
            total += d.words();
        }
        RandomLayout { decoders, offsets, total_words: total, calls: total.div_ceil(4) }
    }

    /// Number of slots.
    pub fn slots(&self) -> usize {
        self.decoders.len()
    }

    /// First word of each slot.
    pub fn offsets(&self) -> &[u32] {
        &self.offsets
    }

    /// Words per vector.
    pub fn total_words(&self) -> u32 {
        self.total_words
    }

    /// Philox calls per vector, `ceil(total_words / 4)`.
    pub fn calls(&self) -> u32 {
        self.calls
    }

    /// The per-slot decoders.
    pub fn decoders(&self) -> &[SlotDecoder] {
        &self.decoders
    }

    /// Slot values of random vector `index` (reference implementation, one Philox call at a time).
    pub fn decode_random_vector(&self, key: [u32; 2], index: u64, out: &mut [u32]) {
        assert_eq!(out.len(), self.decoders.len());
        let mut cur_call = u32::MAX;
        let mut block = [0u32; 4];
        let mut word = |w: u32| {
            if w / 4 != cur_call {
                cur_call = w / 4;
                block = philox4x32_10([index as u32, (index >> 32) as u32, cur_call, RANDOM_STREAM], key);
            }
            block[(w % 4) as usize]
        };
        for ((d, &off), o) in self.decoders.iter().zip(&self.offsets).zip(out.iter_mut()) {
            let words = [word(off), if d.reads() == 2 { word(off + 1) } else { 0 }];
            *o = d.decode(&words);
        }
    }

    /// `out[slot][i]` = slot value of random vector `base + i` (wrapping), `i in 0..n`; each `out[slot]` is resized to
    /// `n`. Lane-wise Philox in blocks of [`BATCH_CHUNK`] vectors; identical to [`Self::decode_random_vector`].
    pub fn decode_random_batch(&self, key: [u32; 2], base: u64, n: usize, out: &mut [Vec<u32>]) {
        assert_eq!(out.len(), self.decoders.len());
        for o in out.iter_mut() {
            o.resize(n, 0);
        }
        let mut outs: Vec<&mut [u32]> = out.iter_mut().map(|v| &mut v[..]).collect();
        self.decode_random_into(key, base, &mut outs);
    }

    /// Like [`Self::decode_random_batch`] into caller-provided slices: `out[slot][i]` for `i in 0..out[slot].len()`
    /// (all slices must have the same length).
    pub fn decode_random_into(&self, key: [u32; 2], base: u64, out: &mut [&mut [u32]]) {
        assert_eq!(out.len(), self.decoders.len());
        let n = out.first().map_or(0, |o| o.len());
        assert!(out.iter().all(|o| o.len() == n), "all slot slices must have the same length");
        #[cfg(target_arch = "x86_64")]
        {
            if philox::uses_avx2() {
                // SAFETY: the CPU supports AVX2 (checked just above), the only requirement of the callee.
                #[allow(unsafe_code)]
                unsafe {
                    self.batch_avx2(key, base, n, out)
                };
                return;
            }
        }
        self.batch_generic(key, base, n, out)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn batch_avx2(&self, key: [u32; 2], base: u64, n: usize, out: &mut [&mut [u32]]) {
        self.batch_generic(key, base, n, out)
    }

    #[inline(always)]
    fn batch_generic(&self, key: [u32; 2], base: u64, n: usize, out: &mut [&mut [u32]]) {
        let nwords = self.calls as usize * 4;
        let mut words: Vec<[u32; BATCH_CHUNK]> = vec![[0u32; BATCH_CHUNK]; nwords];
        let zero = [0u32; BATCH_CHUNK];
        let mut start = 0usize;
        while start < n {
            let m = (n - start).min(BATCH_CHUNK);
            let b = base.wrapping_add(start as u64);
            for (c, group) in words.chunks_exact_mut(4).enumerate() {
                let [w0, w1, w2, w3] = group else { unreachable!() };
                let out4 = [&mut w0[..m], &mut w1[..m], &mut w2[..m], &mut w3[..m]];
                philox::fill_words_generic(key, b, m, c as u32, RANDOM_STREAM, out4);
            }
            for ((d, &off), o) in self.decoders.iter().zip(&self.offsets).zip(out.iter_mut()) {
                let off = off as usize;
                let w1 = if d.reads() == 2 { &words[off + 1] } else { &zero };
                d.decode_lanes(&words[off][..m], &w1[..m], &mut o[start..start + m]);
            }
            start += m;
        }
    }
}

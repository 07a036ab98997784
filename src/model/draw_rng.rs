//! The random words of each Monte Carlo draw: rand_chacha's `ChaCha8Rng` seeded with the
//! scenario seed, on stream `i` for draw `i`, from its first word. In Wasm the same words come
//! from a four-lane simd128 ChaCha8 block function, since rand_chacha's vector backend
//! (ppv-lite86) has none for Wasm; tests/integration/draw_words.rs checks it word for word
//! against `ChaCha8Rng`, natively and in Chromium.
//!
//! Must not know: what the words are used for (the Monte Carlo turns them into uniforms).

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// Words one call can give: the four ChaCha blocks that rand_chacha generates at once.
pub const MAX_WORDS: usize = 64;

/// The seeded generator, ready to give any stream's first words.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawRng {
    /// ChaCha8 seeded with the seed, on stream 0 at word 0 (each stream clones it).
    #[cfg(not(target_arch = "wasm32"))]
    seeded: ChaCha8Rng,
    /// The ChaCha key rand_chacha derives from the seed, as eight little-endian words.
    #[cfg(target_arch = "wasm32")]
    key: [u32; 8],
}

impl DrawRng {
    /// The generator of `seed` (`ChaCha8Rng::seed_from_u64`).
    pub fn new(seed: u64) -> DrawRng {
        let seeded = ChaCha8Rng::seed_from_u64(seed);
        #[cfg(target_arch = "wasm32")]
        {
            let bytes = seeded.get_seed();
            let mut key = [0_u32; 8];
            for (word, b) in key.iter_mut().zip(bytes.chunks_exact(4)) {
                *word = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            }
            DrawRng { key }
        }
        #[cfg(not(target_arch = "wasm32"))]
        DrawRng { seeded }
    }

    /// The first `N` words (`N` ≤ `MAX_WORDS`) of stream `stream`: what `next_u32` gives `N`
    /// times after `set_stream(stream)` on the freshly seeded `ChaCha8Rng`.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn words<const N: usize>(&self, stream: u64) -> [u32; N] {
        use rand::RngCore;
        const { assert!(N <= MAX_WORDS) };
        let mut rng = self.seeded.clone();
        rng.set_stream(stream);
        std::array::from_fn(|_| rng.next_u32())
    }

    /// The first `N` words (`N` ≤ `MAX_WORDS`) of stream `stream`: what `next_u32` gives `N`
    /// times after `set_stream(stream)` on the freshly seeded `ChaCha8Rng`.
    #[cfg(target_arch = "wasm32")]
    pub fn words<const N: usize>(&self, stream: u64) -> [u32; N] {
        const { assert!(N <= MAX_WORDS) };
        let blocks = chacha8_four_blocks(&self.key, stream);
        std::array::from_fn(|j| blocks[j % 16][j / 16])
    }
}

/// ChaCha8 blocks 0 to 3 of stream `stream` under `key`, computed side by side (lane `b` of
/// each vector is block `b`): `out[j][b]` is word `j` of block `b`. The state is rand_chacha's:
/// the four constants, the key, a 64-bit block counter, the 64-bit stream.
#[cfg(target_arch = "wasm32")]
#[target_feature(enable = "simd128")]
fn chacha8_four_blocks(key: &[u32; 8], stream: u64) -> [[u32; 4]; 16] {
    use core::arch::wasm32::*;
    // A right rotation of every 32-bit lane by 16 or 8 bits is a byte shuffle.
    #[inline(always)]
    fn rotl16(v: v128) -> v128 {
        i8x16_shuffle::<2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13>(v, v)
    }
    #[inline(always)]
    fn rotl8(v: v128) -> v128 {
        i8x16_shuffle::<3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14>(v, v)
    }
    #[inline(always)]
    fn rotl<const L: u32, const R: u32>(v: v128) -> v128 {
        v128_or(i32x4_shl(v, L), u32x4_shr(v, R))
    }
    #[inline(always)]
    fn quarter(x: &mut [v128; 16], a: usize, b: usize, c: usize, d: usize) {
        x[a] = i32x4_add(x[a], x[b]);
        x[d] = rotl16(v128_xor(x[d], x[a]));
        x[c] = i32x4_add(x[c], x[d]);
        x[b] = rotl::<12, 20>(v128_xor(x[b], x[c]));
        x[a] = i32x4_add(x[a], x[b]);
        x[d] = rotl8(v128_xor(x[d], x[a]));
        x[c] = i32x4_add(x[c], x[d]);
        x[b] = rotl::<7, 25>(v128_xor(x[b], x[c]));
    }
    let words: [u32; 16] = [
        0x6170_7865,
        0x3320_646e,
        0x7962_2d32,
        0x6b20_6574,
        key[0],
        key[1],
        key[2],
        key[3],
        key[4],
        key[5],
        key[6],
        key[7],
        0,
        0,
        stream as u32,
        (stream >> 32) as u32,
    ];
    let mut initial = words.map(|w| u32x4_splat(w));
    initial[12] = u32x4(0, 1, 2, 3);
    let mut x = initial;
    for _ in 0..4 {
        quarter(&mut x, 0, 4, 8, 12);
        quarter(&mut x, 1, 5, 9, 13);
        quarter(&mut x, 2, 6, 10, 14);
        quarter(&mut x, 3, 7, 11, 15);
        quarter(&mut x, 0, 5, 10, 15);
        quarter(&mut x, 1, 6, 11, 12);
        quarter(&mut x, 2, 7, 8, 13);
        quarter(&mut x, 3, 4, 9, 14);
    }
    let mut out = [[0_u32; 4]; 16];
    for ((o, v), i) in out.iter_mut().zip(x).zip(initial) {
        let sum = i32x4_add(v, i);
        *o = [
            u32x4_extract_lane::<0>(sum),
            u32x4_extract_lane::<1>(sum),
            u32x4_extract_lane::<2>(sum),
            u32x4_extract_lane::<3>(sum),
        ];
    }
    out
}

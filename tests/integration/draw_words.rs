//! Guards the Monte Carlo's random words: `DrawRng` gives rand_chacha's `ChaCha8Rng` words,
//! natively (where it is `ChaCha8Rng`) and in Wasm (where it has its own simd128 block function;
//! tests/wasm_identity.rs runs the same check in Chromium).

use licheng_sim::model::draw_rng::DrawRng;
use rand::{RngCore, SeedableRng};

/// For several seeds and streams (up to the last), the first 64, 35 and 1 words of `DrawRng`
/// equal those of a freshly seeded `ChaCha8Rng` set to that stream.
pub fn draw_words_equal_rand_chachas() {
    let streams = [
        0,
        1,
        2,
        3,
        255,
        256,
        65_535,
        1 << 32,
        (1 << 32) + 7,
        u64::MAX,
    ];
    for seed in [0, 1, 20_250_101, u64::MAX] {
        let rng = DrawRng::new(seed);
        for stream in streams.into_iter().chain(1_000..1_050) {
            let mut reference = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            reference.set_stream(stream);
            let expected: [u32; 64] = std::array::from_fn(|_| reference.next_u32());
            assert_eq!(
                rng.words::<64>(stream),
                expected,
                "seed {seed}, stream {stream}"
            );
            assert_eq!(rng.words::<35>(stream)[..], expected[..35]);
            assert_eq!(rng.words::<1>(stream)[..], expected[..1]);
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn draw_words_are_rand_chachas() {
    draw_words_equal_rand_chachas();
}

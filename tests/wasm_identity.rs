//! Runs in headless Chromium: the model in WebAssembly gives byte-identical results to the native
//! CLI. Both compare with the same snapshot files (tests/snapshots/), which the native
//! integration tests check against the CLI's output.
#![cfg(target_arch = "wasm32")]

use licheng_sim::model::levers::{LeverId, Levers};
use licheng_sim::model::montecarlo::Settings;
use licheng_sim::scenario::{report, uncertainty, Engine};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "integration/draw_words.rs"]
mod draw_words;

/// In Wasm each draw's words come from the model's own simd128 ChaCha8 block function: they are
/// rand_chacha's, word for word.
#[wasm_bindgen_test]
fn draw_words_are_rand_chachas_in_wasm() {
    draw_words::draw_words_equal_rand_chachas();
}

#[wasm_bindgen_test]
fn deterministic_projection_matches_native_snapshot() {
    let engine = Engine::licheng();
    let run = engine.run(&Levers::default()).expect("defaults are valid");
    let rows = report::target_rows(&engine, &run);
    let csv = format!(
        "{}\n{}",
        report::projection_csv(&run),
        report::targets_csv(&rows)
    );
    assert_eq!(csv, include_str!("snapshots/baseline-project.csv"));
}

#[wasm_bindgen_test]
fn monte_carlo_with_a_seed_matches_native_snapshot() {
    let engine = Engine::licheng();
    let levers = Levers::with_overrides(&[(LeverId::NetMigration, 2000.0)]).expect("in range");
    let settings = Settings::new(7, 1.0).expect("valid");
    let result = engine
        .run_monte_carlo(&levers, settings, 300)
        .expect("valid");
    let json =
        serde_json::to_string_pretty(&uncertainty::mc_json(&engine, &(&result).into(), settings))
            .expect("serialises")
            + "\n";
    assert_eq!(json, include_str!("snapshots/mc-seed7-300.json"));
}

#[wasm_bindgen_test]
fn square_root_instruction_equals_libm_software_square_root() {
    // The model's `math::sqrt` is the `f64.sqrt` instruction; libm's wasm32 build is a software
    // loop. Both must be IEEE correctly rounded, so every bit agrees (what keeps the browser
    // identical to the CLI, whose sqrt is the x86 instruction).
    let mut x = 1.0e-300_f64;
    let mut checked = 0;
    while x < 1.0e300 {
        for v in [x, x * 1.000_000_1, x * 3.3, x * 7.77] {
            assert_eq!(
                licheng_sim::model::math::sqrt(v).to_bits(),
                libm::sqrt(v).to_bits(),
                "{v:e}"
            );
            checked += 1;
        }
        x *= 1.37;
    }
    assert!(checked > 4_000);
    for v in [0.0, -0.0, f64::MIN_POSITIVE, 2.0, 0.5, 1.0 - f64::EPSILON] {
        assert_eq!(
            licheng_sim::model::math::sqrt(v).to_bits(),
            libm::sqrt(v).to_bits()
        );
    }
}

//! Runs in headless Chromium: the model in WebAssembly gives byte-identical results to the native
//! CLI. Both compare with the same snapshot files (tests/snapshots/), which the native
//! integration tests check against the CLI's output.
#![cfg(target_arch = "wasm32")]

use licheng_sim::model::levers::{LeverId, Levers};
use licheng_sim::model::montecarlo::Settings;
use licheng_sim::scenario::{report, uncertainty, Engine};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

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
    let json = serde_json::to_string_pretty(&uncertainty::mc_json(&engine, &result, settings))
        .expect("serialises")
        + "\n";
    assert_eq!(json, include_str!("snapshots/mc-seed7-300.json"));
}

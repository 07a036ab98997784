//! Benchmarks of the model on divan (figures, not timed tests): one deterministic projection,
//! one full run from levers, 10,000 Monte Carlo draws on one core and on every core, and the
//! parts of a one-core run. Run with `cargo bench --bench model`; a word after `--` runs only the
//! benchmarks whose name matches it (`cargo bench --bench model -- mc_10000`). divan prints each
//! one's fastest, slowest, median and mean; `scripts/figures` reads the medians.

use divan::{black_box, Bencher};
use licheng_sim::model::levers::Levers;
use licheng_sim::model::montecarlo::{summarize, MonteCarlo, Settings};
use licheng_sim::model::projection;
use licheng_sim::scenario::uncertainty::draw_all;
use licheng_sim::scenario::Engine;

fn main() {
    divan::main();
}

/// The seed of the page's default run.
fn settings() -> Settings {
    Settings::new(20_250_509, 1.0).expect("valid")
}

fn prepared_run(engine: &Engine) -> MonteCarlo {
    engine
        .monte_carlo(&Levers::default(), settings())
        .expect("valid")
}

/// One deterministic 4-year projection from prepared rates (goal ≤ 5 µs).
#[divan::bench]
fn projection_native(bencher: Bencher) {
    let engine = Engine::licheng();
    let levers = Levers::default();
    let prepared = engine.prepare(&levers).expect("defaults are valid");
    bencher.bench_local(|| projection::project(engine.baseline(), black_box(&prepared), &levers));
}

/// Life tables, schedules, the projection and every target, from the levers.
#[divan::bench]
fn run_from_levers(bencher: Bencher) {
    let engine = Engine::licheng();
    let levers = Levers::default();
    bencher.bench_local(|| engine.run(black_box(&levers)).expect("valid"));
}

/// Set-up, 10,000 draws on one core and their percentiles: what the page's one worker does.
#[divan::bench(sample_count = 9, sample_size = 1)]
fn mc_10000_native_1thread(bencher: Bencher) {
    let engine = Engine::licheng();
    bencher.bench_local(|| summarize(&mut prepared_run(&engine).draws(0..10_000)));
}

/// Set-up, 10,000 draws on every core (`draw_all`) and their percentiles: what the CLI does
/// (goal ≤ 50 ms).
#[divan::bench(sample_count = 9, sample_size = 1)]
fn mc_10000_native_all_cores(bencher: Bencher) {
    let engine = Engine::licheng();
    bencher.bench_local(|| summarize(&mut draw_all(&prepared_run(&engine), 10_000)));
}

/// Parts of the one-core run: the set-up.
#[divan::bench(sample_count = 9, sample_size = 1)]
fn mc_part_setup(bencher: Bencher) {
    let engine = Engine::licheng();
    bencher.bench_local(|| prepared_run(&engine));
}

/// Parts of the one-core run: the lever values of 10,000 draws (inside the draws below).
#[divan::bench(sample_count = 9, sample_size = 1)]
fn mc_part_levers_of(bencher: Bencher) {
    let mc = prepared_run(&Engine::licheng());
    bencher.bench_local(|| {
        for i in 0..10_000 {
            black_box(mc.levers_of(i));
        }
    });
}

/// Parts of the one-core run: 10,000 draws.
#[divan::bench(sample_count = 9, sample_size = 1)]
fn mc_part_draws(bencher: Bencher) {
    let mc = prepared_run(&Engine::licheng());
    bencher.bench_local(|| mc.draws(0..10_000));
}

/// Parts of the one-core run: the percentiles of 10,000 draws (a fresh copy each time: a
/// summary reorders its table).
#[divan::bench(sample_count = 9, sample_size = 1)]
fn mc_part_percentiles(bencher: Bencher) {
    let all = prepared_run(&Engine::licheng()).draws(0..10_000);
    bencher
        .with_inputs(|| all.clone())
        .bench_local_values(|mut table| summarize(&mut table));
}

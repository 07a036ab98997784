//! Benchmarks of the model that print figures (not timed tests): one deterministic projection,
//! one full run from levers, and 10,000 Monte Carlo draws, natively. Run with
//! `cargo bench --bench model`; each figure is the median of repeated batches.

use licheng_sim::model::levers::Levers;
use licheng_sim::model::montecarlo::{summarize, Settings};
use licheng_sim::model::projection;
use licheng_sim::scenario::Engine;
use std::hint::black_box;
use std::time::Instant;

/// Median seconds per call of `f`, over `batches` batches of `per_batch` calls.
fn median_per_call(batches: usize, per_batch: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..batches)
        .map(|_| {
            let t0 = Instant::now();
            for _ in 0..per_batch {
                f();
            }
            t0.elapsed().as_secs_f64() / per_batch as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let engine = Engine::licheng();
    let levers = Levers::default();
    let prepared = engine.prepare(&levers).expect("defaults are valid");

    let project = median_per_call(50, 2_000, || {
        black_box(projection::project(
            engine.baseline(),
            black_box(&prepared),
            &levers,
        ));
    });
    println!("figure: projection_native_median_us={:.2} (one deterministic 4-year projection from prepared rates; goal <= 5)", project * 1e6);

    let full = median_per_call(30, 200, || {
        black_box(engine.run(black_box(&levers)).expect("valid"));
    });
    println!("figure: run_from_levers_native_median_us={:.2} (life tables + schedules + projection + 14 targets)", full * 1e6);

    let settings = Settings::new(20_250_509, 1.0).expect("valid");
    let mc = median_per_call(7, 1, || {
        let mc = engine.monte_carlo(&levers, settings).expect("valid");
        black_box(summarize(&mc.draws(0..10_000), mc.target_count()));
    });
    println!("figure: mc_10000_native_1thread_median_ms={:.1} (set-up, 10,000 draws on one core, percentiles)", mc * 1e3);

    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mc_par = median_per_call(7, 1, || {
        black_box(
            engine
                .run_monte_carlo(&levers, settings, 10_000)
                .expect("valid"),
        );
    });
    println!(
        "figure: mc_10000_native_median_ms={:.1} (set-up, 10,000 draws on {threads} cores, percentiles; goal <= 50)",
        mc_par * 1e3
    );
}

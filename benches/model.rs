//! Benchmarks of the model that print figures (not timed tests): one deterministic projection,
//! one full run from levers, and 10,000 Monte Carlo draws, natively. Run with
//! `cargo bench --bench model`; each figure is the median of repeated batches. A word after
//! `--` (`cargo bench --bench model -- mc`) runs only the figures whose name contains it (for
//! profiling one part).

use licheng_sim::model::levers::Levers;
use licheng_sim::model::montecarlo::{summarize, Settings};
use licheng_sim::model::projection;
use licheng_sim::scenario::uncertainty::draw_all;
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

/// Whether the figure `name` was asked for (no filter: every figure).
fn wanted(name: &str) -> bool {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str()))
}

fn main() {
    let engine = Engine::licheng();
    let levers = Levers::default();
    let prepared = engine.prepare(&levers).expect("defaults are valid");

    if wanted("projection_native") {
        let project = median_per_call(50, 2_000, || {
            black_box(projection::project(
                engine.baseline(),
                black_box(&prepared),
                &levers,
            ));
        });
        println!("figure: projection_native_median_us={:.2} (one deterministic 4-year projection from prepared rates; goal <= 5)", project * 1e6);
    }

    if wanted("run_from_levers") {
        let full = median_per_call(30, 200, || {
            black_box(engine.run(black_box(&levers)).expect("valid"));
        });
        println!("figure: run_from_levers_native_median_us={:.2} (life tables + schedules + projection + 14 targets)", full * 1e6);
    }

    let settings = Settings::new(20_250_509, 1.0).expect("valid");
    if wanted("mc_parts") {
        // Where the one-core time goes: set-up, draws, percentiles.
        let setup = median_per_call(7, 1, || {
            black_box(engine.monte_carlo(&levers, settings).expect("valid"));
        });
        let mc = engine.monte_carlo(&levers, settings).expect("valid");
        let levers_of = median_per_call(7, 1, || {
            for i in 0..10_000 {
                black_box(mc.levers_of(i));
            }
        });
        let draws = median_per_call(7, 1, || {
            black_box(mc.draws(0..10_000));
        });
        let all = mc.draws(0..10_000);
        let summary = median_per_call(7, 1, || {
            // A fresh copy each time: a summary reorders its table.
            black_box(summarize(&mut black_box(all.clone())));
        });
        println!(
            "figure: mc_parts_native_1thread_ms setup={:.1} levers_of={:.1} draws={:.1} percentiles={:.1} (10,000 draws; the draws include levers_of)",
            setup * 1e3,
            levers_of * 1e3,
            draws * 1e3,
            summary * 1e3
        );
    }

    if wanted("mc_10000_native_1thread") {
        let mc = median_per_call(7, 1, || {
            let mc = engine.monte_carlo(&levers, settings).expect("valid");
            black_box(summarize(&mut mc.draws(0..10_000)));
        });
        println!("figure: mc_10000_native_1thread_median_ms={:.1} (set-up, 10,000 draws on one core, percentiles)", mc * 1e3);
    }

    if wanted("mc_10000_native_median") {
        // What `Engine::run_monte_carlo` does, step by step, so that the parts of the run with
        // the median total can be printed too (they add up to it): set-up, the draws on every
        // core (`draw_all`), the percentiles.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let mut runs: Vec<[f64; 3]> = (0..7)
            .map(|_| {
                let t0 = Instant::now();
                let mc = engine.monte_carlo(&levers, settings).expect("valid");
                let t1 = Instant::now();
                let mut table = draw_all(&mc, 10_000);
                let t2 = Instant::now();
                black_box(summarize(&mut table));
                let t3 = Instant::now();
                [t1 - t0, t2 - t1, t3 - t2].map(|d| d.as_secs_f64() * 1e3)
            })
            .collect();
        runs.sort_by(|a, b| a.iter().sum::<f64>().total_cmp(&b.iter().sum::<f64>()));
        let [setup, draws, percentiles] = runs[runs.len() / 2];
        println!(
            "figure: mc_10000_native_median_ms={:.1} (set-up, 10,000 draws on {threads} cores, percentiles; goal <= 50)",
            setup + draws + percentiles
        );
        println!(
            "figure: mc_10000_native_parts_ms setup={setup:.1} draws={draws:.1} percentiles={percentiles:.1} (the run above)"
        );
    }
}

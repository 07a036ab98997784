//! The projection model: pure Rust, no serde, no web crates, no clocks, no unseeded randomness.
//!
//! * `cohort` — the cohort-component engine (any group width 1 or 5, open last group).
//! * `life_table` — the model life table that turns life expectancy into survival.
//! * `schedules` — standard age schedules (fertility, migration, labour-force participation).
//! * `actuals` — what the plan years already delivered, in place of the projection's values.
//! * `levers` — every assumption an analyst can move, with unit, range and provenance.
//! * `projection` — the Licheng projection 2025–2028 over all modules.
//! * `history` — the years from a census to the base year: the base table's derivation and the
//!   hindcast, with the projection's own rates.
//! * `targets` — the work plan's quantitative targets and how each is evaluated.
//! * `montecarlo` — uncertainty: distributions, seeded draws, percentiles, probabilities.
//! * `draw_rng` — each draw's random words (ChaCha8, with a simd128 block function in Wasm).
//! * `decision` — tornado and goal-seek.

pub mod actuals;
pub mod baseline;
pub mod cohort;
pub mod decision;
pub mod draw_rng;
pub mod error;
pub mod history;
pub mod levers;
pub mod life_table;
pub mod math;
pub mod montecarlo;
pub mod projection;
pub mod schedules;
pub mod targets;

pub use error::ModelError;

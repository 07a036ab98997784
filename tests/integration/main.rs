//! Integration tests: one binary. Data-driven cases live under `tests/cases/`; each module here
//! is named after what it guards.

mod actuals;
mod baseline_figures;
mod baseline_snapshot;
mod ccm_reference;
mod cli_bad_input;
mod draw_words;
mod fuzz_corpus;
mod hindcast;
mod layering;
mod lever_sweep;
mod link_codec;
mod meeting_table;
mod monte_carlo;
mod projection_properties;
mod qr_code;
mod saved_scenarios;
mod seeds_consistency;
mod util;

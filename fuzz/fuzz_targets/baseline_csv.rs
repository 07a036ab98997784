//! Fuzz target `baseline_csv`: `scenario::population_csv::parse` never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use licheng_sim::scenario::population_csv::parse;

fuzz_target!(|data: &[u8]| {
    let _ = parse(&String::from_utf8_lossy(data));
});

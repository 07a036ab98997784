//! Fuzz target `custom_baseline`: `scenario::custom_baseline::CustomBaseline::parse` never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use licheng_sim::scenario::custom_baseline::CustomBaseline;

fuzz_target!(|data: &[u8]| {
    let _ = CustomBaseline::parse(&String::from_utf8_lossy(data));
});

//! Fuzz target `scenario_import`: `scenario::saved::parse_store` never panics, and the scenarios
//! it keeps export and load back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use licheng_sim::scenario::saved::{parse_store, store_json};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let load = parse_store(&text);
    let again = parse_store(&store_json(&load.scenarios));
    assert!(again.set_aside.is_empty());
    assert_eq!(again.scenarios, load.scenarios);
});

//! Fuzz target `link_decode`: `scenario::link::decode` never panics, and whatever it reads
//! re-encodes to a link that reads back the same with no notice (`link::assert_round_trip`,
//! the property the corpus test checks too).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    licheng_sim::scenario::link::assert_round_trip(&String::from_utf8_lossy(data));
});

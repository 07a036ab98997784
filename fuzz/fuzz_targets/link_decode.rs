//! Fuzz target `link_decode`: `scenario::link::decode` never panics, and whatever it reads
//! re-encodes to a link that reads back the same with no notice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use licheng_sim::scenario::link::{decode, encode, LinkState, LINK_VERSION};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let d = decode(&text);
    let again = decode(&encode(&d.state));
    assert!(again.notices.is_empty(), "{:?}", again.notices);
    assert_eq!(
        again.state,
        LinkState {
            version: LINK_VERSION,
            ..d.state
        }
    );
});

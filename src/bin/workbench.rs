//! The whole page, loaded by www/boot.js after the first view: `take_over` mounts it from the
//! first view's `hand_over` bytes.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::wasm_bindgen;

#[cfg(target_arch = "wasm32")]
fn main() {
    licheng_sim::ui::record_panics();
}

/// Mounts the whole page where the first view was.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn take_over(handoff: &[u8]) {
    licheng_sim::ui::take_over(handoff);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the page is built for wasm32 by trunk: run scripts/serve (see README)");
}

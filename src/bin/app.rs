//! The page's first load: records panics for www/boot.js's recoverable panel and mounts the first
//! view (the dashboard and the levers); `hand_over` ends it when the whole page (src/bin/workbench.rs)
//! is ready to take over.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::wasm_bindgen;

#[cfg(target_arch = "wasm32")]
fn main() {
    licheng_sim::ui::record_panics();
    licheng_sim::ui::start_first_view();
}

/// The first view's state as bytes for `take_over`; the first view is gone afterwards.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn hand_over() -> Vec<u8> {
    licheng_sim::ui::hand_over()
}

/// Tells the first view that the whole page could not load (its tabs of the whole page say so).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn whole_failed() {
    licheng_sim::ui::whole_failed()
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the page is built for wasm32 by trunk: run scripts/serve (see README)");
}

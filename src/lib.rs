//! Licheng scenario simulator: the pure projection model, the scenario layer over it, the Yew
//! workbench (its pure parts build natively) and its Monte Carlo worker (wasm32 only).
//! Dependencies point one way: `ui` → `worker` → `scenario` → `model`. See ARCHITECTURE.md.

pub mod model;
pub mod scenario;

pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod worker;

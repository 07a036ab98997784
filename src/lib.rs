//! Licheng scenario simulator: the pure projection model, the scenario layer over it, and (on
//! wasm32 only) the Yew workbench and its Monte Carlo worker. Dependencies point one way:
//! `ui` → `worker` → `scenario` → `model`. See ARCHITECTURE.md.

pub mod model;
pub mod scenario;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod worker;

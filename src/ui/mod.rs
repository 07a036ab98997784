//! The Yew workbench: what the analyst sees and touches. `App` (`app.rs`) owns the state
//! (`state::Workbench`, a reducer) and lays out the header, the lever column and the tabs.
//!
//! The deterministic run happens synchronously in the reducer on every lever change
//! (`Engine::run`, one engine built once). The Monte Carlo worker's updates arrive as
//! `Action::Mc` (`uncertainty::McState`): bands for the charts, probabilities for the target
//! table.
//!
//! The pure parts (`format`, `i18n`, `scale`) build natively and are tested by `cargo test`;
//! everything with yew or web-sys is wasm32 only.

#[cfg(target_arch = "wasm32")]
pub mod actuals_panel;
#[cfg(target_arch = "wasm32")]
pub mod baseline_editor;
#[cfg(target_arch = "wasm32")]
pub mod baseline_import;
#[cfg(target_arch = "wasm32")]
pub mod chart_panel;
#[cfg(target_arch = "wasm32")]
pub mod charts;
#[cfg(target_arch = "wasm32")]
pub mod clock;
#[cfg(target_arch = "wasm32")]
pub mod dashboard;
#[cfg(target_arch = "wasm32")]
pub mod decision_panel;
#[cfg(target_arch = "wasm32")]
pub mod export;
#[cfg(target_arch = "wasm32")]
pub mod focus;
pub mod format;
pub mod i18n;
#[cfg(target_arch = "wasm32")]
pub mod levers_panel;
#[cfg(target_arch = "wasm32")]
pub mod methods;
#[cfg(target_arch = "wasm32")]
pub mod present;
#[cfg(target_arch = "wasm32")]
pub mod saved_panel;
pub mod scale;
#[cfg(target_arch = "wasm32")]
pub mod share;
#[cfg(target_arch = "wasm32")]
pub mod sources;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod uncertainty;
#[cfg(target_arch = "wasm32")]
pub mod url_sync;
#[cfg(target_arch = "wasm32")]
pub mod workplan;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
pub use app::App;

//! The Yew workbench: what the analyst sees and touches. `App` (`app.rs`) owns the state
//! (`state::Workbench`, a reducer) and lays out the header, the lever column and the tabs.
//!
//! The deterministic run happens synchronously in the reducer on every lever change
//! (`Engine::run`, one engine built once). The Monte Carlo worker's updates arrive as
//! `Action::Mc` (`scenario::mc_state::McState`, the worker owned by `mc_hook`): bands for the charts, probabilities for the target
//! table.
//!
//! The pure parts (`file_names`, `format`, `handoff`, `i18n`, `mc_view`, `methods_text`, `number_input`, `scale`, the reducer `state`,
//! `workplan_search`) build natively and are tested by
//! `cargo test`;
//! everything with yew or web-sys is wasm32 only.

pub mod file_names;
pub mod format;
pub mod handoff;
pub mod i18n;
pub mod mc_view;
pub mod methods_text;
pub mod number_input;
pub mod scale;
pub mod state;
pub mod workplan_search;

/// Declares the modules that use yew, web-sys or gloo: wasm32 only.
macro_rules! wasm32_only {
    ($($module:ident),* $(,)?) => {
        $(
            #[cfg(target_arch = "wasm32")]
            pub mod $module;
        )*
    };
}

wasm32_only!(
    actuals_panel,
    baseline_editor,
    baseline_import,
    chart_panel,
    charts,
    clock,
    dashboard,
    decision_panel,
    export,
    focus,
    hooks,
    levers_panel,
    mc_hook,
    methods,
    present,
    saved_panel,
    share,
    sources,
    uncertainty,
    url_sync,
    workplan,
);

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
pub use app::{hand_over, record_panics, start_first_view, take_over, whole_failed, App};

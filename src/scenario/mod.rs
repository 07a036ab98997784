//! The scenario layer: reads seeds and files (serde), builds validated model inputs, runs
//! scenarios and formats results. It knows the model; it knows nothing of the browser.

pub mod actuals;
pub mod baseline_edits;
pub mod ccm_run;
pub mod custom_baseline;
pub mod engine;
pub mod error;
pub mod hindcast;
pub mod link;
pub mod mc_messages;
pub mod mc_run;
pub mod mc_state;
pub mod meeting_table;
pub mod population_csv;
pub mod presets;
pub mod qr;
pub mod report;
pub mod saved;
pub mod seeds;
pub mod status;
pub mod uncertainty;

pub use engine::{Engine, Run};
pub use error::InputError;

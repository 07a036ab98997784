//! The scenario layer: reads seeds and files (serde), builds validated model inputs, formats
//! results. It knows the model; it knows nothing of the browser.

pub mod ccm_run;
pub mod custom_baseline;
pub mod error;

pub use error::InputError;

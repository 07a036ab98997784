//! Integration tests: one binary. Data-driven cases live under `tests/cases/`; each module here
//! is named after what it guards.

mod ccm_reference;
mod util;

//! Portable floating-point functions: every transcendental call in the model goes through here.
//!
//! `f64::exp` and friends call the platform's C library natively and a Rust port on wasm32, which
//! may differ in the last bit. The `libm` crate is the same code on every target, so one seed and
//! one scenario give bit-identical numbers in the CLI and in the browser.

/// e^x, identical on every target.
#[inline]
pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

/// Natural logarithm, identical on every target.
#[inline]
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// x^y, identical on every target.
#[inline]
pub fn pow(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}

/// Square root (IEEE correctly rounded everywhere, routed here for uniformity).
#[inline]
pub fn sqrt(x: f64) -> f64 {
    libm::sqrt(x)
}

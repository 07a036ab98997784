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

/// The largest whole number not above `x` (exact on every target: `f64.floor` in WebAssembly,
/// `roundsd` or libm's exact bit manipulation natively).
#[inline]
pub fn floor(x: f64) -> f64 {
    x.floor()
}

/// Square root: IEEE 754 requires it correctly rounded, so the hardware instruction gives the
/// same bits on every target (`sqrtsd` natively, `f64.sqrt` in WebAssembly). Not `libm::sqrt`:
/// on wasm32 that is a bit-by-bit software loop (libm uses the instruction only with nightly
/// intrinsics there), which made the triangular draws several times slower in the browser.
#[inline]
pub fn sqrt(x: f64) -> f64 {
    x.sqrt()
}

/// The smaller of `a` and `b` (the other one if either is NaN), as `f64::min` but as a compare
/// and select: in WebAssembly `f64::min` is a call to a software `fmin` (the `f64.min`
/// instruction treats NaN and ±0 differently), which cost more than the arithmetic around it in
/// the projection's loops. The same code on every target, so the same bits.
#[inline]
pub fn min(a: f64, b: f64) -> f64 {
    if a < b || b.is_nan() {
        a
    } else {
        b
    }
}

/// The larger of `a` and `b` (the other one if either is NaN); see [`min`].
#[inline]
pub fn max(a: f64, b: f64) -> f64 {
    if a > b || b.is_nan() {
        a
    } else {
        b
    }
}

/// Σ xs in a fixed order: four running sums over `xs[4k + j]` (j = 0..3), added as
/// `(s0 + s1) + (s2 + s3)` and then the remainder in order. Four independent chains run about
/// four times faster than one on any CPU (and vectorise natively), and the order is written
/// down, so every target gives the same bits.
#[inline]
pub fn sum(xs: &[f64]) -> f64 {
    let mut s = [0.0_f64; 4];
    let mut chunks = xs.chunks_exact(4);
    for c in &mut chunks {
        s[0] += c[0];
        s[1] += c[1];
        s[2] += c[2];
        s[3] += c[3];
    }
    let mut total = (s[0] + s[1]) + (s[2] + s[3]);
    for &x in chunks.remainder() {
        total += x;
    }
    total
}

/// Σ aᵢ·bᵢ over the shorter of the two, in the order of [`sum`].
#[inline]
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut s = [0.0_f64; 4];
    let mut ca = a.chunks_exact(4);
    let mut cb = b.chunks_exact(4);
    for (x, y) in (&mut ca).zip(&mut cb) {
        s[0] += x[0] * y[0];
        s[1] += x[1] * y[1];
        s[2] += x[2] * y[2];
        s[3] += x[3] * y[3];
    }
    let mut total = (s[0] + s[1]) + (s[2] + s[3]);
    for (x, y) in ca.remainder().iter().zip(cb.remainder()) {
        total += x * y;
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_and_max_agree_with_f64_min_and_max() {
        let values = [
            -2.5,
            -0.0,
            0.0,
            1.0,
            0.99,
            7.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        for a in values {
            for b in values {
                let (m, x) = (min(a, b), max(a, b));
                if a.is_nan() && b.is_nan() {
                    assert!(m.is_nan() && x.is_nan());
                } else {
                    // Equal as numbers (f64::min may pick either zero of a ±0 pair).
                    assert_eq!(m, a.min(b), "min({a}, {b})");
                    assert_eq!(x, a.max(b), "max({a}, {b})");
                }
            }
        }
    }

    #[test]
    fn sum_and_dot_agree_with_the_plain_loop_to_rounding() {
        for n in [0, 1, 3, 4, 5, 66, 111] {
            let xs: Vec<f64> = (0..n).map(|i| 1000.0 / (1.0 + i as f64)).collect();
            let ys: Vec<f64> = (0..n).map(|i| 0.5 + 0.01 * i as f64).collect();
            let plain: f64 = xs.iter().sum();
            assert!(
                (sum(&xs) - plain).abs() <= 1e-12 * plain.abs().max(1.0),
                "n = {n}"
            );
            let plain_dot: f64 = xs.iter().zip(&ys).map(|(x, y)| x * y).sum();
            assert!((dot(&xs, &ys) - plain_dot).abs() <= 1e-12 * plain_dot.abs().max(1.0));
        }
        // Exact on integers, and the remainder is not dropped.
        assert_eq!(sum(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]), 28.0);
        assert_eq!(
            dot(&[1.0, 2.0, 3.0, 4.0, 5.0], &[1.0, 1.0, 1.0, 1.0, 2.0]),
            20.0
        );
    }
}

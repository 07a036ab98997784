//! The model life table: turns a life expectancy at birth into person-years `nLx` and survival.
//!
//! # Formula
//!
//! A Siler force of mortality (infant, constant and Gompertz terms) whose adult part is scaled
//! by a level `k` per sex:
//!
//! `μ(x) = A·e^(−B·x) + k·(C + D·e^(G·x))`, with `A = 0.03, B = 8, C = 0.0002, D = 5·10⁻⁶,
//! G = 0.115`,
//!
//! so `l(x) = exp(−H_i(x) − k·H_a(x))` with the closed-form cumulative hazards
//! `H_i(x) = A/B·(1 − e^(−B·x))` and `H_a(x) = C·x + D/G·(e^(G·x) − 1)`. Person-years in
//! `[x, x+1)` use Simpson's rule on `l`; the open group integrates to age 130 (where
//! `l < 10⁻¹⁷` at every admissible level). `k` is found by safeguarded Newton iteration so that
//! `e0 = Σ L_x` equals the target. Scaling only the adult part puts the difference between the
//! sexes' life expectancies at adult ages, where it is in every national life table, and
//! leaves infant mortality nearly the same for both (`q0 ≈ 3.9 ‰`); scaling a Gompertz hazard by `k`
//! shifts adult mortality along the age axis by `ln k / G` years.
//!
//! **Estimate:** the shape parameters are ours, chosen to give Chinese urban levels (q0 of a few
//! per thousand, e0 near Fujian's 79.3 in 2024); no Licheng life table is published. The same
//! table derives the base-year population (`seeds/derive_baseline.py` and
//! `scenario::derivation`) and projects it. Analysts can supply their own `nLx` instead (custom
//! baseline).

use super::error::{check_range, ModelError};
use super::math;

const A: f64 = 0.03;
const B: f64 = 8.0;
const C: f64 = 0.0002;
const D: f64 = 5.0e-6;
const G: f64 = 0.115;
/// Oldest age integrated; survival beyond is below 10⁻¹⁷ for every admissible level.
const OMEGA: usize = 130;
/// Lowest and highest life expectancy the model life table accepts.
pub const E0_RANGE: (f64, f64) = (50.0, 95.0);

/// Cumulative infant hazard `H_i(x)` (not scaled by the level).
pub fn infant_hazard(x: f64) -> f64 {
    A / B * (1.0 - math::exp(-B * x))
}

/// Cumulative adult hazard `H_a(x)` (scaled by the level `k`).
pub fn adult_hazard(x: f64) -> f64 {
    C * x + D / G * (math::exp(G * x) - 1.0)
}

/// The standard hazard evaluated once on the half-year grid 0, 0.5, …, 130, with the Simpson
/// weights that turn `l` on the grid into person-years. Build once, reuse for every `e0`.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelLifeTable {
    /// `(H_i, H_a)` on the half-year grid.
    hazard: Vec<(f64, f64)>,
}

/// A life table for one sex at single years of age, with an open group.
#[derive(Debug, Clone, PartialEq)]
pub struct LifeTable {
    /// Person-years lived in `[x, x+1)` for `x < open_age`, then `T(open_age)`; radix 1.
    pub nlx: Vec<f64>,
    /// Life expectancy at birth (the target it was solved for, to 1e-9 years).
    pub e0: f64,
    /// The level `k` applied to the standard hazard.
    pub level: f64,
}

impl Default for ModelLifeTable {
    fn default() -> Self {
        Self::new()
    }
}

impl ModelLifeTable {
    /// Evaluates `H` on the half-year grid.
    pub fn new() -> Self {
        let hazard = (0..=2 * OMEGA)
            .map(|i| {
                let x = i as f64 / 2.0;
                (infant_hazard(x), adult_hazard(x))
            })
            .collect();
        ModelLifeTable { hazard }
    }

    /// `(e0, de0/dk)` at level `k`.
    fn e0_and_slope(&self, k: f64) -> (f64, f64) {
        let mut e0 = 0.0;
        let mut slope = 0.0;
        for (i, &(infant, adult)) in self.hazard.iter().enumerate() {
            let weight = if i == 0 || i == 2 * OMEGA {
                1.0 / 6.0
            } else if i % 2 == 1 {
                4.0 / 6.0
            } else {
                2.0 / 6.0
            };
            let l = math::exp(-infant - k * adult);
            e0 += weight * l;
            slope -= weight * adult * l;
        }
        (e0, slope)
    }

    /// The level `k` giving life expectancy `e0` (validated against [`E0_RANGE`]).
    pub fn level_for(&self, e0: f64) -> Result<f64, ModelError> {
        self.level_from(e0, 1.0)
    }

    /// As [`level_for`](Self::level_for), starting Newton's iteration at `k` (a neighbouring
    /// table's level converges in one or two steps).
    pub fn level_from(&self, e0: f64, start: f64) -> Result<f64, ModelError> {
        check_range("e0", e0, E0_RANGE.0, E0_RANGE.1)?;
        let mut k: f64 = if start.is_finite() && start > 0.0 {
            start
        } else {
            1.0
        };
        for _ in 0..100 {
            let (value, slope) = self.e0_and_slope(k);
            let next = (k - (value - e0) / slope).clamp(k / 4.0, k * 4.0);
            if (next - k).abs() <= 1e-13 * k {
                return Ok(next);
            }
            k = next;
        }
        Ok(k)
    }

    /// The single-year life table with open group at `open_age` (≤ 130) for life expectancy
    /// `e0`.
    pub fn single_year(&self, e0: f64, open_age: usize) -> Result<LifeTable, ModelError> {
        self.single_year_from(e0, open_age, 1.0)
    }

    /// As [`single_year`](Self::single_year) with Newton started at level `start`.
    pub fn single_year_from(
        &self,
        e0: f64,
        open_age: usize,
        start: f64,
    ) -> Result<LifeTable, ModelError> {
        check_range("open_age", open_age as f64, 2.0, (OMEGA - 1) as f64)?;
        let k = self.level_from(e0, start)?;
        let l: Vec<f64> = self
            .hazard
            .iter()
            .map(|&(infant, adult)| math::exp(-infant - k * adult))
            .collect();
        let unit = |x: usize| (l[2 * x] + 4.0 * l[2 * x + 1] + l[2 * x + 2]) / 6.0;
        let mut nlx: Vec<f64> = (0..open_age).map(unit).collect();
        nlx.push((open_age..OMEGA).map(unit).sum());
        Ok(LifeTable { nlx, e0, level: k })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solved_table_reproduces_its_life_expectancy() {
        let model = ModelLifeTable::new();
        for e0 in [60.0, 76.6, 79.3, 82.2, 90.0] {
            let t = model.single_year(e0, 100).unwrap();
            let sum: f64 = t.nlx.iter().sum();
            assert!((sum - e0).abs() < 1e-8, "e0 {e0}: sum of nLx {sum}");
            assert_eq!(t.nlx.len(), 101);
        }
    }

    #[test]
    fn higher_life_expectancy_means_higher_survival_at_every_age() {
        let model = ModelLifeTable::new();
        let low = model.single_year(75.0, 100).unwrap();
        let high = model.single_year(80.0, 100).unwrap();
        assert!(low.nlx.iter().zip(&high.nlx).all(|(a, b)| b > a));
    }

    #[test]
    fn the_sexes_differ_at_adult_ages_not_in_infancy() {
        let model = ModelLifeTable::new();
        let women = model.single_year(82.0, 100).unwrap();
        let men = model.single_year(76.5, 100).unwrap();
        // Survival over the first year (L1/L0) barely differs; from 60 to 80 it does.
        let ratio = |t: &LifeTable, a: usize, b: usize| t.nlx[b] / t.nlx[a];
        assert!((ratio(&women, 0, 1) - ratio(&men, 0, 1)).abs() < 5e-4);
        assert!(ratio(&women, 60, 80) - ratio(&men, 60, 80) > 0.1);
    }

    #[test]
    fn life_expectancy_outside_range_is_rejected() {
        let model = ModelLifeTable::new();
        assert!(model.level_for(30.0).is_err());
        assert!(model.level_for(f64::NAN).is_err());
    }
}

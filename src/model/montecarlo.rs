//! Monte Carlo over the uncertain levers: distributions, portable seeded draws, per-draw
//! summaries, percentiles and the probability of meeting each target.
//!
//! # Distributions
//!
//! Each lever's low and high values are its 10th and 90th percentiles around the central value
//! (the lever's current setting); the analyst's `spread` multiplies the distance from the centre
//! (0 = no uncertainty, 1 = as documented, 2 = twice as wide). With `z90 = 1.2815515655446004`:
//!
//! * `Normal(μ = v, σ = s · ((v_def − low) + (high − v_def)) / 2 / z90)`;
//! * `LogNormal(ln v, σ = s · (ln(high/v_def) − ln(low/v_def)) / 2 / z90)` (positive quantities);
//! * `Beta` for percentages: mean `v/100`, standard deviation as the normal's, shapes
//!   `α = m·κ, β = (1−m)·κ, κ = m(1−m)/sd² − 1` (falls back to the normal, clamped, when the
//!   spread is too wide for a beta);
//! * `Triangular(a, b, mode)` for planned works, solved so that its 10th, 50th and 90th
//!   percentiles are exactly `v − s·(v_def − low)`, `v` and `v + s·(high − v_def)`: the ratio of
//!   the upper to the lower distance fixes the shape (bisection on the mode's relative position),
//!   the width then fixes the scale. A triangle can only express ratios in [0.617, 1.62]; the
//!   lever table keeps every triangular lever inside that range (tested).
//!
//! Every draw is clamped to the lever's valid range. The distributions are statrs' (their
//! constructors validate the parameters); draws use our own quantile functions built on `libm`
//! (checked against statrs' quantiles in the tests) so that results are bit-identical natively
//! and in WebAssembly: statrs' own quantiles call the platform's maths library, which differs
//! in the last bit between the two (the wasm identity test caught exactly that). Beta quantiles
//! come from a 1,024-interval table built once per run from the density, linearly interpolated.
//!
//! **Correlation.** Gaussian copulas over the standard normal scores (our estimates, none
//! published): net migration with GDP growth (ρ = 0.5, jobs attract migrants) and with Quanzhou's
//! growth (ρ = 0.5, both follow the city's pull); female with male life expectancy (ρ = 0.8);
//! GDP growth with the job-replacement rate (ρ = 0.3). All other levers are independent.
//!
//! **Life expectancy** is drawn like the others; survival for a drawn `e0` is interpolated
//! linearly between model life tables precomputed every 0.2 year over ±4σ (the life table is the
//! costly part of a projection; interpolated ratios are within 1e-5 of the exact table). Likewise the fertility age pattern for a drawn mean age at
//! childbearing is interpolated between patterns precomputed every 0.02 year. Draws beyond ±4σ
//! (probability 6·10⁻⁵) take the grid's end.
//!
//! # Draws and results
//!
//! Draw `i` uses ChaCha8 seeded with the scenario seed on stream `i` (one 32-bit uniform per
//! lever, in table order), so one seed gives the same draws natively and in the browser, in any
//! order and however the work is split. Each draw keeps a summary (the tracked series per year
//! and each target's value and met flag), never its age tables. Percentiles are the median-unbiased type 8 estimator, computed as statrs' `quantile`
//! computes it (checked against it) from one selection per column; the probability of a target
//! is the share of draws that meet it, counted as each draw is made.

use super::baseline::Baseline;
use super::cohort::Survival;
use super::draw_rng::DrawRng;
use super::error::{check_range, ModelError};
use super::levers::{LeverId, Levers, Spread, LEVERS, LEVER_COUNT};
use super::life_table::ModelLifeTable;
use super::math;
use super::projection::{
    self, BaseDraw, Prepared, Projection, ProjectionBuffers, Schedules, YearResult, HORIZON,
};
use super::targets::Target;
use statrs::distribution::{Beta, LogNormal, Normal, Triangular};

/// The 90th percentile of the standard normal.
pub const Z90: f64 = 1.281_551_565_544_600_4;
/// Correlation of the normal scores of net migration and GDP growth.
pub const RHO_MIGRATION_GDP: f64 = 0.5;
/// Correlation of the normal scores of Licheng's net migration and Quanzhou's growth.
pub const RHO_MIGRATION_QUANZHOU: f64 = 0.5;
/// Correlation of the normal scores of female and male life expectancy.
pub const RHO_LIFE_EXPECTANCY: f64 = 0.8;
/// Correlation of the normal scores of GDP growth and the job-replacement rate.
pub const RHO_GDP_TURNOVER: f64 = 0.3;
/// The percentiles reported for every series.
pub const PERCENTILES: [f64; 5] = [0.025, 0.10, 0.50, 0.90, 0.975];
/// Largest number of draws accepted.
pub const MAX_DRAWS: u64 = 1_000_000;
const BETA_TABLE: usize = 1024;
const E0_GRID_STEP: f64 = 0.2;
const MAB_GRID_STEP: f64 = 0.02;

/// The yearly series the Monte Carlo tracks (a bounded summary of each draw).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    Population,
    NewUrbanJobsCumulative,
    Employed,
    AffordableNeedCumulative,
    AffordableSupplyCumulative,
    PrimaryPupils,
    JuniorPupils,
    MigrantPublicPct,
    InsurancePct,
    Households,
}

impl Series {
    /// Every tracked series, in summary order.
    pub const ALL: [Series; 10] = [
        Series::Population,
        Series::NewUrbanJobsCumulative,
        Series::Employed,
        Series::AffordableNeedCumulative,
        Series::AffordableSupplyCumulative,
        Series::PrimaryPupils,
        Series::JuniorPupils,
        Series::MigrantPublicPct,
        Series::InsurancePct,
        Series::Households,
    ];

    /// Stable key (CLI columns, worker messages).
    pub fn key(self) -> &'static str {
        match self {
            Series::Population => "population",
            Series::NewUrbanJobsCumulative => "new_urban_jobs_cum",
            Series::Employed => "employed",
            Series::AffordableNeedCumulative => "affordable_need_cum",
            Series::AffordableSupplyCumulative => "affordable_supply_cum",
            Series::PrimaryPupils => "primary_pupils",
            Series::JuniorPupils => "junior_pupils",
            Series::MigrantPublicPct => "migrant_public_pct",
            Series::InsurancePct => "insurance_pct",
            Series::Households => "households",
        }
    }

    /// The yearly values of this series for a projection (cumulative series summed from the
    /// first projected year); index 0 is the first projected year.
    fn values(self, years: &[YearResult]) -> [f64; HORIZON] {
        let mut out = [0.0; HORIZON];
        let mut acc = 0.0;
        for (i, y) in years[1..].iter().enumerate().take(HORIZON) {
            out[i] = match self {
                Series::Population => y.population,
                Series::NewUrbanJobsCumulative => {
                    acc += y.new_urban_jobs;
                    acc
                }
                Series::Employed => y.employed,
                Series::AffordableNeedCumulative => {
                    acc += y.affordable_need;
                    acc
                }
                Series::AffordableSupplyCumulative => {
                    acc += y.affordable_supply;
                    acc
                }
                Series::PrimaryPupils => y.primary_pupils,
                Series::JuniorPupils => y.junior_pupils,
                Series::MigrantPublicPct => y.migrant_public_pct,
                Series::InsurancePct => y.insurance_pct,
                Series::Households => y.households,
            };
        }
        out
    }
}

/// What the draws leave behind, column by column: per draw, every tracked series in every
/// projected year and each target's value; per target, how many draws met it (counted as each
/// draw is made). No age tables are kept: 8 bytes per column per draw.
///
/// Percentiles do not depend on the order of the draws, nor the counts, so tables of any split
/// of the draws can be appended in any order, and [`summarize`] may reorder each column in
/// place (columns of one draw are not kept in line).
#[derive(Debug, Clone, PartialEq)]
pub struct DrawTable {
    len: usize,
    /// `columns[s * HORIZON + t]`: series `Series::ALL[s]` in projected year `t`; then one
    /// column per target value.
    columns: Vec<Vec<f64>>,
    /// Per target: the draws meeting it.
    met: Vec<u64>,
}

impl DrawTable {
    /// An empty table for `targets` targets, with room for `capacity` draws.
    pub fn new(targets: usize, capacity: usize) -> Self {
        DrawTable {
            len: 0,
            columns: (0..SERIES_COLUMNS + targets)
                .map(|_| Vec::with_capacity(capacity))
                .collect(),
            met: vec![0; targets],
        }
    }

    /// Number of draws.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no draw is in the table.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Number of targets.
    pub fn targets(&self) -> usize {
        self.met.len()
    }

    /// Draws meeting target `k`.
    pub fn met_count(&self, k: usize) -> u64 {
        self.met[k]
    }

    /// The columns (`Series::ALL.len() × HORIZON` series columns, then one per target) and the
    /// per-target met counts, e.g. to send the rows to another thread.
    pub fn parts(&self) -> (&[Vec<f64>], &[u64]) {
        (&self.columns, &self.met)
    }

    /// Number of columns of a table for `targets` targets.
    pub fn columns_for(targets: usize) -> usize {
        SERIES_COLUMNS + targets
    }

    /// Adds the draws of `other` (a table for the same targets).
    pub fn append(&mut self, other: &DrawTable) {
        debug_assert_eq!(self.columns.len(), other.columns.len());
        for (mine, theirs) in self.columns.iter_mut().zip(&other.columns) {
            mine.extend_from_slice(theirs);
        }
        for (mine, theirs) in self.met.iter_mut().zip(&other.met) {
            *mine += theirs;
        }
        self.len += other.len;
    }
}

/// Columns of the tracked series (`Series::ALL.len() × HORIZON`).
const SERIES_COLUMNS: usize = Series::ALL.len() * HORIZON;

/// How a lever is drawn (parameters fixed at set-up).
#[derive(Debug, Clone)]
enum Draw {
    Fixed(f64),
    Normal {
        mean: f64,
        sd: f64,
    },
    LogNormal {
        ln_median: f64,
        sigma: f64,
    },
    Triangular {
        a: f64,
        c: f64,
        b: f64,
    },
    /// Percent values at equally spaced probabilities 0, 1/n, …, 1.
    BetaTable(Vec<f64>),
}

/// Settings of a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Scenario seed.
    pub seed: u64,
    /// Multiplier of every lever's documented spread (0 to 3).
    pub spread: f64,
    /// How much the base-year estimates vary (none unless set with `with_base`).
    pub base: BaseUncertainty,
}

impl Settings {
    /// Validates the settings (no base-year uncertainty).
    pub fn new(seed: u64, spread: f64) -> Result<Self, ModelError> {
        Ok(Settings {
            seed,
            spread: check_range("spread", spread, 0.0, 3.0)?,
            base: BaseUncertainty::default(),
        })
    }

    /// The same settings with the base-year estimates drawn as `base` says (each draw then
    /// replaces the base population's total, the public places and insurance participation).
    pub fn with_base(self, base: BaseUncertainty) -> Self {
        Settings { base, ..self }
    }
}

/// A prepared Monte Carlo: distributions and survival grid for one scenario.
#[derive(Debug, Clone)]
pub struct MonteCarlo {
    baseline: Baseline,
    targets: Vec<Target>,
    central: Levers,
    draws: Vec<Draw>,
    settings: Settings,
    /// ChaCha8 seeded with the settings' seed: draw `i`'s words are stream `i`'s.
    rng: DrawRng,
    /// Per sex: the first e0 of the grid and the survival at each grid point.
    e0_grid: [(f64, Vec<Survival>); 2],
    schedules: Schedules,
    /// The first mean age at childbearing of the grid and the fertility pattern at each point.
    fertility_grid: (f64, Vec<Vec<f64>>),
    /// The model life table the survival grid came from (what a later run may reuse depends on
    /// it).
    life: ModelLifeTable,
}

/// How much the base-year figures that are estimates vary: the half-widths of their 10th–90th
/// percentile ranges at spread 1 (normal, scaled by the spread). Our estimates of how far the
/// built-in estimates may be off: the 2024 population ±1 % (several thousand), the public school
/// places of 2024 ±5 % (primary and junior together: they are estimated the same way), insurance
/// participation in 2024 ±1.5 percentage points.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BaseUncertainty {
    pub population_rel: f64,
    pub capacity_rel: f64,
    pub insurance_pp: f64,
}

impl BaseUncertainty {
    /// The built-in baseline's estimates.
    pub const ESTIMATES: BaseUncertainty = BaseUncertainty {
        population_rel: 0.01,
        capacity_rel: 0.05,
        insurance_pp: 1.5,
    };
}

/// Uniforms of a draw beyond the levers': the base population, school places, insurance.
const BASE_WORDS: usize = 3;

/// Standard normal quantile: Acklam's rational approximation (relative error below 1.2e-9 over
/// (0, 1), ample for sampling; pure arithmetic plus `libm`, so identical on every target).
#[allow(clippy::excessive_precision)] // Acklam's published coefficients, kept as printed.
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969683028665376e+01,
        2.209460984245205e+02,
        -2.759285104469687e+02,
        1.383577518672690e+02,
        -3.066479806614716e+01,
        2.506628277459239e+00,
    ];
    const B: [f64; 5] = [
        -5.447609879822406e+01,
        1.615858368580409e+02,
        -1.556989798598866e+02,
        6.680131188771972e+01,
        -1.328068155288572e+01,
    ];
    const C: [f64; 6] = [
        -7.784894002430293e-03,
        -3.223964580411365e-01,
        -2.400758277161838e+00,
        -2.549732539343734e+00,
        4.374664141464968e+00,
        2.938163982698783e+00,
    ];
    const D: [f64; 4] = [
        7.784695709041462e-03,
        3.224671290700398e-01,
        2.445134137142996e+00,
        3.754408661907416e+00,
    ];
    let p = p.clamp(1e-300, 1.0 - 1e-16);
    if p < 0.02425 {
        let q = math::sqrt(-2.0 * math::ln(p));
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - 0.02425 {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = math::sqrt(-2.0 * math::ln(1.0 - p));
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    }
}

/// Standard normal CDF on `libm::erfc`.
pub fn normal_cdf(z: f64) -> f64 {
    0.5 * libm::erfc(-z / std::f64::consts::SQRT_2)
}

fn statrs_error(field: &str, e: impl std::fmt::Display) -> ModelError {
    ModelError::Invalid {
        field: field.into(),
        reason_zh: format!("分布参数无效：{e}"),
        reason_en: format!("invalid distribution parameters: {e}"),
    }
}

/// Builds the draw of one lever around `v` (its current value).
fn draw_for(id: LeverId, v: f64, spread: f64) -> Result<Draw, ModelError> {
    let spec = id.spec();
    if spread == 0.0 || spec.spread == Spread::Fixed {
        return Ok(Draw::Fixed(v));
    }
    let half_width = (spec.high - spec.low) / 2.0 * spread;
    let sd = half_width / Z90;
    match spec.spread {
        Spread::Fixed => Ok(Draw::Fixed(v)),
        Spread::Normal => {
            Normal::new(v, sd).map_err(|e| statrs_error(spec.key, e))?;
            Ok(Draw::Normal { mean: v, sd })
        }
        Spread::LogNormal if v > 0.0 && spec.low > 0.0 => {
            let sigma = (math::ln(spec.high / spec.default) - math::ln(spec.low / spec.default))
                / 2.0
                / Z90
                * spread;
            LogNormal::new(math::ln(v), sigma).map_err(|e| statrs_error(spec.key, e))?;
            Ok(Draw::LogNormal {
                ln_median: math::ln(v),
                sigma,
            })
        }
        Spread::LogNormal => Ok(Draw::Normal { mean: v, sd }),
        Spread::Triangular => {
            let (a, c, b) = triangle_through(
                v - spread * (spec.default - spec.low),
                v,
                v + spread * (spec.high - spec.default),
            );
            Triangular::new(a, b, c).map_err(|e| statrs_error(spec.key, e))?;
            Ok(Draw::Triangular { a, c, b })
        }
        Spread::BetaPercent => {
            let m = v / 100.0;
            let s = sd / 100.0;
            let kappa = m * (1.0 - m) / (s * s) - 1.0;
            if m <= 0.0 || m >= 1.0 || kappa <= 0.0 {
                return Ok(Draw::Normal { mean: v, sd });
            }
            let (a, b) = (m * kappa, (1.0 - m) * kappa);
            Beta::new(a, b).map_err(|e| statrs_error(spec.key, e))?;
            if a < 1.0 || b < 1.0 {
                return Ok(Draw::Normal { mean: v, sd });
            }
            let table = beta_quantile_table(a, b)
                .into_iter()
                .map(|q| q * 100.0)
                .collect();
            Ok(Draw::BetaTable(table))
        }
    }
}

/// Quantiles of `Beta(a, b)` (a, b ≥ 1) at probabilities `i / BETA_TABLE`: the CDF is integrated
/// on 4,096 equal steps by the trapezoid rule from the unnormalised density (pure `libm`
/// arithmetic, so identical on every target; statrs' own inverse uses the platform's maths
/// library), then inverted by linear interpolation. Checked against statrs to 1e-4 in the tests.
fn beta_quantile_table(a: f64, b: f64) -> Vec<f64> {
    const STEPS: usize = 4096;
    let density = |x: f64| {
        if x <= 0.0 || x >= 1.0 {
            // Boundary values for a, b ≥ 1: zero unless the exponent is zero.
            let exponent = if x <= 0.0 { a - 1.0 } else { b - 1.0 };
            return if exponent == 0.0 { 1.0 } else { 0.0 };
        }
        math::exp((a - 1.0) * math::ln(x) + (b - 1.0) * math::ln(1.0 - x))
    };
    let mut cdf = Vec::with_capacity(STEPS + 1);
    cdf.push(0.0);
    let mut previous = density(0.0);
    for k in 1..=STEPS {
        let d = density(k as f64 / STEPS as f64);
        let last = cdf[k - 1];
        cdf.push(last + (previous + d) / 2.0);
        previous = d;
    }
    let total = cdf[STEPS];
    let mut table = Vec::with_capacity(BETA_TABLE + 1);
    let mut k = 0;
    for i in 0..=BETA_TABLE {
        let p = i as f64 / BETA_TABLE as f64 * total;
        while k < STEPS - 1 && cdf[k + 1] < p {
            k += 1;
        }
        let width = cdf[k + 1] - cdf[k];
        let frac = if width > 0.0 {
            ((p - cdf[k]) / width).clamp(0.0, 1.0)
        } else {
            0.0
        };
        table.push((k as f64 + frac) / STEPS as f64);
    }
    table
}

/// Quantile of the triangle on [0, 1] with mode `t`.
fn unit_triangle_quantile(t: f64, u: f64) -> f64 {
    if u < t {
        math::sqrt(u * t)
    } else {
        1.0 - math::sqrt((1.0 - u) * (1.0 - t))
    }
}

/// The triangle `(a, mode, b)` whose 10th, 50th and 90th percentiles are `p10, p50, p90`
/// (the shape is clamped to the nearest feasible one when the ratio is outside [0.617, 1.62]).
pub fn triangle_through(p10: f64, p50: f64, p90: f64) -> (f64, f64, f64) {
    let ratio_of = |t: f64| {
        let (q10, q50, q90) = (
            unit_triangle_quantile(t, 0.1),
            unit_triangle_quantile(t, 0.5),
            unit_triangle_quantile(t, 0.9),
        );
        (q90 - q50) / (q50 - q10)
    };
    let target = if p50 > p10 {
        (p90 - p50) / (p50 - p10)
    } else {
        1.0
    };
    // ratio_of decreases from 1.62 at t = 0 to 0.617 at t = 1.
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    for _ in 0..60 {
        let mid = (lo + hi) / 2.0;
        if ratio_of(mid) > target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let t = (lo + hi) / 2.0;
    let width = (p90 - p10) / (unit_triangle_quantile(t, 0.9) - unit_triangle_quantile(t, 0.1));
    let a = p50 - width * unit_triangle_quantile(t, 0.5);
    (a, a + width * t, a + width)
}

impl Draw {
    /// The lever value at cumulative probability `u`.
    fn value(&self, u: f64) -> f64 {
        match self {
            Draw::Fixed(v) => *v,
            Draw::Normal { mean, sd } => mean + sd * normal_quantile(u),
            Draw::LogNormal { ln_median, sigma } => {
                math::exp(ln_median + sigma * normal_quantile(u))
            }
            Draw::Triangular { a, c, b } => {
                let f = (c - a) / (b - a);
                if u < f {
                    a + math::sqrt(u * (b - a) * (c - a))
                } else {
                    b - math::sqrt((1.0 - u) * (b - a) * (b - c))
                }
            }
            Draw::BetaTable(t) => {
                let pos = u * BETA_TABLE as f64;
                let i = (pos as usize).min(BETA_TABLE - 1);
                let frac = pos - i as f64;
                t[i] + (t[i + 1] - t[i]) * frac
            }
        }
    }
}

/// Fertility patterns every `MAB_GRID_STEP` years over ±4σ of the mean age at childbearing.
fn fertility_grid(central: &Levers, spread: f64, groups: usize) -> (f64, Vec<Vec<f64>>) {
    let spec = LeverId::MeanAgeBirth.spec();
    let v = central.get(LeverId::MeanAgeBirth);
    let reach = 4.0 * (spec.high - spec.low) / 2.0 / Z90 * spread;
    let (lo, hi) = ((v - reach).max(spec.min), (v + reach).min(spec.max));
    let points = ((hi - lo) / MAB_GRID_STEP).ceil() as usize + 1;
    let patterns = (0..points)
        .map(|i| {
            crate::model::schedules::fertility_pattern(
                (lo + i as f64 * MAB_GRID_STEP).min(hi),
                groups,
            )
        })
        .collect();
    (lo, patterns)
}

/// Linear interpolation in a grid of vectors starting at `lo` with step `step`.
#[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
fn interpolate(lo: f64, step: f64, grid: &[Vec<f64>], at: f64, out: &mut Vec<f64>) {
    out.clear();
    if grid.len() < 2 {
        out.extend_from_slice(&grid[0]);
        return;
    }
    let pos = math::max((at - lo) / step, 0.0);
    let i = (pos as usize).min(grid.len() - 2);
    let frac = (pos - i as f64).clamp(0.0, 1.0);
    out.extend(
        grid[i]
            .iter()
            .zip(&grid[i + 1])
            .map(|(a, b)| a + (b - a) * frac),
    );
}

/// A uniform in (0, 1) from 32 random bits: `(k + 1/2) / 2³²`, so never 0 or 1 (the extreme
/// normal scores are ±6.3). 32 bits per lever keep a draw's 35 uniforms within one ChaCha8
/// buffer (64 words), half the generator's work of 64-bit uniforms; the resolution (2.3·10⁻¹⁰)
/// is far below what a million draws can resolve.
fn uniform(bits: u32) -> f64 {
    (bits as f64 + 0.5) / 4_294_967_296.0
}

impl MonteCarlo {
    /// Prepares a run around `central` levers.
    pub fn new(
        baseline: &Baseline,
        targets: &[Target],
        central: &Levers,
        life: &ModelLifeTable,
        settings: Settings,
    ) -> Result<Self, ModelError> {
        Self::new_reusing(None, baseline, targets, central, life, settings)
    }

    /// Prepares a run like [`new`](Self::new), taking from `previous` (a run prepared before,
    /// e.g. a worker's last one) what the change left alone: on the same baseline and life
    /// table with the same spread, each sex's life tables when its life expectancy is
    /// unchanged, the fertility patterns when the mean age at childbearing is, and each lever's
    /// distribution when its value is. A new seed or number of draws rebuilds nothing. The run
    /// is the same as `new`'s (tested).
    pub fn new_reusing(
        previous: Option<&MonteCarlo>,
        baseline: &Baseline,
        targets: &[Target],
        central: &Levers,
        life: &ModelLifeTable,
        settings: Settings,
    ) -> Result<Self, ModelError> {
        let previous = previous.filter(|p| {
            p.settings.spread == settings.spread && p.baseline == *baseline && p.life == *life
        });
        let unchanged = |id: LeverId| previous.filter(|p| p.central.get(id) == central.get(id));
        let draws = LEVERS
            .iter()
            .map(|spec| match unchanged(spec.id) {
                Some(p) => Ok(p.draws[spec.id as usize].clone()),
                None => draw_for(spec.id, central.get(spec.id), settings.spread),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let open_age = baseline.population().groups() - 1;
        // Life tables every E0_GRID_STEP years around the central value: the centre is solved
        // exactly as the deterministic run solves it (so zero spread reproduces that run bit
        // for bit), the others by Newton started from their neighbour's level.
        let grid_for = |id: LeverId, sex: usize| -> Result<(f64, Vec<Survival>), ModelError> {
            if let Some(p) = unchanged(id) {
                return Ok(p.e0_grid[sex].clone());
            }
            let spec = id.spec();
            let v = central.get(id);
            let reach = 4.0 * (spec.high - spec.low) / 2.0 / Z90 * settings.spread;
            let below = ((v - (v - reach).max(spec.min)) / E0_GRID_STEP).floor() as usize;
            let above = (((v + reach).min(spec.max) - v) / E0_GRID_STEP).floor() as usize;
            let centre = life.single_year(v, open_age)?;
            let mut tables = vec![Survival::from_nlx(&centre.nlx, 1.0, 1)?];
            let mut k = centre.level;
            for j in 1..=below {
                let t = life.single_year_from(v - j as f64 * E0_GRID_STEP, open_age, k)?;
                k = t.level;
                tables.insert(0, Survival::from_nlx(&t.nlx, 1.0, 1)?);
            }
            k = centre.level;
            for j in 1..=above {
                let t = life.single_year_from(v + j as f64 * E0_GRID_STEP, open_age, k)?;
                k = t.level;
                tables.push(Survival::from_nlx(&t.nlx, 1.0, 1)?);
            }
            Ok((v - below as f64 * E0_GRID_STEP, tables))
        };
        let e0_grid = [
            grid_for(LeverId::E0Female, 0)?,
            grid_for(LeverId::E0Male, 1)?,
        ];
        let groups = baseline.population().groups();
        let fertility_grid = match unchanged(LeverId::MeanAgeBirth) {
            Some(p) => p.fertility_grid.clone(),
            None => fertility_grid(central, settings.spread, groups),
        };
        Ok(MonteCarlo {
            baseline: baseline.clone(),
            targets: targets.to_vec(),
            central: central.clone(),
            draws,
            settings,
            rng: DrawRng::new(settings.seed),
            e0_grid,
            schedules: match previous {
                Some(p) => p.schedules.clone(),
                None => Schedules::new(groups),
            },
            fertility_grid,
            life: life.clone(),
        })
    }

    /// The base-year figures of draw `i` (the baseline's own when nothing is drawn).
    fn base_of(&self, i: u64) -> BaseDraw {
        let words = self.rng.words::<{ LEVER_COUNT + BASE_WORDS }>(i);
        let z = |k: usize| normal_quantile(uniform(words[LEVER_COUNT + k])).clamp(-4.0, 4.0);
        let b = self.settings.base;
        let s = self.settings.spread / Z90;
        let own = BaseDraw::of(&self.baseline);
        let capacity = math::max(1.0 + z(1) * b.capacity_rel * s, 0.0);
        BaseDraw {
            population_scale: math::max(1.0 + z(0) * b.population_rel * s, 0.5),
            primary_capacity: own.primary_capacity * capacity,
            junior_capacity: own.junior_capacity * capacity,
            insurance_pct: (own.insurance_pct + z(2) * b.insurance_pp * s).clamp(0.0, 100.0),
        }
    }

    /// The lever values of draw `i`.
    pub fn levers_of(&self, i: u64) -> Levers {
        let mut u = self.rng.words::<LEVER_COUNT>(i).map(uniform);
        // Gaussian copula for the correlated pair: GDP's score leans on migration's.
        let (m, g) = (LeverId::NetMigration as usize, LeverId::GdpGrowth as usize);
        let z_g = RHO_MIGRATION_GDP * normal_quantile(u[m])
            + (1.0 - RHO_MIGRATION_GDP * RHO_MIGRATION_GDP).sqrt() * normal_quantile(u[g]);
        u[g] = normal_cdf(z_g);
        // Each further pair: the second's score leans on the first's the same way.
        for (first, second, rho) in [
            // Quanzhou's growth and Licheng's migration both follow the city's pull.
            (
                LeverId::NetMigration,
                LeverId::QuanzhouGrowth,
                RHO_MIGRATION_QUANZHOU,
            ),
            // Both sexes' mortality moves with the same health care and living standards.
            (LeverId::E0Female, LeverId::E0Male, RHO_LIFE_EXPECTANCY),
            // A growing economy hires more, including to replace leavers.
            (LeverId::GdpGrowth, LeverId::Turnover, RHO_GDP_TURNOVER),
        ] {
            let (a, b) = (first as usize, second as usize);
            let z = rho * normal_quantile(u[a]) + (1.0 - rho * rho).sqrt() * normal_quantile(u[b]);
            u[b] = normal_cdf(z);
        }
        let mut levers = self.central.clone();
        for (spec, draw) in LEVERS.iter().zip(&self.draws) {
            // Clamped into the lever's valid range, so no check is needed; counts are whole
            // (ranges have whole bounds for them, so rounding stays inside).
            let value = draw.value(u[spec.id as usize]);
            let value = if spec.id.is_count() {
                math::floor(value + 0.5)
            } else {
                value
            };
            levers.set_in_range(spec.id, value.clamp(spec.min, spec.max));
        }
        levers
    }

    /// Projects draw `i` into `table`, reusing `scratch` (the rates of the previous draw,
    /// overwritten in place: a draw allocates almost nothing once the scratch is warm).
    #[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
    fn draw_into(&self, i: u64, scratch: &mut DrawScratch, table: &mut DrawTable) {
        let levers = self.levers_of(i);
        let (lo, grid) = &self.fertility_grid;
        interpolate(
            *lo,
            MAB_GRID_STEP,
            grid,
            levers.get(LeverId::MeanAgeBirth),
            &mut scratch.pattern,
        );
        let (e0f, e0m) = (levers.get(LeverId::E0Female), levers.get(LeverId::E0Male));
        let survival = |surv: &mut [Survival; 2]| {
            for (sex, e0) in [(0, e0f), (1, e0m)] {
                let (lo, tables) = &self.e0_grid[sex];
                let pos = math::max((e0 - lo) / E0_GRID_STEP, 0.0);
                let k = (pos as usize).min(tables.len().saturating_sub(2));
                let next = (k + 1).min(tables.len() - 1);
                surv[sex].interpolate_into(&tables[k], &tables[next], pos - k as f64);
            }
        };
        let prepared = match &mut scratch.prepared {
            Some(prepared) => {
                prepared.update_for_draw(
                    &self.baseline,
                    &levers,
                    &self.schedules,
                    &scratch.pattern,
                    survival,
                );
                prepared
            }
            None => {
                let mut surv = [self.e0_grid[0].1[0].clone(), self.e0_grid[1].1[0].clone()];
                survival(&mut surv);
                let fresh = Prepared::from_pattern(
                    &self.baseline,
                    &levers,
                    surv,
                    &self.schedules,
                    &scratch.pattern,
                )
                .expect("drawn levers are clamped into their valid ranges");
                scratch.prepared.insert(fresh)
            }
        };
        let base = if self.settings.base == BaseUncertainty::default() {
            BaseDraw::of(&self.baseline)
        } else {
            self.base_of(i)
        };
        projection::project_years_into(
            &self.baseline,
            base,
            prepared,
            &levers,
            &mut scratch.buffers,
            &mut scratch.projection,
        );
        let projection = &scratch.projection;
        let (series_columns, target_columns) = table.columns.split_at_mut(SERIES_COLUMNS);
        for (s, columns) in Series::ALL
            .iter()
            .zip(series_columns.chunks_exact_mut(HORIZON))
        {
            for (column, v) in columns.iter_mut().zip(s.values(&projection.years)) {
                column.push(v);
            }
        }
        for ((t, column), met) in self
            .targets
            .iter()
            .zip(target_columns)
            .zip(table.met.iter_mut())
        {
            let o = t.evaluate(projection, &levers);
            column.push(o.value);
            *met += u64::from(o.met);
        }
        table.len += 1;
    }

    /// Draws `range` in order.
    pub fn draws(&self, range: std::ops::Range<u64>) -> DrawTable {
        let mut table = DrawTable::new(self.targets.len(), (range.end - range.start) as usize);
        self.draws_into(range, &mut table);
        table
    }

    /// Draws `range` in order, adding them to `table` (a table for this run's targets).
    pub fn draws_into(&self, range: std::ops::Range<u64>, table: &mut DrawTable) {
        debug_assert_eq!(table.targets(), self.targets.len());
        let mut scratch = DrawScratch::default();
        for i in range {
            self.draw_into(i, &mut scratch, table);
        }
    }

    /// Number of targets.
    pub fn target_count(&self) -> usize {
        self.targets.len()
    }
}

/// What one thread reuses from draw to draw.
struct DrawScratch {
    prepared: Option<Prepared>,
    pattern: Vec<f64>,
    buffers: ProjectionBuffers,
    projection: Projection,
}

impl Default for DrawScratch {
    fn default() -> Self {
        DrawScratch {
            prepared: None,
            pattern: Vec::new(),
            buffers: ProjectionBuffers::default(),
            projection: Projection {
                years: Vec::with_capacity(HORIZON + 1),
                populations: Vec::new(),
            },
        }
    }
}

/// Percentiles of one series in one year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    /// Values at [`PERCENTILES`].
    pub p: [f64; 5],
}

/// The summary of many draws.
#[derive(Debug, Clone, PartialEq)]
pub struct McResult {
    pub draws: usize,
    /// `bands[s][t]` for `Series::ALL[s]` and projected year `t`.
    pub bands: Vec<[Band; HORIZON]>,
    /// Per target: share of draws meeting it.
    pub probability: Vec<f64>,
    /// Per target: percentiles of its value.
    pub target_bands: Vec<Band>,
}

/// The [`PERCENTILES`] of `values` by the median-unbiased type 8 estimator, computed exactly
/// as statrs' `Data::quantile` does (`h = (n + 1/3)·τ + 1/3`, then between the order statistics
/// `⌊h⌋` and `⌊h⌋ + 1`; the minimum below the first, the maximum above the last; NaN when
/// empty; checked against statrs in the tests), from one multi-selection instead of ten
/// separate selections: the middle wanted rank is selected first, then each half's wanted ranks
/// within that half only; the order statistic just above a selected one is the minimum of what
/// lies between it and the next selected rank. Reorders `values` (they end in the selection's
/// order).
pub fn percentiles_in_place(values: &mut [f64]) -> [f64; 5] {
    let n = values.len();
    if n == 0 {
        return [f64::NAN; 5];
    }
    // Per percentile: the ranks (0-based) it reads and its interpolation weight.
    let plan = PERCENTILES.map(|tau| {
        let h = (n as f64 + 1.0 / 3.0) * tau + 1.0 / 3.0;
        let hf = h as i64;
        if hf <= 0 {
            (0, 0, 0.0)
        } else if hf >= n as i64 {
            (n - 1, n - 1, 0.0)
        } else {
            (hf as usize - 1, hf as usize, h - hf as f64)
        }
    });
    // Select on integer keys that order as `f64::total_cmp` orders the values (a plain integer
    // comparison is several times cheaper than `total_cmp`, notably in WebAssembly); the keys
    // map back to the same values exactly.
    let mut keys: Vec<u64> = values.iter().map(|&v| order_key(v)).collect();
    // The lower rank of each percentile, selected; the upper ones follow by minimum scans.
    let mut lower: Vec<usize> = plan.iter().map(|&(a, _, _)| a).collect();
    lower.sort_unstable();
    lower.dedup();
    multi_select(&mut keys, 0, &lower);
    let at = |rank: usize| -> f64 {
        match lower.binary_search(&rank) {
            Ok(_) => from_order_key(keys[rank]),
            Err(i) => {
                // `rank` is one above the selected `lower[i - 1]`: the smallest key between it
                // and the next selected rank (or the end).
                let end = lower.get(i).copied().unwrap_or(n);
                let min = keys[rank..end].iter().copied().min().expect("non-empty");
                from_order_key(min)
            }
        }
    };
    let result = plan.map(|(ra, rb, frac)| {
        if ra == rb {
            at(ra)
        } else {
            let (a, b) = (at(ra), at(rb));
            a + frac * (b - a)
        }
    });
    for (v, &k) in values.iter_mut().zip(&keys) {
        *v = from_order_key(k);
    }
    result
}

/// Puts the order statistic of every rank in `ranks` (sorted, distinct, each `offset ≤ r <
/// offset + keys.len()`) in its place: everything before a selected rank is at or below it,
/// everything after at or above.
fn multi_select(keys: &mut [u64], offset: usize, ranks: &[usize]) {
    if ranks.is_empty() {
        return;
    }
    let mid = ranks.len() / 2;
    let r = ranks[mid] - offset;
    let (below, _, above) = keys.select_nth_unstable(r);
    multi_select(below, offset, &ranks[..mid]);
    multi_select(above, offset + r + 1, &ranks[mid + 1..]);
}

/// A key whose unsigned order is `f64::total_cmp`'s order of the values: the sign bit set for
/// non-negative values, every bit flipped for negative ones.
fn order_key(v: f64) -> u64 {
    let bits = v.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// The value of an [`order_key`].
fn from_order_key(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k })
}

/// Summarises the draws: percentiles of every column (reordered in place, see [`DrawTable`])
/// and the share of draws meeting each target.
pub fn summarize(table: &mut DrawTable) -> McResult {
    let bands = (0..table.columns.len())
        .map(|i| table.column_percentiles(i))
        .collect();
    table.result(bands)
}

impl DrawTable {
    /// Number of columns (series × years, then targets): [`summarize`] in steps is
    /// `column_percentiles` for each, then [`result`](Self::result), so that a thread with
    /// other work (the page) can pause between columns.
    pub fn column_count(&self) -> usize {
        self.columns.len()
    }

    /// The [`PERCENTILES`] of column `i` (reordered in place).
    pub fn column_percentiles(&mut self, i: usize) -> [f64; 5] {
        percentiles_in_place(&mut self.columns[i])
    }

    /// The summary from every column's percentiles in column order (`column_count` of them)
    /// and the met counts.
    pub fn result(&self, column_bands: Vec<[f64; 5]>) -> McResult {
        debug_assert_eq!(column_bands.len(), self.columns.len());
        McResult::from_column_bands(self.len, &self.met, column_bands)
    }
}

impl McResult {
    /// The summary of `draws` draws from every column's percentiles in column order (series ×
    /// years, then targets) and the per-target met counts: what [`DrawTable::result`] gives,
    /// for percentiles taken elsewhere (columns summarised by several threads).
    pub fn from_column_bands(draws: usize, met: &[u64], column_bands: Vec<[f64; 5]>) -> McResult {
        let mut bands_iter = column_bands.into_iter().map(|p| Band { p });
        let bands = (0..Series::ALL.len())
            .map(|_| {
                std::array::from_fn(|_| bands_iter.next().unwrap_or(Band { p: [f64::NAN; 5] }))
            })
            .collect();
        let target_bands = bands_iter.collect();
        let probability = met
            .iter()
            .map(|&m| {
                if draws == 0 {
                    0.0
                } else {
                    m as f64 / draws as f64
                }
            })
            .collect();
        McResult {
            draws,
            bands,
            probability,
            target_bands,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use statrs::distribution::ContinuousCDF;

    #[test]
    fn normal_quantile_matches_statrs() {
        let n = Normal::new(0.0, 1.0).unwrap();
        for i in 1..1000 {
            let p = i as f64 / 1000.0;
            assert!(
                (normal_quantile(p) - n.inverse_cdf(p)).abs() < 1e-8,
                "p {p}"
            );
        }
        for p in [1e-12, 1e-6, 0.02, 0.98, 1.0 - 1e-6] {
            assert!(
                (normal_quantile(p) - n.inverse_cdf(p)).abs() < 1e-7,
                "p {p}"
            );
        }
    }

    #[test]
    fn interpolated_survival_matches_the_exact_life_table() {
        let life = ModelLifeTable::new();
        let central = Levers::default();
        let baseline = crate::model::baseline::Baseline::new(
            2024,
            crate::model::cohort::Population::new(vec![100.0; 101], vec![100.0; 101]).unwrap(),
            0.0,
            0.0,
            0.0,
            95.0,
        )
        .unwrap();
        let mc = MonteCarlo::new(
            &baseline,
            &[],
            &central,
            &life,
            Settings::new(1, 1.0).unwrap(),
        )
        .unwrap();
        let (lo, tables) = &mc.e0_grid[0];
        for e0 in [
            central.get(LeverId::E0Female) + 0.1,
            central.get(LeverId::E0Female) - 0.73,
        ] {
            let pos = (e0 - lo) / E0_GRID_STEP;
            let k = pos as usize;
            let mut got = tables[0].clone();
            got.interpolate_into(&tables[k], &tables[k + 1], pos - k as f64);
            let exact =
                Survival::from_nlx(&life.single_year(e0, 100).unwrap().nlx, 1.0, 1).unwrap();
            for x in 0..100 {
                assert!(
                    (got.ratio(x) - exact.ratio(x)).abs() < 1e-5,
                    "e0 {e0} age {x}: {} vs {}",
                    got.ratio(x),
                    exact.ratio(x)
                );
            }
        }
    }

    #[test]
    fn order_keys_order_as_total_cmp_and_map_back_exactly() {
        let values = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -f64::MIN_POSITIVE,
            -0.0,
            0.0,
            f64::MIN_POSITIVE,
            1.0,
            3.5e12,
            f64::INFINITY,
        ];
        for w in values.windows(2) {
            assert!(order_key(w[0]) < order_key(w[1]), "{} < {}", w[0], w[1]);
        }
        for v in values {
            assert_eq!(from_order_key(order_key(v)).to_bits(), v.to_bits());
        }
    }

    #[test]
    fn percentiles_equal_statrs_type_8_quantiles_bit_for_bit() {
        use rand::{RngCore, SeedableRng};
        use statrs::statistics::{Data, OrderStatistics};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
        for n in [1, 2, 3, 4, 7, 10, 39, 40, 41, 100, 1_000, 2_001] {
            // Ties too: every other sample is rounded to a coarse grid.
            let values: Vec<f64> = (0..n)
                .map(|i| {
                    let u = uniform(rng.next_u32()) * 1000.0;
                    if i % 2 == 0 {
                        u.round()
                    } else {
                        u
                    }
                })
                .collect();
            let mut ours = values.clone();
            let got = percentiles_in_place(&mut ours);
            let mut data = Data::new(values);
            let want = PERCENTILES.map(|q| data.quantile(q));
            assert_eq!(got.map(f64::to_bits), want.map(f64::to_bits), "n = {n}");
            // Reordered, nothing lost or changed.
            let (mut a, mut b) = (ours, data.iter().copied().collect::<Vec<f64>>());
            a.sort_by(f64::total_cmp);
            b.sort_by(f64::total_cmp);
            assert_eq!(a, b, "n = {n}");
        }
        assert!(percentiles_in_place(&mut []).iter().all(|p| p.is_nan()));
    }

    #[test]
    fn beta_table_matches_statrs_quantiles() {
        for (a, b) in [(12.0, 20.0), (30.0, 2.0), (1.5, 1.5), (80.0, 150.0)] {
            let table = beta_quantile_table(a, b);
            let beta = Beta::new(a, b).unwrap();
            for i in (8..BETA_TABLE).step_by(8) {
                let p = i as f64 / BETA_TABLE as f64;
                let want = beta.inverse_cdf(p);
                assert!(
                    (table[i] - want).abs() < 1e-4,
                    "Beta({a}, {b}) at {p}: {} vs {want}",
                    table[i]
                );
            }
        }
    }

    #[test]
    fn triangular_draw_matches_statrs_quantile() {
        let d = Draw::Triangular {
            a: 1.0,
            c: 2.0,
            b: 4.0,
        };
        let t = Triangular::new(1.0, 4.0, 2.0).unwrap();
        for i in 1..100 {
            let p = i as f64 / 100.0;
            assert!((d.value(p) - t.inverse_cdf(p)).abs() < 1e-9);
        }
    }

    #[test]
    fn triangular_levers_have_their_low_central_high_as_10th_50th_90th_percentiles() {
        for spec in LEVERS.iter().filter(|l| l.spread == Spread::Triangular) {
            let d = draw_for(spec.id, spec.default, 1.0).unwrap();
            for (u, want) in [(0.1, spec.low), (0.5, spec.default), (0.9, spec.high)] {
                assert!(
                    (d.value(u) - want).abs() < 1e-6 * spec.max,
                    "{}: {} vs {want}",
                    spec.key,
                    d.value(u)
                );
            }
        }
    }

    #[test]
    fn documented_low_and_high_are_the_10th_and_90th_percentiles_of_normal_levers() {
        let spec = LeverId::NetMigration.spec();
        let d = draw_for(spec.id, spec.default, 1.0).unwrap();
        // Acklam's quantile is exact to ~1.5e-9 standard deviations.
        assert!((d.value(0.1) - spec.low).abs() < 1e-5);
        assert!((d.value(0.9) - spec.high).abs() < 1e-5);
    }
}

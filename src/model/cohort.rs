//! The cohort-component engine: one projection step of a two-sex population by age group.
//!
//! # Conventions (Preston, Heuveline & Guillot 2001, ch. 6; UN ccmppWPP)
//!
//! Age groups have width `w` years (1 for annual steps, 5 for 5-year steps) and the projection
//! step is `w` years. Group `x` holds ages `[x·w, (x+1)·w)`; the last group is open.
//!
//! * **Survival.** From life-table person-years `nLx` (radix `l0`):
//!   `S_x = L_{x+1} / L_x` moves group `x` into `x+1`; the open group receives
//!   `(P_{n-2} + P_{n-1}) · T_{n-1} / (L_{n-2} + T_{n-1})`, where `T_{n-1}` is the person-years
//!   lived in the open group; births survive to group 0 with `L_0 / (w · l0)`.
//! * **Migration** (UN ccmppWPP's "even" convention, `project_ccmpp_z_by_z`). `M_x` net
//!   migrants of each sex in group `x` during the step: half join group `x` at the start and are
//!   survived with it into `x+1`, half join group `x` at the end:
//!   `P_x(t+w) = (P_{x-1}(t) + M_{x-1}/2) · S_{x-1} + M_x/2`; the open group receives
//!   `(P_{n-2}(t) + M_{n-2}/2 + P_{n-1}(t) + M_{n-1}/2) · S_{n-2} + M_{n-1}/2`, group 0 the
//!   surviving births and `M_0/2`.
//! * **Fertility.** `B = w · Σ_x F_x · (W_x(t) + M^f_x/2 + W_x(t+w)) / 2`, with `F_x` births
//!   (both sexes) per woman-year and `W_x` women at the start (with the migrants who join then)
//!   and at the end of the step. Female births are `B / (1 + SRB)`, male births
//!   `B · SRB / (1 + SRB)`, with SRB males per female.
//! * **Accounting.** Deaths are what survival removes from everyone exposed, so
//!   `P(t+w) = P(t) + B − D + M` holds for every step (checked in the tests).

use super::error::{check_all, check_range, ModelError};

/// Index of the sexes in every two-element array of the model.
pub const FEMALE: usize = 0;
/// Most age groups with non-zero fertility (`StepRates::new` checks it): the step keeps the
/// women at the start of these groups on the stack.
pub const MAX_FERTILE_GROUPS: usize = 64;
/// Index of the sexes in every two-element array of the model.
pub const MALE: usize = 1;

/// Survival ratios of one sex for one step, derived from a life table.
#[derive(Debug, Clone, PartialEq)]
pub struct Survival {
    /// `ratios[x]` moves group `x` into `x+1` for `x < n-2`; `ratios[n-2]` is the open-group
    /// ratio applied to `P_{n-2} + P_{n-1}`.
    ratios: Vec<f64>,
    /// Survival of births to group 0 at the end of the step.
    births: f64,
}

impl Survival {
    /// Builds survival ratios from `nLx` (the last value is `T` of the open group), the radix
    /// `l0` and the group width `w`. Needs at least 3 groups, all `nLx > 0`.
    pub fn from_nlx(nlx: &[f64], l0: f64, width: usize) -> Result<Self, ModelError> {
        let n = nlx.len();
        if n < 3 {
            return Err(ModelError::Invalid {
                field: "nLx".into(),
                reason_zh: "至少需要 3 个年龄组".into(),
                reason_en: "at least 3 age groups are needed".into(),
            });
        }
        check_range("l0", l0, f64::MIN_POSITIVE, f64::MAX)?;
        check_all("nLx", nlx, f64::MIN_POSITIVE, f64::MAX)?;
        let w = width as f64;
        let mut ratios = Vec::with_capacity(n - 1);
        for x in 0..n - 2 {
            ratios.push(nlx[x + 1] / nlx[x]);
        }
        ratios.push(nlx[n - 1] / (nlx[n - 2] + nlx[n - 1]));
        let births = nlx[0] / (w * l0);
        Self::from_ratios(ratios, births)
    }

    /// Builds from survival ratios directly (`n-1` ratios, the last being the open-group one)
    /// and the births' survival; each must lie in `[0, 1]`.
    pub fn from_ratios(ratios: Vec<f64>, births: f64) -> Result<Self, ModelError> {
        check_all("survival", &ratios, 0.0, 1.0)?;
        check_range("survival_births", births, 0.0, 1.0)?;
        Ok(Survival { ratios, births })
    }

    /// Writes the convex combination `a + (b − a)·frac` of two validated survivals with the same
    /// groups into `self` (`frac` clamped to [0, 1]): stays within [0, 1] by construction, so it
    /// is not re-validated; no allocation once sized.
    pub(crate) fn interpolate_into(&mut self, a: &Survival, b: &Survival, frac: f64) {
        let frac = frac.clamp(0.0, 1.0);
        self.ratios.clear();
        self.ratios.extend(
            a.ratios
                .iter()
                .zip(&b.ratios)
                .map(|(x, y)| x + (y - x) * frac),
        );
        self.births = a.births + (b.births - a.births) * frac;
    }
    /// Number of age groups these ratios serve.
    pub fn groups(&self) -> usize {
        self.ratios.len() + 1
    }

    /// Ratio moving group `x` into `x+1` (the last one is the open-group ratio).
    pub fn ratio(&self, x: usize) -> f64 {
        self.ratios[x]
    }

    /// Survival of births to group 0.
    pub fn births(&self) -> f64 {
        self.births
    }
}

/// Everything one step needs besides the population, validated against one another.
#[derive(Debug, Clone, PartialEq)]
pub struct StepRates {
    width: usize,
    survival: [Survival; 2],
    fertility: Vec<f64>,
    sex_ratio_at_birth: f64,
    migrants: [Vec<f64>; 2],
    /// Half of each migrant count (what joins at the start and at the end).
    half_migrants: [Vec<f64>; 2],
    /// The groups with non-zero fertility (births sum over these alone).
    fertile: std::ops::Range<usize>,
}

impl StepRates {
    /// Validates the rates of one step: equal group counts, fertility non-negative and zero in
    /// group 0 (so that births never depend on themselves), SRB in `[0.5, 2]`, migrants finite.
    /// Negative net migrants are allowed; the step clamps nothing, so callers keep them smaller
    /// than the population they leave (the projection checks this, see `Population::step`).
    pub fn new(
        width: usize,
        survival: [Survival; 2],
        fertility: Vec<f64>,
        sex_ratio_at_birth: f64,
        migrants: [Vec<f64>; 2],
    ) -> Result<Self, ModelError> {
        if width != 1 && width != 5 {
            return Err(ModelError::Invalid {
                field: "age_group_width".into(),
                reason_zh: format!("年龄组宽度须为 1 或 5，实际为 {width}"),
                reason_en: format!("age-group width must be 1 or 5, got {width}"),
            });
        }
        let n = survival[FEMALE].groups();
        for (field, len) in [
            ("survival_male", survival[MALE].groups()),
            ("fertility", fertility.len()),
            ("migrants_female", migrants[FEMALE].len()),
            ("migrants_male", migrants[MALE].len()),
        ] {
            if len != n {
                return Err(ModelError::LengthMismatch {
                    field: field.into(),
                    expected: n,
                    found: len,
                });
            }
        }
        check_all("fertility", &fertility, 0.0, 1.0)?;
        if fertility[0] != 0.0 {
            return Err(ModelError::Invalid {
                field: "fertility[0]".into(),
                reason_zh: "最低年龄组的生育率必须为 0".into(),
                reason_en: "fertility of the youngest age group must be 0".into(),
            });
        }
        check_range("sex_ratio_at_birth", sex_ratio_at_birth, 0.5, 2.0)?;
        for (sex, name) in [(FEMALE, "migrants_female"), (MALE, "migrants_male")] {
            check_all(name, &migrants[sex], -1e9, 1e9)?;
        }
        let mut rates = StepRates {
            width,
            survival,
            fertility,
            sex_ratio_at_birth,
            migrants,
            half_migrants: [Vec::with_capacity(n), Vec::with_capacity(n)],
            fertile: 0..0,
        };
        rates.derive();
        if rates.fertile.len() > MAX_FERTILE_GROUPS {
            return Err(ModelError::Invalid {
                field: "fertility".into(),
                reason_zh: format!("生育率非零的年龄组最多 {MAX_FERTILE_GROUPS} 个"),
                reason_en: format!(
                    "at most {MAX_FERTILE_GROUPS} age groups may have non-zero fertility"
                ),
            });
        }
        Ok(rates)
    }

    /// Recomputes what follows from the migrants and fertility: halves, flags, sums, range.
    fn derive(&mut self) {
        for s in [FEMALE, MALE] {
            self.half_migrants[s].clear();
            self.half_migrants[s].extend(self.migrants[s].iter().map(|m| m / 2.0));
        }
        let first = self.fertility.iter().position(|&f| f != 0.0);
        let last = self.fertility.iter().rposition(|&f| f != 0.0);
        self.fertile = match (first, last) {
            (Some(a), Some(b)) => a..b + 1,
            _ => 0..0,
        };
    }

    /// Number of age groups.
    pub fn groups(&self) -> usize {
        self.fertility.len()
    }

    /// Trusted in-place update for the Monte Carlo, which redraws the rates thousands of times
    /// from values that were validated when its grids and levers were built: `update` rewrites
    /// survival, fertility, the sex ratio and migrants (same shapes), then the derived halves
    /// and flags are recomputed. Not re-validated: callers must keep every value in range.
    pub(crate) fn update_trusted(
        &mut self,
        update: impl FnOnce(&mut [Survival; 2], &mut Vec<f64>, &mut f64, &mut [Vec<f64>; 2]),
    ) {
        update(
            &mut self.survival,
            &mut self.fertility,
            &mut self.sex_ratio_at_birth,
            &mut self.migrants,
        );
        self.derive();
        debug_assert!(self.survival[FEMALE].groups() == self.fertility.len());
    }

    /// Group width in years (= step length).
    pub fn width(&self) -> usize {
        self.width
    }

    /// Net migrants per step by sex and group.
    pub fn migrants(&self) -> &[Vec<f64>; 2] {
        &self.migrants
    }
}

/// What one step produced, for the demographic accounting.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StepFlows {
    /// Births of both sexes during the step.
    pub births: f64,
    /// Female births (the rest are male).
    pub births_female: f64,
    /// Deaths during the step (everyone exposed, newborns included).
    pub deaths: f64,
    /// Net migrants during the step (both halves).
    pub migrants: f64,
}

/// A two-sex population by age group (index `[sex][group]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Population {
    counts: [Vec<f64>; 2],
}

impl Population {
    /// Validates counts: the same number of groups for both sexes, at least 3, all finite and
    /// non-negative.
    pub fn new(female: Vec<f64>, male: Vec<f64>) -> Result<Self, ModelError> {
        if female.len() != male.len() {
            return Err(ModelError::LengthMismatch {
                field: "population_male".into(),
                expected: female.len(),
                found: male.len(),
            });
        }
        if female.len() < 3 {
            return Err(ModelError::Invalid {
                field: "population".into(),
                reason_zh: "至少需要 3 个年龄组".into(),
                reason_en: "at least 3 age groups are needed".into(),
            });
        }
        for (sex, v) in [("female", &female), ("male", &male)] {
            check_all(&format!("population_{sex}"), v, 0.0, 1e10)?;
        }
        Ok(Population {
            counts: [female, male],
        })
    }

    /// Overwrites these counts with `other`'s, reusing the allocations.
    pub(crate) fn copy_from(&mut self, other: &Population) {
        for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
            mine.clone_from(theirs);
        }
    }

    /// Multiplies every count by `factor` (positive: a drawn base-year total).
    pub(crate) fn scale_in_place(&mut self, factor: f64) {
        for v in self.counts.iter_mut().flatten() {
            *v *= factor;
        }
    }

    /// Adds `migrants` net migrants at the end of a step, spread by `shape` (per sex and group,
    /// summing to 1), flooring each group at zero as a step does (only those who can leave are
    /// counted). Returns the migrants counted, for the accounting.
    pub(crate) fn add_at_end(&mut self, migrants: f64, shape: &[Vec<f64>; 2]) -> f64 {
        let mut counted = 0.0;
        for (counts, shares) in self.counts.iter_mut().zip(shape) {
            for (c, s) in counts.iter_mut().zip(shares) {
                let (end, joined) = join(*c, migrants * s);
                *c = end;
                counted += joined;
            }
        }
        counted
    }

    /// Counts of one sex by group.
    pub fn sex(&self, sex: usize) -> &[f64] {
        &self.counts[sex]
    }

    /// Number of age groups.
    pub fn groups(&self) -> usize {
        self.counts[FEMALE].len()
    }

    /// Both sexes, all ages.
    pub fn total(&self) -> f64 {
        self.counts[FEMALE].iter().sum::<f64>() + self.counts[MALE].iter().sum::<f64>()
    }

    /// Both sexes in groups `from..=to` (indices).
    pub fn sum_groups(&self, from: usize, to: usize) -> f64 {
        let to = to.min(self.groups() - 1);
        (from..=to)
            .map(|x| self.counts[FEMALE][x] + self.counts[MALE][x])
            .sum()
    }

    /// Projects one step with `rates` (which must have the same number of groups: checked by
    /// `debug_assert`, guaranteed by the projection that builds both from one grid). Net
    /// out-migration larger than a cohort floors that cohort at zero and counts only the
    /// migrants who could leave, so the accounting identity still holds exactly.
    pub fn step(&self, rates: &StepRates) -> (Population, StepFlows) {
        let n = self.groups();
        let mut next = Population {
            counts: [vec![0.0; n], vec![0.0; n]],
        };
        let flows = self.step_into(rates, &mut next);
        (next, flows)
    }

    /// As [`step`](Self::step), writing into `next` (resized as needed) so that a projection
    /// can alternate two buffers instead of allocating every year.
    ///
    /// UN ccmppWPP's "even" convention (`project_ccmpp_z_by_z`): half of the migrants of group
    /// `x` join group `x` at the start and are survived with it (into `x+1`), half join group
    /// `x` at the end; births come from the average of the women at the start (with the first
    /// half) and at the end.
    #[cfg_attr(target_arch = "wasm32", target_feature(enable = "simd128"))]
    pub fn step_into(&self, rates: &StepRates, next_population: &mut Population) -> StepFlows {
        let n = self.groups();
        debug_assert_eq!(n, rates.groups());
        let next = &mut next_population.counts;
        for v in next.iter_mut() {
            v.resize(n, 0.0);
        }
        let mut flows = StepFlows::default();
        // The women at the start of the step, with the migrants who join then (births' exposure).
        let mut women_start = [0.0_f64; MAX_FERTILE_GROUPS];
        let fertile = rates.fertile.clone();

        for sex in [FEMALE, MALE] {
            let p = &self.counts[sex][..n];
            let half = &rates.half_migrants[sex][..n];
            let s = &rates.survival[sex].ratios[..n - 1];
            let out = &mut next[sex][..n];
            let (mut deaths, mut migrants) = (0.0, 0.0);
            // `start(x)`: group x at the start with the first half of its migrants (floored at
            // zero: only those who can leave are counted).
            let start = |x: usize, migrants: &mut f64| -> f64 {
                let (stock, joined) = join(p[x], half[x]);
                *migrants += joined;
                stock
            };
            let mut below = start(0, &mut migrants);
            // Closed groups 1..n-2 take the group below; the open group the last two.
            for x in 1..n - 1 {
                let here = start(x, &mut migrants);
                if sex == FEMALE && fertile.contains(&x) {
                    women_start[x - fertile.start] = here;
                }
                let survivors = below * s[x - 1];
                deaths += below - survivors;
                let (end, joined) = join(survivors, half[x]);
                migrants += joined;
                out[x] = end;
                below = here;
            }
            let open = start(n - 1, &mut migrants);
            let exposed = below + open;
            let survivors = exposed * s[n - 2];
            deaths += exposed - survivors;
            let (end, joined) = join(survivors, half[n - 1]);
            migrants += joined;
            out[n - 1] = end;
            flows.deaths += deaths;
            flows.migrants += migrants;
        }

        // Births from the average of women at the start (with the first half of their
        // migrants) and at the end of the step.
        let w = rates.width as f64;
        let women_end = &next[FEMALE];
        // Only the fertile groups: the others add exact zeros, so the sum is the same.
        let births: f64 = fertile
            .clone()
            .map(|x| rates.fertility[x] * (women_start[x - fertile.start] + women_end[x]) / 2.0)
            .sum::<f64>()
            * w;
        let female_share = 1.0 / (1.0 + rates.sex_ratio_at_birth);
        let births_by_sex = [births * female_share, births - births * female_share];
        flows.births = births;
        flows.births_female = births_by_sex[FEMALE];

        // Group 0 at the end: the surviving births and the second half of its migrants (the
        // first half joined group 0 at the start and was survived into group 1).
        for sex in [FEMALE, MALE] {
            let survivors = births_by_sex[sex] * rates.survival[sex].births();
            flows.deaths += births_by_sex[sex] - survivors;
            let (end, joined) = join(survivors, rates.half_migrants[sex][0]);
            next[sex][0] = end;
            flows.migrants += joined;
        }
        flows
    }
}

/// Adds net migrants `m` to `stock`, flooring at zero: returns the new stock and the migrants
/// actually counted (all of `m`, or only `-stock` when more would leave than are there).
fn join(stock: f64, m: f64) -> (f64, f64) {
    let after = stock + m;
    if after < 0.0 {
        (0.0, -stock)
    } else {
        (after, m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat_rates(n: usize, mig: f64) -> StepRates {
        let nlx: Vec<f64> = (0..n).map(|x| 1.0 - 0.01 * x as f64).collect();
        let s = Survival::from_nlx(&nlx, 1.0, 1).unwrap();
        let mut f = vec![0.0; n];
        f[2] = 0.5;
        StepRates::new(1, [s.clone(), s], f, 1.05, [vec![mig; n], vec![mig; n]]).unwrap()
    }

    #[test]
    fn accounting_identity_holds_with_in_and_out_migration() {
        let pop = Population::new(vec![100.0; 6], vec![90.0; 6]).unwrap();
        for mig in [-500.0, -3.0, 0.0, 7.5] {
            let (next, f) = pop.step(&flat_rates(6, mig));
            let expected = pop.total() + f.births - f.deaths + f.migrants;
            assert!(
                (next.total() - expected).abs() < 1e-9,
                "mig {mig}: {} vs {expected}",
                next.total()
            );
            assert!(next
                .sex(FEMALE)
                .iter()
                .chain(next.sex(MALE))
                .all(|&p| p >= 0.0));
        }
    }

    /// One step by hand, as UN ccmppWPP's `project_ccmpp_z_by_z` computes it with
    /// `mig_assumption = "even"`: half of group x's migrants join it at the start and are
    /// survived into x+1, half join it at the end; births from the women at the start (with
    /// their first half) and at the end.
    #[test]
    fn a_step_follows_the_un_even_convention() {
        let s = Survival::from_ratios(vec![0.9, 0.8, 0.7], 0.95).unwrap();
        let pop = Population::new(vec![100.0, 80.0, 60.0, 40.0], vec![0.0; 4]).unwrap();
        let m = vec![10.0, -20.0, 30.0, 4.0];
        let fertility = vec![0.0, 0.5, 0.25, 0.0];
        let rates =
            StepRates::new(1, [s.clone(), s], fertility, 1.0, [m.clone(), vec![0.0; 4]]).unwrap();
        let (next, flows) = pop.step(&rates);
        let start: Vec<f64> = (0..4).map(|x| pop.sex(FEMALE)[x] + m[x] / 2.0).collect();
        let end1 = start[0] * 0.9 + m[1] / 2.0;
        let end2 = start[1] * 0.8 + m[2] / 2.0;
        let end3 = (start[2] + start[3]) * 0.7 + m[3] / 2.0;
        let births = 0.5 * (start[1] + end1) / 2.0 + 0.25 * (start[2] + end2) / 2.0;
        let end0 = births / 2.0 * 0.95 + m[0] / 2.0;
        let expected = [end0, end1, end2, end3];
        for (x, e) in expected.iter().enumerate() {
            assert!(
                (next.sex(FEMALE)[x] - e).abs() < 1e-12,
                "group {x}: {} vs {e}",
                next.sex(FEMALE)[x]
            );
        }
        assert!((flows.births - births).abs() < 1e-12);
        assert!((flows.migrants - m.iter().sum::<f64>()).abs() < 1e-12);
        let accounted = pop.total() + flows.births - flows.deaths + flows.migrants;
        assert!((next.total() - accounted).abs() < 1e-9);
    }

    #[test]
    fn fertility_in_group_zero_is_rejected() {
        let s = Survival::from_nlx(&[1.0, 0.9, 0.8], 1.0, 1).unwrap();
        let err = StepRates::new(
            1,
            [s.clone(), s],
            vec![0.1, 0.0, 0.0],
            1.05,
            [vec![0.0; 3], vec![0.0; 3]],
        );
        assert_eq!(err.unwrap_err().field(), "fertility[0]");
    }

    #[test]
    fn width_other_than_one_or_five_is_rejected() {
        let s = Survival::from_nlx(&[1.0, 0.9, 0.8], 1.0, 1).unwrap();
        let err = StepRates::new(
            2,
            [s.clone(), s],
            vec![0.0; 3],
            1.05,
            [vec![0.0; 3], vec![0.0; 3]],
        );
        assert_eq!(err.unwrap_err().field(), "age_group_width");
    }

    #[test]
    fn nan_population_is_rejected() {
        assert!(Population::new(vec![1.0, f64::NAN, 1.0], vec![1.0; 3]).is_err());
    }
}

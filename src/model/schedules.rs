//! Standard age schedules at single years of age: fertility, migration and labour-force
//! participation. Each is an estimate (no Licheng schedule is published); its formula and
//! parameters are stated here and shown in the app's "how this is computed" panels.

use super::math;

/// Fertility age pattern for ages 15–49, summing to 1, so that `F_x = TFR · pattern_x`.
///
/// A gamma density over age − 14.5 with mean `mean_age` (mean age of childbearing) and standard
/// deviation 5.5 years, evaluated at mid-year `x + 0.5` and normalised over 15–49:
/// `f(x) ∝ (x + 0.5 − 14.5)^(α−1) · e^(−(x + 0.5 − 14.5)/β)`, `α = ((m − 14.5)/5.5)²`,
/// `β = 5.5² / (m − 14.5)`. Returns a vector of `groups` values (zero outside 15–49).
pub fn fertility_pattern(mean_age: f64, groups: usize) -> Vec<f64> {
    const SD: f64 = 5.5;
    let shift = mean_age - 14.5;
    let alpha = (shift / SD) * (shift / SD);
    let beta = SD * SD / shift;
    let mut f = vec![0.0; groups];
    for (x, v) in f.iter_mut().enumerate().take(50.min(groups)).skip(15) {
        let t = x as f64 + 0.5 - 14.5;
        *v = math::exp((alpha - 1.0) * math::ln(t) - t / beta);
    }
    let sum: f64 = f.iter().sum();
    f.iter_mut().for_each(|v| *v /= sum);
    f
}

/// Net-migrant age profile (single years, summing to 1): the Rogers–Castro model schedule
/// with its "fundamental" parameters (Rogers & Castro 1981), a childhood component
/// `0.02·e^(−0.10·x)` and a labour-force peak `0.06·e^(−0.10·(x−20) − e^(−0.40·(x−20)))`, plus a
/// constant 0.001 at working ages (15–64) only. The model schedule's constant (0.003 at every
/// age) is for rates, not for shares of a net total: over ages 0–100 it put 6 % of net migrants
/// at 80 and over, and made the oldest ages grow by migration alone; here under 1 % are 80+,
/// since no published figure shows a net flow of old people into the old city core. Children move with their parents; the peak sits in the
/// early twenties. **Estimate:** no age distribution of Licheng's migrants is published.
pub fn migration_profile(groups: usize) -> Vec<f64> {
    let mut m: Vec<f64> = (0..groups)
        .map(|age| {
            let x = age as f64;
            let working = if (15..65).contains(&age) { 0.001 } else { 0.0 };
            0.02 * math::exp(-0.10 * x)
                + 0.06 * math::exp(-0.10 * (x - 20.0) - math::exp(-0.40 * (x - 20.0)))
                + working
        })
        .collect();
    let sum: f64 = m.iter().sum();
    m.iter_mut().for_each(|v| *v /= sum);
    m
}

/// Labour-force participation by single year of age for (female, male), before scaling.
///
/// Step schedule by 5-year group, ages 15–19 … 65+ (estimate shaped on China's 2020 census
/// economic-activity pattern: low under 20 while in school, near-full for men 25–54, lower for
/// women and falling after the statutory retirement ages 50/55 for women and 60 for men):
/// women `[0.06, 0.55, 0.84, 0.85, 0.85, 0.84, 0.80, 0.62, 0.40, 0.22, 0.04]`,
/// men `[0.08, 0.60, 0.93, 0.96, 0.96, 0.96, 0.94, 0.90, 0.80, 0.45, 0.08]`.
pub fn participation_standard(groups: usize) -> [Vec<f64>; 2] {
    const WOMEN: [f64; 11] = [
        0.06, 0.55, 0.84, 0.85, 0.85, 0.84, 0.80, 0.62, 0.40, 0.22, 0.04,
    ];
    const MEN: [f64; 11] = [
        0.08, 0.60, 0.93, 0.96, 0.96, 0.96, 0.94, 0.90, 0.80, 0.45, 0.08,
    ];
    let by_age = |table: &[f64; 11]| -> Vec<f64> {
        (0..groups)
            .map(|x| {
                if x < 15 {
                    0.0
                } else {
                    table[((x - 15) / 5).min(10)]
                }
            })
            .collect()
    };
    [by_age(&WOMEN), by_age(&MEN)]
}

/// Years by which the 2025 retirement reform has delayed retirement `years_after_2024` years
/// after 2024, as (women, men): "用十五年时间，逐步将男职工的法定退休年龄从原六十周岁延迟至六十三周岁，
/// 将女职工的法定退休年龄从原五十周岁、五十五周岁分别延迟至五十五周岁、五十八周岁" (NPC decision, from
/// 2025-01-01): men 3 years over 15 (0.2 a year); women 5 or 3 years over 15, taken as their mean,
/// 4 years over 15 (about 0.27 a year).
pub fn retirement_delay(years_after_2024: usize) -> (f64, f64) {
    let t = years_after_2024.min(15) as f64;
    (t * 4.0 / 15.0, t * 3.0 / 15.0)
}

/// Women's and men's ages from which the reform's delay applies (the earliest old statutory
/// retirement ages).
pub const RETIREMENT_FROM: [usize; 2] = [50, 60];

/// `schedule` with retirement delayed by `delay` years from age `from` on: participation at age
/// `a ≥ from` becomes the schedule's at `a − delay`, linearly between single years.
pub fn delay_retirement(schedule: &[f64], from: usize, delay: f64) -> Vec<f64> {
    let whole = delay.floor() as usize;
    let frac = delay - delay.floor();
    (0..schedule.len())
        .map(|a| {
            if a < from || delay <= 0.0 {
                return schedule[a];
            }
            let at = |k: usize| schedule[a.saturating_sub(k)];
            (1.0 - frac) * at(whole) + frac * at(whole + 1)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_reform_raises_participation_only_from_the_old_retirement_ages() {
        let [women, men] = super::participation_standard(101);
        let (dw, dm) = super::retirement_delay(4);
        assert!((dm - 0.8).abs() < 1e-12 && dw > dm);
        let later = super::delay_retirement(&men, 60, dm);
        assert_eq!(later[..60], men[..60]);
        assert!((later[60] - (0.2 * men[60] + 0.8 * men[59])).abs() < 1e-12);
        assert!(later[60] > men[60], "more men of 60 at work");
        let women_later = super::delay_retirement(&women, 50, dw);
        assert!(women_later[50] > women[50]);
        assert_eq!(
            super::retirement_delay(30),
            (4.0, 3.0),
            "fully phased in after 15 years"
        );
    }

    #[test]
    fn few_net_migrants_are_old() {
        let m = super::migration_profile(101);
        let old: f64 = m[80..].iter().sum();
        assert!(old < 0.02, "{old}");
        assert!((m.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    use super::*;

    #[test]
    fn fertility_pattern_sums_to_one_with_the_requested_mean() {
        let f = fertility_pattern(30.0, 101);
        let sum: f64 = f.iter().sum();
        let mean: f64 = f
            .iter()
            .enumerate()
            .map(|(x, v)| (x as f64 + 0.5) * v)
            .sum();
        assert!((sum - 1.0).abs() < 1e-12);
        assert!((mean - 30.0).abs() < 0.3, "mean {mean}");
        assert!(f[..15].iter().chain(&f[50..]).all(|&v| v == 0.0));
    }

    #[test]
    fn migration_profile_peaks_in_the_twenties() {
        let m = migration_profile(101);
        let peak = m
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .unwrap()
            .0;
        assert!((20..=30).contains(&peak), "peak at {peak}");
        assert!((m.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
}

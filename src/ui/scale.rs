//! Chart geometry without yew: extents, "nice" 1-2-5 ticks, year
//! ticks, linear maps, age-group aggregation and text-width estimates. Every division and min/max
//! is guarded so empty, NaN, one-point, flat and negative inputs give a usable scale. Pure Rust:
//! it builds natively and its tests run with `cargo test`.

/// An uncertainty band: `(year, low, high)`. `level` 80 = p10–p90 (darker), 95 = p2.5–p97.5
/// (lighter).
#[derive(Clone, PartialEq, Debug)]
pub struct Band {
    pub points: Vec<(i32, f64, f64)>,
    pub level: u8,
}

/// The finite min and max of some values, or `None` when there is none.
pub fn extent(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// An axis with ticks `step` apart from `lo` to `hi` (both ticks).
#[derive(Clone, Debug, PartialEq)]
pub struct NiceAxis {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
    pub ticks: Vec<f64>,
}

/// Ticks in 1-2-5 steps covering `[lo, hi]`, about `count` of them. A flat range is widened
/// (around the value, or to 0..1 for zero); non-finite input falls back to 0..1.
pub fn nice_axis(lo: f64, hi: f64, count: usize) -> NiceAxis {
    let (mut lo, mut hi) = if lo.is_finite() && hi.is_finite() {
        (lo.min(hi), lo.max(hi))
    } else {
        (0.0, 1.0)
    };
    let magnitude = lo.abs().max(hi.abs());
    if hi - lo <= magnitude * 1e-9 {
        if magnitude == 0.0 {
            lo = 0.0;
            hi = 1.0;
        } else {
            let pad = magnitude * 0.1;
            // Keep a non-negative flat series on a non-negative axis when it reaches zero.
            lo = if lo >= 0.0 && lo - pad < 0.0 {
                0.0
            } else {
                lo - pad
            };
            hi += pad;
        }
    }
    let step = nice_step((hi - lo) / count.max(1) as f64);
    let nlo = (lo / step).floor() * step;
    let nhi = (hi / step).ceil() * step;
    let n = ((nhi - nlo) / step).round().clamp(1.0, 60.0) as usize;
    let ticks = (0..=n)
        .map(|k| clean(nlo + k as f64 * step, step))
        .collect::<Vec<_>>();
    NiceAxis {
        lo: ticks[0],
        hi: ticks[ticks.len() - 1],
        step,
        ticks,
    }
}

/// The 1, 2 or 5 × 10^k at or above `raw` (positive; 1 for anything unusable).
pub fn nice_step(raw: f64) -> f64 {
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let unit = if norm <= 1.0 + 1e-9 {
        1.0
    } else if norm <= 2.0 + 1e-9 {
        2.0
    } else if norm <= 5.0 + 1e-9 {
        5.0
    } else {
        10.0
    };
    unit * mag
}

/// Removes float noise from a tick (`0.30000000000000004` → `0.3`) and negative zero.
fn clean(t: f64, step: f64) -> f64 {
    let k = (t / step).round();
    let v = k * step;
    // Multiplying a small step can add noise again; round through a decimal string.
    let digits = (-step.log10().floor()).clamp(0.0, 12.0) as usize + 1;
    let v: f64 = format!("{:.*}", digits, v).parse().unwrap_or(v);
    if v == 0.0 {
        0.0
    } else {
        v
    }
}

/// Integer year ticks between `from` and `to` (inclusive) in steps of 1, 2, 5 or 10 so that at
/// most about `max` labels appear.
pub fn year_ticks(from: i32, to: i32, max: usize) -> Vec<i32> {
    let (from, to) = (from.min(to), from.max(to));
    let span = i64::from(to) - i64::from(from);
    let max = max.max(2) as i64;
    let step = [1_i64, 2, 5, 10, 20, 50, 100, 1000]
        .into_iter()
        .find(|s| span / s < max)
        .unwrap_or(1000);
    let first = (i64::from(from) + step - 1).div_euclid(step) * step;
    let mut out = Vec::new();
    let mut y = if step == 1 { i64::from(from) } else { first };
    while y <= i64::from(to) && out.len() < 200 {
        out.push(y as i32);
        y += step;
    }
    if out.is_empty() {
        out.push(from);
    }
    out
}

/// A linear map from a domain to a range; a zero-width domain maps everything to the middle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Linear {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl Linear {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Linear {
        Linear {
            d0: domain.0,
            d1: domain.1,
            r0: range.0,
            r1: range.1,
        }
    }

    pub fn map(&self, v: f64) -> f64 {
        let width = self.d1 - self.d0;
        if !width.is_finite() || width.abs() < f64::MIN_POSITIVE || !v.is_finite() {
            return (self.r0 + self.r1) / 2.0;
        }
        self.r0 + (v - self.d0) / width * (self.r1 - self.r0)
    }
}

/// The number of five-year age groups: 0–4 … 95–99 and an open 100+ group.
pub const AGE_GROUPS: usize = 21;

/// Sums single-year ages into five-year groups (ages 100 and over into the last, open group).
/// Non-finite entries are skipped; the result is as long as the groups the input reaches.
pub fn age_groups(single: &[f64]) -> Vec<f64> {
    let n = if single.is_empty() {
        0
    } else {
        ((single.len() - 1) / 5 + 1).min(AGE_GROUPS)
    };
    let mut out = vec![0.0; n];
    for (age, v) in single.iter().enumerate() {
        if v.is_finite() {
            out[(age / 5).min(AGE_GROUPS - 1)] += v;
        }
    }
    out
}

/// The label of five-year age group `g`: `0–4`, …, `95–99`, `100+`.
pub fn age_group_label(g: usize) -> String {
    if g + 1 >= AGE_GROUPS {
        format!("{}+", 5 * (AGE_GROUPS - 1))
    } else {
        format!("{}–{}", 5 * g, 5 * g + 4)
    }
}

/// A rough width of `text` in a proportional font of size `em`: CJK characters are one em,
/// others about 0.6 em.
pub fn text_width(text: &str, em: f64) -> f64 {
    text.chars()
        .map(|c| {
            if crate::ui::format::is_cjk(c) {
                em
            } else {
                0.6 * em
            }
        })
        .sum()
}

/// A coordinate for SVG attributes: one decimal, never NaN.
pub fn coord(v: f64) -> String {
    if v.is_finite() {
        format!("{:.1}", v)
    } else {
        "0".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extent_skips_non_finite() {
        assert_eq!(
            extent([f64::NAN, 2.0, -1.0, f64::INFINITY]),
            Some((-1.0, 2.0))
        );
        assert_eq!(extent(Vec::<f64>::new()), None);
        assert_eq!(extent([f64::NAN]), None);
    }

    #[test]
    fn nice_axis_uses_one_two_five_steps() {
        let a = nice_axis(396_112.0, 412_345.0, 5);
        assert_eq!(a.step, 5_000.0);
        assert_eq!(a.lo, 395_000.0);
        assert_eq!(a.hi, 415_000.0);
        let b = nice_axis(0.0, 0.9, 5);
        assert_eq!(b.step, 0.2);
        assert_eq!(b.ticks, vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        let c = nice_axis(-3.0, 7.0, 5);
        assert_eq!(c.step, 2.0);
        assert!(c.ticks.contains(&0.0));
    }

    #[test]
    fn nice_axis_survives_degenerate_ranges() {
        for (lo, hi) in [
            (0.0, 0.0),
            (5.0, 5.0),
            (-5.0, -5.0),
            (f64::NAN, 1.0),
            (1e300, 1e300),
            (3.0, -3.0),
            (1e-12, 2e-12),
        ] {
            let a = nice_axis(lo, hi, 5);
            assert!(a.lo < a.hi, "{lo} {hi}: {a:?}");
            assert!(a.step > 0.0 && a.step.is_finite());
            assert!(a.ticks.len() >= 2 && a.ticks.len() <= 61);
            assert!(a.ticks.iter().all(|t| t.is_finite()));
        }
        let flat = nice_axis(5.0, 5.0, 5);
        assert!(flat.lo < 5.0 && flat.hi > 5.0);
        assert_eq!(nice_axis(0.0, 0.0, 5).ticks.first(), Some(&0.0));
    }

    #[test]
    fn year_ticks_thin_out() {
        assert_eq!(
            year_ticks(2024, 2028, 10),
            vec![2024, 2025, 2026, 2027, 2028]
        );
        assert_eq!(year_ticks(2028, 2028, 10), vec![2028]);
        assert_eq!(
            year_ticks(2000, 2050, 10),
            vec![2000, 2010, 2020, 2030, 2040, 2050]
        );
        assert!(year_ticks(i32::MIN, i32::MAX, 10).len() <= 200);
    }

    #[test]
    fn linear_guards_zero_width() {
        let l = Linear::new((1.0, 1.0), (0.0, 10.0));
        assert_eq!(l.map(1.0), 5.0);
        let m = Linear::new((0.0, 2.0), (10.0, 0.0));
        assert_eq!(m.map(1.0), 5.0);
        assert_eq!(m.map(f64::NAN), 5.0);
    }

    #[test]
    fn age_groups_aggregate_with_open_group() {
        let single = vec![1.0; 106];
        let g = age_groups(&single);
        assert_eq!(g.len(), AGE_GROUPS);
        assert_eq!(g[0], 5.0);
        assert_eq!(g[20], 6.0);
        assert_eq!(age_groups(&[1.0, f64::NAN, 2.0]), vec![3.0]);
        assert!(age_groups(&[]).is_empty());
        assert_eq!(age_group_label(0), "0–4");
        assert_eq!(age_group_label(19), "95–99");
        assert_eq!(age_group_label(20), "100+");
    }
}

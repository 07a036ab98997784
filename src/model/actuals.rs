//! What the plan years already delivered (实际完成): reported figures per target metric and year,
//! and the reported year-end resident population, each checked against its unit's range. The
//! projection takes them in place of its own values (`projection::project`); which target and
//! which years may carry one is the scenario layer's business.

use super::error::{check_range, ModelError};
use super::targets::Metric;
use std::collections::BTreeMap;

/// What a reported figure is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reported {
    /// The year-end resident population (the statistics bureau's 年末常住人口).
    Population,
    /// The yearly value of a target's metric (new urban jobs that year, the insurance rate at
    /// its end, the cumulative count reached, …: what `Metric::yearly` reads).
    Metric(Metric),
}

/// A reported year-end population must lie within this share of the base-year total either
/// way: Licheng grew 7.6 % in the ten years 2010–2020, so a larger change in one to four years
/// is a typing error, not a figure.
pub const POPULATION_BAND: f64 = 0.15;

/// Reported figures, by what and year. Empty: every year is projected.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Actuals {
    entries: BTreeMap<(Reported, i32), f64>,
}

impl Reported {
    /// The valid range of a reported value, both ends included, and whether it must be a whole
    /// number; `None` for a metric nobody reports (the growth rate follows from the population;
    /// the affordable-need coverage is the model's own indicator).
    pub fn range(self) -> Option<(f64, f64, bool)> {
        use Metric as M;
        let Reported::Metric(metric) = self else {
            return Some((0.0, 1e8, false));
        };
        match metric {
            M::ResidentGrowthAvgPct | M::AffordableNeedCoveragePct => None,
            M::MigrantChildrenPublicPct | M::MedicalInsurancePct => Some((0.0, 100.0, false)),
            M::ParkEntryIncreasePct => Some((-100.0, 100.0, false)),
            M::RainPipeKmPerYear => Some((0.0, 10_000.0, false)),
            M::NewUrbanJobsCum => Some((0.0, 1e7, true)),
            m if m.is_count() => Some((0.0, 1e6, true)),
            _ => Some((0.0, 1e8, false)),
        }
    }

    /// The field name errors use: `population` or the metric's id.
    pub fn field(self) -> &'static str {
        match self {
            Reported::Population => "population",
            Reported::Metric(m) => m.id(),
        }
    }
}

impl Actuals {
    /// No figures reported.
    pub fn new() -> Self {
        Actuals::default()
    }

    /// Whether nothing is reported.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Records `value` for `what` in `year` after checking it against [`Reported::range`]
    /// (finite, in range, whole where counted); a later figure for the same year replaces the
    /// earlier one. The population's band around the base total is checked by the baseline
    /// that takes these actuals (`Baseline::with_actuals`).
    pub fn set(&mut self, what: Reported, year: i32, value: f64) -> Result<(), ModelError> {
        let field = what.field();
        let Some((min, max, whole)) = what.range() else {
            return Err(ModelError::Invalid {
                field: field.into(),
                reason_zh: "此项不填实际数（增速由年末常住人口算出）".into(),
                reason_en: "takes no reported figure (growth follows from the year-end population)"
                    .into(),
            });
        };
        let value = check_range(field, value, min, max)?;
        if whole && value.fract() != 0.0 {
            return Err(ModelError::Invalid {
                field: field.into(),
                reason_zh: format!("应为整数，实际为 {value}"),
                reason_en: format!("should be a whole number, found {value}"),
            });
        }
        self.entries.insert((what, year), value);
        Ok(())
    }

    /// Removes the figure for `what` in `year`, if any.
    pub fn clear(&mut self, what: Reported, year: i32) {
        self.entries.remove(&(what, year));
    }

    /// The figure reported for `what` in `year`.
    pub fn get(&self, what: Reported, year: i32) -> Option<f64> {
        if self.entries.is_empty() {
            return None;
        }
        self.entries.get(&(what, year)).copied()
    }

    /// The reported population of `year`.
    pub fn population(&self, year: i32) -> Option<f64> {
        self.get(Reported::Population, year)
    }

    /// The reported value of `metric` in `year`.
    pub fn metric(&self, metric: Metric, year: i32) -> Option<f64> {
        self.get(Reported::Metric(metric), year)
    }

    /// Every figure in a fixed order (population first, then metrics in `Metric` order; years
    /// ascending).
    pub fn iter(&self) -> impl Iterator<Item = (Reported, i32, f64)> + '_ {
        self.entries
            .iter()
            .map(|(&(what, year), &v)| (what, year, v))
    }

    /// The latest year with any figure.
    pub fn latest_year(&self) -> Option<i32> {
        self.entries.keys().map(|(_, year)| *year).max()
    }

    /// The years from `first` on that carry a figure for `what` without a gap: `first..=last`,
    /// or `None` when `first` has none.
    pub fn contiguous_through(&self, what: Reported, first: i32) -> Option<i32> {
        let mut last = None;
        let mut year = first;
        while self.get(what, year).is_some() {
            last = Some(year);
            year += 1;
        }
        last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_must_be_whole_and_not_negative() {
        let mut a = Actuals::new();
        let g5 = Reported::Metric(Metric::G5StationsCum);
        assert!(a.set(g5, 2025, 12.5).is_err());
        assert!(a.set(g5, 2025, -1.0).is_err());
        assert!(a.set(g5, 2025, f64::NAN).is_err());
        assert!(a.is_empty());
        a.set(g5, 2025, 30.0).unwrap();
        assert_eq!(a.metric(Metric::G5StationsCum, 2025), Some(30.0));
    }

    #[test]
    fn growth_takes_no_figure_of_its_own() {
        let mut a = Actuals::new();
        let e = a
            .set(Reported::Metric(Metric::ResidentGrowthAvgPct), 2025, 0.3)
            .unwrap_err();
        assert_eq!(e.field(), "resident_growth_avg_pct");
    }

    #[test]
    fn contiguous_years_stop_at_the_first_gap() {
        let mut a = Actuals::new();
        let jobs = Reported::Metric(Metric::NewUrbanJobsCum);
        assert_eq!(a.contiguous_through(jobs, 2025), None);
        a.set(jobs, 2025, 5000.0).unwrap();
        a.set(jobs, 2027, 5000.0).unwrap();
        assert_eq!(a.contiguous_through(jobs, 2025), Some(2025));
        a.set(jobs, 2026, 5000.0).unwrap();
        assert_eq!(a.contiguous_through(jobs, 2025), Some(2027));
    }
}

//! The work plan's quantitative targets as the model evaluates them: which projected series each
//! one reads, over which years, how the years are combined, and how it is compared.
//!
//! * `Cumulative` — the sum of the yearly values over the target's years.
//! * `EachYear` — the target must hold in every year; the value shown is the worst year.
//! * `Final` — the value in the target's last year.
//! * `Average` — the compound average of yearly growth rates, `(Π(1 + g_t/100))^(1/n) − 1`.
//!
//! The gap is the signed margin: positive when met by that much, negative when short by that much.
//! Counts (`Metric::is_count`: enterprises, stations, projects, chains, housing units) are
//! compared as the whole number reached.

use super::error::ModelError;
use super::levers::{LeverId as L, Levers};
use super::math;
use super::projection::{Projection, YearResult};

/// The projected series a target reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Metric {
    ResidentGrowthAvgPct,
    NewUrbanJobsCum,
    MigrantChildrenPublicPct,
    AffordableUnitsCum,
    AffordableNeedCoveragePct,
    MedicalInsurancePct,
    DigitalLevel2Enterprises,
    BenchmarkProjects,
    NewEnterprisesInProduction2025,
    NewSishang2025,
    ParkEntryIncreasePct,
    RainPipeKmPerYear,
    G5StationsCum,
    KeyIndustrialChains,
}

impl Metric {
    /// Whether the metric counts whole things (enterprises, stations, projects, chains, units):
    /// its value is compared as the whole number reached, so 25.3 enterprises is 25.
    pub fn is_count(self) -> bool {
        matches!(
            self,
            Metric::AffordableUnitsCum
                | Metric::DigitalLevel2Enterprises
                | Metric::BenchmarkProjects
                | Metric::NewEnterprisesInProduction2025
                | Metric::NewSishang2025
                | Metric::G5StationsCum
                | Metric::KeyIndustrialChains
        )
    }

    /// The lever whose pace delivers this metric, for the plan's delivery targets.
    pub fn delivery_lever(self) -> Option<L> {
        match self {
            Metric::AffordableUnitsCum => Some(L::AffordableSupply),
            Metric::DigitalLevel2Enterprises => Some(L::DigitalEnterprises),
            Metric::BenchmarkProjects => Some(L::BenchmarkPerYear),
            Metric::NewEnterprisesInProduction2025 => Some(L::NewEnterprises2025),
            Metric::NewSishang2025 => Some(L::NewSishang2025),
            Metric::ParkEntryIncreasePct => Some(L::ParkEntryIncrease),
            Metric::RainPipeKmPerYear => Some(L::PipesPerYear),
            Metric::G5StationsCum => Some(L::G5PerYear),
            Metric::KeyIndustrialChains => Some(L::IndustrialChains),
            _ => None,
        }
    }

    /// Every metric with its id in `seeds/workplan.toml`.
    pub const ALL: [(Metric, &'static str); 14] = [
        (Metric::ResidentGrowthAvgPct, "resident_growth_avg_pct"),
        (Metric::NewUrbanJobsCum, "new_urban_jobs_cum"),
        (
            Metric::MigrantChildrenPublicPct,
            "migrant_children_public_pct",
        ),
        (Metric::AffordableUnitsCum, "affordable_units_cum"),
        (
            Metric::AffordableNeedCoveragePct,
            "affordable_need_coverage_pct",
        ),
        (Metric::MedicalInsurancePct, "medical_insurance_pct"),
        (
            Metric::DigitalLevel2Enterprises,
            "digital_level2_enterprises",
        ),
        (Metric::BenchmarkProjects, "benchmark_projects"),
        (
            Metric::NewEnterprisesInProduction2025,
            "new_enterprises_in_production_2025",
        ),
        (Metric::NewSishang2025, "new_sishang_2025"),
        (Metric::ParkEntryIncreasePct, "park_entry_increase_pct"),
        (Metric::RainPipeKmPerYear, "rain_pipe_km_per_year"),
        (Metric::G5StationsCum, "g5_stations_cum"),
        (Metric::KeyIndustrialChains, "key_industrial_chains"),
    ];

    /// Looks a metric up by its id.
    pub fn from_id(id: &str) -> Option<Metric> {
        Metric::ALL
            .iter()
            .find(|(_, name)| *name == id)
            .map(|(m, _)| *m)
    }

    /// The metric's id.
    pub fn id(self) -> &'static str {
        Metric::ALL
            .iter()
            .find(|(m, _)| *m == self)
            .map(|(_, n)| *n)
            .unwrap_or("")
    }

    /// The value of this metric in one projected year.
    pub fn yearly(self, y: &YearResult) -> f64 {
        match self {
            Metric::ResidentGrowthAvgPct => y.growth_pct,
            Metric::NewUrbanJobsCum => y.new_urban_jobs,
            Metric::MigrantChildrenPublicPct => y.migrant_public_pct,
            Metric::AffordableUnitsCum => y.affordable_supply,
            Metric::AffordableNeedCoveragePct => y.affordable_coverage_pct,
            Metric::MedicalInsurancePct => y.insurance_pct,
            Metric::DigitalLevel2Enterprises => y.digital_enterprises,
            Metric::BenchmarkProjects => y.benchmark_projects,
            Metric::NewEnterprisesInProduction2025 => y.new_enterprises_2025,
            Metric::NewSishang2025 => y.new_sishang_2025,
            Metric::ParkEntryIncreasePct => y.park_entry_increase,
            Metric::RainPipeKmPerYear => y.rain_pipe_km,
            Metric::G5StationsCum => y.g5_stations,
            Metric::KeyIndustrialChains => y.industrial_chains,
        }
    }
}

/// How a target compares its value with the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    Greater,
    AtLeast,
    AtMost,
    Between,
}

impl Comparator {
    /// The sign written before a threshold: `>`, `≥`, `≤`; `None` for a range.
    pub fn symbol(self) -> Option<&'static str> {
        match self {
            Comparator::Greater => Some(">"),
            Comparator::AtLeast => Some("≥"),
            Comparator::AtMost => Some("≤"),
            Comparator::Between => None,
        }
    }
}

/// How a target combines its years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evaluation {
    Cumulative,
    EachYear,
    Final,
    Average,
}

/// A target as the model evaluates it (labels and texts live in the scenario layer).
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    metric: Metric,
    comparator: Comparator,
    threshold: f64,
    threshold_high: f64,
    threshold_lever: Option<L>,
    evaluation: Evaluation,
    year_start: i32,
    year_end: i32,
}

/// The result of evaluating one target on one projection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// The combined value over the target's years.
    pub value: f64,
    /// The threshold in force (a lever's value when the target compares with an assumption).
    pub threshold: f64,
    /// Upper bound for `Between`.
    pub threshold_high: f64,
    pub met: bool,
    /// Signed margin: positive = met by that much, negative = short by that much.
    pub gap: f64,
}

impl Target {
    /// Validates a target: finite thresholds, `threshold ≤ threshold_high` for `Between`, and a
    /// non-empty year window.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        metric: Metric,
        comparator: Comparator,
        threshold: f64,
        threshold_high: f64,
        threshold_lever: Option<L>,
        evaluation: Evaluation,
        year_start: i32,
        year_end: i32,
    ) -> Result<Self, ModelError> {
        let field = metric.id();
        if !threshold.is_finite() || !threshold_high.is_finite() {
            return Err(ModelError::NotFinite {
                field: field.into(),
            });
        }
        if comparator == Comparator::Between && threshold > threshold_high {
            return Err(ModelError::Invalid {
                field: field.into(),
                reason_zh: "区间下限大于上限".into(),
                reason_en: "the lower bound exceeds the upper bound".into(),
            });
        }
        if year_start > year_end {
            return Err(ModelError::Invalid {
                field: field.into(),
                reason_zh: "起始年份晚于结束年份".into(),
                reason_en: "the start year is after the end year".into(),
            });
        }
        Ok(Target {
            metric,
            comparator,
            threshold,
            threshold_high,
            threshold_lever,
            evaluation,
            year_start,
            year_end,
        })
    }

    /// The metric read.
    pub fn metric(&self) -> Metric {
        self.metric
    }

    /// How the value is compared with the threshold.
    pub fn comparator(&self) -> Comparator {
        self.comparator
    }

    /// Evaluates the target on a projection (projected years inside the window only; a window
    /// outside the projection gives value 0 and is not met).
    pub fn evaluate(&self, projection: &Projection, levers: &Levers) -> Outcome {
        let threshold = self
            .threshold_lever
            .map_or(self.threshold, |id| levers.get(id));
        // At most HORIZON values: a fixed buffer (this runs for every target of every draw).
        let mut buffer = [0.0; super::projection::HORIZON];
        let mut count = 0;
        for y in projection.years[1..]
            .iter()
            .filter(|y| y.year >= self.year_start && y.year <= self.year_end)
        {
            if count < buffer.len() {
                buffer[count] = self.metric.yearly(y);
                count += 1;
            }
        }
        let values = &buffer[..count];
        if values.is_empty() {
            return Outcome {
                value: 0.0,
                threshold,
                threshold_high: self.threshold_high,
                met: false,
                gap: f64::NAN,
            };
        }
        let margin = |v: f64| match self.comparator {
            Comparator::Greater | Comparator::AtLeast => v - threshold,
            Comparator::AtMost => threshold - v,
            Comparator::Between => math::min(v - threshold, self.threshold_high - v),
        };
        let value = match self.evaluation {
            Evaluation::Cumulative => values.iter().sum(),
            Evaluation::Final => *values.last().unwrap_or(&0.0),
            Evaluation::Average => {
                let product: f64 = values.iter().map(|g| 1.0 + g / 100.0).product();
                (math::pow(math::max(product, 0.0), 1.0 / values.len() as f64) - 1.0) * 100.0
            }
            Evaluation::EachYear => values
                .iter()
                .copied()
                .min_by(|a, b| margin(*a).total_cmp(&margin(*b)))
                .unwrap_or(0.0),
        };
        // A count is what has been reached in whole things (a tiny tolerance keeps 5.0 made of
        // four paces of 1.25 at 5, not 4.999…).
        let value = if self.metric.is_count() {
            math::floor(value + 1e-9)
        } else {
            value
        };
        let gap = margin(value);
        let met = match self.comparator {
            Comparator::Greater => gap > 0.0,
            _ => gap >= 0.0,
        };
        Outcome {
            value,
            threshold,
            threshold_high: self.threshold_high,
            met,
            gap,
        }
    }
}

/// Where a target stands against its pro-rata schedule (序时进度) on the years reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressStatus {
    /// At or ahead of the schedule (≥ 100 % of it; a growth rate at or above the threshold).
    OnTrack,
    /// Within 90–100 % of the schedule (a growth rate up to 0.1 pp short).
    Lagging,
    /// Below 90 % of the schedule (a growth rate more than 0.1 pp short), a yearly target with
    /// a year short, or a target whose years have all passed unmet.
    Behind,
}

/// The share of the schedule at or above which a target is on track.
pub const ON_TRACK_SHARE: f64 = 1.0;
/// The share of the schedule at or above which a target is lagging rather than behind.
pub const LAGGING_SHARE: f64 = 0.9;
/// How far (pp) a growth rate may fall short of its threshold and still be lagging.
pub const LAGGING_GROWTH_PP: f64 = 0.1;

/// A target's progress on the years reported.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// The last year of the run of reported years from the target's first year.
    pub through: i32,
    /// The target's value over the reported years, read as the target reads all of its years
    /// (a sum, the worst year, the latest level, the average growth).
    pub to_date: f64,
    /// What the schedule asks by then: the threshold's pro-rata share of a sum; the threshold
    /// itself for every year or a growth rate; for a level, the straight path from the
    /// base-year value to the threshold.
    pub schedule: f64,
    /// What each remaining year must deliver to meet the target (a yearly amount, a yearly
    /// level, a yearly gain of a level, or the average growth); `None` when no year remains.
    pub still_needed_per_year: Option<f64>,
    pub status: ProgressStatus,
}

impl Target {
    /// The target's first and last years.
    pub fn years(&self) -> (i32, i32) {
        (self.year_start, self.year_end)
    }

    /// Progress on the reported years: `None` unless the target's first year is reported
    /// (for growth, the year-end population). Defined for the comparators the plan uses
    /// (`>`, `≥`); `None` for the others.
    pub fn progress(
        &self,
        projection: &Projection,
        levers: &Levers,
        actuals: &super::actuals::Actuals,
    ) -> Option<Progress> {
        use super::actuals::Reported;
        if !matches!(self.comparator, Comparator::Greater | Comparator::AtLeast) {
            return None;
        }
        let reported = match self.metric {
            Metric::ResidentGrowthAvgPct => Reported::Population,
            m => Reported::Metric(m),
        };
        let through = actuals
            .contiguous_through(reported, self.year_start)?
            .min(self.year_end);
        let base = projection.years.first()?;
        let values: Vec<f64> = projection.years[1..]
            .iter()
            .filter(|y| y.year >= self.year_start && y.year <= through)
            .map(|y| self.metric.yearly(y))
            .collect();
        let threshold = self
            .threshold_lever
            .map_or(self.threshold, |id| levers.get(id));
        let whole_more = if self.comparator == Comparator::Greater && self.metric.is_count() {
            1.0
        } else {
            0.0
        };
        let years = (self.year_end - self.year_start + 1) as f64;
        let elapsed = values.len() as f64;
        let remaining = (self.year_end - through) as f64;
        let per_remaining = |v: f64| (remaining > 0.0).then(|| v / remaining);
        let share_status = |share: f64| {
            if share >= ON_TRACK_SHARE {
                ProgressStatus::OnTrack
            } else if share >= LAGGING_SHARE {
                ProgressStatus::Lagging
            } else {
                ProgressStatus::Behind
            }
        };
        let (to_date, schedule, needed, status) = match self.evaluation {
            Evaluation::Cumulative => {
                let to_date: f64 = values.iter().sum();
                let schedule = threshold * elapsed / years;
                let left = math::max(threshold + whole_more - to_date, 0.0);
                let share = if schedule > 0.0 {
                    to_date / schedule
                } else {
                    1.0
                };
                (to_date, schedule, per_remaining(left), share_status(share))
            }
            Evaluation::EachYear => {
                // A year short is a target missed for good: behind, whatever the margin.
                let worst = values.iter().copied().fold(f64::INFINITY, math::min);
                let status = if worst >= threshold {
                    ProgressStatus::OnTrack
                } else {
                    ProgressStatus::Behind
                };
                (
                    worst,
                    threshold,
                    per_remaining(threshold * remaining),
                    status,
                )
            }
            Evaluation::Final => {
                let start = self.metric.yearly(base);
                let latest = *values.last()?;
                let schedule = start + (threshold - start) * elapsed / years;
                let share = if latest >= threshold + whole_more {
                    1.0
                } else if schedule > start {
                    (latest - start) / (schedule - start)
                } else {
                    0.0
                };
                let gain = math::max(threshold + whole_more - latest, 0.0);
                (latest, schedule, per_remaining(gain), share_status(share))
            }
            Evaluation::Average => {
                let product: f64 = values.iter().map(|g| 1.0 + g / 100.0).product();
                let to_date = (math::pow(math::max(product, 0.0), 1.0 / elapsed) - 1.0) * 100.0;
                let needed = (remaining > 0.0).then(|| {
                    let whole = math::pow(1.0 + threshold / 100.0, years);
                    (math::pow(math::max(whole / product, 0.0), 1.0 / remaining) - 1.0) * 100.0
                });
                let short = threshold - to_date;
                let status = if to_date > threshold
                    || (self.comparator == Comparator::AtLeast && short <= 0.0)
                {
                    ProgressStatus::OnTrack
                } else if short <= LAGGING_GROWTH_PP {
                    ProgressStatus::Lagging
                } else {
                    ProgressStatus::Behind
                };
                (to_date, threshold, needed, status)
            }
        };
        // Every year reported: the target is decided, and its status is the verdict.
        let status = if remaining == 0.0 {
            if self.evaluate(projection, levers).met {
                ProgressStatus::OnTrack
            } else {
                ProgressStatus::Behind
            }
        } else {
            status
        };
        Some(Progress {
            through,
            to_date,
            schedule,
            still_needed_per_year: needed,
            status,
        })
    }
}

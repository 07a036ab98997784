//! Reported figures (实际完成) as the scenario names them: `population` or a target's id, a plan
//! year and a value; which years each may carry (the target's years, up to the current one),
//! the checks with their messages, the CLI's `--actual id:year=value`, and the engine that
//! projects on them.

use super::engine::Engine;
use super::error::InputError;
use crate::model::actuals::{Actuals, Reported, POPULATION_BAND};
use crate::model::targets::Metric;

/// The name of the year-end resident population among the reported figures.
pub const POPULATION_KEY: &str = "population";

/// The last plan year: no figure is reported for a later one.
pub const LAST_PLAN_YEAR: i32 = 2028;

/// A reported figure as typed or linked: what (`population` or a target id), year, value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ActualEntry {
    pub key: String,
    pub year: i32,
    pub value: f64,
}

impl Engine {
    /// What `key` reports: the population, or the metric of the target with that id (one that
    /// takes reported figures).
    pub fn reported_of(&self, key: &str) -> Result<Reported, InputError> {
        if key == POPULATION_KEY {
            return Ok(Reported::Population);
        }
        let index = self.target_index(key)?;
        let metric = self.targets()[index].metric();
        let what = Reported::Metric(metric);
        if what.range().is_none() {
            return Err(InputError::new(
                key,
                "此目标不填实际数：增速由年末常住人口（population）算出",
                "this target takes no figure of its own: its growth follows from the year-end population (population)",
            ));
        }
        Ok(what)
    }

    /// The name of what a figure reports: `population` or the target id.
    pub fn reported_key(&self, what: Reported) -> String {
        match what {
            Reported::Population => POPULATION_KEY.to_string(),
            Reported::Metric(m) => self
                .targets()
                .iter()
                .zip(&self.plan().targets)
                .find(|(t, _)| t.metric() == m)
                .map_or_else(|| m.id().to_string(), |(_, def)| def.id.clone()),
        }
    }

    /// The years `what` may carry a figure for when the current year is `as_of`: the target's
    /// years (the projected years for the population) up to `as_of`. Empty before the plan.
    pub fn reportable_years(&self, what: Reported, as_of: i32) -> std::ops::RangeInclusive<i32> {
        let first_projected = self.baseline().base_year() + 1;
        let last_projected = self.baseline().base_year() + crate::model::projection::HORIZON as i32;
        let (first, last) = match what {
            Reported::Population => (first_projected, last_projected),
            Reported::Metric(m) => self
                .targets()
                .iter()
                .find(|t| t.metric() == m)
                .map_or((first_projected, last_projected), |t| t.years()),
        };
        first.max(first_projected)..=last.min(last_projected).min(as_of)
    }

    /// The name of a row of reported figures, in Chinese and English.
    pub fn reported_label(&self, what: Reported) -> (String, String) {
        match what {
            Reported::Population => ("年末常住人口".into(), "Year-end resident population".into()),
            Reported::Metric(m) => self
                .targets()
                .iter()
                .zip(&self.plan().targets)
                .find(|(t, _)| t.metric() == m)
                .map_or_else(
                    || (m.id().to_string(), m.id().to_string()),
                    |(_, d)| (d.label_zh.clone(), d.label_en.clone()),
                ),
        }
    }

    /// The valid range of a reported figure: its unit's, or for the population the band around
    /// the base-year total.
    pub fn reported_range(&self, what: Reported) -> (f64, f64) {
        match what {
            Reported::Population => {
                let total = self.baseline().population().total();
                (
                    (total * (1.0 - POPULATION_BAND)).ceil(),
                    (total * (1.0 + POPULATION_BAND)).floor(),
                )
            }
            Reported::Metric(_) => what.range().map_or((0.0, 0.0), |(a, b, _)| (a, b)),
        }
    }

    /// Checks one figure and records it in `actuals`: a known key, a year it may carry when
    /// the current year is `as_of`, a value in range (whole for counts). On error `actuals`
    /// is unchanged.
    pub fn check_actual(
        &self,
        actuals: &mut Actuals,
        entry: &ActualEntry,
        as_of: i32,
    ) -> Result<(), InputError> {
        let what = self.reported_of(&entry.key)?;
        let location = format!("{}:{}", entry.key, entry.year);
        let years = self.reportable_years(what, as_of);
        if !years.contains(&entry.year) {
            let (first, last) = (*years.start(), *years.end());
            return Err(if entry.year > as_of && entry.year <= LAST_PLAN_YEAR {
                InputError::new(
                    location,
                    format!(
                        "{} 年尚未到来（当前为 {as_of} 年），不能填实际数",
                        entry.year
                    ),
                    format!(
                        "{} has not come yet (the current year is {as_of}): no reported figure",
                        entry.year
                    ),
                )
            } else if first > last {
                InputError::new(
                    location,
                    "此项目前没有可填实际数的年份",
                    "no year of this item can carry a reported figure yet",
                )
            } else {
                InputError::new(
                    location,
                    format!("年份 {} 不在 {first}—{last} 年内", entry.year),
                    format!("the year {} is outside {first}–{last}", entry.year),
                )
            });
        }
        let (label_zh, label_en) = self.reported_label(what);
        let (min, max) = self.reported_range(what);
        let value = entry.value;
        let whole = what.range().is_some_and(|r| r.2);
        let problem = if !value.is_finite() {
            Some((
                "不是有效数字".to_string(),
                "is not a finite number".to_string(),
            ))
        } else if !(min..=max).contains(&value) {
            let band = if what == Reported::Population {
                (
                    format!("（基期总人口上下 {:.0}%）", POPULATION_BAND * 100.0),
                    format!(" (the base-year total ± {:.0} %)", POPULATION_BAND * 100.0),
                )
            } else {
                (String::new(), String::new())
            };
            Some((
                format!("{value} 超出有效范围 {min} 至 {max}{}", band.0),
                format!(
                    "{value} is outside the valid range {min} to {max}{}",
                    band.1
                ),
            ))
        } else if whole && value.fract() != 0.0 {
            Some((
                format!("{value} 应为整数"),
                format!("{value} should be a whole number"),
            ))
        } else {
            None
        };
        if let Some((zh, en)) = problem {
            return Err(InputError::new(
                location,
                format!("{label_zh} {} 年的实际数 {zh}", entry.year),
                format!("{label_en}, {}: the reported figure {en}", entry.year),
            ));
        }
        let mut next = actuals.clone();
        next.set(what, entry.year, value)
            .map_err(|e| InputError::from(e).at(&location))?;
        *actuals = next;
        Ok(())
    }

    /// This engine with these reported figures (checked as [`Engine::check_actual`] does).
    pub fn with_actuals(&self, actuals: Actuals) -> Result<Engine, InputError> {
        let mut engine = self.clone();
        engine.set_baseline(self.baseline().with_actuals(actuals)?);
        Ok(engine)
    }

    /// This engine with the figures of `entries`, each checked; the first bad one is refused
    /// with its key, year and reason.
    pub fn with_entries(&self, entries: &[ActualEntry], as_of: i32) -> Result<Engine, InputError> {
        let mut actuals = Actuals::new();
        for entry in entries {
            self.check_actual(&mut actuals, entry, as_of)?;
        }
        self.with_actuals(actuals)
    }

    /// The reported figures in use, as entries (population first, then targets in metric
    /// order; years ascending).
    pub fn actual_entries(&self) -> Vec<ActualEntry> {
        self.baseline()
            .actuals()
            .iter()
            .map(|(what, year, value)| ActualEntry {
                key: self.reported_key(what),
                year,
                value,
            })
            .collect()
    }
}

/// Reads the CLI's `--actual ID:YEAR=VALUE` (`population:2025=401000`).
pub fn parse_actual(text: &str) -> Result<ActualEntry, InputError> {
    let bad = || {
        InputError::new(
            "--actual",
            format!("“{text}”应写成 目标:年份=数值，例如 jobs_new_urban:2025=5200"),
            format!("'{text}' should read TARGET:YEAR=VALUE, e.g. jobs_new_urban:2025=5200"),
        )
    };
    let (left, value) = text.split_once('=').ok_or_else(bad)?;
    let (key, year) = left.split_once(':').ok_or_else(bad)?;
    let year: i32 = year.trim().parse().map_err(|_| bad())?;
    let value: f64 = value.trim().parse().map_err(|_| {
        InputError::new(
            format!("{}:{year}", key.trim()),
            format!("“{}”不是数字", value.trim()),
            format!("'{}' is not a number", value.trim()),
        )
    })?;
    Ok(ActualEntry {
        key: key.trim().to_string(),
        year,
        value,
    })
}

/// The calendar year of a time given in seconds since 1970-01-01 UTC (the proleptic Gregorian
/// calendar; the CLI's current year).
pub fn year_of_unix_seconds(seconds: i64) -> i32 {
    // Howard Hinnant's days-to-civil algorithm.
    let z = seconds.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2)) as i32
}

/// Whether a metric's reported figure is a level reached (kept in later years) rather than a
/// year's amount.
pub fn is_level(metric: Metric) -> bool {
    matches!(
        metric,
        Metric::DigitalLevel2Enterprises
            | Metric::KeyIndustrialChains
            | Metric::ParkEntryIncreasePct
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_of_unix_seconds_follow_the_calendar() {
        assert_eq!(year_of_unix_seconds(0), 1970);
        assert_eq!(year_of_unix_seconds(1_798_761_599), 2026); // 2026-12-31T23:59:59Z
        assert_eq!(year_of_unix_seconds(1_798_761_600), 2027);
        assert_eq!(year_of_unix_seconds(951_782_400), 2000); // 2000-02-29
    }

    #[test]
    fn the_cli_form_reads_key_year_and_value() {
        let e = parse_actual("jobs_new_urban:2025=5200").unwrap();
        assert_eq!(
            (e.key.as_str(), e.year, e.value),
            ("jobs_new_urban", 2025, 5200.0)
        );
        for bad in [
            "jobs_new_urban=5200",
            "jobs_new_urban:20x5=1",
            "jobs_new_urban:2025=abc",
        ] {
            assert!(parse_actual(bad).is_err(), "{bad}");
        }
    }
}

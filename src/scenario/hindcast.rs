//! The hindcast: the engine started from the 2020 census (`seeds/history.toml`,
//! `seeds/census-2020-estimated.csv`) with the projection's own default rates, compared with what
//! was published. Each row says which inputs were calibrated to its own observation (such a row
//! tests nothing); the others are checks against evidence the inputs did not use.

use super::error::InputError;
use super::population_csv;
use crate::model::baseline::Baseline;
use crate::model::cohort::Population;
use crate::model::history::{project_history, whole_persons, History, HistoryYear};
use crate::model::levers::{LeverId, Levers};
use crate::model::life_table::ModelLifeTable;
use crate::model::projection::{self, new_urban_jobs, Prepared};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// `seeds/hindcast.json`: the hindcast as `licheng hindcast --format json` prints it, committed
/// (a test checks that it is the model's) so that the page shows it without carrying the model's
/// history code and seeds.
pub const HINDCAST_JSON: &str = include_str!("../../seeds/hindcast.json");

/// The committed hindcast (`seeds/hindcast.json`, compiled in by build.rs as borrowed data).
pub static COMMITTED: Hindcast = include!(concat!(env!("OUT_DIR"), "/hindcast.rs"));

/// `seeds/history.toml`, converted to JSON by build.rs and embedded.
pub const HISTORY_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/history.json"));
/// `seeds/census-2020-estimated.csv`, embedded.
pub const CENSUS_CSV: &str = include_str!("../../seeds/census-2020-estimated.csv");

/// `seeds/history.toml`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct HistorySeed {
    pub census: CensusSeed,
    pub migration: MigrationSeed,
    pub jobs: JobsSeed,
    pub housing: HousingSeed,
    pub quanzhou: QuanzhouSeed,
    #[serde(rename = "year")]
    pub years: Vec<YearSeed>,
    #[serde(rename = "check")]
    pub checks: Vec<CheckSeed>,
}

/// The census the hindcast starts from.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct CensusSeed {
    pub date: String,
    pub total: f64,
    pub source: String,
}

/// The net-migration estimate (the `mig` lever's default) and how it was made.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct MigrationSeed {
    pub per_year: f64,
    pub decade_natural_increase: f64,
    pub decade_residual_per_year: f64,
    pub method_zh: String,
    pub method_en: String,
}

/// The district's record of new urban jobs, and that year's GDP growth.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct JobsSeed {
    pub year: i32,
    pub new_urban_jobs: f64,
    pub gdp_growth_pct: f64,
    pub source: String,
}

/// The district's record of affordable rental units completed.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct HousingSeed {
    pub year: i32,
    pub units_completed: f64,
    pub source: String,
}

/// Quanzhou's published population and rates, and the estimates that carry them to 2028.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct QuanzhouSeed {
    pub population_2021: f64,
    pub population_2024: f64,
    pub birth_rate_2021: f64,
    pub death_rate_2021: f64,
    pub birth_rate_2024: f64,
    pub death_rate_2024: f64,
    pub death_rate_rise_per_year: f64,
    pub source: String,
    pub method_zh: String,
    pub method_en: String,
}

impl QuanzhouSeed {
    /// Average annual growth 2025–2028 (%): natural increase at the 2024 rates with deaths
    /// rising, plus the net migration left of the 2021→2024 growth after natural increase.
    pub fn growth_2025_2028_pct(&self) -> f64 {
        let natural = |year: f64| {
            let t = ((year - 2021.0) / 3.0).clamp(0.0, 1.0);
            let birth = self.birth_rate_2021 + (self.birth_rate_2024 - self.birth_rate_2021) * t;
            let death = self.death_rate_2021
                + (self.death_rate_2024 - self.death_rate_2021) * t
                + self.death_rate_rise_per_year * (year - 2024.0).max(0.0);
            birth - death
        };
        let growth_2021_2024 =
            ((self.population_2024 / self.population_2021).powf(1.0 / 3.0) - 1.0) * 1000.0;
        let natural_2022_2024 = (natural(2022.0) + natural(2023.0) + natural(2024.0)) / 3.0;
        let migration = growth_2021_2024 - natural_2022_2024;
        let ahead: f64 = (2025..=2028)
            .map(|y| natural(y as f64) + migration)
            .sum::<f64>()
            / 4.0;
        ahead / 10.0
    }
}

/// One year of the history.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct YearSeed {
    pub year: i32,
    pub fraction: f64,
    pub birth_rate_per_mille: f64,
    pub status: String,
    pub method_zh: String,
    pub method_en: String,
}

/// A published figure the model is checked against.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct CheckSeed {
    pub id: String,
    pub measure: String,
    pub year: i32,
    pub observed: f64,
    pub tolerance: f64,
    pub unit_zh: String,
    pub unit_en: String,
    pub label_zh: String,
    pub label_en: String,
    pub source: String,
    pub calibrated_to_this: bool,
    pub calibrated_zh: String,
    pub calibrated_en: String,
}

/// Text of the hindcast: borrowed in the committed copy the page shows, owned when computed.
pub type Text = Cow<'static, str>;

/// One row of the hindcast: what, observed, model, error (model − observed), tolerance,
/// whether within it, and what was calibrated to the observation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HindcastRow {
    pub id: Text,
    pub label_zh: Text,
    pub label_en: Text,
    pub unit_zh: Text,
    pub unit_en: Text,
    pub observed: f64,
    pub model: f64,
    pub error: f64,
    pub tolerance: f64,
    pub within: bool,
    pub calibrated_to_this: bool,
    pub calibrated_zh: Text,
    pub calibrated_en: Text,
    pub source: Text,
}

/// The hindcast: the model's years and the rows, and how the estimates it rests on were made.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hindcast {
    pub census_date: Text,
    pub rows: Cow<'static, [HindcastRow]>,
    pub migration_method_zh: Text,
    pub migration_method_en: Text,
    pub quanzhou_method_zh: Text,
    pub quanzhou_method_en: Text,
    /// Per year: year, end population, births, deaths, net migrants, solved TFR, birth and
    /// death rates (per mille).
    pub years: Cow<'static, [HindcastYear]>,
}

/// The model's figures for one year of the hindcast.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HindcastYear {
    pub year: i32,
    pub population: f64,
    pub births: f64,
    pub deaths: f64,
    pub net_migrants: f64,
    pub tfr: f64,
    pub birth_rate_per_mille: f64,
    pub death_rate_per_mille: f64,
}

/// The embedded history seed.
pub fn history_seed() -> HistorySeed {
    serde_json::from_str(HISTORY_JSON).expect("seeds/history.toml is checked by the tests")
}

/// Runs the model from the census through the seed's years with `levers` (the defaults for the
/// hindcast; their TFR and net migration are replaced by each year's).
pub fn run_history(seed: &HistorySeed, levers: &Levers) -> Result<History, InputError> {
    let census = population_csv::parse(CENSUS_CSV)?;
    let years: Vec<HistoryYear> = seed
        .years
        .iter()
        .map(|y| HistoryYear {
            year: y.year,
            fraction: y.fraction,
            birth_rate_per_mille: y.birth_rate_per_mille,
            net_migrants: seed.migration.per_year * y.fraction,
        })
        .collect();
    Ok(project_history(
        &census,
        &years,
        levers,
        &ModelLifeTable::new(),
    )?)
}

/// The hindcast at the default levers.
pub fn hindcast() -> Result<Hindcast, InputError> {
    let seed = history_seed();
    let history = run_history(&seed, &Levers::default())?;
    let year_of = |year: i32| history.years.iter().find(|y| y.year == year);
    let rows = seed
        .checks
        .iter()
        .map(|check| {
            let missing = || {
                InputError::new(
                    format!("history.check.{}", check.id),
                    format!("模型检验缺少{}年", check.year),
                    format!("the hindcast has no year {}", check.year),
                )
            };
            let model = match check.measure.as_str() {
                "population_end" => year_of(check.year).ok_or_else(missing)?.population,
                "birth_rate" => {
                    year_of(check.year)
                        .ok_or_else(missing)?
                        .birth_rate_per_mille
                }
                "death_rate" => {
                    year_of(check.year)
                        .ok_or_else(missing)?
                        .death_rate_per_mille
                }
                "new_urban_jobs" => {
                    let jobs = jobs_at_start(&history, check.year)?;
                    let levers = Levers::default();
                    new_urban_jobs(
                        jobs,
                        jobs * (1.0
                            + seed.jobs.gdp_growth_pct / 100.0 * levers.get(LeverId::Elasticity)),
                        levers.get(LeverId::Turnover) / 100.0,
                    )
                }
                "intercensal_growth" => {
                    seed.migration.decade_natural_increase
                        + 10.0 * seed.migration.decade_residual_per_year
                }
                other => {
                    return Err(InputError::new(
                        format!("history.check.{}.measure", check.id),
                        format!("未知检验量 “{other}”"),
                        format!("unknown measure '{other}'"),
                    ))
                }
            };
            let error = model - check.observed;
            Ok(HindcastRow {
                id: check.id.clone().into(),
                label_zh: check.label_zh.clone().into(),
                label_en: check.label_en.clone().into(),
                unit_zh: check.unit_zh.clone().into(),
                unit_en: check.unit_en.clone().into(),
                observed: check.observed,
                model,
                error,
                tolerance: check.tolerance,
                within: error.abs() <= check.tolerance,
                calibrated_to_this: check.calibrated_to_this,
                calibrated_zh: check.calibrated_zh.clone().into(),
                calibrated_en: check.calibrated_en.clone().into(),
                source: check.source.clone().into(),
            })
        })
        .collect::<Result<Vec<_>, InputError>>()?;
    Ok(Hindcast {
        census_date: seed.census.date.clone().into(),
        rows: rows.into(),
        migration_method_zh: seed.migration.method_zh.clone().into(),
        migration_method_en: seed.migration.method_en.clone().into(),
        quanzhou_method_zh: seed.quanzhou.method_zh.clone().into(),
        quanzhou_method_en: seed.quanzhou.method_en.clone().into(),
        years: history
            .years
            .iter()
            .map(|y| HindcastYear {
                year: y.year,
                population: y.population,
                births: y.births,
                deaths: y.deaths,
                net_migrants: y.migrants,
                tfr: y.tfr,
                birth_rate_per_mille: y.birth_rate_per_mille,
                death_rate_per_mille: y.death_rate_per_mille,
            })
            .collect(),
    })
}

/// The base-year table (end of the last year of the history) in whole persons, as
/// `seeds/baseline-population-2024.csv` holds it: the header says how it was made.
pub fn base_table_csv() -> Result<String, InputError> {
    let seed = history_seed();
    let history = run_history(&seed, &Levers::default())?;
    let last = history.years.last().ok_or_else(|| {
        InputError::new("history.year", "历史年份为空", "the history has no years")
    })?;
    let (female, male) = whole_persons(&history.end);
    let (total_f, total_m): (u64, u64) = (female.iter().sum(), male.iter().sum());
    let tfrs: Vec<String> = history
        .years
        .iter()
        .map(|y| format!("{} {:.3}", y.year, y.tfr))
        .collect();
    let mut out = format!(
        "# 鲤城区{year}年末常住人口分年龄、性别估计表 / Licheng District: estimated resident population by single year of age and sex, end of {year}\n\
         # 口径：鲤城区（不含泉州开发区） / Basis: Licheng District proper, excluding the Quanzhou Economic and Technological Development Zone\n\
         # 估计值——非官方统计数据 / ESTIMATE — not an official statistic\n\
         # 总数{total}人（男{total_m}，女{total_f}）：由模型自七普（{date}，396112人）逐年推算，与预测所用的同一生命表、生育和迁移年龄模式；各年出生率见 seeds/history.toml，净迁入{mig}人/年\n\
         # Total {total} (male {total_m}, female {total_f}): the model's own projection from the 7th census ({date}, 396,112) with the life table, fertility and migration age patterns the projection uses; each year's birth rate in seeds/history.toml, net migration {mig} a year\n\
         # TFR solved for each year's birth rate: {tfrs}\n\
         # Generated by `licheng derive-baseline` from seeds/census-2020-estimated.csv and seeds/history.toml; age 100 means 100 and over\n\
         age,male,female\n",
        year = last.year,
        total = total_f + total_m,
        date = seed.census.date,
        mig = seed.migration.per_year,
        tfrs = tfrs.join(", "),
    );
    for (age, (m, f)) in male.iter().zip(&female).enumerate() {
        out.push_str(&format!("{age},{m},{f}\n"));
    }
    Ok(out)
}

/// The TFR solved for the last year of the history (the `tfr` lever's default continues it).
pub fn base_year_tfr() -> Result<f64, InputError> {
    let history = run_history(&history_seed(), &Levers::default())?;
    Ok(history.years.last().map_or(0.0, |y| y.tfr))
}

/// Jobs at the district's employers at the start of `year`: the model's employed residents at
/// the end of the year before (the projection's base-year convention, `E^d_0 = E^s_0`).
fn jobs_at_start(history: &History, year: i32) -> Result<f64, InputError> {
    let before = history
        .years
        .iter()
        .position(|y| y.year == year - 1)
        .ok_or_else(|| {
            InputError::new(
                "history.jobs.year",
                format!("模型检验缺少{}年", year - 1),
                format!("the hindcast has no year {}", year - 1),
            )
        })?;
    let population = history_population(history, before)?;
    let carrier = Baseline::new(year - 1, population, 0.0, 0.0, 0.0, 0.0)?;
    let levers = Levers::default();
    let prepared = Prepared::new(&carrier, &levers, &ModelLifeTable::new())?;
    Ok(projection::project(&carrier, &prepared, &levers).years[0].employment_supply)
}

/// The population at the end of history year `index`: the history is re-run to that year (the
/// tables of earlier years are not kept).
fn history_population(history: &History, index: usize) -> Result<Population, InputError> {
    if index + 1 == history.years.len() {
        return Ok(history.end.clone());
    }
    let mut seed = history_seed();
    seed.years.truncate(index + 1);
    Ok(run_history(&seed, &Levers::default())?.end)
}

/// The job-replacement rate (%) at which the model gives the district's recorded new urban jobs.
pub fn calibrated_turnover_pct() -> Result<f64, InputError> {
    let seed = history_seed();
    let history = run_history(&seed, &Levers::default())?;
    let jobs = jobs_at_start(&history, seed.jobs.year)?;
    let growth = seed.jobs.gdp_growth_pct / 100.0 * Levers::default().get(LeverId::Elasticity);
    Ok((seed.jobs.new_urban_jobs / jobs - growth) * 100.0)
}

/// The take-up among the eligible (%) at which the default projection's first-year eligible
/// need equals the affordable rental units the district completed in its record year.
pub fn calibrated_take_up_pct() -> Result<f64, InputError> {
    let seed = history_seed();
    let engine = super::Engine::licheng();
    let levers = Levers::default();
    let run = engine.run(&levers)?;
    let first = &run.projection.years[1];
    let base_households = first.affordable_need
        / (levers.get(LeverId::Eligible) / 100.0 * levers.get(LeverId::TakeUp) / 100.0);
    Ok(
        seed.housing.units_completed / (base_households * levers.get(LeverId::Eligible) / 100.0)
            * 100.0,
    )
}

//! The hindcast: the engine started from the 2020 census (`seeds/history.toml`,
//! `seeds/census-2020-estimated.csv`) with the projection's own default rates, compared with what
//! was published. Each row says which inputs were calibrated to its own observation (such a row
//! tests nothing); the others are checks against evidence the inputs did not use.

use super::error::InputError;
use super::population_csv;
use crate::model::history::{project_history, whole_persons, History, HistoryYear};
use crate::model::levers::{LeverId, Levers};
use crate::model::life_table::ModelLifeTable;
use serde::{Deserialize, Serialize};

/// `seeds/history.toml`, converted to JSON by build.rs and embedded.
pub const HISTORY_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/history.json"));
/// `seeds/census-2020-estimated.csv`, embedded.
pub const CENSUS_CSV: &str = include_str!("../../seeds/census-2020-estimated.csv");

/// `seeds/history.toml`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct HistorySeed {
    pub census: CensusSeed,
    pub migration: MigrationSeed,
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

/// One row of the hindcast: what, observed, model, error (model − observed), tolerance,
/// whether within it, and what was calibrated to the observation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HindcastRow {
    pub id: String,
    pub label_zh: String,
    pub label_en: String,
    pub unit_zh: String,
    pub unit_en: String,
    pub observed: f64,
    pub model: f64,
    pub error: f64,
    pub tolerance: f64,
    pub within: bool,
    pub calibrated_to_this: bool,
    pub calibrated_zh: String,
    pub calibrated_en: String,
    pub source: String,
}

/// The hindcast: the model's years and the rows.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hindcast {
    pub census_date: String,
    pub rows: Vec<HindcastRow>,
    /// Per year: year, end population, births, deaths, net migrants, solved TFR, birth and
    /// death rates (per mille).
    pub years: Vec<HindcastYear>,
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
                id: check.id.clone(),
                label_zh: check.label_zh.clone(),
                label_en: check.label_en.clone(),
                unit_zh: check.unit_zh.clone(),
                unit_en: check.unit_en.clone(),
                observed: check.observed,
                model,
                error,
                tolerance: check.tolerance,
                within: error.abs() <= check.tolerance,
                calibrated_to_this: check.calibrated_to_this,
                calibrated_zh: check.calibrated_zh.clone(),
                calibrated_en: check.calibrated_en.clone(),
                source: check.source.clone(),
            })
        })
        .collect::<Result<Vec<_>, InputError>>()?;
    Ok(Hindcast {
        census_date: seed.census.date.clone(),
        rows,
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

/// The net-migration lever's default must be the seed's estimate (one estimate, shown in both).
pub fn migration_default_matches_the_estimate() -> bool {
    LeverId::NetMigration.spec().default == history_seed().migration.per_year
}

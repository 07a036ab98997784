//! The custom-baseline file (TOML): an analyst's own population and rates for the cohort engine.
//!
//! ```toml
//! format = "licheng-baseline/1"
//! name = "Sweden 1993, females (Preston et al. 2001, Box 6.1)"
//! base_year = 1993
//! age_group_width = 5            # 1 (annual steps) or 5 (5-year steps); the last group is open
//!
//! [population]                   # persons by age group at the base date
//! female = [293395, 248369, …]
//! male   = [0, 0, …]
//!
//! [mortality]                    # one of three forms, per sex:
//! l0 = 100000                    #  a) life-table person-years nLx (last = T of the open group)
//! nlx_female = [497487, …]
//! nlx_male   = [497487, …]
//! # survival_female = […]        #  b) survival ratios (n−1 values, the last for the open group)
//! # survival_births_female = 0.99
//! # e0_female = 82.2             #  c) life expectancy through the model life table (width 1)
//!
//! [fertility]
//! rates = [0, 0, 0, 0.012, …]    # births of both sexes per woman-year, by age group
//! sex_ratio_at_birth = 1.05      # males per female
//!
//! [migration]                    # optional: net migrants of each age group per step, joining by UN ccmppWPP's "even" convention (half at the start with their group, half at the end)
//! female = […]
//! male   = […]
//! ```

use super::error::InputError;
use crate::model::cohort::{Population, StepRates, Survival, FEMALE, MALE};
use crate::model::life_table::ModelLifeTable;
use serde::Deserialize;

/// The format tag every custom-baseline file carries.
pub const FORMAT: &str = "licheng-baseline/1";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    format: String,
    #[serde(default)]
    name: String,
    base_year: i32,
    age_group_width: usize,
    population: PopulationSection,
    mortality: MortalitySection,
    fertility: FertilitySection,
    #[serde(default)]
    migration: Option<MigrationSection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PopulationSection {
    female: Vec<f64>,
    male: Vec<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MortalitySection {
    l0: Option<f64>,
    nlx_female: Option<Vec<f64>>,
    nlx_male: Option<Vec<f64>>,
    survival_female: Option<Vec<f64>>,
    survival_male: Option<Vec<f64>>,
    survival_births_female: Option<f64>,
    survival_births_male: Option<f64>,
    e0_female: Option<f64>,
    e0_male: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FertilitySection {
    rates: Vec<f64>,
    sex_ratio_at_birth: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MigrationSection {
    female: Vec<f64>,
    male: Vec<f64>,
}

/// A validated custom baseline: the population at the base date and the rates of every step.
#[derive(Debug, Clone)]
pub struct CustomBaseline {
    /// Free-text name from the file.
    pub name: String,
    /// The base year.
    pub base_year: i32,
    /// The validated population.
    pub population: Population,
    /// The validated rates applied at every step.
    pub rates: StepRates,
}

impl CustomBaseline {
    /// Parses and validates a custom-baseline TOML text. Every error names the field and why.
    pub fn parse(text: &str) -> Result<Self, InputError> {
        let file: File = toml::from_str(text).map_err(|e| {
            let loc = e
                .span()
                .map(|s| {
                    let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
                    format!("line {line}")
                })
                .unwrap_or_else(|| "file".to_string());
            let msg = e.message().to_string();
            InputError::new(
                loc,
                format!("文件无法解析：{msg}"),
                format!("cannot parse the file: {msg}"),
            )
        })?;
        if file.format != FORMAT {
            return Err(InputError::new(
                "format",
                format!("格式标记应为 “{FORMAT}”，实际为 “{}”", file.format),
                format!("format should be \"{FORMAT}\", found \"{}\"", file.format),
            ));
        }
        let width = file.age_group_width;
        let n = file.population.female.len();
        let population = Population::new(file.population.female, file.population.male)?;
        let survival = [
            survival_for(&file.mortality, FEMALE, n, width)?,
            survival_for(&file.mortality, MALE, n, width)?,
        ];
        let migrants = match file.migration {
            Some(m) => [m.female, m.male],
            None => [vec![0.0; n], vec![0.0; n]],
        };
        let rates = StepRates::new(
            width,
            survival,
            file.fertility.rates,
            file.fertility.sex_ratio_at_birth,
            migrants,
        )?;
        Ok(CustomBaseline {
            name: file.name,
            base_year: file.base_year,
            population,
            rates,
        })
    }
}

/// The survival of one sex from whichever form the file gives (exactly one form per sex).
fn survival_for(
    m: &MortalitySection,
    sex: usize,
    groups: usize,
    width: usize,
) -> Result<Survival, InputError> {
    let (label, nlx, ratios, births, e0) = if sex == FEMALE {
        (
            "female",
            &m.nlx_female,
            &m.survival_female,
            m.survival_births_female,
            m.e0_female,
        )
    } else {
        (
            "male",
            &m.nlx_male,
            &m.survival_male,
            m.survival_births_male,
            m.e0_male,
        )
    };
    let forms =
        usize::from(nlx.is_some()) + usize::from(ratios.is_some()) + usize::from(e0.is_some());
    if forms != 1 {
        return Err(InputError::new(
            format!("mortality ({label})"),
            format!("须且只须给出一种死亡率形式：nlx_{label}、survival_{label} 或 e0_{label}（现有 {forms} 种）"),
            format!("give exactly one mortality form: nlx_{label}, survival_{label} or e0_{label} (found {forms})"),
        ));
    }
    if let Some(nlx) = nlx {
        if nlx.len() != groups {
            return Err(length_error(
                &format!("mortality.nlx_{label}"),
                groups,
                nlx.len(),
            ));
        }
        let l0 = m.l0.ok_or_else(|| {
            InputError::new(
                "mortality.l0",
                "使用 nLx 时须给出生命表基数 l0",
                "l0 (the life-table radix) is required with nLx",
            )
        })?;
        return Ok(Survival::from_nlx(nlx, l0, width)?);
    }
    if let Some(ratios) = ratios {
        if ratios.len() + 1 != groups {
            return Err(length_error(
                &format!("mortality.survival_{label}"),
                groups - 1,
                ratios.len(),
            ));
        }
        let births = births.ok_or_else(|| {
            InputError::new(
                format!("mortality.survival_births_{label}"),
                "使用存活比时须给出出生存活比",
                "the births' survival ratio is required with survival ratios",
            )
        })?;
        return Ok(Survival::from_ratios(ratios.clone(), births)?);
    }
    let e0 = e0.unwrap_or_default();
    if width != 1 {
        return Err(InputError::new(
            format!("mortality.e0_{label}"),
            "预期寿命形式仅适用于 1 岁组（age_group_width = 1）",
            "the life-expectancy form needs single-year groups (age_group_width = 1)",
        ));
    }
    let table = ModelLifeTable::new()
        .single_year(e0, groups - 1)
        .map_err(|e| {
            let mut err = InputError::from(e);
            err.location = format!("mortality.e0_{label}");
            err
        })?;
    Ok(Survival::from_nlx(&table.nlx, 1.0, 1)?)
}

fn length_error(field: &str, expected: usize, found: usize) -> InputError {
    InputError::new(
        field,
        format!("应有 {expected} 个值，实际为 {found} 个"),
        format!("should have {expected} values, found {found}"),
    )
}

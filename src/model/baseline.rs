//! The base-year stocks a projection starts from (population by single year of age and sex,
//! school capacity, insurance participation), validated. Where the numbers come from is the
//! scenario layer's business (seeds/baseline.toml); the model only checks that they make sense.

use super::cohort::Population;
use super::error::{check_range, ModelError};

/// Oldest open age group accepted: single years up to `MAX_GROUPS − 1`.
pub const MAX_GROUPS: usize = 111;
/// Youngest open age group accepted (the employment module needs ages through 65).
pub const MIN_GROUPS: usize = 66;

/// A validated baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    base_year: i32,
    population: Population,
    primary_capacity: f64,
    junior_capacity: f64,
    places_first_year: f64,
    insurance_pct: f64,
}

impl Baseline {
    /// Validates a baseline: single-year population with 66 to 111 groups (the last open),
    /// capacities and the places opening in the first projected year non-negative, insurance
    /// participation a percentage.
    pub fn new(
        base_year: i32,
        population: Population,
        primary_capacity: f64,
        junior_capacity: f64,
        places_first_year: f64,
        insurance_pct: f64,
    ) -> Result<Self, ModelError> {
        let groups = population.groups();
        if !(MIN_GROUPS..=MAX_GROUPS).contains(&groups) {
            return Err(ModelError::Invalid {
                field: "population".into(),
                reason_zh: format!("须为单岁组，{MIN_GROUPS} 至 {MAX_GROUPS} 组（最后一组为开放组），实际 {groups} 组"),
                reason_en: format!(
                    "needs single years of age, {MIN_GROUPS} to {MAX_GROUPS} groups (the last open), found {groups}"
                ),
            });
        }
        check_range("base_year", base_year as f64, 1900.0, 2100.0)?;
        Ok(Baseline {
            base_year,
            population,
            primary_capacity: check_range("primary_capacity", primary_capacity, 0.0, 1e8)?,
            junior_capacity: check_range("junior_capacity", junior_capacity, 0.0, 1e8)?,
            places_first_year: check_range("places_first_year", places_first_year, 0.0, 1e8)?,
            insurance_pct: check_range("insurance_pct", insurance_pct, 0.0, 100.0)?,
        })
    }

    /// The base year (stocks at its end).
    pub fn base_year(&self) -> i32 {
        self.base_year
    }
    /// Population by single year of age and sex at the end of the base year.
    pub fn population(&self) -> &Population {
        &self.population
    }
    /// Public primary places in the base year.
    pub fn primary_capacity(&self) -> f64 {
        self.primary_capacity
    }
    /// Public junior-middle places in the base year.
    pub fn junior_capacity(&self) -> f64 {
        self.junior_capacity
    }
    /// New public places opening in the first projected year (published plan).
    pub fn places_first_year(&self) -> f64 {
        self.places_first_year
    }
    /// Basic medical-insurance participation in the base year, %.
    pub fn insurance_pct(&self) -> f64 {
        self.insurance_pct
    }

    /// The same baseline with another population (e.g. an imported CSV); re-validated.
    pub fn with_population(&self, population: Population) -> Result<Self, ModelError> {
        Baseline::new(
            self.base_year,
            population,
            self.primary_capacity,
            self.junior_capacity,
            self.places_first_year,
            self.insurance_pct,
        )
    }
}

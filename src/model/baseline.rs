//! The base-year stocks a projection starts from (population by single year of age and sex,
//! school capacity, insurance participation), validated. Where the numbers come from is the
//! scenario layer's business (seeds/baseline.toml); the model only checks that they make sense.

use super::actuals::{Actuals, Reported, POPULATION_BAND};
use super::cohort::Population;
use super::error::{check_range, ModelError};
use super::projection::HORIZON;

/// Oldest open age group accepted: single years up to `MAX_GROUPS − 1`.
pub const MAX_GROUPS: usize = 111;
/// Youngest open age group accepted (the employment module needs ages through 65).
pub const MIN_GROUPS: usize = 66;

/// The base-year figures of a baseline that are single numbers (everything but the population
/// table), each with the range `Baseline::new` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stock {
    /// Public primary places in the base year.
    PrimaryCapacity,
    /// Public junior-middle places in the base year.
    JuniorCapacity,
    /// New public places opening in the first projected year.
    PlacesFirstYear,
    /// Basic medical-insurance participation in the base year, %.
    InsurancePct,
}

impl Stock {
    /// Every figure, in a fixed order (the order of `Baseline::new`'s arguments).
    pub const ALL: [Stock; 4] = [
        Stock::PrimaryCapacity,
        Stock::JuniorCapacity,
        Stock::PlacesFirstYear,
        Stock::InsurancePct,
    ];

    /// The field name errors use (`primary_capacity`, …).
    pub fn field(self) -> &'static str {
        match self {
            Stock::PrimaryCapacity => "primary_capacity",
            Stock::JuniorCapacity => "junior_capacity",
            Stock::PlacesFirstYear => "places_first_year",
            Stock::InsurancePct => "insurance_pct",
        }
    }

    /// The valid range `(min, max)`, both ends included.
    pub fn range(self) -> (f64, f64) {
        match self {
            Stock::PrimaryCapacity | Stock::JuniorCapacity | Stock::PlacesFirstYear => {
                (0.0, MAX_PLACES)
            }
            Stock::InsurancePct => (0.0, 100.0),
        }
    }

    /// Checks a value against [`Stock::range`] (NaN and infinities are refused).
    pub fn check(self, value: f64) -> Result<f64, ModelError> {
        let (min, max) = self.range();
        check_range(self.field(), value, min, max)
    }
}

/// The most school places (or new places) a baseline may hold.
pub const MAX_PLACES: f64 = 1e8;

/// A validated baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    base_year: i32,
    population: Population,
    primary_capacity: f64,
    junior_capacity: f64,
    places_first_year: f64,
    insurance_pct: f64,
    /// What the projected years already delivered (empty: every year is projected).
    actuals: Actuals,
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
            primary_capacity: Stock::PrimaryCapacity.check(primary_capacity)?,
            junior_capacity: Stock::JuniorCapacity.check(junior_capacity)?,
            places_first_year: Stock::PlacesFirstYear.check(places_first_year)?,
            insurance_pct: Stock::InsurancePct.check(insurance_pct)?,
            actuals: Actuals::new(),
        })
    }

    /// The figures reported for projected years.
    pub fn actuals(&self) -> &Actuals {
        &self.actuals
    }

    /// The same baseline with these reported figures, checked: every year is a projected one
    /// (`base_year + 1 ..= base_year + HORIZON`) and a reported population lies within
    /// [`POPULATION_BAND`] of the base-year total.
    pub fn with_actuals(&self, actuals: Actuals) -> Result<Self, ModelError> {
        let first = self.base_year + 1;
        let last = self.base_year + HORIZON as i32;
        let total = self.population.total();
        for (what, year, value) in actuals.iter() {
            if !(first..=last).contains(&year) {
                return Err(ModelError::Invalid {
                    field: what.field().into(),
                    reason_zh: format!("年份 {year} 不在预测期 {first}—{last} 年内"),
                    reason_en: format!("the year {year} is outside the projection {first}–{last}"),
                });
            }
            if what == Reported::Population {
                let (min, max) = (
                    (total * (1.0 - POPULATION_BAND)).ceil(),
                    (total * (1.0 + POPULATION_BAND)).floor(),
                );
                check_range("population", value, min, max)?;
            }
        }
        let mut next = self.clone();
        next.actuals = actuals;
        Ok(next)
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

    /// The value of one single-number figure.
    pub fn stock(&self, stock: Stock) -> f64 {
        match stock {
            Stock::PrimaryCapacity => self.primary_capacity,
            Stock::JuniorCapacity => self.junior_capacity,
            Stock::PlacesFirstYear => self.places_first_year,
            Stock::InsurancePct => self.insurance_pct,
        }
    }

    /// The same baseline with one figure changed (e.g. an analyst's edit); validated.
    pub fn with_stock(&self, stock: Stock, value: f64) -> Result<Self, ModelError> {
        let mut next = self.clone();
        let slot = match stock {
            Stock::PrimaryCapacity => &mut next.primary_capacity,
            Stock::JuniorCapacity => &mut next.junior_capacity,
            Stock::PlacesFirstYear => &mut next.places_first_year,
            Stock::InsurancePct => &mut next.insurance_pct,
        };
        *slot = stock.check(value)?;
        Ok(next)
    }

    /// The same baseline with another population (e.g. an imported CSV); re-validated, without
    /// reported figures (their population band depends on the table: apply them again).
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

#[cfg(test)]
mod tests {
    use super::*;

    fn baseline() -> Baseline {
        let population = Population::new(vec![100.0; MIN_GROUPS], vec![100.0; MIN_GROUPS]).unwrap();
        Baseline::new(2024, population, 1000.0, 500.0, 50.0, 95.0).unwrap()
    }

    #[test]
    fn with_stock_changes_one_figure_and_checks_its_range() {
        let base = baseline();
        for (stock, value) in Stock::ALL.into_iter().zip([2000.0, 0.0, 1e8, 100.0]) {
            let edited = base.with_stock(stock, value).unwrap();
            assert_eq!(edited.stock(stock), value);
            for other in Stock::ALL.into_iter().filter(|s| *s != stock) {
                assert_eq!(edited.stock(other), base.stock(other));
            }
            let (min, max) = stock.range();
            for bad in [min - 1.0, max * 1.5 + 1.0, f64::NAN, f64::INFINITY] {
                let e = base.with_stock(stock, bad).unwrap_err();
                assert_eq!(e.field(), stock.field());
            }
        }
        assert_eq!(base.stock(Stock::InsurancePct), base.insurance_pct());
    }
}

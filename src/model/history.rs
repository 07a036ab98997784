//! The years before the base year: the engine's projection from a census table with each year's
//! birth rate and net migration, which derives the base-year table and is the hindcast.
//!
//! # Method
//!
//! The census counts a population on a date inside a year; the rest of that year is the fraction
//! `f` of a full step, taken as `P + f·(P′ − P)` cell by cell, with `P′` the full annual step
//! from `P` (flows scaled by `f`, so `P(t+f) = P(t) + B − D + M` still holds exactly). Each year
//! has a crude birth rate (published, or estimated) and a net-migration total: the total
//! fertility rate of that year is solved so that the model's births over its mean population
//! give the birth rate (births are proportional to the TFR, the mean population nearly so, so
//! `TFR ← TFR · target / rate` converges in a few rounds). Everything else (life tables,
//! fertility and migration age patterns, sex ratio at birth) is the projection's own, from the
//! same levers: one demography from the census to 2028.

use super::baseline::Baseline;
use super::cohort::{Population, StepFlows, FEMALE, MALE};
use super::error::{check_range, ModelError};
use super::levers::{LeverId as L, Levers};
use super::life_table::ModelLifeTable;
use super::projection::Prepared;

/// One year of the history: its length as a fraction of a year (the census year's rest; else 1),
/// its crude birth rate (per mille) and its net migrants.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HistoryYear {
    pub year: i32,
    pub fraction: f64,
    pub birth_rate_per_mille: f64,
    pub net_migrants: f64,
}

/// What the model gives for one year of the history.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HistoryResult {
    pub year: i32,
    /// Population at the end of the year.
    pub population: f64,
    pub births: f64,
    pub deaths: f64,
    pub migrants: f64,
    /// The TFR solved for the year's birth rate.
    pub tfr: f64,
    /// Births and deaths per thousand of the mean population (start and end averaged).
    pub birth_rate_per_mille: f64,
    pub death_rate_per_mille: f64,
}

/// The history from a census: each year's results and the population at the end of the last.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    pub years: Vec<HistoryResult>,
    pub end: Population,
}

/// Projects `census` through `years` with `levers` (life expectancy, mean age at childbearing,
/// sex ratio at birth, male share of migrants; their TFR and net migration are replaced by each
/// year's), solving each year's TFR for its birth rate. Each year must have a fraction in (0, 1]
/// and a birth rate in [1, 40] per mille; its solved TFR must lie within the TFR lever's range.
pub fn project_history(
    census: &Population,
    years: &[HistoryYear],
    levers: &Levers,
    life: &ModelLifeTable,
) -> Result<History, ModelError> {
    let mut pop = census.clone();
    let mut out = Vec::with_capacity(years.len());
    let tfr_spec = L::Tfr.spec();
    for y in years {
        check_range("fraction", y.fraction, f64::MIN_POSITIVE, 1.0)?;
        check_range("birth_rate", y.birth_rate_per_mille, 1.0, 40.0)?;
        let mut year_levers = levers.clone();
        year_levers.set(L::NetMigration, y.net_migrants / y.fraction)?;
        let carrier = Baseline::new(y.year, pop.clone(), 0.0, 0.0, 0.0, 0.0)?;
        let mut tfr = levers.get(L::Tfr);
        let mut step = None;
        for _ in 0..8 {
            year_levers.set(L::Tfr, tfr.clamp(tfr_spec.min, tfr_spec.max))?;
            let prepared = Prepared::new(&carrier, &year_levers, life)?;
            let (full, flows) = pop.step(prepared.rates());
            let (next, flows) = partial(&pop, &full, flows, y.fraction)?;
            let mean = (pop.total() + next.total()) / 2.0;
            let rate = flows.births / y.fraction / mean * 1000.0;
            step = Some((next, flows, mean));
            if rate <= 0.0 {
                break;
            }
            let ratio = y.birth_rate_per_mille / rate;
            if (ratio - 1.0).abs() < 1e-12 {
                break;
            }
            tfr *= ratio;
        }
        check_range("tfr", tfr, tfr_spec.min, tfr_spec.max)?;
        let (next, flows, mean) = step.expect("at least one round");
        out.push(HistoryResult {
            year: y.year,
            population: next.total(),
            births: flows.births,
            deaths: flows.deaths,
            migrants: flows.migrants,
            tfr,
            birth_rate_per_mille: flows.births / y.fraction / mean * 1000.0,
            death_rate_per_mille: flows.deaths / y.fraction / mean * 1000.0,
        });
        pop = next;
    }
    Ok(History {
        years: out,
        end: pop,
    })
}

/// The fraction `f` of the step from `from` to `to` (with `flows`), cell by cell.
fn partial(
    from: &Population,
    to: &Population,
    flows: StepFlows,
    f: f64,
) -> Result<(Population, StepFlows), ModelError> {
    if f >= 1.0 {
        return Ok((to.clone(), flows));
    }
    let blend = |sex: usize| -> Vec<f64> {
        from.sex(sex)
            .iter()
            .zip(to.sex(sex))
            .map(|(a, b)| a + f * (b - a))
            .collect()
    };
    let next = Population::new(blend(FEMALE), blend(MALE))?;
    Ok((
        next,
        StepFlows {
            births: flows.births * f,
            births_female: flows.births_female * f,
            deaths: flows.deaths * f,
            migrants: flows.migrants * f,
        },
    ))
}

/// Whole persons by largest remainder: each cell rounded down, then one more to the cells with
/// the largest remainders (ties to the lower index, female first) until the total is the
/// rounded total. Returns (female, male).
pub fn whole_persons(pop: &Population) -> (Vec<u64>, Vec<u64>) {
    let cells: Vec<f64> = pop
        .sex(FEMALE)
        .iter()
        .chain(pop.sex(MALE))
        .copied()
        .collect();
    let total = pop.total().round() as u64;
    let mut floors: Vec<u64> = cells.iter().map(|v| v.floor() as u64).collect();
    let rest = total.saturating_sub(floors.iter().sum());
    let mut order: Vec<usize> = (0..cells.len()).collect();
    order.sort_by(|&a, &b| {
        let ra = cells[a] - cells[a].floor();
        let rb = cells[b] - cells[b].floor();
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for &i in order.iter().take(rest as usize) {
        floors[i] += 1;
    }
    let male = floors.split_off(pop.groups());
    (floors, male)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn census() -> Population {
        let f: Vec<f64> = (0..101).map(|a| 2000.0 - 15.0 * a as f64).collect();
        let m: Vec<f64> = f.iter().map(|v| v * 1.05).collect();
        Population::new(f, m).unwrap()
    }

    #[test]
    fn each_year_meets_its_birth_rate_and_the_accounting_holds() {
        let years = [
            HistoryYear {
                year: 2020,
                fraction: 2.0 / 12.0,
                birth_rate_per_mille: 8.0,
                net_migrants: 100.0,
            },
            HistoryYear {
                year: 2021,
                fraction: 1.0,
                birth_rate_per_mille: 7.5,
                net_migrants: 800.0,
            },
        ];
        let history = project_history(
            &census(),
            &years,
            &Levers::default(),
            &ModelLifeTable::new(),
        )
        .unwrap();
        let mut before = census().total();
        for (y, r) in years.iter().zip(&history.years) {
            assert!((r.birth_rate_per_mille - y.birth_rate_per_mille).abs() < 1e-6);
            assert!((r.migrants - y.net_migrants).abs() < 1e-6, "{r:?}");
            let accounted = before + r.births - r.deaths + r.migrants;
            assert!((r.population - accounted).abs() < 1e-6);
            before = r.population;
        }
        assert!((history.end.total() - before).abs() < 1e-9);
    }

    #[test]
    fn whole_persons_keep_the_rounded_total() {
        let pop = Population::new(vec![1.25, 2.75, 3.5], vec![0.25, 0.25, 0.5]).unwrap();
        let (f, m) = whole_persons(&pop);
        assert_eq!((f, m), (vec![1, 3, 4], vec![0, 0, 1]), "8.5 rounds to 9");
    }
}

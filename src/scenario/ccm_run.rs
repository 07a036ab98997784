//! Runs the bare cohort-component engine on a custom baseline and serialises the steps.

use super::custom_baseline::CustomBaseline;
use crate::model::cohort::{FEMALE, MALE};
use serde::Serialize;

/// One projected date of a bare cohort-component run.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CcmStep {
    /// Year at the end of the step (the base year for the first row).
    pub year: i32,
    /// Women by age group.
    pub female: Vec<f64>,
    /// Men by age group.
    pub male: Vec<f64>,
    /// Both sexes.
    pub total: f64,
    /// Births during the step that ended here (0 for the base row).
    pub births: f64,
    /// Deaths during the step.
    pub deaths: f64,
    /// Net migrants during the step.
    pub migrants: f64,
}

/// The base row and `steps` projected rows.
pub fn run(baseline: &CustomBaseline, steps: usize) -> Vec<CcmStep> {
    let width = baseline.rates.width() as i32;
    let mut pop = baseline.population.clone();
    let mut rows = vec![CcmStep {
        year: baseline.base_year,
        female: pop.sex(FEMALE).to_vec(),
        male: pop.sex(MALE).to_vec(),
        total: pop.total(),
        births: 0.0,
        deaths: 0.0,
        migrants: 0.0,
    }];
    for i in 1..=steps {
        let (next, flows) = pop.step(&baseline.rates);
        pop = next;
        rows.push(CcmStep {
            year: baseline.base_year + width * i as i32,
            female: pop.sex(FEMALE).to_vec(),
            male: pop.sex(MALE).to_vec(),
            total: pop.total(),
            births: flows.births,
            deaths: flows.deaths,
            migrants: flows.migrants,
        });
    }
    rows
}

//! Messages between the page and the Monte Carlo worker (serde, so the worker's codec carries
//! them), and the conversion of model results into them. Native-testable: no web crates here.

use super::uncertainty::draw_all;
use super::{Engine, InputError};
use crate::model::cohort::Population;
use crate::model::levers::{LeverId, Levers};
use crate::model::montecarlo::{summarize, DrawSummary, McResult, Settings};
use serde::{Deserialize, Serialize};

/// A Monte Carlo job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct McJob {
    /// Increases with every job; updates of older jobs are stale.
    pub run_id: u64,
    /// Every lever's value, in `LEVERS` order.
    pub levers: Vec<f64>,
    pub seed: u64,
    pub spread: f64,
    pub draws: u64,
    /// Draws per progress update.
    pub chunk: u64,
    /// A custom population (female, male by single year), or `None` for the embedded baseline.
    pub population: Option<(Vec<f64>, Vec<f64>)>,
}

/// What the page sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum McRequest {
    Run(McJob),
    Cancel,
}

/// Percentiles and probabilities so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct McSummary {
    pub draws: usize,
    /// `bands[series][year]` = percentiles 2.5, 10, 50, 90, 97.5 (`Series::ALL` order).
    pub bands: Vec<Vec<[f64; 5]>>,
    /// Per target (plan order): share of draws meeting it.
    pub probability: Vec<f64>,
    /// Per target: percentiles of its value.
    pub target_bands: Vec<[f64; 5]>,
}

impl From<&McResult> for McSummary {
    fn from(r: &McResult) -> Self {
        McSummary {
            draws: r.draws,
            bands: r
                .bands
                .iter()
                .map(|s| s.iter().map(|b| b.p).collect())
                .collect(),
            probability: r.probability.clone(),
            target_bands: r.target_bands.iter().map(|b| b.p).collect(),
        }
    }
}

/// What the worker sends back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum McUpdate {
    /// Partial results after `summary.draws` of `total` draws.
    Progress {
        run_id: u64,
        total: u64,
        summary: McSummary,
        elapsed_ms: f64,
    },
    /// All draws done.
    Done {
        run_id: u64,
        summary: McSummary,
        elapsed_ms: f64,
    },
    /// The job was invalid (message in both languages).
    Failed {
        run_id: u64,
        message_zh: String,
        message_en: String,
    },
}

impl McJob {
    /// The job's levers, validated.
    pub fn levers(&self) -> Result<Levers, InputError> {
        let mut levers = Levers::default();
        if self.levers.len() != LeverId::ALL.len() {
            return Err(InputError::new(
                "levers",
                "参数个数不符",
                "wrong number of levers",
            ));
        }
        for (&id, &v) in LeverId::ALL.iter().zip(&self.levers) {
            levers.set(id, v)?;
        }
        Ok(levers)
    }

    /// The engine for this job: the embedded one, or one on the job's custom population.
    pub fn engine(&self, embedded: &Engine) -> Result<Engine, InputError> {
        match &self.population {
            None => Ok(embedded.clone()),
            Some((female, male)) => {
                let population = Population::new(female.clone(), male.clone())?;
                Engine::new(embedded.baseline().with_population(population)?, true)
            }
        }
    }
}

/// Runs a whole job at once (the native path; the worker streams it chunk by chunk).
pub fn run_job(embedded: &Engine, job: &McJob) -> Result<McSummary, InputError> {
    let engine = job.engine(embedded)?;
    let mc = engine.monte_carlo(&job.levers()?, Settings::new(job.seed, job.spread)?)?;
    super::uncertainty::check_draws(job.draws)?;
    Ok(McSummary::from(&summarize(
        &draw_all(&mc, job.draws),
        mc.target_count(),
    )))
}

/// Summarises the draws so far.
pub fn summary_of(draws: &[DrawSummary], targets: usize) -> McSummary {
    McSummary::from(&summarize(draws, targets))
}

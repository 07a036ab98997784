//! Messages between the page and the Monte Carlo worker (serde, so the worker's codec carries
//! them), and the conversion of model results into them: Monte Carlo jobs streamed at
//! milestones (`mc_run`), goal-seek jobs answered at once. Native-testable: no web crates here.

use super::baseline_edits::BaselineEdits;
use super::uncertainty::draw_all;
use super::{Engine, InputError};
use crate::model::cohort::Population;
use crate::model::decision::Seek;
use crate::model::levers::{LeverId, Levers};
use crate::model::montecarlo::{summarize, DrawTable, McResult, Settings};
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
    /// Baseline figures edited by the analyst (school places, insurance participation); empty
    /// for the embedded ones. Missing in a job of an older page: none edited.
    #[serde(default)]
    pub figures: BaselineEdits,
    /// Reported figures (checked by the page against the current year); missing in a job of
    /// an older page: none.
    #[serde(default)]
    pub actuals: Vec<super::actuals::ActualEntry>,
}

/// A goal-seek job: the value of one lever at which one target is met with each probability
/// in `levels` (`Engine::goal_seek`, common random numbers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalSeekJob {
    /// The scenario, seed, spread and population as in a Monte Carlo job; its `run_id` is this
    /// job's, its `draws` the draws per evaluated lever value, its `chunk` unused.
    pub scenario: McJob,
    /// The target's index in plan order.
    pub target: usize,
    /// The lever's stable key (`LEVERS`).
    pub lever: String,
    /// Probabilities to reach, each in (0, 1].
    pub levels: Vec<f64>,
}

/// What the page sends. Any request ends a running Monte Carlo job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum McRequest {
    /// A whole job: the worker summarises (`McUpdate::Progress`, `Done`).
    Run(McJob),
    Cancel,
    GoalSeek(GoalSeekJob),
}

/// One goal-seek answer (the serde form of `model::decision::Seek`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum SeekAnswer {
    Reached {
        value: f64,
        probability: f64,
        outside_documented: bool,
    },
    NotReachable {
        at_min: f64,
        at_max: f64,
    },
}

impl From<Seek> for SeekAnswer {
    fn from(s: Seek) -> Self {
        match s {
            Seek::Reached {
                value,
                probability,
                outside_documented,
            } => SeekAnswer::Reached {
                value,
                probability,
                outside_documented,
            },
            Seek::NotReachable { at_min, at_max } => SeekAnswer::NotReachable { at_min, at_max },
        }
    }
}

impl From<SeekAnswer> for Seek {
    fn from(s: SeekAnswer) -> Self {
        match s {
            SeekAnswer::Reached {
                value,
                probability,
                outside_documented,
            } => Seek::Reached {
                value,
                probability,
                outside_documented,
            },
            SeekAnswer::NotReachable { at_min, at_max } => Seek::NotReachable { at_min, at_max },
        }
    }
}

/// A message in both languages (why a job failed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

impl From<InputError> for Message {
    fn from(e: InputError) -> Self {
        Message {
            zh: e.message("zh"),
            en: e.message("en"),
        }
    }
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
    /// The answer to a goal-seek job (one per requested level), or why it failed.
    GoalSeek {
        run_id: u64,
        outcome: Result<Vec<SeekAnswer>, Message>,
        elapsed_ms: f64,
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

    /// The engine for this job: the embedded one, or one on the job's custom population and/or
    /// edited figures (validated: a bad figure is refused with its name).
    pub fn engine(&self, embedded: &Engine) -> Result<Engine, InputError> {
        let population = match &self.population {
            None => None,
            Some((female, male)) => Some(Population::new(female.clone(), male.clone())?),
        };
        let engine = embedded.customised(population, &self.figures)?;
        if self.actuals.is_empty() {
            return Ok(engine);
        }
        engine.with_entries(&self.actuals, super::actuals::LAST_PLAN_YEAR)
    }
}

/// Partial results are shown no more often than this: each costs a summary and a re-render of
/// the page, so a run that ends sooner shows only its end.
pub const MIN_PROGRESS_INTERVAL_MS: f64 = 150.0;

/// Whether partial results are due at a milestone: at the end always, before it only once
/// `MIN_PROGRESS_INTERVAL_MS` have passed since the previous update (or the start).
pub fn progress_due(at_end: bool, elapsed_ms: f64, last_update_ms: f64) -> bool {
    at_end || elapsed_ms - last_update_ms >= MIN_PROGRESS_INTERVAL_MS
}

/// Runs a whole job at once (the native path; the worker streams it chunk by chunk).
pub fn run_job(embedded: &Engine, job: &McJob) -> Result<McSummary, InputError> {
    let engine = job.engine(embedded)?;
    let mc = engine.monte_carlo(&job.levers()?, Settings::new(job.seed, job.spread)?)?;
    super::uncertainty::check_draws(job.draws)?;
    Ok(McSummary::from(&summarize(&mut draw_all(&mc, job.draws))))
}

/// Summarises the draws so far.
pub fn summary_of(draws: &mut DrawTable) -> McSummary {
    McSummary::from(&summarize(draws))
}

/// Runs a goal-seek job (validated: target index, lever key, levels, draws, settings).
pub fn run_goal_seek(embedded: &Engine, job: &GoalSeekJob) -> Result<Vec<SeekAnswer>, InputError> {
    let engine = job.scenario.engine(embedded)?;
    let targets = engine.targets().len();
    if job.target >= targets {
        return Err(InputError::new(
            "target",
            format!("目标序号应为 0 至 {}", targets.saturating_sub(1)),
            format!(
                "the target index must be 0 to {}",
                targets.saturating_sub(1)
            ),
        ));
    }
    let lever = LeverId::from_key(&job.lever)
        .ok_or_else(|| InputError::new(job.lever.as_str(), "未知参数", "unknown lever"))?;
    if job.levels.is_empty() || job.levels.iter().any(|q| !(*q > 0.0 && *q <= 1.0)) {
        return Err(InputError::new(
            "levels",
            "概率水平应在 0 与 1 之间（不含 0）",
            "each probability level must be above 0 and at most 1",
        ));
    }
    let settings = Settings::new(job.scenario.seed, job.scenario.spread)?;
    let seeks = engine.goal_seek(
        job.target,
        lever,
        &job.scenario.levers()?,
        &job.levels,
        settings,
        job.scenario.draws,
    )?;
    Ok(seeks.into_iter().map(SeekAnswer::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::uncertainty::DEFAULT_SEED;

    fn scenario(draws: u64) -> McJob {
        McJob {
            run_id: 7,
            levers: LeverId::ALL.iter().map(|id| id.spec().default).collect(),
            seed: DEFAULT_SEED,
            spread: 1.0,
            draws,
            chunk: 250,
            population: None,
            figures: BaselineEdits::default(),
            actuals: Vec::new(),
        }
    }

    #[test]
    fn a_job_with_reported_figures_runs_on_them() {
        use crate::scenario::actuals::ActualEntry;
        let embedded = Engine::licheng();
        let actuals = vec![ActualEntry {
            key: "jobs_new_urban".into(),
            year: 2025,
            value: 4000.0,
        }];
        let job = McJob {
            actuals: actuals.clone(),
            ..scenario(10)
        };
        let engine = job.engine(&embedded).unwrap();
        assert_eq!(engine.actual_entries(), actuals);
        let bad = McJob {
            actuals: vec![ActualEntry {
                value: -1.0,
                ..actuals[0].clone()
            }],
            ..scenario(10)
        };
        assert!(bad.engine(&embedded).is_err());
    }

    #[test]
    fn a_job_with_edited_figures_runs_on_that_baseline() {
        use crate::model::baseline::Stock;
        let embedded = Engine::licheng();
        let figures = BaselineEdits::default()
            .with(Stock::JuniorCapacity, Some(12000.0))
            .with(Stock::InsurancePct, Some(93.5));
        let job = McJob {
            figures,
            ..scenario(300)
        };
        let direct = embedded.customised(None, &figures).unwrap();
        assert_eq!(direct.baseline().junior_capacity(), 12000.0);
        let expected = McSummary::from(
            &direct
                .run_monte_carlo(
                    &Levers::default(),
                    Settings::new(DEFAULT_SEED, 1.0).unwrap(),
                    300,
                )
                .unwrap(),
        );
        let summary = run_job(&embedded, &job).unwrap();
        assert_eq!(summary, expected);
        assert_ne!(summary, run_job(&embedded, &scenario(300)).unwrap());
        // The same through serde, as the worker receives it.
        let text = serde_json::to_string(&McRequest::Run(job.clone())).unwrap();
        assert!(text.contains(r#""figures":{"primary_capacity":null,"junior_capacity":12000.0,"places_first_year":null,"insurance_pct":93.5}"#));
        let McRequest::Run(back) = serde_json::from_str(&text).unwrap() else {
            panic!("a Run request");
        };
        assert_eq!(run_job(&embedded, &back).unwrap(), expected);
        // Goal-seek jobs embed the scenario: they use the edited figures too.
        let target = embedded.target_index("migrant_children_public").unwrap();
        let seek = GoalSeekJob {
            scenario: McJob { draws: 50, ..job },
            target,
            lever: "mig".into(),
            levels: vec![0.5],
        };
        let want = direct
            .goal_seek(
                target,
                LeverId::from_key("mig").unwrap(),
                &Levers::default(),
                &[0.5],
                Settings::new(DEFAULT_SEED, 1.0).unwrap(),
                50,
            )
            .unwrap();
        let got: Vec<Seek> = run_goal_seek(&embedded, &seek)
            .unwrap()
            .into_iter()
            .map(Seek::from)
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn invalid_figures_in_a_job_are_refused_not_panicked() {
        use crate::model::baseline::Stock;
        let embedded = Engine::licheng();
        for (stock, value) in [
            (Stock::PrimaryCapacity, -1.0),
            (Stock::JuniorCapacity, f64::INFINITY),
            (Stock::PlacesFirstYear, 2e8),
            (Stock::InsurancePct, 100.5),
            (Stock::InsurancePct, f64::NAN),
        ] {
            let job = McJob {
                figures: BaselineEdits::default().with(stock, Some(value)),
                ..scenario(10)
            };
            let e = run_job(&embedded, &job).unwrap_err();
            assert_eq!(e.location, stock.field(), "{value}");
            let seek = GoalSeekJob {
                scenario: job,
                target: 0,
                lever: "mig".into(),
                levels: vec![0.5],
            };
            assert!(run_goal_seek(&embedded, &seek).is_err());
        }
    }

    #[test]
    fn a_job_of_an_older_page_without_figures_still_reads() {
        let mut value = serde_json::to_value(scenario(10)).unwrap();
        value.as_object_mut().unwrap().remove("figures");
        let job: McJob = serde_json::from_value(value).unwrap();
        assert_eq!(job, scenario(10));
    }

    #[test]
    fn goal_seek_job_answers_as_the_engine_does() {
        let engine = Engine::licheng();
        let target = engine.target_index("medical_insurance_rate").unwrap();
        let job = GoalSeekJob {
            scenario: scenario(100),
            target,
            lever: "ins".into(),
            levels: vec![0.5, 0.8],
        };
        let direct = engine
            .goal_seek(
                target,
                LeverId::from_key("ins").unwrap(),
                &Levers::default(),
                &[0.5, 0.8],
                Settings::new(DEFAULT_SEED, 1.0).unwrap(),
                100,
            )
            .unwrap();
        let answers = run_goal_seek(&engine, &job).unwrap();
        assert_eq!(answers.len(), 2);
        let back: Vec<Seek> = answers.iter().copied().map(Seek::from).collect();
        assert_eq!(back, direct);
    }

    #[test]
    fn bad_goal_seek_jobs_are_refused_not_panicked() {
        let engine = Engine::licheng();
        let good = GoalSeekJob {
            scenario: scenario(10),
            target: 0,
            lever: "mig".into(),
            levels: vec![0.5],
        };
        let mut bad = good.clone();
        bad.target = engine.targets().len();
        assert!(run_goal_seek(&engine, &bad).is_err());
        let mut bad = good.clone();
        bad.lever = "nope".into();
        assert!(run_goal_seek(&engine, &bad).is_err());
        for levels in [vec![], vec![0.0], vec![f64::NAN], vec![1.5]] {
            let mut bad = good.clone();
            bad.levels = levels;
            assert!(run_goal_seek(&engine, &bad).is_err());
        }
        let mut bad = good.clone();
        bad.scenario.draws = 0;
        assert!(run_goal_seek(&engine, &bad).is_err());
        let mut bad = good.clone();
        bad.scenario.spread = -1.0;
        assert!(run_goal_seek(&engine, &bad).is_err());
        let mut bad = good;
        bad.scenario.levers.pop();
        assert!(run_goal_seek(&engine, &bad).is_err());
    }

    #[test]
    fn goal_seek_messages_round_trip_through_serde() {
        let request = McRequest::GoalSeek(GoalSeekJob {
            scenario: scenario(400),
            target: 1,
            lever: "lfp".into(),
            levels: vec![0.5, 0.8],
        });
        let text = serde_json::to_string(&request).unwrap();
        assert_eq!(serde_json::from_str::<McRequest>(&text).unwrap(), request);
        for outcome in [
            Ok(vec![
                SeekAnswer::Reached {
                    value: 73.5,
                    probability: 0.5,
                    outside_documented: true,
                },
                SeekAnswer::NotReachable {
                    at_min: 0.0,
                    at_max: 0.755,
                },
            ]),
            Err(Message {
                zh: "未知参数".into(),
                en: "unknown lever".into(),
            }),
        ] {
            let update = McUpdate::GoalSeek {
                run_id: 3,
                outcome,
                elapsed_ms: 12.5,
            };
            let text = serde_json::to_string(&update).unwrap();
            assert_eq!(serde_json::from_str::<McUpdate>(&text).unwrap(), update);
        }
    }
}

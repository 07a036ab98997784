//! The scenario engine: one baseline, the work plan's targets and the model life table, ready to
//! run any set of levers. The UI, the worker and the CLI all run scenarios through this.

use super::baseline_edits::BaselineEdits;
use super::error::InputError;
use super::seeds::{self, WorkPlan};
use crate::model::baseline::Baseline;
use crate::model::cohort::Population;
use crate::model::levers::Levers;
use crate::model::life_table::ModelLifeTable;
use crate::model::projection::{self, Prepared, Projection};
use crate::model::targets::{Outcome, Progress, Target};

/// A baseline with the plan's targets, ready to run.
#[derive(Debug, Clone)]
pub struct Engine {
    baseline: Baseline,
    custom_baseline: bool,
    /// What the analyst gave (held fixed in the Monte Carlo): an imported population, and the
    /// edited figures.
    given: Given,
    plan: WorkPlan,
    targets: Vec<Target>,
    life: ModelLifeTable,
}

/// Which parts of a custom baseline the analyst gave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Given {
    pub population: bool,
    pub stocks: Vec<crate::model::baseline::Stock>,
}

/// A deterministic run: the projection and one outcome per plan target (in plan order).
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub projection: Projection,
    pub outcomes: Vec<Outcome>,
    /// Per target: progress against schedule on the reported years (`None` without any).
    pub progress: Vec<Option<Progress>>,
}

impl Engine {
    /// The embedded Licheng baseline and work plan.
    pub fn licheng() -> Self {
        Self::new(seeds::licheng_baseline(), false)
            .expect("the embedded work plan is checked by the tests")
    }

    /// Another baseline (an analyst's import) with the embedded work plan.
    pub fn new(baseline: Baseline, custom_baseline: bool) -> Result<Self, InputError> {
        let plan = seeds::workplan();
        let targets = plan
            .targets
            .iter()
            .map(|t| t.to_model())
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Engine {
            baseline,
            custom_baseline,
            given: Given {
                population: custom_baseline,
                stocks: if custom_baseline {
                    crate::model::baseline::Stock::ALL.to_vec()
                } else {
                    Vec::new()
                },
            },
            plan,
            targets,
            life: ModelLifeTable::new(),
        })
    }

    /// This engine's baseline with another population (an import) and/or edited figures, as a
    /// custom engine; this engine itself (a clone) when neither changes anything. Validated:
    /// the error names the row, column or figure at fault.
    pub fn customised(
        &self,
        population: Option<Population>,
        edits: &BaselineEdits,
    ) -> Result<Engine, InputError> {
        let edits = edits.differing_from(&self.baseline);
        if population.is_none() && edits.is_empty() {
            return Ok(self.clone());
        }
        let given = Given {
            population: population.is_some() || self.given.population,
            stocks: crate::model::baseline::Stock::ALL
                .into_iter()
                .filter(|s| edits.get(*s).is_some() || self.given.stocks.contains(s))
                .collect(),
        };
        let baseline = match population {
            Some(p) => self.baseline.with_population(p)?,
            None => self.baseline.clone(),
        };
        let baseline = edits
            .apply(&baseline)?
            .with_actuals(self.baseline.actuals().clone())?;
        let mut engine = Engine::new(baseline, true)?;
        engine.given = given;
        Ok(engine)
    }

    /// What of this engine's baseline the analyst gave (an import, edited figures).
    pub fn given(&self) -> &Given {
        &self.given
    }

    /// The baseline in use.
    pub fn baseline(&self) -> &Baseline {
        &self.baseline
    }

    /// Replaces the baseline (the same stocks with reported figures: `with_actuals`).
    pub(super) fn set_baseline(&mut self, baseline: Baseline) {
        self.baseline = baseline;
    }

    /// Whether the baseline is an analyst's (an imported population or edited figures) rather
    /// than the embedded one.
    pub fn is_custom_baseline(&self) -> bool {
        self.custom_baseline
    }

    /// The work plan.
    pub fn plan(&self) -> &WorkPlan {
        &self.plan
    }

    /// The model targets, in plan order.
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }

    /// The model life table.
    pub fn life_table(&self) -> &ModelLifeTable {
        &self.life
    }

    /// Prepares rates for `levers` (life tables, schedules).
    pub fn prepare(&self, levers: &Levers) -> Result<Prepared, InputError> {
        Ok(Prepared::new(&self.baseline, levers, &self.life)?)
    }

    /// Projects with prepared rates and evaluates every target.
    pub fn run_prepared(&self, prepared: &Prepared, levers: &Levers) -> Run {
        let projection = projection::project(&self.baseline, prepared, levers);
        let outcomes = self
            .targets
            .iter()
            .map(|t| t.evaluate(&projection, levers))
            .collect();
        let actuals = self.baseline.actuals();
        let progress = self
            .targets
            .iter()
            .map(|t| t.progress(&projection, levers, actuals))
            .collect();
        Run {
            projection,
            outcomes,
            progress,
        }
    }

    /// Prepares and runs.
    pub fn run(&self, levers: &Levers) -> Result<Run, InputError> {
        Ok(self.run_prepared(&self.prepare(levers)?, levers))
    }
}

//! The page's Monte Carlo state, as pure logic (tested natively): the analyst's settings, the
//! run the page wants (`run_id`), its status and summary, and the hold that keeps the results
//! on screen after a change until the new run's first results or `HOLD_MS`. The ui's reducer
//! holds one (`ui::state::Workbench::mc`); the ui's hook sends the jobs.

use super::mc_messages::{McSummary, McUpdate, MIN_PROGRESS_INTERVAL_MS};
use super::uncertainty::{BROWSER_DRAWS, DEFAULT_SEED};
use std::rc::Rc;

/// The numbers of draws offered.
pub const DRAW_CHOICES: [u64; 5] = [1_000, 2_000, 5_000, 10_000, 50_000];
/// The spreads offered (multiples of each lever's documented 10th–90th percentile distance).
pub const SPREAD_CHOICES: [f64; 5] = [0.0, 0.5, 1.0, 1.5, 2.0];
/// Draws per progress update.
pub const CHUNK: u64 = 250;
/// At most one job per this many milliseconds while the scenario keeps changing.
pub const THROTTLE_MS: f64 = 100.0;
/// How long the results on screen stay after a change, waiting for the new run's first
/// results (which come at its end, or as partial results after `MIN_PROGRESS_INTERVAL_MS`).
pub const HOLD_MS: u32 = MIN_PROGRESS_INTERVAL_MS as u32;

/// The analyst's Monte Carlo settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct McSettings {
    pub draws: u64,
    pub spread: f64,
    pub seed: u64,
}

impl Default for McSettings {
    fn default() -> Self {
        McSettings {
            draws: BROWSER_DRAWS,
            spread: 1.0,
            seed: DEFAULT_SEED,
        }
    }
}

/// Where the current run is.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum McStatus {
    Running,
    /// `elapsed_ms` is the worker's own time; `page_ms` the page's, from sending the job to
    /// receiving its last update (when known).
    Done {
        elapsed_ms: f64,
        page_ms: Option<f64>,
    },
    Cancelled,
    Failed {
        message_zh: String,
        message_en: String,
    },
}

/// The Monte Carlo part of the workbench's state.
#[derive(Clone, Debug, PartialEq)]
pub struct McState {
    pub settings: McSettings,
    /// The run the page wants now; updates of any other run are stale.
    pub run_id: u64,
    pub status: McStatus,
    /// The latest summary of the current run (partial while it runs).
    pub summary: Option<Rc<McSummary>>,
    /// The results on screen when a change started the current run, shown (`shown`) until
    /// its first results or until the hold ends; with the run id whose start began the hold.
    held: Option<(u64, Rc<McSummary>)>,
}

impl Default for McState {
    fn default() -> Self {
        McState {
            settings: McSettings::default(),
            run_id: 1,
            status: McStatus::Running,
            summary: None,
            held: None,
        }
    }
}

/// What can happen to the Monte Carlo state.
#[derive(Debug)]
pub enum McAction {
    /// An update from the worker; `page_ms` is the page-side time of a `Done`.
    Update {
        update: McUpdate,
        page_ms: Option<f64>,
    },
    SetDraws(u64),
    SetSpread(f64),
    SetSeed(u64),
    Cancel,
    Rerun,
    /// `HOLD_MS` have passed since the hold begun by the start of run `run_id`.
    HoldOver {
        run_id: u64,
    },
}

impl McState {
    /// The state of run `run_id` of the current scenario carried to another page (the whole
    /// page taking over from the first view): a finished or cancelled run stays as it was, with
    /// its summary; one still going, or failed, starts again (as run `run_id + 1`) with
    /// `summary` on screen, held as after a change until its own first results.
    pub fn resumed(
        settings: McSettings,
        run_id: u64,
        status: McStatus,
        summary: Option<McSummary>,
    ) -> McState {
        let mut mc = McState {
            settings,
            run_id,
            status,
            summary: summary.map(Rc::new),
            held: None,
        };
        let kept = match mc.status {
            McStatus::Done { .. } => mc.summary.is_some(),
            McStatus::Cancelled => true,
            McStatus::Running | McStatus::Failed { .. } => false,
        };
        if !kept {
            mc.restart();
        }
        mc
    }

    /// A new run of the current scenario: a new run id, no results of its own yet. The results
    /// on screen are held (a hold already going goes on: changes in quick succession do not
    /// extend it).
    pub fn restart(&mut self) {
        self.run_id = self.run_id.wrapping_add(1);
        self.status = McStatus::Running;
        if let Some(summary) = self.summary.take() {
            self.held = Some((self.run_id, summary));
        }
    }

    /// The summary to show: the current run's, or while it has none yet and is going, the held
    /// one.
    pub fn shown(&self) -> Option<&Rc<McSummary>> {
        self.summary
            .as_ref()
            .or(match (&self.held, self.running()) {
                (Some((_, held)), true) => Some(held),
                _ => None,
            })
    }

    /// The hold now going, as the run id whose start began it (the page ends it `HOLD_MS`
    /// after it begins).
    pub fn hold(&self) -> Option<u64> {
        self.held.as_ref().map(|(id, _)| *id)
    }

    /// Whether `action` would leave the settings and the run as they are: a setting set to its
    /// present value, or to a value not offered.
    pub fn unchanged_by(&self, action: &McAction) -> bool {
        match action {
            McAction::SetDraws(draws) => {
                *draws == self.settings.draws || !DRAW_CHOICES.contains(draws)
            }
            McAction::SetSpread(spread) => {
                *spread == self.settings.spread || !SPREAD_CHOICES.contains(spread)
            }
            McAction::SetSeed(seed) => *seed == self.settings.seed,
            McAction::HoldOver { run_id } => self.held.as_ref().is_none_or(|(id, _)| id != run_id),
            McAction::Update { .. } | McAction::Cancel | McAction::Rerun => false,
        }
    }

    /// The current run's summary once it has finished all its draws.
    pub fn finished(&self) -> Option<Rc<McSummary>> {
        match self.status {
            McStatus::Done { .. } => self.summary.clone(),
            _ => None,
        }
    }

    /// Whether the current run is still going.
    pub fn running(&self) -> bool {
        self.status == McStatus::Running
    }

    /// The target probabilities of the summary shown (plan order).
    pub fn probabilities(&self) -> Option<Vec<f64>> {
        self.shown().map(|s| s.probability.clone())
    }

    /// Applies an action (updates of other runs, and of a run no longer going, are ignored).
    pub fn reduce(&mut self, action: McAction) {
        match action {
            McAction::Update { update, page_ms } => {
                if !self.running() {
                    return;
                }
                let current = match &update {
                    McUpdate::Progress { run_id, .. }
                    | McUpdate::Done { run_id, .. }
                    | McUpdate::Failed { run_id, .. } => *run_id == self.run_id,
                    McUpdate::GoalSeek { .. } => false,
                };
                if current {
                    self.held = None;
                }
                match update {
                    McUpdate::Progress {
                        run_id, summary, ..
                    } if run_id == self.run_id => self.summary = Some(Rc::new(summary)),
                    McUpdate::Done {
                        run_id,
                        summary,
                        elapsed_ms,
                    } if run_id == self.run_id => {
                        self.summary = Some(Rc::new(summary));
                        self.status = McStatus::Done {
                            elapsed_ms,
                            page_ms,
                        };
                    }
                    McUpdate::Failed {
                        run_id,
                        message_zh,
                        message_en,
                    } if run_id == self.run_id => {
                        self.summary = None;
                        self.status = McStatus::Failed {
                            message_zh,
                            message_en,
                        };
                    }
                    _ => {}
                }
            }
            McAction::SetDraws(draws) => {
                if DRAW_CHOICES.contains(&draws) && draws != self.settings.draws {
                    self.settings.draws = draws;
                    self.restart();
                }
            }
            McAction::SetSpread(spread) => {
                if SPREAD_CHOICES.contains(&spread) && spread != self.settings.spread {
                    self.settings.spread = spread;
                    self.restart();
                }
            }
            McAction::SetSeed(seed) => {
                if seed != self.settings.seed {
                    self.settings.seed = seed;
                    self.restart();
                }
            }
            McAction::Cancel => {
                if self.running() {
                    // A new run id makes the cancelled run's updates in flight stale.
                    self.run_id = self.run_id.wrapping_add(1);
                    self.status = McStatus::Cancelled;
                    self.held = None;
                }
            }
            McAction::Rerun => self.restart(),
            McAction::HoldOver { run_id } => {
                if self.held.as_ref().is_some_and(|(id, _)| *id == run_id) {
                    self.held = None;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(probability: f64) -> McSummary {
        McSummary {
            draws: 10,
            bands: Vec::new(),
            probability: vec![probability],
            target_bands: Vec::new(),
        }
    }

    fn done(run_id: u64, probability: f64) -> McAction {
        McAction::Update {
            update: McUpdate::Done {
                run_id,
                summary: summary(probability),
                elapsed_ms: 1.0,
            },
            page_ms: None,
        }
    }

    #[test]
    fn results_on_screen_stay_until_the_new_runs_results_or_the_end_of_the_hold() {
        let mut mc = McState::default();
        assert_eq!(mc.shown(), None);
        mc.reduce(done(mc.run_id, 0.25));
        assert_eq!(mc.probabilities(), Some(vec![0.25]));

        // A change: the old results stay while the new run has none of its own.
        mc.reduce(McAction::SetSeed(7));
        let first = mc.run_id;
        assert_eq!(mc.summary, None, "the new run has no results yet");
        assert_eq!(mc.probabilities(), Some(vec![0.25]), "held");
        assert_eq!(mc.hold(), Some(first));
        // A stale update does not end the hold; the new run's results do.
        mc.reduce(done(first - 1, 0.9));
        assert_eq!(mc.probabilities(), Some(vec![0.25]));
        mc.reduce(done(first, 0.5));
        assert_eq!(mc.probabilities(), Some(vec![0.5]));
        assert_eq!(mc.hold(), None);
        assert!(mc.unchanged_by(&McAction::HoldOver { run_id: first }));

        // Changes in quick succession do not extend the hold: it ends when the first one's
        // time is up, even though the run now going started later.
        mc.reduce(McAction::SetSeed(8));
        let hold = mc.run_id;
        mc.reduce(McAction::SetSeed(9));
        assert_eq!(mc.hold(), Some(hold), "the hold began with the run before");
        assert_eq!(mc.probabilities(), Some(vec![0.5]));
        assert!(mc.unchanged_by(&McAction::HoldOver { run_id: mc.run_id }));
        assert!(!mc.unchanged_by(&McAction::HoldOver { run_id: hold }));
        mc.reduce(McAction::HoldOver { run_id: hold });
        assert_eq!(mc.shown(), None, "nothing shows once the hold is over");
        assert!(mc.running());

        // A cancelled run shows none of the previous run's results.
        mc.reduce(done(mc.run_id, 0.75));
        mc.reduce(McAction::SetSeed(10));
        assert_eq!(mc.probabilities(), Some(vec![0.75]));
        mc.reduce(McAction::Cancel);
        assert_eq!(mc.shown(), None);

        // Nor does a failed one.
        mc.reduce(McAction::Rerun);
        mc.reduce(done(mc.run_id, 0.6));
        mc.reduce(McAction::SetSeed(11));
        mc.reduce(McAction::Update {
            update: McUpdate::Failed {
                run_id: mc.run_id,
                message_zh: "错".into(),
                message_en: "bad".into(),
            },
            page_ms: None,
        });
        assert_eq!(mc.shown(), None);
    }
}

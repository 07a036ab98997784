//! One Monte Carlo job run slice by slice: the worker's loop as a state machine. The worker
//! draws a slice, asks which update is due at its clock's time, and between slices looks for a
//! newer request; the tests drive the same machine with a clock of their own. No web crates.

use super::mc_messages::{progress_due, summary_of, McJob, McUpdate};
use super::uncertainty::check_draws;
use super::{Engine, InputError};
use crate::model::montecarlo::{DrawTable, MonteCarlo, Settings};

/// A slice is at most this many draws (well under a millisecond each), so a newer request waits
/// for no more than one slice.
pub const DRAWS_PER_SLICE: u64 = 200;

/// `job`'s prepared run: validated (draws, levers, settings, baseline), on the job's baseline,
/// reusing what `last` (the previous job's run) has in common with it (`monte_carlo_reusing`:
/// a new seed or number of draws rebuilds nothing).
pub fn prepare(
    embedded: &Engine,
    last: Option<&MonteCarlo>,
    job: &McJob,
) -> Result<MonteCarlo, InputError> {
    check_draws(job.draws)?;
    let engine = job.engine(embedded)?;
    let settings = Settings::new(job.seed, job.spread)?;
    engine.monte_carlo_reusing(last, &job.levers()?, settings)
}

/// Where a job's run stands: the draws made, and when partial results are next due. Results
/// come at geometric milestones (chunk, 4·chunk, 16·chunk, … draws), each once
/// `progress_due` allows: each summary selects among every draw so far, so summarising after
/// every chunk would cost more than the draws.
#[derive(Debug)]
pub struct JobRun {
    run_id: u64,
    total: u64,
    next_milestone: u64,
    table: DrawTable,
    /// A milestone passed whose partial results were not due yet (they come at the first
    /// slice after they are).
    milestone_waiting: bool,
    last_update_ms: f64,
}

impl JobRun {
    /// The start of `job`'s run of `mc` (prepared by [`prepare`]).
    pub fn new(mc: &MonteCarlo, job: &McJob) -> JobRun {
        JobRun {
            run_id: job.run_id,
            total: job.draws,
            next_milestone: job.chunk.clamp(1, job.draws.max(1)),
            table: DrawTable::new(mc.target_count(), job.draws as usize),
            milestone_waiting: false,
            last_update_ms: 0.0,
        }
    }

    /// The draws made so far.
    pub fn drawn(&self) -> u64 {
        self.table.len() as u64
    }

    /// Whether every draw is made.
    pub fn finished(&self) -> bool {
        self.drawn() >= self.total
    }

    /// Makes the next slice of draws: at most `DRAWS_PER_SLICE`, never past the next milestone
    /// nor the job's end. `mc` is the run `new` was given.
    pub fn draw_slice(&mut self, mc: &MonteCarlo) {
        let done = self.drawn();
        let end = (done + DRAWS_PER_SLICE)
            .min(self.next_milestone.max(done + 1))
            .min(self.total);
        if end <= done {
            return;
        }
        mc.draws_into(done..end, &mut self.table);
        if end >= self.next_milestone {
            self.next_milestone = self.next_milestone.saturating_mul(4);
            self.milestone_waiting = true;
        }
    }

    /// The update due now, `elapsed_ms` after the job began: `Done` once every draw is made,
    /// `Progress` after a milestone once `progress_due` allows, else none.
    pub fn update(&mut self, elapsed_ms: f64) -> Option<McUpdate> {
        if self.finished() {
            return Some(McUpdate::Done {
                run_id: self.run_id,
                summary: summary_of(&mut self.table),
                elapsed_ms,
            });
        }
        if !(self.milestone_waiting && progress_due(false, elapsed_ms, self.last_update_ms)) {
            return None;
        }
        self.milestone_waiting = false;
        self.last_update_ms = elapsed_ms;
        Some(McUpdate::Progress {
            run_id: self.run_id,
            total: self.total,
            summary: summary_of(&mut self.table),
            elapsed_ms,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::levers::LeverId;
    use crate::scenario::baseline_edits::BaselineEdits;
    use crate::scenario::mc_messages::run_job;

    fn job(draws: u64, chunk: u64) -> McJob {
        McJob {
            run_id: 5,
            levers: LeverId::ALL.iter().map(|id| id.spec().default).collect(),
            seed: 11,
            spread: 1.0,
            draws,
            chunk,
            population: None,
            figures: BaselineEdits::default(),
            actuals: Vec::new(),
        }
    }

    /// Runs `job` to its end as the worker does, the clock advancing `ms_per_slice` a slice;
    /// returns every update sent and the slices drawn.
    fn run(job: &McJob, ms_per_slice: f64) -> (Vec<McUpdate>, u64) {
        let embedded = Engine::licheng();
        let mc = prepare(&embedded, None, job).unwrap();
        let mut run = JobRun::new(&mc, job);
        let (mut updates, mut slices) = (Vec::new(), 0);
        while updates
            .last()
            .is_none_or(|u| !matches!(u, McUpdate::Done { .. }))
        {
            run.draw_slice(&mc);
            slices += 1;
            updates.extend(run.update(slices as f64 * ms_per_slice));
            assert!(slices < 1_000, "the run never ends");
        }
        (updates, slices)
    }

    #[test]
    fn a_job_run_slice_by_slice_ends_with_the_whole_jobs_summary() {
        let job = job(1_000, 50);
        let (updates, slices) = run(&job, 1.0);
        let Some(McUpdate::Done {
            run_id, summary, ..
        }) = updates.last()
        else {
            panic!("{updates:?}");
        };
        assert_eq!(*run_id, 5);
        assert_eq!(*summary, run_job(&Engine::licheng(), &job).unwrap());
        // Slices stop at the milestones 50, 200 and 800: 0..50, 50..200, three to 800, 800..1000.
        assert_eq!(slices, 6);
        // A quick run (1 ms a slice) shows only its end.
        assert_eq!(updates.len(), 1);
    }

    #[test]
    fn a_slow_run_shows_progress_at_milestones_no_more_often_than_allowed() {
        let job = job(1_000, 50);
        // 100 ms a slice: the milestone at 50 draws (100 ms) is too soon; the one at 200
        // (200 ms) is due; the one at 800 (500 ms) too.
        let (updates, _) = run(&job, 100.0);
        let progress: Vec<(usize, f64)> = updates
            .iter()
            .filter_map(|u| match u {
                McUpdate::Progress {
                    summary,
                    elapsed_ms,
                    total,
                    ..
                } => {
                    assert_eq!(*total, 1_000);
                    Some((summary.draws, *elapsed_ms))
                }
                _ => None,
            })
            .collect();
        assert_eq!(progress, [(200, 200.0), (800, 500.0)]);
        assert!(matches!(updates.last(), Some(McUpdate::Done { .. })));
    }

    #[test]
    fn a_bad_job_is_refused_before_it_draws() {
        let embedded = Engine::licheng();
        for bad in [
            job(0, 1),
            McJob {
                levers: vec![1.0],
                ..job(10, 1)
            },
            McJob {
                spread: -1.0,
                ..job(10, 1)
            },
        ] {
            assert!(prepare(&embedded, None, &bad).is_err(), "{bad:?}");
        }
    }
}

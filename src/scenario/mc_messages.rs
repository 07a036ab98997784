//! Messages between the page and the Monte Carlo worker (serde, so the worker's codec carries
//! them), and the conversion of model results into them: Monte Carlo jobs streamed chunk by
//! chunk, and goal-seek jobs answered at once. Native-testable: no web crates here.

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
    /// Draws `from..to` of a job shared among several workers: the worker returns the rows
    /// (`McUpdate::Rows`) and the page merges and summarises them. `job.chunk` is the part's
    /// first milestone.
    RunPart {
        job: McJob,
        from: u64,
        to: u64,
    },
}

/// Rows of draws in transit (the serde form of a `model::montecarlo::DrawTable`): the columns
/// back to back, each value as its 8 little-endian bytes, so that the worker's codec copies one
/// block of bytes instead of coding half a million numbers one by one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrawRows {
    /// Draws (values per column).
    pub draws: u64,
    /// `columns × draws` values, column after column.
    pub values: PackedF64,
    /// Per target: the draws meeting it.
    pub met: Vec<u64>,
}

/// Numbers as little-endian bytes, serialised as one byte string.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PackedF64(pub Vec<u8>);

impl Serialize for PackedF64 {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for PackedF64 {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Bytes;
        impl<'de> serde::de::Visitor<'de> for Bytes {
            type Value = PackedF64;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a byte string")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<PackedF64, E> {
                Ok(PackedF64(v.to_vec()))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<PackedF64, E> {
                Ok(PackedF64(v))
            }
            // Self-describing formats (JSON) write bytes as a list of numbers.
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<PackedF64, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(b) = seq.next_element::<u8>()? {
                    out.push(b);
                }
                Ok(PackedF64(out))
            }
        }
        deserializer.deserialize_byte_buf(Bytes)
    }
}

impl From<&DrawTable> for DrawRows {
    fn from(t: &DrawTable) -> Self {
        let (columns, met) = t.parts();
        let mut bytes = Vec::with_capacity(columns.len() * t.len() * 8);
        for column in columns {
            for v in column {
                bytes.extend_from_slice(&v.to_le_bytes());
            }
        }
        DrawRows {
            draws: t.len() as u64,
            values: PackedF64(bytes),
            met: met.to_vec(),
        }
    }
}

impl TryFrom<DrawRows> for DrawTable {
    type Error = InputError;
    fn try_from(rows: DrawRows) -> Result<Self, InputError> {
        let columns = DrawTable::columns_for(rows.met.len());
        let draws = usize::try_from(rows.draws).unwrap_or(usize::MAX);
        if Some(rows.values.0.len()) != columns.checked_mul(draws).and_then(|n| n.checked_mul(8)) {
            return Err(InputError::new(
                "draws",
                "抽样结果的长度不符",
                "the rows of draws have the wrong length",
            ));
        }
        let values: Vec<f64> = rows
            .values
            .0
            .chunks_exact(8)
            .map(|b| f64::from_le_bytes(b.try_into().expect("chunks of 8")))
            .collect();
        let split = if draws == 0 {
            vec![Vec::new(); columns]
        } else {
            values.chunks(draws).map(<[f64]>::to_vec).collect()
        };
        Ok(DrawTable::from_parts(split, rows.met)?)
    }
}

/// One goal-seek answer (the serde form of `model::decision::Seek`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum SeekAnswer {
    Reached { value: f64, probability: f64 },
    NotReachable { at_min: f64, at_max: f64 },
}

impl From<Seek> for SeekAnswer {
    fn from(s: Seek) -> Self {
        match s {
            Seek::Reached { value, probability } => SeekAnswer::Reached { value, probability },
            Seek::NotReachable { at_min, at_max } => SeekAnswer::NotReachable { at_min, at_max },
        }
    }
}

impl From<SeekAnswer> for Seek {
    fn from(s: SeekAnswer) -> Self {
        match s {
            SeekAnswer::Reached { value, probability } => Seek::Reached { value, probability },
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
    /// Rows of a `RunPart` drawn since the previous `Rows` of that part.
    Rows { run_id: u64, rows: DrawRows },
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
        embedded.customised(population, &self.figures)
    }
}

/// The draws `0..draws` split into at most `parts` contiguous, non-empty ranges.
pub fn split_draws(draws: u64, parts: usize) -> Vec<(u64, u64)> {
    let parts = (parts as u64).clamp(1, draws.max(1));
    (0..parts)
        .map(|k| (k * draws / parts, (k + 1) * draws / parts))
        .filter(|(a, b)| a < b)
        .collect()
}

/// `job` as one `RunPart` request per worker (at most `workers`, fewer when there are fewer
/// draws): each share's first milestone is its part of the job's first milestone.
pub fn part_requests(job: &McJob, workers: usize) -> Vec<McRequest> {
    let ranges = split_draws(job.draws, workers);
    let first = job.chunk.div_ceil(ranges.len() as u64).max(1);
    ranges
        .into_iter()
        .map(|(from, to)| {
            let mut part = job.clone();
            part.chunk = first;
            McRequest::RunPart {
                job: part,
                from,
                to,
            }
        })
        .collect()
}

/// Partial results are shown no more often than this: each costs a summary and a re-render of
/// the page, so a run that ends sooner shows only its end.
pub const MIN_PROGRESS_INTERVAL_MS: f64 = 150.0;

/// Whether partial results are due at a milestone: at the end always, before it only once
/// `MIN_PROGRESS_INTERVAL_MS` have passed since the previous update (or the start).
pub fn progress_due(at_end: bool, elapsed_ms: f64, last_update_ms: f64) -> bool {
    at_end || elapsed_ms - last_update_ms >= MIN_PROGRESS_INTERVAL_MS
}

/// Between milestones, partial results of a job shared among workers are shown at least this
/// often (each summary of the merged rows costs the page a few milliseconds per 10,000 draws).
pub const LONG_STRETCH_MS: f64 = 500.0;

/// The page's side of a job shared among workers (`part_requests`): merges the rows they
/// return and summarises at the job's geometric milestones (chunk, 4·chunk, …, all draws, as
/// `progress_due` allows), giving the updates a single worker would give for the whole job.
#[derive(Debug)]
pub struct RowMerge {
    run_id: u64,
    total: u64,
    next_summary: u64,
    table: Option<DrawTable>,
    received: u64,
    failed: bool,
    last_update_ms: f64,
    /// A milestone was passed before partial results were due: show them once they are.
    milestone_waiting: bool,
}

impl RowMerge {
    /// Waits for the rows of `job`.
    pub fn new(job: &McJob) -> Self {
        RowMerge {
            run_id: job.run_id,
            total: job.draws,
            next_summary: job.chunk.max(1),
            table: None,
            received: 0,
            failed: false,
            last_update_ms: 0.0,
            milestone_waiting: false,
        }
    }

    /// The job's run id.
    pub fn run_id(&self) -> u64 {
        self.run_id
    }

    /// Takes one worker's rows, `elapsed_ms` after the job was sent: `Ok(true)` when a
    /// milestone is passed and a summary is due (`summary_step` for each of `columns()`, then
    /// `update`), `Ok(false)` while waiting for more, `Err` with the `Failed` update (once) for
    /// malformed rows.
    pub fn take(&mut self, rows: DrawRows, elapsed_ms: f64) -> Result<bool, McUpdate> {
        if self.failed {
            return Ok(false);
        }
        let refuse = |merge: &mut RowMerge, e: InputError| {
            merge.failed = true;
            Err(McUpdate::Failed {
                run_id: merge.run_id,
                message_zh: e.message("zh"),
                message_en: e.message("en"),
            })
        };
        let part = match DrawTable::try_from(rows) {
            Ok(part) => part,
            Err(e) => return refuse(self, e),
        };
        match &mut self.table {
            Some(table) if table.targets() != part.targets() => {
                let e = InputError::new(
                    "draws",
                    "各工作线程的结果不一致",
                    "the workers' rows differ",
                );
                return refuse(self, e);
            }
            Some(table) => table.append(&part),
            None => self.table = Some(part),
        }
        self.received = self.table.as_ref().map_or(0, |t| t.len() as u64);
        // Due at the end; before it, at a milestone once partial results are due (a milestone
        // passed too early is shown with the first rows after that), or, in a long stretch
        // between milestones (a large run split among workers), every `LONG_STRETCH_MS`.
        let at_end = self.received >= self.total;
        self.milestone_waiting |= self.received >= self.next_summary;
        while self.next_summary <= self.received {
            self.next_summary = self.next_summary.saturating_mul(4);
        }
        let since_last = elapsed_ms - self.last_update_ms;
        let due = at_end
            || (progress_due(false, elapsed_ms, self.last_update_ms)
                && (self.milestone_waiting || since_last >= LONG_STRETCH_MS));
        if !due {
            return Ok(false);
        }
        self.last_update_ms = elapsed_ms;
        self.milestone_waiting = false;
        Ok(true)
    }

    /// Columns to summarise (0 before any rows).
    pub fn columns(&self) -> usize {
        self.table.as_ref().map_or(0, DrawTable::column_count)
    }

    /// The percentiles of column `i` of the rows so far.
    pub fn summary_step(&mut self, i: usize) -> [f64; 5] {
        self.table
            .as_mut()
            .map_or([f64::NAN; 5], |t| t.column_percentiles(i))
    }

    /// The update for the rows so far from every column's percentiles: `Done` once every draw
    /// is in, `Progress` before.
    pub fn update(&self, column_bands: Vec<[f64; 5]>, elapsed_ms: f64) -> Option<McUpdate> {
        let summary = McSummary::from(&self.table.as_ref()?.result(column_bands));
        Some(if self.received >= self.total {
            McUpdate::Done {
                run_id: self.run_id,
                summary,
                elapsed_ms,
            }
        } else {
            McUpdate::Progress {
                run_id: self.run_id,
                total: self.total,
                summary,
                elapsed_ms,
            }
        })
    }

    /// `take`, then the whole summary at once when one is due (what the page does in steps).
    pub fn take_and_summarise(&mut self, rows: DrawRows, elapsed_ms: f64) -> Option<McUpdate> {
        match self.take(rows, elapsed_ms) {
            Err(failed) => Some(failed),
            Ok(false) => None,
            Ok(true) => {
                let bands = (0..self.columns()).map(|i| self.summary_step(i)).collect();
                self.update(bands, elapsed_ms)
            }
        }
    }

    /// A worker's `Failed` update for this job: passed on once (every share of a bad job
    /// fails alike); other updates and other jobs' failures are passed on as they are.
    pub fn failed(&mut self, update: McUpdate) -> Option<McUpdate> {
        match &update {
            McUpdate::Failed { run_id, .. } if *run_id == self.run_id => {
                if self.failed {
                    return None;
                }
                self.failed = true;
                Some(update)
            }
            _ => Some(update),
        }
    }
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
        }
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
        let direct = Engine::new(figures.apply(embedded.baseline()).unwrap(), true).unwrap();
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
    fn split_draws_covers_every_draw_once() {
        for (draws, parts) in [(10_000, 2), (10_001, 3), (3, 4), (1, 4), (7, 1)] {
            let ranges = split_draws(draws, parts);
            assert!(ranges.len() <= parts && !ranges.is_empty());
            assert_eq!(ranges.first().unwrap().0, 0);
            assert_eq!(ranges.last().unwrap().1, draws);
            assert!(ranges.windows(2).all(|w| w[0].1 == w[1].0));
            assert!(ranges.iter().all(|(a, b)| a < b));
        }
    }

    #[test]
    fn shares_merged_in_any_order_give_the_whole_jobs_summary() {
        let engine = Engine::licheng();
        let job = scenario(1_000);
        let whole = run_job(&engine, &job).unwrap();
        for workers in [2, 3, 4] {
            let requests = part_requests(&job, workers);
            assert_eq!(requests.len(), workers);
            // Each share's rows at its milestones, as a worker sends them.
            let mut batches = Vec::new();
            for request in &requests {
                let McRequest::RunPart {
                    job: part,
                    from,
                    to,
                } = request
                else {
                    panic!("not a share: {request:?}");
                };
                let mc = engine
                    .monte_carlo(
                        &part.levers().unwrap(),
                        Settings::new(part.seed, part.spread).unwrap(),
                    )
                    .unwrap();
                let (mut done, mut milestone) = (0, part.chunk);
                while done < to - from {
                    let end = milestone.min(to - from);
                    batches.push(DrawRows::from(&mc.draws(from + done..from + end)));
                    done = end;
                    milestone *= 4;
                }
            }
            // The last share's rows first: arrival order does not matter. A batch a second.
            let mut merge = RowMerge::new(&job);
            let mut updates: Vec<McUpdate> = batches
                .into_iter()
                .rev()
                .enumerate()
                .filter_map(|(k, rows)| merge.take_and_summarise(rows, 1000.0 * (k + 1) as f64))
                .collect();
            match updates.pop() {
                Some(McUpdate::Done { summary, .. }) => assert_eq!(summary, whole, "{workers}"),
                other => panic!("no Done: {other:?}"),
            }
            assert!(!updates.is_empty(), "no progress before the end");
            assert!(updates
                .iter()
                .all(|u| matches!(u, McUpdate::Progress { .. })));
        }
    }

    #[test]
    fn a_quick_run_shows_only_its_end_and_a_slow_one_its_progress() {
        let engine = Engine::licheng();
        let job = scenario(1_000);
        let mc = engine
            .monte_carlo(
                &job.levers().unwrap(),
                Settings::new(job.seed, job.spread).unwrap(),
            )
            .unwrap();
        let batches = [0..250, 250..1000].map(|r| mc.draws(r));
        let run = |times: [f64; 2]| -> Vec<McUpdate> {
            let mut merge = RowMerge::new(&job);
            batches
                .iter()
                .zip(times)
                .filter_map(|(b, t)| merge.take_and_summarise(DrawRows::from(b), t))
                .collect()
        };
        // 250 draws after 20 ms: too soon for partial results; the end always shows.
        let quick = run([20.0, 60.0]);
        assert_eq!(quick.len(), 1);
        assert!(matches!(quick[0], McUpdate::Done { .. }));
        // 250 draws after 200 ms: shown.
        let slow = run([200.0, 260.0]);
        assert_eq!(slow.len(), 2);
        assert!(matches!(slow[0], McUpdate::Progress { .. }));
        // A milestone passed too early (250 draws at 20 ms) shows with the next rows once
        // partial results are due (at 160 ms, between milestones).
        let mut merge = RowMerge::new(&job);
        let rows = |r: std::ops::Range<u64>| DrawRows::from(&mc.draws(r));
        assert_eq!(merge.take_and_summarise(rows(0..250), 20.0), None);
        assert_eq!(merge.take_and_summarise(rows(250..300), 100.0), None);
        assert!(matches!(
            merge.take_and_summarise(rows(300..350), 160.0),
            Some(McUpdate::Progress { .. })
        ));
        // …once: the next rows between milestones wait for a long stretch.
        assert_eq!(merge.take_and_summarise(rows(350..400), 400.0), None);
        // Between milestones: shown once a long stretch has passed.
        let mut merge = RowMerge::new(&job);
        let rows = |r: std::ops::Range<u64>| DrawRows::from(&mc.draws(r));
        assert!(merge.take_and_summarise(rows(0..300), 200.0).is_some());
        assert_eq!(merge.take_and_summarise(rows(300..400), 400.0), None);
        assert!(matches!(
            merge.take_and_summarise(rows(400..500), 800.0),
            Some(McUpdate::Progress { .. })
        ));
        assert!(progress_due(true, 0.0, 0.0));
        assert!(!progress_due(false, 100.0, 0.0));
        assert!(progress_due(false, 300.0, 100.0));
    }

    #[test]
    fn rows_survive_serde_bit_for_bit() {
        let mc = Engine::licheng()
            .monte_carlo(&Levers::default(), Settings::new(3, 1.0).unwrap())
            .unwrap();
        let table = mc.draws(0..40);
        let rows = DrawRows::from(&table);
        let text = serde_json::to_string(&McUpdate::Rows {
            run_id: 1,
            rows: rows.clone(),
        })
        .unwrap();
        match serde_json::from_str::<McUpdate>(&text).unwrap() {
            McUpdate::Rows { rows: back, .. } => {
                assert_eq!(back, rows);
                assert_eq!(DrawTable::try_from(back).unwrap(), table);
            }
            other => panic!("{other:?}"),
        }
        let empty = DrawRows::from(&mc.draws(0..0));
        assert_eq!(DrawTable::try_from(empty).unwrap().len(), 0);
    }

    #[test]
    fn malformed_rows_fail_the_job_once_without_panicking() {
        let job = scenario(100);
        let mut merge = RowMerge::new(&job);
        let ragged = DrawRows {
            draws: 3,
            values: PackedF64(vec![0; 3 * 3 * 8 + 1]),
            met: vec![],
        };
        assert!(matches!(
            merge.take(ragged, 1.0),
            Err(McUpdate::Failed { run_id: 7, .. })
        ));
        let good = DrawRows::from(
            &Engine::licheng()
                .monte_carlo(&Levers::default(), Settings::new(1, 1.0).unwrap())
                .unwrap()
                .draws(0..10),
        );
        assert_eq!(
            merge.take(good, 2.0),
            Ok(false),
            "a failed job stays failed"
        );
        let failure = McUpdate::Failed {
            run_id: 7,
            message_zh: "x".into(),
            message_en: "x".into(),
        };
        assert_eq!(merge.failed(failure), None, "reported once");
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

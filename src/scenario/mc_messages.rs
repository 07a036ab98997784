//! Messages between the page and the Monte Carlo workers (serde, so the worker's codec carries
//! them), and the conversion of model results into them: Monte Carlo jobs streamed chunk by
//! chunk, goal-seek jobs answered at once, and the protocol of a job shared among workers (the
//! rows they exchange, each share's bands, the page's merge of them). Native-testable: no web
//! crates here.

use super::baseline_edits::BaselineEdits;
use super::uncertainty::draw_all;
use super::{Engine, InputError};
use crate::model::cohort::Population;
use crate::model::decision::Seek;
use crate::model::levers::{LeverId, Levers};
use crate::model::montecarlo::{percentiles_in_place, summarize, DrawTable, McResult, Settings};
use serde::{Deserialize, Serialize};
use std::ops::Range;

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
    /// Draws `from..to` of a job shared among `parts` workers, this being share `part`: while
    /// drawing, the worker exchanges rows with the other workers (over the ports the page gave
    /// it; `part` is also its place among the page's workers), so that it has every share's
    /// draws of the columns it owns (`ShareColumns`), and returns those columns' percentiles
    /// (`McUpdate::Bands`) for partial results and at the end. `job.chunk` is the part's first
    /// milestone. Shares hand draws to one that runs out first (`PeerMessage::WantDraws`,
    /// `share_work`), so a share may make more or fewer than `from..to`.
    RunPart {
        job: McJob,
        from: u64,
        to: u64,
        part: u64,
        parts: u64,
    },
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
    /// All draws done. `shares`: where each worker's time went, for a job shared among
    /// workers (empty for a whole job).
    Done {
        run_id: u64,
        summary: McSummary,
        elapsed_ms: f64,
        shares: Vec<ShareTiming>,
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
    /// A `RunPart`'s results: the percentiles of the columns this share owns
    /// (`owned_columns`) over the draws it has of them, and this share's own draws and met
    /// counts so far; `complete` at its end, when every share's draws are in (the page merges
    /// the shares' bands: `BandMerge`). `timing`: where this share's time went, at its end.
    Bands {
        run_id: u64,
        part: u64,
        first_column: u64,
        bands: Vec<[f64; 5]>,
        draws: u64,
        met: Vec<u64>,
        complete: bool,
        timing: Option<ShareTiming>,
    },
}

/// Where one worker's time went in its share of a job, in milliseconds by the worker's clock,
/// and how many draws it made (its range, less what it handed to other shares, plus what they
/// handed to it: `share_work`). A diagnostic: the page shows it as data attributes of the run's status, and the benchmark
/// figures compare it with the native run's parts. It changes no result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct ShareTiming {
    /// From taking the request (once the exchange channel is open) to the first draw: checks,
    /// the engine, the prepared run, the tables.
    pub prepare_ms: f64,
    /// Drawing.
    pub draw_ms: f64,
    /// Sending this share's rows to the others and taking theirs.
    pub exchange_ms: f64,
    /// Handing the event loop back while drawing (where a newer request can arrive).
    pub yield_ms: f64,
    /// After the last draw, waiting for the other shares' rows.
    pub wait_ms: f64,
    /// Percentiles, partial and final, and sending the partial ones to the page.
    pub summary_ms: f64,
    /// Draws made.
    pub draws: u64,
}

impl ShareTiming {
    /// Everything together: the share's time from its request to its last bands.
    pub fn total_ms(&self) -> f64 {
        self.prepare_ms
            + self.draw_ms
            + self.exchange_ms
            + self.yield_ms
            + self.wait_ms
            + self.summary_ms
    }
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

/// The draws `0..draws` split into at most `parts` contiguous, non-empty ranges.
pub fn split_draws(draws: u64, parts: usize) -> Vec<(u64, u64)> {
    let parts = (parts as u64).clamp(1, draws.max(1));
    (0..parts)
        .map(|k| (k * draws / parts, (k + 1) * draws / parts))
        .filter(|(a, b)| a < b)
        .collect()
}

/// `job` as one `RunPart` request per worker (at most `workers`, fewer when there are fewer
/// draws; the request for part `p` goes to worker `p`): each share's first milestone is its
/// part of the job's first milestone.
pub fn part_requests(job: &McJob, workers: usize) -> Vec<McRequest> {
    let ranges = split_draws(job.draws, workers);
    let parts = ranges.len() as u64;
    let first = job.chunk.div_ceil(parts).max(1);
    ranges
        .into_iter()
        .enumerate()
        .map(|(part, (from, to))| {
            let mut share = job.clone();
            share.chunk = first;
            McRequest::RunPart {
                job: share,
                from,
                to,
                part: part as u64,
                parts,
            }
        })
        .collect()
}

/// The columns whose percentiles share `part` of `parts` takes at the end of a shared job:
/// contiguous ranges, as even as can be, covering every column once (a share owns none when
/// there are more shares than columns).
pub fn owned_columns(part: usize, parts: usize, columns: usize) -> Range<usize> {
    let parts = parts.max(1);
    let part = part.min(parts);
    (part * columns / parts)..((part + 1).min(parts) * columns / parts)
}

/// Some rows of some columns of one share's draws, sent by that share's worker to the worker
/// that owns those columns while the shares draw (as one block of numbers: `encode`,
/// `decode`).
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnShare {
    pub run_id: u64,
    pub from_part: usize,
    pub to_part: usize,
    /// The first row's place in the sending share, and the rows (values per column).
    pub first_row: usize,
    pub draws: usize,
    pub first_column: usize,
    /// The columns back to back, `draws` values each.
    pub values: Vec<f64>,
}

/// Numbers before a `ColumnShare`'s values: run id, from, to, first row, draws, first column.
const COLUMN_SHARE_HEADER: usize = 6;

/// The largest whole number every f64 holds exactly.
const EXACT_INTEGER: f64 = 9_007_199_254_740_992.0;

impl ColumnShare {
    /// Header and values as one block of numbers.
    pub fn encode(&self) -> Vec<f64> {
        let mut out = Vec::with_capacity(COLUMN_SHARE_HEADER + self.values.len());
        out.extend([
            self.run_id as f64,
            self.from_part as f64,
            self.to_part as f64,
            self.first_row as f64,
            self.draws as f64,
            self.first_column as f64,
        ]);
        out.extend_from_slice(&self.values);
        out
    }

    /// A block from `encode`, validated: whole numbers in the header, whole columns after it.
    pub fn decode(mut packed: Vec<f64>) -> Result<ColumnShare, InputError> {
        let bad = || {
            InputError::new(
                "draws",
                "工作线程间交换的抽样结果格式不符",
                "the draws exchanged between workers are malformed",
            )
        };
        if packed.len() < COLUMN_SHARE_HEADER {
            return Err(bad());
        }
        let mut header = [0_usize; COLUMN_SHARE_HEADER];
        for (h, &v) in header.iter_mut().zip(&packed) {
            if !((0.0..=EXACT_INTEGER).contains(&v) && v.fract() == 0.0) {
                return Err(bad());
            }
            *h = usize::try_from(v as u64).map_err(|_| bad())?;
        }
        let [run_id, from_part, to_part, first_row, draws, first_column] = header;
        let values = packed.split_off(COLUMN_SHARE_HEADER);
        if draws == 0 || values.len() % draws != 0 {
            return Err(bad());
        }
        Ok(ColumnShare {
            run_id: run_id as u64,
            from_part,
            to_part,
            first_row,
            draws,
            first_column,
            values,
        })
    }

    /// Columns carried.
    fn columns(&self) -> usize {
        self.values.len() / self.draws.max(1)
    }
}

/// Numbers in a control message between workers (`PeerMessage` other than `Rows`): run id,
/// from, to (negative: every other worker), kind (negative, which no `ColumnShare` has in that
/// place), then three numbers whose meaning depends on the kind.
const CONTROL_LEN: usize = 7;

/// What one Monte Carlo worker posts to another during a shared job, as one block of numbers
/// (`encode`, `decode`; a `Float64Array` over a `MessagePort`).
#[derive(Debug, Clone, PartialEq)]
pub enum PeerMessage {
    /// Rows of the receiving share's columns.
    Rows(ColumnShare),
    /// Share `part` saw a block come ahead of a missing one: every worker is to send what it has
    /// sent of job `run_id` again (rows only).
    Resend { run_id: u64, part: usize },
    /// Share `part` will soon have drawn all its draws: it had `left_ms` milliseconds of them
    /// left at `at_ms` (the time since the epoch, which every worker's clock reads alike),
    /// drawing `per_ms` draws a millisecond. A share with more left may hand it some
    /// (`handover_size`).
    WantDraws {
        run_id: u64,
        part: usize,
        left_ms: f64,
        per_ms: f64,
        at_ms: f64,
    },
    /// Share `from_part` hands draws `draws` of job `run_id` to share `to_part`, which draws them
    /// instead (and sends their rows to the shares owning their columns).
    HandOver {
        run_id: u64,
        from_part: usize,
        to_part: usize,
        draws: Range<u64>,
    },
}

impl PeerMessage {
    /// The job the message belongs to.
    pub fn run_id(&self) -> u64 {
        match self {
            PeerMessage::Rows(rows) => rows.run_id,
            PeerMessage::Resend { run_id, .. }
            | PeerMessage::WantDraws { run_id, .. }
            | PeerMessage::HandOver { run_id, .. } => *run_id,
        }
    }

    /// The share it is for, `None` for every other share (routing reads the same number from the
    /// block: `recipient`).
    pub fn to_part(&self) -> Option<usize> {
        match self {
            PeerMessage::Rows(rows) => Some(rows.to_part),
            PeerMessage::HandOver { to_part, .. } => Some(*to_part),
            PeerMessage::Resend { .. } | PeerMessage::WantDraws { .. } => None,
        }
    }

    /// The message as one block of numbers.
    pub fn encode(&self) -> Vec<f64> {
        let control = |run_id: u64, from: usize, to: Option<usize>, kind: f64, rest: [f64; 3]| {
            let to = to.map_or(-1.0, |t| t as f64);
            let mut out = vec![run_id as f64, from as f64, to, kind];
            out.extend(rest);
            out
        };
        match self {
            PeerMessage::Rows(rows) => rows.encode(),
            PeerMessage::Resend { run_id, part } => {
                control(*run_id, *part, None, KIND_RESEND, [0.0; 3])
            }
            PeerMessage::WantDraws {
                run_id,
                part,
                left_ms,
                per_ms,
                at_ms,
            } => control(
                *run_id,
                *part,
                None,
                KIND_WANT_DRAWS,
                [*left_ms, *per_ms, *at_ms],
            ),
            PeerMessage::HandOver {
                run_id,
                from_part,
                to_part,
                draws,
            } => control(
                *run_id,
                *from_part,
                Some(*to_part),
                KIND_HAND_OVER,
                [draws.start as f64, draws.end as f64, 0.0],
            ),
        }
    }

    /// The share a block is for, `None` for every other share: its third number, read without
    /// decoding the block (a worker routes every block it posts).
    pub fn recipient(packed: &[f64]) -> Option<usize> {
        match packed.get(2) {
            Some(&to) if to >= 0.0 => Some(to as usize),
            _ => None,
        }
    }

    /// The job whose rows a block asks to be sent again, if it is a `Resend` (read without
    /// decoding a block of rows, which a worker's message handler does not do).
    pub fn resend_of(packed: &[f64]) -> Option<u64> {
        if packed.len() != CONTROL_LEN || packed[3] != KIND_RESEND {
            return None;
        }
        match PeerMessage::decode(packed.to_vec()) {
            Ok(PeerMessage::Resend { run_id, .. }) => Some(run_id),
            _ => None,
        }
    }

    /// A block from `encode`, validated: whole numbers where they must be, finite rates and
    /// times, a non-empty range of draws; anything else is an error, never a panic.
    pub fn decode(packed: Vec<f64>) -> Result<PeerMessage, InputError> {
        let is_control = packed.len() == CONTROL_LEN && packed[3] < 0.0;
        if !is_control {
            return ColumnShare::decode(packed).map(PeerMessage::Rows);
        }
        let bad = || {
            InputError::new(
                "draws",
                "工作线程间的消息格式不符",
                "a message between workers is malformed",
            )
        };
        let whole = |v: f64| -> Result<u64, InputError> {
            if (0.0..=EXACT_INTEGER).contains(&v) && v.fract() == 0.0 {
                Ok(v as u64)
            } else {
                Err(bad())
            }
        };
        let part = |v: f64| usize::try_from(whole(v)?).map_err(|_| bad());
        let run_id = whole(packed[0])?;
        let from = part(packed[1])?;
        let to = if packed[2] == -1.0 {
            None
        } else {
            Some(part(packed[2])?)
        };
        let [a, b, c] = [packed[4], packed[5], packed[6]];
        match (packed[3], to) {
            (KIND_RESEND, None) => Ok(PeerMessage::Resend { run_id, part: from }),
            (KIND_WANT_DRAWS, None) if [a, b, c].iter().all(|v| v.is_finite()) => {
                Ok(PeerMessage::WantDraws {
                    run_id,
                    part: from,
                    left_ms: a,
                    per_ms: b,
                    at_ms: c,
                })
            }
            (KIND_HAND_OVER, Some(to_part)) => {
                let draws = whole(a)?..whole(b)?;
                if draws.is_empty() || to_part == from {
                    return Err(bad());
                }
                Ok(PeerMessage::HandOver {
                    run_id,
                    from_part: from,
                    to_part,
                    draws,
                })
            }
            _ => Err(bad()),
        }
    }
}

const KIND_RESEND: f64 = -1.0;
const KIND_WANT_DRAWS: f64 = -2.0;
const KIND_HAND_OVER: f64 = -3.0;

/// One share's side of the column exchange of a shared job: while drawing, it sends each other
/// share the rows drawn so far of the columns that share owns (`outgoing`) and gathers the
/// other shares' rows of its own columns (`receive`); at the end it takes the percentiles of
/// its columns over all the draws (`bands`). So each worker summarises a part of the columns
/// as soon as the last rows are in, instead of the page summarising all of them after every
/// row has reached it.
#[derive(Debug)]
pub struct ShareColumns {
    run_id: u64,
    part: usize,
    parts: usize,
    /// Draws of the whole job (shares hand draws to one another, so no share's number is fixed).
    total: usize,
    columns: usize,
    owned: Range<usize>,
    /// Per owned column: the other shares' values so far.
    received: Vec<Vec<f64>>,
    /// Per share: its rows received so far.
    rows_in: Vec<usize>,
    /// Own rows sent so far.
    rows_out: usize,
    /// A block came before the ones it follows: ask for a resend.
    gap: bool,
}

impl ShareColumns {
    /// Share `part` of `parts` shares of job `run_id` of `total` draws, with `columns` columns.
    pub fn new(run_id: u64, part: usize, parts: usize, total: usize, columns: usize) -> Self {
        let parts = parts.max(1);
        let owned = owned_columns(part, parts, columns);
        ShareColumns {
            run_id,
            part,
            parts,
            total,
            columns,
            received: (0..owned.len())
                .map(|_| Vec::with_capacity(total))
                .collect(),
            owned,
            rows_in: vec![0; parts],
            rows_out: 0,
            gap: false,
        }
    }

    /// Share `part` of a `RunPart`'s job among `parts`, with `columns` columns.
    pub fn for_job(job: &McJob, part: usize, parts: usize, columns: usize) -> Self {
        let total = usize::try_from(job.draws).unwrap_or(usize::MAX);
        ShareColumns::new(job.run_id, part, parts, total, columns)
    }

    /// Whether this share owns any column (one that owns none takes no draws from the others:
    /// it would be done before drawing them).
    pub fn owns_columns(&self) -> bool {
        !self.owned.is_empty()
    }

    /// The job's run id.
    pub fn run_id(&self) -> u64 {
        self.run_id
    }

    /// This share's place among the shares.
    pub fn part(&self) -> usize {
        self.part
    }

    /// How many shares the job has.
    pub fn parts(&self) -> usize {
        self.parts
    }

    /// Whether draws `draws` handed over by share `from_part` fit the job: another of its
    /// shares, draws within the job's. One that does not fit fails the job (drawing it could
    /// take forever or make a draw twice).
    pub fn check_handover(&self, from_part: usize, draws: &Range<u64>) -> Result<(), InputError> {
        let fits = from_part < self.parts
            && from_part != self.part
            && draws.start < draws.end
            && usize::try_from(draws.end).is_ok_and(|end| end <= self.total);
        if fits {
            Ok(())
        } else {
            Err(mismatched_exchange())
        }
    }

    /// The blocks sending the rows of `table` (this share's draws) not sent yet to the other
    /// shares, each the columns it owns (none to a share that owns no column).
    pub fn outgoing(&mut self, table: &DrawTable) -> Vec<ColumnShare> {
        let rows = self.rows_out..table.len();
        if rows.is_empty() {
            return Vec::new();
        }
        self.rows_out = table.len();
        let (columns, _) = table.parts();
        let parts = self.parts;
        (0..parts)
            .filter(|&to| to != self.part)
            .map(|to| (to, owned_columns(to, parts, self.columns)))
            .filter(|(_, range)| !range.is_empty())
            .map(|(to, range)| {
                let mut values = Vec::with_capacity(range.len() * rows.len());
                for column in &columns[range.clone()] {
                    values.extend_from_slice(&column[rows.clone()]);
                }
                ColumnShare {
                    run_id: self.run_id,
                    from_part: self.part,
                    to_part: to,
                    first_row: rows.start,
                    draws: rows.len(),
                    first_column: range.start,
                    values,
                }
            })
            .collect()
    }

    /// Takes a block: `Ok(true)` if kept, `Ok(false)` if meant for another job or share, or
    /// already received, or ahead of a missing one (then `wants_resend`); `Err` if it does not
    /// fit this job.
    pub fn receive(&mut self, share: ColumnShare) -> Result<bool, InputError> {
        if share.run_id != self.run_id || share.to_part != self.part {
            return Ok(false);
        }
        let from = share.from_part;
        let received: usize = self.rows_in.iter().sum();
        if from >= self.parts
            || from == self.part
            || share.first_column != self.owned.start
            || share.columns() != self.owned.len()
            || received.saturating_add(share.draws) > self.total
        {
            return Err(mismatched_exchange());
        }
        if share.first_row != self.rows_in[from] {
            self.gap |= share.first_row > self.rows_in[from];
            return Ok(false);
        }
        for (column, values) in self
            .received
            .iter_mut()
            .zip(share.values.chunks_exact(share.draws))
        {
            column.extend_from_slice(values);
        }
        self.rows_in[from] += share.draws;
        Ok(true)
    }

    /// Whether a block came ahead of a missing one since the last call (ask for a resend).
    pub fn wants_resend(&mut self) -> bool {
        std::mem::take(&mut self.gap)
    }

    /// Whether every draw of the job is in, this share's `own_rows` and the others' received
    /// (at once when this share owns no column); an error if there are more rows than the job
    /// has draws (some draw was made twice: waiting would never end).
    pub fn complete(&self, own_rows: usize) -> Result<bool, InputError> {
        if self.owned.is_empty() {
            return Ok(true);
        }
        let rows = own_rows.saturating_add(self.rows_in.iter().sum::<usize>());
        match rows.cmp(&self.total) {
            std::cmp::Ordering::Less => Ok(false),
            std::cmp::Ordering::Equal => Ok(true),
            std::cmp::Ordering::Greater => Err(mismatched_exchange()),
        }
    }

    /// The percentiles of the owned columns over every share's draws (`table` being this
    /// share's), this share's draws and met counts, and where its time went (call once, when
    /// `complete`).
    pub fn bands(&mut self, table: &DrawTable, timing: ShareTiming) -> McUpdate {
        self.owned_bands(table, Some(timing))
    }

    /// Partial results: the percentiles of the owned columns over this share's draws so far
    /// (`table`) and the other shares' received so far.
    pub fn partial_bands(&mut self, table: &DrawTable) -> McUpdate {
        self.owned_bands(table, None)
    }

    /// At the end the received values take this share's own and are reordered in place;
    /// before it, a copy is. Complete when `timing` is given.
    fn owned_bands(&mut self, table: &DrawTable, timing: Option<ShareTiming>) -> McUpdate {
        let complete = timing.is_some();
        let (columns, met) = table.parts();
        let bands = self
            .received
            .iter_mut()
            .zip(&columns[self.owned.clone()])
            .map(|(others, own)| {
                if complete {
                    others.extend_from_slice(own);
                    percentiles_in_place(others)
                } else {
                    let mut all = Vec::with_capacity(others.len() + own.len());
                    all.extend_from_slice(others);
                    all.extend_from_slice(own);
                    percentiles_in_place(&mut all)
                }
            })
            .collect();
        McUpdate::Bands {
            run_id: self.run_id,
            part: self.part as u64,
            first_column: self.owned.start as u64,
            bands,
            draws: table.len() as u64,
            met: met.to_vec(),
            complete,
            timing,
        }
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

/// The page's side of a job shared among workers (`part_requests`): gathers each share's
/// `Bands` (its columns' percentiles, its draws and met counts) into partial results, once
/// every share has reported, the draws so far have passed the job's next geometric milestone
/// (chunk, 4·chunk, …) and `progress_due` allows; and into the final summary once every
/// share's are complete. The updates are those a single worker would give for the whole job
/// (each re-renders the page, so they stay few); a partial summary's columns are each over
/// the draws their share had then.
#[derive(Debug)]
pub struct BandMerge {
    run_id: u64,
    total: u64,
    parts: usize,
    failed: bool,
    last_update_ms: f64,
    /// Draws at which partial results are next due.
    next_summary: u64,
    /// Per share: its latest bands.
    latest: Vec<Option<ShareBands>>,
}

/// One share's latest `Bands`.
#[derive(Debug)]
struct ShareBands {
    bands: Vec<[f64; 5]>,
    draws: u64,
    met: Vec<u64>,
    complete: bool,
    timing: Option<ShareTiming>,
}

impl BandMerge {
    /// Waits for the bands of `job` shared among `parts` workers.
    pub fn new(job: &McJob, parts: usize) -> Self {
        let parts = parts.max(1);
        BandMerge {
            run_id: job.run_id,
            total: job.draws,
            parts,
            failed: false,
            last_update_ms: 0.0,
            next_summary: job.chunk.max(1),
            latest: (0..parts).map(|_| None).collect(),
        }
    }

    /// The job's run id.
    pub fn run_id(&self) -> u64 {
        self.run_id
    }

    /// Takes one share's `Bands`, `elapsed_ms` after the job was sent (other updates and other
    /// jobs' are ignored): `Done` once every share's are complete, `Progress` when every share
    /// has reported and partial results are due, `Failed` (once) if they do not fit together,
    /// `None` otherwise.
    pub fn take(&mut self, update: McUpdate, elapsed_ms: f64) -> Option<McUpdate> {
        let McUpdate::Bands {
            run_id,
            part,
            first_column,
            bands,
            draws,
            met,
            complete,
            timing,
        } = update
        else {
            return None;
        };
        if self.failed || run_id != self.run_id {
            return None;
        }
        let columns = DrawTable::columns_for(met.len());
        let part = usize::try_from(part).unwrap_or(usize::MAX);
        let owned = owned_columns(part, self.parts, columns);
        let before = self.latest.get(part).and_then(Option::as_ref);
        let fits = part < self.parts
            && usize::try_from(first_column).ok() == Some(owned.start)
            && bands.len() == owned.len()
            && before.is_none_or(|b| !b.complete && b.draws <= draws && b.met.len() == met.len())
            && self
                .latest
                .iter()
                .flatten()
                .all(|b| b.met.len() == met.len());
        if !fits {
            return self.refuse();
        }
        self.latest[part] = Some(ShareBands {
            bands,
            draws,
            met,
            complete,
            timing,
        });
        let shares: Vec<&ShareBands> = self.latest.iter().flatten().collect();
        if shares.len() < self.parts {
            return None;
        }
        let draws: u64 = shares.iter().map(|b| b.draws).sum();
        let all_in = shares.iter().all(|b| b.complete);
        if (all_in && draws != self.total) || draws > self.total {
            return self.refuse();
        }
        let partial_due =
            draws >= self.next_summary && progress_due(false, elapsed_ms, self.last_update_ms);
        if !(all_in || partial_due) {
            return None;
        }
        while self.next_summary <= draws {
            self.next_summary = self.next_summary.saturating_mul(4);
        }
        let mut met = vec![0; shares[0].met.len()];
        for share in &shares {
            for (total, m) in met.iter_mut().zip(&share.met) {
                *total += m;
            }
        }
        let bands = shares
            .iter()
            .flat_map(|b| b.bands.iter().copied())
            .collect();
        let draws_in = usize::try_from(draws).unwrap_or(usize::MAX);
        let summary = McSummary::from(&McResult::from_column_bands(draws_in, &met, bands));
        self.last_update_ms = elapsed_ms;
        Some(if all_in {
            McUpdate::Done {
                run_id: self.run_id,
                summary,
                elapsed_ms,
                shares: shares
                    .iter()
                    .map(|b| b.timing.unwrap_or_default())
                    .collect(),
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

    /// Fails the job (once).
    fn refuse(&mut self) -> Option<McUpdate> {
        self.failed = true;
        let e = mismatch();
        Some(McUpdate::Failed {
            run_id: self.run_id,
            message_zh: e.message("zh"),
            message_en: e.message("en"),
        })
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

/// Rows or draws exchanged between workers do not fit their job.
fn mismatched_exchange() -> InputError {
    InputError::new(
        "draws",
        "工作线程间交换的抽样结果不一致",
        "the draws exchanged between workers do not match",
    )
}

/// The workers' results of one job do not fit together.
fn mismatch() -> InputError {
    InputError::new(
        "draws",
        "各工作线程的结果不一致",
        "the workers' results do not fit together",
    )
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
    use crate::scenario::share_work::ShareWork;
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

    /// Runs `job` shared among `workers` as the workers and the page do, natively, in rounds:
    /// each share draws up to its next milestone and sends the other shares the new rows of
    /// their columns; the blocks are delivered, the senders taking turns from the last; each
    /// share not yet done sends the page its partial bands, the last share first, a round a
    /// second. In the first round one share joins after the first block and asks for a resend,
    /// and every share sends all its blocks again; after it, each share hands a third of the
    /// draws it has left to the next share (that owns columns), as a worker answers a
    /// `WantDraws`, through the message's block of numbers. At the end each share's bands are
    /// gathered, last share first. Returns the page's updates.
    fn run_shared(engine: &Engine, job: &McJob, workers: usize) -> Vec<McUpdate> {
        let requests = part_requests(job, workers);
        let columns = DrawTable::columns_for(engine.targets().len());
        struct Share {
            mc: crate::model::montecarlo::MonteCarlo,
            work: ShareWork,
            done: u64,
            milestone: u64,
            table: DrawTable,
            columns: ShareColumns,
            sent: Vec<Vec<f64>>,
        }
        let mut shares: Vec<Share> = requests
            .iter()
            .map(|request| {
                let McRequest::RunPart {
                    job: share,
                    from,
                    to,
                    part,
                    parts,
                } = request
                else {
                    panic!("not a share: {request:?}");
                };
                assert_eq!(*parts, requests.len() as u64);
                let mc = engine
                    .monte_carlo(
                        &share.levers().unwrap(),
                        Settings::new(share.seed, share.spread).unwrap(),
                    )
                    .unwrap();
                Share {
                    table: DrawTable::new(mc.target_count(), 0),
                    mc,
                    work: ShareWork::new(*from..*to),
                    done: 0,
                    milestone: share.chunk,
                    columns: ShareColumns::for_job(share, *part as usize, *parts as usize, columns),
                    sent: Vec::new(),
                }
            })
            .collect();
        let mut merge = BandMerge::new(job, requests.len());
        let mut updates = Vec::new();
        let deliver = |shares: &mut [Share], blocks: &[Vec<f64>], skip: Option<usize>| {
            for (k, packed) in blocks.iter().enumerate() {
                for share in shares.iter_mut() {
                    if k == 0 && skip == Some(share.columns.part) {
                        continue;
                    }
                    share
                        .columns
                        .receive(ColumnShare::decode(packed.clone()).unwrap())
                        .unwrap();
                }
            }
        };
        let mut round = 0;
        while shares.iter().any(|s| s.work.remaining() > 0) {
            let mut posted: Vec<Vec<Vec<f64>>> = Vec::new();
            for share in shares.iter_mut() {
                if share.work.remaining() > 0 {
                    while share.done < share.milestone {
                        let Some(slice) = share.work.take(share.milestone - share.done) else {
                            break;
                        };
                        share.done += slice.end - slice.start;
                        share.mc.draws_into(slice, &mut share.table);
                    }
                    share.milestone *= 4;
                }
                let blocks: Vec<Vec<f64>> = share
                    .columns
                    .outgoing(&share.table)
                    .iter()
                    .map(ColumnShare::encode)
                    .collect();
                share.sent.extend(blocks.iter().cloned());
                posted.push(blocks);
            }
            let mut turns = Vec::new();
            for k in 0..posted.iter().map(Vec::len).max().unwrap_or(0) {
                turns.extend(posted.iter().rev().filter_map(|b| b.get(k).cloned()));
            }
            if round == 0 {
                let late = turns
                    .first()
                    .map(|b| ColumnShare::decode(b.clone()).unwrap().to_part);
                deliver(&mut shares, &turns, late);
                let again: Vec<Vec<f64>> = shares.iter().flat_map(|s| s.sent.clone()).collect();
                deliver(&mut shares, &again, None);
            } else {
                deliver(&mut shares, &turns, None);
            }
            if round == 0 && shares.len() > 1 {
                for from in 0..shares.len() {
                    let to = (from + 1) % shares.len();
                    let third = shares[from].work.remaining() / 3;
                    if !shares[to].columns.owns_columns() {
                        continue;
                    }
                    let Some(draws) = shares[from].work.give(third) else {
                        continue;
                    };
                    let message = PeerMessage::HandOver {
                        run_id: job.run_id,
                        from_part: from,
                        to_part: to,
                        draws,
                    };
                    assert_eq!(PeerMessage::recipient(&message.encode()), Some(to));
                    match PeerMessage::decode(message.encode()).unwrap() {
                        PeerMessage::HandOver { draws, .. } => shares[to].work.add(draws),
                        other => panic!("not a handover: {other:?}"),
                    }
                }
            }
            round += 1;
            for share in shares.iter_mut().rev() {
                if share.work.remaining() > 0 {
                    let partial = share.columns.partial_bands(&share.table);
                    updates.extend(merge.take(partial, 1000.0 * round as f64));
                }
            }
        }
        for share in shares.iter_mut().rev() {
            assert!(
                share.columns.outgoing(&share.table).is_empty(),
                "every row sent once"
            );
            assert!(
                share.columns.complete(share.table.len()) == Ok(true),
                "share {} of {workers}",
                share.columns.part
            );
            // Each share's timing names its part, to check that the merge keeps them apart.
            let timing = ShareTiming {
                draw_ms: share.columns.part as f64,
                ..ShareTiming::default()
            };
            updates.extend(merge.take(share.columns.bands(&share.table, timing), 1e6));
        }
        updates
    }

    #[test]
    fn shares_merged_in_any_order_give_the_whole_jobs_summary() {
        let engine = Engine::licheng();
        let job = scenario(1_000);
        let whole = run_job(&engine, &job).unwrap();
        for workers in [1, 2, 3, 4] {
            let mut updates = run_shared(&engine, &job, workers);
            match updates.pop() {
                Some(McUpdate::Done {
                    summary, shares, ..
                }) => {
                    assert_eq!(summary, whole, "{workers}");
                    // Where each worker's time went, in part order (whatever order they came in).
                    let parts: Vec<f64> = shares.iter().map(|t| t.draw_ms).collect();
                    let expected: Vec<f64> = (0..workers).map(|p| p as f64).collect();
                    assert_eq!(parts, expected, "{workers}");
                }
                other => panic!("no Done: {other:?}"),
            }
            if workers > 1 {
                assert!(!updates.is_empty(), "no progress before the end");
            }
            assert!(updates
                .iter()
                .all(|u| matches!(u, McUpdate::Progress { .. })));
        }
        // More shares than columns: some own none, and still the same summary.
        let columns = DrawTable::columns_for(engine.targets().len());
        let many = McJob {
            chunk: 1_000,
            ..scenario(columns as u64 + 3)
        };
        let whole = run_job(&engine, &many).unwrap();
        match run_shared(&engine, &many, columns + 3).pop() {
            Some(McUpdate::Done { summary, .. }) => assert_eq!(summary, whole),
            other => panic!("no Done: {other:?}"),
        }
    }

    #[test]
    fn peer_messages_round_trip_and_malformed_ones_are_refused() {
        let rows = ColumnShare {
            run_id: 7,
            from_part: 1,
            to_part: 0,
            first_row: 4,
            draws: 2,
            first_column: 0,
            values: vec![1.0, 2.0, 3.0, 4.0],
        };
        let messages = [
            PeerMessage::Rows(rows),
            PeerMessage::Resend { run_id: 7, part: 2 },
            PeerMessage::WantDraws {
                run_id: 7,
                part: 1,
                left_ms: -3.5,
                per_ms: 91.25,
                at_ms: 1.8e12,
            },
            PeerMessage::HandOver {
                run_id: 7,
                from_part: 0,
                to_part: 3,
                draws: 4_000..4_900,
            },
        ];
        for message in &messages {
            let packed = message.encode();
            assert_eq!(PeerMessage::recipient(&packed), message.to_part());
            assert_eq!(message.run_id(), 7);
            assert_eq!(PeerMessage::decode(packed).as_ref(), Ok(message));
        }
        let hand_over = messages[3].encode();
        let want = messages[2].encode();
        let mut bad = Vec::new();
        for (i, v) in [
            (4, 5_000.0),
            (4, 4_900.0),
            (5, 0.5),
            (2, 0.0),
            (1, -1.0),
            (0, 0.5),
        ] {
            let mut packed = hand_over.clone();
            packed[i] = v;
            bad.push(packed);
        }
        for (i, v) in [(4, f64::NAN), (5, f64::INFINITY), (2, 1.0), (2, -2.0)] {
            let mut packed = want.clone();
            packed[i] = v;
            bad.push(packed);
        }
        let mut unknown = want.clone();
        unknown[3] = -9.0;
        bad.push(unknown);
        for packed in bad {
            assert!(PeerMessage::decode(packed.clone()).is_err(), "{packed:?}");
            assert_eq!(PeerMessage::resend_of(&packed), None);
        }
    }

    #[test]
    fn owned_columns_cover_every_column_once() {
        for (parts, columns) in [(1, 40), (2, 40), (3, 41), (4, 2), (5, 0)] {
            let ranges: Vec<Range<usize>> = (0..parts)
                .map(|p| owned_columns(p, parts, columns))
                .collect();
            assert_eq!(ranges[0].start, 0);
            assert_eq!(ranges[parts - 1].end, columns);
            assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
            let sizes: Vec<usize> = ranges.iter().map(Range::len).collect();
            let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
            assert!(max - min <= 1, "{sizes:?}");
        }
    }

    #[test]
    fn malformed_exchanges_and_bands_fail_the_job_without_panicking() {
        // Blocks that are not a share.
        let good = ColumnShare {
            run_id: 3,
            from_part: 1,
            to_part: 0,
            first_row: 0,
            draws: 2,
            first_column: 0,
            values: vec![1.0, 2.0, 3.0, 4.0],
        };
        assert_eq!(ColumnShare::decode(good.encode()).unwrap(), good);
        let mut bad_blocks = vec![vec![], vec![1.0; 4]];
        for (i, v) in [(0, -1.0), (1, 0.5), (4, 0.0), (3, f64::NAN), (5, 1e300)] {
            let mut packed = good.encode();
            packed[i] = v;
            bad_blocks.push(packed);
        }
        let mut ragged = good.encode();
        ragged.push(5.0);
        bad_blocks.push(ragged);
        for packed in bad_blocks {
            assert!(ColumnShare::decode(packed.clone()).is_err(), "{packed:?}");
        }
        // A resend request is not a share, and a share is not a resend request.
        let request = PeerMessage::Resend { run_id: 3, part: 1 }.encode();
        assert_eq!(PeerMessage::resend_of(&request), Some(3));
        assert!(ColumnShare::decode(request).is_err());
        assert_eq!(PeerMessage::resend_of(&good.encode()), None);
        assert_eq!(PeerMessage::resend_of(&[0.5, 1.0]), None);
        // A block for the wrong columns or rows, or from itself, is refused; another job's or
        // share's ignored, as is one received already or one ahead of a missing one.
        let mc = Engine::licheng()
            .monte_carlo(&Levers::default(), Settings::new(1, 1.0).unwrap())
            .unwrap();
        let table = mc.draws(0..10);
        let columns = table.column_count();
        let mut end = ShareColumns::new(3, 0, 2, 14, columns);
        let owned = owned_columns(0, 2, columns);
        let fitting = ColumnShare {
            values: vec![0.0; owned.len() * 2],
            ..good.clone()
        };
        let variant = |f: &dyn Fn(&mut ColumnShare)| {
            let mut b = fitting.clone();
            f(&mut b);
            b
        };
        assert_eq!(end.receive(variant(&|b| b.run_id = 4)), Ok(false));
        assert_eq!(end.receive(variant(&|b| b.to_part = 1)), Ok(false));
        for wrong in [
            variant(&|b| b.from_part = 0),
            variant(&|b| b.from_part = 2),
            variant(&|b| b.first_column = 1),
            variant(&|b| b.values = vec![0.0; 2]),
            variant(&|b| {
                b.draws = 15;
                b.values = vec![0.0; owned.len() * 15];
            }),
        ] {
            assert!(end.receive(wrong).is_err());
        }
        assert!(!end.wants_resend());
        assert_eq!(end.receive(variant(&|b| b.first_row = 2)), Ok(false));
        assert!(end.wants_resend(), "a block ahead of a missing one");
        assert!(!end.wants_resend(), "asked once");
        assert_eq!(end.receive(fitting.clone()), Ok(true));
        assert_eq!(end.receive(fitting.clone()), Ok(false), "received already");
        assert!(!end.wants_resend());
        assert_eq!(end.complete(10), Ok(false));
        assert_eq!(end.receive(variant(&|b| b.first_row = 2)), Ok(true));
        assert_eq!(end.complete(10), Ok(true));
        assert!(end.complete(11).is_err(), "more rows than draws");
        assert!(end.outgoing(&mc.draws(0..0)).is_empty());
        // Bands that do not fit the job fail it once; later good ones are not taken.
        let job = McJob {
            run_id: 3,
            chunk: 5,
            ..scenario(14)
        };
        let partial = end.partial_bands(&mc.draws(0..4));
        let bands = end.bands(&table, ShareTiming::default());
        type Edit = dyn Fn(&mut u64, &mut u64, &mut Vec<[f64; 5]>);
        let with = |f: &Edit| {
            let mut u = bands.clone();
            if let McUpdate::Bands {
                part,
                first_column,
                bands,
                ..
            } = &mut u
            {
                f(part, first_column, bands);
            }
            u
        };
        let wrong: Vec<McUpdate> = vec![
            with(&|part, _, _| *part = 2),
            with(&|_, first, _| *first = 1),
            with(&|_, _, bands| {
                bands.pop();
            }),
        ];
        for update in wrong {
            let mut merge = BandMerge::new(&job, 2);
            assert!(matches!(
                merge.take(update, 1.0),
                Some(McUpdate::Failed { run_id: 3, .. })
            ));
            assert_eq!(merge.take(bands.clone(), 2.0), None);
        }
        // A share's bands after its complete ones, or fewer draws than before, or too few or
        // too many draws in all, fail the job.
        let other = |draws: u64, complete: bool| {
            let mut share = ShareColumns::new(3, 1, 2, 14, columns);
            let table = mc.draws(0..draws);
            if complete {
                share.bands(&table, ShareTiming::default())
            } else {
                share.partial_bands(&table)
            }
        };
        for (first, second) in [
            (bands.clone(), bands.clone()),
            (bands.clone(), partial.clone()),
            (other(3, false), other(2, false)),
            (bands.clone(), other(3, true)),
            (bands.clone(), other(5, true)),
            (bands.clone(), other(5, false)),
        ] {
            let mut merge = BandMerge::new(&job, 2);
            assert_eq!(merge.take(first, 1.0), None);
            assert!(
                matches!(merge.take(second, 2.0), Some(McUpdate::Failed { .. })),
                "not refused"
            );
        }
        // Fitting ones: partial results once due, then the end.
        let mut merge = BandMerge::new(&job, 2);
        assert_eq!(merge.take(partial, 10.0), None, "not every share yet");
        assert!(matches!(
            merge.take(other(2, false), 200.0),
            Some(McUpdate::Progress { .. })
        ));
        assert_eq!(merge.take(bands.clone(), 210.0), None);
        assert!(matches!(
            merge.take(other(4, true), 220.0),
            Some(McUpdate::Done { .. })
        ));
        // Another job's bands, and other updates, are ignored.
        let mut merge = BandMerge::new(&McJob { run_id: 9, ..job }, 2);
        assert_eq!(merge.take(bands, 1.0), None);
        let failure = McUpdate::Failed {
            run_id: 9,
            message_zh: "x".into(),
            message_en: "x".into(),
        };
        assert_eq!(merge.take(failure.clone(), 1.0), None);
        // A worker's failure is passed on once.
        assert_eq!(merge.failed(failure.clone()), Some(failure.clone()));
        assert_eq!(merge.failed(failure), None, "reported once");
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
        let columns = DrawTable::columns_for(engine.targets().len());
        let share = |part: usize| ShareColumns::new(job.run_id, part, 2, 1_000, columns);
        let (first, second) = (mc.draws(0..250), mc.draws(500..750));
        let partials = [
            share(0).partial_bands(&first),
            share(1).partial_bands(&second),
        ];
        let run = |times: [f64; 2]| -> Vec<McUpdate> {
            let mut merge = BandMerge::new(&job, 2);
            partials
                .iter()
                .zip(times)
                .filter_map(|(b, t)| merge.take(b.clone(), t))
                .collect()
        };
        // Every share's partial bands by 60 ms: too soon for partial results.
        assert_eq!(run([20.0, 60.0]), []);
        // By 200 ms: shown, with the draws and met counts of both shares.
        let slow = run([100.0, 200.0]);
        assert_eq!(slow.len(), 1);
        let McUpdate::Progress { summary, total, .. } = &slow[0] else {
            panic!("{slow:?}");
        };
        assert_eq!((summary.draws, *total), (500, 1000));
        let mut both = first.clone();
        both.append(&second);
        let met: Vec<f64> = (0..both.targets())
            .map(|k| both.met_count(k) as f64 / 500.0)
            .collect();
        assert_eq!(summary.probability, met);
        // The next partial results wait for the next milestone (1,000 draws) and
        // `MIN_PROGRESS_INTERVAL_MS`; the end waits for neither.
        let mut merge = BandMerge::new(&job, 2);
        assert_eq!(merge.take(partials[0].clone(), 150.0), None);
        assert!(merge.take(partials[1].clone(), 160.0).is_some());
        let again = share(0).partial_bands(&mc.draws(0..400));
        assert_eq!(
            merge.take(again, 900.0),
            None,
            "650 draws: below the next milestone"
        );
        let fewer = McJob {
            chunk: 50,
            ..job.clone()
        };
        let mut merge = BandMerge::new(&fewer, 2);
        assert!(merge.take(partials[0].clone(), 150.0).is_none());
        assert!(
            merge.take(partials[1].clone(), 160.0).is_some(),
            "500 draws: past 200"
        );
        let more = [
            share(0).partial_bands(&mc.draws(0..450)),
            share(1).partial_bands(&mc.draws(500..900)),
        ];
        assert_eq!(
            merge.take(more[0].clone(), 200.0),
            None,
            "700 draws: below 800"
        );
        assert_eq!(
            merge.take(more[1].clone(), 250.0),
            None,
            "850 draws, but too soon"
        );
        assert!(matches!(
            merge.take(more[1].clone(), 400.0),
            Some(McUpdate::Progress { .. })
        ));
        let whole = |part: usize, range: std::ops::Range<u64>| {
            let mut end = share(part);
            let table = mc.draws(range);
            for block in
                share(1 - part).outgoing(&mc.draws(if part == 0 { 500..1000 } else { 0..500 }))
            {
                end.receive(block).unwrap();
            }
            end.bands(&table, ShareTiming::default())
        };
        assert_eq!(merge.take(whole(0, 0..500), 205.0), None);
        assert!(matches!(
            merge.take(whole(1, 500..1000), 210.0),
            Some(McUpdate::Done { .. })
        ));
        assert!(progress_due(true, 0.0, 0.0));
        assert!(!progress_due(false, 100.0, 0.0));
        assert!(progress_due(false, 300.0, 100.0));
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

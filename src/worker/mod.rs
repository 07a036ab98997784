//! The Monte Carlo web workers (wasm32 only): a gloo-worker reactor that runs a job's draws in
//! chunks, streams percentiles (or, for a share of a job, the rows drawn) at geometric
//! milestones, and drops a job as soon as a newer request arrives; it also answers goal-seek
//! jobs. Plus `McClient`, the page's handle on one or more of them: a job is split among the
//! workers by draw ranges, and their rows are merged and summarised on the page.

use crate::model::montecarlo::{DrawTable, MonteCarlo, Settings};
use crate::scenario::mc_messages::{
    part_requests, progress_due, run_goal_seek, summary_of, DrawRows, GoalSeekJob, McJob,
    McRequest, McUpdate, Message, RowMerge,
};
use crate::scenario::uncertainty::check_draws;
use crate::scenario::{Engine, InputError};
use futures::channel::{mpsc, oneshot};
use futures::{FutureExt, SinkExt, StreamExt};
use gloo::worker::reactor::{reactor, ReactorScope};
use gloo::worker::Spawnable;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The worker's script, relative to the page (trunk's loader shim for the `worker` bin).
pub const WORKER_PATH: &str = "./worker_loader.js";

/// Most workers one page starts for its Monte Carlo (one per core up to this).
pub const MAX_WORKERS: usize = 4;

/// The page summarises merged rows in slices of about this many milliseconds.
const SUMMARY_SLICE_MS: f64 = 4.0;

/// A worker with a share of a job sends its rows at least this often.
const ROWS_INTERVAL_MS: f64 = 100.0;

/// A worker draws in slices of this many draws (well under a millisecond each)…
const DRAWS_PER_SLICE: u64 = 200;

/// …and looks for a newer request once this many milliseconds have passed since it last did,
/// so a stale job stops within about this long. Each look costs about half a millisecond (a
/// round through the event loop): looking every 1,000 draws cost 5 ms of a 10,000-draw run.
const YIELD_INTERVAL_MS: f64 = 12.0;

/// Milliseconds from this worker's clock (0 where there is none).
fn worker_now_ms() -> f64 {
    js_sys::global()
        .dyn_into::<web_sys::WorkerGlobalScope>()
        .ok()
        .and_then(|g| g.performance())
        .map_or(0.0, |p| p.now())
}

/// The page's clock, read from one `Performance` object (the summary loop reads it often).
struct PageClock(Option<web_sys::Performance>);

impl PageClock {
    fn new() -> Self {
        PageClock(web_sys::window().and_then(|w| w.performance()))
    }
    fn now_ms(&self) -> f64 {
        self.0.as_ref().map_or(0.0, |p| p.now())
    }
}

fn failed(run_id: u64, e: InputError) -> McUpdate {
    McUpdate::Failed {
        run_id,
        message_zh: e.message("zh"),
        message_en: e.message("en"),
    }
}

/// Hands control back to the thread's event loop (a worker's, so a newer request can arrive;
/// the page's, so it can paint) for one task, by posting a message to itself: `setTimeout(0)` would be clamped to 4 ms once nested, which
/// cost ~40 ms per 10,000 draws.
struct Yielder {
    channel: web_sys::MessageChannel,
    waiting: Rc<RefCell<Option<oneshot::Sender<()>>>>,
    _on_message: Closure<dyn FnMut()>,
}

impl Yielder {
    fn new() -> Option<Yielder> {
        let channel = web_sys::MessageChannel::new().ok()?;
        let waiting: Rc<RefCell<Option<oneshot::Sender<()>>>> = Rc::new(RefCell::new(None));
        let wake = waiting.clone();
        let on_message = Closure::<dyn FnMut()>::new(move || {
            if let Some(tx) = wake.borrow_mut().take() {
                let _ = tx.send(());
            }
        });
        channel
            .port1()
            .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(Yielder {
            channel,
            waiting,
            _on_message: on_message,
        })
    }

    /// Resolves in a later task. (If dropped first, its message wakes the next wait early,
    /// which only shortens that yield.)
    async fn yield_now(&self) {
        let (tx, rx) = oneshot::channel();
        *self.waiting.borrow_mut() = Some(tx);
        if self.channel.port2().post_message(&JsValue::NULL).is_err() {
            gloo::timers::future::TimeoutFuture::new(0).await;
            return;
        }
        let _ = rx.await;
    }
}

/// Yields through `yielder`, or a zero timeout where there is no MessageChannel.
async fn yield_to_events(yielder: &Option<Yielder>) {
    match yielder {
        Some(y) => y.yield_now().await,
        None => gloo::timers::future::TimeoutFuture::new(0).await,
    }
}

/// The reactor: one job at a time; any new request (a new job or `Cancel`) ends the current one.
#[reactor]
pub async fn McReactor(mut scope: ReactorScope<McRequest, McUpdate>) {
    let embedded = Engine::licheng();
    let yielder = Yielder::new();
    let mut pending: Option<McRequest> = None;
    // The last job's prepared run: the next one reuses what its change left alone (a new seed
    // or number of draws rebuilds nothing).
    let mut last_run: Option<MonteCarlo> = None;
    loop {
        let request = match pending.take() {
            Some(r) => r,
            None => match scope.next().await {
                Some(r) => r,
                None => return,
            },
        };
        // The draws to make, and whether to return rows (a share) or summaries (a whole job).
        let (job, from, to, rows_out) = match request {
            McRequest::Cancel => continue,
            McRequest::GoalSeek(job) => {
                let started = worker_now_ms();
                let outcome = run_goal_seek(&embedded, &job).map_err(Message::from);
                let update = McUpdate::GoalSeek {
                    run_id: job.scenario.run_id,
                    outcome,
                    elapsed_ms: worker_now_ms() - started,
                };
                if scope.send(update).await.is_err() {
                    return;
                }
                continue;
            }
            McRequest::Run(job) => {
                let draws = job.draws;
                (job, 0, draws, false)
            }
            McRequest::RunPart { job, from, to } => (job, from, to, true),
        };
        let started = worker_now_ms();
        let prepared = (|| -> Result<_, InputError> {
            check_draws(job.draws)?;
            if !(from < to && to <= job.draws) {
                return Err(InputError::new(
                    "draws",
                    "抽样区间无效",
                    "invalid range of draws",
                ));
            }
            let engine = job.engine(&embedded)?;
            let settings = Settings::new(job.seed, job.spread)?;
            engine.monte_carlo_reusing(last_run.as_ref(), &job.levers()?, settings)
        })();
        let mc: &MonteCarlo = match prepared {
            Ok(mc) => last_run.insert(mc),
            Err(e) => {
                if scope.send(failed(job.run_id, e)).await.is_err() {
                    return;
                }
                continue;
            }
        };
        // Results at geometric milestones (chunk, 4·chunk, 16·chunk, … draws of this job or
        // share): each summary selects among every draw so far, so summarising after every
        // chunk would cost more than the draws.
        let count = to - from;
        let chunk = job.chunk.clamp(1, count);
        let mut next_milestone = chunk;
        let capacity = if rows_out { chunk } else { count };
        let mut table = DrawTable::new(mc.target_count(), capacity as usize);
        let mut done = 0;
        let mut last_update_ms = 0.0;
        let mut last_yield_ms = worker_now_ms();
        let mut milestone_waiting = false;
        while done < count {
            let end = next_milestone.min(done + DRAWS_PER_SLICE).min(count);
            mc.draws_into(from + done..from + end, &mut table);
            done = end;
            let milestone = done == next_milestone || done == count;
            if milestone {
                next_milestone = next_milestone.saturating_mul(4);
            }
            milestone_waiting |= milestone;
            // A share sends its rows at every milestone, and at least every
            // `ROWS_INTERVAL_MS` (the page decides what to show); a whole job summarises at
            // its end, and at milestones once partial results are due (a milestone passed too
            // early is summarised at the first slice after that).
            let since_last = worker_now_ms() - started - last_update_ms;
            let send = if rows_out {
                milestone || since_last >= ROWS_INTERVAL_MS
            } else {
                done == count
                    || (milestone_waiting
                        && progress_due(false, worker_now_ms() - started, last_update_ms))
            };
            if send {
                last_update_ms = worker_now_ms() - started;
                milestone_waiting = false;
                let update = if rows_out {
                    let rows = DrawRows::from(&table);
                    let room = (next_milestone.min(count) - done) as usize;
                    table = DrawTable::new(mc.target_count(), room);
                    McUpdate::Rows {
                        run_id: job.run_id,
                        rows,
                    }
                } else {
                    let summary = summary_of(&mut table);
                    let elapsed_ms = worker_now_ms() - started;
                    if done == count {
                        McUpdate::Done {
                            run_id: job.run_id,
                            summary,
                            elapsed_ms,
                        }
                    } else {
                        McUpdate::Progress {
                            run_id: job.run_id,
                            total: count,
                            summary,
                            elapsed_ms,
                        }
                    }
                };
                if scope.send(update).await.is_err() {
                    return;
                }
            }
            if done < count && worker_now_ms() - last_yield_ms >= YIELD_INTERVAL_MS {
                // Let a newer request in: it ends this job.
                futures::select! {
                    request = scope.next() => match request {
                        Some(r) => { pending = Some(r); break; }
                        None => return,
                    },
                    _ = yield_to_events(&yielder).fuse() => {}
                }
                last_yield_ms = worker_now_ms();
            }
        }
    }
}

/// How many workers to start for the Monte Carlo: one per logical core the browser reports
/// but one (left to the page, which renders and, with several workers, merges and summarises
/// their rows), yet two on two cores, and at most `MAX_WORKERS`. On two cores the page is idle
/// most of a run, so a second worker pays, if little: measured on the 2-core VM, 10,000 draws
/// took 92 ms with two workers and 105 ms with one (medians of 32 interleaved runs each).
pub fn worker_count() -> usize {
    let cores = web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .unwrap_or(1.0);
    workers_for(cores as usize)
}

/// [`worker_count`] for `cores` logical cores.
fn workers_for(cores: usize) -> usize {
    cores
        .saturating_sub(1)
        .max(cores.min(2))
        .clamp(1, MAX_WORKERS)
}

/// The page's handle on the workers.
///
/// A gloo reactor runs one reactor instance per bridge (handler id): a forked bridge would talk
/// to a second, idle instance. So one task per worker owns its bridge, and a coordinating task
/// splits jobs among them and merges what they return before calling `on_update`.
pub struct McClient {
    requests: mpsc::UnboundedSender<McRequest>,
}

impl McClient {
    /// Starts `worker_count()` workers; `on_update` receives every update (the caller drops
    /// stale run ids).
    pub fn spawn(on_update: impl Fn(McUpdate) + 'static) -> McClient {
        Self::spawn_with(worker_count(), on_update)
    }

    /// Starts a single worker (goal-seek and tornado jobs are not split).
    pub fn spawn_single(on_update: impl Fn(McUpdate) + 'static) -> McClient {
        Self::spawn_with(1, on_update)
    }

    fn spawn_with(workers: usize, on_update: impl Fn(McUpdate) + 'static) -> McClient {
        let (updates_tx, mut updates) = mpsc::unbounded::<McUpdate>();
        let to_workers: Vec<mpsc::UnboundedSender<McRequest>> = (0..workers.max(1))
            .map(|_| {
                // WORKER_PATH is trunk's loader shim itself, a classic script (`importScripts`):
                // without `with_loader` gloo wraps it in a blob: URL, which the page's CSP
                // (`worker-src 'self'`) refuses, and gloo's default module worker cannot run
                // `importScripts`.
                let mut bridge = McReactor::spawner()
                    .with_loader(true)
                    .as_module(false)
                    .spawn(WORKER_PATH);
                let (tx, mut inbox) = mpsc::unbounded::<McRequest>();
                let mut out = updates_tx.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    loop {
                        futures::select! {
                            request = inbox.next() => match request {
                                Some(r) => bridge.send_input(r),
                                // The client is gone: dropping the bridge ends the worker.
                                None => return,
                            },
                            update = bridge.next() => match update {
                                Some(u) => if out.send(u).await.is_err() { return },
                                None => return,
                            },
                        }
                    }
                });
                tx
            })
            .collect();
        drop(updates_tx);
        let (requests, mut inbox) = mpsc::unbounded::<McRequest>();
        wasm_bindgen_futures::spawn_local(async move {
            let yielder = Yielder::new();
            let clock = PageClock::new();
            let mut merge: Option<(RowMerge, f64)> = None;
            loop {
                futures::select! {
                    request = inbox.next() => match request {
                        Some(McRequest::Run(job)) if to_workers.len() > 1 => {
                            merge = Some((RowMerge::new(&job), clock.now_ms()));
                            let parts = part_requests(&job, to_workers.len());
                            // A worker without a share still drops its previous job.
                            let mut parts = parts.into_iter();
                            for worker in &to_workers {
                                let request = parts.next().unwrap_or(McRequest::Cancel);
                                let _ = worker.unbounded_send(request);
                            }
                        }
                        Some(McRequest::GoalSeek(job)) => {
                            let _ = to_workers[0].unbounded_send(McRequest::GoalSeek(job));
                        }
                        Some(other) => {
                            merge = None;
                            for worker in &to_workers {
                                let _ = worker.unbounded_send(other.clone());
                            }
                        }
                        None => return,
                    },
                    update = updates.next() => match update {
                        Some(McUpdate::Rows { run_id, rows }) => {
                            let Some((m, started)) = merge.as_mut().filter(|(m, _)| m.run_id() == run_id) else {
                                continue;
                            };
                            match m.take(rows, clock.now_ms() - *started) {
                                Err(failed) => on_update(failed),
                                Ok(false) => {}
                                Ok(true) => {
                                    // Summarise column by column, handing the page back its
                                    // thread every few milliseconds (a 50,000-draw summary
                                    // takes tens of milliseconds in all).
                                    let mut bands = Vec::with_capacity(m.columns());
                                    let mut slice_start = clock.now_ms();
                                    for i in 0..m.columns() {
                                        bands.push(m.summary_step(i));
                                        if clock.now_ms() - slice_start > SUMMARY_SLICE_MS {
                                            yield_to_events(&yielder).await;
                                            slice_start = clock.now_ms();
                                        }
                                    }
                                    if let Some(u) = m.update(bands, clock.now_ms() - *started) {
                                        on_update(u);
                                    }
                                }
                            }
                        }
                        Some(update @ McUpdate::Failed { .. }) => {
                            // Every share of a bad job fails alike: report it once.
                            match merge.as_mut() {
                                Some((m, _)) => {
                                    if let Some(u) = m.failed(update) {
                                        on_update(u);
                                    }
                                }
                                None => on_update(update),
                            }
                        }
                        Some(u) => on_update(u),
                        None => return,
                    },
                }
            }
        });
        McClient { requests }
    }

    /// Starts a job (ending any running one).
    pub fn run(&self, job: McJob) {
        let _ = self.requests.unbounded_send(McRequest::Run(job));
    }

    /// Asks for a goal-seek (ending any running Monte Carlo job of this worker).
    pub fn goal_seek(&self, job: GoalSeekJob) {
        let _ = self.requests.unbounded_send(McRequest::GoalSeek(job));
    }

    /// Ends the running job.
    pub fn cancel(&self) {
        let _ = self.requests.unbounded_send(McRequest::Cancel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn worker_counts_leave_the_page_a_core_from_three_cores_on() {
        let counts: Vec<usize> = (0..=9).map(workers_for).collect();
        assert_eq!(counts, [1, 1, 2, 2, 3, 4, 4, 4, 4, 4]);
    }
}

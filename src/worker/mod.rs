//! The Monte Carlo web worker (wasm32 only): a gloo-worker reactor that runs a job's draws in
//! chunks, streams percentiles after each chunk, and drops a job as soon as a newer request
//! arrives; it also answers goal-seek jobs (at once: a few hundred milliseconds); plus
//! `McClient`, the page's handle on it.

use crate::model::montecarlo::Settings;
use crate::scenario::mc_messages::{
    run_goal_seek, summary_of, GoalSeekJob, McJob, McRequest, McUpdate, Message,
};
use crate::scenario::uncertainty::check_draws;
use crate::scenario::{Engine, InputError};
use futures::{FutureExt, SinkExt, StreamExt};
use gloo::worker::reactor::{reactor, ReactorScope};
use gloo::worker::Spawnable;
use wasm_bindgen::JsCast;

/// The worker's script, relative to the page (trunk's loader shim for the `worker` bin).
pub const WORKER_PATH: &str = "./worker_loader.js";

/// Milliseconds from the worker's clock (0 where there is none).
fn now_ms() -> f64 {
    js_sys::global()
        .dyn_into::<web_sys::WorkerGlobalScope>()
        .ok()
        .and_then(|g| g.performance())
        .map_or(0.0, |p| p.now())
}

fn failed(run_id: u64, e: InputError) -> McUpdate {
    McUpdate::Failed {
        run_id,
        message_zh: e.message("zh"),
        message_en: e.message("en"),
    }
}

/// The reactor: one job at a time; any new request (a new job or `Cancel`) ends the current one.
#[reactor]
pub async fn McReactor(mut scope: ReactorScope<McRequest, McUpdate>) {
    let embedded = Engine::licheng();
    let mut pending: Option<McRequest> = None;
    loop {
        let request = match pending.take() {
            Some(r) => r,
            None => match scope.next().await {
                Some(r) => r,
                None => return,
            },
        };
        let job = match request {
            McRequest::Cancel => continue,
            McRequest::GoalSeek(job) => {
                let started = now_ms();
                let outcome = run_goal_seek(&embedded, &job).map_err(Message::from);
                let update = McUpdate::GoalSeek {
                    run_id: job.scenario.run_id,
                    outcome,
                    elapsed_ms: now_ms() - started,
                };
                if scope.send(update).await.is_err() {
                    return;
                }
                continue;
            }
            McRequest::Run(job) => job,
        };
        let started = now_ms();
        let prepared = (|| -> Result<_, InputError> {
            check_draws(job.draws)?;
            let engine = job.engine(&embedded)?;
            let mc = engine.monte_carlo(&job.levers()?, Settings::new(job.seed, job.spread)?)?;
            Ok(mc)
        })();
        let mc = match prepared {
            Ok(mc) => mc,
            Err(e) => {
                if scope.send(failed(job.run_id, e)).await.is_err() {
                    return;
                }
                continue;
            }
        };
        // Partial results at geometric milestones (chunk, 4·chunk, 16·chunk, …): each summary
        // sorts every draw so far, so summarising after every chunk would cost more than the
        // draws. Between milestones the worker still looks for a newer request every
        // `YIELD_EVERY` draws, so a stale job stops within a few milliseconds.
        const YIELD_EVERY: u64 = 1000;
        let chunk = job.chunk.clamp(1, job.draws);
        let mut next_summary = chunk;
        let mut draws = Vec::with_capacity(job.draws as usize);
        let mut next = 0;
        while next < job.draws {
            let end = next_summary.min(next + YIELD_EVERY).min(job.draws);
            draws.extend(mc.draws(next..end));
            next = end;
            if next == next_summary || next == job.draws {
                next_summary = next_summary.saturating_mul(4);
                let summary = summary_of(&draws, mc.target_count());
                let elapsed_ms = now_ms() - started;
                let update = if next == job.draws {
                    McUpdate::Done {
                        run_id: job.run_id,
                        summary,
                        elapsed_ms,
                    }
                } else {
                    McUpdate::Progress {
                        run_id: job.run_id,
                        total: job.draws,
                        summary,
                        elapsed_ms,
                    }
                };
                if scope.send(update).await.is_err() {
                    return;
                }
            }
            if next < job.draws {
                // Let a newer request in: it ends this job.
                futures::select! {
                    request = scope.next() => match request {
                        Some(r) => { pending = Some(r); break; }
                        None => return,
                    },
                    _ = gloo::timers::future::TimeoutFuture::new(0).fuse() => {}
                }
            }
        }
    }
}

/// The page's handle on the worker.
///
/// A gloo reactor runs one reactor instance per bridge (handler id): a forked bridge would talk
/// to a second, idle instance. So a single task owns the one bridge, forwarding the client's
/// requests to it and its updates to `on_update`.
pub struct McClient {
    requests: futures::channel::mpsc::UnboundedSender<McRequest>,
}

impl McClient {
    /// Starts the worker; `on_update` receives every update (the caller drops stale run ids).
    pub fn spawn(on_update: impl Fn(McUpdate) + 'static) -> McClient {
        // WORKER_PATH is trunk's loader shim itself, a classic script (`importScripts`): without
        // `with_loader` gloo wraps it in a blob: URL, which the page's CSP (`worker-src 'self'`)
        // refuses, and gloo's default module worker cannot run `importScripts`.
        let mut bridge = McReactor::spawner()
            .with_loader(true)
            .as_module(false)
            .spawn(WORKER_PATH);
        let (requests, mut inbox) = futures::channel::mpsc::unbounded::<McRequest>();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                futures::select! {
                    request = inbox.next() => match request {
                        Some(r) => bridge.send_input(r),
                        // The client is gone: dropping the bridge ends the worker.
                        None => return,
                    },
                    update = bridge.next() => match update {
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

//! The Monte Carlo web worker (wasm32 only): a gloo-worker reactor that runs a job's draws in
//! chunks, streams percentiles after each chunk, and drops a job as soon as a newer request
//! arrives; plus `McClient`, the page's handle on it.

use crate::model::montecarlo::Settings;
use crate::scenario::mc_messages::{summary_of, McJob, McRequest, McUpdate};
use crate::scenario::uncertainty::check_draws;
use crate::scenario::{Engine, InputError};
use futures::{FutureExt, SinkExt, StreamExt};
use gloo::worker::reactor::{reactor, ReactorBridge, ReactorScope};
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
        let chunk = job.chunk.clamp(1, job.draws);
        let mut draws = Vec::with_capacity(job.draws as usize);
        let mut next = 0;
        while next < job.draws {
            let end = (next + chunk).min(job.draws);
            draws.extend(mc.draws(next..end));
            next = end;
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
pub struct McClient {
    bridge: ReactorBridge<McReactor>,
}

impl McClient {
    /// Starts the worker; `on_update` receives every update (the caller drops stale run ids).
    pub fn spawn(on_update: impl Fn(McUpdate) + 'static) -> McClient {
        let bridge = McReactor::spawner().spawn(WORKER_PATH);
        let mut updates = bridge.fork();
        wasm_bindgen_futures::spawn_local(async move {
            while let Some(update) = updates.next().await {
                on_update(update);
            }
        });
        McClient { bridge }
    }

    /// Starts a job (ending any running one).
    pub fn run(&self, job: McJob) {
        self.bridge.send_input(McRequest::Run(job));
    }

    /// Ends the running job.
    pub fn cancel(&self) {
        self.bridge.send_input(McRequest::Cancel);
    }
}

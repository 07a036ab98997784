//! The Monte Carlo web worker (wasm32 only): a gloo-worker reactor that runs one job at a time
//! through `scenario::mc_run` (a slice of draws, the update due, a look for a newer request,
//! which ends the job), and answers goal-seek jobs; plus `McClient`, the page's handle on it.

use crate::model::montecarlo::MonteCarlo;
use crate::scenario::mc_messages::{run_goal_seek, McRequest, McUpdate, Message};
use crate::scenario::mc_run::{prepare, JobRun};
use crate::scenario::{Engine, InputError};
use futures::channel::{mpsc, oneshot};
use futures::{FutureExt, SinkExt, StreamExt};
use gloo::worker::reactor::{reactor, ReactorScope};
use gloo::worker::Spawnable;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The worker's script, relative to the page (www/worker_loader.js, which loads the `worker`
/// bin's `worker.js` and `worker_bg.wasm`).
pub const WORKER_PATH: &str = "./worker_loader.js";

/// `WORKER_PATH` with this build's version (`?v=` and the page's hashed Wasm file name, from
/// the `<script data-wasm>` tag trunk writes), which the loader passes on to the two files it
/// loads. The worker's three files have fixed names: without it, a browser holding copies from
/// an earlier deployment could start an old worker that cannot read this page's jobs.
pub fn worker_url() -> String {
    versioned_url(WORKER_PATH)
}

/// A worker script's `path` with this build's version, as [`worker_url`] adds it.
pub fn versioned_url(path: &str) -> String {
    let version = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("script[data-wasm]").ok().flatten())
        .and_then(|script| script.get_attribute("data-wasm"))
        .and_then(|wasm| wasm.rsplit('/').next().map(str::to_owned))
        .filter(|name| !name.is_empty());
    match version {
        Some(name) => format!(
            "{path}?v={}",
            String::from(js_sys::encode_uri_component(&name))
        ),
        None => path.to_owned(),
    }
}

/// A worker looks for a newer request once this many milliseconds have passed since it last
/// did, so a stale job stops within about this long. Each look costs about half a millisecond
/// (a round through the event loop): looking every 1,000 draws cost 5 ms of a 10,000-draw run.
const YIELD_INTERVAL_MS: f64 = 12.0;

/// How long a held worker sleeps between its looks at its messages.
const HOLD_POLL_MS: u32 = 5;

/// Milliseconds from this worker's clock (0 where there is none).
fn worker_now_ms() -> f64 {
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

/// Test switch, read by end-to-end tests only: while this worker's global `lichengHold` is true,
/// a job draws no further slice; it only answers requests (a newer job or `Cancel` ends it). A
/// test sets it to make a run still in progress, and clears it to let the run end, instead of
/// racing the machine's speed.
fn held_by_test() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("lichengHold"))
        .is_ok_and(|v| v.is_truthy())
}

/// Sets this worker's global `name` (a state the end-to-end tests read: `lichengBusy` is true
/// from a request's arrival until the worker waits for the next one).
fn set_test_flag(name: &str, value: bool) {
    let _ = js_sys::Reflect::set(
        &js_sys::global(),
        &JsValue::from_str(name),
        &JsValue::from_bool(value),
    );
}

/// Sets this worker's global `name` to a number (`lichengDrawn`: the draws this worker has made
/// of its current job, which the end-to-end tests read).
fn set_test_number(name: &str, value: f64) {
    let _ = js_sys::Reflect::set(
        &js_sys::global(),
        &JsValue::from_str(name),
        &JsValue::from_f64(value),
    );
}

/// The reactor: one job at a time; any new request (a new job or `Cancel`) ends the current one.
#[reactor]
pub async fn McReactor(mut scope: ReactorScope<McRequest, McUpdate>) {
    let embedded = Engine::licheng();
    let yielder = Yielder::new();
    let mut pending: Option<McRequest> = None;
    // The last job's prepared run, which the next one reuses where it can.
    let mut last_run: Option<MonteCarlo> = None;
    loop {
        let request = match pending.take() {
            Some(r) => r,
            None => {
                set_test_flag("lichengBusy", false);
                match scope.next().await {
                    Some(r) => r,
                    None => return,
                }
            }
        };
        set_test_flag("lichengBusy", true);
        let started = worker_now_ms();
        let job = match request {
            McRequest::Cancel => continue,
            McRequest::GoalSeek(job) => {
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
            McRequest::Run(job) => job,
        };
        let mc = match prepare(&embedded, last_run.as_ref(), &job) {
            Ok(mc) => last_run.insert(mc),
            Err(e) => {
                if scope.send(failed(job.run_id, e)).await.is_err() {
                    return;
                }
                continue;
            }
        };
        let mut run = JobRun::new(mc, &job);
        let mut last_look_ms = worker_now_ms();
        'job: loop {
            run.draw_slice(mc);
            set_test_number("lichengDrawn", run.drawn() as f64);
            if let Some(update) = run.update(worker_now_ms() - started) {
                if scope.send(update).await.is_err() {
                    return;
                }
            }
            if run.finished() {
                break;
            }
            // Let a newer request in (it ends this job); held by a test, until the hold ends.
            while held_by_test() || worker_now_ms() - last_look_ms >= YIELD_INTERVAL_MS {
                let pause = async {
                    if held_by_test() {
                        gloo::timers::future::TimeoutFuture::new(HOLD_POLL_MS).await;
                    } else {
                        yield_to_events(&yielder).await;
                    }
                };
                futures::select! {
                    request = scope.next() => match request {
                        Some(r) => { pending = Some(r); break 'job; }
                        None => return,
                    },
                    _ = pause.fuse() => {}
                }
                last_look_ms = worker_now_ms();
                if !held_by_test() {
                    break;
                }
            }
        }
    }
}

/// The page's handle on the worker. A gloo reactor runs one instance per bridge, so one task
/// owns the bridge, passing requests in and updates out.
pub struct McClient {
    requests: mpsc::UnboundedSender<McRequest>,
}

impl McClient {
    /// Starts a worker; `on_update` receives every update (the caller drops stale run ids).
    pub fn spawn(on_update: impl Fn(McUpdate) + 'static) -> McClient {
        // The loader is a classic script (`importScripts`): without `with_loader` gloo wraps it
        // in a blob: URL, which the page's CSP (`worker-src 'self'`) refuses, and gloo's
        // default module worker cannot run `importScripts`.
        let mut bridge = McReactor::spawner()
            .with_loader(true)
            .as_module(false)
            .spawn(&worker_url());
        let (requests, mut inbox) = mpsc::unbounded::<McRequest>();
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
    pub fn run(&self, job: crate::scenario::mc_messages::McJob) {
        let _ = self.requests.unbounded_send(McRequest::Run(job));
    }

    /// Asks for a goal-seek (ending any running Monte Carlo job of this worker).
    pub fn goal_seek(&self, job: crate::scenario::mc_messages::GoalSeekJob) {
        let _ = self.requests.unbounded_send(McRequest::GoalSeek(job));
    }

    /// Ends the running job.
    pub fn cancel(&self) {
        let _ = self.requests.unbounded_send(McRequest::Cancel);
    }
}

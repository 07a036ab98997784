//! The hook that owns the Monte Carlo worker (`use_monte_carlo`): one worker per page, a job on
//! every change of the run id, throttled to one every `THROTTLE_MS` while a slider moves (always
//! the latest), a cancelled run ended in the worker too, and one timer per hold (`HOLD_MS`).

use super::mc_view::job_for;
use super::state::{Action, Workbench};
use crate::scenario::mc_messages::{McJob, McUpdate};
use crate::scenario::mc_state::{McAction, HOLD_MS, THROTTLE_MS};
use crate::worker::McClient;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use yew::prelude::*;

/// The page's clock in milliseconds (0 where there is none).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The jobs not yet sent: the latest one, and whether a timer will send it.
struct Throttle {
    last_sent: f64,
    pending: Option<McJob>,
    armed: bool,
}

/// The worker and the throttle in front of it.
struct Runner {
    client: McClient,
    throttle: RefCell<Throttle>,
    /// The run id and page time of the job last sent.
    sent: Rc<Cell<(u64, f64)>>,
}

impl Runner {
    fn spawn(dispatch: UseReducerDispatcher<Workbench>) -> Runner {
        let sent = Rc::new(Cell::new((0, 0.0)));
        let sent_at = sent.clone();
        let client = McClient::spawn(move |update| {
            let page_ms = match &update {
                McUpdate::Done { run_id, .. } => {
                    let (id, at) = sent_at.get();
                    (id == *run_id).then(|| now_ms() - at)
                }
                _ => None,
            };
            dispatch.dispatch(Action::Mc(McAction::Update { update, page_ms }));
        });
        Runner {
            client,
            throttle: RefCell::new(Throttle {
                last_sent: f64::NEG_INFINITY,
                pending: None,
                armed: false,
            }),
            sent,
        }
    }

    /// Sends `job` now, or as soon as the throttle allows (a later job replaces it).
    fn submit(self: &Rc<Self>, job: McJob) {
        let wait = {
            let mut t = self.throttle.borrow_mut();
            t.pending = Some(job);
            if t.armed {
                return;
            }
            t.last_sent + THROTTLE_MS - now_ms()
        };
        if wait <= 0.0 {
            self.flush();
            return;
        }
        self.throttle.borrow_mut().armed = true;
        let runner: Weak<Runner> = Rc::downgrade(self);
        wasm_bindgen_futures::spawn_local(async move {
            gloo::timers::future::TimeoutFuture::new(wait.ceil() as u32).await;
            if let Some(runner) = runner.upgrade() {
                let armed = std::mem::replace(&mut runner.throttle.borrow_mut().armed, false);
                if armed {
                    runner.flush();
                }
            }
        });
    }

    /// Sends the pending job, if any.
    fn flush(&self) {
        let job = {
            let mut t = self.throttle.borrow_mut();
            let job = t.pending.take();
            if job.is_some() {
                t.last_sent = now_ms();
            }
            job
        };
        if let Some(job) = job {
            self.sent.set((job.run_id, now_ms()));
            self.client.run(job);
        }
    }

    /// Drops any pending job and ends the running one.
    fn cancel(&self) {
        {
            let mut t = self.throttle.borrow_mut();
            t.pending = None;
            t.armed = false;
        }
        self.client.cancel();
    }
}

/// Owns the Monte Carlo worker (created once per page) and sends it the current scenario
/// whenever the run id changes; a cancelled run is ended in the worker too.
#[hook]
pub fn use_monte_carlo(state: &UseReducerHandle<Workbench>) {
    let dispatch = state.dispatcher();
    let runner = use_memo((), move |_| Rc::new(Runner::spawn(dispatch)));
    let job = state.mc.running().then(|| job_for(state));
    use_effect_with(state.mc.run_id, move |_| match job {
        Some(job) => runner.submit(job),
        None => runner.cancel(),
    });
    // One timer per hold (changes batched into one render, or in quick succession, share it).
    let end_hold = state.dispatcher();
    use_effect_with(state.mc.hold(), move |hold| {
        if let Some(run_id) = *hold {
            wasm_bindgen_futures::spawn_local(async move {
                gloo::timers::future::TimeoutFuture::new(HOLD_MS).await;
                end_hold.dispatch(Action::Mc(McAction::HoldOver { run_id }));
            });
        }
    });
}

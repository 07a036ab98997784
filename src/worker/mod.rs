//! The Monte Carlo web workers (wasm32 only): a gloo-worker reactor that runs a job's draws in
//! chunks, streams percentiles at geometric milestones, and drops a job as soon as a newer
//! request arrives; it also answers goal-seek jobs. A job split among workers by draw ranges is
//! summarised by the workers too: while drawing they exchange rows over `MessagePort`s (one
//! between every two workers, which the page hands out when it starts them) so that each has
//! every draw of the columns it owns, and each returns those columns' percentiles. Plus
//! `McClient`, the page's handle on the workers, which splits jobs and merges the workers'
//! bands.

use crate::model::montecarlo::{DrawTable, MonteCarlo, Settings};
use crate::scenario::mc_messages::{
    part_requests, progress_due, run_goal_seek, summary_of, BandMerge, GoalSeekJob, McJob,
    McRequest, McUpdate, Message, PeerMessage, ShareColumns, ShareTiming,
};
use crate::scenario::share_work::{draw_speed, handover_size, ShareWork, ASK_AHEAD_MS};
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

/// Most workers one page starts for its Monte Carlo (one per core up to this).
pub const MAX_WORKERS: usize = 4;

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

/// Milliseconds since the epoch by this worker's clock (`timeOrigin` + `now()`), which the
/// workers of one page read alike; 0 where there is none.
fn epoch_ms() -> f64 {
    js_sys::global()
        .dyn_into::<web_sys::WorkerGlobalScope>()
        .ok()
        .and_then(|g| g.performance())
        .map_or(0.0, |p| p.time_origin() + p.now())
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

/// Why a share cannot run: its worker has no ports to the others (say, a stale copy of the
/// loader script). The page then runs its jobs whole on one worker (`McClient`).
fn unconnected() -> InputError {
    InputError::new(
        "draws",
        "此工作线程与其他工作线程之间没有连接",
        "this worker has no connection to the other workers",
    )
}

/// Whether `update` is a share's failure for want of ports (`unconnected`).
fn is_unconnected(update: &McUpdate) -> bool {
    matches!(update, McUpdate::Failed { message_en, .. } if *message_en == unconnected().message("en"))
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

/// Yields twice: a message another worker posted while this one was drawing is often delivered
/// only after this worker's first message to itself. With one yield, a worker held up for 400 ms
/// read the other's request for draws one yield (12 ms) late in 3 of 3 runs; with two, at once
/// in 3 of 3.
async fn yield_for_messages(yielder: &Option<Yielder>) {
    yield_to_events(yielder).await;
    yield_to_events(yielder).await;
}

/// Test switch, read by end-to-end tests only: while this worker's global `lichengHold` is true,
/// a job draws no further slice; it only answers requests (a newer job or `Cancel` ends it) and
/// the other workers (it may hand them draws). A test sets it to make a held-up worker or a run
/// still in progress, and clears it to let the run end, instead of racing the machine's speed.
fn held_by_test() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("lichengHold"))
        .is_ok_and(|v| v.is_truthy())
}

/// Adds `draws` to this worker's global `lichengHandedOver` (the draws it has handed to other
/// workers, which the tests read).
fn count_handed_over(draws: u64) {
    let global = js_sys::global();
    let key = JsValue::from_str("lichengHandedOver");
    let before = js_sys::Reflect::get(&global, &key)
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let _ = js_sys::Reflect::set(&global, &key, &JsValue::from_f64(before + draws as f64));
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

/// How long a held worker sleeps between its looks at its messages.
const HOLD_POLL_MS: u32 = 5;

/// The reactor: one job at a time; any new request (a new job or `Cancel`) ends the current one.
#[reactor]
pub async fn McReactor(mut scope: ReactorScope<McRequest, McUpdate>) {
    let embedded = Engine::licheng();
    let yielder = Yielder::new();
    let mut pending: Option<McRequest> = None;
    // The last job's prepared run: the next one reuses what its change left alone (a new seed
    // or number of draws rebuilds nothing).
    let mut last_run: Option<MonteCarlo> = None;
    let mut exchange: Option<Exchange> = None;
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
        // The draws to make, and for a share its place among the shares (it returns rows and,
        // at the end, its columns' bands) or none for a whole job (it returns summaries).
        let (job, from, to, share) = match request {
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
                (job, 0, draws, None)
            }
            McRequest::RunPart {
                job,
                from,
                to,
                part,
                parts,
            } => (job, from, to, Some((part, parts))),
        };
        // A share exchanges columns over the ports the page gave this worker at its start.
        if share.is_some() {
            if exchange.is_none() {
                exchange = Exchange::from_loader();
            }
            if exchange.is_none() {
                if scope.send(failed(job.run_id, unconnected())).await.is_err() {
                    return;
                }
                continue;
            }
        }
        let started = worker_now_ms();
        let prepared = (|| -> Result<_, InputError> {
            check_draws(job.draws)?;
            let bad_share = share.as_ref().is_some_and(|(part, parts)| {
                part >= parts || *parts as usize > MAX_WORKERS.max(job.draws as usize)
            });
            if !(from < to && to <= job.draws) || bad_share {
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
        // chunk would cost more than the draws. A share keeps all its draws for the end.
        let count = to - from;
        let chunk = job.chunk.clamp(1, count);
        let mut next_milestone = chunk;
        let mut table = DrawTable::new(mc.target_count(), count as usize);
        // The draws still to make: this request's, then any another share hands over.
        let mut work = ShareWork::new(from..to);
        // A share's side of the column exchange, and the ports it goes over.
        let mut exchanged = match (&share, &exchange) {
            (Some((part, parts)), Some(channel)) => Some((
                ShareColumns::for_job(
                    &job,
                    *part as usize,
                    *parts as usize,
                    DrawTable::columns_for(mc.target_count()),
                ),
                channel,
            )),
            _ => None,
        };
        let mut done = 0;
        let mut last_update_ms = 0.0;
        let mut last_yield_ms = worker_now_ms();
        // Where this share's time goes (a diagnostic sent with its last bands).
        let mut timing = ShareTiming {
            prepare_ms: last_yield_ms - started,
            ..ShareTiming::default()
        };
        // Adds the time since `*mark` to `part`, and moves the mark.
        let lap = |part: &mut f64, mark: &mut f64| {
            let now = worker_now_ms();
            *part += now - *mark;
            *mark = now;
        };
        let mut mark = last_yield_ms;
        let mut milestone_waiting = false;
        // Whether this share has asked the others for draws since it was last handed some, and
        // whether it has asked since it ran out: a request made while it was still drawing may
        // have found no share able to give (one whose speed was not known yet, or too little
        // left then to be worth it), so a share that runs out asks once more.
        let mut asked = false;
        let mut asked_when_out = false;
        // The job's end: the update to send last, or `None` (a newer request came, or a failure
        // was sent already).
        let last: Option<McUpdate> = 'job: loop {
            let slice = work.take(next_milestone.saturating_sub(done).min(DRAWS_PER_SLICE));
            if let Some(slice) = slice {
                let drawn = slice.end - slice.start;
                mc.draws_into(slice, &mut table);
                lap(&mut timing.draw_ms, &mut mark);
                done += drawn;
                set_test_number("lichengDrawn", done as f64);
                let left = work.remaining();
                let milestone = done == next_milestone || left == 0;
                if milestone {
                    next_milestone = next_milestone.saturating_mul(4);
                }
                milestone_waiting |= milestone;
                let elapsed_ms = worker_now_ms() - started;
                // Partial results at milestones once due (a milestone passed too early is
                // summarised at the first slice after that); a share's end comes after the
                // exchange, below.
                let partial_due = left > 0
                    && milestone_waiting
                    && progress_due(false, elapsed_ms, last_update_ms);
                let update = match exchanged.as_mut() {
                    Some((columns, channel)) if partial_due => {
                        // The other shares' latest rows of this share's columns first.
                        let per_ms = draw_speed(done, timing.draw_ms);
                        let exchanged = channel.exchange(columns, &table).and_then(|messages| {
                            answer_peers(messages, columns, &mut work, &mut asked, per_ms, channel)
                        });
                        lap(&mut timing.exchange_ms, &mut mark);
                        match exchanged {
                            Ok(()) => Some(columns.partial_bands(&table)),
                            Err(e) => Some(failed(job.run_id, e)),
                        }
                    }
                    Some(_) => None,
                    None if left == 0 => {
                        break Some(McUpdate::Done {
                            run_id: job.run_id,
                            summary: summary_of(&mut table),
                            elapsed_ms,
                            shares: Vec::new(),
                        })
                    }
                    None if partial_due => Some(McUpdate::Progress {
                        run_id: job.run_id,
                        total: count,
                        summary: summary_of(&mut table),
                        elapsed_ms,
                    }),
                    None => None,
                };
                if let Some(update) = update {
                    last_update_ms = elapsed_ms;
                    milestone_waiting = false;
                    let failed = matches!(update, McUpdate::Failed { .. });
                    if scope.send(update).await.is_err() {
                        return;
                    }
                    if failed {
                        break None;
                    }
                }
                // Partial results and their sending count as summarising.
                lap(&mut timing.summary_ms, &mut mark);
                if work.remaining() > 0
                    && (held_by_test() || worker_now_ms() - last_yield_ms >= YIELD_INTERVAL_MS)
                {
                    // Held by a test, this repeats until the hold is lifted.
                    loop {
                        // Let a newer request in (it ends this job), and the other shares' messages,
                        // which arrive only while this worker's event loop runs.
                        if held_by_test() {
                            futures::select! {
                                request = scope.next() => match request {
                                    Some(r) => { pending = Some(r); break 'job None; }
                                    None => return,
                                },
                                _ = gloo::timers::future::TimeoutFuture::new(HOLD_POLL_MS).fuse() => {}
                            }
                        } else {
                            futures::select! {
                                request = scope.next() => match request {
                                    Some(r) => { pending = Some(r); break 'job None; }
                                    None => return,
                                },
                                _ = yield_for_messages(&yielder).fuse() => {}
                            }
                        }
                        last_yield_ms = worker_now_ms();
                        lap(&mut timing.yield_ms, &mut mark);
                        // Send the rows drawn since the last yield to the shares owning their
                        // columns, and take theirs, so that little is left to exchange at the end;
                        // answer the other shares at once, and ask them for draws when this share's
                        // are about to run out.
                        if let Some((columns, channel)) = exchanged.as_mut() {
                            let per_ms = draw_speed(done, timing.draw_ms);
                            let exchanged =
                                channel.exchange(columns, &table).and_then(|messages| {
                                    answer_peers(
                                        messages, columns, &mut work, &mut asked, per_ms, channel,
                                    )
                                });
                            match exchanged {
                                Ok(()) => {
                                    // Only at a known speed (a coarse clock may read no time yet).
                                    if let Some(per_ms) = per_ms {
                                        let left_ms = work.remaining() as f64 / per_ms;
                                        if !asked
                                            && columns.owns_columns()
                                            && left_ms < ASK_AHEAD_MS
                                        {
                                            channel.want_draws(columns, left_ms, per_ms);
                                            asked = true;
                                        }
                                    }
                                }
                                Err(e) => {
                                    if scope.send(failed(job.run_id, e)).await.is_err() {
                                        return;
                                    }
                                    break 'job None;
                                }
                            }
                            lap(&mut timing.exchange_ms, &mut mark);
                        }
                        if work.remaining() == 0 || !held_by_test() {
                            break;
                        }
                    }
                }
                continue;
            }
            // This share has made every draw it has: send the last rows, take the others',
            // draw what another share hands over, and once every draw of this share's columns
            // is in, summarise them.
            let Some((columns, channel)) = exchanged.as_mut() else {
                break None;
            };
            let per_ms = draw_speed(done, timing.draw_ms);
            let exchanged = channel.exchange(columns, &table).and_then(|messages| {
                answer_peers(messages, columns, &mut work, &mut asked, per_ms, channel)
            });
            lap(&mut timing.exchange_ms, &mut mark);
            if let Err(e) = exchanged {
                break Some(failed(job.run_id, e));
            }
            if !asked {
                // Handed draws since it last asked: it may ask again when it runs out.
                asked_when_out = false;
            }
            if work.remaining() > 0 {
                continue;
            }
            let complete = match columns.complete(table.len()) {
                Ok(complete) => complete,
                Err(e) => break Some(failed(job.run_id, e)),
            };
            if complete {
                // The final percentiles, timed around the call that reports them.
                let before = worker_now_ms();
                timing.draws = done;
                let mut update = columns.bands(&table, timing);
                if let McUpdate::Bands {
                    timing: Some(t), ..
                } = &mut update
                {
                    t.summary_ms += worker_now_ms() - before;
                }
                break Some(update);
            }
            if let Some(per_ms) = per_ms.filter(|_| !asked_when_out && columns.owns_columns()) {
                channel.want_draws(columns, 0.0, per_ms);
                asked = true;
                asked_when_out = true;
            }
            futures::select! {
                request = scope.next() => match request {
                    Some(r) => { pending = Some(r); break None; }
                    None => return,
                },
                _ = channel.arrival().fuse() => {}
            }
            lap(&mut timing.wait_ms, &mut mark);
        };
        if let Some(update) = last {
            if scope.send(update).await.is_err() {
                return;
            }
        }
    }
}

/// Acts on the other shares' messages about draws (`exchange` keeps them apart from rows): draws
/// handed to this share join its work, and it may ask again; a share about to run out of draws
/// is handed some of this share's when that makes both end sooner (`handover_size`, this share
/// drawing `per_ms` draws a millisecond; none while its speed is not known). A handover that
/// does not fit the job fails it.
fn answer_peers(
    messages: Vec<PeerMessage>,
    columns: &ShareColumns,
    work: &mut ShareWork,
    asked: &mut bool,
    per_ms: Option<f64>,
    channel: &Exchange,
) -> Result<(), InputError> {
    let me = columns.part();
    for message in messages {
        match message {
            PeerMessage::HandOver {
                from_part,
                to_part,
                draws,
                ..
            } if to_part == me => {
                columns.check_handover(from_part, &draws)?;
                work.add(draws);
                *asked = false;
            }
            PeerMessage::WantDraws {
                run_id,
                part,
                left_ms,
                per_ms: asker_per_ms,
                at_ms,
            } if part != me => {
                let asker_left_ms = left_ms - (epoch_ms() - at_ms);
                // Every other share may answer the same request: each gives its part.
                let give = handover_size(
                    work.remaining(),
                    per_ms.unwrap_or(0.0),
                    asker_left_ms,
                    asker_per_ms,
                ) / columns.parts().saturating_sub(1).max(1) as u64;
                if let Some(draws) = work.give(give) {
                    count_handed_over(draws.end - draws.start);
                    channel.post(&PeerMessage::HandOver {
                        run_id,
                        from_part: me,
                        to_part: part,
                        draws,
                    });
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The ports over which this worker exchanges columns with the page's other Monte Carlo
/// workers during a shared job (`ShareColumns`), one per other worker (`connect_workers` on the
/// page makes them; the worker's loader script keeps them). A block goes to the worker owning its
/// columns only, its buffer transferred rather than copied. What arrives waits in `inbox` until
/// this worker takes it for its job (a faster worker's columns may come before this worker has
/// started that job), and older jobs' are dropped then. A port keeps what is sent before it is
/// read and in order, so nothing is missed; `ShareColumns` still checks, and a worker that sees
/// a block come ahead of a missing one asks the others to send that job's blocks again.
struct Exchange {
    /// Per other worker: its part (its place among the page's workers) and the port to it.
    peers: Vec<(usize, web_sys::MessagePort)>,
    inbox: Rc<RefCell<Vec<Vec<f64>>>>,
    /// The job and blocks of this worker's last share, kept to send again.
    sent: Rc<RefCell<(u64, Vec<Vec<f64>>)>>,
    waiting: Rc<RefCell<Option<oneshot::Sender<()>>>>,
    _on_message: Rc<Closure<dyn FnMut(web_sys::MessageEvent)>>,
}

/// Posts a block of numbers to the worker it is for (`PeerMessage::recipient`; every other
/// worker if none), transferring a copy's buffer.
fn post_block(peers: &[(usize, web_sys::MessagePort)], packed: &[f64]) {
    let to = PeerMessage::recipient(packed);
    for (part, port) in peers {
        if to.is_none_or(|to| to == *part) {
            let values = js_sys::Float64Array::from(packed);
            let transfer = js_sys::Array::of1(&values.buffer());
            let _ = port.post_message_with_transferable(&values, &transfer);
        }
    }
}

impl Exchange {
    /// The exchange over the ports the loader script kept (`self.lichengPeers`); `None` where
    /// there are none (a worker started without them).
    fn from_loader() -> Option<Exchange> {
        let kept = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("lichengPeers"))
            .ok()?
            .dyn_into::<js_sys::Array>()
            .ok()?;
        let peers: Vec<(usize, web_sys::MessagePort)> = kept
            .iter()
            .filter_map(|entry| {
                let peer = js_sys::Reflect::get(&entry, &JsValue::from_str("peer"))
                    .ok()?
                    .as_f64()?;
                let port = js_sys::Reflect::get(&entry, &JsValue::from_str("port"))
                    .ok()?
                    .dyn_into::<web_sys::MessagePort>()
                    .ok()?;
                Some((peer as usize, port))
            })
            .collect();
        (!peers.is_empty()).then(|| Exchange::connect(peers))
    }

    /// The exchange over `peers`: listens on each port.
    fn connect(peers: Vec<(usize, web_sys::MessagePort)>) -> Exchange {
        let inbox: Rc<RefCell<Vec<Vec<f64>>>> = Rc::default();
        let sent: Rc<RefCell<(u64, Vec<Vec<f64>>)>> = Rc::default();
        let waiting: Rc<RefCell<Option<oneshot::Sender<()>>>> = Rc::default();
        let (into, again, wake) = (inbox.clone(), sent.clone(), waiting.clone());
        let replies: Vec<(usize, web_sys::MessagePort)> = peers.clone();
        let on_message = Rc::new(Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let Ok(values) = event.data().dyn_into::<js_sys::Float64Array>() else {
                    return;
                };
                let values = values.to_vec();
                if let Some(run_id) = PeerMessage::resend_of(&values) {
                    let sent = again.borrow();
                    if sent.0 == run_id {
                        for block in &sent.1 {
                            post_block(&replies, block);
                        }
                    }
                    return;
                }
                into.borrow_mut().push(values);
                if let Some(tx) = wake.borrow_mut().take() {
                    let _ = tx.send(());
                }
            },
        ));
        for (_, port) in &peers {
            // Setting `onmessage` starts the port: what was sent before is delivered now.
            port.set_onmessage(Some(on_message.as_ref().as_ref().unchecked_ref()));
        }
        Exchange {
            peers,
            inbox,
            sent,
            waiting,
            _on_message: on_message,
        }
    }

    /// Sends `blocks` of job `run_id` to the workers they are for, keeping them to send again.
    fn send(&self, run_id: u64, blocks: Vec<Vec<f64>>) {
        for block in &blocks {
            post_block(&self.peers, block);
        }
        let mut sent = self.sent.borrow_mut();
        if sent.0 != run_id {
            *sent = (run_id, Vec::new());
        }
        sent.1.extend(blocks);
    }

    /// Posts a message that is not kept to send again (only rows are).
    fn post(&self, message: &PeerMessage) {
        post_block(&self.peers, &message.encode());
    }

    /// Tells the other shares of `columns`' job that this one will run out of draws in
    /// `left_ms`, drawing `per_ms` a millisecond.
    fn want_draws(&self, columns: &ShareColumns, left_ms: f64, per_ms: f64) {
        self.post(&PeerMessage::WantDraws {
            run_id: columns.run_id(),
            part: columns.part(),
            left_ms,
            per_ms,
            at_ms: epoch_ms(),
        });
    }

    /// One round of a share's exchange: sends the rows of `table` not sent yet, takes the rows
    /// received, and asks for a resend if one came ahead of a missing one. Returns the other
    /// messages of the job received (`answer_peers` acts on them).
    fn exchange(
        &self,
        columns: &mut ShareColumns,
        table: &DrawTable,
    ) -> Result<Vec<PeerMessage>, InputError> {
        let run_id = columns.run_id();
        let blocks = columns
            .outgoing(table)
            .into_iter()
            .map(|rows| PeerMessage::Rows(rows).encode())
            .collect();
        self.send(run_id, blocks);
        let mut others = Vec::new();
        for packed in self.take_for(run_id) {
            match PeerMessage::decode(packed)? {
                PeerMessage::Rows(rows) => {
                    columns.receive(rows)?;
                }
                other => others.push(other),
            }
        }
        if columns.wants_resend() {
            self.post(&PeerMessage::Resend {
                run_id,
                part: columns.part(),
            });
        }
        Ok(others)
    }

    /// The blocks of job `run_id` received so far; those of older jobs are dropped, newer
    /// ones kept.
    fn take_for(&self, run_id: u64) -> Vec<Vec<f64>> {
        let run = run_id as f64;
        let mut inbox = self.inbox.borrow_mut();
        inbox.retain(|p| p.first().is_some_and(|&r| r >= run));
        let (mine, later): (Vec<_>, Vec<_>) =
            inbox.drain(..).partition(|p| p.first() == Some(&run));
        *inbox = later;
        mine
    }

    /// Resolves when the next block arrives.
    async fn arrival(&self) {
        let (tx, rx) = oneshot::channel();
        *self.waiting.borrow_mut() = Some(tx);
        let _ = rx.await;
    }
}

impl Drop for Exchange {
    fn drop(&mut self) {
        for (_, port) in &self.peers {
            port.set_onmessage(None);
            port.close();
        }
    }
}

/// Runs `spawn`, which creates one `Worker` (gloo's spawner), and returns what it returns with
/// that `Worker`: gloo's bridge does not give it, and the page needs it to hand the worker its
/// ports (`connect_workers`). The global `Worker` constructor is replaced by a recording proxy
/// for the duration of the call only. `None` if no worker was recorded.
fn capture_new_worker<T>(spawn: impl FnOnce() -> T) -> (T, Option<web_sys::Worker>) {
    let global = js_sys::global();
    let key = JsValue::from_str("Worker");
    let Ok(native) =
        js_sys::Reflect::get(&global, &key).and_then(|w| w.dyn_into::<js_sys::Object>())
    else {
        return (spawn(), None);
    };
    let made: Rc<RefCell<Option<JsValue>>> = Rc::default();
    let record = made.clone();
    let construct =
        Closure::<dyn FnMut(js_sys::Function, js_sys::Array) -> Result<JsValue, JsValue>>::new(
            move |target: js_sys::Function, args: js_sys::Array| {
                let worker = js_sys::Reflect::construct(&target, &args)?;
                *record.borrow_mut() = Some(worker.clone());
                Ok(worker)
            },
        );
    let handler = js_sys::Object::new();
    // `Reflect.set` answers false (not an error) where `Worker` cannot be replaced.
    let recording = js_sys::Reflect::set(
        &handler,
        &JsValue::from_str("construct"),
        construct.as_ref(),
    )
    .and_then(|_| js_sys::Reflect::set(&global, &key, &js_sys::Proxy::new(&native, &handler)))
    .unwrap_or(false);
    let out = spawn();
    if recording {
        let _ = js_sys::Reflect::set(&global, &key, &native);
    }
    let worker = made
        .take()
        .and_then(|w| w.dyn_into::<web_sys::Worker>().ok());
    (out, worker)
}

/// Connects every two of `workers` with a `MessageChannel`: each gets a port to each other one,
/// in a message `{lichengPeer: part}` (the other's place in `workers`) that the worker's loader
/// script keeps (www/worker_loader.js).
fn connect_workers(workers: &[web_sys::Worker]) -> Result<(), JsValue> {
    let give = |worker: &web_sys::Worker, peer: usize, port: web_sys::MessagePort| {
        let message = js_sys::Object::new();
        js_sys::Reflect::set(
            &message,
            &JsValue::from_str("lichengPeer"),
            &JsValue::from(peer as u32),
        )?;
        worker.post_message_with_transfer(&message, &js_sys::Array::of1(&port))
    };
    for (i, a) in workers.iter().enumerate() {
        for (j, b) in workers.iter().enumerate().skip(i + 1) {
            let channel = web_sys::MessageChannel::new()?;
            give(a, j, channel.port1())?;
            give(b, i, channel.port2())?;
        }
    }
    Ok(())
}

/// How many workers to start for the Monte Carlo: one per logical core the browser reports
/// but one (left to the page, which renders), yet two on two cores, and at most `MAX_WORKERS`.
/// On two cores the page is idle most of a run, so a second worker pays, if little: measured
/// on the 2-core VM, 10,000 draws took 94 ms with two workers and 111 ms with one (medians of
/// 40 interleaved runs each).
pub fn worker_count() -> usize {
    let Some(window) = web_sys::window() else {
        return 1;
    };
    workers_for(window.navigator().hardware_concurrency() as usize)
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
        // The loader is a classic script (`importScripts`): without
        // `with_loader` gloo wraps it in a blob: URL, which the page's CSP (`worker-src 'self'`)
        // refuses, and gloo's default module worker cannot run `importScripts`.
        let url = worker_url();
        let spawn = || {
            McReactor::spawner()
                .with_loader(true)
                .as_module(false)
                .spawn(&url)
        };
        let mut bridges: Vec<_> = (0..workers.max(1))
            .map(|_| capture_new_worker(spawn))
            .collect();
        // Workers that share jobs need ports between them; without, one worker runs each job
        // whole (the others' bridges dropped end them).
        if bridges.len() > 1 {
            let made: Option<Vec<web_sys::Worker>> =
                bridges.iter().map(|(_, worker)| worker.clone()).collect();
            if made.is_none_or(|workers| connect_workers(&workers).is_err()) {
                bridges.truncate(1);
            }
        }
        let to_workers: Vec<mpsc::UnboundedSender<McRequest>> = bridges
            .into_iter()
            .map(|(mut bridge, _)| {
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
            let clock = PageClock::new();
            let mut to_workers = to_workers;
            // The shared job running, its merge and when it was sent.
            let mut merge: Option<(McJob, BandMerge, f64)> = None;
            loop {
                futures::select! {
                    request = inbox.next() => match request {
                        Some(McRequest::Run(job)) if to_workers.len() > 1 => {
                            let parts = part_requests(&job, to_workers.len());
                            let merging = BandMerge::new(&job, parts.len());
                            merge = Some((job, merging, clock.now_ms()));
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
                        Some(update @ McUpdate::Bands { .. }) => {
                            if let Some((_, m, started)) = merge.as_mut() {
                                if let Some(u) = m.take(update, clock.now_ms() - *started) {
                                    on_update(u);
                                }
                            }
                        }
                        Some(update) if is_unconnected(&update) => {
                            // A worker without ports: from now on one worker runs every job
                            // whole (dropping the others' senders ends them), this one first;
                            // the other shares' same failures are dropped.
                            if let Some((job, _, _)) = merge.take() {
                                to_workers.truncate(1);
                                let _ = to_workers[0].unbounded_send(McRequest::Run(job));
                            }
                        }
                        Some(update @ McUpdate::Failed { .. }) => {
                            // Every share of a bad job fails alike: report it once.
                            match merge.as_mut() {
                                Some((_, m, _)) => {
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

    /// Three workers' exchanges (parts 0, 1, 2), connected as `connect_workers` connects them.
    fn three_exchanges() -> [Exchange; 3] {
        let (ab, ac, bc) = (
            web_sys::MessageChannel::new().unwrap(),
            web_sys::MessageChannel::new().unwrap(),
            web_sys::MessageChannel::new().unwrap(),
        );
        [
            Exchange::connect(vec![(1, ab.port1()), (2, ac.port1())]),
            Exchange::connect(vec![(0, ab.port2()), (2, bc.port1())]),
            Exchange::connect(vec![(0, ac.port2()), (1, bc.port2())]),
        ]
    }

    /// A block of job `run` from part `from` to part `to` (header as `ColumnShare::encode`).
    fn block(run: f64, from: f64, to: f64, value: f64) -> Vec<f64> {
        vec![run, from, to, 0.0, 1.0, 0.0, value]
    }

    #[wasm_bindgen_test]
    async fn an_exchange_hands_each_block_to_its_owner_only_and_keeps_newer_jobs_blocks() {
        let [a, b, c] = three_exchanges();
        for sent in [
            block(4.0, 0.0, 1.0, 1.0),
            block(5.0, 0.0, 1.0, 2.0),
            block(5.0, 0.0, 2.0, 3.0),
            block(6.0, 0.0, 1.0, 4.0),
        ] {
            post_block(&a.peers, &sent);
        }
        while b.inbox.borrow().len() < 3 {
            b.arrival().await;
        }
        // Job 5's block; job 4's dropped; job 6's kept for later.
        assert_eq!(b.take_for(5), [block(5.0, 0.0, 1.0, 2.0)]);
        assert_eq!(b.take_for(6), [block(6.0, 0.0, 1.0, 4.0)]);
        assert!(b.take_for(6).is_empty());
        while c.inbox.borrow().is_empty() {
            c.arrival().await;
        }
        assert_eq!(c.take_for(5), [block(5.0, 0.0, 2.0, 3.0)], "only its own");
        assert!(a.inbox.borrow().is_empty(), "a sender does not hear itself");

        // A share's blocks reach their owners, and again when one asks for them.
        let blocks = [block(9.0, 1.0, 0.0, 42.0), block(9.0, 1.0, 2.0, 43.0)];
        b.send(9, blocks.to_vec());
        while a.inbox.borrow().is_empty() || c.inbox.borrow().is_empty() {
            if a.inbox.borrow().is_empty() {
                a.arrival().await;
            } else {
                c.arrival().await;
            }
        }
        assert_eq!(a.take_for(9), [blocks[0].clone()]);
        assert_eq!(c.take_for(9), [blocks[1].clone()]);
        c.post(&PeerMessage::Resend { run_id: 9, part: 2 });
        while c.inbox.borrow().is_empty() {
            c.arrival().await;
        }
        assert_eq!(c.take_for(9), [blocks[1].clone()]);
    }

    #[wasm_bindgen_test]
    async fn a_share_about_to_run_out_is_handed_draws_and_only_its_asker_gets_them() {
        let [a, b, c] = three_exchanges();
        let targets = 3;
        let columns = DrawTable::columns_for(targets);
        let share = |part: usize| ShareColumns::new(4, part, 3, 3_000, columns);
        let table = DrawTable::new(targets, 0);
        // Share 1 has run out, drawing 100 draws a millisecond, and asks the others.
        b.want_draws(&share(1), 0.0, 100.0);
        for other in [&a, &c] {
            while other.inbox.borrow().is_empty() {
                other.arrival().await;
            }
        }
        // Share 2 has nothing left: it gives nothing. Share 0 has 1,000 draws left at 100 a
        // millisecond: 500 would make both end together, and of those it gives its part as one
        // of the two shares that may answer, the last 250 (the asker asks again when it has
        // drawn them).
        let (mut asked, mut nothing) = (false, ShareWork::new(0..0));
        let heard = c.exchange(&mut share(2), &table).unwrap();
        assert!(matches!(
            heard[..],
            [PeerMessage::WantDraws { part: 1, .. }]
        ));
        answer_peers(heard, &share(2), &mut nothing, &mut asked, Some(100.0), &c).unwrap();
        let mut work = ShareWork::new(2_000..3_000);
        let heard = a.exchange(&mut share(0), &table).unwrap();
        answer_peers(heard, &share(0), &mut work, &mut asked, Some(100.0), &a).unwrap();
        assert_eq!(work.remaining(), 750);
        assert_eq!(work.take(1_000), Some(2_000..2_750), "it keeps the first");
        // Only share 1 is handed the draws; it takes them and may ask again.
        while b.inbox.borrow().is_empty() {
            b.arrival().await;
        }
        let (mut asked, mut work) = (true, ShareWork::new(0..0));
        let heard = b.exchange(&mut share(1), &table).unwrap();
        assert_eq!(
            heard,
            [PeerMessage::HandOver {
                run_id: 4,
                from_part: 0,
                to_part: 1,
                draws: 2_750..3_000,
            }]
        );
        answer_peers(heard, &share(1), &mut work, &mut asked, Some(100.0), &b).unwrap();
        assert_eq!(work.take(1_000), Some(2_750..3_000));
        assert!(!asked);
        // A handover of draws beyond the job, or from a share that is not another one, fails
        // the job, and nothing of it is taken.
        for (from_part, draws) in [(0, 2_999..3_001), (3, 0..10), (1, 0..10)] {
            let bad = vec![PeerMessage::HandOver {
                run_id: 4,
                from_part,
                to_part: 1,
                draws,
            }];
            assert!(answer_peers(bad, &share(1), &mut work, &mut asked, None, &b).is_err());
        }
        assert_eq!(work.remaining(), 0);
        // Share 0 now posts a message to every other share: a port delivers in order, so once it
        // is at share 2, anything share 0 posted to share 2 before it is there too.
        a.want_draws(&share(0), 5.0, 100.0);
        while c.inbox.borrow().is_empty() {
            c.arrival().await;
        }
        let heard: Vec<PeerMessage> = c
            .take_for(4)
            .into_iter()
            .map(|packed| PeerMessage::decode(packed).unwrap())
            .collect();
        assert!(
            matches!(heard[..], [PeerMessage::WantDraws { part: 0, .. }]),
            "share 2 was handed something: {heard:?}"
        );
    }

    #[wasm_bindgen_test]
    fn worker_counts_leave_the_page_a_core_from_three_cores_on() {
        let counts: Vec<usize> = (0..=9).map(workers_for).collect();
        assert_eq!(counts, [1, 1, 2, 2, 3, 4, 4, 4, 4, 4]);
    }
}

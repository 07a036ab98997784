//! Uncertainty in the page: the Monte Carlo worker's state in the workbench (`McState`), the
//! hook that owns the worker and sends it a job on every change of the scenario
//! (`use_monte_carlo`), the uncertainty bands for the charts (`bands`) and the panel with the
//! run's controls, progress and cancel button (`McPanel`).
//!
//! * The worker is created once per page (`McClient::spawn` in a `use_memo`).
//! * Every change of the levers, the baseline or the Monte Carlo settings bumps `run_id` in the
//!   reducer, in the same step as the change itself; the worker's updates carry the run id of
//!   their job and the reducer drops those of any other run.
//! * The results on screen when a change starts a run stay there until the new run's first
//!   results, for at most `HOLD_MS` from that change (`McState::shown`), then go: a quick run
//!   replaces them without the charts and the table going blank in between (which would also
//!   repaint the whole page while the workers draw). Older results never show longer.
//! * Jobs are throttled: at most one every `THROTTLE_MS` while a slider moves, always the latest
//!   (the worker also drops a running job as soon as a newer request arrives).
//! * Nothing heavy runs on the main thread: it only sends jobs and stores summaries.

use super::charts::Band;
use super::format;
use super::i18n::{self, Lang};
use super::levers_panel::use_tab_links;
use super::state::{Action, Tab, Workbench};
use crate::model::cohort::{FEMALE, MALE};
use crate::model::levers::{LeverId, Levers};
use crate::model::montecarlo::Series;
use crate::scenario::baseline_edits::BaselineEdits;
use crate::scenario::mc_messages::{McJob, McSummary, McUpdate};
use crate::scenario::{Engine, Run};
use crate::worker::McClient;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

pub use crate::scenario::mc_state::{
    McAction, McSettings, McState, McStatus, CHUNK, DRAW_CHOICES, HOLD_MS, SPREAD_CHOICES,
    THROTTLE_MS,
};

/// A job for `levers` on `engine`. The worker has the embedded baseline: a custom engine's
/// population and single-number figures go along (the worker applies only what differs).
pub fn scenario_job(engine: &Engine, levers: &Levers, settings: McSettings, run_id: u64) -> McJob {
    // What the analyst gave (the worker rebuilds the same engine from it, and holds exactly
    // these fixed in its draws, as the CLI does with the same options).
    let given = engine.given();
    let population = given.population.then(|| {
        let p = engine.baseline().population();
        (p.sex(FEMALE).to_vec(), p.sex(MALE).to_vec())
    });
    let figures = given
        .stocks
        .iter()
        .fold(BaselineEdits::default(), |edits, &stock| {
            edits.with(stock, Some(engine.baseline().stock(stock)))
        });
    McJob {
        run_id,
        levers: LeverId::ALL.iter().map(|&id| levers.get(id)).collect(),
        seed: settings.seed,
        spread: settings.spread,
        draws: settings.draws,
        chunk: CHUNK,
        population,
        figures,
        actuals: engine.actual_entries(),
    }
}

/// The job for the workbench's current scenario and settings.
pub fn job_for(state: &Workbench) -> McJob {
    scenario_job(
        &state.engine,
        &state.levers,
        state.mc.settings,
        state.mc.run_id,
    )
}

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

/// The 80 % (p10–p90) and 95 % (p2.5–p97.5) bands of `series` for the projected years of
/// `run`, from the summary's `bands[series][year]` (percentiles 2.5, 10, 50, 90, 97.5).
pub fn bands(summary: Option<&McSummary>, run: &Run, series: Series) -> Vec<Band> {
    let (Some(summary), Some(base)) = (summary, run.projection.years.first()) else {
        return Vec::new();
    };
    let Some(rows) = Series::ALL
        .iter()
        .position(|s| *s == series)
        .and_then(|i| summary.bands.get(i))
    else {
        return Vec::new();
    };
    if summary.draws == 0 || rows.is_empty() {
        return Vec::new();
    }
    let year = |t: usize| base.year.saturating_add(1 + t as i32);
    let level = |level: u8, lo: usize, hi: usize| Band {
        level,
        points: rows
            .iter()
            .enumerate()
            .map(|(t, p)| (year(t), p[lo], p[hi]))
            .collect(),
    };
    vec![level(80, 1, 3), level(95, 0, 4)]
}

#[derive(Properties, PartialEq)]
pub struct McPanelProps {
    pub lang: Lang,
    pub mc: McState,
    pub dispatch: UseReducerDispatcher<Workbench>,
}

/// The spread's label in a select: "1（文档所述）" / "1 (as documented)".
fn spread_label(spread: f64, lang: Lang) -> String {
    let base = format!("{spread}");
    if spread == 1.0 {
        format!("{base}{}", i18n::MC_SPREAD_DOCUMENTED.get(lang))
    } else if spread == 0.0 {
        format!("{base}{}", i18n::MC_SPREAD_NONE.get(lang))
    } else {
        base
    }
}

/// What the probabilities rest on, for slides and the handout: "达成概率：蒙特卡罗模拟，抽样 2000
/// 次，随机种子 20250509，不确定性幅度 1（文档所述）。" With these settings and the link's
/// scenario, anyone gets the same probabilities (and the CLI's `mc` gives them too).
pub fn mc_basis(settings: McSettings, lang: Lang) -> String {
    let draws = draws_text(settings.draws, lang);
    let spread = spread_label(settings.spread, lang);
    let seed = settings.seed;
    match lang {
        Lang::Zh => format!(
            "达成概率：蒙特卡罗模拟，抽样 {draws} 次，随机种子 {seed}，不确定性幅度 {spread}。"
        ),
        Lang::En => format!(
            "Probabilities: Monte Carlo simulation, {draws} draws, random seed {seed}, uncertainty spread {spread}."
        ),
    }
}

/// A count of draws: "1250" in Chinese, "1,250" in English.
pub fn draws_text(n: u64, lang: Lang) -> String {
    match lang {
        Lang::Zh => n.to_string(),
        Lang::En => format::exact(n as f64, lang),
    }
}

/// The controls, progress and cancel button of the Monte Carlo run (`#mc-status`).
#[function_component(McPanel)]
pub fn mc_panel(props: &McPanelProps) -> Html {
    let lang = props.lang;
    // The link to how the draws are made (the methods tab's uncertainty panel).
    let on_method_link = use_tab_links(props.dispatch.clone(), "data-method", Tab::Methods);
    let mc = &props.mc;
    // The seed as typed while it is not (yet) applied; `None` shows the setting.
    let seed_text = use_state_eq(|| None::<String>);
    let seed_error = use_state_eq(|| false);

    let on_draws = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(draws) = select.value().parse::<u64>() {
                dispatch.dispatch(Action::Mc(McAction::SetDraws(draws)));
            }
        })
    };
    let on_spread = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(spread) = select.value().parse::<f64>() {
                dispatch.dispatch(Action::Mc(McAction::SetSpread(spread)));
            }
        })
    };
    let apply_seed = {
        let dispatch = props.dispatch.clone();
        let seed_text = seed_text.clone();
        let seed_error = seed_error.clone();
        move |input: &HtmlInputElement| match input.value().trim().parse::<u64>() {
            Ok(seed) => {
                seed_error.set(false);
                seed_text.set(None);
                dispatch.dispatch(Action::Mc(McAction::SetSeed(seed)));
            }
            Err(_) => seed_error.set(true),
        }
    };
    let on_seed_input = {
        let seed_text = seed_text.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            seed_text.set(Some(input.value()));
        })
    };
    let on_seed_change = {
        let apply_seed = apply_seed.clone();
        Callback::from(move |e: Event| apply_seed(&e.target_unchecked_into()))
    };
    let on_seed_key = {
        let seed_text = seed_text.clone();
        let seed_error = seed_error.clone();
        let current = mc.settings.seed;
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => apply_seed(&e.target_unchecked_into()),
            "Escape" => {
                let input: HtmlInputElement = e.target_unchecked_into();
                input.set_value(&current.to_string());
                seed_text.set(None);
                seed_error.set(false);
            }
            _ => {}
        })
    };
    let on_cancel = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Mc(McAction::Cancel)))
    };
    let on_rerun = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Mc(McAction::Rerun)))
    };

    let total = mc.settings.draws;
    let done_draws = mc.summary.as_ref().map_or(0, |s| s.draws as u64);
    let counts = i18n::mc_progress(
        lang,
        &draws_text(done_draws, lang),
        &draws_text(total, lang),
    );
    let (state_name, text, elapsed) = match &mc.status {
        McStatus::Running => ("running", counts, None),
        McStatus::Done {
            elapsed_ms,
            page_ms,
            ..
        } => (
            "done",
            format!(
                "{counts}{}",
                i18n::mc_done(lang, *elapsed_ms / 1000.0, page_ms.map(|p| p / 1000.0))
            ),
            Some(*elapsed_ms),
        ),
        McStatus::Cancelled => (
            "cancelled",
            format!("{counts}{}", i18n::MC_CANCELLED.get(lang)),
            None,
        ),
        McStatus::Failed {
            message_zh,
            message_en,
        } => (
            "failed",
            format!(
                "{}{}{}",
                i18n::MC_FAILED.get(lang),
                lang.pick(message_zh, message_en)
                    .trim_end_matches(['。', '.']),
                i18n::MC_FAILED_NEXT.get(lang)
            ),
            None,
        ),
    };
    let page_ms = match &mc.status {
        McStatus::Done { page_ms, .. } => *page_ms,
        _ => None,
    };
    let draw_options = DRAW_CHOICES.iter().map(|&n| {
        html! {
            <option value={n.to_string()} selected={n == total}>{ draws_text(n, lang) }</option>
        }
    });
    let spread_options = SPREAD_CHOICES.iter().map(|&s| {
        html! {
            <option value={format!("{s}")} selected={s == mc.settings.spread}>{ spread_label(s, lang) }</option>
        }
    });
    let seed_value = (*seed_text)
        .clone()
        .unwrap_or_else(|| mc.settings.seed.to_string());
    html! {
        <section class="mc-panel" id="mc-panel" aria-labelledby="mc-heading">
            <h2 id="mc-heading">{ i18n::MC_HEADING.get(lang) }</h2>
            <p class="hint" onclick={on_method_link}>
                { i18n::MC_INTRO.get(lang) }{ " " }
                <a href="#method-uncertainty" data-method="method-uncertainty" id="mc-method-link">
                    { i18n::MC_METHOD_LINK.get(lang) }
                </a>
            </p>
            <div class="mc-controls">
                <div class="filter">
                    <label for="mc-draws">{ i18n::MC_DRAWS.get(lang) }</label>
                    <select id="mc-draws" onchange={on_draws}>{ for draw_options }</select>
                </div>
                <div class="filter">
                    <label for="mc-spread">{ i18n::MC_SPREAD.get(lang) }</label>
                    <select id="mc-spread" onchange={on_spread} aria-describedby="mc-spread-hint">
                        { for spread_options }
                    </select>
                </div>
                <div class="filter">
                    <label for="mc-seed">{ i18n::MC_SEED.get(lang) }</label>
                    <input id="mc-seed" class="mc-seed" type="number" min="0" step="1" inputmode="numeric"
                        value={seed_value} oninput={on_seed_input} onchange={on_seed_change}
                        onkeydown={on_seed_key} aria-invalid={seed_error.to_string()}
                        aria-describedby={if *seed_error { "mc-seed-error" } else { "mc-spread-hint" }} />
                </div>
                <div class="mc-actions">
                    <button type="button" id="mc-cancel" class="button" disabled={!mc.running()}
                        onclick={on_cancel}>
                        { i18n::MC_CANCEL.get(lang) }
                    </button>
                    if matches!(mc.status, McStatus::Cancelled | McStatus::Failed { .. }) {
                        <button type="button" id="mc-run" class="button" onclick={on_rerun}>
                            { i18n::MC_RERUN.get(lang) }
                        </button>
                    }
                </div>
            </div>
            if *seed_error {
                <p id="mc-seed-error" class="input-error" role="alert">{ i18n::MC_SEED_INVALID.get(lang) }</p>
            }
            <p id="mc-spread-hint" class="hint mc-spread-hint">{ i18n::MC_SPREAD_HINT.get(lang) }</p>
            <div class="mc-progress-row">
                <progress class="mc-progress" max={total.to_string()} value={done_draws.to_string()}
                    aria-hidden="true"></progress>
                <p id="mc-status" class={classes!("mc-status", format!("mc-status-{state_name}"))}
                    aria-live="polite" aria-atomic="true" data-state={state_name}
                    data-done={matches!(mc.status, McStatus::Done { .. }).to_string()}
                    data-draws={done_draws.to_string()} data-total={total.to_string()}
                    data-run-id={mc.run_id.to_string()}
                    data-elapsed-ms={elapsed.map(|e| format!("{e}"))}
                    data-page-ms={page_ms.map(|e| format!("{e}"))}>
                    { text }
                </p>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    //! Run in headless Chromium with the lib's other Wasm tests (the UI exists only on wasm32).
    use super::*;
    use crate::ui::state::{Action, Workbench};
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
    use yew::functional::Reducible;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn a_setting_set_to_its_present_value_changes_nothing_and_does_not_re_render() {
        let state = Rc::new(Workbench::new());
        let settings = state.mc.settings;
        let mc = &state.mc;
        assert!(mc.unchanged_by(&McAction::SetSeed(settings.seed)));
        assert!(mc.unchanged_by(&McAction::SetDraws(settings.draws)));
        assert!(
            mc.unchanged_by(&McAction::SetDraws(3)),
            "3 draws is not offered"
        );
        assert!(mc.unchanged_by(&McAction::SetSpread(settings.spread)));
        assert!(!mc.unchanged_by(&McAction::SetSeed(settings.seed + 1)));
        assert!(!mc.unchanged_by(&McAction::SetDraws(10_000)));
        assert!(!mc.unchanged_by(&McAction::Rerun));
        // The same state comes back (Yew then skips the render); a real change starts a new run.
        let same = state
            .clone()
            .reduce(Action::Mc(McAction::SetSeed(settings.seed)));
        assert!(Rc::ptr_eq(&same, &state));
        let changed = state
            .clone()
            .reduce(Action::Mc(McAction::SetSeed(settings.seed + 1)));
        assert!(!Rc::ptr_eq(&changed, &state));
        assert_eq!(changed.mc.settings.seed, settings.seed + 1);
        assert_eq!(changed.mc.run_id, state.mc.run_id.wrapping_add(1));
    }
}

//! "What it would take" (`#decision-panel`): for a target the analyst picks, the tornado (which
//! levers move it most: each lever low and high, the others as set; deterministic, ~70
//! projections, a few milliseconds, run on the main thread on demand) and goal-seek (the value a
//! lever would need for the target to be met with 50 % and 80 % probability, from 400 Monte
//! Carlo draws with common random numbers), with a button that applies a found value to the
//! scenario.
//!
//! Goal-seek takes about 20–40 Monte Carlo runs of 400 draws: measured on the main thread of the
//! release build in Chromium it took 120 ms typically but up to 360 ms, too long for a page that
//! must never freeze, so it runs in a worker of its own (the same worker bin, a `GoalSeek`
//! request), spawned on first use, so that it neither waits for nor stops the scenario's Monte
//! Carlo run.

use super::charts::palette;
use super::dashboard::{data_value, EngineRef};
use super::format;
use super::i18n::{self, Lang};
use super::number_input::lever_text;
use super::state::{Action, Workbench};
use super::mc_hook::now_ms;
use super::mc_view::scenario_job;
use crate::scenario::mc_state::McSettings;
use super::workplan::levers_for_metric;
use crate::model::decision::{Seek, Tornado};
use crate::model::levers::{LeverId, Levers, LEVERS};
use crate::scenario::mc_messages::{GoalSeekJob, McUpdate, Message};
use crate::scenario::seeds::TargetDef;
use crate::scenario::InputError;
use crate::worker::McClient;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Bars shown in the tornado.
pub const TORNADO_BARS: usize = 8;
/// Draws per goal-seek evaluation.
pub const GOAL_SEEK_DRAWS: u64 = 400;
/// The probabilities goal-seek aims for.
pub const GOAL_SEEK_LEVELS: [f64; 2] = [0.5, 0.8];

#[derive(Properties, PartialEq)]
pub struct DecisionPanelProps {
    pub lang: Lang,
    pub engine: Rc<EngineRef>,
    pub levers: Levers,
    /// The Monte Carlo seed and spread in use.
    pub seed: u64,
    pub spread: f64,
    pub dispatch: UseReducerDispatcher<Workbench>,
}

/// What the results were computed for (a change makes them outdated).
#[derive(Clone, PartialEq, Debug)]
struct Inputs {
    target: usize,
    levers: Levers,
    seed: u64,
    spread: f64,
    /// The engine's identity (a new baseline is a new engine).
    engine: usize,
}

#[derive(Clone, PartialEq, Debug)]
struct TornadoView {
    inputs: Inputs,
    result: Result<Tornado, InputError>,
    /// Main-thread time of the computation.
    elapsed_ms: f64,
}

#[derive(Clone, PartialEq, Debug)]
struct SeekView {
    inputs: Inputs,
    lever: LeverId,
    result: Result<Vec<Seek>, Message>,
    /// The worker's time, and the page's from request to answer.
    elapsed_ms: f64,
    page_ms: f64,
}

/// Goal-seek: asked (waiting for the worker) or answered.
#[derive(Clone, PartialEq, Debug)]
enum SeekPhase {
    Running { inputs: Inputs, lever: LeverId },
    Done(SeekView),
}

/// The request the page waits for: its run id, what it was for and when it was sent.
struct Pending {
    run_id: u64,
    inputs: Inputs,
    lever: LeverId,
    sent_ms: f64,
}

/// The goal-seek worker (spawned on first use) and the request it is answering.
#[derive(Default)]
struct SeekWorker {
    client: Option<McClient>,
    pending: Option<Pending>,
    last_run_id: u64,
}

/// The default target: new urban jobs if the plan has it, else the first.
fn default_target(engine: &EngineRef) -> usize {
    engine
        .0
        .plan()
        .targets
        .iter()
        .position(|t| t.id == "jobs_new_urban")
        .unwrap_or(0)
}

/// A lever value with its unit.
fn lever_value(id: LeverId, v: f64, lang: Lang) -> String {
    let spec = id.spec();
    format::exact_with_unit(v, lang.pick(spec.unit_zh, spec.unit_en), lang)
}

fn lever_label(id: LeverId, lang: Lang) -> &'static str {
    let spec = id.spec();
    lang.pick(spec.label_zh, spec.label_en)
}

fn target_value(def: &TargetDef, v: f64, lang: Lang) -> String {
    format::exact_with_unit(v, lang.pick(&def.unit_zh, &def.unit_en), lang)
}

/// Horizontal geometry of the bars: the target's value → x in a 0–`BAR_W` viewBox.
const BAR_W: f64 = 240.0;
const BAR_H: f64 = 22.0;

fn tornado_table(t: &Tornado, def: &TargetDef, elapsed_ms: f64, lang: Lang) -> Html {
    let bars: Vec<_> = t.bars.iter().take(TORNADO_BARS).collect();
    if bars.is_empty() {
        return html! { <p id="tornado" class="tornado-empty">{ i18n::TORNADO_NONE.get(lang) }</p> };
    }
    let (mut lo, mut hi) = (t.central_value, t.central_value);
    for b in &bars {
        lo = lo.min(b.value_low).min(b.value_high);
        hi = hi.max(b.value_low).max(b.value_high);
    }
    let pad = if hi > lo { (hi - lo) * 0.04 } else { 1.0 };
    let (lo, hi) = (lo - pad, hi + pad);
    let x = |v: f64| ((v - lo) / (hi - lo) * BAR_W).clamp(0.0, BAR_W);
    let cx = x(t.central_value);
    let coord = super::charts::scale::coord;
    let rows = bars.iter().map(|b| {
        let key = b.lever.spec().key;
        let rect = |v: f64, class: &'static str, color: &'static str| {
            let (a, z) = (x(v).min(cx), x(v).max(cx));
            html! {
                <rect class={class} x={coord(a)} y="4" width={coord((z - a).max(1.0))} height={coord(BAR_H - 8.0)}
                    fill={color} />
            }
        };
        let label = format!(
            "{}: {} → {}; {} → {}",
            lever_label(b.lever, lang),
            lever_value(b.lever, b.lever_low, lang),
            target_value(def, b.value_low, lang),
            lever_value(b.lever, b.lever_high, lang),
            target_value(def, b.value_high, lang),
        );
        html! {
            <tr id={format!("tornado-bar-{key}")} data-lever={key}>
                <th scope="row">{ lever_label(b.lever, lang) }</th>
                <td class="num" data-value={data_value(b.lever_low)}>{ lever_value(b.lever, b.lever_low, lang) }</td>
                <td class="num tornado-value-low" data-value={data_value(b.value_low)}>{ target_value(def, b.value_low, lang) }</td>
                <td class="tornado-bar-cell">
                    <svg class="tornado-bar" viewBox={format!("0 0 {BAR_W} {BAR_H}")} width="100%" height={coord(BAR_H)}
                        preserveAspectRatio="none" role="img" aria-label={label}>
                        { rect(b.value_low, "tornado-low", palette(0)) }
                        { rect(b.value_high, "tornado-high", palette(1)) }
                        <line class="tornado-central" x1={coord(cx)} x2={coord(cx)} y1="0" y2={coord(BAR_H)} />
                    </svg>
                </td>
                <td class="num" data-value={data_value(b.lever_high)}>{ lever_value(b.lever, b.lever_high, lang) }</td>
                <td class="num tornado-value-high" data-value={data_value(b.value_high)}>{ target_value(def, b.value_high, lang) }</td>
            </tr>
        }
    });
    let label = lang.pick(&def.label_zh, &def.label_en);
    html! {
        <div class="table-scroll">
            <table id="tornado" class="data-table tornado" data-central={data_value(t.central_value)}
                data-elapsed-ms={format!("{elapsed_ms}")}>
                <caption>
                    { i18n::tornado_caption(lang, label, &target_value(def, t.central_value, lang), bars.len(), t.bars.len()) }
                    <span class="tornado-legend">
                        <span class="tornado-key tornado-key-low" aria-hidden="true"></span>
                        { i18n::TORNADO_KEY_LOW.get(lang) }
                        <span class="tornado-key tornado-key-high" aria-hidden="true"></span>
                        { i18n::TORNADO_KEY_HIGH.get(lang) }
                    </span>
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{ i18n::TORNADO_COL_LEVER.get(lang) }</th>
                        <th scope="col" class="num">{ i18n::TORNADO_COL_LOW.get(lang) }</th>
                        <th scope="col" class="num">{ i18n::TORNADO_COL_AT_LOW.get(lang) }</th>
                        <th scope="col">{ i18n::TORNADO_COL_BAR.get(lang) }</th>
                        <th scope="col" class="num">{ i18n::TORNADO_COL_HIGH.get(lang) }</th>
                        <th scope="col" class="num">{ i18n::TORNADO_COL_AT_HIGH.get(lang) }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}

/// The goal-seek answers, one line per probability, with an "apply" button for reached values.
fn seek_result(
    view: &SeekView,
    def: &TargetDef,
    current: f64,
    lang: Lang,
    dispatch: &UseReducerDispatcher<Workbench>,
) -> Html {
    let target_label = lang.pick(&def.label_zh, &def.label_en);
    let lever = view.lever;
    let items = match &view.result {
        Err(e) => html! { <li class="input-error">{ lang.pick(&e.zh, &e.en) }</li> },
        Ok(seeks) => html! {
            { for GOAL_SEEK_LEVELS.iter().zip(seeks).map(|(&q, seek)| {
                let pct = format!("{:.0}", q * 100.0);
                match *seek {
                    Seek::Reached { value, probability, outside_documented } => {
                        let spec = lever.spec();
                        let apply = {
                            let dispatch = dispatch.clone();
                            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::SetLever(lever, value)))
                        };
                        let already = value == current;
                        html! {
                            <li class="goalseek-answer goalseek-reached" data-level={pct.clone()}
                                data-value={data_value(value)} data-probability={data_value(probability)}>
                                { i18n::goalseek_reached(
                                    lang, &pct, target_label, lever_label(lever, lang),
                                    &lever_value(lever, value, lang), &lever_value(lever, current, lang),
                                    &format!("{:.1}", probability * 100.0), already) }
                                if !already {
                                    { " " }
                                    <button type="button" class="button goalseek-apply" id={format!("goalseek-apply-{pct}")}
                                        onclick={apply} data-value={lever_text(value)}
                                        title={i18n::goalseek_apply_hint(lang, lever_label(lever, lang), &lever_text(value))}>
                                        { i18n::GOALSEEK_APPLY.get(lang) }
                                    </button>
                                }
                                if outside_documented {
                                    <p class="goalseek-warning" role="note">
                                        <span aria-hidden="true">{ "⚠ " }</span>
                                        { i18n::goalseek_outside_documented(lang, &lever_value(lever, spec.low, lang),
                                            &lever_value(lever, spec.high, lang)) }
                                    </p>
                                }
                            </li>
                        }
                    }
                    Seek::NotReachable { at_min, at_max } => html! {
                        <li class="goalseek-answer goalseek-unreachable" data-level={pct.clone()}
                            data-at-min={data_value(at_min)} data-at-max={data_value(at_max)}>
                            { i18n::goalseek_unreachable(
                                lang, &pct, target_label,
                                &format!("{:.1}", at_min * 100.0), &format!("{:.1}", at_max * 100.0)) }
                            <span class="goalseek-reason">
                                { " " }{ crate::scenario::status::unreachable_reason(at_min, at_max, lang == Lang::Zh) }
                            </span>
                        </li>
                    },
                }
            }) }
        },
    };
    html! {
        <div id="goalseek-result" class="goalseek-result" data-lever={lever.spec().key}
            data-elapsed-ms={format!("{}", view.elapsed_ms)} data-page-ms={format!("{}", view.page_ms)}>
            <ul>{ items }</ul>
            <p class="hint">{ i18n::goalseek_note(lang, GOAL_SEEK_DRAWS, &format!("{}", view.inputs.seed), &format!("{}", view.inputs.spread)) }</p>
        </div>
    }
}

/// Starts the goal-seek worker: answers to the request the page waits for become the shown
/// result; any other answer is stale and dropped.
fn spawn_seek_worker(
    worker: Rc<RefCell<SeekWorker>>,
    seek: UseStateSetter<Option<SeekPhase>>,
) -> McClient {
    McClient::spawn(move |update| {
        let McUpdate::GoalSeek {
            run_id,
            outcome,
            elapsed_ms,
        } = update
        else {
            return;
        };
        let pending = {
            let mut w = worker.borrow_mut();
            match &w.pending {
                Some(p) if p.run_id == run_id => w.pending.take(),
                _ => None,
            }
        };
        if let Some(p) = pending {
            seek.set(Some(SeekPhase::Done(SeekView {
                inputs: p.inputs,
                lever: p.lever,
                result: outcome.map(|answers| answers.into_iter().map(Seek::from).collect()),
                elapsed_ms,
                page_ms: now_ms() - p.sent_ms,
            })));
        }
    })
}

#[function_component(DecisionPanel)]
pub fn decision_panel(props: &DecisionPanelProps) -> Html {
    let lang = props.lang;
    let engine = props.engine.0.clone();
    let plan = engine.plan();
    let target = use_state(|| default_target(&props.engine));
    let lever_choice = use_state(|| None::<LeverId>);
    let tornado = use_state(|| None::<TornadoView>);
    let seek = use_state(|| None::<SeekPhase>);
    let worker = use_mut_ref(SeekWorker::default);

    let target_index = (*target).min(plan.targets.len().saturating_sub(1));
    let Some(def) = plan.targets.get(target_index) else {
        return html! {};
    };
    let relevant = levers_for_metric(&def.metric);
    let lever = (*lever_choice)
        .or_else(|| relevant.first().copied())
        .unwrap_or(LEVERS[0].id);
    let inputs = Inputs {
        target: target_index,
        levers: props.levers.clone(),
        seed: props.seed,
        spread: props.spread,
        engine: Rc::as_ptr(&engine) as usize,
    };

    let on_target = {
        let target = target.clone();
        let lever_choice = lever_choice.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                target.set(i);
                lever_choice.set(None);
            }
        })
    };
    let on_lever = {
        let lever_choice = lever_choice.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            lever_choice.set(LeverId::from_key(&select.value()));
        })
    };
    let on_tornado = {
        let tornado = tornado.clone();
        let engine = engine.clone();
        let inputs = inputs.clone();
        Callback::from(move |_: MouseEvent| {
            let started = now_ms();
            let result = engine.tornado(inputs.target, &inputs.levers, inputs.spread);
            tornado.set(Some(TornadoView {
                inputs: inputs.clone(),
                result,
                elapsed_ms: now_ms() - started,
            }));
        })
    };
    let on_seek = {
        let seek = seek.clone();
        let engine = engine.clone();
        let inputs = inputs.clone();
        let worker = worker.clone();
        Callback::from(move |_: MouseEvent| {
            let settings = McSettings {
                draws: GOAL_SEEK_DRAWS,
                spread: inputs.spread,
                seed: inputs.seed,
            };
            let mut w = worker.borrow_mut();
            w.last_run_id += 1;
            let run_id = w.last_run_id;
            let job = GoalSeekJob {
                scenario: scenario_job(&engine, &inputs.levers, settings, run_id),
                target: inputs.target,
                lever: lever.spec().key.to_string(),
                levels: GOAL_SEEK_LEVELS.to_vec(),
            };
            w.pending = Some(Pending {
                run_id,
                inputs: inputs.clone(),
                lever,
                sent_ms: now_ms(),
            });
            seek.set(Some(SeekPhase::Running {
                inputs: inputs.clone(),
                lever,
            }));
            if w.client.is_none() {
                w.client = Some(spawn_seek_worker(worker.clone(), seek.setter()));
            }
            if let Some(client) = &w.client {
                client.goal_seek(job);
            }
        })
    };

    let target_options = plan.targets.iter().enumerate().map(|(i, t)| {
        html! {
            <option value={i.to_string()} selected={i == target_index}>{ lang.pick(&t.label_zh, &t.label_en) }</option>
        }
    });
    let lever_option = |id: LeverId| {
        let spec = id.spec();
        html! {
            <option value={spec.key} selected={id == lever}>{ lang.pick(spec.label_zh, spec.label_en) }</option>
        }
    };
    let others: Vec<LeverId> = LEVERS
        .iter()
        .map(|s| s.id)
        .filter(|id| !relevant.contains(id))
        .collect();

    let tornado_html = match &*tornado {
        Some(view) if view.inputs.target == target_index => {
            // The tornado does not depend on the seed.
            let outdated = view.inputs
                != Inputs {
                    seed: view.inputs.seed,
                    ..inputs.clone()
                };
            html! {
                <>
                    if outdated {
                        <p class="banner banner-warning decision-outdated">{ i18n::DECISION_OUTDATED.get(lang) }</p>
                    }
                    { match &view.result {
                        Ok(t) => tornado_table(t, def, view.elapsed_ms, lang),
                        Err(e) => html! { <p id="tornado" class="input-error">{ e.message(lang.error_code()) }</p> },
                    } }
                </>
            }
        }
        _ => html! {},
    };
    let seek_html = match &*seek {
        Some(SeekPhase::Done(view)) if view.inputs.target == target_index => {
            let outdated = view.inputs != inputs;
            html! {
                <>
                    if outdated {
                        <p class="banner banner-warning decision-outdated">{ i18n::DECISION_OUTDATED.get(lang) }</p>
                    }
                    { seek_result(view, def, props.levers.get(view.lever), lang, &props.dispatch) }
                </>
            }
        }
        Some(SeekPhase::Running { inputs: asked, .. }) if asked.target == target_index => html! {
            <p id="goalseek-running" class="hint goalseek-running" role="status">{ i18n::GOALSEEK_RUNNING.get(lang) }</p>
        },
        _ => html! {},
    };

    html! {
        <section class="decision-panel" id="decision-panel" aria-labelledby="decision-heading">
            <h2 id="decision-heading">{ i18n::DECISION_HEADING.get(lang) }</h2>
            <p class="hint">{ i18n::DECISION_INTRO.get(lang) }</p>
            <div class="filters decision-controls">
                <div class="filter">
                    <label for="decision-target">{ i18n::DECISION_TARGET.get(lang) }</label>
                    <select id="decision-target" onchange={on_target}>{ for target_options }</select>
                </div>
                <button type="button" id="run-tornado" class="button button-primary" onclick={on_tornado}>
                    { i18n::RUN_TORNADO.get(lang) }
                </button>
            </div>
            { tornado_html }
            <h3 class="decision-subheading">{ i18n::GOALSEEK_HEADING.get(lang) }</h3>
            <div class="filters decision-controls">
                <div class="filter">
                    <label for="decision-lever">{ i18n::DECISION_LEVER.get(lang) }</label>
                    <select id="decision-lever" onchange={on_lever}>
                        if !relevant.is_empty() {
                            <optgroup label={i18n::LEVERS_RELEVANT.get(lang)}>
                                { for relevant.iter().map(|&id| lever_option(id)) }
                            </optgroup>
                        }
                        <optgroup label={i18n::LEVERS_OTHER.get(lang)}>
                            { for others.iter().map(|&id| lever_option(id)) }
                        </optgroup>
                    </select>
                </div>
                <button type="button" id="run-goalseek" class="button button-primary" onclick={on_seek}>
                    { i18n::RUN_GOALSEEK.get(lang) }
                </button>
            </div>
            { seek_html }
        </section>
    }
}

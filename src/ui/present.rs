//! The presentation mode (`#presentation`): full screen when the browser allows it (and a
//! full-window overlay when it does not), large type and a high-contrast projector theme (the
//! classes `presenting projector` on `<html>`). Slides: a title slide (the scenario, what the
//! probabilities rest on, and the baseline: built-in, or what differs from it, as the page's
//! banner says), one slide per target (its chart with the target line and, once the Monte Carlo
//! has run, its bands; its status as text and icon; value against threshold; probability; the
//! key assumptions) and a summary slide with the target table; on a custom baseline each of these
//! says so under its heading. Keys: → / PageDown next, ← / PageUp previous, Home / End, Esc
//! exits. The slide number is in the link (`slide=`), so a link opens at its slide.

use super::baseline_import::custom_baseline_items;
use super::charts::{Band, LineChart, Series};
use super::dashboard::{
    comparator_of, data_value, progress_view, status_counts, status_look, threshold_text, EngineRef,
};
use super::focus::{focus, use_focus_trap};
use super::format;
use super::i18n::{self, Lang};
use super::state::{Action, CustomBaseline, Workbench};
use super::mc_view::{bands, mc_basis};
use crate::scenario::mc_state::McSettings;
use super::workplan::levers_for_metric;
use crate::model::levers::{LeverId, Levers};
use crate::model::montecarlo::Series as McSeries;
use crate::model::targets::{Metric, Outcome};
use crate::scenario::mc_messages::McSummary;
use crate::scenario::presets::Preset;
use crate::scenario::seeds::{self, TargetDef};
use crate::scenario::status::{self, Status};
use crate::scenario::{Engine, Run};
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// The classes put on `<html>` while presenting.
const ROOT_CLASSES: [&str; 2] = ["presenting", "projector"];
/// At most this many key assumptions per target slide.
const MAX_ASSUMPTIONS: usize = 5;

/// Each target as `link::summary` wants it: label, verdict (the probability's status and the
/// probability once the Monte Carlo has them, else the central run's reading, said as such),
/// and "value (target …)".
pub fn summary_outcomes(
    engine: &Engine,
    run: &Run,
    probabilities: Option<&[f64]>,
    lang: Lang,
) -> Vec<(String, String, String)> {
    engine
        .plan()
        .targets
        .iter()
        .zip(&run.outcomes)
        .enumerate()
        .map(|(i, (def, o))| {
            let unit = lang.pick(&def.unit_zh, &def.unit_en);
            let value = format::value_with_unit(o.value, unit, lang);
            let threshold = threshold_text(
                def,
                comparator_of(engine, i),
                o.threshold,
                o.threshold_high,
                lang,
            );
            let text = match lang {
                Lang::Zh => format!("{value}，目标 {threshold}"),
                Lang::En => format!("{value}; target {threshold}"),
            };
            let p = probabilities.and_then(|p| p.get(i)).copied();
            let verdict = match p.and_then(|p| Status::of_target(engine, i, p).map(|s| (s, p))) {
                Some((s, _)) if !s.has_probability() => s.label(lang == Lang::Zh).to_string(),
                Some((s, p)) => format!(
                    "{} {:.0}%",
                    s.label(lang == Lang::Zh),
                    (p * 100.0).clamp(0.0, 100.0)
                ),
                None => i18n::central_verdict(lang, o.met).to_string(),
            };
            (
                lang.pick(&def.label_zh, &def.label_en).to_string(),
                verdict,
                text,
            )
        })
        .collect()
}

/// The summary's headline lines: the 2028 population, and the targets by status.
pub fn summary_headline(
    engine: &Engine,
    run: &Run,
    probabilities: Option<&[f64]>,
    lang: Lang,
) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(last) = run.projection.years.last() {
        lines.push(format!(
            "{}{}{}",
            i18n::HEADLINE_POPULATION.get(lang),
            i18n::COLON.get(lang),
            format::exact_with_unit(last.population, i18n::PERSONS.get(lang), lang)
        ));
    }
    if let Some(counts) = status_counts(engine, probabilities) {
        let total = engine.plan().targets.len();
        lines.push(i18n::status_counts(lang, total, counts));
    }
    lines
}

/// A lever's value with its unit, as the link summary writes it (`3000 人/年`, `5%`).
pub fn lever_value(id: LeverId, value: f64, lang: Lang) -> String {
    let spec = id.spec();
    let unit = lang.pick(spec.unit_zh, spec.unit_en);
    if unit.is_empty() {
        format!("{value}")
    } else if unit == "%" {
        format!("{value}%")
    } else {
        format!("{value} {unit}")
    }
}

/// One line per lever: "label: value (default d)".
pub fn lever_line(id: LeverId, value: f64, lang: Lang) -> String {
    let spec = id.spec();
    i18n::lever_with_default(
        lang,
        lang.pick(spec.label_zh, spec.label_en),
        &lever_value(id, value, lang),
        &lever_value(id, spec.default, lang),
    )
}

/// The key assumptions of a target: its levers (from `workplan::METRIC_LEVERS`) that differ
/// from their defaults first, then its other levers, at most [`MAX_ASSUMPTIONS`].
pub fn key_assumptions(metric: &str, levers: &Levers) -> Vec<LeverId> {
    let relevant = levers_for_metric(metric);
    let changed = |id: &LeverId| levers.get(*id) != id.spec().default;
    let mut out: Vec<LeverId> = relevant.iter().copied().filter(changed).collect();
    out.extend(relevant.iter().copied().filter(|id| !changed(id)));
    out.truncate(MAX_ASSUMPTIONS);
    out
}

/// The number of slides: title, one per target, summary.
pub fn slide_count(engine: &Engine) -> u32 {
    u32::try_from(engine.plan().targets.len())
        .unwrap_or(u32::MAX - 2)
        .saturating_add(2)
}

/// The yearly series a target reads: running totals over its years for a cumulative target,
/// the projected yearly values otherwise.
pub fn target_points(def: &TargetDef, run: &Run) -> Vec<(i32, f64)> {
    let Some(metric) = Metric::from_id(&def.metric) else {
        return Vec::new();
    };
    let cumulative = def.evaluate == "cumulative";
    let mut total = 0.0;
    run.projection
        .years
        .iter()
        .skip(1)
        .filter(|y| !cumulative || (y.year >= def.year_start && y.year <= def.year_end))
        .map(|y| {
            let v = metric.yearly(y);
            if cumulative {
                total += v;
                (y.year, total)
            } else {
                (y.year, v)
            }
        })
        .collect()
}

/// The points of [`target_points`] in the reported years: for a cumulative target the run of
/// reported years from its first year, otherwise every reported year (the population's for
/// the growth target).
pub fn reported_target_points(def: &TargetDef, engine: &Engine, run: &Run) -> Vec<(i32, f64)> {
    use crate::model::actuals::Reported;
    let Some(metric) = Metric::from_id(&def.metric) else {
        return Vec::new();
    };
    let what = match metric {
        Metric::ResidentGrowthAvgPct => Reported::Population,
        m => Reported::Metric(m),
    };
    let actuals = engine.baseline().actuals();
    let points = target_points(def, run).into_iter();
    if def.evaluate == "cumulative" {
        points
            .take_while(|(y, _)| actuals.get(what, *y).is_some())
            .collect()
    } else {
        points
            .filter(|(y, _)| actuals.get(what, *y).is_some())
            .collect()
    }
}

/// The Monte Carlo series drawn as bands behind a target's chart, when there is one.
fn band_series(metric: &str) -> Option<McSeries> {
    match Metric::from_id(metric)? {
        Metric::NewUrbanJobsCum => Some(McSeries::NewUrbanJobsCumulative),
        Metric::MigrantChildrenPublicPct => Some(McSeries::MigrantPublicPct),
        Metric::MedicalInsurancePct => Some(McSeries::InsurancePct),
        _ => None,
    }
}

fn root_classes(add: bool) {
    if let Some(root) = gloo::utils::document().document_element() {
        for class in ROOT_CLASSES {
            let list = root.class_list();
            let _ = if add {
                list.add_1(class)
            } else {
                list.remove_1(class)
            };
        }
    }
}

/// Leaves full screen if the page is in it (the promise is handled: a refusal logs nothing).
fn exit_fullscreen() {
    let document = gloo::utils::document();
    if document.fullscreen_element().is_none() {
        return;
    }
    let Ok(exit) = js_sys::Reflect::get(&document, &JsValue::from_str("exitFullscreen")) else {
        return;
    };
    if let Some(exit) = exit.dyn_ref::<js_sys::Function>() {
        if let Ok(result) = exit.call0(&document) {
            if let Ok(promise) = result.dyn_into::<js_sys::Promise>() {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                });
            }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct PresentationProps {
    pub lang: Lang,
    /// The slide asked for (1-based; out-of-range numbers are brought into range).
    pub slide: u32,
    pub engine: Rc<EngineRef>,
    pub run: Rc<Run>,
    pub levers: Levers,
    /// Scenario A while comparing: its run and its levers.
    #[prop_or_default]
    pub compare: Option<Rc<Run>>,
    #[prop_or_default]
    pub compare_levers: Option<Levers>,
    #[prop_or_default]
    pub preset: Option<String>,
    #[prop_or_default]
    pub mc_probabilities: Option<Vec<f64>>,
    #[prop_or_default]
    pub mc_summary: Option<Rc<McSummary>>,
    /// The Monte Carlo settings the probabilities come from.
    pub mc_settings: McSettings,
    /// What differs from the built-in baseline, if anything.
    #[prop_or_default]
    pub custom: Option<CustomBaseline>,
    /// The built-in engine (the built-in value of each edited figure).
    pub official: Rc<EngineRef>,
    /// The current calendar year (that year's reported figures are preliminary).
    pub as_of: i32,
    /// The scenario's name, and scenario A's while comparing.
    #[prop_or_default]
    pub name: Option<String>,
    #[prop_or_default]
    pub compare_name: Option<String>,
    pub dispatch: UseReducerDispatcher<Workbench>,
}

/// Counts of targets by progress level, or `None` when nothing is reported.
fn progress_counts(run: &Run) -> Option<(usize, usize, usize)> {
    use crate::model::targets::ProgressStatus as P;
    let levels: Vec<P> = run.progress.iter().flatten().map(|p| p.status).collect();
    if levels.is_empty() {
        return None;
    }
    let count = |s: P| levels.iter().filter(|&&l| l == s).count();
    Some((count(P::OnTrack), count(P::Lagging), count(P::Behind)))
}

/// The status counts line of the title and summary slides (`#slide-met`-style id given).
fn status_counts_line(props: &PresentationProps, id: &str, class: &str) -> Html {
    let lang = props.lang;
    let total = props.engine.0.plan().targets.len();
    match status_counts(&props.engine.0, props.mc_probabilities.as_deref()) {
        Some(c) => html! {
            <p class={class.to_string()} id={id.to_string()} data-likely={c.likely.to_string()}
                data-at-risk={c.at_risk.to_string()} data-unlikely={c.unlikely.to_string()}
                data-no-record={c.no_record.to_string()}>
                { i18n::status_counts(lang, total, c) }
            </p>
        },
        None => html! {
            <p class={class.to_string()} id={id.to_string()}>{ i18n::PROBABILITY_PENDING.get(lang) }</p>
        },
    }
}

/// A scenario column's heading: "A：高迁入" or just "A".
fn scenario_heading(letter: &str, name: Option<&str>, lang: Lang) -> String {
    match name {
        Some(n) => format!("{letter}{}{n}", i18n::COLON.get(lang)),
        None => letter.to_string(),
    }
}

/// The targets at risk or unlikely, worst (lowest probability) first (`#slide-attention`):
/// what the meeting should talk about. Pending until the Monte Carlo has results.
fn attention_list(props: &PresentationProps) -> Html {
    let lang = props.lang;
    let plan = props.engine.0.plan();
    let Some(probabilities) = props.mc_probabilities.as_deref() else {
        return html! {
            <div id="slide-attention">
                <h3 class="slide-subheading">{ i18n::ATTENTION_HEADING.get(lang) }</h3>
                <p class="slide-pending">{ i18n::PROBABILITY_PENDING.get(lang) }</p>
            </div>
        };
    };
    let mut listed: Vec<(usize, f64)> = probabilities
        .iter()
        .copied()
        .enumerate()
        .filter(|&(i, p)| {
            Status::of_target(&props.engine.0, i, p)
                .is_some_and(|s| s.has_probability() && s != Status::Likely)
        })
        .collect();
    listed.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let without_record: Vec<&str> = plan
        .targets
        .iter()
        .enumerate()
        .filter(|&(i, _)| !status::assessed(&props.engine.0, i))
        .map(|(_, def)| lang.pick(&def.label_zh, &def.label_en))
        .collect();
    let items = listed.iter().filter_map(|&(i, p)| {
        let def = plan.targets.get(i)?;
        let level = Status::of(p)?;
        Some(html! {
            <li data-target={def.id.clone()} data-status={level.id()}>
                <span class="status-icon" aria-hidden="true">{ level.icon() }{ " " }</span>
                { lang.pick(&def.label_zh, &def.label_en) }
                { match lang {
                    Lang::Zh => format!("：{:.0}%（{}）", (p * 100.0).clamp(0.0, 100.0), level.label(true)),
                    Lang::En => format!(": {:.0} % ({})", (p * 100.0).clamp(0.0, 100.0), level.label(false)),
                } }
            </li>
        })
    });
    html! {
        <div id="slide-attention">
            <h3 class="slide-subheading">{ i18n::ATTENTION_HEADING.get(lang) }</h3>
            if listed.is_empty() {
                <p>{ i18n::ATTENTION_NONE.get(lang) }</p>
            } else {
                <ol class="slide-list slide-attention-list">{ for items }</ol>
            }
            if !without_record.is_empty() {
                <p id="slide-no-record-list" class="slide-note" data-count={without_record.len().to_string()}>
                    { i18n::no_record_list(lang, &without_record) }
                </p>
            }
        </div>
    }
}

/// The "as of" line and, while figures are reported, the progress counts.
fn as_of_lines(props: &PresentationProps) -> Html {
    let lang = props.lang;
    let engine = &props.engine.0;
    let latest = engine.baseline().actuals().latest_year();
    html! {
        <>
            <p class="slide-fact slide-as-of" data-through={latest.map(|y| y.to_string())}>
                { i18n::as_of_text(lang, latest, props.as_of, engine.baseline().base_year()) }
            </p>
            if let Some((on_track, lagging, behind)) = progress_counts(&props.run) {
                <p class="slide-fact slide-progress-counts" data-on-track={on_track.to_string()}
                    data-lagging={lagging.to_string()} data-behind={behind.to_string()}>
                    { i18n::progress_counts(lang, on_track, lagging, behind) }
                </p>
            }
        </>
    }
}

#[function_component(Presentation)]
pub fn presentation(props: &PresentationProps) -> Html {
    let lang = props.lang;
    let engine = &props.engine.0;
    let count = slide_count(engine);
    let slide = props.slide.clamp(1, count);
    use_focus_trap("presentation", true);

    // A link asking for a slide that does not exist shows the nearest one, and says so.
    {
        let dispatch = props.dispatch.clone();
        use_effect_with((props.slide, slide), move |(asked, shown)| {
            if asked != shown {
                dispatch.dispatch(Action::SetSlide(Some(*shown)));
            }
        });
    }
    // On open: the projector theme, focus; on close: back to normal, out of full screen.
    {
        let dispatch = props.dispatch.clone();
        use_effect_with((), move |_| {
            root_classes(true);
            focus("presentation");
            let was_fullscreen = Rc::new(Cell::new(false));
            let document = gloo::utils::document();
            let listener = EventListener::new(&document, "fullscreenchange", move |_| {
                if gloo::utils::document().fullscreen_element().is_some() {
                    was_fullscreen.set(true);
                } else if was_fullscreen.get() {
                    // Leaving full screen (Esc in most browsers) ends the presentation too.
                    dispatch.dispatch(Action::SetSlide(None));
                }
            });
            move || {
                drop(listener);
                root_classes(false);
                exit_fullscreen();
                focus("present");
            }
        });
    }
    // Keys: the listener knows the slide shown, so it is renewed when the slide changes.
    {
        let dispatch = props.dispatch.clone();
        use_effect_with(slide, move |&slide| {
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                options,
                move |event| {
                    let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if key.ctrl_key() || key.meta_key() || key.alt_key() {
                        return;
                    }
                    let next = match key.key().as_str() {
                        "ArrowRight" | "PageDown" => Some(slide + 1),
                        "ArrowLeft" | "PageUp" => Some(slide.saturating_sub(1)),
                        "Home" => Some(1),
                        "End" => Some(count),
                        "Escape" => None,
                        _ => return,
                    };
                    key.prevent_default();
                    dispatch.dispatch(Action::SetSlide(next.map(|n| n.clamp(1, count))));
                },
            );
            move || drop(listener)
        });
    }

    let go = |target: Option<u32>| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::SetSlide(target)))
    };
    // What differs from the built-in baseline, one line each (none on the built-in baseline).
    let custom = {
        let official = props.official.clone();
        use_memo((lang, props.custom.clone()), move |(lang, custom)| {
            custom.as_ref().map_or_else(Vec::new, |custom| {
                custom_baseline_items(*lang, custom, &official.0, &seeds::baseline_figures())
            })
        })
    };
    let content = if slide == 1 {
        title_slide(props, &custom)
    } else if slide == count {
        summary_slide(props, &custom)
    } else {
        target_slide(props, (slide - 2) as usize, &custom)
    };
    html! {
        <section id="presentation" class="presentation" role="dialog" aria-modal="true"
            aria-label={i18n::PRESENTATION.get(lang)} tabindex="-1" data-slide={slide.to_string()}>
            // A Tab stop of its own, so that a slide taller than the screen scrolls by keyboard.
            <div class="slide-frame" tabindex="0" role="region"
                aria-label={i18n::slide_of(lang, slide as usize, count as usize)}>{ content }</div>
            <nav class="slide-nav" aria-label={i18n::PRESENTATION.get(lang)}>
                <button type="button" id="slide-prev" class="button" disabled={slide <= 1}
                    onclick={go(Some(slide.saturating_sub(1).max(1)))}>
                    <span aria-hidden="true">{ "← " }</span>{ i18n::SLIDE_PREV.get(lang) }
                </button>
                <span id="slide-counter" class="slide-counter" aria-live="polite"
                    aria-label={i18n::slide_of(lang, slide as usize, count as usize)}
                    data-slide={slide.to_string()} data-count={count.to_string()}>
                    { format!("{slide} / {count}") }
                </span>
                <button type="button" id="slide-next" class="button" disabled={slide >= count}
                    onclick={go(Some((slide + 1).min(count)))}>
                    { i18n::SLIDE_NEXT.get(lang) }<span aria-hidden="true">{ " →" }</span>
                </button>
                <span class="slide-keys">{ i18n::PRESENT_KEYS.get(lang) }</span>
                <button type="button" id="present-exit" class="button" onclick={go(None)}>
                    { i18n::PRESENT_EXIT.get(lang) }{ " (Esc)" }
                </button>
            </nav>
        </section>
    }
}

/// The status of a probability (三色) as icon and word, with its colour class; until the
/// Monte Carlo has results, that it is pending.
fn status(level: Option<Status>, lang: Lang, class: &'static str) -> Html {
    let (look, icon, text) = status_look(level, lang);
    html! {
        <span class={classes!(look, class)} data-status={level.map(Status::id)}>
            <span class="status-icon" aria-hidden="true">{ icon }</span>{ " " }{ text }
        </span>
    }
}

/// The changed assumptions of a scenario, one line each (or "every assumption at its default").
fn changed_list(levers: &Levers, lang: Lang) -> Html {
    let changed = levers.changed();
    if changed.is_empty() {
        return html! { <p class="slide-note">{ i18n::ALL_AT_DEFAULT.get(lang) }</p> };
    }
    html! {
        <ul class="slide-list">
            { for changed.iter().map(|(id, v)| html! { <li>{ lever_line(*id, *v, lang) }</li> }) }
        </ul>
    }
}

/// The title slide's account of the baseline (`#slide-baseline`): built-in, or what is custom.
fn baseline_block(lang: Lang, items: &[(&'static str, String)]) -> Html {
    html! {
        <div id="slide-baseline" data-custom={(!items.is_empty()).to_string()}>
            <h3 class="slide-subheading">{ i18n::SLIDE_BASELINE.get(lang) }</h3>
            if items.is_empty() {
                <p class="slide-note">{ i18n::SLIDE_BUILT_IN_BASELINE.get(lang) }</p>
            } else {
                <p class="slide-note slide-custom-baseline">
                    <span aria-hidden="true">{ "⚠ " }</span>{ i18n::SLIDE_CUSTOM_BASELINE.get(lang) }
                </p>
                <ul class="slide-list">
                    { for items.iter().map(|(key, text)| html! { <li data-figure={*key}>{ text.clone() }</li> }) }
                </ul>
            }
        </div>
    }
}

/// The line under a target or summary slide's heading while a custom baseline is in use
/// (`.slide-baseline-note`), so that a slide opened on its own still says it.
fn custom_baseline_note(lang: Lang, items: &[(&'static str, String)]) -> Html {
    let items: Vec<String> = items.iter().map(|(_, text)| text.clone()).collect();
    if items.is_empty() {
        return html! {};
    }
    html! {
        <p class="slide-baseline-note">
            <span aria-hidden="true">{ "⚠ " }</span>
            { i18n::slide_custom_baseline_note(lang, &items) }
        </p>
    }
}

fn title_slide(props: &PresentationProps, custom: &[(&'static str, String)]) -> Html {
    let lang = props.lang;
    let population = props.run.projection.years.last().map(|y| y.population);
    let preset = props.preset.as_deref().and_then(Preset::by_id);
    html! {
        <div class="slide slide-title" id="slide-1">
            <p class="slide-kicker">{ i18n::APP_TITLE.get(lang) }</p>
            <h2 class="slide-heading" id="slide-name">
                { props.name.clone().unwrap_or_else(|| i18n::SCENARIO_UNNAMED.get(lang).to_string()) }
            </h2>
            <p class="slide-date" id="slide-date">{ super::clock::today_text(lang) }</p>
            <div class="slide-columns">
                <div>
                    { status_counts_line(props, "slide-met", "slide-big") }
                    { as_of_lines(props) }
                    if let Some(p) = population {
                        <p class="slide-fact">
                            { i18n::HEADLINE_POPULATION.get(lang) }{ i18n::COLON.get(lang) }
                            <strong data-value={data_value(p)}>
                                { format::exact_with_unit(p, i18n::PERSONS.get(lang), lang) }
                            </strong>
                        </p>
                    }
                    if let Some(p) = preset {
                        <p class="slide-fact">
                            { i18n::STARTED_FROM.get(lang) }{ i18n::COLON.get(lang) }
                            { lang.pick(p.label_zh, p.label_en) }
                        </p>
                    }
                    if props.compare.is_some() {
                        <p class="slide-fact">{ i18n::COMPARING_NOTE.get(lang) }</p>
                    }
                    <p class="slide-note" id="slide-mc-basis">{ mc_basis(props.mc_settings, lang) }</p>
                </div>
                <div>
                    { attention_list(props) }
                    <h3 class="slide-subheading">{ i18n::CHANGED_ASSUMPTIONS.get(lang) }</h3>
                    { changed_list(&props.levers, lang) }
                    { baseline_block(lang, custom) }
                </div>
            </div>
        </div>
    }
}

fn target_slide(
    props: &PresentationProps,
    index: usize,
    custom: &[(&'static str, String)],
) -> Html {
    let lang = props.lang;
    let plan = props.engine.0.plan();
    let (Some(def), Some(outcome)) = (plan.targets.get(index), props.run.outcomes.get(index))
    else {
        return html! {};
    };
    let slide_number = index + 2;
    let unit = lang.pick(&def.unit_zh, &def.unit_en);
    let label = lang.pick(&def.label_zh, &def.label_en);
    let clause = if def.clause == 0 {
        i18n::MAIN_GOALS.get(lang).to_string()
    } else {
        let zh = plan
            .tasks
            .iter()
            .find(|t| t.number == def.clause)
            .map_or("", |t| t.clause_zh.as_str());
        i18n::clause_label(lang, zh, def.clause)
    };
    let units = if lang == Lang::Zh {
        &def.units_zh
    } else {
        &def.units_en
    };

    let mut series = vec![Series {
        label: label.to_string(),
        points: target_points(def, &props.run),
        dashed: false,
        color: 0,
    }];
    let compare_outcome: Option<Outcome> = props
        .compare
        .as_ref()
        .and_then(|a| a.outcomes.get(index).copied());
    if let Some(a) = &props.compare {
        series.push(Series {
            label: format!("{label}{}", i18n::SUFFIX_A.get(lang)),
            points: target_points(def, a),
            dashed: true,
            color: 0,
        });
    }
    let bands: Vec<Band> = band_series(&def.metric)
        .map(|s| bands(props.mc_summary.as_deref(), &props.run, s))
        .unwrap_or_default();
    let threshold = threshold_text(
        def,
        comparator_of(&props.engine.0, index),
        outcome.threshold,
        outcome.threshold_high,
        lang,
    );
    let target_line = (
        outcome.threshold,
        AttrValue::from(i18n::target_line_label(lang, &threshold)),
    );

    let probability = props
        .mc_probabilities
        .as_ref()
        .and_then(|p| p.get(index))
        .copied()
        .filter(|p| p.is_finite());
    let level = probability.and_then(|p| Status::of_target(&props.engine.0, index, p));
    // A probability that would rest on no evidence is not shown (the status says why).
    let probability = probability.filter(|_| level.is_none_or(Status::has_probability));
    let interval = props
        .mc_summary
        .as_ref()
        .filter(|s| s.draws > 0)
        .and_then(|s| s.target_bands.get(index))
        .map(|p| {
            format!(
                "{} {} – {}",
                i18n::INTERVAL_80.get(lang),
                format::number(p[1], lang),
                format::value_with_unit(p[3], unit, lang)
            )
        });
    let assumptions = key_assumptions(&def.metric, &props.levers);
    let assumption_items = assumptions.iter().map(|&id| {
        let value = props.levers.get(id);
        let changed = value != id.spec().default;
        html! {
            <li class={classes!(changed.then_some("assumption-changed"))}>
                { lever_line(id, value, lang) }
                if changed {
                    <span class="badge badge-changed">{ i18n::CHANGED_MARK.get(lang) }</span>
                }
            </li>
        }
    });
    let reading = lang.pick(def.reading_zh(), def.reading_en());
    let reported = reported_target_points(def, &props.engine.0, &props.run);
    let progress = props.run.progress.get(index).copied().flatten();

    html! {
        <div class="slide slide-target" id={format!("slide-{slide_number}")} data-target={def.id.clone()}>
            <p class="slide-kicker">{ clause }{ " · " }{ units.join(i18n::LIST_SEPARATOR.get(lang)) }</p>
            <h2 class="slide-heading">{ label }</h2>
            { custom_baseline_note(lang, custom) }
            <div class="slide-body">
                <div class="slide-chart">
                    <LineChart id="slide-chart" title={label.to_string()} unit={unit.to_string()} lang={lang}
                        series={series} bands={bands} target={Some(target_line)}
                        y_from_zero={def.evaluate == "cumulative"} reported={reported} />
                </div>
                <div class="slide-facts">
                    { status(level, lang, "slide-status") }
                    if let Some(p) = progress {
                        <p class="slide-progress">
                            <span class="slide-progress-label">{ i18n::COL_PROGRESS.get(lang) }{ i18n::COLON.get(lang) }</span>
                            { progress_view(def, &p, lang) }
                        </p>
                    }
                    if !status::assessed(&props.engine.0, index) {
                        <p class="slide-no-record">{ status::no_record_text(lang == Lang::Zh) }</p>
                    } else if status::assessed_on_reported_only(&props.engine.0, index) {
                        <p class="slide-no-record slide-on-reported">{ status::reported_record_text(lang == Lang::Zh) }</p>
                    }
                    <dl class="slide-numbers">
                        <div>
                            <dt>{ i18n::COL_PROJECTED.get(lang) }</dt>
                            <dd class="slide-value" data-value={data_value(outcome.value)}>
                                { format::value_with_unit(outcome.value, unit, lang) }
                            </dd>
                        </div>
                        <div>
                            <dt>{ i18n::COL_THRESHOLD.get(lang) }</dt>
                            <dd class="slide-threshold" data-value={data_value(outcome.threshold)}>{ threshold.clone() }</dd>
                        </div>
                        <div>
                            <dt>{ i18n::COL_GAP.get(lang) }</dt>
                            <dd data-value={data_value(outcome.gap)}>{ format::signed_difference(outcome.gap, unit, lang) }</dd>
                        </div>
                        if let Some(a) = compare_outcome {
                            <div>
                                <dt>{ i18n::SCENARIO_A.get(lang) }</dt>
                                <dd data-value={data_value(a.value)}>
                                    { format::value_with_unit(a.value, unit, lang) }
                                </dd>
                            </div>
                        }
                        <div>
                            <dt>{ i18n::COL_PROBABILITY.get(lang) }</dt>
                            <dd class="slide-probability">
                                { match probability {
                                    Some(p) => html! {
                                        <span data-value={data_value(p)}>{ format!("{:.0}%", (p * 100.0).clamp(0.0, 100.0)) }</span>
                                    },
                                    None if level == Some(Status::NoRecord) => html! {
                                        <span class="slide-no-probability">{ format::MISSING }{ " " }{ Status::NoRecord.label(lang == Lang::Zh) }</span>
                                    },
                                    None => html! { <span class="slide-pending">{ i18n::PROBABILITY_PENDING.get(lang) }</span> },
                                } }
                                if let Some(interval) = interval {
                                    <span class="slide-interval">{ interval }</span>
                                }
                            </dd>
                        </div>
                    </dl>
                    <h3 class="slide-subheading">{ i18n::KEY_ASSUMPTIONS.get(lang) }</h3>
                    <ul class="slide-list slide-assumptions">{ for assumption_items }</ul>
                </div>
            </div>
            if !reading.is_empty() {
                <p class="slide-reading">{ reading }</p>
            }
        </div>
    }
}

fn summary_slide(props: &PresentationProps, custom: &[(&'static str, String)]) -> Html {
    let lang = props.lang;
    let plan = props.engine.0.plan();
    let count = slide_count(&props.engine.0);
    let reporting = props.run.progress.iter().any(Option::is_some);
    let rows = plan
        .targets
        .iter()
        .zip(&props.run.outcomes)
        .enumerate()
        .map(|(i, (def, o))| {
            let unit = lang.pick(&def.unit_zh, &def.unit_en);
            let probability = props
                .mc_probabilities
                .as_ref()
                .and_then(|p| p.get(i))
                .copied()
                .filter(|p| p.is_finite());
            let level = probability.and_then(|p| Status::of_target(&props.engine.0, i, p));
            let probability = probability.filter(|_| level.is_none_or(Status::has_probability));
            html! {
                <tr id={format!("slide-row-{}", def.id)}>
                    <th scope="row">{ lang.pick(&def.label_zh, &def.label_en) }</th>
                    if let Some(a) = props.compare.as_ref().and_then(|a| a.outcomes.get(i)) {
                        <td class="num slide-value-a" data-value={data_value(a.value)}>{ format::value_with_unit(a.value, unit, lang) }</td>
                    }
                    <td class="num" data-value={data_value(o.value)}>{ format::value_with_unit(o.value, unit, lang) }</td>
                    <td class="num">{ threshold_text(def, comparator_of(&props.engine.0, i), o.threshold, o.threshold_high, lang) }</td>
                    <td class="num">
                        { probability.map_or_else(|| format::MISSING.to_string(), |p| format!("{:.0}%", (p * 100.0).clamp(0.0, 100.0))) }
                    </td>
                    <td>{ status(level, lang, "slide-status-small") }</td>
                    if reporting {
                        <td class="slide-progress-cell">
                            { props.run.progress.get(i).copied().flatten()
                                .map_or_else(|| html! { format::MISSING }, |p| progress_view(def, &p, lang)) }
                        </td>
                    }
                </tr>
            }
        });
    html! {
        <div class="slide slide-summary" id={format!("slide-{count}")}>
            <h2 class="slide-heading">{ i18n::SUMMARY_SLIDE.get(lang) }</h2>
            if let Some(name) = &props.name {
                <p class="slide-kicker slide-summary-name">{ name.clone() }</p>
            }
            { custom_baseline_note(lang, custom) }
            { status_counts_line(props, "slide-summary-counts", "slide-fact") }
            { as_of_lines(props) }
            <table id="slide-summary-table" class="slide-table">
                <thead>
                    <tr>
                        <th scope="col">{ i18n::COL_TARGET.get(lang) }</th>
                        if props.compare.is_some() {
                            <th scope="col" class="num">{ scenario_heading(i18n::SCENARIO_A.get(lang), props.compare_name.as_deref(), lang) }</th>
                            <th scope="col" class="num">{ scenario_heading(i18n::SCENARIO_B.get(lang), props.name.as_deref(), lang) }</th>
                        } else {
                            <th scope="col" class="num">{ i18n::COL_PROJECTED.get(lang) }</th>
                        }
                        <th scope="col" class="num">{ i18n::COL_THRESHOLD.get(lang) }</th>
                        <th scope="col" class="num">{ i18n::COL_PROBABILITY.get(lang) }</th>
                        <th scope="col">{ i18n::COL_STATUS.get(lang) }</th>
                        if reporting {
                            <th scope="col">{ i18n::COL_PROGRESS.get(lang) }</th>
                        }
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
            <p class="slide-note" id="slide-summary-mc-basis">{ mc_basis(props.mc_settings, lang) }</p>
            if let Some((count, low, high)) = status::at_threshold_probabilities(&props.engine.0, &props.run.outcomes, props.mc_probabilities.as_deref()) {
                <p class="slide-note" id="slide-at-threshold">{ i18n::at_threshold_note(lang, count, low, high) }</p>
            }
        </div>
    }
}

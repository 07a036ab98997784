//! The workbench's root component, `App`: it owns the state (`state::Workbench`, a reducer) and
//! lays out the header, the lever column and the tabs; plus its keyboard shortcuts. Built twice:
//! `App<FirstView>` (the first load: header, levers, dashboard, charts, Monte Carlo) and
//! `App<WholePage>` (everything), which takes over from the first view's `Handoff`.

use super::baseline_editor::BaselineEditor;
use super::baseline_import::{BaselineImport, CustomBaselineBanner};
use super::chart_panel::{target_threshold, ChartPanel};
use super::dashboard::{data_value, EngineRef, TargetDashboard};
use super::decision_panel::DecisionPanel;
use super::handoff::Handoff;
use super::i18n::Lang;
use super::levers_panel::LeverPanel;
use super::mc_hook::use_monte_carlo;
use super::methods::MethodsPanel;
use super::sources::SourcesPanel;
use super::state::{Action, Tab, Workbench};
use super::uncertainty::McPanel;
use super::workplan::WorkPlanBrowser;
use super::{actuals_panel, export, format, i18n, present, saved_panel, share, url_sync};
use gloo::events::{EventListener, EventListenerOptions};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

use crate::scenario::presets::{Preset, PRESETS};

/// Which bundle the page is: the first view, or the whole page. What the first view leaves out
/// (`WHOLE == false` branches) is not compiled into its bundle.
pub trait Edition: 'static {
    const WHOLE: bool;
}

/// The first load: the scenario's answers and the levers that move them.
pub struct FirstView;
impl Edition for FirstView {
    const WHOLE: bool = false;
}

/// Everything: sharing, saved scenarios, exports, the presentation, the decision panel, reported
/// figures, baseline edits and imports, the work plan, sources and methods.
pub struct WholePage;
impl Edition for WholePage {
    const WHOLE: bool = true;
}

thread_local! {
    /// The first view's latest state, for `hand_over`.
    static FIRST_VIEW_STATE: std::cell::RefCell<Option<UseReducerHandle<Workbench>>> =
        const { std::cell::RefCell::new(None) };
}

/// The first view's state as the whole page needs it (`None` before the first render).
pub fn first_view_handoff() -> Option<Handoff> {
    FIRST_VIEW_STATE.with(|s| s.borrow().as_ref().map(|state| Handoff::of(state)))
}

thread_local! {
    /// The first view while it runs.
    static FIRST_VIEW: std::cell::RefCell<Option<yew::AppHandle<App<FirstView>>>> =
        const { std::cell::RefCell::new(None) };
}

/// A new element at the end of `<body>` for an app to render into.
fn new_root(id: &str) -> web_sys::Element {
    let document = gloo::utils::document();
    let root = document
        .create_element("div")
        .expect("a div can be created");
    root.set_id(id);
    let _ = gloo::utils::body().append_child(&root);
    root
}

/// Mounts the first view in a root of its own (`#first-view-root`, gone at the handover).
pub fn start_first_view() {
    let handle = yew::Renderer::<App<FirstView>>::with_root(new_root("first-view-root")).render();
    FIRST_VIEW.with(|f| *f.borrow_mut() = Some(handle));
}

/// Ends the first view: its state as bytes (empty before its first render), its page gone.
pub fn hand_over() -> Vec<u8> {
    let bytes = first_view_handoff()
        .map(|h| h.to_bytes())
        .unwrap_or_default();
    FIRST_VIEW_STATE.with(|s| s.borrow_mut().take());
    if let Some(handle) = FIRST_VIEW.with(|f| f.borrow_mut().take()) {
        handle.destroy();
    }
    if let Some(root) = gloo::utils::document().get_element_by_id("first-view-root") {
        root.remove();
    }
    bytes
}

/// Tells the first view that the whole page could not load: its tabs of the whole page say so.
pub fn whole_failed() {
    FIRST_VIEW_STATE.with(|s| {
        if let Some(state) = s.borrow().as_ref() {
            state.dispatch(Action::WholeFailed);
        }
    });
}

/// Mounts the whole page in `#page-root`, resuming from the first view's `hand_over` bytes
/// (from the address bar if they are not a handoff of this build). Once rendered, it sets
/// `<html data-page="whole">` and fires `licheng-whole-ready` on the document.
pub fn take_over(bytes: &[u8]) {
    let handoff = Handoff::from_bytes(bytes).map(Rc::new);
    yew::Renderer::<App<WholePage>>::with_root_and_props(
        new_root("page-root"),
        AppProps { handoff },
    )
    .render();
}

/// Records a panic where www/boot.js shows it in a recoverable panel (what happened,
/// diagnostics to copy, the scenario link).
pub fn record_panics() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        gloo::console::error!(format!("licheng: {message}"));
        if let Some(root) = gloo::utils::document().document_element() {
            // Picked up by boot.js's observer, which builds the panel with textContent only.
            let _ = root.set_attribute("data-panic", &message);
        }
    }));
}

/// What a part of the whole page shows in the first view while the whole page loads, or once
/// it could not.
fn loading(lang: Lang, failed: bool) -> Html {
    if failed {
        html! { <p class="hint deferred-failed">{ i18n::WHOLE_FAILED.get(lang) }</p> }
    } else {
        html! { <p class="hint deferred-loading" aria-busy="true">{ i18n::LOADING.get(lang) }</p> }
    }
}

/// Whether a key press belongs to a text field (which keeps its own Ctrl+Z).
fn in_text_field(event: &web_sys::Event) -> bool {
    let Some(target) = event.target() else {
        return false;
    };
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        return matches!(input.type_().as_str(), "text" | "search");
    }
    target.dyn_ref::<web_sys::HtmlTextAreaElement>().is_some()
}

/// Ctrl+Z undoes; Ctrl+Shift+Z and Ctrl+Y redo (⌘ on macOS as well).
#[hook]
fn use_undo_shortcuts(dispatch: UseReducerDispatcher<Workbench>) {
    use_effect_with((), move |_| {
        let document = gloo::utils::document();
        let options = EventListenerOptions::enable_prevent_default();
        let listener =
            EventListener::new_with_options(&document, "keydown", options, move |event| {
                let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if !(key.ctrl_key() || key.meta_key()) || key.alt_key() || in_text_field(event) {
                    return;
                }
                let action = match key.key().to_ascii_lowercase().as_str() {
                    "z" if key.shift_key() => Action::Redo,
                    "z" => Action::Undo,
                    "y" => Action::Redo,
                    _ => return,
                };
                key.prevent_default();
                dispatch.dispatch(action);
            });
        move || drop(listener)
    });
}

/// The preset whose levers equal the current ones, if any.
fn current_preset(state: &Workbench) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| {
        crate::model::levers::Levers::with_overrides(p.overrides).is_ok_and(|l| l == state.levers)
    })
}

#[derive(Properties, PartialEq)]
struct NameFieldProps {
    id: AttrValue,
    placeholder: AttrValue,
    name: Option<String>,
    onchange: Callback<Event>,
}

/// A scenario's name field. While the analyst types, the text is theirs: the page writes it only
/// when the name itself changes (committed, or from a link or a saved scenario). A `value`
/// attribute would be re-applied by yew on every render, undoing the typing whenever the Monte
/// Carlo reports.
#[function_component(NameField)]
fn name_field(props: &NameFieldProps) -> Html {
    let input = use_node_ref();
    {
        let input = input.clone();
        use_effect_with(props.name.clone(), move |name| {
            if let Some(field) = input.cast::<web_sys::HtmlInputElement>() {
                field.set_value(name.as_deref().unwrap_or_default());
            }
        });
    }
    html! {
        <input type="text" id={props.id.clone()} class="scenario-name-input" maxlength="200" ref={input}
            placeholder={props.placeholder.clone()} onchange={props.onchange.clone()} />
    }
}

fn header<E: Edition>(state: &Workbench, dispatch: &UseReducerDispatcher<Workbench>) -> Html {
    let lang = state.lang;
    let population_2028 = state.run.projection.years.last().map(|y| y.population);
    let population_a = state
        .compare
        .as_ref()
        .and_then(|c| c.run.projection.years.last().map(|y| y.population));
    let preset = current_preset(state);
    let explanation = match preset {
        Some(p) => lang.pick(p.explain_zh, p.explain_en),
        None => i18n::PRESET_CUSTOM_EXPLAIN.get(lang),
    };
    let on_preset = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(p) = Preset::by_id(&select.value()) {
                dispatch.dispatch(Action::ApplyPreset(p));
            }
        })
    };
    let send = |action: fn() -> Action| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(action()))
    };
    let on_lang = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::SetLang(lang.other())))
    };
    let name_field = |action: fn(String) -> Action| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            // The field shows the name as kept (trimmed, at most 200 characters).
            input.set_value(&super::state::clean_name(&text).unwrap_or_default());
            dispatch.dispatch(action(text));
        })
    };
    let on_name = name_field(Action::SetName);
    let on_a_name = name_field(Action::SetCompareName);
    // One delegated handler for the "apply" buttons of the preset list.
    let on_preset_item = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            let preset = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|el| el.closest("button[data-preset]").ok().flatten())
                .and_then(|b| b.get_attribute("data-preset"))
                .and_then(|id| Preset::by_id(&id));
            if let Some(p) = preset {
                dispatch.dispatch(Action::ApplyPreset(p));
            }
        })
    };
    let preset_items = PRESETS.iter().map(|p| {
        let active = preset.is_some_and(|q| q.id == p.id);
        html! {
            <li class={classes!(active.then_some("preset-active"))}>
                <button type="button" class="link-button" data-preset={p.id} aria-pressed={active.to_string()}>
                    { lang.pick(p.label_zh, p.label_en) }
                </button>
                { i18n::COLON.get(lang) }{ lang.pick(p.explain_zh, p.explain_en) }
            </li>
        }
    });
    let options = PRESETS.iter().map(|p| {
        html! {
            <option value={p.id} selected={preset.is_some_and(|q| q.id == p.id)}>
                { lang.pick(p.label_zh, p.label_en) }
            </option>
        }
    });
    html! {
        <header class="app-header">
            <div class="title-row">
                <div class="title-block">
                    <h1 id="app-title">{ i18n::APP_TITLE.get(lang) }</h1>
                    <p class="subtitle">{ i18n::APP_SUBTITLE.get(lang) }</p>
                    <div class="scenario-names">
                        <label for="scenario-name">{ i18n::SCENARIO_NAME.get(lang) }</label>
                        <NameField id="scenario-name" placeholder={i18n::SCENARIO_UNNAMED.get(lang)}
                            name={state.name.clone()} onchange={on_name} />
                        if state.compare.is_some() {
                            <label for="scenario-a-name">{ i18n::SCENARIO_A_NAME.get(lang) }</label>
                            <NameField id="scenario-a-name" placeholder={i18n::SCENARIO_A.get(lang)}
                                name={state.compare_name.clone()} onchange={on_a_name} />
                        }
                    </div>
                    <p class="as-of" id="as-of" data-through={state.actuals().latest_year().map(|y| y.to_string())}>
                        { i18n::as_of_text(lang, state.actuals().latest_year(), state.as_of, state.engine.baseline().base_year()) }
                    </p>
                </div>
                <div class="headline" aria-live="polite">
                    <span class="headline-label">{ i18n::HEADLINE_POPULATION.get(lang) }</span>
                    <span class="headline-figure">
                        <span id="headline-population" class="headline-value"
                            data-value={population_2028.map(data_value).unwrap_or_default()}>
                            { population_2028.map(|v| format::exact(v, lang)).unwrap_or_else(|| format::MISSING.to_string()) }
                        </span>
                        <span class="headline-unit">{ i18n::PERSONS.get(lang) }</span>
                    </span>
                    if let Some(a) = population_a {
                        <span class="headline-compare" id="headline-population-a" data-value={data_value(a)}>
                            { format!("{}: {}", i18n::SCENARIO_A.get(lang), format::exact_with_unit(a, i18n::PERSONS.get(lang), lang)) }
                        </span>
                    }
                </div>
                <button type="button" id="lang-toggle" class="button lang-toggle" onclick={on_lang}
                    title={i18n::LANG_TOGGLE_HINT.get(lang)} lang={lang.other().html_tag()}>
                    { i18n::LANG_TOGGLE.get(lang) }
                </button>
            </div>
            <div class="toolbar" role="group" aria-label={i18n::SCENARIO_TOOLS.get(lang)}>
                <div class="preset-picker">
                    <label for="preset-select">{ i18n::PRESET.get(lang) }</label>
                    <select id="preset-select" onchange={on_preset} aria-describedby="preset-explanation">
                        if preset.is_none() {
                            <option value="" selected=true>{ i18n::PRESET_CUSTOM.get(lang) }</option>
                        }
                        { for options }
                    </select>
                    <p id="preset-explanation" class="preset-explanation">{ explanation }</p>
                    <details class="preset-list" id="preset-list">
                        <summary>{ i18n::PRESET_LIST.get(lang) }</summary>
                        <ul onclick={on_preset_item}>
                            { for preset_items }
                        </ul>
                    </details>
                </div>
                <div class="button-group">
                    <button type="button" id="undo" class="button" disabled={!state.can_undo()}
                        title={i18n::UNDO_HINT.get(lang)} onclick={send(|| Action::Undo)}>
                        <span aria-hidden="true">{ "↶ " }</span>{ i18n::UNDO.get(lang) }
                    </button>
                    <button type="button" id="redo" class="button" disabled={!state.can_redo()}
                        title={i18n::REDO_HINT.get(lang)} onclick={send(|| Action::Redo)}>
                        <span aria-hidden="true">{ "↷ " }</span>{ i18n::REDO.get(lang) }
                    </button>
                    <button type="button" id="reset-all" class="button" onclick={send(|| Action::ResetAll)}>
                        { i18n::RESET_ALL.get(lang) }
                    </button>
                </div>
                <div class="button-group">
                    <button type="button" id="pin-a" class="button button-primary" title={i18n::PIN_A_HINT.get(lang)}
                        aria-pressed={state.compare.is_some().to_string()} onclick={send(|| Action::PinA)}>
                        { if state.compare.is_some() { i18n::REPIN_A.get(lang) } else { i18n::PIN_A.get(lang) } }
                    </button>
                    <button type="button" id="clear-compare" class="button" disabled={state.compare.is_none()}
                        onclick={send(|| Action::ClearCompare)}>
                        { i18n::CLEAR_COMPARE.get(lang) }
                    </button>
                </div>
                if E::WHOLE {
                    <share::ShareTools link={state.link_state()} engine={Rc::new(EngineRef(state.engine.clone()))}
                        imported_population={state.custom_baseline.as_ref().and_then(|c| c.population.as_ref()).map(|p| p.file_name.clone())}
                        run={state.run.clone()} mc_probabilities={state.mc_probabilities.clone()} dispatch={dispatch.clone()} />
                }
            </div>
        </header>
    }
}

fn tab_label(tab: Tab) -> i18n::Tr {
    match tab {
        Tab::Dashboard => i18n::TAB_DASHBOARD,
        Tab::WorkPlan => i18n::TAB_WORKPLAN,
        Tab::Sources => i18n::TAB_SOURCES,
        Tab::Methods => i18n::TAB_METHODS,
    }
}

/// The tab strip (arrow keys move between tabs, as the ARIA tabs pattern asks).
fn tab_strip(current: Tab, lang: Lang, dispatch: &UseReducerDispatcher<Workbench>) -> Html {
    let on_key = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            let i = Tab::ALL.iter().position(|t| *t == current).unwrap_or(0);
            let n = Tab::ALL.len();
            let next = match e.key().as_str() {
                "ArrowRight" => Tab::ALL[(i + 1) % n],
                "ArrowLeft" => Tab::ALL[(i + n - 1) % n],
                "Home" => Tab::ALL[0],
                "End" => Tab::ALL[n - 1],
                _ => return,
            };
            e.prevent_default();
            dispatch.dispatch(Action::SetTab(next));
            dispatch.dispatch(Action::ScrollTo(format!("tab-{}", next.slug())));
        })
    };
    let tabs = Tab::ALL.iter().map(|&tab| {
        let selected = tab == current;
        let onclick = {
            let dispatch = dispatch.clone();
            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::SetTab(tab)))
        };
        html! {
            <button type="button" role="tab" id={format!("tab-{}", tab.slug())}
                class={classes!("tab", selected.then_some("tab-selected"))}
                aria-selected={selected.to_string()} aria-controls={format!("panel-{}", tab.slug())}
                tabindex={if selected { "0" } else { "-1" }} onclick={onclick}>
                { tab_label(tab).get(lang) }
            </button>
        }
    });
    html! {
        <div class="tabs" role="tablist" aria-label={i18n::TABS_LABEL.get(lang)} onkeydown={on_key}>
            { for tabs }
        </div>
    }
}

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The first view's state, when the whole page takes over from it; else the page starts
    /// from the address bar.
    #[prop_or_default]
    pub handoff: Option<Rc<Handoff>>,
}

#[function_component(App)]
pub fn app<E: Edition>(props: &AppProps) -> Html {
    let handoff = props.handoff.clone();
    let state = use_reducer(move || match handoff {
        Some(h) => h.resume(super::clock::current_year()),
        None => url_sync::initial_workbench(),
    });
    if !E::WHOLE {
        FIRST_VIEW_STATE.with(|s| *s.borrow_mut() = Some(state.clone()));
    }
    use_effect_with((), |_| {
        let document = gloo::utils::document();
        if let Some(root) = document.document_element() {
            let page = if E::WHOLE { "whole" } else { "first-view" };
            let _ = root.set_attribute("data-page", page);
        }
        if E::WHOLE {
            if let Ok(event) = web_sys::Event::new("licheng-whole-ready") {
                let _ = document.dispatch_event(&event);
            }
        }
    });
    let dispatch = state.dispatcher();
    use_undo_shortcuts(dispatch.clone());
    use_monte_carlo(&state);
    url_sync::use_url_sync(url_sync::current_query(&state));

    let lang = state.lang;
    use_effect_with(lang, |lang| {
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = root.set_attribute("lang", lang.html_tag());
        }
    });
    use_effect_with(state.scroll_request.clone(), |request| {
        if let Some((id, _)) = request {
            if let Some(element) = gloo::utils::document().get_element_by_id(id) {
                element.scroll_into_view();
                if let Some(html) = element.dyn_ref::<HtmlElement>() {
                    let _ = html.focus();
                }
            }
        }
    });

    let engine = Rc::new(EngineRef(state.engine.clone()));
    let official = Rc::new(EngineRef(state.official.clone()));
    let plan = state.engine.plan();
    let compare_run = state.compare.as_ref().map(|c| c.run.clone());
    let panel = |tab: Tab, content: Html| {
        html! {
            <div role="tabpanel" id={format!("panel-{}", tab.slug())} class="tab-panel"
                aria-labelledby={format!("tab-{}", tab.slug())} hidden={state.tab != tab}>
                { content }
            </div>
        }
    };

    html! {
        <div class="app">
            <a class="skip-link" href="#main">{ i18n::SKIP_TO_MAIN.get(lang) }</a>
            { header::<E>(&state, &dispatch) }
            <url_sync::LinkNotices lang={lang} notices={state.link_notices.clone()} dispatch={dispatch.clone()} />
            if let Some(custom) = state.custom_baseline.clone() {
                <CustomBaselineBanner lang={lang} custom={custom} official={official.clone()}
                    dispatch={dispatch.clone()} />
            }
            if state.compare.is_some() {
                <div id="compare-banner" class="banner banner-info" role="status">
                    <span class="banner-icon" aria-hidden="true">{ "⇄" }</span>
                    { i18n::COMPARE_ON.get(lang) }
                </div>
            }
            if let Some(error) = &state.run_error {
                <div id="run-error" class="banner banner-error" role="alert">
                    { i18n::RUN_FAILED.get(lang) }{ error.message(lang.error_code()) }
                </div>
            }
            <div class="workbench">
                <aside id="sidebar" class={classes!("sidebar", (!state.assumptions_open).then_some("sidebar-collapsed"))}
                    aria-label={i18n::ASSUMPTIONS.get(lang)}>
                    <button type="button" id="assumptions-toggle" class="button assumptions-toggle"
                        aria-expanded={state.assumptions_open.to_string()} aria-controls="sidebar"
                        onclick={let d = dispatch.clone(); Callback::from(move |_: MouseEvent| d.dispatch(Action::ToggleAssumptions))}>
                        { if state.assumptions_open { i18n::ASSUMPTIONS_HIDE.get(lang) } else { i18n::ASSUMPTIONS_SHOW.get(lang) } }
                    </button>
                    if E::WHOLE {
                        <saved_panel::SavedPanel lang={lang} query={url_sync::saved_query(&state)}
                            scenario_name={state.name.clone()} dispatch={dispatch.clone()} />
                    }
                    <LeverPanel levers={state.levers.clone()} lang={lang} dispatch={dispatch.clone()} />
                    if E::WHOLE {
                        <BaselineImport lang={lang} custom={state.custom_baseline.clone()}
                            import_error={state.import_error.clone()} engine={engine.clone()}
                            dispatch={dispatch.clone()} />
                        <BaselineEditor lang={lang} official={official.clone()} edited={state.edited_figures()}
                            error={state.figure_error.clone()} dispatch={dispatch.clone()} />
                    }
                </aside>
                <main id="main" class="main" tabindex="-1">
                    { tab_strip(state.tab, lang, &dispatch) }
                    { panel(Tab::Dashboard, html! {
                        <>
                            if E::WHOLE {
                                <export::HandoutScenario lang={lang} levers={state.levers.clone()} mc_settings={state.mc.settings}
                                    name={state.name.clone()} compare_name={state.compare_name.clone()}
                                    compare={state.compare.as_ref().map(|c| c.levers.clone())} preset={state.preset.clone()} />
                            }
                            <TargetDashboard lang={lang} engine={engine.clone()} run={state.run.clone()}
                                compare={compare_run.clone()} mc_probabilities={state.mc_probabilities.clone()}
                                dispatch={dispatch.clone()} />
                            if E::WHOLE {
                                <actuals_panel::ActualsPanel lang={lang} engine={engine.clone()} run={state.run.clone()}
                                    model_run={state.model_run.clone()} as_of={state.as_of} notes={state.actual_notes.clone()}
                                    error={state.actual_error.clone()} dispatch={dispatch.clone()} />
                            }
                            <McPanel lang={lang} mc={state.mc.clone()} dispatch={dispatch.clone()} />
                            <ChartPanel lang={lang} run={state.run.clone()} compare={compare_run.clone()}
                                mc={state.mc.shown().cloned()} mc_running={state.mc.running()}
                                jobs_target={target_threshold(plan, "new_urban_jobs_cum")}
                                insurance_target={target_threshold(plan, "medical_insurance_pct")}
                                actuals={state.actuals().clone()} />
                            if E::WHOLE {
                                <DecisionPanel lang={lang} engine={engine.clone()} levers={state.levers.clone()}
                                    seed={state.mc.settings.seed} spread={state.mc.settings.spread}
                                    dispatch={dispatch.clone()} />
                                <export::ExportPanel lang={lang} engine={engine.clone()} run={state.run.clone()}
                                    levers={state.levers.clone()} mc_settings={state.mc.settings}
                                    mc={state.mc.finished()} name={state.name.clone()}
                                    probabilities={state.mc_probabilities.clone()} as_of={state.as_of}
                                    notes={state.actual_notes.clone()} />
                            }
                        </>
                    }) }
                    if E::WHOLE {
                        { panel(Tab::WorkPlan, html! {
                            <WorkPlanBrowser lang={lang} engine={engine.clone()} unit={state.workplan_unit.clone()}
                                query={state.workplan_query.clone()} dispatch={dispatch.clone()} />
                        }) }
                        { panel(Tab::Sources, html! { <SourcesPanel lang={lang} /> }) }
                        { panel(Tab::Methods, html! { <MethodsPanel lang={lang} /> }) }
                    } else {
                        { for [Tab::WorkPlan, Tab::Sources, Tab::Methods].map(|tab| panel(tab, loading(lang, state.whole_failed))) }
                    }
                </main>
            </div>
            <footer class="app-footer">
                <p>{ i18n::FOOTER.get(lang) }</p>
            </footer>
            if let (true, Some(slide)) = (E::WHOLE, state.slide) {
                <present::Presentation lang={lang} slide={slide} engine={engine.clone()} run={state.run.clone()}
                    levers={state.levers.clone()} compare={compare_run.clone()}
                    compare_levers={state.compare.as_ref().map(|c| c.levers.clone())} preset={state.preset.clone()}
                    mc_probabilities={state.mc_probabilities.clone()} mc_summary={state.mc.shown().cloned()}
                    mc_settings={state.mc.settings} custom={state.custom_baseline.clone()} official={official.clone()}
                    as_of={state.as_of} name={state.name.clone()} compare_name={state.compare_name.clone()}
                    dispatch={dispatch.clone()} />
            }
        </div>
    }
}

//! The left column: every lever of `LEVERS`, grouped by `Module` in collapsible groups, each
//! with a slider, an exact number field with inline validation, its unit and valid range, a
//! reset button and a provenance marker whose note opens on click or keyboard focus.

use super::hooks::{use_number_field, use_tab_links};
use super::i18n::{self, Lang};
use super::number_input::{lever_display, lever_text, InputProblem};
use super::state::{Action, Tab, Workbench};
use crate::model::levers::{LeverId, LeverSpec, Levers, Module, Provenance, LEVERS};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LeverPanelProps {
    pub levers: Levers,
    pub lang: Lang,
    pub dispatch: UseReducerDispatcher<Workbench>,
}

/// All lever groups.
#[function_component(LeverPanel)]
pub fn lever_panel(props: &LeverPanelProps) -> Html {
    let lang = props.lang;
    // One delegated handler for the "how computed" links (stable across renders).
    let on_click = use_tab_links(props.dispatch.clone(), "data-method", Tab::Methods);
    let groups = Module::ALL.iter().map(|&module| {
        let specs: Vec<&'static LeverSpec> =
            LEVERS.iter().filter(|s| s.module == module).collect();
        let changed = specs
            .iter()
            .filter(|s| props.levers.get(s.id) != s.default)
            .count();
        let controls = specs.iter().map(|spec| {
            html! {
                <LeverControl key={spec.key} id={spec.id} value={props.levers.get(spec.id)}
                    lang={lang} dispatch={props.dispatch.clone()} />
            }
        });
        html! {
            <details class="lever-group" open=true id={format!("levers-{}", module_slug(module))}>
                <summary class="lever-group-summary">
                    <span class="lever-group-title">{ lang.pick(module.label_zh(), module.label_en()) }</span>
                    if changed > 0 {
                        <span class="badge badge-changed">
                            { format!("{changed} {}", i18n::CHANGED_COUNT_SUFFIX.get(lang)) }
                        </span>
                    }
                </summary>
                <p class="lever-group-method">
                    <a href={format!("#{}", module_anchor(module))} data-method={module_anchor(module)}>
                        { i18n::HOW_COMPUTED_LINK.get(lang) }
                    </a>
                </p>
                { for controls }
            </details>
        }
    });
    html! {
        <section class="lever-panel" aria-labelledby="levers-heading" onclick={on_click}>
            <h2 id="levers-heading">{ i18n::ASSUMPTIONS.get(lang) }</h2>
            <p class="hint">{ i18n::ASSUMPTIONS_HINT.get(lang) }</p>
            { for groups }
        </section>
    }
}


/// Stable id fragment of a module.
pub fn module_slug(module: Module) -> &'static str {
    match module {
        Module::Population => "population",
        Module::Employment => "employment",
        Module::Housing => "housing",
        Module::Schools => "schools",
        Module::Coverage => "coverage",
        Module::Delivery => "delivery",
    }
}

/// The id of a module's "how this is computed" panel.
pub fn module_anchor(module: Module) -> String {
    format!("method-{}", module_slug(module))
}





fn problem_message(problem: InputProblem, spec: &LeverSpec, lang: Lang) -> String {
    match problem {
        InputProblem::Empty => i18n::INPUT_EMPTY.get(lang).to_string(),
        InputProblem::NotANumber => i18n::INPUT_NOT_A_NUMBER.get(lang).to_string(),
        InputProblem::OutOfRange => {
            i18n::input_out_of_range(lang, &lever_display(spec.min), &lever_display(spec.max))
        }
    }
}




#[derive(Properties, PartialEq)]
pub struct LeverControlProps {
    pub id: LeverId,
    pub value: f64,
    pub lang: Lang,
    pub dispatch: UseReducerDispatcher<Workbench>,
}

/// One lever: label, provenance marker, slider, number field, unit, range and reset.
#[function_component(LeverControl)]
pub fn lever_control(props: &LeverControlProps) -> Html {
    let spec: &'static LeverSpec = props.id.spec();
    let lang = props.lang;
    let key = spec.key;
    let note_open = use_state_eq(|| false);
    let field = {
        let dispatch = props.dispatch.clone();
        let id = props.id;
        use_number_field(
            props.value,
            spec.min,
            spec.max,
            Callback::from(move |v: f64| dispatch.dispatch(Action::SetLever(id, v))),
        )
    };

    let on_slide = {
        let dispatch = props.dispatch.clone();
        let id = props.id;
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().trim().parse::<f64>() {
                dispatch.dispatch(Action::PreviewLever(id, v));
            }
        })
    };
    let on_slide_end = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: Event| dispatch.dispatch(Action::CommitPreview))
    };
    let on_reset = {
        let dispatch = props.dispatch.clone();
        let id = props.id;
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ResetLever(id)))
    };
    let on_note_click = {
        let note_open = note_open.clone();
        Callback::from(move |_: MouseEvent| note_open.set(!*note_open))
    };
    let on_note_focus = {
        let note_open = note_open.clone();
        Callback::from(move |e: FocusEvent| {
            let target: web_sys::Element = e.target_unchecked_into();
            if target.matches(":focus-visible").unwrap_or(false) {
                note_open.set(true);
            }
        })
    };
    let on_note_blur = {
        let note_open = note_open.clone();
        Callback::from(move |_: FocusEvent| note_open.set(false))
    };

    let value_text = lever_text(props.value);
    let problem = field.problem;
    let unit = lang.pick(spec.unit_zh, spec.unit_en);
    let label = lang.pick(spec.label_zh, spec.label_en);
    let is_default = props.value == spec.default;
    let (prov_class, prov_label) = match spec.provenance {
        Provenance::Published => ("prov prov-published", i18n::PROVENANCE_PUBLISHED),
        Provenance::Plan => ("prov prov-plan", i18n::PROVENANCE_PLAN),
        Provenance::Estimate => ("prov prov-estimate", i18n::PROVENANCE_ESTIMATE),
    };
    let range_text = format!(
        "{} {} – {}{} · {} {}",
        i18n::VALID_RANGE.get(lang),
        lever_display(spec.min),
        lever_display(spec.max),
        if unit.is_empty() {
            String::new()
        } else {
            format!(" {unit}")
        },
        i18n::DEFAULT.get(lang),
        lever_display(spec.default),
    );
    let error_id = format!("lever-{key}-error");
    let range_id = format!("lever-{key}-range");
    let note_id = format!("lever-{key}-note");
    let described = if problem.is_some() {
        format!("{error_id} {range_id}")
    } else {
        range_id.clone()
    };
    html! {
        <div class={classes!("lever", (!is_default).then_some("lever-changed"))} id={format!("lever-{key}-control")}>
            <div class="lever-head">
                <label class="lever-label" for={format!("lever-{key}")}>{ label }</label>
                <button type="button" class={prov_class} aria-expanded={note_open.to_string()}
                    aria-controls={note_id.clone()} title={i18n::PROVENANCE_HINT.get(lang)}
                    onclick={on_note_click} onfocus={on_note_focus} onblur={on_note_blur}>
                    { prov_label.get(lang) }
                </button>
            </div>
            <p class="prov-note" id={note_id} hidden={!*note_open}>
                { lang.pick(spec.note_zh, spec.note_en) }
            </p>
            <div class="lever-inputs">
                <input type="range" id={format!("lever-{key}")} class="lever-range"
                    min={lever_text(spec.min)} max={lever_text(spec.max)} step={lever_text(spec.step)}
                    value={value_text} aria-describedby={range_id.clone()}
                    oninput={on_slide} onchange={on_slide_end} />
                <input type="number" id={format!("lever-{key}-number")} class="lever-number"
                    min={lever_text(spec.min)} max={lever_text(spec.max)} step={lever_text(spec.step)}
                    value={field.text} aria-label={format!("{label} ({unit})")}
                    aria-invalid={problem.is_some().to_string()} aria-describedby={described}
                    oninput={field.oninput} onchange={field.onchange} onblur={field.onblur}
                    onkeydown={field.onkeydown} />
                <span class="lever-unit">{ unit }</span>
                <button type="button" id={format!("lever-{key}-reset")} class="icon-button lever-reset"
                    disabled={is_default} onclick={on_reset}
                    title={format!("{} {label}", i18n::RESET.get(lang))}
                    aria-label={format!("{} {label}", i18n::RESET.get(lang))}>
                    <span aria-hidden="true">{ "↺" }</span>
                </button>
            </div>
            <p class="lever-range-text" id={range_id}>{ range_text }</p>
            if let Some(problem) = problem {
                <p class="input-error" id={error_id} role="alert">{ problem_message(problem, spec, lang) }</p>
            }
        </div>
    }
}

//! The baseline-figure editor beside the population import (`#baseline-editor`): one exact
//! number field per single-number figure of the baseline (public primary and junior places
//! 2024, new places 2025, insurance participation 2024) with its unit, valid range (the
//! model's), the official value and its provenance badge, a link to its source and a reset.
//! A typed value is checked at once; a bad one is named in the page's language and changes
//! nothing, a valid one (Enter or leaving the field) rebuilds the engine on the edited baseline.

use super::dashboard::EngineRef;
use super::i18n::{self, Lang};
use super::hooks::{use_number_field, use_tab_links};
use super::number_input::{lever_display, lever_text, InputProblem};
use super::state::{Action, Tab, Workbench};
use crate::scenario::baseline_edits::{BaselineEdits, StockSpec, STOCKS};
use crate::scenario::seeds::{self, BaselineFigures, Figure};
use crate::scenario::InputError;
use std::rc::Rc;
use yew::prelude::*;

/// A figure's unit in `lang` (empty when the seeds do not have the figure).
pub fn unit(figure: Option<&Figure>, lang: Lang) -> String {
    figure
        .map(|f| lang.pick(&f.unit_zh, &f.unit_en).to_string())
        .unwrap_or_default()
}

/// Whether the official value of a figure is an estimate (not a published statistic).
pub fn is_estimate(figure: Option<&Figure>) -> bool {
    figure.is_none_or(|f| f.status != "official")
}

/// Every digit of a figure with its unit: `30,000个`, `30,000.5 places`, `95.5%`.
pub fn figure_text(value: f64, unit: &str, lang: Lang) -> String {
    super::format::text_with_unit(&lever_display(value), unit, lang)
}

#[derive(Properties, PartialEq)]
pub struct BaselineEditorProps {
    pub lang: Lang,
    /// The official engine (its figures are the official values).
    pub official: Rc<EngineRef>,
    /// The figures edited from the official ones.
    pub edited: BaselineEdits,
    /// Why the last edit could not be applied.
    pub error: Option<InputError>,
    pub dispatch: UseReducerDispatcher<Workbench>,
}

#[function_component(BaselineEditor)]
pub fn baseline_editor(props: &BaselineEditorProps) -> Html {
    let lang = props.lang;
    let figures: Rc<BaselineFigures> = use_memo((), |_| seeds::baseline_figures());
    // One delegated handler for the "source" links: the Sources tab at the figure.
    let on_click = use_tab_links(props.dispatch.clone(), "data-figure", Tab::Sources);
    let controls = STOCKS.iter().map(|spec| {
        let official = props.official.0.baseline().stock(spec.stock);
        html! {
            <FigureControl key={spec.key} spec={*spec} figure={spec.figure(&figures).cloned()}
                official={official} edited={props.edited.get(spec.stock)}
                lang={lang} dispatch={props.dispatch.clone()} />
        }
    });
    html! {
        <section class="baseline-editor" id="baseline-editor" aria-labelledby="baseline-editor-heading"
            onclick={on_click}>
            <h2 id="baseline-editor-heading">{ i18n::FIGURES_HEADING.get(lang) }</h2>
            <p class="hint">{ i18n::FIGURES_HINT.get(lang) }</p>
            { for controls }
            if let Some(error) = &props.error {
                <p id="baseline-figures-error" class="input-error" role="alert">
                    { i18n::FIGURE_EDIT_FAILED.get(lang) }{ error.message(lang.error_code()) }
                </p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct FigureControlProps {
    pub spec: StockSpec,
    /// The seeds entry of the figure (unit, status, source).
    pub figure: Option<Figure>,
    pub official: f64,
    /// The analyst's value, if edited.
    pub edited: Option<f64>,
    pub lang: Lang,
    pub dispatch: UseReducerDispatcher<Workbench>,
}

/// The inline message for a figure's typed text, naming the figure.
fn problem_message(problem: InputProblem, spec: &StockSpec, lang: Lang) -> String {
    let text = match problem {
        InputProblem::Empty => i18n::FIGURE_EMPTY.get(lang).to_string(),
        InputProblem::NotANumber => i18n::FIGURE_NOT_A_NUMBER.get(lang).to_string(),
        InputProblem::OutOfRange => {
            let (min, max) = spec.range();
            i18n::figure_out_of_range(lang, &lever_display(min), &lever_display(max))
        }
    };
    i18n::figure_problem(lang, spec.label(lang.error_code()), &text)
}

/// One figure: label, provenance badge, number field, unit, reset; range, official value and
/// source below; the message while the typed text is invalid.
#[function_component(FigureControl)]
pub fn figure_control(props: &FigureControlProps) -> Html {
    let lang = props.lang;
    let spec = props.spec;
    let key = spec.key;
    let value = props.edited.unwrap_or(props.official);
    let (min, max) = spec.range();
    let field = {
        let dispatch = props.dispatch.clone();
        let stock = spec.stock;
        use_number_field(
            value,
            min,
            max,
            Callback::from(move |v: f64| dispatch.dispatch(Action::SetBaselineFigure(stock, v))),
        )
    };
    let on_reset = {
        let dispatch = props.dispatch.clone();
        let stock = spec.stock;
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ResetBaselineFigure(stock)))
    };
    let figure = props.figure.as_ref();
    let unit = unit(figure, lang);
    let estimate = is_estimate(figure);
    let label = spec.label(lang.error_code());
    let edited = props.edited.is_some();
    let input_id = format!("baseline-figure-{key}");
    let error_id = format!("{input_id}-error");
    let range_id = format!("{input_id}-range");
    let described = if field.problem.is_some() {
        format!("{error_id} {range_id}")
    } else {
        range_id.clone()
    };
    let range_text = format!(
        "{} {} – {} · {}",
        i18n::VALID_RANGE.get(lang),
        lever_display(min),
        figure_text(max, &unit, lang),
        i18n::official_value(lang, &figure_text(props.official, &unit, lang), estimate),
    );
    let reset_label = format!(
        "{}{}{label}",
        i18n::FIGURE_RESET.get(lang),
        i18n::COLON.get(lang)
    );
    html! {
        <div class={classes!("lever", "baseline-figure", edited.then_some("lever-changed"))}
            id={format!("{input_id}-control")}>
            <div class="lever-head">
                <label class="lever-label" for={input_id.clone()}>{ label }</label>
                <span class={classes!("badge", if estimate { "badge-estimate" } else { "badge-official" })}>
                    { if estimate { i18n::STATUS_ESTIMATE.get(lang) } else { i18n::STATUS_OFFICIAL.get(lang) } }
                </span>
            </div>
            <div class="lever-inputs figure-inputs">
                <input type="number" id={input_id.clone()} class="lever-number"
                    min={lever_text(min)} max={lever_text(max)} step={lever_text(spec.step)}
                    value={field.text} aria-invalid={field.problem.is_some().to_string()}
                    aria-describedby={described}
                    oninput={field.oninput} onchange={field.onchange} onblur={field.onblur}
                    onkeydown={field.onkeydown} />
                <span class="lever-unit">{ unit.clone() }</span>
                <button type="button" id={format!("{input_id}-reset")} class="icon-button lever-reset"
                    disabled={!edited} onclick={on_reset} title={reset_label.clone()}
                    aria-label={reset_label}>
                    <span aria-hidden="true">{ "↺" }</span>
                </button>
            </div>
            <p class="lever-range-text" id={range_id}>
                { range_text }{ " · " }
                <a href={format!("#figure-{}", spec.figure_id)} data-figure={format!("figure-{}", spec.figure_id)}>
                    { i18n::FIGURE_SOURCE_LINK.get(lang) }
                </a>
            </p>
            if let Some(problem) = field.problem {
                <p class="input-error" id={error_id} role="alert">{ problem_message(problem, &spec, lang) }</p>
            }
        </div>
    }
}

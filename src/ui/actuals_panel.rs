//! The actuals panel (`#actuals-panel`, 实际完成): one row per target that takes reported figures
//! and one for the year-end resident population, a field per plan year up to the current one
//! (that year marked preliminary) showing the unit and what the model projected, a source
//! note per row, and each row's progress against schedule. A typed figure is applied on Enter
//! or when the field is left; a bad one is named in the page's language and changes nothing.

use super::dashboard::{data_value, progress_view, EngineRef};
use super::format;
use super::i18n::{self, Lang};
use super::state::{Action, RefusedActual, Workbench};
use crate::model::actuals::Reported;
use crate::scenario::actuals::POPULATION_KEY;
use crate::scenario::Run;
use std::collections::BTreeMap;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ActualsPanelProps {
    pub lang: Lang,
    pub engine: Rc<EngineRef>,
    /// The run in use (on the reported figures).
    pub run: Rc<Run>,
    /// The same levers' run without reported figures (`None` while there are none).
    pub model_run: Option<Rc<Run>>,
    pub as_of: i32,
    pub notes: BTreeMap<(String, i32), String>,
    pub error: Option<RefusedActual>,
    pub dispatch: UseReducerDispatcher<Workbench>,
}

/// One row of the panel: its key, label, unit, what it reports.
struct Row {
    key: String,
    label: String,
    unit: String,
    what: Reported,
    note: Option<&'static str>,
}

fn rows(engine: &crate::scenario::Engine, lang: Lang) -> Vec<Row> {
    let mut rows = vec![Row {
        key: POPULATION_KEY.to_string(),
        label: i18n::ACTUALS_POPULATION.get(lang).to_string(),
        unit: i18n::PERSONS.get(lang).to_string(),
        what: Reported::Population,
        note: Some(i18n::ACTUALS_GROWTH_NOTE.get(lang)),
    }];
    for (def, t) in engine.plan().targets.iter().zip(engine.targets()) {
        let what = Reported::Metric(t.metric());
        if what.range().is_some() {
            rows.push(Row {
                key: def.id.clone(),
                label: lang.pick(&def.label_zh, &def.label_en).to_string(),
                unit: lang.pick(&def.unit_zh, &def.unit_en).to_string(),
                what,
                note: None,
            });
        }
    }
    rows
}

/// The model's value of a row in a year.
fn model_value(run: &Run, what: Reported, year: i32) -> Option<f64> {
    let y = run.projection.years.iter().find(|y| y.year == year)?;
    Some(match what {
        Reported::Population => y.population,
        Reported::Metric(m) => m.yearly(y),
    })
}

#[function_component(ActualsPanel)]
pub fn actuals_panel(props: &ActualsPanelProps) -> Html {
    let lang = props.lang;
    let engine = &props.engine.0;
    let actuals = engine.baseline().actuals();
    let model = props.model_run.as_deref().unwrap_or(&props.run);
    let base_year = engine.baseline().base_year();
    let years: Vec<i32> = (base_year + 1..=props.as_of.min(base_year + 4)).collect();
    if years.is_empty() {
        return html! {
            <section id="actuals-panel" class="actuals-panel" aria-labelledby="actuals-heading">
                <h2 id="actuals-heading">{ i18n::ACTUALS_HEADING.get(lang) }</h2>
                <p class="hint">{ i18n::ACTUALS_NONE_YET.get(lang) }</p>
            </section>
        };
    }
    let on_change = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let (Some(key), Some(year)) = (
                input.get_attribute("data-row"),
                input
                    .get_attribute("data-year")
                    .and_then(|y| y.parse::<i32>().ok()),
            ) else {
                if let (Some(key), Some(year)) = (
                    input.get_attribute("data-note"),
                    input
                        .get_attribute("data-note-year")
                        .and_then(|y| y.parse::<i32>().ok()),
                ) {
                    dispatch.dispatch(Action::SetActualNote {
                        key,
                        year,
                        text: input.value(),
                    });
                }
                return;
            };
            dispatch.dispatch(Action::SetActual {
                key,
                year,
                text: input.value(),
            });
        })
    };
    // Each row's progress: its target's, and for the population row the growth target's.
    let progress_of: BTreeMap<String, _> = engine
        .plan()
        .targets
        .iter()
        .zip(engine.targets())
        .zip(&props.run.progress)
        .filter_map(|((def, t), p)| {
            let row = match t.metric() {
                crate::model::targets::Metric::ResidentGrowthAvgPct => POPULATION_KEY.to_string(),
                _ => def.id.clone(),
            };
            p.map(|p| (row, (def, p)))
        })
        .collect();
    let body = rows(engine, lang).into_iter().map(|row| {
        let open = engine.reportable_years(row.what, props.as_of);
        let cells = years.iter().map(|&year| {
            if !open.contains(&year) {
                return html! { <td class="actual-cell actual-closed">{ format::MISSING }</td> };
            }
            let id = format!("actual-{}-{year}", row.key);
            let value = actuals.get(row.what, year);
            let refused = props
                .error
                .as_ref()
                .filter(|r| r.key == row.key && r.year == year);
            let hint = model_value(model, row.what, year)
                .map(|v| format!("{} {}", i18n::ACTUALS_MODEL.get(lang), format::exact(v, lang)))
                .unwrap_or_default();
            let preliminary = year == props.as_of;
            html! {
                <td class="actual-cell">
                    <input type="text" inputmode="decimal" id={id.clone()} class="actual-input"
                        data-row={row.key.clone()} data-year={year.to_string()}
                        value={refused.map_or_else(|| value.map(data_value).unwrap_or_default(), |r| r.text.clone())}
                        aria-invalid={refused.is_some().then_some("true")}
                        aria-label={format!("{} {year}{} ({})", row.label,
                            if preliminary { format!(" {}", i18n::ACTUALS_PRELIMINARY.get(lang)) } else { String::new() },
                            row.unit)}
                        onchange={on_change.clone()} />
                    <span class="actual-hint" id={format!("{id}-model")}>{ hint }</span>
                    <input type="text" class="actual-note" id={format!("actual-note-{}-{year}", row.key)}
                        data-note={row.key.clone()} data-note-year={year.to_string()} maxlength="200"
                        placeholder={i18n::ACTUALS_NOTE.get(lang)}
                        value={props.notes.get(&(row.key.clone(), year)).cloned().unwrap_or_default()}
                        aria-label={format!("{} {year} {}", row.label, i18n::ACTUALS_NOTE.get(lang))}
                        onchange={on_change.clone()} />
                </td>
            }
        });
        let progress = progress_of
            .get(&row.key)
            .map(|(def, p)| progress_view(def, p, lang));
        html! {
            <tr id={format!("actual-row-{}", row.key)}>
                <th scope="row">
                    { row.label.clone() }<span class="actual-unit">{ format!(" ({})", row.unit) }</span>
                    if let Some(note) = row.note {
                        <span class="hint">{ format!(" — {note}") }</span>
                    }
                </th>
                { for cells }
                <td class="actual-progress">{ progress.unwrap_or_default() }</td>
            </tr>
        }
    });
    let on_clear = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ClearActuals))
    };
    html! {
        <section id="actuals-panel" class="actuals-panel" aria-labelledby="actuals-heading">
            <h2 id="actuals-heading">{ i18n::ACTUALS_HEADING.get(lang) }</h2>
            <p class="hint">{ i18n::ACTUALS_HINT.get(lang) }</p>
            <p class="hint" id="progress-legend">{ crate::scenario::status::progress::thresholds_text(lang == Lang::Zh) }</p>
            if let Some(refused) = &props.error {
                <p id="actual-error" class="input-error" role="alert">
                    { i18n::ACTUALS_REFUSED.get(lang) }{ refused.error.message(lang.error_code()) }
                </p>
            }
            <div class="table-scroll">
                <table id="actuals-table" class="actuals-table">
                    <thead>
                        <tr>
                            <th scope="col">{ i18n::COL_TARGET.get(lang) }</th>
                            { for years.iter().map(|&y| html! {
                                <th scope="col" class="num">
                                    { y.to_string() }
                                    if y == props.as_of {
                                        <span class="actual-preliminary">{ format!(" ({})", i18n::ACTUALS_PRELIMINARY.get(lang)) }</span>
                                    }
                                </th>
                            }) }
                            <th scope="col" class="col-progress">{ i18n::COL_PROGRESS.get(lang) }</th>
                        </tr>
                    </thead>
                    <tbody>{ for body }</tbody>
                </table>
            </div>
            if !actuals.is_empty() {
                <button type="button" id="actuals-clear" class="button" onclick={on_clear}>
                    { i18n::ACTUALS_CLEAR.get(lang) }
                </button>
            }
        </section>
    }
}

//! The target dashboard (`#targets-table`): every target of the work plan with its clause,
//! responsible units, projected value, threshold, margin, Monte Carlo probability and status
//! (text, icon and colour), plus scenario A, B and their difference while comparing.

use super::format;
use super::i18n::{self, Lang};
use super::state::{Action, Workbench};
use crate::model::targets::{Comparator, Progress};
use crate::scenario::seeds::TargetDef;
use crate::scenario::status::{self, Status};
use crate::scenario::{Engine, Run};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TargetDashboardProps {
    pub lang: Lang,
    pub engine: Rc<EngineRef>,
    pub run: Rc<Run>,
    /// Scenario A's run while comparing.
    #[prop_or_default]
    pub compare: Option<Rc<Run>>,
    /// Attainment probabilities (fractions 0–1) in plan order, once the Monte Carlo has run.
    #[prop_or_default]
    pub mc_probabilities: Option<Vec<f64>>,
    pub dispatch: UseReducerDispatcher<Workbench>,
}

/// An engine compared by identity (it has no `PartialEq`; identity is what matters for
/// re-rendering: a new engine means a new baseline).
pub struct EngineRef(pub Rc<Engine>);

impl PartialEq for EngineRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The full-precision text of a number for `data-value` (reads back to the same f64 in JS).
pub fn data_value(v: f64) -> String {
    format!("{v}")
}

/// The threshold with its comparator: `≥ 2万人`, `> 0.24%`, `介于 1–2条` (the page's one
/// wording of a threshold: the dashboard, the slides, the summary and the meeting table).
pub fn threshold_text(
    def: &TargetDef,
    comparator: Comparator,
    threshold: f64,
    high: f64,
    lang: Lang,
) -> String {
    let unit = lang.pick(&def.unit_zh, &def.unit_en);
    match comparator.symbol() {
        None => format!(
            "{} {}–{}",
            i18n::BETWEEN.get(lang),
            format::number(threshold, lang),
            format::value_with_unit(high, unit, lang)
        ),
        Some(symbol) => format!(
            "{symbol} {}",
            format::value_with_unit(threshold, unit, lang)
        ),
    }
}

/// A target's progress: icon and word of its level, value to date against the schedule, and
/// what each remaining year must deliver (`data-progress` carries the level's id).
pub fn progress_view(def: &TargetDef, p: &Progress, lang: Lang) -> Html {
    let unit = lang.pick(&def.unit_zh, &def.unit_en);
    let level = status::progress::id(p.status);
    let needed = p.still_needed_per_year.map(|n| {
        i18n::still_needed_text(
            lang,
            p.through + 1,
            def.year_end,
            &format::value_with_unit(n, unit, lang),
            &def.evaluate,
        )
    });
    html! {
        <span class="progress" data-progress={level} data-through={p.through.to_string()}>
            <span class="progress-icon" aria-hidden="true">{ status::progress::icon(p.status) }{ " " }</span>
            <span class="progress-text">{ status::progress::label(p.status, lang == Lang::Zh) }</span>
            <span class="progress-detail" data-value={data_value(p.to_date)} data-schedule={data_value(p.schedule)}>
                { format!(" {} / {}", format::value_with_unit(p.to_date, unit, lang),
                    format::value_with_unit(p.schedule, unit, lang)) }
            </span>
            if let Some(n) = needed {
                <span class="progress-needed" data-value={p.still_needed_per_year.map(data_value)}>
                    { format!("{}{n}", lang.pick("；", "; ")) }
                </span>
            }
        </span>
    }
}

/// The comparator of the engine's target `index` (`≥` for an index out of range).
pub fn comparator_of(engine: &Engine, index: usize) -> Comparator {
    engine
        .targets()
        .get(index)
        .map_or(Comparator::AtLeast, |t| t.comparator())
}

/// The class, icon and word of a status level (`None`: the probability is not known yet).
pub fn status_look(
    level: Option<Status>,
    lang: Lang,
) -> (&'static str, &'static str, &'static str) {
    match level {
        Some(Status::Likely) => (
            "status status-met",
            Status::Likely.icon(),
            Status::Likely.label(lang == Lang::Zh),
        ),
        Some(Status::AtRisk) => (
            "status status-at-risk",
            Status::AtRisk.icon(),
            Status::AtRisk.label(lang == Lang::Zh),
        ),
        Some(Status::Unlikely) => (
            "status status-not-met",
            Status::Unlikely.icon(),
            Status::Unlikely.label(lang == Lang::Zh),
        ),
        Some(Status::NoRecord) => (
            "status status-no-record",
            Status::NoRecord.icon(),
            Status::NoRecord.label(lang == Lang::Zh),
        ),
        None => ("status status-pending", "…", i18n::STATUS_PENDING.get(lang)),
    }
}

/// Counts of targets by status, or `None` before the Monte Carlo has a result for every target.
pub fn status_counts(engine: &Engine, probabilities: Option<&[f64]>) -> Option<status::Counts> {
    status::Counts::of(engine, probabilities?)
}

#[function_component(TargetDashboard)]
pub fn target_dashboard(props: &TargetDashboardProps) -> Html {
    let lang = props.lang;
    // One delegated handler for every clause link (stable across renders: no listener churn).
    let on_table_click = use_callback(props.dispatch.clone(), |e: MouseEvent, dispatch| {
        let clause = e
            .target_dyn_into::<web_sys::Element>()
            .and_then(|el| el.closest("a[data-clause]").ok().flatten())
            .and_then(|a| a.get_attribute("data-clause"))
            .and_then(|c| c.parse::<u32>().ok());
        if let Some(clause) = clause {
            e.prevent_default();
            dispatch.dispatch(Action::ShowTask(clause));
        }
    });
    let plan = props.engine.0.plan();
    let comparing = props.compare.is_some();
    let met_count = props.run.outcomes.iter().filter(|o| o.met).count();
    let reporting = props.run.progress.iter().any(Option::is_some);
    let status_counts = status_counts(&props.engine.0, props.mc_probabilities.as_deref());
    let at_threshold = status::at_threshold_probabilities(
        &props.engine.0,
        &props.run.outcomes,
        props.mc_probabilities.as_deref(),
    );
    let rows = plan.targets.iter().enumerate().map(|(i, def)| {
        let Some(outcome) = props.run.outcomes.get(i) else {
            return html! {};
        };
        let unit = lang.pick(&def.unit_zh, &def.unit_en);
        let clause_text = if def.clause == 0 {
            i18n::MAIN_GOALS.get(lang).to_string()
        } else {
            let clause_zh = plan
                .tasks
                .iter()
                .find(|t| t.number == def.clause)
                .map_or("", |t| t.clause_zh.as_str());
            i18n::clause_label(lang, clause_zh, def.clause)
        };
        let units = if lang == Lang::Zh { &def.units_zh } else { &def.units_en };
        let probability = props
            .mc_probabilities
            .as_ref()
            .and_then(|p| p.get(i))
            .copied()
            .filter(|p| p.is_finite());
        let assessed = status::assessed(&props.engine.0, i);
        let on_reported = status::assessed_on_reported_only(&props.engine.0, i);
        // The status follows the probability (三色); until the Monte Carlo has results it says
        // so rather than guessing from the central run.
        let level = probability.and_then(|p| Status::of_target(&props.engine.0, i, p));
        let probability_cell = match probability {
            Some(_) if !assessed => html! {
                <td class="num target-probability" data-no-record="true"
                    title={status::no_record_text(lang == Lang::Zh)}>
                    { format::MISSING }
                    <sup class="no-record-mark" aria-hidden="true">{ "†" }</sup>
                </td>
            },
            Some(p) => html! {
                <td class="num target-probability" data-value={data_value(p)}
                    data-on-reported={on_reported.then_some("true")}
                    title={on_reported.then(|| status::reported_record_text(lang == Lang::Zh))}>
                    { format!("{:.0}%", (p * 100.0).clamp(0.0, 100.0)) }
                    if on_reported { <sup class="no-record-mark" aria-hidden="true">{ "‡" }</sup> }
                </td>
            },
            None => html! { <td class="num target-probability">{ format::MISSING }</td> },
        };
        let (status_class, icon, status_text) = status_look(level, lang);
        let compare_cells: Option<(Html, Html)> = props.compare.as_ref().map(|a| match a.outcomes.get(i) {
            Some(a_outcome) => {
                let delta = outcome.value - a_outcome.value;
                (
                    html! {
                        <td class="num target-value-a" data-value={data_value(a_outcome.value)}>
                            { format::value_with_unit(a_outcome.value, unit, lang) }
                        </td>
                    },
                    html! {
                        <td class="num target-delta" data-value={data_value(delta)}>{ format::signed_difference(delta, unit, lang) }</td>
                    },
                )
            }
            None => (
                html! { <td class="num">{ format::MISSING }</td> },
                html! { <td class="num">{ format::MISSING }</td> },
            ),
        });
        let (a_cell, delta_cell) = match compare_cells {
            Some((a, d)) => (a, d),
            None => (html! {}, html! {}),
        };
        html! {
            <tr id={format!("target-{}", def.id)} class={if outcome.met { "row-met" } else { "row-not-met" }}>
                <td class="target-clause">
                    <a href={format!("#task-{}", def.clause)} data-clause={def.clause.to_string()}>{ clause_text }</a>
                </td>
                <th scope="row" class="target-label">
                    { lang.pick(&def.label_zh, &def.label_en) }
                    <span class="target-units">{ units.join(i18n::LIST_SEPARATOR.get(lang)) }</span>
                </th>
                { a_cell }
                <td class="num target-value" data-value={data_value(outcome.value)}>
                    { format::value_with_unit(outcome.value, unit, lang) }
                </td>
                { delta_cell }
                <td class="num target-threshold" data-value={data_value(outcome.threshold)}>
                    { threshold_text(def, comparator_of(&props.engine.0, i), outcome.threshold, outcome.threshold_high, lang) }
                </td>
                <td class="num target-gap" data-value={data_value(outcome.gap)}>{ format::signed_difference(outcome.gap, unit, lang) }</td>
                { probability_cell }
                <td class="target-status" data-status={level.map(Status::id)}>
                    <span class={status_class}>
                        <span class="status-icon" aria-hidden="true">{ icon }</span>
                        { " " }<span class="status-text">{ status_text }</span>
                    </span>
                </td>
                if reporting {
                    <td class="target-progress">
                        { props.run.progress.get(i).copied().flatten()
                            .map_or_else(|| html! { format::MISSING }, |p| progress_view(def, &p, lang)) }
                    </td>
                }
            </tr>
        }
    });
    let projected_header = if comparing {
        i18n::SCENARIO_B.get(lang)
    } else {
        i18n::COL_PROJECTED.get(lang)
    };
    html! {
        <section class="dashboard" aria-labelledby="targets-heading">
            <div class="section-head">
                <h2 id="targets-heading">{ i18n::TARGETS_HEADING.get(lang) }</h2>
                { match status_counts {
                    Some(c) => html! {
                        <p class="summary-count" id="targets-met-count" data-likely={c.likely.to_string()}
                            data-at-risk={c.at_risk.to_string()} data-unlikely={c.unlikely.to_string()}
                            data-no-record={c.no_record.to_string()}>
                            { i18n::status_counts(lang, plan.targets.len(), c) }
                        </p>
                    },
                    None => html! {
                        <p class="summary-count" id="targets-met-count">
                            <strong>{ format!("{met_count} / {}", plan.targets.len()) }</strong>
                            { " " }{ i18n::SUMMARY_MET.get(lang) }
                        </p>
                    },
                } }
            </div>
            <div class="table-scroll">
                <table id="targets-table" class="data-table targets-table" onclick={on_table_click}>
                    <caption>{ i18n::TARGETS_CAPTION.get(lang) }{ " " }{ i18n::GAP_HINT.get(lang) }</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="col-clause">{ i18n::COL_CLAUSE.get(lang) }</th>
                            <th scope="col">
                                { i18n::COL_TARGET.get(lang) }
                                <span class="target-units">{ i18n::COL_UNITS.get(lang) }</span>
                            </th>
                            if comparing {
                                <th scope="col" class="num">{ i18n::SCENARIO_A.get(lang) }</th>
                            }
                            <th scope="col" class="num">{ projected_header }</th>
                            if comparing {
                                <th scope="col" class="num">{ i18n::DELTA.get(lang) }</th>
                            }
                            <th scope="col" class="num">{ i18n::COL_THRESHOLD.get(lang) }</th>
                            <th scope="col" class="num col-gap">{ i18n::COL_GAP.get(lang) }</th>
                            <th scope="col" class="num col-probability">{ i18n::COL_PROBABILITY.get(lang) }</th>
                            <th scope="col" class="col-status">{ i18n::COL_STATUS.get(lang) }</th>
                            if reporting {
                                <th scope="col">{ i18n::COL_PROGRESS.get(lang) }</th>
                            }
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <p id="status-legend" class="hint">{ status::thresholds_text(lang == Lang::Zh) }</p>
            if reporting {
                <p id="progress-status-legend" class="hint">{ status::progress::thresholds_text(lang == Lang::Zh) }</p>
            }
            <p id="no-record-legend" class="hint">{ "† " }{ status::no_record_text(lang == Lang::Zh) }</p>
            if (0..plan.targets.len()).any(|k| status::assessed_on_reported_only(&props.engine.0, k)) {
                <p id="reported-record-legend" class="hint">{ "‡ " }{ status::reported_record_text(lang == Lang::Zh) }</p>
            }
            if let Some(last) = props.run.projection.years.last() {
                <p id="model-indicators" class="hint" data-value={data_value(last.affordable_coverage_pct)}>
                    { i18n::affordable_coverage_indicator(lang, last.year, last.affordable_coverage_pct) }
                </p>
            }
            if let Some((count, low, high)) = at_threshold {
                <p id="targets-at-threshold" class="hint" data-count={count.to_string()}>
                    { i18n::at_threshold_note(lang, count, low, high) }
                </p>
            }
        </section>
    }
}

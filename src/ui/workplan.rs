//! The work plan browser (`#workplan`): the main goals and all 32 tasks with section, clause,
//! Chinese title and full text, English title and responsible units; filterable by unit and by
//! text; each task lists its quantitative targets and the levers that move them.

use super::dashboard::EngineRef;
use super::i18n::{self, Lang};
use super::state::{Action, Workbench};
use super::workplan_search::task_matches;
use crate::model::levers::LeverId;
use crate::scenario::seeds::{Task, WorkPlan};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Which levers move each target metric (metric ids of `seeds/workplan.toml` → lever keys).
/// Read from the formulas in `src/model/projection.rs` and `targets.rs`: a lever is listed when
/// changing it changes the metric's value or its threshold.
pub const METRIC_LEVERS: &[(&str, &[&str])] = &[
    (
        "resident_growth_avg_pct",
        &["tfr", "mab", "e0f", "e0m", "srb", "mig", "migm", "qzg"],
    ),
    (
        "new_urban_jobs_cum",
        &["lfp", "ur", "gdp", "el", "to", "mig", "migm", "e0f", "e0m"],
    ),
    (
        "migrant_children_public_pct",
        &["mpup", "lpub", "plc", "plp", "mig", "tfr"],
    ),
    ("affordable_units_cum", &["aff"]),
    (
        "affordable_need_coverage_pct",
        &["aff", "mig", "hhs", "hht", "elig", "take"],
    ),
    ("medical_insurance_pct", &["ins", "lap", "insn", "mig"]),
    ("digital_level2_enterprises", &["dig"]),
    ("benchmark_projects", &["bm"]),
    ("new_enterprises_in_production_2025", &["ent"]),
    ("new_sishang_2025", &["ssh"]),
    ("park_entry_increase_pct", &["park"]),
    ("rain_pipe_km_per_year", &["pipe"]),
    ("g5_stations_cum", &["g5"]),
    ("key_industrial_chains", &["chn"]),
];

/// The levers that move a metric (unknown keys are skipped).
pub fn levers_for_metric(metric: &str) -> Vec<LeverId> {
    METRIC_LEVERS
        .iter()
        .find(|(m, _)| *m == metric)
        .map(|(_, keys)| keys.iter().filter_map(|k| LeverId::from_key(k)).collect())
        .unwrap_or_default()
}

/// A responsible unit: English name (the key: the Chinese text abbreviates repeated prefixes)
/// and the fullest Chinese form seen.
#[derive(Clone, PartialEq, Debug)]
pub struct Unit {
    pub en: String,
    pub zh: String,
}

/// Every unit named by a task or target, in order of first mention.
pub fn all_units(plan: &WorkPlan) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let pairs = plan
        .tasks
        .iter()
        .flat_map(|t| t.units_zh.iter().zip(&t.units_en))
        .chain(
            plan.targets
                .iter()
                .flat_map(|t| t.units_zh.iter().zip(&t.units_en)),
        );
    for (zh, en) in pairs {
        match units.iter_mut().find(|u| u.en == *en) {
            // Prefer the form with the district prefix (区人社局 over 人社局).
            Some(u) => {
                if zh.chars().count() > u.zh.chars().count() {
                    u.zh = zh.clone();
                }
            }
            None => units.push(Unit {
                en: en.clone(),
                zh: zh.clone(),
            }),
        }
    }
    units
}


#[derive(Properties, PartialEq)]
pub struct WorkPlanBrowserProps {
    pub lang: Lang,
    pub engine: Rc<EngineRef>,
    /// The unit filter (English name) and the text filter.
    pub unit: Option<String>,
    pub query: String,
    pub dispatch: UseReducerDispatcher<Workbench>,
}

#[function_component(WorkPlanBrowser)]
pub fn work_plan_browser(props: &WorkPlanBrowserProps) -> Html {
    let lang = props.lang;
    let plan = props.engine.0.plan();
    let units = all_units(plan);

    let on_unit = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let value = select.value();
            dispatch.dispatch(Action::SetWorkplanUnit(
                (!value.is_empty()).then_some(value),
            ));
        })
    };
    let on_query = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            dispatch.dispatch(Action::SetWorkplanQuery(input.value()));
        })
    };

    let unit_filter = props.unit.as_deref();
    let shown: Vec<&Task> = plan
        .tasks
        .iter()
        .filter(|t| task_matches(t, unit_filter, &props.query))
        .collect();
    let main_goals_shown = unit_filter.is_none_or(|u| {
        plan.targets
            .iter()
            .any(|t| t.clause == 0 && t.units_en.iter().any(|x| x == u))
    }) && props.query.trim().is_empty();

    let target_list = |clause: u32| -> Html {
        let targets: Vec<_> = plan.targets.iter().filter(|t| t.clause == clause).collect();
        if targets.is_empty() {
            return html! {};
        }
        let items = targets.iter().map(|t| {
            let show = {
                let dispatch = props.dispatch.clone();
                let id = t.id.clone();
                Callback::from(move |e: MouseEvent| {
                    e.prevent_default();
                    dispatch.dispatch(Action::ShowTarget(id.clone()));
                })
            };
            let levers = levers_for_metric(&t.metric);
            let lever_items = levers.iter().map(|id| {
                let spec = id.spec();
                let focus = {
                    let dispatch = props.dispatch.clone();
                    let key = spec.key;
                    Callback::from(move |e: MouseEvent| {
                        e.prevent_default();
                        dispatch.dispatch(Action::ScrollTo(format!("lever-{key}")));
                    })
                };
                html! {
                    <li>
                        <a href={format!("#lever-{}", spec.key)} onclick={focus}>
                            { lang.pick(spec.label_zh, spec.label_en) }
                        </a>
                        { " " }<code>{ spec.key }</code>
                    </li>
                }
            });
            html! {
                <li class="task-target">
                    <a href={format!("#target-{}", t.id)} onclick={show} title={i18n::SHOW_IN_DASHBOARD.get(lang)}>
                        { lang.pick(&t.label_zh, &t.label_en) }
                    </a>
                    <p class="task-target-reading">{ lang.pick(t.reading_zh(), t.reading_en()) }</p>
                    <p class="task-levers-label">{ i18n::TASK_LEVERS.get(lang) }</p>
                    <ul class="task-levers">{ for lever_items }</ul>
                </li>
            }
        });
        html! {
            <div class="task-targets">
                <h4>{ i18n::TASK_TARGETS.get(lang) }</h4>
                <ul>{ for items }</ul>
            </div>
        }
    };

    let sections = plan.sections.iter().map(|section| {
        let tasks: Vec<&&Task> = shown.iter().filter(|t| t.section == section.number).collect();
        let is_goals = section.number == 1;
        if tasks.is_empty() && !(is_goals && main_goals_shown) {
            return html! {};
        }
        let goals = if is_goals && main_goals_shown {
            let quotes: Vec<&str> = {
                let mut q: Vec<&str> = plan
                    .targets
                    .iter()
                    .filter(|t| t.clause == 0)
                    .map(|t| t.quote_zh())
                    .collect();
                q.dedup();
                q
            };
            html! {
                <article class="task" id="task-0" tabindex="-1">
                    <h4 class="task-title">{ i18n::MAIN_GOALS.get(lang) }</h4>
                    { for quotes.iter().map(|q| html! { <p class="task-text" lang="zh-CN">{ *q }</p> }) }
                    { target_list(0) }
                </article>
            }
        } else {
            html! {}
        };
        let articles = tasks.iter().map(|task| {
            html! {
                <article class="task" id={format!("task-{}", task.number)} tabindex="-1">
                    <h4 class="task-title">
                        <span class="task-clause">{ &task.clause_zh }</span>
                        <span lang="zh-CN">{ &task.title_zh }</span>
                    </h4>
                    <p class="task-title-en" lang="en">{ &task.title_en }</p>
                    <p class="task-text" lang="zh-CN">{ task.text_zh() }</p>
                    <p class="task-units">
                        <span class="task-units-label">{ i18n::TASK_UNITS.get(lang) }{ i18n::COLON.get(lang) }</span>
                        { if lang == Lang::Zh { task.units_zh.join(i18n::LIST_SEPARATOR.zh) } else { task.units_en.join(i18n::LIST_SEPARATOR.en) } }
                    </p>
                    { target_list(task.number) }
                </article>
            }
        });
        html! {
            <section class="plan-section" aria-labelledby={format!("plan-section-{}", section.number)}>
                <h3 id={format!("plan-section-{}", section.number)}>
                    <span lang="zh-CN">{ &section.heading_zh }</span>
                    if lang == Lang::En {
                        <span class="heading-en">{ " · " }{ &section.heading_en }</span>
                    }
                </h3>
                { goals }
                { for articles }
            </section>
        }
    });

    let unit_options = units.iter().map(|u| {
        let selected = props.unit.as_deref() == Some(u.en.as_str());
        html! {
            <option value={u.en.clone()} selected={selected}>
                { if lang == Lang::Zh { u.zh.clone() } else { u.en.clone() } }
            </option>
        }
    });

    html! {
        <section id="workplan" class="workplan" aria-labelledby="workplan-heading">
            <h2 id="workplan-heading">{ i18n::WORKPLAN_HEADING.get(lang) }</h2>
            <p class="doc-title" lang="zh-CN">
                { &plan.document.title_zh }{ " " }{ &plan.document.doc_number }
            </p>
            if lang == Lang::En {
                <p class="doc-title-en">{ &plan.document.title_en }</p>
            }
            <div class="filters">
                <label class="filter">
                    <span>{ i18n::UNIT_FILTER.get(lang) }</span>
                    <select id="unit-filter" onchange={on_unit}>
                        <option value="" selected={props.unit.is_none()}>{ i18n::ALL_UNITS.get(lang) }</option>
                        { for unit_options }
                    </select>
                </label>
                <label class="filter filter-text">
                    <span>{ i18n::TEXT_FILTER.get(lang) }</span>
                    <input type="search" id="workplan-search" value={props.query.clone()}
                        placeholder={i18n::TEXT_FILTER_PLACEHOLDER.get(lang)} oninput={on_query} />
                </label>
                <p class="filter-count" id="workplan-count" aria-live="polite">
                    { i18n::tasks_shown(lang, shown.len(), plan.tasks.len()) }
                </p>
            </div>
            if shown.is_empty() && !main_goals_shown {
                <p class="empty">{ i18n::NO_TASKS.get(lang) }</p>
            }
            { for sections }
        </section>
    }
}

//! The dashboard's charts: turns a run (and scenario A's run while comparing) into the
//! `LineChart` and `Pyramid` components — population, age pyramid, jobs, employment,
//! housing, school places and insurance — with the plan's target lines.

use super::charts::{LineChart, Pyramid, Series};
use super::format;
use super::i18n::{self, Lang, Tr};
use super::mc_view::bands;
use crate::model::actuals::{Actuals, Reported};
use crate::model::cohort::{FEMALE, MALE};
use crate::model::montecarlo::Series as McSeries;
use crate::model::projection::YearResult;
use crate::model::targets::Metric;
use crate::scenario::mc_messages::McSummary;
use crate::scenario::seeds::WorkPlan;
use crate::scenario::Run;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChartPanelProps {
    pub lang: Lang,
    pub run: Rc<Run>,
    /// Scenario A's run while comparing: drawn dashed on every line chart.
    #[prop_or_default]
    pub compare: Option<Rc<Run>>,
    /// The threshold of the new-urban-jobs target (cumulative), if the plan has one.
    pub jobs_target: Option<f64>,
    /// The threshold of the insurance-participation target (%), if the plan has one.
    pub insurance_target: Option<f64>,
    /// The Monte Carlo summary of the current scenario: uncertainty bands on the charts.
    #[prop_or_default]
    pub mc: Option<Rc<McSummary>>,
    /// A Monte Carlo run of the current scenario is under way (the axes wait for its bands).
    #[prop_or_default]
    pub mc_running: bool,
    /// The reported figures in use (drawn as labelled points on their charts).
    #[prop_or_default]
    pub actuals: Actuals,
}

/// The run's points of the reported years of `what`: each year's value, or for a flow the
/// running total over the run of reported years from the first projected year.
fn reported_points(
    run: &Run,
    actuals: &Actuals,
    what: Reported,
    cumulative_of: Option<fn(&YearResult) -> f64>,
    read: fn(&YearResult) -> f64,
) -> Vec<(i32, f64)> {
    let years = run.projection.years.iter().skip(1);
    match cumulative_of {
        Some(flow) => {
            let mut total = 0.0;
            years
                .map_while(|y| {
                    actuals.get(what, y.year)?;
                    total += flow(y);
                    Some((y.year, total))
                })
                .collect()
        }
        None => years
            .filter(|y| actuals.get(what, y.year).is_some())
            .map(|y| (y.year, read(y)))
            .collect(),
    }
}

/// The threshold of the plan's target on `metric`, if any.
pub fn target_threshold(plan: &WorkPlan, metric: &str) -> Option<f64> {
    plan.targets
        .iter()
        .find(|t| t.metric == metric)
        .map(|t| t.threshold)
}

/// `(year, value)` for every year of the run, base year included.
fn yearly(run: &Run, read: fn(&YearResult) -> f64) -> Vec<(i32, f64)> {
    run.projection
        .years
        .iter()
        .map(|y| (y.year, read(y)))
        .collect()
}

/// Running totals of a flow over the projected years (the base year has no flow).
fn cumulative(run: &Run, read: fn(&YearResult) -> f64) -> Vec<(i32, f64)> {
    let mut total = 0.0;
    run.projection
        .years
        .iter()
        .skip(1)
        .map(|y| {
            total += read(y);
            (y.year, total)
        })
        .collect()
}

/// One quantity to draw: its label, colour and how to read it from a run.
struct Line {
    label: Tr,
    color: usize,
    points: fn(&Run) -> Vec<(i32, f64)>,
}

/// Scenario B's series (solid) followed by scenario A's (dashed), one per line.
fn series(lines: &[Line], run: &Run, compare: Option<&Run>, lang: Lang) -> Vec<Series> {
    let mut out: Vec<Series> = lines
        .iter()
        .map(|l| Series {
            label: l.label.get(lang).to_string(),
            points: (l.points)(run),
            dashed: false,
            color: l.color,
        })
        .collect();
    if let Some(a) = compare {
        out.extend(lines.iter().map(|l| Series {
            label: format!("{}{}", l.label.get(lang), i18n::SUFFIX_A.get(lang)),
            points: (l.points)(a),
            dashed: true,
            color: l.color,
        }));
    }
    out
}

#[function_component(ChartPanel)]
pub fn chart_panel(props: &ChartPanelProps) -> Html {
    let lang = props.lang;
    let run = props.run.as_ref();
    let compare = props.compare.as_deref();
    let persons = i18n::UNIT_PERSONS.get(lang);
    let band = |series: McSeries| bands(props.mc.as_deref(), run, series);
    let pending = props.mc_running;
    let target_line = |value: f64, unit: &str| -> (f64, AttrValue) {
        let text = format::value_with_unit(value, unit, lang);
        (value, AttrValue::from(i18n::target_line_label(lang, &text)))
    };

    let population = series(
        &[Line {
            label: i18n::SERIES_POPULATION,
            color: 0,
            points: |r| yearly(r, |y| y.population),
        }],
        run,
        compare,
        lang,
    );
    let jobs = series(
        &[Line {
            label: i18n::SERIES_JOBS_CUM,
            color: 0,
            points: |r| cumulative(r, |y| y.new_urban_jobs),
        }],
        run,
        compare,
        lang,
    );
    let employed = series(
        &[Line {
            label: i18n::SERIES_EMPLOYED,
            color: 2,
            points: |r| yearly(r, |y| y.employed),
        }],
        run,
        compare,
        lang,
    );
    let housing = series(
        &[
            Line {
                label: i18n::SERIES_AFFORDABLE_NEED_CUM,
                color: 1,
                points: |r| cumulative(r, |y| y.affordable_need),
            },
            Line {
                label: i18n::SERIES_AFFORDABLE_SUPPLY_CUM,
                color: 0,
                points: |r| cumulative(r, |y| y.affordable_supply),
            },
            Line {
                label: i18n::SERIES_HOUSING_NEED,
                color: 4,
                points: |r| {
                    r.projection
                        .years
                        .iter()
                        .skip(1)
                        .map(|y| (y.year, y.housing_need))
                        .collect()
                },
            },
        ],
        run,
        compare,
        lang,
    );
    let primary = series(
        &[
            Line {
                label: i18n::SERIES_PRIMARY_PUPILS,
                color: 1,
                points: |r| yearly(r, |y| y.primary_pupils),
            },
            Line {
                label: i18n::SERIES_PRIMARY_PLACES,
                color: 0,
                points: |r| yearly(r, |y| y.primary_capacity),
            },
        ],
        run,
        compare,
        lang,
    );
    let junior = series(
        &[
            Line {
                label: i18n::SERIES_JUNIOR_PUPILS,
                color: 1,
                points: |r| yearly(r, |y| y.junior_pupils),
            },
            Line {
                label: i18n::SERIES_JUNIOR_PLACES,
                color: 0,
                points: |r| yearly(r, |y| y.junior_capacity),
            },
        ],
        run,
        compare,
        lang,
    );
    let insurance = series(
        &[Line {
            label: i18n::SERIES_INSURANCE,
            color: 3,
            points: |r| yearly(r, |y| y.insurance_pct),
        }],
        run,
        compare,
        lang,
    );

    let populations = &run.projection.populations;
    let actuals = &props.actuals;
    let reported_population =
        reported_points(run, actuals, Reported::Population, None, |y| y.population);
    let reported_jobs = reported_points(
        run,
        actuals,
        Reported::Metric(Metric::NewUrbanJobsCum),
        Some(|y| y.new_urban_jobs),
        |_| 0.0,
    );
    let reported_housing = reported_points(
        run,
        actuals,
        Reported::Metric(Metric::AffordableUnitsCum),
        Some(|y| y.affordable_supply),
        |_| 0.0,
    );
    let reported_insurance = reported_points(
        run,
        actuals,
        Reported::Metric(Metric::MedicalInsurancePct),
        None,
        |y| y.insurance_pct,
    );
    let pyramid = match (populations.first(), populations.last()) {
        (Some(base), Some(last)) => html! {
            <Pyramid id="chart-pyramid" title={i18n::CHART_PYRAMID.get(lang)} lang={lang}
                male={last.sex(MALE).to_vec()} female={last.sex(FEMALE).to_vec()}
                compare_male={Some(base.sex(MALE).to_vec())} compare_female={Some(base.sex(FEMALE).to_vec())}
                label={i18n::PYRAMID_2028.get(lang)} compare_label={i18n::PYRAMID_BASE.get(lang)} />
        },
        _ => html! {},
    };

    html! {
        <section class="charts" aria-labelledby="charts-heading">
            <h2 id="charts-heading">{ i18n::CHARTS_HEADING.get(lang) }</h2>
            <div class="chart-grid">
                <LineChart id="chart-population" title={i18n::CHART_POPULATION.get(lang)} unit={persons}
                    lang={lang} series={population} bands={band(McSeries::Population)} bands_pending={pending}
                    reported={reported_population} />
                { pyramid }
                <LineChart id="chart-jobs" title={i18n::CHART_JOBS.get(lang)} unit={persons}
                    lang={lang} series={jobs} bands={band(McSeries::NewUrbanJobsCumulative)} bands_pending={pending} y_from_zero=true
                    target={props.jobs_target.map(|t| target_line(t, persons))} reported={reported_jobs} />
                <LineChart id="chart-employed" title={i18n::CHART_EMPLOYED.get(lang)} unit={persons}
                    lang={lang} series={employed} bands={band(McSeries::Employed)} bands_pending={pending} />
                <LineChart id="chart-housing" title={i18n::CHART_HOUSING.get(lang)}
                    unit={i18n::UNIT_HOUSING.get(lang)} lang={lang} series={housing}
                    bands={band(McSeries::AffordableNeedCumulative)} bands_pending={pending} y_from_zero=true
                    reported={reported_housing} />
                <LineChart id="chart-schools-primary" title={i18n::CHART_SCHOOLS_PRIMARY.get(lang)}
                    unit={i18n::UNIT_PUPILS.get(lang)} lang={lang} series={primary}
                    bands={band(McSeries::PrimaryPupils)} bands_pending={pending} />
                <LineChart id="chart-schools-junior" title={i18n::CHART_SCHOOLS_JUNIOR.get(lang)}
                    unit={i18n::UNIT_PUPILS.get(lang)} lang={lang} series={junior}
                    bands={band(McSeries::JuniorPupils)} bands_pending={pending} />
                <LineChart id="chart-insurance" title={i18n::CHART_INSURANCE.get(lang)}
                    unit={i18n::UNIT_PERCENT.get(lang)} lang={lang} series={insurance}
                    bands={band(McSeries::InsurancePct)} bands_pending={pending}
                    target={props.insurance_target.map(|t| target_line(t, "%"))} reported={reported_insurance} />
            </div>
        </section>
    }
}

//! The population pyramid: single-year ages summed into five-year
//! groups (0–4 … 95–99, 100+), men on the left, women on the right, an optional comparison
//! population drawn as outlines, focusable bars with tooltips, and a data table.

use yew::prelude::*;

use super::scale::{age_group_label, age_groups, coord, nice_axis, text_width, Linear};
use super::{box_swatch, mark_events, no_data, table_summary, tooltip, tr, Active, Tip, PALETTE};
use crate::ui::format;
use crate::ui::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct PyramidProps {
    /// The figure's id; the SVG gets `{id}-svg`.
    pub id: AttrValue,
    pub title: AttrValue,
    pub lang: Lang,
    /// Men by single year of age (index = age; ages 100+ go to the open group).
    pub male: Vec<f64>,
    /// Women by single year of age.
    pub female: Vec<f64>,
    #[prop_or_default]
    pub compare_male: Option<Vec<f64>>,
    #[prop_or_default]
    pub compare_female: Option<Vec<f64>>,
    /// The name of the population shown as bars.
    pub label: AttrValue,
    /// The name of the comparison population (outlines).
    #[prop_or_default]
    pub compare_label: AttrValue,
}

const W: f64 = 460.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 30.0;
/// The least outer margin on each side; it grows to fit half the widest tick label.
const SIDE: f64 = 8.0;
/// The tick font size margins are estimated for (the largest the stylesheet uses).
const EM: f64 = 17.0;
/// Half the width of the central column holding the age labels.
const GAP: f64 = 30.0;
const ROW: f64 = 15.0;

/// The bar colours: men and women (Okabe–Ito blue and vermillion).
const MEN: &str = PALETTE[0];
const WOMEN: &str = PALETTE[1];

/// Which bar: (age group, 0 = men / 1 = women).
type Key = (usize, usize);

/// A population's group values padded with zeros to `n` groups.
fn padded(single: &[f64], n: usize) -> Vec<f64> {
    let mut g = age_groups(single);
    g.resize(n, 0.0);
    g
}

#[function_component(Pyramid)]
pub fn pyramid(props: &PyramidProps) -> Html {
    let active = use_reducer(Active::<Key>::default);
    let lang = props.lang;
    let id = props.id.as_str();
    let title_id = format!("{id}-svg-title");
    let desc_id = format!("{id}-svg-desc");
    let unit = tr(lang, "人", "persons");
    let sexes = [tr(lang, "男", "Men"), tr(lang, "女", "Women")];

    let compare = props.compare_male.is_some() || props.compare_female.is_some();
    let empty = Vec::new();
    let cm = props.compare_male.as_ref().unwrap_or(&empty);
    let cf = props.compare_female.as_ref().unwrap_or(&empty);
    let n = [&props.male, &props.female, cm, cf]
        .iter()
        .map(|v| age_groups(v).len())
        .max()
        .unwrap_or(0);
    // values[sex][group], compare[sex][group]
    let values = [padded(&props.male, n), padded(&props.female, n)];
    let compares = [padded(cm, n), padded(cf, n)];
    let has_data = n > 0;

    let max = values
        .iter()
        .chain(compare.then_some(&compares).into_iter().flatten())
        .flatten()
        .fold(0.0_f64, |m, v| m.max(*v));
    let axis = nice_axis(0.0, max, 3);
    let tick_labels = format::axis_labels(&axis.ticks, axis.step, lang);

    let rows = n.max(1) as f64;
    let height = TOP + rows * ROW + BOTTOM;
    let cx = W / 2.0;
    let side = tick_labels
        .last()
        .map_or(0.0, |l| text_width(l, EM) / 2.0 + 2.0)
        .max(SIDE);
    let half = cx - GAP - side;
    let len = Linear::new((0.0, axis.hi), (0.0, half));
    let bar_len = |v: f64| len.map(v.max(0.0)).clamp(0.0, half);
    let row_y = |g: usize| TOP + (n.saturating_sub(1).saturating_sub(g)) as f64 * ROW;
    let bottom = TOP + rows * ROW;

    let grid = axis.ticks.iter().zip(&tick_labels).map(|(&t, label)| {
        let d = bar_len(t);
        let xl = coord(cx - GAP - d);
        let xr = coord(cx + GAP + d);
        html! {
            <g class="chart-xtick">
                <line class="chart-gridline" x1={xl.clone()} x2={xl.clone()} y1={coord(TOP)} y2={coord(bottom)} />
                <line class="chart-gridline" x1={xr.clone()} x2={xr.clone()} y1={coord(TOP)} y2={coord(bottom)} />
                <text class="chart-tick" x={xl} y={coord(bottom + 16.0)} text-anchor="middle">{ label.clone() }</text>
                <text class="chart-tick" x={xr} y={coord(bottom + 16.0)} text-anchor="middle">{ label.clone() }</text>
            </g>
        }
    });

    let current = active.current();
    let bars = (0..n).map(|g| {
        let y = row_y(g);
        let age = age_group_label(g);
        let sides = (0..2).map(|sex| {
            let v = values[sex][g];
            let d = bar_len(v);
            let x = if sex == 0 { cx - GAP - d } else { cx + GAP };
            let hit_x = if sex == 0 { cx - GAP - half } else { cx + GAP };
            let fill = if sex == 0 { MEN } else { WOMEN };
            let events = mark_events(&active, (g, sex));
            let is_active = current == Some((g, sex));
            let mut label = format!(
                "{} {} {}{}: {}",
                props.label,
                sexes[sex],
                age,
                tr(lang, "岁", ""),
                format::exact_with_unit(v, unit, lang)
            );
            if compare {
                label.push_str(&format!(
                    "{} {}: {}",
                    tr(lang, "；", "; "),
                    props.compare_label,
                    format::exact_with_unit(compares[sex][g], unit, lang)
                ));
            }
            let outline = compare.then(|| {
                let c = bar_len(compares[sex][g]);
                let ox = if sex == 0 { cx - GAP - c } else { cx + GAP };
                html! {
                    <rect class="chart-compare" x={coord(ox)} y={coord(y + 1.0)} width={coord(c)}
                        height={coord(ROW - 2.0)} />
                }
            });
            html! {
                <g class={classes!("chart-bar", is_active.then_some("chart-point-active"))}
                    tabindex="0" role="img" aria-label={label}
                    onmouseenter={events.onmouseenter} onmouseleave={events.onmouseleave}
                    onfocus={events.onfocus} onblur={events.onblur}>
                    <rect class="chart-hit" x={coord(hit_x)} y={coord(y)} width={coord(half)} height={coord(ROW)} />
                    <rect class="chart-bar-fill" x={coord(x)} y={coord(y + 2.0)} width={coord(d)}
                        height={coord(ROW - 4.0)} fill={fill} />
                    { for outline }
                    if is_active {
                        <rect class="chart-bar-focus" x={coord(hit_x)} y={coord(y)} width={coord(half)} height={coord(ROW)} />
                    }
                </g>
            }
        });
        html! {
            <g class="chart-age-row">
                <text class="chart-tick chart-age" x={coord(cx)} y={coord(y + ROW / 2.0)} dy="0.35em"
                    text-anchor="middle">{ age.clone() }</text>
                { for sides }
            </g>
        }
    });

    let tip = current.and_then(|(g, sex)| {
        let v = *values.get(sex)?.get(g)?;
        let d = bar_len(v);
        let x = if sex == 0 { cx - GAP - d } else { cx + GAP + d };
        let mut lines = vec![format!(
            "{}: {}",
            props.label,
            format::exact_with_unit(v, unit, lang)
        )];
        if compare {
            lines.push(format!(
                "{}: {}",
                props.compare_label,
                format::exact_with_unit(compares[sex][g], unit, lang)
            ));
        }
        Some(Tip {
            x,
            y: row_y(g) + ROW / 2.0,
            width: W,
            title: format!(
                "{} {}{}",
                sexes[sex],
                age_group_label(g),
                tr(lang, "岁", "")
            ),
            lines,
        })
    });

    let total = |v: &[f64]| v.iter().sum::<f64>();
    let desc = if has_data {
        match lang {
            Lang::Zh => format!(
                "{}：男 {} 人，女 {} 人；五岁组 0–4 至 {}。",
                props.label,
                format::exact(total(&values[0]), lang),
                format::exact(total(&values[1]), lang),
                age_group_label(n - 1)
            ),
            Lang::En => format!(
                "{}: {} men, {} women; five-year groups 0–4 to {}.",
                props.label,
                format::exact(total(&values[0]), lang),
                format::exact(total(&values[1]), lang),
                age_group_label(n - 1)
            ),
        }
    } else {
        no_data(lang).to_string()
    };

    html! {
        <figure id={props.id.clone()} class="chart chart-pyramid">
            <figcaption class="chart-caption">
                <span class="chart-title">{ props.title.clone() }</span>
                <span class="chart-caption-unit">{ format!(" ({unit})") }</span>
            </figcaption>
            <ul class="chart-legend" aria-label={tr(lang, "图例", "Legend")}>
                <li class="chart-legend-item">
                    { box_swatch("chart-bar-fill", MEN, None) }
                    { box_swatch("chart-bar-fill", WOMEN, None) }
                    <span>{ props.label.clone() }</span>
                </li>
                if compare {
                    <li class="chart-legend-item">
                        { box_swatch("chart-compare", "none", None) }
                        <span>{ props.compare_label.clone() }</span>
                    </li>
                }
            </ul>
            <div class="chart-plot">
                <svg id={format!("{id}-svg")} class="chart-svg" viewBox={format!("0 0 {W} {}", coord(height))}
                    width="100%" preserveAspectRatio="xMidYMid meet" role="img"
                    aria-labelledby={title_id.clone()} aria-describedby={desc_id.clone()}>
                    <title id={title_id}>{ props.title.clone() }</title>
                    <desc id={desc_id}>{ desc }</desc>
                    <text class="chart-side-label" x={coord(cx - GAP)} y={coord(TOP - 10.0)} text-anchor="end">
                        { sexes[0] }
                    </text>
                    <text class="chart-side-label" x={coord(cx)} y={coord(TOP - 10.0)} text-anchor="middle">
                        { tr(lang, "年龄", "Age") }
                    </text>
                    <text class="chart-side-label" x={coord(cx + GAP)} y={coord(TOP - 10.0)} text-anchor="start">
                        { sexes[1] }
                    </text>
                    if has_data {
                        { for grid }
                        <line class="chart-axis" x1={coord(side)} x2={coord(cx - GAP)} y1={coord(bottom)} y2={coord(bottom)} />
                        <line class="chart-axis" x1={coord(cx + GAP)} x2={coord(W - side)} y1={coord(bottom)} y2={coord(bottom)} />
                        <g class="chart-bars">{ for bars }</g>
                    } else {
                        <text class="chart-empty" x={coord(cx)} y={coord(TOP + ROW / 2.0)} dy="0.35em"
                            text-anchor="middle">{ no_data(lang) }</text>
                    }
                    { tooltip(tip.as_ref()) }
                </svg>
            </div>
            { table(props, &values, compare.then_some(&compares), lang) }
        </figure>
    }
}

/// The data table: each age group's men and women (and the comparison), with totals.
fn table(
    props: &PyramidProps,
    values: &[Vec<f64>; 2],
    compares: Option<&[Vec<f64>; 2]>,
    lang: Lang,
) -> Html {
    let sexes = [tr(lang, "男", "Men"), tr(lang, "女", "Women")];
    let n = values[0].len();
    let header = |name: &str| {
        sexes
            .iter()
            .map(|s| html! { <th scope="col">{ format!("{s} · {name}") }</th> })
            .collect::<Html>()
    };
    let cells = |g: Option<usize>| {
        let pick = |v: &Vec<f64>| match g {
            Some(g) => v.get(g).copied().unwrap_or(f64::NAN),
            None => v.iter().sum(),
        };
        values
            .iter()
            .chain(compares.into_iter().flatten())
            .map(|v| html! { <td>{ format::exact(pick(v), lang) }</td> })
            .collect::<Html>()
    };
    // Oldest first reads like the chart; the total closes the table.
    let rows = (0..n).rev().map(|g| {
        html! {
            <tr>
                <th scope="row">{ age_group_label(g) }</th>
                { cells(Some(g)) }
            </tr>
        }
    });
    html! {
        <details class="chart-table">
            <summary>{ table_summary(lang) }</summary>
            <div class="chart-table-scroll">
                <table>
                    <caption>{ format!("{} ({})", props.title, tr(lang, "人", "persons")) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ tr(lang, "年龄组", "Age group") }</th>
                            { header(props.label.as_str()) }
                            if compares.is_some() {
                                { header(props.compare_label.as_str()) }
                            }
                        </tr>
                    </thead>
                    <tbody>
                        if n == 0 {
                            <tr><td>{ no_data(lang) }</td></tr>
                        } else {
                            { for rows }
                            <tr class="chart-table-total">
                                <th scope="row">{ tr(lang, "合计", "Total") }</th>
                                { cells(None) }
                            </tr>
                        }
                    </tbody>
                </table>
            </div>
        </details>
    }
}

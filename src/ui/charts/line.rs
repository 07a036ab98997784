//! The line chart: years on x, nice 1-2-5 ticks on y, series as
//! polylines with focusable point markers, dashed comparison series, uncertainty bands under the
//! lines, an optional target line, an HTML legend, a hover/focus tooltip and a data table.

use yew::prelude::*;

use super::scale::{coord, extent, nice_axis, text_width, year_ticks, Linear};
use super::{
    band_label, box_swatch, mark_events, marker_path, no_data, palette, series_swatch,
    table_summary, target_swatch, tooltip, tr, Active, Band, Series, Tip, DASH,
};
use crate::ui::format;
use crate::ui::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct LineChartProps {
    /// The figure's id; the SVG gets `{id}-svg`.
    pub id: AttrValue,
    pub title: AttrValue,
    /// The unit of the values (shown on the axis, in tooltips and in the table header).
    pub unit: AttrValue,
    pub lang: Lang,
    pub series: Vec<Series>,
    #[prop_or_default]
    pub bands: Vec<Band>,
    /// A horizontal reference line `(value, label)`.
    #[prop_or_default]
    pub target: Option<(f64, AttrValue)>,
    /// Start the y axis at zero (or end it there, for negative data).
    #[prop_or_default]
    pub y_from_zero: bool,
    /// A Monte Carlo run of the scenario is under way: while it has no bands yet, the y axis
    /// keeps the range of the last bands drawn, so that it does not jump twice per run (a
    /// re-render of the whole chart while the workers draw).
    #[prop_or_default]
    pub bands_pending: bool,
    /// Reported years' values (实际完成): solid, labelled squares apart from the projection.
    #[prop_or_default]
    pub reported: Vec<(i32, f64)>,
}

/// The viewBox size; the SVG scales to the figure's width and keeps this aspect ratio.
const W: f64 = 460.0;
const H: f64 = 270.0;
const TOP: f64 = 32.0;
const RIGHT: f64 = 18.0;
const BOTTOM: f64 = 30.0;
/// The font size (in viewBox units) the margins are estimated for: the largest the stylesheet
/// uses for ticks (narrow screens), so labels fit at every size.
const EM: f64 = 17.0;
const MARKER: f64 = 4.0;

/// A band's level and its cleaned `(year, low, high)` points.
type LevelBand = (u8, Vec<(i32, f64, f64)>);

/// A band's points with finite, ordered bounds, sorted by year.
fn clean_band(band: &Band) -> Vec<(i32, f64, f64)> {
    let mut pts: Vec<(i32, f64, f64)> = band
        .points
        .iter()
        .filter(|(_, lo, hi)| lo.is_finite() && hi.is_finite())
        .map(|&(y, lo, hi)| (y, lo.min(hi), lo.max(hi)))
        .collect();
    pts.sort_by_key(|p| p.0);
    pts
}

/// A series' points sorted by year (non-finite values kept: they break the line).
fn sorted_points(series: &Series) -> Vec<(i32, f64)> {
    let mut pts = series.points.clone();
    pts.sort_by_key(|p| p.0);
    pts
}

#[function_component(LineChart)]
pub fn line_chart(props: &LineChartProps) -> Html {
    let active = use_reducer(Active::<(usize, usize)>::default);
    let lang = props.lang;
    let unit = props.unit.as_str();
    let id = props.id.as_str();
    let title_id = format!("{id}-svg-title");
    let desc_id = format!("{id}-svg-desc");

    let series: Vec<Vec<(i32, f64)>> = props.series.iter().map(sorted_points).collect();
    let mut bands: Vec<LevelBand> = props
        .bands
        .iter()
        .map(|b| (b.level, clean_band(b)))
        .collect();
    // Wider (higher-level) bands first, so the narrower, darker one is drawn over them.
    bands.sort_by_key(|b| std::cmp::Reverse(b.0));
    let target = props
        .target
        .as_ref()
        .filter(|(v, _)| v.is_finite())
        .map(|(v, l)| (*v, l.to_string()));

    // Extents over every finite value.
    let years = series
        .iter()
        .flatten()
        .filter(|p| p.1.is_finite())
        .map(|p| p.0)
        .chain(bands.iter().flat_map(|b| b.1.iter().map(|p| p.0)));
    let (x_min, x_max) = years.fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let has_data = x_min <= x_max;
    let values = series
        .iter()
        .flatten()
        .map(|p| p.1)
        .chain(
            bands
                .iter()
                .flat_map(|b| b.1.iter().flat_map(|p| [p.1, p.2])),
        )
        .chain(target.iter().map(|t| t.0))
        .chain(props.reported.iter().map(|p| p.1).filter(|v| v.is_finite()))
        .chain(props.y_from_zero.then_some(0.0));
    let (mut v_lo, mut v_hi) = extent(values).unwrap_or((0.0, 1.0));
    // The last bands' range: kept while bands are drawn, used while a run has none yet.
    let band_range = extent(
        bands
            .iter()
            .flat_map(|b| b.1.iter().flat_map(|p| [p.1, p.2])),
    );
    let held = use_mut_ref(|| None::<(f64, f64)>);
    if band_range.is_some() || !props.bands_pending {
        *held.borrow_mut() = band_range;
    } else if let Some((lo, hi)) = *held.borrow() {
        (v_lo, v_hi) = (v_lo.min(lo), v_hi.max(hi));
    }
    let axis = nice_axis(v_lo, v_hi, 5);
    let tick_labels = format::axis_labels(&axis.ticks, axis.step, lang);

    let left = tick_labels
        .iter()
        .map(|l| text_width(l, EM))
        .fold(0.0, f64::max)
        .clamp(24.0, 150.0)
        + 14.0;
    let (x0, x1, y0, y1) = (left, W - RIGHT, TOP, H - BOTTOM);
    let inset = if x_max > x_min { 14.0 } else { 0.0 };
    let xs = Linear::new(
        (f64::from(x_min), f64::from(x_max)),
        (x0 + inset, x1 - inset),
    );
    let ys = Linear::new((axis.lo, axis.hi), (y1, y0));
    let px = |year: i32| xs.map(f64::from(year));

    // The colour of the bands: the first solid series' (they describe the scenario being run).
    let band_color = props
        .series
        .iter()
        .find(|s| !s.dashed)
        .or(props.series.first())
        .map_or(0, |s| s.color);

    let grid = axis.ticks.iter().zip(&tick_labels).map(|(&t, label)| {
        let y = coord(ys.map(t));
        html! {
            <g class="chart-ytick">
                <line class="chart-gridline" x1={coord(x0)} x2={coord(x1)} y1={y.clone()} y2={y.clone()} />
                if has_data {
                    <text class="chart-tick" x={coord(x0 - 6.0)} y={y} dy="0.35em" text-anchor="end">{ label.clone() }</text>
                }
            </g>
        }
    });
    let zero_line = (axis.lo < 0.0 && axis.hi > 0.0).then(|| {
        let y = coord(ys.map(0.0));
        html! { <line class="chart-zero" x1={coord(x0)} x2={coord(x1)} y1={y.clone()} y2={y} /> }
    });
    let x_ticks = if has_data {
        // As many year labels as fit side by side.
        let fit = ((x1 - x0) / (text_width("2028", EM) + 10.0))
            .floor()
            .max(2.0) as usize;
        year_ticks(x_min, x_max, fit)
    } else {
        Vec::new()
    };
    let x_axis = x_ticks.iter().map(|&year| {
        let x = coord(px(year));
        html! {
            <g class="chart-xtick">
                <line class="chart-axis" x1={x.clone()} x2={x.clone()} y1={coord(y1)} y2={coord(y1 + 4.0)} />
                <text class="chart-tick" x={x} y={coord(y1 + 18.0)} text-anchor="middle">{ year.to_string() }</text>
            </g>
        }
    });

    let band_shapes = bands.iter().map(|(level, pts)| {
        let class = classes!("chart-band", band_class(*level));
        let fill = palette(band_color).to_string();
        match pts.as_slice() {
            [] => html! {},
            [(year, lo, hi)] => {
                let x = px(*year);
                let (top, bottom) = (ys.map(*hi), ys.map(*lo));
                html! {
                    <rect class={class} fill={fill} x={coord(x - 5.0)} y={coord(top)} width="10"
                        height={coord((bottom - top).max(1.0))} />
                }
            }
            _ => {
                let upper = pts
                    .iter()
                    .map(|(y, _, hi)| format!("{},{}", coord(px(*y)), coord(ys.map(*hi))));
                let lower = pts
                    .iter()
                    .rev()
                    .map(|(y, lo, _)| format!("{},{}", coord(px(*y)), coord(ys.map(*lo))));
                let points = upper.chain(lower).collect::<Vec<_>>().join(" ");
                html! { <polygon class={class} fill={fill} points={points} /> }
            }
        }
    });

    let target_shape = target.as_ref().map(|(v, label)| {
        let y = ys.map(*v);
        let label_y = if y - y0 < EM + 4.0 { y + EM + 2.0 } else { y - 6.0 };
        html! {
            <g class="chart-target-group">
                <line class="chart-target" x1={coord(x0)} x2={coord(x1)} y1={coord(y)} y2={coord(y)} />
                <text class="chart-target-label" x={coord(x1 - 4.0)} y={coord(label_y)} text-anchor="end">
                    { target_text(label, *v, unit, lang) }
                </text>
            </g>
        }
    });

    let lines = props.series.iter().zip(&series).map(|(s, pts)| {
        let stroke = palette(s.color);
        let segments = segments(pts);
        html! {
            <g class={classes!("chart-series", s.dashed.then_some("chart-series-dashed"))}>
                { for segments.into_iter().filter(|seg| seg.len() > 1).map(|seg| {
                    let points = seg
                        .iter()
                        .map(|(y, v)| format!("{},{}", coord(px(*y)), coord(ys.map(*v))))
                        .collect::<Vec<_>>()
                        .join(" ");
                    html! {
                        <polyline class="chart-line" points={points} fill="none" stroke={stroke}
                            stroke-dasharray={s.dashed.then_some(DASH)} />
                    }
                }) }
            </g>
        }
    });

    let current = active.current();
    let markers = props.series.iter().zip(&series).enumerate().map(|(si, (s, pts))| {
        let stroke = palette(s.color);
        let fill = if s.dashed { "#ffffff" } else { stroke };
        let marks = pts.iter().enumerate().filter(|(_, p)| p.1.is_finite()).map(|(pi, &(year, v))| {
            let (x, y) = (px(year), ys.map(v));
            let events = mark_events(&active, (si, pi));
            let is_active = current == Some((si, pi));
            let label = format!("{} {}: {}", s.label, year, format::exact_with_unit(v, unit, lang));
            html! {
                <g class={classes!("chart-point", is_active.then_some("chart-point-active"))}
                    tabindex="0" role="img" aria-label={label}
                    onmouseenter={events.onmouseenter} onmouseleave={events.onmouseleave}
                    onfocus={events.onfocus} onblur={events.onblur}>
                    <circle class="chart-hit" cx={coord(x)} cy={coord(y)} r="11" />
                    if is_active {
                        <circle class="chart-halo" cx={coord(x)} cy={coord(y)} r="9" stroke={stroke} />
                    }
                    <path class="chart-marker" d={marker_path(s.color, x, y, MARKER)} fill={fill} stroke={stroke} />
                </g>
            }
        });
        html! { <g class="chart-points">{ for marks }</g> }
    });

    let reported_word = tr(lang, "实际", "reported");
    let reported_marks = props.reported.iter().filter(|p| p.1.is_finite()).map(|&(year, v)| {
        let (x, y) = (px(year), ys.map(v));
        let label = format!("{reported_word} {year}: {}", format::exact_with_unit(v, unit, lang));
        html! {
            <g class="chart-reported" role="img" aria-label={label} data-year={year.to_string()}>
                <rect class="chart-reported-mark" x={coord(x - 5.5)} y={coord(y - 5.5)} width="11" height="11" />
                <text class="chart-reported-label" x={coord(x)} y={coord(y - 10.0)} text-anchor="middle">
                    { reported_word }
                </text>
            </g>
        }
    });

    let tip = current.and_then(|(si, pi)| {
        let s = props.series.get(si)?;
        let &(year, v) = series.get(si)?.get(pi)?;
        if !v.is_finite() {
            return None;
        }
        let mut lines = vec![format!(
            "{year}: {}",
            format::exact_with_unit(v, unit, lang)
        )];
        if !s.dashed {
            for (level, pts) in bands.iter().rev() {
                if let Some((_, lo, hi)) = pts.iter().find(|p| p.0 == year) {
                    lines.push(format!(
                        "{}: {} – {}",
                        band_label(*level, lang),
                        format::exact(*lo, lang),
                        format::exact_with_unit(*hi, unit, lang)
                    ));
                }
            }
        }
        Some(Tip {
            x: px(year),
            y: ys.map(v),
            width: W,
            title: s.label.clone(),
            lines,
        })
    });

    let unit_label = (!unit.is_empty()).then(|| {
        html! {
            <text class="chart-unit-label" x="4" y={coord(TOP - 14.0)} text-anchor="start">
                { format!("{}{}", tr(lang, "单位：", "Unit: "), unit) }
            </text>
        }
    });

    html! {
        <figure id={props.id.clone()} class="chart chart-line-chart">
            <figcaption class="chart-caption">
                <span class="chart-title">{ props.title.clone() }</span>
                if !unit.is_empty() {
                    <span class="chart-caption-unit">{ format!(" ({unit})") }</span>
                }
            </figcaption>
            { legend(props, &bands, band_color, target.as_ref(), lang) }
            <div class="chart-plot">
                <svg id={format!("{id}-svg")} class="chart-svg" viewBox={format!("0 0 {W} {H}")}
                    width="100%" preserveAspectRatio="xMidYMid meet" role="img"
                    aria-labelledby={title_id.clone()} aria-describedby={desc_id.clone()}>
                    <title id={title_id}>{ props.title.clone() }</title>
                    <desc id={desc_id}>{ describe(props, x_min, x_max, has_data, lang) }</desc>
                    { unit_label }
                    { for grid }
                    { zero_line }
                    <line class="chart-axis" x1={coord(x0)} x2={coord(x1)} y1={coord(y1)} y2={coord(y1)} />
                    { for x_axis }
                    if has_data {
                        <g class="chart-bands">{ for band_shapes }</g>
                        { target_shape }
                        <g class="chart-lines">{ for lines }</g>
                        <g class="chart-marks">{ for markers }</g>
                        <g class="chart-reported-marks">{ for reported_marks }</g>
                    } else {
                        { target_shape }
                        <text class="chart-empty" x={coord((x0 + x1) / 2.0)} y={coord((y0 + y1) / 2.0)}
                            text-anchor="middle">{ no_data(lang) }</text>
                    }
                    { tooltip(tip.as_ref()) }
                </svg>
            </div>
            { table(props, &series, &bands, target.as_ref(), lang) }
        </figure>
    }
}

/// The CSS class of a band level: 80 is darker, 95 (and anything wider) lighter.
fn band_class(level: u8) -> &'static str {
    if level >= 90 {
        "chart-band-95"
    } else {
        "chart-band-80"
    }
}

/// Runs of consecutive finite points (a non-finite value breaks the line).
fn segments(points: &[(i32, f64)]) -> Vec<Vec<(i32, f64)>> {
    let mut out: Vec<Vec<(i32, f64)>> = vec![Vec::new()];
    for &(y, v) in points {
        if v.is_finite() {
            if let Some(last) = out.last_mut() {
                last.push((y, v));
            }
        } else if out.last().is_some_and(|l| !l.is_empty()) {
            out.push(Vec::new());
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// The target's label, or "目标 95%" when it has none.
fn target_text(label: &str, value: f64, unit: &str, lang: Lang) -> String {
    if label.trim().is_empty() {
        format!(
            "{} {}",
            tr(lang, "目标", "Target"),
            format::exact_with_unit(value, unit, lang)
        )
    } else {
        label.to_string()
    }
}

/// The SVG's `<desc>`: the years covered and the series shown.
fn describe(props: &LineChartProps, x_min: i32, x_max: i32, has_data: bool, lang: Lang) -> String {
    if !has_data {
        return no_data(lang).to_string();
    }
    let names = props
        .series
        .iter()
        .map(|s| s.label.as_str())
        .collect::<Vec<_>>();
    let years = if x_min == x_max {
        x_min.to_string()
    } else {
        format!("{x_min}–{x_max}")
    };
    match lang {
        Lang::Zh => format!("{years}年。系列：{}。", names.join("、")),
        Lang::En => format!("{years}. Series: {}.", names.join(", ")),
    }
}

/// The legend: series (line style and marker), bands, target.
fn legend(
    props: &LineChartProps,
    bands: &[LevelBand],
    band_color: usize,
    target: Option<&(f64, String)>,
    lang: Lang,
) -> Html {
    let series = props.series.iter().map(|s| {
        html! {
            <li class="chart-legend-item">
                { series_swatch(s.color, s.dashed) }
                <span>{ s.label.clone() }</span>
            </li>
        }
    });
    // Narrower band first, as in the tooltip.
    let band_items = bands.iter().rev().map(|(level, _)| {
        html! {
            <li class="chart-legend-item">
                { box_swatch(band_class(*level), palette(band_color), None) }
                <span>{ band_label(*level, lang) }</span>
            </li>
        }
    });
    let target_item = target.map(|(v, label)| {
        html! {
            <li class="chart-legend-item">
                { target_swatch() }
                <span>{ target_text(label, *v, props.unit.as_str(), lang) }</span>
            </li>
        }
    });
    let reported_item = (!props.reported.is_empty()).then(|| {
        html! {
            <li class="chart-legend-item chart-legend-reported">
                <svg class="chart-swatch" viewBox="0 0 30 14" width="30" height="14" aria-hidden="true" focusable="false">
                    <rect class="chart-reported-mark" x="9.5" y="1.5" width="11" height="11" />
                </svg>
                <span>{ tr(lang, "实际（已报告）", "Reported") }</span>
            </li>
        }
    });
    html! {
        <ul class="chart-legend" aria-label={tr(lang, "图例", "Legend")}>
            { for series }
            { for reported_item }
            { for band_items }
            { for target_item }
        </ul>
    }
}

/// The data table: every series and band bound by year, exact numbers.
fn table(
    props: &LineChartProps,
    series: &[Vec<(i32, f64)>],
    bands: &[LevelBand],
    target: Option<&(f64, String)>,
    lang: Lang,
) -> Html {
    let unit = props.unit.as_str();
    let mut years: Vec<i32> = series
        .iter()
        .flatten()
        .map(|p| p.0)
        .chain(bands.iter().flat_map(|b| b.1.iter().map(|p| p.0)))
        .collect();
    years.sort_unstable();
    years.dedup();
    let bands_in_order = bands.iter().rev().collect::<Vec<_>>();
    let header_series = props
        .series
        .iter()
        .map(|s| html! { <th scope="col">{ s.label.clone() }</th> });
    let header_bands = bands_in_order.iter().map(|(level, _)| {
        let name = band_label(*level, lang);
        html! {
            <>
                <th scope="col">{ format!("{name}{}", tr(lang, " 下限", ", low")) }</th>
                <th scope="col">{ format!("{name}{}", tr(lang, " 上限", ", high")) }</th>
            </>
        }
    });
    let rows = years.iter().map(|&year| {
        let cells = series.iter().map(|pts| {
            let v = pts.iter().find(|p| p.0 == year).map_or(f64::NAN, |p| p.1);
            html! { <td>{ format::exact(v, lang) }</td> }
        });
        let band_cells = bands_in_order.iter().map(|(_, pts)| {
            let (lo, hi) = pts
                .iter()
                .find(|p| p.0 == year)
                .map_or((f64::NAN, f64::NAN), |p| (p.1, p.2));
            html! { <><td>{ format::exact(lo, lang) }</td><td>{ format::exact(hi, lang) }</td></> }
        });
        html! {
            <tr>
                <th scope="row">{ year.to_string() }</th>
                { for cells }
                { for band_cells }
            </tr>
        }
    });
    let caption = if unit.is_empty() {
        props.title.to_string()
    } else {
        format!("{} ({unit})", props.title)
    };
    html! {
        <details class="chart-table">
            <summary>{ table_summary(lang) }</summary>
            <div class="chart-table-scroll">
                <table>
                    <caption>{ caption }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ tr(lang, "年份", "Year") }</th>
                            { for header_series }
                            { for header_bands }
                        </tr>
                    </thead>
                    <tbody>
                        if years.is_empty() {
                            <tr><td colspan={(1 + series.len() + 2 * bands.len()).to_string()}>{ no_data(lang) }</td></tr>
                        }
                        { for rows }
                    </tbody>
                </table>
                if !props.reported.is_empty() {
                    <p class="chart-table-note chart-table-reported">
                        { format!("{}: {}", tr(lang, "实际（已报告）", "Reported"),
                            props.reported.iter().map(|(y, v)| format!("{y} {}", format::exact_with_unit(*v, unit, lang)))
                                .collect::<Vec<_>>().join(tr(lang, "；", "; "))) }
                    </p>
                }
                if let Some((v, label)) = target {
                    <p class="chart-table-note">
                        { format!("{}: {}", target_text(label, *v, unit, lang), format::exact_with_unit(*v, unit, lang)) }
                    </p>
                }
            </div>
        </details>
    }
}

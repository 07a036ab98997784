//! Pure-SVG charts for the workbench: the shared data types, the
//! colour-blind-safe palette, marker shapes, legend swatches and the hover/focus tooltip. The
//! line chart is in `line.rs`, the population pyramid in `pyramid.rs`, geometry in `ui/scale.rs`.
//!
//! Every chart is a `<figure class="chart">` holding a caption, an HTML legend, a responsive
//! `<svg role="img">` (viewBox, width 100%), a tooltip shown while a mark is hovered or focused,
//! and a `<details>` data table as the accessible alternative. Text sizes come from classes in
//! `www/style.css`, so the presentation mode can scale them.

mod line;
mod pyramid;
pub use crate::ui::scale;

pub use line::{LineChart, LineChartProps};
pub use pyramid::{Pyramid, PyramidProps};

use yew::prelude::*;

use crate::ui::i18n::Lang;

/// One line of a line chart: `(year, value)` points; `dashed` for a comparison (scenario A);
/// `color` indexes [`PALETTE`] (and picks the marker shape, so series differ without colour).
#[derive(Clone, PartialEq, Debug)]
pub struct Series {
    pub label: String,
    pub points: Vec<(i32, f64)>,
    pub dashed: bool,
    pub color: usize,
}

pub use super::scale::Band;

/// The Okabe–Ito colour-blind-safe palette, indexed by `Series::color` (modulo its length).
pub const PALETTE: [&str; 6] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
];

/// The palette colour for an index (wraps around).
pub fn palette(color: usize) -> &'static str {
    PALETTE[color % PALETTE.len()]
}

/// Chinese or English text.
pub(crate) fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The legend/table name of an uncertainty band: "80% 区间" / "80% interval".
pub(crate) fn band_label(level: u8, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{level}% 区间"),
        Lang::En => format!("{level}% interval"),
    }
}

/// "数据表" / "Data table".
pub(crate) fn table_summary(lang: Lang) -> &'static str {
    tr(lang, "数据表", "Data table")
}

/// "无数据" / "No data".
pub(crate) fn no_data(lang: Lang) -> &'static str {
    tr(lang, "无数据", "No data")
}

/// The SVG path of marker shape `color % 6` centred on `(x, y)` with radius about `r`: circle,
/// square, triangle, diamond, inverted triangle, cross.
pub(crate) fn marker_path(color: usize, x: f64, y: f64, r: f64) -> String {
    let c = scale::coord;
    match color % 6 {
        0 => format!(
            "M{} {}a{r} {r} 0 1 0 {d} 0a{r} {r} 0 1 0 -{d} 0Z",
            c(x - r),
            c(y),
            d = 2.0 * r
        ),
        1 => {
            let s = r * 0.9;
            format!(
                "M{} {}H{}V{}H{}Z",
                c(x - s),
                c(y - s),
                c(x + s),
                c(y + s),
                c(x - s)
            )
        }
        2 => format!(
            "M{} {}L{} {}L{} {}Z",
            c(x),
            c(y - r * 1.15),
            c(x + r * 1.05),
            c(y + r * 0.75),
            c(x - r * 1.05),
            c(y + r * 0.75)
        ),
        3 => format!(
            "M{} {}L{} {}L{} {}L{} {}Z",
            c(x),
            c(y - r * 1.2),
            c(x + r * 1.2),
            c(y),
            c(x),
            c(y + r * 1.2),
            c(x - r * 1.2),
            c(y)
        ),
        4 => format!(
            "M{} {}L{} {}L{} {}Z",
            c(x),
            c(y + r * 1.15),
            c(x + r * 1.05),
            c(y - r * 0.75),
            c(x - r * 1.05),
            c(y - r * 0.75)
        ),
        _ => {
            let a = r * 0.45;
            let b = r * 1.1;
            format!(
                "M{} {}H{}V{}H{}V{}H{}V{}H{}V{}H{}V{}H{}Z",
                c(x - a),
                c(y - b),
                c(x + a),
                c(y - a),
                c(x + b),
                c(y + a),
                c(x + a),
                c(y + b),
                c(x - a),
                c(y + a),
                c(x - b),
                c(y - a),
                c(x - a)
            )
        }
    }
}

/// The stroke dash pattern of a dashed (comparison) series.
pub(crate) const DASH: &str = "7 4";

/// A small legend swatch for a series: its line (dashed or solid) with its marker.
pub(crate) fn series_swatch(color: usize, dashed: bool) -> Html {
    let stroke = palette(color);
    let fill = if dashed { "#ffffff" } else { stroke };
    html! {
        <svg class="chart-swatch" viewBox="0 0 30 14" width="30" height="14" aria-hidden="true" focusable="false">
            <line x1="1" y1="7" x2="29" y2="7" stroke={stroke} stroke-width="2.5"
                stroke-dasharray={if dashed { Some(DASH) } else { None }} />
            <path d={marker_path(color, 15.0, 7.0, 4.0)} fill={fill} stroke={stroke} stroke-width="1.5" />
        </svg>
    }
}

/// A legend swatch that is a filled or outlined box (bands, pyramid bars, comparisons).
pub(crate) fn box_swatch(class: &'static str, fill: &str, stroke: Option<&str>) -> Html {
    html! {
        <svg class="chart-swatch" viewBox="0 0 30 14" width="30" height="14" aria-hidden="true" focusable="false">
            <rect class={class} x="2" y="2" width="26" height="10" fill={fill.to_string()}
                stroke={stroke.map(str::to_string)} stroke-width="1.5" />
        </svg>
    }
}

/// A legend swatch for a horizontal reference line (the target).
pub(crate) fn target_swatch() -> Html {
    html! {
        <svg class="chart-swatch" viewBox="0 0 30 14" width="30" height="14" aria-hidden="true" focusable="false">
            <line class="chart-target" x1="1" y1="7" x2="29" y2="7" />
        </svg>
    }
}

/// What a tooltip shows and where: `(x, y)` in viewBox units of an SVG `width` wide.
#[derive(Clone, PartialEq, Debug)]
pub(crate) struct Tip {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub title: String,
    pub lines: Vec<String>,
}

/// The room a tooltip may take (viewBox units); its HTML box sizes itself to its text inside.
const TIP_W: f64 = 300.0;
const TIP_H: f64 = 150.0;
/// Distance between the mark and the tooltip.
const TIP_GAP: f64 = 10.0;

/// The tooltip, drawn last inside the SVG: a `<foreignObject>` holding an HTML box, so its text
/// wraps and its size follows the page's fonts (also in the presentation mode). Placement is by
/// attributes and classes only: the page's Content-Security-Policy forbids inline styles. Hidden
/// from assistive technology: the focused mark's `aria-label` already says the same.
pub(crate) fn tooltip(tip: Option<&Tip>) -> Html {
    let Some(tip) = tip else {
        return html! {};
    };
    let w = tip.width.max(TIP_W);
    // Horizontally: centred on the mark, or to one side of it near the chart's edges.
    let (x, horizontal) = if tip.x < TIP_W / 2.0 {
        (tip.x - TIP_GAP, "chart-tip-right")
    } else if tip.x > w - TIP_W / 2.0 {
        (tip.x - TIP_W + TIP_GAP, "chart-tip-left")
    } else {
        (tip.x - TIP_W / 2.0, "chart-tip-center")
    };
    // Vertically: above the mark unless it is near the top (the SVG lets it overflow).
    let (y, vertical) = if tip.y > 80.0 {
        (tip.y - TIP_GAP - TIP_H, "chart-tip-above")
    } else {
        (tip.y + TIP_GAP, "chart-tip-below")
    };
    html! {
        <foreignObject class="chart-tip-area" x={scale::coord(x)} y={scale::coord(y)}
            width={scale::coord(TIP_W)} height={scale::coord(TIP_H)} aria-hidden="true">
            <div xmlns="http://www.w3.org/1999/xhtml" class={classes!("chart-tip-frame", horizontal, vertical)}>
                <div class="chart-tip">
                    <strong class="chart-tip-title">{ tip.title.clone() }</strong>
                    { for tip.lines.iter().map(|l| html! { <span class="chart-tip-line">{ l.clone() }</span> }) }
                </div>
            </div>
        </foreignObject>
    }
}

/// Which mark is under the pointer and which has keyboard focus (the pointer wins).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub(crate) struct Active<K: Copy> {
    pub hover: Option<K>,
    pub focus: Option<K>,
}

impl<K: Copy> Active<K> {
    pub fn current(&self) -> Option<K> {
        self.hover.or(self.focus)
    }
}

/// A pointer or focus change on mark `K`.
#[derive(Clone, Copy, Debug)]
pub(crate) enum MarkAction<K> {
    Enter(K),
    Leave(K),
    Focus(K),
    Blur(K),
}

impl<K: Copy + PartialEq + 'static> Reducible for Active<K> {
    type Action = MarkAction<K>;

    fn reduce(self: std::rc::Rc<Self>, action: Self::Action) -> std::rc::Rc<Self> {
        let mut next = *self;
        match action {
            MarkAction::Enter(k) => next.hover = Some(k),
            MarkAction::Leave(k) if next.hover == Some(k) => next.hover = None,
            MarkAction::Focus(k) => next.focus = Some(k),
            MarkAction::Blur(k) if next.focus == Some(k) => next.focus = None,
            _ => return self,
        }
        std::rc::Rc::new(next)
    }
}

/// The four event handlers that make a mark show its tooltip on hover and on focus.
pub(crate) struct MarkEvents {
    pub onmouseenter: Callback<MouseEvent>,
    pub onmouseleave: Callback<MouseEvent>,
    pub onfocus: Callback<FocusEvent>,
    pub onblur: Callback<FocusEvent>,
}

/// Handlers for mark `key` updating the shared `Active` state.
pub(crate) fn mark_events<K>(state: &UseReducerHandle<Active<K>>, key: K) -> MarkEvents
where
    K: Copy + PartialEq + 'static,
{
    let d = state.dispatcher();
    let (d1, d2, d3) = (d.clone(), d.clone(), d.clone());
    MarkEvents {
        onmouseenter: Callback::from(move |_: MouseEvent| d.dispatch(MarkAction::Enter(key))),
        onmouseleave: Callback::from(move |_: MouseEvent| d1.dispatch(MarkAction::Leave(key))),
        onfocus: Callback::from(move |_: FocusEvent| d2.dispatch(MarkAction::Focus(key))),
        onblur: Callback::from(move |_: FocusEvent| d3.dispatch(MarkAction::Blur(key))),
    }
}

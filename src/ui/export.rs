//! Exports (`#export-panel`): the results as CSV (`report::projection_csv` + `targets_csv`,
//! byte for byte the CLI's `licheng project --format csv`) and JSON (`report::run_json`, as
//! `--format json`), every dashboard chart as SVG (the chart's `<svg>` serialised with
//! `XMLSerializer`, its computed styles written onto each element as presentation attributes so
//! the file styles itself) and PNG (that SVG drawn at twice its size on a canvas through an
//! `Image` from a blob URL; the page's CSP allows `img-src blob:` for this), a print button,
//! and the print-only scenario description of the A4 handout (`@media print` in
//! `www/style.css`).

use super::dashboard::EngineRef;
use super::format;
use super::i18n::{self, Lang, Tr};
use super::present::lever_line;
use super::mc_view::mc_basis;
use crate::scenario::mc_state::McSettings;
use crate::model::levers::Levers;
use crate::model::montecarlo::Settings;
use crate::scenario::mc_messages::McSummary;
use crate::scenario::meeting_table::MeetingTable;
use crate::scenario::presets::Preset;
use crate::scenario::{report, uncertainty, Engine, Run};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlAnchorElement, HtmlCanvasElement, HtmlImageElement};
use yew::prelude::*;

/// The dashboard's charts: element id and title.
pub const CHARTS: [(&str, Tr); 8] = [
    ("chart-population", i18n::CHART_POPULATION),
    ("chart-pyramid", i18n::CHART_PYRAMID),
    ("chart-jobs", i18n::CHART_JOBS),
    ("chart-employed", i18n::CHART_EMPLOYED),
    ("chart-housing", i18n::CHART_HOUSING),
    ("chart-schools-primary", i18n::CHART_SCHOOLS_PRIMARY),
    ("chart-schools-junior", i18n::CHART_SCHOOLS_JUNIOR),
    ("chart-insurance", i18n::CHART_INSURANCE),
];

/// The computed style properties written onto every element of an exported SVG.
const STYLE_PROPERTIES: [&str; 15] = [
    "paint-order",
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "opacity",
    "font-size",
    "font-family",
    "font-weight",
    "text-anchor",
    "dominant-baseline",
];

/// Elements left out of an exported chart: the tooltip, hit areas and focus halos.
const LEFT_OUT: &str = "foreignObject, .chart-hit, .chart-halo, .chart-bar-focus";

/// The CSV export: exactly what `licheng project --format csv` prints.
pub fn results_csv(engine: &Engine, run: &Run) -> String {
    format!(
        "{}\n{}",
        report::projection_csv(run),
        report::targets_csv(&report::target_rows(engine, run))
    )
}

/// The JSON export: exactly what `licheng project --format json` prints.
pub fn results_json(engine: &Engine, run: &Run, levers: &Levers) -> Result<String, JsValue> {
    serde_json::to_string_pretty(&report::run_json(engine, run, levers))
        .map(|s| s + "\n")
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Offers a blob as a file download through an object URL (revoked once the download began).
pub fn download_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let document = gloo::utils::document();
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_class_name("visually-hidden");
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&anchor)?;
    anchor.click();
    body.remove_child(&anchor)?;
    gloo::timers::callback::Timeout::new(2_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// A blob of text with a MIME type.
fn text_blob(mime: &str, text: &str) -> Result<web_sys::Blob, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
}

/// Offers `text` as a file download.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    download_blob(file_name, &text_blob(mime, text)?)
}

/// What an exported chart says around its plot: its title, a line with the scenario's name,
/// the date and the unit, and the source.
pub struct ChartCaption {
    /// The scenario's name (the file is named after it).
    pub name: Option<String>,
    pub title: String,
    pub subtitle: String,
    pub source: String,
}

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Writes the computed styles of `original` and its descendants onto `copy` (a deep clone of
/// it) as presentation attributes, so the copy styles itself outside the page.
fn inline_styles(original: &Element, copy: &Element) -> Result<(), JsValue> {
    let window = gloo::utils::window();
    let originals = original.query_selector_all("*")?;
    let copies = copy.query_selector_all("*")?;
    let pairs = std::iter::once((Some(original.clone()), Some(copy.clone()))).chain(
        (0..originals.length().min(copies.length())).map(|i| {
            (
                originals.item(i).and_then(|n| n.dyn_into::<Element>().ok()),
                copies.item(i).and_then(|n| n.dyn_into::<Element>().ok()),
            )
        }),
    );
    for (original, target) in pairs {
        let (Some(original), Some(target)) = (original, target) else {
            continue;
        };
        let Ok(Some(style)) = window.get_computed_style(&original) else {
            continue;
        };
        if style.get_property_value("display").ok().as_deref() == Some("none") {
            target.set_attribute("display", "none")?;
            continue;
        }
        for property in STYLE_PROPERTIES {
            if let Ok(value) = style.get_property_value(property) {
                if !value.is_empty() {
                    target.set_attribute(property, &value)?;
                }
            }
        }
    }
    Ok(())
}

/// Removes what means nothing in a file: the page's classes, focus order and inline styles.
fn strip_page_attributes(root: &Element) -> Result<(), JsValue> {
    let rest = root.query_selector_all("*")?;
    let rest = (0..rest.length()).filter_map(|i| rest.item(i)?.dyn_into::<Element>().ok());
    for element in std::iter::once(root.clone()).chain(rest) {
        for attribute in ["tabindex", "class", "style"] {
            element.remove_attribute(attribute)?;
        }
    }
    Ok(())
}

/// Appends `child` to `parent`.
fn append(parent: &Element, child: Element) -> Result<(), JsValue> {
    parent.append_child(&child)?;
    Ok(())
}

/// An SVG element with attributes.
fn svg_element(name: &str, attributes: &[(&str, String)]) -> Result<Element, JsValue> {
    let element = gloo::utils::document().create_element_ns(Some(SVG_NS), name)?;
    for (key, value) in attributes {
        element.set_attribute(key, value)?;
    }
    Ok(element)
}

/// A text element.
fn svg_text(
    x: f64,
    y: f64,
    size: f64,
    weight: &str,
    fill: &str,
    text: &str,
) -> Result<Element, JsValue> {
    let t = svg_element(
        "text",
        &[
            ("x", x.to_string()),
            ("y", y.to_string()),
            ("font-size", size.to_string()),
            ("font-weight", weight.to_string()),
            ("fill", fill.to_string()),
            (
                "font-family",
                "system-ui, \"Noto Sans CJK SC\", \"PingFang SC\", \"Microsoft YaHei\", sans-serif"
                    .to_string(),
            ),
        ],
    )?;
    t.set_text_content(Some(text));
    Ok(t)
}

/// The chart's `<svg>` as a standalone file that says what it is when pasted into meeting
/// papers: the title, the scenario's name, date and unit above the plot; the legend (the
/// chart's own swatches and labels) and the source below. Returns the text and its size.
pub fn chart_svg(chart_id: &str, caption: &ChartCaption) -> Result<(String, f64, f64), JsValue> {
    let document = gloo::utils::document();
    let svg = document
        .get_element_by_id(&format!("{chart_id}-svg"))
        .ok_or_else(|| JsValue::from_str("the chart is not on the page"))?;
    let copy: Element = svg.clone_node_with_deep(true)?.dyn_into()?;
    // Styles first, while the copy's elements still pair up with the originals one for one.
    inline_styles(&svg, &copy)?;
    let left_out = copy.query_selector_all(LEFT_OUT)?;
    for i in 0..left_out.length() {
        if let Some(node) = left_out.item(i) {
            if let Some(parent) = node.parent_node() {
                parent.remove_child(&node)?;
            }
        }
    }
    strip_page_attributes(&copy)?;
    let (width, height) = view_box_size(&svg).unwrap_or((460.0, 270.0));

    // Above the plot: title and subtitle; below: the legend, wrapped, and the source.
    let (title_size, small) = (16.0, 11.0);
    let top = 46.0;
    let plot = svg_element(
        "svg",
        &[
            ("x", "0".into()),
            ("y", top.to_string()),
            ("width", width.to_string()),
            ("height", height.to_string()),
            ("viewBox", format!("0 0 {width} {height}")),
        ],
    )?;
    while let Some(child) = copy.first_child() {
        plot.append_child(&child)?;
    }
    let legend = svg_element("g", &[])?;
    let items = document.query_selector_all(&format!("#{chart_id} .chart-legend-item"))?;
    let (mut x, mut y) = (8.0, top + height + 10.0);
    let row = 18.0;
    for i in 0..items.length() {
        let Some(item) = items.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let label = item.text_content().unwrap_or_default().trim().to_string();
        let label_width = super::charts::scale::text_width(&label, small);
        let item_width = 34.0 + label_width + 14.0;
        if x + item_width > width - 4.0 && x > 8.0 {
            x = 8.0;
            y += row;
        }
        if let Some(swatch) = item.query_selector("svg")? {
            let swatch_copy: Element = swatch.clone_node_with_deep(true)?.dyn_into()?;
            inline_styles(&swatch, &swatch_copy)?;
            strip_page_attributes(&swatch_copy)?;
            for (key, value) in [("x", x), ("y", y), ("width", 30.0), ("height", 14.0)] {
                swatch_copy.set_attribute(key, &value.to_string())?;
            }
            swatch_copy.remove_attribute("aria-hidden")?;
            swatch_copy.remove_attribute("focusable")?;
            legend.append_child(&swatch_copy)?;
        }
        append(
            &legend,
            svg_text(x + 34.0, y + 11.0, small, "400", "#1d2a27", &label)?,
        )?;
        x += item_width;
    }
    let source_y = y + row + 12.0;
    let total_height = source_y + 8.0;

    let out = svg_element(
        "svg",
        &[
            ("xmlns", SVG_NS.to_string()),
            ("width", width.to_string()),
            ("height", total_height.to_string()),
            ("viewBox", format!("0 0 {width} {total_height}")),
        ],
    )?;
    append(
        &out,
        svg_element(
            "rect",
            &[
                ("x", "0".into()),
                ("y", "0".into()),
                ("width", width.to_string()),
                ("height", total_height.to_string()),
                ("fill", "#ffffff".into()),
            ],
        )?,
    )?;
    append(
        &out,
        svg_text(8.0, 20.0, title_size, "700", "#1d2a27", &caption.title)?,
    )?;
    append(
        &out,
        svg_text(8.0, 38.0, small, "400", "#56625f", &caption.subtitle)?,
    )?;
    append(&out, plot)?;
    append(&out, legend)?;
    append(
        &out,
        svg_text(8.0, source_y, 9.5, "400", "#56625f", &caption.source)?,
    )?;
    let text = web_sys::XmlSerializer::new()?.serialize_to_string(&out)?;
    Ok((text, width, total_height))
}

/// The MIME type of an XLSX file.
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The worker's next message (its data), or its error.
fn next_message(worker: &web_sys::Worker) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, reject| {
        let on_message =
            wasm_bindgen::closure::Closure::once_into_js(move |e: web_sys::MessageEvent| {
                let _ = resolve.call1(&JsValue::NULL, &e.data());
            });
        worker.set_onmessage(Some(on_message.unchecked_ref()));
        let on_error = wasm_bindgen::closure::Closure::once_into_js(move |e: JsValue| {
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        worker.set_onerror(Some(on_error.unchecked_ref()));
    })
}

/// Writes the meeting table as XLSX in the on-demand xlsx worker (`www/xlsx_loader.js`, so the
/// page's first load does not carry the writer) and offers the file; the worker ends after.
async fn export_xlsx(table: MeetingTable, file_name: String) -> Result<(), JsValue> {
    let json = serde_json::to_string(&table).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let worker = web_sys::Worker::new(&crate::worker::versioned_url("./xlsx_loader.js"))?;
    // The worker says "ready" once its Wasm listens (a message before would be lost).
    let result = async {
        let ready = wasm_bindgen_futures::JsFuture::from(next_message(&worker)).await?;
        if ready.as_string().as_deref() != Some("ready") {
            return Err(JsValue::from_str("the xlsx worker did not start"));
        }
        let answer = next_message(&worker);
        worker.post_message(&JsValue::from_str(&json))?;
        wasm_bindgen_futures::JsFuture::from(answer).await
    }
    .await;
    worker.terminate();
    let data = result.map_err(|_| JsValue::from_str("the xlsx worker failed"))?;
    if let Some(message) = data.as_string() {
        return Err(JsValue::from_str(&message));
    }
    let bytes: js_sys::Uint8Array = data
        .dyn_into()
        .map_err(|_| JsValue::from_str("the xlsx worker sent no file"))?;
    let parts = js_sys::Array::of1(&bytes);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(XLSX_MIME);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    download_blob(&file_name, &blob)
}

/// The width and height of an SVG's viewBox.
fn view_box_size(svg: &Element) -> Option<(f64, f64)> {
    let view_box = svg.get_attribute("viewBox")?;
    let numbers: Vec<f64> = view_box
        .split([' ', ','])
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    match numbers.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 && w.is_finite() && h.is_finite() => Some((*w, *h)),
        _ => None,
    }
}

/// Downloads a chart as SVG.
fn export_svg(chart_id: &str, caption: &ChartCaption) -> Result<(), JsValue> {
    let (text, _, _) = chart_svg(chart_id, caption)?;
    download_text(
        &super::file_names::export_file_name(caption.name.as_deref(), chart_id, "svg"),
        "image/svg+xml;charset=utf-8",
        &text,
    )
}

/// Downloads a chart as PNG, drawn at twice its size on the page (at least twice its viewBox).
async fn export_png(chart_id: String, caption: ChartCaption) -> Result<(), JsValue> {
    let (text, width, height) = chart_svg(&chart_id, &caption)?;
    let shown = gloo::utils::document()
        .get_element_by_id(&format!("{chart_id}-svg"))
        .map(|e| e.get_bounding_client_rect().width())
        .filter(|w| w.is_finite() && *w > 0.0)
        .unwrap_or(width);
    let scale = 2.0 * (shown / width).max(1.0);
    let (w, h) = ((width * scale).round(), (height * scale).round());

    let url = web_sys::Url::create_object_url_with_blob(&text_blob(
        "image/svg+xml;charset=utf-8",
        &text,
    )?)?;
    let image = HtmlImageElement::new()?;
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        image.set_onload(Some(&resolve));
        image.set_onerror(Some(&reject));
    });
    image.set_src(&url);
    let result = wasm_bindgen_futures::JsFuture::from(loaded).await;
    image.set_onload(None);
    image.set_onerror(None);
    let _ = web_sys::Url::revoke_object_url(&url);
    result.map_err(|_| JsValue::from_str("the chart could not be drawn as an image"))?;

    let canvas: HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")?
        .dyn_into()?;
    canvas.set_width(w as u32);
    canvas.set_height(h as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2D canvas"))?
        .dyn_into()?;
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, w, h);
    context.draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, w, h)?;
    let blob = js_sys::Promise::new(&mut |resolve, reject| {
        if let Err(e) = canvas.to_blob(&resolve) {
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    });
    let blob = wasm_bindgen_futures::JsFuture::from(blob).await?;
    let blob: web_sys::Blob = blob
        .dyn_into()
        .map_err(|_| JsValue::from_str("the browser made no PNG"))?;
    download_blob(
        &super::file_names::export_file_name(caption.name.as_deref(), &chart_id, "png"),
        &blob,
    )
}

/// The text of a JS error for a message.
fn js_error_text(e: &JsValue) -> String {
    if let Some(error) = e.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    e.as_string().unwrap_or_else(|| "?".to_string())
}

#[derive(Properties, PartialEq)]
pub struct ExportPanelProps {
    pub lang: Lang,
    pub engine: Rc<EngineRef>,
    pub run: Rc<Run>,
    pub levers: Levers,
    /// The finished Monte Carlo run's summary (`None` while it runs): its probabilities and
    /// statuses export as `licheng mc` prints them.
    #[prop_or_default]
    pub mc: Option<Rc<McSummary>>,
    pub mc_settings: McSettings,
    /// The scenario's name: the files are named after it.
    #[prop_or_default]
    pub name: Option<String>,
    /// The probabilities shown (the meeting table's), and the current year.
    #[prop_or_default]
    pub probabilities: Option<Vec<f64>>,
    pub as_of: i32,
    /// Source notes of the reported figures.
    #[prop_or_default]
    pub notes: std::collections::BTreeMap<(String, i32), String>,
}

/// What the meeting table says about the scenario besides the run.
pub struct MeetingContext<'a> {
    pub name: Option<&'a str>,
    pub date: String,
    pub as_of: i32,
    pub probabilities: Option<&'a [f64]>,
    pub settings: McSettings,
    /// Source notes of the reported figures, by row and year.
    pub notes: &'a std::collections::BTreeMap<(String, i32), String>,
}

/// Decimals shown of a value of this size (as the page rounds it).
fn decimals_of(v: f64) -> u8 {
    if v.abs() >= 100.0 {
        0
    } else {
        2
    }
}

/// The table for 会议材料 (meeting papers), headers in the page's language and numbers rounded
/// as the page shows them: the scenario's name, date and what is reported; each target with
/// its value, threshold, gap, probability, status and progress; every lever with its default
/// and unit; the baseline figures in use. Written as CSV here and as XLSX by the xlsx worker.
pub fn meeting_table(
    engine: &Engine,
    run: &Run,
    levers: &Levers,
    context: &MeetingContext,
    lang: Lang,
) -> MeetingTable {
    use crate::scenario::baseline_edits::STOCKS;
    use crate::scenario::meeting_table::{Cell, Row};
    use crate::scenario::status::{progress, Status};
    let zh = lang == Lang::Zh;
    let t = |zh_text: &str, en_text: &str| Cell::text(lang.pick(zh_text, en_text));
    let row = |cells: Vec<Cell>| Row {
        cells,
        heading: false,
    };
    let heading = |cells: Vec<Cell>| Row {
        cells,
        heading: true,
    };
    let blank = || row(Vec::new());
    let mut rows = vec![
        heading(vec![t(
            "鲤城区新型城镇化情景模拟：会议材料表",
            "Licheng urbanisation scenarios: table for meeting papers",
        )]),
        row(vec![
            t("情景名称", "Scenario"),
            Cell::text(context.name.map_or_else(
                || i18n::SCENARIO_UNNAMED.get(lang).to_string(),
                str::to_string,
            )),
        ]),
        row(vec![t("日期", "Date"), Cell::text(context.date.clone())]),
        row(vec![
            t("数据", "Data"),
            Cell::text(i18n::as_of_text(
                lang,
                engine.baseline().actuals().latest_year(),
                context.as_of,
                engine.baseline().base_year(),
            )),
        ]),
        row(vec![
            t("达成概率", "Probabilities"),
            Cell::text(mc_basis(context.settings, lang)),
        ]),
        blank(),
        heading(vec![
            t("目标", "Target"),
            t("预测值", "Projected"),
            t("目标值", "Target value"),
            t("差距", "Gap"),
            t("达成概率", "Probability"),
            t("状态", "Status"),
            t("序时进度", "Progress to date"),
        ]),
    ];
    for (i, (def, o)) in engine.plan().targets.iter().zip(&run.outcomes).enumerate() {
        let unit = lang.pick(&def.unit_zh, &def.unit_en);
        let p = context.probabilities.and_then(|p| p.get(i)).copied();
        let level = p.and_then(|p| Status::of_target(engine, i, p));
        let progress_text = run
            .progress
            .get(i)
            .copied()
            .flatten()
            .map_or_else(String::new, |g| {
                format!(
                    "{} {} / {}",
                    progress::label(g.status, zh),
                    format::value_with_unit(g.to_date, unit, lang),
                    format::value_with_unit(g.schedule, unit, lang)
                )
            });
        rows.push(row(vec![
            Cell::text(lang.pick(&def.label_zh, &def.label_en)),
            Cell::number(
                format::value_with_unit(o.value, unit, lang),
                o.value,
                decimals_of(o.value),
            ),
            Cell::text(super::dashboard::threshold_text(
                def,
                super::dashboard::comparator_of(engine, i),
                o.threshold,
                o.threshold_high,
                lang,
            )),
            Cell::number(
                format::signed_difference(o.gap, unit, lang),
                o.gap,
                decimals_of(o.gap),
            ),
            match p.filter(|_| level.is_none_or(Status::has_probability)) {
                Some(p) => Cell::number(
                    format!("{:.0}%", (p * 100.0).clamp(0.0, 100.0)),
                    p * 100.0,
                    0,
                ),
                None => Cell::text(""),
            },
            Cell::text(level.map_or_else(
                || i18n::STATUS_PENDING.get(lang).to_string(),
                |s| s.label(zh).to_string(),
            )),
            Cell::text(progress_text),
        ]));
    }
    let reported = engine.actual_entries();
    if !reported.is_empty() {
        rows.push(blank());
        rows.push(heading(vec![
            t("实际完成", "Reported"),
            t("年份", "Year"),
            t("实际数", "Figure"),
            t("来源", "Source"),
        ]));
        for e in &reported {
            let label = engine
                .reported_of(&e.key)
                .map(|what| engine.reported_label(what))
                .map_or_else(
                    |_| e.key.clone(),
                    |(zh_label, en_label)| lang.pick(&zh_label, &en_label).to_string(),
                );
            rows.push(row(vec![
                Cell::text(label),
                Cell::number(e.year.to_string(), f64::from(e.year), 0),
                Cell::number(
                    super::number_input::lever_text(e.value),
                    e.value,
                    decimals_of(e.value),
                ),
                Cell::text(
                    context
                        .notes
                        .get(&(e.key.clone(), e.year))
                        .cloned()
                        .unwrap_or_default(),
                ),
            ]));
        }
    }
    rows.push(blank());
    rows.push(heading(vec![
        t("参数", "Assumption"),
        t("取值", "Value"),
        t("默认值", "Default"),
        t("单位", "Unit"),
    ]));
    for id in crate::model::levers::LeverId::ALL {
        let spec = id.spec();
        let decimals = (0..6u8)
            .find(|d| {
                let scaled = spec.step * 10f64.powi(i32::from(*d));
                (scaled - scaled.round()).abs() < 1e-9
            })
            .unwrap_or(6);
        rows.push(row(vec![
            Cell::text(lang.pick(spec.label_zh, spec.label_en)),
            Cell::number(
                super::number_input::lever_text(levers.get(*id)),
                levers.get(*id),
                decimals,
            ),
            Cell::number(
                super::number_input::lever_text(spec.default),
                spec.default,
                decimals,
            ),
            Cell::text(lang.pick(spec.unit_zh, spec.unit_en)),
        ]));
    }
    rows.push(blank());
    rows.push(heading(vec![
        t("基期数据", "Baseline figure"),
        t("取值", "Value"),
    ]));
    let total = engine.baseline().population().total();
    rows.push(row(vec![
        t("2024年末常住人口", "Resident population, end-2024"),
        Cell::number(format::exact(total, lang), total, 0),
    ]));
    for spec in STOCKS.iter() {
        let v = engine.baseline().stock(spec.stock);
        rows.push(row(vec![
            Cell::text(spec.label(lang.error_code())),
            Cell::number(super::number_input::lever_text(v), v, decimals_of(v)),
        ]));
    }
    MeetingTable {
        sheet: lang.pick("会议材料表", "Meeting table").to_string(),
        rows,
    }
}

/// The probabilities' CSV: exactly what `licheng mc --format csv` prints for the same scenario,
/// draws and seed.
pub fn probabilities_csv(engine: &Engine, summary: &McSummary) -> String {
    uncertainty::mc_csv(engine, summary)
}

/// The probabilities' JSON: exactly what `licheng mc --format json` prints.
pub fn probabilities_json(
    engine: &Engine,
    summary: &McSummary,
    settings: McSettings,
) -> Result<String, JsValue> {
    let settings = Settings::new(settings.seed, settings.spread)
        .map_err(|e| JsValue::from_str(&e.message_en()))?;
    serde_json::to_string_pretty(&uncertainty::mc_json(engine, summary, settings))
        .map(|s| s + "\n")
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

#[function_component(ExportPanel)]
pub fn export_panel(props: &ExportPanelProps) -> Html {
    let lang = props.lang;
    // The message is in the page's language; the browser's own reason goes to the console.
    let error = use_state_eq(|| false);
    let report = |result: Result<(), JsValue>, error: &UseStateHandle<bool>| match result {
        Ok(()) => error.set(false),
        Err(e) => {
            gloo::console::warn!(format!("export failed: {}", js_error_text(&e)));
            error.set(true);
        }
    };
    let file = |fallback: &str, ext: &str| {
        super::file_names::export_file_name(props.name.as_deref(), fallback, ext)
    };
    let on_csv = {
        let (engine, run, error) = (props.engine.clone(), props.run.clone(), error.clone());
        let file = file("scenario", "csv");
        Callback::from(move |_: MouseEvent| {
            let text = results_csv(&engine.0, &run);
            report(
                download_text(&file, "text/csv;charset=utf-8", &text),
                &error,
            );
        })
    };
    let on_json = {
        let (engine, run, levers, error) = (
            props.engine.clone(),
            props.run.clone(),
            props.levers.clone(),
            error.clone(),
        );
        let file = file("scenario", "json");
        Callback::from(move |_: MouseEvent| {
            let result = results_json(&engine.0, &run, &levers)
                .and_then(|text| download_text(&file, "application/json", &text));
            report(result, &error);
        })
    };
    let on_mc_csv = {
        let (engine, mc, error) = (props.engine.clone(), props.mc.clone(), error.clone());
        let file = file("probabilities", "csv");
        Callback::from(move |_: MouseEvent| {
            if let Some(summary) = &mc {
                let text = probabilities_csv(&engine.0, summary);
                report(
                    download_text(&file, "text/csv;charset=utf-8", &text),
                    &error,
                );
            }
        })
    };
    let on_mc_json = {
        let (engine, mc, settings, error) = (
            props.engine.clone(),
            props.mc.clone(),
            props.mc_settings,
            error.clone(),
        );
        let file = file("probabilities", "json");
        Callback::from(move |_: MouseEvent| {
            if let Some(summary) = &mc {
                let result = probabilities_json(&engine.0, summary, settings)
                    .and_then(|text| download_text(&file, "application/json", &text));
                report(result, &error);
            }
        })
    };
    let on_table = {
        let (engine, run, levers, error) = (
            props.engine.clone(),
            props.run.clone(),
            props.levers.clone(),
            error.clone(),
        );
        let (name, probabilities, settings, as_of, notes) = (
            props.name.clone(),
            props.probabilities.clone(),
            props.mc_settings,
            props.as_of,
            Rc::new(props.notes.clone()),
        );
        let (csv_file, xlsx_file) = (file("meeting-table", "csv"), file("meeting-table", "xlsx"));
        let error = error.clone();
        move |xlsx: bool| {
            let (engine, run, levers, error) =
                (engine.clone(), run.clone(), levers.clone(), error.clone());
            let (name, probabilities, notes) = (name.clone(), probabilities.clone(), notes.clone());
            let (csv_file, xlsx_file) = (csv_file.clone(), xlsx_file.clone());
            Callback::from(move |_: MouseEvent| {
                let context = MeetingContext {
                    name: name.as_deref(),
                    date: super::clock::today_text(lang),
                    as_of,
                    probabilities: probabilities.as_deref(),
                    settings,
                    notes: &notes,
                };
                let table = meeting_table(&engine.0, &run, &levers, &context, lang);
                if xlsx {
                    let (error, file) = (error.clone(), xlsx_file.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        report(export_xlsx(table, file).await, &error);
                    });
                } else {
                    report(
                        download_text(&csv_file, "text/csv;charset=utf-8", &table.to_csv()),
                        &error,
                    );
                }
            })
        }
    };
    let on_print = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });
    let charts = CHARTS.iter().map(|&(id, title)| {
        let caption = {
            let name = props.name.clone();
            move || ChartCaption {
                name: name.clone(),
                title: title.get(lang).to_string(),
                subtitle: format!(
                    "{} · {}",
                    name.clone()
                        .unwrap_or_else(|| i18n::SCENARIO_UNNAMED.get(lang).to_string()),
                    super::clock::today_text(lang)
                ),
                source: i18n::CHART_SOURCE.get(lang).to_string(),
            }
        };
        let on_svg = {
            let (error, caption) = (error.clone(), caption.clone());
            Callback::from(move |_: MouseEvent| report(export_svg(id, &caption()), &error))
        };
        let on_png = {
            let error = error.clone();
            Callback::from(move |_: MouseEvent| {
                let (error, caption) = (error.clone(), caption());
                wasm_bindgen_futures::spawn_local(async move {
                    report(export_png(id.to_string(), caption).await, &error);
                });
            })
        };
        let title = title.get(lang);
        html! {
            <li class="export-chart">
                <span class="export-chart-title">{ title }</span>
                <button type="button" id={format!("export-svg-{id}")} class="button button-small"
                    title={i18n::export_chart(lang, title, "SVG")} onclick={on_svg}>
                    { "SVG" }<span class="visually-hidden">{ " " }{ title }</span>
                </button>
                <button type="button" id={format!("export-png-{id}")} class="button button-small"
                    title={i18n::export_chart(lang, title, "PNG")} onclick={on_png}>
                    { "PNG" }<span class="visually-hidden">{ " " }{ title }</span>
                </button>
            </li>
        }
    });
    html! {
        <section id="export-panel" class="export-panel" aria-labelledby="export-heading">
            <h2 id="export-heading">{ i18n::EXPORT_HEADING.get(lang) }</h2>
            <div class="export-results">
                <span class="export-label">{ i18n::EXPORT_RESULTS.get(lang) }</span>
                <button type="button" id="export-csv" class="button" title={i18n::EXPORT_CSV_HINT.get(lang)}
                    onclick={on_csv}>{ i18n::EXPORT_CSV.get(lang) }</button>
                <button type="button" id="export-json" class="button" onclick={on_json}>
                    { i18n::EXPORT_JSON.get(lang) }
                </button>
                <button type="button" id="print-handout" class="button" onclick={on_print}>
                    { i18n::PRINT_HANDOUT.get(lang) }
                </button>
            </div>
            <p class="hint">{ i18n::EXPORT_CSV_HINT.get(lang) }</p>
            <div class="export-results">
                <span class="export-label">{ i18n::EXPORT_MEETING.get(lang) }</span>
                <button type="button" id="export-table-xlsx" class="button" onclick={on_table(true)}>
                    { "XLSX" }
                </button>
                <button type="button" id="export-table-csv" class="button" onclick={on_table(false)}>
                    { i18n::EXPORT_MEETING_CSV.get(lang) }
                </button>
            </div>
            <p class="hint">{ i18n::EXPORT_MEETING_HINT.get(lang) }</p>
            <div class="export-results">
                <span class="export-label">{ i18n::EXPORT_PROBABILITIES.get(lang) }</span>
                <button type="button" id="export-mc-csv" class="button" disabled={props.mc.is_none()}
                    onclick={on_mc_csv}>{ "CSV" }</button>
                <button type="button" id="export-mc-json" class="button" disabled={props.mc.is_none()}
                    onclick={on_mc_json}>{ "JSON" }</button>
            </div>
            <p class="hint">{ i18n::EXPORT_PROBABILITIES_HINT.get(lang) }</p>
            <h3 class="export-label">{ i18n::EXPORT_CHARTS.get(lang) }</h3>
            <ul class="export-charts">{ for charts }</ul>
            if *error {
                <p id="export-error" class="input-error" role="alert">
                    { i18n::EXPORT_FAILED.get(lang) }{ i18n::EXPORT_FAILED_REASON.get(lang) }
                </p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct HandoutScenarioProps {
    pub lang: Lang,
    pub levers: Levers,
    #[prop_or_default]
    pub compare: Option<Levers>,
    #[prop_or_default]
    pub preset: Option<String>,
    /// The Monte Carlo settings the target table's probabilities come from.
    pub mc_settings: McSettings,
    #[prop_or_default]
    pub name: Option<String>,
    #[prop_or_default]
    pub compare_name: Option<String>,
}

/// The handout's description of the scenario (printed only): the preset it started from and
/// every changed assumption with its default; scenario A's too while comparing; and the Monte
/// Carlo settings the target table's probabilities come from. No date.
#[function_component(HandoutScenario)]
pub fn handout_scenario(props: &HandoutScenarioProps) -> Html {
    let lang = props.lang;
    let list = |levers: &Levers| {
        let changed = levers.changed();
        if changed.is_empty() {
            html! { <p>{ i18n::ALL_AT_DEFAULT.get(lang) }</p> }
        } else {
            html! {
                <ul>{ for changed.iter().map(|(id, v)| html! { <li>{ lever_line(*id, *v, lang) }</li> }) }</ul>
            }
        }
    };
    let preset = props.preset.as_deref().and_then(Preset::by_id);
    html! {
        <section id="handout-scenario" class="handout-scenario print-only">
            <h2>{ i18n::HANDOUT_SCENARIO.get(lang) }</h2>
            if let Some(name) = &props.name {
                <p id="handout-name" class="handout-name">
                    { i18n::SCENARIO_NAME.get(lang) }{ i18n::COLON.get(lang) }<strong>{ name.clone() }</strong>
                    { " · " }{ super::clock::today_text(lang) }
                </p>
            }
            if let Some(p) = preset {
                <p>{ i18n::STARTED_FROM.get(lang) }{ i18n::COLON.get(lang) }{ lang.pick(p.label_zh, p.label_en) }</p>
            }
            if let Some(a) = &props.compare {
                <h3>{ i18n::SCENARIO_B.get(lang) }{ props.name.as_ref().map(|n| format!("{}{n}", i18n::COLON.get(lang))) }</h3>
                { list(&props.levers) }
                <h3>{ i18n::SCENARIO_A.get(lang) }{ props.compare_name.as_ref().map(|n| format!("{}{n}", i18n::COLON.get(lang))) }</h3>
                { list(a) }
            } else {
                <h3>{ i18n::CHANGED_ASSUMPTIONS.get(lang) }</h3>
                { list(&props.levers) }
            }
            <p id="handout-mc-basis">{ mc_basis(props.mc_settings, lang) }</p>
        </section>
    }
}

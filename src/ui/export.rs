//! Exports (`#export-panel`): the results as CSV (`report::projection_csv` + `targets_csv`,
//! byte for byte the CLI's `licheng project --format csv`) and JSON (`report::run_json`, as
//! `--format json`), every dashboard chart as SVG (the chart's `<svg>` serialised with
//! `XMLSerializer`, its computed styles written onto each element as presentation attributes so
//! the file styles itself) and PNG (that SVG drawn at twice its size on a canvas through an
//! `Image` from a blob URL; the page's CSP allows `img-src blob:` for this), a print button,
//! and the print-only scenario description of the A4 handout (`@media print` in
//! `www/style.css`).

use super::dashboard::EngineRef;
use super::i18n::{self, Lang, Tr};
use super::present::lever_line;
use super::uncertainty::{mc_basis, McSettings};
use crate::model::levers::Levers;
use crate::model::montecarlo::Settings;
use crate::scenario::mc_messages::McSummary;
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
const STYLE_PROPERTIES: [&str; 14] = [
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

/// The chart's `<svg>` as a standalone file: the text, and its size in viewBox units.
pub fn chart_svg(chart_id: &str) -> Result<(String, f64, f64), JsValue> {
    let document = gloo::utils::document();
    let svg = document
        .get_element_by_id(&format!("{chart_id}-svg"))
        .ok_or_else(|| JsValue::from_str("the chart is not on the page"))?;
    let copy: Element = svg.clone_node_with_deep(true)?.dyn_into()?;
    // Styles first, while the copy's elements still pair up with the originals one for one.
    let window = gloo::utils::window();
    let originals = svg.query_selector_all("*")?;
    let copies = copy.query_selector_all("*")?;
    let pairs = std::iter::once((Some(svg.clone()), Some(copy.clone()))).chain(
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
    let left_out = copy.query_selector_all(LEFT_OUT)?;
    for i in 0..left_out.length() {
        if let Some(node) = left_out.item(i) {
            if let Some(parent) = node.parent_node() {
                parent.remove_child(&node)?;
            }
        }
    }
    // The page's classes and focus order mean nothing in a file.
    let rest = copy.query_selector_all("*")?;
    let rest = (0..rest.length()).filter_map(|i| rest.item(i)?.dyn_into::<Element>().ok());
    for element in std::iter::once(copy.clone()).chain(rest) {
        for attribute in ["tabindex", "class", "style"] {
            element.remove_attribute(attribute)?;
        }
    }
    let (width, height) = view_box_size(&svg).unwrap_or((460.0, 270.0));
    copy.set_attribute("xmlns", "http://www.w3.org/2000/svg")?;
    copy.set_attribute("width", &width.to_string())?;
    copy.set_attribute("height", &height.to_string())?;
    copy.remove_attribute("id")?;
    // A white background, so the PNG is not transparent.
    let background = document.create_element_ns(Some("http://www.w3.org/2000/svg"), "rect")?;
    for (name, value) in [
        ("x", "0".to_string()),
        ("y", "0".to_string()),
        ("width", width.to_string()),
        ("height", height.to_string()),
        ("fill", "#ffffff".to_string()),
    ] {
        background.set_attribute(name, &value)?;
    }
    copy.insert_before(&background, copy.first_child().as_ref())?;
    let text = web_sys::XmlSerializer::new()?.serialize_to_string(&copy)?;
    Ok((text, width, height))
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
fn export_svg(chart_id: &str) -> Result<(), JsValue> {
    let (text, _, _) = chart_svg(chart_id)?;
    download_text(
        &format!("licheng-{chart_id}.svg"),
        "image/svg+xml;charset=utf-8",
        &text,
    )
}

/// Downloads a chart as PNG, drawn at twice its size on the page (at least twice its viewBox).
async fn export_png(chart_id: String) -> Result<(), JsValue> {
    let (text, width, height) = chart_svg(&chart_id)?;
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
    download_blob(&format!("licheng-{chart_id}.png"), &blob)
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
    let file =
        |fallback: &str, ext: &str| super::export_file_name(props.name.as_deref(), fallback, ext);
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
    let on_print = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });
    let charts = CHARTS.iter().map(|&(id, title)| {
        let on_svg = {
            let error = error.clone();
            Callback::from(move |_: MouseEvent| report(export_svg(id), &error))
        };
        let on_png = {
            let error = error.clone();
            Callback::from(move |_: MouseEvent| {
                let error = error.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    report(export_png(id.to_string()).await, &error);
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
                    { " · " }{ super::today_text(lang) }
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

//! The base-year population table: import an `age,male,female` CSV as a custom baseline
//! (`#baseline-import`, errors in `#import-error`) and the download of the table in use as a CSV
//! template; and the banner while any custom baseline is in use (`#custom-baseline-banner`: the
//! imported table and every edited figure with its official value, and the way back).

use super::baseline_editor::{figure_text, is_estimate, unit};
use super::dashboard::EngineRef;
use super::format;
use super::i18n::{self, Lang};
use super::state::{Action, CustomBaseline, Workbench};
use crate::model::cohort::{Population, FEMALE, MALE};
use crate::scenario::baseline_edits::StockSpec;
use crate::scenario::seeds::{self, BaselineFigures};
use crate::scenario::{Engine, InputError};
use gloo::events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{FileReader, HtmlInputElement};
use yew::prelude::*;

/// Files larger than this are refused before reading (a full table is a few kilobytes).
const MAX_FILE_BYTES: f64 = 1_000_000.0;

#[derive(Properties, PartialEq)]
pub struct BaselineImportProps {
    pub lang: Lang,
    pub custom: Option<CustomBaseline>,
    pub import_error: Option<InputError>,
    /// The engine in use: its base-year population is the template offered for download.
    pub engine: Rc<EngineRef>,
    pub dispatch: UseReducerDispatcher<Workbench>,
}

/// The population table as `age,male,female` CSV at full precision (the format `parse` reads).
pub fn population_csv(population: &Population) -> String {
    let mut out = String::from("age,male,female\n");
    let (male, female) = (population.sex(MALE), population.sex(FEMALE));
    for (age, (m, f)) in male.iter().zip(female).enumerate() {
        out.push_str(&format!("{age},{m},{f}\n"));
    }
    out
}

/// Offers `text` as a file download through a Blob and an object URL.
fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = gloo::utils::document();
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_class_name("visually-hidden");
    let body = gloo::utils::body();
    body.append_child(&anchor)?;
    anchor.click();
    body.remove_child(&anchor)?;
    // Revoke once the download has started.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// A reader in flight with its listeners (dropped, and so detached, when replaced).
type PendingRead = Option<(FileReader, EventListener, EventListener)>;

fn read_failed() -> InputError {
    InputError::new(
        "CSV",
        i18n::IMPORT_READ_FAILED.zh,
        i18n::IMPORT_READ_FAILED.en,
    )
}

#[function_component(BaselineImport)]
pub fn baseline_import(props: &BaselineImportProps) -> Html {
    let lang = props.lang;
    let pending: Rc<RefCell<PendingRead>> = use_mut_ref(|| None);

    let on_file = {
        let dispatch = props.dispatch.clone();
        let pending = pending.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // Let the same file be chosen again after it is fixed.
            input.set_value("");
            if file.size() > MAX_FILE_BYTES {
                dispatch.dispatch(Action::ImportReadFailed(InputError::new(
                    file.name(),
                    i18n::FILE_TOO_LARGE.zh,
                    i18n::FILE_TOO_LARGE.en,
                )));
                return;
            }
            let Ok(reader) = FileReader::new() else {
                dispatch.dispatch(Action::ImportReadFailed(read_failed()));
                return;
            };
            let file_name = file.name();
            let on_load = {
                let dispatch = dispatch.clone();
                let reader = reader.clone();
                EventListener::new(&reader.clone(), "load", move |_| {
                    match reader.result().ok().and_then(|v| v.as_string()) {
                        Some(text) => dispatch.dispatch(Action::ImportPopulation {
                            file_name: file_name.clone(),
                            text,
                        }),
                        None => dispatch.dispatch(Action::ImportReadFailed(read_failed())),
                    }
                })
            };
            let on_error = {
                let dispatch = dispatch.clone();
                EventListener::new(&reader, "error", move |_| {
                    dispatch.dispatch(Action::ImportReadFailed(read_failed()))
                })
            };
            if reader.read_as_text(&file).is_err() {
                dispatch.dispatch(Action::ImportReadFailed(read_failed()));
                return;
            }
            *pending.borrow_mut() = Some((reader, on_load, on_error));
        })
    };
    let on_download = {
        let engine = props.engine.0.clone();
        let custom = props.custom.is_some();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let name = if custom {
                "population-custom.csv"
            } else {
                "licheng-population-2024.csv"
            };
            if download_text(
                name,
                "text/csv;charset=utf-8",
                &population_csv(engine.baseline().population()),
            )
            .is_err()
            {
                gloo::console::warn!("the CSV download could not be started");
            }
        })
    };
    html! {
        <section class="baseline-import" aria-labelledby="import-heading">
            <h2 id="import-heading">{ i18n::IMPORT_HEADING.get(lang) }</h2>
            if props.custom.is_none() {
                <p class="hint">{ i18n::OFFICIAL_BASELINE_NOTE.get(lang) }</p>
            }
            <p class="file-label" id="baseline-import-help">{ i18n::IMPORT_LABEL.get(lang) }</p>
            // The native control is visually hidden (its button text follows the browser's
            // language, not the page's); the label is the visible, bilingual button.
            <input type="file" id="baseline-import" class="file-input" accept=".csv,text/csv,text/plain"
                onchange={on_file}
                aria-describedby={if props.import_error.is_some() { "baseline-import-help import-error" } else { "baseline-import-help" }} />
            <label class="button file-button" for="baseline-import">
                { i18n::IMPORT_BUTTON.get(lang) }
            </label>
            if let Some(error) = &props.import_error {
                <p id="import-error" class="input-error" role="alert">
                    { i18n::IMPORT_FAILED.get(lang) }{ " " }{ error.message(lang.error_code()) }
                </p>
            }
            <p>
                <a href="#" id="download-population" class="download-link" onclick={on_download}>
                    { i18n::DOWNLOAD_TEMPLATE.get(lang) }
                </a>
            </p>
        </section>
    }
}

/// What differs from the built-in baseline, one line each with its key (`population` or the
/// figure's key) and the built-in value alongside: "公办初中学位（2024年）：12,000个（内置估算
/// 13,830个）". The banner, the handout and the slides all say it in these words.
pub fn custom_baseline_items(
    lang: Lang,
    custom: &CustomBaseline,
    official: &Engine,
    figures: &BaselineFigures,
) -> Vec<(&'static str, String)> {
    let population = custom.population.as_ref().map(|p| {
        (
            "population",
            i18n::custom_population_item(lang, &p.file_name, &format::exact(p.total, lang)),
        )
    });
    let edited = custom.figures.iter().map(|(stock, value)| {
        let spec = StockSpec::of(stock);
        let figure = spec.figure(figures);
        let unit = unit(figure, lang);
        let built_in = official.baseline().stock(stock);
        (
            spec.key,
            i18n::custom_figure_item(
                lang,
                spec.label(lang.error_code()),
                &figure_text(value, &unit, lang),
                &figure_text(built_in, &unit, lang),
                is_estimate(figure),
            ),
        )
    });
    population.into_iter().chain(edited).collect()
}

#[derive(Properties, PartialEq)]
pub struct CustomBaselineBannerProps {
    pub lang: Lang,
    pub custom: CustomBaseline,
    /// The official engine (the official value of each edited figure).
    pub official: Rc<EngineRef>,
    pub dispatch: UseReducerDispatcher<Workbench>,
}

/// The banner across the page while a custom baseline is in use: what is custom, one line each
/// (`li.custom-baseline-item`, `data-figure` = the figure's key), and the way back.
#[function_component(CustomBaselineBanner)]
pub fn custom_baseline_banner(props: &CustomBaselineBannerProps) -> Html {
    let lang = props.lang;
    let figures: Rc<BaselineFigures> = use_memo((), |_| seeds::baseline_figures());
    let on_official = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::UseOfficialBaseline))
    };
    let items = custom_baseline_items(lang, &props.custom, &props.official.0, &figures)
        .into_iter()
        .map(|(key, text)| {
            html! { <li class="custom-baseline-item" data-figure={key}>{ text }</li> }
        });
    html! {
        <div id="custom-baseline-banner" class="banner banner-warning" role="status">
            <span class="banner-icon" aria-hidden="true">{ "⚠" }</span>
            <div class="custom-baseline-body">
                <p class="custom-baseline-heading">{ i18n::CUSTOM_BASELINE_HEADING.get(lang) }</p>
                <ul class="custom-baseline-list">{ for items }</ul>
            </div>
            <button type="button" id="use-official-baseline" class="button" onclick={on_official}>
                { i18n::RETURN_OFFICIAL.get(lang) }
            </button>
        </div>
    }
}

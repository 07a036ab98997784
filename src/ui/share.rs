//! The header's "share and present" buttons and the share panel (`#share-panel`): the scenario's
//! full link (`#share-link`), copying it or a plain-text summary (Clipboard API, with a
//! select-and-`execCommand('copy')` fallback, and a message saying whether it worked either
//! way), and the link's QR code drawn as SVG from `scenario::qr` (`#share-qr`), large enough to
//! scan from a projector when enlarged. While an imported population table is in use the panel
//! says that it is not in the link (`#share-population-note`).

use super::dashboard::EngineRef;
use super::focus::{focus, use_focus_trap};
use super::i18n::{self, Lang};
use super::present::{summary_headline, summary_outcomes};
use super::state::{Action, Workbench};
use super::url_sync::{from_link_lang, full_link};
use crate::scenario::link::{self, LinkState};
use crate::scenario::{qr, Run};
use gloo::events::EventListener;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The quiet zone around the QR code, in modules (the standard asks for 4).
const QR_BORDER: usize = 4;

#[derive(Properties, PartialEq)]
pub struct ShareToolsProps {
    /// The scenario as the link describes it (slide included only while presenting).
    pub link: LinkState,
    pub engine: Rc<EngineRef>,
    pub run: Rc<Run>,
    /// The file name of the imported population table in use, if any (it is not in the link).
    #[prop_or_default]
    pub imported_population: Option<String>,
    /// The Monte Carlo probabilities shown (plan order), if any: the summary's verdicts.
    #[prop_or_default]
    pub mc_probabilities: Option<Vec<f64>>,
    pub dispatch: UseReducerDispatcher<Workbench>,
}

/// What the last copy did.
#[derive(Clone, Copy, PartialEq, Debug)]
enum CopyResult {
    Link,
    Summary,
    Failed,
}

/// Writes `text` to the clipboard; if the Clipboard API is missing or refuses, selects the
/// field `fallback_id` and tries `document.execCommand('copy')`. True when either worked. The
/// field is selected in any case, so that Ctrl+C works when nothing else did.
async fn copy_text(text: String, fallback_id: &'static str) -> bool {
    let navigator = gloo::utils::window().navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| c.is_object());
    let mut copied = false;
    if let Some(clipboard) = clipboard {
        let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
        copied = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text))
            .await
            .is_ok();
    }
    let document = gloo::utils::document();
    if let Some(field) = document.get_element_by_id(fallback_id) {
        if let Some(input) = field.dyn_ref::<HtmlInputElement>() {
            let _ = input.focus();
            input.select();
        } else if let Some(area) = field.dyn_ref::<HtmlTextAreaElement>() {
            let _ = area.focus();
            area.select();
        }
    }
    if !copied {
        if let Ok(html) = document.dyn_into::<web_sys::HtmlDocument>() {
            copied = html.exec_command("copy").unwrap_or(false);
        }
    }
    copied
}

/// The QR code of `text` as an SVG (dark modules as one path on a white square), or a message
/// when the text is too long for any QR version.
pub fn qr_svg(text: &str, id: &'static str, class: &'static str, lang: Lang) -> Html {
    match qr::encode(text) {
        Some(matrix) => {
            let side = matrix.size() + 2 * QR_BORDER;
            html! {
                <svg id={id} class={class} viewBox={format!("0 0 {side} {side}")} role="img"
                    aria-label={i18n::QR_ALT.get(lang)} shape-rendering="crispEdges"
                    data-version={matrix.version.to_string()}>
                    <rect width={side.to_string()} height={side.to_string()} fill="#ffffff" />
                    <path d={qr::svg_path(&matrix, QR_BORDER)} fill="#000000" />
                </svg>
            }
        }
        None => html! { <p id={id} class="qr-too-long">{ i18n::QR_TOO_LONG.get(lang) }</p> },
    }
}

/// Asks for full screen on the whole page. The promise is handled, so a refusal logs nothing;
/// the presentation works without full screen.
pub fn request_fullscreen() {
    let Some(root) = gloo::utils::document().document_element() else {
        return;
    };
    let Ok(request) = js_sys::Reflect::get(&root, &JsValue::from_str("requestFullscreen")) else {
        return;
    };
    let Some(request) = request.dyn_ref::<js_sys::Function>() else {
        return;
    };
    if let Ok(result) = request.call0(&root) {
        if let Ok(promise) = result.dyn_into::<js_sys::Promise>() {
            wasm_bindgen_futures::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            });
        }
    }
}

#[function_component(ShareTools)]
pub fn share_tools(props: &ShareToolsProps) -> Html {
    let open = use_state_eq(|| false);
    let big_qr = use_state_eq(|| false);
    use_focus_trap("share-panel", *open);
    let copied = use_state_eq(|| None::<CopyResult>);
    let lang = from_link_lang(props.link.lang);

    // The shared link never opens the presentation: it is the scenario.
    let shared = LinkState {
        slide: None,
        ..props.link.clone()
    };
    let url = full_link(&link::encode(&shared));
    let probabilities = props.mc_probabilities.as_deref();
    let summary = link::summary(
        &shared,
        &summary_headline(&props.engine.0, &props.run, probabilities, lang),
        &summary_outcomes(&props.engine.0, &props.run, probabilities, lang),
        props.link.lang,
    );

    // While open: Escape closes; focus goes to the link field, and back to the button after.
    {
        let open = open.clone();
        use_effect_with(*open, move |is_open| {
            let listener = is_open.then(|| {
                focus("share-link");
                let open = open.clone();
                EventListener::new(&gloo::utils::document(), "keydown", move |event| {
                    let is_escape = event
                        .dyn_ref::<web_sys::KeyboardEvent>()
                        .is_some_and(|k| k.key() == "Escape");
                    if is_escape {
                        open.set(false);
                        focus("share");
                    }
                })
            });
            move || drop(listener)
        });
    }

    let on_share = {
        let (open, copied) = (open.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            copied.set(None);
            open.set(!*open);
        })
    };
    let on_close = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            focus("share");
        })
    };
    let on_present = {
        let dispatch = props.dispatch.clone();
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            request_fullscreen();
            dispatch.dispatch(Action::SetSlide(Some(1)));
        })
    };
    let on_copy_link = {
        let (copied, url) = (copied.clone(), url.clone());
        Callback::from(move |_: MouseEvent| {
            let (copied, url) = (copied.clone(), url.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let ok = copy_text(url, "share-link").await;
                copied.set(Some(if ok {
                    CopyResult::Link
                } else {
                    CopyResult::Failed
                }));
            });
        })
    };
    let on_copy_summary = {
        let (copied, summary) = (copied.clone(), summary.clone());
        Callback::from(move |_: MouseEvent| {
            let (copied, summary) = (copied.clone(), summary.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let ok = copy_text(summary, "share-summary").await;
                copied.set(Some(if ok {
                    CopyResult::Summary
                } else {
                    CopyResult::Failed
                }));
            });
        })
    };
    let on_select = Callback::from(|e: FocusEvent| {
        if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
            input.select();
        }
    });
    let on_big_qr = {
        let big_qr = big_qr.clone();
        Callback::from(move |_: MouseEvent| big_qr.set(!*big_qr))
    };
    let status = match *copied {
        Some(CopyResult::Link) => i18n::COPIED_LINK.get(lang),
        Some(CopyResult::Summary) => i18n::COPIED_SUMMARY.get(lang),
        Some(CopyResult::Failed) => i18n::COPY_FAILED.get(lang),
        None => "",
    };
    let status_class = match *copied {
        Some(CopyResult::Failed) => "share-status share-status-failed",
        _ => "share-status",
    };

    html! {
        <div class="button-group share-tools" role="group" aria-label={i18n::SHARE_TOOLS.get(lang)}>
            <button type="button" id="share" class="button" title={i18n::SHARE_HINT.get(lang)}
                aria-expanded={open.to_string()} aria-controls="share-panel" onclick={on_share}>
                <span aria-hidden="true">{ "⤴ " }</span>{ i18n::SHARE.get(lang) }
            </button>
            <button type="button" id="present" class="button" title={i18n::PRESENT_HINT.get(lang)}
                onclick={on_present}>
                <span aria-hidden="true">{ "▶ " }</span>{ i18n::PRESENT.get(lang) }
            </button>
            if let (true, Some(body)) = (*open, gloo::utils::document().body()) {
                { create_portal(html! {
                <div class="dialog-layer">
                    <section id="share-panel" class="dialog share-panel" role="dialog" aria-modal="true"
                        aria-labelledby="share-heading">
                        <div class="dialog-head">
                            <h2 id="share-heading">{ i18n::SHARE_HEADING.get(lang) }</h2>
                            <button type="button" id="share-close" class="button" onclick={on_close}>
                                { i18n::CLOSE.get(lang) }
                            </button>
                        </div>
                        <div class="share-body">
                            <div class="share-text">
                                <label for="share-link" class="field-label">{ i18n::SHARE_LINK_LABEL.get(lang) }</label>
                                <div class="share-row">
                                    <input id="share-link" class="share-link" type="text" readonly=true
                                        value={url.clone()} onfocus={on_select} spellcheck="false" />
                                    <button type="button" id="copy-link" class="button button-primary"
                                        onclick={on_copy_link}>{ i18n::COPY_LINK.get(lang) }</button>
                                </div>
                                <p id="share-status" class={status_class} role="status" aria-live="polite">{ status }</p>
                                if let Some(file) = &props.imported_population {
                                    <p id="share-population-note" class="share-note">
                                        <span aria-hidden="true">{ "⚠ " }</span>
                                        { i18n::population_not_in_link(lang, file) }
                                    </p>
                                }
                                <label for="share-summary" class="field-label">{ i18n::SHARE_SUMMARY_LABEL.get(lang) }</label>
                                <textarea id="share-summary" class="share-summary" readonly=true rows="10"
                                    value={summary.clone()} />
                                <button type="button" id="copy-summary" class="button" onclick={on_copy_summary}>
                                    { i18n::COPY_SUMMARY.get(lang) }
                                </button>
                            </div>
                            <figure class={classes!("share-qr-figure", big_qr.then_some("share-qr-big"))}>
                                { qr_svg(&url, "share-qr", "qr-code", lang) }
                                <figcaption>{ i18n::SHARE_QR_LABEL.get(lang) }</figcaption>
                                if link::is_local_address(&url) {
                                    <p id="share-local-warning" class="input-error" role="note">
                                        { i18n::SHARE_LOCAL_WARNING.get(lang) }
                                    </p>
                                }
                                <button type="button" id="qr-enlarge" class="button" aria-pressed={big_qr.to_string()}
                                    onclick={on_big_qr}>
                                    { if *big_qr { i18n::QR_SHRINK.get(lang) } else { i18n::QR_ENLARGE.get(lang) } }
                                </button>
                            </figure>
                        </div>
                    </section>
                </div>
                }, body.into()) }
            }
        </div>
    }
}

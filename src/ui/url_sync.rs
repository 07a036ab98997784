//! The address bar is the scenario's source of truth: the workbench starts from the link in
//! `window.location.search` (`link::decode`), rewrites it after every change of the state
//! (`link::encode`, `history.replaceState`, so the history is not flooded), and shows what the
//! link could not use in the dismissible `#link-notices` banner, as plain text.
//!
//! The link carries the levers, the edited baseline figures, scenario A of a comparison, the
//! language, the Monte Carlo seed, the preset the scenario started from (a label) and the
//! presentation slide. An imported population table cannot travel in a link: opening a link
//! keeps the one in use, and the share panel says it is not in the link.

use super::i18n::{self, Lang};
use super::state::{Action, Workbench};
use crate::scenario::link::{self, LinkState};
use crate::scenario::InputError;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsValue;
use yew::prelude::*;

/// How long the address waits for the state to settle before it is rewritten (a dragged slider
/// changes the state many times a second; browsers throttle `replaceState`).
const WRITE_DELAY_MS: u32 = 150;

pub use super::i18n::{from_link_lang, to_link_lang};

/// The query string (no `?`) of the workbench as it is now.
pub fn current_query(s: &Workbench) -> String {
    link::encode(&s.link_state())
}

/// The query of the scenario alone, as saved scenarios keep it (no presentation slide).
pub fn saved_query(s: &Workbench) -> String {
    link::encode(&LinkState {
        slide: None,
        ..s.link_state()
    })
}

/// The page's address without its query and fragment (`https://host/path/`), or "" when the
/// browser does not say.
pub fn page_base() -> String {
    let location = gloo::utils::window().location();
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    format!("{origin}{path}")
}

/// The full link of a query: the page's address followed by `?query`.
pub fn full_link(query: &str) -> String {
    format!("{}?{query}", page_base())
}

/// The workbench as the address bar describes it (no undo step: this is where the page starts).
pub fn initial_workbench() -> Workbench {
    let search = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    Workbench::opened_from(super::clock::current_year(), &search, None)
}

/// Rewrites the address bar with `?query` (keeping any `#fragment`) once the state has been
/// still for a moment. Errors (a browser that refuses) are ignored: the share panel computes
/// its link from the state, not from the address bar.
#[hook]
pub fn use_url_sync(query: String) {
    use_effect_with(query, |query| {
        let query = query.clone();
        let timeout = Timeout::new(WRITE_DELAY_MS, move || replace_address(&query));
        move || drop(timeout)
    });
}

/// `history.replaceState` to `?query#fragment` unless the address already says that.
pub fn replace_address(query: &str) {
    let window = gloo::utils::window();
    let location = window.location();
    let wanted = format!("?{query}");
    if location.search().ok().as_deref() == Some(wanted.as_str()) {
        return;
    }
    let hash = location.hash().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ =
            history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{wanted}{hash}")));
    }
}

#[derive(Properties, PartialEq)]
pub struct LinkNoticesProps {
    pub lang: Lang,
    pub notices: Vec<InputError>,
    pub dispatch: UseReducerDispatcher<Workbench>,
}

/// The banner listing what the link could not use, and why (text nodes only: a link carrying
/// markup shows it as text).
#[function_component(LinkNotices)]
pub fn link_notices(props: &LinkNoticesProps) -> Html {
    let lang = props.lang;
    if props.notices.is_empty() {
        return html! {};
    }
    let on_dismiss = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::DismissLinkNotices))
    };
    let items = props
        .notices
        .iter()
        .map(|n| html! { <li class="link-notice">{ n.message(lang.error_code()) }</li> });
    html! {
        <div id="link-notices" class="banner banner-notices" role="status">
            <div class="notices-body">
                <p class="notices-heading">
                    <span class="banner-icon" aria-hidden="true">{ "⚠ " }</span>
                    { i18n::link_notices_heading(lang, props.notices.len()) }
                </p>
                <ul class="notices-list">{ for items }</ul>
            </div>
            <button type="button" id="link-notices-dismiss" class="button" onclick={on_dismiss}>
                { i18n::DISMISS.get(lang) }
            </button>
        </div>
    }
}

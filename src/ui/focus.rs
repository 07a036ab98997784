//! Keyboard focus for the page's modal dialogs (the share panel and the presentation): moving
//! focus to an element by id, and keeping Tab and Shift+Tab inside an open dialog
//! (`use_focus_trap`), as its `aria-modal="true"` promises to assistive technology.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent, SvgElement};
use yew::prelude::*;

/// What Tab can reach: links, enabled controls, the first summary of a `<details>` and anything
/// with a tab index, but nothing with a negative tab index.
const TABBABLE: &str = ":is(a[href], button:not([disabled]), \
    input:not([disabled]):not([type='hidden']), select:not([disabled]), \
    textarea:not([disabled]), details > summary:first-of-type, [tabindex]):not([tabindex^='-'])";

/// Focuses the element `id`, if there is one (HTML or SVG).
pub fn focus(id: &str) {
    if let Some(element) = gloo::utils::document().get_element_by_id(id) {
        focus_element(&element);
    }
}

fn focus_element(element: &Element) {
    if let Some(html) = element.dyn_ref::<HtmlElement>() {
        let _ = html.focus();
    } else if let Some(svg) = element.dyn_ref::<SvgElement>() {
        let _ = svg.focus();
    }
}

/// The elements of `container` that Tab visits, in document order; hidden ones (no box) are
/// left out.
fn tabbable(container: &Element) -> Vec<Element> {
    let Ok(list) = container.query_selector_all(TABBABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .filter(|element| {
            let rect = element.get_bounding_client_rect();
            rect.width() > 0.0 || rect.height() > 0.0
        })
        .collect()
}

/// Where Tab (or Shift+Tab when `back`) should move focus to stay inside the dialog, or `None`
/// when the browser's own move already stays inside: from the last element Tab wraps to the
/// first, from the first (or the dialog itself) Shift+Tab wraps to the last, and focus outside
/// the dialog comes back in.
fn wrap_target(
    container: &Element,
    items: &[Element],
    current: Option<&Element>,
    back: bool,
) -> Option<Element> {
    let (first, last) = (items.first()?, items.last()?);
    let inside = current.is_some_and(|c| container.contains(Some(c)));
    let on = |element: &Element| current == Some(element);
    if !inside {
        Some(if back { last } else { first }.clone())
    } else if back && (on(first) || on(container)) {
        Some(last.clone())
    } else if !back && on(last) {
        Some(first.clone())
    } else {
        None
    }
}

/// Keeps Tab and Shift+Tab inside the element `id` while `active` (see `wrap_target`).
#[hook]
pub fn use_focus_trap(id: &'static str, active: bool) {
    use_effect_with(active, move |&active| {
        let listener = active.then(|| {
            EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                move |event| {
                    let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if key.key() != "Tab" || key.ctrl_key() || key.alt_key() || key.meta_key() {
                        return;
                    }
                    let document = gloo::utils::document();
                    let Some(container) = document.get_element_by_id(id) else {
                        return;
                    };
                    let items = tabbable(&container);
                    if items.is_empty() {
                        key.prevent_default();
                        return;
                    }
                    let current = document.active_element();
                    if let Some(target) =
                        wrap_target(&container, &items, current.as_ref(), key.shift_key())
                    {
                        key.prevent_default();
                        focus_element(&target);
                    }
                },
            )
        });
        move || drop(listener)
    });
}

#[cfg(test)]
mod tests {
    //! Tab order is the browser's (real elements, `hidden`, `disabled`, SVG tab stops): run in
    //! headless Chromium with the lib's other Wasm tests.
    use super::{tabbable, wrap_target};
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn tab_wraps_at_the_ends_of_a_dialog_and_brings_focus_back_in() {
        let document = gloo::utils::document();
        let body = document.body().unwrap();
        let outside = document.create_element("button").unwrap();
        let dialog = document.create_element("section").unwrap();
        // Tab stops "t-first", "t-mid" and "t-last"; a disabled, a hidden and a tabindex="-1"
        // button are not.
        for (tag, id, attribute) in [
            ("button", "t-first", None),
            ("button", "", Some(("disabled", ""))),
            ("input", "t-mid", None),
            ("button", "", Some(("hidden", ""))),
            ("button", "", Some(("tabindex", "-1"))),
            ("a", "t-last", Some(("href", "#"))),
        ] {
            let element = document.create_element(tag).unwrap();
            element.set_id(id);
            element.set_text_content(Some("x"));
            if let Some((name, value)) = attribute {
                element.set_attribute(name, value).unwrap();
            }
            dialog.append_child(&element).unwrap();
        }
        // A chart point: an SVG group with a tab index, placed before the link.
        let svg_ns = Some("http://www.w3.org/2000/svg");
        let svg = document.create_element_ns(svg_ns, "svg").unwrap();
        let point = document.create_element_ns(svg_ns, "g").unwrap();
        point.set_id("t-point");
        point.set_attribute("tabindex", "0").unwrap();
        let mark = document.create_element_ns(svg_ns, "rect").unwrap();
        mark.set_attribute("width", "10").unwrap();
        mark.set_attribute("height", "10").unwrap();
        point.append_child(&mark).unwrap();
        svg.append_child(&point).unwrap();
        let last = dialog.last_element_child().unwrap();
        dialog.insert_before(&svg, Some(&last)).unwrap();
        body.append_child(&outside).unwrap();
        body.append_child(&dialog).unwrap();
        let items = tabbable(&dialog);
        let ids: Vec<String> = items.iter().map(|e| e.id()).collect();
        // Disabled and hidden controls, and a negative tab index, are not Tab stops.
        assert_eq!(ids, ["t-first", "t-mid", "t-point", "t-last"]);
        let (first, mid, last) = (&items[0], &items[1], &items[3]);
        let target = |current: &web_sys::Element, back: bool| {
            wrap_target(&dialog, &items, Some(current), back).map(|e| e.id())
        };
        assert_eq!(target(last, false).as_deref(), Some("t-first"));
        assert_eq!(target(first, true).as_deref(), Some("t-last"));
        assert_eq!(target(&dialog, true).as_deref(), Some("t-last"));
        // Inside, away from the ends: the browser's own move stays inside.
        assert_eq!(target(mid, false), None);
        assert_eq!(target(mid, true), None);
        assert_eq!(target(first, false), None);
        // From outside the dialog, or from nowhere, focus comes back in.
        assert_eq!(target(&outside, false).as_deref(), Some("t-first"));
        assert_eq!(target(&outside, true).as_deref(), Some("t-last"));
        assert_eq!(
            wrap_target(&dialog, &items, None, false)
                .map(|e| e.id())
                .as_deref(),
            Some("t-first")
        );
        assert_eq!(wrap_target(&dialog, &[], Some(first), false), None);
        dialog.remove();
        outside.remove();
    }
}

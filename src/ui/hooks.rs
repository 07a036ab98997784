//! The hooks components share: links that open a tab at an element (`use_tab_links`) and the
//! exact number field with inline validation (`use_number_field`).

use super::number_input::{lever_text, read_number, InputProblem};
use super::state::{Action, Tab, Workbench};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// One delegated click handler (stable across renders) for the links `a[<attribute>]` inside an
/// element: each opens `tab` and scrolls to the element whose id is the attribute's value.
#[hook]
pub fn use_tab_links(
    dispatch: UseReducerDispatcher<Workbench>,
    attribute: &'static str,
    tab: Tab,
) -> Callback<MouseEvent> {
    use_callback(dispatch, move |e: MouseEvent, dispatch| {
        let anchor = e
            .target_dyn_into::<web_sys::Element>()
            .and_then(|el| el.closest(&format!("a[{attribute}]")).ok().flatten())
            .and_then(|a| a.get_attribute(attribute));
        if let Some(anchor) = anchor {
            e.prevent_default();
            dispatch.dispatch(Action::SetTab(tab));
            dispatch.dispatch(Action::ScrollTo(anchor));
        }
    })
}

/// What the analyst has typed in a number field and not yet applied.
#[derive(Clone, PartialEq, Debug)]
struct Draft {
    text: String,
    problem: Option<InputProblem>,
}

/// An exact number field's text (the value, or what is typed and not yet applied), the problem
/// with it, and its handlers: typing checks at once, Enter or leaving (`change`) applies a
/// valid value through `commit`, Escape and leaving the field bring back the value.
pub struct NumberField {
    pub text: String,
    pub problem: Option<InputProblem>,
    pub oninput: Callback<InputEvent>,
    pub onchange: Callback<Event>,
    pub onblur: Callback<FocusEvent>,
    pub onkeydown: Callback<KeyboardEvent>,
}

/// The state and handlers of an exact number field for `value` in `[min, max]`. A change of
/// `value` from elsewhere (undo, preset, reset) replaces whatever was typed.
#[hook]
pub fn use_number_field(value: f64, min: f64, max: f64, commit: Callback<f64>) -> NumberField {
    let draft = use_state_eq(|| None::<Draft>);
    {
        let draft = draft.clone();
        use_effect_with(value.to_bits(), move |_| draft.set(None));
    }
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            let problem = read_number(&text, input.validity().bad_input(), min, max).err();
            draft.set(Some(Draft { text, problem }));
        })
    };
    let onchange = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            match read_number(&text, input.validity().bad_input(), min, max) {
                Ok(v) => {
                    draft.set(None);
                    commit.emit(v);
                }
                Err(problem) => draft.set(Some(Draft {
                    text,
                    problem: Some(problem),
                })),
            }
        })
    };
    let onblur = {
        let draft = draft.clone();
        Callback::from(move |_: FocusEvent| draft.set(None))
    };
    let onkeydown = {
        let draft = draft.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                draft.set(None);
            }
        })
    };
    NumberField {
        text: draft
            .as_ref()
            .map_or_else(|| lever_text(value), |d| d.text.clone()),
        problem: draft.as_ref().and_then(|d| d.problem),
        oninput,
        onchange,
        onblur,
        onkeydown,
    }
}

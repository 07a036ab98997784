//! The Monte Carlo panel (`McPanel`, `#mc-status`): the run's settings (draws, spread, seed),
//! progress, timing and cancel button. The worker is owned by `mc_hook.rs`; the results on screen
//! are the reducer's (`McState::shown`): those of the current run, or those held from the last one
//! for at most `HOLD_MS` after a change, so the charts and the table never go blank in between.

use super::i18n::{self, Lang};
use super::hooks::use_tab_links;
use super::mc_view::{draws_text, spread_label};
use super::state::{Action, Tab, Workbench};
use crate::scenario::mc_state::{McAction, McState, McStatus, DRAW_CHOICES, SPREAD_CHOICES};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct McPanelProps {
    pub lang: Lang,
    pub mc: McState,
    pub dispatch: UseReducerDispatcher<Workbench>,
}




/// The controls, progress and cancel button of the Monte Carlo run (`#mc-status`).
#[function_component(McPanel)]
pub fn mc_panel(props: &McPanelProps) -> Html {
    let lang = props.lang;
    // The link to how the draws are made (the methods tab's uncertainty panel).
    let on_method_link = use_tab_links(props.dispatch.clone(), "data-method", Tab::Methods);
    let mc = &props.mc;
    // The seed as typed while it is not (yet) applied; `None` shows the setting.
    let seed_text = use_state_eq(|| None::<String>);
    let seed_error = use_state_eq(|| false);

    let on_draws = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(draws) = select.value().parse::<u64>() {
                dispatch.dispatch(Action::Mc(McAction::SetDraws(draws)));
            }
        })
    };
    let on_spread = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(spread) = select.value().parse::<f64>() {
                dispatch.dispatch(Action::Mc(McAction::SetSpread(spread)));
            }
        })
    };
    let apply_seed = {
        let dispatch = props.dispatch.clone();
        let seed_text = seed_text.clone();
        let seed_error = seed_error.clone();
        move |input: &HtmlInputElement| match input.value().trim().parse::<u64>() {
            Ok(seed) => {
                seed_error.set(false);
                seed_text.set(None);
                dispatch.dispatch(Action::Mc(McAction::SetSeed(seed)));
            }
            Err(_) => seed_error.set(true),
        }
    };
    let on_seed_input = {
        let seed_text = seed_text.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            seed_text.set(Some(input.value()));
        })
    };
    let on_seed_change = {
        let apply_seed = apply_seed.clone();
        Callback::from(move |e: Event| apply_seed(&e.target_unchecked_into()))
    };
    let on_seed_key = {
        let seed_text = seed_text.clone();
        let seed_error = seed_error.clone();
        let current = mc.settings.seed;
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => apply_seed(&e.target_unchecked_into()),
            "Escape" => {
                let input: HtmlInputElement = e.target_unchecked_into();
                input.set_value(&current.to_string());
                seed_text.set(None);
                seed_error.set(false);
            }
            _ => {}
        })
    };
    let on_cancel = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Mc(McAction::Cancel)))
    };
    let on_rerun = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Mc(McAction::Rerun)))
    };

    let total = mc.settings.draws;
    let done_draws = mc.summary.as_ref().map_or(0, |s| s.draws as u64);
    let counts = i18n::mc_progress(
        lang,
        &draws_text(done_draws, lang),
        &draws_text(total, lang),
    );
    let (state_name, text, elapsed) = match &mc.status {
        McStatus::Running => ("running", counts, None),
        McStatus::Done {
            elapsed_ms,
            page_ms,
            ..
        } => (
            "done",
            format!(
                "{counts}{}",
                i18n::mc_done(lang, *elapsed_ms / 1000.0, page_ms.map(|p| p / 1000.0))
            ),
            Some(*elapsed_ms),
        ),
        McStatus::Cancelled => (
            "cancelled",
            format!("{counts}{}", i18n::MC_CANCELLED.get(lang)),
            None,
        ),
        McStatus::Failed {
            message_zh,
            message_en,
        } => (
            "failed",
            format!(
                "{}{}{}",
                i18n::MC_FAILED.get(lang),
                lang.pick(message_zh, message_en)
                    .trim_end_matches(['。', '.']),
                i18n::MC_FAILED_NEXT.get(lang)
            ),
            None,
        ),
    };
    let page_ms = match &mc.status {
        McStatus::Done { page_ms, .. } => *page_ms,
        _ => None,
    };
    let draw_options = DRAW_CHOICES.iter().map(|&n| {
        html! {
            <option value={n.to_string()} selected={n == total}>{ draws_text(n, lang) }</option>
        }
    });
    let spread_options = SPREAD_CHOICES.iter().map(|&s| {
        html! {
            <option value={format!("{s}")} selected={s == mc.settings.spread}>{ spread_label(s, lang) }</option>
        }
    });
    let seed_value = (*seed_text)
        .clone()
        .unwrap_or_else(|| mc.settings.seed.to_string());
    html! {
        <section class="mc-panel" id="mc-panel" aria-labelledby="mc-heading">
            <h2 id="mc-heading">{ i18n::MC_HEADING.get(lang) }</h2>
            <p class="hint" onclick={on_method_link}>
                { i18n::MC_INTRO.get(lang) }{ " " }
                <a href="#method-uncertainty" data-method="method-uncertainty" id="mc-method-link">
                    { i18n::MC_METHOD_LINK.get(lang) }
                </a>
            </p>
            <div class="mc-controls">
                <div class="filter">
                    <label for="mc-draws">{ i18n::MC_DRAWS.get(lang) }</label>
                    <select id="mc-draws" onchange={on_draws}>{ for draw_options }</select>
                </div>
                <div class="filter">
                    <label for="mc-spread">{ i18n::MC_SPREAD.get(lang) }</label>
                    <select id="mc-spread" onchange={on_spread} aria-describedby="mc-spread-hint">
                        { for spread_options }
                    </select>
                </div>
                <div class="filter">
                    <label for="mc-seed">{ i18n::MC_SEED.get(lang) }</label>
                    <input id="mc-seed" class="mc-seed" type="number" min="0" step="1" inputmode="numeric"
                        value={seed_value} oninput={on_seed_input} onchange={on_seed_change}
                        onkeydown={on_seed_key} aria-invalid={seed_error.to_string()}
                        aria-describedby={if *seed_error { "mc-seed-error" } else { "mc-spread-hint" }} />
                </div>
                <div class="mc-actions">
                    <button type="button" id="mc-cancel" class="button" disabled={!mc.running()}
                        onclick={on_cancel}>
                        { i18n::MC_CANCEL.get(lang) }
                    </button>
                    if matches!(mc.status, McStatus::Cancelled | McStatus::Failed { .. }) {
                        <button type="button" id="mc-run" class="button" onclick={on_rerun}>
                            { i18n::MC_RERUN.get(lang) }
                        </button>
                    }
                </div>
            </div>
            if *seed_error {
                <p id="mc-seed-error" class="input-error" role="alert">{ i18n::MC_SEED_INVALID.get(lang) }</p>
            }
            <p id="mc-spread-hint" class="hint mc-spread-hint">{ i18n::MC_SPREAD_HINT.get(lang) }</p>
            <div class="mc-progress-row">
                <progress class="mc-progress" max={total.to_string()} value={done_draws.to_string()}
                    aria-hidden="true"></progress>
                <p id="mc-status" class={classes!("mc-status", format!("mc-status-{state_name}"))}
                    aria-live="polite" aria-atomic="true" data-state={state_name}
                    data-done={matches!(mc.status, McStatus::Done { .. }).to_string()}
                    data-draws={done_draws.to_string()} data-total={total.to_string()}
                    data-run-id={mc.run_id.to_string()}
                    data-elapsed-ms={elapsed.map(|e| format!("{e}"))}
                    data-page-ms={page_ms.map(|e| format!("{e}"))}>
                    { text }
                </p>
            </div>
        </section>
    }
}

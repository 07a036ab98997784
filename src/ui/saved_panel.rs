//! Saved scenarios (`#saved-panel`): save the current scenario under a name, open, rename,
//! delete (with undo), export one or all as a JSON file, import a file (merged by name,
//! duplicates renamed). Kept in local storage through gloo-storage under [`STORE_KEY`] in
//! `scenario::saved`'s versioned format. Nothing is ever lost: a corrupted entry (or a store
//! that is not JSON at all) is reported in the page's language and written, as it was, under a
//! key of its own ([`SET_ASIDE_PREFIX`]`n`) before the store is rewritten; if that write fails
//! the store is not written at all. Storage that is disabled or full becomes a message, never a
//! panic; the list then lasts as long as the page.

use super::export::download_text;
use super::i18n::{self, Lang};
use super::state::{Action, Workbench};
use super::url_sync::to_link_lang;
use crate::scenario::link;
use crate::scenario::saved::{self, SavedScenario, MAX_NAME_CHARS};
use crate::scenario::InputError;
use gloo::storage::{LocalStorage, Storage};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The local-storage key of the store.
pub const STORE_KEY: &str = "licheng.scenarios.v1";
/// Corrupted parts of the store are kept under this prefix followed by 1, 2, …
pub const SET_ASIDE_PREFIX: &str = "licheng.scenarios.v1.set-aside.";
/// The largest scenarios file read (a file of a thousand scenarios is a few hundred kilobytes).
const MAX_IMPORT_BYTES: f64 = 5_000_000.0;

/// A message in both languages, shown in the page's.
#[derive(Clone, PartialEq, Debug)]
struct Msg {
    error: bool,
    zh: String,
    en: String,
}

impl Msg {
    fn info(text: impl Fn(Lang) -> String) -> Msg {
        Msg {
            error: false,
            zh: text(Lang::Zh),
            en: text(Lang::En),
        }
    }

    fn error(text: impl Fn(Lang) -> String) -> Msg {
        Msg {
            error: true,
            ..Msg::info(text)
        }
    }

    fn fixed(error: bool, tr: i18n::Tr) -> Msg {
        Msg {
            error,
            zh: tr.zh.to_string(),
            en: tr.en.to_string(),
        }
    }

    fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// The local storage, when the browser lets the page use it (checked first: gloo-storage's
/// `raw()` throws when it is disabled).
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()?;
    Some(LocalStorage::raw())
}

/// Writes set-aside entries under the first free key of [`SET_ASIDE_PREFIX`]; returns the key.
fn write_aside(
    storage: &web_sys::Storage,
    entries: &[(String, InputError)],
) -> Result<String, wasm_bindgen::JsValue> {
    let mut n = 1u32;
    let key = loop {
        let key = format!("{SET_ASIDE_PREFIX}{n}");
        if storage.get_item(&key)?.is_none() {
            break key;
        }
        n = n
            .checked_add(1)
            .ok_or_else(|| wasm_bindgen::JsValue::from_str("no free key"))?;
    };
    let entries: Vec<serde_json::Value> = entries
        .iter()
        .map(|(raw, e)| {
            serde_json::json!({
                "location": e.location,
                "location_zh": e.location_zh.as_ref().unwrap_or(&e.location),
                "reason_zh": e.message_zh, "reason_en": e.message_en, "raw": raw
            })
        })
        .collect();
    let value = serde_json::json!({
        "format": "licheng-scenarios-set-aside/1", "from": STORE_KEY, "entries": entries
    });
    storage.set_item(&key, &value.to_string())?;
    Ok(key)
}

/// What the panel starts with.
struct Loaded {
    scenarios: Vec<SavedScenario>,
    messages: Vec<Msg>,
    /// Corrupted entries not yet written aside (the store is not written until they are).
    pending: Vec<(String, InputError)>,
}

fn set_aside_messages(entries: &[(String, InputError)], key: Option<&str>) -> Vec<Msg> {
    entries
        .iter()
        .map(|(_, e)| {
            Msg::error(|lang| {
                let reason = e.message(lang.error_code());
                match key {
                    Some(key) => i18n::set_aside(lang, &reason, key),
                    None => format!("{} {reason}", i18n::SET_ASIDE_WRITE_FAILED.get(lang)),
                }
            })
        })
        .collect()
}

/// Reads the store: every good scenario, a message for every problem.
fn load() -> Loaded {
    let mut loaded = Loaded {
        scenarios: Vec::new(),
        messages: Vec::new(),
        pending: Vec::new(),
    };
    let Some(storage) = storage() else {
        loaded
            .messages
            .push(Msg::fixed(true, i18n::STORAGE_UNAVAILABLE));
        return loaded;
    };
    let text = match storage.get_item(STORE_KEY) {
        Ok(Some(text)) => text,
        Ok(None) => return loaded,
        Err(_) => {
            loaded
                .messages
                .push(Msg::fixed(true, i18n::STORAGE_UNAVAILABLE));
            return loaded;
        }
    };
    let store = saved::parse_store(&text);
    loaded.scenarios = store.scenarios;
    for notice in &store.notices {
        loaded
            .messages
            .push(Msg::info(|lang| notice.message(lang.error_code())));
    }
    if !store.set_aside.is_empty() {
        match write_aside(&storage, &store.set_aside) {
            Ok(key) => {
                loaded
                    .messages
                    .extend(set_aside_messages(&store.set_aside, Some(&key)));
                // Aside is safe: the store can now hold the good entries only.
                if storage
                    .set_item(STORE_KEY, &saved::store_json(&loaded.scenarios))
                    .is_err()
                {
                    loaded
                        .messages
                        .push(Msg::fixed(true, i18n::STORAGE_WRITE_FAILED));
                }
            }
            Err(_) => {
                loaded
                    .messages
                    .extend(set_aside_messages(&store.set_aside, None));
                loaded.pending = store.set_aside;
            }
        }
    }
    loaded
}

/// Writes the list to the store (first any corrupted entries still waiting to be set aside).
fn persist(
    scenarios: &[SavedScenario],
    pending: &RefCell<Vec<(String, InputError)>>,
) -> Result<(), Msg> {
    let storage = storage().ok_or(Msg::fixed(true, i18n::STORAGE_UNAVAILABLE))?;
    if !pending.borrow().is_empty() {
        write_aside(&storage, &pending.borrow())
            .map_err(|_| Msg::fixed(true, i18n::SET_ASIDE_WRITE_FAILED))?;
        pending.borrow_mut().clear();
    }
    storage
        .set_item(STORE_KEY, &saved::store_json(scenarios))
        .map_err(|_| Msg::fixed(true, i18n::STORAGE_WRITE_FAILED))
}

/// Now, to the minute, in the browser's local time, as ISO 8601 without a zone
/// (`2025-06-01T09:30`).
fn now_minutes() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// A name trimmed and cut to the store's limit.
fn clean_name(name: &str) -> String {
    name.trim()
        .chars()
        .take(MAX_NAME_CHARS)
        .collect::<String>()
        .trim()
        .to_string()
}

#[derive(Properties, PartialEq)]
pub struct SavedPanelProps {
    pub lang: Lang,
    /// The current scenario's link query (no slide).
    pub query: String,
    /// The scenario's name, saved under it when the name field is left empty.
    #[prop_or_default]
    pub scenario_name: Option<String>,
    pub dispatch: UseReducerDispatcher<Workbench>,
}

#[function_component(SavedPanel)]
pub fn saved_panel(props: &SavedPanelProps) -> Html {
    let lang = props.lang;
    let initial = use_memo((), |_| {
        let loaded = load();
        (loaded.scenarios, loaded.messages, loaded.pending)
    });
    let scenarios = use_state({
        let initial = initial.clone();
        move || initial.0.clone()
    });
    let messages = use_state({
        let initial = initial.clone();
        move || initial.1.clone()
    });
    let pending = use_mut_ref({
        let initial = initial.clone();
        move || initial.2.clone()
    });
    let renaming = use_state_eq(|| None::<usize>);
    let deleted = use_state(|| None::<(usize, SavedScenario)>);
    let name_ref = use_node_ref();
    let rename_ref = use_node_ref();

    // Focus the rename field when it opens.
    {
        let rename_ref = rename_ref.clone();
        use_effect_with(*renaming, move |r| {
            if r.is_some() {
                if let Some(input) = rename_ref.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                    input.select();
                }
            }
        });
    }

    // Stores `list`, shows `done` (or why it could not be stored, with `done` after it).
    let commit = {
        let (scenarios, messages, pending) = (scenarios.clone(), messages.clone(), pending.clone());
        Rc::new(move |list: Vec<SavedScenario>, done: Vec<Msg>| {
            let mut shown = Vec::new();
            if let Err(msg) = persist(&list, &pending) {
                shown.push(msg);
            }
            shown.extend(done);
            scenarios.set(list);
            messages.set(shown);
        })
    };

    let on_save = {
        let (scenarios, name_ref, commit, deleted) = (
            scenarios.clone(),
            name_ref.clone(),
            commit.clone(),
            deleted.clone(),
        );
        let query = props.query.clone();
        let scenario_name = props.scenario_name.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = name_ref.cast::<HtmlInputElement>();
            let typed = input
                .as_ref()
                .map(|i| clean_name(&i.value()))
                .unwrap_or_default();
            let name = if !typed.is_empty() {
                typed
            } else if let Some(n) = &scenario_name {
                n.clone()
            } else {
                i18n::default_scenario_name(lang, scenarios.len() + 1)
            };
            let mut list = (*scenarios).clone();
            let renames = saved::merge(
                &mut list,
                vec![SavedScenario {
                    name: name.clone(),
                    created: now_minutes(),
                    query: query.clone(),
                    note: String::new(),
                }],
            );
            let message = match renames.first() {
                Some((from, to)) => {
                    let (from, to) = (from.clone(), to.clone());
                    Msg::info(move |l| i18n::saved_as_renamed(l, &from, &to))
                }
                None => Msg::info(move |l| i18n::saved_as(l, &name)),
            };
            if let Some(input) = input {
                input.set_value("");
            }
            deleted.set(None);
            commit(list, vec![message]);
        })
    };

    let on_open = |i: usize| {
        let (scenarios, messages, dispatch, deleted) = (
            scenarios.clone(),
            messages.clone(),
            props.dispatch.clone(),
            deleted.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            deleted.set(None);
            let Some(s) = scenarios.get(i) else {
                return;
            };
            let decoded = link::decode(&s.query);
            let mut state = decoded.state;
            // The page keeps its language; a saved scenario never opens the presentation.
            state.lang = to_link_lang(lang);
            state.slide = None;
            dispatch.dispatch(Action::ApplyLink(Box::new(state), decoded.notices));
            let name = s.name.clone();
            messages.set(vec![Msg::info(|l| i18n::opened_scenario(l, &name))]);
        })
    };
    let on_rename = |i: usize| {
        let (renaming, deleted) = (renaming.clone(), deleted.clone());
        Callback::from(move |_: MouseEvent| {
            deleted.set(None);
            renaming.set(Some(i));
        })
    };
    let rename_done = {
        let (scenarios, messages, renaming, rename_ref, commit) = (
            scenarios.clone(),
            messages.clone(),
            renaming.clone(),
            rename_ref.clone(),
            commit.clone(),
        );
        Rc::new(move || {
            let Some(i) = *renaming else {
                return;
            };
            let Some(input) = rename_ref.cast::<HtmlInputElement>() else {
                return;
            };
            let name = clean_name(&input.value());
            if name.is_empty() {
                messages.set(vec![Msg::fixed(true, i18n::NAME_EMPTY)]);
                return;
            }
            if scenarios
                .iter()
                .enumerate()
                .any(|(j, s)| j != i && s.name == name)
            {
                messages.set(vec![Msg::fixed(true, i18n::NAME_TAKEN)]);
                return;
            }
            let mut list = (*scenarios).clone();
            let Some(entry) = list.get_mut(i) else {
                renaming.set(None);
                return;
            };
            let from = std::mem::replace(&mut entry.name, name.clone());
            renaming.set(None);
            commit(
                list,
                vec![Msg::info(|l| i18n::renamed_scenario(l, &from, &name))],
            );
        })
    };
    let on_rename_ok = {
        let rename_done = rename_done.clone();
        Callback::from(move |_: MouseEvent| rename_done())
    };
    let on_rename_cancel = {
        let renaming = renaming.clone();
        Callback::from(move |_: MouseEvent| renaming.set(None))
    };
    let on_rename_key = {
        let (rename_done, renaming) = (rename_done.clone(), renaming.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                rename_done();
            }
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                renaming.set(None);
            }
            _ => {}
        })
    };
    let on_delete = |i: usize| {
        let (scenarios, deleted, commit, renaming) = (
            scenarios.clone(),
            deleted.clone(),
            commit.clone(),
            renaming.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let mut list = (*scenarios).clone();
            if i >= list.len() {
                return;
            }
            let removed = list.remove(i);
            let name = removed.name.clone();
            deleted.set(Some((i, removed)));
            renaming.set(None);
            commit(list, vec![Msg::info(|l| i18n::deleted_scenario(l, &name))]);
        })
    };
    let on_undo_delete = {
        let (scenarios, deleted, commit) = (scenarios.clone(), deleted.clone(), commit.clone());
        Callback::from(move |_: MouseEvent| {
            let Some((i, s)) = (*deleted).clone() else {
                return;
            };
            let mut list = (*scenarios).clone();
            // Back in its place, renamed if its name was taken meanwhile.
            let mut combined = list.clone();
            let clash = saved::merge(&mut combined, vec![s]);
            let Some(restored) = combined.pop() else {
                return;
            };
            let name = restored.name.clone();
            list.insert(i.min(list.len()), restored);
            deleted.set(None);
            let done = match clash.first() {
                Some((from, to)) => Msg::info(|l| i18n::renamed_scenario(l, from, to)),
                None => Msg::info(|l| i18n::saved_as(l, &name)),
            };
            commit(list, vec![done]);
        })
    };
    let on_export_one = |i: usize| {
        let (scenarios, messages) = (scenarios.clone(), messages.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(s) = scenarios.get(i) {
                if download_text(
                    &super::file_names::scenario_file_name(&s.name),
                    "application/json",
                    &saved::export_one(s),
                )
                .is_err()
                {
                    messages.set(vec![Msg::error(|l| {
                        format!("{}{}", i18n::EXPORT_FAILED.get(l), s.name)
                    })]);
                }
            }
        })
    };
    let on_export_all = {
        let (scenarios, messages) = (scenarios.clone(), messages.clone());
        Callback::from(move |_: MouseEvent| {
            if download_text(
                "licheng-scenarios.json",
                "application/json",
                &saved::store_json(&scenarios),
            )
            .is_err()
            {
                messages.set(vec![Msg::error(|l| i18n::EXPORT_FAILED.get(l).to_string())]);
            }
        })
    };
    let on_import = {
        let (scenarios, messages, commit) = (scenarios.clone(), messages.clone(), commit.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            let file_name = file.name();
            let refuse = {
                let (messages, file_name) = (messages.clone(), file_name.clone());
                move |reason: Msg| {
                    messages.set(vec![Msg::error(|l| {
                        format!(
                            "{}{file_name}{}{}",
                            i18n::IMPORT_NOTHING_CHANGED.get(l),
                            i18n::COLON.get(l),
                            reason.get(l)
                        )
                    })]);
                }
            };
            if file.size() > MAX_IMPORT_BYTES {
                refuse(Msg::fixed(true, i18n::IMPORT_TOO_LARGE));
                return;
            }
            let (scenarios, commit) = (scenarios.clone(), commit.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text =
                    match gloo::file::futures::read_as_text(&gloo::file::File::from(file)).await {
                        Ok(text) => text,
                        Err(_) => {
                            refuse(Msg::fixed(true, i18n::IMPORT_READ_FAILED));
                            return;
                        }
                    };
                let mut list = (*scenarios).clone();
                let report = saved::import(&mut list, &text);
                if report.added == 0 {
                    let reason = match report.set_aside.first() {
                        Some((_, e)) => Msg::error(|l| e.message(l.error_code())),
                        None => Msg::fixed(true, i18n::IMPORT_NO_SCENARIOS),
                    };
                    refuse(reason);
                    return;
                }
                let mut done = vec![Msg::info(|l| i18n::imported(l, report.added, &file_name))];
                done.extend(
                    report
                        .renamed
                        .iter()
                        .map(|(from, to)| Msg::info(|l| i18n::renamed_scenario(l, from, to))),
                );
                done.extend(report.set_aside.iter().map(|(_, e)| {
                    Msg::error(|l| i18n::import_skipped(l, &e.message(l.error_code())))
                }));
                done.extend(
                    report
                        .notices
                        .iter()
                        .map(|n| Msg::info(|l| n.message(l.error_code()))),
                );
                commit(list, done);
            });
        })
    };

    let items = scenarios.iter().enumerate().map(|(i, s)| {
        let name_id = format!("saved-name-{i}");
        if *renaming == Some(i) {
            html! {
                <li class="saved-item saved-item-renaming" data-name={s.name.clone()}>
                    <input type="text" class="saved-rename-input" ref={rename_ref.clone()}
                        aria-label={i18n::NEW_NAME.get(lang)} value={s.name.clone()}
                        maxlength={MAX_NAME_CHARS.to_string()} onkeydown={on_rename_key.clone()} />
                    <span class="saved-actions">
                        <button type="button" class="button button-small saved-rename-ok" onclick={on_rename_ok.clone()}>
                            { i18n::OK.get(lang) }
                        </button>
                        <button type="button" class="button button-small saved-rename-cancel" onclick={on_rename_cancel.clone()}>
                            { i18n::CANCEL.get(lang) }
                        </button>
                    </span>
                </li>
            }
        } else {
            html! {
                <li class="saved-item" data-name={s.name.clone()}>
                    <span class="saved-name" id={name_id.clone()}>{ s.name.clone() }</span>
                    if !s.created.is_empty() {
                        <span class="saved-created">{ s.created.replace('T', " ") }</span>
                    }
                    <span class="saved-actions">
                        <button type="button" class="button button-small saved-open" aria-describedby={name_id.clone()}
                            onclick={on_open(i)}>{ i18n::OPEN.get(lang) }</button>
                        <button type="button" class="button button-small saved-rename" aria-describedby={name_id.clone()}
                            onclick={on_rename(i)}>{ i18n::RENAME.get(lang) }</button>
                        <button type="button" class="button button-small saved-export" aria-describedby={name_id.clone()}
                            onclick={on_export_one(i)}>{ i18n::EXPORT_ONE.get(lang) }</button>
                        <button type="button" class="button button-small saved-delete" aria-describedby={name_id}
                            onclick={on_delete(i)}>{ i18n::DELETE.get(lang) }</button>
                    </span>
                </li>
            }
        }
    });

    html! {
        <section id="saved-panel" class="saved-panel" aria-labelledby="saved-heading">
            <h2 id="saved-heading">{ i18n::SAVED_HEADING.get(lang) }</h2>
            <p class="hint">{ i18n::SAVED_HINT.get(lang) }</p>
            <form class="save-form" onsubmit={on_save}>
                <label for="save-name" class="field-label">{ i18n::SAVE_NAME.get(lang) }</label>
                <input type="text" id="save-name" ref={name_ref} maxlength={MAX_NAME_CHARS.to_string()}
                    placeholder={i18n::SAVE_NAME_PLACEHOLDER.get(lang)} autocomplete="off" />
                <button type="submit" id="save-scenario" class="button button-primary">{ i18n::SAVE.get(lang) }</button>
            </form>
            <div id="saved-messages" class="saved-messages" role="status" aria-live="polite">
                { for messages.iter().map(|m| html! {
                    <p class={classes!("saved-message", m.error.then_some("saved-message-error"))}>{ m.get(lang).to_string() }</p>
                }) }
                if deleted.is_some() {
                    <button type="button" id="saved-undo-delete" class="button button-small" onclick={on_undo_delete}>
                        { i18n::UNDO_DELETE.get(lang) }
                    </button>
                }
            </div>
            if scenarios.is_empty() {
                <p class="saved-empty">{ i18n::SAVED_EMPTY.get(lang) }</p>
            } else {
                <ul id="saved-list" class="saved-list" aria-label={i18n::SAVED_LIST.get(lang)}>{ for items }</ul>
            }
            <div class="saved-files">
                <button type="button" id="export-scenarios" class="button button-small" disabled={scenarios.is_empty()}
                    onclick={on_export_all}>{ i18n::EXPORT_ALL.get(lang) }</button>
                <input type="file" id="import-scenarios" class="file-input" accept=".json,application/json"
                    onchange={on_import} />
                <label class="button button-small file-button" for="import-scenarios">
                    { i18n::IMPORT_SCENARIOS.get(lang) }
                </label>
            </div>
        </section>
    }
}

//! Saved scenarios: the versioned store format (`licheng-scenarios/1`, JSON) used for the page's
//! local store and for export/import files, a loader that keeps every good entry and sets aside
//! each corrupted one, and merging by name.
//!
//! ```json
//! {"format":"licheng-scenarios/1","scenarios":[
//!   {"name":"High migration","created":"2025-06-01T09:30","query":"v=1&mig=2500&lang=en","note":""}
//! ]}
//! ```
//!
//! `name` and `query` are required; `created` (any text the caller chose, e.g. an ISO date — this
//! layer reads no clock) and `note` default to empty; fields this build does not know are
//! tolerated. An export of one scenario or of all of them is the same format.

use super::error::InputError;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The format tag of the store and of export files.
pub const STORE_FORMAT: &str = "licheng-scenarios/1";

/// The longest name kept, in characters (longer names are cut).
pub const MAX_NAME_CHARS: usize = 200;

/// One saved scenario: a name, when it was saved, the link query, and a note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedScenario {
    pub name: String,
    /// When it was saved, as the caller wrote it (no clock is read here).
    #[serde(default)]
    pub created: String,
    /// The encoded link (see `link::encode`).
    pub query: String,
    #[serde(default)]
    pub note: String,
}

/// What [`parse_store`] read: the good entries, and each entry it could not use kept as raw
/// JSON text with the reason, so nothing is lost. `notices` are remarks about the store as a
/// whole that lost nothing (an unknown format tag, renamed duplicates).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoreLoad {
    pub scenarios: Vec<SavedScenario>,
    pub set_aside: Vec<(String, InputError)>,
    pub notices: Vec<InputError>,
}

/// Reads a store or an export file. Never fails as a whole: empty text is an empty store; text
/// that is not JSON, or JSON without a `scenarios` list, is set aside as one raw blob; in a list,
/// each entry that is not a valid scenario is set aside (as its JSON text) and the others are
/// kept. Names are made unique as [`merge`] does.
pub fn parse_store(text: &str) -> StoreLoad {
    let mut load = StoreLoad::default();
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return load;
    }
    let root: Value = match serde_json::from_str(trimmed) {
        Ok(v) => v,
        Err(e) => {
            load.set_aside.push((
                text.to_string(),
                InputError::located(
                    format!("第 {} 行", e.line()),
                    format!("line {}", e.line()),
                    format!("不是 JSON 文件（{e}），全部内容已原样保留"),
                    format!("this is not JSON ({e}); the whole text was kept as it is"),
                ),
            ));
            return load;
        }
    };
    let Some(obj) = root.as_object() else {
        load.set_aside.push((
            text.to_string(),
            InputError::new(
                "file",
                format!("应为 {{\"format\":\"{STORE_FORMAT}\",\"scenarios\":[…]}}，全部内容已原样保留"),
                format!(
                    "should be {{\"format\":\"{STORE_FORMAT}\",\"scenarios\":[…]}}; the whole text was kept as it is"
                ),
            ),
        ));
        return load;
    };
    match obj.get("format").and_then(Value::as_str) {
        Some(STORE_FORMAT) => {}
        Some(other) => load.notices.push(InputError::new(
            "format",
            format!(
                "格式标记为“{}”，本程序读取“{STORE_FORMAT}”：已尽量读取",
                short(other)
            ),
            format!(
                "the format tag is '{}' and this build reads '{STORE_FORMAT}': read as far as possible",
                short(other)
            ),
        )),
        None => load.notices.push(InputError::new(
            "format",
            format!("缺少格式标记“{STORE_FORMAT}”：已尽量读取"),
            format!("the format tag '{STORE_FORMAT}' is missing: read as far as possible"),
        )),
    }
    let Some(list) = obj.get("scenarios").and_then(Value::as_array) else {
        load.set_aside.push((
            text.to_string(),
            InputError::new(
                "scenarios",
                "缺少情景列表 scenarios，全部内容已原样保留",
                "there is no 'scenarios' list; the whole text was kept as it is",
            ),
        ));
        return load;
    };
    let mut good = Vec::new();
    for (i, entry) in list.iter().enumerate() {
        let location = format!("scenarios[{i}]");
        match scenario_from(entry) {
            Ok(s) => good.push(s),
            Err((zh, en)) => load.set_aside.push((
                entry.to_string(),
                InputError::new(
                    location,
                    format!("{zh}，该条已单独保留"),
                    format!("{en}; the entry was kept aside"),
                ),
            )),
        }
    }
    for (from, to) in merge(&mut load.scenarios, good) {
        load.notices.push(renamed(&from, &to));
    }
    load
}

/// Checks one entry; the error is (Chinese, English).
fn scenario_from(entry: &Value) -> Result<SavedScenario, (String, String)> {
    let mut s: SavedScenario = serde_json::from_value(entry.clone()).map_err(|e| {
        (
            format!("不是有效的情景（{e}）"),
            format!("not a valid scenario ({e})"),
        )
    })?;
    if s.name.trim().is_empty() {
        return Err(("名称为空".to_string(), "the name is empty".to_string()));
    }
    s.name = fit_name(&s.name, MAX_NAME_CHARS);
    Ok(s)
}

/// The store (or an export file) as JSON text, one scenario per line.
pub fn store_json(scenarios: &[SavedScenario]) -> String {
    let mut out = format!("{{\"format\":\"{STORE_FORMAT}\",\"scenarios\":[");
    for (i, s) in scenarios.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(&serde_json::to_string(s).expect("strings always serialize"));
    }
    out.push_str("\n]}\n");
    out
}

/// An export file holding one scenario.
pub fn export_one(scenario: &SavedScenario) -> String {
    store_json(std::slice::from_ref(scenario))
}

/// Adds `incoming` to `existing`, keeping both when names clash: the newcomer is renamed
/// `name (2)`, `name (3)`, … (a name already ending in ` (n)` continues from n + 1; the name is
/// cut so that the result still has at most [`MAX_NAME_CHARS`] characters). Returns
/// (original name, new name) for each rename.
pub fn merge(
    existing: &mut Vec<SavedScenario>,
    incoming: Vec<SavedScenario>,
) -> Vec<(String, String)> {
    let mut renames = Vec::new();
    for mut s in incoming {
        if existing.iter().any(|e| e.name == s.name) {
            let (base, mut n) = split_counter(&s.name);
            let new_name = loop {
                n += 1;
                let suffix = format!(" ({n})");
                let room = MAX_NAME_CHARS.saturating_sub(suffix.chars().count());
                let candidate = format!("{}{suffix}", fit_name(base, room));
                if !existing.iter().any(|e| e.name == candidate) {
                    break candidate;
                }
            };
            renames.push((std::mem::replace(&mut s.name, new_name.clone()), new_name));
        }
        existing.push(s);
    }
    renames
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportReport {
    /// How many scenarios were added.
    pub added: usize,
    /// (name in the file, name given) for each scenario renamed to avoid a clash.
    pub renamed: Vec<(String, String)>,
    /// Entries of the file that could not be used, raw, with the reason.
    pub set_aside: Vec<(String, InputError)>,
    /// Remarks about the file that lost nothing.
    pub notices: Vec<InputError>,
}

/// Imports an export file into `existing`, merging by name (see [`merge`]).
pub fn import(existing: &mut Vec<SavedScenario>, text: &str) -> ImportReport {
    let load = parse_store(text);
    let added = load.scenarios.len();
    let renamed = merge(existing, load.scenarios);
    ImportReport {
        added,
        renamed,
        set_aside: load.set_aside,
        notices: load.notices,
    }
}

/// The name trimmed and cut to at most `max` characters (trimmed again after the cut).
fn fit_name(name: &str, max: usize) -> String {
    let name = name.trim();
    if name.chars().count() <= max {
        name.to_string()
    } else {
        name.chars()
            .take(max)
            .collect::<String>()
            .trim_end()
            .to_string()
    }
}

/// `"name (3)"` → (`"name"`, 3); any other name → (name, 1).
fn split_counter(name: &str) -> (&str, u64) {
    if let Some(open) = name
        .strip_suffix(')')
        .and_then(|s| s.rfind(" (").map(|i| (s, i)))
    {
        let (body, i) = open;
        if let Ok(n) = body[i + 2..].parse::<u64>() {
            if (2..u64::MAX / 2).contains(&n) && !body[i + 2..].starts_with('0') {
                return (&body[..i], n);
            }
        }
    }
    (name, 1)
}

fn renamed(from: &str, to: &str) -> InputError {
    InputError::new(
        short(from),
        format!("名称重复，已改名为“{}”", short(to)),
        format!("the name was taken; renamed '{}'", short(to)),
    )
}

fn short(s: &str) -> String {
    if s.chars().count() <= 60 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(60).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_are_split_only_when_they_look_like_ours() {
        assert_eq!(split_counter("Plan (3)"), ("Plan", 3));
        assert_eq!(split_counter("Plan (1)"), ("Plan (1)", 1));
        assert_eq!(split_counter("Plan (03)"), ("Plan (03)", 1));
        assert_eq!(split_counter("Plan (x)"), ("Plan (x)", 1));
        assert_eq!(split_counter("(2)"), ("(2)", 1));
        assert_eq!(
            split_counter("a (99999999999999999999999)"),
            ("a (99999999999999999999999)", 1)
        );
    }
}

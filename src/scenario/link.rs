//! The scenario link: the URL query string that is the source of truth for a scenario, its
//! encoder, its never-failing decoder, and the version migrations that keep old links working.
//!
//! # Format (version 1)
//!
//! A link is a query string of `key=value` pairs joined by `&`, for example
//! `v=1&tfr=1.1&mig=3200&seed=42&lang=zh`. [`encode`] writes the keys in this order:
//!
//! | key | value | written when |
//! |---|---|---|
//! | `v` | the format version, [`LINK_VERSION`] | always, first |
//! | a lever key (`tfr`, `mig`, …, see `LEVERS`) | the lever's value | the value differs from the default; table order |
//! | `b.pcap`, `b.jcap`, `b.new25`, `b.ins` | an edited baseline figure (`baseline_edits::STOCKS`): public primary / junior places 2024, new places 2025, insurance 2024 (%) | the analyst edited it; in that order |
//! | `x.` + row + `.` + year (`x.jobs_new_urban.2025`, `x.population.2026`) | a reported figure (实际完成) of a target, or the year-end resident population | the analyst entered it; population first, then targets in plan metric order, years ascending |
//! | `xn.` + row + `.` + year (`xn.jobs_new_urban.2025`) | the source note of a reported figure, percent-encoded | there is one; rows in name order, years ascending |
//! | `cmp` | `1`: a comparison with scenario A is open | there is a comparison |
//! | `a.` + lever key (`a.mig`) | a lever of scenario A | A's value differs from the default; table order |
//! | `preset` | the id of the preset the scenario started from | there is one |
//! | `seed` | the Monte Carlo seed, an unsigned integer | it is not [`DEFAULT_SEED`] |
//! | `lang` | `zh` or `en` | always |
//! | `slide` | the presentation slide, an unsigned integer | a slide is shown |
//!
//! The `x.` and `xn.` keys were added to version 1 without a version change (new keys only,
//! rule 1): a link without them reports nothing, and an older build reports them as unknown.
//! The decoder checks their form (a row, a whole year, a finite number); the page checks each
//! figure against its row and the current year and reports the ones it cannot take.
//!
//! Numbers are written with Rust's `{}` for `f64`, the shortest decimal that reads back to the
//! same number, so a link reproduces a scenario bit for bit. Levers at their defaults are left
//! out: a link stays short and picks up nothing but what the analyst changed. An imported
//! population table cannot travel in a link (the page says so when one is in use); edited
//! baseline figures do, and apply to both scenarios of a comparison.
//!
//! [`decode`] never fails and never panics. It accepts a bare query, a query with a leading `?`,
//! or a whole URL (it reads what follows the first `?` and drops any `#fragment`); `+` is a space
//! and `%XX` is a percent-escaped byte. Whatever it cannot use (an unknown key, a value that is not
//! a number, a value outside a lever's or a baseline figure's range, a second occurrence of a
//! key, a bad escape, a version it does not know) is left out with a notice — an [`InputError`] whose location is the
//! key and whose message says, in Chinese and English, what was ignored and why — and the rest of
//! the link is applied. The first occurrence of a key wins. A link without `v` is read as
//! version 1 (with a notice, unless the link is empty).
//!
//! # Versioning rules
//!
//! 1. A key, once published, is never reused for anything else.
//! 2. A renamed lever keeps its old key as an alias forever ([`ALIASES`]); links keep working
//!    and no version change is needed.
//! 3. A lever whose unit or meaning changes gets a new key, and [`LINK_VERSION`] goes up by one;
//!    the migration from the previous version converts the old key's value into the new key.
//! 4. A removed lever's key is ignored with a notice saying it was removed ([`REMOVED`], or the
//!    migration of the version that removed it).
//! 5. Migrations run one step at a time, from the link's version up to [`LINK_VERSION`]
//!    (`v0 → v1 → …`); each step only rewrites `key=value` pairs, so every old link goes through
//!    the same checks as a new one afterwards.
//! 6. A link from a newer version than this build knows is read as the current version: keys it
//!    knows are applied, the others are reported.
//!
//! Version 0 is the pre-release format, kept to prove the mechanism: it called net migration
//! `migration` (now `mig`), wrote the sex ratio at birth `srb` as a ratio of boys to girls
//! (`1.113`, now boys per 100 girls, `111.3`), and had a `horizon` key (the projection horizon,
//! since fixed; now ignored with a notice).

use super::actuals::ActualEntry;
use super::baseline_edits::{self, BaselineEdits, StockSpec};
use super::error::InputError;
use super::presets::Preset;
use crate::model::levers::{LeverId, Levers, LEVERS};
use std::collections::HashSet;

/// The link format this build writes.
pub const LINK_VERSION: u32 = 1;

/// The seed a link carries when it names none (the scenario engine's default).
pub use super::uncertainty::DEFAULT_SEED;

/// At most this many notices are listed; the rest are counted in one closing notice.
pub const MAX_NOTICES: usize = 30;

/// Old lever keys still accepted, and the current key each stands for (rule 2). Empty so far:
/// no lever has been renamed since version 1.
pub const ALIASES: &[(&str, &str)] = &[];

/// Keys of levers removed since version 1, with the reason in Chinese and English (rule 4).
/// Empty so far.
pub const REMOVED: &[(&str, &str, &str)] = &[];

/// The prefix of scenario A's lever keys in a comparison.
pub const COMPARE_PREFIX: &str = "a.";

/// The prefix of a reported figure's key (`x.jobs_new_urban.2025`).
pub const ACTUAL_PREFIX: &str = "x.";
/// The prefix of a reported figure's source note (`xn.jobs_new_urban.2025`).
pub const NOTE_PREFIX: &str = "xn.";

/// The language of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkLang {
    /// Chinese (the default).
    #[default]
    Zh,
    /// English.
    En,
}

impl LinkLang {
    /// The code written in links: `zh` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            LinkLang::Zh => "zh",
            LinkLang::En => "en",
        }
    }

    /// Reads `zh`/`en` (any case; a region such as `zh-CN` or `en_GB` is accepted).
    pub fn from_code(code: &str) -> Option<LinkLang> {
        let code = code.trim().to_ascii_lowercase();
        let primary = code.split(['-', '_']).next().unwrap_or("");
        match primary {
            "zh" => Some(LinkLang::Zh),
            "en" => Some(LinkLang::En),
            _ => None,
        }
    }
}

/// Everything a link says about a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkState {
    /// The format version the link declared ([`LINK_VERSION`] for links this build writes; a
    /// link without `v` counts as 1). Informational: [`encode`] always writes [`LINK_VERSION`],
    /// since it writes the current keys.
    pub version: u32,
    /// The full lever set (only those differing from their defaults are encoded).
    pub levers: Levers,
    /// Baseline figures the analyst edited (the embedded values for the others).
    pub baseline: BaselineEdits,
    /// The Monte Carlo seed.
    pub seed: u64,
    /// The page language.
    pub lang: LinkLang,
    /// The presentation slide being shown, if any.
    pub slide: Option<u32>,
    /// The id of the preset the scenario started from (an id from `PRESETS`), if any.
    pub preset: Option<String>,
    /// Scenario A of a comparison (the current levers are scenario B), if one is open.
    pub compare: Option<Levers>,
    /// The scenario's name (set by the analyst; travels to slides, handout and files).
    pub name: Option<String>,
    /// Scenario A's name while comparing.
    pub compare_name: Option<String>,
    /// Reported figures, in the order written.
    pub actuals: Vec<ActualEntry>,
    /// Source notes of reported figures: `(row, year, note)`.
    pub actual_notes: Vec<(String, i32, String)>,
}

impl Default for LinkState {
    fn default() -> Self {
        LinkState {
            version: LINK_VERSION,
            levers: Levers::default(),
            baseline: BaselineEdits::default(),
            seed: DEFAULT_SEED,
            lang: LinkLang::Zh,
            slide: None,
            preset: None,
            compare: None,
            name: None,
            compare_name: None,
            actuals: Vec::new(),
            actual_notes: Vec::new(),
        }
    }
}

/// The result of [`decode`]: the state, and a notice for each part of the link left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub state: LinkState,
    pub notices: Vec<InputError>,
}

/// Writes `state` as a query string (no leading `?`), in the stable order of the module doc.
pub fn encode(state: &LinkState) -> String {
    let mut parts = vec![format!("v={LINK_VERSION}")];
    for (id, value) in state.levers.changed() {
        parts.push(format!("{}={}", id.spec().key, value));
    }
    for (stock, value) in state.baseline.iter() {
        parts.push(format!("{}={}", StockSpec::of(stock).link_key, value));
    }
    for e in &state.actuals {
        parts.push(format!(
            "{ACTUAL_PREFIX}{}.{}={}",
            percent_encode(&e.key),
            e.year,
            e.value
        ));
    }
    for (row, year, note) in &state.actual_notes {
        parts.push(format!(
            "{NOTE_PREFIX}{}.{year}={}",
            percent_encode(row),
            percent_encode(note)
        ));
    }
    if let Some(a) = &state.compare {
        parts.push("cmp=1".to_string());
        for (id, value) in a.changed() {
            parts.push(format!("{COMPARE_PREFIX}{}={}", id.spec().key, value));
        }
    }
    if let Some(preset) = &state.preset {
        parts.push(format!("preset={}", percent_encode(preset)));
    }
    if let Some(name) = &state.name {
        parts.push(format!("name={}", percent_encode(name)));
    }
    if let (Some(name), Some(_)) = (&state.compare_name, &state.compare) {
        parts.push(format!("{COMPARE_PREFIX}name={}", percent_encode(name)));
    }
    if state.seed != DEFAULT_SEED {
        parts.push(format!("seed={}", state.seed));
    }
    parts.push(format!("lang={}", state.lang.code()));
    if let Some(slide) = state.slide {
        parts.push(format!("slide={slide}"));
    }
    parts.join("&")
}

/// Reads a link (a query, `?query`, or a whole URL). Never fails: see the module doc.
pub fn decode(input: &str) -> Decoded {
    let mut notes = Notices::default();
    let pairs = split_pairs(query_part(input), &mut notes);
    let mut state = LinkState::default();
    if pairs.is_empty() {
        return Decoded {
            state,
            notices: notes.finish(),
        };
    }

    // The version: the first `v`; later ones are reported as duplicates below.
    let declared = pairs.iter().find(|(k, _)| k == "v").map(|(_, v)| v.clone());
    let version = match declared {
        None => {
            notes.push(InputError::new(
                "v",
                "链接未注明版本，按第 1 版读取",
                "the link has no version; read as version 1",
            ));
            1
        }
        Some(text) => match text.trim().parse::<u32>() {
            Ok(v) => v,
            Err(_) => {
                notes.push(InputError::new(
                    "v",
                    format!("版本“{}”无法识别，已忽略，按第 1 版读取", show(&text)),
                    format!(
                        "version '{}' is not understood and was ignored; read as version 1",
                        show(&text)
                    ),
                ));
                1
            }
        },
    };
    state.version = version;
    if version > LINK_VERSION {
        notes.push(InputError::new(
            "v",
            format!(
                "链接来自较新的第 {version} 版（本程序为第 {LINK_VERSION} 版）：已按第 {LINK_VERSION} 版读取，无法识别的部分已忽略"
            ),
            format!(
                "the link is from a newer version {version} (this build knows version {LINK_VERSION}): read as version {LINK_VERSION}, and parts it does not know were ignored"
            ),
        ));
    }
    let pairs = migrate(version, pairs, &mut notes);

    let mut seen: HashSet<String> = HashSet::new();
    let mut compare_on = false;
    let mut compare = Levers::default();
    let mut v_seen = false;
    for (raw_key, value) in pairs {
        if raw_key == "v" {
            if v_seen {
                notes.push(duplicate(&raw_key, &value));
            }
            v_seen = true;
            continue;
        }
        let key = canonical_key(&raw_key);
        if !seen.insert(key.clone()) {
            notes.push(duplicate(&raw_key, &value));
            continue;
        }
        if let Some(id) = LeverId::from_key(&key) {
            set_lever(&mut state.levers, id, &raw_key, &value, &mut notes);
        } else if let Some(id) = key.strip_prefix(COMPARE_PREFIX).and_then(LeverId::from_key) {
            compare_on = true;
            set_lever(&mut compare, id, &raw_key, &value, &mut notes);
        } else if let Some(spec) = StockSpec::by_link_key(&key) {
            set_figure(&mut state.baseline, spec, &raw_key, &value, &mut notes);
        } else if let Some(rest) = key.strip_prefix(NOTE_PREFIX) {
            let note = value.trim();
            match row_and_year(rest) {
                Ok((row, year)) if !note.is_empty() => {
                    state
                        .actual_notes
                        .push((row.to_string(), year, note.to_string()))
                }
                Ok(_) => {}
                Err(e) => notes.push(e.at(&raw_key)),
            }
        } else if let Some(rest) = key.strip_prefix(ACTUAL_PREFIX) {
            match actual_entry(rest, &value) {
                Ok(entry) => state.actuals.push(entry),
                Err(e) => notes.push(e.at(&raw_key)),
            }
        } else {
            match key.as_str() {
                "cmp" => match value.trim() {
                    "1" => compare_on = true,
                    "0" => {}
                    other => notes.push(InputError::new(
                        &raw_key,
                        format!("“{}”无法识别（应为 1 或 0），已忽略", show(other)),
                        format!("'{}' is not understood (should be 1 or 0); ignored", show(other)),
                    )),
                },
                "preset" => {
                    let id = value.trim();
                    if Preset::by_id(id).is_some() {
                        state.preset = Some(id.to_string());
                    } else {
                        notes.push(InputError::new(
                            &raw_key,
                            format!("未知预设情景“{}”，已忽略（参数按链接取值）", show(id)),
                            format!(
                                "unknown preset '{}' ignored (the levers in the link still apply)",
                                show(id)
                            ),
                        ));
                    }
                }
                "name" | "a.name" => {
                    let name: String = value.trim().chars().take(super::saved::MAX_NAME_CHARS).collect();
                    if !name.is_empty() {
                        if key == "name" {
                            state.name = Some(name);
                        } else {
                            state.compare_name = Some(name);
                        }
                    }
                }
                "seed" => match value.trim().parse::<u64>() {
                    Ok(seed) => state.seed = seed,
                    Err(_) => notes.push(InputError::new(
                        &raw_key,
                        format!(
                            "“{}”不是非负整数，已忽略，使用默认随机种子 {DEFAULT_SEED}",
                            show(&value)
                        ),
                        format!(
                            "'{}' is not a non-negative whole number; ignored, the default seed {DEFAULT_SEED} is used",
                            show(&value)
                        ),
                    )),
                },
                "lang" => match LinkLang::from_code(&value) {
                    Some(lang) => state.lang = lang,
                    None => notes.push(InputError::new(
                        &raw_key,
                        format!("语言“{}”无法识别（应为 zh 或 en），已忽略", show(&value)),
                        format!(
                            "language '{}' is not understood (should be zh or en); ignored",
                            show(&value)
                        ),
                    )),
                },
                "slide" => match value.trim().parse::<u32>() {
                    Ok(slide) => state.slide = Some(slide),
                    Err(_) => notes.push(InputError::new(
                        &raw_key,
                        format!("“{}”不是幻灯片编号，已忽略", show(&value)),
                        format!("'{}' is not a slide number; ignored", show(&value)),
                    )),
                },
                _ => {
                    if let Some((_, zh, en)) = REMOVED.iter().find(|(k, _, _)| *k == key) {
                        notes.push(removed(&raw_key, zh, en));
                    } else {
                        notes.push(InputError::new(
                            &raw_key,
                            format!("未知参数“{}”，已忽略", show(&raw_key)),
                            format!("unknown key '{}' ignored", show(&raw_key)),
                        ));
                    }
                }
            }
        }
    }
    if compare_on {
        state.compare = Some(compare);
    } else {
        // Scenario A's name means nothing without scenario A.
        state.compare_name = None;
    }
    Decoded {
        state,
        notices: notes.finish(),
    }
}

/// The property the fuzz target `link_decode` and the corpus test check on any text: decoding
/// never panics, and what it read re-encodes to a link that reads back the same with no notice.
/// Panics when it does not hold.
pub fn assert_round_trip(text: &str) {
    let d = decode(text);
    let again = decode(&encode(&d.state));
    assert!(again.notices.is_empty(), "{:?}", again.notices);
    assert_eq!(
        again.state,
        LinkState {
            version: LINK_VERSION,
            ..d.state
        }
    );
}

/// The row and year of a reported figure's key after its prefix (`jobs_new_urban.2025`).
fn row_and_year(rest: &str) -> Result<(&str, i32), InputError> {
    let (row, year) = rest.rsplit_once('.').unwrap_or((rest, ""));
    let year = year.parse::<i32>().ok().filter(|_| !row.is_empty());
    year.map(|y| (row, y)).ok_or_else(|| {
        InputError::new(
            "",
            "实际数及其来源的键应为 x.目标.年份 或 xn.目标.年份，已忽略",
            "a reported figure's key should read x.TARGET.YEAR (its note xn.TARGET.YEAR); ignored",
        )
    })
}

/// A reported figure from the part of its key after `x.` (`jobs_new_urban.2025`) and its value:
/// the form only (the page checks the row, the year and the range).
fn actual_entry(rest: &str, value: &str) -> Result<ActualEntry, InputError> {
    let text = show(value.trim());
    let (row, year) = row_and_year(rest)?;
    match value.trim().parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(ActualEntry {
            key: row.to_string(),
            year,
            value: v,
        }),
        _ => Err(InputError::new(
            "",
            format!("实际数“{text}”不是有效数字，已忽略"),
            format!("the reported figure '{text}' is not a finite number; ignored"),
        )),
    }
}

/// A decoded `key=value` pair.
type Pair = (String, String);

/// One migration step: rewrites the pairs of version `n` into version `n + 1`.
type Step = fn(Vec<Pair>, &mut Notices) -> Vec<Pair>;

/// `MIGRATIONS[n]` migrates version `n` to `n + 1`; its length is [`LINK_VERSION`].
const MIGRATIONS: [Step; LINK_VERSION as usize] = [migrate_v0_to_v1];

/// Applies the migrations step by step from `version` up to [`LINK_VERSION`]. A version at or
/// above the current one is returned unchanged.
fn migrate(version: u32, mut pairs: Vec<Pair>, notes: &mut Notices) -> Vec<Pair> {
    for step in MIGRATIONS.iter().skip(version as usize) {
        pairs = step(pairs, notes);
    }
    pairs
}

/// Version 0 → 1: `migration` became `mig`; `srb` went from a ratio (1.113) to boys per 100
/// girls (111.3); `horizon` was removed (the horizon is fixed).
fn migrate_v0_to_v1(pairs: Vec<Pair>, notes: &mut Notices) -> Vec<Pair> {
    let mut out = Vec::with_capacity(pairs.len());
    for (key, value) in pairs {
        match key.as_str() {
            "migration" => out.push(("mig".to_string(), value)),
            "srb" => {
                // Shifting the decimal point keeps the value exact (1.113 → 111.3, not
                // 111.30000000000001); a value that is not a plain decimal passes through and is
                // reported by the usual number check.
                let converted = shift_decimal(&value, 2).unwrap_or(value);
                out.push((key, converted));
            }
            "horizon" => notes.push(removed(
                &key,
                "预测期已固定为 2025—2028 年",
                "the projection horizon is fixed at 2025–2028",
            )),
            _ => out.push((key, value)),
        }
    }
    out
}

/// The current key for `key`: aliases resolved, also after the comparison prefix.
fn canonical_key(key: &str) -> String {
    let (prefix, bare) = match key.strip_prefix(COMPARE_PREFIX) {
        Some(bare) => (COMPARE_PREFIX, bare),
        None => ("", key),
    };
    match ALIASES.iter().find(|(old, _)| *old == bare) {
        Some((_, new)) => format!("{prefix}{new}"),
        None => key.to_string(),
    }
}

/// Parses and range-checks one lever value; on failure the lever keeps its value and a notice
/// says why.
fn set_lever(levers: &mut Levers, id: LeverId, key: &str, value: &str, notes: &mut Notices) {
    let spec = id.spec();
    let kept = levers.get(id);
    let parsed = value.trim().parse::<f64>();
    match parsed {
        Ok(x) if x.is_finite() => {
            if levers.set(id, x).is_err() {
                notes.push(InputError::new(
                    key,
                    format!(
                        "{}的值 {} 超出有效范围 {} 至 {}，已忽略，保留 {}",
                        spec.label_zh,
                        show(value.trim()),
                        spec.min,
                        spec.max,
                        kept
                    ),
                    format!(
                        "{} = {} is outside its valid range {} to {}; ignored, {} kept",
                        spec.label_en,
                        show(value.trim()),
                        spec.min,
                        spec.max,
                        kept
                    ),
                ));
            }
        }
        _ => notes.push(InputError::new(
            key,
            format!(
                "{}的值“{}”不是有效数字，已忽略，保留 {}",
                spec.label_zh,
                show(value),
                kept
            ),
            format!(
                "{}: '{}' is not a finite number; ignored, {} kept",
                spec.label_en,
                show(value),
                kept
            ),
        )),
    }
}

/// Parses and range-checks one baseline figure; on failure the figure keeps the embedded value
/// and a notice says why.
fn set_figure(
    edits: &mut BaselineEdits,
    spec: &StockSpec,
    key: &str,
    value: &str,
    notes: &mut Notices,
) {
    let text = show(value.trim());
    match value.trim().parse::<f64>() {
        Ok(x) if x.is_finite() => match baseline_edits::check(spec.stock, x) {
            Ok(x) => edits.set(spec.stock, Some(x)),
            Err(_) => {
                let (min, max) = spec.range();
                notes.push(InputError::new(
                    key,
                    format!(
                        "{}的值 {text} 超出有效范围 {min} 至 {max}，已忽略，使用内置基期数值",
                        spec.label_zh
                    ),
                    format!(
                        "{} = {text} is outside its valid range {min} to {max}; ignored, the built-in baseline's value is used",
                        spec.label_en
                    ),
                ))
            }
        },
        _ => notes.push(InputError::new(
            key,
            format!(
                "{}的值“{text}”不是有效数字，已忽略，使用内置基期数值",
                spec.label_zh
            ),
            format!(
                "{}: '{text}' is not a finite number; ignored, the built-in baseline's value is used",
                spec.label_en
            ),
        )),
    }
}

fn duplicate(key: &str, value: &str) -> InputError {
    InputError::new(
        key,
        format!("参数重复出现，以第一次为准，“{}”已忽略", show(value)),
        format!(
            "the key appears more than once; the first wins and '{}' was ignored",
            show(value)
        ),
    )
}

fn removed(key: &str, zh: &str, en: &str) -> InputError {
    InputError::new(
        key,
        format!("该参数已停用，已忽略：{zh}"),
        format!("this lever was removed and is ignored: {en}"),
    )
}

/// The query part of a link: after the first `?` if there is one, without any `#fragment`. A
/// URL without a query has an empty one.
fn query_part(input: &str) -> &str {
    let input = input.trim();
    let input = input.split_once('#').map_or(input, |(before, _)| before);
    match input.split_once('?') {
        Some((_, query)) => query,
        None if input.contains("://") => "",
        None => input,
    }
}

/// Splits on `&` and percent-decodes keys and values; an undecodable pair is reported and left
/// out. Empty segments (`a=1&&b=2`) are skipped silently.
fn split_pairs(query: &str, notes: &mut Notices) -> Vec<Pair> {
    let mut pairs = Vec::new();
    for segment in query.split('&').filter(|s| !s.is_empty()) {
        let (raw_key, raw_value) = segment.split_once('=').unwrap_or((segment, ""));
        match (percent_decode(raw_key), percent_decode(raw_value)) {
            (Ok(key), Ok(value)) => pairs.push((key, value)),
            (Err(e), _) | (_, Err(e)) => {
                let (zh, en) = match e {
                    PercentError::BadEscape => (
                        "“%”后应为两位十六进制数字",
                        "'%' must be followed by two hex digits",
                    ),
                    PercentError::NotUtf8 => (
                        "解码后不是有效的 UTF-8 文本",
                        "it does not decode to valid UTF-8 text",
                    ),
                };
                notes.push(InputError::new(
                    show(raw_key),
                    format!("“{}”无法解码（{zh}），已忽略", show(segment)),
                    format!("'{}' cannot be decoded ({en}); ignored", show(segment)),
                ));
            }
        }
    }
    pairs
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum PercentError {
    BadEscape,
    NotUtf8,
}

/// Decodes `+` as a space and `%XX` as a byte; the bytes must form UTF-8.
fn percent_decode(s: &str) -> Result<String, PercentError> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let hi = bytes.get(i + 1).and_then(|&b| hex(b));
                let lo = bytes.get(i + 2).and_then(|&b| hex(b));
                match (hi, lo) {
                    (Some(hi), Some(lo)) => out.push(hi * 16 + lo),
                    _ => return Err(PercentError::BadEscape),
                }
                i += 3;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| PercentError::NotUtf8)
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-encodes everything but unreserved characters (`A–Z a–z 0–9 - . _ ~`).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Multiplies a plain decimal (`-1.113`, `.5`, `7`) by 10^`places` by moving the point, so the
/// result is exact. `None` for anything else (exponents, `inf`, words).
fn shift_decimal(text: &str, places: usize) -> Option<String> {
    let t = text.trim();
    let (sign, digits) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t.strip_prefix('+').unwrap_or(t)),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut frac = frac.to_string();
    while frac.len() < places {
        frac.push('0');
    }
    let (moved, rest) = frac.split_at(places);
    let int = format!("{int}{moved}");
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    Some(if rest.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{rest}")
    })
}

/// At most 40 characters of a user's text, for messages.
fn show(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}

/// Collects notices, keeping at most [`MAX_NOTICES`].
#[derive(Default)]
struct Notices {
    list: Vec<InputError>,
    dropped: usize,
}

impl Notices {
    fn push(&mut self, e: InputError) {
        if self.list.len() < MAX_NOTICES {
            self.list.push(e);
        } else {
            self.dropped += 1;
        }
    }

    fn finish(mut self) -> Vec<InputError> {
        if self.dropped > 0 {
            let n = self.dropped;
            self.list.push(InputError::new(
                "…",
                format!("另有 {n} 处问题未列出，均已忽略"),
                format!("{n} more problems not listed; all were ignored"),
            ));
        }
        self.list
    }
}

/// Whether a link points at this machine (`localhost`, `127.x`, `[::1]`, `0.0.0.0`): a phone
/// scanning its QR code, or a colleague opening it, would not reach the page.
pub fn is_local_address(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = if host.starts_with('[') {
        host.split(']').next().unwrap_or("").trim_start_matches('[')
    } else {
        host.split(':').next().unwrap_or("")
    };
    let host = host.to_ascii_lowercase();
    match host.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip.is_unspecified(),
        Err(_) => host == "localhost" || host.ends_with(".localhost"),
    }
}

/// A short plain-text summary of a scenario for chat or e-mail: its name, the caller's headline
/// lines (the 2028 population, the targets by status), the preset it started from, the levers
/// changed from their defaults (label, value, unit, default), scenario A's changes when a
/// comparison is open, a seed other than the default, and each target with the caller's
/// verdict. `outcomes` are (target label, verdict, value as the caller formats them). No markup.
pub fn summary(
    state: &LinkState,
    headline: &[String],
    outcomes: &[(String, String, String)],
    lang: LinkLang,
) -> String {
    let zh = lang == LinkLang::Zh;
    let mut out = String::new();
    out.push_str(if zh {
        "鲤城区新型城镇化 2025—2028 情景\n"
    } else {
        "Licheng new urbanisation 2025–2028 scenario\n"
    });
    if let Some(name) = &state.name {
        out.push_str(&if zh {
            format!("情景名称：{name}\n")
        } else {
            format!("Scenario: {name}\n")
        });
    }
    for line in headline {
        out.push_str(line);
        out.push('\n');
    }
    if let Some(p) = state.preset.as_deref().and_then(Preset::by_id) {
        if zh {
            out.push_str(&format!("起点：{}\n", p.label_zh));
        } else {
            out.push_str(&format!("Starting point: {}\n", p.label_en));
        }
    }
    let compare_heading = if state.compare.is_some() {
        if zh {
            "情景 B（当前）"
        } else {
            "Scenario B (current)"
        }
    } else {
        ""
    };
    lever_lines(&mut out, compare_heading, &state.levers, lang);
    if let Some(a) = &state.compare {
        lever_lines(
            &mut out,
            if zh {
                "对比情景 A"
            } else {
                "Scenario A (compared)"
            },
            a,
            lang,
        );
    }
    if !state.baseline.is_empty() {
        out.push_str(if zh {
            "修改的基期数据（两个情景共用）：\n"
        } else {
            "Edited baseline figures (both scenarios):\n"
        });
        for (stock, value) in state.baseline.iter() {
            let spec = StockSpec::of(stock);
            if zh {
                out.push_str(&format!("- {}：{value}\n", spec.label_zh));
            } else {
                out.push_str(&format!("- {}: {value}\n", spec.label_en));
            }
        }
    }
    if state.seed != DEFAULT_SEED {
        if zh {
            out.push_str(&format!("随机种子：{}\n", state.seed));
        } else {
            out.push_str(&format!("Random seed: {}\n", state.seed));
        }
    }
    if !outcomes.is_empty() {
        out.push_str(if zh { "目标：\n" } else { "Targets:\n" });
        for (label, verdict, value) in outcomes {
            if zh {
                out.push_str(&format!("- {label}：{verdict}（{value}）\n"));
            } else {
                out.push_str(&format!("- {label}: {verdict} ({value})\n"));
            }
        }
    }
    out
}

/// Appends the changed levers of one scenario, under `heading` when it is not empty.
fn lever_lines(out: &mut String, heading: &str, levers: &Levers, lang: LinkLang) {
    let zh = lang == LinkLang::Zh;
    let changed = levers.changed();
    let line = match (heading.is_empty(), changed.is_empty(), zh) {
        (true, true, true) => "全部参数为默认值。\n".to_string(),
        (true, true, false) => "All assumptions at their defaults.\n".to_string(),
        (true, false, true) => "调整的参数：\n".to_string(),
        (true, false, false) => "Changed assumptions:\n".to_string(),
        (false, true, true) => format!("{heading}：全部参数为默认值。\n"),
        (false, true, false) => format!("{heading}: all assumptions at their defaults.\n"),
        (false, false, true) => format!("{heading}调整的参数：\n"),
        (false, false, false) => format!("{heading}, changed assumptions:\n"),
    };
    out.push_str(&line);
    for (id, value) in changed {
        let spec = &LEVERS[id as usize];
        let (label, unit) = if zh {
            (spec.label_zh, spec.unit_zh)
        } else {
            (spec.label_en, spec.unit_en)
        };
        let with_unit = |v: f64| {
            if unit.is_empty() {
                format!("{v}")
            } else if unit == "%" {
                format!("{v}%")
            } else {
                format!("{v} {unit}")
            }
        };
        if zh {
            out.push_str(&format!(
                "- {label}：{}（默认 {}）\n",
                with_unit(value),
                with_unit(spec.default)
            ));
        } else {
            out.push_str(&format!(
                "- {label}: {} (default {})\n",
                with_unit(value),
                with_unit(spec.default)
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_decimal_moves_the_point_exactly() {
        assert_eq!(shift_decimal("1.113", 2).as_deref(), Some("111.3"));
        assert_eq!(shift_decimal("1.05", 2).as_deref(), Some("105"));
        assert_eq!(shift_decimal("-.5", 2).as_deref(), Some("-50"));
        assert_eq!(shift_decimal("0.00123", 2).as_deref(), Some("0.123"));
        assert_eq!(shift_decimal("7", 2).as_deref(), Some("700"));
        assert_eq!(shift_decimal("1e3", 2), None);
        assert_eq!(shift_decimal(".", 2), None);
        assert_eq!(shift_decimal("", 2), None);
    }

    #[test]
    fn percent_decoding_handles_plus_escapes_and_errors() {
        assert_eq!(percent_decode("a+b%20c%2B").unwrap(), "a b c+");
        assert_eq!(percent_decode("%E9%B2%A4").unwrap(), "鲤");
        assert_eq!(percent_decode("%4"), Err(PercentError::BadEscape));
        assert_eq!(percent_decode("%zz"), Err(PercentError::BadEscape));
        assert_eq!(percent_decode("%FF"), Err(PercentError::NotUtf8));
        assert_eq!(percent_encode("a b/鲤"), "a%20b%2F%E9%B2%A4");
    }

    #[test]
    fn migrations_cover_every_version_below_the_current() {
        assert_eq!(MIGRATIONS.len(), LINK_VERSION as usize);
    }
}

//! The browser's clock as the page uses it (today's date in words, the current year) and the
//! export file names; a leaf module: it knows only `i18n`.

use super::i18n::{self, Lang};

/// Today's date in the page's language, from the browser's clock.
pub fn today_text(lang: Lang) -> String {
    let now = js_sys::Date::new_0();
    i18n::date_text(
        lang,
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
}

/// A file name for an export: `licheng-<name>-<kind>.<ext>` (`licheng-<name>.<ext>` for the
/// scenario's own results), characters file systems refuse replaced; `licheng-<kind>.<ext>` for
/// an unnamed scenario.
pub fn export_file_name(name: Option<&str>, kind: &str, ext: &str) -> String {
    let clean = |n: &str| -> String {
        n.chars()
            .map(|c| {
                if c.is_whitespace() || "\\/:*?\"<>|".contains(c) || c.is_control() {
                    '-'
                } else {
                    c
                }
            })
            .collect()
    };
    match name {
        Some(n) if kind == "scenario" => format!("licheng-{}.{ext}", clean(n)),
        Some(n) => format!("licheng-{}-{kind}.{ext}", clean(n)),
        None => format!("licheng-{kind}.{ext}"),
    }
}

/// The current calendar year, from the browser's clock.
pub fn current_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32
}

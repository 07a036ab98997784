//! The browser's clock as the page uses it (today's date in words, the current year); a leaf
//! module: it knows only `i18n`.

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

/// The current calendar year, from the browser's clock.
pub fn current_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32
}

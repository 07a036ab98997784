//! Number formatting for the workbench: compact numbers (万/亿 in
//! Chinese, thousands separators in English), exact values, values with units, percentages and
//! axis tick labels. Pure Rust with no yew or web-sys import: it builds natively and its tests run
//! with `cargo test`.
//!
//! Rules:
//! * non-finite values print as "—";
//! * `|v| ≥ 100` prints with no decimals, smaller values with at most two (trailing zeros are
//!   trimmed: `2.50` → `2.5`, `3.00` → `3`);
//! * Chinese compacts `|v| ≥ 1e4` to 万 and `|v| ≥ 1e8` to 亿 with at most two decimals
//!   (`404 915` → `40.49万`); English groups thousands (`404,915`);
//! * a value that rounds to zero never prints a minus sign.

use crate::ui::i18n::Lang;

/// What a non-finite value prints as.
pub const MISSING: &str = "—";

/// The most decimals any function here prints (beyond that a tick step is not representable).
const MAX_DECIMALS: usize = 6;

/// A compact, readable number: `40.49万` / `404,915`; see the module comment.
pub fn number(v: f64, lang: Lang) -> String {
    if !v.is_finite() {
        return MISSING.to_string();
    }
    match lang {
        Lang::En => plain(v),
        Lang::Zh => {
            let a = v.abs();
            // Decide the scale on the rounded value so that 99 999 999 prints as 1亿, not 10000万.
            let (scale, suffix) = if a >= 1e8 || round_to(a / 1e4, 2) >= 1e4 {
                (1e8, "亿")
            } else if a >= 1e4 || round_to(a, 0) >= 1e4 {
                (1e4, "万")
            } else {
                return plain(v);
            };
            let body = trim_zeros(fixed(a / scale, 2));
            signed(v, format!("{body}{suffix}"))
        }
    }
}

/// The exact value for tooltips and tables: grouped digits in both languages (`404,915`), no
/// decimals for `|v| ≥ 100`, at most two below.
pub fn exact(v: f64, _lang: Lang) -> String {
    if !v.is_finite() {
        return MISSING.to_string();
    }
    plain(v)
}

/// A compact number followed by its unit: `40.49万人`, `404,915 persons`, `95%`.
pub fn value_with_unit(v: f64, unit: &str, lang: Lang) -> String {
    attach_unit(number(v, lang), unit, lang)
}

/// An exact number followed by its unit: `404,915人`, `404,915 persons`, `95.5%`.
pub fn exact_with_unit(v: f64, unit: &str, lang: Lang) -> String {
    attach_unit(exact(v, lang), unit, lang)
}

/// Any number text (e.g. every digit of an analyst's figure) followed by its unit, spaced as
/// the other functions here space it.
pub fn text_with_unit(number: &str, unit: &str, lang: Lang) -> String {
    attach_unit(number.to_string(), unit, lang)
}

/// A difference between two values in `unit`, with its sign: `+1.2万人`, `-127人`. The
/// difference of two percentages is in percentage points, not percent: `-0.06个百分点`,
/// `-0.06 pp per year` (for `%`, `% per year`).
pub fn signed_difference(v: f64, unit: &str, lang: Lang) -> String {
    let unit = unit.trim();
    let text = match unit.strip_prefix('%') {
        Some(rest) => {
            let n = number(v, lang);
            if n == MISSING {
                return n;
            }
            match lang {
                Lang::Zh => format!("{n}个百分点{rest}"),
                Lang::En => format!("{n} pp{rest}"),
            }
        }
        None => value_with_unit(v, unit, lang),
    };
    if v > 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{text}")
    } else {
        text
    }
}

/// A percentage with one decimal. `v` is already in percent (the model's `_pct` convention):
/// `percent(95.0)` → `"95.0%"`.
pub fn percent(v: f64) -> String {
    if !v.is_finite() {
        return MISSING.to_string();
    }
    signed(v, format!("{}%", fixed(v.abs(), 1)))
}

/// Labels for axis ticks that are `step` apart: one scale for the whole axis (万 or 亿 in Chinese
/// when the largest tick reaches it) and enough decimals for the step, the same on every label.
pub fn axis_labels(ticks: &[f64], step: f64, lang: Lang) -> Vec<String> {
    let largest = ticks
        .iter()
        .filter(|t| t.is_finite())
        .fold(0.0_f64, |m, t| m.max(t.abs()));
    let (scale, suffix) = match lang {
        Lang::Zh if largest >= 1e8 => (1e8, "亿"),
        Lang::Zh if largest >= 1e4 => (1e4, "万"),
        _ => (1.0, ""),
    };
    let decimals = decimals_for_step(step / scale);
    ticks
        .iter()
        .map(|&t| {
            if !t.is_finite() {
                return MISSING.to_string();
            }
            let scaled = t.abs() / scale;
            if round_to(scaled, decimals) == 0.0 {
                return "0".to_string();
            }
            let body = if scale == 1.0 {
                group(&fixed(scaled, decimals))
            } else {
                fixed(scaled, decimals)
            };
            signed(t, format!("{body}{suffix}"))
        })
        .collect()
}

/// `v` with no decimals at or above 100 and at most two below, thousands grouped.
fn plain(v: f64) -> String {
    let a = v.abs();
    let text = if round_to(a, 2) >= 100.0 {
        fixed(a, 0)
    } else {
        trim_zeros(fixed(a, 2))
    };
    signed(v, group(&text))
}

/// Joins a formatted number and a unit: no space before `%`, CJK units or in Chinese; one space
/// before a word unit in English.
fn attach_unit(number: String, unit: &str, lang: Lang) -> String {
    let unit = unit.trim();
    if unit.is_empty() || number == MISSING {
        return number;
    }
    let tight = lang == Lang::Zh
        || unit.starts_with('%')
        || unit.starts_with('‰')
        || unit.chars().next().is_some_and(is_cjk);
    if tight {
        format!("{number}{unit}")
    } else {
        format!("{number} {unit}")
    }
}

/// Whether a character is a CJK ideograph or CJK punctuation (roughly: wide in a proportional font).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// The fewest decimals (up to `MAX_DECIMALS`) that show a multiple of `step` exactly.
fn decimals_for_step(step: f64) -> usize {
    let step = step.abs();
    if !step.is_finite() || step == 0.0 {
        return 0;
    }
    (0..=MAX_DECIMALS)
        .find(|&d| {
            let scaled = step * 10f64.powi(d as i32);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.max(1.0)
        })
        .unwrap_or(MAX_DECIMALS)
}

/// `|v|` rounded to `decimals` places.
fn round_to(v: f64, decimals: usize) -> f64 {
    let f = 10f64.powi(decimals as i32);
    (v * f).round() / f
}

/// `v` (non-negative) with exactly `decimals` places.
fn fixed(v: f64, decimals: usize) -> String {
    format!("{:.*}", decimals, v)
}

/// Drops trailing zeros after a decimal point, and the point itself if nothing follows.
fn trim_zeros(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Adds thousands separators to the integer part of an unsigned decimal string.
pub(super) fn group(s: &str) -> String {
    let (int, frac) = match s.find('.') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    let n = int.len();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out.push_str(frac);
    out
}

/// Prefixes a minus sign when `v` is negative and the printed magnitude is not zero.
fn signed(v: f64, magnitude: String) -> String {
    let zero = magnitude
        .chars()
        .filter(|c| c.is_ascii_digit())
        .all(|c| c == '0');
    if v < 0.0 && !zero {
        format!("-{magnitude}")
    } else {
        magnitude
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_compacts_to_wan_and_yi() {
        assert_eq!(number(404_915.0, Lang::Zh), "40.49万");
        assert_eq!(number(400_000.0, Lang::Zh), "40万");
        assert_eq!(number(405_000.0, Lang::Zh), "40.5万");
        assert_eq!(number(12_345.0, Lang::Zh), "1.23万");
        assert_eq!(number(9_999.0, Lang::Zh), "9,999");
        assert_eq!(number(9_999.7, Lang::Zh), "1万");
        assert_eq!(number(99_999_999.0, Lang::Zh), "1亿");
        assert_eq!(number(123_456_789.0, Lang::Zh), "1.23亿");
        assert_eq!(number(-404_915.0, Lang::Zh), "-40.49万");
    }

    #[test]
    fn english_groups_thousands() {
        assert_eq!(number(404_815.0, Lang::En), "404,815");
        assert_eq!(number(404_815.4, Lang::En), "404,815");
        assert_eq!(number(1_234_567_890.0, Lang::En), "1,234,567,890");
        assert_eq!(number(-1_234.0, Lang::En), "-1,234");
        assert_eq!(number(100.0, Lang::En), "100");
        assert_eq!(number(999.0, Lang::En), "999");
    }

    #[test]
    fn small_values_keep_two_decimals_at_most() {
        assert_eq!(number(0.78, Lang::En), "0.78");
        assert_eq!(number(2.5, Lang::Zh), "2.5");
        assert_eq!(number(3.0, Lang::En), "3");
        assert_eq!(number(12.345, Lang::En), "12.35");
        assert_eq!(number(99.999, Lang::En), "100");
        assert_eq!(number(-0.001, Lang::En), "0");
        assert_eq!(number(0.0, Lang::Zh), "0");
    }

    #[test]
    fn non_finite_is_a_dash() {
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(number(v, Lang::Zh), MISSING);
            assert_eq!(number(v, Lang::En), MISSING);
            assert_eq!(exact(v, Lang::En), MISSING);
            assert_eq!(percent(v), MISSING);
            assert_eq!(value_with_unit(v, "人", Lang::Zh), MISSING);
        }
    }

    #[test]
    fn units_attach_per_language() {
        assert_eq!(value_with_unit(404_915.0, "人", Lang::Zh), "40.49万人");
        assert_eq!(
            value_with_unit(404_915.0, "persons", Lang::En),
            "404,915 persons"
        );
        assert_eq!(value_with_unit(95.0, "%", Lang::En), "95%");
        assert_eq!(value_with_unit(7.0, "", Lang::En), "7");
        assert_eq!(exact_with_unit(404_915.0, "人", Lang::Zh), "404,915人");
        assert_eq!(exact_with_unit(95.25, "%", Lang::Zh), "95.25%");
    }

    #[test]
    fn differences_of_percentages_are_percentage_points() {
        assert_eq!(signed_difference(-0.06, "%", Lang::Zh), "-0.06个百分点");
        assert_eq!(signed_difference(1.5, "%", Lang::Zh), "+1.5个百分点");
        assert_eq!(
            signed_difference(-0.06, "% per year", Lang::En),
            "-0.06 pp per year"
        );
        assert_eq!(signed_difference(0.0, "%", Lang::En), "0 pp");
        assert_eq!(signed_difference(-127.0, "人", Lang::Zh), "-127人");
        assert_eq!(signed_difference(500.0, "units", Lang::En), "+500 units");
        assert_eq!(signed_difference(f64::NAN, "%", Lang::Zh), MISSING);
    }

    #[test]
    fn percent_has_one_decimal() {
        assert_eq!(percent(95.0), "95.0%");
        assert_eq!(percent(2.64159), "2.6%");
        assert_eq!(percent(-0.01), "0.0%");
        assert_eq!(percent(-2.5), "-2.5%");
    }

    #[test]
    fn axis_labels_share_scale_and_decimals() {
        let ticks = [400_000.0, 405_000.0, 410_000.0];
        assert_eq!(
            axis_labels(&ticks, 5_000.0, Lang::Zh),
            ["40.0万", "40.5万", "41.0万"]
        );
        assert_eq!(
            axis_labels(&ticks, 5_000.0, Lang::En),
            ["400,000", "405,000", "410,000"]
        );
        let fine = [404_800.0, 404_850.0];
        assert_eq!(axis_labels(&fine, 50.0, Lang::Zh), ["40.480万", "40.485万"]);
        assert_eq!(
            axis_labels(&[0.0, 0.25, 0.5], 0.25, Lang::En),
            ["0", "0.25", "0.50"]
        );
        assert_eq!(
            axis_labels(&[-5_000.0, 0.0, 5_000.0], 5_000.0, Lang::En),
            ["-5,000", "0", "5,000"]
        );
        assert_eq!(axis_labels(&[], 1.0, Lang::Zh), Vec::<String>::new());
        assert_eq!(axis_labels(&[1.0], 0.0, Lang::Zh), ["1"]);
    }
}

//! The names of the files the page saves: a scenario's name made safe for every file system
//! (`file_stem`), and the export and saved-scenario names built on it. Pure Rust: it builds
//! natively and its tests run with `cargo test`.

/// At most this many characters of a name go into a file name.
const MAX_STEM_CHARS: usize = 60;

/// A scenario's name as part of a file name: ASCII letters and digits and the visible non-ASCII
/// characters kept (Chinese names stay readable), the rest `-`: no `/`, `\`, `:`, `*`, `?`, `"`,
/// `<`, `>` or `|` (some systems refuse them), no spaces or control characters, and no invisible
/// formatting characters (zero-width or bidirectional controls, which can disguise a name); at
/// most `MAX_STEM_CHARS` characters, no `-` at either end. `None` when nothing is left.
pub fn file_stem(name: &str) -> Option<String> {
    let invisible = |c: char| matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}');
    let keep = |c: char| {
        c.is_ascii_alphanumeric()
            || (!c.is_ascii() && !c.is_whitespace() && !c.is_control() && !invisible(c))
    };
    let stem: String = name
        .chars()
        .map(|c| if keep(c) { c } else { '-' })
        .take(MAX_STEM_CHARS)
        .collect();
    let stem = stem.trim_matches('-');
    (!stem.is_empty()).then(|| stem.to_string())
}

/// A file name for an export: `licheng-<name>-<kind>.<ext>` (`licheng-<name>.<ext>` for the
/// scenario's own results); `licheng-<kind>.<ext>` for an unnamed scenario.
pub fn export_file_name(name: Option<&str>, kind: &str, ext: &str) -> String {
    match name.and_then(file_stem) {
        Some(stem) if kind == "scenario" => format!("licheng-{stem}.{ext}"),
        Some(stem) => format!("licheng-{stem}-{kind}.{ext}"),
        None => format!("licheng-{kind}.{ext}"),
    }
}

/// The file a saved scenario is exported to: `licheng-scenario-<name>.json`.
pub fn scenario_file_name(name: &str) -> String {
    match file_stem(name) {
        Some(stem) => format!("licheng-scenario-{stem}.json"),
        None => "licheng-scenario.json".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_chinese_and_replace_what_file_systems_refuse() {
        assert_eq!(
            scenario_file_name("高迁入 方案/A:B"),
            "licheng-scenario-高迁入-方案-A-B.json"
        );
        assert_eq!(
            scenario_file_name("2028 plan*?\"<>|\\"),
            "licheng-scenario-2028-plan.json"
        );
        assert_eq!(scenario_file_name("　***　"), "licheng-scenario.json");
        // Invisible and control characters do not pass into a file name.
        assert_eq!(
            scenario_file_name("a\u{202E}gpj.exe\u{200B}\u{85}"),
            "licheng-scenario-a-gpj-exe.json"
        );
        assert_eq!(scenario_file_name(""), "licheng-scenario.json");
        assert_eq!(file_stem(&"长".repeat(100)).unwrap().chars().count(), 60);
    }

    #[test]
    fn export_names_carry_the_scenario_and_what_is_exported() {
        assert_eq!(
            export_file_name(Some("高迁入方案 2026"), "meeting-table", "csv"),
            "licheng-高迁入方案-2026-meeting-table.csv"
        );
        assert_eq!(
            export_file_name(Some("高迁入方案 2026"), "scenario", "csv"),
            "licheng-高迁入方案-2026.csv"
        );
        assert_eq!(
            export_file_name(None, "chart-population", "svg"),
            "licheng-chart-population.svg"
        );
        // A name with nothing a file system keeps is as no name.
        assert_eq!(
            export_file_name(Some(" /:* "), "probabilities", "json"),
            "licheng-probabilities.json"
        );
    }
}

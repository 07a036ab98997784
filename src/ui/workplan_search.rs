//! The work plan browser's filter: which tasks a unit and a search text keep.

use crate::scenario::seeds::Task;

/// Whether `task` belongs to `unit` (an English unit name, the canonical key) when one is
/// chosen, and mentions `query` (trimmed; Latin letters in any case) in its title, text, clause
/// or units.
pub fn task_matches(task: &Task, unit: Option<&str>, query: &str) -> bool {
    if let Some(unit) = unit {
        if !task.units_en.iter().any(|u| u == unit) {
            return false;
        }
    }
    let query = query.trim().to_ascii_lowercase();
    if query.is_empty() {
        return true;
    }
    let fixed = [
        task.title_zh.as_str(),
        task.title_en.as_str(),
        task.text_zh(),
        task.clause_zh.as_str(),
    ];
    fixed
        .into_iter()
        .chain(task.units_zh.iter().map(String::as_str))
        .chain(task.units_en.iter().map(String::as_str))
        .any(|text| text.to_ascii_lowercase().contains(&query))
}

#[cfg(test)]
mod tests {
    use super::task_matches;
    use crate::scenario::seeds;

    #[test]
    fn search_ignores_the_case_of_latin_letters_and_finds_chinese_text() {
        let plan = seeds::workplan();
        let count = |query: &str| {
            plan.tasks
                .iter()
                .filter(|t| task_matches(t, None, query))
                .count()
        };
        let lower = count("5g");
        assert!(lower >= 1, "no task mentions 5G");
        assert_eq!(count("5G"), lower);
        assert_eq!(count("  HOUSING "), count("housing"));
        assert!(count("housing") >= 1);
        assert!(count("住房") >= 1);
        assert_eq!(count(""), plan.tasks.len());
        assert_eq!(count("no such words anywhere"), 0);
    }
}

//! The population table as CSV (`age,male,female`, one row per single year of age, the last
//! row the open group): parsing with errors that name the row and column.

use super::error::InputError;
use crate::model::baseline::{MAX_GROUPS, MIN_GROUPS};
use crate::model::cohort::Population;

/// Largest count accepted in one cell (a district, not a country; the messages below spell it
/// out: 1亿 / 100,000,000).
const MAX_CELL: f64 = 1e8;

/// Parses `age,male,female` CSV. Lines starting with `#` and blank lines are ignored; the first
/// other line must be the header. Ages must run 0, 1, 2, … without gaps; counts must be
/// finite and non-negative. Errors name the line (1-based, as an editor shows it) and column.
pub fn parse(text: &str) -> Result<Population, InputError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'));
    let (header_line, header) = lines.next().ok_or_else(|| {
        InputError::new(
            "CSV",
            "文件为空：需要表头 age,male,female 和各年龄行",
            "the file is empty: it needs the header age,male,female and one row per age",
        )
    })?;
    let columns: Vec<String> = header
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    if columns != ["age", "male", "female"] {
        return Err(InputError::located(
            format!("第 {header_line} 行"),
            format!("line {header_line}"),
            format!("表头应为 age,male,female，实际为 “{header}”"),
            format!("the header should be age,male,female, found '{header}'"),
        ));
    }
    let (mut male, mut female) = (Vec::new(), Vec::new());
    for (line, row) in lines {
        let at = |col: &str, zh: String, en: String| {
            InputError::located(
                format!("第 {line} 行 {col} 列"),
                format!("line {line}, column {col}"),
                zh,
                en,
            )
        };
        let cells: Vec<&str> = row.split(',').map(str::trim).collect();
        if cells.len() != 3 {
            return Err(InputError::located(
                format!("第 {line} 行"),
                format!("line {line}"),
                format!("应有 3 列（age,male,female），实际 {} 列", cells.len()),
                format!(
                    "should have 3 columns (age,male,female), found {}",
                    cells.len()
                ),
            ));
        }
        let expected_age = male.len();
        match cells[0].parse::<usize>() {
            Ok(age) if age == expected_age => {}
            _ => {
                return Err(at(
                    "age",
                    format!(
                        "年龄应为 {expected_age}（从 0 起逐岁连续），实际为 “{}”",
                        cells[0]
                    ),
                    format!(
                        "age should be {expected_age} (consecutive from 0), found '{}'",
                        cells[0]
                    ),
                ))
            }
        }
        if expected_age >= MAX_GROUPS {
            return Err(at(
                "age",
                format!(
                    "年龄组过多：最多 {MAX_GROUPS} 组（0 至 {} 岁及以上）",
                    MAX_GROUPS - 1
                ),
                format!(
                    "too many ages: at most {MAX_GROUPS} rows (0 to {}+)",
                    MAX_GROUPS - 1
                ),
            ));
        }
        for (col, cell, out) in [
            ("male", cells[1], &mut male),
            ("female", cells[2], &mut female),
        ] {
            let value = cell
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && *v >= 0.0 && *v <= MAX_CELL);
            match value {
                Some(v) => out.push(v),
                None => {
                    return Err(at(
                        col,
                        format!("应为 0 至 1亿 之间的数字，实际为 “{cell}”"),
                        format!("should be a number from 0 to 100,000,000, found '{cell}'"),
                    ))
                }
            }
        }
    }
    if male.len() < MIN_GROUPS {
        return Err(InputError::new(
            "CSV",
            format!(
                "年龄行太少：需要 0 至至少 {} 岁（{MIN_GROUPS} 行），实际 {} 行",
                MIN_GROUPS - 1,
                male.len()
            ),
            format!(
                "too few ages: needs 0 to at least {} ({MIN_GROUPS} rows), found {}",
                MIN_GROUPS - 1,
                male.len()
            ),
        ));
    }
    Ok(Population::new(female, male)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: usize) -> String {
        let mut s = String::from("# comment\nage,male,female\n");
        for a in 0..rows {
            s.push_str(&format!("{a},{},{}\n", 100 + a, 90 + a));
        }
        s
    }

    #[test]
    fn valid_table_parses() {
        let p = parse(&table(101)).unwrap();
        assert_eq!(p.groups(), 101);
        assert_eq!(p.sex(crate::model::cohort::MALE)[3], 103.0);
    }

    #[test]
    fn bad_cell_names_line_and_column() {
        let text = table(101).replace("5,105,95", "5,105,abc");
        let err = parse(&text).unwrap_err();
        assert!(
            err.location.contains("line 8") && err.location.contains("female"),
            "{}",
            err.location
        );
    }

    #[test]
    fn gap_in_ages_and_short_table_are_reported() {
        let err = parse(&table(101).replace("\n7,", "\n9,")).unwrap_err();
        assert!(err.location.contains("age"));
        assert!(parse(&table(20)).is_err());
        assert!(parse("").is_err());
        assert!(parse("a,b,c\n").is_err());
    }
}
